//! Bad input, from many hands: every file that is not a clean profile gets a
//! clear message (file, line where there is one, what is wrong, what to do)
//! and never a panic; what can be read is read to the same findings as the
//! clean original; nothing is lost; outputs are complete files inside the
//! output folder, whatever the input names and however the build ends.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use encoding_rs::WINDOWS_1252;
use mgi::error::InputError;
use mgi::model::Profile;
use mgi::read::{self, Form, MAX_INPUT_BYTES};
use mgi::recognise;
use unicode_normalization::UnicodeNormalization;

const MALI: &str = "corpus/mali-2021-fr-web.txt";
const GUATEMALA: &str = "corpus/guatemala-2020-es-web.txt";

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

/// Parse `bytes` saved as `name` in a fresh folder.
fn parse_as(name: &str, bytes: &[u8]) -> Result<Profile, InputError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    mgi::profile::parse_file(&path, Form::Auto, None)
}

fn parse_ok(name: &str, bytes: &[u8]) -> Profile {
    parse_as(name, bytes).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

fn parse_err(name: &str, bytes: &[u8]) -> InputError {
    match parse_as(name, bytes) {
        Ok(p) => panic!("{name} parsed: {} findings", p.findings().count()),
        Err(e) => e,
    }
}

/// Every finding with its domain, list and line.
fn findings(p: &Profile) -> Vec<(&'static str, &'static str, String, usize)> {
    p.findings()
        .map(|(d, k, _, f)| (d.domain.as_str(), k.as_str(), f.text.clone(), f.line))
        .collect()
}

fn texts(p: &Profile) -> Vec<String> {
    p.findings().map(|(_, _, _, f)| f.text.clone()).collect()
}

fn warnings(p: &Profile) -> Vec<String> {
    p.warnings
        .iter()
        .map(|w| match w.line {
            Some(l) => format!("{l}: {}", w.message),
            None => w.message.clone(),
        })
        .collect()
}

/// `variant` is `original` in every field (the source path aside), once the
/// warnings that start with `decoding` (the encoding assumed) are set aside.
fn assert_same_profile(original: &Profile, variant: &Profile, decoding: &[&str]) {
    let mut v = variant.clone();
    for expected in decoding {
        let i = v
            .warnings
            .iter()
            .position(|w| w.message.starts_with(expected))
            .unwrap_or_else(|| panic!("no warning `{expected}…` in {:#?}", v.warnings));
        v.warnings.remove(i);
    }
    v.source = original.source.clone();
    assert_eq!(findings(&v), findings(original));
    assert_eq!(&v, original);
}

fn no_replacement_character(p: &Profile) {
    let json = mgi::export::json::to_json(p);
    assert!(!json.contains('\u{fffd}'), "U+FFFD in the model");
}

/// A PDF page with a drawing and no text, as a scan without OCR.
fn scan_pdf() -> Vec<u8> {
    pdf("0.2 0.4 0.8 rg 72 400 450 300 re f 0 0 0 RG 4 w 72 380 m 522 380 l S")
}

/// The first bytes of a PNG image: signature and header chunk.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";

/// The first bytes of a ZIP archive (a .docx): a local file header.
const ZIP: &[u8] = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\xdf\xa4\xd2lZ\x01\0\0 \x05\0\0\x13\0\x08\x02[Content_Types].xml";

// ---------------------------------------------------------------------------
// 1. Files with nothing to read.

#[test]
fn empty_file_is_refused_with_advice() {
    let e = parse_err("empty.txt", b"");
    assert_eq!(
        e.message,
        "the file is empty: save the profile's text into it, or remove it from the inputs"
    );
    assert!(
        e.to_string()
            .contains("empty.txt: error: the file is empty")
    );
}

#[test]
fn whitespace_only_is_refused_with_advice() {
    for blank in [
        " \n\t\r\n",
        "\u{a0}\u{2003}\n\u{3000}\u{200b}\n",
        "\u{feff}\n\n",
    ] {
        let e = parse_err("blank.txt", blank.as_bytes());
        assert_eq!(
            e.message,
            "the file contains only whitespace: save the profile's text into it, or remove it from the inputs",
            "{blank:?}"
        );
    }
}

#[test]
fn binary_files_named_txt_are_refused() {
    let e = parse_err("profile.txt", PNG);
    assert_eq!(
        e.message,
        "this is not a text file (looks like a PNG image): an image has no text to read: use the profile's web page or PDF"
    );
    // A ZIP archive is read as a word-processor document, whatever its name:
    // this one is cut short.
    let e = parse_err("profile.txt", ZIP);
    assert!(
        e.message.starts_with(
            "this looks like a ZIP archive (a .docx or .odt is one) but it is damaged ("
        ),
        "{}",
        e.message
    );
    // Other binary bytes: the offset of the first zero byte.
    let mut bytes = b"Key findings\n".to_vec();
    bytes.extend_from_slice(&[0x00, 0x13, 0x37, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x02]);
    let e = parse_err("profile.txt", &bytes);
    assert!(
        e.message
            .starts_with("this is not a text file (it contains a zero byte at byte offset 13)"),
        "{e}"
    );
}

#[test]
fn pdf_without_text_layer_is_refused() {
    for name in ["scan.pdf", "scan.txt"] {
        let e = parse_err(name, &scan_pdf());
        assert_eq!(
            e.message, "the PDF has no text layer (a scan?): run OCR first or give a text copy",
            "{name}"
        );
        assert!(e.path.ends_with(name));
    }
}

#[test]
fn bad_files_are_reported_one_line_each_and_the_batch_goes_on() {
    let inputs = folder_with(&[MALI, "corpus/not-a-profile-hub-fr.txt"]);
    let dir = inputs.path();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("blank.txt"), b"  \n\n").unwrap();
    std::fs::write(dir.join("image.txt"), PNG).unwrap();
    std::fs::write(dir.join("archive.txt"), ZIP).unwrap();
    std::fs::write(dir.join("scan.pdf"), scan_pdf()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "--no-pdf",
            dir.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stderr);
    for (file, message) in [
        ("empty.txt", "the file is empty: "),
        ("blank.txt", "the file contains only whitespace: "),
        (
            "image.txt",
            "this is not a text file (looks like a PNG image)",
        ),
        (
            "archive.txt",
            "this looks like a ZIP archive (a .docx or .odt is one) but it is damaged",
        ),
        ("scan.pdf", "the PDF has no text layer (a scan?)"),
        (
            "not-a-profile-hub-fr.txt",
            "no key findings found: no bullet stands under both a domain heading and a list heading",
        ),
    ] {
        let line = format!("failed  {}: error: {message}", dir.join(file).display());
        assert!(stdout.contains(&line), "no `{line}` in:\n{stdout}");
    }
    assert!(stdout.contains("1 profile built, 6 failed"), "{stdout}");
    assert!(out.path().join("json/mali-2021-fr.json").is_file());
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

// ---------------------------------------------------------------------------
// 2. Encodings.

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf8_with_and_without_bom_give_the_same_findings() {
    for rel in [MALI, GUATEMALA] {
        let text = fixture_text(rel);
        let original = parse_ok("p.txt", text.as_bytes());
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_same_profile(&original, &parse_ok("p.txt", &bom), &[]);
    }
}

#[test]
fn utf16_with_bom_gives_the_same_findings() {
    for rel in [MALI, GUATEMALA] {
        let text = fixture_text(rel);
        let original = parse_ok("p.txt", text.as_bytes());
        let le = parse_ok("p.txt", &utf16(&text, false));
        assert_same_profile(&original, &le, &["decoded as UTF-16LE (byte-order mark)"]);
        let be = parse_ok("p.txt", &utf16(&text, true));
        assert_same_profile(&original, &be, &["decoded as UTF-16BE (byte-order mark)"]);
        no_replacement_character(&be);
    }
}

#[test]
fn windows_1252_french_and_spanish_are_detected_and_said() {
    for rel in [MALI, GUATEMALA] {
        let text = fixture_text(rel);
        let original = parse_ok("p.txt", text.as_bytes());
        let (bytes, _, unmappable) = WINDOWS_1252.encode(&text);
        assert!(!unmappable, "{rel} has characters windows-1252 lacks");
        assert!(std::str::from_utf8(&bytes).is_err());
        let p = parse_ok("p.txt", &bytes);
        assert_same_profile(
            &original,
            &p,
            &["no encoding declared: decoded as windows-1252 (detected)"],
        );
        no_replacement_character(&p);
    }
}

#[test]
fn latin1_text_is_read_right() {
    // ISO-8859-1 lacks the typographic apostrophe, quotes, bullet and "œ":
    // a Latin-1 file has their plain forms.
    for rel in [MALI, GUATEMALA] {
        let text = fixture_text(rel)
            .replace('’', "'")
            .replace(['“', '”'], "\"")
            .replace('•', "-")
            .replace('œ', "oe");
        assert!(text.chars().all(|c| (c as u32) < 256));
        let latin1: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        let original = parse_ok("p.txt", text.as_bytes());
        assert!(original.findings().count() >= 20);
        let p = parse_ok("p.txt", &latin1);
        assert_same_profile(
            &original,
            &p,
            &["no encoding declared: decoded as windows-1252 (detected)"],
        );
    }
}

#[test]
fn stray_bytes_in_utf8_are_an_error_naming_offset_and_line() {
    // Three "é" saved as Latin-1 bytes inside an otherwise UTF-8 file.
    let text = fixture_text(MALI);
    let mut bytes = Vec::new();
    let mut first = None;
    let mut replaced = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if (70..73).contains(&i) && line.contains('é') && replaced < 3 {
            let at = line.find('é').unwrap();
            first.get_or_insert((bytes.len() + at, i + 1));
            bytes.extend_from_slice(&line.as_bytes()[..at]);
            bytes.push(0xE9);
            bytes.extend_from_slice(&line.as_bytes()[at + 'é'.len_utf8()..]);
            replaced += 1;
        } else {
            bytes.extend_from_slice(line.as_bytes());
        }
    }
    let (offset, line) = first.expect("an é to replace");
    let e = parse_err("mali.txt", &bytes);
    assert_eq!(
        e.message,
        format!(
            "invalid UTF-8 at byte offset {offset} (line {line}): the file is mostly UTF-8 but has {replaced} stray byte{}; re-save it as UTF-8",
            if replaced == 1 { "" } else { "s" }
        )
    );
    assert!(!e.to_string().contains('\u{fffd}'));

    // `mgi parse` prints no model with a replacement character: it prints none.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mali.txt");
    std::fs::write(&path, &bytes).unwrap();
    let o = mgi(&["parse", path.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(&format!(
            "mali.txt: error: invalid UTF-8 at byte offset {offset}"
        )),
        "{stderr}"
    );
}

#[test]
fn a_copy_cut_inside_a_character_says_so() {
    let text = fixture_text(MALI);
    let cut = text.find("réadmission").unwrap() + 2; // inside "é"
    let e = parse_err("mali.txt", &text.as_bytes()[..cut]);
    let line = text.as_bytes()[..cut]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    assert_eq!(
        e.message,
        format!(
            "the file ends inside a UTF-8 character at byte offset {} (line {line}): it looks cut short; copy the profile again",
            cut - 1
        )
    );
}

// ---------------------------------------------------------------------------
// 3. Line ends, spaces, invisible characters, decomposed accents.

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

// ---------------------------------------------------------------------------
// 4. Texts that are not profiles.

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
            e.message,
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

// ---------------------------------------------------------------------------
// 5. A profile cut short.

fn lines_of(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

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

// ---------------------------------------------------------------------------
// 6. Sections out of shape.

/// Mali with line `n` (1-based) replaced by `with` (which may hold several
/// lines, or none).
fn mali_with_line(n: usize, with: &str) -> String {
    let text = fixture_text(MALI);
    let mut lines = lines_of(&text);
    lines[n - 1] = with;
    lines.join("\n")
}

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

fn recognised(text: &str) -> recognise::Recognised {
    let (doc, _) = read::read_bytes(Path::new("x.txt"), text.as_bytes(), Form::Text).unwrap();
    recognise::recognise(&doc).unwrap()
}

// ---------------------------------------------------------------------------
// 7. Size.

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    assert_eq!(MAX_INPUT_BYTES, 64 * 1024 * 1024, "the README says 64 MiB");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    // Sparse: no disk space and no time, but 100 MB as far as anyone asks.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1000 * 1000)
        .unwrap();
    let e = read::read_file(&path, Form::Auto).unwrap_err();
    assert_eq!(
        e.message,
        "the file is too large: 95.4 MiB (100000000 bytes); the limit is 64 MiB (67108864 bytes). \
         MGI profiles are far smaller: check that this is a profile, or keep only the profile's text"
    );
    let o = mgi(&["check", path.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("huge.txt: error: the file is too large: 95.4 MiB"),
        "{stdout}"
    );

    // One byte over is over; at the limit is read (and found not to be text).
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES + 1)
        .unwrap();
    let e = read::read_file(&path, Form::Auto).unwrap_err();
    assert!(
        e.message
            .starts_with("the file is too large: 64.0 MiB (67108865 bytes)")
    );
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES)
        .unwrap();
    let e = read::read_file(&path, Form::Auto).unwrap_err();
    assert!(
        e.message
            .starts_with("this is not a text file (it contains a zero byte at byte offset 0)"),
        "{e}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_input_is_cut_at_the_limit() {
    let e = read::read_file(Path::new("/dev/zero"), Form::Auto).unwrap_err();
    assert!(
        e.message.starts_with(
            "the file is too large: endless or growing (more than the limit was read); the limit is 64 MiB"
        ),
        "{e}"
    );
}

#[test]
fn a_page_nesting_elements_without_end_is_refused_before_parsing() {
    // A generator that never closes its elements: the HTML parser would
    // take minutes (its time grows with the square of the depth).
    let html = format!(
        "<!DOCTYPE html>\n<html><body>\n<main>\n{}\n<p>Key findings</p>",
        "<div class=\"row\"><section>".repeat(50_000)
    );
    let e = parse_err("page.html", html.as_bytes());
    assert_eq!(
        e.message,
        format!(
            "the page nests its elements more than {} deep (from line 4): it is probably damaged; save it again from the browser, or give a text copy or the PDF",
            mgi::read::html::MAX_NESTING
        )
    );
}

#[test]
fn a_folder_given_as_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = read::read_file(dir.path(), Form::Auto).unwrap_err();
    assert!(e.message.starts_with("this is a folder, not a file"), "{e}");
}

