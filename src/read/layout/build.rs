//! Lines in reading order → blocks: headings by size and weight, list
//! items by glyph or hanging indentation, paragraphs, text that goes on
//! over a column or a page; furniture and footnotes as notes.

use std::collections::{HashMap, HashSet};

use super::furniture::Aside;
use super::lines::Line;
use crate::read::hyphen::{self, Evidence, KeepAll};
use crate::read::{Block, BlockKind, Document, collapse_whitespace};

/// Lines set at least this much larger than the body text are headings.
const HEADING_RATIO: f64 = 1.12;

/// Indentation, as a share of the body size, that makes a list item.
const INDENT: f64 = 0.8;

/// Left edges closer than this (points) are the same edge.
const SAME_EDGE: f64 = 2.5;

struct PageParts {
    asides: Vec<(Line, Aside)>,
    content: Vec<(Line, (f64, f64))>,
    height: f64,
}

/// The block being built.
struct Open {
    kind: BlockKind,
    text: String,
    line: usize,
    last_line: usize,
    /// Left edge of the text of its continuation lines.
    text_left: f64,
    last: Line,
    last_column: (f64, f64),
    lines: usize,
}

pub(crate) struct Builder {
    body: f64,
    /// Line ends never break words (browsers do not hyphenate).
    keep_hyphens: bool,
    pages: Vec<PageParts>,
}

/// Document-wide measures the page walk needs.
struct Measures {
    heading_lefts: Vec<f64>,
    /// Each column position (left and right bounds) and the right edge of
    /// its lines over the whole document.
    column_rights: Vec<((f64, f64), f64)>,
    lexicon: Lexicon,
}

impl Builder {
    pub(crate) fn new(body: f64, keep_hyphens: bool) -> Self {
        Builder {
            body,
            keep_hyphens,
            pages: Vec::new(),
        }
    }

    pub(crate) fn page(
        &mut self,
        asides: &[(Line, Aside)],
        content: Vec<(Line, (f64, f64))>,
        height: f64,
    ) {
        self.pages.push(PageParts {
            asides: asides.to_vec(),
            content,
            height,
        });
    }

    fn is_heading(&self, l: &Line) -> bool {
        l.glyph.is_none()
            && !is_lone_number(&l.text)
            && (l.size >= HEADING_RATIO * self.body || l.bold)
    }

    fn measures(&self) -> Measures {
        let mut heading_lefts: Vec<f64> = Vec::new();
        let mut column_rights: Vec<((f64, f64), f64)> = Vec::new();
        let mut all = String::new();
        for (l, col) in self.pages.iter().flat_map(|p| &p.content) {
            if self.is_heading(l) && !heading_lefts.iter().any(|x| (x - l.x0).abs() < SAME_EDGE) {
                heading_lefts.push(l.x0);
            }
            match column_rights.iter_mut().find(|c| same_column(c.0, *col)) {
                Some(c) => c.1 = c.1.max(l.x1),
                None => column_rights.push((*col, l.x1)),
            }
            all.push_str(&l.text);
            all.push(' ');
        }
        Measures {
            heading_lefts,
            column_rights,
            lexicon: Lexicon::of(&all),
        }
    }

    pub(crate) fn finish(self) -> Document {
        let m = self.measures();
        let mut walk = Walk {
            b: &self,
            m: &m,
            blocks: Vec::new(),
            open: None,
            stack: Vec::new(),
            line_no: 0,
        };
        for page in &self.pages {
            let top = |l: &Line| l.y1 < page.height / 2.0;
            for (l, a) in page.asides.iter().filter(|(l, _)| top(l)) {
                walk.note(l, *a);
            }
            for (l, col) in &page.content {
                walk.line(l, *col);
            }
            for (l, a) in page.asides.iter().filter(|(l, _)| !top(l)) {
                walk.note(l, *a);
            }
        }
        walk.close();
        Document {
            blocks: walk.blocks,
            ..Document::default()
        }
    }
}

struct Walk<'a> {
    b: &'a Builder,
    m: &'a Measures,
    blocks: Vec<Block>,
    open: Option<Open>,
    /// Left edges of the list levels open (outermost first).
    stack: Vec<f64>,
    line_no: usize,
}

