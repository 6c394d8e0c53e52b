//! The identity providers every start makes sure the default pool has (the built-in mocks for
//! Google, Facebook, Login with Amazon and Sign in with Apple, and `LocalOIDC` on the mock OIDC
//! issuer), and the default identity pool that accepts all of them.

use std::collections::BTreeMap;

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::idp::{self, mock_issuer};
use crate::provision::REGION;
use crate::store::{CognitoProvider, IdentityPool, IdentityPoolConfig, IdentityProvider};

/// Name of the OIDC provider of the default pool.
pub const LOCAL_OIDC: &str = "LocalOIDC";

/// The default identity pool's developer provider name.
pub const DEVELOPER_PROVIDER: &str = "login.local.dev";

/// Name of the SAML provider of the default pool (the built-in mock SAML identity provider).
pub const LOCAL_SAML: &str = "LocalSAML";

/// Set once the defaults were made, so a provider deleted on purpose stays deleted.
const MADE_KEY: &str = "default_identity_providers_made";
/// The same for [`LOCAL_SAML`], which came later.
const SAML_MADE_KEY: &str = "default_saml_provider_made";

/// `LocalSAML` on the mock's metadata, its attributes mapped like Cognito's examples.
fn local_saml(app: &App, pool_id: &str) -> IdentityProvider {
    let now = now();
    IdentityProvider {
        pool_id: pool_id.to_owned(),
        name: LOCAL_SAML.to_owned(),
        provider_type: "SAML".to_owned(),
        details: map(&[
            ("MetadataURL", &crate::saml::mock_metadata_url(app)),
            ("IDPSignout", "false"),
        ]),
        attribute_mapping: map(&[
            ("email", crate::saml::mock::EMAIL_ATTRIBUTE),
            ("name", crate::saml::mock::NAME_ATTRIBUTE),
        ]),
        idp_identifiers: Vec::new(),
        created: now,
        modified: now,
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

/// The default providers for `pool_id` at this server's current URL.
fn defaults(app: &App, pool_id: &str) -> Vec<IdentityProvider> {
    let kinds = [
        ("Google", "Google", "google", "openid email profile"),
        ("Facebook", "Facebook", "facebook", "public_profile,email"),
        ("LoginWithAmazon", "LoginWithAmazon", "amazon", "profile"),
        ("SignInWithApple", "SignInWithApple", "apple", "email name"),
        (LOCAL_OIDC, "OIDC", "oidc", "openid email profile"),
    ];
    let now = now();
    kinds
        .into_iter()
        .map(|(name, provider_type, kind, scopes)| {
            let client_id = idp::default_mock_client_id(kind);
            let secret = idp::default_mock_client_secret(kind);
            let mut details = map(&[("client_id", &client_id), ("authorize_scopes", scopes)]);
            match provider_type {
                // Apple signs in with a key; the mock does not check it, so placeholders do.
                "SignInWithApple" => details.extend(map(&[
                    ("team_id", "LOCALTEAM1"),
                    ("key_id", "LOCALKEY01"),
                    ("private_key", "(not needed by the local mock)"),
                ])),
                "OIDC" => details.extend(map(&[
                    ("client_secret", &secret),
                    ("oidc_issuer", &mock_issuer(app, kind)),
                    ("attributes_request_method", "GET"),
                ])),
                _ => {
                    details.insert("client_secret".into(), secret);
                }
            }
            let mut mapping = map(&[("email", "email"), ("name", "name")]);
            if idp::issues_id_tokens(provider_type) {
                mapping.insert("email_verified".into(), "email_verified".into());
            }
            IdentityProvider {
                pool_id: pool_id.to_owned(),
                name: name.to_owned(),
                provider_type: provider_type.to_owned(),
                details,
                attribute_mapping: idp::with_default_mapping(provider_type, mapping),
                idp_identifiers: Vec::new(),
                created: now,
                modified: now,
            }
        })
        .collect()
}

/// Adds the default providers on first start and points `LocalOIDC` at this run's URL (the port
/// may change between runs).
pub fn ensure(app: &App, pool_id: &str) -> ApiResult<()> {
    let defaults = defaults(app, pool_id);
    let made_key = format!("{MADE_KEY}:{pool_id}");
    if app.store.meta(&made_key)?.is_none() {
        for provider in &defaults {
            app.store.insert_identity_provider(provider)?;
        }
        app.store.set_meta(&made_key, b"1")?;
    }
    let saml_made_key = format!("{SAML_MADE_KEY}:{pool_id}");
    if app.store.meta(&saml_made_key)?.is_none() {
        app.store
            .insert_identity_provider(&local_saml(app, pool_id))?;
        app.store.set_meta(&saml_made_key, b"1")?;
    }
    let metadata_url = crate::saml::mock_metadata_url(app);
    if let Some(mut saml) = app.store.identity_provider(pool_id, LOCAL_SAML)?
        && saml
            .details
            .get("MetadataURL")
            .is_some_and(|old| old != &metadata_url && old.ends_with("/_mock/saml/metadata"))
    {
        saml.details.insert("MetadataURL".into(), metadata_url);
        saml.modified = now();
        app.store.save_identity_provider(&saml)?;
    }
    let issuer = mock_issuer(app, "oidc");
    if let Some(mut local) = app.store.identity_provider(pool_id, LOCAL_OIDC)?
        && local
            .details
            .get("oidc_issuer")
            .is_some_and(|old| old != &issuer && old.ends_with("/_mock/oidc"))
    {
        local.details.insert("oidc_issuer".into(), issuer);
        local.modified = now();
        app.store.save_identity_provider(&local)?;
    }
    Ok(())
}

/// Where the mock OIDC provider's ARN points: its issuer without the scheme.
fn mock_oidc_arn(app: &App) -> String {
    let issuer = mock_issuer(app, "oidc");
    let host = issuer
        .split_once("://")
        .map_or(issuer.as_str(), |(_, rest)| rest);
    format!("arn:aws:iam::000000000000:oidc-provider/{host}")
}

/// The default identity pool: guests allowed; logins from the default user pool and client, the
/// mock Google, Facebook, Amazon and Apple (their default clients), the mock OIDC issuer, and the
/// developer provider `login.local.dev`. Made on first start; later starts repoint the OIDC
/// provider at this run's URL.
pub fn ensure_identity_pool(
    app: &App,
    identity_pool_id: &str,
    user_pool_id: &str,
    client_id: &str,
) -> ApiResult<()> {
    let arn = mock_oidc_arn(app);
    if let Some(mut pool) = app.store.identity_pool(identity_pool_id)? {
        let arns = &mut pool.config.open_id_connect_provider_arns;
        if let Some(old) = arns
            .iter_mut()
            .find(|old| old.ends_with("/_mock/oidc") && **old != arn)
        {
            *old = arn;
            pool.modified = now();
            app.store.save_identity_pool(&pool)?;
        }
        return Ok(());
    }
    let social = [
        ("accounts.google.com", "google"),
        ("graph.facebook.com", "facebook"),
        ("www.amazon.com", "amazon"),
        ("appleid.apple.com", "apple"),
    ];
    let now = now();
    let config = IdentityPoolConfig {
        name: "local".into(),
        allow_unauthenticated: true,
        allow_classic_flow: true,
        supported_login_providers: social
            .iter()
            .map(|(key, kind)| ((*key).to_owned(), idp::default_mock_client_id(kind)))
            .collect(),
        developer_provider_name: Some(DEVELOPER_PROVIDER.into()),
        open_id_connect_provider_arns: vec![arn],
        cognito_identity_providers: vec![CognitoProvider {
            provider_name: format!("cognito-idp.{REGION}.amazonaws.com/{user_pool_id}"),
            client_id: client_id.to_owned(),
            server_side_token_check: false,
        }],
        ..IdentityPoolConfig::default()
    };
    app.store.insert_identity_pool(&IdentityPool {
        id: identity_pool_id.to_owned(),
        config,
        created: now,
        modified: now,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restart_on_another_port_repoints_the_mock_oidc_provider() {
        let (mut app, defaults) = App::for_tests();
        app.base_url = "http://127.0.0.1:4242".into();
        crate::bootstrap::ensure_defaults(&app).unwrap();
        let local = app
            .store
            .identity_provider(&defaults.user_pool_id, LOCAL_OIDC)
            .unwrap()
            .unwrap();
        assert_eq!(
            local.details["oidc_issuer"],
            "http://127.0.0.1:4242/_mock/oidc"
        );
        let saml = app
            .store
            .identity_provider(&defaults.user_pool_id, LOCAL_SAML)
            .unwrap()
            .unwrap();
        assert_eq!(
            saml.details["MetadataURL"],
            "http://127.0.0.1:4242/_mock/saml/metadata"
        );
        assert_eq!(saml.provider_type, "SAML");
        let pool = app.default_identity_pool(&defaults);
        assert_eq!(
            pool.config.open_id_connect_provider_arns,
            ["arn:aws:iam::000000000000:oidc-provider/127.0.0.1:4242/_mock/oidc"]
        );
        assert_eq!(
            pool.config.developer_provider_name.as_deref(),
            Some(DEVELOPER_PROVIDER)
        );

        // A provider deleted on purpose is not brought back.
        app.store
            .delete_identity_provider(&defaults.user_pool_id, "Facebook")
            .unwrap();
        crate::bootstrap::ensure_defaults(&app).unwrap();
        assert!(
            app.store
                .identity_provider(&defaults.user_pool_id, "Facebook")
                .unwrap()
                .is_none()
        );
    }
}
