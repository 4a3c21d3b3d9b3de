//! Text extracted from printed PDF profiles into blocks.
//!
//! `pdftotext` (plain mode) gives one line per printed line, a blank line
//! between paragraphs and a form feed (`\f`) at each page break; the PDF
//! reader ([`super::pdf`]) gives the same, with the hyphens at line ends
//! (which plain mode drops) kept as printed. What the printed page adds and
//! a web copy lacks is removed or repaired here, so that the recogniser sees
//! the same blocks as for a web copy:
//!
//! * running headers and footers (a line that recurs at the top or bottom of
//!   most pages) are removed from every page, even inside a bullet broken by
//!   the page break; the header goes to [`Document::running_header`];
//! * page numbers alone on a line at the top or bottom of a page, and table
//!   of contents lines (`KEY FINDINGS.........9`), are removed;
//! * the text is made NFC and zero-width characters (zero-width spaces, the
//!   word joiner some typesetters put before a page number) are removed
//!   ([`super::prepare_text`]);
//! * ligatures (`ﬁ`, `ﬂ`, `ﬀ` …) become letters (only those characters);
//! * the lines of a paragraph or a bullet are joined, undoing line-end
//!   hyphenation where a word was broken;
//! * a bullet or paragraph that runs on over a page break is joined again;
//! * footnote bodies at the bottom of a page become [`BlockKind::Note`]s.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use regex::Regex;

use super::hyphen::{Evidence, append_line, ends_with_break};
use super::text::{lines, strip_bullet};
use super::{
    Block, BlockKind, Document, collapse_whitespace, collapse_whitespace_owned, expand_ligatures,
    prepare_text,
};
use crate::model::{Warning, WarningKind};
use crate::text::{lowercase, lowercase_in};

/// Glyphs that mark a bullet when alone on a line. `o`, `-` and dashes count
/// only alone (or, at the start of a paragraph, followed by a space: see
/// [`strip_bullet`]), since a wrapped line may start with them.
const WEAK_GLYPHS: &[char] = &['o', '-', '–', '—', '*', '·', '∙', '⁃'];

/// Glyphs that mark a bullet wherever they start a line.
const STRONG_GLYPHS: &[char] = &[
    '•', '●', '◦', '▪', '▫', '■', '□', '‣', '○', '◆', '◇', '►', '▶', '➢', '➤', '✓', '✔', '❖', '→',
    '⇒', '❯',
];

/// Symbol and Wingdings fonts put their bullets in the private use area
/// (`U+F0B7`, `U+F0A7`, `U+F0D8` …), which `pdftotext` passes through.
fn is_symbol_font_glyph(c: char) -> bool {
    ('\u{f000}'..='\u{f0ff}').contains(&c)
}

/// Table of contents line: text, dot leaders, a page number.
static TOC_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^.*?(?:(?:[.·_]\s?){4,}|(?:…\s?){2,})\s*(?:\d{1,4}|[ivxlcdmIVXLCDM]{1,7})$")
        .expect("valid regex")
});

/// A page number alone on a line: `12`, `xiv`, `Page 3`, `- 3 -`, `3 / 15`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:page|p\.|pág\.?|página|pagina)\s*)?[-–—]?\s*(?P<n>\d{1,3}|[ivxl]{1,7})\s*[-–—]?(?:\s*(?:/|of|de|sur)\s*\d{1,3})?$",
    )
    .expect("valid regex")
});

/// Roman numerals up to 89, as front matter uses (the letters alone would
/// also take words like `ill`).
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$").expect("valid regex")
});

/// What may stand between a running line's text and its page number
/// (`12 | Title`, `Title – 12`).
const PAGE_SEPARATORS: &[char] = &['|', '·', '•', '–', '—', '-'];

/// A footnote body: a small number, a space, the text.
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^(\d{1,3})\s+([\p{L}"“‘(«])"#).expect("valid regex"));

/// A footnote marker glued to the word it follows (`relevant.1`, `management.7`).
static GLUED_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\p{L}[.,;:!?)\]"”’»]*(\d{1,3})(?:[^\p{L}\p{N}]|$)"#).expect("valid regex")
});

/// A word written with a hyphen (`well-being`, `whole-of-government`).
static HYPHENATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)+").expect("valid regex"));

/// First parts that keep their hyphen when a line breaks after them, even
/// without the whole word elsewhere in the document.
const HYPHEN_PREFIXES: &[&str] = &["self", "well"];

/// Marks that word processors give to the second level of a list.
const SUB_LEVEL_GLYPHS: &[char] = &['◦', '○', '∘', '▫', '‣', '⁃', '–', '-'];

/// One input line of a page, trimmed, with its 1-based line number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    no: usize,
    text: &'a str,
    /// Leading spaces before the text (kept by `pdftotext -layout`).
    indent: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    Bullet,
    Plain,
    Note,
}

/// Consecutive lines that make one block (before footnotes and page breaks
/// are sorted out).
#[derive(Debug, Clone)]
struct Group {
    kind: GroupKind,
    start: usize,
    /// Line numbers of the bullet glyphs alone on a line that opened this
    /// bullet (more than one when the glyphs were printed in a column).
    glyph_lines: Vec<usize>,
    lines: Vec<(usize, String)>,
    /// A bullet's mark and the indentation it stands at.
    mark: Option<(char, usize)>,
    /// Where a bullet's text starts on its mark's line (`-layout`).
    text_column: Option<usize>,
    /// How many of `lines` are headings in capitals, kept as lines are
    /// added so that asking whether all are stays constant-time (a group
    /// may have very many lines).
    caps_heading_lines: usize,
}

impl Group {
    fn new(kind: GroupKind, start: usize) -> Self {
        Group {
            kind,
            start,
            glyph_lines: Vec::new(),
            mark: None,
            text_column: None,
            lines: Vec::new(),
            caps_heading_lines: 0,
        }
    }

    fn push(&mut self, no: usize, text: &str) {
        if is_caps_heading_line(text) {
            self.caps_heading_lines += 1;
        }
        self.lines.push((no, text.to_string()));
    }

    fn extend(&mut self, other: Group) {
        self.caps_heading_lines += other.caps_heading_lines;
        self.lines.extend(other.lines);
    }

    /// The last input line of the group.
    fn last_line(&self) -> usize {
        let last = self.lines.last().map_or(self.start, |(no, _)| *no);
        last.max(self.glyph_lines.last().copied().unwrap_or(0))
    }

    /// Every line is a heading in capitals (true when there is none).
    fn all_caps_headings(&self) -> bool {
        self.caps_heading_lines == self.lines.len()
    }
}

/// Read text as `pdftotext` extracts it from a printed profile.
pub fn read_print(text: &str) -> Document {
    let prepared = prepare_text(text);
    let text = expand_ligatures(&prepared);
    let mut warnings = Vec::new();
    let text = rejoin_merged_breaks(&text, &mut warnings);
    let all = lines(&text);
    let mut pages = split_pages(&all);
    let hyphenated = hyphenated_pairs(&text, &all);
    let markers = glued_markers(&pages);
    let hanging = sets_hanging_indents(&pages);

    let header = running_lines(&pages, true);
    let footer = running_lines(&pages, false);
    // Every line removed as page furniture stays a note, so that no line of
    // the input is lost without trace.
    let before: Vec<usize> = pages
        .iter()
        .flatten()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.no)
        .collect();
    for page in &mut pages {
        remove_running(page, &header, true);
        remove_running(page, &footer, false);
        remove_toc(page);
        remove_page_numbers(page);
    }

    let mut out: Vec<Group> = Vec::new();
    // Index in `out` of the last group that is not a note.
    let mut last_content: Option<usize> = None;
    for page in &pages {
        let mut groups = group_page(page, hanging);
        mark_footnotes(&mut groups, &markers);
        let mut groups = groups.into_iter().peekable();
        if let (Some(prev), Some(first)) = (last_content, groups.peek())
            && continues_over_page(&out[prev], first)
            && let Some(first) = groups.next()
        {
            out[prev].extend(first);
        }
        for g in groups {
            if g.kind != GroupKind::Note {
                last_content = Some(out.len());
            }
            out.push(g);
        }
    }

    adopt_parted_texts(&mut out);
    let mut blocks = Vec::new();
    let mut nesting = Nesting::default();
    for g in &out {
        let depth = nesting.depth_of(g);
        emit(g, depth, &hyphenated, &mut blocks, &mut warnings);
    }
    glue_spaced_markers(&mut blocks);
    let kept: HashSet<usize> = pages.iter().flatten().map(|l| l.no).collect();
    let furniture: Vec<usize> = before.into_iter().filter(|no| !kept.contains(no)).collect();
    Document {
        blocks,
        furniture,
        running_header: header.first().map(|r| r.text.clone()),
        warnings,
        ..Document::default()
    }
}

