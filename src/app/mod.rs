//! The command layer: one file per command, and the steps they share.
//!
//! This is where the file system ([`crate::fs`]), the clock and the
//! terminal ([`stdio`]) meet the library. A command gets its options as
//! domain types (the command line is turned into them in `cli.rs`), runs the
//! library's one-way flow — load, score, render — and returns an [`Exit`].
//! Everything a user can see go wrong is a diagnostic, printed in one place
//! ([`run`]); nothing here prints an error of its own.

mod calendar;
mod catalog;
mod check;
pub mod diags;
mod diff;
mod exit;
mod init;
mod report;
mod several;
mod stdio;
mod validate;

pub use calendar::Calendar;
pub use catalog::{List, Show};
pub use check::Check;
pub use diff::Diff;
pub use exit::Exit;
pub use init::Init;
#[cfg(feature = "serve")]
pub use init::template;
pub use report::Report;
pub use stdio::Color;
pub use validate::Validate;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::fs::{is_special, same_file, same_output, toml_files_in, write_atomic};
use almen::diag::{Diag, Sources};
use almen::lang::Lang;
use almen::load::{BUILTINS, Checklist, Loader};
use almen::render;
use almen::schema::Described;
use stdio::Stdio;

/// A command, with its options.
pub enum Command {
    Check(Check),
    Report(Report),
    Validate(Validate),
    Init(Init),
    List(List),
    Show(Show),
    /// The coming deadlines as iCalendar.
    Calendar(Calendar),
    /// The JSON Schema of a file format, or of `check`'s JSON.
    Schema(Described),
    Diff(Diff),
    /// A text made from the command line's own definition (completions,
    /// the man page), printed as it is.
    Print(Vec<u8>),
    /// A command that lives above this layer (`almen serve`) and uses it:
    /// run with the same context, its failure printed the same way.
    #[cfg(feature = "serve")]
    Above(Above),
}

/// A command from above this layer, as [`Command::Above`] runs it.
#[cfg(feature = "serve")]
pub type Above = Box<dyn FnOnce(&Context) -> Result<Exit, Failure>>;

/// What every command has to hand.
pub struct Context {
    pub lang: Lang,
    pub stdio: Stdio,
}

/// What stopped a command: its diagnostics, with the texts they point into.
pub struct Failure {
    pub sources: Sources,
    pub diags: Vec<Diag>,
}

impl From<Diag> for Failure {
    fn from(diag: Diag) -> Self {
        Failure {
            sources: Sources::default(),
            diags: vec![diag],
        }
    }
}

/// Runs a command and prints what stopped it, if anything.
pub fn run(command: Command, lang: Lang, color: Color) -> Exit {
    let ctx = Context {
        lang,
        stdio: Stdio::new(color),
    };
    let result = match command {
        Command::Check(opts) => check::run(opts, &ctx),
        Command::Report(opts) => report::run(opts, &ctx),
        Command::Validate(opts) => validate::run(opts, &ctx),
        Command::Init(opts) => init::run(opts, &ctx),
        Command::List(opts) => catalog::list(opts, &ctx),
        Command::Show(opts) => catalog::show(opts, &ctx),
        Command::Calendar(opts) => calendar::run(opts, &ctx),
        Command::Schema(kind) => catalog::schema(kind, &ctx),
        Command::Diff(opts) => diff::run(opts, &ctx),
        Command::Print(bytes) => ctx
            .write_out(|out| out.write_all(&bytes))
            .map(|()| Exit::Ok),
        #[cfg(feature = "serve")]
        Command::Above(run) => run(&ctx),
    };
    match result {
        Ok(exit) => exit,
        Err(failure) => {
            ctx.print_diagnostics(&failure.sources, &failure.diags);
            Exit::Error
        }
    }
}

impl Context {
    /// Prints diagnostics and the closing count to standard error. Should
    /// standard error itself fail, there is nowhere left to say so; the
    /// exit code still does.
    pub fn print_diagnostics(&self, sources: &Sources, diags: &[Diag]) {
        let mut err = self.stdio.err();
        let _ =
            render::diagnostics::errors(sources, diags, self.lang, self.stdio.err_color, &mut err);
    }

