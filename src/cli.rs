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
    ///
    /// Example: almen check examples/almen.toml --as-of 2026-11-27
    Check(CheckArgs),
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
    Table,
    Json,
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
