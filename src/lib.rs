//! almen: scores Danish social housing organisations' self-assessments
//! against BL's God Almen Ledelse recommendations and the statutory duties
//! behind them.
//!
//! Data flows one way: files → [`load`] → [`score`] → [`render`], with
//! [`lint`] beside scoring and [`diff`], which compares two scored
//! assessments, after it. The library never touches the file system (the
//! loader reaches it through [`load::Fs`]), the clock or the terminal: the
//! command layer in `src/main.rs` does, and hands everything in. See
//! ARCHITECTURE.md.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod diag;
pub mod diff;
pub mod lang;
pub mod lint;
pub mod load;
pub mod model;
pub mod pool;
pub mod render;
pub mod schema;
pub mod score;
