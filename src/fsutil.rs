//! Atomic output: write to a temporary file in the same folder, then rename.
//! A crash or Ctrl-C never leaves a truncated file where a good one stood.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::OutputError;

/// The temporary name used while `path` is being written (same folder, so
/// the final rename is atomic).
pub(crate) fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.clone(), String::new()),
    };
    // Keep the extension last: tools such as typst choose the format by it.
    path.with_file_name(format!(".{stem}.{}.tmp{ext}", std::process::id()))
}

/// Write `bytes` to `path` atomically.
///
/// When a file is replaced, the new bytes are flushed to the disk before the
/// rename, so that even a power cut cannot leave an empty file where a good
/// one stood. A new file has nothing to protect: it is not flushed, which
/// spares a fresh build one disk round trip per output.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let tmp = temp_path(path);
    let result = (|| {
        let replacing = path.exists();
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        if replacing {
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(OutputError::write(path, e));
    }
    Ok(())
}

/// Write `bytes` to `path` unless it already holds exactly them. Returns
/// whether the file was written.
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, OutputError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// Create a folder (and its parents) with a clear error.
pub fn create_dir(path: &Path) -> Result<(), OutputError> {
    std::fs::create_dir_all(path).map_err(|e| OutputError::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(temp_path(&p).to_string_lossy().ends_with(".tmp.csv"));
    }

    #[test]
    fn unwritable_folder_is_an_error() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.json"), b"x").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x.json"));
    }
}
