//! Generated checklists and assessments for the property tests: specs
//! that proptest draws and shrinks, written out as the TOML a user would
//! write, and an in-memory [`Fs`] for the real loader to read them from.
//! Here, the lowest module that can load them, so that the property tests
//! of scoring and of rendering both can.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Days, NaiveDate, TimeDelta};
use proptest::prelude::*;
use proptest::string::RegexGeneratorStrategy;
use proptest::test_runner::{RngAlgorithm, RngSeed};

use crate::lang::Lang;
use crate::load::{
    Assessment, Checklist, Evidence, Fs, Loader, MAX_MONTHS, MAX_WEIGHT, MIN_WEIGHT, Reach,
};
use crate::model::{Answer, AssessmentFile, ChecklistFile, Item, Kind, Status};

use Evidence::{Found, Missing, Outside, Url};

/// The same cases on every run, unless `PROPTEST_RNG_SEED` asks for others.
pub(crate) fn config() -> ProptestConfig {
    let config = ProptestConfig::default();
    let rng_seed = match config.rng_seed {
        RngSeed::Random => RngSeed::Fixed(20_260_101),
        seed => seed,
    };
    ProptestConfig {
        rng_seed,
        // ChaCha, the default, is most of the time of a debug build.
        rng_algorithm: RngAlgorithm::XorShift,
        ..config
    }
}

// Cases -------------------------------------------------------------------

/// At most this many items: three checklists of at most six.
pub(crate) const MAX_ITEMS: usize = 18;

/// One item of a checklist; its id is its name and its place.
#[derive(Debug, Clone)]
pub(crate) struct ItemSpec {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    pub(crate) weight: Option<f64>,
    pub(crate) every_months: Option<u32>,
    /// `every = "calendar-year"` (only where `every_months` is `None`).
    pub(crate) calendar_year: bool,
    pub(crate) warn_days: Option<u32>,
    /// A counterparty, whom an answer may have `requested`.
    pub(crate) counterparty: bool,
    /// A duty marked `may-be-not-applicable`.
    pub(crate) conditional: bool,
}

/// One answer. Dates are in days before the as-of date (a negative number
/// is after it), so that they fall near it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AnswerSpec {
    pub(crate) status: Status,
    /// The status in Danish (`følger`, …).
    pub(crate) danish: bool,
    pub(crate) date: Option<i64>,
    pub(crate) evidence: Vec<Evidence>,
    pub(crate) explanation: Option<String>,
    /// A plan, with its due date in days before the as-of date.
    pub(crate) plan: Option<Option<i64>>,
    /// When the counterparty was asked, in days before the as-of date;
    /// written only for an item with a counterparty.
    pub(crate) requested: Option<i64>,
}

/// Checklists, the answers for their items (the `k`th answer is for the
/// `k`th item, in checklist order; those past the last item are not
/// used) and an as-of date.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    pub(crate) checklists: Vec<Vec<ItemSpec>>,
    pub(crate) answers: Vec<Option<AnswerSpec>>,
    pub(crate) as_of: NaiveDate,
}

/// Strings matching a regular expression. (A `&str` strategy would
/// compile it again for every value.)
pub(crate) fn regex(re: &str) -> RegexGeneratorStrategy<String> {
    proptest::string::string_regex(re).unwrap()
}

/// Weights in the allowed range, [0.001, 1000], with its ends and some
/// awkward numbers.
pub(crate) fn weight() -> impl Strategy<Value = f64> {
    let awkward = vec![MIN_WEIGHT, 0.001_000_1, 0.1, 999.999_999_999, MAX_WEIGHT];
    prop_oneof![
        4 => (1u32..=1000).prop_map(f64::from),
        4 => MIN_WEIGHT..=MAX_WEIGHT,
        1 => prop::sample::select(awkward),
    ]
}

fn item() -> impl Strategy<Value = ItemSpec> {
    (
        regex("[a-zæø][a-z0-9æø_-]{0,5}"),
        prop::sample::select(vec![Kind::Duty, Kind::Recommendation]),
        prop::option::of(weight()),
        prop::option::of(prop_oneof![
            8 => 1u32..=36,
            1 => 37u32..MAX_MONTHS,
            1 => Just(MAX_MONTHS),
        ]),
        prop::option::of(prop_oneof![9 => 0u32..=400, 1 => Just(u32::MAX)]),
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(name, kind, weight, every_months, warn_days, yearly, counterparty, conditional)| {
                let calendar_year = every_months.is_none() && yearly;
                ItemSpec {
                    name,
                    kind,
                    weight,
                    every_months,
                    calendar_year,
                    // Without a recurrence, warn-days is an input error.
                    warn_days: (every_months.is_some() || calendar_year)
                        .then_some(warn_days)
                        .flatten(),
                    counterparty,
                    // Only a duty may be marked conditional.
                    conditional: conditional && kind == Kind::Duty,
                }
            },
        )
}

