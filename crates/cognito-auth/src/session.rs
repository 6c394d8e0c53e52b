//! Sessions: the three tokens, their decoded claims, and when they need refreshing.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value};

use crate::AuthError;

/// Refresh when the access or ID token expires within this many seconds (Amplify uses 5 s).
pub(crate) const EXPIRY_TOLERANCE_SECS: i64 = 5;

/// A JWT as received, with its payload decoded. The signature is not checked here: the tokens come
/// straight from Cognito over TLS, and services that accept them verify them.
///
/// ```
/// use cognito_auth::JwtToken;
///
/// // {"alg":"none"} . {"sub":"abc","exp":2000000000,"iat":1999996400,"username":"alice"} .
/// let raw = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhYmMiLCJleHAiOjIwMDAwMDAwMDAsImlhdCI6MTk5OTk5NjQwMCwidXNlcm5hbWUiOiJhbGljZSJ9.";
/// let token = JwtToken::parse(raw).unwrap();
/// assert_eq!(token.sub(), Some("abc"));
/// assert_eq!(token.expires_at(), Some(2_000_000_000));
/// assert_eq!(token.claim_str("username"), Some("alice"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct JwtToken {
    raw: String,
    claims: Map<String, Value>,
}

impl JwtToken {
    /// Decodes the payload of a compact JWT.
    pub fn parse(raw: &str) -> Result<Self, AuthError> {
        let invalid = |why: &str| AuthError::UnexpectedResponse(format!("malformed JWT: {why}"));
        let mut parts = raw.split('.');
        let (Some(_header), Some(payload), Some(_signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid("not three dot-separated parts"));
        };
        // JWTs use unpadded base64url; be lenient about padding and the alphabet.
        let trimmed = payload.trim_end_matches('=');
        let bytes = URL_SAFE_NO_PAD
            .decode(trimmed)
            .or_else(|_| STANDARD_NO_PAD.decode(trimmed))
            .map_err(|_| invalid("payload is not base64url"))?;
        // Through `&str`, as every other JSON the client reads: one copy of the parser in wasm.
        let claims: Map<String, Value> = std::str::from_utf8(&bytes)
            .ok()
            .and_then(|text| serde_json::from_str(text).ok())
            .ok_or_else(|| invalid("payload is not a JSON object"))?;
        Ok(Self {
            raw: raw.to_owned(),
            claims,
        })
    }

    /// The token as sent to services.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// All claims.
    pub fn claims(&self) -> &Map<String, Value> {
        &self.claims
    }

    /// A string claim.
    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    /// A numeric claim (seconds for `exp`, `iat`, `auth_time`).
    pub fn claim_i64(&self, name: &str) -> Option<i64> {
        self.claims.get(name).and_then(Value::as_i64)
    }

    /// `exp`, seconds since the epoch.
    pub fn expires_at(&self) -> Option<i64> {
        self.claim_i64("exp")
    }

    /// `iat`, seconds since the epoch.
    pub fn issued_at(&self) -> Option<i64> {
        self.claim_i64("iat")
    }

    /// `sub`: the user's id.
    pub fn sub(&self) -> Option<&str> {
        self.claim_str("sub")
    }

    /// The real username: `username` (access token) or `cognito:username` (ID token).
    pub fn username(&self) -> Option<&str> {
        self.claim_str("username")
            .or_else(|| self.claim_str("cognito:username"))
    }

    /// `cognito:groups`.
    pub fn groups(&self) -> Vec<&str> {
        self.claims
            .get("cognito:groups")
            .and_then(Value::as_array)
            .map(|groups| groups.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }
}

/// The signed-in user's tokens.
///
/// `clock_drift_secs` is the server's clock minus ours when the tokens arrived (from the access
/// token's `iat`); expiry is judged on the server's clock so a wrong local clock neither refreshes
/// on every call nor uses expired tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Who the user is: `sub`, `cognito:username`, attributes.
    pub id_token: JwtToken,
    /// What the user may do: sent to Cognito and to APIs.
    pub access_token: JwtToken,
    /// Absent for implicit-grant (Hosted UI) sessions.
    pub refresh_token: Option<String>,
    /// Server clock minus local clock, in seconds.
    pub clock_drift_secs: i64,
}

