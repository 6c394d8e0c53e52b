//! The operations of `AWSCognitoIdentityProviderService`, one module per family, and the table
//! that routes an `X-Amz-Target` to them.

mod admin_auth;
mod admin_domains;
mod admin_pools;
mod admin_users;
mod attributes;
mod challenges;
mod client_oauth;
pub(crate) mod common;
mod identity;
mod identity_pools;
mod identity_providers;
pub(crate) mod input;
mod logins;
pub(crate) mod mfa;
mod new_user;
pub(crate) mod next_step;
pub(crate) mod password_ops;
mod real_logins;
pub(crate) mod session;
mod sign_in;
mod sign_out;
pub(crate) mod sign_up;
mod srp;
mod user;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use serde_json::Value;

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::sigv4::{self, SignedRequest};

/// A request as the operations see it: the raw parts SigV4 needs, plus the body.
#[derive(Debug)]
pub struct ApiRequest {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

const SERVICE_PREFIX: &str = "AWSCognitoIdentityProviderService.";
const IDENTITY_SERVICE_PREFIX: &str = "AWSCognitoIdentityService.";

/// Runs the operation named by `X-Amz-Target`.
/// Whether the request names a user-pool operation (`AWSCognitoIdentityProviderService.*`).
/// Those do local work only and never call another server.
pub fn is_user_pool_operation(headers: &HeaderMap) -> bool {
    headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|target| target.starts_with(SERVICE_PREFIX))
}

pub fn dispatch(app: &App, request: &ApiRequest) -> ApiResult<Value> {
    let target = request
        .headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let body = &request.body[..];
    // Admin operations act on any pool and user; only the holder of the admin key may call them.
    let admin = |run: Operation| {
        let signed = SignedRequest {
            method: &request.method,
            uri: &request.uri,
            headers: &request.headers,
            body,
        };
        sigv4::verify(signed, &app.admin, now())?;
        run(app, body)
    };
    if let Some(operation) = target.strip_prefix(IDENTITY_SERVICE_PREFIX) {
        if let Some(run) = identity_admin_operation(operation) {
            return admin(run);
        }
        let run: Operation = match operation {
            "GetId" => identity::get_id,
            "GetCredentialsForIdentity" => identity::get_credentials_for_identity,
            "GetOpenIdToken" => identity::get_open_id_token,
            other => return Err(unknown(other)),
        };
        return run(app, body);
    }
    let operation = target
        .strip_prefix(SERVICE_PREFIX)
        .ok_or_else(|| unknown(target))?;
    if let Some(run) = admin_operation(operation) {
        return admin(run);
    }
    let run: Operation = match operation {
        "SignUp" => sign_up::sign_up,
        "ConfirmSignUp" => sign_up::confirm_sign_up,
        "ResendConfirmationCode" => sign_up::resend_confirmation_code,
        "InitiateAuth" => sign_in::initiate_auth,
        "RespondToAuthChallenge" => sign_in::respond_to_auth_challenge,
        "GetTokensFromRefreshToken" => sign_in::get_tokens_from_refresh_token,
        "ForgotPassword" => password_ops::forgot_password,
        "ConfirmForgotPassword" => password_ops::confirm_forgot_password,
        "ChangePassword" => password_ops::change_password,
        "GetUser" => user::get_user,
        "UpdateUserAttributes" => user::update_user_attributes,
        "DeleteUserAttributes" => user::delete_user_attributes,
        "GetUserAttributeVerificationCode" => user::get_user_attribute_verification_code,
        "VerifyUserAttribute" => user::verify_user_attribute,
        "DeleteUser" => user::delete_user,
        "AssociateSoftwareToken" => mfa::associate_software_token,
        "VerifySoftwareToken" => mfa::verify_software_token,
        "SetUserMFAPreference" => mfa::set_user_mfa_preference,
        "GlobalSignOut" => sign_out::global_sign_out,
        "RevokeToken" => sign_out::revoke_token,
        other => return Err(unknown(other)),
    };
    run(app, body)
}

type Operation = fn(&App, &[u8]) -> ApiResult<Value>;

