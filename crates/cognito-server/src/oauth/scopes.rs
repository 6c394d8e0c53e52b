//! OAuth scopes: what a client may register and what a request may ask for.

/// Scopes Cognito defines itself; anything else must name a resource server (`server/scope`).
pub const STANDARD: &[&str] = &[
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

/// Whether a client may register `scope`.
pub fn is_known(scope: &str) -> bool {
    STANDARD.contains(&scope) || is_custom(scope)
}

/// A resource-server scope: `identifier/name`, both parts non-empty.
pub fn is_custom(scope: &str) -> bool {
    scope
        .rsplit_once('/')
        .is_some_and(|(server, name)| !server.is_empty() && !name.is_empty())
        && !scope.chars().any(char::is_whitespace)
}

/// The scopes of a request: all the client allows when none are asked for, else the asked ones
/// (deduplicated), or `Err(scope)` with the first one the client does not allow.
pub fn grant<'a>(requested: Option<&'a str>, allowed: &'a [String]) -> Result<Vec<String>, String> {
    let requested: Vec<&str> = match requested {
        Some(text) if !text.trim().is_empty() => {
            text.split(' ').filter(|s| !s.is_empty()).collect()
        }
        _ => allowed.iter().map(String::as_str).collect(),
    };
    let mut granted: Vec<String> = Vec::new();
    for scope in requested {
        if !allowed.iter().any(|a| a == scope) {
            return Err(scope.to_owned());
        }
        if !granted.iter().any(|g| g == scope) {
            granted.push(scope.to_owned());
        }
    }
    Ok(granted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_limited_to_the_allowed_scopes() {
        let allowed = vec!["openid".to_owned(), "email".to_owned()];
        assert_eq!(
            grant(Some("email openid email"), &allowed).unwrap(),
            ["email", "openid"]
        );
        assert_eq!(grant(None, &allowed).unwrap(), ["openid", "email"]);
        assert_eq!(grant(Some("openid phone"), &allowed).unwrap_err(), "phone");
    }

    #[test]
    fn custom_scopes_name_a_server() {
        assert!(is_known("api.example/read"));
        assert!(!is_known("read"));
        assert!(!is_known("/read"));
        assert!(is_known("openid"));
    }
}
