//! The built-in mock SAML identity provider under `/_mock/saml/`: its metadata (entity id,
//! HTTP-Redirect sign-on URL, a self-signed certificate of its own persisted key) and a sign-on
//! page that answers this server's AuthnRequests with a signed assertion, posted back to the
//! assertion consumer service by an auto-submitting form.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse as _, Response};
use axum::routing::get;
use axum::{Form, Router};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use super::xml::{self, escape};
use super::{MD, REDIRECT_BINDING, SAML, SAMLP, SUCCESS, acs_url, dsig, format_instant};
use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::mock_idp::{blocking, cookie, signer};

const CSRF_COOKIE: &str = "mock_saml_csrf";
/// How long the mock's assertions are valid by default.
const ASSERTION_SECS: i64 = 5 * 60;
/// The users the page offers.
const PRESETS: &[(&str, &str)] = &[
    ("Alice Liddell", "alice@example.com"),
    ("Bob Marley", "bob@example.com"),
];
pub const EMAIL_ATTRIBUTE: &str =
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
pub const NAME_ATTRIBUTE: &str = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

/// The mock's routes.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/_mock/saml/metadata", get(metadata))
        .route("/_mock/saml/sso", get(page).post(submit))
}

/// The mock's entity id.
pub fn entity_id(app: &App) -> String {
    format!("{}/_mock/saml", app.base_url)
}

fn key(app: &App) -> ApiResult<Arc<crate::keys::SigningKey>> {
    app.keys.named(&app.store, "mock-idp-saml")
}

fn certificate(app: &App) -> ApiResult<Vec<u8>> {
    super::der::self_signed_certificate(&*key(app)?, "cognito-server mock SAML IdP")
}

/// The mock's metadata document.
pub fn metadata_xml(app: &App) -> ApiResult<String> {
    let certificate = STANDARD.encode(certificate(app)?);
    Ok(format!(
        "<md:EntityDescriptor xmlns:md=\"{MD}\" xmlns:ds=\"{}\" entityID=\"{}\"><md:IDPSSODescriptor WantAuthnRequestsSigned=\"false\" protocolSupportEnumeration=\"{SAMLP}\"><md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat><md:SingleSignOnService Binding=\"{REDIRECT_BINDING}\" Location=\"{}\"/></md:IDPSSODescriptor></md:EntityDescriptor>",
        dsig::DS,
        escape(&entity_id(app)),
        escape(&format!("{}/_mock/saml/sso", app.base_url)),
    ))
}

async fn metadata(State(app): State<Arc<App>>) -> Response {
    match blocking(app, metadata_xml).await {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/samlmetadata+xml")],
            body,
        )
            .into_response(),
        Err(error) => error.into_response(),
    }
}

/// An AuthnRequest the mock will answer.
#[derive(Debug)]
struct Request {
    id: String,
    /// The service provider (the audience of the answer).
    issuer: String,
}

/// Reads the AuthnRequest; it must want its answer at this server's assertion consumer service.
fn read_request(app: &App, encoded: &str) -> Result<Request, String> {
    let text = super::inflate_base64(encoded)?;
    let root = xml::parse(&text)?;
    if !root.is(SAMLP, "AuthnRequest") {
        return Err("SAMLRequest is not an AuthnRequest".into());
    }
    let id = root
        .attr("ID")
        .filter(|id| !id.is_empty() && id.len() <= 256)
        .ok_or("the AuthnRequest has no ID")?;
    let sso = format!("{}/_mock/saml/sso", app.base_url);
    if root
        .attr("Destination")
        .is_some_and(|destination| destination != sso)
    {
        return Err(format!(
            "the AuthnRequest is for another Destination than {sso}"
        ));
    }
    if root.attr("AssertionConsumerServiceURL") != Some(acs_url(app).as_str()) {
        return Err(format!(
            "the mock answers only at {} (AssertionConsumerServiceURL)",
            acs_url(app)
        ));
    }
    let issuer = root
        .only_child(SAML, "Issuer")
        .map(|issuer| issuer.text().trim().to_owned())
        .filter(|issuer| !issuer.is_empty() && issuer.len() <= 256)
        .ok_or("the AuthnRequest has no Issuer")?;
    Ok(Request {
        id: id.to_owned(),
        issuer,
    })
}

