//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// Run the `mgi` binary.
pub fn mgi(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(args)
        .current_dir(cwd)
        .env("MGI_HOME", root())
        .output()
        .expect("mgi runs")
}

/// The text of a PDF as poppler's pdftotext reads it, whitespace collapsed.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    collapse(&String::from_utf8(out.stdout).unwrap())
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Copy fixtures into a fresh folder.
pub fn folder_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let src = fixture(f);
        std::fs::copy(&src, dir.path().join(src.file_name().unwrap())).unwrap();
    }
    dir
}
