//! The batch: every input file → JSON, PDF and CSV under one output folder.
//!
//! One bad input never stops the batch: it is reported and the others are
//! built. Every file is written atomically.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{InputError, OutputError};
use crate::export::csv::{self, CsvOptions};
use crate::export::json;
use crate::fsutil;
use crate::manifest::{self, Manifests};
use crate::model::{FindingKind, Profile, Warning};
use crate::profile;
use crate::read::Form;
use crate::render::{self, Typst};

/// File name endings taken as profiles when walking a folder.
pub const PROFILE_EXTENSIONS: [&str; 6] = ["txt", "text", "html", "htm", "xhtml", "pdf"];

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub form: Form,
    pub csv: CsvOptions,
    pub pdf: bool,
    /// The folder holding `templates/` (typst's root when `out` is inside it).
    pub project_root: PathBuf,
}

/// What happened to one input.
#[derive(Debug)]
pub enum Outcome {
    Built {
        profile: Box<Profile>,
        /// The PDF could not be made (the JSON and CSV rows were written).
        pdf_error: Option<String>,
    },
    Failed(InputError),
}

#[derive(Debug, Default)]
pub struct BuildReport {
    /// One outcome per input, in input order.
    pub outcomes: Vec<Outcome>,
    /// Errors writing the CSV tables (or the folders).
    pub output_errors: Vec<String>,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        self.output_errors.is_empty()
            && self.outcomes.iter().all(|o| {
                matches!(
                    o,
                    Outcome::Built {
                        pdf_error: None,
                        ..
                    }
                )
            })
    }
}

/// The input files: files as given, folders walked recursively (sorted), and
/// the manifests found in those folders.
pub fn collect_inputs(inputs: &[PathBuf]) -> (Vec<PathBuf>, Manifests, Vec<InputError>) {
    let mut files = Vec::new();
    let mut manifests = Manifests::default();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files, &mut manifests, &mut errors);
        } else {
            if let Some(parent) = input.parent() {
                let parent = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                if let Err(e) = manifests.load_folder(parent) {
                    errors.push(e);
                }
            }
            files.push(input.clone());
        }
    }
    (files, manifests, errors)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    manifests: &mut Manifests,
    errors: &mut Vec<InputError>,
) {
    if let Err(e) = manifests.load_folder(dir) {
        errors.push(e);
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            errors.push(InputError::io(dir, &e));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == manifest::FILE_NAME {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, manifests, errors);
        } else if is_profile_file(&path) {
            files.push(path);
        }
    }
}

fn is_profile_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.to_ascii_lowercase().starts_with("readme") {
        return false;
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PROFILE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Parse every input in parallel; ids are made unique in input order.
pub fn parse_all(
    files: &[PathBuf],
    manifests: &Manifests,
    form: Form,
) -> Vec<Result<Profile, InputError>> {
    let mut results: Vec<Result<Profile, InputError>> = files
        .par_iter()
        .map(|f| profile::parse_file(f, form, manifests.get(f)))
        .collect();
    make_ids_unique(&mut results);
    results
}

/// Two profiles that would share an id get `-2`, `-3` … and a warning.
pub fn make_ids_unique(results: &mut [Result<Profile, InputError>]) {
    use std::collections::HashMap;
    // id → source of the profile that holds it
    let mut taken: HashMap<String, String> = HashMap::new();
    for p in results.iter_mut().flatten() {
        let base = p.id.clone();
        if let Some(first_source) = taken.get(&base).cloned() {
            let id = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| !taken.contains_key(id))
                .expect("an unused suffix exists");
            p.warnings.push(Warning::general(format!(
                "id `{base}` is already used by {first_source}; this profile is `{id}`"
            )));
            p.id = id;
        }
        taken.insert(p.id.clone(), p.source.clone());
    }
}

