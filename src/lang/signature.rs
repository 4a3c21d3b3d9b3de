//! Headings recognised by their key words rather than by a phrase.
//!
//! Profiles name a domain in many ways: short ("Partnerships"), local
//! ("Socioeconomic well-being of migrants"), the full MiGOF sentence, in
//! capitals, numbered (`1.`, `Domain 1:`), wrapped over lines, with typos,
//! in wordings no table lists. What stays is a signature: a key word of the
//! domain ("rights", "government", "partners", "well-being", "crises",
//! "safe"/"orderly") among words that are nearly all words of that domain's
//! names. The phrase tables of [`super::Language`] feed the vocabulary, and
//! `domain_keys` / `strengths_keys` / `improvements_keys` give the keys, so
//! both stay data.
//!
//! Words are compared folded (`fold_word`): no accents, lower case, a
//! plural `s` and a final gender vowel dropped; a long word one edit away
//! from a vocabulary word (a typo) still counts, but makes the match weak.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::LazyLock;

use super::{LANGUAGES, Language, Meaning, normalize};
use crate::model::FindingKind;

/// What one block looks like against one signature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignatureMatch {
    pub meaning: Meaning,
    pub language: &'static str,
    /// Share of the block's content words that are words of the meaning.
    pub coverage: f32,
    /// Every content word is a vocabulary word as written (no typo, none foreign).
    pub strong: bool,
}

/// Blocks with more content words than this are sentences, not headings.
const MAX_CONTENT_WORDS: usize = 16;

/// One meaning of one language: its keys and its vocabulary, folded.
struct Signature {
    meaning: Meaning,
    language: &'static Language,
    /// Each key is one or more folded words that must follow each other.
    keys: Vec<Vec<String>>,
    vocabulary: HashSet<String>,
}

static SIGNATURES: LazyLock<Vec<Signature>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for lang in LANGUAGES {
        for (id, keys) in lang.domain_keys {
            let names = lang
                .domains
                .iter()
                .filter(|(d, _)| d == id)
                .flat_map(|(_, names)| names.iter().copied());
            out.push(Signature::new(lang, Meaning::Domain(*id), keys, names));
        }
        for (kind, keys, phrases) in [
            (FindingKind::Strength, lang.strengths_keys, lang.strengths),
            (
                FindingKind::Improvement,
                lang.improvements_keys,
                lang.improvements,
            ),
        ] {
            out.push(Signature::new(
                lang,
                Meaning::List(kind),
                keys,
                phrases.iter().copied(),
            ));
        }
    }
    out
});

/// The signatures each key's first word belongs to.
static KEY_INDEX: LazyLock<HashMap<String, Vec<usize>>> = LazyLock::new(|| {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, sig) in SIGNATURES.iter().enumerate() {
        for first in sig.keys.iter().filter_map(|k| k.first()) {
            let at = index.entry(first.clone()).or_default();
            if !at.contains(&i) {
                at.push(i);
            }
        }
    }
    index
});

/// Every word of the list headings' names, folded: a block holding none of
/// them (nor one a typo away) holds no list heading.
static LIST_VOCABULARY: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    SIGNATURES
        .iter()
        .filter(|s| matches!(s.meaning, Meaning::List(_)))
        .flat_map(|s| s.vocabulary.iter().map(String::as_str))
        .collect()
});

/// Whether some of `words` (folded) could belong to a list heading: one
/// of them at least is a word of the list headings' names as written.
pub(crate) fn may_hold_list_heading(words: &[&str]) -> bool {
    let vocabulary = &*LIST_VOCABULARY;
    words
        .iter()
        .any(|w| w.chars().nth(3).is_some() && vocabulary.contains(w))
}

impl Signature {
    fn new<'a>(
        language: &'static Language,
        meaning: Meaning,
        keys: &[&str],
        phrases: impl Iterator<Item = &'a str>,
    ) -> Signature {
        let keys: Vec<Vec<String>> = keys.iter().map(|k| fold_words(k)).collect();
        let mut vocabulary: HashSet<String> = phrases.flat_map(fold_words).collect();
        vocabulary.extend(keys.iter().flatten().cloned());
        Signature {
            meaning,
            language,
            keys,
            vocabulary,
        }
    }

    /// A key stands in the words as written (folded): a typo may touch the
    /// other words, not the key itself, which keeps this test cheap.
    fn has_key(&self, words: &[&str]) -> bool {
        self.keys.iter().any(|key| {
            !key.is_empty()
                && words
                    .windows(key.len())
                    .any(|w| w.iter().zip(key).all(|(a, b)| a == b))
        })
    }

    /// How the block's content words stand against this signature.
    fn score(&self, words: &[&str]) -> Option<SignatureMatch> {
        if !self.has_key(words) {
            return None;
        }
        let content: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !is_function_word(self.language, w))
            .collect();
        if content.is_empty() {
            return None;
        }
        let mut covered = 0usize;
        let mut exact = 0usize;
        for w in &content {
            if self.vocabulary.contains(*w) {
                covered += 1;
                exact += 1;
            } else if self.vocabulary.iter().any(|v| same_word(w, v)) {
                covered += 1;
            }
        }
        let uncovered = content.len() - covered;
        // A word or a third of the words may be foreign to the names (a
        // phrasing no table lists); more, and it is a sentence about the domain.
        if uncovered > (content.len() / 3).max(1) || (content.len() <= 2 && uncovered > 0) {
            return None;
        }
        Some(SignatureMatch {
            meaning: self.meaning,
            language: self.language.code,
            coverage: covered as f32 / content.len() as f32,
            strong: exact == content.len(),
        })
    }
}

