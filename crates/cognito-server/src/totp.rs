//! TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) and the base32 its secrets are shared in.

use hmac::{Hmac, KeyInit as _, Mac as _};
use sha1::Sha1;
use subtle::ConstantTimeEq as _;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const STEP_SECS: i64 = 30;

/// A new 160-bit secret in unpadded base32 (32 characters), as AssociateSoftwareToken returns.
pub fn new_secret() -> String {
    base32_encode(&crate::ids::bytes(20))
}

/// Checks a 6-digit code against the secret, allowing one step of clock drift either way.
pub fn verify(secret_base32: &str, code: &str, now: i64) -> bool {
    let Some(secret) = base32_decode(secret_base32) else {
        return false;
    };
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    (-1..=1).any(|drift| {
        let counter = now.div_euclid(STEP_SECS) + drift;
        let expected = code_at(&secret, counter as u64);
        bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
    })
}

/// The code for one time step.
pub fn code_at(secret: &[u8], counter: u64) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

/// The current code, for tests and tools playing the authenticator app.
pub fn current_code(secret_base32: &str, now: i64) -> Option<String> {
    base32_decode(secret_base32).map(|secret| code_at(&secret, now.div_euclid(STEP_SECS) as u64))
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.trim_end_matches('=').bytes() {
        let value = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vector() {
        // RFC 6238 appendix B, T = 59 s, secret "12345678901234567890", last 6 of 94287082.
        assert_eq!(code_at(b"12345678901234567890", 59 / 30), "287082");
    }

    #[test]
    fn base32_round_trips() {
        let bytes = b"12345678901234567890";
        let encoded = base32_encode(bytes);
        assert_eq!(encoded, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_decode(&encoded).unwrap(), bytes);
    }

    #[test]
    fn codes_verify_with_one_step_of_drift_only() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = current_code(&secret, now).unwrap();
        assert!(verify(&secret, &code, now));
        assert!(verify(&secret, &code, now + 30));
        assert!(!verify(&secret, &code, now + 90));
        assert!(!verify(&secret, "12345", now));
    }
}
