//! Checking an authorize request: the client, its registered redirect URI, the response type,
//! the scopes and PKCE. Until the redirect URI is known to be registered, errors are shown on our
//! own page; after that they go back to the app as `error=...`.

use axum::http::StatusCode;
use axum::response::Response;

use crate::app::App;
use crate::errors::ApiError;
use crate::store::{Client, Pool};

use super::html;
use super::params::AuthorizeParams;
use super::redirect::{self, Carry};
use super::scopes;

/// `code` (authorization code, with PKCE) or `token` (implicit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    Code,
    Token,
}

impl ResponseType {
    /// Where this flow puts its answer (and its errors) on the redirect.
    pub fn carry(self) -> Carry {
        match self {
            Self::Code => Carry::Query,
            Self::Token => Carry::Fragment,
        }
    }

    /// The name in `AllowedOAuthFlows`.
    pub fn flow(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Token => "implicit",
        }
    }
}

/// A checked authorize request.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub params: AuthorizeParams,
    pub client: Client,
    pub pool: Pool,
    pub response_type: ResponseType,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub code_challenge: Option<String>,
    /// The identity provider asked for by name or by one of its identifiers.
    pub provider: Option<String>,
}

impl Authorization {
    /// The granted scopes as the `scope` claim spells them.
    pub fn scope(&self) -> String {
        self.scopes.join(" ")
    }

    /// An error sent back to the app.
    pub fn error(&self, error: &'static str, description: &str) -> AuthorizeError {
        AuthorizeError::Redirect {
            redirect_uri: self.redirect_uri.clone(),
            carry: self.response_type.carry(),
            state: self.params.state.clone(),
            error,
            description: description.to_owned(),
        }
    }
}

/// Why an authorize request (or a hosted page acting for one) was refused.
#[derive(Debug, Clone)]
pub enum AuthorizeError {
    /// No registered redirect URI to return to: our own error page.
    Page { status: StatusCode, message: String },
    /// `redirect_uri?error=...&error_description=...&state=...`.
    Redirect {
        redirect_uri: String,
        carry: Carry,
        state: Option<String>,
        error: &'static str,
        description: String,
    },
}

impl AuthorizeError {
    fn page(message: &str) -> Self {
        Self::Page {
            status: StatusCode::BAD_REQUEST,
            message: message.to_owned(),
        }
    }

    pub fn into_response(self, lang: &str) -> Response {
        match self {
            Self::Page { status, message } => html::error_page(status, lang, &message),
            Self::Redirect {
                redirect_uri,
                carry,
                state,
                error,
                description,
            } => {
                let mut pairs = vec![("error", error)];
                if !description.is_empty() {
                    pairs.push(("error_description", description.as_str()));
                }
                if let Some(state) = &state {
                    pairs.push(("state", state.as_str()));
                }
                redirect::found(&redirect::with_params(&redirect_uri, carry, pairs), &[])
            }
        }
    }
}

impl From<ApiError> for AuthorizeError {
    /// Storage and signing failures: said plainly, without internals.
    fn from(_: ApiError) -> Self {
        Self::Page {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "server_error: the request could not be completed.".to_owned(),
        }
    }
}

impl From<rusqlite::Error> for AuthorizeError {
    fn from(error: rusqlite::Error) -> Self {
        ApiError::from(error).into()
    }
}

