//! Unicode case mapping for this crate and the ones built on it (yew-authenticator). In the
//! browser, `String.prototype.toLowerCase`/`toUpperCase` do it: the same mappings as
//! `str::to_lowercase`/`to_uppercase`, without linking Rust's case tables (several KB of wasm
//! each) into every app.

/// `text.to_lowercase()`.
pub fn to_lowercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

/// `text.to_uppercase()`.
pub fn to_uppercase(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_upper_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    /// The browser's mappings are Rust's, beyond ASCII too: special casing, final sigma.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn case_mapping_is_unicode() {
        for text in [
            "Sign In",
            "PHONE_NUMBER",
            "İSTANBUL",
            "ΟΔΟΣ ΟΔΟΣ.",
            "straße",
            "ÉQUIPE",
            "ǅ",
            "ﬁ",
            "",
        ] {
            assert_eq!(super::to_lowercase(text), text.to_lowercase(), "{text}");
            assert_eq!(super::to_uppercase(text), text.to_uppercase(), "{text}");
        }
        assert_eq!(super::to_lowercase("ΟΔΟΣ"), "οδος");
        assert_eq!(super::to_uppercase("straße"), "STRASSE");
        assert_eq!(super::to_lowercase("İ"), "i\u{307}");
    }
}