pub(crate) fn answer() -> impl Strategy<Value = AnswerSpec> {
    let explanation = prop_oneof![
        Just("Too small for a committee.".to_owned()),
        Just(String::new()),
        Just(" \t ".to_owned()),
        regex("\\PC{0,12}"),
    ];
    (
        prop::sample::select(vec![
            Status::Met,
            Status::Partial,
            Status::Unmet,
            Status::NotApplicable,
        ]),
        any::<bool>(),
        prop::option::of(-90i64..=3_000),
        prop::collection::vec(
            prop::sample::select(vec![Url, Found, Missing, Outside]),
            0..=3,
        ),
        prop::option::of(explanation),
        prop::option::of(prop::option::of(-400i64..=400)),
        prop::option::of(-90i64..=3_000),
    )
        .prop_map(
            |(status, danish, date, evidence, explanation, plan, requested)| AnswerSpec {
                status,
                danish,
                date,
                evidence,
                explanation,
                plan,
                requested,
            },
        )
}

/// Answers for up to [`MAX_ITEMS`] items, most of them answered.
pub(crate) fn answers() -> impl Strategy<Value = Vec<Option<AnswerSpec>>> {
    prop::collection::vec(prop::option::weighted(0.85, answer()), MAX_ITEMS)
}

pub(crate) fn case() -> impl Strategy<Value = Case> {
    let as_of =
        (0u64..22_000).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(d));
    (
        prop::collection::vec(prop::collection::vec(item(), 0..=6), 1..=3),
        answers(),
        as_of,
    )
        .prop_map(|(checklists, answers, as_of)| Case {
            checklists,
            answers,
            as_of,
        })
}

// Files -------------------------------------------------------------------

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it may be.
pub(crate) fn key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare { s.to_owned() } else { quoted(s) }
}

/// One table of an assessment's text: its header (none at the top), the
/// keys its type knows, and its lines.
pub(crate) struct Table {
    pub(crate) header: Option<String>,
    pub(crate) known: &'static [&'static str],
    pub(crate) lines: Vec<String>,
}

pub(crate) fn text(tables: &[Table]) -> String {
    let mut text = String::new();
    for table in tables {
        if let Some(header) = &table.header {
            text += &format!("\n[{header}]\n");
        }
        for line in &table.lines {
            text += line;
            text.push('\n');
        }
    }
    text
}

impl Case {
    /// Each item's checklist, id and spec, in checklist order.
    pub(crate) fn items(&self) -> Vec<(usize, String, &ItemSpec)> {
        let mut k = 0;
        let mut out = Vec::new();
        for (j, items) in self.checklists.iter().enumerate() {
            for spec in items {
                out.push((j, format!("{}-{k}", spec.name), spec));
                k += 1;
            }
        }
        out
    }

    fn day(&self, days_before: i64) -> NaiveDate {
        self.as_of - TimeDelta::days(days_before)
    }

    fn checklist_text(&self, j: usize) -> String {
        let mut text = format!(
            "format = 1\nid = \"c{j}\"\nversion = \"1\"\ntitle.da = \"T\"\n\
             source = {{ publisher = \"P\", title = \"S\" }}\n"
        );
        for (_, id, spec) in self.items().into_iter().filter(|(c, ..)| *c == j) {
            let kind = match spec.kind {
                Kind::Duty => "duty",
                Kind::Recommendation => "recommendation",
            };
            text += &format!(
                "\n[[item]]\nid = {}\nkind = \"{kind}\"\ntitle.da = \"T\"\n",
                quoted(&id)
            );
            if let Some(w) = spec.weight {
                // Debug writes the shortest text that reads back exactly.
                text += &format!("weight = {w:?}\n");
            }
            if let Some(m) = spec.every_months {
                text += &format!("every-months = {m}\n");
            }
            if spec.calendar_year {
                text += "every = \"calendar-year\"\n";
            }
            if spec.counterparty {
                text += "counterparty.da = \"kommunalbestyrelsen\"\n";
            }
            if spec.conditional {
                text += "may-be-not-applicable = true\n";
            }
            if let Some(w) = spec.warn_days {
                text += &format!("warn-days = {w}\n");
            }
        }
        text
    }

