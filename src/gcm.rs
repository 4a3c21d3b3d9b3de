//! The objectives of the Global Compact for Safe, Orderly and Regular
//! Migration (GCM, A/RES/73/195) and a transparent tagger that links each
//! finding to them.
//!
//! A finding is linked to an objective when its words hold terms of that
//! objective's lexicon (`src/lang/gcm/`); the link keeps the words that
//! matched, so that every link can be checked by eye. Negation is not read:
//! "no programme for the reintegration of returnees" is about return and
//! reintegration as much as a programme that exists (the finding's kind says
//! which it is).

use std::ops::Range;
use std::sync::LazyLock;

use foldhash::HashMap;

use serde::Deserialize;

use crate::lang::gcm::{GCM_PRECEDENCE, GcmLexicon, WHOLE_OF_MIGRATION};
use crate::lang::normalize_char;
use crate::lang::signature::fold_normalized_str;
use crate::model::{Domain, FindingKind, GcmLink, Profile};

/// At most this many objectives per finding.
pub(crate) const MAX_OBJECTIVES: usize = 3;

/// Objectives after the first need at least this much evidence (a term of two
/// words, or two terms): one stray word does not make a second objective.
const MIN_SECONDARY_SCORE: usize = 2;

/// An institution's name runs at most this many words past its head word
/// to reach the acronym that closes it ("Agence nationale pour l’emploi (ANPE)").
const MAX_NAME_TO_ACRONYM: usize = 8;

/// One GCM objective, with its official titles.
#[derive(Debug, Clone, Deserialize)]
pub struct Objective {
    /// 1–23.
    pub n: u8,
    pub en: String,
    pub fr: String,
    pub es: String,
    /// Where each title was read.
    pub sources: std::collections::BTreeMap<String, String>,
    /// Languages whose exact title was not seen on a stored page.
    pub unverified: Vec<String>,
    /// Short names by language.
    pub short: std::collections::BTreeMap<String, String>,
    /// The resolution's paragraph that holds the objective's commitments.
    pub commitment_paragraph: u32,
}

impl Objective {
    /// The title in a language (English when the table has none for it).
    pub fn title(&self, language: &str) -> &str {
        match language {
            "fr" => &self.fr,
            "es" => &self.es,
            _ => &self.en,
        }
    }

    /// The short name in a language (English when the table has none for it).
    pub(crate) fn short_name(&self, language: &str) -> &str {
        self.short
            .get(language)
            .or_else(|| self.short.get("en"))
            .map_or("", String::as_str)
    }
}

/// The 23 objectives, in order (`templates/gcm-objectives.json`, which the templates read too).
pub fn objectives() -> &'static [Objective] {
    static TABLE: LazyLock<Vec<Objective>> = LazyLock::new(|| {
        serde_json::from_str(include_str!("../templates/gcm-objectives.json"))
            .expect("templates/gcm-objectives.json is valid (checked by the tests)")
    });
    &TABLE
}

/// A word of a lexicon's vocabulary (see [`Vocabulary`]).
type WordId = u32;

/// What a word of a text the vocabulary does not know is.
const UNKNOWN_WORD: WordId = WordId::MAX;

/// One word of a term: a word of the vocabulary (a folded form), or a prefix
/// of its normalised form.
#[derive(Debug)]
enum Pattern {
    Word(WordId),
    Prefix(Box<str>),
}

/// A term of a lexicon, ready for matching.
#[derive(Debug)]
struct Term {
    words: Vec<Pattern>,
    /// The evidence the term gives: its number of words, doubled for a
    /// word that names the objective on its own (`!` in the lexicon).
    weight: usize,
    /// The term names the objective on its own (`!`): it counts even inside
    /// the name of an institution, whose mandate it then is.
    key: bool,
    /// The term only says who or what a finding is about (`~`): it adds to
    /// an objective that other terms show, never makes one by itself.
    context: bool,
}

/// A word of a text: where its normalised form stands in the buffer of
/// [`Words`] and where the word stands in the text, and which word of the
/// vocabulary its folded form is ([`UNKNOWN_WORD`] when none).
#[derive(Debug, Clone)]
struct Token {
    norm: Range<usize>,
    start: usize,
    end: usize,
    word: WordId,
}

