//! JSON Schema of the two file formats, generated from the same types that
//! parse them, so editors and almen agree on what a file may hold; and of
//! `check --format json` and `diff --format json`, generated from the types
//! that write them.

use schemars::generate::SchemaSettings;

use crate::load::FileKind;
use crate::model::{AssessmentFile, ChecklistFile};
use crate::render;

/// What `almen schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Described {
    Checklist,
    Assessment,
    // What `check --format json` prints.
    Result,
    // What `diff --format json` prints.
    Diff,
}

impl From<FileKind> for Described {
    fn from(kind: FileKind) -> Self {
        match kind {
            FileKind::Checklist => Described::Checklist,
            FileKind::Assessment => Described::Assessment,
        }
    }
}

pub fn schema(kind: impl Into<Described>) -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let (mut schema, title) = match kind.into() {
        Described::Checklist => (
            generator.into_root_schema_for::<ChecklistFile>(),
            "almen checklist",
        ),
        Described::Assessment => (
            generator.into_root_schema_for::<AssessmentFile>(),
            "almen self-assessment",
        ),
        Described::Result => return render::result_schema().to_value(),
        Described::Diff => return render::diff::schema().to_value(),
    };
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// A TOML document as the JSON a schema validates: dates become the
/// strings a schema-aware editor sees (`format: date`).
pub fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validator(kind: FileKind) -> jsonschema::Validator {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema(kind))
            .expect("the schema is a valid JSON Schema")
    }

    // That every example, built-in checklist and valid fixture fits its
    // schema is tested end to end, on `almen schema`'s own output
    // (tests/cli/catalog.rs).

    #[test]
    fn the_schema_rejects_what_the_parser_rejects() {
        let assessment = validator(FileKind::Assessment);
        let base = r#"
            format = 1
            [organisation]
            name = "X"
            [assessment]
            checklists = ["samarbejde-med-omverdenen"]
        "#;
        let bad = [
            "[answers.OMV-1]\nstatus = \"maybe\"",
            "[answers.OMV-1]\nstatu = \"met\"",
            "[answers.OMV-1]\nstatus = \"met\"\ndate = \"2026-13-01\"",
            "[answers.OMV-1]\nstatus = \"met\"\nevidence = [3]",
            "[answers.OMV-1]\nstatus = \"met\"\nplan = { owner = \"x\" }",
        ];
        assert!(assessment.is_valid(&toml_to_json(toml::from_str(base).unwrap())));
        for tail in bad {
            let json = toml_to_json(toml::from_str(&format!("{base}\n{tail}")).unwrap());
            assert!(!assessment.is_valid(&json), "{tail}");
        }
        let good =
            "[answers.OMV-1]\nstatus = \"følger-delvist\"\ndate = 2026-02-28\nexplanation = \"x\"";
        assert!(assessment.is_valid(&toml_to_json(
            toml::from_str(&format!("{base}\n{good}")).unwrap()
        )));
    }

    #[test]
    fn the_schema_accepts_the_status_words_the_parser_accepts() {
        use crate::model::status_spellings::{REJECTED, accepted};

        let assessment = validator(FileKind::Assessment);
        let doc = |status: &str| {
            serde_json::json!({
                "format": 1,
                "organisation": { "name": "X" },
                "assessment": { "checklists": ["samarbejde-med-omverdenen"] },
                "answers": { "OMV-1": { "status": status } },
            })
        };
        for (word, _) in accepted() {
            let errors: Vec<String> = assessment
                .iter_errors(&doc(&word))
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{word:?}: {errors:?}");
        }
        for word in REJECTED {
            assert!(!assessment.is_valid(&doc(word)), "{word:?}");
        }
    }

    #[test]
    fn weights_must_be_above_zero() {
        let checklist = validator(FileKind::Checklist);
        let doc = |weight: &str| {
            toml_to_json(
                toml::from_str(&format!(
                    "format = 1\nid = \"x\"\nversion = \"1\"\ntitle = {{ da = \"X\" }}\n[source]\npublisher = \"P\"\ntitle = \"T\"\n[[item]]\nid = \"X-1\"\nkind = \"duty\"\nweight = {weight}\ntitle = {{ da = \"X\" }}\n"
                ))
                .unwrap(),
            )
        };
        assert!(checklist.is_valid(&doc("2")));
        assert!(!checklist.is_valid(&doc("0")));
    }
}
