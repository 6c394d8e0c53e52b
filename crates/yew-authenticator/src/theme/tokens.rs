//! Design tokens: a tree of names and values, written out as `--amplify-*` CSS custom properties.

use std::collections::BTreeMap;

use serde_json::Value;

/// Why a token file or override was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ThemeError {
    #[error("theme is not valid JSON: {0}")]
    Json(String),
    #[error("theme must be an object with \"tokens\"")]
    Shape,
    #[error("token name {0:?} may only use a-z, 0-9 and '-'")]
    Name(String),
    #[error("token {name} has a value that is not a string or number")]
    ValueType { name: String },
    #[error(
        "token {name} has a value with ';', '{{', '}}', '<' or a line break outside a reference"
    )]
    Value { name: String },
}

/// Flattened tokens: `colors.brand.primary.80` -> `hsl(190, 95%, 30%)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens(BTreeMap<String, String>);

impl Tokens {
    /// Reads a token tree (nested objects whose leaves are strings or numbers).
    pub fn from_tree(tree: &Value) -> Result<Self, ThemeError> {
        let mut tokens = Self::default();
        tokens.flatten(String::new(), tree)?;
        Ok(tokens)
    }

    fn flatten(&mut self, prefix: String, node: &Value) -> Result<(), ThemeError> {
        match node {
            Value::Object(children) => {
                for (key, child) in children {
                    if key.is_empty()
                        || !key
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    {
                        return Err(ThemeError::Name(key.clone()));
                    }
                    let name = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    self.flatten(name, child)?;
                }
                Ok(())
            }
            Value::String(value) => self.set(prefix, value.clone()),
            Value::Number(value) => self.set(prefix, value.to_string()),
            _ => Err(ThemeError::ValueType { name: prefix }),
        }
    }

    /// Sets one token, refusing values that could escape their CSS declaration.
    pub fn set(&mut self, name: String, value: String) -> Result<(), ThemeError> {
        let outside_references = strip_references(&value);
        if outside_references.contains([';', '{', '}', '<', '\n', '\r']) {
            return Err(ThemeError::Value { name });
        }
        self.0.insert(name, value);
        Ok(())
    }

    /// Tokens from `name: value;` pairs, taken as they are (`build.rs` writes the built-in
    /// themes so, and tests hold them to the parser's rules).
    pub(crate) fn from_flat(pairs: &str) -> Self {
        let mut tokens = Self::default();
        // Inserted one by one: collecting into a map sorts, and every sort is more wasm.
        for (name, value) in pairs
            .split_terminator(';')
            .filter_map(|p| p.split_once(": "))
        {
            tokens.0.insert(name.to_owned(), value.to_owned());
        }
        tokens
    }

    /// Overlays `other` on these tokens.
    pub fn merge(&mut self, other: &Tokens) {
        for (name, value) in &other.0 {
            self.0.insert(name.clone(), value.clone());
        }
    }

    /// A token's raw value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// `--amplify-a-b: value;` lines, references turned into `var(--amplify-...)`.
    pub fn css_declarations(&self) -> String {
        self.0
            .iter()
            .map(|(name, value)| format!("{}: {};\n", variable(name), resolve(value)))
            .collect()
    }
}

/// The CSS custom property of a token.
pub fn variable(name: &str) -> String {
    format!("--amplify-{}", name.replace('.', "-"))
}

/// Replaces each `{a.b}` with `var(--amplify-a-b)`.
fn resolve(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&format!("var({})", variable(&rest[open + 1..open + close])));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The value with well-formed references (`{name.with.dots}`) removed.
fn strip_references(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close].bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'
                    }) =>
            {
                rest = &after[close + 1..];
            }
            // A brace that does not open a reference stays and is refused by the caller.
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_names_become_amplify_variables() {
        let tokens =
            Tokens::from_tree(&json!({"colors": {"brand": {"primary": {"80": "#047d95"}}}}))
                .unwrap();
        assert_eq!(
            tokens.css_declarations(),
            "--amplify-colors-brand-primary-80: #047d95;\n"
        );
    }

    #[test]
    fn references_become_var_calls() {
        let tokens = Tokens::from_tree(&json!({"a": {"b": "0 0 {colors.x} {space.y}"}})).unwrap();
        assert_eq!(
            tokens.css_declarations(),
            "--amplify-a-b: 0 0 var(--amplify-colors-x) var(--amplify-space-y);\n"
        );
    }

    #[test]
    fn values_that_could_escape_the_declaration_are_refused() {
        for bad in [
            "red; background: url(x)",
            "red } body { color: red",
            "{",
            "a\nb",
            "</style>",
        ] {
            let result = Tokens::from_tree(&json!({"c": bad}));
            assert!(
                matches!(result, Err(ThemeError::Value { .. })),
                "{bad:?} accepted"
            );
        }
        assert!(matches!(
            Tokens::from_tree(&json!({"Bad Name": "x"})),
            Err(ThemeError::Name(_))
        ));
        assert!(matches!(
            Tokens::from_tree(&json!({"c": [1]})),
            Err(ThemeError::ValueType { .. })
        ));
    }

    #[test]
    fn merge_overrides_only_the_given_tokens() {
        let mut base = Tokens::from_tree(&json!({"a": "1", "b": "2"})).unwrap();
        base.merge(&Tokens::from_tree(&json!({"b": "3"})).unwrap());
        assert_eq!((base.get("a"), base.get("b")), (Some("1"), Some("3")));
    }
}
