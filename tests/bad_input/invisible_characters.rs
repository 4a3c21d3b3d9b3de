//! Line ends, spaces, invisible characters, decomposed accents.

use super::*;

const UNICODE_SPACES: [char; 8] = [
    '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{1680}',
];

fn with_unicode_spaces(text: &str) -> String {
    let mut n = 0;
    text.chars()
        .map(|c| {
            if c == ' ' {
                n += 1;
                UNICODE_SPACES[n % UNICODE_SPACES.len()]
            } else {
                c
            }
        })
        .collect()
}

/// Zero-width characters at every line start, after every space and inside
/// words.
fn with_zero_width(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            format!(
                "\u{feff}\u{200b}{}",
                line.replace(' ', " \u{200b}")
                    .replace("ti", "t\u{200c}i")
                    .replace("ar", "a\u{2060}r")
                    .replace("on", "o\u{200d}n")
            )
        })
        .collect()
}

#[test]
fn line_ends_tabs_spaces_and_invisible_characters_change_nothing() {
    for rel in [MALI, GUATEMALA] {
        let text = fixture_text(rel);
        let original = parse_ok("p.txt", text.as_bytes());
        let variants: [(&str, String); 7] = [
            ("CRLF", text.replace('\n', "\r\n")),
            ("CR", text.replace('\n', "\r")),
            ("tabs", text.replace(' ', "\t")),
            ("Unicode spaces", with_unicode_spaces(&text)),
            ("zero-width", with_zero_width(&text)),
            ("NFD", text.nfd().collect()),
            (
                "all at once",
                with_zero_width(&with_unicode_spaces(&text.nfd().collect::<String>()))
                    .replace('\n', "\r\n"),
            ),
        ];
        for (what, variant) in variants {
            let p = parse_ok("p.txt", variant.as_bytes());
            assert_eq!(findings(&p), findings(&original), "{rel}: {what}");
            assert_same_profile(&original, &p, &[]);
        }
    }
}

#[test]
fn decomposed_accents_give_the_same_bytes_as_composed_ones() {
    let text = fixture_text(MALI);
    let nfd: String = text.nfd().collect();
    assert_ne!(nfd, text);
    let mut a = parse_ok("mali.txt", text.as_bytes());
    let mut b = parse_ok("mali.txt", nfd.as_bytes());
    a.source.clear();
    b.source.clear();
    assert_eq!(
        mgi::export::json::to_json(&a).into_bytes(),
        mgi::export::json::to_json(&b).into_bytes()
    );
    // And the findings are NFC.
    for t in texts(&b) {
        assert_eq!(t.nfc().collect::<String>(), t);
    }
    assert!(
        texts(&b)
            .iter()
            .any(|t| t.contains("Le Mali n’a pas conclu d’accord de réadmission."))
    );
}
