//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Tokens from a Cognito user pool (or a local cognito-server) in a terminal or a script.
/// Prints JSON on stdout; errors print Cognito's code and message and exit with status 1.
#[derive(Debug, Parser)]
#[command(name = "cognito-auth", version)]
pub struct Args {
    /// App config in the aws-exports, amplify_outputs.json or {"Auth": ...} shape (cognito-server
    /// writes one as DATA_DIR/auth-config.json).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// User pool endpoint (overrides the config's).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    /// User pool id (instead of --config).
    #[arg(long, global = true)]
    pub user_pool_id: Option<String>,

    /// App client id (instead of --config).
    #[arg(long, global = true)]
    pub client_id: Option<String>,

    /// App client secret, for clients that have one.
    #[arg(
        long,
        global = true,
        env = "COGNITO_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub client_secret: Option<String>,

    /// Where the session is kept between runs.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        default_value = ".cognito-auth-session.json"
    )]
    pub session: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Creates a user.
    SignUp {
        #[arg(long)]
        username: String,
        /// The password (else $COGNITO_PASSWORD, else a prompt).
        #[arg(long)]
        password: Option<String>,
        /// A user attribute, `name=value` (repeatable), e.g. `email=a@example.com`.
        #[arg(long = "attribute", value_name = "NAME=VALUE")]
        attributes: Vec<String>,
    },
    /// Confirms a sign-up with the emailed or texted code.
    ConfirmSignUp {
        #[arg(long)]
        username: String,
        #[arg(long)]
        code: String,
    },
    /// Sends the sign-up code again.
    ResendSignUp {
        #[arg(long)]
        username: String,
    },
    /// Signs in, prompting for MFA codes, MFA choices and new passwords as needed.
    SignIn {
        #[arg(long)]
        username: String,
        /// The password (else $COGNITO_PASSWORD, else a prompt).
        #[arg(long)]
        password: Option<String>,
        /// How to prove the password.
        #[arg(long, value_enum, default_value = "srp")]
        flow: Flow,
    },
    /// Prints the current tokens (refreshing them if they are about to expire).
    Tokens,
    /// Refreshes the tokens now and prints them.
    Refresh,
    /// Signs out; --global revokes every session of the user.
    SignOut {
        #[arg(long)]
        global: bool,
    },
    /// Sends a password reset code.
    ForgotPassword {
        #[arg(long)]
        username: String,
    },
    /// Sets a new password with the reset code.
    ConfirmForgotPassword {
        #[arg(long)]
        username: String,
        #[arg(long)]
        code: String,
        /// The new password (else $COGNITO_PASSWORD, else a prompt).
        #[arg(long)]
        password: Option<String>,
    },
    /// Prints the signed-in user's attributes.
    Attributes,
    /// Starts adding an authenticator app: prints the secret and the otpauth:// URI.
    SetupTotp,
    /// Finishes adding an authenticator app with a code from it and makes TOTP preferred.
    VerifyTotp {
        #[arg(long)]
        code: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Flow {
    /// USER_SRP_AUTH: the password never leaves this machine.
    Srp,
    /// USER_PASSWORD_AUTH: the password is sent (the client must allow it).
    Password,
}
