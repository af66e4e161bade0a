//! Reading checklists and assessments: the types the rest of almen uses,
//! and the [`Loader`] that takes each file through the steps.
//!
//! A file is read (`read`: bytes to text), parsed (`parse`: text to
//! values, with the template's unedited placeholders found by
//! `placeholder`), the checklists it names are found and loaded once
//! (`resolve`), and what it says is checked (`validate`). Every problem
//! becomes a [`Diag`], made where it is found and worded in `diags`; a
//! file is only accepted when it has none. The file system is reached
//! through [`Fs`] so the loader can be tested without one.
//!
//! This module only runs the steps: it finds no problems and words none.

#[rustfmt::skip]
mod builtin;
mod diags;
#[cfg(test)]
mod literal;
mod parse;
pub mod placeholder;
mod plain;
mod read;
mod recover;
mod resolve;

pub use resolve::normalize;
mod validate;

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use toml::de::DeTable;

use crate::diag::{Diag, FileId, Held, Level, Sources};
use crate::lang::Lang;
use crate::model::{Answer, AssessmentFile, ChecklistFile};

/// The largest weight an item may have; sums of weights stay exact.
pub const MAX_WEIGHT: f64 = 1000.0;
/// The smallest weight an item may have: a smaller one would vanish in the
/// sums (5e-324 × 0.5 is 0) and turn a partial item into nothing.
pub const MIN_WEIGHT: f64 = 0.001;
/// The longest recurrence, in months: a century.
pub const MAX_MONTHS: u32 = 1200;

/// A checklist shipped inside the binary.
pub struct Builtin {
    pub id: &'static str,
    pub path: &'static str,
    pub text: &'static str,
}

/// The built-in checklists, by id.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "samarbejde-med-omverdenen",
        path: "checklists/samarbejde-med-omverdenen.toml",
        text: include_str!("../../checklists/samarbejde-med-omverdenen.toml"),
    },
    Builtin {
        id: "ekstern-repraesentation",
        path: "checklists/ekstern-repraesentation.toml",
        text: include_str!("../../checklists/ekstern-repraesentation.toml"),
    },
    Builtin {
        id: "forbrugervalg-til-vandselskaber",
        path: "checklists/forbrugervalg-til-vandselskaber.toml",
        text: include_str!("../../checklists/forbrugervalg-til-vandselskaber.toml"),
    },
];

/// A built-in checklist as made by code (`builtin.rs`).
struct Made {
    id: &'static str,
    /// The text it was made from: a checklist changed since is parsed.
    from: &'static str,
    /// That text's SHA-256.
    sha256: &'static str,
    make: fn() -> ChecklistFile,
}

/// Why a file was not read: it is a link to a file whose name does not
/// end in `.toml` (a `.git/config`, a `.env`, `/proc/self/environ`). A file
/// almen reads is quoted back in its diagnostics, line by line, so a link
/// named `almen.toml` must not make it quote another kind of file.
#[derive(Debug)]
pub struct LinkNotToml;

impl std::fmt::Display for LinkNotToml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a link to a file that is not a .toml file")
    }
}

impl std::error::Error for LinkNotToml {}

/// What the loader needs from the file system.
pub trait Fs {
    /// The bytes of a file; a link to a file whose name does not end in
    /// `.toml` is an error holding [`LinkNotToml`], and is not read.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    fn exists(&self, path: &Path) -> bool;
    /// The path with links and `..` resolved, when it exists: two spellings
    /// of one file are one file.
    fn canonical(&self, path: &Path) -> Option<PathBuf>;
    /// Whether the checklist file `path`, named in an assessment in the
    /// folder `folder`, may be opened at all (see [`Reach`]). A path that
    /// does not exist may: reading it then says so.
    fn reach(&self, path: &Path, folder: &Path) -> Reach;
    /// Where an evidence path of an assessment in the folder `base` points:
    /// the whole rule for what such a path may reach (inside the folder as
    /// written, and after following links) is the implementation's.
    fn evidence(&self, base: &Path, entry: &str) -> Evidence;
}

/// The most a checklist named in an assessment may hold.
pub const MAX_CHECKLIST_BYTES: u64 = 1 << 20;

