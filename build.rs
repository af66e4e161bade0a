//! Places the functions a single check runs together at the start of the
//! program's code (link/hot-text.ld, written by link/hot-text.py): a check
//! of one file then faults its code in some 30 times rather than some 60.
//! The script only adds a section before `.text`, so the linker's own
//! layout stays as it is; Linux only.

fn main() {
    println!("cargo::rerun-if-changed=link/hot-text.ld");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/link/hot-text.ld");
        println!("cargo::rustc-link-arg-bins=-Wl,-T,{script}");
    }
}
