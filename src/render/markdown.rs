//! The gap report as Markdown, for pasting into the board's minutes.

use std::io::{self, Write};

use super::templates;
use crate::report::Report;

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let md = templates::render("report.md", report).map_err(io::Error::other)?;
    out.write_all(md.trim_end().as_bytes())?;
    writeln!(out)
}
