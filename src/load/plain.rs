//! Assessments and checklists of the plain shape, read straight from the
//! TOML parser's events into the model. An assessment's is the shape
//! `almen init` writes and nearly every assessment keeps: `format`,
//! `[organisation]`, `[assessment]` and one `[answers.ID]` table per
//! answer, with strings, dates and arrays of strings, and a plan as an
//! inline table. A checklist's is the built-in checklists': `format`, `id`,
//! `version` and `title`, `[source]`, and `[[item]]` tables, each text an
//! inline table (`title = { da = "…" }`) or dotted keys (`title.da = "…"`).
//!
//! A folder of thousands of assessments spends most of its time reading
//! them, and a checklist of thousands of items most of its memory. The
//! general way ([`super::parse`]) builds the document as a tree of tables
//! and hands it to serde, which copies every value again; here each value
//! is decoded once, into the field it belongs to.
//!
//! Anything else gives up (`None`) and the file is read the general way:
//! a shape this reader does not take (`per`, `municipalities`, a text or
//! a plan written as a table of its own, a dotted key elsewhere), and
//! every problem, which the general way finds and words: a syntax error, a
//! key or a table written twice, an unknown field, a value of another
//! type, a status, a date or a number that is not one, a template
//! placeholder in an assessment. So this reader never has a diagnostic of
//! its own to make, and what it returns is what the general way returns
//! for the same text (the tests hold the two to that). A file it gives up
//! on is lexed and parsed again the general way; nearly every file is
//! plain.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::btree_map::Entry;

use toml::Spanned;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::{Token, TokenKind};
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

use super::placeholder;
use crate::model::{
    Answer, AssessmentFile, AssessmentMeta, ChecklistFile, Date, Every, FORMAT, Item, Kind,
    Organisation, Plan, Status, Text, TextList, calendar_day, plain_date,
};

/// The deepest nesting the parser takes, as `toml` sets it.
const NESTING: u32 = 80;

/// The assessment in `text`, when it has the plain shape and nothing in it
/// the general reader would say anything about; `None` otherwise.
pub(super) fn assessment(text: &str) -> Option<AssessmentFile> {
    assessment_in(text, PIECE_BYTES)
}

/// [`assessment`], the text lexed and parsed in pieces of `piece` bytes
/// at least.
fn assessment_in(text: &str, piece: usize) -> Option<AssessmentFile> {
    let mut events = Events::in_pieces_of(text, piece);
    let file = Reader::new(text, &mut events, true).document();
    file.filter(|_| events.complete())
}

/// The checklist in `text`, when it has the plain shape (`format`, `id`,
/// `version` and `title`, `[source]`, and `[[item]]` tables whose texts
/// are inline tables or dotted keys) and nothing in it the general reader
/// would say anything about; `None` otherwise.
pub(super) fn checklist(text: &str) -> Option<ChecklistFile> {
    checklist_in(text, PIECE_BYTES)
}

/// [`checklist`], the text lexed and parsed in pieces of `piece` bytes at
/// least.
fn checklist_in(text: &str, piece: usize) -> Option<ChecklistFile> {
    let mut events = Events::in_pieces_of(text, piece);
    let file = Reader::new(text, &mut events, false).checklist();
    file.filter(|_| events.complete())
}

/// A plain file, of whichever kind.
pub(super) enum Plain {
    Assessment(AssessmentFile),
    Checklist(ChecklistFile),
}

/// The plain assessment or checklist in `text`; `None` when it is
/// neither. A text is lexed and parsed once for both readers, but where
/// the first read on past the first piece.
pub(super) fn either(text: &str) -> Option<Plain> {
    let mut events = Events::in_pieces_of(text, PIECE_BYTES);
    let file = Reader::new(text, &mut events, true).document();
    if let Some(file) = file.filter(|_| events.complete()) {
        return Some(Plain::Assessment(file));
    }
    if !events.rewind() {
        return None;
    }
    let file = Reader::new(text, &mut events, false).checklist();
    file.filter(|_| events.complete()).map(Plain::Checklist)
}

/// How many bytes a piece of a text has at least (but the last): a text
/// of this many bytes or fewer, an assessment, is lexed and parsed at
/// once; a checklist of thousands of items a piece at a time.
const PIECE_BYTES: usize = 1 << 16;

/// The parser's events for a text, as `toml` makes them, but whitespace,
/// comments and line ends, which the readers pass over (checked all the
/// same).
///
/// A long text is lexed and parsed a piece at a time, so that a text of a
/// megabyte is not held as tokens and events many times its size. A piece
/// ends before a line that begins with `[` (a table's header, mostly),
/// where its tokens end with that line end and every bracket in them is
/// closed: there, in TOML, an expression ends and none reaches across,
/// and the lexer begins anew at each token, so the pieces' tokens and
/// events are the whole text's. Where a piece's tokens do not end so (a
/// multi-line string or an array goes on), the rest of the text is one
/// piece. A piece that ends where the parser is in the middle of
/// something is a syntax error of its own, so a text with a syntax error
/// never comes through as one without.
struct Events<'i> {
    text: &'i str,
    /// Where the next piece begins.
    from: usize,
    /// The current piece's events, and the next to hand out.
    events: Vec<Event>,
    at: usize,
    /// The first syntax error.
    error: Option<ParseError>,
    /// How many bytes a piece has at least.
    piece: usize,
    /// Where the piece of the events in hand begins.
    offset: usize,
}

