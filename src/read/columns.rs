//! Text extracted from a PDF whose pages were set in columns: `pdftotext
//! -layout` puts the columns side by side, so every line holds the ends of
//! two sentences. Such text cannot be put back in order without the page's
//! geometry; it is read as it stands, with a warning that the PDF itself
//! reads right.

use crate::model::{Warning, WarningKind};

/// Spaces that separate two columns on a line (more than a justified line
/// ever puts between two words).
const GUTTER_SPACES: usize = 4;

/// Lines of one page sharing the same second column before it counts.
const MIN_LINES: usize = 6;

/// Whether `line` holds a run of [`GUTTER_SPACES`] spaces (a searcher made
/// once: it runs on every line).
fn has_gutter(line: &[u8]) -> bool {
    static GUTTER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(&[b' '; GUTTER_SPACES]));
    GUTTER.find(line).is_some()
}

/// The column (in characters) where a second text starts on this line, if
/// one does: text, a run of spaces, text.
fn second_column(line: &str) -> Option<usize> {
    // Most lines have no gutter at all: say so without decoding them.
    if !has_gutter(line.trim().as_bytes()) {
        return None;
    }
    let chars: Vec<char> = line.trim_end().chars().collect();
    let start = chars.iter().position(|c| !c.is_whitespace())?;
    let mut i = start;
    while i < chars.len() {
        if chars[i] == ' ' {
            let run = chars[i..].iter().take_while(|c| **c == ' ').count();
            let after = i + run;
            let left_len = i - start;
            if run >= GUTTER_SPACES
                && after < chars.len()
                && left_len >= 8
                && chars[after].is_alphanumeric()
            {
                // A right-aligned page number or a lone word is not a column.
                let right: String = chars[after..].iter().collect();
                if right.split_whitespace().count() >= 3 {
                    return Some(after);
                }
            }
            i = after;
        } else {
            i += 1;
        }
    }
    None
}

/// A warning when the text holds pages set in two columns side by side
/// (the first line where it happens is named).
pub fn side_by_side(text: &str) -> Option<Warning> {
    // A text with no gutter anywhere, as most are, has no columns.
    if !has_gutter(text.as_bytes()) {
        return None;
    }
    let mut line_no = 0usize;
    let mut total = 0usize;
    let mut first: Option<usize> = None;
    for page in text.split('\u{0c}') {
        // (column, count, first line) of the second columns of this page.
        let mut starts: Vec<(usize, usize, usize)> = Vec::new();
        for line in page.split('\n') {
            line_no += 1;
            if let Some(col) = second_column(line) {
                match starts.iter_mut().find(|s| s.0.abs_diff(col) <= 1) {
                    Some(s) => s.1 += 1,
                    None => starts.push((col, 1, line_no)),
                }
            }
        }
        line_no -= 1;
        if let Some(best) = starts
            .iter()
            .filter(|s| s.1 >= MIN_LINES)
            .max_by_key(|s| s.1)
        {
            total += best.1;
            first.get_or_insert(best.2);
        }
    }
    let first = first?;
    Some(Warning::at(
        first,
        WarningKind::SideBySideColumns { lines: total },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_side_by_side_are_seen() {
        let mut text = String::from("KEY FINDINGS\n\n");
        for i in 0..8 {
            text.push_str(&format!(
                "•   Migrants with regular status have {i}        diaspora in Australia, New Zealand and\n"
            ));
        }
        let w = side_by_side(&text).expect("a warning");
        assert_eq!(w.line, Some(3));
        assert_eq!(w.kind, Some(WarningKind::SideBySideColumns { lines: 8 }));
    }

    #[test]
    fn one_column_with_page_numbers_is_not_columns() {
        let mut text = String::new();
        for _ in 0..20 {
            text.push_str("A justified  line of  running text that  goes on\n");
        }
        text.push_str("MIGRATION GOVERNANCE INDICATORS                                12\n");
        assert!(side_by_side(&text).is_none());
    }
}
