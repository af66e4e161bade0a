//! The file system, and the only code that touches it: reading files for
//! the loader, walking folders of assessments, writing outputs atomically,
//! and the whole rule for what a path written in an assessment may reach.
//!
//! Nothing here decides what a file means or words a diagnostic; it answers
//! questions about paths and moves bytes.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use almen::load::{Evidence, Fs, LinkNotToml, MAX_CHECKLIST_BYTES, Reach, is_toml, normalize};

/// The most almen reads of any one file: an assessment or a checklist is a
/// few kilobytes.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// The room a file is first read into: an assessment in one read.
const FIRST_READ: usize = 8 << 10;

/// The real file system, as the loader sees it.
#[derive(Default)]
pub struct RealFs {
    /// Each assessment folder, resolved once however much evidence it has.
    folders: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// Where each link met on an evidence path leads.
    links: Remembered,
    /// The assessment folder last asked about, open.
    #[cfg(target_os = "linux")]
    open_folder: Mutex<Option<(PathBuf, rustix::fd::OwnedFd)>>,
}

impl Fs for RealFs {
    /// Reads a whole file of at most [`MAX_FILE_BYTES`]; a larger one (or
    /// `/dev/zero`) is an error, not a process that grows until killed.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        // The open file is asked what it is: the path is looked up once,
        // and twice only where it is a link.
        let file = match open_unless_link(path)? {
            Some(file) => file,
            None => match fs::canonicalize(path) {
                Ok(target) if is_toml(&target) => fs::File::open(&target)?,
                Ok(_) => return Err(io::Error::other(LinkNotToml)),
                // A link to nothing, or a loop: opening it says which.
                Err(_) => fs::File::open(path)?,
            },
        };
        // Asked its size only when it fills the first read: a folder's
        // assessments are each a few kilobytes, and one call the fewer for
        // each of thousands of files is worth more than room made to
        // measure. A larger file, a checklist of thousands of items, is
        // then given room for the rest at once, rather than copied to ever
        // larger room. Reading a folder fails as such (`IsADirectory`).
        let mut bytes = Vec::with_capacity(FIRST_READ);
        let mut limited = (&file).take(MAX_FILE_BYTES + 1);
        let first = limited
            .by_ref()
            .take(FIRST_READ as u64)
            .read_to_end(&mut bytes)?;
        if first == FIRST_READ {
            let size = file
                .metadata()
                .map_or(0, |m| m.len().min(MAX_FILE_BYTES + 1));
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0).saturating_sub(first));
            limited.read_to_end(&mut bytes)?;
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(io::Error::from(io::ErrorKind::FileTooLarge));
        }
        Ok(bytes)
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        fs::canonicalize(path).ok()
    }

    fn reach(&self, path: &Path, folder: &Path) -> Reach {
        if let Some(reach) = reach_beneath(path, folder) {
            return reach;
        }
        let inside = |target: &Path| {
            [folder, Path::new(".")]
                .iter()
                .filter_map(|f| fs::canonicalize(f).ok())
                .any(|f| target.starts_with(f))
        };
        // Links followed; one that is not there is judged by how it is
        // written, so that where a file is missing says nothing about
        // whether one outside exists.
        let Ok(target) = fs::canonicalize(path) else {
            let written = std::path::absolute(path).map(|p| normalize(&p));
            return match written {
                Ok(p) if inside(&p) => Reach::Allowed,
                _ => Reach::Outside,
            };
        };
        if !inside(&target) {
            return Reach::Outside;
        }
        match fs::metadata(&target) {
            Ok(meta) if !meta.is_file() => Reach::NotAFile,
            Ok(meta) if meta.len() > MAX_CHECKLIST_BYTES => Reach::TooLarge,
            Ok(_) => Reach::Allowed,
            Err(_) => Reach::Outside,
        }
    }

    /// An evidence path must stay inside the assessment's folder: as
    /// written (no `..` above it, not absolute), and at every place on its
    /// way, each link followed. Only metadata is looked at; the file is
    /// never read, and nothing outside the folder is looked at either.
    fn evidence(&self, base: &Path, entry: &str) -> Evidence {
        // `None`: as written, it names the folder itself, which documents
        // nothing, unless a link on the way leads out of it.
        let names_folder = match stays_inside(entry) {
            Some(true) => false,
            Some(false) => return Evidence::Outside,
            None => true,
        };
        let base = if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        };
        // No file has a NUL in its name.
        if entry.contains('\0') {
            return Evidence::Missing;
        }
        let found = self
            .system(base, entry, false)
            .unwrap_or_else(|| match self.resolved(base) {
                Some(folder) => self.locate(&folder, entry),
                None => Evidence::Missing,
            });
        match found {
            Evidence::Found if names_folder => Evidence::Missing,
            found => found,
        }
    }
}

