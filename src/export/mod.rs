//! Stage 4a: the model as data files (JSON per profile, CSV tables).

pub mod csv;
pub mod json;
