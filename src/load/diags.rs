//! The wording of every diagnostic the loader makes, in both languages.
//!
//! One function per problem, grouped by code in code order. Each takes
//! what was found and where, and returns the finished [`Diag`]; none of
//! them looks at a file or decides whether something is a problem. The
//! rest of the loader must not word anything itself, so that a message is
//! read, compared and changed here and nowhere else.

use std::io;
use std::ops::Range;

use super::recover::Seg;
use super::{BUILTINS, FileKind, NamedAt, Reach};
use crate::diag::{Code, Diag, FileId, Place, did_you_mean_hint, excerpt, long_excerpt};
use crate::lang::Lang;
use crate::model::FORMAT;

// E001–E003: reading.

/// E001: a file that cannot be read, and why.
pub fn cannot_read(lang: Lang, name: &str, err: &io::Error) -> Diag {
    let shown = long_excerpt(name);
    let link = err.get_ref().is_some_and(|e| e.is::<super::LinkNotToml>());
    if link {
        return Diag::new(
            Code::E001,
            format!(
                "{} `{shown}`: {}",
                lang.pick("kan ikke læse", "cannot read"),
                lang.pick(
                    "det er et link til en fil, der ikke er en .toml-fil; den er ikke læst",
                    "it is a link to a file that is not a .toml file; it was not read",
                )
            ),
        )
        .about(name)
        .hint(lang.pick(
            "giv selve .toml-filen, ikke et link til en anden slags fil",
            "give the .toml file itself, not a link to another kind of file",
        ));
    }
    let why = match err.kind() {
        io::ErrorKind::NotFound => lang
            .pick("filen findes ikke", "the file does not exist")
            .to_owned(),
        io::ErrorKind::PermissionDenied => {
            lang.pick("ingen adgang", "permission denied").to_owned()
        }
        io::ErrorKind::IsADirectory => lang.pick("det er en mappe", "it is a folder").to_owned(),
        io::ErrorKind::FileTooLarge => lang
            .pick("filen er over 16 MiB", "the file is over 16 MiB")
            .to_owned(),
        _ => err.to_string(),
    };
    Diag::new(
        Code::E001,
        format!(
            "{} `{shown}`: {why}",
            lang.pick("kan ikke læse", "cannot read")
        ),
    )
    .about(name)
    .hint(match err.kind() {
        io::ErrorKind::NotFound => lang.pick(
            "tjek stavningen og mappen; `almen init` skriver en ny selvevaluering",
            "check the spelling and the folder; `almen init` writes a new assessment",
        ),
        io::ErrorKind::IsADirectory => lang.pick(
            "giv en .toml-fil, eller brug `almen check MAPPE` for alle i mappen",
            "give a .toml file, or use `almen check FOLDER` for all in the folder",
        ),
        io::ErrorKind::FileTooLarge => lang.pick(
            "en selvevaluering eller tjekliste fylder nogle få kilobyte; tjek, at det er den rigtige fil",
            "an assessment or a checklist is a few kilobytes; check that it is the right file",
        ),
        _ => lang.pick("tjek filens rettigheder", "check the file's permissions"),
    })
}

/// E002: a file that is not UTF-8; `span` covers the first bad byte, and
/// `latin1` is the letter that byte is in Latin-1, when it is one (a Danish
/// editor saving "æøå" in Windows-1252).
pub fn not_utf8(
    lang: Lang,
    file: FileId,
    name: &str,
    span: Range<usize>,
    latin1: Option<char>,
) -> Diag {
    let name = long_excerpt(name);
    let hint = match (latin1, lang) {
        (Some(c), Lang::Da) => format!(
            "filen ser ud til at være gemt som Latin-1 (Windows-1252), hvor byten her er et `{c}`; gem den som UTF-8 (i Notesblok: Gem som → Kodning: UTF-8)"
        ),
        (Some(c), Lang::En) => format!(
            "the file looks saved as Latin-1 (Windows-1252), where the byte here is an `{c}`; save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"
        ),
        (None, _) => lang
            .pick(
                "gem filen som UTF-8 (det gør de fleste editorer som standard)",
                "save the file as UTF-8 (most editors do by default)",
            )
            .to_owned(),
    };
    Diag::new(
        Code::E002,
        format!(
            "{} `{name}`",
            lang.pick("filen er ikke UTF-8:", "the file is not UTF-8:")
        ),
    )
    .at(
        file,
        span,
        lang.pick("ugyldig byte her", "invalid byte here"),
    )
    .hint(hint)
}

/// E003: a file with nothing but white space in it.
pub fn empty_file(lang: Lang, file: FileId, name: &str) -> Diag {
    let name = long_excerpt(name);
    Diag::new(
        Code::E003,
        format!(
            "{} `{name}`",
            lang.pick("filen er tom:", "the file is empty:")
        ),
    )
    .at(file, 0..0, lang.pick("ingen indhold", "no content"))
    .hint(lang.pick(
        "`almen init` skriver en skabelon at begynde fra",
        "`almen init` writes a template to start from",
    ))
}

// E004–E009: parsing.

/// E004: broken TOML syntax, in the parser's words.
pub fn invalid_toml(lang: Lang, file: FileId, span: Range<usize>, parser_message: &str) -> Diag {
    let parser_message = long_excerpt(parser_message);
    Diag::new(Code::E004, lang.pick("ugyldig TOML", "invalid TOML"))
        .at(file, span, parser_message)
        .hint(lang.pick(
            "tjek anførselstegn, klammer og lighedstegn her; tekst skrives i \"…\", datoer uden",
            "check the quotes, brackets and equals signs here; text is written in \"…\", dates without",
        ))
}

/// E004: so many errors in one file that the rest were not looked for.
pub fn too_many_errors(lang: Lang, name: &str, limit: usize) -> Diag {
    Diag::new(
        Code::E004,
        format!(
            "{} {limit} {}",
            lang.pick("efter", "after"),
            lang.pick(
                "fejl i filen ledes der ikke efter flere; ret dem og kør igen",
                "errors in the file, no more are looked for; fix them and run again"
            )
        ),
    )
    .about(name)
}

