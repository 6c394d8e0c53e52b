//! The Hosted UI's token endpoint: exchanging an authorization code (with its PKCE verifier) for
//! tokens, form-encoded as Amplify sends it.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;

use super::HttpClient;
use super::initiate_auth::AuthenticationResult;
use crate::AuthError;
use crate::oauth::OAuthError;
use crate::query::encode_pairs;

/// `grant_type=authorization_code` at `token_url`. No `Debug`: it holds the verifier and secret.
pub(crate) struct CodeExchange<'a> {
    pub token_url: &'a str,
    pub code: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub code_verifier: &'a str,
    /// Confidential (native) clients authenticate with HTTP Basic, as Cognito requires.
    pub client_secret: Option<&'a str>,
}

#[derive(Debug, Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    id_token: Option<String>,
    refresh_token: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    error_message: Option<String>,
}

impl CodeExchange<'_> {
    /// The form body, in Amplify's order.
    pub(crate) fn body(&self) -> String {
        encode_pairs([
            ("grant_type", "authorization_code"),
            ("code", self.code),
            ("client_id", self.client_id),
            ("redirect_uri", self.redirect_uri),
            ("code_verifier", self.code_verifier),
        ])
    }

    /// `Basic base64(client_id:client_secret)` for a client with a secret.
    pub(crate) fn basic_authorization(&self) -> Option<String> {
        let secret = self.client_secret?;
        let pair = format!("{}:{secret}", self.client_id);
        Some(format!("Basic {}", STANDARD.encode(pair)))
    }

    /// POSTs the exchange; OAuth errors come back as [`AuthError::OAuth`].
    pub(crate) async fn send(&self, http: &HttpClient) -> Result<AuthenticationResult, AuthError> {
        let mut headers = vec![(
            "content-type",
            "application/x-www-form-urlencoded".to_owned(),
        )];
        if let Some(authorization) = self.basic_authorization() {
            headers.push(("authorization", authorization));
        }
        let response = http
            .post(self.token_url, &headers, self.body())
            .await
            .map_err(AuthError::Network)?;
        read_answer(response.status, &response.body)
    }
}

fn read_answer(status: u16, body: &str) -> Result<AuthenticationResult, AuthError> {
    let answer: TokenAnswer = serde_json::from_str(body).map_err(|_| {
        AuthError::UnexpectedResponse(format!("token endpoint answered HTTP {status}: not JSON"))
    })?;
    if let Some(error) = answer.error {
        return Err(AuthError::OAuth(OAuthError {
            error,
            description: answer.error_description.or(answer.error_message),
        }));
    }
    match answer.access_token {
        Some(access_token) if (200..300).contains(&status) => Ok(AuthenticationResult {
            access_token,
            id_token: answer.id_token,
            refresh_token: answer.refresh_token,
        }),
        _ => Err(AuthError::UnexpectedResponse(format!(
            "token endpoint answered HTTP {status} without tokens"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_form_encoded_in_amplifys_order() {
        let exchange = CodeExchange {
            token_url: "https://d/oauth2/token",
            code: "c0de",
            client_id: "client",
            redirect_uri: "http://localhost:3000/",
            code_verifier: "v",
            client_secret: None,
        };
        assert_eq!(exchange.basic_authorization(), None);
        assert_eq!(
            CodeExchange {
                client_id: "Aladdin",
                client_secret: Some("open sesame"),
                ..exchange
            }
            .basic_authorization()
            .as_deref(),
            // RFC 7617's example.
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert_eq!(
            exchange.body(),
            "grant_type=authorization_code&code=c0de&client_id=client&\
             redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&code_verifier=v"
        );
    }

    #[test]
    fn tokens_errors_and_garbage() {
        let tokens = read_answer(
            200,
            r#"{"access_token":"a","id_token":"i","refresh_token":"r","token_type":"Bearer","expires_in":3600}"#,
        )
        .unwrap();
        assert_eq!(tokens.id_token.as_deref(), Some("i"));
        assert_eq!(tokens.refresh_token.as_deref(), Some("r"));
        assert_eq!(
            read_answer(400, r#"{"error":"invalid_grant"}"#).unwrap_err(),
            AuthError::OAuth(OAuthError {
                error: "invalid_grant".into(),
                description: None
            })
        );
        assert_eq!(
            read_answer(
                400,
                r#"{"error":"invalid_request","error_description":"why"}"#
            )
            .unwrap_err()
            .to_string(),
            "OAuth error: invalid_request: why"
        );
        assert!(matches!(
            read_answer(502, "<html>"),
            Err(AuthError::UnexpectedResponse(_))
        ));
        assert!(matches!(
            read_answer(500, "{}"),
            Err(AuthError::UnexpectedResponse(_))
        ));
    }
}
