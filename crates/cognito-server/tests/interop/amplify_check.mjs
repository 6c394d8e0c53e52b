// aws-amplify v6 against cognito-server: sign-up, confirmation, SRP sign-in, a wrong password,
// session with identity-pool credentials, forced refresh, attributes, sign-out.
// Usage: node amplify_check.mjs DATA_DIR (prints OK).
import fs from "node:fs";
import { Amplify } from "aws-amplify";
import { signUp, confirmSignUp, signIn, signOut, fetchAuthSession, getCurrentUser, fetchUserAttributes } from "aws-amplify/auth";
const data = process.argv[2];
const cfg = JSON.parse(fs.readFileSync(`${data}/auth-config.json`, "utf8"));
Amplify.configure({ Auth: { Cognito: {
  userPoolId: cfg.aws_user_pools_id, userPoolClientId: cfg.aws_user_pools_web_client_id,
  userPoolEndpoint: cfg.aws_user_pools_endpoint,
  identityPoolId: cfg.aws_cognito_identity_pool_id, identityPoolEndpoint: cfg.aws_cognito_identity_endpoint,
} } });
const username = "amp" + Date.now();
const password = "Passw0rd!";
const up = await signUp({ username, password, options: { userAttributes: { email: `${username}@example.com` } } });
console.log("signUp next step", up.nextStep.signUpStep);
const outbox = await (await fetch(cfg.aws_user_pools_endpoint + "/_local/outbox")).json();
const code = outbox.filter((e) => e.username === username).pop().code;
console.log("confirm", (await confirmSignUp({ username, confirmationCode: code })).nextStep.signUpStep);
try { await signIn({ username, password: "Wrong-passw0rd" }); console.log("wrong password accepted!"); process.exit(1); }
catch (e) { console.log("wrong password ->", e.name, e.message); }
const res = await signIn({ username, password });
console.log("signIn", res.isSignedIn, res.nextStep.signInStep);
const user = await getCurrentUser();
console.log("current user", user.username);
const session = await fetchAuthSession();
console.log("session tokens", !!session.tokens?.accessToken, "identity", session.identityId, "credentials", !!session.credentials);
const forced = await fetchAuthSession({ forceRefresh: true });
console.log("refreshed", forced.tokens.accessToken.toString() !== session.tokens.accessToken.toString());
console.log("attributes", Object.keys(await fetchUserAttributes()).join(","));
await signOut();
try { await getCurrentUser(); console.log("still signed in!"); process.exit(1); } catch (e) { console.log("after signOut ->", e.name); }
console.log("OK");
