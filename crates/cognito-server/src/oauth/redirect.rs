//! Registered redirect URIs and the redirects back to the app: codes and errors in the query,
//! implicit tokens in the fragment.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::params::encode_pairs;

/// Whether `uri` may be registered as a callback or sign-out URL: absolute, no fragment, and
/// HTTPS unless it points at this machine.
pub fn acceptable(uri: &str) -> bool {
    if uri.contains('#') || uri.chars().any(char::is_whitespace) {
        return false;
    }
    if let Some(rest) = uri.strip_prefix("https://") {
        return !host_of(rest).is_empty();
    }
    match uri.strip_prefix("http://") {
        Some(rest) => matches!(host_of(rest), "localhost" | "127.0.0.1" | "[::1]"),
        None => false,
    }
}

/// The host part of `host[:port]/path...`.
fn host_of(after_scheme: &str) -> &str {
    let authority = after_scheme.split(['/', '?']).next().unwrap_or_default();
    if authority.starts_with('[') {
        return authority.split_inclusive(']').next().unwrap_or_default();
    }
    authority.split(':').next().unwrap_or_default()
}

/// Whether `sent` is exactly one of `registered` (no prefix or case games) and still acceptable.
pub fn is_registered(sent: &str, registered: &[String]) -> bool {
    acceptable(sent) && registered.iter().any(|uri| uri == sent)
}

/// Where parameters go on the way back to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    Query,
    Fragment,
}

/// `uri` with `pairs` appended to its query or as its fragment.
pub fn with_params<'a>(
    uri: &str,
    carry: Carry,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let encoded = encode_pairs(pairs);
    match carry {
        Carry::Fragment => format!("{uri}#{encoded}"),
        Carry::Query if uri.contains('?') => format!("{uri}&{encoded}"),
        Carry::Query => format!("{uri}?{encoded}"),
    }
}

/// A `302 Found` to `location`, optionally setting cookies.
pub fn found(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    let headers = response.headers_mut();
    match HeaderValue::from_str(location) {
        Ok(value) => {
            headers.insert(header::LOCATION, value);
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_for_this_machine_only() {
        assert!(acceptable("https://app.example.com/cb"));
        assert!(acceptable("http://localhost:3000/"));
        assert!(acceptable("http://127.0.0.1:9229/"));
        assert!(acceptable("http://[::1]:8080/cb"));
        assert!(!acceptable("http://example.com/"));
        assert!(!acceptable("http://localhost.evil.test/"));
        assert!(!acceptable("http://127.0.0.1.evil.test/"));
        assert!(!acceptable("https://app.example.com/cb#x"));
        assert!(!acceptable("javascript:alert(1)"));
        assert!(!acceptable("https:///nohost"));
    }

    #[test]
    fn registration_is_an_exact_match() {
        let registered = vec!["http://localhost:3000/".to_owned()];
        assert!(is_registered("http://localhost:3000/", &registered));
        assert!(!is_registered("http://localhost:3000", &registered));
        assert!(!is_registered("http://localhost:3000/x", &registered));
        assert!(!is_registered("HTTP://localhost:3000/", &registered));
    }

    #[test]
    fn parameters_join_an_existing_query() {
        assert_eq!(
            with_params("http://a/cb?x=1", Carry::Query, [("code", "c d")]),
            "http://a/cb?x=1&code=c%20d"
        );
        assert_eq!(
            with_params("http://a/cb", Carry::Fragment, [("access_token", "t")]),
            "http://a/cb#access_token=t"
        );
    }
}
