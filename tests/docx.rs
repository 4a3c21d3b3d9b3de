//! Word (`.docx`) and OpenDocument (`.odt`) profiles: the same findings,
//! word for word, as the other forms of the same profile; review marks
//! accepted and counted; paragraph numbers as lines; bad documents refused
//! with a clear message.
//!
//! Fixtures: `tests/fixtures/office/` (see `make.py` there). The Niger
//! documents were made by LibreOffice from `niger-2022-fr.fodt`; the Ghana
//! ones were written as WordprocessingML by the script.

mod common;

use std::io::Write;
use std::path::Path;

use common::{fixture, mgi, root};
use mgi::model::Profile;
use mgi::read::{self, BlockKind, Form};

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
fn niger_2022_as_docx_odt_word_html_saved_page_and_web_text_gives_the_same_findings() {
    let web = parse("corpus/niger-2022-fr-web.txt");
    assert_eq!(web.findings().count(), 26);
    for rel in [
        "office/niger-2022-fr.docx",
        "office/niger-2022-fr.odt",
        "office/niger-2022-fr.fodt",
        "forms/niger-2022-fr-word.html",
        "forms/niger-2022-fr.html",
    ] {
        let other = parse(rel);
        assert_eq!(findings(&other), findings(&web), "{rel}");
        assert_eq!(other.title, web.title, "{rel}");
        assert_eq!(other.id, "niger-2022-fr", "{rel}");
        assert_eq!(other.edition, Some(2), "{rel}");
        assert_eq!(other.published, web.published, "{rel}");
    }
}

#[test]
fn forms_are_detected_by_content_whatever_the_name() {
    for (rel, form) in [
        ("office/niger-2022-fr.docx", Form::Docx),
        ("office/niger-2022-fr.odt", Form::Odt),
        ("office/niger-2022-fr.fodt", Form::Odt),
        ("office/ghana-2022-en-review.docx", Form::Docx),
    ] {
        let bytes = std::fs::read(fixture(rel)).unwrap();
        for name in ["profile.txt", "profile", "profile.odt", "profile.docx"] {
            assert_eq!(
                read::detect_form(Path::new(name), &bytes),
                form,
                "{rel} as {name}"
            );
        }
        let (doc, got) = read::read_bytes(Path::new("profile.bin"), &bytes, Form::Auto).unwrap();
        assert_eq!(got, form);
        assert!(!doc.blocks.is_empty());
        let language = if rel.contains("-fr") { "fr" } else { "en" };
        if rel.contains("niger") {
            // LibreOffice writes the language it was given in the properties.
            assert_eq!(doc.declared_language.as_deref(), Some(language), "{rel}");
        }
    }
}

#[test]
fn a_review_copy_reads_as_accepted_and_says_so() {
    let web = parse("corpus/ghana-2022-en-web.txt");
    let review = parse("office/ghana-2022-en-review.docx");
    assert_eq!(findings(&review), findings(&web));
    let messages: Vec<&str> = review.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.contains(
            &"the document holds review marks (4 pending insertions, 5 pending deletions, 1 comment): \
              read as if every change were accepted (insertions kept, deletions dropped); comments are not read"
        ),
        "{messages:#?}"
    );
    // Deleted and moved-away text, comments, field instructions: never read.
    let (doc, _) =
        read::read_file(&fixture("office/ghana-2022-en-review.docx"), Form::Auto).unwrap();
    for gone in [
        "formerly drafted",
        "A finding the reviewer deleted",
        "Check the year of the Constitution",
        "DOCPROPERTY",
        "MERGEFORMAT",
    ] {
        assert!(
            doc.blocks.iter().all(|b| !b.text.contains(gone)),
            "{gone:?} was read"
        );
    }
    // The footnote is a note after its paragraph, with that paragraph's number.
    let note = doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Note)
        .expect("the footnote is a note");
    assert_eq!(
        doc.blocks[note].text,
        "Act 852 is published in the Ghana Gazette."
    );
    assert_eq!(doc.blocks[note - 1].line, doc.blocks[note].line);
    assert!(
        doc.blocks[note - 1]
            .text
            .starts_with("The National Health Insurance Act, 2012")
    );
    // A symbol of a symbol font (w:sym) is read as its character.
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.text.ends_with("by the MGI.→ see below.")),
        "no symbol"
    );
}

