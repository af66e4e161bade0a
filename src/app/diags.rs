//! The wording of the diagnostics the command layer makes itself: about
//! the command line, folders and outputs rather than a file's content.

use std::io;
use std::ops::Range;
use std::path::Path;

use almen::diag::{Code, Diag, FileId, Level, did_you_mean_hint};
use almen::lang::Lang;
use almen::load::display;
use almen::render::Format;

use crate::fs::{PassedOver, WriteError};

/// E001: a folder that cannot be read.
pub fn folder_unreadable(lang: Lang, folder: &Path, err: &io::Error) -> Diag {
    let why = match err.kind() {
        io::ErrorKind::PermissionDenied => {
            lang.pick("ingen adgang", "permission denied").to_owned()
        }
        io::ErrorKind::NotFound => lang
            .pick("mappen findes ikke", "the folder does not exist")
            .to_owned(),
        _ => err.to_string(),
    };
    Diag::new(
        Code::E001,
        format!(
            "{} `{}`: {why}",
            lang.pick("kan ikke læse mappen", "cannot read the folder"),
            folder.display()
        ),
    )
    .about(display(folder))
    .hint(lang.pick("tjek mappens rettigheder", "check the folder's permissions"))
}

/// W012: a `.toml` entry a folder walk passed over.
pub fn passed_over(lang: Lang, path: &Path, why: PassedOver) -> Diag {
    let what = match why {
        PassedOver::Link => lang.pick(
            "er et link og blev ikke fulgt",
            "is a link and was not followed",
        ),
        PassedOver::NotAFile => lang.pick(
            "er ikke en almindelig fil og blev ikke læst",
            "is not a regular file and was not read",
        ),
        PassedOver::Hidden => lang.pick(
            "er skjult (navnet begynder med et punktum) og blev ikke læst",
            "is hidden (its name starts with a dot) and was not read",
        ),
    };
    let hint = match why {
        PassedOver::Hidden => lang.pick(
            "skjulte filer læses ikke i en mappe; omdøb filen, eller giv den direkte på kommandolinjen, hvis den skal med",
            "hidden files are not read in a folder; rename the file, or name it on the command line if it belongs",
        ),
        PassedOver::Link | PassedOver::NotAFile => lang.pick(
            "i en mappe læses kun almindelige filer og mapper; giv filen eller mappen direkte på kommandolinjen, hvis den skal med",
            "in a folder only regular files and folders are read; name the file or folder on the command line if it belongs",
        ),
    };
    Diag::new(Code::W012, format!("`{}` {what}", path.display()))
        .about(display(path))
        .hint(hint)
}

/// E016: a folder with no almen files in it.
pub fn no_files_in(lang: Lang, folder: &Path) -> Diag {
    Diag::new(
        Code::E016,
        match lang {
            Lang::Da => format!(
                "ingen selvevalueringer i mappen `{}` (en selvevaluering er en .toml-fil med [organisation] og [assessment])",
                folder.display()
            ),
            Lang::En => format!(
                "no assessments in the folder `{}` (an assessment is a .toml file with [organisation] and [assessment])",
                folder.display()
            ),
        },
    )
    .about(display(folder))
    .hint(lang.pick(
        "`almen init -o MAPPE/almen.toml` skriver en at begynde fra",
        "`almen init -o FOLDER/almen.toml` writes one to start from",
    ))
}

/// E018: an output that exists, written without `--force`.
pub fn output_exists(lang: Lang, output: &Path) -> Diag {
    refused_output(
        output,
        lang.pick(
            "findes allerede; den er ikke rørt",
            "exists already; it was not touched",
        ),
        lang.pick(
            "brug --force for at erstatte den, eller vælg et andet navn med -o",
            "use --force to replace it, or choose another name with -o",
        ),
    )
}

