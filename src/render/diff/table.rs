//! `almen diff` in the terminal: both sides, adherence and the verdict
//! before and after, then the gaps opened and closed, the items that
//! changed and what changed in each, and the items only one side has.

use std::io::{self, Write};

use comfy_table::{Cell, Color, Table};

use super::super::table::{
    cell, first_that_fits, header, new_table, paint, severity_cell, wrapped,
};
use super::super::text::visible;
use super::super::words::{
    DiffPart, Words, adherence_change_text, change_lines, counts_change, diff_heading, diff_tally,
    direction_word, gap_text, no_changes, regression_text, side_text, standing_text,
    verdict_change,
};
use super::{DiffOptions, Options, by_direction, checklists, organisation};
use crate::diff::{Diff, Direction};
use crate::score::{Checked, Gap, ItemResult};

pub fn render(
    diff: &Diff<'_>,
    opts: &Options,
    diff_opts: DiffOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    let (old, new) = (diff.old, diff.new);
    writeln!(out, "{}", paint(opts, &visible(&organisation(diff)), "1"))?;
    let sides = [
        side_text(
            lang,
            false,
            &old.file(),
            old.eval.as_of,
            Some(diff.old_date),
        ),
        side_text(lang, true, &new.file(), new.eval.as_of, None),
    ];
    for side in sides {
        writeln!(out, "{}", wrapped(opts, &visible(&side), 2, None))?;
    }
    let (old_lists, new_lists) = (checklists(old), checklists(new));
    let lists = if old_lists == new_lists {
        vec![format!(
            "{} {new_lists}",
            lang.pick("Tjeklister:", "Checklists:")
        )]
    } else {
        vec![
            format!(
                "{} {old_lists}",
                lang.pick("Tjeklister før:", "Checklists before:")
            ),
            format!(
                "{} {new_lists}",
                lang.pick("Tjeklister efter:", "Checklists after:")
            ),
        ]
    };
    for line in lists {
        writeln!(out, "{}", wrapped(opts, &visible(&line), 2, None))?;
    }

    writeln!(out)?;
    let adherence = adherence_change_text(
        lang,
        old.eval.adherence,
        new.eval.adherence,
        diff.adherence_change(),
    );
    writeln!(out, "{}", wrapped(opts, &adherence, 2, Some("1")))?;
    let verdict = verdict_change(lang, old.eval.compliant, new.eval.compliant);
    writeln!(out, "{}", wrapped(opts, &verdict, 2, None))?;
    let counts = counts_change(lang, old.eval.counts, new.eval.counts);
    writeln!(out, "{}", wrapped(opts, &counts, 2, None))?;

    if !diff.changed() {
        writeln!(out)?;
        writeln!(out, "{}", no_changes(lang))?;
        return Ok(());
    }

    let parts = [
        (DiffPart::Opened, diff.opened.len()),
        (DiffPart::Closed, diff.closed.len()),
        (DiffPart::Items, diff.items.len()),
        (DiffPart::OnlyOld, diff.only_old.len()),
        (DiffPart::OnlyNew, diff.only_new.len()),
    ];
    for (part, n) in parts {
        if n == 0 {
            continue;
        }
        writeln!(out)?;
        let heading = diff_heading(lang, part, n);
        writeln!(out, "{}", wrapped(opts, &heading, 0, Some("1")))?;
        let table = match part {
            DiffPart::Opened => gaps(&diff.opened, new, opts),
            DiffPart::Closed => gaps(&diff.closed, old, opts),
            DiffPart::Items => items(diff, opts),
            DiffPart::OnlyOld => only(&diff.only_old, old, opts),
            DiffPart::OnlyNew => only(&diff.only_new, new, opts),
        };
        writeln!(out, "{table}")?;
    }

    writeln!(out)?;
    writeln!(out, "{}", wrapped(opts, &diff_tally(lang, diff), 2, None))?;
    let regression = regression_text(lang, diff, diff_opts.fail_on_regression);
    let ansi = if diff.regression() { "1;31" } else { "1;32" };
    writeln!(out, "{}", wrapped(opts, &regression, 2, Some(ansi)))
}

/// An item's title with its kind under it, as `check`'s table has it.
fn title(opts: &Options, r: &ItemResult<'_>) -> String {
    let lang = opts.lang;
    format!("{}\n({})", lang.text(&r.item.title), lang.kind(r.item.kind))
}

