//! A tiny browser for the hosted UI tests: no redirects followed (so each hop can be checked),
//! a cookie jar, form posts, and reading hidden inputs out of the pages.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};

/// One response: status, `Location`, the `Set-Cookie` lines and the body.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub body: String,
}

impl Page {
    /// The value of a hidden input.
    pub fn hidden(&self, name: &str) -> String {
        hidden_value(&self.body, name).unwrap_or_else(|| panic!("no {name} in {}", self.body))
    }

    /// The Location, which must be there.
    pub fn location(&self) -> &str {
        self.location
            .as_deref()
            .unwrap_or_else(|| panic!("no redirect: {} {}", self.status, self.body))
    }
}

/// A browser session.
#[derive(Debug, Default)]
pub struct Browser {
    pub cookies: BTreeMap<String, String>,
}

impl Browser {
    fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn read(&mut self, response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let set_cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .map(str::to_owned)
            .collect();
        for line in &set_cookies {
            let pair = line.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || line.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let body = response.text().await.expect("body");
        Page {
            status,
            location,
            set_cookies,
            body,
        }
    }

    pub async fn get(&mut self, url: &str) -> Page {
        let response = Self::client()
            .get(url)
            .header("cookie", self.cookie_header())
            .send()
            .await
            .expect("GET");
        self.read(response).await
    }

    pub async fn post(&mut self, url: &str, fields: &[(&str, &str)]) -> Page {
        let response = Self::client()
            .post(url)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(fields))
            .send()
            .await
            .expect("POST");
        self.read(response).await
    }
}

/// `a=b&c=d`, percent-encoded.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(unescape(&html[start..start + end]))
}

/// The form's `action` (the first form on the page), unescaped.
pub fn form_action(html: &str) -> String {
    let marker = "action=\"";
    let start = html.find(marker).expect("a form") + marker.len();
    let end = html[start..].find('"').expect("end of action");
    unescape(&html[start..start + end])
}

/// Query or fragment parameters of a URL, decoded.
pub fn params_of(url: &str, separator: char) -> BTreeMap<String, String> {
    let part = url
        .split_once(separator)
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    part.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (decode(name), decode(value)))
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("utf8");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("utf8")
}

/// A PKCE verifier and its S256 challenge.
pub fn pkce() -> (String, String) {
    let verifier = URL_SAFE_NO_PAD.encode(rand_bytes());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

fn rand_bytes() -> [u8; 48] {
    use rand::RngExt as _;
    let mut bytes = [0u8; 48];
    rand::rng().fill(&mut bytes[..]);
    bytes
}
