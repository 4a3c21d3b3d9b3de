//! The HTML reader on whole pages: a Drupal page saved from a browser and a
//! Word "Save as HTML" export in windows-1252.

use std::path::Path;

use mgi::read::html::read_html;
use mgi::read::{Block, BlockKind, Document, Form, read_bytes};

const FIJI: &str = "tests/fixtures/corpus/fiji-2023-en-html.html";
const FIJI_TRUTH: &str = "tests/fixtures/corpus/fiji-2023-en-html.truth.json";
const WORD: &str = "tests/fixtures/word-export-fr.html";

fn read_fixture(path: &str) -> (Vec<u8>, Document) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = read_html(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    (bytes, doc)
}

fn truth() -> serde_json::Value {
    let text = std::fs::read_to_string(FIJI_TRUTH).expect("truth file");
    serde_json::from_str(&text).expect("valid truth JSON")
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// The findings of the truth, domain by domain, strengths then improvements.
fn truth_findings(truth: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for domain in truth["domains"].as_array().expect("domains") {
        out.extend(strings(&domain["strengths"]));
        out.extend(strings(&domain["improvements"]));
    }
    out
}

fn source_lines(bytes: &[u8]) -> Vec<String> {
    // Both fixtures decode losslessly enough for tag matching.
    String::from_utf8_lossy(bytes)
        .split('\n')
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

fn has(doc: &Document, kind: BlockKind, text: &str) -> bool {
    doc.blocks.iter().any(|b| b.kind == kind && b.text == text)
}

fn items(doc: &Document) -> Vec<&Block> {
    doc.blocks.iter().filter(|b| b.is_list_item()).collect()
}

#[test]
fn fiji_findings_are_the_list_items_in_order() {
    let (_, doc) = read_fixture(FIJI);
    let truth = truth();
    let key_findings = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading && b.text == "Key findings")
        .expect("a Key findings heading");
    let in_section: Vec<&str> = doc.blocks[key_findings..]
        .iter()
        .filter(|b| b.is_list_item())
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(in_section, truth_findings(&truth));
    // And there are no other list items on the page (menus, breadcrumb, footer).
    assert_eq!(items(&doc).len(), in_section.len());
    assert!(
        items(&doc)
            .iter()
            .all(|b| b.kind == BlockKind::ListItem { depth: 0 })
    );
}

#[test]
fn fiji_chrome_lists_are_not_items() {
    let (_, doc) = read_fixture(FIJI);
    let not_findings = strings(&truth()["not_findings"]);
    for item in items(&doc) {
        assert!(
            !not_findings.contains(&item.text),
            "chrome became a list item: {:?}",
            item.text
        );
    }
}

#[test]
fn fiji_headings_title_and_date() {
    let (_, doc) = read_fixture(FIJI);
    assert!(has(
        &doc,
        BlockKind::Heading,
        "Migration Governance Profile: Republic of Fiji (2023)"
    ));
    for domain in [
        "Migrants' rights",
        "Whole of government approach",
        "Partnerships",
        "Well-being of migrants",
        "Mobility dimensions of crises",
        "Safe, orderly and regular migration",
    ] {
        // Once in the domain descriptions, once in the key findings; the
        // SVG wheel and the settings script must not add a third.
        let headings = doc
            .blocks
            .iter()
            .filter(|b| b.text == domain)
            .inspect(|b| assert_eq!(b.kind, BlockKind::Heading, "{domain}"))
            .count();
        assert_eq!(headings, 2, "{domain}");
    }
    assert!(has(
        &doc,
        BlockKind::Heading,
        "Migration governance: examples of well-developed areas:"
    ));
    assert!(has(
        &doc,
        BlockKind::Heading,
        "Areas with potential for further development:"
    ));
    assert!(has(&doc, BlockKind::Paragraph, "2023 June"));
    assert_eq!(doc.declared_language.as_deref(), Some("en"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn fiji_has_no_chrome_text() {
    let (_, doc) = read_fixture(FIJI);
    let chrome = [
        // head, scripts and styles
        "Fiji | Migration data portal",
        "gtag",
        "dataLayer",
        "drupal",
        "Drupal",
        "jQuery",
        "scrollIntoView",
        "font:600",
        "{",
        // cookie banner (also the copies inside scripts)
        "cookie",
        "Cookie",
        "OK, I agree",
        "No, thanks",
        "give me more info",
        // navigation, skip link, language switcher, breadcrumb, footer
        "Skip to main content",
        "Main navigation",
        "Breadcrumb",
        "Labour migration",
        "Français",
        "Privacy policy",
        "Terms of use",
        "Contact us",
        "©",
    ];
    for block in &doc.blocks {
        for c in chrome {
            assert!(!block.text.contains(c), "{c:?} in block {:?}", block.text);
        }
        // The SVG wheel's title and centre.
        assert!(block.text != "MiGOF" && block.text != "MGI", "{block:?}");
    }
}

#[test]
fn fiji_lines_point_at_start_tags() {
    let (bytes, doc) = read_fixture(FIJI);
    let lines = source_lines(&bytes);
    let first = items(&doc)[0];
    let expected = lines
        .iter()
        .position(|l| l.trim_start().starts_with("<li>The <em>Constitution"))
        .expect("the first finding in the source")
        + 1;
    assert_eq!(first.line, expected);
    assert!(doc.blocks.windows(2).all(|w| w[0].line <= w[1].line));
    for block in &doc.blocks {
        let source = lines[block.line - 1].trim_start();
        let tag = match block.kind {
            BlockKind::ListItem { .. } => "<li",
            BlockKind::Heading => "<h",
            _ => "<",
        };
        let tag_ok = source.starts_with(tag)
            || (block.kind == BlockKind::Heading && source.starts_with("<p><strong>"));
        assert!(tag_ok, "line {} is {source:?} for {block:?}", block.line);
    }
    let title = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("Migration Governance Profile"))
        .expect("the title");
    assert!(lines[title.line - 1].trim_start().starts_with("<h1"));
}

#[test]
fn fiji_through_form_detection() {
    let bytes = std::fs::read(FIJI).expect("fixture");
    let (doc, form) = read_bytes(Path::new(FIJI), &bytes, Form::Auto).expect("readable");
    assert_eq!(form, Form::Html);
    assert_eq!(items(&doc).len(), truth_findings(&truth()).len());
}

#[test]
fn word_export_is_read_as_windows_1252() {
    let (bytes, doc) = read_fixture(WORD);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must be windows-1252"
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.declared_language.as_deref(), Some("fr"));
    assert!(has(
        &doc,
        BlockKind::Heading,
        "Profil de gouvernance des migrations : République du Mali (2021)"
    ));
    assert!(has(&doc, BlockKind::Heading, "Droits des migrants"));
    assert!(has(
        &doc,
        BlockKind::Heading,
        "Approche globale de l’administration publique"
    ));
    for list_heading in [
        "Gouvernance de la migration : exemples d’aspects bien développés :",
        "Aspects qui pourraient être renforcés :",
    ] {
        let n = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading && b.text == list_heading)
            .count();
        assert_eq!(n, 2, "{list_heading}");
    }
}

#[test]
fn word_export_list_paragraphs_are_items() {
    let (_, doc) = read_fixture(WORD);
    let got: Vec<(usize, &str)> = items(&doc)
        .iter()
        .map(|b| match b.kind {
            BlockKind::ListItem { depth } => (depth, b.text.as_str()),
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                0,
                "La Constitution de 1992 garantit l’égalité de tous devant la loi, sans distinction d’origine."
            ),
            (
                0,
                "Les étrangers ont accès aux soins de santé publics dans les mêmes conditions que les nationaux :"
            ),
            (1, "soins d’urgence ;"),
            (1, "vaccination des enfants (« Programme élargi »)."),
            (
                0,
                "Le Mali n’a pas ratifié la Convention n° 143 de l’OIT sur les travailleurs migrants."
            ),
            (
                0,
                "Les procédures de naturalisation ne sont pas publiées en ligne…"
            ),
            (
                0,
                "La Politique nationale de migration (PONAM) a été adoptée en 2014 et couvre l’œuvre de la diaspora."
            ),
            (
                0,
                "Le ministère des Maliens de l’extérieur coordonne l’action gouvernementale."
            ),
            (
                0,
                "Les données sur l’émigration ne sont pas collectées de façon systématique."
            ),
        ]
    );
}

