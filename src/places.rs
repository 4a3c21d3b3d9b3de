//! Countries and local jurisdictions: the tables that turn a place as written
//! in a title ("République du Mali", "County of Nairobi") into a short name
//! and the ISO 3166-1 alpha-3 code of its country.
//!
//! The tables live in `data/` (provenance in `data/README.md`), are embedded
//! at compile time and parsed once, on first use:
//!
//! - `countries.tsv`: generated from CLDR (`scripts/gen-countries.mjs`);
//! - `country-aliases.tsv`: official long forms CLDR lacks ("Kyrgyz Republic");
//! - `local-places.tsv`: the local jurisdictions known to have a profile.
//!
//! Names are compared after [`text::fold_place`]; official prefixes ("Republic
//! of", "République du", "Municipio de" …) are stripped one at a time, and the
//! full name is always tried before a shorter one, so that "Democratic
//! Republic of the Congo" never becomes "Congo".

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::LazyLock;

use crate::lang::{LANGUAGES, PlaceWords};
use crate::text;

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const COUNTRY_ALIASES_TSV: &str = include_str!("../data/country-aliases.tsv");
const LOCAL_PLACES_TSV: &str = include_str!("../data/local-places.tsv");

/// A country of the CLDR table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Country {
    /// ISO 3166-1 alpha-3 (`MLI`).
    pub iso3: &'static str,
    /// ISO 3166-1 alpha-2 (`ML`).
    pub iso2: &'static str,
    /// CLDR display names, one per language column of the table:
    /// `(language code, name)`, English first.
    pub names: Vec<(&'static str, &'static str)>,
}

impl Country {
    /// The CLDR name in `language` (a code of the table, or a tag starting
    /// with one: `pt-BR`); English for any other language.
    pub(crate) fn name(&self, language: &str) -> &'static str {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        self.names
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(primary))
            .or(self.names.first())
            .map_or("", |(_, name)| name)
    }
}

/// A local jurisdiction with an MGI profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalPlace {
    /// The name as the place writes it ("Montréal", "Ciudad de México").
    pub name: &'static str,
    /// ISO 3166-1 alpha-3 of the country the place is in.
    pub country_iso3: &'static str,
    /// `city`, `county`, `municipality`, `state`, `province`, `region` …
    pub unit: &'static str,
    /// Other names of the place ("Nairobi City County", "Mexico City").
    pub aliases: Vec<&'static str>,
}

impl LocalPlace {
    /// The country the place is in.
    #[cfg(test)]
    pub(crate) fn country(&self) -> Option<&'static Country> {
        country_by_iso3(self.country_iso3)
    }
}

/// Every country of the table, sorted by alpha-3 code.
pub(crate) fn countries() -> &'static [Country] {
    &COUNTRIES.list
}

/// Every local jurisdiction of the table.
#[cfg(test)]
pub(crate) fn local_places() -> &'static [LocalPlace] {
    &LOCAL_PLACES.list
}

/// The country with this ISO 3166-1 alpha-3 code (any case).
#[cfg(test)]
pub(crate) fn country_by_iso3(code: &str) -> Option<&'static Country> {
    let code = code.trim().to_ascii_uppercase();
    COUNTRIES
        .by_iso3
        .get(code.as_str())
        .map(|&i| &COUNTRIES.list[i])
}

/// Find a country by any of its names in the languages of the table, or by
/// an official long form: "République du Mali" → MLI, "Republic of Ghana" →
/// GHA, "The Kyrgyz Republic" → KGZ, "Niger" → NER (never Nigeria).
///
/// Case, accents, apostrophe style, hyphens and punctuation do not matter.
/// The full name is tried first, then with a leading article ("The", "La",
/// "Le", "El", "L’" …) or an official prefix ("Republic of (the)",
/// "République du", "República de", "Kingdom of", "State of" …) stripped,
/// one at a time, then all of it again without a trailing parenthesis
/// ("Bolivia (Plurinational State of)").
pub(crate) fn country_by_name(name: &str) -> Option<&'static Country> {
    find_country(name).map(|hit| hit.country)
}

