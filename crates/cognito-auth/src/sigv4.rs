//! AWS Signature Version 4, so an app can call AWS APIs with the credentials it holds (from an
//! identity pool, or any access key pair), in the browser as natively. Time is passed in.
//! Identity pool credentials ([`crate::AwsCredentials`], from
//! [`Auth::current_credentials`](crate::Auth::current_credentials)) sign in one call with
//! [`crate::AwsCredentials::sign`], or convert with `(&credentials).into()`.
//!
//! ```
//! use cognito_auth::sigv4::{AwsCredentials, SignableRequest, sign};
//!
//! let credentials = AwsCredentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
//! let request = SignableRequest::new("GET", "https://example.amazonaws.com/");
//! let headers = sign(&request, &credentials, "us-east-1", "service", 1_440_938_160).unwrap();
//! // Send the request with these headers added.
//! assert_eq!(headers[0], ("x-amz-date".to_owned(), "20150830T123600Z".to_owned()));
//! ```

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::query::percent_decode;

/// An access key pair, with the session token temporary credentials carry.
#[derive(Clone, PartialEq, Eq)]
pub struct AwsCredentials {
    /// `AKIA...` or, for temporary credentials, `ASIA...`.
    pub access_key_id: String,
    /// The secret that keys the signature; never sent.
    pub secret_access_key: String,
    /// Sent as `x-amz-security-token` with temporary credentials.
    pub session_token: Option<String>,
}

impl std::fmt::Debug for AwsCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

impl AwsCredentials {
    /// Long-lived credentials (no session token).
    pub fn new(access_key_id: impl Into<String>, secret_access_key: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token: None,
        }
    }

    /// Adds the session token of temporary credentials.
    pub fn with_session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(token.into());
        self
    }
}

/// What gets signed: method, absolute URL, the headers that will be sent, and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignableRequest<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// Absolute `http(s)` URL, path percent-encoded as it will be sent.
    pub url: &'a str,
    /// Headers that will be sent, all of them signed (`host` and `x-amz-date` are added).
    pub headers: Vec<(&'a str, &'a str)>,
    /// The exact body bytes.
    pub body: &'a [u8],
}

impl<'a> SignableRequest<'a> {
    /// A request without headers or body.
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Self {
            method,
            url,
            headers: Vec::new(),
            body: b"",
        }
    }

    /// Adds a header that will be sent (and signed).
    pub fn header(mut self, name: &'a str, value: &'a str) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: &'a [u8]) -> Self {
        self.body = body;
        self
    }
}

/// Why a request cannot be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SigV4Error {
    /// The URL is not an absolute `http(s)` URL with a host.
    #[error("not an absolute http(s) URL: {0}")]
    Url(String),
    /// The time is not one a signature can carry.
    #[error("time {0} is outside the years 1970-9999")]
    Time(i64),
}

/// Signs `request` at Unix time `now`; returns the headers to add, in this order: `x-amz-date`,
/// `x-amz-security-token` (temporary credentials only), `authorization`.
pub fn sign(
    request: &SignableRequest<'_>,
    credentials: &AwsCredentials,
    region: &str,
    service: &str,
    now: i64,
) -> Result<Vec<(String, String)>, SigV4Error> {
    let (host, path, query) = split_url(request.url)?;
    let amz_date = amz_date(now)?;
    let day = &amz_date[..8];

    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), collapse_spaces(value)))
        .filter(|(name, _)| name != "host" && name != "x-amz-date" && name != "authorization")
        .collect();
    headers.push(("host".to_owned(), host.to_owned()));
    headers.push(("x-amz-date".to_owned(), amz_date.clone()));
    if let Some(token) = &credentials.session_token {
        headers.push(("x-amz-security-token".to_owned(), token.clone()));
    }
    headers.sort();
    let signed_headers = headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_headers: String = headers
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();

    // S3 encodes path segments once; every other service signs the already-encoded path encoded again.
    let canonical_path = if service == "s3" {
        path.to_owned()
    } else {
        encode_path(path)
    };
    let canonical_request = format!(
        "{}\n{canonical_path}\n{}\n{canonical_headers}\n{signed_headers}\n{}",
        request.method.to_ascii_uppercase(),
        canonical_query(query),
        hex::encode(Sha256::digest(request.body)),
    );
    let scope = format!("{day}/{region}/{service}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = hmac(
        format!("AWS4{}", credentials.secret_access_key).as_bytes(),
        day.as_bytes(),
    );
    for part in [region, service, "aws4_request"] {
        key = hmac(&key, part.as_bytes());
    }
    let signature = hex::encode(hmac(&key, string_to_sign.as_bytes()));

    let mut added = vec![("x-amz-date".to_owned(), amz_date)];
    if let Some(token) = &credentials.session_token {
        added.push(("x-amz-security-token".to_owned(), token.clone()));
    }
    added.push((
        "authorization".to_owned(),
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            credentials.access_key_id
        ),
    ));
    Ok(added)
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// `YYYYMMDDTHHMMSSZ`.
fn amz_date(now: i64) -> Result<String, SigV4Error> {
    let at = time::OffsetDateTime::from_unix_timestamp(now).map_err(|_| SigV4Error::Time(now))?;
    if !(1970..=9999).contains(&at.year()) {
        return Err(SigV4Error::Time(now));
    }
    Ok(format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    ))
}

