//! One function per subcommand. The only place that touches the file
//! system, the clock and the terminal.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;

use clap::CommandFactory;

use crate::cli::{
    CheckArgs, Cli, ColorArg, Command, DiagFormat, FailOn, Format, InitArgs, LangArg, ListArgs,
    ReportArgs, ReportFormat, SchemaKind, ShowArgs, ValidateArgs,
};
use crate::diag::{Code, Diag, Level, Sources, did_you_mean};
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::load;
use crate::load::{BUILTINS, Checklist, Evidence, FileKind, Fs, Loaded, Loader};
use crate::render::{self, Checked, Options};
use crate::score::{self, Severity};
use crate::{lint, schema, template};

/// The real file system.
#[derive(Default)]
pub struct RealFs {
    /// Each assessment folder, resolved once however much evidence it has.
    folders: RefCell<HashMap<PathBuf, Option<PathBuf>>>,
}

impl Fs for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if path.is_dir() {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        fs::read(path)
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        fs::canonicalize(path).ok()
    }

    fn evidence(&self, base: &Path, entry: &str) -> Evidence {
        let path = base.join(entry);
        // Only the metadata is looked at; the file is never read.
        let Ok(meta) = fs::symlink_metadata(&path) else {
            return Evidence::Missing;
        };
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        let folder = self
            .folders
            .borrow_mut()
            .entry(base.to_path_buf())
            .or_insert_with(|| fs::canonicalize(base).ok())
            .clone();
        // The entry itself stays inside (the loader checked its `..`s); a
        // link on the way, or the file itself, may lead out of the folder.
        let plain = !meta.file_type().is_symlink()
            && Path::new(entry)
                .parent()
                .is_none_or(|p| p.as_os_str().is_empty());
        if plain {
            return Evidence::Found;
        }
        match (folder, fs::canonicalize(&path)) {
            (Some(folder), Ok(target)) if target.starts_with(&folder) => Evidence::Found,
            (Some(_), Ok(_)) => Evidence::Outside,
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
        Command::Report(args) => report(args, lang, stderr_color),
        Command::Validate(args) => validate(args, lang, stdout_color),
        Command::Init(args) => init(args, lang),
        Command::List(args) => list(args, lang, stdout_color, stderr_color),
        Command::Show(args) => show(args, lang, stderr_color),
        Command::Schema(args) => {
            let kind = match args.kind {
                SchemaKind::Checklist => FileKind::Checklist,
                SchemaKind::Assessment => FileKind::Assessment,
            };
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &schema::schema(kind))?;
            writeln!(out)?;
            Ok(Exit::Ok)
        }
        Command::Completions(args) => {
            // Generated into memory: clap_complete cannot report a failed write.
            let mut bytes = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "almen", &mut bytes);
            write_stdout(&bytes)
        }
        Command::Man => {
            let mut bytes = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut bytes)?;
            write_stdout(&bytes)
        }
    }
}

/// Writes a command's whole output; a reader that stops early is no error.
fn write_stdout(bytes: &[u8]) -> Result<Exit> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Exit::Ok),
        other => {
            other.context("writing to standard output")?;
            Ok(Exit::Ok)
        }
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
    let fs = RealFs::default();
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
            // In a folder, the assessments are the files whose content says
            // so; checklists and other TOML files beside them are passed over.
            let before = files.len();
            for path in toml_files_in(input)? {
                if let Ok(id) = loader.read_file(&path)
                    && loader.kind_of(id) == Some(FileKind::Assessment)
                {
                    files.push((path, Some(id)));
                }
            }
            if files.len() == before {
                diags.push(no_files_in(input, lang));
            }
        } else {
            files.push((input.clone(), None));
        }
    }

    let mut loaded: Vec<Loaded> = Vec::new();
    for (file, id) in files {
        let result = match id {
            Some(id) => loader.assessment_at(id, &file, &args.common.checklists),
            None => loader.assessment(&file, &args.common.checklists),
        };
        match result {
            Ok(l) => loaded.push(l),
            Err(d) => diags.extend(d),
        }
    }

    if !diags.is_empty() {
        report_errors(&loader.sources, &diags, lang, stderr_color)?;
    }

    let threshold = match args.fail_on {
        FailOn::Critical => Some(Severity::Critical),
        FailOn::Major => Some(Severity::Major),
        FailOn::Minor => Some(Severity::Minor),
        FailOn::Never => None,
    };
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
            fail_on: threshold,
            delimiter: args.delimiter.map(|c| c as u8),
        };
        let format = match args.format {
            Format::Table => render::Format::Table,
            Format::Json => render::Format::Json,
            Format::Markdown => render::Format::Markdown,
            Format::Csv => render::Format::Csv,
            Format::Junit => render::Format::Junit,
            Format::Github => render::Format::Github,
        };
        let mut out = BufWriter::new(io::stdout().lock());
        let written = render::render(format, &results, &opts, &mut out).and_then(|()| out.flush());
        // A reader that stops early (`almen check | head -1`) has what it
        // wanted; the exit code still says how the check went.
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            other => other.context("writing the result")?,
        }
    }

    if !diags.is_empty() {
        return Ok(Exit::Error);
    }
    let failed = results.iter().any(|r| {
        let by_gap = matches!((threshold, r.eval.worst()), (Some(t), Some(w)) if w >= t);
        let by_score = args.fail_under.is_some_and(|p| r.eval.adherence < p);
        by_gap || by_score
    });
    Ok(if failed { Exit::Gaps } else { Exit::Ok })
}

