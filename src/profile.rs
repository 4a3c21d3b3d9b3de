//! Stage 3: what the recogniser found + the manifest → a [`Profile`].
//!
//! Precedence for every field: what the profile's own title says, then the
//! manifest, then what the tables can infer; what none of them gives is null
//! with a warning.

use std::path::Path;

use crate::error::{InputError, InputErrorKind};
use crate::lang::TitleMatch;
use crate::manifest::ManifestEntry;
use crate::model::{Level, Profile, Warning, WarningKind};
use crate::places;
use crate::read::{self, Form};
use crate::recognise::{self, Recognised};

/// Read, recognise and assemble one profile file.
pub fn parse_file(
    path: &Path,
    form: Form,
    manifest: Option<&ManifestEntry>,
) -> Result<Profile, InputError> {
    let (mut profile, note) = parse_file_noting(path, form, manifest)?;
    profile.warnings.extend(note);
    Ok(profile)
}

/// Like [`parse_file`], with what the reader should know of how the file was
/// read kept apart from the model: a PDF made by mgi gives back exactly the
/// model attached to it (the manifest is not applied again), and a warning
/// saying so.
pub fn parse_file_noting(
    path: &Path,
    form: Form,
    manifest: Option<&ManifestEntry>,
) -> Result<(Profile, Option<Warning>), InputError> {
    if let Some((profile, note)) = attached_model(path, form) {
        return Ok((profile, Some(note)));
    }
    let bytes = read::read_limited(path)?;
    Ok((parse_bytes(path, &bytes, form, manifest)?, None))
}

/// [`parse_file`] of a file already read into `bytes`.
pub(crate) fn parse_read(
    path: &Path,
    bytes: &[u8],
    form: Form,
    manifest: Option<&ManifestEntry>,
) -> Result<Profile, InputError> {
    if let Some((mut profile, note)) = attached_model(path, form) {
        profile.warnings.push(note);
        return Ok(profile);
    }
    parse_bytes(path, bytes, form, manifest)
}

/// The model attached to a PDF made by mgi, and a warning saying so.
fn attached_model(path: &Path, form: Form) -> Option<(Profile, Warning)> {
    if !matches!(form, Form::Auto | Form::Pdf) {
        return None;
    }
    let (profile, name) = read::attachment::embedded_model(path)?;
    let note = Warning::general(WarningKind::AttachedModel {
        name,
        source: profile.source.clone(),
    });
    Some((profile, note))
}

/// Read, recognise and assemble a profile already in memory (`path` names
/// it in messages and in `source`).
pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
    form: Form,
    manifest: Option<&ManifestEntry>,
) -> Result<Profile, InputError> {
    let (doc, form) = read::read_bytes(path, bytes, form)?;
    let mut rec = recognise::recognise(&doc)
        .map_err(|e| InputError::new(path, None, no_findings(&doc, form, e.message)))?;
    if rec.language.is_none() {
        // The headings did not tell; the page's own declaration (`<html lang>`) may.
        rec.language = doc
            .declared_language
            .as_deref()
            .and_then(crate::lang::language)
            .map(|l| l.code);
    }
    let mut profile = assemble(rec, path, manifest.cloned().unwrap_or_default());
    profile.warnings.splice(0..0, doc.warnings);
    Ok(profile)
}

/// The recogniser's "no key findings" message (which quotes the list
/// headings in the document's language), with the form the file was read
/// as and the form to try instead.
pub(crate) fn no_findings(doc: &read::Document, form: Form, recognised: String) -> InputErrorKind {
    let read_as = doc
        .read_as
        .clone()
        .unwrap_or_else(|| form.describe().to_string());
    let columns = doc
        .warnings
        .iter()
        .find(|w| matches!(w.kind, Some(WarningKind::SideBySideColumns { .. })))
        .map(|w| format!(" ({})", w.message))
        .unwrap_or_default();
    let try_form = match form {
        Form::Text | Form::Html => "--format print",
        Form::Pdf => "--format print on its text (`pdftotext FILE.pdf FILE.txt`)",
        _ => "--format text",
    };
    InputErrorKind::NoFindings {
        recognised,
        read_as,
        columns,
        try_form,
    }
}

