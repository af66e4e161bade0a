//! `almen list` and `almen show`: the checklists and their items, for
//! reading before an assessment is written.

use std::io::{self, Write};

use super::Options;
use super::table::{cell, fit, header, new_table, paint};
use super::text::{clean, wrap, wrap_hanging};
use super::words::{Words, recurrence_text};
use crate::lang::Lang;
use crate::load::Checklist;
use crate::model::Item;

fn origin(lang: Lang, c: &Checklist) -> String {
    match &c.path {
        None => lang.pick("indbygget", "built in").to_owned(),
        Some(p) => p.display().to_string(),
    }
}

fn recurrence(lang: Lang, item: &Item) -> String {
    let Some(recurrence) = item.recurrence() else {
        return String::new();
    };
    let mut text = recurrence_text(lang, recurrence);
    if let Some(w) = &item.warn_days {
        text.push_str(&match lang {
            Lang::Da => format!(", varsel {} dage før", w.get_ref()),
            Lang::En => format!(", notice {} days before", w.get_ref()),
        });
    }
    text
}

pub fn list(
    checklists: &[std::sync::Arc<Checklist>],
    opts: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = opts.lang;
    for (i, c) in checklists.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let f = &c.file;
        let title = format!("{} {} · {}", f.id.get_ref(), f.version, lang.text(&f.title));
        writeln!(
            out,
            "{} ({})",
            paint(opts, &clean(&title), "1"),
            clean(&origin(lang, c))
        )?;
        let source = format!(
            "{}: {}, {}",
            lang.pick("Kilde", "Source"),
            clean(&f.source.publisher),
            clean(&f.source.title)
        );
        write!(
            out,
            "{}",
            wrap_hanging(&source, usize::from(opts.width), "", "  ")
        )?;
        let mut table = new_table(opts);
        header(
            &mut table,
            &[
                lang.pick("Punkt", "Item"),
                lang.pick("Type", "Kind"),
                lang.pick("Titel", "Title"),
                lang.pick("Gentages", "Recurs"),
            ],
        );
        for item in &f.items {
            table.add_row(vec![
                cell(item.id.get_ref()),
                cell(lang.kind(item.kind)),
                cell(lang.text(&item.title)),
                cell(recurrence(lang, item)),
            ]);
        }
        fit(&mut table, opts.width);
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// The title of a publication, quoted as the checklists' own texts quote:
/// »…« in Danish, “…” in English.
fn quoted_title(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Da => format!("»{title}«"),
        Lang::En => format!("“{title}”"),
    }
}

pub fn show(c: &Checklist, item: &Item, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    // Everything shown is a checklist author's text: shown, never obeyed.
    let mut text = Vec::new();
    show_text(c, item, lang, &mut text)?;
    out.write_all(clean(&String::from_utf8_lossy(&text)).as_bytes())
}

fn show_text(c: &Checklist, item: &Item, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let f = &c.file;
    writeln!(out, "{} · {}", item.id.get_ref(), lang.text(&item.title))?;
    writeln!(
        out,
        "{} · {} {} {} ({}) · {} {}",
        lang.kind(item.kind),
        lang.pick("tjekliste", "checklist"),
        f.id.get_ref(),
        f.version,
        origin(lang, c),
        lang.pick("vægt", "weight"),
        item.weight()
    )?;
    match item.kind {
        crate::model::Kind::Recommendation => writeln!(
            out,
            "{}",
            lang.pick(
                "Følg eller forklar: følger I den ikke, så forklar hvorfor, og hvad I gør i stedet.",
                "Comply or explain: if you do not follow it, explain why and what you do instead."
            )
        )?,
        crate::model::Kind::Duty => writeln!(
            out,
            "{}",
            lang.pick("Regelkrav: en forklaring ændrer ikke på, at det skal opfyldes.", "Duty: an explanation does not change that it must be met.")
        )?,
    }
    if item.kind == crate::model::Kind::Duty && item.may_be_not_applicable() {
        writeln!(
            out,
            "{}",
            lang.pick(
                "Kravet gælder kun i nødvendigt omfang: det kan besvares `ikke-relevant` med en forklaring.",
                "The duty applies only as far as needed: it may be answered `not-applicable` with an explanation."
            )
        )?;
    }
    if let Some(c) = &item.counterparty {
        writeln!(
            out,
            "{} {}",
            lang.pick(
                "Afhænger også af modparten:",
                "Depends on the counterparty too:"
            ),
            lang.text(c)
        )?;
        writeln!(
            out,
            "{}",
            lang.pick(
                "Har I skriftligt anmodet modparten om dens del, så skriv datoen i `requested`, og læg anmodningen i `evidence`.",
                "If you have asked the counterparty in writing to do its part, put the date in `requested` and the request in `evidence`."
            )
        )?;
    }
    if let Some(g) = &item.guidance {
        writeln!(out)?;
        writeln!(out, "{}", lang.pick("Vejledning", "Guidance"))?;
        write!(out, "{}", wrap(lang.text(g), 78, "  "))?;
    }
    let evidence = lang.list(&item.evidence);
    if !evidence.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            lang.pick("Typisk dokumentation", "Typical evidence")
        )?;
        for e in evidence {
            write!(out, "{}", wrap(e, 78, "    ").replacen("    ", "  - ", 1))?;
        }
    }
    writeln!(out)?;
    if let Some(b) = &item.basis {
        writeln!(out, "{} {b}", lang.pick("Grundlag:", "Basis:"))?;
    }
    let r = recurrence(lang, item);
    if !r.is_empty() {
        writeln!(out, "{} {r}", lang.pick("Gentages:", "Recurs:"))?;
    }
    let mut source = format!(
        "{}: {}, {}",
        lang.pick("Kilde", "Source"),
        f.source.publisher,
        quoted_title(lang, &f.source.title)
    );
    if let Some(u) = &f.source.updated {
        source.push_str(&format!(", {} {u}", lang.pick("opdateret", "updated")));
    }
    writeln!(out, "{source}")?;
    if let Some(url) = &f.source.url {
        writeln!(out, "  {url}")?;
    }
    if let Some(notes) = &f.source.notes {
        writeln!(out)?;
        writeln!(out, "{}", lang.pick("Om kilderne", "About the sources"))?;
        write!(out, "{}", wrap(lang.text(notes), 78, "  "))?;
    }
    Ok(())
}
