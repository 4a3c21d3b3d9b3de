//! Property tests over the readers and the recogniser: whatever the bytes,
//! nothing panics, every block is clean text, and whenever findings are
//! recognised every list item met is accounted for (the audit holds) and
//! every finding is a list item of the input, word for word.
//!
//! Inputs are built from profile-like fragments (the headings of the
//! language tables, bullets, blank lines, form feeds, HTML tags, odd
//! spaces) mixed with arbitrary text and bytes. The default run is short
//! (256 cases per property); set `PROPTEST_CASES` for a longer one.

use std::path::Path;

use mgi::export::{csv, json};
use mgi::lang::LANGUAGES;
use mgi::manifest::ManifestEntry;
use mgi::model::Profile;
use mgi::read::{self, Block, BlockKind, Document, Form, collapse_whitespace};
use mgi::recognise::{self, Recognised};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use unicode_normalization::UnicodeNormalization;

/// Every phrase the language tables know, and a few titles and date lines.
fn phrases() -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for l in LANGUAGES {
        for (_, names) in l.domains {
            v.extend(names.iter().map(|s| s.to_string()));
        }
        for list in [
            l.strengths,
            l.improvements,
            l.key_findings,
            l.introduction,
            l.end_of_findings,
            l.end_of_findings_prefixes,
            l.intro_chrome,
        ] {
            v.extend(list.iter().map(|s| s.to_string()));
        }
        v.extend(l.months.iter().map(|(m, _)| format!("2021 {m}")));
    }
    v.extend(
        [
            "Migration Governance Profile: Republic of Ghana (2022)",
            "Deuxième profil de gouvernance de la migration : République du Mali (2021)",
            "Perfil de gobernanza de la migración: República de Guatemala (2020)",
            "Local Migration Governance Indicators | Profile 2022 | City of Kenema",
            "Migration Governance Indicators Profile 2021 | Republic of Zimbabwe",
            "Key findings",
            "KEY FINDINGS.........9",
            "July 2022",
        ]
        .map(String::from),
    );
    v
}

/// Sentences that read like findings.
const SENTENCES: &[&str] = &[
    "La Constitution garantit l’égalité de traitement.",
    "The law protects migrant workers.",
    "El país cuenta con una política migratoria.",
    "Migrants have access to health care,",
    "which is free of charge.",
    "relevant.1",
    "1 Source: IOM.",
    "is beco-",
    "ming relevant",
    "=SUM(A1) and @ref",
    "#read(\"/etc/passwd\")",
];

/// A heading as a person might have typed it: as in the table, in capitals,
/// with a colon, or with a letter missing.
fn heading() -> impl Strategy<Value = String> {
    typed(phrases())
}

fn domain_heading() -> impl Strategy<Value = String> {
    typed(
        LANGUAGES
            .iter()
            .flat_map(|l| l.domains.iter().flat_map(|(_, names)| names.iter()))
            .map(|s| s.to_string())
            .collect(),
    )
}

fn list_heading() -> impl Strategy<Value = String> {
    typed(
        LANGUAGES
            .iter()
            .flat_map(|l| l.strengths.iter().chain(l.improvements))
            .map(|s| s.to_string())
            .collect(),
    )
}

/// One of `phrases`, as typed by a person.
fn typed(phrases: Vec<String>) -> impl Strategy<Value = String> {
    (select(phrases), 0..6u8, any::<Index>()).prop_map(|(p, how, at)| match how {
        0..=2 => p,
        3 => p.to_uppercase(),
        4 => format!("{p} :"),
        _ => {
            let mut chars: Vec<char> = p.chars().collect();
            if !chars.is_empty() {
                chars.remove(at.index(chars.len()));
            }
            chars.into_iter().collect()
        }
    })
}

