//! mgi: Migration Governance Indicators profiles in, clean data and
//! print-ready reports out.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! read (file → blocks) → recognise (blocks → Profile) → export (JSON, CSV) / render (PDF)
//! ```
//!
//! `lang` holds the language tables the recogniser consults, `places` the
//! country and local-jurisdiction tables, `build` runs the whole batch.

pub mod error;
pub mod model;
pub mod places;
pub mod read;
