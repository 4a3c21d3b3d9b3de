//! Stage 1: read a file, whatever its form, into one stream of [`Block`]s.
//!
//! Every form (web text, HTML, text extracted from a printed PDF, the PDF
//! itself, Word and OpenDocument files) ends up as the same `Document`, so a single recogniser
//! (`crate::recognise`) turns any of them into a profile.

pub(crate) mod attachment;
pub mod columns;
pub mod decode;
pub(crate) mod docx;
pub mod error;
pub mod html;
pub(crate) mod hyphen;
pub mod layout;
pub(crate) mod legacy;
pub(crate) mod odt;
pub(crate) mod office;
pub mod pdf;
pub(crate) mod poppler_xml;
pub mod print;
pub mod text;

use std::borrow::Cow;
use std::path::Path;

use crate::error::{InputError, InputErrorKind};
use crate::model::Warning;

/// What a block is, as far as the reader can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Marked as a heading by the source (HTML `h1`–`h6`, a bold paragraph,
    /// a printed section title). Plain text cannot mark headings: the
    /// recogniser also considers short paragraphs as heading candidates.
    Heading,
    /// Ordinary running text (one line of web text, one paragraph of HTML or print).
    Paragraph,
    /// A bulleted or numbered item; `depth` 0 is the outermost list.
    ListItem { depth: usize },
    /// Text that is part of the page but never of the profile: a footnote body,
    /// a running header. Kept so that nothing disappears without trace.
    Note,
}

/// One unit of text with the 1-based lines where it starts and ends in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Whitespace collapsed to single spaces, trimmed, bullet mark removed.
    pub text: String,
    pub line: usize,
    /// The last input line the block was read from (`line` for one line).
    pub last_line: usize,
    /// A paragraph printed right under the line before, with nothing to
    /// tell it from a continuation of that line (hard-wrapped text whose
    /// continuation is not indented): the recogniser, which knows the
    /// headings, decides whether it goes on the finding above.
    pub may_continue: bool,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, line: usize) -> Self {
        Block {
            kind,
            text: text.into(),
            line,
            last_line: line,
            may_continue: false,
        }
    }

    /// A block read from the lines `line..=last_line`.
    pub(crate) fn spanning(
        kind: BlockKind,
        text: impl Into<String>,
        line: usize,
        last_line: usize,
    ) -> Self {
        Block {
            last_line: last_line.max(line),
            ..Block::new(kind, text, line)
        }
    }

    pub fn is_list_item(&self) -> bool {
        matches!(self.kind, BlockKind::ListItem { .. })
    }
}

/// Append `next`, a line printed under `out`, to it as the words of one
/// text: a space between them, except where the break fell right inside
/// brackets (`(` + `KCC)` is `(KCC)`, not `( KCC)`) or right after the hyphen
/// of a compound (`in-` + `migration` is `in-migration`: web pages and the
/// tools that dump them never hyphenate words, so a hyphen there is the
/// word's own).
pub(crate) fn join_continuation(out: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let mut tail = out.chars().rev();
    let (last, before) = (tail.next(), tail.next());
    let glued = matches!(last, Some('(' | '[' | '“' | '‘'))
        || next.starts_with([')', ']', '”'])
        || (last == Some('-')
            && before.is_some_and(char::is_alphabetic)
            && next.chars().next().is_some_and(char::is_lowercase))
        // `n° 2021-` / `022`: a number broken at its hyphen.
        || (last == Some('-')
            && before.is_some_and(|c| c.is_ascii_digit())
            && next.chars().next().is_some_and(|c| c.is_ascii_digit()));
    if !out.is_empty() && !glued {
        out.push(' ');
    }
    out.push_str(next);
}

/// The forms a profile comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Decide by extension and content.
    Auto,
    /// Text copied from a web page.
    Text,
    /// An HTML page (saved from a browser, or a Word HTML export).
    Html,
    /// Text extracted from a printed PDF profile (e.g. by `pdftotext`).
    Print,
    /// A printed PDF profile itself.
    Pdf,
    /// A Word document (Office Open XML, `.docx`).
    Docx,
    /// An OpenDocument text (`.odt`).
    Odt,
    /// A legacy word-processor file (`.doc`, `.rtf`, `.wpd`), converted to
    /// `.docx` by LibreOffice.
    Legacy,
}

