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
//! - A request's head is at most [`MAX_HEAD`] bytes, with each of the
//!   headers these rules read given once. A connection has [`HEAD_TIME`]
//!   to send the head and [`BODY_TIME`] the body; one left half-sent
//!   holds nothing up, as connections are served side by side.
//!
//! axum (on hyper) reads and writes HTTP, on a tokio runtime of one thread;
//! the form's requests are answered one at a time. This is the only file
//! that knows of either: the form sees a [`Request`] and gives a [`Reply`].

use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method as HttpMethod, StatusCode};
use axum::response::Response;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use serde::Serialize;

use super::fields::Fields;
use almen::lang::Lang;

/// The most a posted form may hold: a form of thousands of items is far
/// less.
pub const MAX_BODY: usize = 4 << 20;

/// How long a connection may take to send a request's head, from its
/// first byte; one still sending then is closed.
const HEAD_TIME: Duration = Duration::from_secs(10);

/// The most a request's head may hold (hyper answers 431 to more); a
/// browser's is a few hundred bytes.
const MAX_HEAD: usize = 64 << 10;

/// How long a post's body may take to arrive.
const BODY_TIME: Duration = Duration::from_secs(30);

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
    listener: std::net::TcpListener,
    runtime: tokio::runtime::Runtime,
    guard: Guard,
}

/// What a request is held to: the port it must name, and the secrets.
struct Guard {
    port: u16,
    token: String,
    /// The token every form carries; a page of another site cannot read it.
    csrf: String,
    lang: Lang,
}

/// The guard and the form, shared by every connection.
struct Shared<F> {
    guard: Guard,
    respond: Mutex<F>,
}

