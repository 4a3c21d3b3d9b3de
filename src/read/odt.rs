//! OpenDocument text (`.odt`) into blocks.
//!
//! * Headings: `text:h`, and paragraphs whose style (or a parent style) has
//!   an outline level or a heading style name; short paragraphs bold
//!   throughout.
//! * Lists: `text:list-item`, its depth the number of enclosing lists less
//!   one; the paragraphs of one item make its text, a nested list gives
//!   items of its own after it. Glyphs live in the list styles.
//! * Runs: spans, links, `text:s` (spaces), tabs, line breaks, the shown
//!   text of fields.
//! * Review: the body already reads as if every change were accepted
//!   (deleted text is kept apart in `text:tracked-changes`); the changes
//!   and the comments (`office:annotation`, not read) are counted in one
//!   warning.
//! * Notes (`text:note`): after the paragraph that holds them.
//! * Tables and text boxes: in reading order (see `office::table_blocks`).
//!
//! Lines are paragraph numbers (see `office`).

use roxmltree::Node;

use super::error::ReadError;
use super::office::{self, Review, Style, StyleTable, TextRun};
use super::{Block, BlockKind, Document, collapse_whitespace};

const CONTENT: &str = "content.xml";

/// Read an `.odt`, or a flat OpenDocument file (`.fodt`: one XML file).
/// The error is a message for the user.
pub(crate) fn read_odt(bytes: &[u8]) -> Result<Document, ReadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.trim_ascii_start().starts_with(b"<") {
        return read_flat(bytes);
    }
    let mut zip = office::open_package(bytes)?;
    let content_text = office::read_part(&mut zip, CONTENT)?.ok_or_else(|| {
        if zip.index_for_name("mimetype").is_some() {
            ReadError::NoOpenDocumentContent
        } else {
            office::not_a_document(&zip)
        }
    })?;
    let styles_text = office::read_part(&mut zip, "styles.xml")?;
    let meta_text = office::read_part(&mut zip, "meta.xml")?;
    let content = office::parse_xml(CONTENT, &content_text)?;
    let styles = styles_text
        .as_deref()
        .map(|t| office::parse_xml("styles.xml", t))
        .transpose()?;
    let meta = meta_text
        .as_deref()
        .map(|t| office::parse_xml("meta.xml", t))
        .transpose()?;
    read_parsed(&content, styles.as_ref(), meta.as_ref())
}

/// A flat OpenDocument file: styles, metadata and text in one XML document.
fn read_flat(bytes: &[u8]) -> Result<Document, ReadError> {
    const PART: &str = "the flat OpenDocument file";
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| ReadError::FlatOpenDocumentNotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let doc = office::parse_xml_of(PART, text)?;
    read_parsed(&doc, None, Some(&doc))
}

/// The text of a parsed document: `content` holds the body and the
/// automatic styles, `styles` the named styles, `meta` the properties.
fn read_parsed(
    content: &roxmltree::Document,
    styles_doc: Option<&roxmltree::Document>,
    meta: Option<&roxmltree::Document>,
) -> Result<Document, ReadError> {
    let mut styles = StyleTable::default();
    if let Some(doc) = styles_doc {
        styles.add(doc);
    }
    styles.add(content);
    let text = content
        .descendants()
        .find(|n| is_office(*n, "text") && n.parent_element().is_some_and(|p| is_office(p, "body")))
        .ok_or(ReadError::NoOpenDocumentText)?;
    let mut walker = Walker {
        styles: &styles,
        paragraphs: 0,
        review: Review::default(),
    };
    let mut blocks = Vec::new();
    walker.block_content(text, 0, 0, &mut blocks)?;
    if blocks.is_empty() {
        return Err(office::empty_document("OpenDocument"));
    }
    walker.review.comments = text
        .descendants()
        .filter(|n| is_office(*n, "annotation"))
        .count();
    let mut warnings: Vec<_> = walker.review.warning().into_iter().collect();
    let meta_title = meta.and_then(|m| {
        m.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == "title")
            .and_then(|n| n.text())
    });
    let (title, warning) = office::property_title(&blocks, meta_title, "meta.xml");
    warnings.extend(warning);
    let meta_language = meta.and_then(|m| {
        m.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == "language")
            .and_then(|n| n.text())
    });
    Ok(Document {
        blocks,
        declared_language: meta_language.and_then(office::primary_language),
        running_header: title,
        warnings,
        ..Document::default()
    })
}

fn is_ns(node: Node, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(ns)
}

const OFFICE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const FO_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const DRAW_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

fn is_office(node: Node, name: &str) -> bool {
    is_ns(node, OFFICE_NS, name)
}

fn is_text(node: Node, name: &str) -> bool {
    is_ns(node, TEXT_NS, name)
}

fn text_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((TEXT_NS, name))
}

