//! Edition changes: how the findings of a place moved from one profile to
//! the next.
//!
//! Findings are compared per domain and per list (strengths, improvements):
//!
//! 1. **unchanged**: the same text once whitespace, quotes and apostrophes
//!    are normalised (`text::fold_finding`); paired in list order.
//! 2. **reworded**: of what is left, the pairs whose [`similarity`] is at
//!    least [`THRESHOLD`], best pair first (ties by old position, then new
//!    position), each finding in at most one pair.
//! 3. **removed** / **added**: what is still unpaired.
//!
//! Then, per domain, across the two lists:
//!
//! 4. **progressed**: an improvement of the old edition that was removed,
//!    answered by a strength added in the new one, when the two share enough
//!    content words ([`progress_score`] at least `PROGRESS_THRESHOLD`);
//!    **regressed**: a removed strength answered by an added improvement.
//!    Such a change is listed first in the new edition's list.
//!
//! A finding that moved to another domain is reported as removed from the
//! one and added to the other.
//!
//! `edition_pairs` finds the consecutive editions of each place in a set of
//! profiles (what `mgi build` writes to `changes.csv`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::text;

use crate::lang;
use crate::model::{DomainId, Finding, FindingKind, Level, Profile};

/// The least [`similarity`] for two different findings to count as one
/// finding reworded.
///
/// Chosen from the Niger editions: real rewordings (a word added or dropped,
/// a clause rephrased) score 0.84–0.96, while a new finding that reuses half
/// of an old one's wording (a draft policy replaced by the adopted one, "no
/// access" become "access since 2021") scores 0.63–0.65; unrelated findings
/// of the same list stay under 0.45.
pub const THRESHOLD: f64 = 0.75;

/// The least [`progress_score`] for a removed finding of one list and an
/// added finding of the other list of the same domain to count as one
/// matter that progressed (or regressed).
///
/// Chosen from the Niger editions: an area to improve answered by a
/// strength ("pas accès aux soins de santé" → "ont accès aux soins de
/// santé") shares 0.57–0.75 of the shorter finding's content words, while
/// unrelated findings of one domain share at most one word (≤ 0.15).
pub(crate) const PROGRESS_THRESHOLD: f64 = 0.4;

/// The fewest content words two findings must share to be paired across lists.
pub(crate) const PROGRESS_MIN_SHARED: usize = 3;

/// What happened to one finding between two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Unchanged,
    Reworded,
    Removed,
    Added,
    /// An improvement of the old edition answered by a strength of the new.
    Progressed,
    /// A strength of the old edition answered by an improvement of the new.
    Regressed,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Progressed,
        ChangeKind::Regressed,
        ChangeKind::Unchanged,
        ChangeKind::Reworded,
        ChangeKind::Removed,
        ChangeKind::Added,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Reworded => "reworded",
            ChangeKind::Removed => "removed",
            ChangeKind::Added => "added",
            ChangeKind::Progressed => "progressed",
            ChangeKind::Regressed => "regressed",
        }
    }

    /// The one-character mark of the terminal report.
    pub(crate) fn marker(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "=",
            ChangeKind::Reworded => "~",
            ChangeKind::Removed => "-",
            ChangeKind::Added => "+",
            ChangeKind::Progressed => "↑",
            ChangeKind::Regressed => "↓",
        }
    }
}

/// One piece of a rewording, word by word: kept, inserted or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    Same,
    Inserted,
    Deleted,
}

/// A run of words of a rewording with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordRun {
    pub op: WordOp,
    pub text: String,
}

/// One finding of the old edition, the new one, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub change: ChangeKind,
    /// 1 for unchanged, the similarity (0..1, 4 decimals) for reworded, the
    /// [`progress_score`] for progressed and regressed, null for removed and
    /// added.
    pub similarity: Option<f64>,
    pub old_text: Option<String>,
    pub new_text: Option<String>,
    pub old_line: Option<usize>,
    pub new_line: Option<usize>,
    /// For a rewording: the new text word by word, with the words of the
    /// old one that were deleted in their place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<WordRun>>,
    /// The GCM objectives of the finding: those of the new text, then those
    /// only the old text had (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gcm_objectives: Vec<u8>,
}

