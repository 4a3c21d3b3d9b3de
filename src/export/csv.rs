//! The CSV tables: `findings.csv`, `domains.csv`, `profiles.csv`, and
//! `changes.csv` (edition changes).
//!
//! UTF-8, a header row, RFC 4180 quoting. With `excel` a byte-order mark is
//! written first so that Excel reads accents right. Cells that a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) get a leading apostrophe unless `raw` is set.

use crate::diff::{ChangeKind, ProfileDiff};
use crate::model::{FindingKind, Profile};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start each file with a UTF-8 byte-order mark (for Excel).
    pub excel: bool,
    /// Keep cells exactly as in the model, even those a spreadsheet would run.
    pub raw: bool,
}

pub(crate) const FINDINGS_HEADER: [&str; 12] = [
    "profile_id",
    "place",
    "country_iso3",
    "level",
    "year",
    "edition",
    "language",
    "domain",
    "kind",
    "position",
    "text",
    "gcm_objectives",
];
pub(crate) const DOMAINS_HEADER: [&str; 7] = [
    "profile_id",
    "place",
    "year",
    "language",
    "domain",
    "strengths",
    "improvements",
];
pub(crate) const PROFILES_HEADER: [&str; 13] = [
    "profile_id",
    "place",
    "place_official",
    "country_iso3",
    "level",
    "edition",
    "year",
    "published",
    "language",
    "title",
    "strengths",
    "improvements",
    "source",
];

pub(crate) const CHANGES_HEADER: [&str; 11] = [
    "place",
    "level",
    "domain",
    "kind",
    "from_profile",
    "to_profile",
    "change",
    "similarity",
    "old_text",
    "new_text",
    "gcm_objectives",
];

pub(crate) const GCM_HEADER: [&str; 8] = [
    "profile_id",
    "place",
    "year",
    "language",
    "objective",
    "objective_name",
    "strengths",
    "improvements",
];

/// Objective numbers as a cell: `6;20`.
fn objectives_cell(objectives: impl IntoIterator<Item = u8>) -> Cell {
    let list: Vec<String> = objectives.into_iter().map(|n| n.to_string()).collect();
    Cell::Text(list.join(";"))
}

/// A cell made safe for spreadsheet programs.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One cell of a table: text, a whole number, or nothing.
///
/// The CSV writer prints every cell as text; the spreadsheet writer keeps
/// numbers as numbers and text as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    fn opt_text(v: &Option<String>) -> Cell {
        v.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()))
    }

    fn int(n: impl TryInto<i64>) -> Cell {
        n.try_into().map_or(Cell::Empty, Cell::Int)
    }

    fn opt_int<T: Copy + TryInto<i64>>(v: &Option<T>) -> Cell {
        v.map_or(Cell::Empty, Cell::int)
    }

    /// The cell as CSV text (before any neutralizing).
    pub(crate) fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(s) => s.as_str().into(),
            Cell::Int(n) => n.to_string().into(),
        }
    }
}

/// One table: its name (the CSV file stem, the sheet name), header and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

/// The five tables, in the order `findings`, `domains`, `profiles`,
/// `changes` (consecutive editions of each place, diffed), `gcm`.
pub fn tables(profiles: &[&Profile]) -> [Table; 5] {
    [
        Table {
            name: "findings",
            header: &FINDINGS_HEADER,
            rows: findings_rows(profiles),
        },
        Table {
            name: "domains",
            header: &DOMAINS_HEADER,
            rows: domains_rows(profiles),
        },
        Table {
            name: "profiles",
            header: &PROFILES_HEADER,
            rows: profiles_rows(profiles),
        },
        Table {
            name: "changes",
            header: &CHANGES_HEADER,
            rows: changes_rows(&crate::diff::edition_diffs(profiles)),
        },
        Table {
            name: "gcm",
            header: &GCM_HEADER,
            rows: gcm_rows(profiles),
        },
    ]
}

