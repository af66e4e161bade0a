//! `almen check`: score assessments and print the gaps.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, or_default, refused_outputs, today, walk, write_file};
use crate::fs::{RealFs, WriteError, append, same_file, same_output};
use almen::diag::{Diag, FileId};
use almen::lang::Lang;
use almen::load::{Assessment, FileKind, Loader, display};
use almen::render::diagnostics::JsonDiag;
use almen::render::{self, Entry, Format, Unchecked};
use almen::score::{Checked, Severity};

pub struct Check {
    /// Assessment files and folders of them; none means `./almen.toml`.
    pub inputs: Vec<PathBuf>,
    pub format: Format,
    /// Where `format` goes; none means standard output.
    pub output: Option<PathBuf>,
    /// Further outputs of the same run: each format to its file.
    pub also: Vec<(Format, PathBuf)>,
    /// The GitHub Actions step summary (`GITHUB_STEP_SUMMARY`), to append
    /// the Markdown output to.
    pub step_summary: Option<PathBuf>,
    /// Every item, not only the gaps.
    pub all: bool,
    /// One row per assessment, worst first, and nothing else.
    pub summary: bool,
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
    let loaded = load(
        &mut loader,
        lang,
        inputs,
        &opts.checklists,
        &mut passed_over,
    );
    // What a folder walk passed over and the files that could not be
    // checked are said first; the others are still reported.
    let failed = loaded.iter().filter_map(|l| l.as_ref().err());
    let mut said: Vec<Diag> = passed_over
        .iter()
        .chain(failed.flat_map(|(_, d)| d))
        .cloned()
        .collect();

    // Every output is judged before any is written: a run writes all of
    // them or, when one may not be written, none.
    let files: Vec<(Format, &Path)> = opts
        .output
        .iter()
        .map(|path| (opts.format, path.as_path()))
        .chain(opts.also.iter().map(|(f, path)| (*f, path.as_path())))
        .collect();
    let paths: Vec<&Path> = files.iter().map(|(_, path)| *path).collect();
    let read = read_by(&loaded, &loader);
    let refused = refused_outputs(lang, &paths, &read);
    if !refused.is_empty() {
        said.extend(refused);
        return Err(Failure {
            sources: std::mem::take(&mut loader.sources),
            diags: said,
        });
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
    let render_opts = render::Options {
        lang,
        color: ctx.stdio.out_color,
        all: opts.all,
        width: ctx.stdio.width,
        fail_on: opts.fail_on,
        fail_under: opts.fail_under,
        delimiter: opts.delimiter,
        several,
        summary: opts.summary,
    };
    // A file holds what standard output redirected to it would, and is
    // written even when the one file given could not be checked (it then
    // lists that file as one that could not be), so that no output of an
    // earlier run is left looking like this run's.
    let file_opts = render::Options {
        color: ctx.stdio.file_color,
        width: ctx.stdio.file_width,
        ..render_opts
    };
    for (format, path) in &files {
        let mut bytes = Vec::new();
        render::render(*format, &entries, &file_opts, &mut bytes)
            .map_err(|e| diags::cannot_write(lang, Some(path), &e))?;
        write_file(lang, path, &bytes, true)?;
    }
    // On standard output, one file that could not be checked has only its
    // diagnostics (on standard error); several always have their output,
    // each file in it.
    let shown = several || matches!(entries.as_slice(), [Entry::Checked(_)]);
    if opts.output.is_none() && shown {
        ctx.write_out(|out| render::render(opts.format, &entries, &render_opts, out))?;
    }
    // In GitHub Actions, the Markdown goes on the run's summary page too.
    // Not being able to write it is a warning: the check itself was done.
    if let Some(summary) = &opts.step_summary {
        let own = read.iter().any(|r| same_file(r, summary))
            || paths.iter().any(|p| same_output(p, summary));
        let written = if own {
            Err(None)
        } else {
            let mut bytes = Vec::new();
            render::render(Format::Markdown, &entries, &file_opts, &mut bytes)
                .map_err(WriteError::Io)
                .and_then(|()| append(summary, &bytes))
                .map_err(Some)
        };
        if let Err(why) = written {
            let diag = diags::step_summary_not_written(lang, summary, why.as_ref());
            ctx.print_warnings(&[diag]);
        }
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

/// Each assessment a run was given, named or found in a folder, in path
/// order: loaded, or the file with the problems that stopped it.
pub(super) type Loaded = Vec<Result<Assessment, (PathBuf, Vec<Diag>)>>;

/// Finds and loads the assessments of `inputs`, files and folders of them,
/// with `checklists` added to those each names. What a folder walk passed
/// over is added to `passed_over`.
pub(super) fn load(
    loader: &mut Loader<'_>,
    lang: Lang,
    inputs: Vec<PathBuf>,
    checklists: &[String],
    passed_over: &mut Vec<Diag>,
) -> Loaded {
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
        for (path, read) in walk(lang, &input, passed_over) {
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

    found
        .into_iter()
        .map(|f| match f {
            Found::Named(path) => loader.assessment(&path, checklists).map_err(|d| (path, d)),
            Found::Read(path, id) => loader
                .assessment_at(id, &path, checklists)
                .map_err(|d| (path, d)),
            Found::Failed(path, d) => Err((path, d)),
        })
        .collect()
}

/// Every file the run read or was given: the assessments, those that could
/// not be checked, and their checklists. No output may replace one.
pub(super) fn read_by(
    loaded: &[Result<Assessment, (PathBuf, Vec<Diag>)>],
    loader: &Loader<'_>,
) -> Vec<PathBuf> {
    let mut read: Vec<PathBuf> = Vec::new();
    for l in loaded {
        match l {
            Ok(a) => {
                read.push(a.path.clone());
                read.extend(a.checklists.iter().filter_map(|c| c.path.clone()));
            }
            Err((path, _)) => read.push(path.clone()),
        }
    }
    // Checklists of assessments that could not be checked too.
    let sources = &loader.sources;
    read.extend((0..sources.len()).map(|id| PathBuf::from(sources.name(id))));
    read
}
