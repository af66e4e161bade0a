//! `--format github`: GitHub Actions workflow commands, so that each gap is
//! shown on the line of its answer in the pull request.
//!
//! Gaps at or above `--fail-on` are errors, the others warnings, deadlines
//! due soon notices. Adherence under `--fail-under` is an error on the line
//! of `[assessment]`. A gap for an item with no answer points at the line of
//! `[assessment]`. A file that could not be checked is one error, on the
//! line of its first problem, with every problem in the message.

use std::io::{self, Write};

use super::words::{
    Words, days_text, diag_line, fail_under_short, fail_under_text, gap_text, in_municipality,
    notice_title, notice_when, unchecked_text,
};
use super::{Entry, Options, Unchecked};

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

/// The workflow commands of one entry.
pub(super) fn entry(entry: &Entry<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let checked = match entry {
        Entry::Checked(c) => c,
        Entry::Unchecked(u) => return unchecked(u, opts, out),
    };
    let file = property(&checked.file());
    let loaded = checked.assessment;
    let line_of = |item: &str, municipality: Option<&String>| {
        loaded.line_in(item, municipality.map(String::as_str))
    };
    if let Some(threshold) = opts.under(checked) {
        writeln!(
            out,
            "::error file={file},line={},title={}::{}",
            loaded.assessment_line,
            property(&fail_under_short(lang, threshold)),
            data(&format!(
                "{}.",
                fail_under_text(lang, checked.eval.adherence, threshold)
            ))
        )?;
    }
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
            line_of(&gap.item, gap.municipality.as_ref()),
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
            line_of(&notice.item, notice.municipality.as_ref()),
            property(&format!(
                "{}{} {}",
                notice.item,
                in_municipality(notice.municipality.as_deref()),
                notice_title(lang, notice.reason)
            )),
            data(&format!(
                "{} ({})",
                notice_when(lang, notice.reason, notice.due, true),
                days_text(lang, notice.days)
            ))
        )?;
    }
    Ok(())
}

/// A file that could not be checked: one error on the line of its first
/// problem in the file itself, its problems one a line in the message.
fn unchecked(u: &Unchecked<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let line = u
        .diagnostics
        .iter()
        .find(|d| d.file == u.file)
        .and_then(|d| d.line)
        .map(|l| format!(",line={l}"))
        .unwrap_or_default();
    let problems = u
        .diagnostics
        .iter()
        .map(diag_line)
        .collect::<Vec<_>>()
        .join("\n");
    writeln!(
        out,
        "::error file={}{line},title={}::{}",
        property(&u.file),
        property(&unchecked_text(opts.lang, u.diagnostics.len())),
        data(&problems)
    )
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