/// Whether a checklist path written in an assessment may be opened. An
/// assessment is often someone else's: it may name a checklist inside its
/// own folder or the folder almen runs in (after following links), a
/// regular file of at most [`MAX_CHECKLIST_BYTES`], and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Allowed,
    Outside,
    NotAFile,
    TooLarge,
}

/// What an evidence entry turned out to be. Paths are only looked up,
/// never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    Url,
    Found,
    Missing,
    /// The path leaves the assessment's folder; it was not looked at.
    Outside,
}

/// Whether an evidence entry is a link rather than a path. Where a path
/// may lead is the file system's question (`Fs::evidence`).
pub fn is_url(entry: &str) -> bool {
    entry.contains("://") || entry.starts_with("mailto:")
}

/// A checklist that loaded without problems.
#[derive(Debug)]
pub struct Checklist {
    pub file: Arc<ChecklistFile>,
    pub file_id: FileId,
    /// `None` for a built-in checklist.
    pub path: Option<PathBuf>,
    /// SHA-256 of the file as read, so a report says exactly what was used;
    /// worked out when first asked for, as an assessment's.
    pub sha256: Arc<Fingerprint>,
}

impl Checklist {
    pub fn id(&self) -> &str {
        self.file.id.get_ref()
    }

    /// The file as a reader knows it: its path, or `<indbygget>/ID.toml`.
    pub fn display_name(&self, lang: Lang) -> String {
        match &self.path {
            Some(p) => display(p),
            None => diags::builtin_name(lang, self.id()),
        }
    }
}

/// An assessment that loaded without problems, with its checklists.
#[derive(Debug)]
pub struct Assessment {
    pub path: PathBuf,
    pub file_id: FileId,
    pub file: AssessmentFile,
    pub checklists: Vec<Arc<Checklist>>,
    /// For each answer, what each of its evidence entries turned out to be.
    pub evidence: BTreeMap<String, Vec<(String, Evidence)>>,
    /// SHA-256 of the assessment file as read, worked out when asked for.
    pub sha256: Fingerprint,
    /// The line of each answer's `[answers.ID]`, and of `[assessment]`, for
    /// formats that point back into the file.
    pub lines: BTreeMap<String, usize>,
    pub assessment_line: usize,
    /// For each item answered per municipality, its entries in the order
    /// the organisation lists the municipalities (a municipality with no
    /// entry has none here).
    pub per: BTreeMap<String, Vec<PerEntry>>,
}

/// One municipality's answer to an item (`[[answers.ID.per]]`), as an
/// answer of its own.
#[derive(Debug)]
pub struct PerEntry {
    pub municipality: String,
    pub answer: Answer,
    /// What each of its evidence entries turned out to be.
    pub evidence: Vec<(String, Evidence)>,
    /// The line of its `municipality = …`.
    pub line: usize,
}

impl Assessment {
    /// The line of an answer's `[answers.ID]`, or of `[assessment]` for an
    /// item with no answer: where formats that point into the file point.
    pub fn line_of(&self, item: &str) -> usize {
        self.lines
            .get(item)
            .copied()
            .unwrap_or(self.assessment_line)
    }

    /// [`Assessment::line_of`] for one municipality's entry, where the
    /// item is answered per municipality and it has one.
    pub fn line_in(&self, item: &str, municipality: Option<&str>) -> usize {
        municipality
            .and_then(|m| self.entry(item, m))
            .map_or_else(|| self.line_of(item), |e| e.line)
    }

    /// One municipality's entry for an item answered per municipality.
    pub fn entry(&self, item: &str, municipality: &str) -> Option<&PerEntry> {
        self.per
            .get(item)?
            .iter()
            .find(|e| e.municipality == municipality)
    }

    /// Every evidence entry of an item: its answer's, then each
    /// municipality's entry's, in the order the municipalities are listed.
    pub fn all_evidence(&self, item: &str) -> impl Iterator<Item = &(String, Evidence)> {
        self.evidence.get(item).into_iter().flatten().chain(
            self.per
                .get(item)
                .into_iter()
                .flatten()
                .flat_map(|e| &e.evidence),
        )
    }

    /// What the evidence of an item's answer, or of one municipality's
    /// entry, turned out to be.
    pub fn evidence_of(&self, item: &str, municipality: Option<&str>) -> &[(String, Evidence)] {
        match municipality {
            Some(m) => self.entry(item, m).map_or(&[], |e| &e.evidence),
            None => self.evidence.get(item).map_or(&[], Vec::as_slice),
        }
    }
}