impl<'i> Events<'i> {
    fn in_pieces_of(text: &'i str, piece: usize) -> Self {
        Events {
            text,
            from: 0,
            events: Vec::new(),
            at: 0,
            error: None,
            piece,
            offset: 0,
        }
    }

    /// The next event; `None` at the end, and after the piece with the
    /// first syntax error.
    #[inline]
    fn next(&mut self) -> Option<Event> {
        if let Some(&event) = self.events.get(self.at) {
            self.at += 1;
            return Some(event);
        }
        self.next_piece()
    }

    /// The first event of the next piece that has one.
    #[inline(never)]
    fn next_piece(&mut self) -> Option<Event> {
        while self.at == self.events.len() {
            if self.from == self.text.len() || self.error.is_some() {
                return None;
            }
            self.parse_piece();
        }
        self.at += 1;
        Some(self.events[self.at - 1])
    }

    /// Whether every event was handed out, and the text has no syntax
    /// error.
    fn complete(&mut self) -> bool {
        self.next().is_none() && self.error.is_none()
    }

    /// Begins again at the first event, for another reader; `false` when
    /// the text has a syntax error, which no reader takes.
    fn rewind(&mut self) -> bool {
        if self.error.is_some() {
            return false;
        }
        self.at = 0;
        // The events in hand are the first piece's, or a later piece's,
        // after which the text is lexed and parsed again from its start.
        if self.offset != 0 {
            self.from = 0;
            self.offset = 0;
            self.events.clear();
        }
        true
    }

    /// Lexes the next piece and parses it into `events`.
    fn parse_piece(&mut self) {
        let rest = &self.text[self.from..];
        let mut piece = rest;
        let mut tokens = None;
        if let Some(end) = piece_end(rest.as_bytes(), self.piece) {
            let cut = Source::new(&rest[..end]).lex().into_vec();
            if ends_expressions(&cut, end) {
                piece = &rest[..end];
                tokens = Some(cut);
            }
        }
        let tokens = tokens.unwrap_or_else(|| Source::new(piece).lex().into_vec());
        let offset = self.from;
        self.offset = offset;
        self.from += piece.len();
        self.events.clear();
        self.events.reserve(tokens.len());
        self.at = 0;
        let events = &mut self.events;
        let mut kept = |event: Event| {
            if !matches!(
                event.kind(),
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            ) {
                events.push(match offset {
                    0 => event,
                    _ => {
                        Event::new_unchecked(event.kind(), event.encoding(), event.span() + offset)
                    }
                });
            }
        };
        let mut whitespace = ValidateWhitespace::new(&mut kept, Source::new(piece));
        let mut guard = RecursionGuard::new(&mut whitespace, NESTING);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut self.error);
    }
}

/// Where a piece of `rest` of at least `least` bytes could end: after the
/// first line end that a `[` follows, from there on.
fn piece_end(rest: &[u8], least: usize) -> Option<usize> {
    let after = rest.get(least.checked_sub(1)?..)?;
    let at = after.windows(2).position(|pair| pair == b"\n[")?;
    Some(least + at)
}

/// Whether a piece's tokens end with a line end that ends it (at `end`),
/// with every bracket before it closed: where an expression ends.
fn ends_expressions(tokens: &[Token], end: usize) -> bool {
    let last = match tokens {
        [.., last, eof] if eof.kind() == TokenKind::Eof => last,
        _ => return false,
    };
    if last.kind() != TokenKind::Newline || last.span().end() != end {
        return false;
    }
    let mut open = 0usize;
    for token in tokens {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => open += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                let Some(less) = open.checked_sub(1) else {
                    return false;
                };
                open = less;
            }
            _ => {}
        }
    }
    open == 0
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
    events: &'e mut Events<'i>,
    /// Whether a string that is one of the template's placeholders gives
    /// up (in an assessment, where the general reader reports it).
    placeholders: bool,
}

impl<'e, 'i> Reader<'e, 'i> {
    fn new(text: &'i str, events: &'e mut Events<'i>, placeholders: bool) -> Self {
        Reader {
            source: Source::new(text),
            events,
            placeholders,
        }
    }

    /// The next event ([`Events`] has no whitespace, comment or line end).
    fn next(&mut self) -> Option<Event> {
        self.events.next()
    }

    /// The next event, when it is of `kind`.
    fn expect(&mut self, kind: EventKind) -> Option<Event> {
        self.next().filter(|e| e.kind() == kind)
    }

