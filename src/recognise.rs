//! Stage 2: blocks → the findings of a profile.
//!
//! One recogniser for every input form. It walks the blocks once, keeping a
//! small state: the current domain (set by a domain heading) and the current
//! list (set by a strengths/improvements heading). A list item becomes a
//! finding only under both; that is what tells the key findings apart from
//! the site chrome, which repeats the domain names without any list heading.
//!
//! Nothing is dropped silently: every list item met after a domain heading is
//! either a finding or the subject of a warning, and [`Recognised::audit`]
//! counts them.

use std::collections::{HashMap, HashSet};

use crate::lang::{self, HeadingMatch, Meaning, TitleMatch};
use crate::model::{Domain, DomainId, Finding, FindingKind, Warning};
use crate::read::{Block, BlockKind, Document};

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
}

/// Bookkeeping for the "nothing lost" invariant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Audit {
    /// List items met while a domain was open.
    pub items_seen: usize,
    /// Of those, how many became findings.
    pub items_as_findings: usize,
    /// Of those, how many were reported in a warning.
    pub items_warned: usize,
}

impl Audit {
    /// Every list item is accounted for.
    pub fn holds(&self) -> bool {
        self.items_seen == self.items_as_findings + self.items_warned
    }
}

/// The document holds no key findings: not a profile (or not one we can read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoFindings {
    pub message: String,
}

/// Blocks longer than this are running text, never headings.
const MAX_HEADING_WORDS: usize = 18;

struct State {
    out: Recognised,
    /// Index in `out.domains` of the open domain section.
    domain: Option<usize>,
    list: Option<FindingKind>,
    /// Inside the key findings (a list heading was seen and no end marker since).
    in_findings: bool,
    /// The previous heading was "Key findings" (an introduction may follow).
    after_key_findings: bool,
    in_introduction: bool,
    /// Domain sections opened in the findings part but still without a list.
    empty_sections: Vec<(DomainId, usize, String)>,
    /// List items under a domain heading but without a list heading, held
    /// until we know whether the document has findings at all.
    unlisted: Vec<(DomainId, Block)>,
    language_votes: Vec<(&'static str, usize)>,
    /// First line of each domain section, to report duplicates.
    domain_lines: Vec<(DomainId, usize)>,
    titles: Vec<(TitleMatch, usize)>,
    /// Headings already reported as approximate (reported once each).
    approximate_seen: HashSet<String>,
    /// The line of each finding by domain, list and text, to report a
    /// repeated bullet without searching the list (a list may be long).
    finding_lines: HashMap<(DomainId, FindingKind, String), usize>,
    /// The first list heading met for each list of each domain (line, text).
    list_headings: HashMap<(DomainId, FindingKind), (usize, String)>,
}

/// Recognise the findings and the metadata the text itself states.
pub fn recognise(doc: &Document) -> Result<Recognised, NoFindings> {
    let mut st = State {
        out: Recognised::default(),
        domain: None,
        list: None,
        in_findings: false,
        after_key_findings: false,
        in_introduction: false,
        empty_sections: Vec::new(),
        unlisted: Vec::new(),
        language_votes: Vec::new(),
        domain_lines: Vec::new(),
        titles: Vec::new(),
        approximate_seen: HashSet::new(),
        finding_lines: HashMap::new(),
        list_headings: HashMap::new(),
    };
    for block in &doc.blocks {
        st.block(block);
    }
    st.finish(doc)
}

impl State {
    fn vote(&mut self, language: &'static str) {
        match self.language_votes.iter_mut().find(|(l, _)| *l == language) {
            Some((_, n)) => *n += 1,
            None => self.language_votes.push((language, 1)),
        }
    }

    fn block(&mut self, block: &Block) {
        match block.kind {
            BlockKind::Note => {}
            BlockKind::ListItem { .. } => self.list_item(block),
            BlockKind::Heading | BlockKind::Paragraph => self.text_block(block),
        }
    }

