//! What the fuzz targets do with their bytes, in one place: the targets in
//! `fuzz_targets/` each call one function here, and
//! `tests/cli/fuzz_corpus.rs` includes this same file to replay the corpus
//! and the regressions in every `cargo test`, so the two cannot drift.
//!
//! The files live in memory ([`MemFs`]): the assessment is `almen.toml`,
//! and a second file, `egne.toml`, is whatever follows [`SEPARATOR`] in the
//! input, so the fuzzer can write a checklist the assessment names.
//!
//! Nothing here may panic on any input; every function only returns. The
//! one thing checked beyond that is that rendering into memory never fails
//! and that the JSON formats write JSON.
#![allow(dead_code)]

use std::io;
use std::path::{Component, Path, PathBuf};

use almen::diag::{Diag, Sources};
use almen::lang::Lang;
use almen::lint;
use almen::load::{Evidence, FileKind, Fs, Loader, MAX_CHECKLIST_BYTES, Reach};
use almen::render::diagnostics::JsonDiag;
use almen::render::{self, Entry, Format, Options, Unchecked};
use almen::score::{self, Checked, Severity};
use chrono::{NaiveDate, TimeDelta};

/// Where the assessment is.
pub const ASSESSMENT: &str = "almen.toml";
/// Where the checklist after [`SEPARATOR`] is.
pub const CHECKLIST: &str = "egne.toml";
/// Splits an input into the assessment and the checklist `egne.toml`. Not
/// TOML, so no real file has it.
pub const SEPARATOR: &[u8] = b"\n%%egne.toml%%\n";

/// The day the targets that take no date from their input check as of.
pub fn base_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// Every format, so that none is left out of a run.
pub const FORMATS: [Format; 10] = [
    Format::Table,
    Format::Json,
    Format::Markdown,
    Format::Csv,
    Format::Junit,
    Format::Github,
    Format::Sarif,
    Format::Html,
    Format::Statement,
    Format::StatementMarkdown,
];

/// Files in memory; nothing else exists. `./` and `a/../` are only other
/// spellings of the same file.
pub struct MemFs {
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl MemFs {
    /// `data` as the assessment, split at the first [`SEPARATOR`] into the
    /// assessment and the checklist `egne.toml`.
    pub fn split(data: &[u8]) -> MemFs {
        let mut files = Vec::new();
        match find(data, SEPARATOR) {
            Some(at) => {
                files.push((PathBuf::from(ASSESSMENT), data[..at].to_vec()));
                files.push((
                    PathBuf::from(CHECKLIST),
                    data[at + SEPARATOR.len()..].to_vec(),
                ));
            }
            None => files.push((PathBuf::from(ASSESSMENT), data.to_vec())),
        }
        MemFs { files }
    }

    /// One file.
    pub fn one(path: &str, data: &[u8]) -> MemFs {
        MemFs {
            files: vec![(PathBuf::from(path), data.to_vec())],
        }
    }

    fn get(&self, path: &Path) -> Option<&[u8]> {
        let path = lexical(path)?;
        self.files
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, bytes)| bytes.as_slice())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `a/./b/../c` → `a/c`; `None` for a path that is absolute or climbs
/// above where it starts.
fn lexical(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(c) => out.push(c),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

impl Fs for MemFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if lexical(path).is_some_and(|p| p.as_os_str().is_empty()) {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        self.get(path)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
    }

    fn exists(&self, path: &Path) -> bool {
        lexical(path).is_some_and(|p| p.as_os_str().is_empty()) || self.get(path).is_some()
    }

    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        self.exists(path).then(|| lexical(path)).flatten()
    }

    fn reach(&self, path: &Path, _folder: &Path) -> Reach {
        match (lexical(path), self.get(path)) {
            (None, _) => Reach::Outside,
            (Some(p), _) if p.as_os_str().is_empty() => Reach::NotAFile,
            (_, Some(bytes)) if bytes.len() as u64 > MAX_CHECKLIST_BYTES => Reach::TooLarge,
            _ => Reach::Allowed,
        }
    }

