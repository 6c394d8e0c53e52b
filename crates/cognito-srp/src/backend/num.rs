//! num-bigint: portable, and natively the fastest permissively licensed option we measured.

use std::sync::OnceLock;

use num_bigint::BigUint;
use num_traits::Zero;

use super::{Backend, sealed::Sealed};
use crate::group::{G, N_BYTES};

/// The num-bigint backend (Montgomery exponentiation on 64-bit limbs natively).
#[derive(Debug, Clone, Copy)]
pub struct NumBigint;

impl Sealed for NumBigint {}

fn n() -> &'static BigUint {
    static N: OnceLock<BigUint> = OnceLock::new();
    N.get_or_init(|| BigUint::from_bytes_be(&N_BYTES))
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
        base.modpow(exp, n())
    }

    fn pow_g(exp: &BigUint) -> BigUint {
        BigUint::from(G).modpow(exp, n())
    }

    fn is_zero(a: &BigUint) -> bool {
        a.is_zero()
    }
}
