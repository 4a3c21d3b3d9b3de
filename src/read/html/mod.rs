//! HTML pages (browser saves, Word "Save as HTML") into blocks.
//!
//! The aim is the `Document` a plain-text copy of the page would give, so
//! that one recogniser handles every form:
//!
//! * page chrome is dropped: `head`, scripts, styles, SVG, navigation, site
//!   header and footer, forms, hidden elements, cookie banners,
//!   breadcrumbs, language switchers, comments, Word's reviewer comments
//!   (see `is_chrome`); rules that could match a wrapper by accident
//!   never drop an element holding the page's `h1`, `main` or `article`;
//! * every block-level element (`p`, `div`, `td`, `h1` …) delimits a block;
//!   inline markup keeps its text; `<br>` is a space;
//! * `h1`–`h6`, a paragraph that is bold throughout, and Drupal field
//!   labels are headings;
//! * `li` is a list item whose depth is the number of enclosing lists;
//!   the text of an item is its own text only (a nested list gives items
//!   of its own, after the parent). Blocks inside an item or a heading
//!   (`<li><p>…</p></li>`) are part of its text;
//! * Word's list paragraphs (`class=MsoListParagraph…`, `style='mso-list:l0
//!   level2 …'`) are list items; the bullet glyph (`<span
//!   style='mso-list:Ignore'>`) is dropped.
//!
//! Lines: html5ever reports no source positions, so the start tags are
//! found in the source by a small scanner (`SourceTags`) and matched, in
//! document order, to the elements of the tree (see `SourceTags::sync`).

use foldhash::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use regex::bytes::Regex;
use scraper::{ElementRef, Html, Node};

use super::decode::{self, Decoded};
use super::error::ReadError;
use super::{Block, BlockKind, Document, collapse_whitespace_owned};
use crate::model::{Warning, WarningKind};

mod chrome;
mod nesting;
mod source;
mod walker;

use chrome::*;
use nesting::*;
use source::*;
use walker::*;

/// Pages nesting elements deeper than this are refused (real pages stay
/// under a hundred).
pub const MAX_NESTING: usize = 512;

/// How far into the file a charset declaration is looked for.
const CHARSET_PRESCAN_BYTES: usize = 4096;

/// `<meta charset="…">` and `<meta http-equiv="Content-Type" content="…; charset=…">`.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:+-]+)"#)
        .expect("valid regex")
});

/// `<?xml version="1.0" encoding="…"?>` (XHTML).
static XML_ENCODING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_.:+-]+)["']"#)
        .expect("valid regex")
});

/// Word's list paragraphs: `mso-list:l0 level2 lfo1` (the level is 1-based).
static MSO_LIST_LEVEL: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"level(\d+)").expect("valid regex"));

/// Read an HTML page. The error is a message for the user.
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    let decoded = decode_html(bytes)?;
    let text = decoded.text;
    // The HTML parser takes time in the square of the nesting depth: a
    // damaged page that never closes its elements is refused before it.
    let tags = SourceTags::scan(&text);
    if let Some(line) = tags.nesting.too_deep_at {
        return Err(ReadError::PageTooDeep { line });
    }
    let html = catch_unwind(AssertUnwindSafe(|| Html::parse_document(&text)))
        .map_err(|_| ReadError::HtmlParserFailed)?;

    let mut walker = Walker::new(tags);
    walker.walk(&html);
    if walker.blocks.is_empty() {
        return Err(ReadError::PageWithoutText);
    }
    Ok(Document {
        blocks: walker.blocks,
        declared_language: declared_language(&html),
        running_header: None,
        warnings: decoded.warnings,
        ..Document::default()
    })
}

/// Decode the page: a byte-order mark wins, then a charset declared in the
/// first 4 KiB, then UTF-8 (or a detected legacy encoding) as for text files.
fn decode_html(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if has_bom {
        return decode::decode(bytes);
    }
    if let Some(label) = declared_charset(bytes) {
        return decode::decode_with_label(bytes, &label);
    }
    let mut decoded = decode::decode(bytes)?;
    if decoded.warnings.is_empty() && !decoded.text.is_ascii() {
        decoded
            .warnings
            .push(Warning::general(WarningKind::NoCharsetDeclared));
    }
    Ok(decoded)
}

/// The charset a page declares in its first bytes, if any.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)];
    let caps = META_CHARSET
        .captures(head)
        .or_else(|| XML_ENCODING.captures(head))?;
    Some(String::from_utf8_lossy(&caps[1]).into_owned())
}

