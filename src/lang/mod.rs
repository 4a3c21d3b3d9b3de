//! Language knowledge as data: one table per language.
//!
//! Every word the recogniser looks for (domain names and their variants, the
//! two list headings, section titles, month names, edition ordinals, title
//! patterns) lives in a [`Language`] table. Adding a language is adding a
//! module with one `pub static` table and listing it in [`LANGUAGES`].

mod detect;
mod en;
mod es;
mod fr;
pub mod gcm;
mod pt;
pub mod signature;

use foldhash::{HashMap, HashMapExt};
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{DomainId, FindingKind};

/// Headings are matched in their heading fold (see [`crate::text`]).
pub(crate) use crate::text::{
    edit_distance_within as bounded_levenshtein, fold_heading as normalize,
    fold_heading_char as normalize_char,
};
pub(crate) use detect::detect_language_of;

/// What one language says, as plain data.
pub struct Language {
    /// ISO 639-1 code, as used in the model (`fr`).
    pub code: &'static str,
    /// Every known way of writing each domain heading: short and long
    /// (MiGOF) forms, national and local wordings.
    pub domains: &'static [(DomainId, &'static [&'static str])],
    /// Headings of the list of strengths ("examples of well-developed areas").
    pub strengths: &'static [&'static str],
    /// Headings of the list of improvements ("areas with potential for further development").
    pub improvements: &'static [&'static str],
    /// Key words of each domain: a short block that holds one of them, and
    /// whose other words are nearly all words of the domain's names, is that
    /// domain's heading in whatever wording (see [`signature`]).
    pub domain_keys: &'static [(DomainId, &'static [&'static str])],
    /// Key words (or word sequences) of the strengths list heading.
    pub strengths_keys: &'static [&'static str],
    /// Key words (or word sequences) of the improvements list heading.
    pub improvements_keys: &'static [&'static str],
    /// Words that number a heading ("Domain" in "Domain 1: Partnerships").
    pub numbering_words: &'static [&'static str],
    /// Labels that open the key-findings part or one of its blocks.
    pub key_findings: &'static [&'static str],
    /// The heading of the profile-specific introduction.
    pub introduction: &'static [&'static str],
    /// Headings after which no findings follow (other sections, site chrome).
    pub end_of_findings: &'static [&'static str],
    /// Beginnings of such headings when they go on with variable words
    /// ("Información actualizada desde el año 2018").
    pub end_of_findings_prefixes: &'static [&'static str],
    /// Beginnings of generic paragraphs that are site chrome, not the
    /// profile's own introduction.
    pub intro_chrome: &'static [&'static str],
    /// Month names (and abbreviations) with their number.
    pub months: &'static [(&'static str, u32)],
    /// Edition ordinals with their number ("deuxième" → 2).
    pub ordinals: &'static [(&'static str, u32)],
    /// Title patterns, as regular expressions (matched case-insensitively on
    /// one block). `{ORD}` is replaced by the alternation of `ordinals`.
    /// Named groups: `ord`, `local`, `year`, `place`, `country` (all optional
    /// but `place`).
    pub titles: &'static [&'static str],
    /// Names of word-processor paragraph styles that make a heading, without
    /// their level number ("Titre 1" → "titre"), lowercase.
    pub heading_styles: &'static [&'static str],
    /// Key words of a title, in groups: a short line that holds a word of
    /// every group, then a place after `:` or `|`, is a title whatever the
    /// order of its words ("Profil de gouvernance locale de la migration :
    /// Commune urbaine de Kankan (2021)").
    pub title_words: &'static [&'static [&'static str]],
    /// Words that make a title that of a local profile.
    pub local_words: &'static [&'static str],
    /// Frequent short words, to tell languages apart in running text.
    pub stopwords: &'static [&'static str],
    /// Short words a date line holds between its day, month and year
    /// ("12 de agosto de 2020", "July of 2022").
    pub date_fillers: &'static [&'static str],
    /// The words official place names are made of.
    pub places: PlaceWords,
}

/// The words of official place names in one language, which a place's
/// short name drops ("République du Niger" → "Niger", "Mombasa County" →
/// "Mombasa"). A head and a connector make a prefix ("république" + "du").
pub struct PlaceWords {
    /// Heads of official country names ("republic", "federal republic").
    pub country_heads: &'static [&'static str],
    /// Country heads that also stand alone before the name ("República Argentina").
    pub country_bare_heads: &'static [&'static str],
    /// Heads of local unit names ("city", "commune urbaine").
    pub local_heads: &'static [&'static str],
    /// Local unit words that stand before the name without a connector ("Cantón Cuenca").
    pub local_bare_heads: &'static [&'static str],
    /// Unit words after the name ("Stryi Territorial Community", "Mombasa County").
    pub local_suffixes: &'static [&'static str],
    /// Words between a head and the name ("of the", "de la").
    pub connectors: &'static [&'static str],
    /// Leading articles, stripped only before another try ("the", "la").
    pub articles: &'static [&'static str],
}

