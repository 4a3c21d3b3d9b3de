//! Stage 2: blocks → the findings of a profile.
//!
//! One recogniser for every input form. It walks the blocks once with a
//! `Cursor` (where we are: outside, after "Key findings", in the
//! introduction, in the findings of domain D and list L), writes what it
//! finds and what it has to say into a `Ledger`, and keeps `Votes` on the
//! language and the title.
//!
//! A list item becomes a finding only under both a domain heading and a
//! list heading: that is what tells the key findings apart from the site
//! chrome, which repeats the domain names without any list heading. A list
//! item indented under a finding is a sub-point of it; a line printed right
//! under a finding that is neither a heading nor a new bullet continues it.
//!
//! Nothing is dropped silently. From the first list heading to the end of
//! the key findings, every block is a finding (or part of one), a heading,
//! page furniture or the subject of a warning; [`Audit`] counts them, and
//! the readers account for every line in some block.

mod headings;

use foldhash::{HashMap, HashSet};

use crate::lang::{self, HeadingMatch, Meaning, TitleMatch};
use crate::model::{Domain, DomainId, Finding, FindingKind, ListName, Warning, WarningKind};
use crate::read::{Block, BlockKind, Document};

pub use headings::HeadingHit;

/// What the recogniser found in a document, before metadata is resolved.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    pub domains: Vec<Domain>,
    pub introduction: Vec<String>,
    /// The title, preferring one written in mixed case over a CAPITALS header.
    pub title: Option<TitleMatch>,
    pub title_line: Option<usize>,
    pub published: Option<String>,
    /// Language of the headings, by vote.
    pub language: Option<&'static str>,
    pub warnings: Vec<Warning>,
    pub audit: Audit,
    /// Running text outside the findings (at most `MAX_CONTEXT` paragraphs),
    /// where a place's country may be named when no table knows the place.
    pub context: Vec<String>,
}

/// Paragraphs kept as context: enough for a report's opening sections.
const MAX_CONTEXT: usize = 60;

/// Bookkeeping for the "nothing lost" invariant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audit {
    /// List items met while a domain was open.
    pub items_seen: usize,
    /// Of those, how many became findings.
    pub items_as_findings: usize,
    /// Of those, how many became sub-points of a finding.
    pub items_as_sub_points: usize,
    /// Of those, how many were reported in a warning.
    pub items_warned: usize,
    /// Blocks met inside the key findings (from the first list heading on).
    pub blocks_in_findings: usize,
    /// Of those, how many are a finding, part of one, a heading, page
    /// furniture or named in a warning.
    pub blocks_accounted: usize,
}

impl Audit {
    /// Every list item and every block of the key findings is accounted for.
    pub fn holds(&self) -> bool {
        self.items_seen == self.items_as_findings + self.items_as_sub_points + self.items_warned
            && self.blocks_in_findings == self.blocks_accounted
    }
}

/// The document holds no key findings: not a profile (or not one we can read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFindings {
    pub message: String,
}

/// Which part of a profile the walk is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Part {
    #[default]
    Outside,
    /// Right after a "Key findings" label: an introduction may follow.
    AfterKeyFindings,
    Introduction,
    /// From the first list heading under a domain to the end of the findings.
    Findings,
}

/// Where the walk stands.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    part: Part,
    /// Index in `Ledger::domains` of the open domain section.
    domain: Option<usize>,
    list: Option<FindingKind>,
    /// The finding that a sub-point or a continuation line goes on:
    /// (domain index, list, index in the list, last line read into it).
    open: Option<(usize, FindingKind, usize, usize)>,
}

