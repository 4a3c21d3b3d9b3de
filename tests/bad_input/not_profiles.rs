//! Texts that are not profiles.

use super::*;

const NEWS: &str = "\
Migrants’ rights on the agenda as ministers meet in Accra
12 March 2024

ACCRA — Ministers from fifteen West African countries met on Tuesday to discuss
partnerships on labour migration and the well-being of migrants.

Key points of the meeting:
- A regional fund for returning migrants was proposed.
- Data on migration will be shared every year.

\"Partnerships are the way forward,\" said the chair. The next meeting is in June.
";

#[test]
fn texts_that_are_not_profiles_are_refused() {
    // What was looked for is said in the document's language, with the form
    // the file was read as and the form to try.
    for (name, bytes) in [
        ("news.txt", NEWS.as_bytes().to_vec()),
        (
            "not-a-profile-hub-fr.txt",
            std::fs::read(fixture("corpus/not-a-profile-hub-fr.txt")).unwrap(),
        ),
    ] {
        let e = parse_err(name, &bytes);
        assert_eq!(
            e.message(),
            format!(
                "{} Read as web text (no form feeds between pages, no markup); \
                 if it is one, try --format print.",
                if name == "news.txt" {
                    "no key findings found: no bullet stands under both a domain heading and a list heading \
                     (\"Migration governance: examples of well-developed areas\" / \"Areas with potential for further development\"); \
                     is this an MGI profile?"
                } else {
                    "no key findings found: no bullet stands under both a domain heading and a list heading \
                     (\"Gouvernance de la migration : exemples d'aspects bien développés\" / \"Aspects qui pourraient être renforcés\"); \
                     is this an MGI profile?"
                }
            ),
            "{name}"
        );
        assert!(e.to_string().starts_with(&format!("{}", e.path.display())));
    }
}
