//! Reading the URL the Hosted UI redirected back to: a code (`?code=&state=`), implicit tokens
//! (`#id_token=&access_token=&state=`) or an OAuth error (`?error=&error_description=`).

use super::OAuthError;
use super::urls::split;
use crate::query::parse_pairs;

/// What a successful redirect carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Grant {
    /// Authorization code grant.
    Code { code: String },
    /// Implicit grant.
    Tokens {
        access_token: Option<String>,
        id_token: Option<String>,
    },
}

/// A grant or the authorization server's refusal.
pub(crate) type Callback = Result<Grant, OAuthError>;

/// A callback and its `state`; `None` when the URL carries none of the OAuth parameters.
pub(crate) fn parse(url: &str) -> Option<(Callback, Option<String>)> {
    let (_, query, fragment) = split(url);
    for (text, is_fragment) in [(query, false), (fragment, true)] {
        let pairs = parse_pairs(text);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        let state = get("state");
        if let Some(error) = get("error") {
            let description = get("error_description").filter(|text| !text.is_empty());
            return Some((Err(OAuthError { error, description }), state));
        }
        if !is_fragment && let Some(code) = get("code") {
            return Some((Ok(Grant::Code { code }), state));
        }
        if is_fragment {
            let (access_token, id_token) = (get("access_token"), get("id_token"));
            if access_token.is_some() || id_token.is_some() {
                return Some((
                    Ok(Grant::Tokens {
                        access_token,
                        id_token,
                    }),
                    state,
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_state_from_the_query() {
        assert_eq!(
            parse("http://localhost:3000/?code=abc%2B1&state=xyz-2f"),
            Some((
                Ok(Grant::Code {
                    code: "abc+1".into()
                }),
                Some("xyz-2f".into())
            ))
        );
    }

    #[test]
    fn implicit_tokens_from_the_fragment() {
        let (callback, state) = parse(
            "http://localhost:3000/#id_token=i.d.t&access_token=a.c.c&token_type=bearer&expires_in=3600&state=s1",
        )
        .unwrap();
        assert_eq!(
            callback,
            Ok(Grant::Tokens {
                access_token: Some("a.c.c".into()),
                id_token: Some("i.d.t".into())
            })
        );
        assert_eq!(state.as_deref(), Some("s1"));
    }

    #[test]
    fn errors_with_and_without_description() {
        let (callback, state) =
            parse("http://h/?error=access_denied&error_description=User+cancelled&state=s")
                .unwrap();
        assert_eq!(
            callback,
            Err(OAuthError {
                error: "access_denied".into(),
                description: Some("User cancelled".into())
            })
        );
        assert_eq!(state.as_deref(), Some("s"));
        assert_eq!(
            callback_error("http://h/#error=invalid_scope"),
            OAuthError {
                error: "invalid_scope".into(),
                description: None
            }
        );
        assert_eq!(
            OAuthError {
                error: "invalid_request".into(),
                description: Some("bad redirect_uri".into())
            }
            .to_string(),
            "invalid_request: bad redirect_uri"
        );
    }

    fn callback_error(url: &str) -> OAuthError {
        match parse(url) {
            Some((Err(error), _)) => error,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn plain_pages_are_not_callbacks() {
        assert_eq!(parse("http://localhost:3000/"), None);
        assert_eq!(parse("http://localhost:3000/?state=only&page=2"), None);
        assert_eq!(parse("http://localhost:3000/#section"), None);
        // A code in the fragment is not the code grant's answer.
        assert_eq!(parse("http://localhost:3000/#code=x&state=y"), None);
    }
}
