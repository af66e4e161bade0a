//! The server: one user's browser on the same machine, and every rule a
//! request must pass before the form sees it.
//!
//! - It listens on 127.0.0.1 only.
//! - Every request carries the token printed with the address: in the
//!   address once (`?token=…`, answered with a cookie and a redirect to an
//!   address without it), in the cookie after. Compared in constant time.
//! - The `Host` header must name 127.0.0.1 or localhost with the port, so
//!   that a web page whose name is made to point at 127.0.0.1 (DNS
//!   rebinding) is refused.
//! - A post must come from the form itself: no `Origin` or
//!   `Sec-Fetch-Site` of another site, the form's own CSRF token, a form
//!   encoding, and a body of at most [`MAX_BODY`] bytes.
//! - No CORS headers, ever; every answer has a strict Content Security
//!   Policy (scripts and styles only from the server, not inline, no
//!   framing) and is not to be sniffed or cached.
//! - Only the page and its two assets are served: nothing from disk.
//!
//! tiny_http reads and writes HTTP; requests are answered one at a time.

use std::io::{Cursor, Read};
use std::net::Ipv4Addr;

use serde::Serialize;

use super::fields::Fields;
use almen::lang::Lang;

/// The most a posted form may hold: a form of thousands of items is far
/// less.
pub const MAX_BODY: usize = 4 << 20;

const SCRIPT: &str = include_str!("form.js");
const STYLE: &str = include_str!("form.css");

const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// A request that passed every rule.
pub struct Request {
    pub method: Method,
    /// Without the query.
    pub path: String,
    /// A post's form; empty for a get.
    pub form: Fields,
}

/// An answer.
pub struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
    cookie: Option<String>,
}

impl Reply {
    pub fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            location: None,
            cookie: None,
        }
    }

    pub fn json(value: impl Serialize) -> Reply {
        Reply {
            status: 200,
            content_type: "application/json",
            body: serde_json::to_vec(&value).unwrap_or_default(),
            location: None,
            cookie: None,
        }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            location: None,
            cookie: None,
        }
    }

    fn asset(content_type: &'static str, body: &str) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.as_bytes().to_vec(),
            location: None,
            cookie: None,
        }
    }

    /// After a post: back to the page, so that reloading it posts nothing.
    pub fn see_other() -> Reply {
        Reply {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some("/".to_owned()),
            cookie: None,
        }
    }

    pub fn not_found(lang: Lang) -> Reply {
        Reply::text(404, lang.pick("Findes ikke.", "Not found."))
    }

    pub fn bad_request(lang: Lang) -> Reply {
        Reply::text(400, lang.pick("Ukendt handling.", "Unknown action."))
    }
}

