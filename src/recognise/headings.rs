//! Which blocks are headings, whatever the reader made of them.
//!
//! A heading may reach the recogniser as a heading, a paragraph or even a
//! list item (a printed `1. ADHERENCE TO …` reads as a numbered item), wrapped
//! over two blocks (a text dump of a long MiGOF name in capitals), or glued to
//! the next heading (a domain heading printed right above its list heading).
//! This module tells them apart; the meaning of the words comes from
//! [`crate::lang`].

use std::borrow::Cow;

use foldhash::HashMap;

use crate::lang::{self, HeadingMatch, HeadingReading, Meaning};
use crate::read::{Block, BlockKind};

/// Blocks with more words than this are running text, never headings.
const MAX_HEADING_WORDS: usize = 24;

/// The headings found at one place of the block stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingHit<'a> {
    /// One heading, with its text as written (a block's, or two blocks'
    /// joined).
    pub first: (HeadingMatch, Cow<'a, str>),
    /// The list heading glued to a domain heading, if any.
    pub glued: Option<(HeadingMatch, String)>,
    /// How many blocks the headings take (2 when one was wrapped over two).
    pub blocks: usize,
}

impl HeadingHit<'_> {
    /// Each heading with its text, in reading order.
    pub fn headings(&self) -> impl Iterator<Item = (HeadingMatch, &str)> {
        let first = (self.first.0, self.first.1.as_ref());
        std::iter::once(first).chain(self.glued.as_ref().map(|(m, t)| (*m, t.as_str())))
    }
}

/// Whether a block has the shape of a heading: short, and, for a list item,
/// not a sentence (findings end with a full stop; headings do not).
fn heading_shaped(block: &Block) -> bool {
    if block.kind == BlockKind::Note || block.text.is_empty() {
        return false;
    }
    if block.is_list_item() && block.text.trim_end().ends_with(['.', ';', ',']) {
        return false;
    }
    !crate::text::has_more_words_than(&block.text, MAX_HEADING_WORDS)
}

/// The headings of one document, as the tables read its texts. The walk
/// meets a text more than once (alone, joined to the next block, as a half
/// of a glued heading; a page's running title on every page), and reading
/// a heading is the recogniser's main cost: each text is read once, then
/// resolved against each place's expected meaning.
#[derive(Debug, Default)]
pub(crate) struct Headings {
    read: HashMap<String, Reading>,
}

/// What the tables make of one text.
#[derive(Debug)]
struct Reading {
    heading: HeadingReading,
    /// Some of its words could belong to a list heading (see
    /// [`split_heading`]).
    may_hold_list_heading: bool,
}

impl Headings {
    fn read(&mut self, text: &str) -> &Reading {
        if !self.read.contains_key(text) {
            let norm = lang::normalize(text);
            let words = lang::signature::heading_words_normalized(&norm);
            let reading = Reading {
                heading: lang::read_heading_words(text, &norm, &words),
                may_hold_list_heading: lang::signature::may_hold_list_heading(&words),
            };
            self.read.insert(text.to_string(), reading);
        }
        &self.read[text]
    }

    fn match_text(&mut self, text: &str, expected: Option<Meaning>) -> Option<HeadingMatch> {
        self.read(text).heading.resolve(expected)
    }
}

/// Two blocks printed one under the other, as the lines of one heading are.
fn adjacent(a: &Block, b: &Block) -> bool {
    b.line <= a.last_line + 1 && !b.is_list_item() && heading_shaped(b)
}

/// The heading(s) starting at `blocks[i]`, if any. `expected` is the
/// domain that MiGOF order puts next, which wins a tie.
pub(crate) fn heading_at<'a>(
    headings: &mut Headings,
    blocks: &'a [Block],
    i: usize,
    expected: Option<Meaning>,
) -> Option<HeadingHit<'a>> {
    let block = &blocks[i];
    if !heading_shaped(block) {
        return None;
    }
    let next = blocks.get(i + 1).filter(|n| adjacent(block, n));
    let whole = headings.match_text(&block.text, expected);
    // Two headings glued together fit one of them only roughly.
    if whole.is_none_or(|m| m.approximate)
        && let Some(hit) = split_heading(headings, &block.text, expected)
    {
        return Some(hit);
    }
    if let Some(m) = whole {
        // A heading wrapped over two blocks: the second alone means nothing.
        if let Some(n) = next
            && headings.match_text(&n.text, None).is_none()
            && lang::match_date_line(&n.text).is_none()
        {
            let joined = format!("{} {}", block.text, n.text);
            if let Some(j) = headings.match_text(&joined, expected)
                && j.meaning == m.meaning
            {
                return Some(HeadingHit::one(j, joined.into(), 2));
            }
        }
        return Some(HeadingHit::one(m, block.text.as_str().into(), 1));
    }
    if let Some(n) = next {
        let joined = format!("{} {}", block.text, n.text);
        if let Some(j) = headings.match_text(&joined, expected) {
            return Some(HeadingHit::one(j, joined.into(), 2));
        }
    }
    None
}

