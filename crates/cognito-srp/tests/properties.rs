//! Properties of both halves together: random users, salts and passwords agree; anything off is refused.
//!
//! Natively these run under proptest. In the browser the same checks run over a fixed number of
//! cases drawn from a seeded generator, on every backend.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use cognito_srp::{
    Backend, Client, PasswordClaim, PasswordVerifierChallenge, ServerChallenge, SrpError, Verifier,
    format_timestamp,
};

/// One random sign-in.
#[derive(Debug, Clone)]
struct Case {
    pool: String,
    user: String,
    password: String,
    salt: Vec<u8>,
    a: Vec<u8>,
    b: Vec<u8>,
    secret_block: Vec<u8>,
    now: i64,
}

const SECRET_BLOCK_B64: fn(&[u8]) -> String = |bytes| {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
};

struct Attempt<B: Backend> {
    verifier: Verifier,
    client: Client<B>,
    server: ServerChallenge<B>,
    salt_hex: String,
    srp_b: String,
    secret_block: String,
}

impl<B: Backend> Attempt<B> {
    fn new(case: &Case) -> Self {
        let verifier =
            Verifier::with_backend::<B>(&case.pool, &case.user, &case.password, &case.salt);
        let client = Client::<B>::with_backend(&case.a).expect("A is not zero");
        let server = ServerChallenge::<B>::with_backend(&verifier, &case.b).expect("B is not zero");
        let salt_hex = verifier.salt_hex();
        let srp_b = server.srp_b();
        Self {
            verifier,
            client,
            server,
            salt_hex,
            srp_b,
            secret_block: SECRET_BLOCK_B64(&case.secret_block),
        }
    }

    fn challenge<'a>(&'a self, case: &'a Case) -> PasswordVerifierChallenge<'a> {
        PasswordVerifierChallenge {
            pool_name: &case.pool,
            user_id_for_srp: &case.user,
            salt_hex: &self.salt_hex,
            srp_b_hex: &self.srp_b,
            secret_block: &self.secret_block,
        }
    }

    fn claim(&self, case: &Case, password: &str) -> PasswordClaim {
        self.client
            .password_claim(&self.challenge(case), password, case.now)
            .expect("claim")
    }

    fn verify(
        &self,
        case: &Case,
        secret_block: &str,
        claim: &PasswordClaim,
    ) -> Result<(), SrpError> {
        self.server.verify(
            &self.verifier,
            &self.client.srp_a(),
            &case.pool,
            &case.user,
            secret_block,
            claim,
            case.now,
        )
    }
}

fn halves_agree<B: Backend>(case: &Case) {
    let attempt = Attempt::<B>::new(case);
    let claim = attempt.claim(case, &case.password);
    assert_eq!(attempt.verify(case, &attempt.secret_block, &claim), Ok(()));
}

fn wrong_password_is_refused<B: Backend>(case: &Case) {
    let attempt = Attempt::<B>::new(case);
    let claim = attempt.claim(case, &format!("{}x", case.password));
    assert_eq!(
        attempt.verify(case, &attempt.secret_block, &claim),
        Err(SrpError::SignatureMismatch)
    );
}

fn tampered_secret_block_is_refused<B: Backend>(case: &Case) {
    let attempt = Attempt::<B>::new(case);
    let claim = attempt.claim(case, &case.password);
    let mut tampered = case.secret_block.clone();
    tampered[0] ^= 1;
    assert_eq!(
        attempt.verify(case, &SECRET_BLOCK_B64(&tampered), &claim),
        Err(SrpError::SignatureMismatch)
    );
}

fn badly_formatted_timestamp_is_refused<B: Backend>(case: &Case) {
    let attempt = Attempt::<B>::new(case);
    let good = attempt.claim(case, &case.password);
    // Same instant, ISO format, signed correctly: still refused for its format.
    let key = attempt
        .client
        .session_key(&attempt.challenge(case), &case.password)
        .expect("key");
    let iso = "2026-11-26T09:27:38Z".to_owned();
    let signature = key
        .sign(&case.pool, &case.user, &attempt.secret_block, &iso)
        .expect("sign");
    let claim = PasswordClaim {
        timestamp: iso.clone(),
        signature,
    };
    assert_eq!(
        attempt.verify(case, &attempt.secret_block, &claim),
        Err(SrpError::InvalidTimestamp(iso))
    );
    // A well-formed timestamp an hour off is refused too.
    let late = key
        .claim(
            &case.pool,
            &case.user,
            &attempt.secret_block,
            case.now + 3600,
        )
        .expect("claim");
    assert!(matches!(
        attempt.verify(case, &attempt.secret_block, &late),
        Err(SrpError::TimestampSkew { .. })
    ));
    assert_eq!(good.timestamp, format_timestamp(case.now));
}

