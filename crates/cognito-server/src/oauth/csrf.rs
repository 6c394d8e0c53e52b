//! Double-submit CSRF protection for the hosted forms: the `XSRF-TOKEN` cookie and the `_csrf`
//! field must carry the same random value, compared in constant time.

use axum::http::HeaderMap;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq as _;

use super::cookies;

pub const COOKIE: &str = "XSRF-TOKEN";
pub const FIELD: &str = "_csrf";

/// The token a form embeds, and the cookie to set when the browser had none.
#[derive(Debug, Clone)]
pub struct CsrfToken {
    pub value: String,
    pub set_cookie: Option<String>,
}

/// The browser's token if it has a well-formed one, else a fresh one.
pub fn for_form(headers: &HeaderMap) -> CsrfToken {
    match cookies::get(headers, COOKIE).filter(|value| well_formed(value)) {
        Some(value) => CsrfToken {
            value,
            set_cookie: None,
        },
        None => {
            let value = URL_SAFE_NO_PAD.encode(crate::ids::bytes(32));
            CsrfToken {
                set_cookie: Some(cookies::set(COOKIE, &value, 3600)),
                value,
            }
        }
    }
}

/// Whether the submitted `_csrf` matches the cookie.
pub fn check(headers: &HeaderMap, submitted: Option<&str>) -> bool {
    let (Some(cookie), Some(submitted)) = (cookies::get(headers, COOKIE), submitted) else {
        return false;
    };
    well_formed(&cookie) && bool::from(cookie.as_bytes().ct_eq(submitted.as_bytes()))
}

fn well_formed(value: &str) -> bool {
    value.len() == 43
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderValue, header};

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("{COOKIE}={value}")).unwrap(),
        );
        headers
    }

    #[test]
    fn the_field_must_match_the_cookie() {
        let fresh = for_form(&HeaderMap::new());
        assert!(fresh.set_cookie.is_some());
        let headers = with_cookie(&fresh.value);
        assert_eq!(for_form(&headers).value, fresh.value);
        assert!(check(&headers, Some(&fresh.value)));
        assert!(!check(&headers, Some("x")));
        assert!(!check(&headers, None));
        assert!(!check(&HeaderMap::new(), Some(&fresh.value)));
    }
}
