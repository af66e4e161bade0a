//! JSON Schema of the two file formats, generated from the same types that
//! parse them, so editors and almen agree on what a file may hold.

use schemars::generate::SchemaSettings;

use crate::load::FileKind;
use crate::model::{AssessmentFile, ChecklistFile};

pub fn schema(kind: FileKind) -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let (mut schema, title) = match kind {
        FileKind::Checklist => (
            generator.into_root_schema_for::<ChecklistFile>(),
            "almen checklist",
        ),
        FileKind::Assessment => (
            generator.into_root_schema_for::<AssessmentFile>(),
            "almen self-assessment",
        ),
    };
    schema.insert("title".into(), title.into());
    schema.to_value()
}
