//! `sign_in` (SRP, password and custom flows) and the calls that answer its next steps:
//! `confirm_sign_in`, `complete_new_password`, `select_mfa_type`.

use std::collections::BTreeMap;

use cognito_srp::{Client, PasswordVerifierChallenge, pool_name};

use super::challenge::{Challenge, PendingSignIn, mfa_wire_name};
use super::{Auth, require};
use crate::config::AuthFlowType;
use crate::events::AuthEvent;
use crate::platform::{now_secs, random_bytes};
use crate::types::{MfaType, SignInStep};
use crate::wire::initiate_auth::{AuthOutput, InitiateAuth, RespondToAuthChallenge};
use crate::wire::mfa::VerifySoftwareToken;
use crate::{AuthError, ErrorKind, ValidationError};

impl Auth {
    /// Signs a user in with the configured flow (SRP unless configured otherwise) and returns
    /// what comes next: [`SignInStep::Done`] or a step to complete with the other sign-in calls.
    ///
    /// An unconfirmed user gets [`SignInStep::ConfirmSignUp`] and a user whose password an
    /// administrator reset gets [`SignInStep::ResetPassword`], not errors (as in Amplify v6).
    /// Emits `signIn` or `signIn_failure`.
    ///
    /// ```no_run
    /// # use cognito_auth::{Auth, SignInStep};
    /// # async fn demo(auth: Auth) -> Result<(), cognito_auth::AuthError> {
    /// let step = auth.sign_in("alice", "Passw0rd!").await?;
    /// assert_eq!(step, SignInStep::Done);
    /// # Ok(()) }
    /// ```
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<SignInStep, AuthError> {
        let result = self.sign_in_inner(username, password).await;
        match result {
            Err(AuthError::Service(error)) if error.kind() == ErrorKind::UserNotConfirmed => {
                Ok(SignInStep::ConfirmSignUp)
            }
            Err(AuthError::Service(error)) if error.kind() == ErrorKind::PasswordResetRequired => {
                Ok(SignInStep::ResetPassword)
            }
            Err(error) => {
                self.emit(AuthEvent::SignInFailure {
                    error: error.clone(),
                });
                Err(error)
            }
            ok => ok,
        }
    }

    async fn sign_in_inner(&self, username: &str, password: &str) -> Result<SignInStep, AuthError> {
        require(username, ValidationError::EmptyUsername)?;
        let flow = self.config().authentication_flow_type;
        if flow != AuthFlowType::CustomWithoutSrp {
            require(password, ValidationError::EmptyPassword)?;
        }
        if self.is_signed_in().await? {
            return Err(AuthError::AlreadySignedIn);
        }
        self.set_pending(None);
        let metadata = self.client_metadata(&BTreeMap::new());
        let mut parameters = BTreeMap::from([("USERNAME".to_owned(), username.to_owned())]);
        if let Some(hash) = self.secret_hash(username) {
            parameters.insert("SECRET_HASH".into(), hash);
        }
        let (auth_flow, srp) = match flow {
            AuthFlowType::UserSrp => ("USER_SRP_AUTH", Some(self.start_srp(&mut parameters)?)),
            AuthFlowType::CustomWithSrp => {
                parameters.insert("CHALLENGE_NAME".into(), "SRP_A".into());
                ("CUSTOM_AUTH", Some(self.start_srp(&mut parameters)?))
            }
            AuthFlowType::UserPassword => {
                parameters.insert("PASSWORD".into(), password.to_owned());
                ("USER_PASSWORD_AUTH", None)
            }
            AuthFlowType::CustomWithoutSrp => ("CUSTOM_AUTH", None),
        };
        let mut output = self
            .wire()
            .call(&InitiateAuth {
                auth_flow,
                client_id: self.client_id(),
                auth_parameters: parameters,
                client_metadata: metadata.clone(),
            })
            .await?;
        if output.challenge_name.as_deref() == Some("PASSWORD_VERIFIER") {
            let srp = srp.ok_or_else(|| {
                AuthError::UnexpectedResponse("PASSWORD_VERIFIER without an SRP sign-in".into())
            })?;
            output = self
                .verify_password(&srp, output, password, &metadata)
                .await?;
        }
        self.next_step(username, output, metadata).await
    }

    /// Picks the secret `a` and adds `SRP_A` to the parameters.
    fn start_srp(&self, parameters: &mut BTreeMap<String, String>) -> Result<Client, AuthError> {
        let client = Client::new(&random_bytes::<128>()?)?;
        parameters.insert("SRP_A".into(), client.srp_a());
        Ok(client)
    }

