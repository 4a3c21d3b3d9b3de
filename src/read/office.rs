//! What Word (`.docx`) and OpenDocument (`.odt`) files share: a ZIP
//! package of XML parts read in memory with bounded decompression, XML
//! parsed without DTDs (so without entity expansion), tables put in reading
//! order, and the warning about pending review marks.
//!
//! Lines: a word-processor document has no lines, so the `line` of each
//! block is its paragraph number: every paragraph of the body counts, in
//! document order, empty ones and those in table cells and text boxes
//! included. A footnote or endnote takes the number of the paragraph that
//! refers to it.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::Node;
use zip::ZipArchive;
use zip::result::ZipError;

use super::error::ReadError;
use super::{Block, BlockKind, MAX_INPUT_BYTES};
use crate::lang::{self, Meaning};
use crate::model::{Warning, WarningKind};

/// A ZIP package held in memory.
pub(crate) type Package<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Elements nested deeper than this are refused: real documents stay under
/// a few dozen, and the readers walk the tree recursively.
pub const MAX_NESTING: usize = 512;

/// A paragraph longer than this (in characters) is never a heading, even
/// when it is bold throughout.
pub(crate) const MAX_BOLD_HEADING_CHARS: usize = 200;

/// The word-processor document a ZIP archive holds, judged by its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PackageKind {
    Docx,
    Odt,
    /// A ZIP archive that is no text document (or cannot be opened).
    Other,
}

/// Judge a ZIP archive by its entries (only its directory is read).
pub(crate) fn package_kind(bytes: &[u8]) -> PackageKind {
    let Ok(zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return PackageKind::Other;
    };
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("word/document.xml") || (has("[Content_Types].xml") && has("_rels/.rels")) {
        PackageKind::Docx
    } else if has("content.xml") {
        PackageKind::Odt
    } else {
        PackageKind::Other
    }
}

/// Open the package, or say why it cannot be read.
pub(crate) fn open_package(bytes: &[u8]) -> Result<Package<'_>, ReadError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::DamagedZip {
        reason: e.to_string(),
    })
}

/// The error for a ZIP archive that holds no text document.
pub(crate) fn not_a_document(zip: &Package) -> ReadError {
    let mut names: Vec<String> = zip
        .file_names()
        .take(6)
        .map(|n| n.map_or_else(|_| "?".to_string(), |n| n.into_owned()))
        .collect();
    names.sort_unstable();
    let shown = if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    };
    ReadError::NotADocument { entries: shown }
}

/// The text of one part, or `None` when the package has no such part.
/// Decompression stops past [`MAX_INPUT_BYTES`], whatever size the archive
/// declares, so that a small ZIP bomb cannot exhaust memory.
pub(crate) fn read_part(zip: &mut Package, name: &str) -> Result<Option<String>, ReadError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged_part(name, &e.to_string())),
    };
    let limit = MAX_INPUT_BYTES;
    if file.size() > limit {
        return Err(too_large_part(name));
    }
    let capacity = usize::try_from(file.size()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| damaged_part(name, &e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(too_large_part(name));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Some(text.to_string())),
        Err(e) => Err(ReadError::PartNotUtf8 {
            part: name.to_string(),
            offset: e.valid_up_to(),
        }),
    }
}

fn damaged_part(name: &str, why: &str) -> ReadError {
    ReadError::DamagedPart {
        part: name.to_string(),
        reason: why.to_string(),
    }
}

fn too_large_part(name: &str) -> ReadError {
    ReadError::PartTooLarge {
        part: name.to_string(),
    }
}

/// Parse one XML part. DTDs are refused: a document part never has one,
/// and refusing them refuses entity expansion ("billion laughs") with them.
pub(crate) fn parse_xml<'a>(
    name: &str,
    text: &'a str,
) -> Result<roxmltree::Document<'a>, ReadError> {
    parse_xml_of(&format!("the part {name} of the document"), text)
}

/// [`parse_xml`], the messages naming the XML as `what`.
pub(crate) fn parse_xml_of<'a>(
    what: &str,
    text: &'a str,
) -> Result<roxmltree::Document<'a>, ReadError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => ReadError::XmlWithDtd {
            what: what.to_string(),
        },
        e => ReadError::XmlMalformed {
            what: what.to_string(),
            reason: e.to_string(),
        },
    })
}

/// A part's tree walked `depth` levels down: an error past [`MAX_NESTING`].
pub(crate) fn within_nesting(depth: usize, part: &str) -> Result<(), ReadError> {
    if depth > MAX_NESTING {
        return Err(ReadError::PartTooDeep {
            part: part.to_string(),
        });
    }
    Ok(())
}

/// What a paragraph referred to, handled after its text: its notes (as the
/// format names them) and its text boxes.
pub(crate) struct Asides<'a, 'i, N> {
    pub notes: Vec<N>,
    pub text_boxes: Vec<Node<'a, 'i>>,
}

impl<N> Default for Asides<'_, '_, N> {
    fn default() -> Self {
        Asides {
            notes: Vec::new(),
            text_boxes: Vec::new(),
        }
    }
}

