//! `sign_out`: local (revoking the refresh token when Cognito allows) or global.

use super::Auth;
use crate::AuthError;
use crate::events::AuthEvent;
use crate::platform::navigate;
use crate::types::SignOutOptions;
use crate::wire::tokens::{GlobalSignOut, RevokeToken};

impl Auth {
    /// Signs the user out of this app: tokens, a federated session and cached AWS credentials
    /// are removed and `signOut` is emitted. With [`SignOutOptions::global`], every refresh token
    /// of the user is revoked (`GlobalSignOut`); otherwise this session's refresh token is
    /// revoked when the tokens support it (an `origin_jti` claim), as Amplify does. Failures of
    /// those calls do not keep the user signed in locally. A session that came from the Hosted
    /// UI also ends there: the browser is then sent to
    /// `{domain}/logout?client_id=..&logout_uri=<redirect_sign_out>` (natively nothing is
    /// opened).
    ///
    /// ```no_run
    /// # use cognito_auth::SignOutOptions;
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// auth.sign_out(SignOutOptions::global()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn sign_out(&self, options: SignOutOptions) -> Result<(), AuthError> {
        // Read before the session is forgotten; opened once it is.
        let hosted_ui_logout = self.hosted_ui_logout_url()?;
        if options.global {
            // A still-valid access token is needed; refresh if that is what it takes.
            if let Ok(session) = self.current_session().await {
                let request = GlobalSignOut {
                    access_token: session.access_token.as_str().to_owned(),
                };
                let _ = self.wire().call(&request).await;
            }
        } else if let Some(session) = self.stored_session()?
            && session.access_token.claim_str("origin_jti").is_some()
            && let Some(token) = session.refresh_token
        {
            let request = RevokeToken {
                client_id: self.client_id(),
                token,
                client_secret: self.client_secret(),
            };
            let _ = self.wire().call(&request).await;
        }
        self.set_pending(None);
        self.forget_auto_sign_in();
        self.clear_session()?;
        self.emit(AuthEvent::SignOut);
        if let Some(url) = hosted_ui_logout {
            navigate(&url)?;
        }
        Ok(())
    }
}
