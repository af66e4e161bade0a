//! `almen check`: score assessments and print the gaps.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, or_default, today, walk};
use crate::fs::RealFs;
use almen::diag::{Diag, FileId};
use almen::load::{Assessment, FileKind, Loader, display};
use almen::render::diagnostics::JsonDiag;
use almen::render::{self, Entry, Format, Unchecked};
use almen::score::{Checked, Severity};

pub struct Check {
    /// Assessment files and folders of them; none means `./almen.toml`.
    pub inputs: Vec<PathBuf>,
    pub format: Format,
    /// Every item, not only the gaps.
    pub all: bool,
    /// Gaps at or above this fail the check; `None` never.
    pub fail_on: Option<Severity>,
    /// Adherence under this fails the check.
    pub fail_under: Option<f64>,
    /// CSV field separator.
    pub delimiter: Option<u8>,
    pub as_of: Option<NaiveDate>,
    /// Checklists added to those each assessment names.
    pub checklists: Vec<String>,
}

/// A file of the run, in path order, on its way to being checked.
enum Found {
    /// Named on the command line; not read yet.
    Named(PathBuf),
    /// Found in a folder and read: an assessment.
    Read(PathBuf, FileId),
    /// Could not be read (or a folder that held no assessment), and why.
    Failed(PathBuf, Vec<Diag>),
}

pub fn run(opts: Check, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    // What a folder walk passed over: warnings, on standard error only.
    let mut passed_over = Vec::new();

    let inputs = or_default(opts.inputs);
    let several = inputs.len() > 1 || inputs.iter().any(|i| i.is_dir());
    let mut found = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            found.push(Found::Named(input));
            continue;
        }
        // In a folder, the assessments are the files whose content says
        // so; checklists and other TOML files beside them are passed over.
        // A file that cannot be read or decoded could be an assessment:
        // it is one that could not be checked, never passed over.
        let before = found.len();
        for (path, read) in walk(lang, &input, &mut passed_over) {
            match read
                .map_err(|d| vec![d])
                .and_then(|()| loader.read_file(&path))
            {
                Ok(id) if loader.kind_of(id) == Some(FileKind::Assessment) => {
                    found.push(Found::Read(path, id));
                }
                Ok(_) => {}
                Err(d) => found.push(Found::Failed(path, d)),
            }
        }
        if found.len() == before {
            let diag = diags::no_files_in(lang, &input);
            found.push(Found::Failed(input, vec![diag]));
        }
    }

    let loaded: Vec<Result<Assessment, (PathBuf, Vec<Diag>)>> = found
        .into_iter()
        .map(|f| match f {
            Found::Named(path) => loader
                .assessment(&path, &opts.checklists)
                .map_err(|d| (path, d)),
            Found::Read(path, id) => loader
                .assessment_at(id, &path, &opts.checklists)
                .map_err(|d| (path, d)),
            Found::Failed(path, d) => Err((path, d)),
        })
        .collect();
    // What a folder walk passed over and the files that could not be
    // checked are said first; the others are still reported.
    let failed = loaded.iter().filter_map(|l| l.as_ref().err());
    let said: Vec<Diag> = passed_over
        .iter()
        .chain(failed.flat_map(|(_, d)| d))
        .cloned()
        .collect();
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
    // One file that could not be checked has only its diagnostics; several
    // always have their output, each file in it.
    if several || matches!(entries.as_slice(), [Entry::Checked(_)]) {
        let render_opts = render::Options {
            lang,
            color: ctx.stdio.out_color,
            all: opts.all,
            width: ctx.stdio.width,
            fail_on: opts.fail_on,
            fail_under: opts.fail_under,
            delimiter: opts.delimiter,
            several,
        };
        ctx.write_out(|out| render::render(opts.format, &entries, &render_opts, out))?;
    }

    if entries.iter().any(|e| e.checked().is_none()) {
        return Ok(Exit::Error);
    }
    let failed = entries.iter().filter_map(Entry::checked).any(|r| {
        let by_gap = matches!((opts.fail_on, r.eval.worst()), (Some(t), Some(w)) if w >= t);
        let by_score = opts.fail_under.is_some_and(|p| r.eval.adherence < p);
        by_gap || by_score
    });
    Ok(if failed { Exit::Gaps } else { Exit::Ok })
}
