//! `almen serve`: the real server on a free port, spoken to over plain
//! HTTP. One test per rule a request must pass (the token, the host name,
//! the origin, the CSRF token, the body's size), the headers of every
//! answer, escaping, nothing served from disk, and saving: comments kept,
//! and what `check` then finds is what the form showed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::{AS_OF, root};

/// A running `almen serve`, stopped when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
    pub token: String,
    pub dir: tempfile::TempDir,
    pub file: PathBuf,
}

/// An answer, as read off the wire.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Served {
    /// Serves `almen.toml` in a folder of its own, holding `text` (none:
    /// no file), with the example checklist beside it.
    pub fn start(text: Option<&str>, args: &[&str]) -> Served {
        Served::start_with(
            |file| {
                if let Some(text) = text {
                    std::fs::write(file, text).unwrap();
                }
            },
            args,
        )
    }

    /// Serves `almen.toml` in a folder of its own, made by `make`.
    pub fn start_with(make: impl FnOnce(&Path), args: &[&str]) -> Served {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            root().join("examples/egne-krav.toml"),
            dir.path().join("egne-krav.toml"),
        )
        .unwrap();
        let file = dir.path().join("almen.toml");
        make(&file);
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
            .current_dir(dir.path())
            .env_remove("ALMEN_LANG")
            .args(["serve", "almen.toml", "--no-open", "--as-of", AS_OF])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) if line.contains("http://") => break line.trim().to_owned(),
                Some(Ok(_)) => {}
                _ => {
                    let mut err = String::new();
                    child
                        .stderr
                        .take()
                        .unwrap()
                        .read_to_string(&mut err)
                        .unwrap();
                    panic!("almen serve printed no address: {err}");
                }
            }
        };
        let rest = url.strip_prefix("http://127.0.0.1:").expect(&url);
        let (port, token) = rest.split_once("/?token=").expect(&url);
        Served {
            child,
            port: port.parse().unwrap(),
            token: token.to_owned(),
            dir,
            file,
        }
    }

    /// Serves a copy of an example.
    pub fn example(name: &str) -> Served {
        let text = std::fs::read_to_string(root().join("examples").join(name)).unwrap();
        Served::start(Some(&text), &[])
    }

    pub fn cookie(&self) -> String {
        format!("almen-{}={}", self.port, self.token)
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A request with the given extra headers; `Host` unless given.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        http(self.port, head.as_bytes(), body)
    }

    /// The page, as the browser that has the cookie gets it.
    pub fn page(&self) -> Response {
        self.send("GET", "/", &[("Cookie", &self.cookie())], b"")
    }

    /// The form's CSRF token, read off the page.
    pub fn csrf(&self) -> String {
        let page = self.page().body;
        let at = page.find("name=\"csrf\" value=\"").expect("a CSRF field") + 19;
        page[at..at + 64].to_owned()
    }

    /// Posts a form, as the page itself would.
    pub fn post(&self, fields: &[(&str, &str)]) -> Response {
        self.post_with(fields, &[])
    }

    pub fn post_with(&self, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Response {
        let csrf = self.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        let body = encode(&all);
        let cookie = self.cookie();
        let origin = format!("http://{}", self.host());
        let mut h = vec![
            ("Cookie", cookie.as_str()),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", origin.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
        ];
        for (name, value) in headers {
            h.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            h.push((name, value));
        }
        self.send("POST", "/", &h, body.as_bytes())
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(&self.file).unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A form, encoded as a browser encodes it.
pub fn encode(fields: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                b => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", enc(n), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// One HTTP exchange on a connection of its own.
pub fn http(port: u16, head: &[u8], body: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(head).unwrap();
    // A server that answers before reading the body (one too large) may
    // close the connection while it is still being sent.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        unchunk(body)
    } else {
        body.to_vec()
    };
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// A body sent in chunks, put together.
pub fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&body[..end]);
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        let data = &body[end + 2..];
        if n == 0 || data.len() < n {
            break;
        }
        out.extend_from_slice(&data[..n]);
        body = data[n..].strip_prefix(b"\r\n").unwrap_or(&data[n..]);
    }
    out
}

/// `almen check FILE --format json` as of the tests' date.
pub fn check_json(file: &Path) -> serde_json::Value {
    let out = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
        .env_remove("ALMEN_LANG")
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .arg(file)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check's JSON: {e}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The adherence and verdict the result shows, as `check`'s JSON gives
/// them: `(72.5, false)`.
pub fn shown_result(html: &str) -> (f64, bool) {
    let at = html.find("id=\"adherence\">").expect("an adherence") + 15;
    let shown = &html[at..at + html[at..].find('<').unwrap()];
    let adherence = shown
        .trim_end_matches(" %")
        .replace(',', ".")
        .parse()
        .unwrap();
    let compliant = html.contains("verdict ok");
    (adherence, compliant)
}

const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("Content-Security-Policy", "default-src 'self'"),
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
];

fn assert_guarded(r: &Response, what: &str) {
    for (name, want) in SECURITY_HEADERS {
        let got = r.header(name).unwrap_or_default();
        assert!(got.contains(want), "{what}: {name}: {got:?}");
    }
    assert!(
        !r.headers
            .iter()
            .any(|(n, _)| n.to_ascii_lowercase().starts_with("access-control-")),
        "{what}: CORS headers in {:?}",
        r.headers
    );
}

#[test]
fn the_address_gives_a_cookie_and_nothing_gets_in_without_it() {
    let s = Served::example("almen.toml");
    assert_eq!(s.send("GET", "/", &[], b"").status, 403);
    let wrong = format!("/?token={}", "0".repeat(64));
    assert_eq!(s.send("GET", &wrong, &[], b"").status, 403);
    let short = format!("/?token={}", &s.token[..63]);
    assert_eq!(s.send("GET", &short, &[], b"").status, 403);
    let bad_cookie = format!("almen-{}={}", s.port, "f".repeat(64));
    assert_eq!(
        s.send("GET", "/", &[("Cookie", &bad_cookie)], b"").status,
        403
    );
    assert_eq!(
        s.send("GET", "/form.js", &[], b"").status,
        403,
        "the assets want the token too"
    );

    let path = format!("/?token={}", s.token);
    let welcome = s.send("GET", &path, &[], b"");
    assert_eq!(welcome.status, 303);
    assert_eq!(welcome.header("Location"), Some("/"));
    let cookie = welcome.header("Set-Cookie").unwrap();
    assert!(cookie.starts_with(&s.cookie()), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));

    let page = s.page();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("OMV-1") && page.body.contains("Boligforeningen"));
    assert!(
        !page.body.contains(&s.token),
        "the token is not in the page"
    );
}

