//! The hosted pages' stylesheet: the default theme's design tokens (the same file the Yew
//! components use) as `--amplify-*` custom properties, and rules that only use those.

use std::sync::OnceLock;

use serde_json::Value;

const DEFAULT_THEME: &str = include_str!("../../../../themes/default.json");

const RULES: &str = r#"
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:flex-start;justify-content:center;
  font-family:var(--amplify-fonts-default-variable);font-size:var(--amplify-font-sizes-medium);
  line-height:var(--amplify-line-heights-medium);color:var(--amplify-colors-font-primary);
  background:var(--amplify-colors-background-secondary);padding:var(--amplify-space-xl) var(--amplify-space-medium)}
main{width:100%;max-width:var(--amplify-components-authenticator-max-width);
  background:var(--amplify-components-authenticator-router-background-color);
  border:var(--amplify-components-authenticator-router-border-width) solid var(--amplify-components-authenticator-router-border-color);
  box-shadow:var(--amplify-components-authenticator-router-box-shadow);padding:var(--amplify-space-xl)}
h1{font-size:var(--amplify-font-sizes-xl);margin:0 0 var(--amplify-space-large)}
form{display:flex;flex-direction:column;gap:var(--amplify-space-medium)}
label{display:flex;flex-direction:column;gap:var(--amplify-space-xs);color:var(--amplify-colors-font-secondary)}
input{font:inherit;padding:var(--amplify-space-xs) var(--amplify-space-small);color:var(--amplify-colors-font-primary);
  border:var(--amplify-border-widths-small) solid var(--amplify-components-fieldcontrol-border-color);border-radius:var(--amplify-radii-small)}
input:focus{outline:var(--amplify-border-widths-medium) solid var(--amplify-components-fieldcontrol-focus-border-color);outline-offset:1px}
button,.provider{font:inherit;font-weight:var(--amplify-font-weights-bold);cursor:pointer;text-align:center;text-decoration:none;
  padding:var(--amplify-space-small) var(--amplify-space-medium);border-radius:var(--amplify-radii-small);border:0;
  background:var(--amplify-components-button-primary-background-color);color:var(--amplify-components-button-primary-color)}
button:hover{background:var(--amplify-components-button-primary-hover-background-color)}
button.secondary,.provider{background:var(--amplify-colors-background-primary);color:var(--amplify-components-button-link-color);
  border:var(--amplify-border-widths-small) solid var(--amplify-colors-border-primary)}
.providers{display:flex;flex-direction:column;gap:var(--amplify-space-xs);margin-bottom:var(--amplify-space-large)}
a{color:var(--amplify-components-button-link-color)}
nav{display:flex;flex-direction:column;gap:var(--amplify-space-xs);margin-top:var(--amplify-space-large)}
[role=alert]{color:var(--amplify-colors-font-error);background:var(--amplify-colors-background-error);
  border:var(--amplify-border-widths-small) solid var(--amplify-colors-border-error);border-radius:var(--amplify-radii-small);padding:var(--amplify-space-small)}
[role=status]{color:var(--amplify-colors-font-success);background:var(--amplify-colors-background-success);
  border-radius:var(--amplify-radii-small);padding:var(--amplify-space-small)}
code{word-break:break-all}
"#;

/// The page stylesheet, built once.
pub fn stylesheet() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let mut properties = String::new();
        if let Ok(theme) = serde_json::from_str::<Value>(DEFAULT_THEME) {
            flatten(&theme["tokens"], "--amplify", &mut properties);
        }
        format!(":root{{{properties}}}{RULES}")
    })
}

/// Writes `--amplify-a-b: value;` for every leaf; `{a.b}` references become `var(--amplify-a-b)`.
fn flatten(value: &Value, prefix: &str, out: &mut String) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                flatten(child, &format!("{prefix}-{key}"), out);
            }
        }
        Value::String(text) => {
            out.push_str(prefix);
            out.push(':');
            out.push_str(&resolve_references(text));
            out.push(';');
        }
        _ => {}
    }
}

fn resolve_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        out.push_str(&rest[..start]);
        let path = &rest[start + 1..start + length];
        out.push_str(&format!("var(--amplify-{})", path.replace('.', "-")));
        rest = &rest[start + length + 1..];
    }
    out.push_str(rest);
    // Token values are ours, but a stray `<` must never end the style element.
    out.replace('<', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_become_custom_properties() {
        let css = stylesheet();
        assert!(css.contains("--amplify-colors-brand-primary-80:hsl(190, 95%, 30%);"));
        assert!(css.contains(
            "--amplify-components-button-primary-background-color:var(--amplify-colors-brand-primary-80);"
        ));
    }
}