fn with_page_headers(mut response: Response, script_nonce: Option<&str>) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let policy = format!(
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'{}",
        script_nonce.map_or(String::new(), |nonce| format!(
            "; script-src 'nonce-{nonce}'"
        ))
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in error</title></head>\
         <body><h1>Sign-in error</h1><p role=\"alert\">{}</p></body></html>",
        escape(message)
    );
    with_page_headers((status, Html(body)).into_response(), None)
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        escape(name),
        escape(value)
    )
}

const STYLE: &str = "<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#0d1a26}\
button{display:block;width:100%;margin:.4rem 0;padding:.6rem;border:1px solid #89949f;border-radius:4px;background:#fff;cursor:pointer}\
button.primary{background:#047d95;color:#fff;border-color:#047d95}label{display:block;margin:.6rem 0 .2rem}\
input[type=email],input[type=text]{width:100%;padding:.5rem;box-sizing:border-box}</style>";

/// `GET /_mock/saml/sso?SAMLRequest=&RelayState=`: pick or type a user.
async fn page(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let encoded = params.get("SAMLRequest").cloned().unwrap_or_default();
    let relay = params.get("RelayState").cloned().unwrap_or_default();
    let request = match blocking(app, move |app| {
        Ok(read_request(app, &encoded).map(|r| (r, encoded)))
    })
    .await
    {
        Ok(Ok(request)) => request,
        Ok(Err(message)) => return error_page(StatusCode::BAD_REQUEST, &message),
        Err(error) => return error.into_response(),
    };
    let (request, encoded) = request;
    let existing = cookie(&headers, CSRF_COOKIE);
    let csrf = existing
        .clone()
        .unwrap_or_else(|| URL_SAFE_NO_PAD.encode(crate::ids::bytes(24)));
    let fields = format!(
        "{}{}{}",
        hidden("_csrf", &csrf),
        hidden("SAMLRequest", &encoded),
        hidden("RelayState", &relay)
    );
    let presets: String = PRESETS
        .iter()
        .map(|(name, email)| {
            format!(
                "<form method=\"post\">{fields}{}{}<button type=\"submit\">Continue as {} &lt;{}&gt;</button></form>",
                hidden("email", email),
                hidden("name", name),
                escape(name),
                escape(email),
            )
        })
        .collect();
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Sign in with SAML (local mock)</title>{STYLE}</head>\
         <body><main><h1>Sign in with the SAML identity provider</h1>\
         <p>This is the local stand-in for a SAML 2.0 identity provider: pick a user or type one. Service provider: <code>{sp}</code></p>\
         <section aria-label=\"Preset users\">{presets}</section>\
         <form method=\"post\" aria-label=\"Another user\">{fields}\
         <label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">\
         <label for=\"name\">Name</label><input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"name\">\
         <button class=\"primary\" type=\"submit\">Sign in</button></form></main></body></html>",
        sp = escape(&request.issuer),
    );
    let mut response = with_page_headers(Html(body).into_response(), None);
    if existing.is_none()
        && let Ok(cookie) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={csrf}; Path=/_mock/saml; HttpOnly; SameSite=Lax"
        ))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `POST /_mock/saml/sso`: the signed response, in a form that posts itself to the assertion
