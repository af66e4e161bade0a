//! Renderers: scored assessments in, text out. One file per output format,
//! each writing to any `io::Write`; [`render`] is the one place that picks
//! the renderer for a [`Format`].
//!
//! Nothing here reads a file, the clock or the terminal: the as-of date,
//! the width and whether to colour are all in [`Options`].

pub mod calendar;
mod catalog;
mod csv;
pub mod diagnostics;
pub mod diff;
pub mod explain;
mod github;
mod json;
mod junit;
#[cfg(test)]
mod properties;
pub mod quote;
pub mod report;
mod sarif;
pub mod statement;
pub mod stream;
mod summary;
mod table;
mod tally;
pub mod template;
pub mod text;
pub mod words;

pub use catalog::{list, show};

/// The environment every HTML document almen makes from a template starts
/// from: every value escaped, only web links made links. For `almen
/// serve`'s pages, which live in the command layer.
pub fn html_environment() -> minijinja::Environment<'static> {
    report::layout::escaping_environment()
}
pub use json::schema as result_schema;

use std::io::{self, Write};

use crate::lang::Lang;
use crate::score::{Checked, Severity};
use diagnostics::JsonDiag;

/// One file a run was given, in the order given (a folder's files in path
/// order): checked, or the problems that stopped it. Every format shows
/// both, so a file that could not be checked is never left out.
pub enum Entry<'a> {
    Checked(Checked<'a>),
    Unchecked(Unchecked<'a>),
}

/// A file that could not be checked (or a folder that could not be read or
/// held no assessment), with the diagnostics that say why, in the form
/// scripts read; the terminal form is on standard error.
pub struct Unchecked<'a> {
    /// The file as given.
    pub file: String,
    pub diagnostics: Vec<JsonDiag<'a>>,
}

impl<'a> Entry<'a> {
    pub fn checked(&self) -> Option<&Checked<'a>> {
        match self {
            Entry::Checked(c) => Some(c),
            Entry::Unchecked(_) => None,
        }
    }
}

/// The entries that were checked.
pub fn checked<'e, 'a>(entries: &'e [Entry<'a>]) -> Vec<&'e Checked<'a>> {
    entries.iter().filter_map(Entry::checked).collect()
}

/// Every output format. Each command accepts the ones it lists
/// ([`Format::CHECK`], [`Format::REPORT`], [`Format::VALIDATE`],
/// [`Format::DIFF`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people, in the terminal.
    Table,
    /// For scripts (see the README).
    Json,
    /// The board's report as Markdown, for minutes.
    Markdown,
    /// One row per item, for a spreadsheet.
    Csv,
    /// JUnit XML, for GitLab, Jenkins and Azure.
    Junit,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// The board's report as one self-contained HTML page, for print.
    Html,
    /// The public comply-or-explain statement, as one self-contained HTML
    /// page (as Markdown where the output file ends in `.md`).
    Statement,
    /// The public comply-or-explain statement as Markdown.
    StatementMarkdown,
}

impl Format {
    /// The formats of `check`.
    pub const CHECK: &[Format] = &[
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Csv,
        Format::Junit,
        Format::Github,
        Format::Sarif,
    ];
    /// The formats of `report`.
    pub const REPORT: &[Format] = &[
        Format::Html,
        Format::Markdown,
        Format::Statement,
        Format::StatementMarkdown,
    ];
    /// The formats of `validate`.
    pub const VALIDATE: &[Format] = &[Format::Table, Format::Json];
    /// The formats of `diff`.
    pub const DIFF: &[Format] = &[Format::Table, Format::Json, Format::Markdown];
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub lang: Lang,
    pub color: bool,
    /// Every item, not only the gaps.
    pub all: bool,
    /// Table width in columns.
    pub width: u16,
    /// Gaps at or above this fail (JUnit failures, GitHub errors).
    pub fail_on: Option<Severity>,
    /// Adherence under this percentage fails (`--fail-under`): every format
    /// says so where it does, since it decides the exit code.
    pub fail_under: Option<f64>,
    /// CSV field separator; by default `;` in Danish, `,` in English.
    pub delimiter: Option<u8>,
    /// Several assessments were asked for (two or more files, or a
    /// folder): formats with a shape for one and one for many take the
    /// latter, however many could be checked.
    pub several: bool,
    /// `check --summary`: the table and Markdown give one row per
    /// assessment, worst first, and nothing else.
    pub summary: bool,
}

impl Options {
    /// Options for output that is not a terminal table and fails nothing.
    pub fn plain(lang: Lang) -> Self {
        Options {
            lang,
            color: false,
            all: true,
            width: 120,
            fail_on: None,
            fail_under: None,
            delimiter: None,
            several: false,
            summary: false,
        }
    }
}

impl Options {
    /// The `--fail-under` threshold an assessment is under, as the exit
    /// code counts it; `None` when there is none or it is not under it.
    pub fn under(&self, checked: &Checked<'_>) -> Option<f64> {
        self.under_by(checked.eval.adherence)
    }

    /// [`Options::under`], for an adherence kept after its assessment.
    pub fn under_by(&self, adherence: f64) -> Option<f64> {
        self.fail_under.filter(|threshold| adherence < *threshold)
    }

    /// How many gaps of an assessment are at or above `--fail-on` while
    /// its verdict is still compliant (minor gaps under `--fail-on
    /// minor`): the one way `--fail-on` fails it without the verdict
    /// saying so. Zero otherwise.
    pub fn failing_yet_compliant(&self, checked: &Checked<'_>) -> usize {
        match self.fail_on {
            Some(t) if checked.eval.compliant => {
                checked.eval.gaps.iter().filter(|g| g.severity >= t).count()
            }
            _ => 0,
        }
    }
}

/// Why an assessment fails the run although its verdict may not say so,
/// one sentence each: under `--fail-under`, and gaps at `--fail-on` under
/// a compliant verdict. Empty when nothing does.
pub fn exit_reasons(checked: &Checked<'_>, opts: &Options) -> Vec<String> {
    let mut reasons = Vec::new();
    if let Some(threshold) = opts.under(checked) {
        reasons.push(words::fail_under_text(
            opts.lang,
            checked.eval.adherence,
            threshold,
        ));
    }
    let failing = opts.failing_yet_compliant(checked);
    if let (Some(t), true) = (opts.fail_on, failing > 0) {
        reasons.push(words::fail_on_text(opts.lang, failing, t));
    }
    reasons
}

/// The one dispatch point from format to renderer: each entry's part, in
/// order, put together by the format's [`stream::Writer`].
pub fn render(
    format: Format,
    entries: &[Entry<'_>],
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut memo = stream::Memo::default();
    let mut writer = stream::Writer::new(format, opts);
    for entry in entries {
        writer.push_entry(entry, &stream::Tally::of(entry), &mut memo, out)?;
    }
    writer.finish(out)
}
