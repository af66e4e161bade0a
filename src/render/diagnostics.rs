//! Diagnostics as the user reads them: the terminal form (a snippet with a
//! caret per problem, see [`Sources::render`]) with a closing count, and
//! `validate --format json` for scripts.

use std::io::{self, Write};

use serde::Serialize;

use crate::diag::{Diag, Level, Sources};
use crate::i18n::Lang;

/// The formats of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// Problems that stopped a command: each one, then how many there were.
pub fn errors(
    sources: &Sources,
    diags: &[Diag],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    sources.render(diags, out, color)?;
    let n = diags.len();
    match lang {
        Lang::Da => writeln!(
            out,
            "fejl: {n} {} i inddata; ret {} og kør igen",
            if n == 1 { "problem" } else { "problemer" },
            if n == 1 { "det" } else { "dem" }
        ),
        Lang::En => writeln!(
            out,
            "error: {n} {} in the input; fix {} and run again",
            if n == 1 { "problem" } else { "problems" },
            if n == 1 { "it" } else { "them" }
        ),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    files: &'a [String],
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiag<'a>>,
}

#[derive(Serialize)]
struct JsonDiag<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    code: &'static str,
    severity: Level,
    message: &'a str,
    hint: Option<&'a str>,
}

/// What `validate` found in `files`: every diagnostic, then the count.
pub fn validate(
    sources: &Sources,
    diags: &[Diag],
    files: &[String],
    format: Format,
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let errors = diags
        .iter()
        .filter(|d| d.code.level() == Level::Error)
        .count();
    let warnings = diags.len() - errors;
    match format {
        Format::Table => {
            sources.render(diags, out, color)?;
            let n = files.len();
            match lang {
                Lang::Da => writeln!(
                    out,
                    "{n} {} tjekket: {errors} fejl, {warnings} {}",
                    if n == 1 { "fil" } else { "filer" },
                    if warnings == 1 {
                        "advarsel"
                    } else {
                        "advarsler"
                    }
                ),
                Lang::En => writeln!(
                    out,
                    "{n} {} checked: {errors} {}, {warnings} {}",
                    if n == 1 { "file" } else { "files" },
                    if errors == 1 { "error" } else { "errors" },
                    if warnings == 1 { "warning" } else { "warnings" }
                ),
            }
        }
        Format::Json => {
            let diagnostics = diags
                .iter()
                .map(|d| {
                    let (file, line, column) = match &d.place {
                        Some(p) => {
                            let (l, c) = sources.line_col(p);
                            (sources.name(p.file), Some(l), Some(c))
                        }
                        None => (d.subject.as_deref().unwrap_or(""), None, None),
                    };
                    JsonDiag {
                        file,
                        line,
                        column,
                        code: d.code.as_str(),
                        severity: d.code.level(),
                        message: &d.message,
                        hint: d.hint.as_deref(),
                    }
                })
                .collect();
            let doc = Document {
                files,
                errors,
                warnings,
                diagnostics,
            };
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
            writeln!(out)
        }
    }
}
