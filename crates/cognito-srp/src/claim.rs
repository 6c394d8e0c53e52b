//! The password claim: the session key signs the pool name, the user id, the secret block and the time.

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::SrpError;

/// What the client sends back for `PASSWORD_VERIFIER`: `TIMESTAMP` and `PASSWORD_CLAIM_SIGNATURE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordClaim {
    /// `TIMESTAMP`, in Cognito's format.
    pub timestamp: String,
    /// `PASSWORD_CLAIM_SIGNATURE`, standard base64.
    pub signature: String,
}

/// The claim MAC, keyed with the 16-byte session key, ready to finalize or verify.
pub(crate) fn claim_mac(
    key: &[u8; 16],
    pool_name: &str,
    user_id: &str,
    secret_block_b64: &str,
    timestamp: &str,
) -> Result<Hmac<Sha256>, SrpError> {
    let secret_block = decode_secret_block(secret_block_b64)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(pool_name.as_bytes());
    mac.update(user_id.as_bytes());
    mac.update(&secret_block);
    mac.update(timestamp.as_bytes());
    Ok(mac)
}

/// Amplify decodes the secret block leniently (URL-safe alphabet, missing padding); so do we.
fn decode_secret_block(text: &str) -> Result<Vec<u8>, SrpError> {
    use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let invalid = SrpError::InvalidBase64 {
        field: "SECRET_BLOCK",
    };
    if text.is_empty() {
        return Err(invalid);
    }
    [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(text).ok())
        .ok_or(invalid)
}

pub(crate) fn encode_signature(mac: Hmac<Sha256>) -> String {
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Checks a base64 signature against the MAC in constant time.
pub(crate) fn verify_signature(mac: Hmac<Sha256>, signature_b64: &str) -> Result<(), SrpError> {
    let signature = STANDARD
        .decode(signature_b64)
        .map_err(|_| SrpError::InvalidBase64 {
            field: "PASSWORD_CLAIM_SIGNATURE",
        })?;
    mac.verify_slice(&signature)
        .map_err(|_| SrpError::SignatureMismatch)
}