/// A megabyte of words, unlike any heading.
fn megabyte_of_words() -> String {
    let words = ["migrants", "accès", "santé", "2021", "l’emploi", "données"];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < 1 << 20 {
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i += 1;
    }
    s.trim_end().to_string()
}

#[test]
fn megabyte_lines_are_read_whole() {
    let long = megabyte_of_words();
    let one_word = "x".repeat(1 << 20);
    // A finding of a megabyte; a paragraph of one megabyte-long word and
    // one of a megabyte of words in the introduction.
    let text = mali_with_line(68, &format!("  • {long}"));
    let text = text.replacen(
        "Cliquez sur la roue",
        &format!("{one_word}\n\n{long}\n\nCliquez sur la roue"),
        1,
    );
    let p = parse_ok("mali.txt", text.as_bytes());
    assert_eq!(p.domains[0].strengths[0].text, long);
    let original = parse_ok("mali.txt", fixture_text(MALI).as_bytes());
    assert_eq!(p.findings().count(), original.findings().count());
}

#[test]
fn fifty_megabytes_of_bullets_are_read_in_one_pass() {
    // Many short bullets under one list heading, just under the limit. The
    // readers and the recogniser are linear (no search of the list for
    // repeats, no re-scan of lines): this completes; no time is asserted.
    let text = fixture_text(MALI);
    let lines = lines_of(&text);
    let mut big = lines[..69].join("\n");
    big.push('\n');
    let mut n = 0;
    while big.len() < 50 * 1024 * 1024 {
        n += 1;
        big.push_str(&format!(
            "  • Constatation numéro {n} : le cadre juridique prévoit un point précis.\n"
        ));
    }
    big.push_str(&lines[69..].join("\n"));
    assert!((big.len() as u64) < MAX_INPUT_BYTES);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &big).unwrap();
    drop(big);
    let (doc, _) = read::read_file(&path, Form::Auto).unwrap();
    let rec = recognise::recognise(&doc).unwrap();
    assert!(rec.audit.holds());
    let original = recognised(&text);
    assert_eq!(
        rec.audit.items_as_findings,
        original.audit.items_as_findings + n
    );
    assert_eq!(
        rec.domains[0].strengths[2 + n - 1].text,
        format!("Constatation numéro {n} : le cadre juridique prévoit un point précis.")
    );
}

