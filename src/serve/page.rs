//! The page and the result beside it, laid out by the templates beside
//! this file (`page.html`, `answer.html`, `result.html`) in an environment
//! that escapes every value (`render::html_environment`). The form's fixed
//! words are here too, in both languages.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::Environment;
use minijinja::value::Serde;
use serde::Serialize;
use toml_edit::{DocumentMut, Item};

use super::answer::{self, AnswerView, DateField};
use super::edit::{
    answer_prefix, entries, municipalities_in, municipality_of, per_prefix, shown_municipalities,
};
use super::{Failure, Session};
use crate::fs::WriteError;
use almen::diag::{Diag, Sources};
use almen::lang::Lang;
use almen::model::{Item as ChecklistItem, Kind};
use almen::render::diagnostics::JsonDiag;
use almen::render::words::{
    FieldLabels, FieldNames, Words, days_text, diag_line, gap_text_named, in_municipality,
    notice_title, notice_when, recurrence_text, verdict,
};
use almen::score::{Checked, Severity};

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = almen::render::html_environment();
        env.add_template("page.html", include_str!("page.html"))
            .expect("the page's layout parses");
        env.add_template("answer.html", include_str!("answer.html"))
            .expect("the answer's layout parses");
        env.add_template("result.html", include_str!("result.html"))
            .expect("the result's layout parses");
        env
    })
}

/// The form's fixed words: key, Danish, English.
const WORDS: &[(&str, &str, &str)] = &[
    ("title", "Selvevaluering", "Self-assessment"),
    ("organisation", "Organisationen", "The organisation"),
    ("name", "Navn", "Name"),
    ("cvr", "CVR-nummer", "CVR number"),
    (
        "municipalities",
        "Kommune (én i hvert felt, hvis I har afdelinger i flere)",
        "Municipality (one a field, if you have departments in several)",
    ),
    (
        "municipalities_help",
        "Tøm et felt for at fjerne kommunen. I flere kommuner besvares punkter med kommunalbestyrelsen som modpart for hver kommune.",
        "Empty a field to remove the municipality. In several municipalities, items whose counterparty is the municipal council are answered for each.",
    ),
    ("add_municipality", "Tilføj kommune", "Add a municipality"),
    (
        "may_split",
        "I har flere kommuner: punktet kan besvares for hver kommune.",
        "You list several municipalities: the item can be answered for each.",
    ),
    (
        "split",
        "Besvar for hver kommune",
        "Answer for each municipality",
    ),
    (
        "not_listed",
        "Kommunen er ikke på listen over kommuner ovenfor: tilføj den, eller tøm felterne her for at fjerne svaret.",
        "The municipality is not in the list above: add it, or empty the fields here to remove the answer.",
    ),
    ("assessment_date", "Vurderingen er lavet", "Assessed on"),
    (
        "approved",
        "Godkendt af bestyrelsen",
        "Approved by the board",
    ),
    ("checklists", "Tjeklister", "Checklists"),
    (
        "guidance",
        "Vejledning og typisk dokumentation",
        "Guidance and typical evidence",
    ),
    (
        "typical_evidence",
        "Typisk dokumentation",
        "Typical evidence",
    ),
    ("basis", "Grundlag:", "Basis:"),
    ("counterparty", "Afhænger også af:", "Depends also on:"),
    ("status", "Status", "Status"),
    (
        "date",
        "Senest gjort, vedtaget eller gennemgået",
        "Last done, adopted or reviewed",
    ),
    ("valid_until", "Gælder til", "Valid until"),
    (
        "requested",
        "Skriftligt anmodet modparten",
        "Asked the counterparty in writing",
    ),
    (
        "explanation",
        "Forklaring (følg eller forklar): hvorfor, og hvad I gør i stedet",
        "Explanation (comply or explain): why, and what you do instead",
    ),
    ("evidence", "Dokumentation", "Evidence"),
    (
        "evidence_help",
        "Én pr. linje: en sti i forhold til filens mappe eller en webadresse.",
        "One a line: a path from the file's folder, or a web address.",
    ),
    ("note", "Note", "Note"),
    ("plan", "Handlingsplan", "Plan"),
    ("more", "Note og handlingsplan", "Note and plan"),
    ("plan_action", "Hvad", "Action"),
    ("plan_owner", "Hvem", "Owner"),
    ("plan_due", "Senest", "Due"),
    ("score", "Beregn", "Score"),
    ("save", "Gem", "Save"),
    (
        "report",
        "Skriv rapport til bestyrelsen",
        "Write the board's report",
    ),
    (
        "reload",
        "Genindlæs filen (formularens ændringer går tabt)",
        "Reload the file (the form's changes are lost)",
    ),
    ("result", "Resultat", "Result"),
    ("adherence", "Efterlevelse", "Adherence"),
    (
        "gaps",
        "Mangler, og hvad I skal gøre",
        "Gaps, and what to do",
    ),
    ("no_gaps", "Ingen mangler.", "No gaps."),
    ("notices", "Kommer snart", "Coming up"),
    (
        "explained",
        "Forklaret (følg eller forklar)",
        "Explained (comply or explain)",
    ),
    (
        "not_checked",
        "Kan ikke tjekkes endnu:",
        "Cannot be checked yet:",
    ),
    (
        "live",
        "Resultatet regnes om, mens du skriver. Intet gemmes, før du trykker Gem.",
        "The result is worked out again as you type. Nothing is saved until you press Save.",
    ),
    ("as_of", "Opgjort pr.", "As of"),
];

