//! HTML pages (browser saves, Word "Save as HTML") into blocks.

use super::Document;

/// Read an HTML page. The error is a message for the user.
pub fn read_html(_bytes: &[u8]) -> Result<Document, String> {
    Err("HTML input is not supported yet".to_string())
}
