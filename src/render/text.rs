//! Plain-text helpers the renderers share: wrapping, and making a user's
//! text safe to show in a terminal or in a document a parser reads.

/// Characters a terminal or a CI log would obey rather than show: C0 and
/// C1 controls (an escape sequence, a carriage return), and the Unicode
/// line separators and direction overrides that can make text read
/// otherwise than it is.
pub fn is_obeyed(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of
/// every plane (U+FFFE, U+FFFF, U+1FFFE, …). They are no text, and XML 1.0
/// does not allow U+FFFE and U+FFFF at all.
pub fn is_noncharacter(c: char) -> bool {
    matches!(c, '\u{fdd0}'..='\u{fdef}') || (c as u32) & 0xfffe == 0xfffe
}

/// A character as [`visible`] shows it: `\n`, `\r`, `\t`, or `\u{1b}`.
pub fn escape(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.extend(c.escape_unicode()),
    }
}

/// A user's text on one line, as a terminal or a CI log may show it: every
/// character it would obey (a newline that starts a forged workflow
/// command, an escape sequence) is shown escaped (`\n`, `\u{1b}`).
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_obeyed(c) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// As [`visible`], but line breaks are kept: for text inside a table cell,
/// where every line starts with the cell's border.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_clean(text, &mut out);
    out
}

/// [`clean`], put at the end of `out`.
pub fn push_clean(text: &str, out: &mut String) {
    let kept = |c: char| c == '\n' || !is_obeyed(c);
    // Nearly every text has nothing to escape: copied whole, it is not
    // built up a character at a time.
    if text.chars().all(kept) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if kept(c) {
            out.push(c);
        } else {
            escape(c, out);
        }
    }
}

/// A user's text for a document that a parser reads (XML, HTML): as
/// [`clean`], but tabs are kept too, and noncharacters are shown escaped as
/// well. What is left is text XML 1.0 allows, and that a reader sees as it
/// is.
pub fn printable(text: &str) -> String {
    shown(text, |c| matches!(c, '\n' | '\t'))
}

/// As [`printable`], on one line: line breaks and tabs are shown escaped
/// too, so no line of the document starts with the user's text (a CI log
/// would take `::error::…` there for a workflow command).
pub fn printable_line(text: &str) -> String {
    shown(text, |_| false)
}

/// `text` with each character a reader would obey, or that is no text,
/// shown escaped, but those `keep` keeps.
fn shown(text: &str, keep: fn(char) -> bool) -> String {
    let shown_as_is = |c: char| keep(c) || !(is_obeyed(c) || is_noncharacter(c));
    // Nearly every text has nothing to escape: copied whole, it is not
    // built up a character at a time.
    if text.chars().all(shown_as_is) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if shown_as_is(c) {
            out.push(c);
        } else {
            escape(c, &mut out);
        }
    }
    out
}

/// Wraps `text` at `width` columns, each line starting with `prefix`.
pub fn wrap(text: &str, width: usize, prefix: &str) -> String {
    wrap_hanging(text, width, prefix, prefix)
}

/// Wraps `text` at `width` columns between words, the first line starting
/// with `first` and the others with `rest`. A word is never split: one
/// longer than a line has a line of its own.
pub fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut prefix = first;
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        // A number keeps its percent sign on its line ("46,9 %").
        let glued;
        let word = match words.peek() {
            Some(&"%") | Some(&"%.") | Some(&"%,") | Some(&"%;") => {
                glued = format!("{word} {}", words.next().unwrap_or_default());
                glued.as_str()
            }
            _ => word,
        };
        if !line.is_empty()
            && prefix.chars().count() + line.chars().count() + 1 + word.chars().count() > width
        {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            line.clear();
            prefix = rest;
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

/// `s` as a TOML basic string, quoted and escaped.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_number_keeps_its_percent_sign() {
        let text = "Efterlevelse: gennemsnit 73,5 %, laveste 46,9 %, højeste 100,0 %.";
        for width in 10..80 {
            let wrapped = super::wrap_hanging(text, width, "", "");
            for line in wrapped.lines() {
                assert!(!line.starts_with('%'), "{width}: {wrapped}");
            }
        }
    }

    use super::*;

    #[test]
    fn what_a_terminal_would_obey_is_shown() {
        assert_eq!(
            visible("Org\n::error title=Forged::x"),
            "Org\\n::error title=Forged::x"
        );
        assert_eq!(visible("a\u{1b}[2Jb\u{9b}c"), "a\\u{1b}[2Jb\\u{9b}c");
        assert_eq!(visible("\u{202e}fdp.exe"), "\\u{202e}fdp.exe");
        // The direction marks reorder what is around them too.
        assert_eq!(
            visible("a\u{200e}b\u{200f}c\u{61c}d"),
            "a\\u{200e}b\\u{200f}c\\u{61c}d"
        );
        assert_eq!(clean("to\nlinjer\u{7}"), "to\nlinjer\\u{7}");
        assert_eq!(visible("Æblehaven – 12 %"), "Æblehaven – 12 %");
    }

    #[test]
    fn printable_text_is_xml_text() {
        assert_eq!(
            printable("a\tb\nc\r\u{0}\u{1b}\u{fffe}\u{ffff}\u{1fffe}\u{fdd0}"),
            "a\tb\nc\\r\\u{0}\\u{1b}\\u{fffe}\\u{ffff}\\u{1fffe}\\u{fdd0}"
        );
        assert_eq!(printable_line("a\tb\nc\u{ffff}"), "a\\tb\\nc\\u{ffff}");
        assert!(!is_noncharacter('\u{fffd}'));
        assert!(!is_noncharacter('\u{fdcf}'));
        assert_eq!(printable("Æblehaven – 12 %"), "Æblehaven – 12 %");
    }

    #[test]
    fn wrap_keeps_lines_short() {
        let text = "ord ".repeat(60);
        for line in wrap(&text, 40, "# ").lines() {
            assert!(line.chars().count() <= 40, "{line}");
            assert!(line.starts_with("# "));
        }
        let hanging = wrap_hanging("EKS-1 Drøft om I er repræsenteret", 20, "  ", "    ");
        assert_eq!(hanging, "  EKS-1 Drøft om I\n    er repræsenteret\n");
        assert_eq!(
            wrap_hanging("Kommunikationspolitikken", 10, "", ""),
            "Kommunikationspolitikken\n"
        );
    }
}
