//! Montgomery arithmetic for the one modulus SRP uses: the 3072-bit group's N, as 48 64-bit
//! limbs on the stack. No allocation, a dedicated squaring (about a quarter fewer limb products
//! than a multiplication), and exponentiation whose sequence of operations and memory accesses
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

    /// One in Montgomery form.
    pub(super) fn one(&self) -> Limbs {
        self.one
    }

    /// `a * b / 2^3072 mod N`.
    pub(super) fn mul(&self, a: &Limbs, b: &Limbs) -> Limbs {
        let mut t = [0u64; 2 * LIMBS];
        for (i, &ai) in a.iter().enumerate() {
            let (row, rest) = t[i..].split_at_mut(LIMBS);
            rest[0] = mul_add(row, b, ai, 0);
        }
        self.reduce(&mut t)
    }

    /// `a * a / 2^3072 mod N`: each cross product computed once and doubled.
    pub(super) fn square(&self, a: &Limbs) -> Limbs {
        let mut t = [0u64; 2 * LIMBS];
        // Cross products a[i] * a[j], i < j.
        for i in 0..LIMBS - 1 {
            let (row, rest) = t[2 * i + 1..].split_at_mut(LIMBS - i - 1);
            rest[0] = mul_add(row, &a[i + 1..], a[i], 0);
        }
        // Double them, then add the squares a[i]^2.
        let mut top = 0u64;
        for limb in t.iter_mut() {
            let next = *limb >> 63;
            *limb = (*limb << 1) | top;
            top = next;
        }
        let mut carry = 0u64;
        for i in 0..LIMBS {
            let sq = u128::from(a[i]) * u128::from(a[i]);
            let x = u128::from(t[2 * i]) + u128::from(sq as u64) + u128::from(carry);
            t[2 * i] = x as u64;
            let y = u128::from(t[2 * i + 1]) + (sq >> 64) + (x >> 64);
            t[2 * i + 1] = y as u64;
            carry = (y >> 64) as u64;
        }
        self.reduce(&mut t)
    }

    /// Montgomery reduction of `t < N * 2^3072`: `t / 2^3072 mod N`, fully reduced.
    fn reduce(&self, t: &mut [u64; 2 * LIMBS]) -> Limbs {
        let mut top = 0u64;
        for i in 0..LIMBS {
            let m = t[i].wrapping_mul(self.n0_inv);
            let (row, rest) = t[i..].split_at_mut(LIMBS);
            let carry = mul_add(row, &self.n, m, 0);
            let x = u128::from(rest[0]) + u128::from(carry) + u128::from(top);
            rest[0] = x as u64;
            top = (x >> 64) as u64;
        }
        // The result `top:t[LIMBS..]` is below 2N: subtract N once if it is at least N, choosing
        // by mask rather than by branch.
        let mut result = [0u64; LIMBS];
        result.copy_from_slice(&t[LIMBS..]);
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

    /// `base^exp` for `base` in Montgomery form, by fixed 5-bit windows: the same squarings,
    /// multiplications and table reads (every entry, selected by mask) whatever the exponent's
    /// bits are; only its length shows.
    pub(super) fn pow(&self, base: &Limbs, exp: &BigUint) -> Limbs {
        let mut table = [[0u64; LIMBS]; 1 << WINDOW];
        table[0] = self.one;
        table[1] = *base;
        for i in 2..table.len() {
            table[i] = self.mul(&table[i - 1], base);
        }
        let bits = exp.bits();
        let windows = bits.div_ceil(u64::from(WINDOW));
        let mut acc = self.one;
        for w in (0..windows).rev() {
            if w + 1 != windows {
                for _ in 0..WINDOW {
                    acc = self.square(&acc);
                }
            }
            let mut digit = 0u64;
            for bit in 0..u64::from(WINDOW) {
                let index = w * u64::from(WINDOW) + bit;
                digit |= u64::from(exp.bit(index)) << bit;
            }
            acc = self.mul(&acc, &select(&table, digit));
        }
        acc
    }
}

/// `acc += b * m` over `acc.len() == b.len()` limbs, starting with `carry`; returns the carry out.
#[inline(always)]
fn mul_add(acc: &mut [u64], b: &[u64], m: u64, mut carry: u64) -> u64 {
    for (t, &bj) in acc.iter_mut().zip(b) {
        let x = u128::from(*t) + u128::from(m) * u128::from(bj) + u128::from(carry);
        *t = x as u64;
        carry = (x >> 64) as u64;
    }
    carry
}

/// `table[index]`, reading every entry so the memory access does not depend on `index`.
pub(super) fn select(table: &[Limbs], index: u64) -> Limbs {
    let mut out = [0u64; LIMBS];
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
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn n() -> BigUint {
        BigUint::from_bytes_be(&N_BYTES)
    }

    /// Any residue: random bytes up to N's length, reduced.
    fn residue() -> impl Strategy<Value = BigUint> {
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
        fn multiplication_and_squaring_agree_with_num_bigint(a in residue(), b in residue()) {
            let m = monty();
            let (am, bm) = (m.enter(&a), m.enter(&b));
            prop_assert_eq!(m.leave(&am), a.clone());
            prop_assert_eq!(m.leave(&m.mul(&am, &bm)), (&a * &b) % n());
            prop_assert_eq!(m.leave(&m.square(&am)), (&a * &a) % n());
        }

        #[test]
        fn exponentiation_agrees_with_num_bigint(base in residue(), exp in exponent()) {
            let m = monty();
            prop_assert_eq!(m.leave(&m.pow(&m.enter(&base), &exp)), base.modpow(&exp, &n()));
        }
    }

    #[test]
    fn results_are_fully_reduced() {
        // (N - 1)^2 = 1 and R-scaled neighbours of N: the final subtraction must happen exactly
        // when needed, so results compare equal limb for limb.
        let m = monty();
        let top = m.enter(&(n() - 1u8));
        assert_eq!(m.square(&top), m.one());
        assert_eq!(m.mul(&top, &m.one()), top);
        assert!(m.leave(&m.mul(&top, &top)) < n());
    }

    #[test]
    fn select_reads_the_entry_asked_for() {
        let table: Vec<Limbs> = (0..32u64).map(|i| [i * 3 + 1; LIMBS]).collect();
        for i in 0..32u64 {
            assert_eq!(select(&table, i), [i * 3 + 1; LIMBS]);
        }
    }
}
