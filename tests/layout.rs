//! PDFs read by their layout: web pages printed by Chromium (English,
//! French, Spanish, with and without the browser's header and footer),
//! LibreOffice reports with two-column key findings and with numbered
//! coloured boxes before the domain headings, and the Kiribati report.
//! The fixtures and their truth files are made by
//! `tests/fixtures/layout/make.py` from its own sources.

mod common;

use std::path::Path;

use common::fixture;
use mgi::model::Profile;
use mgi::read::layout::PrintForm;
use mgi::read::{BlockKind, Form};
use serde_json::Value;

fn parse(rel: &str) -> Profile {
    mgi::profile::parse_file(&fixture(rel), Form::Auto, None)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn layout(rel: &str) -> mgi::read::layout::Layout {
    mgi::read::pdf::read_pdf_layout(&fixture(rel), &[]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn truth(rel: &str) -> Value {
    let path = fixture(&rel.replace(".pdf", ".truth.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn findings(p: &Profile) -> Vec<(String, &'static str, String)> {
    p.findings()
        .map(|(d, k, _, f)| (d.domain.as_str().to_string(), k.as_str(), f.text.clone()))
        .collect()
}

/// The list items of the truth, (text, depth), in order.
fn truth_items(t: &Value) -> Vec<(String, usize)> {
    t["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["text"].as_str().unwrap().to_string(),
                i["depth"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

/// The list items the layout reader gives, (text, depth), in order.
fn list_items(l: &mgi::read::layout::Layout) -> Vec<(String, usize)> {
    l.doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::ListItem { depth } => Some((b.text.clone(), depth)),
            _ => None,
        })
        .collect()
}

/// Every letter printed on the pages is in some block: nothing dropped.
fn assert_every_letter_kept(rel: &str, l: &mgi::read::layout::Layout) {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(fixture(rel))
        .arg("-")
        .output()
        .unwrap();
    let count = |s: &str| {
        let mut letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        letters.sort_unstable();
        letters
    };
    let printed =
        count(&String::from_utf8_lossy(&out.stdout).replace(['\u{fb01}', '\u{fb02}'], "fi"));
    let blocks: String = l
        .doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        count(&blocks).len(),
        printed.len(),
        "{rel}: letters lost or added"
    );
}

const PRINTS: [(&str, &str); 3] = [
    ("tonga-2023-en", "en"),
    ("senegal-2022-fr", "fr"),
    ("ecuador-2021-es", "es"),
];

#[test]
fn browser_print_gives_the_findings_of_its_page() {
    for (stem, lang) in PRINTS {
        let html = parse(&format!("layout/{stem}.html"));
        assert!(html.findings().count() >= 15, "{stem}");
        for suffix in ["-print", "-print-hf"] {
            let rel = format!("layout/{stem}{suffix}.pdf");
            let pdf = parse(&rel);
            assert_eq!(findings(&pdf), findings(&html), "{rel}");
            assert_eq!(pdf.language, lang, "{rel}");
            let l = layout(&rel);
            assert_eq!(list_items(&l), truth_items(&truth(&rel)), "{rel}");
            assert_eq!(l.form, PrintForm::WebPage, "{rel}: {}", l.evidence);
            assert_every_letter_kept(&rel, &l);
        }
    }
}

#[test]
fn browser_header_and_footer_are_notes_and_the_evidence() {
    let l = layout("layout/tonga-2023-en-print-hf.pdf");
    assert!(l.evidence.contains("on 3 of 3 pages"), "{}", l.evidence);
    let notes: Vec<&str> = l
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .map(|b| b.text.as_str())
        .collect();
    for page in ["1/3", "2/3", "3/3"] {
        assert!(notes.contains(&page), "{page} in {notes:?}");
    }
    assert!(notes.iter().any(|n| n.starts_with("file:///")));
    // None of it inside a finding.
    for (_, _, text) in findings(&parse("layout/tonga-2023-en-print-hf.pdf")) {
        assert!(
            !text.contains("Migration Data Portal") && !text.contains("file:"),
            "{text}"
        );
    }
}

#[test]
fn long_title_is_joined_over_its_lines() {
    let l = layout("layout/tonga-2023-en-print.pdf");
    assert!(l.doc.blocks.iter().any(|b| b.kind == BlockKind::Heading
        && b.text == "Second Migration Governance Profile: Kingdom of Tonga (2023)"),);
    let p = parse("layout/tonga-2023-en-print.pdf");
    assert_eq!(p.year, Some(2023));
    assert_eq!(p.country_iso3.as_deref(), Some("TON"));
}

fn assert_report(rel: &str) -> mgi::read::layout::Layout {
    let l = layout(rel);
    let t = truth(rel);
    assert_eq!(list_items(&l), truth_items(&t), "{rel}");
    assert_eq!(l.form, PrintForm::Report, "{rel}: {}", l.evidence);
    // Every finding in order, each with its sub-points (the recogniser
    // attaches those to their finding).
    let p = parse(rel);
    let got = findings(&p);
    let mut tops: Vec<(String, &str, String, Vec<String>)> = Vec::new();
    for i in t["items"].as_array().unwrap() {
        let text = i["text"].as_str().unwrap().to_string();
        if i["depth"].as_u64().unwrap() > 0 {
            tops.last_mut().unwrap().3.push(text);
        } else {
            let kind = if i["kind"] == "strength" {
                "strength"
            } else {
                "improvement"
            };
            tops.push((
                i["domain"].as_str().unwrap().to_string(),
                kind,
                text,
                Vec::new(),
            ));
        }
    }
    assert_eq!(got.len(), tops.len(), "{rel}: {got:#?}");
    for ((domain, kind, text), (want_domain, want_kind, want_text, subs)) in got.iter().zip(&tops) {
        assert_eq!((domain, *kind), (want_domain, *want_kind), "{rel}: {text}");
        assert!(
            text.starts_with(want_text.as_str()),
            "{rel}: {text} is not {want_text}"
        );
        for sub in subs {
            assert!(text.contains(sub.as_str()), "{rel}: {sub} not in {text}");
        }
    }
    assert_every_letter_kept(rel, &l);
    l
}

#[test]
fn two_column_report_gives_every_finding_in_order() {
    assert_report("layout/tonga-2023-en-report-columns.pdf");
}

#[test]
fn icon_box_report_keeps_footnotes_out_of_findings() {
    let rel = "layout/tonga-2023-en-report-boxes.pdf";
    let l = assert_report(rel);
    let t = truth(rel);
    let notes: Vec<&str> = l
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .map(|b| b.text.as_str())
        .collect();
    for note in t["footnotes"].as_array().unwrap() {
        let note = note.as_str().unwrap();
        assert!(
            notes.iter().any(|n| n.ends_with(note)),
            "footnote {note} not a note"
        );
        for (_, _, text) in findings(&parse(rel)) {
            assert!(!text.contains(note), "footnote glued to {text}");
        }
    }
    // The numbered boxes' headings are read by their text.
    assert!(l.doc.blocks.iter().any(|b| b.kind == BlockKind::Heading
        && b.text == "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANTS’ RIGHTS"));
}

#[test]
fn kiribati_report_parses_to_its_truth() {
    let rel = "corpus/kiribati-2023-en-print.pdf";
    let p = parse(rel);
    let t: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("corpus/kiribati-2023-en-print.truth.json")).unwrap(),
    )
    .unwrap();
    for field in [
        "place",
        "country_iso3",
        "year",
        "edition",
        "title",
        "language",
    ] {
        assert_eq!(
            serde_json::to_value(&p).unwrap()[field],
            t[field],
            "{field}"
        );
    }
    for (d, want) in p.domains.iter().zip(t["domains"].as_array().unwrap()) {
        assert_eq!(d.domain.as_str(), want["domain"].as_str().unwrap());
        for (list, key) in [
            (&d.strengths, "strengths"),
            (&d.improvements, "improvements"),
        ] {
            let got: Vec<&str> = list.iter().map(|f| f.text.as_str()).collect();
            let want: Vec<&str> = want[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(got, want, "{} {key}", d.domain.as_str());
        }
    }
    assert_eq!(p.domains.len(), t["domains"].as_array().unwrap().len());
    assert_eq!(layout(rel).form, PrintForm::Report);
}

#[test]
fn fixtures_script_is_committed_with_its_sources() {
    for f in ["make.py", "content.py"] {
        assert!(Path::new(&fixture(&format!("layout/{f}"))).exists());
    }
}

#[test]
fn check_says_which_form_was_chosen_and_why() {
    let o = common::mgi(
        &[
            "check",
            fixture("layout/tonga-2023-en-print-hf.pdf")
                .to_str()
                .unwrap(),
            fixture("layout/senegal-2022-fr-print.pdf")
                .to_str()
                .unwrap(),
            fixture("layout/tonga-2023-en-report-boxes.pdf")
                .to_str()
                .unwrap(),
        ],
        &common::root(),
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    for (file, note) in [
        (
            "tonga-2023-en-print-hf.pdf",
            "note: read as a web page printed from a browser (a browser's print header or footer (date, address, page n/N) on 3 of 3 pages)",
        ),
        (
            "senegal-2022-fr-print.pdf",
            "note: read as a web page printed from a browser (the PDF was made by a browser (HeadlessChrome))",
        ),
        (
            "tonga-2023-en-report-boxes.pdf",
            "note: read as a printed report (a running header on 5 of 5 pages (\"MIGRATION GOVERNANCE INDICATORS SECOND PROFILE 2023 | KINGDOM OF TONGA\"))",
        ),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.ends_with(&format!("{file}: {note}"))),
            "{file}: {stdout}"
        );
    }
}

#[test]
fn columns_side_by_side_in_text_are_named_not_scrambled_silently() {
    let rel = "layout/tonga-2023-en-report-columns-layout.pdftotext";
    let message = match mgi::profile::parse_file(&fixture(rel), Form::Auto, None) {
        Ok(p) => p
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .find(|m| m.starts_with(mgi::warning::SIDE_BY_SIDE_START))
            .expect("a warning about the columns"),
        Err(e) => e.message(),
    };
    assert!(message.contains("two columns side by side"), "{message}");
    assert!(message.contains("give the PDF itself"), "{message}");
    // One-column texts made by the same tools give no such warning.
    for rel in [
        "layout/tonga-2023-en-report-boxes-layout.pdftotext",
        "corpus/kiribati-2023-en-print-layout.txt",
        "corpus/zimbabwe-2021-en-print.txt",
    ] {
        let text = std::fs::read_to_string(fixture(rel)).unwrap();
        assert!(mgi::read::columns::side_by_side(&text).is_none(), "{rel}");
    }
}
