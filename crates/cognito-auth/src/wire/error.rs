//! Turning an error response into Cognito's code and message, exactly as Amplify v6 does: the
//! `x-amzn-ErrorType` header first, then the body's `code`, then `__type`; the code is cut at the
//! first `,` or `:` and after the last `#`; the message is `message` or `Message`.

use serde_json::Value;

use crate::ServiceError;

pub(crate) fn parse_error(
    status: u16,
    error_type_header: Option<&str>,
    body: &str,
) -> ServiceError {
    let body: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let field = |name: &str| {
        body.get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let raw_code = error_type_header
        .filter(|header| !header.is_empty())
        .or_else(|| field("code"))
        .or_else(|| field("__type"));
    let code = match raw_code {
        Some(raw) => sanitize(raw),
        None if status >= 500 => "InternalErrorException".to_owned(),
        None => "UnknownError".to_owned(),
    };
    let message = field("message")
        .or_else(|| field("Message"))
        .map(str::to_owned)
        .unwrap_or_else(|| format!("HTTP {status}"));
    ServiceError {
        code,
        message,
        status,
    }
}

fn sanitize(raw: &str) -> String {
    let before_separator = raw.split([',', ':']).next().unwrap_or(raw);
    let after_hash = before_separator
        .rsplit('#')
        .next()
        .unwrap_or(before_separator);
    after_hash.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_type_and_message() {
        let error = parse_error(
            400,
            None,
            r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
        );
        assert_eq!(error.code, "NotAuthorizedException");
        assert_eq!(error.message, "Incorrect username or password.");
        assert_eq!(error.status, 400);
    }

    #[test]
    fn header_wins_over_body() {
        let error = parse_error(
            400,
            Some("UserNotFoundException:http://internal.amazon.com/coral/com.amazonaws/"),
            r#"{"__type":"NotAuthorizedException","message":"m"}"#,
        );
        assert_eq!(error.code, "UserNotFoundException");
    }

    #[test]
    fn code_field_wins_over_type() {
        let error = parse_error(400, None, r#"{"code":"A","__type":"B","message":"m"}"#);
        assert_eq!(error.code, "A");
    }

    #[test]
    fn namespaced_type_and_capital_message() {
        let error = parse_error(
            400,
            None,
            r#"{"__type":"com.amazonaws.cognito.identity.idp.model#CodeMismatchException","Message":"Invalid code"}"#,
        );
        assert_eq!(error.code, "CodeMismatchException");
        assert_eq!(error.message, "Invalid code");
    }

    #[test]
    fn comma_separated_header() {
        let error = parse_error(400, Some("TooManyRequestsException,Other"), "{}");
        assert_eq!(error.code, "TooManyRequestsException");
        assert_eq!(error.message, "HTTP 400");
    }

    #[test]
    fn empty_or_garbage_bodies() {
        assert_eq!(parse_error(503, None, "").code, "InternalErrorException");
        let error = parse_error(403, None, "<html>");
        assert_eq!(error.code, "UnknownError");
        assert_eq!(error.message, "HTTP 403");
    }
}
