//! `almen check`: score assessments and print the gaps.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, or_default, today, walk};
use crate::fs::RealFs;
use almen::diag::Level;
use almen::load::{Assessment, FileKind, Loader};
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

    let inputs = or_default(opts.inputs);
    let several = inputs.len() > 1 || inputs.iter().any(|i| i.is_dir());
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push((input, None));
            continue;
        }
        // In a folder, the assessments are the files whose content says
        // so; checklists and other TOML files beside them are passed over.
        // A file that cannot be read or decoded could be an assessment:
        // it is reported, never passed over.
        let before = (files.len(), diags.len());
        for path in walk(lang, &input, &mut diags) {
            match loader.read_file(&path) {
                Ok(id) if loader.kind_of(id) == Some(FileKind::Assessment) => {
                    files.push((path, Some(id)));
                }
                Ok(_) => {}
                Err(d) => diags.extend(d),
            }
        }
        let errors = diags[before.1..]
            .iter()
            .any(|d| d.code.level() == Level::Error);
        if files.len() == before.0 && !errors {
            diags.push(diags::no_files_in(lang, &input));
        }
    }

    let mut loaded: Vec<Assessment> = Vec::new();
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
    // The files that could not be checked, and what a folder walk passed
    // over, are said first; the others are still reported.
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
            several,
        };
        ctx.write_out(|out| render::render(opts.format, &results, &render_opts, out))?;
    }

    if diags.iter().any(|d| d.code.level() == Level::Error) {
        return Ok(Exit::Error);
    }
    let failed = results.iter().any(|r| {
        let by_gap = matches!((opts.fail_on, r.eval.worst()), (Some(t), Some(w)) if w >= t);
        let by_score = opts.fail_under.is_some_and(|p| r.eval.adherence < p);
        by_gap || by_score
    });
    Ok(if failed { Exit::Gaps } else { Exit::Ok })
}
