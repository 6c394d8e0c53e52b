//! The measured unit of work, shared by the native bench and the browser bench: everything a client
//! computes for one SRP sign-in, from generating A to signing the claim.

use cognito_srp::{Backend, Client, PasswordVerifierChallenge, ServerChallenge, Verifier};

pub const RUNS: usize = 40;
const POOL: &str = "AbCdEf123";
const USER: &str = "11111111-2222-3333-4444-555555555555";
const PASSWORD: &str = "Passw0rd!";
const SECRET_BLOCK: &str = "c2VjcmV0IGJsb2NrIG9mIHRoZSBzZXJ2ZXI=";

/// A server's answer to measure against (computed once, outside the timing).
#[derive(Debug)]
pub struct Fixture {
    salt_hex: String,
    srp_b: String,
}

impl Default for Fixture {
    fn default() -> Self {
        let verifier = Verifier::new(POOL, USER, PASSWORD, &[0x5a; 16]);
        let server = ServerChallenge::new(&verifier, &random(128, 99)).expect("B is not zero");
        Self {
            salt_hex: verifier.salt_hex(),
            srp_b: server.srp_b(),
        }
    }
}

impl Fixture {
    /// One client sign-in with fresh `a` bytes.
    pub fn sign_in<B: Backend>(&self, seed: u64) -> String {
        let client = Client::<B>::with_backend(&random(128, seed)).expect("A is not zero");
        let srp_a = client.srp_a();
        let challenge = PasswordVerifierChallenge {
            pool_name: POOL,
            user_id_for_srp: USER,
            salt_hex: &self.salt_hex,
            srp_b_hex: &self.srp_b,
            secret_block: SECRET_BLOCK,
        };
        let claim = client
            .password_claim(&challenge, PASSWORD, 1_795_685_258)
            .expect("claim");
        srp_a + &claim.signature
    }
}

/// Varied bytes without an RNG (the values do not affect the timing).
pub fn random(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// Times `RUNS` sign-ins with `now_ms` as the clock; returns (min, median) in ms.
pub fn measure(mut sign_in: impl FnMut(u64) -> String, now_ms: impl Fn() -> f64) -> (f64, f64) {
    // One untimed run warms caches and lazily built constants.
    std::hint::black_box(sign_in(0));
    let mut samples: Vec<f64> = (1..=RUNS as u64)
        .map(|seed| {
            let start = now_ms();
            std::hint::black_box(sign_in(seed));
            now_ms() - start
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[0], samples[RUNS / 2])
}