/// The languages the tool knows, English first (the fallback).
pub static LANGUAGES: &[&Language] = &[&en::EN, &fr::FR, &es::ES, &pt::PT];

/// English, the fallback and the language of the terminal reports.
pub(crate) static ENGLISH: &Language = &en::EN;

impl Language {
    /// The name a domain is shown by: the first of its headings ("Migrants'
    /// rights"). `templates/labels.json` names it by one of its headings.
    pub(crate) fn domain_name(&self, id: DomainId) -> &'static str {
        self.domains
            .iter()
            .find(|(d, _)| *d == id)
            .and_then(|(_, names)| names.first().copied())
            .unwrap_or(id.as_str())
    }
}

/// Whether a word-processor paragraph style name names a heading style of
/// any language ("Heading 2", "Titre 1", "Título", "heading 3 Char" is not).
pub(crate) fn is_heading_style_name(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    LANGUAGES.iter().any(|l| l.heading_styles.contains(&base))
}

/// The table of a language code.
pub(crate) fn language(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().copied().find(|l| l.code == code)
}

/// What a heading means to the recogniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    KeyFindings,
    Introduction,
    Domain(DomainId),
    List(FindingKind),
    EndOfFindings,
}

/// A heading recognised in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingMatch {
    pub meaning: Meaning,
    pub language: &'static str,
    /// True when the match needed edits (a typo in the source).
    pub approximate: bool,
    /// The table entry that matched.
    pub canonical: &'static str,
}

/// Headings longer than this (in characters, normalised) are never headings.
const MAX_HEADING_CHARS: usize = 160;

/// One phrase of a table, normalised for matching.
struct Entry {
    norm: String,
    /// `norm` as characters, and their counts, for the approximate match.
    chars: Vec<char>,
    histogram: Histogram,
    meaning: Meaning,
    language: &'static str,
    canonical: &'static str,
}

impl Entry {
    fn new(phrase: &'static str, meaning: Meaning, language: &'static str) -> Entry {
        let norm = normalize(phrase);
        let chars: Vec<char> = norm.chars().collect();
        Entry {
            histogram: Histogram::of(chars.iter().copied()),
            chars,
            norm,
            meaning,
            language,
            canonical: phrase,
        }
    }

    fn matched(&self, approximate: bool) -> HeadingMatch {
        HeadingMatch {
            meaning: self.meaning,
            language: self.language,
            approximate,
            canonical: self.canonical,
        }
    }
}

/// All headings of all languages, indexed by their normalised form.
struct Lexicon {
    entries: Vec<Entry>,
    /// Normalised phrase → index in `entries` (the first language listed wins).
    exact: HashMap<String, usize>,
    /// Headings recognised by their beginning (always end-of-findings).
    prefixes: Vec<Entry>,
    /// Indices in `entries` by the phrase's length in characters, so that an
    /// approximate match only looks at phrases of about the text's length.
    by_length: Vec<Vec<usize>>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut entries = Vec::new();
    let mut prefixes = Vec::new();
    for lang in LANGUAGES {
        let mut add = |phrases: &[&'static str], meaning: Meaning| {
            for &p in phrases {
                entries.push(Entry::new(p, meaning, lang.code));
            }
        };
        for (id, names) in lang.domains {
            add(names, Meaning::Domain(*id));
        }
        add(lang.strengths, Meaning::List(FindingKind::Strength));
        add(lang.improvements, Meaning::List(FindingKind::Improvement));
        add(lang.key_findings, Meaning::KeyFindings);
        add(lang.introduction, Meaning::Introduction);
        add(lang.end_of_findings, Meaning::EndOfFindings);
        for &p in lang.end_of_findings_prefixes {
            prefixes.push(Entry::new(p, Meaning::EndOfFindings, lang.code));
        }
    }
    let mut exact = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        exact.entry(e.norm.clone()).or_insert(i);
    }
    let mut by_length: Vec<Vec<usize>> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let n = e.chars.len();
        if by_length.len() <= n {
            by_length.resize(n + 1, Vec::new());
        }
        by_length[n].push(i);
    }
    Lexicon {
        entries,
        exact,
        prefixes,
        by_length,
    }
});

/// Recognise a heading in `text` (a whole block), tolerating case, accents,
/// apostrophes, punctuation, a leading number ("1: ") and small typos.
pub(crate) fn match_heading(text: &str) -> Option<HeadingMatch> {
    match_heading_expecting(text, None)
}

/// [`match_heading`], with `expected` (the meaning the reading order makes
/// likely, such as the next domain in MiGOF order) winning a tie between
/// two meanings that the key words fit equally well.
pub(crate) fn match_heading_expecting(
    text: &str,
    expected: Option<Meaning>,
) -> Option<HeadingMatch> {
    read_heading(text).resolve(expected)
}

/// What the tables make of a text as a heading, before the reading order
/// is known: a caller that meets the same text more than once keeps this
/// and resolves it against each place's expected meaning.
#[derive(Debug, Clone)]
pub(crate) enum HeadingReading {
    None,
    /// A phrase of the tables, as written or within a few edits.
    Phrase(HeadingMatch),
    /// Key-word signatures, best first ([`signature`]).
    Signatures(Vec<signature::SignatureMatch>),
}