/// The blocks of a note's body, as notes of the paragraph at `line`.
pub(crate) fn note_blocks(blocks: Vec<Block>, line: usize) -> impl Iterator<Item = Block> {
    blocks
        .into_iter()
        .map(move |b| Block::new(BlockKind::Note, b.text, line))
}

/// How far a chain of parent styles is followed (a loop stops there).
const MAX_STYLE_CHAIN: usize = 32;

/// What a paragraph style says, as far as reading needs, in either format.
#[derive(Debug, Default)]
pub(crate) struct Style {
    pub(crate) name: String,
    /// The style it inherits from (`w:basedOn`, `style:parent-style-name`).
    pub(crate) parent: Option<String>,
    pub(crate) outline: bool,
    pub(crate) bold: Option<bool>,
    /// List numbering (Word): `None` when the style says nothing,
    /// `Some(None)` when it removes numbering, `Some(Some(level))` when it numbers.
    pub(crate) numbering: Option<Option<usize>>,
}

/// Styles by their id (Word) or name (OpenDocument), each read through the
/// styles it inherits from.
#[derive(Debug, Default)]
pub(crate) struct StyleTable {
    pub(crate) by_id: HashMap<String, Style>,
}

impl StyleTable {
    /// The style and those it inherits from, nearest first.
    pub(crate) fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        std::iter::successors(id.and_then(|i| self.by_id.get(i)), |s| {
            s.parent.as_deref().and_then(|p| self.by_id.get(p))
        })
        .take(MAX_STYLE_CHAIN)
    }

    /// The style makes headings: an outline level, or a heading style's name.
    pub(crate) fn is_heading(&self, id: Option<&str>) -> bool {
        self.chain(id)
            .any(|s| s.outline || lang::is_heading_style_name(&s.name))
    }

    pub(crate) fn bold(&self, id: Option<&str>) -> Option<bool> {
        self.chain(id).find_map(|s| s.bold)
    }
}

/// Review marks left in a document: what was pending, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Review {
    pub insertions: usize,
    pub deletions: usize,
    pub comments: usize,
}

impl Review {
    /// The warning for the profile, when there was anything to accept.
    pub fn warning(&self) -> Option<Warning> {
        if *self == Review::default() {
            return None;
        }
        Some(Warning::general(WarningKind::ReviewMarks {
            insertions: self.insertions,
            deletions: self.deletions,
            comments: self.comments,
        }))
    }
}

/// A title from the document's properties, given to the recogniser as a
/// title candidate when no block of the text is a title.
pub(crate) fn property_title(
    blocks: &[Block],
    title: Option<&str>,
    part: &str,
) -> (Option<String>, Option<Warning>) {
    let Some(title) = title.map(|t| super::collapse_whitespace(t).into_owned()) else {
        return (None, None);
    };
    if title.is_empty() || blocks.iter().any(|b| lang::match_title(&b.text).is_some()) {
        return (None, None);
    }
    lang::match_title(&title).map_or((None, None), |_| {
        let warning = Warning::general(WarningKind::TitleFromProperties {
            title: title.clone(),
            part: part.to_string(),
        });
        (Some(title), Some(warning))
    })
}

/// The primary subtag of a language tag (`fr-FR` → `fr`), lowercased.
pub(crate) fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?;
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    ok.then(|| primary.to_ascii_lowercase())
}

/// One table: rows of cells, each cell the blocks read from it.
pub(crate) type Table = Vec<Vec<Vec<Block>>>;

/// Put a table's blocks in reading order.
///
/// A table whose first row holds list headings side by side (strengths
/// next to improvements) is read column by column. Otherwise it is read
/// row by row. In either layout, once a list heading has been read, the
/// plain paragraphs of the following cells are the items of that list
/// (one row or one cell per finding), until a domain heading; a cell
/// without a letter (an item number, a bullet) is a note beside them.
pub(crate) fn table_blocks(table: Table) -> Vec<Block> {
    let by_columns = table.first().is_some_and(|row| {
        let filled: Vec<&Vec<Block>> = row.iter().filter(|c| !c.is_empty()).collect();
        filled.len() >= 2
            && filled
                .iter()
                .all(|c| c.len() == 1 && is_list_heading(&c[0]))
    });
    let cells: Vec<Vec<Block>> = if by_columns {
        let width = table.iter().map(Vec::len).max().unwrap_or(0);
        let mut rows: Vec<std::vec::IntoIter<Vec<Block>>> =
            table.into_iter().map(Vec::into_iter).collect();
        let mut columns: Vec<Vec<Vec<Block>>> = vec![Vec::new(); width];
        for row in &mut rows {
            for column in columns.iter_mut() {
                if let Some(cell) = row.next() {
                    column.push(cell);
                }
            }
        }
        columns.into_iter().flatten().collect()
    } else {
        table.into_iter().flatten().collect()
    };
    let mut out = Vec::new();
    let mut in_list = false;
    for block in cells.into_iter().flatten() {
        match lang::match_heading(&block.text).map(|m| m.meaning) {
            Some(Meaning::List(_)) => {
                in_list = true;
                out.push(Block::new(BlockKind::Heading, block.text, block.line));
                continue;
            }
            Some(_) => in_list = false,
            None => {}
        }
        if in_list
            && block.kind == BlockKind::Paragraph
            && !block.text.chars().any(char::is_alphabetic)
        {
            // A column of item numbers or bullets: the mark, not an item.
            out.push(Block::new(BlockKind::Note, block.text, block.line));
        } else if in_list && block.kind == BlockKind::Paragraph {
            out.push(Block::new(
                BlockKind::ListItem { depth: 0 },
                block.text,
                block.line,
            ));
        } else {
            out.push(block);
        }
    }
    out
}

