use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use almen::cli::Cli;
use almen::exit::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match almen::app::run(cli) {
        Ok(exit) => exit.into(),
        // A reader that stops early (`almen check | head -1`) is no error.
        Err(err) if is_broken_pipe(&err) => Exit::Ok.into(),
        Err(err) => {
            let _ = writeln!(io::stderr(), "almen: {err:#}");
            Exit::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