/// Read `text` as a heading: the phrases of the tables, then their key words.
pub(crate) fn read_heading(text: &str) -> HeadingReading {
    let norm = normalize(text);
    read_heading_words(text, &norm, &signature::heading_words_normalized(&norm))
}

/// [`read_heading`] of a text already normalised (`norm`) and read as the
/// words of a heading (`unnumbered`, see
/// [`signature::heading_words_normalized`]).
pub(crate) fn read_heading_words(text: &str, norm: &str, unnumbered: &[&str]) -> HeadingReading {
    if norm.is_empty() || norm.chars().count() > MAX_HEADING_CHARS {
        return HeadingReading::None;
    }
    if let Some(m) = match_phrase(norm, unnumbered) {
        return HeadingReading::Phrase(m);
    }
    // Too short for a typo to be told from another word.
    if allowed_edits(norm.chars().count()) == 0 {
        return HeadingReading::None;
    }
    if let Some(m) = match_phrase_roughly(norm) {
        return HeadingReading::Phrase(m);
    }
    match signature::match_signature_words(text, unnumbered) {
        found if found.is_empty() => HeadingReading::None,
        found => HeadingReading::Signatures(found),
    }
}

impl HeadingReading {
    /// The heading it is where `expected` is the likely meaning.
    pub(crate) fn resolve(&self, expected: Option<Meaning>) -> Option<HeadingMatch> {
        match self {
            HeadingReading::None => None,
            HeadingReading::Phrase(m) => Some(*m),
            HeadingReading::Signatures(found) => best_signature(found, expected),
        }
    }
}

/// A heading of the tables as written: [`match_heading`] when it needs no
/// approximation, else nothing. Cheaper than asking [`match_heading`]:
/// the search for a phrase a few edits away, whose answer would be
/// approximate anyway, only runs when the key words match.
pub(crate) fn match_heading_exactly(text: &str) -> Option<HeadingMatch> {
    let norm = normalize(text);
    if norm.is_empty() || norm.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let unnumbered = signature::heading_words_normalized(&norm);
    if let Some(m) = match_phrase(&norm, &unnumbered) {
        return Some(m);
    }
    if allowed_edits(norm.chars().count()) == 0 {
        return None;
    }
    let m = best_signature(&signature::match_signature_words(text, &unnumbered), None)?;
    (!m.approximate && match_phrase_roughly(&norm).is_none()).then_some(m)
}

/// The phrase of the tables that `norm` (normalised) is, with or without
/// its numbering (`unnumbered`: its folded words without it), or starts
/// with.
fn match_phrase(norm: &str, unnumbered: &[&str]) -> Option<HeadingMatch> {
    let lex = &*LEXICON;
    if let Some(&i) = lex.exact.get(norm) {
        return Some(lex.entries[i].matched(false));
    }
    if let Some(phrase) = unnumbered_phrase(norm, unnumbered)
        && let Some(&i) = lex.exact.get(&phrase)
    {
        return Some(lex.entries[i].matched(false));
    }
    lex.prefixes
        .iter()
        .find(|e| norm.starts_with(e.norm.as_str()))
        .map(|e| e.matched(false))
}

/// The phrase of the tables closest to `norm`, within the number of edits
/// allowed for its length: an approximate match.
fn match_phrase_roughly(norm: &str) -> Option<HeadingMatch> {
    let lex = &*LEXICON;
    let len = norm.chars().count();
    let budget = allowed_edits(len);
    if budget == 0 {
        return None;
    }
    let histogram = Histogram::of(norm.chars());
    // The text's characters, collected for the first phrase that passes the
    // cheap bound (most texts are far from every phrase).
    let mut chars: Option<Vec<char>> = None;
    // Phrases of about the text's length; of two equally close phrases, the
    // first in the order of the tables wins.
    let mut best: Option<(usize, usize)> = None;
    let of_about_its_length = lex
        .by_length
        .iter()
        .take(len + budget + 1)
        .skip(len.saturating_sub(budget))
        .flatten();
    for &i in of_about_its_length {
        let entry = &lex.entries[i];
        // A cheap lower bound first.
        if histogram.more_edits_than(&entry.histogram, budget) {
            continue;
        }
        let chars = chars.get_or_insert_with(|| norm.chars().collect());
        if let Some(d) = bounded_levenshtein(chars, &entry.chars, budget)
            && best.is_none_or(|(bd, bi)| d < bd || (d == bd && i < bi))
        {
            best = Some((d, i));
        }
    }
    best.map(|(_, i)| lex.entries[i].matched(true))
}

/// How many words `text` holds between its spaces (as
/// `split(' ')` gives them, empty pieces left out), counted by where they
/// start, with no search.
fn words_between_spaces(text: &str) -> usize {
    let bytes = text.as_bytes();
    let starts = std::iter::once(&b' ').chain(bytes).zip(bytes);
    starts
        .filter(|&(&before, &b)| before == b' ' && b != b' ')
        .count()
}

