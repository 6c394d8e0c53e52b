//! Montgomery arithmetic modulo N with AVX-512 IFMA, for x86-64 processors that have it (Intel
//! since Ice Lake, AMD since Zen 4). Used in place of `monty.rs` when the processor reports the
//! features at run time; several times faster there.
//!
//! Residues are 60 digits of 52 bits (IFMA multiplies 52-bit lanes into 104-bit products), in
//! eight 512-bit registers. Multiplication is word-by-word Montgomery with `R = 2^3120` that skips
//! the final subtraction ("almost Montgomery": inputs and outputs below 2N, which holds because
//! 4N < R), so no step depends on the values. Digit sums are left uncarried until the end of each
//! multiplication: 60 rounds add at most 240 products of 52 bits to a 64-bit lane, below 2^60.
//!
//! The only `unsafe` is calling the `#[target_feature]` function, which is sound because an
//! [`Ifma`] exists only after the run-time check, and the unaligned register loads and stores.

use std::arch::x86_64::{
    __m512i, _mm512_add_epi64, _mm512_alignr_epi64, _mm512_loadu_si512, _mm512_madd52hi_epu64,
    _mm512_madd52lo_epu64, _mm512_maskz_set1_epi64, _mm512_set1_epi64, _mm512_setzero_si512,
    _mm512_storeu_si512,
};
use std::sync::OnceLock;

use num_bigint::BigUint;

#[cfg(test)]
use super::monty::pow;
use super::monty::{LIMBS, Limbs, Montgomery, monty, select};
use crate::group::N_BYTES;

/// Digits in a residue: 60 × 52 = 3120 bits, enough for anything below 2N.
const DIGITS: usize = 60;
/// 64-bit lanes, 60 used and 4 always zero.
const LANES: usize = 64;
/// 512-bit registers per residue.
const REGS: usize = LANES / 8;
const MASK: u64 = (1 << 52) - 1;

/// A residue times `2^3120` modulo N, below 2N, as 52-bit digits, least significant first.
pub(super) type Digits = [u64; LANES];

/// N and the constants for IFMA Montgomery arithmetic. Exists only on processors with AVX-512F
/// and AVX-512 IFMA.
#[derive(Debug)]
pub(super) struct Ifma {
    n: Digits,
    /// `-N^-1 mod 2^52`.
    k0: u64,
    /// `2^3120 mod N`: one.
    one: Digits,
    /// `2^3168 mod N`: multiplying a `monty.rs` residue (`x * 2^3072`) by it gives `x * 2^3120`.
    into_ours: Digits,
    /// `2^3072 mod N`: multiplying by it gives back `x * 2^3072`.
    into_monty: Digits,
}

/// The IFMA arithmetic, when this processor has it.
pub(super) fn ifma() -> Option<&'static Ifma> {
    static IFMA: OnceLock<Option<Ifma>> = OnceLock::new();
    IFMA.get_or_init(|| {
        (std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512ifma"))
        .then(Ifma::new)
    })
    .as_ref()
}

impl Ifma {
    fn new() -> Self {
        let n = BigUint::from_bytes_be(&N_BYTES);
        let power = |bits: u32| to_digits(&((BigUint::from(1u8) << bits) % &n));
        Self {
            n: to_digits(&n),
            k0: monty().n0_inv() & MASK,
            one: power(3120),
            into_ours: power(3168),
            into_monty: power(3072),
        }
    }

    /// `x - N` if that is not negative, else `x`, for normalised digits; chosen by mask.
    fn reduce(&self, x: &Digits) -> Digits {
        let mut diff = [0u64; LANES];
        let mut borrow = 0u64;
        for ((d, &x), &n) in diff.iter_mut().zip(x).zip(&self.n) {
            let v = x.wrapping_sub(n).wrapping_sub(borrow);
            *d = v & MASK;
            borrow = v >> 63;
        }
        let keep_x = 0u64.wrapping_sub(borrow);
        let mut out = [0u64; LANES];
        for ((o, &x), &d) in out.iter_mut().zip(x).zip(&diff) {
            *o = (x & keep_x) | (d & !keep_x);
        }
        out
    }
}

