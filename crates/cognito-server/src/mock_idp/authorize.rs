//! The mock's sign-in page: `GET /_mock/{kind}/authorize` shows preset users and a form for any
//! email and name; the `POST` (with a CSRF token) answers with a code or implicit tokens.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq as _;

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::form;
use crate::store::MockGrant;

use super::{
    CODE_SECS, PRESETS, Person, TOKEN_SECS, access_token, blocking, client_secret, cookie, escape,
    id_token, kind, signer, unknown_kind,
};

const CSRF_COOKIE: &str = "mock_idp_csrf";

/// An authorize request, checked.
#[derive(Debug, Clone)]
struct Request {
    /// `code`, or implicit with an id token and/or an access token.
    code: bool,
    id_token: bool,
    token: bool,
    response_type: String,
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    scope: String,
    nonce: Option<String>,
}

/// The query (GET) or form (POST) parameters, checked against what the mock supports.
fn check(
    app: &App,
    kind: &str,
    params: &HashMap<String, String>,
) -> ApiResult<Result<Request, String>> {
    let get = |name: &str| params.get(name).filter(|value| !value.is_empty()).cloned();
    let Some(client_id) = get("client_id") else {
        return Ok(Err("client_id is required.".into()));
    };
    if client_secret(app, kind, &client_id)?.is_none() {
        return Ok(Err(format!("Unknown client_id {client_id}.")));
    }
    let Some(redirect_uri) = get("redirect_uri") else {
        return Ok(Err("redirect_uri is required.".into()));
    };
    let web = redirect_uri.starts_with("http://") || redirect_uri.starts_with("https://");
    if !web
        || !may_return_to(app, &redirect_uri)
        || redirect_uri.len() > 2048
        || redirect_uri.contains('#')
        || redirect_uri
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return Ok(Err(
            "redirect_uri must be an http or https URL without a fragment, on this server or on this machine.".into(),
        ));
    }
    let response_type = get("response_type").unwrap_or_default();
    let mut words: Vec<&str> = response_type
        .split([' ', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    let (code, id_token, token) = match words.as_slice() {
        ["code"] => (true, false, false),
        ["id_token"] => (false, true, false),
        ["token"] => (false, false, true),
        ["id_token", "token"] => (false, true, true),
        _ => {
            return Ok(Err(format!(
                "Unsupported response_type {response_type:?}: use code, id_token, token or \"id_token token\"."
            )));
        }
    };
    Ok(Ok(Request {
        code,
        id_token,
        token,
        response_type,
        client_id,
        redirect_uri,
        state: get("state"),
        scope: get("scope").unwrap_or_else(|| "openid email profile".into()),
        nonce: get("nonce"),
    }))
}

/// Where a mock may send codes and tokens. A real provider sends them only to the app's
/// registered URIs; the mock, which has no registrations, only to this server (the hosted UI's
/// `/oauth2/idpresponse`) or to a page on this machine, never to another site.
fn may_return_to(app: &App, redirect_uri: &str) -> bool {
    redirect_uri
        .strip_prefix(app.base_url.as_str())
        .is_some_and(|path| path.starts_with('/'))
        || crate::oauth::is_loopback_uri(redirect_uri)
}

fn display_name(kind: &str) -> &'static str {
    match kind {
        "google" => "Google",
        "facebook" => "Facebook",
        "amazon" => "Amazon",
        "apple" => "Apple",
        _ => "OpenID Connect",
    }
}

/// A plain page saying what was wrong; nothing is redirected to an unchecked URL.
fn error_page(message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in error</title></head>\
         <body><h1>Sign-in error</h1><p role=\"alert\">{}</p></body></html>",
        escape(message)
    );
    with_page_headers((StatusCode::BAD_REQUEST, Html(body)).into_response())
}

fn with_page_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        // No form-action: browsers apply it to the redirect back to the app, on another origin.
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

