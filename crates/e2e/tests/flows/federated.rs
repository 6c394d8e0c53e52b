//! examples/federated: social sign-in through cognito-server's mock providers (the whole redirect
//! dance, on loopback), then AWS credentials from the identity pool and a SigV4-signed call.

use anyhow::{Context, ensure};
use e2e::{Flow, run, unique};
use serde_json::Value;

#[tokio::test]
async fn google_sign_in_gets_credentials_and_signs_a_request() {
    run(
        "google_sign_in_gets_credentials_and_signs_a_request",
        "federated",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            for provider in ["google", "facebook", "amazon", "apple", "hosted-ui"] {
                page.wait_for(&format!(
                    "[data-amplify-authenticator] button[type=button][data-amplify-provider={provider}]"
                ))
                .await?;
            }
            page.step("sign-in with providers").await?;

            page.click_button("Sign In with Google").await?;
            // Through the hosted UI's /oauth2/authorize to the mock Google's own page.
            page.wait_for_text("h1", "Sign in with Google").await?;
            ensure!(
                page.path().await?.starts_with("/_mock/google/"),
                "the browser should be at the mock Google, it is at {}",
                page.path().await?
            );
            page.step("mock google").await?;
            let email = format!("{}@example.com", unique("gina"));
            page.fill_css("input#email", &email).await?;
            page.fill_css("input#name", "Gina Federated").await?;
            page.click_button("Sign in").await?;

            // Back in the app: signed in as the pool's federated user, and the code and state
            // are gone from the address bar.
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("h1", "Signed in as Google_").await?;
            ensure!(
                page.path().await? == "/",
                "the callback parameters should be cleaned, the URL is {}",
                page.path().await?
            );
            page.wait_for_text("#identities li[data-provider=Google]", "Google: ")
                .await?;
            page.step("signed in").await?;

            let access_key_id = page.text("#access-key-id").await?;
            let identity_id = page.text("#identity-id").await?;
            ensure!(!access_key_id.is_empty(), "no access key id shown");
            ensure!(
                identity_id.starts_with("us-east-1:"),
                "identity id {identity_id:?}"
            );
            page.wait_for_text("#expiration", "T").await?;
            let shown = page.text("#credentials").await?;
            ensure!(
                !shown.to_lowercase().contains("secret"),
                "the secret should never be shown: {shown}"
            );

            page.click_button("Call the signed API").await?;
            let answer = page.text("#caller-identity").await?;
            page.step("signed request answered").await?;
            let answer: Value =
                serde_json::from_str(&answer).with_context(|| format!("answer {answer:?}"))?;
            ensure!(
                answer["AccessKeyId"] == access_key_id.as_str()
                    && answer["IdentityId"] == identity_id.as_str()
                    && answer["Authenticated"] == true,
                "the server should know the caller by the signature: {answer}"
            );

            // The session is stored like a password sign-in's: a reload keeps it.
            page.reload().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("h1", "Signed in as Google_").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn amazon_preset_user_signs_in_and_out() {
    run(
        "amazon_preset_user_signs_in_and_out",
        "federated",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            page.click_button("Sign In with Amazon").await?;
            page.wait_for_text("h1", "Sign in with").await?;
            page.click_button("Continue as Bob Marley <bob@example.com>")
                .await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("h1", "Signed in as LoginWithAmazon_")
                .await?;
            page.wait_for_text("#identities", "LoginWithAmazon").await?;
            page.step("signed in with amazon").await?;

            // A session from the hosted UI ends there too: through /logout and back.
            page.mark_document().await?;
            page.click("#app-sign-out").await?;
            page.wait_for_new_document().await?;
            page.wait_for_state("signIn").await?;
            page.reload().await?;
            page.wait_for_state("signIn").await?;
            page.wait_for("[data-amplify-provider=amazon]").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_replayed_callback_is_refused_with_a_message() {
    run(
        "a_replayed_callback_is_refused_with_a_message",
        "federated",
        async |flow: &Flow| {
            let page = &flow.page;
            // A code and state this browser never asked for.
            page.goto("/?code=not-from-here&state=forged").await?;
            page.wait_for_state("signIn").await?;
            page.wait_for_text(
                "[role=alert]",
                "Sign-in could not be completed. Please try again.",
            )
            .await?;
            ensure!(
                page.path().await? == "/",
                "the refused parameters should be cleaned, the URL is {}",
                page.path().await?
            );
            page.step("forged callback refused").await?;
            Ok(())
        },
    )
    .await;
}
