//! Word documents (`.docx`, Office Open XML) into blocks.
//!
//! * Headings: paragraphs whose style (or a style it is based on) has an
//!   outline level or a heading style name (`heading 1`, `Titre 1`,
//!   `Título 1`: see `lang`), paragraphs with an outline level of their
//!   own, and short paragraphs bold throughout.
//! * Lists: paragraphs numbered by `w:numPr` (their own or their style's);
//!   `w:ilvl` is the depth. The glyph lives in the numbering definitions
//!   and never reaches the text.
//! * Runs: text, tabs, breaks, non-breaking hyphens, `w:sym` symbols, the
//!   shown result of fields (never their instruction), hyperlinks' text.
//! * Review: the text as it reads with every change accepted (`w:ins` and
//!   `w:moveTo` kept, `w:del` and `w:moveFrom` dropped, a deleted paragraph
//!   mark joins two paragraphs); comments are not read. The counts go in
//!   one warning.
//! * Footnotes and endnotes: notes, after the paragraph that refers to them.
//! * Tables and text boxes: in reading order (see `office::table_blocks`).
//!
//! Lines are paragraph numbers (see `office`).

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use super::error::ReadError;
use super::office::{self, Package, Review, Style, StyleTable, TextRun};
use super::{Block, BlockKind, Document, collapse_whitespace};

/// The part a package names as its main document when it says nothing.
const DEFAULT_MAIN: &str = "word/document.xml";

/// Read a `.docx`. The error is a message for the user.
pub(crate) fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = office::open_package(bytes)?;
    let parts = Parts::read(&mut zip)?;
    let main = office::parse_xml(&parts.main_name, &parts.main)?;
    let styles = match &parts.styles {
        Some(text) => Styles::from_xml(&office::parse_xml("word/styles.xml", text)?),
        None => Styles::default(),
    };
    let footnotes = parse_optional("word/footnotes.xml", parts.footnotes.as_deref())?;
    let endnotes = parse_optional("word/endnotes.xml", parts.endnotes.as_deref())?;
    let comments = parse_optional("word/comments.xml", parts.comments.as_deref())?;
    let core = parse_optional("docProps/core.xml", parts.core.as_deref())?;

    let mut notes = Notes::default();
    for doc in [&footnotes, &endnotes].into_iter().flatten() {
        notes.add(doc);
    }
    let body = main
        .root_element()
        .children()
        .find(|n| is_w(*n, "body"))
        .ok_or_else(|| ReadError::NoWordBody {
            part: parts.main_name.clone(),
        })?;
    let mut walker = Walker::new(&styles, &notes, &parts.main_name);
    let mut blocks = Vec::new();
    walker.block_content(body, 0, &mut blocks)?;
    walker.flush_carry(&mut blocks);
    walker.unreferenced_notes(&mut blocks)?;
    if blocks.is_empty() {
        return Err(office::empty_document("Word"));
    }
    walker.review.comments = comments.as_ref().map_or(0, |c| {
        c.root_element()
            .children()
            .filter(|n| is_w(*n, "comment"))
            .count()
    });
    let mut warnings: Vec<_> = walker.review.warning().into_iter().collect();
    let core_title = core.as_ref().and_then(|c| {
        c.root_element()
            .children()
            .find(|n| n.tag_name().name() == "title")
            .and_then(|n| n.text())
    });
    let (title, warning) = office::property_title(&blocks, core_title, "docProps/core.xml");
    warnings.extend(warning);
    let core_language = core.as_ref().and_then(|c| {
        c.root_element()
            .children()
            .find(|n| n.tag_name().name() == "language")
            .and_then(|n| n.text())
    });
    Ok(Document {
        blocks,
        declared_language: core_language
            .or(styles.language.as_deref())
            .and_then(office::primary_language),
        running_header: title,
        warnings,
        ..Document::default()
    })
}

fn parse_optional<'a>(
    name: &str,
    text: Option<&'a str>,
) -> Result<Option<roxmltree::Document<'a>>, ReadError> {
    text.map(|t| office::parse_xml(name, t)).transpose()
}

/// The XML parts of the package that are read.
struct Parts {
    main_name: String,
    main: String,
    styles: Option<String>,
    footnotes: Option<String>,
    endnotes: Option<String>,
    comments: Option<String>,
    core: Option<String>,
}

