//! Places the functions a single check runs together at the start of the
//! program's code (link/hot-text.ld, written by link/hot-text.py): a check
//! of one file then faults its code in some 30 times rather than some 60.
//!
//! The script only adds a section before `.text`, so the linker's own
//! layout stays as it is. It is given to optimised builds for Linux, where
//! the default linkers (LLD, GNU ld) read it; not where the linker is mold
//! or gold, which do not, nor with `ALMEN_HOT_TEXT=0`.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=link/hot-text.ld");
    println!("cargo::rerun-if-env-changed=ALMEN_HOT_TEXT");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let linker = format!("{} {}", var("RUSTC_LINKER"), var("CARGO_ENCODED_RUSTFLAGS"));
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("OPT_LEVEL") == "0"
        || var("ALMEN_HOT_TEXT") == "0"
        || linker.contains("mold")
        || linker.contains("gold")
    {
        return;
    }
    // Given from OUT_DIR, which Cargo keeps right when the folder moves,
    // and joined to `-T`, so that no comma in the path splits it.
    let script = Path::new(&var("OUT_DIR")).join("hot-text.ld");
    let from = Path::new(&var("CARGO_MANIFEST_DIR")).join("link/hot-text.ld");
    if std::fs::copy(&from, &script).is_ok() {
        println!("cargo::rustc-link-arg-bins=-T{}", script.display());
    }
}
