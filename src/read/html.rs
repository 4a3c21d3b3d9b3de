//! HTML pages (browser saves, Word "Save as HTML") into blocks.
//!
//! The aim is the `Document` a plain-text copy of the page would give, so
//! that one recogniser handles every form:
//!
//! * page chrome is dropped: `head`, scripts, styles, SVG, navigation, site
//!   header and footer, forms, hidden elements, cookie banners,
//!   breadcrumbs, language switchers, comments, Word's reviewer comments
//!   (see [`is_chrome`]); rules that could match a wrapper by accident
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
//! found in the source by a small scanner ([`SourceTags`]) and matched, in
//! document order, to the elements of the tree (see [`SourceTags::sync`]).

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use regex::bytes::Regex;
use scraper::{ElementRef, Html, Node};
use unicode_normalization::UnicodeNormalization;

use super::decode::{self, Decoded};
use super::error::ReadError;
use super::{Block, BlockKind, Document, collapse_whitespace};
use crate::model::{Warning, WarningKind};

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

/// Elements whose text is never content.
const CHROME_ELEMENTS: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "svg", "math", "nav", "iframe",
    "button", "select", "textarea", "object", "embed", "canvas", "audio", "video", "map", "dialog",
];

/// Elements that start a block of their own.
const BLOCK_ELEMENTS: &[&str] = &[
    "html",
    "body",
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "legend",
    "main",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
];

const LIST_ELEMENTS: &[&str] = &["ul", "ol", "menu", "dir"];

/// Elements inside which a `header` or `footer` is part of the content
/// (an article's header holds its title), not the site's banner.
const SECTIONING: &[&str] = &["article", "main", "section"];

/// Whether an element is page chrome, to be dropped with everything in it.
/// `in_section`: the element is inside an `article`, `main` or `section`.
fn is_chrome(el: ElementRef, in_section: bool) -> bool {
    let e = el.value();
    let name = e.name();
    if CHROME_ELEMENTS.contains(&name) || e.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style = compact_style(style);
        if style.contains("display:none")
            || style.contains("mso-hide:all")
            // Word's bullet glyphs and footnote reference marks.
            || style.contains("mso-list:ignore")
            || style.contains("mso-footnote-id:")
            || style.contains("mso-endnote-id:")
            // Reviewers' comments and their anchors.
            || style.contains("mso-element:comment")
            || style.contains("mso-comment-reference:")
        {
            return true;
        }
    }
    let role = e.attr("role").map(str::to_ascii_lowercase);
    let role = role.as_deref().unwrap_or("");
    if matches!(role, "navigation" | "search" | "menubar" | "doc-noteref") {
        return true;
    }
    if is_list_label(el) || is_footnote_reference(el) {
        return true;
    }
    let classes = e.attr("class").map(str::to_ascii_lowercase);
    let classes = classes.as_deref().unwrap_or("");
    let screen_reader_only = classes.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "visually-hidden"
                | "sr-only"
                | "element-invisible"
                | "screen-reader-text"
                | "msocomanchor"
                | "msocommentreference"
        )
    });
    if screen_reader_only {
        return true;
    }
    // The rules below can match a wrapper by accident (a `body` class set
    // by a cookie script, `aria-hidden` on the page while a dialog is
    // open, an ASP.NET `form` around everything): they never drop the
    // page itself.
    if matches!(name, "html" | "body") {
        return false;
    }
    let id = e.attr("id").map(str::to_ascii_lowercase);
    let id = id.as_deref().unwrap_or("");
    let landmark = matches!(name, "header" | "footer") || matches!(role, "banner" | "contentinfo");
    let aria_hidden = e
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let named_chrome = ["cookie", "sliding-popup", "breadcrumb", "language-switcher"]
        .iter()
        .any(|w| classes.contains(w))
        || id.contains("cookie")
        || id.contains("sliding-popup");
    let maybe_chrome = (landmark && !in_section) || name == "form" || aria_hidden || named_chrome;
    maybe_chrome && !holds_page_content(el)
}

/// A list label that a word processor wrote into the text: LibreOffice's
/// `ListLabel` spans and the floated glyph or number of its XHTML export
/// (`<span style="float:left">•</span>`).
fn is_list_label(el: ElementRef) -> bool {
    let e = el.value();
    if e.name() != "span" {
        return false;
    }
    let labelled = e.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|c| c.starts_with("ListLabel"))
    });
    let floated = e
        .attr("style")
        .is_some_and(|s| compact_style(s).contains("float:left"));
    labelled || (floated && el.text().collect::<String>().trim().chars().count() <= 4)
}

