//! `almen report`: the printable gap report for the board, or the public
//! comply-or-explain statement.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, today, write_file};
use crate::fs::{RealFs, same_file};
use almen::lang::Lang;
use almen::load::Loader;
use almen::render::{self, Entry, Format};
use almen::score::Checked;

pub struct Report {
    /// The assessment; none means `./almen.toml`.
    pub assessment: Option<PathBuf>,
    /// Where to write; none means standard output.
    pub output: Option<PathBuf>,
    /// None: the board's report, HTML or Markdown as the output's name
    /// says (see [`format`]).
    pub format: Option<Format>,
    pub as_of: Option<NaiveDate>,
    /// Checklists added to those the assessment names.
    pub checklists: Vec<String>,
}

pub fn run(opts: Report, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    // A page of HTML on the screen helps nobody: say where it should go,
    // before any work. Into a pipe or a file it is what was asked for.
    if opts.output.is_none() && ctx.stdio.out_terminal {
        return Err(diags::report_to_terminal(lang).into());
    }
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let path = opts
        .assessment
        .unwrap_or_else(|| PathBuf::from("almen.toml"));
    let loaded = loader
        .assessment(&path, &opts.checklists)
        .map_err(|diags| Failure {
            sources: std::mem::take(&mut loader.sources),
            diags,
        })?;
    let result = Checked::new(&loaded, as_of);
    let gaps = result.eval.gaps.len();
    let checked = [Entry::Checked(result)];
    let render_opts = render::Options::plain(lang);
    let format = format(opts.format, opts.output.as_deref());
    let Some(output) = &opts.output else {
        ctx.write_out(|out| render::render(format, &checked, &render_opts, out))?;
        return Ok(Exit::Ok);
    };
    let mut inputs = std::iter::once(&loaded.path)
        .chain(loaded.checklists.iter().filter_map(|c| c.path.as_ref()));
    if inputs.any(|input| same_file(input, output)) {
        return Err(diags::output_is_input(lang, output).into());
    }
    let mut bytes = Vec::new();
    render::render(format, &checked, &render_opts, &mut bytes)
        .map_err(|e| diags::cannot_write(lang, Some(output), &e))?;
    // A report is meant to be written again before each meeting: an
    // existing one is replaced, atomically.
    write_file(lang, output, &bytes, true)?;
    ctx.write_out(|out| {
        writeln!(
            out,
            "{} {} ({} {})",
            lang.pick("Skrev", "Wrote"),
            output.display(),
            gaps,
            match (lang, gaps) {
                (Lang::Da, 1) => "mangel",
                (Lang::Da, _) => "mangler",
                (Lang::En, 1) => "gap",
                (Lang::En, _) => "gaps",
            }
        )
    })?;
    Ok(Exit::Ok)
}

/// The format to write: the one asked for, except that where it names the
/// document but not its form (no `--format`: the board's report;
/// `statement`), an output whose name ends in `.md` is written as Markdown.
fn format(asked: Option<Format>, output: Option<&Path>) -> Format {
    let markdown = output
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    match (asked, markdown) {
        (None, false) => Format::Html,
        (None, true) => Format::Markdown,
        (Some(Format::Statement), true) => Format::StatementMarkdown,
        (Some(format), _) => format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_md_output_is_markdown_unless_the_form_is_asked_for() {
        let md = Some(Path::new("bilag/Redegørelse.MD"));
        let html = Some(Path::new("redegørelse.html"));
        assert_eq!(format(None, None), Format::Html);
        assert_eq!(format(None, html), Format::Html);
        assert_eq!(format(None, md), Format::Markdown);
        assert_eq!(format(Some(Format::Html), md), Format::Html);
        assert_eq!(format(Some(Format::Statement), None), Format::Statement);
        assert_eq!(format(Some(Format::Statement), html), Format::Statement);
        assert_eq!(
            format(Some(Format::Statement), md),
            Format::StatementMarkdown
        );
        assert_eq!(
            format(Some(Format::StatementMarkdown), html),
            Format::StatementMarkdown
        );
    }
}
