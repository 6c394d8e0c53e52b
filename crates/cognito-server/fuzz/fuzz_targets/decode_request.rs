//! Arbitrary bytes into every operation: the first byte picks the operation, the rest is the body.
//! Run with `cargo +nightly fuzz run decode_request` from `crates/cognito-server`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((&pick, body)) = data.split_first() {
        cognito_server::fuzzing::check(pick, body);
    }
});
