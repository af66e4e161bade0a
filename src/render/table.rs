//! The terminal table: header, gaps, comply-or-explain, deadlines, verdict.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use super::tally::{Scored, Tally};
use super::text::{clean, push_clean, visible, wrap_hanging};
use super::words::{
    Words, date_opt, days_text, gap_text, in_municipality, notice_when, unchecked_label,
    unchecked_text, verdict as verdict_words,
};
use super::{Options, Unchecked, exit_reasons};
use crate::diag::cut;
use crate::lang::Lang;
use crate::pool::{self, Go};
use crate::score::Severity;
use crate::score::{Checked, summary_of};

/// A file that could not be checked: its name and how many problems
/// stopped it. The problems themselves are on standard error.
pub(super) fn unchecked(u: &Unchecked<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(out, "{}", paint(opts, &visible(&u.file), "1"))?;
    let text = unchecked_text(lang, u.diagnostics.len());
    writeln!(out, "{}", paint(opts, &format!("✘ {text}"), "1;31"))
}

/// The most characters of one word in a cell. A user's word can be as
/// long as a file (a path, a link), and comfy-table wraps a long word a
/// piece at a time, measuring the rest each time: a word of 10 MB took
/// hours. A longer word is cut.
pub(super) const WORD_LIMIT: usize = 1_000;

/// A cell of text, each of its words at most [`WORD_LIMIT`] characters,
/// shown, not obeyed.
pub(super) fn cell<T: ToString>(text: T) -> Cell {
    Cell::new(cell_text(&text.to_string()))
}

/// The text of a [`cell`] of `text`.
pub(super) fn cell_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_cell_text(text, &mut out);
    out
}

/// [`cell_text`], put at the end of `out`.
pub(super) fn push_cell_text(text: &str, out: &mut String) {
    push_clean(&short_words(text), out);
}

/// `text` with each word longer than [`WORD_LIMIT`] characters cut to that
/// and `…`. A word is what comfy-table wraps as one: no space, no line
/// break in it.
fn short_words(text: &str) -> Cow<'_, str> {
    // A word of more characters has more bytes.
    if text.len() <= WORD_LIMIT {
        return Cow::Borrowed(text);
    }
    let long = |word: &str| word.len() > WORD_LIMIT && word.chars().nth(WORD_LIMIT).is_some();
    if !text.split([' ', '\n']).any(long) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    for piece in text.split_inclusive([' ', '\n']) {
        let word = piece.trim_end_matches([' ', '\n']);
        out.push_str(&cut(word, WORD_LIMIT));
        out.push_str(&piece[word.len()..]);
    }
    Cow::Owned(out)
}

pub(super) fn new_table(opts: &Options) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(opts.width);
    if opts.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// Each column's padding, left and right: the UTF-8 presets' one space.
const PADDING: usize = 2;

/// The columns a table needs for its borders and padding, besides what is
/// in its cells.
fn frame(columns: usize) -> usize {
    columns + 1 + PADDING * columns
}

/// What laying a column out needs to know of its cells, header included:
/// its longest word, with paths and links counted as words and without
/// (a word with a `/` in it), and its longest line, in characters. Kept
/// for each of thousands of summary rows, it is small: a cell's text is
/// at most a few times the 16 MiB a file may be, far under 2^32.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Measure {
    words: u32,
    words_no_paths: u32,
    lines: u32,
}

