//! The one error type of this crate.

/// Why an SRP step was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SrpError {
    /// A pool id without the `region_` prefix Cognito pool ids have.
    #[error("user pool id {0:?} is not of the form <region>_<name>")]
    InvalidPoolId(String),
    /// A hex field (`SRP_A`, `SRP_B`, `SALT`) that is empty or not hexadecimal.
    #[error("{field} is not a hexadecimal number")]
    InvalidHex { field: &'static str },
    /// A base64 field (`SECRET_BLOCK`, the signature) that does not decode.
    #[error("{field} is not valid base64")]
    InvalidBase64 { field: &'static str },
    /// A public value that is zero modulo N, or a scrambling parameter of zero: continuing would let
    /// the other side fix the session key.
    #[error("{0} is zero modulo N")]
    ZeroValue(&'static str),
    /// A timestamp not in Cognito's `ddd MMM D HH:mm:ss UTC YYYY` format.
    #[error("timestamp {0:?} is not in Cognito's format")]
    InvalidTimestamp(String),
    /// A timestamp too far from the verifier's clock.
    #[error("timestamp is more than {max_skew_secs} s away from the server's clock")]
    TimestampSkew { max_skew_secs: i64 },
    /// The claim signature does not match: the password was wrong or the message was tampered with.
    #[error("password claim signature does not match")]
    SignatureMismatch,
}