fn bullet() -> impl Strategy<Value = String> {
    let marks = select(vec![
        "• ",
        "- ",
        "* ",
        "– ",
        "1. ",
        "a) ",
        "o ",
        "•",
        "\u{f0b7} ",
        "  • ",
        "\t- ",
        "● ",
        "",
    ]);
    let text = prop_oneof![
        select(SENTENCES.to_vec()).prop_map(String::from),
        "\\PC{0,30}",
        heading(),
    ];
    (marks, text).prop_map(|(m, t)| format!("{m}{t}"))
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => heading(),
        4 => bullet(),
        6 => select(vec!["\n", "\n\n", "\r\n", "\r", "\u{0c}", " ", "\n  ", "\t"]).prop_map(String::from),
        2 => select(vec![
            "<ul>", "</ul>", "<li>", "</li>", "<ol>", "<h2>", "</h2>", "<p>", "</p>", "<b>",
            "</b>", "<br>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->",
            "<div style='display:none'>", "<p class=MsoListParagraph style='mso-list:l0 level2 lfo1'>",
            "<span style='mso-list:Ignore'>", "<html lang=fr>", "<meta charset=windows-1252>",
            "<nav>", "<footer>", "<h1>", "&nbsp;", "&#0;", "&amp;", "<td>", "<table>",
        ])
        .prop_map(String::from),
        2 => select(vec![
            "\u{a0}", "\u{202f}", "\u{200b}", "\u{feff}", "\u{ad}", "\u{301}", "ﬁ", "-\n", "12",
            "Page 3", "\u{2028}", "\u{85}", "\u{1}", "\u{7f}", "\u{fffd}", "e\u{301}",
        ])
        .prop_map(String::from),
        1 => "\\PC{0,20}",
        1 => ".{0,10}",
    ]
}

/// One domain of key findings, as web copies and printed profiles lay it
/// out: a domain heading, a list heading and bullets, twice.
fn section() -> impl Strategy<Value = String> {
    let sep = || select(vec!["\n", "\n\n", "\r\n", "\n\u{0c}", "\n  "]);
    (
        domain_heading(),
        sep(),
        list_heading(),
        sep(),
        prop::collection::vec((bullet(), sep()), 0..5),
        list_heading(),
        sep(),
        prop::collection::vec((bullet(), sep()), 0..4),
    )
        .prop_map(|(d, s1, l1, s2, b1, l2, s3, b2)| {
            let mut out = format!("\n{d}{s1}{l1}{s2}");
            for (b, s) in b1 {
                out.push_str(&format!("{b}{s}"));
            }
            out.push_str(&format!("\n{l2}{s3}"));
            for (b, s) in b2 {
                out.push_str(&format!("{b}{s}"));
            }
            out
        })
}

/// A profile-like text.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![8 => fragment(), 1 => section()], 0..80)
        .prop_map(|v| v.concat())
}

/// Bytes: such a text as UTF-8, with a few bytes changed, in another
/// encoding, or arbitrary bytes.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => text().prop_map(String::into_bytes),
        2 => (text(), prop::collection::vec((any::<Index>(), any::<u8>()), 1..6)).prop_map(
            |(t, edits)| {
                let mut b = t.into_bytes();
                for (at, byte) in edits {
                    if b.is_empty() {
                        b.push(byte);
                    } else {
                        let i = at.index(b.len());
                        b[i] = byte;
                    }
                }
                b
            }
        ),
        1 => text().prop_map(|t| encoding_rs::WINDOWS_1252.encode(&t).0.into_owned()),
        1 => text().prop_map(|t| {
            let mut b = vec![0xFF, 0xFE];
            for u in t.encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }),
        1 => prop::collection::vec(any::<u8>(), 0..600),
    ]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// What every document must satisfy, whatever the input.
fn check_document(bytes: &[u8], form: Form, doc: &Document) -> Result<(), TestCaseError> {
    let fffd_in_input = contains(bytes, "\u{fffd}".as_bytes())
        || contains(bytes, b"\xFD\xFF")
        || contains(bytes, b"\xFF\xFD");
    let mut previous = 0;
    for b in &doc.blocks {
        prop_assert!(b.line >= 1, "line 0: {b:?}");
        prop_assert!(b.line <= bytes.len() + 1, "line past the end: {b:?}");
        prop_assert_eq!(
            &collapse_whitespace(&b.text),
            &b.text,
            "block text not collapsed"
        );
        prop_assert!(
            b.text.nfc().eq(b.text.chars()),
            "block text not NFC: {:?}",
            b.text
        );
        if form != Form::Html {
            // Text is decoded exactly or refused: no replacement character
            // unless the input had one.
            prop_assert!(
                fffd_in_input || !b.text.contains('\u{fffd}'),
                "U+FFFD made up: {:?}",
                b.text
            );
        }
        if form != Form::Print {
            prop_assert!(b.line >= previous, "lines out of order: {b:?}");
        }
        previous = b.line;
    }
    Ok(())
}