/// Short words that carry no meaning of their own, in any language.
fn is_function_word(lang: &Language, w: &str) -> bool {
    static STOPWORDS: LazyLock<HashMap<&'static str, HashSet<String>>> = LazyLock::new(|| {
        LANGUAGES
            .iter()
            .map(|l| (l.code, l.stopwords.iter().map(|s| fold_word(s)).collect()))
            .collect()
    });
    w.chars().nth(3).is_none() || STOPWORDS.get(lang.code).is_some_and(|s| s.contains(w))
}

/// Two folded words are the same, allowing one typo in a long word.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Cheap refusals first: this runs for every word against a vocabulary.
    if a.len().abs_diff(b.len()) > 4 || a.len() < 6 || b.len() < 6 {
        return false;
    }
    a.chars().nth(5).is_some() && b.chars().nth(5).is_some() && one_edit_apart(a, b)
}

/// Whether one edit at most (an insertion, a deletion or a substitution)
/// turns `a` into `b`: what is left of them between their longest common
/// beginning and their longest common end is a character at most each.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    while let (Some(p), Some(q)) = (x.clone().next(), y.clone().next())
        && p == q
    {
        x.next();
        y.next();
    }
    while let (Some(p), Some(q)) = (x.clone().next_back(), y.clone().next_back())
        && p == q
    {
        x.next_back();
        y.next_back();
    }
    x.count() <= 1 && y.count() <= 1
}

/// A word as signatures compare it: normalised (see [`normalize`]), then a
/// plural `s` and a final gender vowel (`a`, `o`, `e`) dropped from words
/// long enough to keep a stem ("derechos" → "derech", "développées" →
/// "developp", "rights" → "right").
pub(crate) fn fold_word(word: &str) -> String {
    fold_normalized(normalize(word))
}

/// [`fold_word`] of a word already normalised.
pub(crate) fn fold_normalized(mut w: String) -> String {
    w.truncate(fold_normalized_str(&w).len());
    w
}

/// [`fold_normalized`] without a copy: the folded word is a prefix of the
/// word, since only ASCII letters are dropped from its end.
pub(crate) fn fold_normalized_str(w: &str) -> &str {
    // Five characters at least (a character takes one to four bytes).
    let long = |w: &str| w.len() >= 20 || (w.len() >= 5 && w.chars().nth(4).is_some());
    let w = match w.strip_suffix('s') {
        Some(stem) if long(w) => stem,
        _ => w,
    };
    match w.strip_suffix(['a', 'o', 'e']) {
        Some(stem) if long(w) => stem,
        _ => w,
    }
}

/// The folded words of a phrase, numbering dropped.
pub(crate) fn fold_words(text: &str) -> Vec<String> {
    fold_normalized_words(&normalize(text))
}

/// [`fold_words`] of a text already normalised.
fn fold_normalized_words(norm: &str) -> Vec<String> {
    norm.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| fold_normalized_str(w).to_string())
        .collect()
}

/// The words of a heading, kept inline: a heading has few, and every block
/// is read as one.
pub(crate) type HeadingWords<'a> = smallvec::SmallVec<[&'a str; 16]>;

/// The words of a heading as signatures read it, from the text normalised
/// ([`normalize`]): folded, without the numbering in front ("1.", "1 |",
/// "Domain 1:", "DOMAINE 1 :", "II.").
pub(crate) fn heading_words_normalized(norm: &str) -> HeadingWords<'_> {
    static NUMBERING: LazyLock<HashSet<String>> = LazyLock::new(|| {
        LANGUAGES
            .iter()
            .flat_map(|l| l.numbering_words.iter())
            .map(|w| fold_word(w))
            .collect()
    });
    let numbering = &*NUMBERING;
    let mut words: HeadingWords = norm
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(fold_normalized_str)
        .collect();
    let is_number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 4 && w.chars().all(|c| "ivx".contains(c)))
    };
    let lead = words
        .iter()
        .take_while(|w| is_number(w) || numbering.contains(**w))
        .count();
    // Only a numbering that stands before the name, never the whole text.
    if lead < words.len() && words[..lead].iter().any(|w| is_number(w)) {
        words.drain(..lead);
    }
    words
}

