//! Checking AWS Signature Version 4 on admin requests, as boto3 and the AWS CLI sign them.

use axum::http::{HeaderMap, Method, Uri};
use hmac::{Hmac, KeyInit as _, Mac as _};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use crate::admin_credentials::AdminCredentials;
use crate::errors::{ApiError, ApiResult};

/// How far `X-Amz-Date` may be from the server's clock, as AWS allows.
const MAX_SKEW_SECS: i64 = 15 * 60;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The parts of a request that a signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    pub method: &'a Method,
    pub uri: &'a Uri,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// The fields of an `Authorization: AWS4-HMAC-SHA256 ...` header.
#[derive(Debug, PartialEq, Eq)]
struct Authorization<'a> {
    access_key_id: &'a str,
    /// `date/region/service/aws4_request`.
    scope: &'a str,
    date: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
}

fn parse_authorization(header: &str) -> Option<Authorization<'_>> {
    let rest = header.strip_prefix(ALGORITHM)?.trim_start();
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, value) = part.trim().split_once('=')?;
        match key {
            "Credential" => credential = Some(value),
            "SignedHeaders" => signed_headers = Some(value),
            "Signature" => signature = Some(value),
            _ => {}
        }
    }
    let (access_key_id, scope) = credential?.split_once('/')?;
    let date = scope.split('/').next()?;
    Some(Authorization {
        access_key_id,
        scope,
        date,
        signed_headers: signed_headers?,
        signature: signature?,
    })
}

fn mismatch() -> ApiError {
    ApiError::InvalidSignature(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.".into(),
    )
}

/// Verifies the request's signature with the admin credentials.
pub fn verify(
    request: SignedRequest<'_>,
    credentials: &AdminCredentials,
    now: i64,
) -> ApiResult<()> {
    verify_with(request, now, |access_key_id| {
        if access_key_id == credentials.access_key_id {
            Ok(credentials.secret_access_key.clone())
        } else {
            Err(ApiError::UnrecognizedClient)
        }
    })
}

/// Verifies the request's signature with the secret that `secret_for` gives for the access key
/// id the request names; `secret_for` refuses keys it does not accept with its own error.
pub fn verify_with(
    request: SignedRequest<'_>,
    now: i64,
    secret_for: impl FnOnce(&str) -> ApiResult<String>,
) -> ApiResult<()> {
    let header = request
        .headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .ok_or(ApiError::MissingAuthenticationToken)?;
    let authorization = parse_authorization(header).ok_or_else(|| {
        ApiError::InvalidSignature(format!(
            "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' with {ALGORITHM}."
        ))
    })?;
    let secret = secret_for(authorization.access_key_id)?;
    let amz_date = request
        .headers
        .get("x-amz-date")
        .and_then(|value| value.to_str().ok())
        .ok_or_else(mismatch)?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(mismatch)?;
    if (signed_at - now).abs() > MAX_SKEW_SECS || !amz_date.starts_with(authorization.date) {
        return Err(ApiError::InvalidSignature(
            "Signature expired: the request's X-Amz-Date is too far from the server's time.".into(),
        ));
    }
    let signed: Vec<&str> = authorization.signed_headers.split(';').collect();
    if !signed.contains(&"host") {
        return Err(mismatch());
    }
    let canonical = canonical_request(&request, &signed).ok_or_else(mismatch)?;
    let expected = signature(&secret, amz_date, authorization.scope, &canonical);
    if bool::from(
        expected
            .as_bytes()
            .ct_eq(authorization.signature.as_bytes()),
    ) {
        Ok(())
    } else {
        Err(mismatch())
    }
}

/// The canonical request of SigV4 for the listed (lowercase, sorted) headers.
fn canonical_request(request: &SignedRequest<'_>, signed: &[&str]) -> Option<String> {
    let mut headers = String::new();
    for name in signed {
        let values: Vec<String> = request
            .headers
            .get_all(*name)
            .iter()
            .map(|value| value.to_str().map(collapse_spaces))
            .collect::<Result<_, _>>()
            .ok()?;
        if values.is_empty() {
            return None;
        }
        headers.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    Some(format!(
        "{}\n{}\n{}\n{headers}\n{}\n{}",
        request.method.as_str(),
        canonical_path(request.uri.path()),
        canonical_query(request.uri.query().unwrap_or_default()),
        signed.join(";"),
        hex::encode(Sha256::digest(request.body)),
    ))
}

fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each path segment URI-encoded once (paths here are `/`, but stay correct for others).
fn canonical_path(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    path.split('/')
        .map(|segment| uri_encode(&percent_decode(segment)))
        .collect::<Vec<_>>()
        .join("/")
}

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                uri_encode(&percent_decode(key)),
                uri_encode(&percent_decode(value)),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn uri_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hmac(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC-SHA256 takes keys of any length, so `new_from_slice` cannot fail here.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// The hex signature over a canonical request.
fn signature(secret: &str, amz_date: &str, scope: &str, canonical_request: &str) -> String {
    let string_to_sign = format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in scope.split('/') {
        key = hmac(&key, part.as_bytes());
    }
    hex::encode(hmac(&key, string_to_sign.as_bytes()))
}

/// `20150830T123600Z` -> Unix seconds.
fn parse_amz_date(text: &str) -> Option<i64> {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::PrimitiveDateTime::parse(text, &format)
        .ok()
        .map(|at| at.assume_utc().unix_timestamp())
}

/// An `Authorization` header for `request` signing `signed` headers, for tests of callers of
/// [`verify_with`].
#[cfg(test)]
pub fn authorization_for_tests(
    request: SignedRequest<'_>,
    signed: &[&str],
    access_key_id: &str,
    secret: &str,
    amz_date: &str,
) -> String {
    let scope = format!("{}/us-east-1/execute-api/aws4_request", &amz_date[..8]);
    let canonical = canonical_request(&request, signed).unwrap_or_default();
    format!(
        "{ALGORITHM} Credential={access_key_id}/{scope}, SignedHeaders={}, Signature={}",
        signed.join(";"),
        signature(secret, amz_date, &scope, &canonical)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's SigV4 test suite, `get-vanilla`.
    #[test]
    fn aws_get_vanilla_vector() {
        let mut headers = HeaderMap::new();
        headers.insert("host", "example.amazonaws.com".parse().unwrap());
        headers.insert("x-amz-date", "20150830T123600Z".parse().unwrap());
        let method = Method::GET;
        let uri: Uri = "/".parse().unwrap();
        let request = SignedRequest {
            method: &method,
            uri: &uri,
            headers: &headers,
            body: b"",
        };
        let canonical = canonical_request(&request, &["host", "x-amz-date"]).unwrap();
        assert_eq!(
            hex::encode(Sha256::digest(canonical.as_bytes())),
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
        );
        assert_eq!(
            signature(
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "20150830T123600Z",
                "20150830/us-east-1/service/aws4_request",
                &canonical
            ),
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn authorization_header_parses() {
        let parsed = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc",
        )
        .unwrap();
        assert_eq!(parsed.access_key_id, "AKID");
        assert_eq!(parsed.scope, "20150830/us-east-1/cognito-idp/aws4_request");
        assert_eq!(parsed.date, "20150830");
        assert_eq!(parsed.signed_headers, "host;x-amz-date");
        assert_eq!(parsed.signature, "abc");
        assert!(parse_authorization("Bearer x").is_none());
    }

    #[test]
    fn amz_dates_parse() {
        assert_eq!(parse_amz_date("20150830T123600Z"), Some(1_440_938_160));
        assert_eq!(parse_amz_date("2015-08-30"), None);
    }
}
