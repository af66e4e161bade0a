//! `almen calendar`: the deadlines of checked assessments as an iCalendar
//! file (RFC 5545), one all-day event per deadline.
//!
//! [`build`] makes the event list, pure data from the scored results: each
//! recurring item's next due date and each action plan's due date, the
//! overdue ones on the date they were due. [`ics`] writes it with the
//! `icalendar` crate. The as-of date is the only time in the file (as
//! `DTSTAMP`), so the same input and `--as-of` give the same bytes.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use icalendar::{Alarm, Component, EventLike, Property, Trigger};
use sha2::{Digest, Sha256};

use super::text::{printable, printable_line};
pub use super::words::DeadlineKind;
use super::words::{
    Words, board_text, calendar_categories, calendar_description, calendar_due_text,
    calendar_expiry_text, calendar_name, calendar_overdue_text, calendar_plan_text,
    calendar_reminder, calendar_title, in_municipality,
};
use crate::lang::Lang;
use crate::model::Answer;
use crate::score::{Checked, EXPIRY_WARN_DAYS, Gap, ItemResult, Reason};

impl DeadlineKind {
    /// The kind's part of an event's `UID`.
    fn key(self) -> &'static str {
        match self {
            DeadlineKind::Due => "due",
            DeadlineKind::Plan => "plan",
            DeadlineKind::Expiry => "expiry",
        }
    }
}

/// One deadline: an all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across runs and as-of dates (see [`uid`]), so that a newer
    /// file updates the event instead of adding another.
    pub uid: String,
    pub date: NaiveDate,
    pub kind: DeadlineKind,
    /// Its date is before the as-of date.
    pub overdue: bool,
    pub organisation: String,
    pub item: String,
    pub title: String,
    pub description: String,
    pub categories: Vec<&'static str>,
    /// A reminder this many days before, with its text: where the item
    /// has `warn-days`, on its recurring deadline.
    pub reminder: Option<(u32, String)>,
}

/// The calendar: its name, and its events by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    pub name: String,
    pub as_of: NaiveDate,
    pub events: Vec<Event>,
}

/// The deadlines of every checked assessment, as of `as_of`, by date (then
/// organisation, item and kind), so that the order the assessments were
/// given in changes nothing.
pub fn build(checked: &[Checked<'_>], as_of: NaiveDate, lang: Lang) -> Calendar {
    let mut events = Vec::new();
    let mut organisations: Vec<&str> = Vec::new();
    for c in checked {
        let name = c.assessment.file.organisation.name.as_str();
        if !organisations.contains(&name) {
            organisations.push(name);
        }
        for r in &c.eval.items {
            // An item answered per municipality has each municipality's
            // deadlines.
            let answers: Vec<Answered> = if r.per.is_empty() {
                vec![Answered {
                    municipality: None,
                    answer: r.answer,
                    due: r.due,
                }]
            } else {
                r.per
                    .iter()
                    .map(|p| Answered {
                        municipality: Some(p.municipality),
                        answer: p.answer,
                        due: p.due,
                    })
                    .collect()
            };
            for a in &answers {
                if let Some(due) = a.due {
                    events.push(event(c, r, a, DeadlineKind::Due, due, lang));
                }
                if let Some(due) = a.answer.and_then(|a| a.plan()).and_then(|p| p.due.as_ref()) {
                    events.push(event(c, r, a, DeadlineKind::Plan, due.get_ref().0, lang));
                }
                if let Some(until) = a.answer.and_then(|a| a.valid_until.as_ref()) {
                    events.push(event(
                        c,
                        r,
                        a,
                        DeadlineKind::Expiry,
                        until.get_ref().0,
                        lang,
                    ));
                }
            }
        }
    }
    // Two assessments of one organisation would give two events one UID,
    // and a calendar program would keep only one of them: those take the
    // file into their UID too. The same file given twice gives its events
    // once.
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for (e, _) in &events {
        *uses.entry(e.uid.clone()).or_default() += 1;
    }
    let mut events: Vec<Event> = events
        .into_iter()
        .map(|(mut e, file)| {
            if uses[&e.uid] > 1 {
                e.uid = uid(&[&e.uid, &file]);
            }
            e
        })
        .collect();
    events.sort_by(|a, b| {
        (a.date, &a.organisation, &a.item, a.kind, &a.uid).cmp(&(
            b.date,
            &b.organisation,
            &b.item,
            b.kind,
            &b.uid,
        ))
    });
    events.dedup_by(|a, b| a.uid == b.uid);
    organisations.sort_unstable();
    Calendar {
        name: printable_line(&calendar_name(lang, &organisations)),
        as_of,
        events,
    }
}

/// The answer an item's deadlines come from: the item's own, or one
/// municipality's entry.
struct Answered<'a> {
    municipality: Option<&'a str>,
    answer: Option<&'a Answer>,
    due: Option<NaiveDate>,
}