#[test]
fn other_host_names_are_refused_against_dns_rebinding() {
    let s = Served::example("almen.toml");
    let cookie = s.cookie();
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{}", s.port),
        format!("127.0.0.1:{}", s.port + 1),
        format!("127.0.0.1.evil.example:{}", s.port),
        String::new(),
    ] {
        let r = s.send("GET", "/", &[("Host", &host), ("Cookie", &cookie)], b"");
        assert_eq!(r.status, 403, "{host}");
        assert_guarded(&r, &host);
    }
    let localhost = format!("localhost:{}", s.port);
    let r = s.send(
        "GET",
        "/",
        &[("Host", &localhost), ("Cookie", &cookie)],
        b"",
    );
    assert_eq!(r.status, 200);
}

#[test]
fn posts_need_the_forms_token_and_its_own_origin() {
    let s = Served::example("almen.toml");
    let score = [("action", "score")];
    assert_eq!(s.post(&score).status, 200);
    for (name, value) in [
        ("Origin", "http://evil.example"),
        ("Origin", "null"),
        ("Origin", "http://127.0.0.1:1"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
    ] {
        let r = s.post_with(&score, &[(name, value)]);
        assert_eq!(r.status, 403, "{name}: {value}");
        assert_guarded(&r, value);
    }
    let cookie = s.cookie();
    let headers = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let no_csrf = s.send("POST", "/", &headers, b"action=score");
    assert_eq!(no_csrf.status, 403);
    let wrong = format!("action=score&csrf={}", "a".repeat(64));
    assert_eq!(s.send("POST", "/", &headers, wrong.as_bytes()).status, 403);
    let right = format!("action=score&csrf={}", s.csrf());
    assert_eq!(s.send("POST", "/", &headers, right.as_bytes()).status, 200);
    let as_json = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", "application/json"),
    ];
    assert_eq!(s.send("POST", "/", &as_json, right.as_bytes()).status, 415);
}

#[test]
fn a_body_over_the_limit_is_refused() {
    let s = Served::example("almen.toml");
    let cookie = s.cookie();
    let said = s.send(
        "POST",
        "/",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Content-Length", "5000000"),
        ],
        b"action=score",
    );
    assert_eq!(said.status, 413);
    let big = format!("csrf={}&note={}", s.csrf(), "x".repeat(5 << 20));
    let sent = s.send(
        "POST",
        "/",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        big.as_bytes(),
    );
    assert_eq!(sent.status, 413);
    assert_eq!(s.page().status, 200, "the server still answers");
}

#[test]
fn every_answer_has_the_security_headers_and_no_cors() {
    let s = Served::example("almen.toml");
    let cookie = s.cookie();
    let origin = [
        ("Cookie", cookie.as_str()),
        ("Origin", "http://evil.example"),
    ];
    for path in ["/", "/form.js", "/form.css", "/nothing"] {
        let r = s.send("GET", path, &origin, b"");
        assert_guarded(&r, path);
    }
    let csp = s
        .page()
        .header("Content-Security-Policy")
        .unwrap()
        .to_owned();
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    let page = s.page().body;
    assert!(
        !page.contains("<script>") && !page.contains(" style="),
        "nothing inline that the policy would have to allow"
    );
    assert!(page.contains("<script src=\"/form.js\" defer></script>"));
    let js = s.send("GET", "/form.js", &[("Cookie", &cookie)], b"");
    assert_eq!(js.status, 200);
    assert!(
        js.header("Content-Type")
            .unwrap()
            .starts_with("text/javascript")
    );
}

const HOSTILE: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";

#[test]
fn every_user_value_is_escaped() {
    let s = Served::example("almen.toml");
    let fields = [
        ("action", "score"),
        ("org.name", HOSTILE),
        ("org.cvr", HOSTILE),
        ("a.OMV-3.status", "unmet"),
        ("a.OMV-3.explanation", HOSTILE),
        ("a.OMV-3.note", HOSTILE),
        ("a.OMV-3.evidence", HOSTILE),
        ("a.OMV-3.plan-action", HOSTILE),
        ("a.OMV-3.date", HOSTILE),
    ];
    let page = s.post(&fields);
    assert_eq!(page.status, 200);
    let mut fragment_fields = fields.to_vec();
    fragment_fields.push(("fragment", "1"));
    let fragment = s.post(&fragment_fields);
    assert_eq!(fragment.status, 200);
    let json: serde_json::Value = serde_json::from_str(&fragment.body).unwrap();
    let result = json["result"].as_str().unwrap();
    for (what, html) in [("page", page.body.as_str()), ("result", result)] {
        assert!(!html.contains("<script>alert"), "{what}");
        assert!(!html.contains("<img"), "{what}");
        assert!(
            html.contains("&lt;script&gt;") || what == "result",
            "{what}"
        );
    }
    // The same text from a file written by someone else.
    let text = std::fs::read_to_string(root().join("examples/almen.toml"))
        .unwrap()
        .replace("Boligforeningen Havbakken", "<script>alert(1)</script>");
    let s = Served::start(Some(&text), &[]);
    let page = s.page().body;
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"));
}

