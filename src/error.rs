//! Errors as types. `Diagnostic` is the one place that turns any of them
//! into the `path:line: error: message` lines users see.

use std::fmt;
use std::path::{Path, PathBuf};

/// Something wrong with one input file: it cannot be read or is not a profile.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Diagnostic::error(path, *line, message))]
pub struct InputError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl InputError {
    pub fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        InputError {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// A file whose contents cannot be read, with why.
    pub(crate) fn unreadable(path: &Path, err: &crate::read::error::ReadError) -> Self {
        InputError::new(path, None, err.to_string())
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        let what = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        InputError::new(path, None, format!("cannot read the file: {what}"))
    }
}

/// A failure while writing outputs or running an external tool.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: cannot write: {source}", path = path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Typst(String),
}

impl OutputError {
    pub(crate) fn write(path: &Path, source: std::io::Error) -> Self {
        OutputError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// What the tool decided, for the user to know (never a problem).
    Note,
}

/// One message about one place in one file, printed as `path:line: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic<'a> {
    pub path: &'a Path,
    pub line: Option<usize>,
    pub severity: Severity,
    pub message: &'a str,
}

impl<'a> Diagnostic<'a> {
    pub fn error(path: &'a Path, line: Option<usize>, message: &'a str) -> Self {
        Diagnostic {
            path,
            line,
            severity: Severity::Error,
            message,
        }
    }

    pub fn warning(path: &'a Path, line: Option<usize>, message: &'a str) -> Self {
        Diagnostic {
            path,
            line,
            severity: Severity::Warning,
            message,
        }
    }

    pub fn note(path: &'a Path, message: &'a str) -> Self {
        Diagnostic {
            path,
            line: None,
            severity: Severity::Note,
            message,
        }
    }
}

/// A path as shown in messages: control characters (a newline in a file
/// name) escaped, so that each message stays on one line.
pub fn display_path(path: &Path) -> String {
    let shown = path.display().to_string();
    if !shown.chars().any(char::is_control) {
        return shown;
    }
    shown
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl fmt::Display for Diagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let path = display_path(self.path);
        match self.line {
            Some(l) => write!(f, "{path}:{l}: {sev}: {}", self.message),
            None => write!(f, "{path}: {sev}: {}", self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        let e = InputError::new(Path::new("in/new\nline\t.txt"), Some(3), "no key findings");
        assert_eq!(
            e.to_string(),
            "in/new\\nline\\t.txt:3: error: no key findings"
        );
        let w = Diagnostic::warning(Path::new("in/Côte d'Ivoire.txt"), None, "odd");
        assert_eq!(w.to_string(), "in/Côte d'Ivoire.txt: warning: odd");
    }
}