/// E024: a report (HTML for a browser or a printer) asked for with no `-o`,
/// while standard output is a terminal. The hint is the command that
/// writes the document asked for: `--format` kept, a file named for it.
pub fn report_to_terminal(lang: Lang, format: Option<Format>) -> Diag {
    let statement = matches!(format, Some(Format::Statement | Format::StatementMarkdown));
    let markdown = matches!(format, Some(Format::Markdown | Format::StatementMarkdown));
    let flag = format
        .and_then(|f| clap::ValueEnum::to_possible_value(&f))
        .map(|v| format!(" --format {}", v.get_name()))
        .unwrap_or_default();
    let file = format!(
        "{}.{}",
        if statement {
            lang.pick("redegørelse", "statement")
        } else {
            lang.pick("rapport", "report")
        },
        if markdown { "md" } else { "html" }
    );
    let is_for = if statement {
        lang.pick(
            "redegørelsen er til en hjemmeside eller en printer, ikke til terminalen; intet er skrevet",
            "the statement is for a website or a printer, not for the terminal; nothing was written",
        )
    } else {
        lang.pick(
            "rapporten er til en browser eller en printer, ikke til terminalen; intet er skrevet",
            "the report is for a browser or a printer, not for the terminal; nothing was written",
        )
    };
    Diag::new(Code::E024, is_for).hint(match lang {
        Lang::Da => format!(
            "skriv den til en fil: almen report almen.toml{flag} -o {file} (eller send den videre: … > {file})"
        ),
        Lang::En => format!(
            "write it to a file: almen report almen.toml{flag} -o {file} (or redirect it: … > {file})"
        ),
    })
}

/// E026: `almen serve` could not listen on the port asked for.
#[cfg(feature = "serve")]
pub fn cannot_listen(lang: Lang, port: u16, why: &str) -> Diag {
    Diag::new(
        Code::E026,
        match lang {
            Lang::Da => format!("kan ikke lytte på 127.0.0.1:{port}: {why}"),
            Lang::En => format!("cannot listen on 127.0.0.1:{port}: {why}"),
        },
    )
    .hint(lang.pick(
        "porten er måske optaget; udelad --port, så vælger almen en ledig",
        "the port may be taken; leave out --port and almen picks a free one",
    ))
}

/// E025: the public statement asked for of several assessments (two or
/// more files, a folder, or `--group-by`): it is one organisation's.
pub fn statement_of_several(lang: Lang) -> Diag {
    Diag::new(
        Code::E025,
        lang.pick(
            "redegørelsen er én organisations, men der er givet flere selvevalueringer (eller en mappe); intet er skrevet",
            "the statement is one organisation's, but several assessments (or a folder) were given; nothing was written",
        ),
    )
    .hint(lang.pick(
        "giv én selvevaluering: almen report --format statement almen.toml -o redegørelse.html; uden --format giver flere selvevalueringer en oversigt",
        "give one assessment: almen report --format statement almen.toml -o statement.html; without --format, several assessments give an overview",
    ))
}

/// E018: an output that would replace one of the command's own inputs.
pub fn output_is_input(lang: Lang, output: &Path) -> Diag {
    refused_output(
        output,
        lang.pick(
            "er en af de filer, kørslen læser, og bliver ikke overskrevet",
            "is one of the files the run reads and is not overwritten",
        ),
        lang.pick("vælg et andet navn", "choose another name"),
    )
}

/// E018: one file named as two outputs of a run (`-o` and `--also`).
pub fn output_twice(lang: Lang, output: &Path) -> Diag {
    refused_output(
        output,
        lang.pick(
            "er angivet som mere end ét uddata; det ene ville erstatte det andet",
            "is named as more than one output; one would replace the other",
        ),
        lang.pick(
            "giv hvert uddata (-o, --also) sin egen fil",
            "give each output (-o, --also) a file of its own",
        ),
    )
}

/// E018: an output that is a device, a pipe, a socket or a folder.
pub fn output_not_a_file(lang: Lang, output: &Path) -> Diag {
    refused_output(
        output,
        lang.pick(
            "er ikke en almindelig fil og bliver ikke erstattet",
            "is not a regular file and is not replaced",
        ),
        lang.pick(
            "skriv til en almindelig fil, eller udelad -o for standard-output",
            "write to a regular file, or leave -o out for standard output",
        ),
    )
}

