//! `almen init`: write a self-assessment template to fill in, and the JSON
//! Schema beside it. Never replaces a file without `--force`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Context, Exit, Failure, diags, load_checklists, today, write_file};
use crate::fs::{RealFs, folder_of, lies_outside, make_folder, relative_to, shown_folder};
use almen::lang::Lang;
use almen::load::{Checklist, FileKind, Loader};
use almen::render::template::{self, SCHEMA_FILE};
use almen::schema;

/// The checklist every template answers; `--checklist` adds others (the
/// further built-in ones by id, an organisation's own by path).
const DEFAULT_CHECKLIST: &str = "samarbejde-med-omverdenen";

pub struct Init {
    pub output: PathBuf,
    /// Checklists besides the default one, by id or path.
    pub checklists: Vec<String>,
    /// The municipalities the organisation holds its styringsdialog
    /// with, as given.
    pub municipalities: Vec<String>,
    /// Replace files that exist.
    pub force: bool,
    /// The date the template gives as an example of how to write one;
    /// none means today.
    pub as_of: Option<NaiveDate>,
}

pub fn run(opts: Init, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let output = &opts.output;
    // Checked first for a quick answer; the write below is what makes sure.
    if output.exists() && !opts.force {
        return Err(diags::output_exists(lang, output).into());
    }
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let checklists = load_checklists(&mut loader, &[DEFAULT_CHECKLIST], &opts.checklists)?;
    let dir = folder_of(output);
    // The folder is made first: the paths written into the template are
    // worked out from where it really is.
    make_folder(&dir).map_err(|e| diags::cannot_write(lang, Some(output), &e))?;
    let text = template_of(
        &checklists,
        &dir,
        &opts.municipalities,
        lang,
        opts.as_of.unwrap_or_else(today),
    );
    let refs: Vec<&Checklist> = checklists.iter().map(|c| c.as_ref()).collect();
    write_file(lang, output, text.as_bytes(), opts.force)?;
    // The schema the template's first line points editors at; an existing
    // one is the user's and is left alone unless --force.
    let schema_path = dir.join(SCHEMA_FILE);
    let schema = serde_json::to_string_pretty(&schema::schema(FileKind::Assessment))
        .expect("a JSON value serialises")
        + "\n";
    let keep_theirs = !opts.force && schema_path.is_file();
    if !keep_theirs {
        write_file(lang, &schema_path, schema.as_bytes(), opts.force)?;
    }
    // A checklist outside the template's folder is read only where almen
    // runs in the folder that holds it (see `Fs::reach`): said now, not
    // first as E021 when the file is checked from its own folder.
    // Links followed, as the check will follow them.
    let away: Vec<String> = refs
        .iter()
        .filter_map(|c| c.path.as_deref())
        .filter(|p| lies_outside(p, &dir))
        .map(|p| relative_to(p, &dir).to_string_lossy().replace('\\', "/"))
        .collect();
    let folder = shown_folder(&dir);
    let folder = folder.display();
    ctx.write_out(|out| {
        writeln!(
            out,
            "{} {} ({} {})",
            lang.pick("Skrev", "Wrote"),
            output.display(),
            refs.iter().map(|c| c.file.items.len()).sum::<usize>(),
            lang.pick("punkter at vurdere", "items to assess")
        )?;
        for path in &away {
            match lang {
                Lang::Da => writeln!(
                    out,
                    "Bemærk: tjeklisten `{path}` ligger uden for mappen `{folder}`, hvor selvevalueringen er; almen læser den kun, når almen køres fra en mappe, tjeklisten ligger i. Kopiér tjeklisten ind i `{folder}`, så kan selvevalueringen tjekkes hvorfra som helst."
                ),
                Lang::En => writeln!(
                    out,
                    "Note: the checklist `{path}` lies outside the folder `{folder}` that holds the assessment; almen reads it only when run from a folder the checklist is in. Copy the checklist into `{folder}` to check the assessment from anywhere."
                ),
            }?;
        }
        Ok(())
    })?;
    Ok(Exit::Ok)
}

/// The template `init` would write to `output` (whose folder exists), with
/// the default checklist and `extra`; for `almen serve` to start from when
/// there is no file yet.
#[cfg(feature = "serve")]
pub fn template(
    lang: Lang,
    output: &Path,
    extra: &[String],
    as_of: NaiveDate,
) -> Result<String, Failure> {
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, lang);
    let checklists = load_checklists(&mut loader, &[DEFAULT_CHECKLIST], extra)?;
    Ok(template_of(
        &checklists,
        &folder_of(output),
        &[],
        lang,
        as_of,
    ))
}

/// The template of loaded checklists, for a file in the folder `dir`: a
/// checklist file is named by its path from there; `municipalities` as
/// `--municipality` gave them.
fn template_of(
    checklists: &[Arc<Checklist>],
    dir: &Path,
    municipalities: &[String],
    lang: Lang,
    as_of: NaiveDate,
) -> String {
    let names: Vec<String> = checklists
        .iter()
        .map(|c| match &c.path {
            None => c.id().to_owned(),
            Some(p) => relative_to(p, dir).to_string_lossy().replace('\\', "/"),
        })
        .collect();
    let refs: Vec<&Checklist> = checklists.iter().map(|c| c.as_ref()).collect();
    // A name given twice (spaces and case aside, as the loader compares
    // them) is written once: the loader refuses a repeated municipality.
    let mut seen = std::collections::HashSet::new();
    let municipalities: Vec<String> = municipalities
        .iter()
        .map(|m| m.trim().to_owned())
        .filter(|m| {
            let key = m.split_whitespace().collect::<Vec<_>>().join(" ");
            seen.insert(key.to_lowercase())
        })
        .collect();
    template::render(&refs, &names, &municipalities, lang, as_of)
}
