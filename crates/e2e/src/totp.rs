//! RFC 6238 codes, computed here rather than by the server, as a person's authenticator app would.

use hmac::{Hmac, KeyInit as _, Mac as _};
use sha1::Sha1;

/// Seconds per code, as in Google Authenticator and Cognito.
const STEP: u64 = 30;

/// The 6-digit code for `secret` (base32, as the page shows it) at `unix_seconds`.
pub fn code(secret: &str, unix_seconds: u64) -> anyhow::Result<String> {
    let key = base32_decode(secret)
        .ok_or_else(|| anyhow::anyhow!("the TOTP secret {secret:?} is not base32"))?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key)?;
    mac.update(&(unix_seconds / STEP).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // Dynamic truncation (RFC 4226, 5.3).
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Ok(format!("{:06}", value % 1_000_000))
}

/// The code for now.
pub fn current_code(secret: &str) -> anyhow::Result<String> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    code(secret, now.as_secs())
}

/// RFC 4648 base32, ignoring padding, spaces and case (apps accept the secret either way).
fn base32_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = Vec::new();
    for byte in text.bytes().filter(|b| !matches!(b, b'=' | b' ')) {
        let value = ALPHABET
            .iter()
            .position(|&c| c == byte.to_ascii_uppercase())?;
        bits = (bits << 5) | value as u64;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vectors() {
        // The RFC's key "12345678901234567890" in base32; the RFC lists 8 digits, we keep 6.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(code(secret, 59).unwrap(), "287082");
        assert_eq!(code(secret, 1_111_111_109).unwrap(), "081804");
        assert_eq!(code(secret, 2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn secrets_that_are_not_base32_are_refused() {
        assert!(code("not base32!", 0).is_err());
    }
}