/// Combine recognised content, the manifest and the tables.
pub fn assemble(mut rec: Recognised, source: &Path, manifest: ManifestEntry) -> Profile {
    let mut warnings = std::mem::take(&mut rec.warnings);
    // The findings' own words, when they clearly tell, beat the headings'
    // vote: a portal page may keep its site chrome in another language.
    let language = language_of(
        &manifest,
        findings_language(&rec).or(rec.language),
        &mut warnings,
    );
    let title = rec.title.as_ref();
    let place_official = title.map(|t| t.place.clone());
    if let (Some(official), Some(m)) = (&place_official, &manifest.place)
        && !same_place(official, m, &language)
    {
        warnings.push(Warning::at(
            rec.title_line.unwrap_or(0),
            WarningKind::ManifestPlaceDiffers {
                manifest: m.clone(),
                title: official.clone(),
            },
        ));
    }
    let known = KnownPlace::of(place_official.as_deref());
    let level = level_of(title, &manifest, &known, &mut warnings);
    let country_iso3 = country_of(&rec, level, &manifest, &known, &mut warnings);
    let place = match (&place_official, level) {
        (Some(_), Some(Level::National) | None) if known.country.is_some() => {
            known.country.map(|c| c.name(&language).to_string())
        }
        (Some(official), _) => Some(places::short_name(official, &language)),
        (None, _) => manifest.place.clone(),
    };
    if place.is_none() {
        warnings.push(Warning::general(WarningKind::PlaceUnknown));
    }
    let year = title.and_then(|t| t.year).or(manifest.year);
    if year.is_none() {
        warnings.push(Warning::general(WarningKind::YearUnknown));
    }
    let edition = title.and_then(|t| t.edition).or(manifest.edition);
    if title.is_none() {
        warnings.push(Warning::general(WarningKind::NoTitle));
    }
    let id = id_of(place.as_deref(), year, &language, source);
    let mut domains = rec.domains;
    crate::gcm::tag_domains(&mut domains, &language);
    Profile {
        id,
        source: source.display().to_string(),
        source_url: manifest.source_url,
        language,
        title: rec.title.map(|t| t.title),
        place,
        place_official,
        level,
        country_iso3,
        edition,
        year,
        published: rec.published,
        introduction: rec.introduction,
        domains,
        warnings,
    }
}

/// What the tables know of the place the title names.
struct KnownPlace {
    country: Option<&'static places::Country>,
    local: Option<&'static places::LocalPlace>,
}

impl KnownPlace {
    fn of(official: Option<&str>) -> KnownPlace {
        KnownPlace {
            country: official.and_then(places::country_by_name),
            local: official.and_then(places::local_place_by_name),
        }
    }
}

