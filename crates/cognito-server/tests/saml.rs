//! SAML 2.0 sign-in through the hosted UI against the built-in mock SAML identity provider,
//! driven hop by hop like a browser, and the responses the service provider must refuse.

mod common;
mod oauth_support;

use std::io::{Read as _, Write as _};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use common::flows::verify_jwt;
use common::{server, unique};
use oauth_support::{Browser, Page, form, form_action, params_of, pkce};

fn home() -> String {
    format!("{}/", server().url)
}

fn authorize_url(challenge: &str, provider: &str) -> String {
    let home = home();
    let pairs: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", &server().client_id),
        ("redirect_uri", &home),
        ("state", "st-saml"),
        ("scope", "openid email profile"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
        ("identity_provider", provider),
    ];
    format!("{}/oauth2/authorize?{}", server().url, form(&pairs))
}

fn inflate(encoded: &str) -> String {
    let raw = STANDARD.decode(encoded).expect("base64");
    let mut text = String::new();
    flate2::read::DeflateDecoder::new(raw.as_slice())
        .read_to_string(&mut text)
        .expect("deflate");
    text
}

fn deflate(text: &str) -> String {
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("deflate");
    STANDARD.encode(encoder.finish().expect("deflate"))
}

/// A sign-in started at /oauth2/authorize with `LocalSAML`: the browser is at the mock's
/// sign-on URL.
struct Started {
    browser: Browser,
    verifier: String,
    sso_url: String,
}

async fn start() -> Started {
    let (verifier, challenge) = pkce();
    let mut browser = Browser::default();
    let to_idp = browser.get(&authorize_url(&challenge, "LocalSAML")).await;
    assert_eq!(to_idp.status, 302, "{}", to_idp.body);
    let sso_url = to_idp.location().to_owned();
    // The sign-in is bound to this browser.
    assert!(
        to_idp
            .set_cookies
            .iter()
            .any(|cookie| cookie.starts_with("cognito-idp-state=")),
        "{:?}",
        to_idp.set_cookies
    );
    assert!(
        sso_url.starts_with(&format!("{}/_mock/saml/sso?SAMLRequest=", server().url)),
        "{sso_url}"
    );
    Started {
        browser,
        verifier,
        sso_url,
    }
}

/// What the mock's answer page posts.
struct Answer {
    action: String,
    response: String,
    relay_state: String,
}

impl Answer {
    fn xml(&self) -> String {
        String::from_utf8(STANDARD.decode(&self.response).expect("base64")).expect("utf8")
    }

    fn with_xml(&self, xml: &str) -> Self {
        Self {
            action: self.action.clone(),
            response: STANDARD.encode(xml),
            relay_state: self.relay_state.clone(),
        }
    }
}

/// Opens the mock's page at `sso_url`, signs in as `email` (with extra form fields), and
/// reads the auto-posting form it answers with.
async fn at_mock(
    browser: &mut Browser,
    sso_url: &str,
    email: &str,
    extra: &[(&str, &str)],
) -> Answer {
    let page = browser.get(sso_url).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Preset users"));
    let (csrf, request, relay) = (
        page.hidden("_csrf"),
        page.hidden("SAMLRequest"),
        page.hidden("RelayState"),
    );
    let mut fields = vec![
        ("_csrf", csrf.as_str()),
        ("SAMLRequest", request.as_str()),
        ("RelayState", relay.as_str()),
        ("email", email),
        ("name", "Sam <L>"),
    ];
    fields.extend_from_slice(extra);
    let answer = browser
        .post(&format!("{}/_mock/saml/sso", server().url), &fields)
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // Posts itself when scripts run; a visible button when they do not.
    assert!(answer.body.contains("<script nonce="), "{}", answer.body);
    assert!(answer.body.contains(">Continue</button>"));
    Answer {
        action: form_action(&answer.body),
        response: answer.hidden("SAMLResponse"),
        relay_state: answer.hidden("RelayState"),
    }
}

async fn post_to_acs(browser: &mut Browser, answer: &Answer) -> Page {
    assert_eq!(answer.action, format!("{}/saml2/idpresponse", server().url));
    browser
        .post(
            &answer.action,
            &[
                ("SAMLResponse", answer.response.as_str()),
                ("RelayState", answer.relay_state.as_str()),
            ],
        )
        .await
}