/// What was found, and what was said about it.
#[derive(Debug, Default)]
struct Ledger {
    domains: Vec<Domain>,
    warnings: Vec<Warning>,
    audit: Audit,
    /// First line of each domain section, to report duplicates.
    domain_lines: Vec<(DomainId, usize)>,
    /// Domain sections opened in the findings part but still without a list.
    empty_sections: Vec<(DomainId, usize, String)>,
    /// List items under a domain heading but without a list heading, held
    /// until we know whether the document has findings at all.
    unlisted: Vec<(DomainId, Block)>,
    /// Headings already reported as approximate (reported once each).
    approximate_seen: HashSet<String>,
    /// The line of each finding by domain, list and text, to report a
    /// repeated bullet without searching the list (a list may be long).
    finding_lines: HashMap<(DomainId, FindingKind, String), usize>,
    /// The first list heading met for each list of each domain (line, text).
    list_headings: HashMap<(DomainId, FindingKind), (usize, String)>,
    /// A domain with findings named again outside the findings (line, text,
    /// first line): reported only if a list follows, since a word like
    /// "Government" in a list of sources is no second section.
    reopened: Option<(usize, String, usize)>,
}

/// What the document says about itself, by vote.
#[derive(Debug, Default)]
struct Votes {
    language: Vec<(&'static str, usize)>,
    titles: Vec<(TitleMatch, usize)>,
    published: Option<String>,
    introduction: Vec<String>,
    context: Vec<String>,
}

/// Recognise the findings and the metadata the text itself states.
pub fn recognise(doc: &Document) -> Result<Recognised, NoFindings> {
    let mut walk = Walk::default();
    let mut i = 0;
    while i < doc.blocks.len() {
        let in_findings = walk.cursor.part == Part::Findings;
        let taken = walk.step(&doc.blocks, i);
        if in_findings {
            walk.ledger.audit.blocks_in_findings += taken.blocks;
            if taken.accounted {
                walk.ledger.audit.blocks_accounted += taken.blocks;
            }
        }
        i += taken.blocks;
    }
    walk.finish(doc)
}

/// What one step did with the blocks it took.
struct Taken {
    blocks: usize,
    /// The blocks became findings, headings, furniture or warnings.
    accounted: bool,
}

impl Taken {
    fn one() -> Taken {
        Taken {
            blocks: 1,
            accounted: true,
        }
    }
}

#[derive(Debug, Default)]
struct Walk {
    cursor: Cursor,
    ledger: Ledger,
    votes: Votes,
    headings: headings::Headings,
}

impl Walk {
    fn step(&mut self, blocks: &[Block], i: usize) -> Taken {
        let block = &blocks[i];
        if block.kind == BlockKind::Note {
            return Taken::one();
        }
        let expected = self.expected_domain();
        if let Some(hit) = headings::heading_at(&mut self.headings, blocks, i, expected) {
            let line = block.line;
            for (m, text) in hit.headings() {
                self.heading(line, text, m);
            }
            return Taken {
                blocks: hit.blocks,
                accounted: true,
            };
        }
        if let Some(joined) = wrapped_title(blocks, i) {
            self.cursor.open = None;
            self.votes.titles.push((joined, block.line));
            if self.cursor.part == Part::Findings {
                self.close_findings();
            }
            return Taken {
                blocks: 2,
                accounted: true,
            };
        }
        match block.kind {
            BlockKind::ListItem { depth } => self.list_item(block, depth),
            _ => self.text_block(block),
        }
        Taken::one()
    }

    /// The domain MiGOF order puts after the open one.
    fn expected_domain(&self) -> Option<Meaning> {
        let next = match self.cursor.domain {
            Some(d) => DomainId::ALL.get(self.ledger.domains[d].domain.index() + 1)?,
            None => &DomainId::ALL[0],
        };
        Some(Meaning::Domain(*next))
    }

    fn vote(&mut self, language: &'static str) {
        match self.votes.language.iter_mut().find(|(l, _)| *l == language) {
            Some((_, n)) => *n += 1,
            None => self.votes.language.push((language, 1)),
        }
    }

