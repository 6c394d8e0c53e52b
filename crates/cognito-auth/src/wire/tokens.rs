//! `GetTokensFromRefreshToken`, `RevokeToken`, `GlobalSignOut`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::initiate_auth::AuthenticationResult;
use super::{Empty, is_empty_map, operations};

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetTokensFromRefreshToken {
    pub client_id: String,
    pub refresh_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(skip_serializing_if = "is_empty_map")]
    pub client_metadata: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RefreshOutput {
    pub authentication_result: Option<AuthenticationResult>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct RevokeToken {
    pub client_id: String,
    pub token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GlobalSignOut {
    pub access_token: String,
}

operations! {
    GetTokensFromRefreshToken => RefreshOutput,
    RevokeToken => Empty,
    GlobalSignOut => Empty,
}
