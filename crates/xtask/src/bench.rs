//! `cargo xtask bench`: every benchmark, printed as `name value unit` lines.

use std::path::Path;
use std::process::Command;

use anyhow::{Result, bail};

use crate::process;
use crate::toolchain::{self, WASM_TARGET};

pub fn run(root: &Path) -> Result<()> {
    toolchain::ensure_wasm(root)?;
    toolchain::ensure_browser()?;
    let webdriver = toolchain::webdriver_json(root)?;
    let mut figures = Vec::new();

    // Native: the bench binary prints figure lines itself.
    let native = process::output(Command::new("cargo").args([
        "bench",
        "--package",
        "cognito-srp",
        "--bench",
        "srp_client",
    ]))?;
    figures.extend(
        native
            .lines()
            .filter(|line| is_figure(line))
            .map(str::to_owned),
    );

    // Browser: a wasm-bindgen test logs `BENCH name value unit` lines.
    let mut browser = Vec::new();
    let ok = process::stream(
        Command::new("cargo")
            .args([
                "test",
                "--release",
                "--package",
                "cognito-srp",
                "--target",
                WASM_TARGET,
            ])
            .args([
                "--features",
                "bench",
                "--test",
                "browser_bench",
                "--",
                "--nocapture",
            ])
            .env("CHROMEDRIVER", toolchain::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver),
        process::Echo::Stderr,
        |line| {
            if let Some(figure) = line.trim().strip_prefix("BENCH ") {
                browser.push(figure.to_owned());
            }
        },
    )?;
    if !ok {
        bail!("the browser benchmark failed");
    }
    figures.extend(browser);

    // What a user ships: the basic example's release bundle.
    let bundle = crate::browser::build_example(root, crate::demo::DEFAULT_EXAMPLE)?;
    let wasm = crate::browser::sizes(&bundle.wasm)?;
    let total = wasm + crate::browser::sizes(&bundle.js)?;
    for (name, sizes) in [("wasm", wasm), ("total", total)] {
        figures.push(format!("bundle_basic_{name}_raw {} bytes", sizes.raw));
        figures.push(format!("bundle_basic_{name}_gzip {} bytes", sizes.gzip));
        figures.push(format!("bundle_basic_{name}_brotli {} bytes", sizes.brotli));
    }

    println!();
    for figure in &figures {
        println!("{figure}");
    }
    Ok(())
}

/// `name value unit`, with a numeric value.
fn is_figure(line: &str) -> bool {
    let parts: Vec<&str> = line.split_whitespace().collect();
    matches!(parts.as_slice(), [_, value, _] if value.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_three_words_with_a_number_between() {
        assert!(is_figure("srp_client_native_median 7.75 ms"));
        assert!(!is_figure(
            "Running benches/srp_client.rs (target/release/deps/x)"
        ));
        assert!(!is_figure("srp median ms"));
    }
}