fn words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    WORDS
        .iter()
        .map(|(key, da, en)| (*key, lang.pick(da, en)))
        .collect()
}

/// The answer's fields as the result's advice names them: by their labels
/// in the form, not their keys in the file, which the form does not show.
fn field_labels(lang: Lang) -> FieldLabels {
    let words = words(lang);
    let word = |key| words.get(key).copied().unwrap_or_default();
    FieldLabels {
        date: word("date"),
        evidence: word("evidence"),
        // The label's first word: the rest is what to write in it.
        explanation: lang.pick("Forklaring", "Explanation"),
        requested: word("requested"),
        valid_until: word("valid_until"),
        plan_due: lang.pick("Handlingsplan: Senest", "Plan: Due"),
    }
}

/// What the page says once, above the form.
pub enum Message {
    /// There is no file yet: the form starts from the template.
    NewFile,
    Saved,
    Reloaded,
    /// The file changed on disk since it was read: nothing was written.
    Changed,
    /// Something stopped a save, a reload or a report, with why.
    Failed(Vec<String>),
    /// The board's report was written to this file.
    Report(String),
    /// The report's file is a link: nothing was written through it.
    ReportIsLink(String),
}

#[derive(Serialize)]
struct MessageView {
    class: &'static str,
    text: String,
    lines: Vec<String>,
    /// Offer to read the file again.
    reload: bool,
}

impl Message {
    fn view(self, session: &Session) -> MessageView {
        let lang = session.lang;
        let file = session.name();
        let da = lang == Lang::Da;
        let said = |class, text: String| MessageView {
            class,
            text,
            lines: Vec::new(),
            reload: false,
        };
        match self {
            Message::NewFile => said(
                "info",
                if da {
                    format!(
                        "{file} findes ikke endnu. Formularen starter fra skabelonen fra `almen init`; filen skrives først, når du trykker Gem. Skabelonens pladsholdere (navnet, datoer) skal udfyldes, før den kan tjekkes."
                    )
                } else {
                    format!(
                        "{file} does not exist yet. The form starts from the template of `almen init`; the file is written when you press Save. The template's placeholders (the name, dates) must be filled in before it can be checked."
                    )
                },
            ),
            Message::Saved => said(
                "ok",
                if da {
                    format!("Gemt i {file}.")
                } else {
                    format!("Saved to {file}.")
                },
            ),
            Message::Reloaded => said(
                "ok",
                if da {
                    format!("{file} er læst igen.")
                } else {
                    format!("{file} was read again.")
                },
            ),
            Message::Changed => MessageView {
                reload: true,
                ..said(
                    "bad",
                    if da {
                        format!(
                            "Ikke gemt: {file} er ændret på disken, siden formularen læste den. Dine ændringer står stadig i formularen. Læs filen igen for at se den nye udgave (dine ændringer går tabt), eller ret den nye udgave i en editor."
                        )
                    } else {
                        format!(
                            "Not saved: {file} changed on disk since the form read it. Your changes are still in the form. Read the file again to see the new version (your changes are lost), or edit the new version in an editor."
                        )
                    },
                )
            },
            Message::Report(report) => said(
                "ok",
                if da {
                    format!(
                        "Bestyrelsens rapport over den gemte fil er skrevet til {report}; åbn den i browseren for at udskrive den."
                    )
                } else {
                    format!(
                        "The board's report of the saved file is written to {report}; open it in the browser to print it."
                    )
                },
            ),
            Message::Failed(lines) => MessageView {
                lines,
                ..said(
                    "bad",
                    lang.pick("Det lykkedes ikke:", "That did not work:")
                        .to_owned(),
                )
            },
            Message::ReportIsLink(report) => Message::Failed(vec![if da {
                format!(
                    "{report} er et link, ikke en fil: rapporten skrives ikke gennem det. Slet linket, og prøv igen."
                )
            } else {
                format!(
                    "{report} is a link, not a file: the report is not written through it. Delete the link, and try again."
                )
            }])
            .view(session),
        }
    }
}

