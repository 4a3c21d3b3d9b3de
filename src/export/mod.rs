//! Stage 4a: the model as data files (JSON per profile, CSV tables, the
//! spreadsheet) and the JSON Schema of the model.

pub mod csv;
pub mod json;
pub mod schema;
pub(crate) mod xlsx;
