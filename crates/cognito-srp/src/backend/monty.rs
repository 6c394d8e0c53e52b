//! Montgomery arithmetic for the one modulus SRP uses: the 3072-bit group's N, as 48 64-bit
//! limbs on the stack. No allocation, product and reduction interleaved column by column with
//! the running sum in registers, and exponentiation whose sequence of operations and memory accesses
//! depends only on the exponent's bit length, not on its bits.

use std::sync::OnceLock;

use num_bigint::BigUint;

use crate::group::N_BYTES;

/// Limbs in N.
pub(super) const LIMBS: usize = 48;

/// A residue in Montgomery form (`x * 2^3072 mod N`), little-endian limbs, always below N.
pub(super) type Limbs = [u64; LIMBS];

/// Exponent bits consumed per table lookup in [`Monty::pow`].
const WINDOW: u32 = 5;

/// N and the constants Montgomery arithmetic modulo N needs.
pub(super) struct Monty {
    n: Limbs,
    /// `-N^-1 mod 2^64`.
    n0_inv: u64,
    /// `2^6144 mod N`, to enter Montgomery form.
    r2: Limbs,
    /// `2^3072 mod N`: one in Montgomery form.
    one: Limbs,
}

pub(super) fn monty() -> &'static Monty {
    static MONTY: OnceLock<Monty> = OnceLock::new();
    MONTY.get_or_init(Monty::new)
}

fn to_limbs(n: &BigUint) -> Limbs {
    let mut limbs = [0u64; LIMBS];
    for (limb, digit) in limbs.iter_mut().zip(n.iter_u64_digits()) {
        *limb = digit;
    }
    limbs
}

fn from_limbs(limbs: &Limbs) -> BigUint {
    BigUint::from_slice(
        &limbs
            .iter()
            .flat_map(|&limb| [limb as u32, (limb >> 32) as u32])
            .collect::<Vec<_>>(),
    )
}

impl Monty {
    fn new() -> Self {
        let n_big = BigUint::from_bytes_be(&N_BYTES);
        let n = to_limbs(&n_big);
        // Newton's iteration for N^-1 mod 2^64 (N is odd): each step doubles the correct bits.
        let mut inv = 1u64;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n[0].wrapping_mul(inv)));
        }
        let r = BigUint::from(1u8) << (64 * LIMBS);
        Self {
            n,
            n0_inv: inv.wrapping_neg(),
            r2: to_limbs(&((&r * &r) % &n_big)),
            one: to_limbs(&(r % &n_big)),
        }
    }

    /// Montgomery form of `x`, which must be below N.
    pub(super) fn enter(&self, x: &BigUint) -> Limbs {
        self.mul(&to_limbs(x), &self.r2)
    }

    /// The integer a Montgomery-form residue stands for.
    pub(super) fn leave(&self, x: &Limbs) -> BigUint {
        let mut one = [0u64; LIMBS];
        one[0] = 1;
        from_limbs(&self.mul(x, &one))
    }

    /// `-N^-1 mod 2^64`.
    #[cfg(target_arch = "x86_64")]
    pub(super) fn n0_inv(&self) -> u64 {
        self.n0_inv
    }

    /// `a * b / 2^3072 mod N` by finely integrated product scanning: the product and the
    /// reduction are summed column by column in a three-limb accumulator held in registers.
    pub(super) fn mul(&self, a: &Limbs, b: &Limbs) -> Limbs {
        let n = &self.n;
        let mut m = [0u64; LIMBS];
        let mut out = [0u64; LIMBS];
        let mut acc: u128 = 0;
        let mut hi: u64 = 0;
        macro_rules! mac {
            ($x:expr, $y:expr) => {{
                let (sum, carry) = acc.overflowing_add(u128::from($x) * u128::from($y));
                acc = sum;
                hi += u64::from(carry);
            }};
        }
        for i in 0..LIMBS {
            for j in 0..i {
                mac!(a[j], b[i - j]);
                mac!(m[j], n[i - j]);
            }
            mac!(a[i], b[0]);
            let mi = (acc as u64).wrapping_mul(self.n0_inv);
            m[i] = mi;
            mac!(mi, n[0]);
            acc = (acc >> 64) | (u128::from(hi) << 64);
            hi = 0;
        }
        for i in LIMBS..2 * LIMBS {
            for j in i - LIMBS + 1..LIMBS {
                mac!(a[j], b[i - j]);
                mac!(m[j], n[i - j]);
            }
            out[i - LIMBS] = acc as u64;
            acc = (acc >> 64) | (u128::from(hi) << 64);
            hi = 0;
        }
        self.subtract_if_needed(out, acc as u64)
    }

    /// `top:result` is below 2N: subtracts N once if it is at least N, choosing by mask rather
    /// than by branch.
    fn subtract_if_needed(&self, mut result: Limbs, top: u64) -> Limbs {
        let mut diff = [0u64; LIMBS];
        let mut borrow = 0u64;
        for ((d, &r), &n) in diff.iter_mut().zip(&result).zip(&self.n) {
            let (x, b1) = r.overflowing_sub(n);
            let (x, b2) = x.overflowing_sub(borrow);
            *d = x;
            borrow = u64::from(b1 | b2);
        }
        // Keep the difference when it did not underflow, or when the sum overflowed 2^3072.
        let keep_diff = 0u64.wrapping_sub((borrow ^ 1) | top);
        for (r, d) in result.iter_mut().zip(&diff) {
            *r = (*d & keep_diff) | (*r & !keep_diff);
        }
        result
    }
}