/// The listening server, with its secrets.
pub struct Server {
    inner: tiny_http::Server,
    port: u16,
    token: String,
    /// The token every form carries; a page of another site cannot read it.
    csrf: String,
    lang: Lang,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0: a free port).
    pub fn bind(port: u16, lang: Lang) -> Result<Server, String> {
        let inner =
            tiny_http::Server::http((Ipv4Addr::LOCALHOST, port)).map_err(|e| e.to_string())?;
        let port = inner
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| "no port".to_owned())?;
        Ok(Server {
            inner,
            port,
            token: secret()?,
            csrf: secret()?,
            lang,
        })
    }

    /// The address to open, token and all.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    /// Answers requests until the process is stopped.
    pub fn run(&self, mut respond: impl FnMut(Request) -> Reply) {
        for mut request in self.inner.incoming_requests() {
            let reply = match self.check(&mut request) {
                Ok(Checked::Pass(r)) => respond(r),
                Ok(Checked::Asset(reply)) | Err(reply) => reply,
            };
            // A browser that went away is no reason to stop.
            let _ = request.respond(self.response(reply));
        }
    }

    fn cookie_name(&self) -> String {
        format!("almen-{}", self.port)
    }

    /// The rules of this module's documentation, in order.
    fn check(&self, request: &mut tiny_http::Request) -> Result<Checked, Reply> {
        let lang = self.lang;
        let refuse = |why: &str| Err(Reply::text(403, why));
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_owned())
        };
        let host = header("Host").unwrap_or_default().to_ascii_lowercase();
        if host != format!("127.0.0.1:{}", self.port) && host != format!("localhost:{}", self.port)
        {
            return refuse(lang.pick(
                "Forkert værtsnavn: åbn adressen, som almen serve skrev.",
                "Wrong host name: open the address almen serve printed.",
            ));
        }
        let url = request.url().to_owned();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let method = match request.method() {
            tiny_http::Method::Get | tiny_http::Method::Head => Method::Get,
            tiny_http::Method::Post => Method::Post,
            _ => return Err(Reply::text(405, "")),
        };
        let in_query = query
            .split('&')
            .filter_map(|p| p.strip_prefix("token="))
            .any(|t| same_secret(t.as_bytes(), self.token.as_bytes()));
        let cookie_name = self.cookie_name();
        let in_cookie = header("Cookie").is_some_and(|cookies| {
            cookies
                .split(';')
                .filter_map(|c| c.trim().split_once('='))
                .any(|(name, value)| {
                    name == cookie_name && same_secret(value.as_bytes(), self.token.as_bytes())
                })
        });
        if in_query && method == Method::Get {
            // The token leaves the address bar (and the history) for a
            // cookie only this address gets, never sent by another site.
            let mut reply = Reply::see_other();
            reply.cookie = Some(format!(
                "{cookie_name}={}; Path=/; HttpOnly; SameSite=Strict",
                self.token
            ));
            return Err(reply);
        }
        if !in_cookie {
            return refuse(lang.pick(
                "Ingen adgang: åbn adressen med token, som almen serve skrev i terminalen.",
                "No access: open the address with the token that almen serve printed in the terminal.",
            ));
        }
        if method == Method::Get {
            return Ok(match path {
                "/form.js" => {
                    Checked::Asset(Reply::asset("text/javascript; charset=utf-8", SCRIPT))
                }
                "/form.css" => Checked::Asset(Reply::asset("text/css; charset=utf-8", STYLE)),
                _ => Checked::Pass(Request {
                    method,
                    path: path.to_owned(),
                    form: Fields::default(),
                }),
            });
        }
        let other_site = header("Sec-Fetch-Site")
            .is_some_and(|s| !matches!(s.to_ascii_lowercase().as_str(), "same-origin" | "none"));
        let other_origin = header("Origin").is_some_and(|o| {
            let o = o.to_ascii_lowercase();
            o != format!("http://127.0.0.1:{}", self.port)
                && o != format!("http://localhost:{}", self.port)
        });
        if other_site || other_origin {
            return refuse(lang.pick(
                "Afvist: formularen kan kun sendes fra almen serve's egen side.",
                "Refused: the form can only be sent from almen serve's own page.",
            ));
        }
        let form_encoded = header("Content-Type").is_some_and(|t| {
            t.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
        if !form_encoded {
            return Err(Reply::text(415, ""));
        }
        let too_large = || {
            Err(Reply::text(
                413,
                lang.pick("Formularen er for stor.", "The form is too large."),
            ))
        };
        if request.body_length().is_some_and(|n| n > MAX_BODY) {
            return too_large();
        }
        let mut body = Vec::new();
        if request
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)
            .is_err()
        {
            return Err(Reply::text(400, ""));
        }
        if body.len() > MAX_BODY {
            return too_large();
        }
        let form = Fields::parse(&body);
        if !same_secret(form.get("csrf").as_bytes(), self.csrf.as_bytes()) {
            return refuse(lang.pick(
                "Afvist: formularen er for gammel eller ikke almen serve's egen. Genindlæs siden.",
                "Refused: the form is out of date or not almen serve's own. Reload the page.",
            ));
        }
        Ok(Checked::Pass(Request {
            method,
            path: path.to_owned(),
            form,
        }))
    }

    fn response(&self, reply: Reply) -> tiny_http::Response<Cursor<Vec<u8>>> {
        let mut headers = vec![
            ("Content-Type", reply.content_type.to_owned()),
            ("Content-Security-Policy", CSP.to_owned()),
            ("X-Content-Type-Options", "nosniff".to_owned()),
            ("X-Frame-Options", "DENY".to_owned()),
            // Not `no-referrer`: under it a browser posts a form with
            // `Origin: null`, which the origin rule refuses.
            ("Referrer-Policy", "same-origin".to_owned()),
            ("Cache-Control", "no-store".to_owned()),
            ("Cross-Origin-Opener-Policy", "same-origin".to_owned()),
            ("Cross-Origin-Resource-Policy", "same-origin".to_owned()),
        ];
        if let Some(location) = reply.location {
            headers.push(("Location", location));
        }
        if let Some(cookie) = reply.cookie {
            headers.push(("Set-Cookie", cookie));
        }
        let mut response =
            tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
        for (name, value) in headers {
            // Every value here is ASCII the server made itself.
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(h);
            }
        }
        response
    }
}

enum Checked {
    Pass(Request),
    Asset(Reply),
}

/// 32 random bytes, in hex.
fn secret() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether two secrets are equal, in time that does not depend on where
/// they first differ.
pub fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    if given.len() != expected.len() {
        return false;
    }
    given
        .iter()
        .zip(expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_compared_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn secrets_are_random_and_long() {
        let a = secret().unwrap();
        let b = secret().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[test]
    fn the_server_listens_on_loopback_only() {
        let server = Server::bind(0, Lang::Da).unwrap();
        let addr = server.inner.server_addr().to_ip().unwrap();
        assert!(addr.ip().is_loopback(), "{addr}");
        assert!(server.url().starts_with("http://127.0.0.1:"));
    }
}
