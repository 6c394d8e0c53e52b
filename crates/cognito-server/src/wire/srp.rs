//! USER_SRP_AUTH: the server's half of the SRP exchange, with the state between the two requests
//! sealed into `SECRET_BLOCK`.

use hmac::{Hmac, KeyInit as _, Mac as _};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;

use cognito_srp::{DefaultBackend, PasswordClaim, ServerChallenge, SrpError, Verifier};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::password::pool_name;
use crate::store::{Client, Pool, User};

use super::common;
use super::session::spend_token;

const PURPOSE: &str = "srp-secret-block";
/// How long the client has to answer PASSWORD_VERIFIER.
const BLOCK_SECS: i64 = 3 * 60;
/// Bytes of the secret b. 256 bits is plenty against discrete logs in a 3072-bit group and
/// makes each modpow a quarter of the cost of a 1024-bit exponent.
const SECRET_B_BYTES: usize = 32;

/// What the server needs back to finish the exchange.
#[derive(Debug, Serialize, Deserialize)]
struct SrpState {
    pool_id: String,
    client_id: String,
    /// The real username; `None` when the name matched no user (a decoy challenge).
    username: Option<String>,
    /// What the client typed (may be an alias), accepted as USERNAME in the answer too.
    typed: String,
    srp_a: String,
    b: String,
    big_b: String,
    expires: i64,
}

/// Answers InitiateAuth(USER_SRP_AUTH) with PASSWORD_VERIFIER.
pub fn start(
    app: &App,
    client: &Client,
    pool: &Pool,
    typed: &str,
    user: Option<&User>,
    srp_a: &str,
) -> ApiResult<Value> {
    let srp_a_valid = !srp_a.is_empty() && srp_a.bytes().all(|b| b.is_ascii_hexdigit());
    if !srp_a_valid {
        return Err(ApiError::InvalidParameter(
            "SRP_A is not a valid hex number.".into(),
        ));
    }
    // For unknown users (when existence errors are hidden) the challenge is a decoy that looks
    // like a real one, with a stable salt, and fails at the answer like a wrong password.
    let (verifier, username) = match user {
        Some(user) => (
            Verifier::from_parts(user.salt.clone(), user.verifier.clone()),
            Some(user.username.clone()),
        ),
        None => (decoy_verifier(app, &pool.id, typed), None),
    };
    let challenge = ServerChallenge::new(&verifier, &crate::ids::bytes(SECRET_B_BYTES))
        .map_err(|error| ApiError::InternalError(format!("SRP: {error}")))?;
    let state = SrpState {
        pool_id: pool.id.clone(),
        client_id: client.id.clone(),
        username: username.clone(),
        typed: typed.to_owned(),
        srp_a: srp_a.to_owned(),
        b: hex::encode(challenge.secret_b()),
        big_b: challenge.srp_b(),
        expires: now() + BLOCK_SECS,
    };
    let user_id = username.unwrap_or_else(|| typed.to_owned());
    Ok(json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": {
            "SALT": verifier.salt_hex(),
            "SRP_B": challenge.srp_b(),
            "SECRET_BLOCK": app.sealer.seal(PURPOSE, &state),
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        },
    }))
}

fn decoy_verifier(app: &App, pool_id: &str, name: &str) -> Verifier {
    let derive = |label: &str| {
        let mut mac = match Hmac::<Sha256>::new_from_slice(&app.decoy_key) {
            Ok(mac) => mac,
            Err(_) => return Vec::new(),
        };
        mac.update(label.as_bytes());
        mac.update(pool_id.as_bytes());
        mac.update(b"\0");
        mac.update(name.as_bytes());
        mac.finalize().into_bytes().to_vec()
    };
    let salt = derive("salt");
    Verifier::from_parts(salt[..16].to_vec(), derive("verifier"))
}

/// The user proven by a PASSWORD_VERIFIER answer, after lockout and signature checks.
pub fn verify(
    app: &App,
    client: &Client,
    pool: &Pool,
    responses: &std::collections::HashMap<String, String>,
) -> ApiResult<User> {
    let get = |name: &str| {
        responses
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| ApiError::InvalidParameter(format!("Missing required parameter {name}")))
    };
    let block = get("PASSWORD_CLAIM_SECRET_BLOCK")?;
    let username = get("USERNAME")?;
    let claim = PasswordClaim {
        timestamp: get("TIMESTAMP")?.to_owned(),
        signature: get("PASSWORD_CLAIM_SIGNATURE")?.to_owned(),
    };
    let state: SrpState = app
        .sealer
        .open(PURPOSE, block)
        .map_err(|_| ApiError::NotAuthorized("Invalid session for the user.".into()))?;
    if state.client_id != client.id || state.pool_id != pool.id {
        return Err(ApiError::NotAuthorized(
            "Invalid session for the user.".into(),
        ));
    }
    if state.expires <= now() {
        return Err(ApiError::NotAuthorized(
            "Invalid session for the user, session is expired.".into(),
        ));
    }
    let Some(real_username) = state.username.as_deref() else {
        return Err(ApiError::wrong_password());
    };
    if username != real_username && username != state.typed {
        return Err(ApiError::NotAuthorized(
            "Invalid session for the user.".into(),
        ));
    }
    common::check_secret_hash(
        client,
        real_username,
        responses.get("SECRET_HASH").map(String::as_str),
    )?;
    // A secret block answers one attempt; a captured answer cannot be replayed.
    spend_token(app, block, state.expires)?;
    let mut user = app
        .store
        .user(&pool.id, real_username)?
        .ok_or_else(ApiError::wrong_password)?;
    let now = now();
    common::check_not_locked(&user, now)?;
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    let b = hex::decode(&state.b).map_err(|_| ApiError::wrong_password())?;
    let big_b = hex::decode(pad_even(&state.big_b)).map_err(|_| ApiError::wrong_password())?;
    let challenge = ServerChallenge::<DefaultBackend>::from_parts(&b, &big_b)
        .map_err(|_| ApiError::wrong_password())?;
    let verifier = Verifier::from_parts(user.salt.clone(), user.verifier.clone());
    let result = challenge.verify(
        &verifier,
        &state.srp_a,
        pool_name(&pool.id)?,
        &user.username,
        block,
        &claim,
        now,
    );
    match result {
        Ok(()) => {
            common::record_successful_login(app, &mut user)?;
            Ok(user)
        }
        Err(SrpError::InvalidTimestamp(_)) => Err(ApiError::InvalidParameter(
            "TIMESTAMP is not in the format ddd MMM d HH:mm:ss UTC yyyy.".into(),
        )),
        Err(SrpError::TimestampSkew { .. }) => Err(ApiError::NotAuthorized(
            "TIMESTAMP is too far from the server's clock.".into(),
        )),
        Err(_) => Err(common::record_failed_login(app, &mut user, now)?),
    }
}

fn pad_even(hex: &str) -> String {
    if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_owned()
    }
}