/// What an ASCII byte is to the reading of words (a table, one look-up per
/// byte of a text; bytes above 127 are read as characters).
#[derive(Clone, Copy, PartialEq)]
enum AsciiClass {
    /// It ends a word (space, punctuation).
    Separator,
    /// A lower-case letter or a digit.
    Lower,
    Upper,
}

static ASCII_CLASS: [AsciiClass; 128] = {
    let mut table = [AsciiClass::Separator; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_uppercase() {
            table[b] = AsciiClass::Upper;
        } else if byte.is_ascii_alphanumeric() {
            table[b] = AsciiClass::Lower;
        }
        b += 1;
    }
    table
};

/// The words of a text as the tagger reads them, their normalised forms
/// in one buffer (a text's words cost two allocations, not one each, and
/// none when the space is reused for another text).
#[derive(Default)]
struct Words {
    buffer: String,
    tokens: Vec<Token>,
}

impl Words {
    /// Split `text` at anything that is not a letter or digit (apostrophes
    /// included, so that "l’intégration" gives "intégration"), each word
    /// normalised as [`crate::lang::normalize`] normalises text (accents,
    /// case) and told by `word` which word of the vocabulary it is, or
    /// `None` for a stop word, left out.
    fn read(text: &str, word: impl FnMut(&str) -> Option<WordId>) -> Words {
        let mut words = Words::default();
        words.reread(text, word);
        words
    }

