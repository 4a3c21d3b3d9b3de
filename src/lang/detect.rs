//! The language of running text, from the `stopwords` of the tables.
//!
//! Close languages share many frequent words (Portuguese and Spanish both
//! write "de", "que", "para", "por"): a word listed by two tables tells
//! nothing, so only the words one table alone lists are counted. The text is
//! given a language only when that language's words clearly outnumber every
//! other's; otherwise the caller keeps what the headings said.

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

use super::LANGUAGES;

/// At least this many distinctive words before a language is named.
const MIN_WORDS: usize = 2;

/// The winner needs more than this many times the words of the runner-up.
const MIN_RATIO: usize = 2;

/// Each word that only one table lists, with that table's index in
/// [`LANGUAGES`].
static DISTINCTIVE: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let mut owners: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, lang) in LANGUAGES.iter().enumerate() {
        for word in lang.stopwords {
            let owners = owners.entry(word.to_lowercase()).or_default();
            if !owners.contains(&i) {
                owners.push(i);
            }
        }
    }
    owners
        .into_iter()
        .filter(|(_, o)| o.len() == 1)
        .map(|(w, o)| (w, o[0]))
        .collect()
});

/// The length of the longest distinctive word: stop words are short, and a
/// longer word is none, and is not even looked up.
static LONGEST: LazyLock<usize> =
    LazyLock::new(|| DISTINCTIVE.keys().map(String::len).max().unwrap_or(0));

/// The lengths and first bytes of the distinctive words: most words of a
/// text are passed over without a look-up.
static SHAPES: LazyLock<Vec<[bool; 256]>> = LazyLock::new(|| {
    let mut shapes = vec![[false; 256]; *LONGEST + 1];
    for word in DISTINCTIVE.keys() {
        shapes[word.len()][usize::from(word.as_bytes()[0])] = true;
    }
    shapes
});

/// How many distinctive words of each language `texts` hold, in the order
/// of [`LANGUAGES`]. A word is a run of letters.
pub(crate) fn distinctive_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let longest = *LONGEST;
    let mut counts = vec![0; LANGUAGES.len()];
    // The word being read, lower-cased, and its length as written.
    let mut lower = String::new();
    let mut written = 0;
    let shapes = &*SHAPES;
    let mut end_word = |lower: &mut String, written: &mut usize| {
        if *written > 0
            && *written <= longest
            && shapes
                .get(lower.len())
                .is_some_and(|s| s[usize::from(lower.as_bytes()[0])])
            && let Some(&i) = DISTINCTIVE.get(lower.as_str())
        {
            counts[i] += 1;
        }
        lower.clear();
        *written = 0;
    };
    for text in texts {
        let bytes = text.as_bytes();
        let mut at = 0;
        // ASCII, most of any text, is read a byte at a time.
        while at < bytes.len() {
            let b = bytes[at];
            // A whole word of ASCII letters is taken at once, and copied
            // only when a distinctive word has its length and first letter.
            if written == 0 && b.is_ascii_alphabetic() {
                let end = bytes[at..]
                    .iter()
                    .position(|b| !b.is_ascii_alphabetic())
                    .map_or(bytes.len(), |n| at + n);
                if bytes.get(end).is_none_or(u8::is_ascii) {
                    let word = &text[at..end];
                    let first = usize::from(b.to_ascii_lowercase());
                    if shapes.get(word.len()).is_some_and(|s| s[first]) {
                        lower.push_str(word);
                        lower.make_ascii_lowercase();
                        written = word.len();
                    }
                    end_word(&mut lower, &mut written);
                    at = end;
                    continue;
                }
            }
            if b.is_ascii() {
                if b.is_ascii_alphabetic() {
                    if written < longest {
                        lower.push(char::from(b.to_ascii_lowercase()));
                    }
                    written += 1;
                } else {
                    end_word(&mut lower, &mut written);
                }
                at += 1;
                continue;
            }
            let c = text[at..].chars().next().unwrap_or(' ');
            if c.is_alphabetic() {
                if written < longest {
                    lower.extend(c.to_lowercase());
                }
                written += c.len_utf8();
            } else {
                end_word(&mut lower, &mut written);
            }
            at += c.len_utf8();
        }
        end_word(&mut lower, &mut written);
    }
    counts
}

