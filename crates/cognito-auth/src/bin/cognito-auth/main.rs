//! `cognito-auth`: the `cognito_auth` library as a command-line tool.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod prompt;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::collections::BTreeMap;
    use std::process::ExitCode;
    use std::sync::Arc;

    use clap::Parser;
    use cognito_auth::{
        Auth, AuthConfig, AuthError, AuthFlowType, FileStore, MfaPreference, MfaType, Session,
        SignInStep, SignOutOptions, SignUpInput,
    };
    use serde_json::{Value, json};

    use crate::args::{Args, Command, Flow};
    use crate::prompt::{ask, password};

    /// A failure to report: Cognito's code and message, or a local reason.
    struct Failure {
        code: String,
        message: String,
    }

    impl From<AuthError> for Failure {
        fn from(error: AuthError) -> Self {
            match &error {
                AuthError::Service(service) => Self {
                    code: service.code.clone(),
                    message: service.message.clone(),
                },
                other => Self {
                    code: "ClientError".into(),
                    message: other.to_string(),
                },
            }
        }
    }

    impl From<String> for Failure {
        fn from(message: String) -> Self {
            Self {
                code: "UsageError".into(),
                message,
            }
        }
    }

    pub fn main() -> ExitCode {
        let args = Args::parse();
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(error) => {
                eprintln!("cannot start the async runtime: {error}");
                return ExitCode::FAILURE;
            }
        };
        match runtime.block_on(run(args)) {
            Ok(output) => {
                println!("{output:#}");
                ExitCode::SUCCESS
            }
            Err(failure) => {
                eprintln!(
                    "{:#}",
                    json!({ "error": failure.code, "message": failure.message })
                );
                ExitCode::FAILURE
            }
        }
    }

    fn config(args: &Args) -> Result<AuthConfig, Failure> {
        let mut config = match (&args.config, &args.user_pool_id, &args.client_id) {
            (Some(path), _, _) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|error| format!("{}: {error}", path.display()))?;
                AuthConfig::from_json(&text).map_err(AuthError::from)?
            }
            (None, Some(pool), Some(client)) => AuthConfig::new(pool, client),
            _ => {
                return Err(Failure::from(
                    "give --config FILE, or --user-pool-id and --client-id".to_owned(),
                ));
            }
        };
        if let Some(pool) = &args.user_pool_id {
            config.user_pool_id = Some(pool.clone());
        }
        if let Some(client) = &args.client_id {
            config.user_pool_web_client_id = Some(client.clone());
        }
        if let Some(endpoint) = &args.endpoint {
            config.user_pool_endpoint = Some(endpoint.clone());
        }
        if let Some(secret) = &args.client_secret {
            config.client_secret = Some(secret.clone());
        }
        if let Command::SignIn {
            flow: Flow::Password,
            ..
        } = args.command
        {
            config.authentication_flow_type = AuthFlowType::UserPassword;
        }
        Ok(config)
    }

    async fn run(args: Args) -> Result<Value, Failure> {
        let store = Arc::new(FileStore::new(&args.session));
        let auth = Auth::with_store(config(&args)?, store)?;
        match args.command {
            Command::SignUp {
                username,
                password: given,
                attributes,
            } => {
                let mut input = SignUpInput::new(&username, password(given, "password")?);
                for attribute in attributes {
                    let (name, value) = attribute
                        .split_once('=')
                        .ok_or_else(|| format!("attribute {attribute:?} is not NAME=VALUE"))?;
                    input = input.attribute(name, value);
                }
                let result = auth.sign_up(input).await?;
                Ok(json!({
                    "userConfirmed": result.user_confirmed,
                    "userSub": result.user_sub,
                    "codeDelivery": result.code_delivery.map(|d| json!({
                        "destination": d.destination,
                        "attributeName": d.attribute_name,
                    })),
                }))
            }
            Command::ConfirmSignUp { username, code } => {
                auth.confirm_sign_up(&username, &code).await?;
                Ok(json!({ "confirmed": true }))
            }
            Command::ResendSignUp { username } => {
                let delivery = auth.resend_sign_up(&username).await?;
                Ok(json!({ "destination": delivery.and_then(|d| d.destination) }))
            }
            Command::SignIn {
                username,
                password: given,
                ..
            } => {
                let password = password(given, "password")?;
                let step = auth.sign_in(&username, &password).await?;
                finish_sign_in(&auth, step).await?;
                Ok(tokens(&auth.current_session().await?))
            }
            Command::Tokens => Ok(tokens(&auth.current_session().await?)),
            Command::Refresh => Ok(tokens(&auth.refresh_session().await?)),
            Command::SignOut { global } => {
                let options = if global {
                    SignOutOptions::global()
                } else {
                    SignOutOptions::default()
                };
                auth.sign_out(options).await?;
                Ok(json!({ "signedOut": true, "global": global }))
            }
            Command::ForgotPassword { username } => {
                let delivery = auth.forgot_password(&username).await?;
                Ok(json!({ "destination": delivery.and_then(|d| d.destination) }))
            }
            Command::ConfirmForgotPassword {
                username,
                code,
                password: given,
            } => {
                let new_password = password(given, "new password")?;
                auth.forgot_password_submit(&username, &code, &new_password)
                    .await?;
                Ok(json!({ "passwordReset": true }))
            }
            Command::Attributes => Ok(json!(auth.user_attributes().await?)),
            Command::SetupTotp => {
                let setup = auth.setup_totp().await?;
                Ok(json!({ "secret": setup.secret, "otpauthUri": setup.otpauth_uri }))
            }
            Command::VerifyTotp { code } => {
                auth.verify_totp_token(&code).await?;
                auth.set_preferred_mfa(MfaPreference::Totp).await?;
                Ok(json!({ "totpEnabled": true }))
            }
        }
    }

    /// Walks the next steps by asking on the terminal.
    async fn finish_sign_in(auth: &Auth, mut step: SignInStep) -> Result<(), Failure> {
        loop {
            step = match step {
                SignInStep::Done => return Ok(()),
                SignInStep::ConfirmSignInWithSmsCode { code_delivery } => {
                    let to = code_delivery
                        .and_then(|d| d.destination)
                        .unwrap_or_default();
                    auth.confirm_sign_in(&ask(&format!("code sent by SMS to {to}"))?)
                        .await?
                }
                SignInStep::ConfirmSignInWithEmailCode { code_delivery } => {
                    let to = code_delivery
                        .and_then(|d| d.destination)
                        .unwrap_or_default();
                    auth.confirm_sign_in(&ask(&format!("code sent by email to {to}"))?)
                        .await?
                }
                SignInStep::ConfirmSignInWithTotpCode => {
                    auth.confirm_sign_in(&ask("code from your authenticator app")?)
                        .await?
                }
                SignInStep::ContinueSignInWithTotpSetup {
                    secret,
                    otpauth_uri,
                } => {
                    eprintln!(
                        "add this to your authenticator app:\n  secret {secret}\n  {otpauth_uri}"
                    );
                    auth.confirm_sign_in(&ask("code from your authenticator app")?)
                        .await?
                }
                SignInStep::ContinueSignInWithMfaSelection { allowed } => {
                    let names: Vec<&str> = allowed
                        .iter()
                        .map(|mfa| match mfa {
                            MfaType::Sms => "SMS",
                            MfaType::Totp => "TOTP",
                            _ => "EMAIL",
                        })
                        .collect();
                    auth.confirm_sign_in(&ask(&format!("MFA method ({})", names.join("/")))?)
                        .await?
                }
                SignInStep::ConfirmSignInWithNewPassword {
                    required_attributes,
                    ..
                } => {
                    let new_password = password(None, "new password")?;
                    let mut attributes = BTreeMap::new();
                    for name in required_attributes {
                        let value = ask(&name)?;
                        attributes.insert(name, value);
                    }
                    auth.complete_new_password(&new_password, attributes)
                        .await?
                }
                SignInStep::ConfirmSignInWithCustomChallenge { parameters } => {
                    eprintln!("challenge: {}", json!(parameters));
                    auth.confirm_sign_in(&ask("answer")?).await?
                }
                SignInStep::ConfirmSignUp => {
                    return Err(Failure {
                        code: "UserNotConfirmedException".into(),
                        message: "confirm the sign-up first (confirm-sign-up)".into(),
                    });
                }
                SignInStep::ResetPassword => {
                    return Err(Failure {
                        code: "PasswordResetRequiredException".into(),
                        message: "reset the password first (forgot-password)".into(),
                    });
                }
                other => {
                    return Err(Failure::from(format!("unsupported step {other:?}")));
                }
            };
        }
    }

    fn tokens(session: &Session) -> Value {
        json!({
            "username": session.username(),
            "idToken": session.id_token.as_str(),
            "accessToken": session.access_token.as_str(),
            "refreshToken": session.refresh_token,
            "expiresAt": session.access_token.expires_at(),
        })
    }
}
