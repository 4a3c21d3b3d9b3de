//! PDF files: read by their layout ([`super::layout`]).
//!
//! poppler's extractors run as separate processes, each with a time limit,
//! at the same time: `pdftotext -bbox-layout` gives the words with their
//! boxes, `pdftohtml -xml -i` the size and weight of each run of text. When
//! the fonts cannot be read, the words' heights stand in for their sizes.
//!
//! [`extract_text`] gives the text layer as plain text laid out as
//! `pdftotext`'s plain mode lays it out (one line per printed line, a blank
//! line after each text flow, a form feed after each page), but with the
//! hyphens at line ends kept: the plain mode joins `whole-of-` / `government`
//! into `whole-ofgovernment` and `(2020-` / `2035)` into `(20202035)`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Document;
use super::error::PdfError;
use super::layout::{Layout, read_layout};
use super::poppler_xml::{Tags, attribute, decode_entities};
use crate::error::InputError;
use crate::model::{Warning, WarningKind};
use crate::tool::{self, ToolError};

/// The extractors, from poppler-utils: words with their boxes, and text
/// runs with their fonts.
const PDFTOTEXT: &str = "pdftotext";
const PDFTOHTML: &str = "pdftohtml";
const BBOX_ARGS: [&str; 3] = ["-enc", "UTF-8", "-bbox-layout"];
const FONT_ARGS: [&str; 5] = ["-xml", "-i", "-stdout", "-enc", "UTF-8"];

/// How long `pdftotext` may take on one file before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(60);

const NOT_INSTALLED: &str = "cannot read PDF files: pdftotext (poppler-utils) is not installed; \
                             install it with `apt-get install poppler-utils` or run scripts/setup";

/// Read a PDF profile. `path` is used when it is the file `bytes` came from;
/// otherwise `bytes` are written to a temporary file for the extractors.
pub fn read_pdf(path: &Path, bytes: &[u8]) -> Result<Document, InputError> {
    let layout = read_pdf_layout(path, bytes)?;
    let mut doc = layout.doc;
    doc.read_as = Some(format!("{} ({})", layout.form.describe(), layout.evidence));
    Ok(doc)
}

/// Read a PDF profile by its layout, with the form it was taken for and why.
pub fn read_pdf_layout(path: &Path, bytes: &[u8]) -> Result<Layout, InputError> {
    let err = |e: PdfError| InputError::new(path, None, e);
    let same_file = std::fs::metadata(path)
        .is_ok_and(|m| m.is_file() && (bytes.is_empty() || m.len() == bytes.len() as u64));
    let temp;
    let file = if same_file {
        path
    } else {
        temp = TempFile::write(bytes).map_err(|e| err(PdfError::TemporaryCopy(Arc::new(e))))?;
        &temp.path
    };
    // The two extractors run at the same time.
    let (stdout, fonts) = std::thread::scope(|s| {
        let fonts = s.spawn(|| extract(PDFTOHTML, &FONT_ARGS, file, TIMEOUT));
        let words = extract(PDFTOTEXT, &BBOX_ARGS, file, TIMEOUT);
        let fonts = fonts
            .join()
            .unwrap_or(Err(ExtractError::Panicked { tool: PDFTOHTML }));
        (words, fonts)
    });
    let stdout = stdout.map_err(|e| err(PdfError::Extract(Arc::new(e))))?;
    let words = String::from_utf8_lossy(&stdout);
    if !words.contains("<word ") {
        return Err(err(PdfError::NoTextLayer));
    }
    // Fonts make headings; without them the words' heights stand in.
    let mut layout = read_layout(
        &words,
        fonts
            .as_deref()
            .ok()
            .map(String::from_utf8_lossy)
            .as_deref(),
    );
    if let Err(e) = fonts {
        layout.doc.warnings.insert(
            0,
            Warning::general(WarningKind::FontSizesUnread {
                reason: e.to_string(),
            }),
        );
    }
    if matches!(words, std::borrow::Cow::Owned(_)) {
        layout
            .doc
            .warnings
            .insert(0, Warning::general(WarningKind::InvalidUtf8FromPdftotext));
    }
    Ok(layout)
}

/// The text layer of a PDF file as [`read_pdf`] reads it (see the module
/// documentation), or a message for the user.
pub fn extract_text(path: &Path) -> Result<String, ExtractError> {
    let stdout = extract(PDFTOTEXT, &BBOX_ARGS, path, TIMEOUT)?;
    Ok(text_from_layout(&String::from_utf8_lossy(&stdout)))
}

/// Rebuild plain text from the XHTML of `pdftotext -bbox-layout`: pages of
/// flows of blocks of lines of words, each word with its box.
///
/// Words of a line are joined by a space when a gap separates them, as the
/// plain mode does (it starts a new word at a gap of 3 % of the font size or
/// at a change of font; only the first makes a space). A word glued to the
/// one before it in another font, such as a footnote marker, stays glued.
pub(crate) fn text_from_layout(xhtml: &str) -> String {
    /// Gap between two words, as a share of the line's first word height,
    /// above which they are separated by a space.
    const SPACE: f64 = 0.03;
    let mut out = String::new();
    // Words of the open line: (xMin, xMax, height, text).
    let mut line: Vec<(f64, f64, f64, String)> = Vec::new();
    let mut tags = Tags::new(xhtml);
    while let Some(tag) = tags.next_tag() {
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .find(|n| !n.is_empty())
            .unwrap_or("");
        let closing = tag.starts_with('/');
        match (name, closing) {
            ("word", false) if !tag.ends_with('/') => {
                let text = decode_entities(tags.content("</word>"));
                let attr = |key: &str| attribute(tag, key).unwrap_or(0.0);
                let (x0, x1) = (attr("xMin"), attr("xMax"));
                line.push((x0, x1, (attr("yMax") - attr("yMin")).abs(), text));
            }
            ("line", true) => {
                let height = line.first().map_or(0.0, |w| w.2);
                let mut prev_end: Option<f64> = None;
                for (x0, x1, _, text) in line.drain(..) {
                    if let Some(end) = prev_end
                        && x0 - end >= SPACE * height
                    {
                        out.push(' ');
                    }
                    out.push_str(&text);
                    prev_end = Some(x1);
                }
                out.push('\n');
            }
            ("flow", true) => out.push('\n'),
            ("page", true) => out.push('\u{0c}'),
            _ => {}
        }
    }
    out
}

