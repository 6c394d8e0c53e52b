//! A small XML tree for SAML messages and metadata, read with quick-xml (no DTDs, so no entity
//! tricks), that keeps each element's namespace scope so any subtree can be put in exclusive
//! canonical form (Exclusive XML Canonicalization 1.0, without comments).

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};

/// The largest document read, in bytes.
pub const MAX_BYTES: usize = 256 * 1024;
/// The deepest nesting read.
const MAX_DEPTH: usize = 48;
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An attribute (namespace declarations are kept apart, in [`Element::scope`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub prefix: String,
    pub local: String,
    /// The namespace URI, empty for an unprefixed attribute.
    pub ns: String,
    pub value: String,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element with what is in scope where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub prefix: String,
    pub local: String,
    /// The namespace URI of the element (empty for none).
    pub ns: String,
    pub attributes: Vec<Attribute>,
    /// Every namespace in scope here, prefix ("" for the default) to URI.
    pub scope: BTreeMap<String, String>,
    pub children: Vec<Node>,
}

impl Element {
    /// Whether this is `local` in namespace `ns`.
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The value of the unprefixed attribute `local`.
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|attribute| attribute.ns.is_empty() && attribute.local == local)
            .map(|attribute| attribute.value.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// The child elements named `local` in `ns`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |child| child.is(ns, local))
    }

    /// The only child named `local` in `ns`; `None` when there is none or more than one.
    pub fn only_child(&self, ns: &str, local: &str) -> Option<&Element> {
        let mut found = self.elements().filter(|child| child.is(ns, local));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The text directly inside the element.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|node| match node {
                Node::Text(text) => Some(text.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// This element and all below it, depth first.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut all = vec![self];
        let mut index = 0;
        while index < all.len() {
            let element = all[index];
            all.extend(element.elements());
            index += 1;
        }
        all
    }
}

/// Reads a document; its root element. DTDs, unbound prefixes, bad nesting and anything but one
/// root element are errors.
pub fn parse(text: &str) -> Result<Element, String> {
    if text.len() > MAX_BYTES {
        return Err("the XML document is too large".into());
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let fail = |error: quick_xml::Error| format!("malformed XML: {error}");
    loop {
        let event = reader.read_event().map_err(fail)?;
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err("content after the root element".into());
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err("the XML document is nested too deeply".into());
                }
                let element = open(&start, stack.last())?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = open(&start, stack.last())?;
                close(&mut stack, &mut root, element);
            }
            Event::End(end) => {
                let element = stack.pop().ok_or("an end tag without a start")?;
                let name = std::str::from_utf8(end.name().as_ref())
                    .map_err(|_| "a tag name is not UTF-8")?
                    .to_owned();
                if name != qualified(&element.prefix, &element.local) {
                    return Err("mismatched end tag".into());
                }
                close(&mut stack, &mut root, element);
            }
            Event::Text(text) => {
                let raw = text.decode().map_err(|_| "text is not UTF-8")?;
                push_text(&mut stack, &normalize_newlines(&raw))?;
            }
            Event::CData(data) => {
                let raw = data.decode().map_err(|_| "text is not UTF-8")?;
                push_text(&mut stack, &normalize_newlines(&raw))?;
            }
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .map_err(fail)?
                        .ok_or("a bad character reference")?
                        .to_string()
                } else {
                    let name = reference.decode().map_err(|_| "a bad reference")?;
                    predefined(&name).ok_or("an undeclared entity")?.to_string()
                };
                push_text(&mut stack, &resolved)?;
            }
            Event::DocType(_) => return Err("DTDs are not accepted".into()),
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err("the XML document ends inside an element".into());
    }
    root.ok_or_else(|| "no root element".into())
}

fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn push_text(stack: &mut [Element], text: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(last)) = parent.children.last_mut() {
                last.push_str(text);
            } else {
                parent.children.push(Node::Text(text.to_owned()));
            }
            Ok(())
        }
        // Whitespace around the root element is not part of the document's content.
        None if text.trim().is_empty() => Ok(()),
        None => Err("text outside the root element".into()),
    }
}

fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = Some(element),
    }
}

fn split(name: &str) -> (&str, &str) {
    name.split_once(':').unwrap_or(("", name))
}

fn qualified(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_owned()
    } else {
        format!("{prefix}:{local}")
    }
}

/// An attribute value as the XML parser hands it on: line ends and whitespace characters
/// written literally become spaces, then references are resolved.
fn attribute_value(raw: &[u8]) -> Result<String, String> {
    let raw = std::str::from_utf8(raw).map_err(|_| "an attribute value is not UTF-8")?;
    let spaced: String = normalize_newlines(raw)
        .chars()
        .map(|c| if matches!(c, '\t' | '\n') { ' ' } else { c })
        .collect();
    if spaced.contains('<') {
        return Err("'<' in an attribute value".into());
    }
    quick_xml::escape::unescape(&spaced)
        .map(|value| value.into_owned())
        .map_err(|error| format!("bad attribute value: {error}"))
}

