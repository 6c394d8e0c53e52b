//! PKCE (RFC 7636, S256) and the `state` parameter, in Amplify v6's formats: a 128-character
//! verifier, a 32-character random state, and custom state appended as `-<hex>`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::AuthError;
use crate::platform::random_bytes;

const ALPHANUMERIC: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Length of the PKCE verifier Amplify sends (the maximum RFC 7636 allows).
pub(crate) const VERIFIER_LEN: usize = 128;
/// Length of the random part of `state`.
pub(crate) const STATE_LEN: usize = 32;

/// `len` letters and digits from the system's generator, without modulo bias.
pub(crate) fn random_alphanumeric(len: usize) -> Result<String, AuthError> {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for byte in random_bytes::<64>()? {
            // 248 = 4 * 62: bytes above it would favour the first characters.
            if byte < 248 && out.len() < len {
                out.push(char::from(ALPHANUMERIC[usize::from(byte % 62)]));
            }
        }
    }
    Ok(out)
}

/// A fresh code verifier.
pub(crate) fn code_verifier() -> Result<String, AuthError> {
    random_alphanumeric(VERIFIER_LEN)
}

/// `BASE64URL(SHA256(verifier))` without padding.
pub(crate) fn code_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A fresh `state`: random, then `-` and the custom state's UTF-8 bytes in hex when there is one
/// (Amplify v6 writes each character code in hex; for ASCII the two agree).
pub(crate) fn state(custom_state: Option<&str>) -> Result<String, AuthError> {
    let random = random_alphanumeric(STATE_LEN)?;
    Ok(match custom_state {
        Some(custom) => format!("{random}-{}", hex::encode(custom.as_bytes())),
        None => random,
    })
}

/// The custom state carried by `state`, if any and if it decodes.
pub(crate) fn custom_state(state: &str) -> Option<String> {
    let (_, encoded) = state.split_once('-')?;
    let bytes = hex::decode(encoded).ok()?;
    String::from_utf8(bytes).ok()
}

/// Compares a returned `state` with the saved one in constant time.
pub(crate) fn same_state(returned: &str, saved: &str) -> bool {
    returned.as_bytes().ct_eq(saved.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_rfc_7636_appendix_b() {
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_128_unreserved_characters_and_differ() {
        let verifier = code_verifier().unwrap();
        assert_eq!(verifier.len(), VERIFIER_LEN);
        assert!(verifier.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(verifier, code_verifier().unwrap());
        assert_eq!(code_challenge(&verifier).len(), 43);
    }

    #[test]
    fn custom_state_travels_as_hex_after_a_dash() {
        let plain = state(None).unwrap();
        assert_eq!(plain.len(), STATE_LEN);
        assert_eq!(custom_state(&plain), None);

        let with_custom = state(Some("/orders/42?x=é")).unwrap();
        let (random, encoded) = with_custom.split_once('-').unwrap();
        assert_eq!(random.len(), STATE_LEN);
        // Amplify v6's urlSafeEncode("/orders/42") is "2f6f72646572732f3432".
        assert!(encoded.starts_with("2f6f72646572732f3432"));
        assert_eq!(
            custom_state(&with_custom).as_deref(),
            Some("/orders/42?x=é")
        );
        assert_eq!(custom_state("abc-zz"), None);
    }

    #[test]
    fn state_comparison() {
        assert!(same_state("abc", "abc"));
        assert!(!same_state("abc", "abd"));
        assert!(!same_state("abc", "abcd"));
    }
}