/// A table as CSV bytes.
pub(crate) fn to_csv(header: &[&str], rows: &[Vec<Cell>], opts: CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if opts.excel {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(header).expect("writing to memory");
    for row in rows {
        let cells = row.iter().map(Cell::as_text);
        if opts.raw {
            w.write_record(cells.map(|c| c.into_owned()))
        } else {
            w.write_record(cells.map(|c| neutralize(&c).into_owned()))
        }
        .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

fn level(p: &Profile) -> Cell {
    p.level.map_or(Cell::Empty, |l| Cell::text(l.as_str()))
}

/// One row per finding (columns of `FINDINGS_HEADER`).
pub fn findings_rows(profiles: &[&Profile]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for p in profiles {
        for (d, kind, position, f) in p.findings() {
            rows.push(vec![
                Cell::text(&p.id),
                Cell::opt_text(&p.place),
                Cell::opt_text(&p.country_iso3),
                level(p),
                Cell::opt_int(&p.year),
                Cell::opt_int(&p.edition),
                Cell::text(&p.language),
                Cell::text(d.domain.as_str()),
                Cell::text(kind.as_str()),
                Cell::int(position),
                Cell::text(&f.text),
                objectives_cell(f.gcm_objectives()),
            ]);
        }
    }
    rows
}

/// One row per profile and domain, with counts (columns of [`DOMAINS_HEADER`]).
pub(crate) fn domains_rows(profiles: &[&Profile]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for p in profiles {
        for d in &p.domains {
            rows.push(vec![
                Cell::text(&p.id),
                Cell::opt_text(&p.place),
                Cell::opt_int(&p.year),
                Cell::text(&p.language),
                Cell::text(d.domain.as_str()),
                Cell::int(d.strengths.len()),
                Cell::int(d.improvements.len()),
            ]);
        }
    }
    rows
}

/// One row per profile, with metadata and totals (columns of [`PROFILES_HEADER`]).
pub(crate) fn profiles_rows(profiles: &[&Profile]) -> Vec<Vec<Cell>> {
    profiles
        .iter()
        .map(|p| {
            vec![
                Cell::text(&p.id),
                Cell::opt_text(&p.place),
                Cell::opt_text(&p.place_official),
                Cell::opt_text(&p.country_iso3),
                level(p),
                Cell::opt_int(&p.edition),
                Cell::opt_int(&p.year),
                Cell::opt_text(&p.published),
                Cell::text(&p.language),
                Cell::opt_text(&p.title),
                Cell::int(p.count(FindingKind::Strength)),
                Cell::int(p.count(FindingKind::Improvement)),
                Cell::text(&p.source),
            ]
        })
        .collect()
}

/// One row per profile and GCM objective, all 23 objectives, with the
/// counts of strengths and improvements linked to it (columns of
/// `GCM_HEADER`).
pub fn gcm_rows(profiles: &[&Profile]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for p in profiles {
        let counts = crate::gcm::counts(p);
        for (o, (strengths, improvements)) in crate::gcm::objectives().iter().zip(counts) {
            rows.push(vec![
                Cell::text(&p.id),
                Cell::opt_text(&p.place),
                Cell::opt_int(&p.year),
                Cell::text(&p.language),
                Cell::int(o.n),
                Cell::text(o.short_name("en")),
                Cell::int(strengths),
                Cell::int(improvements),
            ]);
        }
    }
    rows
}

/// One row per profile and GCM objective, with counts.
pub(crate) fn gcm_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    to_csv(&GCM_HEADER, &gcm_rows(profiles), opts)
}

/// One row per finding.
pub fn findings_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    to_csv(&FINDINGS_HEADER, &findings_rows(profiles), opts)
}

/// One row per profile and domain, with counts.
pub(crate) fn domains_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    to_csv(&DOMAINS_HEADER, &domains_rows(profiles), opts)
}

/// One row per profile, with metadata and totals.
pub fn profiles_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    to_csv(&PROFILES_HEADER, &profiles_rows(profiles), opts)
}