/// The heading `norm` (normalised) without its numbering: `words` are its
/// folded words with the numbering already dropped, so the numbering is as
/// many words off the front of `norm` as `norm` has more than `words`;
/// nothing when there is none.
fn unnumbered_phrase(norm: &str, words: &[&str]) -> Option<String> {
    let all = || norm.split(' ').filter(|w| !w.is_empty());
    let skip = words_between_spaces(norm).saturating_sub(words.len());
    // Nothing dropped: the phrase is `norm` itself, already looked up.
    (skip > 0).then(|| all().skip(skip).collect::<Vec<_>>().join(" "))
}

/// The heading the key-word signatures `found` (best first) make. When two
/// meanings fit equally well, `expected` (the domain that MiGOF order puts
/// next) wins. A match that needed a typo or a word foreign to the tables is
/// approximate.
fn best_signature(
    found: &[signature::SignatureMatch],
    expected: Option<Meaning>,
) -> Option<HeadingMatch> {
    let first = found.first()?;
    let best = found
        .iter()
        .take_while(|m| m.coverage == first.coverage && m.strong == first.strong)
        .find(|m| Some(m.meaning) == expected)
        .unwrap_or(first);
    let lang = language(best.language)?;
    Some(HeadingMatch {
        meaning: best.meaning,
        language: best.language,
        approximate: !best.strong,
        canonical: canonical_phrase(lang, best.meaning)?,
    })
}

/// The first phrase a language table gives for a meaning.
fn canonical_phrase(lang: &Language, meaning: Meaning) -> Option<&'static str> {
    match meaning {
        Meaning::Domain(id) => lang
            .domains
            .iter()
            .find(|(d, _)| *d == id)
            .and_then(|(_, names)| names.first().copied()),
        Meaning::List(FindingKind::Strength) => lang.strengths.first().copied(),
        Meaning::List(FindingKind::Improvement) => lang.improvements.first().copied(),
        Meaning::KeyFindings => lang.key_findings.first().copied(),
        Meaning::Introduction => lang.introduction.first().copied(),
        Meaning::EndOfFindings => lang.end_of_findings.first().copied(),
    }
}

/// Counts of the characters of a phrase, folded into a few buckets. Each
/// edit changes at most one count up and one down, so the counts bound the
/// edit distance from below (folding only loosens the bound).
#[derive(Clone, Copy)]
struct Histogram([u8; 32]);

impl Histogram {
    fn of(chars: impl IntoIterator<Item = char>) -> Histogram {
        let mut h = [0u8; 32];
        for c in chars {
            let b = &mut h[c as usize % 32];
            *b = b.saturating_add(1);
        }
        Histogram(h)
    }

    /// Whether the two phrases are surely more than `budget` edits apart:
    /// the counts bound the edit distance from below.
    fn more_edits_than(&self, other: &Histogram, budget: usize) -> bool {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += usize::from(a - b);
            } else {
                fewer += usize::from(b - a);
            }
            if more > budget || fewer > budget {
                return true;
            }
        }
        false
    }
}

/// How many edits a heading of `n` characters may have and still match.
fn allowed_edits(n: usize) -> usize {
    match n {
        0..=7 => 0,
        8..=23 => 1,
        24..=47 => 2,
        _ => 3,
    }
}

/// A date line such as "2021 Septembre", "July 2022" or "12 de agosto de 2020":
/// returns `YYYY-MM`.
pub(crate) fn match_date_line(text: &str) -> Option<String> {
    static MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
        LANGUAGES
            .iter()
            .flat_map(|l| l.months.iter())
            .map(|(name, n)| (normalize(name), *n))
            .collect()
    });
    if content_words_at_least(text, 4) {
        return None;
    }
    let norm = normalize(text);
    let words: Vec<&str> = norm
        .split(' ')
        .filter(|w| !LANGUAGES.iter().any(|l| l.date_fillers.contains(w)))
        .collect();
    if words.len() > 3 || words.len() < 2 {
        return None;
    }
    let year = words
        .iter()
        .filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1990..=2100).contains(y))?;
    let month = words.iter().find_map(|w| MONTHS.get(*w).copied())?;
    // Anything else must be a day number.
    let others = words
        .iter()
        .filter(|w| !MONTHS.contains_key(**w) && **w != year.to_string())
        .count();
    let days_ok = words
        .iter()
        .filter(|w| !MONTHS.contains_key(**w) && **w != year.to_string())
        .all(|w| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()));
    (others <= 1 && days_ok).then(|| format!("{year:04}-{month:02}"))
}

/// Whether `text` certainly has at least `n` words that survive [`normalize`]
/// and are longer than any short word a date line may hold ("de", "del", "of").
/// A word counts when it holds four ASCII letters or digits in a row: those
/// stay together through normalisation, and words apart stay apart. A cheap
/// test that spares normalising running text.
fn content_words_at_least(text: &str, n: usize) -> bool {
    let mut count = 0;
    for word in text.split_whitespace() {
        let mut run = 0;
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                run += 1;
                if run == 4 {
                    count += 1;
                    if count == n {
                        return true;
                    }
                    break;
                }
            } else {
                run = 0;
            }
        }
    }
    false
}

