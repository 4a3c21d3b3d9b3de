//! Sections out of shape.

use super::*;

fn has_warning(p: &Profile, line: usize, text: &str) -> bool {
    p.warnings
        .iter()
        .any(|w| w.line == Some(line) && w.message == text)
}

#[test]
fn a_domain_present_twice_is_said_and_its_findings_kept_once_each() {
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    // After the last domain, Partenariats again with one new finding and
    // one repeated.
    let text = mali_with_line(
        134,
        "Key findings\nPartenariats\n\nGouvernance de la migration : exemples d’aspects bien développés :\n\n  • Un partenariat de plus.\n  • Le Mali n’a pas conclu d’accord de réadmission.\n",
    );
    let p = parse_ok("mali.txt", text.as_bytes());
    assert!(
        has_warning(
            &p,
            135,
            "domain \"Partenariats\" appears again (first at line 88); the findings of both are kept in one domain"
        ),
        "{:#?}",
        warnings(&p)
    );
    let partnerships = &p.domains[2];
    let strengths: Vec<&str> = partnerships
        .strengths
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        &strengths[strengths.len() - 2..],
        [
            "Un partenariat de plus.",
            "Le Mali n’a pas conclu d’accord de réadmission."
        ]
    );
    assert_eq!(p.findings().count(), original.findings().count() + 2);
    assert!(
        partnerships
            .improvements
            .iter()
            .chain(&partnerships.strengths)
            .filter(|f| f.text == "Le Mali n’a pas conclu d’accord de réadmission.")
            .count()
            == 2,
        "one as an improvement (line 97), one as a strength (line 140): different lists"
    );
}

#[test]
fn a_repeated_bullet_in_one_list_is_kept_once_and_said() {
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    let text = fixture_text(MALI);
    let line68 = lines_of(&text)[67].to_string();
    let text = mali_with_line(69, &format!("{}\n{line68}", lines_of(&text)[68]));
    let p = parse_ok("mali.txt", text.as_bytes());
    assert!(has_warning(
        &p,
        70,
        "this bullet repeats the one of line 68 in the same list; kept once"
    ));
    assert_eq!(texts(&p), texts(&original));
}

#[test]
fn bullets_under_a_domain_without_list_heading_are_each_reported() {
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    // The strengths heading of the first domain (line 66) is missing.
    let p = parse_ok("mali.txt", mali_with_line(66, "").as_bytes());
    let lost: Vec<_> = original.domains[0].strengths.clone();
    assert_eq!(lost.len(), 2);
    for f in &lost {
        let w = p
            .warnings
            .iter()
            .find(|w| w.line == Some(f.line))
            .unwrap_or_else(|| panic!("no warning at line {}", f.line));
        assert!(
            w.message.starts_with(
                "bullet under domain migrants_rights has no list heading (strengths or improvements above it), not taken as a finding: \""
            ),
            "{}",
            w.message
        );
        let excerpt: String = f.text.chars().take(80).collect();
        assert!(w.message.contains(&excerpt), "{}", w.message);
    }
    assert_eq!(p.findings().count(), original.findings().count() - 2);
    let rec = recognised(&mali_with_line(66, ""));
    assert!(rec.audit.holds());
    assert_eq!(rec.audit.items_warned, 2);
}

#[test]
fn a_missing_improvements_heading_is_said_at_the_domain() {
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    // "Aspects qui pourraient être renforcés :" of the first domain (line 71)
    // is missing: its bullets run on the list of strengths.
    let p = parse_ok("mali.txt", mali_with_line(71, "").as_bytes());
    assert!(
        has_warning(
            &p,
            64,
            "domain migrants_rights has no improvements: no list heading of improvements under domain heading \"Droits des migrants\" (if that heading is missing, its bullets were read as strengths)"
        ),
        "{:#?}",
        warnings(&p)
    );
    assert_eq!(p.findings().count(), original.findings().count());
}

#[test]
fn headings_without_bullets_are_said_with_their_line() {
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    // Partenariats (line 88) loses all its bullets (lines 92, 93, 97).
    let text = fixture_text(MALI);
    let mut lines = lines_of(&text);
    for n in [92, 93, 97] {
        lines[n - 1] = "";
    }
    let p = parse_ok("mali.txt", lines.join("\n").as_bytes());
    assert!(
        has_warning(&p, 88, "domain heading \"Partenariats\" has no bullets"),
        "{:#?}",
        warnings(&p)
    );
    assert!(
        warnings(&p).contains(&"domains missing (a truncated copy?): partnerships".to_string())
    );
    assert_eq!(p.findings().count(), original.findings().count() - 3);

    // Only its list of improvements (line 95) is empty.
    let p = parse_ok("mali.txt", mali_with_line(97, "").as_bytes());
    assert!(
        has_warning(
            &p,
            95,
            "list heading \"Aspects qui pourraient être renforcés :\" has no bullets: domain partnerships has no improvements"
        ),
        "{:#?}",
        warnings(&p)
    );
}

#[test]
fn a_bullet_outside_any_domain_is_said() {
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    // Between "Key findings" (line 75) and the domain heading of line 76.
    let p = parse_ok(
        "mali.txt",
        mali_with_line(75, "Key findings\n  • Une puce égarée.").as_bytes(),
    );
    assert!(
        has_warning(
            &p,
            76,
            "bullet outside any domain, not taken as a finding: \"Une puce égarée.\""
        ),
        "{:#?}",
        warnings(&p)
    );
    assert_eq!(texts(&p), texts(&original));
}