impl Form {
    /// What a file read in this form is taken for, in messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Form::Auto => "whatever it looks like",
            Form::Text => "web text",
            Form::Html => "an HTML page",
            Form::Print => "text extracted from a printed PDF",
            Form::Pdf => "a PDF",
            Form::Docx => "a Word document",
            Form::Odt => "an OpenDocument text",
            Form::Legacy => "a legacy word-processor document",
        }
    }

    /// Every form, in the order the command line lists them.
    pub const ALL: [Form; 8] = [
        Form::Auto,
        Form::Text,
        Form::Html,
        Form::Print,
        Form::Pdf,
        Form::Docx,
        Form::Odt,
        Form::Legacy,
    ];

    /// The form of a name ([`Form::as_str`]).
    pub fn named(name: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// What the form is, in one line of the command line's help.
    pub fn help(self) -> &'static str {
        match self {
            Form::Auto => "Decide by extension and content",
            Form::Text => "Text copied from a web page",
            Form::Html => "An HTML page (saved from a browser, or a Word HTML export)",
            Form::Print => "Text extracted from a printed PDF profile (e.g. by `pdftotext`)",
            Form::Pdf => "A printed PDF profile itself",
            Form::Docx => "A Word document (`.docx`)",
            Form::Odt => "An OpenDocument text (`.odt`, `.fodt`)",
            Form::Legacy => "A `.doc`, `.rtf` or `.wpd` file, converted by LibreOffice",
        }
    }

    /// The name of the form (`--format`).
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Auto => "auto",
            Form::Text => "text",
            Form::Html => "html",
            Form::Print => "print",
            Form::Pdf => "pdf",
            Form::Docx => "docx",
            Form::Odt => "odt",
            Form::Legacy => "legacy",
        }
    }
}

/// A file read into blocks.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The language the source declares (`<html lang>`), if any.
    pub declared_language: Option<String>,
    /// Lines removed as page furniture (running headers and footers, page
    /// numbers, contents lines): in no block, yet not lost.
    pub furniture: Vec<usize>,
    /// The running page header of a printed profile, when one was removed;
    /// for a Word or OpenDocument file without a title line, the title of
    /// its properties. Either is a title candidate the blocks do not hold.
    pub running_header: Option<String>,
    /// What the reader had to assume or repair (encoding, odd bytes …).
    pub warnings: Vec<Warning>,
    /// The form the file was read as, and why (`a printed report (a running
    /// header on 10 of 12 pages …)`).
    pub read_as: Option<String>,
}

/// Inputs larger than this (64 MiB) are refused: MGI profiles are tens of
/// kilobytes (a printed PDF a few megabytes), and a bounded size keeps
/// memory bounded.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Read one file into a document, choosing the reader by `form`.
pub fn read_file(path: &Path, form: Form) -> Result<(Document, Form), InputError> {
    let bytes = read_limited(path)?;
    read_bytes(path, &bytes, form)
}

/// The bytes of an input file, refusing what is over [`MAX_INPUT_BYTES`]:
/// the size is checked before anything is read, and reading stops past the
/// limit, so that neither a huge file nor an endless one (a pipe,
/// `/dev/zero`) can exhaust memory.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, InputError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| InputError::io(path, e))?;
    if meta.is_dir() {
        return Err(InputError::new(path, None, InputErrorKind::Folder));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(path, Some(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| InputError::io(path, e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(path, None));
    }
    Ok(bytes)
}

/// The error for an input over the limit (`len` when it is known).
fn too_large(path: &Path, len: Option<u64>) -> InputError {
    InputError::new(path, None, InputErrorKind::TooLarge { len })
}

/// Read bytes already in memory (`path` names them in messages).
pub fn read_bytes(path: &Path, bytes: &[u8], form: Form) -> Result<(Document, Form), InputError> {
    let (form, why) = match form {
        Form::Auto => detect_form_why(path, bytes),
        f => (f, "as --format asks"),
    };
    let mut doc = match form {
        Form::Pdf => pdf::read_pdf(path, bytes)?,
        Form::Docx => docx::read_docx(bytes).map_err(|e| InputError::new(path, None, e))?,
        Form::Odt => odt::read_odt(bytes).map_err(|e| InputError::new(path, None, e))?,
        Form::Legacy => legacy::read_legacy(path, bytes)?,
        Form::Html => html::read_html(bytes).map_err(|e| InputError::new(path, None, e))?,
        Form::Text | Form::Print | Form::Auto => {
            let decoded = decode::decode(bytes).map_err(|e| InputError::new(path, None, e))?;
            let mut doc = if form == Form::Print {
                print::read_print(&decoded.text)
            } else {
                text::read_text(&decoded.text)
            };
            doc.warnings.splice(0..0, decoded.warnings);
            doc.warnings.extend(columns::side_by_side(&decoded.text));
            doc
        }
    };
    if doc.read_as.is_none() {
        doc.read_as = Some(format!("{} ({why})", form.describe()));
    }
    Ok((doc, form))
}

/// Text extracted from a PDF has form feeds between pages. The bytes are
/// counted as they are: a form feed is one byte in every ASCII-based
/// encoding, and no byte sequence of UTF-8 swallows it.
fn looks_printed(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0x0c, bytes).nth(1).is_some()
}

