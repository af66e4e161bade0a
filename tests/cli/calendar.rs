//! `almen calendar`: the deadlines as an iCalendar file. Each file is read
//! twice, by this file's own strict reading of RFC 5545 (line ends,
//! folding at 75 octets, escaping, the properties each component must and
//! may have) and by an independent parser (`calcard`), and its
//! events are held to what `almen check --format json` says of the same
//! input: one event for each item's `due` and for each plan's `due`, on
//! that date, with the UID the README documents.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarProperty, ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{AS_OF, almen, almen_in, array, copy_dir, json, root, stderr_of, str_field};

// ---------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------

/// `almen calendar ARGS… -o DIR/almen.ics --as-of AS_OF`, which must exit
/// 0 with nothing on stderr: what it said, and the file.
fn calendar_in(dir: &Path, args: &[&str], as_of: &str) -> (String, String) {
    let out = dir.join("almen.ics");
    let assert = almen()
        .arg("calendar")
        .args(args)
        .arg("-o")
        .arg(&out)
        .args(["--as-of", as_of])
        .assert()
        .code(0)
        .stderr("");
    let said = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    (
        said,
        fs::read_to_string(&out).expect("the calendar was written"),
    )
}

/// The calendar of `args` as of `as_of`, written to a fresh folder.
fn calendar(args: &[&str], as_of: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    calendar_in(dir.path(), args, as_of).1
}

/// `check --format json` of the same input (several files give
/// `results`): each checked result.
fn results(args: &[&str], as_of: &str) -> Vec<Value> {
    let out = almen()
        .arg("check")
        .args(args)
        .args(["--format", "json", "--as-of", as_of])
        .output()
        .unwrap();
    let doc = json(&String::from_utf8(out.stdout).unwrap());
    match doc.get("results") {
        Some(results) => results.as_array().unwrap().clone(),
        None => vec![doc],
    }
}

// ---------------------------------------------------------------------------
// A strict reading of RFC 5545
// ---------------------------------------------------------------------------

/// One content line, unfolded: its name, parameters and raw value.
#[derive(Debug, Clone)]
struct Line {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

/// A component as this file reads it: its properties and sub-components.
#[derive(Debug, Clone, Default)]
struct Comp {
    kind: String,
    lines: Vec<Line>,
    subs: Vec<Comp>,
}

impl Comp {
    fn all(&self, name: &str) -> Vec<&Line> {
        self.lines.iter().filter(|l| l.name == name).collect()
    }

    /// The one value of a property the component has once.
    fn one(&self, name: &str) -> &str {
        match self.all(name).as_slice() {
            [line] => &line.value,
            lines => panic!("{} has {} {name}: {lines:?}", self.kind, lines.len()),
        }
    }

