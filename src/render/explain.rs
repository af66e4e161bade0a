//! `almen validate --explain CODE`: what a code means, an example of the
//! mistake, and its fix.

use std::io::{self, Write};

use super::diagnostics::level_word;
use crate::diag::Code;
use crate::lang::Lang;

/// A mistake that draws the code, and what it looks like fixed: file text
/// or a command line, then a sentence in each language saying why.
struct Example {
    wrong: &'static str,
    right: &'static str,
    da: &'static str,
    en: &'static str,
}

const fn ex(
    wrong: &'static str,
    right: &'static str,
    da: &'static str,
    en: &'static str,
) -> Example {
    Example {
        wrong,
        right,
        da,
        en,
    }
}

fn example(code: Code) -> Example {
    use Code::*;
    match code {
        E001 => ex(
            "almen check almen.tmol",
            "almen check almen.toml",
            "Stien skal pege på en fil, der findes, og som I må læse.",
            "The path must lead to a file that exists and that you may read.",
        ),
        E002 => ex(
            "(filen er gemt som Latin-1 / Windows-1252)",
            "(filen er gemt som UTF-8)",
            "Gem filen som UTF-8 i jeres editor; æ, ø og å kommer så rigtigt med.",
            "Save the file as UTF-8 in your editor; æ, ø and å then come through.",
        ),
        E003 => ex(
            "(en tom almen.toml)",
            "almen init",
            "Lad `almen init` skrive en skabelon, og udfyld den.",
            "Let `almen init` write a template, and fill it in.",
        ),
        E004 => ex(
            "status = \"met",
            "status = \"met\"",
            "En tekst skal have anførselstegn i begge ender.",
            "A string needs quotes at both ends.",
        ),
        E005 => ex(
            "[answers.OMV-5]\nstatuss = \"met\"",
            "[answers.OMV-5]\nstatus = \"met\"",
            "Nøglen skal staves, som formatet gør; almen foreslår den, I nok mente.",
            "The key must be spelt as the format spells it; almen suggests the one you probably meant.",
        ),
        E006 => ex(
            "evidence = \"referat.pdf\"",
            "evidence = [\"referat.pdf\"]",
            "`evidence` er en liste, også med ét dokument.",
            "`evidence` is a list, even with one document.",
        ),
        E007 => ex(
            "[answers.OMV-5]\ndate = 2026-05-20",
            "[answers.OMV-5]\nstatus = \"met\"\ndate = 2026-05-20",
            "Et svar skal have en `status`.",
            "An answer needs a `status`.",
        ),
        E008 => ex(
            "date = \"2026-05-20\"",
            "date = 2026-05-20",
            "Datoer skrives som TOML-datoer, uden anførselstegn.",
            "Dates are TOML dates, without quotes.",
        ),
        E009 => ex(
            "status = \"ja\"",
            "status = \"følger\"",
            "Status er met, partial, unmet eller not-applicable, eller de danske ord (følger, følger delvist, opfyldt …).",
            "A status is met, partial, unmet or not-applicable, or the Danish words (følger, følger delvist, opfyldt, …).",
        ),
        E010 => ex(
            "[answers.OMV-7]",
            "[answers.OMV-6]",
            "Svar kun på punkter i de tjeklister, selvevalueringen nævner; `almen list` viser dem.",
            "Answer only items of the checklists the assessment names; `almen list` shows them.",
        ),
        E011 => ex(
            "[[item]]\nid = \"OMV-1\"   # i egne-krav.toml",
            "[[item]]\nid = \"EGN-1\"   # i egne-krav.toml",
            "Giv jeres egne punkter deres egne id'er.",
            "Give your own items ids of their own.",
        ),
        E012 => ex(
            "checklists = [\"samarbejde-med-omverden\"]",
            "checklists = [\"samarbejde-med-omverdenen\"]",
            "Brug en indbygget tjeklistes id (`almen list`) eller en sti til en fil, der findes.",
            "Use a built-in checklist's id (`almen list`) or a path to a file that exists.",
        ),
        E013 => ex(
            "format = 2",
            "format = 1",
            "Denne udgave af almen læser format 1.",
            "This version of almen reads format 1.",
        ),
        E014 => ex(
            "weight = 0",
            "weight = 1   # eller udelad den",
            "Værdien skal ligge inden for det, formatet tillader; beskeden siger hvad.",
            "The value must be within what the format allows; the message says what.",
        ),
        E015 => ex(
            "id = \"egne-krav\"   # i to forskellige filer",
            "id = \"egne-krav-udlejning\"   # i den ene af dem",
            "To forskellige tjeklister kan ikke have samme id.",
            "Two different checklists cannot have the same id.",
        ),
        E016 => ex(
            "almen check tom-mappe/",
            "almen check selvevalueringer/",
            "Mappen skal indeholde selvevalueringer (.toml-filer).",
            "The folder must hold assessments (.toml files).",
        ),
        E017 => ex(
            "almen check egne-krav.toml",
            "almen check almen.toml --checklist egne-krav.toml",
            "En tjekliste gives med `--checklist`; `check` tager selvevalueringer.",
            "A checklist is given with `--checklist`; `check` takes assessments.",
        ),
        E018 => ex(
            "almen init   # almen.toml findes allerede",
            "almen init -o ny.toml",
            "almen erstatter ikke en fil, der findes (brug --force, hvis det er meningen), og skriver aldrig over sine inddata.",
            "almen does not replace a file that exists (use --force if that is what you mean), and never writes over its inputs.",
        ),
        E019 => ex(
            "almen report -o /findes-ikke/rapport.html",
            "almen report -o rapport.html",
            "Skriv til en mappe, der findes, og som I må skrive i.",
            "Write to a folder that exists and that you may write to.",
        ),
        E020 => ex(
            "almen show OMV-9",
            "almen show OMV-6",
            "`almen list` viser punkterne; `almen validate --explain` tager koder som E009.",
            "`almen list` shows the items; `almen validate --explain` takes codes such as E009.",
        ),
        E021 => ex(
            "checklists = [\"../../andet-sted/krav.toml\"]",
            "checklists = [\"egne-krav.toml\"]",
            "En tjekliste, som selvevalueringen nævner, skal ligge i dens mappe; en anden giver I med `--checklist`.",
            "A checklist the assessment names must be in its folder; give another one with `--checklist`.",
        ),
        E022 => ex(
            "id = \"samarbejde-med-omverdenen\"   # i egne-krav.toml",
            "id = \"egne-krav\"",
            "De indbyggede tjeklisters id'er er deres egne.",
            "The built-in checklists' ids are theirs alone.",
        ),
        E023 => ex(
            "date = ÅÅÅÅ-MM-DD",
            "date = 2026-05-20",
            "Skabelonens pladsholdere skal erstattes med jeres egne oplysninger.",
            "The template's placeholders must be replaced with your own details.",
        ),
        E024 => ex(
            "almen report almen.toml",
            "almen report almen.toml -o rapport.html",
            "Rapporten er til en browser eller en printer; skriv den til en fil.",
            "The report is for a browser or a printer; write it to a file.",
        ),
        E025 => ex(
            "almen report --format statement indsendt/ -o redegørelse.html",
            "almen report --format statement indsendt/fjordglimt.toml -o fjordglimt.html",
            "Redegørelsen er én organisations; lav den for hver selvevaluering for sig.",
            "The statement is one organisation's; make it for each assessment on its own.",
        ),
        E026 => ex(
            "almen serve --port 8080",
            "almen serve",
            "Uden --port vælger almen selv en ledig port.",
            "Without --port, almen picks a free port itself.",
        ),
        W001 => ex(
            "status = \"følger-ikke\"\nexplanation = \"TBD\"",
            "status = \"følger-ikke\"\nexplanation = \"Vi repræsenteres i kredsen af vores administrationsorganisation.\"",
            "En forklaring siger med mindst 20 tegn, hvorfor I afviger, og hvad I gør i stedet.",
            "An explanation says, in at least 20 characters, why you depart and what you do instead.",
        ),
        W002 => ex(
            "status = \"met\"\nexplanation = \"Vedtaget i marts.\"",
            "status = \"met\"\nnote = \"Vedtaget i marts.\"",
            "Et punkt, der følges, skal ikke forklares; brug `note`.",
            "An item that is met needs no explanation; use `note`.",
        ),
        W003 => ex(
            "status = \"met\"\nplan = { action = \"Vedtag politikken\" }",
            "status = \"met\"",
            "En plan hører til et punkt, der ikke følges endnu.",
            "A plan belongs to an item that is not met yet.",
        ),
        W004 => ex(
            "plan = { action = \"Vedtag politikken\" }",
            "plan = { action = \"Vedtag politikken\", owner = \"Direktionen\", due = 2027-03-01 }",
            "En plan har en ansvarlig og en frist.",
            "A plan has an owner and a due date.",
        ),
        W005 => ex(
            "date = 2027-05-20   # opgjort 2026-11-27",
            "date = 2026-05-20",
            "En dato efter opgørelsesdatoen er sandsynligvis en tastefejl.",
            "A date after the as-of date is probably a typo.",
        ),
        W006 => ex(
            "[assessment]\ndate = 2026-01-10   # et svar er dateret 2026-05-20",
            "[assessment]\ndate = 2026-06-01",
            "Selvevalueringens dato er dagen, den blev lavet: efter det nyeste svar.",
            "The assessment's date is the day it was made: after the newest answer.",
        ),
        W007 => ex(
            "date = 2026-11-05\napproved = 2026-10-01",
            "date = 2026-11-05\napproved = 2026-11-16",
            "Bestyrelsen kan først godkende evalueringen, når den er lavet.",
            "The board can approve the assessment only once it is made.",
        ),
        W008 => ex(
            "evidence = [\"referatet.pdf\"]",
            "evidence = [\"dokumentation/referat.pdf\"]",
            "Stien er relativ til selvevalueringen og skal pege på en fil, der findes.",
            "The path is relative to the assessment and must lead to a file that exists.",
        ),
        W009 => ex(
            "evidence = [\"../../fælles/referat.pdf\"]",
            "evidence = [\"dokumentation/referat.pdf\"]",
            "Læg dokumentationen i selvevalueringens mappe, eller henvis med et link.",
            "Put the evidence in the assessment's folder, or link to it.",
        ),
        W010 => ex(
            "[[item]]\nid = \"EGN-1\"\nkind = \"recommendation\"\ntitle.da = \"…\"",
            "[[item]]\nid = \"EGN-1\"\nkind = \"recommendation\"\ntitle.da = \"…\"\nguidance.da = \"Hvad der skal til, for at punktet følges.\"",
            "Vejledningen siger, hvordan det ser ud, når punktet følges.",
            "The guidance says what it looks like when the item is met.",
        ),
        W011 => ex(
            "title = { da = \"Udarbejd en kommunikationspolitik\" }",
            "title = { da = \"Udarbejd en kommunikationspolitik\", en = \"Draw up a communication policy\" }",
            "Med engelsk tekst kan tjeklisten bruges med --lang en.",
            "With English text the checklist works with --lang en.",
        ),
        W012 => ex(
            "selvevalueringer/almen.toml -> /et/andet/sted.toml   (et link)",
            "selvevalueringer/almen.toml   (selve filen)",
            "I en mappe følger almen ikke links; læg filen selv i mappen.",
            "In a folder, almen does not follow links; put the file itself there.",
        ),
        W013 => ex(
            "[answers.OMV-1]\nevidence = [\"beretning.pdf\"]\n[answers.OMV-2]\nevidence = [\"beretning.pdf\"]\n[answers.OMV-3]\nevidence = [\"beretning.pdf\"]",
            "[answers.OMV-1]\nevidence = [\"interessentanalyse.pdf\"]\n[answers.OMV-2]\nevidence = [\"styringsdialog-referat.pdf\"]\n[answers.OMV-3]\nevidence = [\"kredsmoeder.pdf\"]",
            "Ét dokument for det hele er ikke dokumentation for hvert punkt; angiv det, der viser netop dette punkt.",
            "One document for everything is not evidence for each item; give what shows this item.",
        ),
        W014 => ex(
            "GITHUB_STEP_SUMMARY=almen.toml almen check almen.toml",
            "GITHUB_STEP_SUMMARY=\"$RUNNER_TEMP/summary.md\" almen check almen.toml",
            "Resuméet til GitHub Actions skrives til en fil, der hverken er en af kørslens inddata eller uddata, og som kan skrives.",
            "The GitHub Actions summary goes to a file that is neither one of the run's inputs nor outputs, and that can be written.",
        ),
        W015 => ex(
            "almen diff andelsboligforeningen/almen.toml fjordglimt/almen.toml",
            "almen diff fjordglimt/sidste-aar.toml fjordglimt/almen.toml",
            "Sammenlign en organisations selvevaluering med dens egen tidligere. Samme CVR-nummer er samme organisation, også efter et navneskifte.",
            "Compare an organisation's assessment with its own earlier one. The same CVR number is the same organisation, also after a change of name.",
        ),
        W016 => ex(
            "[organisation]\nname = \"Boligforeningen Eksempel\"\nmunicipalities = [\"Aarhus Kommune\"]",
            "[organisation]\nname = \"Boligforeningen Eksempel\"\nmunicipality = \"Aarhus Kommune\"",
            "`municipalities` er til en organisation med afdelinger i flere kommuner; med én kommune skrives den i `municipality`. Mangler der en kommune på listen?",
            "`municipalities` is for an organisation with departments in several municipalities; one municipality goes in `municipality`. Is a municipality missing from the list?",
        ),
        W017 => ex(
            "[organisation]\nname = \"Boligforeningen Eksempel\"\nmunicipalities = [\"Aarhus Kommune\", \"Skanderborg Kommune\"]\n\n[answers.STY-1]\nstatus = \"met\"\ndate = 2026-10-02",
            "[[answers.STY-1.per]]\nmunicipality = \"Aarhus Kommune\"\nstatus = \"met\"\ndate = 2026-10-02\n\n[[answers.STY-1.per]]\nmunicipality = \"Skanderborg Kommune\"\nstatus = \"met\"\ndate = 2025-11-20",
            "Styringsdialogen og de andre krav over for kommunalbestyrelsen holdes med hver kommune for sig. Ét svar for dem alle tæller for hver kommune, så en kommune, hvor mødet er udeblevet, ikke ses.",
            "The styringsdialog and the other duties towards the municipal council are held with each municipality on its own. One answer for them all counts for each municipality, so a municipality where the meeting lapsed does not show.",
        ),
    }
}

/// What a code means, an example of the mistake and how it looks fixed.
pub fn explain(code: Code, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let level = level_word(code.level(), lang);
    writeln!(out, "{} ({level}): {}", code.as_str(), code.describe(lang))?;
    let e = example(code);
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        lang.pick("Sådan ser det ud:", "What it looks like:")
    )?;
    for line in e.wrong.lines() {
        writeln!(out, "    {line}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", lang.pick("Rettet:", "Fixed:"))?;
    for line in e.right.lines() {
        writeln!(out, "    {line}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", lang.pick(e.da, e.en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_an_example_that_changes_something() {
        for &code in Code::ALL {
            let e = example(code);
            assert_ne!(e.wrong, e.right, "{code:?}");
            assert!(!e.da.is_empty() && !e.en.is_empty(), "{code:?}");
        }
    }
}
