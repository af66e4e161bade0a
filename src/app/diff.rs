//! `almen diff`: what changed between two assessments.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, refused_outputs, today, write_file};
use crate::fs::{RealFs, read_stdin};
use almen::diff::{self, Diff as Compared};
use almen::load::{Assessment, Loader};
use almen::render::diff::DiffOptions;
use almen::render::{self, Format};
use almen::score::Checked;

pub struct Diff {
    /// The old assessment; `-` for standard input.
    pub old: PathBuf,
    /// The new assessment.
    pub new: PathBuf,
    pub format: Format,
    /// Where the output goes; none means standard output.
    pub output: Option<PathBuf>,
    /// The new assessment's as-of date; none means today.
    pub as_of: Option<NaiveDate>,
    /// The old assessment's; none means its own `assessment.date`.
    pub old_as_of: Option<NaiveDate>,
    /// Score the old assessment as of the new one's date.
    pub same_date: bool,
    /// Exit 1 when a gap opened or adherence fell.
    pub fail_on_regression: bool,
    /// Checklists added to those each assessment names.
    pub checklists: Vec<String>,
}

pub fn run(opts: Diff, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    // The old one first, so that a checklist both name is reported with
    // it; every problem of both is reported before anything is compared.
    let old = if opts.old == Path::new("-") {
        // Read from standard input, it has no folder of its own: its paths
        // are the new one's, as they are in the repository it came from.
        let base = opts.new.parent().unwrap_or(Path::new(""));
        read_stdin()
            .map_err(|e| vec![diags::stdin_unreadable(lang, &e)])
            .and_then(|bytes| loader.assessment_from(diags::STDIN, bytes, base, &opts.checklists))
    } else {
        loader.assessment(&opts.old, &opts.checklists)
    };
    let new = loader.assessment(&opts.new, &opts.checklists);
    // No output may replace a file the run reads.
    let read: Vec<PathBuf> = (0..loader.sources.len())
        .map(|id| PathBuf::from(loader.sources.name(id)))
        .chain([opts.old.clone(), opts.new.clone()])
        .collect();
    let refused = refused_outputs(
        lang,
        &opts.output.as_deref().into_iter().collect::<Vec<_>>(),
        &read,
    );
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) if refused.is_empty() => (old, new),
        (old, new) => {
            return Err(Failure {
                sources: std::mem::take(&mut loader.sources),
                diags: old
                    .err()
                    .into_iter()
                    .chain(new.err())
                    .flatten()
                    .chain(refused)
                    .collect(),
            });
        }
    };

    let new_as_of = opts.as_of.unwrap_or_else(today);
    let (old_as_of, how) = diff::old_as_of(&old, &new, opts.old_as_of, opts.same_date, new_as_of);
    let (a, b) = (Checked::new(&old, old_as_of), Checked::new(&new, new_as_of));
    let compared = Compared::new(&a, &b).old_date(how);
    if !compared.same_organisation() {
        let diag = diags::different_organisations(lang, &side(&loader, &old), &side(&loader, &new));
        ctx.print_warnings_in(&loader.sources, &[diag]);
    }

    let render_opts = render::Options {
        color: ctx.stdio.out_color,
        width: ctx.stdio.width,
        ..render::Options::plain(lang)
    };
    let diff_opts = DiffOptions {
        fail_on_regression: opts.fail_on_regression,
    };
    match &opts.output {
        None => ctx.write_out(|out| {
            render::diff::render(opts.format, &compared, &render_opts, diff_opts, out)
        })?,
        Some(path) => {
            // What a redirection would have written.
            let file_opts = render::Options {
                color: ctx.stdio.file_color,
                width: ctx.stdio.file_width,
                ..render_opts
            };
            let mut bytes = Vec::new();
            render::diff::render(opts.format, &compared, &file_opts, diff_opts, &mut bytes)
                .map_err(|e| diags::cannot_write(lang, Some(path), &e))?;
            write_file(lang, path, &bytes, true)?;
        }
    }
    Ok(if opts.fail_on_regression && compared.regression() {
        Exit::Gaps
    } else {
        Exit::Ok
    })
}

/// One side, as W015 names it and points at it.
fn side<'a>(loader: &Loader<'_>, a: &'a Assessment) -> diags::Side<'a> {
    let organisation = &a.file.organisation;
    diags::Side {
        file: a.file_id,
        name: &organisation.name,
        cvr: organisation.cvr.as_deref(),
        at: loader.span_of(a.file_id, &["organisation", "name"]),
    }
}
