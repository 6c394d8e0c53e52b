//! `cargo xtask bench`: every benchmark, printed as `name value unit` lines: SRP math natively and
//! in Chromium, then `examples/basic` side by side with Amplify UI's `withAuthenticator` (bundle
//! sizes here; load, sign-in and memory in `crates/e2e/benches/side_by_side.rs`).

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::browser::Sizes;
use crate::server::LocalServer;
use crate::toolchain::{self, WASM_TARGET};
use crate::{amplify_ui, process};

pub fn run(root: &Path) -> Result<()> {
    toolchain::ensure_wasm(root)?;
    toolchain::ensure_browser()?;
    let webdriver = toolchain::webdriver_json(root)?;
    let browser_tmp = toolchain::browser_tmp(root)?;
    let mut figures = Vec::new();

    // Native: the bench binary prints figure lines itself.
    figures.extend(native_bench("cognito-srp", "srp_client")?);
    // Browser: a wasm-bindgen test logs `BENCH name value unit` lines.
    figures.extend(browser_bench(
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
            ]),
        &webdriver,
        &browser_tmp,
    )?);

    figures.extend(client_and_server(root, &webdriver, &browser_tmp)?);

    // What a user ships: the basic example's release bundle, next to Amplify UI's.
    let bundle = crate::browser::build_example(root, crate::demo::DEFAULT_EXAMPLE)?;
    let wasm = crate::browser::sizes(&bundle.wasm)?;
    figures.extend(size_figures("bundle_basic_wasm", "", wasm));
    // Everything its page loads: the wasm, wasm-bindgen's glue and the page.
    let ours = wasm
        + crate::browser::sizes(&bundle.js)?
        + crate::browser::sizes(&bundle.dir.join("index.html"))?;
    figures.extend(size_figures("bundle", "_ours", ours));
    let amplify = amplify_ui::build(root)?;
    if let Some(dist) = &amplify {
        let theirs = folder_sizes(dist)?;
        figures.extend(size_figures("bundle", "_amplify", theirs));
        for (kind, a, b) in [
            ("raw", ours.raw, theirs.raw),
            ("gzip", ours.gzip, theirs.gzip),
            ("brotli", ours.brotli, theirs.brotli),
        ] {
            figures.push(format!("bundle_{kind}_ratio {:.2} x", a as f64 / b as f64));
        }
    }

    // Both apps in Chromium: load, sign-in and memory (crates/e2e/benches/side_by_side.rs).
    let mut side_by_side = Command::new("cargo");
    side_by_side
        .args(["bench", "--package", "e2e", "--bench", "side_by_side"])
        .env("BENCH_OURS_DIR", &bundle.dir)
        .env("TMPDIR", &browser_tmp)
        .env("CHROMEDRIVER", toolchain::CHROMEDRIVER)
        .env("CHROMIUM", toolchain::CHROMIUM);
    if let Some(dist) = &amplify {
        side_by_side.env("BENCH_AMPLIFY_DIR", dist);
    }
    let mut browser = Vec::new();
    let ok = process::stream(&mut side_by_side, process::Echo::Stderr, |line| {
        if is_figure(line) {
            browser.push(line.trim().to_owned());
        }
    })?;
    if !ok {
        bail!("the side-by-side benchmark failed");
    }
    figures.extend(browser);

    println!();
    for figure in &figures {
        println!("{figure}");
    }
    Ok(())
}

/// cognito-auth's sign-in round trip (natively and in Chromium) and the size of an app that only
/// signs in; cognito-server's sign-ins per second under load, latency and memory.
fn client_and_server(root: &Path, webdriver: &Path, browser_tmp: &Path) -> Result<Vec<String>> {
    let mut figures = native_bench("cognito-auth", "sign_in")?;
    let server = LocalServer::start_release(root, "bench")?;
    figures.extend(browser_bench(
        server.test_env(
            Command::new("cargo")
                .args([
                    "test",
                    "--release",
                    "--package",
                    "cognito-auth",
                    "--target",
                    WASM_TARGET,
                ])
                .args([
                    "--test",
                    "browser_server",
                    "sign_in_round_trips_are_timed",
                    "--",
                    "--nocapture",
                ]),
        ),
        webdriver,
        browser_tmp,
    )?);

    // Full SRP sign-ins (InitiateAuth + RespondToAuthChallenge) from a load generator sharing
    // the machine with the server.
    for (clients, seconds) in [("1", "5"), ("64", "10")] {
        let report = process::output(
            Command::new("cargo")
                .args([
                    "run",
                    "--quiet",
                    "--release",
                    "--package",
                    "cognito-server",
                    "--example",
                    "load",
                    "--",
                ])
                .arg(&server.endpoint)
                .arg(server.data())
                .args([clients, seconds]),
        )?;
        figures.extend(load_figures(&report, clients));
    }
    if let Some(rss) = server.peak_rss_kib() {
        figures.push(format!("server_peak_rss {:.1} MB", rss as f64 / 1024.0));
    }
    drop(server);

    let minimal = crate::browser::build_cargo_example(
        root,
        "cognito-auth",
        "minimal_sign_in",
        &crate::target_dir(root).join("dist").join("minimal-sign-in"),
    )?;
    let sizes = crate::browser::sizes(&minimal.wasm)? + crate::browser::sizes(&minimal.js)?;
    figures.extend(size_figures("auth_minimal_app", "", sizes));
    Ok(figures)
}