/// The country named most often in running text ("… the capital of
/// Zambia …", "… capitale de Madagascar …"), by its name in any language the
/// tool knows, as whole words; with the name as found. An imprint's address
/// ("Genève, Suisse") names another country once; the profile names its own
/// again and again. Names of four letters or fewer are skipped: they are
/// words too.
pub(crate) fn country_named_in<'a>(
    texts: impl Iterator<Item = &'a String>,
) -> Option<(&'static Country, &'static str)> {
    let folded: Vec<String> = texts
        .map(|t| format!(" {} ", text::fold_place(t)))
        .collect();
    let mut best: Option<(usize, &'static Country, &'static str)> = None;
    for c in countries() {
        for lang in crate::lang::LANGUAGES {
            let name = c.name(lang.code);
            let key = text::fold_place(name);
            if key.chars().count() <= 4 {
                continue;
            }
            let needle = format!(" {key} ");
            let n: usize = folded.iter().map(|t| t.matches(&needle).count()).sum();
            if n > 0 && best.is_none_or(|(b, ..)| n > b) {
                best = Some((n, c, name));
            }
        }
    }
    best.map(|(_, c, name)| (c, name))
}

/// Find a known MGI local jurisdiction by name: "County of Nairobi",
/// "Nairobi" and "City of Nairobi" are all Nairobi (KEN); "Ciudad de México"
/// is itself a name. Case and accents do not matter; unit words ("City of",
/// "Municipio de", "Ville de", "Province du", "… Territorial Community" …) and
/// a trailing parenthesis ("(Ukraine)") are stripped when the full name is
/// not known.
pub(crate) fn local_place_by_name(name: &str) -> Option<&'static LocalPlace> {
    let lookup = |text: &str| LOCAL_PLACES.by_name.get(&text::fold_place(text)).copied();
    for base in bases(name) {
        for step in reductions(base, &LOCAL_PREFIXES) {
            if let Some(i) = lookup(step.text) {
                return Some(&LOCAL_PLACES.list[i]);
            }
            if let Some(i) = strip_suffix(step.text, &LOCAL_SUFFIXES).and_then(lookup) {
                return Some(&LOCAL_PLACES.list[i]);
            }
        }
    }
    None
}

/// The short name of a place as written in a title.
///
/// A country gets its CLDR name in `language` ("The Kyrgyz Republic" →
/// "Kyrgyzstan", "République du Sénégal" → "Sénégal" in French), unless the
/// title uses another of the country's CLDR names once the official prefix
/// is gone ("Republic of Cabo Verde" → "Cabo Verde", not "Cape Verde"). A
/// known local jurisdiction gets its name ("County of Nairobi" → "Nairobi").
/// Anything else keeps its own words, less the official prefixes and unit
/// words ("Republic of Atlantis" → "Atlantis").
pub(crate) fn short_name(official: &str, language: &str) -> String {
    if let Some(hit) = find_country(official) {
        let country = hit.country;
        let own = text::fold_place(country.name(language));
        let index = COUNTRIES.index_of(country);
        for step in reductions(hit.base, &COUNTRY_PREFIXES).iter().rev() {
            let written = text::fold_place(step.text);
            if written == own {
                return country.name(language).to_string();
            }
            if let Some(alias) = COUNTRIES.aliases[index]
                .iter()
                .find(|alias| text::fold_place(alias) == written)
            {
                return (*alias).to_string();
            }
        }
        return country.name(language).to_string();
    }
    if let Some(place) = local_place_by_name(official) {
        return place.name.to_string();
    }
    let base = bases(official).last().copied().unwrap_or("");
    let steps = reductions(base, &SHORT_NAME_PREFIXES);
    // Articles are a name's own words unless a prefix followed them ("La Paz").
    let kept = steps
        .iter()
        .rposition(|step| step.by_prefix)
        .map_or(base, |i| steps[i].text);
    let kept = strip_suffix(kept, &LOCAL_SUFFIXES).unwrap_or(kept);
    let kept = kept.trim();
    if kept.is_empty() {
        official.trim().to_string()
    } else {
        kept.to_string()
    }
}

// ---------------------------------------------------------------------------
// Prefixes and suffixes

