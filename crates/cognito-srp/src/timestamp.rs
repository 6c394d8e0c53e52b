//! The `TIMESTAMP` of a password claim: `ddd MMM D HH:mm:ss UTC YYYY`, English names, day not padded.

use time::{Date, Month, OffsetDateTime, Time, Weekday};

use crate::SrpError;

/// How far a claim's timestamp may be from the verifier's clock.
pub const MAX_CLOCK_SKEW_SECS: i64 = 15 * 60;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats a Unix time as Cognito's clients do, e.g. `Fri Nov 6 09:05:01 UTC 2026`.
///
/// Times outside the years 1970-9999 are clamped to that range.
pub fn format_timestamp(unix_secs: i64) -> String {
    let at = OffsetDateTime::from_unix_timestamp(unix_secs.clamp(0, 253_402_300_799))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{} {} {} {:02}:{:02}:{:02} UTC {}",
        WEEKDAYS[at.weekday().number_days_from_monday() as usize],
        MONTHS[at.month() as usize - 1],
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.year()
    )
}

/// Parses a claim timestamp back to Unix time. Accepts a zero-padded day as well, since some clients
/// pad it; anything else off the format, or a weekday that does not match the date, is refused.
pub fn parse_timestamp(text: &str) -> Result<i64, SrpError> {
    let invalid = || SrpError::InvalidTimestamp(text.to_owned());
    let parts: Vec<&str> = text.split(' ').collect();
    let [weekday, month, day, clock, "UTC", year] = parts.as_slice() else {
        return Err(invalid());
    };
    let weekday = WEEKDAYS
        .iter()
        .position(|w| w == weekday)
        .ok_or_else(invalid)?;
    let month = MONTHS.iter().position(|m| m == month).ok_or_else(invalid)?;
    let day = number(day, 1, 2).ok_or_else(invalid)?;
    let year = number(year, 4, 4).ok_or_else(invalid)?;
    let [hour, minute, second] = clock
        .split(':')
        .map(|part| number(part, 2, 2))
        .collect::<Option<Vec<_>>>()
        .and_then(|parts| <[u32; 3]>::try_from(parts).ok())
        .ok_or_else(invalid)?;
    let month = Month::try_from(month as u8 + 1).map_err(|_| invalid())?;
    let date = Date::from_calendar_date(year as i32, month, day as u8).map_err(|_| invalid())?;
    let clock = Time::from_hms(hour as u8, minute as u8, second as u8).map_err(|_| invalid())?;
    if date.weekday() != Weekday::Monday.nth_next(weekday as u8) {
        return Err(invalid());
    }
    Ok(date.with_time(clock).assume_utc().unix_timestamp())
}

/// A decimal number of `min..=max` ASCII digits.
fn number(text: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_is_not_zero_padded() {
        // 2026-11-06T09:05:01Z
        assert_eq!(
            format_timestamp(1_793_955_901),
            "Fri Nov 6 09:05:01 UTC 2026"
        );
        assert_eq!(
            format_timestamp(1_795_685_258),
            "Thu Nov 26 09:27:38 UTC 2026"
        );
    }

    #[test]
    fn parse_inverts_format_and_accepts_a_padded_day() {
        assert_eq!(
            parse_timestamp("Fri Nov 6 09:05:01 UTC 2026"),
            Ok(1_793_955_901)
        );
        assert_eq!(
            parse_timestamp("Fri Nov 06 09:05:01 UTC 2026"),
            Ok(1_793_955_901)
        );
    }

    #[test]
    fn malformed_timestamps_are_refused() {
        for bad in [
            "",
            "2026-11-06T09:05:01Z",
            "Fri Nov 6 09:05:01 GMT 2026",
            "Thu Nov 6 09:05:01 UTC 2026",
            "Fri Nov 31 09:05:01 UTC 2026",
            "Fri Nov 6 9:05:01 UTC 2026",
            "Fri Nov 6 09:05:61 UTC 2026",
            "Fri  Nov 6 09:05:01 UTC 2026",
            "Fri Nov 6 09:05:01 UTC 2026 ",
            "Fri Nov +6 09:05:01 UTC 2026",
        ] {
            assert!(parse_timestamp(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