/// A title found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    /// The matched text, as written.
    pub title: String,
    pub language: &'static str,
    pub place: String,
    pub year: Option<i32>,
    pub edition: Option<u32>,
    pub local: bool,
    /// A country named next to a local place ("Stryi Territorial Community (Ukraine)").
    pub country: Option<String>,
}

struct TitlePattern {
    language: &'static Language,
    regex: Regex,
}

static TITLE_PATTERNS: LazyLock<Vec<TitlePattern>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for lang in LANGUAGES {
        let mut ords: Vec<&str> = lang.ordinals.iter().map(|(w, _)| *w).collect();
        // Longest first so that "première" wins over "premier".
        ords.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let ord_alt = ords
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|");
        for pattern in lang.titles {
            let source = format!("(?i){}", pattern.replace("{ORD}", &ord_alt));
            let regex = Regex::new(&source)
                .unwrap_or_else(|e| panic!("title pattern of {} is invalid: {e}", lang.code));
            out.push(TitlePattern {
                language: lang,
                regex,
            });
        }
    }
    out
});

/// What every title spells out: "governance" in each language (never
/// "government"), and "profile" (or the report, "informe", "relatório",
/// that some titles name in its place). Every title pattern of every table holds a mark of
/// each set, and so does every word of one group of title words of each
/// language: tests keep it so, and a pattern that offers another word in
/// their place must add it to its set. A text without a mark of each set,
/// in any case, is no title and is spared the patterns and the word search,
/// which would otherwise read every paragraph.
const TITLE_MARKS: [&[&[u8]]; 2] = [
    &[b"governa", b"gouverna", b"gobernan"],
    &[b"profil", b"perfil", b"inform", b"relat"],
];

/// Whether `text` holds one of `marks` in any case. Each mark is searched
/// by its rarest letter (in the order of frequency of letters in running
/// text), so that few places of a paragraph are compared with it.
fn holds_mark(text: &str, marks: &[&[u8]]) -> bool {
    const BY_FREQUENCY: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";
    let rarity = |b: &u8| BY_FREQUENCY.iter().position(|f| f == b);
    let bytes = text.as_bytes();
    marks.iter().any(|mark| {
        let Some((offset, &anchor)) = mark.iter().enumerate().max_by_key(|(_, b)| rarity(b)) else {
            return false;
        };
        memchr::memchr2_iter(anchor, anchor.to_ascii_uppercase(), bytes).any(|i| {
            i.checked_sub(offset)
                .and_then(|start| bytes.get(start..start + mark.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(mark))
        })
    })
}

/// Whether `text` holds a mark of every set of [`TITLE_MARKS`].
fn may_be_title(text: &str) -> bool {
    TITLE_MARKS.iter().all(|marks| holds_mark(text, marks))
}

/// All title patterns at once: one pass tells which of them can match.
static TITLE_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(TITLE_PATTERNS.iter().map(|p| p.regex.as_str())).expect("valid patterns")
});

/// Recognise a profile title in a block of text: by the title patterns of
/// the tables, else by its key words in any order.
pub(crate) fn match_title(text: &str) -> Option<TitleMatch> {
    if !may_be_title(text) {
        return None;
    }
    match_title_pattern(text).or_else(|| match_title_by_words(text))
}

/// A title told by its key words (see [`Language::title_words`]): the words
/// before the last `:` or `|` hold a word of every group, the place comes
/// after it, and a year in brackets or an ordinal may stand anywhere.
fn match_title_by_words(text: &str) -> Option<TitleMatch> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\((\d{4})\)|\b(\d{4})\b").expect("valid regex"));
    let text = text.trim();
    if text.chars().count() > 240 {
        return None;
    }
    let cut = text.rfind([':', '|'])?;
    let (head, tail) = (&text[..cut], text[cut + 1..].trim());
    if head.split_whitespace().count() > 14 {
        return None;
    }
    // Each language's title words, normalised once: per group, per word,
    // its normalised words.
    static TITLE_WORDS: LazyLock<Vec<Vec<Vec<Vec<String>>>>> = LazyLock::new(|| {
        LANGUAGES
            .iter()
            .map(|l| {
                l.title_words
                    .iter()
                    .map(|group| {
                        group
                            .iter()
                            .map(|w| normalize(w).split(' ').map(str::to_string).collect())
                            .collect()
                    })
                    .collect()
            })
            .collect()
    });
    let head = normalize(head);
    let words: Vec<&str> = head.split(' ').collect();
    let has = |parts: &Vec<String>| {
        words
            .windows(parts.len())
            .any(|win| win == parts.as_slice())
    };
    let lang = LANGUAGES
        .iter()
        .zip(TITLE_WORDS.iter())
        .find_map(|(l, groups)| {
            (!groups.is_empty() && groups.iter().all(|group| group.iter().any(has))).then_some(l)
        })?;
    let year = YEAR
        .captures_iter(text)
        .filter_map(|c| c.get(1).or(c.get(2)))
        .filter_map(|m| m.as_str().parse::<i32>().ok())
        .find(|y| (1990..=2100).contains(y));
    let place = YEAR.replace_all(tail, "");
    let place = place
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '|', '-', '–', '('])
        .trim();
    let starts_upper = place.chars().next().is_some_and(char::is_uppercase);
    if place.is_empty() || !starts_upper || place.chars().count() > 100 {
        return None;
    }
    let edition = words.iter().find_map(|w| ordinal(lang, w));
    let (place, country) = split_country(place);
    Some(TitleMatch {
        title: collapse(text),
        language: lang.code,
        place,
        year,
        edition,
        local: lang
            .local_words
            .iter()
            .any(|w| has(&normalize(w).split(' ').map(str::to_string).collect())),
        country,
    })
}

