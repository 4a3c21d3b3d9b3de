//! Lexicons of the Global Compact for Migration objectives, one per language.
//!
//! Each lexicon lists, for every objective, the terms that put a finding in
//! that objective's scope (see `src/gcm.rs` for how they are matched). Terms
//! are written as in running text; matching folds case, accents, apostrophes,
//! plural `s` and a final gender vowel, drops the lexicon's stop words, and
//! reads a word ending in `*` as a prefix. Adding a language is adding a
//! module with one `pub static` lexicon and listing it in [`GCM_LEXICONS`].

mod en;
mod es;
mod fr;

/// What one language says about the GCM objectives, as plain data.
pub(crate) struct GcmLexicon {
    /// ISO 639-1 code, as in the model (`fr`).
    pub code: &'static str,
    /// Function words skipped in terms and texts alike ("of", "de la").
    pub stopwords: &'static [&'static str],
    /// Word endings rewritten before folding, longest first
    /// ("nationaux" → "national", "agencies" → "agency").
    pub suffixes: &'static [(&'static str, &'static str)],
    /// The terms of each objective (1–23).
    pub objectives: &'static [(u8, &'static [&'static str])],
    /// Terms naming refugee-specific instruments (the Refugee Convention,
    /// camps): the Global Compact on Refugees covers them, so a finding that
    /// holds one gets no objective.
    pub out_of_scope: &'static [&'static str],
}

/// The lexicons the tagger knows.
pub(crate) static GCM_LEXICONS: &[&GcmLexicon] = &[&en::EN, &fr::FR, &es::ES];

/// The lexicon of a language code.
pub(crate) fn gcm_lexicon(code: &str) -> Option<&'static GcmLexicon> {
    GCM_LEXICONS.iter().copied().find(|l| l.code == code)
}
