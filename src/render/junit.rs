//! `--format junit`: one test case per item, a failure for each item with a
//! gap at or above `--fail-on`, so GitLab, Jenkins and Azure show the
//! result natively. With `--fail-under`, the threshold is a test case of
//! its own, a failure when adherence is under it.

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::text::printable_line;
use super::words::{
    Words, diag_line, fail_under_text, fail_under_title, gap_text, unchecked_label, unchecked_text,
};
use super::{Entry, Options, Unchecked};
use crate::score::{Checked, Gap};

/// A line of text as it may go into the XML: XML 1.0 does not allow most
/// control characters, U+FFFE or U+FFFF, and quick-junit only drops some of
/// them (with the escape sequences around them). Each is shown escaped
/// instead, so the file parses and says what the input said; a line break
/// in the user's text is shown too, so none of the file's lines starts with
/// it. Texts of several lines are joined after.
fn xml(text: impl AsRef<str>) -> String {
    printable_line(text.as_ref())
}

/// The suite of one entry: a test case per item of an assessment.
pub(super) fn suite(entry: &Entry<'_>, opts: &Options) -> TestSuite {
    let lang = opts.lang;
    let checked = match entry {
        Entry::Checked(c) => c,
        Entry::Unchecked(u) => return unchecked(u, opts),
    };
    let org = &checked.assessment.file.organisation.name;
    let mut suite = TestSuite::new(xml(format!("{} ({})", org, checked.file())));
    for r in &checked.eval.items {
        let gaps = checked.eval.gaps_of(r.id());
        let name = format!("{} {}", r.id(), lang.text(&r.item.title));
        if r.per.is_empty() {
            suite.add_test_case(case(checked, r.checklist, name, &gaps, opts));
            continue;
        }
        // An item answered per municipality: a test case for each.
        for p in &r.per {
            let own: Vec<&Gap> = gaps
                .iter()
                .filter(|g| g.municipality.as_deref() == Some(p.municipality))
                .copied()
                .collect();
            let name = format!("{name} ({})", p.municipality);
            suite.add_test_case(case(checked, r.checklist, name, &own, opts));
        }
    }
    if let Some(threshold) = opts.fail_under {
        suite.add_test_case(fail_under(checked, opts, threshold));
    }
    suite
}

/// The test case of an item, or of one municipality's entry: a failure
/// where a gap is at or above `--fail-on`, the others as its output.
fn case(
    checked: &Checked<'_>,
    checklist: &str,
    name: String,
    gaps: &[&Gap],
    opts: &Options,
) -> TestCase {
    let lang = opts.lang;
    let failing: Vec<_> = gaps
        .iter()
        .filter(|g| opts.fail_on.is_some_and(|t| g.severity >= t))
        .collect();
    let status = if failing.is_empty() {
        TestCaseStatus::success()
    } else {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        let first = failing[0];
        status.set_type(lang.severity(first.severity));
        status.set_message(xml(format!(
            "{}: {}",
            lang.reason(first.reason),
            gap_text(lang, first, checked).0
        )));
        let description = failing
            .iter()
            .map(|g| {
                let (wrong, fix) = gap_text(lang, g, checked);
                xml(format!(
                    "[{}] {}: {wrong} {fix}",
                    lang.severity(g.severity),
                    lang.reason(g.reason)
                ))
            })
            .collect::<Vec<_>>()
            .join("\n");
        status.set_description(description);
        status
    };
    let mut case = TestCase::new(xml(name), status);
    case.set_classname(xml(format!("almen.{checklist}")));
    let below: Vec<String> = gaps
        .iter()
        .filter(|g| !failing.iter().any(|f| std::ptr::eq(**f, **g)))
        .map(|g| {
            xml(format!(
                "[{}] {}: {}",
                lang.severity(g.severity),
                lang.reason(g.reason),
                gap_text(lang, g, checked).0
            ))
        })
        .collect();
    if !below.is_empty() {
        case.set_system_out(below.join("\n"));
    }
    case
}

/// The report of every suite, in order.
pub(super) fn finish(suites: Vec<TestSuite>, out: &mut dyn Write) -> io::Result<()> {
    let mut report = Report::new("almen");
    report.add_test_suites(suites);
    report.serialize(&mut *out).map_err(io::Error::other)?;
    writeln!(out)
}

/// `--fail-under` as a test case: a failure when adherence is under the
/// threshold, as the exit code says.
fn fail_under(checked: &Checked<'_>, opts: &Options, threshold: f64) -> TestCase {
    let lang = opts.lang;
    let status = if opts.under(checked).is_some() {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status.set_type("fail-under");
        status.set_message(xml(format!(
            "{}.",
            fail_under_text(lang, checked.eval.adherence, threshold)
        )));
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(fail_under_title(lang, threshold), status);
    case.set_classname("almen.fail-under");
    case
}

/// A file that could not be checked: its own suite, with one test case in
/// error, its diagnostics one a line.
fn unchecked(u: &Unchecked<'_>, opts: &Options) -> TestSuite {
    let lang = opts.lang;
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    status.set_type(unchecked_label(lang));
    status.set_message(xml(unchecked_text(lang, u.diagnostics.len())));
    status.set_description(
        u.diagnostics
            .iter()
            .map(|d| xml(diag_line(d)))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let mut case = TestCase::new(xml(&u.file), status);
    case.set_classname("almen");
    let mut suite = TestSuite::new(xml(&u.file));
    suite.add_test_case(case);
    suite
}