/// The ACS refused the response: back through /oauth2/idpresponse to the app with
/// `access_denied`; the reason given.
async fn refused(browser: &mut Browser, page: &Page) -> String {
    assert_eq!(page.status, 303, "{}", page.body);
    let params = params_of(page.location(), '?');
    assert_eq!(params["error"], "access_denied", "{}", page.location());
    let at_app = browser.get(page.location()).await;
    assert_eq!(at_app.status, 302, "{}", at_app.body);
    assert!(at_app.location().starts_with(&home()));
    let app_params = params_of(at_app.location(), '?');
    assert_eq!(app_params["error"], "access_denied");
    assert_eq!(app_params["state"], "st-saml");
    assert!(!app_params.contains_key("code"));
    params["error_description"].clone()
}

/// The mock identity provider's metadata document.
async fn mock_metadata() -> String {
    reqwest::get(format!("{}/_mock/saml/metadata", server().url))
        .await
        .expect("metadata")
        .text()
        .await
        .expect("text")
}

async fn exchange(code: &str, verifier: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/oauth2/token", server().url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("grant_type", "authorization_code"),
            ("client_id", &server().client_id),
            ("code", code),
            ("redirect_uri", &home()),
            ("code_verifier", verifier),
        ]))
        .send()
        .await
        .expect("token call");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn the_login_page_offers_local_saml_and_the_metadata_describes_the_mock() {
    let (_, challenge) = pkce();
    let mut browser = Browser::default();
    let url = authorize_url(&challenge, "").replace("&identity_provider=", "");
    let to_login = browser.get(&url).await;
    let login = browser.get(to_login.location()).await;
    assert!(login.body.contains("LocalSAML"), "{}", login.body);

    let metadata = reqwest::get(format!("{}/_mock/saml/metadata", server().url))
        .await
        .expect("metadata");
    assert_eq!(metadata.status(), 200);
    let text = metadata.text().await.expect("text");
    assert!(text.contains(&format!("entityID=\"{}/_mock/saml\"", server().url)));
    assert!(text.contains("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"));
    assert!(text.contains("<ds:X509Certificate>MII"));
}

#[tokio::test]
async fn a_saml_sign_in_runs_the_whole_redirect_dance_once() {
    let Started {
        mut browser,
        verifier,
        sso_url,
    } = start().await;
    // The AuthnRequest, as the HTTP-Redirect binding carries it.
    let request = inflate(&params_of(&sso_url, '?')["SAMLRequest"]);
    assert!(request.starts_with("<samlp:AuthnRequest "), "{request}");
    assert!(request.contains(&format!(
        "AssertionConsumerServiceURL=\"{}/saml2/idpresponse\"",
        server().url
    )));
    assert!(request.contains(&format!(
        "<saml:Issuer>urn:amazon:cognito:sp:{}</saml:Issuer>",
        server().pool_id
    )));
    assert!(request.contains(&format!("Destination=\"{}/_mock/saml/sso\"", server().url)));
    let relay = params_of(&sso_url, '?')["RelayState"].clone();
    assert!(!relay.is_empty() && relay != "st-saml");

    let email = format!("{}@saml.example", unique("sam"));
    let answer = at_mock(&mut browser, &sso_url, &email, &[]).await;
    assert_eq!(answer.relay_state, relay);
    let xml = answer.xml();
    assert!(xml.contains("<ds:Signature"), "{xml}");
    assert!(xml.contains(&format!(
        "<saml:Audience>urn:amazon:cognito:sp:{}</saml:Audience>",
        server().pool_id
    )));

    let at_acs = post_to_acs(&mut browser, &answer).await;
    assert_eq!(at_acs.status, 303, "{}", at_acs.body);
    assert!(
        at_acs
            .location()
            .starts_with(&format!("{}/oauth2/idpresponse?code=", server().url)),
        "{}",
        at_acs.location()
    );
    let done = browser.get(at_acs.location()).await;
    assert_eq!(done.status, 302, "{}", done.body);
    assert!(done.location().starts_with(&home()));
    let params = params_of(done.location(), '?');
    assert_eq!(params["state"], "st-saml");
    let (status, tokens) = exchange(&params["code"], &verifier).await;
    assert_eq!(status, 200, "{tokens}");
    let (_, id) = verify_jwt(tokens["id_token"].as_str().expect("id token")).await;
    let username = id["cognito:username"].as_str().expect("username");
    assert!(username.starts_with("LocalSAML_"), "{id}");
    assert_eq!(id["email"], email.as_str());
    assert_eq!(id["name"], "Sam <L>");
    assert_eq!(id["identities"][0]["providerType"], "SAML", "{id}");
    assert_eq!(id["identities"][0]["providerName"], "LocalSAML");
    assert_eq!(
        format!(
            "LocalSAML_{}",
            id["identities"][0]["userId"].as_str().expect("userId")
        ),
        username
    );

    // The same response again: its request was answered already.
    let replay = post_to_acs(&mut Browser::default(), &answer).await;
    assert_eq!(replay.status, 400, "{}", replay.body);
    assert!(replay.body.contains("used already"), "{}", replay.body);
    // And the one-time result code is spent.
    let again = browser.get(at_acs.location()).await;
    assert_eq!(again.status, 400);
}