    fn param(&self, name: &str, param: &str) -> Option<&str> {
        let line = self.all(name).into_iter().next()?;
        line.params
            .iter()
            .find(|(p, _)| p == param)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a calendar as RFC 5545 writes it, and panics at the first thing
/// it does not allow; returns the VCALENDAR.
fn strict(text: &str) -> Comp {
    // 3.1: lines end in CRLF; none is longer than 75 octets; a fold is a
    // CRLF followed by one space, and never splits a character.
    assert!(text.ends_with("\r\n"), "the last line has no CRLF");
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    for line in &physical {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.is_empty(), "an empty line");
    }
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("a folded line continues another")
                .push_str(rest),
            None => {
                assert!(!line.starts_with('\t'), "a fold with a tab: {line:?}");
                logical.push(line.to_owned());
            }
        }
    }
    let mut stack: Vec<Comp> = Vec::new();
    let mut done: Option<Comp> = None;
    for raw in logical {
        let line = content_line(&raw);
        match line.name.as_str() {
            "BEGIN" => stack.push(Comp {
                kind: line.value,
                ..Comp::default()
            }),
            "END" => {
                let comp = stack.pop().expect("END without BEGIN");
                assert_eq!(
                    comp.kind, line.value,
                    "END:{} closes {}",
                    line.value, comp.kind
                );
                check_component(&comp);
                match stack.last_mut() {
                    Some(parent) => parent.subs.push(comp),
                    None => {
                        assert!(done.is_none(), "two calendars in one file");
                        done = Some(comp);
                    }
                }
            }
            _ => stack
                .last_mut()
                .expect("a property outside any component")
                .lines
                .push(line),
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    let calendar = done.expect("a VCALENDAR");
    assert_eq!(calendar.kind, "VCALENDAR");
    calendar
}

/// 3.1: `name *(";" param) ":" value`, a name of letters, digits and
/// dashes, parameter values quoted where they must be, and no control
/// character but a tab in the value.
fn content_line(raw: &str) -> Line {
    let is_name =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let mut rest = raw;
    let end = rest
        .find([';', ':'])
        .unwrap_or_else(|| panic!("no colon: {raw:?}"));
    let name = &rest[..end];
    assert!(is_name(name), "a bad name in {raw:?}");
    rest = &rest[end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after
            .find('=')
            .unwrap_or_else(|| panic!("a bad parameter: {raw:?}"));
        let param = &after[..eq];
        assert!(is_name(param), "a bad parameter name in {raw:?}");
        let after = &after[eq + 1..];
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            let close = quoted.find('"').expect("a closing quote");
            (&quoted[..close], &quoted[close + 1..])
        } else {
            let stop = after
                .find([';', ':', ','])
                .expect("a value after parameters");
            assert!(!after[..stop].contains('"'), "a stray quote: {raw:?}");
            (&after[..stop], &after[stop..])
        };
        params.push((param.to_owned(), value.to_owned()));
        rest = tail;
    }
    let value = rest
        .strip_prefix(':')
        .unwrap_or_else(|| panic!("no colon: {raw:?}"));
    assert!(
        !value.chars().any(|c| c.is_control() && c != '\t'),
        "a control character in {raw:?}"
    );
    Line {
        name: name.to_owned(),
        params,
        value: value.to_owned(),
    }
}

/// What each component must and may have (RFC 5545 3.4, 3.6.1, 3.6.6;
/// RFC 7986 for NAME and REFRESH-INTERVAL; RFC 9074 for a UID in an
/// alarm), and that each value is of its type.
fn check_component(comp: &Comp) {
    let (once, required, subs): (&[&str], &[&str], &[&str]) = match comp.kind.as_str() {
        "VCALENDAR" => (
            &[
                "VERSION",
                "PRODID",
                "CALSCALE",
                "METHOD",
                "NAME",
                "X-WR-CALNAME",
                "REFRESH-INTERVAL",
                "X-PUBLISHED-TTL",
            ],
            &["VERSION", "PRODID"],
            &["VEVENT"],
        ),
        "VEVENT" => (
            &[
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
                "TRANSP",
                "CATEGORIES",
            ],
            &["UID", "DTSTAMP", "DTSTART", "SUMMARY"],
            &["VALARM"],
        ),
        // The crate gives every component a DTSTAMP; RFC 5545 has it in
        // events, and lets an alarm carry it as an IANA property.
        "VALARM" => (
            &["ACTION", "DESCRIPTION", "TRIGGER", "UID", "DTSTAMP"],
            &["ACTION", "DESCRIPTION", "TRIGGER"],
            &[],
        ),
        other => panic!("a component almen does not write: {other}"),
    };
    for line in &comp.lines {
        assert!(
            once.contains(&line.name.as_str()),
            "{} in {}",
            line.name,
            comp.kind
        );
        assert_eq!(
            comp.all(&line.name).len(),
            1,
            "{} twice in {}",
            line.name,
            comp.kind
        );
    }
    for name in required {
        comp.one(name);
    }
    for sub in &comp.subs {
        assert!(
            subs.contains(&sub.kind.as_str()),
            "{} in {}",
            sub.kind,
            comp.kind
        );
    }
    for line in &comp.lines {
        match line.name.as_str() {
            "SUMMARY" | "DESCRIPTION" | "NAME" | "X-WR-CALNAME" | "UID" | "PRODID" => {
                text_value(&line.value)
            }
            "CATEGORIES" => line.value.split(',').for_each(text_value),
            _ => {}
        }
    }
    match comp.kind.as_str() {
        "VCALENDAR" => {
            assert_eq!(comp.one("VERSION"), "2.0");
            assert_eq!(comp.one("CALSCALE"), "GREGORIAN");
            assert_eq!(comp.param("REFRESH-INTERVAL", "VALUE"), Some("DURATION"));
        }
        "VEVENT" => {
            let stamp = comp.one("DTSTAMP");
            assert!(
                NaiveDate::parse_from_str(&stamp[..8], "%Y%m%d").is_ok()
                    && stamp.len() == 16
                    && stamp.ends_with("T000000Z"),
                "DTSTAMP {stamp}"
            );
            assert_eq!(comp.param("DTSTART", "VALUE"), Some("DATE"), "all day");
            let start = date(comp.one("DTSTART"));
            if !comp.all("DTEND").is_empty() {
                assert_eq!(comp.param("DTEND", "VALUE"), Some("DATE"));
                assert_eq!(
                    date(comp.one("DTEND")),
                    start.succ_opt().unwrap(),
                    "one day"
                );
            }
            assert_eq!(comp.one("TRANSP"), "TRANSPARENT");
        }
        "VALARM" => {
            assert_eq!(comp.one("ACTION"), "DISPLAY");
            let trigger = comp.one("TRIGGER");
            let days = trigger
                .strip_prefix("-P")
                .and_then(|d| d.strip_suffix('D'))
                .unwrap_or_else(|| panic!("TRIGGER {trigger}"));
            assert!(days.parse::<u32>().is_ok(), "TRIGGER {trigger}");
        }
        _ => {}
    }
}

/// 3.3.11: a backslash only before `\`, `;`, `,`, `n` or `N`, and no bare
/// `;` or `,` in a single text.
fn text_value(value: &str) {
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => assert!(
                matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                "a bad escape in {value:?}"
            ),
            ';' | ',' => panic!("an unescaped {c:?} in {value:?}"),
            _ => {}
        }
    }
}

