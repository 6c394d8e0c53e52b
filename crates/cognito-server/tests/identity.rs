//! Identity pools: GetId, GetCredentialsForIdentity and GetOpenIdToken with guests and every kind
//! of login, developer-authenticated identities, the admin operations, and calling
//! `/_local/caller-identity` with the minted credentials.

mod common;

use common::admin::{SigV4, Signing, identity_admin_call, identity_admin_call_signed, sign};
use common::flows::{confirmed_user, tokens};
use common::mock::{claims, client_id, implicit};
use common::{Reply, call_identity, server, unique};
use serde_json::{Value, json};

/// The `Logins` key Amplify builds: the id token's issuer without the scheme.
fn provider() -> String {
    format!(
        "{}/{}",
        server().url.trim_start_matches("http://"),
        server().pool_id
    )
}

fn host() -> String {
    server().url.trim_start_matches("http://").to_owned()
}

async fn get_id_in(pool: &str, logins: Value) -> Reply {
    call_identity("GetId", json!({ "IdentityPoolId": pool, "Logins": logins })).await
}

async fn get_id(logins: Value) -> Reply {
    get_id_in(&server().identity_pool_id, logins).await
}

async fn credentials(identity_id: &Value, logins: Value) -> Reply {
    call_identity(
        "GetCredentialsForIdentity",
        json!({ "IdentityId": identity_id, "Logins": logins }),
    )
    .await
}

/// An identity pool made for one test.
async fn new_pool(extra: Value) -> String {
    let mut input = json!({
        "IdentityPoolName": unique("pool"),
        "AllowUnauthenticatedIdentities": false,
    });
    for (key, value) in extra.as_object().expect("an object") {
        input[key] = value.clone();
    }
    identity_admin_call("CreateIdentityPool", input).await.ok()["IdentityPoolId"]
        .as_str()
        .expect("pool id")
        .to_owned()
}

/// Calls `/_local/caller-identity` signed with the given credentials.
async fn caller(
    credentials: &Value,
    secret_override: Option<&str>,
    token_override: Option<&str>,
) -> (u16, Value) {
    let body = b"{}";
    let headers = sign(&SigV4 {
        method: "POST",
        path: "/_local/caller-identity",
        query: "",
        headers: &[("content-type", "application/json")],
        body,
        service: "execute-api",
        key_id: credentials["AccessKeyId"].as_str().expect("key id"),
        secret: secret_override.unwrap_or(credentials["SecretKey"].as_str().expect("secret")),
        session_token: Some(
            token_override.unwrap_or(credentials["SessionToken"].as_str().expect("token")),
        ),
    });
    let mut request = reqwest::Client::new()
        .post(format!("{}/_local/caller-identity", server().url))
        .header("content-type", "application/json")
        .body(body.to_vec());
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json answer"))
}

#[tokio::test]
async fn guests_get_new_identities_and_working_credentials() {
    let first = get_id(json!({})).await.ok()["IdentityId"].clone();
    let second = get_id(json!(null)).await.ok()["IdentityId"].clone();
    assert!(first.as_str().unwrap().starts_with("us-east-1:"));
    assert_ne!(first, second);
    let reply = credentials(&first, json!({})).await.ok();
    assert_eq!(reply["IdentityId"], first);
    let minted = &reply["Credentials"];
    assert!(minted["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    assert!(minted["SecretKey"].is_string() && minted["SessionToken"].is_string());
    let expiration = minted["Expiration"].as_i64().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (now + 3500..=now + 3700).contains(&expiration),
        "about an hour"
    );

    let (status, answer) = caller(minted, None, None).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["IdentityId"], first);
    assert_eq!(answer["AccessKeyId"], minted["AccessKeyId"]);
    assert_eq!(answer["Authenticated"], false);
}

#[tokio::test]
async fn caller_identity_refuses_bad_signatures_tokens_and_keys() {
    let id = get_id(json!({})).await.ok()["IdentityId"].clone();
    let minted = credentials(&id, json!({})).await.ok()["Credentials"].clone();
    let (status, answer) = caller(&minted, Some("wrong-secret"), None).await;
    assert_eq!(status, 403);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .starts_with("The request signature we calculated does not match"),
        "{answer}"
    );
    let (status, answer) = caller(&minted, None, Some("not-the-session-token")).await;
    assert_eq!(status, 403);
    assert_eq!(
        answer["message"],
        "The security token included in the request is invalid."
    );
    let mut unknown = minted.clone();
    unknown["AccessKeyId"] = json!("ASIAUNKNOWNUNKNOWN00");
    let (status, _) = caller(&unknown, None, None).await;
    assert_eq!(status, 403);
    let unsigned = reqwest::get(format!("{}/_local/caller-identity", server().url))
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 403);
    // Browsers call it from any origin.
    let preflight = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/_local/caller-identity", server().url),
        )
        .header("origin", "http://app.example.com")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,x-amz-date,x-amz-security-token",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn pools_without_guests_refuse_unauthenticated_access() {
    let pool = new_pool(json!({})).await;
    let message = get_id_in(&pool, json!({}))
        .await
        .err("NotAuthorizedException");
    assert_eq!(
        message,
        "Unauthenticated access is not supported for this identity pool."
    );
}

