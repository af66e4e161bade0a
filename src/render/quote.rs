//! How a diagnostic quotes the file it points into: a short excerpt of the
//! line, never the whole of a long one, with every character a terminal
//! would obey shown instead (ESC as ␛). The `file:line:column` it prints is
//! still counted in the file as it is.
//!
//! The quoted text is a copy of each file the diagnostics point into, with
//! long lines cut to a window around what is pointed at and control
//! characters replaced; [`Quoted`] maps offsets between the two and is the
//! [`Files`] the terminal renderer reads.

use std::collections::BTreeMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::text::is_obeyed;
use crate::diag::{Diag, FileId, Place, Sources};

/// The most characters of one line a diagnostic quotes.
pub const LINE_LIMIT: usize = 200;
/// How many of them come before the place pointed at, when a line is cut.
const BEFORE: usize = 60;

/// A stretch of the original text and what stands for it in the quote.
#[derive(Debug, Clone)]
struct Piece {
    orig: Range<usize>,
    shown: Range<usize>,
    /// Copied as it is, byte for byte; otherwise replaced as a whole.
    verbatim: bool,
}

struct File<'s> {
    name: String,
    original: &'s str,
    shown: String,
    /// Where each line starts in the quote; a quote has as many lines as
    /// its original, so a line's index is the same in both.
    shown_lines: Vec<usize>,
    pieces: Vec<Piece>,
}

/// The files the diagnostics point into, as they are quoted.
pub struct Quoted<'s> {
    files: Vec<File<'s>>,
    /// The files as they are, where columns are counted.
    sources: &'s Sources,
}

impl<'s> Quoted<'s> {
    pub fn new(sources: &'s Sources, diags: &[Diag]) -> Self {
        // The places pointed at in each file, by line start.
        let mut marks: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
        for d in diags {
            for place in d.place.iter().chain(d.related.iter().map(|(p, _)| p)) {
                marks.entry(place.file).or_default().push(place.span.start);
            }
        }
        let files = (0..sources.len())
            .map(|id| {
                let name = super::text::visible(sources.name(id));
                match marks.get_mut(&id) {
                    Some(at) => {
                        at.sort_unstable();
                        File::new(name, sources.text(id), at)
                    }
                    None => File::new(name, "", &[]),
                }
            })
            .collect();
        Quoted { files, sources }
    }

    /// A place's span in the quote.
    pub fn span(&self, place: &Place) -> Range<usize> {
        let file = &self.files[place.file];
        let start = file.to_shown(place.span.start);
        let end = file.to_shown(place.span.end).max(start);
        start..end
    }
}

impl<'s> File<'s> {
    fn new(name: String, original: &'s str, marks: &[usize]) -> Self {
        let mut file = File {
            name,
            original,
            shown: String::with_capacity(original.len().min(1 << 16)),
            shown_lines: vec![0],
            pieces: Vec::new(),
        };
        let mut start = 0;
        while start < original.len() {
            let end = original[start..]
                .find('\n')
                .map_or(original.len(), |i| start + i);
            file.line(start..end, marks);
            if end < original.len() {
                file.push(end..end + 1, "\n", true);
                file.shown_lines.push(file.shown.len());
            }
            start = end + 1;
        }
        file
    }

    fn push(&mut self, orig: Range<usize>, shown: &str, verbatim: bool) {
        let at = self.shown.len();
        self.shown.push_str(shown);
        // Verbatim pieces side by side are one piece.
        if verbatim
            && let Some(last) = self.pieces.last_mut()
            && last.verbatim
            && last.orig.end == orig.start
        {
            last.orig.end = orig.end;
            last.shown.end = self.shown.len();
            return;
        }
        self.pieces.push(Piece {
            orig,
            shown: at..self.shown.len(),
            verbatim,
        });
    }