/// Romanian unit words that stand before the name ("Municipiul Chișinău"):
/// official names of places whose profiles are written in other languages.
const ROMANIAN_BARE_HEADS: &[&str] = &["municipiul", "orașul"];

/// Normalized prefixes: each head of every language followed by each of
/// its connectors, and the heads that stand alone.
fn combine(
    heads: fn(&PlaceWords) -> &'static [&'static str],
    bare: fn(&PlaceWords) -> &'static [&'static str],
) -> HashSet<String> {
    let mut out = HashSet::new();
    for words in LANGUAGES.iter().map(|l| &l.places) {
        out.extend(
            bare(words)
                .iter()
                .map(|b| text::fold_place_keeping_elision(b)),
        );
        for head in heads(words) {
            for connector in words.connectors {
                out.insert(text::fold_place_keeping_elision(&format!(
                    "{head} {connector}"
                )));
            }
        }
    }
    out
}

fn country_prefixes() -> HashSet<String> {
    combine(|w| w.country_heads, |w| w.country_bare_heads)
}

fn local_prefixes() -> HashSet<String> {
    let mut out = combine(|w| w.local_heads, |w| w.local_bare_heads);
    out.extend(
        ROMANIAN_BARE_HEADS
            .iter()
            .map(|b| text::fold_place_keeping_elision(b)),
    );
    out
}

/// Prefixes and articles for country names.
static COUNTRY_PREFIXES: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(country_prefixes()));

/// Prefixes and articles for local names.
static LOCAL_PREFIXES: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(local_prefixes()));

/// Both, less "Ciudad de", which often begins a city's own name.
static SHORT_NAME_PREFIXES: LazyLock<Prefixes> = LazyLock::new(|| {
    let mut official = country_prefixes();
    official.extend(
        local_prefixes()
            .into_iter()
            .filter(|p| !p.starts_with("ciudad ") && !p.starts_with("cidade ")),
    );
    Prefixes::new(official)
});

static LOCAL_SUFFIXES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .flat_map(|l| l.places.local_suffixes)
        .map(|s| text::fold_place_keeping_elision(s))
        .collect()
});

struct Prefixes {
    articles: HashSet<String>,
    official: HashSet<String>,
}

impl Prefixes {
    fn new(official: HashSet<String>) -> Self {
        Prefixes {
            articles: LANGUAGES
                .iter()
                .flat_map(|l| l.places.articles)
                .map(|a| text::fold_place_keeping_elision(a))
                .collect(),
            official,
        }
    }
}

/// One form of a name on the way to its shortest form.
#[derive(Debug, Clone, Copy)]
struct Step<'a> {
    text: &'a str,
    /// Reached by stripping an official prefix (not an article).
    by_prefix: bool,
}

/// The name, then the name less one leading article or official prefix at a
/// time, longest prefix first: "The Republic of Costa Rica", "Republic of
/// Costa Rica", "Costa Rica".
fn reductions<'a>(name: &'a str, prefixes: &Prefixes) -> Vec<Step<'a>> {
    let mut steps = vec![Step {
        text: name.trim(),
        by_prefix: false,
    }];
    loop {
        let current = steps[steps.len() - 1].text;
        let next = strip_prefix(current, &prefixes.official)
            .map(|text| Step {
                text,
                by_prefix: true,
            })
            .or_else(|| {
                strip_prefix(current, &prefixes.articles).map(|text| Step {
                    text,
                    by_prefix: false,
                })
            });
        match next {
            Some(step) => steps.push(step),
            None => return steps,
        }
    }
}

/// `text` less the longest leading run of words that is in `prefixes`, when
/// something is left.
fn strip_prefix<'a>(text: &'a str, prefixes: &HashSet<String>) -> Option<&'a str> {
    let cuts: Vec<usize> = text
        .char_indices()
        .filter_map(|(i, c)| {
            if c.is_whitespace() {
                Some(i)
            } else if text::is_apostrophe(c) {
                Some(i + c.len_utf8())
            } else {
                None
            }
        })
        .collect();
    cuts.into_iter().rev().find_map(|cut| {
        let rest = text[cut..].trim_start();
        (!text::fold_place(rest).is_empty()
            && prefixes.contains(&text::fold_place_keeping_elision(&text[..cut])))
        .then_some(rest)
    })
}

