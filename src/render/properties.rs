//! Properties of the output that hold for every checklist, assessment and
//! as-of date, checked on generated ones (see `score/cases.rs`).
//!
//! Scoring is pure: the same files give the same result, whatever order
//! they, and the answers in them, come in.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{Entry, Format, Options, render};
use crate::lang::Lang;
use crate::load::Loader;
use crate::model::Status;
use crate::score::cases::{MAX_ITEMS, answers, case, config, load, text};
use crate::score::{Checked, Counts, Evaluation, Gap, Notice, Severity};

/// One item's result, without its references into the files.
type ItemOutcome<'a> = (
    &'a str,
    &'a str,
    Option<Status>,
    Option<f64>,
    Option<NaiveDate>,
    Option<Severity>,
    bool,
);

/// What an evaluation says, without its references into the files.
#[derive(Debug, PartialEq)]
struct Outcome<'a> {
    adherence: f64,
    compliant: bool,
    counts: Counts,
    gaps: &'a [Gap],
    notices: &'a [Notice],
    items: Vec<ItemOutcome<'a>>,
}

fn outcome<'a>(e: &'a Evaluation<'_>) -> Outcome<'a> {
    Outcome {
        adherence: e.adherence,
        compliant: e.compliant,
        counts: e.counts,
        gaps: &e.gaps,
        notices: &e.notices,
        items: e
            .items
            .iter()
            .map(|i| {
                let (id, status) = (i.id(), i.status());
                (
                    id,
                    i.checklist,
                    status,
                    i.value,
                    i.due,
                    i.worst,
                    i.explained,
                )
            })
            .collect(),
    }
}

/// `--format json` for several assessments, as the command writes it.
fn json(results: [Checked<'_>; 2]) -> Vec<u8> {
    let results = results.map(Entry::Checked);
    let opts = Options {
        several: true,
        ..Options::plain(Lang::Da)
    };
    let mut out = Vec::new();
    render(Format::Json, &results, &opts, &mut out).unwrap();
    out
}

/// A JSON document for several assessments: the results by file, and
/// the rest. Each one fits `almen schema result`, whatever the answers.
fn by_file(json: &[u8]) -> (BTreeMap<String, serde_json::Value>, serde_json::Value) {
    let mut doc: serde_json::Value = serde_json::from_slice(json).unwrap();
    fits_the_result_schema(&doc);
    let results = doc["results"].take();
    let results = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["file"].as_str().unwrap().to_owned(), r.clone()))
        .collect();
    (results, doc)
}

fn fits_the_result_schema(doc: &serde_json::Value) {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    let validator = SCHEMA.get_or_init(|| {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&super::result_schema().to_value())
            .expect("the result schema is a valid JSON Schema")
    });
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{doc}");
}

proptest! {
    #![proptest_config(config())]

    /// Neither the order of the answers in an assessment's text nor the
    /// order in which the assessments of a folder are loaded and shown
    /// changes anything: each assessment is scored the same, and the JSON
    /// for them both has the same result for each file and the same
    /// totals.
    /// (That the mean across many cannot depend on their order is
    /// `score::tests::the_mean_does_not_depend_on_the_order`.)
    #[test]
    fn order_never_changes_the_result(
        case in case(),
        other in answers(),
        order in Just((0..MAX_ITEMS).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let files = case
            .files()
            .with("a.toml", case.assessment_text(&case.answers))
            .with("b.toml", case.assessment_text(&other));
        let mut loader = Loader::new(&files, Lang::En);
        let (a1, b1) = (load(&mut loader, "a.toml"), load(&mut loader, "b.toml"));
        // The same answers, in another order, loaded the other way round.
        let shuffled = case
            .files()
            .with("a.toml", text(&case.tables(&case.answers, &order)))
            .with("b.toml", text(&case.tables(&other, &order)));
        let mut loader = Loader::new(&shuffled, Lang::En);
        let (b2, a2) = (load(&mut loader, "b.toml"), load(&mut loader, "a.toml"));

        let forward = [Checked::new(&a1, case.as_of), Checked::new(&b1, case.as_of)];
        let backward = [Checked::new(&b2, case.as_of), Checked::new(&a2, case.as_of)];
        prop_assert_eq!(outcome(&forward[0].eval), outcome(&backward[1].eval));
        prop_assert_eq!(outcome(&forward[1].eval), outcome(&backward[0].eval));
        prop_assert_eq!(by_file(&json(forward)), by_file(&json(backward)));
    }
}
