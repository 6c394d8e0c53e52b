//! `ThemeProvider`: scopes a theme's custom properties to its children.

use stylist::yew::use_style;
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
#[component]
pub fn ThemeProvider(props: &ThemeProviderProps) -> Html {
    let style = use_style(props.theme.css());
    html! {
        <ContextProvider<Theme> context={props.theme.clone()}>
            <div class={style} data-amplify-theme={props.theme.name().to_owned()}>
                { props.children.clone() }
            </div>
        </ContextProvider<Theme>>
    }
}
