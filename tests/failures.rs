//! Failures are contained: a broken typst, an unwritable output folder or
//! clashing ids give clear messages and never stop the other profiles.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::*;

/// A stand-in for typst: answers `--version` like typst 0.15.1 and runs `body` on compile.
fn fake_typst(dir: &Path, body: &str) -> std::path::PathBuf {
    let p = dir.join("typst");
    std::fs::write(
        &p,
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; exit 0; fi\n{body}\n"),
    )
    .unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

fn build_with_typst(typst: &Path, extra: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let inputs = folder_with(&[
        "corpus/mali-2021-fr-web.txt",
        "corpus/ghana-2022-en-web.txt",
    ]);
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "build",
        inputs.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(&args)
        .env("TYPST", typst)
        .output()
        .unwrap();
    (o, out)
}

#[test]
fn missing_typst_is_a_set_up_error_said_once_before_anything_is_written() {
    let (o, out) = build_with_typst(Path::new("/nonexistent/typst"), &[]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.matches("typst 0.15.1 not found").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("scripts/setup"), "{stderr}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    // Without PDFs typst is not needed.
    let (o, out) = build_with_typst(Path::new("/nonexistent/typst"), &["--no-pdf"]);
    assert!(o.status.success());
    assert!(out.path().join("json/mali-2021-fr.json").is_file());
    assert!(!out.path().join("pdf").exists(), "--no-pdf makes no pdf/");
}

#[test]
fn wrong_typst_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("typst");
    std::fs::write(&p, "#!/bin/sh\necho 'typst 0.11.0 (old)'\n").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (o, out) = build_with_typst(&p, &[]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr
            .matches("is typst 0.11.0, but the templates need typst 0.15.1")
            .count(),
        1,
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn typst_compile_error_is_reported_with_its_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let t = fake_typst(
        dir.path(),
        "echo 'templates/profile.typ:3:1: error: unknown variable: boom' >&2; exit 1",
    );
    let (o, out) = build_with_typst(&t, &[]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("unknown variable: boom"), "{stdout}");
    assert!(stdout.contains("0 profiles built, 2 failed"), "{stdout}");
    // Nothing half-written in place of a PDF.
    assert_eq!(
        std::fs::read_dir(out.path().join("pdf")).unwrap().count(),
        0
    );
}

#[test]
fn a_hanging_typst_is_stopped_for_the_change_report_too() {
    let dir = tempfile::tempdir().unwrap();
    let t = fake_typst(dir.path(), "sleep 30");
    let pdf = dir.path().join("changes.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["diff", "--typst-timeout", "1", "--pdf"])
        .arg(&pdf)
        .arg(fixture("corpus/niger-2019-fr-web.txt"))
        .arg(fixture("corpus/niger-2022-fr-web.txt"))
        .env("TYPST", &t)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("timed out after 1 s"), "{stderr}");
    assert!(!pdf.exists());
}

#[test]
fn a_hanging_typst_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let t = fake_typst(dir.path(), "sleep 30");
    let start = std::time::Instant::now();
    let (o, _out) = build_with_typst(&t, &["--typst-timeout", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("timed out after 1 s"), "{stdout}");
    // Far below the hang (not a timing assertion on the tool's speed).
    assert!(start.elapsed().as_secs() < 25);
}

#[test]
fn an_output_folder_that_cannot_be_made_is_a_set_up_error_said_once() {
    let inputs = folder_with(&["corpus/mali-2021-fr-web.txt"]);
    let file = tempfile::NamedTempFile::new().unwrap();
    let out = file.path().join("out");
    let o = mgi(
        &[
            "build",
            "--no-pdf",
            inputs.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.matches("cannot make the output folder").count(),
        1,
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn two_inputs_with_one_id_are_both_kept() {
    let inputs = folder_with(&["corpus/mali-2021-fr-web.txt"]);
    std::fs::copy(
        fixture("corpus/mali-2021-fr-web.txt"),
        inputs.path().join("mali-copy.txt"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &["--no-pdf"]);
    assert!(o.status.success());
    assert!(out.path().join("json/mali-2021-fr.json").is_file());
    assert!(out.path().join("json/mali-2021-fr-2.json").is_file());
    let second = std::fs::read_to_string(out.path().join("json/mali-2021-fr-2.json")).unwrap();
    assert!(
        second.contains("id `mali-2021-fr` is already used by"),
        "{second}"
    );
}

#[test]
fn rebuild_skips_unchanged_profiles_and_removes_outputs_of_removed_inputs() {
    let inputs = folder_with(&[
        "corpus/mali-2021-fr-web.txt",
        "corpus/ghana-2022-en-web.txt",
    ]);
    let out = tempfile::tempdir().unwrap();
    let args = [
        "build",
        "--no-pdf",
        inputs.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ];
    assert!(mgi(&args, &root()).status.success());
    let csv_time = std::fs::metadata(out.path().join("csv/findings.csv"))
        .unwrap()
        .modified()
        .unwrap();
    let o = mgi(&args, &root());
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(
        stdout.lines().filter(|l| l.starts_with("same ")).count() == 2,
        "{stdout}"
    );
    assert_eq!(
        std::fs::metadata(out.path().join("csv/findings.csv"))
            .unwrap()
            .modified()
            .unwrap(),
        csv_time,
        "an unchanged CSV is not rewritten"
    );
    std::fs::remove_file(inputs.path().join("ghana-2022-en-web.txt")).unwrap();
    let o = mgi(&args, &root());
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("removed"), "{stdout}");
    assert!(!out.path().join("json/ghana-2022-en.json").exists());
    let csv = std::fs::read_to_string(out.path().join("csv/findings.csv")).unwrap();
    assert!(!csv.contains("ghana-2022-en"));
}
