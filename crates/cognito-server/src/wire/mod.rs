//! The operations of `AWSCognitoIdentityProviderService`, one module per family, and the table
//! that routes an `X-Amz-Target` to them.

mod admin_pools;
mod admin_users;
mod attributes;
mod challenges;
mod common;
mod input;
mod mfa;
mod next_step;
mod password_ops;
mod session;
mod sign_in;
mod sign_out;
mod sign_up;
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

/// Runs the operation named by `X-Amz-Target`.
pub fn dispatch(app: &App, request: &ApiRequest) -> ApiResult<Value> {
    let target = request
        .headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let operation = target
        .strip_prefix(SERVICE_PREFIX)
        .ok_or_else(|| unknown(target))?;
    let body = &request.body[..];
    if let Some(run) = admin_operation(operation) {
        // Admin operations act on any pool and user; only the holder of the admin key may call them.
        let signed = SignedRequest {
            method: &request.method,
            uri: &request.uri,
            headers: &request.headers,
            body,
        };
        sigv4::verify(signed, &app.admin, now())?;
        return run(app, body);
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
        _ => return None,
    };
    Some(run)
}

fn unknown(operation: &str) -> ApiError {
    ApiError::UnknownOperation(format!("Operation {operation:?} is not supported."))
}