/// The language: the manifest's, then the text's, then English with a warning.
fn language_of(
    manifest: &ManifestEntry,
    found: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> String {
    match (&manifest.language, found) {
        (Some(m), _) => m.clone(),
        (None, Some(l)) => l.to_string(),
        (None, None) => {
            warnings.push(Warning::general(WarningKind::LanguageAssumedEnglish));
            "en".to_string()
        }
    }
}

/// Level: the title's own word, then the manifest, then what the place is.
fn level_of(
    title: Option<&TitleMatch>,
    manifest: &ManifestEntry,
    known: &KnownPlace,
    warnings: &mut Vec<Warning>,
) -> Option<Level> {
    if title.is_some_and(|t| t.local) {
        Some(Level::Local)
    } else if let Some(l) = manifest.level {
        Some(l)
    } else if known.country.is_some() {
        Some(Level::National)
    } else if known.local.is_some() {
        Some(Level::Local)
    } else {
        warnings.push(Warning::general(WarningKind::LevelUnknown));
        None
    }
}

/// The country: the title's (or, for a local profile, the country named
/// next to it), the manifest's, the table's, then the one the text names.
fn country_of(
    rec: &Recognised,
    level: Option<Level>,
    manifest: &ManifestEntry,
    known: &KnownPlace,
    warnings: &mut Vec<Warning>,
) -> Option<String> {
    let from_tables = match level {
        Some(Level::Local) => rec
            .title
            .as_ref()
            .and_then(|t| t.country.as_deref())
            .and_then(places::country_by_name)
            .map(|c| c.iso3.to_string())
            .or_else(|| manifest.country_iso3.clone())
            .or_else(|| known.local.map(|p| p.country_iso3.to_string())),
        _ => known
            .country
            .map(|c| c.iso3.to_string())
            .or_else(|| manifest.country_iso3.clone()),
    };
    // A city no table knows: the country its own text names.
    let country = from_tables.or_else(|| {
        let findings = rec
            .domains
            .iter()
            .flat_map(|d| d.strengths.iter().chain(&d.improvements))
            .map(|f| &f.text);
        let (country, name) =
            places::country_named_in(rec.introduction.iter().chain(&rec.context).chain(findings))?;
        warnings.push(Warning::general(WarningKind::CountryFromText {
            name: name.to_string(),
            iso3: country.iso3.to_string(),
        }));
        Some(country.iso3.to_string())
    });
    if country.is_none() {
        warnings.push(Warning::general(WarningKind::CountryUnknown));
    }
    country
}

/// The id names the place; a place with no ASCII letters or digits
/// (`北京`) gives way to the file name.
fn id_of(place: Option<&str>, year: Option<i32>, language: &str, source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let name = place.filter(|p| !slug(p).is_empty()).unwrap_or(&stem);
    profile_id(name, year, language)
}

/// The language the findings are clearly written in, if they tell.
fn findings_language(rec: &Recognised) -> Option<&'static str> {
    crate::lang::detect_language_of(
        rec.domains
            .iter()
            .flat_map(|d| d.strengths.iter().chain(&d.improvements))
            .map(|f| f.text.as_str()),
    )
}

fn same_place(official: &str, short: &str, language: &str) -> bool {
    let a = crate::lang::normalize(&places::short_name(official, language));
    let b = crate::lang::normalize(short);
    a == b || crate::lang::normalize(official).contains(&b)
}

/// `mali-2021-fr`: ASCII slug of the place, the year when known, the
/// language. Only `a`–`z`, `0`–`9` and single inner hyphens, never empty
/// (`profile` stands for a place that has no ASCII letters or digits): it
/// names the output files, so nothing in it can reach outside their folder.
pub(crate) fn profile_id(place: &str, year: Option<i32>, language: &str) -> String {
    let place = match slug(place) {
        s if s.is_empty() => "profile".to_string(),
        s => s,
    };
    let mut parts = vec![place];
    if let Some(y) = year {
        parts.push(y.to_string());
    }
    parts.push(slug(language));
    parts.retain(|p| !p.is_empty());
    parts.join("-")
}

/// Lower-case ASCII letters and digits separated by single hyphens.
pub(crate) fn slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfkd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ascii_slugs() {
        assert_eq!(profile_id("Sénégal", Some(2021), "fr"), "senegal-2021-fr");
        assert_eq!(profile_id("N'Zérékoré", None, "fr"), "n-zerekore-fr");
        assert_eq!(profile_id("../../etc/passwd", None, "en"), "etc-passwd-en");
        assert_eq!(slug("Ciudad de México"), "ciudad-de-mexico");
        assert_eq!(profile_id("北京", None, "中文"), "profile");
        assert_eq!(profile_id("", Some(2020), "zh"), "profile-2020-zh");
        assert_eq!(profile_id("..", None, "../../x"), "profile-x");
        assert_eq!(
            profile_id("a\nb\"c'd\u{0}e/f\\g", None, "en"),
            "a-b-c-d-e-f-g-en"
        );
    }

    #[test]
    fn id_from_the_file_name_when_the_place_has_no_ascii() {
        let rec = Recognised::default();
        let manifest = ManifestEntry {
            place: Some("北京".into()),
            language: Some("zh".into()),
            ..ManifestEntry::default()
        };
        let p = assemble(rec, Path::new("in/beijing 2020.txt"), manifest);
        assert_eq!(p.id, "beijing-2020-zh");
        assert_eq!(p.place.as_deref(), Some("北京"));
    }
}
