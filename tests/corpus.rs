//! Every sample profile with a truth file parses to its truth: metadata,
//! domains, and every finding word for word, in order.

use std::path::{Path, PathBuf};

use mgi::model::Profile;
use mgi::read::Form;
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

fn parse(name: &str) -> Profile {
    let path = corpus().join(name);
    mgi::profile::parse_file(&path, Form::Auto, None)
        .unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

fn truth(name: &str) -> Value {
    let stem = name.rsplit_once('.').unwrap().0;
    let text = std::fs::read_to_string(corpus().join(format!("{stem}.truth.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Compare a profile with its truth; returns the list of differences.
fn differences(name: &str) -> Vec<String> {
    let p = parse(name);
    let t = truth(name);
    let model = serde_json::to_value(&p).unwrap();
    let mut diffs = Vec::new();
    for field in [
        "place",
        "place_official",
        "level",
        "language",
        "country_iso3",
        "year",
        "edition",
        "published",
        "title",
    ] {
        if let Some(expected) = t.get(field)
            && model.get(field) != Some(expected)
        {
            diffs.push(format!(
                "{field}: expected {expected}, got {}",
                model.get(field).unwrap_or(&Value::Null)
            ));
        }
    }
    let truth_domains = t["domains"].as_array().unwrap();
    let got: Vec<&str> = p.domains.iter().map(|d| d.domain.as_str()).collect();
    let want: Vec<&str> = truth_domains
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    if got != want {
        diffs.push(format!("domains: expected {want:?}, got {got:?}"));
    }
    for td in truth_domains {
        let id = td["domain"].as_str().unwrap();
        let Some(d) = p.domains.iter().find(|d| d.domain.as_str() == id) else {
            continue;
        };
        for (key, list) in [
            ("strengths", &d.strengths),
            ("improvements", &d.improvements),
        ] {
            let want: Vec<&str> = td[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let got: Vec<&str> = list.iter().map(|f| f.text.as_str()).collect();
            if got != want {
                diffs.push(format!("{id} {key}:\n  expected {want:#?}\n  got {got:#?}"));
            }
        }
    }
    let all: Vec<&str> = p.findings().map(|(_, _, _, f)| f.text.as_str()).collect();
    for nf in t["not_findings"].as_array().into_iter().flatten() {
        let nf = nf.as_str().unwrap();
        if all.contains(&nf) {
            diffs.push(format!("not a finding but taken as one: {nf}"));
        }
    }
    diffs
}

fn assert_matches_truth(name: &str) {
    let diffs = differences(name);
    assert!(
        diffs.is_empty(),
        "{name} differs from its truth:\n{}",
        diffs.join("\n")
    );
}

#[test]
fn mali_2021_fr_web() {
    assert_matches_truth("mali-2021-fr-web.txt");
}

#[test]
fn niger_2019_fr_web() {
    assert_matches_truth("niger-2019-fr-web.txt");
}

#[test]
fn niger_2022_fr_web() {
    assert_matches_truth("niger-2022-fr-web.txt");
}

#[test]
fn ghana_2022_en_web() {
    assert_matches_truth("ghana-2022-en-web.txt");
}

#[test]
fn guatemala_2020_es_web() {
    assert_matches_truth("guatemala-2020-es-web.txt");
}

#[test]
fn nairobi_2020_en_web_local() {
    assert_matches_truth("nairobi-2020-en-web-local.txt");
}

#[test]
fn zimbabwe_2021_en_print() {
    assert_matches_truth("zimbabwe-2021-en-print.txt");
}

#[test]
fn fiji_2023_en_html() {
    assert_matches_truth("fiji-2023-en-html.html");
}

/// One profile (Kiribati 2023) as six real tools deliver it: a saved page,
/// `w3m -dump`, `lynx -dump`, a LibreOffice PDF and `pdftotext` of that PDF
/// in `-layout` and in plain mode.
#[test]
fn kiribati_2023_en_html() {
    assert_matches_truth("kiribati-2023-en-html.html");
}

#[test]
fn kiribati_2023_en_w3m() {
    assert_matches_truth("kiribati-2023-en-w3m.txt");
}

#[test]
fn kiribati_2023_en_lynx() {
    assert_matches_truth("kiribati-2023-en-lynx.txt");
}

#[test]
fn kiribati_2023_en_print_pdf() {
    assert_matches_truth("kiribati-2023-en-print.pdf");
}

#[test]
fn kiribati_2023_en_print_layout() {
    assert_matches_truth("kiribati-2023-en-print-layout.txt");
}

/// Plain `pdftotext` joined three broken words with a space (`Industrial Re
/// lations`): they are joined again, each repair named in a warning.
#[test]
fn kiribati_2023_en_print_plain() {
    assert_matches_truth("kiribati-2023-en-print-plain.txt");
    let p = parse("kiribati-2023-en-print-plain.txt");
    for pair in ["\"Re lations\"", "\"re port\"", "\"re location\""] {
        assert!(
            p.warnings.iter().any(|w| w.message.starts_with(pair)),
            "no warning for {pair}: {:?}",
            p.warnings
        );
    }
}

/// Every shared sample with a truth file is pinned by a test above.
#[test]
fn every_sample_with_a_truth_is_tested() {
    let source = std::fs::read_to_string(file!()).unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".truth.json") || !corpus().join(&name).is_file() {
            continue;
        }
        let stem = name.rsplit_once('.').unwrap().0;
        if corpus().join(format!("{stem}.truth.json")).exists() {
            assert!(
                source.contains(&format!("assert_matches_truth(\"{name}\")")),
                "{name} has a truth file but no test"
            );
        }
    }
}

#[test]
fn mali_counts_and_metadata() {
    let p = parse("mali-2021-fr-web.txt");
    assert_eq!(p.domains.len(), 6);
    assert_eq!(p.count(mgi::model::FindingKind::Strength), 13);
    assert_eq!(p.count(mgi::model::FindingKind::Improvement), 10);
    assert_eq!(p.language, "fr");
    assert_eq!(p.level, Some(mgi::model::Level::National));
    assert_eq!((p.year, p.edition), (Some(2021), Some(2)));
    assert_eq!(p.country_iso3.as_deref(), Some("MLI"));
    assert_eq!(p.published.as_deref(), Some("2021-09"));
    assert_eq!(p.id, "mali-2021-fr");
    assert_eq!(
        p.title.as_deref(),
        Some("Deuxième profil de gouvernance de la migration : République du Mali (2021)")
    );
    // The typo in a real heading is matched, and said.
    assert_eq!(
        p.domains[4].name,
        "Aspects d’une crises relatifs à la mobilité"
    );
    assert!(
        p.warnings
            .iter()
            .any(|w| w.line == Some(111) || w.line == Some(40))
    );
    // The profile's own introduction, without the site's generic paragraphs.
    assert_eq!(p.introduction.len(), 1);
    assert!(p.introduction[0].starts_with("Ce profil décrit les points forts"));
    // Each finding knows its line.
    assert_eq!(p.domains[0].strengths[0].line, 68);
    assert_eq!(p.domains[5].improvements[1].line, 133);
}

#[test]
fn hub_page_is_not_a_profile() {
    let err =
        mgi::profile::parse_file(&corpus().join("not-a-profile-hub-fr.txt"), Form::Auto, None)
            .unwrap_err();
    assert!(err.message().starts_with("no key findings found"), "{err}");
    assert!(err.to_string().contains("not-a-profile-hub-fr.txt"));
}