    fn list_item(&mut self, block: &Block) {
        self.in_introduction = false;
        self.after_key_findings = false;
        let Some(d) = self.domain else {
            if self.in_findings {
                self.out.audit.items_seen += 1;
                self.out.audit.items_warned += 1;
                self.out.warnings.push(Warning::at(
                    block.line,
                    format!(
                        "bullet outside any domain, not taken as a finding: \"{}\"",
                        excerpt(&block.text)
                    ),
                ));
            }
            return;
        };
        let id = self.out.domains[d].domain;
        let Some(kind) = self.list else {
            self.unlisted.push((id, block.clone()));
            return;
        };
        self.out.audit.items_seen += 1;
        if block.text.is_empty() {
            self.out.audit.items_warned += 1;
            self.out
                .warnings
                .push(Warning::at(block.line, "empty bullet ignored"));
            return;
        }
        let key = (id, kind, block.text.clone());
        if let Some(&prev_line) = self.finding_lines.get(&key) {
            self.out.audit.items_warned += 1;
            self.out.warnings.push(Warning::at(
                block.line,
                format!(
                    "this bullet repeats the one of line {prev_line} in the same list; kept once"
                ),
            ));
            return;
        }
        self.finding_lines.insert(key, block.line);
        self.out.domains[d].list_mut(kind).push(Finding {
            text: block.text.clone(),
            line: block.line,
        });
        self.out.audit.items_as_findings += 1;
    }

    fn text_block(&mut self, block: &Block) {
        if let Some(h) = heading(block) {
            self.heading(block, h);
            return;
        }
        if let Some(date) = lang::match_date_line(&block.text) {
            self.out.published.get_or_insert(date);
            self.close_findings();
            return;
        }
        if let Some(t) = lang::match_title(&block.text) {
            self.titles.push((t, block.line));
            // A title line inside the findings ends them (web copies put it last).
            if self.in_findings && block.text.chars().count() < 200 {
                self.close_findings();
            }
            return;
        }
        if self.in_introduction {
            if !is_intro_chrome(&block.text) {
                self.out.introduction.push(block.text.clone());
            }
            return;
        }
        // Running text after a list ends that list: a later bullet without a
        // heading is reported, not silently added to the wrong list.
        if self.list.is_some() && block.kind == BlockKind::Paragraph {
            self.list = None;
        }
    }

    fn heading(&mut self, block: &Block, h: HeadingMatch) {
        if h.approximate && self.approximate_seen.insert(block.text.clone()) {
            self.out.warnings.push(Warning::at(
                block.line,
                format!(
                    "heading \"{}\" matched approximately as \"{}\"",
                    block.text, h.canonical
                ),
            ));
        }
        let was_after_key_findings = self.after_key_findings;
        self.after_key_findings = false;
        self.in_introduction = false;
        match h.meaning {
            Meaning::KeyFindings => {
                self.domain = None;
                self.list = None;
                self.after_key_findings = true;
            }
            Meaning::Introduction => {
                self.vote(h.language);
                self.domain = None;
                self.list = None;
                self.in_introduction = was_after_key_findings;
            }
            Meaning::EndOfFindings => self.close_findings(),
            Meaning::Domain(id) => {
                self.vote(h.language);
                self.open_domain(id, block);
            }
            Meaning::List(kind) => {
                self.vote(h.language);
                if let Some(d) = self.domain {
                    self.list = Some(kind);
                    self.in_findings = true;
                    self.list_headings
                        .entry((self.out.domains[d].domain, kind))
                        .or_insert_with(|| (block.line, block.text.clone()));
                } else {
                    self.list = None;
                    self.out.warnings.push(Warning::at(
                        block.line,
                        format!(
                            "list heading \"{}\" outside any domain: its bullets are not findings",
                            block.text
                        ),
                    ));
                    // Its bullets are reported as outside any domain.
                    self.in_findings = true;
                }
            }
        }
    }