/// Decide the form of a file by its extension, then by its first bytes.
pub fn detect_form(path: &Path, bytes: &[u8]) -> Form {
    detect_form_why(path, bytes).0
}

/// [`detect_form`], and what decided it.
pub(crate) fn detect_form_why(path: &Path, bytes: &[u8]) -> (Form, &'static str) {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => return (Form::Pdf, "by its extension"),
        Some("html" | "htm" | "xhtml") => return (Form::Html, "by its extension"),
        _ => {}
    }
    if bytes.starts_with(b"%PDF-") {
        return (Form::Pdf, "it starts as a PDF does");
    }
    if let Some(form) = office_form(ext.as_deref(), bytes) {
        return (
            form,
            "a word processor's document, by its content or extension",
        );
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<html")
        || (head.starts_with('<') && head.contains("<body"))
    {
        return (Form::Html, "it starts as an HTML page does");
    }
    if looks_printed(bytes) {
        return (Form::Print, "form feeds between its pages");
    }
    (Form::Text, "no form feeds between pages, no markup")
}

/// The word-processor form of a file: by content (a ZIP package's entries,
/// the signatures of OLE, RTF and WordPerfect files), then, when the
/// content is no HTML page, by extension.
fn office_form(ext: Option<&str>, bytes: &[u8]) -> Option<Form> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // A ZIP archive that is no document is refused by the Word reader,
        // which names what the archive holds.
        return Some(match office::package_kind(bytes) {
            office::PackageKind::Odt => Form::Odt,
            office::PackageKind::Docx | office::PackageKind::Other => Form::Docx,
        });
    }
    if legacy::is_legacy(bytes) {
        return Some(Form::Legacy);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if head.contains("<office:document ") || head.contains("<office:document>") {
        return Some(Form::Odt);
    }
    if head.trim_start().starts_with('<') {
        return None;
    }
    match ext {
        Some("docx" | "docm" | "dotx" | "dotm") => Some(Form::Docx),
        Some("odt" | "ott" | "fodt") => Some(Form::Odt),
        Some("doc" | "dot" | "rtf" | "wpd") => Some(Form::Legacy),
        _ => None,
    }
}

/// Characters that take no room and mean nothing in a profile: zero-width
/// space, non-joiner and joiner, word joiner, a byte-order mark inside the
/// text. Web copies are full of them.
pub(crate) fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Characters that are NFC whatever stands around them and are no
/// zero-width characters: those below U+0300 (Latin letters with their
/// accents, composed) and general punctuation (curly quotes, dashes).
fn is_plain_char(c: char) -> bool {
    c < '\u{300}' || (('\u{2010}'..='\u{205f}').contains(&c) && !is_zero_width(c))
}