    fn list_item(&mut self, block: &Block, depth: usize) {
        if self.cursor.part != Part::Findings {
            self.cursor.part = Part::Outside;
        }
        let Some(d) = self.cursor.domain else {
            if self.cursor.part == Part::Findings {
                self.ledger.audit.items_seen += 1;
                self.ledger.audit.items_warned += 1;
                self.ledger.warnings.push(Warning::at(
                    block.line,
                    WarningKind::BulletOutsideDomain {
                        excerpt: excerpt(&block.text),
                    },
                ));
            }
            return;
        };
        let id = self.ledger.domains[d].domain;
        let Some(kind) = self.cursor.list else {
            self.ledger.unlisted.push((id, block.clone()));
            return;
        };
        self.ledger.audit.items_seen += 1;
        if depth > 0
            && let Some((od, ok, oi, _)) = self.cursor.open
        {
            let finding = &mut self.ledger.domains[od].list_mut(ok)[oi];
            finding.push_item(&block.text);
            self.cursor.open = Some((od, ok, oi, block.last_line));
            self.ledger.audit.items_as_sub_points += 1;
            self.warn_odd_characters(block);
            return;
        }
        self.finding(d, id, kind, block);
    }

    fn finding(&mut self, d: usize, id: DomainId, kind: FindingKind, block: &Block) {
        self.cursor.open = None;
        if block.text.is_empty() {
            self.ledger.audit.items_warned += 1;
            self.ledger
                .warnings
                .push(Warning::at(block.line, WarningKind::EmptyBullet));
            return;
        }
        let key = (id, kind, block.text.clone());
        if let Some(&prev_line) = self.ledger.finding_lines.get(&key) {
            self.ledger.audit.items_warned += 1;
            self.ledger.warnings.push(Warning::at(
                block.line,
                WarningKind::RepeatedBullet {
                    first_line: prev_line,
                },
            ));
            return;
        }
        self.ledger.finding_lines.insert(key, block.line);
        let list = self.ledger.domains[d].list_mut(kind);
        list.push(Finding::new(block.text.clone(), block.line));
        self.cursor.open = Some((d, kind, list.len() - 1, block.last_line));
        self.ledger.audit.items_as_findings += 1;
        self.warn_odd_characters(block);
    }

    /// A list label that a word processor left in the text (a private-use
    /// Symbol-font glyph, a bullet glyph standing alone) is named, never kept
    /// silently.
    fn warn_odd_characters(&mut self, block: &Block) {
        // Both kinds of character are outside ASCII.
        if block.text.is_ascii() {
            return;
        }
        // One pass over the characters outside ASCII: the first private-use
        // character, else the first bullet glyph standing alone between
        // spaces.
        let (mut private, mut lone_glyph) = (None, None);
        let text = block.text.as_str();
        let mut at = 0;
        loop {
            at += crate::text::ascii_run(&text.as_bytes()[at..]);
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            if ('\u{e000}'..='\u{f8ff}').contains(&c) {
                private = Some(c);
                break;
            }
            let after = at + c.len_utf8();
            if lone_glyph.is_none()
                && is_bullet_glyph(c)
                && text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
                && text[after..].chars().next().is_none_or(char::is_whitespace)
            {
                lone_glyph = Some(c);
            }
            at = after;
        }
        let what = match (private, lone_glyph) {
            (Some(c), _) => format!("a private-use character U+{:04X}", u32::from(c)),
            (None, Some(g)) => format!("a lone bullet glyph \"{g}\""),
            (None, None) => return,
        };
        self.ledger.warnings.push(Warning::at(
            block.line,
            WarningKind::ListLabelInFinding {
                what,
                excerpt: excerpt(&block.text),
            },
        ));
    }

