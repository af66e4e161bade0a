//! The public comply-or-explain statement (*redegørelse for god almen
//! ledelse – følg eller forklar*): what an organisation publishes on its
//! website or in the management report of its annual accounts.
//!
//! [`Statement`] is everything the document shows, already worded in the
//! reader's language; [`html`] and [`markdown`] lay it out through
//! `statement.html` and `statement.md` beside this file, which only arrange
//! and escape it. The structure follows Danish comply-or-explain practice:
//! per section a table of the recommendations with *følger / følger delvist
//! / følger ikke* and the board's explanation, and the duties with whether
//! they are fulfilled.
//!
//! It says only what an organisation publishes: no gaps, severities or
//! adherence, no notes, no evidence, nothing of the file's syntax. What it
//! says of each item is the scored result, not merely the answer: a duty
//! that fell due is not fulfilled however the answer reads, and an
//! explanation that does not count (`model::hollow`) is not printed as one.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::OnceLock;

use minijinja::Environment;
use serde::Serialize;

use super::report::layout::escaping_environment;
use super::words::{
    Words, answer_of, long_date, statement_awaiting, statement_counts, statement_date_unknown,
    statement_expired, statement_lapsed, statement_no_explanation, statement_status,
};
use crate::lang::Lang;
use crate::model::{Answer, Kind, Status};
use crate::score::{Checked, ItemResult, Reason};

