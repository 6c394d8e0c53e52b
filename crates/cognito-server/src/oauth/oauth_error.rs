//! Errors of the token and revocation endpoints in OAuth 2.0's JSON form.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::errors::ApiError;

/// `{"error": ..., "error_description"?: ...}` with its HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: Option<String>,
}

impl OAuthError {
    fn new(error: &'static str, description: Option<&str>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            error,
            description: description.map(str::to_owned),
        }
    }

    pub fn invalid_request(description: &str) -> Self {
        Self::new("invalid_request", Some(description))
    }

    pub fn invalid_client() -> Self {
        Self::new("invalid_client", None)
    }

    pub fn invalid_grant() -> Self {
        Self::new("invalid_grant", None)
    }

    pub fn unauthorized_client() -> Self {
        Self::new("unauthorized_client", None)
    }

    pub fn unsupported_grant_type() -> Self {
        Self::new("unsupported_grant_type", None)
    }

    pub fn invalid_scope() -> Self {
        Self::new("invalid_scope", None)
    }

    pub fn unsupported_token_type() -> Self {
        Self::new("unsupported_token_type", None)
    }

    /// The same error with another status (revocation answers `invalid_client` with 401).
    pub fn with_status(self, status: StatusCode) -> Self {
        Self { status, ..self }
    }
}

impl From<ApiError> for OAuthError {
    fn from(_: ApiError) -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: None,
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.error });
        if let Some(description) = &self.description {
            body["error_description"] = json!(description);
        }
        let mut response = (self.status, Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

impl From<rusqlite::Error> for OAuthError {
    fn from(error: rusqlite::Error) -> Self {
        ApiError::from(error).into()
    }
}
