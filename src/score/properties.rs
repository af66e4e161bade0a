//! Properties of the rules of docs/scoring.md that hold for every
//! checklist, assessment and as-of date, checked on generated ones.
//!
//! The files are written as TOML and read by the real loader from memory
//! (see `cases.rs`), so what is scored is what a user could write. The
//! cases come from a fixed seed, so every run checks the same ones;
//! `PROPTEST_RNG_SEED=N` draws others and `PROPTEST_CASES=N` more. A
//! failing case is kept in `proptest-regressions/` and tried first after.
//! That the order of answers and of assessments changes nothing is checked
//! with the JSON output, in `render/properties.rs`.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

use super::cases::{
    AnswerSpec, ItemSpec, MAX_ITEMS, answer, case, config, key, load, regex, text, weight,
};
use super::*;
use crate::diag::Code;
use crate::lang::Lang;
use crate::load::Loader;

use Evidence::Found;
use Reason::{AwaitingCounterparty, DateMissing, NoEvidence, Overdue, Partial, Stale};

// 1. Adherence ------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// Adherence is a finite number from 0 to 100 for any weights in the
    /// allowed range and any values, however many items (rule 8).
    #[test]
    fn adherence_is_between_0_and_100(
        weighted in prop::collection::vec(
            (weight(), prop::sample::select(vec![0.0, 0.5, 1.0])),
            0..200,
        ),
    ) {
        let a = adherence(weighted.iter().copied());
        prop_assert!(a.is_finite() && (0.0..=100.0).contains(&a), "{a}");
    }

    /// Every assessment of every checklist, as of any date, has an
    /// adherence that is a finite number from 0 to 100, and 100 when no
    /// item is in the score (rule 8).
    #[test]
    fn every_assessment_scores_between_0_and_100(case in case()) {
        let loaded = case.load(&case.answers);
        let e = evaluate(&loaded, case.as_of);
        prop_assert!(
            e.adherence.is_finite() && (0.0..=100.0).contains(&e.adherence),
            "{}",
            e.adherence
        );
        if e.items.iter().all(|i| i.value.is_none()) {
            prop_assert_eq!(e.adherence, 100.0);
        }
    }
}

// 2. Improving an answer --------------------------------------------------

/// One improvement of one item's answer: the answers before and after,
/// and the gaps it may bring (`None`: any).
struct Step {
    what: &'static str,
    before: Option<AnswerSpec>,
    after: Option<AnswerSpec>,
    may_add: Option<&'static [Reason]>,
}

/// The gaps a status one step up may bring: leaving unmet, a duty's
/// `unmet` becomes `partial`, and rule 4 checks a recurring item's date;
/// reaching met, rule 7 checks the evidence.
const FROM_UNMET: &[Reason] = &[Partial, DateMissing, Overdue, Stale, AwaitingCounterparty];
const TO_MET: &[Reason] = &[NoEvidence];

