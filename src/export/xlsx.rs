//! The four CSV tables as one spreadsheet: `mgi.xlsx`, one sheet per table.
//!
//! The sheets hold the same columns and rows as the CSV files (the rows come
//! from [`crate::export::csv::tables`]). Numbers are numbers and text is
//! text: every text cell is written as a string, so a finding that begins
//! with `=` is never run as a formula, and no cell needs the apostrophe the
//! CSV writer adds. The header row is bold and frozen, with an autofilter;
//! long text is wrapped.
//!
//! The bytes depend only on the profiles: the document's creation time is
//! `SOURCE_DATE_EPOCH` when that is set, else 1970-01-01T00:00:00Z.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::export::csv::{self, Cell, Table};
use crate::model::Profile;

/// The spreadsheet's file name in the output folder.
pub const FILE_NAME: &str = "mgi.xlsx";

/// Columns whose text is long and wrapped.
const WRAPPED: [&str; 4] = ["text", "title", "old_text", "new_text"];

/// The width of a column, in characters, by its name.
fn column_width(name: &str) -> f64 {
    let width: usize = match name {
        "text" => 90,
        "old_text" | "new_text" => 60,
        "title" => 60,
        "source" | "place_official" => 40,
        "profile_id" | "from_profile" | "to_profile" => 26,
        "domain" => 22,
        "place" => 18,
        "year" | "edition" | "position" | "strengths" | "improvements" | "objective" => 8,
        "objective_name" => 30,
        _ => 10,
    };
    // Room for the header and its filter button.
    width.max(name.chars().count() + 3) as f64
}

/// The creation time written into the document: `SOURCE_DATE_EPOCH`, else 0.
pub fn creation_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// The spreadsheet of the profiles' tables.
pub fn workbook(profiles: &[&Profile]) -> Result<Vec<u8>, XlsxError> {
    workbook_of(&csv::tables(profiles), creation_epoch())
}

/// The spreadsheet of some tables, created at `epoch` (Unix seconds; out of
/// Excel's range, 1970-01-01 is used).
pub fn workbook_of(tables: &[Table], epoch: i64) -> Result<Vec<u8>, XlsxError> {
    let created =
        ExcelDateTime::from_timestamp(epoch).or_else(|_| ExcelDateTime::from_timestamp(0))?;
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));

    let header = Format::new().set_bold().set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_align(FormatAlign::Top).set_text_wrap();

    for table in tables {
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(table.name)?;
        // Row by row: in constant-memory mode a row is flushed to disk as
        // soon as a later one is written, so rows must come in order.
        let formats: Vec<&Format> = table
            .header
            .iter()
            .map(|name| {
                if WRAPPED.contains(name) {
                    &wrapped
                } else {
                    &plain
                }
            })
            .collect();
        for (c, name) in table.header.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            sheet.set_column_width(c, column_width(name))?;
            sheet.write_string_with_format(0, c, *name, &header)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate().take(formats.len()) {
                let format = formats[c];
                let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) => {
                        sheet.write_string_with_format(r, c, s, format)?;
                    }
                    Cell::Int(n) => {
                        sheet.write_number_with_format(r, c, *n as f64, format)?;
                    }
                }
            }
        }
        let last_row =
            u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        let last_col = u16::try_from(table.header.len().saturating_sub(1))
            .map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, last_col)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::model::{Domain, DomainId, Finding, Level};

    fn profile(texts: &[&str]) -> Profile {
        Profile {
            id: "x-2020-en".into(),
            source: "x.txt".into(),
            source_url: None,
            language: "en".into(),
            title: Some("=HYPERLINK(\"http://example.org\")".into()),
            place: Some("X".into()),
            place_official: None,
            level: Some(Level::National),
            country_iso3: None,
            edition: None,
            year: Some(2020),
            published: None,
            introduction: vec![],
            domains: vec![Domain {
                domain: DomainId::Partnerships,
                name: "Partnerships".into(),
                strengths: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Finding::new(*t, i + 1))
                    .collect(),
                improvements: vec![],
            }],
            warnings: vec![],
        }
    }

    fn sheet_xml(bytes: &[u8], n: usize) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    const TRICKY: [&str; 6] = [
        "=1+1",
        "+33 per cent",
        "-5 points",
        "@SUM(A1:A2)",
        "Tab\tinside and a literal _x0041_",
        "Accents é ñ and a € sign",
    ];

    #[test]
    fn formulas_stay_text_and_numbers_stay_numbers() {
        let p = profile(&TRICKY);
        let bytes = workbook_of(&csv::tables(&[&p]), 0).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(
            book.sheet_names(),
            ["findings", "domains", "profiles", "changes", "gcm"]
        );
        let findings = book.worksheet_range("findings").unwrap();
        for (i, t) in TRICKY.iter().enumerate() {
            let r = i as u32 + 1;
            assert_eq!(
                findings.get_value((r, 10)),
                Some(&Data::String((*t).into()))
            );
            assert_eq!(findings.get_value((r, 4)), Some(&Data::Float(2020.0)));
            assert_eq!(findings.get_value((r, 9)), Some(&Data::Float(r as f64)));
        }
        // The empty edition and country are blank cells.
        assert!(matches!(
            findings.get_value((1, 5)),
            None | Some(Data::Empty)
        ));
        let profiles = book.worksheet_range("profiles").unwrap();
        assert_eq!(
            profiles.get_value((1, 9)),
            Some(&Data::String("=HYPERLINK(\"http://example.org\")".into()))
        );
        for n in 1..=3 {
            let xml = sheet_xml(&bytes, n);
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "{xml}");
        }
    }

    #[test]
    fn header_frozen_filtered_and_bytes_stable() {
        let p = profile(&TRICKY);
        let bytes = workbook_of(&csv::tables(&[&p]), 0).unwrap();
        assert_eq!(bytes, workbook_of(&csv::tables(&[&p]), 0).unwrap());
        let xml = sheet_xml(&bytes, 1);
        assert!(xml.contains(r#"state="frozen""#), "{xml}");
        assert!(xml.contains(r#"<autoFilter ref="A1:L7""#), "{xml}");
        // An empty build still has three sheets with their headers.
        let empty = workbook_of(&csv::tables(&[]), 0).unwrap();
        assert!(sheet_xml(&empty, 3).contains(r#"<autoFilter ref="A1:M1""#));
    }

    #[test]
    fn creation_time_is_the_epoch_given() {
        let at = |epoch| {
            let bytes = workbook_of(&csv::tables(&[]), epoch).unwrap();
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            let mut xml = String::new();
            zip.by_name("docProps/core.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            xml
        };
        assert!(at(0).contains("1970-01-01T00:00:00Z"));
        assert!(at(1_630_454_400).contains("2021-09-01T00:00:00Z"));
        assert!(at(i64::MAX).contains("1970-01-01T00:00:00Z"));
    }

    #[test]
    fn widths_by_kind_of_column() {
        assert!(column_width("text") > column_width("profile_id"));
        assert!(column_width("profile_id") > column_width("position"));
        assert!(column_width("improvements") >= 15.0);
    }
}