    /// Prints warnings to standard error, without the closing count of
    /// problems: they stop nothing.
    pub fn print_warnings(&self, diags: &[Diag]) {
        let mut err = self.stdio.err();
        let _ = render::diagnostics::terminal(
            &Sources::default(),
            diags,
            self.lang,
            self.stdio.err_color,
            &mut err,
        );
    }

    /// Prints warnings that point into the files read to standard error,
    /// without the closing count of problems: they stop nothing.
    pub fn print_warnings_in(&self, sources: &Sources, diags: &[Diag]) {
        let mut err = self.stdio.err();
        let _ = render::diagnostics::terminal(
            sources,
            diags,
            self.lang,
            self.stdio.err_color,
            &mut err,
        );
    }

    /// Writes a command's output to standard output; a write that fails
    /// (a full disk behind a redirection) is a diagnostic.
    pub fn write_out(
        &self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Failure> {
        let mut out = BufWriter::new(self.stdio.out());
        write(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| diags::cannot_write(self.lang, None, &e).into())
    }
}

/// Writes an output file atomically; what stops it is a diagnostic.
fn write_file(lang: Lang, path: &Path, bytes: &[u8], replace: bool) -> Result<(), Failure> {
    write_atomic(path, bytes, replace).map_err(|e| diags::not_written(lang, path, e).into())
}

/// What stops outputs from being written, before any is: one that is one of
/// the `inputs`, one named twice, one that is not a regular file. Each
/// output is judged once, by its first problem.
fn refused_outputs(lang: Lang, outputs: &[&Path], inputs: &[PathBuf]) -> Vec<Diag> {
    let mut diags = Vec::new();
    let mut twice: Vec<&Path> = Vec::new();
    for (i, &output) in outputs.iter().enumerate() {
        if outputs[..i].iter().any(|o| same_output(o, output)) {
            if !twice.iter().any(|o| same_output(o, output)) {
                diags.push(diags::output_twice(lang, output));
                twice.push(output);
            }
        } else if inputs.iter().any(|input| same_file(input, output)) {
            diags.push(diags::output_is_input(lang, output));
        } else if is_special(output) {
            diags.push(diags::output_not_a_file(lang, output));
        }
    }
    diags
}

/// The as-of date when none is given.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The files a command reads when none are named.
fn or_default(inputs: Vec<PathBuf>) -> Vec<PathBuf> {
    if inputs.is_empty() {
        vec![PathBuf::from("almen.toml")]
    } else {
        inputs
    }
}

/// The `.toml` files of a folder in path order, each `Ok`, and where they
/// sort among them, the entries that could not be read (a folder, mostly),
/// each with its error. What the walk passed over is a warning in `diags`:
/// nothing is skipped in silence.
fn walk(lang: Lang, folder: &Path, diags: &mut Vec<Diag>) -> Vec<(PathBuf, Result<(), Box<Diag>>)> {
    let walk = toml_files_in(folder);
    for (path, why) in &walk.passed_over {
        diags.push(diags::passed_over(lang, path, *why));
    }
    let mut found: Vec<(PathBuf, Result<(), Box<Diag>>)> =
        Vec::with_capacity(walk.files.len() + walk.unreadable.len());
    found.extend(walk.files.into_iter().map(|path| (path, Ok(()))));
    // The walk found the files in path order: only what could not be
    // read is put in its place among them.
    if !walk.unreadable.is_empty() {
        for (path, e) in walk.unreadable {
            let diag = diags::folder_unreadable(lang, &path, &e);
            found.push((path, Err(Box::new(diag))));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
    }
    found
}

/// Every built-in checklist, by id, for `list` and `show`.
fn all_builtins() -> Vec<&'static str> {
    BUILTINS.iter().map(|b| b.id).collect()
}

/// Loads checklists named on the command line, after the given built-in
/// ones (each once).
fn load_checklists(
    loader: &mut Loader<'_>,
    builtins: &[&str],
    names: &[String],
) -> Result<Vec<Arc<Checklist>>, Failure> {
    let mut all: Vec<String> = builtins
        .iter()
        .filter(|b| !names.iter().any(|n| n == *b))
        .map(|b| (*b).to_owned())
        .collect();
    all.extend(names.iter().cloned());
    let mut diags = Vec::new();
    let mut out = Vec::new();
    for name in &all {
        match loader.checklist_by_name(name) {
            Ok(c) => out.push(c),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Failure {
            sources: std::mem::take(&mut loader.sources),
            diags,
        })
    }
}
