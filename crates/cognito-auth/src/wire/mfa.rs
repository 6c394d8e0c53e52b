//! TOTP and MFA preferences: `AssociateSoftwareToken`, `VerifySoftwareToken`,
//! `SetUserMFAPreference`.

use serde::{Deserialize, Serialize};

use super::{Empty, operations};

/// Either the access token (signed in) or the sign-in session (`MFA_SETUP` during sign-in).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AssociateSoftwareToken {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AssociateSoftwareTokenOutput {
    pub secret_code: String,
    pub session: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct VerifySoftwareToken {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    pub user_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_device_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct VerifySoftwareTokenOutput {
    pub status: Option<String>,
    pub session: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct MfaSettings {
    pub enabled: bool,
    pub preferred_mfa: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct SetUserMFAPreference {
    pub access_token: String,
    #[serde(rename = "SMSMfaSettings", skip_serializing_if = "Option::is_none")]
    pub sms_mfa_settings: Option<MfaSettings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_settings: Option<MfaSettings>,
}

operations! {
    AssociateSoftwareToken => AssociateSoftwareTokenOutput,
    VerifySoftwareToken => VerifySoftwareTokenOutput,
    SetUserMFAPreference => Empty,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mfa_preference_uses_cognitos_capitalisation() {
        let request = SetUserMFAPreference {
            access_token: "a".into(),
            sms_mfa_settings: Some(MfaSettings {
                enabled: false,
                preferred_mfa: false,
            }),
            software_token_mfa_settings: Some(MfaSettings {
                enabled: true,
                preferred_mfa: true,
            }),
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "AccessToken": "a",
                "SMSMfaSettings": {"Enabled": false, "PreferredMfa": false},
                "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}
            })
        );
        assert_eq!(
            <SetUserMFAPreference as crate::wire::Operation>::NAME,
            "SetUserMFAPreference"
        );
    }
}