/// Loads checklists once, however many assessments name them.
pub struct Loader<'a> {
    pub fs: &'a dyn Fs,
    pub lang: Lang,
    pub sources: Sources,
    /// Each checklist once, with whether it loaded without problems.
    cache: resolve::Cache,
}

/// Where a checklist was named, so that one that cannot be found is
/// reported there, with the folder its path is relative to.
enum NamedAt {
    /// In an assessment's `checklists`, at this place.
    File { file: FileId, span: Range<usize> },
    /// With `--checklist` on the command line.
    CommandLine,
}

impl<'a> Loader<'a> {
    pub fn new(fs: &'a dyn Fs, lang: Lang) -> Self {
        Loader {
            fs,
            lang,
            sources: Sources::default(),
            cache: resolve::Cache::default(),
        }
    }

    /// Loads an assessment, its checklists and its evidence.
    /// `extra` are checklists from the command line, relative to the
    /// working directory.
    pub fn assessment(&mut self, path: &Path, extra: &[String]) -> Result<Assessment, Vec<Diag>> {
        let file_id = self.read_file(path)?;
        self.assessment_at(file_id, path, extra)
    }

    /// Reads a file and registers it, for the `*_at` functions.
    pub fn read_file(&mut self, path: &Path) -> Result<FileId, Vec<Diag>> {
        let mut diags = Vec::new();
        read::file(self.fs, &mut self.sources, self.lang, path, &mut diags).ok_or(diags)
    }

    /// Lets go of the texts of the files registered from `from` on, but
    /// for the checklists among them: once an assessment is checked and
    /// written out, nothing points into it again. Their names stay.
    pub fn release_since(&mut self, from: FileId) {
        let kept: Vec<FileId> = self
            .cache
            .values()
            .filter_map(|(c, _)| c.as_ref().map(|c| c.file_id))
            .filter(|&id| id >= from)
            .collect();
        if kept.is_empty() {
            // Nothing points into them again: they go, names and all.
            self.sources.truncate(from);
        }
        for id in from..self.sources.len() {
            if !kept.contains(&id) {
                self.sources.release(id);
            }
        }
    }

    /// What a registered file is, judged by its top-level tables; `None`
    /// when it does not parse or has the marks of neither.
    pub fn kind_of(&self, file_id: FileId) -> Option<FileKind> {
        let (root, _) = DeTable::parse_recoverable(self.sources.text(file_id));
        FileKind::of(root.get_ref())
    }

    /// Where the value at `path` (`["organisation", "name"]`) is written
    /// in a registered file, for a diagnostic to point at; `None` where the
    /// file does not have it.
    pub fn span_of(&self, file_id: FileId, path: &[&str]) -> Option<Range<usize>> {
        let (root, _) = DeTable::parse_recoverable(self.sources.text(file_id));
        let (first, rest) = path.split_first()?;
        let mut value = root.get_ref().get(*first)?;
        for key in rest {
            match value.get_ref() {
                toml::de::DeValue::Table(table) => value = table.get(*key)?,
                _ => return None,
            }
        }
        Some(value.span())
    }

    /// Loads a registered checklist file on its own.
    pub fn checklist_at(
        &mut self,
        file_id: FileId,
        path: &Path,
    ) -> Result<Arc<Checklist>, Vec<Diag>> {
        let mut diags = Vec::new();
        let checklist = self.checklist_file(file_id, Some(path.to_path_buf()), &mut diags);
        match checklist {
            Some(c) if diags.is_empty() => Ok(Arc::new(c)),
            _ => {
                sort(&mut diags);
                Err(diags)
            }
        }
    }

    /// Loads a registered assessment file, its checklists and its evidence.
    pub fn assessment_at(
        &mut self,
        file_id: FileId,
        path: &Path,
        extra: &[String],
    ) -> Result<Assessment, Vec<Diag>> {
        let base = path.parent().unwrap_or(Path::new(""));
        self.assessment_unsorted(file_id, path, base, extra)
            .map_err(sorted)
    }