/// consumer service (with a Continue button when scripts do not run).
///
/// For tests of the service provider, an optional `valid_secs` field (-86400 to 86400, default
/// 300) sets how long the assertion stays valid; a negative value gives an expired one.
async fn submit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(params): Form<HashMap<String, String>>,
) -> Response {
    let sent = params.get("_csrf").cloned().unwrap_or_default();
    let csrf_ok = cookie(&headers, CSRF_COOKIE).is_some_and(|cookie| {
        !sent.is_empty() && bool::from(cookie.as_bytes().ct_eq(sent.as_bytes()))
    });
    if !csrf_ok {
        return error_page(
            StatusCode::FORBIDDEN,
            "The form expired or did not come from this page. Go back and try again.",
        );
    }
    let field = |name: &str| {
        params
            .get(name)
            .map(|value| value.trim().to_owned())
            .unwrap_or_default()
    };
    let email = field("email");
    let name = field("name");
    let (email, name) = match signer(email, name) {
        Ok(signer) => signer,
        Err(message) => return error_page(StatusCode::BAD_REQUEST, message),
    };
    let valid_secs = match field("valid_secs").as_str() {
        "" => ASSERTION_SECS,
        text => match text.parse::<i64>() {
            Ok(secs) if (-86_400..=86_400).contains(&secs) => secs,
            _ => {
                return error_page(
                    StatusCode::BAD_REQUEST,
                    "valid_secs must be a number of seconds.",
                );
            }
        },
    };
    let encoded = field("SAMLRequest");
    let relay = params.get("RelayState").cloned().unwrap_or_default();
    let answer = blocking(app, move |app| {
        let request = match read_request(app, &encoded) {
            Ok(request) => request,
            Err(message) => return Ok(Err(message)),
        };
        Ok(Ok((
            signed_response(app, &request, &email, &name, valid_secs)?,
            acs_url(app),
        )))
    })
    .await;
    let (response, acs) = match answer {
        Ok(Ok(answer)) => answer,
        Ok(Err(message)) => return error_page(StatusCode::BAD_REQUEST, &message),
        Err(error) => return error.into_response(),
    };
    let nonce = URL_SAFE_NO_PAD.encode(crate::ids::bytes(16));
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing in…</title>{STYLE}</head>\
         <body><main><h1>Signing in…</h1>\
         <form id=\"saml\" method=\"post\" action=\"{}\">{}{}\
         <noscript><p>Scripts are off: continue to the application.</p></noscript>\
         <button class=\"primary\" type=\"submit\">Continue</button></form>\
         <script nonce=\"{nonce}\">document.getElementById('saml').submit();</script></main></body></html>",
        escape(&acs),
        hidden("SAMLResponse", &STANDARD.encode(response)),
        hidden("RelayState", &relay),
    );
    with_page_headers(Html(body).into_response(), Some(&nonce))
}

/// The subject the mock gives an email: stable, opaque.
fn subject(email: &str) -> String {
    hex::encode(&Sha256::digest(format!("saml:{}", email.to_lowercase()).as_bytes())[..16])
}

