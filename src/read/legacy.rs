//! Legacy word-processor files (`.doc`, `.rtf`, `.wpd`): converted to
//! `.docx` by LibreOffice (`soffice`) when it is on `PATH`, then read as
//! Word. The conversion runs in a private temporary folder with a private
//! LibreOffice profile (the user's own is never touched), under a timeout,
//! and the folder is removed afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::error::{ConvertError, LegacyError};
use super::{Document, docx};
use crate::error::InputError;
use crate::tool::{self, ToolError};

/// A conversion that takes longer is stopped.
pub(crate) const CONVERT_TIMEOUT: Duration = Duration::from_secs(120);

/// The signature of an OLE compound file (`.doc`, `.xls`, and Office files
/// encrypted with a password).
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether the bytes are a legacy word-processor file (by signature).
pub(crate) fn is_legacy(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC) || bytes.starts_with(b"{\\rtf") || bytes.starts_with(b"\xFFWPC")
}

/// An OLE file holding an `EncryptedPackage` stream: an Office document
/// saved with a password (its directory names streams in UTF-16LE).
pub(crate) fn is_encrypted_office(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    bytes.starts_with(OLE_MAGIC) && bytes.windows(NAME.len()).any(|w| w == NAME)
}

/// Read a legacy file through LibreOffice.
pub(crate) fn read_legacy(path: &Path, bytes: &[u8]) -> Result<Document, InputError> {
    let err = |e: LegacyError| InputError::new(path, None, e);
    if is_encrypted_office(bytes) {
        return Err(err(LegacyError::Encrypted));
    }
    let Some(soffice) = find_on_path("soffice") else {
        return Err(err(LegacyError::NoLibreOffice));
    };
    let docx_bytes =
        convert(&soffice, path, bytes).map_err(|e| err(LegacyError::Convert(Arc::new(e))))?;
    docx::read_docx(&docx_bytes).map_err(|e| err(LegacyError::AfterConversion(e)))
}

/// The first executable `name` in the folders of `PATH`.
fn find_on_path(name: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// A private temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::os::unix::fs::DirBuilderExt;
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("mgi-convert-{}-{n}", std::process::id()));
        std::fs::DirBuilder::new().mode(0o700).create(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Convert with `soffice --convert-to docx`; the bytes of the result.
fn convert(soffice: &Path, path: &Path, bytes: &[u8]) -> Result<Vec<u8>, ConvertError> {
    let io = |what: &'static str, source: std::io::Error| ConvertError::Io { what, source };
    let tmp = TempDir::new().map_err(|e| io("temporary folder", e))?;
    let ext = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if ["doc", "dot", "rtf", "wpd"].contains(&e.to_ascii_lowercase().as_str()) => {
            e.to_ascii_lowercase()
        }
        _ if bytes.starts_with(b"{\\rtf") => "rtf".to_string(),
        _ if bytes.starts_with(b"\xFFWPC") => "wpd".to_string(),
        _ => "doc".to_string(),
    };
    let input = tmp.0.join(format!("input.{ext}"));
    std::fs::write(&input, bytes).map_err(|e| io("temporary copy", e))?;
    let out_dir = tmp.0.join("out");
    let profile = format!("file://{}", tmp.0.join("profile").display());
    let mut cmd = Command::new(soffice);
    cmd.arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .env("HOME", &tmp.0);
    let limits = tool::Limits {
        timeout: CONVERT_TIMEOUT,
        stdout: 0,
        stderr: 64 * 1024,
    };
    let status = match tool::run_group(cmd, limits) {
        Ok(done) => done.status,
        Err(ToolError::TimedOut(_)) => {
            return Err(ConvertError::TimedOut {
                secs: CONVERT_TIMEOUT.as_secs(),
            });
        }
        Err(e) => return Err(ConvertError::Run(e)),
    };
    let converted = out_dir.join("input.docx");
    if !status.success() || !converted.is_file() {
        return Err(ConvertError::Refused);
    }
    // The converted file's own size limit, worded for the user already.
    super::read_limited(&converted).map_err(|e| ConvertError::Converted(e.kind))
}