    /// Loads an assessment that is no file of its own (one read from
    /// standard input), registered under `name`; the paths it names
    /// (checklists, evidence) are relative to the folder `base`, and held
    /// to that folder as a file's are to its own.
    pub fn assessment_from(
        &mut self,
        name: &str,
        bytes: Vec<u8>,
        base: &Path,
        extra: &[String],
    ) -> Result<Assessment, Vec<Diag>> {
        let mut diags = Vec::new();
        let Some(file_id) = read::text(
            &mut self.sources,
            self.lang,
            name.to_owned(),
            bytes,
            &mut diags,
        ) else {
            return Err(diags);
        };
        self.assessment_unsorted(file_id, Path::new(name), base, extra)
            .map_err(sorted)
    }

    /// Loads a checklist file on its own (for `--checklist` listings).
    pub fn checklist_by_name(&mut self, name: &str) -> Result<Arc<Checklist>, Vec<Diag>> {
        let mut diags = Vec::new();
        match self.checklist(name, None, &NamedAt::CommandLine, &mut diags) {
            (Some(c), true) => Ok(c),
            _ => Err(diags),
        }
    }

    /// Reads a file found in a folder and, when it is an assessment, loads
    /// it with its checklists and its evidence; `Ok(None)` when it is not
    /// one (a checklist beside them, or other TOML). A file that cannot be
    /// read or decoded could be an assessment: its problems are returned.
    /// A plain assessment is read once, straight from the parser's events
    /// ([`plain`]); any other file is parsed once more, as a tree of tables
    /// that tells what it is and is read.
    pub fn found(
        &mut self,
        path: &Path,
        extra: &[String],
    ) -> Result<Option<Assessment>, Vec<Diag>> {
        let file_id = self.read_file(path)?;
        let text = self.sources.shared(file_id);
        let base = path.parent().unwrap_or(Path::new(""));
        if let Some(file) = plain::assessment(&text) {
            return self
                .assessment_of(file_id, path, base, extra, file, Vec::new())
                .map(Some)
                .map_err(sorted);
        }
        let (root, syntax) = DeTable::parse_recoverable(&text);
        if FileKind::found(root.get_ref(), &syntax) != Some(FileKind::Assessment) {
            return Ok(None);
        }
        self.assessment_parsed(file_id, path, base, extra, root, syntax)
            .map(Some)
            .map_err(sorted)
    }

    /// Loads a registered file as what it is, a plain one read straight
    /// from the parser's events and any other parsed once more, as a tree
    /// of tables, to tell which and to read it: a checklist, or an
    /// assessment with its checklists and its evidence. A file with the
    /// marks of neither is taken for an assessment when `named` (the user
    /// meant it to be checked) or when it does not parse, and is `None`
    /// otherwise.
    pub fn any_at(
        &mut self,
        file_id: FileId,
        path: &Path,
        extra: &[String],
        named: bool,
    ) -> Option<Result<Loaded, Vec<Diag>>> {
        let text = self.sources.shared(file_id);
        let base = path.parent().unwrap_or(Path::new(""));
        match plain::either(&text) {
            Some(plain::Plain::Assessment(file)) => {
                let loaded = self.assessment_of(file_id, path, base, extra, file, Vec::new());
                let loaded = loaded.map(|a| Loaded::Assessment(Box::new(a)));
                return Some(loaded.map_err(sorted));
            }
            Some(plain::Plain::Checklist(file)) => {
                let mut diags = Vec::new();
                let path = Some(path.to_path_buf());
                let checklist = self.checklist_of(file_id, path, file, &mut diags);
                return Some(if diags.is_empty() {
                    Ok(Loaded::Checklist(Arc::new(checklist)))
                } else {
                    Err(sorted(diags))
                });
            }
            None => {}
        }
        let (root, syntax) = DeTable::parse_recoverable(&text);
        let kind = if named {
            FileKind::of(root.get_ref()).or(Some(FileKind::Assessment))
        } else {
            FileKind::found(root.get_ref(), &syntax)
        };
        let loaded = match kind {
            None => return None,
            Some(FileKind::Checklist) => {
                let mut diags = Vec::new();
                let parsed = parse::parsed(
                    self.sources.name(file_id),
                    &text,
                    self.lang,
                    file_id,
                    FileKind::Checklist,
                    (root, syntax),
                    &mut diags,
                );
                let checklist = parsed.map(|file| {
                    self.checklist_of(file_id, Some(path.to_path_buf()), file, &mut diags)
                });
                match checklist {
                    Some(c) if diags.is_empty() => Ok(Loaded::Checklist(Arc::new(c))),
                    _ => Err(diags),
                }
            }
            _ => self
                .assessment_parsed(file_id, path, base, extra, root, syntax)
                .map(|a| Loaded::Assessment(Box::new(a))),
        };
        Some(loaded.map_err(sorted))
    }

