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

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

use serde::Deserialize;

use crate::lang::gcm::{GCM_PRECEDENCE, GcmLexicon, WHOLE_OF_MIGRATION, gcm_lexicon};
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

/// One word of a term: its folded form, or a prefix of its normalised form.
#[derive(Debug)]
enum Pattern {
    Word(String),
    Prefix(String),
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

/// A word of a text with where it stands.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    norm: &'a str,
    folded: &'a str,
    start: usize,
    end: usize,
}

/// The words of a text as the tagger reads them, normalised and folded into
/// one buffer (a finding's words cost one allocation, not two each).
struct Words {
    buffer: String,
    /// Per word: its normalised and folded forms in `buffer`, and where it
    /// stands in the text.
    spans: Vec<(Range<usize>, Range<usize>, usize, usize)>,
}

impl Words {
    /// Split `text` at anything that is not a letter or digit (apostrophes
    /// included, so that "l’intégration" gives "intégration"), each word
    /// folded as [`crate::lang::normalize`] folds text (accents, case), the
    /// lexicon's stop words left out.
    fn read(text: &str, lexicon: &GcmLexicon, is_stopword: &dyn Fn(&str) -> bool) -> Words {
        let mut buffer = String::with_capacity(text.len() * 2);
        let mut spans = Vec::with_capacity(text.len() / 4);
        let mut start = None;
        let mut word_start = 0;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            // ASCII, most of any text, takes no table look-up.
            let ascii = c.is_ascii();
            if (ascii && c.is_ascii_alphanumeric()) || (!ascii && c.is_alphanumeric()) {
                if start.is_none() {
                    start = Some(i);
                    word_start = buffer.len();
                }
                normalize_char(&mut buffer, c);
            } else if !ascii && unicode_normalization::char::is_combining_mark(c) {
                // A decomposed accent: part of its word, dropped like any accent.
            } else if let Some(s) = start.take() {
                let norm = word_start..buffer.len();
                if is_stopword(&buffer[norm.clone()]) {
                    buffer.truncate(word_start);
                    continue;
                }
                let folded_start = buffer.len();
                let (stem, ending) = rewrite_suffix(&buffer[norm.clone()], lexicon);
                buffer.extend_from_within(word_start..word_start + stem);
                buffer.push_str(ending);
                let folded = fold_normalized_str(&buffer[folded_start..]).len();
                buffer.truncate(folded_start + folded);
                spans.push((norm, folded_start..buffer.len(), s, i));
            }
        }
        Words { buffer, spans }
    }

    fn tokens(&self) -> Vec<Token<'_>> {
        self.spans
            .iter()
            .map(|(norm, folded, start, end)| Token {
                norm: &self.buffer[norm.clone()],
                folded: &self.buffer[folded.clone()],
                start: *start,
                end: *end,
            })
            .collect()
    }
}

/// The word with the first matching ending of the lexicon rewritten, as
/// the length of the stem kept and the ending put after it.
fn rewrite_suffix<'l>(norm: &str, lexicon: &'l GcmLexicon) -> (usize, &'l str) {
    for (from, to) in lexicon.suffixes {
        if let Some(stem) = norm.strip_suffix(from)
            && stem.chars().nth(2).is_some()
        {
            return (stem.len(), to);
        }
    }
    (norm.len(), "")
}

