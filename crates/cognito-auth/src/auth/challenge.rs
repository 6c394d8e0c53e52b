//! Turning Cognito's answers to `InitiateAuth`/`RespondToAuthChallenge` into [`SignInStep`]s, and
//! remembering what the pending step needs to continue.

use std::collections::BTreeMap;

use super::Auth;
use crate::AuthError;
use crate::events::AuthEvent;
use crate::types::{AuthUser, CodeDelivery, MfaType, SignInStep};
use crate::wire::delivery_medium;
use crate::wire::initiate_auth::{AuthOutput, RespondToAuthChallenge};
use crate::wire::mfa::AssociateSoftwareToken;

/// A sign-in waiting for the user.
#[derive(Debug, Clone)]
pub(crate) struct PendingSignIn {
    /// The real username (`USER_ID_FOR_SRP`), which challenge responses must carry.
    pub username: String,
    pub session: Option<String>,
    pub challenge: Challenge,
    pub client_metadata: BTreeMap<String, String>,
}

/// Which challenge is pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Challenge {
    SmsMfa,
    EmailOtp,
    SoftwareTokenMfa,
    SelectMfaType { allowed: Vec<MfaType> },
    MfaSetup,
    NewPasswordRequired,
    Custom,
}

/// Cognito's challenge names, only here.
pub(crate) fn challenge_name(challenge: &Challenge) -> &'static str {
    match challenge {
        Challenge::SmsMfa => "SMS_MFA",
        Challenge::EmailOtp => "EMAIL_OTP",
        Challenge::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
        Challenge::SelectMfaType { .. } => "SELECT_MFA_TYPE",
        Challenge::MfaSetup => "MFA_SETUP",
        Challenge::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
        Challenge::Custom => "CUSTOM_CHALLENGE",
    }
}

pub(crate) fn mfa_wire_name(mfa: MfaType) -> &'static str {
    match mfa {
        MfaType::Sms => "SMS_MFA",
        MfaType::Totp => "SOFTWARE_TOKEN_MFA",
        MfaType::Email => "EMAIL_OTP",
    }
}

pub(crate) fn mfa_from_wire(name: &str) -> Option<MfaType> {
    match name {
        "SMS_MFA" | "SMS" => Some(MfaType::Sms),
        "SOFTWARE_TOKEN_MFA" | "TOTP" => Some(MfaType::Totp),
        "EMAIL_OTP" | "EMAIL" => Some(MfaType::Email),
        _ => None,
    }
}

/// The user's attributes from `NEW_PASSWORD_REQUIRED`'s `userAttributes` (a JSON object in a
/// string), as text. Cognito sends strings; a boolean or a number is kept as its JSON text, and
/// anything else is left out, since an answer could not send it back as an attribute.
fn listed_attributes(json: Option<&String>) -> BTreeMap<String, String> {
    let listed = json
        .and_then(|text| serde_json::from_str::<BTreeMap<String, serde_json::Value>>(text).ok());
    // Inserted one by one: collecting into a map sorts, and every sort is more wasm.
    let mut attributes = BTreeMap::new();
    for (name, value) in listed.unwrap_or_default() {
        let text = match value {
            serde_json::Value::String(text) => text,
            serde_json::Value::Bool(on) => on.to_string(),
            serde_json::Value::Number(number) => number.to_string(),
            _ => continue,
        };
        attributes.insert(name, text);
    }
    attributes
}

/// Parses a JSON-array-in-a-string parameter such as `MFAS_CAN_CHOOSE`.
fn json_list(parameters: &BTreeMap<String, String>, key: &str) -> Vec<String> {
    parameters
        .get(key)
        .and_then(|text| serde_json::from_str::<Vec<String>>(text).ok())
        .unwrap_or_default()
}

fn code_delivery(parameters: &BTreeMap<String, String>) -> Option<CodeDelivery> {
    let destination = parameters.get("CODE_DELIVERY_DESTINATION").cloned();
    let medium = parameters
        .get("CODE_DELIVERY_DELIVERY_MEDIUM")
        .and_then(|name| delivery_medium(name));
    (destination.is_some() || medium.is_some()).then_some(CodeDelivery {
        destination,
        medium,
        attribute_name: None,
    })
}