    /// The assessment's tables, with the answers in the given order of
    /// items (a permutation of `0..MAX_ITEMS`).
    pub(crate) fn tables(&self, answers: &[Option<AnswerSpec>], order: &[usize]) -> Vec<Table> {
        let checklists: Vec<String> = (0..self.checklists.len())
            .map(|j| format!("\"c{j}.toml\""))
            .collect();
        let mut tables = vec![
            Table {
                header: None,
                known: &["format", "organisation", "assessment", "answers"],
                lines: vec!["format = 1".into()],
            },
            Table {
                header: Some("organisation".into()),
                known: &["name", "cvr", "municipality"],
                lines: vec!["name = \"O\"".into()],
            },
            Table {
                header: Some("assessment".into()),
                known: &["checklists", "date", "approved"],
                lines: vec![format!("checklists = [{}]", checklists.join(", "))],
            },
        ];
        let items = self.items();
        for &k in order {
            let (Some((_, id, spec)), Some(Some(a))) = (items.get(k), answers.get(k)) else {
                continue;
            };
            let header = format!("answers.{}", key(id));
            let mut lines = self.answer_lines(a);
            if spec.counterparty {
                lines.extend(a.requested.map(|d| format!("requested = {}", self.day(d))));
            }
            tables.push(Table {
                header: Some(header.clone()),
                known: &[
                    "status",
                    "date",
                    "evidence",
                    "note",
                    "explanation",
                    "plan",
                    "requested",
                ],
                lines,
            });
            if let Some(due) = a.plan {
                let mut lines = vec!["action = \"Do it.\"".to_owned()];
                lines.extend(due.map(|d| format!("due = {}", self.day(d))));
                tables.push(Table {
                    header: Some(format!("{header}.plan")),
                    known: &["action", "owner", "due"],
                    lines,
                });
            }
        }
        tables
    }

    fn answer_lines(&self, a: &AnswerSpec) -> Vec<String> {
        let status = match (a.status, a.danish) {
            (Status::Met, false) => "met",
            (Status::Partial, false) => "partial",
            (Status::Unmet, false) => "unmet",
            (Status::NotApplicable, false) => "not-applicable",
            (Status::Met, true) => "følger",
            (Status::Partial, true) => "følger-delvist",
            (Status::Unmet, true) => "følger-ikke",
            (Status::NotApplicable, true) => "ikke-relevant",
        };
        let mut lines = vec![format!("status = \"{status}\"")];
        lines.extend(a.date.map(|d| format!("date = {}", self.day(d))));
        if !a.evidence.is_empty() {
            let entries: Vec<String> = a
                .evidence
                .iter()
                .enumerate()
                .map(|(i, e)| quoted(&entry(i, *e)))
                .collect();
            lines.push(format!("evidence = [{}]", entries.join(", ")));
        }
        lines.extend(
            a.explanation
                .as_deref()
                .map(|e| format!("explanation = {}", quoted(e))),
        );
        lines
    }

    /// The assessment's text, answers in checklist order.
    pub(crate) fn assessment_text(&self, answers: &[Option<AnswerSpec>]) -> String {
        let order: Vec<usize> = (0..MAX_ITEMS).collect();
        text(&self.tables(answers, &order))
    }

    /// The checklists' files.
    pub(crate) fn files(&self) -> Files {
        Files(
            (0..self.checklists.len())
                .map(|j| (PathBuf::from(format!("c{j}.toml")), self.checklist_text(j)))
                .collect(),
        )
    }

    /// Loads an assessment with these answers.
    pub(crate) fn load(&self, answers: &[Option<AnswerSpec>]) -> Assessment {
        self.load_all(&[answers.to_vec()]).remove(0)
    }

    /// Loads an assessment for each set of answers, the checklists once.
    pub(crate) fn load_all(&self, sets: &[Vec<Option<AnswerSpec>>]) -> Vec<Assessment> {
        let mut files = self.files();
        for (i, answers) in sets.iter().enumerate() {
            files = files.with(&format!("a{i}.toml"), self.assessment_text(answers));
        }
        let mut loader = Loader::new(&files, Lang::En);
        (0..sets.len())
            .map(|i| load(&mut loader, &format!("a{i}.toml")))
            .collect()
    }
}