// ---------------------------------------------------------------------------
// 8. No data lost.

/// Every fixture file that is an input (not a truth file, a README, a script).
/// The tool-made inputs of `tests/fixtures/tools` are left to
/// `tests/tool_fixtures.rs`, which measures them against its targets.
fn fixture_inputs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.ends_with("tests/fixtures/tools") {
                    continue;
                }
                walk(&p, out);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["txt", "html", "htm", "pdf", "docx", "odt", "fodt"].contains(&e))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("tests/fixtures"), &mut out);
    out.sort();
    out
}

fn is_not_a_profile(p: &Path) -> bool {
    p.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("not-a-profile")
}

#[test]
fn every_fixture_accounts_for_every_bullet() {
    let inputs = fixture_inputs();
    let mut profiles = 0;
    for path in &inputs {
        let (doc, _) =
            read::read_file(path, Form::Auto).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match recognise::recognise(&doc) {
            Ok(r) => {
                let n: usize = r
                    .domains
                    .iter()
                    .map(|d| d.strengths.len() + d.improvements.len())
                    .sum();
                assert!(r.audit.holds(), "{}: {:?}", path.display(), r.audit);
                assert!(r.audit.items_seen >= n, "{}", path.display());
                assert_eq!(r.audit.items_as_findings, n, "{}", path.display());
                assert!(n > 0);
                profiles += 1;
            }
            Err(e) => assert!(is_not_a_profile(path), "{}: {}", path.display(), e.message),
        }
    }
    assert!(profiles >= 10, "only {profiles} fixture profiles");
}