fn zero_a_and_b_are_refused<B: Backend>(case: &Case) {
    let attempt = Attempt::<B>::new(case);
    let n_hex = "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3be39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf6955817183995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e208e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff";
    for zero in ["0", "000", n_hex] {
        assert_eq!(
            attempt.server.session_key(&attempt.verifier, zero),
            Err(SrpError::ZeroValue("A"))
        );
        let challenge = PasswordVerifierChallenge {
            srp_b_hex: zero,
            ..attempt.challenge(case)
        };
        assert_eq!(
            attempt.client.session_key(&challenge, &case.password),
            Err(SrpError::ZeroValue("B"))
        );
    }
}

/// Runs every property for one case on one backend.
fn all_properties<B: Backend>(case: &Case) {
    halves_agree::<B>(case);
    wrong_password_is_refused::<B>(case);
    tampered_secret_block_is_refused::<B>(case);
    badly_formatted_timestamp_is_refused::<B>(case);
    zero_a_and_b_are_refused::<B>(case);
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use proptest::prelude::*;

    use super::*;

    fn case() -> impl Strategy<Value = Case> {
        (
            "[A-Za-z0-9]{1,12}",
            "\\PC{1,40}",
            "\\PC{1,64}",
            proptest::collection::vec(any::<u8>(), 16),
            proptest::collection::vec(any::<u8>(), 128),
            proptest::collection::vec(any::<u8>(), 128),
            proptest::collection::vec(any::<u8>(), 1..64),
            0i64..4_000_000_000,
        )
            .prop_map(
                |(pool, user, password, salt, a, b, secret_block, now)| Case {
                    pool,
                    user,
                    password,
                    salt,
                    a,
                    b,
                    secret_block,
                    now,
                },
            )
            .prop_filter("a and b must not be zero", |c| {
                c.a.iter().any(|&x| x != 0) && c.b.iter().any(|&x| x != 0)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn client_and_server_agree_and_refuse_anything_off(case in case()) {
            all_properties::<cognito_srp::NumBigint>(&case);
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    /// SplitMix64: enough to draw varied cases reproducibly without an RNG dependency.
    struct Draw(u64);

    impl Draw {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn bytes(&mut self, len: usize) -> Vec<u8> {
            (0..len).map(|_| self.next() as u8).collect()
        }

        fn text(&mut self, alphabet: &[char], max: usize) -> String {
            let len = 1 + self.next() as usize % max;
            (0..len)
                .map(|_| alphabet[self.next() as usize % alphabet.len()])
                .collect()
        }
    }

    fn cases() -> Vec<Case> {
        let alphabet: Vec<char> = "aZ09_-.:@ éß漢字🔑\u{200b}".chars().collect();
        let mut draw = Draw(0x5eed);
        (0..6)
            .map(|_| {
                let block_len = 1 + draw.next() as usize % 63;
                Case {
                    pool: draw.text(&alphabet[..4], 12),
                    user: draw.text(&alphabet, 40),
                    password: draw.text(&alphabet, 64),
                    salt: draw.bytes(16),
                    a: draw.bytes(128),
                    b: draw.bytes(128),
                    secret_block: draw.bytes(block_len),
                    now: (draw.next() % 4_000_000_000) as i64,
                }
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn js_bigint_client_and_server_agree_and_refuse_anything_off() {
        for case in cases() {
            all_properties::<cognito_srp::JsBigInt>(&case);
        }
    }

    #[wasm_bindgen_test]
    fn num_bigint_client_and_server_agree_and_refuse_anything_off() {
        for case in cases() {
            all_properties::<cognito_srp::NumBigint>(&case);
        }
    }

    #[wasm_bindgen_test]
    fn backends_compute_the_same_values() {
        for case in cases() {
            let js = Attempt::<cognito_srp::JsBigInt>::new(&case);
            let num = Attempt::<cognito_srp::NumBigint>::new(&case);
            assert_eq!(js.client.srp_a(), num.client.srp_a());
            assert_eq!(js.srp_b, num.srp_b);
            assert_eq!(js.verifier, num.verifier);
            assert_eq!(
                js.claim(&case, &case.password),
                num.claim(&case, &case.password)
            );
        }
    }
}
