//! The sign-up form's fields, configurable as Amplify's `signUpConfig.signUpFields`.

/// What users sign in with (Amplify's `usernameAttributes`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UsernameAttribute {
    /// A username of their choice.
    #[default]
    Username,
    /// Their email address.
    Email,
    /// Their phone number.
    PhoneNumber,
}

impl UsernameAttribute {
    /// The label of the sign-in field.
    pub fn label(self) -> &'static str {
        match self {
            Self::Username => "Username",
            Self::Email => "Email",
            Self::PhoneNumber => "Phone Number",
        }
    }

    /// The input type and autocomplete hint of the sign-in field.
    pub(crate) fn input(self) -> (FieldType, &'static str) {
        match self {
            Self::Username => (FieldType::Text, "username"),
            Self::Email => (FieldType::Email, "username"),
            Self::PhoneNumber => (FieldType::Tel, "username"),
        }
    }
}

/// An input's type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FieldType {
    #[default]
    Text,
    Email,
    Password,
    Tel,
    Number,
}

impl FieldType {
    /// The HTML `type`.
    pub fn html_type(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Email => "email",
            Self::Password => "password",
            Self::Tel => "tel",
            Self::Number => "number",
        }
    }
}

/// One sign-up field.
///
/// ```
/// use yew_authenticator::{FieldType, SignUpField};
///
/// let team = SignUpField::new("custom:team", "Team").placeholder("Your team").order(5).custom();
/// assert_eq!(team.key, "custom:team");
/// let phone = SignUpField::new("phone_number", "Phone Number").kind(FieldType::Tel).required();
/// assert!(phone.required);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignUpField {
    /// The attribute name (`email`, `custom:team`), or `username` / `password`.
    pub key: String,
    /// The label (translated through i18n).
    pub label: String,
    pub placeholder: Option<String>,
    pub required: bool,
    pub kind: FieldType,
    /// Fields show in ascending order.
    pub display_order: u32,
    /// A custom attribute: its key gets the `custom:` prefix if it lacks it.
    pub custom: bool,
}

impl SignUpField {
    /// An optional text field.
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            label: label.into(),
            placeholder: None,
            required: false,
            kind: FieldType::Text,
            display_order: u32::MAX,
            custom: false,
        }
    }

    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.placeholder = Some(placeholder.into());
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn kind(mut self, kind: FieldType) -> Self {
        self.kind = kind;
        self
    }

    pub fn order(mut self, display_order: u32) -> Self {
        self.display_order = display_order;
        self
    }

    /// Marks the field as a custom attribute.
    pub fn custom(mut self) -> Self {
        self.custom = true;
        if !self.key.starts_with("custom:") {
            self.key = format!("custom:{}", self.key);
        }
        self
    }

    /// The browser's autocomplete hint for the field.
    pub(crate) fn autocomplete(&self) -> &'static str {
        match self.key.as_str() {
            "username" => "username",
            "password" => "new-password",
            "email" => "email",
            "phone_number" => "tel",
            "name" => "name",
            "given_name" => "given-name",
            "family_name" => "family-name",
            _ => "off",
        }
    }
}

/// Amplify's default sign-up fields for a sign-in attribute: the username (or email, or phone),
/// the password, then email and phone number where they are not the username.
pub fn default_sign_up_fields(username_attribute: UsernameAttribute) -> Vec<SignUpField> {
    let email = || {
        SignUpField::new("email", "Email")
            .kind(FieldType::Email)
            .placeholder("Enter your Email")
    };
    let phone = || {
        SignUpField::new("phone_number", "Phone Number")
            .kind(FieldType::Tel)
            .placeholder("Enter your Phone Number")
    };
    let username = match username_attribute {
        UsernameAttribute::Username => {
            SignUpField::new("username", "Username").placeholder("Enter your Username")
        }
        UsernameAttribute::Email => email(),
        UsernameAttribute::PhoneNumber => phone(),
    };
    let mut fields = vec![
        username.required().order(1),
        SignUpField::new("password", "Password")
            .kind(FieldType::Password)
            .placeholder("Enter your Password")
            .required()
            .order(2),
    ];
    if username_attribute != UsernameAttribute::Email {
        fields.push(email().required().order(3));
    }
    if username_attribute != UsernameAttribute::PhoneNumber {
        fields.push(phone().order(4));
    }
    fields
}

/// The fields to show: the configured ones (or the defaults), always with the username and
/// password fields, sorted by display order.
pub(crate) fn effective_fields(
    configured: &[SignUpField],
    username_attribute: UsernameAttribute,
) -> Vec<SignUpField> {
    let defaults = default_sign_up_fields(username_attribute);
    let mut fields = if configured.is_empty() {
        defaults.clone()
    } else {
        configured.to_vec()
    };
    // The two fields sign-up cannot do without.
    for essential in defaults.into_iter().take(2) {
        if !fields.iter().any(|field| field.key == essential.key) {
            fields.push(essential);
        }
    }
    // A stable insertion sort: a handful of fields, and `sort_by_key` would add a general sort
    // to the wasm for them alone.
    for end in 1..fields.len() {
        let mut at = end;
        while at > 0 && fields[at - 1].display_order > fields[at].display_order {
            fields.swap(at - 1, at);
            at -= 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_sign_in_uses_email_as_the_username_field() {
        let keys: Vec<_> = default_sign_up_fields(UsernameAttribute::Email)
            .into_iter()
            .map(|f| f.key)
            .collect();
        assert_eq!(keys, ["email", "password", "phone_number"]);
        let keys: Vec<_> = default_sign_up_fields(UsernameAttribute::Username)
            .into_iter()
            .map(|f| f.key)
            .collect();
        assert_eq!(keys, ["username", "password", "email", "phone_number"]);
    }

    #[test]
    fn configured_fields_keep_username_and_password_and_sort() {
        let fields = effective_fields(
            &[SignUpField::new("team", "Team").custom().order(0)],
            UsernameAttribute::Username,
        );
        let keys: Vec<_> = fields.into_iter().map(|f| f.key).collect();
        assert_eq!(keys, ["custom:team", "username", "password"]);
    }
}
