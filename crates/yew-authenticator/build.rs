//! Flattens the default theme's token files (`themes/default.json`, `themes/dark.json`) into
//! `name: value;` lists, so `Theme::default()` reads a string instead of parsing JSON: an app
//! that keeps the default theme ships no theme parser. The crate's tests check that the lists
//! hold exactly what parsing the files gives.

use std::fmt::Write;
use std::path::PathBuf;

use serde_json::Value;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let themes = manifest.join("../../themes");
    let mut out = String::new();
    for (constant, file) in [
        ("DEFAULT_TOKENS", "default.json"),
        ("DARK_TOKENS", "dark.json"),
    ] {
        let path = themes.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("reading {}: {error}", path.display()));
        let theme: Value = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
        let mut pairs = String::new();
        flatten("", &theme["tokens"], &mut pairs);
        writeln!(out, "const {constant}: &str = {pairs:?};").expect("writing to a String");
    }
    let generated = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(generated.join("themes.rs"), out).expect("writing the theme lists");
}

/// `a.b.c: value;` for every leaf under `node`, as the run-time parser names them.
fn flatten(prefix: &str, node: &Value, out: &mut String) {
    match node {
        Value::Object(children) => {
            for (key, child) in children {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&name, child, out);
            }
        }
        Value::String(value) => write!(out, "{prefix}: {value};").expect("writing to a String"),
        // Numbers as the parser writes them; anything else makes the crate's tests fail.
        other => write!(out, "{prefix}: {other};").expect("writing to a String"),
    }
}
