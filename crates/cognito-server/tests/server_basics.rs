//! The server's shell: dispatch, errors for bad requests, CORS, discovery, the outbox listing.

mod common;

use common::{call, send, server};
use serde_json::json;

#[tokio::test]
async fn unknown_operation_is_a_typed_400() {
    let message = call("NoSuchOperation", json!({}))
        .await
        .err("UnknownOperationException");
    assert!(message.contains("NoSuchOperation"));
}

#[tokio::test]
async fn missing_target_is_an_unknown_operation() {
    let response = reqwest::Client::new()
        .post(format!("{}/", server().url))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["x-amzn-errortype"],
        "UnknownOperationException"
    );
    assert!(response.headers().contains_key("x-amzn-requestid"));
}

#[tokio::test]
async fn huge_bodies_are_refused_with_a_typed_400() {
    let reply = send("SignUp", vec![b' '; 2 * 1024 * 1024]).await;
    reply.err("SerializationException");
}

#[tokio::test]
async fn cors_preflight_allows_the_amz_headers() {
    let response = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("{}/", server().url))
        .header("origin", "http://localhost:8080")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id",
        )
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("x-amz-target"), "{allowed}");
}

#[tokio::test]
async fn error_responses_expose_their_headers_to_browsers() {
    let response = reqwest::Client::new()
        .post(format!("{}/", server().url))
        .header("origin", "http://localhost:8080")
        .header("x-amz-target", "AWSCognitoIdentityProviderService.Nope")
        .body("{}")
        .send()
        .await
        .unwrap();
    let exposed = response.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for name in [
        "x-amzn-requestid",
        "x-amzn-errortype",
        "x-amzn-errormessage",
        "date",
    ] {
        assert!(exposed.contains(name), "{exposed}");
    }
}

#[tokio::test]
async fn jwks_has_two_rs256_keys() {
    let jwks: serde_json::Value = reqwest::get(format!(
        "{}/{}/.well-known/jwks.json",
        server().url,
        server().pool_id
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0]["kid"], keys[1]["kid"]);
    assert!(
        keys.iter()
            .all(|key| key["alg"] == "RS256" && key["kty"] == "RSA")
    );
}

#[tokio::test]
async fn openid_configuration_names_the_issuer() {
    let config: serde_json::Value = reqwest::get(format!(
        "{}/{}/.well-known/openid-configuration",
        server().url,
        server().pool_id
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(
        config["issuer"],
        format!("{}/{}", server().url, server().pool_id)
    );
}

#[tokio::test]
async fn other_sites_cannot_read_the_outbox_from_a_browser() {
    let outbox = |origin: &'static str| async move {
        reqwest::Client::new()
            .get(format!("{}/_local/outbox", server().url))
            .header("origin", origin)
            .send()
            .await
            .unwrap()
    };
    let local = outbox("http://127.0.0.1:8000").await;
    assert_eq!(
        local.headers()["access-control-allow-origin"],
        "http://127.0.0.1:8000"
    );
    let foreign = outbox("https://example.com").await;
    assert!(
        !foreign
            .headers()
            .contains_key("access-control-allow-origin")
    );
}

#[tokio::test]
async fn outbox_listing_answers_on_loopback() {
    let response = reqwest::get(format!("{}/_local/outbox", server().url))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let entries: serde_json::Value = response.json().await.unwrap();
    assert!(entries.is_array());
}

#[tokio::test]
async fn discovery_for_an_unknown_pool_is_404() {
    let response = reqwest::get(format!(
        "{}/us-east-1_nope/.well-known/jwks.json",
        server().url
    ))
    .await
    .unwrap();
    assert_eq!(response.status(), 404);
}
