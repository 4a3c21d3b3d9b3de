//! Printed profiles made by the tests themselves and read back.
//!
//! `fixtures/printed/printed-profile.typ` lays a truth file of the corpus out
//! as IOM prints its profiles (cover, imprint, contents, running header, page
//! numbers, narrow justified hyphenated text, long MiGOF domain headings,
//! COVID-19 bullets after the findings). Its PDF, compiled here with the
//! project's typst, must give the same findings as the web text, word for
//! word. `fixtures/forms/niger-2022-fr-print.txt` is the text pdftotext gives
//! for the French one, kept as a file so that its test needs no typst.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;
use mgi::model::{Level, Profile};
use mgi::read::{BlockKind, Form};
use serde_json::Value;

const TEMPLATE: &str = "tests/fixtures/printed/printed-profile.typ";
const GHANA_TRUTH: &str = "tests/fixtures/corpus/ghana-2022-en-web.truth.json";
const NIGER_TRUTH: &str = "tests/fixtures/corpus/niger-2022-fr-web.truth.json";

/// Bullets the template prints in its OBJECTIVES and COVID-19 ANALYSIS
/// sections: list items of the document, never findings.
const GHANA_OTHER_BULLETS: [&str; 6] = [
    "Take stock of the migration policies and strategies in place.",
    "Identify good practices as well as areas with potential for further development.",
    "Foster dialogue on migration governance among government stakeholders and with other relevant actors.",
    "Migrants were included in the national COVID-19 vaccination programme, regardless of their migration status.",
    "Land borders were closed between March 2020 and August 2021, except for the transport of goods.",
    "Returning nationals were required to undergo quarantine in designated centres.",
];
const NIGER_OTHER_BULLETS: [&str; 6] = [
    "Faire le point sur les politiques et stratégies migratoires en place.",
    "Recenser les bonnes pratiques ainsi que les aspects qui pourraient être renforcés.",
    "Favoriser le dialogue sur la gouvernance des migrations entre les acteurs gouvernementaux et avec les autres acteurs concernés.",
    "Les migrants ont été inclus dans la campagne nationale de vaccination contre la COVID-19, quel que soit leur statut migratoire.",
    "Les frontières terrestres ont été fermées entre mars 2020 et août 2021, sauf pour le transport de marchandises.",
    "Les ressortissants de retour ont été placés en quarantaine dans des centres désignés.",
];

/// Compile the printed template with a truth file as data (both relative to
/// the project root), once per test run.
fn printed(data: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_forms");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join(name);
    let root = root();
    let typst = mgi::render::Typst::locate(&root)
        .unwrap_or_else(|e| panic!("{e}: these tests compile a printed profile"));
    let out = Command::new(&typst.program)
        .arg("compile")
        .arg("--root")
        .arg(&root)
        .arg(TEMPLATE)
        .arg(&pdf)
        .arg("--input")
        .arg(format!("data={data}"))
        .arg("--ignore-system-fonts")
        .current_dir(&root)
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .expect("typst runs");
    assert!(
        out.status.success(),
        "typst could not compile {TEMPLATE}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

fn ghana_pdf() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| printed(GHANA_TRUTH, "ghana-2022-en-print.pdf"))
}

fn niger_pdf() -> &'static Path {
    static PDF: OnceLock<PathBuf> = OnceLock::new();
    PDF.get_or_init(|| printed(NIGER_TRUTH, "niger-2022-fr-print.pdf"))
}

fn parse(path: &Path) -> Profile {
    mgi::profile::parse_file(path, Form::Auto, None)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn truth(rel: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(rel)).unwrap()).unwrap()
}

/// Every list of a profile: (domain, "strengths" | "improvements", texts).
fn lists(p: &Profile) -> Vec<(String, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for d in &p.domains {
        for (key, list) in [
            ("strengths", &d.strengths),
            ("improvements", &d.improvements),
        ] {
            let texts = list.iter().map(|f| f.text.clone()).collect();
            out.push((d.domain.as_str().to_string(), key, texts));
        }
    }
    out
}