/// `text` less the longest trailing run of words that is in `suffixes`, when
/// something is left.
fn strip_suffix<'a>(text: &'a str, suffixes: &HashSet<String>) -> Option<&'a str> {
    text.char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .find_map(|(cut, _)| {
            let rest = text[..cut].trim_end();
            (!text::fold_place(rest).is_empty()
                && suffixes.contains(&text::fold_place_keeping_elision(&text[cut..])))
            .then_some(rest)
        })
}

/// The name as given, then without a trailing parenthesis
/// ("Stryi Territorial Community (Ukraine)").
fn bases(name: &str) -> Vec<&str> {
    let name = name.trim();
    let mut out = vec![name];
    if let Some(open) = name.rfind('(')
        && name.ends_with(')')
    {
        let head = name[..open].trim_end();
        if !text::fold_place(head).is_empty() {
            out.push(head);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Tables

struct Countries {
    list: Vec<Country>,
    /// CLDR aliases of each country, in the order of `list`.
    aliases: Vec<Vec<&'static str>>,
    by_iso3: HashMap<&'static str, usize>,
    by_name: HashMap<String, usize>,
    /// Normalized names two countries claim (the first keeps it).
    clashes: Vec<String>,
}

impl Countries {
    fn index_of(&self, country: &Country) -> usize {
        self.by_iso3[country.iso3]
    }

    fn claim(&mut self, name: &str, index: usize) {
        let key = text::fold_place(name);
        if key.is_empty() {
            return;
        }
        match self.by_name.get(&key) {
            None => {
                self.by_name.insert(key, index);
            }
            Some(&other) if other != index => self.clashes.push(format!(
                "{name:?}: {} and {}",
                self.list[other].iso3, self.list[index].iso3
            )),
            Some(_) => {}
        }
    }
}

struct LocalPlaces {
    list: Vec<LocalPlace>,
    by_name: HashMap<String, usize>,
    clashes: Vec<String>,
}

/// The data rows of an embedded TSV file (header skipped), split in fields.
fn rows(tsv: &'static str, file: &'static str, columns: usize) -> Vec<Vec<&'static str>> {
    tsv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            assert_eq!(fields.len(), columns, "{file}: bad row {line:?}");
            fields
        })
        .collect()
}

fn split_aliases(field: &'static str) -> Vec<&'static str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|alias| !alias.is_empty())
        .collect()
}

static COUNTRIES: LazyLock<Countries> = LazyLock::new(|| {
    // iso3, iso2, one column per language, aliases.
    let header: Vec<&'static str> = COUNTRIES_TSV
        .lines()
        .next()
        .unwrap_or("")
        .split('\t')
        .map(str::trim)
        .collect();
    assert!(
        header.len() >= 4 && header[..2] == ["iso3", "iso2"] && header.last() == Some(&"aliases"),
        "data/countries.tsv: bad header {header:?}"
    );
    let languages = &header[2..header.len() - 1];
    let rows = rows(COUNTRIES_TSV, "data/countries.tsv", header.len());
    let mut table = Countries {
        list: Vec::with_capacity(rows.len()),
        aliases: Vec::with_capacity(rows.len()),
        by_iso3: HashMap::new(),
        by_name: HashMap::new(),
        clashes: Vec::new(),
    };
    for fields in &rows {
        let index = table.list.len();
        // English first: the name of a language the table lacks.
        let mut names: Vec<(&'static str, &'static str)> = languages
            .iter()
            .copied()
            .zip(fields[2..fields.len() - 1].iter().copied())
            .collect();
        names.sort_by_key(|(code, _)| *code != "en");
        table.list.push(Country {
            iso3: fields[0],
            iso2: fields[1],
            names,
        });
        table.aliases.push(split_aliases(fields[fields.len() - 1]));
        table.by_iso3.insert(fields[0], index);
    }
    // Primary names first, then aliases, then long forms: on a clash the
    // stronger name wins (and the test lists the clash).
    for index in 0..table.list.len() {
        for (_, name) in table.list[index].names.clone() {
            table.claim(name, index);
        }
    }
    for index in 0..table.list.len() {
        for alias in table.aliases[index].clone() {
            table.claim(alias, index);
        }
    }
    for fields in rows_of_aliases() {
        let index = *table
            .by_iso3
            .get(fields[0])
            .unwrap_or_else(|| panic!("data/country-aliases.tsv: unknown code {}", fields[0]));
        table.claim(fields[1], index);
    }
    table
});