/// `path` opened for reading, or `None` where it is a link, which is not
/// followed.
#[cfg(target_os = "linux")]
fn open_unless_link(path: &Path) -> io::Result<Option<fs::File>> {
    use std::os::unix::fs::OpenOptionsExt;
    let flags = rustix::fs::OFlags::NOFOLLOW.bits();
    let opened = fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.cast_signed())
        .open(path);
    match opened {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `path` opened for reading, or `None` where it is a link.
#[cfg(not(target_os = "linux"))]
fn open_unless_link(path: &Path) -> io::Result<Option<fs::File>> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(None);
    }
    fs::File::open(path).map(Some)
}

/// Whether the checklist file `path` may be opened, as the system
/// resolves it below the assessment's `folder` or the folder almen runs in
/// and nowhere else (`openat2` with `RESOLVE_BENEATH`, Linux 5.6 on):
/// nothing outside them is looked at, so whether a file exists out there
/// never shows. One that is not there inside is allowed: reading it says
/// so. `None` where the system cannot be asked.
#[cfg(target_os = "linux")]
fn reach_beneath(path: &Path, folder: &Path) -> Option<Reach> {
    use rustix::fs::{FileType, fstat};
    use rustix::io::Errno;
    let here = Path::new(".");
    let roots = [
        (folder, Some(folder.to_path_buf())),
        (folder, std::path::absolute(folder).ok()),
        (here, Some(here.to_path_buf())),
        (here, std::env::current_dir().ok()),
    ];
    for (root, written) in roots {
        let Some(rel) = written.and_then(|w| within(path, &w)) else {
            continue;
        };
        let Ok(dir) = beneath::folder(root) else {
            continue;
        };
        match beneath::open(&dir, &rel, true) {
            Ok(file) => {
                let meta = fstat(&file).ok()?;
                return Some(
                    if FileType::from_raw_mode(meta.st_mode) != FileType::RegularFile {
                        Reach::NotAFile
                    } else if u64::try_from(meta.st_size).unwrap_or(u64::MAX) > MAX_CHECKLIST_BYTES
                    {
                        Reach::TooLarge
                    } else {
                        Reach::Allowed
                    },
                );
            }
            // Its way leaves this folder: perhaps not the other.
            Err(Errno::XDEV) => {}
            Err(e) if beneath::unasked(e) => return None,
            // Not there (or too many links) inside: reading it says so.
            Err(_) => return Some(Reach::Allowed),
        }
    }
    Some(Reach::Outside)
}

/// The system's own resolution of a path below a folder and nowhere else
/// (`openat2` with `RESOLVE_BENEATH`, Linux 5.6 on), for evidence and
/// checklist paths: a `..` above the folder, a link out of it or to a
/// full path is refused (`EXDEV`) before anything outside is looked at.
#[cfg(target_os = "linux")]
mod beneath {
    use std::path::Path;

    use rustix::fd::OwnedFd;
    use rustix::fs::{Mode, OFlags, ResolveFlags, openat2};
    use rustix::io::{Errno, Result};

    /// Opened for its metadata only: nothing is read.
    const FLAGS: OFlags = OFlags::PATH.union(OFlags::CLOEXEC);

    /// The folder paths are resolved below.
    pub(super) fn folder(path: &Path) -> Result<OwnedFd> {
        rustix::fs::open(path, FLAGS | OFlags::DIRECTORY, Mode::empty())
    }

    /// `path` below `folder`, each link on the way followed, or with
    /// `links` false, none (`ELOOP` at the first). Asked again when
    /// something on the way moved while the system resolved it.
    pub(super) fn open(folder: &OwnedFd, path: impl AsRef<Path>, links: bool) -> Result<OwnedFd> {
        let resolve = if links {
            ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS
        } else {
            ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS
        };
        let mut tries = 0;
        loop {
            match openat2(folder, path.as_ref(), FLAGS, Mode::empty(), resolve) {
                Err(Errno::AGAIN) if tries < 3 => tries += 1,
                done => return done,
            }
        }
    }

