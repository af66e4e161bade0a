//! The board's gap report: [`Report`] is everything the page shows, in the
//! order a board reads it, already worded in the reader's language;
//! [`html`] and [`markdown`] lay it out through the layouts beside this file
//! (see [`layout`]), which only arrange and escape it.

// The statement (`render::statement`) escapes with the same functions.
pub(super) mod layout;

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Unchecked;
use super::words::{Words, days_text, diag_line, gap_text, unchecked_text};
use crate::lang::Lang;
use crate::lint;
use crate::model::Status;
use crate::score::{Checked, Severity, add_months};

/// The tool's name and version, for the report's footer.
pub const TOOL: &str = concat!("almen ", env!("CARGO_PKG_VERSION"));

/// The report as one self-contained HTML page: inline CSS, an inline SVG
/// gauge, no scripts, nothing fetched.
pub fn html(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let html = layout::render("report.html", report).map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// The report as Markdown, for pasting into the board's minutes.
pub fn markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let md = layout::render("report.md", report).map_err(io::Error::other)?;
    out.write_all(md.trim_end().as_bytes())?;
    writeln!(out)
}

/// A file that could not be checked, where its report would be: its name,
/// how many problems stopped it, and each of them.
pub fn unchecked_markdown(report: &UncheckedReport, out: &mut dyn Write) -> io::Result<()> {
    let md = layout::render("unchecked.md", report).map_err(io::Error::other)?;
    out.write_all(md.trim_end().as_bytes())?;
    writeln!(out)
}

