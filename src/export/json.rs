//! The model of one profile as pretty-printed JSON.

use crate::model::Profile;

/// The JSON text of a profile (with a final newline).
pub fn to_json(profile: &Profile) -> String {
    let mut s = serde_json::to_string_pretty(profile).expect("a profile always serializes");
    s.push('\n');
    s
}
