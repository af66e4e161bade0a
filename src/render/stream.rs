//! Output made one assessment at a time. Each [`Entry`] becomes a [`Part`]
//! on whichever thread checked it; a [`Writer`] puts the parts together in
//! the order given, with what opens and closes each format, and writes
//! each as soon as it is its turn. On one thread, an entry is made
//! straight into the output in its turn ([`Writer::push_entry`]), with
//! the same bytes around it, rather than held whole first. What a
//! format's closing part needs of an assessment (a summary row, totals)
//! is its [`Tally`]: the assessment itself is let go once its part is
//! made, so a folder of thousands is never held in memory at once.
//!
//! [`super::render`] is this, one entry after another: one way to render,
//! however many threads made the parts.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;

pub use super::tally::{Memo, Scored, Tally, Totals};
use super::{Entry, Format, Options, csv, exit_reasons, github, json, junit, report, sarif};
use super::{statement, summary, table};

/// One entry's share of an output.
pub struct Part {
    /// Its text, written in its turn.
    bytes: Vec<u8>,
    tally: Tally,
    /// What a format that is written whole at the end keeps of it.
    rest: Rest,
}

impl Part {
    /// What the run keeps of the entry.
    pub fn tally(&self) -> &Tally {
        &self.tally
    }
}

enum Rest {
    Nothing,
    /// JUnit: the suite of the assessment.
    Suite(quick_junit::TestSuite),
    /// SARIF: its results and the rules first met in it.
    Sarif(sarif::Share),
    /// The terminal summary: its row.
    Row(Box<summary::Cells>),
}

/// What an entry's part is given room for at first.
const PART_BYTES: usize = 1 << 14;

/// How much of an entry made straight into its output is held before it
/// is written: as much as standard output holds, so that what is written
/// to it goes straight on.
const STRAIGHT_BYTES: usize = 1 << 16;

/// Makes an entry's part of an output in `format`.
pub fn part(
    format: Format,
    entry: &Entry<'_>,
    opts: &Options,
    memo: &mut Memo,
) -> io::Result<Part> {
    // An assessment's part is a few kilobytes: room for it from the start
    // spares growing it step by step. A summary's part has no text.
    let room = match format {
        _ if no_text(format, opts) => 0,
        Format::Json => json::room(entry, opts).max(PART_BYTES),
        _ => PART_BYTES,
    };
    made(format, entry, Tally::of(entry), opts, memo, room)
}

/// [`part`], of an entry whose tally is made, given `room` at first.
fn made(
    format: Format,
    entry: &Entry<'_>,
    tally: Tally,
    opts: &Options,
    memo: &mut Memo,
    room: usize,
) -> io::Result<Part> {
    let mut bytes = Vec::with_capacity(room);
    let rest = make(format, entry, &tally, opts, memo, &mut bytes)?;
    Ok(Part { bytes, tally, rest })
}

/// Whether a format's parts have no text: a summary is laid out at the
/// end, from the tallies.
fn no_text(format: Format, opts: &Options) -> bool {
    opts.summary && matches!(format, Format::Table | Format::Markdown)
}

