//! `GET /logout`: ends the hosted UI session, then either returns to one of the client's
//! sign-out URLs (`logout_uri`) or shows the login page again (`response_type`, `redirect_uri`).

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use crate::app::App;

use super::authorization::{self, AuthorizeError};
use super::params::AuthorizeParams;
use super::{html, redirect, sso};

#[derive(Debug, Default, Deserialize)]
pub struct LogoutUri {
    #[serde(default)]
    logout_uri: Option<String>,
}

pub async fn logout(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
    logout_uri: Result<Query<LogoutUri>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = query else {
        return html::error_page(
            StatusCode::BAD_REQUEST,
            "en",
            "invalid_request: the query string could not be read.",
        );
    };
    let logout_uri = logout_uri.ok().and_then(|Query(uri)| uri.logout_uri);
    super::blocking(move || {
        let lang = params.language().to_owned();
        let page = |message: &str| html::error_page(StatusCode::BAD_REQUEST, &lang, message);
        let client = match params.client_id.as_deref().filter(|id| !id.is_empty()) {
            None => return page("invalid_request: client_id is missing."),
            Some(id) => match app.store.client(id) {
                Ok(Some(client)) => client,
                Ok(None) => return page("invalid_request: the client does not exist."),
                Err(error) => {
                    return AuthorizeError::from(crate::errors::ApiError::from(error))
                        .into_response(&lang);
                }
            },
        };
        let location = if let Some(uri) = logout_uri {
            if !redirect::is_registered(&uri, &client.config.logout_urls) {
                return page("redirect_mismatch: logout_uri is not a sign-out URL of the client.");
            }
            uri
        } else if params.response_type.is_some() || params.redirect_uri.is_some() {
            if let Err(error) = authorization::check(&app, &params) {
                return error.into_response(&lang);
            }
            format!(
                "{}/login?{}",
                app.base_url,
                params.without_provider().query()
            )
        } else {
            return page("invalid_request: logout_uri or redirect_uri is required.");
        };
        match sso::end(&app, &headers) {
            Ok(cookie) => redirect::found(&location, &[cookie]),
            Err(error) => AuthorizeError::from(error).into_response(&lang),
        }
    })
    .await
}