fn date(value: &str) -> NaiveDate {
    assert_eq!(value.len(), 8, "a DATE is 8 digits: {value}");
    NaiveDate::parse_from_str(value, "%Y%m%d").unwrap_or_else(|_| panic!("DATE {value}"))
}

// ---------------------------------------------------------------------------
// Read by an independent parser
// ---------------------------------------------------------------------------

/// An event as `calcard` reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    uid: String,
    start: NaiveDate,
    summary: String,
    description: String,
    categories: Vec<String>,
    /// Days before the start, where there is an alarm.
    alarm: Option<u32>,
}

/// The events of a calendar, after this file's strict reading, as
/// `calcard` reads them. calcard reads leniently (its strict mode, 0.3.14,
/// refuses every nested BEGIN, so no event can pass it); that it took in
/// every line the strict reading found is checked here instead.
fn events(text: &str) -> Vec<Event> {
    let ours = strict(text);
    let mut parser = Parser::new(text);
    let ical = match parser.entry() {
        Entry::ICalendar(ical) => ical,
        other => panic!("calcard: {other:?}"),
    };
    assert!(matches!(parser.entry(), Entry::Eof), "one calendar only");
    let vcalendar = &ical.components[0];
    assert_eq!(vcalendar.component_type, ICalendarComponentType::VCalendar);
    assert_eq!(vcalendar.entries.len(), ours.lines.len(), "{ours:?}");
    assert_eq!(
        vcalendar.component_ids.len(),
        ours.subs.len(),
        "every event"
    );
    for (id, our) in vcalendar.component_ids.iter().zip(&ours.subs) {
        let theirs = ical.component_by_id(*id).unwrap();
        assert_eq!(theirs.entries.len(), our.lines.len(), "{our:?}");
        for (id, our) in theirs.component_ids.iter().zip(&our.subs) {
            let alarm = ical.component_by_id(*id).unwrap();
            assert_eq!(alarm.entries.len(), our.lines.len(), "{our:?}");
        }
    }
    vcalendar
        .component_ids
        .iter()
        .map(|id| event(&ical, *id))
        .collect()
}

