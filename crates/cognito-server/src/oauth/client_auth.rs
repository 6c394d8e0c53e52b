//! Who is calling the token and revocation endpoints: `Authorization: Basic` (confidential
//! clients), or `client_id` (+ `client_secret`) in the form.

use std::collections::HashMap;

use axum::http::{HeaderMap, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use subtle::ConstantTimeEq as _;

use crate::app::App;
use crate::store::Client;

use super::oauth_error::OAuthError;

/// The app client, with its secret checked in constant time when it has one.
pub fn authenticate(
    app: &App,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<Client, OAuthError> {
    let form_id = form
        .get("client_id")
        .map(String::as_str)
        .filter(|id| !id.is_empty());
    let (client_id, secret) = match basic(headers)? {
        Some((id, secret)) => {
            if form_id.is_some_and(|form_id| form_id != id) {
                return Err(OAuthError::invalid_request(
                    "client_id does not match the Authorization header.",
                ));
            }
            (id, Some(secret))
        }
        None => (
            form_id
                .ok_or_else(|| OAuthError::invalid_request("client_id is missing."))?
                .to_owned(),
            form.get("client_secret").cloned(),
        ),
    };
    let client = app
        .store
        .client(&client_id)?
        .ok_or_else(OAuthError::invalid_client)?;
    if let Some(expected) = &client.config.secret {
        let matches = secret
            .as_deref()
            .is_some_and(|sent| bool::from(expected.as_bytes().ct_eq(sent.as_bytes())));
        if !matches {
            return Err(OAuthError::invalid_client());
        }
    }
    Ok(client)
}

/// `(client_id, client_secret)` from `Authorization: Basic base64(id:secret)`.
fn basic(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let encoded = value
        .to_str()
        .ok()
        .and_then(|text| {
            text.strip_prefix("Basic ")
                .or_else(|| text.strip_prefix("basic "))
        })
        .ok_or_else(OAuthError::invalid_client)?;
    let decoded = STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(OAuthError::invalid_client)?;
    let (id, secret) = decoded
        .split_once(':')
        .ok_or_else(OAuthError::invalid_client)?;
    Ok(Some((id.to_owned(), secret.to_owned())))
}