/// What the PDF prints of a finding: its text, or, when it has sub-points,
/// the text before them and each sub-point.
fn printed_parts(f: &mgi::model::Finding) -> Vec<String> {
    let joined = f.items.join("; ");
    match f.text.strip_suffix(&joined) {
        Some(lead) if !f.items.is_empty() && !lead.is_empty() => {
            let lead = lead.strip_suffix("; ").unwrap_or(lead.trim_end());
            std::iter::once(lead.to_string())
                .chain(f.items.iter().cloned())
                .collect()
        }
        _ => vec![f.text.clone()],
    }
}

/// Rows of a CSV file (header dropped).
fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    rdr.records().map(Result::unwrap).collect()
}

#[test]
fn every_fixture_round_trips_through_build_word_for_word() {
    let inputs = tempfile::tempdir().unwrap();
    let mut sources = Vec::new();
    for (i, path) in fixture_inputs().iter().enumerate() {
        if is_not_a_profile(path) {
            continue;
        }
        // Sub-folders keep names apart and skip the fixtures' manifests.
        let dest = inputs.path().join(format!("{i:02}"));
        std::fs::create_dir(&dest).unwrap();
        let dest = dest.join(path.file_name().unwrap());
        std::fs::copy(path, &dest).unwrap();
        sources.push(dest);
    }
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    let rows = csv_rows(&out.path().join("csv/findings.csv"));
    let mut ids = BTreeSet::new();
    for source in &sources {
        let model = mgi::profile::parse_file(source, Form::Auto, None).unwrap();
        let built: Profile = std::fs::read_dir(out.path().join("json"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| serde_json::from_str::<Profile>(&std::fs::read_to_string(p).unwrap()).unwrap())
            .find(|p| p.source == source.display().to_string())
            .unwrap_or_else(|| panic!("no JSON for {}", source.display()));
        assert!(ids.insert(built.id.clone()));
        // JSON: the model, word for word.
        assert_eq!(findings(&built), findings(&model), "{}", source.display());
        // CSV: every finding, in order, exactly (formula cells neutralised).
        let mine: Vec<(String, String, String, String)> = rows
            .iter()
            .filter(|r| r[0] == *built.id)
            .map(|r| (r[7].into(), r[8].into(), r[9].into(), r[10].into()))
            .collect();
        let want: Vec<(String, String, String, String)> = model
            .findings()
            .map(|(d, k, pos, f)| {
                (
                    d.domain.as_str().into(),
                    k.as_str().into(),
                    pos.to_string(),
                    mgi::export::csv::neutralize(&f.text).into_owned(),
                )
            })
            .collect();
        assert_eq!(mine, want, "{}", source.display());
        // PDF: every finding, whitespace collapsed (its sub-points as a list
        // under its lead).
        let text = pdf_text(&out.path().join(format!("pdf/{}.pdf", built.id)));
        for (_, _, _, f) in model.findings() {
            for part in printed_parts(f) {
                assert!(
                    text.contains(&collapse(&part)),
                    "{}: not in the PDF: {part}",
                    built.id
                );
            }
        }
    }
    let total: usize = sources
        .iter()
        .map(|s| {
            mgi::profile::parse_file(s, Form::Auto, None)
                .unwrap()
                .findings()
                .count()
        })
        .sum();
    assert_eq!(rows.len(), total);
    assert!(sources.len() >= 10);
}

// ---------------------------------------------------------------------------
// 9. Atomic output: a build killed midway leaves only complete files.

fn pdf_is_complete(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
    assert!(tail.trim_end().ends_with("%%EOF"), "{}", path.display());
    let o = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf is installed by scripts/setup");
    assert!(
        o.status.success(),
        "qpdf --check {}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(pdf_text(path).len() > 100, "{}", path.display());
}

/// Files of a folder whose names do not start with a dot.
fn visible_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    v.sort();
    v
}

fn hidden_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_midway_leaves_only_complete_files() {
    use std::os::unix::process::CommandExt;
    use std::time::{Duration, Instant};

    let inputs = tempfile::tempdir().unwrap();
    let corpus = [
        MALI,
        GUATEMALA,
        "corpus/ghana-2022-en-web.txt",
        "corpus/nairobi-2020-en-web-local.txt",
        "corpus/niger-2019-fr-web.txt",
        "corpus/niger-2022-fr-web.txt",
        "corpus/zimbabwe-2021-en-print.txt",
        "corpus/fiji-2023-en-html.html",
    ];
    for i in 0..40 {
        let src = fixture(corpus[i % corpus.len()]);
        let ext = src.extension().unwrap().to_str().unwrap();
        std::fs::copy(&src, inputs.path().join(format!("copy-{i:02}.{ext}"))).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let args = [
        "build",
        inputs.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ];
    // Its own process group, so that its typst children go with it.
    let mut child = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap();
    let pdf_dir = out.path().join("pdf");
    let start = Instant::now();
    while visible_files(&pdf_dir).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before any PDF was seen"
        );
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no PDF after 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the build was killed, not finished");
    let written = visible_files(&pdf_dir).len();
    assert!(
        written < 40,
        "the build was killed midway, not after the last PDF ({written} PDFs)"
    );

    // Every file in place is whole.
    for f in visible_files(&out.path().join("json")) {
        let p: Profile = serde_json::from_str(&std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(p.findings().count() > 0);
    }
    for f in visible_files(&pdf_dir) {
        pdf_is_complete(&f);
    }
    for f in visible_files(&out.path().join("csv")) {
        csv_rows(&f);
    }

    // Built again: every profile, every file whole, no temporary file left.
    let o = mgi(&args, &root());
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    assert!(stdout.contains("40 profiles built, 0 failed"), "{stdout}");
    for d in ["json", "pdf", "csv"] {
        let dir = out.path().join(d);
        assert_eq!(hidden_files(&dir), Vec::<PathBuf>::new(), "{d}");
    }
    assert_eq!(visible_files(&out.path().join("json")).len(), 40);
    let pdfs = visible_files(&pdf_dir);
    // One PDF per profile, and the compendium of them all.
    assert_eq!(pdfs.len(), 41);
    assert!(pdfs.iter().any(|p| p.ends_with("compendium.pdf")));
    for f in &pdfs {
        pdf_is_complete(f);
    }
    assert_eq!(
        csv_rows(&out.path().join("csv/profiles.csv")).len(),
        40,
        "one row per profile"
    );
}

// ---------------------------------------------------------------------------
// 10. Safety: names and ids, markup, spreadsheet formulas.

/// Every path under `dir`, relative to it.
fn tree(dir: &Path) -> BTreeSet<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.insert(p.strip_prefix(base).unwrap().to_path_buf());
            if p.is_dir() && !p.is_symlink() {
                walk(base, &p, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn is_ascii_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Mali without its title line: the id comes from the file name.
fn untitled_mali() -> String {
    fixture_text(MALI).replace(
        "Deuxième profil de gouvernance de la migration : République du Mali (2021)",
        "",
    )
}

#[test]
fn odd_input_names_and_places_write_only_inside_the_output_folder() {
    let sandbox = tempfile::tempdir().unwrap();
    let work = sandbox.path().join("a/b");
    std::fs::create_dir_all(&work).unwrap();
    let untitled = untitled_mali();
    // Outside the working folder, named with `..`.
    std::fs::write(sandbox.path().join("x.txt"), &untitled).unwrap();
    let odd = work.join("odd");
    std::fs::create_dir(&odd).unwrap();
    let names = [
        "Côte d'Ivoire \"brouillon\" (v2).txt",
        "new\nline.txt",
        " leading space.txt",
        "-rf.txt",
        "*?<>|.txt",
        "東京.txt",
        "$(touch pwned).txt",
    ];
    for n in names {
        std::fs::write(odd.join(n), &untitled).unwrap();
    }
    // Titles and a manifest that name paths.
    let titled =
        fixture_text(MALI).replace("République du Mali (2021)", "../../../etc/passwd (2021)");
    std::fs::write(odd.join("title.txt"), titled).unwrap();
    std::fs::write(odd.join("manifest-row.txt"), &untitled).unwrap();
    std::fs::write(
        odd.join("manifest.csv"),
        "file,place,level,country_iso3,year,edition,language,source_url\n\
         manifest-row.txt,../../../tmp/evil,,,,,../x,\n",
    )
    .unwrap();
    let before = tree(sandbox.path());
    let o = mgi(
        &["build", "--no-pdf", "../../x.txt", "odd", "-o", "out"],
        &work,
    );
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    let after = tree(sandbox.path());
    let new: Vec<&PathBuf> = after.difference(&before).collect();
    assert!(
        new.iter().all(|p| p.starts_with("a/b/out")),
        "written outside the output folder: {new:?}"
    );
    let out = work.join("out");
    let ids: Vec<String> = visible_files(&out.join("json"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids.len(), 1 + names.len() + 2, "{ids:?}");
    for id in &ids {
        assert!(is_ascii_slug(id), "not an ASCII slug: {id:?}");
    }
    for want in [
        "x-fr",
        "cote-d-ivoire-brouillon-v2-fr",
        "new-line-fr",
        "leading-space-fr",
        "rf-fr",
        "profile-fr",
        "profile-fr-2",
        "touch-pwned-fr",
        "etc-passwd-2021-fr",
        "tmp-evil-x",
    ] {
        assert!(ids.iter().any(|i| i == want), "no id {want} in {ids:?}");
    }
    // The source path is kept as given, in the JSON and the CSV.
    let csv = csv_rows(&out.join("csv/profiles.csv"));
    assert!(
        csv.iter().any(|r| r[12].ends_with("odd/new\nline.txt")),
        "{csv:?}"
    );
}

#[test]
fn a_file_name_with_a_newline_gives_a_one_line_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("new\nline.txt"), b"").unwrap();
    let o = mgi(&["check", dir.path().to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        stdout.trim_end(),
        format!(
            "{}/new\\nline.txt: error: the file is empty: save the profile's text into it, or remove it from the inputs",
            dir.path().display()
        )
    );
}

#[test]
fn typst_markup_in_findings_prints_literally() {
    let inputs = folder_with(&["markup-en-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json = visible_files(&out.path().join("json")).remove(0);
    let p: Profile = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let all = texts(&p).join("\n");
    for piece in [
        "#read(\"/etc/passwd\")",
        "#import",
        "#include",
        "$x^2$",
        "<label>",
        "@ref",
        "\\",
        "]",
        "//",
        "/*",
        "#eval(\"1 + 1\")",
        "= Not a heading",
        "#set page(width: 1cm)",
        "#sys.inputs",
    ] {
        assert!(all.contains(piece), "the fixture lacks {piece}");
    }
    let pdf = pdf_text(&out.path().join(format!("pdf/{}.pdf", p.id)));
    for t in texts(&p) {
        assert!(
            pdf.contains(&collapse(&t)),
            "not literal in the PDF: {t}\n{pdf}"
        );
    }
    assert!(!pdf.contains("root:x:0:0"), "a finding was run as code");
}

#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralised_unless_raw() {
    let text = fixture_text(MALI)
        .replace(
            "Le Mali n’a pas conclu d’accord de réadmission.",
            "=HYPERLINK(\"http://example.invalid\",\"x\")",
        )
        .replace(
            "Les données migratoires ne sont pas publiées de manière régulière.",
            "+33 pour cent des données ne sont pas publiées.",
        )
        .replace(
            "Les Maliens peuvent seulement exprimer",
            "@SUM(A1) Les Maliens peuvent seulement exprimer",
        );
    let inputs = tempfile::tempdir().unwrap();
    std::fs::write(inputs.path().join("mali.txt"), text).unwrap();
    let cells = |raw: bool| {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec![
            "build",
            "--no-pdf",
            inputs.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ];
        if raw {
            args.push("--raw-csv");
        }
        let o = mgi(&args, &root());
        assert!(o.status.success());
        csv_rows(&out.path().join("csv/findings.csv"))
            .iter()
            .map(|r| r[10].to_string())
            .collect::<Vec<String>>()
    };
    let safe = cells(false);
    let raw = cells(true);
    for formula in [
        "=HYPERLINK(\"http://example.invalid\",\"x\")",
        "+33 pour cent des données ne sont pas publiées.",
    ] {
        assert!(safe.contains(&format!("'{formula}")), "{safe:?}");
        assert!(!safe.contains(&formula.to_string()));
        assert!(raw.contains(&formula.to_string()), "{raw:?}");
    }
    assert!(safe.iter().any(|c| c.starts_with("'@SUM(A1) Les Maliens")));
    assert!(raw.iter().any(|c| c.starts_with("@SUM(A1) Les Maliens")));
    // Only the formula cells differ.
    let differ = safe.iter().zip(&raw).filter(|(a, b)| a != b).count();
    assert_eq!(differ, 3);
}
