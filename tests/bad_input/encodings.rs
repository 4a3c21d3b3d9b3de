//! Encodings.

use super::*;

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
        e.message(),
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
        e.message(),
        format!(
            "the file ends inside a UTF-8 character at byte offset {} (line {line}): it looks cut short; copy the profile again",
            cut - 1
        )
    );
}