/// A folder with no almen files in it.
fn no_files_in(folder: &Path, lang: Lang) -> Diag {
    Diag::new(
        Code::E016,
        match lang {
            Lang::Da => format!(
                "ingen selvevalueringer i mappen `{}` (en selvevaluering er en .toml-fil med [organisation] og [assessment])",
                folder.display()
            ),
            Lang::En => format!(
                "no assessments in the folder `{}` (an assessment is a .toml file with [organisation] and [assessment])",
                folder.display()
            ),
        },
    )
    .about(load::display(folder))
    .hint(lang.pick(
        "`almen init -o MAPPE/almen.toml` skriver en at begynde fra",
        "`almen init -o FOLDER/almen.toml` writes one to start from",
    ))
}

/// Prints diagnostics and the closing count to stderr.
fn report_errors(sources: &Sources, diags: &[Diag], lang: Lang, color: bool) -> Result<()> {
    render::diagnostics::errors(sources, diags, lang, color, &mut io::stderr().lock())?;
    Ok(())
}

/// The TOML files in a folder and its subfolders, in name order.
fn toml_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
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
            found.extend(toml_files_in(&path)?);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    Ok(found)
}

fn validate(args: ValidateArgs, lang: Lang, color: bool) -> Result<Exit> {
    if let Some(code) = &args.explain {
        let mut out = io::stdout().lock();
        return match Code::parse(code) {
            Some(code) => {
                let level = match code.level() {
                    Level::Error => lang.pick("fejl", "error"),
                    Level::Warning => lang.pick("advarsel", "warning"),
                };
                writeln!(out, "{} ({level}): {}", code.as_str(), code.describe(lang))?;
                Ok(Exit::Ok)
            }
            None => {
                let known = Code::ALL.iter().map(|c| c.as_str());
                let hint = did_you_mean(code, known)
                    .map(|s| format!(" ({} {s}?)", lang.pick("mente du", "did you mean")));
                writeln!(
                    io::stderr(),
                    "{} `{code}`{}",
                    lang.pick("ukendt kode", "unknown code"),
                    hint.unwrap_or_default()
                )?;
                Ok(Exit::Error)
            }
        };
    }
    let as_of = args.common.as_of.unwrap_or_else(today);
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let inputs = if args.files.is_empty() {
        vec![PathBuf::from("almen.toml")]
    } else {
        args.files.clone()
    };

    // Files named on the command line are checked whatever they hold; in a
    // folder, only TOML files that look like almen's are.
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let mut diags: Vec<Diag> = Vec::new();
    for input in &inputs {
        if input.is_dir() {
            let found = toml_files_in(input)?;
            if found.is_empty() {
                diags.push(no_files_in(input, lang));
            }
            files.extend(found.into_iter().map(|p| (p, false)));
        } else {
            files.push((input.clone(), true));
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
        let kind = loader.kind_of(file_id);
        if kind.is_none() && !named {
            continue;
        }
        checked.push(load::display(path));
        let mut found = match kind {
            Some(FileKind::Checklist) => match loader.checklist_at(file_id, path) {
                Ok(c) => lint::checklist(&c, lang),
                Err(d) => d,
            },
            _ => match loader.assessment_at(file_id, path, &args.common.checklists) {
                Ok(l) => lint::assessment(&l, as_of, lang),
                Err(d) => d,
            },
        };
        load::sort(&mut found);
        diags.extend(found);
    }
    let errors = diags
        .iter()
        .filter(|d| d.code.level() == Level::Error)
        .count();
    let warnings = diags.len() - errors;
    let format = match args.format {
        DiagFormat::Table => render::diagnostics::Format::Table,
        DiagFormat::Json => render::diagnostics::Format::Json,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    render::diagnostics::validate(
        &loader.sources,
        &diags,
        &checked,
        format,
        lang,
        color,
        &mut out,
    )?;
    out.flush()?;
    Ok(if errors > 0 {
        Exit::Error
    } else if warnings > 0 && args.deny_warnings {
        Exit::Gaps
    } else {
        Exit::Ok
    })
}

/// Writes `bytes` to `path` atomically: all of it or nothing. An existing
/// file is only replaced when `replace` is set.
fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    // The temporary file is private; the result is as readable as the file
    // it replaces, or as an ordinary new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// Loads checklists named on the command line (or all built-in ones).
fn named_checklists(
    loader: &mut Loader<'_>,
    names: &[String],
    builtins: bool,
) -> Result<Vec<std::sync::Arc<Checklist>>, Vec<Diag>> {
    let mut names: Vec<String> = names.to_vec();
    if builtins {
        for b in BUILTINS.iter().rev() {
            if !names.iter().any(|n| n == b.id) {
                names.insert(0, b.id.to_owned());
            }
        }
    }
    let mut diags = Vec::new();
    let mut out = Vec::new();
    for name in &names {
        match loader.checklist_by_name(name) {
            Ok(c) => out.push(c),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// `target` relative to the folder `from`, for paths written into a file.
fn relative_to(target: &Path, from: &Path) -> PathBuf {
    let (Ok(target), Ok(from)) = (fs::canonicalize(target), fs::canonicalize(from)) else {
        return target.to_path_buf();
    };
    let common = target
        .components()
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in from.components().skip(common) {
        out.push("..");
    }
    for c in target.components().skip(common) {
        out.push(c);
    }
    out
}

fn init(args: InitArgs, lang: Lang) -> Result<Exit> {
    let fs_ = RealFs::default();
    let mut loader = Loader::new(&fs_, lang);
    let exists = |output: &Path| -> Result<Exit> {
        writeln!(
            io::stderr(),
            "{} `{}` {}",
            lang.pick("fejl:", "error:"),
            output.display(),
            lang.pick(
                "findes allerede; den er ikke rørt. Brug --force for at erstatte den.",
                "exists already; it was not touched. Use --force to replace it."
            )
        )?;
        Ok(Exit::Error)
    };
    // Checked first for a quick answer; the write below is what makes sure.
    if args.output.exists() && !args.force {
        return exists(&args.output);
    }
    let checklists = match named_checklists(&mut loader, &args.checklists, true) {
        Ok(c) => c,
        Err(d) => {
            report_errors(&loader.sources, &d, lang, io::stderr().is_terminal())?;
            return Ok(Exit::Error);
        }
    };
    let dir = match args.output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let names: Vec<String> = checklists
        .iter()
        .map(|c| match &c.path {
            None => c.id().to_owned(),
            Some(p) => relative_to(p, &dir).to_string_lossy().replace('\\', "/"),
        })
        .collect();
    let refs: Vec<&Checklist> = checklists.iter().map(|c| c.as_ref()).collect();
    let text = template::render(&refs, &names, lang, args.as_of.unwrap_or_else(today));
    match write_atomic(&args.output, text.as_bytes(), args.force) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return exists(&args.output),
        Err(e) => return Err(e).with_context(|| format!("writing {}", args.output.display())),
    }
    // The schema the template's first line points editors at; an existing
    // one is the user's and is left alone unless --force.
    let schema_path = dir.join(template::SCHEMA_FILE);
    let schema = serde_json::to_string_pretty(&schema::schema(FileKind::Assessment))? + "\n";
    match write_atomic(&schema_path, schema.as_bytes(), args.force) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("writing {}", schema_path.display())),
    }
    writeln!(
        io::stdout(),
        "{} {} ({} {})",
        lang.pick("Skrev", "Wrote"),
        args.output.display(),
        refs.iter().map(|c| c.file.items.len()).sum::<usize>(),
        lang.pick("punkter at vurdere", "items to assess")
    )?;
    Ok(Exit::Ok)
}

fn list(args: ListArgs, lang: Lang, color: bool, stderr_color: bool) -> Result<Exit> {
    let fs_ = RealFs::default();
    let mut loader = Loader::new(&fs_, lang);
    let checklists = match named_checklists(&mut loader, &args.checklists, true) {
        Ok(c) => c,
        Err(d) => {
            report_errors(&loader.sources, &d, lang, stderr_color)?;
            return Ok(Exit::Error);
        }
    };
    let opts = Options {
        lang,
        color,
        all: true,
        width: width(),
        fail_on: None,
        delimiter: None,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    render::list(&checklists, &opts, &mut out)?;
    out.flush()?;
    Ok(Exit::Ok)
}

fn show(args: ShowArgs, lang: Lang, stderr_color: bool) -> Result<Exit> {
    let fs_ = RealFs::default();
    let mut loader = Loader::new(&fs_, lang);
    let checklists = match named_checklists(&mut loader, &args.checklists, true) {
        Ok(c) => c,
        Err(d) => {
            report_errors(&loader.sources, &d, lang, stderr_color)?;
            return Ok(Exit::Error);
        }
    };
    let found = checklists.iter().find_map(|c| {
        c.file
            .items
            .iter()
            .find(|i| i.id.get_ref().eq_ignore_ascii_case(args.item.trim()))
            .map(|i| (c, i))
    });
    let Some((checklist, item)) = found else {
        let ids: Vec<&str> = checklists
            .iter()
            .flat_map(|c| c.file.items.iter().map(|i| i.id.get_ref().as_str()))
            .collect();
        let hint = match did_you_mean(&args.item, ids.iter().copied()) {
            Some(s) => format!("{} `{s}`?", lang.pick("mente du", "did you mean")),
            None => format!(
                "{} `almen list`",
                lang.pick("se punkterne med", "see the items with")
            ),
        };
        writeln!(
            io::stderr(),
            "{} `{}`: {hint}",
            lang.pick("fejl: ukendt punkt", "error: unknown item"),
            args.item
        )?;
        return Ok(Exit::Error);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    render::show(checklist, item, lang, &mut out)?;
    out.flush()?;
    Ok(Exit::Ok)
}

fn report(args: ReportArgs, lang: Lang, stderr_color: bool) -> Result<Exit> {
    let as_of = args.common.as_of.unwrap_or_else(today);
    let fs_ = RealFs::default();
    let mut loader = Loader::new(&fs_, lang);
    let path = args
        .assessment
        .clone()
        .unwrap_or_else(|| PathBuf::from("almen.toml"));
    let loaded = match loader.assessment(&path, &args.common.checklists) {
        Ok(l) => l,
        Err(d) => {
            report_errors(&loader.sources, &d, lang, stderr_color)?;
            return Ok(Exit::Error);
        }
    };
    let checked = Checked {
        loaded: &loaded,
        eval: score::evaluate(&loaded, as_of),
    };
    if let Some(out) = &args.output {
        let inputs = std::iter::once(&loaded.path)
            .chain(loaded.checklists.iter().filter_map(|c| c.path.as_ref()));
        let same = |p: &PathBuf| matches!((fs::canonicalize(p), fs::canonicalize(out)), (Ok(a), Ok(b)) if a == b);
        if inputs.into_iter().any(same) {
            writeln!(
                io::stderr(),
                "{} `{}` {}",
                lang.pick("fejl:", "error:"),
                out.display(),
                lang.pick(
                    "er en af rapportens inddata og bliver ikke overskrevet; vælg et andet navn med -o",
                    "is one of the report's inputs and is not overwritten; choose another name with -o"
                )
            )?;
            return Ok(Exit::Error);
        }
    }
    let report = render::report(&checked, lang);
    let mut bytes = Vec::new();
    match args.format {
        ReportFormat::Html => render::html::render(&report, &mut bytes)?,
        ReportFormat::Markdown => render::markdown::render(&report, &mut bytes)?,
    }
    match &args.output {
        // A report is meant to be written again before each meeting: an
        // existing one is replaced, atomically.
        Some(out) => {
            write_atomic(out, &bytes, true).with_context(|| format!("writing {}", out.display()))?
        }
        None => return write_stdout(&bytes),
    }
    Ok(Exit::Ok)
}