/// An evidence entry that turns out as `state` (see [`Files`]).
fn entry(i: usize, state: Evidence) -> String {
    match state {
        Url => format!("https://example.org/e{i}"),
        Found => format!("found/e{i}.pdf"),
        Missing => format!("missing/e{i}.pdf"),
        Outside => format!("../e{i}.pdf"),
    }
}

/// Files in memory. An evidence path is found under `found/`, outside
/// the folder under `..`, and missing anywhere else.
pub(crate) struct Files(Vec<(PathBuf, String)>);

impl Files {
    pub(crate) fn empty() -> Self {
        Files(Vec::new())
    }

    pub(crate) fn with(mut self, path: &str, text: String) -> Self {
        self.0.push((PathBuf::from(path), text));
        self
    }
}

impl Fs for Files {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.0
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, text)| text.clone().into_bytes())
            .ok_or_else(|| io::ErrorKind::NotFound.into())
    }
    fn exists(&self, path: &Path) -> bool {
        self.0.iter().any(|(p, _)| p == path)
    }
    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        self.exists(path).then(|| path.to_path_buf())
    }
    fn reach(&self, _: &Path, _: &Path) -> Reach {
        Reach::Allowed
    }
    fn evidence(&self, _: &Path, entry: &str) -> Evidence {
        if entry.starts_with("found/") {
            Found
        } else if entry.starts_with("../") {
            Outside
        } else {
            Missing
        }
    }
}

/// Loads an assessment that must load: every case is valid input.
pub(crate) fn load(loader: &mut Loader<'_>, path: &str) -> Assessment {
    match loader.assessment(Path::new(path), &[]) {
        Ok(a) => a,
        Err(diags) => panic!("{path} does not load: {diags:#?}"),
    }
}

/// An assessment against one checklist of `n` items, `I-0`, `I-1`, …,
/// duties and recommendations in turn, each answered with the TOML
/// `answer` gives for its number (or not at all), every evidence entry a
/// link. Made in memory, without
/// a text for the loader to read, for the tests that the work of a run
/// grows with the number of items and not with its square.
pub(crate) fn many<'a>(n: usize, answer: impl Fn(usize) -> Option<&'a str>) -> Assessment {
    let item = |kind: &str| -> Item {
        toml::from_str(&format!(
            "id = \"x\"\nkind = \"{kind}\"\ntitle.da = \"T\"\n"
        ))
        .unwrap()
    };
    let kinds = [item("duty"), item("recommendation")];
    let mut checklist: ChecklistFile = toml::from_str(
        "format = 1\nid = \"many\"\nversion = \"1\"\ntitle.da = \"T\"\n\
         source = { publisher = \"P\", title = \"S\" }\n",
    )
    .unwrap();
    let mut file: AssessmentFile = toml::from_str(
        "format = 1\norganisation.name = \"O\"\nassessment.checklists = [\"many\"]\n",
    )
    .unwrap();
    let mut answers: BTreeMap<&str, Answer> = BTreeMap::new();
    let mut evidence = BTreeMap::new();
    for i in 0..n {
        let id = format!("I-{i}");
        let mut item = kinds[i % 2].clone();
        item.id = toml::Spanned::new(0..0, id.clone());
        checklist.items.push(item);
        if let Some(text) = answer(i) {
            let answer = answers
                .entry(text)
                .or_insert_with(|| toml::from_str(text).unwrap());
            let links = answer.evidence.iter().map(|e| (e.get_ref().clone(), Url));
            evidence.insert(id.clone(), links.collect());
            file.answers
                .insert(toml::Spanned::new(0..0, id), answer.clone());
        }
    }
    Assessment {
        path: PathBuf::from("many.toml"),
        file_id: 0,
        file,
        checklists: vec![Arc::new(Checklist {
            file: checklist.into(),
            file_id: 0,
            path: None,
            sha256: Arc::new(crate::load::Fingerprint::of("")),
        })],
        evidence,
        per: Default::default(),
        sha256: crate::load::Fingerprint::of(""),
        lines: BTreeMap::new(),
        assessment_line: 1,
    }
}
