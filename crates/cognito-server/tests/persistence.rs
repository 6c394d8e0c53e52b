//! The real binary on a data dir: files it writes, and data surviving `kill -9` and a restart.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

/// A running `cognito-server` process and the URL it printed.
struct Process {
    child: Child,
    url: String,
}

impl Process {
    fn start(data: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-server"))
            .args(["--bind", "127.0.0.1:0", "--data"])
            .arg(data)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("server starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                line.strip_prefix("cognito-server listening on ")
                    .map(str::to_owned)
            })
            .expect("the server prints its URL");
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Self { child, url }
    }

    /// SIGKILL: no chance to flush or shut down cleanly.
    fn kill_hard(mut self) {
        self.child.kill().expect("kill");
        self.child.wait().expect("reaped");
    }

    async fn call(&self, operation: &str, input: Value) -> (u16, Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/", self.url))
            .header(
                "x-amz-target",
                format!("AWSCognitoIdentityProviderService.{operation}"),
            )
            .body(input.to_string())
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.expect("json body"))
    }

    async fn jwks_kids(&self, pool_id: &str) -> Vec<String> {
        let jwks: Value = reqwest::get(format!("{}/{pool_id}/.well-known/jwks.json", self.url))
            .await
            .expect("jwks")
            .json()
            .await
            .expect("jwks json");
        jwks["keys"]
            .as_array()
            .expect("keys")
            .iter()
            .map(|key| key["kid"].as_str().expect("kid").to_owned())
            .collect()
    }
}

fn temp_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    std::env::temp_dir().join(format!(
        "cognito-server-test-{}-{nanos}",
        std::process::id()
    ))
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("file exists")).expect("json")
}

#[tokio::test]
async fn data_dir_files_and_users_survive_kill_9() {
    let dir = temp_dir();
    let server = Process::start(&dir);

    let config = read_json(&dir.join("auth-config.json"));
    let pool_id = config["aws_user_pools_id"]
        .as_str()
        .expect("pool id")
        .to_owned();
    let client_id = config["aws_user_pools_web_client_id"]
        .as_str()
        .expect("client id")
        .to_owned();
    assert!(pool_id.starts_with("us-east-1_"));
    assert_eq!(config["aws_cognito_region"], "us-east-1");
    assert!(
        config["aws_cognito_identity_pool_id"]
            .as_str()
            .expect("identity pool")
            .starts_with("us-east-1:")
    );
    assert_eq!(config["aws_user_pools_endpoint"], server.url);

    let credentials = read_json(&dir.join("admin-credentials.json"));
    assert!(credentials["aws_access_key_id"].is_string());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.join("admin-credentials.json"))
            .expect("credentials file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let (status, _) = server
        .call(
            "SignUp",
            json!({ "ClientId": client_id, "Username": "durable", "Password": "Corr3ct-horse!",
                    "UserAttributes": [{ "Name": "email", "Value": "durable@example.com" }] }),
        )
        .await;
    assert_eq!(status, 200);
    let kids = server.jwks_kids(&pool_id).await;
    server.kill_hard();

    let outbox = std::fs::read_to_string(dir.join("outbox.jsonl")).expect("outbox file");
    let entry: Value =
        serde_json::from_str(outbox.lines().last().expect("a line")).expect("json line");
    assert_eq!(entry["username"], "durable");
    assert_eq!(entry["pool_id"], pool_id);
    assert_eq!(entry["medium"], "EMAIL");
    assert_eq!(entry["destination"], "durable@example.com");
    assert_eq!(entry["purpose"], "sign_up");
    assert!(entry["time"].is_i64());
    let code = entry["code"].as_str().expect("code").to_owned();

    let restarted = Process::start(&dir);
    assert_eq!(
        read_json(&dir.join("auth-config.json"))["aws_user_pools_id"],
        pool_id
    );
    assert_eq!(restarted.jwks_kids(&pool_id).await, kids, "keys are kept");
    let (status, body) = restarted
        .call(
            "ConfirmSignUp",
            json!({ "ClientId": client_id, "Username": "durable", "ConfirmationCode": code }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = restarted
        .call(
            "InitiateAuth",
            json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id,
                    "AuthParameters": { "USERNAME": "durable", "PASSWORD": "Corr3ct-horse!" } }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    restarted.kill_hard();
    let _ = std::fs::remove_dir_all(dir);
}