fn rows_of_aliases() -> Vec<Vec<&'static str>> {
    rows(COUNTRY_ALIASES_TSV, "data/country-aliases.tsv", 2)
}

static LOCAL_PLACES: LazyLock<LocalPlaces> = LazyLock::new(|| {
    let mut table = LocalPlaces {
        list: Vec::new(),
        by_name: HashMap::new(),
        clashes: Vec::new(),
    };
    for fields in rows(LOCAL_PLACES_TSV, "data/local-places.tsv", 4) {
        let place = LocalPlace {
            name: fields[0],
            country_iso3: fields[1],
            unit: fields[2],
            aliases: split_aliases(fields[3]),
        };
        let index = table.list.len();
        for name in std::iter::once(place.name).chain(place.aliases.iter().copied()) {
            let key = text::fold_place(name);
            match table.by_name.get(&key) {
                None => {
                    table.by_name.insert(key, index);
                }
                Some(&other) if other != index => table.clashes.push(format!(
                    "{name:?}: {} and {}",
                    table.list[other].name, place.name
                )),
                Some(_) => {}
            }
        }
        table.list.push(place);
    }
    table
});

/// A country found by name, with the form of the name that was looked up.
struct CountryHit<'a> {
    country: &'static Country,
    /// The name as given, or without its trailing parenthesis.
    base: &'a str,
}

