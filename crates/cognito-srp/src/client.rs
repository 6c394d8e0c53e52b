//! The client half: `SRP_A`, the session key and the password claim.

use std::marker::PhantomData;

use hkdf::Hkdf;
use sha2::Sha256;

use crate::SrpError;
use crate::backend::{Backend, DefaultBackend};
use crate::claim::{PasswordClaim, claim_mac, encode_signature};
use crate::group::{K_BYTES, pad, parse_hex, password_hash, sha256, unpadded_hex};
use crate::timestamp::format_timestamp;

/// HKDF info string of Cognito's key derivation.
const KEY_INFO: &[u8] = b"Caldera Derived Key";

/// The `PASSWORD_VERIFIER` challenge as Cognito sends it.
#[derive(Debug, Clone, Copy)]
pub struct PasswordVerifierChallenge<'a> {
    /// The pool name: the part of the pool id after `_` (see [`crate::pool_name`]).
    pub pool_name: &'a str,
    /// `USER_ID_FOR_SRP`: the real username, never an alias.
    pub user_id_for_srp: &'a str,
    /// `SALT`, hex.
    pub salt_hex: &'a str,
    /// `SRP_B`, hex.
    pub srp_b_hex: &'a str,
    /// `SECRET_BLOCK`, base64, signed verbatim.
    pub secret_block: &'a str,
}

/// One sign-in attempt's client secret `a` and public `A`.
#[derive(Debug, Clone)]
pub struct Client<B: Backend = DefaultBackend> {
    a: B::Int,
    big_a: B::Int,
    _backend: PhantomData<B>,
}

impl Client<DefaultBackend> {
    /// Starts a sign-in with the given random bytes as the secret `a`. Cognito's SDKs use 128 bytes
    /// from a cryptographic RNG, unreduced.
    pub fn new(random_a: &[u8]) -> Result<Self, SrpError> {
        Self::with_backend(random_a)
    }
}

impl<B: Backend> Client<B> {
    /// [`Client::new`] on a chosen backend.
    pub fn with_backend(random_a: &[u8]) -> Result<Self, SrpError> {
        let a = B::from_be_bytes(random_a);
        let big_a = B::pow_g(&a);
        if B::is_zero(&big_a) {
            return Err(SrpError::ZeroValue("A"));
        }
        Ok(Self {
            a,
            big_a,
            _backend: PhantomData,
        })
    }

    /// `SRP_A`: A in lowercase hex without leading zeros.
    pub fn srp_a(&self) -> String {
        unpadded_hex(&B::to_be_bytes(&self.big_a))
    }

    /// Derives the session key from the server's challenge and the password.
    pub fn session_key(
        &self,
        challenge: &PasswordVerifierChallenge<'_>,
        password: &str,
    ) -> Result<SessionKey, SrpError> {
        let big_b = B::from_be_bytes(&parse_hex("SRP_B", challenge.srp_b_hex)?);
        let salt = parse_hex("SALT", challenge.salt_hex)?;
        if B::is_zero(&B::rem_n(&big_b)) {
            return Err(SrpError::ZeroValue("B"));
        }
        let a_bytes = B::to_be_bytes(&self.big_a);
        let u_bytes = scrambler(&a_bytes, &B::to_be_bytes(&big_b))?;
        let u = B::from_be_bytes(&u_bytes);
        let x = B::from_be_bytes(&password_hash(
            challenge.pool_name,
            challenge.user_id_for_srp,
            password,
            &salt,
        ));
        // S = (B - k g^x) ^ (a + u x) mod N
        let k_gx = B::mul_mod_n(&B::from_be_bytes(&K_BYTES), &B::pow_g(&x));
        let base = B::sub_mod_n(&B::rem_n(&big_b), &k_gx);
        let exponent = B::add(&self.a, &B::mul(&u, &x));
        let s = B::pow_mod_n(&base, &exponent);
        Ok(SessionKey::derive(&B::to_be_bytes(&s), &u_bytes))
    }

    /// The whole client side of `PASSWORD_VERIFIER`: session key, timestamp and signature.
    pub fn password_claim(
        &self,
        challenge: &PasswordVerifierChallenge<'_>,
        password: &str,
        now_unix_secs: i64,
    ) -> Result<PasswordClaim, SrpError> {
        let key = self.session_key(challenge, password)?;
        key.claim(
            challenge.pool_name,
            challenge.user_id_for_srp,
            challenge.secret_block,
            now_unix_secs,
        )
    }
}

/// u = H(padHex(A) || padHex(B)), refused when zero.
pub(crate) fn scrambler(a_bytes: &[u8], b_bytes: &[u8]) -> Result<[u8; 32], SrpError> {
    let u = sha256(&[&pad(a_bytes), &pad(b_bytes)]);
    if u.iter().all(|&byte| byte == 0) {
        return Err(SrpError::ZeroValue("u"));
    }
    Ok(u)
}

/// The 16-byte key both sides derive from S.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionKey([u8; 16]);

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(..)")
    }
}

impl SessionKey {
    /// HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key"), 16 bytes.
    pub(crate) fn derive(s_bytes: &[u8], u_bytes: &[u8]) -> Self {
        let hkdf = Hkdf::<Sha256>::new(Some(&pad(crate::group::trim(u_bytes))), &pad(s_bytes));
        let mut key = [0u8; 16];
        hkdf.expand(KEY_INFO, &mut key)
            .expect("16 bytes is a valid HKDF-SHA256 length");
        Self(key)
    }

    /// The raw key.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Signs the claim at the given time.
    pub fn claim(
        &self,
        pool_name: &str,
        user_id_for_srp: &str,
        secret_block: &str,
        now_unix_secs: i64,
    ) -> Result<PasswordClaim, SrpError> {
        let timestamp = format_timestamp(now_unix_secs);
        let signature = self.sign(pool_name, user_id_for_srp, secret_block, &timestamp)?;
        Ok(PasswordClaim {
            timestamp,
            signature,
        })
    }

    /// `PASSWORD_CLAIM_SIGNATURE` over an explicit timestamp string.
    pub fn sign(
        &self,
        pool_name: &str,
        user_id_for_srp: &str,
        secret_block: &str,
        timestamp: &str,
    ) -> Result<String, SrpError> {
        claim_mac(&self.0, pool_name, user_id_for_srp, secret_block, timestamp)
            .map(encode_signature)
    }
}
