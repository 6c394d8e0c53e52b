//! examples/router: a protected route sends a signed-out reader to sign-in, and back after it.

use anyhow::ensure;
use e2e::{Flow, admin, run, unique};

use crate::PASSWORD;
use crate::basic::sign_in;

#[tokio::test]
async fn protected_route_redirects_to_sign_in_then_back() {
    run(
        "protected_route_redirects_to_sign_in_then_back",
        "router",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("hal");
            admin::create_user(&flow.site, &username, PASSWORD).await?;

            // Public pages need nobody signed in.
            page.goto("/about").await?;
            page.wait_for_text("#about h1", "About").await?;

            page.goto("/private").await?;
            page.wait_for_path("/sign-in").await?;
            let path = page.path().await?;
            ensure!(
                path.contains("from=%2Fprivate") || path.contains("from=/private"),
                "the sign-in URL should remember the route, it is {path}"
            );
            page.step("redirected to sign-in").await?;

            sign_in(flow, &username, PASSWORD).await?;
            page.wait_for_path("/private").await?;
            page.wait_for_text("#private-greeting", &format!("Private page for {username}"))
                .await?;
            page.step("back on the private page").await?;

            // The protected page survives a reload (the session is stored, the server serves the
            // app for any path).
            page.reload().await?;
            page.wait_for_text("#private-greeting", &username).await?;

            // Another protected route opens straight away now, through the app's own link.
            page.click("nav a[href='/account']").await?;
            page.wait_for_path("/account").await?;
            page.wait_for_text("#account", &format!("Account of {username}"))
                .await?;
            page.click("nav a[href='/private']").await?;
            page.wait_for_path("/private").await?;

            // Signing out on a protected page sends the reader to sign-in again.
            page.click("#nav-sign-out").await?;
            page.wait_for_path("/sign-in").await?;
            page.wait_for_state("signIn").await?;
            Ok(())
        },
    )
    .await;
}
