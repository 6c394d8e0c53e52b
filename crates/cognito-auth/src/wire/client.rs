//! The transport: POST the operation as `awsJson1_1`, parse the answer or the error, retry what
//! Amplify retries.

use super::Operation;
use super::error::parse_error;
use super::http::HttpClient;
use super::retry::{MAX_ATTEMPTS, Outcome, backoff_millis, should_retry};
use crate::platform::{BoxFuture, random_bytes, random_fraction, sleep_millis};
use crate::{AuthError, ServiceError};

const USER_AGENT: &str = concat!("cognito-auth-rs/", env!("CARGO_PKG_VERSION"));

/// Talks to one Cognito endpoint (a user pool's or an identity pool's). Cheap to clone (reqwest's client is a handle).
#[derive(Debug, Clone)]
pub(crate) struct WireClient {
    http: HttpClient,
    endpoint: String,
}

/// How one attempt failed.
enum AttemptError {
    Network(String),
    Service(ServiceError),
}

impl WireClient {
    pub(crate) fn new(endpoint: String) -> Self {
        Self {
            http: HttpClient::new(),
            endpoint,
        }
    }

    /// The HTTP client, for the few requests outside the JSON API (the OAuth token endpoint).
    pub(crate) fn http(&self) -> &HttpClient {
        &self.http
    }

    /// Calls `O` with retries; Cognito's errors come back as [`AuthError::Service`].
    ///
    /// Only the encoding and decoding depend on `O`: the exchange itself is [`Self::send`], so
    /// the wasm holds one copy of the retry loop instead of one per operation.
    pub(crate) async fn call<O: Operation>(&self, input: &O) -> Result<O::Output, AuthError> {
        let body = serde_json::to_string(input)
            .map_err(|error| unexpected("encoding request", "", &error))?;
        let text = self.send_boxed(O::SERVICE, O::NAME, body).await?;
        // Empty outputs may come back as an empty body rather than `{}`.
        let text = if text.trim().is_empty() { "{}" } else { &text };
        serde_json::from_str(text).map_err(|error| unexpected(O::NAME, " response", &error))
    }

    /// [`Self::send`] behind a pointer: each operation's future then holds a box, not a copy of
    /// the exchange's state, and the wasm polls the exchange through one function.
    fn send_boxed(
        &self,
        service: &'static str,
        name: &'static str,
        body: String,
    ) -> BoxFuture<'_, Result<String, AuthError>> {
        Box::pin(self.send(service, name, body))
    }

    /// POSTs `body` to `service` + `name` until it succeeds, fails for good or runs out of
    /// attempts; returns the answer's body.
    async fn send(
        &self,
        service: &'static str,
        name: &'static str,
        body: String,
    ) -> Result<String, AuthError> {
        let invocation_id = invocation_id()?;
        let target = format!("{service}{name}");
        let mut attempt = 1;
        loop {
            let error = match self.attempt(&target, &body, attempt, &invocation_id).await {
                Ok(text) => return Ok(text),
                Err(error) => error,
            };
            let outcome = match &error {
                AttemptError::Network(_) => Outcome::NetworkError,
                AttemptError::Service(service) => Outcome::ServiceError {
                    status: service.status,
                    code: &service.code,
                },
            };
            if attempt >= MAX_ATTEMPTS || !should_retry(outcome) {
                return Err(match error {
                    AttemptError::Network(message) => AuthError::Network(message),
                    AttemptError::Service(service) => AuthError::Service(service),
                });
            }
            sleep_millis(backoff_millis(attempt, random_fraction())).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        target: &str,
        body: &str,
        attempt: u32,
        invocation_id: &str,
    ) -> Result<String, AttemptError> {
        let headers = [
            ("content-type", "application/x-amz-json-1.1".to_owned()),
            ("x-amz-target", target.to_owned()),
            ("x-amz-user-agent", USER_AGENT.to_owned()),
            ("cache-control", "no-store".to_owned()),
            ("amz-sdk-invocation-id", invocation_id.to_owned()),
            (
                "amz-sdk-request",
                format!("attempt={attempt}; max={MAX_ATTEMPTS}"),
            ),
        ];
        let response = self
            .http
            .post(&self.endpoint, &headers, body.to_owned())
            .await
            .map_err(AttemptError::Network)?;
        let (status, text) = (response.status, response.body);
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            Err(AttemptError::Service(parse_error(
                status,
                response.error_type.as_deref(),
                &text,
            )))
        }
    }
}

/// A request we could not encode, or an answer we could not read (`what` and `part` say which).
fn unexpected(what: &str, part: &str, error: &serde_json::Error) -> AuthError {
    AuthError::UnexpectedResponse(format!("{what}{part}: {error}"))
}

