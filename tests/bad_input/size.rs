//! Size.

use super::*;

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    assert_eq!(MAX_INPUT_BYTES, 64 * 1024 * 1024, "the README says 64 MiB");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // Sparse: no disk space and no time, but 100 MB as far as anyone asks.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1000 * 1000)
        .unwrap();
    let e = read::read_file(&path, Form::Auto).unwrap_err();
    assert!(matches!(
        *e.kind,
        InputErrorKind::TooLarge {
            len: Some(100_000_000)
        }
    ));
    assert_eq!(
        e.message(),
        "the file is too large: 95.4 MiB (100000000 bytes); the limit is 64 MiB (67108864 bytes). \
         MGI profiles are far smaller: check that this is a profile, or keep only the profile's text"
    );
    let o = mgi(&["check", path.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("huge.txt: error: the file is too large: 95.4 MiB"),
        "{stdout}"
    );

    // One byte over is over; at the limit is read (and found not to be text).
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES + 1)
        .unwrap();
    let e = read::read_file(&path, Form::Auto).unwrap_err();
    assert!(
        e.message()
            .starts_with("the file is too large: 64.0 MiB (67108865 bytes)")
    );
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES)
        .unwrap();
    let e = read::read_file(&path, Form::Auto).unwrap_err();
    assert!(
        e.message()
            .starts_with("this is not a text file (it contains a zero byte at byte offset 0)"),
        "{e}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_input_is_cut_at_the_limit() {
    let e = read::read_file(Path::new("/dev/zero"), Form::Auto).unwrap_err();
    assert!(matches!(*e.kind, InputErrorKind::TooLarge { len: None }));
    assert!(
        e.message().starts_with(
            "the file is too large: endless or growing (more than the limit was read); the limit is 64 MiB"
        ),
        "{e}"
    );
}

#[test]
fn a_page_nesting_elements_without_end_is_refused_before_parsing() {
    // A generator that never closes its elements: the HTML parser would
    // take minutes (its time grows with the square of the depth).
    let html = format!(
        "<!DOCTYPE html>\n<html><body>\n<main>\n{}\n<p>Key findings</p>",
        "<div class=\"row\"><section>".repeat(50_000)
    );
    let e = parse_err("page.html", html.as_bytes());
    assert_eq!(
        e.message(),
        format!(
            "the page nests its elements more than {} deep (from line 4): it is probably damaged; save it again from the browser, or give a text copy or the PDF",
            mgi::read::html::MAX_NESTING
        )
    );
}

#[test]
fn a_folder_given_as_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = read::read_file(dir.path(), Form::Auto).unwrap_err();
    assert!(matches!(*e.kind, InputErrorKind::Folder));
    assert!(
        e.message().starts_with("this is a folder, not a file"),
        "{e}"
    );
}

/// A megabyte of words, unlike any heading.
fn megabyte_of_words() -> String {
    let words = ["migrants", "accès", "santé", "2021", "l’emploi", "données"];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < 1 << 20 {
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i += 1;
    }
    s.trim_end().to_string()
}

#[test]
fn megabyte_lines_are_read_whole() {
    let long = megabyte_of_words();
    let one_word = "x".repeat(1 << 20);
    // A finding of a megabyte; a paragraph of one megabyte-long word and
    // one of a megabyte of words in the introduction.
    let text = mali_with_line(68, &format!("  • {long}"));
    let text = text.replacen(
        "Cliquez sur la roue",
        &format!("{one_word}\n\n{long}\n\nCliquez sur la roue"),
        1,
    );
    let p = parse_ok("mali.txt", text.as_bytes());
    assert_eq!(p.domains[0].strengths[0].text, long);
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    assert_eq!(p.findings().count(), original.findings().count());
}

#[test]
fn fifty_megabytes_of_bullets_are_read_in_one_pass() {
    // Many short bullets under one list heading, just under the limit. The
    // readers and the recogniser are linear (no search of the list for
    // repeats, no re-scan of lines): this completes; no time is asserted.
    let text = fixture_text(MALI);
    let lines = lines_of(&text);
    let mut big = lines[..69].join("\n");
    big.push('\n');
    let mut n = 0;
    while big.len() < 50 * 1024 * 1024 {
        n += 1;
        big.push_str(&format!(
            "  • Constatation numéro {n} : le cadre juridique prévoit un point précis.\n"
        ));
    }
    big.push_str(&lines[69..].join("\n"));
    assert!((big.len() as u64) < MAX_INPUT_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &big).unwrap();
    drop(big);
    let (doc, _) = read::read_file(&path, Form::Auto).unwrap();
    let rec = recognise::recognise(&doc).unwrap();
    assert!(rec.audit.holds());
    let original = recognised(&text);
    assert_eq!(
        rec.audit.items_as_findings,
        original.audit.items_as_findings + n
    );
    assert_eq!(
        rec.domains[0].strengths[2 + n - 1].text,
        format!("Constatation numéro {n} : le cadre juridique prévoit un point précis.")
    );
}