    /// Whether the system could not be asked: an older system, a
    /// sandbox, a path it cannot take (a NUL), or still moving.
    pub(super) fn unasked(e: Errno) -> bool {
        matches!(e, Errno::NOSYS | Errno::PERM | Errno::INVAL | Errno::AGAIN)
    }
}

#[cfg(not(target_os = "linux"))]
fn reach_beneath(_: &Path, _: &Path) -> Option<Reach> {
    None
}

/// `path` as written below `root`, component by component (`.` aside):
/// `None` when it is not written below it.
#[cfg(target_os = "linux")]
fn within(path: &Path, root: &Path) -> Option<PathBuf> {
    let mut rest = path.components().filter(|c| *c != Component::CurDir);
    for part in root.components().filter(|c| *c != Component::CurDir) {
        if rest.next() != Some(part) {
            return None;
        }
    }
    Some(rest.collect())
}

/// The longest path the system resolves, in bytes with the ending NUL
/// (Linux's `PATH_MAX`).
const PATH_MAX: usize = 4096;

/// The most links followed on the way to one evidence file, as the system
/// follows at most 40 before it gives up (`ELOOP`).
const MAX_LINKS: usize = 40;

/// The most steps (components of the entry and of the links on the way)
/// taken towards one evidence file: more than the system takes for any
/// path it resolves (at most 4,096 bytes, each of 40 links as long), so
/// that a path of millions of `x/..` is not millions of questions.
const MAX_STEPS: usize = 2_048 * (MAX_LINKS + 2);

/// Whether a path ends in `/` or `/.`, which asks for a folder.
fn asks_folder(path: &str) -> bool {
    path.ends_with('/') || path.ends_with("/.")
}

/// Where a link leads, as [`Walker::follow`] found it from a fresh start,
/// and how many links and steps that took: a link met again on the way
/// from the same assessment folder is not followed again.
type LinkEnd = (Result<(PathBuf, bool), Stop>, usize, usize);

/// The links remembered, by the assessment folder (resolved) they were
/// followed from, which decides what is outside, and the link.
type Remembered = Mutex<HashMap<(PathBuf, PathBuf), LinkEnd>>;

/// The most links remembered in a run: a folder with more makes the rest
/// be followed each time they are met.
const MAX_REMEMBERED: usize = 1 << 16;

/// Why a path leads to no place inside the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Missing, or outside.
    At(Evidence),
    /// More links or steps than the system follows (`ELOOP`): missing,
    /// and not remembered, as it depends on how many came before.
    Limit,
}

/// One evidence path being followed by [`RealFs::locate`].
struct Walker<'w> {
    folder: &'w Path,
    remembered: &'w Remembered,
    links: usize,
    steps: usize,
}

impl Walker<'_> {
    /// Follows `path` from `at` (resolved, inside the folder) to the place
    /// it leads, and whether that is a folder; or why it leads nowhere
    /// inside.
    fn follow(
        &mut self,
        mut at: PathBuf,
        path: &Path,
        folder_asked: bool,
    ) -> Result<(PathBuf, bool), Stop> {
        let mut is_folder = true;
        let mut components = path.components().peekable();
        while let Some(component) = components.next() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(Stop::Limit);
            }
            let name = match component {
                Component::Normal(name) => name,
                Component::ParentDir => {
                    // `at` is resolved: `..` is the folder above it.
                    at.pop();
                    if !at.starts_with(self.folder) {
                        return Err(Stop::At(Evidence::Outside));
                    }
                    is_folder = true;
                    continue;
                }
                Component::CurDir => continue,
                Component::RootDir | Component::Prefix(_) => {
                    return Err(Stop::At(Evidence::Outside));
                }
            };
            // A folder is needed where more follows, or `/` asks for one.
            let needs_folder = components.peek().is_some() || folder_asked;
            let next = at.join(name);
            match fs::symlink_metadata(&next) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    (at, is_folder) = self.link(at, next)?;
                }
                Ok(meta) => {
                    is_folder = meta.is_dir();
                    at = next;
                }
                Err(_) => return Err(Stop::At(Evidence::Missing)),
            }
            if needs_folder && !is_folder {
                return Err(Stop::At(Evidence::Missing));
            }
        }
        Ok((at, is_folder))
    }

    /// Where the link `link`, in the folder `at`, leads.
    fn link(&mut self, at: PathBuf, link: PathBuf) -> Result<(PathBuf, bool), Stop> {
        let known = self
            .remembered
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&(self.folder.to_path_buf(), link.clone()))
            .cloned();
        if let Some((end, links, steps)) = known {
            self.links += links;
            self.steps += steps;
            if self.links > MAX_LINKS || self.steps > MAX_STEPS {
                return Err(Stop::Limit);
            }
            return end;
        }
        let (links, steps) = (self.links, self.steps);
        self.links += 1;
        if self.links > MAX_LINKS {
            return Err(Stop::Limit);
        }
        let Ok(target) = fs::read_link(&link) else {
            return Err(Stop::At(Evidence::Missing));
        };
        let asked = asks_folder(&target.to_string_lossy());
        let end = self.follow(at, &target, asked);
        if end != Err(Stop::Limit) {
            let mut remembered = self
                .remembered
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if remembered.len() < MAX_REMEMBERED {
                remembered.insert(
                    (self.folder.to_path_buf(), link),
                    (end.clone(), self.links - links, self.steps - steps),
                );
            }
        }
        end
    }
}

