//! Validating user attributes against the pool's schema.

use std::collections::BTreeMap;

use crate::errors::{ApiError, ApiResult};
use crate::store::PoolConfig;

use super::common::AttributeInput;

/// Cognito's standard attributes that clients may write.
const STANDARD: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
];

const MAX_VALUE_CHARS: usize = 2048;

fn schema_error(detail: &str) -> ApiError {
    ApiError::InvalidParameter(format!(
        "Attributes did not conform to the schema: {detail}"
    ))
}

/// Turns `[{Name, Value}]` into a map, refusing unknown, read-only or malformed attributes.
pub fn parse(
    pool: &PoolConfig,
    list: &[AttributeInput],
    member: &str,
) -> ApiResult<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for attribute in list {
        let name = attribute
            .name
            .as_deref()
            .ok_or_else(|| ApiError::missing(&format!("{member}.member.name")))?;
        let value = attribute.value.clone().unwrap_or_default();
        check_name(pool, name)?;
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(schema_error(&format!(
                "{name}: String must be no longer than {MAX_VALUE_CHARS} characters"
            )));
        }
        check_value(name, &value)?;
        out.insert(name.to_owned(), value);
    }
    Ok(out)
}

/// Whether a name is one this pool knows and clients may set.
pub fn check_name(pool: &PoolConfig, name: &str) -> ApiResult<()> {
    if name == "sub" {
        return Err(schema_error("sub: Attribute cannot be updated."));
    }
    let known = STANDARD.contains(&name)
        || name
            .strip_prefix("custom:")
            .is_some_and(|custom| pool.custom_attributes.iter().any(|c| c == custom));
    if known {
        Ok(())
    } else {
        Err(schema_error(&format!(
            "Type for attribute {{{name}}} could not be determined"
        )))
    }
}

fn check_value(name: &str, value: &str) -> ApiResult<()> {
    match name {
        "email" if !looks_like_email(value) => Err(ApiError::InvalidParameter(
            "Invalid email address format.".into(),
        )),
        "phone_number" if !looks_like_phone(value) => Err(ApiError::InvalidParameter(
            "Invalid phone number format.".into(),
        )),
        "email_verified" | "phone_number_verified" if value != "true" && value != "false" => Err(
            schema_error(&format!("{name}: Value must be true or false")),
        ),
        _ => Ok(()),
    }
}

pub fn looks_like_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// E.164: `+` then 2 to 15 digits.
fn looks_like_phone(value: &str) -> bool {
    value.strip_prefix('+').is_some_and(|digits| {
        (2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Refuses a sign-up that lacks an attribute the pool requires.
pub fn check_required(pool: &PoolConfig, attributes: &BTreeMap<String, String>) -> ApiResult<()> {
    match pool
        .required_attributes
        .iter()
        .find(|name| attributes.get(*name).is_none_or(|value| value.is_empty()))
    {
        Some(name) => Err(schema_error(&format!(
            "{name}: The attribute {name} is required"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, value: &str) -> AttributeInput {
        AttributeInput {
            name: Some(name.into()),
            value: Some(value.into()),
        }
    }

    #[test]
    fn unknown_and_read_only_attributes_are_refused() {
        let pool = PoolConfig::default();
        assert!(parse(&pool, &[input("email", "a@b.c")], "userAttributes").is_ok());
        assert!(parse(&pool, &[input("favourite", "x")], "userAttributes").is_err());
        assert!(parse(&pool, &[input("custom:x", "x")], "userAttributes").is_err());
        assert!(parse(&pool, &[input("sub", "x")], "userAttributes").is_err());
        assert!(parse(&pool, &[input("email", "nope")], "userAttributes").is_err());
        assert!(parse(&pool, &[input("phone_number", "555")], "userAttributes").is_err());
    }

    #[test]
    fn declared_custom_attributes_are_accepted() {
        let pool = PoolConfig {
            custom_attributes: vec!["team".into()],
            ..PoolConfig::default()
        };
        assert!(parse(&pool, &[input("custom:team", "red")], "userAttributes").is_ok());
    }
}
