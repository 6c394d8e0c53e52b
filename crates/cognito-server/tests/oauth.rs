//! The hosted UI and OAuth 2.0 endpoints, driven like a browser and an app would drive them.

mod common;
mod oauth_support;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use common::admin::admin_call;
use common::flows::{PASSWORD, code_for, confirmed_user, verify_jwt};
use common::{call, server, unique};
use oauth_support::{Browser, Page, form, form_action, params_of, pkce};

fn home() -> String {
    format!("{}/", server().url)
}

/// An authorize URL for the default client (code flow with PKCE unless overridden).
fn authorize_url(challenge: &str, extra: &[(&str, &str)]) -> String {
    let home = home();
    let mut pairs: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", &server().client_id),
        ("redirect_uri", &home),
        ("state", "st-123"),
        (
            "scope",
            "openid email profile aws.cognito.signin.user.admin",
        ),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
        ("nonce", "n-0S6_WzA2Mj"),
    ];
    for (name, value) in extra {
        pairs.retain(|(existing, _)| existing != name);
        if !value.is_empty() {
            pairs.push((name, value));
        }
    }
    format!("{}/oauth2/authorize?{}", server().url, form(&pairs))
}

/// Where a page's (first) form posts, as an absolute URL.
fn action_of(page: &Page) -> String {
    format!("{}{}", server().url, form_action(&page.body))
}

/// Follows authorize to the login page, posts the credentials and returns the final answer.
async fn sign_in(browser: &mut Browser, url: &str, username: &str, password: &str) -> Page {
    let to_login = browser.get(url).await;
    assert_eq!(to_login.status, 302, "{}", to_login.body);
    assert!(
        to_login.location().contains("/login?"),
        "{}",
        to_login.location()
    );
    let login = browser.get(to_login.location()).await;
    assert_eq!(login.status, 200, "{}", login.body);
    submit_login(browser, &login, username, password).await
}

async fn submit_login(browser: &mut Browser, login: &Page, username: &str, password: &str) -> Page {
    let action = action_of(login);
    let csrf = login.hidden("_csrf");
    browser
        .post(
            &action,
            &[
                ("_csrf", &csrf),
                ("username", username),
                ("password", password),
            ],
        )
        .await
}

async fn token_call(fields: &[(&str, &str)], basic: Option<(&str, &str)>) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/oauth2/token", server().url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(fields));
    if let Some((id, secret)) = basic {
        request = request.header(
            "authorization",
            format!("Basic {}", STANDARD.encode(format!("{id}:{secret}"))),
        );
    }
    let response = request.send().await.expect("token call");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn exchange(code: &str, verifier: &str) -> (u16, Value) {
    token_call(
        &[
            ("grant_type", "authorization_code"),
            ("client_id", &server().client_id),
            ("code", code),
            ("redirect_uri", &home()),
            ("code_verifier", verifier),
        ],
        None,
    )
    .await
}

/// Signs a fresh user in through the hosted UI and returns the browser and the code.
async fn code_for_new_user(challenge: &str, extra: &[(&str, &str)]) -> (Browser, String, String) {
    let username = confirmed_user("hosted").await;
    let mut browser = Browser::default();
    let done = sign_in(
        &mut browser,
        &authorize_url(challenge, extra),
        &username,
        PASSWORD,
    )
    .await;
    assert_eq!(done.status, 302, "{}", done.body);
    let params = params_of(done.location(), '?');
    assert!(done.location().starts_with(&home()));
    (browser, params["code"].clone(), username)
}

