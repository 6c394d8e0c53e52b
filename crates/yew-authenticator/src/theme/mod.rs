//! Themes: the built-in token files from `themes/`, user overrides, and the colour mode.

mod provider;
mod tokens;

pub use provider::ThemeProvider;
pub use tokens::{ThemeError, Tokens, variable};

use serde_json::Value;

#[cfg(test)]
const DEFAULT_THEME: &str = include_str!("../../../../themes/default.json");
#[cfg(test)]
const DARK_THEME: &str = include_str!("../../../../themes/dark.json");
const HIGH_CONTRAST_THEME: &str = include_str!("../../../../themes/high-contrast.json");

// `DEFAULT_TOKENS` and `DARK_TOKENS`: the default theme's files flattened by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/themes.rs"));

/// Which colours to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorMode {
    /// The light tokens.
    #[default]
    Light,
    /// The dark tokens over the light ones.
    Dark,
    /// Follows the system setting (`prefers-color-scheme`).
    System,
}

impl ColorMode {
    /// Amplify UI's name for the mode, written to `data-amplify-color-mode`.
    pub fn amplify_name(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::System => "system",
        }
    }
}

/// A complete theme: light tokens, dark overrides and the mode choosing between them.
///
/// ```
/// use yew_authenticator::theme::{ColorMode, Theme};
///
/// // The default theme with one section changed: only the primary button.
/// let theme = Theme::default()
///     .with_overrides(r#"{"components": {"button": {"primary": {"background-color": "rebeccapurple"}}}}"#)
///     .unwrap()
///     .with_color_mode(ColorMode::System);
/// assert!(theme.css().contains("--amplify-components-button-primary-background-color: rebeccapurple;"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: String,
    light: Tokens,
    dark: Tokens,
    mode: ColorMode,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            name: "default".to_owned(),
            light: Tokens::from_flat(DEFAULT_TOKENS),
            dark: Tokens::from_flat(DARK_TOKENS),
            mode: ColorMode::Light,
        }
    }
}

impl Theme {
    /// The default theme in dark colours.
    pub fn dark() -> Self {
        Self::default().with_color_mode(ColorMode::Dark)
    }

    /// Black on white, thicker borders, darker brand colours (WCAG AAA contrast for text).
    pub fn high_contrast() -> Self {
        Self::from_json(HIGH_CONTRAST_THEME).expect("themes/high-contrast.json is valid")
    }

    /// A theme from a token file (`{"name": ..., "tokens": {...}}`) laid over the default theme, so a
    /// file needs only the tokens it changes.
    pub fn from_json(json: &str) -> Result<Self, ThemeError> {
        let (name, tokens) = parse_file(json)?;
        let mut theme = Self {
            name,
            ..Self::default()
        };
        theme.light.merge(&tokens);
        Ok(theme)
    }

    /// Overrides some light tokens, given as a token tree in JSON.
    pub fn with_overrides(mut self, tree_json: &str) -> Result<Self, ThemeError> {
        self.light.merge(&parse_tree(tree_json)?);
        Ok(self)
    }

    /// Overrides some dark-mode tokens, given as a token tree in JSON.
    pub fn with_dark_overrides(mut self, tree_json: &str) -> Result<Self, ThemeError> {
        self.dark.merge(&parse_tree(tree_json)?);
        Ok(self)
    }

    /// Chooses the colour mode.
    pub fn with_color_mode(mut self, mode: ColorMode) -> Self {
        self.mode = mode;
        self
    }

    /// The theme's name, written to `data-amplify-theme`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The colour mode.
    pub fn color_mode(&self) -> ColorMode {
        self.mode
    }

    /// The light tokens.
    pub fn tokens(&self) -> &Tokens {
        &self.light
    }

    /// The custom properties in force, as inline declarations: the dark tokens apply in dark
    /// mode, and in system mode when the system prefers dark.
    pub fn declarations(&self, system_prefers_dark: bool) -> String {
        let dark = match self.mode {
            ColorMode::Light => false,
            ColorMode::Dark => true,
            ColorMode::System => system_prefers_dark,
        };
        let light = self.light.css_declarations();
        if dark {
            light + &self.dark.css_declarations()
        } else {
            light
        }
    }

