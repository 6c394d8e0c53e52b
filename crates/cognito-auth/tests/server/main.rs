#![cfg(not(target_arch = "wasm32"))]
//! `cognito-auth` against a real `cognito-server`, started in-process: every call crosses HTTP and
//! the server checks SRP, codes and tokens for real. One binary, so one link and one server.

// Helpers shared by the tests panic on failure like the tests themselves; clippy only exempts
// `#[test]` functions.
#![allow(clippy::unwrap_used)]

mod common;

mod account;
#[cfg(feature = "cli")]
mod cli;
mod credentials;
mod federation;
mod hosted_ui;
mod identity_federation;
mod mfa;
mod session;
mod sign_in;
mod sign_up;
mod sigv4;