/// A term as written in a lexicon: its words folded like a text's, a word
/// followed by `*` kept as a prefix of its normalised form.
fn compile_term(term: &str, lexicon: &GcmLexicon) -> Term {
    let (term, key) = match term.strip_prefix('!') {
        Some(rest) => (rest, true),
        None => (term, false),
    };
    let (term, context) = match term.strip_prefix('~') {
        Some(rest) => (rest, true),
        None => (term, false),
    };
    let words = Words::read(term, lexicon, &|w| lexicon.stopwords.contains(&w));
    let words: Vec<Pattern> = words
        .tokens()
        .into_iter()
        .map(|t| {
            if term[t.end..].starts_with('*') {
                Pattern::Prefix(t.norm.to_string())
            } else {
                Pattern::Word(t.folded.to_string())
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
    fn matches(&self, token: &Token) -> bool {
        match self {
            Pattern::Word(w) => token.folded == w.as_str(),
            Pattern::Prefix(p) => token.norm.starts_with(p.as_str()),
        }
    }
}

/// A lexicon with its terms compiled, indexed by their first word so that a
/// text is read once whatever the size of the lexicon.
struct Compiled {
    /// Every term: its objective and its words.
    terms: Vec<(u8, Term)>,
    /// Terms whose first word is a whole word, by that folded word.
    by_word: HashMap<String, Vec<usize>>,
    /// Terms whose first word is a prefix, with that prefix, by the
    /// prefix's first three characters (shorter prefixes under "").
    by_prefix: HashMap<String, Vec<(String, usize)>>,
    out_of_scope: Vec<Term>,
    /// Out-of-scope terms by their first word when it is a whole word
    /// (folded), and those starting with a prefix.
    out_of_scope_by_word: HashMap<String, Vec<usize>>,
    out_of_scope_by_prefix: Vec<usize>,
    /// The head words of institutions' names ("Ministry", "Directorate"),
    /// folded.
    institutions: HashSet<String>,
    /// Whether names begin with their head word, later words in lower case.
    names_start_with_head: bool,
    /// The lexicon's stop words, for a look-up per word of a text.
    stopwords: foldhash::HashSet<&'static str>,
}

impl Compiled {
    fn new(lexicon: &'static GcmLexicon) -> Compiled {
        let terms: Vec<(u8, Term)> = lexicon
            .objectives
            .iter()
            .flat_map(|(n, terms)| terms.iter().map(|t| (*n, compile_term(t, lexicon))))
            .filter(|(_, t)| !t.words.is_empty())
            .collect();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_prefix: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (i, (_, t)) in terms.iter().enumerate() {
            match &t.words[0] {
                Pattern::Word(w) => by_word.entry(w.clone()).or_default().push(i),
                Pattern::Prefix(p) => by_prefix
                    .entry(head(p).to_string())
                    .or_default()
                    .push((p.clone(), i)),
            }
        }
        let out_of_scope: Vec<Term> = lexicon
            .out_of_scope
            .iter()
            .map(|t| compile_term(t, lexicon))
            .filter(|t| !t.words.is_empty())
            .collect();
        let mut out_of_scope_by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut out_of_scope_by_prefix = Vec::new();
        for (i, t) in out_of_scope.iter().enumerate() {
            match &t.words[0] {
                Pattern::Word(w) => out_of_scope_by_word.entry(w.clone()).or_default().push(i),
                Pattern::Prefix(_) => out_of_scope_by_prefix.push(i),
            }
        }
        Compiled {
            terms,
            by_word,
            by_prefix,
            out_of_scope,
            out_of_scope_by_word,
            out_of_scope_by_prefix,
            institutions: lexicon
                .institutions
                .iter()
                .flat_map(|w| {
                    let words = Words::read(w, lexicon, &|_| false);
                    let folded: Vec<String> = words
                        .tokens()
                        .iter()
                        .map(|t| t.folded.to_string())
                        .collect();
                    folded
                })
                .collect(),
            names_start_with_head: lexicon.names_start_with_head,
            stopwords: lexicon.stopwords.iter().copied().collect(),
        }
    }

    /// Whether a term out of scope occurs in `tokens`, looked for only
    /// where its first word stands.
    fn holds_out_of_scope(&self, tokens: &[Token]) -> bool {
        (0..tokens.len()).any(|start| {
            self.out_of_scope_by_word
                .get(tokens[start].folded)
                .into_iter()
                .flatten()
                .chain(&self.out_of_scope_by_prefix)
                .any(|&i| match_from(&self.out_of_scope[i], tokens, start).is_some())
        })
    }

    /// Every term found in `tokens`: (objective, first token, last token, term).
    fn occurrences(&self, tokens: &[Token]) -> Vec<Occurrence> {
        let mut found = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let by_word = self.by_word.get(token.folded).into_iter().flatten();
            let by_prefix = [head(token.norm), ""]
                .into_iter()
                .filter_map(|h| self.by_prefix.get(h))
                .flatten()
                .filter(|(p, _)| token.norm.starts_with(p.as_str()))
                .map(|(_, i)| i);
            for &i in by_word.chain(by_prefix) {
                let (n, term) = &self.terms[i];
                if let Some(end) = match_from(term, tokens, start) {
                    found.push((*n, start, end, i));
                }
            }
        }
        found
    }
}

/// The first three characters of a word, or "" when it is shorter.
fn head(word: &str) -> &str {
    let mut chars = word.char_indices();
    match (chars.nth(2), chars.next()) {
        (Some(_), Some((fourth, _))) => &word[..fourth],
        (Some(_), None) => word,
        _ => "",
    }
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
fn match_from(term: &Term, tokens: &[Token], start: usize) -> Option<usize> {
    let (first, rest) = term.words.split_first()?;
    if !first.matches(tokens.get(start)?) {
        return None;
    }
    let mut at = start;
    for w in rest {
        at = (at + 1..tokens.len().min(at + 3)).find(|&j| w.matches(&tokens[j]))?;
    }
    Some(at)
}

/// Which tokens stand inside the proper name of an institution: a head word
/// of the lexicon ("Ministry", "Directorate", or "ministère" before a capital)
/// with the capitalised words around it ("Legal Assistance Unit",
/// "Department of Social Services"), and, where names begin with their head
/// and go on in lower case, the words after it up to a closing acronym
/// ("Conseil national de secours d’urgence (CONASUR)"). A name says who acts,
/// not what a finding is about, so only key terms count inside one.
fn institution_names(text: &str, tokens: &[Token], compiled: &Compiled) -> Vec<bool> {
    let capital = |j: usize| {
        text[tokens[j].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    // Two neighbouring tokens are in one sentence part.
    let joined = |j: usize| !text[tokens[j].end..tokens[j + 1].start].contains(['.', ';', ':']);
    let mut named = vec![false; tokens.len()];
    for i in 0..tokens.len() {
        if !compiled.institutions.contains(tokens[i].folded) {
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
    spans: Vec<(usize, usize)>,
    /// Only context terms (`~`) show it.
    context_only: bool,
}

/// The objectives a text is about, in `language`, most evidence first.
/// A language without a lexicon gives none.
pub fn tag(text: &str, language: &str) -> Vec<GcmLink> {
    let (Some(lexicon), Some(compiled)) = (gcm_lexicon(language), compiled(language)) else {
        return Vec::new();
    };
    let words = Words::read(text, lexicon, &|w| compiled.stopwords.contains(w));
    let tokens = words.tokens();
    if compiled.holds_out_of_scope(&tokens) {
        return Vec::new();
    }
    let in_name = institution_names(text, &tokens, compiled);
    let found = compiled
        .occurrences(&tokens)
        .into_iter()
        .filter(|o| compiled.terms[o.3].1.key || !in_name[o.1])
        .collect();
    let mut evidence = gather(found, &compiled.terms);
    evidence.retain(|e| !e.context_only);
    for (n, outranked) in GCM_PRECEDENCE {
        if evidence.iter().any(|e| e.objective == *n) {
            evidence.retain(|e| !outranked.contains(&e.objective));
        }
    }
    evidence.retain(|e| e.objective != WHOLE_OF_MIGRATION);
    evidence.sort_by(|a, b| b.score.cmp(&a.score).then(a.first.cmp(&b.first)));
    evidence
        .into_iter()
        .enumerate()
        .filter(|(rank, e)| *rank == 0 || e.score >= MIN_SECONDARY_SCORE)
        .take(MAX_OBJECTIVES)
        .map(|(_, e)| GcmLink {
            objective: e.objective,
            terms: words_of(text, &tokens, &e.spans),
        })
        .collect()
}

/// A term found in a text: objective, first and last token, the term's index.
type Occurrence = (u8, usize, usize, usize);

/// The evidence for each objective. Longest matches first: a term inside a
/// longer term of another objective does not count ("public employment
/// services" is not "public services"), nor one inside a term of its own
/// objective already counted.
fn gather(mut found: Vec<Occurrence>, terms: &[(u8, Term)]) -> Vec<Evidence> {
    found.sort_by(|a, b| (b.2 - b.1).cmp(&(a.2 - a.1)).then(a.1.cmp(&b.1)));
    let mut kept: Vec<Occurrence> = Vec::new();
    for o in found {
        let covered = kept
            .iter()
            .any(|k| k.1 <= o.1 && o.2 <= k.2 && (k.0 == o.0 || k.2 - k.1 > o.2 - o.1));
        if !covered {
            kept.push(o);
        }
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    kept.sort_by_key(|o| (o.0, o.1));
    for (n, s, e, i) in kept {
        let term = &terms[i].1;
        match evidence.last_mut() {
            Some(ev) if ev.objective == n => {
                ev.score += term.weight;
                ev.spans.push((s, e));
                ev.context_only &= term.context;
            }
            _ => evidence.push(Evidence {
                objective: n,
                score: term.weight,
                first: s,
                spans: vec![(s, e)],
                context_only: term.context,
            }),
        }
    }
    evidence
}

/// The words of the text each span covers, as written, each once.
fn words_of(text: &str, tokens: &[Token], spans: &[(usize, usize)]) -> Vec<String> {
    let mut seen = HashSet::new();
    spans
        .iter()
        .map(|&(s, e)| text[tokens[s].start..tokens[e].end].to_string())
        .filter(|t| seen.insert(t.to_lowercase()))
        .collect()
}

/// Link every finding of the domains to its objectives.
pub(crate) fn tag_domains(domains: &mut [Domain], language: &str) {
    for domain in domains {
        for kind in [FindingKind::Strength, FindingKind::Improvement] {
            for finding in domain.list_mut(kind) {
                finding.gcm = tag(&finding.text, language);
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
