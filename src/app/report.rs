//! `almen report`: the printable gap report for the board.

use std::path::PathBuf;

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
    pub format: Format,
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
    let Some(output) = &opts.output else {
        ctx.write_out(|out| render::render(opts.format, &checked, &render_opts, out))?;
        return Ok(Exit::Ok);
    };
    let mut inputs = std::iter::once(&loaded.path)
        .chain(loaded.checklists.iter().filter_map(|c| c.path.as_ref()));
    if inputs.any(|input| same_file(input, output)) {
        return Err(diags::output_is_input(lang, output).into());
    }
    let mut bytes = Vec::new();
    render::render(opts.format, &checked, &render_opts, &mut bytes)
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