/// Every improvement of the answer for an item of this kind, or of no
/// answer; `spare` is an answer for an item that has none.
fn improvements(item: &ItemSpec, answer: &Option<AnswerSpec>, spare: &AnswerSpec) -> Vec<Step> {
    let kind = item.kind;
    // A request to the counterparty counts only when it is after the
    // answer's date: a date on or after it says the request was answered,
    // and what falls due next needs a request of its own (rule 11). Such a
    // date is a new situation, not an improvement.
    let requested = a_request(item, answer.as_ref());
    let before_request = |date: i64| requested.is_none_or(|r| date > r);
    let Some(a) = answer else {
        return vec![Step {
            what: "an answer where there was none",
            before: None,
            after: Some(spare.clone()),
            may_add: None,
        }];
    };
    let step = |what, after: AnswerSpec, may_add| Step {
        what,
        before: Some(a.clone()),
        after: Some(after),
        may_add: Some(may_add),
    };
    let mut steps = vec![
        step(
            "an explanation",
            AnswerSpec {
                explanation: Some("Because we are too small for it.".into()),
                ..a.clone()
            },
            &[],
        ),
        // Evidence may document a request to the counterparty: a critical
        // gap gives way to a minor `awaiting-counterparty` (rule 11).
        step(
            "found evidence",
            AnswerSpec {
                evidence: [a.evidence.as_slice(), &[Found]].concat(),
                ..a.clone()
            },
            &[AwaitingCounterparty],
        ),
    ];
    // A later date, up to as-of.
    if let Some(days) = a.date.filter(|d| *d > 0) {
        for later in [days / 2, 0].into_iter().filter(|d| before_request(*d)) {
            steps.push(step(
                "a later date",
                AnswerSpec {
                    date: Some(later),
                    ..a.clone()
                },
                &[],
            ));
        }
    }
    // A duty's date where there was none, up to as-of: `date-missing`
    // may give way to `overdue`. (Not a recommendation's: see the
    // property.)
    if a.date.is_none() && kind == Kind::Duty && before_request(spare.date.unwrap_or(0).max(0)) {
        steps.push(step(
            "a date where there was none",
            AnswerSpec {
                date: Some(spare.date.unwrap_or(0).max(0)),
                ..a.clone()
            },
            &[Overdue],
        ));
    }
    let (up, may_add) = match a.status {
        Status::Unmet => (Status::Partial, FROM_UNMET),
        Status::Partial => (Status::Met, TO_MET),
        Status::Met | Status::NotApplicable => return steps,
    };
    // Leaving unmet for partial without a date, a recurring item gains a
    // critical `date-missing` that no request to the counterparty eases,
    // where `unmet` had been eased to minor: that step claims progress it
    // does not date (the dated one below is checked).
    let recurs = item.every_months.is_some() || item.calendar_year;
    let eased_undated = requested.is_some() && a.date.is_none() && recurs;
    if !eased_undated {
        steps.push(step(
            "a status one step up",
            AnswerSpec {
                status: up,
                ..a.clone()
            },
            may_add,
        ));
    }
    // The same, on an answer dated as-of with evidence found: what the
    // new status's checks ask for is there.
    let in_order = AnswerSpec {
        date: Some(0),
        evidence: [a.evidence.as_slice(), &[Found]].concat(),
        ..a.clone()
    };
    steps.push(Step {
        what: "a status one step up, dated as-of with evidence",
        before: Some(in_order.clone()),
        after: Some(AnswerSpec {
            status: up,
            ..in_order
        }),
        // A duty's `unmet` still becomes `partial`.
        may_add: Some(if up == Status::Partial {
            &[Partial]
        } else {
            &[]
        }),
    });
    steps
}

/// When the answer asked the item's counterparty, in days before as-of.
fn a_request(item: &ItemSpec, answer: Option<&AnswerSpec>) -> Option<i64> {
    answer
        .and_then(|a| a.requested)
        .filter(|_| item.counterparty)
}

/// The gaps of `after` that `before` does not have, as (item, reason);
/// each gap counts once.
fn added(before: &Evaluation<'_>, after: &Evaluation<'_>) -> Vec<(String, Reason)> {
    let mut pool: Vec<(&str, Severity, Reason)> = before
        .gaps
        .iter()
        .map(|g| (g.item.as_str(), g.severity, g.reason))
        .collect();
    let mut out = Vec::new();
    for g in &after.gaps {
        match pool
            .iter()
            .position(|p| *p == (g.item.as_str(), g.severity, g.reason))
        {
            Some(i) => {
                pool.swap_remove(i);
            }
            None => out.push((g.item.clone(), g.reason)),
        }
    }
    out
}