/// One row per finding of each edition diff (columns of [`CHANGES_HEADER`]).
/// `similarity` is `1` for unchanged findings, two decimals for reworded
/// ones (and the score of the content words shared for progressed and
/// regressed ones), empty for removed and added ones.
pub(crate) fn changes_rows(diffs: &[ProfileDiff]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for d in diffs {
        for list in &d.domains {
            for c in &list.changes {
                let similarity = match (c.change, c.similarity) {
                    (ChangeKind::Unchanged, _) => Cell::text("1"),
                    (
                        ChangeKind::Reworded | ChangeKind::Progressed | ChangeKind::Regressed,
                        Some(s),
                    ) => Cell::text(format!("{s:.2}")),
                    _ => Cell::Empty,
                };
                rows.push(vec![
                    Cell::opt_text(&d.place),
                    d.level.map_or(Cell::Empty, |l| Cell::text(l.as_str())),
                    Cell::text(list.domain.as_str()),
                    Cell::text(list.kind.as_str()),
                    Cell::text(&d.from_profile),
                    Cell::text(&d.to_profile),
                    Cell::text(c.change.as_str()),
                    similarity,
                    Cell::opt_text(&c.old_text),
                    Cell::opt_text(&c.new_text),
                    objectives_cell(c.gcm_objectives.iter().copied()),
                ]);
            }
        }
    }
    rows
}

/// The edition changes as CSV.
pub(crate) fn changes_csv(diffs: &[ProfileDiff], opts: CsvOptions) -> Vec<u8> {
    to_csv(&CHANGES_HEADER, &changes_rows(diffs), opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralizes_formula_cells() {
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("-5 per cent"), "'-5 per cent");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("Plain text = fine"), "Plain text = fine");
    }

    #[test]
    fn changes_header_only_without_pairs() {
        let plain = changes_csv(&[], CsvOptions::default());
        assert_eq!(
            plain,
            b"place,level,domain,kind,from_profile,to_profile,change,similarity,old_text,new_text,gcm_objectives\r\n"
        );
    }

    #[test]
    fn rows_have_typed_cells_and_print_as_before() {
        use crate::model::{Domain, DomainId, Finding, Level};
        let p = Profile {
            id: "x-2020-en".into(),
            source: "x.txt".into(),
            source_url: None,
            language: "en".into(),
            title: None,
            place: Some("X".into()),
            place_official: None,
            level: Some(Level::Local),
            country_iso3: None,
            edition: Some(2),
            year: Some(2020),
            published: None,
            introduction: vec![],
            domains: vec![Domain {
                domain: DomainId::WellBeing,
                name: "Well-being".into(),
                strengths: vec![],
                improvements: vec![Finding::new("=1+1, said \"the\" text", 7)],
            }],
            warnings: vec![],
        };
        let rows = findings_rows(&[&p]);
        assert_eq!(
            rows,
            [vec![
                Cell::Text("x-2020-en".into()),
                Cell::Text("X".into()),
                Cell::Empty,
                Cell::Text("local".into()),
                Cell::Int(2020),
                Cell::Int(2),
                Cell::Text("en".into()),
                Cell::Text("well_being".into()),
                Cell::Text("improvement".into()),
                Cell::Int(1),
                Cell::Text("=1+1, said \"the\" text".into()),
                Cell::Text(String::new()),
            ]]
        );
        let csv = String::from_utf8(findings_csv(&[&p], CsvOptions::default())).unwrap();
        assert_eq!(
            csv.lines().nth(1),
            Some(
                "x-2020-en,X,,local,2020,2,en,well_being,improvement,1,\"'=1+1, said \"\"the\"\" text\","
            )
        );
        let domains = String::from_utf8(domains_csv(&[&p], CsvOptions::default())).unwrap();
        assert_eq!(
            domains.lines().nth(1),
            Some("x-2020-en,X,2020,en,well_being,0,1")
        );
        let names: Vec<&str> = tables(&[&p]).iter().map(|t| t.name).collect();
        assert_eq!(names, ["findings", "domains", "profiles", "changes", "gcm"]);
    }

    #[test]
    fn bom_only_with_excel() {
        let plain = profiles_csv(&[], CsvOptions::default());
        assert!(plain.starts_with(b"profile_id,"));
        let excel = profiles_csv(
            &[],
            CsvOptions {
                excel: true,
                raw: false,
            },
        );
        assert!(excel.starts_with("\u{feff}profile_id,".as_bytes()));
    }
}