/// Why a file was not written, in a sentence.
pub fn write_error(lang: Lang, e: WriteError) -> String {
    match e {
        WriteError::NotAFile => lang
            .pick("det er ikke en almindelig fil", "it is not a regular file")
            .to_owned(),
        WriteError::LinkOut => lang
            .pick(
                "det er et link til en fil uden for dens mappe",
                "it is a link to a file outside its folder",
            )
            .to_owned(),
        WriteError::Exists => lang.pick("filen findes", "the file exists").to_owned(),
        WriteError::Io(e) => e.to_string(),
    }
}

/// The diagnostics of a failure, one line each.
pub fn failure_lines(failure: &Failure) -> Vec<String> {
    problem_lines(&failure.sources, &failure.diags)
}

fn problem_lines(sources: &Sources, diags: &[Diag]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            let json = JsonDiag::new(sources, d);
            let mut line = diag_line(&json);
            if let Some(hint) = json.hint {
                line.push_str(" — ");
                line.push_str(hint);
            }
            line
        })
        .collect()
}

/// The result beside the form: `check`'s verdict, adherence and gaps, or
/// what stops the file from being checked.
#[derive(Serialize)]
pub struct Outcome {
    checked: bool,
    compliant: bool,
    verdict: String,
    adherence: String,
    as_of: String,
    counts: Vec<Count>,
    gaps: Vec<GapView>,
    notices: Vec<NoticeView>,
    explained: Vec<ItemRef>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct Count {
    label: &'static str,
    n: usize,
    class: &'static str,
}

#[derive(Serialize)]
struct GapView {
    item: String,
    title: String,
    /// " (Aarhus Kommune)" for a gap of one municipality's answer.
    municipality: String,
    class: &'static str,
    severity: &'static str,
    reason: &'static str,
    what: String,
    fix: String,
}

/// A deadline coming up or an answer about to run out: not a gap.
#[derive(Serialize)]
struct NoticeView {
    item: String,
    title: String,
    municipality: String,
    what: String,
}

#[derive(Serialize)]
struct ItemRef {
    item: String,
    title: String,
}

fn class(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::Major => "major",
        Severity::Minor => "minor",
    }
}

impl Outcome {
    pub fn of(checked: &Checked<'_>, lang: Lang) -> Outcome {
        let eval = &checked.eval;
        let labels = field_labels(lang);
        let title = |id: &str| {
            eval.item(id)
                .map(|r| lang.text(&r.item.title).to_owned())
                .unwrap_or_default()
        };
        Outcome {
            checked: true,
            compliant: eval.compliant,
            verdict: verdict(lang, eval.compliant).to_owned(),
            adherence: lang.percent(eval.adherence),
            as_of: eval.as_of.to_string(),
            counts: [
                (Some(Severity::Critical), eval.counts.critical),
                (Some(Severity::Major), eval.counts.major),
                (Some(Severity::Minor), eval.counts.minor),
                (None, eval.counts.explained),
            ]
            .into_iter()
            .map(|(severity, n)| Count {
                label: severity.map_or(lang.pick("forklaret", "explained"), |s| lang.severity(s)),
                n,
                class: severity.map_or("explained", class),
            })
            .collect(),
            gaps: eval
                .gaps
                .iter()
                .map(|g| {
                    let (what, fix) = gap_text_named(lang, g, checked, FieldNames::Labels(&labels));
                    GapView {
                        item: g.item.clone(),
                        title: title(&g.item),
                        municipality: in_municipality(g.municipality.as_deref()),
                        class: class(g.severity),
                        severity: lang.severity(g.severity),
                        reason: lang.reason(g.reason),
                        what,
                        fix,
                    }
                })
                .collect(),
            notices: eval
                .notices
                .iter()
                .map(|n| NoticeView {
                    item: n.item.clone(),
                    title: title(&n.item),
                    municipality: in_municipality(n.municipality.as_deref()),
                    what: format!(
                        "{}: {} ({})",
                        notice_title(lang, n.reason),
                        notice_when(lang, n.reason, n.due, false),
                        days_text(lang, n.days)
                    ),
                })
                .collect(),
            explained: eval
                .items
                .iter()
                .filter(|r| r.explained)
                .map(|r| ItemRef {
                    item: r.id().to_owned(),
                    title: lang.text(&r.item.title).to_owned(),
                })
                .collect(),
            problems: Vec::new(),
        }
    }