fn is_list_heading(block: &Block) -> bool {
    matches!(
        lang::match_heading(&block.text).map(|m| m.meaning),
        Some(Meaning::List(_))
    )
}

/// The kind of a paragraph from what its markup says.
pub(crate) fn paragraph_kind(
    heading_style: bool,
    list_depth: Option<usize>,
    all_bold: bool,
    text: &str,
) -> BlockKind {
    if heading_style {
        BlockKind::Heading
    } else if let Some(depth) = list_depth {
        BlockKind::ListItem { depth }
    } else if all_bold && text.chars().count() <= MAX_BOLD_HEADING_CHARS {
        BlockKind::Heading
    } else {
        BlockKind::Paragraph
    }
}

/// The text of a paragraph as it is gathered, with whether all of it is bold.
#[derive(Debug, Default)]
pub(crate) struct TextRun {
    pub text: String,
    /// Some non-blank text was outside bold / inside bold.
    pub plain: bool,
    pub bold: bool,
}

impl TextRun {
    pub(crate) fn push(&mut self, s: &str, bold: bool) {
        if s.chars().any(|c| !c.is_whitespace()) {
            if bold {
                self.bold = true;
            } else {
                self.plain = true;
            }
        }
        self.text.push_str(s);
    }

    pub(crate) fn push_char(&mut self, c: char) {
        self.text.push(c);
    }

    pub(crate) fn all_bold(&self) -> bool {
        self.bold && !self.plain
    }
}

/// An empty document: nothing to read.
pub(crate) fn empty_document(form: &'static str) -> ReadError {
    ReadError::EmptyDocument { form }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, line: usize) -> Block {
        Block::new(BlockKind::Paragraph, text, line)
    }

    #[test]
    fn side_by_side_lists_are_read_column_by_column() {
        let table = vec![
            vec![
                vec![item("Examples of well-developed areas", 1)],
                vec![item("Areas with potential for further development", 2)],
            ],
            vec![vec![item("S1", 3)], vec![item("I1", 4)]],
            vec![vec![item("S2", 5)], vec![]],
        ];
        let blocks = table_blocks(table);
        let texts: Vec<(&str, BlockKind)> =
            blocks.iter().map(|b| (b.text.as_str(), b.kind)).collect();
        let item = BlockKind::ListItem { depth: 0 };
        assert_eq!(
            texts,
            [
                ("Examples of well-developed areas", BlockKind::Heading),
                ("S1", item),
                ("S2", item),
                (
                    "Areas with potential for further development",
                    BlockKind::Heading
                ),
                ("I1", item),
            ]
        );
    }

    #[test]
    fn a_row_per_finding_with_its_number_gives_items() {
        let table = vec![
            vec![vec![item(
                "Areas with potential for further development:",
                1,
            )]],
            vec![vec![item("1.", 2)], vec![item("I1", 3)]],
            vec![vec![item("2.", 4)], vec![item("I2", 5)]],
        ];
        let kinds: Vec<BlockKind> = table_blocks(table).iter().map(|b| b.kind).collect();
        let item = BlockKind::ListItem { depth: 0 };
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Note,
                item,
                BlockKind::Note,
                item
            ]
        );
    }

    #[test]
    fn other_tables_are_read_row_by_row_as_paragraphs() {
        let table = vec![
            vec![vec![item("Name", 1)], vec![item("Value", 2)]],
            vec![vec![item("a", 3)], vec![item("b", 4)]],
        ];
        let blocks = table_blocks(table);
        assert!(blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Name", "Value", "a", "b"]);
    }

    #[test]
    fn review_warning_counts_what_was_pending() {
        assert_eq!(Review::default().warning(), None);
        let w = Review {
            insertions: 2,
            deletions: 1,
            comments: 0,
        }
        .warning()
        .unwrap();
        assert!(
            w.message.starts_with(
                "the document holds review marks (2 pending insertions, 1 pending deletion): "
            ),
            "{}",
            w.message
        );
    }

    #[test]
    fn dtd_is_refused() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>";
        let e = parse_xml("word/document.xml", bomb).unwrap_err();
        assert!(matches!(e, ReadError::XmlWithDtd { .. }), "{e}");
        assert!(e.to_string().contains("declares a DTD"), "{e}");
    }
}
