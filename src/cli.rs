//! The command line, as clap types, and the one place they are turned into
//! the commands' own options ([`Cli::into_command`]). The formats, the
//! language, what `schema` describes and the colour choice are the domain's own
//! enums; only `--fail-on` has a value (`never`) the domain spells
//! otherwise.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, Resettable, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::app::Calendar;
use crate::app::{self, Check, Color, Diff, Init, List, Report, Show, Validate};
use crate::usage;
use almen::lang::Lang;
use almen::render::Format;
use almen::render::report::overview::GroupBy;
use almen::schema::Described;
use almen::score::Severity;

/// Scores a housing organisation's self-assessment against BL's God Almen
/// Ledelse recommendations and the statutory duties behind them, and prints
/// the gaps.
#[derive(Debug, Parser)]
#[command(name = "almen", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of the output: da (Danish) or en (English).
    #[arg(long, global = true, env = "ALMEN_LANG", value_enum, default_value_t = Lang::Da)]
    pub lang: Lang,

    /// When to use colours (NO_COLOR turns them off for `auto`).
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score assessments and print the gaps.
    ///
    /// Exit code 0: nothing at or above --fail-on and adherence not under
    /// --fail-under; 1: gaps at or above --fail-on, or adherence under
    /// --fail-under; 2: could not check, or wrong arguments (every problem
    /// is printed).
    #[command(
        after_help = "Example:\n  almen check examples/almen.toml --as-of 2026-11-27\n  almen check kommunens-indsendelser/ --format json\n  almen check --format github --also sarif=almen.sarif --also junit=almen.xml"
    )]
    Check(CheckArgs),

    /// Write the board's gap report, the public statement, or an overview
    /// of many.
    ///
    /// One self-contained HTML file with a print stylesheet for A4: cover
    /// with the verdict, gaps, comply-or-explain, action plan, deadlines,
    /// every item, sources, a sign-off block and the SHA-256 of each input.
    /// With --format statement, the statement the organisation publishes
    /// instead: each recommendation followed, partly followed or not, with
    /// the board's explanation, and each duty fulfilled or not. Several
    /// assessments, or a folder of them, give one overview of all the
    /// organisations instead (A4 landscape): the numbers, the lapsed duties
    /// by organisation, a matrix of organisations by items, worst first,
    /// and each organisation's gaps. An output ending in .md is written as
    /// Markdown, unless --format html says otherwise. Exit code 0 when the
    /// report was written, gaps or not; 2 on error, and when any of several
    /// assessments could not be checked (the overview lists it).
    #[command(
        after_help = "Example:\n  almen report examples/mangler.toml -o bestyrelsesmøde.html\n  almen report --format markdown > referat-bilag.md\n  almen report --format statement -o redegørelse.html\n  almen report --format statement -o redegørelse.md\n  almen report examples/kommune -o oversigt.html --group-by municipality"
    )]
    Report(ReportArgs),

    /// Write the coming deadlines as an iCalendar file (.ics).
    ///
    /// For a calendar program to import or subscribe to. One all-day event
    /// per deadline: each recurring item's next due date and each action
    /// plan's due date; an overdue one on the day it was
    /// due, marked overdue; a reminder warn-days before, where the item has
    /// them. Each event keeps its UID from run to run, so a newer file
    /// moves the events instead of adding more. Several assessments or a
    /// folder give one calendar. Exit code 0 when the calendar was written;
    /// 2 on error (when a file could not be checked, nothing is written).
    #[command(
        after_help = "Example:\n  almen calendar examples/mangler.toml -o frister.ics\n  almen calendar kommunens-indsendelser/ -o frister.ics --lang en"
    )]
    Calendar(CalendarArgs),

    /// Check checklist and assessment files and print every problem.
    ///
    /// Errors are what would stop `check`; warnings are what a careful
    /// reviewer would raise. Exit code 0 without errors, 1 with warnings
    /// under --deny-warnings, 2 with errors.
    #[command(
        after_help = "Example:\n  almen validate almen.toml egne-krav.toml\n  almen validate --explain W001"
    )]
    Validate(ValidateArgs),

    /// Write a self-assessment template to fill in.
    ///
    /// One commented answer block per item, with the item's title, guidance
    /// and typical evidence, and a JSON Schema beside it (almen.schema.json)
    /// so editors complete the keys. The organisation's name, the dates and
    /// the evidence paths are placeholders: left as they are, they are
    /// errors (E023). Never replaces a file without --force.
    #[command(
        after_help = "Example:\n  almen init -o bestyrelse/almen.toml --checklist egne-krav.toml\n  almen init --municipality \"Aarhus Kommune\" --municipality \"Skanderborg Kommune\""
    )]
    Init(InitArgs),

    /// List the checklists and their items.
    #[command(after_help = "Example:\n  almen list --checklist examples/egne-krav.toml")]
    List(ListArgs),

    /// Show one item in full: guidance, evidence, basis, recurrence, source.
    #[command(after_help = "Example:\n  almen show STY-1 --lang en")]
    Show(ShowArgs),

    /// What changed between two assessments: adherence, verdict, items, gaps.
    ///
    /// Adherence and the verdict before and after, the items that improved,
    /// worsened or changed and what changed in each, the gaps opened and
    /// closed, and the items only one of them has. OLD is scored as of its own assessment.date (or --old-as-of), NEW as
    /// of --as-of. OLD may be `-`, standard input; its paths are then
    /// relative to NEW's folder. Exit code 0 (also with gaps); 1 with
    /// --fail-on-regression when a gap opened or adherence fell; 2 on
    /// error.
    #[command(
        after_help = "Example:\n  almen diff examples/sidste-aar.toml examples/mangler.toml --as-of 2026-11-27\n  git show main:almen.toml | almen diff - almen.toml --same-date --format markdown -o diff.md"
    )]
    Diff(DiffArgs),

    /// Print the JSON Schema of a file format (for editors) or of check's or
    /// diff's JSON.
    #[command(
        after_help = "Example:\n  almen schema assessment > almen.schema.json\n  almen schema result > almen-result.schema.json"
    )]
    Schema(SchemaArgs),

    /// Open a form in the browser to fill in the assessment, scored as you
    /// type.
    ///
    /// A web server on this machine only (127.0.0.1), for the browser you
    /// already have: the organisation, each item with its guidance and
    /// typical evidence, and the result beside it, worked out by the same
    /// rules as `check` at every change. Saving writes the assessment file
    /// and nothing else, keeping its comments and layout; a file that does
    /// not exist yet starts from `almen init`'s template. The address
    /// printed carries a token: only a browser given it gets in. Ctrl-C
    /// stops the server (exit code 130, as for any program interrupted);
    /// exit code 2 when it cannot start.
    #[cfg(feature = "serve")]
    #[command(
        after_help = "Example:\n  almen serve\n  almen serve bestyrelse/almen.toml --lang en --no-open"
    )]
    Serve(ServeArgs),

    /// Print shell completions.
    #[command(
        after_help = "Example:\n  almen completions bash > ~/.local/share/bash-completion/completions/almen"
    )]
    Completions(CompletionsArgs),

    /// Print the man page (roff).
    #[command(after_help = "Example:\n  almen man > almen.1 && man ./almen.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Assessment files, or folders of them [default: ./almen.toml]; more
    /// than one file, or a folder, gives the overview.
    pub assessments: Vec<PathBuf>,

    /// Where to write the report (replaced if it exists) [default:
    /// standard output, when that is a file or a pipe, not a terminal].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// What to write: the board's report (html, markdown) or the public
    /// comply-or-explain statement (statement, statement-markdown)
    /// [default: html].
    ///
    /// Without --format, and with `statement`, an output whose name ends
    /// in .md is written as Markdown.
    #[arg(long, value_parser = formats(Format::REPORT, false))]
    pub format: Option<Format>,

    /// Group the overview's rows, with a subtotal for each group; gives
    /// the overview even of one file.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub group_by: Option<GroupBy>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Assessment files, or folders of them [default: ./almen.toml].
    pub assessments: Vec<PathBuf>,

    /// Where to write the calendar (replaced if it exists, atomically)
    /// [default: standard output, when that is a file or a pipe, not a
    /// terminal].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Checklist and assessment files, or folders of them [default: ./almen.toml].
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_parser = formats(Format::VALIDATE, false), default_value = "table")]
    pub format: Format,

    /// Exit 1 when there are warnings.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print what a diagnostic code means, and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the template.
    #[arg(short, long, value_name = "FILE", default_value = "almen.toml")]
    pub output: PathBuf,

    /// A further checklist to include, by id or path (repeatable); adds to
    /// samarbejde-med-omverdenen, which every template has.
    #[arg(long = "checklist", value_name = "ID|PATH")]
    pub checklists: Vec<String>,

    /// The municipality the organisation holds its styringsdialog with;
    /// given more than once (departments in several municipalities), the
    /// items whose counterparty is the municipal council get an answer
    /// block for each.
    #[arg(long = "municipality", value_name = "NAME")]
    pub municipalities: Vec<String>,

    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,

    /// The date the template shows as an example of how to write one
    /// [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// A further checklist, by id or path (repeatable).
    #[arg(long = "checklist", value_name = "ID|PATH")]
    pub checklists: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The item's id, e.g. STY-1.
    pub item: String,

    /// A further checklist to look in, by id or path (repeatable).
    #[arg(long = "checklist", value_name = "ID|PATH")]
    pub checklists: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old assessment, or `-` for standard input.
    pub old: PathBuf,

    /// The new assessment (a file: OLD's paths from standard input are
    /// relative to its folder).
    #[arg(value_parser = parse_new)]
    pub new: PathBuf,

    /// Output format.
    #[arg(long, value_parser = formats(Format::DIFF, false), default_value = "table")]
    pub format: Format,

    /// Write the output to FILE instead of standard output (replaced if it
    /// exists, atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The date NEW is scored as of, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// The date OLD is scored as of, YYYY-MM-DD [default: its
    /// assessment.date].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "same_date")]
    pub old_as_of: Option<chrono::NaiveDate>,

    /// Score OLD as of the same date as NEW: what the edits did, not what
    /// the time between them did (for pull requests).
    #[arg(long)]
    pub same_date: bool,

    /// Exit 1 when a gap opened or adherence fell.
    #[arg(long)]
    pub fail_on_regression: bool,

    /// A further checklist for both, by id or path (repeatable); adds to
    /// those the assessments name.
    #[arg(long = "checklist", value_name = "ID|PATH")]
    pub checklists: Vec<String>,
}

