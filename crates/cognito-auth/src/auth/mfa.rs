//! TOTP setup and MFA preferences for the signed-in user.

use super::challenge::{mfa_from_wire, otpauth_uri};
use super::{Auth, require};
use crate::types::{MfaPreference, MfaPreferences, TotpSetup};
use crate::wire::mfa::{
    AssociateSoftwareToken, MfaSettings, SetUserMFAPreference, VerifySoftwareToken,
};
use crate::wire::user::GetUser;
use crate::{AuthError, ValidationError};

impl Auth {
    /// Starts adding an authenticator app: the secret and an `otpauth://` URI (issuer from
    /// `totp_issuer`, Amplify's `AWSCognito` by default) to show as a QR code. Finish with
    /// [`verify_totp_token`](Self::verify_totp_token).
    ///
    /// ```no_run
    /// # use cognito_auth::MfaPreference;
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// let setup = auth.setup_totp().await?;
    /// println!("scan {}", setup.otpauth_uri);
    /// auth.verify_totp_token("123456").await?;
    /// auth.set_preferred_mfa(MfaPreference::Totp).await?;
    /// # Ok(()) }
    /// ```
    pub async fn setup_totp(&self) -> Result<TotpSetup, AuthError> {
        let session = self.current_session().await?;
        let output = self
            .wire()
            .call(&AssociateSoftwareToken {
                access_token: Some(session.access_token.as_str().to_owned()),
                session: None,
            })
            .await?;
        let username = session.username().unwrap_or_default().to_owned();
        Ok(TotpSetup {
            otpauth_uri: otpauth_uri(&self.totp_issuer(), &username, &output.secret_code),
            secret: output.secret_code,
        })
    }

    /// Checks a code from the authenticator app, which activates TOTP for the user.
    pub async fn verify_totp_token(&self, code: &str) -> Result<(), AuthError> {
        require(code, ValidationError::EmptyCode)?;
        let access_token = self.access_token().await?;
        let output = self
            .wire()
            .call(&VerifySoftwareToken {
                access_token: Some(access_token),
                session: None,
                user_code: code.trim().to_owned(),
                friendly_device_name: None,
            })
            .await?;
        match output.status.as_deref() {
            Some("SUCCESS") => Ok(()),
            status => Err(AuthError::UnexpectedResponse(format!(
                "TOTP verification status {status:?}"
            ))),
        }
    }

    /// Chooses the MFA method used at sign-in, or none.
    pub async fn set_preferred_mfa(&self, preference: MfaPreference) -> Result<(), AuthError> {
        let on = MfaSettings {
            enabled: true,
            preferred_mfa: true,
        };
        let off = MfaSettings {
            enabled: false,
            preferred_mfa: false,
        };
        let (sms, totp) = match preference {
            MfaPreference::Totp => (None, Some(on)),
            MfaPreference::Sms => (Some(on), None),
            MfaPreference::NoMfa => (Some(off), Some(off)),
        };
        let access_token = self.access_token().await?;
        self.wire()
            .call(&SetUserMFAPreference {
                access_token,
                sms_mfa_settings: sms,
                software_token_mfa_settings: totp,
            })
            .await?;
        Ok(())
    }

    /// Which MFA methods are on and which is preferred (Amplify v6's `fetchMFAPreference`).
    pub async fn fetch_mfa_preference(&self) -> Result<MfaPreferences, AuthError> {
        let access_token = self.access_token().await?;
        let user = self.wire().call(&GetUser { access_token }).await?;
        Ok(MfaPreferences {
            enabled: user
                .user_mfa_setting_list
                .iter()
                .filter_map(|name| mfa_from_wire(name))
                .collect(),
            preferred: user
                .preferred_mfa_setting
                .as_deref()
                .and_then(mfa_from_wire),
        })
    }

    /// The MFA method used at sign-in.
    pub async fn get_preferred_mfa(&self) -> Result<MfaPreference, AuthError> {
        let access_token = self.access_token().await?;
        let user = self.wire().call(&GetUser { access_token }).await?;
        Ok(match user.preferred_mfa_setting.as_deref() {
            Some("SOFTWARE_TOKEN_MFA") => MfaPreference::Totp,
            Some("SMS_MFA") => MfaPreference::Sms,
            _ => MfaPreference::NoMfa,
        })
    }
}
