//! Portuguese profiles: every form parses to its truth word for word, the
//! language is told from Spanish and from English site chrome, and the PDFs
//! (profile, compendium, change report) carry Portuguese labels.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use mgi::model::Profile;
use mgi::read::Form;
use serde_json::Value;

/// Each Portuguese sample, one per form. The printed report's HTML source
/// (what LibreOffice made the PDF from) shares the PDF's truth file.
const SAMPLES: [&str; 7] = [
    "cabo-verde-2021-pt-web.txt",
    "sao-paulo-2021-pt-web-local.txt",
    "brasil-2022-pt-html.html",
    "sao-paulo-2021-pt-html-local.html",
    "mocambique-2024-pt-print-plain.txt",
    "mocambique-2024-pt-print.pdf",
    "mocambique-2024-pt-print.html",
];

fn pt(name: &str) -> PathBuf {
    fixture("pt").join(name)
}

fn parse_path(path: &Path) -> Profile {
    mgi::profile::parse_file(path, Form::Auto, None)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

fn truth(name: &str) -> Value {
    let stem = name.rsplit_once('.').unwrap().0;
    let text = std::fs::read_to_string(pt(&format!("{stem}.truth.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What differs between the parsed profile and its truth.
fn differences(name: &str) -> Vec<String> {
    let p = parse_path(&pt(name));
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
        if model.get(field) != t.get(field) {
            diffs.push(format!(
                "{field}: expected {}, got {}",
                t[field],
                model.get(field).unwrap_or(&Value::Null)
            ));
        }
    }
    let want: Vec<(String, Vec<String>, Vec<String>)> = t["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let list = |k: &str| -> Vec<String> {
                d[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect()
            };
            (
                d["domain"].as_str().unwrap().to_string(),
                list("strengths"),
                list("improvements"),
            )
        })
        .collect();
    let got: Vec<(String, Vec<String>, Vec<String>)> = p
        .domains
        .iter()
        .map(|d| {
            let texts = |l: &[mgi::model::Finding]| l.iter().map(|f| f.text.clone()).collect();
            (
                d.domain.as_str().to_string(),
                texts(&d.strengths),
                texts(&d.improvements),
            )
        })
        .collect();
    if got != want {
        diffs.push(format!("findings:\n  expected {want:#?}\n  got {got:#?}"));
    }
    let all: Vec<&str> = p.findings().map(|(_, _, _, f)| f.text.as_str()).collect();
    for nf in t["not_findings"].as_array().into_iter().flatten() {
        if all.contains(&nf.as_str().unwrap()) {
            diffs.push(format!("not a finding but taken as one: {nf}"));
        }
    }
    diffs
}

#[test]
fn every_form_parses_to_its_truth() {
    for name in SAMPLES {
        let diffs = differences(name);
        assert!(
            diffs.is_empty(),
            "{name} differs from its truth:\n{}",
            diffs.join("\n")
        );
    }
}

#[test]
fn samples_parse_without_warnings() {
    for name in SAMPLES {
        let p = parse_path(&pt(name));
        assert!(p.warnings.is_empty(), "{name}: {:#?}", p.warnings);
    }
}

#[test]
fn printed_text_and_its_pdf_give_the_same_findings() {
    let text = parse_path(&pt("mocambique-2024-pt-print-plain.txt"));
    let pdf = parse_path(&pt("mocambique-2024-pt-print.pdf"));
    assert_eq!(text.domains.len(), 6);
    // The same words; the lines differ (the PDF is read by its layout).
    let texts = |list: &[mgi::model::Finding]| -> Vec<String> {
        list.iter().map(|f| f.text.clone()).collect()
    };
    assert_eq!(pdf.domains.len(), 6);
    for (a, b) in text.domains.iter().zip(&pdf.domains) {
        assert_eq!(texts(&a.strengths), texts(&b.strengths));
        assert_eq!(texts(&a.improvements), texts(&b.improvements));
    }
}

/// The Cabo Verde page cut after its second domain: the English chrome now
/// names more domains than the Portuguese findings do.
fn chrome_heavy_copy() -> String {
    let text = std::fs::read_to_string(pt("cabo-verde-2021-pt-web.txt")).unwrap();
    let cut = text.find("Key findings\nParcerias").expect("third domain");
    text[..cut].to_string()
}

#[test]
fn english_chrome_does_not_make_a_portuguese_page_english() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cabo-verde-cut.txt");
    std::fs::write(&path, chrome_heavy_copy()).unwrap();
    let p = parse_path(&path);
    assert_eq!(p.domains.len(), 2);
    assert_eq!(p.language, "pt");
    assert_eq!(p.id, "cabo-verde-cut-pt");
}

#[test]
fn spanish_profiles_stay_spanish_and_portuguese_ones_portuguese() {
    let es = parse_path(&fixture("corpus/guatemala-2020-es-web.txt"));
    assert_eq!(es.language, "es");
    assert_eq!(es.place.as_deref(), Some("Guatemala"));
    for name in SAMPLES {
        assert_eq!(parse_path(&pt(name)).language, "pt", "{name}");
    }
}

#[test]
fn a_short_portuguese_profile_is_portuguese() {
    // One domain, one finding each: few words to tell the language by.
    let text = "Direitos dos migrantes\n\nÁreas bem desenvolvidas:\n\n  • Os migrantes têm acesso à saúde.\n\nÁreas com potencial para maior desenvolvimento:\n\n  • Não há estratégia.\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("curto.txt");
    std::fs::write(&path, text).unwrap();
    let p = parse_path(&path);
    assert_eq!(p.language, "pt");
    let text = "Derechos de los migrantes\n\nÁreas bien desarrolladas:\n\n  • Los migrantes tienen acceso a la salud.\n\nÁreas con potencial de desarrollo adicional:\n\n  • No hay estrategia.\n";
    std::fs::write(&path, text).unwrap();
    assert_eq!(parse_path(&path).language, "es");
}

#[test]
fn pdfs_have_portuguese_labels() {
    let inputs = folder_with(&[
        "pt/cabo-verde-2021-pt-web.txt",
        "pt/sao-paulo-2021-pt-web-local.txt",
    ]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let national = pdf_text(&out.path().join("pdf/cabo-verde-2021-pt.pdf"));
    for label in [
        "INDICADORES DE GOVERNANÇA DA MIGRAÇÃO",
        "Resumo das conclusões",
        "Exemplos de áreas bem desenvolvidas",
        "Áreas com potencial para maior desenvolvimento",
        "Publicado em outubro de 2021",
        "Página",
    ] {
        assert!(national.contains(label), "{label:?} not in {national}");
    }
    assert!(!national.contains("A NÍVEL LOCAL"));
    let local = pdf_text(&out.path().join("pdf/sao-paulo-2021-pt.pdf"));
    assert!(
        local.contains("INDICADORES DE GOVERNANÇA DA MIGRAÇÃO A NÍVEL LOCAL"),
        "{local}"
    );
    assert!(local.contains("Perfil local"), "{local}");
    let book = pdf_text(&out.path().join("pdf/compendium.pdf"));
    assert!(book.contains("Resumo das conclusões"), "{book}");
    assert!(
        book.contains("Dimensões de mobilidade das crises"),
        "{book}"
    );
}

#[test]
fn change_report_has_portuguese_labels() {
    let dir = tempfile::tempdir().unwrap();
    let new = pt("cabo-verde-2021-pt-web.txt");
    let old_text = std::fs::read_to_string(&new)
        .unwrap()
        .replace("(2021)", "(2018)")
        .replace("2021 Outubro", "2018 Maio")
        .replace(
            "  • Não existe uma estratégia para lidar com a deslocação provocada pelos efeitos das alterações climáticas.\n",
            "",
        );
    let old = dir.path().join("cabo-verde-2018-pt-web.txt");
    std::fs::write(&old, old_text).unwrap();
    let pdf = dir.path().join("changes.pdf");
    let o = mgi(
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = pdf_text(&pdf);
    for label in ["Resumo das alterações", "Acrescentado", "Sem alterações"] {
        assert!(text.contains(label), "{label:?} not in {text}");
    }
}