fn open(start: &BytesStart<'_>, parent: Option<&Element>) -> Result<Element, String> {
    let name = std::str::from_utf8(start.name().as_ref())
        .map_err(|_| "a tag name is not UTF-8")?
        .to_owned();
    let mut scope = parent
        .map(|parent| parent.scope.clone())
        .unwrap_or_default();
    let mut plain = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| format!("bad attribute: {error}"))?;
        let key = std::str::from_utf8(attribute.key.as_ref())
            .map_err(|_| "an attribute name is not UTF-8")?
            .to_owned();
        let value = attribute_value(&attribute.value)?;
        if key == "xmlns" {
            scope.insert(String::new(), value);
        } else if let Some(prefix) = key.strip_prefix("xmlns:") {
            if value.is_empty() {
                return Err("a prefix may not be undeclared".into());
            }
            scope.insert(prefix.to_owned(), value);
        } else {
            plain.push((key, value));
        }
    }
    let resolve = |prefix: &str, default_applies: bool| -> Result<String, String> {
        if prefix == "xml" {
            return Ok(XML_NS.into());
        }
        if prefix.is_empty() && !default_applies {
            return Ok(String::new());
        }
        match scope.get(prefix) {
            Some(uri) => Ok(uri.clone()),
            None if prefix.is_empty() => Ok(String::new()),
            None => Err(format!("the prefix {prefix} is not bound")),
        }
    };
    let (prefix, local) = split(&name);
    let ns = resolve(prefix, true)?;
    let mut attributes = Vec::with_capacity(plain.len());
    for (key, value) in plain {
        let (attribute_prefix, attribute_local) = split(&key);
        let attribute = Attribute {
            prefix: attribute_prefix.to_owned(),
            local: attribute_local.to_owned(),
            ns: resolve(attribute_prefix, false)?,
            value,
        };
        if attributes
            .iter()
            .any(|other: &Attribute| other.ns == attribute.ns && other.local == attribute.local)
        {
            return Err("a repeated attribute".into());
        }
        attributes.push(attribute);
    }
    Ok(Element {
        prefix: prefix.to_owned(),
        local: local.to_owned(),
        ns,
        attributes,
        scope,
        children: Vec::new(),
    })
}

/// The exclusive canonical form of `element`'s subtree, leaving out `skip` (the enveloped
/// signature) and rendering the namespaces of `inclusive` (an InclusiveNamespaces PrefixList,
/// `#default` for the default namespace) as inclusive canonicalization would.
pub fn exclusive_c14n(element: &Element, skip: Option<&Element>, inclusive: &[String]) -> String {
    let mut out = String::new();
    render(element, skip, inclusive, &BTreeMap::new(), &mut out);
    out
}

fn render(
    element: &Element,
    skip: Option<&Element>,
    inclusive: &[String],
    rendered: &BTreeMap<String, String>,
    out: &mut String,
) {
    // The prefixes this element visibly uses, and the inclusive ones in scope.
    let mut wanted: Vec<&str> = vec![element.prefix.as_str()];
    for attribute in &element.attributes {
        if !attribute.prefix.is_empty() {
            wanted.push(&attribute.prefix);
        }
    }
    for prefix in inclusive {
        let prefix = if prefix == "#default" {
            ""
        } else {
            prefix.as_str()
        };
        if element.scope.contains_key(prefix) {
            wanted.push(prefix);
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut now_rendered = rendered.clone();
    let mut declarations = String::new();
    for prefix in wanted {
        if prefix == "xml" {
            continue;
        }
        let uri = element.scope.get(prefix).map_or("", String::as_str);
        let before = rendered.get(prefix).map_or("", String::as_str);
        if prefix.is_empty() {
            if uri == before {
                continue;
            }
            declarations.push_str(&format!(" xmlns=\"{}\"", escape_attribute(uri)));
        } else {
            if rendered.get(prefix).is_some_and(|old| old == uri) {
                continue;
            }
            declarations.push_str(&format!(" xmlns:{prefix}=\"{}\"", escape_attribute(uri)));
        }
        now_rendered.insert(prefix.to_owned(), uri.to_owned());
    }
    let name = qualified(&element.prefix, &element.local);
    out.push('<');
    out.push_str(&name);
    out.push_str(&declarations);
    let mut attributes: Vec<&Attribute> = element.attributes.iter().collect();
    attributes.sort_by(|a, b| (&a.ns, &a.local).cmp(&(&b.ns, &b.local)));
    for attribute in attributes {
        out.push(' ');
        out.push_str(&qualified(&attribute.prefix, &attribute.local));
        out.push_str("=\"");
        out.push_str(&escape_attribute(&attribute.value));
        out.push('"');
    }
    out.push('>');
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_str(&escape_text(text)),
            Node::Element(child) => {
                if skip.is_some_and(|skip| std::ptr::eq(skip, child)) {
                    continue;
                }
                render(child, skip, inclusive, &now_rendered, out);
            }
        }
    }
    out.push_str("</");
    out.push_str(&name);
    out.push('>');
}