/// E018: an output that is not written, `what` saying why.
fn refused_output(output: &Path, what: &str, hint: &str) -> Diag {
    Diag::new(Code::E018, format!("`{}` {what}", output.display()))
        .about(display(output))
        .hint(hint)
}

/// E018 or E019: why an output file was not written.
pub fn not_written(lang: Lang, output: &Path, e: WriteError) -> Diag {
    match e {
        WriteError::Exists => output_exists(lang, output),
        WriteError::NotAFile => output_not_a_file(lang, output),
        WriteError::LinkOut => output_link_out(lang, output),
        WriteError::Io(e) => cannot_write(lang, Some(output), &e),
    }
}

/// E018: an output that is a link to a file outside the link's folder.
pub fn output_link_out(lang: Lang, output: &Path) -> Diag {
    refused_output(
        output,
        lang.pick(
            "er et link til en fil uden for dens mappe; der skrives ikke gennem det",
            "is a link to a file outside its folder; it is not written through",
        ),
        lang.pick(
            "skriv til selve filen, eller slet linket",
            "write to the file itself, or delete the link",
        ),
    )
}

/// W014: the GitHub Actions step summary was not written: it is one of the
/// run's own files (`why` is `None`), or writing it failed.
pub fn step_summary_not_written(lang: Lang, path: &Path, why: Option<&WriteError>) -> Diag {
    let why = match why {
        None => lang
            .pick(
                "den er en af de filer, kørslen læser eller skriver",
                "it is one of the files the run reads or writes",
            )
            .to_owned(),
        Some(WriteError::NotAFile) => lang
            .pick("den er ikke en almindelig fil", "it is not a regular file")
            .to_owned(),
        Some(WriteError::LinkOut) => lang
            .pick(
                "den er et link til en fil uden for dens mappe",
                "it is a link to a file outside its folder",
            )
            .to_owned(),
        Some(WriteError::Exists) => lang.pick("den findes", "it exists").to_owned(),
        Some(WriteError::Io(e)) => e.to_string(),
    };
    Diag::new(
        Code::W014,
        format!(
            "{} `{}` {}: {why}",
            lang.pick("opsummeringen til GitHub Actions", "the GitHub Actions step summary"),
            path.display(),
            lang.pick("blev ikke skrevet", "was not written"),
        ),
    )
    .about(display(path))
    .hint(lang.pick(
        "tjekkets resultat og afslutningskode er ikke berørt; GITHUB_STEP_SUMMARY skal pege på en fil, jobbet kan skrive",
        "the check's result and exit code are not affected; GITHUB_STEP_SUMMARY should name a file the job can write",
    ))
}

/// E019: an output that could not be written.
pub fn cannot_write(lang: Lang, output: Option<&Path>, err: &io::Error) -> Diag {
    let name = output.map_or_else(
        || lang.pick("standard-output", "standard output").to_owned(),
        |p| format!("`{}`", p.display()),
    );
    Diag::new(
        Code::E019,
        format!(
            "{} {name}: {err}",
            lang.pick("kan ikke skrive til", "cannot write to")
        ),
    )
    .about(output.map_or_else(|| "-".to_owned(), display))
    .hint(lang.pick(
        "tjek at mappen findes, at der er plads på disken, og rettighederne",
        "check that the folder exists, that the disk has room, and the permissions",
    ))
}

/// E020: `show` asked for an item no loaded checklist has.
pub fn unknown_item(lang: Lang, item: &str, meant: Option<&str>) -> Diag {
    Diag::new(
        Code::E020,
        format!("{} `{item}`", lang.pick("ukendt punkt", "unknown item")),
    )
    .hint(match meant {
        Some(s) => did_you_mean_hint(lang, s),
        None => format!(
            "{} `almen list`",
            lang.pick("se punkterne med", "see the items with")
        ),
    })
}

