//! Files with nothing to read.

use super::*;

#[test]
fn empty_file_is_refused_with_advice() {
    let e = parse_err("empty.txt", b"");
    assert!(matches!(
        *e.kind,
        InputErrorKind::Read(read::error::ReadError::Empty)
    ));
    assert_eq!(
        e.message(),
        "the file is empty: save the profile's text into it, or remove it from the inputs"
    );
    assert!(
        e.to_string()
            .contains("empty.txt: error: the file is empty")
    );
}

#[test]
fn whitespace_only_is_refused_with_advice() {
    for blank in [
        " \n\t\r\n",
        "\u{a0}\u{2003}\n\u{3000}\u{200b}\n",
        "\u{feff}\n\n",
    ] {
        let e = parse_err("blank.txt", blank.as_bytes());
        assert_eq!(
            e.message(),
            "the file contains only whitespace: save the profile's text into it, or remove it from the inputs",
            "{blank:?}"
        );
    }
}

#[test]
fn binary_files_named_txt_are_refused() {
    let e = parse_err("profile.txt", PNG);
    assert_eq!(
        e.message(),
        "this is not a text file (looks like a PNG image): an image has no text to read: use the profile's web page or PDF"
    );
    // A ZIP archive is read as a word-processor document, whatever its name:
    // this one is cut short.
    let e = parse_err("profile.txt", ZIP);
    assert!(
        e.message().starts_with(
            "this looks like a ZIP archive (a .docx or .odt is one) but it is damaged ("
        ),
        "{}",
        e.message()
    );
    // Other binary bytes: the offset of the first zero byte.
    let mut bytes = b"Key findings\n".to_vec();
    bytes.extend_from_slice(&[0x00, 0x13, 0x37, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x02]);
    let e = parse_err("profile.txt", &bytes);
    assert!(
        e.message()
            .starts_with("this is not a text file (it contains a zero byte at byte offset 13)"),
        "{e}"
    );
}

#[test]
fn pdf_without_text_layer_is_refused() {
    for name in ["scan.pdf", "scan.txt"] {
        let e = parse_err(name, &scan_pdf());
        assert!(matches!(
            *e.kind,
            InputErrorKind::Pdf(read::error::PdfError::NoTextLayer)
        ));
        assert_eq!(
            e.message(),
            "the PDF has no text layer (a scan?): run OCR first or give a text copy",
            "{name}"
        );
        assert!(e.path.ends_with(name));
    }
}

#[test]
fn bad_files_are_reported_one_line_each_and_the_batch_goes_on() {
    let inputs = folder_with(&[MALI, "corpus/not-a-profile-hub-fr.txt"]);
    let dir = inputs.path();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("blank.txt"), b"  \n\n").unwrap();
    std::fs::write(dir.join("image.txt"), PNG).unwrap();
    std::fs::write(dir.join("archive.txt"), ZIP).unwrap();
    std::fs::write(dir.join("scan.pdf"), scan_pdf()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "--no-pdf",
            dir.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stderr);
    for (file, message) in [
        ("empty.txt", "the file is empty: "),
        ("blank.txt", "the file contains only whitespace: "),
        (
            "image.txt",
            "this is not a text file (looks like a PNG image)",
        ),
        (
            "archive.txt",
            "this looks like a ZIP archive (a .docx or .odt is one) but it is damaged",
        ),
        ("scan.pdf", "the PDF has no text layer (a scan?)"),
        (
            "not-a-profile-hub-fr.txt",
            "no key findings found: no bullet stands under both a domain heading and a list heading",
        ),
    ] {
        let line = format!("failed  {}: error: {message}", dir.join(file).display());
        assert!(stdout.contains(&line), "no `{line}` in:\n{stdout}");
    }
    assert!(stdout.contains("1 profile built, 6 failed"), "{stdout}");
    assert!(out.path().join("json/mali-2021-fr.json").is_file());
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