#[tokio::test]
async fn a_user_pool_login_keeps_its_identity() {
    let username = confirmed_user("federated").await;
    let id_token = tokens(&username).await["IdToken"].clone();
    let logins = json!({ provider(): id_token });
    let first = get_id(logins.clone()).await.ok()["IdentityId"].clone();
    let again = get_id(logins.clone()).await.ok()["IdentityId"].clone();
    assert_eq!(first, again);
    // AWS's form of the key names the same login.
    let aws_key = format!("cognito-idp.us-east-1.amazonaws.com/{}", server().pool_id);
    let aws_form = get_id(json!({ aws_key: id_token })).await.ok()["IdentityId"].clone();
    assert_eq!(aws_form, first);

    let message = credentials(&first, json!({}))
        .await
        .err("NotAuthorizedException");
    assert!(message.starts_with("Logins don't match"), "{message}");
    let minted = credentials(&first, logins).await.ok()["Credentials"].clone();
    let (status, answer) = caller(&minted, None, None).await;
    assert_eq!(status, 200);
    assert_eq!(answer["Authenticated"], true);
    assert_eq!(answer["IdentityId"], first);
}

#[tokio::test]
async fn google_facebook_amazon_apple_and_oidc_logins_from_the_mocks() {
    let email = format!("{}@example.com", unique("social"));
    let google = implicit("google", &client_id("google"), "id_token", &email).await;
    let facebook = implicit("facebook", &client_id("facebook"), "token", &email).await;
    let amazon = implicit("amazon", &client_id("amazon"), "token", &email).await;
    let apple = implicit("apple", &client_id("apple"), "id_token", &email).await;
    let oidc = implicit("oidc", &client_id("oidc"), "id_token", &email).await;
    let oidc_key = format!("{}/_mock/oidc", host());
    let cases = [
        ("accounts.google.com".to_owned(), &google["id_token"]),
        ("graph.facebook.com".to_owned(), &facebook["access_token"]),
        ("www.amazon.com".to_owned(), &amazon["access_token"]),
        ("appleid.apple.com".to_owned(), &apple["id_token"]),
        (oidc_key, &oidc["id_token"]),
    ];
    let mut ids = Vec::new();
    for (key, token) in cases {
        let logins = json!({ key.clone(): token });
        let id = get_id(logins.clone()).await.ok()["IdentityId"].clone();
        assert_eq!(
            get_id(logins.clone()).await.ok()["IdentityId"],
            id,
            "{key}: stable"
        );
        credentials(&id, logins).await.ok();
        ids.push(id);
    }
    ids.sort_by_key(|id| id.to_string());
    ids.dedup();
    assert_eq!(ids.len(), 5, "one identity per provider");
}

