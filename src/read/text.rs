//! Plain text copied from a web page into blocks.
//!
//! Web copies put each paragraph and each heading on a line of its own, and
//! bullets as `•`, `-`, `*`, `–`, numbers, possibly indented. A bullet wrapped
//! over several lines continues on lines that are indented or start in lower
//! case; anything else starts a new block.
//!
//! The text is made NFC and zero-width characters are removed before it is
//! split ([`super::prepare_text`]). The reader makes one pass over the text:
//! its time and memory are linear in the size of the input, whatever the
//! length of its lines.

use std::sync::LazyLock;

use regex::Regex;

use super::{Block, BlockKind, Document, collapse_whitespace, prepare_text};

/// A bullet mark at the start of a line: a glyph followed by a space, or a
/// number/letter followed by `.` or `)` and a space.
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[•●◦▪▫■□‣⁃·∙○◆◇►▶➢✓✔\-\*–—]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])(?:\s+|$)")
        .expect("valid regex")
});

/// Split text into lines, accepting `\n`, `\r\n` and a lone `\r`.
pub fn lines(text: &str) -> Vec<&str> {
    if !text.contains('\r') {
        let mut out: Vec<&str> = text.split('\n').collect();
        // A final line break ends the last line; it opens no other.
        if out.last() == Some(&"") {
            out.pop();
        }
        return out;
    }
    let mut out = Vec::new();
    // `split` and `find` of one character search with memchr.
    let mut pieces = text.split('\n').peekable();
    while let Some(piece) = pieces.next() {
        if piece.is_empty() && pieces.peek().is_none() {
            break;
        }
        // A `\r` before `\n`, or ending the text, ends the line; any other
        // `\r` ends one too.
        let mut rest = piece.strip_suffix('\r').unwrap_or(piece);
        while let Some(i) = rest.find('\r') {
            out.push(&rest[..i]);
            rest = &rest[i + 1..];
        }
        out.push(rest);
    }
    out
}

/// Width of the leading whitespace of a line, tabs counting 4.
fn indent_of(line: &str) -> usize {
    let mut w = 0;
    for c in line.chars() {
        match c {
            '\t' => w += 4,
            c if c.is_whitespace() => w += 1,
            _ => break,
        }
    }
    w
}

/// If `line` (without its indentation) starts with a bullet mark, the text after it.
pub(crate) fn strip_bullet(line: &str) -> Option<&str> {
    let m = BULLET.find(line)?;
    Some(&line[m.end()..])
}

/// The open bullet the next lines may continue.
struct OpenBullet {
    /// Index of its block.
    block: usize,
    /// Indentation of its mark, and of its text (where wrapped lines start).
    indent: usize,
    text_column: usize,
    /// Nesting depth (0 for the outermost list).
    depth: usize,
    /// The line before was part of it (no blank line since).
    adjacent: bool,
}

/// The depth of a bullet at `indent`, given the indentation of the open
/// bullets (outermost first), which it updates.
fn depth_at(indents: &mut Vec<usize>, indent: usize) -> usize {
    while indents.last().is_some_and(|&top| top > indent) {
        indents.pop();
    }
    if indents.last() != Some(&indent) {
        indents.push(indent);
    }
    indents.len() - 1
}

/// Read web text into blocks. The text is made NFC and freed of zero-width
/// characters first ([`prepare_text`]): the blocks, and so the findings, are
/// NFC whatever the input's normalisation.
///
/// Every line that is not blank ends in a block (`line..=last_line`): a
/// wrapped line is joined to the bullet above when its indentation or its
/// first letter says so, and is otherwise a paragraph marked
/// [`Block::may_continue`] for the recogniser to decide.
pub(crate) fn read_text(text: &str) -> Document {
    let text = prepare_text(text);
    let mut blocks: Vec<Block> = Vec::new();
    // Indentation of the open bullets, outermost first, to compute depth.
    let mut indents: Vec<usize> = Vec::new();
    let mut open: Option<OpenBullet> = None;
    // The line before was a paragraph line (not blank, not a bullet).
    let mut after_paragraph_line = false;

    for (i, raw) in lines(&text).into_iter().enumerate() {
        let line_no = i + 1;
        let raw = raw.trim_end_matches('\u{0c}');
        let trimmed = raw.trim();
        let more = collapse_whitespace(trimmed);
        if more.is_empty() {
            // A bullet mark alone keeps waiting for its text across blank lines.
            if let Some(o) = open.as_mut()
                && !blocks[o.block].text.is_empty()
            {
                o.adjacent = false;
            }
            after_paragraph_line = false;
            continue;
        }
        let indent = indent_of(raw);
        if let Some(o) = open.as_mut()
            && continues_bullet(o, &blocks[o.block], trimmed, indent)
        {
            let block = &mut blocks[o.block];
            super::join_continuation(&mut block.text, &more);
            block.last_line = line_no;
            o.adjacent = true;
            continue;
        }
        // A nested list's mark: deeper than the open bullet's text, or a
        // sibling of an open nested item.
        let deeper = open.as_ref().filter(|o| {
            o.adjacent && (indent > o.text_column || (o.depth > 0 && indent == o.indent))
        });
        let mark = match deeper {
            Some(o) => bullet_mark(trimmed, Some(o)),
            None => strip_bullet(trimmed),
        };
        if let Some(rest) = mark {
            let depth = depth_at(&mut indents, indent);
            let text = collapse_whitespace(rest);
            let text_column = indent + trimmed.chars().count() - rest.trim_start().chars().count();
            open = Some(OpenBullet {
                block: blocks.len(),
                indent,
                text_column,
                depth,
                adjacent: true,
            });
            blocks.push(Block::new(BlockKind::ListItem { depth }, text, line_no));
            after_paragraph_line = false;
            continue;
        }
        // Only a line starting with `**` can be decorated.
        let decorated = more.starts_with("**").then(|| DECORATED.captures(&more));
        let mut block = match decorated.flatten() {
            Some(c) => Block::new(BlockKind::Heading, c[1].to_string(), line_no),
            None => Block::new(BlockKind::Paragraph, undecorate(&more), line_no),
        };
        // Right under a bullet, but neither indented nor in lower case: only
        // the recogniser can tell a heading from the rest of the bullet.
        block.may_continue = open.as_ref().is_some_and(|o| o.adjacent) || after_paragraph_line;
        open = None;
        indents.clear();
        blocks.push(block);
        after_paragraph_line = true;
    }
    Document {
        blocks,
        ..Document::default()
    }
}