/// Writes an entry's part of an output in `format` to `out`, and returns
/// what is kept of it for the end.
fn make<W: Write>(
    format: Format,
    entry: &Entry<'_>,
    tally: &Tally,
    opts: &Options,
    memo: &mut Memo,
    out: &mut W,
) -> io::Result<Rest> {
    let mut rest = Rest::Nothing;
    match (format, entry) {
        // The terminal table's row is made here, on the thread that
        // checked the entry.
        (Format::Table, _) if opts.summary => {
            rest = Rest::Row(Box::new(summary::Cells::of(tally, opts.lang)))
        }
        (Format::Markdown, _) if opts.summary => {}
        (Format::Table, Entry::Checked(c)) => table::one(c, opts, out)?,
        (Format::Table, Entry::Unchecked(u)) => table::unchecked(u, opts, out)?,
        (Format::Json, _) => json::part(entry, opts, out)?,
        (Format::Markdown, Entry::Checked(c)) => {
            // What fails the run comes first: the board's report below
            // has a verdict of its own.
            for reason in exit_reasons(c, opts) {
                writeln!(out, "**✘ {reason}.**\n")?;
            }
            report::markdown(&report::build(c, opts.lang), out)?;
        }
        (Format::Html, Entry::Checked(c)) => report::html(&report::build(c, opts.lang), out)?,
        (Format::Statement, Entry::Checked(c)) => {
            statement::html(&statement::build(c, opts.lang), out)?;
        }
        (Format::StatementMarkdown, Entry::Checked(c)) => {
            statement::markdown(&statement::build(c, opts.lang), out)?;
        }
        (Format::Markdown | Format::StatementMarkdown, Entry::Unchecked(u)) => {
            report::unchecked_markdown(&report::unchecked(u, opts.lang), out)?;
        }
        (Format::Html | Format::Statement, Entry::Unchecked(u)) => {
            report::unchecked_html(&report::unchecked(u, opts.lang), out)?;
        }
        (Format::Csv, _) => csv::rows(entry, opts, out)?,
        (Format::Junit, _) => rest = Rest::Suite(junit::suite(entry, opts)),
        (Format::Github, _) => github::entry(entry, opts, out)?,
        (Format::Sarif, _) => rest = Rest::Sarif(sarif::share(entry, opts, memo)),
    }
    Ok(rest)
}

/// Puts the parts of one output together, in order, and writes each as
/// soon as it can be, to the output each call is given (always the same).
pub struct Writer {
    format: Format,
    opts: Options,
    /// How many entries have been written.
    written: usize,
    /// The totals of those written.
    totals: Totals,
    /// Each entry's tally, where the output ends with a row for each.
    rows: Vec<Tally>,
    /// The terminal summary: each entry's row, made ready.
    summary_rows: summary::Rows,
    /// How many threads may make what closes the output.
    threads: usize,
    /// Whether what opens the output is written.
    opened: bool,
    /// JSON: the parts before the first checked assessment, whose as-of
    /// date opens the output; written once it is known.
    waiting: Vec<Part>,
    /// JSON: the results of several, rather than the one document.
    many: bool,
    suites: Vec<quick_junit::TestSuite>,
    sarif: sarif::Share,
}

impl Writer {
    pub fn new(format: Format, opts: &Options) -> Self {
        Writer {
            format,
            opts: *opts,
            written: 0,
            totals: Totals::default(),
            rows: Vec::new(),
            summary_rows: summary::Rows::default(),
            threads: 1,
            opened: false,
            waiting: Vec::new(),
            many: false,
            suites: Vec::new(),
            sarif: sarif::Share::default(),
        }
    }

    /// What closes the output is made on up to `threads` threads.
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Room for the rows of `entries` entries, where the output ends with
    /// a row for each: one allocation rather than one doubling after
    /// another, each copying all before it into memory touched anew.
    #[must_use]
    pub fn entries(mut self, entries: usize) -> Self {
        if self.keeps_tallies() {
            self.rows.reserve_exact(entries);
        }
        if matches!(self.format, Format::Table) && self.opts.summary {
            self.summary_rows.reserve(entries);
        }
        self
    }

    /// Whether the output ends with a row for each entry (an overview or
    /// a summary), made from its tally.
    fn keeps_tallies(&self) -> bool {
        matches!(self.format, Format::Table) || self.opts.summary
    }

    /// The next entry's part.
    pub fn push(&mut self, part: Part, out: &mut dyn Write) -> io::Result<()> {
        if !self.ready(&part.tally, out)? {
            self.waiting.push(part);
            return Ok(());
        }
        self.write(part, out)
    }