    /// [`Words::read`] into this value, whose space is kept for the next text.
    fn reread(&mut self, text: &str, mut word: impl FnMut(&str) -> Option<WordId>) {
        let words = self;
        words.buffer.clear();
        words.tokens.clear();
        let bytes = text.as_bytes();
        // Where the word being read starts in the text and in the buffer.
        let mut start: Option<(usize, usize)> = None;
        let mut i = 0;
        while i < bytes.len() {
            let class = ASCII_CLASS.get(usize::from(bytes[i]));
            if class.is_some_and(|&c| c != AsciiClass::Separator) {
                // A run of ASCII letters and digits, most of any text, is
                // copied at once, lowered only if it holds a capital.
                let mut upper = false;
                let run = bytes[i..]
                    .iter()
                    .position(|&b| match ASCII_CLASS.get(usize::from(b)) {
                        Some(AsciiClass::Lower) => false,
                        Some(AsciiClass::Upper) => {
                            upper = true;
                            false
                        }
                        _ => true,
                    })
                    .map_or(bytes.len(), |n| i + n);
                let at = words.buffer.len();
                start.get_or_insert((i, at));
                words.buffer.push_str(&text[i..run]);
                if upper {
                    words.buffer[at..].make_ascii_lowercase();
                }
                i = run;
                continue;
            }
            if class.is_some() {
                if let Some((s, from)) = start.take() {
                    words.end_word(s..i, from, &mut word);
                }
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if !c.is_ascii() && c.is_alphanumeric() {
                start.get_or_insert((i, words.buffer.len()));
                normalize_char(&mut words.buffer, c);
            } else if !c.is_ascii() && unicode_normalization::char::is_combining_mark(c) {
                // A decomposed accent: part of its word, dropped like any accent.
            } else if let Some((s, from)) = start.take() {
                words.end_word(s..i, from, &mut word);
            }
            i += c.len_utf8();
        }
        if let Some((s, from)) = start {
            words.end_word(s..text.len(), from, &mut word);
        }
    }

    /// Close the word standing at `place` in the text, normalised in the
    /// buffer from `from`: keep it unless it is a stop word.
    fn end_word(
        &mut self,
        place: Range<usize>,
        from: usize,
        word: &mut impl FnMut(&str) -> Option<WordId>,
    ) {
        let norm = from..self.buffer.len();
        match word(&self.buffer[norm.clone()]) {
            Some(id) => self.tokens.push(Token {
                norm,
                start: place.start,
                end: place.end,
                word: id,
            }),
            None => self.buffer.truncate(from),
        }
    }

    /// The normalised form of a token.
    fn norm(&self, token: &Token) -> &str {
        &self.buffer[token.norm.clone()]
    }
}

/// A normalised word folded as terms and texts are compared: the first
/// matching ending of the lexicon rewritten ("agencies" → "agency"), then a
/// plural `s` and a final gender vowel dropped
/// ([`fold_normalized_str`]).
fn fold_word(norm: &str, lexicon: &GcmLexicon) -> String {
    for (from, to) in lexicon.suffixes {
        if let Some(stem) = norm.strip_suffix(from)
            && stem.chars().nth(2).is_some()
        {
            return fold_normalized_str(&format!("{stem}{to}")).to_string();
        }
    }
    fold_normalized_str(norm).to_string()
}

/// Every normalised word that [`fold_word`] folds to `folded`: folding drops
/// at most a plural `s` and one vowel of `a`, `o`, `e`, after an ending
/// rewritten, so these are the candidates, each kept only if it folds back
/// to `folded` (the tests check this against folding every word of the
/// labelled findings).
fn spellings(folded: &str, lexicon: &GcmLexicon) -> Vec<String> {
    let unfolded: Vec<String> = ["", "s", "a", "o", "e", "as", "os", "es"]
        .iter()
        .map(|end| format!("{folded}{end}"))
        .collect();
    let mut candidates = unfolded.clone();
    for word in &unfolded {
        for (from, to) in lexicon.suffixes {
            if let Some(stem) = word.strip_suffix(to) {
                candidates.push(format!("{stem}{from}"));
            }
        }
    }
    candidates.retain(|c| fold_word(c, lexicon) == folded);
    candidates
}

/// A term as written in a lexicon: its words folded like a text's and put
/// in the vocabulary, a word followed by `*` kept as a prefix of its
/// normalised form.
fn compile_term(term: &str, lexicon: &GcmLexicon, vocabulary: &mut Vocabulary) -> Term {
    let (term, key) = match term.strip_prefix('!') {
        Some(rest) => (rest, true),
        None => (term, false),
    };
    let (term, context) = match term.strip_prefix('~') {
        Some(rest) => (rest, true),
        None => (term, false),
    };
    let words = Words::read(term, |norm| {
        (!lexicon.stopwords.contains(&norm)).then(|| vocabulary.add(&fold_word(norm, lexicon)))
    });
    let words: Vec<Pattern> = words
        .tokens
        .iter()
        .map(|t| {
            if term[t.end..].starts_with('*') {
                Pattern::Prefix(words.norm(t).into())
            } else {
                Pattern::Word(t.word)
            }
        })
        .collect();
    let weight = match (key, context) {
        (true, _) => words.len() * 2,
        (false, true) => 1,
        (false, false) => words.len(),
    };
    Term {
        words,
        weight,
        key,
        context,
    }
}

impl Pattern {
    fn matches(&self, words: &Words, token: &Token) -> bool {
        match self {
            Pattern::Word(w) => token.word == *w,
            Pattern::Prefix(p) => words.norm(token).starts_with(&**p),
        }
    }
}

/// A term that may begin at a word: a term of an objective or a term out
/// of scope, by its index.
#[derive(Debug, Clone, Copy)]
enum Start {
    Term(usize),
    OutOfScope(usize),
}

/// Everything a lexicon knows about one folded word.
#[derive(Debug, Default)]
struct Entry {
    folded: Box<str>,
    /// The terms whose first word it is, terms of objectives in lexicon order.
    starts: Vec<Start>,
    /// It is the head word of institutions' names ("Ministry", "Directorate").
    institution: bool,
}

/// Words as keys of a map, looked up by any `&str`.
type WordMap<V> = HashMap<Box<str>, V>;

/// The folded words of a lexicon's terms and institutions, so that a word
/// of a text costs one look-up whatever the size of the lexicon.
#[derive(Debug, Default)]
struct Vocabulary {
    ids: WordMap<WordId>,
    entries: Vec<Entry>,
}

impl Vocabulary {
    /// The word's id, the word added if it is new.
    fn add(&mut self, folded: &str) -> WordId {
        if let Some(&id) = self.ids.get(folded) {
            return id;
        }
        let id = WordId::try_from(self.entries.len()).expect("a lexicon has few words");
        self.entries.push(Entry {
            folded: folded.into(),
            ..Entry::default()
        });
        self.ids.insert(folded.into(), id);
        id
    }