fn event(ical: &ICalendar, id: u32) -> Event {
    let comp = ical.component_by_id(id).unwrap();
    assert_eq!(comp.component_type, ICalendarComponentType::VEvent);
    let alarms: Vec<&ICalendarComponent> = ical.alarms_for_id(id).collect();
    assert!(alarms.len() <= 1, "at most one alarm: {alarms:?}");
    let alarm = alarms.first().map(|alarm| {
        match &alarm.property(&ICalendarProperty::Trigger).unwrap().values[0] {
            ICalendarValue::Duration(d) => {
                assert!(d.neg && d.weeks == 0 && d.hours == 0 && d.minutes == 0 && d.seconds == 0);
                d.days
            }
            other => panic!("TRIGGER {other:?}"),
        }
    });
    let start = match &comp.property(&ICalendarProperty::Dtstart).unwrap().values[0] {
        ICalendarValue::PartialDateTime(dt) => NaiveDate::from_ymd_opt(
            i32::from(dt.year.unwrap()),
            u32::from(dt.month.unwrap()),
            u32::from(dt.day.unwrap()),
        )
        .unwrap(),
        other => panic!("DTSTART {other:?}"),
    };
    Event {
        uid: comp.uid().unwrap().to_owned(),
        start,
        summary: text_of(comp, ICalendarProperty::Summary),
        description: text_of(comp, ICalendarProperty::Description),
        categories: comp
            .property(&ICalendarProperty::Categories)
            .unwrap()
            .values
            .iter()
            .map(|v| v.as_text().unwrap().to_owned())
            .collect(),
        alarm,
    }
}

fn text_of(comp: &ICalendarComponent, prop: ICalendarProperty) -> String {
    comp.property(&prop)
        .and_then(|e| e.values.first())
        .and_then(|v| v.as_text())
        .unwrap_or_else(|| panic!("{prop:?} is no text"))
        .to_owned()
}

/// The UID the README documents: the first 32 hex digits of the SHA-256
/// of the organisation (`cvr:…`, else `name:…`), checklist, item and kind,
/// each followed by U+001F, then `@almen`.
fn uid(organisation: &Value, checklist: &str, item: &str, kind: &str) -> String {
    let who = match organisation["cvr"].as_str() {
        Some(cvr) => format!("cvr:{cvr}"),
        None => format!("name:{}", str_field(organisation, "name")),
    };
    let mut hash = Sha256::new();
    for part in [who.as_str(), checklist, item, kind] {
        hash.update(part.as_bytes());
        hash.update([0x1f]);
    }
    let hex: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{hex}@almen")
}

/// Each item's `warn-days`, from the built-in checklists and the example's
/// own.
fn warn_days() -> BTreeMap<String, u32> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("checklists"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.push(root().join("examples/egne-krav.toml"));
    let mut warn = BTreeMap::new();
    for file in files {
        let doc: toml::Value = toml::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        for item in doc["item"].as_array().unwrap() {
            if let Some(days) = item.get("warn-days") {
                let id = item["id"].as_str().unwrap().to_owned();
                warn.insert(id, u32::try_from(days.as_integer().unwrap()).unwrap());
            }
        }
    }
    warn
}

