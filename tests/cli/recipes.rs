//! The CI recipes in `examples/ci/` and the release workflow they download
//! almen from.
//!
//! Each recipe is read as its tool reads it (YAML, or the hook as a shell
//! script), and every `almen …` command in its steps is held to almen's own
//! `--help`: the subcommand exists, each flag is one that the subcommand
//! lists, and each value is one that it lists. Nothing here names a flag:
//! a flag added to almen is known to these tests as soon as `--help` shows
//! it. The commands are then run, in order, in a copy of a compliant
//! organisation's config repository: they pass, and leave every file the
//! recipe publishes. On the same files a few weeks after a duty has
//! lapsed, the CI jobs' `check` exits 1 while the pre-commit hooks still
//! pass: a duty lapses with the calendar, not with a commit. The CI jobs'
//! `diff` of a pull request is given the unchanged file on standard input,
//! as `git show` of the base branch would give it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::rc::Rc;

use yaml_rust2::{Yaml, YamlLoader};

/// A day on which the compliant example has lapsed duties (its
/// styringsdialog fell due on 2027-12-31).
const LAPSED: &str = "2028-01-15";

// ---------------------------------------------------------------------------
// The recipes
// ---------------------------------------------------------------------------

/// What a recipe runs and publishes.
struct Recipe {
    file: &'static str,
    /// A CI job (runs `check`), or a pre-commit hook (must not).
    ci: bool,
    /// Every `almen` command, as the words the shell passes to it.
    commands: Vec<Vec<String>>,
    /// The files the recipe publishes: artifacts, reports, SARIF.
    published: Vec<String>,
    /// The whole text, for what is not a command.
    text: String,
}

fn read(path: &str) -> String {
    fs::read_to_string(crate::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The one YAML document in `text`.
fn yaml(file: &str, text: &str) -> Yaml {
    let mut docs =
        YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{file} is not valid YAML: {e}"));
    assert_eq!(docs.len(), 1, "{file}: one YAML document");
    docs.remove(0)
}

fn hash<'a>(value: &'a Yaml, what: &str) -> &'a yaml_rust2::yaml::Hash {
    value
        .as_hash()
        .unwrap_or_else(|| panic!("{what} is not a mapping: {value:?}"))
}

