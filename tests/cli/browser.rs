//! `almen serve` in a real browser: headless Chromium driven through
//! WebDriver (chromedriver). The page is opened with the printed address,
//! an answer is changed and the result beside the form follows, the form
//! is saved, and `check` finds in the file what the page showed.
//! Screenshots of the form in Danish at desktop and phone widths are
//! written to `target/screenshots/` for a person to look at.
//!
//! Without chromedriver the test says so and passes, except in CI (`CI`
//! set), where it fails: `.ci/run` installs Debian's chromium-driver.
//!
//! WebDriver is JSON over HTTP on the loopback address; the few commands
//! used are spoken here directly, with no client library and its async
//! runtime to build.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::root;
use super::serve::{Served, check_json, shown_result, unchunk};

/// Where chromedriver is, if anywhere: `CHROMEDRIVER`, or on the `PATH`
/// (Debian puts it in /usr/bin).
fn chromedriver() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMEDRIVER") {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromedriver"))
        .find(|p| p.is_file())
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
}

struct Driver {
    child: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    /// A browser session, or `None` (with the reason printed) where this
    /// machine has no chromedriver and this is not CI.
    // The skip is said where the test runner shows it.
    #[allow(clippy::print_stderr)]
    fn start() -> Option<Driver> {
        let (Some(driver), Some(browser)) = (chromedriver(), chromium()) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the browser test: install chromium and chromium-driver"
            );
            eprintln!(
                "skipped: no chromedriver or chromium here (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().unwrap();
        let mut d = Driver {
            child,
            port,
            session: String::new(),
            _profile: profile,
        };
        let started = Instant::now();
        while d.call("GET", "/status", None).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "chromedriver did not answer"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=da", "--window-size=1280,900",
                    format!("--user-data-dir={}", d._profile.path().display()),
                ],
            },
        }}});
        let session = d.call("POST", "/session", Some(caps)).expect("a session");
        d.session = session["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        Some(d)
    }

    /// One WebDriver command; its `value`, or the error it answered.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.port,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body.as_bytes()))
            .map_err(|e| e.to_string())?;
        let (head, body) = read_response(&mut stream)?;
        let value: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
        if head.starts_with("HTTP/1.1 200") {
            Ok(value["value"].clone())
        } else {
            Err(value.to_string())
        }
    }

    fn run(&self, method: &str, command: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{command}", self.session);
        self.call(method, &path, body)
            .unwrap_or_else(|e| panic!("{method} {command}: {e}"))
    }

    fn goto(&self, url: &str) {
        self.run("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> String {
        let found = self.run(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_owned()
    }

    fn click(&self, css: &str) {
        let el = self.find(css);
        self.run("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css);
        self.run("POST", &format!("/element/{el}/clear"), Some(json!({})));
        self.run(
            "POST",
            &format!("/element/{el}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn text(&self, css: &str) -> String {
        let el = self.find(css);
        self.run("GET", &format!("/element/{el}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn source(&self) -> String {
        self.run("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The text of `css`, or `None` while there is no such element (a page
    /// still loading).
    fn try_text(&self, css: &str) -> Option<String> {
        let path = format!("/session/{}/element", self.session);
        let found = self
            .call(
                "POST",
                &path,
                Some(json!({ "using": "css selector", "value": css })),
            )
            .ok()?;
        let el = found.as_object()?.values().next()?.as_str()?.to_owned();
        let path = format!("/session/{}/element/{el}/text", self.session);
        Some(self.call("GET", &path, None).ok()?.as_str()?.to_owned())
    }

    /// Waits until `css`'s text satisfies `ok`; its text then.
    fn wait_for(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = self.try_text(css).unwrap_or_default();
            if self.try_text(css).is_some() && ok(&text) {
                return text;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let source = self.source();
                let start = source.len().saturating_sub(3000);
                panic!(
                    "{css} stayed {text:?} on a page ending {}",
                    &source[start..]
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn scroll_to_top(&self) {
        self.run(
            "POST",
            "/execute/sync",
            Some(json!({ "script": "window.scrollTo(0, 0);", "args": [] })),
        );
    }

    fn resize(&self, width: u32, height: u32) {
        self.run(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    fn screenshot(&self, path: &Path) {
        let data = self.run("GET", "/screenshot", None);
        let png = base64(data.as_str().expect("a screenshot"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one answer: chromedriver keeps the connection open, so the
/// body is as long as its `Content-Length` says (or chunked).
fn read_response(stream: &mut TcpStream) -> Result<(String, String), String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let header_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("closed before an answer".to_owned());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..header_end]).into_owned();
    let length = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse::<usize>().ok())?
    });
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let mut body = raw[header_end + 4..].to_vec();
    loop {
        let done = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    let body = if chunked { unchunk(&body) } else { body };
    Ok((head, String::from_utf8_lossy(&body).into_owned()))
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    sextets
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &s)| n | (u32::from(s) << (18 - 6 * i)));
            let bytes = n.to_be_bytes();
            bytes[1..c.len()].to_vec()
        })
        .collect()
}

fn screenshots() -> PathBuf {
    root().join("target/screenshots")
}

#[test]
fn the_form_in_a_browser_scores_as_it_changes_and_saves_what_check_finds() {
    let Some(browser) = Driver::start() else {
        return;
    };
    let served = Served::example("mangler.toml");
    browser.goto(&format!(
        "http://127.0.0.1:{}/?token={}",
        served.port, served.token
    ));
    let before = browser.text("#adherence");
    assert!(!before.is_empty());
    assert!(
        !browser.source().contains(&served.token),
        "the token left the address"
    );

    // OMV-1 is not assessed in the example: answering it changes the result.
    browser.click("select[name='a.OMV-1.status'] option[value='met']");
    browser.type_into(
        "textarea[name='a.OMV-1.evidence']",
        "https://eksempel.dk/interessentanalyse",
    );
    let after = browser.wait_for("#adherence", |t| t != before);
    assert_ne!(after, before);

    // The explanation is tested as it is typed, by scoring's own rule.
    browser.click("select[name='a.OMV-3.status'] option[value='unmet']");
    browser.type_into("textarea[name='a.OMV-3.explanation']", "TBD");
    browser.wait_for("[data-hint='a.OMV-3.']", |t| t.contains("pladsholder"));
    browser.type_into(
        "textarea[name='a.OMV-3.explanation']",
        "Vi er repræsenteret i kredsen via vores administrationsorganisation.",
    );
    // The hint and the result come in one answer: once the hint is
    // gone, the result is that of the form as it stands.
    browser.wait_for("[data-hint='a.OMV-3.']", str::is_empty);
    let shown_adherence = browser.text("#adherence");

    browser.scroll_to_top();
    browser.screenshot(&screenshots().join("serve-desktop-da.png"));
    browser.resize(390, 844);
    browser.scroll_to_top();
    browser.screenshot(&screenshots().join("serve-phone-da.png"));
    browser.resize(1280, 900);

    let page = browser.source();
    let shown = shown_result(&page);
    browser.click("#save");
    browser.wait_for(".message", |t| t.starts_with("Gemt i"));
    assert_eq!(browser.text("#adherence"), shown_adherence);

    let checked = check_json(&served.file);
    assert_eq!(
        shown,
        (
            checked["adherence"].as_f64().unwrap(),
            checked["compliant"].as_bool().unwrap()
        ),
        "{checked}"
    );
    let text = served.text();
    assert!(text.contains("Vi er repræsenteret i kredsen"), "{text}");
}
