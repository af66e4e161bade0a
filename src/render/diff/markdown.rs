//! `almen diff --format markdown`: what changed, as a pull-request (or
//! merge-request) comment: a heading, adherence and the verdict before and
//! after, whether it is a regression, tables of the gaps opened and closed
//! and of the items that changed, and the details folded away. Every text
//! from a file is escaped, so nothing in an assessment becomes markup.

use std::io::{self, Write};

use super::super::report::layout::markdown as md;
use super::super::words::{
    DiffPart, Words, adherence_change_text, change_lines, counts_change, diff_heading, diff_tally,
    direction_word, gap_text, no_changes, regression_text, side_text, standing_text,
    verdict_change,
};
use super::{DiffOptions, Options, by_direction, checklists, organisation};
use crate::diff::Diff;
use crate::score::{Checked, Gap, ItemResult};

pub fn render(
    diff: &Diff<'_>,
    opts: &Options,
    diff_opts: DiffOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    let (old, new) = (diff.old, diff.new);
    writeln!(out, "### almen diff: {}\n", md(&organisation(diff)))?;
    let adherence = adherence_change_text(
        lang,
        old.eval.adherence,
        new.eval.adherence,
        diff.adherence_change(),
    );
    let verdict = verdict_change(lang, old.eval.compliant, new.eval.compliant);
    writeln!(out, "**{}** · {}\n", md(&adherence), md(&verdict))?;
    if diff.changed() {
        // The words are almen's own: no text from a file is in them.
        let regression = regression_text(lang, diff, diff_opts.fail_on_regression);
        writeln!(out, "**{regression}**\n")?;
        writeln!(out, "{}  ", diff_tally(lang, diff))?;
    } else {
        writeln!(out, "{}\n", no_changes(lang))?;
    }
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
    writeln!(out, "{}  ", md(&sides[0]))?;
    writeln!(out, "{}\n", md(&sides[1]))?;
    if !diff.changed() {
        return Ok(());
    }

    if !diff.opened.is_empty() {
        let heading = diff_heading(lang, DiffPart::Opened, diff.opened.len());
        gaps(&heading, &diff.opened, new, opts, true, out)?;
    }
    if !diff.closed.is_empty() {
        let heading = diff_heading(lang, DiffPart::Closed, diff.closed.len());
        gaps(&heading, &diff.closed, old, opts, false, out)?;
    }
    if !diff.items.is_empty() {
        items(diff, opts, out)?;
    }
    for (part, list, side) in [
        (DiffPart::OnlyOld, &diff.only_old, old),
        (DiffPart::OnlyNew, &diff.only_new, new),
    ] {
        if !list.is_empty() {
            only(&diff_heading(lang, part, list.len()), list, side, opts, out)?;
        }
    }

    let details = lang.pick("Detaljer", "Details");
    writeln!(out, "<details><summary>{details}</summary>\n")?;
    writeln!(
        out,
        "{}  ",
        md(&counts_change(lang, old.eval.counts, new.eval.counts))
    )?;
    let (a, b) = (checklists(old), checklists(new));
    if a == b {
        writeln!(
            out,
            "{} {}",
            lang.pick("Tjeklister:", "Checklists:"),
            md(&b)
        )?;
    } else {
        writeln!(
            out,
            "{} {}  ",
            lang.pick("Tjeklister før:", "Checklists before:"),
            md(&a)
        )?;
        writeln!(
            out,
            "{} {}",
            lang.pick("Tjeklister efter:", "Checklists after:"),
            md(&b)
        )?;
    }
    writeln!(out, "\n</details>")
}

/// An item in a table cell: its id in bold, then its title.
fn item_cell(opts: &Options, r: &ItemResult<'_>) -> String {
    format!("**{}** {}", md(r.id()), md(opts.lang.text(&r.item.title)))
}

/// Gaps opened (of the new side, with how to fix each folded under the
/// table) or closed (of the old one).
fn gaps(
    heading: &str,
    list: &[&Gap],
    side: &Checked<'_>,
    opts: &Options,
    fixes: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(out, "#### {heading}\n")?;
    writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        lang.pick("Alvor", "Severity"),
        lang.pick("Punkt", "Item"),
        lang.pick("Mangel", "Gap")
    )?;
    for gap in list {
        let Some(r) = side.eval.item(&gap.item) else {
            continue;
        };
        writeln!(
            out,
            "| {} | {} | {} |",
            lang.severity(gap.severity),
            item_cell(opts, r),
            lang.reason(gap.reason)
        )?;
    }
    writeln!(out)?;
    if fixes {
        let summary = lang.pick(
            "Hvad er galt, og sådan retter I det",
            "What is wrong, and how to fix it",
        );
        writeln!(out, "<details><summary>{summary}</summary>\n")?;
        for gap in list {
            let (wrong, fix) = gap_text(lang, gap, side);
            writeln!(
                out,
                "- **{}** {}: {} → {}",
                md(&gap.item),
                lang.reason(gap.reason),
                md(&wrong),
                md(&fix)
            )?;
        }
        writeln!(out, "\n</details>\n")?;
    }
    Ok(())
}

/// The items that changed, worsened first, where each stood and stands,
/// and what changed in each folded under the table.
fn items(diff: &Diff<'_>, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let lang = opts.lang;
    let heading = diff_heading(lang, DiffPart::Items, diff.items.len());
    writeln!(out, "#### {heading}\n")?;
    writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        lang.pick("Punkt", "Item"),
        lang.pick("Ændring", "Change"),
        lang.pick("Før", "Before"),
        lang.pick("Efter", "After")
    )?;
    let changes = by_direction(diff);
    for change in &changes {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            item_cell(opts, change.new),
            direction_word(lang, change.direction),
            md(&standing_text(lang, change.old, diff.old)),
            md(&standing_text(lang, change.new, diff.new))
        )?;
    }
    let summary = lang.pick("Hvad er ændret i hvert punkt", "What changed in each item");
    writeln!(out, "\n<details><summary>{summary}</summary>\n")?;
    for change in &changes {
        let lines: Vec<String> = change_lines(lang, change, diff)
            .iter()
            .map(|l| md(l))
            .collect();
        writeln!(out, "- **{}**: {}", md(change.id()), lines.join("; "))?;
    }
    writeln!(out, "\n</details>\n")
}

/// Items only one side has, with where they stand there.
fn only(
    heading: &str,
    list: &[&ItemResult<'_>],
    side: &Checked<'_>,
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    writeln!(out, "#### {heading}\n")?;
    writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        lang.pick("Punkt", "Item"),
        lang.pick("Tjekliste", "Checklist"),
        lang.pick("Status", "Status")
    )?;
    for r in list {
        writeln!(
            out,
            "| {} | {} | {} |",
            item_cell(opts, r),
            md(r.checklist),
            md(&standing_text(lang, r, side))
        )?;
    }
    writeln!(out)
}
