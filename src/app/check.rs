//! `almen check`: score assessments and print the gaps.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, or_default, today};
use crate::fs::{RealFs, toml_files_in};
use almen::load::{FileKind, Loaded, Loader};
use almen::render::{self, Format};
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

pub fn run(opts: Check, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let mut diags = Vec::new();

    let mut files = Vec::new();
    for input in or_default(opts.inputs) {
        if !input.is_dir() {
            files.push((input, None));
            continue;
        }
        // In a folder, the assessments are the files whose content says
        // so; checklists and other TOML files beside them are passed over.
        let before = files.len();
        match toml_files_in(&input) {
            Ok(paths) => {
                for path in paths {
                    if let Ok(id) = loader.read_file(&path)
                        && loader.kind_of(id) == Some(FileKind::Assessment)
                    {
                        files.push((path, Some(id)));
                    }
                }
                if files.len() == before {
                    diags.push(diags::no_files_in(lang, &input));
                }
            }
            Err(e) => diags.push(diags::folder_unreadable(lang, &input, &e)),
        }
    }

    let mut loaded: Vec<Loaded> = Vec::new();
    for (file, id) in files {
        let result = match id {
            Some(id) => loader.assessment_at(id, &file, &opts.checklists),
            None => loader.assessment(&file, &opts.checklists),
        };
        match result {
            Ok(l) => loaded.push(l),
            Err(d) => diags.extend(d),
        }
    }
    // The files that could not be checked are said first; the others are
    // still reported.
    if !diags.is_empty() {
        ctx.print_diagnostics(&loader.sources, &diags);
    }

    let results: Vec<Checked<'_>> = loaded.iter().map(|l| Checked::new(l, as_of)).collect();
    if !results.is_empty() {
        let render_opts = render::Options {
            lang,
            color: ctx.stdio.out_color,
            all: opts.all,
            width: ctx.stdio.width,
            fail_on: opts.fail_on,
            delimiter: opts.delimiter,
        };
        ctx.write_out(|out| render::render(opts.format, &results, &render_opts, out))?;
    }

    if !diags.is_empty() {
        return Ok(Exit::Error);
    }
    let failed = results.iter().any(|r| {
        let by_gap = matches!((opts.fail_on, r.eval.worst()), (Some(t), Some(w)) if w >= t);
        let by_score = opts.fail_under.is_some_and(|p| r.eval.adherence < p);
        by_gap || by_score
    });
    Ok(if failed { Exit::Gaps } else { Exit::Ok })
}