    fn text_block(&mut self, block: &Block) {
        let title = lang::match_title(&block.text);
        // A date line under the last bullet dates the profile; one that ends
        // a sentence ("… in July 2022.") is the bullet's end.
        let date = lang::match_date_line(&block.text).filter(|_| !block.text.ends_with('.'));
        let goes_on = block.may_continue || self.open_finding_unfinished();
        if title.is_none() && date.is_none() && goes_on && self.continue_finding(block) {
            return;
        }
        // A numbered finding that a reader gave as a paragraph ("1. La …").
        if self.cursor.part == Part::Findings
            && self.cursor.list.is_some()
            && let Some((depth, rest)) = numbered_item(&block.text)
        {
            let mut item = block.clone();
            item.text = rest.to_string();
            item.kind = BlockKind::ListItem { depth };
            self.list_item(&item, depth);
            return;
        }
        self.cursor.open = None;
        if let Some(date) = date.or_else(|| lang::match_date_line(&block.text)) {
            self.votes.published.get_or_insert(date);
            self.close_findings();
            return;
        }
        if let Some(t) = title {
            self.votes.titles.push((t, block.line));
            // A title line inside the findings ends them (web copies put it last).
            if self.cursor.part == Part::Findings && block.text.chars().count() < 200 {
                self.close_findings();
            }
            return;
        }
        match self.cursor.part {
            Part::Introduction => {
                if !is_intro_chrome(&block.text) {
                    self.votes.introduction.push(block.text.clone());
                }
            }
            Part::AfterKeyFindings => self.cursor.part = Part::Outside,
            Part::Findings => self.stray_text(block),
            Part::Outside => {
                if self.votes.context.len() < MAX_CONTEXT {
                    self.votes.context.push(block.text.clone());
                }
            }
        }
    }

    /// The finding above stops mid-sentence (no full stop, colon or
    /// semicolon at its end): the next line printed under it goes on it.
    fn open_finding_unfinished(&self) -> bool {
        self.cursor.open.is_some_and(|(d, kind, i, _)| {
            let text = self.ledger.domains[d].list(kind)[i].text.trim_end();
            !text.ends_with(['.', ':', ';', '!', '?', ')', '»', '”'])
        })
    }

    /// Append a line printed right under a finding to it; false when there
    /// is no finding just above.
    fn continue_finding(&mut self, block: &Block) -> bool {
        let Some((d, kind, i, last)) = self.cursor.open else {
            return false;
        };
        if block.line > last + 1 {
            return false;
        }
        let finding = &mut self.ledger.domains[d].list_mut(kind)[i];
        crate::read::join_continuation(&mut finding.text, &block.text);
        if let Some(item) = finding.items.last_mut() {
            crate::read::join_continuation(item, &block.text);
        }
        self.cursor.open = Some((d, kind, i, block.last_line));
        true
    }

    /// Running text inside the key findings: named, and it ends the list,
    /// so that a later bullet without a heading is reported rather than
    /// added to the wrong list.
    fn stray_text(&mut self, block: &Block) {
        if is_intro_chrome(&block.text) {
            return;
        }
        self.ledger.warnings.push(Warning::at(
            block.line,
            WarningKind::UnplacedText {
                excerpt: excerpt(&block.text),
            },
        ));
        if block.kind == BlockKind::Paragraph {
            self.cursor.list = None;
        }
    }

    fn heading(&mut self, line: usize, text: &str, h: HeadingMatch) {
        self.cursor.open = None;
        if h.approximate && self.ledger.approximate_seen.insert(text.to_string()) {
            self.ledger.warnings.push(Warning::at(
                line,
                WarningKind::ApproximateHeading {
                    text: text.to_string(),
                    canonical: h.canonical.to_string(),
                },
            ));
        }
        let after_key_findings = self.cursor.part == Part::AfterKeyFindings;
        if self.cursor.part != Part::Findings {
            self.cursor.part = Part::Outside;
        }
        match h.meaning {
            Meaning::KeyFindings => {
                self.cursor.domain = None;
                self.cursor.list = None;
                if self.cursor.part != Part::Findings {
                    self.cursor.part = Part::AfterKeyFindings;
                }
            }
            Meaning::Introduction => {
                self.vote(h.language);
                self.cursor.domain = None;
                self.cursor.list = None;
                if after_key_findings {
                    self.cursor.part = Part::Introduction;
                }
            }
            Meaning::EndOfFindings => self.close_findings(),
            Meaning::Domain(id) => {
                self.vote(h.language);
                self.open_domain(id, line, text);
            }
            Meaning::List(kind) => {
                self.vote(h.language);
                self.open_list(kind, line, text);
            }
        }
    }