fn admin_operation(operation: &str) -> Option<Operation> {
    let run: Operation = match operation {
        "CreateUserPool" => admin_pools::create_user_pool,
        "DescribeUserPool" => admin_pools::describe_user_pool,
        "ListUserPools" => admin_pools::list_user_pools,
        "DeleteUserPool" => admin_pools::delete_user_pool,
        "CreateUserPoolClient" => admin_pools::create_user_pool_client,
        "DescribeUserPoolClient" => admin_pools::describe_user_pool_client,
        "ListUserPoolClients" => admin_pools::list_user_pool_clients,
        "AdminCreateUser" => admin_users::admin_create_user,
        "AdminGetUser" => admin_users::admin_get_user,
        "ListUsers" => admin_users::list_users,
        "AdminConfirmSignUp" => admin_users::admin_confirm_sign_up,
        "AdminDeleteUser" => admin_users::admin_delete_user,
        "AdminSetUserPassword" => admin_users::admin_set_user_password,
        "AdminUpdateUserAttributes" => admin_users::admin_update_user_attributes,
        "AdminDisableUser" => admin_users::admin_disable_user,
        "AdminEnableUser" => admin_users::admin_enable_user,
        "AdminSetUserMFAPreference" => admin_users::admin_set_user_mfa_preference,
        "AdminUserGlobalSignOut" => admin_users::admin_user_global_sign_out,
        "AdminResetUserPassword" => admin_users::admin_reset_user_password,
        "AdminInitiateAuth" => admin_auth::admin_initiate_auth,
        "AdminRespondToAuthChallenge" => admin_auth::admin_respond_to_auth_challenge,
        "DeleteUserPoolClient" => admin_pools::delete_user_pool_client,
        "UpdateUserPoolClient" => admin_pools::update_user_pool_client,
        "CreateUserPoolDomain" => admin_domains::create_user_pool_domain,
        "DescribeUserPoolDomain" => admin_domains::describe_user_pool_domain,
        "DeleteUserPoolDomain" => admin_domains::delete_user_pool_domain,
        "CreateIdentityProvider" => identity_providers::create_identity_provider,
        "DescribeIdentityProvider" => identity_providers::describe_identity_provider,
        "ListIdentityProviders" => identity_providers::list_identity_providers,
        "UpdateIdentityProvider" => identity_providers::update_identity_provider,
        "DeleteIdentityProvider" => identity_providers::delete_identity_provider,
        _ => return None,
    };
    Some(run)
}

/// Identity-pool operations that need the admin key.
fn identity_admin_operation(operation: &str) -> Option<Operation> {
    let run: Operation = match operation {
        "CreateIdentityPool" => identity_pools::create_identity_pool,
        "DescribeIdentityPool" => identity_pools::describe_identity_pool,
        "ListIdentityPools" => identity_pools::list_identity_pools,
        "UpdateIdentityPool" => identity_pools::update_identity_pool,
        "DeleteIdentityPool" => identity_pools::delete_identity_pool,
        "GetOpenIdTokenForDeveloperIdentity" => identity::get_open_id_token_for_developer_identity,
        _ => return None,
    };
    Some(run)
}

fn unknown(operation: &str) -> ApiError {
    ApiError::UnknownOperation(format!("Operation {operation:?} is not supported."))
}