#[tokio::test]
async fn a_response_changed_after_signing_is_refused_and_its_request_is_spent() {
    let Started {
        mut browser,
        sso_url,
        ..
    } = start().await;
    let email = format!("{}@saml.example", unique("tamper"));
    let answer = at_mock(&mut browser, &sso_url, &email, &[]).await;
    let xml = answer.xml();
    assert!(xml.contains(&format!("<saml:AttributeValue>{email}<")));
    let tampered = answer.with_xml(&xml.replace(
        &format!("<saml:AttributeValue>{email}<"),
        "<saml:AttributeValue>admin@saml.example<",
    ));
    let page = post_to_acs(&mut browser, &tampered).await;
    let why = refused(&mut browser, &page).await;
    assert!(why.contains("digest"), "{why}");

    // The genuine response cannot be used after that: the request was answered.
    let late = post_to_acs(&mut browser, &answer).await;
    assert_eq!(late.status, 400, "{}", late.body);
}

#[tokio::test]
async fn an_assertion_for_another_audience_is_refused() {
    let Started {
        mut browser,
        sso_url,
        ..
    } = start().await;
    // The same request, but naming another pool as the service provider: the mock signs an
    // assertion for that audience.
    let params = params_of(&sso_url, '?');
    let request = inflate(&params["SAMLRequest"]).replace(
        &format!("urn:amazon:cognito:sp:{}", server().pool_id),
        "urn:amazon:cognito:sp:us-east-1_SomeOther",
    );
    let forged_url = format!(
        "{}/_mock/saml/sso?{}",
        server().url,
        form(&[
            ("SAMLRequest", &deflate(&request)),
            ("RelayState", &params["RelayState"]),
        ])
    );
    let answer = at_mock(&mut browser, &forged_url, "aud@saml.example", &[]).await;
    let page = post_to_acs(&mut browser, &answer).await;
    let why = refused(&mut browser, &page).await;
    assert!(why.contains("audience"), "{why}");
}

#[tokio::test]
async fn an_expired_assertion_is_refused() {
    let Started {
        mut browser,
        sso_url,
        ..
    } = start().await;
    let answer = at_mock(
        &mut browser,
        &sso_url,
        "old@saml.example",
        &[("valid_secs", "-600")],
    )
    .await;
    let page = post_to_acs(&mut browser, &answer).await;
    let why = refused(&mut browser, &page).await;
    assert!(why.contains("expired"), "{why}");
}

fn signature_span(xml: &str) -> (usize, usize) {
    let start = xml.find("<ds:Signature").expect("signature");
    let end = xml.find("</ds:Signature>").expect("signature end") + "</ds:Signature>".len();
    (start, end)
}

#[tokio::test]
async fn an_unsigned_assertion_is_refused() {
    let Started {
        mut browser,
        sso_url,
        ..
    } = start().await;
    let answer = at_mock(&mut browser, &sso_url, "unsigned@saml.example", &[]).await;
    let xml = answer.xml();
    let (start, end) = signature_span(&xml);
    let unsigned = answer.with_xml(&format!("{}{}", &xml[..start], &xml[end..]));
    let page = post_to_acs(&mut browser, &unsigned).await;
    let why = refused(&mut browser, &page).await;
    assert!(why.contains("not signed"), "{why}");
}

