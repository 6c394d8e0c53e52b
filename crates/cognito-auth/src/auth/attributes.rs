//! The signed-in user's attributes: read, update, delete, verify.

use std::collections::BTreeMap;

use super::{Auth, require};
use crate::events::AuthEvent;
use crate::types::{CodeDelivery, UpdateAttributesResult, VerifiedContact};
use crate::wire::attribute_list;
use crate::wire::user::{
    DeleteUserAttributes, GetUserAttributeVerificationCode, UpdateUserAttributes,
    VerifyUserAttribute,
};
use crate::{AuthError, ValidationError};

/// Contact attributes a code can be sent to.
const CONTACT_ATTRIBUTES: [&str; 2] = ["email", "phone_number"];

impl Auth {
    /// The signed-in user's attributes (`sub`, `email`, `email_verified`, `custom:*`, ...), fresh
    /// from Cognito.
    pub async fn user_attributes(&self) -> Result<BTreeMap<String, String>, AuthError> {
        Ok(self.current_user_info().await?.attributes)
    }

    /// Updates attributes. Changing `email` or `phone_number` sends a verification code, reported
    /// in the result. Emits `updateUserAttributes` or `updateUserAttributes_failure`.
    ///
    /// ```no_run
    /// # use std::collections::BTreeMap;
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// let changes = BTreeMap::from([("name".to_owned(), "Alice".to_owned())]);
    /// let result = auth.update_user_attributes(changes).await?;
    /// assert!(result.code_deliveries.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn update_user_attributes(
        &self,
        attributes: BTreeMap<String, String>,
    ) -> Result<UpdateAttributesResult, AuthError> {
        let names: Vec<String> = attributes.keys().cloned().collect();
        let result: Result<_, AuthError> = async {
            for name in attributes.keys() {
                require(name, ValidationError::EmptyAttributeName)?;
            }
            let access_token = self.access_token().await?;
            let output = self
                .wire()
                .call(&UpdateUserAttributes {
                    access_token,
                    user_attributes: attribute_list(&attributes),
                    client_metadata: self.client_metadata(&BTreeMap::new()),
                })
                .await?;
            Ok(UpdateAttributesResult {
                code_deliveries: output
                    .code_delivery_details_list
                    .into_iter()
                    .map(CodeDelivery::from)
                    .collect(),
            })
        }
        .await;
        match &result {
            Ok(_) => self.emit(AuthEvent::UpdateUserAttributes { attributes: names }),
            Err(error) => self.emit(AuthEvent::UpdateUserAttributesFailure {
                error: error.clone(),
            }),
        }
        result
    }

    /// Removes attributes by name.
    pub async fn delete_user_attributes(&self, names: &[&str]) -> Result<(), AuthError> {
        for name in names {
            require(name, ValidationError::EmptyAttributeName)?;
        }
        let access_token = self.access_token().await?;
        self.wire()
            .call(&DeleteUserAttributes {
                access_token,
                user_attribute_names: names.iter().map(|name| (*name).to_owned()).collect(),
            })
            .await?;
        Ok(())
    }

    /// Sends a code to verify `attribute` (`email` or `phone_number`).
    pub async fn verify_current_user_attribute(
        &self,
        attribute: &str,
    ) -> Result<Option<CodeDelivery>, AuthError> {
        require(attribute, ValidationError::EmptyAttributeName)?;
        let access_token = self.access_token().await?;
        let output = self
            .wire()
            .call(&GetUserAttributeVerificationCode {
                access_token,
                attribute_name: attribute.to_owned(),
                client_metadata: self.client_metadata(&BTreeMap::new()),
            })
            .await?;
        Ok(output.code_delivery_details.map(CodeDelivery::from))
    }

    /// Verifies `attribute` with the code sent by
    /// [`verify_current_user_attribute`](Self::verify_current_user_attribute).
    pub async fn verify_current_user_attribute_submit(
        &self,
        attribute: &str,
        code: &str,
    ) -> Result<(), AuthError> {
        require(attribute, ValidationError::EmptyAttributeName)?;
        require(code, ValidationError::EmptyCode)?;
        let access_token = self.access_token().await?;
        self.wire()
            .call(&VerifyUserAttribute {
                access_token,
                attribute_name: attribute.to_owned(),
                code: code.trim().to_owned(),
            })
            .await?;
        Ok(())
    }

    /// Which of the user's email and phone number are verified, for a "verify your contact"
    /// screen.
    pub async fn verified_contact(&self) -> Result<VerifiedContact, AuthError> {
        Ok(verified_contact(&self.user_attributes().await?))
    }
}

fn verified_contact(attributes: &BTreeMap<String, String>) -> VerifiedContact {
    let mut contact = VerifiedContact::default();
    for name in CONTACT_ATTRIBUTES {
        let Some(value) = attributes.get(name) else {
            continue;
        };
        let verified = attributes
            .get(&format!("{name}_verified"))
            .is_some_and(|flag| flag == "true");
        let side = if verified {
            &mut contact.verified
        } else {
            &mut contact.unverified
        };
        side.insert(name.to_owned(), value.clone());
    }
    contact
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_split_by_verification_flag() {
        let attributes = BTreeMap::from([
            ("email".to_owned(), "a@example.com".to_owned()),
            ("email_verified".to_owned(), "true".to_owned()),
            ("phone_number".to_owned(), "+15550100".to_owned()),
            ("phone_number_verified".to_owned(), "false".to_owned()),
            ("name".to_owned(), "A".to_owned()),
        ]);
        let contact = verified_contact(&attributes);
        assert_eq!(
            contact.verified,
            BTreeMap::from([("email".to_owned(), "a@example.com".to_owned())])
        );
        assert_eq!(
            contact.unverified,
            BTreeMap::from([("phone_number".to_owned(), "+15550100".to_owned())])
        );
    }
}