pub async fn page(
    State(app): State<Arc<App>>,
    Path(kind_segment): Path<String>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(kind) = kind(&kind_segment) else {
        return unknown_kind();
    };
    let checked = blocking(app, move |app| check(app, kind, &params)).await;
    let request = match checked {
        Ok(Ok(request)) => request,
        Ok(Err(message)) => return error_page(&message),
        Err(error) => return error.into_response(),
    };
    let existing = cookie(&headers, CSRF_COOKIE);
    let csrf = existing
        .clone()
        .unwrap_or_else(|| URL_SAFE_NO_PAD.encode(crate::ids::bytes(24)));
    let hidden = hidden_fields(&request, &csrf);
    let presets: String = PRESETS
        .iter()
        .map(|(name, email)| {
            format!(
                "<form method=\"post\">{hidden}<input type=\"hidden\" name=\"email\" value=\"{email}\">\
                 <input type=\"hidden\" name=\"name\" value=\"{name}\">\
                 <button type=\"submit\">Continue as {name} &lt;{email}&gt;</button></form>",
                email = escape(email),
                name = escape(name),
            )
        })
        .collect();
    let provider = display_name(kind);
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Sign in with {provider} (local mock)</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#0d1a26}}\
         button{{display:block;width:100%;margin:.4rem 0;padding:.6rem;border:1px solid #89949f;border-radius:4px;background:#fff;cursor:pointer}}\
         button.primary{{background:#047d95;color:#fff;border-color:#047d95}}label{{display:block;margin:.6rem 0 .2rem}}\
         input[type=email],input[type=text]{{width:100%;padding:.5rem;box-sizing:border-box}}</style></head>\
         <body><main><h1>Sign in with {provider}</h1>\
         <p>This is the local stand-in for {provider}: pick a user or type one. Application: <code>{client}</code></p>\
         <section aria-label=\"Preset users\">{presets}</section>\
         <form method=\"post\" aria-label=\"Another user\">{hidden}\
         <label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">\
         <label for=\"name\">Name</label><input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"name\">\
         <button class=\"primary\" type=\"submit\">Sign in</button></form></main></body></html>",
        client = escape(&request.client_id),
    );
    let mut response = with_page_headers(Html(body).into_response());
    if existing.is_none()
        && let Ok(cookie) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={csrf}; Path=/_mock; HttpOnly; SameSite=Lax"
        ))
    {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

fn hidden_fields(request: &Request, csrf: &str) -> String {
    let mut fields = vec![
        ("_csrf", csrf),
        ("response_type", request.response_type.as_str()),
        ("client_id", request.client_id.as_str()),
        ("redirect_uri", request.redirect_uri.as_str()),
        ("scope", request.scope.as_str()),
    ];
    if let Some(state) = &request.state {
        fields.push(("state", state));
    }
    if let Some(nonce) = &request.nonce {
        fields.push(("nonce", nonce));
    }
    fields
        .into_iter()
        .map(|(name, value)| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            )
        })
        .collect()
}

pub async fn submit(
    State(app): State<Arc<App>>,
    Path(kind_segment): Path<String>,
    headers: HeaderMap,
    Form(params): Form<HashMap<String, String>>,
) -> Response {
    let Some(kind) = kind(&kind_segment) else {
        return unknown_kind();
    };
    let sent = params.get("_csrf").cloned().unwrap_or_default();
    let csrf_ok = cookie(&headers, CSRF_COOKIE).is_some_and(|cookie| {
        !sent.is_empty() && bool::from(cookie.as_bytes().ct_eq(sent.as_bytes()))
    });
    if !csrf_ok {
        return with_page_headers(
            (StatusCode::FORBIDDEN, Html("<!doctype html><p role=\"alert\">The form expired or did not come from this page. Go back and try again.</p>"))
                .into_response(),
        );
    }
    let email = params
        .get("email")
        .map(|email| email.trim().to_owned())
        .unwrap_or_default();
    let name = params
        .get("name")
        .map(|name| name.trim().to_owned())
        .unwrap_or_default();
    let (email, name) = match signer(email, name) {
        Ok(signer) => signer,
        Err(message) => return error_page(message),
    };
    let result = blocking(app, move |app| {
        let request = match check(app, kind, &params)? {
            Ok(request) => request,
            Err(message) => return Ok(Err(message)),
        };
        let person = Person::new(kind, &email, &name);
        Ok(Ok(answer(app, kind, &request, &person)?))
    })
    .await;
    match result {
        Ok(Ok(location)) => Redirect::to(&location).into_response(),
        Ok(Err(message)) => error_page(&message),
        Err(error) => error.into_response(),
    }
}

/// Where the browser goes next: the redirect URI with a code in the query, or tokens in the
/// fragment.
fn answer(app: &App, kind: &str, request: &Request, person: &Person) -> ApiResult<String> {
    let now = now();
    let state = request.state.as_deref();
    if request.code {
        let code = URL_SAFE_NO_PAD.encode(crate::ids::bytes(32));
        let grant = MockGrant {
            kind: kind.to_owned(),
            client_id: request.client_id.clone(),
            redirect_uri: request.redirect_uri.clone(),
            subject: person.subject.clone(),
            email: person.email.clone(),
            name: person.name.clone(),
            nonce: request.nonce.clone(),
            scope: request.scope.clone(),
        };
        app.store
            .put_mock_code(&code, &grant, now + CODE_SECS, now)?;
        let mut pairs = vec![("code", code.as_str())];
        if let Some(state) = state {
            pairs.push(("state", state));
        }
        return Ok(form::with_query(&request.redirect_uri, &pairs));
    }
    let id = if request.id_token {
        Some(id_token(
            app,
            kind,
            &request.client_id,
            person,
            request.nonce.as_deref(),
            now,
        )?)
    } else {
        None
    };
    let access = if request.token {
        Some(access_token(
            app,
            kind,
            &request.client_id,
            person,
            &request.scope,
            now,
        )?)
    } else {
        None
    };
    let expires_in = TOKEN_SECS.to_string();
    let mut pairs = Vec::new();
    if let Some(id) = &id {
        pairs.push(("id_token", id.as_str()));
    }
    if let Some(access) = &access {
        pairs.extend([
            ("access_token", access.as_str()),
            ("token_type", "Bearer"),
            ("expires_in", expires_in.as_str()),
        ]);
    }
    if let Some(state) = state {
        pairs.push(("state", state));
    }
    Ok(format!(
        "{}#{}",
        request.redirect_uri,
        form::encode_pairs(&pairs)
    ))
}
