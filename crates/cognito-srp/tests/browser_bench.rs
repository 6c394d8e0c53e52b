//! The SRP client sign-in timed in headless Chromium, on each backend, for `cargo xtask bench`.
//! Compiled only with `--features bench` on wasm32; prints `BENCH name value unit` lines.
#![cfg(all(target_arch = "wasm32", feature = "bench"))]

#[path = "../benches/shared/workload.rs"]
mod workload;

use cognito_srp::{JsBigInt, NumBigint};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
fn srp_client_sign_in_in_the_browser() {
    let fixture = workload::Fixture::default();
    let (js_min, js_median) = workload::measure(|seed| fixture.sign_in::<JsBigInt>(seed), now_ms);
    let (num_min, num_median) =
        workload::measure(|seed| fixture.sign_in::<NumBigint>(seed), now_ms);
    console_log!("BENCH srp_client_wasm_min {js_min:.2} ms");
    console_log!("BENCH srp_client_wasm_median {js_median:.2} ms");
    console_log!("BENCH srp_client_wasm_num_bigint_min {num_min:.2} ms");
    console_log!("BENCH srp_client_wasm_num_bigint_median {num_median:.2} ms");
    console_log!(
        "BENCH srp_client_wasm_median_ratio_vs_num_bigint {:.2} x",
        js_median / num_median
    );
}