/// A footnote's reference mark in the running text: a link to a note in
/// the page whose text is its number (LibreOffice's `sdfootnoteanc`, its
/// XHTML `#ftn3`, pandoc's `#fn3`).
fn is_footnote_reference(el: ElementRef) -> bool {
    let e = el.value();
    if e.name() != "a" {
        return false;
    }
    let classes = e.attr("class").unwrap_or("");
    if classes.contains("sdfootnoteanc") || classes.contains("sdendnoteanc") {
        return true;
    }
    let href = e.attr("href").unwrap_or("");
    let text: String = el.text().collect();
    let text = text.trim();
    href.starts_with('#')
        && !text.is_empty()
        && text.len() <= 3
        && text.chars().all(|c| c.is_ascii_digit())
        && [
            "#ftn",
            "#_ftn",
            "#fn",
            "#sdfootnote",
            "#sdendnote",
            "#edn",
            "#_edn",
        ]
        .iter()
        .any(|p| href.starts_with(p))
}

/// Whether an element contains the page itself: a top-level heading or
/// the main content.
fn holds_page_content(el: ElementRef) -> bool {
    el.descendants().any(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "h1" | "main" | "article"))
    })
}

/// A `style` attribute lowercased, without whitespace.
fn compact_style(style: &str) -> String {
    style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text that belongs to a footnote, not to the running text.
fn is_note_container(el: ElementRef) -> bool {
    let e = el.value();
    let style_note = e.attr("style").is_some_and(|s| {
        let s = compact_style(s);
        s.contains("mso-element:footnote") || s.contains("mso-element:endnote")
    });
    let role_note = e.attr("role").is_some_and(|r| {
        matches!(
            r.to_ascii_lowercase().as_str(),
            "doc-footnote" | "doc-endnote" | "doc-endnotes"
        )
    });
    // LibreOffice: `<div id="sdfootnote3">` (HTML), `<p class="Footnote">` (XHTML).
    let id_note = e.attr("id").is_some_and(|id| {
        (id.starts_with("sdfootnote") || id.starts_with("sdendnote"))
            && !id.ends_with("anc")
            && !id.ends_with("sym")
    });
    let class_note = e.attr("class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|c| c.eq_ignore_ascii_case("footnote") || c.starts_with("sdfootnote"))
    });
    style_note || role_note || id_note || class_note
}

/// Word's list paragraph: the depth of the item (`level1` is depth 0).
fn word_list_depth(el: ElementRef) -> Option<usize> {
    let e = el.value();
    if e.name() != "p" {
        return None;
    }
    let list_class = e.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        ["msolistparagraph", "msolistbullet", "msolistnumber"]
            .iter()
            .any(|p| c.starts_with(p))
    });
    let style = e.attr("style").map(compact_style).unwrap_or_default();
    let list_style = style
        .split(';')
        .filter_map(|decl| decl.strip_prefix("mso-list:"))
        .find(|v| *v != "none" && *v != "ignore" && *v != "skip");
    if !list_class && list_style.is_none() {
        return None;
    }
    let level = list_style
        .and_then(|v| MSO_LIST_LEVEL.captures(v))
        .and_then(|c| c[1].parse::<usize>().ok())
        .unwrap_or(1);
    Some(level.saturating_sub(1))
}

/// Whether an element marks its block as a heading by name or class.
fn is_heading_element(el: ElementRef) -> bool {
    let e = el.value();
    if matches!(e.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return true;
    }
    e.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        c == "field--label"
            || c == "field__label"
            || (e.name() == "p" && (c.starts_with("msotitle") || c.starts_with("msosubtitle")))
    })
}

/// Inline elements that make their text bold.
fn is_bold(el: ElementRef) -> bool {
    let e = el.value();
    if matches!(e.name(), "b" | "strong") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s = compact_style(s);
        [
            "font-weight:bold",
            "font-weight:600",
            "font-weight:700",
            "font-weight:800",
            "font-weight:900",
        ]
        .iter()
        .any(|w| s.contains(w))
    })
}

/// What kind of block a container's text makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    /// A paragraph; `bold_heading`: a heading when all its text is bold.
    Paragraph {
        bold_heading: bool,
    },
    Heading,
    Item {
        depth: usize,
    },
}

