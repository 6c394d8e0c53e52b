//! `GET /_local/outbox`: the delivered codes, for tests and developers, answered on loopback only.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::app::App;

pub async fn outbox(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    // Codes are secrets; anyone off this machine could otherwise confirm any account.
    if !peer.ip().is_loopback() {
        return (StatusCode::FORBIDDEN, "loopback only").into_response();
    }
    match tokio::task::spawn_blocking(move || app.store.outbox()).await {
        Ok(Ok(entries)) => Json(entries).into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "outbox unavailable").into_response(),
    }
}
