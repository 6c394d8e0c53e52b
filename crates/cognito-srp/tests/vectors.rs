//! Byte-for-byte agreement with vectors computed by amazon-cognito-identity-js's AuthenticationHelper
//! (`tests/data/srp-vectors.json`, a copy of `shared/reference/srp-vectors.json`), on every backend.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use cognito_srp::{
    Backend, Client, NumBigint, PasswordClaim, PasswordVerifierChallenge, ServerChallenge,
    SrpError, Verifier, parse_timestamp, pool_name, secret_hash,
};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("data/srp-vectors.json")).expect("vector file is JSON")
}

fn field(v: &Value, name: &str) -> String {
    v[name]
        .as_str()
        .unwrap_or_else(|| panic!("vector {name} missing"))
        .to_owned()
}

fn bytes(v: &Value, name: &str) -> Vec<u8> {
    hex::decode(field(v, name)).expect("vector is hex")
}

/// Every public output of both halves, checked against the vector file.
fn all_values_match<B: Backend>() {
    let v = vectors();
    let pool_id = field(&v, "poolId");
    let pool = pool_name(&pool_id).expect("pool id");
    assert_eq!(pool, field(&v, "poolName"));
    let user = field(&v, "userIdForSrp");
    let password = field(&v, "password");

    let verifier = Verifier::with_backend::<B>(pool, &user, &password, &bytes(&v, "salt_hex"));
    assert_eq!(
        hex::encode(verifier.verifier()).trim_start_matches('0'),
        field(&v, "v_hex")
    );
    assert_eq!(verifier.salt_hex(), field(&v, "salt_hex"));

    let client = Client::<B>::with_backend(&bytes(&v, "a_hex")).expect("client");
    assert_eq!(client.srp_a(), field(&v, "SRP_A"));

    let server =
        ServerChallenge::<B>::with_backend(&verifier, &bytes(&v, "b_hex")).expect("server");
    assert_eq!(server.srp_b(), field(&v, "SRP_B"));

    let salt_hex = field(&v, "salt_hex");
    let srp_b = field(&v, "SRP_B");
    let secret_block = field(&v, "SECRET_BLOCK");
    let challenge = PasswordVerifierChallenge {
        pool_name: pool,
        user_id_for_srp: &user,
        salt_hex: &salt_hex,
        srp_b_hex: &srp_b,
        secret_block: &secret_block,
    };
    let key = client
        .session_key(&challenge, &password)
        .expect("client key");
    assert_eq!(hex::encode(key.as_bytes()), field(&v, "hkdf_key_hex"));
    let server_key = server
        .session_key(&verifier, &client.srp_a())
        .expect("server key");
    assert_eq!(server_key, key);

    let timestamp = field(&v, "TIMESTAMP");
    let signature = key
        .sign(pool, &user, &secret_block, &timestamp)
        .expect("signature");
    assert_eq!(signature, field(&v, "PASSWORD_CLAIM_SIGNATURE"));

    let now = parse_timestamp(&timestamp).expect("vector timestamp parses");
    let claim = client
        .password_claim(&challenge, &password, now)
        .expect("claim");
    assert_eq!(
        claim,
        PasswordClaim {
            timestamp: timestamp.clone(),
            signature
        }
    );
    server
        .verify(
            &verifier,
            &client.srp_a(),
            pool,
            &user,
            &secret_block,
            &claim,
            now,
        )
        .expect("server accepts the JS SDK's claim");

    let wrong = client
        .password_claim(&challenge, "Passw0rd?", now)
        .expect("claim");
    assert_eq!(
        server.verify(
            &verifier,
            &client.srp_a(),
            pool,
            &user,
            &secret_block,
            &wrong,
            now
        ),
        Err(SrpError::SignatureMismatch)
    );
}

#[test]
fn num_bigint_matches_the_js_sdk() {
    all_values_match::<NumBigint>();
}

#[cfg(target_arch = "wasm32")]
#[test]
fn js_bigint_matches_the_js_sdk() {
    all_values_match::<cognito_srp::JsBigInt>();
}

#[test]
fn secret_hash_matches_the_js_sdk() {
    let v = vectors();
    let example = &v["SECRET_HASH_example"];
    assert_eq!(
        secret_hash(
            &field(example, "username"),
            &field(example, "clientId"),
            &field(example, "clientSecret")
        ),
        field(example, "value")
    );
}