/// E004: a value serde refused for a reason with no code of its own, in its words.
pub fn unreadable_value(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    key: &str,
    serde_message: &str,
) -> Diag {
    let key = excerpt(key);
    let serde_message = long_excerpt(serde_message);
    Diag::new(
        Code::E004,
        format!(
            "`{key}` {}",
            lang.pick("har en ugyldig værdi", "has an invalid value")
        ),
    )
    .at(file, span, serde_message)
}

/// E005: a key its table does not have, with the key probably `meant` or all `expected`.
pub fn unknown_key(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    key: &str,
    table: &str,
    meant: Option<&str>,
    expected: &[&str],
) -> Diag {
    let key = excerpt(key);
    let hint = match meant {
        Some(s) => did_you_mean_hint(lang, s),
        None => format!(
            "{} {}",
            lang.pick("gyldige nøgler her:", "valid keys here:"),
            quote_list(expected)
        ),
    };
    Diag::new(
        Code::E005,
        format!(
            "{} `{key}` {} {table}",
            lang.pick("ukendt nøgle", "unknown key"),
            lang.pick("i", "in")
        ),
    )
    .at(file, span, lang.pick("ukendt nøgle", "unknown key"))
    .hint(hint)
}

/// E006: a value of the wrong type, with serde's (found, expected) `types` when it said.
pub fn wrong_type(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    key: &str,
    types: Option<(&str, &str)>,
    serde_message: &str,
) -> Diag {
    let key = excerpt(key);
    let diag = Diag::new(
        Code::E006,
        format!(
            "`{key}` {}",
            lang.pick("har forkert type", "has the wrong type")
        ),
    );
    found_expected(lang, diag, file, span, types, serde_message)
}

/// E007: a required key that is not in its table.
pub fn missing_key(lang: Lang, file: FileId, span: Range<usize>, key: &str, table: &str) -> Diag {
    let key = excerpt(key);
    Diag::new(
        Code::E007,
        format!(
            "{} `{key}` {} {table}",
            lang.pick("påkrævet nøgle", "required key"),
            lang.pick("mangler i", "is missing in")
        ),
    )
    .at(file, span, lang.pick("her", "here"))
    .hint(format!("{} `{key} = …`", lang.pick("tilføj", "add")))
}