fn truth_lists(t: &Value) -> Vec<(String, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for d in t["domains"].as_array().unwrap() {
        for key in ["strengths", "improvements"] {
            let texts = d[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            out.push((d["domain"].as_str().unwrap().to_string(), key, texts));
        }
    }
    out
}

/// The findings of `printed` are those of the truth and of the web text,
/// domain by domain, list by list, word for word and in order.
fn assert_same_findings(printed: &Profile, truth_rel: &str, web: &str) {
    let want = truth_lists(&truth(truth_rel));
    let got = lists(printed);
    for (w, g) in want.iter().zip(&got) {
        assert_eq!(g, w, "{}: {} {}", printed.source, w.0, w.1);
    }
    assert_eq!(got.len(), want.len(), "{}: domains", printed.source);
    assert_eq!(got, lists(&parse(&fixture(web))), "printed and web differ");
}

/// Texts of the list items of a document that are not findings.
fn assert_bullets_not_findings(path: &Path, p: &Profile, bullets: &[&str]) {
    let (doc, _) = mgi::read::read_file(path, Form::Auto).unwrap();
    let items: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.is_list_item())
        .map(|b| b.text.as_str())
        .collect();
    let findings: Vec<&str> = p.findings().map(|(_, _, _, f)| f.text.as_str()).collect();
    for b in bullets {
        assert!(items.contains(b), "not read as a bullet: {b}\n{items:#?}");
        assert!(!findings.contains(b), "taken as a finding: {b}");
    }
    assert!(findings.iter().all(|f| !f.contains("COVID")));
}

#[test]
fn printed_pdf_gives_the_findings_of_the_web_text() {
    let p = parse(ghana_pdf());
    assert_same_findings(&p, GHANA_TRUTH, "corpus/ghana-2022-en-web.txt");
    assert_eq!(p.findings().count(), 22);
    assert!(p.warnings.is_empty(), "{:#?}", p.warnings);
}

#[test]
fn printed_pdf_metadata_comes_from_its_title() {
    let p = parse(ghana_pdf());
    // "Migration Governance Indicators Profile 2022 | Republic of Ghana", in
    // the required citation: no ordinal, so no edition; no month printed.
    assert_eq!(
        p.title.as_deref(),
        Some("Migration Governance Indicators Profile 2022 | Republic of Ghana")
    );
    assert_eq!(p.level, Some(Level::National));
    assert_eq!(p.country_iso3.as_deref(), Some("GHA"));
    assert_eq!(p.year, Some(2022));
    assert_eq!(p.edition, None);
    assert_eq!(p.published, None);
    assert_eq!(p.language, "en");
    assert_eq!(p.place.as_deref(), Some("Ghana"));
    assert_eq!(p.place_official.as_deref(), Some("Republic of Ghana"));
    assert_eq!(p.id, "ghana-2022-en");
}

#[test]
fn printed_pdf_objectives_and_covid_bullets_are_not_findings() {
    let p = parse(ghana_pdf());
    assert_bullets_not_findings(ghana_pdf(), &p, &GHANA_OTHER_BULLETS);
}

/// The layout does what the reader has to undo: words hyphenated at line
/// ends inside findings, a running header on every page but the cover, a
/// page number at the foot of each.
#[test]
fn printed_pdf_has_hyphenation_headers_and_page_numbers() {
    let text = mgi::read::pdf::extract_text(ghana_pdf()).unwrap();
    let pages: Vec<&str> = text.split('\u{0c}').filter(|p| !p.is_empty()).collect();
    assert!(pages.len() >= 6, "{} pages", pages.len());
    let header = "MIGRATION GOVERNANCE INDICATORS PROFILE 2022 | REPUBLIC OF GHANA";
    assert!(!pages[0].contains(header));
    for (i, page) in pages.iter().enumerate().skip(1) {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.first(), Some(&header), "page {}", i + 1);
        assert_eq!(lines.last(), Some(&(i + 1).to_string().as_str()));
    }
    // Lines broken inside a word, in the findings.
    let p = parse(ghana_pdf());
    let broken: Vec<&str> = text
        .lines()
        .filter(|l| l.ends_with('\u{ad}') || l.ends_with('-'))
        .collect();
    let in_findings = broken
        .iter()
        .filter(|l| {
            let start: String = l.trim_start_matches("• ").chars().take(20).collect();
            p.findings().any(|(_, _, _, f)| f.text.contains(&start))
        })
        .count();
    assert!(in_findings >= 2, "{broken:#?}");
    for (_, _, _, f) in p.findings() {
        assert!(!f.text.contains('\u{ad}'), "{}", f.text);
    }
}

