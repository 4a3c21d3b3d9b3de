//! Reading PDF files through `pdftotext`, on small PDFs written here by hand.

use std::path::Path;

use mgi::read::pdf::read_pdf;
use mgi::read::{Form, read_file};

mod common;
use common::pdf;

fn text_pdf() -> Vec<u8> {
    pdf("BT /F1 24 Tf 72 720 Td (Hello profile) Tj ET")
}

/// A page with a filled rectangle and no text.
fn scan_like_pdf() -> Vec<u8> {
    pdf("0 0 1 rg 72 500 200 200 re f")
}

fn texts(doc: &mgi::read::Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn reads_the_text_layer_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hello.pdf");
    let bytes = text_pdf();
    std::fs::write(&path, &bytes).unwrap();
    let doc = read_pdf(&path, &bytes).expect("readable PDF");
    assert_eq!(texts(&doc), ["Hello profile"]);
    assert_eq!(doc.blocks[0].line, 1);

    let (doc, form) = read_file(&path, Form::Auto).expect("readable PDF");
    assert_eq!(form, Form::Pdf);
    assert_eq!(texts(&doc), ["Hello profile"]);
}

#[test]
fn reads_bytes_without_a_file() {
    let doc = read_pdf(Path::new("no/such/dir/in-memory.pdf"), &text_pdf()).expect("readable");
    assert_eq!(texts(&doc), ["Hello profile"]);
}

#[test]
fn a_name_starting_with_a_dash_is_not_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("-v.pdf");
    let bytes = text_pdf();
    std::fs::write(&path, &bytes).unwrap();
    let doc = read_pdf(&path, &bytes).expect("readable PDF");
    assert_eq!(texts(&doc), ["Hello profile"]);
}

#[test]
fn page_without_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan.pdf");
    let bytes = scan_like_pdf();
    std::fs::write(&path, &bytes).unwrap();
    let err = read_pdf(&path, &bytes).unwrap_err();
    assert_eq!(
        err.message(),
        "the PDF has no text layer (a scan?): run OCR first or give a text copy"
    );
    assert_eq!(err.path, path);
}

#[test]
fn broken_pdf_gives_the_extractor_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.pdf");
    std::fs::write(&path, b"%PDF-1.4\nnot really a PDF\n").unwrap();
    let err = read_pdf(&path, b"%PDF-1.4\nnot really a PDF\n").unwrap_err();
    assert!(
        err.message().starts_with("pdftotext failed"),
        "{}",
        err.message()
    );
}

/// Lines that end with a hyphen: a range, a compound with a number, a word
/// broken by hyphenation, and a superscript footnote marker glued to a word.
fn hyphens_pdf() -> Vec<u8> {
    pdf("BT /F1 12 Tf 14 TL 72 720 Td \
         (The National Migration Policy \\(2020-) Tj T* \
         (2035\\) covers COVID-) Tj T* \
         (19 measures and labour migra-) Tj T* \
         (tion management.) Tj \
         /F1 7 Tf 5 Ts (7) Tj ET")
}

#[test]
fn hyphens_at_line_ends_are_left_to_the_printed_text_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hyphens.pdf");
    let bytes = hyphens_pdf();
    std::fs::write(&path, &bytes).unwrap();
    // pdftotext's plain mode would give "(20202035) covers COVID19".
    let text = mgi::read::pdf::extract_text(&path).unwrap();
    assert_eq!(
        text,
        "The National Migration Policy (2020-\n2035) covers COVID-\n19 measures and labour migra-\ntion management.7\n\n\u{0c}"
    );
    let doc = read_pdf(&path, &bytes).expect("readable PDF");
    assert_eq!(
        texts(&doc),
        [
            "The National Migration Policy (2020-2035) covers COVID-19 measures and labour migration management.7"
        ]
    );
}
