//! Side by side: our `examples/basic` and a React app with Amplify UI's `withAuthenticator`, each
//! served by its own cognito-server and measured in headless Chromium the same way. Prints one
//! `name value unit` line per figure; `cargo xtask bench` builds both apps and runs this.
//!
//! - Load: a fresh browser (new profile, so nothing cached) per load. A probe, installed before
//!   the page's own scripts through the DevTools protocol (`Page.addScriptToEvaluateOnNewDocument`),
//!   looks at every animation frame for a visible, enabled password input and records
//!   `performance.now()` (milliseconds since navigation start) in the first frame that has one.
//!   The same probe runs in both apps, and neither app's files are changed.
//! - Sign-in: a user made through the admin API, username and password typed through WebDriver;
//!   then, inside the page, the clock starts, the form's submit button is clicked, and it stops in
//!   the first animation frame showing the `Signed in as` heading. Both apps use SRP.
//! - Memory, one second after that heading: `performance.memory.usedJSHeapSize` (Chromium started
//!   with `--enable-precise-memory-info`, else the value is rounded); the array-buffer backing
//!   stores from `Runtime.getHeapUsage`; and wasm linear memory, which neither counts: the probe
//!   keeps the memories of the instances `WebAssembly.instantiate(Streaming)` makes. Their sum
//!   is compared as `memory_total_ratio`.
//!
//! Loads and sign-ins alternate between the two apps, so a busy moment on the machine hits both.
//!
//! Environment: `BENCH_OURS_DIR` (the built example, required), `BENCH_AMPLIFY_DIR` (the vite
//! `dist`; without it only ours is measured), `BENCH_LOADS` (20), `BENCH_SIGN_INS` (5).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use e2e::{Page, Site, admin};
use serde_json::{Value, json};

/// Chromium flags for the bench: unrounded `performance.memory`.
const CHROMIUM_ARGS: &[&str] = &["--enable-precise-memory-info"];

/// A password that meets the default pool's policy.
const PASSWORD: &str = "Passw0rd!x";

/// Runs in every document before its own scripts: notes when a usable sign-in form is first
/// in a frame, and keeps the linear memories of the wasm instances the page makes.
const FORM_PROBE: &str = r#"
(() => {
  if (window.top !== window) return;
  window.__benchWasmMemories = [];
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory) window.__benchWasmMemories.push(value);
    }
    return result;
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
  const usable = () => {
    const input = document.querySelector('input[type="password"]');
    return !!input && !input.disabled && input.getClientRects().length > 0;
  };
  const look = () => {
    if (usable()) { window.__benchFormAt = performance.now(); return; }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"#;

/// Waits for the probe's figure; `null` after 25 s.
const FORM_TIME: &str = r#"
const done = arguments[arguments.length - 1];
const deadline = performance.now() + 25000;
const wait = () => {
  if (window.__benchFormAt !== undefined) return done(window.__benchFormAt);
  if (performance.now() > deadline) return done(null);
  setTimeout(wait, 10);
};
wait();
"#;

/// Clicks the sign-in form's submit button and answers the milliseconds until the greeting
/// heading is in a frame; `null` after 25 s.
const SIGN_IN: &str = r#"
const done = arguments[arguments.length - 1];
const input = document.querySelector('input[type="password"]');
const button = input && input.form && input.form.querySelector('button[type="submit"]');
if (!button) return done(null);
const greeted = () =>
  [...document.querySelectorAll('h1')].some((h) => h.textContent.includes('Signed in as'));
const start = performance.now();
button.click();
const look = () => {
  if (greeted()) return done(performance.now() - start);
  if (performance.now() - start > 25000) return done(null);
  requestAnimationFrame(look);
};
requestAnimationFrame(look);
"#;

/// The bytes of wasm linear memory the probe saw made.
const WASM_MEMORY: &str =
    "return (window.__benchWasmMemories || []).reduce((sum, m) => sum + m.buffer.byteLength, 0);";

/// One app under test and what was measured of it.
struct App {
    /// `ours` or `amplify`: the suffix of its figures.
    name: &'static str,
    site: Site,
    loads: Vec<f64>,
    sign_ins: Vec<f64>,
    heaps: Vec<f64>,
    buffers: Vec<f64>,
    wasm: Vec<f64>,
}

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("side_by_side: {error:#}");
        std::process::exit(1);
    }
}

