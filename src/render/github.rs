//! `--format github`: GitHub Actions workflow commands, so that each gap is
//! shown on the line of its answer in the pull request.
//!
//! Gaps at or above `--fail-on` are errors, the others warnings, deadlines
//! due soon notices. A gap for an item with no answer points at the line of
//! `[assessment]`.

use std::io::{self, Write};

use super::Options;
use super::words::{Words, days_text, gap_text};
use crate::score::Checked;

/// Escapes the message of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Escapes a property (`file=`, `title=`) of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(results: &[Checked<'_>], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    for checked in results {
        let file = property(&checked.file());
        let loaded = checked.assessment;
        let line_of = |item: &str| {
            loaded
                .lines
                .get(item)
                .copied()
                .unwrap_or(loaded.assessment_line)
        };
        for gap in &checked.eval.gaps {
            let level = if opts.fail_on.is_some_and(|t| gap.severity >= t) {
                "error"
            } else {
                "warning"
            };
            let title = checked
                .eval
                .item(&gap.item)
                .map(|r| lang.text(&r.item.title))
                .unwrap_or("");
            let (wrong, fix) = gap_text(lang, gap, checked);
            writeln!(
                out,
                "::{level} file={file},line={},title={}::{}",
                line_of(&gap.item),
                property(&format!(
                    "{} {title} ({}, {})",
                    gap.item,
                    lang.severity(gap.severity),
                    lang.reason(gap.reason)
                )),
                data(&format!("{wrong} {fix}"))
            )?;
        }
        for notice in &checked.eval.notices {
            writeln!(
                out,
                "::notice file={file},line={},title={}::{}",
                line_of(&notice.item),
                property(&format!(
                    "{} {}",
                    notice.item,
                    lang.pick("forfalder snart", "due soon")
                )),
                data(&format!(
                    "{} {} ({})",
                    lang.pick("Forfalder", "Falls due"),
                    notice.due,
                    days_text(lang, notice.days)
                ))
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