    pub fn problems(sources: &Sources, diags: &[Diag], _lang: Lang) -> Outcome {
        Outcome {
            checked: false,
            compliant: false,
            verdict: String::new(),
            adherence: String::new(),
            as_of: String::new(),
            counts: Vec::new(),
            gaps: Vec::new(),
            notices: Vec::new(),
            explained: Vec::new(),
            problems: problem_lines(sources, diags),
        }
    }
}

#[derive(Serialize)]
struct OrgView {
    name: String,
    cvr: String,
    /// One field each, in the order listed.
    municipalities: Vec<String>,
    date: DateField,
    approved: DateField,
}

#[derive(Serialize)]
struct ChecklistView {
    id: String,
    title: String,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct ItemView {
    id: String,
    title: String,
    kind: &'static str,
    duty: bool,
    recurrence: Option<String>,
    guidance: Option<String>,
    evidence: Vec<String>,
    basis: Option<String>,
    counterparty: Option<String>,
    /// The answer, where the item is answered once.
    answer: Option<AnswerView>,
    /// The answer of each municipality, where it is answered for each.
    per: Vec<PerView>,
    /// Answered once, though it could be answered for each municipality.
    may_split: bool,
}

/// One municipality's answer to an item answered for each.
#[derive(Serialize)]
struct PerView {
    municipality: String,
    /// Whether the organisation lists the municipality: an entry for one
    /// it no longer lists is shown, to be emptied.
    listed: bool,
    answer: AnswerView,
}

/// How an item's answer is shown: once, or once for each municipality.
struct Answers {
    answer: Option<AnswerView>,
    per: Vec<PerView>,
    may_split: bool,
}

/// An item's answer as the form shows it. An item whose counterparty is
/// the municipal council is shown once for each municipality when it is
/// answered so, or not yet answered while several are listed; each
/// municipality listed gets fields, and each entry for one that is not.
fn answers(item: &ChecklistItem, doc: &DocumentMut, listed: &[String], lang: Lang) -> Answers {
    let id = item.id.get_ref();
    let answer = get(doc, &["answers", id]).and_then(Item::as_table_like);
    let several = item.municipal() && listed.len() > 1;
    let per_written = answer.is_some_and(|a| a.contains_key("per"));
    let per_municipality = per_written || (several && answer.is_none());
    if !per_municipality {
        return Answers {
            answer: Some(answer::view(item, answer, &answer_prefix(id), lang)),
            per: Vec::new(),
            may_split: several,
        };
    }
    let written = answer.map(entries).unwrap_or_default();
    let per = shown_municipalities(answer, listed)
        .into_iter()
        .enumerate()
        .map(|(n, name)| {
            let entry = written
                .iter()
                .find(|e| municipality_of(**e) == Some(name.as_str()))
                .copied();
            PerView {
                listed: listed.contains(&name),
                municipality: name,
                answer: answer::view(item, entry, &per_prefix(id, n), lang),
            }
        })
        .collect();
    Answers {
        answer: None,
        per,
        may_split: false,
    }
}

fn get<'a>(doc: &'a DocumentMut, path: &[&str]) -> Option<&'a Item> {
    let (first, rest) = path.split_first()?;
    let mut item = doc.get(first)?;
    for key in rest {
        item = item.get(key)?;
    }
    Some(item)
}

/// The municipalities the organisation lists.
fn listed(doc: &DocumentMut) -> Vec<String> {
    get(doc, &["organisation"])
        .and_then(Item::as_table_like)
        .map(municipalities_in)
        .unwrap_or_default()
}