/// The language `text` is clearly written in, if any.
#[cfg(test)]
fn detect_language(text: &str) -> Option<&'static str> {
    detect_language_of([text])
}

/// The language `texts`, read together, are clearly written in, if any.
pub(crate) fn detect_language_of<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> Option<&'static str> {
    let counts = distinctive_counts(texts);
    let (best, &top) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    let runner_up = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0);
    (top >= MIN_WORDS && top > runner_up * MIN_RATIO).then(|| LANGUAGES[best].code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences() {
        assert_eq!(
            detect_language("O Brasil não dispõe de uma estratégia nacional de migração."),
            Some("pt")
        );
        assert_eq!(
            detect_language("El país no cuenta con una estrategia nacional de migración."),
            Some("es")
        );
        assert_eq!(
            detect_language("Le pays ne dispose pas d’une stratégie nationale."),
            Some("fr")
        );
        assert_eq!(
            detect_language("The country has no national migration strategy."),
            Some("en")
        );
    }

    #[test]
    fn words_are_the_runs_of_letters_of_any_script() {
        // What a split at every non-letter gives, each piece lower-cased.
        let by_split = |text: &str| {
            let mut counts = vec![0; LANGUAGES.len()];
            for word in text.split(|c: char| !c.is_alphabetic()) {
                if let Some(&i) = DISTINCTIVE.get(&word.to_lowercase()) {
                    counts[i] += 1;
                }
            }
            counts
        };
        for text in [
            "",
            "The country’s LAW, and the migrants; l’État et les étrangers",
            "Ελληνικά y también ÉL (con) DÉJÀ des 2021les—the«que»",
            "não,dispõe1de2uma",
        ] {
            assert_eq!(distinctive_counts([text]), by_split(text), "{text}");
        }
    }

    #[test]
    fn shared_words_tell_nothing() {
        // "de", "que", "para", "por", "no", "se" are both Portuguese and Spanish.
        assert_eq!(detect_language("de que para por no se de que"), None);
        assert_eq!(detect_language("Angola"), None);
        assert_eq!(detect_language(""), None);
    }

    #[test]
    fn near_twins_are_told_apart() {
        let pt = "A Lei n.º 23/2007 regula a entrada, permanência e saída de estrangeiros do território nacional e prevê a autorização de residência para vítimas de tráfico de seres humanos.";
        let es = "La Ley n.º 23/2007 regula la entrada, permanencia y salida de extranjeros del territorio nacional y prevé la autorización de residencia para víctimas de trata de personas.";
        assert_eq!(detect_language(pt), Some("pt"));
        assert_eq!(detect_language(es), Some("es"));
    }

    #[test]
    fn mixed_text_goes_to_the_language_of_most_of_it() {
        // Portuguese findings quoting Spanish names of institutions.
        let text = "O Ministério das Relações Exteriores coopera com a Secretaría de Relaciones Exteriores del Gobierno de México e com o Ministerio de Relaciones Exteriores y Culto da Costa Rica. Os migrantes têm acesso aos serviços de saúde e à educação pública nas mesmas condições que os nacionais.";
        assert_eq!(detect_language(text), Some("pt"));
        let text = "La Dirección General de Migración y Extranjería coopera con el Serviço de Estrangeiros e Fronteiras de Portugal en la formación de los funcionarios de las fronteras y en el intercambio de datos.";
        assert_eq!(detect_language(text), Some("es"));
    }

    #[test]
    fn evenly_mixed_text_is_left_undecided() {
        assert_eq!(
            detect_language("os migrantes do país com uma e el país de los migrantes y con"),
            None
        );
    }
}