#[test]
fn nothing_is_served_from_disk() {
    let text = r#"format = 1

[organisation]
name = "Boligforeningen Fjendtlig"

[assessment]
checklists = ["samarbejde-med-omverdenen", "../udenfor.toml", "/etc/passwd.toml"]
date = 2026-11-01

[answers.OMV-1]
status = "met"
date = 2026-01-01
evidence = ["../../../../etc/passwd", "/etc/passwd", "hemmelig.txt"]
"#;
    let s = Served::start(Some(text), &[]);
    std::fs::write(s.dir.path().join("hemmelig.txt"), "HEMMELIGT-INDHOLD").unwrap();
    let cookie = s.cookie();
    for path in [
        "/hemmelig.txt",
        "/almen.toml",
        "/etc/passwd",
        "/../../../../etc/passwd",
        "/form.js/../hemmelig.txt",
        "/%2e%2e/hemmelig.txt",
        "//etc/passwd",
        "http://127.0.0.1/etc/passwd",
    ] {
        let r = s.send("GET", path, &[("Cookie", &cookie)], b"");
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.body.contains("HEMMELIGT") && !r.body.contains("root:"),
            "{path}"
        );
    }
    let page = s.page().body;
    assert!(!page.contains("root:") && !page.contains("HEMMELIGT-INDHOLD"));
}