/// Why a value that should be a date is not one.
pub enum NotADate<'a> {
    /// Text in quotes; the text.
    Quoted(&'a str),
    /// A day the calendar does not have, as written.
    NotInCalendar(&'a str),
    /// A date with a time of day, as written.
    HasTime(&'a str),
    /// Anything else, in serde's words.
    Other(&'a str),
}

/// E008: a date the TOML parser could not read, in its words.
pub fn date_syntax(lang: Lang, file: FileId, span: Range<usize>, parser_message: &str) -> Diag {
    let parser_message = long_excerpt(parser_message);
    let between = |what: &str| {
        parser_message
            .split_once(&format!("expected {what} between "))
            .map(|(_, range)| range.replace(" and ", lang.pick(" og ", " and ")))
    };
    // The part the parser wanted, in Danish.
    let wanted = [
        (
            "a four-digit year (YYYY)",
            "året skal skrives med fire cifre (ÅÅÅÅ)",
        ),
        (
            "a two-digit month (MM)",
            "måneden skal skrives med to cifre (MM)",
        ),
        (
            "a two-digit day (DD)",
            "dagen skal skrives med to cifre (DD)",
        ),
    ]
    .into_iter()
    .find(|(en, _)| parser_message.contains(en))
    .map(|(_, da)| da);
    let label = match (lang, between("day"), between("month"), wanted) {
        (Lang::Da, Some(r), _, _) => format!("ugyldig dato: dagen skal ligge mellem {r}"),
        (Lang::Da, _, Some(r), _) => format!("ugyldig dato: måneden skal ligge mellem {r}"),
        (Lang::Da, _, _, Some(w)) => format!("ugyldig dato: {w}"),
        (Lang::Da, _, _, None) => "ugyldig dato".to_owned(),
        (Lang::En, _, _, _) => parser_message.into_owned(),
    };
    bad_date(lang, file, span, "", label)
}

/// E008: a date written as people write it (`1. maj 2026`, `01.05.2026`),
/// which the TOML parser cannot read, under one of the keys that hold a
/// date: said once for the line, however many errors the parser saw in it.
pub fn date_written_otherwise(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    key: &str,
    value: &str,
) -> Diag {
    let label = match lang {
        Lang::Da => format!(
            "`{}` er ikke en dato, almen kan læse: skriv år-måned-dag",
            excerpt(value)
        ),
        Lang::En => format!(
            "`{}` is not a date almen can read: write year-month-day",
            excerpt(value)
        ),
    };
    bad_date(lang, file, span, key, label)
}

/// E008: a value under `key` that is not a date.
pub fn not_a_date(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    key: &str,
    why: NotADate<'_>,
) -> Diag {
    let key = excerpt(key);
    // The value as written, however long it is, is quoted in short.
    let label = match (why, lang) {
        (NotADate::Quoted(value), Lang::Da) => {
            format!(
                "\"{}\" er tekst i anførselstegn, ikke en dato",
                excerpt(value)
            )
        }
        (NotADate::Quoted(value), Lang::En) => {
            format!("\"{}\" is text in quotes, not a date", excerpt(value))
        }
        (NotADate::NotInCalendar(value), Lang::Da) => {
            format!("{} findes ikke i kalenderen", excerpt(value))
        }
        (NotADate::NotInCalendar(value), Lang::En) => {
            format!("{} is not in the calendar", excerpt(value))
        }
        (NotADate::HasTime(value), Lang::Da) => {
            format!("{} har et klokkeslæt; skriv kun datoen", excerpt(value))
        }
        (NotADate::HasTime(value), Lang::En) => {
            format!("{} has a time of day; write only the date", excerpt(value))
        }
        (NotADate::Other(words), _) => long_excerpt(words).into_owned(),
    };
    bad_date(lang, file, span, &key, label)
}

fn bad_date(lang: Lang, file: FileId, span: Range<usize>, key: &str, label: String) -> Diag {
    let message = if key.is_empty() {
        lang.pick("ugyldig dato", "invalid date").to_owned()
    } else {
        format!("{} `{key}`", lang.pick("ugyldig dato i", "invalid date in"))
    };
    let example = if key.is_empty() { "date" } else { key };
    Diag::new(Code::E008, message)
        .at(file, span, label)
        .hint(match lang {
            Lang::Da => format!(
                "skriv datoen som en TOML-dato uden anførselstegn, fx `{example} = 2026-05-20`"
            ),
            Lang::En => format!(
                "write the date as a TOML date without quotes, e.g. `{example} = 2026-05-20`"
            ),
        })
}

/// E009: a word `key` does not allow, with the one probably `meant` and all `expected`.
pub fn unknown_value(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    value: &str,
    key: &str,
    meant: Option<&str>,
    expected: &[&str],
) -> Diag {
    let value = excerpt(value);
    let key = excerpt(key);
    let hint = match meant {
        Some(s) => format!(
            "{} `{s}`? {} {}",
            lang.pick("mente du", "did you mean"),
            lang.pick("Gyldige værdier:", "Valid values:"),
            quote_list(expected)
        ),
        None => format!(
            "{} {}",
            lang.pick("gyldige værdier:", "valid values:"),
            quote_list(expected)
        ),
    };
    Diag::new(
        Code::E009,
        format!(
            "{} `{value}` {} `{key}`",
            lang.pick("ukendt værdi", "unknown value"),
            lang.pick("for", "for")
        ),
    )
    .at(file, span, lang.pick("ukendt værdi", "unknown value"))
    .hint(hint)
}

// E010–E017: meaning, and the checklists an assessment names.

/// E010: an answer for an item no loaded checklist has, with the closest id `meant`.
pub fn unknown_item(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    meant: Option<&str>,
) -> Diag {
    let id = excerpt(id);
    let hint = match meant {
        Some(s) => did_you_mean_hint(lang, s),
        None => lang
            .pick(
                "ingen indlæst tjekliste har det; tilføj dens tjekliste til `checklists`",
                "no loaded checklist has it; add its checklist to `checklists`",
            )
            .to_owned(),
    };
    Diag::new(
        Code::E010,
        format!(
            "{} `{id}`",
            lang.pick("svar på et ukendt punkt", "answer for an unknown item")
        ),
    )
    .at(file, span, lang.pick("ukendt punkt", "unknown item"))
    .hint(hint)
}

/// E011: an item id used twice in one checklist.
pub fn item_twice(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    first: Range<usize>,
) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E011,
        format!(
            "{} `{id}`",
            lang.pick("punktet findes to gange:", "the item appears twice:")
        ),
    )
    .at(file, span, lang.pick("igen her", "again here"))
    .related(file, first, lang.pick("første gang her", "first here"))
    .hint(lang.pick(
        "giv hvert punkt sit eget id",
        "give each item an id of its own",
    ))
}

/// E011: an item id in two checklists loaded together.
pub fn item_in_two_checklists(
    lang: Lang,
    id: &str,
    at: Place,
    checklist: &str,
    first: Place,
    first_checklist: &str,
) -> Diag {
    let id = excerpt(id);
    let checklist = excerpt(checklist);
    let first_checklist = excerpt(first_checklist);
    Diag::new(
        Code::E011,
        format!(
            "{} `{id}` {} `{first_checklist}` {} `{checklist}`",
            lang.pick("punktet", "the item"),
            lang.pick("findes både i", "is in both"),
            lang.pick("og", "and"),
        ),
    )
    .at(at.file, at.span, lang.pick("igen her", "again here"))
    .related(
        first.file,
        first.span,
        lang.pick("første gang her", "first here"),
    )
    .hint(lang.pick(
        "punkt-id'er skal være unikke på tværs af tjeklister; omdøb punktet i din egen tjekliste",
        "item ids must be unique across checklists; rename the item in your own checklist",
    ))
}

/// E012: a checklist id that is not built in, with the closest built-in id `meant`.
pub fn unknown_checklist(lang: Lang, name: &str, meant: Option<&str>, at: &NamedAt) -> Diag {
    let name = excerpt(name);
    let hint = match meant {
        Some(s) => did_you_mean_hint(lang, s),
        None => lang
            .pick(
                "indbyggede tjeklister: {}; en sti skal indeholde `/` eller ende på `.toml`",
                "built-in checklists: {}; a path must contain `/` or end in `.toml`",
            )
            .replace(
                "{}",
                &quote_list(&BUILTINS.iter().map(|b| b.id).collect::<Vec<_>>()),
            ),
    };
    let diag = Diag::new(
        Code::E012,
        format!(
            "{} `{name}`",
            lang.pick("ukendt tjekliste", "unknown checklist")
        ),
    )
    .hint(hint);
    match at {
        NamedAt::File { file, span } => {
            diag.at(*file, span.clone(), lang.pick("ukendt id", "unknown id"))
        }
        NamedAt::CommandLine => diag,
    }
}

/// E012: a checklist file, `name` as resolved, that does not exist.
pub fn checklist_missing(lang: Lang, name: &str, at: &NamedAt) -> Diag {
    let shown = long_excerpt(name);
    let diag = Diag::new(
        Code::E012,
        format!(
            "{} `{shown}` {}",
            lang.pick("tjeklisten", "the checklist"),
            lang.pick("findes ikke", "does not exist")
        ),
    );
    match at {
        NamedAt::File { file, span } => diag
            .at(
                *file,
                span.clone(),
                lang.pick("tjeklisten findes ikke", "checklist not found"),
            )
            .hint(lang.pick(
                "stier er relative til selvevalueringens mappe",
                "paths are relative to the assessment's folder",
            )),
        NamedAt::CommandLine => diag.about(name).hint(lang.pick(
            "stier på kommandolinjen er relative til den mappe, almen køres fra",
            "paths on the command line are relative to the folder almen runs in",
        )),
    }
}

/// E012: a checklist, `name` as written, whose problems were reported when first named.
pub fn checklist_has_errors(lang: Lang, name: &str, at: &NamedAt) -> Diag {
    let name = long_excerpt(name);
    let diag = Diag::new(
        Code::E012,
        format!(
            "{} `{name}` {}",
            lang.pick("tjeklisten", "the checklist"),
            lang.pick("har fejl (se ovenfor)", "has errors (see above)")
        ),
    );
    match at {
        NamedAt::File { file, span } => diag.at(
            *file,
            span.clone(),
            lang.pick("fejl i tjeklisten", "errors in the checklist"),
        ),
        NamedAt::CommandLine => diag,
    }
}

/// E012: a checklist file named in an assessment with more problems than
/// are shown: `total` in all, the first `shown` of them reported.
pub fn checklist_problems_left_out(
    lang: Lang,
    name: &str,
    total: usize,
    shown: usize,
    file: FileId,
    span: Range<usize>,
) -> Diag {
    let name = long_excerpt(name);
    let left_out = total - shown;
    let message = match lang {
        Lang::Da => format!(
            "tjeklisten `{name}` har {total} problemer; de første {shown} vises, {left_out} er udeladt"
        ),
        Lang::En => format!(
            "the checklist `{name}` has {total} problems; the first {shown} are shown, {left_out} are left out"
        ),
    };
    let hint = match lang {
        Lang::Da => format!(
            "en tjekliste, som en selvevaluering nævner, viser højst {shown} problemer, så en fil, der ikke er en tjekliste, ikke bliver skrevet ud; se dem alle med `almen validate {name}`"
        ),
        Lang::En => format!(
            "a checklist named in an assessment shows at most {shown} problems, so that a file that is not a checklist is not printed; see them all with `almen validate {name}`"
        ),
    };
    Diag::new(Code::E012, message)
        .at(
            file,
            span,
            lang.pick("fejl i tjeklisten", "errors in the checklist"),
        )
        .hint(hint)
}

/// E013: a format version this almen does not read, as written.
pub fn unknown_format(lang: Lang, file: FileId, span: Range<usize>, written: &str) -> Diag {
    let written = excerpt(written);
    Diag::new(
        Code::E013,
        match lang {
            Lang::Da => format!(
                "formatversion {written} kendes ikke; denne version af almen læser format {FORMAT}"
            ),
            Lang::En => format!(
                "format version {written} is not known; this version of almen reads format {FORMAT}"
            ),
        },
    )
    .at(file, span, lang.pick("ukendt version", "unknown version"))
    .hint(lang.pick(
        "skriv `format = 1`, eller opdatér almen, hvis filen er skrevet til en nyere version",
        "write `format = 1`, or update almen if the file was written for a newer version",
    ))
}

/// E014: a value serde refused, with its (found, expected) `types` when it said.
pub fn invalid_value(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    key: &str,
    types: Option<(&str, &str)>,
    serde_message: &str,
) -> Diag {
    let key = excerpt(key);
    let diag = Diag::new(
        Code::E014,
        format!(
            "`{key}` {}",
            lang.pick("har en ugyldig værdi", "has an invalid value")
        ),
    );
    found_expected(lang, diag, file, span, types, serde_message)
}

/// E014: a checklist whose id is empty.
pub fn empty_checklist_id(lang: Lang, file: FileId, span: Range<usize>) -> Diag {
    Diag::new(
        Code::E014,
        lang.pick("tjeklistens id er tomt", "the checklist id is empty"),
    )
    .at(file, span, lang.pick("tomt id", "empty id"))
}

/// E014: an item whose id is empty.
pub fn empty_item_id(lang: Lang, file: FileId, span: Range<usize>) -> Diag {
    Diag::new(
        Code::E014,
        lang.pick("punktets id er tomt", "the item id is empty"),
    )
    .at(file, span, lang.pick("tomt id", "empty id"))
}

/// E014: an id that is not a word of letters, digits, `-`, `_` and `.`.
/// (Whatever the id holds, the terminal shows it escaped.)
pub fn bad_id(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "{} `{id}` {}",
            lang.pick("id'et", "the id"),
            lang.pick("er ikke et gyldigt id", "is not a valid id")
        ),
    )
    .at(file, span, lang.pick("ugyldigt id", "invalid id"))
    .hint(lang.pick(
        "et id er højst 40 tegn: bogstaver, cifre, `-`, `_` og `.`, og begynder med et bogstav eller et ciffer, fx `EGN-1`",
        "an id is at most 40 characters: letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `EGN-1`",
    ))
}