    /// Answers `PASSWORD_VERIFIER` with the password claim.
    async fn verify_password(
        &self,
        srp: &Client,
        challenge: AuthOutput,
        password: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<AuthOutput, AuthError> {
        let parameters = &challenge.challenge_parameters;
        let get = |name: &str| {
            parameters.get(name).map(String::as_str).ok_or_else(|| {
                AuthError::UnexpectedResponse(format!("PASSWORD_VERIFIER without {name}"))
            })
        };
        let user_id = get("USER_ID_FOR_SRP")?;
        let secret_block = get("SECRET_BLOCK")?;
        let pool = pool_name(self.pool_id())?;
        let claim = srp.password_claim(
            &PasswordVerifierChallenge {
                pool_name: pool,
                user_id_for_srp: user_id,
                salt_hex: get("SALT")?,
                srp_b_hex: get("SRP_B")?,
                secret_block,
            },
            password,
            now_secs(),
        )?;
        let mut responses = BTreeMap::from([
            ("USERNAME".to_owned(), user_id.to_owned()),
            (
                "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
                secret_block.to_owned(),
            ),
            ("TIMESTAMP".to_owned(), claim.timestamp),
            ("PASSWORD_CLAIM_SIGNATURE".to_owned(), claim.signature),
        ]);
        if let Some(hash) = self.secret_hash(user_id) {
            responses.insert("SECRET_HASH".into(), hash);
        }
        self.wire()
            .call(&RespondToAuthChallenge {
                client_id: self.client_id(),
                challenge_name: "PASSWORD_VERIFIER".into(),
                session: challenge.session.clone(),
                challenge_responses: responses,
                client_metadata: metadata.clone(),
            })
            .await
    }

    /// Answers the pending step with what the user typed: an SMS, email or TOTP code, the code
    /// that finishes TOTP setup, a custom challenge answer, an MFA choice (`SMS`, `TOTP`,
    /// `EMAIL`) or a new password (Amplify v6's `confirmSignIn({challengeResponse})`).
    ///
    /// ```no_run
    /// # use cognito_auth::{Auth, SignInStep};
    /// # async fn demo(auth: Auth) -> Result<(), cognito_auth::AuthError> {
    /// if let SignInStep::ConfirmSignInWithSmsCode { .. } = auth.sign_in("alice", "pw").await? {
    ///     let next = auth.confirm_sign_in("123456").await?;
    ///     assert_eq!(next, SignInStep::Done);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn confirm_sign_in(&self, challenge_response: &str) -> Result<SignInStep, AuthError> {
        require(challenge_response, ValidationError::EmptyChallengeResponse)?;
        let pending = self.take_pending_clone()?;
        let answer = challenge_response.trim().to_owned();
        let code_key = match &pending.challenge {
            Challenge::SmsMfa => "SMS_MFA_CODE",
            Challenge::EmailOtp => "EMAIL_OTP_CODE",
            Challenge::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA_CODE",
            Challenge::Custom => "ANSWER",
            Challenge::SelectMfaType { .. } => {
                let mfa = match answer.to_ascii_uppercase().as_str() {
                    "SMS" | "SMS_MFA" => MfaType::Sms,
                    "TOTP" | "SOFTWARE_TOKEN_MFA" => MfaType::Totp,
                    "EMAIL" | "EMAIL_OTP" => MfaType::Email,
                    _ => return Err(ValidationError::MfaTypeNotAllowed(answer).into()),
                };
                return self.select_mfa_type(mfa).await;
            }
            Challenge::NewPasswordRequired => {
                // The raw password, untrimmed: spaces may be part of it.
                return self
                    .complete_new_password(challenge_response, BTreeMap::new())
                    .await;
            }
            Challenge::MfaSetup => return self.finish_totp_setup(pending, &answer).await,
        };
        let responses = BTreeMap::from([(code_key.to_owned(), answer)]);
        self.respond(&pending, responses).await
    }

    /// Verifies the first TOTP code during sign-in, then tells Cognito setup is done.
    async fn finish_totp_setup(
        &self,
        mut pending: PendingSignIn,
        code: &str,
    ) -> Result<SignInStep, AuthError> {
        let verified = self
            .wire()
            .call(&VerifySoftwareToken {
                access_token: None,
                session: pending.session.clone(),
                user_code: code.to_owned(),
                friendly_device_name: None,
            })
            .await?;
        if verified.status.as_deref() != Some("SUCCESS") {
            return Err(AuthError::UnexpectedResponse(format!(
                "TOTP verification status {:?}",
                verified.status
            )));
        }
        pending.session = verified.session.or(pending.session);
        self.respond(&pending, BTreeMap::new()).await
    }

    /// Sets the new password an administrator-created user must choose, with the attributes
    /// the pool requires (names without the `userAttributes.` prefix). Emits
    /// `completeNewPassword_failure` on failure.
    pub async fn complete_new_password(
        &self,
        new_password: &str,
        attributes: BTreeMap<String, String>,
    ) -> Result<SignInStep, AuthError> {
        let result = async {
            require(new_password, ValidationError::EmptyNewPassword)?;
            let pending = self.take_pending_clone()?;
            if pending.challenge != Challenge::NewPasswordRequired {
                return Err(AuthError::NoPendingSignIn);
            }
            let mut responses =
                BTreeMap::from([("NEW_PASSWORD".to_owned(), new_password.to_owned())]);
            for (name, value) in attributes {
                responses.insert(format!("userAttributes.{name}"), value);
            }
            self.respond(&pending, responses).await
        }
        .await;
        if let Err(error) = &result {
            self.emit(AuthEvent::CompleteNewPasswordFailure {
                error: error.clone(),
            });
        }
        result
    }

    /// Chooses the MFA method when sign-in offers a choice
    /// ([`SignInStep::ContinueSignInWithMfaSelection`]).
    pub async fn select_mfa_type(&self, mfa: MfaType) -> Result<SignInStep, AuthError> {
        let pending = self.take_pending_clone()?;
        let Challenge::SelectMfaType { allowed } = &pending.challenge else {
            return Err(AuthError::NoPendingSignIn);
        };
        if !allowed.is_empty() && !allowed.contains(&mfa) {
            return Err(ValidationError::MfaTypeNotAllowed(format!("{mfa:?}")).into());
        }
        let responses = BTreeMap::from([("ANSWER".to_owned(), mfa_wire_name(mfa).to_owned())]);
        self.respond(&pending, responses).await
    }
}
