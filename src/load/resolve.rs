//! Which checklist a name means, and loading each checklist once.
//!
//! A name is a built-in checklist's id, or a path when it looks like one
//! ([`is_path`]). A checklist is loaded, and its problems reported, the
//! first time anything names it; it is kept, good or bad, for everything
//! that names it later. Where it was named ([`NamedAt`]) goes with it, so
//! a checklist that cannot be found is reported there.
//!
//! This module decides which file to load and when; reading, parsing and
//! checking it are the other steps' work, and the words are [`diags`]'s.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::{
    BUILTINS, Builtin, Checklist, Fingerprint, Fs, Loader, NamedAt, Reach, diags, display, is_path,
    is_toml, read,
};
use crate::diag::{Diag, FileId, did_you_mean};
use crate::model::{AssessmentFile, ChecklistFile};

/// The most problems of a checklist file named in an assessment that are
/// shown; the rest are counted.
pub const NAMED_CHECKLIST_PROBLEMS: usize = 3;

/// Each checklist once, with whether it loaded without problems.
pub(super) type Cache = HashMap<Key, (Option<Arc<Checklist>>, bool)>;

/// What the cache knows a checklist by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    /// A built-in checklist's id.
    Builtin(&'static str),
    /// A file's path, with links and `..` resolved when it exists, so two
    /// spellings of one file are one checklist.
    Path(PathBuf),
}

/// Which checklist a name refers to.
enum ChecklistRef {
    Builtin(&'static Builtin),
    Path(PathBuf),
}

impl ChecklistRef {
    /// The checklist `name` refers to: a path relative to `base` when one
    /// is given, as written when not; `None` for an id that is not built
    /// in.
    fn of(name: &str, base: Option<&Path>) -> Option<Self> {
        if !is_path(name) {
            return BUILTINS
                .iter()
                .find(|b| b.id == name)
                .map(ChecklistRef::Builtin);
        }
        Some(ChecklistRef::Path(match base {
            Some(base) => normalize(&base.join(name)),
            None => PathBuf::from(name),
        }))
    }

