//! HTML for the hosted pages: escaping, the page frame, and form pieces. Every piece of text a
//! user, an app or the server wrote goes through [`escape`].

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::theme;

/// Escapes text for element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    crate::markup::escape(text, "&#39;")
}

/// A whole page around `body` (already HTML).
pub fn page(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{css}</style></head>\
         <body><main><h1>{title}</h1>{body}</main></body></html>",
        lang = escape(lang),
        title = escape(title),
        css = theme::stylesheet(),
    )
}

/// An HTML response that is never cached, setting `cookies`.
pub fn respond(status: StatusCode, html: String, cookies: &[String]) -> Response {
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The pages need no script and must not be framed (clickjacking of the login form). No
    // `form-action`: browsers apply it to the redirect back to the app after the form posts.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// An error page for requests that cannot be sent back to the app.
pub fn error_page(status: StatusCode, lang: &str, message: &str) -> Response {
    let body = alert(Some(message));
    respond(status, page(lang, "Something went wrong", &body), &[])
}

/// `<p role="alert">` for an error, or nothing.
pub fn alert(message: Option<&str>) -> String {
    message.map_or_else(String::new, |message| {
        format!("<p role=\"alert\" id=\"error\">{}</p>", escape(message))
    })
}

/// `<p role="status">` for a notice, or nothing.
pub fn notice(message: Option<&str>) -> String {
    message.map_or_else(String::new, |message| {
        format!("<p role=\"status\">{}</p>", escape(message))
    })
}

/// A labelled input.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub kind: &'a str,
    pub value: &'a str,
    pub autocomplete: &'a str,
}

impl<'a> Field<'a> {
    /// The username input, holding what was typed.
    pub fn username(value: &'a str) -> Self {
        Self {
            name: "username",
            label: "Username",
            kind: "text",
            value,
            autocomplete: "username",
        }
    }

    /// An empty password input; `autocomplete` is `current-password` or `new-password`.
    pub fn password(name: &'a str, label: &'a str, autocomplete: &'a str) -> Self {
        Self {
            name,
            label,
            kind: "password",
            value: "",
            autocomplete,
        }
    }

    /// The empty input for a one-time code.
    pub fn code(label: &'a str) -> Self {
        Self {
            name: "code",
            label,
            kind: "text",
            value: "",
            autocomplete: "one-time-code",
        }
    }

    /// The input, marked invalid and described by the alert when the form has an error.
    pub fn render(&self, invalid: bool) -> String {
        let described = if invalid {
            " aria-invalid=\"true\" aria-describedby=\"error\""
        } else {
            ""
        };
        format!(
            "<label for=\"{id}\">{label}<input id=\"{id}\" name=\"{name}\" type=\"{kind}\" value=\"{value}\" autocomplete=\"{autocomplete}\" required{described}></label>",
            id = escape(&format!("field-{}", self.name)),
            name = escape(self.name),
            label = escape(self.label),
            kind = escape(self.kind),
            value = escape(self.value),
            autocomplete = escape(self.autocomplete),
        )
    }
}

/// A hidden input.
pub fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        escape(name),
        escape(value)
    )
}

/// A POST form to `action` with the CSRF token, `inner` inputs and a submit button.
pub fn form(action: &str, csrf: &str, inner: &str, submit: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\" novalidate>{csrf}{inner}<button type=\"submit\">{submit}</button></form>",
        action = escape(action),
        csrf = hidden(super::csrf::FIELD, csrf),
        submit = escape(submit),
    )
}

/// A link.
pub fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(href), escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
        let field = Field {
            name: "username",
            label: "Username",
            kind: "text",
            value: "\"><img src=x>",
            autocomplete: "username",
        };
        assert!(!field.render(false).contains("<img"));
    }
}
