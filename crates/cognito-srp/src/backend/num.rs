//! num-bigint for general arithmetic, with our own fixed-size Montgomery arithmetic
//! (`monty.rs`) for the exponentiations, which dominate a sign-in.

use std::sync::OnceLock;

use num_bigint::BigUint;
use num_traits::Zero;

#[cfg(target_arch = "x86_64")]
use super::ifma::{Ifma, ifma};
use super::monty::{Limbs, Montgomery, Monty, monty, pow};
use super::{Backend, sealed::Sealed};
use crate::group::{G, N_BYTES};

/// The num-bigint backend, exponentiating with fixed-size Montgomery arithmetic modulo N.
#[derive(Debug, Clone, Copy)]
pub struct NumBigint;

impl Sealed for NumBigint {}

fn n() -> &'static BigUint {
    static N: OnceLock<BigUint> = OnceLock::new();
    N.get_or_init(|| BigUint::from_bytes_be(&N_BYTES))
}

/// Exponents up to this many bits (Cognito's 128-byte `a`, and every `b` and `x`) use the
/// fixed-base table; longer ones the general exponentiation.
const FIXED_BASE_BITS: u64 = 1024;
/// Bits of the exponent consumed per table lookup.
const WINDOW_BITS: u64 = 4;

/// Fixed-base exponentiation for g: `table[i][d] = g^(d * 16^i)`, so `g^e` is one Montgomery
/// multiplication per 4-bit digit of `e` and no squarings: 256 multiplications for a 1024-bit
/// exponent instead of ~1,300 squarings and multiplications. Every digit up to the exponent's
/// length, zero included, costs the same multiplication and reads its whole row. Built once per
/// process, in the representation of the arithmetic in use (1.5 MB for `monty.rs`, 2 MB for
/// `ifma.rs`; a few milliseconds).
struct FixedBase<M: Montgomery> {
    table: Vec<[M::Residue; 1 << WINDOW_BITS]>,
}

impl<M: Montgomery> FixedBase<M> {
    fn build(m: &M) -> Self {
        let mut table = Vec::with_capacity((FIXED_BASE_BITS / WINDOW_BITS) as usize);
        // base = g^(16^i)
        let mut base = m.import(&monty().enter(&BigUint::from(G)));
        for _ in 0..FIXED_BASE_BITS / WINDOW_BITS {
            let mut row = [m.one(); 1 << WINDOW_BITS];
            for d in 1..row.len() {
                row[d] = m.mul(&row[d - 1], &base);
            }
            // g^(16^(i+1)) = g^(15 * 16^i) * g^(16^i)
            base = m.mul(&row[row.len() - 1], &base);
            table.push(row);
        }
        Self { table }
    }

    /// `g^exp mod N`, in `monty.rs`'s form, for `exp` of at most `FIXED_BASE_BITS` bits.
    fn pow(&self, m: &M, exp: &BigUint) -> Limbs {
        let mut acc = m.one();
        let digits = exp.bits().div_ceil(WINDOW_BITS) as usize;
        for (i, row) in self.table.iter().take(digits).enumerate() {
            let mut digit = 0u64;
            for bit in 0..WINDOW_BITS {
                digit |= u64::from(exp.bit(i as u64 * WINDOW_BITS + bit)) << bit;
            }
            acc = m.mul(&acc, &m.select(row, digit));
        }
        m.export(&acc)
    }
}

/// `g^exp mod N` through the fixed-base table of the fastest arithmetic this processor has.
fn fixed_base_pow(exp: &BigUint) -> BigUint {
    #[cfg(target_arch = "x86_64")]
    if let Some(fast) = ifma() {
        static TABLE: OnceLock<FixedBase<Ifma>> = OnceLock::new();
        let table = TABLE.get_or_init(|| FixedBase::build(fast));
        return monty().leave(&table.pow(fast, exp));
    }
    portable_fixed_base_pow(exp)
}

fn portable_fixed_base_pow(exp: &BigUint) -> BigUint {
    static TABLE: OnceLock<FixedBase<Monty>> = OnceLock::new();
    let m = monty();
    m.leave(&TABLE.get_or_init(|| FixedBase::build(m)).pow(m, exp))
}

/// `base^exp mod N` in the fastest Montgomery arithmetic this processor has.
fn monty_pow(base: &BigUint, exp: &BigUint) -> BigUint {
    let m = monty();
    let base = if base < n() {
        m.enter(base)
    } else {
        m.enter(&(base % n()))
    };
    #[cfg(target_arch = "x86_64")]
    if let Some(fast) = ifma() {
        return m.leave(&fast.export(&pow(fast, &fast.import(&base), exp)));
    }
    m.leave(&pow(m, &base, exp))
}

impl Backend for NumBigint {
    type Int = BigUint;

    fn from_be_bytes(bytes: &[u8]) -> BigUint {
        BigUint::from_bytes_be(bytes)
    }

    fn to_be_bytes(n: &BigUint) -> Vec<u8> {
        if n.is_zero() {
            Vec::new()
        } else {
            n.to_bytes_be()
        }
    }

    fn add(a: &BigUint, b: &BigUint) -> BigUint {
        a + b
    }

    fn mul(a: &BigUint, b: &BigUint) -> BigUint {
        a * b
    }

    fn rem_n(a: &BigUint) -> BigUint {
        a % n()
    }

    fn mul_mod_n(a: &BigUint, b: &BigUint) -> BigUint {
        (a * b) % n()
    }

    fn sub_mod_n(a: &BigUint, b: &BigUint) -> BigUint {
        if a >= b { a - b } else { n() - (b - a) }
    }

    fn pow_mod_n(base: &BigUint, exp: &BigUint) -> BigUint {
        monty_pow(base, exp)
    }

    fn pow_g(exp: &BigUint) -> BigUint {
        if exp.bits() > FIXED_BASE_BITS {
            return monty_pow(&BigUint::from(G), exp);
        }
        fixed_base_pow(exp)
    }

    fn is_zero(a: &BigUint) -> bool {
        a.is_zero()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_base_table_agrees_with_plain_exponentiation() {
        let g = BigUint::from(G);
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for bytes in [1usize, 2, 31, 32, 33, 64, 127, 128] {
            let exp: Vec<u8> = (0..bytes)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect();
            let exp = BigUint::from_bytes_be(&exp);
            let expected = g.modpow(&exp, n());
            // The arithmetic this processor uses, and the portable one whatever it is.
            assert_eq!(NumBigint::pow_g(&exp), expected, "{bytes}-byte exponent");
            assert_eq!(
                portable_fixed_base_pow(&exp),
                expected,
                "{bytes}-byte exponent, portable"
            );
        }
        assert_eq!(NumBigint::pow_g(&BigUint::zero()), BigUint::from(1u8));
        let all_ones = (BigUint::from(1u8) << 1024u32) - 1u8;
        assert_eq!(NumBigint::pow_g(&all_ones), g.modpow(&all_ones, n()));
        assert_eq!(portable_fixed_base_pow(&all_ones), g.modpow(&all_ones, n()));
        let too_long = BigUint::from(1u8) << 1024u32;
        assert_eq!(NumBigint::pow_g(&too_long), g.modpow(&too_long, n()));
    }
}
