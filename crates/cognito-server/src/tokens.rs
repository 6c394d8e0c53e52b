//! RS256 id and access tokens with Cognito's claims, opaque refresh tokens, and checking access
//! tokens that come back.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use sha2::{Digest as _, Sha256};

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::jwt::sign;
use crate::keys::TokenUse;
use crate::store::{AuthSession, Client, User};

/// The scope of tokens from the API sign-in flows.
pub const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// Tokens for one sign-in or refresh.
#[derive(Debug, Clone)]
pub struct Issued {
    pub access_token: String,
    pub id_token: String,
    /// Only on sign-in; refreshes reuse the one the client has.
    pub refresh_token: Option<String>,
    pub expires_in: i64,
}

impl Issued {
    /// `AuthenticationResult` as InitiateAuth and friends return it.
    pub fn to_json(&self) -> Value {
        let mut result = json!({
            "AccessToken": self.access_token,
            "IdToken": self.id_token,
            "ExpiresIn": self.expires_in,
            "TokenType": "Bearer",
        });
        if let Some(refresh) = &self.refresh_token {
            result["RefreshToken"] = json!(refresh);
        }
        result
    }
}

/// A fresh opaque refresh token and the hash it is stored under.
pub fn new_refresh_token() -> (String, Vec<u8>) {
    let token = URL_SAFE_NO_PAD.encode(crate::ids::bytes(96));
    let hash = refresh_hash(&token);
    (token, hash)
}

/// Refresh tokens are stored hashed, so a copy of the database does not hand out sessions.
pub fn refresh_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Signs id and access tokens for a session. The access token's `scope` is the session's
/// (hosted UI) or [`ADMIN_SCOPE`]; `nonce` goes into the id token (hosted UI sign-ins only),
/// as does `at_hash` for hosted UI sessions.
pub fn issue(
    app: &App,
    client: &Client,
    user: &User,
    session: &AuthSession,
    now: i64,
    nonce: Option<&str>,
) -> ApiResult<(String, String)> {
    let keys = app.keys.get(&app.store, &client.pool_id)?;
    let issuer = app.issuer(&client.pool_id);
    let event_id = crate::ids::uuid();

    let mut id_claims = Map::new();
    for (name, value) in &user.attributes {
        let value = match name.as_str() {
            // Cognito types these two as booleans in the id token.
            "email_verified" | "phone_number_verified" => json!(value == "true"),
            // Federated users' providers, as a list rather than a string.
            "identities" => serde_json::from_str(value).unwrap_or_else(|_| json!(value)),
            _ => json!(value),
        };
        id_claims.insert(name.clone(), value);
    }
    id_claims.extend([
        ("sub".into(), json!(user.sub)),
        ("aud".into(), json!(client.id)),
        ("iss".into(), json!(issuer)),
        ("token_use".into(), json!("id")),
        ("cognito:username".into(), json!(user.username)),
        ("auth_time".into(), json!(session.auth_time)),
        ("iat".into(), json!(now)),
        (
            "exp".into(),
            json!(now + client.config.id_token_validity_secs),
        ),
        ("jti".into(), json!(crate::ids::uuid())),
        ("origin_jti".into(), json!(session.origin_jti)),
        ("event_id".into(), json!(event_id)),
    ]);
    if let Some(nonce) = nonce {
        id_claims.insert("nonce".into(), json!(nonce));
    }
    let access_claims = json!({
        "sub": user.sub,
        "iss": issuer,
        "client_id": client.id,
        "origin_jti": session.origin_jti,
        "event_id": event_id,
        "token_use": "access",
        "scope": session.scope.as_deref().unwrap_or(ADMIN_SCOPE),
        "auth_time": session.auth_time,
        "exp": now + client.config.access_token_validity_secs,
        "iat": now,
        "jti": crate::ids::uuid(),
        "username": user.username,
        "version": 2,
    });
    let access_token = sign(keys.for_use(TokenUse::Access), &access_claims)?;
    if session.scope.is_some() {
        // Hosted UI id tokens bind the access token issued with them (OIDC's at_hash).
        let digest = Sha256::digest(access_token.as_bytes());
        id_claims.insert(
            "at_hash".into(),
            json!(URL_SAFE_NO_PAD.encode(&digest[..16])),
        );
    }
    let id_token = sign(keys.for_use(TokenUse::Id), &Value::Object(id_claims))?;
    Ok((access_token, id_token))
}

/// An access token for the client itself (`client_credentials`): no user, no id token.
pub fn issue_client_token(app: &App, client: &Client, scope: &str, now: i64) -> ApiResult<String> {
    let keys = app.keys.get(&app.store, &client.pool_id)?;
    let claims = json!({
        "sub": client.id,
        "token_use": "access",
        "scope": scope,
        "auth_time": now,
        "iss": app.issuer(&client.pool_id),
        "exp": now + client.config.access_token_validity_secs,
        "iat": now,
        "version": 2,
        "jti": crate::ids::uuid(),
        "client_id": client.id,
    });
    sign(keys.for_use(TokenUse::Access), &claims)
}

