//! mgi: Migration Governance Indicators profiles in, clean data and
//! print-ready reports out.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! read      file → blocks            (web text, HTML, printed text, PDF)
//! recognise blocks → findings        (one recogniser for every form, driven by `lang` tables)
//! profile   findings + manifest → Profile (metadata resolved with `places`)
//! export    Profile → JSON, CSV, XLSX (and the JSON Schema of the model)
//! render    Profile JSON → PDF       (typst and the templates: profiles, compendium, change report)
//! diff      two editions → changes   (unchanged, reworded, removed, added)
//! ```
//!
//! `inputs` finds the files, `setup` checks what a build needs before it
//! starts, `build` runs the whole batch (its outputs behind one trait, each
//! with a `fingerprint`; `compendium` plans and makes its books); `tool` runs
//! other programs (typst, poppler) with a deadline; `model` is the data every
//! stage shares. `ARCHITECTURE.md` is the map.

pub mod build;
pub mod compendium;
pub mod diff;
pub mod error;
pub mod export;
pub(crate) mod fingerprint;
pub mod fsutil;
pub mod gcm;
pub mod inputs;
pub mod lang;
pub mod manifest;
pub mod model;
pub(crate) mod places;
pub mod profile;
pub mod read;
pub mod recognise;
pub mod render;
pub mod setup;
pub mod text;
pub mod tool;
pub mod warning;
