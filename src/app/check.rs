//! `almen check`: score assessments and print the gaps.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, or_default, refused_outputs, today, walk};
use crate::fs::{AtomicFile, RealFs, WriteError, append, same_file, same_output};
use almen::diag::{Diag, Sources};
use almen::lang::Lang;
use almen::load::{Assessment, Loader, display, is_path, is_toml};
use almen::pool::{self, Go};
use almen::render::diagnostics::JsonDiag;
use almen::render::stream::{self, Memo, Part, Tally, Writer};
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
    /// How many assessments to check at once; none means one per core.
    pub threads: Option<usize>,
}

/// One step of a run, in path order: a file to check, or where a folder's
/// files begin and end (a folder with no assessment is an entry of its own).
enum Job {
    /// Named on the command line.
    Named(PathBuf),
    /// Found in a folder: checked when it is an assessment.
    Found(PathBuf),
    /// Found in a folder, but could not be looked at.
    Failed(PathBuf, Box<Diag>),
    FolderStart,
    FolderEnd(PathBuf),
}

/// What a job came to.
enum Done {
    /// Not an assessment (a checklist beside them): passed over.
    Skipped,
    FolderStart,
    FolderEnd(PathBuf),
    /// An entry of the output: a file checked, or one that could not be.
    Entry(Finished),
    /// A checked entry, written already; whether to go on.
    Written(Go),
}

/// An entry as every output has it, made on the thread that checked it.
struct Finished {
    /// Its part of each output, in the order of [`Sink`]s; or which one
    /// could not be made and why, which stops the run rather than leave
    /// the entry out.
    parts: Result<Vec<Part>, (usize, std::io::Error)>,
    /// Its diagnostics, for standard error, and how many.
    errors: Vec<u8>,
    problems: usize,
    checked: bool,
    fails: bool,
    /// The checklist files it read: no output may replace one.
    read: Vec<PathBuf>,
}

/// One output of the run, in a format.
struct Sink {
    format: Format,
    opts: render::Options,
}

/// What every job of a run needs to hand.
struct Run<'r> {
    lang: Lang,
    as_of: NaiveDate,
    checklists: &'r [String],
    sinks: &'r [Sink],
    /// How the exit code is decided.
    opts: render::Options,
    err_color: bool,
}

/// What each thread keeps from one job to the next: its loader, with the
/// checklists it has loaded, and what its renderers have made before.
struct Worker<'f> {
    loader: Loader<'f>,
    memo: Memo,
}

impl Run<'_> {
    /// Does a job. With `straight`, a checked entry is written by it at
    /// once ([`Done::Written`]), rather than made into parts.
    fn job(&self, w: &mut Worker<'_>, job: &Job, straight: Option<&mut Taker<'_>>) -> Done {
        let from = w.loader.sources.len();
        let loaded = match job {
            Job::Named(path) => w
                .loader
                .assessment(path, self.checklists)
                .map(Some)
                .map_err(|d| (path, d)),
            Job::Found(path) => w.loader.found(path, self.checklists).map_err(|d| (path, d)),
            Job::Failed(path, diag) => Err((path, vec![Diag::clone(diag)])),
            Job::FolderStart => return Done::FolderStart,
            Job::FolderEnd(folder) => return Done::FolderEnd(folder.clone()),
        };
        let done = match loaded {
            Ok(None) => Done::Skipped,
            Ok(Some(a)) => {
                let read = a.checklists.iter().filter_map(|k| k.path.clone()).collect();
                let entry = Entry::Checked(Checked::new(&a, self.as_of));
                match straight {
                    Some(taker) => Done::Written(taker.checked(&entry, &mut w.memo, read)),
                    None => Done::Entry(self.finish(&mut w.memo, &entry, read)),
                }
            }
            Err((path, diags)) => {
                Done::Entry(self.unchecked(&w.loader.sources, &mut w.memo, path, &diags))
            }
        };
        // The file is written out: its text is let go. Checklists stay.
        w.loader.release_since(from);
        done
    }

    /// The entry of a file that could not be checked.
    fn unchecked(
        &self,
        sources: &Sources,
        memo: &mut Memo,
        path: &Path,
        diags: &[Diag],
    ) -> Finished {
        let entry = Entry::Unchecked(Unchecked {
            file: display(path),
            diagnostics: diags.iter().map(|d| JsonDiag::new(sources, d)).collect(),
        });
        let mut errors = Vec::new();
        let _ =
            render::diagnostics::terminal(sources, diags, self.lang, self.err_color, &mut errors);
        let mut finished = self.finish(memo, &entry, Vec::new());
        finished.errors = errors;
        finished.problems = diags.len();
        finished
    }

    /// Each output's part of an entry, and what the run keeps of it.
    fn finish(&self, memo: &mut Memo, entry: &Entry<'_>, read: Vec<PathBuf>) -> Finished {
        let parts: Result<Vec<Part>, _> = self
            .sinks
            .iter()
            .enumerate()
            .map(|(i, s)| stream::part(s.format, entry, &s.opts, memo).map_err(|e| (i, e)))
            .collect();
        // Each part has the entry's tally: it is not made again.
        let made;
        let tally = match parts.as_ref().map(|p| p.first()) {
            Ok(Some(part)) => part.tally(),
            _ => {
                made = Tally::of(entry);
                &made
            }
        };
        Finished {
            checked: tally.scored.is_some(),
            fails: tally.fails(&self.opts),
            parts,
            errors: Vec::new(),
            problems: 0,
            read,
        }
    }
}

