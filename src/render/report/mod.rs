//! The board's gap report: [`Report`] is everything the page shows, in the
//! order a board reads it, already worded in the reader's language;
//! [`html`] and [`markdown`] lay it out through the layouts beside this file
//! (see [`layout`]), which only arrange and escape it. [`overview`] is the
//! report of several organisations at once.

// The statement (`render::statement`) escapes with the same functions.
pub(super) mod layout;
pub mod overview;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::Unchecked;
use super::words::{Words, board_text, days_text, diag_line, long_date, unchecked_text};
use crate::lang::Lang;
use crate::lint;
use crate::load::Evidence;
use crate::model::Status;
use crate::score::{Checked, ItemResult, Severity, add_months};

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
    /// The dates as the board reads them: "27. november 2026".
    pub assessed: Option<String>,
    pub approved: Option<String>,
    pub as_of: String,
    pub compliant: bool,
    pub verdict: &'static str,
    pub adherence: f64,
    pub adherence_text: String,
    /// Each severity: how many gaps, and what it means.
    pub severities: Vec<SeverityView>,
    /// Page 1: the lapsed duties (critical gaps) …
    pub critical: Vec<Headline>,
    /// … the unexplained departures (major gaps) …
    pub major: Vec<Headline>,
    /// … and the minor gaps, in a few words each.
    pub minor: Vec<Headline>,
    /// Each item with a gap, worst first: what the board wrote, what is
    /// wrong, what to do, by when and who.
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
pub struct SeverityView {
    pub severity: &'static str,
    pub label: &'static str,
    pub count: usize,
    /// What a gap of this severity means, in one sentence.
    pub meaning: &'static str,
}

/// One gap on page 1: the item, and one line on it.
#[derive(Debug, Serialize)]
pub struct Headline {
    pub item: String,
    pub title: String,
    pub line: String,
    /// Whether the answer has an action plan; its owner and due date.
    pub plan: bool,
    pub owner: Option<String>,
    pub when: Option<String>,
}

/// One item with one or more gaps.
#[derive(Debug, Serialize)]
pub struct GapView {
    pub item: String,
    pub title: String,
    pub kind: &'static str,
    /// The worst of its gaps.
    pub severity: &'static str,
    pub severity_label: &'static str,
    /// What the assessment says: the status in the item's words, and when
    /// it was last done.
    pub answer: String,
    pub note: Option<String>,
    /// The explanation as written, whether or not it counts.
    pub explanation: Option<String>,
    pub evidence: Vec<EvidenceView>,
    pub findings: Vec<Finding>,
    pub plan: Option<PlanView>,
    /// Whether the board should know that nobody owns it: a critical or
    /// major gap without a plan.
    pub no_plan: bool,
    /// What the item takes, for a critical or major gap.
    pub guidance: Option<String>,
    pub basis: Option<String>,
}

/// One gap of an item, in the board's words.
#[derive(Debug, Serialize)]
pub struct Finding {
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub short: String,
    pub what: String,
    pub action: String,
    pub when: Option<String>,
}