/// What every recognised profile must satisfy.
fn check_recognised(doc: &Document, r: &Recognised) -> Result<(), TestCaseError> {
    let findings: Vec<_> = r
        .domains
        .iter()
        .flat_map(|d| d.strengths.iter().chain(&d.improvements))
        .collect();
    prop_assert!(r.audit.holds(), "audit fails: {:?}", r.audit);
    prop_assert_eq!(r.audit.items_as_findings, findings.len());
    prop_assert!(r.audit.items_seen >= findings.len());
    // Items, and paragraphs that open with a list number (read as items in a list).
    let item_like = |b: &mgi::read::Block| {
        b.is_list_item()
            || (b.kind != BlockKind::Note && recognise::numbered_item(&b.text).is_some())
    };
    let items = doc.blocks.iter().filter(|b| item_like(b)).count();
    prop_assert!(
        r.audit.items_seen <= items,
        "{} items seen, {} in the document",
        r.audit.items_seen,
        items
    );
    prop_assert!(!findings.is_empty());
    for f in &findings {
        prop_assert!(!f.text.is_empty());
        prop_assert!(
            doc.blocks
                .iter()
                .any(|b| item_like(b) && b.line == f.line && {
                    let own = recognise::numbered_item(&b.text)
                        .filter(|_| !b.is_list_item())
                        .map_or(b.text.as_str(), |(_, rest)| rest);
                    f.text.starts_with(own)
                }),
            "finding is no list item of the input: {f:?}"
        );
    }
    let mut ids: Vec<usize> = r.domains.iter().map(|d| d.domain.index()).collect();
    let sorted = {
        let mut s = ids.clone();
        s.sort();
        s.dedup();
        s
    };
    prop_assert_eq!(&ids, &sorted, "domains not in MiGOF order or repeated");
    ids.clear();
    for d in &r.domains {
        prop_assert!(!d.strengths.is_empty() || !d.improvements.is_empty());
        for list in [&d.strengths, &d.improvements] {
            for (i, f) in list.iter().enumerate() {
                prop_assert!(
                    !list[..i].iter().any(|g| g.text == f.text),
                    "a finding is listed twice: {f:?}"
                );
            }
        }
    }
    prop_assert!(
        !r.warnings
            .iter()
            .any(|w| w.message.contains("internal check failed"))
    );
    Ok(())
}

/// The profile made of it: an ASCII id, JSON and CSV that give the
/// findings back.
fn check_profile(p: &Profile) -> Result<(), TestCaseError> {
    prop_assert!(!p.id.is_empty());
    prop_assert!(
        p.id.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "id is not an ASCII slug: {}",
        p.id
    );
    prop_assert!(!p.id.starts_with('-') && !p.id.ends_with('-') && !p.id.contains("--"));
    let back: Profile = serde_json::from_str(&json::to_json(p)).expect("the JSON parses");
    prop_assert_eq!(&back, p);
    for raw in [true, false] {
        let opts = csv::CsvOptions { excel: false, raw };
        let bytes = csv::findings_csv(&[p], opts);
        let mut rdr = ::csv::Reader::from_reader(bytes.as_slice());
        let texts: Vec<String> = rdr
            .records()
            .map(|r| r.expect("the CSV parses")[10].to_string())
            .collect();
        let want: Vec<String> = p
            .findings()
            .map(|(_, _, _, f)| {
                if raw {
                    f.text.clone()
                } else {
                    csv::neutralize(&f.text).into_owned()
                }
            })
            .collect();
        prop_assert_eq!(texts, want);
    }
    Ok(())
}

/// Read `bytes` in every form (PDF aside: that runs pdftotext), then
/// recognise and assemble what was read.
/// The text readers put every line that is not blank into some block.
fn check_every_line_in_a_block(bytes: &[u8], doc: &Document) -> Result<(), TestCaseError> {
    let Ok(decoded) = read::decode::decode(bytes) else {
        return Ok(());
    };
    let text = read::prepare_text(&decoded.text);
    let covered: std::collections::HashSet<usize> = doc
        .blocks
        .iter()
        .flat_map(|b| b.line..=b.last_line)
        .chain(doc.furniture.iter().copied())
        .collect();
    for (i, line) in read::text::lines(&text).into_iter().enumerate() {
        if !collapse_whitespace(&line.replace('\u{c}', " ")).is_empty() {
            prop_assert!(
                covered.contains(&(i + 1)),
                "line {} in no block: {line:?}",
                i + 1
            );
        }
    }
    Ok(())
}

fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz/input.txt");
    for form in [Form::Text, Form::Print, Form::Html, Form::Auto] {
        if form == Form::Auto && read::detect_form(path, bytes) == Form::Pdf {
            continue;
        }
        let Ok((doc, read_as)) = read::read_bytes(path, bytes, form) else {
            continue;
        };
        check_document(bytes, read_as, &doc)?;
        if matches!(read_as, Form::Text | Form::Print) {
            check_every_line_in_a_block(bytes, &doc)?;
        }
        if let Ok(r) = recognise::recognise(&doc) {
            check_recognised(&doc, &r)?;
            let p = mgi::profile::assemble(r, path, ManifestEntry::default());
            check_profile(&p)?;
        }
    }
    Ok(())
}

fn block_kind() -> impl Strategy<Value = BlockKind> {
    prop_oneof![
        Just(BlockKind::Heading),
        Just(BlockKind::Paragraph),
        Just(BlockKind::Note),
        (0..3usize).prop_map(|depth| BlockKind::ListItem { depth }),
    ]
}

/// Documents made directly of blocks, to reach the recogniser's states
/// more often than through a reader.
fn document() -> impl Strategy<Value = Document> {
    let text = prop_oneof![
        3 => heading(),
        2 => select(SENTENCES.to_vec()).prop_map(String::from),
        1 => "\\PC{0,20}".prop_map(|s| collapse_whitespace(&s).into_owned()),
        1 => Just(String::new()),
    ];
    prop::collection::vec((block_kind(), text, 0..3usize), 0..120).prop_map(|v| {
        let mut line = 0;
        let blocks = v
            .into_iter()
            .map(|(kind, text, step)| {
                line += step;
                Block::new(kind, text, line.max(1))
            })
            .collect();
        Document {
            blocks,
            ..Document::default()
        }
    })
}

proptest! {
    #[test]
    fn readers_and_recogniser_never_panic_and_lose_nothing(bytes in bytes()) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn recogniser_accounts_for_every_list_item(doc in document()) {
        if let Ok(r) = recognise::recognise(&doc) {
            check_recognised(&doc, &r)?;
            let p = mgi::profile::assemble(r, Path::new("in.txt"), ManifestEntry::default());
            check_profile(&p)?;
        }
    }
}

/// The fragments do make profiles: the property above is not vacuous.
#[test]
fn the_generator_makes_recognisable_profiles() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = bytes();
    let mut recognised = 0;
    for _ in 0..400 {
        let b = strategy.new_tree(&mut runner).unwrap().current();
        if let Ok((doc, _)) = read::read_bytes(Path::new("x.txt"), &b, Form::Text)
            && recognise::recognise(&doc).is_ok()
        {
            recognised += 1;
        }
    }
    assert!(
        recognised >= 100,
        "only {recognised} of 400 inputs recognised"
    );
}

/// Inputs that broke a property once, kept as regressions.
#[test]
fn inputs_that_broke_a_property_once() {
    for bytes in [
        // A decomposed accent: findings were not NFC.
        &b"e\xcc\x81"[..],
        "• Migrants' rights\u{301}\n".as_bytes(),
        // A soft hyphen between a letter and an accent: dropping it made a
        // sequence that NFC composes.
        "Key findings\nMigrants' rights\u{ad}\u{301}\n".as_bytes(),
        "<p>Migrants' rights\u{ad}\u{301}</p>".as_bytes(),
        "a\u{c}b\u{c}\nrights\u{ad}\u{301}\n".as_bytes(),
        // A continuation line of invisible characters only: a trailing space.
        "Migrants' rights\nAreas with potential for further development:\n• a\n \u{200b}\n  \u{ad}\n"
            .as_bytes(),
        // A zero-width space hiding a bullet mark.
        "Partnerships\nAreas with potential for further development:\n\u{200b}• a\n".as_bytes(),
    ] {
        check_bytes(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
    }
    // The invisible continuation and the hidden bullet mark, in findings.
    let (doc, _) = read::read_bytes(
        Path::new("x.txt"),
        "Partnerships\nAreas with potential for further development:\n\u{200b}• a\n \u{200b}\n"
            .as_bytes(),
        Form::Text,
    )
    .unwrap();
    let r = recognise::recognise(&doc).unwrap();
    assert_eq!(r.domains[0].improvements[0].text, "a");
}

// ---------------------------------------------------------------------------
// Word and OpenDocument files: the same properties, for text put into their
// XML, for damaged XML parts and for damaged archives.

fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        z.start_file(*name, stored).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        // Characters XML 1.0 cannot hold are left out.
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
        })
        .collect()
}

