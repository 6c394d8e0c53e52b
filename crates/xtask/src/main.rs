//! `cargo xtask`: the project's own build tool.
//!
//! - `cargo xtask demo [--example NAME] [--port PORT]`: builds an example for the browser, starts
//!   cognito-server on SQLite (data under `target/demo/`) serving it, and prints the URL.
//! - `cargo xtask test`: everything CI checks; the last line is `N passed, N failed`.
//! - `cargo xtask bench`: benchmarks, one `name value unit` line per figure.
//! - `cargo xtask dist [--example NAME]`: a release bundle of an example in `target/dist/NAME`.
//!
//! Every command first installs what it needs and is missing (see [`toolchain`]).

mod amplify_ui;
mod bench;
mod browser;
mod demo;
mod process;
mod server;
mod test;
mod toolchain;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask <demo [--example NAME] [--port PORT] | test | bench | dist [--example NAME]>";

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
    std::env::set_current_dir(&root).context("entering the workspace root")?;
    let (command, options) = args
        .split_first()
        .map_or(("", &[][..]), |(c, o)| (c.as_str(), o));
    let options = Options::parse(options)?;
    match command {
        "demo" => demo::run(&root, &options).map(|()| ExitCode::SUCCESS),
        "test" => test::run(&root, &options),
        "bench" => bench::run(&root).map(|()| ExitCode::SUCCESS),
        "dist" => {
            toolchain::ensure_wasm(&root)?;
            let example = options.example.as_deref().unwrap_or(demo::DEFAULT_EXAMPLE);
            let bundle = browser::build_example(&root, example)?;
            let wasm = browser::sizes(&bundle.wasm)?;
            println!(
                "{}: wasm {} bytes ({} gzip, {} brotli)",
                bundle.dir.display(),
                wasm.raw,
                wasm.gzip,
                wasm.brotli
            );
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
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut options = Self::default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--example" => options.example = Some(value()?.clone()),
                "--port" => options.port = Some(value()?.parse().context("--port takes a number")?),
                "--screenshots" => options.screenshots = Some(PathBuf::from(value()?)),
                other => bail!("unknown option {other:?}\n{USAGE}"),
            }
        }
        Ok(options)
    }
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