impl Parts {
    fn read(zip: &mut Package) -> Result<Parts, ReadError> {
        let package_rels = relationships(zip, "_rels/.rels", "")?;
        let main_name = package_rels
            .get("officeDocument")
            .cloned()
            .unwrap_or_else(|| DEFAULT_MAIN.to_string());
        let main = office::read_part(zip, &main_name)?
            .or(if main_name == DEFAULT_MAIN {
                None
            } else {
                office::read_part(zip, DEFAULT_MAIN)?
            })
            .ok_or_else(|| {
                if zip.index_for_name("[Content_Types].xml").is_some() {
                    ReadError::NoWordMainPart {
                        part: main_name.clone(),
                    }
                } else {
                    office::not_a_document(zip)
                }
            })?;
        let (dir, file) = main_name.rsplit_once('/').unwrap_or(("", &main_name));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let rels = relationships(zip, &rels_name, dir)?;
        let mut part = |kind: &str, fallback: &str| -> Result<Option<String>, ReadError> {
            let name = rels.get(kind).map_or(fallback, String::as_str);
            office::read_part(zip, name)
        };
        Ok(Parts {
            styles: part("styles", "word/styles.xml")?,
            footnotes: part("footnotes", "word/footnotes.xml")?,
            endnotes: part("endnotes", "word/endnotes.xml")?,
            comments: part("comments", "word/comments.xml")?,
            core: {
                let name = package_rels
                    .get("core-properties")
                    .map_or("docProps/core.xml", String::as_str);
                office::read_part(zip, name)?
            },
            main_name,
            main,
        })
    }
}

/// The relationships of a part: the last word of each type
/// (`…/officeDocument`, `…/styles`) → the part it names, resolved from `dir`.
fn relationships(
    zip: &mut Package,
    rels_name: &str,
    dir: &str,
) -> Result<HashMap<String, String>, ReadError> {
    let Some(text) = office::read_part(zip, rels_name)? else {
        return Ok(HashMap::new());
    };
    let doc = office::parse_xml(rels_name, &text)?;
    let mut out = HashMap::new();
    for rel in doc
        .root_element()
        .children()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        if rel.attribute("TargetMode") == Some("External") {
            continue;
        }
        let (Some(kind), Some(target)) = (rel.attribute("Type"), rel.attribute("Target")) else {
            continue;
        };
        let kind = kind.rsplit('/').next().unwrap_or(kind);
        out.entry(kind.to_string())
            .or_insert_with(|| resolve_target(dir, target));
    }
    Ok(out)
}

/// A relationship's target as a part name: absolute (`/word/x.xml`) or
/// relative to `dir`, with `..` resolved.
fn resolve_target(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Whether `node` is the WordprocessingML element `name` (transitional or
/// strict namespace).
fn is_w(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|ns| ns.contains("wordprocessingml"))
}

/// An attribute by its local name (`w:val` → `val`).
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is_w(*n, name))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on_off(node: Node) -> bool {
    !matches!(attr(node, "val"), Some("0" | "false" | "off" | "none"))
}

/// The styles of a Word document, and which applies when a paragraph names none.
#[derive(Debug, Default)]
struct Styles {
    table: StyleTable,
    default_paragraph: Option<String>,
    /// The language of the document defaults (`w:docDefaults`).
    language: Option<String>,
}