    fn document(&mut self) -> Option<AssessmentFile> {
        let mut parts = Parts::default();
        let mut table = Table::Root;
        let mut answer: Option<AnswerParts> = None;
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
                            if parts.organisation.is_some() {
                                return None;
                            }
                            parts.organisation = Some(OrganisationParts::default());
                            table = Table::Organisation;
                        }
                        ("assessment", EventKind::StdTableClose) => {
                            if parts.assessment.is_some() {
                                return None;
                            }
                            parts.assessment = Some(AssessmentParts::default());
                            table = Table::Assessment;
                        }
                        ("answers", EventKind::KeySep) => {
                            let id = self.expect(EventKind::SimpleKey)?;
                            let id = self.key(id)?;
                            let span = id.span();
                            let id = Spanned::new(span, id.into_inner().into_owned());
                            self.expect(EventKind::StdTableClose)?;
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
                                    a.checklists = Some(self.strings(false)?);
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
                a.evidence = self.strings(true)?;
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

    /// The scalar value `event` is: its kind and its decoded text.
    fn scalar(&self, event: Event) -> Option<(ScalarKind, Spanned<Cow<'i, str>>)> {
        if event.kind() != EventKind::Scalar {
            return None;
        }
        let span = event.span();
        let raw = self.source.get(event)?;
        // Most strings are one line of text and nothing to decode: what
        // is between the quotes is the value.
        if event.encoding() == Some(Encoding::BasicString)
            && let Some(inner) = raw
                .as_str()
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
            && as_written(inner)
        {
            let decoded = Cow::Borrowed(inner);
            return Some((
                ScalarKind::String,
                Spanned::new(span.start()..span.end(), decoded),
            ));
        }
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
        if self.placeholders {
            let evidence = evidence && placeholder::is_evidence(value);
            if placeholder::is_name(value) || placeholder::is_date(value) || evidence {
                return None;
            }
        }
        let span = text.span();
        Some(Spanned::new(span, text.into_inner().into_owned()))
    }

    /// An array of strings (evidence entries or not).
    fn strings(&mut self, evidence: bool) -> Option<Vec<Spanned<String>>> {
        self.expect(EventKind::ArrayOpen)?;
        let mut values = Vec::new();
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::ArrayClose => return Some(values),
                EventKind::ValueSep => {}
                _ => values.push(self.string_of(event, evidence)?),
            }
        }
    }

    /// A date written as a TOML date, nothing more: as `toml` reads the
    /// datetime and [`Date`] takes it.
    fn date(&mut self) -> Option<Spanned<Date>> {
        let event = self.next()?;
        // A day written `YYYY-MM-DD`, as nearly every one is: TOML and
        // chrono know the same days of the same months and years.
        if event.kind() == EventKind::Scalar
            && event.encoding().is_none()
            && let Some(date) = plain_date(self.source.get(event)?.as_str())
        {
            let span = event.span();
            return Some(Spanned::new(span.start()..span.end(), Date(date)));
        }
        let (kind, text) = self.scalar(event)?;
        if !matches!(kind, ScalarKind::DateTime) {
            return None;
        }
        let datetime: toml::value::Datetime = text.get_ref().parse().ok()?;
        let (Some(d), None, None) = (datetime.date, datetime.time, datetime.offset) else {
            return None;
        };
        Some(Spanned::new(text.span(), Date(calendar_day(d)?)))
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

/// A text (`Text`) or a list of texts (`TextList`) as far as it has been
/// read: its Danish and English parts, and how it is written.
#[derive(Default)]
struct Texts<T> {
    da: Option<T>,
    en: Option<T>,
    how: Written,
}

/// How a text is written: not yet, as an inline table (`title = { da =
/// "…" }`), or as dotted keys (`title.da = "…"`), which may not be mixed.
#[derive(Default, PartialEq, Eq)]
enum Written {
    #[default]
    NotYet,
    Inline,
    Dotted,
}

impl Texts<String> {
    /// A text needs its Danish part.
    fn text(self) -> Option<Text> {
        Some(Text {
            da: self.da?.into(),
            en: self.en.map(Into::into),
        })
    }

    /// An optional text: none unless some part of it was written.
    fn optional(self) -> Option<Option<Text>> {
        match self.how {
            Written::NotYet => Some(None),
            _ => self.text().map(Some),
        }
    }
}

impl Texts<Vec<String>> {
    fn list(self) -> TextList {
        let texts = |list: Vec<String>| list.into_iter().map(Into::into).collect();
        TextList {
            da: self.da.map(texts).unwrap_or_default(),
            en: self.en.map(texts),
        }
    }
}

/// One `[[item]]` as far as it has been read.
#[derive(Default)]
struct ItemParts {
    id: Option<Spanned<String>>,
    kind: Option<Kind>,
    weight: Option<Spanned<f64>>,
    title: Texts<String>,
    guidance: Texts<String>,
    evidence: Texts<Vec<String>>,
    basis: Option<String>,
    every_months: Option<Spanned<u32>>,
    every: Option<Spanned<Every>>,
    warn_days: Option<Spanned<u32>>,
    counterparty: Texts<String>,
    may_be_not_applicable: Option<Spanned<bool>>,
}

impl ItemParts {
    fn item(self) -> Option<Item> {
        Some(Item {
            id: self.id?,
            kind: self.kind?,
            weight: self.weight,
            title: self.title.text()?,
            guidance: self.guidance.optional()?,
            evidence: self.evidence.list(),
            basis: self.basis.map(Into::into),
            every_months: self.every_months,
            every: self.every,
            warn_days: self.warn_days,
            counterparty: self.counterparty.optional()?,
            may_be_not_applicable: self.may_be_not_applicable,
        })
    }
}

#[derive(Default)]
struct SourceParts {
    publisher: Option<String>,
    title: Option<String>,
    url: Option<String>,
    updated: Option<Date>,
    notes: Texts<String>,
}

/// The table of a checklist a key-value line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ChecklistTable {
    Root,
    Source,
    Item,
}

