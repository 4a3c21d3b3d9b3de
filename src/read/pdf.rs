//! PDF files: extract the text layer, then read it as printed text.
//!
//! The text layer is extracted by poppler's `pdftotext` in plain mode (the
//! form [`super::print::read_print`] reads), run as a separate process with a
//! time limit.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::Document;
use super::print::read_print;
use crate::error::InputError;
use crate::model::Warning;

/// The extractor, from poppler-utils.
const PDFTOTEXT: &str = "pdftotext";

/// How long `pdftotext` may take on one file before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(60);

const NOT_INSTALLED: &str = "cannot read PDF files: pdftotext (poppler-utils) is not installed; \
                             install it with `apt-get install poppler-utils` or run scripts/setup";

const NO_TEXT_LAYER: &str =
    "the PDF has no text layer (a scan?): run OCR first or give a text copy";

/// Read a PDF profile. `path` is used when it is the file `bytes` came from;
/// otherwise `bytes` are written to a temporary file for the extractor.
pub fn read_pdf(path: &Path, bytes: &[u8]) -> Result<Document, InputError> {
    let err = |msg: String| InputError::new(path, None, msg);
    let same_file = std::fs::metadata(path)
        .is_ok_and(|m| m.is_file() && (bytes.is_empty() || m.len() == bytes.len() as u64));
    let extracted = if same_file {
        extract(PDFTOTEXT, path, TIMEOUT)
    } else {
        let temp = TempFile::write(bytes).map_err(|e| {
            err(format!(
                "cannot write a temporary copy of the PDF for pdftotext: {e}"
            ))
        })?;
        extract(PDFTOTEXT, &temp.path, TIMEOUT)
    };
    let stdout = extracted.map_err(err)?;
    let text = String::from_utf8_lossy(&stdout);
    if text.trim().is_empty() {
        return Err(err(NO_TEXT_LAYER.to_string()));
    }
    let mut doc = read_print(&text);
    if matches!(text, std::borrow::Cow::Owned(_)) {
        doc.warnings.insert(
            0,
            Warning::general("pdftotext gave text that is not valid UTF-8: odd bytes replaced"),
        );
    }
    Ok(doc)
}

/// Run `program -enc UTF-8 <file> -` and return its standard output, or a
/// message for the user.
fn extract(program: &str, file: &Path, timeout: Duration) -> Result<Vec<u8>, String> {
    // A relative name starting with `-` would be taken for an option.
    let file: PathBuf = if file.is_relative() && file.to_string_lossy().starts_with('-') {
        Path::new(".").join(file)
    } else {
        file.to_path_buf()
    };
    let mut child = Command::new(program)
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => NOT_INSTALLED.to_string(),
            _ => format!("cannot run pdftotext: {e}"),
        })?;
    // Read both pipes while waiting, so that a full pipe cannot block the
    // child. A small PDF can hold a huge text (compressed streams): what is
    // kept is bounded like any input.
    let stdout = drain(child.stdout.take(), super::MAX_INPUT_BYTES + 1);
    let stderr = drain(child.stderr.take(), 64 * 1024);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "pdftotext did not finish within {} s: the PDF may be damaged or very large",
                    timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cannot wait for pdftotext: {e}"));
            }
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    if stdout.len() as u64 > super::MAX_INPUT_BYTES {
        return Err(format!(
            "the text layer of the PDF is larger than the limit of {} MiB for an input: is this really a profile?",
            super::MAX_INPUT_BYTES / (1024 * 1024)
        ));
    }
    if !status.success() {
        let msg = String::from_utf8_lossy(&stderr);
        let msg = msg.trim();
        return Err(if msg.is_empty() {
            format!("pdftotext failed ({status})")
        } else {
            format!("pdftotext failed: {msg}")
        });
    }
    Ok(stdout)
}

/// Read a pipe to its end on a thread of its own, keeping at most `limit`
/// bytes (the rest is read and dropped, so that the child never blocks).
fn drain<R: Read + Send + 'static>(
    pipe: Option<R>,
    limit: u64,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = (&mut pipe).take(limit).read_to_end(&mut buf);
            let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        }
        buf
    })
}

/// A file in the system temporary directory, removed when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn write(bytes: &[u8]) -> std::io::Result<TempFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir()
                .join(format!("mgi-{}-{nanos:08x}-{n}.pdf", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let file = TempFile { path };
                    f.write_all(bytes)?;
                    f.flush()?;
                    return Ok(file);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shell script standing in for the extractor.
    #[cfg(unix)]
    fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// `extract`, retried while another test thread's fork still holds the
    /// script open for writing ("text file busy").
    #[cfg(unix)]
    fn extract_retrying(program: &Path, timeout: Duration) -> Result<Vec<u8>, String> {
        let program = program.to_str().unwrap();
        for _ in 0..20 {
            match extract(program, Path::new("a.pdf"), timeout) {
                Err(e) if e.contains("busy") => std::thread::sleep(Duration::from_millis(50)),
                r => return r,
            }
        }
        extract(program, Path::new("a.pdf"), timeout)
    }

    #[test]
    fn missing_extractor_says_how_to_install_it() {
        let err = extract("mgi-no-such-pdftotext", Path::new("a.pdf"), TIMEOUT).unwrap_err();
        assert_eq!(err, NOT_INSTALLED);
    }

    #[test]
    fn temporary_copy_is_removed() {
        let path = {
            let t = TempFile::write(b"%PDF-1.4").unwrap();
            assert_eq!(std::fs::read(&t.path).unwrap(), b"%PDF-1.4");
            t.path.clone()
        };
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn slow_extractor_is_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let slow = script(dir.path(), "slow", "exec sleep 30");
        let started = Instant::now();
        let err = extract_retrying(&slow, Duration::from_millis(300)).unwrap_err();
        assert!(err.contains("did not finish"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[cfg(unix)]
    #[test]
    fn failing_extractor_reports_its_stderr() {
        let dir = tempfile::tempdir().unwrap();
        let failing = script(
            dir.path(),
            "failing",
            "echo 'Syntax Error: broken' >&2\nexit 1",
        );
        let err = extract_retrying(&failing, TIMEOUT).unwrap_err();
        assert_eq!(err, "pdftotext failed: Syntax Error: broken");
    }
}
