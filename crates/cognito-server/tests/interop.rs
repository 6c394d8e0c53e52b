//! The official clients against the real binary: boto3 (pip), amazon-cognito-identity-js and
//! aws-amplify v6 (npm). Installing them needs the package registries, so this file builds only
//! with the `interop` feature: `cargo test -p cognito-server --features interop --test interop`
//! (`cargo xtask test` runs it).
//!
//! The clients are installed into `$COGNITO_INTEROP_DIR` (default: a folder in Cargo's target
//! tmp dir) on first use and reused afterwards.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop")
}

fn tools_dir() -> PathBuf {
    std::env::var_os("COGNITO_INTEROP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("cognito-interop"))
}

fn run(command: &mut Command) -> String {
    let output = command.output().expect("command runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{command:?} failed:\n{text}");
    text
}

/// A venv with boto3, created once.
fn python() -> PathBuf {
    let dir = tools_dir();
    let python = dir.join("venv/bin/python");
    if !python.exists() {
        std::fs::create_dir_all(&dir).expect("tools dir");
        run(Command::new("python3")
            .args(["-m", "venv"])
            .arg(dir.join("venv")));
        run(Command::new(&python).args(["-m", "pip", "install", "-q", "boto3"]));
    }
    python
}

/// A node_modules folder with both JavaScript clients, created once.
fn node_modules() -> PathBuf {
    // Two tests need it; one npm install at a time into one folder.
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tools_dir();
    if !dir.join("node_modules/aws-amplify").exists()
        || !dir.join("node_modules/amazon-cognito-identity-js").exists()
    {
        std::fs::create_dir_all(&dir).expect("tools dir");
        if !dir.join("package.json").exists() {
            std::fs::write(dir.join("package.json"), "{\"private\": true}\n")
                .expect("package.json");
        }
        run(Command::new("npm").current_dir(&dir).args([
            "install",
            "--silent",
            "amazon-cognito-identity-js@6",
            "aws-amplify@6",
        ]));
    }
    dir
}

/// The server on a fresh data dir; killed on drop.
struct Server {
    child: Child,
    data: PathBuf,
}

impl Server {
    fn start(name: &str) -> Self {
        let data = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("interop-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data);
        let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-server"))
            .args(["--bind", "127.0.0.1:0", "--data"])
            .arg(&data)
            .stdout(Stdio::piped())
            .spawn()
            .expect("server starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        lines
            .by_ref()
            .map_while(Result::ok)
            .find(|line| line.starts_with("cognito-server listening on "))
            .expect("server prints its URL");
        std::thread::spawn(move || lines.for_each(drop));
        Self { child, data }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

fn assert_ok(output: &str) {
    assert!(
        output.lines().any(|line| line.trim() == "OK"),
        "the client script did not finish:\n{output}"
    );
}

#[test]
fn boto3_admin_sign_up_and_password_sign_in() {
    let python = python();
    let server = Server::start("boto3");
    let output = run(Command::new(python)
        .arg(scripts().join("boto3_check.py"))
        .arg(&server.data));
    assert_ok(&output);
}

#[test]
fn amazon_cognito_identity_js_srp_refresh_and_sign_out() {
    let modules = node_modules();
    let server = Server::start("identity-js");
    let script = modules.join("identity_js_check.mjs");
    std::fs::copy(scripts().join("identity_js_check.mjs"), &script).expect("copy script");
    let output = run(Command::new("node").arg(&script).arg(&server.data));
    assert_ok(&output);
}

#[test]
fn aws_amplify_v6_srp_session_and_sign_out() {
    let modules = node_modules();
    let server = Server::start("amplify");
    // Node resolves packages from the script's folder, so the script runs from there.
    let script = modules.join("amplify_check.mjs");
    std::fs::copy(scripts().join("amplify_check.mjs"), &script).expect("copy script");
    let output = run(Command::new("node").arg(&script).arg(&server.data));
    assert_ok(&output);
}