    fn entry(&self, word: WordId) -> Option<&Entry> {
        self.entries.get(usize::try_from(word).ok()?)
    }
}

/// A term whose first word is a prefix.
#[derive(Debug, Clone)]
struct PrefixStart {
    /// The prefix's second byte, to pass most words over at once.
    second: Option<u8>,
    prefix: Box<str>,
    start: Start,
}

/// The terms whose first word is a prefix, by the prefix's first byte: in
/// each list, prefixes of three characters or more before shorter ones,
/// each in lexicon order (the order in which terms found at one place
/// are weighed).
#[derive(Debug)]
struct PrefixStarts {
    by_first_byte: Vec<Vec<PrefixStart>>,
}

impl PrefixStarts {
    fn new(prefixes: Vec<(Box<str>, Start)>) -> PrefixStarts {
        let mut by_first_byte: Vec<Vec<PrefixStart>> = vec![Vec::new(); 256];
        for (prefix, start) in prefixes {
            let bytes = prefix.as_bytes();
            if let Some(&first) = bytes.first() {
                let second = bytes.get(1).copied();
                by_first_byte[usize::from(first)].push(PrefixStart {
                    second,
                    prefix,
                    start,
                });
            }
        }
        for list in &mut by_first_byte {
            list.sort_by_key(|p| p.prefix.chars().nth(2).is_none());
        }
        PrefixStarts { by_first_byte }
    }

    /// The terms whose first word is a prefix of `norm`.
    fn of<'a>(&'a self, norm: &'a str) -> impl Iterator<Item = Start> + 'a {
        let bytes = norm.as_bytes();
        let list = bytes
            .first()
            .map_or(&[][..], |&b| &self.by_first_byte[usize::from(b)]);
        let second = bytes.get(1).copied();
        list.iter()
            .filter(move |p| {
                (p.second.is_none() || p.second == second) && norm.starts_with(&*p.prefix)
            })
            .map(|p| p.start)
    }
}

/// A lexicon with its terms compiled, indexed by their first word so that a
/// text is read once whatever the size of the lexicon.
struct Compiled {
    /// Every term: its objective and its words.
    terms: Vec<(u8, Term)>,
    out_of_scope: Vec<Term>,
    vocabulary: Vocabulary,
    prefixes: PrefixStarts,
    /// Whether names begin with their head word, later words in lower case.
    names_start_with_head: bool,
    /// Every normalised word that is a stop word (`None`) or folds to a
    /// word of the vocabulary, so that a word of a text costs one look-up
    /// and no folding.
    spellings: WordMap<Option<WordId>>,
}

impl Compiled {
    fn new(lexicon: &'static GcmLexicon) -> Compiled {
        let mut vocabulary = Vocabulary::default();
        let terms: Vec<(u8, Term)> = lexicon
            .objectives
            .iter()
            .flat_map(|(n, terms)| terms.iter().map(move |t| (*n, t)))
            .map(|(n, t)| (n, compile_term(t, lexicon, &mut vocabulary)))
            .filter(|(_, t)| !t.words.is_empty())
            .collect();
        let out_of_scope: Vec<Term> = lexicon
            .out_of_scope
            .iter()
            .map(|t| compile_term(t, lexicon, &mut vocabulary))
            .filter(|t| !t.words.is_empty())
            .collect();
        let starts = (terms.iter().map(|(_, t)| t).enumerate())
            .map(|(i, t)| (t, Start::Term(i)))
            .chain((out_of_scope.iter().enumerate()).map(|(i, t)| (t, Start::OutOfScope(i))));
        let mut prefixes = Vec::new();
        for (term, start) in starts {
            match &term.words[0] {
                Pattern::Word(w) => vocabulary.entries[*w as usize].starts.push(start),
                Pattern::Prefix(p) => prefixes.push((p.clone(), start)),
            }
        }
        for name in lexicon.institutions {
            let words = Words::read(name, |norm| Some(vocabulary.add(&fold_word(norm, lexicon))));
            for t in &words.tokens {
                vocabulary.entries[t.word as usize].institution = true;
            }
        }
        Compiled {
            terms,
            out_of_scope,
            prefixes: PrefixStarts::new(prefixes),
            names_start_with_head: lexicon.names_start_with_head,
            spellings: spelling_table(&vocabulary, lexicon),
            vocabulary,
        }
    }

    /// Read the words of a text into `words`, each looked up once.
    fn read(&self, text: &str, words: &mut Words) {
        words.reread(text, |norm| match self.spellings.get(norm) {
            Some(&known) => known,
            None => Some(UNKNOWN_WORD),
        });
    }

