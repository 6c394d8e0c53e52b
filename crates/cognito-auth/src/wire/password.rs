//! `ForgotPassword`, `ConfirmForgotPassword`, `ChangePassword`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::sign_up::CodeDeliveryOutput;
use super::{Empty, is_empty_map, operations};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ForgotPassword {
    pub client_id: String,
    pub username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ConfirmForgotPassword {
    pub client_id: String,
    pub username: String,
    pub confirmation_code: String,
    pub password: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_hash: Option<String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ChangePassword {
    pub access_token: String,
    pub previous_password: String,
    pub proposed_password: String,
}

operations! {
    ForgotPassword => CodeDeliveryOutput,
    ConfirmForgotPassword => Empty,
    ChangePassword => Empty,
}