    fn open_list(&mut self, kind: FindingKind, line: usize, text: &str) {
        self.cursor.part = Part::Findings;
        if let Some((at, name, first)) = self.ledger.reopened.take() {
            self.ledger.warnings.push(Warning::at(
                at,
                WarningKind::DomainAgain {
                    name,
                    first_line: first,
                },
            ));
        }
        if let Some(d) = self.cursor.domain {
            self.cursor.list = Some(kind);
            self.ledger
                .list_headings
                .entry((self.ledger.domains[d].domain, kind))
                .or_insert_with(|| (line, text.to_string()));
        } else {
            self.cursor.list = None;
            // Its bullets are reported as outside any domain.
            self.ledger.warnings.push(Warning::at(
                line,
                WarningKind::ListHeadingOutsideDomain {
                    text: text.to_string(),
                },
            ));
        }
    }

    fn open_domain(&mut self, id: DomainId, line: usize, text: &str) {
        self.cursor.list = None;
        self.ledger.reopened = None;
        // Web chrome doubles each domain name; a repeat of the heading just
        // opened is the same section.
        if let Some(d) = self.cursor.domain
            && self.ledger.domains[d].domain == id
            && self.ledger.domains[d].strengths.is_empty()
            && self.ledger.domains[d].improvements.is_empty()
        {
            return;
        }
        if self.cursor.part == Part::Findings {
            self.ledger
                .empty_sections
                .push((id, line, text.to_string()));
        }
        let ledger = &mut self.ledger;
        let index = match ledger.domains.iter().position(|d| d.domain == id) {
            Some(i) => {
                let has_findings = !ledger.domains[i].strengths.is_empty()
                    || !ledger.domains[i].improvements.is_empty();
                if has_findings {
                    let first = ledger
                        .domain_lines
                        .iter()
                        .find(|(d, _)| *d == id)
                        .map_or(0, |(_, l)| *l);
                    ledger.reopened = Some((line, text.to_string(), first));
                } else {
                    // A chrome section: the key-findings heading names the domain.
                    ledger.domains[i].name = text.to_string();
                    ledger.domain_lines.retain(|(d, _)| *d != id);
                    ledger.domain_lines.push((id, line));
                }
                i
            }
            None => {
                ledger.domains.push(Domain {
                    domain: id,
                    name: text.to_string(),
                    strengths: Vec::new(),
                    improvements: Vec::new(),
                });
                ledger.domain_lines.push((id, line));
                ledger.domains.len() - 1
            }
        };
        self.cursor.domain = Some(index);
    }

    fn close_findings(&mut self) {
        self.cursor = Cursor::default();
    }

