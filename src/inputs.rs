//! Input discovery: the profile files a command reads, from the paths it is
//! given.
//!
//! - Files are taken as given, folders walked recursively (sorted).
//! - A file reached twice (named twice, or by two paths) is one input.
//! - An output folder is never read: the build's own (`exclude`) and any
//!   folder holding a build state file, wherever it is.
//! - Files of unknown kinds in folders are listed, not silently dropped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{InputError, InputErrorKind};
use crate::manifest::{self, ManifestProblem, Manifests};

/// File name endings taken as profiles when walking a folder.
pub const PROFILE_EXTENSIONS: [&str; 12] = [
    "txt", "text", "html", "htm", "xhtml", "pdf", "docx", "odt", "fodt", "doc", "rtf", "wpd",
];

/// The build state file that marks a folder as the output of a build.
pub const STATE_FILE: &str = ".mgi-build.json";

/// What discovery found.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The profile files, each once, in the order found.
    pub files: Vec<PathBuf>,
    /// The manifests of the folders the files are in.
    pub manifests: Manifests,
    /// Unreadable folders and manifests, files that are not regular files.
    pub errors: Vec<InputError>,
    /// Manifest cells and rows that were ignored.
    pub manifest_problems: Vec<ManifestProblem>,
    /// Files in folders whose kind is not a profile's (`.docx`, `.md` …).
    pub unknown: Vec<PathBuf>,
    /// Paths given that do not exist.
    pub missing: Vec<PathBuf>,
    /// Output folders (and files in them) that were not read.
    pub outputs_skipped: Vec<PathBuf>,
}

/// Find the inputs under `paths`, never reading inside the folders of `exclude`.
pub fn discover(paths: &[PathBuf], exclude: &[PathBuf]) -> Inputs {
    let mut walker = Walker {
        found: Inputs::default(),
        seen: HashSet::new(),
        exclude: exclude.iter().map(|p| canonical(p)).collect(),
    };
    for path in paths {
        walker.add(path);
    }
    walker.found
}

/// A path in absolute, resolved form when it exists (else as given): the
/// key by which one file is one input.
pub(crate) fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// True for the folders a build writes to.
pub(crate) fn is_output_folder(dir: &Path) -> bool {
    dir.join(STATE_FILE).is_file()
}

struct Walker {
    found: Inputs,
    seen: HashSet<PathBuf>,
    exclude: Vec<PathBuf>,
}

impl Walker {
    fn add(&mut self, path: &Path) {
        let Ok(meta) = std::fs::metadata(path) else {
            if !self.found.missing.iter().any(|m| m == path) {
                self.found.missing.push(path.to_path_buf());
            }
            return;
        };
        if self.is_excluded(path) {
            self.found.outputs_skipped.push(path.to_path_buf());
        } else if meta.is_dir() {
            self.walk(path);
        } else {
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            self.load_manifest(parent);
            self.push_file(path);
        }
    }

    /// Inside this build's output folder, or an output folder itself.
    fn is_excluded(&self, path: &Path) -> bool {
        let abs = canonical(path);
        self.exclude.iter().any(|x| abs.starts_with(x)) || (abs.is_dir() && is_output_folder(&abs))
    }

    fn push_file(&mut self, path: &Path) {
        if self.seen.insert(canonical(path)) {
            self.found.files.push(path.to_path_buf());
        }
    }

    fn load_manifest(&mut self, folder: &Path) {
        match self.found.manifests.load_folder(folder) {
            Ok(problems) => self.found.manifest_problems.extend(problems),
            Err(e) => {
                if !self.found.errors.contains(&e) {
                    self.found.errors.push(e);
                }
            }
        }
    }

    fn walk(&mut self, dir: &Path) {
        self.load_manifest(dir);
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                self.found.errors.push(InputError::io(dir, e));
                return;
            }
        };
        entries.sort();
        for path in entries {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name == manifest::FILE_NAME {
                continue;
            }
            if path.is_dir() {
                if self.is_excluded(&path) {
                    self.found.outputs_skipped.push(path);
                } else {
                    self.walk(&path);
                }
            } else if is_profile_file(&path) {
                self.push_regular(path);
            } else if !is_readme(&path) {
                self.found.unknown.push(path);
            }
        }
    }

    /// A pipe or a device named like a profile would block or never end.
    fn push_regular(&mut self, path: PathBuf) {
        match std::fs::metadata(&path) {
            Ok(m) if !m.is_file() => self.found.errors.push(InputError::new(
                &path,
                None,
                InputErrorKind::NotARegularFile,
            )),
            _ => self.push_file(&path),
        }
    }
}

fn is_readme(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.to_ascii_lowercase().starts_with("readme")
}

/// Whether a file in a folder is taken as a profile (by its extension).
pub(crate) fn is_profile_file(path: &Path) -> bool {
    !is_readme(path)
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PROFILE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, rel: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "x").unwrap();
    }

    #[test]
    fn a_file_reached_twice_is_one_input() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "a.txt");
        let a = dir.path().join("a.txt");
        let dotted = dir.path().join(".").join("a.txt");
        let found = discover(&[a.clone(), dir.path().to_path_buf(), dotted], &[]);
        assert_eq!(found.files, vec![a]);
    }

    #[test]
    fn output_folders_are_never_read() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "a.txt");
        touch(dir.path(), "out/pdf/a.pdf");
        touch(dir.path(), "old/.mgi-build.json");
        touch(dir.path(), "old/json/a.txt");
        let found = discover(&[dir.path().to_path_buf()], &[dir.path().join("out")]);
        assert_eq!(found.files, vec![dir.path().join("a.txt")]);
        assert_eq!(found.outputs_skipped.len(), 2);
    }

    #[test]
    fn unknown_kinds_and_missing_paths_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "a.txt",
            "b.pptx",
            "notes.md",
            "NOEXT",
            "README.md",
            ".hidden",
        ] {
            touch(dir.path(), f);
        }
        let nosuch = dir.path().join("nosuch");
        let found = discover(&[dir.path().to_path_buf(), nosuch.clone()], &[]);
        let names: Vec<String> = found
            .unknown
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["NOEXT", "b.pptx", "notes.md"]);
        assert_eq!(found.missing, vec![nosuch]);
    }
}