    fn assessment_unsorted(
        &mut self,
        file_id: FileId,
        path: &Path,
        base: &Path,
        extra: &[String],
    ) -> Result<Assessment, Vec<Diag>> {
        let text = self.sources.shared(file_id);
        if let Some(file) = plain::assessment(&text) {
            return self.assessment_of(file_id, path, base, extra, file, Vec::new());
        }
        let (root, syntax) = DeTable::parse_recoverable(&text);
        self.assessment_parsed(file_id, path, base, extra, root, syntax)
    }

    /// Loads a registered assessment file from what the parser made of it.
    fn assessment_parsed(
        &mut self,
        file_id: FileId,
        path: &Path,
        base: &Path,
        extra: &[String],
        root: toml::Spanned<DeTable<'_>>,
        syntax: Vec<toml::de::Error>,
    ) -> Result<Assessment, Vec<Diag>> {
        let mut diags = Vec::new();
        let text = self.sources.shared(file_id);
        let parsed = parse::parsed::<AssessmentFile>(
            self.sources.name(file_id),
            &text,
            self.lang,
            file_id,
            FileKind::Assessment,
            (root, syntax),
            &mut diags,
        );
        let Some(assessment) = parsed else {
            return Err(diags);
        };
        self.assessment_of(file_id, path, base, extra, assessment, diags)
    }

    /// Loads the checklists and the evidence of an assessment read from its
    /// registered file, with the problems reading it gave.
    fn assessment_of(
        &mut self,
        file_id: FileId,
        path: &Path,
        base: &Path,
        extra: &[String],
        assessment: AssessmentFile,
        mut diags: Vec<Diag>,
    ) -> Result<Assessment, Vec<Diag>> {
        let before = diags.len();
        let checklists = self.checklists_of(file_id, &assessment, base, extra, &mut diags);
        // A checklist named but not loaded may be the one an unknown
        // answer is for: one misspelt id is one error, not one for each
        // of its answers.
        let unread = diags[before..]
            .iter()
            .any(|d| d.code.level() == Level::Error);
        validate::assessment(
            self.lang,
            file_id,
            self.sources.text(file_id),
            &assessment,
            validate::Named {
                count: assessment.assessment.checklists.len() + extra.len(),
                unread,
            },
            &checklists,
            &mut diags,
        );
        if !diags.is_empty() {
            return Err(diags);
        }

        // Only now, with every answer for a loaded item, is the evidence
        // worth looking up: each entry once, however many answers name it.
        let mut found: BTreeMap<String, Evidence> = BTreeMap::new();
        let mut look_up = |evidence: &[toml::Spanned<String>]| -> Vec<(String, Evidence)> {
            evidence
                .iter()
                .map(|e| {
                    let entry = e.get_ref().clone();
                    let state = if is_url(&entry) {
                        Evidence::Url
                    } else {
                        *found
                            .entry(entry.clone())
                            .or_insert_with(|| self.fs.evidence(base, &entry))
                    };
                    (entry, state)
                })
                .collect()
        };
        let evidence = assessment
            .answers
            .iter()
            .map(|(id, answer)| (id.get_ref().clone(), look_up(&answer.evidence)))
            .collect();
        let listed = assessment.organisation.listed();
        let mut per: BTreeMap<String, Vec<PerEntry>> = BTreeMap::new();
        for (id, answer) in assessment.answers.iter().filter(|(_, a)| !a.per.is_empty()) {
            let entries = listed
                .iter()
                .filter_map(|m| answer.per.iter().find(|e| e.municipality.get_ref() == m))
                .map(|e| PerEntry {
                    municipality: e.municipality.get_ref().clone(),
                    answer: e.answer(),
                    evidence: look_up(&e.evidence),
                    line: e.municipality.span().start,
                })
                .collect();
            per.insert(id.get_ref().clone(), entries);
        }
        // The line of each answer's table and of `[assessment]`, counted
        // in one pass over the file.
        let text = self.sources.text(file_id);
        let mut at: Vec<(usize, Option<&String>)> = assessment
            .answers
            .keys()
            .map(|id| (id.span().start, Some(id.get_ref())))
            .chain(text.find("[assessment]").map(|offset| (offset, None)))
            .collect();
        // A `per` entry's line is counted in the same pass: until then,
        // its `line` holds the offset of its `municipality`.
        let mut entry_lines: Vec<(usize, &mut usize)> = per
            .values_mut()
            .flatten()
            .map(|e| (e.line, &mut e.line))
            .collect();
        entry_lines.sort_unstable_by_key(|(offset, _)| *offset);
        let mut entry_lines = entry_lines.into_iter().peekable();
        at.sort_unstable();
        let (mut lines, mut assessment_line) = (BTreeMap::new(), 1);
        let (mut line, mut from) = (1, 0);
        let count_to = |offset: usize, line: &mut usize, from: &mut usize| {
            *line += memchr::memchr_iter(b'\n', &text.as_bytes()[*from..offset]).count();
            *from = offset;
        };
        for (offset, id) in at {
            while let Some((entry, slot)) = entry_lines.next_if(|(o, _)| *o < offset) {
                count_to(entry, &mut line, &mut from);
                *slot = line;
            }
            count_to(offset, &mut line, &mut from);
            match id {
                Some(id) => {
                    lines.insert(id.clone(), line);
                }
                None => assessment_line = line,
            }
        }
        for (entry, slot) in entry_lines {
            count_to(entry, &mut line, &mut from);
            *slot = line;
        }
        Ok(Assessment {
            path: path.to_path_buf(),
            file_id,
            sha256: Fingerprint::of(self.sources.shared(file_id)),
            lines,
            assessment_line,
            file: assessment,
            checklists,
            evidence,
            per,
        })
    }

