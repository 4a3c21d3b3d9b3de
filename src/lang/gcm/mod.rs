//! Lexicons of the Global Compact for Migration objectives, one per language.
//!
//! Each lexicon lists, for every objective, the terms that put a finding in
//! that objective's scope (see `src/gcm.rs` for how they are matched). Terms
//! are written as in running text; matching folds case, accents, apostrophes,
//! plural `s` and a final gender vowel, drops the lexicon's stop words, and
//! reads a word ending in `*` as a prefix. A term marked `!` names its
//! objective on its own (it weighs double and counts even inside the name of
//! an institution); a term marked `~` only says who or what a finding is
//! about ("seasonal workers", "the informal economy"): it adds to an
//! objective other terms show and never makes one by itself. Adding a
//! language is adding a module with one `pub static` lexicon and listing it
//! in `GCM_LEXICONS`.

mod en;
mod es;
mod fr;
mod pt;

/// What one language says about the GCM objectives, as plain data.
pub(crate) struct GcmLexicon {
    /// ISO 639-1 code, as in the model (`fr`).
    pub code: &'static str,
    /// Function words skipped in terms and texts alike ("of", "de la").
    pub stopwords: &'static [&'static str],
    /// Word endings rewritten before folding, longest first
    /// ("nationaux" → "national", "agencies" → "agency").
    pub suffixes: &'static [(&'static str, &'static str)],
    /// The terms of each objective (1–23), and of [`WHOLE_OF_MIGRATION`].
    pub objectives: &'static [(u8, &'static [&'static str])],
    /// Head words of the names of institutions ("Ministry", "Directorate",
    /// "Dirección"): terms inside such a name say who acts, not what the
    /// finding is about, and count only when they are key terms (`!`), the
    /// institution's mandate. Centres and services are not listed: they are
    /// the places that deliver what they are named for ("health centre").
    pub institutions: &'static [&'static str],
    /// Whether names begin with their head word and go on in lower case, as
    /// in French and Spanish ("Agence nationale pour l’emploi (ANPE)"): then
    /// a name runs on to the acronym in brackets that closes it, and takes no
    /// capitalised words before its head. English names may stand before
    /// their head ("Legal Assistance Unit").
    pub names_start_with_head: bool,
    /// Terms naming refugee-specific instruments (the Refugee Convention,
    /// camps): the Global Compact on Refugees covers them, so a finding that
    /// holds one gets no objective.
    pub out_of_scope: &'static [&'static str],
}

/// The pseudo-objective of a lexicon's terms that show migration governance
/// as a whole, such as a policy covering immigration and emigration alike:
/// it outranks every objective and is never given.
pub(crate) const WHOLE_OF_MIGRATION: u8 = 0;

/// Tie-break rules of the labelling convention that hold in every language:
/// when a finding shows the first objective, the others listed are dropped,
/// in this order. Data is objective 1 only, whatever its topic; a policy on
/// migration as a whole gets none; evacuating or alerting nationals abroad
/// in a crisis is consular protection (14), not crisis preparedness (2).
pub(crate) static GCM_PRECEDENCE: &[(u8, &[u8])] = &[
    (
        1,
        &[
            0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        ],
    ),
    (
        WHOLE_OF_MIGRATION,
        &[
            2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        ],
    ),
    (14, &[2]),
];

/// The lexicons the tagger knows.
pub(crate) static GCM_LEXICONS: &[&GcmLexicon] = &[&en::EN, &fr::FR, &es::ES, &pt::PT];