/// A length, as a [`Measure`] keeps it.
pub(super) fn length(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Measure {
    /// The measure of a cell's text: its words are what
    /// `str::split_whitespace` splits it into, its lines what `str::lines`
    /// does, each counted in characters, all in one pass (the summary has
    /// a cell of nearly every text for each of thousands of rows).
    pub(super) fn of(content: &str) -> Measure {
        let (mut words, mut words_no_paths, mut lines) = (0, 0, 0);
        // The word and the line so far, whether the word is a path, and
        // whether the line so far ends in `\r`.
        let (mut word, mut path, mut line, mut cr) = (0, false, 0, false);
        for c in content.chars() {
            if c == '\n' {
                // A line ended by `\r\n` is without its `\r`.
                lines = lines.max(line - usize::from(cr));
                line = 0;
            } else {
                line += 1;
            }
            cr = c == '\r';
            if c.is_whitespace() {
                words = words.max(word);
                if !path {
                    words_no_paths = words_no_paths.max(word);
                }
                (word, path) = (0, false);
            } else {
                word += 1;
                path |= c == '/';
            }
        }
        words = words.max(word);
        if !path {
            words_no_paths = words_no_paths.max(word);
        }
        // The last line, which has no ending, as it is.
        Measure {
            words: length(words),
            words_no_paths: length(words_no_paths),
            lines: length(lines.max(line)),
        }
    }

    /// The measure of a column holding the cells of both.
    pub(super) fn max(self, other: Measure) -> Measure {
        Measure {
            words: self.words.max(other.words),
            words_no_paths: self.words_no_paths.max(other.words_no_paths),
            lines: self.lines.max(other.lines),
        }
    }

    /// The longest word: with `paths` false, a path or a link is no word,
    /// and is split where the column ends if it must be.
    fn word(&self, paths: bool) -> usize {
        if paths {
            self.words as usize
        } else {
            self.words_no_paths as usize
        }
    }

    /// The longest line.
    fn line(&self) -> usize {
        self.lines as usize
    }
}

/// Each column's [`Measure`], header included.
pub(super) fn measures(table: &Table) -> Vec<Measure> {
    (0..table.column_iter().count())
        .map(|i| {
            table
                .column_cells_with_header_iter(i)
                .flatten()
                .map(|c| Measure::of(&c.content()))
                .fold(Measure::default(), Measure::max)
        })
        .collect()
}

/// Whether `table` fits in `width` columns with no word split (paths and
/// links too, with `paths`), and no short label on two lines.
pub(super) fn fits(table: &Table, width: u16, paths: bool) -> bool {
    fits_measured(&measures(table), width, paths)
}

/// [`fits`], for a table of columns measured before.
pub(super) fn fits_measured(columns: &[Measure], width: u16, paths: bool) -> bool {
    let needed: usize = columns
        .iter()
        .map(|m| {
            let (w, line) = (m.word(paths), m.line());
            if line <= LABEL { w.max(line) } else { w }
        })
        .sum();
    needed + frame(columns.len()) <= usize::from(width)
}

/// Lays `table` out so that no word is split across lines where the width
/// allows: each column is at least as wide as its longest word. Where the
/// longest words together do not fit, the longest of them are split (a
/// word someone wrote without spaces), their columns still as wide as the
/// room allows, so the table keeps to the width. Room left over keeps
/// short labels on one line first, then paths and links whole.
pub(super) fn fit(table: &mut Table, width: u16) {
    let columns = measures(table);
    fit_measured(table, &columns, width);
}

/// [`fit`], for a table of columns measured before.
pub(super) fn fit_measured(table: &mut Table, columns: &[Measure], width: u16) {
    let words: Vec<usize> = columns.iter().map(|m| m.word(false)).collect();
    let Some(room) = usize::from(width).checked_sub(frame(words.len())) else {
        return;
    };
    if room < words.len() {
        return;
    }
    // The widest a column's lower bound may be: all of its longest word if
    // they all fit, else the largest cap under which they do.
    let mut cap = words.iter().copied().max().unwrap_or(0);
    while cap > 1 && words.iter().map(|w| (*w).min(cap)).sum::<usize>() > room {
        cap -= 1;
    }
    let mut lower: Vec<usize> = words.iter().map(|w| (*w).min(cap)).collect();
    let mut spare = room - lower.iter().sum::<usize>();
    let labels: Vec<usize> = columns
        .iter()
        .map(|m| if m.line() <= LABEL { m.line() } else { 0 })
        .collect();
    widen(&mut lower, &labels, &mut spare, true);
    let whole: Vec<usize> = columns.iter().map(|m| m.word(true)).collect();
    widen(&mut lower, &whole, &mut spare, false);
    for (column, width) in table.column_iter_mut().zip(lower) {
        let width = u16::try_from(width + PADDING).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
    }
}

/// Widens each column to what it `wants`, the one that wants least more
/// first, as far as `spare` allows; with `whole`, a column gets all it
/// wants or nothing.
fn widen(lower: &mut [usize], wants: &[usize], spare: &mut usize, whole: bool) {
    let mut order: Vec<usize> = (0..lower.len()).filter(|&i| wants[i] > lower[i]).collect();
    order.sort_by_key(|&i| wants[i] - lower[i]);
    for i in order {
        let more = wants[i] - lower[i];
        if whole && more > *spare {
            continue;
        }
        let more = more.min(*spare);
        lower[i] += more;
        *spare -= more;
    }
}

/// The longest line a column whose lines are all short labels (a status,
/// a severity, a date) has; a column with a longer line is running text.
const LABEL: usize = 20;

/// Picks the first of the tables that fits in the width without a word
/// split (nor a path, with `paths`), or else the last, and lays it out.
pub(super) fn first_that_fits(tables: Vec<Table>, width: u16, paths: bool) -> Table {
    let count = tables.len();
    let mut table = tables
        .into_iter()
        .enumerate()
        .find(|(i, t)| *i + 1 == count || fits(t, width, paths))
        .map(|(_, t)| t)
        .expect("at least one table");
    fit(&mut table, width);
    table
}

/// Writes `table` and a line break, as `writeln!(out, "{table}")` does,
/// but a line at a time: a table of thousands of rows is not copied into
/// one text of its own first.
pub(super) fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut lines = table.lines().peekable();
    if lines.peek().is_none() {
        return writeln!(out);
    }
    for line in lines {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The most rows a table is laid out and made in one piece with; a table
/// of more is made in parts of this many rows, as [`write_rows`] says.
/// comfy-table holds a part's cells several times over while it makes
/// it: parts of 512 rows of the summary touched twice the memory.
pub(super) const PART: usize = 128;

/// Writes the table of `titles` and `rows`, each row its cells' texts as
/// [`cell_text`] makes them, laid out as [`fit_measured`] lays out a table
/// of `columns`, and a line break: the bytes `write_table` writes for the
/// table made whole.
///
/// comfy-table lays a table out whole, from every line of every cell, and
/// makes all of its lines before the first can be written: for thousands
/// of rows, on one core, most of a run's time and memory. Here a table of
/// more than [`PART`] rows is laid out once, from one line of each shape
/// ([`shape`]: lines of one shape lay out alike), and then made [`PART`]
/// rows at a time, up to `threads` parts at once, each part's columns as
/// wide as the layout says.
pub(super) fn write_rows(
    titles: &[&str],
    rows: &[&[&str]],
    columns: &[Measure],
    opts: &Options,
    threads: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    in_parts(titles, rows, columns, opts, (threads, PART), out)
}

/// [`write_rows`], in parts of `size` rows made on up to `threads`
/// threads.
fn in_parts(
    titles: &[&str],
    rows: &[&[&str]],
    columns: &[Measure],
    opts: &Options,
    (threads, size): (usize, usize),
    out: &mut dyn Write,
) -> io::Result<()> {
    debug_assert!(rows.iter().all(|row| row.len() == titles.len()));
    let size = size.max(1);
    let widths = if rows.len() > size {
        laid_out(titles, rows, columns, opts, (threads, size))
    } else {
        None
    };
    let Some(widths) = widths else {
        let mut table = table_of(Some(titles), rows, opts);
        fit_measured(&mut table, columns, opts.width);
        return write_table(&table, out);
    };
    // Between two parts, the line between two rows: that of a table of
    // two rows of one line each.
    let empty = vec![""; widths.len()];
    let between = part(None, &[&empty, &empty], &widths, opts)
        .lines()
        .nth(2)
        .unwrap_or_default();
    let parts: Vec<(usize, &[&[&str]])> = rows.chunks(size).enumerate().collect();
    let last = parts.len() - 1;
    let mut written = Ok(());
    pool::ordered(
        &parts,
        threads,
        || (),
        |(), &(i, rows)| {
            let titles = (i == 0).then_some(titles);
            (
                i,
                part(titles, rows, &widths, opts)
                    .lines()
                    .collect::<Vec<_>>(),
            )
        },
        |(i, lines)| {
            // Each part is a table of its own: its top border gives way to
            // the line between rows, and its bottom border to the next part.
            let from = usize::from(i > 0);
            let to = if i == last {
                lines.len()
            } else {
                lines.len().saturating_sub(1)
            };
            let between = (i > 0).then_some(between.as_str());
            let lines = lines.get(from..to).unwrap_or_default();
            written = between
                .into_iter()
                .chain(lines.iter().map(String::as_str))
                .try_for_each(|line| {
                    out.write_all(line.as_bytes())?;
                    out.write_all(b"\n")
                });
            if written.is_ok() { Go::On } else { Go::Stop }
        },
    );
    written
}

/// The table of `titles`, if it has them, and `rows`, not laid out.
fn table_of(titles: Option<&[&str]>, rows: &[&[&str]], opts: &Options) -> Table {
    let mut table = new_table(opts);
    if let Some(titles) = titles {
        header(&mut table, titles);
    }
    for row in rows {
        table.add_row(row.iter().map(Cell::new));
    }
    table
}

/// A part of a table laid out before: `titles` if it is the first, `rows`,
/// and each column as wide as `widths` says, borders and padding in.
fn part(titles: Option<&[&str]>, rows: &[&[&str]], widths: &[u16], opts: &Options) -> Table {
    let mut table = table_of(titles, rows, opts);
    for (column, width) in table.column_iter_mut().zip(widths) {
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*width)));
    }
    table
}