async fn user_info(access_token: &str) -> (u16, Option<String>, Value) {
    let response = reqwest::Client::new()
        .get(format!("{}/oauth2/userInfo", server().url))
        .header("authorization", format!("Bearer {access_token}"))
        .send()
        .await
        .expect("userInfo");
    let status = response.status().as_u16();
    let challenge = response
        .headers()
        .get("www-authenticate")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (
        status,
        challenge,
        response.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn code_flow_with_pkce_signs_in_through_the_hosted_page() {
    let (verifier, challenge) = pkce();
    let username = confirmed_user("pkce").await;
    let mut browser = Browser::default();
    let to_login = browser.get(&authorize_url(&challenge, &[])).await;
    assert_eq!(to_login.status, 302);
    let login = browser.get(to_login.location()).await;
    assert_eq!(login.status, 200);
    // Accessible, script-free, themed and CSRF-protected.
    assert!(login.body.contains("<html lang=\"en\">"));
    assert!(login.body.contains("<label for=\"field-username\">"));
    assert!(login.body.contains("<h1>Sign in</h1>"));
    assert!(login.body.contains("--amplify-colors-brand-primary-80"));
    assert!(!login.body.contains("<script"));
    assert!(browser.cookies.contains_key("XSRF-TOKEN"));
    let done = submit_login(&mut browser, &login, &username, PASSWORD).await;
    assert_eq!(done.status, 302, "{}", done.body);
    let params = params_of(done.location(), '?');
    assert_eq!(params["state"], "st-123");
    assert!(browser.cookies.contains_key("cognito"), "SSO cookie set");
    assert!(
        done.set_cookies
            .iter()
            .any(|c| c.starts_with("cognito=") && c.contains("HttpOnly"))
    );

    let (status, tokens) = exchange(&params["code"], &verifier).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    let (_, id) = verify_jwt(tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(id["nonce"], "n-0S6_WzA2Mj");
    assert_eq!(id["cognito:username"], username.as_str());
    let digest = <sha2::Sha256 as sha2::Digest>::digest(tokens["access_token"].as_str().unwrap());
    assert_eq!(
        id["at_hash"],
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
    );
    assert_eq!(id["aud"], server().client_id.as_str());
    let (_, access) = verify_jwt(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(
        access["scope"],
        "openid email profile aws.cognito.signin.user.admin"
    );
    // The access token works on the JSON API (it was granted the admin scope).
    let user = call("GetUser", json!({ "AccessToken": tokens["access_token"] }))
        .await
        .ok();
    assert_eq!(user["Username"], username.as_str());

    // A code is good once.
    let (status, again) = exchange(&params["code"], &verifier).await;
    assert_eq!((status, &again["error"]), (400, &json!("invalid_grant")));

    // userInfo answers with the user's claims as strings.
    let (status, _, info) = user_info(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{info}");
    assert_eq!(info["username"], username.as_str());
    assert_eq!(info["email"], format!("{username}@example.com"));
    assert_eq!(info["email_verified"], "true");

    // Signed in already: the next authorize goes straight back with a code.
    let (verifier2, challenge2) = pkce();
    let again = browser.get(&authorize_url(&challenge2, &[])).await;
    assert_eq!(again.status, 302);
    assert!(
        again.location().starts_with(&home()),
        "{}",
        again.location()
    );
    let code2 = params_of(again.location(), '?')["code"].clone();
    assert_eq!(exchange(&code2, &verifier2).await.0, 200);

    // Refresh, then revoke the refresh token.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let refresh_fields = [
        ("grant_type", "refresh_token"),
        ("client_id", server().client_id.as_str()),
        ("refresh_token", refresh),
    ];
    let (status, refreshed) = token_call(&refresh_fields, None).await;
    assert_eq!(status, 200, "{refreshed}");
    assert!(refreshed["id_token"].is_string());
    assert!(refreshed.get("refresh_token").is_none());
    let (_, refreshed_access) = verify_jwt(refreshed["access_token"].as_str().unwrap()).await;
    assert_eq!(refreshed_access["scope"], access["scope"]);
    let revoked = reqwest::Client::new()
        .post(format!("{}/oauth2/revoke", server().url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("token", refresh),
            ("client_id", &server().client_id),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    let (status, refused) = token_call(&refresh_fields, None).await;
    assert_eq!((status, &refused["error"]), (400, &json!("invalid_grant")));
    let (status, _, _) = user_info(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 401, "a revoked session's access token is refused");
}

#[tokio::test]
async fn implicit_flow_returns_tokens_in_the_fragment() {
    let username = confirmed_user("implicit").await;
    let mut browser = Browser::default();
    let url = authorize_url(
        "",
        &[
            ("response_type", "token"),
            ("code_challenge", ""),
            ("code_challenge_method", ""),
            ("scope", "openid email"),
        ],
    );
    let done = sign_in(&mut browser, &url, &username, PASSWORD).await;
    assert_eq!(done.status, 302, "{}", done.body);
    assert!(!done.location().contains('?'), "{}", done.location());
    let params = params_of(done.location(), '#');
    assert_eq!(params["state"], "st-123");
    assert_eq!(params["token_type"], "Bearer");
    let (_, id) = verify_jwt(&params["id_token"]).await;
    assert_eq!(id["nonce"], "n-0S6_WzA2Mj");
    let (_, access) = verify_jwt(&params["access_token"]).await;
    assert_eq!(access["scope"], "openid email");
}

#[tokio::test]
async fn unregistered_redirect_uris_get_an_error_page_never_a_redirect() {
    let (_, challenge) = pkce();
    let mut browser = Browser::default();
    for uri in [
        "https://evil.example/",
        &format!("{}/x", server().url),
        &server().url,
    ] {
        let page = browser
            .get(&authorize_url(&challenge, &[("redirect_uri", uri)]))
            .await;
        assert_eq!(page.status, 400, "{uri}");
        assert!(page.location.is_none());
        assert!(page.body.contains("role=\"alert\""));
        assert!(page.body.contains("redirect_mismatch"));
    }
    let unknown_client = browser
        .get(&authorize_url(&challenge, &[("client_id", "nope")]))
        .await;
    assert_eq!(unknown_client.status, 400);
    assert!(unknown_client.location.is_none());
}

#[tokio::test]
async fn request_errors_go_back_to_the_app_with_the_state() {
    let (_, challenge) = pkce();
    let mut browser = Browser::default();
    let cases = [
        (vec![("scope", "openid admin:everything")], "invalid_scope"),
        (vec![("code_challenge_method", "plain")], "invalid_request"),
        (vec![("code_challenge", "short")], "invalid_request"),
        (
            vec![("response_type", "id_token")],
            "unsupported_response_type",
        ),
        (vec![("identity_provider", "Twitter")], "invalid_request"),
    ];
    for (extra, expected) in cases {
        let page = browser.get(&authorize_url(&challenge, &extra)).await;
        assert_eq!(page.status, 302, "{extra:?}");
        assert!(page.location().starts_with(&home()));
        let params = params_of(page.location(), '?');
        assert_eq!(params["error"], expected, "{extra:?}");
        assert_eq!(params["state"], "st-123");
    }
}

#[tokio::test]
async fn a_wrong_verifier_or_redirect_uri_is_an_invalid_grant() {
    let (_, challenge) = pkce();
    let (_, code, _) = code_for_new_user(&challenge, &[]).await;
    let (other_verifier, _) = pkce();
    let (status, body) = exchange(&code, &other_verifier).await;
    assert_eq!((status, &body["error"]), (400, &json!("invalid_grant")));

    let (verifier, challenge) = pkce();
    let (_, code, _) = code_for_new_user(&challenge, &[]).await;
    let (status, body) = token_call(
        &[
            ("grant_type", "authorization_code"),
            ("client_id", &server().client_id),
            ("code", &code),
            ("redirect_uri", "http://localhost:1/"),
            ("code_verifier", &verifier),
        ],
        None,
    )
    .await;
    assert_eq!((status, &body["error"]), (400, &json!("invalid_grant")));
    // The failed attempt used the code up.
    assert_eq!(exchange(&code, &verifier).await.1["error"], "invalid_grant");

    let (status, body) = token_call(&[("grant_type", "password")], None).await;
    assert_eq!(
        (status, &body["error"]),
        (400, &json!("unsupported_grant_type"))
    );
}

#[tokio::test]
async fn login_without_the_csrf_token_is_refused() {
    let (_, challenge) = pkce();
    let username = confirmed_user("csrf").await;
    let mut browser = Browser::default();
    let to_login = browser.get(&authorize_url(&challenge, &[])).await;
    let login = browser.get(to_login.location()).await;
    let action = action_of(&login);
    for csrf in ["", "forged-token-forged-token-forged-token-123"] {
        let page = browser
            .post(
                &action,
                &[
                    ("_csrf", csrf),
                    ("username", &username),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(page.status, 403, "{csrf:?}");
        assert!(page.location.is_none());
        assert!(page.body.contains("role=\"alert\""));
    }
    // Without the cookie the field alone is not enough.
    let csrf = login.hidden("_csrf");
    let mut stranger = Browser::default();
    let page = stranger
        .post(
            &action,
            &[
                ("_csrf", &csrf),
                ("username", &username),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 403);
}

#[tokio::test]
async fn a_wrong_password_is_shown_escaped_on_the_page() {
    let (_, challenge) = pkce();
    let mut browser = Browser::default();
    let hostile = "<script>alert(1)</script>";
    let page = sign_in(&mut browser, &authorize_url(&challenge, &[]), hostile, "x").await;
    assert_eq!(page.status, 400);
    assert!(page.body.contains("Incorrect username or password."));
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.body.contains(hostile));
    assert!(page.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn login_hint_prefills_the_username() {
    let (_, challenge) = pkce();
    let mut browser = Browser::default();
    let to_login = browser
        .get(&authorize_url(&challenge, &[("login_hint", "ann\"<b>")]))
        .await;
    let login = browser.get(to_login.location()).await;
    assert!(login.body.contains("value=\"ann&quot;&lt;b&gt;\""));
}

#[tokio::test]
async fn logout_needs_a_registered_sign_out_url_and_ends_the_session() {
    let (_, challenge) = pkce();
    let (mut browser, _, _) = code_for_new_user(&challenge, &[]).await;
    let stolen = browser.cookies["cognito"].clone();
    let logout = |uri: &str| {
        format!(
            "{}/logout?{}",
            server().url,
            form(&[("client_id", &server().client_id), ("logout_uri", uri)])
        )
    };
    let refused = browser.get(&logout("https://evil.example/")).await;
    assert_eq!(refused.status, 400);
    assert!(refused.location.is_none());
    assert!(browser.cookies.contains_key("cognito"));

    let done = browser.get(&logout(&home())).await;
    assert_eq!(done.status, 302);
    assert_eq!(done.location(), home());
    assert!(!browser.cookies.contains_key("cognito"), "cookie cleared");

    // A copy of the old cookie no longer signs anyone in.
    let mut thief = Browser::default();
    thief.cookies.insert("cognito".into(), stolen);
    let page = thief.get(&authorize_url(&challenge, &[])).await;
    assert!(page.location().contains("/login?"), "{}", page.location());

    // With response_type and redirect_uri instead, the login page comes back.
    let relogin = browser
        .get(&format!(
            "{}/logout?{}",
            server().url,
            form(&[
                ("client_id", &server().client_id),
                ("response_type", "code"),
                ("redirect_uri", &home()),
                ("state", "s"),
            ])
        ))
        .await;
    assert_eq!(relogin.status, 302);
    assert!(relogin.location().contains("/login?"));
}

#[tokio::test]
async fn user_info_needs_the_openid_scope() {
    let (verifier, challenge) = pkce();
    let (_, code, _) =
        code_for_new_user(&challenge, &[("scope", "aws.cognito.signin.user.admin")]).await;
    let (status, tokens) = exchange(&code, &verifier).await;
    assert_eq!(status, 200);
    assert!(tokens.get("id_token").is_none(), "no openid, no id token");
    let (status, challenge_header, body) =
        user_info(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "invalid_token");
    assert!(challenge_header.unwrap().contains("invalid_token"));
    let (status, _, _) = user_info("not-a-token").await;
    assert_eq!(status, 401);
    let missing = reqwest::get(format!("{}/oauth2/userInfo", server().url))
        .await
        .unwrap();
    assert_eq!(missing.status(), 400);
}

/// A client of the default pool, made with the admin API.
async fn admin_client(settings: Value) -> Value {
    let mut input = json!({ "UserPoolId": server().pool_id, "ClientName": unique("client") });
    for (name, value) in settings.as_object().expect("settings object") {
        input[name] = value.clone();
    }
    admin_call("CreateUserPoolClient", input).await.ok()["UserPoolClient"].clone()
}

#[tokio::test]
async fn client_credentials_need_a_secret_and_give_only_an_access_token() {
    let client = admin_client(json!({
        "GenerateSecret": true,
        "AllowedOAuthFlows": ["client_credentials"],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthScopes": ["api.local/read", "api.local/write"],
    }))
    .await;
    let id = client["ClientId"].as_str().unwrap();
    let secret = client["ClientSecret"].as_str().unwrap();
    let (status, body) = token_call(
        &[
            ("grant_type", "client_credentials"),
            ("scope", "api.local/read"),
        ],
        Some((id, secret)),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("id_token").is_none() && body.get("refresh_token").is_none());
    let (_, claims) = verify_jwt(body["access_token"].as_str().unwrap()).await;
    assert_eq!(claims["scope"], "api.local/read");
    assert_eq!(claims["sub"], id);

    let (status, body) = token_call(
        &[
            ("grant_type", "client_credentials"),
            ("scope", "api.local/delete"),
        ],
        Some((id, secret)),
    )
    .await;
    assert_eq!((status, &body["error"]), (400, &json!("invalid_scope")));
    let (status, body) =
        token_call(&[("grant_type", "client_credentials")], Some((id, "wrong"))).await;
    assert_eq!((status, &body["error"]), (400, &json!("invalid_client")));
    // The public default client cannot use it.
    let (status, body) = token_call(
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &server().client_id),
        ],
        None,
    )
    .await;
    assert_eq!(
        (status, &body["error"]),
        (400, &json!("unauthorized_client"))
    );
}

#[tokio::test]
async fn client_oauth_settings_are_checked_and_updated() {
    let error = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientName": "x",
                "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthFlowsUserPoolClient": true,
                "AllowedOAuthScopes": ["api/read"] }),
    )
    .await
    .err("InvalidOAuthFlowException");
    assert!(error.contains("client secret"));
    let error = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientName": "x", "AllowedOAuthFlows": ["token"] }),
    )
    .await
    .err("InvalidParameterException");
    assert!(error.contains("allowedOAuthFlows"), "{error}");
    admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientName": "x", "AllowedOAuthScopes": ["bogus"] }),
    )
    .await
    .err("ScopeDoesNotExistException");
    admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientName": "x",
                "CallbackURLs": ["http://example.com/cb"] }),
    )
    .await
    .err("InvalidParameterException");

    let client = admin_client(json!({})).await;
    let id = client["ClientId"].as_str().unwrap();
    let updated = admin_call(
        "UpdateUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientId": id,
                "AllowedOAuthFlows": ["code"], "AllowedOAuthFlowsUserPoolClient": true,
                "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://localhost:4000/cb"],
                "LogoutURLs": ["http://localhost:4000/bye"], "SupportedIdentityProviders": ["COGNITO"] }),
    )
    .await
    .ok();
    let described = &updated["UserPoolClient"];
    assert_eq!(described["ClientName"], client["ClientName"]);
    assert_eq!(
        described["CallbackURLs"],
        json!(["http://localhost:4000/cb"])
    );
    assert_eq!(described["AllowedOAuthFlowsUserPoolClient"], true);
    // The new settings take effect at once.
    let (_, challenge) = pkce();
    let page = Browser::default()
        .get(&authorize_url(
            &challenge,
            &[
                ("client_id", id),
                ("redirect_uri", "http://localhost:4000/cb"),
                ("scope", "openid"),
            ],
        ))
        .await;
    assert!(page.location().contains("/login?"), "{}", page.location());
    admin_call(
        "UpdateUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientId": "nope" }),
    )
    .await
    .err("ResourceNotFoundException");
}

