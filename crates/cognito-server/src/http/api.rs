//! `POST /`: reads the body (bounded), runs the operation named by `X-Amz-Target` off the async
//! runtime, and writes the awsJson1.1 response.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::errors::ApiError;
use crate::wire::{self, ApiRequest};

/// The largest request body accepted. Cognito requests are small; this leaves room for big
/// attribute lists while keeping a flood cheap to refuse.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub async fn handle(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let request_id = crate::ids::uuid();
    let result = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(body) => run(app, method, uri, headers, body).await,
        Err(_) => Err(ApiError::Serialization(format!(
            "Request body is larger than {MAX_BODY_BYTES} bytes or could not be read."
        ))),
    };
    let mut response = match result {
        Ok(value) => {
            let mut response = (StatusCode::OK, value.to_string()).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-amz-json-1.1"),
            );
            response
        }
        Err(error) => error.into_response(),
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-amzn-requestid", value);
    }
    response
}

async fn run(
    app: Arc<App>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<serde_json::Value, ApiError> {
    let request = ApiRequest {
        method,
        uri,
        headers,
        body,
    };
    // Operations do SRP arithmetic, RSA signing and SQLite I/O: all blocking work. User-pool
    // operations wait their turn for a core (`App::core_permits`); identity-pool ones may wait
    // on an identity provider's keys and so do not hold a core while they do.
    let _core = if wire::is_user_pool_operation(&request.headers) {
        app.cores.acquire().await.ok()
    } else {
        None
    };
    let worker = app.clone();
    tokio::task::spawn_blocking(move || wire::dispatch(&worker, &request))
        .await
        .unwrap_or_else(|_| Err(ApiError::InternalError("The operation failed.".into())))
}

/// Anything else, when no static app is served.
pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not Found").into_response()
}
