//! The layouts of the board's report (`report.html`, `report.md` beside
//! this file, and `unchecked.*` for a file that could not be checked) and of
//! the overview of several organisations (`overview.*`), as a minijinja
//! environment.
//!
//! Every value a layout prints is escaped for the template's format
//! automatically: HTML by [`html`], Markdown by [`markdown`] below. Nothing
//! reaches a report by string concatenation.

use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment, HtmlEscape, Value, escape_formatter};

use crate::render::text::{escape, is_noncharacter, is_obeyed, printable, printable_line};
use serde::Serialize;

const MARKDOWN: &str = "markdown";

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = escaping_environment();
        env.add_filter("css", |text: String| {
            Value::from_safe_string(css_string(&text))
        });
        env.add_template("report.html", include_str!("report.html"))
            .expect("the HTML layout parses");
        env.add_template("report.md", include_str!("report.md"))
            .expect("the Markdown layout parses");
        env.add_template("unchecked.html", include_str!("unchecked.html"))
            .expect("the HTML layout of a file not checked parses");
        env.add_template("unchecked.md", include_str!("unchecked.md"))
            .expect("the Markdown layout of a file not checked parses");
        env.add_template("overview.html", include_str!("overview.html"))
            .expect("the HTML layout of the overview parses");
        env.add_template("overview.md", include_str!("overview.md"))
            .expect("the Markdown layout of the overview parses");
        env
    })
}

/// An environment that escapes every value for its template's format:
/// `.html` templates by [`html`], `.md` templates by [`markdown`]; with the
/// `url` and `href` filters, which make only web links into links. Every
/// document almen writes from a template starts from this one.
pub(crate) fn escaping_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else if name.ends_with(".md") {
            AutoEscape::Custom(MARKDOWN.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(|out, state, value| match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN => {
            if value.is_safe() {
                out.write_str(&value.to_string())?;
            } else if !value.is_none() && !value.is_undefined() {
                out.write_str(&markdown(&value.to_string()))?;
            }
            Ok(())
        }
        AutoEscape::Html if !value.is_safe() => match value.as_str() {
            Some(text) => Ok(out.write_str(&html(text))?),
            None => escape_formatter(out, state, value),
        },
        _ => escape_formatter(out, state, value),
    });
    // Only web links become links; anything else (`javascript:`, a URL
    // that is an HTML tag …) is shown as text and goes nowhere.
    env.add_filter("url", |url: String| {
        Value::from_safe_string(match web_url(&url) {
            Some(url) => format!("<{url}>"),
            None => markdown(&url),
        })
    });
    env.add_filter("href", |url: String| web_url(&url).unwrap_or_default());
    // A user's text first on a line of Markdown (`> {{ x|lead }}`).
    env.add_filter("lead", |text: String| {
        Value::from_safe_string(markdown_lead(&text))
    });
    env
}

/// [`markdown`], for text that stands first on a line: what would start a
/// block there (a list item `- `, `+ `, `2. `, `1) `, a heading's
/// underline `===`, code indented four spaces) is escaped or left out.
pub fn markdown_lead(text: &str) -> String {
    let text = text.trim_start_matches([' ', '\t', '\r', '\n']);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (before, rest) = if text.starts_with(['-', '+', '=']) {
        ("\\".to_owned(), text)
    } else if digits > 0 && text[digits..].starts_with(['.', ')']) {
        (format!("{}\\", &text[..digits]), &text[digits..])
    } else {
        (String::new(), text)
    };
    before + &markdown(rest)
}

/// Text made inert in Markdown, in running text and in table cells: no
/// markup, no HTML, no line breaks that end a table row, and no control
/// character: each is shown escaped (`\u{1b}`).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if is_obeyed(c) || is_noncharacter(c) => {
                let mut shown = String::new();
                escape(c, &mut shown);
                shown.chars().for_each(|c| markup(c, &mut out));
            }
            c => markup(c, &mut out),
        }
    }
    out
}

