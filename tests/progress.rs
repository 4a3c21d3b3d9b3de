//! The progress bar is for terminals only: a build whose stderr is a pipe or
//! a log prints exactly what it always did.

mod common;

use common::*;

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "inputs",
            "--no-pdf",
            "-o",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    // One line per profile, in input order, then the summary.
    let (summary, profiles) = lines.split_last().unwrap();
    assert!(profiles.len() > 1, "{stdout}");
    assert!(
        profiles.iter().all(|l| l.starts_with("built   ")),
        "{stdout}"
    );
    let sources: Vec<&str> = profiles
        .iter()
        .map(|l| l.rsplit_once(" (").unwrap().1)
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    assert!(
        summary.starts_with(&format!("{} profiles built, 0 failed", profiles.len())),
        "{stdout}"
    );
}

#[test]
fn quiet_prints_the_summary_only() {
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "inputs",
            "--no-pdf",
            "-q",
            "-o",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(" profiles built, 0 failed"), "{stdout}");
}