/// An evidence entry as given; a web link is a link in the layouts.
#[derive(Debug, Serialize)]
pub struct EvidenceView {
    pub text: String,
    /// The entry as the page shows it, in pieces the line may break after:
    /// a long web link without its scheme and middle.
    pub label: Vec<String>,
    /// Why it does not count, where it is a path that was not found.
    pub problem: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ExplainedView {
    pub item: String,
    pub title: String,
    pub status: &'static str,
    pub explanation: String,
    pub plan: Option<PlanView>,
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
    pub owner: Option<String>,
    pub due: Option<String>,
    pub overdue: bool,
    /// The due date, to sort by.
    #[serde(skip)]
    pub due_date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct Deadline {
    pub date: String,
    pub item: String,
    pub title: String,
    pub what: String,
    pub when: String,
}

/// One row of the table of every item: what the assessment says (the
/// board's answer) beside what almen makes of it (the assessment).
#[derive(Debug, Serialize)]
pub struct ItemView {
    pub item: String,
    pub title: String,
    pub kind: &'static str,
    /// The status in the item's words ("opfyldt", "følger delvist").
    pub answer: &'static str,
    pub date: Option<String>,
    pub note: Option<String>,
    pub evidence: Vec<EvidenceView>,
    /// The gaps, worst first; empty when there are none.
    pub assessment: Vec<Verdict>,
    /// The assessment where there is no gap: "i orden", "forklaret".
    pub fine: Option<&'static str>,
    pub next_due: Option<String>,
    pub severity: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Verdict {
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub short: String,
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

/// A checklist's guidance as the board reads it. The guidance is written
/// for whoever fills in the assessment: a sentence that names a key of the
/// file (in backticks) tells them how to write it and is left out; any
/// other backtick goes.
fn board_guidance(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .match_indices(". ")
            .map(|(i, _)| i + 2)
            .next()
            .unwrap_or(rest.len());
        let (sentence, tail) = rest.split_at(end);
        if !sentence.contains('`') {
            out.push_str(sentence);
        }
        rest = tail;
    }
    out.replace('`', "").trim_end().to_owned()
}

/// An evidence entry as a printed page shows it: a web link without its
/// scheme, and shortened to its host and last part where it is long
/// ("fjordglimt.example/…/referat.pdf"; the link itself goes to the whole
/// address), cut after each `/` so a narrow column can break it there.
fn evidence_label(text: &str) -> Vec<String> {
    const LONG: usize = 48;
    let shown = match text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    {
        Some(rest) if rest.chars().count() > LONG => {
            let host = rest.split('/').next().unwrap_or_default();
            match rest.trim_end_matches('/').rsplit('/').next() {
                Some(last) if last != host => format!("{host}/…/{last}"),
                _ => rest.to_owned(),
            }
        }
        Some(rest) => rest.to_owned(),
        None => text.to_owned(),
    };
    shown.split_inclusive('/').map(str::to_owned).collect()
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
        (
            "assessed",
            "Selvevalueringen er lavet",
            "Self-assessment dated",
        ),
        (
            "approved",
            "Godkendt af bestyrelsen",
            "Approved by the board",
        ),
        (
            "not_approved",
            "Bestyrelsen har endnu ikke godkendt selvevalueringen",
            "The board has not yet approved the self-assessment",
        ),
        ("as_of", "Opgjort pr.", "As of"),
        ("page", "Side", "Page"),
        ("of", "af", "of"),
        ("adherence", "Efterlevelse", "Adherence"),
        ("what_is_wrong", "Hvad er galt", "What is wrong"),
        (
            "critical_heading",
            "Krav i lov eller vedtægt, der ikke er opfyldt",
            "Duties in law or the articles that are not met",
        ),
        (
            "no_critical",
            "Alle krav i lov og vedtægt er opfyldt.",
            "Every duty in law and the articles is met.",
        ),
        (
            "major_heading",
            "Anbefalinger, der er fraveget uden forklaring eller ikke vurderet",
            "Recommendations departed from without an explanation, or not assessed",
        ),
        (
            "no_major",
            "Ingen anbefaling er fraveget uden forklaring.",
            "No recommendation is departed from without an explanation.",
        ),
        (
            "minor_heading",
            "Dokumentation, datoer og handlingsplaner, der skal følges op",
            "Evidence, dates and action plans to follow up",
        ),
        (
            "gaps",
            "Mangler, og hvad der skal gøres",
            "Gaps, and what to do",
        ),
        ("no_gaps", "Ingen mangler.", "No gaps."),
        ("item", "Punkt", "Item"),
        ("your_answer", "Jeres svar", "Your answer"),
        ("our_assessment", "Vores vurdering", "Our assessment"),
        ("last_done", "sidst gjort", "last done"),
        ("note", "Bemærkning", "Note"),
        ("lq", "»", "“"),
        ("rq", "«", "”"),
        ("evidence", "Dokumentation", "Evidence"),
        ("no_evidence", "ingen", "none"),
        ("to_do", "Det skal I gøre", "What to do"),
        ("by_when", "Frist", "By when"),
        ("who", "Ansvarlig", "Owner"),
        (
            "no_plan",
            "ingen – hverken en ansvarlig eller en frist er sat",
            "none – neither an owner nor a due date is set",
        ),
        ("no_owner", "ingen udpeget", "none appointed"),
        ("no_plan_short", "ingen handlingsplan", "no action plan"),
        ("no_minor", "Ingen mindre mangler.", "No minor gaps."),
        (
            "what_it_takes",
            "Hvad punktet kræver",
            "What the item takes",
        ),
        ("basis", "Grundlag", "Basis"),
        (
            "explained",
            "Følg eller forklar: forklarede afvigelser",
            "Comply or explain: explained departures",
        ),
        (
            "explained_intro",
            "Anbefalinger, som bestyrelsen ikke følger fuldt ud eller ikke finder relevante, med bestyrelsens forklaring ordret. En forklaret afvigelse er i orden.",
            "Recommendations the board does not fully follow or finds do not apply, with the board's explanation verbatim. An explained departure is in order.",
        ),
        (
            "no_explained",
            "Ingen forklarede afvigelser.",
            "No explained departures.",
        ),
        (
            "explanation",
            "Bestyrelsens forklaring",
            "The board's explanation",
        ),
        ("plans", "Handlingsplan", "Action plan"),
        ("no_plans", "Ingen handlingsplaner.", "No action plans."),
        ("plan", "Handlingsplan", "Action plan"),
        ("action", "Handling", "Action"),
        ("due", "Frist", "Due"),
        ("overdue", "overskredet", "overdue"),
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
        ("next_due", "næste gang senest", "next due by"),
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
            "not_verified",
            "Hvad der ikke kunne verificeres",
            "What could not be verified",
        ),
        (
            "disclaimer",
            "Tjeklisterne gengiver deres kilder pr. den angivne dato. Rapporten er ikke juridisk rådgivning: tjek altid gældende lov, bekendtgørelse og organisationens egne vedtægter.",
            "The checklists encode their sources as of the date given. This report is not legal advice: always check the law in force, the executive orders and the organisation's own articles.",
        ),
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
        ("generated", "Lavet med", "Made with"),
        ("inputs", "Inddata (SHA-256)", "Inputs (SHA-256)"),
        ("gauge", "Efterlevelse i procent", "Adherence in per cent"),
    ];
    pairs
        .iter()
        .map(|(k, da, en)| (*k, lang.pick(da, en)))
        .collect()
}

/// What a gap of each severity means, for the legend on page 1.
fn meaning(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Critical => lang.pick(
            "Et krav i lov eller vedtægt er ikke opfyldt, ikke vurderet eller ikke gjort i tide. En forklaring ændrer ikke på det.",
            "A duty in law or the articles is not met, not assessed or not done in time. An explanation does not change that.",
        ),
        Severity::Major => lang.pick(
            "En anbefaling er fraveget uden forklaring eller ikke vurderet. Med en forklaring er en afvigelse i orden (følg eller forklar).",
            "A recommendation is departed from without an explanation, or not assessed. With an explanation a departure is in order (comply or explain).",
        ),
        Severity::Minor => lang.pick(
            "Det, der er gjort, er ikke dokumenteret eller er forældet, en handlingsplan er overskredet, eller organisationen venter på kommunen. Bestyrelsen bør følge op, men følg eller forklar er ikke brudt.",
            "What was done is not documented or out of date, an action plan is overdue, or the organisation is waiting for the municipality. The board should follow up, but comply or explain is not broken.",
        ),
    }
}

