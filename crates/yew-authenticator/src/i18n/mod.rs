//! Translations: vocabularies per language, switchable at run time, as Amplify's `I18n`.
//!
//! Keys are the English texts (`"Sign In"`), so an app translates any text of ours, or its own,
//! by adding a vocabulary. A text without a translation shows as its key.
//!
//! The built-in vocabularies (es, fr, de, it, pt, nl, ja, zh, ko, he) come with the cargo feature
//! `all-languages`, on by default, or one by one (`lang-es`, ...): an app that turns the default
//! off ships only the languages it names, and English.

mod vocabularies;

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

/// Texts by key, for one language.
pub type Vocabulary = BTreeMap<String, String>;

thread_local! {
    /// The built-in vocabularies, built once per thread and shared by every `I18n` until an app
    /// adds its own texts (which copies them).
    // Inserted one by one: collecting into a map sorts, and every sort is more wasm.
    static BUILT_IN: Rc<BTreeMap<String, Vocabulary>> = Rc::new({
        let mut all = BTreeMap::new();
        for (language, keys, texts) in vocabularies::BUILT_IN {
            let mut vocabulary = Vocabulary::new();
            for (key, text) in built_in_texts(keys, texts) {
                vocabulary.insert(key.to_owned(), text.to_owned());
            }
            all.insert((*language).to_owned(), vocabulary);
        }
        all
    });
}

/// The (key, text) pairs of a built-in vocabulary.
fn built_in_texts<'a>(keys: &'a str, texts: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
    keys.split_terminator(vocabularies::END)
        .zip(texts.split_terminator(vocabularies::END))
}

/// The current language and every vocabulary. Cheap to clone.
///
/// ```
/// use yew_authenticator::i18n::I18n;
///
/// // Built in with the `lang-es` feature (on by default, as are all languages):
/// # #[cfg(feature = "lang-es")]
/// assert_eq!(I18n::new("es").get("Sign In"), "Iniciar sesión");
/// let i18n = I18n::new("es").with_vocabulary("es", [("Sign In", "Entrar")]);
/// assert_eq!(i18n.get("Sign In"), "Entrar");
/// assert_eq!(i18n.with_language("en").get("Sign In"), "Sign In");
/// ```
#[derive(Debug, Clone)]
pub struct I18n {
    language: AttrValue,
    vocabularies: Rc<BTreeMap<String, Vocabulary>>,
}

impl PartialEq for I18n {
    fn eq(&self, other: &Self) -> bool {
        // Shared vocabularies are equal without comparing every text.
        self.language == other.language
            && (Rc::ptr_eq(&self.vocabularies, &other.vocabularies)
                || self.vocabularies == other.vocabularies)
    }
}

impl Default for I18n {
    fn default() -> Self {
        Self::new(browser_language().as_deref().unwrap_or("en"))
    }
}

impl I18n {
    /// The built-in vocabularies, showing `language` (a tag such as `es` or `fr-CA`).
    pub fn new(language: &str) -> Self {
        Self {
            language: AttrValue::from(language.to_owned()),
            vocabularies: BUILT_IN.with(Rc::clone),
        }
    }

