//! The server half: the stored verifier, `SRP_B`, and checking a password claim.

use std::marker::PhantomData;

use crate::SrpError;
use crate::backend::{Backend, DefaultBackend};
use crate::claim::{PasswordClaim, claim_mac, verify_signature};
use crate::client::{SessionKey, scrambler};
use crate::group::{K_BYTES, parse_hex, password_hash, trim, unpadded_hex};
use crate::timestamp::{MAX_CLOCK_SKEW_SECS, parse_timestamp};

/// What a server keeps instead of a password: the salt and v = g^x mod N.
#[derive(Clone, PartialEq, Eq)]
pub struct Verifier {
    salt: Vec<u8>,
    verifier: Vec<u8>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("salt", &hex::encode(&self.salt))
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// Computes the verifier for a password, with random salt bytes (Cognito uses 16).
    /// `user_id_for_srp` is the real username, never an alias.
    pub fn new(pool_name: &str, user_id_for_srp: &str, password: &str, salt: &[u8]) -> Self {
        Self::with_backend::<DefaultBackend>(pool_name, user_id_for_srp, password, salt)
    }

    /// [`Verifier::new`] on a chosen backend.
    pub fn with_backend<B: Backend>(
        pool_name: &str,
        user_id_for_srp: &str,
        password: &str,
        salt: &[u8],
    ) -> Self {
        // The salt goes out as an integer in hex; leading zero bytes would be lost on the way.
        let salt = trim(salt).to_vec();
        let x = B::from_be_bytes(&password_hash(pool_name, user_id_for_srp, password, &salt));
        Self {
            salt,
            verifier: B::to_be_bytes(&B::pow_g(&x)),
        }
    }

    /// Rebuilds a stored verifier from its parts.
    pub fn from_parts(salt: Vec<u8>, verifier: Vec<u8>) -> Self {
        Self {
            salt: trim(&salt).to_vec(),
            verifier: trim(&verifier).to_vec(),
        }
    }

    /// `SALT` as sent in the challenge.
    pub fn salt_hex(&self) -> String {
        unpadded_hex(&self.salt)
    }

    /// The salt bytes, for storage.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }

    /// v = g^x mod N, big-endian, for storage.
    pub fn verifier(&self) -> &[u8] {
        &self.verifier
    }
}

/// The server's side of one sign-in attempt: secret b and public B = k v + g^b.
#[derive(Debug, Clone)]
pub struct ServerChallenge<B: Backend = DefaultBackend> {
    b: B::Int,
    big_b: B::Int,
    _backend: PhantomData<B>,
}

impl ServerChallenge<DefaultBackend> {
    /// Starts a challenge with random bytes as the secret b.
    pub fn new(verifier: &Verifier, random_b: &[u8]) -> Result<Self, SrpError> {
        Self::with_backend(verifier, random_b)
    }
}

impl<B: Backend> ServerChallenge<B> {
    /// [`ServerChallenge::new`] on a chosen backend.
    pub fn with_backend(verifier: &Verifier, random_b: &[u8]) -> Result<Self, SrpError> {
        let b = B::from_be_bytes(random_b);
        let k_v = B::mul_mod_n(
            &B::from_be_bytes(&K_BYTES),
            &B::from_be_bytes(&verifier.verifier),
        );
        let big_b = B::rem_n(&B::add(&k_v, &B::pow_g(&b)));
        if B::is_zero(&big_b) {
            return Err(SrpError::ZeroValue("B"));
        }
        Ok(Self {
            b,
            big_b,
            _backend: PhantomData,
        })
    }

    /// Rebuilds a challenge from b and B kept between the two requests of a sign-in.
    pub fn from_parts(b: &[u8], big_b: &[u8]) -> Result<Self, SrpError> {
        let big_b = B::from_be_bytes(big_b);
        if B::is_zero(&B::rem_n(&big_b)) {
            return Err(SrpError::ZeroValue("B"));
        }
        Ok(Self {
            b: B::from_be_bytes(b),
            big_b,
            _backend: PhantomData,
        })
    }

    /// `SRP_B`: B in lowercase hex without leading zeros.
    pub fn srp_b(&self) -> String {
        unpadded_hex(&B::to_be_bytes(&self.big_b))
    }

    /// The secret b, big-endian, to keep until the client answers.
    pub fn secret_b(&self) -> Vec<u8> {
        B::to_be_bytes(&self.b)
    }

    /// The session key the client must have derived: S = (A v^u)^b mod N.
    pub fn session_key(
        &self,
        verifier: &Verifier,
        srp_a_hex: &str,
    ) -> Result<SessionKey, SrpError> {
        let big_a = B::from_be_bytes(&parse_hex("SRP_A", srp_a_hex)?);
        let a_mod_n = B::rem_n(&big_a);
        if B::is_zero(&a_mod_n) {
            return Err(SrpError::ZeroValue("A"));
        }
        let u_bytes = scrambler(&B::to_be_bytes(&big_a), &B::to_be_bytes(&self.big_b))?;
        let u = B::from_be_bytes(&u_bytes);
        let v = B::from_be_bytes(&verifier.verifier);
        let base = B::mul_mod_n(&a_mod_n, &B::pow_mod_n(&v, &u));
        let s = B::pow_mod_n(&base, &self.b);
        Ok(SessionKey::derive(&B::to_be_bytes(&s), &u_bytes))
    }

    /// Checks a password claim: the timestamp's format and distance from `now_unix_secs`, then the
    /// signature, in constant time. A wrong password gives [`SrpError::SignatureMismatch`].
    #[allow(clippy::too_many_arguments)]
    pub fn verify(
        &self,
        verifier: &Verifier,
        srp_a_hex: &str,
        pool_name: &str,
        user_id_for_srp: &str,
        secret_block: &str,
        claim: &PasswordClaim,
        now_unix_secs: i64,
    ) -> Result<(), SrpError> {
        let sent_at = parse_timestamp(&claim.timestamp)?;
        if (sent_at - now_unix_secs).abs() > MAX_CLOCK_SKEW_SECS {
            return Err(SrpError::TimestampSkew {
                max_skew_secs: MAX_CLOCK_SKEW_SECS,
            });
        }
        let key = self.session_key(verifier, srp_a_hex)?;
        // The signature covers the timestamp string exactly as the client wrote it.
        let mac = claim_mac(
            key.as_bytes(),
            pool_name,
            user_id_for_srp,
            secret_block,
            &claim.timestamp,
        )?;
        verify_signature(mac, &claim.signature)
    }
}
