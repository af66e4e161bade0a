//! The self-assessment template `almen init` writes: the organisation
//! block, the checklists, and one commented-out answer block per item with
//! the item's title, guidance and typical evidence. Its organisation name,
//! dates and evidence path are the placeholders `load::placeholder` knows,
//! so an answer switched on but not filled in is an error, never a met
//! item; the date given is only an example of how to write one. Pure:
//! checklists, names, language and date in, text out.

use std::fmt::Write;

use chrono::NaiveDate;

use super::text::{toml_string, wrap};
use super::words::recurrence_text;
use crate::lang::Lang;
use crate::load::{Checklist, placeholder};
use crate::model::{Kind, TEMPLATE_EXPLANATION};

/// The name of the schema file `init` writes beside the template.
pub const SCHEMA_FILE: &str = "almen.schema.json";

/// `names` are what `[assessment] checklists` gets: ids, or paths relative
/// to the template; `checklists` are the same checklists, loaded;
/// `municipalities` the ones the organisation named (none, one, or several:
/// then an item whose counterparty is the municipal council has an answer
/// block for each).
pub fn render(
    checklists: &[&Checklist],
    names: &[String],
    municipalities: &[String],
    lang: Lang,
    today: NaiveDate,
) -> String {
    let mut out = String::new();
    let t = |da: &'static str, en: &'static str| lang.pick(da, en);
    // Writing to a String cannot fail.
    let _ = writeln!(out, "#:schema ./{SCHEMA_FILE}");
    out.push_str(&wrap(
        t(
            "Selvevaluering efter BL's God Almen Ledelse og lovkravene bag, skrevet af `almen init`.",
            "Self-assessment against BL's God Almen Ledelse and the duties behind it, written by `almen init`.",
        ),
        78,
        "# ",
    ));
    out.push_str("#\n");
    let date = lang.pick(placeholder::DATE[0], placeholder::DATE[1]);
    let document = lang.pick(placeholder::EVIDENCE[0], placeholder::EVIDENCE[1]);
    let how = t(
            "Skriv organisationens navn herunder. Når I har vurderet et punkt, så fjern `#` foran dets svar og udfyld det: datoen i stedet for {date} (uden anførselstegn, fx {today}) og stien til jeres dokument i stedet for {evidence}; almen godtager ikke skabelonens pladsholdere. Status: met | partial | unmet | not-applicable (eller følger | følger-delvist | følger-ikke | ikke-relevant; for et krav også opfyldt | delvist-opfyldt | ikke-opfyldt). Følger I ikke en anbefaling, så skriv i `explanation` hvorfor, og hvad I gør i stedet (følg eller forklar); et krav i lov eller vedtægt kan ikke forklares væk. Tjek filen med `almen validate` og `almen check`.",
            "Write the organisation's name below. When you have assessed an item, remove the `#` in front of its answer and fill it in: the date instead of {date} (without quotes, e.g. {today}) and the path to your document instead of {evidence}; almen does not accept the template's placeholders. Status: met | partial | unmet | not-applicable (or følger | følger-delvist | følger-ikke | ikke-relevant; for a duty also opfyldt | delvist-opfyldt | ikke-opfyldt). If you do not follow a recommendation, write in `explanation` why, and what you do instead (comply or explain); a duty cannot be explained away. Check the file with `almen validate` and `almen check`.",
        )
        .replace("{date}", date)
        .replace("{today}", &today.to_string())
        .replace("{evidence}", document);
    out.push_str(&wrap(&how, 78, "# "));
    out.push('\n');
    out.push_str("format = 1\n\n[organisation]\n");
    let _ = writeln!(
        out,
        "name = \"{}\"",
        lang.pick(placeholder::NAME[0], placeholder::NAME[1])
    );
    out.push_str("# cvr = \"12345678\"\n");
    match municipalities {
        [] => {
            out.push_str(&wrap(
                t(
                    "Den kommune, I holder styringsdialog med. Har organisationen afdelinger i flere kommuner, så nævn dem alle i `municipalities` i stedet, og svar på punkterne med kommunalbestyrelsen som modpart én gang for hver kommune ([[answers.ID.per]]).",
                    "The municipality you hold your styringsdialog with. If the organisation has departments in several municipalities, list them all in `municipalities` instead, and answer the items whose counterparty is the municipal council once for each ([[answers.ID.per]]).",
                ),
                78,
                "# ",
            ));
            let _ = writeln!(out, "# municipality = \"{}\"", t("… Kommune", "… Kommune"));
            let _ = writeln!(
                out,
                "# municipalities = [\"{}\", \"{}\"]",
                t("… Kommune", "… Kommune"),
                t("… Kommune", "… Kommune")
            );
        }
        [one] => {
            let _ = writeln!(out, "municipality = {}", toml_string(one));
        }
        several => {
            out.push_str(&wrap(
                t(
                    "Afdelinger i flere kommuner: punkterne med kommunalbestyrelsen som modpart besvares én gang for hver kommune. Mangler en kommune, så tilføj den her og et svar for den.",
                    "Departments in several municipalities: the items whose counterparty is the municipal council are answered once for each. If one is missing, add it here and an answer for it.",
                ),
                78,
                "# ",
            ));
            let list: Vec<String> = several.iter().map(|m| toml_string(m)).collect();
            let _ = writeln!(out, "municipalities = [{}]", list.join(", "));
        }
    }
    out.push_str("\n[assessment]\n");
    let list = names
        .iter()
        .map(|n| toml_string(n))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(out, "checklists = [{list}]");
    let _ = writeln!(
        out,
        "# date = {date}       # {}",
        t(
            "hvornår vurderingen blev lavet",
            "when the assessment was made"
        )
    );
    let _ = writeln!(
        out,
        "# approved = {date}   # {}",
        t(
            "hvornår bestyrelsen godkendte den",
            "when the board approved it"
        )
    );

    for checklist in checklists {
        let f = &checklist.file;
        out.push('\n');
        let _ = writeln!(out, "# {}", "═".repeat(76));
        let _ = writeln!(
            out,
            "# {} · {} ({})",
            f.id.get_ref(),
            lang.text(&f.title),
            f.version
        );
        let _ = writeln!(out, "# {}", "═".repeat(76));
        for item in &f.items {
            let id = item.id.get_ref();
            out.push('\n');
            out.push_str(&wrap(
                &format!("{id} · {}", lang.text(&item.title)),
                78,
                "# ",
            ));
            let kind = match item.kind {
                Kind::Recommendation => t(
                    "Anbefaling (følg eller forklar).",
                    "Recommendation (comply or explain).",
                ),
                Kind::Duty => t(
                    "Regelkrav: kan ikke forklares væk.",
                    "Duty: cannot be explained away.",
                ),
            };
            let _ = writeln!(out, "# {kind}");
            if let Some(recurrence) = item.recurrence() {
                let every = recurrence_text(lang, recurrence);
                let _ = match lang {
                    Lang::Da => writeln!(out, "# Skal gentages mindst {every}; angiv `date`."),
                    Lang::En => {
                        writeln!(out, "# Must be repeated at least {every}; give the `date`.")
                    }
                };
            }
            if let Some(c) = &item.counterparty {
                let _ = match lang {
                    Lang::Da => writeln!(
                        out,
                        "# Afhænger også af {}: har I anmodet skriftligt, så angiv `requested`.",
                        lang.text(c)
                    ),
                    Lang::En => writeln!(
                        out,
                        "# Depends on {} too: if you have asked in writing, give `requested`.",
                        lang.text(c)
                    ),
                };
            }
            if let Some(g) = &item.guidance {
                out.push_str("#\n");
                out.push_str(&wrap(
                    &format!("{} {}", t("Vejledning:", "Guidance:"), lang.text(g)),
                    78,
                    "# ",
                ));
            }
            let evidence = lang.list(&item.evidence);
            if !evidence.is_empty() {
                let _ = writeln!(out, "# {}", t("Typisk dokumentation:", "Typical evidence:"));
                for e in evidence {
                    out.push_str(&wrap(e, 78, "#     ").replacen("#     ", "#   - ", 1));
                }
            }
            if let Some(b) = &item.basis {
                out.push_str(&wrap(
                    &format!("{} {b}", t("Grundlag:", "Basis:")),
                    78,
                    "# ",
                ));
            }
            out.push_str("#\n");
            if municipalities.len() > 1 && item.municipal() {
                // One block for each municipality, each switched on and
                // filled in on its own.
                for (n, m) in municipalities.iter().enumerate() {
                    if n > 0 {
                        out.push_str("#\n");
                    }
                    let _ = writeln!(out, "# [[answers.{}.per]]", toml_key(id));
                    let _ = writeln!(out, "# municipality = {}", toml_string(m));
                    out.push_str("# status = \"met\"\n");
                    let _ = writeln!(out, "# date = {date}");
                    let _ = writeln!(out, "# evidence = [\"{document}\"]");
                }
            } else {
                let _ = writeln!(out, "# [answers.{}]", toml_key(id));
                out.push_str("# status = \"met\"\n");
                let _ = writeln!(out, "# date = {date}");
                let _ = writeln!(out, "# evidence = [\"{document}\"]");
            }
            if item.kind == Kind::Recommendation {
                // A comment, not a key (an explanation belongs to a deviation),
                // and one that stays a comment when the block is uncommented.
                let hint = match lang {
                    Lang::Da => format!(
                        "(følger I den ikke: status = \"unmet\" eller \"partial\" og explanation = \"{}\")",
                        TEMPLATE_EXPLANATION[0]
                    ),
                    Lang::En => format!(
                        "(if you do not follow it: status = \"unmet\" or \"partial\" and explanation = \"{}\")",
                        TEMPLATE_EXPLANATION[1]
                    ),
                };
                out.push_str(&wrap(&hint, 78, "##   "));
            }
        }
    }
    out
}

/// A bare key when it can be one, else a quoted one.
fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_owned()
    } else {
        toml_string(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_strings_are_quoted_when_needed() {
        assert_eq!(toml_key("OMV-1"), "OMV-1");
        assert_eq!(toml_key("Æ 1"), "\"Æ 1\"");
        assert_eq!(toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