    /// Adds texts to a language's vocabulary, replacing texts with the same key.
    pub fn with_vocabulary<'a>(
        mut self,
        language: &str,
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let vocabularies = Rc::make_mut(&mut self.vocabularies);
        let vocabulary = vocabularies.entry(language.to_owned()).or_default();
        for (key, text) in texts {
            vocabulary.insert(key.to_owned(), text.to_owned());
        }
        self
    }

    /// Switches the language.
    pub fn with_language(mut self, language: &str) -> Self {
        self.language = AttrValue::from(language.to_owned());
        self
    }

    /// The current language tag.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The text for a key with one `{}` placeholder, filled with `argument`.
    ///
    /// ```
    /// use yew_authenticator::i18n::I18n;
    ///
    /// # #[cfg(feature = "lang-de")]
    /// assert_eq!(I18n::new("de").format("at least {} characters", "8"), "mindestens 8 Zeichen");
    /// assert_eq!(I18n::new("en").format("at least {} characters", "8"), "at least 8 characters");
    /// ```
    pub fn format(&self, key: &str, argument: &str) -> String {
        self.get(key).replacen("{}", argument, 1)
    }

    /// Whether the current language is written right to left.
    pub fn is_right_to_left(&self) -> bool {
        vocabularies::RIGHT_TO_LEFT.contains(&self.primary_language())
    }

    /// The `dir` attribute for the current language.
    pub fn direction(&self) -> &'static str {
        if self.is_right_to_left() {
            "rtl"
        } else {
            "ltr"
        }
    }

    fn primary_language(&self) -> &str {
        self.language.split(['-', '_']).next().unwrap_or_default()
    }

    /// The text for `key` in the current language: the exact tag first (`fr-CA`), then its
    /// primary language (`fr`), then the key itself.
    pub fn get(&self, key: &str) -> String {
        [self.language.as_str(), self.primary_language()]
            .iter()
            .filter_map(|language| self.vocabularies.get(*language))
            .find_map(|vocabulary| vocabulary.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }
}

/// The browser's preferred language, if there is a browser.
fn browser_language() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|window| window.navigator().language())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The [`I18n`] in context, or the default one.
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(feature = "lang-fr", feature = "lang-de"))]
    fn region_tags_fall_back_to_the_primary_language() {
        assert_eq!(I18n::new("fr-CA").get("Sign In"), "Se connecter");
        assert_eq!(I18n::new("de_AT").get("Password"), "Passwort");
    }

    #[test]
    #[cfg(feature = "lang-ja")]
    fn hebrew_is_right_to_left() {
        assert_eq!(I18n::new("he").direction(), "rtl");
        assert_eq!(I18n::new("he-IL").direction(), "rtl");
        assert_eq!(I18n::new("ja").direction(), "ltr");
        assert_eq!(I18n::new("ja").get("Sign In"), "サインイン");
    }

    #[test]
    fn missing_texts_show_their_key() {
        assert_eq!(I18n::new("es").get("No such text"), "No such text");
        assert_eq!(I18n::new("xx").get("Sign In"), "Sign In");
    }

    #[test]
    #[cfg(feature = "lang-es")]
    fn every_language_translates_the_same_keys() {
        let (_, spanish, _) = vocabularies::BUILT_IN[0];
        let mut spanish: Vec<_> = spanish.split_terminator(vocabularies::END).collect();
        spanish.sort_unstable();
        assert!(spanish.len() > 50 && spanish.contains(&"Sign In"));
        for (language, keys, texts) in vocabularies::BUILT_IN {
            let mut these: Vec<_> = keys.split_terminator(vocabularies::END).collect();
            let translated = texts.split_terminator(vocabularies::END).count();
            assert_eq!(translated, these.len(), "{language}: a text for every key");
            these.sort_unstable();
            assert_eq!(these, spanish, "{language} differs from es");
        }
    }

    #[test]
    #[cfg(feature = "all-languages")]
    fn all_languages_links_every_vocabulary() {
        let languages: Vec<_> = vocabularies::BUILT_IN
            .iter()
            .map(|(tag, ..)| *tag)
            .collect();
        assert_eq!(
            languages,
            ["es", "fr", "de", "it", "pt", "nl", "ja", "zh", "ko", "he"]
        );
    }

    #[test]
    fn every_built_in_text_is_reachable() {
        for (language, keys, texts) in vocabularies::BUILT_IN {
            let i18n = I18n::new(language);
            for (key, text) in built_in_texts(keys, texts) {
                assert!(!text.is_empty(), "{language}: {key} is empty");
                assert_eq!(i18n.get(key), text, "{language}: {key}");
            }
        }
    }
}
