//! `GET|POST /_local/caller-identity`: who signed this request. A stand-in for an AWS API called
//! with the credentials GetCredentialsForIdentity mints: SigV4 with the session token, checked
//! against the stored credentials, like STS GetCallerIdentity.

use std::sync::Arc;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use subtle::ConstantTimeEq as _;

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiError;
use crate::sigv4::{self, SignedRequest};

use super::api::MAX_BODY_BYTES;

pub async fn caller_identity(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "The request body is too large.",
        );
    };
    let result =
        tokio::task::spawn_blocking(move || check(&app, &method, &uri, &headers, &body)).await;
    match result {
        Ok(Ok(answer)) => Json(answer).into_response(),
        Ok(Err(ApiError::InternalError(_))) | Err(_) => {
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "The request failed.")
        }
        Ok(Err(error)) => refuse(StatusCode::FORBIDDEN, &error.to_string()),
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "message": message }))).into_response()
}

fn check(
    app: &App,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Value, ApiError> {
    let now = now();
    let signed = SignedRequest {
        method,
        uri,
        headers,
        body,
    };
    let session_token = headers
        .get("x-amz-security-token")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let mut caller = None;
    sigv4::verify_with(signed, now, |access_key_id| {
        let credentials = app
            .store
            .credentials(access_key_id)?
            .ok_or(ApiError::UnrecognizedClient)?;
        if credentials.expires <= now {
            return Err(ApiError::NotAuthorized(
                "The security token included in the request is expired".into(),
            ));
        }
        if !bool::from(
            credentials
                .session_token
                .as_bytes()
                .ct_eq(session_token.as_bytes()),
        ) {
            return Err(ApiError::UnrecognizedClient);
        }
        let secret = credentials.secret.clone();
        caller = Some(credentials);
        Ok(secret)
    })?;
    let caller = caller.ok_or(ApiError::UnrecognizedClient)?;
    Ok(json!({
        "IdentityId": caller.identity_id,
        "AccessKeyId": caller.access_key_id,
        "Authenticated": caller.authenticated,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AwsCredentials;

    fn signed_headers(credentials: &AwsCredentials, secret: &str) -> HeaderMap {
        let now = time::OffsetDateTime::now_utc();
        let amz_date = format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second()
        );
        let mut headers = HeaderMap::new();
        headers.insert("host", "127.0.0.1:1".parse().unwrap());
        headers.insert("x-amz-date", amz_date.parse().unwrap());
        headers.insert(
            "x-amz-security-token",
            credentials.session_token.parse().unwrap(),
        );
        let authorization = crate::sigv4::authorization_for_tests(
            SignedRequest {
                method: &Method::GET,
                uri: &Uri::from_static("/_local/caller-identity"),
                headers: &headers,
                body: b"",
            },
            &["host", "x-amz-date", "x-amz-security-token"],
            &credentials.access_key_id,
            secret,
            &amz_date,
        );
        headers.insert("authorization", authorization.parse().unwrap());
        headers
    }

    #[test]
    fn good_credentials_pass_and_expired_ones_are_refused() {
        let (app, _) = App::for_tests();
        let credentials = AwsCredentials {
            access_key_id: "ASIATESTTESTTESTTEST".into(),
            secret: "secret".into(),
            session_token: "session".into(),
            identity_id: "us-east-1:abc".into(),
            authenticated: true,
            expires: now() + 60,
        };
        app.store.insert_credentials(&credentials, now()).unwrap();
        let uri = Uri::from_static("/_local/caller-identity");
        let run = |headers: &HeaderMap| check(&app, &Method::GET, &uri, headers, &Bytes::new());

        let answer = run(&signed_headers(&credentials, "secret")).unwrap();
        assert_eq!(answer["IdentityId"], "us-east-1:abc");
        assert_eq!(answer["Authenticated"], true);
        assert_eq!(
            run(&signed_headers(&credentials, "other"))
                .unwrap_err()
                .type_name(),
            "InvalidSignatureException"
        );

        app.store
            .set_credentials_expiry(&credentials.access_key_id, now() - 1)
            .unwrap();
        assert_eq!(
            run(&signed_headers(&credentials, "secret"))
                .unwrap_err()
                .to_string(),
            "The security token included in the request is expired"
        );
    }
}