/// Whether `text` is made of [`is_plain_char`]s only: a cheap test that
/// spares most texts the NFC check. It reads the UTF-8 lead bytes: ASCII,
/// and two-byte characters below U+0300 (lead byte below 0xCC), need no
/// decoding; only characters from U+2000 to U+207F (0xE2 0x80 or 0x81) are
/// decoded and tested.
fn is_plain_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0..0x80 => i += crate::text::ascii_run(&bytes[i..]),
            0xc2..0xcc => i += 2,
            0xe2 if matches!(bytes.get(i + 1), Some(0x80 | 0x81)) => {
                match text[i..].chars().next() {
                    Some(c) if is_plain_char(c) => i += 3,
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    true
}

/// Text as the plain-text and printed-text readers work on it: zero-width
/// characters removed (so that they hide neither a bullet mark at the start
/// of a line nor a heading) and Unicode NFC, so that a text whose accents
/// are decomposed (`e` + U+0301, as macOS and some PDF tools write them)
/// gives the same findings, byte for byte, as the same text composed. HTML
/// blocks are made NFC by the HTML reader. Linear in the length of `text`;
/// borrows when there is nothing to change.
pub fn prepare_text(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_plain_nfc(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let has_zero_width = text.chars().any(is_zero_width);
    let is_nfc = is_nfc_quick(text.chars()) == IsNormalized::Yes;
    match (has_zero_width, is_nfc) {
        (false, true) => std::borrow::Cow::Borrowed(text),
        (false, false) => text.nfc().collect::<String>().into(),
        (true, _) => text
            .chars()
            .filter(|&c| !is_zero_width(c))
            .nfc()
            .collect::<String>()
            .into(),
    }
}

/// Collapse every run of whitespace (including NBSP and other Unicode
/// spaces) to one ASCII space, drop zero-width characters and soft hyphens,
/// and trim. The result is NFC (dropping a character can bring a letter and
/// an accent together). Linear in the length of `s`; borrows `s` when
/// there is nothing to change.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    if crate::text::is_collapsed_ascii(bytes) {
        return Cow::Borrowed(s);
    }
    let printable = |b: u8| (0x21..0x80).contains(&b);
    let dropped = |c: char| is_zero_width(c) || c == '\u{ad}';
    let kept = |c: char| !dropped(c) && !c.is_whitespace();
    // A single space between two kept characters is kept as it is.
    let kept_after_space = |i: usize| match bytes.get(i + 1) {
        Some(&b) if b < 0x80 => kept(char::from(b)),
        Some(_) => s[i + 1..].chars().next().is_some_and(kept),
        None => false,
    };
    // Most texts are already collapsed: one run of kept characters from the
    // first byte to the last, borrowed rather than copied.
    let mut out = String::new();
    let mut pending_space = false;
    // Start of the run of kept characters being scanned (copied in one go).
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII and single spaces, the bulk of any text: kept as
        // they are, with no decoding, a run at a time. A space the run ends
        // with is left to the rules for spaces below.
        if printable(bytes[i]) {
            if run.is_none() {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                run = Some(i);
            }
            i += crate::text::spaced_printable_run(&bytes[i..]);
            if bytes[i - 1] == b' ' {
                i -= 1;
            }
            continue;
        }
        if bytes[i] == b' ' && run.is_some() && kept_after_space(i) {
            i += 1;
            continue;
        }
        // Other characters are decoded one by one.
        let (c, len) = if bytes[i] < 0x80 {
            (char::from(bytes[i]), 1)
        } else {
            let c = s[i..].chars().next().expect("a character starts here");
            (c, c.len_utf8())
        };
        if !kept(c) {
            if let Some(start) = run.take() {
                if out.capacity() == 0 {
                    out.reserve(s.len());
                }
                out.push_str(&s[start..i]);
            }
            if !dropped(c) {
                // A space.
                pending_space = !out.is_empty();
            }
        } else if run.is_none() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            run = Some(i);
        }
        i += len;
    }
    nfc(match run {
        // Nothing was changed: the text itself.
        Some(0) => Cow::Borrowed(s),
        Some(start) => {
            out.push_str(&s[start..]);
            Cow::Owned(out)
        }
        None => Cow::Owned(out),
    })
}

