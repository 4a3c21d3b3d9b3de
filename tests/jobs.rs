//! The outputs do not depend on how many profiles are worked on at once.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::root;

/// Every file under `dir/sub`, by name.
fn files(dir: &Path, sub: &str) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join(sub))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Build the shipped profiles and the test corpus (the same profiles again,
/// so ids collide, and a file that is no profile) with `--jobs` 1 and 4 into
/// two folders; every output of `subs` must be the same, byte for byte.
fn same_outputs_whatever_the_jobs(extra: &[&str], subs: &[&str]) {
    let outs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let mut reports = Vec::new();
    for (out, jobs) in outs.iter().zip(["1", "4"]) {
        let mut args = vec![
            "build",
            "inputs",
            "tests/fixtures/corpus",
            "--jobs",
            jobs,
            "-o",
            out.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        // PDFs are dated by the build unless SOURCE_DATE_EPOCH is set.
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
            .args(&args)
            .current_dir(root())
            .env("MGI_HOME", root())
            .env("SOURCE_DATE_EPOCH", "1630454400")
            .output()
            .expect("mgi runs");
        let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        assert_eq!(
            o.status.code(),
            Some(1),
            "--jobs {jobs}: one input is no profile\n{stdout}"
        );
        assert!(
            stdout.lines().filter(|l| l.starts_with("built")).count() > 10,
            "--jobs {jobs}:\n{stdout}"
        );
        // The report too, but for where the outputs went and how long it took.
        let report: Vec<String> = stdout
            .lines()
            .map(|l| l.split("; outputs in").next().unwrap().to_string())
            .collect();
        reports.push(report);
    }
    assert_eq!(reports[0], reports[1]);
    for sub in subs {
        let (one, four) = (files(outs[0].path(), sub), files(outs[1].path(), sub));
        assert!(!one.is_empty(), "no {sub} written");
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            four.keys().collect::<Vec<_>>(),
            "{sub}: other files"
        );
        for (name, bytes) in &one {
            assert!(
                bytes == &four[name],
                "{sub}/{name} differs between --jobs 1 and --jobs 4"
            );
        }
    }
}

#[test]
fn json_and_csv_are_the_same_whatever_the_jobs() {
    same_outputs_whatever_the_jobs(&["--no-pdf"], &["json", "csv"]);
}

#[test]
fn pdfs_are_the_same_whatever_the_jobs() {
    same_outputs_whatever_the_jobs(&[], &["json", "csv", "pdf"]);
}