/// The statement as one self-contained HTML page: inline CSS, no scripts,
/// nothing fetched, laid out for A4.
pub fn html(statement: &Statement, out: &mut dyn Write) -> io::Result<()> {
    let html = render("statement.html", statement).map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// The statement as Markdown, for a website or the management report.
pub fn markdown(statement: &Statement, out: &mut dyn Write) -> io::Result<()> {
    let md = render("statement.md", statement).map_err(io::Error::other)?;
    out.write_all(md.trim_end().as_bytes())?;
    writeln!(out)
}

#[derive(Debug, Serialize)]
pub struct Statement {
    pub lang: &'static str,
    /// The fixed words of the document, by key.
    pub t: BTreeMap<&'static str, &'static str>,
    pub organisation: Organisation,
    /// The board has not approved the assessment: the statement is a draft.
    pub draft: bool,
    /// When the assessment was made, in long form.
    pub assessed: Option<String>,
    /// When the board approved it, in long form.
    pub approved: Option<String>,
    /// The date the items were scored as of, in long form.
    pub as_of: String,
    /// How many recommendations and duties have each status.
    pub summary: Vec<SummaryLine>,
    /// One section per checklist, in the assessment's order.
    pub sections: Vec<Section>,
}

#[derive(Debug, Serialize)]
pub struct Organisation {
    pub name: String,
    pub cvr: Option<String>,
    pub municipality: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SummaryLine {
    pub label: &'static str,
    pub text: String,
}

/// One checklist: where it comes from, and its items in its order.
#[derive(Debug, Serialize)]
pub struct Section {
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub source_title: String,
    pub url: Option<String>,
    pub updated: Option<String>,
    pub recommendations: Vec<Row>,
    pub duties: Vec<Row>,
}

/// One item as the statement states it.
#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    /// For the layout's marks: `follows`, `partly`, `not`, `inapplicable`
    /// or `unassessed`.
    pub state: &'static str,
    /// "følger", "følger ikke", "ikke opfyldt".
    pub status: &'static str,
    /// What qualifies the status, said after it: "ingen forklaring",
    /// "afventer kommunalbestyrelsen, anmodet 15. oktober 2025".
    pub qualifier: Option<String>,
    /// Facts the status rests on: when a lapsed item was last done.
    pub remarks: Vec<String>,
    /// The board's explanation, where the item is not (fully) followed and
    /// the explanation counts.
    pub explanation: Option<String>,
    /// What the organisation does about it, where it is not (fully)
    /// followed.
    pub plan: Option<PlanView>,
}

#[derive(Debug, Serialize)]
pub struct PlanView {
    pub action: String,
    pub due: Option<String>,
    /// The due date has passed: said, so the plan is not read as a
    /// promise still standing.
    pub overdue: bool,
}

fn words(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    let pairs: &[(&str, &str, &str)] = &[
        (
            "title",
            "Redegørelse for god almen ledelse – følg eller forklar",
            "Statement on good governance – comply or explain",
        ),
        (
            "draft",
            "Udkast – ikke godkendt af bestyrelsen",
            "Draft – not approved by the board",
        ),
        (
            "draft_text",
            "Bestyrelsen har endnu ikke godkendt den selvevaluering, redegørelsen bygger på. Offentliggør den først, når bestyrelsen har godkendt den.",
            "The board has not yet approved the self-assessment this statement rests on. Publish it only once the board has approved it.",
        ),
        ("cvr", "CVR", "CVR"),
        ("municipality", "Kommune", "Municipality"),
        ("assessed", "Selvevaluering", "Self-assessment"),
        (
            "approved",
            "Godkendt af bestyrelsen",
            "Approved by the board",
        ),
        ("not_approved", "Ikke godkendt", "Not approved"),
        (
            "plan_overdue",
            "fristen er overskredet",
            "the deadline has passed",
        ),
        ("as_of", "Status pr.", "Status as of"),
        (
            "intro",
            "Redegørelsen viser, hvordan boligorganisationen forholder sig til anbefalingerne om god almen ledelse efter princippet »følg eller forklar«. For hver anbefaling står, om organisationen følger den, følger den delvist eller ikke følger den. Hvor den ikke følger en anbefaling fuldt ud, forklarer bestyrelsen hvorfor, og hvad organisationen gør i stedet. Det er ikke et brud på reglerne at afvige fra en anbefaling, når bestyrelsen begrunder det.",
            "This statement shows how the housing organisation stands on the recommendations for good governance (God Almen Ledelse) on the principle of comply or explain. For each recommendation it says whether the organisation complies, partly complies or does not comply. Where the organisation does not fully comply, the board explains why and what the organisation does instead. Departing from a recommendation is no breach of the rules when the board gives its reasons.",
        ),
        (
            "intro_duties",
            "Krav i lov og vedtægter kan ikke forklares væk: for hvert krav står, om det er opfyldt.",
            "Duties under law and the articles cannot be explained away: for each, the statement says whether it is fulfilled.",
        ),
        ("basis", "Grundlag", "Basis"),
        ("version", "version", "version"),
        ("updated", "opdateret", "updated"),
        ("overview", "Overblik", "Overview"),
        ("recommendations", "Anbefalinger", "Recommendations"),
        (
            "duties",
            "Krav i lov og vedtægter",
            "Duties under law and the articles",
        ),
        ("col_recommendation", "Anbefaling", "Recommendation"),
        (
            "col_follows",
            "Følger / følger delvist / følger ikke",
            "Complies / partly complies / does not comply",
        ),
        ("col_explanation", "Forklaring", "Explanation"),
        ("col_duty", "Krav", "Duty"),
        (
            "col_fulfilled",
            "Opfyldt / delvist opfyldt / ikke opfyldt",
            "Fulfilled / partly fulfilled / not fulfilled",
        ),
        ("col_remarks", "Bemærkning", "Remarks"),
        ("we_do", "Det gør vi:", "What we are doing:"),
        ("by", "senest", "by"),
    ];
    pairs
        .iter()
        .map(|(k, da, en)| (*k, lang.pick(da, en)))
        .collect()
}

/// The statement of one checked assessment.
pub fn build(checked: &Checked<'_>, lang: Lang) -> Statement {
    let loaded = checked.assessment;
    let eval = &checked.eval;
    let a = &loaded.file;
    let long = |d: chrono::NaiveDate| long_date(lang, d);

    let rows: Vec<(&str, Kind, Option<Status>, Row)> = eval
        .items
        .iter()
        .map(|r| {
            let (status, row) = row(checked, r, lang);
            (r.checklist, r.item.kind, status, row)
        })
        .collect();

    let order = [
        Some(Status::Met),
        Some(Status::Partial),
        Some(Status::Unmet),
        Some(Status::NotApplicable),
        None,
    ];
    let t = words(lang);
    let summary = [
        (Kind::Recommendation, t["recommendations"]),
        (Kind::Duty, t["duties"]),
    ]
    .into_iter()
    .filter_map(|(kind, label)| {
        let counts: Vec<(Option<Status>, usize)> = order
            .iter()
            .map(|s| {
                let n = rows
                    .iter()
                    .filter(|(_, k, status, _)| *k == kind && status == s)
                    .count();
                (*s, n)
            })
            .collect();
        counts.iter().any(|(_, n)| *n > 0).then(|| SummaryLine {
            label,
            text: statement_counts(lang, kind, &counts),
        })
    })
    .collect();

    let mut sections: Vec<Section> = loaded
        .checklists
        .iter()
        .map(|c| {
            let f = &c.file;
            Section {
                title: lang.text(&f.title).to_owned(),
                version: f.version.to_string(),
                publisher: f.source.publisher.to_string(),
                source_title: f.source.title.to_string(),
                url: f.source.url.as_deref().map(str::to_owned),
                updated: f.source.updated.map(|d| long(d.0)),
                recommendations: Vec::new(),
                duties: Vec::new(),
            }
        })
        .collect();
    for (checklist, kind, _, row) in rows {
        let Some(at) = loaded.checklists.iter().position(|c| c.id() == checklist) else {
            continue;
        };
        match kind {
            Kind::Recommendation => sections[at].recommendations.push(row),
            Kind::Duty => sections[at].duties.push(row),
        }
    }

    // An approval dated after the statement's date has not happened yet
    // (a planned meeting): until then the statement is a draft.
    let approved = a
        .assessment
        .approved
        .as_ref()
        .map(|d| d.get_ref().0)
        .filter(|d| *d <= eval.as_of)
        .map(long);
    Statement {
        lang: lang.pick("da", "en"),
        t,
        organisation: Organisation {
            name: a.organisation.name.clone(),
            cvr: a.organisation.cvr.clone(),
            municipality: a.organisation.municipality_line(),
        },
        draft: approved.is_none(),
        assessed: a.assessment.date.as_ref().map(|d| long(d.get_ref().0)),
        approved,
        as_of: long(eval.as_of),
        summary,
        sections,
    }
}

/// What the statement says of one item, and the status it is counted
/// under (`None`: not assessed).
fn row(checked: &Checked<'_>, r: &ItemResult<'_>, lang: Lang) -> (Option<Status>, Row) {
    let kind = r.item.kind;
    let gaps = checked.eval.gaps_of(r.id());
    // The status as scored: a duty that fell due is not fulfilled, a
    // recommendation not reviewed in time is only partly followed.
    let status = match (r.answer, r.value) {
        (None, _) => None,
        // Left out of the score: a recommendation, or a conditional duty.
        (Some(_), None) => Some(Status::NotApplicable),
        // Any other duty declared not applicable stays in the score, with
        // nothing fulfilled.
        (Some(a), Some(_)) if a.status() == Status::NotApplicable => Some(Status::Unmet),
        (Some(_), Some(v)) if v >= 1.0 => Some(Status::Met),
        (Some(_), Some(v)) if v > 0.0 => Some(Status::Partial),
        (Some(_), Some(_)) => Some(Status::Unmet),
    };
    let state = match status {
        None => "unassessed",
        Some(Status::Met) => "follows",
        Some(Status::Partial) => "partly",
        Some(Status::Unmet) => "not",
        Some(Status::NotApplicable) => "inapplicable",
    };
    let followed = status == Some(Status::Met);

    let mut qualifiers: Vec<String> = Vec::new();
    let mut remarks: Vec<String> = Vec::new();
    for g in &gaps {
        let last = answer_of(Some(r), g.municipality.as_deref())
            .and_then(|a| a.date.as_ref())
            .map(|d| d.get_ref().0);
        // A remark of one municipality's entry says which.
        let of = |text: String| match &g.municipality {
            Some(m) => format!("{m}: {text}"),
            None => text,
        };
        match g.reason {
            Reason::Unexplained | Reason::NaUnexplained => {
                qualifiers.push(statement_no_explanation(lang).to_owned());
            }
            Reason::AwaitingCounterparty => {
                if let (Some(awaiting), Some(who)) = (g.awaiting, r.item.counterparty.as_ref()) {
                    qualifiers.push(statement_awaiting(lang, lang.text(who), awaiting.requested));
                }
            }
            Reason::DateMissing if kind == Kind::Duty => {
                remarks.push(of(statement_date_unknown(lang).to_owned()));
            }
            _ => {}
        }
        let lapsed = matches!(g.reason, Reason::Overdue | Reason::Stale)
            || g.awaiting.is_some_and(|a| a.instead_of == Reason::Overdue);
        if lapsed && let (Some(last), Some(due)) = (last, g.due) {
            remarks.push(of(statement_lapsed(lang, kind, last, due)));
        }
        let expired = g.reason == Reason::Expired
            || g.awaiting.is_some_and(|a| a.instead_of == Reason::Expired);
        if expired && let Some(until) = g.due {
            remarks.push(of(statement_expired(lang, until)));
        }
        if g.municipality.is_some() && g.reason == Reason::NotAssessed {
            remarks.push(of(lang.status(None, kind).to_owned()));
        }
    }
    // An entry that is not (or only partly) met says which municipality
    // the item's status is owed to.
    for p in &r.per {
        if let Some(s @ (Status::Unmet | Status::Partial)) = p.answer.map(Answer::status) {
            remarks.push(format!(
                "{}: {}",
                p.municipality,
                statement_status(lang, kind, Some(s))
            ));
        }
    }
    qualifiers.dedup();
    remarks.dedup();

    let explanation = r
        .answer
        .filter(|_| !followed)
        .and_then(|a| a.explanation())
        .map(str::to_owned);
    let plan = r
        .answer
        .filter(|_| !followed)
        .and_then(|a| a.plan())
        .map(|p| PlanView {
            action: p.action.trim().to_owned(),
            due: p.due.as_ref().map(|d| long_date(lang, d.get_ref().0)),
            overdue: p
                .due
                .as_ref()
                .is_some_and(|d| d.get_ref().0 < checked.eval.as_of),
        })
        .filter(|p| !p.action.is_empty());
    (
        status,
        Row {
            id: r.id().to_owned(),
            title: lang.text(&r.item.title).to_owned(),
            state,
            status: statement_status(lang, kind, status),
            qualifier: (!qualifiers.is_empty()).then(|| qualifiers.join(" – ")),
            remarks,
            explanation,
            plan,
        },
    )
}

/// The statement's layouts, escaped as the board's report escapes its own
/// (`render::report::layout`), so nothing in an assessment becomes markup
/// in either format.
fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = escaping_environment();
        env.add_template("statement.html", include_str!("statement.html"))
            .expect("the HTML layout parses");
        env.add_template("statement.md", include_str!("statement.md"))
            .expect("the Markdown layout parses");
        env
    })
}

fn render(name: &str, statement: &Statement) -> Result<String, minijinja::Error> {
    environment()
        .get_template(name)?
        .render(minijinja::value::Serde(statement))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        let da = words(Lang::Da);
        let en = words(Lang::En);
        assert_eq!(da.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        assert!(da.values().chain(en.values()).all(|w| !w.is_empty()));
    }

    #[test]
    fn dates_are_written_out() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(long_date(Lang::Da, d), "27. november 2026");
        assert_eq!(long_date(Lang::En, d), "27 November 2026");
        let d = chrono::NaiveDate::from_ymd_opt(2025, 1, 5).unwrap();
        assert_eq!(long_date(Lang::Da, d), "5. januar 2025");
        assert_eq!(long_date(Lang::En, d), "5 January 2025");
        // The first and last dates there are do not panic.
        long_date(Lang::Da, chrono::NaiveDate::MIN);
        long_date(Lang::En, chrono::NaiveDate::MAX);
    }
}
