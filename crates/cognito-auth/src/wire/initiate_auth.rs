//! `InitiateAuth` and `RespondToAuthChallenge`, which answer in the same shape: a challenge or
//! tokens.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{is_empty_map, operations};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct InitiateAuth {
    pub auth_flow: &'static str,
    pub client_id: String,
    pub auth_parameters: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RespondToAuthChallenge {
    pub client_id: String,
    pub challenge_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    pub challenge_responses: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

/// A challenge to answer, or tokens.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AuthOutput {
    pub challenge_name: Option<String>,
    #[serde(default)]
    pub challenge_parameters: BTreeMap<String, String>,
    pub session: Option<String>,
    pub authentication_result: Option<AuthenticationResult>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AuthenticationResult {
    pub access_token: String,
    pub id_token: Option<String>,
    pub refresh_token: Option<String>,
}

operations! {
    InitiateAuth => AuthOutput,
    RespondToAuthChallenge => AuthOutput,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_and_tokens_parse() {
        let challenge: AuthOutput = serde_json::from_str(
            r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":
                {"SALT":"ab","SRP_B":"cd","SECRET_BLOCK":"ZQ==","USERNAME":"u","USER_ID_FOR_SRP":"u"}}"#,
        )
        .unwrap();
        assert_eq!(
            challenge.challenge_name.as_deref(),
            Some("PASSWORD_VERIFIER")
        );
        assert_eq!(challenge.challenge_parameters["SRP_B"], "cd");
        let tokens: AuthOutput = serde_json::from_str(
            r#"{"ChallengeParameters":{},"AuthenticationResult":{"AccessToken":"a","IdToken":"i",
                "RefreshToken":"r","ExpiresIn":3600,"TokenType":"Bearer"}}"#,
        )
        .unwrap();
        let result = tokens.authentication_result.unwrap();
        assert_eq!(result.refresh_token.as_deref(), Some("r"));
    }

    #[test]
    fn initiate_auth_serialises() {
        let request = InitiateAuth {
            auth_flow: "USER_SRP_AUTH",
            client_id: "c".into(),
            auth_parameters: BTreeMap::from([("USERNAME".into(), "u".into())]),
            client_metadata: BTreeMap::new(),
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"AuthFlow": "USER_SRP_AUTH", "ClientId": "c",
                               "AuthParameters": {"USERNAME": "u"}})
        );
    }
}
