//! The `cognito-auth` binary (feature `cli`) end to end.

use std::process::{Command, Output};

use serde_json::Value;

use crate::common::{PASSWORD, code, server, unique};

fn cli(session: &std::path::Path, args: &[&str]) -> Output {
    let server = server();
    Command::new(env!("CARGO_BIN_EXE_cognito-auth"))
        .args([
            "--endpoint",
            &server.url,
            "--user-pool-id",
            &server.pool_id,
            "--client-id",
            &server.client_id,
            "--session",
        ])
        .arg(session)
        .args(args)
        .env_remove("COGNITO_PASSWORD")
        .output()
        .unwrap()
}

fn json_out(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test]
async fn command_line_signs_up_in_and_out() {
    let session = std::env::temp_dir().join(format!("{}.json", unique("cli-session")));
    let username = unique("cli");
    let email = format!("email={username}@example.com");
    let signed_up = json_out(&cli(
        &session,
        &[
            "sign-up",
            "--username",
            &username,
            "--password",
            PASSWORD,
            "--attribute",
            &email,
        ],
    ));
    assert_eq!(signed_up["userConfirmed"], false);
    let code = code(&username, "sign_up").await;
    json_out(&cli(
        &session,
        &["confirm-sign-up", "--username", &username, "--code", &code],
    ));

    let wrong = cli(
        &session,
        &[
            "sign-in",
            "--username",
            &username,
            "--password",
            "Wr0ng-pass!",
        ],
    );
    assert_eq!(wrong.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&wrong.stderr).unwrap();
    assert_eq!(error["error"], "NotAuthorizedException");

    let tokens = json_out(&cli(
        &session,
        &["sign-in", "--username", &username, "--password", PASSWORD],
    ));
    assert_eq!(tokens["username"], username.as_str());
    assert!(tokens["accessToken"].as_str().unwrap().contains('.'));

    // The session file carries the user to the next run.
    assert_eq!(
        json_out(&cli(&session, &["tokens"]))["username"],
        username.as_str()
    );
    let attributes = json_out(&cli(&session, &["attributes"]));
    assert_eq!(attributes["email"], format!("{username}@example.com"));
    json_out(&cli(&session, &["refresh"]));
    json_out(&cli(&session, &["sign-out", "--global"]));
    let after = cli(&session, &["tokens"]);
    assert_eq!(after.status.code(), Some(1));
    let _ = std::fs::remove_file(&session);
}
