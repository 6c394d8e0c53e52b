//! The query parameters of `/oauth2/authorize`, which the hosted pages carry along unchanged.

use serde::{Deserialize, Serialize};

/// `/oauth2/authorize`'s parameters as sent; [`super::authorization`] checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub state: Option<String>,
    pub scope: Option<String>,
    pub identity_provider: Option<String>,
    pub idp_identifier: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub nonce: Option<String>,
    pub login_hint: Option<String>,
    pub lang: Option<String>,
    pub prompt: Option<String>,
}

impl AuthorizeParams {
    /// The parameters as a query string (without `?`), for links between the hosted pages.
    pub fn query(&self) -> String {
        let pairs = [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("state", &self.state),
            ("scope", &self.scope),
            ("identity_provider", &self.identity_provider),
            ("idp_identifier", &self.idp_identifier),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("nonce", &self.nonce),
            ("login_hint", &self.login_hint),
            ("lang", &self.lang),
            ("prompt", &self.prompt),
        ];
        encode_pairs(
            pairs
                .iter()
                .filter_map(|(name, value)| value.as_deref().map(|value| (*name, value))),
        )
    }

    /// The same request without a provider (the login page's own form and links).
    pub fn without_provider(&self) -> Self {
        Self {
            identity_provider: None,
            idp_identifier: None,
            ..self.clone()
        }
    }

    /// The language of the pages: `lang` is accepted, but only English text exists, and the
    /// page must say which language it is really in (screen readers pick their voice by it).
    pub fn language(&self) -> &str {
        "en"
    }
}

/// `name=value&...` with both percent-encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_keeps_only_given_parameters_encoded() {
        let params = AuthorizeParams {
            client_id: Some("abc".into()),
            redirect_uri: Some("http://localhost:3000/cb?x=1".into()),
            scope: Some("openid email".into()),
            ..AuthorizeParams::default()
        };
        assert_eq!(
            params.query(),
            "client_id=abc&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb%3Fx%3D1&scope=openid%20email"
        );
    }
}