/// Where an output goes.
enum Destination {
    /// Standard output; `false` while it is to get nothing (one file asked
    /// for that could not be checked has only its diagnostics).
    Stdout(bool),
    File(AtomicFile, PathBuf),
    /// The GitHub Actions step summary, appended to at the end.
    StepSummary(Vec<u8>, PathBuf),
}

pub fn run(opts: Check, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let as_of = opts.as_of.unwrap_or_else(today);

    let inputs = or_default(opts.inputs);
    let given = inputs.len();
    // What a folder walk passed over: warnings, on standard error only.
    let mut passed_over = Vec::new();
    let mut run_jobs = jobs(lang, inputs, &mut passed_over);
    let several = given > 1
        || run_jobs
            .jobs
            .iter()
            .any(|job| matches!(job, Job::FolderStart));

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

    // Every output is judged before any is written: a run writes all of
    // them or, when one may not be written, none. The checklists the
    // assessments name are only known once they are read: an output that
    // is one of them is found before any output is made final.
    let files: Vec<(Format, &Path)> = opts
        .output
        .iter()
        .map(|path| (opts.format, path.as_path()))
        .chain(opts.also.iter().map(|(f, path)| (*f, path.as_path())))
        .collect();
    let paths: Vec<&Path> = files.iter().map(|(_, path)| *path).collect();
    // Checklists named on the command line are read too.
    run_jobs.named.extend(
        opts.checklists
            .iter()
            .filter(|c| is_path(c))
            .map(PathBuf::from),
    );
    let refused = refused_outputs_among(lang, &paths, &run_jobs);
    if !refused.is_empty() {
        return Err(Failure {
            sources: Sources::default(),
            diags: passed_over.into_iter().chain(refused).collect(),
        });
    }

    // One file is checked here; asking how many cores there are takes
    // longer than that.
    let threads = opts.threads.unwrap_or_else(|| {
        if run_jobs.jobs.len() > 1 {
            pool::threads()
        } else {
            1
        }
    });
    // At most one entry for each job.
    let entries = run_jobs.jobs.len();
    let mut outputs: Vec<(Writer, Destination)> = Vec::new();
    let mut sinks = Vec::new();
    let mut add = |format: Format, opts: render::Options, to: Destination| {
        sinks.push(Sink { format, opts });
        let writer = Writer::new(format, &opts).threads(threads).entries(entries);
        outputs.push((writer, to));
    };
    if opts.output.is_none() {
        add(opts.format, render_opts, Destination::Stdout(true));
    }
    for (format, path) in &files {
        let file = AtomicFile::create(path, true).map_err(|e| diags::not_written(lang, path, e))?;
        add(
            *format,
            file_opts,
            Destination::File(file, path.to_path_buf()),
        );
    }
    // In GitHub Actions, the Markdown goes on the run's summary page too,
    // but never into a file the run reads or writes.
    let mut summary_refused = false;
    if let Some(summary) = &opts.step_summary {
        let own = reads(summary, &run_jobs) || paths.iter().any(|p| same_output(p, summary));
        if own {
            summary_refused = true;
        } else {
            add(
                Format::Markdown,
                file_opts,
                Destination::StepSummary(Vec::new(), summary.clone()),
            );
        }
    }

    let mut err = ctx.stdio.err();
    let problems = passed_over.len();
    if !passed_over.is_empty() {
        let none = Sources::default();
        let _ =
            render::diagnostics::terminal(&none, &passed_over, lang, ctx.stdio.err_color, &mut err);
    }
    // An output that is there already and could be a checklist an
    // assessment names is only found to be one once they are read: until
    // then, standard output is held back, so that a refused run prints
    // nothing there.
    let hold = paths.iter().any(|p| is_toml(p) && p.is_file());
    let mut stdout = if hold {
        Stdout::Held(Vec::new())
    } else {
        Stdout::Direct(BufWriter::with_capacity(1 << 16, ctx.stdio.out()))
    };
    let run = Run {
        lang,
        as_of,
        checklists: &opts.checklists,
        sinks: &sinks,
        opts: render_opts,
        err_color: ctx.stdio.err_color,
    };
    let mut taker = Taker {
        run: &run,
        outputs: &mut outputs,
        stdout: &mut stdout,
        err: &mut err,
        tally: Totals::default(),
        problems,
        read: BTreeSet::new(),
        before_folder: Vec::new(),
        failed: None,
    };
    let fs = RealFs::default();
    let worker = || Worker {
        loader: Loader::new(&fs, lang),
        memo: Memo::default(),
    };
    if threads.min(run_jobs.jobs.len()) <= 1 {
        // In turn, each checked entry made straight into the outputs.
        let mut w = worker();
        for job in &run_jobs.jobs {
            let done = run.job(&mut w, job, Some(&mut taker));
            if taker.take(done) == Go::Stop {
                break;
            }
        }
    } else {
        pool::ordered(
            &run_jobs.jobs,
            threads,
            worker,
            |w, job| run.job(w, job, None),
            |done| taker.take(done),
        );
    }
    let Taker {
        tally,
        problems,
        read,
        failed,
        ..
    } = taker;
    if let Some((path, e)) = failed {
        return Err(diags::cannot_write(lang, path.as_deref(), &e).into());
    }
    if problems > passed_over.len() {
        // How many problems there were, after them all.
        let _ = render::diagnostics::count(problems, lang, &mut err);
    }

    // No output replaces a checklist an assessment named.
    let read: Vec<PathBuf> = read.into_iter().collect();
    let refused = refused_outputs(lang, &paths, &read);
    if !refused.is_empty() {
        return Err(Failure {
            sources: Sources::default(),
            diags: refused,
        });
    }
    let summary_refused = summary_refused
        || opts
            .step_summary
            .as_ref()
            .is_some_and(|s| read.iter().any(|r| same_file(r, s)));
    let mut summary = None;
    for (mut writer, to) in outputs {
        match to {
            Destination::Stdout(shown) => {
                let out: &mut dyn Write = if shown {
                    &mut stdout
                } else {
                    &mut std::io::sink()
                };
                writer
                    .finish(out)
                    .and_then(|()| stdout.release(ctx))
                    .map_err(|e| diags::cannot_write(lang, None, &e))?;
            }
            Destination::File(mut file, path) => writer
                .finish(&mut file)
                .map_err(WriteError::Io)
                .and_then(|()| file.commit())
                .map_err(|e| diags::not_written(lang, &path, e))?,
            Destination::StepSummary(mut bytes, path) => {
                // Into memory: it cannot fail to be written there.
                let _ = writer.finish(&mut bytes);
                summary = Some((path, bytes));
            }
        }
        // What the writer kept of each entry, thousands of values made on
        // other threads, is not freed one value at a time: the run ends
        // here, and its memory with it.
        std::mem::forget(writer);
    }
    // Not being able to write the step summary is a warning: the check
    // itself was done.
    if let Some(step) = &opts.step_summary {
        let written = match summary {
            Some((path, bytes)) if !summary_refused => append(&path, &bytes).map_err(Some),
            _ => Err(None),
        };
        if summary_refused || written.is_err() {
            let why = written.err().flatten();
            let diag = diags::step_summary_not_written(lang, step, why.as_ref());
            ctx.print_warnings(&[diag]);
        }
    }

    if tally.unchecked {
        return Ok(Exit::Error);
    }
    Ok(if tally.failed { Exit::Gaps } else { Exit::Ok })
}

