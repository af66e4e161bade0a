//! Diagnostics as the user reads them: the terminal form (code, message,
//! `file:line:column`, a snippet with a caret, the hint) with a closing
//! count, and the JSON form for scripts.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle};
use codespan_reporting::term::{self, Config, termcolor};
use serde::Serialize;

use super::Format;
use super::quote::Quoted;
use super::text::visible;
use crate::diag::{Code, Diag, Level, Sources};
use crate::lang::Lang;

/// Writes diagnostics as the terminal shows them: level and code
/// (`fejl[E009]`, `advarsel[W001]`; `error[E009]`, `warning[W001]` in
/// English), message, `file:line:column`, the snippet with a caret (see
/// [`super::quote`]), and the hint. The user's text in each is shown, never
/// obeyed.
pub fn terminal(
    sources: &Sources,
    diags: &[Diag],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    let quoted = Quoted::new(sources, diags);
    for diag in diags {
        let mut d = match diag.code.level() {
            Level::Error => Diagnostic::error(),
            Level::Warning => Diagnostic::warning(),
        }
        .with_code(diag.code.as_str())
        .with_message(visible(&diag.message));
        if let Some(place) = &diag.place {
            let mut labels = vec![
                Label::new(LabelStyle::Primary, place.file, quoted.span(place))
                    .with_message(visible(&diag.label)),
            ];
            labels.extend(diag.related.iter().map(|(p, msg)| {
                Label::secondary(p.file, quoted.span(p)).with_message(visible(msg))
            }));
            d = d.with_labels(labels);
        }
        if let Some(hint) = &diag.hint {
            d = d.with_notes(vec![visible(hint)]);
        }
        let mut shown = Vec::new();
        let result = if color {
            let mut ansi = termcolor::Ansi::new(&mut shown);
            term::emit_to_write_style(&mut ansi, &config, &quoted, &d)
        } else {
            term::emit_to_io_write(&mut shown, &config, &quoted, &d)
        };
        result.map_err(|e| match e {
            codespan_reporting::files::Error::Io(e) => e,
            other => io::Error::other(other.to_string()),
        })?;
        out.write_all(&in_lang(shown, diag.code, lang))?;
    }
    Ok(())
}

/// A diagnostic as codespan-reporting wrote it, with its level in the
/// reader's language. codespan-reporting writes the level in English
/// only, first thing (after the colour, if any): `error[E009]: …`.
fn in_lang(shown: Vec<u8>, code: Code, lang: Lang) -> Vec<u8> {
    let english = match code.level() {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let word = level_word(code.level(), lang);
    if word == english {
        return shown;
    }
    let head = format!("{english}[{}]", code.as_str());
    let Some(at) = shown.windows(head.len()).position(|w| w == head.as_bytes()) else {
        return shown;
    };
    let mut out = Vec::with_capacity(shown.len() + 8);
    out.extend_from_slice(&shown[..at]);
    out.extend_from_slice(word.as_bytes());
    out.extend_from_slice(&shown[at + english.len()..]);
    out
}

/// `fejl`/`advarsel`, `error`/`warning`: a level as the reader's language
/// says it, in front of a code and in `validate --explain`.
pub fn level_word(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Error => lang.pick("fejl", "error"),
        Level::Warning => lang.pick("advarsel", "warning"),
    }
}

/// Problems that stopped a command: each one, then how many there were.
pub fn errors(
    sources: &Sources,
    diags: &[Diag],
    lang: Lang,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    terminal(sources, diags, lang, color, out)?;
    let in_files = diags.iter().any(|d| d.code.in_the_input());
    closing(diags.len(), in_files, lang, out)
}

/// How many problems there were in the files read: the line that closes
/// them.
pub fn count(n: usize, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    closing(n, true, lang, out)
}

fn closing(n: usize, in_files: bool, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    match lang {
        Lang::Da => writeln!(
            out,
            "fejl: {n} {}{}; ret {} og kør igen",
            if n == 1 { "problem" } else { "problemer" },
            if in_files { " i inddata" } else { "" },
            if n == 1 { "det" } else { "dem" }
        ),
        Lang::En => writeln!(
            out,
            "error: {n} {}{}; fix {} and run again",
            if n == 1 { "problem" } else { "problems" },
            if in_files { " in the input" } else { "" },
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

/// A diagnostic as scripts read it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonDiag<'a> {
    pub file: &'a str,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub code: &'static str,
    pub severity: Level,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

impl<'a> JsonDiag<'a> {
    pub fn new(sources: &'a Sources, d: &'a Diag) -> Self {
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
    }
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
            terminal(sources, diags, lang, color, out)?;
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
        _ => {
            let doc = Document {
                files,
                errors,
                warnings,
                diagnostics: diags.iter().map(|d| JsonDiag::new(sources, d)).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
            writeln!(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_is_in_the_readers_language() {
        let e009 = Code::E009;
        let shown = b"error[E009]: ukendt v\xc3\xa6rdi `error[E009]`\n".to_vec();
        assert_eq!(
            String::from_utf8(in_lang(shown.clone(), e009, Lang::Da)).unwrap(),
            "fejl[E009]: ukendt værdi `error[E009]`\n"
        );
        assert_eq!(
            in_lang(shown, e009, Lang::En),
            b"error[E009]: ukendt v\xc3\xa6rdi `error[E009]`\n"
        );
        let coloured = b"\x1b[1;33mwarning[W001]\x1b[0m: x\n".to_vec();
        assert_eq!(
            in_lang(coloured, Code::W001, Lang::Da),
            b"\x1b[1;33madvarsel[W001]\x1b[0m: x\n"
        );
    }
}
