//! Plain-text helpers the renderers share: wrapping, and making a user's
//! text safe to show in a terminal.

/// A user's text as the terminal may show it: control characters (an
/// escape sequence written into a TOML string) are shown, not obeyed.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// Wraps `text` at `width` columns, each line starting with `prefix`.
pub fn wrap(text: &str, width: usize, prefix: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty()
            && prefix.chars().count() + line.chars().count() + 1 + word.chars().count() > width
        {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_short() {
        let text = "ord ".repeat(60);
        for line in wrap(&text, 40, "# ").lines() {
            assert!(line.chars().count() <= 40, "{line}");
            assert!(line.starts_with("# "));
        }
    }
}