/// Standard output, written as the run goes or held back to its end.
enum Stdout<W: Write> {
    Direct(BufWriter<W>),
    Held(Vec<u8>),
}

impl<W: Write> Stdout<W> {
    /// Writes what was held back, and what is left in the buffer.
    fn release(&mut self, ctx: &Context) -> std::io::Result<()> {
        match self {
            Stdout::Direct(out) => out.flush(),
            Stdout::Held(bytes) => {
                let mut out = ctx.stdio.out();
                out.write_all(bytes).and_then(|()| out.flush())
            }
        }
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stdout::Direct(out) => out.write(buf),
            Stdout::Held(bytes) => bytes.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Stdout::Direct(out) => out.write_all(buf),
            Stdout::Held(bytes) => bytes.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stdout::Direct(out) => out.flush(),
            Stdout::Held(_) => Ok(()),
        }
    }
}

/// What decides the exit code, entry by entry.
#[derive(Default)]
struct Totals {
    entries: usize,
    unchecked: bool,
    failed: bool,
}

/// What the run does with each job's result, in the order of the jobs:
/// keeps what decides the exit code, and writes each entry's part of
/// every output.
struct Taker<'t> {
    run: &'t Run<'t>,
    outputs: &'t mut [(Writer, Destination)],
    stdout: &'t mut dyn Write,
    err: &'t mut dyn Write,
    tally: Totals,
    /// How many problems were found, warnings of the walk included.
    problems: usize,
    /// The checklist files read: no output may replace one.
    read: BTreeSet<PathBuf>,
    /// For each folder being walked, how many entries there were before it.
    before_folder: Vec<usize>,
    /// The output that could not be written, and why: the run stops.
    failed: Option<(Option<PathBuf>, std::io::Error)>,
}