impl RealFs {
    /// Where `entry`, written relative to the assessment's `folder`
    /// (resolved), leads, where the system does not say
    /// ([`RealFs::system`]), with the system's answers: one component at a
    /// time, each link on the way followed to where it points, as the
    /// system follows them. Every place on the way must be inside the
    /// folder: a step out of it, or a link to a full path, is outside,
    /// whatever is out there, and nothing outside is looked at, so the
    /// answer tells nothing about what exists there. Inside, a file that
    /// is there is found, one that is not is missing (as is a file taken
    /// for a folder, `x.pdf/`, and a path of more links than the system
    /// follows). Only metadata and links are read; where each link leads
    /// is remembered for the run.
    fn locate(&self, folder: &Path, entry: &str) -> Evidence {
        // The system resolves no path this long (`ENAMETOOLONG`).
        if entry.len() >= PATH_MAX {
            return Evidence::Missing;
        }
        let mut walk = Walker {
            folder,
            remembered: &self.links,
            links: 0,
            steps: 0,
        };
        match walk.follow(folder.to_path_buf(), Path::new(entry), asks_folder(entry)) {
            Ok(_) => Evidence::Found,
            Err(Stop::At(end)) => end,
            Err(Stop::Limit) => Evidence::Missing,
        }
    }

    /// Where `entry` leads, as the system resolves it below `base` and
    /// nowhere else (`openat2` with `RESOLVE_BENEATH`, Linux 5.6 on): a
    /// `..` above the folder, a link out of it or to a full path is
    /// refused before anything outside is looked at. With `links` false,
    /// a path with a link on its way is not resolved (`None`): those are
    /// followed by [`RealFs::locate`], which remembers where each link
    /// leads, where the system would follow every link of every path
    /// anew. `None` too where the system cannot be asked.
    #[cfg(target_os = "linux")]
    fn system(&self, base: &Path, entry: &str, links: bool) -> Option<Evidence> {
        use rustix::io::Errno;
        // The folder is opened once for the entries of an assessment.
        let mut open = self
            .open_folder
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if open.as_ref().is_none_or(|(path, _)| path != base) {
            *open = None;
            match beneath::folder(base) {
                Ok(folder) => *open = Some((base.to_path_buf(), folder)),
                Err(_) => return Some(Evidence::Missing),
            }
        }
        let (_, folder) = open.as_ref()?;
        match beneath::open(folder, entry, links) {
            Ok(_) => Some(Evidence::Found),
            Err(Errno::XDEV) => Some(Evidence::Outside),
            // A link on the way, not to be followed here.
            Err(Errno::LOOP) if !links => None,
            Err(e) if beneath::unasked(e) => None,
            // Not there, or more links than the system follows.
            Err(_) => Some(Evidence::Missing),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn system(&self, _: &Path, _: &str, _: bool) -> Option<Evidence> {
        None
    }

    /// `folder` with every link on the way followed, asked of the file
    /// system once per run.
    fn resolved(&self, folder: &Path) -> Option<PathBuf> {
        self.folders
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(folder.to_path_buf())
            .or_insert_with(|| fs::canonicalize(folder).ok())
            .clone()
    }
}

/// Reads all of standard input (`diff -`), at most [`MAX_FILE_BYTES`] as
/// a file: more is an error, not a process that grows until killed.
pub fn read_stdin() -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::from(io::ErrorKind::FileTooLarge));
    }
    Ok(bytes)
}

