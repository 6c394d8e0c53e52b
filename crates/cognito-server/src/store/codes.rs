//! One-time codes: one live code per user and purpose, expiring, with wrong tries counted.

use rusqlite::{OptionalExtension, params};
use subtle::ConstantTimeEq;

use super::Store;

/// What a code is for; each purpose has its own lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodePurpose {
    SignUp,
    ForgotPassword,
    /// Verifying an attribute (`email`, `phone_number`); the attribute is part of the key.
    VerifyEmail,
    VerifyPhone,
    SmsMfa,
}

impl CodePurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignUp => "sign_up",
            Self::ForgotPassword => "forgot_password",
            Self::VerifyEmail => "verify_email",
            Self::VerifyPhone => "verify_phone_number",
            Self::SmsMfa => "sms_mfa",
        }
    }

    /// How long a code stays valid.
    pub fn lifetime_secs(self) -> i64 {
        match self {
            Self::SignUp | Self::VerifyEmail | Self::VerifyPhone => 24 * 3600,
            Self::ForgotPassword => 3600,
            Self::SmsMfa => 3 * 60,
        }
    }
}

/// Wrong answers allowed before a code is thrown away.
pub const MAX_CODE_FAILURES: i64 = 5;

/// The outcome of checking a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right code; it is now used up.
    Accepted,
    /// Wrong code; the count of wrong tries went up.
    Mismatch,
    /// No live code: never sent, used, expired or burnt by too many wrong tries.
    Expired,
    /// This wrong try was one too many; the code is gone.
    TooManyFailures,
}

impl Store {
    /// Stores a fresh code, replacing (and so invalidating) any earlier one for the same purpose.
    pub fn put_code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: CodePurpose,
        code: &str,
        now: i64,
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO codes (pool_id, username, purpose, code, expires, failed_attempts)
             VALUES (?1, ?2, ?3, ?4, ?5, 0)
             ON CONFLICT(pool_id, username, purpose)
             DO UPDATE SET code = excluded.code, expires = excluded.expires, failed_attempts = 0",
            params![
                pool_id,
                username,
                purpose.as_str(),
                code,
                now + purpose.lifetime_secs()
            ],
        )?;
        Ok(())
    }

    /// Checks and, if right, consumes a code.
    pub fn check_code(
        &self,
        pool_id: &str,
        username: &str,
        purpose: CodePurpose,
        answer: &str,
        now: i64,
    ) -> rusqlite::Result<CodeCheck> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let key = params![pool_id, username, purpose.as_str()];
        let stored: Option<(String, i64, i64)> = tx
            .query_row(
                "SELECT code, expires, failed_attempts FROM codes
                 WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                key,
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let delete = "DELETE FROM codes WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3";
        let outcome = match stored {
            None => CodeCheck::Expired,
            Some((_, expires, _)) if expires <= now => {
                tx.execute(delete, key)?;
                CodeCheck::Expired
            }
            Some((code, _, _)) if bool::from(code.as_bytes().ct_eq(answer.as_bytes())) => {
                tx.execute(delete, key)?;
                CodeCheck::Accepted
            }
            Some((_, _, failures)) if failures + 1 >= MAX_CODE_FAILURES => {
                tx.execute(delete, key)?;
                CodeCheck::TooManyFailures
            }
            Some(_) => {
                tx.execute(
                    "UPDATE codes SET failed_attempts = failed_attempts + 1
                     WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3",
                    key,
                )?;
                CodeCheck::Mismatch
            }
        };
        tx.commit()?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn store_with(purpose: CodePurpose) -> Store {
        let store = Store::in_memory().unwrap();
        store
            .put_code("pool", "ann", purpose, "123456", NOW)
            .unwrap();
        store
    }

    #[test]
    fn a_code_works_once() {
        let store = store_with(CodePurpose::SignUp);
        let check = |code| store.check_code("pool", "ann", CodePurpose::SignUp, code, NOW + 1);
        assert_eq!(check("123456").unwrap(), CodeCheck::Accepted);
        assert_eq!(check("123456").unwrap(), CodeCheck::Expired);
    }

    #[test]
    fn codes_expire_by_purpose() {
        for (purpose, lifetime) in [
            (CodePurpose::SignUp, 24 * 3600),
            (CodePurpose::ForgotPassword, 3600),
        ] {
            let store = store_with(purpose);
            let check = |at| {
                store
                    .check_code("pool", "ann", purpose, "123456", at)
                    .unwrap()
            };
            assert_eq!(check(NOW + lifetime), CodeCheck::Expired, "{purpose:?}");
            let store = store_with(purpose);
            let check = |at| {
                store
                    .check_code("pool", "ann", purpose, "123456", at)
                    .unwrap()
            };
            assert_eq!(
                check(NOW + lifetime - 1),
                CodeCheck::Accepted,
                "{purpose:?}"
            );
        }
    }

    #[test]
    fn codes_are_kept_apart_by_purpose_and_user() {
        let store = store_with(CodePurpose::SignUp);
        let check = |user, purpose| {
            store
                .check_code("pool", user, purpose, "123456", NOW)
                .unwrap()
        };
        assert_eq!(check("bob", CodePurpose::SignUp), CodeCheck::Expired);
        assert_eq!(
            check("ann", CodePurpose::ForgotPassword),
            CodeCheck::Expired
        );
        assert_eq!(check("ann", CodePurpose::SignUp), CodeCheck::Accepted);
    }

    #[test]
    fn wrong_answers_burn_the_code() {
        let store = store_with(CodePurpose::SignUp);
        let check = |code| {
            store
                .check_code("pool", "ann", CodePurpose::SignUp, code, NOW)
                .unwrap()
        };
        for _ in 0..MAX_CODE_FAILURES - 1 {
            assert_eq!(check("000000"), CodeCheck::Mismatch);
        }
        assert_eq!(check("000000"), CodeCheck::TooManyFailures);
        assert_eq!(check("123456"), CodeCheck::Expired);
    }
}
