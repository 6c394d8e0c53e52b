//! Browser stores: localStorage, sessionStorage and cookies.

use super::{StorageError, TokenStore};
use crate::config::{CookieStorage, SameSite};

fn window() -> Result<web_sys::Window, StorageError> {
    web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))
}

fn js_error(error: wasm_bindgen::JsValue) -> StorageError {
    StorageError::Failed(format!("{error:?}"))
}

/// A `TokenStore` over one of the window's `Storage` objects.
macro_rules! web_storage {
    ($(#[$doc:meta])* $name:ident, $getter:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            fn storage() -> Result<web_sys::Storage, StorageError> {
                window()?
                    .$getter()
                    .map_err(js_error)?
                    .ok_or_else(|| StorageError::Unavailable(concat!($what, " is disabled").into()))
            }
        }

        impl TokenStore for $name {
            fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
                Self::storage()?.get_item(key).map_err(js_error)
            }
            fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
                Self::storage()?.set_item(key, value).map_err(js_error)
            }
            fn remove(&self, key: &str) -> Result<(), StorageError> {
                Self::storage()?.remove_item(key).map_err(js_error)
            }
        }
    };
}

web_storage!(
    /// `window.localStorage`: survives reloads and browser restarts (Amplify's default).
    LocalStorage,
    local_storage,
    "localStorage"
);

web_storage!(
    /// `window.sessionStorage`: survives reloads, not closing the tab.
    SessionStorage,
    session_storage,
    "sessionStorage"
);

/// Cookies with Amplify's `cookieStorage` settings (domain, path, lifetime, secure, SameSite), so
/// sub-domains can share a session.
#[derive(Debug, Clone)]
pub struct CookieStore {
    options: CookieStorage,
}

impl CookieStore {
    /// Cookies with these settings.
    pub fn new(options: CookieStorage) -> Self {
        Self { options }
    }

    fn document() -> Result<web_sys::HtmlDocument, StorageError> {
        use wasm_bindgen::JsCast;
        window()?
            .document()
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
            .ok_or_else(|| StorageError::Unavailable("no HTML document".into()))
    }

    fn write(&self, key: &str, value: &str, max_age_secs: u64) -> Result<(), StorageError> {
        let mut cookie = format!(
            "{}={}; path={}; max-age={max_age_secs}",
            encode(key),
            encode(value),
            self.options.path
        );
        if let Some(domain) = &self.options.domain {
            cookie.push_str("; domain=");
            cookie.push_str(domain);
        }
        if self.options.secure {
            cookie.push_str("; secure");
        }
        match self.options.same_site {
            Some(SameSite::Strict) => cookie.push_str("; samesite=strict"),
            Some(SameSite::Lax) => cookie.push_str("; samesite=lax"),
            Some(SameSite::None) => cookie.push_str("; samesite=none"),
            None => {}
        }
        Self::document()?.set_cookie(&cookie).map_err(js_error)
    }
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

fn decode(text: &str) -> Option<String> {
    js_sys::decode_uri_component(text).ok().map(String::from)
}

impl TokenStore for CookieStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let cookies = Self::document()?.cookie().map_err(js_error)?;
        let wanted = encode(key);
        Ok(cookies.split(';').find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == wanted).then(|| decode(value)).flatten()
        }))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.write(key, value, u64::from(self.options.expires_days) * 86_400)
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.write(key, "", 0)
    }
}
