//! The built-in mock identity providers over HTTP, and the identity-provider admin operations.
//! (`federation::finish`'s round trip through a mock is tested inside the crate, next to it.)

mod common;

use common::admin::{Signing, admin_call, admin_call_signed};
use common::flows::verify_jwt_with;
use common::mock::{
    REDIRECT_URI, authorize_url, browser, client_id, fragment_of, hidden, implicit, open_page,
    query_of, sign_in,
};
use common::server;
use serde_json::{Value, json};

const KINDS: &[&str] = &["google", "facebook", "amazon", "apple", "oidc"];

fn code_params<'a>(client: &'a str, state: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("response_type", "code"),
        ("client_id", client),
        ("redirect_uri", REDIRECT_URI),
        ("state", state),
        ("scope", "openid email profile"),
    ]
}

async fn exchange(kind: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/_mock/{kind}/token", server().url))
        .form(form)
        .send()
        .await
        .expect("token endpoint");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

#[tokio::test]
async fn each_mock_publishes_discovery_and_its_own_key() {
    let mut kids = Vec::new();
    for kind in KINDS {
        let issuer = format!("{}/_mock/{kind}", server().url);
        let discovery: Value = reqwest::get(format!("{issuer}/.well-known/openid-configuration"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(discovery["issuer"], issuer.as_str());
        assert_eq!(discovery["token_endpoint"], format!("{issuer}/token"));
        let jwks: Value = reqwest::get(discovery["jwks_uri"].as_str().unwrap())
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(jwks["keys"][0]["kty"], "RSA");
        assert_eq!(jwks["keys"][0]["alg"], "RS256");
        kids.push(jwks["keys"][0]["kid"].as_str().unwrap().to_owned());
    }
    kids.sort();
    kids.dedup();
    assert_eq!(kids.len(), KINDS.len(), "every mock has its own key");
    let missing = reqwest::get(format!("{}/_mock/twitter/jwks.json", server().url))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn the_sign_in_page_offers_presets_escapes_what_it_echoes_and_sets_a_csrf_cookie() {
    let state = "<script>alert('x')</script>\"";
    let url = authorize_url("google", &code_params(&client_id("google"), state));
    let (cookie, html) = open_page(&url).await;
    assert!(cookie.starts_with("mock_idp_csrf="), "{cookie}");
    assert!(html.contains("alice@example.com"));
    assert!(html.contains("Sign in with Google"));
    assert!(!html.contains("<script>"), "the state is escaped");
    assert!(html.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;"));
    assert_eq!(hidden(&html, "state").as_deref(), Some(state));
    assert_eq!(
        hidden(&html, "_csrf").unwrap(),
        cookie["mock_idp_csrf=".len()..]
    );
}

#[tokio::test]
async fn bad_authorize_requests_get_an_error_page_not_a_redirect() {
    let google = client_id("google");
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![
            ("response_type", "code"),
            ("client_id", "nobody"),
            ("redirect_uri", REDIRECT_URI),
        ],
        vec![
            ("response_type", "code"),
            ("client_id", &google),
            ("redirect_uri", "javascript:alert(1)"),
        ],
        vec![
            ("response_type", "code"),
            ("client_id", &google),
            ("redirect_uri", "http://x/#frag"),
        ],
        vec![
            ("response_type", "bogus"),
            ("client_id", &google),
            ("redirect_uri", REDIRECT_URI),
        ],
        vec![("response_type", "code"), ("redirect_uri", REDIRECT_URI)],
        // Codes and tokens go back only to this server or to a page on this machine: a real
        // provider sends them only to the app's registered URIs.
        vec![
            ("response_type", "code"),
            ("client_id", &google),
            ("redirect_uri", "https://attacker.example/cb"),
        ],
        vec![
            ("response_type", "id_token"),
            ("client_id", &google),
            ("redirect_uri", "http://localhost.attacker.example/cb"),
        ],
    ];
    for params in cases {
        let response = browser()
            .get(authorize_url("google", &params))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{params:?}");
        assert!(response.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused() {
    let client = client_id("google");
    let mut form: Vec<(&str, &str)> = code_params(&client, "s");
    form.extend([("email", "x@example.com"), ("name", "X")]);
    let url = format!("{}/_mock/google/authorize", server().url);
    let no_cookie = browser().post(&url).form(&form).send().await.unwrap();
    assert_eq!(no_cookie.status(), 403);
    let (cookie, _) = open_page(&authorize_url("google", &code_params(&client, "s"))).await;
    form.push(("_csrf", "forged"));
    let wrong = browser()
        .post(&url)
        .header("cookie", cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
}

#[tokio::test]
async fn a_code_is_exchanged_once_by_its_client_for_verifiable_tokens() {
    let client = client_id("google");
    let location = sign_in(
        "google",
        &code_params(&client, "st-9"),
        "code@example.com",
        "Cody",
    )
    .await;
    assert!(
        location.starts_with(&format!("{REDIRECT_URI}?")),
        "{location}"
    );
    let query = query_of(&location);
    assert_eq!(query["state"], "st-9");
    let code = query["code"].clone();
    let form = |secret: &'static str, redirect: &'static str| {
        vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.clone()),
            ("redirect_uri", redirect.to_owned()),
            ("client_id", client.clone()),
            ("client_secret", secret.to_owned()),
        ]
    };
    let wrong_secret = form("wrong", REDIRECT_URI);
    let pairs: Vec<(&str, &str)> = wrong_secret.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = exchange("google", &pairs).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );

    let good = form("local-google-secret", REDIRECT_URI);
    let pairs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, tokens) = exchange("google", &pairs).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    let jwks = format!("{}/_mock/google/jwks.json", server().url);
    let (_, claims) = verify_jwt_with(&jwks, tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["iss"], format!("{}/_mock/google", server().url));
    assert_eq!(claims["aud"], client.as_str());
    assert_eq!(claims["email"], "code@example.com");
    assert_eq!(claims["name"], "Cody");
    assert!(claims["exp"].as_i64().unwrap() > claims["iat"].as_i64().unwrap());

    let (status, body) = exchange("google", &pairs).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "a code is single-use"
    );

    // user info with the access token, and without a good one.
    let access = tokens["access_token"].as_str().unwrap();
    let info: Value = reqwest::Client::new()
        .get(format!("{}/_mock/google/userinfo", server().url))
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["sub"], claims["sub"]);
    assert_eq!(info["email"], "code@example.com");
    let refused = reqwest::Client::new()
        .get(format!("{}/_mock/google/userinfo", server().url))
        .bearer_auth(tokens["id_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    assert!(refused.headers().contains_key("www-authenticate"));
    // Google's access token is not good at Facebook.
    let elsewhere = reqwest::Client::new()
        .get(format!("{}/_mock/facebook/userinfo", server().url))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 401);
}

#[tokio::test]
async fn a_code_needs_the_redirect_uri_it_was_issued_for() {
    let client = client_id("oidc");
    let location = sign_in("oidc", &code_params(&client, "s"), "r@example.com", "R").await;
    let code = query_of(&location)["code"].clone();
    let (status, body) = exchange(
        "oidc",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:9/other"),
            ("client_id", &client),
            ("client_secret", "local-oidc-secret"),
        ],
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, body) = exchange("oidc", &[("grant_type", "password")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
}

#[tokio::test]
async fn facebook_gives_an_access_token_and_graph_style_user_info() {
    let client = client_id("facebook");
    let location = sign_in(
        "facebook",
        &code_params(&client, "s"),
        "fb@example.com",
        "Eff",
    )
    .await;
    let code = query_of(&location)["code"].clone();
    let (status, tokens) = exchange(
        "facebook",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT_URI),
            ("client_id", &client),
            ("client_secret", "local-facebook-secret"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(tokens.get("id_token").is_none(), "OAuth 2.0 only: {tokens}");
    let info: Value = reqwest::Client::new()
        .get(format!("{}/_mock/facebook/userinfo", server().url))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(info["id"].as_str().unwrap().starts_with("10"), "{info}");
    assert_eq!(info["email"], "fb@example.com");
}

#[tokio::test]
async fn implicit_sign_in_returns_tokens_in_the_fragment_with_the_nonce() {
    let client = client_id("apple");
    let fragment = implicit("apple", &client, "id_token token", "imp@example.com").await;
    assert_eq!(fragment["state"], "st");
    assert_eq!(fragment["token_type"], "Bearer");
    assert_eq!(fragment["expires_in"], "3600");
    let jwks = format!("{}/_mock/apple/jwks.json", server().url);
    let (_, claims) = verify_jwt_with(&jwks, &fragment["id_token"]).await;
    assert_eq!(claims["nonce"], "n-1");
    assert_eq!(claims["aud"], client.as_str());
    verify_jwt_with(&jwks, &fragment["access_token"]).await;

    let only_id = implicit(
        "google",
        &client_id("google"),
        "id_token",
        "imp@example.com",
    )
    .await;
    assert!(only_id.contains_key("id_token") && !only_id.contains_key("access_token"));
    // The same email is the same person at one provider, a different one at another.
    let google_sub = common::mock::claims(&only_id["id_token"])["sub"].clone();
    let again = implicit(
        "google",
        &client_id("google"),
        "id_token",
        "imp@example.com",
    )
    .await;
    assert_eq!(common::mock::claims(&again["id_token"])["sub"], google_sub);
    assert_ne!(claims["sub"], google_sub);
    let location = sign_in(
        "google",
        &[
            ("response_type", "token"),
            ("client_id", &client_id("google")),
            ("redirect_uri", REDIRECT_URI),
        ],
        "t@example.com",
        "T",
    )
    .await;
    let fragment = fragment_of(&location);
    assert!(fragment.contains_key("access_token") && !fragment.contains_key("id_token"));
    assert!(!fragment.contains_key("state"));
}

fn provider(pool_id: &str, name: &str, provider_type: &str, details: Value) -> Value {
    json!({
        "UserPoolId": pool_id,
        "ProviderName": name,
        "ProviderType": provider_type,
        "ProviderDetails": details,
        "AttributeMapping": { "email": "email" },
    })
}

/// Creates a provider that must be accepted; its ProviderDetails as stored.
async fn created_details(pool_id: &str, name: &str, provider_type: &str, details: Value) -> Value {
    let created = admin_call(
        "CreateIdentityProvider",
        provider(pool_id, name, provider_type, details),
    )
    .await
    .ok();
    created["IdentityProvider"]["ProviderDetails"].clone()
}

async fn new_pool() -> String {
    admin_call(
        "CreateUserPool",
        json!({ "PoolName": common::unique("idp") }),
    )
    .await
    .ok()["UserPool"]["Id"]
        .as_str()
        .expect("pool id")
        .to_owned()
}

#[tokio::test]
async fn the_default_pool_has_the_mock_providers() {
    let list = admin_call(
        "ListIdentityProviders",
        json!({ "UserPoolId": server().pool_id, "MaxResults": 60 }),
    )
    .await
    .ok();
    let names: Vec<&str> = list["Providers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ProviderName"].as_str().unwrap())
        .collect();
    for name in [
        "Google",
        "Facebook",
        "LoginWithAmazon",
        "SignInWithApple",
        "LocalOIDC",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let oidc = admin_call(
        "DescribeIdentityProvider",
        json!({ "UserPoolId": server().pool_id, "ProviderName": "LocalOIDC" }),
    )
    .await
    .ok();
    assert_eq!(oidc["IdentityProvider"]["ProviderType"], "OIDC");
    assert_eq!(
        oidc["IdentityProvider"]["ProviderDetails"]["oidc_issuer"],
        format!("{}/_mock/oidc", server().url)
    );
}

#[tokio::test]
async fn identity_providers_are_created_described_listed_updated_and_deleted() {
    let pool_id = new_pool().await;
    // Details that point at the mock make it stand in for Google, whatever the client id.
    let details = json!({
        "client_id": "my-google-app", "client_secret": "s3cret", "authorize_scopes": "openid email",
        "oidc_issuer": format!("{}/_mock/google", server().url),
    });
    // The mock does not know this client until a pool configures it.
    let page = authorize_url("google", &code_params("my-google-app", "s"));
    assert_eq!(browser().get(&page).send().await.unwrap().status(), 400);

    let created = admin_call(
        "CreateIdentityProvider",
        provider(&pool_id, "Google", "Google", details.clone()),
    )
    .await
    .ok();
    let idp = &created["IdentityProvider"];
    assert_eq!(idp["UserPoolId"], pool_id.as_str());
    assert_eq!(idp["ProviderType"], "Google");
    assert_eq!(idp["ProviderDetails"]["client_id"], "my-google-app");
    assert_eq!(
        idp["AttributeMapping"],
        json!({ "email": "email", "username": "sub" })
    );
    assert!(idp["CreationDate"].is_i64() && idp["LastModifiedDate"].is_i64());
    assert_eq!(browser().get(&page).send().await.unwrap().status(), 200);

    let message = admin_call(
        "CreateIdentityProvider",
        provider(&pool_id, "Google", "Google", details.clone()),
    )
    .await
    .err("DuplicateProviderException");
    assert!(message.contains("Google"), "{message}");
    admin_call(
        "CreateIdentityProvider",
        provider(&pool_id, "Corp", "OIDC", json!({
            "client_id": "corp", "authorize_scopes": "openid", "attributes_request_method": "GET",
            "oidc_issuer": format!("{}/_mock/oidc", server().url),
        })),
    )
    .await
    .ok();

    let first = admin_call(
        "ListIdentityProviders",
        json!({ "UserPoolId": pool_id, "MaxResults": 1 }),
    )
    .await
    .ok();
    assert_eq!(first["Providers"][0]["ProviderName"], "Corp");
    let next = first["NextToken"].as_str().unwrap();
    let second = admin_call(
        "ListIdentityProviders",
        json!({ "UserPoolId": pool_id, "MaxResults": 1, "NextToken": next }),
    )
    .await
    .ok();
    assert_eq!(second["Providers"][0]["ProviderName"], "Google");
    assert_eq!(second["Providers"][0]["ProviderType"], "Google");
    assert!(second.get("NextToken").is_none());

    let updated = admin_call(
        "UpdateIdentityProvider",
        json!({ "UserPoolId": pool_id, "ProviderName": "Google",
                "ProviderDetails": { "authorize_scopes": "openid" },
                "AttributeMapping": { "email": "email", "name": "name" } }),
    )
    .await
    .ok();
    let details = &updated["IdentityProvider"]["ProviderDetails"];
    assert_eq!(details["authorize_scopes"], "openid");
    assert_eq!(
        details["client_secret"], "s3cret",
        "unsent details are kept"
    );
    let described = admin_call(
        "DescribeIdentityProvider",
        json!({ "UserPoolId": pool_id, "ProviderName": "Google" }),
    )
    .await
    .ok();
    assert_eq!(
        described["IdentityProvider"]["AttributeMapping"]["name"],
        "name"
    );

    admin_call(
        "DeleteIdentityProvider",
        json!({ "UserPoolId": pool_id, "ProviderName": "Google" }),
    )
    .await
    .ok();
    for operation in [
        "DescribeIdentityProvider",
        "DeleteIdentityProvider",
        "UpdateIdentityProvider",
    ] {
        admin_call(
            operation,
            json!({ "UserPoolId": pool_id, "ProviderName": "Google" }),
        )
        .await
        .err("ResourceNotFoundException");
    }
    admin_call(
        "ListIdentityProviders",
        json!({ "UserPoolId": "us-east-1_nothere1", "MaxResults": 5 }),
    )
    .await
    .err("ResourceNotFoundException");
    admin_call("DeleteUserPool", json!({ "UserPoolId": pool_id }))
        .await
        .ok();
}

#[tokio::test]
async fn bad_identity_provider_requests_are_invalid_parameters() {
    let pool_id = new_pool().await;
    let google = json!({ "client_id": "g", "client_secret": "s", "authorize_scopes": "openid" });
    let cases = [
        provider(
            &pool_id,
            "Google",
            "Google",
            json!({ "client_id": "g", "authorize_scopes": "openid" }),
        ),
        provider(&pool_id, "Google", "Twitter", google.clone()),
        provider(&pool_id, "MyGoogle", "Google", google.clone()),
        provider(
            &pool_id,
            "Corp",
            "OIDC",
            json!({
                "client_id": "c", "authorize_scopes": "openid", "attributes_request_method": "PUT",
                "oidc_issuer": format!("{}/_mock/oidc", server().url),
            }),
        ),
        provider(
            &pool_id,
            "Google",
            "Google",
            json!({
                "client_id": "g", "client_secret": "s", "authorize_scopes": "openid", "token_url": "ftp://x",
            }),
        ),
        provider(&pool_id, "Saml", "SAML", json!({})),
        provider(
            &pool_id,
            "COGNITO",
            "OIDC",
            json!({
                "client_id": "c", "authorize_scopes": "openid", "attributes_request_method": "GET",
                "oidc_issuer": format!("{}/_mock/oidc", server().url),
            }),
        ),
        json!({ "UserPoolId": pool_id, "ProviderName": "Google", "ProviderType": "Google" }),
    ];
    for case in cases {
        admin_call("CreateIdentityProvider", case.clone())
            .await
            .err("InvalidParameterException");
    }
    // A real OIDC issuer is fine without endpoints (they are discovered at first use); SAML
    // is kept (not served).
    let corp = admin_call(
        "CreateIdentityProvider",
        provider(
            &pool_id,
            "Corp",
            "OIDC",
            json!({
                "client_id": "c", "authorize_scopes": "openid", "attributes_request_method": "GET",
                "oidc_issuer": "https://login.example.com",
            }),
        ),
    )
    .await
    .ok();
    assert!(
        corp["IdentityProvider"]["ProviderDetails"]
            .get("authorize_url")
            .is_none()
    );
    admin_call(
        "CreateIdentityProvider",
        provider(
            &pool_id,
            "Saml",
            "SAML",
            json!({ "MetadataURL": "https://idp.example.com/metadata" }),
        ),
    )
    .await
    .ok();
    let message = admin_call_signed(
        "CreateIdentityProvider",
        provider(&pool_id, "Google", "Google", google),
        Signing::Unsigned,
    )
    .await
    .err("MissingAuthenticationTokenException");
    assert_eq!(message, "Missing Authentication Token");
    admin_call("DeleteUserPool", json!({ "UserPoolId": pool_id }))
        .await
        .ok();
}

#[tokio::test]
async fn a_real_client_id_gets_cognitos_endpoints_and_a_mock_one_gets_the_mock() {
    let pool_id = new_pool().await;
    let secret = |client: &str| json!({ "client_id": client, "client_secret": "s", "authorize_scopes": "openid email" });
    let apple = json!({
        "client_id": "com.example.app", "team_id": "T", "key_id": "K",
        "private_key": "(unused here)", "authorize_scopes": "email name",
    });
    let cases = [
        (
            "Google",
            secret("123.apps.googleusercontent.com"),
            json!({
                "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
                "token_url": "https://www.googleapis.com/oauth2/v4/token",
                "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
                "oidc_issuer": "https://accounts.google.com",
                "attributes_url_add_attributes": "true",
                "token_request_method": "POST",
            }),
        ),
        (
            "Facebook",
            secret("1234567890"),
            json!({
                "authorize_url": "https://www.facebook.com/v17.0/dialog/oauth",
                "token_url": "https://graph.facebook.com/v17.0/oauth/access_token",
                "attributes_url": "https://graph.facebook.com/v17.0/me?fields=",
                "attributes_url_add_attributes": "true",
                "token_request_method": "GET",
            }),
        ),
        (
            "LoginWithAmazon",
            secret("amzn1.application-oa2-client.1"),
            json!({
                "authorize_url": "https://www.amazon.com/ap/oa",
                "token_url": "https://api.amazon.com/auth/o2/token",
                "attributes_url": "https://api.amazon.com/user/profile",
                "attributes_url_add_attributes": "false",
                "token_request_method": "POST",
            }),
        ),
        (
            "SignInWithApple",
            apple,
            json!({
                "authorize_url": "https://appleid.apple.com/auth/authorize",
                "token_url": "https://appleid.apple.com/auth/token",
                "oidc_issuer": "https://appleid.apple.com",
                "attributes_url_add_attributes": "false",
                "token_request_method": "POST",
            }),
        ),
    ];
    for (name, given, filled) in cases {
        let created = admin_call(
            "CreateIdentityProvider",
            provider(&pool_id, name, name, given.clone()),
        )
        .await
        .ok();
        let mut expected = given.as_object().unwrap().clone();
        expected.extend(filled.as_object().unwrap().clone());
        assert_eq!(
            created["IdentityProvider"]["ProviderDetails"],
            Value::Object(expected),
            "{name}"
        );
        let described = admin_call(
            "DescribeIdentityProvider",
            json!({ "UserPoolId": pool_id, "ProviderName": name }),
        )
        .await
        .ok();
        assert_eq!(
            described["IdentityProvider"], created["IdentityProvider"],
            "{name}"
        );
        admin_call(
            "DeleteIdentityProvider",
            json!({ "UserPoolId": pool_id, "ProviderName": name }),
        )
        .await
        .ok();
    }

    // Facebook's endpoints follow a given api_version.
    let mut versioned = secret("1234567890");
    versioned["api_version"] = json!("v19.0");
    let details = &created_details(&pool_id, "Facebook", "Facebook", versioned).await;
    assert_eq!(
        details["authorize_url"],
        "https://www.facebook.com/v19.0/dialog/oauth"
    );
    assert_eq!(
        details["attributes_url"],
        "https://graph.facebook.com/v19.0/me?fields="
    );

    // Explicit details win over the defaults.
    let mut own = secret("123.apps.googleusercontent.com");
    own["authorize_url"] = json!("https://accounts.example.com/auth");
    let details = &created_details(&pool_id, "Google", "Google", own).await;
    assert_eq!(
        details["authorize_url"],
        "https://accounts.example.com/auth"
    );
    assert_eq!(
        details["token_url"],
        "https://www.googleapis.com/oauth2/v4/token"
    );
    admin_call(
        "DeleteIdentityProvider",
        json!({ "UserPoolId": pool_id, "ProviderName": "Google" }),
    )
    .await
    .ok();

    // The mock's own client id: the mock stands in, so nothing is filled in.
    let created = admin_call(
        "CreateIdentityProvider",
        provider(&pool_id, "Google", "Google", secret("local-google-client")),
    )
    .await
    .ok();
    assert_eq!(
        created["IdentityProvider"]["ProviderDetails"],
        secret("local-google-client")
    );
    admin_call("DeleteUserPool", json!({ "UserPoolId": pool_id }))
        .await
        .ok();
}