/// (host[:port], path, query) of an absolute URL; the fragment is dropped.
fn split_url(url: &str) -> Result<(&str, &str, &str), SigV4Error> {
    let invalid = || SigV4Error::Url(url.to_owned());
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(invalid)?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (authority, path_and_query) = match rest.find(['/', '?']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(invalid());
    }
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    Ok((authority, if path.is_empty() { "/" } else { path }, query))
}

/// RFC 3986 unreserved characters stay; everything else becomes `%XX` (uppercase).
fn uri_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b'/' if keep_slash => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn encode_path(path: &str) -> String {
    uri_encode(path, true)
}

/// Parameters sorted by encoded name, then value; `a=1&b` becomes `a=1&b=`.
fn canonical_query(query: &str) -> String {
    let decode = |text: &str| percent_decode(&text.replace('+', " "));
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                uri_encode(&decode(name), false),
                uri_encode(&decode(value), false),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// Trims and collapses runs of spaces, as the canonical header form requires.
fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    /// 2015-08-30T12:36:00Z, the time of AWS's SigV4 test suite.
    const SUITE_TIME: i64 = 1_440_938_160;

    fn authorization(headers: &[(String, String)]) -> &str {
        &headers
            .iter()
            .find(|(name, _)| name == "authorization")
            .expect("authorization")
            .1
    }

    #[test]
    fn aws_test_suite_get_vanilla() {
        let request = SignableRequest::new("GET", "https://example.amazonaws.com/");
        let headers = sign(
            &request,
            &AwsCredentials::new("AKIDEXAMPLE", SECRET),
            "us-east-1",
            "service",
            SUITE_TIME,
        )
        .unwrap();
        assert_eq!(
            authorization(&headers),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn session_tokens_are_sent_and_signed() {
        let request = SignableRequest::new("GET", "https://example.amazonaws.com/");
        let credentials = AwsCredentials::new("AKID", SECRET).with_session_token("TOKEN");
        let headers = sign(&request, &credentials, "us-east-1", "service", SUITE_TIME).unwrap();
        assert_eq!(
            headers[1],
            ("x-amz-security-token".to_owned(), "TOKEN".to_owned())
        );
        assert!(
            authorization(&headers).contains("SignedHeaders=host;x-amz-date;x-amz-security-token,")
        );
    }

    #[test]
    fn anything_that_changes_the_request_changes_the_signature() {
        let credentials = AwsCredentials::new("AKID", SECRET);
        let signed = |request: SignableRequest<'_>| {
            authorization(
                &sign(
                    &request,
                    &credentials,
                    "us-east-1",
                    "execute-api",
                    SUITE_TIME,
                )
                .unwrap(),
            )
            .to_owned()
        };
        let base = signed(
            SignableRequest::new("POST", "https://api.example.com/items?b=2&a=1").body(b"{}"),
        );
        // Query order does not matter; everything else does.
        assert_eq!(
            base,
            signed(
                SignableRequest::new("POST", "https://api.example.com/items?a=1&b=2").body(b"{}")
            )
        );
        for other in [
            signed(
                SignableRequest::new("POST", "https://api.example.com/items?a=1&b=3").body(b"{}"),
            ),
            signed(
                SignableRequest::new("POST", "https://api.example.com/item?a=1&b=2").body(b"{}"),
            ),
            signed(
                SignableRequest::new("PUT", "https://api.example.com/items?a=1&b=2").body(b"{}"),
            ),
            signed(
                SignableRequest::new("POST", "https://api.example.com/items?a=1&b=2").body(b"[]"),
            ),
            signed(
                SignableRequest::new("POST", "https://api.example.com/items?a=1&b=2")
                    .body(b"{}")
                    .header("X-Thing", "1"),
            ),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn urls_and_times_that_cannot_be_signed_are_refused() {
        let credentials = AwsCredentials::new("AKID", SECRET);
        for url in [
            "example.com/",
            "ftp://example.com/",
            "https:///path",
            "https://user@example.com/",
        ] {
            assert!(matches!(
                sign(
                    &SignableRequest::new("GET", url),
                    &credentials,
                    "r",
                    "s",
                    SUITE_TIME
                ),
                Err(SigV4Error::Url(_))
            ));
        }
        assert!(matches!(
            sign(
                &SignableRequest::new("GET", "https://e.com/"),
                &credentials,
                "r",
                "s",
                i64::MAX
            ),
            Err(SigV4Error::Time(_))
        ));
    }

    #[test]
    fn canonical_pieces_follow_the_spec() {
        assert_eq!(canonical_query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
        assert_eq!(canonical_query("q=a%20b&x=%2F"), "q=a%20b&x=%2F");
        assert_eq!(encode_path("/a b/ü"), "/a%20b/%C3%BC");
        assert_eq!(collapse_spaces("  a   b "), "a b");
        assert_eq!(
            split_url("http://127.0.0.1:9229").unwrap(),
            ("127.0.0.1:9229", "/", "")
        );
    }
}