/// The objectives of `first`, then those of `then` not already listed.
fn merged_objectives(first: &[u8], then: &[u8]) -> Vec<u8> {
    let mut all = first.to_vec();
    all.extend(then.iter().filter(|n| !first.contains(n)));
    all
}

/// The objectives of a finding, in rank order.
fn objectives(f: &Finding) -> Vec<u8> {
    f.gcm_objectives().collect()
}

/// The changes of one list of one domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListDiff {
    pub domain: DomainId,
    pub kind: FindingKind,
    pub changes: Vec<Change>,
}

/// How many findings of each change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub unchanged: usize,
    pub reworded: usize,
    pub removed: usize,
    pub added: usize,
    #[serde(default)]
    pub progressed: usize,
    #[serde(default)]
    pub regressed: usize,
}

impl Totals {
    fn count(&mut self, kind: ChangeKind) {
        match kind {
            ChangeKind::Unchanged => self.unchanged += 1,
            ChangeKind::Reworded => self.reworded += 1,
            ChangeKind::Removed => self.removed += 1,
            ChangeKind::Added => self.added += 1,
            ChangeKind::Progressed => self.progressed += 1,
            ChangeKind::Regressed => self.regressed += 1,
        }
    }
}

/// Every change from one profile to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileDiff {
    /// Id of the older profile.
    pub from_profile: String,
    /// Id of the newer profile.
    pub to_profile: String,
    /// Place, level, country and language of the newer profile.
    pub place: Option<String>,
    pub level: Option<Level>,
    pub country_iso3: Option<String>,
    pub language: String,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub from_edition: Option<u32>,
    pub to_edition: Option<u32>,
    /// In MiGOF order, strengths before improvements; lists empty in both
    /// profiles are left out.
    pub domains: Vec<ListDiff>,
    pub totals: Totals,
}

/// The changes from `old` to `new`.
pub fn diff(old: &Profile, new: &Profile) -> ProfileDiff {
    let mut domains = Vec::new();
    let mut totals = Totals::default();
    let generic = generic_words(&new.language, [&old.place, &new.place]);
    for id in DomainId::ALL {
        let od = old.domains.iter().find(|d| d.domain == id);
        let nd = new.domains.iter().find(|d| d.domain == id);
        let [mut strengths, mut improvements] = [FindingKind::Strength, FindingKind::Improvement]
            .map(|kind| {
                let o = od.map(|d| d.list(kind)).unwrap_or(&[]);
                let n = nd.map(|d| d.list(kind)).unwrap_or(&[]);
                (!(o.is_empty() && n.is_empty())).then(|| diff_lists(o, n))
            });
        if let (Some(s), Some(m)) = (strengths.as_mut(), improvements.as_mut()) {
            pair_across(m, s, ChangeKind::Progressed, &generic);
            pair_across(s, m, ChangeKind::Regressed, &generic);
        }
        for (kind, changes) in [
            (FindingKind::Strength, strengths),
            (FindingKind::Improvement, improvements),
        ] {
            let Some(changes) = changes else { continue };
            for c in &changes {
                totals.count(c.change);
            }
            domains.push(ListDiff {
                domain: id,
                kind,
                changes,
            });
        }
    }
    ProfileDiff {
        from_profile: old.id.clone(),
        to_profile: new.id.clone(),
        place: new.place.clone(),
        level: new.level,
        country_iso3: new.country_iso3.clone(),
        language: new.language.clone(),
        from_year: old.year,
        to_year: new.year,
        from_edition: old.edition,
        to_edition: new.edition,
        domains,
        totals,
    }
}