/// The width of each column, borders and padding in, that comfy-table
/// gives the table of `titles` and `rows` laid out whole: that which it
/// gives a table of the same titles and one row, each cell of which has
/// one line of each [`shape`] of its column's lines. comfy-table lays a
/// column out from the widest of its lines, and from how wide each line
/// is once split between words to fit a width; both are the same for two
/// lines of a shape. `None` where the widths cannot be read.
fn laid_out(
    titles: &[&str],
    rows: &[&[&str]],
    columns: &[Measure],
    opts: &Options,
    (threads, size): (usize, usize),
) -> Option<Vec<u16>> {
    let count = titles.len();
    let parts: Vec<&[&[&str]]> = rows.chunks(size).collect();
    let mut shapes = vec![BTreeSet::new(); count];
    pool::ordered(
        &parts,
        threads,
        || (),
        |(), rows| shapes_of(rows, count),
        |found| {
            for (into, from) in shapes.iter_mut().zip(found) {
                into.extend(from);
            }
            Go::On
        },
    );
    let mut proxy = new_table(opts);
    header(&mut proxy, titles);
    proxy.add_row(shapes.iter().map(|lines| {
        Cell::new_owned(
            lines
                .iter()
                .map(AsRef::as_ref)
                .collect::<Vec<&str>>()
                .join("\n"),
        )
    }));
    fit_measured(&mut proxy, columns, opts.width);
    // `╭───┬────╮`: between the corners, a run of the border for each
    // column.
    let top = proxy.lines().next()?;
    let mut chars = top.chars();
    chars.next()?;
    chars.next_back()?;
    let inner = chars.as_str();
    let fill = inner.chars().next()?;
    let widths: Vec<u16> = inner
        .split(|c| c != fill)
        .map(|run| u16::try_from(run.chars().count()).ok())
        .collect::<Option<_>>()?;
    (widths.len() == count && widths.iter().all(|w| *w > 0)).then_some(widths)
}