impl Server {
    /// Listens on 127.0.0.1:`port` (0: a free port).
    pub fn bind(port: u16, lang: Lang) -> Result<Server, String> {
        let listener =
            std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| e.to_string())?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Server {
            listener,
            runtime,
            guard: Guard {
                port,
                token: secret()?,
                csrf: secret()?,
                lang,
            },
        })
    }

    /// The address to open, token and all.
    pub fn url(&self) -> String {
        format!(
            "http://127.0.0.1:{}/?token={}",
            self.guard.port, self.guard.token
        )
    }

    pub fn csrf(&self) -> &str {
        &self.guard.csrf
    }

    /// Answers requests until the process is stopped.
    pub fn run(self, respond: impl FnMut(Request) -> Reply + Send + 'static) {
        let Server {
            listener,
            runtime,
            guard,
        } = self;
        let shared = Arc::new(Shared {
            guard,
            respond: Mutex::new(respond),
        });
        let router = Router::new().fallback(answer).with_state(shared);
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            loop {
                let stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    // Out of file handles, most likely: those in use are
                    // closed in time.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let service = TowerToHyperService::new(router.clone());
                tokio::spawn(async move {
                    // A browser that went away is no reason to stop.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEAD_TIME)
                        .max_buf_size(MAX_HEAD)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    }
}

/// Every request: held to the rules, then answered by the form.
async fn answer<F>(
    State(shared): State<Arc<Shared<F>>>,
    request: axum::extract::Request,
) -> Response
where
    F: FnMut(Request) -> Reply + Send + 'static,
{
    let guard = &shared.guard;
    let (parts, body) = request.into_parts();
    let reply = match guard.check(&parts) {
        Ok(Checked::Asset(reply)) | Err(reply) => reply,
        Ok(Checked::Pass(request)) if request.method == Method::Get => shared.respond(request),
        Ok(Checked::Pass(mut request)) => match guard.read_form(body).await {
            Ok(form) => {
                request.form = form;
                shared.respond(request)
            }
            Err(reply) => reply,
        },
    };
    response(reply)
}

impl<F: FnMut(Request) -> Reply> Shared<F> {
    fn respond(&self, request: Request) -> Reply {
        match self.respond.lock() {
            Ok(mut respond) => respond(request),
            // A request that panicked (its error is in the terminal) left
            // the form in a state not to go on from; the file is as last
            // saved.
            Err(_) => Reply::text(
                500,
                self.guard.lang.pick(
                    "almen serve stoppede ved en fejl (se terminalen). Tryk Ctrl-C, og start den igen.",
                    "almen serve stopped on an error (see the terminal). Press Ctrl-C, and start it again.",
                ),
            ),
        }
    }
}

impl Guard {
    fn cookie_name(&self) -> String {
        format!("almen-{}", self.port)
    }

    /// The rules of this module's documentation that the head of a request
    /// answers, in order; a post's form is read and checked after
    /// ([`Guard::read_form`]).
    fn check(&self, request: &Parts) -> Result<Checked, Reply> {
        let lang = self.lang;
        let refuse = |why: &str| Err(Reply::text(403, why));
        let headers = &request.headers;
        // A header given twice is refused rather than one of them picked:
        // a proxy or a browser could read the other one.
        if [
            header::HOST,
            header::ORIGIN,
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            HeaderName::from_static("sec-fetch-site"),
        ]
        .iter()
        .any(|name| headers.get_all(name).iter().count() > 1)
        {
            return Err(Reply::text(400, ""));
        }
        let header = |name: &HeaderName| one_header(headers, name);
        let host = header(&header::HOST)
            .unwrap_or_default()
            .to_ascii_lowercase();
        if host != format!("127.0.0.1:{}", self.port) && host != format!("localhost:{}", self.port)
        {
            return refuse(lang.pick(
                "Forkert værtsnavn: åbn adressen, som almen serve skrev.",
                "Wrong host name: open the address almen serve printed.",
            ));
        }
        let path = request.uri.path();
        let query = request.uri.query().unwrap_or_default();
        let method = match request.method {
            HttpMethod::GET | HttpMethod::HEAD => Method::Get,
            HttpMethod::POST => Method::Post,
            _ => return Err(Reply::text(405, "")),
        };
        let in_query = query
            .split('&')
            .filter_map(|p| p.strip_prefix("token="))
            .any(|t| same_secret(t.as_bytes(), self.token.as_bytes()));
        let cookie_name = self.cookie_name();
        let in_cookie = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .any(|(name, value)| {
                name == cookie_name && same_secret(value.as_bytes(), self.token.as_bytes())
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
        let other_site = header(&HeaderName::from_static("sec-fetch-site"))
            .is_some_and(|s| !matches!(s.to_ascii_lowercase().as_str(), "same-origin" | "none"));
        let other_origin = header(&header::ORIGIN).is_some_and(|o| {
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
        let form_encoded = header(&header::CONTENT_TYPE).is_some_and(|t| {
            t.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
        if !form_encoded {
            return Err(Reply::text(415, ""));
        }
        let said = header(&header::CONTENT_LENGTH).and_then(|n| n.parse::<u64>().ok());
        if said.is_some_and(|n| n > MAX_BODY as u64) {
            return Err(self.too_large());
        }
        Ok(Checked::Pass(Request {
            method,
            path: path.to_owned(),
            form: Fields::default(),
        }))
    }

    /// A post's form: at most [`MAX_BODY`] bytes, arrived within
    /// [`BODY_TIME`], with the form's own CSRF token.
    async fn read_form(&self, body: Body) -> Result<Fields, Reply> {
        let read = Limited::new(body, MAX_BODY).collect();
        let body = match tokio::time::timeout(BODY_TIME, read).await {
            Ok(Ok(collected)) => collected.to_bytes(),
            Ok(Err(e)) if e.is::<LengthLimitError>() => return Err(self.too_large()),
            Ok(Err(_)) => return Err(Reply::text(400, "")),
            Err(_) => return Err(Reply::text(408, "")),
        };
        let form = Fields::parse(&body);
        if !same_secret(form.get("csrf").as_bytes(), self.csrf.as_bytes()) {
            return Err(Reply::text(
                403,
                self.lang.pick(
                    "Afvist: formularen er for gammel eller ikke almen serve's egen. Genindlæs siden.",
                    "Refused: the form is out of date or not almen serve's own. Reload the page.",
                ),
            ));
        }
        Ok(form)
    }

    fn too_large(&self) -> Reply {
        Reply::text(
            413,
            self.lang
                .pick("Formularen er for stor.", "The form is too large."),
        )
    }
}

/// A header's value as text; `None` when it is missing or not text.
fn one_header<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A reply, with the headers every answer has.
fn response(reply: Reply) -> Response {
    let mut headers = vec![
        (header::CONTENT_TYPE, reply.content_type.to_owned()),
        (header::CONTENT_SECURITY_POLICY, CSP.to_owned()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::X_FRAME_OPTIONS, "DENY".to_owned()),
        // Not `no-referrer`: under it a browser posts a form with
        // `Origin: null`, which the origin rule refuses.
        (header::REFERRER_POLICY, "same-origin".to_owned()),
        (header::CACHE_CONTROL, "no-store".to_owned()),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin".to_owned(),
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin".to_owned(),
        ),
    ];
    if let Some(location) = reply.location {
        headers.push((header::LOCATION, location));
    }
    if let Some(cookie) = reply.cookie {
        headers.push((header::SET_COOKIE, cookie));
    }
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in headers {
        // Every value here is ASCII the server made itself.
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
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
        let addr = server.listener.local_addr().unwrap();
        assert!(addr.ip().is_loopback(), "{addr}");
        assert!(server.url().starts_with("http://127.0.0.1:"));
    }
}
