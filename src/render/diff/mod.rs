//! `almen diff`: what changed between two assessments, as the terminal
//! table (`table.rs`), JSON for scripts (`json.rs`, whose structs also give
//! `almen schema diff`) and Markdown for a pull-request comment
//! (`markdown.rs`). The comparison itself is [`crate::diff`]'s; the words
//! the formats share are [`super::words`]'.

mod json;
mod markdown;
mod table;

pub use json::schema;

use std::io::{self, Write};

use super::{Format, Options};
use crate::diff::{Diff, Direction, ItemChange};

/// How to render a diff, besides [`Options`].
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// `--fail-on-regression`: a regression decides the exit code, and the
    /// formats that say why a run fails say so.
    pub fail_on_regression: bool,
}

/// The one dispatch point from format to renderer for a diff.
pub fn render(
    format: Format,
    diff: &Diff<'_>,
    opts: &Options,
    diff_opts: DiffOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(diff, opts, diff_opts, out),
        Format::Json => json::render(diff, opts, out),
        Format::Markdown => markdown::render(diff, opts, diff_opts, out),
        other => Err(io::Error::other(format!(
            "`{other:?}` is not a format of diff"
        ))),
    }
}

/// The changed items in the order people read them: worsened first, then
/// improved, then changed, each in the new assessment's order.
fn by_direction<'d, 'a>(diff: &'d Diff<'a>) -> Vec<&'d ItemChange<'a>> {
    [Direction::Worsened, Direction::Improved, Direction::Changed]
        .into_iter()
        .flat_map(|d| diff.went(d))
        .collect()
}

/// The checklists of one side, as the table's header lists them:
/// "samarbejde-med-omverdenen 2026-11-27, egne-krav 2026-11".
fn checklists(checked: &crate::score::Checked<'_>) -> String {
    checked
        .assessment
        .checklists
        .iter()
        .map(|c| format!("{} {}", c.id(), c.file.version))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The organisation's name, and its municipality where it has one; both
/// sides' when they differ: "Boligselskabet Fjordglimt (Randers Kommune)".
fn organisation(diff: &Diff<'_>) -> String {
    let name = |c: &crate::score::Checked<'_>| {
        let o = &c.assessment.file.organisation;
        match o.municipality_line() {
            Some(m) => format!("{} ({m})", o.name),
            None => o.name.clone(),
        }
    };
    let (old, new) = (name(diff.old), name(diff.new));
    if old == new {
        new
    } else {
        format!("{old} → {new}")
    }
}