/// Whether a line goes on the open bullet: its text when the mark stood
/// alone; a line right under it that is indented past the mark or starts
/// in lower case; a dash or star followed by one space at the column where
/// the bullet's wrapped lines start (a dash inside the sentence, where a
/// nested list's mark is followed by more spaces, as in `-   item`).
fn continues_bullet(o: &OpenBullet, bullet: &Block, trimmed: &str, indent: usize) -> bool {
    if bullet.text.is_empty() {
        return bullet_mark(trimmed, None).is_none();
    }
    if !o.adjacent {
        return false;
    }
    if bullet_mark(trimmed, Some(o)).is_some() {
        let weak = trimmed.starts_with(['-', '–', '—', '*']);
        let one_space = trimmed.chars().nth(1) == Some(' ') && trimmed.chars().nth(2) != Some(' ');
        return weak && one_space && indent == o.text_column && indent > o.indent;
    }
    indent > o.indent || trimmed.chars().next().is_some_and(char::is_lowercase)
}

/// The text after a bullet mark at the start of `trimmed`, if there is one.
/// `+` and `o` (the marks lynx and html2text give nested lists) count only
/// deeper than the text of the open bullet: elsewhere they start words or
/// sums.
fn bullet_mark<'a>(trimmed: &'a str, open: Option<&OpenBullet>) -> Option<&'a str> {
    if let Some(rest) = strip_bullet(trimmed) {
        return Some(rest);
    }
    let nested = NESTED_BULLET.find(trimmed)?;
    let _ = open?;
    Some(&trimmed[nested.end()..])
}

/// Marks of nested lists in text dumps: lynx's `+`, html2text's `o`.
static NESTED_BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+o]\s+").expect("valid regex"));

/// One end of an html2text heading wrapped over lines: `****** Profil …`
/// on the first line, `… (2021) ******` on the last.
fn undecorate(line: &str) -> String {
    let t = line.trim();
    let t = match t.strip_prefix("**") {
        Some(rest) if rest.trim_start_matches('*').starts_with(' ') => rest.trim_start_matches('*'),
        _ => t,
    };
    let t = match t.strip_suffix("**") {
        Some(rest) if rest.trim_end_matches('*').ends_with(' ') => rest.trim_end_matches('*'),
        _ => t,
    };
    t.trim().to_string()
}

/// A heading as html2text decorates it: `**** Partnerships ****`.
static DECORATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*{2,}\s*(.*?)\s*\*{2,}$").expect("valid regex"));

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str, usize)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.line))
            .collect()
    }

    #[test]
    fn splits_every_line_ending() {
        assert_eq!(lines("a\r\nb\rc\nd"), vec!["a", "b", "c", "d"]);
        assert_eq!(lines("a\n\nb\n"), vec!["a", "", "b"]);
        assert_eq!(lines("a\r\r\nb\r"), vec!["a", "", "b"]);
        assert_eq!(lines("a\n\r"), vec!["a", ""]);
        assert!(lines("").is_empty());
        assert_eq!(lines("a\n\n"), vec!["a", ""]);
        assert_eq!(lines("\n"), vec![""]);
        assert_eq!(lines("a\nb"), vec!["a", "b"]);
    }

    #[test]
    fn bullets_of_every_kind() {
        let doc = read_text("Head\n  • one\n- two\n* three\n– four\n1. five\n2) six\n");
        let k = kinds(&doc);
        assert_eq!(k[0], (BlockKind::Paragraph, "Head", 1));
        let items: Vec<&str> = k[1..].iter().map(|x| x.1).collect();
        assert_eq!(items, ["one", "two", "three", "four", "five", "six"]);
        assert!(
            k[1..]
                .iter()
                .all(|x| matches!(x.0, BlockKind::ListItem { .. }))
        );
    }

    #[test]
    fn wrapped_bullet_is_one_block() {
        let doc = read_text("  • The law\n    guarantees rights\n  to all.\nKey findings\n");
        let k = kinds(&doc);
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].1, "The law guarantees rights to all.");
        assert_eq!(k[0].2, 1);
        assert_eq!(k[1], (BlockKind::Paragraph, "Key findings", 4));
    }

    #[test]
    fn nesting_depth_from_indentation() {
        let doc = read_text("• a\n    • b\n• c\n");
        let depths: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            depths,
            [
                BlockKind::ListItem { depth: 0 },
                BlockKind::ListItem { depth: 1 },
                BlockKind::ListItem { depth: 0 }
            ]
        );
    }

    #[test]
    fn year_lines_and_wheel_indexes_are_not_bullets() {
        let doc = read_text("2021 Septembre\n1: Droits des migrants\n");
        assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }
}