fn match_title_pattern(text: &str) -> Option<TitleMatch> {
    let candidates = TITLE_SET.matches(text);
    if !candidates.matched_any() {
        return None;
    }
    for (i, p) in TITLE_PATTERNS.iter().enumerate() {
        if !candidates.matched(i) {
            continue;
        }
        let Some(c) = p.regex.captures(text) else {
            continue;
        };
        let place = c.name("place")?.as_str().trim();
        let place = place
            .trim_end_matches(['.', ',', ';', ':', '|', '-', '–'])
            .trim();
        if place.is_empty() || place.chars().count() > 100 {
            continue;
        }
        let edition = c.name("ord").and_then(|o| ordinal(p.language, o.as_str()));
        let year = c
            .name("year")
            .and_then(|y| y.as_str().parse::<i32>().ok())
            .filter(|y| (1990..=2100).contains(y));
        let (place, country) = split_country(place);
        return Some(TitleMatch {
            title: collapse(c.get(0).map_or("", |m| m.as_str())),
            language: p.language.code,
            place,
            year,
            edition,
            local: c
                .name("local")
                .is_some_and(|m| !m.as_str().trim().is_empty()),
            country,
        });
    }
    None
}

fn collapse(s: &str) -> String {
    crate::read::collapse_whitespace(s)
        .trim_end_matches(['.', ',', ';'])
        .to_string()
}

/// "Stryi Territorial Community (Ukraine)" → ("Stryi Territorial Community", Some("Ukraine")).
fn split_country(place: &str) -> (String, Option<String>) {
    if let Some(open) = place.rfind('(')
        && place.ends_with(')')
        && open > 0
    {
        let inner = place[open + 1..place.len() - 1].trim();
        if !inner.is_empty() && !inner.chars().all(|c| c.is_ascii_digit()) {
            return (place[..open].trim().to_string(), Some(inner.to_string()));
        }
    }
    (place.to_string(), None)
}

/// The number an ordinal word stands for in a language.
pub(crate) fn ordinal(lang: &Language, word: &str) -> Option<u32> {
    // Exact (in any case) first: `normalize` drops a leading number, so
    // "2.º" and "3.º" would both fold to "o".
    let lower = word.to_lowercase();
    let w = normalize(word);
    lang.ordinals
        .iter()
        .find(|(o, _)| o.to_lowercase() == lower)
        .or_else(|| lang.ordinals.iter().find(|(o, _)| normalize(o) == w))
        .map(|(_, n)| *n)
}

