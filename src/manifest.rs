//! `manifest.csv`: what the text of a profile does not say.
//!
//! An input folder may hold a `manifest.csv` with the columns
//! `file,place,level,country_iso3,year,edition,language,source_url`; every
//! column but `file` may be empty. Its values win over guesses, never over
//! the profile's own title.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::InputError;
use crate::model::Level;

pub const FILE_NAME: &str = "manifest.csv";

/// One row of a manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ManifestEntry {
    pub place: Option<String>,
    pub level: Option<Level>,
    pub country_iso3: Option<String>,
    pub year: Option<i32>,
    pub edition: Option<u32>,
    pub language: Option<String>,
    pub source_url: Option<String>,
}

/// A manifest row or cell that was ignored, as a warning with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestProblem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = crate::error::Diagnostic::warning(&self.path, self.line, &self.message);
        write!(f, "{d}")
    }
}

/// The manifests of the input folders, by the path of the file they describe.
#[derive(Debug, Clone, Default)]
pub struct Manifests {
    entries: HashMap<PathBuf, ManifestEntry>,
    loaded: std::collections::HashSet<PathBuf>,
}

impl Manifests {
    /// The entry for an input file, if a manifest names it.
    pub fn get(&self, input: &Path) -> Option<&ManifestEntry> {
        self.entries.get(&key(input))
    }

    /// Load `folder/manifest.csv` if there is one (once per folder). Returns
    /// what was ignored in it; an error when none of it can be used.
    pub(crate) fn load_folder(
        &mut self,
        folder: &Path,
    ) -> Result<Vec<ManifestProblem>, InputError> {
        let path = folder.join(FILE_NAME);
        if !path.is_file() || !self.loaded.insert(key(&path)) {
            return Ok(Vec::new());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| InputError::io(&path, e))?;
        let (rows, mut problems) = parse(&path, &text)?;
        for row in rows {
            let file = folder.join(&row.file);
            if !file.exists() {
                problems.push(ManifestProblem {
                    path: path.clone(),
                    line: Some(row.line),
                    message: format!(
                        "no file `{}` in {}: the row is not used (check the name)",
                        row.file,
                        crate::error::display_path(folder)
                    ),
                });
            }
            self.entries.insert(key(&file), row.entry);
        }
        Ok(problems)
    }
}

fn key(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// One row of a manifest: the file it names, its line and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRow {
    pub file: String,
    pub line: usize,
    pub entry: ManifestEntry,
}

const COLUMNS: [&str; 8] = [
    "file",
    "place",
    "level",
    "country_iso3",
    "year",
    "edition",
    "language",
    "source_url",
];

/// The separator of a manifest: `,` unless the header line holds none and
/// holds `;` (as spreadsheets of French or Spanish locale save CSV) or tabs.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.contains(',') {
        b','
    } else if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// Parse a manifest. A whole-file problem (no `file` column, an unknown
/// column) is an error naming the line; a bad cell loses only that cell,
/// a bad row only that row, each with a warning.
pub fn parse(
    path: &Path,
    text: &str,
) -> Result<(Vec<ManifestRow>, Vec<ManifestProblem>), InputError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .delimiter(separator(text))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| InputError::new(path, Some(1), HeaderError::Unreadable(Arc::new(e))))?
        .clone();
    check_header(path, &headers)?;
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut warn = |line: Option<usize>, message: String| {
        problems.push(ManifestProblem {
            path: path.to_path_buf(),
            line,
            message,
        })
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                warn(line, format!("malformed row, not used: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .filter(|v| !v.is_empty())
        };
        let Some(file) = get("file") else {
            warn(Some(line), "empty `file` value: the row is not used".into());
            continue;
        };
        if record.len() != headers.len() {
            warn(
                Some(line),
                format!(
                    "{} cells where the header has {}: the cells are read by position",
                    record.len(),
                    headers.len()
                ),
            );
        }
        let mut cell_problem = |what: &str, v: &str| {
            warn(
                Some(line),
                format!(
                    "{what} `{v}` is not valid: the cell is ignored, the rest of the row is used"
                ),
            )
        };
        let entry = row_entry(&get, &mut cell_problem);
        rows.push(ManifestRow {
            file: file.to_string(),
            line,
            entry,
        });
    }
    Ok((rows, problems))
}

