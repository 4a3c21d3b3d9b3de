//! Nothing lost, line by line: every line of a text input that is not blank
//! ends in some block (a heading, a paragraph, a list item or a note for page
//! furniture and footnotes), and the recogniser accounts for every block of
//! the key findings (a finding or part of one, a heading, furniture, or a
//! warning).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use mgi::read::{self, Form, collapse_whitespace};
use mgi::recognise;

fn text_fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The lines of `path` that hold something, as the readers number them.
fn lines_with_text(path: &Path) -> Vec<(usize, String)> {
    let bytes = std::fs::read(path).unwrap();
    let decoded = read::decode::decode(&bytes).unwrap();
    let text = read::prepare_text(&decoded.text);
    read::text::lines(&text)
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !collapse_whitespace(&l.replace('\u{c}', " ")).is_empty())
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

#[test]
fn every_line_of_every_text_fixture_ends_in_a_block() {
    let fixtures = text_fixtures();
    assert!(
        fixtures.len() >= 20,
        "only {} text fixtures",
        fixtures.len()
    );
    for path in &fixtures {
        let (doc, _) = read::read_file(path, Form::Auto).unwrap();
        let covered: HashSet<usize> = doc
            .blocks
            .iter()
            .flat_map(|b| b.line..=b.last_line)
            .chain(doc.furniture.iter().copied())
            .collect();
        let lost: Vec<(usize, String)> = lines_with_text(path)
            .into_iter()
            .filter(|(no, _)| !covered.contains(no))
            .collect();
        assert!(
            lost.is_empty(),
            "{}: lines in no block: {:?}",
            path.display(),
            &lost[..lost.len().min(5)]
        );
    }
}

#[test]
fn every_block_of_the_key_findings_is_accounted_for() {
    for path in text_fixtures() {
        let (doc, _) = read::read_file(&path, Form::Auto).unwrap();
        if let Ok(r) = recognise::recognise(&doc) {
            assert!(r.audit.holds(), "{}: {:?}", path.display(), r.audit);
            assert!(r.audit.blocks_in_findings > 0, "{}", path.display());
        }
    }
}