    /// Parses and checks a registered checklist file. What could be read
    /// of it comes back even with problems, so that an assessment naming
    /// it can report its own too.
    fn checklist_file(
        &self,
        file_id: FileId,
        path: Option<PathBuf>,
        diags: &mut Vec<Diag>,
    ) -> Option<Checklist> {
        if let Some(file) = plain::checklist(self.sources.text(file_id)) {
            return Some(self.checklist_of(file_id, path, file, diags));
        }
        let file: ChecklistFile = parse::file(
            &self.sources,
            self.lang,
            file_id,
            FileKind::Checklist,
            diags,
        )?;
        Some(self.checklist_of(file_id, path, file, diags))
    }

    /// A deserialized checklist file, checked.
    fn checklist_of(
        &self,
        file_id: FileId,
        path: Option<PathBuf>,
        file: ChecklistFile,
        diags: &mut Vec<Diag>,
    ) -> Checklist {
        validate::checklist(self.lang, file_id, self.sources.text(file_id), &file, diags);
        Checklist {
            sha256: Arc::new(Fingerprint::of(self.sources.shared(file_id))),
            file: Arc::new(file),
            file_id,
            path,
        }
    }
}

/// A file loaded as what it is.
pub enum Loaded {
    Checklist(Arc<Checklist>),
    Assessment(Box<Assessment>),
}

/// The two kinds of file almen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileKind {
    Checklist,
    Assessment,
}

impl FileKind {
    /// What a parsed file is, judged by its top-level tables; `None` when
    /// it has the marks of neither, or of both.
    pub fn of(root: &DeTable<'_>) -> Option<FileKind> {
        match FileKind::marks(root) {
            (true, false) => Some(FileKind::Checklist),
            (false, true) => Some(FileKind::Assessment),
            _ => None,
        }
    }

    /// What a file found in a folder is to be loaded as: what its tables
    /// say, and an assessment when it has the marks of both (a stray
    /// `[source]` makes an assessment no checklist), or of neither but the
    /// parser could not read all of it. A line of junk at the top can hide
    /// every table below it, and a submission that is broken must fail the
    /// run, not vanish from it; TOML that parses and is neither is passed
    /// over (`None`).
    pub fn found(root: &DeTable<'_>, syntax: &[toml::de::Error]) -> Option<FileKind> {
        match FileKind::marks(root) {
            (true, false) => Some(FileKind::Checklist),
            (_, true) => Some(FileKind::Assessment),
            (false, false) if !syntax.is_empty() => Some(FileKind::Assessment),
            (false, false) => None,
        }
    }