    fn open_domain(&mut self, id: DomainId, block: &Block) {
        self.list = None;
        // Web chrome doubles each domain name; a repeat of the heading just
        // opened is the same section.
        if let Some(d) = self.domain
            && self.out.domains[d].domain == id
            && self.out.domains[d].strengths.is_empty()
            && self.out.domains[d].improvements.is_empty()
        {
            return;
        }
        if self.in_findings {
            self.empty_sections
                .push((id, block.line, block.text.clone()));
        }
        let existing = self.out.domains.iter().position(|d| d.domain == id);
        match existing {
            Some(i) => {
                let has_findings = !self.out.domains[i].strengths.is_empty()
                    || !self.out.domains[i].improvements.is_empty();
                if has_findings {
                    let first = self
                        .domain_lines
                        .iter()
                        .find(|(d, _)| *d == id)
                        .map_or(0, |(_, l)| *l);
                    self.out.warnings.push(Warning::at(
                        block.line,
                        format!(
                            "domain \"{}\" appears again (first at line {first}); the findings of both are kept in one domain",
                            block.text
                        ),
                    ));
                } else {
                    // A chrome section: the key-findings heading names the domain.
                    self.out.domains[i].name = block.text.clone();
                    self.domain_lines.retain(|(d, _)| *d != id);
                    self.domain_lines.push((id, block.line));
                }
                self.domain = Some(i);
            }
            None => {
                self.out.domains.push(Domain {
                    domain: id,
                    name: block.text.clone(),
                    strengths: Vec::new(),
                    improvements: Vec::new(),
                });
                self.domain_lines.push((id, block.line));
                self.domain = Some(self.out.domains.len() - 1);
            }
        }
    }

    fn close_findings(&mut self) {
        self.domain = None;
        self.list = None;
        self.in_findings = false;
        self.in_introduction = false;
    }

    fn finish(mut self, doc: &Document) -> Result<Recognised, NoFindings> {
        let total: usize = self
            .out
            .domains
            .iter()
            .map(|d| d.strengths.len() + d.improvements.len())
            .sum();
        if total == 0 {
            return Err(NoFindings {
                message: "no key findings found: no bullet stands under both a domain heading and a list heading (\"examples of well-developed areas\" / \"areas with potential for further development\"); is this an MGI profile?".to_string(),
            });
        }
        // Bullets under a domain without a list heading: reported, not guessed.
        for (id, block) in std::mem::take(&mut self.unlisted) {
            self.out.audit.items_seen += 1;
            self.out.audit.items_warned += 1;
            self.out.warnings.push(Warning::at(
                block.line,
                format!(
                    "bullet under domain {} has no list heading (strengths or improvements above it), not taken as a finding: \"{}\"",
                    id.as_str(),
                    excerpt(&block.text)
                ),
            ));
        }
        for (id, line, text) in std::mem::take(&mut self.empty_sections) {
            let still_empty = self
                .out
                .domains
                .iter()
                .find(|d| d.domain == id)
                .is_none_or(|d| d.strengths.is_empty() && d.improvements.is_empty());
            if still_empty {
                self.out.warnings.push(Warning::at(
                    line,
                    format!("domain heading \"{text}\" has no bullets"),
                ));
            }
        }
        // Chrome sections never got findings: drop them, keep MiGOF order.
        self.out
            .domains
            .retain(|d| !d.strengths.is_empty() || !d.improvements.is_empty());
        self.out.domains.sort_by_key(|d| d.domain.index());
        let missing: Vec<&str> = DomainId::ALL
            .iter()
            .filter(|id| !self.out.domains.iter().any(|d| d.domain == **id))
            .map(|id| id.as_str())
            .collect();
        if !missing.is_empty() {
            self.out.warnings.push(Warning::general(format!(
                "domains missing (a truncated copy?): {}",
                missing.join(", ")
            )));
        }
        for d in &self.out.domains {
            for (kind, list) in [
                (FindingKind::Strength, &d.strengths),
                (FindingKind::Improvement, &d.improvements),
            ] {
                if !list.is_empty() {
                    continue;
                }
                let what = match kind {
                    FindingKind::Strength => "strengths",
                    FindingKind::Improvement => "improvements",
                };
                let id = d.domain.as_str();
                let warning = match self.list_headings.get(&(d.domain, kind)) {
                    Some((line, text)) => Warning::at(
                        *line,
                        format!(
                            "list heading \"{text}\" has no bullets: domain {id} has no {what}"
                        ),
                    ),
                    None => {
                        let hint = if kind == FindingKind::Improvement {
                            " (if that heading is missing, its bullets were read as strengths)"
                        } else {
                            ""
                        };
                        let message = format!(
                            "domain {id} has no {what}: no list heading of {what} under domain heading \"{}\"{hint}",
                            d.name
                        );
                        match self.domain_lines.iter().find(|(l, _)| *l == d.domain) {
                            Some((_, line)) => Warning::at(*line, message),
                            None => Warning::general(message),
                        }
                    }
                };
                self.out.warnings.push(warning);
            }
        }
        // Title: mixed case beats a CAPITALS running header; a title from the
        // text beats nothing; otherwise the printed running header.
        let mut titles = std::mem::take(&mut self.titles);
        if let Some(header) = &doc.running_header
            && let Some(t) = lang::match_title(header)
        {
            titles.push((t, 0));
        }
        let pick = titles
            .iter()
            .position(|(t, _)| !is_all_caps(&t.title))
            .or(if titles.is_empty() { None } else { Some(0) });
        if let Some(i) = pick {
            let (t, line) = titles.swap_remove(i);
            self.out.title_line = (line > 0).then_some(line);
            self.out.title = Some(t);
        }
        self.out.language = self.pick_language();
        if !self.out.audit.holds() {
            self.out.warnings.push(Warning::general(format!(
                "internal check failed: {} bullets seen, {} findings, {} reported",
                self.out.audit.items_seen,
                self.out.audit.items_as_findings,
                self.out.audit.items_warned
            )));
        }
        self.out
            .warnings
            .sort_by_key(|w| w.line.unwrap_or(usize::MAX));
        Ok(self.out)
    }

