//! `OUT/mgi.xlsx`: the CSV tables as sheets, read back with calamine.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;

/// Every web-page copy in the corpus (`*-web.txt`, `*-web-local.txt`).
fn web_corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name.ends_with(".txt") && name.contains("-web")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    files
}

fn copy_to_temp(files: &[PathBuf]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        std::fs::copy(f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

fn build(inputs: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "build",
        "--no-pdf",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = mgi(&args, &root());
    assert!(
        o.status.success(),
        "build failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

const NUMERIC: [&str; 6] = [
    "year",
    "edition",
    "position",
    "strengths",
    "improvements",
    "objective",
];

fn zip_entry(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn every_sheet_holds_the_csv_cells() {
    let inputs = copy_to_temp(&web_corpus());
    let out = tempfile::tempdir().unwrap();
    build(inputs.path(), out.path(), &["--raw-csv"]);

    let xlsx = out.path().join("mgi.xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheets = ["findings", "domains", "profiles", "changes", "gcm"];
    assert_eq!(book.sheet_names(), sheets);
    for (n, sheet) in sheets.iter().enumerate() {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(out.path().join(format!("csv/{sheet}.csv")))
            .unwrap();
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert!(rows.len() > 1, "{sheet}: no rows");
        let header: Vec<String> = rows[0].iter().map(String::from).collect();
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{sheet}");
        let (last_row, last_col) = range.end().unwrap();
        assert_eq!(last_row as usize + 1, rows.len(), "{sheet}: row count");
        assert_eq!(last_col as usize + 1, header.len(), "{sheet}: column count");
        for (r, row) in rows.iter().enumerate() {
            assert_eq!(row.len(), header.len());
            for (c, want) in row.iter().enumerate() {
                let got = range.get_value((r as u32, c as u32));
                let at = format!("{sheet}!R{}C{} ({})", r + 1, c + 1, header[c]);
                match got {
                    None | Some(Data::Empty) => assert_eq!(want, "", "{at}"),
                    Some(Data::Float(f)) => {
                        assert!(r > 0 && NUMERIC.contains(&header[c].as_str()), "{at}");
                        assert_eq!(want.parse::<f64>().ok(), Some(*f), "{at}");
                    }
                    Some(Data::Int(i)) => {
                        assert!(r > 0 && NUMERIC.contains(&header[c].as_str()), "{at}");
                        assert_eq!(want.parse::<i64>().ok(), Some(*i), "{at}");
                    }
                    Some(Data::String(s)) => {
                        assert!(r == 0 || !NUMERIC.contains(&header[c].as_str()), "{at}");
                        assert_eq!(s, want, "{at}");
                    }
                    Some(other) => panic!("{at}: unexpected cell {other:?}"),
                }
            }
        }

        // Header bold, frozen and filtered; no formula anywhere.
        let xml = zip_entry(&xlsx, &format!("xl/worksheets/sheet{}.xml", n + 1));
        let pane = xml.find("<pane ").expect("a pane");
        let pane = &xml[pane..pane + xml[pane..].find("/>").unwrap()];
        assert!(pane.contains(r#"state="frozen""#), "{sheet}: {pane}");
        assert!(pane.contains(r#"ySplit="1""#), "{sheet}: {pane}");
        let cols = (b'A' + header.len() as u8 - 1) as char;
        let filter = format!(r#"<autoFilter ref="A1:{cols}{}""#, rows.len());
        assert!(xml.contains(&filter), "{sheet}: no {filter}");
        assert!(xml.contains("<cols>"), "{sheet}: no column widths");
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "{sheet}");
    }
    let styles = zip_entry(&xlsx, "xl/styles.xml");
    assert!(styles.contains("<b/>") && styles.contains(r#"wrapText="1""#));
}

#[test]
fn same_inputs_same_bytes_and_source_date_epoch_is_the_creation_time() {
    let inputs = copy_to_temp(&web_corpus());
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(inputs.path(), a.path(), &[]);
    build(inputs.path(), b.path(), &[]);
    let bytes = std::fs::read(a.path().join("mgi.xlsx")).unwrap();
    assert_eq!(bytes, std::fs::read(b.path().join("mgi.xlsx")).unwrap());
    assert!(
        zip_entry(&a.path().join("mgi.xlsx"), "docProps/core.xml").contains("1970-01-01T00:00:00Z")
    );

    // A rebuild with nothing changed leaves the file alone.
    let modified = std::fs::metadata(a.path().join("mgi.xlsx"))
        .unwrap()
        .modified()
        .unwrap();
    build(inputs.path(), a.path(), &[]);
    let meta = std::fs::metadata(a.path().join("mgi.xlsx")).unwrap();
    assert_eq!(meta.modified().unwrap(), modified);

    let c = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["build", "--no-pdf", "-q"])
        .arg(inputs.path())
        .arg("-o")
        .arg(c.path())
        .env("SOURCE_DATE_EPOCH", "1630454400")
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        zip_entry(&c.path().join("mgi.xlsx"), "docProps/core.xml").contains("2021-09-01T00:00:00Z")
    );
}

#[test]
fn formula_like_findings_are_text_in_the_sheet() {
    let inputs = copy_to_temp(&web_corpus()[..1]);
    let file = std::fs::read_dir(inputs.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let out = tempfile::tempdir().unwrap();
    build(inputs.path(), out.path(), &[]);

    // Make the first finding begin with `=`: find it in the input by its text.
    let json_dir = out.path().join("json");
    let json = std::fs::read_dir(&json_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let p: mgi::model::Profile =
        serde_json::from_str(&std::fs::read_to_string(json.path()).unwrap()).unwrap();
    let (_, _, _, first) = p.findings().next().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == first.line {
                l.replacen(first.text.as_str(), &format!("=1+1 {}", first.text), 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    build(inputs.path(), out.path(), &[]);

    let mut book: Xlsx<_> = open_workbook(out.path().join("mgi.xlsx")).unwrap();
    let findings = book.worksheet_range("findings").unwrap();
    assert_eq!(
        findings.get_value((1, 10)),
        Some(&Data::String(format!("=1+1 {}", first.text)))
    );
    // The CSV, by default, neutralizes it.
    let csv = std::fs::read_to_string(out.path().join("csv/findings.csv")).unwrap();
    assert!(csv.contains(&format!("'=1+1 {}", first.text)), "{csv}");
}
