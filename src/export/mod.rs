//! Stage 4a: the model as data files (JSON per profile, CSV tables, the
//! spreadsheet).

pub mod csv;
pub mod json;
pub mod xlsx;
