//! Mistakes in the command line, said in the user's language: clap's own
//! words are English, and Danish is the default of everything almen
//! prints. The language is known before the arguments are parsed, so that
//! a value parser can word its error in it; clap's errors are worded here
//! from what clap found (the argument, the value, the values allowed).

use std::io::Write;

use almen::lang::Lang;

/// The language, and whether `--lang` was written on the command line.
static EARLY_LANG: std::sync::OnceLock<(Lang, bool)> = std::sync::OnceLock::new();

/// The language argument errors are worded in, known before the
/// arguments are parsed (a value parser words its error before `--lang`
/// has a value): `--lang` as written, else `ALMEN_LANG`, else Danish.
pub fn early_lang() -> Lang {
    early().0
}

/// [`early_lang`], and whether `--lang` was written. The arguments are
/// read as the system gives them: one that is not UTF-8 (a file name) is
/// no `--lang`, and no reason to stop.
fn early() -> (Lang, bool) {
    *EARLY_LANG.get_or_init(|| {
        let mut args = std::env::args_os().skip(1);
        let mut written = None;
        while let Some(arg) = args.next() {
            let arg = arg.to_string_lossy().into_owned();
            if arg == "--" {
                break;
            }
            if arg == "--lang" {
                written = Some(args.next().map(|v| v.to_string_lossy().into_owned()));
            } else if let Some(v) = arg.strip_prefix("--lang=") {
                written = Some(Some(v.to_owned()));
            }
        }
        let was_written = written.is_some();
        let env = std::env::var("ALMEN_LANG").ok();
        let lang = match written.flatten().or(env).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Da,
        };
        (lang, was_written)
    })
}

/// A text of a value parser's error in the language of [`early_lang`].
pub fn say(da: String, en: String) -> String {
    match early_lang() {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// Prints a mistake in the arguments with its hint and the command that
/// says more (`help`), and exits 2, as clap does.
pub fn said(lang: Lang, message: &str, hint: Option<&str>, help: &str) -> ! {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}: {message}", lang.pick("fejl", "error"));
    if let Some(hint) = hint {
        let _ = writeln!(err, "  = {hint}");
    }
    let _ = writeln!(
        err,
        "\n{} {help}",
        lang.pick("Mere hjælp:", "For more information, try")
    );
    std::process::exit(2)
}

/// A clap error in Danish: what is wrong, and how to put it right.
pub fn danish(e: &clap::Error) -> (String, Option<String>) {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let list = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    // `--fail-on <FAIL_ON>` is named `--fail-on`.
    let arg = text(ContextKind::InvalidArg)
        .map(|a| a.split(' ').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let suggested = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(vec![s.clone()]),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.clone()),
        _ => None,
    };
    let meant = suggested(ContextKind::SuggestedArg)
        .or_else(|| suggested(ContextKind::SuggestedSubcommand))
        .or_else(|| suggested(ContextKind::SuggestedValue))
        .map(|s| {
            let quoted: Vec<String> = s.iter().map(|s| format!("`{s}`")).collect();
            format!("mente du {}?", quoted.join(" eller "))
        });
    // `ALMEN_LANG=de` was never typed as `--lang de`.
    let from_env = arg == "--lang" && !early().1;
    match e.kind() {
        ErrorKind::InvalidValue if from_env => (
            format!("ugyldigt sprog `{value}` i miljøvariablen ALMEN_LANG"),
            Some(format!("mulige værdier: {}", list(ContextKind::ValidValue))),
        ),
        ErrorKind::InvalidValue => (
            if value.is_empty() {
                format!("`{arg}` mangler en værdi")
            } else {
                format!("ugyldig værdi `{value}` for `{arg}`")
            },
            {
                let valid = list(ContextKind::ValidValue);
                match (meant, valid.is_empty()) {
                    (Some(m), false) => Some(format!("{m} Mulige værdier: {valid}")),
                    (Some(m), true) => Some(m),
                    (None, false) => Some(format!("mulige værdier: {valid}")),
                    (None, true) => None,
                }
            },
        ),
        ErrorKind::ValueValidation => (
            format!("ugyldig værdi `{value}` for `{arg}`"),
            std::error::Error::source(e).map(|why| number_in_danish(&why.to_string())),
        ),
        ErrorKind::UnknownArgument => (
            format!("ukendt tilvalg `{arg}`"),
            meant.or_else(|| {
                Some(format!(
                    "skal `{arg}` være en værdi, fx et filnavn, så skriv `-- {arg}`"
                ))
            }),
        ),
        ErrorKind::InvalidSubcommand => (
            format!(
                "ukendt kommando `{}`",
                text(ContextKind::InvalidSubcommand).unwrap_or_default()
            ),
            meant.or_else(|| Some("se kommandoerne med almen --help".to_owned())),
        ),
        ErrorKind::MissingRequiredArgument => (
            format!("mangler argumentet {}", list(ContextKind::InvalidArg)),
            None,
        ),
        ErrorKind::MissingSubcommand => ("mangler en kommando".to_owned(), None),
        ErrorKind::ArgumentConflict => (
            match text(ContextKind::PriorArg) {
                Some(prior) => format!("`{arg}` kan ikke bruges sammen med `{prior}`"),
                None => format!("`{arg}` kan ikke bruges her"),
            },
            None,
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            (format!("forkert antal værdier for `{arg}`"), None)
        }
        ErrorKind::InvalidUtf8 => ("et argument er ikke gyldig UTF-8".to_owned(), None),
        _ => (
            "ugyldige argumenter".to_owned(),
            Some(
                e.render()
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
            ),
        ),
    }
}

/// clap's words for a number it could not read (`--port`, `-j`), in
/// Danish; any other text (a value parser's own, already in Danish) as it
/// is.
fn number_in_danish(why: &str) -> String {
    match why {
        "invalid digit found in string" | "cannot parse integer from empty string" => {
            "skriv et helt tal".to_owned()
        }
        "number too large to fit in target type" => "tallet er for stort".to_owned(),
        _ => match why.split_once(" is not in ").and_then(|(v, r)| {
            let (from, to) = r.split_once("..=")?;
            Some((v, from, to))
        }) {
            Some((v, from, to)) => format!("`{v}` ligger ikke mellem {from} og {to}"),
            None => why.to_owned(),
        },
    }
}
