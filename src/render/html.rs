//! The printable gap report as one self-contained HTML file: inline CSS,
//! an inline SVG gauge, no scripts, nothing fetched.

use std::io::{self, Write};

use super::templates;
use crate::report::Report;

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let html = templates::render("report.html", report).map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}
