//! Multi-step helpers: sign-up with the emailed code, SRP sign-in as a real client would do it,
//! and checking tokens against the published JWKS.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngExt as _;
use serde_json::{Value, json};

use super::{Reply, call, server};

pub const PASSWORD: &str = "Corr3ct-horse!";

/// The newest code the outbox holds for a user and purpose.
pub async fn code_for(username: &str, purpose: &str) -> String {
    let entries: Value = reqwest::get(format!("{}/_local/outbox", server().url))
        .await
        .expect("outbox")
        .json()
        .await
        .expect("outbox json");
    entries
        .as_array()
        .expect("outbox is a list")
        .iter()
        .rev()
        .find(|entry| entry["username"] == username && entry["purpose"] == purpose)
        .and_then(|entry| entry["code"].as_str())
        .unwrap_or_else(|| panic!("no {purpose} code for {username}"))
        .to_owned()
}

pub async fn sign_up(username: &str, password: &str) -> Reply {
    call(
        "SignUp",
        json!({
            "ClientId": server().client_id,
            "Username": username,
            "Password": password,
            "UserAttributes": [{ "Name": "email", "Value": format!("{username}@example.com") }],
        }),
    )
    .await
}

/// InitiateAuth with USER_PASSWORD_AUTH on the default client.
pub async fn password_sign_in(username: &str, password: &str) -> Reply {
    call(
        "InitiateAuth",
        json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": server().client_id,
            "AuthParameters": { "USERNAME": username, "PASSWORD": password },
        }),
    )
    .await
}

/// ConfirmSignUp on the default client.
pub async fn confirm_sign_up(username: &str, code: &str) -> Reply {
    call(
        "ConfirmSignUp",
        json!({ "ClientId": server().client_id, "Username": username, "ConfirmationCode": code }),
    )
    .await
}

/// A six-digit code that is not `code`.
pub fn other_code(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

/// Signs up and confirms with the code from the outbox.
pub async fn confirmed_user(prefix: &str) -> String {
    let username = super::unique(prefix);
    sign_up(&username, PASSWORD).await.ok();
    let code = code_for(&username, "sign_up").await;
    call(
        "ConfirmSignUp",
        json!({ "ClientId": server().client_id, "Username": username, "ConfirmationCode": code }),
    )
    .await
    .ok();
    username
}

/// InitiateAuth(USER_SRP_AUTH) + RespondToAuthChallenge(PASSWORD_VERIFIER) with the client half
/// of `cognito-srp`. Returns the reply to the answer, plus the answer itself (for replay tests).
pub async fn srp_sign_in(username: &str, password: &str) -> (Reply, Value) {
    srp_sign_in_at(&server().pool_id, &server().client_id, username, password).await
}

/// [`srp_sign_in`] against another pool and app client.
pub async fn srp_sign_in_at(
    pool_id: &str,
    client_id: &str,
    username: &str,
    password: &str,
) -> (Reply, Value) {
    let mut random = [0u8; 128];
    rand::rng().fill(&mut random[..]);
    let client = cognito_srp::Client::new(&random).expect("A");
    let challenge = call(
        "InitiateAuth",
        json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": client_id,
            "AuthParameters": { "USERNAME": username, "SRP_A": client.srp_a() },
        }),
    )
    .await
    .ok();
    assert_eq!(challenge["ChallengeName"], "PASSWORD_VERIFIER");
    let parameters = &challenge["ChallengeParameters"];
    let text = |name: &str| parameters[name].as_str().expect(name).to_owned();
    let (user_id, salt, srp_b, block) = (
        text("USER_ID_FOR_SRP"),
        text("SALT"),
        text("SRP_B"),
        text("SECRET_BLOCK"),
    );
    let pool = cognito_srp::pool_name(pool_id).expect("pool name");
    let verifier_challenge = cognito_srp::PasswordVerifierChallenge {
        pool_name: pool,
        user_id_for_srp: &user_id,
        salt_hex: &salt,
        srp_b_hex: &srp_b,
        secret_block: &block,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let claim = client
        .password_claim(&verifier_challenge, password, now)
        .expect("claim");
    let answer = json!({
        "ClientId": client_id,
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeResponses": {
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": block,
            "TIMESTAMP": claim.timestamp,
            "PASSWORD_CLAIM_SIGNATURE": claim.signature,
        },
    });
    (call("RespondToAuthChallenge", answer.clone()).await, answer)
}

/// Signs in with SRP and returns `AuthenticationResult`.
pub async fn tokens(username: &str) -> Value {
    let reply = srp_sign_in(username, PASSWORD).await.0.ok();
    reply["AuthenticationResult"].clone()
}

/// Verifies an RS256 JWT against the pool's JWKS and returns its header and claims.
pub async fn verify_jwt(token: &str) -> (Value, Value) {
    verify_jwt_at(&server().pool_id, token).await
}

/// [`verify_jwt`] with another pool's JWKS.
pub async fn verify_jwt_at(pool_id: &str, token: &str) -> (Value, Value) {
    verify_jwt_with(
        &format!("{}/{pool_id}/.well-known/jwks.json", server().url),
        token,
    )
    .await
}

/// Verifies an RS256 JWT against the JWKS at `jwks_url`; returns its header and claims.
pub async fn verify_jwt_with(jwks_url: &str, token: &str) -> (Value, Value) {
    let jwks: Value = reqwest::get(jwks_url)
        .await
        .expect("jwks")
        .json()
        .await
        .expect("jwks json");
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT has three parts");
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).expect("base64url");
    let header: Value = serde_json::from_slice(&decode(parts[0])).expect("header");
    let claims: Value = serde_json::from_slice(&decode(parts[1])).expect("claims");
    assert_eq!(header["alg"], "RS256");
    let key = jwks["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|key| key["kid"] == header["kid"])
        .expect("kid is in the JWKS");
    let n = rsa::BoxedUint::from_be_slice_vartime(&decode(key["n"].as_str().expect("n")));
    let e = rsa::BoxedUint::from_be_slice_vartime(&decode(key["e"].as_str().expect("e")));
    let public = rsa::PublicKey::new(n, e).expect("public key");
    let signing_input = format!("{}.{}", parts[0], parts[1]);
    public
        .pkcs1v15_verify::<rsa::sha2::Sha256>(signing_input.as_bytes(), &decode(parts[2]))
        .expect("signature verifies");
    (header, claims)
}
