//! `SignUp`, `ConfirmSignUp`, `ResendConfirmationCode`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AttributeType, CodeDeliveryDetails, Empty, is_empty_map, operations};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct SignUp {
    pub client_id: String,
    pub username: String,
    pub password: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_attributes: Vec<AttributeType>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub validation_data: Vec<AttributeType>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct SignUpOutput {
    #[serde(default)]
    pub user_confirmed: bool,
    #[serde(default)]
    pub user_sub: String,
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ConfirmSignUp {
    pub client_id: String,
    pub username: String,
    pub confirmation_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ResendConfirmationCode {
    pub client_id: String,
    pub username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CodeDeliveryOutput {
    pub code_delivery_details: Option<CodeDeliveryDetails>,
}

operations! {
    SignUp => SignUpOutput,
    ConfirmSignUp => Empty,
    ResendConfirmationCode => CodeDeliveryOutput,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_up_serialises_with_cognito_names_and_omits_empties() {
        let request = SignUp {
            client_id: "c".into(),
            username: "u".into(),
            password: "p".into(),
            secret_hash: None,
            user_attributes: vec![AttributeType {
                name: "email".into(),
                value: "e@x".into(),
            }],
            validation_data: vec![],
            client_metadata: BTreeMap::new(),
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "ClientId": "c", "Username": "u", "Password": "p",
                "UserAttributes": [{"Name": "email", "Value": "e@x"}]
            })
        );
    }

    #[test]
    fn sign_up_output_parses() {
        let output: SignUpOutput = serde_json::from_str(
            r#"{"UserConfirmed":false,"UserSub":"abc","CodeDeliveryDetails":
                {"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
        )
        .unwrap();
        assert!(!output.user_confirmed);
        let delivery = crate::CodeDelivery::from(output.code_delivery_details.unwrap());
        assert_eq!(delivery.medium, Some(crate::DeliveryMedium::Email));
    }
}
