//! Reading the `Cookie` header and writing `Set-Cookie` values for the hosted UI's cookies.

use axum::http::{HeaderMap, header};

/// The value of cookie `name`, if the browser sent it.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
        .filter(|value| !value.is_empty())
}

/// A host-only, script-hidden cookie for the whole origin. `SameSite=Lax` still sends it on the
/// top-level navigations the OAuth redirects are.
pub fn set(name: &str, value: &str, max_age_secs: i64) -> String {
    format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax")
}

/// Tells the browser to forget cookie `name`.
pub fn clear(name: &str) -> String {
    format!("{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("xcognito=no; cognito=abc=; XSRF-TOKEN=t"),
        );
        assert_eq!(get(&headers, "cognito").as_deref(), Some("abc="));
        assert_eq!(get(&headers, "XSRF-TOKEN").as_deref(), Some("t"));
        assert_eq!(get(&headers, "other"), None);
    }
}