impl Montgomery for Ifma {
    type Residue = Digits;

    fn one(&self) -> Digits {
        self.one
    }

    fn mul(&self, a: &Digits, b: &Digits) -> Digits {
        // SAFETY: an `Ifma` is only made after `ifma()` found AVX-512F and AVX-512 IFMA.
        unsafe { almost_montgomery(a, b, &self.n, self.k0) }
    }

    fn select(&self, table: &[Digits], index: u64) -> Digits {
        select(table, index)
    }

    fn import(&self, x: &Limbs) -> Digits {
        let digits = words_to_digits(x);
        self.mul(&digits, &self.into_ours)
    }

    fn export(&self, x: &Digits) -> Limbs {
        digits_to_limbs(&self.reduce(&self.mul(x, &self.into_monty)))
    }
}

/// `a * b / 2^3120 mod N`, below 2N when `a` and `b` are, with normalised digits.
#[target_feature(enable = "avx512f,avx512ifma")]
unsafe fn almost_montgomery(a: &Digits, b: &Digits, n: &Digits, k0: u64) -> Digits {
    let zero = _mm512_setzero_si512();
    let mut av = [zero; REGS];
    let mut nv = [zero; REGS];
    for r in 0..REGS {
        // SAFETY: each load reads 8 of the 64 lanes, in bounds.
        unsafe {
            av[r] = _mm512_loadu_si512(a[8 * r..].as_ptr().cast());
            nv[r] = _mm512_loadu_si512(n[8 * r..].as_ptr().cast());
        }
    }
    let mut acc = [zero; REGS];
    // The low digit of the accumulator, kept in a scalar register too, so the reduction
    // factor does not wait for a vector round trip.
    let mut low = 0u64;
    for &digit in &b[..DIGITS] {
        let bi = _mm512_set1_epi64(digit as i64);
        let t0 = low + (a[0].wrapping_mul(digit) & MASK);
        let m = t0.wrapping_mul(k0) & MASK;
        let mv = _mm512_set1_epi64(m as i64);
        // What the low lane's sum carries into the next digit once it is divisible by 2^52.
        let carry = (t0 + (n[0].wrapping_mul(m) & MASK)) >> 52;
        for r in 0..REGS {
            acc[r] = _mm512_madd52lo_epu64(acc[r], av[r], bi);
            acc[r] = _mm512_madd52lo_epu64(acc[r], nv[r], mv);
        }
        // Divide by 2^52: every lane moves down one.
        for r in 0..REGS - 1 {
            acc[r] = _mm512_alignr_epi64::<1>(acc[r + 1], acc[r]);
        }
        acc[REGS - 1] = _mm512_alignr_epi64::<1>(zero, acc[REGS - 1]);
        acc[0] = _mm512_add_epi64(acc[0], _mm512_maskz_set1_epi64(1, carry as i64));
        // The high halves of the products belong one digit up, which is now the same lane.
        for r in 0..REGS {
            acc[r] = _mm512_madd52hi_epu64(acc[r], av[r], bi);
            acc[r] = _mm512_madd52hi_epu64(acc[r], nv[r], mv);
        }
        let mut lane0 = [0u64; 8];
        // SAFETY: stores 8 lanes into an 8-lane array.
        unsafe { _mm512_storeu_si512(lane0.as_mut_ptr().cast::<__m512i>(), acc[0]) };
        low = lane0[0];
    }
    let mut out = [0u64; LANES];
    for r in 0..REGS {
        // SAFETY: each store writes 8 of the 64 lanes, in bounds.
        unsafe { _mm512_storeu_si512(out[8 * r..].as_mut_ptr().cast::<__m512i>(), acc[r]) };
    }
    // Carry the sums into 52-bit digits. The value is below 2N < 2^3120, so nothing is left over.
    let mut carry = 0u64;
    for digit in &mut out[..DIGITS] {
        let v = *digit + carry;
        *digit = v & MASK;
        carry = v >> 52;
    }
    out
}

/// `x`, below 2^3120, as digits.
fn to_digits(x: &BigUint) -> Digits {
    words_to_digits(&x.iter_u64_digits().collect::<Vec<_>>())
}