    /// Inside the folder as written, a file that is there is found; one
    /// that is not is found or missing by a coin (the parity of its
    /// bytes), so that every state is reached.
    fn evidence(&self, base: &Path, entry: &str) -> Evidence {
        if entry.trim().is_empty() {
            return Evidence::Missing;
        }
        match lexical(Path::new(entry)) {
            None => Evidence::Outside,
            Some(p) if p.as_os_str().is_empty() => Evidence::Missing,
            Some(_) if self.get(&base.join(entry)).is_some() => Evidence::Found,
            Some(_) if entry.bytes().map(u32::from).sum::<u32>() % 2 == 0 => Evidence::Found,
            Some(_) => Evidence::Missing,
        }
    }
}

/// The language of a target that takes no flags from its input: Danish
/// for an even length, English for an odd one.
fn lang_of(data: &[u8]) -> Lang {
    if data.len().is_multiple_of(2) {
        Lang::Da
    } else {
        Lang::En
    }
}

/// Colour, for a target that takes no flags from its input, for every
/// third length.
fn color_of(data: &[u8]) -> bool {
    data.len().is_multiple_of(3)
}

/// The `assessment` target: the bytes as `almen.toml`, loaded as
/// `almen validate` loads a file; warnings for one that loads, and every
/// diagnostic shown as the terminal and JSON show it.
pub fn assessment(data: &[u8]) {
    let lang = lang_of(data);
    let fs = MemFs::split(data);
    let mut loader = Loader::new(&fs, lang);
    let path = Path::new(ASSESSMENT);
    let diags = match loader.read_file(path) {
        Err(diags) => diags,
        Ok(file_id) => match loader.kind_of(file_id) {
            Some(FileKind::Checklist) => match loader.checklist_at(file_id, path) {
                Ok(c) => lint::checklist(&c, lang),
                Err(diags) => diags,
            },
            _ => match loader.assessment_at(file_id, path, &[]) {
                Ok(loaded) => lint::assessment(&loaded, base_date(), lang),
                Err(diags) => diags,
            },
        },
    };
    show_diags(&loader.sources, &diags, lang, color_of(data));
}

/// The `checklist` target: the bytes as the checklist `egne.toml`, loaded
/// as `--checklist egne.toml` loads it; for one that loads, its warnings,
/// `almen list`, `almen show` of every item and the template `almen init`
/// writes for it.
pub fn checklist(data: &[u8]) {
    let lang = lang_of(data);
    let fs = MemFs::one(CHECKLIST, data);
    let mut loader = Loader::new(&fs, lang);
    let diags = match loader.checklist_by_name(CHECKLIST) {
        Err(diags) => diags,
        Ok(c) => {
            let mut out = Vec::new();
            let mut opts = Options::plain(lang);
            opts.color = color_of(data);
            render::list(std::slice::from_ref(&c), &opts, &mut out).expect("list");
            for item in &c.file.items {
                render::show(&c, item, lang, &mut out).expect("show");
            }
            let names = [CHECKLIST.to_string()];
            render::template::render(&[&*c], &names, &[], lang, base_date());
            lint::checklist(&c, lang)
        }
    };
    show_diags(&loader.sources, &diags, lang, color_of(data));
}