    fn finish(self, doc: &Document) -> Result<Recognised, NoFindings> {
        let Walk {
            mut ledger, votes, ..
        } = self;
        let total: usize = ledger
            .domains
            .iter()
            .map(|d| d.strengths.len() + d.improvements.len())
            .sum();
        if total == 0 {
            return Err(NoFindings {
                message: no_findings_message(&votes),
            });
        }
        ledger.report_unlisted();
        ledger.report_empty_sections();
        // Chrome sections never got findings: drop them, keep MiGOF order.
        ledger
            .domains
            .retain(|d| !d.strengths.is_empty() || !d.improvements.is_empty());
        ledger.domains.sort_by_key(|d| d.domain.index());
        ledger.report_missing_domains();
        ledger.report_empty_lists();
        let (title, title_line) = pick_title(votes.titles, doc);
        let language = pick_language(&votes.language, &ledger.domains);
        if !ledger.audit.holds() {
            let a = ledger.audit;
            ledger
                .warnings
                .push(Warning::general(WarningKind::AuditFailed {
                    items_seen: a.items_seen,
                    items_as_findings: a.items_as_findings,
                    items_warned: a.items_warned,
                    blocks_in_findings: a.blocks_in_findings,
                    blocks_accounted: a.blocks_accounted,
                }));
        }
        ledger
            .warnings
            .sort_by_key(|w| w.line.unwrap_or(usize::MAX));
        Ok(Recognised {
            domains: ledger.domains,
            introduction: votes.introduction,
            title,
            title_line,
            published: votes.published,
            language,
            warnings: ledger.warnings,
            audit: ledger.audit,
            context: votes.context,
        })
    }
}

impl Ledger {
    /// Bullets under a domain without a list heading: reported, not guessed.
    fn report_unlisted(&mut self) {
        for (id, block) in std::mem::take(&mut self.unlisted) {
            self.audit.items_seen += 1;
            self.audit.items_warned += 1;
            self.warnings.push(Warning::at(
                block.line,
                WarningKind::BulletWithoutListHeading {
                    domain: id.as_str(),
                    excerpt: excerpt(&block.text),
                },
            ));
        }
    }

    fn report_empty_sections(&mut self) {
        for (id, line, text) in std::mem::take(&mut self.empty_sections) {
            let still_empty = self
                .domains
                .iter()
                .find(|d| d.domain == id)
                .is_none_or(|d| d.strengths.is_empty() && d.improvements.is_empty());
            if still_empty {
                self.warnings.push(Warning::at(
                    line,
                    WarningKind::DomainHeadingWithoutBullets {
                        text: text.to_string(),
                    },
                ));
            }
        }
    }

    fn report_missing_domains(&mut self) {
        let missing: Vec<&'static str> = DomainId::ALL
            .iter()
            .filter(|id| !self.domains.iter().any(|d| d.domain == **id))
            .map(|id| id.as_str())
            .collect();
        if !missing.is_empty() {
            self.warnings
                .push(Warning::general(WarningKind::DomainsMissing {
                    ids: missing,
                }));
        }
    }

    fn report_empty_lists(&mut self) {
        let mut found = Vec::new();
        for d in &self.domains {
            for kind in [FindingKind::Strength, FindingKind::Improvement] {
                if d.list(kind).is_empty() {
                    found.push(self.empty_list_warning(d, kind));
                }
            }
        }
        self.warnings.extend(found);
    }