#[test]
fn a_title_only_in_the_properties_is_used_with_a_warning() {
    let review = parse("office/ghana-2022-en-review.docx");
    assert_eq!(
        review.title.as_deref(),
        Some("Second Migration Governance Profile: Republic of Ghana (2022)")
    );
    assert_eq!(review.id, "ghana-2022-en");
    assert_eq!(review.edition, Some(2));
    assert!(review.warnings.iter().any(|w| w.message
        == "the text has no title line: the title \"Second Migration Governance Profile: Republic of Ghana (2022)\" \
            is taken from the document's properties (docProps/core.xml)"));
    // A title in the text wins, and nothing is said.
    let table = parse("office/ghana-2022-en-table.docx");
    assert!(
        table
            .warnings
            .iter()
            .all(|w| !w.message.contains("properties"))
    );
}

#[test]
fn findings_laid_out_in_tables_are_read_in_reading_order() {
    let web = parse("corpus/ghana-2022-en-web.txt");
    let table = parse("office/ghana-2022-en-table.docx");
    assert_eq!(findings(&table), findings(&web));
    assert!(table.warnings.is_empty(), "{:?}", table.warnings);
}

/// The body paragraphs of a `.docx`, in document order, as the reader
/// numbers them.
fn docx_paragraphs(rel: &str) -> Vec<String> {
    let file = std::fs::File::open(fixture(rel)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    body.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect()
        })
        .collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[test]
fn the_line_of_a_finding_is_its_paragraph_number() {
    for rel in [
        "office/niger-2022-fr.docx",
        "office/ghana-2022-en-table.docx",
    ] {
        let paragraphs = docx_paragraphs(rel);
        let profile = parse(rel);
        for (_, _, _, f) in profile.findings() {
            let paragraph = &paragraphs[f.line - 1];
            let start: String = f.text.chars().take(20).collect();
            assert!(
                common::collapse(paragraph).starts_with(&start),
                "{rel}: line {} is {paragraph:?}, not {:?}",
                f.line,
                f.text
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Documents built here, to show one thing each.

/// A `.docx` whose body is `body` (WordprocessingML paragraphs).
fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
    ])
}

fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    for (name, text) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    out.into_inner()
}

fn para(text: &str, ppr: &str) -> String {
    format!(r#"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn num(level: usize) -> String {
    format!(r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr>"#)
}

fn read_docx(bytes: &[u8]) -> Result<read::Document, String> {
    read::read_bytes(Path::new("x.docx"), bytes, Form::Auto)
        .map(|(d, _)| d)
        .map_err(|e| e.message())
}

#[test]
fn list_depth_comes_from_the_numbering_level_and_no_glyph_is_read() {
    let body = [
        para("Key findings", r#"<w:outlineLvl w:val="0"/>"#),
        para("First finding.", &num(0)),
        para("A sub-point of it.", &num(1)),
        para(
            "Not a list any more.",
            r#"<w:numPr><w:numId w:val="0"/></w:numPr>"#,
        ),
    ]
    .concat();
    let doc = read_docx(&docx(&body)).unwrap();
    let kinds: Vec<(BlockKind, &str, usize)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str(), b.line))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Heading, "Key findings", 1),
            (BlockKind::ListItem { depth: 0 }, "First finding.", 2),
            (BlockKind::ListItem { depth: 1 }, "A sub-point of it.", 3),
            (BlockKind::Paragraph, "Not a list any more.", 4),
        ]
    );
}

#[test]
fn runs_join_into_one_text() {
    let body = r#"<w:p><w:r><w:t>Act</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">852 </w:t></w:r>
        <w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>citizens</w:t><w:br/><w:t>and</w:t><w:softHyphen/><w:t>more</w:t></w:r>
        <w:hyperlink><w:r><w:t xml:space="preserve"> link</w:t></w:r></w:hyperlink>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 7</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:sym w:font="Symbol" w:char="F0B0"/><w:t>C</w:t></w:r></w:p>"#;
    let doc = read_docx(&docx(body)).unwrap();
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.blocks[0].text, "Act 852 non-citizens andmore link 7°C");
}

#[test]
fn bold_short_paragraphs_are_headings_long_ones_are_not() {
    let bold = |t: &str| format!(r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r></w:p>"#);
    let long = "A long bold paragraph that runs on. ".repeat(8);
    let body = [bold("Partnerships"), bold(&long)].concat();
    let doc = read_docx(&docx(&body)).unwrap();
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
    assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
}

#[test]
fn nested_odt_lists_give_depth() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
<text:h text:outline-level="1">Key findings</text:h>
<text:list><text:list-item><text:p>First <text:span>finding</text:span>.</text:p>
<text:list><text:list-item><text:p>Its sub-point.</text:p></text:list-item></text:list></text:list-item>
<text:list-item><text:p>Second<text:s text:c="3"/>finding.</text:p></text:list-item></text:list>
</office:text></office:body></office:document-content>"#;
    let bytes = zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
    ]);
    let (doc, form) = read::read_bytes(Path::new("x"), &bytes, Form::Auto).unwrap();
    assert_eq!(form, Form::Odt);
    let kinds: Vec<(BlockKind, &str, usize)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str(), b.line))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Heading, "Key findings", 1),
            (BlockKind::ListItem { depth: 0 }, "First finding.", 2),
            (BlockKind::ListItem { depth: 1 }, "Its sub-point.", 3),
            (BlockKind::ListItem { depth: 0 }, "Second finding.", 4),
        ]
    );
}

