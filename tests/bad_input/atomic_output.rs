//! Atomic output: a build killed midway leaves only complete files.

use super::*;

fn pdf_is_complete(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
    assert!(tail.trim_end().ends_with("%%EOF"), "{}", path.display());
    let o = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf is installed by scripts/setup");
    assert!(
        o.status.success(),
        "qpdf --check {}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(pdf_text(path).len() > 100, "{}", path.display());
}

fn hidden_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_only_complete_files() {
    use std::os::unix::process::CommandExt;
    use std::time::{Duration, Instant};

    let inputs = tempfile::tempdir().unwrap();
    let corpus = [
        MALI,
        GUATEMALA,
        "corpus/ghana-2022-en-web.txt",
        "corpus/nairobi-2020-en-web-local.txt",
        "corpus/niger-2019-fr-web.txt",
        "corpus/niger-2022-fr-web.txt",
        "corpus/zimbabwe-2021-en-print.txt",
        "corpus/fiji-2023-en-html.html",
    ];
    for i in 0..40 {
        let src = fixture(corpus[i % corpus.len()]);
        let ext = src.extension().unwrap().to_str().unwrap();
        std::fs::copy(&src, inputs.path().join(format!("copy-{i:02}.{ext}"))).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let args = [
        "build",
        inputs.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ];
    // Its own process group, so that its typst children go with it.
    let mut child = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let pdf_dir = out.path().join("pdf");
    let start = Instant::now();
    while visible_files(&pdf_dir).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before any PDF was seen"
        );
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no PDF after 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the build was killed, not finished");
    let written = visible_files(&pdf_dir).len();
    assert!(
        written < 40,
        "the build was killed midway, not after the last PDF ({written} PDFs)"
    );

    // Every file in place is whole.
    for f in visible_files(&out.path().join("json")) {
        let p: Profile = serde_json::from_str(&std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(p.findings().count() > 0);
    }
    for f in visible_files(&pdf_dir) {
        pdf_is_complete(&f);
    }
    for f in visible_files(&out.path().join("csv")) {
        csv_rows(&f);
    }

    // Built again: every profile, every file whole, no temporary file left.
    let o = mgi(&args, &root());
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.contains("40 profiles built, 0 failed"), "{stdout}");
    for d in ["json", "pdf", "csv"] {
        let dir = out.path().join(d);
        assert_eq!(hidden_files(&dir), Vec::<PathBuf>::new(), "{d}");
    }
    assert_eq!(visible_files(&out.path().join("json")).len(), 40);
    let pdfs = visible_files(&pdf_dir);
    // One PDF per profile, and the compendium of them all.
    assert_eq!(pdfs.len(), 41);
    assert!(pdfs.iter().any(|p| p.ends_with("compendium.pdf")));
    for f in &pdfs {
        pdf_is_complete(f);
    }
    assert_eq!(
        csv_rows(&out.path().join("csv/profiles.csv")).len(),
        40,
        "one row per profile"
    );
}