    /// One line without its newline: as it is when it is short and shows
    /// all it holds, else a window around its first mark.
    fn line(&mut self, range: Range<usize>, marks: &[usize]) {
        let text = &self.original[range.clone()];
        let long = text.len() > LINE_LIMIT && text.chars().count() > LINE_LIMIT;
        // A carriage return ending a line is half of a Windows line end;
        // one anywhere else would send the cursor back over the quote.
        let body = text.strip_suffix('\r').unwrap_or(text);
        if !long && !body.chars().any(|c| c != '\t' && is_obeyed(c)) {
            self.push(range, text, true);
            return;
        }
        let (from, to) = if long {
            // The marks are in order: the first on this line is found
            // without reading those before it.
            let first = marks.partition_point(|&m| m < range.start);
            let anchor = marks
                .get(first)
                .copied()
                .filter(|m| range.contains(m))
                .unwrap_or(range.start);
            let anchor = text[..anchor - range.start].chars().count();
            let total = text.chars().count();
            let first = anchor.saturating_sub(BEFORE).min(total - LINE_LIMIT);
            let byte = |nth: usize| {
                text.char_indices()
                    .nth(nth)
                    .map_or(range.end, |(i, _)| range.start + i)
            };
            (byte(first), byte(first + LINE_LIMIT))
        } else {
            (range.start, range.end)
        };
        if from > range.start {
            self.push(range.start..from, "…", false);
        }
        let mut run = from;
        for (i, c) in self.original[from..to].char_indices() {
            let at = from + i;
            let shown = match c {
                '\t' => continue,
                '\r' if at + 1 == range.end => continue,
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32),
                '\u{7f}' => Some('\u{2421}'),
                c if is_obeyed(c) => Some('\u{fffd}'),
                _ => continue,
            };
            let shown = shown.unwrap_or('\u{fffd}');
            if run < at {
                let verbatim = &self.original[run..at];
                self.push(run..at, verbatim, true);
            }
            self.push(at..at + c.len_utf8(), shown.encode_utf8(&mut [0; 4]), false);
            run = at + c.len_utf8();
        }
        if run < to {
            let verbatim = &self.original[run..to];
            self.push(run..to, verbatim, true);
        }
        if to < range.end {
            self.push(to..range.end, "…", false);
        }
    }

    /// Where an offset of the original stands in the quote.
    fn to_shown(&self, orig: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.orig.end <= orig);
        match self.pieces.get(i) {
            Some(p) if p.verbatim && orig >= p.orig.start => p.shown.start + (orig - p.orig.start),
            Some(p) => p.shown.start,
            None => self.shown.len(),
        }
    }

    /// Where an offset of the quote stands in the original.
    fn to_orig(&self, shown: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.shown.end <= shown);
        match self.pieces.get(i) {
            Some(p) if p.verbatim && shown >= p.shown.start => {
                p.orig.start + (shown - p.shown.start)
            }
            Some(p) => p.orig.start,
            None => self.original.len(),
        }
    }
}