/// A string, or each string of a list (GitLab's `script` may be either).
fn strings(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::String(s) => vec![s.clone()],
        Yaml::Array(items) => items.iter().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

fn almen_commands(scripts: &[String]) -> Vec<Vec<String>> {
    scripts
        .iter()
        .flat_map(|s| shell_commands(s))
        .filter(|words| words[0] == "almen")
        .collect()
}

fn github_actions() -> Recipe {
    let file = "github-actions.yml";
    let text = read("examples/ci/github-actions.yml");
    let doc = yaml(file, &text);
    let mut scripts = Vec::new();
    let mut published = Vec::new();
    for (name, job) in hash(&doc["jobs"], "jobs") {
        let steps = job["steps"]
            .as_vec()
            .unwrap_or_else(|| panic!("{file}: job {name:?} has no steps"));
        for step in steps {
            scripts.extend(strings(&step["run"]));
            let uses = step["uses"].as_str().unwrap_or("");
            if uses.starts_with("github/codeql-action/upload-sarif@") {
                published.extend(strings(&step["with"]["sarif_file"]));
            }
            if uses.starts_with("actions/upload-artifact@") {
                for path in strings(&step["with"]["path"]) {
                    published.extend(path.lines().map(str::trim).map(str::to_owned));
                }
            }
        }
    }
    published.retain(|p| !p.is_empty());
    Recipe {
        file,
        ci: true,
        commands: almen_commands(&scripts),
        published,
        text,
    }
}

/// Keys of a `.gitlab-ci.yml` that are not jobs.
const GITLAB_GLOBAL_KEYS: [&str; 6] = [
    "workflow",
    "stages",
    "variables",
    "default",
    "include",
    "image",
];

fn gitlab_ci() -> Recipe {
    let file = "gitlab-ci.yml";
    let text = read("examples/ci/gitlab-ci.yml");
    let doc = yaml(file, &text);
    let mut scripts = Vec::new();
    let mut published = Vec::new();
    for (name, job) in hash(&doc, file) {
        let name = name.as_str().unwrap_or("");
        if GITLAB_GLOBAL_KEYS.contains(&name) || name.starts_with('.') {
            continue;
        }
        for key in ["before_script", "script", "after_script"] {
            scripts.extend(strings(&job[key]));
        }
        published.extend(strings(&job["artifacts"]["paths"]));
        published.extend(strings(&job["artifacts"]["reports"]["junit"]));
    }
    Recipe {
        file,
        ci: true,
        commands: almen_commands(&scripts),
        published,
        text,
    }
}

fn pre_commit_hook() -> Recipe {
    let text = read("examples/ci/pre-commit");
    Recipe {
        file: "pre-commit",
        ci: false,
        commands: almen_commands(std::slice::from_ref(&text)),
        published: Vec::new(),
        text,
    }
}

fn pre_commit_config() -> Recipe {
    let file = "pre-commit-config.yaml";
    let text = read("examples/ci/pre-commit-config.yaml");
    let doc = yaml(file, &text);
    let mut commands = Vec::new();
    for repo in doc["repos"].as_vec().expect("repos") {
        for hook in repo["hooks"].as_vec().expect("hooks") {
            let entry = hook["entry"].as_str().expect("every hook has an entry");
            let mut words = shell_words(entry);
            words.extend(strings(&hook["args"]));
            assert_eq!(
                hook["pass_filenames"].as_bool(),
                Some(false),
                "{file}: hook {:?} must not be given the changed files: it validates them all",
                hook["id"]
            );
            if words[0] == "almen" {
                commands.push(words);
            }
        }
    }
    Recipe {
        file,
        ci: false,
        commands,
        published: Vec::new(),
        text,
    }
}

fn recipes() -> Vec<Recipe> {
    let recipes = vec![
        github_actions(),
        gitlab_ci(),
        pre_commit_hook(),
        pre_commit_config(),
    ];
    for recipe in &recipes {
        assert!(
            !recipe.commands.is_empty(),
            "{}: no almen command found",
            recipe.file
        );
    }
    recipes
}

// ---------------------------------------------------------------------------
// Shell words
// ---------------------------------------------------------------------------

/// The simple commands of a shell script, each as the words the shell
/// passes to the program: quotes removed, backslash-newlines joined,
/// comments dropped, redirections and their targets dropped, split at
/// newlines, `;`, `&` and `|`; leading keywords (`if`, `then`, …) and
/// variable assignments dropped. Enough for the recipes, not a shell.
fn shell_commands(script: &str) -> Vec<Vec<String>> {
    let mut commands = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word: Option<String> = None;
    let mut skip_next_word = false;
    let mut chars = script.chars().peekable();

    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(next) => word.get_or_insert_with(String::new).push(next),
            },
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    w.push(c);
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => {
                            w.push(chars.next().unwrap());
                        }
                        _ => w.push(c),
                    }
                }
            }
            '#' if word.is_none() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                end_command(&mut words, &mut commands);
            }
            '>' | '<' => {
                // `2>` and `>`: the file descriptor, then the target.
                if word
                    .as_deref()
                    .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
                {
                    word = None;
                }
                end_word(&mut word, &mut words, &mut skip_next_word);
                while matches!(chars.peek(), Some('>' | '&')) {
                    chars.next();
                }
                skip_next_word = true;
            }
            '\n' | ';' | '&' | '|' => {
                end_word(&mut word, &mut words, &mut skip_next_word);
                end_command(&mut words, &mut commands);
            }
            c if c.is_whitespace() => end_word(&mut word, &mut words, &mut skip_next_word),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    end_word(&mut word, &mut words, &mut skip_next_word);
    end_command(&mut words, &mut commands);
    commands
}

/// Ends a word: kept, or dropped when it is a redirection's target.
fn end_word(word: &mut Option<String>, words: &mut Vec<String>, skip: &mut bool) {
    if let Some(w) = word.take() {
        if *skip {
            *skip = false;
        } else {
            words.push(w);
        }
    }
}

