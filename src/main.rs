//! The `almen` command: parse the command line, run the command, exit with
//! its code. The command layer lives here, above the library: `cli` turns
//! the arguments into the commands' options, `app` runs them, `fs` is the
//! file system.

mod app;
mod cli;
mod fs;
#[cfg(feature = "serve")]
mod serve;
mod usage;

use std::process::ExitCode;

/// Checking a folder allocates and frees many small values on every core;
/// mimalloc does that in less time than the system allocator. Without
/// transparent huge pages: a single check would otherwise start by
/// clearing megabytes it never uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let (command, lang, color) = cli::parse();
    app::run(command, lang, color).into()
}
