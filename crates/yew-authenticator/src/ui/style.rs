//! The Authenticator's CSS: only `var(--amplify-*)` values, so themes restyle it.

use stylist::yew::use_style;
use stylist::{Style, StyleSource, css};
use yew::prelude::*;

/// The corners of our controls and alerts, in every sheet of ours.
///
/// Every sheet interpolates it, and on purpose: `css!` keeps a sheet without `${..}` in a
/// `once_cell::sync::Lazy`, whose thread-parking code (about 1.5 KB brotli) would come into a page
/// that has one thread. A sheet with an interpolation is built where it is written instead, so
/// ours are built in a `thread_local!`, once.
pub(crate) const CONTROL_RADIUS: &str = "var(--amplify-radii-small)";

thread_local! {
    // Parsed at compile time by `css!`: no CSS parser ships in the wasm.
    static AUTHENTICATOR: StyleSource = css!(
        r#"
max-width: var(--amplify-components-authenticator-max-width);
margin: var(--amplify-space-xl) auto;
padding: var(--amplify-space-xl);
font-family: var(--amplify-fonts-default-variable);
font-size: var(--amplify-font-sizes-medium);
line-height: var(--amplify-line-heights-medium);
color: var(--amplify-colors-font-primary);
background-color: var(--amplify-components-authenticator-router-background-color);
border: var(--amplify-components-authenticator-router-border-width) solid var(--amplify-components-authenticator-router-border-color);
box-shadow: var(--amplify-components-authenticator-router-box-shadow);
border-radius: var(--amplify-radii-medium);
overflow-wrap: anywhere;

h1, h2 { font-size: var(--amplify-font-sizes-xl); margin: 0 0 var(--amplify-space-large); }
h1:focus, h2:focus { outline: none; }
p { color: var(--amplify-colors-font-secondary); }
label { display: block; font-weight: var(--amplify-font-weights-bold); margin-bottom: var(--amplify-space-xs); }
.amplify-field { margin-bottom: var(--amplify-space-medium); }
input[type=text], input[type=email], input[type=password], input[type=tel], input[type=number], select {
  box-sizing: border-box;
  width: 100%;
  padding: var(--amplify-space-xs) var(--amplify-space-small);
  font: inherit;
  color: inherit;
  background: transparent;
  border: var(--amplify-border-widths-small) solid var(--amplify-components-fieldcontrol-border-color);
  border-radius: ${radius};
}
input:focus, select:focus {
  outline: var(--amplify-border-widths-medium) solid var(--amplify-components-fieldcontrol-focus-border-color);
}
input[aria-invalid=true] { border-color: var(--amplify-components-fieldcontrol-error-border-color); }
.amplify-field-error, [role=alert] { color: var(--amplify-colors-font-error); }
[role=alert] {
  background: var(--amplify-colors-background-error);
  padding: var(--amplify-space-xs) var(--amplify-space-small);
  border-radius: ${radius};
  margin-bottom: var(--amplify-space-medium);
}
button { font: inherit; cursor: pointer; }
button[type=submit], .amplify-button-primary {
  width: 100%;
  padding: var(--amplify-space-small);
  font-weight: var(--amplify-font-weights-bold);
  color: var(--amplify-components-button-primary-color);
  background: var(--amplify-components-button-primary-background-color);
  border: none;
  border-radius: ${radius};
}
button[type=submit]:hover { background: var(--amplify-components-button-primary-hover-background-color); }
button[aria-busy=true] { opacity: 0.7; cursor: progress; }
.amplify-button-link {
  background: none;
  border: none;
  padding: var(--amplify-space-xs) 0;
  color: var(--amplify-components-button-link-color);
  text-decoration: underline;
}
.amplify-footer { display: flex; justify-content: space-between; margin-top: var(--amplify-space-medium); }
fieldset { border: none; padding: 0; margin: 0 0 var(--amplify-space-medium); }
fieldset select { margin-bottom: var(--amplify-space-small); }
fieldset > .amplify-field:last-child { margin-bottom: 0; }
.amplify-divider {
  display: flex;
  align-items: center;
  gap: var(--amplify-space-small);
  margin: var(--amplify-space-medium) 0;
  font-size: var(--amplify-font-sizes-small);
  color: var(--amplify-colors-font-tertiary);
}
.amplify-divider::before, .amplify-divider::after {
  content: "";
  flex: 1;
  border-top: var(--amplify-border-widths-small) solid var(--amplify-colors-border-secondary);
}
.amplify-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
"#,
        radius = CONTROL_RADIUS
    );
}

/// The class of an Authenticator card.
#[hook]
pub(crate) fn use_authenticator_style() -> Style {
    use_style(AUTHENTICATOR.with(StyleSource::clone))
}

#[cfg(test)]
// The sources are read from disk, which only a native test can do.
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use std::path::Path;

    /// The `css!` sheets in `dir` and below that have no `${..}`, as `file: first line`.
    fn sheets_without_interpolation(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sheets_without_interpolation(&path, found);
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for (start, _) in source.match_indices(concat!("css", "!(")) {
                let sheet = &source[start..];
                let sheet = &sheet[..sheet.find("\"#").unwrap_or(sheet.len())];
                if !sheet.contains("${") {
                    let line = source[..start].lines().count() + 1;
                    found.push(format!("{}:{line}", path.display()));
                }
            }
        }
    }

    /// See `CONTROL_RADIUS`: a sheet without an interpolation brings std's thread-parking code
    /// into the wasm.
    #[test]
    fn every_sheet_of_ours_has_an_interpolation() {
        let mut found = Vec::new();
        sheets_without_interpolation(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert_eq!(found, Vec::<String>::new());
    }
}
