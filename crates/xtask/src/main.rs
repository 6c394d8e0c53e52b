//! `cargo xtask`: the project's own build tool.
//!
//! - `cargo xtask demo [--example NAME] [--port PORT]`: builds an example for the browser, starts
//!   cognito-server on SQLite (data under `target/demo/`) serving it, and prints the URL.
//! - `cargo xtask test`: everything CI checks; the last line is `N passed, N failed`.
//! - `cargo xtask bench`: benchmarks, one `name value unit` line per figure.
//! - `cargo xtask dist [--example NAME]`: a release bundle of an example in `target/dist/NAME`;
//!   prints the raw, gzip and brotli sizes of its wasm, its JavaScript glue and both together.
//! - `cargo xtask size FILE...`: the raw, gzip and brotli sizes of files (and their total).
//!
//! Every command first installs what it needs and is missing (see [`toolchain`]).

mod amplify_ui;
mod bench;
mod browser;
mod demo;
mod names;
mod process;
mod server;
mod test;
mod toolchain;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask <demo [--example NAME] [--port PORT] | test | bench | dist [--example NAME] | size FILE...>";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode> {
    let root = workspace_root()?;
    let (command, options) = args
        .split_first()
        .map_or(("", &[][..]), |(c, o)| (c.as_str(), o));
    // Before leaving the caller's directory: file arguments are relative to it.
    let options = Options::parse(options, command == "size")?;
    std::env::set_current_dir(&root).context("entering the workspace root")?;
    match command {
        "demo" => demo::run(&root, &options).map(|()| ExitCode::SUCCESS),
        "test" => test::run(&root, &options),
        "bench" => bench::run(&root).map(|()| ExitCode::SUCCESS),
        "dist" => {
            toolchain::ensure_wasm(&root)?;
            let example = options.example.as_deref().unwrap_or(demo::DEFAULT_EXAMPLE);
            let bundle = browser::build_example(&root, example)?;
            print_sizes(&[bundle.wasm, bundle.js])?;
            Ok(ExitCode::SUCCESS)
        }
        "size" => {
            if options.files.is_empty() {
                bail!("size needs at least one file\n{USAGE}");
            }
            print_sizes(&options.files)?;
            Ok(ExitCode::SUCCESS)
        }
        "" | "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown command {other:?}\n{USAGE}"),
    }
}

/// Options shared by the commands; each command reads the ones it knows.
#[derive(Debug, Default)]
pub struct Options {
    pub example: Option<String>,
    pub port: Option<u16>,
    pub screenshots: Option<PathBuf>,
    /// Plain arguments, for the commands that take files.
    pub files: Vec<PathBuf>,
}

impl Options {
    fn parse(args: &[String], takes_files: bool) -> Result<Self> {
        let mut options = Self::default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--example" => options.example = Some(value()?.clone()),
                "--port" => options.port = Some(value()?.parse().context("--port takes a number")?),
                "--screenshots" => options.screenshots = Some(PathBuf::from(value()?)),
                file if takes_files && !file.starts_with('-') => {
                    options.files.push(std::path::absolute(file)?);
                }
                other => bail!("unknown option {other:?}\n{USAGE}"),
            }
        }
        Ok(options)
    }
}

/// One `raw gzip brotli path` line per file (bytes; gzip level 9, brotli quality 11), then their
/// total when there are several.
fn print_sizes(files: &[PathBuf]) -> Result<()> {
    let mut total = browser::Sizes::default();
    for file in files {
        let sizes = browser::sizes(file)?;
        println!(
            "{:>9} raw {:>8} gzip {:>8} brotli  {}",
            sizes.raw,
            sizes.gzip,
            sizes.brotli,
            file.display()
        );
        total = total + sizes;
    }
    if files.len() > 1 {
        println!(
            "{:>9} raw {:>8} gzip {:>8} brotli  total",
            total.raw, total.gzip, total.brotli
        );
    }
    Ok(())
}

/// Where cargo builds in the workspace at `root`, and so where xtask finds what it built and
/// keeps its own files: `target/` unless `CARGO_TARGET_DIR` or a `build.target-dir` setting moves
/// it. Asked of cargo once per run.
pub fn target_dir(root: &Path) -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        metadata_target_dir(cargo, root).unwrap_or_else(|| root.join("target"))
    })
}

/// The `target_directory` of `cargo metadata`, which applies every way of moving it; `None` when
/// cargo cannot say.
fn metadata_target_dir(mut cargo: Command, root: &Path) -> Option<PathBuf> {
    let output = cargo
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    metadata["target_directory"].as_str().map(PathBuf::from)
}

/// The workspace root: the parent of `crates/xtask`, known at compile time.
fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .ancestors()
        .nth(2)
        .map(PathBuf::from)
        .context("xtask is not inside a workspace")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_directory_is_where_cargo_builds() {
        let root = workspace_root().unwrap();
        let mut moved = Command::new("cargo");
        moved.env("CARGO_TARGET_DIR", "/tmp/xtask-elsewhere");
        assert_eq!(
            metadata_target_dir(moved, &root),
            Some(PathBuf::from("/tmp/xtask-elsewhere"))
        );
    }
}