async fn run() -> Result<()> {
    let ours = std::env::var_os("BENCH_OURS_DIR")
        .map(PathBuf::from)
        .context("BENCH_OURS_DIR is not set: `cargo xtask bench` runs this bench")?;
    let loads = count("BENCH_LOADS", 20)?;
    let sign_ins = count("BENCH_SIGN_INS", 5)?;

    let mut apps = vec![App::start("ours", ours).await?];
    match std::env::var_os("BENCH_AMPLIFY_DIR") {
        Some(dir) => apps.push(App::start("amplify", PathBuf::from(dir)).await?),
        None => eprintln!("side_by_side: BENCH_AMPLIFY_DIR is not set; measuring ours only"),
    }

    for round in 0..loads {
        for app in &mut apps {
            let ms = app.cold_load().await?;
            eprintln!("load {round} {}: {ms:.1} ms", app.name);
            app.loads.push(ms);
        }
    }
    for round in 0..sign_ins {
        for app in &mut apps {
            app.sign_in(round).await?;
        }
    }

    let mut figures = Vec::new();
    for app in &apps {
        figures.push((
            format!("load_to_form_median_{}", app.name),
            median(&app.loads),
            "ms",
        ));
        figures.push((
            format!("sign_in_median_{}", app.name),
            median(&app.sign_ins),
            "ms",
        ));
        figures.push((
            format!("js_heap_after_sign_in_{}", app.name),
            median(&app.heaps),
            "bytes",
        ));
        figures.push((
            format!("array_buffers_after_sign_in_{}", app.name),
            median(&app.buffers),
            "bytes",
        ));
        figures.push((
            format!("wasm_memory_after_sign_in_{}", app.name),
            median(&app.wasm),
            "bytes",
        ));
    }
    if let [ours, amplify] = apps.as_slice() {
        let ratio = |a: &[f64], b: &[f64]| median(a) / median(b);
        figures.push((
            "load_to_form_ratio".into(),
            ratio(&ours.loads, &amplify.loads),
            "x",
        ));
        figures.push((
            "sign_in_ratio".into(),
            ratio(&ours.sign_ins, &amplify.sign_ins),
            "x",
        ));
        figures.push((
            "js_heap_ratio".into(),
            ratio(&ours.heaps, &amplify.heaps),
            "x",
        ));
        let total = |app: &App| median(&app.heaps) + median(&app.buffers) + median(&app.wasm);
        figures.push((
            "memory_total_ratio".into(),
            total(ours) / total(amplify),
            "x",
        ));
    }
    for (name, value, unit) in figures {
        match unit {
            "x" => println!("{name} {value:.2} {unit}"),
            "ms" => println!("{name} {value:.1} {unit}"),
            _ => println!("{name} {value:.0} {unit}"),
        }
    }
    Ok(())
}

impl App {
    async fn start(name: &'static str, dir: PathBuf) -> Result<Self> {
        let site = Site::serve(&dir)
            .await
            .with_context(|| format!("serving {}", dir.display()))?;
        Ok(Self {
            name,
            site,
            loads: Vec::new(),
            sign_ins: Vec::new(),
            heaps: Vec::new(),
            buffers: Vec::new(),
            wasm: Vec::new(),
        })
    }

    /// A fresh browser, then milliseconds from navigation to a usable sign-in form.
    async fn cold_load(&self) -> Result<f64> {
        let page = self.open("load").await?;
        let outcome = async {
            page.goto("/").await?;
            let at = page.client().execute_async(FORM_TIME, Vec::new()).await?;
            at.as_f64()
                .with_context(|| format!("{}: no usable sign-in form within 25 s", self.name))
        }
        .await;
        page.close().await;
        outcome
    }

    /// One SRP sign-in by a new user in a fresh browser: its time and the memory after it.
    async fn sign_in(&mut self, round: usize) -> Result<()> {
        let username = e2e::unique(&format!("bench{}", self.name));
        admin::create_user(&self.site, &username, PASSWORD).await?;
        let page = self.open("sign-in").await?;
        let outcome = async {
            page.goto("/").await?;
            page.fill("username", &username).await?;
            page.fill("password", PASSWORD).await?;
            let Some(ms) = page
                .client()
                .execute_async(SIGN_IN, Vec::new())
                .await?
                .as_f64()
            else {
                bail!("{}: no greeting within 25 s of signing in", self.name);
            };
            // Let what the signed-in page starts (its own requests, renders) settle.
            tokio::time::sleep(Duration::from_secs(1)).await;
            let heap = page
                .client()
                .execute("return performance.memory.usedJSHeapSize;", Vec::new())
                .await?
                .as_f64()
                .context("performance.memory.usedJSHeapSize is not a number")?;
            let wasm = page
                .client()
                .execute(WASM_MEMORY, Vec::new())
                .await?
                .as_f64()
                .unwrap_or(0.0);
            let usage = page.cdp("Runtime.getHeapUsage", json!({})).await?;
            let buffers = usage
                .get("backingStorageSize")
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            Ok((ms, heap, buffers, wasm))
        }
        .await;
        page.close().await;
        let (ms, heap, buffers, wasm) = outcome?;
        eprintln!(
            "sign-in {round} {}: {ms:.1} ms, JS heap {heap:.0} bytes, array buffers {buffers:.0} \
             bytes, wasm memory {wasm:.0} bytes",
            self.name
        );
        self.sign_ins.push(ms);
        self.heaps.push(heap);
        self.buffers.push(buffers);
        self.wasm.push(wasm);
        Ok(())
    }

    /// A fresh browser with the form probe installed.
    async fn open(&self, what: &str) -> Result<Page> {
        let name = format!("bench-{what}-{}", self.name);
        let page = Page::open_with_args(&name, &self.site.url, CHROMIUM_ARGS).await?;
        if let Err(error) = page
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": FORM_PROBE }),
            )
            .await
        {
            page.close().await;
            return Err(error);
        }
        Ok(page)
    }
}

fn count(variable: &str, default: usize) -> Result<usize> {
    match std::env::var(variable) {
        Ok(text) => text
            .parse()
            .with_context(|| format!("{variable} must be a number, not {text:?}")),
        Err(_) => Ok(default),
    }
}

/// The median; the mean of the middle two for an even count.
fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
