//! An assessment of the plain shape, read straight from the TOML parser's
//! events into the model: the shape `almen init` writes and nearly every
//! assessment keeps (`format`, `[organisation]`, `[assessment]` and one
//! `[answers.ID]` table per answer, with strings, dates and arrays of
//! strings, and a plan as an inline table).
//!
//! A folder of thousands of assessments spends most of its time reading
//! them. The general way ([`super::parse`]) builds the document as a tree
//! of tables and hands it to serde, which copies every value again; here
//! each value is decoded once, into the field it belongs to.
//!
//! Anything else gives up (`None`) and the file is read the general way,
//! which finds and words every problem: a syntax error, a key or a table
//! written twice, a dotted key, an unknown field, a value of another type,
//! a status or a date that is not one, a template placeholder, `per` and
//! `municipalities`. So this reader never has a diagnostic of its own to
//! make, and what it returns is what the general way returns for the same
//! text (the tests hold the two to that).

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use toml::Spanned;
use toml_parser::decoder::ScalarKind;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

use super::placeholder;
use crate::model::{
    Answer, AssessmentFile, AssessmentMeta, Date, FORMAT, Organisation, Plan, Status,
};

/// The deepest nesting the parser takes, as `toml` sets it.
const NESTING: u32 = 80;

/// The assessment in `text`, when it has the plain shape and nothing in it
/// the general reader would say anything about; `None` otherwise.
pub(super) fn assessment(text: &str) -> Option<AssessmentFile> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events: Vec<Event> = Vec::with_capacity(tokens.len());
    let mut error: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(&mut events, source);
        let mut guard = RecursionGuard::new(&mut whitespace, NESTING);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut error);
    }
    if error.is_some() {
        return None;
    }
    let mut reader = Reader {
        source,
        events: events.iter(),
    };
    reader.document()
}

/// The table a key-value line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Root,
    Organisation,
    Assessment,
    Answer,
}

/// What has been read so far of each part of the file.
#[derive(Default)]
struct Parts {
    format: Option<Spanned<u32>>,
    organisation: Option<OrganisationParts>,
    assessment: Option<AssessmentParts>,
    answers: BTreeMap<Spanned<String>, Answer>,
}

#[derive(Default)]
struct OrganisationParts {
    name: Option<String>,
    cvr: Option<String>,
    municipality: Option<String>,
}

#[derive(Default)]
struct AssessmentParts {
    checklists: Option<Vec<Spanned<String>>>,
    date: Option<Spanned<Date>>,
    approved: Option<Spanned<Date>>,
}

/// The answer being read: its id, its fields, and which of them were
/// written (a field written twice is a duplicate key).
struct AnswerParts {
    id: Spanned<String>,
    answer: Answer,
    seen: Seen,
}

