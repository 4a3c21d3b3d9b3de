//! `OUT/.mgi-build.json`: what the previous build made, to skip unchanged
//! work and to know the collection.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::OutputError;
use crate::fingerprint::Digest;
use crate::fsutil::write_if_changed;
use crate::inputs::{STATE_FILE, canonical};

/// What the previous build left.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct BuildState {
    /// Input path (absolute) → what was built from it.
    pub inputs: BTreeMap<PathBuf, StateEntry>,
    /// Per volume of the compendium, the fingerprint of its data, the
    /// template files, typst and the PDF standard it was made from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub compendium_volumes: BTreeMap<String, Digest>,
    /// Fingerprint of the CSV tables when they were written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<Digest>,
    /// Fingerprint of the workbook when it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workbook: Option<Digest>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StateEntry {
    /// Fingerprint of the input bytes, its manifest row, the form and this
    /// tool's version.
    pub input_hash: Digest,
    pub id: String,
    /// Fingerprint of the PDF made last; `None` when no PDF was made.
    pub pdf_hash: Option<Digest>,
    /// SHA-256 of the input's bytes (printed in its PDF and the compendium).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_sha256: Option<Digest>,
}

impl BuildState {
    /// The state in `out`, or an empty one (none yet, or unreadable).
    pub fn load(out: &Path) -> BuildState {
        let mut state: BuildState = std::fs::read_to_string(out.join(STATE_FILE))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        // Paths recorded relative to where an earlier build ran: made absolute.
        state.inputs = std::mem::take(&mut state.inputs)
            .into_iter()
            .map(|(k, v)| (canonical(&k), v))
            .collect();
        state
    }

    pub fn save(&self, out: &Path) -> Result<(), OutputError> {
        let json = serde_json::to_string_pretty(self).expect("the build state serializes");
        write_if_changed(&out.join(STATE_FILE), json.as_bytes()).map(|_| ())
    }
}
