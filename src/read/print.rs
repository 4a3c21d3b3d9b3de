//! Text extracted from printed PDF profiles into blocks.

use super::Document;

/// Read text as `pdftotext` extracts it from a printed profile.
pub fn read_print(text: &str) -> Document {
    super::text::read_text(text)
}
