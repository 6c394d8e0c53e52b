//! The error message map: turns Cognito's messages into what a screen shows, as Amplify's
//! `messageMap` does. Its result is then translated through [`crate::i18n`].

use std::fmt;
use std::rc::Rc;

/// A function from an error message to the text to show (before translation).
///
/// ```
/// use yew_authenticator::messages::MessageMap;
///
/// let map = MessageMap::default();
/// assert_eq!(map.map("Incorrect username or password."), "Incorrect username or password");
/// let custom = MessageMap::new(|message| {
///     if message.contains("exist") { "No account with that name".into() } else { message.into() }
/// });
/// assert_eq!(custom.map("User does not exist."), "No account with that name");
/// ```
#[derive(Clone)]
pub struct MessageMap(Rc<dyn Fn(&str) -> String>);

impl MessageMap {
    /// A map from a function.
    pub fn new(map: impl Fn(&str) -> String + 'static) -> Self {
        Self(Rc::new(map))
    }

    /// Applies the map.
    pub fn map(&self, message: &str) -> String {
        (self.0)(message)
    }
}

impl Default for MessageMap {
    /// Amplify's default map: a few common Cognito messages shortened, the rest unchanged.
    fn default() -> Self {
        Self::new(amplify_message)
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
    let lower = message.to_lowercase();
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

    #[test]
    fn cognito_messages_are_shortened_like_amplify() {
        let map = MessageMap::default();
        assert_eq!(map.map("User does not exist."), "User does not exist");
        assert_eq!(
            map.map("An account with the given email already exists."),
            "An account with the given email already exists."
        );
        assert_eq!(map.map("User already exists"), "User already exists");
        assert_eq!(
            map.map(
                "1 validation error detected: Value at 'password' failed to satisfy constraint"
            ),
            "Invalid password format"
        );
        assert!(
            map.map("Invalid phone number format.")
                .starts_with("Invalid phone number format. Please")
        );
    }

    #[test]
    fn other_messages_pass_through() {
        let map = MessageMap::default();
        assert_eq!(
            map.map("Password attempts exceeded"),
            "Password attempts exceeded"
        );
        // Order matters: "password ... incorrect" is not Amplify's pattern.
        assert_eq!(
            map.map("password for username incorrect"),
            "password for username incorrect"
        );
    }
}
