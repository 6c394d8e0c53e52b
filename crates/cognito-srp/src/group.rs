//! The SRP group (RFC 5054's 3072-bit prime, g = 2), Cognito's `padHex` encoding and hashing helpers.

use sha2::{Digest, Sha256};

use crate::SrpError;

/// N, RFC 3526's 3072-bit MODP prime, big-endian.
pub(crate) const N_BYTES: [u8; 384] = hex_literal(concat!(
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404dd",
    "ef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f",
    "83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa0510",
    "15728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200c",
    "bbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
));

/// The generator.
pub(crate) const G: u8 = 2;

/// k = H(padHex(N) || padHex(g)), as Cognito computes it.
pub(crate) const K_BYTES: [u8; 32] =
    hex_literal("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");

const fn hex_literal<const LEN: usize>(hex: &str) -> [u8; LEN] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not a lowercase hex digit"),
        }
    }
    let hex = hex.as_bytes();
    assert!(hex.len() == LEN * 2, "hex literal has the wrong length");
    let mut out = [0u8; LEN];
    let mut i = 0;
    while i < LEN {
        out[i] = nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]);
        i += 1;
    }
    out
}

/// The part of a pool id after the underscore (`us-east-1_AbC123` -> `AbC123`), which Cognito mixes
/// into the password hash and the claim signature.
pub fn pool_name(pool_id: &str) -> Result<&str, SrpError> {
    match pool_id.split_once('_') {
        Some((region, name)) if !region.is_empty() && !name.is_empty() && !name.contains('_') => {
            Ok(name)
        }
        _ => Err(SrpError::InvalidPoolId(pool_id.to_owned())),
    }
}

/// Cognito's `padHex` in bytes: the minimal big-endian encoding, with a zero byte in front when the
/// top bit is set (Java's `BigInteger.toByteArray()`). Zero encodes as one zero byte.
/// Expects `minimal` without leading zero bytes.
pub(crate) fn pad(minimal: &[u8]) -> Vec<u8> {
    match minimal.first() {
        None => vec![0],
        Some(&first) if first >= 0x80 => {
            let mut out = Vec::with_capacity(minimal.len() + 1);
            out.push(0);
            out.extend_from_slice(minimal);
            out
        }
        Some(_) => minimal.to_vec(),
    }
}

/// Drops leading zero bytes.
pub(crate) fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Lowercase hex without leading zeros, as JavaScript's `BigInt.toString(16)` writes it (`"0"` for zero).
pub(crate) fn unpadded_hex(minimal: &[u8]) -> String {
    let hex = hex::encode(minimal);
    match hex.trim_start_matches('0') {
        "" => "0".to_owned(),
        digits => digits.to_owned(),
    }
}

/// Parses a hex number as Cognito's clients do: as an integer, so leading zeros and odd lengths are
/// fine. Returns the minimal big-endian bytes.
pub(crate) fn parse_hex(field: &'static str, text: &str) -> Result<Vec<u8>, SrpError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SrpError::InvalidHex { field });
    }
    let digits = text.trim_start_matches('0');
    let even = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits.to_owned()
    };
    hex::decode(even).map_err(|_| SrpError::InvalidHex { field })
}

/// SHA-256 over the concatenation of `parts`.
pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// x = H(padHex(salt) || H(poolName || userId || ":" || password)).
pub(crate) fn password_hash(
    pool_name: &str,
    user_id: &str,
    password: &str,
    salt: &[u8],
) -> [u8; 32] {
    let inner = sha256(&[
        pool_name.as_bytes(),
        user_id.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    sha256(&[&pad(trim(salt)), &inner])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_is_the_hash_of_padded_n_and_g() {
        assert_eq!(sha256(&[&pad(&N_BYTES), &pad(&[G])]), K_BYTES);
    }

    #[test]
    fn pad_adds_a_zero_byte_only_when_the_top_bit_is_set() {
        assert_eq!(pad(&[0x7f, 1]), vec![0x7f, 1]);
        assert_eq!(pad(&[0x80, 1]), vec![0, 0x80, 1]);
        assert_eq!(pad(&[]), vec![0]);
    }

    #[test]
    fn hex_parses_as_an_integer() {
        assert_eq!(parse_hex("SALT", "00abc").unwrap(), vec![0x0a, 0xbc]);
        assert_eq!(parse_hex("SALT", "0").unwrap(), Vec::<u8>::new());
        assert!(parse_hex("SALT", "").is_err());
        assert!(parse_hex("SALT", "xyz").is_err());
        assert_eq!(unpadded_hex(&[0x0a, 0xbc]), "abc");
        assert_eq!(unpadded_hex(&[]), "0");
    }

    #[test]
    fn pool_name_is_the_part_after_the_region() {
        assert_eq!(pool_name("us-east-1_AbC123").unwrap(), "AbC123");
        assert!(pool_name("AbC123").is_err());
        assert!(pool_name("us-east-1_").is_err());
        assert!(pool_name("_AbC").is_err());
    }
}