#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The assessment file [default: ./almen.toml]; one that does not
    /// exist yet is started from `almen init`'s template.
    pub assessment: Option<PathBuf>,

    /// The port to listen on, on 127.0.0.1 [default: a free one].
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub port: u16,

    /// Do not open the browser; only print the address.
    #[arg(long)]
    pub no_open: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file format, or `result` for the output of `check --format
    /// json`, `diff` for that of `diff --format json`.
    #[arg(value_enum)]
    pub kind: Described,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Assessment files, or folders of them [default: ./almen.toml].
    pub assessments: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_parser = formats(Format::CHECK, true), default_value = "table")]
    pub format: Format,

    /// Write the output to FILE instead of standard output (replaced if it
    /// exists, atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A further output of the same run, in another format, e.g.
    /// `--also junit=almen.xml` (repeatable).
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_also)]
    pub also: Vec<(Format, PathBuf)>,

    /// Show every item, not only the gaps.
    #[arg(long, conflicts_with = "summary")]
    pub all: bool,

    /// Many organisations: one row each (organisation, municipality,
    /// adherence, verdict, gaps by severity, lapsed duties), worst first,
    /// and nothing else. With --format table or markdown.
    #[arg(long)]
    pub summary: bool,

    /// Exit 1 when there is a gap of this severity or worse.
    #[arg(long, value_enum, default_value_t = FailOn::Major)]
    pub fail_on: FailOn,

    /// CSV field separator [default: `;` in Danish, `,` in English].
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<char>,

    /// Exit 1 when adherence is under this percentage.
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,

    /// How many assessments to check at once [default: one per core].
    /// The output is the same, in the same order, whatever the number.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// Options every command that reads an assessment shares.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The date to check against, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// A further checklist, by id or path (repeatable); adds to those the
    /// assessment names.
    #[arg(long = "checklist", value_name = "ID|PATH")]
    pub checklists: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    Major,
    Minor,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Major => Some(Severity::Major),
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Never => None,
        }
    }
}

