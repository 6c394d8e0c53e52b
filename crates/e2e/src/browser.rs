//! A headless Chromium page driven through chromedriver, with the waits a person does: look for
//! the element until it is there (or a timeout says why not), never a fixed sleep.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::{Child, Command};

/// How long a person would wait for the page before calling it broken. Generous: the machine
/// may be busy building, and the first SRP sign-in in a cold page takes a while.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// The Authenticator's one-time code field.
pub const CODE_INPUT: &str = "[data-amplify-authenticator] input[autocomplete=\"one-time-code\"]";
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

/// The flags the browser tests use too (crates/xtask/src/toolchain.rs): headless, sandbox-less
/// (containers), and quiet on the network, so Chromium does not try to reach the internet.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
];

/// One browser window on the site.
#[derive(Debug)]
pub struct Page {
    client: Client,
    driver: Child,
    /// `http://127.0.0.1:PORT` of chromedriver, for its Chrome DevTools passthrough.
    driver_url: String,
    profile: PathBuf,
    /// `http://127.0.0.1:PORT` of the site.
    base: String,
    name: String,
    steps: AtomicU32,
    step_dir: Option<PathBuf>,
}

impl Page {
    /// Starts chromedriver on a free port and a fresh browser profile.
    pub async fn open(name: &str, base: &str) -> Result<Self> {
        Self::open_with_args(name, base, &[]).await
    }