/// As [`unchecked_markdown`], as one self-contained HTML page.
pub fn unchecked_html(report: &UncheckedReport, out: &mut dyn Write) -> io::Result<()> {
    let html = layout::render("unchecked.html", report).map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

#[derive(Debug, Serialize)]
pub struct UncheckedReport {
    pub lang: &'static str,
    pub t: BTreeMap<&'static str, &'static str>,
    pub tool: String,
    pub file: String,
    pub text: String,
    pub problems: Vec<String>,
}

/// The report of a file that could not be checked.
pub fn unchecked(u: &Unchecked<'_>, lang: Lang) -> UncheckedReport {
    UncheckedReport {
        lang: lang.pick("da", "en"),
        t: words(lang),
        tool: TOOL.to_owned(),
        file: u.file.clone(),
        text: unchecked_text(lang, u.diagnostics.len()),
        problems: u.diagnostics.iter().map(diag_line).collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub lang: &'static str,
    /// The fixed words of the page, by key.
    pub t: BTreeMap<&'static str, &'static str>,
    pub tool: String,
    pub organisation: Organisation,
    pub assessed: Option<String>,
    pub approved: Option<String>,
    pub as_of: String,
    pub compliant: bool,
    pub verdict: &'static str,
    pub adherence: f64,
    pub adherence_text: String,
    pub counts: Vec<Count>,
    pub gaps: Vec<GapView>,
    pub explained: Vec<ExplainedView>,
    pub plans: Vec<OwnerPlans>,
    pub deadlines: Vec<Deadline>,
    pub items: Vec<ItemView>,
    /// Evidence given for so many items that it is no evidence for each.
    pub shared_evidence: Vec<SharedView>,
    pub sources: Vec<SourceView>,
    pub inputs: Vec<Input>,
}

#[derive(Debug, Serialize)]
pub struct Organisation {
    pub name: String,
    pub cvr: Option<String>,
    pub municipality: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub severity: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct GapView {
    pub item: String,
    pub title: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub reason_label: &'static str,
    pub wrong: String,
    pub fix: String,
    pub guidance: Option<String>,
    pub basis: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExplainedView {
    pub item: String,
    pub title: String,
    pub status: &'static str,
    pub explanation: String,
}

#[derive(Debug, Serialize)]
pub struct OwnerPlans {
    pub owner: String,
    pub plans: Vec<PlanView>,
}

#[derive(Debug, Serialize)]
pub struct PlanView {
    pub item: String,
    pub title: String,
    pub action: String,
    pub due: Option<String>,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub struct Deadline {
    pub date: String,
    pub item: String,
    pub title: String,
    pub what: String,
    pub when: String,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub item: String,
    pub title: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub value: String,
    pub date: Option<String>,
    pub due: Option<String>,
    pub result: String,
    pub severity: Option<&'static str>,
}

/// One document given as evidence for many items (see
/// [`lint::shared_evidence`]).
#[derive(Debug, Serialize)]
pub struct SharedView {
    pub entry: String,
    /// The items' ids and how many: "OMV-1, OMV-2, OMV-5 (3 punkter)".
    pub items: String,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub checklist: String,
    pub version: String,
    pub title: String,
    pub publisher: String,
    pub source_title: String,
    pub url: Option<String>,
    pub updated: Option<String>,
    /// What could not be verified, said once.
    pub notes: Option<String>,
    pub bases: Vec<Basis>,
}

#[derive(Debug, Serialize)]
pub struct Basis {
    pub item: String,
    pub basis: String,
}

#[derive(Debug, Serialize)]
pub struct Input {
    pub name: String,
    pub what: String,
    pub sha256: String,
}

/// The terminal's `code` as the printed page quotes it: »code« in Danish,
/// “code” in English.
fn quoted(lang: Lang, text: &str) -> String {
    let (open, close) = match lang {
        Lang::Da => ('»', '«'),
        Lang::En => ('“', '”'),
    };
    text.split('`')
        .enumerate()
        .fold(String::new(), |mut out, (i, part)| {
            if i > 0 {
                out.push(if i % 2 == 1 { open } else { close });
            }
            out.push_str(part);
            out
        })
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::Major => "major",
        Severity::Minor => "minor",
    }
}

fn words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let pairs: &[(&str, &str, &str)] = &[
        (
            "title",
            "Selvevaluering: God Almen Ledelse",
            "Self-assessment: God Almen Ledelse",
        ),
        ("municipality", "Kommune", "Municipality"),
        ("cvr", "CVR", "CVR"),
        ("assessed", "Vurderet", "Assessed"),
        (
            "approved",
            "Godkendt af bestyrelsen",
            "Approved by the board",
        ),
        (
            "not_approved",
            "Endnu ikke godkendt af bestyrelsen",
            "Not yet approved by the board",
        ),
        ("as_of", "Opgjort pr.", "As of"),
        ("adherence", "Efterlevelse", "Adherence"),
        ("gaps", "Mangler", "Gaps"),
        ("no_gaps", "Ingen mangler.", "No gaps."),
        ("severity", "Alvor", "Severity"),
        ("item", "Punkt", "Item"),
        ("kind", "Type", "Kind"),
        ("status", "Status", "Status"),
        ("what_is_wrong", "Mangel", "What is wrong"),
        ("fix", "Sådan rettes det", "How to fix it"),
        ("guidance", "Vejledning", "Guidance"),
        ("basis", "Grundlag", "Basis"),
        (
            "explained",
            "Følg eller forklar: forklarede afvigelser",
            "Comply or explain: explained deviations",
        ),
        (
            "explained_intro",
            "Anbefalinger, bestyrelsen ikke følger fuldt ud, med bestyrelsens forklaring ordret.",
            "Recommendations the board does not fully follow, with the board's explanation verbatim.",
        ),
        (
            "no_explained",
            "Ingen forklarede afvigelser.",
            "No explained deviations.",
        ),
        (
            "explanation",
            "Bestyrelsens forklaring",
            "The board's explanation",
        ),
        ("plans", "Handlingsplan", "Action plan"),
        ("no_plans", "Ingen handlingsplaner.", "No action plans."),
        ("action", "Handling", "Action"),
        ("due", "Frist", "Due"),
        ("overdue", "overskredet", "overdue"),
        ("no_owner", "Uden ansvarlig", "No owner"),
        ("owner", "Ansvarlig", "Owner"),
        (
            "deadlines",
            "Frister de næste 12 måneder",
            "Deadlines in the next 12 months",
        ),
        (
            "no_deadlines",
            "Ingen frister de næste 12 måneder.",
            "No deadlines in the next 12 months.",
        ),
        ("date", "Dato", "Date"),
        ("what", "Hvad", "What"),
        ("all_items", "Alle punkter", "All items"),
        ("value", "Værdi", "Value"),
        ("last_done", "Sidst gjort", "Last done"),
        ("result", "Resultat", "Result"),
        (
            "shared_evidence",
            "Samme dokument for flere punkter",
            "One document for several items",
        ),
        (
            "shared_evidence_intro",
            "Ét dokument for det hele er ikke dokumentation for hvert punkt. Punkterne herunder henviser alle til samme dokument; bed om det dokument, der viser netop det enkelte punkt.",
            "One document for everything is not evidence for each item. The items below all point to the same document; ask for the document that shows each one.",
        ),
        (
            "sources",
            "Kilder og retsgrundlag",
            "Sources and legal basis",
        ),
        ("publisher", "Udgiver", "Publisher"),
        ("updated", "opdateret", "updated"),
        (
            "signoff",
            "Bestyrelsens behandling",
            "The board's consideration",
        ),
        (
            "signoff_text",
            "Behandlet på bestyrelsesmødet den",
            "Considered at the board meeting on",
        ),
        ("chair", "Formand", "Chair"),
        ("member", "Bestyrelsesmedlem", "Board member"),
        ("signature", "Underskrift", "Signature"),
        ("generated", "Lavet med", "Made with"),
        ("inputs", "Inddata (SHA-256)", "Inputs (SHA-256)"),
        ("checklists", "Tjeklister", "Checklists"),
        ("gauge", "Efterlevelse i procent", "Adherence in per cent"),
        ("counts", "Mangler efter alvor", "Gaps by severity"),
        (
            "disclaimer",
            "Tjeklisterne gengiver deres kilder pr. den angivne dato. Dette er ikke juridisk rådgivning.",
            "The checklists encode their sources as of the date given. This is not legal advice.",
        ),
    ];
    pairs
        .iter()
        .map(|(k, da, en)| (*k, lang.pick(da, en)))
        .collect()
}

/// The report of one checked assessment.
pub fn build(checked: &Checked<'_>, lang: Lang) -> Report {
    let loaded = checked.assessment;
    let eval = &checked.eval;
    let a = &loaded.file;
    let date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();

    let gaps = eval
        .gaps
        .iter()
        .filter_map(|g| {
            let r = eval.item(&g.item)?;
            let (wrong, fix) = gap_text(lang, g, checked);
            let (wrong, fix) = (quoted(lang, &wrong), quoted(lang, &fix));
            Some(GapView {
                item: g.item.clone(),
                title: lang.text(&r.item.title).to_owned(),
                kind: lang.kind(r.item.kind),
                status: lang.status(r.status(), r.item.kind),
                severity: severity_key(g.severity),
                severity_label: lang.severity(g.severity),
                reason_label: lang.reason(g.reason),
                wrong,
                fix,
                guidance: r.item.guidance.as_ref().map(|t| lang.text(t).to_owned()),
                basis: r.item.basis.clone(),
            })
        })
        .collect();

    let explained = eval
        .items
        .iter()
        .filter(|r| r.explained)
        .map(|r| ExplainedView {
            item: r.id().to_owned(),
            title: lang.text(&r.item.title).to_owned(),
            status: lang.status(r.status(), r.item.kind),
            explanation: r
                .answer
                .and_then(|a| a.explanation())
                .unwrap_or_default()
                .to_owned(),
        })
        .collect();

    // The action plan, grouped by owner; plans without one last.
    let mut by_owner: BTreeMap<(bool, String), Vec<PlanView>> = BTreeMap::new();
    for r in &eval.items {
        let Some(plan) = r.answer.and_then(|a| a.plan()) else {
            continue;
        };
        let owner = plan
            .owner
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty());
        let due = plan.due.as_ref().map(|d| d.get_ref().0);
        by_owner
            .entry((
                owner.is_none(),
                owner
                    .unwrap_or(lang.pick("Uden ansvarlig", "No owner"))
                    .to_owned(),
            ))
            .or_default()
            .push(PlanView {
                item: r.id().to_owned(),
                title: lang.text(&r.item.title).to_owned(),
                action: plan.action.clone(),
                due: due.map(date),
                overdue: due.is_some_and(|d| d < eval.as_of),
            });
    }
    let plans = by_owner
        .into_iter()
        .map(|((_, owner), mut plans)| {
            plans.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.item.cmp(&b.item)));
            OwnerPlans { owner, plans }
        })
        .collect();

    // What falls due within a year: recurring items and plans.
    let horizon = add_months(eval.as_of, 12);
    let within = |d: chrono::NaiveDate| d >= eval.as_of && d <= horizon;
    let mut deadlines: Vec<(chrono::NaiveDate, Deadline)> = Vec::new();
    for r in &eval.items {
        if let Some(due) = r.due.filter(|d| within(*d)) {
            deadlines.push((
                due,
                Deadline {
                    date: date(due),
                    item: r.id().to_owned(),
                    title: lang.text(&r.item.title).to_owned(),
                    what: lang.pick("skal gøres igen", "due again").to_owned(),
                    when: days_text(lang, (due - eval.as_of).num_days()),
                },
            ));
        }
        if let Some(plan) = r.answer.and_then(|a| a.plan())
            && let Some(due) = plan
                .due
                .as_ref()
                .map(|d| d.get_ref().0)
                .filter(|d| within(*d))
        {
            deadlines.push((
                due,
                Deadline {
                    date: date(due),
                    item: r.id().to_owned(),
                    title: lang.text(&r.item.title).to_owned(),
                    what: format!(
                        "{}: {}",
                        lang.pick("handlingsplan", "action plan"),
                        plan.action
                    ),
                    when: days_text(lang, (due - eval.as_of).num_days()),
                },
            ));
        }
    }
    deadlines.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.item.cmp(&b.1.item)));

    let items = eval
        .items
        .iter()
        .map(|r| {
            let result = match r.worst {
                Some(s) => lang.severity(s).to_owned(),
                None if r.explained => lang.pick("forklaret", "explained").to_owned(),
                None if r.status() == Some(Status::NotApplicable) => "–".to_owned(),
                None => lang.pick("i orden", "in order").to_owned(),
            };
            ItemView {
                item: r.id().to_owned(),
                title: lang.text(&r.item.title).to_owned(),
                kind: lang.kind(r.item.kind),
                status: lang.status(r.status(), r.item.kind),
                value: r.value.map_or("–".to_owned(), |v| lang.number(v)),
                date: r
                    .answer
                    .and_then(|a| a.date.as_ref())
                    .map(|d| d.get_ref().to_string()),
                due: r.due.map(date),
                result,
                severity: r.worst.map(severity_key),
            }
        })
        .collect();

    let shared_evidence = lint::shared_evidence(loaded)
        .into_iter()
        .map(|shared| {
            let ids: Vec<&str> = shared.items.iter().map(|(id, _)| *id).collect();
            SharedView {
                entry: shared.entry.to_owned(),
                items: format!(
                    "{} ({} {})",
                    ids.join(", "),
                    ids.len(),
                    lang.pick("punkter", "items")
                ),
            }
        })
        .collect();

    let sources = loaded
        .checklists
        .iter()
        .map(|c| {
            let f = &c.file;
            SourceView {
                checklist: c.id().to_owned(),
                version: f.version.clone(),
                title: lang.text(&f.title).to_owned(),
                publisher: f.source.publisher.clone(),
                source_title: f.source.title.clone(),
                url: f.source.url.clone(),
                updated: f.source.updated.map(|d| d.to_string()),
                notes: f.source.notes.as_ref().map(|n| lang.text(n).to_owned()),
                bases: f
                    .items
                    .iter()
                    .filter_map(|i| {
                        Some(Basis {
                            item: i.id.get_ref().clone(),
                            basis: i.basis.clone()?,
                        })
                    })
                    .collect(),
            }
        })
        .collect();

    let mut inputs = vec![Input {
        name: checked.file(),
        what: lang.pick("selvevaluering", "self-assessment").to_owned(),
        sha256: loaded.sha256.clone(),
    }];
    for c in &loaded.checklists {
        inputs.push(Input {
            name: c.display_name(lang),
            what: format!(
                "{} {} {}",
                lang.pick("tjekliste", "checklist"),
                c.id(),
                c.file.version
            ),
            sha256: c.sha256.clone(),
        });
    }

    let c = eval.counts;
    Report {
        lang: lang.pick("da", "en"),
        t: words(lang),
        tool: TOOL.to_owned(),
        organisation: Organisation {
            name: a.organisation.name.clone(),
            cvr: a.organisation.cvr.clone(),
            municipality: a.organisation.municipality.clone(),
        },
        assessed: a.assessment.date.as_ref().map(|d| d.get_ref().to_string()),
        approved: a
            .assessment
            .approved
            .as_ref()
            .map(|d| d.get_ref().to_string()),
        as_of: date(eval.as_of),
        compliant: eval.compliant,
        verdict: if eval.compliant {
            lang.pick(
                "Følger God Almen Ledelse efter følg eller forklar",
                "Compliant under comply or explain",
            )
        } else {
            lang.pick(
                "Følger ikke God Almen Ledelse efter følg eller forklar",
                "Not compliant under comply or explain",
            )
        },
        adherence: eval.adherence,
        adherence_text: lang.percent(eval.adherence),
        counts: vec![
            Count {
                severity: "critical",
                label: lang.severity(Severity::Critical),
                count: c.critical,
            },
            Count {
                severity: "major",
                label: lang.severity(Severity::Major),
                count: c.major,
            },
            Count {
                severity: "minor",
                label: lang.severity(Severity::Minor),
                count: c.minor,
            },
        ],
        gaps,
        explained,
        plans,
        deadlines: deadlines.into_iter().map(|(_, d)| d).collect(),
        items,
        shared_evidence,
        sources,
        inputs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_quoted_for_print() {
        assert_eq!(
            quoted(Lang::Da, "Ingen `date`, skriv `date = x`."),
            "Ingen »date«, skriv »date = x«."
        );
        assert_eq!(quoted(Lang::En, "No `date`."), "No “date”.");
    }

    #[test]
    fn both_languages_have_every_word() {
        let da = words(Lang::Da);
        let en = words(Lang::En);
        assert_eq!(da.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert!(da.values().chain(en.values()).all(|w| !w.is_empty()));
    }
}