/// Where typst runs from and where the template is, for an output folder.
fn typst_layout(project_root: &Path, out: &Path) -> Result<(PathBuf, PathBuf), OutputError> {
    let root =
        std::fs::canonicalize(project_root).map_err(|e| OutputError::write(project_root, e))?;
    let out_abs = std::fs::canonicalize(out).map_err(|e| OutputError::write(out, e))?;
    if out_abs.starts_with(&root) {
        return Ok((root.clone(), root.join("templates/profile.typ")));
    }
    // The output is elsewhere: give typst a copy of the templates inside it,
    // so that its root still holds both the template and the data.
    let staged = out_abs.join(".templates");
    fsutil::create_dir(&staged)?;
    let src = root.join("templates");
    let entries = std::fs::read_dir(&src).map_err(|e| OutputError::write(&src, e))?;
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_file() {
            let bytes = std::fs::read(&p).map_err(|e| OutputError::write(&p, e))?;
            fsutil::write_atomic(&staged.join(entry.file_name()), &bytes)?;
        }
    }
    Ok((out_abs.clone(), staged.join("profile.typ")))
}

/// Run the whole build.
pub fn build(opts: &BuildOptions, files: &[PathBuf], manifests: &Manifests) -> BuildReport {
    let mut report = BuildReport::default();
    let results = parse_all(files, manifests, opts.form);

    let dirs = ["json", "pdf", "csv"].map(|d| opts.out.join(d));
    for d in &dirs {
        if let Err(e) = fsutil::create_dir(d) {
            report.output_errors.push(e.to_string());
        }
    }
    if !report.output_errors.is_empty() {
        report.outcomes = results
            .into_iter()
            .map(|r| match r {
                Ok(p) => Outcome::Built {
                    profile: Box::new(p),
                    pdf_error: Some("not written: the output folder cannot be created".into()),
                },
                Err(e) => Outcome::Failed(e),
            })
            .collect();
        return report;
    }
    let [json_dir, pdf_dir, csv_dir] = dirs;

    // JSON first: the PDFs are made from these files.
    let mut json_errors: Vec<Option<String>> = results
        .par_iter()
        .map(|r| match r {
            Ok(p) => fsutil::write_atomic(
                &json_dir.join(format!("{}.json", p.id)),
                json::to_json(p).as_bytes(),
            )
            .err()
            .map(|e| e.to_string()),
            Err(_) => None,
        })
        .collect();

    let typst = if opts.pdf {
        Some(Typst::locate(&opts.project_root).and_then(|t| {
            let layout = typst_layout(&opts.project_root, &opts.out)?;
            Ok((t, layout))
        }))
    } else {
        None
    };
    let pdf_errors: Vec<Option<String>> = results
        .par_iter()
        .zip(json_errors.par_iter())
        .map(|(r, json_err)| {
            let p = r.as_ref().ok()?;
            if let Some(e) = json_err {
                return Some(e.clone());
            }
            match &typst {
                None => None,
                Some(Err(e)) => Some(e.to_string()),
                Some(Ok((t, (root, template)))) => {
                    let json_abs =
                        std::fs::canonicalize(json_dir.join(format!("{}.json", p.id))).ok()?;
                    let rel = json_abs.strip_prefix(root).unwrap_or(&json_abs);
                    let epoch = p.published.as_deref().and_then(render::epoch_of_month);
                    t.compile(
                        root,
                        template,
                        rel,
                        &pdf_dir.join(format!("{}.pdf", p.id)),
                        epoch,
                    )
                    .err()
                    .map(|e| e.to_string())
                }
            }
        })
        .collect();

    let built: Vec<&Profile> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    for (name, bytes) in [
        ("findings.csv", csv::findings_csv(&built, opts.csv)),
        ("domains.csv", csv::domains_csv(&built, opts.csv)),
        ("profiles.csv", csv::profiles_csv(&built, opts.csv)),
    ] {
        if let Err(e) = fsutil::write_atomic(&csv_dir.join(name), &bytes) {
            report.output_errors.push(e.to_string());
        }
    }

    report.outcomes = results
        .into_iter()
        .zip(pdf_errors)
        .zip(json_errors.drain(..))
        .map(|((r, pdf_error), json_error)| match r {
            Ok(p) => Outcome::Built {
                profile: Box::new(p),
                pdf_error: json_error.or(pdf_error),
            },
            Err(e) => Outcome::Failed(e),
        })
        .collect();
    report
}

/// "13 strengths, 10 improvements" for a profile.
pub fn counts(p: &Profile) -> String {
    format!(
        "{} strengths, {} improvements",
        p.count(FindingKind::Strength),
        p.count(FindingKind::Improvement)
    )
}