/// Every operation name, for tests and fuzzing that must reach them all.
#[cfg(any(test, feature = "fuzzing"))]
pub const ALL_TARGETS: &[&str] = &[
    "AWSCognitoIdentityProviderService.SignUp",
    "AWSCognitoIdentityProviderService.ConfirmSignUp",
    "AWSCognitoIdentityProviderService.ResendConfirmationCode",
    "AWSCognitoIdentityProviderService.InitiateAuth",
    "AWSCognitoIdentityProviderService.RespondToAuthChallenge",
    "AWSCognitoIdentityProviderService.GetTokensFromRefreshToken",
    "AWSCognitoIdentityProviderService.ForgotPassword",
    "AWSCognitoIdentityProviderService.ConfirmForgotPassword",
    "AWSCognitoIdentityProviderService.ChangePassword",
    "AWSCognitoIdentityProviderService.GetUser",
    "AWSCognitoIdentityProviderService.UpdateUserAttributes",
    "AWSCognitoIdentityProviderService.DeleteUserAttributes",
    "AWSCognitoIdentityProviderService.GetUserAttributeVerificationCode",
    "AWSCognitoIdentityProviderService.VerifyUserAttribute",
    "AWSCognitoIdentityProviderService.DeleteUser",
    "AWSCognitoIdentityProviderService.AssociateSoftwareToken",
    "AWSCognitoIdentityProviderService.VerifySoftwareToken",
    "AWSCognitoIdentityProviderService.SetUserMFAPreference",
    "AWSCognitoIdentityProviderService.GlobalSignOut",
    "AWSCognitoIdentityProviderService.RevokeToken",
    "AWSCognitoIdentityProviderService.CreateUserPool",
    "AWSCognitoIdentityProviderService.DescribeUserPool",
    "AWSCognitoIdentityProviderService.ListUserPools",
    "AWSCognitoIdentityProviderService.DeleteUserPool",
    "AWSCognitoIdentityProviderService.CreateUserPoolClient",
    "AWSCognitoIdentityProviderService.DescribeUserPoolClient",
    "AWSCognitoIdentityProviderService.ListUserPoolClients",
    "AWSCognitoIdentityProviderService.AdminCreateUser",
    "AWSCognitoIdentityProviderService.AdminGetUser",
    "AWSCognitoIdentityProviderService.ListUsers",
    "AWSCognitoIdentityProviderService.AdminConfirmSignUp",
    "AWSCognitoIdentityProviderService.AdminDeleteUser",
    "AWSCognitoIdentityProviderService.AdminSetUserPassword",
    "AWSCognitoIdentityProviderService.AdminUpdateUserAttributes",
    "AWSCognitoIdentityProviderService.AdminDisableUser",
    "AWSCognitoIdentityProviderService.AdminEnableUser",
    "AWSCognitoIdentityProviderService.AdminSetUserMFAPreference",
    "AWSCognitoIdentityProviderService.AdminUserGlobalSignOut",
    "AWSCognitoIdentityProviderService.AdminResetUserPassword",
    "AWSCognitoIdentityProviderService.AdminInitiateAuth",
    "AWSCognitoIdentityProviderService.AdminRespondToAuthChallenge",
    "AWSCognitoIdentityProviderService.DeleteUserPoolClient",
    "AWSCognitoIdentityProviderService.UpdateUserPoolClient",
    "AWSCognitoIdentityProviderService.CreateUserPoolDomain",
    "AWSCognitoIdentityProviderService.DescribeUserPoolDomain",
    "AWSCognitoIdentityProviderService.DeleteUserPoolDomain",
    "AWSCognitoIdentityProviderService.CreateIdentityProvider",
    "AWSCognitoIdentityProviderService.DescribeIdentityProvider",
    "AWSCognitoIdentityProviderService.ListIdentityProviders",
    "AWSCognitoIdentityProviderService.UpdateIdentityProvider",
    "AWSCognitoIdentityProviderService.DeleteIdentityProvider",
    "AWSCognitoIdentityService.GetId",
    "AWSCognitoIdentityService.GetCredentialsForIdentity",
    "AWSCognitoIdentityService.GetOpenIdToken",
    "AWSCognitoIdentityService.CreateIdentityPool",
    "AWSCognitoIdentityService.DescribeIdentityPool",
    "AWSCognitoIdentityService.ListIdentityPools",
    "AWSCognitoIdentityService.UpdateIdentityPool",
    "AWSCognitoIdentityService.DeleteIdentityPool",
    "AWSCognitoIdentityService.GetOpenIdTokenForDeveloperIdentity",
];