/// Why a poppler extractor gave no output.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("{NOT_INSTALLED}")]
    NotInstalled,
    #[error("{tool} did not finish within {secs} s: the PDF may be damaged or very large")]
    TimedOut { tool: &'static str, secs: u64 },
    #[error("cannot run {tool}: {source}")]
    Run {
        tool: &'static str,
        #[source]
        source: ToolError,
    },
    #[error(
        "the text layer of the PDF is larger than the limit of {} MiB for an input: is this really a profile?",
        super::MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge,
    #[error("{tool} failed ({status})")]
    Failed {
        tool: &'static str,
        status: std::process::ExitStatus,
    },
    #[error("{tool} failed: {message}")]
    Said { tool: &'static str, message: String },
    #[error("{tool} could not be run")]
    Panicked { tool: &'static str },
}

/// Run `program ARGS <file> [-]` and return its standard output.
fn extract(
    program: &str,
    args: &[&str],
    file: &Path,
    timeout: Duration,
) -> Result<Vec<u8>, ExtractError> {
    // A relative name starting with `-` would be taken for an option.
    let file: PathBuf = if file.is_relative() && file.to_string_lossy().starts_with('-') {
        Path::new(".").join(file)
    } else {
        file.to_path_buf()
    };
    // Named in messages by what it is, whatever path runs it.
    let tool = if program == PDFTOHTML {
        PDFTOHTML
    } else {
        PDFTOTEXT
    };
    let mut command = Command::new(program);
    command.args(args).arg(&file);
    if program != PDFTOHTML {
        command.arg("-");
    }
    // A small PDF can hold a huge text (compressed streams): what is kept is
    // bounded like any input.
    let limits = tool::Limits {
        timeout,
        stdout: super::MAX_INPUT_BYTES + 1,
        stderr: 64 * 1024,
    };
    let done = tool::run(command, limits).map_err(|e| match e {
        ToolError::NotFound => ExtractError::NotInstalled,
        ToolError::TimedOut(_) => ExtractError::TimedOut {
            tool,
            secs: timeout.as_secs(),
        },
        source => ExtractError::Run { tool, source },
    })?;
    if done.stdout_cut {
        return Err(ExtractError::TooLarge);
    }
    if !done.status.success() {
        let message = String::from_utf8_lossy(&done.stderr).trim().to_string();
        return Err(if message.is_empty() {
            ExtractError::Failed {
                tool,
                status: done.status,
            }
        } else {
            ExtractError::Said { tool, message }
        });
    }
    Ok(done.stdout)
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
    use std::time::Instant;

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
    fn extract_retrying(program: &Path, timeout: Duration) -> Result<Vec<u8>, ExtractError> {
        let program = program.to_str().unwrap();
        for _ in 0..20 {
            match extract(program, &BBOX_ARGS, Path::new("a.pdf"), timeout) {
                Err(e) if e.to_string().contains("busy") => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                r => return r,
            }
        }
        extract(program, &BBOX_ARGS, Path::new("a.pdf"), timeout)
    }

    #[test]
    fn plain_text_from_word_boxes() {
        let word = |x0: f64, x1: f64, text: &str| {
            format!("<word xMin=\"{x0}\" yMin=\"100\" xMax=\"{x1}\" yMax=\"112\">{text}</word>")
        };
        let line = |words: &[String]| format!("<line>{}</line>", words.concat());
        let xhtml = format!(
            "<!DOCTYPE html><html><head><title>A &amp; B</title></head><body><doc>\
             <page width=\"595\" height=\"842\"><flow><block>{}{}</block><block>{}</block></flow>\
             <flow><block>{}</block></flow></page><page width=\"595\" height=\"842\"></page></doc></body></html>",
            line(&[word(72.0, 100.0, "whole-of-")]),
            // A marker in a smaller font right after the full stop: no space.
            line(&[
                word(72.0, 130.0, "government."),
                word(130.0, 134.0, "7"),
                word(137.0, 160.0, "Migrants&apos;"),
                word(163.0, 190.0, "&lt;rights&gt;"),
            ]),
            line(&[word(72.0, 90.0, "AT&amp;T")]),
            line(&[
                word(72.0, 90.0, "&#x2022;"),
                word(95.0, 120.0, "&#233;t&#xE9;")
            ]),
        );
        assert_eq!(
            text_from_layout(&xhtml),
            "whole-of-\ngovernment.7 Migrants' <rights>\nAT&T\n\n• été\n\n\u{0c}\u{0c}"
        );
    }

    #[test]
    fn missing_extractor_says_how_to_install_it() {
        let err = extract(
            "mgi-no-such-pdftotext",
            &BBOX_ARGS,
            Path::new("a.pdf"),
            TIMEOUT,
        )
        .unwrap_err();
        assert!(matches!(err, ExtractError::NotInstalled));
        assert_eq!(err.to_string(), NOT_INSTALLED);
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
        assert!(matches!(err, ExtractError::TimedOut { .. }), "{err}");
        assert!(err.to_string().contains("did not finish"), "{err}");
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
        assert_eq!(err.to_string(), "pdftotext failed: Syntax Error: broken");
    }
}
