//! `ThemeProvider`: scopes a theme's custom properties to its children.

use yew::prelude::*;

use super::Theme;

/// Props of [`ThemeProvider`].
#[derive(Debug, Properties, PartialEq)]
pub struct ThemeProviderProps {
    /// The theme; the default theme when absent.
    #[prop_or_default]
    pub theme: Theme,
    #[prop_or_default]
    pub children: Html,
}

/// Applies a theme to everything inside it, and offers it to descendants as context.
///
/// The tokens go on the wrapper as inline custom properties, which every descendant inherits; in
/// system colour mode the wrapper follows `prefers-color-scheme` as it changes. The wrapper
/// carries `data-amplify-theme` and `data-amplify-color-mode` as Amplify UI's does, so CSS written
/// for those attributes applies.
#[component]
pub fn ThemeProvider(props: &ThemeProviderProps) -> Html {
    let prefers_dark = use_prefers_dark();
    let style = props.theme.declarations(prefers_dark);
    html! {
        <ContextProvider<Theme> context={props.theme.clone()}>
            <div {style} data-amplify-theme={props.theme.name().to_owned()}
                data-amplify-color-mode={props.theme.color_mode().amplify_name()}>
                { props.children.clone() }
            </div>
        </ContextProvider<Theme>>
    }
}

#[cfg(target_arch = "wasm32")]
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// Whether the system asks for dark colours, following changes.
#[cfg(target_arch = "wasm32")]
#[hook]
fn use_prefers_dark() -> bool {
    let query =
        || web_sys::window().and_then(|window| window.match_media(DARK_QUERY).ok().flatten());
    let dark = use_state(|| query().is_some_and(|query| query.matches()));
    {
        let dark = dark.clone();
        use_effect_with((), move |()| {
            let listener = query().map(|query| {
                let target = query.clone();
                gloo_events::EventListener::new(&target, "change", move |_| {
                    dark.set(query.matches())
                })
            });
            move || drop(listener)
        });
    }
    *dark
}

/// Off the browser (server-side rendering) there is no system preference: light.
#[cfg(not(target_arch = "wasm32"))]
#[hook]
fn use_prefers_dark() -> bool {
    false
}