    /// The next entry, made straight into `out` in its turn: one of
    /// thousands of items is not first held whole in memory, then copied.
    /// `tally` is [`Tally::of`] the entry, made once for every output.
    pub fn push_entry(
        &mut self,
        entry: &Entry<'_>,
        tally: &Tally,
        memo: &mut Memo,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if !self.ready(tally, out)? {
            // Only a file that could not be checked waits: its part is
            // short.
            let tally = tally.clone();
            let part = made(self.format, entry, tally, &self.opts, memo, PART_BYTES)?;
            self.waiting.push(part);
            return Ok(());
        }
        self.separate(out)?;
        let mut straight = io::BufWriter::with_capacity(STRAIGHT_BYTES, out);
        let rest = match make(self.format, entry, tally, &self.opts, memo, &mut straight) {
            Ok(rest) => rest,
            Err(e) => {
                // What was made of a part that could not be made whole is
                // not written.
                drop(straight.into_parts());
                return Err(e);
            }
        };
        // What is held is written on, and no more: `out` keeps its own
        // buffer until the run ends.
        straight
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        self.record(Cow::Borrowed(tally), rest);
        Ok(())
    }

    /// Opens the output, where the entry of `tally` is the first that can
    /// open it; `false` when it is to wait for one that can.
    fn ready(&mut self, tally: &Tally, out: &mut dyn Write) -> io::Result<bool> {
        if !self.opened {
            match (self.format, &tally.scored) {
                // The JSON of several opens with the as-of date of the
                // first that was checked.
                (Format::Json, Some(s)) => {
                    let as_of = s.as_of;
                    self.open(Some(as_of), false, out)?;
                }
                (Format::Json, None) => return Ok(false),
                _ => self.open(None, false, out)?,
            }
        }
        Ok(true)
    }

    /// Writes what opens the output, and the parts that waited for it.
    /// One assessment asked for and checked is a JSON document of its own.
    fn open(
        &mut self,
        as_of: Option<NaiveDate>,
        none: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.opened = true;
        match self.format {
            Format::Csv => csv::head(&self.opts, out)?,
            Format::Json => {
                self.many = self.opts.several || !self.waiting.is_empty() || none;
                if self.many {
                    json::head(as_of, out)?;
                }
            }
            _ => {}
        }
        for part in std::mem::take(&mut self.waiting) {
            self.write(part, out)?;
        }
        Ok(())
    }

    fn write(&mut self, part: Part, out: &mut dyn Write) -> io::Result<()> {
        self.separate(out)?;
        out.write_all(&part.bytes)?;
        self.record(Cow::Owned(part.tally), part.rest);
        Ok(())
    }

    /// What goes between an entry's part and the one before it.
    fn separate(&self, out: &mut dyn Write) -> io::Result<()> {
        let first = self.written == 0;
        match self.format {
            Format::Table | Format::Markdown if self.opts.summary => {}
            Format::Table if !first => writeln!(out)?,
            Format::Markdown | Format::StatementMarkdown if !first => writeln!(out, "\n---\n")?,
            Format::Json if self.many => json::between(first, out)?,
            _ => {}
        }
        Ok(())
    }

    /// Keeps what the end needs of an entry written: its tally is copied
    /// only where the output ends with a row for each.
    fn record(&mut self, tally: Cow<'_, Tally>, rest: Rest) {
        match rest {
            Rest::Nothing => {}
            Rest::Suite(suite) => self.suites.push(suite),
            Rest::Sarif(share) => self.sarif.add(share),
            Rest::Row(cells) => self.summary_rows.push(*cells),
        }
        self.written += 1;
        self.totals.add(&tally, &self.opts);
        if self.keeps_tallies() {
            self.rows.push(tally.into_owned());
        }
    }

    /// Writes what closes the output.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.opened {
            self.open(None, true, out)?;
        }
        let (opts, rows) = (&self.opts, &self.rows);
        match self.format {
            Format::Table if opts.summary => {
                summary::table(rows, &self.summary_rows, opts, self.threads, out)?;
            }
            Format::Markdown if opts.summary => summary::markdown(rows, opts, out)?,
            Format::Table if rows.len() > 1 => {
                writeln!(out)?;
                table::overview(rows, opts, out)?;
            }
            Format::Json => json::tail(&self.totals, self.many, opts, out)?,
            Format::Junit => junit::finish(std::mem::take(&mut self.suites), out)?,
            Format::Sarif => std::mem::take(&mut self.sarif).finish(opts.lang, out)?,
            _ => {}
        }
        Ok(())
    }
}
