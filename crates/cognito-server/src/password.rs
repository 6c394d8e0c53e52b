//! Password policy checks and turning a password into what is stored instead of it.

use subtle::ConstantTimeEq as _;

use crate::errors::{ApiError, ApiResult};
use crate::store::{PasswordPolicy, User};

/// Longest password accepted, as in Cognito's API model.
const MAX_PASSWORD_CHARS: usize = 256;

/// The symbols Cognito counts as special characters.
const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/// Checks a new password against the pool's policy, with Cognito's messages.
pub fn check_policy(policy: &PasswordPolicy, password: &str) -> ApiResult<()> {
    let length = password.chars().count();
    if length > MAX_PASSWORD_CHARS {
        return Err(ApiError::InvalidParameter(
            "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256".into(),
        ));
    }
    let failures = [
        (length < policy.minimum_length, "Password not long enough"),
        (
            policy.require_lowercase && !password.chars().any(char::is_lowercase),
            "Password must have lowercase characters",
        ),
        (
            policy.require_uppercase && !password.chars().any(char::is_uppercase),
            "Password must have uppercase characters",
        ),
        (
            policy.require_numbers && !password.chars().any(|c| c.is_ascii_digit()),
            "Password must have numeric characters",
        ),
        (
            policy.require_symbols && !password.chars().any(|c| SYMBOLS.contains(c)),
            "Password must have symbol characters",
        ),
    ];
    match failures.iter().find(|(failed, _)| *failed) {
        Some((_, message)) => Err(ApiError::InvalidPassword((*message).into())),
        None => Ok(()),
    }
}

/// Stores a new password on the user as a fresh salt and SRP verifier. Whoever may set a
/// password has proven themselves, so any lockout is lifted too.
pub fn set_password(user: &mut User, pool_id: &str, password: &str) -> ApiResult<()> {
    let pool_name = pool_name(pool_id)?;
    let verifier =
        cognito_srp::Verifier::new(pool_name, &user.username, password, &crate::ids::bytes(16));
    user.salt = verifier.salt().to_vec();
    user.verifier = verifier.verifier().to_vec();
    user.failed_logins = 0;
    user.locked_until = 0;
    Ok(())
}

/// Whether a password matches the stored verifier: recomputes it with the stored salt and
/// compares in constant time.
pub fn matches(user: &User, pool_id: &str, password: &str) -> ApiResult<bool> {
    let candidate =
        cognito_srp::Verifier::new(pool_name(pool_id)?, &user.username, password, &user.salt);
    let stored = cognito_srp::Verifier::from_parts(user.salt.clone(), user.verifier.clone());
    Ok(bool::from(candidate.verifier().ct_eq(stored.verifier())))
}

pub fn pool_name(pool_id: &str) -> ApiResult<&str> {
    cognito_srp::pool_name(pool_id)
        .map_err(|_| ApiError::InternalError(format!("pool id {pool_id} has no name part")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_messages() {
        let policy = PasswordPolicy::default();
        let message = |password: &str| check_policy(&policy, password).unwrap_err().to_string();
        assert!(message("Ab1!").ends_with("Password not long enough"));
        assert!(message("ABCDEFG1!").ends_with("must have lowercase characters"));
        assert!(message("abcdefg1!").ends_with("must have uppercase characters"));
        assert!(message("Abcdefgh!").ends_with("must have numeric characters"));
        assert!(message("Abcdefg12").ends_with("must have symbol characters"));
        assert!(check_policy(&policy, "Abcdefg1!").is_ok());
    }
}
