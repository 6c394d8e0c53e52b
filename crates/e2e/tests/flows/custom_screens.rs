//! examples/custom-screens: an own SignIn, a state display, greetings, message map, language.

use anyhow::{Result, ensure};
use e2e::{Flow, Page, admin, run, unique};
use fantoccini::Locator;

use crate::PASSWORD;

/// Picks `value` in one of the example's switchers (`language` or `theme`).
pub async fn switch(page: &Page, switcher: &str, value: &str) -> Result<()> {
    let select = page.wait_for(&format!("select#{switcher}")).await?;
    select.select_by_value(value).await?;
    Ok(())
}

#[tokio::test]
async fn custom_sign_in_is_used_and_language_switch_changes_labels() {
    run(
        "custom_sign_in_is_used_and_language_switch_changes_labels",
        "custom-screens",
        async |flow: &Flow| {
            let page = &flow.page;
            let username = unique("fay");
            admin::create_user(&flow.site, &username, PASSWORD).await?;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;

            // Ours, and not the built-in one (whose form is named by an amplify-heading).
            page.wait_for("form[data-custom-sign-in]").await?;
            page.wait_for_none("form[aria-labelledby^=amplify-heading]")
                .await?;
            page.wait_for("[data-auth-state=signIn]").await?;
            page.wait_for_text("label[for=my-username]", "Username")
                .await?;
            page.step("custom sign-in").await?;

            switch(page, "language", "es").await?;
            page.wait_for_text("label[for=my-username]", "Nombre de usuario")
                .await?;
            page.wait_for_text("label[for=my-password]", "Contraseña")
                .await?;
            page.wait_for_text(
                "form[data-custom-sign-in] h2",
                "¡Bienvenido! Inicie sesión.",
            )
            .await?;
            page.wait_for_text("[data-auth-state]", "Estado actual")
                .await?;
            page.step("in Spanish").await?;

            // The app's message map, then its translation.
            page.fill_css("#my-username", &username).await?;
            page.fill_css("#my-password", "Wrong-passw0rd").await?;
            page.click("form[data-custom-sign-in] button[type=submit]")
                .await?;
            page.wait_for_text(
                "form[data-custom-sign-in] [role=alert]",
                "El nombre de usuario y la contraseña no coinciden",
            )
            .await?;
            page.step("mapped and translated error").await?;

            page.fill_css("#my-password", PASSWORD).await?;
            page.click("form[data-custom-sign-in] button[type=submit]")
                .await?;
            page.wait_for_state("signedIn").await?;
            page.wait_for("[data-auth-state=signedIn]").await?;
            page.wait_for_text(
                "[data-amplify-greeting]",
                &format!("Welcome back, {username}!"),
            )
            .await?;
            page.wait_for_text("#content", "Solo los usuarios con sesión ven esto.")
                .await?;
            page.step("signed in").await?;

            switch(page, "language", "en").await?;
            page.wait_for_text("#content", "Only signed-in users see this.")
                .await?;
            page.wait_for_text("[data-amplify-greetings] button", "Sign Out")
                .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn custom_theme_overrides_only_the_primary_button() {
    run(
        "custom_theme_overrides_only_the_primary_button",
        "custom-screens",
        async |flow: &Flow| {
            let page = &flow.page;
            page.goto("/").await?;
            page.wait_for_state("signIn").await?;
            let value = async |name: &str| -> Result<String> {
                let script = format!(
                    "return getComputedStyle(document.querySelector('[data-amplify-theme]'))\
                     .getPropertyValue('{name}').trim();"
                );
                let value = page.client().execute(&script, vec![]).await?;
                Ok(value.as_str().unwrap_or_default().to_owned())
            };
            let button = value("--amplify-components-button-primary-background-color").await?;
            ensure!(
                button == "hsl(275, 60%, 40%)",
                "the primary button colour should be overridden, it is {button:?}"
            );
            // Another section keeps the default theme's value.
            let font = value("--amplify-colors-font-primary").await?;
            ensure!(
                font == "hsl(210, 50%, 10%)",
                "the font colour should stay the default, it is {font:?}"
            );
            ensure!(
                page.client()
                    .find(Locator::Css("[data-amplify-theme]"))
                    .await
                    .is_ok(),
                "the theme provider should be on the page"
            );
            Ok(())
        },
    )
    .await;
}
