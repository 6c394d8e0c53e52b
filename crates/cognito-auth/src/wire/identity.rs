//! Cognito Identity (`AWSCognitoIdentityService`): an identity id for a set of logins (or a
//! guest), and credentials for it. Unsigned calls, as Amplify makes them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Operation, is_empty_map};

const SERVICE: &str = "AWSCognitoIdentityService.";

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetId {
    pub identity_pool_id: String,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub logins: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetIdOutput {
    pub identity_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetCredentialsForIdentity {
    pub identity_id: String,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub logins: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CredentialsOutput {
    pub identity_id: Option<String>,
    pub credentials: Option<Credentials>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Credentials {
    pub access_key_id: String,
    pub secret_key: String,
    pub session_token: String,
    /// Epoch seconds; a JSON number that may have a fraction.
    pub expiration: f64,
}

impl Operation for GetId {
    const SERVICE: &'static str = SERVICE;
    const NAME: &'static str = "GetId";
    type Output = GetIdOutput;
}

impl Operation for GetCredentialsForIdentity {
    const SERVICE: &'static str = SERVICE;
    const NAME: &'static str = "GetCredentialsForIdentity";
    type Output = CredentialsOutput;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_answers_in_cognito_identitys_shape() {
        let guest = GetId {
            identity_pool_id: "us-east-1:p".into(),
            logins: BTreeMap::new(),
        };
        assert_eq!(
            serde_json::to_value(&guest).unwrap(),
            serde_json::json!({"IdentityPoolId": "us-east-1:p"})
        );
        let request = GetCredentialsForIdentity {
            identity_id: "us-east-1:i".into(),
            logins: BTreeMap::from([("accounts.google.com".into(), "t".into())]),
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({"IdentityId": "us-east-1:i", "Logins": {"accounts.google.com": "t"}})
        );
        let answer: CredentialsOutput = serde_json::from_str(
            r#"{"IdentityId":"us-east-1:i","Credentials":{"AccessKeyId":"ASIA","SecretKey":"s",
                "SessionToken":"t","Expiration":1.7000000005E9}}"#,
        )
        .unwrap();
        let credentials = answer.credentials.unwrap();
        assert_eq!(credentials.expiration as i64, 1_700_000_000);
        assert_eq!(
            format!("{}{}", GetId::SERVICE, GetId::NAME),
            "AWSCognitoIdentityService.GetId"
        );
    }
}