/// Parses the command line: the command with its options, the language
/// and the colour choice. A mistake in the arguments is said in the
/// user's language (clap's own words are English) and exits 2; help and
/// the version are printed as clap prints them.
pub fn parse() -> (app::Command, Lang, Color) {
    use clap::error::ErrorKind;
    match Cli::try_parse() {
        Ok(cli) => cli.into_command(),
        Err(e)
            if usage::early_lang() == Lang::En
                || matches!(
                    e.kind(),
                    ErrorKind::DisplayHelp
                        | ErrorKind::DisplayVersion
                        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                ) =>
        {
            e.exit()
        }
        Err(e) => {
            let (message, hint) = usage::danish(&e);
            usage_error(Lang::Da, &message, hint.as_deref())
        }
    }
}

/// Prints a mistake in the arguments (see [`usage::said`]) with where to
/// read more, and exits 2, as clap does.
fn usage_error(lang: Lang, message: &str, hint: Option<&str>) -> ! {
    let command = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .find(|a| Cli::command().get_subcommands().any(|c| c.get_name() == a));
    let help = match &command {
        Some(c) => format!("almen {c} --help"),
        None => "almen --help".to_owned(),
    };
    usage::said(lang, message, hint, &help)
}

impl Cli {
    /// The command with its options, the language and the colour choice.
    pub fn into_command(self) -> (app::Command, Lang, Color) {
        let command = match self.command {
            Command::Check(a)
                if a.summary && !matches!(a.format, Format::Table | Format::Markdown) =>
            {
                usage_error(
                    self.lang,
                    self.lang.pick(
                        "--summary giver en tabel: brug det med --format table eller markdown",
                        "--summary gives a table: use it with --format table or markdown",
                    ),
                    None,
                )
            }
            Command::Check(a) => app::Command::Check(Check {
                inputs: a.assessments,
                format: a.format,
                output: a.output,
                also: a.also,
                step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from),
                all: a.all,
                summary: a.summary,
                fail_on: a.fail_on.threshold(),
                fail_under: a.fail_under,
                delimiter: a.delimiter.map(|c| c as u8),
                threads: a.threads.map(usize::from),
                as_of: a.common.as_of,
                checklists: a.common.checklists,
            }),
            Command::Report(a) => app::Command::Report(Report {
                inputs: a.assessments,
                output: a.output,
                format: a.format,
                as_of: a.common.as_of,
                checklists: a.common.checklists,
                group_by: a.group_by,
            }),
            Command::Calendar(a) => app::Command::Calendar(Calendar {
                inputs: a.assessments,
                output: a.output,
                as_of: a.common.as_of,
                checklists: a.common.checklists,
            }),
            Command::Validate(a) => app::Command::Validate(Validate {
                files: a.files,
                format: a.format,
                deny_warnings: a.deny_warnings,
                explain: a.explain,
                as_of: a.common.as_of,
                checklists: a.common.checklists,
            }),
            Command::Init(a) => app::Command::Init(Init {
                output: a.output,
                checklists: a.checklists,
                municipalities: a.municipalities,
                force: a.force,
                as_of: a.as_of,
            }),
            Command::List(a) => app::Command::List(List {
                checklists: a.checklists,
            }),
            Command::Show(a) => app::Command::Show(Show {
                item: a.item,
                checklists: a.checklists,
            }),
            Command::Diff(a) => app::Command::Diff(Diff {
                old: a.old,
                new: a.new,
                format: a.format,
                output: a.output,
                as_of: a.as_of,
                old_as_of: a.old_as_of,
                same_date: a.same_date,
                fail_on_regression: a.fail_on_regression,
                checklists: a.checklists,
            }),
            Command::Schema(a) => app::Command::Schema(a.kind),
            #[cfg(feature = "serve")]
            Command::Serve(a) => {
                let opts = crate::serve::Serve {
                    file: a.assessment.unwrap_or_else(|| PathBuf::from("almen.toml")),
                    port: a.port,
                    open: !a.no_open,
                    as_of: a.common.as_of,
                    checklists: a.common.checklists,
                };
                app::Command::Above(Box::new(move |ctx| crate::serve::run(opts, ctx)))
            }
            Command::Completions(a) => {
                let mut bytes = Vec::new();
                clap_complete::generate(a.shell, &mut Cli::command(), "almen", &mut bytes);
                app::Command::Print(bytes)
            }
            Command::Man => app::Command::Print(man_page()),
        };
        (command, self.lang, self.color)
    }
}

