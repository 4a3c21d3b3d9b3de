//! `mgi build` end to end: real parsing, real typst, PDFs read back.

mod common;

use common::*;
use mgi::model::Profile;

const WEB: [&str; 4] = [
    "corpus/mali-2021-fr-web.txt",
    "corpus/ghana-2022-en-web.txt",
    "corpus/guatemala-2020-es-web.txt",
    "corpus/nairobi-2020-en-web-local.txt",
];

fn load_profiles(out: &std::path::Path) -> Vec<Profile> {
    let mut v: Vec<Profile> = std::fs::read_dir(out.join("json"))
        .unwrap()
        .map(|e| {
            serde_json::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    v.sort_by(|a: &Profile, b| a.id.cmp(&b.id));
    v
}

#[test]
fn build_writes_json_csv_and_pdfs_with_every_finding() {
    let inputs = folder_with(&WEB);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "build failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("4 profiles built, 0 failed"), "{stdout}");

    let profiles = load_profiles(out.path());
    assert_eq!(profiles.len(), 4);
    let total: usize = profiles.iter().map(|p| p.findings().count()).sum();

    // findings.csv: one row per finding, word for word.
    let mut rdr = csv::Reader::from_path(out.path().join("csv/findings.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), total);
    for p in &profiles {
        let mine: Vec<&csv::StringRecord> =
            rows.iter().filter(|r| &r[0] == p.id.as_str()).collect();
        let texts: Vec<&str> = mine.iter().map(|r| &r[10]).collect();
        let model: Vec<&str> = p.findings().map(|(_, _, _, f)| f.text.as_str()).collect();
        assert_eq!(texts, model, "{}", p.id);
    }
    let domains = std::fs::read_to_string(out.path().join("csv/domains.csv")).unwrap();
    assert_eq!(domains.lines().count(), 1 + 6 * 4);
    let profiles_csv = std::fs::read_to_string(out.path().join("csv/profiles.csv")).unwrap();
    assert!(profiles_csv.starts_with("profile_id,place,place_official,country_iso3,level,edition,year,published,language,title,strengths,improvements,source"));
    assert!(
        profiles_csv
            .contains("mali-2021-fr,Mali,République du Mali,MLI,national,2,2021,2021-09,fr,")
    );

    // Every PDF holds every finding of its profile, as text.
    for p in &profiles {
        let text = pdf_text(&out.path().join(format!("pdf/{}.pdf", p.id)));
        for (_, _, _, f) in p.findings() {
            assert!(
                text.contains(&collapse(&f.text)),
                "{}: missing from the PDF: {}",
                p.id,
                f.text
            );
        }
    }
}

#[test]
fn typst_markup_in_findings_is_printed_literally() {
    let inputs = folder_with(&["markup-en-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let profiles = load_profiles(out.path());
    let p = &profiles[0];
    let texts: Vec<&str> = p.findings().map(|(_, _, _, f)| f.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("#read(\"/etc/passwd\")")),
        "{texts:?}"
    );
    let pdf = pdf_text(&out.path().join(format!("pdf/{}.pdf", p.id)));
    for t in texts {
        assert!(
            pdf.contains(&collapse(t)),
            "not literal in the PDF: {t}\nPDF text: {pdf}"
        );
    }
    assert!(
        !pdf.contains("root:x:0:0"),
        "a finding was evaluated as code"
    );
}

#[test]
fn a_bad_input_does_not_stop_the_batch() {
    let inputs = folder_with(&[
        "corpus/mali-2021-fr-web.txt",
        "corpus/not-a-profile-hub-fr.txt",
    ]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &["--no-pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(
        stdout.contains("not-a-profile-hub-fr.txt: error: no key findings found"),
        "{stdout}"
    );
    assert!(stdout.contains("1 profile built, 1 failed"), "{stdout}");
    assert!(out.path().join("json/mali-2021-fr.json").is_file());
}

#[test]
fn parse_prints_the_model_and_check_reports_problems() {
    let o = mgi(
        &[
            "parse",
            fixture("corpus/mali-2021-fr-web.txt").to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success());
    let p: Profile = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(p.id, "mali-2021-fr");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("mali-2021-fr-web.txt:40: warning: heading"),
        "{stderr}"
    );

    let o = mgi(
        &[
            "parse",
            fixture("corpus/not-a-profile-hub-fr.txt").to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error: no key findings found"));

    let o = mgi(
        &[
            "check",
            fixture("corpus/not-a-profile-hub-fr.txt").to_str().unwrap(),
            fixture("corpus/mali-2021-fr-web.txt").to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.lines().any(
            |l| l.ends_with("is this an MGI profile? Read as web text (no form feeds between pages, no markup); if it is one, try --format print.")
                && l.contains("not-a-profile-hub-fr.txt: error:")
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("mali-2021-fr-web.txt:40: warning:"),
        "{stdout}"
    );

    let o = mgi(&["build", "--no-such-flag"], &root());
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn excel_flag_writes_a_byte_order_mark() {
    let inputs = folder_with(&["corpus/mali-2021-fr-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &["--no-pdf", "--excel"]);
    assert!(o.status.success());
    let bytes = std::fs::read(out.path().join("csv/findings.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFprofile_id,"));
}

#[test]
fn a_very_long_finding_compiles_and_is_printed_whole() {
    // Hundreds of words with punctuation in one text once stopped typst
    // ("maximum grouping depth exceeded").
    let long: String = (0..800)
        .map(|i| format!("item-{i}, (a/b)"))
        .collect::<Vec<_>>()
        .join(" ");
    let text = std::fs::read_to_string(fixture("markup-en-web.txt"))
        .unwrap()
        .replace("Cooperation exists.", &long);
    let inputs = tempfile::tempdir().unwrap();
    std::fs::write(inputs.path().join("long-en-web.txt"), text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    let p = &load_profiles(out.path())[0];
    let pdf = pdf_text(&out.path().join(format!("pdf/{}.pdf", p.id)));
    // Longer than a page, so a running header may fall inside it: every
    // word is still there, whole and in order ("item-352," is never cut).
    let mut at = 0;
    for i in 0..800 {
        let word = format!("item-{i},");
        let found = pdf[at..]
            .find(&word)
            .unwrap_or_else(|| panic!("missing or out of order: {word}"));
        at += found + word.len();
    }
}
