//! Loading several assessments at once, named or as folders of them, for
//! the commands that take many: every file given or found, in path order,
//! loaded or with the problems that stopped it, and what the folder walks
//! passed over.

use std::path::PathBuf;

use super::{diags, walk};
use almen::diag::Diag;
use almen::lang::Lang;
use almen::load::{Assessment, Loader};

/// What a run of several assessments loaded.
pub struct Gathered {
    /// Each file, in the order given (a folder's in path order): loaded,
    /// or the file with what stopped it. A folder that could not be read
    /// or held no assessment is an entry too, under the folder's name.
    pub loaded: Vec<Result<Assessment, (PathBuf, Vec<Diag>)>>,
    /// What a folder walk passed over (W012): warnings.
    pub passed_over: Vec<Diag>,
}

/// Whether the inputs ask for the shape of several: two or more, or a
/// folder however many it holds.
pub fn several(inputs: &[PathBuf]) -> bool {
    inputs.len() > 1 || inputs.iter().any(|i| i.is_dir())
}

/// A file of the run, in path order, on its way to being loaded.
enum Found {
    /// Named on the command line; not read yet.
    Named(PathBuf),
    /// Found in a folder, read and loaded: an assessment.
    Loaded(Box<Assessment>),
    /// Could not be read (or a folder that held no assessment), and why.
    Failed(PathBuf, Vec<Diag>),
}

/// Loads every assessment among `inputs`, files and folders, each with the
/// `checklists` added. In a folder, the assessments are the files whose
/// content says so; checklists and other TOML files beside them are passed
/// over. A file that cannot be read or decoded could be an assessment: it
/// is one that could not be loaded, never passed over.
pub fn load(
    loader: &mut Loader<'_>,
    lang: Lang,
    inputs: Vec<PathBuf>,
    checklists: &[String],
) -> Gathered {
    let mut passed_over = Vec::new();
    let mut found = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            found.push(Found::Named(input));
            continue;
        }
        let before = found.len();
        for (path, read) in walk(lang, &input, &mut passed_over) {
            match read
                .map_err(|d| vec![*d])
                .and_then(|()| loader.found(&path, checklists))
            {
                Ok(Some(a)) => found.push(Found::Loaded(Box::new(a))),
                Ok(None) => {}
                Err(d) => found.push(Found::Failed(path, d)),
            }
        }
        if found.len() == before {
            let diag = diags::no_files_in(lang, &input);
            found.push(Found::Failed(input, vec![diag]));
        }
    }
    let loaded = found
        .into_iter()
        .map(|f| match f {
            Found::Named(path) => loader.assessment(&path, checklists).map_err(|d| (path, d)),
            Found::Loaded(a) => Ok(*a),
            Found::Failed(path, d) => Err((path, d)),
        })
        .collect();
    Gathered {
        loaded,
        passed_over,
    }
}

/// Every file the run read or was given: the assessments, those that could
/// not be loaded, and their checklists. No output may replace one.
pub fn read_by(
    loaded: &[Result<Assessment, (PathBuf, Vec<Diag>)>],
    loader: &Loader<'_>,
) -> Vec<PathBuf> {
    let mut read: Vec<PathBuf> = Vec::new();
    for l in loaded {
        match l {
            Ok(a) => {
                read.push(a.path.clone());
                read.extend(a.checklists.iter().filter_map(|c| c.path.clone()));
            }
            Err((path, _)) => read.push(path.clone()),
        }
    }
    // Checklists of assessments that could not be loaded too.
    let sources = &loader.sources;
    read.extend((0..sources.len()).map(|id| PathBuf::from(sources.name(id))));
    read
}
