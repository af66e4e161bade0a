//! `almen serve` in a real browser: headless Chromium driven through
//! WebDriver (chromedriver, by fantoccini). The page is opened with the
//! printed address, an answer is changed and the result beside the form
//! follows, the form is saved, and `check` finds in the file what the page
//! showed. Screenshots of the form in Danish at desktop and phone widths
//! are written to `target/screenshots/` for a person to look at.
//!
//! Without chromedriver the test says so and passes, except in CI (`CI`
//! set), where it fails: `.ci/run` installs Debian's chromium-driver.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::root;
use super::serve::{Served, check_json, shown_result};

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

/// chromedriver, stopped when dropped, and the browser's profile.
struct Driver {
    child: Child,
    port: u16,
    browser: PathBuf,
    profile: tempfile::TempDir,
}

impl Driver {
    /// chromedriver started, or `None` (with the reason printed) where
    /// this machine has none and this is not CI.
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
            // The browser in Danish, date fields and all where it can.
            .env("LANG", "da_DK.UTF-8")
            .env("LANGUAGE", "da_DK.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        Some(Driver {
            child,
            port,
            browser,
            profile: tempfile::tempdir().unwrap(),
        })
    }

    /// A browser session, once chromedriver answers.
    async fn session(&self) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": self.browser,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=da-DK", "--window-size=1280,900",
                    format!("--user-data-dir={}", self.profile.path().display()),
                ],
                "prefs": { "intl.accept_languages": "da-DK,da" },
            }),
        );
        let url = format!("http://127.0.0.1:{}", self.port);
        let started = Instant::now();
        loop {
            let connected = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await;
            match connected {
                Ok(client) => return client,
                Err(e) if started.elapsed() > Duration::from_secs(30) => {
                    panic!("no browser session: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn text(browser: &Client, css: &str) -> String {
    let element = browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"));
    element.text().await.unwrap()
}

async fn click(browser: &Client, css: &str) {
    let element = browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"));
    element.click().await.unwrap();
}

async fn type_into(browser: &Client, css: &str, typed: &str) {
    let element = browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"));
    element.clear().await.unwrap();
    element.send_keys(typed).await.unwrap();
}

/// Waits until `css`'s text satisfies `ok`; its text then. The element
/// may be missing a while (a page still loading).
async fn wait_for(browser: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let text = match browser.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.ok(),
            Err(_) => None,
        };
        if let Some(text) = text.as_deref()
            && ok(text)
        {
            return text.to_owned();
        }
        if started.elapsed() > Duration::from_secs(20) {
            let source = browser.source().await.unwrap_or_default();
            let mut start = source.len().saturating_sub(3000);
            while !source.is_char_boundary(start) {
                start += 1;
            }
            panic!(
                "{css} stayed {text:?} on a page ending {}",
                &source[start..]
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn scroll_to_top(browser: &Client) {
    browser
        .execute("window.scrollTo(0, 0);", Vec::new())
        .await
        .unwrap();
}

async fn screenshot(browser: &Client, path: &Path) {
    let png = browser.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, png).unwrap();
}

fn screenshots() -> PathBuf {
    root().join("target/screenshots")
}

#[test]
fn the_form_in_a_browser_scores_as_it_changes_and_saves_what_check_finds() {
    let Some(driver) = Driver::start() else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let browser = driver.session().await;
        // The steps run as a task of their own, so that the browser's
        // session is ended whether they pass or fail.
        let steps = tokio::spawn(form_in_browser(browser.clone()));
        let outcome = steps.await;
        let _ = browser.close().await;
        if let Err(failed) = outcome {
            std::panic::resume_unwind(failed.into_panic());
        }
    });
}

async fn form_in_browser(browser: Client) {
    let served = Served::example("mangler.toml");
    browser
        .goto(&format!(
            "http://127.0.0.1:{}/?token={}",
            served.port, served.token
        ))
        .await
        .unwrap();
    let before = text(&browser, "#adherence").await;
    assert!(!before.is_empty());
    assert!(
        !browser.source().await.unwrap().contains(&served.token),
        "the token left the address"
    );

    // OMV-1 is not assessed in the example: answering it changes the result.
    click(
        &browser,
        "select[name='a.OMV-1.status'] option[value='met']",
    )
    .await;
    type_into(
        &browser,
        "textarea[name='a.OMV-1.evidence']",
        "https://eksempel.dk/interessentanalyse",
    )
    .await;
    let after = wait_for(&browser, "#adherence", |t| t != before).await;
    assert_ne!(after, before);

    // The explanation is tested as it is typed, by scoring's own rule.
    click(
        &browser,
        "select[name='a.OMV-3.status'] option[value='unmet']",
    )
    .await;
    type_into(&browser, "textarea[name='a.OMV-3.explanation']", "TBD").await;
    wait_for(&browser, "[data-hint='a.OMV-3.']", |t| {
        t.contains("pladsholder")
    })
    .await;
    type_into(
        &browser,
        "textarea[name='a.OMV-3.explanation']",
        "Vi er repræsenteret i kredsen via vores administrationsorganisation.",
    )
    .await;
    // The hint and the result come in one answer: once the hint is
    // gone, the result is that of the form as it stands.
    wait_for(&browser, "[data-hint='a.OMV-3.']", str::is_empty).await;
    let shown_adherence = text(&browser, "#adherence").await;

    scroll_to_top(&browser).await;
    screenshot(&browser, &screenshots().join("serve-desktop-da.png")).await;
    browser.set_window_size(390, 844).await.unwrap();
    scroll_to_top(&browser).await;
    screenshot(&browser, &screenshots().join("serve-phone-da.png")).await;
    browser.set_window_size(1280, 900).await.unwrap();

    let page = browser.source().await.unwrap();
    let shown = shown_result(&page);
    click(&browser, "#save").await;
    wait_for(&browser, ".message", |t| t.starts_with("Gemt i")).await;
    assert_eq!(text(&browser, "#adherence").await, shown_adherence);

    let checked = check_json(&served.file);
    assert_eq!(
        shown,
        (
            checked["adherence"].as_f64().unwrap(),
            checked["compliant"].as_bool().unwrap()
        ),
        "{checked}"
    );
    let saved = served.text();
    assert!(saved.contains("Vi er repræsenteret i kredsen"), "{saved}");
}
