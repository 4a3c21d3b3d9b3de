//! The progress bar is for terminals only: a build whose stderr is a pipe or
//! a log gets the per-profile lines alone, as they happen.

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
    // Messages go to stderr; stdout is for data.
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
    let stdout = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<&str> = stdout.lines().collect();
    // One line per profile as each is done (each followed by its warnings),
    // then the summary.
    let (summary, rest) = lines.split_last().unwrap();
    let (warnings, profiles): (Vec<&str>, Vec<&str>) =
        rest.iter().partition(|l| l.contains(": warning: "));
    assert_eq!(profiles.len(), 8, "{stdout}");
    assert_eq!(warnings.len(), 3, "{stdout}");
    assert!(
        profiles.iter().all(|l| l.starts_with("built   ")),
        "{stdout}"
    );
    let mut sources: Vec<&str> = profiles
        .iter()
        .map(|l| l.rsplit_once(" (").unwrap().1)
        .collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), 8, "each profile once: {stdout}");
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
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(" profiles built, 0 failed"), "{stdout}");
}
