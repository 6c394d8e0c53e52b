//! A load generator: full SRP sign-ins (InitiateAuth + RespondToAuthChallenge) against a running
//! cognito-server, reporting sign-ins per second and p50/p99 latency.
//!
//! ```sh
//! cargo run -p cognito-server --release --example load -- http://127.0.0.1:9229 DATA_DIR 64 10
//! ```
//! Arguments: server URL, its data dir (for `auth-config.json`), concurrent clients, seconds.
//! It signs up and confirms one user per client first (codes come from the outbox).

use std::time::{Duration, Instant};

use rand::RngExt as _;
use serde_json::{Value, json};

const PASSWORD: &str = "L0ad-test-password!";

struct Target {
    url: String,
    pool_id: String,
    client_id: String,
    http: reqwest::Client,
}

impl Target {
    async fn call(&self, operation: &str, input: Value) -> Result<Value, String> {
        let response = self
            .http
            .post(format!("{}/", self.url))
            .header(
                "x-amz-target",
                format!("AWSCognitoIdentityProviderService.{operation}"),
            )
            .body(input.to_string())
            .send()
            .await
            .map_err(|error| error.to_string())?;
        let ok = response.status().is_success();
        let body: Value = response.json().await.map_err(|error| error.to_string())?;
        if ok { Ok(body) } else { Err(body.to_string()) }
    }

    async fn user(&self, username: &str) -> Result<(), String> {
        self.call(
            "SignUp",
            json!({ "ClientId": self.client_id, "Username": username, "Password": PASSWORD,
                    "UserAttributes": [{ "Name": "email", "Value": format!("{username}@example.com") }] }),
        )
        .await?;
        let outbox: Value = self
            .http
            .get(format!("{}/_local/outbox", self.url))
            .send()
            .await
            .map_err(|error| error.to_string())?
            .json()
            .await
            .map_err(|error| error.to_string())?;
        let code = outbox
            .as_array()
            .and_then(|entries| {
                entries
                    .iter()
                    .rev()
                    .find(|entry| entry["username"] == username)
            })
            .and_then(|entry| entry["code"].as_str())
            .ok_or("no code in the outbox")?
            .to_owned();
        self.call(
            "ConfirmSignUp",
            json!({ "ClientId": self.client_id, "Username": username, "ConfirmationCode": code }),
        )
        .await
        .map(drop)
    }

    async fn sign_in(&self, username: &str) -> Result<(), String> {
        // A 256-bit client secret keeps the generator's own modpows cheap; the server's work
        // does not depend on it.
        let mut random = [0u8; 32];
        rand::rng().fill(&mut random[..]);
        let client = cognito_srp::Client::new(&random).map_err(|error| error.to_string())?;
        let challenge = self
            .call(
                "InitiateAuth",
                json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": self.client_id,
                        "AuthParameters": { "USERNAME": username, "SRP_A": client.srp_a() } }),
            )
            .await?;
        let parameters = &challenge["ChallengeParameters"];
        let text = |name: &str| parameters[name].as_str().unwrap_or_default().to_owned();
        let (user_id, block) = (text("USER_ID_FOR_SRP"), text("SECRET_BLOCK"));
        let pool_name = cognito_srp::pool_name(&self.pool_id).map_err(|error| error.to_string())?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|error| error.to_string())?
            .as_secs() as i64;
        let claim = client
            .password_claim(
                &cognito_srp::PasswordVerifierChallenge {
                    pool_name,
                    user_id_for_srp: &user_id,
                    salt_hex: &text("SALT"),
                    srp_b_hex: &text("SRP_B"),
                    secret_block: &block,
                },
                PASSWORD,
                now,
            )
            .map_err(|error| error.to_string())?;
        let result = self
            .call(
                "RespondToAuthChallenge",
                json!({ "ClientId": self.client_id, "ChallengeName": "PASSWORD_VERIFIER",
                        "ChallengeResponses": { "USERNAME": user_id, "PASSWORD_CLAIM_SECRET_BLOCK": block,
                                                "TIMESTAMP": claim.timestamp,
                                                "PASSWORD_CLAIM_SIGNATURE": claim.signature } }),
            )
            .await?;
        if result["AuthenticationResult"]["AccessToken"].is_string() {
            Ok(())
        } else {
            Err(result.to_string())
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, data, clients, seconds] = args.as_slice() else {
        anyhow::bail!("usage: load URL DATA_DIR CLIENTS SECONDS");
    };
    let config: Value = serde_json::from_str(&std::fs::read_to_string(
        std::path::Path::new(data).join("auth-config.json"),
    )?)?;
    let target = std::sync::Arc::new(Target {
        url: url.trim_end_matches('/').to_owned(),
        pool_id: config["aws_user_pools_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        client_id: config["aws_user_pools_web_client_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        http: reqwest::Client::new(),
    });
    let clients: usize = clients.parse()?;
    let duration = Duration::from_secs(seconds.parse()?);
    let run = format!("{:x}", rand::rng().random::<u32>());

    let mut users = Vec::new();
    for index in 0..clients {
        let username = format!("load-{run}-{index}");
        target.user(&username).await.map_err(anyhow::Error::msg)?;
        users.push(username);
    }

    let started = Instant::now();
    let mut tasks = Vec::new();
    for username in users {
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            while started.elapsed() < duration {
                let begun = Instant::now();
                match target.sign_in(&username).await {
                    Ok(()) => latencies.push(begun.elapsed()),
                    Err(_) => errors += 1,
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (mut some, failed) = task.await?;
        latencies.append(&mut some);
        errors += failed;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let percentile = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "clients={clients} sign_ins={} errors={errors} rate={:.1}/s p50={:.1}ms p99={:.1}ms",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        percentile(0.50),
        percentile(0.99),
    );
    Ok(())
}
