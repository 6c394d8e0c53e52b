//! Decoding request bodies into typed inputs, with AWS's errors for bad ones.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::errors::{ApiError, ApiResult};

/// Parses an operation's input. An empty body counts as `{}`; anything that is not a JSON object of
/// the right shape is a `SerializationException`, never a panic.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".as_slice()
    } else {
        body
    };
    serde_json::from_slice(body).map_err(|error| {
        let what = if error.is_data() {
            "a member has the wrong type"
        } else {
            "the body is not valid JSON"
        };
        ApiError::Serialization(format!("Could not read the request: {what} ({error})."))
    })
}

/// Treats `null` like a missing member: some SDKs write `null` for unset optional members.
pub fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A required string member that must also be non-empty.
pub fn required_str<'a>(value: &'a Option<String>, member: &str) -> ApiResult<&'a str> {
    match value.as_deref() {
        None => Err(ApiError::missing(member)),
        Some("") => Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length greater than or equal to 1"
        ))),
        Some(text) => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Input {
        client_id: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct WithList {
        #[serde(default, deserialize_with = "or_default")]
        names: Vec<String>,
    }

    #[test]
    fn null_members_count_as_missing() {
        let input: WithList = parse(br#"{"Names": null}"#).unwrap();
        assert!(input.names.is_empty());
        let input: WithList = parse(b"{}").unwrap();
        assert!(input.names.is_empty());
    }

    #[test]
    fn empty_body_is_an_empty_object() {
        let input: Input = parse(b"").unwrap();
        assert!(input.client_id.is_none());
    }

    #[test]
    fn bad_json_and_wrong_types_are_serialization_errors() {
        for body in [
            &b"{"[..],
            b"[]",
            b"{\"ClientId\": 5}",
            b"\"\\ud800\"",
            b"\xff\xfe",
        ] {
            let error = parse::<Input>(body).unwrap_err();
            assert_eq!(error.type_name(), "SerializationException", "{body:?}");
        }
    }

    #[test]
    fn missing_and_empty_members_are_invalid_parameters() {
        assert_eq!(
            required_str(&None, "clientId").unwrap_err().type_name(),
            "InvalidParameterException"
        );
        assert!(required_str(&Some(String::new()), "clientId").is_err());
    }
}