/// What `check` says the calendar must hold: (UID, date, overdue, alarm
/// days) for each item's due date and each plan's.
fn expected(results: &[Value]) -> BTreeSet<(String, NaiveDate, bool, Option<u32>)> {
    let warn = warn_days();
    let mut expected = BTreeSet::new();
    for result in results {
        let as_of = day(str_field(result, "as_of"));
        let organisation = &result["organisation"];
        for item in array(result, "items") {
            let (id, checklist) = (str_field(item, "id"), str_field(item, "checklist"));
            if let Some(due) = item["due"].as_str().map(day) {
                let alarm = warn.get(id).copied();
                expected.insert((
                    uid(organisation, checklist, id, "due"),
                    due,
                    due < as_of,
                    alarm,
                ));
            }
            if let Some(due) = item["plan"]["due"].as_str().map(day) {
                expected.insert((
                    uid(organisation, checklist, id, "plan"),
                    due,
                    due < as_of,
                    None,
                ));
            }
        }
    }
    expected
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Holds a calendar to `check`'s result for the same input: one event per
/// deadline, on its date, with its UID; overdue ones said to be; an alarm
/// where the item has `warn-days`.
fn holds_to_check(ics: &str, args: &[&str], as_of: &str, overdue_word: &str) -> Vec<Event> {
    let events = events(ics);
    let seen: BTreeSet<(String, NaiveDate, bool, Option<u32>)> = events
        .iter()
        .map(|e| {
            let overdue = e.summary.starts_with(&format!("{overdue_word}: "));
            assert_eq!(
                overdue,
                e.categories.iter().any(|c| c == overdue_word),
                "the title and the categories agree: {e:?}"
            );
            (e.uid.clone(), e.start, overdue, e.alarm)
        })
        .collect();
    assert_eq!(seen.len(), events.len(), "no event twice: {events:#?}");
    assert_eq!(seen, expected(&results(args, as_of)));
    events
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn each_deadline_check_knows_is_one_event() {
    for example in ["examples/mangler.toml", "examples/almen.toml"] {
        let ics = calendar(&[example], AS_OF);
        let events = holds_to_check(&ics, &[example], AS_OF, "Overskredet");
        assert!(!events.is_empty(), "{example}");
    }
    // mangler.toml has a deadline of each kind: an item overdue, one
    // coming with an alarm, an overdue plan and a coming one.
    let events = events(&calendar(&["examples/mangler.toml"], AS_OF));
    let has = |f: &dyn Fn(&Event) -> bool| events.iter().any(f);
    assert!(has(&|e| e.summary.starts_with("Overskredet: STY-1 ")));
    assert!(has(
        &|e| e.summary.starts_with("Frist: EKS-1 ") && e.alarm == Some(60)
    ));
    assert!(has(&|e| e
        .summary
        .starts_with("Overskredet: handlingsplan OMV-4 ")));
    assert!(has(&|e| e.summary.starts_with("Handlingsplan: LAB-6F-1 ")));
}

#[test]
fn in_english_too() {
    let args = ["examples/mangler.toml", "--lang", "en"];
    let ics = calendar(&args, AS_OF);
    holds_to_check(&ics, &["examples/mangler.toml"], AS_OF, "Overdue");
    let events = events(&ics);
    assert!(events.iter().any(|e| e.summary.starts_with("Due: EKS-1 ")));
    assert!(
        events
            .iter()
            .any(|e| e.summary.starts_with("Action plan: LAB-6F-1 "))
    );
}

/// What to do, and on what basis, in the reader's language; the words of
/// the board's report for a deadline that has passed.
#[test]
fn each_event_says_what_to_do_and_why() {
    for (lang, todo, basis) in [
        ("da", "Det skal I gøre: ", "Grundlag: "),
        ("en", "What to do: ", "Basis: "),
    ] {
        let ics = calendar(&["examples/mangler.toml", "--lang", lang], AS_OF);
        for e in events(&ics) {
            assert!(
                e.description.starts_with("Boligselskabet Fjordglimt\n"),
                "{e:?}"
            );
            assert!(e.description.contains(todo), "{e:?}");
            assert!(e.description.contains(basis), "{e:?}");
            assert!(e.summary.ends_with(" – Boligselskabet Fjordglimt"), "{e:?}");
        }
    }
    let events = events(&calendar(&["examples/mangler.toml"], AS_OF));
    let sty = events.iter().find(|e| e.summary.contains("STY-1")).unwrap();
    assert!(
        sty.description
            .contains("Afventer kommunalbestyrelsen (anmodet 15. oktober 2025)"),
        "{sty:?}"
    );
    assert!(
        sty.description.contains("Grundlag: God Almen Ledelse"),
        "{sty:?}"
    );
}

#[test]
fn the_same_input_twice_is_the_same_bytes() {
    let first = calendar(&["examples/mangler.toml"], AS_OF);
    let second = calendar(&["examples/mangler.toml"], AS_OF);
    assert_eq!(first, second);
    // The as-of date is the only time in it.
    assert!(first.contains("DTSTAMP:20261127T000000Z\r\n"));
}

/// A UID never holds a date: as of another day, or after the item was
/// done again, each deadline keeps its event, and only its date moves.
#[test]
fn a_deadline_that_moves_keeps_its_uid() {
    let uids = |ics: &str| -> BTreeMap<String, NaiveDate> {
        events(ics).into_iter().map(|e| (e.uid, e.start)).collect()
    };
    let now = uids(&calendar(&["examples/almen.toml"], AS_OF));
    let later = calendar(&["examples/almen.toml"], "2028-03-01");
    holds_to_check(
        &later,
        &["examples/almen.toml"],
        "2028-03-01",
        "Overskredet",
    );
    assert_eq!(now, uids(&later), "the same events on the same days");

    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    let file = dir.path().join("almen.toml");
    let text = fs::read_to_string(&file).unwrap();
    let meeting = "date = 2026-10-08            # mødedatoen";
    let done_again = text.replacen(meeting, "date = 2025-10-01            # mødedatoen", 1);
    assert_ne!(text, done_again, "the example's STY-1 date");
    fs::write(&file, done_again).unwrap();
    let path = file.to_str().unwrap();
    let moved = uids(&calendar_in(dir.path(), &[path], AS_OF).1);
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        moved.keys().collect::<Vec<_>>()
    );
    let changed: Vec<_> = now
        .iter()
        .filter(|(uid, date)| moved[*uid] != **date)
        .collect();
    assert_eq!(changed.len(), 1, "one deadline moved: {changed:?}");
}

#[test]
fn several_assessments_give_one_calendar_naming_each_organisation() {
    let both = ["examples/almen.toml", "examples/mangler.toml"];
    let ics = calendar(&both, AS_OF);
    let events = holds_to_check(&ics, &both, AS_OF, "Overskredet");
    for name in ["Boligforeningen Havbakken", "Boligselskabet Fjordglimt"] {
        let theirs: Vec<_> = events
            .iter()
            .filter(|e| e.summary.ends_with(&format!(" – {name}")))
            .collect();
        assert!(!theirs.is_empty(), "{name}");
        assert!(
            theirs
                .iter()
                .all(|e| e.description.starts_with(&format!("{name}\n")))
        );
    }
    assert!(
        ics.contains("\r\nNAME:almen: 2 organisationer\r\n"),
        "{ics}"
    );
    // In date order, whichever order the files were given in.
    assert_eq!(
        ics,
        calendar(&["examples/mangler.toml", "examples/almen.toml"], AS_OF)
    );
    let dates: Vec<NaiveDate> = events.iter().map(|e| e.start).collect();
    assert!(dates.is_sorted(), "{dates:?}");

    // A folder of them: the same calendar.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("indsendelser");
    copy_dir(&root().join("examples"), &folder);
    // The two organisations only: not last year's, nor the municipality's.
    fs::remove_dir_all(folder.join("kommune")).unwrap();
    fs::remove_file(folder.join("sidste-aar.toml")).unwrap();
    fs::remove_file(folder.join("to-kommuner.toml")).unwrap();
    let (said, from_folder) = calendar_in(dir.path(), &[folder.to_str().unwrap()], AS_OF);
    assert_eq!(events.len(), self::events(&from_folder).len());
    assert_eq!(
        said,
        format!(
            "Skrev {} ({} frister)\n",
            dir.path().join("almen.ics").display(),
            events.len()
        )
    );
}

/// Two assessments of one organisation (last year's and this year's, in
/// one folder) each keep their events: none takes another's UID.
#[test]
fn two_assessments_of_one_organisation_keep_every_event() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    let this = dir.path().join("almen.toml");
    let last = dir.path().join("almen-2025.toml");
    let text = fs::read_to_string(&this).unwrap();
    let meeting = "date = 2026-10-08            # mødedatoen";
    assert!(text.contains(meeting), "the example's STY-1 date");
    fs::write(
        &last,
        text.replacen(meeting, "date = 2025-10-01            # mødedatoen", 1),
    )
    .unwrap();
    let (this, last) = (this.to_str().unwrap(), last.to_str().unwrap());
    let one = events(&calendar(&[this], AS_OF)).len();
    let events = events(&calendar(&[this, last], AS_OF));
    assert_eq!(events.len(), 2 * one);
    let uids: BTreeSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(uids.len(), events.len(), "{events:#?}");
    // The same file twice is one set of events.
    assert_eq!(self::events(&calendar(&[this, this], AS_OF)).len(), one);
}

