//! The frame of a screen: a named form with a heading that takes focus, the error alert and a
//! submit button that shows pending state.

use web_sys::{HtmlElement, HtmlFormElement};
use yew::prelude::*;

use super::use_authenticator_style;
use crate::authenticator::{ErrorField, use_authenticator};
use crate::screens::FormValues;

/// Props of [`Screen`].
#[derive(Debug, Properties, PartialEq)]
pub struct ScreenProps {
    /// The heading (already translated); also the form's accessible name.
    pub title: AttrValue,
    /// Called with the form's values when it is submitted.
    pub onsubmit: Callback<FormValues>,
    /// Submit button text.
    pub submit_label: AttrValue,
    /// Submit button text while the request runs.
    pub pending_label: AttrValue,
    /// Short text under the heading.
    #[prop_or_default]
    pub intro: Option<String>,
    /// Which errors this screen's fields show themselves; any other error shows for the form.
    #[prop_or_default]
    pub fields: Vec<ErrorField>,
    /// Shown between the error and the fields (the SignIn screen's federated buttons).
    #[prop_or_default]
    pub above_fields: Html,
    /// The fields.
    #[prop_or_default]
    pub children: Html,
    /// Reference to the `<form>`, for buttons that read it outside a submit.
    #[prop_or_default]
    pub form_ref: NodeRef,
    /// Links and secondary buttons under the submit button.
    #[prop_or_default]
    pub footer: Html,
}

/// A screen's form. Focus moves to the heading when the screen appears, so screen readers
/// announce the new screen; a form-level error shows in a `role=alert` region.
#[component]
pub fn Screen(props: &ScreenProps) -> Html {
    let context = use_authenticator();
    let style = use_authenticator_style();
    let heading = use_node_ref();
    let heading_id = use_memo(props.title.clone(), |title| {
        format!(
            "amplify-heading-{}",
            cognito_auth::case::to_lowercase(title)
                .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
        )
    });
    {
        let heading = heading.clone();
        use_effect_with(props.title.clone(), move |_| {
            if let Some(element) = heading.cast::<HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    let onsubmit = {
        let onsubmit = props.onsubmit.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let form: HtmlFormElement = event.target_unchecked_into();
            onsubmit.emit(FormValues::from_form(&form));
        })
    };
    // The page's own heading when the Authenticator is the page; a section heading otherwise.
    let heading_tag = if context.options().owns_page {
        "h1"
    } else {
        "h2"
    };
    let pending = context.is_pending();
    let form_error = match context.error_field() {
        Some(field) if props.fields.contains(&field) => None,
        _ => context.error_message(),
    };
    html! {
        <div class={style}>
            <form ref={props.form_ref.clone()} aria-labelledby={heading_id.to_string()} {onsubmit} novalidate=true>
                <@{heading_tag} id={heading_id.to_string()} tabindex="-1" ref={heading}>{ &props.title }</@>
                if let Some(intro) = &props.intro { <p>{ intro }</p> }
                <div aria-live="assertive">
                    if let Some(message) = form_error { <div role="alert">{ message }</div> }
                </div>
                { props.above_fields.clone() }
                { props.children.clone() }
                <button type="submit" disabled={pending} aria-busy={if pending { "true" } else { "false" }}>
                    { if pending { &props.pending_label } else { &props.submit_label } }
                </button>
                <div class="amplify-footer">{ props.footer.clone() }</div>
            </form>
        </div>
    }
}

/// A field's error text, when the current error is about that field.
#[hook]
pub fn use_field_error(field: ErrorField) -> Option<String> {
    let context = use_authenticator();
    (context.error_field() == Some(field))
        .then(|| context.error_message())
        .flatten()
}