    /// Like [`Page::open`], with Chromium flags besides ours (`--enable-precise-memory-info`).
    pub async fn open_with_args(name: &str, base: &str, extra_args: &[&str]) -> Result<Self> {
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut driver = Command::new(&chromedriver)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {chromedriver}"))?;
        let port = read_port(&mut driver).await?;

        let profile = std::env::temp_dir().join(format!("e2e-chromium-{}", crate::unique(name)));
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| (*a).to_owned()).collect();
        args.extend(extra_args.iter().map(|a| (*a).to_owned()));
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            bail!("capabilities are an object");
        };
        let driver_url = format!("http://127.0.0.1:{port}");
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver_url)
            .await
            .context("opening a WebDriver session")?;
        Ok(Self {
            client,
            driver,
            driver_url,
            profile,
            base: base.trim_end_matches('/').to_owned(),
            name: name.to_owned(),
            steps: AtomicU32::new(0),
            step_dir: std::env::var_os("E2E_SCREENSHOTS").map(PathBuf::from),
        })
    }

    /// Ends the session (Chromium quits) and stops chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }

    /// The WebDriver client, for what the helpers here do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Sends a Chrome DevTools Protocol command (`Page.addScriptToEvaluateOnNewDocument`,
    /// `Runtime.getHeapUsage`) through chromedriver's passthrough; returns its result.
    pub async fn cdp(&self, command: &str, params: serde_json::Value) -> Result<serde_json::Value> {
        let session = self
            .client
            .session_id()
            .await?
            .context("the WebDriver session has no id")?;
        let response = reqwest::Client::new()
            .post(format!(
                "{}/session/{session}/goog/cdp/execute",
                self.driver_url
            ))
            .json(&json!({ "cmd": command, "params": params }))
            .send()
            .await
            .with_context(|| format!("sending {command}"))?;
        let status = response.status();
        let mut body: serde_json::Value = response.json().await?;
        if !status.is_success() {
            bail!("{command} answered {status}: {body}");
        }
        Ok(body["value"].take())
    }

    /// Opens `path` (`/`, `/private`) on the site.
    pub async fn goto(&self, path: &str) -> Result<()> {
        let url = format!("{}{path}", self.base);
        self.client
            .goto(&url)
            .await
            .with_context(|| format!("opening {url}"))
    }

    /// Reloads the page.
    pub async fn reload(&self) -> Result<()> {
        self.client.refresh().await.context("reloading")
    }

    /// The current URL's path and query (`/sign-in?from=%2Fprivate`).
    pub async fn path(&self) -> Result<String> {
        let url = self.client.current_url().await?;
        Ok(match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        })
    }

    /// Waits until the URL's path is `path`.
    pub async fn wait_for_path(&self, path: &str) -> Result<()> {
        self.until(&format!("the URL path to be {path}"), async || {
            let url = self.client.current_url().await?;
            Ok((url.path() == path).then_some(()))
        })
        .await
    }

    /// Marks the current document, so [`Page::wait_for_new_document`] can tell when the browser
    /// has left it (a redirect that comes back to the same URL).
    pub async fn mark_document(&self) -> Result<()> {
        self.client
            .execute("window.e2eMarked = true;", vec![])
            .await
            .context("marking the document")?;
        Ok(())
    }

    /// Waits until the document marked by [`Page::mark_document`] is replaced by a loaded one.
    pub async fn wait_for_new_document(&self) -> Result<()> {
        const PROBE: &str =
            "return window.e2eMarked === undefined && document.readyState === 'complete';";
        self.until("the browser to load a new document", async || {
            // Mid-navigation the page may have no script context: that is "not yet".
            let replaced = self.client.execute(PROBE, vec![]).await.ok();
            Ok((replaced == Some(serde_json::Value::Bool(true))).then_some(()))
        })
        .await
    }

    /// Waits for an element matching the CSS selector.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        self.until(&format!("an element matching `{css}`"), async || {
            Ok(self
                .client
                .find_all(Locator::Css(css))
                .await?
                .into_iter()
                .next())
        })
        .await
    }

    /// Waits until no element matches the CSS selector.
    pub async fn wait_for_none(&self, css: &str) -> Result<()> {
        self.until(&format!("no element matching `{css}`"), async || {
            Ok(self
                .client
                .find_all(Locator::Css(css))
                .await?
                .is_empty()
                .then_some(()))
        })
        .await
    }

    /// Waits for an element matching `css` whose visible text contains `text`; the timeout's
    /// error lists what those elements said instead.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result<Element> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut seen = Vec::new();
            for element in self.client.find_all(Locator::Css(css)).await? {
                // An element replaced between the search and the read is simply looked at again.
                if let Ok(shown) = element.text().await {
                    if shown.contains(text) {
                        return Ok(element);
                    }
                    seen.push(shown);
                }
            }
            if Instant::now() > deadline {
                bail!(
                    "waited {}s for `{css}` to say {text:?}; it said {seen:?}",
                    TIMEOUT.as_secs()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the Authenticator shows `state` (Amplify's name: `signIn`, `signedIn`, ...).
    pub async fn wait_for_state(&self, state: &str) -> Result<()> {
        let css = format!("[data-amplify-authenticator][data-state=\"{state}\"]");
        if self.wait_for(&css).await.is_ok() {
            return Ok(());
        }
        let now = match self
            .client
            .find(Locator::Css("[data-amplify-authenticator]"))
            .await
        {
            Ok(element) => element.attr("data-state").await?.unwrap_or_default(),
            Err(_) => "no Authenticator on the page".to_owned(),
        };
        let alert = self.alerts().await.unwrap_or_default();
        bail!("the Authenticator never reached {state:?}: it is in {now:?}; alerts: {alert:?}")
    }

    /// The texts of every error on the page (`role=alert` and field errors), for messages.
    pub async fn alerts(&self) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for element in self
            .client
            .find_all(Locator::Css("[role=alert], .amplify-field-error"))
            .await?
        {
            texts.push(element.text().await.unwrap_or_default());
        }
        Ok(texts)
    }

    /// Types `value` into the input named `name` (replacing what is there) in the first form
    /// that has one.
    pub async fn fill(&self, name: &str, value: &str) -> Result<()> {
        self.fill_css(&format!("input[name=\"{name}\"]"), value)
            .await
    }

    /// Types a one-time code into the Authenticator's code field (found by its `one-time-code`
    /// autocomplete, as a browser offering SMS autofill finds it).
    pub async fn fill_code(&self, code: &str) -> Result<()> {
        self.fill_css(CODE_INPUT, code).await
    }

    /// Types `value` into the input matching `css`, replacing what is there.
    pub async fn fill_css(&self, css: &str, value: &str) -> Result<()> {
        let input = self.wait_for(css).await?;
        input.clear().await?;
        input
            .send_keys(value)
            .await
            .with_context(|| format!("typing into `{css}`"))
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self.wait_for(css).await?;
        element
            .click()
            .await
            .with_context(|| format!("clicking `{css}`"))
    }

    /// Waits for an element matching the XPath expression.
    pub async fn until_found(&self, xpath: &str) -> Result<Element> {
        self.until(&format!("an element at `{xpath}`"), async || {
            Ok(self
                .client
                .find_all(Locator::XPath(xpath))
                .await?
                .into_iter()
                .next())
        })
        .await
    }

    /// Clicks the enabled button whose text is `text`.
    pub async fn click_button(&self, text: &str) -> Result<()> {
        let xpath = format!("//button[normalize-space()=\"{text}\" and not(@disabled)]");
        let button = self.until_found(&xpath).await?;
        button
            .click()
            .await
            .with_context(|| format!("clicking {text:?}"))
    }

    /// Submits the Authenticator's current form with its submit button, as a person clicks it.
    pub async fn submit(&self) -> Result<()> {
        self.click("[data-amplify-authenticator] form button[type=submit]:not([disabled])")
            .await
    }

    /// The text of the first element matching `css`, waiting for it.
    pub async fn text(&self, css: &str) -> Result<String> {
        Ok(self.wait_for(css).await?.text().await?)
    }

    /// Marks a step of the flow: with `E2E_SCREENSHOTS` set, saves `NAME-NN-step.png` there.
    pub async fn step(&self, step: &str) -> Result<()> {
        let Some(dir) = &self.step_dir else {
            return Ok(());
        };
        let number = self.steps.fetch_add(1, Ordering::Relaxed) + 1;
        let file: String = format!("{}-{number:02}-{step}", self.name)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.save_screenshot(&dir.join(format!("{file}.png"))).await
    }

    /// Saves a PNG of the window.
    pub async fn save_screenshot(&self, path: &Path) -> Result<()> {
        let png = self
            .client
            .screenshot()
            .await
            .context("taking a screenshot")?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, png).with_context(|| format!("writing {}", path.display()))
    }

    /// Asks `probe` until it finds something or [`TIMEOUT`] passes.
    async fn until<T>(&self, what: &str, probe: impl AsyncFn() -> Result<Option<T>>) -> Result<T> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(found) = probe().await? {
                return Ok(found);
            }
            if Instant::now() > deadline {
                bail!("waited {}s for {what}", TIMEOUT.as_secs());
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

/// Reads chromedriver's "started successfully on port N." line.
async fn read_port(driver: &mut Child) -> Result<u16> {
    let stdout = driver
        .stdout
        .take()
        .context("chromedriver's output is not piped")?;
    let mut lines = BufReader::new(stdout).lines();
    let port = tokio::time::timeout(TIMEOUT, async {
        while let Some(line) = lines.next_line().await? {
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                return rest
                    .trim_end_matches('.')
                    .trim()
                    .parse::<u16>()
                    .with_context(|| format!("reading the port in {line:?}"));
            }
        }
        bail!("chromedriver exited before it listened")
    })
    .await
    .context("chromedriver did not start")??;
    // Keep reading its output so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(port)
}