impl<'a> Files<'a> for Quoted<'_> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, Error> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, Error> {
        self.files
            .get(id)
            .map(|f| f.shown.as_str())
            .ok_or(Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, Error> {
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(file
            .shown_lines
            .partition_point(|&start| start <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        let start = *file
            .shown_lines
            .get(line_index)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: file.shown_lines.len() - 1,
            })?;
        let end = file
            .shown_lines
            .get(line_index + 1)
            .copied()
            .unwrap_or(file.shown.len());
        Ok(start..end)
    }

    /// The column as it is in the file, not in the quote.
    fn column_number(
        &'a self,
        id: FileId,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let file = self.files.get(id).ok_or(Error::FileMissing)?;
        Ok(self
            .sources
            .column(id, line_index, file.to_orig(byte_index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    fn quote(text: &str, at: Range<usize>) -> (String, Range<usize>, usize) {
        let mut sources = Sources::default();
        let file = sources.add("f.toml", text);
        let diag = Diag::new(Code::E004, "x").at(file, at, "her");
        let quoted = Quoted::new(&sources, std::slice::from_ref(&diag));
        let place = diag.place.as_ref().unwrap();
        let span = quoted.span(place);
        let line = quoted.line_index(file, span.start).unwrap();
        let column = quoted.column_number(file, line, span.start).unwrap();
        (quoted.files[file].shown.clone(), span, column)
    }

    #[test]
    fn a_short_plain_line_is_quoted_as_it_is() {
        let (shown, span, column) = quote("a = 1\nb = 2\n", 6..7);
        assert_eq!(shown, "a = 1\nb = 2\n");
        assert_eq!((span, column), (6..7, 1));
    }

    /// A carriage return inside a line would send the terminal's cursor
    /// back over the quote; one ending a line is a Windows line end.
    #[test]
    fn a_carriage_return_is_shown_unless_it_ends_the_line() {
        let text = "# x\r\u{1b}[2Ky\r\nnavn = 1\r\n";
        let at = text.find('y').unwrap();
        let (shown, span, _) = quote(text, at..at + 1);
        assert_eq!(shown, "# x␍␛[2Ky\r\nnavn = 1\r\n");
        assert_eq!(&shown[span], "y");
        let text = "a = 1\r\nb = \r2\r\n";
        let at = text.find('2').unwrap();
        let (shown, _, _) = quote(text, at..at + 1);
        assert_eq!(shown, "a = 1\r\nb = ␍2\r\n");
    }

    #[test]
    fn control_characters_are_shown_and_columns_stay() {
        let text = "# \u{1b}]52;c;x\u{7} \u{1b}[2J\nnavn = 1\n";
        let at = text.find("[2J").unwrap();
        let (shown, span, column) = quote(text, at..at + 3);
        assert_eq!(shown, "# ␛]52;c;x␇ ␛[2J\nnavn = 1\n");
        assert_eq!(&shown[span], "[2J");
        assert_eq!(column, 14);
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_place() {
        let text = format!("x = \"{}\" ukendt = 1\n", "a".repeat(1_000_000));
        let at = text.find("ukendt").unwrap();
        let (shown, span, column) = quote(&text, at..at + 6);
        assert!(shown.chars().count() < LINE_LIMIT + 10, "{}", shown.len());
        assert!(shown.starts_with('…'));
        assert_eq!(&shown[span], "ukendt");
        assert_eq!(column, at + 1);
    }

    /// A file's diagnostics are quoted in one pass over it: neither many
    /// long lines, each with a diagnostic, nor many diagnostics on one
    /// long line have each line or each diagnostic read from the start of
    /// the file (the column of each is found where the file is indexed).
    #[test]
    fn many_diagnostics_are_quoted_in_one_pass() {
        let line = format!("x = \"{}\"\n", "æ".repeat(300));
        let text = line.repeat(20_000);
        let mut sources = Sources::default();
        let file = sources.add("f.toml", text.as_str());
        let diags: Vec<Diag> = (0..20_000)
            .map(|i| {
                let at = i * line.len() + 5 + 2 * 250;
                Diag::new(Code::E004, "x").at(file, at..at + 2, "her")
            })
            .collect();
        let quoted = Quoted::new(&sources, &diags);
        for (i, d) in diags.iter().enumerate() {
            let span = quoted.span(d.place.as_ref().unwrap());
            let line = quoted.line_index(file, span.start).unwrap();
            assert_eq!(line, i);
            assert_eq!(quoted.column_number(file, line, span.start).unwrap(), 256);
        }

        let text = format!("x = [{}]\n", "1, ".repeat(300_000));
        let mut sources = Sources::default();
        let file = sources.add("f.toml", text.as_str());
        let diags: Vec<Diag> = (0..100_000)
            .map(|i| Diag::new(Code::E004, "x").at(file, 5 + 9 * i..6 + 9 * i, "her"))
            .collect();
        let quoted = Quoted::new(&sources, &diags);
        let mut columns = diags.iter().map(|d| {
            let span = quoted.span(d.place.as_ref().unwrap());
            quoted.column_number(file, 0, span.start).unwrap()
        });
        assert_eq!(columns.next(), Some(6));
        assert!(columns.all(|c| c <= text.len()));
    }
}
