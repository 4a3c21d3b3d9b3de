//! Bytes to text: BOMs, UTF-16, windows-1252 and friends.

use crate::model::Warning;

/// Decoded text plus what had to be assumed to decode it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<Warning>,
}

/// Decode a text file. Errors are messages for the user (the caller adds the path).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.trim_start_matches('\u{feff}').to_string(),
            warnings: Vec::new(),
        }),
        Err(e) => Err(format!("invalid UTF-8 at byte offset {}", e.valid_up_to())),
    }
}
