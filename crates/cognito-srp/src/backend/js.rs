//! The browser's own `BigInt`: V8 multiplies with 64-bit digits, which wasm32 code cannot, so this
//! is about three times faster than any Rust big integer compiled to wasm.

use js_sys::BigInt;
use wasm_bindgen::JsValue;

use super::{Backend, sealed::Sealed};
use crate::group::{G, N_BYTES};

// `pow_g` shifts instead of multiplying by g.
const _: () = assert!(G == 2);

/// The JavaScript `BigInt` backend (wasm32 in a browser only).
#[derive(Debug, Clone, Copy)]
pub struct JsBigInt;

impl Sealed for JsBigInt {}

thread_local! {
    static N: BigInt = bigint_from_bytes(&N_BYTES);
}

fn n() -> BigInt {
    N.with(Clone::clone)
}

fn small(value: u64) -> BigInt {
    BigInt::from(value)
}

fn bigint_from_bytes(bytes: &[u8]) -> BigInt {
    let literal = if bytes.is_empty() {
        "0x0".to_owned()
    } else {
        format!("0x{}", hex::encode(bytes))
    };
    // A hex literal built from bytes always parses.
    BigInt::new(&JsValue::from_str(&literal)).unwrap_or_else(|_| small(0))
}

/// Window width for exponentiation: 2^(W-1) precomputed odd powers against ~bits/(W+1) multiplies.
const WINDOW: u32 = 5;

/// Left-to-right sliding-window exponentiation with `%` reduction.
fn pow_mod(base: &BigInt, exp_bytes: &[u8], n: &BigInt) -> BigInt {
    let bits = ExpBits::new(exp_bytes);
    if bits.len == 0 {
        return small(1) % n;
    }
    let base = base % n;
    // odd[i] = base^(2i+1)
    let square = &(&base * &base) % n;
    let mut odd = Vec::with_capacity(1 << (WINDOW - 1));
    odd.push(base);
    for i in 1..(1usize << (WINDOW - 1)) {
        let next = &(&odd[i - 1] * &square) % n;
        odd.push(next);
    }
    let mut acc: Option<BigInt> = None;
    let mut i = bits.len as i64 - 1;
    while i >= 0 {
        if !bits.get(i as u32) {
            acc = acc.map(|a| &(&a * &a) % n);
            i -= 1;
            continue;
        }
        // The longest window ending in a set bit.
        let mut low = (i - WINDOW as i64 + 1).max(0);
        while !bits.get(low as u32) {
            low += 1;
        }
        let mut value = 0usize;
        for j in (low..=i).rev() {
            value = value << 1 | usize::from(bits.get(j as u32));
        }
        acc = Some(match acc {
            Some(mut a) => {
                for _ in low..=i {
                    a = &(&a * &a) % n;
                }
                &(&a * &odd[value >> 1]) % n
            }
            None => odd[value >> 1].clone(),
        });
        i = low - 1;
    }
    acc.unwrap_or_else(|| small(1) % n)
}

/// 2^exp mod n: squarings, then a shift by each window's value instead of a multiplication.
fn pow2_mod(exp_bytes: &[u8], n: &BigInt) -> BigInt {
    const SHIFT_WINDOW: u32 = 8;
    let bits = ExpBits::new(exp_bytes);
    let mut acc = small(1);
    let mut top = bits.len as i64;
    while top > 0 {
        let low = (top - SHIFT_WINDOW as i64).max(0);
        let mut value = 0u64;
        for j in (low..top).rev() {
            acc = &(&acc * &acc) % n;
            value = value << 1 | u64::from(bits.get(j as u32));
        }
        acc = &(&acc << &small(value)) % n;
        top = low;
    }
    acc
}

/// Bit access to a big-endian exponent.
struct ExpBits<'a> {
    bytes: &'a [u8],
    len: u32,
}

impl<'a> ExpBits<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let bytes = crate::group::trim(bytes);
        let len = match bytes.first() {
            Some(&first) => (bytes.len() as u32 - 1) * 8 + (8 - first.leading_zeros()),
            None => 0,
        };
        Self { bytes, len }
    }

    fn get(&self, bit: u32) -> bool {
        let byte = self.bytes[self.bytes.len() - 1 - (bit / 8) as usize];
        byte >> (bit % 8) & 1 == 1
    }
}

impl Backend for JsBigInt {
    type Int = BigInt;

    fn from_be_bytes(bytes: &[u8]) -> BigInt {
        bigint_from_bytes(bytes)
    }

    fn to_be_bytes(n: &BigInt) -> Vec<u8> {
        let hex: String = n.to_string(16).map(String::from).unwrap_or_default();
        if hex == "0" {
            return Vec::new();
        }
        let even = if hex.len() % 2 == 1 {
            format!("0{hex}")
        } else {
            hex
        };
        hex::decode(even).unwrap_or_default()
    }

    fn add(a: &BigInt, b: &BigInt) -> BigInt {
        a + b
    }

    fn mul(a: &BigInt, b: &BigInt) -> BigInt {
        a * b
    }

    fn rem_n(a: &BigInt) -> BigInt {
        a % &n()
    }

    fn mul_mod_n(a: &BigInt, b: &BigInt) -> BigInt {
        &(a * b) % &n()
    }

    fn sub_mod_n(a: &BigInt, b: &BigInt) -> BigInt {
        let n = n();
        &(&(a - b) + &n) % &n
    }

    fn pow_mod_n(base: &BigInt, exp: &BigInt) -> BigInt {
        pow_mod(base, &Self::to_be_bytes(exp), &n())
    }

    fn pow_g(exp: &BigInt) -> BigInt {
        pow2_mod(&Self::to_be_bytes(exp), &n())
    }

    fn is_zero(a: &BigInt) -> bool {
        *a == small(0)
    }
}