#[tokio::test]
async fn tokens_for_another_audience_or_provider_are_refused() {
    let google = implicit(
        "google",
        &client_id("google"),
        "id_token",
        "aud@example.com",
    )
    .await;
    let token = &google["id_token"];
    // A pool whose Google app is someone else's.
    let other_app = new_pool(
        json!({ "SupportedLoginProviders": { "accounts.google.com": "someone-elses-app" } }),
    )
    .await;
    let message = get_id_in(&other_app, json!({ "accounts.google.com": token }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Invalid login token. Incorrect token audience.");
    // A pool without Google.
    let no_google = new_pool(json!({ "AllowUnauthenticatedIdentities": true })).await;
    let message = get_id_in(&no_google, json!({ "accounts.google.com": token }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(
        message,
        "Token is not from a supported provider of this identity pool."
    );
    // A Google token presented as Facebook's, and a user-pool token as Google's.
    get_id(json!({ "graph.facebook.com": token }))
        .await
        .err("NotAuthorizedException");
    let username = confirmed_user("badlogin").await;
    let result = tokens(&username).await;
    let message = get_id(json!({ "accounts.google.com": result["IdToken"] }))
        .await
        .err("NotAuthorizedException");
    assert!(message.starts_with("Invalid login token."), "{message}");
    let message = get_id(json!({ "api.twitter.com": "a;b" }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(
        message,
        "Token is not from a supported provider of this identity pool."
    );
    get_id(json!({ provider(): result["AccessToken"] }))
        .await
        .err("NotAuthorizedException");
    get_id(json!({ provider(): "not.a.token" }))
        .await
        .err("NotAuthorizedException");
}

#[tokio::test]
async fn unknown_pools_and_identities_are_not_found() {
    let message = get_id_in("us-east-1:00000000-0000-0000-0000-000000000000", json!({}))
        .await
        .err("ResourceNotFoundException");
    assert_eq!(
        message,
        "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found."
    );
    for operation in ["GetCredentialsForIdentity", "GetOpenIdToken"] {
        let message = call_identity(
            operation,
            json!({ "IdentityId": "us-east-1:00000000-0000-0000-0000-000000000000" }),
        )
        .await
        .err("ResourceNotFoundException");
        assert!(message.starts_with("Identity '"), "{message}");
    }
}

#[tokio::test]
async fn get_open_id_token_says_who_and_how() {
    let guest = get_id(json!({})).await.ok()["IdentityId"].clone();
    let reply = call_identity("GetOpenIdToken", json!({ "IdentityId": guest }))
        .await
        .ok();
    assert_eq!(reply["IdentityId"], guest);
    let token = claims(reply["Token"].as_str().unwrap());
    assert_eq!(token["iss"], "https://cognito-identity.amazonaws.com");
    assert_eq!(token["aud"], server().identity_pool_id.as_str());
    assert_eq!(token["sub"], guest);
    assert_eq!(token["amr"], json!(["unauthenticated"]));

    let google = implicit(
        "google",
        &client_id("google"),
        "id_token",
        "openid@example.com",
    )
    .await;
    let logins = json!({ "accounts.google.com": google["id_token"] });
    let id = get_id(logins.clone()).await.ok()["IdentityId"].clone();
    let reply = call_identity(
        "GetOpenIdToken",
        json!({ "IdentityId": id, "Logins": logins }),
    )
    .await
    .ok();
    let token = claims(reply["Token"].as_str().unwrap());
    assert_eq!(
        token["amr"],
        json!(["authenticated", "accounts.google.com"])
    );
    call_identity("GetOpenIdToken", json!({ "IdentityId": id }))
        .await
        .err("NotAuthorizedException");
}

async fn developer_token(logins: Value, extra: Value) -> Reply {
    let mut input = json!({ "IdentityPoolId": server().identity_pool_id, "Logins": logins });
    for (key, value) in extra.as_object().expect("an object") {
        input[key] = value.clone();
    }
    identity_admin_call("GetOpenIdTokenForDeveloperIdentity", input).await
}

#[tokio::test]
async fn developer_identities_are_stable_and_their_tokens_are_logins() {
    let user = unique("dev-user");
    let first = developer_token(json!({ "login.local.dev": user }), json!({}))
        .await
        .ok();
    let again = developer_token(json!({ "login.local.dev": user }), json!({}))
        .await
        .ok();
    let id = first["IdentityId"].clone();
    assert_eq!(again["IdentityId"], id);
    let token = first["Token"].as_str().unwrap();
    let token_claims = claims(token);
    assert_eq!(token_claims["sub"], id);
    assert_eq!(token_claims["aud"], server().identity_pool_id.as_str());

    let logins = json!({ "cognito-identity.amazonaws.com": token });
    assert_eq!(get_id(logins.clone()).await.ok()["IdentityId"], id);
    let minted = credentials(&id, logins).await.ok()["Credentials"].clone();
    let (status, answer) = caller(&minted, None, None).await;
    assert_eq!((status, &answer["Authenticated"]), (200, &json!(true)));
    credentials(&id, json!({}))
        .await
        .err("NotAuthorizedException");

    // A guest identity can be linked to a developer user, once.
    let guest = get_id(json!({})).await.ok()["IdentityId"].clone();
    let linked_user = unique("dev-link");
    let linked = developer_token(
        json!({ "login.local.dev": linked_user }),
        json!({ "IdentityId": guest }),
    )
    .await
    .ok();
    assert_eq!(linked["IdentityId"], guest);
    developer_token(
        json!({ "login.local.dev": user }),
        json!({ "IdentityId": guest }),
    )
    .await
    .err("ResourceConflictException");

    // Signed calls only, and the pool's own token only.
    identity_admin_call_signed(
        "GetOpenIdTokenForDeveloperIdentity",
        json!({ "IdentityPoolId": server().identity_pool_id, "Logins": { "login.local.dev": user } }),
        Signing::Unsigned,
    )
    .await
    .err("MissingAuthenticationTokenException");
    let other = new_pool(json!({ "AllowUnauthenticatedIdentities": true })).await;
    let message = get_id_in(&other, json!({ "cognito-identity.amazonaws.com": token }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Invalid login token. Incorrect token audience.");
    developer_token(
        json!({ "login.local.dev": user }),
        json!({ "TokenDuration": 0 }),
    )
    .await
    .err("InvalidParameterException");
}

#[tokio::test]
async fn an_expired_login_token_is_refused() {
    let short = developer_token(
        json!({ "login.local.dev": unique("short") }),
        json!({ "TokenDuration": 1 }),
    )
    .await
    .ok();
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let message = get_id(json!({ "cognito-identity.amazonaws.com": short["Token"] }))
        .await
        .err("NotAuthorizedException");
    assert!(
        message.starts_with("Invalid login token. Token expired: "),
        "{message}"
    );
}

#[tokio::test]
async fn identity_pools_are_created_described_listed_updated_and_deleted() {
    let name = unique("admin_pool");
    let created = identity_admin_call(
        "CreateIdentityPool",
        json!({
            "IdentityPoolName": name,
            "AllowUnauthenticatedIdentities": true,
            "SupportedLoginProviders": { "graph.facebook.com": "1234" },
            "DeveloperProviderName": "login.example",
            "OpenIdConnectProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/login.example.com"],
            "CognitoIdentityProviders": [{
                "ProviderName": format!("cognito-idp.us-east-1.amazonaws.com/{}", server().pool_id),
                "ClientId": server().client_id,
            }],
        }),
    )
    .await
    .ok();
    let id = created["IdentityPoolId"].as_str().unwrap().to_owned();
    assert!(id.starts_with("us-east-1:"));
    assert_eq!(created["IdentityPoolName"], name.as_str());
    assert_eq!(created["AllowUnauthenticatedIdentities"], true);
    assert_eq!(created["DeveloperProviderName"], "login.example");
    assert_eq!(
        created["CognitoIdentityProviders"][0]["ServerSideTokenCheck"],
        false
    );
    let described = identity_admin_call("DescribeIdentityPool", json!({ "IdentityPoolId": id }))
        .await
        .ok();
    assert_eq!(described, created);

    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let mut input = json!({ "MaxResults": 2 });
        if let Some(token) = &next {
            input["NextToken"] = json!(token);
        }
        let page = identity_admin_call("ListIdentityPools", input).await.ok();
        for pool in page["IdentityPools"].as_array().unwrap() {
            seen.push(pool["IdentityPoolId"].as_str().unwrap().to_owned());
        }
        match page["NextToken"].as_str() {
            Some(token) => next = Some(token.to_owned()),
            None => break,
        }
    }
    assert!(seen.contains(&id) && seen.contains(&server().identity_pool_id));

    let updated = identity_admin_call(
        "UpdateIdentityPool",
        json!({ "IdentityPoolId": id, "IdentityPoolName": name, "AllowUnauthenticatedIdentities": false,
                "DeveloperProviderName": "login.example" }),
    )
    .await
    .ok();
    assert_eq!(updated["AllowUnauthenticatedIdentities"], false);
    assert_eq!(updated["SupportedLoginProviders"], json!({}));
    get_id_in(&id, json!({}))
        .await
        .err("NotAuthorizedException");
    identity_admin_call(
        "UpdateIdentityPool",
        json!({ "IdentityPoolId": id, "IdentityPoolName": name, "AllowUnauthenticatedIdentities": false,
                "DeveloperProviderName": "login.changed" }),
    )
    .await
    .err("InvalidParameterException");

    identity_admin_call("DeleteIdentityPool", json!({ "IdentityPoolId": id }))
        .await
        .ok();
    identity_admin_call("DescribeIdentityPool", json!({ "IdentityPoolId": id }))
        .await
        .err("ResourceNotFoundException");
    identity_admin_call("DeleteIdentityPool", json!({ "IdentityPoolId": id }))
        .await
        .err("ResourceNotFoundException");
}

#[tokio::test]
async fn bad_identity_pool_requests_are_refused() {
    for input in [
        json!({ "AllowUnauthenticatedIdentities": true }),
        json!({ "IdentityPoolName": "no/slashes", "AllowUnauthenticatedIdentities": true }),
        json!({ "IdentityPoolName": "x" }),
        json!({ "IdentityPoolName": "x", "AllowUnauthenticatedIdentities": true,
                "OpenIdConnectProviderARNs": ["login.example.com"] }),
        json!({ "IdentityPoolName": "x", "AllowUnauthenticatedIdentities": true,
                "CognitoIdentityProviders": [{ "ProviderName": "example.com" }] }),
    ] {
        identity_admin_call("CreateIdentityPool", input)
            .await
            .err("InvalidParameterException");
    }
    identity_admin_call("ListIdentityPools", json!({}))
        .await
        .err("InvalidParameterException");
    identity_admin_call_signed(
        "CreateIdentityPool",
        json!({ "IdentityPoolName": "x", "AllowUnauthenticatedIdentities": true }),
        Signing::WrongSecret,
    )
    .await
    .err("InvalidSignatureException");
}