    /// Whether a file's top-level tables are a checklist's, and whether
    /// they are an assessment's.
    fn marks(root: &DeTable<'_>) -> (bool, bool) {
        let has = |k: &str| root.get(k).is_some();
        (
            has("item") || has("source"),
            has("organisation") || has("assessment") || has("answers"),
        )
    }
}

/// A checklist reference is a path when it looks like one.
pub fn is_path(name: &str) -> bool {
    let ending = name.get(name.len().saturating_sub(5)..);
    name.contains('/')
        || name.contains('\\')
        || ending.is_some_and(|e| e.eq_ignore_ascii_case(".toml"))
}

/// Whether a path names a `.toml` file, whatever the case of its
/// extension (`.toml`, `.TOML`): the only files almen reads as checklists
/// an assessment names, or finds in a folder.
pub fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The SHA-256 of a text, worked out the first time it is asked for: a
/// report shows it, a check of thousands of files does not need it.
pub struct Fingerprint {
    text: Held,
    hex: OnceLock<String>,
}

impl Fingerprint {
    pub fn of(text: impl Into<Arc<str>>) -> Self {
        Fingerprint {
            text: Held::Shared(text.into()),
            hex: OnceLock::new(),
        }
    }

    /// The fingerprint of a built-in checklist's text, whose SHA-256
    /// (`hex`) is known already: the text is not copied.
    pub fn known(text: &'static str, hex: &str) -> Self {
        Fingerprint {
            text: Held::Static(text),
            hex: OnceLock::from(hex.to_owned()),
        }
    }

    /// The SHA-256, in lower-case hex.
    pub fn hex(&self) -> &str {
        self.hex.get_or_init(|| sha256(&self.text))
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Self) -> bool {
        *self.text == *other.text
    }
}

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.hex())
    }
}

/// The SHA-256 of a text, in lower-case hex.
pub fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// [`sort`], for a result's diagnostics.
fn sorted(mut diags: Vec<Diag>) -> Vec<Diag> {
    sort(&mut diags);
    diags
}

