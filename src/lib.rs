//! almen: scores Danish social housing organisations' self-assessments
//! against BL's God Almen Ledelse recommendations and the statutory duties
//! behind them.
//!
//! Data flows one way: files → [`load`] → [`score`] → [`render`]. Only
//! [`app`] touches the file system, the clock and the terminal.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod cli;
pub mod diag;
pub mod exit;
pub mod i18n;
pub mod lint;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod schema;
pub mod score;
pub mod template;
