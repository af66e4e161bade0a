//! The CI recipes in examples/ci/ call almen with arguments that exist and
//! pass on a compliant organisation: every `almen …` command in them is run
//! in a copy of the compliant example.

use std::fs;

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

#[test]
fn every_recipe_command_runs_on_a_compliant_organisation() {
    let root = crate::root();
    let dir = tempfile::tempdir().unwrap();
    crate::copy_dir(&root.join("examples"), dir.path());
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
            let out = crate::almen_in(dir.path())
                .args(&args)
                .args(if args[0] == "validate" {
                    vec![]
                } else {
                    vec!["--as-of", crate::AS_OF]
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
