//! `almen serve`: the assessment as a form in the browser, served by almen
//! on the user's own machine, for those who would rather not edit TOML.
//!
//! The file stays the one source of truth: the form shows what the file
//! says, every change is scored in memory by the same loader and rules as
//! `check` (the form's values written into the file's text, loaded as if
//! from disk, scored), and saving writes the file with the form's values
//! put into it by `toml_edit`, its comments, order and layout kept.
//!
//! `http` is the server and every rule a request must pass; `fields` the
//! form as posted; `answer` is one answer's fields, shown and turned back
//! into TOML; `edit` puts the whole form into a document; `page` lays out the page and the result.
//! This module sits above the command layer and uses it (`app`, `fs`);
//! nothing below depends on it.

mod answer;
mod edit;
mod fields;
mod http;
mod page;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use toml_edit::DocumentMut;

use crate::app::{self, Context, Exit, Failure};
use crate::fs::{RealFs, WriteError, folder_of, is_link, link_target, write_atomic};
use almen::lang::Lang;
use almen::load::{Checklist, Fs, Loader, Reach, display, is_toml};
use almen::render::text::visible;
use almen::render::{self, Entry, Format};
use almen::score::Checked;
use fields::Fields;
use http::Reply;

/// `almen serve`'s options.
pub struct Serve {
    pub file: PathBuf,
    /// 0: a free port.
    pub port: u16,
    /// Open the browser at the address.
    pub open: bool,
    pub as_of: Option<NaiveDate>,
    /// Checklists from the command line, besides those the file names.
    pub checklists: Vec<String>,
}

pub fn run(opts: Serve, ctx: &Context) -> Result<Exit, Failure> {
    let lang = ctx.lang;
    let as_of = opts.as_of.unwrap_or_else(app::today);
    let mut session = Session::open(opts.file, lang, as_of, opts.checklists)?;
    let server = http::Server::bind(opts.port, lang)
        .map_err(|why| app::diags::cannot_listen(lang, opts.port, &why))?;
    session.csrf = server.csrf().to_owned();
    // Ctrl-C ends the process; a save under way leaves no temporary file.
    crate::fs::clean_up_on_interrupt();
    let url = server.url();
    ctx.write_out(|out| {
        writeln!(
            out,
            "{} {}{}",
            lang.pick("Formularen til", "The form for"),
            visible(&display(&session.path)),
            link_note(&session.path, lang)
        )?;
        writeln!(out, "  {url}")?;
        writeln!(
            out,
            "{}",
            lang.pick(
                "Adressen giver adgang til filen: del den ikke. Tryk Ctrl-C for at stoppe.",
                "The address gives access to the file: do not share it. Press Ctrl-C to stop."
            )
        )?;
        out.flush()
    })?;
    if opts.open && !open_browser(&url) {
        ctx.write_out(|out| {
            writeln!(
                out,
                "{}",
                lang.pick(
                    "Browseren kunne ikke åbnes: kopiér adressen ovenfor ind i din browser.",
                    "The browser could not be opened: copy the address above into your browser."
                )
            )?;
            out.flush()
        })?;
    }
    server.run(move |request| session.respond(request));
    Ok(Exit::Ok)
}

/// Where an assessment that is a link leads, said after its name: Gem
/// writes that file (the link stays), which may be far from the folder
/// the link is in. Empty for a file that is no link.
fn link_note(path: &Path, lang: Lang) -> String {
    if !is_link(path) {
        return String::new();
    }
    // A repository's link may lead to a name with escape sequences in it.
    let target = link_target(path).map_or_else(
        || {
            lang.pick("en fil, der ikke findes", "a file that does not exist")
                .to_owned()
        },
        |t| visible(&display(&t)),
    );
    match lang {
        Lang::Da => format!(", et link til {target}: Gem skriver dér"),
        Lang::En => format!(", a link to {target}: Save writes there"),
    }
}

/// Asks the desktop to open `url` in the user's browser; false when no
/// opener could be started, or it said it failed (`xdg-open` on a machine
/// without a desktop) within a moment. One still running then is taken
/// to have opened it: some wait for the browser to close.
fn open_browser(url: &str) -> bool {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        Command::new("xdg-open")
    };
    let Ok(mut child) = command
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    else {
        return false;
    };
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => return false,
        }
    }
    true
}

/// The file being edited, and what the form needs to show it.
pub struct Session {
    path: PathBuf,
    lang: Lang,
    as_of: NaiveDate,
    extra: Vec<String>,
    /// The file's bytes as last read or written; `None` while there is no
    /// file yet. A save checks that the file still holds them.
    on_disk: Option<Vec<u8>>,
    /// The text the form edits: the file as read, or the template.
    base: String,
    /// The checklists whose items the form shows.
    checklists: Vec<Arc<Checklist>>,
    /// Said once, on the next page.
    message: Option<page::Message>,
    /// The token every form carries (see `http`).
    csrf: String,
}