impl Styles {
    fn from_xml(doc: &roxmltree::Document) -> Styles {
        let mut styles = Styles {
            language: doc
                .descendants()
                .find(|n| is_w(*n, "docDefaults"))
                .and_then(|d| d.descendants().find(|n| is_w(*n, "lang")))
                .and_then(|n| attr(n, "val"))
                .map(str::to_string),
            ..Styles::default()
        };
        for s in doc.root_element().children().filter(|n| is_w(*n, "style")) {
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            let ppr = child(s, "pPr");
            let style = Style {
                name: child(s, "name")
                    .and_then(|n| attr(n, "val"))
                    .unwrap_or(id)
                    .to_string(),
                parent: child(s, "basedOn")
                    .and_then(|n| attr(n, "val"))
                    .map(str::to_string),
                outline: ppr
                    .and_then(|p| child(p, "outlineLvl"))
                    .is_some_and(is_outline),
                bold: child(s, "rPr").and_then(|r| child(r, "b")).map(on_off),
                numbering: ppr.and_then(|p| child(p, "numPr")).map(numbering),
            };
            if attr(s, "type") == Some("paragraph") && attr(s, "default").is_some_and(|d| d == "1")
            {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.table.by_id.insert(id.to_string(), style);
        }
        styles
    }

    /// The style a paragraph has: its own, or the default paragraph style.
    fn of<'s>(&'s self, id: Option<&'s str>) -> Option<&'s str> {
        id.or(self.default_paragraph.as_deref())
    }

    fn is_heading(&self, id: Option<&str>) -> bool {
        self.table.is_heading(self.of(id))
    }

    fn bold(&self, id: Option<&str>) -> Option<bool> {
        self.table.bold(self.of(id))
    }

    fn numbering(&self, id: Option<&str>) -> Option<usize> {
        self.table
            .chain(self.of(id))
            .find_map(|s| s.numbering)
            .flatten()
    }
}

/// An outline level 0–8 makes a heading (9 is body text).
fn is_outline(node: Node) -> bool {
    attr(node, "val")
        .and_then(|v| v.parse::<u8>().ok())
        .is_some_and(|l| l < 9)
}

/// `w:numPr`: the level when it numbers, `None` when `numId` is 0.
fn numbering(num_pr: Node) -> Option<usize> {
    let num_id = child(num_pr, "numId").and_then(|n| attr(n, "val"));
    if num_id.is_some_and(|id| id.trim() == "0") {
        return None;
    }
    let level = child(num_pr, "ilvl")
        .and_then(|n| attr(n, "val"))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    Some(level.min(8))
}

/// Footnotes and endnotes by id, in the order of their parts.
#[derive(Default)]
struct Notes<'a, 'i> {
    in_order: Vec<(NoteKey, Node<'a, 'i>)>,
    by_key: HashMap<NoteKey, usize>,
}

type NoteKey = (&'static str, String);

impl<'a, 'i> Notes<'a, 'i> {
    fn add(&mut self, doc: &'a roxmltree::Document<'i>) {
        for n in doc.root_element().children().filter(Node::is_element) {
            let kind = match n.tag_name().name() {
                "footnote" => "footnote",
                "endnote" => "endnote",
                _ => continue,
            };
            // Separators are layout, not notes.
            if attr(n, "type").is_some_and(|t| t != "normal") {
                continue;
            }
            if let Some(id) = attr(n, "id") {
                let key = (kind, id.to_string());
                self.by_key
                    .entry(key.clone())
                    .or_insert(self.in_order.len());
                self.in_order.push((key, n));
            }
        }
    }

    fn get(&self, key: &NoteKey) -> Option<Node<'a, 'i>> {
        self.by_key.get(key).map(|&i| self.in_order[i].1)
    }
}

/// What a paragraph's own properties say.
struct ParagraphProps<'a> {
    style: Option<&'a str>,
    outline: bool,
    numbering: Option<Option<usize>>,
    mark_deleted: bool,
    mark_inserted: bool,
}

impl<'a> ParagraphProps<'a> {
    fn of(p: Node<'a, '_>) -> ParagraphProps<'a> {
        let ppr = child(p, "pPr");
        let mark = ppr.and_then(|p| child(p, "rPr"));
        ParagraphProps {
            style: ppr
                .and_then(|p| child(p, "pStyle"))
                .and_then(|n| attr(n, "val")),
            outline: ppr
                .and_then(|p| child(p, "outlineLvl"))
                .is_some_and(is_outline),
            numbering: ppr.and_then(|p| child(p, "numPr")).map(numbering),
            mark_deleted: mark.is_some_and(|m| child(m, "del").is_some()),
            mark_inserted: mark.is_some_and(|m| child(m, "ins").is_some()),
        }
    }
}

/// What a paragraph's runs referred to: its notes are their keys.
type Asides<'a, 'i> = office::Asides<'a, 'i, NoteKey>;

struct Walker<'s, 'a, 'i> {
    styles: &'s Styles,
    notes: &'s Notes<'a, 'i>,
    part: &'s str,
    paragraphs: usize,
    review: Review,
    /// Open complex fields: whether each has reached its shown result.
    fields: Vec<bool>,
    /// A paragraph whose mark was deleted: its text joins the next one.
    carry: Option<(TextRun, usize)>,
    referenced: HashSet<NoteKey>,
    in_note: bool,
}

impl<'s, 'a, 'i> Walker<'s, 'a, 'i> {
    fn new(styles: &'s Styles, notes: &'s Notes<'a, 'i>, part: &'s str) -> Self {
        Walker {
            styles,
            notes,
            part,
            paragraphs: 0,
            review: Review::default(),
            fields: Vec::new(),
            carry: None,
            referenced: HashSet::new(),
            in_note: false,
        }
    }

