//! The examples driven as a person would, in headless Chromium, against a real cognito-server.
//! Each test starts its own server and browser (see the `e2e` library); the examples must be
//! built first (`cargo xtask test` does it).

mod accessibility;
mod basic;
mod custom_screens;
mod federated;
mod hosted_ui;
mod mfa;
mod router;

/// A password that meets the default pool's policy.
const PASSWORD: &str = "Passw0rd!x";
