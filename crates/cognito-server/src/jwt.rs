//! RS256 JSON Web Tokens: signing with one of our keys, and checking a signature against one of
//! our keys or a JWKS entry fetched from elsewhere.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::errors::ApiResult;
use crate::keys::SigningKey;

/// Signs `claims` with `key`; the header is Cognito's `{"kid","alg"}`.
pub fn sign(key: &SigningKey, claims: &Value) -> ApiResult<String> {
    let header = json!({ "kid": key.kid, "alg": "RS256" });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = key.sign(signing_input.as_bytes())?;
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    ))
}

/// A token split into its parts, not yet trusted.
#[derive(Debug, Clone)]
pub struct Unverified<'a> {
    pub header: Value,
    pub claims: Value,
    signing_input: &'a str,
    signature: Vec<u8>,
}

impl<'a> Unverified<'a> {
    /// Splits and decodes a compact JWS; `None` for anything malformed.
    pub fn parse(token: &'a str) -> Option<Self> {
        let (signing_input, signature) = token.rsplit_once('.')?;
        let (header, payload) = signing_input.split_once('.')?;
        if payload.contains('.') {
            return None;
        }
        let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).ok();
        let header: Value = serde_json::from_slice(&decode(header)?).ok()?;
        let claims: Value = serde_json::from_slice(&decode(payload)?).ok()?;
        if !header.is_object() || !claims.is_object() || header["alg"] != "RS256" {
            return None;
        }
        Some(Self {
            header,
            claims,
            signing_input,
            signature: decode(signature)?,
        })
    }

    /// The `kid` of the header.
    pub fn kid(&self) -> Option<&str> {
        self.header["kid"].as_str()
    }

    /// Whether `key` (one of ours) made the signature.
    pub fn signed_by(&self, key: &SigningKey) -> bool {
        self.kid() == Some(key.kid.as_str())
            && key
                .public
                .pkcs1v15_verify::<Sha256>(self.signing_input.as_bytes(), &self.signature)
                .is_ok()
    }

    /// Whether the JWKS entry with the token's `kid` made the signature.
    pub fn signed_by_jwks(&self, jwks: &Value) -> bool {
        let Some(kid) = self.kid() else {
            return false;
        };
        let Some(jwk) = jwks["keys"]
            .as_array()
            .and_then(|keys| keys.iter().find(|key| key["kid"] == kid))
        else {
            return false;
        };
        let part = |name: &str| {
            jwk[name]
                .as_str()
                .and_then(|text| URL_SAFE_NO_PAD.decode(text).ok())
        };
        let (Some(n), Some(e)) = (part("n"), part("e")) else {
            return false;
        };
        if jwk["kty"] != "RSA" {
            return false;
        }
        aws_lc_rs::signature::RsaPublicKeyComponents { n, e }
            .verify(
                &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
                self.signing_input.as_bytes(),
                &self.signature,
            )
            .is_ok()
    }

    /// A string claim.
    pub fn str_claim(&self, name: &str) -> Option<&str> {
        self.claims[name].as_str()
    }

    /// Whether `aud` (a string or a list) contains `audience`.
    pub fn has_audience(&self, audience: &str) -> bool {
        match &self.claims["aud"] {
            Value::String(aud) => aud == audience,
            Value::Array(list) => list.iter().any(|aud| aud == audience),
            _ => false,
        }
    }

    /// `exp` as Unix seconds (0 when absent, so a token without one is expired).
    pub fn exp(&self) -> i64 {
        self.claims["exp"].as_i64().unwrap_or(0)
    }
}