/// Plain `pdftotext` undoes a hyphenated line break itself, and where the
/// justified line had spaced the hyphen out (`Re -`) it joins the halves
/// with a space (`Industrial Re lations Code`). Two pieces are joined again
/// when together they are a word of the document and the first never
/// stands alone elsewhere in it (`re`, `ap`, `de` in a French text would
/// not qualify: it stands alone everywhere); a warning names each repair.
fn rejoin_merged_breaks<'a>(
    text: &'a str,
    warnings: &mut Vec<Warning>,
) -> std::borrow::Cow<'a, str> {
    let counts = word_counts(text);
    let all = lines(text);
    // A piece that stands alone only in front of such a tail, at least once
    // making a word of the document with it, is the head of broken words.
    let mut buffer = String::new();
    let mut pairs: Vec<(usize, &str, &str)> = Vec::new();
    for (i, l) in all.iter().enumerate() {
        merged_pairs((i, l), &counts, &mut buffer, &mut pairs);
    }
    // The heads that make a word of the document with their tail at least
    // once, with how many pairs each heads (most texts have none).
    let mut joining: HashMap<String, usize> = HashMap::new();
    let mut joined = String::new();
    for (_, p, t) in &pairs {
        joined.clear();
        joined.push_str(p);
        joined.push_str(t);
        if counts.contains_key(lowercase_in(&joined, &mut buffer)) {
            joining.entry(lowercase(p).into_owned()).or_insert(0);
        }
    }
    let mut repairs: Vec<&(usize, &str, &str)> = Vec::new();
    if !joining.is_empty() {
        for (_, p, _) in &pairs {
            if let Some(n) = joining.get_mut(lowercase_in(p, &mut buffer)) {
                *n += 1;
            }
        }
        // A head that stands alone only in such pairs.
        repairs = pairs
            .iter()
            .filter(|(_, p, _)| {
                let p = lowercase_in(p, &mut buffer);
                joining.get(p).is_some_and(|&n| counts.get(p) == Some(&n))
            })
            .collect();
    }
    let spaced = spaced_hyphen_breaks(&all, &counts);
    if repairs.is_empty() && spaced.is_empty() {
        return text.into();
    }
    let mut out: Vec<String> = all.iter().map(|l| (*l).to_string()).collect();
    for i in spaced {
        let head = out[i].trim_end().trim_end_matches('-').trim_end().len();
        out[i].truncate(head);
        out[i].push('-');
    }
    for (i, p, t) in repairs {
        let pair = format!("{p} {t}");
        out[*i] = out[*i].replacen(&pair, &format!("{p}{t}"), 1);
        warnings.push(Warning::at(
            i + 1,
            WarningKind::SpacedHyphenBreak {
                joined: format!("{p}{t}"),
                pair,
            },
        ));
    }
    out.join("\n").into()
}

/// How often each word stands in a text, by the word lower-cased (borrowed
/// from the text when it already is).
type WordCounts<'a> = HashMap<std::borrow::Cow<'a, str>, usize>;

/// How often each word stands in the text, lower-cased; a trailing hyphen
/// stays (`Re-` at a line end is no word `re`).
fn word_counts(text: &str) -> WordCounts<'_> {
    // About one distinct word in three, for words of six bytes.
    let mut counts = WordCounts::with_capacity(text.len() / 18);
    let mut buffer = String::new();
    for token in text.split_whitespace() {
        let w = token
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if w.is_empty() {
            continue;
        }
        match counts.get_mut(lowercase_in(w, &mut buffer)) {
            Some(n) => *n += 1,
            None => {
                counts.insert(lowercase(w), 1);
            }
        }
    }
    counts
}

/// Lines of `pdftotext -layout` text that end in a hyphen spaced out by
/// justification (`Industrial Re -` over `lations Code`) where the halves
/// make a word of the document (`counts`, lower case): the break is a
/// broken word, like `Re-`. Without that evidence the ` -` is kept.
fn spaced_hyphen_breaks(all: &[&str], counts: &WordCounts) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, line) in all.iter().enumerate() {
        let Some(head) = line.trim_end().strip_suffix(" -") else {
            continue;
        };
        let head: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let next = all[i + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty());
        let tail: String = next
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if !head.is_empty() && tail.chars().next().is_some_and(char::is_lowercase) {
            let joins = counts.contains_key(format!("{head}{tail}").to_lowercase().as_str());
            found.push((i, head.to_lowercase(), joins));
        }
    }
    // A head that makes a word once, and stands alone only at such breaks,
    // is a broken word's head at its other breaks too (`re -` / `location`).
    let trusted: HashSet<&str> = found
        .iter()
        .filter(|(_, head, joins)| {
            *joins
                && counts.get(head.as_str()) == Some(&found.iter().filter(|f| &f.1 == head).count())
        })
        .map(|(_, head, _)| head.as_str())
        .collect();
    found
        .iter()
        .filter(|(_, head, joins)| *joins || trusted.contains(head.as_str()))
        .map(|(i, _, _)| *i)
        .collect()
}

/// Pieces of line `no` that may be the halves of a broken word, added to
/// `pairs`: a run of letters, a space, a run of lower-case letters.
/// Only heads that stand alone rarely in the document (`counts`, lower
/// case) can qualify; they are looked up in lower case through `buffer`.
fn merged_pairs<'a>(
    (no, line): (usize, &'a str),
    counts: &WordCounts,
    buffer: &mut String,
    pairs: &mut Vec<(usize, &'a str, &'a str)>,
) {
    let mut tokens = split_at_spaces(line).peekable();
    while let (Some(first), Some(second)) = (tokens.next(), tokens.peek()) {
        // The cheap tests first: most pairs of words fail them.
        if !second.starts_with(char::is_lowercase) {
            continue;
        }
        let head = first.trim_start_matches(|c: char| !c.is_alphanumeric());
        if head.is_empty() || !head.chars().all(char::is_alphabetic) {
            continue;
        }
        let end = second
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(second.len(), |(i, _)| i);
        let tail = &second[..end];
        if tail.chars().nth(1).is_some()
            && counts
                .get(lowercase_in(head, buffer))
                .is_none_or(|&n| n <= 4)
        {
            pairs.push((no, head, tail));
        }
    }
}

