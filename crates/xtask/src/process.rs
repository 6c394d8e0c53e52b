//! Running commands: echoed, checked, and optionally with their output captured as it streams.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

/// Prints the command line the way a reader could paste it.
fn describe(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs a command to completion; fails unless it succeeds.
pub fn run(command: &mut Command) -> Result<()> {
    let line = describe(command);
    eprintln!("$ {line}");
    let status = command
        .status()
        .with_context(|| format!("starting `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its standard output (standard error passes through).
pub fn output(command: &mut Command) -> Result<String> {
    let line = describe(command);
    let out = command
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting `{line}`"))?;
    if !out.status.success() {
        bail!("`{line}` failed ({})", out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Where [`stream`] echoes a command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Echo {
    Stdout,
    Stderr,
}

/// Runs a command, echoing its standard output line by line while handing each line to `on_line`.
/// Returns whether it succeeded.
pub fn stream(command: &mut Command, echo: Echo, mut on_line: impl FnMut(&str)) -> Result<bool> {
    let line = describe(command);
    eprintln!("$ {line}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting `{line}`"))?;
    if let Some(stdout) = child.stdout.take() {
        for text in BufReader::new(stdout).lines() {
            let text = text.context("reading command output")?;
            match echo {
                Echo::Stdout => println!("{text}"),
                Echo::Stderr => eprintln!("{text}"),
            }
            on_line(&text);
        }
    }
    Ok(child
        .wait()
        .with_context(|| format!("waiting for `{line}`"))?
        .success())
}

/// Whether a program can be started at all.
pub fn exists(program: &str, version_arg: &str) -> bool {
    Command::new(program)
        .arg(version_arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
