//! Creating pools and app clients, shared by first start and the admin operations.

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::ids;
use crate::store::{Client, ClientConfig, Pool, PoolConfig};

/// The region every pool id starts with.
pub const REGION: &str = "us-east-1";

/// Creates a pool with fresh signing keys. Slow (RSA key generation): call it off the runtime.
pub fn create_pool(app: &App, config: PoolConfig) -> ApiResult<Pool> {
    let id = ids::user_pool_id(REGION);
    let created = now();
    app.store.insert_pool(&id, &config, created)?;
    app.keys.generate(&app.store, &id)?;
    Ok(Pool {
        id,
        config,
        created,
        modified: created,
    })
}

/// Creates an app client; `generate_secret` makes it confidential.
pub fn create_client(
    app: &App,
    pool_id: &str,
    mut config: ClientConfig,
    generate_secret: bool,
) -> ApiResult<Client> {
    let id = ids::client_id();
    if generate_secret {
        config.secret = Some(ids::client_secret());
    }
    let created = now();
    app.store.insert_client(&id, pool_id, &config, created)?;
    Ok(Client {
        id,
        pool_id: pool_id.to_owned(),
        config,
        created,
        modified: created,
    })
}
