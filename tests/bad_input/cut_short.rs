//! A profile cut short.

use super::*;

#[test]
fn profile_cut_after_its_third_domain_keeps_what_is_there_and_names_the_rest() {
    let text = fixture_text(MALI);
    let original = parse_ok("mali.txt", text.as_bytes());
    let lines = lines_of(&text);
    // Lines 1–97: up to the last bullet of the third domain (Partenariats).
    assert!(lines[96].contains("accord de réadmission"));
    let cut = lines[..97].join("\n") + "\n";
    let p = parse_ok("mali-cut.txt", cut.as_bytes());
    let want: Vec<_> = findings(&original)
        .into_iter()
        .filter(|f| ["migrants_rights", "whole_of_government", "partnerships"].contains(&f.0))
        .collect();
    assert_eq!(findings(&p), want);
    assert!(
        warnings(&p).contains(
            &"domains missing (a truncated copy?): well_being, mobility_crises, safe_orderly_regular"
                .to_string()
        ),
        "{:#?}",
        warnings(&p)
    );
    // The title was in the part cut off: said, and the id comes from the file name.
    assert!(
        warnings(&p)
            .iter()
            .any(|w| w.starts_with("no title line found"))
    );
    assert_eq!(p.id, "mali-cut-fr");
}
