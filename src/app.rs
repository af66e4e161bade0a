//! One function per subcommand. The only place that touches the file
//! system, the clock and the terminal.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::cli::{CheckArgs, Cli, ColorArg, Command, FailOn, Format, LangArg};
use crate::diag::{Code, Diag};
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::load::{Evidence, Fs, Loaded, Loader};
use crate::render::{self, Checked, Options};
use crate::score::{self, Severity};

/// The real file system.
pub struct RealFs;

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if path.is_dir() {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        fs::read(path)
    }

    fn evidence(&self, base: &Path, entry: &str) -> Evidence {
        let path = base.join(entry);
        // Only the metadata is looked at; the file is never read.
        if fs::symlink_metadata(&path).is_err() {
            return Evidence::Missing;
        }
        // A link may lead out of the folder even when the path does not.
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        match (fs::canonicalize(base), fs::canonicalize(&path)) {
            (Ok(base), Ok(target)) if target.starts_with(&base) => Evidence::Found,
            (Ok(_), Ok(_)) => Evidence::Outside,
            _ => Evidence::Missing,
        }
    }
}

pub fn run(cli: Cli) -> Result<Exit> {
    let lang = match cli.lang {
        LangArg::Da => Lang::Da,
        LangArg::En => Lang::En,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = |terminal: bool| match cli.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => terminal && !no_color,
    };
    let stdout_color = color(io::stdout().is_terminal());
    let stderr_color = color(io::stderr().is_terminal());
    match cli.command {
        Command::Check(args) => check(args, lang, stdout_color, stderr_color),
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Width for tables: the terminal's, or a fixed one when the output goes
/// to a file or a pipe so that it does not depend on where it ran.
fn width() -> u16 {
    if io::stdout().is_terminal() {
        crossterm_width().unwrap_or(100)
    } else {
        120
    }
}

fn crossterm_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

fn check(args: CheckArgs, lang: Lang, color: bool, stderr_color: bool) -> Result<Exit> {
    let as_of = args.common.as_of.unwrap_or_else(today);
    let fs = RealFs;
    let mut loader = Loader::new(&fs, lang);
    let mut diags: Vec<Diag> = Vec::new();

    let inputs = if args.assessments.is_empty() {
        vec![PathBuf::from("almen.toml")]
    } else {
        args.assessments.clone()
    };
    let mut files = Vec::new();
    for input in &inputs {
        if input.is_dir() {
            let found = assessments_in(input)?;
            if found.is_empty() {
                diags.push(Diag::new(
                    Code::E016,
                    match lang {
                        Lang::Da => format!(
                            "ingen selvevalueringer i mappen `{}` (en selvevaluering er en .toml-fil med [organisation] og [assessment])",
                            input.display()
                        ),
                        Lang::En => format!(
                            "no assessments in the folder `{}` (an assessment is a .toml file with [organisation] and [assessment])",
                            input.display()
                        ),
                    },
                ));
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }

    let mut loaded: Vec<Loaded> = Vec::new();
    for file in &files {
        match loader.assessment(file, &args.common.checklists) {
            Ok(l) => loaded.push(l),
            Err(d) => diags.extend(d),
        }
    }

    if !diags.is_empty() {
        // In file order, then top to bottom, whatever order they were found in.
        diags.sort_by_key(|d| d.place.as_ref().map(|p| (p.file, p.span.start)));
        let mut err = io::stderr().lock();
        loader.sources.render(&diags, &mut err, stderr_color)?;
        let n = diags.len();
        writeln!(
            err,
            "{}",
            match lang {
                Lang::Da => format!(
                    "fejl: {n} {} i inddata; ret {} og kør igen",
                    if n == 1 { "problem" } else { "problemer" },
                    if n == 1 { "det" } else { "dem" }
                ),
                Lang::En => format!(
                    "error: {n} {} in the input; fix {} and run again",
                    if n == 1 { "problem" } else { "problems" },
                    if n == 1 { "it" } else { "them" }
                ),
            }
        )?;
    }

    let results: Vec<Checked<'_>> = loaded
        .iter()
        .map(|l| Checked {
            loaded: l,
            eval: score::evaluate(l, as_of),
        })
        .collect();

    if !results.is_empty() {
        let opts = Options {
            lang,
            color,
            all: args.all,
            width: width(),
        };
        let format = match args.format {
            Format::Table => render::Format::Table,
            Format::Json => render::Format::Json,
        };
        let mut out = BufWriter::new(io::stdout().lock());
        render::render(format, &results, &opts, &mut out).context("writing the result")?;
        out.flush().context("writing the result")?;
    }

    if !diags.is_empty() {
        return Ok(Exit::Error);
    }
    let threshold = match args.fail_on {
        FailOn::Critical => Some(Severity::Critical),
        FailOn::Major => Some(Severity::Major),
        FailOn::Minor => Some(Severity::Minor),
        FailOn::Never => None,
    };
    let failed = results.iter().any(|r| {
        let by_gap = matches!((threshold, r.eval.worst()), (Some(t), Some(w)) if w >= t);
        let by_score = args.fail_under.is_some_and(|p| r.eval.adherence < p);
        by_gap || by_score
    });
    Ok(if failed { Exit::Gaps } else { Exit::Ok })
}

/// The assessments in a folder and its subfolders, in name order. A file
/// is taken for an assessment when it has an `[organisation]` or
/// `[assessment]` table, so checklists and other TOML files beside them
/// are passed over.
fn assessments_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("reading the folder {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            found.extend(assessments_in(&path)?);
        } else if path.extension().is_some_and(|e| e == "toml") && looks_like_assessment(&path) {
            found.push(path);
        }
    }
    Ok(found)
}

fn looks_like_assessment(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|text| {
        text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("[organisation]") || l.starts_with("[assessment]")
        })
    })
}
