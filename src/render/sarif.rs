//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other
//! viewers of static analysis results.
//!
//! Each gap is a result on the line of its item's answer (or of
//! `[assessment]` when the answer is missing). Its rule is the item, so code
//! scanning groups alerts by item, shows the item in full (`almen show`) as
//! the rule's help, and keeps one alert open for an item while it has a gap;
//! the reason and severity are in the result's message and properties.
//! Critical and major gaps are errors, minor ones warnings, deadlines due
//! soon notes. A file that could not be checked has one result for each of
//! its problems, the diagnostic's code as the rule. The same entries give
//! the same bytes: rules are in id order, results in the order of the
//! entries and of their gaps.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, PropertyBag,
    Region, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool,
    ToolComponent,
};

use super::diagnostics::JsonDiag;
use super::tally::{Memo, Rules};
use super::words::{
    Words, days_text, fail_under_text, gap_text, in_municipality, notice_title, notice_when,
};
use super::{Entry, Options, catalog};
use crate::diag::{Code, Level};
use crate::lang::Lang;
use crate::score::{Checked, Severity};

/// The schema the log names; code scanning and editors know it.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where a reader of an alert learns what almen is.
const INFORMATION_URI: &str = "https://crates.io/crates/almen";

/// What one entry adds to the log: its results, and the rules first met
/// in it. The log is written whole at the end, its rules listed once.
#[derive(Default)]
pub(super) struct Share {
    rules: Rules,
    results: Vec<SarifResult>,
}

/// The results of one entry, and the rules this thread has not made before.
pub(super) fn share(entry: &Entry<'_>, opts: &Options, memo: &mut Memo) -> Share {
    let lang = opts.lang;
    let mut share = Share::default();
    let (rules, results) = (&mut share.rules, &mut share.results);
    match entry {
        Entry::Checked(c) => {
            checked(c, lang, rules, results, memo);
            if let Some(threshold) = opts.under(c) {
                results.push(fail_under(c, threshold, lang, rules));
            }
        }
        Entry::Unchecked(u) => {
            for d in &u.diagnostics {
                results.push(diagnostic(d, &u.file, lang, rules));
            }
        }
    }
    share
}

impl Share {
    /// The next entry's share: its results after those before, and of its
    /// rules those not met before.
    pub(super) fn add(&mut self, next: Share) {
        for (id, rule) in next.rules {
            self.rules.entry(id).or_insert(rule);
        }
        self.results.extend(next.results);
    }