/// Checks `params` in the order that keeps errors safe: nothing is sent to a redirect URI until
/// it is known to be one the client registered.
pub fn check(app: &App, params: &AuthorizeParams) -> Result<Authorization, AuthorizeError> {
    let client_id = params
        .client_id
        .as_deref()
        .filter(|id| !id.is_empty())
        .ok_or_else(|| AuthorizeError::page("invalid_request: client_id is missing."))?;
    let client = app
        .store
        .client(client_id)?
        .ok_or_else(|| AuthorizeError::page("invalid_request: the client does not exist."))?;
    let pool = crate::wire::common::pool(app, &client.pool_id)?;
    let redirect_uri = params
        .redirect_uri
        .as_deref()
        .filter(|uri| redirect::is_registered(uri, &client.config.callback_urls))
        .ok_or_else(|| {
            AuthorizeError::page(
                "redirect_mismatch: redirect_uri is not a callback URL of the client.",
            )
        })?
        .to_owned();
    let response_type = match params.response_type.as_deref() {
        Some("code") => ResponseType::Code,
        Some("token") => ResponseType::Token,
        other => {
            // Without a valid response type the app's channel is unknown; the query is the default.
            return Err(AuthorizeError::Redirect {
                redirect_uri,
                carry: Carry::Query,
                state: params.state.clone(),
                error: if other.is_some() {
                    "unsupported_response_type"
                } else {
                    "invalid_request"
                },
                description: String::new(),
            });
        }
    };
    let mut authorization = Authorization {
        params: params.clone(),
        pool,
        response_type,
        redirect_uri,
        scopes: Vec::new(),
        code_challenge: None,
        provider: None,
        client,
    };
    let config = &authorization.client.config;
    if !config.allowed_oauth_flows_user_pool_client
        || !config
            .allowed_oauth_flows
            .iter()
            .any(|flow| flow == response_type.flow())
    {
        return Err(authorization.error("unauthorized_client", ""));
    }
    authorization.scopes = scopes::grant(params.scope.as_deref(), &config.allowed_oauth_scopes)
        .map_err(|_| authorization.error("invalid_scope", ""))?;
    if authorization.scopes.is_empty() {
        return Err(authorization.error("invalid_scope", ""));
    }
    if response_type == ResponseType::Code {
        authorization.code_challenge = pkce_challenge(params)
            .map_err(|description| authorization.error("invalid_request", description))?;
    }
    authorization.provider = provider(app, &authorization)?;
    if let Some(provider) = &authorization.provider
        && !config
            .supported_identity_providers
            .iter()
            .any(|supported| supported == provider)
    {
        return Err(authorization.error(
            "invalid_request",
            "The identity provider is not enabled for the client.",
        ));
    }
    Ok(authorization)
}

/// The provider named by `identity_provider`, or the one whose IdpIdentifiers include
/// `idp_identifier`.
fn provider(app: &App, authorization: &Authorization) -> Result<Option<String>, AuthorizeError> {
    let non_empty = |value: &Option<String>| value.clone().filter(|value| !value.is_empty());
    let params = &authorization.params;
    if let Some(name) = non_empty(&params.identity_provider) {
        return Ok(Some(name));
    }
    let Some(identifier) = non_empty(&params.idp_identifier) else {
        return Ok(None);
    };
    app.store
        .identity_providers(&authorization.pool.id)?
        .into_iter()
        .find(|provider| provider.idp_identifiers.contains(&identifier))
        .map(|provider| Some(provider.name))
        .ok_or_else(|| {
            authorization.error(
                "invalid_request",
                "No identity provider of the user pool has that identifier.",
            )
        })
}

/// The S256 challenge, if the request uses PKCE; `plain` is refused.
fn pkce_challenge(params: &AuthorizeParams) -> Result<Option<String>, &'static str> {
    let challenge = params.code_challenge.as_deref().filter(|c| !c.is_empty());
    match (challenge, params.code_challenge_method.as_deref()) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err("code_challenge is missing."),
        (Some(challenge), Some("S256")) => {
            // BASE64URL(SHA-256(...)) without padding is always 43 characters.
            let well_formed = challenge.len() == 43
                && challenge
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if well_formed {
                Ok(Some(challenge.to_owned()))
            } else {
                Err("code_challenge is not a S256 challenge.")
            }
        }
        (Some(_), _) => Err("code_challenge_method must be S256."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_s256_challenges_are_accepted() {
        let with = |challenge: Option<&str>, method: Option<&str>| AuthorizeParams {
            code_challenge: challenge.map(str::to_owned),
            code_challenge_method: method.map(str::to_owned),
            ..AuthorizeParams::default()
        };
        let good = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert_eq!(
            pkce_challenge(&with(Some(good), Some("S256"))),
            Ok(Some(good.to_owned()))
        );
        assert!(pkce_challenge(&with(Some(good), Some("plain"))).is_err());
        assert!(pkce_challenge(&with(Some(good), None)).is_err());
        assert!(pkce_challenge(&with(None, Some("S256"))).is_err());
        assert_eq!(pkce_challenge(&with(None, None)), Ok(None));
    }
}