/// A `.docx` and an `.odt` of the lines of `text`: each line a heading, a
/// list item (of depth 0 to 2), a bold paragraph or a paragraph.
fn office_documents(text: &str, kinds: &[u8]) -> [(Form, Vec<u8>); 2] {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut body = String::new();
    let mut odt = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = xml_escape(line);
        let kind = kinds.get(i).copied().unwrap_or(0) % 6;
        let (ppr, rpr) = match kind {
            0 => (r#"<w:outlineLvl w:val="1"/>"#.to_string(), ""),
            1..=3 => (
                format!(
                    r#"<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="1"/></w:numPr>"#,
                    kind - 1
                ),
                "",
            ),
            4 => (String::new(), "<w:b/>"),
            _ => (String::new(), ""),
        };
        body.push_str(&format!(
            r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{t}</w:t></w:r></w:p>"#
        ));
        odt.push_str(&match kind {
            0 => format!(r#"<text:h text:outline-level="2">{t}</text:h>"#),
            1..=3 => {
                let open = "<text:list><text:list-item>".repeat(usize::from(kind));
                let close = "</text:list-item></text:list>".repeat(usize::from(kind));
                format!("{open}<text:p>{t}</text:p>{close}")
            }
            _ => format!("<text:p>{t}</text:p>"),
        });
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{odt}</office:text></office:body></office:document-content>"#
    );
    [
        (
            Form::Docx,
            zipped(&[("word/document.xml", document.as_bytes())]),
        ),
        (Form::Odt, zipped(&[("content.xml", content.as_bytes())])),
    ]
}

fn check_office(bytes: &[u8], form: Form) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz/input.docx");
    for form in [form, Form::Auto] {
        let Ok((doc, read_as)) = read::read_bytes(path, bytes, form) else {
            continue;
        };
        check_document(bytes, read_as, &doc)?;
        if let Ok(r) = recognise::recognise(&doc) {
            check_recognised(&doc, &r)?;
            let p = mgi::profile::assemble(r, path, ManifestEntry::default());
            check_profile(&p)?;
        }
    }
    Ok(())
}

/// The main XML part of a committed fixture.
fn fixture_part(rel: &str, part: &str) -> Vec<u8> {
    use std::io::Read;
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    zip.by_name(part).unwrap().read_to_end(&mut out).unwrap();
    out
}

proptest! {
    #[test]
    fn office_readers_never_panic_and_lose_nothing(
        text in text(),
        kinds in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        for (form, bytes) in office_documents(&text, &kinds) {
            check_office(&bytes, form)?;
        }
    }

    #[test]
    fn office_readers_refuse_damaged_parts_without_panic(
        edits in prop::collection::vec((any::<Index>(), any::<u8>()), 1..8),
        cut in any::<Index>(),
        which in 0..3usize,
    ) {
        let (form, name, part) = match which {
            0 => (Form::Docx, "word/document.xml", fixture_part("office/ghana-2022-en-review.docx", "word/document.xml")),
            1 => (Form::Odt, "content.xml", fixture_part("office/niger-2022-fr.odt", "content.xml")),
            _ => (Form::Docx, "word/document.xml", fixture_part("office/niger-2022-fr.docx", "word/document.xml")),
        };
        let mut xml = part;
        for (at, byte) in edits {
            let i = at.index(xml.len());
            xml[i] = byte;
        }
        check_office(&zipped(&[(name, &xml)]), form)?;
        // The archive itself cut short or damaged.
        let mut archive = zipped(&[(name, &xml)]);
        archive.truncate(cut.index(archive.len() + 1));
        check_office(&archive, form)?;
    }
}

/// Text put into a document is read back word for word: the office
/// properties above are not vacuous.
#[test]
fn office_documents_of_profile_text_are_recognised() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (text(), prop::collection::vec(any::<u8>(), 0..64));
    let (mut read_back, mut recognised) = (0, 0);
    for _ in 0..100 {
        let (t, kinds) = strategy.new_tree(&mut runner).unwrap().current();
        for (form, bytes) in office_documents(&t, &kinds) {
            if let Ok((doc, _)) = read::read_bytes(Path::new("x"), &bytes, form)
                && !doc.blocks.is_empty()
            {
                read_back += 1;
                recognised += usize::from(recognise::recognise(&doc).is_ok());
            }
        }
    }
    assert!(read_back >= 150, "only {read_back} of 200 documents read");
    assert!(
        recognised >= 20,
        "only {recognised} of 200 documents recognised"
    );
}
