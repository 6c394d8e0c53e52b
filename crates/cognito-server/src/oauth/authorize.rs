//! `GET /oauth2/authorize`: checks the request, then sends the browser to a social provider, back
//! to the app (when the `cognito` cookie says the user is signed in) or to the login page.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::app::App;

use super::authorization::{self, AuthorizeError};
use super::pages::login;
use super::params::AuthorizeParams;
use super::{html, redirect, social, sso};

pub async fn authorize(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = query else {
        return html::error_page(
            StatusCode::BAD_REQUEST,
            "en",
            "invalid_request: the query string could not be read.",
        );
    };
    super::blocking(move || {
        let lang = params.language().to_owned();
        let authorization = match authorization::check(&app, &params) {
            Ok(authorization) => authorization,
            Err(error) => return error.into_response(&lang),
        };
        match authorization.provider.as_deref() {
            Some(provider) if provider != "COGNITO" => {
                return social::begin(&app, &authorization, provider)
                    .unwrap_or_else(|error| error.into_response(&lang));
            }
            _ => {}
        }
        let signed_in = match sso::current(&app, &headers, &authorization.pool.id) {
            Ok(signed_in) => signed_in,
            Err(error) => return AuthorizeError::from(error).into_response(&lang),
        };
        match signed_in {
            Some((user, auth_time)) if params.prompt.as_deref() != Some("login") => {
                login::finish(&app, &authorization, &user, auth_time)
            }
            _ => redirect::found(
                &format!(
                    "{}/login?{}",
                    app.base_url,
                    params.without_provider().query()
                ),
                &[],
            ),
        }
    })
    .await
}
