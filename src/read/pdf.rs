//! PDF files: extract the text layer, then read it as printed text.

use std::path::Path;

use super::Document;
use crate::error::InputError;

pub fn read_pdf(path: &Path, _bytes: &[u8]) -> Result<Document, InputError> {
    Err(InputError::new(
        path,
        None,
        "PDF input is not supported yet",
    ))
}