impl StyleTable {
    /// The named and automatic styles of one part (`styles.xml`, `content.xml`).
    fn add(&mut self, doc: &roxmltree::Document) {
        let containers = doc
            .root_element()
            .children()
            .filter(|n| is_office(*n, "styles") || is_office(*n, "automatic-styles"));
        for s in containers
            .flat_map(|c| c.children())
            .filter(|n| is_ns(*n, STYLE_NS, "style"))
        {
            let Some(name) = s.attribute((STYLE_NS, "name")) else {
                continue;
            };
            let display = s
                .attribute((STYLE_NS, "display-name"))
                .map_or_else(|| name.replace("_20_", " "), str::to_string);
            let bold = s
                .children()
                .find(|n| is_ns(*n, STYLE_NS, "text-properties"))
                .and_then(|t| t.attribute((FO_NS, "font-weight")))
                .map(|w| matches!(w, "bold" | "600" | "700" | "800" | "900"));
            let style = Style {
                name: display,
                parent: s
                    .attribute((STYLE_NS, "parent-style-name"))
                    .map(str::to_string),
                outline: s
                    .attribute((STYLE_NS, "default-outline-level"))
                    .and_then(|l| l.parse::<u8>().ok())
                    .is_some_and(|l| l > 0),
                bold,
                numbering: None,
            };
            self.by_id.insert(name.to_string(), style);
        }
    }
}

struct Walker<'s> {
    styles: &'s StyleTable,
    paragraphs: usize,
    review: Review,
}

/// What a paragraph held besides its text: its notes are their bodies.
type Asides<'a, 'i> = office::Asides<'a, 'i, Node<'a, 'i>>;

