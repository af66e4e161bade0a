//! Reading checklists and assessments: decode, parse, check, resolve.
//!
//! Every problem becomes a [`Diag`]; a file is only accepted when it has
//! none. The file system is reached through [`Fs`] so the loader can be
//! tested without one.

mod recover;

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Code, Diag, FileId, Sources, did_you_mean};
use crate::i18n::Lang;
use crate::model::{
    AssessmentFile, BAD_DATE, ChecklistFile, DATE_INVALID, DATE_QUOTED, DATE_TIME, FORMAT,
    STATUS_WORDS,
};
use recover::{RawError, Seg, backticked};

/// The largest weight an item may have; sums of weights stay exact.
pub const MAX_WEIGHT: f64 = 1000.0;

/// A checklist shipped inside the binary.
pub struct Builtin {
    pub id: &'static str,
    pub path: &'static str,
    pub text: &'static str,
}

/// The built-in checklists, by id.
pub const BUILTINS: &[Builtin] = &[Builtin {
    id: "samarbejde-med-omverdenen",
    path: "checklists/samarbejde-med-omverdenen.toml",
    text: include_str!("../../checklists/samarbejde-med-omverdenen.toml"),
}];

/// What the loader needs from the file system.
pub trait Fs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    fn exists(&self, path: &Path) -> bool;
    /// The path with links and `..` resolved, when it exists: two spellings
    /// of one file are one file.
    fn canonical(&self, path: &Path) -> Option<PathBuf>;
    /// Where an evidence entry of an assessment in `base` points.
    fn evidence(&self, base: &Path, entry: &str) -> Evidence;
}

/// What an evidence entry turned out to be. Paths are only looked up,
/// never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    Url,
    Found,
    Missing,
    /// The path leaves the assessment's folder; it was not looked at.
    Outside,
}

/// Whether an entry is a URL, and if not, whether the path stays inside
/// its folder as written (links are the caller's to check).
pub fn classify_entry(entry: &str) -> Option<Evidence> {
    if entry.contains("://") || entry.starts_with("mailto:") {
        return Some(Evidence::Url);
    }
    if entry.trim().is_empty() {
        return Some(Evidence::Missing);
    }
    let path = Path::new(entry);
    let mut depth = 0i32;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return Some(Evidence::Outside),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
        if depth < 0 {
            return Some(Evidence::Outside);
        }
    }
    // The assessment's own folder (`.`) documents nothing.
    (depth == 0).then_some(Evidence::Missing)
}

/// A checklist that loaded without problems.
#[derive(Debug)]
pub struct Checklist {
    pub file: ChecklistFile,
    pub file_id: FileId,
    /// `None` for a built-in checklist.
    pub path: Option<PathBuf>,
    /// SHA-256 of the file as read, so a report says exactly what was used.
    pub sha256: String,
}

impl Checklist {
    pub fn id(&self) -> &str {
        self.file.id.get_ref()
    }
}

/// An assessment that loaded without problems, with its checklists.
#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub file_id: FileId,
    pub assessment: AssessmentFile,
    pub checklists: Vec<Arc<Checklist>>,
    /// For each answer, what each of its evidence entries turned out to be.
    pub evidence: BTreeMap<String, Vec<(String, Evidence)>>,
    /// SHA-256 of the assessment file as read.
    pub sha256: String,
    /// The line of each answer's `[answers.ID]`, and of `[assessment]`, for
    /// formats that point back into the file.
    pub lines: BTreeMap<String, usize>,
    pub assessment_line: usize,
}

/// Loads checklists once, however many assessments name them.
pub struct Loader<'a> {
    pub fs: &'a dyn Fs,
    pub lang: Lang,
    pub sources: Sources,
    /// Each checklist once, with whether it loaded without problems.
    cache: HashMap<String, (Option<Arc<Checklist>>, bool)>,
}

/// Where a checklist was named, so that one that cannot be found is
/// reported there, with the folder its path is relative to.
enum NamedAt {
    /// In an assessment's `checklists`, at this place.
    File { file: FileId, span: Range<usize> },
    /// With `--checklist`, for a command that reads no assessment.
    CommandLine,
    /// With `--checklist`, next to an assessment.
    Extra,
}

/// Which checklist an assessment (or the command line) names.
enum ChecklistRef<'s> {
    Builtin(&'s str),
    Path(PathBuf),
}

impl<'a> Loader<'a> {
    pub fn new(fs: &'a dyn Fs, lang: Lang) -> Self {
        Loader {
            fs,
            lang,
            sources: Sources::default(),
            cache: HashMap::new(),
        }
    }

