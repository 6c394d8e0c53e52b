//! A labelled input whose error is tied to it for screen readers.

use yew::prelude::*;

use crate::sign_up_fields::FieldType;

/// Props of [`Field`].
#[derive(Debug, Properties, PartialEq)]
pub struct FieldProps {
    /// Form field name, also the base of the element ids.
    pub name: AttrValue,
    /// Visible label (already translated).
    pub label: AttrValue,
    #[prop_or_default]
    pub kind: FieldType,
    /// The value the field starts with (a username carried over); the field is then the user's.
    #[prop_or_default]
    pub initial: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// The browser's autocomplete hint (`username`, `current-password`, `one-time-code`, ...).
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// The error for this field, if it is the failing one.
    #[prop_or_default]
    pub error: Option<String>,
    /// Hint shown under the field (password rules).
    #[prop_or_default]
    pub hint: Option<String>,
    /// The on-screen keyboard to offer (`numeric` for codes).
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
}

/// The name of every code field, as Amplify UI names it (password managers and tests rely on it).
pub const CODE_FIELD: &str = "confirmation_code";

/// Props of [`CodeField`].
#[derive(Debug, Properties, PartialEq)]
pub struct CodeFieldProps {
    /// Visible label (already translated).
    pub label: AttrValue,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
}

/// A one-time code: numeric keyboard, `one-time-code` autocomplete (SMS code autofill).
#[component]
pub fn CodeField(props: &CodeFieldProps) -> Html {
    code_field(
        props.label.clone(),
        props.placeholder.clone(),
        props.error.clone(),
    )
}

/// What [`CodeField`] draws. The built-in screens call this function rather than the component,
/// which keeps one component type (about half a kilobyte of wasm) out of apps that use only them.
pub(crate) fn code_field(
    label: AttrValue,
    placeholder: Option<AttrValue>,
    error: Option<String>,
) -> Html {
    html! {
        <Field name={CODE_FIELD} {label} {placeholder} required=true autocomplete="one-time-code"
            inputmode="numeric" {error} />
    }
}

/// `<label>` + `<input>`, with `aria-invalid` and `aria-describedby` pointing at the error or hint.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let id = use_memo(props.name.clone(), |name| unique_id(name));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = match (&props.error, &props.hint) {
        (Some(_), Some(_)) => Some(format!("{error_id} {hint_id}")),
        (Some(_), None) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    let invalid = if props.error.is_some() {
        "true"
    } else {
        "false"
    };
    html! {
        <div class="amplify-field">
            <label for={id.to_string()}>{ &props.label }</label>
            <input
                id={id.to_string()}
                name={props.name.clone()}
                type={props.kind.html_type()}
                value={props.initial.clone()}
                placeholder={props.placeholder.clone()}
                required={props.required}
                autocomplete={props.autocomplete.clone()}
                inputmode={props.inputmode.clone()}
                aria-invalid={invalid}
                aria-describedby={described_by}
                // Phone numbers read left to right in every language ("+1 555", not "555 1+").
                dir={(props.kind == FieldType::Tel).then_some("ltr")}
            />
            if let Some(hint) = &props.hint {
                <small id={hint_id}>{ hint }</small>
            }
            if let Some(error) = &props.error {
                <div id={error_id} class="amplify-field-error">{ error }</div>
            }
        </div>
    }
}

/// Ids unique within the page, readable in tests: `amplify-password-3`.
fn unique_id(name: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("amplify-{safe}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