/// The `name value unit` lines a native bench binary prints.
fn native_bench(package: &str, bench: &str) -> Result<Vec<String>> {
    let output = process::output(Command::new("cargo").args([
        "bench",
        "--package",
        package,
        "--bench",
        bench,
    ]))?;
    Ok(output
        .lines()
        .filter(|line| is_figure(line))
        .map(str::to_owned)
        .collect())
}

/// Runs a wasm-bindgen test in headless Chromium and collects the figures it logs as
/// `BENCH name value unit`.
fn browser_bench(
    command: &mut Command,
    webdriver: &Path,
    browser_tmp: &Path,
) -> Result<Vec<String>> {
    let mut figures = Vec::new();
    let ok = process::stream(
        command
            .env("CHROMEDRIVER", toolchain::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", webdriver)
            .env("TMPDIR", browser_tmp),
        process::Echo::Stderr,
        |line| {
            if let Some(figure) = line.trim().strip_prefix("BENCH ") {
                figures.push(figure.to_owned());
            }
        },
    )?;
    if !ok {
        bail!(
            "the browser benchmark failed: {:?}",
            command.get_args().collect::<Vec<_>>()
        );
    }
    Ok(figures)
}

/// Figures from the load generator's `clients=64 sign_ins=N errors=E rate=R/s p50=Xms p99=Yms`.
fn load_figures(report: &str, clients: &str) -> Vec<String> {
    let Some(line) = report.lines().find(|line| line.starts_with("clients=")) else {
        return vec![format!("server_load_{clients}_clients_failed 1 run")];
    };
    let field = |name: &str| {
        line.split_whitespace()
            .find_map(|part| part.strip_prefix(name))
            .map(|value| {
                value
                    .trim_end_matches("/s")
                    .trim_end_matches("ms")
                    .to_owned()
            })
            .unwrap_or_default()
    };
    vec![
        format!(
            "server_sign_ins_per_s_{clients}_clients {} per_s",
            field("rate=")
        ),
        format!("server_sign_in_p50_{clients}_clients {} ms", field("p50=")),
        format!("server_sign_in_p99_{clients}_clients {} ms", field("p99=")),
        format!(
            "server_sign_in_errors_{clients}_clients {} errors",
            field("errors=")
        ),
    ]
}

/// Everything in a built web app's folder, each file compressed on its own as a server would.
fn folder_sizes(dir: &Path) -> Result<Sizes> {
    let mut total = Sizes::default();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        total = total
            + if entry.file_type()?.is_dir() {
                folder_sizes(&entry.path())?
            } else {
                crate::browser::sizes(&entry.path())?
            };
    }
    Ok(total)
}

/// `PREFIX_KIND_SUFFIX N bytes` for raw, gzip and brotli: `bundle_brotli_ours 150000 bytes`.
fn size_figures(prefix: &str, suffix: &str, sizes: Sizes) -> Vec<String> {
    [
        ("raw", sizes.raw),
        ("gzip", sizes.gzip),
        ("brotli", sizes.brotli),
    ]
    .iter()
    .map(|(kind, bytes)| format!("{prefix}_{kind}{suffix} {bytes} bytes"))
    .collect()
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
    fn the_load_generator_report_becomes_figures() {
        let figures = load_figures(
            "warming up\nclients=64 sign_ins=2370 errors=0 rate=237.0/s p50=255.1ms p99=493.2ms\n",
            "64",
        );
        assert_eq!(
            figures,
            [
                "server_sign_ins_per_s_64_clients 237.0 per_s",
                "server_sign_in_p50_64_clients 255.1 ms",
                "server_sign_in_p99_64_clients 493.2 ms",
                "server_sign_in_errors_64_clients 0 errors",
            ]
        );
        assert!(figures.iter().all(|figure| is_figure(figure)));
    }

    #[test]
    fn figures_are_three_words_with_a_number_between() {
        assert!(is_figure("srp_client_native_median 7.75 ms"));
        assert!(!is_figure(
            "Running benches/srp_client.rs (target/release/deps/x)"
        ));
        assert!(!is_figure("srp median ms"));
    }

    #[test]
    fn size_figures_name_the_compression_before_the_side() {
        let sizes = Sizes {
            raw: 3,
            gzip: 2,
            brotli: 1,
        };
        assert_eq!(
            size_figures("bundle", "_ours", sizes),
            vec![
                "bundle_raw_ours 3 bytes",
                "bundle_gzip_ours 2 bytes",
                "bundle_brotli_ours 1 bytes"
            ]
        );
        assert!(
            size_figures("bundle", "_ours", sizes)
                .iter()
                .all(|l| is_figure(l))
        );
    }

    #[test]
    fn folder_sizes_add_up_every_file_below() {
        let dir = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).expect("folder");
        std::fs::write(dir.join("index.html"), "<p>hi</p>").expect("page");
        std::fs::write(dir.join("assets").join("a.js"), "let a = 1;").expect("script");
        let total = folder_sizes(&dir).expect("sizes");
        std::fs::remove_dir_all(&dir).expect("clean up");
        assert_eq!(total.raw, 9 + 10);
        assert!(total.gzip > 0 && total.brotli > 0);
    }
}