#[test]
fn saving_keeps_comments_and_check_finds_what_the_form_showed() {
    let s = Served::example("mangler.toml");
    let before = s.text();
    let fields = [
        ("action", "score"),
        ("fragment", "1"),
        ("a.OMV-1.status", "met"),
        ("a.OMV-1.date", "2026-01-10"),
        ("a.OMV-1.evidence", "https://eksempel.dk/interessenter"),
        ("a.OMV-1.explanation", ""),
        ("a.OMV-1.note", "Interessentanalysen fra januar."),
    ];
    let fragment = s.post(&fields);
    let json: serde_json::Value = serde_json::from_str(&fragment.body).unwrap();
    let shown = shown_result(json["result"].as_str().unwrap());

    let mut save = fields.to_vec();
    save[0] = ("action", "save");
    save.remove(1);
    let saved = s.post(&save);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let after = s.text();
    assert_ne!(before, after);
    for line in before.lines().filter(|l| l.trim_start().starts_with('#')) {
        assert!(after.contains(line), "comment lost: {line}");
    }
    assert!(
        after.contains("[answers.OMV-1]\nstatus = \"følger\""),
        "{after}"
    );

    let checked = check_json(&s.file);
    assert_eq!(
        shown,
        (
            checked["adherence"].as_f64().unwrap(),
            checked["compliant"].as_bool().unwrap()
        )
    );
    assert!(
        !checked["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["item"] == "OMV-1"),
        "{checked}"
    );
    let page = s.page().body;
    assert!(page.contains("Gemt i almen.toml"));
    assert_eq!(shown_result(&page), shown);
}

/// Every field of the page's form with the value it shows, as a browser
/// posts the form untouched.
fn form_fields(page: &str) -> Vec<(String, String)> {
    // Character references as a browser reads them.
    let unescape = |s: &str| {
        let mut out = String::new();
        let mut rest = s;
        while let Some(at) = rest.find('&') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            let end = rest.find(';').unwrap();
            let entity = &rest[1..end];
            let c = match entity {
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "amp" => '&',
                _ => {
                    let n = match entity.strip_prefix("#x") {
                        Some(hex) => u32::from_str_radix(hex, 16),
                        None => entity.trim_start_matches('#').parse(),
                    };
                    char::from_u32(n.unwrap()).unwrap()
                }
            };
            out.push(c);
            rest = &rest[end + 1..];
        }
        out + rest
    };
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        let at = tag.find(&key)? + key.len();
        Some(unescape(&tag[at..at + tag[at..].find('"')?]))
    };
    let form = &page[page.find("<form id=\"form\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        if tag.starts_with("<input") {
            if let Some(name) = attr(tag, "name") {
                fields.push((name, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea") {
            let body = &rest[end + 1..];
            let text = &body[..body.find("</textarea>").unwrap()];
            // The newline after the tag is not part of the value.
            let text = text.strip_prefix('\n').unwrap_or(text);
            fields.push((attr(tag, "name").unwrap(), unescape(text)));
        } else if tag.starts_with("<select") {
            let body = &rest[end + 1..];
            let options = &body[..body.find("</select>").unwrap()];
            let chosen = options
                .split("<option")
                .find(|o| o.contains(" selected>"))
                .and_then(|o| attr(o, "value"))
                .unwrap_or_default();
            fields.push((attr(tag, "name").unwrap(), chosen));
        }
        rest = &rest[end + 1..];
    }
    fields
}

#[test]
fn a_form_saved_untouched_leaves_the_file_as_it_was() {
    for example in [
        "almen.toml",
        "mangler.toml",
        "sidste-aar.toml",
        "to-kommuner.toml",
        "kommune/gudenaahusene.toml",
        "kommune/hadsten-enge.toml",
        "kommune/lilleaaen.toml",
        "kommune/noerrevaenget.toml",
        "kommune/toejhushaven.toml",
        "kommune/ulstrup-bakker.toml",
    ] {
        let s = Served::example(example);
        let before = s.text();
        let fields = form_fields(&s.page().body);
        assert!(fields.len() > 50, "{example}: {fields:?}");
        let mut posted: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(n, _)| n != "csrf")
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        posted.push(("action", "save"));
        let saved = s.post(&posted);
        assert_eq!(saved.status, 303, "{example}: {}", saved.body);
        assert_eq!(s.text(), before, "{example}");
    }
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let s = Served::example("almen.toml");
    let theirs = s
        .text()
        .replace("Boligforeningen Havbakken", "Boligforeningen Ny");
    std::fs::write(&s.file, &theirs).unwrap();
    let fields = [("action", "save"), ("org.name", "Boligforeningen Min")];
    let refused = s.post(&fields);
    assert_eq!(refused.status, 409);
    assert!(
        refused.body.contains("ændret på disken"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"Boligforeningen Min\""),
        "the user's edits stay in the form"
    );
    assert_eq!(s.text(), theirs);

    assert_eq!(s.post(&[("action", "reload")]).status, 303);
    assert!(s.page().body.contains("Boligforeningen Ny"));
    assert_eq!(s.post(&fields).status, 303);
    assert!(s.text().contains("name = \"Boligforeningen Min\""));
}

#[test]
fn without_a_file_the_form_starts_from_the_template() {
    let s = Served::start(None, &[]);
    let page = s.page().body;
    assert!(page.contains("findes ikke endnu"), "{page}");
    assert!(page.contains("E023"), "the placeholders stop the check");
    assert!(!s.file.exists(), "nothing is written before Gem");

    let fields = [
        ("action", "save"),
        ("org.name", "Boligforeningen Skabelon"),
        ("org.cvr", ""),
        ("org.municipality", ""),
        ("assessment.date", "2026-11-20"),
        ("assessment.approved", ""),
        ("a.OMV-5.status", "met"),
        ("a.OMV-5.date", "2026-03-12"),
        (
            "a.OMV-5.evidence",
            "https://eksempel.dk/kommunikationspolitik",
        ),
    ];
    assert_eq!(s.post(&fields).status, 303);
    let text = s.text();
    assert!(
        text.starts_with("#:schema"),
        "the template's comments are kept"
    );
    let checked = check_json(&s.file);
    assert_eq!(checked["organisation"]["name"], "Boligforeningen Skabelon");
    let items = checked["items"].as_array().unwrap();
    let omv5 = items.iter().find(|i| i["id"] == "OMV-5").unwrap();
    assert_eq!(omv5["status"], "met");
    let listed: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut listed = listed;
    listed.sort();
    assert_eq!(
        listed,
        ["almen.toml", "egne-krav.toml"],
        "only the file is written"
    );
}

#[test]
fn a_port_in_use_is_a_diagnostic() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
        .current_dir(root())
        .env_remove("ALMEN_LANG")
        .args(["serve", "examples/almen.toml", "--no-open", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E026"), "{err}");
}

#[test]
fn a_file_the_form_cannot_edit_is_refused_with_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("almen.toml"), "format = 1\n[organisation\n").unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
        .current_dir(dir.path())
        .env_remove("ALMEN_LANG")
        .args(["serve", "almen.toml", "--no-open"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("E004") && err.contains("almen.toml:2"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no address is printed");
}

#[test]
fn english_with_lang_en() {
    let s = Served::start(
        Some(&std::fs::read_to_string(root().join("examples/almen.toml")).unwrap()),
        &["--lang", "en"],
    );
    let page = s.page().body;
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains(">Save<") && page.contains("Guidance and typical evidence"));
}

#[test]
fn the_boards_report_is_written_beside_the_file_on_request() {
    let s = Served::example("almen.toml");
    let before = s.text();
    let r = s.post(&[("action", "report"), ("org.name", "Ikke gemt endnu")]);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("almen-rapport.html"), "{}", r.body);
    assert!(
        r.body.contains("value=\"Ikke gemt endnu\""),
        "the form keeps what was typed"
    );
    let report = std::fs::read_to_string(s.dir.path().join("almen-rapport.html")).unwrap();
    assert!(
        report.contains("Boligforeningen Havbakken"),
        "of the saved file"
    );
    assert_eq!(s.text(), before, "the assessment is not written");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server() {
    let mut s = Served::example("almen.toml");
    assert_eq!(s.page().status, 200);
    let pid = s.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(130));
    let left: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".almen-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_browser_that_cannot_be_opened_is_a_hint_not_an_error() {
    // No opener on the PATH at all.
    let empty = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
        .current_dir(root())
        .env_remove("ALMEN_LANG")
        .env("PATH", empty.path())
        .args(["serve", "examples/almen.toml"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines: Vec<String> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .take(4)
        .map(Result::unwrap)
        .collect();
    let still_running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    assert!(lines[1].contains("http://127.0.0.1:"), "{lines:?}");
    assert!(lines[3].contains("kopiér adressen"), "{lines:?}");
    assert!(still_running, "the server goes on");
}

/// The result panel of a page: what `result.html` lays out.
fn result_panel(page: &str) -> &str {
    let at = page.find("<aside id=\"result\"").expect("a result panel");
    &page[at..at + page[at..].find("</aside>").unwrap()]
}

/// An expired agreement's advice names the form's fields too.
#[test]
fn an_expired_answers_advice_names_the_forms_fields() {
    let s = Served::example("to-kommuner.toml");
    let page = s.page().body;
    let result = result_panel(&page);
    assert!(!result.contains('`'), "a key of the file in {result}");
    assert!(
        result.contains("opdatér »Senest gjort, vedtaget eller gennemgået« og »Gælder til«"),
        "{result}"
    );
}

#[test]
fn the_result_names_the_forms_fields_not_the_files_keys() {
    // The example has a gap of nearly every kind, each with its advice.
    let s = Served::example("mangler.toml");
    let fragment = s.post(&[("action", "score"), ("fragment", "1")]);
    let json: serde_json::Value = serde_json::from_str(&fragment.body).unwrap();
    let page = s.page().body;
    for (what, result) in [
        ("live", json["result"].as_str().unwrap()),
        ("page", result_panel(&page)),
    ] {
        assert!(
            !result.contains('`'),
            "{what}: a key of the file in {result}"
        );
        for label in [
            "»Senest gjort, vedtaget eller gennemgået«",
            "»Dokumentation«",
            "»Forklaring«",
            "»Handlingsplan: Senest«",
            "Vælg en status",
        ] {
            assert!(result.contains(label), "{what}: {label} in {result}");
        }
    }
    // `check` still names the keys, for those who edit the file.
    let checked = check_json(&s.file);
    let fixes: Vec<&str> = checked["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["fix"].as_str())
        .collect();
    assert!(fixes.iter().any(|f| f.contains("`date`")), "{fixes:?}");

    let s = Served::start(
        Some(&std::fs::read_to_string(root().join("examples/mangler.toml")).unwrap()),
        &["--lang", "en"],
    );
    let page = s.page().body;
    let result = result_panel(&page);
    assert!(!result.contains('`'), "{result}");
    assert!(result.contains("“Evidence”"), "{result}");
}

/// Bytes sent on a connection of their own, and all that came back; the
/// server may close the connection before it has read them all.
fn raw(port: u16, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let _ = stream.write_all(bytes);
    let mut back = Vec::new();
    let _ = stream.read_to_end(&mut back);
    String::from_utf8_lossy(&back).into_owned()
}

#[test]
fn a_header_the_rules_read_given_twice_is_refused() {
    let s = Served::example("almen.toml");
    let cookie = s.cookie();
    let ours = format!("127.0.0.1:{}", s.port);
    for (first, second) in [(ours.as_str(), "evil.example"), ("evil.example", &ours)] {
        let r = s.send(
            "GET",
            "/",
            &[("Host", first), ("Host", second), ("Cookie", &cookie)],
            b"",
        );
        assert_eq!(r.status, 400, "Host: {first}, then {second}");
        assert_guarded(&r, "two Host headers");
    }
    let origin = format!("http://{ours}");
    let body = format!("action=score&csrf={}", s.csrf());
    let r = s.send(
        "POST",
        "/",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
            ("Origin", "http://evil.example"),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 400, "two Origin headers");
}

#[test]
fn a_head_too_large_is_refused_and_the_server_goes_on() {
    let s = Served::example("almen.toml");
    let head = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {}\r\nX-Long: {}\r\nConnection: close\r\n\r\n",
        s.port,
        s.cookie(),
        "x".repeat(200 << 10)
    );
    let back = raw(s.port, head.as_bytes());
    assert!(
        back.is_empty() || back.starts_with("HTTP/1.1 431"),
        "{}",
        &back[..back.len().min(200)]
    );
    assert_eq!(s.page().status, 200, "the server still answers");
}

#[test]
fn a_connection_left_half_sent_holds_nothing_up() {
    let s = Served::example("almen.toml");
    // A head that never ends, and a post whose body stops halfway.
    let mut slow_head = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let head = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Slow: ", s.port);
    slow_head.write_all(head.as_bytes()).unwrap();
    let mut slow_body = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let post = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\naction=sco",
        s.port,
        s.cookie()
    );
    slow_body.write_all(post.as_bytes()).unwrap();

    let started = std::time::Instant::now();
    assert_eq!(s.page().status, 200);
    assert_eq!(s.post(&[("action", "score")]).status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered only after {:?}",
        started.elapsed()
    );
    // The head left half-sent is given up on in time.
    slow_head
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut back = Vec::new();
    let closed = slow_head.read_to_end(&mut back);
    assert!(
        closed.is_ok() && started.elapsed() < Duration::from_secs(20),
        "{closed:?} after {:?}",
        started.elapsed()
    );
}

#[cfg(unix)]
#[test]
fn the_report_is_not_written_through_a_link_by_its_name() {
    let s = Served::example("almen.toml");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("vigtig.txt");
    std::fs::write(&target, "VIGTIGT").unwrap();
    std::os::unix::fs::symlink(&target, s.dir.path().join("almen-rapport.html")).unwrap();
    let r = s.post(&[("action", "report")]);
    assert_eq!(r.status, 200);
    assert!(r.body.contains("er et link"), "{}", r.body);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "VIGTIGT");
}

#[cfg(unix)]
#[test]
fn an_assessment_that_is_a_link_is_served_saying_where_it_leads() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    // A folder a repository's link may lead to, named to recolour the
    // terminal that prints it.
    let folder = elsewhere.path().join("rapporter\u{1b}[31m");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join("rigtig.toml");
    std::fs::copy(root().join("examples/almen.toml"), &target).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("almen.toml")).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
        .current_dir(dir.path())
        .env_remove("ALMEN_LANG")
        .args(["serve", "almen.toml", "--no-open"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.contains("et link til"), "{first}");
    assert!(first.contains("rigtig.toml"), "{first}");
    assert!(first.contains("rapporter\\u{1b}[31m"), "{first}");
    assert!(!first.contains('\u{1b}'), "{first:?}");
}

