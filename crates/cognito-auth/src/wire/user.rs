//! The signed-in user: `GetUser`, attribute updates and verification, `DeleteUser`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::sign_up::CodeDeliveryOutput;
use super::{AttributeType, CodeDeliveryDetails, Empty, is_empty_map, operations};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetUser {
    pub access_token: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetUserOutput {
    pub username: String,
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
    pub preferred_mfa_setting: Option<String>,
    #[serde(rename = "UserMFASettingList", default)]
    pub user_mfa_setting_list: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct UpdateUserAttributes {
    pub access_token: String,
    pub user_attributes: Vec<AttributeType>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct UpdateUserAttributesOutput {
    #[serde(default)]
    pub code_delivery_details_list: Vec<CodeDeliveryDetails>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DeleteUserAttributes {
    pub access_token: String,
    pub user_attribute_names: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetUserAttributeVerificationCode {
    pub access_token: String,
    pub attribute_name: String,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct VerifyUserAttribute {
    pub access_token: String,
    pub attribute_name: String,
    pub code: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct DeleteUser {
    pub access_token: String,
}

operations! {
    GetUser => GetUserOutput,
    UpdateUserAttributes => UpdateUserAttributesOutput,
    DeleteUserAttributes => Empty,
    GetUserAttributeVerificationCode => CodeDeliveryOutput,
    VerifyUserAttribute => Empty,
    DeleteUser => Empty,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_user_output_parses_attributes_and_preference() {
        let output: GetUserOutput = serde_json::from_str(
            r#"{"Username":"u","UserAttributes":[{"Name":"sub","Value":"s"}],
                "PreferredMfaSetting":"SOFTWARE_TOKEN_MFA","UserMFASettingList":["SOFTWARE_TOKEN_MFA"]}"#,
        )
        .unwrap();
        assert_eq!(output.user_attributes[0].value, "s");
        assert_eq!(
            output.preferred_mfa_setting.as_deref(),
            Some("SOFTWARE_TOKEN_MFA")
        );
    }
}