/// One event, and the file it comes from.
fn event(
    c: &Checked<'_>,
    r: &ItemResult<'_>,
    answered: &Answered<'_>,
    kind: DeadlineKind,
    date: NaiveDate,
    lang: Lang,
) -> (Event, String) {
    let organisation = &c.assessment.file.organisation;
    let item = r.id();
    let overdue = date < c.eval.as_of;
    let title_text = lang.text(&r.item.title);
    let answer = answered.answer;
    let plan = answer.and_then(|a| a.plan());
    let (status, action) = match kind {
        DeadlineKind::Due => calendar_due_text(
            lang,
            r.item.kind,
            r.item.recurrence(),
            answer.and_then(|a| a.date.as_ref()).map(|d| d.get_ref().0),
            date,
        ),
        DeadlineKind::Plan => {
            let plan = plan.expect("a plan's deadline has a plan");
            let owner = plan
                .owner
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty());
            calendar_plan_text(lang, plan.action.trim(), owner, date)
        }
        DeadlineKind::Expiry => calendar_expiry_text(
            lang,
            answer.and_then(|a| a.date.as_ref()).map(|d| d.get_ref().0),
            date,
        ),
    };
    // An overdue deadline is a gap: say it as the board's report does.
    let (status, action) = match overdue_gap(c, r, answered.municipality, kind, date) {
        Some(gap) => {
            let board = board_text(lang, gap, c);
            let overdue = calendar_overdue_text(&board);
            match kind {
                DeadlineKind::Due | DeadlineKind::Expiry => (overdue, board.action),
                DeadlineKind::Plan => (format!("{status}\n{overdue}"), board.action),
            }
        }
        None => (status, action),
    };
    // A plan's event is called what the plan does; one that says nothing,
    // after the item.
    let what = match (kind, plan.map(|p| p.action.trim())) {
        (DeadlineKind::Plan, Some(action)) if !action.is_empty() => action,
        _ => title_text,
    };
    let what = format!("{what}{}", in_municipality(answered.municipality));
    let title = printable_line(&calendar_title(
        lang,
        kind,
        overdue,
        item,
        &what,
        &organisation.name,
    ));
    let basis = match &r.item.basis {
        Some(basis) => basis.to_string(),
        None => c
            .assessment
            .checklists
            .iter()
            .find(|checklist| checklist.id() == r.checklist)
            .map(|checklist| {
                let source = &checklist.file.source;
                format!("{}: {}", source.publisher, source.title)
            })
            .unwrap_or_default(),
    };
    let description = printable(&calendar_description(
        lang,
        &organisation.name,
        item,
        &format!(
            "{title_text}{} ({})",
            in_municipality(answered.municipality),
            lang.kind(r.item.kind)
        ),
        &status,
        &action,
        &basis,
    ));
    let reminder = match kind {
        DeadlineKind::Due => r
            .item
            .warn_days
            .as_ref()
            .map(|w| (*w.get_ref(), calendar_reminder(lang, &title, *w.get_ref()))),
        DeadlineKind::Expiry => {
            let days = r
                .item
                .warn_days
                .as_ref()
                .map_or(EXPIRY_WARN_DAYS, |w| *w.get_ref());
            Some((days, calendar_reminder(lang, &title, days)))
        }
        DeadlineKind::Plan => None,
    };
    // The organisation by its CVR number where it has one, so that a new
    // name keeps its events; else by its name.
    let who = match organisation.cvr.as_deref().map(str::trim) {
        Some(cvr) if !cvr.is_empty() => format!("cvr:{cvr}"),
        _ => format!("name:{}", organisation.name),
    };
    let event = Event {
        // A municipality's deadline is its own event; an item answered
        // once keeps the UID it always had.
        uid: match answered.municipality {
            Some(m) => uid(&[&who, r.checklist, item, kind.key(), m]),
            None => uid(&[&who, r.checklist, item, kind.key()]),
        },
        date,
        kind,
        overdue,
        organisation: organisation.name.clone(),
        item: item.to_owned(),
        title,
        description,
        categories: calendar_categories(lang, kind, overdue),
        reminder,
    };
    (event, c.file())
}

