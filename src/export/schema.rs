//! The JSON Schema of the model, made from the model types and their doc
//! comments. `schema/profile.schema.json` is a copy of it.

use crate::model::Profile;

/// The JSON Schema (draft 2020-12) that every `json/<id>.json` meets, as
/// pretty-printed JSON with a final newline.
pub fn profile_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Profile>();
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    s.push('\n');
    s
}
