//! The batch: every input file → JSON, PDF and CSV under one output folder.
//!
//! - One bad input never stops the batch: it is reported, the others are built.
//! - Every file is written atomically, and only when its bytes change.
//! - Incremental: `OUT/.mgi-build.json` remembers, per input, a hash of its
//!   bytes (and manifest row), and per PDF a hash of its JSON, the template
//!   files and the typst version; what did not change is neither parsed nor
//!   compiled again. Outputs of inputs that are gone are removed.
//! - After the profiles, `pdf/compendium.pdf` gathers them in one book
//!   (`templates/compendium.typ`), compiled again only when its data, the
//!   templates or typst changed.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{InputError, OutputError};
use crate::export::csv::{self, CsvOptions};
use crate::export::json;
use crate::export::xlsx;
use crate::fsutil;
use crate::manifest::{self, Manifests};
use crate::model::{FindingKind, Profile, Warning};
use crate::profile;
use crate::read::Form;
use crate::render::{self, Typst};

/// File name endings taken as profiles when walking a folder.
pub const PROFILE_EXTENSIONS: [&str; 6] = ["txt", "text", "html", "htm", "xhtml", "pdf"];

/// The build state file inside the output folder.
pub const STATE_FILE: &str = ".mgi-build.json";

/// The compendium: `pdf/compendium.pdf`, made from the list of profiles
/// written to `OUT/.compendium.json` (out of `json/`, which holds only models).
/// No profile takes this id.
pub const COMPENDIUM_ID: &str = "compendium";
pub const COMPENDIUM_DATA: &str = ".compendium.json";

/// The language of the compendium's own labels (each chapter is in its
/// profile's language).
pub const COMPENDIUM_LANGUAGE: &str = "en";

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub form: Form,
    pub csv: CsvOptions,
    pub pdf: bool,
    /// Rebuild everything, ignoring the build state.
    pub force: bool,
    /// How long one typst compile may take before it is stopped.
    pub typst_timeout: std::time::Duration,
    /// typst's `--pdf-standard` for every PDF (`None`: typst's default).
    pub pdf_standard: Option<String>,
    /// Make `pdf/compendium.pdf` (with PDFs on). A book of hundreds of
    /// profiles takes typst minutes and gigabytes: large builds may skip it.
    pub compendium: bool,
    /// The folder holding `templates/` (typst's root when `out` is inside it).
    pub project_root: PathBuf,
}

/// What happened to one input.
#[derive(Debug)]
pub enum Outcome {
    Built {
        profile: Box<Profile>,
        /// Taken from the previous build: the input did not change.
        reused: bool,
        /// The PDF was compiled in this build (not reused).
        compiled: bool,
        /// The PDF (or the JSON) could not be written; the CSV rows were.
        output_error: Option<String>,
    },
    Failed(InputError),
}

/// What happened to the compendium.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compendium {
    /// Compiled in this build.
    Built(PathBuf),
    /// Unchanged since the last build: left as it was.
    Same(PathBuf),
    /// Could not be made; a previous compendium is left as it was.
    Failed(String),
}