impl Walk<'_> {
    fn note(&mut self, l: &Line, _why: Aside) {
        self.line_no += 1;
        let text = line_text(l);
        self.blocks.push(Block::new(
            BlockKind::Note,
            collapse_whitespace(&text),
            self.line_no,
        ));
    }

    fn close(&mut self) {
        if let Some(o) = self.open.take() {
            let mut block = Block::new(o.kind, collapse_whitespace(&o.text), o.line);
            block.last_line = o.last_line;
            self.blocks.push(block);
        }
    }

    fn start(&mut self, kind: BlockKind, l: &Line, col: (f64, f64)) {
        self.close();
        self.open = Some(Open {
            kind,
            text: l.text.clone(),
            line: self.line_no,
            last_line: self.line_no,
            text_left: l.left,
            last: l.clone(),
            last_column: col,
            lines: 1,
        });
    }

    fn append(&mut self, l: &Line, col: (f64, f64)) {
        let keep = self.b.keep_hyphens;
        if let Some(o) = self.open.as_mut() {
            append_text(&mut o.text, &l.text, &self.m.lexicon, keep);
            if col != o.last_column {
                o.text_left += col.0 - o.last_column.0;
            }
            o.last = l.clone();
            o.last_column = col;
            o.lines += 1;
            o.last_line = self.line_no;
        }
    }

    fn line(&mut self, l: &Line, col: (f64, f64)) {
        self.line_no += 1;
        if is_lone_number(&l.text) && l.glyph.is_none() || is_contents_line(&l.text) {
            // A page or box number, a table of contents entry.
            self.line_no -= 1;
            self.note(l, Aside::Running);
            return;
        }
        if self.b.is_heading(l) {
            self.stack.clear();
            if self.continues_heading(l) {
                self.append(l, col);
            } else {
                self.start(BlockKind::Heading, l, col);
            }
            return;
        }
        if let Some(_glyph) = &l.glyph {
            let depth = self.depth(l.x0 - col.0);
            self.start(BlockKind::ListItem { depth }, l, col);
            return;
        }
        if self.continues_text(l, col) {
            self.append(l, col);
            return;
        }
        if self.indented(l) {
            let depth = self.depth(l.left - col.0);
            self.start(BlockKind::ListItem { depth }, l, col);
        } else {
            self.stack.clear();
            self.start(BlockKind::Paragraph, l, col);
        }
    }

    fn continues_heading(&self, l: &Line) -> bool {
        self.open.as_ref().is_some_and(|o| {
            o.kind == BlockKind::Heading
                && o.last.page == l.page
                && (o.last.size - l.size).abs() < 0.5
                && o.last.bold == l.bold
                && l.y0 >= o.last.y0
                && l.y0 - o.last.y1 <= 0.6 * l.size
        })
    }

    /// The line goes on with the open paragraph or list item: same left
    /// edge, no paragraph gap, and the line before was full (the first word
    /// of this one would not have fitted at its end).
    fn continues_text(&self, l: &Line, col: (f64, f64)) -> bool {
        let Some(o) = &self.open else { return false };
        if !matches!(o.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) {
            return false;
        }
        // Over a page or to the top of the next column, the gap says nothing
        // and the left edge is measured from the column's.
        let moved_on = l.page != o.last.page || l.y0 < o.last.y0 || col != o.last_column;
        let shift = if moved_on {
            col.0 - o.last_column.0
        } else {
            0.0
        };
        let same_edge = (l.left - shift - o.text_left).abs() <= SAME_EDGE
            || (o.kind == BlockKind::Paragraph && o.lines == 1 && l.left < o.text_left);
        if !same_edge {
            return false;
        }
        let gap = l.y0 - o.last.y1;
        if !moved_on && gap > 0.5 * l.size {
            return false;
        }
        let right = self.right_edge(o.last_column);
        let room = right - o.last.x1;
        let ended_early = room >= 0.3 * l.size + l.first_word_width;
        // A list item ends where its last line does; running text sets
        // short lines inside a paragraph too (a title, a ragged layout), so
        // a paragraph ends early only after a full stop.
        !ended_early || (o.kind == BlockKind::Paragraph && !ends_sentence(&o.last.text))
    }

    fn right_edge(&self, col: (f64, f64)) -> f64 {
        self.m
            .column_rights
            .iter()
            .find(|c| same_column(c.0, col))
            .map_or(col.1, |c| c.1.max(col.1))
    }

    /// Set in from the left edge of the headings of its column.
    fn indented(&self, l: &Line) -> bool {
        let base = self
            .m
            .heading_lefts
            .iter()
            .filter(|&&x| x <= l.left + SAME_EDGE)
            .fold(f64::MIN, |a, &b| a.max(b));
        base > f64::MIN && l.left - base >= INDENT * self.b.body
    }

    /// The list depth of an item whose mark (or text) starts at `x` from
    /// the left edge of its column.
    fn depth(&mut self, x: f64) -> usize {
        while self.stack.last().is_some_and(|&top| x < top - SAME_EDGE) {
            self.stack.pop();
        }
        if self
            .stack
            .last()
            .is_some_and(|&top| (x - top).abs() <= SAME_EDGE)
        {
            return self.stack.len() - 1;
        }
        self.stack.push(x);
        self.stack.len() - 1
    }
}

/// Columns at the same place on different pages: the same left edge and
/// about the same width.
fn same_column(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 3.0 && (a.1 - b.1).abs() < 0.25 * (b.1 - b.0).max(1.0)
}