/// E014: an item's weight under the smallest or above the largest.
pub fn weight_out_of_range(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "`weight` {} `{id}`",
            lang.pick(
                "skal være mindst 0,001 og højst 1000 i",
                "must be at least 0.001 and at most 1000 in"
            )
        ),
    )
    .at(file, span, lang.pick("ugyldig vægt", "invalid weight"))
    .hint(lang.pick(
        "udelad `weight` for vægt 1",
        "leave `weight` out for weight 1",
    ))
}

/// E014: an item repeated every 0 months, or more than a century apart.
pub fn months_out_of_range(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "`every-months` {} `{id}`",
            lang.pick(
                "skal være mindst 1 og højst 1200 i",
                "must be at least 1 and at most 1200 in"
            )
        ),
    )
    .at(
        file,
        span,
        lang.pick("ugyldigt antal måneder", "invalid number of months"),
    )
}

/// E014: an item with a warning before a repetition it does not have.
pub fn warn_days_without_months(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "`warn-days` {} `{id}`",
            lang.pick(
                "kræver `every-months` eller `every` i",
                "needs `every-months` or `every` in"
            )
        ),
    )
    .at(
        file,
        span,
        lang.pick("uden gentagelse", "without a recurrence"),
    )
    .hint(lang.pick(
        "tilføj `every-months = …` eller `every = \"calendar-year\"`, eller fjern `warn-days`",
        "add `every-months = …` or `every = \"calendar-year\"`, or remove `warn-days`",
    ))
}

