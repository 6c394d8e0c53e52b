//! RSA signing keys per pool: generated once, stored as PKCS#8, cached parsed in memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
use rsa::traits::PublicKeyParts as _;
use rsa::{PrivateKey, PublicKey};
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::errors::{ApiError, ApiResult};
use crate::store::{SigningKeyRow, Store};

/// Which token a key signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenUse {
    Id,
    Access,
}

impl TokenUse {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Access => "access",
        }
    }
}

/// RSA modulus size. 2048 bits is what Cognito uses.
const KEY_BITS: usize = 2048;

/// A parsed key pair with its key id.
#[derive(Debug)]
pub struct SigningKey {
    pub kid: String,
    /// Signs tokens. AWS-LC's RSA is several times faster than the `rsa` crate's, and uses
    /// AVX-512 IFMA where the processor has it; rustls already links it.
    pub signer: aws_lc_rs::signature::RsaKeyPair,
    /// Checks tokens that come back, and gives the JWKS its `n` and `e`.
    pub public: PublicKey,
}

impl SigningKey {
    fn from_private(kid: String, private: &PrivateKey) -> ApiResult<Self> {
        let pkcs8 = private
            .to_pkcs8_der()
            .map_err(|error| ApiError::InternalError(format!("encoding key: {error}")))?;
        let signer = aws_lc_rs::signature::RsaKeyPair::from_pkcs8(pkcs8.as_bytes())
            .map_err(|error| ApiError::InternalError(format!("loading key: {error}")))?;
        Ok(Self {
            kid,
            signer,
            public: private.to_public_key(),
        })
    }

    /// An RS256 (PKCS#1 v1.5, SHA-256) signature.
    pub fn sign(&self, message: &[u8]) -> ApiResult<Vec<u8>> {
        let mut signature = vec![0; self.signer.public_modulus_len()];
        self.signer
            .sign(
                &aws_lc_rs::signature::RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| ApiError::InternalError("signing a token failed".into()))?;
        Ok(signature)
    }
}

/// Both keys of a pool.
#[derive(Debug)]
pub struct PoolKeys {
    pub id: SigningKey,
    pub access: SigningKey,
}

impl PoolKeys {
    pub fn for_use(&self, token_use: TokenUse) -> &SigningKey {
        match token_use {
            TokenUse::Id => &self.id,
            TokenUse::Access => &self.access,
        }
    }

    /// The pool's JWKS document.
    pub fn jwks(&self) -> Value {
        let keys: Vec<Value> = [&self.id, &self.access]
            .into_iter()
            .map(SigningKey::jwk)
            .collect();
        json!({ "keys": keys })
    }
}

/// Keys by pool, parsed once per process.
#[derive(Debug, Default)]
pub struct KeyCache {
    pools: Mutex<HashMap<String, Arc<PoolKeys>>>,
    /// Single keys by name: each mock identity provider's, the identity pools' OpenID key.
    named: Mutex<HashMap<String, Arc<SigningKey>>>,
}

impl SigningKey {
    /// The key as one JWKS entry.
    pub fn jwk(&self) -> Value {
        json!({
            "alg": "RS256",
            "e": URL_SAFE_NO_PAD.encode(self.public.e_bytes()),
            "kid": self.kid,
            "kty": "RSA",
            "n": URL_SAFE_NO_PAD.encode(self.public.n_bytes()),
            "use": "sig",
        })
    }
}

impl KeyCache {
    /// Creates and stores both keys for a new pool. Slow (prime generation), so call it off the
    /// async runtime.
    pub fn generate(&self, store: &Store, pool_id: &str) -> ApiResult<Arc<PoolKeys>> {
        let mut parsed = Vec::new();
        for token_use in [TokenUse::Id, TokenUse::Access] {
            let private = PrivateKey::new(&mut rand::rng(), KEY_BITS)
                .map_err(|error| ApiError::InternalError(format!("generating key: {error}")))?;
            let pkcs8 = private
                .to_pkcs8_der()
                .map_err(|error| ApiError::InternalError(format!("encoding key: {error}")))?;
            let kid = URL_SAFE_NO_PAD.encode(crate::ids::bytes(24));
            store.insert_signing_key(
                pool_id,
                &SigningKeyRow {
                    kid: kid.clone(),
                    token_use: token_use.as_str().into(),
                    pkcs8: pkcs8.as_bytes().to_vec(),
                },
            )?;
            parsed.push(SigningKey::from_private(kid, &private)?);
        }
        let (Some(access), Some(id)) = (parsed.pop(), parsed.pop()) else {
            return Err(ApiError::InternalError("key generation".into()));
        };
        let keys = Arc::new(PoolKeys { id, access });
        self.lock().insert(pool_id.to_owned(), keys.clone());
        Ok(keys)
    }

    /// The keys of a pool, loading them from the store on first use.
    pub fn get(&self, store: &Store, pool_id: &str) -> ApiResult<Arc<PoolKeys>> {
        if let Some(keys) = self.lock().get(pool_id) {
            return Ok(keys.clone());
        }
        let rows = store.signing_keys(pool_id)?;
        let find = |token_use: TokenUse| -> ApiResult<SigningKey> {
            let row = rows
                .iter()
                .find(|row| row.token_use == token_use.as_str())
                .ok_or_else(|| {
                    ApiError::ResourceNotFound(format!("User pool {pool_id} does not exist."))
                })?;
            let private = PrivateKey::from_pkcs8_der(&row.pkcs8)
                .map_err(|error| ApiError::InternalError(format!("stored key: {error}")))?;
            SigningKey::from_private(row.kid.clone(), &private)
        };
        let keys = Arc::new(PoolKeys {
            id: find(TokenUse::Id)?,
            access: find(TokenUse::Access)?,
        });
        self.lock().insert(pool_id.to_owned(), keys.clone());
        Ok(keys)
    }

    /// A key that is not a pool's, by name: loaded from the store, or generated and stored on
    /// first use (slow: call it off the async runtime).
    pub fn named(&self, store: &Store, name: &str) -> ApiResult<Arc<SigningKey>> {
        let mut named = self
            .named
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(key) = named.get(name) {
            return Ok(key.clone());
        }
        // Held across generation so two first requests do not make two keys.
        let meta_key = format!("signing_key:{name}");
        let pkcs8 = store.meta_or_insert(&meta_key, || {
            PrivateKey::new(&mut rand::rng(), KEY_BITS)
                .ok()
                .and_then(|private| private.to_pkcs8_der().ok())
                .map(|der| der.as_bytes().to_vec())
                .unwrap_or_default()
        })?;
        let private = PrivateKey::from_pkcs8_der(&pkcs8)
            .map_err(|error| ApiError::InternalError(format!("stored key {name}: {error}")))?;
        // The key id is derived from the key, so it is stable without storing it.
        let kid = URL_SAFE_NO_PAD.encode(&sha2::Sha256::digest(&pkcs8)[..18]);
        let key = Arc::new(SigningKey::from_private(kid, &private)?);
        named.insert(name.to_owned(), key.clone());
        Ok(key)
    }

    pub fn forget(&self, pool_id: &str) {
        self.lock().remove(pool_id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<PoolKeys>>> {
        self.pools
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
