//! `check --format json`: the fields, counts, items, gaps and notices the
//! README's "Output formats" documents, and every gap reason of its "How it
//! scores".

use std::collections::BTreeSet;

use serde_json::Value;

use crate::{AS_OF, array, check, exits, json, str_field};

/// The 11 gap reasons of the README's "How it scores".
const REASONS: [&str; 13] = [
    "not-assessed",
    "unmet",
    "partial",
    "unexplained",
    "overdue",
    "stale",
    "date-missing",
    "no-evidence",
    "evidence-not-found",
    "plan-overdue",
    "na-unexplained",
    "duty-not-applicable",
    "awaiting-counterparty",
];

#[test]
fn json_compliant() {
    let stdout = exits(check(&["examples/almen.toml", "--format", "json"]), 0);
    let doc = json(&stdout);
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["as_of"], AS_OF);
    assert_eq!(doc["organisation"]["name"], "Boligforeningen Havbakken");
    assert_eq!(doc["adherence"].as_f64(), Some(100.0));
    assert_eq!(doc["compliant"], true);
    for key in ["critical", "major", "minor", "explained", "notices"] {
        assert_eq!(doc["counts"][key], 0, "counts.{key}");
    }
    let items = array(&doc, "items");
    // Three built-in checklists: 10 + 3 + 8 items.
    assert_eq!(items.len(), 21);
    // `følger` is an alias; the JSON says `met`.
    assert!(items.iter().all(|i| i["status"] == "met"), "{stdout}");
    assert!(array(&doc, "gaps").is_empty());
    assert!(array(&doc, "notices").is_empty());
    let sty = items.iter().find(|i| i["id"] == "STY-1").unwrap();
    assert_eq!(
        sty["due"], "2027-12-31",
        "the calendar year after the meeting"
    );
    assert_eq!(sty["kind"], "duty");
    insta::assert_snapshot!("json_almen", stdout);
}

#[test]
fn json_gaps() {
    let stdout = exits(check(&["examples/mangler.toml", "--format", "json"]), 1);
    let doc = json(&stdout);
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["as_of"], AS_OF);
    assert_eq!(doc["organisation"]["name"], "Boligselskabet Fjordglimt");
    assert_eq!(doc["adherence"].as_f64(), Some(46.9));
    assert_eq!(doc["compliant"], false);
    let counts = &doc["counts"];
    assert_eq!(counts["critical"], 4);
    assert_eq!(counts["major"], 4);
    assert_eq!(counts["minor"], 6);
    assert_eq!(counts["explained"], 2);
    assert_eq!(counts["notices"], 1);

    // items[]: every item of the three checklists, with the contract's
    // fields.
    let items = array(&doc, "items");
    assert_eq!(items.len(), 17);
    for item in items {
        for key in ["id", "checklist", "kind", "status", "value", "due"] {
            assert!(item.get(key).is_some(), "item lacks `{key}`: {item}");
        }
        // A number; `null` only for a not-applicable item, which is left
        // out of the score.
        assert!(
            item["value"].is_f64()
                || (item["value"].is_null() && item["status"] == "not-applicable"),
            "{item}"
        );
        assert!(["recommendation", "duty"].contains(&str_field(item, "kind")));
    }
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    let sty = item("STY-1");
    assert_eq!(sty["checklist"], "samarbejde-med-omverdenen");
    assert_eq!(sty["kind"], "duty");
    assert_eq!(sty["status"], "met");
    assert_eq!(
        sty["value"].as_f64(),
        Some(0.0),
        "overdue duty is worth 0, awaiting the municipality or not"
    );
    assert_eq!(
        sty["due"], "2025-12-31",
        "the calendar year after the meeting"
    );
    let nv13 = item("NV-13");
    assert_eq!(nv13["status"], "not-applicable");
    assert_eq!(
        nv13["value"].as_f64(),
        Some(0.0),
        "a duty declared not applicable stays in the score at 0"
    );
    let egn1 = item("EGN-1");
    assert_eq!(egn1["checklist"], "egne-krav");
    assert_eq!(
        egn1["value"].as_f64(),
        Some(0.5),
        "stale recommendation at most 0.5"
    );
    assert_eq!(egn1["due"], "2026-06-01");
    assert_eq!(item("OMV-1")["status"], Value::Null, "not assessed");
    assert_eq!(item("OMV-3")["status"], "unmet", "Danish alias følger-ikke");
    assert_eq!(item("EGN-2")["status"], "not-applicable");
    assert_eq!(item("EGN-2")["value"], Value::Null);
    assert_eq!(item("OMV-2")["value"].as_f64(), Some(0.5));

    // gaps[]: the contract's fields, and every reason there is.
    let gaps = array(&doc, "gaps");
    assert_eq!(gaps.len(), 14);
    for gap in gaps {
        for key in ["item", "severity", "reason", "message"] {
            assert!(gap[key].is_string(), "gap lacks `{key}`: {gap}");
        }
        assert!(!str_field(gap, "message").is_empty());
        assert!(["critical", "major", "minor"].contains(&str_field(gap, "severity")));
    }
    let reasons: BTreeSet<&str> = gaps.iter().map(|g| str_field(g, "reason")).collect();
    let expected: BTreeSet<&str> = REASONS.into_iter().collect();
    assert_eq!(reasons, expected, "mangler.toml shows every reason");
    let gap = |id: &str| {
        gaps.iter()
            .find(|g| g["item"] == id)
            .unwrap_or_else(|| panic!("no gap for {id}"))
    };
    for (id, severity, reason) in [
        ("OMV-1", "major", "not-assessed"),
        ("OMV-2", "major", "unexplained"),
        ("OMV-4", "minor", "plan-overdue"),
        ("OMV-5", "minor", "no-evidence"),
        ("OMV-6", "minor", "evidence-not-found"),
        ("LAB-6F-1", "critical", "unmet"),
        ("LAB-6F-2", "critical", "partial"),
        ("STY-1", "minor", "awaiting-counterparty"),
        ("NV-13", "critical", "duty-not-applicable"),
        ("EKS-3", "major", "unexplained"),
        ("EGN-1", "minor", "stale"),
        ("EGN-2", "major", "na-unexplained"),
        ("EGN-3", "minor", "date-missing"),
        ("EGN-4", "critical", "overdue"),
    ] {
        let g = gap(id);
        assert_eq!(
            (g["severity"].as_str(), g["reason"].as_str()),
            (Some(severity), Some(reason)),
            "{id}"
        );
    }
    // Explained recommendations are no gaps.
    assert!(gaps.iter().all(|g| g["item"] != "OMV-3"));
    // Awaiting the municipality: when it was asked, and what it stands in
    // for.
    assert_eq!(gap("STY-1")["requested"], "2025-10-15");
    assert_eq!(gap("STY-1")["instead_of"], "overdue");
    // An undocumented request stays critical and says so; a placeholder
    // explanation is named as one.
    assert!(
        str_field(gap("LAB-6F-1"), "message").contains("dokumenteret i `evidence`"),
        "{stdout}"
    );
    assert!(
        str_field(gap("EKS-3"), "message").contains("pladsholder"),
        "{stdout}"
    );

    // notices[]
    let notices = array(&doc, "notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0]["item"], "EKS-1");
    assert_eq!(notices[0]["reason"], "due-soon");
    assert_eq!(notices[0]["due"], "2026-12-31");

    insta::assert_snapshot!("json_mangler", stdout);
}

