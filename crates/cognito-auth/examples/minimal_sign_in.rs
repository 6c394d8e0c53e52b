//! The smallest browser app that signs in with this crate: what it adds to a download is measured
//! from this (`cargo build --example minimal_sign_in --target wasm32-unknown-unknown
//! --profile wasm-release`, then wasm-bindgen). Natively it signs in against the endpoint given on
//! the command line.

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let config = cognito_auth::AuthConfig::new("us-east-1_Example", "exampleclient")
            .with_user_pool_endpoint("http://127.0.0.1:9229");
        let Ok(auth) = cognito_auth::Auth::new(config) else {
            return;
        };
        let step = auth.sign_in("alice", "Passw0rd!").await;
        web_sys::console::log_1(&format!("{step:?}").into());
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(endpoint), Some(pool), Some(client), Some(username), Some(password)) = (
        args.next(),
        args.next(),
        args.next(),
        args.next(),
        args.next(),
    ) else {
        eprintln!("usage: minimal_sign_in ENDPOINT POOL_ID CLIENT_ID USERNAME PASSWORD");
        return;
    };
    let Ok(runtime) = tokio::runtime::Runtime::new() else {
        return;
    };
    runtime.block_on(async {
        let config = cognito_auth::AuthConfig::new(pool, client).with_user_pool_endpoint(endpoint);
        match cognito_auth::Auth::new(config) {
            Ok(auth) => println!("{:?}", auth.sign_in(&username, &password).await),
            Err(error) => eprintln!("{error}"),
        }
    });
}