// ---------------------------------------------------------------------------
// Bad documents.

#[test]
fn a_damaged_zip_is_refused() {
    let bytes = std::fs::read(fixture("office/niger-2022-fr.docx")).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let e = read_docx(cut).unwrap_err();
    assert!(
        e.starts_with("this looks like a ZIP archive (a .docx or .odt is one) but it is damaged"),
        "{e}"
    );
}

#[test]
fn a_zip_that_is_no_document_is_refused_naming_its_entries() {
    let bytes = zip_of(&[("photo.jpg", "x"), ("notes.txt", "y")]);
    let e = read_docx(&bytes).unwrap_err();
    assert!(
        e.starts_with(
            "this ZIP archive is not a word-processor document: it holds neither word/document.xml"
        ),
        "{e}"
    );
    assert!(e.contains("entries: notes.txt, photo.jpg"), "{e}");
}

#[test]
fn an_office_package_without_its_main_part_is_refused() {
    let bytes = zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("xl/workbook.xml", "<workbook/>"),
    ]);
    let e = read_docx(&bytes).unwrap_err();
    assert!(
        e.starts_with("this Office file has no main document part (word/document.xml)"),
        "{e}"
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_fills_memory() {
    let bytes = std::fs::read(fixture("office/bad/bomb.zip")).unwrap();
    assert!(bytes.len() < 100_000);
    let e = read_docx(&bytes).unwrap_err();
    assert!(
        e.starts_with(
            "the part word/document.xml of the document unpacks to more than 64 MiB (a ZIP bomb?)"
        ),
        "{e}"
    );
}

#[test]
fn xml_entity_expansion_is_refused() {
    let lol = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let bytes = zip_of(&[("word/document.xml", lol)]);
    let e = read_docx(&bytes).unwrap_err();
    assert!(
        e.starts_with("the part word/document.xml of the document declares a DTD"),
        "{e}"
    );
}

#[test]
fn an_empty_document_and_one_without_findings_are_refused() {
    let e = read_docx(&docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>")).unwrap_err();
    assert_eq!(
        e,
        "the Word document has no text: check that this is the profile, or give its PDF or web page"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.docx");
    std::fs::write(
        &path,
        docx(&para("Dear colleagues, the draft is attached.", "")),
    )
    .unwrap();
    let e = mgi::profile::parse_file(&path, Form::Auto, None).unwrap_err();
    assert!(
        e.to_string()
            .contains("letter.docx: error: no key findings found"),
        "{e}"
    );
}

#[test]
fn a_password_protected_office_file_is_refused_as_such() {
    // An OLE compound file whose directory names an EncryptedPackage stream.
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(512, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(2048, 0);
    let (e, _) = (
        read::read_bytes(Path::new("draft.docx"), &bytes, Form::Auto).unwrap_err(),
        (),
    );
    assert!(
        e.message()
            .starts_with("the Office document is protected by a password"),
        "{}",
        e.message()
    );
}

// ---------------------------------------------------------------------------
// Legacy files through LibreOffice.

/// A folder holding only a fake `soffice`, a shell script that "converts"
/// by copying `docx` into the output folder under the input's name, after
/// checking that it was called with a private profile and a private folder.
fn fake_soffice(docx: &Path) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = format!(
        r#"#!/bin/sh
PATH=/usr/bin:/bin
profile=""; outdir=""; input=""
while [ $# -gt 0 ]; do
  case "$1" in
    -env:UserInstallation=file://*) profile="${{1#-env:UserInstallation=file://}}";;
    --outdir) shift; outdir="$1";;
    --*) ;;
    *) input="$1";;
  esac
  shift
done
case "$profile" in "$(dirname "$input")"/*) ;; *) exit 3;; esac
mkdir -p "$outdir" && cp "{}" "$outdir/$(basename "${{input%.*}}").docx"
"#,
        docx.display()
    );
    let path = dir.path().join("soffice");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[test]
fn legacy_files_go_through_soffice_in_a_private_folder() {
    let tools = fake_soffice(&fixture("office/niger-2022-fr.docx"));
    let inputs = tempfile::tempdir().unwrap();
    let rtf = inputs.path().join("niger.rtf");
    std::fs::write(&rtf, b"{\\rtf1\\ansi Niger}").unwrap();
    let before = leftover_convert_folders();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["parse"])
        .arg(&rtf)
        .env("PATH", tools.path())
        .env("MGI_HOME", root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["id"], "niger-2022-fr");
    assert_eq!(
        leftover_convert_folders(),
        before,
        "the temporary folder is removed"
    );
}

fn leftover_convert_folders() -> usize {
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("mgi-convert-"))
        .count()
}

#[test]
fn legacy_files_without_libreoffice_name_the_two_ways_out() {
    let empty = tempfile::tempdir().unwrap();
    let inputs = tempfile::tempdir().unwrap();
    let doc = inputs.path().join("draft.doc");
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(1024, 0);
    std::fs::write(&doc, bytes).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["check"])
        .arg(&doc)
        .env("PATH", empty.path())
        .env("MGI_HOME", root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "draft.doc: error: this is a legacy word-processor file (.doc, .rtf or .wpd), read only through \
             LibreOffice, which is not installed (no `soffice` on PATH): install LibreOffice, or open the \
             file and save it as .docx"
        ),
        "{stdout}"
    );
}

#[test]
fn a_build_takes_a_folder_mixing_every_form() {
    let dir = common::folder_with(&[
        "corpus/ghana-2022-en-web.txt",
        "office/niger-2022-fr.odt",
        "office/ghana-2022-en-table.docx",
        "forms/niger-2022-fr.html",
    ]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "--no-pdf",
            dir.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    // Build messages go to stderr.
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("4 profiles built, 0 failed"), "{stderr}");
    for id in [
        "ghana-2022-en",
        "ghana-2022-en-2",
        "niger-2022-fr",
        "niger-2022-fr-2",
    ] {
        assert!(out.path().join(format!("json/{id}.json")).is_file(), "{id}");
    }
}

#[test]
fn text_boxes_are_read_after_their_paragraph_and_once() {
    let body = r#"<w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
      <mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">
        <w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent></wp:anchor></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Inside the box.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>
    </mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>After.</w:t></w:r></w:p>"#;
    let doc = read_docx(&docx(body)).unwrap();
    let texts: Vec<(&str, usize)> = doc
        .blocks
        .iter()
        .map(|b| (b.text.as_str(), b.line))
        .collect();
    assert_eq!(
        texts,
        [
            ("Before the box.", 1),
            ("Inside the box.", 2),
            ("After.", 3)
        ]
    );
}

#[test]
fn odt_styles_notes_comments_and_changes() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Domaine"/>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:tracked-changes>
 <text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>R</dc:creator></office:change-info></text:insertion></text:changed-region>
 <text:changed-region text:id="c2"><text:deletion><office:change-info><dc:creator>R</dc:creator></office:change-info><text:p>dropped words</text:p></text:deletion></text:changed-region>
</text:tracked-changes>
<text:p text:style-name="P1">Partenariats</text:p>
<text:p><text:span text:style-name="T1">Aspects qui pourraient être renforcés :</text:span></text:p>
<text:p>Kept <text:change-start text:change-id="c1"/>inserted<text:change-end text:change-id="c1"/> text<text:change text:change-id="c2"/>.<office:annotation><dc:creator>R</dc:creator><text:p>A reviewer's remark.</text:p></office:annotation><text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>The note.</text:p></text:note-body></text:note></text:p>
</office:text></office:body></office:document-content>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:styles>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>
 <style:style style:name="Domaine" style:family="paragraph" style:parent-style-name="Heading_20_2"/>
</office:styles></office:document-styles>"#;
    let bytes = zip_of(&[("content.xml", content), ("styles.xml", styles)]);
    let (doc, _) = read::read_bytes(Path::new("x.odt"), &bytes, Form::Auto).unwrap();
    let kinds: Vec<(BlockKind, &str, usize)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text.as_str(), b.line))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Heading, "Partenariats", 1),
            (
                BlockKind::Heading,
                "Aspects qui pourraient être renforcés :",
                2
            ),
            (BlockKind::Paragraph, "Kept inserted text.", 3),
            (BlockKind::Note, "The note.", 3),
        ]
    );
    let messages: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the document holds review marks (1 pending insertion, 1 pending deletion, 1 comment): \
          read as if every change were accepted (insertions kept, deletions dropped); comments are not read"
        ]
    );
}
