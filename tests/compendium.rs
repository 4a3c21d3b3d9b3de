//! The compendium in volumes: one book when it fits, else a volume per
//! group and size, named after them, each holding its own profiles (read
//! back with pdftotext); volumes of an earlier plan are removed.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::*;
use mgi::model::Profile;

const SIX: [&str; 6] = [
    "corpus/mali-2021-fr-web.txt",
    "corpus/niger-2019-fr-web.txt",
    "corpus/ghana-2022-en-web.txt",
    "corpus/fiji-2023-en-html.html",
    "corpus/nairobi-2020-en-web-local.txt",
    "corpus/guatemala-2020-es-web.txt",
];

fn build(inputs: &Path, out: &Path, extra: &[&str]) -> String {
    let o = mgi_build(inputs, out, extra);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build {extra:?} failed: {stderr}");
    stderr
}

/// The compendium's files in `pdf/` and its data files in the output folder.
fn book_files(out: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let names = |dir: &Path, keep: &dyn Fn(&str) -> bool| {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| keep(n))
            .collect()
    };
    (
        names(&out.join("pdf"), &|n| n.starts_with("compendium")),
        names(out, &|n| n.starts_with(".compendium")),
    )
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn places(out: &Path) -> Vec<(String, String)> {
    std::fs::read_dir(out.join("json"))
        .unwrap()
        .map(|e| {
            let p: Profile =
                serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
            (
                p.language,
                p.place.expect("corpus profiles name their place"),
            )
        })
        .collect()
}

/// A chapter's place appears as a running header and in the contents: the
/// places of a book are those whose chapter title ("Mali · 2021") it holds.
fn holds(text: &str, place: &str) -> bool {
    text.contains(&format!("{place} · "))
}

#[test]
fn volumes_by_language_hold_their_profiles_and_replace_the_one_book() {
    let inputs = folder_with(&SIX);
    let out = tempfile::tempdir().unwrap();
    let said = build(inputs.path(), out.path(), &[]);
    assert!(
        said.contains("built   compendium                   pdf/compendium.pdf"),
        "{said}"
    );
    assert_eq!(
        book_files(out.path()),
        (set(&["compendium.pdf"]), set(&[".compendium.json"]))
    );

    let said = build(inputs.path(), out.path(), &["--compendium-by", "language"]);
    for lang in ["en", "es", "fr"] {
        assert!(
            said.contains(&format!("built   compendium-{lang}")),
            "{said}"
        );
    }
    assert!(said.contains("removed"), "{said}");
    assert!(said.contains("pdf/compendium.pdf"), "{said}");
    assert_eq!(
        book_files(out.path()),
        (
            set(&[
                "compendium-en.pdf",
                "compendium-es.pdf",
                "compendium-fr.pdf"
            ]),
            set(&[
                ".compendium-en.json",
                ".compendium-es.json",
                ".compendium-fr.json"
            ])
        )
    );
    let fr = pdf_text(&out.path().join("pdf/compendium-fr.pdf"));
    assert!(
        fr.contains("Compendium of profiles French 2 profiles"),
        "{fr}"
    );
    for (lang, place) in places(out.path()) {
        for book in ["en", "es", "fr"] {
            let text = pdf_text(&out.path().join(format!("pdf/compendium-{book}.pdf")));
            assert_eq!(
                holds(&text, &place),
                lang == book,
                "{place} ({lang}) in compendium-{book}: {text}"
            );
        }
    }
    // Nothing changed: every volume is left as it is.
    let said = build(inputs.path(), out.path(), &["--compendium-by", "language"]);
    assert_eq!(said.matches("same    compendium-").count(), 3, "{said}");
    assert!(!said.contains("removed"), "{said}");
}

#[test]
fn the_cap_numbers_volumes_and_every_profile_is_in_one() {
    let inputs = folder_with(&SIX);
    let out = tempfile::tempdir().unwrap();
    let args = [
        "--compendium-by",
        "region",
        "--compendium-max-profiles",
        "2",
    ];
    let said = build(inputs.path(), out.path(), &args);
    // Africa: Mali, Niger, Ghana, Kenya (Nairobi); the Americas: Guatemala;
    // Oceania: Fiji.
    let (pdfs, _) = book_files(out.path());
    assert_eq!(
        pdfs,
        set(&[
            "compendium-africa-1.pdf",
            "compendium-africa-2.pdf",
            "compendium-americas.pdf",
            "compendium-oceania.pdf",
        ]),
        "{said}"
    );
    let texts: Vec<String> = pdfs
        .iter()
        .map(|f| pdf_text(&out.path().join("pdf").join(f)))
        .collect();
    assert!(texts[1].contains("Africa · Volume 2 of 2"), "{}", texts[1]);
    assert!(texts[2].contains("Americas"), "{}", texts[2]);
    for (_, place) in places(out.path()) {
        let n = texts.iter().filter(|t| holds(t, &place)).count();
        assert_eq!(n, 1, "{place} is in {n} volumes");
    }
    // Each volume has its own contents, table and chart.
    for text in &texts {
        assert_eq!(
            text.matches("Findings per profile and domain").count(),
            2,
            "{text}"
        );
    }
    // Back to one book: the volumes go.
    build(inputs.path(), out.path(), &[]);
    assert_eq!(
        book_files(out.path()),
        (set(&["compendium.pdf"]), set(&[".compendium.json"]))
    );
}

#[test]
fn a_volume_compiles_by_hand_from_its_data() {
    let inputs = folder_with(&SIX[..3]);
    let out = tempfile::tempdir().unwrap();
    build(
        inputs.path(),
        out.path(),
        &["--compendium-by", "level", "--no-pdf"],
    );
    // No PDFs, no compendium: build the books, then one by hand.
    build(inputs.path(), out.path(), &["--compendium-by", "level"]);
    let (pdfs, data) = book_files(out.path());
    assert_eq!(
        pdfs,
        set(&["compendium.pdf"]),
        "three national profiles: one book"
    );
    assert_eq!(data, set(&[".compendium.json"]));
    let typst = mgi::render::Typst::locate(&root()).expect("typst (scripts/setup)");
    let pdf = out.path().join("by-hand.pdf");
    let o = Command::new(&typst.program)
        .arg("compile")
        // The root holds both the template and the data.
        .args(["--root", "/", "--input"])
        .arg(format!(
            "data={}",
            out.path().join(".compendium.json").display()
        ))
        .arg("--ignore-system-fonts")
        .arg(root().join("templates/compendium.typ"))
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = pdf_text(&pdf);
    for (_, place) in places(out.path()) {
        assert!(holds(&text, &place), "{place} missing: {text}");
    }
}
