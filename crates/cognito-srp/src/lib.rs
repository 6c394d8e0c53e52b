//! Amazon Cognito's variant of SRP-6a, both halves, with no I/O, clock or randomness of its own.
//!
//! Cognito signs users in without the password leaving the client: the client sends `SRP_A`, the
//! server answers with a salt, `SRP_B` and an opaque secret block, and the client proves it knows the
//! password by signing that block with a key both sides derive. This crate does the arithmetic of both
//! sides exactly as `amazon-cognito-identity-js` does (its test vectors are checked byte for byte).
//! Callers pass in random bytes and the current time, so every result is reproducible.
//!
//! ```
//! use cognito_srp::{Client, PasswordVerifierChallenge, ServerChallenge, Verifier, pool_name};
//!
//! let pool = pool_name("us-east-1_AbCdEf123").unwrap();
//! // Sign-up: the server keeps a verifier, never the password.
//! let verifier = Verifier::new(pool, "alice-id", "Passw0rd!", &[7; 16]);
//! // Sign-in: the client opens with A, the server answers with B.
//! let client = Client::new(&[1; 128]).unwrap();
//! let server = ServerChallenge::new(&verifier, &[2; 128]).unwrap();
//! let secret_block = "c2VjcmV0IGJsb2Nr";
//! let challenge = PasswordVerifierChallenge {
//!     pool_name: pool,
//!     user_id_for_srp: "alice-id",
//!     salt_hex: &verifier.salt_hex(),
//!     srp_b_hex: &server.srp_b(),
//!     secret_block,
//! };
//! let now = 1_790_000_000;
//! let claim = client.password_claim(&challenge, "Passw0rd!", now).unwrap();
//! server
//!     .verify(&verifier, &client.srp_a(), pool, "alice-id", secret_block, &claim, now)
//!     .unwrap();
//! ```

mod backend;
mod claim;
mod client;
mod error;
mod group;
mod secret_hash;
mod server;
mod timestamp;

#[cfg(target_arch = "wasm32")]
pub use backend::JsBigInt;
pub use backend::{Backend, DefaultBackend, NumBigint};
pub use claim::PasswordClaim;
pub use client::{Client, PasswordVerifierChallenge, SessionKey};
pub use error::SrpError;
pub use group::pool_name;
pub use secret_hash::secret_hash;
pub use server::{ServerChallenge, Verifier};
pub use timestamp::{MAX_CLOCK_SKEW_SECS, format_timestamp, parse_timestamp};