/// An open block-level element.
#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    /// Line of the element's start tag.
    line: usize,
    /// Whether a block was already emitted in it (its own text or a child's).
    touched: bool,
    /// For an item: the block already emitted for it, to which text after a
    /// nested list is added.
    item: Option<usize>,
    /// Inside a footnote: blocks are notes.
    note: bool,
}

/// Text gathered since the last block boundary.
#[derive(Debug, Default)]
struct Run {
    text: String,
    /// Some non-blank text was outside bold markup / inside it.
    plain: bool,
    bold: bool,
    /// The line where the first non-blank text was seen.
    line: Option<usize>,
}

/// What opening a node did, undone when it closes.
#[derive(Debug, Clone, Copy, Default)]
struct Opened {
    frame: bool,
    /// A block inside an item or heading: only a space in its text.
    transparent: bool,
    bold: bool,
    list: bool,
    section: bool,
}

struct Walker {
    tags: SourceTags,
    blocks: Vec<Block>,
    frames: Vec<Frame>,
    opened: Vec<Opened>,
    run: Run,
    /// Inside dropped chrome: the number of open nodes in it.
    skip: usize,
    bold: usize,
    lists: usize,
    sections: usize,
    /// Line of the last start tag found in the source.
    last_line: usize,
}

impl Walker {
    fn new(tags: SourceTags) -> Self {
        Walker {
            tags,
            blocks: Vec::new(),
            frames: vec![Frame {
                kind: FrameKind::Paragraph {
                    bold_heading: false,
                },
                line: 1,
                touched: false,
                item: None,
                note: false,
            }],
            opened: Vec::new(),
            run: Run::default(),
            skip: 0,
            bold: 0,
            lists: 0,
            sections: 0,
            last_line: 1,
        }
    }