/// The shapes of the lines of each of `count` columns of `rows`.
fn shapes_of<'a>(rows: &[&[&'a str]], count: usize) -> Vec<BTreeSet<Cow<'a, str>>> {
    let mut shapes = vec![BTreeSet::new(); count];
    let mut shaped = String::new();
    for row in rows {
        for (set, text) in shapes.iter_mut().zip(row.iter()) {
            for line in text.split('\n') {
                let shape = if shape(line, &mut shaped) {
                    shaped.as_str()
                } else {
                    line
                };
                if !set.contains(shape) {
                    set.insert(if shape == line {
                        Cow::Borrowed(line)
                    } else {
                        Cow::Owned(shape.to_owned())
                    });
                }
            }
        }
    }
    shapes
}

/// What comfy-table's layout sees of a line of a cell. A line of
/// characters that are each one column wide and one grapheme, whatever
/// is beside them (ASCII's and Latin-1's printable ones), is as wide as
/// it has characters and is split at its spaces and, for a word too long,
/// after as many characters as fit: its shape is its spaces, and an `x`
/// for each other character, put in `shaped`. Any other line is its own
/// shape, and `false` says so.
fn shape(line: &str, shaped: &mut String) -> bool {
    shaped.clear();
    for c in line.chars() {
        match c {
            ' ' => shaped.push(' '),
            '!'..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{ff}' => shaped.push('x'),
            _ => return false,
        }
    }
    true
}

