//! examples/basic: `WithAuthenticator<App>` with greetings.

use anyhow::{Result, ensure};
use e2e::{Flow, admin, run, unique};

use crate::PASSWORD;

/// Signs in from the sign-in form and waits for the greeting.
pub async fn sign_in(flow: &Flow, username: &str, password: &str) -> Result<()> {
    let page = &flow.page;
    page.wait_for_state("signIn").await?;
    page.fill("username", username).await?;
    page.fill("password", password).await?;
    page.submit().await
}

#[tokio::test]
async fn sign_up_confirm_sign_in_reload_and_sign_out() {
    run(
        "sign_up_confirm_sign_in_reload_and_sign_out",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("ana");
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            page.step("sign-in form").await?;

            page.click_button("Create Account").await?;
            page.wait_for_state("signUp").await?;
            page.fill("username", &username).await?;
            page.fill("password", PASSWORD).await?;
            page.fill("confirm_password", PASSWORD).await?;
            page.fill("email", &format!("{username}@example.com"))
                .await?;
            page.step("sign-up filled").await?;
            page.submit().await?;

            page.wait_for_state("confirmSignUp").await?;
            let code = flow.site.code(&username, "sign_up").await?;
            page.fill_code(&code).await?;
            page.step("code entered").await?;
            page.submit().await?;

            // Confirmed: back to sign-in, the username carried over.
            page.wait_for_state("signIn").await?;
            let carried = page
                .wait_for("input[name=username]")
                .await?
                .prop("value")
                .await?;
            ensure!(
                carried.as_deref() == Some(username.as_str()),
                "the sign-in form should keep the username, it has {carried:?}"
            );
            page.fill("password", PASSWORD).await?;
            page.submit().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("[data-amplify-greeting]", &username)
                .await?;
            page.wait_for_text("h1", &format!("Signed in as {username}"))
                .await?;
            page.step("signed in").await?;

            page.reload().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("[data-amplify-greeting]", &username)
                .await?;
            page.step("reloaded").await?;

            page.click("[data-amplify-greetings] button").await?;
            page.wait_for_state("signIn").await?;
            page.wait_for("input[name=password]").await?;
            page.wait_for_none("[data-amplify-greeting]").await?;
            page.step("signed out").await?;

            // Signed out for good: a reload does not bring the session back.
            page.reload().await?;
            page.wait_for_state("signIn").await
        },
    )
    .await;
}

#[tokio::test]
async fn wrong_password_shows_the_mapped_message() {
    run(
        "wrong_password_shows_the_mapped_message",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("bo");
            admin::create_user(&flow.site, &username, PASSWORD).await?;
            page.goto("/").await?;
            sign_in(flow, &username, "Wrong-passw0rd").await?;
            // Cognito says "Incorrect username or password." and Amplify's map drops the period:
            // the exact text proves the map ran.
            let error = page
                .wait_for_text(".amplify-field-error", "Incorrect username or password")
                .await?;
            let text = error.text().await?;
            ensure!(
                text == "Incorrect username or password",
                "the message should be the mapped one, it is {text:?}"
            );
            let invalid = page
                .wait_for("input[name=password]")
                .await?
                .attr("aria-invalid")
                .await?;
            ensure!(
                invalid.as_deref() == Some("true"),
                "the password field should be marked invalid, aria-invalid={invalid:?}"
            );
            page.step("wrong password").await?;

            // The right password still works after the failure.
            page.fill("password", PASSWORD).await?;
            page.submit().await?;
            page.wait_for_state("signedIn").await
        },
    )
    .await;
}

#[tokio::test]
async fn unknown_user_is_refused_like_a_wrong_password() {
    run(
        "unknown_user_is_refused_like_a_wrong_password",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            sign_in(flow, &unique("nobody"), PASSWORD).await?;
            // The pool does not reveal which users exist (Cognito's PreventUserExistenceErrors,
            // on for new pools): an unknown user reads exactly as a wrong password.
            page.wait_for(".amplify-field-error, [role=alert]").await?;
            let said = page.alerts().await?;
            ensure!(
                said == ["Incorrect username or password"],
                "an unknown user should read as a wrong password, the page says {said:?}"
            );
            page.step("unknown user").await?;
            page.wait_for_state("signIn").await
        },
    )
    .await;
}

#[tokio::test]
async fn weak_password_shows_the_policy_error() {
    run(
        "weak_password_shows_the_policy_error",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("cy");
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            page.click_button("Create Account").await?;
            page.wait_for_state("signUp").await?;
            page.fill("username", &username).await?;
            page.fill("password", "weak").await?;
            page.fill("confirm_password", "weak").await?;
            page.fill("email", &format!("{username}@example.com"))
                .await?;
            page.submit().await?;
            // Cognito's policy message, on the password field, next to the pool's rules.
            page.wait_for_text(".amplify-field-error", "Password not long enough")
                .await?;
            let password = page.wait_for("input[name=password]").await?;
            let invalid = password.attr("aria-invalid").await?;
            ensure!(
                invalid.as_deref() == Some("true"),
                "the password field should be marked invalid, aria-invalid={invalid:?}"
            );
            page.wait_for_text("small", "at least 8 characters").await?;
            page.step("policy error").await?;
            // Nothing was created: the form stays.
            page.wait_for_state("signUp").await
        },
    )
    .await;
}

#[tokio::test]
async fn forgot_password_end_to_end() {
    run(
        "forgot_password_end_to_end",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("dee");
            admin::create_user(&flow.site, &username, PASSWORD).await?;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            page.click_button("Forgot your password?").await?;
            page.wait_for_state("forgotPassword").await?;
            page.fill("username", &username).await?;
            page.submit().await?;
            page.wait_for(e2e::browser::CODE_INPUT).await?;
            page.step("code sent").await?;

            let code = flow.site.code(&username, "forgot_password").await?;
            let new_password = "N3w-passw0rd!";
            page.fill_code(&code).await?;
            page.fill("password", new_password).await?;
            page.submit().await?;

            page.wait_for_state("signIn").await?;
            page.step("password reset").await?;
            sign_in(flow, &username, PASSWORD).await?;
            page.wait_for_text(".amplify-field-error", "Incorrect username or password")
                .await?;
            page.fill("password", new_password).await?;
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
async fn admin_created_user_must_set_a_new_password() {
    run(
        "admin_created_user_must_set_a_new_password",
        "basic",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("eli");
            let temporary = "Temp-passw0rd1";
            admin::create_user_with_temporary_password(&flow.site, &username, temporary).await?;
            page.goto("/").await?;
            sign_in(flow, &username, temporary).await?;
            page.wait_for_state("requireNewPassword").await?;
            page.step("new password required").await?;
            let new_password = "Chosen-passw0rd1";
            page.fill("password", new_password).await?;
            page.submit().await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for_text("[data-amplify-greeting]", &username)
                .await?;

            // The chosen password is now the one that signs in.
            page.click("[data-amplify-greetings] button").await?;
            sign_in(flow, &username, new_password).await?;
            page.wait_for_state("signedIn").await?;
            Ok(())
        },
    )
    .await;
}