/// The changes from one list to another, in reading order: the new list's
/// order, each removed finding right after the finding that preceded it in
/// the old list.
pub(crate) fn diff_lists(old: &[Finding], new: &[Finding]) -> Vec<Change> {
    let old_keys: Vec<String> = old.iter().map(|f| text::fold_finding(&f.text)).collect();
    let new_keys: Vec<String> = new.iter().map(|f| text::fold_finding(&f.text)).collect();
    let old_match = match_findings(old, new, &old_keys, &new_keys);
    in_reading_order(old, new, &old_match, |i, j| old_keys[i] == new_keys[j])
}

/// For each old finding, the new one it became and how alike they are:
/// first the same texts (compared by their `keys`), then the most similar
/// of the rest, best pair first.
fn match_findings(
    old: &[Finding],
    new: &[Finding],
    old_keys: &[String],
    new_keys: &[String],
) -> Vec<Option<(usize, f64)>> {
    let mut old_match: Vec<Option<(usize, f64)>> = vec![None; old.len()];
    let mut new_taken = vec![false; new.len()];

    // 1. The same text.
    for (i, key) in old_keys.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|&j| !new_taken[j] && &new_keys[j] == key) {
            old_match[i] = Some((j, 1.0));
            new_taken[j] = true;
        }
    }

    // 2. The most similar of the rest, best pair first.
    let old_tok: Vec<Tokens> = old.iter().map(|f| Tokens::new(&f.text)).collect();
    let new_tok: Vec<Tokens> = new.iter().map(|f| Tokens::new(&f.text)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in old_tok.iter().enumerate() {
        if old_match[i].is_some() {
            continue;
        }
        for (j, b) in new_tok.iter().enumerate() {
            if new_taken[j] || a.upper_bound(b) < THRESHOLD {
                continue;
            }
            let s = a.similarity(b);
            if s >= THRESHOLD {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (s, i, j) in pairs {
        if old_match[i].is_none() && !new_taken[j] {
            old_match[i] = Some((j, s));
            new_taken[j] = true;
        }
    }
    old_match
}

/// The changes in reading order, from the pairs `old_match` made.
fn in_reading_order(
    old: &[Finding],
    new: &[Finding],
    old_match: &[Option<(usize, f64)>],
    same_text: impl Fn(usize, usize) -> bool,
) -> Vec<Change> {
    // Reading order: (2j + 1, 0) for the new finding j; a removed finding
    // goes to (2j + 2, i) after the new finding j paired with the nearest
    // earlier old one, or to (0, i) when there is none.
    let mut keyed: Vec<((usize, usize), Change)> = Vec::new();
    let mut new_of_old: Vec<Option<(usize, f64)>> = vec![None; new.len()];
    for (i, m) in old_match.iter().enumerate() {
        if let Some((j, s)) = *m {
            new_of_old[j] = Some((i, s));
        }
    }
    for (j, f) in new.iter().enumerate() {
        let change = match new_of_old[j] {
            Some((i, s)) => {
                let unchanged = same_text(i, j);
                Change {
                    change: if unchanged {
                        ChangeKind::Unchanged
                    } else {
                        ChangeKind::Reworded
                    },
                    similarity: Some(if unchanged { 1.0 } else { round4(s) }),
                    old_text: Some(old[i].text.clone()),
                    new_text: Some(f.text.clone()),
                    old_line: Some(old[i].line),
                    new_line: Some(f.line),
                    words: (!unchanged).then(|| word_runs(&old[i].text, &f.text)),
                    gcm_objectives: merged_objectives(&objectives(f), &objectives(&old[i])),
                }
            }
            None => Change {
                change: ChangeKind::Added,
                similarity: None,
                old_text: None,
                new_text: Some(f.text.clone()),
                old_line: None,
                new_line: Some(f.line),
                words: None,
                gcm_objectives: objectives(f),
            },
        };
        keyed.push(((2 * j + 1, 0), change));
    }
    for (i, f) in old.iter().enumerate() {
        if old_match[i].is_some() {
            continue;
        }
        let anchor = old_match[..i].iter().rev().find_map(|m| m.map(|(j, _)| j));
        let key = match anchor {
            Some(j) => (2 * j + 2, i),
            None => (0, i),
        };
        keyed.push((
            key,
            Change {
                change: ChangeKind::Removed,
                similarity: None,
                old_text: Some(f.text.clone()),
                new_text: None,
                old_line: Some(f.line),
                new_line: None,
                words: None,
                gcm_objectives: objectives(f),
            },
        ));
    }
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, c)| c).collect()
}

/// Pair the findings removed from `from` (one list of a domain) with those
/// added to `to` (the other list) that deal with the same matter: best score
/// first, each finding at most once. A pair replaces its removed and added
/// changes by one change of `kind`, listed first in `to`.
fn pair_across(from: &mut Vec<Change>, to: &mut Vec<Change>, kind: ChangeKind, generic: &Generic) {
    let words = |t: &Option<String>| content_words(t.as_deref().unwrap_or(""), generic);
    let removed: Vec<(usize, Vec<String>)> = (0..from.len())
        .filter(|&i| from[i].change == ChangeKind::Removed)
        .map(|i| (i, words(&from[i].old_text)))
        .collect();
    let added: Vec<(usize, Vec<String>)> = (0..to.len())
        .filter(|&j| to[j].change == ChangeKind::Added)
        .map(|j| (j, words(&to[j].new_text)))
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in &removed {
        for (j, b) in &added {
            let (score, shared) = overlap(a, b);
            if score >= PROGRESS_THRESHOLD && shared >= PROGRESS_MIN_SHARED {
                pairs.push((score, *i, *j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_from, mut used_to) = (Vec::new(), Vec::new());
    let mut found = Vec::new();
    for (score, i, j) in pairs {
        if used_from.contains(&i) || used_to.contains(&j) {
            continue;
        }
        used_from.push(i);
        used_to.push(j);
        found.push(Change {
            change: kind,
            similarity: Some(round4(score)),
            old_text: from[i].old_text.clone(),
            new_text: to[j].new_text.clone(),
            old_line: from[i].old_line,
            new_line: to[j].new_line,
            words: None,
            gcm_objectives: merged_objectives(&to[j].gcm_objectives, &from[i].gcm_objectives),
        });
    }
    // In the new list's reading order.
    found.sort_by_key(|c| c.new_line);
    let keep_from: Vec<Change> = std::mem::take(from)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !used_from.contains(i))
        .map(|(_, c)| c)
        .collect();
    *from = keep_from;
    let rest: Vec<Change> = std::mem::take(to)
        .into_iter()
        .enumerate()
        .filter(|(j, _)| !used_to.contains(j))
        .map(|(_, c)| c)
        .collect();
    // After the progress already listed first (regressions come after progress).
    let at = rest
        .iter()
        .take_while(|c| matches!(c.change, ChangeKind::Progressed | ChangeKind::Regressed))
        .count();
    *to = rest;
    to.splice(at..at, found);
}

/// Words that say nothing of a finding's matter: the language's frequent
/// words, the words of its domain names and list headings (every finding of
/// a domain speaks of migrants and migration), and the place's name.
pub(crate) struct Generic(Vec<String>);

fn generic_words(language: &str, places: [&Option<String>; 2]) -> Generic {
    let tables: Vec<&lang::Language> = match lang::language(language) {
        Some(l) => vec![l],
        None => lang::LANGUAGES.to_vec(),
    };
    let mut words: Vec<String> = Vec::new();
    for l in tables {
        let phrases = l
            .domains
            .iter()
            .flat_map(|(_, names)| names.iter())
            .chain(l.strengths)
            .chain(l.improvements)
            .chain(l.stopwords);
        for phrase in phrases {
            words.extend(Tokens::words(phrase).iter().map(|w| stem(w)));
        }
    }
    for p in places.into_iter().flatten() {
        words.extend(Tokens::words(p).iter().map(|w| stem(w)));
    }
    words.sort();
    words.dedup();
    Generic(words)
}

/// The stem compared across lists: a final `s` dropped, then at most six
/// letters ("nationale" and "national" give `nation`).
fn stem(word: &str) -> String {
    let w = if word.chars().count() > 4 {
        word.strip_suffix('s').unwrap_or(word)
    } else {
        word
    };
    w.chars().take(6).collect()
}

/// The distinct stems of a finding's content words: words of five letters
/// or more, not numbers, not [`Generic`].
fn content_words(text: &str, generic: &Generic) -> Vec<String> {
    let mut out: Vec<String> = Tokens::words(text)
        .iter()
        .filter(|w| w.chars().count() >= 5 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stem(w))
        .filter(|w| generic.0.binary_search(w).is_err())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// How much two findings share: the shared stems over the stems of the
/// shorter one, and the number shared.
fn overlap(a: &[String], b: &[String]) -> (f64, usize) {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0.0, 0);
    }
    (shared as f64 / smaller as f64, shared)
}

/// How much a removed finding and an added one deal with the same matter
/// (0..1): the share of the shorter one's content words found in the other.
pub fn progress_score(old: &str, new: &str, language: &str) -> f64 {
    let generic = generic_words(language, [&None, &None]);
    overlap(&content_words(old, &generic), &content_words(new, &generic)).0
}

/// Longest texts compared word by word (product of the word counts); longer
/// rewordings are shown whole.
const MAX_WORD_GRID: usize = 250_000;

/// The new text of a rewording as runs of kept, inserted and deleted words
/// (a longest common subsequence of words compared as [`text::fold_finding`]
/// does), deleted words before the inserted ones that replace them.
pub(crate) fn word_runs(old: &str, new: &str) -> Vec<WordRun> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    if a.len().saturating_mul(b.len()) > MAX_WORD_GRID {
        return vec![
            WordRun {
                op: WordOp::Deleted,
                text: a.join(" "),
            },
            WordRun {
                op: WordOp::Inserted,
                text: b.join(" "),
            },
        ];
    }
    let (ka, kb): (Vec<String>, Vec<String>) = (
        a.iter().map(|w| text::fold_finding(w)).collect(),
        b.iter().map(|w| text::fold_finding(w)).collect(),
    );
    // lcs[i][j]: longest common subsequence of a[i..] and b[j..].
    let w = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * w];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * w + j] = if ka[i] == kb[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let mut runs: Vec<WordRun> = Vec::new();
    let mut push = |op: WordOp, word: &str| match runs.last_mut() {
        Some(r) if r.op == op => {
            r.text.push(' ');
            r.text.push_str(word);
        }
        _ => runs.push(WordRun {
            op,
            text: word.to_string(),
        }),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && ka[i] == kb[j] {
            push(WordOp::Same, b[j]);
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            push(WordOp::Deleted, a[i]);
            i += 1;
        } else {
            push(WordOp::Inserted, b[j]);
            j += 1;
        }
    }
    runs
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// How alike two findings are, from 0 (nothing in common) to 1 (the same
/// words in the same order).
///
/// Both texts are reduced to their words (lower case, accents removed,
/// split at anything not a letter or digit, so `l’Agence` gives `l` and
/// `agence`). The measure is the mean of
/// - the Dice coefficient of the two sets of words (`2|A∩B| / (|A|+|B|)`),
///   which ignores order and repetition, and
/// - the character-level ratio `1 - levenshtein / longer length` of the
///   words joined by single spaces, which sees small edits inside words and
///   changes of order.
pub fn similarity(a: &str, b: &str) -> f64 {
    Tokens::new(a).similarity(&Tokens::new(b))
}

/// A text reduced to what [`similarity`] compares.
struct Tokens {
    /// Distinct words, sorted.
    set: Vec<String>,
    /// The words joined by single spaces, as characters.
    chars: Vec<char>,
}

impl Tokens {
    fn new(text: &str) -> Tokens {
        let words = Tokens::words(text);
        let chars = words.join(" ").chars().collect();
        let mut set = words;
        set.sort();
        set.dedup();
        Tokens { set, chars }
    }

    /// The words of a text: lower case, accents removed, split at anything
    /// not a letter or digit.
    fn words(text: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        let mut word = String::new();
        for c in text.nfkd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words
    }

    fn dice(&self, other: &Tokens) -> f64 {
        let total = self.set.len() + other.set.len();
        if total == 0 {
            return 1.0;
        }
        let (mut i, mut j, mut common) = (0, 0, 0);
        while i < self.set.len() && j < other.set.len() {
            match self.set[i].cmp(&other.set[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / total as f64
    }

    fn char_ratio(&self, other: &Tokens) -> f64 {
        let longer = self.chars.len().max(other.chars.len());
        if longer == 0 {
            return 1.0;
        }
        1.0 - text::edit_distance(&self.chars, &other.chars) as f64 / longer as f64
    }

    fn similarity(&self, other: &Tokens) -> f64 {
        0.5 * self.dice(other) + 0.5 * self.char_ratio(other)
    }

    /// A cheap bound that [`Tokens::similarity`] never exceeds (the edit
    /// distance is at least the difference in length).
    fn upper_bound(&self, other: &Tokens) -> f64 {
        let (a, b) = (self.chars.len(), other.chars.len());
        let ratio = if a.max(b) == 0 {
            1.0
        } else {
            a.min(b) as f64 / a.max(b) as f64
        };
        0.5 * self.dice(other) + 0.5 * ratio
    }
}

/// The consecutive editions among `profiles`: profiles of the same place
/// (same `country_iso3` and normalised `place`), level and language, ordered
/// by (year, edition), each paired with the next. A profile with neither a
/// year nor an edition, or without a level, or naming neither place nor
/// country, is in no pair; of several profiles with the same year and
/// edition (one profile read from two files) only the first by id is.
pub(crate) fn edition_pairs<'a>(profiles: &[&'a Profile]) -> Vec<(&'a Profile, &'a Profile)> {
    type Key = (String, String, &'static str, String);
    let mut groups: BTreeMap<Key, Vec<&'a Profile>> = BTreeMap::new();
    for &p in profiles {
        let Some(level) = p.level else { continue };
        if p.year.is_none() && p.edition.is_none() {
            continue;
        }
        let iso3 = p.country_iso3.clone().unwrap_or_default();
        let place = p.place.as_deref().map(lang::normalize).unwrap_or_default();
        if iso3.is_empty() && place.is_empty() {
            continue;
        }
        groups
            .entry((iso3, place, level.as_str(), p.language.clone()))
            .or_default()
            .push(p);
    }
    let mut pairs = Vec::new();
    for (_, mut editions) in groups {
        editions.sort_by(|a, b| (a.year, a.edition, &a.id).cmp(&(b.year, b.edition, &b.id)));
        editions.dedup_by(|b, a| (a.year, a.edition) == (b.year, b.edition));
        for w in editions.windows(2) {
            pairs.push((w[0], w[1]));
        }
    }
    pairs
}

/// Why two profiles may not be two editions of one profile, in order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    #[error("the two profiles are of different places: {old} and {new}")]
    Places { old: String, new: String },
    #[error("the two profiles are in different languages: {old} and {new}")]
    Languages { old: String, new: String },
    #[error(
        "the order is backwards: the first profile ({old}) is newer than the second ({new}); give the older edition first"
    )]
    Backwards { old: String, new: String },
}

/// What makes `old` → `new` doubtful as a change between editions.
pub fn mismatches(old: &Profile, new: &Profile) -> Vec<Mismatch> {
    let mut found = Vec::new();
    let place = |p: &Profile| {
        (
            p.country_iso3.clone(),
            p.place.as_deref().map(lang::normalize),
            p.level,
        )
    };
    let name = |p: &Profile| p.place.clone().unwrap_or_else(|| p.id.clone());
    if place(old) != place(new) {
        found.push(Mismatch::Places {
            old: name(old),
            new: name(new),
        });
    }
    if old.language != new.language {
        found.push(Mismatch::Languages {
            old: old.language.clone(),
            new: new.language.clone(),
        });
    }
    let when = |p: &Profile| (p.year, p.edition);
    let known = |p: &Profile| p.year.is_some() || p.edition.is_some();
    if known(old) && known(new) && when(old) > when(new) {
        found.push(Mismatch::Backwards {
            old: old.id.clone(),
            new: new.id.clone(),
        });
    }
    found
}

/// The diff of every pair of [`edition_pairs`].
pub(crate) fn edition_diffs(profiles: &[&Profile]) -> Vec<ProfileDiff> {
    edition_pairs(profiles)
        .into_iter()
        .map(|(old, new)| diff(old, new))
        .collect()
}

/// The diff as a report for a terminal: one block per domain and list,
/// `=` unchanged, `~ (0.87)` reworded (old text, then `→` the new one),
/// `-` removed, `+` added; a totals line at the end.
pub fn report(d: &ProfileDiff) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let what = [
        d.place.clone(),
        d.level.map(|l| l.as_str().to_string()),
        Some(d.language.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let _ = writeln!(out, "{} → {}  ({what})", d.from_profile, d.to_profile);
    for list in &d.domains {
        let kind = match list.kind {
            FindingKind::Strength => "strengths",
            FindingKind::Improvement => "improvements",
        };
        let _ = writeln!(out, "\n{} — {kind}", lang::ENGLISH.domain_name(list.domain));
        for c in &list.changes {
            let old = c.old_text.as_deref().unwrap_or("");
            let new = c.new_text.as_deref().unwrap_or("");
            match c.change {
                ChangeKind::Unchanged | ChangeKind::Added => {
                    let _ = writeln!(out, "  {} {new}", c.change.marker());
                }
                ChangeKind::Removed => {
                    let _ = writeln!(out, "  - {old}");
                }
                ChangeKind::Reworded => {
                    let _ = writeln!(
                        out,
                        "  ~ ({:.2}) {old}\n         → {new}",
                        c.similarity.unwrap_or(0.0)
                    );
                }
                ChangeKind::Progressed | ChangeKind::Regressed => {
                    let _ = writeln!(
                        out,
                        "  {} {} {old}\n         → {new}",
                        c.change.marker(),
                        c.change.as_str()
                    );
                }
            }
        }
    }
    let t = d.totals;
    let _ = writeln!(
        out,
        "\n{} progressed, {} regressed, {} unchanged, {} reworded, {} removed, {} added",
        t.progressed, t.regressed, t.unchanged, t.reworded, t.removed, t.added
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(text: &str, line: usize) -> Finding {
        Finding::new(text, line)
    }

    #[test]
    fn normalisation_ignores_spacing_quotes_and_apostrophes() {
        assert_eq!(
            text::fold_finding("L’Agence  « ANPE »\u{a0}publie"),
            text::fold_finding("L'Agence \"ANPE\" publie ")
        );
        assert_ne!(
            text::fold_finding("Le Niger"),
            text::fold_finding("le Niger")
        );
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let a = "Les stratégies ne prennent pas en compte les déplacements.";
        let b = "Les stratégies ne prennent pas encore en compte les déplacements.";
        let s = similarity(a, b);
        assert!((s - similarity(b, a)).abs() < 1e-12);
        assert!(s > 0.9 && s < 1.0, "{s}");
        assert_eq!(similarity(a, a), 1.0);
        assert!(similarity("un deux", "trois quatre cinq") < 0.3);
        assert_eq!(similarity("", ""), 1.0);
    }

    #[test]
    fn upper_bound_holds() {
        let texts = [
            "Le Niger n’a pas de stratégie.",
            "Le Niger n’a pas encore de stratégie, et aucun programme.",
            "Un texte sans rapport.",
            "",
        ];
        for a in texts {
            for b in texts {
                let (ta, tb) = (Tokens::new(a), Tokens::new(b));
                assert!(ta.similarity(&tb) <= ta.upper_bound(&tb) + 1e-12);
            }
        }
    }

    #[test]
    fn lists_are_paired_exact_then_similar_in_reading_order() {
        let old = [
            f("Alpha beta gamma delta epsilon.", 1),
            f("Gone entirely from the profile.", 2),
            f("One two three four five six seven eight.", 3),
        ];
        let new = [
            f("Alpha beta gamma delta epsilon.", 10),
            f("One two three four five six seven eight nine.", 11),
            f("Something else altogether.", 12),
        ];
        let changes = diff_lists(&old, &new);
        let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.change).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::Unchanged,
                ChangeKind::Removed,
                ChangeKind::Reworded,
                ChangeKind::Added
            ]
        );
        assert_eq!(changes[1].old_line, Some(2));
        assert_eq!(changes[2].old_line, Some(3));
        assert_eq!(changes[2].new_line, Some(11));
        assert!(changes[2].similarity.unwrap() >= THRESHOLD);
        assert_eq!(changes[0].similarity, Some(1.0));
        assert_eq!(changes[3].similarity, None);
    }

    fn profile(id: &str, place: &str, year: i32, edition: Option<u32>, language: &str) -> Profile {
        Profile {
            id: id.into(),
            source: format!("{id}.txt"),
            source_url: None,
            language: language.into(),
            title: None,
            place: Some(place.into()),
            place_official: None,
            level: Some(Level::National),
            country_iso3: Some("NER".into()),
            edition,
            year: Some(year),
            published: None,
            introduction: vec![],
            domains: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn editions_pair_by_place_level_and_language_in_time_order() {
        let a = profile("niger-2022-fr", "Niger", 2022, Some(2), "fr");
        let b = profile("niger-2019-fr", "Niger", 2019, None, "fr");
        let c = profile("niger-2025-fr", "NIGER", 2025, Some(3), "fr");
        let en = profile("niger-2022-en", "Niger", 2022, Some(2), "en");
        let twin = profile("niger-2022-fr-2", "Niger", 2022, Some(2), "fr");
        let mut local = profile("niamey-2021-fr", "Niamey", 2021, None, "fr");
        local.level = Some(Level::Local);
        let pairs = edition_pairs(&[&a, &en, &c, &twin, &local, &b]);
        let ids: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(o, n)| (o.id.as_str(), n.id.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("niger-2019-fr", "niger-2022-fr"),
                ("niger-2022-fr", "niger-2025-fr")
            ]
        );
    }

    #[test]
    fn word_runs_mark_inserted_and_deleted_words() {
        let runs = word_runs(
            "L’Institut publie des données de 2012.",
            "L'Institut publie régulièrement des données.",
        );
        let ops: Vec<(WordOp, &str)> = runs.iter().map(|r| (r.op, r.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (WordOp::Same, "L'Institut publie"),
                (WordOp::Inserted, "régulièrement"),
                (WordOp::Same, "des"),
                (WordOp::Deleted, "données de 2012."),
                (WordOp::Inserted, "données."),
            ]
        );
    }

    #[test]
    fn progress_needs_shared_content_words_not_generic_ones() {
        // "migrants" and "crise" are in the domain names: they prove nothing.
        let unrelated = progress_score(
            "Le Ministère coordonne la réponse aux crises et l’assistance aux migrants bloqués.",
            "Il n’existe pas de dispositif de communication d’urgence pour les migrants en cas de crise.",
            "fr",
        );
        assert!(unrelated < PROGRESS_THRESHOLD, "{unrelated}");
        let answered = progress_score(
            "Le pays n’a pas de programme national de réintégration des rapatriés.",
            "Un programme national de réintégration des rapatriés a été adopté.",
            "fr",
        );
        assert!(answered >= PROGRESS_THRESHOLD, "{answered}");
    }

    #[test]
    fn duplicates_pair_one_to_one() {
        let old = [f("Same.", 1), f("Same.", 2)];
        let new = [f("Same.", 5)];
        let kinds: Vec<ChangeKind> = diff_lists(&old, &new).iter().map(|c| c.change).collect();
        assert_eq!(kinds, [ChangeKind::Unchanged, ChangeKind::Removed]);
    }
}
