// amazon-cognito-identity-js against cognito-server: sign-up, confirmation, SRP sign-in, a wrong
// password, refresh, global sign-out. Usage: node identity_js_check.mjs DATA_DIR (prints OK).
import fs from "node:fs";
import pkg from "amazon-cognito-identity-js";
const { CognitoUserPool, CognitoUser, AuthenticationDetails, CognitoUserAttribute } = pkg;
const data = process.argv[2];
const cfg = JSON.parse(fs.readFileSync(`${data}/auth-config.json`, "utf8"));
const pool = new CognitoUserPool({ UserPoolId: cfg.aws_user_pools_id, ClientId: cfg.aws_user_pools_web_client_id, endpoint: cfg.aws_user_pools_endpoint + "/" });
const username = "js" + Date.now();
const password = "Passw0rd!";
const p = (f) => new Promise((res, rej) => f((err, r) => (err ? rej(err) : res(r))));
await p((cb) => pool.signUp(username, password, [new CognitoUserAttribute({ Name: "email", Value: `${username}@example.com` })], null, cb));
const outbox = await (await fetch(cfg.aws_user_pools_endpoint + "/_local/outbox")).json();
const code = outbox.filter((e) => e.username === username).pop().code;
const user = new CognitoUser({ Username: username, Pool: pool });
await p((cb) => user.confirmRegistration(code, true, cb));
const signIn = (pw) => new Promise((resolve, reject) => {
  const u = new CognitoUser({ Username: username, Pool: pool });
  u.authenticateUser(new AuthenticationDetails({ Username: username, Password: pw }), {
    onSuccess: (s) => resolve([u, s]), onFailure: reject,
  });
});
try { await signIn("Wrong-passw0rd"); console.log("wrong password accepted!"); process.exit(1); }
catch (e) { console.log("wrong password ->", e.code, e.message); }
const [u, session] = await signIn(password);
console.log("srp sign-in ok, id token sub", session.getIdToken().payload.sub);
const refreshed = await p((cb) => u.refreshSession(session.getRefreshToken(), cb));
console.log("refresh ok", refreshed.getAccessToken().getJwtToken() !== session.getAccessToken().getJwtToken());
const attrs = await p((cb) => u.getUserAttributes(cb));
console.log("attributes", attrs.map((a) => a.Name).join(","));
await new Promise((res, rej) => u.globalSignOut({ onSuccess: res, onFailure: rej }));
try { await p((cb) => u.getUserAttributes(cb)); console.log("still signed in!"); process.exit(1); }
catch (e) { console.log("after global sign-out ->", e.code, e.message); }
console.log("OK");