/// Little-endian 64-bit words (at most 3120 bits' worth) as 52-bit digits.
fn words_to_digits(x: &[u64]) -> Digits {
    let word = |i: usize| x.get(i).copied().unwrap_or(0);
    let mut out = [0u64; LANES];
    for (j, digit) in out[..DIGITS].iter_mut().enumerate() {
        let (index, offset) = (52 * j / 64, 52 * j % 64);
        let mut value = word(index) >> offset;
        if offset > 12 {
            value |= word(index + 1) << (64 - offset);
        }
        *digit = value & MASK;
    }
    out
}

/// Normalised digits of a value below 2^3072 as 48 limbs.
fn digits_to_limbs(x: &Digits) -> Limbs {
    let mut out = [0u64; LIMBS];
    let mut buffer = 0u128;
    let mut bits = 0;
    let mut next = 0;
    for &digit in &x[..DIGITS] {
        buffer |= u128::from(digit) << bits;
        bits += 52;
        if bits >= 64 {
            if let Some(limb) = out.get_mut(next) {
                *limb = buffer as u64;
            }
            next += 1;
            buffer >>= 64;
            bits -= 64;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::backend::monty::tests::{n, residue};

    fn from_digits(x: &Digits) -> BigUint {
        x[..DIGITS]
            .iter()
            .rev()
            .fold(BigUint::from(0u8), |acc, &d| (acc << 52u32) + d)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn digits_round_trip(x in residue()) {
            let limbs = monty().enter(&x);
            prop_assert_eq!(digits_to_limbs(&words_to_digits(&limbs)), limbs);
            prop_assert_eq!(from_digits(&to_digits(&x)), x);
        }

        #[test]
        fn multiplication_agrees_with_monty(a in residue(), b in residue()) {
            // Skipped, not failed, on processors without IFMA: `monty.rs` serves them.
            let Some(ifma) = ifma() else { return Ok(()) };
            let m = monty();
            let (am, bm) = (m.enter(&a), m.enter(&b));
            let (aw, bw) = (ifma.import(&am), ifma.import(&bm));
            prop_assert!(from_digits(&aw) < n() * 2u8);
            let product = ifma.mul(&aw, &bw);
            prop_assert!(from_digits(&product) < n() * 2u8);
            prop_assert_eq!(ifma.export(&product), m.mul(&am, &bm));
            prop_assert_eq!(ifma.export(&aw), am);
        }

        #[test]
        fn exponentiation_agrees_with_num_bigint(
            base in residue(),
            exp in proptest::collection::vec(any::<u8>(), 0..=160),
        ) {
            let Some(ifma) = ifma() else { return Ok(()) };
            let exp = BigUint::from_bytes_be(&exp);
            let m = monty();
            let result = pow(ifma, &ifma.import(&m.enter(&base)), &exp);
            prop_assert_eq!(m.leave(&ifma.export(&result)), base.modpow(&exp, &n()));
        }
    }

    #[test]
    fn products_of_the_largest_inputs_stay_below_2n() {
        // 2N - 1 in both operands: the worst case for the uncarried sums and the bound.
        let Some(ifma) = ifma() else { return };
        let big = to_digits(&(n() * 2u8 - 1u8));
        let product = ifma.mul(&big, &big);
        let r_inverse = (BigUint::from(1u8) << 3120u32)
            .modinv(&n())
            .expect("N is odd");
        let expected = (n() * 2u8 - 1u8).pow(2) * r_inverse % n();
        assert!(from_digits(&product) < n() * 2u8);
        assert_eq!(from_digits(&product) % n(), expected);
    }

    #[test]
    fn reduce_subtracts_exactly_when_needed() {
        let Some(ifma) = ifma() else { return };
        let below = to_digits(&(n() - 1u8));
        assert_eq!(ifma.reduce(&below), below);
        assert_eq!(ifma.reduce(&to_digits(&n())), [0u64; LANES]);
        let above = to_digits(&(n() + 7u8));
        assert_eq!(from_digits(&ifma.reduce(&above)), BigUint::from(7u8));
    }
}