impl Walker<'_> {
    /// Paragraphs, lists and tables; `list_depth` is the number of lists
    /// around (0 outside any).
    fn block_content<'a, 'i>(
        &mut self,
        node: Node<'a, 'i>,
        depth: usize,
        list_depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        office::within_nesting(depth, CONTENT)?;
        for c in node.children().filter(Node::is_element) {
            let ns = c.tag_name().namespace();
            let name = c.tag_name().name();
            match (ns, name) {
                (Some(TEXT_NS), "p" | "h") => {
                    let block = self.paragraph(c, depth, None)?;
                    out.extend(block.0);
                    out.extend(block.1);
                }
                (Some(TEXT_NS), "list") => self.list(c, depth + 1, list_depth + 1, out)?,
                (Some(TEXT_NS), "tracked-changes") => self.count_changes(c),
                (Some(TABLE_NS), "table") => self.table(c, depth + 1, out)?,
                // Frames anchored to the page stand between paragraphs.
                (Some(DRAW_NS), _) => {
                    let mut asides = Asides::default();
                    find_text_boxes(c, depth + 1, &mut asides);
                    for text_box in asides.text_boxes {
                        self.block_content(text_box, depth + 1, 0, out)?;
                    }
                }
                (Some(TEXT_NS), "section" | "table-of-content" | "index-body" | "index-title")
                | (Some(TEXT_NS), "alphabetical-index" | "illustration-index" | "table-index")
                | (Some(TEXT_NS), "user-index" | "object-index" | "bibliography")
                | (Some(TABLE_NS), "table-header-rows" | "table-rows" | "table-row-group") => {
                    self.block_content(c, depth + 1, list_depth, out)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn count_changes(&mut self, tracked: Node) {
        for region in tracked.children().filter(|n| is_text(*n, "changed-region")) {
            for change in region.children().filter(Node::is_element) {
                match change.tag_name().name() {
                    "insertion" => self.review.insertions += 1,
                    "deletion" => self.review.deletions += 1,
                    _ => {}
                }
            }
        }
    }

    /// A list: each item's paragraphs make one item at `list_depth - 1`.
    fn list<'a, 'i>(
        &mut self,
        list: Node<'a, 'i>,
        depth: usize,
        list_depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        office::within_nesting(depth, CONTENT)?;
        for item in list.children().filter(Node::is_element) {
            let header = is_text(item, "list-header");
            if !header && !is_text(item, "list-item") {
                continue;
            }
            let kind = if header {
                None
            } else {
                Some(BlockKind::ListItem {
                    depth: list_depth - 1,
                })
            };
            self.list_item(item, depth + 1, list_depth, kind, out)?;
        }
        Ok(())
    }

    fn list_item<'a, 'i>(
        &mut self,
        item: Node<'a, 'i>,
        depth: usize,
        list_depth: usize,
        kind: Option<BlockKind>,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        // The item's own block: its paragraphs joined; nested lists, notes
        // and text boxes come after it.
        let mut own: Option<Block> = None;
        let mut after = Vec::new();
        for c in item.children().filter(Node::is_element) {
            if is_text(c, "p") || is_text(c, "h") {
                let (block, rest) = self.paragraph(c, depth, kind)?;
                match (&mut own, block) {
                    (Some(o), Some(b)) => {
                        o.text.push(' ');
                        o.text.push_str(&b.text);
                        o.last_line = b.last_line;
                    }
                    (None, Some(b)) => own = Some(b),
                    (_, None) => {}
                }
                after.extend(rest);
            } else if is_text(c, "list") {
                self.list(c, depth + 1, list_depth + 1, &mut after)?;
            } else if is_ns(c, TABLE_NS, "table") {
                self.table(c, depth + 1, &mut after)?;
            }
        }
        out.extend(own);
        out.extend(after);
        Ok(())
    }

    fn table<'a, 'i>(
        &mut self,
        table: Node<'a, 'i>,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        office::within_nesting(depth, CONTENT)?;
        let mut rows = Vec::new();
        self.table_rows(table, depth, &mut rows)?;
        out.extend(office::table_blocks(rows));
        Ok(())
    }

    fn table_rows<'a, 'i>(
        &mut self,
        node: Node<'a, 'i>,
        depth: usize,
        rows: &mut office::Table,
    ) -> Result<(), ReadError> {
        office::within_nesting(depth, CONTENT)?;
        for c in node
            .children()
            .filter(|n| is_ns(*n, TABLE_NS, n.tag_name().name()))
        {
            match c.tag_name().name() {
                "table-row" => {
                    let mut row = Vec::new();
                    for cell in c.children().filter(|n| is_ns(*n, TABLE_NS, "table-cell")) {
                        let mut blocks = Vec::new();
                        self.block_content(cell, depth + 1, 0, &mut blocks)?;
                        row.push(blocks);
                    }
                    rows.push(row);
                }
                "table-header-rows" | "table-rows" | "table-row-group" => {
                    self.table_rows(c, depth + 1, rows)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// One paragraph: its block (if it has text) and what follows it (its
    /// notes, its text boxes). `kind` is set inside a list.
    fn paragraph<'a, 'i>(
        &mut self,
        p: Node<'a, 'i>,
        depth: usize,
        kind: Option<BlockKind>,
    ) -> Result<(Option<Block>, Vec<Block>), ReadError> {
        self.paragraphs += 1;
        let line = self.paragraphs;
        let style = text_attr(p, "style-name");
        let bold = self.styles.bold(style).unwrap_or(false);
        let mut run = TextRun::default();
        let mut asides = Asides::default();
        inline(self.styles, p, depth + 1, bold, &mut run, &mut asides)?;
        let text = collapse_whitespace(&run.text);
        let block = (!text.is_empty()).then(|| {
            let heading = is_text(p, "h") || self.styles.is_heading(style);
            let list = match kind {
                Some(BlockKind::ListItem { depth }) => Some(depth),
                _ => None,
            };
            Block::new(
                office::paragraph_kind(heading, list, run.all_bold(), &text),
                text,
                line,
            )
        });
        let mut rest = Vec::new();
        for note in asides.notes {
            let saved = self.paragraphs;
            let mut blocks = Vec::new();
            self.block_content(note, depth + 1, 0, &mut blocks)?;
            self.paragraphs = saved;
            rest.extend(office::note_blocks(blocks, line));
        }
        for text_box in asides.text_boxes {
            self.block_content(text_box, depth + 1, 0, &mut rest)?;
        }
        Ok((block, rest))
    }
}

/// The text of a paragraph and of the spans, links and fields in it.
fn inline<'a, 'i>(
    styles: &StyleTable,
    node: Node<'a, 'i>,
    depth: usize,
    bold: bool,
    run: &mut TextRun,
    asides: &mut Asides<'a, 'i>,
) -> Result<(), ReadError> {
    office::within_nesting(depth, CONTENT)?;
    for c in node.children() {
        if c.is_text() {
            run.push(c.text().unwrap_or(""), bold);
            continue;
        }
        if !c.is_element() {
            continue;
        }
        let ns = c.tag_name().namespace();
        match (ns, c.tag_name().name()) {
            // Several spaces (`text:s text:c="3"`) collapse to one in a block.
            (Some(TEXT_NS), "s" | "tab" | "line-break") => run.push_char(' '),
            (Some(TEXT_NS), "note") => {
                if let Some(body) = c.children().find(|n| is_text(*n, "note-body")) {
                    asides.notes.push(body);
                }
            }
            (Some(TEXT_NS), "span") => {
                let style = text_attr(c, "style-name");
                let bold = styles.bold(style).unwrap_or(bold);
                inline(styles, c, depth + 1, bold, run, asides)?;
            }
            (Some(OFFICE_NS), _) | (Some(TEXT_NS), "soft-page-break" | "note-citation") => {}
            (Some(TEXT_NS), "change" | "change-start" | "change-end") => {}
            (Some(TEXT_NS), "ruby-text") => {}
            (Some(DRAW_NS), _) => find_text_boxes(c, depth + 1, asides),
            (Some(TEXT_NS), _) => inline(styles, c, depth + 1, bold, run, asides)?,
            _ => {}
        }
    }
    Ok(())
}

/// Text boxes (`draw:text-box`) in a frame.
fn find_text_boxes<'a, 'i>(node: Node<'a, 'i>, depth: usize, asides: &mut Asides<'a, 'i>) {
    if depth > office::MAX_NESTING {
        return;
    }
    if is_ns(node, DRAW_NS, "text-box") {
        asides.text_boxes.push(node);
        return;
    }
    for c in node.children().filter(Node::is_element) {
        find_text_boxes(c, depth + 1, asides);
    }
}