impl<'a> HeadingHit<'a> {
    fn one(m: HeadingMatch, text: Cow<'a, str>, blocks: usize) -> HeadingHit<'a> {
        HeadingHit {
            first: (m, text),
            glued: None,
            blocks,
        }
    }
}

/// A domain heading and its list heading printed as one block
/// ("Partnerships Well-developed areas").
fn split_heading(
    headings: &mut Headings,
    text: &str,
    expected: Option<Meaning>,
) -> Option<HeadingHit<'static>> {
    if !headings.read(text).may_hold_list_heading {
        return None;
    }
    let words: smallvec::SmallVec<[&str; 24]> = text.split_whitespace().collect();
    // Where the words are separated by single spaces, as in most blocks,
    // the halves are pieces of the text, not copies.
    let spaced = matches!(crate::read::collapse_whitespace(text), Cow::Borrowed(_));
    let mut best: Option<(usize, HeadingHit)> = None;
    for k in 1..words.len() {
        // A list heading starts with a capital ("Well-developed areas").
        if !words[k].starts_with(char::is_uppercase) {
            continue;
        }
        let (left, right): (Cow<str>, Cow<str>) = if spaced {
            // Each word before `k` takes its length and one space.
            let at: usize = words[..k].iter().map(|w| w.len() + 1).sum();
            (text[..at - 1].into(), text[at..].into())
        } else {
            (words[..k].join(" ").into(), words[k..].join(" ").into())
        };
        let Some(r) = headings
            .match_text(&right, None)
            .filter(|r| matches!(r.meaning, Meaning::List(_)))
        else {
            continue;
        };
        let Some(l) = headings
            .match_text(&left, expected)
            .filter(|l| matches!(l.meaning, Meaning::Domain(_)))
        else {
            continue;
        };
        // The cut where both halves match best (fewest approximations).
        let rough = usize::from(l.approximate) + usize::from(r.approximate);
        if best.as_ref().is_none_or(|(b, _)| rough < *b) {
            let hit = HeadingHit {
                first: (l, left.into_owned().into()),
                glued: Some((r, right.into_owned())),
                blocks: 1,
            };
            best = Some((rough, hit));
        }
    }
    best.map(|(_, hit)| hit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DomainId, FindingKind};

    fn para(text: &str, line: usize) -> Block {
        Block::new(BlockKind::Paragraph, text, line)
    }

    #[test]
    fn a_heading_wrapped_over_two_lines_is_one() {
        let blocks = [
            para("FORMULACIÓN DE POLÍTICAS BASADAS EN DATOS EMPÍRICOS", 10),
            para("Y APLICACIÓN DE UN ENFOQUE DE GOBIERNO INTEGRAL", 11),
        ];
        let hit = heading_at(&mut Headings::default(), &blocks, 0, None).unwrap();
        assert_eq!(hit.blocks, 2);
        assert_eq!(
            hit.first.0.meaning,
            Meaning::Domain(DomainId::WholeOfGovernment)
        );
    }

    #[test]
    fn a_domain_heading_glued_to_its_list_heading_is_two() {
        let blocks = [para("Partnerships Well-developed areas", 3)];
        let hit = heading_at(&mut Headings::default(), &blocks, 0, None).unwrap();
        assert_eq!(
            hit.headings().map(|(m, _)| m.meaning).collect::<Vec<_>>(),
            [
                Meaning::Domain(DomainId::Partnerships),
                Meaning::List(FindingKind::Strength)
            ]
        );
    }

    #[test]
    fn a_numbered_item_in_capitals_is_a_heading_and_a_sentence_is_not() {
        let item = Block::new(
            BlockKind::ListItem { depth: 0 },
            "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANTS’ RIGHTS",
            5,
        );
        assert!(heading_at(&mut Headings::default(), &[item], 0, None).is_some());
        let finding = Block::new(
            BlockKind::ListItem { depth: 0 },
            "Adherence to international standards and the fulfilment of migrants’ rights.",
            5,
        );
        assert!(heading_at(&mut Headings::default(), &[finding], 0, None).is_none());
    }
}
