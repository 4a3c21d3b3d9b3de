//! The PDFs of `mgi build` beyond their text: the MiGOF wheel, the
//! compendium, PDF/A metadata, `--pdf-standard` and byte-for-byte
//! reproducible builds. Real typst, PDFs read back with poppler.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::*;
use mgi::model::{Profile, Warning};

/// Three web profiles, one per language.
const THREE: [&str; 3] = [
    "corpus/mali-2021-fr-web.txt",
    "corpus/ghana-2022-en-web.txt",
    "corpus/guatemala-2020-es-web.txt",
];

fn build(inputs: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    mgi(&args, &root())
}

fn assert_success(o: &std::process::Output) {
    assert!(
        o.status.success(),
        "build failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn profiles(out: &Path) -> Vec<Profile> {
    let mut v: Vec<Profile> = std::fs::read_dir(out.join("json"))
        .unwrap()
        .map(|e| {
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// `pdfinfo -meta`: the XMP metadata of a PDF.
fn xmp(pdf: &Path) -> String {
    let o = Command::new("pdfinfo")
        .arg("-meta")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed by scripts/setup");
    assert!(
        o.status.success(),
        "pdfinfo -meta failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `pdfinfo`: the document information as `key: value` lines.
fn info(pdf: &Path) -> String {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(o.status.success(), "pdfinfo failed on {}", pdf.display());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// How often the wheel label "+s / →m" stands in `text` (whitespace collapsed),
/// as whole words.
fn wheel_labels(text: &str, s: usize, m: usize) -> usize {
    let words: Vec<&str> = text.split(' ').collect();
    let (plus, arrow) = (format!("+{s}"), format!("→{m}"));
    words
        .windows(3)
        .filter(|w| w[0] == plus && w[1] == "/" && w[2] == arrow)
        .count()
}

#[test]
fn compendium_and_profiles_hold_every_finding_and_the_wheel_counts() {
    let inputs = folder_with(&THREE);
    let out = tempfile::tempdir().unwrap();
    let o = build(inputs.path(), out.path(), &[]);
    assert_success(&o);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("built   compendium"), "{stdout}");
    assert!(stdout.contains("3 profiles built, 0 failed"), "{stdout}");

    let book = out.path().join("pdf/compendium.pdf");
    assert!(book.is_file());
    let book_text = pdf_text(&book);
    let ps = profiles(out.path());
    assert_eq!(ps.len(), 3);
    for p in &ps {
        let place = p
            .place
            .as_deref()
            .expect("corpus profiles name their place");
        assert!(
            book_text.contains(place),
            "{place} missing from the compendium"
        );
        let text = pdf_text(&out.path().join(format!("pdf/{}.pdf", p.id)));
        for (_, _, _, f) in p.findings() {
            let f = collapse(&f.text);
            assert!(
                book_text.contains(&f),
                "{}: not in the compendium: {f}",
                p.id
            );
            assert!(text.contains(&f), "{}: not in its PDF: {f}", p.id);
        }
        // The wheel: one "+s / →m" per domain in the profile's PDF, before
        // the grid of GCM objectives (which prints its counts alike).
        let wheel_part = [
            "Global Compact for Migration objectives",
            "Objectifs du Pacte mondial sur les migrations",
            "Objetivos del Pacto Mundial para la Migración",
        ]
        .iter()
        .filter_map(|h| text.find(h))
        .min()
        .map_or(text.as_str(), |at| &text[..at]);
        let mut expected = std::collections::HashMap::new();
        for d in &p.domains {
            *expected
                .entry((d.strengths.len(), d.improvements.len()))
                .or_insert(0) += 1;
        }
        for ((s, m), n) in expected {
            assert_eq!(
                wheel_labels(wheel_part, s, m),
                n,
                "{}: wheel label +{s} / →{m} in {text}",
                p.id
            );
        }
    }
    // Book labels in English; the chapters in their own languages.
    for label in [
        "Compendium of profiles",
        "Findings per profile and domain",
        "Findings per profile at a glance",
        "Synthèse des constats",
        "Summary of findings",
        "Resumen de resultados",
    ] {
        assert!(
            book_text.contains(label),
            "{label} missing from the compendium"
        );
    }
    let pages = info(&book);
    assert!(
        pages.contains("Title:           Migration Governance Indicators – Compendium of profiles"),
        "{pages}"
    );
    // The data of the book is kept out of json/, which holds only models.
    assert!(out.path().join(".compendium.json").is_file());
    assert_eq!(
        std::fs::read_dir(out.path().join("json")).unwrap().count(),
        3
    );
}

#[test]
fn compendium_is_skipped_when_nothing_changed_and_never_removed_as_stale() {
    let inputs = folder_with(&THREE);
    let out = tempfile::tempdir().unwrap();
    assert_success(&build(inputs.path(), out.path(), &[]));
    let book = out.path().join("pdf/compendium.pdf");
    let made = std::fs::metadata(&book).unwrap().modified().unwrap();

    let o = build(inputs.path(), out.path(), &[]);
    assert_success(&o);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("same    compendium"), "{stdout}");
    assert_eq!(std::fs::metadata(&book).unwrap().modified().unwrap(), made);

    // Another PDF standard makes every PDF again.
    let o = build(inputs.path(), out.path(), &["--pdf-standard", "a-2u"]);
    assert_success(&o);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("built   compendium"), "{stdout}");
    assert!(xmp(&book).contains("<pdfaid:conformance>U</pdfaid:conformance>"));

    // A removed input leaves the book, made again without it.
    std::fs::remove_file(inputs.path().join("ghana-2022-en-web.txt")).unwrap();
    let o = build(inputs.path(), out.path(), &[]);
    assert_success(&o);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(stdout.contains("removed"), "{stdout}");
    assert!(stdout.contains("built   compendium"), "{stdout}");
    assert!(!out.path().join("pdf/ghana-2022-en.pdf").exists());
    assert!(book.is_file(), "the compendium was removed");
    let text = pdf_text(&book);
    assert!(
        !text.contains("Ghana"),
        "a removed profile is still in the compendium"
    );
    assert!(text.contains("Mali") && text.contains("Guatemala"));

    // No PDFs: the compendium is left as it is.
    let before = std::fs::read(&book).unwrap();
    let o = build(inputs.path(), out.path(), &["--no-pdf"]);
    assert_success(&o);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("compendium"));
    assert_eq!(std::fs::read(&book).unwrap(), before);
}

/// `mgi build` with `SOURCE_DATE_EPOCH` set (2021-09-01).
fn build_dated(inputs: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args([
            "build",
            inputs.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--force",
        ])
        .current_dir(root())
        .env("MGI_HOME", root())
        .env("SOURCE_DATE_EPOCH", "1630454400")
        .output()
        .expect("mgi runs")
}

#[test]
fn default_build_is_pdf_a_3a_ua_1_with_metadata_and_the_same_bytes_twice() {
    let inputs = folder_with(&THREE);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_success(&build_dated(inputs.path(), a.path()));
    assert_success(&build_dated(inputs.path(), b.path()));

    let mut names: Vec<String> = std::fs::read_dir(a.path().join("pdf"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "compendium.pdf",
            "ghana-2022-en.pdf",
            "guatemala-2020-es.pdf",
            "mali-2021-fr.pdf"
        ]
    );
    for name in &names {
        let (pa, pb) = (
            a.path().join("pdf").join(name),
            b.path().join("pdf").join(name),
        );
        assert!(
            std::fs::read(&pa).unwrap() == std::fs::read(&pb).unwrap(),
            "{name} differs between two builds of the same inputs"
        );
        let meta = xmp(&pa);
        assert!(
            meta.contains("<pdfaid:part>3</pdfaid:part>"),
            "{name}: {meta}"
        );
        assert!(
            meta.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
            "{name}: {meta}"
        );
        assert!(
            meta.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{name}: {meta}"
        );
        let i = info(&pa);
        assert!(i.contains("Tagged:          yes"), "{name}: {i}");
    }

    // A profile: title, language, keywords, subject and the date of the build.
    let mali = a.path().join("pdf/mali-2021-fr.pdf");
    let meta = xmp(&mali);
    assert!(
        meta.contains("<dc:language><rdf:Bag><rdf:li>fr</rdf:li>"),
        "{meta}"
    );
    assert!(
        meta.contains("<xmp:CreateDate>2021-09-01T00:00:00"),
        "{meta}"
    );
    let i = info(&mali);
    for line in [
        "Title:           Deuxième profil de gouvernance de la migration : République du Mali (2021)",
        "Subject:         Profil des indicateurs de gouvernance des migrations : Mali · 2021",
        "Keywords:        IGM, gouvernance des migrations, Indicateurs de gouvernance des migrations, Mali, République du Mali, 2021, MLI, SHA-256 ",
    ] {
        assert!(i.contains(line), "{line}\nnot in:\n{i}");
    }
    assert!(
        xmp(&a.path().join("pdf/compendium.pdf")).contains("<xmp:CreateDate>2021-09-01T00:00:00")
    );
}

#[test]
fn pdf_standard_is_checked_and_passed_to_typst() {
    let inputs = folder_with(&["corpus/nairobi-2020-en-web-local.txt"]);
    let out = tempfile::tempdir().unwrap();

    // Not a standard typst knows: a usage error before anything is built.
    let o = build(inputs.path(), out.path(), &["--pdf-standard", "a-9z"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("invalid value 'a-9z' for '--pdf-standard <STD>'")
            && stderr.contains("unknown PDF standard `a-9z`")
            && stderr.contains("a-2b"),
        "{stderr}"
    );
    let o = build(inputs.path(), out.path(), &["--pdf-standard", "a-2b,a-3b"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("at most one PDF/A"));
    assert!(!out.path().join("json").exists());

    // PDF/A-2b and PDF/UA-1 together.
    let o = build(inputs.path(), out.path(), &["--pdf-standard", "a-2b,ua-1"]);
    assert_success(&o);
    for pdf in ["pdf/nairobi-2020-en.pdf", "pdf/compendium.pdf"] {
        let meta = xmp(&out.path().join(pdf));
        assert!(
            meta.contains("<pdfaid:part>2</pdfaid:part>"),
            "{pdf}: {meta}"
        );
        assert!(
            meta.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{pdf}: {meta}"
        );
    }

    // `none`: typst's own default, no PDF/A identification.
    let o = build(inputs.path(), out.path(), &["--pdf-standard", "none"]);
    assert_success(&o);
    assert!(!xmp(&out.path().join("pdf/nairobi-2020-en.pdf")).contains("pdfaid"));
}

/// A stand-in for typst that makes profile PDFs but fails on the compendium.
fn typst_failing_on_compendium(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("typst");
    std::fs::write(
        &p,
        "#!/bin/sh\n\
         if [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; exit 0; fi\n\
         for a; do last=$a; done\n\
         case \"$*\" in *compendium.typ*) echo 'templates/compendium.typ:1:1: error: boom' >&2; exit 1;; esac\n\
         printf '%%PDF-1.7 fake' > \"$last\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

#[test]
fn a_compendium_failure_fails_the_build_but_keeps_every_other_output() {
    let dir = tempfile::tempdir().unwrap();
    let typst = typst_failing_on_compendium(dir.path());
    let inputs = folder_with(&THREE[..2]);
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args([
            "build",
            inputs.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ])
        .env("TYPST", &typst)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(
        stdout.contains("failed  compendium") && stdout.contains("error: boom"),
        "{stdout}"
    );
    assert!(stdout.contains("2 profiles built, 0 failed"), "{stdout}");
    for f in [
        "pdf/mali-2021-fr.pdf",
        "pdf/ghana-2022-en.pdf",
        "json/mali-2021-fr.json",
        "csv/findings.csv",
    ] {
        assert!(out.path().join(f).is_file(), "{f} missing");
    }
    assert!(!out.path().join("pdf/compendium.pdf").exists());
    // Nothing left half-written.
    assert_eq!(
        std::fs::read_dir(out.path().join("pdf")).unwrap().count(),
        2
    );
}

#[test]
fn no_profile_takes_the_compendium_id() {
    let text = std::fs::read_to_string(fixture("model/mali-2021-fr.json")).unwrap();
    let mut p: Profile = serde_json::from_str(&text).unwrap();
    p.id = "compendium".into();
    p.warnings.clear();
    let mut results = vec![Ok(p)];
    mgi::build::make_ids_unique(&mut results);
    let p = results[0].as_ref().unwrap();
    assert_eq!(p.id, "compendium-2");
    assert!(matches!(
        p.warnings.as_slice(),
        [Warning { message, .. }] if message.contains("already used by the compendium")
    ));
}

/// The text of each page of a PDF, whitespace collapsed.
fn page_texts(pdf: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout)
        .unwrap()
        .split('\u{c}')
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn the_wheel_never_stands_alone_on_a_page() {
    // The Mali model with an introduction of one to six times its length:
    // the wheel is under the summary when page 1 has room, else above the
    // first domain, never on a page of its own.
    let typst = mgi::render::Typst::locate(&root()).expect("typst 0.15.1 (scripts/setup)");
    let dir = folder_with_templates();
    let text = std::fs::read_to_string(fixture("model/mali-2021-fr.json")).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let intro = model["introduction"][0].as_str().unwrap().to_string();
    let mut placements = std::collections::BTreeSet::new();
    for n in 1..=6 {
        let mut m = model.clone();
        m["introduction"] = serde_json::json!([vec![intro.as_str(); n].join(" ")]);
        let json = dir.path().join(format!("m{n}.json"));
        std::fs::write(&json, m.to_string()).unwrap();
        let pdf = dir.path().join(format!("m{n}.pdf"));
        typst
            .compile(
                dir.path(),
                &dir.path().join("templates/profile.typ"),
                Path::new(&format!("m{n}.json")),
                &pdf,
                &[],
            )
            .unwrap();
        let pages = page_texts(&pdf);
        let wheel = pages
            .iter()
            .position(|p| p.contains("+3 / →1"))
            .expect("the wheel is printed");
        let page = &pages[wheel];
        let under_summary = page.contains("par domaine du cadre de gouvernance des migrations");
        let above_domain = page.contains("Exemples d’aspects bien développés");
        assert!(
            under_summary || above_domain,
            "intro x{n}: the wheel is alone on page {}: {page}",
            wheel + 1
        );
        placements.insert(under_summary);
    }
    assert_eq!(placements.len(), 2, "both placements are exercised");
}

#[test]
fn every_pdf_of_a_build_carries_the_one_date_of_the_build() {
    // Without SOURCE_DATE_EPOCH the date is taken once, when the build
    // starts, however long the compiles take.
    let inputs = folder_with(&THREE);
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["build", inputs.path().to_str().unwrap(), "-o"])
        .arg(out.path())
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_success(&o);
    let dates: std::collections::BTreeSet<String> = std::fs::read_dir(out.path().join("pdf"))
        .unwrap()
        .map(|e| {
            let info = info(&e.unwrap().path());
            let date = info.lines().find(|l| l.starts_with("CreationDate:"));
            date.expect("a creation date").to_string()
        })
        .collect();
    assert_eq!(dates.len(), 1, "{dates:?}");
}
