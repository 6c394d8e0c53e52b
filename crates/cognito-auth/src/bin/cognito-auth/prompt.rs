//! Questions on stderr, answers from stdin, so stdout stays pure JSON.

use std::io::{BufRead, Write};

/// Asks and returns the trimmed answer; an empty answer or end of input is an error.
pub fn ask(question: &str) -> Result<String, String> {
    eprint!("{question}: ");
    std::io::stderr()
        .flush()
        .map_err(|error| error.to_string())?;
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| error.to_string())?;
    let answer = line.trim_end_matches(['\r', '\n']).to_owned();
    if answer.trim().is_empty() {
        Err(format!("no answer for {question:?}"))
    } else {
        Ok(answer)
    }
}

/// A password from the flag, else `$COGNITO_PASSWORD`, else a prompt.
pub fn password(given: Option<String>, question: &str) -> Result<String, String> {
    match given.or_else(|| std::env::var("COGNITO_PASSWORD").ok()) {
        Some(password) => Ok(password),
        None => ask(question),
    }
}