/// One character of text, escaped if Markdown would read it as markup.
fn markup(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

/// Text made inert in HTML: escaped as minijinja escapes it, after every
/// control character and noncharacter (a parse error in HTML, and obeyed by
/// a terminal showing the file) is shown escaped. A line break stays one,
/// written `&#10;`, so no line of the page starts with the user's text: a CI
/// log would take `::error::…` there for a workflow command.
pub fn html(text: &str) -> String {
    HtmlEscape(&printable(text))
        .to_string()
        .replace('\n', "&#10;")
}

/// A web link as it may stand in a Markdown autolink `<…>` or an HTML
/// `href`; `None` for anything but `http://` and `https://`. Every
/// character that could end the link or hide in it (whitespace, a control
/// character, `<`, `>`, `"`) is percent-encoded.
pub fn web_url(url: &str) -> Option<String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || is_obeyed(c) || is_noncharacter(c) || matches!(c, '<' | '>' | '"') {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Text as a quoted CSS string, for the running header of the printed
/// page (`@page` margin boxes take their text from CSS, not the document).
/// Every character but an ASCII letter or digit is written as a CSS escape,
/// so nothing in the text can end the string, the rule or the `<style>`
/// element; control characters are shown escaped first, as in the page.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in printable_line(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            // The space ends the escape and is not part of the text.
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

pub fn render(name: &str, report: &impl Serialize) -> Result<String, minijinja::Error> {
    environment()
        .get_template(name)?
        .render(minijinja::value::Serde(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(
            markdown("<script>a|b</script>"),
            "&lt;script&gt;a\\|b&lt;/script&gt;"
        );
        assert_eq!(
            markdown("*fed* & _kursiv_\nny linje"),
            "\\*fed\\* &amp; \\_kursiv\\_ ny linje"
        );
    }

    /// An explanation is quoted first on a line (`> …`): what starts a
    /// block there would make a list, a heading or code of it.
    #[test]
    fn markdown_first_on_a_line_starts_no_block() {
        for (text, inert) in [
            ("- punkt", "\\- punkt"),
            ("+ punkt", "\\+ punkt"),
            ("2. punkt", "2\\. punkt"),
            ("10) punkt", "10\\) punkt"),
            ("=== x", "\\=== x"),
            ("    kode", "kode"),
            ("\n- punkt", "\\- punkt"),
            ("2026 er året", "2026 er året"),
            ("a - b", "a - b"),
        ] {
            assert_eq!(markdown_lead(text), inert, "{text:?}");
        }
    }

    #[test]
    fn markdown_shows_control_characters() {
        assert_eq!(
            markdown("a\u{1b}[2J\r\n\tb\u{7}\u{ffff}"),
            "a\\\\u{1b}\\[2J  b\\\\u{7}\\\\u{ffff}"
        );
    }

    #[test]
    fn urls_cannot_leave_their_autolink() {
        assert_eq!(
            web_url("https://x.dk/a b><script>").as_deref(),
            Some("https://x.dk/a%20b%3E%3Cscript%3E")
        );
        assert_eq!(
            web_url("https://x.dk/\t\n\u{1b}\u{a0}\"").as_deref(),
            Some("https://x.dk/%09%0A%1B%C2%A0%22")
        );
    }

    #[test]
    fn html_shows_control_characters_and_keeps_no_line_break() {
        assert_eq!(
            html("</script>\u{1b}[2J\u{ffff}\n::error::x"),
            "&lt;&#x2f;script&gt;\\u{1b}[2J\\u{ffff}&#10;::error::x"
        );
    }

    #[test]
    fn css_strings_cannot_leave_their_quotes() {
        assert_eq!(css_string("Æb 1"), "\"\\c6 b\\20 1\"");
        let hostile = css_string("\"; } </style><script>\u{1b}\n");
        assert!(
            hostile[1..hostile.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '\\' || c == ' '),
            "{hostile}"
        );
    }

    #[test]
    fn only_web_urls_are_links() {
        for url in [
            "javascript:alert(1)",
            "img\tsrc=x\tonerror=alert(1)",
            "JAVASCRIPT:x",
            " https://x.dk",
            "data:text/html,x",
        ] {
            assert_eq!(web_url(url), None, "{url}");
        }
    }
}