/// The pieces of `line` between single spaces, as `line.split(' ')` gives
/// them, found by a plain loop: the pieces are words, too short for a
/// vectorised search to pay.
fn split_at_spaces(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let text = rest?;
        match text.bytes().position(|b| b == b' ') {
            Some(i) => {
                rest = Some(&text[i + 1..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// Which bullets of printed text are sub-points. `pdftotext` keeps no
/// indentation in plain mode, so a bullet is a sub-point when it stands
/// deeper than the bullet above (`-layout`), or when its mark differs from
/// that of the bullets of the list and it follows a bullet that ends with
/// `:` or a sub-point with the same mark.
#[derive(Debug, Default)]
struct Nesting {
    /// Mark and indentation of the list's outer bullets.
    outer: Option<(char, usize)>,
    /// The last outer bullet ended with `:`.
    introduces: bool,
    /// Mark of the sub-points being read.
    sub: Option<char>,
}

impl Nesting {
    fn depth_of(&mut self, g: &Group) -> usize {
        match (g.kind, g.mark) {
            (GroupKind::Note, _) => 0,
            (GroupKind::Plain, _) => {
                *self = Nesting::default();
                0
            }
            // A lettered item under a numbered one is a sub-point.
            (GroupKind::Bullet, Some((c, _)))
                if c.is_ascii_lowercase()
                    && c != 'o'
                    && self.outer.is_some_and(|(o, _)| o == '#') =>
            {
                1
            }
            // A numbered item (maybe a numbered heading) starts a list of its own.
            (GroupKind::Bullet, Some((c, ind)))
                if c.is_alphanumeric() && !WEAK_GLYPHS.contains(&c) =>
            {
                *self = Nesting::default();
                if c.is_ascii_digit() {
                    self.outer = Some(('#', ind));
                }
                0
            }
            // A mark with no text changes nothing.
            (GroupKind::Bullet, _) if g.lines.is_empty() => 0,
            (GroupKind::Bullet, mark) => {
                if let (Some((c, ind)), Some((oc, oind))) = (mark, self.outer) {
                    let deeper = ind > oind + 1;
                    // `◦` or `-` under `•` is the second level of a list
                    // whatever the parent ends with.
                    let second_level =
                        SUB_LEVEL_GLYPHS.contains(&c) && !SUB_LEVEL_GLYPHS.contains(&oc);
                    let other_mark =
                        c != oc && (self.introduces || self.sub == Some(c) || second_level);
                    if deeper || other_mark {
                        self.sub = Some(c);
                        return 1;
                    }
                }
                self.outer = mark;
                self.sub = None;
                self.introduces = g
                    .lines
                    .last()
                    .is_some_and(|(_, l)| l.trim_end().ends_with(':'));
                0
            }
        }
    }
}

/// Plain `pdftotext` may print a bullet's mark apart from its words: the
/// mark right before the marks of the sub-points that follow it (`•`, `-`
/// text, `-` text …) or before another mark (`•`, `•` text), and the words
/// after them, as a paragraph with no mark. While a mark of the list is
/// still waiting for its words, the next paragraph of the list that is no
/// heading is that mark's item.
fn adopt_parted_texts(groups: &mut [Group]) {
    let mut waiting: std::collections::VecDeque<(char, usize)> = Default::default();
    for i in 0..groups.len() {
        let g = &groups[i];
        match g.kind {
            GroupKind::Note => {}
            GroupKind::Bullet => {
                let next_is_mark = || {
                    groups[i + 1..]
                        .iter()
                        .find(|n| n.kind != GroupKind::Note)
                        .is_some_and(|n| n.kind == GroupKind::Bullet)
                };
                if let Some(mark) = g.mark
                    && g.lines.is_empty()
                    && next_is_mark()
                {
                    waiting.push_back(mark);
                }
            }
            GroupKind::Plain if waiting.is_empty() => {}
            GroupKind::Plain => {
                let first = g.lines.first().map_or("", |(_, l)| l.as_str());
                let text = g
                    .lines
                    .iter()
                    .map(|(_, l)| l.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if is_heading(&text, g.lines.len()) || is_known_heading(first) {
                    waiting.clear();
                } else if let Some(mark) = waiting.pop_front() {
                    groups[i].kind = GroupKind::Bullet;
                    groups[i].mark = Some(mark);
                }
            }
        }
    }
}

/// `pdftotext -layout` sets a footnote marker apart from the word it
/// belongs to (`… de l’intérieur. 3`). Where a footnote of that number is
/// on the page, the marker is glued back (`intérieur.3`), as the other
/// forms print it.
fn glue_spaced_markers(blocks: &mut [Block]) {
    static SPACED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"([\p{L}.;:,)»”’"])\s+(\d{1,3})$"#).expect("valid regex"));
    let notes: HashSet<&str> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Note)
        .filter_map(|b| {
            FOOTNOTE
                .captures(&b.text)
                .map(|c| c.get(1).map_or("", |m| m.as_str()))
        })
        .collect();
    let notes: HashSet<String> = notes.into_iter().map(str::to_string).collect();
    if notes.is_empty() {
        return;
    }
    // Only a block ending in a number can end in a marker: the others are
    // not searched.
    let ends_in_digit = |b: &Block| b.text.ends_with(|c: char| c.is_ascii_digit());
    for b in blocks
        .iter_mut()
        .filter(|b| b.kind != BlockKind::Note && ends_in_digit(b))
    {
        let Some(c) = SPACED.captures(&b.text) else {
            continue;
        };
        if notes.contains(&c[2]) {
            let at = c.get(1).map_or(0, |m| m.end());
            let number = c[2].to_string();
            b.text.truncate(at);
            b.text.push_str(&number);
        }
    }
}

/// A lettered item (`a) vacunación`): no wrapped line starts so.
static LETTER_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z]\)\s+\S").expect("valid regex"));

/// A line that is, as a whole, a heading of the language tables (not only
/// close to one).
/// Lines in capitals are left to the rules for headings in capitals, which
/// join a heading wrapped over two lines.
fn is_known_heading(line: &str) -> bool {
    line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !is_caps(line)
        && line.split_whitespace().count() <= 16
        && !line.trim_end().ends_with('.')
        && crate::lang::match_heading_exactly(line).is_some()
}

/// Whether the text keeps the page's hanging indents (`pdftotext -layout`):
/// its bullets' marks stand apart from their texts (`•   The law …`).
fn sets_hanging_indents(pages: &[Vec<Line<'_>>]) -> bool {
    let apart = pages
        .iter()
        .flatten()
        .filter(|l| {
            let mut chars = l.text.chars();
            chars
                .next()
                .is_some_and(|c| STRONG_GLYPHS.contains(&c) || is_symbol_font_glyph(c))
                && chars.as_str().starts_with("  ")
        })
        .count();
    apart >= 3
}

/// Split into pages at form feeds. A form feed does not start a line: the
/// text after it keeps the number of the line it is on.
fn split_pages<'a>(all: &[&'a str]) -> Vec<Vec<Line<'a>>> {
    let mut pages: Vec<Vec<Line<'a>>> = vec![Vec::new()];
    for (i, &raw) in all.iter().enumerate() {
        let no = i + 1;
        let mut parts = raw.split('\u{0c}');
        let first = parts.next().unwrap_or("");
        if !first.trim().is_empty() || !raw.contains('\u{0c}') {
            push_line(&mut pages, no, first);
        }
        for part in parts {
            pages.push(Vec::new());
            if !part.trim().is_empty() {
                push_line(&mut pages, no, part);
            }
        }
    }
    pages
}

fn push_line<'a>(pages: &mut [Vec<Line<'a>>], no: usize, text: &'a str) {
    if let Some(page) = pages.last_mut() {
        page.push(Line {
            no,
            text: text.trim(),
            indent: text.len() - text.trim_start().len(),
        });
    }
}

/// Words and pairs of parts of compounds, lower-cased, borrowed from the
/// text where it writes them so.
type WrittenWords<'a> = HashSet<std::borrow::Cow<'a, str>>;