impl Taker<'_> {
    fn take(&mut self, done: Done) -> Go {
        let finished = match done {
            Done::Skipped => return Go::On,
            Done::Written(go) => return go,
            Done::FolderStart => {
                self.before_folder.push(self.tally.entries);
                return Go::On;
            }
            Done::FolderEnd(folder) => {
                if self.before_folder.pop() != Some(self.tally.entries) {
                    return Go::On;
                }
                // A folder with no assessment is an entry of its own;
                // what says so points into no file.
                let diag = diags::no_files_in(self.run.lang, &folder);
                self.run
                    .unchecked(&Sources::default(), &mut Memo::default(), &folder, &[diag])
            }
            Done::Entry(finished) => finished,
        };
        self.begin(finished.checked, finished.fails, finished.problems);
        self.read.extend(finished.read);
        if !finished.errors.is_empty() {
            let _ = self.err.write_all(&finished.errors);
        }
        let parts = match finished.parts {
            Ok(parts) => parts,
            Err((i, e)) => {
                self.failed = Some((self.outputs[i].1.path(), e));
                return Go::Stop;
            }
        };
        for ((writer, to), part) in self.outputs.iter_mut().zip(parts) {
            if let Err(e) = to.write(self.stdout, |out| writer.push(part, out)) {
                self.failed = Some((to.path(), e));
                return Go::Stop;
            }
        }
        Go::On
    }

    /// A checked entry, made straight into each output in its turn.
    fn checked(&mut self, entry: &Entry<'_>, memo: &mut Memo, read: Vec<PathBuf>) -> Go {
        let tally = Tally::of(entry);
        self.begin(true, tally.fails(&self.run.opts), 0);
        self.read.extend(read);
        for (writer, to) in self.outputs.iter_mut() {
            let written = to.write(self.stdout, |out| {
                writer.push_entry(entry, &tally, memo, out)
            });
            if let Err(e) = written {
                self.failed = Some((to.path(), e));
                return Go::Stop;
            }
        }
        Go::On
    }

    /// Counts an entry: what decides the exit code. The one file asked
    /// for, when it could not be checked, has nothing on standard output.
    fn begin(&mut self, checked: bool, fails: bool, problems: usize) {
        if self.tally.entries == 0 && !self.run.opts.several && !checked {
            for (_, to) in self.outputs.iter_mut() {
                if let Destination::Stdout(shown) = to {
                    *shown = false;
                }
            }
        }
        self.tally.entries += 1;
        self.tally.unchecked |= !checked;
        self.tally.failed |= fails;
        self.problems += problems;
    }
}

