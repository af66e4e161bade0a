//! The exit codes, as documented in the README ("Exit codes").

use std::process::ExitCode;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Checked; nothing at or above `--fail-on`, adherence not under `--fail-under`.
    Ok = 0,
    /// Checked; gaps at or above `--fail-on`, or adherence under `--fail-under`.
    Gaps = 1,
    /// Could not check: bad arguments, unreadable or invalid files.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_documented_ones() {
        assert_eq!(Exit::Ok as u8, 0);
        assert_eq!(Exit::Gaps as u8, 1);
        assert_eq!(Exit::Error as u8, 2);
    }
}
