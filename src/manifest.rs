//! `manifest.csv`: what the text of a profile does not say.
//!
//! An input folder may hold a `manifest.csv` with the columns
//! `file,place,level,country_iso3,year,edition,language,source_url`; every
//! column but `file` may be empty. Its values win over guesses, never over
//! the profile's own title.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::InputError;
use crate::model::Level;

pub const FILE_NAME: &str = "manifest.csv";

/// One row of a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestEntry {
    pub place: Option<String>,
    pub level: Option<Level>,
    pub country_iso3: Option<String>,
    pub year: Option<i32>,
    pub edition: Option<u32>,
    pub language: Option<String>,
    pub source_url: Option<String>,
}

/// The manifests of the input folders, by the path of the file they describe.
#[derive(Debug, Clone, Default)]
pub struct Manifests {
    entries: HashMap<PathBuf, ManifestEntry>,
}

impl Manifests {
    /// The entry for an input file, if a manifest names it.
    pub fn get(&self, input: &Path) -> Option<&ManifestEntry> {
        self.entries.get(&key(input))
    }

    /// Load `folder/manifest.csv` if there is one.
    pub fn load_folder(&mut self, folder: &Path) -> Result<(), InputError> {
        let path = folder.join(FILE_NAME);
        if !path.is_file() {
            return Ok(());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| InputError::io(&path, &e))?;
        for (file, entry) in parse(&path, &text)? {
            self.entries.insert(key(&folder.join(file)), entry);
        }
        Ok(())
    }
}

fn key(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Parse a manifest; errors name the line.
pub fn parse(path: &Path, text: &str) -> Result<Vec<(String, ManifestEntry)>, InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| InputError::new(path, Some(1), format!("unreadable header: {e}")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let Some(file_col) = col("file") else {
        return Err(InputError::new(
            path,
            Some(1),
            "the header has no `file` column (expected file,place,level,country_iso3,year,edition,language,source_url)",
        ));
    };
    let known = [
        "file",
        "place",
        "level",
        "country_iso3",
        "year",
        "edition",
        "language",
        "source_url",
    ];
    if let Some(unknown) = headers
        .iter()
        .find(|h| !known.iter().any(|k| k.eq_ignore_ascii_case(h)))
    {
        return Err(InputError::new(
            path,
            Some(1),
            format!("unknown column `{unknown}` (expected {})", known.join(",")),
        ));
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            InputError::new(path, line, format!("malformed row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let bad = |what: &str, v: &str| {
            InputError::new(path, Some(line), format!("{what} `{v}` is not valid"))
        };
        let file = record.get(file_col).unwrap_or("").trim().to_string();
        if file.is_empty() {
            return Err(InputError::new(path, Some(line), "empty `file` value"));
        }
        let level = match get("level").as_deref() {
            None => None,
            Some(v) if v.eq_ignore_ascii_case("national") => Some(Level::National),
            Some(v) if v.eq_ignore_ascii_case("local") => Some(Level::Local),
            Some(v) => return Err(bad("level (national or local)", v)),
        };
        let year = match get("year") {
            None => None,
            Some(v) => Some(v.parse::<i32>().map_err(|_| bad("year", &v))?),
        };
        let edition = match get("edition") {
            None => None,
            Some(v) => Some(v.parse::<u32>().map_err(|_| bad("edition", &v))?),
        };
        let country_iso3 = match get("country_iso3") {
            None => None,
            Some(v) if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) => {
                Some(v.to_ascii_uppercase())
            }
            Some(v) => return Err(bad("country_iso3 (three letters)", &v)),
        };
        out.push((
            file,
            ManifestEntry {
                place: get("place"),
                level,
                country_iso3,
                year,
                edition,
                language: get("language").map(|l| l.to_ascii_lowercase()),
                source_url: get("source_url"),
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_with_empty_columns() {
        let rows = parse(
            Path::new("m.csv"),
            "file,place,level,country_iso3,year,edition,language,source_url\na.txt,Nairobi,local,ken,2020,,,https://x\nb.txt,,,,,,,\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.level, Some(Level::Local));
        assert_eq!(rows[0].1.country_iso3.as_deref(), Some("KEN"));
        assert_eq!(rows[0].1.edition, None);
        assert_eq!(rows[1].1, ManifestEntry::default());
    }

    #[test]
    fn bad_values_name_the_line() {
        let err = parse(
            Path::new("m.csv"),
            "file,level\na.txt,national\nb.txt,regional\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("regional"));
        let err = parse(Path::new("m.csv"), "file,colour\na,b\n").unwrap_err();
        assert!(err.message.contains("unknown column `colour`"));
    }
}
