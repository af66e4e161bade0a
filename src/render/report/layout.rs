//! The layouts of the board's report (`report.html`, `report.md` beside
//! this file), as a minijinja environment.
//!
//! Every value a layout prints is escaped for the template's format
//! automatically: HTML by minijinja's own rules, Markdown by [`markdown`]
//! below. Nothing reaches a report by string concatenation.

use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment, Value, escape_formatter};

use super::Report;

const MARKDOWN: &str = "markdown";

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
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
            _ => escape_formatter(out, state, value),
        });
        env.add_filter("url", |url: String| {
            Value::from_safe_string(url_for_markdown(&url))
        });
        // Only web links become links; anything else (`javascript:` …) is
        // shown as text and goes nowhere.
        env.add_filter("href", |url: String| {
            if url.starts_with("https://") || url.starts_with("http://") {
                url
            } else {
                String::new()
            }
        });
        env.add_template("report.html", include_str!("report.html"))
            .expect("the HTML layout parses");
        env.add_template("report.md", include_str!("report.md"))
            .expect("the Markdown layout parses");
        env
    })
}

/// Text made inert in Markdown, in running text and in table cells: no
/// markup, no HTML, no line breaks that end a table row.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a Markdown autolink `<…>`: the characters that would end or
/// break it are percent-encoded.
fn url_for_markdown(url: &str) -> String {
    url.chars()
        .flat_map(|c| match c {
            '<' => "%3C".chars().collect::<Vec<_>>(),
            '>' => "%3E".chars().collect(),
            ' ' => "%20".chars().collect(),
            '"' => "%22".chars().collect(),
            '\n' | '\r' => Vec::new(),
            c => vec![c],
        })
        .collect()
}

pub fn render(name: &str, report: &Report) -> Result<String, minijinja::Error> {
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

    #[test]
    fn urls_cannot_leave_their_autolink() {
        assert_eq!(
            url_for_markdown("https://x.dk/a b><script>"),
            "https://x.dk/a%20b%3E%3Cscript%3E"
        );
    }
}