/// Checks `after` against `before` for one step, as the property says.
fn no_worse(
    step: &Step,
    id: &str,
    before: &Evaluation<'_>,
    after: &Evaluation<'_>,
) -> Result<(), TestCaseError> {
    let what = step.what;
    prop_assert!(
        after.adherence >= before.adherence,
        "{what}: adherence fell from {} to {}",
        before.adherence,
        after.adherence
    );
    for (b, a) in before.items.iter().zip(&after.items) {
        prop_assert!(
            a.worst <= b.worst.max(Some(Severity::Minor)),
            "{what}: the worst gap of {} went from {:?} to {:?}",
            a.id(),
            b.worst,
            a.worst
        );
    }
    prop_assert!(
        !before.compliant || after.compliant,
        "{what}: no longer compliant"
    );
    if let Some(may_add) = step.may_add {
        for (item, reason) in added(before, after) {
            prop_assert!(
                item == id && may_add.contains(&reason),
                "{what}: a new gap {reason:?} for {item}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Improving one answer never makes the result worse.
    ///
    /// The improvements: an explanation; an evidence entry that is found;
    /// a later date, up to as-of; a duty's date where it had none; a
    /// status one step up (unmet → partial → met); an answer for an item
    /// that had none. After any of them:
    ///
    /// - adherence is not lower;
    /// - no item's worst gap is worse than before, unless it is minor: an
    ///   item never gains a critical or major gap, and a compliant
    ///   assessment stays compliant;
    /// - an explanation, found evidence or a later date adds no gap: the
    ///   gaps after are among those before, but for the minor
    ///   `awaiting-counterparty` that found evidence may put in place of a
    ///   critical gap (rule 11). A later date is not one on or after the
    ///   answer's `requested`: that says the request was answered, and
    ///   what falls due next needs a request of its own;
    /// - a duty's new date adds at most `overdue`, for the
    ///   `date-missing` it removes;
    /// - a status one step up adds only the gaps of what the new status
    ///   claims. Leaving unmet, a duty's `unmet` becomes `partial`, and a
    ///   recurring item may gain `date-missing`, `overdue` or `stale`
    ///   (rule 4 does not look at the date of an unmet answer); reaching
    ///   met, `no-evidence` (rule 7). On an answer dated as-of with
    ///   evidence found, it adds nothing but that `partial`.
    ///
    /// So counts may rise: a recurring duty with no date has one critical
    /// gap unmet and two partial (`partial`, `date-missing`); an explained
    /// recommendation has no gap unmet and a minor one partial without a
    /// date.
    ///
    /// A recommendation's date where it had none is not an improvement:
    /// met and recurring, it keeps its value, 1, without a date (a minor
    /// `date-missing`), but a date past due caps it at 0.5 (a minor
    /// `stale`), so giving the date can lower adherence.
    #[test]
    fn improving_an_answer_never_makes_the_result_worse(
        case in case(),
        pick in any::<Index>(),
        spare in answer(),
    ) {
        let items = case.items();
        if items.is_empty() {
            return Ok(());
        }
        let k = pick.index(items.len());
        let steps = improvements(items[k].2, &case.answers[k], &spare);
        // Each answer once: most steps start from the same one.
        let mut answers: Vec<&Option<AnswerSpec>> = Vec::new();
        let mut index = |a| match answers.iter().position(|b| *b == a) {
            Some(i) => i,
            None => {
                answers.push(a);
                answers.len() - 1
            }
        };
        let pairs: Vec<(usize, usize)> =
            steps.iter().map(|s| (index(&s.before), index(&s.after))).collect();
        let sets: Vec<Vec<Option<AnswerSpec>>> = answers
            .iter()
            .map(|&answer| {
                let mut set = case.answers.clone();
                set[k] = answer.clone();
                set
            })
            .collect();
        let loaded = case.load_all(&sets);
        for (step, (b, a)) in steps.iter().zip(pairs) {
            let before = evaluate(&loaded[b], case.as_of);
            let after = evaluate(&loaded[a], case.as_of);
            no_worse(step, &items[k].1, &before, &after)?;
        }
    }
}

// 3. Unknown keys ---------------------------------------------------------

/// A key, bare or quoted (it may be empty, or say anything).
fn any_key() -> impl Strategy<Value = String> {
    prop_oneof![regex("[a-z][a-z0-9_-]{0,10}"), regex("\\PC{0,8}")]
}

/// A TOML value of each type.
fn any_value() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "1",
        "-2.5",
        "true",
        "\"text\"",
        "''",
        "2026-01-01",
        "[]",
        "[1, \"a\"]",
        "{}",
        "{ a = 1 }",
    ])
}

proptest! {
    #![proptest_config(config())]

    /// A key that its table does not know, anywhere in a valid
    /// assessment (at the top, in `[organisation]`, `[assessment]`, an
    /// answer or its plan), is one diagnostic, E005, pointing at the key,
    /// and never a panic.
    #[test]
    fn an_unknown_key_anywhere_is_reported(
        case in case(),
        table in any::<Index>(),
        line in any::<Index>(),
        name in any_key(),
        value in any_value(),
        danish in any::<bool>(),
    ) {
        let order: Vec<usize> = (0..MAX_ITEMS).collect();
        let mut tables = case.tables(&case.answers, &order);
        let n = tables.len();
        let table = &mut tables[table.index(n)];
        let mut name = name;
        while table.known.contains(&name.as_str()) {
            name.push('x');
        }
        let written = key(&name);
        let at = line.index(table.lines.len() + 1);
        table.lines.insert(at, format!("{written} = {value}"));
        let bad = text(&tables);
        let files = case
            .files()
            .with("good.toml", case.assessment_text(&case.answers))
            .with("bad.toml", bad.clone());
        let lang = if danish { Lang::Da } else { Lang::En };
        let mut loader = Loader::new(&files, lang);
        load(&mut loader, "good.toml");
        let Err(diags) = loader.assessment(Path::new("bad.toml"), &[]) else {
            return Err(TestCaseError::fail(format!("{bad}\nloads")));
        };
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        prop_assert_eq!(codes, [Code::E005], "{}", bad);
        let span = diags[0].place.as_ref().unwrap().span.clone();
        prop_assert_eq!(&bad[span], written.as_str());
    }
}