#[test]
fn printed_french_pdf_gives_the_findings_of_the_web_text() {
    let p = parse(niger_pdf());
    assert_same_findings(&p, NIGER_TRUTH, "corpus/niger-2022-fr-web.txt");
    assert!(p.warnings.is_empty(), "{:#?}", p.warnings);
    assert_eq!(p.language, "fr");
    assert_eq!(p.country_iso3.as_deref(), Some("NER"));
    assert_bullets_not_findings(niger_pdf(), &p, &NIGER_OTHER_BULLETS);
}

#[test]
fn build_reads_the_printed_pdf() {
    let inputs = tempfile::tempdir().unwrap();
    std::fs::copy(ghana_pdf(), inputs.path().join("ghana-print.pdf")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            inputs.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--no-pdf",
        ],
        &root(),
    );
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "build failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("1 profile built, 0 failed, 22 findings"),
        "{stdout}"
    );
    let json = std::fs::read_to_string(out.path().join("json/ghana-2022-en.json")).unwrap();
    let p: Profile = serde_json::from_str(&json).unwrap();
    assert_same_findings(&p, GHANA_TRUTH, "corpus/ghana-2022-en-web.txt");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["level"], "national");
    assert_eq!(v["country_iso3"], "GHA");
    assert_eq!(v["year"], 2022);
    assert_eq!(v["edition"], Value::Null);
    assert_eq!(v["language"], "en");
    assert!(v["source"].as_str().unwrap().ends_with("ghana-print.pdf"));
    let findings = std::fs::read_to_string(out.path().join("csv/findings.csv")).unwrap();
    assert_eq!(findings.lines().count(), 1 + 22);
    assert!(!out.path().join("pdf/ghana-2022-en.pdf").exists());
}

// ---------------------------------------------------------------------------
// The French print fixture (text as pdftotext gives it), without typst.

#[test]
fn french_print_text_gives_the_findings_of_the_web_text() {
    let path = fixture("forms/niger-2022-fr-print.txt");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(mgi::read::detect_form(&path, &bytes), Form::Print);
    let p = parse(&path);
    assert_same_findings(&p, NIGER_TRUTH, "corpus/niger-2022-fr-web.txt");
    assert!(p.warnings.is_empty(), "{:#?}", p.warnings);
    assert_bullets_not_findings(&path, &p, &NIGER_OTHER_BULLETS);
}

#[test]
fn french_print_text_metadata() {
    let path = fixture("forms/niger-2022-fr-print.txt");
    let p = parse(&path);
    assert_eq!(
        p.title.as_deref(),
        Some("Indicateurs de gouvernance des migrations | Profil 2022 | République du Niger")
    );
    assert_eq!(p.language, "fr");
    assert_eq!(p.level, Some(Level::National));
    assert_eq!(p.country_iso3.as_deref(), Some("NER"));
    assert_eq!(p.place.as_deref(), Some("Niger"));
    assert_eq!(p.place_official.as_deref(), Some("République du Niger"));
    assert_eq!(
        (p.year, p.edition, p.published.as_deref()),
        (Some(2022), None, None)
    );
    let (doc, _) = mgi::read::read_file(&path, Form::Auto).unwrap();
    assert_eq!(
        doc.running_header.as_deref(),
        Some("INDICATEURS DE GOUVERNANCE DES MIGRATIONS | PROFIL 2022 | RÉPUBLIQUE DU NIGER")
    );
    // The long MiGOF headings in capitals name the domains.
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    assert!(headings.contains(
        &"FORMULE DES POLITIQUES FONDÉES SUR DES DONNÉES FACTUELLES ET UNE APPROCHE ASSOCIANT L’ENSEMBLE DU GOUVERNEMENT"
    ), "{headings:#?}");
}