/// Whether a path, as written, stays inside its folder: `Some(false)` for
/// one that climbs out or is absolute, `None` for one that names the folder
/// itself (which documents nothing).
fn stays_inside(entry: &str) -> Option<bool> {
    if entry.trim().is_empty() {
        return None;
    }
    let mut depth = 0i32;
    for component in Path::new(entry).components() {
        match component {
            Component::Prefix(_) | Component::RootDir => return Some(false),
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
        }
        if depth < 0 {
            return Some(false);
        }
    }
    (depth > 0).then_some(true)
}

/// What a folder walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The regular `.toml` files (`.TOML` too), in path order.
    pub files: Vec<PathBuf>,
    /// `.toml` entries passed over: links (never followed, so a link cannot
    /// loop the walk or lead out of the folder) and things that are not
    /// regular files (a FIFO would block the read forever).
    pub passed_over: Vec<(PathBuf, PassedOver)>,
    /// Folders, the given one or below it, that could not be read.
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

/// Why a walk passed over an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassedOver {
    Link,
    NotAFile,
    /// A `.toml` file whose name starts with a dot.
    Hidden,
}

/// The TOML files in a folder and its subfolders, in path order; hidden
/// folders (`.git`) are passed over in silence; hidden `.toml` files,
/// links to them or to folders, and special files with a word (see
/// [`Walk`]).
pub fn toml_files_in(dir: &Path) -> Walk {
    let mut walk = Walk::default();
    // Where the walk is, to tell a link that stays inside it from one out.
    let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    walk_into(dir, &root, &mut walk);
    walk
}

fn walk_into(dir: &Path, root: &Path, walk: &mut Walk) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return walk.unreadable.push((dir.to_path_buf(), e)),
    };
    let mut entries: Vec<(OsString, io::Result<fs::FileType>)> = entries
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name(), e.file_type()))
        .collect();
    // In the order of their paths: siblings differ only in their names,
    // compared as the last components of paths are, byte by byte, and no
    // two are the same. Sorting the paths themselves took as long as
    // reading the folder.
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in entries {
        let path = dir.join(&name);
        // `.TOML` too: a file in the folder is never passed over in silence
        // for the case of its name.
        let is_toml = is_toml(&path);
        if name.as_encoded_bytes().starts_with(b".") {
            if is_toml && file_type.as_ref().is_ok_and(|t| !t.is_dir()) {
                walk.passed_over.push((path, PassedOver::Hidden));
            }
            continue;
        }
        // The entry's own type: a link is a link, not what it points to.
        match file_type {
            Ok(t) if t.is_dir() => walk_into(&path, root, walk),
            Ok(t) if t.is_file() && is_toml => walk.files.push(path),
            Ok(t) if t.is_symlink() && is_toml => walk.passed_over.push((path, PassedOver::Link)),
            // A link to a folder is not walked into (a loop back up would
            // never end), and not in silence either where the folder holds
            // TOML files, or lies outside the walk: what is out there is
            // not looked at.
            Ok(t) if t.is_symlink() && linked_folder_to_say(&path, root) => {
                walk.passed_over.push((path, PassedOver::Link));
            }
            Ok(_) if is_toml => walk.passed_over.push((path, PassedOver::NotAFile)),
            Ok(_) => {}
            Err(e) if is_toml => walk.unreadable.push((path, e)),
            Err(_) => {}
        }
    }
}

/// Whether the link `path` to a folder is passed over with a word: it
/// leads out of the walk's `root` (its folder is not read, so that the
/// warning says nothing of what is out there), or to a folder inside it
/// with a `.toml` file in it.
fn linked_folder_to_say(path: &Path, root: &Path) -> bool {
    match fs::canonicalize(path) {
        Ok(target) if !target.is_dir() => false,
        Ok(target) if target.starts_with(root) => fs::read_dir(&target)
            .is_ok_and(|mut entries| entries.any(|e| e.is_ok_and(|e| is_toml(&e.path())))),
        Ok(_) => true,
        Err(_) => false,
    }
}

/// Why an output was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file exists and was not to be replaced.
    Exists,
    /// The path is a device, a pipe, a socket or a folder: never replaced.
    NotAFile,
    /// The path is a link to a file outside the folder the link is in: a
    /// link someone else committed could point an output at any file the
    /// user may write (a shell's start-up file).
    LinkOut,
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Temporary files being written, removed should the run be interrupted.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files of unfinished writes when the run is
/// interrupted (Ctrl-C, SIGTERM, SIGHUP), then exits as an interrupted
/// program does. A kill that cannot be caught leaves what it leaves. Set up
/// by the first write, so runs that write no file do not pay for it, and by
/// `almen serve`, which Ctrl-C stops this way.
pub fn clean_up_on_interrupt() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(on_interrupt);
    });
}