/// Whether a text has the shape of a heading rather than of a piece of a
/// sentence (a line of a wrapped paragraph): it starts with a capital or a
/// number, holds no sentence break, and ends neither with punctuation that
/// goes on nor with a short linking word ("… dimensions of").
fn reads_as_heading(text: &str) -> bool {
    // The numbering in front ("2. ", "IV) ") is no sentence break.
    let t = text.trim();
    let t = match t.split_once(['.', ')']) {
        Some((n, rest))
            if !n.is_empty()
                && n.len() <= 4
                && n.chars()
                    .all(|c| c.is_ascii_digit() || "IVXivx".contains(c)) =>
        {
            rest.trim_start()
        }
        _ => t,
    };
    let starts_low = t
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_none_or(char::is_lowercase);
    if starts_low || t.ends_with(['.', ',', ';']) {
        return false;
    }
    if t.contains(". ") || t.contains("; ") {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or("");
    let last = last.trim_end_matches(|c: char| !c.is_alphanumeric());
    last.chars().count() > 3 || last.chars().any(|c| c.is_ascii_digit())
}

/// Every signature the text matches, best first (higher coverage, then
/// strong before weak). Texts too long to be headings match nothing.
pub fn match_signatures(text: &str) -> Vec<SignatureMatch> {
    match_signature_words(text, &heading_words_normalized(&normalize(text)))
}

/// [`match_signatures`] with the text's [`heading_words_normalized`] already made.
pub(crate) fn match_signature_words(text: &str, words: &[&str]) -> Vec<SignatureMatch> {
    if words.is_empty() || words.len() > MAX_CONTENT_WORDS * 2 || !reads_as_heading(text) {
        return Vec::new();
    }
    // Only signatures with a key word among the words can match: most
    // blocks hold none, and are done after one look-up per word.
    let mut candidates: Vec<usize> = words
        .iter()
        .filter_map(|w| KEY_INDEX.get(*w))
        .flatten()
        .copied()
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut found: Vec<SignatureMatch> = candidates
        .into_iter()
        .filter_map(|i| SIGNATURES[i].score(words))
        .collect();
    found.sort_by(|a, b| {
        b.coverage
            .total_cmp(&a.coverage)
            .then(b.strong.cmp(&a.strong))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DomainId;

    fn best(text: &str) -> Option<(Meaning, &'static str, bool)> {
        match_signatures(text)
            .first()
            .map(|m| (m.meaning, m.language, m.strong))
    }

    #[test]
    fn one_edit_apart_is_an_edit_distance_of_one_at_most() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "aab",
            "abb",
            "migrant",
            "migrnat",
            "migrants",
            "migrat",
            "migrannt",
            "mgrant",
            "derechos",
            "derecho",
            "développ",
            "developp",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                assert_eq!(
                    one_edit_apart(a, b),
                    crate::text::edit_distance(&ca, &cb) <= 1,
                    "{a:?} / {b:?}"
                );
            }
        }
    }

    #[test]
    fn numbered_capitals_and_full_names() {
        assert_eq!(
            best("DOMAINE 1 : DROITS DES MIGRANTS").map(|m| m.0),
            Some(Meaning::Domain(DomainId::MigrantsRights))
        );
        assert_eq!(
            best("Domain 3: Partnerships").map(|m| m.0),
            Some(Meaning::Domain(DomainId::Partnerships))
        );
        assert_eq!(
            best("2. FORMULATES POLICY USING EVIDENCE AND WHOLE-OF-GOVERNMENT APPROACH")
                .map(|m| m.0),
            Some(Meaning::Domain(DomainId::WholeOfGovernment))
        );
        assert_eq!(
            best("FORMULACIÓN DE POLÍTICAS BASADAS EN DATOS EMPÍRICOS Y APLICACIÓN DE UN ENFOQUE DE GOBIERNO INTEGRAL")
                .map(|m| (m.0, m.1)),
            Some((Meaning::Domain(DomainId::WholeOfGovernment), "es"))
        );
    }

    #[test]
    fn a_typo_is_weak_and_a_sentence_is_nothing() {
        let m = best("Aspects d’une crises relatifs à la mobilté").unwrap();
        assert_eq!(m.0, Meaning::Domain(DomainId::MobilityCrises));
        assert!(!m.2);
        assert!(
            best("The Government adopted a law on the rights of migrant workers in 2019").is_none()
        );
        assert!(
            best(
                "Migrants' rights Whole of government approach Partnerships Well-being of migrants"
            )
            .is_none()
        );
    }

    #[test]
    fn list_headings_in_new_wordings() {
        assert_eq!(
            best("Examples of well-developed areas of migration governance").map(|m| m.0),
            Some(Meaning::List(FindingKind::Strength))
        );
        assert_eq!(
            best("Áreas con potencial de desarrollo").map(|m| m.0),
            Some(Meaning::List(FindingKind::Improvement))
        );
    }
}
