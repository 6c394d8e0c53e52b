//! examples/hosted-ui: the app's only way in is the hosted UI (code grant with PKCE); signing out
//! ends the hosted UI's session too, through its /logout.

use anyhow::ensure;
use e2e::{Flow, admin, run, unique};

use crate::PASSWORD;

#[tokio::test]
async fn hosted_ui_sign_in_reload_and_sign_out_through_logout() {
    run(
        "hosted_ui_sign_in_reload_and_sign_out_through_logout",
        "hosted-ui",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("hana");
            admin::create_user(&flow.site, &username, PASSWORD).await?;
            page.goto("/").await?;
            page.wait_for_text("h1", "Hosted UI example").await?;
            page.step("signed out").await?;

            page.click_button("Sign In with the hosted UI").await?;
            page.wait_for_path("/login").await?;
            page.step("hosted sign-in page").await?;
            page.fill("username", &username).await?;
            page.fill("password", PASSWORD).await?;
            page.click_button("Sign in").await?;

            page.wait_for_text("h1", &format!("Signed in as {username}"))
                .await?;
            ensure!(
                page.path().await? == "/",
                "the code and state should be cleaned from the URL, it is {}",
                page.path().await?
            );
            page.wait_for_text("#id-token-claims", "\"token_use\": \"id\"")
                .await?;
            page.step("signed in").await?;

            page.reload().await?;
            page.wait_for_text("h1", &format!("Signed in as {username}"))
                .await?;

            // Through the hosted UI's /logout and back to the app: a new page load.
            page.mark_document().await?;
            page.click("#app-sign-out").await?;
            page.wait_for_new_document().await?;
            page.wait_for_path("/").await?;
            page.wait_for_text("h1", "Hosted UI example").await?;
            page.step("signed out again").await?;

            // The hosted UI's own session ended too: signing in asks for the password again
            // instead of coming straight back signed in.
            page.click_button("Sign In with the hosted UI").await?;
            page.wait_for_path("/login").await?;
            page.wait_for("input[name=password]").await?;
            Ok(())
        },
    )
    .await;
}