    /// Visit every node in document order without recursion (deeply nested
    /// input must not exhaust the stack).
    fn walk(&mut self, html: &Html) {
        let root = html.tree.root();
        let mut node = root;
        'walk: loop {
            self.open(node.value(), ElementRef::wrap(node));
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            loop {
                self.close();
                if node.id() == root.id() {
                    break 'walk;
                }
                if let Some(next) = node.next_sibling() {
                    node = next;
                    continue 'walk;
                }
                match node.parent() {
                    Some(parent) => node = parent,
                    None => break 'walk,
                }
            }
        }
        self.flush();
    }

    fn open(&mut self, node: &Node, el: Option<ElementRef>) {
        if let Some(el) = el
            && let Some(line) = self.tags.sync(el.value().name())
        {
            self.last_line = line;
        }
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        let mut opened = Opened::default();
        match (node, el) {
            (Node::Text(text), _) => self.add_text(text),
            (Node::Element(_), Some(el)) => {
                if is_chrome(el, self.sections > 0) {
                    self.skip = 1;
                    return;
                }
                opened = self.open_element(el);
            }
            _ => {}
        }
        self.opened.push(opened);
    }

    fn open_element(&mut self, el: ElementRef) -> Opened {
        let name = el.value().name();
        let mut opened = Opened::default();
        if name == "br" {
            self.run.text.push(' ');
            return opened;
        }
        if name == "hr" {
            self.flush();
            return opened;
        }
        if is_bold(el) {
            self.bold += 1;
            opened.bold = true;
        }
        if SECTIONING.contains(&name) {
            self.sections += 1;
            opened.section = true;
        }
        let in_text_block = matches!(
            self.frame().kind,
            FrameKind::Item { .. } | FrameKind::Heading
        );
        let kind = if LIST_ELEMENTS.contains(&name) {
            self.lists += 1;
            opened.list = true;
            Some(FrameKind::Paragraph {
                bold_heading: false,
            })
        } else if name == "li" {
            Some(FrameKind::Item {
                depth: self.lists.saturating_sub(1),
            })
        } else if let Some(depth) = word_list_depth(el) {
            Some(FrameKind::Item { depth })
        } else if is_heading_element(el) {
            Some(FrameKind::Heading)
        } else if BLOCK_ELEMENTS.contains(&name) {
            Some(FrameKind::Paragraph {
                bold_heading: matches!(name, "p" | "div"),
            })
        } else {
            None
        };
        let Some(kind) = kind else {
            return opened;
        };
        let is_list_part = opened.list || matches!(kind, FrameKind::Item { .. });
        if in_text_block && !is_list_part {
            // `<li><p>…</p></li>`, `<h2><div>…</div></h2>`: one block.
            self.run.text.push(' ');
            opened.transparent = true;
            return opened;
        }
        self.flush();
        let note = self.frame().note || is_note_container(el);
        if let Some(parent) = self.frames.last_mut() {
            parent.touched = true;
        }
        self.frames.push(Frame {
            kind,
            line: self.last_line,
            touched: false,
            item: None,
            note,
        });
        opened.frame = true;
        opened
    }

    fn close(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        let Some(opened) = self.opened.pop() else {
            return;
        };
        if opened.transparent {
            self.run.text.push(' ');
        }
        if opened.frame {
            self.flush();
            if self.frames.len() > 1 {
                self.frames.pop();
            }
        }
        if opened.bold {
            self.bold = self.bold.saturating_sub(1);
        }
        if opened.list {
            self.lists = self.lists.saturating_sub(1);
        }
        if opened.section {
            self.sections = self.sections.saturating_sub(1);
        }
    }

    fn frame(&self) -> &Frame {
        self.frames.last().expect("the root frame is never popped")
    }

    fn add_text(&mut self, text: &str) {
        if text.chars().any(|c| !c.is_whitespace()) {
            if self.bold > 0 {
                self.run.bold = true;
            } else {
                self.run.plain = true;
            }
            if self.run.line.is_none() {
                self.run.line = Some(self.last_line);
            }
        }
        self.run.text.push_str(text);
    }

    /// End the current run: it becomes a block of the innermost frame.
    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        let text: String = collapse_whitespace(&run.text).nfc().collect();
        if text.is_empty() {
            return;
        }
        let previous_line = self.blocks.last().map_or(1, |b| b.line);
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if let Some(i) = frame.item {
            // Text of an item after its nested list.
            if let Some(block) = self.blocks.get_mut(i) {
                block.text.push(' ');
                block.text.push_str(&text);
                return;
            }
        }
        let kind = match frame.kind {
            _ if frame.note => BlockKind::Note,
            FrameKind::Heading => BlockKind::Heading,
            FrameKind::Item { depth } => BlockKind::ListItem { depth },
            FrameKind::Paragraph { bold_heading } => {
                if bold_heading && run.bold && !run.plain {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                }
            }
        };
        let line = if frame.touched {
            run.line.unwrap_or(self.last_line)
        } else {
            frame.line
        };
        frame.touched = true;
        if matches!(frame.kind, FrameKind::Item { .. }) {
            frame.item = Some(self.blocks.len());
        }
        self.blocks
            .push(Block::new(kind, text, line.max(previous_line)));
    }
}

/// The start tags of the source, in order, with their lines.
///
/// html5ever builds a tree without positions. To give each block the line
/// of its start tag, the source is scanned once for start tags (skipping
/// comments, `<!…>`, `<?…>`, end tags, and the raw text of `script`,
/// `style` and the like, where a `<li>` is only text), and each element of
/// the tree, visited in document order, takes the next unused start tag of
/// the same name (`sync`). Elements the parser invents (`html`, `head`,
/// `body`, `tbody`, formatting elements it reopens) are not matched;
/// elements it may invent from stray end tags (`p`, `br`, `tr`) only match
/// a tag close ahead. A tag the tree does not have is passed over. Lines
/// are thus exact for ordinary pages and stay in order for broken ones.
#[derive(Debug, Default)]
struct SourceTags {
    /// Line of each start tag.
    lines: Vec<usize>,
    /// For each tag name, the indexes of its start tags, ascending.
    by_name: HashMap<String, Vec<usize>>,
    /// The next start tag not yet matched to an element.
    cursor: usize,
    /// How deep the elements nest.
    nesting: Nesting,
}

