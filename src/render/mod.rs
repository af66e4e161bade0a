//! Renderers: scored assessments in, text out. One file per output format,
//! each writing to any `io::Write`; [`render`] is the one place that picks
//! the renderer for a [`Format`].
//!
//! Nothing here reads a file, the clock or the terminal: the as-of date,
//! the width and whether to colour are all in [`Options`].

mod catalog;
mod csv;
pub mod diagnostics;
mod github;
mod json;
mod junit;
#[cfg(test)]
mod properties;
pub mod report;
mod table;
pub mod template;
pub mod text;
pub mod words;

pub use catalog::{list, show};

use std::io::{self, Write};

use crate::lang::Lang;
use crate::score::{Checked, Severity};

/// Every output format. Each command accepts the ones it lists
/// ([`Format::CHECK`], [`Format::REPORT`], [`Format::VALIDATE`]).
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
    /// The board's report as one self-contained HTML page, for print.
    Html,
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
    ];
    /// The formats of `report`.
    pub const REPORT: &[Format] = &[Format::Html, Format::Markdown];
    /// The formats of `validate`.
    pub const VALIDATE: &[Format] = &[Format::Table, Format::Json];
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
    /// CSV field separator; by default `;` in Danish, `,` in English.
    pub delimiter: Option<u8>,
    /// Several assessments were asked for (two or more files, or a
    /// folder): formats with a shape for one and one for many take the
    /// latter, however many could be checked.
    pub several: bool,
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
            delimiter: None,
            several: false,
        }
    }
}

/// The one dispatch point from format to renderer.
pub fn render(
    format: Format,
    results: &[Checked<'_>],
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(results, opts, out),
        Format::Json => json::render(results, opts, out),
        Format::Markdown => {
            for (i, checked) in results.iter().enumerate() {
                if i > 0 {
                    writeln!(out, "\n---\n")?;
                }
                report::markdown(&report::build(checked, opts.lang), out)?;
            }
            Ok(())
        }
        Format::Html => {
            for checked in results {
                report::html(&report::build(checked, opts.lang), out)?;
            }
            Ok(())
        }
        Format::Csv => csv::render(results, opts, out),
        Format::Junit => junit::render(results, opts, out),
        Format::Github => github::render(results, opts, out),
    }
}