    fn t<'s>(&self, da: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(da, en)
    }

    /// Reads a file as UTF-8 text and registers it with the sources.
    fn read(&mut self, path: &Path, diags: &mut Vec<Diag>) -> Option<FileId> {
        let name = display(path);
        let bytes = match self.fs.read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                diags.push(read_error(self.lang, &name, &err));
                return None;
            }
        };
        Some(self.add_text(name, bytes, diags)).flatten()
    }

    /// Reads a checklist file; one that is not there is E012, checklist
    /// not found, reported where it was named.
    fn read_checklist(
        &mut self,
        path: &Path,
        at: &NamedAt,
        diags: &mut Vec<Diag>,
    ) -> Option<FileId> {
        let name = display(path);
        let bytes = match self.fs.read(path) {
            Ok(bytes) => bytes,
            Err(_) if !self.fs.exists(path) => {
                diags.push(self.checklist_missing(&name, at));
                return None;
            }
            Err(err) => {
                diags.push(read_error(self.lang, &name, &err));
                return None;
            }
        };
        self.add_text(name, bytes, diags)
    }

    /// E012 for a checklist file that does not exist.
    fn checklist_missing(&self, name: &str, at: &NamedAt) -> Diag {
        let diag = Diag::new(
            Code::E012,
            format!(
                "{} `{name}` {}",
                self.t("tjeklisten", "the checklist"),
                self.t("findes ikke", "does not exist")
            ),
        );
        match at {
            NamedAt::File { file, span } => diag
                .at(
                    *file,
                    span.clone(),
                    self.t("tjeklisten findes ikke", "checklist not found"),
                )
                .hint(self.t(
                    "stier er relative til selvevalueringens mappe",
                    "paths are relative to the assessment's folder",
                )),
            NamedAt::CommandLine => diag.about(name).hint(self.t(
                "stier på kommandolinjen er relative til den mappe, almen køres fra",
                "paths on the command line are relative to the folder almen runs in",
            )),
            NamedAt::Extra => diag.about(name),
        }
    }

    fn add_text(&mut self, name: String, bytes: Vec<u8>, diags: &mut Vec<Diag>) -> Option<FileId> {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let empty = text.trim().is_empty();
                let id = self.sources.add(name.clone(), text);
                if empty {
                    diags.push(
                        Diag::new(
                            Code::E003,
                            format!("{} `{name}`", self.t("filen er tom:", "the file is empty:")),
                        )
                        .at(id, 0..0, self.t("ingen indhold", "no content"))
                        .hint(self.t(
                            "`almen init` skriver en skabelon at begynde fra",
                            "`almen init` writes a template to start from",
                        )),
                    );
                    return None;
                }
                Some(id)
            }
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                let id = self.sources.add(name.clone(), text);
                diags.push(
                    Diag::new(
                        Code::E002,
                        format!(
                            "{} `{name}`",
                            self.t("filen er ikke UTF-8:", "the file is not UTF-8:")
                        ),
                    )
                    .at(
                        id,
                        at..at + 3,
                        self.t("ugyldig byte her", "invalid byte here"),
                    )
                    .hint(self.t(
                        "gem filen som UTF-8 (det gør de fleste editorer som standard)",
                        "save the file as UTF-8 (most editors do by default)",
                    )),
                );
                None
            }
        }
    }

    /// Parses and deserializes one registered file, collecting every problem.
    /// The value returned is what could be read around the problems, so
    /// that later checks can report theirs too; the file is only good when
    /// no diagnostic was added.
    fn parse<T: DeserializeOwned>(
        &self,
        file: FileId,
        kind: FileKind,
        diags: &mut Vec<Diag>,
    ) -> Option<T> {
        let text = self.sources.text(file);
        let (root, syntax) = DeTable::parse_recoverable(text);
        let broken: Vec<Range<usize>> = syntax.iter().filter_map(|e| e.span()).collect();
        for err in syntax {
            let span = err.span().unwrap_or(0..0);
            let message = err.message().to_owned();
            diags.push(
                if message.starts_with("invalid date") || message.contains("invalid time") {
                    self.date_diag(file, span, "", &date_syntax(self.lang, &message))
                } else {
                    Diag::new(Code::E004, self.t("ugyldig TOML", "invalid TOML"))
                        .at(file, span, message)
                        .hint(self.t(
                            "tjek anførselstegn, klammer og lighedstegn her; tekst skrives i \"…\", datoer uden",
                            "check the quotes, brackets and equals signs here; text is written in \"…\", dates without",
                        ))
                },
            );
        }
        if let Some(diag) = self
            .check_format(file, &root)
            .or_else(|| self.check_kind(file, &root, kind))
        {
            diags.push(diag);
            return None;
        }
        let (value, errors) = recover::deserialize::<T>(root);
        if errors.len() >= recover::MAX_ERRORS {
            diags.push(
                Diag::new(
                    Code::E004,
                    format!(
                        "{} {} {}",
                        self.t("efter", "after"),
                        recover::MAX_ERRORS,
                        self.t(
                            "fejl i filen ledes der ikke efter flere; ret dem og kør igen",
                            "errors in the file, no more are looked for; fix them and run again"
                        )
                    ),
                )
                .about(self.sources.name(file).to_owned()),
            );
        }
        for err in errors {
            // Where the syntax was broken, the parser left things out or
            // kept a value it could not read; neither is news to the user.
            let overlaps = err.span.as_ref().is_some_and(|s| {
                broken
                    .iter()
                    .any(|b| b.start < s.end.max(s.start + 1) && s.start < b.end.max(b.start + 1))
            });
            if !broken.is_empty() && (overlaps || err.message.starts_with("missing field")) {
                continue;
            }
            diags.push(self.raw_diag(file, err));
        }
        value
    }

    /// A file of another format version would only give confusing errors
    /// further on, so the version is checked first, on its own.
    fn check_format(&self, file: FileId, root: &Spanned<DeTable<'_>>) -> Option<Diag> {
        let format = root.get_ref().get("format")?;
        let DeValue::Integer(int) = format.get_ref() else {
            return None;
        };
        // Compared as a number: `+1`, `0x1` and `1` are all format 1.
        let digits = int.as_str().replace(['_', '+'], "");
        let digits = digits
            .trim_start_matches("0x")
            .trim_start_matches("0o")
            .trim_start_matches("0b");
        let value = i64::from_str_radix(digits, int.radix());
        if value == Ok(i64::from(FORMAT)) {
            return None;
        }
        Some(
            Diag::new(
                Code::E013,
                match self.lang {
                    Lang::Da => format!(
                        "formatversion {} kendes ikke; denne version af almen læser format {FORMAT}",
                        int.as_str()
                    ),
                    Lang::En => format!(
                        "format version {} is not known; this version of almen reads format {FORMAT}",
                        int.as_str()
                    ),
                },
            )
            .at(file, format.span(), self.t("ukendt version", "unknown version"))
            .hint(self.t(
                "skriv `format = 1`, eller opdatér almen, hvis filen er skrevet til en nyere version",
                "write `format = 1`, or update almen if the file was written for a newer version",
            )),
        )
    }

    /// A checklist given where an assessment belongs (or the other way
    /// round) would only give a screenful of unknown keys; say what it is.
    fn check_kind(
        &self,
        file: FileId,
        root: &Spanned<DeTable<'_>>,
        expected: FileKind,
    ) -> Option<Diag> {
        if FileKind::of(root.get_ref())? == expected {
            return None;
        }
        let lang = self.lang;
        let (message, hint) = match expected {
            FileKind::Assessment => (
                lang.pick(
                    "filen er en tjekliste, ikke en selvevaluering",
                    "the file is a checklist, not a self-assessment",
                ),
                lang.pick(
                    "nævn den i selvevalueringens `[assessment] checklists`, eller giv den med `--checklist`",
                    "name it in the assessment's `[assessment] checklists`, or give it with `--checklist`",
                ),
            ),
            FileKind::Checklist => (
                lang.pick(
                    "filen er en selvevaluering, ikke en tjekliste",
                    "the file is a self-assessment, not a checklist",
                ),
                lang.pick(
                    "`checklists` og `--checklist` skal pege på tjeklister",
                    "`checklists` and `--checklist` must name checklists",
                ),
            ),
        };
        Some(
            Diag::new(Code::E017, message)
                .at(file, 0..0, lang.pick("her", "here"))
                .hint(hint),
        )
    }

    /// Turns a serde error into a diagnostic with a code and a hint.
    fn raw_diag(&self, file: FileId, err: RawError) -> Diag {
        let key = err
            .path
            .iter()
            .rev()
            .find_map(|s| match s {
                Seg::Key(k) => Some(k.as_str()),
                Seg::Index(_) => None,
            })
            .unwrap_or("");
        let table = table_name(self.lang, &err.path[..err.path.len().saturating_sub(1)]);
        let span = err.span.clone().unwrap_or(0..0);
        let msg = err.message.as_str();
        let words = backticked(msg);
        let lang = self.lang;

        if msg.starts_with("unknown field") {
            let unknown = words.first().copied().unwrap_or(key);
            let expected = words.get(1..).unwrap_or_default();
            let meant = recover::meant_key(unknown, expected);
            let hint = match meant {
                Some(s) => format!("{} `{s}`?", lang.pick("mente du", "did you mean")),
                None => format!(
                    "{} {}",
                    lang.pick("gyldige nøgler her:", "valid keys here:"),
                    quote_list(expected)
                ),
            };
            return Diag::new(
                Code::E005,
                format!(
                    "{} `{unknown}` {} {table}",
                    lang.pick("ukendt nøgle", "unknown key"),
                    lang.pick("i", "in")
                ),
            )
            .at(file, span, lang.pick("ukendt nøgle", "unknown key"))
            .hint(hint);
        }
        if let Some(field) = msg
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next())
        {
            let table = table_name(self.lang, &err.path);
            return Diag::new(
                Code::E007,
                format!(
                    "{} `{field}` {} {table}",
                    lang.pick("påkrævet nøgle", "required key"),
                    lang.pick("mangler i", "is missing in")
                ),
            )
            .at(file, span, lang.pick("her", "here"))
            .hint(format!("{} `{field} = …`", lang.pick("tilføj", "add")));
        }
        if let Some(detail) = msg.find(BAD_DATE).map(|i| &msg[i + BAD_DATE.len()..]) {
            let (why, value) = detail.split_once(':').unwrap_or(("", detail));
            let label = match (why, lang) {
                (DATE_QUOTED, Lang::Da) => {
                    format!("\"{value}\" er tekst i anførselstegn, ikke en dato")
                }
                (DATE_QUOTED, Lang::En) => format!("\"{value}\" is text in quotes, not a date"),
                (DATE_INVALID, Lang::Da) => format!("{value} findes ikke i kalenderen"),
                (DATE_INVALID, Lang::En) => format!("{value} is not in the calendar"),
                (DATE_TIME, Lang::Da) => format!("{value} har et klokkeslæt; skriv kun datoen"),
                (DATE_TIME, Lang::En) => format!("{value} has a time of day; write only the date"),
                _ => detail.to_owned(),
            };
            return self.date_diag(file, span, key, &label);
        }
        if msg.contains("a TOML date") {
            return self.date_diag(file, span, key, msg);
        }
        if msg.starts_with("unknown variant") {
            let unknown = words.first().copied().unwrap_or("");
            let mut expected: Vec<&str> = words.get(1..).unwrap_or_default().to_vec();
            if expected.contains(&"met") {
                expected = STATUS_WORDS.to_vec();
            }
            let danish = match unknown.to_lowercase().as_str() {
                "lovkrav" | "pligt" | "krav" => Some("duty"),
                "anbefaling" => Some("recommendation"),
                _ => None,
            };
            let meant = danish
                .filter(|d| expected.contains(d))
                .or_else(|| did_you_mean(unknown, expected.iter().copied()));
            let hint = match meant {
                Some(s) => format!(
                    "{} `{s}`? {} {}",
                    lang.pick("mente du", "did you mean"),
                    lang.pick("Gyldige værdier:", "Valid values:"),
                    quote_list(&expected)
                ),
                None => format!(
                    "{} {}",
                    lang.pick("gyldige værdier:", "valid values:"),
                    quote_list(&expected)
                ),
            };
            return Diag::new(
                Code::E009,
                format!(
                    "{} `{unknown}` {} `{key}`",
                    lang.pick("ukendt værdi", "unknown value"),
                    lang.pick("for", "for")
                ),
            )
            .at(file, span, lang.pick("ukendt værdi", "unknown value"))
            .hint(hint);
        }
        let code = if msg.starts_with("invalid type") {
            Code::E006
        } else if msg.starts_with("invalid value") || msg.starts_with("invalid length") {
            Code::E014
        } else {
            Code::E004
        };
        let what = match code {
            Code::E006 => lang.pick("har forkert type", "has the wrong type"),
            _ => lang.pick("har en ugyldig værdi", "has an invalid value"),
        };
        let diag = Diag::new(code, format!("`{key}` {what}"));
        let invalid_value = msg
            .strip_prefix("invalid value: ")
            .and_then(|r| r.split_once(", expected "));
        match (code, type_error(msg).or(invalid_value)) {
            (Code::E006 | Code::E014, Some((found, expected))) => {
                let (found, expected) = (type_word(lang, found), type_word(lang, expected));
                diag.at(
                    file,
                    span,
                    format!("{} {found}", lang.pick("her står", "found")),
                )
                .hint(format!(
                    "{} {expected}",
                    lang.pick("her skal stå", "expected")
                ))
            }
            _ => diag.at(file, span, msg.to_owned()),
        }
    }

    fn date_diag(&self, file: FileId, span: Range<usize>, key: &str, detail: &str) -> Diag {
        let message = if key.is_empty() {
            self.t("ugyldig dato", "invalid date").to_owned()
        } else {
            format!("{} `{key}`", self.t("ugyldig dato i", "invalid date in"))
        };
        Diag::new(Code::E008, message)
            .at(file, span, detail.to_owned())
            .hint(self.t(
                "skriv datoen som en TOML-dato uden anførselstegn, fx `date = 2026-05-20`",
                "write the date as a TOML date without quotes, e.g. `date = 2026-05-20`",
            ))
    }

    /// Loads a checklist named by id or path, once. Returns what could be
    /// read of it, and whether that was all of it: a checklist with problems
    /// is reported the first time it is loaded and fails every assessment
    /// that names it.
    fn checklist(
        &mut self,
        reference: ChecklistRef<'_>,
        at: &NamedAt,
        diags: &mut Vec<Diag>,
    ) -> (Option<Arc<Checklist>>, bool) {
        let key = match &reference {
            ChecklistRef::Builtin(id) => format!("builtin:{id}"),
            ChecklistRef::Path(path) => {
                let path = self.fs.canonical(path).unwrap_or_else(|| path.clone());
                format!("path:{}", path.display())
            }
        };
        if let Some(cached) = self.cache.get(&key) {
            return cached.clone();
        }
        let mut own = Vec::new();
        let loaded = match reference {
            ChecklistRef::Builtin(id) => {
                let Some(builtin) = BUILTINS.iter().find(|b| b.id == id) else {
                    return (None, false);
                };
                let name = format!(
                    "<{}>/{}",
                    self.t("indbygget", "built-in"),
                    builtin.path.rsplit('/').next().unwrap_or(builtin.path)
                );
                let file_id = self.sources.add(name, builtin.text);
                self.checklist_file(file_id, None, &mut own)
            }
            ChecklistRef::Path(path) => match self.read_checklist(&path, at, &mut own) {
                Some(file_id) => self.checklist_file(file_id, Some(path), &mut own),
                None => None,
            },
        };
        let loaded = loaded.map(Arc::new);
        let ok = own.is_empty();
        diags.extend(own);
        self.cache.insert(key, (loaded.clone(), ok));
        (loaded, ok)
    }

    fn checklist_file(
        &self,
        file_id: FileId,
        path: Option<PathBuf>,
        diags: &mut Vec<Diag>,
    ) -> Option<Checklist> {
        let file: ChecklistFile = self.parse(file_id, FileKind::Checklist, diags)?;
        let lang = self.lang;
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        if file.id.get_ref().trim().is_empty() {
            diags.push(
                Diag::new(
                    Code::E014,
                    lang.pick("tjeklistens id er tomt", "the checklist id is empty"),
                )
                .at(file_id, file.id.span(), lang.pick("tomt id", "empty id")),
            );
        }
        for item in &file.items {
            let id = item.id.get_ref().as_str();
            if id.trim().is_empty() {
                diags.push(
                    Diag::new(
                        Code::E014,
                        lang.pick("punktets id er tomt", "the item id is empty"),
                    )
                    .at(
                        file_id,
                        item.id.span(),
                        lang.pick("tomt id", "empty id"),
                    ),
                );
            }
            if let Some(first) = seen.insert(id, item.id.span()) {
                diags.push(
                    Diag::new(
                        Code::E011,
                        format!(
                            "{} `{id}`",
                            lang.pick("punktet findes to gange:", "the item appears twice:")
                        ),
                    )
                    .at(file_id, item.id.span(), lang.pick("igen her", "again here"))
                    .related(file_id, first, lang.pick("første gang her", "first here"))
                    .hint(lang.pick(
                        "giv hvert punkt sit eget id",
                        "give each item an id of its own",
                    )),
                );
            }
            if let Some(w) = &item.weight
                && !(*w.get_ref() > 0.0 && *w.get_ref() <= MAX_WEIGHT)
            {
                diags.push(
                    Diag::new(
                        Code::E014,
                        format!(
                            "`weight` {} `{id}`",
                            lang.pick(
                                "skal være over 0 og højst 1000 i",
                                "must be above 0 and at most 1000 in"
                            )
                        ),
                    )
                    .at(
                        file_id,
                        w.span(),
                        lang.pick("ugyldig vægt", "invalid weight"),
                    )
                    .hint(lang.pick(
                        "udelad `weight` for vægt 1",
                        "leave `weight` out for weight 1",
                    )),
                );
            }
            if let Some(m) = &item.every_months
                && *m.get_ref() == 0
            {
                diags.push(
                    Diag::new(
                        Code::E014,
                        format!(
                            "`every-months` {} `{id}`",
                            lang.pick("skal være mindst 1 i", "must be at least 1 in")
                        ),
                    )
                    .at(
                        file_id,
                        m.span(),
                        lang.pick("ugyldigt antal måneder", "invalid number of months"),
                    ),
                );
            }
            if let (Some(w), None) = (&item.warn_days, &item.every_months) {
                diags.push(
                    Diag::new(
                        Code::E014,
                        format!(
                            "`warn-days` {} `{id}`",
                            lang.pick("kræver `every-months` i", "needs `every-months` in")
                        ),
                    )
                    .at(
                        file_id,
                        w.span(),
                        lang.pick("uden gentagelse", "without a recurrence"),
                    )
                    .hint(lang.pick(
                        "tilføj `every-months = …`, eller fjern `warn-days`",
                        "add `every-months = …`, or remove `warn-days`",
                    )),
                );
            }
        }
        Some(Checklist {
            sha256: sha256(self.sources.text(file_id)),
            file,
            file_id,
            path,
        })
    }

    /// Loads an assessment, its checklists and its evidence.
    /// `extra` are checklists from the command line, relative to the
    /// working directory.
    pub fn assessment(&mut self, path: &Path, extra: &[String]) -> Result<Loaded, Vec<Diag>> {
        let file_id = self.read_file(path)?;
        self.assessment_at(file_id, path, extra)
    }

    /// Reads a file and registers it, for the `*_at` functions.
    pub fn read_file(&mut self, path: &Path) -> Result<FileId, Vec<Diag>> {
        let mut diags = Vec::new();
        self.read(path, &mut diags).ok_or(diags)
    }

    /// What a registered file is, judged by its top-level tables; `None`
    /// when it does not parse or has the marks of neither.
    pub fn kind_of(&self, file_id: FileId) -> Option<FileKind> {
        let (root, _) = DeTable::parse_recoverable(self.sources.text(file_id));
        FileKind::of(root.get_ref())
    }

    /// Loads a registered checklist file on its own.
    pub fn checklist_at(
        &mut self,
        file_id: FileId,
        path: &Path,
    ) -> Result<Arc<Checklist>, Vec<Diag>> {
        let mut diags = Vec::new();
        match self.checklist_file(file_id, Some(path.to_path_buf()), &mut diags) {
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
    ) -> Result<Loaded, Vec<Diag>> {
        self.assessment_unsorted(file_id, path, extra)
            .map_err(|mut d| {
                sort(&mut d);
                d
            })
    }

    fn assessment_unsorted(
        &mut self,
        file_id: FileId,
        path: &Path,
        extra: &[String],
    ) -> Result<Loaded, Vec<Diag>> {
        let mut diags = Vec::new();
        let Some(assessment) =
            self.parse::<AssessmentFile>(file_id, FileKind::Assessment, &mut diags)
        else {
            return Err(diags);
        };
        let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let lang = self.lang;

        // Which checklists: those the file names, then those given on the
        // command line; each loaded once.
        let mut checklists: Vec<Arc<Checklist>> = Vec::new();
        let named = assessment
            .assessment
            .checklists
            .iter()
            .map(|c| {
                let at = NamedAt::File {
                    file: file_id,
                    span: c.span(),
                };
                (c.get_ref().as_str(), at, &base)
            })
            .collect::<Vec<_>>();
        let cwd = PathBuf::new();
        let given = extra.iter().map(|c| (c.as_str(), NamedAt::Extra, &cwd));
        for (name, at, base) in named.into_iter().chain(given) {
            let reference = if is_path(name) {
                ChecklistRef::Path(normalize(&base.join(name)))
            } else if BUILTINS.iter().any(|b| b.id == name) {
                ChecklistRef::Builtin(name)
            } else {
                diags.push(self.unknown_checklist(name, &at));
                continue;
            };
            let mut own = Vec::new();
            let (loaded, ok) = self.checklist(reference, &at, &mut own);
            if !ok && own.is_empty() {
                // Its problems were reported with an earlier assessment.
                let diag = Diag::new(
                    Code::E012,
                    format!(
                        "{} `{name}` {}",
                        lang.pick("tjeklisten", "the checklist"),
                        lang.pick("har fejl (se ovenfor)", "has errors (see above)")
                    ),
                );
                diags.push(match &at {
                    NamedAt::File { file, span } => diag.at(
                        *file,
                        span.clone(),
                        lang.pick("fejl i tjeklisten", "errors in the checklist"),
                    ),
                    NamedAt::CommandLine | NamedAt::Extra => diag,
                });
            }
            diags.extend(own);
            if let Some(c) = loaded
                && !checklists.iter().any(|k| Arc::ptr_eq(k, &c))
            {
                checklists.push(c);
            }
        }
        if assessment.assessment.checklists.is_empty() && extra.is_empty() {
            diags.push(
                Diag::new(
                    Code::E014,
                    lang.pick(
                        "selvevalueringen nævner ingen tjeklister",
                        "the assessment names no checklists",
                    ),
                )
                .at(
                    file_id,
                    self.key_span(file_id, "checklists"),
                    lang.pick("tom liste", "empty list"),
                )
                .hint(lang.pick(
                    "fx `checklists = [\"samarbejde-med-omverdenen\"]`",
                    "e.g. `checklists = [\"samarbejde-med-omverdenen\"]`",
                )),
            );
        }

        // Ids are unique across the checklists loaded together.
        let mut checklist_ids: HashMap<&str, &Checklist> = HashMap::new();
        let mut item_ids: HashMap<&str, (&Checklist, Range<usize>)> = HashMap::new();
        for checklist in &checklists {
            if let Some(first) = checklist_ids.insert(checklist.id(), checklist) {
                diags.push(
                    Diag::new(
                        Code::E015,
                        format!(
                            "{} `{}`",
                            lang.pick(
                                "to tjeklister har samme id",
                                "two checklists have the same id"
                            ),
                            checklist.id()
                        ),
                    )
                    .at(
                        checklist.file_id,
                        checklist.file.id.span(),
                        lang.pick("igen her", "again here"),
                    )
                    .related(
                        first.file_id,
                        first.file.id.span(),
                        lang.pick("første gang her", "first here"),
                    )
                    .hint(lang.pick(
                        "giv din egen tjekliste et andet id",
                        "give your own checklist another id",
                    )),
                );
                continue;
            }
            for item in &checklist.file.items {
                let id = item.id.get_ref().as_str();
                match item_ids.get(id) {
                    Some((first, span)) => diags.push(
                        Diag::new(
                            Code::E011,
                            format!(
                                "{} `{id}` {} `{}` {} `{}`",
                                lang.pick("punktet", "the item"),
                                lang.pick("findes både i", "is in both"),
                                first.id(),
                                lang.pick("og", "and"),
                                checklist.id()
                            ),
                        )
                        .at(checklist.file_id, item.id.span(), lang.pick("igen her", "again here"))
                        .related(first.file_id, span.clone(), lang.pick("første gang her", "first here"))
                        .hint(lang.pick(
                            "punkt-id'er skal være unikke på tværs af tjeklister; omdøb punktet i din egen tjekliste",
                            "item ids must be unique across checklists; rename the item in your own checklist",
                        )),
                    ),
                    None => {
                        item_ids.insert(id, (checklist, item.id.span()));
                    }
                }
            }
        }

        // Every answer is for an item that is loaded.
        let mut evidence = BTreeMap::new();
        let all_ids: Vec<&str> = item_ids.keys().copied().collect();
        for (id, answer) in &assessment.answers {
            if !item_ids.contains_key(id.get_ref().as_str()) {
                let mut sorted = all_ids.clone();
                sorted.sort_unstable();
                let hint = match did_you_mean(id.get_ref(), sorted.iter().copied()) {
                    Some(s) => format!("{} `{s}`?", lang.pick("mente du", "did you mean")),
                    None => lang
                        .pick(
                            "ingen indlæst tjekliste har det; tilføj dens tjekliste til `checklists`",
                            "no loaded checklist has it; add its checklist to `checklists`",
                        )
                        .to_owned(),
                };
                diags.push(
                    Diag::new(
                        Code::E010,
                        format!(
                            "{} `{}`",
                            lang.pick("svar på et ukendt punkt", "answer for an unknown item"),
                            id.get_ref()
                        ),
                    )
                    .at(
                        file_id,
                        id.span(),
                        lang.pick("ukendt punkt", "unknown item"),
                    )
                    .hint(hint),
                );
                continue;
            }
            let entries = answer
                .evidence
                .iter()
                .map(|e| {
                    let entry = e.get_ref().clone();
                    let state =
                        classify_entry(&entry).unwrap_or_else(|| self.fs.evidence(&base, &entry));
                    (entry, state)
                })
                .collect();
            evidence.insert(id.get_ref().clone(), entries);
        }

        if !diags.is_empty() {
            return Err(diags);
        }
        let line = |offset: usize| {
            self.sources
                .line_col(&crate::diag::Place {
                    file: file_id,
                    span: offset..offset,
                })
                .0
        };
        let lines = assessment
            .answers
            .keys()
            .map(|id| (id.get_ref().clone(), line(id.span().start)))
            .collect();
        let text = self.sources.text(file_id);
        let assessment_line = text.find("[assessment]").map_or(1, line);
        Ok(Loaded {
            path: path.to_path_buf(),
            file_id,
            sha256: sha256(text),
            lines,
            assessment_line,
            assessment,
            checklists,
            evidence,
        })
    }

    /// Loads a checklist file on its own (for `--checklist` listings).
    pub fn checklist_by_name(&mut self, name: &str) -> Result<Arc<Checklist>, Vec<Diag>> {
        let mut diags = Vec::new();
        let reference = if is_path(name) {
            ChecklistRef::Path(PathBuf::from(name))
        } else if BUILTINS.iter().any(|b| b.id == name) {
            ChecklistRef::Builtin(name)
        } else {
            return Err(vec![self.unknown_checklist(name, &NamedAt::CommandLine)]);
        };
        match self.checklist(reference, &NamedAt::CommandLine, &mut diags) {
            (Some(c), true) => Ok(c),
            _ => Err(diags),
        }
    }

    /// A checklist id that is not built in.
    fn unknown_checklist(&self, name: &str, at: &NamedAt) -> Diag {
        let lang = self.lang;
        let hint = match did_you_mean(name, BUILTINS.iter().map(|b| b.id)) {
            Some(s) => format!("{} `{s}`?", lang.pick("mente du", "did you mean")),
            None => lang
                .pick(
                    "indbyggede tjeklister: {}; en sti skal indeholde `/` eller ende på `.toml`",
                    "built-in checklists: {}; a path must contain `/` or end in `.toml`",
                )
                .replace(
                    "{}",
                    &quote_list(&BUILTINS.iter().map(|b| b.id).collect::<Vec<_>>()),
                ),
        };
        let diag = Diag::new(
            Code::E012,
            format!(
                "{} `{name}`",
                lang.pick("ukendt tjekliste", "unknown checklist")
            ),
        )
        .hint(hint);
        match at {
            NamedAt::File { file, span } => {
                diag.at(*file, span.clone(), lang.pick("ukendt id", "unknown id"))
            }
            NamedAt::CommandLine | NamedAt::Extra => diag,
        }
    }

    /// The span of the first `key =` in a file, for diagnostics about a value
    /// serde has already consumed.
    fn key_span(&self, file: FileId, key: &str) -> Range<usize> {
        let text = self.sources.text(file);
        text.find(&format!("{key} ="))
            .or_else(|| text.find(key))
            .map_or(0..0, |i| i..i + key.len())
    }
}