#[derive(Debug, Default)]
pub struct BuildReport {
    /// One outcome per input, in input order.
    pub outcomes: Vec<Outcome>,
    /// Errors writing the CSV tables, the folders or the build state.
    pub output_errors: Vec<String>,
    /// Output files removed because their input is gone.
    pub removed: Vec<PathBuf>,
    /// `None` when no compendium was due (no PDFs, or no complete profile).
    pub compendium: Option<Compendium>,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        self.output_errors.is_empty()
            && !matches!(self.compendium, Some(Compendium::Failed(_)))
            && self.outcomes.iter().all(|o| {
                matches!(
                    o,
                    Outcome::Built {
                        output_error: None,
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
            let parent = match input.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if let Err(e) = manifests.load_folder(parent) {
                errors.push(e);
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
            // A pipe or a device named like a profile would block or never end.
            match std::fs::metadata(&path) {
                Ok(m) if !m.is_file() => errors.push(InputError::new(
                    &path,
                    None,
                    "not a regular file (a pipe, a socket or a device): skipped",
                )),
                _ => files.push(path),
            }
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
    taken.insert(COMPENDIUM_ID.into(), "the compendium".into());
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

/// What the previous build left, to skip unchanged work.
#[derive(Debug, Default, Serialize, Deserialize)]
struct BuildState {
    /// Input path → what was built from it.
    inputs: BTreeMap<String, StateEntry>,
    /// Hash of the compendium's data, the template files, typst and the PDF
    /// standard, when `pdf/compendium.pdf` was made from them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    compendium: Option<String>,
    /// Hash of every profile's JSON and the table options, when the CSV
    /// tables and the spreadsheet were written from them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tables: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StateEntry {
    /// Hash of the input bytes, its manifest row, the form and this tool's version.
    input_hash: String,
    id: String,
    /// Hash of the JSON, the template files and the typst version of the PDF
    /// made last; `None` when no PDF was made.
    pdf_hash: Option<String>,
}

fn load_state(out: &Path) -> BuildState {
    std::fs::read_to_string(out.join(STATE_FILE))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

fn hex(d: impl AsRef<[u8]>) -> String {
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Hash what determines the model of one input, and the SHA-256 of the
/// input's bytes alone (printed in its PDF).
fn input_hash(path: &Path, manifests: &Manifests, form: Form) -> Option<(String, String)> {
    // Bounded like every read of an input; a refused file is reported by the parse.
    let bytes = crate::read::read_limited(path).ok()?;
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(form.as_str().as_bytes());
    h.update(format!("{:?}", manifests.get(path)).as_bytes());
    h.update(&bytes);
    Some((hex(h.finalize()), hex(Sha256::digest(&bytes))))
}

/// What a PDF says of where it comes from, as typst `--input`s: the input's
/// SHA-256 (when known), this tool's and the templates' versions, and
/// whether to attach the profile's JSON.
fn provenance_inputs(
    sha256: Option<&str>,
    templates: &str,
    attach: bool,
) -> Vec<(&'static str, String)> {
    let mut inputs = vec![
        ("mgi-version", render::MGI_VERSION.to_string()),
        ("templates", templates.chars().take(12).collect()),
    ];
    if let Some(sha) = sha256 {
        inputs.push(("sha256", sha.to_string()));
    }
    if attach {
        inputs.push(("attach", "true".to_string()));
    }
    inputs
}

/// Hash the template folder (every file, by name and content).
fn templates_hash(project_root: &Path) -> String {
    let dir = project_root.join("templates");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        if let Ok(bytes) = std::fs::read(&f) {
            h.update(f.file_name().unwrap_or_default().as_encoded_bytes());
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
    }
    hex(h.finalize())
}

/// Remove `.name.PID.tmp.ext` files left by an interrupted build.
fn remove_temp_files(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in rd.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.contains(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Write `bytes` to `path` unless it already holds exactly them.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, OutputError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    fsutil::write_atomic(path, bytes)?;
    Ok(true)
}

/// Write `OUT/mgi.xlsx` (when its bytes change), after removing the
/// temporary copies an interrupted build may have left.
fn write_xlsx(out: &Path, profiles: &[&Profile]) -> Result<(), String> {
    let path = out.join(xlsx::FILE_NAME);
    if let Ok(rd) = std::fs::read_dir(out) {
        for entry in rd.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(".mgi.") && name.ends_with(".tmp.xlsx") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let bytes =
        xlsx::workbook(profiles).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    write_if_changed(&path, &bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
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
            write_if_changed(&staged.join(entry.file_name()), &bytes)?;
        }
    }
    Ok((out_abs.clone(), staged.join("profile.typ")))
}

/// One input on its way through the build.
struct Item {
    source: String,
    input_hash: Option<String>,
    /// SHA-256 of the input's bytes.
    input_sha256: Option<String>,
    result: Result<Profile, InputError>,
    reused: bool,
    /// The JSON file of a reused profile as read back: what is written again
    /// when the id did not change, without serialising the profile anew.
    json: Option<String>,
}

/// Calls the progress hook when dropped: when one input is done, whichever
/// way its stage ends.
struct Done<'a>(&'a (dyn Fn() + Sync));

impl Drop for Done<'_> {
    fn drop(&mut self) {
        (self.0)();
    }
}

/// Run the whole build.
pub fn build(opts: &BuildOptions, files: &[PathBuf], manifests: &Manifests) -> BuildReport {
    build_with_progress(opts, files, manifests, &|| {})
}

/// Run the whole build, calling `progress` once per input as it is done
/// (its PDF made or reused, or its JSON written when no PDFs are made, or it
/// failed). Called from worker threads, in no particular order.
pub fn build_with_progress(
    opts: &BuildOptions,
    files: &[PathBuf],
    manifests: &Manifests,
    progress: &(dyn Fn() + Sync),
) -> BuildReport {
    let mut report = BuildReport::default();
    let dirs = ["json", "pdf", "csv"].map(|d| opts.out.join(d));
    for d in &dirs {
        if let Err(e) = fsutil::create_dir(d) {
            report.output_errors.push(e.to_string());
        }
    }
    if !report.output_errors.is_empty() {
        for r in parse_all(files, manifests, opts.form) {
            report.outcomes.push(match r {
                Ok(p) => Outcome::Built {
                    profile: Box::new(p),
                    reused: false,
                    compiled: false,
                    output_error: Some("not written: the output folder cannot be created".into()),
                },
                Err(e) => Outcome::Failed(e),
            });
        }
        return report;
    }
    let [json_dir, pdf_dir, csv_dir] = dirs;
    // Temporary files of an interrupted build are never valid outputs.
    for d in [&json_dir, &pdf_dir, &csv_dir] {
        remove_temp_files(d);
    }
    let old = if opts.force {
        BuildState::default()
    } else {
        load_state(&opts.out)
    };

    // Parse what changed; take the rest from the previous build's JSON.
    let mut items: Vec<Item> = files
        .par_iter()
        .map(|f| {
            let source = f.display().to_string();
            let (input_hash, input_sha256) = input_hash(f, manifests, opts.form).unzip();
            let cached = old
                .inputs
                .get(&source)
                .filter(|e| Some(&e.input_hash) == input_hash.as_ref());
            if let Some(entry) = cached
                && let Ok(text) =
                    std::fs::read_to_string(json_dir.join(format!("{}.json", entry.id)))
                && let Ok(p) = serde_json::from_str::<Profile>(&text)
            {
                return Item {
                    source,
                    input_hash,
                    input_sha256,
                    result: Ok(p),
                    reused: true,
                    json: Some(text),
                };
            }
            Item {
                source,
                input_hash,
                input_sha256,
                result: profile::parse_file(f, opts.form, manifests.get(f)),
                reused: false,
                json: None,
            }
        })
        .collect();
    // Reused profiles keep their ids; new ones avoid them.
    let mut results: Vec<Result<Profile, InputError>> = items
        .iter_mut()
        .map(|i| std::mem::replace(&mut i.result, Err(InputError::new(Path::new(""), None, ""))))
        .collect();
    let ids_before: Vec<Option<String>> = results
        .iter()
        .map(|r| r.as_ref().ok().map(|p| p.id.clone()))
        .collect();
    make_ids_unique(&mut results);
    for ((item, r), before) in items.iter_mut().zip(results).zip(ids_before) {
        // A reused profile that had to take another id is written anew.
        if r.as_ref().ok().map(|p| &p.id) != before.as_ref() {
            item.json = None;
        }
        item.result = r;
    }

    // JSON. A reused profile's file, read back above, is on disk already.
    let on_disk: Vec<bool> = items.iter().map(|i| i.json.is_some()).collect();
    let json_bytes: Vec<Option<String>> = items
        .par_iter_mut()
        .map(|i| match (&i.result, i.json.take()) {
            (Ok(_), Some(text)) => Some(text),
            (Ok(p), None) => Some(json::to_json(p)),
            (Err(_), _) => None,
        })
        .collect();
    let json_errors: Vec<Option<String>> = items
        .par_iter()
        .zip(json_bytes.par_iter())
        .zip(on_disk.par_iter())
        .map(|((i, bytes), &on_disk)| {
            let _done = (!opts.pdf).then(|| Done(progress));
            let (Ok(p), Some(bytes), false) = (&i.result, bytes, on_disk) else {
                return None;
            };
            write_if_changed(&json_dir.join(format!("{}.json", p.id)), bytes.as_bytes())
                .err()
                .map(|e| e.to_string())
        })
        .collect();

    // PDFs: compiled when their JSON, the templates or typst changed.
    let typst = opts.pdf.then(|| {
        Typst::locate(&opts.project_root).and_then(|mut t| {
            t.timeout = opts.typst_timeout;
            t.pdf_standard = opts.pdf_standard.clone();
            let layout = typst_layout(&opts.project_root, &opts.out)?;
            Ok((t, layout))
        })
    });
    let templates = templates_hash(&opts.project_root);
    let attach = render::allows_attachments(opts.pdf_standard.as_deref());
    let pdf_salt = match &typst {
        // What else a PDF depends on besides its JSON (and its input's hash).
        Some(Ok((t, _))) => Some(format!(
            "typst {} at {}; templates {templates}; pdf-standard {}; mgi {}",
            render::TYPST_VERSION,
            t.program.display(),
            t.pdf_standard.as_deref().unwrap_or("none"),
            render::MGI_VERSION,
        )),
        _ => None,
    };
    let pdf_results: Vec<(Option<String>, bool, Option<String>)> = items
        .par_iter()
        .zip(json_bytes.par_iter())
        .zip(json_errors.par_iter())
        .map(|((item, bytes), json_err)| {
            let _done = opts.pdf.then(|| Done(progress));
            let (Ok(p), Some(bytes)) = (&item.result, bytes) else {
                return (None, false, None);
            };
            if let Some(e) = json_err {
                return (Some(e.clone()), false, None);
            }
            let (Some(Ok((t, (root, template)))), Some(salt)) = (&typst, &pdf_salt) else {
                return match &typst {
                    Some(Err(e)) => (Some(e.to_string()), false, None),
                    _ => (None, false, None),
                };
            };
            let mut h = Sha256::new();
            h.update(salt.as_bytes());
            h.update(item.input_sha256.as_deref().unwrap_or("").as_bytes());
            h.update(bytes.as_bytes());
            let pdf_hash = hex(h.finalize());
            let pdf = pdf_dir.join(format!("{}.pdf", p.id));
            let previous = old
                .inputs
                .get(&item.source)
                .and_then(|e| e.pdf_hash.as_ref());
            if previous == Some(&pdf_hash) && pdf.is_file() {
                return (None, false, Some(pdf_hash));
            }
            let json_abs = match std::fs::canonicalize(json_dir.join(format!("{}.json", p.id))) {
                Ok(j) => j,
                Err(e) => {
                    return (
                        Some(OutputError::write(&json_dir, e).to_string()),
                        false,
                        None,
                    );
                }
            };
            let rel = json_abs.strip_prefix(root).unwrap_or(&json_abs);
            let inputs = provenance_inputs(item.input_sha256.as_deref(), &templates, attach);
            match t.compile(root, template, rel, &pdf, &inputs) {
                Ok(()) => (None, true, Some(pdf_hash)),
                Err(e) => (Some(e.to_string()), false, None),
            }
        })
        .collect();

    // CSV tables and the spreadsheet: made again only when a profile or the
    // table options changed (or a file is missing), and rewritten only when
    // their bytes change.
    let built: Vec<&Profile> = items
        .iter()
        .filter_map(|i| i.result.as_ref().ok())
        .collect();
    let tables_hash = {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update([u8::from(opts.csv.excel), u8::from(opts.csv.raw)]);
        for bytes in json_bytes.iter().flatten() {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes.as_bytes());
        }
        hex(h.finalize())
    };
    const CSV_FILES: [&str; 4] = ["findings.csv", "domains.csv", "profiles.csv", "changes.csv"];
    let tables_current = old.tables.as_deref() == Some(tables_hash.as_str())
        && CSV_FILES.iter().all(|f| csv_dir.join(f).is_file())
        && opts.out.join(xlsx::FILE_NAME).is_file();
    let mut tables_written = tables_current;
    if !tables_current {
        let before = report.output_errors.len();
        for (name, bytes) in [
            ("findings.csv", csv::findings_csv(&built, opts.csv)),
            ("domains.csv", csv::domains_csv(&built, opts.csv)),
            ("profiles.csv", csv::profiles_csv(&built, opts.csv)),
            // Consecutive editions of each place, diffed.
            (
                "changes.csv",
                csv::changes_csv(&crate::diff::edition_diffs(&built), opts.csv),
            ),
        ] {
            if let Err(e) = write_if_changed(&csv_dir.join(name), &bytes) {
                report.output_errors.push(e.to_string());
            }
        }
        // The same tables as one spreadsheet.
        if let Err(e) = write_xlsx(&opts.out, &built) {
            report.output_errors.push(e);
        }
        tables_written = report.output_errors.len() == before;
    }

    // Remove what belongs to no current profile.
    let live: HashSet<String> = built.iter().map(|p| p.id.clone()).collect();
    for (dir, ext) in [(&json_dir, "json"), (&pdf_dir, "pdf")] {
        let stale: Vec<String> = old
            .inputs
            .values()
            .map(|e| e.id.clone())
            .filter(|id| !live.contains(id) && id != COMPENDIUM_ID)
            .collect();
        for id in stale {
            let p = dir.join(format!("{id}.{ext}"));
            if p.is_file() && std::fs::remove_file(&p).is_ok() {
                report.removed.push(p);
            }
        }
    }

    // The compendium of the profiles built completely, in input order.
    let (complete, complete_sha256): (Vec<&Profile>, Vec<Option<&str>>) = items
        .iter()
        .zip(&pdf_results)
        .zip(&json_errors)
        .filter_map(|((item, (pdf_err, _, _)), json_err)| match &item.result {
            Ok(p) if pdf_err.is_none() && json_err.is_none() => {
                Some((p, item.input_sha256.as_deref()))
            }
            _ => None,
        })
        .unzip();
    let mut compendium_hash = None;
    if let (Some(Ok((t, (root, template)))), Some(salt)) = (&typst, &pdf_salt)
        && opts.compendium
        && !complete.is_empty()
    {
        let (outcome, hash) = build_compendium(
            opts,
            t,
            (root, &template.with_file_name("compendium.typ")),
            (salt, &templates),
            CompendiumData {
                language: COMPENDIUM_LANGUAGE,
                profiles: &complete,
                sha256: &complete_sha256,
            },
            old.compendium.as_deref(),
        );
        report.compendium = Some(outcome);
        compendium_hash = hash;
    }

    // The new state: only what was built completely.
    let mut state = BuildState {
        compendium: compendium_hash,
        tables: tables_written.then_some(tables_hash),
        ..BuildState::default()
    };
    for (item, (pdf_err, _, pdf_hash)) in items.iter().zip(&pdf_results) {
        if let (Ok(p), Some(h), None) = (&item.result, &item.input_hash, pdf_err) {
            state.inputs.insert(
                item.source.clone(),
                StateEntry {
                    input_hash: h.clone(),
                    id: p.id.clone(),
                    pdf_hash: pdf_hash.clone(),
                },
            );
        }
    }
    let state_json = serde_json::to_string_pretty(&state).expect("state serializes");
    if let Err(e) = write_if_changed(&opts.out.join(STATE_FILE), state_json.as_bytes()) {
        report.output_errors.push(e.to_string());
    }

    report.outcomes = items
        .into_iter()
        .zip(pdf_results)
        .zip(json_errors)
        .map(
            |((item, (pdf_error, compiled, _)), json_error)| match item.result {
                Ok(p) => Outcome::Built {
                    profile: Box::new(p),
                    reused: item.reused,
                    compiled,
                    output_error: json_error.or(pdf_error),
                },
                Err(e) => Outcome::Failed(e),
            },
        )
        .collect();
    report
}

/// The compendium's data: the book's language, the profiles and the
/// SHA-256 of each profile's input (for its colophon).
#[derive(Serialize)]
struct CompendiumData<'a> {
    language: &'a str,
    profiles: &'a [&'a Profile],
    sha256: &'a [Option<&'a str>],
}

/// Write the compendium's data and compile `pdf/compendium.pdf` unless it
/// was made from the same data, templates, typst and PDF standard. Returns
/// the outcome and the hash to remember (`None` when it failed).
fn build_compendium(
    opts: &BuildOptions,
    typst: &Typst,
    (root, template): (&Path, &Path),
    (salt, templates): (&str, &str),
    data: CompendiumData,
    previous: Option<&str>,
) -> (Compendium, Option<String>) {
    let pdf = opts.out.join("pdf").join(format!("{COMPENDIUM_ID}.pdf"));
    let data_path = opts.out.join(COMPENDIUM_DATA);
    let bytes = serde_json::to_string(&data).expect("the compendium serializes") + "\n";
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b"compendium");
    h.update(bytes.as_bytes());
    let hash = hex(h.finalize());
    if let Err(e) = write_if_changed(&data_path, bytes.as_bytes()) {
        return (Compendium::Failed(e.to_string()), None);
    }
    if previous == Some(hash.as_str()) && pdf.is_file() {
        return (Compendium::Same(pdf), Some(hash));
    }
    let data_abs = match std::fs::canonicalize(&data_path) {
        Ok(p) => p,
        Err(e) => {
            return (
                Compendium::Failed(OutputError::write(&data_path, e).to_string()),
                None,
            );
        }
    };
    let rel = data_abs.strip_prefix(root).unwrap_or(&data_abs);
    let inputs = provenance_inputs(None, templates, false);
    match typst.compile(root, template, rel, &pdf, &inputs) {
        Ok(()) => (Compendium::Built(pdf), Some(hash)),
        Err(e) => (Compendium::Failed(e.to_string()), None),
    }
}

/// "13 strengths, 10 improvements" for a profile.
pub fn counts(p: &Profile) -> String {
    format!(
        "{} strengths, {} improvements",
        p.count(FindingKind::Strength),
        p.count(FindingKind::Improvement)
    )
}
