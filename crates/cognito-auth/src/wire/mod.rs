//! Cognito's JSON APIs (user pools, and identity pools in `identity`): one typed request/response pair per operation, the transport, error
//! parsing and retries. Cognito's own names (`AuthFlow`, `ChallengeName`, ...) live only here.

mod client;
mod error;
mod http;

pub(crate) use http::HttpClient;
mod retry;

pub(crate) mod identity;
pub(crate) mod initiate_auth;
pub(crate) mod mfa;
pub(crate) mod oauth;
pub(crate) mod password;
pub(crate) mod sign_up;
pub(crate) mod tokens;
pub(crate) mod user;

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub(crate) use client::WireClient;

use crate::types::{CodeDelivery, DeliveryMedium};

/// One operation: its `X-Amz-Target` (service and name) and output type.
pub(crate) trait Operation: Serialize {
    /// `AWSCognitoIdentityProviderService.` (user pools) or `AWSCognitoIdentityService.`
    /// (identity pools).
    const SERVICE: &'static str = "AWSCognitoIdentityProviderService.";
    /// The part after the service.
    const NAME: &'static str;
    type Output: DeserializeOwned;
}

/// Implements [`Operation`] for request types.
macro_rules! operations {
    ($($input:ty => $output:ty,)*) => {
        $(impl crate::wire::Operation for $input {
            const NAME: &'static str = stringify!($input);
            type Output = $output;
        })*
    };
}
pub(crate) use operations;

/// An output with nothing in it (`{}`); unknown fields are ignored.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Empty {}

/// `{"Name", "Value"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AttributeType {
    pub name: String,
    #[serde(default)]
    pub value: String,
}

pub(crate) fn attribute_list(map: &BTreeMap<String, String>) -> Vec<AttributeType> {
    map.iter()
        .map(|(name, value)| AttributeType {
            name: name.clone(),
            value: value.clone(),
        })
        .collect()
}

/// `CodeDeliveryDetails`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CodeDeliveryDetails {
    pub destination: Option<String>,
    pub delivery_medium: Option<String>,
    pub attribute_name: Option<String>,
}

impl From<CodeDeliveryDetails> for CodeDelivery {
    fn from(details: CodeDeliveryDetails) -> Self {
        Self {
            destination: details.destination,
            medium: details.delivery_medium.as_deref().and_then(delivery_medium),
            attribute_name: details.attribute_name,
        }
    }
}

pub(crate) fn delivery_medium(name: &str) -> Option<DeliveryMedium> {
    match name {
        "EMAIL" => Some(DeliveryMedium::Email),
        "SMS" => Some(DeliveryMedium::Sms),
        _ => None,
    }
}

/// Serde helper: skip empty maps so requests stay minimal.
pub(crate) fn is_empty_map(map: &BTreeMap<String, String>) -> bool {
    map.is_empty()
}
