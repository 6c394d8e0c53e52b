//! POST (and GET, for configuration files) through reqwest (tokio), for native builds.

use super::HttpResponse;

/// A reqwest client; cheap to clone.
#[derive(Debug, Clone)]
pub(crate) struct HttpClient {
    client: reqwest::Client,
}

impl HttpClient {
    pub(crate) fn new() -> Self {
        Self {
            client: reqwest::Client::new(),
        }
    }

    /// GETs `url` (a configuration file); `Err` is a network failure.
    pub(crate) async fn get(&self, url: &str) -> Result<HttpResponse, String> {
        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|error| error.to_string())?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(|error| error.to_string())?;
        Ok(HttpResponse {
            status,
            error_type: None,
            body,
        })
    }

    /// POSTs `body` with `headers`; `Err` is a network failure (no HTTP answer).
    pub(crate) async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: String,
    ) -> Result<HttpResponse, String> {
        let mut request = self.client.post(url).body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request.send().await.map_err(|error| error.to_string())?;
        let status = response.status().as_u16();
        let error_type = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let body = response.text().await.map_err(|error| error.to_string())?;
        Ok(HttpResponse {
            status,
            error_type,
            body,
        })
    }
}