impl Destination {
    /// Hands `write` where this output's text goes.
    fn write<R>(&mut self, stdout: &mut dyn Write, write: impl FnOnce(&mut dyn Write) -> R) -> R {
        match self {
            Destination::Stdout(true) => write(stdout),
            Destination::Stdout(false) => write(&mut std::io::sink()),
            Destination::File(file, _) => write(file),
            Destination::StepSummary(bytes, _) => write(bytes),
        }
    }

    fn path(&self) -> Option<PathBuf> {
        match self {
            Destination::Stdout(_) => None,
            Destination::File(_, path) | Destination::StepSummary(_, path) => Some(path.clone()),
        }
    }
}

/// The jobs of a run, and the files it names.
struct Jobs {
    jobs: Vec<Job>,
    named: Vec<PathBuf>,
}

impl Jobs {
    /// The files the walks found (regular files, never links).
    fn walked(&self) -> impl Iterator<Item = &Path> {
        self.jobs.iter().filter_map(|job| match job {
            Job::Found(path) => Some(path.as_path()),
            _ => None,
        })
    }
}

/// The jobs of `inputs`, files and folders of them, in path order. What a
/// folder walk passed over is added to `passed_over`.
fn jobs(lang: Lang, inputs: Vec<PathBuf>, passed_over: &mut Vec<Diag>) -> Jobs {
    let (mut jobs, mut named) = (Vec::new(), Vec::new());
    for input in inputs {
        if !input.is_dir() {
            named.push(input.clone());
            jobs.push(Job::Named(input));
            continue;
        }
        // In a folder, the assessments are the files whose content says
        // so; checklists and other TOML files beside them are passed over.
        // A file that cannot be read or decoded could be an assessment:
        // it is one that could not be checked, never passed over.
        jobs.push(Job::FolderStart);
        let found = walk(lang, &input, passed_over);
        jobs.reserve(found.len() + 1);
        jobs.extend(found.into_iter().map(|(path, found)| match found {
            Ok(()) => Job::Found(path),
            Err(d) => Job::Failed(path, d),
        }));
        jobs.push(Job::FolderEnd(input));
    }
    Jobs { jobs, named }
}

/// Whether `path` is one of the files a run reads: one named, or one a
/// walk found. A walk finds regular files only, so one of them is the
/// file `path` leads to only if it has its name: only those are looked up.
fn reads(path: &Path, jobs: &Jobs) -> bool {
    let Ok(target) = std::fs::canonicalize(path) else {
        // Nothing there: nothing the run reads.
        return false;
    };
    let name = target.file_name();
    jobs.named.iter().any(|n| same_file(n, &target))
        || jobs
            .walked()
            .filter(|w| w.file_name() == name)
            .any(|w| same_file(w, &target))
}

/// [`refused_outputs`], against the files a run reads, without looking up
/// every one of thousands for each output.
fn refused_outputs_among(lang: Lang, outputs: &[&Path], jobs: &Jobs) -> Vec<Diag> {
    let read: Vec<PathBuf> = outputs
        .iter()
        .filter(|o| reads(o, jobs))
        .map(|o| o.to_path_buf())
        .collect();
    refused_outputs(lang, outputs, &read)
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
    let mut loaded = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            let result = loader.assessment(&input, checklists);
            loaded.push(result.map_err(|d| (input, d)));
            continue;
        }
        // In a folder, the assessments are the files whose content says
        // so; checklists and other TOML files beside them are passed over.
        // A file that cannot be read or decoded could be an assessment:
        // it is one that could not be checked, never passed over.
        let before = loaded.len();
        for (path, read) in walk(lang, &input, passed_over) {
            match read
                .map_err(|d| vec![*d])
                .and_then(|()| loader.found(&path, checklists))
            {
                Ok(Some(a)) => loaded.push(Ok(a)),
                Ok(None) => {}
                Err(d) => loaded.push(Err((path, d))),
            }
        }
        if loaded.len() == before {
            let diag = diags::no_files_in(lang, &input);
            loaded.push(Err((input, vec![diag])));
        }
    }
    loaded
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