/// E014: an item that recurs both on a rolling interval and once a
/// calendar year.
pub fn two_recurrences(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    other: Range<usize>,
) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "`{id}` {}",
            lang.pick(
                "har både `every` og `every-months`; et punkt gentages på én måde",
                "has both `every` and `every-months`; an item recurs in one way"
            )
        ),
    )
    .at(
        file,
        span,
        lang.pick("én gang hvert kalenderår", "once every calendar year"),
    )
    .related(
        file,
        other,
        lang.pick("et løbende interval", "a rolling interval"),
    )
    .hint(lang.pick(
        "`every = \"calendar-year\"` for \"årligt\" (senest 31. december året efter), `every-months = N` for højst N måneder mellem gangene; fjern den anden",
        "`every = \"calendar-year\"` for once a year (by 31 December of the next year), `every-months = N` for at most N months between times; remove the other",
    ))
}

/// E014: `may-be-not-applicable` on a recommendation, which may always be
/// answered not applicable.
pub fn not_applicable_flag_on_recommendation(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "`may-be-not-applicable` {} `{id}`",
            lang.pick(
                "gælder kun regelkrav, men står på anbefalingen",
                "is for duties only, but is on the recommendation"
            )
        ),
    )
    .at(file, span, lang.pick("kun for regelkrav", "duties only"))
    .hint(lang.pick(
        "en anbefaling kan altid besvares `ikke-relevant` med en forklaring; fjern nøglen",
        "a recommendation may always be answered `not-applicable` with an explanation; remove the key",
    ))
}

/// E014: `requested` on an answer whose item has no counterparty to ask.
pub fn requested_without_counterparty(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        format!(
            "`requested` {} `{id}`",
            lang.pick(
                "gælder kun punkter med en modpart (som kommunalbestyrelsen), men står på",
                "is only for items with a counterparty (such as the municipal council), but is on"
            )
        ),
    )
    .at(
        file,
        span,
        lang.pick("ingen modpart at anmode", "no counterparty to ask"),
    )
    .hint(lang.pick(
        "fjern `requested`; punktet afhænger af jer selv",
        "remove `requested`; the item depends on you alone",
    ))
}

/// E007: an answer with neither `status` nor `per`.
pub fn no_status(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E007,
        format!(
            "{} `status` {} answers.{id}",
            lang.pick("påkrævet nøgle", "required key"),
            lang.pick("mangler i", "is missing in")
        ),
    )
    .at(file, span, lang.pick("her", "here"))
    .hint(format!("{} `status = …`", lang.pick("tilføj", "add")))
}

/// E014: `municipality` and `municipalities` both given.
pub fn municipality_and_municipalities(lang: Lang, file: FileId, span: Range<usize>) -> Diag {
    Diag::new(
        Code::E014,
        lang.pick(
            "`organisation` har både `municipality` og `municipalities`",
            "`organisation` has both `municipality` and `municipalities`",
        ),
    )
    .at(file, span, lang.pick("den ene af dem", "one of the two"))
    .hint(lang.pick(
        "skriv én kommune i `municipality` eller flere i `municipalities`, ikke begge",
        "write one municipality in `municipality` or several in `municipalities`, not both",
    ))
}

/// E014: `municipalities = []`.
pub fn no_municipalities(lang: Lang, file: FileId, span: Range<usize>) -> Diag {
    Diag::new(
        Code::E014,
        lang.pick(
            "`municipalities` nævner ingen kommune",
            "`municipalities` names no municipality",
        ),
    )
    .at(file, span, lang.pick("tom liste", "an empty list"))
    .hint(lang.pick(
        "skriv de kommuner, organisationen holder styringsdialog med, eller fjern `municipalities`",
        "list the municipalities the organisation holds its styringsdialog with, or remove `municipalities`",
    ))
}

/// What is wrong with a municipality's name.
#[derive(Clone, Copy, Debug)]
pub enum BadName {
    Blank,
    Control,
    Spaces,
}

/// E014: a municipality's name that is blank, has a control character or
/// spaces at either end.
pub fn bad_municipality_name(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    municipality: &str,
    what: BadName,
) -> Diag {
    let escaped = municipality.escape_debug().to_string();
    let shown = excerpt(&escaped);
    let (title, hint) = match what {
        BadName::Blank => (
            lang.pick(
                "en kommune i `municipalities` har intet navn",
                "a municipality in `municipalities` has no name",
            )
            .to_owned(),
            lang.pick("skriv kommunens navn", "write the municipality's name"),
        ),
        BadName::Control => (
            match lang {
                Lang::Da => format!("`{shown}` i `municipalities` har et styretegn"),
                Lang::En => format!("`{shown}` in `municipalities` has a control character"),
            },
            lang.pick(
                "fjern tegnet; et navn står på én linje",
                "remove the character; a name is one line",
            ),
        ),
        BadName::Spaces => (
            match lang {
                Lang::Da => format!("`{shown}` i `municipalities` har mellemrum i en ende"),
                Lang::En => format!("`{shown}` in `municipalities` has spaces at one end"),
            },
            lang.pick(
                "fjern mellemrummene før og efter navnet",
                "remove the spaces before and after the name",
            ),
        ),
    };
    Diag::new(Code::E014, title)
        .at(file, span, lang.pick("her", "here"))
        .hint(hint)
}

/// E014: a municipality listed twice (spaces and case aside).
pub fn municipality_twice(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    municipality: &str,
    first: Range<usize>,
) -> Diag {
    let municipality = excerpt(municipality);
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => format!("`{municipality}` står to gange i `municipalities`"),
            Lang::En => format!("`{municipality}` is listed twice in `municipalities`"),
        },
    )
    .at(file, span, lang.pick("igen her", "again here"))
    .related(file, first, lang.pick("første gang her", "first here"))
    .hint(lang.pick("nævn hver kommune én gang", "list each municipality once"))
}

/// E014: a key of an answer written beside `per`, where it belongs in
/// each entry.
pub fn beside_per(lang: Lang, file: FileId, span: Range<usize>, id: &str, key: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => format!(
                "`{key}` står ved siden af `per` på `{id}`; svaret gives for hver kommune"
            ),
            Lang::En => format!(
                "`{key}` is beside `per` on `{id}`; the answer is given for each municipality"
            ),
        },
    )
    .at(
        file,
        span,
        lang.pick("hører til i hver `per`", "belongs in each `per`"),
    )
    .hint(match lang {
        Lang::Da => format!(
            "flyt `{key}` ind i hver `[[answers.{id}.per]]`, eller fjern `per` og svar én gang for alle kommuner"
        ),
        Lang::En => format!(
            "move `{key}` into each `[[answers.{id}.per]]`, or remove `per` and answer once for every municipality"
        ),
    })
}

