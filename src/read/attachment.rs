//! A PDF made by `mgi` carries the model it was made from as an attached
//! file (`<id>.json`, PDF/A-3 "associated file"). Reading such a PDF gives
//! back exactly that model instead of reading its printed text again, which
//! could only lose what the layout changed (line breaks, page furniture).
//!
//! The attachment is listed and saved with poppler's `pdfdetach` (installed
//! with `pdftotext`). A PDF without an attachment that holds a model is read
//! as text, as any other PDF.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::model::Profile;
use crate::tool::{self, ToolError};

/// How long `pdfdetach` may take on one file.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The largest attachment taken as a model.
const MAX_MODEL_BYTES: u64 = 64 * 1024 * 1024;

/// The model attached to the PDF at `path`, with the attachment's name;
/// `None` when the file is not a PDF, has no attached model, or `pdfdetach`
/// cannot be run (the PDF is then read as text).
pub(crate) fn embedded_model(path: &Path) -> Option<(Profile, String)> {
    if !starts_as_pdf(path) {
        return None;
    }
    let mut list = Command::new("pdfdetach");
    list.arg("-list").arg(path);
    let listing = run(list).ok()?;
    for (number, name) in json_attachments(&String::from_utf8_lossy(&listing)) {
        let Some(bytes) = save(path, number) else {
            continue;
        };
        match serde_json::from_slice::<Profile>(&bytes) {
            Ok(profile) => return Some((profile, name)),
            // Some other JSON: not a model.
            Err(_) => continue,
        }
    }
    None
}

fn starts_as_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"%PDF-")
}

/// `pdfdetach -list` lines `N: name`, for names ending in `.json`.
fn json_attachments(listing: &str) -> Vec<(usize, String)> {
    listing
        .lines()
        .filter_map(|line| {
            let (n, name) = line.split_once(": ")?;
            let n: usize = n.trim().parse().ok()?;
            name.trim()
                .to_ascii_lowercase()
                .ends_with(".json")
                .then(|| (n, name.trim().to_string()))
        })
        .collect()
}

/// The bytes of attachment `number`, saved by `pdfdetach` into a private
/// temporary folder that is removed afterwards.
fn save(pdf: &Path, number: usize) -> Option<Vec<u8>> {
    let dir = TempDir::new()?;
    let file = dir.0.join("model.json");
    let mut cmd = Command::new("pdfdetach");
    cmd.arg("-save")
        .arg(number.to_string())
        .arg("-o")
        .arg(&file)
        .arg(pdf);
    run(cmd).ok()?;
    let meta = std::fs::metadata(&file).ok()?;
    if meta.len() > MAX_MODEL_BYTES {
        return None;
    }
    std::fs::read(&file).ok()
}

/// Run a command with stdout captured, stopping it after [`TIMEOUT`].
fn run(cmd: Command) -> Result<Vec<u8>, ToolError> {
    let limits = tool::Limits {
        timeout: TIMEOUT,
        stdout: MAX_MODEL_BYTES,
        stderr: 4096,
    };
    let done = tool::run(cmd, limits)?;
    if done.status.success() {
        Ok(done.stdout)
    } else {
        Err(ToolError::Io(std::io::Error::other("pdfdetach failed")))
    }
}

/// A folder of our own under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Option<TempDir> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(".mgi-attachment-{}-{n}", std::process::id()));
        // Fails when it exists: never a folder someone else prepared.
        std::fs::create_dir(&dir).ok()?;
        Some(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_gives_the_json_attachments() {
        let listing = "2 embedded files\n1: notes.txt\n2: mali-2021-fr.json\n";
        assert_eq!(
            json_attachments(listing),
            [(2, "mali-2021-fr.json".to_string())]
        );
    }

    #[test]
    fn a_text_file_is_not_looked_into() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.pdf");
        std::fs::write(&p, "not a pdf").unwrap();
        assert!(embedded_model(&p).is_none());
    }
}

#[cfg(test)]
mod description_tests {
    /// The description the templates give the attached model (shown by PDF
    /// viewers), which users are told to look for.
    const DESCRIPTION: &str = "MGI profile model (JSON) this PDF was made from";

    #[test]
    fn the_template_describes_the_attached_model() {
        let lib = include_str!("../../templates/lib.typ");
        assert!(lib.contains(&format!("description: \"{DESCRIPTION}\"")));
    }
}
