//! The printed-profile reader on the Zimbabwe sample (text extracted with
//! `pdftotext` from a printed profile) against its truth file.

use std::path::Path;

use mgi::read::print::read_print;
use mgi::read::{Block, BlockKind, Document, Form, collapse_whitespace, read_bytes};
use serde_json::Value;

const SAMPLE: &str = include_str!("fixtures/corpus/zimbabwe-2021-en-print.txt");
const TRUTH: &str = include_str!("fixtures/corpus/zimbabwe-2021-en-print.truth.json");
const HEADER: &str = "MIGRATION GOVERNANCE INDICATORS PROFILE 2021 | REPUBLIC OF ZIMBABWE";

fn doc() -> Document {
    read_print(SAMPLE)
}

fn truth() -> Value {
    serde_json::from_str(TRUTH).expect("truth is JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// Every finding of the truth, in its order (domain by domain, strengths
/// then improvements).
fn truth_findings() -> Vec<String> {
    let truth = truth();
    let mut out = Vec::new();
    for d in truth["domains"].as_array().expect("domains") {
        out.extend(strings(&d["strengths"]));
        out.extend(strings(&d["improvements"]));
    }
    out
}

fn list_items(doc: &Document) -> Vec<&Block> {
    doc.blocks.iter().filter(|b| b.is_list_item()).collect()
}

fn has_heading_or_paragraph(doc: &Document, text: &str) -> bool {
    doc.blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Paragraph) && b.text == text)
}

#[test]
fn every_finding_is_a_list_item_in_truth_order() {
    let doc = doc();
    let findings = truth_findings();
    // 5 + 5 + 3 + 4 + 3 + 3 over the six domains.
    assert_eq!(findings.len(), 23);
    let matched: Vec<&str> = list_items(&doc)
        .into_iter()
        .filter(|b| findings.contains(&b.text))
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(matched, findings);
    for b in list_items(&doc) {
        assert_eq!(b.kind, BlockKind::ListItem { depth: 0 });
    }
}

#[test]
fn bullets_of_other_sections_are_list_items_too() {
    let doc = doc();
    let items: Vec<&str> = list_items(&doc).iter().map(|b| b.text.as_str()).collect();
    for text in strings(&truth()["not_findings"]) {
        assert!(items.contains(&text.as_str()), "missing list item: {text}");
    }
    // Findings plus the other sections' bullets: nothing else is a bullet.
    assert_eq!(items.len(), 23 + 12);
}

#[test]
fn no_list_item_holds_page_furniture() {
    let doc = doc();
    let page_numbers: Vec<String> = (3..=15).map(|n| n.to_string()).collect();
    for b in list_items(&doc) {
        assert!(!b.text.contains(HEADER), "running header in {:?}", b.text);
        assert!(!b.text.contains("GOVERNANCE INDICATORS"), "{:?}", b.text);
        assert!(
            !b.text
                .split(' ')
                .any(|w| page_numbers.iter().any(|n| n == w)),
            "page number in {:?}",
            b.text
        );
        assert!(!b.text.contains('\u{0c}'));
    }
}

#[test]
fn item_broken_by_a_page_break_is_joined() {
    let doc = doc();
    let item = doc
        .blocks
        .iter()
        .find(|b| {
            b.text
                .starts_with("The Beitbridge Border Post, the busiest")
        })
        .expect("the item");
    assert!(item.is_list_item());
    assert!(
        item.text
            .contains("lanes for unaccompanied children, victims of trafficking")
    );
    // The line of its bullet mark.
    assert_eq!(item.line, 300);
}