/// `text` in NFC, as it is when it already is.
fn nfc(text: Cow<'_, str>) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_plain_nfc(&text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// [`collapse_whitespace`] of a text owned already, given back itself when
/// there is nothing to change.
pub(crate) fn collapse_whitespace_owned(s: String) -> String {
    match collapse_whitespace(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(collapsed) => collapsed,
    }
}

/// Typographic ligatures (U+FB00–U+FB06) as their letters. Only these: a
/// full NFKC would also turn "…" into "..." and change the findings' words.
/// (Zero-width characters, which could hide a page number or a table of
/// contents line, are already gone: see [`prepare_text`].)
pub(crate) fn expand_ligatures(text: &str) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    // Every ligature's UTF-8 starts with 0xEF, a byte that only ever starts
    // a character: the text is searched for it, not decoded.
    let mut out = String::new();
    let mut copied = 0;
    for at in memchr::memchr_iter(0xef, text.as_bytes()) {
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        if ('\u{fb00}'..='\u{fb06}').contains(&c) {
            out.push_str(&text[copied..at]);
            out.extend(std::iter::once(c).nfkc());
            copied = at + c.len_utf8();
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_found_by_its_own_name_only() {
        for form in Form::ALL {
            assert_eq!(Form::named(form.as_str()), Some(form));
            assert!(!form.help().is_empty());
        }
        assert_eq!(Form::named("Auto"), None);
        assert_eq!(Form::named(""), None);
    }

    #[test]
    fn plain_characters_are_nfc_and_never_zero_width() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let plain: String = ('\u{0}'..'\u{3000}')
            .filter(|&c| is_plain_char(c))
            .collect();
        assert!(plain.contains(['é', '’', '–', '…']));
        assert_eq!(is_nfc_quick(plain.chars()), IsNormalized::Yes);
        assert!(!plain.chars().any(is_zero_width));
    }

    #[test]
    fn the_plain_text_test_reads_every_character_as_decoding_would() {
        for c in ('\u{0}'..'\u{3000}').chain(['\u{feff}', '\u{1f600}', '\u{10ffff}']) {
            for text in [format!("{c}"), format!("a{c}"), format!("{c}b é")] {
                assert_eq!(
                    is_plain_nfc(&text),
                    text.chars().all(is_plain_char),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    fn joined(a: &str, b: &str) -> String {
        let mut out = a.to_string();
        join_continuation(&mut out, b);
        out
    }

    #[test]
    fn continuation_lines_join_as_words() {
        assert_eq!(joined("the law", "of 2019"), "the law of 2019");
        assert_eq!(joined("Centre (", "KCC)"), "Centre (KCC)");
        assert_eq!(joined("in-", "migration"), "in-migration");
        assert_eq!(
            joined("la loi n° 2021-", "022 du 18 octobre"),
            "la loi n° 2021-022 du 18 octobre"
        );
        assert_eq!(joined("2017 -", "2027"), "2017 - 2027");
    }

    #[test]
    fn ligatures_become_their_letters_and_other_text_is_borrowed() {
        assert_eq!(
            expand_ligatures("e\u{fb00}ort re\u{fb02}ect"),
            "effort reflect"
        );
        assert_eq!(expand_ligatures("o\u{fb01}\u{fb06}"), "ofist");
        // Other characters starting with the same byte stay as they are.
        assert_eq!(
            expand_ligatures("a\u{f8ff}\u{ff01}b\u{fb01}"),
            "a\u{f8ff}\u{ff01}bfi"
        );
        assert!(matches!(expand_ligatures("réfugiés ﬀ"), Cow::Owned(_)));
        assert!(matches!(expand_ligatures("réfugiés"), Cow::Borrowed(_)));
    }

    #[test]
    fn collapses_unicode_spaces_and_zero_width() {
        assert_eq!(
            collapse_whitespace("  8.6\u{a0}per\u{202f}cent\u{200b}\t of\r\nGDP "),
            "8.6 per cent of GDP"
        );
        assert_eq!(collapse_whitespace("a\u{200b} b"), "a b");
        assert_eq!(collapse_whitespace("a \u{200b}b"), "a b");
        assert_eq!(collapse_whitespace("\u{ad} x\u{ad}y \u{feff}"), "xy");
        assert_eq!(collapse_whitespace("é  ü\n"), "é ü");
    }

    #[test]
    fn collapsing_is_dropping_then_joining_the_words_and_borrows_what_it_keeps() {
        use unicode_normalization::UnicodeNormalization;
        let pieces = [
            "a", "Zé", " ", "  ", "\t", "\u{a0}", "\u{200b}", "\u{ad}", "e\u{301}", "’", "\n",
            "\u{1}",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            let words: String = text
                .chars()
                .filter(|&c| !is_zero_width(c) && c != '\u{ad}')
                .collect();
            let expected: String = words
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .nfc()
                .collect();
            let collapsed = collapse_whitespace(text);
            assert_eq!(collapsed, expected, "{text:?}");
            // Borrowed exactly when nothing changed (an empty text costs
            // nothing either way).
            if !text.is_empty() {
                let borrowed = matches!(collapsed, Cow::Borrowed(_));
                assert_eq!(borrowed, expected == *text, "{text:?}");
            }
        }
    }

    #[test]
    fn collapsed_text_is_nfc() {
        // A soft hyphen between a letter and an accent keeps them apart; once
        // it is dropped they compose.
        assert_eq!(collapse_whitespace("s\u{ad}\u{301}"), "\u{15b}");
        assert_eq!(collapse_whitespace("Se\u{301}ne\u{301}gal"), "Sénégal");
    }

    #[test]
    fn prepared_text_is_nfc_without_zero_width() {
        let nfd = "Re\u{301}publique du Mali\n\u{200b}• Acce\u{300}s";
        assert_eq!(prepare_text(nfd), "République du Mali\n• Accès");
        assert!(matches!(
            prepare_text("République"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn detects_forms() {
        assert_eq!(detect_form(Path::new("a.txt"), b"hello"), Form::Text);
        assert_eq!(detect_form(Path::new("a.bin"), b"%PDF-1.7"), Form::Pdf);
        assert_eq!(
            detect_form(Path::new("a.txt"), b"\n<!DOCTYPE html><html>"),
            Form::Html
        );
        assert_eq!(detect_form(Path::new("a.txt"), b"a\x0cb\x0cc"), Form::Print);
    }
}
