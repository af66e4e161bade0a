//! Hostile input: what an assessment or a command line written by someone
//! else must not make almen do. An assessment comes from another
//! organisation as often as not (a municipality checks what it is sent; CI
//! runs on pull requests), so each finding here is a test that would fail
//! if the hole opened again.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

use crate::{AS_OF, almen, fails};

/// `report -o` onto something that is not a regular file (a device, a
/// FIFO, a folder) is refused and leaves it as it was. Before, as root,
/// `-o /dev/null` replaced the device with a regular file.
#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("b.html");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    // A link to a device: the device is what would be replaced.
    let device = dir.path().join("device.html");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let folder = dir.path().join("mappe");
    fs::create_dir(&folder).unwrap();
    for output in [&fifo, &device, &folder] {
        let mut cmd = almen();
        cmd.args(["report", "examples/almen.toml", "--as-of", AS_OF, "-o"])
            .arg(output);
        fails(cmd, &["error[E018]", "ikke en almindelig fil"]);
    }
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&device).unwrap().is_symlink());
    assert!(fs::metadata(&device).unwrap().file_type().is_char_device());
    assert!(folder.is_dir());
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 3, "no temporary file is left behind");
}

/// `init` refuses an output that is a device too, even with `--force`.
#[cfg(unix)]
#[test]
fn init_never_replaces_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("almen.toml");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let mut cmd = almen();
    cmd.args(["init", "--force", "-o"]).arg(&device);
    fails(cmd, &["error[E018]"]);
    assert!(fs::symlink_metadata(&device).unwrap().is_symlink());
}
