//! `sign_up`, `confirm_sign_up`, `resend_sign_up`.

use super::{Auth, require};
use crate::events::AuthEvent;
use crate::types::{CodeDelivery, SignUpInput, SignUpResult};
use crate::wire::attribute_list;
use crate::wire::sign_up::{ConfirmSignUp, ResendConfirmationCode, SignUp};
use crate::{AuthError, ValidationError};

impl Auth {
    /// Creates a user. Returns whether the user is already confirmed and where the confirmation
    /// code went. Emits `signUp` or `signUp_failure`.
    ///
    /// ```no_run
    /// # use cognito_auth::SignUpInput;
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// let result = auth
    ///     .sign_up(SignUpInput::new("alice", "Passw0rd!").attribute("email", "alice@example.com"))
    ///     .await?;
    /// if !result.user_confirmed {
    ///     auth.confirm_sign_up("alice", "123456").await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn sign_up(&self, input: SignUpInput) -> Result<SignUpResult, AuthError> {
        let username = input.username.clone();
        let result = self.sign_up_inner(input).await;
        match &result {
            Ok(result) => self.emit(AuthEvent::SignUp {
                username,
                user_sub: result.user_sub.clone(),
            }),
            Err(error) => self.emit(AuthEvent::SignUpFailure {
                error: error.clone(),
            }),
        }
        result
    }

    async fn sign_up_inner(&self, input: SignUpInput) -> Result<SignUpResult, AuthError> {
        require(&input.username, ValidationError::EmptyUsername)?;
        require(&input.password, ValidationError::EmptyPassword)?;
        let output = self
            .wire()
            .call(&SignUp {
                client_id: self.client_id(),
                secret_hash: self.secret_hash(&input.username),
                user_attributes: attribute_list(&input.attributes),
                validation_data: attribute_list(&input.validation_data),
                client_metadata: self.client_metadata(&input.client_metadata),
                username: input.username,
                password: input.password,
            })
            .await?;
        Ok(SignUpResult {
            user_confirmed: output.user_confirmed,
            user_sub: output.user_sub,
            code_delivery: output.code_delivery_details.map(CodeDelivery::from),
        })
    }

    /// Confirms a sign-up with the code the user received. Emits `confirmSignUp`.
    pub async fn confirm_sign_up(&self, username: &str, code: &str) -> Result<(), AuthError> {
        require(username, ValidationError::EmptyUsername)?;
        require(code, ValidationError::EmptyCode)?;
        self.wire()
            .call(&ConfirmSignUp {
                client_id: self.client_id(),
                username: username.to_owned(),
                confirmation_code: code.trim().to_owned(),
                secret_hash: self.secret_hash(username),
                client_metadata: self.client_metadata(&Default::default()),
            })
            .await?;
        self.emit(AuthEvent::ConfirmSignUp {
            username: username.to_owned(),
        });
        Ok(())
    }

    /// Sends the sign-up confirmation code again.
    pub async fn resend_sign_up(&self, username: &str) -> Result<Option<CodeDelivery>, AuthError> {
        require(username, ValidationError::EmptyUsername)?;
        let output = self
            .wire()
            .call(&ResendConfirmationCode {
                client_id: self.client_id(),
                username: username.to_owned(),
                secret_hash: self.secret_hash(username),
                client_metadata: self.client_metadata(&Default::default()),
            })
            .await?;
        Ok(output.code_delivery_details.map(CodeDelivery::from))
    }
}