impl Session {
    /// Reads the file, or starts from the template where there is none.
    fn open(
        path: PathBuf,
        lang: Lang,
        as_of: NaiveDate,
        extra: Vec<String>,
    ) -> Result<Session, Failure> {
        let mut session = Session {
            path,
            lang,
            as_of,
            extra,
            on_disk: None,
            base: String::new(),
            checklists: Vec::new(),
            message: None,
            csrf: String::new(),
        };
        session.load()?;
        Ok(session)
    }

    /// (Re)reads the file: what the form shows and a save compares with.
    fn load(&mut self) -> Result<(), Failure> {
        let fs = RealFs::default();
        let mut loader = Loader::new(&fs, self.lang);
        if self.path.exists() {
            let file_id = loader.read_file(&self.path).map_err(|diags| Failure {
                sources: std::mem::take(&mut loader.sources),
                diags,
            })?;
            let text = loader.sources.text(file_id).to_owned();
            // A file the form cannot edit is one to fix in an editor first:
            // the loader says what is wrong with it.
            if text.parse::<DocumentMut>().is_err() {
                let diags = loader
                    .assessment_at(file_id, &self.path, &self.extra)
                    .err()
                    .unwrap_or_default();
                return Err(Failure {
                    sources: std::mem::take(&mut loader.sources),
                    diags,
                });
            }
            // A save compares the file with what it held, byte for byte.
            self.on_disk = read_if_there(&self.path).ok().flatten();
            self.base = text;
        } else {
            self.on_disk = None;
            self.base = app::template(self.lang, &self.path, &self.extra, self.as_of)?;
            self.message = Some(page::Message::NewFile);
        }
        self.checklists = self.checklists_of(&self.base);
        Ok(())
    }

    /// The checklists of a text: those it loads with, or, while it does
    /// not load (a placeholder not yet filled in), those it names that can
    /// be found, each by the rules a checklist named in an assessment is
    /// held to.
    fn checklists_of(&self, text: &str) -> Vec<Arc<Checklist>> {
        let fs = RealFs::default();
        let mut loader = Loader::new(&fs, self.lang);
        let folder = folder_of(&self.path);
        if let Ok(loaded) =
            loader.assessment_from(&self.name(), text.as_bytes().to_vec(), &folder, &self.extra)
        {
            return loaded.checklists;
        }
        let named: Vec<String> = text
            .parse::<DocumentMut>()
            .ok()
            .and_then(|doc| {
                let list = doc
                    .get("assessment")?
                    .get("checklists")?
                    .as_array()?
                    .clone();
                Some(
                    list.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect(),
                )
            })
            .unwrap_or_default();
        let mut found: Vec<Arc<Checklist>> = Vec::new();
        let names = named
            .iter()
            .filter_map(|name| {
                if name.contains('/') || is_toml(Path::new(name)) {
                    let path = folder.join(name);
                    (fs.reach(&path, &folder) == Reach::Allowed)
                        .then(|| path.to_string_lossy().into_owned())
                } else {
                    Some(name.clone())
                }
            })
            .chain(self.extra.iter().cloned());
        for name in names {
            if let Ok(c) = loader.checklist_by_name(&name)
                && !found.iter().any(|f| f.id() == c.id())
            {
                found.push(c);
            }
        }
        found
    }

    /// The file's name as diagnostics give it.
    fn name(&self) -> String {
        display(&self.path)
    }

    fn respond(&mut self, request: http::Request) -> Reply {
        match (request.method, request.path.as_str()) {
            (http::Method::Get, "/") => {
                let message = self.message.take();
                let text = self.base.clone();
                Reply::html(200, self.page(&text, message))
            }
            (http::Method::Post, "/") => self.post(&request.form),
            _ => Reply::not_found(self.lang),
        }
    }

    fn post(&mut self, form: &Fields) -> Reply {
        match form.get("action") {
            "score" if form.has("fragment") => {
                let text = self.edited(form);
                Reply::json(page::fragment(self, &text))
            }
            "score" => {
                let text = self.edited(form);
                Reply::html(200, self.page(&text, None))
            }
            "save" => self.save(form),
            action if action.starts_with("split.") => {
                let text = self.split(form, &action["split.".len()..]);
                Reply::html(200, self.page(&text, None))
            }
            "report" => {
                let message = self.report();
                let text = self.edited(form);
                Reply::html(200, self.page(&text, Some(message)))
            }
            "reload" => match self.load() {
                Ok(()) => {
                    self.message = Some(page::Message::Reloaded);
                    Reply::see_other()
                }
                Err(failure) => {
                    let text = self.base.clone();
                    let message = page::Message::Failed(page::failure_lines(&failure));
                    Reply::html(500, self.page(&text, Some(message)))
                }
            },
            _ => Reply::bad_request(self.lang),
        }
    }

