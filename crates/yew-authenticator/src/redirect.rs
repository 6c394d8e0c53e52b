//! The browser's side of the hosted UI callback: the page's URL on load, and cleaning the OAuth
//! parameters out of the address bar once they are used.

use yew::prelude::*;

/// The page's URL (`location.href`); `None` outside a browser.
pub(crate) fn current_url() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|window| window.location().href().ok())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Replaces the address bar's URL (no reload, no new history entry) by the same URL without the
/// callback's parameters, so a reload or a bookmark does not replay a used code.
pub(crate) fn forget_callback() {
    let Some(href) = current_url() else {
        return;
    };
    let cleaned = without_callback(&href);
    if cleaned != href {
        replace_url(&cleaned);
    }
}

/// `history.replaceState` to `url`.
fn replace_url(url: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
            // Failing leaves the parameters in place; the state they carry is used up anyway.
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = url;
    }
}

/// Query parameters of an authorization code callback (or its error).
const QUERY_KEYS: &[&str] = &["code", "state", "error", "error_description", "error_uri"];
/// Fragment parameters of an implicit grant callback (or its error).
const FRAGMENT_KEYS: &[&str] = &[
    "access_token",
    "id_token",
    "token_type",
    "expires_in",
    "state",
    "error",
    "error_description",
];

/// `url` without the OAuth callback parameters; other parameters stay, in order.
pub(crate) fn without_callback(url: &str) -> String {
    let (rest, fragment) = match url.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (url, None),
    };
    let (base, query) = match rest.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (rest, None),
    };
    let mut cleaned = base.to_owned();
    if let Some(query) = query.map(|query| keep_others(query, QUERY_KEYS))
        && !query.is_empty()
    {
        cleaned.push('?');
        cleaned.push_str(&query);
    }
    if let Some(fragment) = fragment.map(|fragment| keep_others(fragment, FRAGMENT_KEYS))
        && !fragment.is_empty()
    {
        cleaned.push('#');
        cleaned.push_str(&fragment);
    }
    cleaned
}

/// The `&`-separated pairs of `pairs` whose key is not in `drop`.
fn keep_others(pairs: &str, drop: &[&str]) -> String {
    pairs
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !drop.contains(&key)
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Calls `on_restored` when the page comes back from the browser's back-forward cache (the
/// user pressed Back on the provider's page): state left mid-redirect can be reset.
#[hook]
pub(crate) fn use_page_restored(on_restored: Callback<()>) {
    use_effect_with((), move |()| {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "pageshow", move |event| {
                    let restored = event
                        .dyn_ref::<web_sys::PageTransitionEvent>()
                        .is_some_and(web_sys::PageTransitionEvent::persisted);
                    if restored {
                        on_restored.emit(());
                    }
                })
            });
            move || drop(listener)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            drop(on_restored);
            || ()
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_callback_parameters_are_dropped_and_others_kept() {
        assert_eq!(
            without_callback("http://127.0.0.1:9229/?code=abc&state=xyz"),
            "http://127.0.0.1:9229/"
        );
        assert_eq!(
            without_callback("https://app.example/cb?lang=fr&code=abc&state=xyz&tab=2#top"),
            "https://app.example/cb?lang=fr&tab=2#top"
        );
        assert_eq!(
            without_callback(
                "https://app.example/?error=access_denied&error_description=No&state=s"
            ),
            "https://app.example/"
        );
    }

    #[test]
    fn implicit_grant_fragment_is_dropped() {
        assert_eq!(
            without_callback(
                "https://app.example/#id_token=a.b.c&access_token=d.e.f&token_type=bearer&expires_in=3600&state=s"
            ),
            "https://app.example/"
        );
    }

    #[test]
    fn urls_without_a_callback_are_unchanged() {
        for url in [
            "https://app.example/",
            "https://app.example/page?x=1",
            "https://app.example/page?x=1#section",
        ] {
            assert_eq!(without_callback(url), url);
        }
    }
}