/// Montgomery arithmetic modulo N: `monty.rs` everywhere, `ifma.rs` on processors with AVX-512
/// IFMA. Each has its own representation; both convert from and to this module's.
pub(super) trait Montgomery {
    type Residue: Copy;

    /// One.
    fn one(&self) -> Self::Residue;
    /// `a * b` (divided by the representation's R).
    fn mul(&self, a: &Self::Residue, b: &Self::Residue) -> Self::Residue;
    /// `table[index]`, reading every entry.
    fn select(&self, table: &[Self::Residue], index: u64) -> Self::Residue;
    /// From this module's Montgomery form.
    fn import(&self, x: &Limbs) -> Self::Residue;
    /// To this module's Montgomery form, fully reduced.
    fn export(&self, x: &Self::Residue) -> Limbs;
}

impl Montgomery for Monty {
    type Residue = Limbs;

    fn one(&self) -> Limbs {
        self.one
    }

    fn mul(&self, a: &Limbs, b: &Limbs) -> Limbs {
        Monty::mul(self, a, b)
    }

    fn select(&self, table: &[Limbs], index: u64) -> Limbs {
        select(table, index)
    }

    fn import(&self, x: &Limbs) -> Limbs {
        *x
    }

    fn export(&self, x: &Limbs) -> Limbs {
        *x
    }
}

/// `base^exp`, by fixed 5-bit windows: the same squarings, multiplications and table reads
/// (every entry, selected by mask) whatever the exponent's bits are; only its length shows.
pub(super) fn pow<M: Montgomery>(m: &M, base: &M::Residue, exp: &BigUint) -> M::Residue {
    let mut table = [m.one(); 1 << WINDOW];
    table[1] = *base;
    for i in 2..table.len() {
        table[i] = m.mul(&table[i - 1], base);
    }
    let bits = exp.bits();
    let windows = bits.div_ceil(u64::from(WINDOW));
    let mut acc = m.one();
    for w in (0..windows).rev() {
        if w + 1 != windows {
            for _ in 0..WINDOW {
                acc = m.mul(&acc, &acc);
            }
        }
        let mut digit = 0u64;
        for bit in 0..u64::from(WINDOW) {
            let index = w * u64::from(WINDOW) + bit;
            digit |= u64::from(exp.bit(index)) << bit;
        }
        acc = m.mul(&acc, &m.select(&table, digit));
    }
    acc
}