#[tokio::test]
async fn signature_wrapping_is_refused() {
    // A forged, unsigned assertion for another subject placed where the service provider
    // reads, the genuine signed one kept elsewhere in the message so its signature still holds.
    for variant in ["beside", "same-id-in-extensions"] {
        let Started {
            mut browser,
            sso_url,
            ..
        } = start().await;
        let answer = at_mock(&mut browser, &sso_url, "victim@saml.example", &[]).await;
        let xml = answer.xml();
        let a_start = xml.find("<saml:Assertion").expect("assertion");
        let a_end = xml.find("</saml:Assertion>").expect("end") + "</saml:Assertion>".len();
        let genuine = &xml[a_start..a_end];
        let (s_start, s_end) = signature_span(genuine);
        let unsigned = format!("{}{}", &genuine[..s_start], &genuine[s_end..]);
        let name_id_start = unsigned.find("persistent\">").expect("NameID") + "persistent\">".len();
        let name_id_end = name_id_start + unsigned[name_id_start..].find('<').expect("end");
        let mut forged = format!(
            "{}attacker-subject{}",
            &unsigned[..name_id_start],
            &unsigned[name_id_end..]
        )
        .replace("victim@saml.example", "attacker@saml.example");
        let wrapped = if variant == "beside" {
            let id_start = forged.find(" ID=\"").expect("ID") + 5;
            let id_end = id_start + forged[id_start..].find('"').expect("end");
            forged.replace_range(id_start..id_end, "_forged");
            format!("{}{forged}{}", &xml[..a_start], &xml[a_start..])
        } else {
            format!(
                "{}<samlp:Extensions>{genuine}</samlp:Extensions>{forged}{}",
                &xml[..a_start],
                &xml[a_end..]
            )
        };
        let page = post_to_acs(&mut browser, &answer.with_xml(&wrapped)).await;
        let why = refused(&mut browser, &page).await;
        assert!(
            why.contains("exactly one assertion") || why.contains("share one ID"),
            "{variant}: {why}"
        );
    }
}

