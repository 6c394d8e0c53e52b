//! `cargo bench -p cognito-auth --bench sign_in`: the whole SRP `sign_in` round trip (two
//! requests, the SRP arithmetic, token decoding and storing) against an in-process
//! `cognito-server`. Prints `name value unit` lines, as `cargo xtask bench` collects them.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let times = runtime.block_on(native::measure(25));
    let mut sorted = times;
    sorted.sort_by(f64::total_cmp);
    println!("auth_sign_in_native_min {:.2} ms", sorted[0]);
    println!(
        "auth_sign_in_native_median {:.2} ms",
        sorted[sorted.len() / 2]
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Instant;

    use cognito_auth::{Auth, AuthConfig, SignInStep, SignOutOptions, SignUpInput};

    const PASSWORD: &str = "Passw0rd!";

    /// Milliseconds per sign-in, `rounds` times, after one warm-up.
    pub async fn measure(rounds: usize) -> Vec<f64> {
        let mut options = cognito_server::Options::for_tests();
        options.quiet = true;
        let server = cognito_server::start(options).await.expect("server starts");
        let config = AuthConfig::new(&server.defaults.user_pool_id, &server.defaults.client_id)
            .with_user_pool_endpoint(&server.url);
        let auth = Auth::new(config).expect("config");
        auth.sign_up(SignUpInput::new("bench", PASSWORD).attribute("email", "b@example.com"))
            .await
            .expect("sign-up");
        let outbox: Vec<serde_json::Value> = reqwest::get(format!("{}/_local/outbox", server.url))
            .await
            .expect("outbox")
            .json()
            .await
            .expect("outbox json");
        let code = outbox
            .iter()
            .find_map(|entry| entry["code"].as_str())
            .expect("a code");
        auth.confirm_sign_up("bench", code).await.expect("confirm");

        let mut times = Vec::new();
        for round in 0..=rounds {
            let started = Instant::now();
            let step = auth.sign_in("bench", PASSWORD).await.expect("sign-in");
            let elapsed = started.elapsed().as_secs_f64() * 1e3;
            assert_eq!(step, SignInStep::Done);
            if round > 0 {
                times.push(elapsed);
            }
            auth.sign_out(SignOutOptions::default())
                .await
                .expect("sign-out");
        }
        server.shutdown().await;
        times
    }
}
