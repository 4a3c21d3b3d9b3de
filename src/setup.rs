//! Checks made before a build touches anything: the inputs exist, the
//! output folder is one that may be written, typst and the templates are
//! there. Each problem is said once, as a usage or set-up error.

use std::path::{Component, Path, PathBuf};

use crate::error::{OutputError, display_path};
use crate::render::TemplateError;

/// A problem that stops a command before it starts.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{}: no such file or folder", display_path(.0))]
    MissingInput(PathBuf),
    #[error(
        "refusing to write the outputs into {}, {what}: give a folder of their own with `-o DIR`",
        display_path(path)
    )]
    SystemFolder { path: PathBuf, what: &'static str },
    #[error("{}: cannot make the output folder: {reason}", display_path(path))]
    OutFolder { path: PathBuf, reason: String },
    #[error("{0}")]
    Typst(OutputError),
    #[error("{0}")]
    Templates(#[from] TemplateError),
}

/// `path` made absolute and without `.` or `..`, resolving links in the
/// part of it that exists.
pub fn absolute(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let joined = cwd.join(path);
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut abs = std::fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                abs.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => abs.push(part),
        }
    }
    abs
}

/// Check an output folder without writing anything: not the root of the
/// file system nor the home folder, a folder (or nothing yet) under a
/// folder that may be written.
pub fn check_out(out: &Path) -> Result<(), SetupError> {
    let abs = absolute(out);
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| absolute(Path::new(&h)));
    let what = if abs.parent().is_none() {
        Some("the root of the file system")
    } else if home.as_deref() == Some(abs.as_path()) {
        Some("the home folder")
    } else {
        None
    };
    if let Some(what) = what {
        return Err(SetupError::SystemFolder {
            path: out.to_path_buf(),
            what,
        });
    }
    let fail = |reason: &str| SetupError::OutFolder {
        path: out.to_path_buf(),
        reason: reason.to_string(),
    };
    if abs.exists() && !abs.is_dir() {
        return Err(fail("a file of that name exists"));
    }
    let existing = abs.ancestors().find(|a| a.exists()).unwrap_or(&abs);
    if !existing.is_dir() {
        return Err(fail(&format!("{} is not a folder", display_path(existing))));
    }
    if rustix::fs::access(existing, rustix::fs::Access::WRITE_OK).is_err() {
        return Err(fail(&format!(
            "{} may not be written (permission denied, or a read-only file system)",
            display_path(existing)
        )));
    }
    Ok(())
}

/// Make the output folder (after [`check_out`]).
pub fn make_out(out: &Path) -> Result<(), SetupError> {
    std::fs::create_dir_all(out).map_err(|e| SetupError::OutFolder {
        path: out.to_path_buf(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_home_are_refused() {
        assert!(matches!(
            check_out(Path::new("/")),
            Err(SetupError::SystemFolder { .. })
        ));
        assert!(matches!(
            check_out(Path::new("/tmp/..")),
            Err(SetupError::SystemFolder { .. })
        ));
        let dir = tempfile::tempdir().unwrap();
        assert!(check_out(&dir.path().join("a/b/../c")).is_ok());
        std::fs::write(dir.path().join("f"), "x").unwrap();
        assert!(matches!(
            check_out(&dir.path().join("f")),
            Err(SetupError::OutFolder { .. })
        ));
        assert!(matches!(
            check_out(&dir.path().join("f/sub")),
            Err(SetupError::OutFolder { .. })
        ));
    }
}