/// Puts diagnostics in file order, then top to bottom, whatever order
/// they were found in; those without a place keep theirs, first.
pub fn sort(diags: &mut [Diag]) {
    diags.sort_by_key(|d| d.place.as_ref().map(|p| (p.file, p.span.start)));
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    /// Files in memory, and folders, which exist but cannot be read;
    /// nothing else exists. `./` is the only way to spell a path twice.
    #[derive(Default)]
    pub(super) struct MemFs {
        files: Vec<(PathBuf, &'static str)>,
        folders: Vec<PathBuf>,
        /// Each evidence entry looked up, in turn.
        looked_up: std::cell::RefCell<Vec<String>>,
    }

    impl MemFs {
        pub(super) fn file(mut self, path: &str, text: &'static str) -> Self {
            self.files.push((plain(Path::new(path)), text));
            self
        }

        pub(super) fn folder(mut self, path: &str) -> Self {
            self.folders.push(plain(Path::new(path)));
            self
        }
    }

    fn plain(path: &Path) -> PathBuf {
        path.components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect()
    }

    impl Fs for MemFs {
        fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
            let path = plain(path);
            if self.folders.contains(&path) {
                return Err(io::Error::from(io::ErrorKind::IsADirectory));
            }
            self.files
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, text)| text.as_bytes().to_vec())
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
        }
        fn exists(&self, path: &Path) -> bool {
            let path = plain(path);
            self.folders.contains(&path) || self.files.iter().any(|(p, _)| *p == path)
        }
        fn canonical(&self, path: &Path) -> Option<PathBuf> {
            self.exists(path).then(|| plain(path))
        }
        fn evidence(&self, _: &Path, entry: &str) -> Evidence {
            self.looked_up.borrow_mut().push(entry.to_owned());
            Evidence::Missing
        }

        fn reach(&self, _: &Path, _: &Path) -> Reach {
            Reach::Allowed
        }
    }

    /// Evidence named by several answers, and by one answer twice, is
    /// looked up once, and is what it is for each of them.
    #[test]
    fn each_evidence_entry_is_looked_up_once() {
        let fs = MemFs::default().file(
            "a.toml",
            r#"format = 1

[organisation]
name = "Boligforeningen"
municipality = "Aarhus Kommune"

[assessment]
date = 2026-03-01
checklists = ["samarbejde-med-omverdenen"]

[answers.OMV-1]
status = "met"
date = 2026-02-01
evidence = ["referat.md", "referat.md", "https://example.org/a"]

[answers.OMV-2]
status = "met"
date = 2026-02-01
evidence = ["referat.md", "vedtaegt.pdf"]
"#,
        );
        let mut loader = Loader::new(&fs, Lang::En);
        let assessment = loader.assessment(Path::new("a.toml"), &[]).unwrap();
        assert_eq!(*fs.looked_up.borrow(), ["referat.md", "vedtaegt.pdf"]);
        let states = |id: &str| assessment.evidence[id].clone();
        let missing = |e: &str| (e.to_owned(), Evidence::Missing);
        assert_eq!(
            states("OMV-1"),
            [
                missing("referat.md"),
                missing("referat.md"),
                ("https://example.org/a".to_owned(), Evidence::Url)
            ]
        );
        assert_eq!(
            states("OMV-2"),
            [missing("referat.md"), missing("vedtaegt.pdf")]
        );
    }

    #[test]
    fn an_assessment_that_is_not_there_cannot_be_read() {
        let fs = MemFs::default();
        let mut loader = Loader::new(&fs, Lang::En);
        let diags = loader.assessment(Path::new("x.toml"), &[]).unwrap_err();
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            [Code::E001]
        );
    }

    /// A value as long as a file is quoted in short in the words of its
    /// diagnostic: E009 put a 200,000-character status in its heading.
    #[test]
    fn a_long_value_is_quoted_in_short() {
        let long = "ø".repeat(200_000);
        // An unknown answer is not judged while a checklist named could
        // not be loaded: it may be that checklist's.
        for (checklist, expected) in [
            (
                format!(", \"{long}\""),
                &[Code::E012, Code::E009, Code::E008][..],
            ),
            (String::new(), &[Code::E009, Code::E008, Code::E010][..]),
        ] {
            let text = format!(
                "format = 1\n[organisation]\nname = \"X\"\n[assessment]\n\
                 checklists = [\"samarbejde-med-omverdenen\"{checklist}]\n\
                 [answers.OMV-1]\nstatus = \"{long}\"\ndate = \"{long}\"\n\
                 [answers.\"{long}\"]\nstatus = \"met\"\n"
            );
            let fs = MemFs::default().file("a.toml", text.leak());
            let mut loader = Loader::new(&fs, Lang::En);
            let diags = loader.assessment(Path::new("a.toml"), &[]).unwrap_err();
            let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
            assert_eq!(codes, expected, "{diags:?}");
            let cut = format!("{}…", "ø".repeat(crate::diag::VALUE_LIMIT));
            for d in &diags {
                assert!(d.message.contains(&cut) || d.label.contains(&cut), "{d:?}");
                for text in [&d.message, &d.label, d.hint.as_ref().unwrap_or(&d.label)] {
                    assert!(text.chars().count() < 200, "{text}");
                }
            }
        }
    }

    #[test]
    fn a_path_ends_in_toml_whatever_its_case() {
        assert!(is_path("Egne.TOML"));
        assert!(is_path("egne.toml"));
        assert!(!is_path("samarbejde-med-omverdenen"));
        assert!(!is_path("æ"));
        assert!(is_toml(Path::new("a/Egne.Toml")));
        assert!(!is_toml(Path::new("../.env")));
        assert!(!is_toml(Path::new("a/.toml")));
        assert!(!is_toml(Path::new("egne.toml.bak")));
    }

    #[test]
    fn links_are_told_from_paths() {
        assert!(is_url("https://bl.dk/x"));
        assert!(is_url("mailto:formand@eksempel.dk"));
        assert!(!is_url("politikker/x.pdf"));
        assert!(!is_url("../x.pdf"));
    }
}
