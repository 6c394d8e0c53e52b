//! Installs what the project needs and the machine lacks; fast when nothing is missing.
//!
//! - the `wasm32-unknown-unknown` target (rustup);
//! - `wasm-bindgen-cli` at exactly the wasm-bindgen version in Cargo.lock (its test runner too);
//! - Debian's `chromium` and `chromium-driver`, for browser tests (installed when we are root);
//! - `wasm-opt` from the npm package `binaryen` (Debian's is too old for current rustc), and
//!   `terser` for the JavaScript glue, for release bundles, when npm is present.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::process;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const BINARYEN_VERSION: &str = "132.0.0";
const AXE_CORE_VERSION: &str = "4.14.1";
const TERSER_VERSION: &str = "5.51.4";

/// Flags Chromium needs on a machine without internet or a display.
pub const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// `$CARGO_HOME/bin`, where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// Everything a wasm build needs: the target and the matching wasm-bindgen.
pub fn ensure_wasm(root: &Path) -> Result<()> {
    ensure_target()?;
    ensure_wasm_bindgen(root)
}

fn ensure_target() -> Result<()> {
    let installed =
        process::output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if !installed.lines().any(|line| line.trim() == WASM_TARGET) {
        process::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    Ok(())
}

/// The wasm-bindgen version pinned in Cargo.lock.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("Cargo.lock has no wasm-bindgen entry")
}

/// Path of the wasm-bindgen CLI.
pub fn wasm_bindgen() -> PathBuf {
    cargo_bin_dir().join("wasm-bindgen")
}

fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let wanted = locked_wasm_bindgen_version(root)?;
    let have = Command::new(wasm_bindgen())
        .arg("--version")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    if have.as_deref() == Some(&format!("wasm-bindgen {wanted}")) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing wasm-bindgen-cli {wanted} (had {have:?}); this takes a few minutes"
    );
    // No --locked: the CLI's own lockfile wants a crate version the registry here lacks.
    process::run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))
}

/// Chromium and ChromeDriver from Debian, for browser tests.
pub fn ensure_browser() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "browser tests need Debian's `chromium` and `chromium-driver` packages \
             ({CHROMIUM}, {CHROMEDRIVER}); install them with \
             `sudo apt-get install -y chromium chromium-driver`"
        );
    }
    eprintln!("xtask: installing chromium and chromium-driver");
    process::run(Command::new("apt-get").args(["update", "-qq"]))?;
    process::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    process::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// A temporary folder for the browsers the tests and benches start, emptied on each call:
/// Chromium leaves a profile copy (~50 MB) in the temporary folder of every session
/// chromedriver ends, and those must not pile up in `/tmp` run after run.
pub fn browser_tmp(root: &Path) -> Result<PathBuf> {
    let dir = crate::target_dir(root).join("tmp").join("browsers");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// A `webdriver.json` for wasm-bindgen-test-runner with our Chromium flags; returns its path.
pub fn webdriver_json(root: &Path) -> Result<PathBuf> {
    let path = crate::target_dir(root).join("webdriver.json");
    let args: Vec<String> = CHROMIUM_ARGS
        .iter()
        .map(|arg| format!("\"{arg}\""))
        .collect();
    let json = format!(
        "{{\"goog:chromeOptions\": {{\"binary\": \"{CHROMIUM}\", \"args\": [{}]}}}}\n",
        args.join(", ")
    );
    std::fs::create_dir_all(crate::target_dir(root)).context("creating target/")?;
    std::fs::write(&path, json).context("writing target/webdriver.json")?;
    Ok(path)
}

/// wasm-opt from npm's binaryen, installed under `target/tools`; `None` without npm.
pub fn wasm_opt(root: &Path) -> Result<Option<PathBuf>> {
    let wanted = Path::new("node_modules").join(".bin").join("wasm-opt");
    let found = npm_package(root, "binaryen", BINARYEN_VERSION, &wanted)?;
    if found.is_none() {
        eprintln!("xtask: npm not found; release bundles are built without wasm-opt");
    }
    Ok(found)
}

/// terser from npm, under `target/tools`, to minify the JavaScript glue of release bundles;
/// `None` without npm.
pub fn terser(root: &Path) -> Result<Option<PathBuf>> {
    let wanted = Path::new("node_modules").join(".bin").join("terser");
    let found = npm_package(root, "terser", TERSER_VERSION, &wanted)?;
    if found.is_none() {
        eprintln!("xtask: npm not found; release bundles are built without minified JavaScript");
    }
    Ok(found)
}

/// axe-core's browser script, for the accessibility audits of the end-to-end flows; `None`
/// without npm.
pub fn axe_core(root: &Path) -> Result<Option<PathBuf>> {
    let wanted = Path::new("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    npm_package(root, "axe-core", AXE_CORE_VERSION, &wanted)
}

/// Installs an npm package at a pinned version under `target/tools/NAME` (once), and returns
/// the path of `file` inside that folder; `None` without npm.
fn npm_package(root: &Path, name: &str, version: &str, file: &Path) -> Result<Option<PathBuf>> {
    let prefix = crate::target_dir(root).join("tools").join(name);
    let path = prefix.join(file);
    if path.exists() {
        return Ok(Some(path));
    }
    if !process::exists("npm", "--version") {
        return Ok(None);
    }
    std::fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    process::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&prefix)
            .arg(format!("{name}@{version}")),
    )?;
    if !path.exists() {
        bail!("npm installed {name}@{version} without {}", file.display());
    }
    Ok(Some(path))
}
