//! Standard output and standard error, with the one rule for a reader that
//! goes away: a write to a closed pipe (`almen check | head -1`, or a log
//! collector that stops reading stderr) is no error. What follows is
//! dropped silently and the run ends with the exit code it computed, never
//! with one a closed pipe made up. Every byte almen prints goes through
//! [`Pipe`], so no command handles a broken pipe of its own.

use std::io::{self, IsTerminal, Write};

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Where output goes, and how it may look there.
#[derive(Debug, Clone, Copy)]
pub struct Stdio {
    pub out_color: bool,
    pub err_color: bool,
    /// Width for tables and the lines that wrap: `COLUMNS` when it is set,
    /// else the terminal's, or [`FILE_WIDTH`] when the output goes to a file
    /// or a pipe, so that it does not depend on where it ran.
    pub width: u16,
    /// Width for an output written to a file (`-o`, `--also`): what
    /// standard output redirected to it would have.
    pub file_width: u16,
    /// Whether standard output is a terminal (a person reading, not a
    /// file or a pipe).
    pub out_terminal: bool,
    /// Whether an output written to a file (`-o`, `--also`) is coloured:
    /// as standard output redirected to it would be, so only with
    /// `--color always`.
    pub file_color: bool,
}

/// The width of a table in a file or a pipe: fixed, so that the output
/// does not depend on where it ran.
pub const FILE_WIDTH: u16 = 120;

impl Stdio {
    pub fn new(color: Color) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let choose = |terminal: bool| match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && !no_color,
        };
        let terminal = io::stdout().is_terminal();
        Stdio {
            out_color: choose(terminal),
            err_color: choose(io::stderr().is_terminal()),
            width: columns_env().unwrap_or_else(|| {
                if terminal {
                    comfy_table::Table::new().width().unwrap_or(100)
                } else {
                    FILE_WIDTH
                }
            }),
            file_width: columns_env().unwrap_or(FILE_WIDTH),
            out_terminal: terminal,
            file_color: choose(false),
        }
    }

    pub fn out(&self) -> Pipe<io::StdoutLock<'static>> {
        Pipe::new(io::stdout().lock())
    }

    pub fn err(&self) -> Pipe<io::StderrLock<'static>> {
        Pipe::new(io::stderr().lock())
    }
}

/// The width `COLUMNS` asks for: a whole number of columns, at least
/// [`MIN_WIDTH`] (narrower than that no table can be read, so it is taken
/// as that); anything else is no answer.
/// The width `COLUMNS` asks for, if it is set to one.
fn columns_env() -> Option<u16> {
    columns(std::env::var("COLUMNS").ok().as_deref())
}

fn columns(value: Option<&str>) -> Option<u16> {
    let n: u16 = value?.trim().parse().ok()?;
    (n > 0).then_some(n.max(MIN_WIDTH))
}

/// The narrowest width tables are laid out for.
const MIN_WIDTH: u16 = 40;

/// A writer whose reader may go away. Once a write fails with a broken
/// pipe, this and every later write succeed without writing anything.
pub struct Pipe<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> Pipe<W> {
    pub fn new(inner: W) -> Self {
        Pipe {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, done: T, result: io::Result<T>) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Pipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.guard(buf.len(), result)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.guard((), result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `room` bytes, then fails as a closed pipe does.
    struct Closing {
        room: usize,
        kind: io::ErrorKind,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(self.kind));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn columns_sets_the_width() {
        assert_eq!(columns(Some("80")), Some(80));
        assert_eq!(columns(Some(" 132 ")), Some(132));
        assert_eq!(columns(Some("10")), Some(MIN_WIDTH));
        assert_eq!(columns(Some("0")), None);
        assert_eq!(columns(Some("wide")), None);
        assert_eq!(columns(Some("")), None);
        assert_eq!(columns(None), None);
    }

    #[test]
    fn a_closed_pipe_swallows_the_rest() {
        let mut pipe = Pipe::new(Closing {
            room: 4,
            kind: io::ErrorKind::BrokenPipe,
        });
        pipe.write_all(b"abcdefgh").unwrap();
        pipe.write_all(b"more").unwrap();
        pipe.flush().unwrap();
        assert!(pipe.closed);
    }

    #[test]
    fn other_errors_are_errors() {
        let mut pipe = Pipe::new(Closing {
            room: 0,
            kind: io::ErrorKind::StorageFull,
        });
        let err = pipe.write_all(b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    }
}