/// What the document writes whole, to tell a word broken at a line end from
/// a compound: every adjacent pair of parts of the hyphenated words written
/// on one line (`well-being`; `whole-of-government` → `whole-of`,
/// `of-government`), and every word, lower-cased (a word has no hyphen, so
/// the two kinds never mix). The halves of words broken at line ends are no
/// words of the document: a word ending a line with a hyphen, and the first
/// word of the line after, are left out.
fn hyphenated_pairs<'a>(text: &'a str, all: &[&'a str]) -> WrittenWords<'a> {
    let mut pairs = WrittenWords::with_capacity(text.len() / 18);
    for m in HYPHENATED.find_iter(text) {
        let parts: Vec<String> = m
            .as_str()
            .split(['-', '‐'])
            .map(|p| p.to_lowercase())
            .collect();
        for w in parts.windows(2) {
            pairs.insert(format!("{}-{}", w[0], w[1]).into());
        }
    }
    let broken = broken_words(all);
    let mut buffer = String::new();
    // Lines since a line ended with a hyphen: the tail starts the next line
    // in lower case, maybe after a page break's header and number.
    let mut after_break: Option<usize> = None;
    for line in all {
        let line = line.trim().trim_start_matches('\u{c}');
        if line.is_empty() {
            continue;
        }
        let mut tokens = line.split_whitespace().peekable();
        if let Some(n) = after_break {
            if line.starts_with(char::is_lowercase) {
                tokens.next();
                after_break = None;
            } else {
                after_break = (n < 4).then_some(n + 1);
            }
        }
        let mut previous = "";
        while let Some(token) = tokens.next() {
            let last = tokens.peek().is_none();
            if last && ends_with_break(token) {
                continue;
            }
            let word = token.trim_matches(|c: char| !c.is_alphabetic());
            if !word.is_empty() && word.chars().all(char::is_alphabetic) {
                let lower = lowercase_in(word, &mut buffer);
                // `con cernent` after `con-` / `cernent`: the same broken
                // word, split by the extractor where a soft hyphen was.
                let same_break = !broken.is_empty()
                    && broken
                        .get(lower)
                        .is_some_and(|heads| heads.iter().any(|h| lowercase(previous) == *h));
                if !same_break && !pairs.contains(lower) {
                    pairs.insert(lowercase(word));
                }
            }
            previous = token;
        }
        if ends_with_break(line) {
            after_break = Some(0);
        }
    }
    pairs
}

/// The words broken at line ends, as tail → heads (`cernent` → `con`),
/// lower-cased.
fn broken_words(all: &[&str]) -> HashMap<String, Vec<String>> {
    let mut broken: HashMap<String, Vec<String>> = HashMap::new();
    let mut head: Option<String> = None;
    for line in all {
        let line = line.trim().trim_start_matches('\u{c}');
        if line.is_empty() {
            continue;
        }
        if let Some(h) = head.take()
            && let Some(first) = line.split_whitespace().next()
            && first.starts_with(char::is_lowercase)
        {
            let tail: String = first.chars().take_while(|c| c.is_alphabetic()).collect();
            broken.entry(tail.to_lowercase()).or_default().push(h);
        }
        if ends_with_break(line)
            && let Some(last) = line.split_whitespace().next_back()
        {
            let h: String = last.chars().take_while(|c| c.is_alphabetic()).collect();
            head = (!h.is_empty()).then(|| h.to_lowercase());
        }
    }
    broken
}

/// Footnote numbers glued to a word, with the first line where each occurs.
fn glued_markers(pages: &[Vec<Line<'_>>]) -> HashMap<u32, usize> {
    let mut seen = HashMap::new();
    for line in pages.iter().flatten() {
        if !line.text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // The marker is the match's first digits: no letter is a digit.
        // (`find_iter` and this are much cheaper than captures.)
        for m in GLUED_MARKER.find_iter(line.text) {
            let from = m.as_str().trim_start_matches(|c: char| !c.is_ascii_digit());
            let digits = &from[..from.bytes().take_while(u8::is_ascii_digit).count()];
            if let Ok(n) = digits.parse::<u32>() {
                seen.entry(n).or_insert(line.no);
            }
        }
    }
    seen
}

/// A line recurring at the top (or bottom) of pages.
#[derive(Debug, Clone)]
struct Running {
    key: String,
    /// The most frequent form, page numbers included.
    text: String,
}

/// The key under which header lines compare: whitespace collapsed, a page
/// number at either end removed.
fn running_key(line: &str) -> String {
    let line = collapse_whitespace(line);
    let text = without_page_number(&line, true);
    let text = without_page_number(text, false);
    if text.chars().any(char::is_alphabetic) {
        text.to_string()
    } else {
        line.into_owned()
    }
}

/// `line` (its spaces collapsed) without a page number of one to three
/// digits at its start (`12 | Title`, `12 Title`) or at its end (`Title -
/// 12`): the number, maybe a separator, and at least one space between
/// them and the text.
fn without_page_number(line: &str, at_start: bool) -> &str {
    let is_digit = |c: char| c.is_ascii_digit();
    let (digits, rest) = if at_start {
        let n = line.len() - line.trim_start_matches(is_digit).len();
        (n, &line[n..])
    } else {
        let n = line.len() - line.trim_end_matches(is_digit).len();
        (n, &line[..line.len() - n])
    };
    if !(1..=3).contains(&digits) {
        return line;
    }
    // Peel, from the number towards the text: spaces, a separator, spaces.
    let peel_spaces = |s: &'_ str| -> usize {
        let kept = if at_start {
            s.trim_start_matches(' ')
        } else {
            s.trim_end_matches(' ')
        };
        s.len() - kept.len()
    };
    let mut cut = 0;
    let near = peel_spaces(rest);
    cut += near;
    let rest2 = if at_start {
        &rest[near..]
    } else {
        &rest[..rest.len() - near]
    };
    let sep = if at_start {
        rest2.chars().next().filter(|c| PAGE_SEPARATORS.contains(c))
    } else {
        rest2
            .chars()
            .next_back()
            .filter(|c| PAGE_SEPARATORS.contains(c))
    };
    let far = match sep {
        Some(c) => {
            let after = if at_start {
                &rest2[c.len_utf8()..]
            } else {
                &rest2[..rest2.len() - c.len_utf8()]
            };
            let spaces = peel_spaces(after);
            // A separator needs a space between it and the text.
            if spaces == 0 {
                if near == 0 {
                    return line;
                }
                0
            } else {
                c.len_utf8() + spaces
            }
        }
        None if near == 0 => return line,
        None => 0,
    };
    cut += far;
    if at_start {
        &line[digits + cut..]
    } else {
        &line[..line.len() - digits - cut]
    }
}

fn is_page_number(line: &str) -> bool {
    PAGE_NUMBER.captures(line.trim()).is_some_and(|c| {
        let n = &c["n"];
        n.bytes().all(|b| b.is_ascii_digit()) || ROMAN.is_match(n)
    })
}

/// The running header (`top`) or footer: the texts that are the first (last)
/// line of most pages, page numbers aside. Alternating left and right
/// headers are both found when each is on a quarter of the pages and
/// together on most.
fn running_lines(pages: &[Vec<Line<'_>>], top: bool) -> Vec<Running> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new(); // key → (pages, first page)
    let mut forms: HashMap<String, HashMap<String, usize>> = HashMap::new();
    let mut with_text = 0;
    for (p, page) in pages.iter().enumerate() {
        let mut candidates = page
            .iter()
            .filter(|l| !l.text.is_empty() && !is_page_number(l.text));
        let edge = if top {
            candidates.next()
        } else {
            candidates.next_back()
        };
        let Some(edge) = edge else { continue };
        with_text += 1;
        if is_glyph_alone(edge.text) || TOC_LINE.is_match(edge.text) {
            continue;
        }
        let key = running_key(edge.text);
        if key.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        counts.entry(key.clone()).or_insert((0, p)).0 += 1;
        *forms
            .entry(key)
            .or_default()
            .entry(collapse_whitespace(edge.text).into_owned())
            .or_insert(0) += 1;
    }
    let mut ranked: Vec<(String, usize, usize)> =
        counts.into_iter().map(|(k, (n, p))| (k, n, p)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let chosen: Vec<String> = match ranked.as_slice() {
        [a, b, ..] if b.1 >= 2 && b.1 * 4 >= with_text && (a.1 + b.1) * 2 >= with_text => {
            vec![a.0.clone(), b.0.clone()]
        }
        [a, ..] if a.1 >= 2 && a.1 * 2 >= with_text => vec![a.0.clone()],
        _ => Vec::new(),
    };
    chosen
        .into_iter()
        .map(|key| {
            let text = forms
                .get(&key)
                .and_then(|f| {
                    f.iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(t, _)| t.clone())
                })
                .unwrap_or_else(|| key.clone());
            Running { key, text }
        })
        .collect()
}

/// Remove the running header (`top`) or footer lines of a page: the first
/// (last) line with the key of each, wherever it is on the page, so that a
/// section title repeated as running header survives where it heads its
/// section.
fn remove_running(page: &mut Vec<Line<'_>>, running: &[Running], top: bool) {
    for r in running {
        let is_it = |l: &Line<'_>| !l.text.is_empty() && running_key(l.text) == r.key;
        let found = if top {
            page.iter().position(is_it)
        } else {
            page.iter().rposition(is_it)
        };
        if let Some(i) = found {
            page.remove(i);
        }
    }
}

/// Remove table of contents lines, and the first line of an entry wrapped
/// over two lines.
fn remove_toc(page: &mut Vec<Line<'_>>) {
    let toc: Vec<bool> = page.iter().map(|l| TOC_LINE.is_match(l.text)).collect();
    if !toc.contains(&true) {
        return;
    }
    let mut keep = Vec::with_capacity(page.len());
    for (i, l) in page.iter().enumerate() {
        let wrapped_entry = !l.text.is_empty()
            && !ends_sentence(l.text)
            && toc.get(i + 1).copied().unwrap_or(false)
            && i > 0
            && toc[i - 1];
        keep.push(!toc[i] && !wrapped_entry);
    }
    let mut k = keep.into_iter();
    page.retain(|_| k.next().unwrap_or(true));
}

/// Remove a page number alone on the last (and on the first) line of a page.
fn remove_page_numbers(page: &mut Vec<Line<'_>>) {
    if let Some(i) = page.iter().rposition(|l| !l.text.is_empty())
        && is_page_number(page[i].text)
    {
        page.remove(i);
    }
    if let Some(i) = page.iter().position(|l| !l.text.is_empty())
        && is_page_number(page[i].text)
    {
        page.remove(i);
    }
}

/// A bullet glyph alone on a line.
fn is_glyph_alone(line: &str) -> bool {
    let mut chars = line.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            STRONG_GLYPHS.contains(&c) || WEAK_GLYPHS.contains(&c) || is_symbol_font_glyph(c)
        }
        _ => false,
    }
}