/// The gap that says a deadline was missed: the item's overdue (or stale,
/// or awaiting the counterparty) gap for its due date, or its plan's.
fn overdue_gap<'c>(
    c: &'c Checked<'_>,
    r: &ItemResult<'_>,
    municipality: Option<&str>,
    kind: DeadlineKind,
    date: NaiveDate,
) -> Option<&'c Gap> {
    c.eval.gaps_of(r.id()).into_iter().find(|g| {
        g.due == Some(date)
            && g.municipality.as_deref() == municipality
            && match kind {
                DeadlineKind::Due => {
                    matches!(g.reason, Reason::Overdue | Reason::Stale)
                        || g.awaiting.is_some_and(|a| a.instead_of == Reason::Overdue)
                }
                DeadlineKind::Plan => g.reason == Reason::PlanOverdue,
                DeadlineKind::Expiry => {
                    g.reason == Reason::Expired
                        || g.awaiting.is_some_and(|a| a.instead_of == Reason::Expired)
                }
            }
    })
}

/// An event's `UID`: the first 128 bits of the SHA-256 of its parts, each
/// followed by a unit separator (U+001F), in hex, `@almen`. The parts are
/// the organisation (`cvr:NUMBER`, or `name:NAME` without one), the
/// checklist, the item and the kind (`due`, `plan`); never the date, so
/// that a deadline that moves keeps its event.
pub fn uid(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0x1f]);
    }
    let hex: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{hex}@almen")
}

/// The calendar as iCalendar text: CRLF line ends, lines folded at 75
/// octets, text escaped.
pub fn ics(calendar: &Calendar, lang: Lang) -> String {
    let stamp = calendar.as_of.and_time(NaiveTime::MIN).and_utc();
    let mut ical = icalendar::Calendar::empty();
    ical.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", prodid(lang)))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        // The crate escapes the text of X- properties, but not of NAME
        // (RFC 7986), which it does not know as text.
        .append_property(Property::new("NAME", escape_text(&calendar.name)))
        .append_property(Property::new("X-WR-CALNAME", &calendar.name))
        // A subscription is read again once a day.
        .append_property(
            Property::new("REFRESH-INTERVAL", "P1D")
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", "P1D"));
    for e in &calendar.events {
        let mut event = icalendar::Event::new();
        event
            .uid(&e.uid)
            .timestamp(stamp)
            .starts(e.date)
            .summary(&e.title)
            .description(&e.description)
            // A deadline takes no time: it does not make anyone busy.
            .add_property("TRANSP", "TRANSPARENT")
            // A list of words with no comma in them: the crate writes the
            // value as it is.
            .add_property("CATEGORIES", e.categories.join(","));
        // DTEND is the day after (exclusive); the last day a TOML file can
        // write has none, which RFC 5545 reads as one day too.
        if let Some(end) = e.date.succ_opt().filter(|d| *d <= LAST_DAY) {
            event.ends(end);
        }
        if let Some((days, text)) = &e.reminder {
            let mut alarm = Alarm::display(text, Trigger::before_start(chrono::Duration::zero()));
            // The crate gives every component a DTSTAMP and a UID (RFC 9074
            // allows one in an alarm) unless it has them: fixed ones keep
            // the file the same from run to run. The trigger in whole
            // days, as a person would write it.
            alarm
                .append_property(Property::new("TRIGGER", format!("-P{days}D")))
                .add_property("UID", e.uid.replace("@almen", "-alarm@almen"))
                .timestamp(stamp);
            event.alarm(alarm);
        }
        ical.push(event.done());
    }
    ical.to_string()
}

/// The last day a TOML file can write.
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// Who made the file, and in which language (RFC 5545, 3.7.3).
fn prodid(lang: Lang) -> String {
    format!(
        "-//almen//almen {}//{}",
        env!("CARGO_PKG_VERSION"),
        lang.pick("DA", "EN")
    )
}

/// A TEXT value escaped as RFC 5545 (3.3.11) says, for a property the
/// crate writes as it is.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uid_is_the_hash_of_its_parts_and_never_of_a_date() {
        let a = uid(&["cvr:87654321", "samarbejde-med-omverdenen", "STY-1", "due"]);
        assert!(a.ends_with("@almen"), "{a}");
        assert_eq!(a.len(), 32 + "@almen".len());
        assert_ne!(
            a,
            uid(&["cvr:87654321", "samarbejde-med-omverdenen", "STY-1", "plan"])
        );
        // The separator keeps parts apart: "ab" + "c" is not "a" + "bc".
        assert_ne!(uid(&["ab", "c"]), uid(&["a", "bc"]));
    }

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