/// E020: `validate --explain` asked for a code that does not exist.
pub fn unknown_code(lang: Lang, code: &str, meant: Option<&str>) -> Diag {
    let diag = Diag::new(
        Code::E020,
        format!("{} `{code}`", lang.pick("ukendt kode", "unknown code")),
    );
    match meant {
        Some(s) => diag.hint(did_you_mean_hint(lang, s)),
        None => {
            let first = |level| Code::ALL.iter().find(|c| c.level() == level);
            let last = |level| Code::ALL.iter().rfind(|c| c.level() == level);
            let range = |level| match (first(level), last(level)) {
                (Some(a), Some(b)) => format!("{}–{}", a.as_str(), b.as_str()),
                _ => String::new(),
            };
            diag.hint(format!(
                "{} {} {} {}",
                lang.pick("koderne er", "the codes are"),
                range(Level::Error),
                lang.pick("og", "and"),
                range(Level::Warning)
            ))
        }
    }
}

/// E001: standard input (`diff -`) could not be read.
pub fn stdin_unreadable(lang: Lang, err: &io::Error) -> Diag {
    let why = match err.kind() {
        io::ErrorKind::FileTooLarge => lang
            .pick("den er over 16 MiB", "it is over 16 MiB")
            .to_owned(),
        _ => err.to_string(),
    };
    Diag::new(
        Code::E001,
        format!(
            "{}: {why}",
            lang.pick("kan ikke læse standard-input", "cannot read standard input")
        ),
    )
    .about(STDIN)
    .hint(lang.pick(
        "send den gamle selvevaluering ind på standard-input, fx git show main:almen.toml | almen diff - almen.toml",
        "pipe the old assessment to standard input, e.g. git show main:almen.toml | almen diff - almen.toml",
    ))
}

/// What standard input is called where a file's name would be.
pub const STDIN: &str = "<stdin>";

/// One side of `diff`, for [`different_organisations`]: its file, its
/// organisation, and where its name is written.
pub struct Side<'a> {
    pub file: FileId,
    pub name: &'a str,
    pub cvr: Option<&'a str>,
    pub at: Option<Range<usize>>,
}

/// W015: `diff` given assessments of two different organisations.
pub fn different_organisations(lang: Lang, old: &Side<'_>, new: &Side<'_>) -> Diag {
    let who = |s: &Side<'_>| match s.cvr {
        Some(cvr) => format!("`{}` (CVR {cvr})", s.name),
        None => format!("`{}`", s.name),
    };
    let message = match lang {
        Lang::Da => format!(
            "de to selvevalueringer er fra forskellige organisationer: {} før og {} efter; de sammenlignes alligevel",
            who(old),
            who(new)
        ),
        Lang::En => format!(
            "the two assessments are of different organisations: {} before and {} after; they are compared all the same",
            who(old),
            who(new)
        ),
    };
    let mut diag = Diag::new(Code::W015, message);
    match (&new.at, &old.at) {
        (Some(at), _) => {
            diag = diag.at(new.file, at.clone(), lang.pick("efter", "after"));
            if let Some(before) = &old.at {
                diag = diag.related(old.file, before.clone(), lang.pick("før", "before"));
            }
        }
        (None, Some(before)) => {
            diag = diag.at(old.file, before.clone(), lang.pick("før", "before"))
        }
        (None, None) => {}
    }
    diag.hint(lang.pick(
        "sammenlign en organisations selvevaluering med dens egen tidligere; samme CVR-nummer er samme organisation, også efter et navneskifte",
        "compare an organisation's assessment with its own earlier one; the same CVR number is the same organisation, also after a change of name",
    ))
}

/// E024: a calendar (iCalendar, for a calendar program) asked for with no
/// `-o`, while standard output is a terminal.
pub fn calendar_to_terminal(lang: Lang) -> Diag {
    Diag::new(
        Code::E024,
        lang.pick(
            "kalenderen er til et kalenderprogram, ikke til terminalen; intet er skrevet",
            "the calendar is for a calendar program, not for the terminal; nothing was written",
        ),
    )
    .hint(lang.pick(
        "skriv den til en fil: almen calendar almen.toml -o almen.ics (eller send den videre: … > almen.ics)",
        "write it to a file: almen calendar almen.toml -o almen.ics (or redirect it: … > almen.ics)",
    ))
}
