//! Random identifiers and codes in the shapes Cognito uses.

use rand::RngExt as _;

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

fn pick(alphabet: &[u8], len: usize) -> String {
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())]))
        .collect()
}

/// `us-east-1_AbC123xyZ`.
pub fn user_pool_id(region: &str) -> String {
    format!("{region}_{}", pick(ALPHANUMERIC, 9))
}

/// A 26-character app client id.
pub fn client_id() -> String {
    pick(LOWER_ALPHANUMERIC, 26)
}

/// A 51-character app client secret.
pub fn client_secret() -> String {
    pick(LOWER_ALPHANUMERIC, 51)
}

/// `us-east-1:<uuid>`.
pub fn identity_pool_id(region: &str) -> String {
    format!("{region}:{}", uuid::Uuid::new_v4())
}

/// A random UUID, for `sub`, `jti` and friends.
pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Six random decimal digits.
pub fn code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// `n` random bytes from the thread's CSPRNG.
pub fn bytes(n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    rand::rng().fill(&mut out[..]);
    out
}

/// An AWS-style access key id, `AKIA` + 16 characters.
pub fn access_key_id() -> String {
    format!("AKIA{}", pick(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16))
}

/// A 40-character secret access key.
pub fn secret_access_key() -> String {
    pick(ALPHANUMERIC, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_ids_have_a_region_prefix() {
        let id = user_pool_id("us-east-1");
        assert!(id.starts_with("us-east-1_"));
        assert_eq!(id.len(), "us-east-1_".len() + 9);
        assert!(cognito_srp::pool_name(&id).is_ok());
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = code();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