    fn key(&self, fs: &dyn Fs) -> Key {
        match self {
            ChecklistRef::Builtin(builtin) => Key::Builtin(builtin.id),
            ChecklistRef::Path(path) => {
                Key::Path(fs.canonical(path).unwrap_or_else(|| path.clone()))
            }
        }
    }
}

/// A built-in checklist as parsed, with its SHA-256.
type Parsed = (Arc<ChecklistFile>, Arc<Fingerprint>);

/// Each built-in checklist, made the first time any loader in the process
/// asks for it: the threads checking a folder share it. It is made by code
/// written from its TOML ([`super::builtin`]), not parsed, unless the TOML
/// changed since that code was written. `None` for one with problems,
/// which each loader then reports as it would any file's.
fn parsed_builtin(builtin: &'static Builtin) -> Option<&'static Parsed> {
    const N: usize = BUILTINS.len();
    static PARSED: [OnceLock<Option<Parsed>>; N] = [const { OnceLock::new() }; N];
    let i = BUILTINS.iter().position(|b| b.id == builtin.id)?;
    PARSED[i]
        .get_or_init(|| {
            let made = super::builtin::MADE
                .iter()
                .find(|m| m.id == builtin.id && m.from == builtin.text);
            if let Some(made) = made {
                let sha256 = Fingerprint::known(builtin.text, made.sha256);
                return Some((Arc::new((made.make)()), Arc::new(sha256)));
            }
            let fs = NoFiles;
            let mut loader = Loader::new(&fs, crate::lang::Lang::En);
            let file_id = loader.sources.add_static(builtin.id, builtin.text);
            let mut diags = Vec::new();
            let checklist = loader.checklist_file(file_id, None, &mut diags)?;
            diags
                .is_empty()
                .then_some((checklist.file, checklist.sha256))
        })
        .as_ref()
}

/// A file system with nothing in it: a built-in checklist reads no file.
struct NoFiles;

impl Fs for NoFiles {
    fn read(&self, _: &Path) -> std::io::Result<Vec<u8>> {
        Err(std::io::ErrorKind::NotFound.into())
    }
    fn exists(&self, _: &Path) -> bool {
        false
    }
    fn canonical(&self, _: &Path) -> Option<PathBuf> {
        None
    }
    fn reach(&self, _: &Path, _: &Path) -> Reach {
        Reach::Outside
    }
    fn evidence(&self, _: &Path, _: &str) -> super::Evidence {
        super::Evidence::Missing
    }
}

impl Loader<'_> {
    /// Loads the checklists an assessment names, then those given next to
    /// it on the command line; each once, in that order.
    pub(super) fn checklists_of(
        &mut self,
        file: FileId,
        assessment: &AssessmentFile,
        base: &Path,
        extra: &[String],
        diags: &mut Vec<Diag>,
    ) -> Vec<Arc<Checklist>> {
        let named = assessment.assessment.checklists.iter().map(|c| {
            let at = NamedAt::File {
                file,
                span: c.span(),
            };
            (c.get_ref().as_str(), base, at)
        });
        // Paths on the command line are relative to where almen runs.
        let given = extra
            .iter()
            .map(|c| (c.as_str(), Path::new(""), NamedAt::CommandLine));
        let mut checklists: Vec<Arc<Checklist>> = Vec::new();
        for (name, base, at) in named.chain(given) {
            let mut own = Vec::new();
            let (loaded, ok) = self.checklist(name, Some(base), &at, &mut own);
            if !ok && own.is_empty() {
                // Its problems were reported with whatever named it first.
                diags.push(diags::checklist_has_errors(self.lang, name, &at));
            }
            diags.extend(own);
            if let Some(c) = loaded
                && !checklists.iter().any(|k| Arc::ptr_eq(k, &c))
            {
                checklists.push(c);
            }
        }
        checklists
    }

    /// Loads the checklist `name` refers to, once; a path is relative to
    /// `base` when one is given, as written when not. Returns what could be
    /// read of it, and whether that was all of it: a checklist with
    /// problems is reported the first time it is loaded and fails
    /// everything that names it.
    pub(super) fn checklist(
        &mut self,
        name: &str,
        base: Option<&Path>,
        at: &NamedAt,
        diags: &mut Vec<Diag>,
    ) -> (Option<Arc<Checklist>>, bool) {
        let Some(reference) = ChecklistRef::of(name, base) else {
            let meant = did_you_mean(name, BUILTINS.iter().map(|b| b.id));
            diags.push(diags::unknown_checklist(self.lang, name, meant, at));
            return (None, false);
        };
        // A path an assessment names is looked at before it is opened.
        if let (ChecklistRef::Path(path), NamedAt::File { file, span }, Some(folder)) =
            (&reference, at, base)
        {
            // Only a .toml file: nothing else in the folder (a `.env`, a
            // key) is read as a checklist and quoted back in diagnostics.
            if !is_toml(path) {
                diags.push(diags::checklist_not_toml(
                    self.lang,
                    &display(path),
                    *file,
                    span.clone(),
                ));
                return (None, false);
            }
            let folder = if folder.as_os_str().is_empty() {
                Path::new(".")
            } else {
                folder
            };
            let reach = self.fs.reach(path, folder);
            if reach != Reach::Allowed {
                diags.push(diags::checklist_out_of_reach(
                    self.lang,
                    &display(path),
                    reach,
                    at,
                ));
                return (None, false);
            }
        }
        let key = reference.key(self.fs);
        if let Some(cached) = self.cache.get(&key) {
            return cached.clone();
        }
        let mut own = Vec::new();
        // As the folder almen runs in knows it, for `almen validate`.
        let shown = match &reference {
            ChecklistRef::Builtin(_) => name.to_owned(),
            ChecklistRef::Path(path) => display(path),
        };
        let loaded = match reference {
            ChecklistRef::Builtin(builtin) => {
                let name = diags::builtin_name(self.lang, builtin.id);
                let file_id = self.sources.add_static(name, builtin.text);
                match parsed_builtin(builtin) {
                    Some((file, sha256)) => Some(Checklist {
                        file: file.clone(),
                        file_id,
                        path: None,
                        sha256: sha256.clone(),
                    }),
                    None => self.checklist_file(file_id, None, &mut own),
                }
            }
            ChecklistRef::Path(path) => {
                match read::checklist(self.fs, &mut self.sources, self.lang, &path, at, &mut own) {
                    Some(file_id) => self.checklist_file(file_id, Some(path), &mut own),
                    None => None,
                }
            }
        };
        let loaded = loaded.map(Arc::new);
        let ok = own.is_empty();
        // Any .toml file in reach may be named as a checklist: one that is
        // not a checklist (or is someone's secrets) would otherwise give a
        // diagnostic, and a quoted line, for every line of it.
        if let NamedAt::File { file, span } = at
            && own.len() > NAMED_CHECKLIST_PROBLEMS
        {
            super::sort(&mut own);
            let total = own.len();
            own.truncate(NAMED_CHECKLIST_PROBLEMS);
            own.push(diags::checklist_problems_left_out(
                self.lang,
                &shown,
                total,
                NAMED_CHECKLIST_PROBLEMS,
                *file,
                span.clone(),
            ));
        }
        diags.extend(own);
        self.cache.insert(key, (loaded.clone(), ok));
        (loaded, ok)
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::lang::Lang;
    use crate::load::tests::MemFs;

    const NAMES_MISSING: &str =
        "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"nope.toml\"]\n";

    fn only(diags: Vec<Diag>) -> Diag {
        assert_eq!(diags.len(), 1, "{diags:?}");
        diags.into_iter().next().unwrap()
    }

    #[test]
    fn a_missing_checklist_is_reported_where_the_assessment_names_it() {
        let fs = MemFs::default().file("a/x.toml", NAMES_MISSING);
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
        let fs = MemFs::default()
            .file("x.toml", NAMES_MISSING)
            .file("y.toml", NAMES_MISSING);
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
        let fs = MemFs::default();
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
        let fs = MemFs::default().file("x.toml", text);
        let mut loader = Loader::new(&fs, Lang::En);
        let extra = ["nope.toml".to_owned()];
        let diag = only(loader.assessment(Path::new("x.toml"), &extra).unwrap_err());
        assert_eq!(diag.message, "the checklist `nope.toml` does not exist");
        assert_eq!(diag.place, None);
        assert_eq!(diag.subject.as_deref(), Some("nope.toml"));
        // Beside an assessment too, a path on the command line is relative
        // to where almen runs, and the hint says so.
        assert_eq!(
            diag.hint.as_deref(),
            Some("paths on the command line are relative to the folder almen runs in")
        );
    }

    fn key(fs: &MemFs, name: &str) -> Key {
        ChecklistRef::of(name, None).expect("a checklist").key(fs)
    }

    #[test]
    fn a_file_is_known_by_its_canonical_path_a_builtin_by_its_id() {
        let fs = MemFs::default().file("c.toml", "");
        assert_eq!(key(&fs, "./c.toml"), Key::Path(PathBuf::from("c.toml")));
        assert_eq!(key(&fs, "c.toml"), key(&fs, "./c.toml"));
        // One that does not exist has no canonical path; it keeps its own.
        assert_eq!(key(&fs, "./d.toml"), Key::Path(PathBuf::from("./d.toml")));
        let id = BUILTINS[0].id;
        assert_eq!(key(&fs, id), Key::Builtin(id));
    }

    #[test]
    fn a_checklist_named_two_ways_is_loaded_once() {
        const CHECKLIST: &str = r#"
format = 1
id = "egne"
version = "1"
title = { da = "Egne" }
[source]
publisher = "X"
title = "Y"
"#;
        let fs = MemFs::default().file("c.toml", CHECKLIST);
        let mut loader = Loader::new(&fs, Lang::En);
        let first = loader.checklist_by_name("c.toml").expect("loads");
        let second = loader.checklist_by_name("./c.toml").expect("loads");
        assert!(Arc::ptr_eq(&first, &second));
    }

    fn naming(checklist: &str) -> String {
        format!(
            "format = 1\n[organisation]\nname = \"X\"\n[assessment]\nchecklists = [\"{checklist}\"]\n"
        )
    }

    #[test]
    fn a_checklist_an_assessment_names_is_a_toml_file() {
        let env: &'static str = "SECRET_1 = \"hemmelig\"\n";
        let names: &'static str = naming("../.env").leak();
        let fs = MemFs::default().file(".env", env).file("sub/a.toml", names);
        let mut loader = Loader::new(&fs, Lang::En);
        let diag = only(loader.assessment(Path::new("sub/a.toml"), &[]).unwrap_err());
        assert_eq!(diag.code, Code::E021);
        assert_eq!(
            diag.message,
            "the checklist `.env` is not a .toml file; it was not opened"
        );
        assert_eq!(&names[diag.place.expect("a place").span], "\"../.env\"");

        // Whatever the case of its extension.
        let checklist: &'static str = "format = 1\nid = \"egne\"\nversion = \"1\"\ntitle = { da = \"Egne\" }\n[source]\npublisher = \"X\"\ntitle = \"Y\"\n";
        let fs = MemFs::default()
            .file("Egne.TOML", checklist)
            .file("a.toml", naming("Egne.TOML").leak());
        let mut loader = Loader::new(&fs, Lang::En);
        let loaded = loader.assessment(Path::new("a.toml"), &[]).expect("loads");
        assert_eq!(loaded.checklists[0].id(), "egne");

        // The command line is the user's own choice.
        let fs = MemFs::default().file(".env", env);
        let mut loader = Loader::new(&fs, Lang::En);
        let diags = loader.checklist_by_name(".env").unwrap_err();
        assert!(diags.iter().all(|d| d.code != Code::E021), "{diags:?}");
    }

    #[test]
    fn a_checklist_an_assessment_names_shows_its_first_problems_only() {
        let keys: String = (1..=30)
            .map(|i| format!("SECRET_{i} = \"v{i}\"\n"))
            .collect();
        let keys: &'static str = keys.leak();
        let names: &'static str = naming("hemmelig.toml").leak();
        let fs = MemFs::default()
            .file("hemmelig.toml", keys)
            .file("a.toml", names);
        let mut loader = Loader::new(&fs, Lang::En);
        let diags = loader.assessment(Path::new("a.toml"), &[]).unwrap_err();
        let in_checklist = diags
            .iter()
            .filter(|d| d.place.as_ref().is_some_and(|p| p.file == 1))
            .count();
        assert_eq!(in_checklist, NAMED_CHECKLIST_PROBLEMS, "{diags:?}");
        let count = diags
            .iter()
            .find(|d| d.code == Code::E012)
            .expect("a count");
        assert_eq!(
            count.message,
            "the checklist `hemmelig.toml` has 31 problems; the first 3 are shown, 28 are left out"
        );
        assert_eq!(diags.len(), NAMED_CHECKLIST_PROBLEMS + 1, "{diags:?}");

        // On the command line, every one of them.
        let mut loader = Loader::new(&fs, Lang::En);
        let diags = loader.checklist_by_name("hemmelig.toml").unwrap_err();
        assert!(diags.len() > 30, "{diags:?}");
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