#[test]
fn nothing_recurring_and_no_plans_is_an_empty_calendar_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("almen.toml");
    fs::write(
        &file,
        r#"format = 1

[organisation]
name = "Vandværkets Boligforening"

[assessment]
checklists = ["forbrugervalg-til-vandselskaber"]
date = 2026-11-01

[answers.VAND-1]
status = "met"
evidence = ["https://eksempel.dk/vand"]
"#,
    )
    .unwrap();
    let out = dir.path().join("frister.ics");
    let said = crate::succeeds({
        let mut cmd = almen_in(dir.path());
        cmd.args([
            "calendar",
            "almen.toml",
            "-o",
            "frister.ics",
            "--as-of",
            AS_OF,
        ]);
        cmd
    });
    assert_eq!(
        said,
        "Ingen frister: skrev frister.ics uden begivenheder (intet tilbagevendende punkt har en dato, og ingen handlingsplan har en frist)\n"
    );
    let ics = fs::read_to_string(&out).unwrap();
    assert!(events(&ics).is_empty());
    assert!(!ics.contains("VEVENT"), "{ics}");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
}

/// Files that could not be checked: every problem, with its place, and
/// exit 2; no calendar is written, and an earlier one stays as it was, so
/// that no organisation's deadlines drop out of a calendar unnoticed.
#[test]
fn a_file_that_cannot_be_checked_stops_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("indsendelser");
    copy_dir(&root().join("examples"), &folder);
    for bad in ["malformed.toml", "unknown-key.toml"] {
        fs::copy(crate::invalid_dir().join(bad), folder.join(bad)).unwrap();
    }
    let out = dir.path().join("almen.ics");
    fs::write(&out, "last week's calendar").unwrap();
    let mut cmd = almen_in(dir.path());
    cmd.args([
        "calendar",
        "indsendelser",
        "-o",
        "almen.ics",
        "--as-of",
        AS_OF,
    ]);
    let assert = cmd.assert().code(2).stdout("");
    let stderr = stderr_of(&assert);
    for needle in [
        "fejl[E004]",
        "indsendelser/malformed.toml:5:",
        "fejl[E005]",
        "indsendelser/unknown-key.toml:",
    ] {
        assert!(stderr.contains(needle), "lacks {needle}:\n{stderr}");
    }
    assert_eq!(fs::read_to_string(&out).unwrap(), "last week's calendar");
}

