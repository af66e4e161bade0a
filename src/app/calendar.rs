//! `almen calendar`: the deadlines of assessments as an iCalendar file.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::check::{load, read_by};
use super::{Context, Exit, Failure, diags, or_default, refused_outputs, today, write_file};
use crate::fs::RealFs;
use almen::load::Loader;
use almen::render::calendar;
use almen::render::words::calendar_written;
use almen::score::Checked;

pub struct Calendar {
    /// Assessment files and folders of them; none means `./almen.toml`.
    pub inputs: Vec<PathBuf>,
    /// Where to write; none means standard output.
    pub output: Option<PathBuf>,
    pub as_of: Option<NaiveDate>,
    /// Checklists added to those each assessment names.
    pub checklists: Vec<String>,
}

pub fn run(opts: Calendar, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    // As `report`: iCalendar on the screen helps nobody.
    if opts.output.is_none() && ctx.stdio.out_terminal {
        return Err(diags::calendar_to_terminal(lang).into());
    }
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let mut said = Vec::new();
    let loaded = load(
        &mut loader,
        lang,
        or_default(opts.inputs),
        &opts.checklists,
        &mut said,
    );
    let stopped = loaded.iter().any(Result::is_err);
    let failed = loaded.iter().filter_map(|l| l.as_ref().err());
    said.extend(failed.flat_map(|(_, d)| d).cloned());
    let outputs: Vec<_> = opts.output.iter().map(PathBuf::as_path).collect();
    let refused = refused_outputs(lang, &outputs, &read_by(&loaded, &loader));
    // A calendar without the deadlines of a file that could not be
    // checked would, once imported or subscribed to, look complete: none
    // is written, and an earlier one stays as it was.
    if stopped || !refused.is_empty() {
        said.extend(refused);
        return Err(Failure {
            sources: std::mem::take(&mut loader.sources),
            diags: said,
        });
    }
    if !said.is_empty() {
        ctx.print_diagnostics(&loader.sources, &said);
    }

    let checked: Vec<Checked<'_>> = loaded
        .iter()
        .flatten()
        .map(|a| Checked::new(a, as_of))
        .collect();
    let calendar = calendar::build(&checked, as_of, lang);
    let ics = calendar::ics(&calendar, lang);
    let Some(output) = &opts.output else {
        ctx.write_out(|out| out.write_all(ics.as_bytes()))?;
        return Ok(Exit::Ok);
    };
    // A calendar is meant to be written again as deadlines move: an
    // existing one is replaced, atomically.
    write_file(lang, output, ics.as_bytes(), true)?;
    let written = calendar_written(lang, &output.display().to_string(), calendar.events.len());
    ctx.write_out(|out| writeln!(out, "{written}"))?;
    Ok(Exit::Ok)
}