    fn empty_list_warning(&self, d: &Domain, kind: FindingKind) -> Warning {
        let list = match kind {
            FindingKind::Strength => ListName::Strengths,
            FindingKind::Improvement => ListName::Improvements,
        };
        let domain = d.domain.as_str();
        if let Some((line, text)) = self.list_headings.get(&(d.domain, kind)) {
            let heading = text.clone();
            return Warning::at(
                *line,
                WarningKind::EmptyList {
                    heading,
                    domain,
                    list,
                },
            );
        }
        let kind = WarningKind::NoListHeading {
            domain,
            list,
            domain_heading: d.name.clone(),
        };
        let line = self.domain_lines.iter().find(|(l, _)| *l == d.domain);
        Warning::new(line.map(|(_, line)| *line), kind)
    }
}

/// Why a document gave no findings, in the words of its own language when
/// its headings told which.
fn no_findings_message(votes: &Votes) -> String {
    let code = votes
        .language
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or("en", |(l, _)| *l);
    let lang = lang::language(code).unwrap_or(lang::LANGUAGES[0]);
    let strengths = lang.strengths.first().copied().unwrap_or_default();
    let improvements = lang.improvements.first().copied().unwrap_or_default();
    format!(
        "no key findings found: no bullet stands under both a domain heading and a list heading (\"{strengths}\" / \"{improvements}\"); is this an MGI profile?"
    )
}

/// The title: mixed case beats a CAPITALS running header; a title from the
/// text beats nothing; otherwise the printed running header.
fn pick_title(
    mut titles: Vec<(TitleMatch, usize)>,
    doc: &Document,
) -> (Option<TitleMatch>, Option<usize>) {
    if let Some(header) = &doc.running_header
        && let Some(t) = lang::match_title(header)
    {
        titles.push((t, 0));
    }
    let pick = titles
        .iter()
        .position(|(t, _)| !is_all_caps(&t.title))
        .or(if titles.is_empty() { None } else { Some(0) });
    match pick {
        Some(i) => {
            let (t, line) = titles.swap_remove(i);
            (Some(t), (line > 0).then_some(line))
        }
        None => (None, None),
    }
}

/// The language whose headings were met most; ties broken by the words of
/// the findings.
fn pick_language(votes: &[(&'static str, usize)], domains: &[Domain]) -> Option<&'static str> {
    let best = votes.iter().map(|(_, n)| *n).max()?;
    let tied: Vec<&'static str> = votes
        .iter()
        .filter(|(_, n)| *n == best)
        .map(|(l, _)| *l)
        .collect();
    if tied.len() == 1 {
        return Some(tied[0]);
    }
    let text: String = domains
        .iter()
        .flat_map(|d| d.strengths.iter().chain(&d.improvements))
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    tied.into_iter()
        .max_by_key(|code| lang::language(code).map_or(0, |l| lang::stopword_score(l, &text)))
}

/// A title wrapped over two lines (a text dump at 80 columns): the first
/// line alone reads as a title without its year, the two together with it.
fn wrapped_title(blocks: &[Block], i: usize) -> Option<TitleMatch> {
    let (block, next) = (&blocks[i], blocks.get(i + 1)?);
    if block.is_list_item() || next.is_list_item() || next.line > block.last_line + 1 {
        return None;
    }
    let alone = lang::match_title(&block.text)?;
    if alone.year.is_some() {
        return None;
    }
    let joined = lang::match_title(&format!("{} {}", block.text, next.text))?;
    joined.year.is_some().then_some(joined)
}

/// A paragraph that opens with a list number: `1.` or `2)` (depth 0), `a)`
/// (depth 1); the text after it. Inside a list, such a paragraph is an item.
pub fn numbered_item(text: &str) -> Option<(usize, &str)> {
    static NUMBERED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:(\d{1,2})[.)]|([a-z])\))\s+\S").expect("valid regex")
    });
    let c = NUMBERED.captures(text)?;
    let depth = usize::from(c.get(2).is_some());
    let mark_end = c.get(1).or(c.get(2)).map_or(0, |m| m.end()) + 1;
    Some((depth, text[mark_end..].trim_start()))
}

fn is_bullet_glyph(c: char) -> bool {
    matches!(
        c,
        '•' | '●'
            | '◦'
            | '▪'
            | '▫'
            | '■'
            | '□'
            | '‣'
            | '○'
            | '◆'
            | '◇'
            | '►'
            | '▶'
            | '➢'
            | '➤'
            | '❖'
    )
}

fn is_intro_chrome(text: &str) -> bool {
    static CHROME: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        lang::LANGUAGES
            .iter()
            .flat_map(|l| l.intro_chrome.iter())
            .map(|p| lang::normalize(p))
            .collect()
    });
    let norm = lang::normalize(text);
    CHROME.iter().any(|p| norm.starts_with(p.as_str()))
}

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// The beginning of a text, for messages.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::read_text;

    fn rec(text: &str) -> Result<Recognised, NoFindings> {
        recognise(&read_text(text))
    }

    const TWO_DOMAINS: &str = "\
Droits des migrants
Droits des migrants

Les indicateurs dans ce domaine examinent les droits.

Key findings
Droits des migrants

Gouvernance de la migration : exemples d’aspects bien développés :

  • Premier point fort.
  • Deuxième point fort.

Aspects qui pourraient être renforcés :

  • Un point à renforcer.
