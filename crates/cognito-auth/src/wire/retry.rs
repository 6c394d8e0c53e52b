//! When and how long to wait before trying again, as Amplify v6 does: at most 3 attempts; retry on
//! network errors, HTTP 429/500/502/503/504, throttling and clock-skew codes; jittered exponential
//! backoff from 100 ms.

/// Attempts in total, the first included.
pub(crate) const MAX_ATTEMPTS: u32 = 3;

const THROTTLING_CODES: [&str; 13] = [
    "BandwidthLimitExceeded",
    "EC2ThrottledException",
    "LimitExceededException",
    "PriorRequestNotComplete",
    "ProvisionedThroughputExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ThrottledException",
    "Throttling",
    "ThrottlingException",
    "TooManyRequestsException",
];

const CLOCK_SKEW_CODES: [&str; 7] = [
    "AuthFailure",
    "InvalidSignatureException",
    "RequestExpired",
    "RequestInTheFuture",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
    "BadRequestException",
];

/// How one attempt ended, as far as retrying cares.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    /// No HTTP answer at all.
    NetworkError,
    /// An HTTP error answer with its parsed code.
    ServiceError { status: u16, code: &'a str },
}

pub(crate) fn should_retry(outcome: Outcome<'_>) -> bool {
    match outcome {
        Outcome::NetworkError => true,
        Outcome::ServiceError { status, code } => {
            matches!(status, 429 | 500 | 502 | 503 | 504)
                || THROTTLING_CODES.contains(&code)
                || CLOCK_SKEW_CODES.contains(&code)
        }
    }
}

/// Delay before attempt `attempt + 1` (attempt counts from 1): `2^attempt * 100 ms` plus up to
/// 100 ms of jitter so clients throttled together do not retry together.
pub(crate) fn backoff_millis(attempt: u32, jitter: f64) -> u64 {
    let base = 100u64.saturating_mul(1u64 << attempt.min(12));
    base + (jitter.clamp(0.0, 1.0) * 100.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttling_server_and_network_errors_are_retried() {
        assert!(should_retry(Outcome::NetworkError));
        for status in [429, 500, 502, 503, 504] {
            assert!(
                should_retry(Outcome::ServiceError { status, code: "X" }),
                "{status}"
            );
        }
        for code in [
            "TooManyRequestsException",
            "LimitExceededException",
            "ThrottlingException",
        ] {
            assert!(
                should_retry(Outcome::ServiceError { status: 400, code }),
                "{code}"
            );
        }
    }

    #[test]
    fn client_errors_are_not_retried() {
        for code in [
            "NotAuthorizedException",
            "UserNotFoundException",
            "CodeMismatchException",
            "InvalidParameterException",
        ] {
            assert!(
                !should_retry(Outcome::ServiceError { status: 400, code }),
                "{code}"
            );
        }
        assert!(!should_retry(Outcome::ServiceError {
            status: 501,
            code: "X"
        }));
    }

    #[test]
    fn backoff_grows_with_bounded_jitter() {
        assert_eq!(backoff_millis(1, 0.0), 200);
        assert_eq!(backoff_millis(2, 0.0), 400);
        assert_eq!(backoff_millis(1, 0.999), 299);
        assert!(backoff_millis(2, 0.5) > backoff_millis(1, 0.99));
    }
}
