//! The Hosted UI's URLs, built as Amplify v6 builds them, and the few URL splits the redirect
//! handling needs.

use crate::config::OAuthResponseType;
use crate::query::encode_pairs;

/// `https://{domain}`, or the domain as given when it has a scheme (a local server's
/// `http://127.0.0.1:9229`); never a trailing slash.
pub(crate) fn base_url(domain: &str) -> String {
    let domain = domain.trim().trim_end_matches('/');
    if domain.contains("://") {
        domain.to_owned()
    } else {
        format!("https://{domain}")
    }
}

/// What goes into `/oauth2/authorize`.
#[derive(Debug)]
pub(crate) struct Authorize<'a> {
    pub redirect_uri: &'a str,
    pub response_type: OAuthResponseType,
    pub client_id: &'a str,
    pub identity_provider: &'a str,
    pub scopes: &'a [String],
    pub login_hint: Option<&'a str>,
    pub state: &'a str,
    /// The S256 challenge (code grant only).
    pub code_challenge: Option<&'a str>,
}

/// `{base}/oauth2/authorize?...` with Amplify v6's parameters in Amplify v6's order.
pub(crate) fn authorize_url(domain: &str, request: &Authorize<'_>) -> String {
    let scope = request.scopes.join(" ");
    let response_type = match request.response_type {
        OAuthResponseType::Code => "code",
        OAuthResponseType::Token => "token",
    };
    let mut pairs = vec![
        ("redirect_uri", request.redirect_uri),
        ("response_type", response_type),
        ("client_id", request.client_id),
        ("identity_provider", request.identity_provider),
        ("scope", scope.as_str()),
    ];
    if let Some(hint) = request.login_hint {
        pairs.push(("login_hint", hint));
    }
    pairs.push(("state", request.state));
    if let Some(challenge) = request.code_challenge {
        pairs.push(("code_challenge", challenge));
        pairs.push(("code_challenge_method", "S256"));
    }
    format!(
        "{}/oauth2/authorize?{}",
        base_url(domain),
        encode_pairs(pairs)
    )
}

/// `{base}/oauth2/token`.
pub(crate) fn token_url(domain: &str) -> String {
    format!("{}/oauth2/token", base_url(domain))
}

/// `{base}/logout?client_id=..&logout_uri=..`, what Amplify v6's `signOut` opens.
pub(crate) fn logout_url(domain: &str, client_id: &str, logout_uri: &str) -> String {
    format!(
        "{}/logout?{}",
        base_url(domain),
        encode_pairs([("client_id", client_id), ("logout_uri", logout_uri)])
    )
}

/// (everything before `?`/`#`, query without `?`, fragment without `#`).
pub(crate) fn split(url: &str) -> (&str, &str, &str) {
    let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
    let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
    (base, query, fragment)
}

/// `scheme://host[:port]`, lowercased scheme and host.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    Some(format!("{scheme}://{authority}").to_ascii_lowercase())
}

/// Origin and path, ignoring query, fragment and a trailing slash (`http://h:1` and
/// `http://h:1/` are one page).
fn page(url: &str) -> Option<String> {
    let (base, _, _) = split(url);
    let origin = origin(base)?;
    let path = base
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or("/");
    Some(format!("{origin}{}", path.trim_end_matches('/')))
}

/// Whether `url` is the page `registered` names (query and fragment aside).
pub(crate) fn same_page(url: &str, registered: &str) -> bool {
    matches!((page(url), page(registered)), (Some(a), Some(b)) if a == b)
}

/// Amplify's choice among the registered redirect URLs: the one for the current page, else one
/// on the current origin, else the first.
pub(crate) fn pick_redirect<'a>(
    registered: &'a [String],
    current: Option<&str>,
) -> Option<&'a str> {
    let current = current.unwrap_or_default();
    registered
        .iter()
        .find(|candidate| same_page(current, candidate))
        .or_else(|| {
            let here = origin(current)?;
            registered
                .iter()
                .find(|candidate| origin(candidate).as_deref() == Some(here.as_str()))
        })
        .or_else(|| registered.first())
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes() -> Vec<String> {
        ["openid", "email", "aws.cognito.signin.user.admin"]
            .map(str::to_owned)
            .to_vec()
    }

    #[test]
    fn authorize_url_has_amplifys_parameters_in_amplifys_order() {
        let scopes = scopes();
        let url = authorize_url(
            "myapp.auth.us-east-1.amazoncognito.com",
            &Authorize {
                redirect_uri: "http://localhost:3000/",
                response_type: OAuthResponseType::Code,
                client_id: "client1",
                identity_provider: "Google",
                scopes: &scopes,
                login_hint: Some("a@b.c"),
                state: "abc-2f78",
                code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
            },
        );
        assert_eq!(
            url,
            "https://myapp.auth.us-east-1.amazoncognito.com/oauth2/authorize?\
             redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&response_type=code&client_id=client1&\
             identity_provider=Google&scope=openid%20email%20aws.cognito.signin.user.admin&\
             login_hint=a%40b.c&state=abc-2f78&\
             code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
    }

    #[test]
    fn implicit_grant_sends_no_challenge() {
        let scopes = scopes();
        let url = authorize_url(
            "http://127.0.0.1:9229/",
            &Authorize {
                redirect_uri: "http://127.0.0.1:9229/",
                response_type: OAuthResponseType::Token,
                client_id: "c",
                identity_provider: "COGNITO",
                scopes: &scopes[..1],
                login_hint: None,
                state: "s",
                code_challenge: None,
            },
        );
        assert_eq!(
            url,
            "http://127.0.0.1:9229/oauth2/authorize?redirect_uri=http%3A%2F%2F127.0.0.1%3A9229%2F&\
             response_type=token&client_id=c&identity_provider=COGNITO&scope=openid&state=s"
        );
    }

    #[test]
    fn domains_with_and_without_scheme() {
        assert_eq!(base_url("auth.example.com"), "https://auth.example.com");
        assert_eq!(base_url("http://127.0.0.1:9229/"), "http://127.0.0.1:9229");
        assert_eq!(
            token_url("auth.example.com"),
            "https://auth.example.com/oauth2/token"
        );
        assert_eq!(
            logout_url("auth.example.com", "c1", "http://localhost:3000/"),
            "https://auth.example.com/logout?client_id=c1&logout_uri=http%3A%2F%2Flocalhost%3A3000%2F"
        );
    }

    #[test]
    fn pages_compare_without_query_fragment_or_trailing_slash() {
        assert!(same_page("http://H:1/?code=x&state=y", "http://h:1/"));
        assert!(same_page("http://h:1#access_token=x", "http://h:1/"));
        assert!(same_page("http://h:1/app/?code=1", "http://h:1/app"));
        assert!(!same_page("http://h:1/other?code=1", "http://h:1/app"));
        assert!(!same_page("http://h:2/?code=1", "http://h:1/"));
        assert!(!same_page("not a url", "http://h:1/"));
    }

    #[test]
    fn redirect_choice_prefers_the_current_page_then_origin() {
        let registered = [
            "https://a.example/x",
            "http://localhost:3000/cb",
            "http://localhost:3000/",
        ]
        .map(str::to_owned);
        assert_eq!(
            pick_redirect(&registered, Some("http://localhost:3000/?q=1")),
            Some("http://localhost:3000/")
        );
        assert_eq!(
            pick_redirect(&registered, Some("http://localhost:3000/elsewhere")),
            Some("http://localhost:3000/cb")
        );
        assert_eq!(
            pick_redirect(&registered, None),
            Some("https://a.example/x")
        );
        assert_eq!(pick_redirect(&[], None), None);
    }
}