#[test]
fn the_output_is_replaced_but_never_an_input_nor_a_special_file() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), dir.path());
    let run = |out: &str| {
        let mut cmd = almen_in(dir.path());
        cmd.args(["calendar", "almen.toml", "-o", out, "--as-of", AS_OF]);
        cmd
    };
    // An existing calendar is replaced.
    fs::write(dir.path().join("almen.ics"), "old").unwrap();
    run("almen.ics").assert().code(0);
    let ics = fs::read_to_string(dir.path().join("almen.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    // Never the assessment or its checklist, never a folder.
    for input in ["almen.toml", "dokumentation"] {
        let before = crate::text(&fs::read(dir.path().join("almen.toml")).unwrap());
        crate::fails(run(input), &["fejl[E018]", input]);
        assert_eq!(
            before,
            fs::read_to_string(dir.path().join("almen.toml")).unwrap()
        );
    }
    let mut own = almen_in(dir.path());
    own.args([
        "calendar",
        "mangler.toml",
        "-o",
        "egne-krav.toml",
        "--as-of",
        AS_OF,
    ]);
    crate::fails(own, &["fejl[E018]", "egne-krav.toml"]);
    // A folder that cannot be made: a file is in the way.
    crate::fails(run("mangler.toml/almen.ics"), &["fejl[E019]"]);
}

#[cfg(unix)]
#[test]
fn a_device_is_never_replaced() {
    let mut cmd = almen();
    cmd.args([
        "calendar",
        "examples/almen.toml",
        "-o",
        "/dev/null",
        "--as-of",
        AS_OF,
    ]);
    crate::fails(cmd, &["fejl[E018]", "/dev/null"]);
}

#[test]
fn without_o_the_calendar_goes_to_standard_output() {
    let mut cmd = almen();
    cmd.args(["calendar", "examples/mangler.toml", "--as-of", AS_OF]);
    let stdout = crate::succeeds(cmd);
    assert_eq!(stdout, calendar(&["examples/mangler.toml"], AS_OF));
}

#[test]
fn to_a_terminal_writes_nothing_and_says_how() {
    let args = "calendar examples/almen.toml --as-of 2026-11-27 --color never";
    let (code, seen) = crate::in_a_terminal(args);
    assert_eq!(code, Some(2), "{seen}");
    assert!(seen.contains("E024"), "{seen}");
    assert!(seen.contains("-o almen.ics"), "{seen}");
    assert!(!seen.contains("BEGIN:VCALENDAR"), "{seen}");
}

/// A user's text in a calendar: long and Danish (folded between
/// characters, never inside one), with commas, semicolons, backslashes and
/// line breaks (escaped), and control characters (shown, never obeyed).
#[test]
fn user_text_is_folded_escaped_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let name = "Æblehavens Almennyttige Boligselskab, afd. Øster; Åbyhøj \\ Ærø – ælle bælle";
    let action = "Vedtag politikken\nog send den til kommunen, revisor; m.fl.\u{1b}[31m";
    fs::write(
        dir.path().join("almen.toml"),
        format!(
            r#"format = 1

[organisation]
name = "{}"

[assessment]
checklists = ["samarbejde-med-omverdenen"]
date = 2026-11-01

[answers.OMV-5]
status = "partial"
explanation = "Politikken er under udarbejdelse i bestyrelsen i år."
plan = {{ action = "{}", owner = "Direktionen", due = 2027-03-01 }}
"#,
            name.replace('\\', "\\\\"),
            action.replace('\n', "\\n").replace('\u{1b}', "\\u001b"),
        ),
    )
    .unwrap();
    let (_, ics) = calendar_in(
        dir.path(),
        &[dir.path().join("almen.toml").to_str().unwrap()],
        AS_OF,
    );
    let events = events(&ics);
    let [plan] = events.as_slice() else {
        panic!("{events:#?}")
    };
    assert_eq!(
        plan.summary,
        format!(
            "Handlingsplan: OMV-5 Vedtag politikken\\nog send den til kommunen, revisor; m.fl.\\u{{1b}}[31m – {name}"
        )
    );
    assert!(
        plan.description.starts_with(&format!("{name}\n")),
        "{plan:?}"
    );
    assert!(
        plan.description.contains(
            "Handlingsplan: Vedtag politikken\nog send den til kommunen, revisor; m.fl.\\u{1b}[31m."
        ),
        "{plan:?}"
    );
    assert!(!ics.contains('\u{1b}'));
    // Folded: some line is at the limit, and a continuation starts inside
    // a word.
    assert!(ics.split("\r\n").any(|l| l.len() >= 73), "{ics}");
}