#[test]
fn json_messages_follow_the_language() {
    let da = json(&exits(
        check(&["examples/mangler.toml", "--format", "json"]),
        1,
    ));
    let en = json(&exits(
        check(&["examples/mangler.toml", "--format", "json", "--lang", "en"]),
        1,
    ));
    // The machine-readable parts do not change with the language.
    for key in ["format", "as_of", "adherence", "compliant", "counts"] {
        assert_eq!(da[key], en[key], "{key}");
    }
    let reasons = |doc: &Value| -> Vec<String> {
        array(doc, "gaps")
            .iter()
            .map(|g| format!("{} {} {}", g["item"], g["severity"], g["reason"]))
            .collect()
    };
    assert_eq!(reasons(&da), reasons(&en));
    assert_ne!(
        array(&da, "gaps")[0]["message"],
        array(&en, "gaps")[0]["message"]
    );
}

/// Each item carries its answer as written: the explanation (whether it
/// counts or not), the plan, the note; `null` where the answer has none,
/// and every field `null` (evidence empty) for an item with no answer.
#[test]
fn json_items_carry_the_answer() {
    let stdout = exits(check(&["examples/mangler.toml", "--format", "json"]), 1);
    let doc = json(&stdout);
    let item = |id: &str| {
        array(&doc, "items")
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("no item {id}"))
            .clone()
    };

    let omv4 = item("OMV-4");
    assert_eq!(omv4["explained"], true);
    assert!(str_field(&omv4, "explanation").starts_with("Vi har en boligsocial aftale"));
    assert_eq!(
        omv4["plan"],
        serde_json::json!({
            "action": "Indgå partnerskabsaftale med jobcentret om beskæftigelse blandt beboerne",
            "owner": "Direktionen",
            "due": "2026-09-01",
        })
    );
    assert_eq!(omv4["note"], Value::Null);

    // An explanation that does not count is still there, as written.
    let eks3 = item("EKS-3");
    assert_eq!(eks3["explained"], false);
    assert_eq!(eks3["explanation"], "TBD");

    let omv2 = item("OMV-2");
    assert!(str_field(&omv2, "note").starts_with("Vi mødes med kommunen"));
    assert_eq!(omv2["explanation"], Value::Null);
    assert_eq!(omv2["plan"], Value::Null);

    // No answer at all.
    let omv1 = item("OMV-1");
    assert_eq!(omv1["status"], Value::Null);
    for key in ["explanation", "plan", "note"] {
        assert_eq!(omv1[key], Value::Null, "{key}");
    }
    assert_eq!(array(&omv1, "evidence").len(), 0);
}
