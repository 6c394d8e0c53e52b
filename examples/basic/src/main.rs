//! Placeholder for the basic example: runs the SRP client step in the browser and shows its cost.

use cognito_srp::Client;
use yew::prelude::*;

/// What one press of the button measured.
#[derive(Debug, Clone, PartialEq)]
enum Run {
    Done { srp_a_prefix: String, millis: f64 },
    Failed(String),
}

fn compute_srp_a() -> Run {
    let Some(window) = web_sys::window() else {
        return Run::Failed("no window".into());
    };
    let mut a = [0u8; 128];
    let random = window
        .crypto()
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut a));
    if random.is_err() {
        return Run::Failed("the browser refused random bytes".into());
    }
    let now = || window.performance().map_or(0.0, |p| p.now());
    let start = now();
    match Client::new(&a) {
        Ok(client) => Run::Done {
            srp_a_prefix: client.srp_a()[..16].to_owned(),
            millis: now() - start,
        },
        Err(error) => Run::Failed(error.to_string()),
    }
}

#[component]
fn App() -> Html {
    let run = use_state(|| None::<Run>);
    let onclick = {
        let run = run.clone();
        Callback::from(move |_| run.set(Some(compute_srp_a())))
    };
    html! {
        <main style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto;">
            <h1>{ "Yew Authenticator" }</h1>
            <p>{ "The sign-in screens arrive with yew-authenticator. This page already runs in wasm: \
                  press the button to generate an SRP public value A, as sign-in does." }</p>
            <button {onclick}>{ "Generate SRP_A" }</button>
            {
                match &*run {
                    None => html! {},
                    Some(Run::Done { srp_a_prefix, millis }) => html! {
                        <p id="result">{ format!("A = {srp_a_prefix}… in {millis:.1} ms") }</p>
                    },
                    Some(Run::Failed(why)) => html! { <p id="result" role="alert">{ why }</p> },
                }
            }
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
