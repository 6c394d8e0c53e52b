//! The end-to-end harness: a built example served by a real cognito-server, a headless Chromium
//! driven through chromedriver, and what a flow needs besides the page (codes from the outbox,
//! admin calls, TOTP codes).
//!
//! Every flow runs through [`run`]: it starts its own server (fresh data, free port) and browser,
//! so flows never share users or sessions, and it saves a screenshot when the flow fails (in
//! `e2e-screenshots` beside the examples' folder).
//!
//! Environment:
//! - `E2E_DIST_DIR`: where the built examples are (`target/dist` by default); `cargo xtask test`
//!   builds them first and sets it.
//! - `E2E_SCREENSHOTS`: a folder; when set, every [`Page::step`] saves a screenshot there.
//! - `CHROMEDRIVER`, `CHROMIUM`: the binaries (`/usr/bin/chromedriver`, `/usr/bin/chromium`).

pub mod admin;
pub mod browser;
pub mod site;
pub mod totp;

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use futures_util::FutureExt as _;

pub use browser::Page;
pub use site::Site;

/// One flow's world: its server and its browser page.
#[derive(Debug)]
pub struct Flow {
    pub site: Site,
    pub page: Page,
}

/// Runs `flow` against a fresh server serving `example`, in a fresh browser. A failure (an error
/// or a panic) saves a screenshot to `target/e2e-screenshots/NAME.png` and fails the test with
/// the reason.
pub async fn run<F>(name: &str, example: &str, flow: F)
where
    F: AsyncFnOnce(&Flow) -> anyhow::Result<()>,
{
    let site = match Site::start(example).await {
        Ok(site) => site,
        Err(error) => panic!("{name}: {error:#}"),
    };
    let page = match Page::open(name, &site.url).await {
        Ok(page) => page,
        Err(error) => panic!("{name}: could not start the browser: {error:#}"),
    };
    let world = Flow { site, page };
    let outcome = AssertUnwindSafe(flow(&world)).catch_unwind().await;
    let failed = !matches!(outcome, Ok(Ok(())));
    let screenshot = if failed {
        let path = site::dist_dir()
            .with_file_name("e2e-screenshots")
            .join(format!("{name}.png"));
        match world.page.save_screenshot(&path).await {
            Ok(()) => format!("screenshot: {}", path.display()),
            Err(error) => format!("no screenshot: {error:#}"),
        }
    } else {
        String::new()
    };
    let Flow { site, page } = world;
    page.close().await;
    if failed {
        site.keep();
    }
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) => panic!("{name} failed: {error:#}\n{screenshot}"),
        Err(panic) => {
            eprintln!("{name}: {screenshot}");
            std::panic::resume_unwind(panic)
        }
    }
}

/// The repository root (this crate lives in `crates/e2e`).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map_or_else(|| manifest.clone(), PathBuf::from)
}

/// A name no other flow in this run uses: users stay apart even in a shared server.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}{}{}",
        std::process::id() % 10_000,
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
