//! The access key pair that admin operations must be signed with.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::ids;

/// An AWS-style key pair.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCredentials {
    #[serde(rename = "aws_access_key_id")]
    pub access_key_id: String,
    #[serde(rename = "aws_secret_access_key")]
    pub secret_access_key: String,
}

impl std::fmt::Debug for AdminCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

/// Where the credentials came from, so start-up knows whether to print the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flags,
    File,
    Generated,
}

impl AdminCredentials {
    pub fn generate() -> Self {
        Self {
            access_key_id: ids::access_key_id(),
            secret_access_key: ids::secret_access_key(),
        }
    }

    /// Loads `dir/admin-credentials.json`, or creates it (mode 0600) with a fresh pair.
    pub fn load_or_create(dir: &Path) -> anyhow::Result<(Self, Origin)> {
        let path = dir.join("admin-credentials.json");
        if path.exists() {
            let text = std::fs::read_to_string(&path)?;
            return Ok((serde_json::from_str(&text)?, Origin::File));
        }
        let credentials = Self::generate();
        write_private(&path, &serde_json::to_string_pretty(&credentials)?)?;
        Ok((credentials, Origin::Generated))
    }
}

/// Writes a file only its owner can read: created with 0600, never world-readable for a moment.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_created_once_and_private() {
        let dir = std::env::temp_dir().join(format!("cognito-admin-{}", ids::uuid()));
        std::fs::create_dir_all(&dir).unwrap();
        let (first, origin) = AdminCredentials::load_or_create(&dir).unwrap();
        assert_eq!(origin, Origin::Generated);
        let (second, origin) = AdminCredentials::load_or_create(&dir).unwrap();
        assert_eq!(origin, Origin::File);
        assert_eq!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.join("admin-credentials.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
