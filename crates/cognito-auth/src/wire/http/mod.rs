//! One HTTP POST, the only thing the wire layer needs from the network: reqwest natively, the
//! browser's `fetch` directly on wasm32 (reqwest's wasm build carries `url` and its Unicode
//! tables, about a third of a minimal sign-in app).

#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(not(target_arch = "wasm32"))]
mod native;

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::HttpClient;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::HttpClient;

/// What the wire layer reads from an answer.
#[derive(Debug)]
pub(crate) struct HttpResponse {
    pub status: u16,
    /// `x-amzn-ErrorType`, when present (and, in browsers, exposed by CORS).
    pub error_type: Option<String>,
    pub body: String,
}
