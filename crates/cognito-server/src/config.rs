//! Command-line options.

use std::net::SocketAddr;
use std::path::PathBuf;

/// `cognito-server [--bind ADDR] [--data DIR] [--static DIR]`.
#[derive(Debug, Clone, clap::Parser)]
#[command(
    name = "cognito-server",
    version,
    about = "A local Amazon Cognito user-pool service with real SRP"
)]
pub struct Options {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:9229")]
    pub bind: SocketAddr,

    /// Data directory (created if missing), or `:memory:` to keep nothing on disk.
    #[arg(long, default_value = ".cognito-server")]
    pub data: String,

    /// A built web app to serve from `/` for GET requests the API does not use.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Access key id that admin operations must be signed with (SigV4).
    #[arg(long, requires = "admin_secret_access_key")]
    pub admin_access_key_id: Option<String>,

    /// Secret access key that goes with `--admin-access-key-id`.
    #[arg(long, requires = "admin_access_key_id")]
    pub admin_secret_access_key: Option<String>,

    /// Do not print delivered codes and start-up details.
    #[arg(long)]
    pub quiet: bool,
}

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataDir {
    Memory,
    Disk(PathBuf),
}

impl Options {
    pub fn data_dir(&self) -> DataDir {
        if self.data == ":memory:" {
            DataDir::Memory
        } else {
            DataDir::Disk(PathBuf::from(&self.data))
        }
    }

    /// Options for an in-process test server: a free loopback port, memory only, quiet.
    pub fn for_tests() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data: ":memory:".into(),
            static_dir: None,
            admin_access_key_id: None,
            admin_secret_access_key: None,
            quiet: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    #[test]
    fn defaults_match_the_documented_interface() {
        let options = Options::try_parse_from(["cognito-server"]).unwrap();
        assert_eq!(options.bind, "127.0.0.1:9229".parse().unwrap());
        assert_eq!(
            options.data_dir(),
            DataDir::Disk(PathBuf::from(".cognito-server"))
        );
    }

    #[test]
    fn memory_data_and_admin_keys_parse() {
        let options = Options::try_parse_from([
            "cognito-server",
            "--data",
            ":memory:",
            "--admin-access-key-id",
            "AKIA1",
            "--admin-secret-access-key",
            "s",
        ])
        .unwrap();
        assert_eq!(options.data_dir(), DataDir::Memory);
        assert_eq!(options.admin_access_key_id.as_deref(), Some("AKIA1"));
    }

    #[test]
    fn an_admin_key_id_needs_its_secret() {
        assert!(Options::try_parse_from(["cognito-server", "--admin-access-key-id", "x"]).is_err());
    }
}