/// The report of one checked assessment.
pub fn build(checked: &Checked<'_>, lang: Lang) -> Report {
    let loaded = checked.assessment;
    let eval = &checked.eval;
    let a = &loaded.file;
    let long = |d: chrono::NaiveDate| long_date(lang, d);
    // An item answered per municipality shows each municipality's
    // evidence, in the order the municipalities are listed.
    let evidence = |id: &str| -> Vec<EvidenceView> {
        loaded
            .all_evidence(id)
            .map(|(text, state)| EvidenceView {
                text: text.clone(),
                label: evidence_label(text),
                problem: match state {
                    Evidence::Missing => Some(lang.pick("findes ikke", "not found")),
                    Evidence::Outside => Some(lang.pick(
                        "uden for selvevalueringens mappe, ikke kontrolleret",
                        "outside the self-assessment's folder, not checked",
                    )),
                    Evidence::Url | Evidence::Found => None,
                },
            })
            .collect()
    };
    let note = |r: &ItemResult<'_>| {
        r.answer
            .and_then(|a| a.note.as_deref())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
    };
    let plan_view = |r: &ItemResult<'_>| {
        r.answer.and_then(|a| a.plan()).map(|plan| {
            let due = plan.due.as_ref().map(|d| d.get_ref().0);
            PlanView {
                item: r.id().to_owned(),
                title: lang.text(&r.item.title).to_owned(),
                action: plan.action.clone(),
                owner: plan
                    .owner
                    .as_deref()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned),
                due: due.map(long),
                overdue: due.is_some_and(|d| d < eval.as_of),
                due_date: due,
            }
        })
    };

    // Each item with a gap once, in the order of its worst gap; `viewed`
    // finds an item's view for its further gaps.
    let mut gaps: Vec<GapView> = Vec::new();
    let mut viewed: HashMap<&str, usize> = HashMap::new();
    let mut critical = Vec::new();
    let mut major = Vec::new();
    let mut minor = Vec::new();
    for g in &eval.gaps {
        let Some(r) = eval.item(&g.item) else {
            continue;
        };
        let board = board_text(lang, g, checked);
        let title = lang.text(&r.item.title).to_owned();
        let headline = || Headline {
            item: g.item.clone(),
            title: title.clone(),
            line: board.short.clone(),
            plan: r.answer.and_then(|a| a.plan()).is_some(),
            owner: board.owner.clone(),
            when: board.when.clone(),
        };
        match g.severity {
            Severity::Critical => critical.push(headline()),
            Severity::Major => major.push(headline()),
            Severity::Minor => minor.push(headline()),
        }
        let finding = Finding {
            severity: severity_key(g.severity),
            severity_label: lang.severity(g.severity),
            short: board.short,
            what: board.what,
            action: board.action,
            when: board.when,
        };
        if let Some(&at) = viewed.get(g.item.as_str()) {
            gaps[at].findings.push(finding);
            continue;
        }
        viewed.insert(&g.item, gaps.len());
        let answer = match (r.answer, r.answer.and_then(|a| a.date.as_ref())) {
            (None, _) => lang.pick("intet svar", "no answer").to_owned(),
            (Some(_), None) => lang.status(r.status(), r.item.kind).to_owned(),
            (Some(_), Some(d)) => format!(
                "{}, {} {}",
                lang.status(r.status(), r.item.kind),
                lang.pick("sidst gjort", "last done"),
                long(d.get_ref().0)
            ),
        };
        let serious = g.severity > Severity::Minor;
        let plan = plan_view(r);
        gaps.push(GapView {
            item: g.item.clone(),
            title,
            kind: lang.kind(r.item.kind),
            severity: severity_key(g.severity),
            severity_label: lang.severity(g.severity),
            answer,
            note: note(r),
            explanation: r
                .answer
                .and_then(|a| a.explanation.as_ref())
                .map(|e| e.get_ref().trim().to_owned())
                .filter(|e| !e.is_empty()),
            evidence: evidence(r.id()),
            findings: vec![finding],
            no_plan: serious && plan.is_none(),
            plan,
            guidance: r
                .item
                .guidance
                .as_ref()
                .filter(|_| serious)
                .map(|t| board_guidance(lang.text(t)))
                .filter(|t| !t.is_empty()),
            basis: r.item.basis.as_deref().map(str::to_owned),
        });
    }

    // Explained departures, and recommendations explained as not applying.
    let explained = eval
        .items
        .iter()
        .filter(|r| r.worst.is_none())
        .filter_map(|r| {
            let answer = r.answer?;
            let not_applicable = answer.status() == Status::NotApplicable;
            if !(r.explained || not_applicable) {
                return None;
            }
            Some(ExplainedView {
                item: r.id().to_owned(),
                title: lang.text(&r.item.title).to_owned(),
                status: lang.status(r.status(), r.item.kind),
                explanation: answer.explanation()?.to_owned(),
                plan: plan_view(r),
            })
        })
        .collect();

    // The action plan, grouped by owner; plans without one last.
    let mut by_owner: BTreeMap<(bool, String), Vec<PlanView>> = BTreeMap::new();
    for r in &eval.items {
        let Some(view) = plan_view(r) else {
            continue;
        };
        let owner = view.owner.clone();
        by_owner
            .entry((
                owner.is_none(),
                owner.unwrap_or_else(|| lang.pick("Uden ansvarlig", "No owner").to_owned()),
            ))
            .or_default()
            .push(view);
    }
    let plans = by_owner
        .into_iter()
        .map(|((_, owner), mut plans)| {
            plans.sort_by(|a, b| {
                a.due_date
                    .cmp(&b.due_date)
                    .then_with(|| a.item.cmp(&b.item))
            });
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
                    date: long(due),
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
                    date: long(due),
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
            let assessment: Vec<Verdict> = eval
                .gaps_of(r.id())
                .into_iter()
                .map(|g| Verdict {
                    severity: severity_key(g.severity),
                    severity_label: lang.severity(g.severity),
                    short: board_text(lang, g, checked).short,
                })
                .collect();
            let fine = assessment.is_empty().then(|| {
                if r.explained {
                    lang.pick("forklaret afvigelse", "explained departure")
                } else if r.status() == Some(Status::NotApplicable) {
                    lang.pick("ikke relevant, forklaret", "not applicable, explained")
                } else {
                    lang.pick("i orden", "in order")
                }
            });
            ItemView {
                item: r.id().to_owned(),
                title: lang.text(&r.item.title).to_owned(),
                kind: lang.kind(r.item.kind),
                answer: match r.answer {
                    Some(_) => lang.status(r.status(), r.item.kind),
                    None => lang.pick("intet svar", "no answer"),
                },
                date: r
                    .answer
                    .and_then(|a| a.date.as_ref())
                    .map(|d| long(d.get_ref().0)),
                note: note(r),
                evidence: evidence(r.id()),
                fine,
                next_due: r.due.filter(|d| *d >= eval.as_of).map(long),
                severity: r.worst.map(severity_key),
                assessment,
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
                version: f.version.to_string(),
                title: lang.text(&f.title).to_owned(),
                publisher: f.source.publisher.to_string(),
                source_title: f.source.title.to_string(),
                url: f.source.url.as_deref().map(str::to_owned),
                updated: f.source.updated.map(|d| long(d.0)),
                notes: f.source.notes.as_ref().map(|n| lang.text(n).to_owned()),
                bases: f
                    .items
                    .iter()
                    .filter_map(|i| {
                        Some(Basis {
                            item: i.id.get_ref().clone(),
                            basis: i.basis.as_deref()?.to_owned(),
                        })
                    })
                    .collect(),
            }
        })
        .collect();

    let mut inputs = vec![Input {
        name: checked.file(),
        what: lang.pick("selvevaluering", "self-assessment").to_owned(),
        sha256: loaded.sha256.hex().to_owned(),
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
            sha256: c.sha256.hex().to_owned(),
        });
    }

    let c = eval.counts;
    let severity = |s: Severity, count: usize| SeverityView {
        severity: severity_key(s),
        label: lang.severity(s),
        count,
        meaning: meaning(lang, s),
    };
    Report {
        lang: lang.pick("da", "en"),
        t: words(lang),
        tool: TOOL.to_owned(),
        organisation: Organisation {
            name: a.organisation.name.clone(),
            cvr: a.organisation.cvr.clone(),
            municipality: a.organisation.municipality_line(),
        },
        assessed: a.assessment.date.as_ref().map(|d| long(d.get_ref().0)),
        approved: a.assessment.approved.as_ref().map(|d| long(d.get_ref().0)),
        as_of: long(eval.as_of),
        compliant: eval.compliant,
        // The verdict in the words every format uses, its mark included.
        verdict: super::words::verdict(lang, eval.compliant),
        adherence: eval.adherence,
        adherence_text: lang.percent(eval.adherence),
        severities: vec![
            severity(Severity::Critical, c.critical),
            severity(Severity::Major, c.major),
            severity(Severity::Minor, c.minor),
        ],
        critical,
        major,
        minor,
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
    fn long_links_are_shortened_for_print() {
        assert_eq!(
            evidence_label(
                "https://fjordglimt.example/dokumenter/2026/repraesentantskab-referat.pdf"
            ),
            ["fjordglimt.example/", "…/", "repraesentantskab-referat.pdf"]
        );
        assert_eq!(
            evidence_label("https://x.dk/a/b.pdf"),
            ["x.dk/", "a/", "b.pdf"]
        );
        assert_eq!(
            evidence_label("dokumentation/referat.md"),
            ["dokumentation/", "referat.md"]
        );
        assert_eq!(
            evidence_label("javascript:alert(1)"),
            ["javascript:alert(1)"]
        );
    }

    #[test]
    fn guidance_leaves_out_how_to_write_the_file() {
        assert_eq!(
            board_guidance(
                "Det er opfyldt, f.eks. med en aftale. Angiv datoen som `requested` i svaret. Det sker hvert år."
            ),
            "Det er opfyldt, f.eks. med en aftale. Det sker hvert år."
        );
        assert_eq!(board_guidance("Skriv `x`"), "");
        assert_eq!(board_guidance("Uden kode."), "Uden kode.");
    }

    /// Each item's view gathers its gaps without a search: looking for
    /// the view of each gap's item among those made so far took a minute
    /// here for the report of 50,000 items with two gaps each.
    #[test]
    fn a_report_of_many_items_with_gaps_is_built_without_a_search_per_gap() {
        let n = 50_000;
        let partial = "status = \"partial\"\nplan = { action = \"A\", due = 2020-01-01 }";
        let loaded = crate::score::cases::many(n, |_| Some(partial));
        let checked = Checked::new(&loaded, "2026-11-27".parse().unwrap());
        let report = build(&checked, Lang::En);
        assert_eq!(report.gaps.len(), n);
        assert!(report.gaps.iter().all(|v| v.findings.len() == 2));
    }

    #[test]
    fn both_languages_have_every_word() {
        let da = words(Lang::Da);
        let en = words(Lang::En);
        assert_eq!(da.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert!(da.values().chain(en.values()).all(|w| !w.is_empty()));
    }
}