/// If the line starts a bullet, the text after the mark. Inside a paragraph
/// only strong glyphs count: a wrapped line may start with a dash or `1.`.
fn bullet_start(line: &str, at_paragraph_start: bool) -> Option<&str> {
    let mut chars = line.char_indices();
    if let Some((_, c)) = chars.next()
        && (STRONG_GLYPHS.contains(&c) || is_symbol_font_glyph(c))
        && let Some((i, next)) = chars.next()
        && next.is_whitespace()
    {
        return Some(line[i..].trim_start());
    }
    // A weak glyph set off by a hanging indent (`o    la Direction`, as
    // `-layout` prints a nested list): no word is followed by such a gap.
    let mut chars = line.char_indices();
    if let Some((_, c)) = chars.next()
        && WEAK_GLYPHS.contains(&c)
        && line[c.len_utf8()..].starts_with("  ")
    {
        return Some(line[c.len_utf8()..].trim_start());
    }
    if at_paragraph_start {
        strip_bullet(line)
    } else {
        None
    }
}

/// Ends with `.`, `;`, `:`, `!` or `?`, maybe followed by closing quotes or
/// brackets and a glued footnote marker (`management.7`).
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    let t = match t.trim_end_matches(|c: char| c.is_ascii_digit()) {
        stripped
            if stripped.len() < t.len()
                && stripped.ends_with(|c: char| ".;:!?)\"”’»".contains(c)) =>
        {
            // `10.7` is a number, not a sentence end with a marker.
            let before = stripped.trim_end_matches(|c: char| ".;:!?)\"”’»".contains(c));
            if before.ends_with(|c: char| c.is_ascii_digit()) {
                return false;
            }
            stripped
        }
        _ => t,
    };
    let t = t.trim_end_matches(|c: char| ")]\"”’»".contains(c));
    t.ends_with(['.', ';', ':', '!', '?'])
}

/// No lower-case letter and at least two upper-case ones.
fn is_caps(line: &str) -> bool {
    !line.chars().any(char::is_lowercase) && line.chars().filter(|c| c.is_uppercase()).count() >= 2
}

fn is_caps_heading_line(line: &str) -> bool {
    is_caps(line) && !ends_sentence(line)
}

/// Whether a paragraph looks like a title: short, no final punctuation, and
/// in capitals or starting with a capital.
fn is_heading(text: &str, line_count: usize) -> bool {
    if text.is_empty() || text.chars().count() > 160 || ends_sentence(text) || text.ends_with(',') {
        return false;
    }
    if is_caps(text) {
        // Not a code like `PUB2022/014/EL`.
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        return letters > text.chars().filter(char::is_ascii_digit).count();
    }
    line_count <= 2
        && text.chars().count() <= 100
        && text.split_whitespace().count() <= 10
        && text.chars().next().is_some_and(char::is_uppercase)
}

