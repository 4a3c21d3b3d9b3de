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

pub const FINDINGS_HEADER: [&str; 11] = [
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
];
pub const DOMAINS_HEADER: [&str; 7] = [
    "profile_id",
    "place",
    "year",
    "language",
    "domain",
    "strengths",
    "improvements",
];
pub const PROFILES_HEADER: [&str; 13] = [
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

pub const CHANGES_HEADER: [&str; 10] = [
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
];

/// A cell made safe for spreadsheet programs.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn table<const N: usize>(header: [&str; N], rows: Vec<Vec<String>>, opts: CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if opts.excel {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(header).expect("writing to memory");
    for row in rows {
        if opts.raw {
            w.write_record(&row)
        } else {
            w.write_record(row.iter().map(|c| neutralize(c).into_owned()))
        }
        .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// One row per finding.
pub fn findings_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    let mut rows = Vec::new();
    for p in profiles {
        for (d, kind, position, f) in p.findings() {
            rows.push(vec![
                p.id.clone(),
                opt(&p.place),
                opt(&p.country_iso3),
                p.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
                opt(&p.year),
                opt(&p.edition),
                p.language.clone(),
                d.domain.as_str().to_string(),
                kind.as_str().to_string(),
                position.to_string(),
                f.text.clone(),
            ]);
        }
    }
    table(FINDINGS_HEADER, rows, opts)
}

/// One row per profile and domain, with counts.
pub fn domains_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    let mut rows = Vec::new();
    for p in profiles {
        for d in &p.domains {
            rows.push(vec![
                p.id.clone(),
                opt(&p.place),
                opt(&p.year),
                p.language.clone(),
                d.domain.as_str().to_string(),
                d.strengths.len().to_string(),
                d.improvements.len().to_string(),
            ]);
        }
    }
    table(DOMAINS_HEADER, rows, opts)
}

/// One row per profile, with metadata and totals.
pub fn profiles_csv(profiles: &[&Profile], opts: CsvOptions) -> Vec<u8> {
    let rows = profiles
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                opt(&p.place),
                opt(&p.place_official),
                opt(&p.country_iso3),
                p.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
                opt(&p.edition),
                opt(&p.year),
                opt(&p.published),
                p.language.clone(),
                opt(&p.title),
                p.count(FindingKind::Strength).to_string(),
                p.count(FindingKind::Improvement).to_string(),
                p.source.clone(),
            ]
        })
        .collect();
    table(PROFILES_HEADER, rows, opts)
}

/// One row per finding of each edition diff. `similarity` is `1` for
/// unchanged findings, two decimals for reworded ones, empty for removed
/// and added ones.
pub fn changes_csv(diffs: &[ProfileDiff], opts: CsvOptions) -> Vec<u8> {
    let mut rows = Vec::new();
    for d in diffs {
        for list in &d.domains {
            for c in &list.changes {
                let similarity = match (c.change, c.similarity) {
                    (ChangeKind::Unchanged, _) => "1".to_string(),
                    (ChangeKind::Reworded, Some(s)) => format!("{s:.2}"),
                    _ => String::new(),
                };
                rows.push(vec![
                    opt(&d.place),
                    d.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
                    list.domain.as_str().to_string(),
                    list.kind.as_str().to_string(),
                    d.from_profile.clone(),
                    d.to_profile.clone(),
                    c.change.as_str().to_string(),
                    similarity,
                    opt(&c.old_text),
                    opt(&c.new_text),
                ]);
            }
        }
    }
    table(CHANGES_HEADER, rows, opts)
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
            b"place,level,domain,kind,from_profile,to_profile,change,similarity,old_text,new_text\r\n"
        );
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
