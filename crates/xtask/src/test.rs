//! `cargo xtask test`: formatting, lints, native tests, browser tests; one closing tally.

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::Result;

use crate::browser;
use crate::server::LocalServer;
use crate::toolchain::{self, WASM_TARGET};
use crate::{Options, process};

/// Crates whose tests also run in headless Chromium (wasm-bindgen-test).
pub const BROWSER_TESTED: &[&str] = &["cognito-srp", "cognito-auth", "yew-authenticator"];

/// The crates users depend on, whose documentation is checked.
const PUBLISHED: &[&str] = &[
    "cognito-srp",
    "cognito-auth",
    "yew-authenticator",
    "cognito-server",
];

/// Packages built for wasm32 only: checked by clippy for that target.
const BROWSER_ONLY: &[&str] = &[
    "example-basic",
    "example-custom-screens",
    "example-federated",
    "example-hosted-ui",
    "example-mfa",
    "example-router",
];

/// The examples the end-to-end flows (crates/e2e) drive; built into `target/dist` first.
const E2E_EXAMPLES: &[&str] = &[
    "basic",
    "custom-screens",
    "federated",
    "hosted-ui",
    "mfa",
    "router",
];

/// Counts across every step.
#[derive(Debug, Default)]
struct Tally {
    passed: u64,
    failed: u64,
    ignored: u64,
    failed_steps: Vec<String>,
}

impl Tally {
    /// A check that is one pass or one failure (formatting, lints).
    fn check(&mut self, name: &str, command: &mut Command) {
        eprintln!("\n== {name}");
        match process::run(command) {
            Ok(()) => self.passed += 1,
            Err(error) => {
                eprintln!("{error:#}");
                self.fail(name);
            }
        }
    }

    /// A test run whose `test result:` lines are added up. A run that fails without reporting a
    /// failed test (it did not compile, or the runner broke) counts as one failure.
    fn tests(&mut self, name: &str, command: &mut Command) {
        eprintln!("\n== {name}");
        let mut failed_here = 0;
        let outcome = process::stream(command, process::Echo::Stdout, |line| {
            if let Some(counts) = TestCounts::parse(line) {
                self.passed += counts.passed;
                self.ignored += counts.ignored;
                failed_here += counts.failed;
            }
        });
        self.failed += failed_here;
        match outcome {
            Ok(true) if failed_here == 0 => {}
            Ok(_) if failed_here > 0 => self.failed_steps.push(name.to_owned()),
            Ok(_) => self.fail(name),
            Err(error) => {
                eprintln!("{error:#}");
                self.fail(name);
            }
        }
    }

    fn fail(&mut self, name: &str) {
        self.failed += 1;
        self.failed_steps.push(name.to_owned());
    }
}

/// One `test result: ok. 7 passed; 0 failed; 1 ignored; ...` line, from cargo test or
/// wasm-bindgen-test-runner.
#[derive(Debug, PartialEq, Eq)]
struct TestCounts {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl TestCounts {
    fn parse(line: &str) -> Option<Self> {
        let rest = line.trim().strip_prefix("test result: ")?;
        let count = |word: &str| {
            rest.split(';')
                .find_map(|part| {
                    part.trim()
                        .trim_start_matches("ok. ")
                        .trim_start_matches("FAILED. ")
                        .strip_suffix(word)
                        .and_then(|n| n.trim().parse().ok())
                })
                .unwrap_or(0)
        };
        Some(Self {
            passed: count("passed"),
            failed: count("failed"),
            ignored: count("ignored"),
        })
    }
}

pub fn run(root: &Path, options: &Options) -> Result<ExitCode> {
    toolchain::ensure_wasm(root)?;
    toolchain::ensure_browser()?;
    let webdriver = toolchain::webdriver_json(root)?;
    let browser_tmp = toolchain::browser_tmp(root)?;

    let mut tally = Tally::default();
    tally.check(
        "format",
        Command::new("cargo").args(["fmt", "--all", "--check"]),
    );
    tally.check(
        "lints (native)",
        Command::new("cargo")
            .args([
                "clippy",
                "--workspace",
                "--exclude",
                "example-*",
                "--all-targets",
            ])
            .args([
                "--features",
                "cognito-server/interop,cognito-auth/cli",
                "--",
                "-D",
                "warnings",
            ]),
    );
    let mut wasm_lints = Command::new("cargo");
    wasm_lints.args([
        "clippy",
        "--target",
        WASM_TARGET,
        "--all-targets",
        "--all-features",
    ]);
    for package in BROWSER_TESTED.iter().chain(BROWSER_ONLY) {
        wasm_lints.args(["--package", package]);
    }
    tally.check("lints (wasm32)", wasm_lints.args(["--", "-D", "warnings"]));
    // The API documentation of the published crates: broken or private links fail.
    tally.check(
        "docs",
        Command::new("cargo")
            .args(["doc", "--no-deps"])
            .args(PUBLISHED.iter().flat_map(|package| ["--package", package]))
            .env("RUSTDOCFLAGS", "-D warnings"),
    );

    // The end-to-end flows need built examples: they run in their own step below.
    tally.tests(
        "native tests",
        Command::new("cargo").args([
            "test",
            "--workspace",
            "--exclude",
            "e2e",
            "--exclude",
            "example-*",
        ]),
    );

    // Feature-gated test targets: the command-line client, and the official AWS clients (which
    // install from PyPI and npm into target/tools/interop, once).
    tally.tests(
        "cognito-auth command line",
        Command::new("cargo")
            .args(["test", "--package", "cognito-auth", "--features", "cli"])
            .args(["--test", "server", "cli::"]),
    );
    tally.tests(
        "interop: boto3, amazon-cognito-identity-js, aws-amplify v6",
        Command::new("cargo")
            .args([
                "test",
                "--package",
                "cognito-server",
                "--features",
                "interop",
                "--test",
                "interop",
            ])
            .env(
                "COGNITO_INTEROP_DIR",
                crate::target_dir(root).join("tools").join("interop"),
            ),
    );

    // cognito-auth's browser tests talk to a real server, found through compile-time variables.
    let server = LocalServer::start(root, "browser-tests")?;
    for package in BROWSER_TESTED {
        tally.tests(
            &format!("browser tests: {package}"),
            server.test_env(
                Command::new("cargo")
                    .args(["test", "--package", package, "--target", WASM_TARGET])
                    .env("CHROMEDRIVER", toolchain::CHROMEDRIVER)
                    .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver)
                    .env("TMPDIR", &browser_tmp),
            ),
        );
    }
    drop(server);