/// Elements whose content is text, not markup, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements that are often implied by the parser, never matched to a tag.
const IMPLIED: &[&str] = &[
    "html", "head", "body", "tbody", "colgroup", "a", "b", "big", "code", "em", "font", "i",
    "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements the parser may create from a stray end tag: only matched to a
/// tag at most this many tags ahead.
const MAYBE_IMPLIED: &[&str] = &["p", "br", "tr"];
const MAYBE_IMPLIED_WINDOW: usize = 64;

impl SourceTags {
    fn scan(src: &str) -> Self {
        let lower = src.as_bytes().to_ascii_lowercase();
        let line_starts = line_starts(&lower);
        let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
        let len = lower.len();
        let find = |from: usize, needle: &[u8]| -> Option<usize> {
            lower
                .get(from..)?
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| p + from)
        };
        let after_gt = |from: usize| {
            lower
                .get(from..)
                .and_then(|r| r.iter().position(|&b| b == b'>'))
        };

        let mut tags = SourceTags::default();
        let mut i = 0;
        while let Some(p) = lower
            .get(i..)
            .and_then(|r| r.iter().position(|&b| b == b'<'))
        {
            let at = i + p;
            let rest = &lower[at..];
            let next = rest.get(1).copied().unwrap_or(0);
            if rest.starts_with(b"<!--") {
                i = find(at + 2, b"-->").map_or(len, |e| e + 3);
            } else if next == b'!' || next == b'?' {
                i = after_gt(at).map_or(len, |e| at + e + 1);
            } else if next == b'/' {
                let name_end = rest
                    .iter()
                    .skip(2)
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                    .map_or(len, |e| at + 2 + e);
                if let Some(name) = lower.get(at + 2..name_end) {
                    tags.nesting.end(&String::from_utf8_lossy(name));
                }
                i = after_gt(at).map_or(len, |e| at + e + 1);
            } else if next.is_ascii_alphabetic() {
                let name_end = rest
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                    .map_or(len, |e| at + e);
                let name = String::from_utf8_lossy(&lower[at + 1..name_end]).into_owned();
                let end = skip_attributes(&lower, name_end);
                let index = tags.lines.len();
                tags.lines.push(line_of(at));
                if name == "plaintext" {
                    break;
                }
                let self_closing = end >= 2 && lower[end - 2] == b'/' && lower[end - 1] == b'>';
                let raw = RAW_TEXT.contains(&name.as_str());
                tags.nesting.start(&name, self_closing, line_of(at));
                i = end;
                if raw {
                    let close = format!("</{name}");
                    let mut from = end;
                    i = len;
                    while let Some(c) = find(from, close.as_bytes()) {
                        let after = lower.get(c + close.len()).copied();
                        if after.is_none_or(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>') {
                            i = c;
                            break;
                        }
                        from = c + 1;
                    }
                }
                tags.by_name.entry(name).or_default().push(index);
            } else {
                i = at + 1;
            }
        }
        tags
    }

    /// Match an element of the tree to its start tag; its line if found.
    fn sync(&mut self, name: &str) -> Option<usize> {
        let name = name.to_ascii_lowercase();
        if IMPLIED.contains(&name.as_str()) {
            return None;
        }
        let indexes = self.by_name.get(&name)?;
        let k = indexes.partition_point(|&i| i < self.cursor);
        let &index = indexes.get(k)?;
        if MAYBE_IMPLIED.contains(&name.as_str()) && index - self.cursor > MAYBE_IMPLIED_WINDOW {
            return None;
        }
        self.cursor = index + 1;
        self.lines.get(index).copied()
    }
}

/// How deep the elements of a page nest, as the HTML parser will build
/// them, estimated from the tags alone: each start tag opens an element
/// (void elements, `html`, `head`, `body`, raw-text elements and
/// self-closing tags in SVG or MathML do not); an end tag closes the last
/// open element of its name and what it holds; a paragraph, list item,
/// definition, option, row or cell is closed by the next one as the parser
/// closes it (only where the parser would: a list item inside a `section`
/// of another list item is nested). Linear in the number of tags.
#[derive(Debug, Default)]
struct Nesting {
    /// The open elements, outermost first.
    open: Vec<String>,
    /// Positions in `open` of each name, ascending.
    at: HashMap<String, Vec<usize>>,
    /// Positions in `open` of the elements that stop the parser's search
    /// for an open paragraph (button scope), list item or definition.
    p_scope: Vec<usize>,
    li_scope: Vec<usize>,
    dd_scope: Vec<usize>,
    /// The greatest depth met.
    max: usize,
    /// The line of the first tag deeper than [`MAX_NESTING`].
    too_deep_at: Option<usize>,
}

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements that close an open paragraph when they start.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
    "plaintext",
    "xmp",
];