/// A `--format` that takes the formats a command lists, described in its
/// help or not.
fn formats(allowed: &'static [Format], described: bool) -> impl TypedValueParser<Value = Format> {
    let values = allowed.iter().filter_map(move |f| {
        let value = f.to_possible_value()?;
        Some(if described {
            value
        } else {
            value.help(Resettable::Reset)
        })
    });
    PossibleValuesParser::new(values).map(|name| {
        Format::from_str(&name, false).expect("the parser only lets listed formats through")
    })
}

/// `--also FORMAT=FILE`: one of check's formats, and a file.
fn parse_also(s: &str) -> Result<(Format, PathBuf), String> {
    let names = || {
        Format::CHECK
            .iter()
            .filter_map(|f| Some(f.to_possible_value()?.get_name().to_owned()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((name, file)) = s.split_once('=') else {
        return Err(usage::say(
            format!(
                "`{s}` er ikke FORMAT=FIL, fx junit=almen.xml (formater: {})",
                names()
            ),
            format!(
                "`{s}` is not FORMAT=FILE, e.g. junit=almen.xml (formats: {})",
                names()
            ),
        ));
    };
    let format = Format::CHECK
        .iter()
        .copied()
        .find(|f| {
            f.to_possible_value()
                .is_some_and(|v| v.matches(name, false))
        })
        .ok_or_else(|| {
            usage::say(
                format!(
                    "`{name}` er ikke et format for check; brug et af {}",
                    names()
                ),
                format!("`{name}` is not a format of check; use one of {}", names()),
            )
        })?;
    if file.is_empty() {
        return Err(usage::say(
            format!("`{s}` nævner ingen fil, fx {name}=almen.{name}"),
            format!("`{s}` names no file, e.g. {name}=almen.{name}"),
        ));
    }
    Ok((format, PathBuf::from(file)))
}

/// `diff`'s NEW: a file, never standard input, since OLD's paths from
/// standard input are relative to its folder.
fn parse_new(s: &str) -> Result<PathBuf, String> {
    if s == "-" {
        return Err(usage::say(
            "NEW kan ikke være standard-input (`-`); giv den som en fil, og OLD som `-`".to_owned(),
            "NEW cannot be standard input (`-`); give it as a file, and OLD as `-`".to_owned(),
        ));
    }
    Ok(PathBuf::from(s))
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        usage::say(
            format!("`{s}` er ikke en dato; skriv ÅÅÅÅ-MM-DD, fx 2026-11-27"),
            format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2026-11-27"),
        )
    })
}

fn parse_delimiter(s: &str) -> Result<char, String> {
    match s {
        "\\t" | "tab" => Ok('\t'),
        _ => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() && c != '"' && c != '\n' => Ok(c),
                _ => Err(usage::say(
                    format!("`{s}` er ikke ét ASCII-tegn (eller `tab`)"),
                    format!("`{s}` is not a single ASCII character (or `tab`)"),
                )),
            }
        }
    }
}

fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').replace(',', ".").parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(usage::say(
            format!("`{s}` er ikke en procentdel fra 0 til 100"),
            format!("`{s}` is not a percentage from 0 to 100"),
        )),
    }
}

/// The man page: clap's sections, with EXIT STATUS before the version.
fn man_page() -> Vec<u8> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut bytes = Vec::new();
    let write = |bytes: &mut Vec<u8>| -> std::io::Result<()> {
        man.render_title(bytes)?;
        man.render_name_section(bytes)?;
        man.render_synopsis_section(bytes)?;
        man.render_description_section(bytes)?;
        man.render_options_section(bytes)?;
        man.render_subcommands_section(bytes)?;
        bytes.extend_from_slice(EXIT_STATUS.as_bytes());
        man.render_version_section(bytes)
    };
    write(&mut bytes).expect("writing to memory cannot fail");
    bytes
}

/// The EXIT STATUS section of the man page, in roff.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
checked: nothing at or above the \fB\-\-fail\-on\fR severity (default major), and adherence not under \fB\-\-fail\-under\fR; for the other commands: the job was done (a report full of gaps is still a report).
.TP
\fB1\fR
checked: gaps at or above the \fB\-\-fail\-on\fR severity, or adherence under \fB\-\-fail\-under\fR; \fBvalidate\fR: warnings under \fB\-\-deny\-warnings\fR; \fBdiff\fR: a gap opened or adherence fell, under \fB\-\-fail\-on\-regression\fR.
.TP
\fB2\fR
could not check: bad arguments, unreadable or invalid files (every problem is printed, with file:line:column). With several assessments, \fBcheck\fR and \fBreport\fR exit 2 if any of them could not be checked, and still report the others.
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn also_is_a_format_and_a_file() {
        assert_eq!(
            parse_also("junit=ud/almen.xml"),
            Ok((Format::Junit, PathBuf::from("ud/almen.xml")))
        );
        assert_eq!(
            parse_also("json=a=b.json"),
            Ok((Format::Json, PathBuf::from("a=b.json")))
        );
        for bad in ["junit", "xml=almen.xml", "html=r.html", "json=", "=a.json"] {
            assert!(parse_also(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn percent_accepts_danish_comma() {
        assert_eq!(parse_percent("72,5"), Ok(72.5));
        assert_eq!(parse_percent("80%"), Ok(80.0));
        assert!(parse_percent("101").is_err());
    }
}
