//! Just enough DER for SAML: a self-signed X.509 certificate for the mock identity provider, and
//! the RSA public key out of an identity provider's certificate.

use crate::errors::{ApiError, ApiResult};
use crate::keys::SigningKey;

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;
const UTF8_STRING: u8 = 0x0c;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
/// 1.2.840.113549.1.1.11, sha256WithRSAEncryption.
const SHA256_WITH_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
/// 1.2.840.113549.1.1.1, rsaEncryption.
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// 2.5.4.3, commonName.
const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|byte| *byte == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(SEQUENCE, &parts.concat())
}

fn integer(bytes: &[u8]) -> Vec<u8> {
    let trimmed: Vec<u8> = bytes
        .iter()
        .copied()
        .skip_while(|byte| *byte == 0)
        .collect();
    let mut content = if trimmed.is_empty() { vec![0] } else { trimmed };
    if content[0] & 0x80 != 0 {
        content.insert(0, 0);
    }
    tlv(INTEGER, &content)
}

fn algorithm(oid: &[u8]) -> Vec<u8> {
    seq(&[tlv(OID, oid), tlv(NULL, &[])])
}

fn name(common_name: &str) -> Vec<u8> {
    seq(&[tlv(
        SET,
        &seq(&[
            tlv(OID, COMMON_NAME),
            tlv(UTF8_STRING, common_name.as_bytes()),
        ]),
    )])
}

/// A self-signed certificate for `key` (the same key always gives the same certificate).
pub fn self_signed_certificate(key: &SigningKey, common_name: &str) -> ApiResult<Vec<u8>> {
    use rsa::pkcs8::EncodePublicKey as _;
    use sha2::Digest as _;
    let spki = key
        .public
        .to_public_key_der()
        .map_err(|error| ApiError::InternalError(format!("encoding a public key: {error}")))?;
    let serial = sha2::Sha256::digest(spki.as_bytes());
    let tbs = seq(&[
        tlv(0xa0, &integer(&[2])),
        integer(&serial[..16]),
        algorithm(SHA256_WITH_RSA),
        name(common_name),
        seq(&[
            tlv(UTC_TIME, b"250101000000Z"),
            tlv(GENERALIZED_TIME, b"20991231235959Z"),
        ]),
        name(common_name),
        spki.as_bytes().to_vec(),
    ]);
    let signature = key.sign(&tbs)?;
    let mut bits = vec![0];
    bits.extend(signature);
    Ok(seq(&[
        tbs,
        algorithm(SHA256_WITH_RSA),
        tlv(BIT_STRING, &bits),
    ]))
}

/// Reads one TLV; (tag, content, rest).
fn read(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let len = rest[..count]
            .iter()
            .fold(0usize, |len, byte| (len << 8) | usize::from(*byte));
        (len, &rest[count..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

/// The PKCS#1 RSAPublicKey (as ring takes it) of an X.509 certificate with an RSA key.
pub fn rsa_public_key(certificate: &[u8]) -> Option<Vec<u8>> {
    let (SEQUENCE, certificate, _) = read(certificate)? else {
        return None;
    };
    let (SEQUENCE, mut tbs, _) = read(certificate)? else {
        return None;
    };
    // [0] version (optional), serial, signature algorithm, issuer, validity, subject.
    let (tag, _, rest) = read(tbs)?;
    tbs = if tag == 0xa0 { read(rest)?.2 } else { rest };
    for _ in 0..4 {
        tbs = read(tbs)?.2;
    }
    let (SEQUENCE, spki, _) = read(tbs)? else {
        return None;
    };
    let (SEQUENCE, algorithm, rest) = read(spki)? else {
        return None;
    };
    let (OID, oid, _) = read(algorithm)? else {
        return None;
    };
    if oid != RSA_ENCRYPTION {
        return None;
    }
    let (BIT_STRING, bits, _) = read(rest)? else {
        return None;
    };
    let (0, key) = bits.split_first()? else {
        return None;
    };
    Some(key.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_integers_and_truncated_input() {
        assert_eq!(tlv(OID, &[1; 3]), [6, 3, 1, 1, 1]);
        assert_eq!(&tlv(OID, &[0; 300])[..4], &[6, 0x82, 1, 44]);
        assert_eq!(integer(&[0, 0, 0x80]), [2, 2, 0, 0x80]);
        assert_eq!(integer(&[0]), [2, 1, 0]);
        assert!(read(&[0x30, 0x82, 1]).is_none());
        assert!(rsa_public_key(&[0x30, 0x03, 0x30, 0x01, 0x00]).is_none());
        assert!(rsa_public_key(b"").is_none());
    }
}
