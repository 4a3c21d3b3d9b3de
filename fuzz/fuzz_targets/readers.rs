//! libFuzzer target: arbitrary bytes through the text, print and HTML
//! readers and the recogniser. No panic; blocks are collapsed NFC text;
//! whenever findings are recognised every list item is accounted for and
//! every finding is a list item of the input.
//!
//! `cargo +nightly fuzz run readers fuzz/corpus/readers tests/fixtures/corpus -- -dict=fuzz/readers.dict`

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use mgi::read::{self, Form, collapse_whitespace};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz/input.txt");
    for form in [Form::Text, Form::Print, Form::Html] {
        let Ok((doc, _)) = read::read_bytes(path, data, form) else {
            continue;
        };
        for b in &doc.blocks {
            assert!(b.line >= 1 && b.line <= data.len() + 1, "{b:?}");
            assert_eq!(collapse_whitespace(&b.text), b.text);
        }
        let Ok(r) = mgi::recognise::recognise(&doc) else {
            continue;
        };
        assert!(r.audit.holds(), "{:?}", r.audit);
        let mut n = 0;
        for d in &r.domains {
            for f in d.strengths.iter().chain(&d.improvements) {
                n += 1;
                assert!(!f.text.is_empty());
                assert!(
                    doc.blocks
                        .iter()
                        .any(|b| b.is_list_item() && b.line == f.line && b.text == f.text),
                    "{f:?}"
                );
            }
        }
        assert_eq!(n, r.audit.items_as_findings);
        let p = mgi::profile::assemble(r, path, Default::default());
        assert!(
            p.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
    }
});