fn find_country(name: &str) -> Option<CountryHit<'_>> {
    for base in bases(name) {
        for step in reductions(base, &COUNTRY_PREFIXES) {
            if let Some(&index) = COUNTRIES.by_name.get(&text::fold_place(step.text)) {
                return Some(CountryHit {
                    country: &COUNTRIES.list[index],
                    base,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso3(name: &str) -> Option<&'static str> {
        country_by_name(name).map(|c| c.iso3)
    }

    fn local(name: &str) -> Option<(&'static str, &'static str)> {
        local_place_by_name(name).map(|p| (p.name, p.country_iso3))
    }

    #[test]
    fn tables_parse_without_clashes() {
        assert!(countries().len() > 240, "{} countries", countries().len());
        assert!(COUNTRIES.clashes.is_empty(), "{:#?}", COUNTRIES.clashes);
        assert!(
            LOCAL_PLACES.clashes.is_empty(),
            "{:#?}",
            LOCAL_PLACES.clashes
        );
        let codes: HashSet<&str> = countries().iter().map(|c| c.iso3).collect();
        assert_eq!(codes.len(), countries().len());
        assert!(countries().windows(2).all(|w| w[0].iso3 < w[1].iso3));
    }

    #[test]
    fn every_local_place_is_in_a_known_country() {
        for place in local_places() {
            assert!(
                place.country().is_some(),
                "{}: unknown country {}",
                place.name,
                place.country_iso3
            );
        }
    }

    #[test]
    fn no_local_place_is_taken_for_a_country() {
        for place in local_places() {
            assert_eq!(iso3(place.name), None, "{}", place.name);
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(text::fold_place("  Côte d’Ivoire "), "cote d'ivoire");
        assert_eq!(text::fold_place("Guinée-Bissau"), "guinee bissau");
        assert_eq!(
            text::fold_place("SÃO TOMÉ  &  PRÍNCIPE"),
            "sao tome principe"
        );
        assert_eq!(text::fold_place("‘Bălți’."), "balti");
        assert_eq!(text::fold_place("Congo (DRC)"), "congo drc");
    }

    #[test]
    fn official_long_forms() {
        assert_eq!(iso3("République du Mali"), Some("MLI"));
        assert_eq!(iso3("Republic of Ghana"), Some("GHA"));
        assert_eq!(iso3("República de Guatemala"), Some("GTM"));
        assert_eq!(iso3("The Kyrgyz Republic"), Some("KGZ"));
        assert_eq!(iso3("Kyrgyz Republic"), Some("KGZ"));
        assert_eq!(iso3("République du Niger"), Some("NER"));
        assert_eq!(iso3("REPUBLIC OF ZIMBABWE"), Some("ZWE"));
        assert_eq!(iso3("The Republic of Costa Rica"), Some("CRI"));
        assert_eq!(iso3("Republic of Fiji"), Some("FJI"));
        assert_eq!(iso3("Republic of Nicaragua"), Some("NIC"));
        assert_eq!(iso3("República de Nicaragua"), Some("NIC"));
        assert_eq!(iso3("República de Cabo Verde"), Some("CPV"));
        assert_eq!(iso3("Republic of Moldova"), Some("MDA"));
        assert_eq!(iso3("Plurinational State of Bolivia"), Some("BOL"));
        assert_eq!(iso3("Bolivia (Plurinational State of)"), Some("BOL"));
        assert_eq!(iso3("Lao People's Democratic Republic"), Some("LAO"));
        assert_eq!(iso3("Islamic Republic of Iran"), Some("IRN"));
        assert_eq!(iso3("République islamique d’Iran"), Some("IRN"));
        assert_eq!(iso3("Federal Republic of Nigeria"), Some("NGA"));
        assert_eq!(iso3("Kingdom of the Netherlands"), Some("NLD"));
        assert_eq!(iso3("Royaume du Maroc"), Some("MAR"));
        assert_eq!(iso3("Reino de España"), Some("ESP"));
        assert_eq!(iso3("State of Palestine"), Some("PSE"));
        assert_eq!(iso3("République de l’Équateur"), Some("ECU"));
        assert_eq!(iso3("República Oriental del Uruguay"), Some("URY"));
        assert_eq!(iso3("República Argentina"), Some("ARG"));
        assert_eq!(iso3("República Dominicana"), Some("DOM"));
        assert_eq!(iso3("Republic of Iraq"), Some("IRQ"));
        assert_eq!(iso3("Saint Lucia"), Some("LCA"));
        assert_eq!(iso3("Burkina Faso"), Some("BFA"));
    }

    #[test]
    fn the_two_congos() {
        assert_eq!(iso3("Democratic Republic of the Congo"), Some("COD"));
        assert_eq!(iso3("The Democratic Republic of the Congo"), Some("COD"));
        assert_eq!(iso3("République démocratique du Congo"), Some("COD"));
        assert_eq!(iso3("República Democrática del Congo"), Some("COD"));
        assert_eq!(iso3("Republic of the Congo"), Some("COG"));
        assert_eq!(iso3("République du Congo"), Some("COG"));
        assert_eq!(iso3("Congo"), Some("COG"));
    }

    #[test]
    fn niger_is_not_nigeria() {
        assert_eq!(iso3("Niger"), Some("NER"));
        assert_eq!(iso3("Níger"), Some("NER"));
        assert_eq!(iso3("Nigeria"), Some("NGA"));
        assert_eq!(iso3("Republic of the Niger"), Some("NER"));
    }

    #[test]
    fn apostrophes_and_accents() {
        assert_eq!(iso3("Côte d’Ivoire"), Some("CIV"));
        assert_eq!(iso3("Cote d'Ivoire"), Some("CIV"));
        assert_eq!(iso3("COTE D`IVOIRE"), Some("CIV"));
        assert_eq!(iso3("Republic of Côte d'Ivoire"), Some("CIV"));
        assert_eq!(iso3("Guinée Bissau"), Some("GNB"));
        assert_eq!(iso3("Timor Leste"), Some("TLS"));
    }

    #[test]
    fn names_in_three_languages() {
        assert_eq!(iso3("Sénégal"), Some("SEN"));
        assert_eq!(iso3("Guinée"), Some("GIN"));
        assert_eq!(iso3("Tchad"), Some("TCD"));
        assert_eq!(iso3("Perú"), Some("PER"));
        assert_eq!(iso3("México"), Some("MEX"));
        assert_eq!(iso3("Mexique"), Some("MEX"));
        assert_eq!(iso3("Guinea"), Some("GIN"));
        assert_eq!(iso3("Guinea Ecuatorial"), Some("GNQ"));
        assert_eq!(iso3("Ecuador"), Some("ECU"));
        assert_eq!(iso3("Atlantis"), None);
        assert_eq!(iso3(""), None);
        assert_eq!(iso3("Republic of"), None);
    }

    #[test]
    fn portuguese_names_and_long_forms() {
        assert_eq!(iso3("República de Cabo Verde"), Some("CPV"));
        assert_eq!(iso3("República de Angola"), Some("AGO"));
        assert_eq!(iso3("República Federativa do Brasil"), Some("BRA"));
        assert_eq!(iso3("República da Guiné-Bissau"), Some("GNB"));
        assert_eq!(iso3("República de Moçambique"), Some("MOZ"));
        assert_eq!(iso3("República Democrática de Timor-Leste"), Some("TLS"));
        assert_eq!(iso3("República Portuguesa"), Some("PRT"));
        assert_eq!(iso3("São Tomé e Príncipe"), Some("STP"));
        assert_eq!(iso3("República Democrática do Congo"), Some("COD"));
        assert_eq!(iso3("Costa do Marfim"), Some("CIV"));
        // Brazilian and European spellings.
        assert_eq!(iso3("Quênia"), Some("KEN"));
        assert_eq!(iso3("Quénia"), Some("KEN"));
        assert_eq!(iso3("Países Baixos"), Some("NLD"));
        assert_eq!(short_name("República Federativa do Brasil", "pt"), "Brasil");
        assert_eq!(short_name("República de Moçambique", "pt"), "Moçambique");
        assert_eq!(
            short_name("República da Guiné-Bissau", "pt"),
            "Guiné-Bissau"
        );
        assert_eq!(short_name("República Portuguesa", "pt"), "Portugal");
        assert_eq!(country_by_iso3("BRA").unwrap().name("pt-BR"), "Brasil");
    }

    #[test]
    fn every_language_has_its_country_names() {
        let mali = country_by_iso3("MLI").unwrap();
        for lang in crate::lang::LANGUAGES {
            assert!(
                mali.names.iter().any(|(code, _)| *code == lang.code),
                "data/countries.tsv has no column {}: run scripts/gen-countries.mjs",
                lang.code
            );
        }
    }

    #[test]
    fn by_code() {
        let mali = country_by_iso3("MLI").unwrap();
        assert_eq!(mali.name("fr"), "Mali");
        assert_eq!(mali.iso2, "ML");
        assert_eq!(country_by_iso3("civ").unwrap().name("es"), "Côte d’Ivoire");
        assert_eq!(country_by_iso3("PER").unwrap().name("es"), "Perú");
        assert_eq!(country_by_iso3("TCD").unwrap().name("fr-FR"), "Tchad");
        assert_eq!(country_by_iso3("TCD").unwrap().name("pt"), "Chade");
        assert_eq!(country_by_iso3("TCD").unwrap().name("de"), "Chad");
        assert!(country_by_iso3("ZZZ").is_none());
        assert!(country_by_iso3("EU").is_none());
    }

    #[test]
    fn local_places_by_name() {
        for name in [
            "County of Nairobi",
            "Nairobi",
            "City of Nairobi",
            "NAIROBI CITY COUNTY",
        ] {
            assert_eq!(local(name), Some(("Nairobi", "KEN")), "{name}");
        }
        assert_eq!(local("City of Kenema"), Some(("Kenema", "SLE")));
        assert_eq!(
            local("Municipio de Villa del Rosario"),
            Some(("Villa del Rosario", "COL"))
        );
        assert_eq!(local("Ciudad de México"), Some(("Ciudad de México", "MEX")));
        assert_eq!(local("Mexico City"), Some(("Ciudad de México", "MEX")));
        assert_eq!(local("Montréal"), Some(("Montréal", "CAN")));
        assert_eq!(local("City of Montreal"), Some(("Montréal", "CAN")));
        assert_eq!(local("Ville de Montréal"), Some(("Montréal", "CAN")));
        assert_eq!(local("City of Accra"), Some(("Accra", "GHA")));
        assert_eq!(local("County of Mombasa"), Some(("Mombasa", "KEN")));
        assert_eq!(local("Province du Lac"), Some(("Lac", "TCD")));
        assert_eq!(
            local("Stryi Territorial Community (Ukraine)"),
            Some(("Stryi", "UKR"))
        );
        assert_eq!(local("Commune de Kankan"), Some(("Kankan", "GIN")));
        assert_eq!(local("N’Zérékoré"), Some(("N'Zérékoré", "GIN")));
        assert_eq!(local("Estado de Nuevo León"), Some(("Nuevo León", "MEX")));
        assert_eq!(
            local("Municipio de San José de Cúcuta"),
            Some(("San José de Cúcuta", "COL"))
        );
        assert_eq!(
            local("Municipio de San Cristóbal de La Laguna"),
            Some(("San Cristóbal de La Laguna", "ESP"))
        );
        assert_eq!(local("La Palma"), Some(("La Palma", "SLV")));
        assert_eq!(local("Municipality of Balti"), Some(("Bălți", "MDA")));
        assert_eq!(
            local("Município de Foz do Iguaçu"),
            Some(("Foz do Iguaçu", "BRA"))
        );
        assert_eq!(local("Cidade de São Paulo"), Some(("São Paulo", "BRA")));
        assert_eq!(
            local("Kurdistan Region of Iraq"),
            Some(("Kurdistan Region", "IRQ"))
        );
        assert_eq!(
            local("Distrito Metropolitano de Quito"),
            Some(("Quito", "ECU"))
        );
        assert_eq!(local("Cantón Upala"), Some(("Upala", "CRI")));
        assert_eq!(local("Republic of Mali"), None);
        assert_eq!(local("City of Atlantis"), None);
    }

    #[test]
    fn short_names() {
        assert_eq!(short_name("République du Mali", "fr"), "Mali");
        assert_eq!(short_name("République du Sénégal", "fr"), "Sénégal");
        assert_eq!(short_name("République du Sénégal", "en"), "Senegal");
        assert_eq!(short_name("The Republic of Costa Rica", "en"), "Costa Rica");
        assert_eq!(short_name("The Kyrgyz Republic", "en"), "Kyrgyzstan");
        assert_eq!(short_name("The Kyrgyz Republic", "fr"), "Kirghizstan");
        assert_eq!(short_name("County of Nairobi", "en"), "Nairobi");
        assert_eq!(short_name("City of Kenema", "en"), "Kenema");
        assert_eq!(short_name("REPUBLIC OF ZIMBABWE", "en"), "Zimbabwe");
        assert_eq!(short_name("República de Guatemala", "es"), "Guatemala");
        assert_eq!(short_name("República de Cabo Verde", "en"), "Cabo Verde");
        assert_eq!(
            short_name("República Dominicana", "es"),
            "República Dominicana"
        );
        assert_eq!(short_name("Republic of Moldova", "en"), "Moldova");
        assert_eq!(short_name("Republic of Moldova", "fr"), "Moldavie");
        assert_eq!(short_name("Saint Lucia", "en"), "Saint Lucia");
        assert_eq!(short_name("Ciudad de México", "es"), "Ciudad de México");
        assert_eq!(
            short_name("Municipio de Villa del Rosario", "es"),
            "Villa del Rosario"
        );
        assert_eq!(
            short_name("Stryi Territorial Community (Ukraine)", "en"),
            "Stryi"
        );
        // Places the tables do not know keep their own words.
        assert_eq!(short_name("Republic of Atlantis", "en"), "Atlantis");
        assert_eq!(
            short_name("Municipality of Springfield", "en"),
            "Springfield"
        );
        assert_eq!(short_name("La Paz", "es"), "La Paz");
        assert_eq!(short_name("Ciudad del Este", "es"), "Ciudad del Este");
        assert_eq!(short_name("Springfield City", "en"), "Springfield");
        assert_eq!(short_name("  ", "en"), "");
    }
}