/// What an operation learns from a valid access token.
#[derive(Debug, Clone, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub username: String,
    pub client_id: String,
    pub origin_jti: String,
    pub iss: String,
    pub exp: i64,
    #[serde(default)]
    pub scope: String,
}

impl AccessClaims {
    /// Whether `scope` was granted.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.split(' ').any(|granted| granted == scope)
    }

    /// The pool id: the last segment of the issuer.
    pub fn pool_id(&self) -> &str {
        self.iss.rsplit('/').next().unwrap_or_default()
    }
}

/// Checks a JWT's RS256 signature with the key of the pool its issuer names and returns the
/// pool id and the claims. Any failure is `None`; callers choose the error.
fn verified_claims(app: &App, token: &str, token_use: TokenUse) -> Option<(String, Value)> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).ok();
    let header: Value = serde_json::from_slice(&decode(header)?).ok()?;
    let claims: Value = serde_json::from_slice(&decode(payload)?).ok()?;
    // The issuer picks the pool whose key must have signed; anything not ours fails below.
    let issuer = claims["iss"].as_str()?;
    let pool_id = issuer.rsplit('/').next()?.to_owned();
    if issuer != app.issuer(&pool_id) || header["alg"] != "RS256" {
        return None;
    }
    let keys = app.keys.get(&app.store, &pool_id).ok()?;
    let key = keys.for_use(token_use);
    if header["kid"] != key.kid.as_str() {
        return None;
    }
    let signing_input_len = token.len() - signature.len() - 1;
    key.public
        .pkcs1v15_verify::<Sha256>(&token.as_bytes()[..signing_input_len], &decode(signature)?)
        .ok()?;
    (claims["token_use"] == token_use.as_str()).then_some((pool_id, claims))
}

/// What a relying party learns from a valid id token.
#[derive(Debug, Clone, Deserialize)]
pub struct IdClaims {
    pub sub: String,
    pub aud: String,
    pub exp: i64,
}

/// Checks an id token (for identity-pool logins): signature, expiry, and that its audience is a
/// client of the issuing pool.
pub fn verify_id_token(app: &App, token: &str, now: i64) -> ApiResult<(String, IdClaims)> {
    let invalid = || {
        ApiError::NotAuthorized(
            "Invalid login token. Not a valid OpenId Connect identity token.".into(),
        )
    };
    let (pool_id, claims) = verified_claims(app, token, TokenUse::Id).ok_or_else(invalid)?;
    let claims: IdClaims = serde_json::from_value(claims).map_err(|_| invalid())?;
    if claims.exp <= now {
        return Err(ApiError::NotAuthorized(format!(
            "Invalid login token. Token expired: {} >= {}",
            now, claims.exp
        )));
    }
    match app.store.client(&claims.aud)? {
        Some(client) if client.pool_id == pool_id => Ok((pool_id, claims)),
        _ => Err(invalid()),
    }
}

/// Checks an access token: our signature with the pool's access key, not expired, not revoked,
/// and granted [`ADMIN_SCOPE`] (what the user-pool API requires).
pub fn verify_access_token(app: &App, token: &str, now: i64) -> ApiResult<AccessClaims> {
    let claims = verify_user_access_token(app, token, now)?;
    // Only API sign-in tokens (or OAuth ones granted this scope) may manage the user.
    if !claims.has_scope(ADMIN_SCOPE) {
        return Err(ApiError::invalid_access_token());
    }
    Ok(claims)
}

/// Checks a user's access token whatever its scopes (the hosted UI's userInfo endpoint).
pub fn verify_user_access_token(app: &App, token: &str, now: i64) -> ApiResult<AccessClaims> {
    let invalid = ApiError::invalid_access_token;
    let (_, claims) = verified_claims(app, token, TokenUse::Access).ok_or_else(invalid)?;
    let claims: AccessClaims = serde_json::from_value(claims).map_err(|_| invalid())?;
    // Deleting an app client invalidates what it issued.
    match app.store.client(&claims.client_id)? {
        Some(client) if client.pool_id == claims.pool_id() => {}
        _ => return Err(invalid()),
    }
    if claims.exp <= now {
        return Err(ApiError::NotAuthorized("Access Token has expired".into()));
    }
    match app.store.auth_session(&claims.origin_jti)? {
        Some(session) if !session.revoked => Ok(claims),
        // Deleting a user deletes their sessions; say why the token stopped working.
        None if app
            .store
            .user(claims.pool_id(), &claims.username)?
            .is_none() =>
        {
            Err(ApiError::UserNotFound)
        }
        _ => Err(ApiError::NotAuthorized(
            "Access Token has been revoked".into(),
        )),
    }
}