/// The `score_and_render` target. The first six bytes are not the file:
/// four are the as-of date (days from 2026-11-27, little-endian, so most
/// values are beyond the last or before the first date there is), one
/// holds flags (bit 0: English, bit 1: colour, bit 2: `egne.toml` given as
/// on the command line too) and one the table width. The rest is as
/// [`assessment`] takes it. An assessment that loads is scored and
/// rendered in every format with several sets of options.
pub fn score_and_render(data: &[u8]) {
    let Some((head, rest)) = data.split_first_chunk::<6>() else {
        return;
    };
    let as_of = as_of([head[0], head[1], head[2], head[3]]);
    let flags = head[4];
    let lang = if flags & 1 == 0 { Lang::Da } else { Lang::En };
    let other = if flags & 1 == 0 { Lang::En } else { Lang::Da };
    let color = flags & 2 != 0;
    let extra = if flags & 4 != 0 {
        vec![CHECKLIST.to_string()]
    } else {
        Vec::new()
    };
    let width = u16::from(head[5]);

    let fs = MemFs::split(rest);
    let mut loader = Loader::new(&fs, lang);
    let loaded = match loader.assessment(Path::new(ASSESSMENT), &extra) {
        Ok(loaded) => loaded,
        Err(diags) => {
            show_diags(&loader.sources, &diags, lang, color);
            return;
        }
    };
    let (a, b) = (Checked::new(&loaded, as_of), Checked::new(&loaded, as_of));
    score::summary(&[&a, &b]);
    let checked = || Entry::Checked(Checked::new(&loaded, as_of));
    let one = [checked()];
    let two = [checked(), checked()];
    // A run where one file could not be checked: the warnings stand in for
    // its diagnostics.
    let warnings = lint::assessment(&loaded, as_of, lang);
    let unchecked = || {
        Entry::Unchecked(Unchecked {
            file: ASSESSMENT.to_owned(),
            diagnostics: warnings
                .iter()
                .map(|d| JsonDiag::new(&loader.sources, d))
                .collect(),
        })
    };
    let mixed = [checked(), unchecked()];
    let none = [unchecked()];
    let variations: [(&[Entry<'_>], Options); 5] = [
        (&one, Options::plain(lang)),
        (
            &two,
            Options {
                lang: other,
                color,
                all: false,
                width,
                fail_on: Some(Severity::Minor),
                fail_under: Some(f64::from(head[5] % 101)),
                delimiter: None,
                several: true,
                summary: flags & 16 != 0,
            },
        ),
        (
            &one,
            Options {
                lang,
                color: !color,
                all: flags & 8 != 0,
                width: 120,
                fail_on: Some(Severity::Critical),
                fail_under: Some(100.0),
                // Any ASCII but a quote or a newline, as `--delimiter`.
                delimiter: Some(head[5] & 0x7f).filter(|d| !b"\"\n".contains(d)),
                several: false,
                summary: false,
            },
        ),
        (
            &mixed,
            Options {
                several: true,
                fail_on: Some(Severity::Major),
                fail_under: Some(50.0),
                ..Options::plain(other)
            },
        ),
        (
            &none,
            Options {
                several: true,
                ..Options::plain(lang)
            },
        ),
    ];
    for (results, opts) in &variations {
        for format in FORMATS {
            let mut out = Vec::new();
            if let Err(e) = render::render(format, results, opts, &mut out) {
                panic!("{format:?} could not be rendered: {e}");
            }
            if matches!(format, Format::Json | Format::Sarif)
                && let Err(e) = serde_json::from_slice::<serde_json::Value>(&out)
            {
                panic!("the {format:?} output is not JSON: {e}");
            }
        }
    }
    show_diags(&loader.sources, &warnings, lang, color);
}

/// Days from [`base_date`], or the first or last date there is.
pub fn as_of(bytes: [u8; 4]) -> NaiveDate {
    let days = i32::from_le_bytes(bytes);
    TimeDelta::try_days(days.into())
        .and_then(|d| base_date().checked_add_signed(d))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Diagnostics as every command shows them: on the terminal (as the errors
/// that stop a command, or as `validate` shows them: the same rendering,
/// so one of the two is enough), and as JSON.
fn show_diags(sources: &Sources, diags: &[Diag], lang: Lang, color: bool) {
    let files = [ASSESSMENT.to_string(), CHECKLIST.to_string()];
    let mut out = Vec::new();
    if color {
        render::diagnostics::errors(sources, diags, lang, color, &mut out).expect("errors");
    } else {
        render::diagnostics::validate(sources, diags, &files, Format::Table, lang, color, &mut out)
            .expect("validate");
    }
    let mut json = Vec::new();
    render::diagnostics::validate(sources, diags, &files, Format::Json, lang, false, &mut json)
        .expect("validate --format json");
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(&json) {
        panic!("validate's JSON is not JSON: {e}");
    }
}