fn on_interrupt() {
    if let Ok(paths) = IN_FLIGHT.lock() {
        for path in paths.iter() {
            let _ = fs::remove_file(path);
        }
    }
    std::process::exit(130);
}

/// Whether `path` is itself a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Where the link `path` leads in the end, all links followed; `None`
/// when `path` is no link, or its target is not there.
#[cfg(feature = "serve")]
pub fn link_target(path: &Path) -> Option<PathBuf> {
    is_link(path).then(|| fs::canonicalize(path).ok()).flatten()
}

/// Whether the file `path`, every link followed, lies outside `folder`;
/// judged as written where either is not there.
pub fn lies_outside(path: &Path, folder: &Path) -> bool {
    match (fs::canonicalize(path), fs::canonicalize(folder)) {
        (Ok(path), Ok(folder)) => !path.starts_with(folder),
        _ => relative_to(path, folder).starts_with(".."),
    }
}

/// A folder as a person reads it in a message: `.` as the folder's own
/// path, which says more.
pub fn shown_folder(dir: &Path) -> PathBuf {
    if dir == Path::new(".") {
        fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
    } else {
        dir.to_path_buf()
    }
}

/// Whether a link on the way to `path` (the file itself, or a folder
/// above it) leads out of the folder the link is in: `reports/x.xml`
/// with `reports` a link to `../elsewhere`. A link at the top of the file
/// system (`/tmp` to `/private/tmp`) leads nowhere out of `/`.
fn leaves_its_folder(path: &Path) -> bool {
    path.ancestors()
        .filter(|p| !p.as_os_str().is_empty() && is_link(p))
        .any(|link| {
            let target = fs::canonicalize(link);
            let folder = fs::canonicalize(folder_of(link));
            match (target, folder) {
                (Ok(target), Ok(folder)) => !target.starts_with(folder),
                // A link to nothing: refused as no file to write.
                _ => false,
            }
        })
}

/// Writes `bytes` to `path` atomically: all of it or nothing, the old file
/// intact on any failure and no temporary file left behind. An existing
/// file is only replaced when `replace` is set, and only if it is a
/// regular file.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    let mut file = AtomicFile::create(path, replace)?;
    file.write_all(bytes)?;
    file.commit()
}

/// An output being written: a temporary file beside it, which becomes the
/// output when the whole of it is written ([`AtomicFile::commit`]) and is
/// removed when it is dropped before (tempfile sees to it) or the run is
/// interrupted.
pub struct AtomicFile {
    tmp: io::BufWriter<tempfile::NamedTempFile>,
    /// Where it goes: the file a link leads to, the link staying.
    path: PathBuf,
    replace: bool,
}

impl AtomicFile {
    /// Begins writing `path`; what stops it from being written at all is
    /// said now, before anything is.
    pub fn create(path: &Path, replace: bool) -> Result<AtomicFile, WriteError> {
        let path_as_written = path;
        // A link is written through, never replaced: the file it leads to
        // gets the output (and is held to the same rules), and the link
        // stays. One that leads nowhere, or to what is not a path (a pipe
        // behind /dev/stdout), is not a file to write; one that leads out
        // of the folder it is in is not written through.
        let path = if is_link(path) {
            let target = fs::canonicalize(path).map_err(|_| WriteError::NotAFile)?;
            if fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
                return Err(WriteError::NotAFile);
            }
            target
        } else {
            path.to_path_buf()
        };
        if leaves_its_folder(path_as_written) {
            return Err(WriteError::LinkOut);
        }
        let existing = fs::metadata(&path).ok();
        if let Some(meta) = &existing {
            if !meta.is_file() {
                return Err(WriteError::NotAFile);
            }
            if !replace {
                return Err(WriteError::Exists);
            }
        }
        let dir = folder_of(&path);
        fs::create_dir_all(&dir)?;
        clean_up_on_interrupt();
        let tmp = tempfile::Builder::new()
            .prefix(".almen-")
            .suffix(".tmp")
            .tempfile_in(&dir)?;
        if let Ok(mut paths) = IN_FLIGHT.lock() {
            paths.push(tmp.path().to_path_buf());
        }
        // The temporary file is private; the result is as readable as the
        // file it replaces, or as an ordinary new file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = existing
                .as_ref()
                .map_or(0o644, |m| m.permissions().mode() & 0o777);
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(mode))?;
        }
        Ok(AtomicFile {
            tmp: io::BufWriter::with_capacity(1 << 16, tmp),
            path,
            replace,
        })
    }

    /// Makes what was written the output, in one step.
    pub fn commit(self) -> Result<(), WriteError> {
        let AtomicFile { tmp, path, replace } = self;
        let tmp = tmp
            .into_inner()
            .map_err(|e| WriteError::Io(e.into_error()))?;
        let tmp_path = tmp.path().to_path_buf();
        let result = (|| -> Result<(), WriteError> {
            tmp.as_file().sync_all()?;
            // Dropping the temporary file on an error removes it.
            let persisted = if replace {
                tmp.persist(&path)
            } else {
                tmp.persist_noclobber(&path)
            };
            match persisted {
                Ok(_) => Ok(()),
                Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists),
                Err(e) => Err(WriteError::Io(e.error)),
            }
        })();
        forget_in_flight(&tmp_path);
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.tmp.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// The temporary file is no longer to be removed on an interrupt: it is
/// the output now, or gone.
fn forget_in_flight(tmp: &Path) {
    if let Ok(mut paths) = IN_FLIGHT.lock() {
        paths.retain(|p| p != tmp);
    }
}