/// A random UUID (v4) naming all attempts of one call, as the AWS SDKs send.
fn invocation_id() -> Result<String, AuthError> {
    let mut bytes = random_bytes::<16>()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocation_ids_are_v4_uuids() {
        let id = invocation_id().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(id, invocation_id().unwrap());
    }

    /// A one-trick HTTP server: answers the n-th request with the n-th scripted reply and
    /// records the requests' headers.
    #[cfg(not(target_arch = "wasm32"))]
    mod scripted {
        use std::sync::{Arc, Mutex};

        use tokio::io::{AsyncReadExt, AsyncWriteExt};

        pub(super) type Seen = Arc<Mutex<Vec<String>>>;

        pub(super) async fn serve(replies: Vec<(u16, &'static str)>) -> (String, Seen) {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}/", listener.local_addr().unwrap());
            let seen: Seen = Arc::default();
            let log = seen.clone();
            tokio::spawn(async move {
                for (status, body) in replies {
                    let (mut socket, _) = listener.accept().await.unwrap();
                    let mut request = Vec::new();
                    let mut buffer = [0u8; 4096];
                    // Read the head and the (small) body.
                    loop {
                        let read = socket.read(&mut buffer).await.unwrap();
                        request.extend_from_slice(&buffer[..read]);
                        let text = String::from_utf8_lossy(&request);
                        if let Some(end) = text.find("\r\n\r\n") {
                            let length = text
                                .lines()
                                .find_map(|line| {
                                    line.to_ascii_lowercase()
                                        .strip_prefix("content-length:")
                                        .map(|n| n.trim().parse::<usize>().unwrap())
                                })
                                .unwrap_or(0);
                            if request.len() >= end + 4 + length {
                                break;
                            }
                        }
                    }
                    log.lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&request).to_ascii_lowercase());
                    let reply = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    socket.write_all(reply.as_bytes()).await.unwrap();
                    socket.shutdown().await.unwrap();
                }
            });
            (url, seen)
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn get_user() -> crate::wire::user::GetUser {
        crate::wire::user::GetUser {
            access_token: "token".into(),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test]
    async fn throttling_is_retried_three_times_then_reported() {
        let throttled = (
            400,
            r#"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#,
        );
        let (url, seen) = scripted::serve(vec![throttled; 3]).await;
        let error = WireClient::new(url).call(&get_user()).await.unwrap_err();
        assert_eq!(error.code(), Some("TooManyRequestsException"));
        let requests = seen.lock().unwrap();
        assert_eq!(requests.len(), 3);
        for (index, request) in requests.iter().enumerate() {
            assert!(request.contains(&format!("amz-sdk-request: attempt={}; max=3", index + 1)));
            assert!(request.contains("x-amz-target: awscognitoidentityproviderservice.getuser"));
            assert!(request.contains("content-type: application/x-amz-json-1.1"));
        }
        // One invocation id for all attempts of a call.
        let id = |request: &str| {
            request
                .lines()
                .find(|line| line.starts_with("amz-sdk-invocation-id:"))
                .map(str::to_owned)
        };
        assert!(id(&requests[0]).is_some());
        assert_eq!(id(&requests[0]), id(&requests[2]));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test]
    async fn server_error_then_success_succeeds() {
        let (url, seen) = scripted::serve(vec![
            (503, ""),
            (200, r#"{"Username":"u","UserAttributes":[]}"#),
        ])
        .await;
        let output = WireClient::new(url).call(&get_user()).await.unwrap();
        assert_eq!(output.username, "u");
        assert_eq!(seen.lock().unwrap().len(), 2);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test]
    async fn client_errors_are_reported_at_once() {
        let (url, seen) = scripted::serve(vec![(
            400,
            r#"{"__type":"NotAuthorizedException","message":"Access Token has been revoked"}"#,
        )])
        .await;
        let error = WireClient::new(url).call(&get_user()).await.unwrap_err();
        assert_eq!(
            error,
            AuthError::Service(ServiceError {
                code: "NotAuthorizedException".into(),
                message: "Access Token has been revoked".into(),
                status: 400,
            })
        );
        assert_eq!(seen.lock().unwrap().len(), 1);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[tokio::test]
    async fn unreachable_endpoint_is_a_network_error() {
        // Bind and drop to get a port nobody listens on.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let error = WireClient::new(format!("http://127.0.0.1:{port}/"))
            .call(&get_user())
            .await
            .unwrap_err();
        assert!(matches!(error, AuthError::Network(_)), "{error:?}");
    }
}
