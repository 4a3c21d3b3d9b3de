//! Errors as types. `Diagnostic` is the one place that turns any of them
//! into the `path:line: error: message` lines users see.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::manifest::HeaderError;
use crate::read::MAX_INPUT_BYTES;
use crate::read::error::{LegacyError, PdfError, ReadError};

/// Something wrong with one input file: it cannot be read or is not a profile.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", Diagnostic::error(path, *line, &kind.to_string()))]
pub struct InputError {
    pub path: PathBuf,
    pub line: Option<usize>,
    /// Boxed: an error travels in every result of a batch.
    pub kind: Box<InputErrorKind>,
}

/// Two errors are the same when they say the same of the same place.
impl PartialEq for InputError {
    fn eq(&self, other: &Self) -> bool {
        (&self.path, self.line) == (&other.path, other.line)
            && self.kind.to_string() == other.kind.to_string()
    }
}

impl InputError {
    pub fn new(path: &Path, line: Option<usize>, kind: impl Into<InputErrorKind>) -> Self {
        InputError {
            path: path.to_path_buf(),
            line,
            kind: Box::new(kind.into()),
        }
    }

    /// What is wrong, without the path: the words of the kind.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    pub fn io(path: &Path, err: std::io::Error) -> Self {
        InputError::new(path, None, InputErrorKind::Io(Arc::new(err)))
    }
}

/// What is wrong with an input, each kind worded once.
#[derive(Debug, Clone, thiserror::Error)]
pub enum InputErrorKind {
    #[error("cannot read the file: {}", io_reason(.0))]
    Io(Arc<std::io::Error>),
    #[error(
        "this is a folder, not a file: give folders to `mgi build` or `mgi check`, which read the profiles in them"
    )]
    Folder,
    #[error("not a regular file (a pipe, a socket or a device): skipped")]
    NotARegularFile,
    /// Over [`MAX_INPUT_BYTES`]; `len` when it is known (else the file is
    /// endless or grew while read).
    #[error(
        "the file is too large: {}; the limit is {} MiB ({MAX_INPUT_BYTES} bytes). \
         MGI profiles are far smaller: check that this is a profile, or keep only the profile's text",
        size_of(*.len),
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge { len: Option<u64> },
    #[error("the input is too large: the limit is {} MiB", MAX_INPUT_BYTES >> 20)]
    StdinTooLarge,
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Legacy(#[from] LegacyError),
    /// The recogniser's words, completed with the form the file was read as
    /// (`read_as`, with `columns` when the pages are side by side) and the
    /// form to try instead.
    #[error("{recognised} Read as {read_as}{columns}; if it is one, try {try_form}.")]
    NoFindings {
        recognised: String,
        read_as: String,
        columns: String,
        try_form: &'static str,
    },
    #[error(transparent)]
    Manifest(#[from] HeaderError),
    /// A placeholder for an input the build has not read yet.
    #[error("not read")]
    NotRead,
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

fn size_of(len: Option<u64>) -> String {
    match len {
        Some(n) => format!("{:.1} MiB ({n} bytes)", n as f64 / (1024.0 * 1024.0)),
        None => "endless or growing (more than the limit was read)".to_string(),
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
        let e = InputError::new(
            Path::new("in/new\nline\t.txt"),
            Some(3),
            InputErrorKind::Folder,
        );
        assert_eq!(
            e.to_string(),
            format!("in/new\\nline\\t.txt:3: error: {}", InputErrorKind::Folder)
        );
        let w = Diagnostic::warning(Path::new("in/Côte d'Ivoire.txt"), None, "odd");
        assert_eq!(w.to_string(), "in/Côte d'Ivoire.txt: warning: odd");
    }
}
