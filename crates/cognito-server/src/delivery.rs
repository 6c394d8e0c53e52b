//! "Sending" codes: nothing leaves the machine; each message goes to the console, to
//! `outbox.jsonl` in the data dir, and to the outbox table behind `GET /_local/outbox`.

use std::io::Write as _;

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::store::OutboxEntry;

/// How a code reaches the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Email,
    Sms,
}

impl Medium {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "EMAIL",
            Self::Sms => "SMS",
        }
    }

    /// The attribute a medium delivers to.
    pub fn attribute(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "phone_number",
        }
    }
}

/// Records one delivered code.
pub fn deliver(
    app: &App,
    pool_id: &str,
    username: &str,
    medium: Medium,
    destination: &str,
    purpose: &str,
    code: &str,
) -> ApiResult<()> {
    let entry = OutboxEntry {
        time: now(),
        pool_id: pool_id.to_owned(),
        username: username.to_owned(),
        medium: medium.as_str().to_owned(),
        destination: destination.to_owned(),
        purpose: purpose.to_owned(),
        code: code.to_owned(),
    };
    app.store.insert_outbox(&entry)?;
    if !app.quiet {
        println!(
            "[outbox] {} code for {username} ({pool_id}) to {destination} by {}: {code}",
            entry.purpose, entry.medium
        );
    }
    if let Some(dir) = &app.data_dir {
        append_line(app, &dir.join("outbox.jsonl"), &entry);
    }
    Ok(())
}

/// The file is a convenience copy; the table is the record, so a failed append is only reported.
fn append_line(app: &App, path: &std::path::Path, entry: &OutboxEntry) {
    let _guard = app
        .outbox_file
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let result = serde_json::to_string(entry)
        .map_err(std::io::Error::other)
        .and_then(|line| {
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            writeln!(file, "{line}")
        });
    if let Err(error) = result {
        eprintln!(
            "cognito-server: could not append to {}: {error}",
            path.display()
        );
    }
}

/// Masks a destination the way Cognito shows it: `a***@e***`, `+*******1234`.
pub fn mask(medium: Medium, destination: &str) -> String {
    match medium {
        Medium::Email => match destination.split_once('@') {
            Some((local, domain)) => format!(
                "{}***@{}***",
                local.chars().next().unwrap_or('*'),
                domain.chars().next().unwrap_or('*')
            ),
            None => "***".into(),
        },
        Medium::Sms => {
            let digits: Vec<char> = destination.chars().collect();
            let keep = digits.len().min(4);
            let tail: String = digits[digits.len() - keep..].iter().collect();
            format!(
                "+{}{tail}",
                "*".repeat(digits.len().saturating_sub(keep + 1))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_masked_like_cognito() {
        assert_eq!(mask(Medium::Email, "alice@example.com"), "a***@e***");
        assert_eq!(mask(Medium::Sms, "+15555551234"), "+*******1234");
    }
}
