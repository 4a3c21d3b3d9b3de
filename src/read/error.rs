//! Why a file cannot be read, as kinds: each kind carries what it names and
//! has one wording, which tells the user what to do (the caller adds the
//! path, see [`crate::error::InputError`]).

use std::sync::Arc;

use super::MAX_INPUT_BYTES;
use super::office::MAX_NESTING;
use super::pdf::ExtractError;

/// A file that cannot be decoded or unpacked into blocks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    // Text and its encoding.
    #[error("the file is empty: save the profile's text into it, or remove it from the inputs")]
    Empty,
    #[error(
        "the file contains only whitespace: save the profile's text into it, or remove it from the inputs"
    )]
    Blank,
    #[error(
        "this is not a text file (it contains a zero byte at byte offset {offset}): give the profile as plain text (UTF-8), HTML or PDF"
    )]
    ZeroByte { offset: usize },
    #[error("this is not a text file (looks like {what}): {hint}")]
    BinaryFormat {
        what: &'static str,
        hint: &'static str,
    },
    #[error(
        "invalid {encoding} at byte offset {offset} (line {line}): the file does not match its declared charset \"{label}\"; re-save it as UTF-8"
    )]
    NotDeclaredCharset {
        encoding: &'static str,
        offset: usize,
        line: usize,
        label: String,
    },
    #[error(
        "invalid {encoding} at byte offset {offset}: an unpaired surrogate or a truncated last character; re-save the file as UTF-8"
    )]
    InvalidUtf16 {
        encoding: &'static str,
        offset: usize,
    },
    #[error(
        "the file ends inside a UTF-8 character at byte offset {offset} (line {line}): it looks cut short; copy the profile again"
    )]
    CutShortUtf8 { offset: usize, line: usize },
    #[error(
        "invalid UTF-8 at byte offset {offset} (line {line}): the file is mostly UTF-8 but has {count} {}; re-save it as UTF-8",
        if *count == 1 { "stray byte" } else { "stray bytes" }
    )]
    StrayBytes {
        offset: usize,
        line: usize,
        count: usize,
    },

    // Web pages.
    #[error(
        "the page nests its elements more than {max} deep (from line {line}): it is probably damaged; save it again from the browser, or give a text copy or the PDF",
        max = super::html::MAX_NESTING
    )]
    PageTooDeep { line: usize },
    #[error("the HTML parser failed on this page")]
    HtmlParserFailed,
    #[error(
        "the HTML page has no text: save the page again once it has loaded, or give a text copy or the PDF"
    )]
    PageWithoutText,

    // Word-processor packages.
    #[error(
        "this looks like a ZIP archive (a .docx or .odt is one) but it is damaged ({reason}): open it in its word processor and save it again, or save it as PDF or HTML"
    )]
    DamagedZip { reason: String },
    #[error(
        "this ZIP archive is not a word-processor document: it holds neither word/document.xml (Word .docx) nor content.xml (OpenDocument .odt); entries: {entries}. Give the profile as .docx, .odt, PDF, HTML or text"
    )]
    NotADocument { entries: String },
    #[error(
        "the part {part} of the document cannot be unpacked ({reason}): the file is damaged or encrypted; open it in its word processor and save it again without a password"
    )]
    DamagedPart { part: String, reason: String },
    #[error(
        "the part {part} of the document unpacks to more than {} MiB (a ZIP bomb?): MGI profiles are far smaller; save the profile alone as .docx, PDF or HTML",
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    PartTooLarge { part: String },
    #[error(
        "the part {part} of the document is not UTF-8 (invalid byte at offset {offset}): open the document in its word processor and save it again"
    )]
    PartNotUtf8 { part: String, offset: usize },
    #[error(
        "{what} declares a DTD (entities that could expand without bound): word processors never write one; the file was not made by a word processor"
    )]
    XmlWithDtd { what: String },
    #[error(
        "{what} is not well-formed XML ({reason}): the file is damaged; open it in its word processor and save it again"
    )]
    XmlMalformed { what: String, reason: String },
    #[error(
        "the part {part} of the document nests its elements more than {max} deep: it is probably damaged; open it in its word processor and save it again",
        max = MAX_NESTING
    )]
    PartTooDeep { part: String },
    #[error(
        "the {form} document has no text: check that this is the profile, or give its PDF or web page"
    )]
    EmptyDocument { form: &'static str },
    #[error(
        "this OpenDocument file has no content.xml: it is damaged; open it in its word processor and save it again"
    )]
    NoOpenDocumentContent,
    #[error(
        "the flat OpenDocument file is not UTF-8 (invalid byte at offset {offset}): save it again from its word processor"
    )]
    FlatOpenDocumentNotUtf8 { offset: usize },
    #[error(
        "this OpenDocument file holds no text document (a spreadsheet or a presentation?): give the profile as .odt, .docx, PDF, HTML or text"
    )]
    NoOpenDocumentText,
    #[error(
        "this Office file has no main document part ({part}): it is not a Word document (a spreadsheet or a presentation?) or it is damaged; give the profile as .docx, .odt, PDF, HTML or text"
    )]
    NoWordMainPart { part: String },
    #[error("{part} has no body: the document is damaged")]
    NoWordBody { part: String },
}

/// Why a PDF gave no text to read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    #[error("cannot write a temporary copy of the PDF for pdftotext: {0}")]
    TemporaryCopy(Arc<std::io::Error>),
    #[error(transparent)]
    Extract(Arc<ExtractError>),
    #[error("the PDF has no text layer (a scan?): run OCR first or give a text copy")]
    NoTextLayer,
}

/// Why a legacy word-processor file (`.doc`, `.rtf`, `.wpd`) gave no text.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LegacyError {
    #[error(
        "the Office document is protected by a password (it is encrypted): open it, remove \
         the password and save it as .docx, or give the profile as PDF or HTML"
    )]
    Encrypted,
    #[error(
        "this is a legacy word-processor file (.doc, .rtf or .wpd), read only through \
         LibreOffice, which is not installed (no `soffice` on PATH): install LibreOffice, \
         or open the file and save it as .docx"
    )]
    NoLibreOffice,
    #[error(transparent)]
    Convert(Arc<ConvertError>),
    #[error("after conversion by LibreOffice: {0}")]
    AfterConversion(ReadError),
}

/// Why LibreOffice gave no `.docx`.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("cannot convert with LibreOffice: {what}: {source}")]
    Io {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("LibreOffice did not convert the file within {secs} s: open it and save it as .docx")]
    TimedOut { secs: u64 },
    #[error("cannot convert with LibreOffice: soffice: {0}")]
    Run(#[source] crate::tool::ToolError),
    #[error(
        "LibreOffice could not convert the file (damaged, or not a document): open it and \
         save it as .docx, or give the profile as PDF or HTML"
    )]
    Refused,
    /// The converted file could not be read back.
    #[error("{0}")]
    Converted(Box<crate::error::InputErrorKind>),
}