/// Gaps opened (of the new side) or closed (of the old one): what was or
/// is wrong, in `check`'s words.
fn gaps(list: &[&Gap], side: &Checked<'_>, opts: &Options) -> Table {
    let lang = opts.lang;
    let mut wide = new_table(opts);
    header(
        &mut wide,
        &[
            lang.pick("Alvor", "Severity"),
            lang.pick("Punkt", "Item"),
            lang.pick("Titel", "Title"),
            lang.pick("Mangel", "What is wrong"),
        ],
    );
    let mut narrow = new_table(opts);
    header(
        &mut narrow,
        &[
            lang.pick("Alvor\nPunkt", "Severity\nItem"),
            lang.pick("Titel", "Title"),
            lang.pick("Mangel", "What is wrong"),
        ],
    );
    for gap in list {
        let Some(r) = side.eval.item(&gap.item) else {
            continue;
        };
        let (wrong, _) = gap_text(lang, gap, side);
        let what = format!("{}\n{wrong}", lang.reason(gap.reason));
        wide.add_row(vec![
            severity_cell(opts, gap.severity),
            cell(&gap.item),
            cell(title(opts, r)),
            cell(&what),
        ]);
        narrow.add_row(vec![
            cell(format!("{}\n{}", lang.severity(gap.severity), gap.item)),
            cell(title(opts, r)),
            cell(&what),
        ]);
    }
    first_that_fits(vec![wide, narrow], opts.width, false)
}

/// The items that changed, worsened first, and what changed in each.
fn items(diff: &Diff<'_>, opts: &Options) -> Table {
    let lang = opts.lang;
    let mut wide = new_table(opts);
    header(
        &mut wide,
        &[
            lang.pick("Punkt", "Item"),
            lang.pick("Titel", "Title"),
            lang.pick("Ændring", "Change"),
            lang.pick("Hvad er ændret", "What changed"),
        ],
    );
    let mut narrow = new_table(opts);
    header(
        &mut narrow,
        &[
            lang.pick("Punkt\nÆndring", "Item\nChange"),
            lang.pick("Titel", "Title"),
            lang.pick("Hvad er ændret", "What changed"),
        ],
    );
    for change in by_direction(diff) {
        let direction = direction_cell(
            cell(direction_word(lang, change.direction)),
            change.direction,
        );
        let lines = change_lines(lang, change, diff).join("\n");
        wide.add_row(vec![
            cell(change.id()),
            cell(title(opts, change.new)),
            direction,
            cell(&lines),
        ]);
        narrow.add_row(vec![
            direction_cell(
                cell(format!(
                    "{}\n{}",
                    change.id(),
                    direction_word(lang, change.direction)
                )),
                change.direction,
            ),
            cell(title(opts, change.new)),
            cell(&lines),
        ]);
    }
    first_that_fits(vec![wide, narrow], opts.width, false)
}

/// A cell in the colour of a direction: worse in red, better in green.
fn direction_cell(cell: Cell, direction: Direction) -> Cell {
    match direction {
        Direction::Worsened => cell.fg(Color::Red),
        Direction::Improved => cell.fg(Color::Green),
        Direction::Changed => cell,
    }
}

/// Items only one side has, with where they stand there.
fn only(list: &[&ItemResult<'_>], side: &Checked<'_>, opts: &Options) -> Table {
    let lang = opts.lang;
    let mut wide = new_table(opts);
    header(
        &mut wide,
        &[
            lang.pick("Punkt", "Item"),
            lang.pick("Tjekliste", "Checklist"),
            lang.pick("Titel", "Title"),
            lang.pick("Status", "Status"),
        ],
    );
    let mut narrow = new_table(opts);
    header(
        &mut narrow,
        &[
            lang.pick("Punkt\nTjekliste", "Item\nChecklist"),
            lang.pick("Titel", "Title"),
            lang.pick("Status", "Status"),
        ],
    );
    for r in list {
        let standing = standing_text(lang, r, side);
        wide.add_row(vec![
            cell(r.id()),
            cell(r.checklist),
            cell(title(opts, r)),
            cell(&standing),
        ]);
        narrow.add_row(vec![
            cell(format!("{}\n{}", r.id(), r.checklist)),
            cell(title(opts, r)),
            cell(&standing),
        ]);
    }
    first_that_fits(vec![wide, narrow], opts.width, false)
}
