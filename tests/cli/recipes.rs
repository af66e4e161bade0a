//! The CI recipes in examples/ci/ call almen with arguments that exist and
//! pass on a compliant organisation: every `almen …` command in them is run
//! in a copy of the compliant example.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// The `almen …` commands of a recipe, without shell redirections.
fn commands(recipe: &str) -> Vec<Vec<String>> {
    recipe
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches("- ")
                .trim_start_matches("run: ")
                .trim_start_matches("entry: ")
        })
        .filter(|l| l.starts_with("almen "))
        .map(|l| {
            l.split('>')
                .next()
                .unwrap()
                .split_whitespace()
                .skip(1)
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_recipe_command_runs_on_a_compliant_organisation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("examples"), dir.path());
    let mut seen = 0;
    for recipe in [
        "github-actions.yml",
        "gitlab-ci.yml",
        "pre-commit",
        "pre-commit-config.yaml",
    ] {
        let text = fs::read_to_string(root.join("examples/ci").join(recipe)).unwrap();
        for args in commands(&text) {
            seen += 1;
            let out = Command::cargo_bin("almen")
                .unwrap()
                .current_dir(dir.path())
                .env_remove("ALMEN_LANG")
                .args(&args)
                .args(if args[0] == "validate" {
                    vec![]
                } else {
                    vec!["--as-of", "2026-11-27"]
                })
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{recipe}: almen {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(seen >= 8, "only {seen} commands found");
}
