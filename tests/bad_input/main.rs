//! Bad input, from many hands: every file that is not a clean profile gets a
//! clear message (file, line where there is one, what is wrong, what to do)
//! and never a panic; what can be read is read to the same findings as the
//! clean original; nothing is lost; outputs are complete files inside the
//! output folder, whatever the input names and however the build ends.

#[path = "../common/mod.rs"]
mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use encoding_rs::WINDOWS_1252;
use mgi::error::{InputError, InputErrorKind};
use mgi::model::Profile;
use mgi::read::{self, Form, MAX_INPUT_BYTES};
use mgi::recognise;
use unicode_normalization::UnicodeNormalization;

const MALI: &str = "corpus/mali-2021-fr-web.txt";
const GUATEMALA: &str = "corpus/guatemala-2020-es-web.txt";

fn fixture_text(rel: &str) -> String {
    std::fs::read_to_string(fixture(rel)).unwrap()
}

/// Parse `bytes` saved as `name` in a fresh folder.
fn parse_as(name: &str, bytes: &[u8]) -> Result<Profile, InputError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    mgi::profile::parse_file(&path, Form::Auto, None)
}

fn parse_ok(name: &str, bytes: &[u8]) -> Profile {
    parse_as(name, bytes).unwrap_or_else(|e| panic!("{name} does not parse: {e}"))
}

fn parse_err(name: &str, bytes: &[u8]) -> InputError {
    match parse_as(name, bytes) {
        Ok(p) => panic!("{name} parsed: {} findings", p.findings().count()),
        Err(e) => e,
    }
}

/// Every finding with its domain, list and line.
fn findings(p: &Profile) -> Vec<(&'static str, &'static str, String, usize)> {
    p.findings()
        .map(|(d, k, _, f)| (d.domain.as_str(), k.as_str(), f.text.clone(), f.line))
        .collect()
}

fn texts(p: &Profile) -> Vec<String> {
    p.findings().map(|(_, _, _, f)| f.text.clone()).collect()
}

fn warnings(p: &Profile) -> Vec<String> {
    p.warnings
        .iter()
        .map(|w| match w.line {
            Some(l) => format!("{l}: {}", w.message),
            None => w.message.clone(),
        })
        .collect()
}

/// `variant` is `original` in every field (the source path aside), once the
/// warnings that start with `decoding` (the encoding assumed) are set aside.
fn assert_same_profile(original: &Profile, variant: &Profile, decoding: &[&str]) {
    let mut v = variant.clone();
    for expected in decoding {
        let i = v
            .warnings
            .iter()
            .position(|w| w.message.starts_with(expected))
            .unwrap_or_else(|| panic!("no warning `{expected}…` in {:#?}", v.warnings));
        v.warnings.remove(i);
    }
    v.source = original.source.clone();
    assert_eq!(findings(&v), findings(original));
    assert_eq!(&v, original);
}

fn no_replacement_character(p: &Profile) {
    let json = mgi::export::json::to_json(p);
    assert!(!json.contains('\u{fffd}'), "U+FFFD in the model");
}

/// A PDF page with a drawing and no text, as a scan without OCR.
fn scan_pdf() -> Vec<u8> {
    pdf("0.2 0.4 0.8 rg 72 400 450 300 re f 0 0 0 RG 4 w 72 380 m 522 380 l S")
}

/// The first bytes of a PNG image: signature and header chunk.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";

/// The first bytes of a ZIP archive (a .docx): a local file header.
const ZIP: &[u8] = b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0\xdf\xa4\xd2lZ\x01\0\0 \x05\0\0\x13\0\x08\x02[Content_Types].xml";

/// Files of a folder whose names do not start with a dot.
fn visible_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    v.sort();
    v
}

fn lines_of(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

/// Rows of a CSV file (header dropped).
fn csv_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    rdr.records().map(Result::unwrap).collect()
}

/// Mali with line `n` (1-based) replaced by `with` (which may hold several
/// lines, or none).
fn mali_with_line(n: usize, with: &str) -> String {
    let text = fixture_text(MALI);
    let mut lines = lines_of(&text);
    lines[n - 1] = with;
    lines.join("\n")
}

fn recognised(text: &str) -> recognise::Recognised {
    let (doc, _) = read::read_bytes(Path::new("x.txt"), text.as_bytes(), Form::Text).unwrap();
    recognise::recognise(&doc).unwrap()
}

mod atomic_output;
mod cut_short;
mod encodings;
mod invisible_characters;
mod not_profiles;
mod nothing_lost;
mod nothing_to_read;
mod out_of_shape;
mod safety;
mod size;
