//! `almen report`: the printable gap report for the board, or the public
//! comply-or-explain statement; of several assessments (or a folder of
//! them), the overview of all the organisations.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::several::{self, Gathered};
use super::{Context, Exit, Failure, diags, or_default, refused_outputs, today, write_file};
use crate::fs::{RealFs, same_file};
use almen::diag::Diag;
use almen::lang::Lang;
use almen::load::{Loader, display};
use almen::render::diagnostics::JsonDiag;
use almen::render::report::overview::{self, GroupBy};
use almen::render::{self, Entry, Format, Unchecked};
use almen::score::Checked;

pub struct Report {
    /// Assessment files and folders of them; none means `./almen.toml`.
    /// One file gives the board's report; two or more, or a folder, the
    /// overview.
    pub inputs: Vec<PathBuf>,
    /// Where to write; none means standard output.
    pub output: Option<PathBuf>,
    /// None: the board's report, HTML or Markdown as the output's name
    /// says (see [`format`]).
    pub format: Option<Format>,
    pub as_of: Option<NaiveDate>,
    /// Checklists added to those the assessment names.
    pub checklists: Vec<String>,
    /// How to group the overview's rows; asks for the overview even of one
    /// file.
    pub group_by: Option<GroupBy>,
}

pub fn run(mut opts: Report, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    // A page of HTML on the screen helps nobody: say where it should go,
    // before any work. Into a pipe or a file it is what was asked for.
    if opts.output.is_none() && ctx.stdio.out_terminal {
        return Err(diags::report_to_terminal(lang, opts.format).into());
    }
    let format = format(opts.format, opts.output.as_deref());
    let inputs = or_default(std::mem::take(&mut opts.inputs));
    if several::several(&inputs) || opts.group_by.is_some() {
        return overview(&opts, inputs, format, ctx);
    }
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let path = inputs.into_iter().next().expect("or_default gives one");
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

/// The overview of several assessments: one page for all of them, every
/// file that could not be checked listed on its first page. Like `check`
/// of several, it exits 2 when any could not be checked, having written
/// the overview of the others.
fn overview(
    opts: &Report,
    inputs: Vec<PathBuf>,
    format: Format,
    ctx: &Context,
) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let markdown = match format {
        Format::Html => false,
        Format::Markdown => true,
        _ => return Err(diags::statement_of_several(lang).into()),
    };
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let Gathered {
        loaded,
        passed_over,
    } = several::load(&mut loader, lang, inputs, &opts.checklists);

    // What a folder walk passed over and the files that could not be
    // checked are said on standard error too; the overview lists them.
    let failed = loaded.iter().filter_map(|l| l.as_ref().err());
    let mut said: Vec<Diag> = passed_over
        .iter()
        .chain(failed.flat_map(|(_, d)| d))
        .cloned()
        .collect();
    if let Some(output) = &opts.output {
        let read = several::read_by(&loaded, &loader);
        let refused = refused_outputs(lang, &[output.as_path()], &read);
        if !refused.is_empty() {
            said.extend(refused);
            return Err(Failure {
                sources: std::mem::take(&mut loader.sources),
                diags: said,
            });
        }
    }
    if !said.is_empty() {
        ctx.print_diagnostics(&loader.sources, &said);
    }

    let entries: Vec<Entry<'_>> = loaded
        .iter()
        .map(|l| match l {
            Ok(a) => Entry::Checked(Checked::new(a, as_of)),
            Err((path, d)) => Entry::Unchecked(Unchecked {
                file: display(path),
                diagnostics: d
                    .iter()
                    .map(|d| JsonDiag::new(&loader.sources, d))
                    .collect(),
            }),
        })
        .collect();
    let not_read: Vec<Unchecked<'_>> = passed_over
        .iter()
        .map(|d| Unchecked {
            file: d.subject.clone().unwrap_or_default(),
            diagnostics: vec![JsonDiag::new(&loader.sources, d)],
        })
        .collect();
    let view = overview::build(&entries, &not_read, as_of, lang, opts.group_by);
    let mut bytes = Vec::new();
    if markdown {
        overview::markdown(&view, &mut bytes)
    } else {
        overview::html(&view, &mut bytes)
    }
    .map_err(|e| diags::cannot_write(lang, opts.output.as_deref(), &e))?;
    match &opts.output {
        None => ctx.write_out(|out| out.write_all(&bytes))?,
        Some(output) => {
            write_file(lang, output, &bytes, true)?;
            let n = &view.numbers;
            ctx.write_out(|out| {
                writeln!(
                    out,
                    "{}",
                    wrote_overview(lang, output, n.organisations, n.unchecked)
                )
            })?;
        }
    }
    Ok(if entries.iter().any(|e| e.checked().is_none()) {
        Exit::Error
    } else {
        Exit::Ok
    })
}

/// "Skrev oversigt.html (6 organisationer; 1 fil kunne ikke tjekkes)".
fn wrote_overview(lang: Lang, output: &Path, organisations: usize, unchecked: usize) -> String {
    let organisations = match (lang, organisations) {
        (Lang::Da, 1) => "1 organisation".to_owned(),
        (Lang::Da, n) => format!("{n} organisationer"),
        (Lang::En, 1) => "1 organisation".to_owned(),
        (Lang::En, n) => format!("{n} organisations"),
    };
    let unchecked = match (lang, unchecked) {
        (_, 0) => String::new(),
        (Lang::Da, 1) => "; 1 fil kunne ikke tjekkes".to_owned(),
        (Lang::Da, n) => format!("; {n} filer kunne ikke tjekkes"),
        (Lang::En, 1) => "; 1 file could not be checked".to_owned(),
        (Lang::En, n) => format!("; {n} files could not be checked"),
    };
    format!(
        "{} {} ({organisations}{unchecked})",
        lang.pick("Skrev", "Wrote"),
        output.display()
    )
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