/// The two kinds of file almen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Checklist,
    Assessment,
}

impl FileKind {
    /// What a parsed file is, judged by its top-level tables; `None` when
    /// it has the marks of neither.
    pub fn of(root: &DeTable<'_>) -> Option<FileKind> {
        let has = |k: &str| root.get(k).is_some();
        let assessment = has("organisation") || has("assessment") || has("answers");
        let checklist = has("item") || has("source");
        match (checklist, assessment) {
            (true, false) => Some(FileKind::Checklist),
            (false, true) => Some(FileKind::Assessment),
            _ => None,
        }
    }
}

/// The parser's words for a bad date, in the reader's language.
fn date_syntax(lang: Lang, message: &str) -> String {
    let between = |what: &str| {
        message
            .split_once(&format!("expected {what} between "))
            .map(|(_, range)| range.replace(" and ", lang.pick(" og ", " and ")))
    };
    match (lang, between("day"), between("month")) {
        (Lang::Da, Some(r), _) => format!("ugyldig dato: dagen skal ligge mellem {r}"),
        (Lang::Da, _, Some(r)) => format!("ugyldig dato: måneden skal ligge mellem {r}"),
        (Lang::Da, _, _) => "ugyldig dato".to_owned(),
        (Lang::En, _, _) => message.to_owned(),
    }
}

