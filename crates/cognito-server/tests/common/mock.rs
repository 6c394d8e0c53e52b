//! Playing the browser at the built-in mock identity providers.

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use super::server;

/// Where the mocks send the browser back to in these tests (never fetched).
pub const REDIRECT_URI: &str = "http://127.0.0.1:9/callback";

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// `/_mock/{kind}/authorize?...`.
pub fn authorize_url(kind: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    format!(
        "{}/_mock/{kind}/authorize?{}",
        server().url,
        query.join("&")
    )
}

/// A client that shows redirects instead of following them.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The sign-in page: its CSRF cookie (`name=value`) and HTML.
pub async fn open_page(url: &str) -> (String, String) {
    let page = browser().get(url).send().await.expect("page");
    assert_eq!(page.status(), 200, "sign-in page");
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("cookie pair")
        .to_owned();
    (cookie, page.text().await.expect("html"))
}

/// The value of a hidden field of the first form.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#x27;", "'")
            .replace("&amp;", "&"),
    )
}

/// Opens the page for `params` and submits the "another user" form; returns `Location`.
pub async fn sign_in(kind: &str, params: &[(&str, &str)], email: &str, name: &str) -> String {
    let (cookie, html) = open_page(&authorize_url(kind, params)).await;
    let mut form: Vec<(String, String)> = [
        "_csrf",
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "nonce",
    ]
    .iter()
    .filter_map(|name| hidden(&html, name).map(|value| ((*name).to_owned(), value)))
    .collect();
    form.push(("email".into(), email.into()));
    form.push(("name".into(), name.into()));
    let answer = browser()
        .post(format!("{}/_mock/{kind}/authorize", server().url))
        .header("cookie", cookie)
        .form(&form)
        .send()
        .await
        .expect("form posted");
    assert_eq!(answer.status(), 303, "redirected back");
    answer.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// Decodes `a=1&b=2`.
pub fn decode_pairs(text: &str) -> HashMap<String, String> {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (name.to_owned(), decode(value)))
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8(out).expect("utf-8")
}

/// The query of a redirect, decoded.
pub fn query_of(location: &str) -> HashMap<String, String> {
    decode_pairs(location.split_once('?').map_or("", |(_, query)| query))
}

/// The fragment of a redirect, decoded.
pub fn fragment_of(location: &str) -> HashMap<String, String> {
    decode_pairs(
        location
            .split_once('#')
            .map_or("", |(_, fragment)| fragment),
    )
}

/// The mock's default client of a kind.
pub fn client_id(kind: &str) -> String {
    format!("local-{kind}-client")
}

/// Implicit sign-in at a mock: the tokens from the fragment.
pub async fn implicit(
    kind: &str,
    client_id: &str,
    response_type: &str,
    email: &str,
) -> HashMap<String, String> {
    let location = sign_in(
        kind,
        &[
            ("response_type", response_type),
            ("client_id", client_id),
            ("redirect_uri", REDIRECT_URI),
            ("state", "st"),
            ("nonce", "n-1"),
        ],
        email,
        "Test User",
    )
    .await;
    fragment_of(&location)
}

/// The claims of a JWT, unverified.
pub fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("json")
}