Key findings
Partenariats

Gouvernance de la migration : exemples d’aspects bien développés :

  • Un partenariat.

Aspects qui pourraient être renforcés :

  • Pas d’accord de réadmission.

2021 Septembre

Deuxième profil de gouvernance de la migration : République du Mali (2021)
";

    #[test]
    fn findings_under_domain_and_list_headings() {
        let r = rec(TWO_DOMAINS).unwrap();
        assert_eq!(r.domains.len(), 2);
        assert_eq!(r.domains[0].domain, DomainId::MigrantsRights);
        let texts: Vec<_> = r.domains[0]
            .strengths
            .iter()
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(texts, ["Premier point fort.", "Deuxième point fort."]);
        assert_eq!(r.domains[0].strengths[0].line, 11);
        assert_eq!(
            r.domains[1].improvements[0].text,
            "Pas d’accord de réadmission."
        );
        assert_eq!(r.published.as_deref(), Some("2021-09"));
        assert_eq!(r.title.as_ref().unwrap().edition, Some(2));
        assert_eq!(r.language, Some("fr"));
        assert!(r.audit.holds());
        assert!(
            r.warnings
                .iter()
                .any(|w| matches!(w.kind, Some(WarningKind::DomainsMissing { .. })))
        );
    }

    #[test]
    fn chrome_bullets_without_list_heading_are_not_findings() {
        let err = rec("DROITS DES MIGRANTS\nLes indicateurs examinent :\n- Regroupement familial\n- Droit au travail\n")
            .unwrap_err();
        assert!(err.message.starts_with("no key findings found"));
        assert!(
            err.message.contains("aspects bien développés"),
            "{}",
            err.message
        );
    }

    #[test]
    fn bullets_without_heading_and_duplicates_are_reported() {
        let text = format!(
            "{TWO_DOMAINS}\nKey findings\nDroits des migrants\n\n  • Orphan bullet.\n\nAspects qui pourraient être renforcés :\n  • Un point à renforcer.\n"
        );
        let r = rec(&text).unwrap();
        assert!(
            r.warnings
                .iter()
                .any(|w| matches!(w.kind, Some(WarningKind::DomainAgain { .. })))
        );
        assert!(r.warnings.iter().any(
            |w| matches!(&w.kind, Some(WarningKind::BulletWithoutListHeading { excerpt, .. })
                        if excerpt == "Orphan bullet.")
        ));
        assert!(
            r.warnings
                .iter()
                .any(|w| matches!(w.kind, Some(WarningKind::RepeatedBullet { .. })))
        );
        assert_eq!(r.domains[0].improvements.len(), 1);
        assert!(r.audit.holds());
        assert_eq!(r.audit.items_seen, 7);
    }

    #[test]
    fn sub_points_belong_to_their_finding() {
        let text = "Partnerships\nWell-developed areas\n  • The country has agreements with:\n      ◦ Qatar (2018)\n      ◦ United Arab Emirates (2019)\n  • Another strength.\n";
        let r = rec(text).unwrap();
        let s = &r.domains[0].strengths;
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].text,
            "The country has agreements with: Qatar (2018); United Arab Emirates (2019)"
        );
        assert_eq!(s[0].items, ["Qatar (2018)", "United Arab Emirates (2019)"]);
        assert!(r.audit.holds());
    }

    #[test]
    fn running_text_in_the_findings_is_named() {
        let text =
            "Partnerships\nWell-developed areas\n  • One strength.\n\nSome stray paragraph here.\n";
        let r = rec(text).unwrap();
        let w = r
            .warnings
            .iter()
            .find(|w| w.unplaced_text)
            .expect("a warning naming the stray text");
        assert_eq!(w.line, Some(5));
        assert_eq!(
            w.kind,
            Some(WarningKind::UnplacedText {
                excerpt: "Some stray paragraph here.".into()
            })
        );
        assert!(r.audit.holds());
    }
}
