//! POST (and GET, for configuration files) through the global `fetch` (window or worker), for
//! the browser.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestInit, RequestMode, Response};

use super::HttpResponse;

/// Stateless: each call looks `fetch` up on the global object.
#[derive(Debug, Clone)]
pub(crate) struct HttpClient;

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

impl HttpClient {
    pub(crate) fn new() -> Self {
        Self
    }

    /// GETs `url` (a configuration file; relative URLs resolve against the page); `Err` is a
    /// network failure.
    pub(crate) async fn get(&self, url: &str) -> Result<HttpResponse, String> {
        let request = Request::new_with_str(url).map_err(describe)?;
        let global = js_sys::global();
        let fetch: Function = Reflect::get(&global, &JsValue::from_str("fetch"))
            .and_then(JsCast::dyn_into)
            .map_err(describe)?;
        let promise: Promise = fetch
            .call1(&global, &request)
            .and_then(JsCast::dyn_into)
            .map_err(describe)?;
        let response: Response = JsFuture::from(promise)
            .await
            .and_then(JsCast::dyn_into)
            .map_err(describe)?;
        let text = JsFuture::from(response.text().map_err(describe)?)
            .await
            .map_err(describe)?;
        Ok(HttpResponse {
            status: response.status(),
            error_type: None,
            body: text.as_string().unwrap_or_default(),
        })
    }

    /// POSTs `body` with `headers`; `Err` is a network failure (no HTTP answer).
    pub(crate) async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: String,
    ) -> Result<HttpResponse, String> {
        let response = send(url, headers, body).await.map_err(describe)?;
        let status = response.status();
        let error_type = response.headers().get("x-amzn-errortype").ok().flatten();
        let text = JsFuture::from(response.text().map_err(describe)?)
            .await
            .map_err(describe)?;
        Ok(HttpResponse {
            status,
            error_type,
            body: text.as_string().unwrap_or_default(),
        })
    }
}

async fn send(url: &str, headers: &[(&str, String)], body: String) -> Result<Response, JsValue> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_mode(RequestMode::Cors);
    init.set_body(&JsValue::from_str(&body));
    let request_headers = Headers::new()?;
    for (name, value) in headers {
        request_headers.set(name, value)?;
    }
    init.set_headers(&request_headers);
    let request = Request::new_with_str_and_init(url, &init)?;
    // `fetch` lives on the global object in windows and workers alike.
    let global = js_sys::global();
    let fetch: Function = Reflect::get(&global, &JsValue::from_str("fetch"))?.dyn_into()?;
    let promise: Promise = fetch.call1(&global, &request)?.dyn_into()?;
    JsFuture::from(promise).await?.dyn_into()
}
