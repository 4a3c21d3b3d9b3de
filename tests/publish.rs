//! PDFs to release and archive: the colophon, localized metadata, the model
//! attached to its PDF and read back, page breaks that keep lists with their
//! domain, and the change report. Real typst; PDFs read back with poppler
//! (`pdftotext`, `pdfinfo`, `pdfdetach`) and `qpdf --json`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;
use sha2::{Digest, Sha256};

/// 2023-11-14 12:00 UTC: the date of every PDF of these tests.
const EPOCH: &str = "1699963200";

/// `mgi` with a fixed `SOURCE_DATE_EPOCH`.
fn mgi_dated(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(args)
        .current_dir(root())
        .env("MGI_HOME", root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("mgi runs")
}

fn build(inputs: &Path, out: &Path) {
    let o = mgi_dated(&[
        "build",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "build failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn tool(program: &str, args: &[&str], pdf: &Path) -> String {
    let o = Command::new(program)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{program} (installed by scripts/setup): {e}"));
    assert!(o.status.success(), "{program} failed on {}", pdf.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of a PDF as `pdftotext` gives it (lines and page breaks kept).
fn raw_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (installed by scripts/setup)");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(o.stdout).unwrap()
}

/// The text of each page, as `pdftotext` gives it (lines kept).
fn pages(pdf: &Path) -> Vec<String> {
    raw_text(pdf)
        .split('\u{c}')
        .map(str::to_string)
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The inputs of a build: three web profiles (the Mali one with its address
/// from a manifest) and the two Niger editions.
fn inputs() -> tempfile::TempDir {
    let dir = folder_with(&[
        "corpus/mali-2021-fr-web.txt",
        "corpus/ghana-2022-en-web.txt",
        "corpus/guatemala-2020-es-web.txt",
        "corpus/niger-2019-fr-web.txt",
        "corpus/niger-2022-fr-web.txt",
        "corpus/nairobi-2020-en-web-local.txt",
    ]);
    std::fs::write(
        dir.path().join("manifest.csv"),
        "file,place,level,country_iso3,year,edition,language,source_url\n\
         mali-2021-fr-web.txt,,,,,,,https://www.migrationdataportal.org/fr/overviews/mgi/mali-0\n\
         nairobi-2020-en-web-local.txt,,local,KEN,,,,\n",
    )
    .unwrap();
    dir
}

fn sha256_of(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

struct Built {
    inputs: tempfile::TempDir,
    out: tempfile::TempDir,
}

impl Built {
    fn new() -> Built {
        let (inputs, out) = (inputs(), tempfile::tempdir().unwrap());
        build(inputs.path(), out.path());
        Built { inputs, out }
    }
    fn pdf(&self, id: &str) -> PathBuf {
        self.out.path().join(format!("pdf/{id}.pdf"))
    }
}

#[test]
fn profiles_release_ready() {
    let b = Built::new();
    colophon_names_source_digest_versions_and_date(&b);
    metadata_is_in_the_profile_language(&b);
    the_model_travels_with_the_pdf_and_is_read_back(&b);
    no_page_opens_with_a_bare_list_heading(&b);
    compendium_names_languages_and_domains(&b);
}

fn colophon_names_source_digest_versions_and_date(b: &Built) {
    let ghana_sha = sha256_of(&b.inputs.path().join("ghana-2022-en-web.txt"));
    let text = collapse(&raw_text(&b.pdf("ghana-2022-en")));
    for line in [
        "About this document".to_string(),
        // The file's name, never the folder it was in.
        "Source: ghana-2022-en-web.txt".to_string(),
        format!("SHA-256 of the input file: {}…", &ghana_sha[..12]),
        format!(
            "Made on 14 November 2023 with mgi {} , templates",
            env!("CARGO_PKG_VERSION")
        )
        .replace(" ,", ","),
        "and typst 0.15.1.".to_string(),
        "it is not an official IOM publication.".to_string(),
        "The data of this profile (JSON) is attached to this PDF.".to_string(),
    ] {
        assert!(text.contains(&line), "missing {line:?} in {text}");
    }
    let folder = b.inputs.path().to_str().unwrap();
    assert!(!text.contains(folder), "a folder path is printed");

    // A known address is the source, as a link, and the authoritative version.
    let mali = b.pdf("mali-2021-fr");
    let text = collapse(&raw_text(&mali));
    let url = "https://www.migrationdataportal.org/fr/overviews/mgi/mali-0";
    assert!(text.contains(&format!("Source : {url}")), "{text}");
    assert!(
        text.contains(&format!(
            "La version qui fait foi est publiée à l’adresse {url}"
        )),
        "{text}"
    );
    assert!(
        text.contains("Produit le 14 novembre 2023 avec mgi"),
        "{text}"
    );
    let qpdf = Command::new("qpdf")
        .arg("--json")
        .arg(&mali)
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&qpdf.stdout);
    assert!(
        json.contains(&format!("\"/URI\": \"u:{url}\"")),
        "no link to {url}"
    );
}

fn metadata_is_in_the_profile_language(b: &Built) {
    let mali = b.pdf("mali-2021-fr");
    let info = tool("pdfinfo", &["-isodates"], &mali);
    let sha = sha256_of(&b.inputs.path().join("mali-2021-fr-web.txt"));
    for line in [
        "Subject:         Profil des indicateurs de gouvernance des migrations : Mali · 2021"
            .to_string(),
        "Author:          mgi (mise en page d’un profil publié par l’OIM)".to_string(),
        "CreationDate:    2023-11-14T12:00:00".to_string(),
    ] {
        assert!(info.contains(&line), "{line}\nnot in:\n{info}");
    }
    let keywords = info
        .lines()
        .find(|l| l.starts_with("Keywords:"))
        .unwrap_or_default();
    for k in [
        "IGM",
        "gouvernance des migrations",
        "Mali",
        "MLI",
        &format!("SHA-256 {sha}"),
    ] {
        assert!(keywords.contains(k), "{k} not in {keywords}");
    }
    assert!(!keywords.contains("migration governance"), "{keywords}");
    let es = tool("pdfinfo", &[], &b.pdf("guatemala-2020-es"));
    assert!(es.contains("Subject:         Perfil de los Indicadores de Gobernanza de la Migración: Guatemala · 2020"), "{es}");

    // Archival and accessible: PDF/A-3a with PDF/UA-1; viewers show the title.
    let xmp = tool("pdfinfo", &["-meta"], &mali);
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    let qpdf = Command::new("qpdf")
        .arg("--json")
        .arg(&mali)
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&qpdf.stdout);
    assert!(
        json.contains("\"/DisplayDocTitle\": true"),
        "DisplayDocTitle not set"
    );

    // A local profile carries the local series name.
    let nairobi = collapse(&raw_text(&b.pdf("nairobi-2020-en")));
    assert!(
        nairobi.contains("LOCAL MIGRATION GOVERNANCE INDICATORS"),
        "{nairobi}"
    );
}

fn the_model_travels_with_the_pdf_and_is_read_back(b: &Built) {
    let pdf = b.pdf("mali-2021-fr");
    let list = tool("pdfdetach", &["-list"], &pdf);
    assert!(list.contains("1: mali-2021-fr.json"), "{list}");
    let saved = b.out.path().join("saved.json");
    tool(
        "pdfdetach",
        &["-save", "1", "-o", saved.to_str().unwrap()],
        &pdf,
    );
    let model = std::fs::read(b.out.path().join("json/mali-2021-fr.json")).unwrap();
    assert_eq!(
        std::fs::read(&saved).unwrap(),
        model,
        "the attachment is the model"
    );

    // `mgi parse` of the PDF gives exactly that model, and says so.
    let o = mgi_dated(&["parse", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.stdout, model, "mgi parse of the PDF is not the model");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("mali-2021-fr.pdf: warning: made by mgi: the model attached to this PDF (mali-2021-fr.json"),
        "{stderr}"
    );
}

/// The list headings in every language, as printed (marker and label).
const LIST_HEADINGS: [&str; 6] = [
    "Examples of well-developed areas",
    "Areas with potential for further development",
    "Exemples d’aspects bien développés",
    "Aspects qui pourraient être renforcés",
    "Ejemplos de áreas bien desarrolladas",
    "Áreas con potencial de desarrollo adicional",
];

/// The first line of the page body: after the running header, which ends
/// with the place and year (or the chapter name).
fn first_body_line<'a>(page: &'a str, header_end: &str) -> &'a str {
    let mut lines = page.lines().map(str::trim).filter(|l| !l.is_empty());
    for l in lines.by_ref() {
        if l.ends_with(header_end) {
            break;
        }
    }
    lines.next().unwrap_or("")
}

fn no_page_opens_with_a_bare_list_heading(b: &Built) {
    let mut seen_continuation = false;
    for (id, running) in [
        ("niger-2022-fr", "Niger · 2022"),
        ("niger-2019-fr", "Niger · 2019"),
        ("mali-2021-fr", "Mali · 2021"),
        ("ghana-2022-en", "Ghana · 2022"),
        ("guatemala-2020-es", "Guatemala · 2020"),
    ] {
        let pages = pages(&b.pdf(id));
        for (n, page) in pages.iter().enumerate().skip(1) {
            let first = first_body_line(page, running);
            let bare = LIST_HEADINGS.iter().any(|h| first.contains(h));
            assert!(!bare, "{id} page {}: opens with {first:?}\n{page}", n + 1);
            // The running header names the domain of the page.
            let header = page
                .lines()
                .take_while(|l| !l.trim().ends_with(running))
                .collect::<Vec<_>>()
                .join(" ");
            let names_domain = header.chars().any(|c| c.is_ascii_digit())
                || [
                    "About this document",
                    "À propos de ce document",
                    "Acerca de este documento",
                    "Global Compact for Migration objectives",
                    "Objectifs du Pacte mondial sur les migrations",
                    "Objetivos del Pacto Mundial para la Migración",
                ]
                .iter()
                .any(|c| header.contains(c));
            assert!(
                names_domain,
                "{id} page {}: header without domain: {header:?}",
                n + 1
            );
            seen_continuation |= page.contains("(suite)") || page.contains("(cont.)");
        }
    }
    // At least one of these profiles continues a domain on a new page.
    assert!(seen_continuation, "no continuation mark in any profile");
}

fn compendium_names_languages_and_domains(b: &Built) {
    let book = b.out.path().join("pdf/compendium.pdf");
    let text = collapse(&raw_text(&book));
    assert!(text.contains("Mali · 2021 (French)"), "{text}");
    assert!(text.contains("English, Spanish, French"), "{text}");
    assert!(!text.contains("(fr)") && !text.contains("en, es, fr"));
    // Each chapter has its colophon with its own input's digest.
    let sha = sha256_of(&b.inputs.path().join("guatemala-2020-es-web.txt"));
    assert!(
        text.contains(&format!("SHA-256 del archivo de entrada: {}…", &sha[..12])),
        "{text}"
    );
    for (n, page) in pages(&book).iter().enumerate().skip(1) {
        for line in page.lines().take(4) {
            assert!(
                !LIST_HEADINGS
                    .iter()
                    .any(|h| line.trim().ends_with(h) && line.trim().len() < h.len() + 4),
                "compendium page {}: opens with {line:?}",
                n + 1
            );
        }
    }
}

#[test]
fn change_report_tells_the_story_and_is_archival() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("niger.pdf");
    let o = mgi_dated(&[
        "diff",
        fixture("corpus/niger-2019-fr-web.txt").to_str().unwrap(),
        fixture("corpus/niger-2022-fr-web.txt").to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pages = pages(&pdf);
    let first = collapse(&pages[0]);
    // Place and years, not ids.
    assert!(
        first.contains("Niger") && first.contains("2019 → 2022"),
        "{first}"
    );
    assert!(!first.contains("niger-2019-fr"), "{first}");
    // The legend: marks that are not colour alone.
    assert!(first.contains("Comment lire ce rapport"), "{first}");
    assert!(first.contains("mots ajoutés en 2022") && first.contains("mots supprimés depuis 2019"));
    let text = collapse(&pages.join(" "));
    assert!(
        text.contains("PROGRÈS · aspect à renforcer en 2019, aspect bien développé en 2022"),
        "{text}"
    );
    assert!(text.contains("REFORMULÉ · légère reformulation"), "{text}");
    assert!(!text.contains("SIMILARITÉ"), "{text}");
    for page in &pages[1..] {
        let body = first_body_line(page, "Niger · 2019 → 2022");
        assert!(
            !LIST_HEADINGS.iter().any(|h| body.contains(h)),
            "opens with {body:?}"
        );
    }
    let xmp = tool("pdfinfo", &["-meta"], &pdf);
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>"), "{xmp}");
    let info = tool("pdfinfo", &[], &pdf);
    assert!(info.contains("Subject:         Indicateurs de gouvernance des migrations : changements entre deux profils de Niger"), "{info}");
}

#[test]
fn the_change_report_takes_the_pdf_standard_asked_for() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("niger.pdf");
    let o = mgi_dated(&[
        "diff",
        fixture("corpus/niger-2019-fr-web.txt").to_str().unwrap(),
        fixture("corpus/niger-2022-fr-web.txt").to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
        "--pdf-standard",
        "a-2b",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xmp = tool("pdfinfo", &["-meta"], &pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(!xmp.contains("pdfuaid:part>1"), "{xmp}");
}

#[test]
fn a_pdf_without_attachment_is_read_as_text() {
    // PDF/A-2b forbids attachments: such a PDF is read from its text.
    let inputs = folder_with(&["corpus/ghana-2022-en-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_dated(&[
        "build",
        inputs.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--pdf-standard",
        "a-2b",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let pdf = out.path().join("pdf/ghana-2022-en.pdf");
    assert!(tool("pdfdetach", &["-list"], &pdf).starts_with("0 embedded files"));
    let o = mgi_dated(&["parse", pdf.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("made by mgi"), "{stderr}");
}

#[test]
fn sub_points_of_a_finding_are_a_nested_list() {
    let typst = mgi::render::Typst::locate(&root()).expect("typst 0.15.1 (scripts/setup)");
    let dir = folder_with_templates();
    let text = std::fs::read_to_string(fixture("model/mali-2021-fr.json")).unwrap();
    let mut model: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The model's text holds the sub-points joined by "; " (as the reader
    // writes it); the PDF prints the lead and the sub-points as a list.
    let first = model["domains"][0]["strengths"][0]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let items = ["Premier sous-point du constat.", "Second sous-point."];
    model["domains"][0]["strengths"][0]["text"] =
        serde_json::json!(format!("{first}; {}", items.join("; ")));
    model["domains"][0]["strengths"][0]["items"] = serde_json::json!(items);
    std::fs::write(dir.path().join("m.json"), model.to_string()).unwrap();
    let pdf = dir.path().join("m.pdf");
    typst
        .compile(
            dir.path(),
            &dir.path().join("templates/profile.typ"),
            Path::new("m.json"),
            &pdf,
            &[],
        )
        .unwrap();
    let text = collapse(&raw_text(&pdf));
    assert!(
        text.contains(&format!(
            "{} – Premier sous-point du constat. – Second sous-point.",
            collapse(&first)
        )),
        "{text}"
    );
}

#[test]
fn a_change_report_of_long_punctuated_texts_compiles_through_the_renderer() {
    // Hundreds of words holding punctuation in one text: the regex show rule
    // the change report once had made typst give up on such a text
    // ("maximum grouping depth exceeded"); `keep` places it word by word.
    let long: Vec<String> = (0..600).map(|i| format!("(2019–{i}), a/b-{i};")).collect();
    let long = long.join(" ");
    let changes = serde_json::json!({
        "place": "Niger",
        "language": "fr",
        "level": "national",
        "from_year": 2019,
        "to_year": 2022,
        "domains": [{
            "domain": "migrants_rights",
            "kind": "strength",
            "changes": [{ "change": "added", "new_text": long }],
        }],
    });
    let dir = tempfile::tempdir().unwrap();
    let typst = mgi::render::Typst::locate(&root()).expect("typst 0.15.1 (scripts/setup)");
    let templates = mgi::render::Templates::from_folder(&root().join("templates")).unwrap();
    let config =
        mgi::render::RenderConfig::new(typst, templates, dir.path().join("work/templates"));
    let renderer = mgi::render::Renderer::new(config).unwrap();
    let pdf = dir.path().join("changes.pdf");
    renderer
        .change_report(changes.to_string().as_bytes(), &pdf)
        .unwrap();
    // Every piece, whole and in order (running headers and footers stand
    // between pages).
    let text = collapse(&raw_text(&pdf));
    let mut at = 0;
    for i in 0..600 {
        let piece = format!("(2019–{i}), a/b-{i};");
        let found = text[at..].find(&piece);
        assert!(found.is_some(), "{piece} missing after byte {at}");
        at += found.unwrap() + piece.len();
    }
}
