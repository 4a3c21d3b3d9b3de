//! Undoing line-end hyphenation: the one rule that joins a line to the text
//! before it, for the readers of printed text (`print`) and of PDF layout
//! (`layout`).
//!
//! A hyphen at a line end either broke a word (`Migra-` / `tion`: dropped)
//! or belongs to one (`whole-of-` / `government`: kept). What decides is the
//! document's own words, which each reader gathers in its own way (printed
//! text carries the broken halves, a layout knows how often each word
//! occurs), behind [`Evidence`].

/// The longest part of a hyphenated word looked at when a line break is
/// undone: words are short, and looking further back than a long word
/// would make joining many broken lines quadratic.
const MAX_WORD_CHARS: usize = 64;

/// What a document's own words say about the hyphen between `head` and
/// `tail` (both lower case) at a line end.
pub(crate) trait Evidence {
    /// The hyphen belongs to the word: keep it.
    fn keeps_hyphen(&self, head: &str, tail: &str) -> bool;
}

/// Text in which no line end breaks a word (a browser does not hyphenate):
/// every hyphen is kept.
pub(crate) struct KeepAll;

impl Evidence for KeepAll {
    fn keeps_hyphen(&self, _: &str, _: &str) -> bool {
        true
    }
}

/// A letter or digit then a hyphen or dash at the end of a line.
pub(crate) fn ends_with_break(line: &str) -> bool {
    let mut rev = line.chars().rev();
    matches!(
        (rev.next(), rev.next()),
        (Some('-' | '‐' | '–' | '\u{ad}'), Some(c)) if c.is_alphanumeric()
    )
}

/// Join `line` to the text before it: nothing after a soft hyphen or a dash
/// that goes on into a letter or digit, the hyphen dropped too where it
/// only broke a word, else a space.
pub(crate) fn append_line(out: &mut String, line: &str, evidence: &impl Evidence) {
    let next = line.chars().next().unwrap_or(' ');
    if out.ends_with('\u{ad}') {
        out.pop();
        out.push_str(line);
        return;
    }
    if !(ends_with_break(out) && next.is_alphanumeric()) {
        out.push(' ');
        out.push_str(line);
        return;
    }
    let dash = out.chars().next_back().unwrap_or('-');
    let before_dash = out.len() - dash.len_utf8();
    let before = out[..before_dash].chars().next_back().unwrap_or(' ');
    // An en dash joins a range (`2019–2021`); a hyphen before a capital or
    // a digit is part of a name (`sub-Saharan`, `COVID-19`).
    let broken_word = dash != '–'
        && before.is_alphabetic()
        && next.is_lowercase()
        && !evidence.keeps_hyphen(&head_of(&out[..before_dash]), &tail_of(line));
    if broken_word {
        out.truncate(before_dash);
    }
    out.push_str(line);
}

/// The letters that end `text`, lower-cased.
fn head_of(text: &str) -> String {
    let head: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(MAX_WORD_CHARS)
        .collect();
    head.into_iter().rev().collect::<String>().to_lowercase()
}

/// The letters that start `line`, lower-cased.
fn tail_of(line: &str) -> String {
    line.chars()
        .take_while(|c| c.is_alphabetic())
        .take(MAX_WORD_CHARS)
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evidence that keeps only the hyphen of `well-being`.
    struct Written;

    impl Evidence for Written {
        fn keeps_hyphen(&self, head: &str, tail: &str) -> bool {
            (head, tail) == ("well", "being")
        }
    }

    fn join(a: &str, b: &str) -> String {
        let mut out = a.to_string();
        append_line(&mut out, b, &Written);
        out
    }

    #[test]
    fn a_broken_word_is_joined_and_a_compound_keeps_its_hyphen() {
        assert_eq!(join("Migra-", "tion Governance"), "Migration Governance");
        assert_eq!(join("the Well-", "being of"), "the Well-being of");
        assert_eq!(join("the end.", "Next"), "the end. Next");
    }

    #[test]
    fn ranges_names_and_soft_hyphens() {
        assert_eq!(join("(2019–", "2021)"), "(2019–2021)");
        assert_eq!(join("COVID-", "19"), "COVID-19");
        assert_eq!(join("sub-", "Saharan"), "sub-Saharan");
        assert_eq!(join("discrimi\u{ad}", "nation"), "discrimination");
        let mut kept = "low-".to_string();
        append_line(&mut kept, "income", &KeepAll);
        assert_eq!(kept, "low-income");
    }

    #[test]
    fn a_word_longer_than_any_is_looked_at_only_in_part() {
        let long = "a".repeat(MAX_WORD_CHARS + 10);
        assert_eq!(head_of(&long).chars().count(), MAX_WORD_CHARS);
        assert_eq!(tail_of("Über-all"), "über");
    }
}