/// E014: `per` on an item whose counterparty is not the municipal
/// council.
pub fn per_without_municipality(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => format!(
                "`per` gælder kun punkter, hvor modparten er kommunalbestyrelsen, men står på `{id}`"
            ),
            Lang::En => format!(
                "`per` is only for items whose counterparty is the municipal council, but is on `{id}`"
            ),
        },
    )
    .at(
        file,
        span,
        lang.pick("ikke et kommunalt punkt", "not a municipal item"),
    )
    .hint(match lang {
        Lang::Da => format!("svar én gang: `[answers.{id}]` med `status`, uden `per`"),
        Lang::En => format!("answer once: `[answers.{id}]` with `status`, without `per`"),
    })
}

/// E014: `per` in an assessment that names no municipality.
pub fn per_without_list(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => format!(
                "`per` på `{id}`, men `organisation` nævner ingen kommune"
            ),
            Lang::En => format!(
                "`per` on `{id}`, but `organisation` names no municipality"
            ),
        },
    )
    .at(file, span, lang.pick("hvilken kommune?", "which municipality?"))
    .hint(lang.pick(
        "skriv kommunerne under `[organisation]`: `municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]`",
        "list the municipalities under `[organisation]`: `municipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]`",
    ))
}

/// E014: a `per` entry for a municipality the organisation does not list.
pub fn unlisted_municipality(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    municipality: &str,
    list: bool,
    meant: Option<&str>,
) -> Diag {
    let id = excerpt(id);
    let municipality = excerpt(municipality);
    let hint = match (meant, list) {
        (Some(m), _) => did_you_mean_hint(lang, m),
        (None, true) => lang
            .pick(
                "tilføj kommunen til `municipalities` under `[organisation]`, eller ret navnet",
                "add the municipality to `municipalities` under `[organisation]`, or correct the name",
            )
            .to_owned(),
        (None, false) => lang
            .pick(
                "har organisationen afdelinger i flere kommuner, så skriv dem alle i `municipalities = [\"…\", \"…\"]` i stedet for `municipality`",
                "if the organisation has departments in several municipalities, list them all in `municipalities = [\"…\", \"…\"]` instead of `municipality`",
            )
            .to_owned(),
    };
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => {
                format!("`per` på `{id}` er for `{municipality}`, som organisationen ikke nævner")
            }
            Lang::En => format!(
                "`per` on `{id}` is for `{municipality}`, which the organisation does not list"
            ),
        },
    )
    .at(
        file,
        span,
        lang.pick("ukendt kommune", "unknown municipality"),
    )
    .hint(hint)
}

/// E014: two `per` entries for one municipality.
pub fn per_twice(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    municipality: &str,
    first: Range<usize>,
) -> Diag {
    let id = excerpt(id);
    let municipality = excerpt(municipality);
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => format!("to `per` på `{id}` for `{municipality}`"),
            Lang::En => format!("two `per` on `{id}` for `{municipality}`"),
        },
    )
    .at(file, span, lang.pick("igen her", "again here"))
    .related(file, first, lang.pick("første gang her", "first here"))
    .hint(lang.pick(
        "giv hver kommune ét svar; læg begge svars dokumentation i det ene",
        "give each municipality one answer; put the evidence of both in the one",
    ))
}

/// E014: an answer that runs out before it was given.
pub fn valid_until_before_date(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    until: &str,
    date: &str,
) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E014,
        match lang {
            Lang::Da => {
                format!("`valid-until` ({until}) ligger før svarets `date` ({date}) på `{id}`")
            }
            Lang::En => {
                format!("`valid-until` ({until}) is before the answer's `date` ({date}) on `{id}`")
            }
        },
    )
    .at(
        file,
        span,
        lang.pick("udløber, før det blev gjort", "runs out before it was done"),
    )
    .hint(lang.pick(
        "ret datoerne: `valid-until` er den sidste dag, svaret gælder, og ligger ikke før `date`",
        "correct the dates: `valid-until` is the last day the answer holds, on or after `date`",
    ))
}

/// E014: an assessment that names no checklist, nor is given one.
pub fn no_checklists(lang: Lang, file: FileId, span: Range<usize>) -> Diag {
    Diag::new(
        Code::E014,
        lang.pick(
            "selvevalueringen nævner ingen tjeklister",
            "the assessment names no checklists",
        ),
    )
    .at(file, span, lang.pick("tom liste", "empty list"))
    .hint(lang.pick(
        "fx `checklists = [\"samarbejde-med-omverdenen\"]`",
        "e.g. `checklists = [\"samarbejde-med-omverdenen\"]`",
    ))
}

/// E015: two checklists loaded together with the same id.
pub fn same_checklist_id(lang: Lang, id: &str, at: Place, first: Place) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E015,
        format!(
            "{} `{id}`",
            lang.pick(
                "to tjeklister har samme id",
                "two checklists have the same id"
            ),
        ),
    )
    .at(at.file, at.span, lang.pick("igen her", "again here"))
    .related(
        first.file,
        first.span,
        lang.pick("første gang her", "first here"),
    )
    .hint(lang.pick(
        "giv din egen tjekliste et andet id",
        "give your own checklist another id",
    ))
}

/// E017: a checklist where an assessment was expected, or the other way round.
pub fn wrong_kind(lang: Lang, file: FileId, expected: FileKind) -> Diag {
    let (message, hint) = match expected {
        FileKind::Assessment => (
            lang.pick(
                "filen er en tjekliste, ikke en selvevaluering",
                "the file is a checklist, not a self-assessment",
            ),
            lang.pick(
                "nævn den i selvevalueringens `[assessment] checklists`, eller giv den med `--checklist`",
                "name it in the assessment's `[assessment] checklists`, or give it with `--checklist`",
            ),
        ),
        FileKind::Checklist => (
            lang.pick(
                "filen er en selvevaluering, ikke en tjekliste",
                "the file is a self-assessment, not a checklist",
            ),
            lang.pick(
                "`checklists` og `--checklist` skal pege på tjeklister",
                "`checklists` and `--checklist` must name checklists",
            ),
        ),
    };
    Diag::new(Code::E017, message)
        .at(file, 0..0, lang.pick("her", "here"))
        .hint(hint)
}