#[tokio::test]
async fn domains_are_created_described_and_deleted() {
    let described = admin_call("DescribeUserPoolDomain", json!({ "Domain": "local" }))
        .await
        .ok();
    assert_eq!(
        described["DomainDescription"]["UserPoolId"],
        server().pool_id.as_str()
    );
    let pool = admin_call(
        "DescribeUserPool",
        json!({ "UserPoolId": server().pool_id }),
    )
    .await
    .ok();
    assert_eq!(pool["UserPool"]["Domain"], "local");

    let other = admin_call("CreateUserPool", json!({ "PoolName": unique("dom") }))
        .await
        .ok()["UserPool"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let taken = admin_call(
        "CreateUserPoolDomain",
        json!({ "Domain": "local", "UserPoolId": other }),
    )
    .await
    .err("InvalidParameterException");
    assert_eq!(taken, "Domain already associated with another user pool.");
    admin_call(
        "CreateUserPoolDomain",
        json!({ "Domain": "Bad_Domain", "UserPoolId": other }),
    )
    .await
    .err("InvalidParameterException");
    let prefix = unique("d").to_lowercase();
    admin_call(
        "CreateUserPoolDomain",
        json!({ "Domain": prefix, "UserPoolId": other }),
    )
    .await
    .ok();
    admin_call(
        "CreateUserPoolDomain",
        json!({ "Domain": format!("{prefix}x"), "UserPoolId": other }),
    )
    .await
    .err("InvalidParameterException");
    admin_call(
        "DeleteUserPoolDomain",
        json!({ "Domain": prefix, "UserPoolId": other }),
    )
    .await
    .ok();
    let gone = admin_call("DescribeUserPoolDomain", json!({ "Domain": prefix }))
        .await
        .ok();
    assert_eq!(gone["DomainDescription"], json!({}));
    admin_call(
        "DeleteUserPoolDomain",
        json!({ "Domain": prefix, "UserPoolId": other }),
    )
    .await
    .err("InvalidParameterException");
}

#[tokio::test]
async fn sign_up_and_confirm_through_the_hosted_pages() {
    let (verifier, challenge) = pkce();
    let mut browser = Browser::default();
    let to_login = browser.get(&authorize_url(&challenge, &[])).await;
    let login = browser.get(to_login.location()).await;
    let signup_url = format!(
        "{}/signup?{}",
        server().url,
        to_login.location().split_once('?').unwrap().1
    );
    let signup = browser.get(&signup_url).await;
    assert_eq!(signup.status, 200);
    assert!(signup.body.contains("name=\"email\""));
    let _ = login;
    let username = unique("signup");
    let action = action_of(&signup);
    let csrf = signup.hidden("_csrf");
    let weak = browser
        .post(
            &action,
            &[
                ("_csrf", &csrf),
                ("username", &username),
                ("email", "a@example.com"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, 400);
    assert!(weak.body.contains("Password did not conform with policy"));
    let created = browser
        .post(
            &action,
            &[
                ("_csrf", &csrf),
                ("username", &username),
                ("email", &format!("{username}@example.com")),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(created.status, 302, "{}", created.body);
    let confirm = browser
        .get(&format!("{}{}", server().url, created.location()))
        .await;
    assert_eq!(confirm.status, 200);
    let code = code_for(&username, "sign_up").await;
    let action = action_of(&confirm);
    let confirmed = browser
        .post(
            &action,
            &[
                ("_csrf", &confirm.hidden("_csrf")),
                ("username", &username),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(confirmed.status, 302, "{}", confirmed.body);
    let login = browser
        .get(&format!("{}{}", server().url, confirmed.location()))
        .await;
    let done = submit_login(&mut browser, &login, &username, PASSWORD).await;
    let code = params_of(done.location(), '?')["code"].clone();
    assert_eq!(exchange(&code, &verifier).await.0, 200);
}

#[tokio::test]
async fn forgot_password_through_the_hosted_pages() {
    let (_, challenge) = pkce();
    let username = confirmed_user("forgot").await;
    let mut browser = Browser::default();
    let to_login = browser.get(&authorize_url(&challenge, &[])).await;
    let query = to_login.location().split_once('?').unwrap().1.to_owned();
    let forgot = browser
        .get(&format!("{}/forgotPassword?{query}", server().url))
        .await;
    let action = action_of(&forgot);
    let sent = browser
        .post(
            &action,
            &[("_csrf", &forgot.hidden("_csrf")), ("username", &username)],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let code = code_for(&username, "forgot_password").await;
    let action = action_of(&sent);
    let new_password = "N3w-password!";
    let reset = browser
        .post(
            &action,
            &[
                ("_csrf", &sent.hidden("_csrf")),
                ("username", &username),
                ("code", &code),
                ("password", new_password),
            ],
        )
        .await;
    assert_eq!(reset.status, 302, "{}", reset.body);
    let login = browser
        .get(&format!("{}{}", server().url, reset.location()))
        .await;
    let done = submit_login(&mut browser, &login, &username, new_password).await;
    assert_eq!(done.status, 302, "{}", done.body);
}

#[tokio::test]
async fn users_with_totp_mfa_give_a_code_before_the_redirect() {
    let (verifier, challenge) = pkce();
    let username = confirmed_user("mfa").await;
    let tokens = common::flows::tokens(&username).await;
    let access = &tokens["AccessToken"];
    let secret = call("AssociateSoftwareToken", json!({ "AccessToken": access }))
        .await
        .ok()["SecretCode"]
        .as_str()
        .unwrap()
        .to_owned();
    let totp = || cognito_server::totp::current_code(&secret, now()).unwrap();
    call(
        "VerifySoftwareToken",
        json!({ "AccessToken": access, "UserCode": totp() }),
    )
    .await
    .ok();
    call(
        "SetUserMFAPreference",
        json!({ "AccessToken": access,
                "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .await
    .ok();
    let mut browser = Browser::default();
    let asked = sign_in(
        &mut browser,
        &authorize_url(&challenge, &[]),
        &username,
        PASSWORD,
    )
    .await;
    assert_eq!(asked.status, 200, "no redirect before the code");
    assert!(asked.body.contains("authenticator"));
    let action = action_of(&asked);
    let wrong = common::flows::other_code(&totp());
    let refused = answer_step(&mut browser, &action, &asked, &[("code", wrong)]).await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("Invalid verification code"));
    let right = totp();
    let done = answer_step(&mut browser, &action, &asked, &[("code", &right)]).await;
    assert_eq!(done.status, 302, "{}", done.body);
    let code = params_of(done.location(), '?')["code"].clone();
    assert_eq!(exchange(&code, &verifier).await.0, 200);
    // The ticket was single-use.
    let replay = answer_step(&mut browser, &action, &asked, &[("code", &right)]).await;
    assert_ne!(replay.status, 302);
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_on_the_hosted_page() {
    let (verifier, challenge) = pkce();
    let username = unique("temp");
    admin_call(
        "AdminCreateUser",
        json!({ "UserPoolId": server().pool_id, "Username": username,
                "TemporaryPassword": "Temp0rary-pass!", "MessageAction": "SUPPRESS",
                "UserAttributes": [{ "Name": "email", "Value": format!("{username}@example.com") }] }),
    )
    .await
    .ok();
    let mut browser = Browser::default();
    let asked = sign_in(
        &mut browser,
        &authorize_url(&challenge, &[]),
        &username,
        "Temp0rary-pass!",
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(asked.body.contains("name=\"new_password\""));
    let action = action_of(&asked);
    let done = answer_step(
        &mut browser,
        &action,
        &asked,
        &[("new_password", PASSWORD), ("confirm_password", PASSWORD)],
    )
    .await;
    assert_eq!(done.status, 302, "{}", done.body);
    let code = params_of(done.location(), '?')["code"].clone();
    assert_eq!(exchange(&code, &verifier).await.0, 200);
    let user = admin_call(
        "AdminGetUser",
        json!({ "UserPoolId": server().pool_id, "Username": username }),
    )
    .await
    .ok();
    assert_eq!(user["UserStatus"], "CONFIRMED");
}

#[tokio::test]
async fn discovery_lists_the_oauth_endpoints() {
    let doc: Value = reqwest::get(format!(
        "{}/{}/.well-known/openid-configuration",
        server().url,
        server().pool_id
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    for (key, path) in [
        ("authorization_endpoint", "/oauth2/authorize"),
        ("token_endpoint", "/oauth2/token"),
        ("userinfo_endpoint", "/oauth2/userInfo"),
        ("revocation_endpoint", "/oauth2/revoke"),
        ("end_session_endpoint", "/logout"),
    ] {
        assert_eq!(doc[key], format!("{}{path}", server().url), "{key}");
    }
}

#[tokio::test]
async fn the_token_endpoint_answers_browsers_cross_origin() {
    let response = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/oauth2/token", server().url),
        )
        .header("origin", "http://localhost:8080")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .contains_key("access-control-allow-origin")
    );
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

#[tokio::test]
async fn social_sign_in_runs_the_redirect_dance_with_the_mock_provider() {
    let (verifier, challenge) = pkce();
    let mut browser = Browser::default();
    // The login page offers the pool's providers.
    let to_login = browser.get(&authorize_url(&challenge, &[])).await;
    let login = browser.get(to_login.location()).await;
    assert!(
        login.body.contains("Continue with Google"),
        "{}",
        login.body
    );

    let to_provider = browser
        .get(&authorize_url(
            &challenge,
            &[("identity_provider", "Google")],
        ))
        .await;
    assert_eq!(to_provider.status, 302, "{}", to_provider.body);
    let provider_url = to_provider.location().to_owned();
    assert!(provider_url.starts_with(&format!("{}/_mock/google/", server().url)));
    // Our state is not the app's: the app's stays with us until the provider answers.
    assert_ne!(params_of(&provider_url, '?')["state"], "st-123");
    let page = browser.get(&provider_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let email = format!("{}@gmail.example", unique("fed"));
    let hidden = |name: &str| page.hidden(name);
    let mut fields: Vec<(String, String)> = [
        "_csrf",
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
    ]
    .iter()
    .map(|name| ((*name).to_owned(), hidden(name)))
    .collect();
    fields.push(("email".into(), email.clone()));
    fields.push(("name".into(), "Fed Erated".into()));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let back = browser.post(&provider_url, &fields).await;
    assert!(
        back.status == 302 || back.status == 303,
        "{} {}",
        back.status,
        back.body
    );
    assert!(
        back.location().contains("/oauth2/idpresponse?"),
        "{}",
        back.location()
    );
    let done = browser.get(back.location()).await;
    assert_eq!(done.status, 302, "{}", done.body);
    let params = params_of(done.location(), '?');
    assert_eq!(params["state"], "st-123");
    let (status, tokens) = exchange(&params["code"], &verifier).await;
    assert_eq!(status, 200, "{tokens}");
    let (_, id) = verify_jwt(tokens["id_token"].as_str().unwrap()).await;
    assert!(
        id["cognito:username"]
            .as_str()
            .unwrap()
            .starts_with("Google_"),
        "{id}"
    );
    assert_eq!(id["email"], email.as_str());
    assert_eq!(id["identities"][0]["providerName"], "Google", "{id}");
    assert_eq!(id["nonce"], "n-0S6_WzA2Mj");

    // The provider's answer is single-use.
    let replay = browser.get(back.location()).await;
    assert_eq!(replay.status, 400);
    assert!(replay.location.is_none());
}

#[tokio::test]
async fn an_unconfigured_provider_is_refused_back_to_the_app() {
    let (_, challenge) = pkce();
    let client = admin_client(json!({
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthScopes": ["openid"],
        "CallbackURLs": ["http://localhost:4001/cb"],
        "SupportedIdentityProviders": ["COGNITO"],
    }))
    .await;
    let page = Browser::default()
        .get(&authorize_url(
            &challenge,
            &[
                ("client_id", client["ClientId"].as_str().unwrap()),
                ("redirect_uri", "http://localhost:4001/cb"),
                ("scope", "openid"),
                ("identity_provider", "Google"),
            ],
        ))
        .await;
    assert_eq!(page.status, 302);
    let params = params_of(page.location(), '?');
    assert_eq!(params["error"], "invalid_request");
    assert_eq!(params["state"], "st-123");
}

#[tokio::test]
async fn users_with_sms_mfa_give_the_texted_code() {
    let (verifier, challenge) = pkce();
    let username = confirmed_user("sms").await;
    admin_call(
        "AdminUpdateUserAttributes",
        json!({ "UserPoolId": server().pool_id, "Username": username,
                "UserAttributes": [{ "Name": "phone_number", "Value": "+15555550123" },
                                   { "Name": "phone_number_verified", "Value": "true" }] }),
    )
    .await
    .ok();
    admin_call(
        "AdminSetUserMFAPreference",
        json!({ "UserPoolId": server().pool_id, "Username": username,
                "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .await
    .ok();
    let mut browser = Browser::default();
    let asked = sign_in(
        &mut browser,
        &authorize_url(&challenge, &[]),
        &username,
        PASSWORD,
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(
        asked.body.contains("We sent a code by SMS"),
        "{}",
        asked.body
    );
    let code = code_for(&username, "sms_mfa").await;
    let action = action_of(&asked);
    let done = answer_step(&mut browser, &action, &asked, &[("code", &code)]).await;
    assert_eq!(done.status, 302, "{}", done.body);
    let code = params_of(done.location(), '?')["code"].clone();
    assert_eq!(exchange(&code, &verifier).await.0, 200);
}

#[tokio::test]
async fn an_unconfirmed_user_is_sent_to_confirm_with_a_fresh_code() {
    let (_, challenge) = pkce();
    let username = unique("unconfirmed");
    common::flows::sign_up(&username, PASSWORD).await.ok();
    let mut browser = Browser::default();
    let page = sign_in(
        &mut browser,
        &authorize_url(&challenge, &[]),
        &username,
        PASSWORD,
    )
    .await;
    assert_eq!(page.status, 302, "{}", page.body);
    assert!(
        page.location().starts_with("/confirmUser?"),
        "{}",
        page.location()
    );
    assert!(page.location().contains(&format!("username={username}")));
    let confirm = browser
        .get(&format!("{}{}", server().url, page.location()))
        .await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains(&format!("value=\"{username}\"")));
}

#[tokio::test]
async fn wrong_passwords_on_the_hosted_page_lock_the_account_like_the_api() {
    let (_, challenge) = pkce();
    let username = confirmed_user("lock").await;
    let mut browser = Browser::default();
    let url = authorize_url(&challenge, &[]);
    for _ in 0..5 {
        let page = sign_in(&mut browser, &url, &username, "Wrong-passw0rd!").await;
        assert_eq!(page.status, 400);
    }
    let page = sign_in(&mut browser, &url, &username, PASSWORD).await;
    assert_eq!(page.status, 400, "locked even with the right password");
    assert!(page.body.contains("Password attempts exceeded"));
    let api = common::flows::password_sign_in(&username, PASSWORD).await;
    assert_eq!(
        api.err("NotAuthorizedException"),
        "Password attempts exceeded"
    );
}

#[tokio::test]
async fn an_unknown_idp_identifier_is_refused_back_to_the_app() {
    let (_, challenge) = pkce();
    let page = Browser::default()
        .get(&authorize_url(
            &challenge,
            &[("idp_identifier", "nobody.example")],
        ))
        .await;
    assert_eq!(page.status, 302);
    assert_eq!(params_of(page.location(), '?')["error"], "invalid_request");
}

#[tokio::test]
async fn required_mfa_is_set_up_on_the_hosted_page() {
    let pool = admin_call(
        "CreateUserPool",
        json!({ "PoolName": unique("mfa-on"), "MfaConfiguration": "ON" }),
    )
    .await
    .ok()["UserPool"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let callback = "http://localhost:4002/cb";
    let client = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool, "ClientName": "web", "AllowedOAuthFlows": ["code"],
                "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthScopes": ["openid"],
                "CallbackURLs": [callback] }),
    )
    .await
    .ok()["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    let username = unique("setup");
    common::admin::admin_user(
        &pool,
        &username,
        PASSWORD,
        &format!("{username}@example.com"),
    )
    .await;
    let (_, challenge) = pkce();
    let url = authorize_url(
        &challenge,
        &[
            ("client_id", &client),
            ("redirect_uri", callback),
            ("scope", "openid"),
        ],
    );
    let mut browser = Browser::default();
    let asked = sign_in(&mut browser, &url, &username, PASSWORD).await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    let marker = "Add this key to yours: ";
    let start = asked.body.find(marker).expect("the key is shown") + marker.len();
    let secret: String = asked.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let action = action_of(&asked);
    let code = cognito_server::totp::current_code(&secret, now()).unwrap();
    let done = answer_step(&mut browser, &action, &asked, &[("code", &code)]).await;
    assert_eq!(done.status, 302, "{}", done.body);
    assert!(done.location().starts_with(callback));
    let user = admin_call(
        "AdminGetUser",
        json!({ "UserPoolId": pool, "Username": username }),
    )
    .await
    .ok();
    assert_eq!(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA", "{user}");
    admin_call("DeleteUserPool", json!({ "UserPoolId": pool }))
        .await
        .ok();
}

#[tokio::test]
async fn a_client_without_cognito_as_provider_takes_no_password_on_the_hosted_page() {
    let (_, challenge) = pkce();
    let client = admin_client(json!({
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthScopes": ["openid"],
        "CallbackURLs": ["http://localhost:4002/cb"],
        "SupportedIdentityProviders": ["Google"],
    }))
    .await;
    let username = confirmed_user("nocognito").await;
    let url = authorize_url(
        &challenge,
        &[
            ("client_id", client["ClientId"].as_str().unwrap()),
            ("redirect_uri", "http://localhost:4002/cb"),
            ("scope", "openid"),
        ],
    );
    let mut browser = Browser::default();
    let to_login = browser.get(&url).await;
    assert_eq!(to_login.status, 302, "{}", to_login.body);
    let login = browser.get(to_login.location()).await;
    assert_eq!(login.status, 200, "{}", login.body);
    // Only the provider's button: no username and password form.
    assert!(
        login.body.contains("Continue with Google"),
        "{}",
        login.body
    );
    assert!(!login.body.contains("name=\"password\""), "{}", login.body);
    // A password posted anyway, with a good CSRF token from another client's page, is refused.
    let other = browser.get(&authorize_url(&challenge, &[])).await;
    let other_login = browser.get(other.location()).await;
    let page = browser
        .post(
            to_login.location(),
            &[
                ("_csrf", &other_login.hidden("_csrf")),
                ("username", &username),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.location.is_none(), "{:?}", page.location);
}

/// Starts a Google sign-in in `browser` and signs in at the mock; returns the provider's answer
/// (the `/oauth2/idpresponse` URL), not yet visited.
async fn google_answer(browser: &mut Browser, challenge: &str) -> String {
    let to_provider = browser
        .get(&authorize_url(
            challenge,
            &[("identity_provider", "Google")],
        ))
        .await;
    assert_eq!(to_provider.status, 302, "{}", to_provider.body);
    let provider_url = to_provider.location().to_owned();
    let page = browser.get(&provider_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let mut fields: Vec<(&str, String)> = [
        "_csrf",
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
    ]
    .into_iter()
    .map(|name| (name, page.hidden(name)))
    .collect();
    fields.push(("email", format!("{}@gmail.example", unique("csrf"))));
    fields.push(("name", "Mallory".into()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let back = browser.post(&provider_url, &fields).await;
    assert!(
        back.location().contains("/oauth2/idpresponse?"),
        "{}",
        back.location()
    );
    back.location().to_owned()
}

#[tokio::test]
async fn a_provider_answer_only_completes_in_the_browser_that_started_the_sign_in() {
    let (_, challenge) = pkce();
    // Someone signs in at the provider and hands the answer to another browser (login CSRF:
    // the victim would end up signed in to the hosted UI as that someone).
    let mut attacker = Browser::default();
    let answer = google_answer(&mut attacker, &challenge).await;
    let mut victim = Browser::default();
    let refused = victim.get(&answer).await;
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert!(refused.location.is_none(), "{:?}", refused.location);
    assert!(
        !refused
            .set_cookies
            .iter()
            .any(|cookie| cookie.starts_with("cognito=")),
        "{:?}",
        refused.set_cookies
    );
    // The browser that started it still finishes.
    let done = attacker.get(&answer).await;
    assert_eq!(done.status, 302, "{}", done.body);
    assert!(params_of(done.location(), '?').contains_key("code"));
}

/// Posts the sign-in step form of `page` to `action`: its `_csrf`, `step` and `session` sent
/// back, then `answers`.
async fn answer_step(
    browser: &mut Browser,
    action: &str,
    page: &Page,
    answers: &[(&str, &str)],
) -> Page {
    let (csrf, step, session) = (
        page.hidden("_csrf"),
        page.hidden("step"),
        page.hidden("session"),
    );
    let mut fields = vec![
        ("_csrf", csrf.as_str()),
        ("step", step.as_str()),
        ("session", session.as_str()),
    ];
    fields.extend_from_slice(answers);
    browser.post(action, &fields).await
}
