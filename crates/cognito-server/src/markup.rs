//! Escaping for the HTML and XML the server writes: one set of rules for the hosted pages, the
//! mock identity providers' pages and SAML messages.

/// `text` with each character that `entity` names replaced by that reference.
pub fn replace(text: &str, entity: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match entity(c) {
            Some(reference) => out.push_str(reference),
            None => out.push(c),
        }
    }
    out
}

/// Escapes `& < > " '` for element content and quoted attribute values, in HTML or XML.
/// `apostrophe` is how `'` is written (`&#39;`, `&#x27;` and `&apos;` all mean it), so each
/// caller keeps the bytes it has always sent.
pub fn escape(text: &str, apostrophe: &'static str) -> String {
    replace(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some(apostrophe),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a> ok", "&#39;"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; ok"
        );
        assert_eq!(escape("'", "&apos;"), "&apos;");
    }
}