    /// The custom properties for the chosen mode, as the body of a CSS rule (with a nested
    /// `prefers-color-scheme` block in system mode), for a stylesheet of the app's own.
    pub fn css(&self) -> String {
        let light = self.light.css_declarations();
        match self.mode {
            ColorMode::Light => light,
            ColorMode::Dark => light + &self.dark.css_declarations(),
            ColorMode::System => format!(
                "{light}@media (prefers-color-scheme: dark) {{\n{}}}\n",
                self.dark.css_declarations()
            ),
        }
    }
}

fn parse_file(json: &str) -> Result<(String, Tokens), ThemeError> {
    let file: Value = serde_json::from_str(json).map_err(|e| ThemeError::Json(e.to_string()))?;
    let name = file
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("custom")
        .to_owned();
    let tree = file.get("tokens").ok_or(ThemeError::Shape)?;
    Ok((name, Tokens::from_tree(tree)?))
}

fn parse_tree(json: &str) -> Result<Tokens, ThemeError> {
    let tree: Value = serde_json::from_str(json).map_err(|e| ThemeError::Json(e.to_string()))?;
    Tokens::from_tree(&tree)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists `build.rs` makes hold what parsing the files gives, so the parser's checks
    /// (names, values that could escape their declaration) hold for them too.
    #[test]
    fn the_default_theme_is_its_files() {
        let theme = Theme::default();
        let (name, light) = parse_file(DEFAULT_THEME).unwrap();
        assert_eq!((theme.name(), &theme.light), (name.as_str(), &light));
        assert_eq!(theme.dark, parse_file(DARK_THEME).unwrap().1);
        assert!(light.get("colors.brand.primary.80").is_some());
    }

    #[test]
    fn built_in_themes_parse() {
        assert!(parse_file(DEFAULT_THEME).is_ok());
        assert!(parse_file(DARK_THEME).is_ok());
        assert_eq!(Theme::high_contrast().name(), "high-contrast");
        assert_eq!(
            Theme::high_contrast().tokens().get("border-widths.small"),
            Some("2px")
        );
    }

    #[test]
    fn every_reference_in_the_built_in_themes_names_a_token() {
        let theme = Theme::default();
        let mut all = theme.light.clone();
        all.merge(&theme.dark);
        let css = all.css_declarations();
        for reference in css.split("var(").skip(1) {
            let variable = &reference[..reference.find(')').unwrap()];
            assert!(
                css.contains(&format!("{variable}: ")),
                "{variable} is referenced but not defined"
            );
        }
    }

    #[test]
    fn modes_choose_the_tokens() {
        let theme = Theme::default();
        let background = "--amplify-colors-background-primary: ";
        assert_eq!(theme.css().matches(background).count(), 1);
        let dark = theme.clone().with_color_mode(ColorMode::Dark).css();
        assert_eq!(dark.matches(background).count(), 2);
        assert!(dark.rfind(&format!("{background}hsl(210, 50%, 10%)")) > dark.find(background));
        let system = theme.with_color_mode(ColorMode::System).css();
        assert!(system.contains("@media (prefers-color-scheme: dark)"));
    }

    #[test]
    fn system_mode_follows_the_system_preference() {
        let theme = Theme::default().with_color_mode(ColorMode::System);
        let background = "--amplify-colors-background-primary: ";
        assert_eq!(theme.declarations(false).matches(background).count(), 1);
        assert_eq!(theme.declarations(true).matches(background).count(), 2);
        assert_eq!(
            Theme::dark()
                .declarations(false)
                .matches(background)
                .count(),
            2
        );
    }

    #[test]
    fn a_file_needs_only_the_tokens_it_changes() {
        let theme = Theme::from_json(
            r#"{"name": "brand", "tokens": {"colors": {"brand": {"primary": {"80": "red"}}}}}"#,
        )
        .unwrap();
        assert_eq!(theme.name(), "brand");
        assert_eq!(theme.tokens().get("colors.brand.primary.80"), Some("red"));
        assert!(theme.tokens().get("space.medium").is_some());
        assert!(Theme::from_json("{}").is_err());
    }
}