/// The fewest bytes an item of a checklist takes: `[[item]]`, and an
/// `id`, a `kind` and a `title` of a character each.
const ITEM_BYTES_AT_LEAST: usize = 40;

/// A key of one part or two.
type KeyPath<'i> = (Cow<'i, str>, Option<Cow<'i, str>>);

/// Sets `slot` to what `read` reads, unless it was set before.
fn set<T>(slot: &mut Option<T>, read: impl FnOnce() -> Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(read()?);
    Some(())
}

impl<'i> Reader<'_, 'i> {
    fn checklist(&mut self) -> Option<ChecklistFile> {
        let (mut format, mut id, mut version) = (None, None, None);
        let mut title = Texts::default();
        let mut source: Option<SourceParts> = None;
        // Room for every `[[item]]` at once: a checklist of thousands of
        // items is not copied to ever larger room as it is read. No more
        // than an item of the fewest bytes allows: headers alone are no
        // items.
        let text = self.source.input().as_bytes();
        let headers = memchr::memmem::find_iter(text, b"[[").count();
        let room = headers.min(text.len() / ITEM_BYTES_AT_LEAST);
        let mut items: Vec<Item> = Vec::with_capacity(room);
        let mut item: Option<ItemParts> = None;
        let mut table = ChecklistTable::Root;
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::StdTableOpen => {
                    if let Some(done) = item.take() {
                        items.push(done.item()?);
                    }
                    let key = self.expect(EventKind::SimpleKey)?;
                    if self.key(key)?.get_ref() != "source" || source.is_some() {
                        return None;
                    }
                    self.expect(EventKind::StdTableClose)?;
                    source = Some(SourceParts::default());
                    table = ChecklistTable::Source;
                }
                EventKind::ArrayTableOpen => {
                    if let Some(done) = item.take() {
                        items.push(done.item()?);
                    }
                    let key = self.expect(EventKind::SimpleKey)?;
                    if self.key(key)?.get_ref() != "item" {
                        return None;
                    }
                    self.expect(EventKind::ArrayTableClose)?;
                    item = Some(ItemParts::default());
                    table = ChecklistTable::Item;
                }
                EventKind::SimpleKey => {
                    let (key, sub) = self.key_path(event)?;
                    let (key, sub) = (key.as_ref(), sub.as_deref());
                    match (table, key, sub) {
                        (ChecklistTable::Root, "title", _) => self.text_value(&mut title, sub)?,
                        (_, _, Some(_)) => match (table, key) {
                            (ChecklistTable::Source, "notes") => {
                                self.text_value(&mut source.as_mut()?.notes, sub)?;
                            }
                            (ChecklistTable::Item, _) => {
                                self.item_text(item.as_mut()?, key, sub)?
                            }
                            _ => return None,
                        },
                        (ChecklistTable::Root, "format", None) => {
                            set(&mut format, || self.format())?
                        }
                        (ChecklistTable::Root, "id", None) => set(&mut id, || self.string())?,
                        (ChecklistTable::Root, "version", None) => {
                            set(&mut version, || self.string().map(Spanned::into_inner))?;
                        }
                        (ChecklistTable::Source, _, None) => {
                            self.source_field(source.as_mut()?, key)?
                        }
                        (ChecklistTable::Item, _, None) => self.item_field(item.as_mut()?, key)?,
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        if let Some(done) = item.take() {
            items.push(done.item()?);
        }
        let source = source?;
        Some(ChecklistFile {
            format: format?,
            id: id?,
            version: version?.into(),
            title: title.text()?,
            source: crate::model::Source {
                publisher: source.publisher?.into(),
                title: source.title?.into(),
                url: source.url.map(Into::into),
                updated: source.updated,
                notes: source.notes.optional()?,
            },
            items,
        })
    }

    /// A key of one or two parts (`title` or `title.da`), and the `=`
    /// after it.
    fn key_path(&mut self, event: Event) -> Option<KeyPath<'i>> {
        let key = self.key(event)?.into_inner();
        match self.next()?.kind() {
            EventKind::KeyValSep => Some((key, None)),
            EventKind::KeySep => {
                let sub = self.expect(EventKind::SimpleKey)?;
                let sub = self.key(sub)?.into_inner();
                self.expect(EventKind::KeyValSep)?;
                Some((key, Some(sub)))
            }
            _ => None,
        }
    }

    /// A text's value: the whole of it as an inline table (`sub` none), or
    /// the part `sub` of it (`da` or `en`).
    fn text_value(&mut self, parts: &mut Texts<String>, sub: Option<&str>) -> Option<()> {
        self.texts(parts, sub, |r| r.string().map(Spanned::into_inner))
    }

    /// A list of texts' value, as [`Reader::text_value`].
    fn list_value(&mut self, parts: &mut Texts<Vec<String>>, sub: Option<&str>) -> Option<()> {
        self.texts(parts, sub, |r| {
            let list = r.strings(false)?;
            Some(list.into_iter().map(Spanned::into_inner).collect())
        })
    }

    fn texts<T>(
        &mut self,
        parts: &mut Texts<T>,
        sub: Option<&str>,
        mut read: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<()> {
        let mut part = |r: &mut Self, parts: &mut Texts<T>, lang: &str| match lang {
            "da" => set(&mut parts.da, || read(r)),
            "en" => set(&mut parts.en, || read(r)),
            _ => None,
        };
        if let Some(lang) = sub {
            if parts.how == Written::Inline {
                return None;
            }
            parts.how = Written::Dotted;
            return part(self, parts, lang);
        }
        if parts.how != Written::NotYet {
            return None;
        }
        parts.how = Written::Inline;
        self.expect(EventKind::InlineTableOpen)?;
        loop {
            let event = self.next()?;
            match event.kind() {
                EventKind::InlineTableClose => return Some(()),
                EventKind::ValueSep => {}
                EventKind::SimpleKey => {
                    let lang = self.key(event)?;
                    self.expect(EventKind::KeyValSep)?;
                    part(self, parts, lang.get_ref())?;
                }
                _ => return None,
            }
        }
    }

    /// A dotted key of an item: a part of one of its texts.
    fn item_text(&mut self, item: &mut ItemParts, key: &str, sub: Option<&str>) -> Option<()> {
        match key {
            "title" => self.text_value(&mut item.title, sub),
            "guidance" => self.text_value(&mut item.guidance, sub),
            "counterparty" => self.text_value(&mut item.counterparty, sub),
            "evidence" => self.list_value(&mut item.evidence, sub),
            _ => None,
        }
    }

    /// One `key = value` line of an item.
    fn item_field(&mut self, item: &mut ItemParts, key: &str) -> Option<()> {
        match key {
            "id" => set(&mut item.id, || self.string()),
            "kind" => set(&mut item.kind, || match self.string()?.get_ref().as_str() {
                "recommendation" => Some(Kind::Recommendation),
                "duty" => Some(Kind::Duty),
                _ => None,
            }),
            "weight" => set(&mut item.weight, || self.number()),
            "basis" => set(&mut item.basis, || self.string().map(Spanned::into_inner)),
            "every-months" => set(&mut item.every_months, || self.count()),
            "every" => set(&mut item.every, || {
                let word = self.string()?;
                (word.get_ref() == "calendar-year")
                    .then(|| Spanned::new(word.span(), Every::CalendarYear))
            }),
            "warn-days" => set(&mut item.warn_days, || self.count()),
            "may-be-not-applicable" => set(&mut item.may_be_not_applicable, || self.boolean()),
            _ => self.item_text(item, key, None),
        }
    }

    /// One `key = value` line of `[source]`.
    fn source_field(&mut self, source: &mut SourceParts, key: &str) -> Option<()> {
        let mut string =
            |slot: &mut Option<String>| set(slot, || self.string().map(Spanned::into_inner));
        match key {
            "publisher" => string(&mut source.publisher),
            "title" => string(&mut source.title),
            "url" => string(&mut source.url),
            "updated" => set(&mut source.updated, || self.date().map(Spanned::into_inner)),
            "notes" => self.text_value(&mut source.notes, None),
            _ => None,
        }
    }

    /// A whole number written in plain digits, as a `u32`.
    fn count(&mut self) -> Option<Spanned<u32>> {
        let event = self.next()?;
        let (kind, text) = self.scalar(event)?;
        let ScalarKind::Integer(radix) = kind else {
            return None;
        };
        let digits = text.get_ref();
        if radix.value() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Spanned::new(text.span(), digits.parse().ok()?))
    }

    /// A number written in plain digits, with or without a decimal point,
    /// as an `f64`.
    fn number(&mut self) -> Option<Spanned<f64>> {
        let event = self.next()?;
        let (kind, text) = self.scalar(event)?;
        let digits = text.get_ref();
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let value = match kind {
            ScalarKind::Integer(radix) if radix.value() == 10 && plain(digits) => {
                // As serde takes a TOML integer where a float belongs.
                digits.parse::<i64>().ok()? as f64
            }
            ScalarKind::Float => {
                let (whole, fraction) = digits.split_once('.')?;
                if !(plain(whole) && plain(fraction)) {
                    return None;
                }
                digits.parse().ok()?
            }
            _ => return None,
        };
        Some(Spanned::new(text.span(), value))
    }

    fn boolean(&mut self) -> Option<Spanned<bool>> {
        let event = self.next()?;
        let (ScalarKind::Boolean(value), text) = self.scalar(event)? else {
            return None;
        };
        Some(Spanned::new(text.span(), value))
    }
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

/// Adds the answer read to the others; `None` when its table was defined
/// before, which the general reader reports.
fn finish_answer(parts: &mut Parts, done: AnswerParts) -> Option<()> {
    match parts.answers.entry(done.id) {
        Entry::Vacant(slot) => {
            slot.insert(done.answer);
            Some(())
        }
        Entry::Occupied(_) => None,
    }
}

/// Whether the text between a basic string's quotes is its value as it
/// stands: no escape, no quote, no control character (a tab included,
/// which TOML allows but is rare enough to leave to its decoder). Looked
/// at sixteen bytes at a time, with no branch inside, so that the compiler
/// tests them together (eight times faster than byte by byte).
fn as_written(inner: &str) -> bool {
    let declined = |b: u8| {
        u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\') | u8::from(b == 0x7f)
    };
    let mut chunks = inner.as_bytes().chunks_exact(16);
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(0, |any, &b| any | declined(b)) != 0 {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| declined(b) == 0)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;
    use toml::de::DeTable;

    use super::super::{FileKind, parse};
    use super::*;
    use crate::lang::Lang;

    /// What the general reader makes of `text` read as `kind`, when it has
    /// nothing to say about it.
    fn general<T: serde::de::DeserializeOwned>(text: &str, kind: FileKind) -> Option<T> {
        let mut diags = Vec::new();
        let file = parse::parsed::<T>(
            "a.toml",
            text,
            Lang::En,
            0,
            kind,
            DeTable::parse_recoverable(text),
            &mut diags,
        );
        file.filter(|_| diags.is_empty())
    }

    /// Whenever this reader reads a text, the general reader reads the
    /// same file from it, spans and all, with nothing to say.
    fn same<T: std::fmt::Debug + serde::de::DeserializeOwned>(
        plain: Option<T>,
        text: &str,
        kind: FileKind,
    ) -> bool {
        let Some(plain) = plain else {
            return false;
        };
        let Some(general) = general::<T>(text, kind) else {
            panic!("read plainly, but the general reader has something to say:\n{text}");
        };
        assert_eq!(format!("{plain:#?}"), format!("{general:#?}"), "{text}");
        true
    }

    /// [`same`], for an assessment.
    fn agrees(text: &str) -> bool {
        same(in_pieces(text, assessment_in), text, FileKind::Assessment)
    }

    /// [`same`], for a checklist.
    fn agrees_checklist(text: &str) -> bool {
        same(in_pieces(text, checklist_in), text, FileKind::Checklist)
    }

    /// What `read` makes of `text` as a whole, when it makes the same of
    /// it read in pieces of every size here: one a line (or more, where a
    /// line does not begin with `[`), and of a few lines.
    fn in_pieces<T: std::fmt::Debug>(text: &str, read: fn(&str, usize) -> Option<T>) -> Option<T> {
        let whole = read(text, usize::MAX);
        let shown = format!("{whole:#?}");
        for piece in [1, 2, 16, 64] {
            let pieces = format!("{:#?}", read(text, piece));
            assert!(
                pieces == shown,
                "in pieces of {piece}: {pieces}\nwhole: {shown}\n{text}"
            );
        }
        whole
    }

    /// A string taken as written is one TOML's decoder reads as that very
    /// text, with nothing to say; every character it declines, the decoder
    /// declines or changes (a tab aside, which it leaves to the decoder).
    #[test]
    fn a_string_taken_as_written_is_what_the_decoder_makes_of_it() {
        let decoded = |inner: &str| -> Option<String> {
            let table: toml::Table = toml::from_str(&format!("v = \"{inner}\"")).ok()?;
            table.get("v")?.as_str().map(str::to_owned)
        };
        let mut texts: Vec<String> = (0u8..=0x7f)
            .map(|b| format!("før {} efter", char::from(b)))
            .collect();
        texts.extend(
            ["", "æøå", "\u{2028}", "\u{feff}", "é", "Sørg for — at ✔"]
                .iter()
                .map(|t| (*t).to_owned()),
        );
        texts.push("lang tekst ".repeat(20));
        for text in &texts {
            if as_written(text) {
                assert_eq!(decoded(text).as_deref(), Some(text.as_str()), "{text:?}");
            } else {
                assert!(
                    text.contains(['"', '\\', '\t', '\u{7f}']) || text.chars().any(|c| c < ' '),
                    "{text:?}"
                );
            }
        }
        assert!(!as_written(&format!("{}\\n", "x".repeat(40))));
        assert!(!as_written(&format!("{}\"", "x".repeat(16))));
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
        let checklists = texts.iter().filter(|t| agrees_checklist(t)).count();
        assert!(checklists >= 1, "only {checklists} checklists read plainly");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for builtin in std::fs::read_dir(root.join("checklists")).unwrap() {
            let path = builtin.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(agrees_checklist(&text), "{}", path.display());
        }
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

    /// The fuzz corpus: inputs made to reach every corner of the general
    /// reader. An assessment's input may carry a checklist after the
    /// harness's separator; each part is read as what it is.
    #[test]
    fn the_fuzz_corpus_is_read_plainly_only_as_the_general_reader_reads_it() {
        const SEPARATOR: &str = "\n%%egne.toml%%\n";
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
        let (mut read, mut all) = (0, 0);
        for target in ["assessment", "checklist"] {
            for entry in std::fs::read_dir(root.join(target)).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                let Ok(text) = String::from_utf8(bytes) else {
                    continue;
                };
                let (first, second) = match text.split_once(SEPARATOR) {
                    Some((a, c)) => (a, Some(c)),
                    None => (text.as_str(), None),
                };
                all += 1;
                if target == "checklist" {
                    read += usize::from(agrees_checklist(first));
                } else {
                    read += usize::from(agrees(first));
                    if let Some(c) = second {
                        read += usize::from(agrees_checklist(c));
                    }
                }
            }
        }
        assert!(read > 0 && all > 500, "{read} of {all} read plainly");
    }

    #[test]
    fn what_is_not_plain_or_has_a_problem_is_left_to_the_general_reader() {
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
            "[answers.A]\nstatus = \"met\"\n[answers.A]\nstatus = \"met\"\n[answers.B]\nstatus = \"met\"\n",
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
            assert!(in_pieces(&text, assessment_in).is_none(), "{text}");
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
            assert!(in_pieces(&text, assessment_in).is_none(), "{text}");
        }
    }

    #[test]
    fn either_reads_a_file_as_the_kind_it_is() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |file: &str| either(&std::fs::read_to_string(root.join(file)).unwrap());
        assert!(matches!(
            read("examples/almen.toml"),
            Some(Plain::Assessment(_))
        ));
        assert!(matches!(
            read("examples/egne-krav.toml"),
            Some(Plain::Checklist(_))
        ));
        assert!(either("format = 1\n[other]\nx = 1\n").is_none());
        // A checklist of many pieces is read again from its start, as
        // what it is, and is what the checklist reader makes of it.
        let long = std::fs::read_to_string(root.join("examples/egne-krav.toml")).unwrap();
        let items = (0..5_000)
            .map(|i| format!("[[item]]\nid = \"L-{i}\"\nkind = \"duty\"\ntitle.da = \"T\"\n"))
            .collect::<String>();
        let long = long + &items;
        assert!(long.len() > 2 * PIECE_BYTES);
        let Some(Plain::Checklist(file)) = either(&long) else {
            panic!("a long checklist is read as one");
        };
        assert_eq!(
            format!("{:?}", Some(file)),
            format!("{:?}", checklist(&long))
        );
        // A syntax error is neither, however long the text.
        assert!(either(&(long + "[[item]\n")).is_none());
    }

    #[test]
    fn a_checklist_written_any_plain_way_is_read_as_the_general_reader_reads_it() {
        let every = r#"format = 1
id = "egne"
version = "1"
title.da = "Egne krav"
title.en = "Own requirements"
[[item]]
id = "E-1"
kind = "duty"
weight = 2
title = { da = "T", en = "T en" }
guidance.da = "G"
evidence = { da = ["a", "b"], en = ["c"] }
basis = "LAB"
every-months = 12
warn-days = 30
counterparty.da = "kommunalbestyrelsen"
may-be-not-applicable = true
[source]
publisher = "P"
title = "S"
url = "https://x.dk"
updated = 2026-01-01
notes = { da = "N" }
[[item]]
id = "E-2"
kind = "recommendation"
weight = 0.5
title.da = "U"
every = "calendar-year"
evidence.da = []
"#;
        assert!(agrees_checklist(every));
        // Written otherwise, but read the same by both.
        assert!(agrees_checklist(
            &every.replace("weight = 2", "weight = 1_000")
        ));
        for (from, to) in [
            ("title.en = \"Own requirements\"", "title.da = \"Igen\""),
            ("title.en = \"Own requirements\"", "title = { da = \"x\" }"),
            (
                "guidance.da = \"G\"",
                "guidance.da = \"G\"\nguidance = { da = \"G\" }",
            ),
            ("guidance.da = \"G\"", "guidance.fr = \"G\""),
            ("guidance.da = \"G\"", "guidance.en = \"G\""),
            ("weight = 2", "weight = -2"),
            ("weight = 2", "weight = 2e0"),
            ("weight = 0.5", "weight = nan"),
            ("every-months = 12", "every-months = 12.0"),
            ("every-months = 12", "every-months = 99999999999"),
            ("kind = \"duty\"", "kind = \"Duty\""),
            ("every = \"calendar-year\"", "every = \"year\""),
            (
                "may-be-not-applicable = true",
                "may-be-not-applicable = \"yes\"",
            ),
            ("basis = \"LAB\"", "basis = \"LAB\"\nbasis = \"LAB\""),
            ("updated = 2026-01-01", "updated = \"2026-01-01\""),
            ("[source]", "[sources]"),
            ("[source]", "[source]\n[source]"),
            ("url = \"https://x.dk\"", "url.x = \"https://x.dk\""),
            ("id = \"E-2\"\n", ""),
            ("title.da = \"U\"", "title.en = \"U\""),
            (
                "[[item]]\nid = \"E-1\"",
                "[[item]]\nid = \"E-1\"\n[item.title]\nda = \"x\"",
            ),
            ("version = \"1\"\n", ""),
        ] {
            let text = every.replacen(from, to, 1);
            assert_ne!(text, every, "{from}");
            assert!(in_pieces(&text, checklist_in).is_none(), "{text}");
        }
    }

    /// Begun again, the events are the same, whether the first piece or
    /// a later one is in hand.
    #[test]
    fn events_begun_again_are_the_same() {
        let text: String = (0..200)
            .map(|i| format!("[[item]]\nid = \"R-{i}\"\ntitle.da = \"T\"\n"))
            .collect();
        let all =
            |events: &mut Events<'_>| std::iter::from_fn(|| events.next()).collect::<Vec<_>>();
        let whole = all(&mut Events::in_pieces_of(&text, usize::MAX));
        // `[[`, `item`, `]]`; `id`, `=`, its value; `title`, `.`, `da`, `=`, its value.
        assert_eq!(whole.len(), 200 * 11);
        for read_first in [0, 3, 500, whole.len()] {
            let mut events = Events::in_pieces_of(&text, 64);
            for _ in 0..read_first {
                events.next();
            }
            assert!(events.rewind());
            assert_eq!(all(&mut events), whole, "after {read_first}");
            assert!(events.complete());
        }
        let mut broken = Events::in_pieces_of("a = [\n", 64);
        while broken.next().is_some() {}
        assert!(!broken.rewind(), "a syntax error is no text to read again");
    }

    /// A piece ends only where an expression does: never in a multi-line
    /// string or array, nor in an inline table that goes on over lines,
    /// though a line there begins with `[`; and never after a bracket that
    /// closed none. Each text is read as a whole and in pieces of every
    /// size by [`in_pieces`], which must agree.
    #[test]
    fn a_piece_ends_only_where_an_expression_does() {
        let head = "format = 1\nid = \"p\"\nversion = \"1\"\ntitle.da = \"T\"\n\
                    [source]\npublisher = \"P\"\ntitle = \"S\"\n";
        let item = |i: usize, rest: &str| {
            format!("[[item]]\nid = \"P-{i}\"\nkind = \"duty\"\ntitle.da = \"T\"\n{rest}")
        };
        let text = |rest: &str| format!("{head}{}{}{}", item(1, ""), item(2, rest), item(3, ""));
        // Read plainly, in pieces as a whole: a `[` after a line end in a
        // string or an array begins no header.
        for rest in [
            "guidance.da = \"\"\"\n[[item]]\nid = \"X\"\n\"\"\"\n",
            "guidance.da = '''\n[x]\n'''\n",
            "evidence.da = [\n\"a\",\n\"b\"\n]\n",
            // An inline table over lines, which TOML 1.1 allows.
            "guidance = {\nda = \"G\",\n}\n",
        ] {
            assert!(agrees_checklist(&text(rest)), "{}", text(rest));
        }
        // Not read plainly, whole or in pieces: the general reader has a
        // word for each.
        for rest in [
            // An array whose next line begins with `[`.
            "evidence.da = [\n[\"a\"],\n]\n",
            // A bracket that closes none, and one never closed.
            "guidance.da = \"G\" ]\n",
            "evidence.da = [\"a\"\n",
            "guidance.da = \"\"\"never closed\n",
        ] {
            assert!(
                in_pieces(&text(rest), checklist_in).is_none(),
                "{}",
                text(rest)
            );
        }
    }

    /// The file at `path` with `cut` bytes from `at` (a place anywhere in
    /// it, widened to whole characters) replaced by `edit`.
    fn edited(path: &Path, at: prop::sample::Index, cut: usize, edit: &str) -> String {
        let text = std::fs::read_to_string(path).unwrap();
        let mut at = at.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        format!("{}{edit}{}", &text[..at], &text[end..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// An example with one edit anywhere in it: the two readers never
        /// read it differently.
        #[test]
        fn an_edited_example_is_read_plainly_only_as_the_general_reader_reads_it(
            which in 0usize..3,
            at in any::<prop::sample::Index>(),
            edit in prop::sample::select(vec![
                "", "\"", "'", ".", "[", "]", "=", "\n", "#", "\\", "1", " ", "-", "{", "}",
                ",", "x", "\u{0}", "é", "\"\"\"", "[answers.A]\n", "status = \"met\"\n",
                "date = 2026-01-01\n", "\r\n", "\t", "name = \"Y\"\n",
            ]),
            cut in 0usize..3,
        ) {
            let example = ["almen.toml", "mangler.toml", "sidste-aar.toml"][which];
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example);
            let edited = edited(&path, at, cut, edit);
            agrees(&edited);
        }

        /// A checklist with one edit anywhere in it, likewise.
        #[test]
        fn an_edited_checklist_is_read_plainly_only_as_the_general_reader_reads_it(
            which in 0usize..2,
            at in any::<prop::sample::Index>(),
            edit in prop::sample::select(vec![
                "", "\"", "'", ".", "[", "]", "=", "\n", "#", "\\", "1", " ", "-", "{", "}",
                ",", "x", "é", "[[item]]\n", "title.da = \"T\"\n", "da = \"T\"", "en",
                "id = \"X\"\n", "kind = \"duty\"\n", "weight = 1.5\n", "\r\n", "\t",
            ]),
            cut in 0usize..3,
        ) {
            let file = ["examples/egne-krav.toml", "checklists/ekstern-repraesentation.toml"][which];
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let edited = edited(&path, at, cut, edit);
            agrees_checklist(&edited);
        }
    }
}