/// The fields of a table that have been written, by name.
#[derive(Default)]
struct Seen(Vec<&'static str>);

impl Seen {
    /// Notes `field` written; `None` when it was written before.
    fn first(&mut self, field: &'static str) -> Option<()> {
        if self.0.contains(&field) {
            return None;
        }
        self.0.push(field);
        Some(())
    }
}

struct Reader<'e, 'i> {
    source: Source<'i>,
    events: std::slice::Iter<'e, Event>,
}

impl<'i> Reader<'_, 'i> {
    /// The next event that is not whitespace, a comment or a line end.
    fn next(&mut self) -> Option<Event> {
        self.events
            .find(|e| {
                !matches!(
                    e.kind(),
                    EventKind::Whitespace | EventKind::Comment | EventKind::Newline
                )
            })
            .copied()
    }

    /// The next event, when it is of `kind`.
    fn expect(&mut self, kind: EventKind) -> Option<Event> {
        self.next().filter(|e| e.kind() == kind)
    }

    fn document(&mut self) -> Option<AssessmentFile> {
        let mut parts = Parts::default();
        let mut table = Table::Root;
        let mut answer: Option<AnswerParts> = None;
        let mut seen_tables: Vec<&'static str> = Vec::new();
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::StdTableOpen => {
                    if let Some(done) = answer.take() {
                        finish_answer(&mut parts, done)?;
                    }
                    let first = self.expect(EventKind::SimpleKey)?;
                    let first = self.key(first)?;
                    let after = self.next()?;
                    match (first.get_ref().as_ref(), after.kind()) {
                        ("organisation", EventKind::StdTableClose) => {
                            once(&mut seen_tables, "organisation")?;
                            parts.organisation = Some(OrganisationParts::default());
                            table = Table::Organisation;
                        }
                        ("assessment", EventKind::StdTableClose) => {
                            once(&mut seen_tables, "assessment")?;
                            parts.assessment = Some(AssessmentParts::default());
                            table = Table::Assessment;
                        }
                        ("answers", EventKind::KeySep) => {
                            let id = self.expect(EventKind::SimpleKey)?;
                            let id = self.key(id)?;
                            let span = id.span();
                            let id = Spanned::new(span, id.into_inner().into_owned());
                            self.expect(EventKind::StdTableClose)?;
                            if parts.answers.contains_key(&id) {
                                return None;
                            }
                            answer = Some(AnswerParts {
                                id,
                                answer: empty_answer(),
                                seen: Seen::default(),
                            });
                            table = Table::Answer;
                        }
                        _ => return None,
                    }
                }
                EventKind::SimpleKey => {
                    let key = self.key(event)?;
                    self.expect(EventKind::KeyValSep)?;
                    let key = key.get_ref().as_ref();
                    match table {
                        Table::Root => {
                            if key != "format" || parts.format.is_some() {
                                return None;
                            }
                            parts.format = Some(self.format()?);
                        }
                        Table::Organisation => {
                            let o = parts.organisation.as_mut()?;
                            let field = match key {
                                "name" => &mut o.name,
                                "cvr" => &mut o.cvr,
                                "municipality" => &mut o.municipality,
                                _ => return None,
                            };
                            if field.is_some() {
                                return None;
                            }
                            *field = Some(self.string()?.into_inner());
                        }
                        Table::Assessment => {
                            let a = parts.assessment.as_mut()?;
                            match key {
                                "checklists" if a.checklists.is_none() => {
                                    a.checklists = Some(self.strings(false)?.into_inner());
                                }
                                "date" if a.date.is_none() => a.date = Some(self.date()?),
                                "approved" if a.approved.is_none() => {
                                    a.approved = Some(self.date()?);
                                }
                                _ => return None,
                            }
                        }
                        Table::Answer => {
                            let current = answer.as_mut()?;
                            self.answer_field(current, key)?;
                        }
                    }
                }
                _ => return None,
            }
        }
        if let Some(done) = answer.take() {
            finish_answer(&mut parts, done)?;
        }
        let organisation = parts.organisation?;
        let assessment = parts.assessment?;
        Some(AssessmentFile {
            format: parts.format?,
            organisation: Organisation {
                name: organisation.name?,
                cvr: organisation.cvr,
                municipality: organisation.municipality,
                municipalities: None,
            },
            assessment: AssessmentMeta {
                checklists: assessment.checklists?,
                date: assessment.date,
                approved: assessment.approved,
            },
            answers: parts.answers,
        })
    }

    /// One `key = value` line of an answer's table.
    fn answer_field(&mut self, current: &mut AnswerParts, key: &str) -> Option<()> {
        let a = &mut current.answer;
        let field = match key {
            "status" => {
                let word = self.string()?;
                let span = word.span();
                a.status = Some(Spanned::new(span, Status::from_word(word.get_ref())?));
                "status"
            }
            "date" => {
                a.date = Some(self.date()?);
                "date"
            }
            "evidence" => {
                a.evidence = self.strings(true)?.into_inner();
                "evidence"
            }
            "note" => {
                a.note = Some(self.string()?.into_inner());
                "note"
            }
            "explanation" => {
                a.explanation = Some(self.string()?);
                "explanation"
            }
            "plan" => {
                a.plan = Some(self.plan()?);
                "plan"
            }
            "requested" => {
                a.requested = Some(self.date()?);
                "requested"
            }
            "valid-until" => {
                a.valid_until = Some(self.date()?);
                "valid-until"
            }
            _ => return None,
        };
        current.seen.first(field)
    }

    /// A key, decoded (borrowed from the text where it is written as it
    /// reads), where its span is.
    fn key(&self, event: Event) -> Option<Spanned<Cow<'i, str>>> {
        let span = event.span();
        let raw = self.source.get(event)?;
        // A bare key of the characters every version of TOML allows in one
        // is its own text (what decoding it would give).
        let bare = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_');
        if event.encoding().is_none() && !raw.is_empty() && raw.as_bytes().iter().all(bare) {
            let key = Cow::Borrowed(raw.as_str());
            return Some(Spanned::new(span.start()..span.end(), key));
        }
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        raw.decode_key(&mut decoded, &mut error);
        if error.is_some() {
            return None;
        }
        Some(Spanned::new(span.start()..span.end(), decoded))
    }

    /// The next value, a scalar: its kind and its decoded text.
    fn scalar(&mut self, event: Event) -> Option<(ScalarKind, Spanned<Cow<'i, str>>)> {
        if event.kind() != EventKind::Scalar {
            return None;
        }
        let span = event.span();
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut decoded, &mut error);
        if error.is_some() {
            return None;
        }
        Some((kind, Spanned::new(span.start()..span.end(), decoded)))
    }

    /// `format = 1`, written as the digit.
    fn format(&mut self) -> Option<Spanned<u32>> {
        let event = self.next()?;
        let (kind, text) = self.scalar(event)?;
        let ScalarKind::Integer(radix) = kind else {
            return None;
        };
        if radix.value() != 10 || text.get_ref().as_ref() != "1" {
            return None;
        }
        Some(Spanned::new(text.span(), FORMAT))
    }

    /// A string that is not one of the template's placeholders.
    fn string(&mut self) -> Option<Spanned<String>> {
        let event = self.next()?;
        self.string_of(event, false)
    }

    /// [`Reader::string`] of `event`, an entry of `evidence` or not.
    fn string_of(&mut self, event: Event, evidence: bool) -> Option<Spanned<String>> {
        let (kind, text) = self.scalar(event)?;
        if !matches!(kind, ScalarKind::String) {
            return None;
        }
        let value = text.get_ref();
        let evidence = evidence && placeholder::is_evidence(value);
        if placeholder::is_name(value) || placeholder::is_date(value) || evidence {
            return None;
        }
        let span = text.span();
        Some(Spanned::new(span, text.into_inner().into_owned()))
    }

    /// An array of strings (evidence entries or not), spanned from its `[`
    /// to its `]`.
    fn strings(&mut self, evidence: bool) -> Option<Spanned<Vec<Spanned<String>>>> {
        let open = self.expect(EventKind::ArrayOpen)?;
        let mut values = Vec::new();
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::ArrayClose => {
                    let span = open.span().start()..event.span().end();
                    return Some(Spanned::new(span, values));
                }
                EventKind::ValueSep => {}
                _ => values.push(self.string_of(event, evidence)?),
            }
        }
    }

    /// A date written as a TOML date, nothing more: as `toml` reads the
    /// datetime and [`Date`] takes it.
    fn date(&mut self) -> Option<Spanned<Date>> {
        let event = self.next()?;
        let (kind, text) = self.scalar(event)?;
        if !matches!(kind, ScalarKind::DateTime) {
            return None;
        }
        let datetime: toml::value::Datetime = text.get_ref().parse().ok()?;
        let (Some(d), None, None) = (datetime.date, datetime.time, datetime.offset) else {
            return None;
        };
        let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())?;
        Some(Spanned::new(text.span(), Date(date)))
    }

    /// `plan = { action = "…", owner = "…", due = 2027-01-01 }`, spanned
    /// from its `{` to its `}`.
    fn plan(&mut self) -> Option<Spanned<Plan>> {
        let open = self.expect(EventKind::InlineTableOpen)?;
        let (mut action, mut owner, mut due) = (None, None, None);
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::InlineTableClose => {
                    let span = open.span().start()..event.span().end();
                    let plan = Plan {
                        action: action?,
                        owner,
                        due,
                    };
                    return Some(Spanned::new(span, plan));
                }
                EventKind::ValueSep => {}
                EventKind::SimpleKey => {
                    let key = self.key(event)?;
                    self.expect(EventKind::KeyValSep)?;
                    let key = key.get_ref().as_ref();
                    match key {
                        "action" if action.is_none() => {
                            action = Some(self.string()?.into_inner());
                        }
                        "owner" if owner.is_none() => {
                            owner = Some(self.string()?.into_inner());
                        }
                        "due" if due.is_none() => due = Some(self.date()?),
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }
}

/// Notes a table header read; `None` when it was read before.
fn once(seen: &mut Vec<&'static str>, table: &'static str) -> Option<()> {
    if seen.contains(&table) {
        return None;
    }
    seen.push(table);
    Some(())
}

fn empty_answer() -> Answer {
    Answer {
        status: None,
        date: None,
        evidence: Vec::new(),
        note: None,
        explanation: None,
        plan: None,
        requested: None,
        valid_until: None,
        per: Vec::new(),
    }
}

fn finish_answer(parts: &mut Parts, done: AnswerParts) -> Option<()> {
    match parts.answers.insert(done.id, done.answer) {
        None => Some(()),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use toml::de::DeTable;

    use super::super::{FileKind, parse};
    use super::*;
    use crate::lang::Lang;

    /// What the general reader makes of `text`: the assessment, when it
    /// has nothing to say about it.
    fn general(text: &str) -> Option<AssessmentFile> {
        let mut diags = Vec::new();
        let file = parse::parsed::<AssessmentFile>(
            "a.toml",
            text,
            Lang::En,
            0,
            FileKind::Assessment,
            DeTable::parse_recoverable(text),
            &mut diags,
        );
        file.filter(|_| diags.is_empty())
    }

    /// Whenever this reader reads a text, the general reader reads the
    /// same assessment from it, spans and all, with nothing to say.
    fn agrees(text: &str) -> bool {
        let Some(plain) = assessment(text) else {
            return false;
        };
        let Some(general) = general(text) else {
            panic!("read plainly, but the general reader has something to say:\n{text}");
        };
        assert_eq!(format!("{plain:#?}"), format!("{general:#?}"), "{text}");
        true
    }

    /// Every assessment among the examples and the test files.
    fn written() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        let mut folders = vec![root.join("examples"), root.join("tests/fixtures")];
        while let Some(folder) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "toml")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    texts.push(text);
                }
            }
        }
        texts
    }

    #[test]
    fn the_examples_are_read_plainly_and_as_the_general_reader_reads_them() {
        let texts = written();
        let plain = texts.iter().filter(|t| agrees(t)).count();
        // The examples of one municipality and the fixtures that are
        // plain: the reader is used, not passed over every time.
        assert!(plain >= 5, "only {plain} of {} read plainly", texts.len());
        for example in ["almen.toml", "mangler.toml", "sidste-aar.toml"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples")
                .join(example);
            let text = std::fs::read_to_string(path).unwrap();
            assert!(assessment(&text).is_some(), "{example}");
        }
    }

    #[test]
    fn what_the_general_reader_has_something_to_say_about_is_left_to_it() {
        let head = "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"c\"]\n";
        let plain = format!("{head}[answers.A]\nstatus = \"met\"\n");
        assert!(agrees(&plain));
        // Every field this reader reads, in every way it may be written.
        let every = r#"format = 1 # comment
[organisation]
name = 'Boligselskabet \u00e6'
cvr = "12345678"
"municipality" = "K\u00f8ge Kommune"
[answers."B 2"]
status = "Følger delvist"
date = 2026-01-02
explanation = """
Bestyrelsen har valgt en anden løsning."""
plan = { action = "Gør det", owner = "Direktionen", due = 2027-01-01 }
requested = 2026-03-04
valid-until = 2027-05-06
[assessment]
checklists = [ "c", 'd.toml', ]
date = 2026-11-01
approved = 2026-11-20
[answers.A]
evidence = [
  "a.pdf", # first
  "https://x.dk"
]
note = "n"
status = "met"
"#;
        assert!(agrees(every), "{every}");
        for tail in [
            "[answers.A]\nstatus = \"met\"\n[answers.A]\nstatus = \"met\"\n",
            "[answers.A]\nstatus = \"met\"\nstatus = \"met\"\n",
            "[answers.A]\nstatus = \"done\"\n",
            "[answers.A]\nstatus = 1\n",
            "[answers.A]\nstatus = \"met\"\nnotes = \"x\"\n",
            "[answers.A]\nstatus = \"met\"\ndate = \"2026-01-01\"\n",
            "[answers.A]\nstatus = \"met\"\ndate = 2026-02-30\n",
            "[answers.A]\nstatus = \"met\"\ndate = 2026-01-01T10:00:00\n",
            "[answers.A]\nstatus = \"met\"\ndate = ÅÅÅÅ-MM-DD\n",
            "[answers.A]\nstatus = \"met\"\nnote = \"YYYY-MM-DD\"\n",
            "[answers.A]\nstatus = \"met\"\nevidence = [\"sti/til/dokument.pdf\"]\n",
            "[answers.A]\nstatus = \"met\"\nevidence = \"a.pdf\"\n",
            "[answers.A]\nstatus = \"met\"\nplan = { owner = \"x\" }\n",
            "[answers.A]\nstatus = \"met\"\nplan.action = \"x\"\n",
            "[answers.A]\nstatus = \"met\"\n[answers.A.plan]\naction = \"x\"\n",
            "[[answers.A.per]]\nmunicipality = \"K\"\nstatus = \"met\"\n",
            "[answers]\nA = { status = \"met\" }\n",
            "[answers.A]\nstatus = \"met\"\n[organisation]\nname = \"Y\"\n",
            "[answers.A]\nstatus = \"met\" x\n",
            "[answers.A]\nstatus = \"met\"\r\n\u{7}\n",
            "[source]\n",
        ] {
            let text = format!("{head}{tail}");
            assert!(assessment(&text).is_none(), "{text}");
        }
        for text in [
            plain.replace("format = 1", "format = 2"),
            plain.replace("format = 1", "format = 0x1"),
            plain.replace("name = \"X\"", "name = \"Boligorganisationens navn\""),
            plain.replace("name = \"X\"\n", ""),
            plain.replace("checklists = [\"c\"]\n", ""),
            plain.replace("[organisation]\nname = \"X\"\n", ""),
            plain.replace("name = \"X\"", "name = \"X\"\nmunicipalities = [\"K\"]"),
        ] {
            assert!(assessment(&text).is_none(), "{text}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// An example with one edit anywhere in it: the two readers never
        /// read it differently.
        #[test]
        fn an_edited_example_is_read_plainly_only_as_the_general_reader_reads_it(
            which in 0usize..3,
            at in 0usize..4096,
            edit in prop::sample::select(vec![
                "", "\"", "'", ".", "[", "]", "=", "\n", "#", "\\", "1", " ", "-", "{", "}",
                ",", "x", "\u{0}", "é", "\"\"\"", "[answers.A]\n", "status = \"met\"\n",
                "date = 2026-01-01\n", "\r\n", "\t", "name = \"Y\"\n",
            ]),
            cut in 0usize..3,
        ) {
            let example = ["almen.toml", "mangler.toml", "sidste-aar.toml"][which];
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example);
            let text = std::fs::read_to_string(path).unwrap();
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let edited = format!("{}{edit}{}", &text[..at], &text[end..]);
            agrees(&edited);
        }
    }
}
