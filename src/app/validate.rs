//! `almen validate`: check checklist and assessment files and print every
//! problem, errors and warnings alike.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, or_default, today, walk};
use crate::fs::RealFs;
use almen::diag::{Code, Diag, Level, did_you_mean};
use almen::lint;
use almen::load::{self, Loaded, Loader};
use almen::render::{self, Format};

pub struct Validate {
    /// Files and folders of them; none means `./almen.toml`.
    pub files: Vec<PathBuf>,
    pub format: Format,
    /// Warnings make the exit code 1.
    pub deny_warnings: bool,
    /// Only say what this code means.
    pub explain: Option<String>,
    pub as_of: Option<NaiveDate>,
    /// Checklists added to those each assessment names.
    pub checklists: Vec<String>,
}

pub fn run(opts: Validate, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    if let Some(code) = &opts.explain {
        let Some(found) = Code::parse(code) else {
            let meant = did_you_mean(code, Code::ALL.iter().map(|c| c.as_str()));
            return Err(diags::unknown_code(lang, code, meant).into());
        };
        ctx.write_out(|out| render::explain::explain(found, lang, out))?;
        return Ok(Exit::Ok);
    }
    let as_of = opts.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);

    // Files named on the command line are checked whatever they hold; in a
    // folder, only TOML files that look like almen's are.
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let mut diags: Vec<Diag> = Vec::new();
    for input in or_default(opts.files) {
        if !input.is_dir() {
            files.push((input, true));
            continue;
        }
        let before = (files.len(), diags.len());
        for (path, read) in walk(lang, &input, &mut diags) {
            match read {
                Ok(()) => files.push((path, false)),
                Err(d) => diags.push(*d),
            }
        }
        let errors = diags[before.1..]
            .iter()
            .any(|d| d.code.level() == Level::Error);
        if files.len() == before.0 && !errors {
            diags.push(diags::no_files_in(lang, &input));
        }
    }

    let mut checked: Vec<String> = Vec::new();
    for (path, named) in &files {
        let file_id = match loader.read_file(path) {
            Ok(id) => id,
            Err(d) => {
                diags.extend(d);
                checked.push(load::display(path));
                continue;
            }
        };
        let Some(loaded) = loader.any_at(file_id, path, &opts.checklists, *named) else {
            continue;
        };
        checked.push(load::display(path));
        let mut found = match loaded {
            Ok(Loaded::Checklist(c)) => lint::checklist(&c, lang),
            Ok(Loaded::Assessment(a)) => lint::assessment(&a, as_of, lang),
            Err(d) => d,
        };
        load::sort(&mut found);
        diags.extend(found);
    }
    let errors = diags
        .iter()
        .filter(|d| d.code.level() == Level::Error)
        .count();
    let warnings = diags.len() - errors;
    ctx.write_out(|out| {
        render::diagnostics::validate(
            &loader.sources,
            &diags,
            &checked,
            opts.format,
            lang,
            ctx.stdio.out_color,
            out,
        )
    })?;
    Ok(if errors > 0 {
        Exit::Error
    } else if warnings > 0 && opts.deny_warnings {
        Exit::Gaps
    } else {
        Exit::Ok
    })
}