/// The page's form as a browser posts it untouched, with some fields
/// changed and an action.
fn posted_with(page: &str, changes: &[(&str, &str)], action: &str) -> Vec<(String, String)> {
    let mut posted: Vec<(String, String)> = form_fields(page)
        .into_iter()
        .filter(|(n, _)| n != "csrf")
        .collect();
    for (name, value) in changes {
        match posted.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => posted.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    posted.push(("action".to_owned(), action.to_owned()));
    posted
}

fn post_owned(s: &Served, posted: &[(String, String)]) -> Response {
    let fields: Vec<(&str, &str)> = posted
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    s.post(&fields)
}

/// The result the script is sent for a change.
fn fragment(s: &Served, page: &str, changes: &[(&str, &str)]) -> String {
    let mut posted = posted_with(page, changes, "score");
    posted.push(("fragment".to_owned(), "1".to_owned()));
    let r = post_owned(s, &posted);
    assert_eq!(r.status, 200, "{}", r.body);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    json["result"].as_str().unwrap().to_owned()
}

/// The adherence, verdict and gaps (item, reason, municipality) of
/// `check`'s JSON.
fn checked_summary(file: &Path) -> (f64, bool, Vec<String>) {
    let checked = check_json(file);
    let gaps = checked["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| format!("{} {} {}", g["item"], g["reason"], g["municipality"]))
        .collect();
    (
        checked["adherence"].as_f64().unwrap(),
        checked["compliant"].as_bool().unwrap(),
        gaps,
    )
}

#[test]
fn valid_until_is_scored_as_typed_and_saved() {
    let s = Served::example("almen.toml");
    let page = s.page().body;
    assert!(page.contains("Gælder til"), "{page}");
    let expired = fragment(&s, &page, &[("a.OMV-5.valid-until", "2026-10-31")]);
    assert!(
        expired.contains("OMV-5</a>") && expired.contains("udløbet"),
        "{expired}"
    );
    let soon = fragment(&s, &page, &[("a.OMV-5.valid-until", "2026-12-15")]);
    assert!(soon.contains("Kommer snart"), "{soon}");
    assert!(
        soon.contains("udløber snart: gyldig til og med 2026-12-15 (om 18 dage)"),
        "{soon}"
    );
    let shown = shown_result(&soon);

    let saved = post_owned(
        &s,
        &posted_with(&page, &[("a.OMV-5.valid-until", "2026-12-15")], "save"),
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let text = s.text();
    assert!(
        text.contains(
            "date = 2026-05-12            # vedtagelsesdatoen\nevidence = [\"dokumentation/kommunikationspolitik.md\"]\nvalid-until = 2026-12-15\n"
        ),
        "{text}"
    );
    let (adherence, compliant, _) = checked_summary(&s.file);
    assert_eq!(shown, (adherence, compliant));

    // Emptied, it is taken out again.
    let page = s.page().body;
    assert!(page.contains("value=\"2026-12-15\""), "{page}");
    let cleared = post_owned(
        &s,
        &posted_with(&page, &[("a.OMV-5.valid-until", "")], "save"),
    );
    assert_eq!(cleared.status, 303);
    assert!(!s.text().contains("valid-until"), "{}", s.text());
}

#[test]
fn a_second_municipality_makes_the_one_a_list_and_back() {
    let s = Served::example("almen.toml");
    let page = s.page().body;
    assert!(
        page.contains("name=\"org.municipality.0\" value=\"Vejle Kommune\"")
            && page.contains("name=\"org.municipality.1\" value=\"\""),
        "{page}"
    );
    let posted = posted_with(
        &page,
        &[("org.municipality.1", " Fredericia Kommune ")],
        "save",
    );
    assert_eq!(post_owned(&s, &posted).status, 303);
    let text = s.text();
    assert!(
        text.contains("municipalities = [\"Vejle Kommune\", \"Fredericia Kommune\"]")
            && !text.contains("municipality ="),
        "{text}"
    );
    let checked = check_json(&s.file);
    assert_eq!(
        checked["organisation"]["municipalities"],
        serde_json::json!(["Vejle Kommune", "Fredericia Kommune"])
    );

    let page = s.page().body;
    let posted = posted_with(&page, &[("org.municipality.0", "")], "save");
    assert_eq!(post_owned(&s, &posted).status, 303);
    let text = s.text();
    assert!(
        text.contains("municipality = \"Fredericia Kommune\"") && !text.contains("municipalities"),
        "{text}"
    );
}

/// The lines of two texts that differ, as `(before, after)`.
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(b, a)| b != a)
        .map(|(b, a)| (b.to_owned(), a.to_owned()))
        .collect()
}

#[test]
fn each_municipality_has_its_fields_and_a_change_is_made_in_its_entry_only() {
    let s = Served::example("to-kommuner.toml");
    let before = s.text();
    let page = s.page().body;
    assert!(
        !page.contains("name=\"a.STY-1.status\""),
        "no answer given once"
    );
    for (n, name) in ["Aarhus Kommune", "Skanderborg Kommune"].iter().enumerate() {
        assert!(
            page.contains(&format!(
                "<h4>{name}</h4>\n        <input type=\"hidden\" name=\"a.STY-1.per.{n}.municipality\" value=\"{name}\">"
            )),
            "{page}"
        );
    }
    assert!(page.contains("name=\"a.LAB-6F-1.per.1.valid-until\" value=\"2027-01-15\""));
    // Skanderborg's styringsdialog held after all: its gap goes.
    let changes = [("a.STY-1.per.1.date", "2026-11-03")];
    let shown = fragment(&s, &page, &changes);
    assert!(!shown.contains("STY-1</a>"), "{shown}");
    assert!(
        shown.contains("LAB-6F-1</a> Samarbejde") && shown.contains(" (Aarhus Kommune)</p>"),
        "{shown}"
    );
    assert_eq!(
        post_owned(&s, &posted_with(&page, &changes, "save")).status,
        303
    );
    assert_eq!(
        changed_lines(&before, &s.text()),
        [(
            "date = 2024-11-20".to_owned(),
            "date = 2026-11-03".to_owned()
        )]
    );
    let (adherence, compliant, gaps) = checked_summary(&s.file);
    assert_eq!(shown_result(&shown), (adherence, compliant));
    assert_eq!(gaps, ["\"LAB-6F-1\" \"expired\" \"Aarhus Kommune\""]);
}

#[test]
fn a_municipality_added_and_answered_gets_an_entry_that_check_scores_as_shown() {
    let s = Served::example("to-kommuner.toml");
    let before = s.text();
    // Listing a third municipality brings the page back with its fields.
    let page = post_owned(
        &s,
        &posted_with(
            &s.page().body,
            &[("org.municipality.2", "Odder Kommune")],
            "score",
        ),
    )
    .body;
    assert!(
        page.contains("<h4>Odder Kommune</h4>")
            && page.contains("name=\"a.STY-1.per.2.municipality\" value=\"Odder Kommune\""),
        "{page}"
    );
    let changes = [
        ("a.STY-1.per.2.status", "met"),
        ("a.STY-1.per.2.date", "2026-09-15"),
        (
            "a.STY-1.per.2.evidence",
            "https://soehoejlandet.example/dokumenter/styringsdialog-odder-2026.pdf",
        ),
    ];
    let shown = fragment(&s, &page, &changes);
    assert_eq!(
        post_owned(&s, &posted_with(&page, &changes, "save")).status,
        303
    );
    let after = s.text();
    assert!(
        after.contains(
            "evidence = [\"https://soehoejlandet.example/dokumenter/styringsdialog-skanderborg-2024.pdf\"]\n\n[[answers.STY-1.per]]\nmunicipality = \"Odder Kommune\"\nstatus = \"opfyldt\"\ndate = 2026-09-15\nevidence = [\"https://soehoejlandet.example/dokumenter/styringsdialog-odder-2026.pdf\"]\n\n[answers.NV-13]"
        ),
        "{after}"
    );
    assert!(
        after.contains(
            "municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\", \"Odder Kommune\"]"
        ),
        "{after}"
    );
    // Nothing else changed: the lines before are all there, in order.
    let mut rest = after.as_str();
    for line in before.lines().filter(|l| !l.starts_with("municipalities")) {
        let at = rest.find(line).unwrap_or_else(|| panic!("{line}"));
        rest = &rest[at + line.len()..];
    }
    // LAB-6F-1 has no entry for Odder: not assessed there.
    let (adherence, compliant, gaps) = checked_summary(&s.file);
    assert_eq!(shown_result(&shown), (adherence, compliant));
    assert_eq!(
        shown.matches("<li class=\"gap ").count(),
        gaps.len(),
        "{shown}"
    );
    assert!(
        gaps.contains(&"\"LAB-6F-1\" \"not-assessed\" \"Odder Kommune\"".to_owned()),
        "{gaps:?}"
    );
    assert!(shown.contains("LAB-6F-1</a> Samarbejde med kommunalbestyrelsen om at realisere lovens formål og målsætninger (LAB §6f) (Odder Kommune)"), "{shown}");
    assert!(
        !gaps
            .iter()
            .any(|g| g.starts_with("\"STY-1\" ") && g.contains("Odder")),
        "{gaps:?}"
    );
}

#[test]
fn an_entry_for_a_municipality_taken_off_the_list_stays_until_emptied() {
    let s = Served::example("to-kommuner.toml");
    let page = s.page().body;
    let posted = posted_with(&page, &[("org.municipality.1", "")], "save");
    assert_eq!(post_owned(&s, &posted).status, 303);
    let text = s.text();
    assert!(
        text.contains("municipality = \"Aarhus Kommune\"\n\n[assessment]"),
        "{text}"
    );
    assert!(
        text.contains("municipality = \"Skanderborg Kommune\""),
        "kept"
    );
    // The loader's word for it is in the result, and the entry says why.
    let page = s.page().body;
    assert!(
        page.contains("E014") && page.contains("Skanderborg Kommune"),
        "{page}"
    );
    assert!(page.contains("ikke på listen over kommuner"), "{page}");
    let prefix = |id: &str| format!("a.{id}.per.1.");
    let emptied: Vec<(String, String)> = form_fields(&page)
        .into_iter()
        .filter(|(n, _)| n.starts_with(&prefix("STY-1")) || n.starts_with(&prefix("LAB-6F-1")))
        .filter(|(n, _)| !n.ends_with(".municipality"))
        .map(|(n, _)| (n, String::new()))
        .collect();
    let emptied: Vec<(&str, &str)> = emptied
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert!(emptied.len() > 10, "{emptied:?}");
    assert_eq!(
        post_owned(&s, &posted_with(&page, &emptied, "save")).status,
        303
    );
    let text = s.text();
    assert!(
        !text.contains("municipality = \"Skanderborg") && !text.contains("# STY-1 i Skanderborg"),
        "the entries and the comments above them are gone: {text}"
    );
    assert_eq!(
        check_json(&s.file)["organisation"]["municipality"],
        "Aarhus Kommune"
    );
}

#[test]
fn an_answer_given_once_can_be_turned_into_one_for_each_municipality() {
    let s = Served::example("almen.toml");
    let page = post_owned(
        &s,
        &posted_with(
            &s.page().body,
            &[("org.municipality.1", "Fredericia Kommune")],
            "save",
        ),
    );
    assert_eq!(page.status, 303);
    let page = s.page().body;
    assert!(
        page.contains("name=\"a.STY-1.status\""),
        "still answered once"
    );
    assert!(
        page.contains("value=\"split.STY-1\">Besvar for hver kommune"),
        "{page}"
    );
    // Enter in a field presses the form's first button: it works out the
    // result, and splits nothing.
    let form = &page[page.find("<form id=\"form\"").unwrap()..];
    let first = &form[form.find("<button").unwrap()..];
    assert!(
        first.starts_with("<button type=\"submit\" name=\"action\" value=\"score\""),
        "{first}"
    );
    let split = post_owned(&s, &posted_with(&page, &[], "split.STY-1")).body;
    assert!(
        split.contains("<h4>Vejle Kommune</h4>") && split.contains("<h4>Fredericia Kommune</h4>"),
        "{split}"
    );
    assert!(!split.contains("name=\"a.STY-1.status\""), "{split}");
    let before = s.text();
    assert!(before.contains("[answers.STY-1]"), "nothing is saved yet");
    // Fredericia's styringsdialog was last held in 2024: overdue there.
    let changes = [("a.STY-1.per.1.date", "2024-06-01")];
    let shown = fragment(&s, &split, &changes);
    assert!(shown.contains("(Fredericia Kommune)</p>"), "{shown}");
    assert_eq!(
        post_owned(&s, &posted_with(&split, &changes, "save")).status,
        303
    );
    let after = s.text();
    assert!(!after.contains("[answers.STY-1]"), "{after}");
    assert_eq!(after.matches("[[answers.STY-1.per]]").count(), 2, "{after}");
    assert!(
        after.contains("# STY-1 og NV-13 gentages én gang i hvert kalenderår"),
        "the comment above stays: {after}"
    );
    let checked = check_json(&s.file);
    let sty1 = checked["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "STY-1")
        .unwrap();
    assert_eq!(sty1["per"].as_array().map(Vec::len), Some(2), "{sty1}");
    let (adherence, compliant, gaps) = checked_summary(&s.file);
    assert_eq!(shown_result(&shown), (adherence, compliant));
    // (The example's evidence files are not beside the copy.)
    assert_eq!(shown.matches("<li class=\"gap ").count(), gaps.len());
    assert!(
        gaps.contains(&"\"STY-1\" \"overdue\" \"Fredericia Kommune\"".to_owned()),
        "{gaps:?}"
    );
}

#[test]
fn a_hostile_municipality_name_is_escaped_in_headings_and_values() {
    let s = Served::example("to-kommuner.toml");
    let posted = posted_with(
        &s.page().body,
        &[
            ("org.municipality.2", HOSTILE),
            ("a.STY-1.per.2.municipality", HOSTILE),
            ("a.STY-1.per.2.status", "unmet"),
        ],
        "score",
    );
    let page = post_owned(&s, &posted).body;
    assert!(
        !page.contains("<script>alert") && !page.contains("<img"),
        "{page}"
    );
    assert!(
        page.contains("<h4>&lt;script&gt;alert(1)&lt;&#x2f;script&gt;&quot;&#x27;&gt;&lt;img"),
        "{page}"
    );
    let value = form_fields(&page)
        .into_iter()
        .find(|(n, _)| n == "a.STY-1.per.2.municipality")
        .map(|(_, v)| v);
    assert_eq!(value.as_deref(), Some(HOSTILE));
    let mut with_fragment = posted.clone();
    with_fragment.push(("fragment".to_owned(), "1".to_owned()));
    let result = post_owned(&s, &with_fragment).body;
    assert!(
        !result.contains("<script>alert") && !result.contains("<img"),
        "{result}"
    );
    // Saved and read back, the name is the same, and still escaped.
    let mut save = posted;
    save.last_mut().unwrap().1 = "save".to_owned();
    assert_eq!(post_owned(&s, &save).status, 303);
    assert_eq!(
        check_json(&s.file)["organisation"]["municipalities"][2],
        HOSTILE
    );
    let page = s.page().body;
    assert!(!page.contains("<script>alert") && page.contains("&lt;script&gt;alert(1)"));
}

/// The page's form posted untouched, as `form_fields` reads it, or as a
/// browser posts it: a field of one line holds no line break.
fn untouched(page: &str, browser: bool) -> Vec<(String, String)> {
    posted_with(page, &[], "save")
        .into_iter()
        .map(|(n, v)| {
            let v = if browser && n.starts_with("org.municipality") {
                v.replace(['\r', '\n'], "")
            } else {
                v
            };
            (n, v)
        })
        .collect()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/serve").join(name)).unwrap()
}

#[test]
fn a_municipality_with_a_space_after_it_is_kept_as_written() {
    let text = fixture("mellemrum.toml");
    let s = Served::start(Some(&text), &[]);
    let saved = post_owned(&s, &untouched(&s.page().body, true));
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(s.text(), text);
    // A change elsewhere leaves the name, and its entries, as they are.
    let page = s.page().body;
    let saved = post_owned(&s, &posted_with(&page, &[("org.name", "Ny")], "save"));
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(s.text(), text.replace("name = \"Org\"", "name = \"Ny\""));
    // `check` refuses the name's edge spaces (E014), as it did before the
    // save, and nothing else: the form neither causes nor hides a problem.
    let out = Command::new(assert_cmd::cargo::cargo_bin!("almen"))
        .env_remove("ALMEN_LANG")
        .args(["check", "--as-of", AS_OF])
        .arg(&s.file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("fejl[").count(), 1, "{stderr}");
    assert!(
        stderr.contains("fejl[E014]: `Aarhus Kommune ` i `municipalities` har mellemrum i en ende"),
        "{stderr}"
    );
}

#[test]
fn a_name_a_field_cannot_hold_comes_back_as_written() {
    let text = fixture("kontroltegn.toml");
    for browser in [false, true] {
        let s = Served::start(Some(&text), &[]);
        let page = s.page().body;
        let saved = post_owned(&s, &untouched(&page, browser));
        assert_eq!(saved.status, 303, "{}", saved.body);
        assert_eq!(s.text(), text, "browser: {browser}");
    }
    // An answer changed for that municipality is changed in its entry.
    let s = Served::start(Some(&text), &[]);
    let page = s.page().body;
    let fields = untouched(&page, true);
    let (prefix, _) = fields
        .iter()
        .find(|(n, v)| n.starts_with("a.STY-1.per.") && v.contains("RED"))
        .unwrap();
    let prefix = prefix.strip_suffix("municipality").unwrap().to_owned();
    let mut posted = fields.clone();
    posted.push((format!("{prefix}note"), "ny note".to_owned()));
    let saved = post_owned(&s, &posted);
    assert_eq!(saved.status, 303, "{}", saved.body);
    let after = s.text();
    assert_eq!(after.matches("[[answers.STY-1.per]]").count(), 3, "{after}");
    assert_eq!(
        after,
        text.replace(
            "municipality = \"\\u001b[31mRED\\u001b[0m\\r\\nX\"\nstatus = \"unmet\"\n",
            "municipality = \"\\u001b[31mRED\\u001b[0m\\r\\nX\"\nstatus = \"unmet\"\nnote = \"ny note\"\n"
        )
    );
}

#[test]
fn fields_the_form_did_not_offer_are_not_saved() {
    let text = fixture("mellemrum.toml").replace("Aarhus Kommune \"", "Aarhus Kommune\"")
        + "[answers.OMV-1]\nstatus = \"met\"\ndate = 2026-10-01\nevidence = [\"https://x.example/c\"]\n";
    let s = Served::start(Some(&text), &[]);
    let page = s.page().body;
    let mut posted = untouched(&page, true);
    posted.extend(
        [
            ("a.OMV-1.per.0.municipality", "Aarhus Kommune"),
            ("a.OMV-1.per.0.status", "unmet"),
            ("a.OMV-1.per.0.note", "x"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned())),
    );
    let saved = post_owned(&s, &posted);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(s.text(), text);
    checked_summary(&s.file);
}

/// Every assessment among the examples and the fixtures, saved from a
/// form no one touched, is the file it was, byte for byte.
#[test]
fn every_assessment_saved_untouched_is_byte_for_byte_the_same() {
    fn assessments(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                assessments(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml")
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains("[assessment]"))
            {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["examples", "tests/fixtures/serve", "tests/fixtures/valid"] {
        assessments(&root().join(dir), &mut files);
    }
    assert!(files.len() > 10, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let s = Served::start(Some(&text), &[]);
        let saved = post_owned(&s, &untouched(&s.page().body, true));
        assert_eq!(saved.status, 303, "{}: {}", file.display(), saved.body);
        assert_eq!(s.text(), text, "{}", file.display());
    }
}

/// An assessment that is a link to a file in another folder is saved into
/// that file, as the start-up line says, and the link stays a link.
#[cfg(unix)]
#[test]
fn an_assessment_that_is_a_link_is_saved_where_it_leads() {
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("rigtig.toml");
    std::fs::copy(root().join("examples/almen.toml"), &target).unwrap();
    let s = Served::start_with(
        |file| std::os::unix::fs::symlink(&target, file).unwrap(),
        &[],
    );
    let fields = [("action", "save"), ("org.name", "Boligforeningen Min")];
    assert_eq!(s.post(&fields).status, 303);
    let saved = std::fs::read_to_string(&target).unwrap();
    assert!(saved.contains("name = \"Boligforeningen Min\""), "{saved}");
    assert!(std::fs::symlink_metadata(&s.file).unwrap().is_symlink());
}