#[test]
fn word_export_drops_glyphs_hidden_text_and_office_markup() {
    let (_, doc) = read_fixture(WORD);
    for block in &doc.blocks {
        for junk in [
            "·",
            "§",
            "o\u{a0}",
            "1.",
            "[1]",
            "Note de travail",
            "TOC",
            "mso",
            "Calibri",
            "Unité MGI",
            "\u{fffd}",
        ] {
            assert!(!block.text.contains(junk), "{junk:?} in {block:?}");
        }
        assert!(!block.text.starts_with("o "), "{block:?}");
    }
    // The <title> is not a block: the title paragraph is the only copy.
    let titles = doc
        .blocks
        .iter()
        .filter(|b| b.text.starts_with("Profil de gouvernance"))
        .count();
    assert_eq!(titles, 1);
    // The footnote body is kept as a note.
    let notes: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(notes, ["Décret n° 2012-xxx du ministère."]);
}

#[test]
fn word_export_lines_point_at_paragraph_tags() {
    let (bytes, doc) = read_fixture(WORD);
    let lines = source_lines(&bytes);
    assert!(doc.blocks.windows(2).all(|w| w[0].line <= w[1].line));
    for block in &doc.blocks {
        let source = lines[block.line - 1].trim_start();
        let ok = match block.kind {
            BlockKind::ListItem { .. } => source.starts_with("<p class="),
            BlockKind::Heading => source.starts_with("<h") || source.starts_with("<p class="),
            _ => source.starts_with('<'),
        };
        assert!(ok, "line {} is {source:?} for {block:?}", block.line);
    }
}