    /// The form's values put into the text it was made from.
    fn edited(&self, form: &Fields) -> String {
        match self.base.parse::<DocumentMut>() {
            Ok(mut doc) => {
                edit::apply(&mut doc, &self.checklists, form, self.lang);
                doc.to_string()
            }
            // The base text parsed when it was read; should it not, the
            // form changes nothing rather than guess.
            Err(_) => self.base.clone(),
        }
    }

    /// The form's values with one item's answer given once turned into
    /// an answer for each municipality, each a copy of it, for the user to
    /// change and save: nothing is written.
    fn split(&self, form: &Fields, id: &str) -> String {
        let text = self.edited(form);
        match text.parse::<DocumentMut>() {
            Ok(mut doc) => {
                edit::split(&mut doc, id);
                doc.to_string()
            }
            Err(_) => text,
        }
    }

    /// Writes the form into the file, unless the file changed since it was
    /// read: then nothing is written, and the page says so with the user's
    /// values still in the form.
    fn save(&mut self, form: &Fields) -> Reply {
        let text = self.edited(form);
        let now = read_if_there(&self.path);
        if now.as_ref().ok() != Some(&self.on_disk) {
            return Reply::html(409, self.page(&text, Some(page::Message::Changed)));
        }
        // An assessment that is a link is the file it leads to, as the
        // start-up line said: that file is written, wherever it is.
        let target = link_target(&self.path).unwrap_or_else(|| self.path.clone());
        match write_atomic(&target, text.as_bytes(), self.on_disk.is_some()) {
            Ok(()) => {
                self.on_disk = Some(text.clone().into_bytes());
                self.base = text;
                self.message = Some(page::Message::Saved);
                Reply::see_other()
            }
            Err(WriteError::Exists) => {
                Reply::html(409, self.page(&text, Some(page::Message::Changed)))
            }
            Err(e) => {
                let why = page::write_error(self.lang, e);
                Reply::html(
                    500,
                    self.page(&text, Some(page::Message::Failed(vec![why]))),
                )
            }
        }
    }

    /// Writes the board's report of the file as saved (the file is what
    /// the report says it reports on) beside it: `almen-rapport.html` for
    /// `almen.toml`. The form's unsaved values stay in the form.
    fn report(&self) -> page::Message {
        let lang = self.lang;
        if self.on_disk.is_none() {
            return page::Message::Failed(vec![
                lang.pick(
                    "Gem filen først: rapporten laves af den gemte fil.",
                    "Save the file first: the report is made of the saved file.",
                )
                .to_owned(),
            ]);
        }
        let fs = RealFs::default();
        let mut loader = Loader::new(&fs, lang);
        let loaded = match loader.assessment(&self.path, &self.extra) {
            Ok(loaded) => loaded,
            Err(diags) => {
                return page::Message::Failed(page::failure_lines(&Failure {
                    sources: loader.sources,
                    diags,
                }));
            }
        };
        let output = report_path(&self.path, lang);
        // The report's name is almen's, not the user's: a link by that name
        // (one a repository came with) could lead the report over any of
        // the user's files, so it is not written through.
        if is_link(&output) {
            return page::Message::ReportIsLink(display(&output));
        }
        let entries = [Entry::Checked(Checked::new(&loaded, self.as_of))];
        let mut bytes = Vec::new();
        let written = render::render(
            Format::Html,
            &entries,
            &render::Options::plain(lang),
            &mut bytes,
        )
        .map_err(WriteError::Io)
        .and_then(|()| write_atomic(&output, &bytes, true));
        match written {
            Ok(()) => page::Message::Report(display(&output)),
            Err(e) => page::Message::Failed(vec![page::write_error(lang, e)]),
        }
    }

    /// The whole page for a text: the form with its values, and its result.
    fn page(&self, text: &str, message: Option<page::Message>) -> String {
        page::page(self, text, message)
    }

    /// A text scored as `check` would score the file holding it.
    fn outcome(&self, text: &str) -> page::Outcome {
        let fs = RealFs::default();
        let mut loader = Loader::new(&fs, self.lang);
        let folder = folder_of(&self.path);
        match loader.assessment_from(&self.name(), text.as_bytes().to_vec(), &folder, &self.extra) {
            Ok(loaded) => page::Outcome::of(&Checked::new(&loaded, self.as_of), self.lang),
            Err(diags) => page::Outcome::problems(&loader.sources, &diags, self.lang),
        }
    }
}

/// Where the board's report of an assessment is written: beside it,
/// named after it.
fn report_path(path: &Path, lang: Lang) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or("almen".into(), |s| s.to_string_lossy());
    folder_of(path).join(format!("{stem}-{}.html", lang.pick("rapport", "report")))
}

/// The bytes of a file, `None` when there is none.
fn read_if_there(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match RealFs::default().read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}
