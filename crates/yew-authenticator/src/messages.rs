//! The error message map: turns Cognito's messages into what a screen shows, as Amplify's
//! `messageMap` does. Its result is then translated through [`crate::i18n`].

use std::fmt;
use std::rc::Rc;

/// What the map sees of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorMessage<'a> {
    /// The message (Cognito's, or ours for local errors).
    pub message: &'a str,
    /// Cognito's error code (`NotAuthorizedException`, ...) when the service answered.
    pub code: Option<&'a str>,
}

/// A function from an error to the text to show (before translation).
///
/// ```
/// use yew_authenticator::messages::MessageMap;
///
/// let map = MessageMap::default();
/// assert_eq!(map.map("Incorrect username or password.", None), "Incorrect username or password");
/// let custom = MessageMap::new(|error| match error.code {
///     Some("UserNotFoundException") => "No account with that name".into(),
///     _ => error.message.into(),
/// });
/// assert_eq!(custom.map("User does not exist.", Some("UserNotFoundException")), "No account with that name");
/// ```
#[derive(Clone)]
pub struct MessageMap(Rc<dyn Fn(ErrorMessage<'_>) -> String>);

impl MessageMap {
    /// A map from a function.
    pub fn new(map: impl Fn(ErrorMessage<'_>) -> String + 'static) -> Self {
        Self(Rc::new(map))
    }

    /// Applies the map.
    pub fn map(&self, message: &str, code: Option<&str>) -> String {
        (self.0)(ErrorMessage { message, code })
    }
}

impl Default for MessageMap {
    /// Amplify's default map: a few common Cognito messages shortened, the rest unchanged.
    fn default() -> Self {
        Self::new(|error| amplify_message(error.message))
    }
}

impl PartialEq for MessageMap {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for MessageMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MessageMap(..)")
    }
}

/// (words that must appear in this order, case-insensitively; the text shown).
const ENTRIES: &[(&[&str], &str)] = &[
    (&["user", "not", "exist"], "User does not exist"),
    (&["user", "already", "exist"], "User already exists"),
    (
        &["incorrect", "username", "password"],
        "Incorrect username or password",
    ),
    (&["validation", "password"], "Invalid password format"),
    (
        &["invalid", "phone"],
        "Invalid phone number format. Please use a phone number format of +12345678900",
    ),
];

fn amplify_message(message: &str) -> String {
    let lower = cognito_auth::case::to_lowercase(message);
    ENTRIES
        .iter()
        .find(|(words, _)| in_order(&lower, words))
        .map_or_else(|| message.to_owned(), |(_, text)| (*text).to_owned())
}

fn in_order(haystack: &str, words: &[&str]) -> bool {
    let mut rest = haystack;
    words.iter().all(|word| match rest.find(word) {
        Some(at) => {
            rest = &rest[at + word.len()..];
            true
        }
        None => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts the default map shows are translated like every other text: each is a key of
    /// every built-in vocabulary.
    #[test]
    fn every_default_text_is_translated() {
        for language in ["es", "fr", "de", "it", "pt", "nl", "ja", "zh", "ko", "he"] {
            let i18n = crate::i18n::I18n::new(language);
            if i18n.get("Sign In") == "Sign In" {
                continue; // this language's feature is off
            }
            for (_, text) in ENTRIES {
                assert_ne!(i18n.get(text), *text, "{language} lacks {text:?}");
            }
        }
    }

    #[test]
    fn cognito_messages_are_shortened_like_amplify() {
        let map = MessageMap::default();
        assert_eq!(map.map("User does not exist.", None), "User does not exist");
        assert_eq!(
            map.map("An account with the given email already exists.", None),
            "An account with the given email already exists."
        );
        assert_eq!(map.map("User already exists", None), "User already exists");
        assert_eq!(
            map.map(
                "1 validation error detected: Value at 'password' failed to satisfy constraint",
                None
            ),
            "Invalid password format"
        );
        assert!(
            map.map("Invalid phone number format.", None)
                .starts_with("Invalid phone number format. Please")
        );
    }

    #[test]
    fn other_messages_pass_through() {
        let map = MessageMap::default();
        assert_eq!(
            map.map("Password attempts exceeded", None),
            "Password attempts exceeded"
        );
        // Order matters: "password ... incorrect" is not Amplify's pattern.
        assert_eq!(
            map.map("password for username incorrect", None),
            "password for username incorrect"
        );
    }
}
