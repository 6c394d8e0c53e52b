//! `GET /signup` and `POST /signup`: the pool's SignUp (same checks, messages and code delivery)
//! from a form, then on to `/confirmUser`.

use std::collections::HashMap;

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use crate::app::App;
use crate::wire::sign_up;

use super::super::authorization::Authorization;
use super::super::csrf::CsrfToken;
use super::super::html::{self, Field};
use super::super::params::encode_pairs;
use super::super::redirect;

pub fn show(_: &App, _: &HeaderMap, authorization: &Authorization, csrf: &CsrfToken) -> Response {
    render(authorization, csrf, StatusCode::OK, &HashMap::new(), None)
}

pub fn submit(app: &App, posted: super::Posted) -> Response {
    let super::Posted {
        authorization,
        fields,
        csrf,
        ..
    } = &posted;
    if !posted.csrf_ok {
        return render(
            authorization,
            csrf,
            StatusCode::FORBIDDEN,
            fields,
            Some(super::CSRF_MESSAGE),
        );
    }
    let username = posted.field("username").unwrap_or_default();
    let attributes: Vec<Value> = authorization
        .pool
        .config
        .required_attributes
        .iter()
        .filter_map(|name| {
            posted
                .field(name)
                .map(|value| json!({ "Name": name, "Value": value }))
        })
        .collect();
    let input = super::with_secret_hash(
        json!({
            "ClientId": authorization.client.id,
            "Username": username,
            "Password": posted.raw("password"),
            "UserAttributes": attributes,
        }),
        authorization,
        username,
    );
    match super::call(app, sign_up::sign_up, &input) {
        Ok(_) => {
            let location = format!(
                "{}&{}",
                super::url(authorization, "/confirmUser"),
                encode_pairs([("username", username)])
            );
            redirect::found(&location, &[])
        }
        Err(error) => render(
            authorization,
            csrf,
            super::status_of(&error),
            fields,
            Some(&super::message(&error)),
        ),
    }
}

/// A label for an attribute name: `phone_number` -> `Phone number`.
fn label(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn render(
    authorization: &Authorization,
    csrf: &CsrfToken,
    status: StatusCode,
    typed: &HashMap<String, String>,
    error: Option<&str>,
) -> Response {
    let invalid = error.is_some();
    let value = |name: &str| typed.get(name).cloned().unwrap_or_default();
    let mut inputs = Field::username(&value("username")).render(invalid);
    for name in &authorization.pool.config.required_attributes {
        let (kind, autocomplete) = match name.as_str() {
            "email" => ("email", "email"),
            "phone_number" => ("tel", "tel"),
            _ => ("text", "on"),
        };
        inputs.push_str(
            &Field {
                name,
                label: &label(name),
                kind,
                value: &value(name),
                autocomplete,
            }
            .render(invalid),
        );
    }
    inputs.push_str(&Field::password("password", "Password", "new-password").render(invalid));
    let body = format!(
        "{}{}<nav>{}</nav>",
        html::alert(error),
        html::form(
            &super::url(authorization, "/signup"),
            &csrf.value,
            &inputs,
            "Sign up"
        ),
        html::link(
            &super::url(authorization, "/login"),
            "Already have an account? Sign in"
        ),
    );
    super::show(authorization, csrf, status, "Create an account", &body)
}
