//! The app `cargo xtask bench` measures ours against: React with Amplify UI's `withAuthenticator`
//! and aws-amplify v6, pointed at cognito-server, built with vite in `target/bench/amplify-ui`.
//! We write its three source files; npm fetches the rest. Nothing of it is committed.
//!
//! Like `examples/basic`, it reads `auth-config.json` from next to its page at run time, and once
//! signed in it shows what basic shows: a `Signed in as NAME` heading (which the bench waits for),
//! the user's attributes, the decoded token claims and a sign-out button.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::process;

/// Exact versions, so runs compare the same code (latest on npm on 2026-11-26).
const PACKAGE_JSON: &str = r#"{
  "name": "amplify-ui-bench",
  "private": true,
  "type": "module",
  "scripts": { "build": "vite build --logLevel error" },
  "dependencies": {
    "@aws-amplify/ui-react": "6.15.6",
    "aws-amplify": "6.22.1",
    "react": "19.3.1",
    "react-dom": "19.3.1"
  },
  "devDependencies": { "vite": "8.3.8" }
}
"#;

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Amplify UI: withAuthenticator</title>
    <script type="module" src="/src/main.jsx"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
"#;

/// Amplify v6's documented endpoint override (`userPoolEndpoint`) points it at our server. The
/// signed-in app is `examples/basic`'s, written for React: the same heading, the user's
/// attributes, the decoded claims of the current tokens and a sign-out button, so both sides
/// ship and run the same features.
const MAIN_JSX: &str = r#"import { Fragment, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { Amplify } from "aws-amplify";
import { fetchAuthSession, fetchUserAttributes } from "aws-amplify/auth";
import { withAuthenticator } from "@aws-amplify/ui-react";
import "@aws-amplify/ui-react/styles.css";

function App({ signOut, user }) {
  const [attributes, setAttributes] = useState(null);
  const [session, setSession] = useState(null);
  useEffect(() => {
    (async () => {
      try {
        setAttributes({ list: Object.entries(await fetchUserAttributes()) });
      } catch (error) {
        setAttributes({ error: String(error) });
      }
      try {
        setSession({ tokens: (await fetchAuthSession()).tokens });
      } catch (error) {
        setSession({ error: String(error) });
      }
    })();
  }, [user]);
  const pretty = (token) => JSON.stringify(token?.payload ?? {}, null, 2);
  return (
    <main>
      <h1>Signed in as {user.username}</h1>
      <section aria-labelledby="attributes-heading">
        <h2 id="attributes-heading">Your attributes</h2>
        {attributes === null ? (
          <p>Loading…</p>
        ) : attributes.error ? (
          <p role="alert">{attributes.error}</p>
        ) : (
          <dl id="attributes">
            {attributes.list.map(([name, value]) => (
              <Fragment key={name}>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your session</h2>
        {session === null ? (
          <p>Loading…</p>
        ) : session.error ? (
          <p role="alert">{session.error}</p>
        ) : (
          <>
            <h3>ID token claims</h3>
            <pre id="id-token-claims">{pretty(session.tokens?.idToken)}</pre>
            <h3>Access token claims</h3>
            <pre id="access-token-claims">{pretty(session.tokens?.accessToken)}</pre>
          </>
        )}
      </section>
      <button onClick={signOut}>Sign out</button>
    </main>
  );
}

const Protected = withAuthenticator(App);

fetch("/auth-config.json")
  .then((response) => response.json())
  .then((config) => {
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: config.aws_user_pools_id,
          userPoolClientId: config.aws_user_pools_web_client_id,
          userPoolEndpoint: config.aws_user_pools_endpoint,
        },
      },
    });
    createRoot(document.getElementById("root")).render(<Protected />);
  });
"#;

/// Writes the app, installs its packages and builds it; returns the `dist` folder, or `None`
/// (saying why) when npm is not installed.
pub fn build(root: &Path) -> Result<Option<PathBuf>> {
    if !process::exists("npm", "--version") {
        eprintln!(
            "xtask: npm not found; the Amplify UI side of the benchmark is skipped \
             (install Node.js 20.19+ with npm to measure it)"
        );
        return Ok(None);
    }
    let dir = crate::target_dir(root).join("bench").join("amplify-ui");
    std::fs::create_dir_all(dir.join("src"))
        .with_context(|| format!("creating {}", dir.display()))?;
    for (file, text) in [
        ("package.json", PACKAGE_JSON),
        ("index.html", INDEX_HTML),
        ("src/main.jsx", MAIN_JSX),
    ] {
        std::fs::write(dir.join(file), text).with_context(|| format!("writing {file}"))?;
    }
    // npm's chatter goes to standard error: standard output is for figures.
    process::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .stdout(std::io::stderr()),
    )?;
    process::run(
        Command::new("npm")
            .args(["run", "build", "--silent"])
            .current_dir(&dir)
            .stdout(std::io::stderr()),
    )?;
    Ok(Some(dir.join("dist")))
}