/// The folder a file is (to be) in; `.` for a bare name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Makes a folder and those above it, as needed.
pub fn make_folder(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// Whether two paths name one existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Whether two outputs would be written to one file, whether it exists yet
/// or not: `a.json`, `./a.json` and a link to it are one.
pub fn same_output(a: &Path, b: &Path) -> bool {
    written_to(a) == written_to(b)
}

/// Where an output would be written: the file a path leads to, or, for one
/// that is not there yet, its name in the folder its path leads to.
fn written_to(path: &Path) -> PathBuf {
    if let Ok(file) = fs::canonicalize(path) {
        return file;
    }
    let absolute = std::path::absolute(path).map_or_else(|_| path.to_path_buf(), |p| normalize(&p));
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir).map_or(absolute.clone(), |d| d.join(name)),
        _ => absolute,
    }
}

/// Appends `bytes` to a regular file, made if it is not there (the GitHub
/// Actions step summary). Anything else is not opened: a FIFO would block.
pub fn append(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if is_special(path) {
        return Err(WriteError::NotAFile);
    }
    let mut file = fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(bytes)?;
    Ok(())
}

/// Whether something is at `path` that is not a regular file (a device, a
/// FIFO, a folder), following links: an output never replaces it.
pub fn is_special(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.is_file())
}