/// E021: a checklist an assessment names that may not be opened.
pub fn checklist_out_of_reach(lang: Lang, name: &str, reach: Reach, at: &NamedAt) -> Diag {
    let shown = long_excerpt(name);
    let why = match reach {
        Reach::Outside => lang.pick(
            "ligger uden for selvevalueringens mappe",
            "lies outside the assessment's folder",
        ),
        Reach::NotAFile => lang.pick("er ikke en almindelig fil", "is not a regular file"),
        Reach::TooLarge => lang.pick("er over 1 MiB", "is over 1 MiB"),
        Reach::Allowed => "",
    };
    let diag = Diag::new(
        Code::E021,
        format!(
            "{} `{shown}` {why}; {}",
            lang.pick("tjeklisten", "the checklist"),
            lang.pick("den er ikke åbnet", "it was not opened")
        ),
    )
    .hint(lang.pick(
        "læg tjeklisten i selvevalueringens mappe, eller giv den med `--checklist`",
        "put the checklist in the assessment's folder, or give it with `--checklist`",
    ));
    match at {
        NamedAt::File { file, span } => {
            diag.at(*file, span.clone(), lang.pick("ikke åbnet", "not opened"))
        }
        NamedAt::CommandLine => diag.about(name),
    }
}

/// E021: a checklist path an assessment names that does not end in
/// `.toml`: whatever the file is, it is not opened.
pub fn checklist_not_toml(lang: Lang, name: &str, file: FileId, span: Range<usize>) -> Diag {
    let name = long_excerpt(name);
    Diag::new(
        Code::E021,
        format!(
            "{} `{name}` {}",
            lang.pick("tjeklisten", "the checklist"),
            lang.pick(
                "er ikke en .toml-fil; den er ikke åbnet",
                "is not a .toml file; it was not opened"
            )
        ),
    )
    .at(file, span, lang.pick("ikke en .toml-fil", "not a .toml file"))
    .hint(lang.pick(
        "en tjekliste er en .toml-fil: nævn en indbygget med dens id (se `almen list`) og din egen med en sti, der ender på `.toml`",
        "a checklist is a .toml file: name a built-in one by its id (see `almen list`) and your own by a path ending in `.toml`",
    ))
}

/// E022: a checklist file that claims a built-in checklist's id.
pub fn claims_builtin_id(lang: Lang, file: FileId, span: Range<usize>, id: &str) -> Diag {
    let id = excerpt(id);
    Diag::new(
        Code::E022,
        format!(
            "{} `{id}` {}",
            lang.pick("tjeklisten bruger id'et", "the checklist claims the id"),
            lang.pick(
                "som tilhører en indbygget tjekliste",
                "which belongs to a built-in checklist"
            )
        ),
    )
    .at(
        file,
        span,
        lang.pick("en indbygget tjeklistes id", "a built-in checklist's id"),
    )
    .hint(lang.pick(
        "giv din egen tjekliste et andet id; den indbyggede bruges med sit id, uden sti",
        "give your own checklist another id; the built-in one is used by its id, without a path",
    ))
}

/// E022: an item of an organisation's own checklist that uses the id of a
/// built-in checklist's item: it would answer the built-in item in its
/// place (a duty turned into a recommendation that can be explained).
pub fn claims_builtin_item(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    id: &str,
    builtin: &str,
) -> Diag {
    Diag::new(
        Code::E022,
        format!(
            "{} `{id}` {} `{builtin}`",
            lang.pick("punktet bruger id'et", "the item claims the id"),
            lang.pick(
                "som tilhører et punkt i den indbyggede tjekliste",
                "which belongs to an item of the built-in checklist"
            )
        ),
    )
    .at(
        file,
        span,
        lang.pick("et indbygget punkts id", "a built-in item's id"),
    )
    .hint(lang.pick(
        "giv jeres egne punkter egne id'er (fx `EGN-1`); de indbyggede punkter besvares med den indbyggede tjekliste",
        "give your own items ids of their own (e.g. `EGN-1`); the built-in items are answered with the built-in checklist",
    ))
}

// E023: what `almen init` wrote, left as it was.

/// Where a date placeholder is, so the hint can say which date belongs.
pub enum DateOf<'a> {
    /// `[assessment] date`.
    Assessment,
    /// `[assessment] approved`.
    Approval,
    /// The `date` of the answer for this item.
    Answer(&'a str),
    /// Any other date, under `key`, in the answer for `answer` if it is in one.
    Other {
        key: &'a str,
        answer: Option<&'a str>,
    },
}

/// E023: the template's organisation name.
pub fn placeholder_name(lang: Lang, file: FileId, span: Range<usize>) -> Diag {
    Diag::new(
        Code::E023,
        lang.pick(
            "organisationens navn er skabelonens pladsholder",
            "the organisation's name is the template's placeholder",
        ),
    )
    .at(
        file,
        span,
        lang.pick("skriv navnet her", "write the name here"),
    )
    .hint(lang.pick(
        "skriv boligorganisationens navn, fx `name = \"Boligforeningen Eksempel\"`",
        "write the housing organisation's name, e.g. `name = \"Boligforeningen Eksempel\"`",
    ))
}

