//! The operations of `AWSCognitoIdentityProviderService`, one module per family, and the table
//! that routes an `X-Amz-Target` to them.

mod input;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use serde_json::Value;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};

/// A request as the operations see it: the raw parts SigV4 needs, plus the body.
#[derive(Debug)]
pub struct ApiRequest {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

const SERVICE_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// Runs the operation named by `X-Amz-Target`.
pub fn dispatch(app: &App, request: &ApiRequest) -> ApiResult<Value> {
    let target = request
        .headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let operation = target
        .strip_prefix(SERVICE_PREFIX)
        .ok_or_else(|| unknown(target))?;
    let body = &request.body[..];
    let _ = (app, body);
    Err(unknown(operation))
}

fn unknown(operation: &str) -> ApiError {
    ApiError::UnknownOperation(format!("Operation {operation:?} is not supported."))
}