/// Runs one operation by target without SigV4 (admin operations included), for fuzzing and
/// property tests of the decoding and validation every operation does.
#[cfg(any(test, feature = "fuzzing"))]
pub fn run_unsigned(app: &App, target: &str, body: &[u8]) -> ApiResult<Value> {
    let admin = target
        .strip_prefix(SERVICE_PREFIX)
        .and_then(admin_operation)
        .or_else(|| {
            target
                .strip_prefix(IDENTITY_SERVICE_PREFIX)
                .and_then(identity_admin_operation)
        });
    if let Some(run) = admin {
        return run(app, body);
    }
    let request = ApiRequest {
        method: Method::POST,
        uri: Uri::from_static("/"),
        headers: std::iter::once((
            axum::http::header::HeaderName::from_static("x-amz-target"),
            axum::http::HeaderValue::from_str(target)
                .map_err(|_| ApiError::UnknownOperation(target.to_owned()))?,
        ))
        .collect(),
        body: Bytes::copy_from_slice(body),
    };
    dispatch(app, &request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Member names the operations read, so random bodies reach past the decoder.
    const MEMBERS: &[&str] = &[
        "ClientId",
        "Username",
        "Password",
        "UserAttributes",
        "ConfirmationCode",
        "AuthFlow",
        "AuthParameters",
        "ChallengeName",
        "ChallengeResponses",
        "Session",
        "AccessToken",
        "RefreshToken",
        "PreviousPassword",
        "ProposedPassword",
        "AttributeName",
        "Code",
        "UserCode",
        "Token",
        "UserPoolId",
        "PoolName",
        "Filter",
        "Limit",
        "MaxResults",
        "NextToken",
        "PaginationToken",
        "Permanent",
        "SMSMfaSettings",
        "UserAttributeNames",
        "Schema",
        "Policies",
        "ExplicitAuthFlows",
        "TemporaryPassword",
        "MessageAction",
        "IdentityPoolId",
        "IdentityId",
        "Logins",
        "Domain",
        "CallbackURLs",
        "LogoutURLs",
        "AllowedOAuthFlows",
        "AllowedOAuthScopes",
        "AllowedOAuthFlowsUserPoolClient",
        "SupportedIdentityProviders",
        "GenerateSecret",
        "ProviderName",
        "ProviderType",
        "ProviderDetails",
        "AttributeMapping",
        "IdentityPoolName",
        "AllowUnauthenticatedIdentities",
        "SupportedLoginProviders",
        "DeveloperProviderName",
        "TokenDuration",
    ];

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| serde_json::json!(f)),
            ".{0,12}".prop_map(Value::from),
            Just(Value::from("USER_SRP_AUTH")),
            Just(Value::from("USER_PASSWORD_AUTH")),
            Just(Value::from("REFRESH_TOKEN_AUTH")),
            // Placeholders for the real client and pool ids (see `substitute`).
            Just(Value::from("a")),
            Just(Value::from("b")),
            Just(Value::from("c")),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::vec((prop::sample::select(MEMBERS), inner), 0..6).prop_map(
                    |pairs| {
                        Value::Object(
                            pairs
                                .into_iter()
                                .map(|(key, value)| (key.to_owned(), value))
                                .collect(),
                        )
                    }
                ),
            ]
        })
    }

    fn body() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..64),
            json_value().prop_map(|value| value.to_string().into_bytes()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

        /// Whatever arrives, every operation answers with a modelled client error or success:
        /// no panic, no 500.
        #[test]
        fn no_input_makes_an_operation_fail_internally(
            operation in prop::sample::select(ALL_TARGETS),
            body in body(),
        ) {
            let (app, defaults) = shared();
            let body = substitute(&body, defaults);
            let result = run_unsigned(app, operation, &body);
            if let Err(error) = result {
                prop_assert_ne!(error.type_name(), "InternalErrorException", "{}", error);
            }
        }
    }

    #[test]
    fn every_listed_target_is_an_operation() {
        let (app, _) = shared();
        for target in ALL_TARGETS {
            if let Err(error) = run_unsigned(app, target, b"{}") {
                assert_ne!(error.type_name(), "UnknownOperationException", "{target}");
            }
        }
    }

    /// One state for all cases: key generation is the slow part.
    fn shared() -> (&'static App, &'static crate::bootstrap::Defaults) {
        static SHARED: std::sync::OnceLock<(App, crate::bootstrap::Defaults)> =
            std::sync::OnceLock::new();
        let (app, defaults) = SHARED.get_or_init(App::for_tests);
        (app, defaults)
    }

    /// Swaps placeholder strings for the real pool and client ids so cases reach the pool.
    fn substitute(body: &[u8], defaults: &crate::bootstrap::Defaults) -> Vec<u8> {
        match std::str::from_utf8(body) {
            Ok(text) => text
                .replace("\"a\"", &format!("\"{}\"", defaults.client_id))
                .replace("\"b\"", &format!("\"{}\"", defaults.user_pool_id))
                .replace("\"c\"", &format!("\"{}\"", defaults.identity_pool_id))
                .into_bytes(),
            Err(_) => body.to_vec(),
        }
    }
}