#[tokio::test]
async fn a_response_needs_the_sign_in_it_answers_and_its_relay_state() {
    let Started {
        mut browser,
        sso_url,
        ..
    } = start().await;
    let answer = at_mock(&mut browser, &sso_url, "relay@saml.example", &[]).await;
    let mut other = answer.with_xml(&answer.xml());
    other.relay_state = "someone-elses-state".into();
    let page = post_to_acs(&mut browser, &other).await;
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.location.is_none());

    // The mock's form needs its CSRF token.
    let forged = Browser::default()
        .post(
            &format!("{}/_mock/saml/sso", server().url),
            &[
                (
                    "SAMLRequest",
                    params_of(&sso_url, '?')["SAMLRequest"].as_str(),
                ),
                ("email", "csrf@saml.example"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403, "{}", forged.body);

    let junk = browser
        .post(
            &format!("{}/saml2/idpresponse", server().url),
            &[("SAMLResponse", "%%%"), ("RelayState", "x")],
        )
        .await;
    assert_eq!(junk.status, 400);
    let doctype = answer.with_xml("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>");
    assert_eq!(post_to_acs(&mut browser, &doctype).await.status, 400);
}

#[tokio::test]
async fn metadata_files_are_checked_when_a_provider_is_created() {
    use common::admin::admin_call;
    let metadata = mock_metadata().await;
    let create = |name: &str, file: &str| {
        serde_json::json!({
            "UserPoolId": server().pool_id,
            "ProviderName": name,
            "ProviderType": "SAML",
            "ProviderDetails": { "MetadataFile": file },
            "AttributeMapping": { "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" },
        })
    };
    let without_certificate = metadata
        .split("<md:KeyDescriptor")
        .next()
        .map(|head| {
            format!(
                "{head}{}",
                &metadata[metadata.find("</md:KeyDescriptor>").expect("end") + 19..]
            )
        })
        .expect("split");
    for bad in [
        "not xml",
        "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>",
        without_certificate.as_str(),
    ] {
        let message = admin_call("CreateIdentityProvider", create("BadSAML", bad))
            .await
            .err("InvalidParameterException");
        assert!(message.contains("metadata"), "{message}");
    }
    let created = admin_call("CreateIdentityProvider", create("FileSAML", &metadata))
        .await
        .ok();
    assert_eq!(created["IdentityProvider"]["ProviderType"], "SAML");

    // A client of its own signs in through it (the metadata read from the file).
    let id = sign_in_through("FileSAML").await;
    assert_eq!(id["identities"][0]["providerName"], "FileSAML", "{id}");

    admin_call(
        "DeleteIdentityProvider",
        serde_json::json!({ "UserPoolId": server().pool_id, "ProviderName": "FileSAML" }),
    )
    .await
    .ok();
}

/// Signs a new user in through the pool's SAML provider `provider` with a client of its own;
/// the id token's claims.
async fn sign_in_through(provider: &str) -> Value {
    use common::admin::admin_call;
    let callback = "http://localhost:4001/cb";
    let client = admin_call(
        "CreateUserPoolClient",
        serde_json::json!({
            "UserPoolId": server().pool_id,
            "ClientName": unique("saml-client"),
            "AllowedOAuthFlows": ["code"],
            "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthScopes": ["openid", "email"],
            "CallbackURLs": [callback],
            "SupportedIdentityProviders": [provider],
        }),
    )
    .await
    .ok();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .expect("client id");
    let (verifier, challenge) = pkce();
    let mut browser = Browser::default();
    let url = format!(
        "{}/oauth2/authorize?{}",
        server().url,
        form(&[
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", callback),
            ("state", "st-file"),
            ("scope", "openid email"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("identity_provider", provider),
        ])
    );
    let to_idp = browser.get(&url).await;
    assert_eq!(to_idp.status, 302, "{}", to_idp.body);
    let email = format!("{}@file.example", unique("file"));
    let answer = at_mock(&mut browser, to_idp.location(), &email, &[]).await;
    let at_acs = post_to_acs(&mut browser, &answer).await;
    assert_eq!(at_acs.status, 303, "{}", at_acs.body);
    let done = browser.get(at_acs.location()).await;
    assert!(done.location().starts_with(callback), "{}", done.location());
    let params = params_of(done.location(), '?');
    assert_eq!(params["state"], "st-file");
    let response = reqwest::Client::new()
        .post(format!("{}/oauth2/token", server().url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("grant_type", "authorization_code"),
            ("client_id", client_id),
            ("code", &params["code"]),
            ("redirect_uri", callback),
            ("code_verifier", &verifier),
        ]))
        .send()
        .await
        .expect("token call");
    let tokens: Value = response.json().await.expect("json");
    let (_, id) = verify_jwt(tokens["id_token"].as_str().expect("id token")).await;
    assert_eq!(id["email"], email.as_str());
    id
}

#[tokio::test]
async fn metadata_is_fetched_from_another_metadata_url() {
    use common::admin::admin_call;
    let metadata = mock_metadata().await;
    // Another host serving the mock's metadata, as a real identity provider serves its own.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!(
        "http://{}/idp/metadata.xml",
        listener.local_addr().expect("addr")
    );
    let router = axum::Router::new().route(
        "/idp/metadata.xml",
        axum::routing::get(move || {
            let metadata = metadata.clone();
            async move { metadata }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    let create = |name: &str, url: &str| {
        serde_json::json!({
            "UserPoolId": server().pool_id,
            "ProviderName": name,
            "ProviderType": "SAML",
            "ProviderDetails": { "MetadataURL": url },
            "AttributeMapping": { "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" },
        })
    };
    admin_call("CreateIdentityProvider", create("UrlSAML", &url))
        .await
        .ok();
    let id = sign_in_through("UrlSAML").await;
    assert_eq!(id["identities"][0]["providerName"], "UrlSAML", "{id}");

    // Metadata that cannot be had: the sign-in goes back to the app with an error.
    let missing = url.replace("metadata.xml", "gone.xml");
    admin_call("CreateIdentityProvider", create("GoneSAML", &missing))
        .await
        .ok();
    let (_, challenge) = pkce();
    let client = admin_call(
        "CreateUserPoolClient",
        serde_json::json!({
            "UserPoolId": server().pool_id,
            "ClientName": unique("saml-client"),
            "AllowedOAuthFlows": ["code"],
            "AllowedOAuthFlowsUserPoolClient": true,
            "AllowedOAuthScopes": ["openid"],
            "CallbackURLs": ["http://localhost:4001/cb"],
            "SupportedIdentityProviders": ["GoneSAML"],
        }),
    )
    .await
    .ok();
    let page = Browser::default()
        .get(&format!(
            "{}/oauth2/authorize?{}",
            server().url,
            form(&[
                ("response_type", "code"),
                (
                    "client_id",
                    client["UserPoolClient"]["ClientId"].as_str().expect("id")
                ),
                ("redirect_uri", "http://localhost:4001/cb"),
                ("state", "st-gone"),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("identity_provider", "GoneSAML"),
            ])
        ))
        .await;
    assert_eq!(page.status, 302, "{}", page.body);
    let params = params_of(page.location(), '?');
    assert_eq!(params["error"], "server_error", "{}", page.location());
    assert!(params["error_description"].contains("404"), "{params:?}");
    for name in ["UrlSAML", "GoneSAML"] {
        admin_call(
            "DeleteIdentityProvider",
            serde_json::json!({ "UserPoolId": server().pool_id, "ProviderName": name }),
        )
        .await
        .ok();
    }
}