/// `otpauth://totp/{issuer}:{username}?secret=...&issuer=...`, with both names percent-encoded.
pub(crate) fn otpauth_uri(issuer: &str, username: &str, secret: &str) -> String {
    let issuer = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{}?secret={secret}&issuer={issuer}",
        percent_encode(username)
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// Amplify's default TOTP issuer.
const DEFAULT_TOTP_ISSUER: &str = "AWSCognito";

impl Auth {
    pub(crate) fn totp_issuer(&self) -> String {
        self.config()
            .totp_issuer
            .clone()
            .unwrap_or_else(|| DEFAULT_TOTP_ISSUER.to_owned())
    }

    /// Handles an answer: stores tokens and emits `signIn`, or records the new pending challenge.
    pub(crate) async fn next_step(
        &self,
        username: &str,
        output: AuthOutput,
        client_metadata: BTreeMap<String, String>,
    ) -> Result<SignInStep, AuthError> {
        if let Some(result) = output.authentication_result {
            self.set_pending(None);
            // Drop whatever an earlier user left behind before keeping this one's tokens.
            self.clear_session()?;
            let session = self.store_tokens(result, None)?;
            let user = AuthUser {
                username: session.username().unwrap_or(username).to_owned(),
                user_id: session.user_id().unwrap_or_default().to_owned(),
            };
            self.emit(AuthEvent::SignIn { user });
            return Ok(SignInStep::Done);
        }
        let name = output.challenge_name.as_deref().ok_or_else(|| {
            AuthError::UnexpectedResponse("neither tokens nor a challenge".into())
        })?;
        let parameters = output.challenge_parameters;
        // Responses must carry the real username, never an alias.
        let username = parameters
            .get("USER_ID_FOR_SRP")
            .or_else(|| parameters.get("USERNAME"))
            .cloned()
            .unwrap_or_else(|| username.to_owned());
        let mut session = output.session;
        let (challenge, step) = match name {
            "SMS_MFA" => (
                Challenge::SmsMfa,
                SignInStep::ConfirmSignInWithSmsCode {
                    code_delivery: code_delivery(&parameters),
                },
            ),
            "EMAIL_OTP" => (
                Challenge::EmailOtp,
                SignInStep::ConfirmSignInWithEmailCode {
                    code_delivery: code_delivery(&parameters),
                },
            ),
            "SOFTWARE_TOKEN_MFA" => (
                Challenge::SoftwareTokenMfa,
                SignInStep::ConfirmSignInWithTotpCode,
            ),
            "SELECT_MFA_TYPE" => {
                let allowed: Vec<MfaType> = json_list(&parameters, "MFAS_CAN_CHOOSE")
                    .iter()
                    .filter_map(|name| mfa_from_wire(name))
                    .collect();
                (
                    Challenge::SelectMfaType {
                        allowed: allowed.clone(),
                    },
                    SignInStep::ContinueSignInWithMfaSelection { allowed },
                )
            }
            "MFA_SETUP" => {
                let can_setup = json_list(&parameters, "MFAS_CAN_SETUP");
                // An empty list comes from servers that omit it; TOTP is then the only option.
                if !can_setup.is_empty() && !can_setup.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
                    return Err(AuthError::UnexpectedResponse(format!(
                        "MFA setup offers only {can_setup:?}; this client can set up TOTP only"
                    )));
                }
                let associated = self
                    .wire()
                    .call(&AssociateSoftwareToken {
                        access_token: None,
                        session: session.clone(),
                    })
                    .await?;
                session = associated.session.or(session);
                let otpauth_uri =
                    otpauth_uri(&self.totp_issuer(), &username, &associated.secret_code);
                (
                    Challenge::MfaSetup,
                    SignInStep::ContinueSignInWithTotpSetup {
                        secret: associated.secret_code,
                        otpauth_uri,
                    },
                )
            }
            "NEW_PASSWORD_REQUIRED" => {
                let mut user_attributes = listed_attributes(parameters.get("userAttributes"));
                // Cognito refuses these in the answer; Amplify drops them too.
                user_attributes.remove("email_verified");
                user_attributes.remove("phone_number_verified");
                let required_attributes = json_list(&parameters, "requiredAttributes")
                    .into_iter()
                    .map(|name| {
                        name.strip_prefix("userAttributes.")
                            .map(str::to_owned)
                            .unwrap_or(name)
                    })
                    .collect();
                (
                    Challenge::NewPasswordRequired,
                    SignInStep::ConfirmSignInWithNewPassword {
                        required_attributes,
                        user_attributes,
                    },
                )
            }
            "CUSTOM_CHALLENGE" => (
                Challenge::Custom,
                SignInStep::ConfirmSignInWithCustomChallenge {
                    parameters: parameters.clone(),
                },
            ),
            other => {
                return Err(AuthError::UnexpectedResponse(format!(
                    "unsupported challenge {other}"
                )));
            }
        };
        self.set_pending(Some(PendingSignIn {
            username,
            session,
            challenge,
            client_metadata,
        }));
        Ok(step)
    }

    /// Answers the pending challenge and moves to the next step.
    pub(crate) async fn respond(
        &self,
        pending: &PendingSignIn,
        mut responses: BTreeMap<String, String>,
    ) -> Result<SignInStep, AuthError> {
        responses.insert("USERNAME".into(), pending.username.clone());
        if let Some(hash) = self.secret_hash(&pending.username) {
            responses.insert("SECRET_HASH".into(), hash);
        }
        let output = self
            .wire()
            .call(&RespondToAuthChallenge {
                client_id: self.client_id(),
                challenge_name: challenge_name(&pending.challenge).to_owned(),
                session: pending.session.clone(),
                challenge_responses: responses,
                client_metadata: pending.client_metadata.clone(),
            })
            .await?;
        self.next_step(&pending.username, output, pending.client_metadata.clone())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_attributes_are_text() {
        let json = r#"{"email":"a@example.com","email_verified":true,"custom:n":7,"x":null,"y":[1],"z":{}}"#;
        assert_eq!(
            listed_attributes(Some(&json.to_owned())),
            BTreeMap::from([
                ("custom:n".to_owned(), "7".to_owned()),
                ("email".to_owned(), "a@example.com".to_owned()),
                ("email_verified".to_owned(), "true".to_owned()),
            ])
        );
        assert!(listed_attributes(Some(&"not json".to_owned())).is_empty());
        assert!(listed_attributes(None).is_empty());
    }

    #[test]
    fn otpauth_uri_encodes_names() {
        assert_eq!(
            otpauth_uri("My App", "alice@example.com", "ABC234"),
            "otpauth://totp/My%20App:alice%40example.com?secret=ABC234&issuer=My%20App"
        );
    }

    #[test]
    fn mfa_lists_come_as_json_strings() {
        let parameters = BTreeMap::from([(
            "MFAS_CAN_CHOOSE".to_owned(),
            r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"#.to_owned(),
        )]);
        let allowed: Vec<_> = json_list(&parameters, "MFAS_CAN_CHOOSE")
            .iter()
            .filter_map(|name| mfa_from_wire(name))
            .collect();
        assert_eq!(allowed, [MfaType::Sms, MfaType::Totp]);
        assert!(json_list(&parameters, "missing").is_empty());
    }

    #[test]
    fn sms_code_delivery_from_parameters() {
        let parameters = BTreeMap::from([
            ("CODE_DELIVERY_DELIVERY_MEDIUM".to_owned(), "SMS".to_owned()),
            (
                "CODE_DELIVERY_DESTINATION".to_owned(),
                "+*******1234".to_owned(),
            ),
        ]);
        let delivery = code_delivery(&parameters).unwrap();
        assert_eq!(delivery.medium, Some(crate::DeliveryMedium::Sms));
        assert_eq!(delivery.destination.as_deref(), Some("+*******1234"));
        assert_eq!(code_delivery(&BTreeMap::new()), None);
    }
}