    /// Writes the log.
    pub(super) fn finish(self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        let Share { rules, mut results } = self;
        // Each result points at its rule by index too, as viewers prefer.
        let index: BTreeMap<&str, i64> = rules
            .keys()
            .zip(0..)
            .map(|(k, i)| (k.as_str(), i))
            .collect();
        for result in &mut results {
            result.rule_index = result.rule_id.as_deref().map(|id| index[id]);
        }
        let driver = ToolComponent::builder()
            .name("almen")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(INFORMATION_URI)
            .rules(rules.into_values().collect::<Vec<_>>())
            .build();
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .language(lang.pick("da", "en"))
            // Columns are counted in characters, as in every diagnostic.
            .column_kind("unicodeCodePoints")
            .results(results)
            .build();
        let log = Sarif::builder()
            .schema(SCHEMA)
            .version("2.1.0")
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// The results of one checked assessment, and the rules of their items.
fn checked(
    c: &Checked<'_>,
    lang: Lang,
    rules: &mut Rules,
    results: &mut Vec<SarifResult>,
    memo: &mut Memo,
) {
    let file = c.file();
    let loaded = c.assessment;
    let line_of = |item: &str, municipality: Option<&String>| {
        loaded.line_in(item, municipality.map(String::as_str))
    };
    // The item's id and title, and its rule, made the first time it is met.
    let mut item = |id: &str| -> String {
        let Some(r) = c.eval.item(id) else {
            return id.to_owned();
        };
        let title = lang.text(&r.item.title);
        let checklist = loaded.checklists.iter().find(|k| k.id() == r.checklist);
        // A rule is made where its item is first met: once a thread has
        // made it for an item of that checklist, the ones after have it.
        let made = (
            id.to_owned(),
            checklist.map_or(0, |k| Arc::as_ptr(k) as usize),
        );
        if !rules.contains_key(id) && !memo.sarif_rules.contains(&made) {
            memo.sarif_rules.insert(made);
            let help = checklist.map(|k| {
                let mut text = Vec::new();
                catalog::show(k, r.item, lang, &mut text).expect("writing to memory cannot fail");
                String::from_utf8_lossy(&text).trim_end().to_owned()
            });
            let kind = to_value(r.item.kind);
            let tags = vec![
                r.checklist.to_owned(),
                kind.as_str().unwrap_or("").to_owned(),
            ];
            let guidance = r.item.guidance.as_ref().map_or(title, |g| lang.text(g));
            let mut rule = ReportingDescriptor::builder()
                .id(id)
                .short_description(plain(title.to_owned()))
                .full_description(plain(guidance.to_owned()))
                .properties(PropertyBag {
                    tags: Some(tags),
                    additional_properties: BTreeMap::from([
                        ("checklist".to_owned(), r.checklist.into()),
                        ("kind".to_owned(), kind),
                    ]),
                })
                .build();
            rule.help = help.map(plain);
            rules.insert(id.to_owned(), rule);
        }
        format!("{id} {title}")
    };

    for gap in &c.eval.gaps {
        let (wrong, fix) = gap_text(lang, gap, c);
        let text = format!(
            "{} ({}, {}): {wrong} {fix}",
            item(&gap.item),
            lang.severity(gap.severity),
            lang.reason(gap.reason)
        );
        let mut properties = BTreeMap::from([
            ("severity".to_owned(), to_value(gap.severity)),
            ("reason".to_owned(), to_value(gap.reason)),
        ]);
        if let Some(due) = gap.due {
            properties.insert("due".to_owned(), to_value(due));
        }
        if let Some(m) = &gap.municipality {
            properties.insert("municipality".to_owned(), to_value(m));
        }
        let level = match gap.severity {
            Severity::Critical | Severity::Major => ResultLevel::Error,
            Severity::Minor => ResultLevel::Warning,
        };
        results.push(
            SarifResult::builder()
                .rule_id(gap.item.as_str())
                .level(level)
                .message(text_message(text))
                .locations(vec![location(
                    &file,
                    Some(line_of(&gap.item, gap.municipality.as_ref())),
                    None,
                )])
                .properties(PropertyBag {
                    tags: None,
                    additional_properties: properties,
                })
                .build(),
        );
    }
    for notice in &c.eval.notices {
        let text = format!(
            "{}{} ({}): {} ({}).",
            item(&notice.item),
            in_municipality(notice.municipality.as_deref()),
            notice_title(lang, notice.reason),
            notice_when(lang, notice.reason, notice.due, true),
            days_text(lang, notice.days)
        );
        results.push(
            SarifResult::builder()
                .rule_id(notice.item.as_str())
                .level(ResultLevel::Note)
                .message(text_message(text))
                .locations(vec![location(
                    &file,
                    Some(line_of(&notice.item, notice.municipality.as_ref())),
                    None,
                )])
                .properties(PropertyBag {
                    tags: None,
                    additional_properties: BTreeMap::from_iter(
                        [
                            ("reason".to_owned(), to_value(notice.reason)),
                            ("due".to_owned(), to_value(notice.due)),
                        ]
                        .into_iter()
                        .chain(
                            notice
                                .municipality
                                .as_ref()
                                .map(|m| ("municipality".to_owned(), to_value(m))),
                        ),
                    ),
                })
                .build(),
        );
    }
}

/// The rule of a result that says adherence is under `--fail-under`.
const FAIL_UNDER: &str = "fail-under";

/// Adherence under `--fail-under`: an error on the line of
/// `[assessment]`, as the GitHub annotation has it.
fn fail_under(c: &Checked<'_>, threshold: f64, lang: Lang, rules: &mut Rules) -> SarifResult {
    rules.entry(FAIL_UNDER.to_owned()).or_insert_with(|| {
        ReportingDescriptor::builder()
            .id(FAIL_UNDER)
            .short_description(plain(
                lang.pick(
                    "Efterlevelsen er under grænsen (--fail-under)",
                    "Adherence is under the threshold (--fail-under)",
                )
                .to_owned(),
            ))
            .build()
    });
    let text = fail_under_text(lang, c.eval.adherence, threshold);
    SarifResult::builder()
        .rule_id(FAIL_UNDER)
        .level(ResultLevel::Error)
        .message(text_message(text))
        .locations(vec![location(
            &c.file(),
            Some(c.assessment.assessment_line),
            None,
        )])
        .properties(PropertyBag {
            tags: None,
            additional_properties: BTreeMap::from([
                ("adherence".to_owned(), c.eval.adherence.into()),
                ("threshold".to_owned(), threshold.into()),
            ]),
        })
        .build()
}

/// One problem of a file that could not be checked, where it is: in the
/// file itself or in a checklist it names.
fn diagnostic(d: &JsonDiag<'_>, file: &str, lang: Lang, rules: &mut Rules) -> SarifResult {
    rules.entry(d.code.to_owned()).or_insert_with(|| {
        let describe = Code::parse(d.code).map_or("", |c| c.describe(lang));
        ReportingDescriptor::builder()
            .id(d.code)
            .short_description(plain(describe.to_owned()))
            .build()
    });
    let text = match d.hint {
        Some(hint) => format!("{} — {hint}", d.message),
        None => d.message.to_owned(),
    };
    let at = if d.file.is_empty() { file } else { d.file };
    let level = match d.severity {
        Level::Error => ResultLevel::Error,
        Level::Warning => ResultLevel::Warning,
    };
    SarifResult::builder()
        .rule_id(d.code)
        .level(level)
        .message(text_message(text))
        .locations(vec![location(at, d.line, d.column)])
        .build()
}

fn text_message(text: String) -> Message {
    Message {
        text: Some(text),
        ..Default::default()
    }
}

fn plain(text: String) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(text).build()
}

fn to_value(value: impl Serialize) -> Value {
    serde_json::to_value(value).expect("a plain value serializes")
}

fn location(file: &str, line: Option<usize>, column: Option<usize>) -> Location {
    let region = line.map(|line| Region {
        start_line: Some(line as i64),
        start_column: column.map(|c| c as i64),
        ..Default::default()
    });
    Location {
        physical_location: Some(PhysicalLocation {
            artifact_location: Some(ArtifactLocation {
                uri: Some(uri(file)),
                ..Default::default()
            }),
            region,
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// A file as given, as a URI reference: relative to where almen ran (for
/// code scanning, the root of the repository), or a `file:` URI for an
/// absolute path; `/`-separated, and every byte that may not stand in a
/// URI percent-encoded (`æ` is `%C3%A6`).
fn uri(file: &str) -> String {
    let path = file.replace(std::path::MAIN_SEPARATOR, "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("almen.toml"), "almen.toml");
        assert_eq!(uri("./org/almen.toml"), "org/almen.toml");
        assert_eq!(
            uri("indsendt/Bolig æ 1.toml"),
            "indsendt/Bolig%20%C3%A6%201.toml"
        );
        assert_eq!(uri("/tmp/a#b?.toml"), "file:///tmp/a%23b%3F.toml");
        assert_eq!(uri("100%.toml"), "100%25.toml");
    }
}