    /// The language whose headings were met most; ties broken by the words
    /// of the findings.
    fn pick_language(&self) -> Option<&'static str> {
        let best = self.language_votes.iter().map(|(_, n)| *n).max()?;
        let tied: Vec<&'static str> = self
            .language_votes
            .iter()
            .filter(|(_, n)| *n == best)
            .map(|(l, _)| *l)
            .collect();
        if tied.len() == 1 {
            return Some(tied[0]);
        }
        let text: String = self
            .out
            .domains
            .iter()
            .flat_map(|d| d.strengths.iter().chain(&d.improvements))
            .map(|f| f.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        tied.into_iter()
            .max_by_key(|code| lang::language(code).map_or(0, |l| lang::stopword_score(l, &text)))
    }
}

/// A block that reads as a heading of the tables, if short enough to be one.
fn heading(block: &Block) -> Option<HeadingMatch> {
    if block
        .text
        .split_whitespace()
        .nth(MAX_HEADING_WORDS)
        .is_some()
    {
        return None;
    }
    lang::match_heading(&block.text)
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
pub fn excerpt(text: &str) -> String {
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
                .any(|w| w.message.contains("domains missing"))
        );
    }

    #[test]
    fn chrome_bullets_without_list_heading_are_not_findings() {
        let err = rec("DROITS DES MIGRANTS\nLes indicateurs examinent :\n- Regroupement familial\n- Droit au travail\n")
            .unwrap_err();
        assert!(err.message.starts_with("no key findings found"));
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
                .any(|w| w.message.contains("appears again"))
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.message.contains("no list heading")
                    && w.message.contains("Orphan bullet."))
        );
        assert!(
            r.warnings
                .iter()
                .any(|w| w.message.contains("repeats the one of line"))
        );
        assert_eq!(r.domains[0].improvements.len(), 1);
        assert!(r.audit.holds());
        assert_eq!(r.audit.items_seen, 7);
    }
}
