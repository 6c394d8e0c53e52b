//! `sign_up`, `confirm_sign_up`, `resend_sign_up`.

use std::sync::PoisonError;

use super::{Auth, require};
use crate::events::AuthEvent;
use crate::types::{AuthUser, CodeDelivery, SignInStep, SignUpInput, SignUpResult};
use crate::wire::attribute_list;
use crate::wire::sign_up::{ConfirmSignUp, ResendConfirmationCode, SignUp};
use crate::{AuthError, ValidationError};

/// Credentials kept between `sign_up(..auto_sign_in(true))` and `auto_sign_in`.
#[derive(Clone)]
pub(crate) struct AutoSignIn {
    username: String,
    password: String,
    confirmed: bool,
}

impl std::fmt::Debug for AutoSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AutoSignIn")
            .field("username", &self.username)
            .field("confirmed", &self.confirmed)
            .finish_non_exhaustive()
    }
}

impl Auth {
    fn auto_sign_in_slot(&self) -> std::sync::MutexGuard<'_, Option<AutoSignIn>> {
        // Replaced whole; a panic elsewhere cannot leave it half-written.
        self.inner
            .auto_sign_in
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn forget_auto_sign_in(&self) {
        *self.auto_sign_in_slot() = None;
    }

    /// Signs in the user who just signed up with [`SignUpInput::auto_sign_in`] and confirmed,
    /// with the password given at sign-up (kept in memory until this call or a sign-out).
    /// Emits `autoSignIn` (besides `signIn`) or `autoSignIn_failure`.
    ///
    /// ```no_run
    /// # use cognito_auth::{SignInStep, SignUpInput};
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// auth.sign_up(SignUpInput::new("alice", "Passw0rd!").auto_sign_in(true)).await?;
    /// auth.confirm_sign_up("alice", "123456").await?;
    /// assert_eq!(auth.auto_sign_in().await?, SignInStep::Done);
    /// # Ok(()) }
    /// ```
    pub async fn auto_sign_in(&self) -> Result<SignInStep, AuthError> {
        let ready = {
            let mut slot = self.auto_sign_in_slot();
            // Before confirmation the credentials stay for a later call.
            if slot.as_ref().is_some_and(|auto| auto.confirmed) {
                slot.take()
            } else {
                None
            }
        };
        let Some(auto) = ready else {
            return Err(AuthError::NoPendingSignIn);
        };
        let result = self.sign_in(&auto.username, &auto.password).await;
        match &result {
            Ok(SignInStep::Done) => {
                if let Ok(session) = self.current_session().await {
                    self.emit(AuthEvent::AutoSignIn {
                        user: AuthUser {
                            username: session.username().unwrap_or_default().to_owned(),
                            user_id: session.user_id().unwrap_or_default().to_owned(),
                        },
                    });
                }
            }
            Ok(_) => {}
            Err(error) => self.emit(AuthEvent::AutoSignInFailure {
                error: error.clone(),
            }),
        }
        result
    }

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
        self.forget_auto_sign_in();
        let auto_sign_in = input.auto_sign_in.then(|| AutoSignIn {
            username: input.username.clone(),
            password: input.password.clone(),
            confirmed: false,
        });
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
        if let Some(mut auto) = auto_sign_in {
            auto.confirmed = output.user_confirmed;
            *self.auto_sign_in_slot() = Some(auto);
        }
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
        if let Some(auto) = self.auto_sign_in_slot().as_mut()
            && auto.username == username
        {
            auto.confirmed = true;
        }
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