    /// Paragraphs and tables of a body, cell, note or text box.
    fn block_content(
        &mut self,
        node: Node<'a, 'i>,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        office::within_nesting(depth, self.part)?;
        for c in node.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "p" if is_w(c, "p") => self.paragraph(c, depth, out)?,
                "tbl" if is_w(c, "tbl") => self.table(c, depth, out)?,
                "ins" | "moveTo" if is_w(c, c.tag_name().name()) => {
                    self.review.insertions += 1;
                    self.block_content(c, depth + 1, out)?;
                }
                "del" | "moveFrom" if is_w(c, c.tag_name().name()) => {
                    self.review.deletions += 1;
                }
                "sdt" | "sdtContent" | "customXml" => self.block_content(c, depth + 1, out)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn table(
        &mut self,
        tbl: Node<'a, 'i>,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        let mut rows = Vec::new();
        for tr in tbl.children().filter(|n| is_w(*n, "tr")) {
            let mut row = Vec::new();
            for tc in tr.children().filter(|n| is_w(*n, "tc")) {
                let mut cell = Vec::new();
                self.block_content(tc, depth + 1, &mut cell)?;
                row.push(cell);
            }
            rows.push(row);
        }
        out.extend(office::table_blocks(rows));
        Ok(())
    }

    fn paragraph(
        &mut self,
        p: Node<'a, 'i>,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        self.paragraphs += 1;
        let line = self.paragraphs;
        let props = ParagraphProps::of(p);
        let style_bold = self.styles.bold(props.style).unwrap_or(false);
        let (mut run, start) = self.carry.take().unwrap_or((TextRun::default(), line));
        let mut asides = Asides::default();
        self.inline(p, depth + 1, style_bold, &mut run, &mut asides)?;
        // A field's instruction never runs on past its paragraph.
        while self.fields.last() == Some(&false) {
            self.fields.pop();
        }
        if props.mark_inserted {
            self.review.insertions += 1;
        }
        if props.mark_deleted {
            self.review.deletions += 1;
            self.carry = Some((run, start));
        } else {
            let text = collapse_whitespace(&run.text);
            if !text.is_empty() {
                let heading = props.outline || self.styles.is_heading(props.style);
                let list = props
                    .numbering
                    .unwrap_or_else(|| self.styles.numbering(props.style));
                let kind = office::paragraph_kind(heading, list, run.all_bold(), &text);
                out.push(Block::spanning(kind, text, start, line));
            }
        }
        for key in asides.notes {
            self.note(key, start, depth, out)?;
        }
        for text_box in asides.text_boxes {
            self.block_content(text_box, depth + 1, out)?;
        }
        Ok(())
    }

    /// A paragraph left open by a deleted mark at the end of the body.
    fn flush_carry(&mut self, out: &mut Vec<Block>) {
        if let Some((run, line)) = self.carry.take() {
            let text = collapse_whitespace(&run.text);
            if !text.is_empty() {
                out.push(Block::new(BlockKind::Paragraph, text, line));
            }
        }
    }

    /// A footnote's or endnote's paragraphs, as notes at `line`.
    fn note(
        &mut self,
        key: NoteKey,
        line: usize,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> Result<(), ReadError> {
        let Some(node) = self.notes.get(&key) else {
            return Ok(());
        };
        if !self.referenced.insert(key) {
            return Ok(());
        }
        let (saved, saved_carry) = (self.paragraphs, self.carry.take());
        self.in_note = true;
        let mut blocks = Vec::new();
        let result = self.block_content(node, depth + 1, &mut blocks);
        self.flush_carry(&mut blocks);
        self.in_note = false;
        self.paragraphs = saved;
        self.carry = saved_carry;
        result?;
        out.extend(office::note_blocks(blocks, line));
        Ok(())
    }

    /// Notes that no paragraph refers to: kept as notes at the end.
    fn unreferenced_notes(&mut self, out: &mut Vec<Block>) -> Result<(), ReadError> {
        let line = self.paragraphs.max(1);
        let keys: Vec<NoteKey> = self.notes.in_order.iter().map(|(k, _)| k.clone()).collect();
        for key in keys {
            self.note(key, line, 0, out)?;
        }
        Ok(())
    }

    /// The runs of a paragraph (and of hyperlinks, fields, insertions … in it).
    fn inline(
        &mut self,
        node: Node<'a, 'i>,
        depth: usize,
        bold: bool,
        run: &mut TextRun,
        asides: &mut Asides<'a, 'i>,
    ) -> Result<(), ReadError> {
        office::within_nesting(depth, self.part)?;
        for c in node.children().filter(Node::is_element) {
            let name = c.tag_name().name();
            if name == "AlternateContent" {
                // The first choice; the fallback repeats it for old readers.
                if let Some(choice) = c.children().find(Node::is_element) {
                    self.inline(choice, depth + 1, bold, run, asides)?;
                }
                continue;
            }
            if !is_w(c, name) {
                continue;
            }
            match name {
                "r" => self.run(c, depth + 1, bold, run, asides)?,
                "ins" | "moveTo" => {
                    self.review.insertions += 1;
                    self.inline(c, depth + 1, bold, run, asides)?;
                }
                "del" | "moveFrom" => self.review.deletions += 1,
                "hyperlink" | "smartTag" | "customXml" | "sdt" | "sdtContent" | "fldSimple"
                | "dir" | "bdo" => self.inline(c, depth + 1, bold, run, asides)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn run(
        &mut self,
        r: Node<'a, 'i>,
        depth: usize,
        paragraph_bold: bool,
        run: &mut TextRun,
        asides: &mut Asides<'a, 'i>,
    ) -> Result<(), ReadError> {
        let rpr = child(r, "rPr");
        let bold = rpr
            .and_then(|p| child(p, "b"))
            .map(on_off)
            .or_else(|| {
                let style = rpr
                    .and_then(|p| child(p, "rStyle"))
                    .and_then(|n| attr(n, "val"));
                style.and_then(|s| self.styles.bold(Some(s)))
            })
            .unwrap_or(paragraph_bold);
        let shown = |fields: &[bool]| fields.iter().all(|&result| result);
        for c in r.children().filter(Node::is_element) {
            let name = c.tag_name().name();
            if name == "AlternateContent" {
                if let Some(choice) = c.children().find(Node::is_element) {
                    find_text_boxes(choice, depth + 1, &mut asides.text_boxes);
                }
                continue;
            }
            if !is_w(c, name) {
                continue;
            }
            match name {
                "t" if shown(&self.fields) => run.push(c.text().unwrap_or(""), bold),
                "tab" | "ptab" | "br" | "cr" if shown(&self.fields) => run.push_char(' '),
                "noBreakHyphen" if shown(&self.fields) => run.push("-", bold),
                "sym" if shown(&self.fields) => {
                    if let Some(ch) = attr(c, "char").and_then(symbol) {
                        run.push(ch.encode_utf8(&mut [0; 4]), bold);
                    }
                }
                "fldChar" => match attr(c, "fldCharType") {
                    Some("begin") => self.fields.push(false),
                    Some("separate") => {
                        if let Some(top) = self.fields.last_mut() {
                            *top = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "footnoteReference" | "endnoteReference" if !self.in_note => {
                    let kind = if name == "footnoteReference" {
                        "footnote"
                    } else {
                        "endnote"
                    };
                    if let Some(id) = attr(c, "id") {
                        asides.notes.push((kind, id.to_string()));
                    }
                }
                "drawing" | "pict" | "object" => {
                    find_text_boxes(c, depth + 1, &mut asides.text_boxes);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The outermost text boxes (`w:txbxContent`) in a drawing, taking only the
/// first choice of each `mc:AlternateContent`.
fn find_text_boxes<'a, 'i>(node: Node<'a, 'i>, depth: usize, out: &mut Vec<Node<'a, 'i>>) {
    if depth > office::MAX_NESTING {
        return;
    }
    for c in node.children().filter(Node::is_element) {
        if is_w(c, "txbxContent") {
            out.push(c);
        } else if c.tag_name().name() == "AlternateContent" {
            if let Some(choice) = c.children().find(Node::is_element) {
                find_text_boxes(choice, depth + 1, out);
            }
        } else {
            find_text_boxes(c, depth + 1, out);
        }
    }
}

/// The character of a `w:sym`: its code, with the private-use offset of
/// symbol fonts (U+F0xx) mapped back where the character is a common one.
fn symbol(code: &str) -> Option<char> {
    let n = u32::from_str_radix(code.trim(), 16).ok()?;
    let n = if (0xF000..=0xF0FF).contains(&n) {
        match n - 0xF000 {
            0xB7 => 0x2022, // bullet
            0xB0 => 0xB0,   // degree
            0xB1 => 0xB1,   // plus-minus
            0xD7 => 0xD7,   // multiplication
            0xA3 => 0x2264, // less or equal
            0xB3 => 0x2265, // greater or equal
            0xAE => 0x2192, // right arrow
            0x20..=0x7E => n - 0xF000,
            _ => n,
        }
    } else {
        n
    };
    char::from_u32(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve_target("word/sub", "../a.xml"), "word/a.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn symbols_map_back_from_private_use() {
        assert_eq!(symbol("F0B7"), Some('•'));
        assert_eq!(symbol("2013"), Some('–'));
        assert_eq!(symbol("zz"), None);
    }
}
