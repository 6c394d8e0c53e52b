//! `cargo bench -p cognito-srp --bench srp_client`: one SRP client sign-in, natively.
//! Prints `name value unit` lines, as `cargo xtask bench` collects them.

#[allow(dead_code)]
#[path = "shared/workload.rs"]
mod workload;

use std::time::Instant;

use cognito_srp::NumBigint;

fn main() {
    let fixture = workload::Fixture::default();
    let epoch = Instant::now();
    let (min, median) = workload::measure(
        |seed| fixture.sign_in::<NumBigint>(seed),
        || epoch.elapsed().as_secs_f64() * 1e3,
    );
    println!("srp_client_native_min {min:.2} ms");
    println!("srp_client_native_median {median:.2} ms");
}