/// How strongly `text` looks like `lang`, from its frequent short words.
pub(crate) fn stopword_score(lang: &Language, text: &str) -> usize {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let lw = w.to_lowercase();
            lang.stopwords.contains(&lw.as_str())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_between_spaces_are_the_pieces_of_a_split() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "a  b",
            "1 droits des migrants",
            "  é  ü x ",
        ] {
            let pieces = text.split(' ').filter(|w| !w.is_empty()).count();
            assert_eq!(words_between_spaces(text), pieces, "{text:?}");
        }
    }

    #[test]
    fn marks_are_found_in_any_case_wherever_they_stand() {
        for text in [
            "Migration Governance Profile",
            "PERFIL DE GOBERNANZA",
            "gouvernance",
            "profi",
            "vgovernavb",
            "nforme relat",
            "Relatório",
            "",
            "governa",
            "v",
        ] {
            for marks in TITLE_MARKS {
                let lower = text.to_ascii_lowercase();
                let by_search = marks
                    .iter()
                    .any(|m| lower.contains(std::str::from_utf8(m).unwrap()));
                assert_eq!(holds_mark(text, marks), by_search, "{text}");
            }
        }
    }

    #[test]
    fn every_title_holds_the_title_marks() {
        let groups = Regex::new(r"\(\?:([^()]*)\)").expect("valid regex");
        for marks in TITLE_MARKS {
            for lang in LANGUAGES {
                for pattern in lang.titles {
                    assert!(
                        holds_mark(pattern, marks),
                        "{}: a title pattern without a title mark: {pattern}",
                        lang.code
                    );
                    // A group of alternatives that offers a mark offers one
                    // in each ("(?:perfil|informe)").
                    for group in groups.captures_iter(pattern) {
                        let options: Vec<&str> = group[1].split('|').collect();
                        if options.iter().any(|o| holds_mark(o, marks)) {
                            assert!(
                                options.iter().all(|o| holds_mark(o, marks)),
                                "{}: an alternative without a title mark: {}",
                                lang.code,
                                &group[0]
                            );
                        }
                    }
                }
                assert!(
                    lang.title_words
                        .iter()
                        .any(|group| group.iter().all(|w| holds_mark(w, marks))),
                    "{}: no group of title words holds a title mark",
                    lang.code
                );
            }
        }
        assert!(may_be_title("PERFIL DE GOBERNANZA DE LA MIGRACIÓN"));
        assert!(may_be_title("Profil de gouvernance des migrations"));
        assert!(may_be_title("Perfil de Governação das Migrações"));
        assert!(!may_be_title("The Government adopted a migration profile."));
        assert!(!may_be_title("A migration governance framework."));
        assert!(!may_be_title(""));
        assert!(match_title("Migration Governance Profile: Republic of Ghana (2022)").is_some());
    }

    /// The templates' labels (`templates/labels.json`) name each domain by
    /// one of its headings in the tables and each month as the tables do, for every language the tables know, and no
    /// other: a language is added to both or to neither.
    #[test]
    fn template_labels_agree_with_the_tables() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/labels.json");
        let labels: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let codes: Vec<&str> = labels
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut known: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
        known.sort_unstable();
        let mut codes = codes.clone();
        codes.sort_unstable();
        assert_eq!(codes, known);
        for lang in LANGUAGES {
            let entry = &labels[lang.code];
            for id in DomainId::ALL {
                let label = normalize(entry["domains"][id.as_str()].as_str().unwrap());
                let (_, headings) = lang.domains.iter().find(|(d, _)| *d == id).unwrap();
                assert!(
                    headings.iter().any(|h| normalize(h) == label),
                    "{}: the label of {} \"{label}\" is none of the table's headings",
                    lang.code,
                    id.as_str()
                );
            }
            let months = entry["months"].as_array().unwrap();
            assert_eq!(months.len(), 12, "{}", lang.code);
            for (n, month) in (1..).zip(months) {
                let month = normalize(month.as_str().unwrap());
                assert!(
                    lang.months
                        .iter()
                        .any(|(name, m)| *m == n && normalize(name) == month),
                    "{}: month {n} \"{month}\" is not in the table",
                    lang.code
                );
            }
        }
    }

    #[test]
    fn normalizes_case_accents_apostrophes_and_numbers() {
        assert_eq!(normalize("1: Droits des Migrants"), "droits des migrants");
        assert_eq!(
            normalize("Approche associant l’ensemble du gouvernement"),
            "approche associant lensemble du gouvernement"
        );
        assert_eq!(
            normalize("Whole-of-Government  approach"),
            "whole of government approach"
        );
        assert_eq!(
            normalize("MIGRACIÓN SEGURA, ORDENADA Y REGULAR"),
            "migracion segura ordenada y regular"
        );
    }

    /// The definition `normalize` implements, one character at a time.
    fn normalize_by_nfkd(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in s.nfkd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            match c {
                c if crate::text::is_apostrophe(c) => {}
                c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
                _ => {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
            }
        }
        let trimmed = out.trim();
        match trimmed.split_once(' ') {
            Some((first, rest))
                if first.len() <= 2 && first.chars().all(|c| c.is_ascii_digit()) =>
            {
                rest.to_string()
            }
            _ => trimmed.to_string(),
        }
    }

    #[test]
    fn normalize_is_nfkd_without_marks() {
        // Every character, between letters and combining marks.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("e\u{301}{c}\u{327}\u{301}b");
            assert_eq!(normalize(&s), normalize_by_nfkd(&s), "{s:?}");
        }
        let inputs = concat!(env!("CARGO_MANIFEST_DIR"), "/inputs");
        for entry in std::fs::read_dir(inputs).unwrap() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap())
                .into_owned();
            for line in text.lines() {
                assert_eq!(normalize(line), normalize_by_nfkd(line));
            }
        }
    }

    #[test]
    fn matches_headings_of_every_language() {
        let m = match_heading("Migrants’ rights").unwrap();
        assert_eq!(m.meaning, Meaning::Domain(DomainId::MigrantsRights));
        assert!(!m.approximate);
        let m = match_heading("DIMENSIÓN DE MOVILIDAD DE LAS CRISIS").unwrap();
        assert_eq!(m.meaning, Meaning::Domain(DomainId::MobilityCrises));
        assert_eq!(m.language, "es");
        let m = match_heading("Gouvernance de la migration : exemples d’aspects bien développés :")
            .unwrap();
        assert_eq!(m.meaning, Meaning::List(FindingKind::Strength));
        assert_eq!(m.language, "fr");
        let m = match_heading("Areas with potential for further development:").unwrap();
        assert_eq!(m.meaning, Meaning::List(FindingKind::Improvement));
        assert_eq!(
            match_heading(
                "ADHERENCE TO INTERNATIONAL STANDARDS AND FULFILMENT OF MIGRANTS’ RIGHTS"
            )
            .unwrap()
            .meaning,
            Meaning::Domain(DomainId::MigrantsRights)
        );
    }

    #[test]
    fn tolerates_a_typo_and_says_so() {
        let m = match_heading("Aspects d’une crises relatifs à la mobilité").unwrap();
        assert_eq!(m.meaning, Meaning::Domain(DomainId::MobilityCrises));
        assert!(m.approximate);
        let m = match_heading("Partenriats").unwrap();
        assert_eq!(m.meaning, Meaning::Domain(DomainId::Partnerships));
        assert!(m.approximate);
    }

    #[test]
    fn sentences_are_not_headings() {
        assert!(match_heading("Le Mali n’a pas conclu d’accord de réadmission.").is_none());
        assert!(match_heading("Data").is_none());
        assert!(match_heading("").is_none());
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            match_date_line("2021 Septembre").as_deref(),
            Some("2021-09")
        );
        assert_eq!(match_date_line("July 2022").as_deref(), Some("2022-07"));
        assert_eq!(match_date_line("2020 Agosto").as_deref(), Some("2020-08"));
        assert_eq!(
            match_date_line("12 de agosto de 2020").as_deref(),
            Some("2020-08")
        );
        assert_eq!(match_date_line("2023 June").as_deref(), Some("2023-06"));
        assert_eq!(match_date_line("Mars"), None);
        assert_eq!(match_date_line("In June 2021 the law changed"), None);
        assert_eq!(
            match_date_line("de 12 de agosto de del 2020 of").as_deref(),
            Some("2020-08")
        );
        assert_eq!(match_date_line("Published: August 2020, Geneva"), None);
        assert!(!content_words_at_least("de de-de of l'of 2020 agosto", 3));
        assert!(content_words_at_least(
            "the ministry said in 2020 agosto",
            3
        ));
    }

    #[test]
    fn titles_of_web_and_print_profiles() {
        let t = match_title(
            "Deuxième profil de gouvernance de la migration : République du Mali (2021)",
        )
        .unwrap();
        assert_eq!(
            (t.language, t.place.as_str(), t.year, t.edition, t.local),
            ("fr", "République du Mali", Some(2021), Some(2), false)
        );
        let t =
            match_title("Local Migration Governance Profile: County of Nairobi (2020)").unwrap();
        assert_eq!(
            (t.place.as_str(), t.year, t.edition, t.local),
            ("County of Nairobi", Some(2020), None, true)
        );
        let t = match_title("Perfil de gobernanza de la migración: República de Guatemala (2020)")
            .unwrap();
        assert_eq!(
            (t.language, t.place.as_str(), t.year),
            ("es", "República de Guatemala", Some(2020))
        );
        let t = match_title("Required citation: International Organization for Migration (IOM), 2022. Migration Governance Indicators Profile 2021 | Republic of Zimbabwe. IOM, Geneva.").unwrap();
        assert_eq!(
            t.title,
            "Migration Governance Indicators Profile 2021 | Republic of Zimbabwe"
        );
        assert_eq!(
            (t.place.as_str(), t.year),
            ("Republic of Zimbabwe", Some(2021))
        );
        let t =
            match_title("Local Migration Governance Indicators | Profile 2022 | City of Kenema")
                .unwrap();
        assert_eq!(
            (t.place.as_str(), t.year, t.local),
            ("City of Kenema", Some(2022), true)
        );
        let t = match_title(
            "Indicadores de Gobernanza de la Migración Segundo Informe 2022 | Honduras",
        )
        .unwrap();
        assert_eq!(
            (t.place.as_str(), t.year, t.edition),
            ("Honduras", Some(2022), Some(2))
        );
        let t =
            match_title("Indicateurs de gouvernance des migrations | Profil 2021 | Burkina Faso")
                .unwrap();
        assert_eq!(
            (t.language, t.place.as_str(), t.year),
            ("fr", "Burkina Faso", Some(2021))
        );
        let t = match_title("Local Migration Governance Indicators | Profile 2025 | Stryi Territorial Community (Ukraine)").unwrap();
        assert_eq!(
            (t.place.as_str(), t.country.as_deref()),
            ("Stryi Territorial Community", Some("Ukraine"))
        );
        let t = match_title("Indicadores de Gobernanza de la Migración a nivel local Perfil 2021 | Municipio de Villa del Rosario").unwrap();
        assert_eq!(
            (t.place.as_str(), t.local),
            ("Municipio de Villa del Rosario", true)
        );
        let t =
            match_title("Second Migration Governance Profile: Republic of Ghana (2022)").unwrap();
        assert_eq!(t.edition, Some(2));
        assert!(
            match_title("Migration Governance Indicators: A Global Perspective (2019)").is_none()
        );
    }
}