/// `invalid type: X, expected Y` → (X, Y).
fn type_error(msg: &str) -> Option<(&str, &str)> {
    msg.strip_prefix("invalid type: ")?
        .split_once(", expected ")
}

/// serde's words for a type, as a reader says them.
fn type_word(lang: Lang, word: &str) -> String {
    let (head, value) = match word.split_once(' ') {
        Some((h, v)) => (h, v.trim_matches('`')),
        None => (word, ""),
    };
    let name = match (head, word) {
        (_, "a string") | ("string", _) => lang.pick("tekst", "text"),
        (_, "a sequence") | ("sequence", _) => lang.pick("en liste […]", "a list […]"),
        (_, "a map") | ("map", _) => lang.pick("en tabel { … }", "a table { … }"),
        (_, "u32") | (_, "u64") => {
            lang.pick("et helt tal, 0 eller større", "a whole number, 0 or more")
        }
        (_, "i64") => lang.pick("et helt tal", "a whole number"),
        (_, "f64") => lang.pick("et tal", "a number"),
        ("integer", _) => lang.pick("heltallet", "the whole number"),
        ("floating", _) => lang.pick("tallet", "the number"),
        ("boolean", _) | (_, "a boolean") => lang.pick("en sand/falsk-værdi", "a true/false value"),
        (_, w) if w.starts_with("struct ") => lang.pick("en tabel { … }", "a table { … }"),
        _ => return word.to_owned(),
    };
    match head {
        "string" | "integer" | "boolean" if !value.is_empty() => format!("{name} {value}"),
        "floating" => format!(
            "{name} {}",
            word.rsplit(' ').next().unwrap_or("").trim_matches('`')
        ),
        _ => name.to_owned(),
    }
}

