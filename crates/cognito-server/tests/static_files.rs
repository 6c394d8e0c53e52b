//! `--static DIR`: the web app is served for GETs the API does not use; `POST /` stays the API.

use cognito_server::Options;

#[tokio::test]
async fn the_app_is_served_beside_the_api() {
    let dir = std::env::temp_dir().join(format!("cognito-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>app</h1>").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    let server = cognito_server::start(Options {
        static_dir: Some(dir.clone()),
        admin_access_key_id: Some("AKIATESTFLAGS0000000".into()),
        admin_secret_access_key: Some("flag-secret".into()),
        ..Options::for_tests()
    })
    .await
    .unwrap();
    assert_eq!(server.admin.access_key_id, "AKIATESTFLAGS0000000");

    let get = |path: &str| {
        let url = format!("{}{path}", server.url);
        async move {
            let response = reqwest::get(url).await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    assert_eq!(get("/").await, (200, "<h1>app</h1>".to_owned()));
    assert_eq!(
        get("/assets/app.js").await,
        (200, "console.log(1)".to_owned())
    );
    // Client-side routes get the page, so a reload on /profile works.
    assert_eq!(
        get("/profile/settings").await,
        (200, "<h1>app</h1>".to_owned())
    );
    let jwks = get(&format!(
        "/{}/.well-known/jwks.json",
        server.defaults.user_pool_id
    ))
    .await;
    assert!(jwks.1.contains("RS256"), "{}", jwks.1);

    let api = reqwest::Client::new()
        .post(format!("{}/", server.url))
        .header("x-amz-target", "AWSCognitoIdentityProviderService.GetUser")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 400);
    assert_eq!(
        api.headers()["x-amzn-errortype"],
        "InvalidParameterException"
    );

    server.shutdown().await;
    std::fs::remove_dir_all(dir).unwrap();
}