/// Elements that end the parser's search for an open paragraph.
const P_SCOPE: &[&str] = &[
    "applet",
    "button",
    "caption",
    "marquee",
    "object",
    "table",
    "td",
    "template",
    "th",
    "foreignobject",
    "desc",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// The parser's special elements, which end its search for an open list
/// item (`li`) or definition (`dd`, `dt`); `address`, `div` and `p` do not.
const SPECIAL: &[&str] = &[
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "iframe",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

impl Nesting {
    fn last(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .filter_map(|n| self.at.get(*n).and_then(|v| v.last().copied()))
            .max()
    }

    /// Close the element at `index` and every element inside it.
    fn close_from(&mut self, index: usize) {
        while self.open.len() > index {
            let Some(name) = self.open.pop() else { break };
            let pos = self.open.len();
            if let Some(v) = self.at.get_mut(&name) {
                v.pop();
            }
            for scope in [&mut self.p_scope, &mut self.li_scope, &mut self.dd_scope] {
                if scope.last() == Some(&pos) {
                    scope.pop();
                }
            }
        }
    }

    /// Close the last open element of `names` if the parser finds it,
    /// searching down to the last element of `scope`.
    fn close_in_scope(&mut self, names: &[&str], scope_last: Option<usize>) {
        if let Some(i) = self.last(names)
            && scope_last.is_none_or(|s| i > s)
        {
            self.close_from(i);
        }
    }

    fn start(&mut self, name: &str, self_closing: bool, line: usize) {
        if matches!(name, "html" | "head" | "body") {
            return;
        }
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], self.p_scope.last().copied());
        }
        match name {
            "li" => self.close_in_scope(&["li"], self.li_scope.last().copied()),
            "dd" | "dt" => self.close_in_scope(&["dd", "dt"], self.dd_scope.last().copied()),
            // Outside a table the parser drops these tags.
            "caption" | "col" | "colgroup" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
                if self.last(&["table"]).is_none() =>
            {
                return;
            }
            "td" | "th" => self.close_in_scope(&["td", "th"], self.last(&["table"])),
            "tr" => {
                let table = self.last(&["table"]);
                self.close_in_scope(&["tr"], table);
                self.close_in_scope(&["td", "th"], table);
            }
            "thead" | "tbody" | "tfoot" => {
                let table = self.last(&["table"]);
                self.close_in_scope(&["thead", "tbody", "tfoot"], table);
                self.close_in_scope(&["tr"], table);
                self.close_in_scope(&["td", "th"], table);
            }
            "option" | "optgroup" if self.open.last().is_some_and(|t| t == "option") => {
                self.close_from(self.open.len() - 1);
            }
            _ => {}
        }
        // `<x/>` opens an element in HTML; it is empty only in SVG and MathML.
        let foreign = self.last(&["svg", "math"]).is_some() || matches!(name, "svg" | "math");
        let raw_text = RAW_TEXT.contains(&name);
        if VOID.contains(&name) || raw_text || (self_closing && foreign) {
            return;
        }
        let pos = self.open.len();
        self.open.push(name.to_string());
        self.at.entry(name.to_string()).or_default().push(pos);
        if P_SCOPE.contains(&name) {
            self.p_scope.push(pos);
        }
        if SPECIAL.contains(&name) && name != "li" {
            self.li_scope.push(pos);
        }
        if SPECIAL.contains(&name) && name != "dd" && name != "dt" {
            self.dd_scope.push(pos);
        }
        self.max = self.max.max(self.open.len());
        if self.open.len() > MAX_NESTING && self.too_deep_at.is_none() {
            self.too_deep_at = Some(line);
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(i) = self.at.get(name).and_then(|v| v.last().copied()) {
            self.close_from(i);
        }
    }
}

/// Skip the attributes of a start tag from `from`; the offset after its `>`.
fn skip_attributes(src: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < src.len() {
        match src[j] {
            b'>' => return j + 1,
            b'=' => {
                j += 1;
                while j < src.len() && src[j].is_ascii_whitespace() {
                    j += 1;
                }
                if let Some(&q) = src.get(j).filter(|&&b| b == b'"' || b == b'\'') {
                    j = src[j + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(src.len(), |e| j + 1 + e + 1);
                }
            }
            _ => j += 1,
        }
    }
    src.len()
}

/// Offsets where lines start (`\n`, `\r\n` and a lone `\r` end lines).
fn line_starts(src: &[u8]) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, &b) in src.iter().enumerate() {
        match b {
            b'\n' => starts.push(i + 1),
            b'\r' if src.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
    }
    starts
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
