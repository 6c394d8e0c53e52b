//! axe-core audits of every screen a person meets in the examples, with WCAG 2.x A/AA and
//! best-practice rules: no violations allowed. xtask installs axe-core from npm and passes its
//! script in `E2E_AXE_JS`.

use anyhow::{Context, Result, bail};
use e2e::browser::CODE_INPUT;
use e2e::{Flow, Page, admin, run, totp, unique};
use serde_json::{Value, json};

use crate::PASSWORD;
use crate::basic::sign_in;
use crate::custom_screens::switch;
use crate::mfa::signed_in_user_with_phone;

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
            audit(page, "forgot password").await?;

            // The second step, for a user who can receive the code.
            let confirmed = unique("axereset");
            admin::create_user(&flow.site, &confirmed, PASSWORD).await?;
            page.fill("username", &confirmed).await?;
            page.submit().await?;
            page.wait_for(CODE_INPUT).await?;
            audit(page, "forgot password, code and new password").await
        },
    )
    .await;
}

#[tokio::test]
async fn new_password_and_verify_contact_pass_axe() {
    run(
        "new_password_and_verify_contact_pass_axe",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            // An administrator's new user whose email is not verified: a new password first,
            // then the offer to verify the email.
            let username = unique("axestep");
            let temporary = "Temp-passw0rd1";
            admin::create_user_with_temporary_password(&flow.site, &username, temporary).await?;
            admin::call(
                &flow.site,
                "AdminUpdateUserAttributes",
                json!({ "UserPoolId": flow.site.pool_id, "Username": username,
                        "UserAttributes": [{ "Name": "email_verified", "Value": "false" }] }),
            )
            .await?;
            page.goto("/").await?;
            sign_in(flow, &username, temporary).await?;
            page.wait_for_state("requireNewPassword").await?;
            audit(page, "require new password").await?;

            page.fill("password", "Chosen-passw0rd1").await?;
            page.submit().await?;
            page.wait_for_state("verifyContact").await?;
            audit(page, "verify contact").await?;

            page.click("input[name=contact][value=email]").await?;
            page.submit().await?;
            page.wait_for(CODE_INPUT).await?;
            audit(page, "verify contact, code").await?;

            page.click_button("Skip").await?;
            page.wait_for_state("signedIn").await
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

/// A user with both a phone and an authenticator and no preferred method chooses one at each
/// sign-in: the choice, then the TOTP code and the SMS code screens.
#[tokio::test]
async fn mfa_sign_in_steps_pass_axe() {
    run("mfa_sign_in_steps_pass_axe", "mfa", async |flow: &Flow| {
        let page = &flow.page;
        let username = signed_in_user_with_phone(flow, "axechoose").await?;
        page.click("input[name=mfa-preference][value=totp]").await?;
        page.click("[data-amplify-select-mfa] button[type=submit]")
            .await?;
        page.wait_for_state("TOTPSetup").await?;
        let secret = page.text("[data-amplify-totp-secret]").await?;
        page.fill_code(&totp::current_code(&secret)?).await?;
        page.submit().await?;
        page.wait_for_state("signedIn").await?;
        admin::call(
            &flow.site,
            "AdminSetUserMFAPreference",
            json!({ "UserPoolId": flow.site.pool_id, "Username": username,
                    "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
                    "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }),
        )
        .await?;

        page.click("[data-amplify-greetings] button").await?;

        for (method, screen) in [
            ("SOFTWARE_TOKEN_MFA", "confirm sign in, TOTP code"),
            ("SMS_MFA", "confirm sign in, SMS code"),
        ] {
            sign_in(flow, &username, PASSWORD).await?;
            page.wait_for_state("confirmSignIn").await?;
            page.wait_for("input[name=mfa]").await?;
            audit(page, "select MFA type at sign-in").await?;
            page.click(&format!("input[name=mfa][value={method}]"))
                .await?;
            page.submit().await?;
            page.wait_for(CODE_INPUT).await?;
            audit(page, screen).await?;
            page.click_button("Back to Sign In").await?;
        }
        Ok(())
    })
    .await;
}

/// Every theme the custom-screens example offers, with the system asking for dark colours (so
/// `system` shows the dark tokens), then Hebrew, right to left: the app's own sign-in form and
/// the built-in sign-up form.
#[tokio::test]
async fn every_theme_and_right_to_left_pass_axe() {
    run(
        "every_theme_and_right_to_left_pass_axe",
        "custom-screens",
        async |flow: &Flow| {
            let page = &flow.page;
            page.cdp(
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
            )
            .await?;
            page.goto("/").await?;
            page.wait_for("form[data-custom-sign-in]").await?;
            // (switcher value, data-amplify-theme, data-amplify-color-mode)
            for (choice, theme, mode) in [
                ("custom", "default", "light"),
                ("system", "default", "system"),
                ("dark", "default", "dark"),
                ("high-contrast", "high-contrast", "light"),
            ] {
                switch(page, "theme", choice).await?;
                page.wait_for(&format!(
                    "[data-amplify-theme={theme}][data-amplify-color-mode={mode}]"
                ))
                .await?;
                audit(page, &format!("{choice} theme, sign in")).await?;
                page.click_button("Create Account").await?;
                page.wait_for_state("signUp").await?;
                audit(page, &format!("{choice} theme, sign up")).await?;
                page.click_button("Back to Sign In").await?;
                page.wait_for("form[data-custom-sign-in]").await?;
            }

            // Hebrew: the whole page right to left.
            switch(page, "language", "he").await?;
            page.wait_for(
                "[dir=rtl] [data-amplify-authenticator][dir=rtl] form[data-custom-sign-in]",
            )
            .await?;
            audit(page, "right to left, sign in").await?;
            page.click_button("יצירת חשבון").await?;
            page.wait_for_state("signUp").await?;
            audit(page, "right to left, sign up").await
        },
    )
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
            audit(page, "hosted UI example signed out").await?;

            // The server's own hosted pages.
            page.click_button("Sign In with the hosted UI").await?;
            page.wait_for_path("/login").await?;
            page.wait_for("input[name=password]").await?;
            audit(page, "hosted sign-in page").await?;
            page.click("a[href^='/forgotPassword']").await?;
            page.wait_for_path("/forgotPassword").await?;
            audit(page, "hosted forgot-password page").await?;
            page.client().back().await?;
            page.wait_for("input[name=password]").await?;
            page.fill("username", "nobody").await?;
            page.fill("password", "Wr0ng-password").await?;
            page.click_button("Sign in").await?;
            page.wait_for("[role=alert]").await?;
            audit(page, "hosted sign-in page with an error").await?;
            page.click("a[href^='/signup']").await?;
            page.wait_for_path("/signup").await?;
            audit(page, "hosted sign-up page").await
        },
    )
    .await;
}