/// The primary language subtag of `<html lang>` (or `<body lang>`, as Word
/// writes it), lowercased.
fn declared_language(html: &Html) -> Option<String> {
    let root = html
        .tree
        .root()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "html")?;
    let body = root
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body");
    [Some(root), body]
        .into_iter()
        .flatten()
        .filter_map(|e| e.value().attr("lang").or(e.value().attr("xml:lang")))
        .find_map(primary_subtag)
}

fn primary_subtag(lang: &str) -> Option<String> {
    let primary = lang.trim().split(['-', '_']).next()?;
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    ok.then(|| primary.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Document {
        read_html(html.as_bytes()).unwrap_or_else(|e| panic!("read failed: {e}"))
    }

    fn blocks(html: &str) -> Vec<(BlockKind, String)> {
        read(html)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    fn item(depth: usize, text: &str) -> (BlockKind, String) {
        (BlockKind::ListItem { depth }, text.to_string())
    }

    fn para(text: &str) -> (BlockKind, String) {
        (BlockKind::Paragraph, text.to_string())
    }

    fn heading(text: &str) -> (BlockKind, String) {
        (BlockKind::Heading, text.to_string())
    }

    #[test]
    fn br_inside_an_item_is_a_space() {
        assert_eq!(
            blocks("<ul><li>First line.<br>Second line.</li><li>a<br/>b</li></ul>"),
            [item(0, "First line. Second line."), item(0, "a b")]
        );
    }

    #[test]
    fn headings_paragraphs_and_bold_paragraphs() {
        let b = blocks(
            "<h1>Title</h1><p>Some <em>running</em> text &amp; more.</p>\
             <p><strong>Areas with potential</strong> <b>for development:</b></p>\
             <p><strong>Bold</strong> then plain</p>\
             <div class=\"field--label\">Label</div>\
             <span class=\"field--label-hidden\">Not a label</span>",
        );
        assert_eq!(
            b,
            [
                heading("Title"),
                para("Some running text & more."),
                heading("Areas with potential for development:"),
                para("Bold then plain"),
                heading("Label"),
                para("Not a label"),
            ]
        );
    }

    #[test]
    fn nested_lists_give_items_in_document_order() {
        let b = blocks(
            "<ul><li>one<ul><li>one.a</li><li>one.b<ol><li>deep</li></ol></li></ul>tail</li>\
             <li><p>two</p><p>more</p></li></ul>",
        );
        assert_eq!(
            b,
            [
                item(0, "one tail"),
                item(1, "one.a"),
                item(1, "one.b"),
                item(2, "deep"),
                item(0, "two more"),
            ]
        );
    }

    #[test]
    fn text_beside_child_blocks_is_its_own_paragraph() {
        assert_eq!(
            blocks(
                "<div>Before<p>Inside</p>After <i>this</i></div><table><tr><td>a</td><td>b</td></tr></table>"
            ),
            [
                para("Before"),
                para("Inside"),
                para("After this"),
                para("a"),
                para("b")
            ]
        );
    }

    #[test]
    fn chrome_is_dropped() {
        let b = blocks(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <header><nav><ul><li>Home</li></ul></nav></header>\
             <script>var s = '<li>x</li>';</script>\
             <div class=\"eu-cookie-compliance-banner\"><p>We use cookies</p></div>\
             <div style=\"display: none\">hidden style</div><div hidden>hidden attr</div>\
             <div aria-hidden=\"true\">aria</div><span class=\"visually-hidden\">skip</span>\
             <ol class=\"breadcrumb\"><li>Home</li></ol>\
             <div class=\"language-switcher\"><ul><li>English</li></ul></div>\
             <!-- a comment --><svg><text>Partnerships</text></svg>\
             <form><button>Go</button><input value=\"x\"></form>\
             <p>Content</p><footer><p>© IOM</p></footer></body></html>",
        );
        assert_eq!(b, [para("Content")]);
    }

    #[test]
    fn header_with_the_page_title_and_article_header_are_kept() {
        let b = blocks(
            "<header><h1>Profile title</h1><nav>Menu</nav></header>\
             <article><header><p>Article header</p></header><p>Body</p>\
             <footer>Article footer</footer></article><footer>Site footer</footer>",
        );
        assert_eq!(
            b,
            [
                heading("Profile title"),
                para("Article header"),
                para("Body"),
                para("Article footer")
            ]
        );
    }

    #[test]
    fn page_wrappers_that_look_like_chrome_are_kept() {
        let b = blocks(
            "<body class=\"eu-cookie-compliance-status-null\">\
             <div class=\"page\" aria-hidden=\"true\"><main><h1>Title</h1><p>Body</p></main></div>\
             <form id=\"aspnetForm\"><div class=\"cookie-wrapper\"><article><p>In form</p></article></div></form>\
             <div role=\"navigation\"><p>Menu</p></div><div role=\"contentinfo\"><p>Site footer</p></div>\
             <div class=\"cookie-notice\"><h2>Cookies</h2></div></body>",
        );
        assert_eq!(b, [heading("Title"), para("Body"), para("In form")]);
    }

    #[test]
    fn entities_nbsp_and_nfc() {
        // "e" + combining acute, and an NBSP: NFC and one space.
        let b = blocks("<p>8.6&nbsp;per&nbsp;cent &rsquo; Se\u{301}curite\u{301}</p>");
        assert_eq!(b, [para("8.6 per cent ’ Sécurité")]);
    }

    #[test]
    fn language_from_html_or_body() {
        assert_eq!(
            read("<html lang=\"fr-FR\"><p>x</p></html>")
                .declared_language
                .as_deref(),
            Some("fr")
        );
        assert_eq!(
            read("<html><body lang=ES><p>x</p></body></html>")
                .declared_language
                .as_deref(),
            Some("es")
        );
        assert_eq!(read("<p>x</p>").declared_language, None);
    }

    #[test]
    fn lines_point_at_start_tags() {
        let doc = read(
            "<!DOCTYPE html>\n<html>\n<head><script>\n'<p>not a tag</p>'\n</script></head>\n\
             <body>\n<!-- <li>comment</li>\n-->\n<ul><li>one</li>\n<li>\ntwo\n</li></ul>\n\
             <p title='a > b'\n class=x>para</p>\n<div>\n  text\n<p>p2</p>\n tail</div>\n",
        );
        let lines: Vec<(&str, usize)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.line))
            .collect();
        assert_eq!(
            lines,
            [
                ("one", 9),
                ("two", 10),
                ("para", 13),
                ("text", 15),
                ("p2", 17),
                ("tail", 17)
            ]
        );
    }

    #[test]
    fn word_list_paragraphs() {
        let b = blocks(
            "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>\
             <![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·\
             <span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></span>\
             <![endif]>First item<o:p></o:p></p>\
             <p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'>\
             <span style='mso-list:Ignore'>o<span>&nbsp;&nbsp; </span></span>Sub item</p>\
             <p class=MsoNormal style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>1.\
             <span>&nbsp;&nbsp; </span></span>Numbered</p>\
             <p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Plain</p>",
        );
        assert_eq!(
            b,
            [
                item(0, "First item"),
                item(1, "Sub item"),
                item(0, "Numbered"),
                para("Plain")
            ]
        );
    }

    #[test]
    fn word_footnotes_are_notes_and_their_marks_are_dropped() {
        let b = blocks(
            "<p class=MsoNormal>The law applies.<a style='mso-footnote-id:ftn1' href=\"#_ftn1\">\
             <span class=MsoFootnoteReference>[1]</span></a></p>\
             <div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1>\
             <p class=MsoFootnoteText>[1] Act No. 5 of 2016.</p></div></div>",
        );
        assert_eq!(
            b,
            [
                para("The law applies."),
                (BlockKind::Note, "[1] Act No. 5 of 2016.".to_string())
            ]
        );
    }

    #[test]
    fn word_reviewer_comments_are_dropped() {
        let b = blocks(
            "<p class=MsoNormal><span style='mso-comment-continuation:1'>Kept text</span>\
             <span class=MsoCommentReference><a class=msocomanchor href=\"#_msocom_1\">[AB1]</a></span></p>\
             <div style='mso-element:comment-list'><p class=MsoCommentText>Check this</p></div>",
        );
        assert_eq!(b, [para("Kept text")]);
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"UTF-8\" />").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">"
            )
            .as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(declared_charset(b"<html><p>charset=x</p>"), None);
    }

    #[test]
    fn declared_windows_1252_is_decoded() {
        let doc = read_html(
            b"<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\
              <p>Aspects qui pourraient \xEAtre renforc\xE9s\xA0:</p>",
        )
        .unwrap();
        assert_eq!(
            doc.blocks[0].text,
            "Aspects qui pourraient être renforcés :"
        );
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn undeclared_non_ascii_page_gets_a_warning() {
        let doc = read("<p>Migración</p>");
        assert_eq!(
            doc.warnings,
            [Warning::general(WarningKind::NoCharsetDeclared)]
        );
        let doc = read_html(b"<p>Migraci\xF3n segura y ordenada en Am\xE9rica</p>").unwrap();
        assert_eq!(doc.blocks[0].text, "Migración segura y ordenada en América");
        assert!(doc.warnings[0].message.contains("windows-1252"));
    }

    fn depth(html: &str) -> usize {
        SourceTags::scan(html).nesting.max
    }

    #[test]
    fn nesting_is_estimated_as_the_parser_builds_it() {
        assert_eq!(depth("<div><div><span>x</span></div></div>"), 3);
        // Paragraphs, items, rows and cells close their predecessors.
        assert_eq!(depth(&"<p><span>x".repeat(2000)), 2);
        assert_eq!(depth(&"<li><b>x".repeat(2000)), 2);
        assert_eq!(depth(&"<tr><td>x<td>y".repeat(2000)), 0);
        assert_eq!(
            depth(&format!("<table>{}</table>", "<tr><td>x<td>y".repeat(2000))),
            3
        );
        assert_eq!(depth(&"<table><tr><td>".repeat(300)), 900);
        assert_eq!(depth("<ul><li>a<ul><li>b</ul></ul>"), 4);
        // An end tag closes what its element holds.
        assert_eq!(depth(&"<div><span><b>x</div>".repeat(2000)), 3);
        // Void, raw-text and self-closing SVG elements hold nothing.
        assert_eq!(
            depth(&"<br><img src=x><hr/><script><div></script>".repeat(100)),
            0
        );
        assert_eq!(depth("<svg><path/><path/><g><path/></g></svg>"), 2);
        // But `<div/>` opens a div, and nesting in a section is nesting.
        assert_eq!(depth(&"<div/>".repeat(700)), 700);
        assert_eq!(depth(&"<li><section>".repeat(300)), 600);
        assert_eq!(depth(&"<ul><li>a".repeat(300)), 600);
        // Real pages nest little.
        for path in [
            "tests/fixtures/corpus/fiji-2023-en-html.html",
            "tests/fixtures/word-export-fr.html",
        ] {
            let bytes = std::fs::read(path).unwrap();
            let text = decode_html(&bytes).unwrap().text;
            let d = SourceTags::scan(&text).nesting.max;
            assert!((3..40).contains(&d), "{path}: {d}");
        }
    }

    #[test]
    fn deeply_nested_pages_are_refused_before_parsing() {
        let html = format!(
            "<html><body>\n{}<p>Key findings</p>",
            "<div class=x>\n".repeat(MAX_NESTING + 1)
        );
        let err = read_html(html.as_bytes()).unwrap_err();
        assert_eq!(
            err,
            ReadError::PageTooDeep {
                line: MAX_NESTING + 2
            }
        );
        assert_eq!(
            err.to_string(),
            format!(
                "the page nests its elements more than {MAX_NESTING} deep (from line {}): it is probably damaged; save it again from the browser, or give a text copy or the PDF",
                MAX_NESTING + 2
            )
        );
        let html = format!(
            "<html><body>{}<p>Key findings</p>",
            "<div>".repeat(MAX_NESTING - 1)
        );
        assert!(read_html(html.as_bytes()).is_ok());
    }

    #[test]
    fn pages_without_text_and_broken_pages() {
        assert_eq!(
            read_html(b"<html><head><title>x</title></head><body> </body></html>").unwrap_err(),
            ReadError::PageWithoutText
        );
        assert_eq!(read_html(b"").unwrap_err(), ReadError::Empty);
        for junk in [
            "<",
            "<p",
            "<<<>>>",
            "</p></li></ul>x",
            "<table><p>fostered</p><tr><td>cell",
            "<b><p>mis</b>nested</p>",
            "<!--",
            "<script>",
            "<li>a<li>b",
            "<html><body><body><p>x",
            "<p title='unterminated>x",
            "<svg><style>x</style></svg>y",
        ] {
            let _ = read_html(junk.as_bytes());
        }
        let deep = "<div>".repeat(MAX_NESTING - 1) + "deep";
        assert_eq!(read(&deep).blocks[0].text, "deep");
        let too_deep = "<div>".repeat(5_000) + "deep";
        assert!(read_html(too_deep.as_bytes()).is_err());
    }

    #[test]
    fn lines_stay_in_order_on_misnested_markup() {
        let doc = read("<p>a</p>\n</p>\n<table><p>b</p><tr><td>c</td></tr></table>\n<p>d</p>");
        let lines: Vec<usize> = doc.blocks.iter().map(|b| b.line).collect();
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
        assert_eq!(doc.blocks.last().map(|b| b.text.as_str()), Some("d"));
    }
}
