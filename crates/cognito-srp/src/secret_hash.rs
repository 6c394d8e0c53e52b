//! `SECRET_HASH`, sent by clients whose app client has a secret.

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// `base64(HMAC-SHA256(client_secret, username || client_id))`.
pub fn secret_hash(username: &str, client_id: &str, client_secret: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(client_secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}