/// E023: the template's date, where a date belongs.
pub fn placeholder_date(lang: Lang, file: FileId, span: Range<usize>, of: DateOf<'_>) -> Diag {
    let (message, hint) = match (of, lang) {
        (DateOf::Assessment, Lang::Da) => (
            "selvevalueringen har skabelonens dato, ikke datoen for, hvornår den blev lavet"
                .to_owned(),
            "skriv, hvornår vurderingen blev lavet, uden anførselstegn, fx `date = 2026-05-20`"
                .to_owned(),
        ),
        (DateOf::Assessment, Lang::En) => (
            "the assessment has the template's date, not the date it was made".to_owned(),
            "write when the assessment was made, without quotes, e.g. `date = 2026-05-20`"
                .to_owned(),
        ),
        (DateOf::Approval, Lang::Da) => (
            "selvevalueringen har skabelonens dato, ikke datoen for bestyrelsens godkendelse"
                .to_owned(),
            "skriv, hvornår bestyrelsen godkendte vurderingen, fx `approved = 2026-05-20`; indtil da skal linjen stå som kommentar"
                .to_owned(),
        ),
        (DateOf::Approval, Lang::En) => (
            "the assessment has the template's date, not the date the board approved it"
                .to_owned(),
            "write when the board approved the assessment, e.g. `approved = 2026-05-20`; until it has, leave the line commented out"
                .to_owned(),
        ),
        (DateOf::Answer(id), Lang::Da) => (
            format!(
                "svaret på `{id}` har skabelonens dato, ikke datoen for, hvornår punktet sidst blev gjort"
            ),
            "skriv, hvornår punktet sidst blev gjort, vedtaget eller revideret, uden anførselstegn, fx `date = 2026-05-20`"
                .to_owned(),
        ),
        (DateOf::Answer(id), Lang::En) => (
            format!(
                "the answer for `{id}` has the template's date, not the date it was last done"
            ),
            "write when the item was last done, adopted or reviewed, without quotes, e.g. `date = 2026-05-20`"
                .to_owned(),
        ),
        (DateOf::Other { key, answer }, _) => (
            match (answer, lang) {
                (Some(id), Lang::Da) => format!("svaret på `{id}` har skabelonens dato i `{key}`"),
                (Some(id), Lang::En) => {
                    format!("the answer for `{id}` has the template's date in `{key}`")
                }
                (None, Lang::Da) => format!("`{key}` har skabelonens dato"),
                (None, Lang::En) => format!("`{key}` has the template's date"),
            },
            format!(
                "{} `{key} = 2026-05-20`",
                lang.pick(
                    "skriv datoen uden anførselstegn, fx",
                    "write the date without quotes, e.g."
                )
            ),
        ),
    };
    Diag::new(Code::E023, message)
        .at(file, span, lang.pick("udfyld datoen", "fill in the date"))
        .hint(hint)
}

/// E023: the template's evidence path, `entry` as written.
pub fn placeholder_evidence(
    lang: Lang,
    file: FileId,
    span: Range<usize>,
    entry: &str,
    answer: Option<&str>,
) -> Diag {
    let entry = long_excerpt(entry);
    let message = match (answer, lang) {
        (Some(id), Lang::Da) => {
            format!("svaret på `{id}` har skabelonens dokumentationssti `{entry}`")
        }
        (Some(id), Lang::En) => {
            format!("the answer for `{id}` has the template's evidence path `{entry}`")
        }
        (None, Lang::Da) => format!("`{entry}` er skabelonens dokumentationssti"),
        (None, Lang::En) => format!("`{entry}` is the template's evidence path"),
    };
    Diag::new(Code::E023, message)
        .at(file, span, lang.pick("intet dokument", "no document"))
        .hint(lang.pick(
            "skriv stien til det dokument, der viser, at punktet følges (relativt til selvevalueringens mappe), eller et link; har I intet, så fjern linjen",
            "write the path to the document that shows the item is met (relative to the assessment's folder), or a link; if there is none, remove the line",
        ))
}

// Words the diagnostics share.

/// What a built-in checklist is called where a file name is shown.
pub fn builtin_name(lang: Lang, id: &str) -> String {
    format!("<{}>/{id}.toml", lang.pick("indbygget", "built-in"))
}

/// Where in the file a table is, as a reader says it.
pub fn table_name(lang: Lang, path: &[Seg]) -> String {
    if path.is_empty() {
        return lang
            .pick("filens øverste niveau", "the top level of the file")
            .to_owned();
    }
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&excerpt(k));
            }
            Seg::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    format!("`{out}`")
}

/// Labels a value with what was found and hints at what belongs, or uses serde's words.
fn found_expected(
    lang: Lang,
    diag: Diag,
    file: FileId,
    span: Range<usize>,
    types: Option<(&str, &str)>,
    serde_message: &str,
) -> Diag {
    match types {
        Some((found, expected)) => diag
            .at(
                file,
                span,
                format!(
                    "{} {}",
                    lang.pick("her står", "found"),
                    type_word(lang, found)
                ),
            )
            .hint(format!(
                "{} {}",
                lang.pick("her skal stå", "expected"),
                type_word(lang, expected)
            )),
        None => diag.at(file, span, long_excerpt(serde_message)),
    }
}

/// serde's words for a type, as a reader says them.
fn type_word(lang: Lang, word: &str) -> String {
    let (head, value) = match word.split_once(' ') {
        Some((h, v)) => (h, v.trim_matches('`')),
        None => (word, ""),
    };
    let name = match (head, word) {
        (_, "a string") | ("string", _) => lang.pick("tekst", "text"),
        (_, "a sequence") | ("sequence", _) => lang.pick("en liste […]", "a list […]"),
        (_, "a map") | ("map", _) => lang.pick("en tabel { … }", "a table { … }"),
        (_, "u32") | (_, "u64") => {
            lang.pick("et helt tal, 0 eller større", "a whole number, 0 or more")
        }
        (_, "i64") => lang.pick("et helt tal", "a whole number"),
        (_, "f64") => lang.pick("et tal", "a number"),
        ("integer", _) => lang.pick("heltallet", "the whole number"),
        ("floating", _) => lang.pick("tallet", "the number"),
        ("boolean", _) | (_, "a boolean") => lang.pick("en sand/falsk-værdi", "a true/false value"),
        (_, w) if w.starts_with("struct ") => lang.pick("en tabel { … }", "a table { … }"),
        _ => return word.to_owned(),
    };
    match head {
        "string" | "integer" | "boolean" if !value.is_empty() => {
            format!("{name} {}", excerpt(value))
        }
        "floating" => format!(
            "{name} {}",
            word.rsplit(' ').next().unwrap_or("").trim_matches('`')
        ),
        _ => name.to_owned(),
    }
}

fn quote_list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