/// The whole text of a line, its bullet glyph included.
fn line_text(l: &Line) -> String {
    match &l.glyph {
        Some(g) => format!("{g} {}", l.text),
        None => l.text.clone(),
    }
}

/// The text ends a sentence (a footnote marker glued after it aside).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end();
    let unmarked = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let t = if unmarked.len() < t.len() && unmarked.ends_with(['.', ')', '”', '’', '"']) {
        unmarked
    } else {
        t
    };
    t.trim_end_matches([')', ']', '”', '’', '"', '»', ' '])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn is_lone_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// A table of contents entry: dot leaders and a page number.
fn is_contents_line(text: &str) -> bool {
    let t = text.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let leader = body.len() - body.trim_end_matches(['.', ' ', '\u{2026}']).len();
    let dots = body[body.len() - leader..]
        .matches(['.', '\u{2026}'])
        .count();
    body.len() < t.len() && dots >= 4
}

/// What the document's own words say about a hyphen at a line end.
struct Lexicon {
    /// Adjacent parts of the words written with a hyphen (`whole-of` and
    /// `of-government` for `whole-of-government`), lower case.
    pairs: HashSet<String>,
    /// How often each word (lower case, split at hyphens) occurs.
    counts: HashMap<String, usize>,
}

impl Lexicon {
    fn of(text: &str) -> Lexicon {
        let mut pairs = HashSet::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for word in text.split_whitespace() {
            let word = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let parts: Vec<&str> = word.split('-').collect();
            for w in parts.windows(2) {
                if !w[0].is_empty() && !w[1].is_empty() {
                    pairs.insert(format!("{}-{}", w[0], w[1]));
                }
            }
            for p in parts.into_iter().filter(|p| !p.is_empty()) {
                *counts.entry(p.to_string()).or_default() += 1;
            }
        }
        Lexicon { pairs, counts }
    }
}

impl Evidence for Lexicon {
    /// The document writes the pair with a hyphen elsewhere, or both halves
    /// are words of their own in it (each met more than once, so not only
    /// as this line's halves) and the two written together never are
    /// (`in-` / `migration`).
    fn keeps_hyphen(&self, head: &str, tail: &str) -> bool {
        let count = |w: &str| self.counts.get(w).copied().unwrap_or(0);
        self.pairs.contains(&format!("{head}-{tail}"))
            || HYPHEN_PREFIXES.contains(&head)
            || (head.chars().count() >= 2
                && count(head) >= 2
                && count(tail) >= 2
                && count(&format!("{head}{tail}")) == 0)
    }
}

/// First parts that keep their hyphen at a line end even when the whole
/// word is nowhere else in the document.
const HYPHEN_PREFIXES: &[&str] = &["self", "well", "non", "co", "ex", "socio"];

/// Join a line to the text before it ([`hyphen::append_line`]), after
/// closing up a hyphen that justification spaced off its word (`Or -`).
fn append_text(out: &mut String, line: &str, lexicon: &Lexicon, keep_hyphens: bool) {
    if !out.ends_with('\u{ad}') {
        let trimmed = out.trim_end_matches(" -").len();
        if trimmed < out.len() {
            out.truncate(trimmed);
            out.push('-');
        }
    }
    if keep_hyphens {
        hyphen::append_line(out, line, &KeepAll);
    } else {
        hyphen::append_line(out, line, lexicon);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_end_hyphens() {
        let known = Lexicon::of(
            "a whole-of-government approach; in the in migration migration, ganization",
        );
        let join = |a: &str, b: &str, keep| {
            let mut s = a.to_string();
            append_text(&mut s, b, &known, keep);
            s
        };
        assert_eq!(
            join("International Or -", "ganization", false),
            "International Organization"
        );
        assert_eq!(
            join("a whole-of-", "government", false),
            "a whole-of-government"
        );
        assert_eq!(join("low-", "income", true), "low-income");
        assert_eq!(join("(2020-", "2035)", false), "(2020-2035)");
        assert_eq!(join("end.", "Next", false), "end. Next");
        assert_eq!(join("the in-", "migration", false), "the in-migration");
        assert_eq!(join("discrimi\u{ad}", "nation", true), "discrimination");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("in 2022.6"));
        assert!(ends_sentence("(see above.)"));
        assert!(ends_sentence("as follows:"));
        assert!(!ends_sentence("covers COVID-"));
        assert!(!ends_sentence("Agenda 2030"));
    }

    #[test]
    fn contents_lines() {
        assert!(is_contents_line("KEY FINDINGS.........7"));
        assert!(is_contents_line("1. RIGHTS ....... 12"));
        assert!(is_contents_line("Objectives . . . . . . . . 3"));
        assert!(!is_contents_line("In 2022, 40 per cent"));
    }
}
