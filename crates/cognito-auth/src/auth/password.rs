//! `change_password`, `forgot_password`, `forgot_password_submit`.

use super::{Auth, require};
use crate::events::AuthEvent;
use crate::types::CodeDelivery;
use crate::wire::password::{ChangePassword, ConfirmForgotPassword, ForgotPassword};
use crate::{AuthError, ValidationError};

impl Auth {
    /// Changes the signed-in user's password.
    pub async fn change_password(
        &self,
        old_password: &str,
        new_password: &str,
    ) -> Result<(), AuthError> {
        require(old_password, ValidationError::EmptyPassword)?;
        require(new_password, ValidationError::EmptyNewPassword)?;
        let access_token = self.access_token().await?;
        self.wire()
            .call(&ChangePassword {
                access_token,
                previous_password: old_password.to_owned(),
                proposed_password: new_password.to_owned(),
            })
            .await?;
        Ok(())
    }

    /// Sends a password reset code. Emits `forgotPassword` or `forgotPassword_failure`.
    ///
    /// ```no_run
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// auth.forgot_password("alice").await?;
    /// auth.forgot_password_submit("alice", "123456", "N3w-Passw0rd!").await?;
    /// # Ok(()) }
    /// ```
    pub async fn forgot_password(&self, username: &str) -> Result<Option<CodeDelivery>, AuthError> {
        let result: Result<_, AuthError> = async {
            require(username, ValidationError::EmptyUsername)?;
            let output = self
                .wire()
                .call(&ForgotPassword {
                    client_id: self.client_id(),
                    username: username.to_owned(),
                    secret_hash: self.secret_hash(username),
                    client_metadata: self.client_metadata(&Default::default()),
                })
                .await?;
            Ok(output.code_delivery_details.map(CodeDelivery::from))
        }
        .await;
        match &result {
            Ok(code_delivery) => self.emit(AuthEvent::ForgotPassword {
                username: username.to_owned(),
                code_delivery: code_delivery.clone(),
            }),
            Err(error) => self.emit(AuthEvent::ForgotPasswordFailure {
                error: error.clone(),
            }),
        }
        result
    }

    /// Sets a new password with the reset code. Emits `forgotPasswordSubmit` or
    /// `forgotPasswordSubmit_failure`.
    pub async fn forgot_password_submit(
        &self,
        username: &str,
        code: &str,
        new_password: &str,
    ) -> Result<(), AuthError> {
        let result: Result<_, AuthError> = async {
            require(username, ValidationError::EmptyUsername)?;
            require(code, ValidationError::EmptyCode)?;
            require(new_password, ValidationError::EmptyNewPassword)?;
            self.wire()
                .call(&ConfirmForgotPassword {
                    client_id: self.client_id(),
                    username: username.to_owned(),
                    confirmation_code: code.trim().to_owned(),
                    password: new_password.to_owned(),
                    secret_hash: self.secret_hash(username),
                    client_metadata: self.client_metadata(&Default::default()),
                })
                .await?;
            Ok(())
        }
        .await;
        match &result {
            Ok(()) => self.emit(AuthEvent::ForgotPasswordSubmit {
                username: username.to_owned(),
            }),
            Err(error) => self.emit(AuthEvent::ForgotPasswordSubmitFailure {
                error: error.clone(),
            }),
        }
        result
    }
}