fn escape_text(text: &str) -> String {
    crate::markup::replace(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\r' => Some("&#xD;"),
        _ => None,
    })
}

fn escape_attribute(text: &str) -> String {
    crate::markup::replace(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '"' => Some("&quot;"),
        '\t' => Some("&#x9;"),
        '\n' => Some("&#xA;"),
        '\r' => Some("&#xD;"),
        _ => None,
    })
}

/// Escapes text for XML content and double-quoted attribute values we write.
pub fn escape(text: &str) -> String {
    crate::markup::escape(text, "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c14n(text: &str) -> String {
        exclusive_c14n(&parse(text).unwrap(), None, &[])
    }

    #[test]
    fn namespaces_are_rendered_where_visibly_used_and_only_once() {
        // The W3C exc-c14n example: n1 is declared on the ancestor but only used below.
        let doc = r#"<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>"#;
        let root = parse(doc).unwrap();
        let elem2 = root.elements().next().unwrap();
        assert_eq!(
            exclusive_c14n(elem2, None, &[]),
            r#"<n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>"#
        );
        assert_eq!(
            exclusive_c14n(elem2, None, &["n0".into()]),
            r#"<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>"#
        );
    }

    #[test]
    fn attributes_are_sorted_and_text_and_values_escaped() {
        assert_eq!(
            c14n(
                "<?xml version=\"1.0\"?>\n<a xmlns:z=\"urn:z\" xmlns:b=\"urn:b\" z:y='1' b:y=\"2\" c=\"&quot;&lt;\t&#x9;\" a='x&amp;y'>t&amp;&lt;&gt;&#13;<![CDATA[<x>]]><e/><!-- gone --></a>\n"
            ),
            "<a xmlns:b=\"urn:b\" xmlns:z=\"urn:z\" a=\"x&amp;y\" c=\"&quot;&lt; &#x9;\" b:y=\"2\" z:y=\"1\">t&amp;&lt;&gt;&#xD;&lt;x&gt;<e></e></a>"
        );
    }

    #[test]
    fn text_split_by_a_comment_is_read_whole_as_canonicalization_sees_it() {
        // A NameID of `user@evil.example<!---->.good.example` must not read as its first part.
        let root = parse("<a>user@evil.example<!---->.good.example</a>").unwrap();
        assert_eq!(root.text(), "user@evil.example.good.example");
        assert_eq!(
            exclusive_c14n(&root, None, &[]),
            "<a>user@evil.example.good.example</a>"
        );
    }

    #[test]
    fn default_namespaces_are_rendered_and_undone() {
        assert_eq!(
            c14n(r#"<a xmlns="urn:a"><b xmlns=""><c/></b><d/></a>"#),
            r#"<a xmlns="urn:a"><b xmlns=""><c></c></b><d></d></a>"#
        );
        assert_eq!(c14n("<a><b xmlns=\"\"/></a>"), "<a><b></b></a>");
    }

    proptest::proptest! {
        /// Reading never panics, and a canonical form reads back to itself.
        #[test]
        fn canonical_forms_are_fixed_points(
            text in "(<a>|</a>|<p:b xmlns:p=\"urn:p\" p:x=\"1\" y=\"&amp;\t\">|</p:b>|<c xmlns=\"urn:d\"/>|<e xmlns=\"\"/>|t|&lt;|&#xD;|\r\n| |<!--c-->|<!\\[CDATA\\[>\\]\\]>){0,14}"
        ) {
            let _ = parse(&text);
            let _ = parse(&format!("<r>{text}</r>"));
            if let Ok(root) = parse(&format!("<r xmlns:q=\"urn:q\">{text}</r>")) {
                let once = exclusive_c14n(&root, None, &[]);
                let again = exclusive_c14n(&parse(&once).unwrap(), None, &[]);
                proptest::prop_assert_eq!(once, again);
            }
        }
    }

    #[test]
    fn doctypes_unbound_prefixes_and_junk_are_refused() {
        for bad in [
            "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
            "<a>&x;</a>",
            "<p:a/>",
            "<a><b></a></b>",
            "<a/><b/>",
            "<a a=\"1\" a=\"2\"/>",
            "<a",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