/// `table[index]`, reading every entry so the memory access does not depend on `index`.
pub(super) fn select<const WORDS: usize>(table: &[[u64; WORDS]], index: u64) -> [u64; WORDS] {
    let mut out = [0u64; WORDS];
    for (i, entry) in table.iter().enumerate() {
        // All ones when i == index, else zero, without a comparison branch.
        let diff = i as u64 ^ index;
        let mask = ((diff | diff.wrapping_neg()) >> 63).wrapping_sub(1);
        for (o, &e) in out.iter_mut().zip(entry) {
            *o |= e & mask;
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) mod tests {
    use proptest::prelude::*;

    use super::*;

    pub(in crate::backend) fn n() -> BigUint {
        BigUint::from_bytes_be(&N_BYTES)
    }

    /// Any residue: random bytes up to N's length, reduced.
    pub(in crate::backend) fn residue() -> impl Strategy<Value = BigUint> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..=384)
                .prop_map(|bytes| BigUint::from_bytes_be(&bytes) % n()),
            Just(BigUint::from(0u8)),
            Just(BigUint::from(1u8)),
            Just(n() - 1u8),
            Just(n() - 2u8),
            Just((BigUint::from(1u8) << 3071u32) % n()),
        ]
    }

    /// Exponents of every length from nothing to well past N's.
    fn exponent() -> impl Strategy<Value = BigUint> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..=400)
                .prop_map(|bytes| BigUint::from_bytes_be(&bytes)),
            (0u32..3200).prop_map(|bits| (BigUint::from(1u8) << bits) - 1u8),
            (0u32..3200).prop_map(|bits| BigUint::from(1u8) << bits),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn multiplication_agrees_with_num_bigint(a in residue(), b in residue()) {
            let m = monty();
            let (am, bm) = (m.enter(&a), m.enter(&b));
            prop_assert_eq!(m.leave(&am), a.clone());
            prop_assert_eq!(m.leave(&m.mul(&am, &bm)), (&a * &b) % n());
            prop_assert_eq!(m.leave(&m.mul(&am, &am)), (&a * &a) % n());
        }

        #[test]
        fn exponentiation_agrees_with_num_bigint(base in residue(), exp in exponent()) {
            let m = monty();
            prop_assert_eq!(m.leave(&pow(m, &m.enter(&base), &exp)), base.modpow(&exp, &n()));
        }
    }

    #[test]
    fn results_are_fully_reduced() {
        // (N - 1)^2 = 1 and R-scaled neighbours of N: the final subtraction must happen exactly
        // when needed, so results compare equal limb for limb.
        let m = monty();
        let top = m.enter(&(n() - 1u8));
        assert_eq!(m.mul(&top, &top), m.one);
        assert_eq!(m.mul(&top, &m.one), top);
        assert!(m.leave(&m.mul(&top, &top)) < n());
    }

    #[test]
    fn the_final_subtraction_happens_exactly_when_needed() {
        // N is within 2^-64 of 2^3072, so random products almost never need it: test it directly.
        let m = monty();
        let zero = [0u64; LIMBS];
        assert_eq!(m.subtract_if_needed(m.n, 0), zero, "N itself");
        let mut below = m.n;
        below[0] -= 1;
        assert_eq!(m.subtract_if_needed(below, 0), below, "N - 1");
        // 2^3072 + 5 - N, carried in `top`.
        let mut five = zero;
        five[0] = 5;
        let expected = to_limbs(&((BigUint::from(1u8) << 3072u32) + 5u8 - n()));
        assert_eq!(
            m.subtract_if_needed(five, 1),
            expected,
            "overflow past 2^3072"
        );
    }

    #[test]
    fn select_reads_the_entry_asked_for() {
        let table: Vec<Limbs> = (0..32u64).map(|i| [i * 3 + 1; LIMBS]).collect();
        for i in 0..32u64 {
            assert_eq!(select(&table, i), [i * 3 + 1; LIMBS]);
        }
    }
}
