//! Big-integer backends. The SRP math is written once over [`Backend`]; each target uses the fastest
//! backend measured on it (`cargo xtask bench`): natively num-bigint, with our own fixed-size
//! Montgomery arithmetic modulo N for the exponentiations (`monty.rs`, or `ifma.rs` on x86-64
//! processors with AVX-512 IFMA; crypto-bigint, dashu-int and ibig measured no faster than
//! num-bigint's own modpow); on wasm32 the browser's own `BigInt`,
//! where 64-bit limb products are emulated and several times slower.

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod ifma;
#[cfg(target_arch = "wasm32")]
mod js;
mod monty;
mod num;

#[cfg(target_arch = "wasm32")]
pub use js::JsBigInt;
pub use num::NumBigint;

/// The backend this target uses unless told otherwise.
#[cfg(not(target_arch = "wasm32"))]
pub type DefaultBackend = NumBigint;
/// The backend this target uses unless told otherwise.
#[cfg(target_arch = "wasm32")]
pub type DefaultBackend = JsBigInt;

mod sealed {
    pub trait Sealed {}
}

/// Arithmetic on non-negative integers, modulo the group's N where the name says so.
///
/// Sealed: the set of backends is this crate's choice, so their results can be tested against the
/// same vectors.
pub trait Backend: sealed::Sealed + std::fmt::Debug + 'static {
    /// A non-negative integer.
    type Int: Clone + std::fmt::Debug;

    /// From big-endian bytes (leading zeros allowed).
    fn from_be_bytes(bytes: &[u8]) -> Self::Int;
    /// Minimal big-endian bytes; empty for zero.
    fn to_be_bytes(n: &Self::Int) -> Vec<u8>;
    /// `a + b`.
    fn add(a: &Self::Int, b: &Self::Int) -> Self::Int;
    /// `a * b`.
    fn mul(a: &Self::Int, b: &Self::Int) -> Self::Int;
    /// `a mod N`.
    fn rem_n(a: &Self::Int) -> Self::Int;
    /// `a * b mod N`.
    fn mul_mod_n(a: &Self::Int, b: &Self::Int) -> Self::Int;
    /// `(a - b) mod N`, for `a, b < N`.
    fn sub_mod_n(a: &Self::Int, b: &Self::Int) -> Self::Int;
    /// `base ^ exp mod N`.
    fn pow_mod_n(base: &Self::Int, exp: &Self::Int) -> Self::Int;
    /// `g ^ exp mod N`; backends may use that g is 2.
    fn pow_g(exp: &Self::Int) -> Self::Int;

    /// Whether `a` is zero.
    fn is_zero(a: &Self::Int) -> bool {
        Self::to_be_bytes(a).is_empty()
    }
}