/// Text on lines of at most the width, wrapped between words, each line
/// after the first indented by `indent` spaces, each painted with `ansi`
/// if given (the indent not).
pub(super) fn wrapped(opts: &Options, text: &str, indent: usize, ansi: Option<&str>) -> String {
    let rest = " ".repeat(indent);
    wrap_hanging(text, usize::from(opts.width), "", &rest)
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let (lead, words) = if i == 0 {
                ("", line)
            } else {
                line.split_at(rest.len().min(line.len()))
            };
            match ansi {
                Some(ansi) => format!("{lead}{}", paint(opts, words, ansi)),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn header(table: &mut Table, titles: &[&str]) {
    table.set_header(
        titles
            .iter()
            .map(|t| cell(t).add_attribute(Attribute::Bold)),
    );
}

pub(super) fn paint(opts: &Options, text: &str, ansi: &str) -> String {
    if opts.color {
        format!("\x1b[{ansi}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

pub(super) fn severity_cell(opts: &Options, s: Severity) -> Cell {
    paint_severity(cell(opts.lang.severity(s)), s)
}

/// A cell in the colour of a severity.
fn paint_severity(cell: Cell, s: Severity) -> Cell {
    match s {
        Severity::Critical => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Severity::Major => cell.fg(Color::Yellow),
        Severity::Minor => cell.fg(Color::Cyan),
    }
}

pub(super) fn one(checked: &Checked<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let a = &checked.assessment.file;
    let eval = &checked.eval;

    // Header: who, when, against what.
    let mut title = a.organisation.name.clone();
    if let Some(m) = a.organisation.municipality_line() {
        title.push_str(&format!(" ({m})"));
    }
    writeln!(out, "{}", paint(opts, &visible(&title), "1"))?;
    let mut when = format!("{} {}", lang.pick("Opgjort pr.", "As of"), eval.as_of);
    if let Some(d) = &a.assessment.date {
        when.push_str(&format!(
            " · {} {}",
            lang.pick("vurderet", "assessed"),
            d.get_ref()
        ));
    }
    match &a.assessment.approved {
        Some(d) => when.push_str(&format!(
            " · {} {}",
            lang.pick("godkendt af bestyrelsen", "approved by the board"),
            d.get_ref()
        )),
        None => when.push_str(&format!(
            " · {}",
            lang.pick("ikke godkendt af bestyrelsen", "not approved by the board")
        )),
    }
    writeln!(out, "{}", wrapped(opts, &when, 2, None))?;
    let lists = checked
        .assessment
        .checklists
        .iter()
        .map(|c| format!("{} {}", c.id(), c.file.version))
        .collect::<Vec<_>>()
        .join(", ");
    let lists = format!(
        "{} {}",
        lang.pick("Tjeklister:", "Checklists:"),
        visible(&lists)
    );
    writeln!(out, "{}", wrapped(opts, &lists, 2, None))?;
    writeln!(
        out,
        "{} {}",
        lang.pick("Fil:", "File:"),
        visible(&checked.file())
    )?;

    if opts.all {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            wrapped(opts, lang.pick("Alle punkter", "All items"), 0, Some("1"))
        )?;
        writeln!(out, "{}", all_items(checked, opts))?;
    }

    writeln!(out)?;
    if eval.gaps.is_empty() {
        writeln!(out, "{}", lang.pick("Ingen mangler.", "No gaps."))?;
    } else {
        writeln!(
            out,
            "{}",
            wrapped(opts, lang.pick("Mangler", "Gaps"), 0, Some("1"))
        )?;
        writeln!(out, "{}", gaps(checked, opts))?;
    }

    let explained: Vec<_> = eval.items.iter().filter(|r| r.explained).collect();
    if !explained.is_empty() {
        writeln!(out)?;
        let title = lang.pick(
            "Følg eller forklar: forklarede afvigelser fra anbefalingerne",
            "Comply or explain: recommendations the board has explained not following",
        );
        writeln!(out, "{}", wrapped(opts, title, 0, Some("1")))?;
        let mut table = new_table(opts);
        header(
            &mut table,
            &[
                lang.pick("Punkt", "Item"),
                lang.pick("Titel", "Title"),
                lang.pick("Status", "Status"),
                lang.pick("Forklaring", "Explanation"),
            ],
        );
        for r in explained {
            table.add_row(vec![
                cell(r.id()),
                cell(lang.text(&r.item.title)),
                cell(lang.status(r.status(), r.item.kind)),
                cell(r.answer.and_then(|a| a.explanation()).unwrap_or_default()),
            ]);
        }
        fit(&mut table, opts.width);
        writeln!(out, "{table}")?;
    }

    if !eval.notices.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            wrapped(opts, lang.pick("Frister snart", "Due soon"), 0, Some("1"))
        )?;
        for n in &eval.notices {
            let title = eval
                .item(&n.item)
                .map(|r| lang.text(&r.item.title))
                .unwrap_or("");
            let line = format!(
                "{} {}{}: {} ({})",
                clean(&n.item),
                clean(title),
                clean(&in_municipality(n.municipality.as_deref())),
                notice_when(lang, n.reason, n.due, false),
                days_text(lang, n.days)
            );
            write!(
                out,
                "{}",
                wrap_hanging(&line, usize::from(opts.width), "  ", "    ")
            )?;
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", verdict(checked, opts))?;
    for reason in exit_reasons(checked, opts) {
        writeln!(
            out,
            "{}",
            wrapped(opts, &format!("✘ {reason}."), 2, Some("1;31"))
        )?;
    }
    Ok(())
}

/// Every item, with `--all`: eight columns where the width allows them
/// without splitting a word, else five, with the kind under the title, the
/// value under the status and the due date under the date.
fn all_items(checked: &Checked<'_>, opts: &Options) -> Table {
    let lang = opts.lang;
    let eval = &checked.eval;
    let mut wide = new_table(opts);
    header(
        &mut wide,
        &[
            lang.pick("Punkt", "Item"),
            lang.pick("Titel", "Title"),
            lang.pick("Type", "Kind"),
            lang.pick("Status", "Status"),
            lang.pick("Værdi", "Value"),
            lang.pick("Dato", "Date"),
            lang.pick("Frist", "Due"),
            lang.pick("Mangel", "Gap"),
        ],
    );
    let mut narrow = new_table(opts);
    header(
        &mut narrow,
        &[
            lang.pick("Punkt", "Item"),
            lang.pick("Titel", "Title"),
            lang.pick("Status\nVærdi", "Status\nValue"),
            lang.pick("Dato\nFrist", "Date\nDue"),
            lang.pick("Mangel", "Gap"),
        ],
    );
    for r in &eval.items {
        let date = r
            .answer
            .and_then(|a| a.date.as_ref())
            .map(|d| d.get_ref().to_string())
            .unwrap_or_default();
        let due = date_opt(r.due);
        let value = r.value.map_or("–".to_owned(), |v| lang.number(v));
        let worst = || match r.worst {
            Some(s) => severity_cell(opts, s),
            None if r.explained => cell(lang.pick("forklaret", "explained")),
            None => cell("–"),
        };
        let title = lang.text(&r.item.title);
        let kind = lang.kind(r.item.kind);
        let status = lang.status(r.status(), r.item.kind);
        wide.add_row(vec![
            cell(r.id()),
            cell(title),
            cell(kind),
            cell(status),
            cell(&value),
            cell(&date),
            cell(&due),
            worst(),
        ]);
        let or_dash = |s: &str| {
            if s.is_empty() {
                "–".to_owned()
            } else {
                s.to_owned()
            }
        };
        narrow.add_row(vec![
            cell(r.id()),
            cell(format!("{title}\n({kind})")),
            cell(format!("{status}\n{value}")),
            cell(format!("{}\n{}", or_dash(&date), or_dash(&due))),
            worst(),
        ]);
        // An item answered per municipality: a row for each under it.
        for p in &r.per {
            let date = p
                .answer
                .and_then(|a| a.date.as_ref())
                .map(|d| d.get_ref().to_string())
                .unwrap_or_default();
            let due = date_opt(p.due);
            let value = p.value.map_or("–".to_owned(), |v| lang.number(v));
            let status = lang.status(p.status(), r.item.kind);
            let worst = || match p.worst {
                Some(s) => severity_cell(opts, s),
                None if p.explained => cell(lang.pick("forklaret", "explained")),
                None => cell("–"),
            };
            let municipality = format!("└ {}", p.municipality);
            wide.add_row(vec![
                cell(""),
                cell(&municipality),
                cell(""),
                cell(status),
                cell(&value),
                cell(&date),
                cell(&due),
                worst(),
            ]);
            narrow.add_row(vec![
                cell(""),
                cell(&municipality),
                cell(format!("{status}\n{value}")),
                cell(format!("{}\n{}", or_dash(&date), or_dash(&due))),
                worst(),
            ]);
        }
    }
    first_that_fits(vec![wide, narrow], opts.width, false)
}

/// The gaps: six columns where the width allows them without splitting a
/// word, else four, with the item under its severity and how to fix it
/// under what is wrong.
fn gaps(checked: &Checked<'_>, opts: &Options) -> Table {
    let lang = opts.lang;
    let eval = &checked.eval;
    let mut wide = new_table(opts);
    header(
        &mut wide,
        &[
            lang.pick("Alvor", "Severity"),
            lang.pick("Punkt", "Item"),
            lang.pick("Titel", "Title"),
            lang.pick("Status", "Status"),
            lang.pick("Mangel", "What is wrong"),
            lang.pick("Sådan retter I det", "How to fix it"),
        ],
    );
    let mut narrow = new_table(opts);
    header(
        &mut narrow,
        &[
            lang.pick("Alvor\nPunkt", "Severity\nItem"),
            lang.pick("Titel", "Title"),
            lang.pick("Status", "Status"),
            lang.pick(
                "Mangel\n→ sådan retter I det",
                "What is wrong\n→ how to fix it",
            ),
        ],
    );
    for gap in &eval.gaps {
        let Some(r) = eval.item(&gap.item) else {
            continue;
        };
        let (wrong, fix) = gap_text(lang, gap, checked);
        let title = format!("{}\n({})", lang.text(&r.item.title), lang.kind(r.item.kind));
        let status = lang.status(r.status(), r.item.kind);
        let reason = lang.reason(gap.reason);
        wide.add_row(vec![
            severity_cell(opts, gap.severity),
            cell(&gap.item),
            cell(&title),
            cell(status),
            cell(format!("{reason}\n{wrong}")),
            cell(&fix),
        ]);
        narrow.add_row(vec![
            paint_severity(
                cell(format!("{}\n{}", lang.severity(gap.severity), gap.item)),
                gap.severity,
            ),
            cell(&title),
            cell(status),
            cell(format!("{reason}\n{wrong}\n→ {fix}")),
        ]);
    }
    first_that_fits(vec![wide, narrow], opts.width, false)
}

/// The verdict, adherence and counts, wrapped at the width.
fn verdict(checked: &Checked<'_>, opts: &Options) -> String {
    let lang = opts.lang;
    let eval = &checked.eval;
    let c = eval.counts;
    let head = format!("{}.", verdict_words(lang, eval.compliant));
    let text = match lang {
        Lang::Da => format!(
            "{head} Efterlevelse {}. Mangler: {} {}, {} {}, {} mindre · forklarede afvigelser: {} · frister snart: {}",
            lang.percent(eval.adherence),
            c.critical,
            if c.critical == 1 {
                "kritisk"
            } else {
                "kritiske"
            },
            c.major,
            if c.major == 1 {
                "væsentlig"
            } else {
                "væsentlige"
            },
            c.minor,
            c.explained,
            c.notices
        ),
        Lang::En => format!(
            "{head} Adherence {}. Gaps: {} critical, {} major, {} minor · explained: {} · due soon: {}",
            lang.percent(eval.adherence),
            c.critical,
            c.major,
            c.minor,
            c.explained,
            c.notices
        ),
    };
    let text = wrapped(opts, &text, 2, None);
    // The verdict itself in colour, where it is whole on the first line.
    match text.strip_prefix(head.as_str()) {
        Some(tail) => {
            let ansi = if eval.compliant { "1;32" } else { "1;31" };
            format!("{}{tail}", paint(opts, &head, ansi))
        }
        None => text,
    }
}

pub(super) fn overview(tallies: &[Tally], opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(
        out,
        "{}",
        wrapped(opts, lang.pick("Samlet oversigt", "Summary"), 0, Some("1"))
    )?;
    let mut wide = new_table(opts);
    header(
        &mut wide,
        &[
            lang.pick("Fil", "File"),
            lang.pick("Organisation", "Organisation"),
            lang.pick("Efterlevelse", "Adherence"),
            lang.pick("Overholdt", "Compliant"),
            lang.pick("Kritiske", "Critical"),
            lang.pick("Væsentlige", "Major"),
            lang.pick("Mindre", "Minor"),
            lang.pick("Forklarede", "Explained"),
        ],
    );
    let mut narrow = new_table(opts);
    header(
        &mut narrow,
        &[
            lang.pick("Fil\nOrganisation", "File\nOrganisation"),
            lang.pick("Efterlevelse", "Adherence"),
            lang.pick("Overholdt", "Compliant"),
            lang.pick("Kritiske\nVæsentlige\nMindre", "Critical\nMajor\nMinor"),
            lang.pick("Forklarede", "Explained"),
        ],
    );
    for t in tallies {
        let r = match &t.scored {
            Some(r) => r,
            None => {
                let label = || cell(unchecked_label(lang)).fg(Color::Red);
                let mut row = vec![cell(&t.file), cell("–"), cell("–"), label()];
                row.extend((0..4).map(|_| cell("–")));
                wide.add_row(row);
                let mut row = vec![cell(&t.file), cell("–"), label()];
                row.extend((0..2).map(|_| cell("–")));
                narrow.add_row(row);
                continue;
            }
        };
        let c = r.counts;
        let name = &r.organisation;
        let adherence = lang.percent(r.adherence);
        let compliant = if r.compliant {
            lang.pick("ja", "yes")
        } else {
            lang.pick("nej", "no")
        };
        wide.add_row(vec![
            cell(&t.file),
            cell(name),
            cell(&adherence),
            cell(compliant),
            cell(c.critical),
            cell(c.major),
            cell(c.minor),
            cell(c.explained),
        ]);
        narrow.add_row(vec![
            cell(format!("{}\n{name}", t.file)),
            cell(&adherence),
            cell(compliant),
            cell(format!("{}\n{}\n{}", c.critical, c.major, c.minor)),
            cell(c.explained),
        ]);
    }
    // The file is the row's name here: it is kept whole where it can be.
    write_table(&first_that_fits(vec![wide, narrow], opts.width, true), out)?;
    let scored: Vec<&Scored> = tallies.iter().filter_map(|t| t.scored.as_ref()).collect();
    let unchecked = tallies.len() - scored.len();
    let s = summary_of(scored.iter().map(|r| (r.adherence, r.compliant, r.counts)));
    let mut text = Vec::new();
    if s.assessments > 0 {
        text.push(match lang {
            Lang::Da => format!(
                "{} {}, {} overholder følg eller forklar. Efterlevelse: gennemsnit {}, laveste {}, højeste {}. Mangler i alt: {} kritiske, {} væsentlige, {} mindre.",
                s.assessments,
                if s.assessments == 1 {
                    "selvevaluering"
                } else {
                    "selvevalueringer"
                },
                s.compliant,
                lang.percent(s.mean),
                lang.percent(s.min),
                lang.percent(s.max),
                s.critical,
                s.major,
                s.minor
            ),
            Lang::En => format!(
                "{} {}, {} compliant. Adherence: mean {}, lowest {}, highest {}. Gaps in all: {} critical, {} major, {} minor.",
                s.assessments,
                if s.assessments == 1 {
                    "assessment"
                } else {
                    "assessments"
                },
                s.compliant,
                lang.percent(s.mean),
                lang.percent(s.min),
                lang.percent(s.max),
                s.critical,
                s.major,
                s.minor
            ),
        });
    }
    if unchecked > 0 {
        text.push(match lang {
            Lang::Da => format!(
                "{unchecked} {} kunne ikke tjekkes.",
                if unchecked == 1 { "fil" } else { "filer" }
            ),
            Lang::En => format!(
                "{unchecked} {} could not be checked.",
                if unchecked == 1 { "file" } else { "files" }
            ),
        });
    }
    writeln!(out, "{}", wrapped(opts, &text.join(" "), 0, None))?;
    // What fails the run, if anything does, after what it fails.
    if let Some(threshold) = opts.fail_under {
        let under = scored.iter().filter(|r| r.under(opts)).count();
        if under > 0 {
            let threshold = super::words::threshold_text(lang, threshold);
            let line = match lang {
                Lang::Da => format!(
                    "✘ {under} af {} under grænsen {threshold} for efterlevelse (`--fail-under`).",
                    s.assessments
                ),
                Lang::En => format!(
                    "✘ {under} of {} under the adherence threshold {threshold} (`--fail-under`).",
                    s.assessments
                ),
            };
            writeln!(out, "{}", wrapped(opts, &line, 2, Some("1;31")))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_text_is_measured_as_its_words_and_lines_say(
            text in "[aæ🦀/ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1c}\u{1f}\u{7f}\u{2028}\u{3000}]{0,16}",
        ) {
            let longest = |pieces: &mut dyn Iterator<Item = &str>| {
                pieces.map(|p| p.chars().count()).max().unwrap_or(0)
            };
            let expected = Measure {
                words: length(longest(&mut text.split_whitespace())),
                words_no_paths: length(longest(
                    &mut text.split_whitespace().filter(|w| !w.contains('/')),
                )),
                lines: length(longest(&mut text.lines())),
            };
            prop_assert_eq!(Measure::of(&text), expected);
        }

        /// The table made in parts is, byte for byte, the table made
        /// whole: words of one column wide letters, and of those that are
        /// not (wide, joined, combining, marks), too long for any column,
        /// tables wider and narrower than the width, with and without
        /// colour.
        #[test]
        fn a_table_made_in_parts_is_the_table_made_whole(
            titles in proptest::collection::vec(text(), 1..6),
            texts in proptest::collection::vec(text(), 1..200),
            width in 10u16..400,
            size in 1usize..7,
            threads in 1usize..4,
            color: bool,
        ) {
            let count = titles.len();
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let texts: Vec<String> = texts.iter().map(|t| cell_text(t)).collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let rows: Vec<&[&str]> = texts.chunks_exact(count).collect();
            let opts = Options { width, color, ..Options::plain(Lang::Da) };
            let mut whole = table_of(Some(&titles), &rows, &opts);
            let columns = measures(&whole);
            let mut expected = Vec::new();
            fit_measured(&mut whole, &columns, width);
            write_table(&whole, &mut expected).unwrap();
            let mut made = Vec::new();
            in_parts(&titles, &rows, &columns, &opts, (threads, size), &mut made).unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&made), String::from_utf8_lossy(&expected));
        }
    }

    /// Text of words, each of a kind [`shape`] treats one way or another,
    /// between spaces and line breaks.
    fn text() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "x",
            "ab",
            "Boligforeningen",
            "Næstved",
            "afd.",
            "(1960)",
            "sector/org-06180.toml",
            "✔",
            "✘",
            "–",
            "漢字漢字",
            "e\u{301}e\u{301}",
            "👍🏽",
            "a\u{200d}b",
            "1\u{fe0f}\u{20e3}",
            "\u{ad}",
            "\u{a0}",
            "©",
            "®",
            "©\u{fe0f}",
            "®\u{200d}©",
            "ø\u{301}",
            "\u{a0}\u{301}",
            "x\u{a0}y",
            "½ÿ¡",
            "\u{ac}\u{ae}",
            "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "øøøøøøøøøøøøøøøøøøøøøøøøøøøøøøøøøøø",
            "漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢",
            "",
        ]);
        let between = prop::sample::select(vec![" ", " ", " ", "\n", "  "]);
        proptest::collection::vec((words, between), 0..8).prop_map(|parts| {
            parts
                .into_iter()
                .flat_map(|(word, between)| [word, between])
                .collect()
        })
    }

    #[test]
    fn only_a_word_too_long_to_wrap_is_cut() {
        let short = format!("{} b\nc  d", "a".repeat(WORD_LIMIT));
        assert!(matches!(short_words(&short), Cow::Borrowed(_)));
        let long = format!("x {}\ny", "ø".repeat(3 * WORD_LIMIT));
        let cut = format!("x {}…\ny", "ø".repeat(WORD_LIMIT));
        assert_eq!(short_words(&long), cut);
    }

    fn table(rows: &[&[&str]]) -> Table {
        let opts = Options::plain(Lang::Da);
        let mut table = new_table(&opts);
        header(&mut table, rows[0]);
        for row in &rows[1..] {
            table.add_row(row.iter().map(cell));
        }
        table
    }

    const ROWS: &[&[&str]] = &[
        &["Punkt", "Titel", "Status", "Mangel"],
        &[
            "EGN-1",
            "Kommunikationspolitikken gennemgås mindst hvert andet år",
            "delvist opfyldt",
            "Findes ikke: dokumentation/samarbejdsretningslinjer.pdf. Ret stien.",
        ],
        &[
            "NV-13",
            "Dokumentationsmateriale til styringsdialogen er udarbejdet",
            "ikke relevant",
            "Kravet gælder for alle almene boligorganisationer.",
        ],
    ];

    #[test]
    fn a_fitted_table_keeps_to_its_width_and_splits_no_word() {
        for width in 40..=160u16 {
            let mut t = table(ROWS);
            t.set_width(width);
            fit(&mut t, width);
            let shown = t.to_string();
            for line in shown.lines() {
                assert!(
                    line.chars().count() <= usize::from(width),
                    "{width}:\n{shown}"
                );
            }
            // Wide enough for the longest words, none is split.
            if fits(&table(ROWS), width, false) {
                for word in ["Kommunikationspolitikken", "Dokumentationsmateriale"] {
                    assert!(shown.contains(word), "{width}: {word} split:\n{shown}");
                }
            }
        }
    }

    #[test]
    fn the_first_table_that_fits_is_taken() {
        let wide = table(ROWS);
        let narrow = table(&[&["Punkt"], &["EGN-1"]]);
        let picked = first_that_fits(vec![wide, narrow], 120, false);
        assert_eq!(picked.column_iter().count(), 4);
        let wide = table(ROWS);
        let narrow = table(&[&["Punkt"], &["EGN-1"]]);
        let picked = first_that_fits(vec![wide, narrow], 50, false);
        assert_eq!(picked.column_iter().count(), 1);
    }
}
