//! The same profile as web text, saved HTML page, Word HTML export and
//! printed text gives the same findings, word for word, and the same metadata
//! where the form carries it.

mod common;

use common::fixture;
use mgi::model::Profile;
use mgi::read::Form;

fn parse(rel: &str) -> Profile {
    mgi::profile::parse_file(&fixture(rel), Form::Auto, None)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn findings(p: &Profile) -> Vec<(String, &'static str, String)> {
    p.findings()
        .map(|(d, k, _, f)| (d.domain.as_str().to_string(), k.as_str(), f.text.clone()))
        .collect()
}

#[test]
fn niger_2022_in_every_form_gives_the_same_findings() {
    let web = parse("corpus/niger-2022-fr-web.txt");
    assert_eq!(web.findings().count(), 26);
    for rel in [
        "forms/niger-2022-fr.html",
        "forms/niger-2022-fr-word.html",
        "forms/niger-2022-fr-print.txt",
    ] {
        let other = parse(rel);
        assert_eq!(findings(&other), findings(&web), "{rel}");
        assert_eq!(other.language, "fr", "{rel}");
        assert_eq!(other.country_iso3.as_deref(), Some("NER"), "{rel}");
        assert_eq!(other.year, Some(2022), "{rel}");
        assert!(
            other
                .warnings
                .iter()
                .all(|w| !w.message.contains("internal check")),
            "{rel}"
        );
    }
}

#[test]
fn saved_page_carries_the_web_metadata() {
    let web = parse("corpus/niger-2022-fr-web.txt");
    let html = parse("forms/niger-2022-fr.html");
    assert_eq!(html.title, web.title);
    assert_eq!(html.edition, Some(2));
    assert_eq!(html.published, web.published);
    assert_eq!(html.id, "niger-2022-fr");
}

#[test]
fn word_export_in_windows_1252_is_decoded() {
    let bytes = std::fs::read(fixture("forms/niger-2022-fr-word.html")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is windows-1252"
    );
    let word = parse("forms/niger-2022-fr-word.html");
    assert!(
        word.findings()
            .any(|(_, _, _, f)| f.text.contains("l’Intérieur"))
    );
}
