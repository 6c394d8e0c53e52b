//! URL query strings by hand: JavaScript's `encodeURIComponent` (what Amplify encodes OAuth
//! parameters with) and the decoding browsers apply to `?query` and `#fragment` parameters. A
//! URL crate would bring Unicode tables into every browser bundle for these few lines.

/// Percent-encodes like JavaScript's `encodeURIComponent`: ASCII letters, digits and
/// `-_.!~*'()` stay; every other UTF-8 byte becomes `%XX` (uppercase).
pub(crate) fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `name=value&...` with both sides encoded, in the given order.
pub(crate) fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(name, value)| format!("{}={}", encode_component(name), encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is, and bytes that
/// are not UTF-8 become U+FFFD.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[i], escaped) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parameters of a query or fragment (without its `?`/`#`), decoded as
/// `application/x-www-form-urlencoded` (`+` is a space), in order.
pub(crate) fn parse_pairs(text: &str) -> Vec<(String, String)> {
    let decode = |part: &str| percent_decode(&part.replace('+', " "));
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        // encodeURIComponent("a b/c?d=e&f+g:h~i*j'k(l)m!n.o_p-q") in a browser:
        assert_eq!(
            encode_component("a b/c?d=e&f+g:h~i*j'k(l)m!n.o_p-q"),
            "a%20b%2Fc%3Fd%3De%26f%2Bg%3Ah~i*j'k(l)m!n.o_p-q"
        );
        assert_eq!(encode_component("é"), "%C3%A9");
    }

    #[test]
    fn pairs_round_trip() {
        let encoded = encode_pairs([("scope", "openid email"), ("redirect_uri", "http://x/?y=1")]);
        assert_eq!(
            encoded,
            "scope=openid%20email&redirect_uri=http%3A%2F%2Fx%2F%3Fy%3D1"
        );
        assert_eq!(
            parse_pairs(&encoded),
            [
                ("scope".to_owned(), "openid email".to_owned()),
                ("redirect_uri".to_owned(), "http://x/?y=1".to_owned())
            ]
        );
    }

    #[test]
    fn decoding_is_lenient() {
        assert_eq!(
            parse_pairs("a=1+2&b&&c=%zz%4"),
            [
                ("a".to_owned(), "1 2".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "%zz%4".to_owned())
            ]
        );
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }
}