    end_to_end(root, options, &mut tally);

    if !tally.failed_steps.is_empty() {
        println!("failed steps: {}", tally.failed_steps.join(", "));
    }
    let skipped = if tally.ignored > 0 {
        format!(", {} skipped", tally.ignored)
    } else {
        String::new()
    };
    println!("{} passed, {} failed{skipped}", tally.passed, tally.failed);
    Ok(if tally.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds the examples as users ship them, then runs crates/e2e against them (each flow starts
/// its own cognito-server and Chromium).
fn end_to_end(root: &Path, options: &Options, tally: &mut Tally) {
    let mut built = true;
    for example in E2E_EXAMPLES {
        let step = format!("build example {example}");
        eprintln!("\n== {step}");
        if let Err(error) = browser::build_example(root, example) {
            eprintln!("{error:#}");
            tally.fail(&step);
            built = false;
        }
    }
    if !built {
        eprintln!("xtask: end-to-end flows skipped: an example did not build");
        return;
    }
    let mut command = Command::new("cargo");
    command
        .args(["test", "--package", "e2e"])
        .env("E2E_DIST_DIR", crate::target_dir(root).join("dist"))
        .env(
            "TMPDIR",
            crate::target_dir(root).join("tmp").join("browsers"),
        )
        .env("CHROMEDRIVER", toolchain::CHROMEDRIVER)
        .env("CHROMIUM", toolchain::CHROMIUM);
    if let Some(dir) = &options.screenshots {
        // One screenshot per step of every flow; relative paths are from the workspace root.
        command.env("E2E_SCREENSHOTS", root.join(dir));
    }
    // The accessibility flows inject axe-core; without npm they fail and say why.
    match toolchain::axe_core(root) {
        Ok(Some(axe)) => {
            command.env("E2E_AXE_JS", axe);
        }
        Ok(None) => eprintln!("xtask: npm not found, so no axe-core for the accessibility flows"),
        Err(error) => eprintln!("xtask: axe-core could not be installed: {error:#}"),
    }
    tally.tests("end-to-end flows", &mut command);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_from_cargo_and_browser_runners() {
        assert_eq!(
            TestCounts::parse(
                "test result: ok. 7 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.00s"
            ),
            Some(TestCounts {
                passed: 7,
                failed: 0,
                ignored: 2
            })
        );
        assert_eq!(
            TestCounts::parse(
                "test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 filtered out; finished in 5.37s"
            ),
            Some(TestCounts {
                passed: 1,
                failed: 1,
                ignored: 0
            })
        );
        assert_eq!(TestCounts::parse("running 3 tests"), None);
    }

    #[test]
    fn a_step_that_breaks_without_test_results_is_one_failure() {
        let mut tally = Tally::default();
        tally.tests("broken", &mut Command::new("false"));
        assert_eq!((tally.passed, tally.failed), (0, 1));
        assert_eq!(tally.failed_steps, vec!["broken".to_owned()]);
    }
}
