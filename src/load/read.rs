//! Bytes to text: a file is read through [`Fs`], must be UTF-8 and not
//! empty, and is registered with the [`Sources`] so diagnostics can point
//! into it (E001–E003). A checklist file that is not there is E012,
//! checklist not found, made here with the place it was named.
//!
//! Nothing here parses the text or knows what is in it.

use std::path::Path;

use super::{Fs, NamedAt, diags, display};
use crate::diag::{Diag, FileId, Sources};
use crate::lang::Lang;

/// Reads a file as UTF-8 text and registers it; `None` and one
/// diagnostic when it cannot be used.
pub(super) fn file(
    fs: &dyn Fs,
    sources: &mut Sources,
    lang: Lang,
    path: &Path,
    diags: &mut Vec<Diag>,
) -> Option<FileId> {
    let name = display(path);
    match fs.read(path) {
        Ok(bytes) => text(sources, lang, name, bytes, diags),
        Err(err) => {
            diags.push(diags::cannot_read(lang, &name, &err));
            None
        }
    }
}

/// Reads a checklist file, named `at`, as UTF-8 text and registers it.
pub(super) fn checklist(
    fs: &dyn Fs,
    sources: &mut Sources,
    lang: Lang,
    path: &Path,
    at: &NamedAt,
    diags: &mut Vec<Diag>,
) -> Option<FileId> {
    let name = display(path);
    let diag = match fs.read(path) {
        Ok(bytes) => return text(sources, lang, name, bytes, diags),
        // One that is there but cannot be read is the file's problem, not
        // the name's.
        Err(err) if fs.exists(path) => diags::cannot_read(lang, &name, &err),
        Err(_) => diags::checklist_missing(lang, &name, at),
    };
    diags.push(diag);
    None
}

/// Registers the text, even one with a problem, so the problem can be
/// shown in it.
pub(super) fn text(
    sources: &mut Sources,
    lang: Lang,
    name: String,
    bytes: Vec<u8>,
    diags: &mut Vec<Diag>,
) -> Option<FileId> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let empty = text.trim().is_empty();
            let id = sources.add(name.clone(), text);
            if empty {
                diags.push(diags::empty_file(lang, id, &name));
                return None;
            }
            Some(id)
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let latin1 = err
                .as_bytes()
                .get(at)
                .filter(|&&b| b >= 0xa0)
                .map(|&b| char::from(b))
                .filter(|c| c.is_alphabetic());
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let id = sources.add(name.clone(), text);
            // A few bytes from there: the replacement character the bad
            // byte became is three bytes long.
            diags.push(diags::not_utf8(lang, id, &name, at..at + 3, latin1));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::load::tests::MemFs;

    fn codes(fs: &MemFs, checklist_at: Option<&NamedAt>) -> Vec<Code> {
        let (mut sources, mut diags) = (Sources::default(), Vec::new());
        let path = Path::new("x.toml");
        let id = match checklist_at {
            Some(at) => checklist(fs, &mut sources, Lang::En, path, at, &mut diags),
            None => file(fs, &mut sources, Lang::En, path, &mut diags),
        };
        assert_eq!(id, None);
        diags.iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_checklist_that_is_not_there_is_not_found_a_file_cannot_be_read() {
        let fs = MemFs::default();
        assert_eq!(codes(&fs, None), [Code::E001]);
        assert_eq!(codes(&fs, Some(&NamedAt::CommandLine)), [Code::E012]);
    }

    #[test]
    fn a_checklist_that_is_there_but_cannot_be_read_cannot_be_read() {
        let fs = MemFs::default().folder("x.toml");
        assert_eq!(codes(&fs, Some(&NamedAt::CommandLine)), [Code::E001]);
        let fs = MemFs::default().file("x.toml", " \n");
        assert_eq!(codes(&fs, Some(&NamedAt::CommandLine)), [Code::E003]);
    }
}