/// A checklist reference is a path when it looks like one.
pub fn is_path(name: &str) -> bool {
    name.contains('/') || name.contains('\\') || name.ends_with(".toml")
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The SHA-256 of a text, in lower-case hex.
pub fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Puts diagnostics in file order, then top to bottom, whatever order
/// they were found in; those without a place keep theirs, first.
pub fn sort(diags: &mut [Diag]) {
    diags.sort_by_key(|d| d.place.as_ref().map(|p| (p.file, p.span.start)));
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}

fn read_error(lang: Lang, name: &str, err: &io::Error) -> Diag {
    let why = match err.kind() {
        io::ErrorKind::NotFound => lang
            .pick("filen findes ikke", "the file does not exist")
            .to_owned(),
        io::ErrorKind::PermissionDenied => {
            lang.pick("ingen adgang", "permission denied").to_owned()
        }
        io::ErrorKind::IsADirectory => lang.pick("det er en mappe", "it is a folder").to_owned(),
        _ => err.to_string(),
    };
    Diag::new(
        Code::E001,
        format!(
            "{} `{name}`: {why}",
            lang.pick("kan ikke læse", "cannot read")
        ),
    )
    .about(name)
    .hint(match err.kind() {
        io::ErrorKind::NotFound => lang.pick(
            "tjek stavningen og mappen; `almen init` skriver en ny selvevaluering",
            "check the spelling and the folder; `almen init` writes a new assessment",
        ),
        io::ErrorKind::IsADirectory => lang.pick(
            "giv en .toml-fil, eller brug `almen check MAPPE` for alle i mappen",
            "give a .toml file, or use `almen check FOLDER` for all in the folder",
        ),
        _ => lang.pick("tjek filens rettigheder", "check the file's permissions"),
    })
}

fn table_name(lang: Lang, path: &[Seg]) -> String {
    if path.is_empty() {
        return lang
            .pick("filens øverste niveau", "the top level of the file")
            .to_owned();
    }
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    format!("`{out}`")
}

fn quote_list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files in memory; anything else does not exist.
    struct MemFs(Vec<(&'static str, &'static str)>);

    impl Fs for MemFs {
        fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
            self.0
                .iter()
                .find(|(p, _)| Path::new(p) == path)
                .map(|(_, text)| text.as_bytes().to_vec())
                .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
        }
        fn exists(&self, path: &Path) -> bool {
            self.0.iter().any(|(p, _)| Path::new(p) == path)
        }
        fn canonical(&self, path: &Path) -> Option<PathBuf> {
            self.exists(path).then(|| path.to_path_buf())
        }
        fn evidence(&self, _: &Path, _: &str) -> Evidence {
            Evidence::Missing
        }
    }

    const NAMES_MISSING: &str =
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"nope.toml\"]\n";

    fn only(diags: Vec<Diag>) -> Diag {
        assert_eq!(diags.len(), 1, "{diags:?}");
        diags.into_iter().next().unwrap()
    }

    #[test]
    fn a_missing_checklist_is_reported_where_the_assessment_names_it() {
        let fs = MemFs(vec![("a/x.toml", NAMES_MISSING)]);
        let mut loader = Loader::new(&fs, Lang::En);
        let diag = only(loader.assessment(Path::new("a/x.toml"), &[]).unwrap_err());
        assert_eq!(diag.code, Code::E012);
        assert_eq!(diag.message, "the checklist `a/nope.toml` does not exist");
        let place = diag.place.expect("a place");
        assert_eq!(&NAMES_MISSING[place.span], "\"nope.toml\"");
        assert_eq!(
            diag.hint.as_deref(),
            Some("paths are relative to the assessment's folder")
        );
        assert_eq!(diag.subject, None);
    }

    #[test]
    fn a_missing_checklist_named_twice_is_described_once() {
        let fs = MemFs(vec![("x.toml", NAMES_MISSING), ("y.toml", NAMES_MISSING)]);
        let mut loader = Loader::new(&fs, Lang::En);
        let first = only(loader.assessment(Path::new("x.toml"), &[]).unwrap_err());
        assert_eq!(first.message, "the checklist `nope.toml` does not exist");
        let second = only(loader.assessment(Path::new("y.toml"), &[]).unwrap_err());
        assert_eq!(second.code, Code::E012);
        assert_eq!(
            second.message,
            "the checklist `nope.toml` has errors (see above)"
        );
        assert_eq!(second.label, "errors in the checklist");
        assert_eq!(second.hint, None);
    }

    #[test]
    fn a_missing_checklist_on_the_command_line_has_no_place() {
        let fs = MemFs(vec![]);
        let mut loader = Loader::new(&fs, Lang::En);
        let diag = only(loader.checklist_by_name("nope.toml").unwrap_err());
        assert_eq!(diag.code, Code::E012);
        assert_eq!(diag.place, None);
        assert_eq!(diag.subject.as_deref(), Some("nope.toml"));
        assert_eq!(
            diag.hint.as_deref(),
            Some("paths on the command line are relative to the folder almen runs in")
        );

        let text = "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = []\n";
        let fs = MemFs(vec![("x.toml", text)]);
        let mut loader = Loader::new(&fs, Lang::En);
        let extra = ["nope.toml".to_owned()];
        let diag = only(loader.assessment(Path::new("x.toml"), &extra).unwrap_err());
        assert_eq!(diag.message, "the checklist `nope.toml` does not exist");
        assert_eq!(diag.place, None);
        assert_eq!(diag.subject.as_deref(), Some("nope.toml"));
        assert_eq!(diag.hint, None);
    }

    #[test]
    fn an_assessment_that_is_not_there_cannot_be_read() {
        let fs = MemFs(vec![]);
        let mut loader = Loader::new(&fs, Lang::En);
        let diag = only(loader.assessment(Path::new("x.toml"), &[]).unwrap_err());
        assert_eq!(diag.code, Code::E001);
    }

    #[test]
    fn entries_that_leave_the_folder_are_outside() {
        for entry in ["../x.pdf", "a/../../x.pdf", "/etc/passwd"] {
            assert_eq!(classify_entry(entry), Some(Evidence::Outside), "{entry}");
        }
        for entry in ["x.pdf", "a/../x.pdf", "./a/b.pdf"] {
            assert_eq!(classify_entry(entry), None, "{entry}");
        }
        assert_eq!(classify_entry("https://bl.dk/x"), Some(Evidence::Url));
    }

    #[test]
    fn normalize_removes_dots() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.toml")),
            PathBuf::from("a/c.toml")
        );
        assert_eq!(
            normalize(Path::new("../c.toml")),
            PathBuf::from("../c.toml")
        );
    }
}
