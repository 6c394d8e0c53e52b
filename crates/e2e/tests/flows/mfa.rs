//! examples/mfa: TOTP set up from the page's secret, then a sign-in with a computed code; an
//! email change verified with the code from the outbox.

use anyhow::{Result, ensure};
use e2e::{Flow, admin, run, totp, unique};

use crate::PASSWORD;
use crate::basic::sign_in;

/// Signs in a new user and waits for the app.
async fn signed_in_user(flow: &Flow) -> Result<String> {
    let username = unique("gus");
    admin::create_user(&flow.site, &username, PASSWORD).await?;
    flow.page.goto("/").await?;
    sign_in(flow, &username, PASSWORD).await?;
    flow.page.wait_for_state("signedIn").await?;
    flow.page
        .wait_for_text("h1", &format!("Signed in as {username}"))
        .await?;
    Ok(username)
}

/// Signs in a new user with a verified phone number (so SMS MFA is possible) and waits for the
/// app.
pub async fn signed_in_user_with_phone(flow: &Flow, prefix: &str) -> Result<String> {
    let username = unique(prefix);
    admin::create_user_with_attributes(
        &flow.site,
        &username,
        PASSWORD,
        &[
            ("phone_number", "+15550100"),
            ("phone_number_verified", "true"),
        ],
    )
    .await?;
    admin::set_permanent_password(&flow.site, &username, PASSWORD).await?;
    flow.page.goto("/").await?;
    sign_in(flow, &username, PASSWORD).await?;
    flow.page.wait_for_state("signedIn").await?;
    Ok(username)
}

/// Picks a method in SelectMfaType by its label and submits.
async fn choose_mfa(flow: &Flow, label: &str) -> Result<()> {
    let choice =
        format!("//form[@data-amplify-select-mfa]//label[normalize-space()='{label}']/input");
    flow.page.until_found(&choice).await?.click().await?;
    flow.page
        .click("[data-amplify-select-mfa] button[type=submit]")
        .await
}

#[tokio::test]
async fn totp_is_set_up_then_asked_at_sign_in() {
    run(
        "totp_is_set_up_then_asked_at_sign_in",
        "mfa",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = signed_in_user(flow).await?;
            page.wait_for_text("#preferred-mfa", "none").await?;

            // SelectMfaType: TOTP opens the setup screen.
            let totp_choice =
                "//form[@data-amplify-select-mfa]//label[normalize-space()='TOTP']/input";
            page.client()
                .find(fantoccini::Locator::XPath(totp_choice))
                .await?
                .click()
                .await?;
            page.click("[data-amplify-select-mfa] button[type=submit]")
                .await?;
            page.wait_for_state("TOTPSetup").await?;
            page.wait_for("[data-amplify-authenticator] svg, [data-amplify-authenticator] img")
                .await?;
            let secret = page.text("[data-amplify-totp-secret]").await?;
            ensure!(!secret.is_empty(), "the page should show the TOTP secret");
            page.step("totp setup").await?;

            page.fill_code(&totp::current_code(&secret)?).await?;
            page.submit().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("#preferred-mfa", "TOTP").await?;
            page.step("totp preferred").await?;

            page.click("[data-amplify-greetings] button").await?;
            sign_in(flow, &username, PASSWORD).await?;
            page.wait_for_state("confirmSignIn").await?;
            page.step("totp asked").await?;
            // A wrong code is refused before the right one is accepted.
            let right = totp::current_code(&secret)?;
            let wrong = if right == "000000" {
                "111111"
            } else {
                "000000"
            };
            page.fill_code(wrong).await?;
            page.submit().await?;
            page.wait_for(".amplify-field-error, [role=alert]").await?;
            page.wait_for_state("confirmSignIn").await?;
            page.fill_code(&totp::current_code(&secret)?).await?;
            page.submit().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("[data-amplify-greeting]", &username)
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn email_change_is_verified_with_a_code() {
    run(
        "email_change_is_verified_with_a_code",
        "mfa",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = signed_in_user(flow).await?;
            page.wait_for_text("[data-attribute=email_verified]", "true")
                .await?;
            let new_email = format!("{username}@new.example.com");
            page.fill_css("#new-email", &new_email).await?;
            page.click("#email-form button[type=submit]").await?;
            page.wait_for("#email-code").await?;
            // Changed but not verified yet.
            page.wait_for_text("[data-attribute=email]", &new_email)
                .await?;
            page.wait_for_text("[data-attribute=email_verified]", "false")
                .await?;
            page.step("code sent").await?;

            let code = flow.site.code(&username, "verify_email").await?;
            page.fill_css("#email-code", &code).await?;
            page.click("#email-code-form button[type=submit]").await?;
            page.wait_for("#email-verified").await?;
            page.wait_for_text("[data-attribute=email_verified]", "true")
                .await?;
            page.step("verified").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn sms_code_is_asked_at_sign_in_once_chosen() {
    run(
        "sms_code_is_asked_at_sign_in_once_chosen",
        "mfa",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = signed_in_user_with_phone(flow, "ida").await?;
            choose_mfa(flow, "SMS").await?;
            page.wait_for_text("[data-amplify-select-mfa] [role=status]", "SMS")
                .await?;
            // The page hears of the saved choice at once.
            page.wait_for_text("#preferred-mfa", "SMS").await?;
            page.step("sms chosen").await?;

            page.click("[data-amplify-greetings] button").await?;
            sign_in(flow, &username, PASSWORD).await?;
            page.wait_for_state("confirmSignIn").await?;
            let code = flow.site.code(&username, "sms_mfa").await?;
            page.fill_code(&code).await?;
            page.step("sms code entered").await?;
            page.submit().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("#preferred-mfa", "SMS").await?;
            Ok(())
        },
    )
    .await;
}