/// A Response with one assertion, signed by the mock, answering `request`.
fn signed_response(
    app: &App,
    request: &Request,
    email: &str,
    name: &str,
    valid_secs: i64,
) -> ApiResult<String> {
    let now = now();
    let issued = format_instant(now);
    let until = format_instant(now + valid_secs);
    let not_before = format_instant(now - 60);
    let assertion_id = format!("_{}", hex::encode(crate::ids::bytes(20)));
    let response_id = format!("_{}", hex::encode(crate::ids::bytes(20)));
    let acs = escape(&acs_url(app));
    let issuer = escape(&entity_id(app));
    let request_id = escape(&request.id);
    let attribute = |attribute_name: &str, value: &str| {
        format!(
            "<saml:Attribute Name=\"{}\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\"><saml:AttributeValue>{}</saml:AttributeValue></saml:Attribute>",
            escape(attribute_name),
            escape(value)
        )
    };
    let assertion = format!(
        "<saml:Assertion xmlns:saml=\"{SAML}\" ID=\"{assertion_id}\" IssueInstant=\"{issued}\" Version=\"2.0\">\
         <saml:Issuer>{issuer}</saml:Issuer>\
         <saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:persistent\">{}</saml:NameID>\
         <saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData InResponseTo=\"{request_id}\" NotOnOrAfter=\"{until}\" Recipient=\"{acs}\"/></saml:SubjectConfirmation></saml:Subject>\
         <saml:Conditions NotBefore=\"{not_before}\" NotOnOrAfter=\"{until}\"><saml:AudienceRestriction><saml:Audience>{}</saml:Audience></saml:AudienceRestriction></saml:Conditions>\
         <saml:AuthnStatement AuthnInstant=\"{issued}\" SessionIndex=\"{assertion_id}\"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>\
         <saml:AttributeStatement>{}{}</saml:AttributeStatement></saml:Assertion>",
        escape(&subject(email)),
        escape(&request.issuer),
        attribute(EMAIL_ATTRIBUTE, email),
        attribute(NAME_ATTRIBUTE, name),
    );
    let key = key(app)?;
    let signed = dsig::sign(
        &assertion,
        &assertion_id,
        "saml:Issuer",
        &key,
        &certificate(app)?,
    )?;
    Ok(format!(
        "<samlp:Response xmlns:samlp=\"{SAMLP}\" ID=\"{response_id}\" Version=\"2.0\" IssueInstant=\"{issued}\" Destination=\"{acs}\" InResponseTo=\"{request_id}\">\
         <saml:Issuer xmlns:saml=\"{SAML}\">{issuer}</saml:Issuer>\
         <samlp:Status><samlp:StatusCode Value=\"{SUCCESS}\"/></samlp:Status>{signed}</samlp:Response>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mock_metadata_reads_back_and_its_signatures_verify() {
        let (app, defaults) = App::for_tests();
        let metadata = super::super::parse_metadata(&metadata_xml(&app).unwrap()).unwrap();
        assert_eq!(metadata.entity_id, entity_id(&app));
        assert_eq!(metadata.sso_url, format!("{}/_mock/saml/sso", app.base_url));
        // The same persisted key gives the same certificate.
        assert_eq!(metadata_xml(&app).unwrap(), metadata_xml(&app).unwrap());

        let request = Request {
            id: "_req1".into(),
            issuer: super::super::sp_entity_id(&defaults.user_pool_id),
        };
        let response = signed_response(&app, &request, "a&b@example.com", "A <B>", 300).unwrap();
        let root = xml::parse(&response).unwrap();
        let claims = super::super::check(
            &app,
            &root,
            &defaults.user_pool_id,
            "_req1",
            &metadata,
            now(),
        )
        .unwrap();
        assert_eq!(claims["sub"], subject("a&b@example.com"));
        assert_eq!(claims[EMAIL_ATTRIBUTE], "a&b@example.com");
        assert_eq!(claims[NAME_ATTRIBUTE], "A <B>");
        let assertion = root.only_child(SAML, "Assertion").unwrap();
        dsig::verify(assertion, &metadata.keys[0]).unwrap();

        // Checked later than it is valid, or by another pool, or for another request: refused.
        let check = |pool: &str, id: &str, at: i64| {
            super::super::check(&app, &root, pool, id, &metadata, at).unwrap_err()
        };
        assert!(check(&defaults.user_pool_id, "_req1", now() + 400).contains("expired"));
        assert!(check("us-east-1_other", "_req1", now()).contains("audience"));
        assert!(check(&defaults.user_pool_id, "_req2", now()).contains("response answers another"));
        // The unsigned Response rewrapped for another request: the signed assertion says which
        // request it answers.
        let rewrapped = response.replacen("InResponseTo=\"_req1\"", "InResponseTo=\"_req2\"", 1);
        assert_ne!(rewrapped, response);
        let root = xml::parse(&rewrapped).unwrap();
        assert!(
            super::super::check(
                &app,
                &root,
                &defaults.user_pool_id,
                "_req2",
                &metadata,
                now()
            )
            .unwrap_err()
            .contains("assertion answers another")
        );
    }
}