/// Why the header of a manifest cannot be used (the whole manifest is then
/// left out).
#[derive(Debug, Clone, thiserror::Error)]
pub enum HeaderError {
    #[error("unreadable header: {0}")]
    Unreadable(Arc<csv::Error>),
    #[error("the header has no `file` column (expected {}, separated by commas)", COLUMNS.join(","))]
    NoFileColumn,
    #[error("unknown column `{column}` (expected {})", COLUMNS.join(","))]
    UnknownColumn { column: String },
}

/// A header must name `file` and only known columns.
fn check_header(path: &Path, headers: &csv::StringRecord) -> Result<(), InputError> {
    if !headers.iter().any(|h| h.eq_ignore_ascii_case("file")) {
        return Err(InputError::new(path, Some(1), HeaderError::NoFileColumn));
    }
    if let Some(unknown) = headers
        .iter()
        .find(|h| !COLUMNS.iter().any(|k| k.eq_ignore_ascii_case(h)))
    {
        return Err(InputError::new(
            path,
            Some(1),
            HeaderError::UnknownColumn {
                column: unknown.to_string(),
            },
        ));
    }
    Ok(())
}

/// The values of one row; each bad cell is reported and left out.
fn row_entry<'r>(
    get: &dyn Fn(&str) -> Option<&'r str>,
    bad: &mut dyn FnMut(&str, &str),
) -> ManifestEntry {
    let level = get("level").and_then(|v| {
        if v.eq_ignore_ascii_case("national") {
            Some(Level::National)
        } else if v.eq_ignore_ascii_case("local") {
            Some(Level::Local)
        } else {
            bad("level (national or local)", v);
            None
        }
    });
    let year = get("year").and_then(|v| v.parse::<i32>().map_err(|_| bad("year", v)).ok());
    let edition = get("edition").and_then(|v| v.parse::<u32>().map_err(|_| bad("edition", v)).ok());
    let country_iso3 = get("country_iso3").and_then(|v| {
        if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) {
            Some(v.to_ascii_uppercase())
        } else {
            bad("country_iso3 (three letters)", v);
            None
        }
    });
    ManifestEntry {
        place: get("place").map(str::to_string),
        level,
        country_iso3,
        year,
        edition,
        language: get("language").map(str::to_ascii_lowercase),
        source_url: get("source_url").map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_with_empty_columns() {
        let (rows, problems) = parse(
            Path::new("m.csv"),
            "file,place,level,country_iso3,year,edition,language,source_url\na.txt,Nairobi,local,ken,2020,,,https://x\nb.txt,,,,,,,\n",
        )
        .unwrap();
        assert!(problems.is_empty());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].entry.level, Some(Level::Local));
        assert_eq!(rows[0].entry.country_iso3.as_deref(), Some("KEN"));
        assert_eq!(rows[0].entry.edition, None);
        assert_eq!(rows[1].entry, ManifestEntry::default());
    }

    #[test]
    fn a_bad_cell_loses_only_that_cell_and_every_one_is_reported() {
        let (rows, problems) = parse(
            Path::new("m.csv"),
            "file,level,year,source_url\na.txt,national,2021,https://a\nb.txt,regional,20x1,https://b\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].entry.level, None);
        assert_eq!(rows[1].entry.year, None);
        assert_eq!(rows[1].entry.source_url.as_deref(), Some("https://b"));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.line == Some(3)));
        assert!(problems[0].message.contains("`regional`"));
        assert!(
            problems[1]
                .to_string()
                .starts_with("m.csv:3: warning: year `20x1`")
        );
        let err = parse(Path::new("m.csv"), "file,colour\na,b\n").unwrap_err();
        assert!(err.message().contains("unknown column `colour`"));
    }

    #[test]
    fn semicolon_and_tab_separators_are_detected() {
        for sep in [";", "\t"] {
            let text = format!("file{sep}year{sep}source_url\na.txt{sep}2021{sep}https://x,y\n");
            let (rows, problems) = parse(Path::new("m.csv"), &text).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(rows[0].entry.year, Some(2021));
            assert_eq!(rows[0].entry.source_url.as_deref(), Some("https://x,y"));
        }
    }
}
