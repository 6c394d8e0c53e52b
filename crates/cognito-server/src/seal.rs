//! Opaque, authenticated, encrypted state handed to clients and given back later
//! (`SECRET_BLOCK`, challenge `Session`s). AES-256-GCM under a key only the server knows.

use aes_gcm::aead::{Aead as _, KeyInit as _};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ids;

const NONCE_LEN: usize = 12;

/// Seals and opens values.
pub struct Sealer {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

/// Why a sealed value was refused. Callers map all of them to one client-facing error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("not base64")]
    Encoding,
    #[error("forged, damaged or sealed by another server")]
    Forged,
    #[error("unexpected content")]
    Content,
}

impl Sealer {
    /// A sealer with a 32-byte key.
    pub fn new(key: &[u8]) -> Option<Self> {
        Aes256Gcm::new_from_slice(key)
            .ok()
            .map(|cipher| Self { cipher })
    }

    /// Standard padded base64 of nonce || ciphertext; `purpose` is bound in as associated data so a
    /// secret block cannot be replayed as a session and vice versa.
    pub fn seal<T: Serialize>(&self, purpose: &str, value: &T) -> String {
        let nonce_bytes = ids::bytes(NONCE_LEN);
        let nonce = Nonce::try_from(&nonce_bytes[..]).unwrap_or_default();
        // Serialising our own plain structs cannot fail; an empty payload would only fail to open.
        let plaintext = serde_json::to_vec(value).unwrap_or_default();
        let payload = aes_gcm::aead::Payload {
            msg: &plaintext,
            aad: purpose.as_bytes(),
        };
        let ciphertext = self.cipher.encrypt(&nonce, payload).unwrap_or_default();
        let mut out = nonce_bytes;
        out.extend_from_slice(&ciphertext);
        STANDARD.encode(out)
    }

    pub fn open<T: DeserializeOwned>(&self, purpose: &str, sealed: &str) -> Result<T, OpenError> {
        let bytes = decode(sealed)?;
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let payload = aes_gcm::aead::Payload {
            msg: ciphertext,
            aad: purpose.as_bytes(),
        };
        let plaintext = self
            .cipher
            .decrypt(
                &Nonce::try_from(nonce).map_err(|_| OpenError::Forged)?,
                payload,
            )
            .map_err(|_| OpenError::Forged)?;
        serde_json::from_slice(&plaintext).map_err(|_| OpenError::Content)
    }
}

/// Clients may hand a sealed value back re-encoded with the URL-safe alphabet or without padding.
fn decode(sealed: &str) -> Result<Vec<u8>, OpenError> {
    let bytes = [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(sealed).ok())
        .ok_or(OpenError::Encoding)?;
    if bytes.len() < NONCE_LEN {
        return Err(OpenError::Forged);
    }
    Ok(bytes)
}

/// A sealed value's identity whatever its base64 spelling: its random nonce. Only meaningful
/// after [`Sealer::open`] accepted the value (the nonce is authenticated with the rest).
pub fn nonce_of(sealed: &str) -> Option<Vec<u8>> {
    decode(sealed).ok().map(|bytes| bytes[..NONCE_LEN].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::new(&[7; 32]).unwrap()
    }

    #[test]
    fn sealed_values_round_trip() {
        let sealed = sealer().seal("a", &("x".to_owned(), 5));
        assert_eq!(
            sealer().open::<(String, i32)>("a", &sealed),
            Ok(("x".to_owned(), 5))
        );
    }

    #[test]
    fn the_nonce_ignores_the_base64_spelling() {
        let sealed = sealer().seal("a", &"value");
        let respelled = URL_SAFE_NO_PAD.encode(STANDARD.decode(&sealed).unwrap());
        assert_eq!(nonce_of(&sealed), nonce_of(&respelled));
        assert_ne!(nonce_of(&sealed), nonce_of(&sealer().seal("a", &"value")));
    }

    #[test]
    fn sealed_values_are_standard_padded_base64() {
        let sealed = sealer().seal("a", &"value");
        assert!(STANDARD.decode(&sealed).is_ok());
    }

    #[test]
    fn tampering_or_another_purpose_is_refused() {
        let sealed = sealer().seal("a", &1);
        assert_eq!(sealer().open::<i32>("b", &sealed), Err(OpenError::Forged));
        let mut bytes = STANDARD.decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(
            sealer().open::<i32>("a", &STANDARD.encode(bytes)),
            Err(OpenError::Forged)
        );
        let other = Sealer::new(&[8; 32]).unwrap();
        assert_eq!(other.open::<i32>("a", &sealed), Err(OpenError::Forged));
        assert_eq!(sealer().open::<i32>("a", "!!"), Err(OpenError::Encoding));
    }
}