#[test]
fn snapshot_of_mangler() {
    let ics = calendar(&["examples/mangler.toml"], AS_OF);
    // The lines end in CRLF (held above); the snapshot shows them as lines.
    insta::assert_snapshot!("calendar_mangler_da", ics.replace("\r\n", "\n"));
}

/// An answer that runs out (`valid-until`) is a deadline of its own, with
/// a reminder 60 days before where the item sets no `warn-days`, and its
/// own UID; once past, it says it expired.
#[test]
fn an_agreement_that_runs_out_is_an_event() {
    let dir = tempfile::tempdir().unwrap();
    let text = |until: &str| {
        format!(
            "format = 1\n[organisation]\nname = \"Boligforeningen Aftalen\"\ncvr = \"10203040\"\n\
             [assessment]\nchecklists = [\"samarbejde-med-omverdenen\"]\n\
             [answers.LAB-6F-1]\nstatus = \"met\"\ndate = 2022-08-01\nvalid-until = {until}\n\
             evidence = [\"https://aftalen.example/udlejningsaftale.pdf\"]\n"
        )
    };
    let file = dir.path().join("almen.toml");
    let file = file.to_str().unwrap();
    fs::write(file, text("2027-01-15")).unwrap();
    let (_, ics) = calendar_in(dir.path(), &[file], AS_OF);
    let soon: Vec<Event> = events(&ics)
        .into_iter()
        .filter(|e| e.summary.contains("LAB-6F-1"))
        .collect();
    assert_eq!(soon.len(), 1, "{ics}");
    assert_eq!(soon[0].start, NaiveDate::from_ymd_opt(2027, 1, 15).unwrap());
    assert!(soon[0].summary.starts_with("Udløber: LAB-6F-1"), "{soon:?}");
    assert_eq!(soon[0].alarm, Some(60));
    assert!(soon[0].categories.contains(&"Udløb".to_owned()), "{soon:?}");

    // Run out: the same event (same UID), now saying so.
    fs::write(file, text("2026-08-01")).unwrap();
    let (_, ics) = calendar_in(dir.path(), &[file], AS_OF);
    let past: Vec<Event> = events(&ics)
        .into_iter()
        .filter(|e| e.summary.contains("LAB-6F-1"))
        .collect();
    assert_eq!(past.len(), 1, "{ics}");
    assert_eq!(past[0].uid, soon[0].uid);
    assert!(past[0].summary.starts_with("Udløbet: LAB-6F-1"), "{past:?}");
    assert!(
        past[0]
            .description
            .contains("Udløbet: gyldig til 1. august 2026"),
        "{past:?}"
    );
}
