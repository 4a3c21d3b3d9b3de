//! libFuzzer target: arbitrary bytes through the Word and OpenDocument
//! readers, both as a whole archive and as the main XML part of one, then
//! the recogniser. No panic; blocks are collapsed NFC text; whenever
//! findings are recognised every list item is accounted for.
//!
//! `cargo +nightly fuzz run office fuzz/corpus/office tests/fixtures/office`

#![no_main]

use std::io::Write;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mgi::read::{self, Form, collapse_whitespace};

fn zipped(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file(name, stored).unwrap();
    z.write_all(bytes).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz/input.docx");
    let inputs = [
        (Form::Docx, data.to_vec()),
        (Form::Odt, data.to_vec()),
        (Form::Docx, zipped("word/document.xml", data)),
        (Form::Odt, zipped("content.xml", data)),
    ];
    for (form, bytes) in inputs {
        let Ok((doc, _)) = read::read_bytes(path, &bytes, form) else {
            continue;
        };
        for b in &doc.blocks {
            assert!(b.line >= 1 && b.line <= bytes.len() + 1, "{b:?}");
            assert_eq!(collapse_whitespace(&b.text), b.text);
        }
        if let Ok(r) = mgi::recognise::recognise(&doc) {
            assert!(r.audit.holds(), "{:?}", r.audit);
        }
    }
});