/// Split the lines of one page into groups: paragraphs and bullets.
fn group_page(page: &[Line<'_>], hanging: bool) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut cur: Option<Group> = None;
    for (i, line) in page.iter().enumerate() {
        let t = line.text;
        if t.is_empty() {
            // A bullet glyph alone, a blank line, then its text (as plain
            // `pdftotext` prints a hanging bullet): one bullet.
            if cur
                .as_ref()
                .is_some_and(|g| g.kind == GroupKind::Bullet && g.lines.is_empty())
            {
                continue;
            }
            groups.extend(cur.take());
            continue;
        }
        if is_glyph_alone(t) {
            add_glyph_alone(&mut cur, &mut groups, line);
            continue;
        }
        // A line the language tables know as a heading stands alone, even
        // printed with no blank line around it.
        if is_known_heading(t) {
            groups.extend(cur.take());
            let mut g = Group::new(GroupKind::Plain, line.no);
            g.push(line.no, t);
            groups.push(g);
            continue;
        }
        let item_starts = cur.as_ref().is_none_or(|g| {
            g.lines
                .last()
                .is_some_and(|(_, l)| ends_sentence(l) || l.trim_end().ends_with(':'))
        }) || LETTER_ITEM.is_match(t);
        if let Some(rest) = bullet_start(t, item_starts) {
            groups.extend(cur.take());
            let mut g = Group::new(GroupKind::Bullet, line.no);
            g.mark = t.chars().next().map(|c| (c, line.indent));
            g.text_column = Some(line.indent + t.chars().count() - rest.chars().count());
            g.push(line.no, rest);
            cur = Some(g);
            continue;
        }
        if hanging
            && cur
                .as_ref()
                .is_some_and(|g| left_of_hanging_indent(g, line))
        {
            groups.extend(cur.take());
        }
        if let Some(g) = cur.as_mut() {
            let next_ends = page.get(i + 1).is_none_or(|n| {
                n.text.is_empty() || is_glyph_alone(n.text) || bullet_start(n.text, false).is_some()
            });
            if !starts_new_paragraph(g, t, next_ends) {
                g.push(line.no, t);
                continue;
            }
        }
        groups.extend(cur.take());
        let mut g = Group::new(GroupKind::Plain, line.no);
        g.push(line.no, t);
        cur = Some(g);
    }
    groups.extend(cur);
    groups
}

/// A heading printed without a blank line around it: a line in capitals
/// after a finished sentence, body text after a heading in capitals, a short
/// title after a finished sentence and before a bullet.
/// A bullet glyph alone on its line: one more mark of a column of marks
/// printed before their texts, or a bullet of its own (a mark of another
/// kind starts one: a nested list's first item under an empty outer mark).
fn add_glyph_alone(cur: &mut Option<Group>, groups: &mut Vec<Group>, line: &Line<'_>) {
    let t = line.text;
    match cur.as_mut() {
        Some(g)
            if g.kind == GroupKind::Bullet
                && g.lines.is_empty()
                && g.mark.is_none_or(|(c, _)| t.starts_with(c)) =>
        {
            g.glyph_lines.push(line.no)
        }
        _ => {
            groups.extend(cur.take());
            let mut g = Group::new(GroupKind::Bullet, line.no);
            g.glyph_lines.push(line.no);
            g.mark = t.chars().next().map(|c| (c, line.indent));
            *cur = Some(g);
        }
    }
}

/// `-layout` keeps a bullet's hanging indent: a line that starts left of
/// the bullet's text, and not further right than its mark, is no part of it.
fn left_of_hanging_indent(g: &Group, line: &Line<'_>) -> bool {
    let (Some(col), Some((_, mark_indent))) = (g.text_column, g.mark) else {
        return false;
    };
    g.kind == GroupKind::Bullet
        && line.indent < col
        && line.indent <= mark_indent
        && col > mark_indent + 1
}

fn starts_new_paragraph(g: &Group, line: &str, next_ends: bool) -> bool {
    let Some((_, last)) = g.lines.last() else {
        return false;
    };
    if is_caps_heading_line(line) && !is_caps(last) && ends_sentence(last) {
        return true;
    }
    if g.kind == GroupKind::Plain && g.all_caps_headings() && !is_caps(line) {
        return true;
    }
    next_ends
        && ends_sentence(last)
        && !last.trim_end().ends_with(':')
        && !ends_sentence(line)
        && !line.ends_with(',')
        && line.split_whitespace().count() <= 8
        && line.chars().next().is_some_and(char::is_uppercase)
}

/// Mark the paragraphs at the bottom of a page that are footnote bodies: a
/// small number, a space and text, the number glued to a word earlier (or
/// the text starting with a capital).
fn mark_footnotes(groups: &mut [Group], markers: &HashMap<u32, usize>) {
    for g in groups.iter_mut().rev() {
        if g.kind != GroupKind::Plain {
            break;
        }
        let Some((no, first)) = g.lines.first() else {
            break;
        };
        let Some(c) = FOOTNOTE.captures(first) else {
            break;
        };
        let glued = c[1]
            .parse::<u32>()
            .ok()
            .and_then(|n| markers.get(&n))
            .is_some_and(|&at| at < *no);
        let capital = c[2]
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || "“\"‘(«".contains(ch));
        if !(glued || capital) {
            break;
        }
        g.kind = GroupKind::Note;
    }
}

/// Whether the first group of a page continues the last one of the page
/// before (a bullet or paragraph broken by the page break).
fn continues_over_page(prev: &Group, next: &Group) -> bool {
    if next.kind != GroupKind::Plain || prev.kind == GroupKind::Note {
        return false;
    }
    let Some((_, first)) = next.lines.first() else {
        return false;
    };
    if is_caps_heading_line(first) {
        return false;
    }
    let Some((_, last)) = prev.lines.last() else {
        // A bullet glyph at the foot of the page, its text on the next.
        return prev.kind == GroupKind::Bullet;
    };
    if prev.kind == GroupKind::Plain && prev.all_caps_headings() {
        return false;
    }
    let starts_alnum = first.chars().next().is_some_and(char::is_alphanumeric);
    if ends_with_break(last) && starts_alnum {
        return true;
    }
    if ends_sentence(last) {
        return false;
    }
    if first.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    // After a comma, anything but a title goes on.
    last.ends_with(',') && {
        let text: Vec<&str> = next.lines.iter().map(|(_, l)| l.as_str()).collect();
        !is_heading(&collapse_whitespace(&text.join(" ")), text.len())
    }
}

/// Join the lines of one block, undoing line-end hyphenation where a word
/// was broken.
fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>, hyphenated: &WrittenWords) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        append_line(&mut out, line, &Written(hyphenated));
    }
    collapse_whitespace_owned(out)
}

/// The words a printed text writes whole ([`hyphenated_pairs`]), as evidence
/// about a hyphen at a line end.
struct Written<'a>(&'a WrittenWords<'a>);

impl Evidence for Written<'_> {
    fn keeps_hyphen(&self, head: &str, tail: &str) -> bool {
        let written = self.0;
        written.contains(format!("{head}-{tail}").as_str())
            || HYPHEN_PREFIXES.contains(&head)
            // `in-` / `migration`: the tail is a word of the document, the
            // two together are not.
            || (written.contains(tail) && !written.contains(format!("{head}{tail}").as_str()))
    }
}