/// `target` relative to the folder `from`, for paths written into a file.
pub fn relative_to(target: &Path, from: &Path) -> PathBuf {
    let (Ok(target), Ok(from)) = (fs::canonicalize(target), fs::canonicalize(from)) else {
        return target.to_path_buf();
    };
    let common = target
        .components()
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in from.components().skip(common) {
        out.push("..");
    }
    for c in target.components().skip(common) {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_that_leave_the_folder_are_outside() {
        for entry in ["../x.pdf", "a/../../x.pdf", "/etc/passwd"] {
            assert_eq!(stays_inside(entry), Some(false), "{entry}");
        }
        for entry in ["x.pdf", "a/../x.pdf", "./a/b.pdf"] {
            assert_eq!(stays_inside(entry), Some(true), "{entry}");
        }
        for entry in ["", " ", ".", "a/.."] {
            assert_eq!(stays_inside(entry), None, "{entry}");
        }
    }

    /// Where the system cannot be asked, evidence is followed by almen
    /// itself, and gives the system's answers: held to them here, on a
    /// folder of links that lead in, out, back, in loops and to files.
    #[cfg(target_os = "linux")]
    #[test]
    fn evidence_is_followed_as_the_system_resolves_it_below_the_folder() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let org = root.join("org");
        fs::create_dir_all(org.join("dok/under")).unwrap();
        fs::create_dir_all(root.join("ude")).unwrap();
        fs::write(org.join("dok/inde.md"), "").unwrap();
        fs::write(root.join("ude/hemmelig.md"), "").unwrap();
        let links = [
            ("..", "ud"),
            ("dok", "ind"),
            ("../../ude", "dok/o"),
            ("..", "dok/op"),
            ("under/..", "dok/frem"),
            ("inde.md", "dok/fil"),
            ("inde.md/", "dok/fil-som-mappe"),
            ("findes-ikke.md", "dok/dinglende"),
            ("../../ude/findes-ikke.md", "dok/dinglende-ude"),
            ("sløjfe-b", "sløjfe-a"),
            ("sløjfe-a", "sløjfe-b"),
            ("/", "rod"),
            (".", "her"),
        ];
        for (target, at) in links {
            symlink(target, org.join(at)).unwrap();
        }
        // A chain of 40 links is followed, one of 41 is not.
        for i in 0..41 {
            symlink(format!("kæde-{}", i + 1), org.join(format!("kæde-{i}"))).unwrap();
        }
        fs::write(org.join("kæde-41"), "").unwrap();
        let entries = [
            "dok/inde.md",
            "ind/inde.md",
            "ind/findes-ikke.md",
            "dok/inde.md/",
            "dok/inde.md/.",
            "dok/inde.md/..",
            "dok/o",
            "dok/o/",
            "dok/o/.",
            "dok/o/hemmelig.md",
            "dok/o/findes-ikke",
            "dok/op/..",
            "dok/op/dok/inde.md",
            "dok/frem/inde.md",
            "dok/fil",
            "dok/fil/",
            "dok/fil-som-mappe",
            "dok/dinglende",
            "dok/dinglende-ude",
            "ud",
            "ud/..",
            "ud/org",
            "sløjfe-a",
            "rod",
            "rod/etc",
            "her",
            "her/dok/inde.md",
            "her/..",
            "kæde-1",
            "kæde-0",
            "dok//inde.md",
            "./dok/./inde.md",
            "dok/under/",
            "dok/under/..",
            "dok/under/../..",
        ];
        // Where each link leads is remembered: each entry is followed
        // twice, the second time from what the first remembered.
        let real = RealFs::default();
        for entry in entries.iter().chain(&entries) {
            let system = RealFs::default()
                .system(&org, entry, true)
                .expect("openat2 on this system");
            assert_eq!(real.locate(&org, entry), system, "{entry}");
            assert_eq!(RealFs::default().locate(&org, entry), system, "{entry}");
        }
        // What is outside depends on the assessment's folder: a link
        // remembered on the way from one folder is followed anew from
        // another.
        assert_eq!(real.locate(&org, "dok/o/hemmelig.md"), Evidence::Outside);
        assert_eq!(real.locate(&root, "org/dok/o/hemmelig.md"), Evidence::Found);
        assert_eq!(real.locate(&org, "dok/o/hemmelig.md"), Evidence::Outside);
        let fresh = RealFs::default();
        assert_eq!(
            fresh.locate(&root, "org/dok/o/hemmelig.md"),
            Evidence::Found
        );
        assert_eq!(fresh.locate(&org, "dok/o/hemmelig.md"), Evidence::Outside);
        // A path with a link on its way is left to almen's own walk.
        assert_eq!(real.system(&org, "ind/inde.md", false), None);
        assert_eq!(
            real.system(&org, "dok/inde.md", false),
            Some(Evidence::Found)
        );
    }

    /// A long path is followed only as far as what is there: trying each
    /// folder on the way of a path of 500,000 of them, each as long as
    /// the path, took half a minute.
    #[test]
    fn a_long_evidence_path_is_followed_only_as_far_as_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a/b")).unwrap();
        let deep = format!("a/b/{}x.pdf", "c/".repeat(500_000));
        let real = RealFs::default();
        assert_eq!(real.evidence(dir.path(), &deep), Evidence::Missing);
        // Millions of steps that each are there: a path longer than the
        // system resolves is no file, by either way of following it.
        let back_and_forth = format!("a/{}x.pdf", "b/../".repeat(1_000_000));
        assert_eq!(
            real.evidence(dir.path(), &back_and_forth),
            Evidence::Missing
        );
        let folder = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(real.locate(&folder, &back_and_forth), Evidence::Missing);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/", dir.path().join("a/root")).unwrap();
            let out = format!("a/root/{}x.pdf", "findes-ikke/".repeat(100_000));
            assert_eq!(real.evidence(dir.path(), &out), Evidence::Missing);
            assert_eq!(real.locate(&folder, &out), Evidence::Missing);
            assert_eq!(real.locate(&folder, "a/root/x.pdf"), Evidence::Outside);
        }
    }

    #[test]
    fn a_folder_walk_takes_toml_files_whatever_the_case() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.toml", "B.TOML", "c.Toml", "d.txt", "e.toml.bak"] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        let names: Vec<String> = toml_files_in(dir.path())
            .files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["B.TOML", "a.toml", "c.Toml"]);
    }
}