    /// The terms that may begin at a token: those whose first word it is,
    /// then those whose first word is a prefix of it.
    fn starts<'a>(&'a self, words: &'a Words, token: &Token) -> impl Iterator<Item = Start> + 'a {
        let by_word = self
            .vocabulary
            .entry(token.word)
            .map_or(&[][..], |e| &e.starts);
        by_word
            .iter()
            .copied()
            .chain(self.prefixes.of(words.norm(token)))
    }

    /// Whether a token is the head word of institutions' names.
    fn is_institution(&self, token: &Token) -> bool {
        self.vocabulary
            .entry(token.word)
            .is_some_and(|e| e.institution)
    }

    /// Every term found in `words` put in `found`: (objective, first token,
    /// last token, term); `false` when a term out of scope occurs in them.
    fn occurrences(&self, words: &Words, found: &mut Vec<Occurrence>) -> bool {
        found.clear();
        for (at, token) in words.tokens.iter().enumerate() {
            for start in self.starts(words, token) {
                match start {
                    Start::Term(i) => {
                        let (n, term) = &self.terms[i];
                        if let Some(end) = match_from(term, words, at) {
                            found.push((*n, at, end, i));
                        }
                    }
                    Start::OutOfScope(i) => {
                        if match_from(&self.out_of_scope[i], words, at).is_some() {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }
}

/// The spellings of every word of the vocabulary (see [`spellings`]), and
/// the stop words, which are never words of a text.
fn spelling_table(vocabulary: &Vocabulary, lexicon: &GcmLexicon) -> WordMap<Option<WordId>> {
    let mut table = WordMap::default();
    for (id, entry) in vocabulary.entries.iter().enumerate() {
        let id = WordId::try_from(id).ok();
        for norm in spellings(&entry.folded, lexicon) {
            table.insert(norm.into(), id);
        }
    }
    for w in lexicon.stopwords {
        table.insert((*w).into(), None);
    }
    table
}

fn compiled(language: &str) -> Option<&'static Compiled> {
    static ALL: LazyLock<Vec<(&'static str, Compiled)>> = LazyLock::new(|| {
        crate::lang::gcm::GCM_LEXICONS
            .iter()
            .map(|l| (l.code, Compiled::new(l)))
            .collect()
    });
    ALL.iter().find(|(c, _)| *c == language).map(|(_, c)| c)
}

/// The last token of `term` matched from `start`, if it matches there.
/// Between two words of a term one other word may stand ("recognition of
/// *foreign* skills").
fn match_from(term: &Term, words: &Words, start: usize) -> Option<usize> {
    let tokens = &words.tokens;
    let (first, rest) = term.words.split_first()?;
    if !first.matches(words, tokens.get(start)?) {
        return None;
    }
    let mut at = start;
    for w in rest {
        at = (at + 1..tokens.len().min(at + 3)).find(|&j| w.matches(words, &tokens[j]))?;
    }
    Some(at)
}

/// Which tokens stand inside the proper name of an institution: a head word
/// of the lexicon ("Ministry", "Directorate", or "ministère" before a capital)
/// with the capitalised words around it ("Legal Assistance Unit",
/// "Department of Social Services"), and, where names begin with their head
/// and go on in lower case, the words after it up to a closing acronym
/// ("Conseil national de secours d’urgence (CONASUR)"). A name says who acts,
/// not what a finding is about, so only key terms count inside one. The
/// answer is empty when the text names no institution.
fn institution_names(text: &str, tokens: &[Token], compiled: &Compiled) -> Vec<bool> {
    let capital = |j: usize| {
        text[tokens[j].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    // Two neighbouring tokens are in one sentence part.
    let joined = |j: usize| !text[tokens[j].end..tokens[j + 1].start].contains(['.', ';', ':']);
    // Left empty when the text names no institution, as most do not.
    let mut named = Vec::new();
    for i in 0..tokens.len() {
        if !compiled.is_institution(&tokens[i]) {
            continue;
        }
        let next_capital = i + 1 < tokens.len() && joined(i) && capital(i + 1);
        if !capital(i) && !next_capital {
            continue;
        }
        let mut first = i;
        while !compiled.names_start_with_head
            && capital(i)
            && first > 0
            && joined(first - 1)
            && capital(first - 1)
        {
            first -= 1;
        }
        let mut last = i;
        while last + 1 < tokens.len() && joined(last) && capital(last + 1) {
            last += 1;
        }
        if compiled.names_start_with_head
            && let Some(acronym) = closing_acronym(text, tokens, i, &joined)
        {
            last = last.max(acronym);
        }
        named.resize(tokens.len(), false);
        named[first..=last].fill(true);
    }
    named
}

/// The token of an acronym in brackets ("(ANPE)") within reach after `head`.
fn closing_acronym(
    text: &str,
    tokens: &[Token],
    head: usize,
    joined: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let mut j = head;
    while j + 1 < tokens.len() && j < head + MAX_NAME_TO_ACRONYM && joined(j) {
        j += 1;
        let word = &text[tokens[j].start..tokens[j].end];
        let bracketed = text[tokens[j - 1].end..tokens[j].start].ends_with('(');
        if bracketed
            && word.chars().count() >= 2
            && word.chars().any(char::is_uppercase)
            && !word.chars().any(char::is_lowercase)
        {
            return Some(j);
        }
    }
    None
}

/// The evidence gathered for one objective.
struct Evidence {
    objective: u8,
    score: usize,
    first: usize,
    /// Its terms: a range of the occurrences kept (see [`gather`]).
    terms: Range<usize>,
    /// Only context terms (`~`) show it.
    context_only: bool,
}

/// The space a text is tagged in, kept from one text to the next so that
/// tagging a profile's findings allocates only for its answers.
#[derive(Default)]
struct Scratch {
    words: Words,
    found: Vec<Occurrence>,
    kept: Vec<Occurrence>,
    evidence: Vec<Evidence>,
}

/// The objectives a text is about, in `language`, most evidence first.
/// A language without a lexicon gives none.
pub fn tag(text: &str, language: &str) -> Vec<GcmLink> {
    match compiled(language) {
        Some(compiled) => compiled.tag(text, &mut Scratch::default()),
        None => Vec::new(),
    }
}

impl Compiled {
    /// [`tag`] with this lexicon, in `scratch`.
    fn tag(&self, text: &str, scratch: &mut Scratch) -> Vec<GcmLink> {
        let Scratch {
            words,
            found,
            kept,
            evidence,
        } = scratch;
        self.read(text, words);
        if !self.occurrences(words, found) || found.is_empty() {
            return Vec::new();
        }
        let tokens = &words.tokens;
        let in_name = institution_names(text, tokens, self);
        found.retain(|o| self.terms[o.3].1.key || in_name.get(o.1) != Some(&true));
        gather(found, kept, evidence, &self.terms);
        evidence.retain(|e| !e.context_only);
        for (n, outranked) in GCM_PRECEDENCE {
            if evidence.iter().any(|e| e.objective == *n) {
                evidence.retain(|e| !outranked.contains(&e.objective));
            }
        }
        evidence.retain(|e| e.objective != WHOLE_OF_MIGRATION);
        evidence.sort_by(|a, b| b.score.cmp(&a.score).then(a.first.cmp(&b.first)));
        evidence
            .iter()
            .enumerate()
            .filter(|(rank, e)| *rank == 0 || e.score >= MIN_SECONDARY_SCORE)
            .take(MAX_OBJECTIVES)
            .map(|(_, e)| GcmLink {
                objective: e.objective,
                terms: words_of(text, tokens, &kept[e.terms.clone()]),
            })
            .collect()
    }
}

/// A term found in a text: objective, first and last token, the term's index.
type Occurrence = (u8, usize, usize, usize);

/// The evidence for each objective, put in `evidence`, its terms in `kept`
/// (by objective, then place). Longest matches first: a term inside a
/// longer term of another objective does not count ("public employment
/// services" is not "public services"), nor one inside a term of its own
/// objective already counted.
fn gather(
    found: &mut [Occurrence],
    kept: &mut Vec<Occurrence>,
    evidence: &mut Vec<Evidence>,
    terms: &[(u8, Term)],
) {
    found.sort_by(|a, b| (b.2 - b.1).cmp(&(a.2 - a.1)).then(a.1.cmp(&b.1)));
    kept.clear();
    for &o in found.iter() {
        let covered = kept
            .iter()
            .any(|k| k.1 <= o.1 && o.2 <= k.2 && (k.0 == o.0 || k.2 - k.1 > o.2 - o.1));
        if !covered {
            kept.push(o);
        }
    }
    evidence.clear();
    kept.sort_by_key(|o| (o.0, o.1));
    for (at, &(n, s, _, i)) in kept.iter().enumerate() {
        let term = &terms[i].1;
        match evidence.last_mut() {
            Some(ev) if ev.objective == n => {
                ev.score += term.weight;
                ev.terms.end = at + 1;
                ev.context_only &= term.context;
            }
            _ => evidence.push(Evidence {
                objective: n,
                score: term.weight,
                first: s,
                terms: at..at + 1,
                context_only: term.context,
            }),
        }
    }
}

/// The words of the text each occurrence covers, as written, each once
/// (the same in lower case is the same).
fn words_of(text: &str, tokens: &[Token], occurrences: &[Occurrence]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::with_capacity(occurrences.len());
    for &(_, s, e, _) in occurrences {
        let term = &text[tokens[s].start..tokens[e].end];
        if !terms.iter().any(|t| same_in_lower_case(t, term)) {
            terms.push(term.to_string());
        }
    }
    terms
}

/// Whether two texts are equal once in lower case ([`str::to_lowercase`]),
/// ASCII ones compared without allocating.
fn same_in_lower_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else if a.contains('Σ') || b.contains('Σ') {
        // The one letter whose lower case depends on its place in a word.
        a.to_lowercase() == b.to_lowercase()
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }
}

/// Link every finding of the domains to its objectives.
pub(crate) fn tag_domains(domains: &mut [Domain], language: &str) {
    let compiled = compiled(language);
    let mut scratch = Scratch::default();
    for domain in domains {
        for kind in [FindingKind::Strength, FindingKind::Improvement] {
            for finding in domain.list_mut(kind) {
                finding.gcm =
                    compiled.map_or_else(Vec::new, |c| c.tag(&finding.text, &mut scratch));
            }
        }
    }
}

/// Strengths and improvements of a profile per objective: index 0 is
/// objective 1.
pub fn counts(profile: &Profile) -> [(usize, usize); 23] {
    let mut counts = [(0, 0); 23];
    for (_, kind, _, finding) in profile.findings() {
        for n in finding.gcm_objectives() {
            let Some(cell) = counts.get_mut(usize::from(n).wrapping_sub(1)) else {
                continue;
            };
            match kind {
                FindingKind::Strength => cell.0 += 1,
                FindingKind::Improvement => cell.1 += 1,
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objectives_of(text: &str, language: &str) -> Vec<u8> {
        tag(text, language).iter().map(|l| l.objective).collect()
    }

    #[test]
    fn the_table_has_the_23_objectives_in_order_with_three_titles() {
        let table = objectives();
        assert_eq!(table.len(), 23);
        for (i, o) in table.iter().enumerate() {
            assert_eq!(usize::from(o.n), i + 1);
            assert!(!o.en.is_empty() && !o.fr.is_empty() && !o.es.is_empty());
            assert_eq!(o.commitment_paragraph, 16 + u32::from(o.n));
        }
    }

    #[test]
    fn terms_are_the_words_as_written() {
        let links = tag(
            "Il n’existe pas de programme national de réintégration des migrants de retour.",
            "fr",
        );
        assert_eq!(links[0].objective, 21);
        assert!(links[0].terms.contains(&"réintégration".to_string()));
    }

    #[test]
    fn plurals_gender_accents_and_apostrophes_fold() {
        assert_eq!(
            objectives_of("Les ENVOIS DE FONDS des migrants", "fr"),
            vec![20]
        );
        assert_eq!(objectives_of("l’intégration des étrangers", "fr"), vec![16]);
        assert_eq!(objectives_of("las personas retornadas", "es"), vec![21]);
        assert_eq!(objectives_of("Agencies for recruitment", "en"), vec![6]);
    }

    #[test]
    fn negated_gaps_count_like_statements() {
        assert_eq!(
            objectives_of(
                "There is no programme for the reintegration of returnees.",
                "en"
            ),
            vec![21]
        );
    }

    #[test]
    fn data_findings_get_objective_one_only() {
        assert_eq!(
            objectives_of("The Central Bank publishes data on remittances.", "en"),
            vec![1]
        );
    }

    #[test]
    fn terms_inside_institution_names_count_only_as_their_mandate() {
        // "Legal Assistance" names the unit that acts, not legal aid given.
        assert!(
            objectives_of(
                "The Government consults the Legal Assistance Unit on its policies.",
                "en"
            )
            .is_empty()
        );
        assert_eq!(
            objectives_of("Migrants receive legal assistance from the city.", "en"),
            vec![7]
        );
        // French names go on in lower case up to their acronym.
        assert!(
            objectives_of(
                "Le Conseil national de la protection civile (CNPC) se réunit chaque année.",
                "fr"
            )
            .is_empty()
        );
        // A key term in a name is the institution's mandate.
        assert_eq!(
            objectives_of("La Dirección de la Diáspora coordina sus acciones.", "es"),
            vec![19]
        );
    }

    #[test]
    fn context_terms_add_to_an_objective_but_never_make_one() {
        assert!(
            objectives_of("Holders of a work permit may open a bank account.", "en").is_empty()
        );
        assert_eq!(
            objectives_of(
                "Seasonal workers are admitted under a labour mobility scheme.",
                "en"
            ),
            vec![5]
        );
    }

    #[test]
    fn a_policy_on_migration_as_a_whole_gets_none_unless_it_is_data() {
        let policy = "La política nacional abarca la inmigración, la emigración y el retorno.";
        assert!(objectives_of(policy, "es").is_empty());
        assert_eq!(
            objectives_of("The census counts immigration and emigration.", "en"),
            vec![1]
        );
    }

    #[test]
    fn nationals_abroad_in_a_crisis_are_consular_protection() {
        assert_eq!(
            objectives_of(
                "The disaster plan has no measures for the evacuation of nationals abroad.",
                "en"
            ),
            vec![14]
        );
    }

    /// The word of the vocabulary a normalised word is, found by folding
    /// it as the lexicon's terms were folded.
    fn folded_word(compiled: &Compiled, lexicon: &GcmLexicon, norm: &str) -> Option<WordId> {
        if lexicon.stopwords.contains(&norm) {
            return None;
        }
        let folded = fold_word(norm, lexicon);
        Some(
            compiled
                .vocabulary
                .ids
                .get(folded.as_str())
                .copied()
                .unwrap_or(UNKNOWN_WORD),
        )
    }

    #[test]
    fn the_spelling_table_knows_each_word_as_folding_it_does() {
        let mut texts: Vec<String> = ["agencies", "nationaux", "migrações", "Ministries"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gcm");
        for name in [
            "labels.json",
            "labels-unseen.json",
            "labels-holdout.json",
            "labels-pt.json",
        ] {
            let labels = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
            let labels: Vec<serde_json::Value> = serde_json::from_str(&labels).unwrap();
            texts.extend(
                labels
                    .iter()
                    .filter_map(|l| Some(l["text"].as_str()?.to_string())),
            );
        }
        let mut known = 0;
        for lexicon in crate::lang::gcm::GCM_LEXICONS {
            let compiled = compiled(lexicon.code).unwrap();
            for text in &texts {
                let mut mismatches = Vec::new();
                Words::read(text, |norm| {
                    let by_table = compiled
                        .spellings
                        .get(norm)
                        .copied()
                        .unwrap_or(Some(UNKNOWN_WORD));
                    let by_folding = folded_word(compiled, lexicon, norm);
                    if by_table != by_folding {
                        mismatches.push(norm.to_string());
                    }
                    known += usize::from(by_folding.is_some_and(|w| w != UNKNOWN_WORD));
                    by_table
                });
                assert!(mismatches.is_empty(), "{}: {mismatches:?}", lexicon.code);
            }
        }
        assert!(known > 1000, "the texts hold words of the lexicons");
    }

    #[test]
    fn refugee_instruments_are_out_of_scope() {
        assert!(objectives_of("It has ratified the Convention relating to the Status of Refugees and grants health care.", "en").is_empty());
    }

    #[test]
    fn at_most_three_and_a_language_without_lexicon_gives_none() {
        let many = "remittance costs and financial literacy; victims of trafficking in persons; \
                    social security and health insurance; border management at border posts";
        assert_eq!(tag(many, "en").len(), MAX_OBJECTIVES);
        assert!(tag(many, "de").is_empty());
    }
}