/// Turn one group into blocks.
fn emit(
    g: &Group,
    depth: usize,
    hyphenated: &WrittenWords,
    blocks: &mut Vec<Block>,
    warnings: &mut Vec<Warning>,
) {
    match g.kind {
        GroupKind::Bullet => {
            if g.glyph_lines.len() > 1 {
                let items = split_column_bullets(g, hyphenated);
                if items.len() == g.glyph_lines.len() {
                    for (line, text) in g.glyph_lines.iter().zip(items) {
                        blocks.push(Block::new(BlockKind::ListItem { depth: 0 }, text, *line));
                    }
                    return;
                }
                warnings.push(Warning::at(
                    g.start,
                    WarningKind::BulletColumn {
                        marks: g.glyph_lines.len(),
                    },
                ));
            }
            let text = join_lines(g.lines.iter().map(|(_, l)| l.as_str()), hyphenated);
            // A mark without text (the extractor printed it apart from its
            // words) holds no words: furniture.
            let kind = if text.is_empty() {
                BlockKind::Note
            } else {
                BlockKind::ListItem { depth }
            };
            let text = if text.is_empty() {
                g.mark.map(|(c, _)| c.to_string()).unwrap_or_default()
            } else {
                text
            };
            blocks.push(Block::spanning(kind, text, g.start, g.last_line()));
        }
        GroupKind::Plain => {
            let text = join_lines(g.lines.iter().map(|(_, l)| l.as_str()), hyphenated);
            if !text.is_empty() {
                let kind = if is_heading(&text, g.lines.len()) {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(Block::spanning(kind, text, g.start, g.last_line()));
            }
        }
        GroupKind::Note => {
            for (line, lines) in split_footnotes(&g.lines) {
                let text = join_lines(lines.iter().map(|(_, l)| l.as_str()), hyphenated);
                let last = lines.last().map_or(line, |(no, _)| *no);
                if !text.is_empty() {
                    blocks.push(Block::spanning(BlockKind::Note, text, line, last));
                }
            }
        }
    }
}

/// Texts of bullets whose marks were printed in a column before them: one
/// text per line that ends a sentence.
fn split_column_bullets(g: &Group, hyphenated: &WrittenWords) -> Vec<String> {
    let mut items = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for (_, l) in &g.lines {
        cur.push(l);
        if ends_sentence(l) {
            items.push(join_lines(cur.drain(..), hyphenated));
        }
    }
    if !cur.is_empty() {
        items.push(join_lines(cur, hyphenated));
    }
    items
}

/// Split a paragraph of footnote bodies into one per footnote: a line that
/// starts with the next number starts the next footnote.
fn split_footnotes(lines: &[(usize, String)]) -> Vec<(usize, &[(usize, String)])> {
    let number = |l: &str| FOOTNOTE.captures(l).and_then(|c| c[1].parse::<u32>().ok());
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = lines.first().and_then(|(_, l)| number(l));
    for (i, (_, l)) in lines.iter().enumerate().skip(1) {
        let n = number(l);
        if let (Some(c), Some(n)) = (current, n)
            && n == c + 1
        {
            out.push((lines[start].0, &lines[start..i]));
            start = i;
            current = Some(n);
        }
    }
    if start < lines.len() {
        out.push((lines[start].0, &lines[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, String, usize)> {
        read_print(text)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text, b.line))
            .collect()
    }

    fn join(a: &str, b: &str, doc: &str) -> String {
        join_lines([a, b], &hyphenated_pairs(doc, &lines(doc)))
    }

    const ITEM: BlockKind = BlockKind::ListItem { depth: 0 };

    #[test]
    fn broken_word_is_joined() {
        assert_eq!(
            join("is beco-", "ming relevant", ""),
            "is becoming relevant"
        );
        assert_eq!(
            join("Migra-", "tion Governance", ""),
            "Migration Governance"
        );
    }

    #[test]
    fn running_lines_are_keyed_without_their_page_numbers() {
        for (line, key) in [
            (
                "12 | MIGRATION GOVERNANCE INDICATORS",
                "MIGRATION GOVERNANCE INDICATORS",
            ),
            ("12 MIGRATION GOVERNANCE", "MIGRATION GOVERNANCE"),
            ("12 |  Profil 2022", "Profil 2022"),
            ("Profile 2022 – 7", "Profile 2022"),
            ("Profile 2022 7", "Profile 2022"),
            ("Page  3", "Page"),
            ("2021 Title", "2021 Title"),
            ("12|Title", "12|Title"),
            ("Title -7", "Title"),
            ("Title|7", "Title|7"),
            ("12", "12"),
            ("1 | 2", "1 | 2"),
        ] {
            assert_eq!(running_key(line), key, "{line}");
        }
    }

    #[test]
    fn a_word_split_where_it_broke_is_no_evidence_of_a_compound() {
        // `con cernent` (a soft hyphen the extractor turned into a space)
        // is the broken word again, not `cernent` standing alone.
        let doc =
            "non déclarées, qui con-\ncernent les familles\nmesures qui con cernent les migrants";
        assert_eq!(join("qui con-", "cernent les", doc), "qui concernent les");
        // A tail that does stand alone keeps the compound's hyphen.
        let doc = "recognizes in-\nmigration from rural areas\nand migration";
        assert_eq!(
            join("recognizes in-", "migration from", doc),
            "recognizes in-migration from"
        );
    }

    #[test]
    fn a_mark_printed_apart_from_its_words_gets_the_paragraph_after_the_sub_points() {
        let text = "Examples of well-developed areas\n\n•\n\nThe Council runs two centres, opened in 2021\n\n•\n\n-\n\nthey provide information\n\n-\n\nthey refer victims\n\nThe city's schools accept migrant children.\n\nAreas with potential for further development\n\n•\n\nThe Council has no programme.\n";
        let got = blocks(text);
        let items: Vec<(&BlockKind, &str)> = got
            .iter()
            .filter(|(k, ..)| matches!(k, BlockKind::ListItem { .. }))
            .map(|(k, t, _)| (k, t.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                (
                    &BlockKind::ListItem { depth: 0 },
                    "The Council runs two centres, opened in 2021"
                ),
                (
                    &BlockKind::ListItem { depth: 1 },
                    "they provide information"
                ),
                (&BlockKind::ListItem { depth: 1 }, "they refer victims"),
                (
                    &BlockKind::ListItem { depth: 0 },
                    "The city's schools accept migrant children."
                ),
                (
                    &BlockKind::ListItem { depth: 0 },
                    "The Council has no programme."
                ),
            ]
        );
        assert!(
            got.iter()
                .any(|(k, t, _)| *k == BlockKind::Heading && t.starts_with("Areas with"))
        );
    }

    #[test]
    fn hyphen_kept_when_the_word_is_written_whole_elsewhere() {
        let doc = "the well-being of migrants\nand non-citizens";
        assert_eq!(
            join("socioeconomic well-", "being of", doc),
            "socioeconomic well-being of"
        );
        assert_eq!(
            join("including non-", "citizens", doc),
            "including non-citizens"
        );
        assert_eq!(
            join("including non-", "citizens", ""),
            "including noncitizens"
        );
        assert_eq!(
            join("whole-of-", "government", "a whole-of-government approach"),
            "whole-of-government"
        );
    }

    #[test]
    fn hyphen_between_digits_or_before_capitals_is_kept() {
        assert_eq!(
            join("Persons (2019-", "2021) provides", ""),
            "Persons (2019-2021) provides"
        );
        assert_eq!(
            join("the COVID-", "19 pandemic", ""),
            "the COVID-19 pandemic"
        );
        assert_eq!(
            join("in sub-", "Saharan Africa", ""),
            "in sub-Saharan Africa"
        );
        assert_eq!(join("in 2019–", "2021", ""), "in 2019–2021");
    }

    #[test]
    fn other_line_ends_join_with_a_space() {
        assert_eq!(join("migrants -", "and", ""), "migrants - and");
        assert_eq!(join("the law", "guarantees", ""), "the law guarantees");
        assert_eq!(
            join("the law\u{a0}", " guarantees", ""),
            "the law guarantees"
        );
    }

    #[test]
    fn soft_hyphen_at_line_end_joins_the_word() {
        assert_eq!(join("migra\u{ad}", "tion", ""), "migration");
    }

    #[test]
    fn bullet_continues_over_a_page_break() {
        let text = "HEAD\n\n•\nThe post has lanes for unac-\n\n12\n\u{0c}HEAD\n\ncompanied children.\n\n•\nNext.\n\n13\n\u{0c}HEAD\n\nText.\n";
        let b = blocks(text);
        assert_eq!(
            b,
            [
                (
                    ITEM,
                    "The post has lanes for unaccompanied children.".into(),
                    3
                ),
                (ITEM, "Next.".into(), 11),
                (BlockKind::Paragraph, "Text.".into(), 17),
            ]
        );
    }

    #[test]
    fn finished_bullet_does_not_continue_over_a_page_break() {
        let text = "HEAD\n\n•\nThe law applies.\n\n2\n\u{0c}HEAD\n\nthe next paragraph.\n\n3\n\u{0c}HEAD\n\nMore.\n";
        let b = blocks(text);
        assert_eq!(b[0], (ITEM, "The law applies.".into(), 3));
        assert_eq!(
            b[1],
            (BlockKind::Paragraph, "the next paragraph.".into(), 9)
        );
    }

    #[test]
    fn page_break_continuation_skips_footnotes() {
        let text = "HEAD\n\n•\nThe Taskforce coordinates the\n\n7 The Taskforce was set up in 2018.\n\n10\n\u{0c}HEAD\n\nwork of agencies.\n\n11\n\u{0c}HEAD\n\nEnd.\n";
        let b = blocks(text);
        assert_eq!(
            b[0],
            (
                ITEM,
                "The Taskforce coordinates the work of agencies.".into(),
                3
            )
        );
        assert_eq!(
            b[1],
            (
                BlockKind::Note,
                "7 The Taskforce was set up in 2018.".into(),
                6
            )
        );
    }

    #[test]
    fn heading_does_not_continue_over_a_page_break() {
        let text = "HEAD\n\n• Take stock of the policies\n\n2\n\u{0c}HEAD\n\nKEY FINDINGS\n\n3\n\u{0c}HEAD\n";
        let b = blocks(text);
        assert_eq!(b[0], (ITEM, "Take stock of the policies".into(), 3));
        assert_eq!(b[1], (BlockKind::Heading, "KEY FINDINGS".into(), 8));
    }

    #[test]
    fn continuation_after_a_comma_but_not_into_a_title() {
        let page = |body: &str| format!("HEAD\n\n{body}\n\n\u{0c}");
        let text = [
            page("•\nThe scheme supports returnees,"),
            page("Zimbabweans abroad and their families."),
            page("•\nThe plan covers migrants,"),
            page("Areas with potential for further development"),
        ]
        .concat();
        let b = blocks(&text);
        let got: Vec<_> = b.iter().map(|x| (x.0, x.1.as_str())).collect();
        assert_eq!(
            got,
            [
                (
                    ITEM,
                    "The scheme supports returnees, Zimbabweans abroad and their families."
                ),
                (ITEM, "The plan covers migrants,"),
                (
                    BlockKind::Heading,
                    "Areas with potential for further development"
                ),
            ]
        );
    }

    #[test]
    fn running_header_that_is_also_a_section_title() {
        let mut text = String::new();
        for p in 1..=4 {
            text.push_str(&format!(
                "KEY FINDINGS\n\n{}Body {p}.\n\n{p}\n\u{0c}",
                if p == 1 { "KEY FINDINGS\n\n" } else { "" }
            ));
        }
        let doc = read_print(&text);
        assert_eq!(doc.running_header.as_deref(), Some("KEY FINDINGS"));
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["KEY FINDINGS", "Body 1.", "Body 2.", "Body 3.", "Body 4."]
        );
    }

    #[test]
    fn table_of_contents_is_removed() {
        let text = "CONTENTS\n\nOBJECTIVES..........4\nAdherence to international standards and\nfulfilment of rights.........9\nCOVID-19 ANALYSIS . . . . . . 14\nKEY SOURCES……15\n\nOBJECTIVES\n";
        let b = blocks(text);
        assert_eq!(
            b,
            [
                (BlockKind::Heading, "CONTENTS".into(), 1),
                (BlockKind::Heading, "OBJECTIVES".into(), 9),
            ]
        );
    }

    #[test]
    fn running_header_footer_and_page_numbers_are_removed() {
        let mut text = String::from("Cover\n");
        for p in 1..=4 {
            text.push_str(&format!(
                "\u{0c}PROFILE 2021 | ZIMBABWE\n\nBody {p}.\n\nIOM | {p}\n\n{}\n",
                ["i", "ii", "iii", "iv"][p - 1]
            ));
        }
        let doc = read_print(&text);
        assert_eq!(
            doc.running_header.as_deref(),
            Some("PROFILE 2021 | ZIMBABWE")
        );
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Cover", "Body 1.", "Body 2.", "Body 3.", "Body 4."]);
    }

    #[test]
    fn alternating_headers_are_both_removed() {
        let mut text = String::new();
        for p in 1..=6 {
            let head = if p % 2 == 0 {
                "LEFT HEADER"
            } else {
                "RIGHT HEADER"
            };
            text.push_str(&format!("{p}\n{head}\n\nBody {p}.\n\u{0c}"));
        }
        let doc = read_print(&text);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Body 1.", "Body 2.", "Body 3.", "Body 4.", "Body 5.", "Body 6."
            ]
        );
        assert_eq!(doc.running_header.as_deref(), Some("RIGHT HEADER"));
    }

    #[test]
    fn no_header_without_pages() {
        let doc = read_print("KEY FINDINGS\n\n• One.\n");
        assert_eq!(doc.running_header, None);
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn word_joiner_before_a_page_number_does_not_hide_a_contents_line() {
        let b = blocks(
            "CONTENTS\n\nObjectives . . . . . . . . \u{2060}4\nKey findings . . . . . . . . \u{2060}4\n\nOBJECTIVES\n",
        );
        let texts: Vec<&str> = b.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(texts, ["CONTENTS", "OBJECTIVES"]);
    }

    #[test]
    fn ligatures_become_letters() {
        let b = blocks("The ﬁrst eﬀort to deﬁne conﬂicts, ﬃ and ﬄ.\n");
        assert_eq!(b[0].1, "The first effort to define conflicts, ffi and ffl.");
    }

    #[test]
    fn bullets_alone_or_with_text() {
        let b = blocks(
            "Intro:\n\n•\nOne line\nand more.\n\n\u{f0b7}\nTwo.\n\n▪ Three\n  continued.\no\nFour.\n",
        );
        let items: Vec<_> = b
            .iter()
            .filter(|x| x.0 == ITEM)
            .map(|x| (x.1.as_str(), x.2))
            .collect();
        assert_eq!(
            items,
            [
                ("One line and more.", 3),
                ("Two.", 7),
                ("Three continued.", 10),
                ("Four.", 12)
            ]
        );
    }

    #[test]
    fn heading_over_two_lines_is_one_block() {
        let b = blocks(
            "ADHERENCE TO INTERNATIONAL STANDARDS AND\nFULFILMENT OF MIGRANTS’ RIGHTS\n\nWell-developed areas\n",
        );
        assert_eq!(
            b[0],
            (
                BlockKind::Heading,
                "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANTS’ RIGHTS".into(),
                1
            )
        );
        assert_eq!(b[1].1, "Well-developed areas");
    }

    #[test]
    fn headings_without_blank_lines_are_split() {
        let b = blocks(
            "KEY FINDINGS\nThe MGI consists of indicators.\nWELL-BEING\nWell-developed areas\n• One.\n",
        );
        let got: Vec<_> = b.iter().map(|x| (x.0, x.1.as_str())).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Heading, "KEY FINDINGS"),
                (BlockKind::Paragraph, "The MGI consists of indicators."),
                (BlockKind::Heading, "WELL-BEING"),
                (BlockKind::Heading, "Well-developed areas"),
                (ITEM, "One."),
            ]
        );
    }

    #[test]
    fn footnotes_are_notes_one_per_number() {
        let text = "HEAD\n\nThis is relevant.1 And more.2\n\n1 IOM, World Migration Report.\n2 United Nations, Transforming our\nworld.\n\n5\n\u{0c}HEAD\n\nNext.\n";
        let b = blocks(text);
        assert_eq!(b[0].0, BlockKind::Paragraph);
        assert_eq!(b[0].1, "This is relevant.1 And more.2");
        assert_eq!(
            b[1],
            (BlockKind::Note, "1 IOM, World Migration Report.".into(), 5)
        );
        assert_eq!(
            b[2],
            (
                BlockKind::Note,
                "2 United Nations, Transforming our world.".into(),
                6
            )
        );
    }

    #[test]
    fn column_of_bullet_marks() {
        let b = blocks("•\n•\nFirst item.\nSecond item\nwrapped.\n");
        let items: Vec<_> = b.iter().map(|x| (x.0, x.1.as_str(), x.2)).collect();
        assert_eq!(
            items,
            [(ITEM, "First item.", 1), (ITEM, "Second item wrapped.", 2)]
        );
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("management.7"));
        assert!(ends_sentence("the “policy”."));
        assert!(ends_sentence("as follows:"));
        assert!(!ends_sentence("target 10.7"));
        assert!(!ends_sentence("for unac-"));
        assert!(!ends_sentence("(2015)"));
    }

    #[test]
    fn page_numbers() {
        for p in ["3", "xiv", "IV", "Page 3", "- 3 -", "3 / 15", "3 of 15"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2021", "mix", "ill", "Court.", "o", "Areas", "1000"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn never_panics() {
        for text in [
            "",
            "\u{0c}",
            "\u{0c}\u{0c}\u{0c}",
            "-",
            "•",
            "a-\u{0c}b",
            "\u{0}\u{1}\u{fffd}ﬁ\r\r\n\u{0c}•\u{0c}12\u{0c}",
            "x-\n\n\u{ad}\n–\n1 A\n",
            "1\n2\n3\n\u{0c}1\n\u{0c}i\n",
        ] {
            let _ = read_print(text);
        }
        let weird: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let _ = read_print(&weird);
    }
}
