//! XML signatures as SAML uses them: one enveloped signature over the element that holds it,
//! RSA-SHA256, SHA-256 digest, exclusive canonicalization. Anything else is refused.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use super::xml::{self, Element, exclusive_c14n};
use crate::errors::ApiResult;
use crate::keys::SigningKey;

pub const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";

/// The `ds:Signature` directly inside `element`, if it has exactly one (more is an error).
pub fn signature_of(element: &Element) -> Result<Option<&Element>, String> {
    let mut found = element.elements().filter(|child| child.is(DS, "Signature"));
    let first = found.next();
    if found.next().is_some() {
        return Err("more than one signature on one element".into());
    }
    Ok(first)
}

fn algorithm<'a>(parent: &'a Element, local: &str) -> Result<&'a Element, String> {
    parent
        .only_child(DS, local)
        .ok_or_else(|| format!("the signature has no single {local}"))
}

/// The PrefixList of an exclusive canonicalization method element.
fn prefix_list(method: &Element) -> Vec<String> {
    method
        .children_named(EXC_C14N, "InclusiveNamespaces")
        .filter_map(|inclusive| inclusive.attr("PrefixList"))
        .flat_map(|list| list.split_whitespace().map(str::to_owned))
        .collect()
}

fn base64(text: &str) -> Result<Vec<u8>, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD
        .decode(compact)
        .map_err(|_| "bad base64 in the signature".into())
}

/// Checks the enveloped signature directly inside `signed`: its one reference must name
/// `signed` by its `ID`, the digest must match `signed` (without the signature) in exclusive
/// canonical form, and the signature over SignedInfo must verify with `public_key` (PKCS#1
/// RSAPublicKey DER).
pub fn verify(signed: &Element, public_key: &[u8]) -> Result<(), String> {
    let signature = signature_of(signed)?.ok_or("the element is not signed")?;
    let id = signed.attr("ID").ok_or("the signed element has no ID")?;
    let info = algorithm(signature, "SignedInfo")?;
    let c14n = algorithm(info, "CanonicalizationMethod")?;
    if c14n.attr("Algorithm") != Some(EXC_C14N) {
        return Err("the signature is not canonicalized with exclusive c14n".into());
    }
    if algorithm(info, "SignatureMethod")?.attr("Algorithm") != Some(RSA_SHA256) {
        return Err("the signature is not RSA-SHA256".into());
    }
    let reference = algorithm(info, "Reference")?;
    if reference.attr("URI") != Some(&format!("#{id}")) {
        return Err("the signature refers to another element".into());
    }
    let transforms: Vec<&Element> = algorithm(reference, "Transforms")?
        .children_named(DS, "Transform")
        .collect();
    let [enveloped, exclusive] = transforms.as_slice() else {
        return Err("the signature's transforms are not enveloped-signature + exc-c14n".into());
    };
    if enveloped.attr("Algorithm") != Some(ENVELOPED)
        || exclusive.attr("Algorithm") != Some(EXC_C14N)
    {
        return Err("the signature's transforms are not enveloped-signature + exc-c14n".into());
    }
    if algorithm(reference, "DigestMethod")?.attr("Algorithm") != Some(SHA256) {
        return Err("the digest is not SHA-256".into());
    }
    let expected = base64(&algorithm(reference, "DigestValue")?.text())?;
    let content = exclusive_c14n(signed, Some(signature), &prefix_list(exclusive));
    let digest = Sha256::digest(content.as_bytes());
    if !bool::from(digest.as_slice().ct_eq(&expected)) {
        return Err("the digest does not match: the signed content was changed".into());
    }
    let value = base64(&algorithm(signature, "SignatureValue")?.text())?;
    let signed_info = exclusive_c14n(info, None, &prefix_list(c14n));
    aws_lc_rs::signature::UnparsedPublicKey::new(
        &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        public_key,
    )
    .verify(signed_info.as_bytes(), &value)
    .map_err(|_| "the signature does not verify with the identity provider's certificate".into())
}

/// Signs `element_xml` (one element with an `ID` attribute `id`, in a scope where no outer
/// namespaces matter): returns it with a `ds:Signature` inserted right after the first child
/// element ending in `</{after}>` (the Issuer, where the SAML schema wants it).
pub fn sign(
    element_xml: &str,
    id: &str,
    after: &str,
    key: &SigningKey,
    certificate: &[u8],
) -> ApiResult<String> {
    let internal = |why: String| crate::errors::ApiError::InternalError(why);
    let parsed = xml::parse(element_xml).map_err(internal)?;
    let digest = STANDARD.encode(Sha256::digest(
        exclusive_c14n(&parsed, None, &[]).as_bytes(),
    ));
    let signed_info = format!(
        "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"{EXC_C14N}\"/><ds:SignatureMethod Algorithm=\"{RSA_SHA256}\"/><ds:Reference URI=\"#{}\"><ds:Transforms><ds:Transform Algorithm=\"{ENVELOPED}\"/><ds:Transform Algorithm=\"{EXC_C14N}\"/></ds:Transforms><ds:DigestMethod Algorithm=\"{SHA256}\"/><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>",
        xml::escape(id)
    );
    let wrapper = xml::parse(&format!(
        "<ds:Signature xmlns:ds=\"{DS}\">{signed_info}</ds:Signature>"
    ))
    .map_err(internal)?;
    let info = wrapper
        .elements()
        .next()
        .ok_or_else(|| internal("no SignedInfo".into()))?;
    let value = STANDARD.encode(key.sign(exclusive_c14n(info, None, &[]).as_bytes())?);
    let signature = format!(
        "<ds:Signature xmlns:ds=\"{DS}\">{signed_info}<ds:SignatureValue>{value}</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>",
        STANDARD.encode(certificate)
    );
    let end = format!("</{after}>");
    let at = element_xml
        .find(&end)
        .ok_or_else(|| internal(format!("no {after} to sign after")))?
        + end.len();
    Ok(format!(
        "{}{signature}{}",
        &element_xml[..at],
        &element_xml[at..]
    ))
}