#[test]
fn section_and_domain_headings() {
    let doc = doc();
    for h in [
        "KEY FINDINGS",
        "COVID-19 ANALYSIS",
        "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANTS’ RIGHTS",
        "FORMULATES POLICY USING EVIDENCE AND WHOLE-OF-GOVERNMENT APPROACH",
        "ENSURES THAT MIGRATION TAKES PLACE IN A SAFE, ORDERLY AND DIGNIFIED MANNER",
        "Well-developed areas",
        "Areas with potential for further development",
    ] {
        assert!(has_heading_or_paragraph(&doc, h), "no heading {h:?}");
    }
    let joined = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("ADHERENCE TO INTERNATIONAL"))
        .expect("the heading");
    assert_eq!(joined.line, 162);
}

#[test]
fn table_of_contents_is_gone() {
    let doc = doc();
    assert!(doc.blocks.iter().all(|b| !b.text.contains("....")));
    // The section titles appear once each, as headings of their sections.
    let key_findings = doc
        .blocks
        .iter()
        .filter(|b| b.text == "KEY FINDINGS")
        .count();
    assert_eq!(key_findings, 1);
}

#[test]
fn running_header_is_removed_and_kept_aside() {
    let doc = doc();
    assert_eq!(doc.running_header.as_deref(), Some(HEADER));
    assert!(doc.blocks.iter().all(|b| b.text != HEADER));
}

#[test]
fn ligatures_are_letters() {
    let doc = doc();
    for b in &doc.blocks {
        assert!(
            !b.text
                .chars()
                .any(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)),
            "ligature in {:?}",
            b.text
        );
    }
}

#[test]
fn citation_gives_the_title() {
    let doc = doc();
    let citation = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("Required citation:"))
        .expect("the citation");
    assert_eq!(citation.kind, BlockKind::Paragraph);
    assert!(
        citation
            .text
            .contains("Migration Governance Indicators Profile 2021 | Republic of Zimbabwe"),
        "{}",
        citation.text
    );
    assert_eq!(citation.line, 37);
}

#[test]
fn footnote_bodies_are_notes() {
    let doc = doc();
    let note = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("7 The National Taskforce"))
        .expect("the footnote");
    assert_eq!(note.kind, BlockKind::Note);
    assert_eq!(
        note.text,
        "7 The National Taskforce on Migration was established in 2018 and meets quarterly."
    );
    assert_eq!(note.line, 224);
    for start in [
        "1 IOM, World Migration Report",
        "2 United Nations",
        "4 The MGI assessment",
    ] {
        let b = doc
            .blocks
            .iter()
            .find(|b| b.text.starts_with(start))
            .expect(start);
        assert_eq!(b.kind, BlockKind::Note, "{start}");
    }
    // The glued marker stays in the finding.
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.is_list_item() && b.text.ends_with("migration management.7"))
    );
}

#[test]
fn hyphenation_is_undone_only_inside_words() {
    let doc = doc();
    let all: String = doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for word in [
        "becoming",
        "necessarily",
        "Intelligence",
        "education",
        "modernized",
    ] {
        assert!(all.contains(word), "{word}");
    }
    assert!(all.contains("(2019-2021)"));
    assert!(all.contains("non-citizens"));
}

#[test]
fn blocks_are_collapsed_and_lines_are_input_lines() {
    let doc = doc();
    let lines: Vec<&str> = mgi::read::text::lines(SAMPLE);
    let mut last = 0;
    for b in &doc.blocks {
        assert!(!b.text.is_empty());
        assert_eq!(b.text, collapse_whitespace(&b.text));
        assert!(b.line >= 1 && b.line <= lines.len());
        assert!(b.line >= last, "blocks out of order at line {}", b.line);
        last = b.line;
    }
    let first = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("The Constitution of Zimbabwe"))
        .expect("first finding");
    assert_eq!(lines[first.line - 1], "•");
}

#[test]
fn detected_as_print_by_its_form_feeds() {
    let (doc, form) =
        read_bytes(Path::new("zimbabwe.txt"), SAMPLE.as_bytes(), Form::Auto).expect("readable");
    assert_eq!(form, Form::Print);
    assert_eq!(doc.running_header.as_deref(), Some(HEADER));
    assert_eq!(doc.blocks, read_print(SAMPLE).blocks);
}
