//! axe-core audits of every screen a person meets in the examples, with WCAG 2.x A/AA and
//! best-practice rules: no violations allowed. xtask installs axe-core from npm and passes its
//! script in `E2E_AXE_JS`.

use anyhow::{Context, Result, bail};
use e2e::{Flow, Page, run, unique};
use serde_json::Value;

use crate::PASSWORD;
use crate::basic::sign_in;

/// Runs axe on the page as it is now; fails with every violation and where it is.
async fn audit(page: &Page, screen: &str) -> Result<()> {
    let path = std::env::var("E2E_AXE_JS").context(
        "E2E_AXE_JS is not set: run the flows through `cargo xtask test`, which installs \
         axe-core, or point E2E_AXE_JS at node_modules/axe-core/axe.min.js",
    )?;
    let axe = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    page.client()
        .execute(&axe, vec![])
        .await
        .context("loading axe-core into the page")?;
    let result = page
        .client()
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
            axe.run(document, { runOnly: { type: "tag", values: tags } })
                .then((result) => done(result.violations.map((v) =>
                    `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)))
                .catch((error) => done([`axe failed: ${error}`]));
            "#,
            vec![],
        )
        .await
        .context("running axe")?;
    let violations: Vec<String> = match result {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => bail!("{screen}: axe returned {other}"),
    };
    if !violations.is_empty() {
        bail!(
            "{screen}: {} accessibility violations:\n{}",
            violations.len(),
            violations.join("\n")
        );
    }
    page.step(screen).await
}

#[tokio::test]
async fn every_signed_out_screen_passes_axe() {
    run(
        "every_signed_out_screen_passes_axe",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            audit(page, "sign in").await?;

            // A failed sign-in: the error on the password field.
            page.fill("username", "nobody").await?;
            page.fill("password", "Wr0ng-password").await?;
            page.submit().await?;
            page.wait_for("input[name=password][aria-invalid=true]")
                .await?;
            audit(page, "sign in with an error").await?;

            page.click_button("Create Account").await?;
            page.wait_for_state("signUp").await?;
            audit(page, "sign up").await?;

            let username = unique("axe");
            page.fill("username", &username).await?;
            page.fill("password", PASSWORD).await?;
            page.fill("confirm_password", PASSWORD).await?;
            page.fill("email", &format!("{username}@example.com"))
                .await?;
            page.submit().await?;
            page.wait_for_state("confirmSignUp").await?;
            audit(page, "confirm sign up").await?;

            page.click_button("Back to Sign In").await?;
            page.wait_for_state("signIn").await?;
            page.click_button("Forgot your password?").await?;
            page.wait_for_state("forgotPassword").await?;
            audit(page, "forgot password").await
        },
    )
    .await;
}

#[tokio::test]
async fn signed_in_app_and_greetings_pass_axe() {
    run(
        "signed_in_app_and_greetings_pass_axe",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("axein");
            e2e::admin::create_user(&flow.site, &username, PASSWORD).await?;
            page.goto("/").await?;
            sign_in(flow, &username, PASSWORD).await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for("#id-token-claims").await?;
            audit(page, "signed in").await
        },
    )
    .await;
}

#[tokio::test]
async fn mfa_screens_pass_axe() {
    run("mfa_screens_pass_axe", "mfa", async |flow: &Flow| {
        let page = &flow.page;
        let username = unique("axemfa");
        e2e::admin::create_user(&flow.site, &username, PASSWORD).await?;
        page.goto("/").await?;
        sign_in(flow, &username, PASSWORD).await?;
        page.wait_for_state("signedIn").await?;
        audit(page, "signed in with MFA settings").await?;
        page.click("input[name=mfa-preference][value=totp]").await?;
        page.click("[data-amplify-select-mfa] button[type=submit]")
            .await?;
        page.wait_for_state("TOTPSetup").await?;
        page.wait_for("[data-amplify-totp-secret]").await?;
        audit(page, "TOTP setup").await
    })
    .await;
}

#[tokio::test]
async fn federated_buttons_and_a_refused_callback_pass_axe() {
    run(
        "federated_buttons_and_a_refused_callback_pass_axe",
        "federated",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            page.wait_for("[data-amplify-provider=google]").await?;
            audit(page, "sign in with federated buttons").await?;

            page.goto("/?code=not-from-here&state=forged").await?;
            page.wait_for_state("signIn").await?;
            page.wait_for("[role=alert]").await?;
            audit(page, "refused hosted UI callback").await
        },
    )
    .await;
}

#[tokio::test]
async fn hosted_ui_example_passes_axe() {
    run(
        "hosted_ui_example_passes_axe",
        "hosted-ui",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            page.wait_for("#hosted-ui-sign-in").await?;
            audit(page, "hosted UI example signed out").await
        },
    )
    .await;
}
