//! The signed-in user: who it is, its details, deleting it.

use std::collections::BTreeMap;

use super::Auth;
use crate::AuthError;
use crate::events::AuthEvent;
use crate::types::{AuthUser, UserInfo};
use crate::wire::user::{DeleteUser, GetUser};

impl Auth {
    /// The signed-in user, from the (refreshed if needed) tokens; no extra request. After
    /// [`federated_sign_in`](Self::federated_sign_in), the federated user: its name as
    /// `username` and the identity id as `user_id` (Amplify returns the federated user too).
    pub async fn current_authenticated_user(&self) -> Result<AuthUser, AuthError> {
        if let Some(info) = self.federated_info()? {
            return Ok(info.user());
        }
        let session = self.current_session().await?;
        Ok(AuthUser {
            username: session.username().unwrap_or_default().to_owned(),
            user_id: session.user_id().unwrap_or_default().to_owned(),
        })
    }

    /// The signed-in user and all attributes, from Cognito (`GetUser`).
    pub async fn current_user_info(&self) -> Result<UserInfo, AuthError> {
        let access_token = self.access_token().await?;
        let output = self.wire().call(&GetUser { access_token }).await?;
        // Inserted one by one: collecting into a map sorts, and every sort is more wasm.
        let mut attributes = BTreeMap::new();
        for attribute in output.user_attributes {
            attributes.insert(attribute.name, attribute.value);
        }
        Ok(UserInfo {
            username: output.username,
            id: attributes.get("sub").cloned().unwrap_or_default(),
            attributes,
        })
    }

    /// Deletes the signed-in user, then signs out locally. Emits `userDeleted` then `signOut`.
    pub async fn delete_user(&self) -> Result<(), AuthError> {
        let access_token = self.access_token().await?;
        self.wire().call(&DeleteUser { access_token }).await?;
        self.set_pending(None);
        self.clear_session()?;
        self.emit(AuthEvent::UserDeleted);
        self.emit(AuthEvent::SignOut);
        Ok(())
    }
}
