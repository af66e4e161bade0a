//! The command line, as clap types. No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Scores a housing organisation's self-assessment against BL's God Almen
/// Ledelse recommendations and the statutory duties behind them, and prints
/// the gaps.
#[derive(Debug, Parser)]
#[command(name = "almen", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// Language of the output: da (Danish) or en (English).
    #[arg(long, global = true, env = "ALMEN_LANG", value_enum, default_value_t = LangArg::Da)]
    pub lang: LangArg,

    /// When to use colours (NO_COLOR turns them off for `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score assessments and print the gaps.
    ///
    /// Exit code 0: nothing at or above --fail-on and adherence not under
    /// --fail-under; 1: gaps at or above --fail-on, or adherence under
    /// --fail-under; 2: could not check (every problem is printed).
    #[command(
        after_help = "Example:\n  almen check examples/almen.toml --as-of 2026-11-27\n  almen check kommunens-indsendelser/ --format json"
    )]
    Check(CheckArgs),

    /// Write the printable gap report for the board (HTML, or Markdown).
    ///
    /// One self-contained HTML file with a print stylesheet for A4: cover
    /// with the verdict, gaps, comply-or-explain, action plan, deadlines,
    /// every item, sources, a sign-off block and the SHA-256 of each input.
    /// Exit code 0 when the report was written, gaps or not; 2 on error.
    #[command(
        after_help = "Example:\n  almen report examples/mangler.toml -o bestyrelsesmøde.html\n  almen report --format markdown > referat-bilag.md"
    )]
    Report(ReportArgs),

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
    /// so editors complete the keys. Never replaces a file without --force.
    #[command(
        after_help = "Example:\n  almen init -o bestyrelse/almen.toml --checklist egne-krav.toml"
    )]
    Init(InitArgs),

    /// List the checklists and their items.
    #[command(after_help = "Example:\n  almen list --checklist examples/egne-krav.toml")]
    List(ListArgs),

    /// Show one item in full: guidance, evidence, basis, recurrence, source.
    #[command(after_help = "Example:\n  almen show STY-1 --lang en")]
    Show(ShowArgs),

    /// Print the JSON Schema of a file format (for editors).
    #[command(after_help = "Example:\n  almen schema assessment > almen.schema.json")]
    Schema(SchemaArgs),

    /// Print shell completions.
    #[command(
        after_help = "Example:\n  almen completions bash > ~/.local/share/bash-completion/completions/almen"
    )]
    Completions(CompletionsArgs),

    /// Print the man page (roff).
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The assessment [default: ./almen.toml].
    pub assessment: Option<PathBuf>,

    /// Where to write the report (replaced if it exists) [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Checklist and assessment files, or folders of them [default: ./almen.toml].
    pub files: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiagFormat::Table)]
    pub format: DiagFormat,

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
    /// the built-in ones.
    #[arg(long = "checklist", value_name = "ID|PATH")]
    pub checklists: Vec<String>,

    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,

    /// The date written into the template's answers [default: today].
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
pub struct SchemaArgs {
    /// Which file format.
    #[arg(value_enum)]
    pub kind: SchemaKind,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Checklist,
    Assessment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Assessment files, or folders of them [default: ./almen.toml].
    pub assessments: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Show every item, not only the gaps.
    #[arg(long)]
    pub all: bool,

    /// Exit 1 when there is a gap of this severity or worse.
    #[arg(long, value_enum, default_value_t = FailOn::Major)]
    pub fail_on: FailOn,

    /// CSV field separator [default: `;` in Danish, `,` in English].
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<char>,

    /// Exit 1 when adherence is under this percentage.
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub fail_under: Option<f64>,

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
pub enum Format {
    /// For people, in the terminal.
    Table,
    /// For scripts (see the README).
    Json,
    /// The board's report as Markdown, for minutes.
    Markdown,
    /// One row per item, for a spreadsheet.
    Csv,
    /// JUnit XML, for GitLab, Jenkins and Azure.
    Junit,
    /// GitHub Actions workflow commands.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    Major,
    Minor,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Da,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2026-11-27"))
}

fn parse_delimiter(s: &str) -> Result<char, String> {
    match s {
        "\\t" | "tab" => Ok('\t'),
        _ => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() && c != '"' && c != '\n' => Ok(c),
                _ => Err(format!("`{s}` is not a single ASCII character (or `tab`)")),
            }
        }
    }
}

fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').replace(',', ".").parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{s}` is not a percentage from 0 to 100")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn percent_accepts_danish_comma() {
        assert_eq!(parse_percent("72,5"), Ok(72.5));
        assert_eq!(parse_percent("80%"), Ok(80.0));
        assert!(parse_percent("101").is_err());
    }
}