fn org(doc: &DocumentMut) -> OrgView {
    let text = |path: &[&str]| {
        get(doc, path)
            .and_then(Item::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    OrgView {
        name: text(&["organisation", "name"]),
        cvr: text(&["organisation", "cvr"]),
        municipalities: listed(doc),
        date: answer::date_field(get(doc, &["assessment", "date"])),
        approved: answer::date_field(get(doc, &["assessment", "approved"])),
    }
}

fn checklists(session: &Session, doc: &DocumentMut) -> Vec<ChecklistView> {
    let lang = session.lang;
    let listed = listed(doc);
    session
        .checklists
        .iter()
        .map(|c| ChecklistView {
            id: c.id().to_owned(),
            title: lang.text(&c.file.title).to_owned(),
            items: c
                .file
                .items
                .iter()
                .map(|item| {
                    let id = item.id.get_ref();
                    let Answers {
                        answer,
                        per,
                        may_split,
                    } = answers(item, doc, &listed, lang);
                    ItemView {
                        id: id.clone(),
                        title: lang.text(&item.title).to_owned(),
                        kind: lang.kind(item.kind),
                        duty: item.kind == Kind::Duty,
                        recurrence: item.recurrence().map(|r| recurrence_text(lang, r)),
                        guidance: item.guidance.as_ref().map(|g| lang.text(g).to_owned()),
                        evidence: lang
                            .list(&item.evidence)
                            .iter()
                            .map(|e| e.to_string())
                            .collect(),
                        basis: item.basis.as_deref().map(str::to_owned),
                        counterparty: item.counterparty.as_ref().map(|c| lang.text(c).to_owned()),
                        answer,
                        per,
                        may_split,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The whole page for a text: the form with the text's values, the result
/// beside it.
pub fn page(session: &Session, text: &str, message: Option<Message>) -> String {
    let lang = session.lang;
    let doc = text.parse::<DocumentMut>().unwrap_or_default();
    let ctx = PageContext {
        lang: lang.pick("da", "en"),
        t: words(lang),
        file: session.name(),
        csrf: &session.csrf,
        message: message.map(|m| m.view(session)),
        org: org(&doc),
        checklists: checklists(session, &doc),
        outcome: session.outcome(text),
    };
    render("page.html", &ctx)
}

/// The live result of a text, for the page's script: the result's HTML and
/// each explanation's hint by its answer's field prefix.
pub fn fragment(session: &Session, text: &str) -> serde_json::Value {
    let lang = session.lang;
    let doc = text.parse::<DocumentMut>().unwrap_or_default();
    let result = render(
        "result.html",
        &ResultContext {
            t: words(lang),
            outcome: session.outcome(text),
        },
    );
    let listed = listed(&doc);
    let hints: BTreeMap<String, String> = session
        .checklists
        .iter()
        .flat_map(|c| &c.file.items)
        .flat_map(|item| {
            let Answers { answer, per, .. } = answers(item, &doc, &listed, lang);
            answer
                .into_iter()
                .chain(per.into_iter().map(|p| p.answer))
                .map(|a| (a.prefix, a.hint))
        })
        .collect();
    serde_json::json!({ "result": result, "hints": hints })
}

#[derive(Serialize)]
struct PageContext<'a> {
    lang: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    file: String,
    csrf: &'a str,
    message: Option<MessageView>,
    org: OrgView,
    checklists: Vec<ChecklistView>,
    outcome: Outcome,
}

#[derive(Serialize)]
struct ResultContext {
    t: BTreeMap<&'static str, &'static str>,
    outcome: Outcome,
}

fn render(name: &str, ctx: &impl Serialize) -> String {
    environment()
        .get_template(name)
        .and_then(|t| t.render(Serde(ctx)))
        // The layouts are the program's own and tested: should one fail,
        // the page says so without showing anything of the file.
        .unwrap_or_else(|_| "<p>The page could not be laid out.</p>".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word a layout asks for and the table lacks would be left out of
    /// the page without a sound.
    #[test]
    fn every_word_the_layouts_use_is_in_both_languages() {
        let layouts = [
            include_str!("page.html"),
            include_str!("answer.html"),
            include_str!("result.html"),
        ];
        let mut used = Vec::new();
        for layout in layouts {
            let mut rest = layout;
            while let Some(at) = rest.find("t.") {
                let after = &rest[at + 2..];
                let word: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                let before = rest[..at].chars().last();
                if !word.is_empty() && before.is_some_and(|c| c == ' ' || c == '{') {
                    used.push(word);
                }
                rest = after;
            }
        }
        assert!(used.len() > 20, "{used:?}");
        for lang in [Lang::Da, Lang::En] {
            let words = words(lang);
            for word in &used {
                assert!(
                    words.get(word.as_str()).is_some_and(|w| !w.is_empty()),
                    "{word} in {lang:?}"
                );
            }
        }
    }
}