impl Session {
    /// True when both tokens are valid at local time `now_secs` for at least the tolerance.
    pub fn is_valid_at(&self, now_secs: i64) -> bool {
        let server_now = now_secs.saturating_add(self.clock_drift_secs);
        [&self.access_token, &self.id_token].iter().all(|token| {
            token
                .expires_at()
                .is_some_and(|exp| server_now.saturating_add(EXPIRY_TOLERANCE_SECS) < exp)
        })
    }

    /// The real username.
    pub fn username(&self) -> Option<&str> {
        self.access_token
            .username()
            .or_else(|| self.id_token.username())
    }

    /// The user's `sub`.
    pub fn user_id(&self) -> Option<&str> {
        self.access_token.sub().or_else(|| self.id_token.sub())
    }
}

/// Server time minus local time, from a fresh token's `iat`.
pub(crate) fn clock_drift(access_token: &JwtToken, now_secs: i64) -> i64 {
    access_token
        .issued_at()
        .map(|iat| iat.saturating_sub(now_secs))
        .unwrap_or(0)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An unsigned JWT with the given claims, for tests.
    pub(crate) fn token(claims: Value) -> String {
        let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
        format!(
            "{}.{}.sig",
            encode(&serde_json::json!({"alg": "RS256", "kid": "k"})),
            encode(&claims)
        )
    }

    fn session(exp: i64, drift: i64) -> Session {
        let access = JwtToken::parse(&token(
            serde_json::json!({"sub": "s", "username": "u", "exp": exp, "iat": exp - 3600}),
        ))
        .unwrap();
        let id = JwtToken::parse(&token(
            serde_json::json!({"sub": "s", "cognito:username": "u", "exp": exp}),
        ))
        .unwrap();
        Session {
            id_token: id,
            access_token: access,
            refresh_token: Some("r".into()),
            clock_drift_secs: drift,
        }
    }

    #[test]
    fn decodes_claims_of_a_cognito_like_token() {
        let raw = token(serde_json::json!({
            "sub": "1234", "cognito:username": "alice", "exp": 10, "iat": 5,
            "cognito:groups": ["admins"], "email_verified": true
        }));
        let token = JwtToken::parse(&raw).unwrap();
        assert_eq!(token.username(), Some("alice"));
        assert_eq!(token.groups(), ["admins"]);
        assert_eq!(token.issued_at(), Some(5));
        assert_eq!(token.claims()["email_verified"], Value::Bool(true));
        assert_eq!(token.as_str(), raw);
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for raw in ["", "a.b", "a.b.c.d", "a.!!!.c", "a.bm90IGpzb24.c"] {
            assert!(JwtToken::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn expiry_uses_tolerance() {
        let session = session(1000, 0);
        assert!(session.is_valid_at(900));
        assert!(!session.is_valid_at(995));
        assert!(!session.is_valid_at(1000));
    }

    #[test]
    fn expiry_is_judged_on_the_servers_clock() {
        // Our clock is an hour behind the server's: local 0 is server 3600.
        let session = session(4000, 3600);
        assert!(session.is_valid_at(0));
        assert!(!session.is_valid_at(400));
    }

    #[test]
    fn drift_comes_from_iat() {
        let access = JwtToken::parse(&token(serde_json::json!({"iat": 1_000}))).unwrap();
        assert_eq!(clock_drift(&access, 400), 600);
        assert_eq!(clock_drift(&access, 1_300), -300);
    }

    #[test]
    fn extreme_iat_and_exp_claims_do_not_overflow() {
        // Implicit-grant tokens come from the URL: their numbers may be anything.
        let access = JwtToken::parse(&token(serde_json::json!({"iat": i64::MIN}))).unwrap();
        assert_eq!(clock_drift(&access, 1), i64::MIN);
        let far = session(i64::MAX, i64::MAX);
        assert!(!far.is_valid_at(i64::MAX));
        let early = session(0, i64::MIN);
        assert!(early.is_valid_at(i64::MIN));
    }
}