fn end_command(words: &mut Vec<String>, commands: &mut Vec<Vec<String>>) {
    let keywords = [
        "if", "then", "else", "elif", "fi", "do", "done", "!", "exec", "time",
    ];
    let start = words
        .iter()
        .position(|w| !keywords.contains(&w.as_str()) && !is_assignment(w))
        .unwrap_or(words.len());
    if start < words.len() {
        commands.push(words[start..].to_vec());
    }
    words.clear();
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The words of one command line.
fn shell_words(line: &str) -> Vec<String> {
    let mut commands = shell_commands(line);
    assert_eq!(commands.len(), 1, "one command: {line}");
    commands.remove(0)
}

#[test]
fn shell_words_are_split_as_the_shell_splits_them() {
    let script = "set -e\n# a comment\nalmen check 'a b.toml' \\\n  --format \"github\" > out.txt 2>&1 && echo done\nX=1 almen validate\nif almen --version; then :; fi";
    assert_eq!(
        shell_commands(script),
        [
            vec!["set", "-e"],
            vec!["almen", "check", "a b.toml", "--format", "github"],
            vec!["echo", "done"],
            vec!["almen", "validate"],
            vec!["almen", "--version"],
            vec![":"],
        ]
    );
}

// ---------------------------------------------------------------------------
// almen's own --help
// ---------------------------------------------------------------------------

/// One option as `--help` shows it.
#[derive(Debug)]
struct Opt {
    /// The value's placeholder (`FORMAT`, `FILE`), if it takes one.
    value: Option<String>,
    /// The values it accepts, where `--help` lists them.
    accepts: Option<BTreeSet<String>>,
}

/// The options of a command, by every name (`-o` and `--output`).
type Opts = BTreeMap<String, Rc<Opt>>;

fn help_text(args: &[&str]) -> String {
    let out = crate::almen()
        .args(args)
        .arg("--help")
        .output()
        .expect("almen runs");
    assert_eq!(out.status.code(), Some(0), "almen {args:?} --help");
    crate::text(&out.stdout)
}

/// The subcommands `almen --help` lists.
fn subcommands() -> BTreeSet<String> {
    help_text(&[])
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// Reads the options out of `--help`: a line indented at most six spaces
/// that starts with `-` and a name (`  -o, --output <FILE>`, `      --all`)
/// begins an option; the lines under it, until the next one, describe it,
/// with its values either as `[possible values: a, b]` or as a list of
/// `- a: …` lines after `Possible values:`.
fn options(help: &str) -> Opts {
    let mut opts = Opts::new();
    let mut current: Option<(Vec<String>, Option<String>, Vec<String>)> = None;
    let mut finish = |current: Option<(Vec<String>, Option<String>, Vec<String>)>| {
        if let Some((names, value, lines)) = current {
            let opt = Rc::new(Opt {
                value,
                accepts: accepted_values(&lines),
            });
            for name in names {
                opts.insert(name, opt.clone());
            }
        }
    };
    for line in help.lines().skip_while(|l| !l.starts_with("Options:")) {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let is_option = (1..=6).contains(&indent)
            && trimmed.starts_with('-')
            && trimmed[1..].starts_with(|c: char| c == '-' || c.is_ascii_alphanumeric());
        if is_option {
            finish(current.take());
            // `-o, --output <FILE>  description` (the short help) or
            // `-o, --output <FILE>` (the long help).
            let header = trimmed.split("  ").next().unwrap();
            let (names, value) = match header.split_once(" <") {
                Some((names, value)) => (names, Some(value.trim_end_matches('>').to_owned())),
                None => (header, None),
            };
            let names = names.split(", ").map(str::to_owned).collect();
            let rest = trimmed[header.len()..].trim().to_owned();
            current = Some((names, value, vec![rest]));
        } else if let Some((_, _, lines)) = current.as_mut() {
            lines.push(trimmed.to_owned());
        }
    }
    finish(current);
    opts
}

fn accepted_values(lines: &[String]) -> Option<BTreeSet<String>> {
    let joined = lines.join(" ");
    if let Some((_, rest)) = joined.split_once("[possible values: ") {
        let list = rest.split(']').next().unwrap();
        return Some(list.split(", ").map(|v| v.trim().to_owned()).collect());
    }
    let start = lines
        .iter()
        .position(|l| l.starts_with("Possible values:"))?;
    Some(
        lines[start + 1..]
            .iter()
            .take_while(|l| !l.is_empty())
            .filter(|l| l.starts_with("- "))
            .map(|l| {
                let item = &l[2..];
                item.split(':').next().unwrap().trim().to_owned()
            })
            .collect(),
    )
}

/// `almen --help` and `almen SUBCOMMAND --help`, each read once.
struct Helps {
    subcommands: BTreeSet<String>,
    options: HashMap<String, Opts>,
}

impl Helps {
    fn new() -> Self {
        Helps {
            subcommands: subcommands(),
            options: HashMap::new(),
        }
    }

    /// The options of `almen SUBCOMMAND` ("" for `almen` itself).
    fn of(&mut self, subcommand: &str) -> &Opts {
        self.options
            .entry(subcommand.to_owned())
            .or_insert_with(|| {
                let args: Vec<&str> = [subcommand].into_iter().filter(|s| !s.is_empty()).collect();
                options(&help_text(&args))
            })
    }
}

#[test]
fn options_are_read_out_of_both_kinds_of_help() {
    let help = [
        "Score assessments.",
        "",
        "Exit 1 when gaps at or above",
        "--fail-on, or adherence under --fail-under.",
        "",
        "Options:",
        "      --format <FORMAT>",
        "          Output format",
        "",
        "          Possible values:",
        "          - table:  For people",
        "          - junit:  JUnit XML, for GitLab, Jenkins",
        "            and Azure",
        "",
        "          [default: table]",
        "",
        "  -o, --output <FILE>  Where to write [default: stdout]",
        "      --color <COLOR>  When to use colours [default: auto]",
        "                       [possible values: auto, always,",
        "                       never]",
        "      --all",
        "          Every item; also with",
        "          --format junit",
    ]
    .join("\n");
    let opts = options(&help);
    let names: Vec<&str> = opts.keys().map(String::as_str).collect();
    assert_eq!(names, ["--all", "--color", "--format", "--output", "-o"]);
    let accepts =
        |name: &str| -> Vec<String> { opts[name].accepts.iter().flatten().cloned().collect() };
    assert_eq!(accepts("--format"), ["junit", "table"]);
    assert_eq!(accepts("--color"), ["always", "auto", "never"]);
    assert!(opts["--output"].accepts.is_none());
    assert_eq!(opts["-o"].value.as_deref(), Some("FILE"));
    assert!(opts["--all"].value.is_none());
}

/// What is wrong with one `almen …` command, held to almen's `--help`.
fn problems(command: &[String], helps: &mut Helps) -> Vec<String> {
    let mut problems = Vec::new();
    let (subcommand, args) = match command.get(1) {
        Some(first) if !first.starts_with('-') => (first.as_str(), &command[2..]),
        _ => ("", &command[1..]),
    };
    if !subcommand.is_empty() && !helps.subcommands.contains(subcommand) {
        return vec![format!(
            "`{subcommand}` is not an almen subcommand (almen --help lists {:?})",
            helps.subcommands
        )];
    }
    let formats = helps
        .of(subcommand)
        .get("--format")
        .and_then(|o| o.accepts.clone());
    let opts = helps.of(subcommand);
    for arg in args.iter().filter(|a| a.contains('$')) {
        problems.push(format!("{arg}: a variable cannot be checked"));
    }
    let mut args = args.iter().filter(|a| !a.contains('$'));
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if !arg.starts_with('-') || arg == "-" {
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        let Some(opt) = opts.get(name) else {
            problems.push(format!(
                "{name} is not an option of `almen {subcommand}` (its --help lists {:?})",
                opts.keys().collect::<Vec<_>>()
            ));
            continue;
        };
        let Some(placeholder) = &opt.value else {
            if inline.is_some() {
                problems.push(format!("{name} takes no value"));
            }
            continue;
        };
        let Some(value) = inline.or_else(|| args.next().cloned()) else {
            problems.push(format!("{name} needs a value <{placeholder}>"));
            continue;
        };
        if let Some(accepts) = &opt.accepts {
            if !accepts.contains(&value) {
                problems.push(format!("{name} {value}: it accepts {accepts:?}"));
            }
        } else if let Some((format, file)) = value.split_once('=') {
            // FORMAT=FILE: the format is one that --format accepts.
            if placeholder.contains('=')
                && let Some(formats) = &formats
                && !formats.contains(format)
            {
                problems.push(format!(
                    "{name} {value}: `{format}` is not a format of `almen {subcommand}` (--format accepts {formats:?})"
                ));
            }
            if file.is_empty() {
                problems.push(format!("{name} {value}: no file"));
            }
        }
    }
    problems
}

/// The check finds what is wrong, from almen's own --help.
#[test]
fn a_command_almen_does_not_know_is_caught() {
    let mut helps = Helps::new();
    let mut check = |line: &str| problems(&shell_words(line), &mut helps);
    for good in [
        "almen --version",
        "almen validate --deny-warnings almen.toml",
        "almen check almen.toml --format=github --fail-on critical",
        "almen report almen.toml -o almen-rapport.html",
    ] {
        assert_eq!(check(good), Vec::<String>::new(), "{good}");
    }
    for (bad, needle) in [
        ("almen chek almen.toml", "`chek` is not an almen subcommand"),
        (
            "almen check --bogus",
            "--bogus is not an option of `almen check`",
        ),
        ("almen check --format nope", "--format nope: it accepts"),
        ("almen check --fail-on", "--fail-on needs a value"),
        ("almen check --all=yes", "--all takes no value"),
        (
            "almen validate --format github",
            "--format github: it accepts",
        ),
        (
            "almen check \"$FILE\" --format \"$F\"",
            "a variable cannot be checked",
        ),
    ] {
        let found = check(bad);
        assert!(
            found.iter().any(|p| p.contains(needle)),
            "{bad}: expected {needle:?}, found {found:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

/// Every `almen` command in every recipe is a real subcommand with real
/// flags and values, as `almen … --help` lists them.
#[test]
fn every_recipe_command_is_one_almen_knows() {
    let mut helps = Helps::new();
    let mut all = Vec::new();
    for recipe in recipes() {
        for command in &recipe.commands {
            let unique: BTreeSet<String> = problems(command, &mut helps).into_iter().collect();
            for problem in unique {
                all.push(format!("{}: {}: {problem}", recipe.file, command.join(" ")));
            }
        }
    }
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}

/// A copy of a compliant organisation's config repository: its assessment
/// as `almen.toml` and the evidence it points to.
fn config_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = crate::root().join("examples");
    fs::copy(examples.join("almen.toml"), dir.path().join("almen.toml")).unwrap();
    crate::copy_dir(
        &examples.join("dokumentation"),
        &dir.path().join("dokumentation"),
    );
    dir
}

/// Runs a recipe's commands in order in `dir` as of `as_of` (given to each
/// subcommand whose --help has `--as-of`); returns each command with its
/// exit code and standard error.
fn run(
    recipe: &Recipe,
    dir: &Path,
    as_of: &str,
    helps: &mut Helps,
) -> Vec<(String, Option<i32>, String)> {
    recipe
        .commands
        .iter()
        .map(|command| {
            let subcommand = command.get(1).filter(|s| !s.starts_with('-'));
            let dated = subcommand.is_some_and(|s| helps.of(s).contains_key("--as-of"));
            let mut cmd = crate::almen_in(dir);
            cmd.args(&command[1..])
                .env_remove("GITHUB_STEP_SUMMARY")
                .env_remove("GITHUB_ACTIONS");
            if dated {
                cmd.args(["--as-of", as_of]);
            }
            // `git show BASE:almen.toml | almen diff - …`: the base branch's
            // assessment on standard input; here the file as it is, as in
            // a pull request that leaves it alone.
            if command.iter().skip(2).any(|a| a == "-") {
                cmd.write_stdin(fs::read(dir.join("almen.toml")).unwrap());
            }
            let out = cmd.output().unwrap();
            (
                command.join(" "),
                out.status.code(),
                crate::text(&out.stderr),
            )
        })
        .collect()
}

/// On a compliant organisation, every command passes and every file the
/// recipe publishes is there afterwards.
#[test]
fn every_recipe_passes_on_a_compliant_organisation_and_leaves_what_it_publishes() {
    let mut helps = Helps::new();
    for recipe in recipes() {
        let repo = config_repository();
        for (command, code, stderr) in run(&recipe, repo.path(), crate::AS_OF, &mut helps) {
            assert_eq!(code, Some(0), "{}: {command}: {stderr}", recipe.file);
        }
        for file in &recipe.published {
            let path = repo.path().join(file);
            let len = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            assert!(
                len > 0,
                "{}: publishes {file}, which no command wrote",
                recipe.file
            );
        }
    }
}

/// The same files after a duty has lapsed: the CI jobs fail with exit 1 on
/// `check`, and only there; the pre-commit hooks still pass, so a lapsed
/// duty never stops an unrelated commit.
#[test]
fn a_lapsed_duty_fails_ci_but_not_a_commit() {
    let mut helps = Helps::new();
    for recipe in recipes() {
        let repo = config_repository();
        for (command, code, stderr) in run(&recipe, repo.path(), LAPSED, &mut helps) {
            let want = if recipe.ci && command.starts_with("almen check") {
                1
            } else {
                0
            };
            assert_eq!(
                code,
                Some(want),
                "{}: {command} as of {LAPSED}: {stderr}",
                recipe.file
            );
        }
    }
}

/// The CI jobs validate with --deny-warnings, check, and publish the result
/// as JUnit and SARIF; the hooks only validate.
#[test]
fn ci_jobs_validate_and_check_and_hooks_only_validate() {
    for recipe in recipes() {
        let subcommands: BTreeSet<&str> = recipe
            .commands
            .iter()
            .filter_map(|c| c.get(1))
            .map(String::as_str)
            .filter(|s| !s.starts_with('-'))
            .collect();
        let validates = recipe.commands.iter().any(|c| {
            c.get(1).map(String::as_str) == Some("validate")
                && c.iter().any(|a| a == "--deny-warnings")
        });
        assert!(
            validates,
            "{}: no `almen validate --deny-warnings`",
            recipe.file
        );
        if recipe.ci {
            assert!(subcommands.contains("check"), "{}: no check", recipe.file);
            assert!(subcommands.contains("report"), "{}: no report", recipe.file);
            for format in ["junit", "sarif"] {
                let writes = recipe.commands.iter().any(|c| {
                    c.get(1).map(String::as_str) == Some("check")
                        && c.windows(2)
                            .any(|w| w[0] == "--also" && w[1].starts_with(&format!("{format}=")))
                });
                assert!(writes, "{}: check writes no {format}", recipe.file);
            }
        } else {
            assert_eq!(
                subcommands,
                BTreeSet::from(["validate"]),
                "{}: a hook runs validate only: whether a duty has lapsed depends on the day, not on the commit",
                recipe.file
            );
        }
    }
}

/// The CI jobs say what a pull or merge request changes: `almen diff` of
/// the base branch's almen.toml, on standard input, against the one in the
/// request, as Markdown to a file they publish; GitHub posts it as a
/// comment, which needs the permission to write one.
#[test]
fn ci_jobs_say_what_a_pull_request_changes() {
    for recipe in recipes().into_iter().filter(|r| r.ci) {
        let file = recipe.file;
        let diff = recipe
            .commands
            .iter()
            .find(|c| c.get(1).map(String::as_str) == Some("diff"))
            .unwrap_or_else(|| panic!("{file}: no almen diff"));
        assert_eq!(diff[2..4], ["-", "almen.toml"], "{file}: {diff:?}");
        assert!(
            diff.windows(2).any(|w| w == ["--format", "markdown"]),
            "{file}: {diff:?}"
        );
        let output = diff
            .windows(2)
            .find(|w| w[0] == "-o")
            .map(|w| w[1].clone())
            .unwrap_or_else(|| panic!("{file}: the diff is written nowhere: {diff:?}"));
        assert!(
            recipe.published.contains(&output),
            "{file}: {output} is not kept"
        );
        assert!(
            recipe.text.contains("git show"),
            "{file}: the base branch's almen.toml is not what is compared"
        );
    }
    let text = read("examples/ci/github-actions.yml");
    let doc = yaml("github-actions.yml", &text);
    assert_eq!(
        doc["permissions"]["pull-requests"].as_str(),
        Some("write"),
        "github-actions.yml: cannot comment on a pull request"
    );
    assert!(
        text.contains("gh pr comment"),
        "github-actions.yml: no comment"
    );
}

/// The CI jobs run on a schedule as well as on push and pull or merge
/// request.
#[test]
fn ci_jobs_run_on_a_schedule() {
    let doc = yaml(
        "github-actions.yml",
        &read("examples/ci/github-actions.yml"),
    );
    let on = hash(&doc["on"], "github-actions.yml: on");
    for event in ["push", "pull_request", "schedule"] {
        assert!(
            on.contains_key(&Yaml::String(event.into())),
            "github-actions.yml: not run on {event}"
        );
    }
    let crons: Vec<&str> = doc["on"]["schedule"]
        .as_vec()
        .expect("schedule is a list")
        .iter()
        .filter_map(|s| s["cron"].as_str())
        .collect();
    assert!(!crons.is_empty(), "github-actions.yml: no cron schedule");
    for cron in crons {
        let fields: Vec<&str> = cron.split_whitespace().collect();
        assert_eq!(fields.len(), 5, "github-actions.yml: cron {cron:?}");
        // Any day of the month, any month: at least once a week.
        assert_eq!(
            (fields[2], fields[3]),
            ("*", "*"),
            "github-actions.yml: cron {cron:?} runs less than weekly"
        );
    }

    // GitLab keeps the schedule itself outside the file; the file lets
    // scheduled pipelines, pushes and merge requests run.
    let doc = yaml("gitlab-ci.yml", &read("examples/ci/gitlab-ci.yml"));
    let rules: Vec<&str> = doc["workflow"]["rules"]
        .as_vec()
        .expect("gitlab-ci.yml: workflow rules")
        .iter()
        .filter(|r| r["when"].as_str() != Some("never"))
        .filter_map(|r| r["if"].as_str())
        .collect();
    for needle in [
        r#"$CI_PIPELINE_SOURCE == "schedule""#,
        r#"$CI_PIPELINE_SOURCE == "merge_request_event""#,
        "$CI_COMMIT_BRANCH",
    ] {
        assert!(
            rules.iter().any(|r| r.contains(needle)),
            "gitlab-ci.yml: no workflow rule runs on {needle}: {rules:?}"
        );
    }
    assert!(
        read("examples/ci/gitlab-ci.yml").contains("Pipeline schedules"),
        "gitlab-ci.yml says where to add the schedule"
    );
}

/// The CI jobs download this version's prebuilt binary from the project's
/// releases and verify its checksum; they never build almen.
#[test]
fn ci_jobs_install_the_released_binary_and_verify_it() {
    let release = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/download/v");
    let version = format!(r#"ALMEN_VERSION: "{}""#, env!("CARGO_PKG_VERSION"));
    for recipe in recipes().into_iter().filter(|r| r.ci) {
        let file = recipe.file;
        assert!(recipe.text.contains(release), "{file}: not from {release}…");
        assert!(recipe.text.contains(&version), "{file}: not {version}");
        assert!(
            recipe
                .text
                .contains("$(uname -m)-unknown-linux-musl.tar.gz"),
            "{file}: not the Linux archive the release workflow makes"
        );
        assert!(
            recipe.text.contains("sha256sum --check") || recipe.text.contains("sha256sum -c"),
            "{file}: the download is not verified"
        );
        assert!(
            !recipe.text.contains("cargo install"),
            "{file}: builds almen on every run"
        );
    }
}

/// The release workflow parses, runs on a version tag, builds the targets
/// the recipes and the README name, and publishes archives, Debian packages
/// and their checksums.
#[test]
fn the_release_workflow_builds_what_the_recipes_download() {
    let file = "release.yml";
    let text = read(".github/workflows/release.yml");
    let doc = yaml(file, &text);
    let tags = strings(&doc["on"]["push"]["tags"]);
    assert_eq!(tags, ["v*"], "{file}: runs on version tags");

    let jobs = hash(&doc["jobs"], "jobs");
    let mut targets = BTreeSet::new();
    let mut uses = BTreeSet::new();
    let mut runs = String::new();
    for job in jobs.values() {
        for entry in job["strategy"]["matrix"]["include"]
            .as_vec()
            .into_iter()
            .flatten()
        {
            targets.extend(entry["target"].as_str().map(str::to_owned));
        }
        for step in job["steps"].as_vec().expect("steps") {
            uses.extend(
                step["uses"]
                    .as_str()
                    .map(|u| u.split('@').next().unwrap().to_owned()),
            );
            for run in strings(&step["run"]) {
                runs.push_str(&run);
                runs.push('\n');
            }
        }
    }
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(target), "{file}: does not build {target}");
    }
    for action in [
        "softprops/action-gh-release",
        "actions/upload-artifact",
        "actions/download-artifact",
    ] {
        assert!(uses.contains(action), "{file}: does not use {action}");
    }
    for needle in [
        ".ci/package-deb",
        ".ci/dist-assets",
        "sha256sum",
        "SHA256SUMS",
        "tar -czf",
        "7z a -tzip",
        "dpkg -i",
    ] {
        assert!(runs.contains(needle), "{file}: no `{needle}` in its steps");
    }
    assert!(
        text.contains(r#"name="almen-${GITHUB_REF_NAME#v}-$TARGET""#),
        "{file}: archives are not named as the recipes download them"
    );
}
