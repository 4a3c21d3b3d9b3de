//! The batch: input files → JSON, PDF and CSV under one output folder.
//!
//! - The output folder is a collection. A build adds and updates the
//!   profiles it is given and keeps the others; the tables and the
//!   compendium cover every profile in it. A profile's outputs are removed
//!   only when its source file no longer exists where it was read from, or
//!   with `prune` (then only the profiles given are kept).
//! - One bad input never stops the batch: it is reported, the others are
//!   built, and its previous outputs (if any) are left as they were.
//! - Every file is written atomically, and only when its bytes change.
//! - Incremental: `OUT/.mgi-build.json` remembers, per input, a hash of its
//!   bytes (and manifest row), and per PDF a hash of its JSON, the template
//!   files and the typst version; what did not change is neither parsed nor
//!   compiled again.
//! - The compendium gathers the profiles in books (`compendium.typ`; the
//!   volumes are planned by [`crate::compendium`]), compiled alongside the
//!   profiles' PDFs as soon as their data is written, each again only when
//!   its data, the templates or typst changed.
//!
//! [`build_with_progress`] runs the stages in order; each input is an
//! [`Item`] that carries its own results from stage to stage.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::compendium::{self, Book, VolumeOptions};
use crate::error::{InputError, OutputError};
use crate::export::csv::{self, CsvOptions};
use crate::export::json;
use crate::export::xlsx;
use crate::fsutil::{self, write_if_changed};
use crate::inputs::canonical;
use crate::manifest::Manifests;
use crate::model::{FindingKind, Profile, Warning, WarningKind};
use crate::profile;
use crate::read::Form;
use crate::render::{self, Templates, Typst};

pub use crate::inputs::{PROFILE_EXTENSIONS, STATE_FILE};

/// The compendium's name (`pdf/compendium.pdf`, `OUT/.compendium.json`):
/// no profile takes this id.
pub const COMPENDIUM_ID: &str = compendium::BOOK;

/// What became of a volume of the compendium.
pub use crate::compendium::Outcome as Compendium;

/// The folder of the staged templates inside the output folder.
pub const STAGED_TEMPLATES: &str = ".templates";

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub out: PathBuf,
    pub form: Form,
    pub csv: CsvOptions,
    /// Make PDFs with this typst (`None`: JSON and CSV only).
    pub typst: Option<Typst>,
    /// Rebuild the inputs given, ignoring the build state.
    pub force: bool,
    /// Remove the outputs of every profile not given in this build.
    pub prune: bool,
    /// Make the compendium (with PDFs on).
    pub compendium: bool,
    /// How the compendium is split into volumes.
    pub volumes: VolumeOptions,
    /// The template set PDFs are made from.
    pub templates: Templates,
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

#[derive(Debug, Default)]
pub struct BuildReport {
    /// One outcome per input given, in input order.
    pub outcomes: Vec<Outcome>,
    /// Profiles of earlier builds kept in the collection (not given now).
    pub kept: usize,
    /// Errors writing the CSV tables, the folders or the build state.
    pub output_errors: Vec<String>,
    /// Output files removed because their input is gone (or pruned).
    pub removed: Vec<PathBuf>,
    /// Profiles of earlier builds that could not be kept (their JSON is gone).
    pub lost: Vec<String>,
    /// Each volume of the compendium (its name, `compendium` for the whole
    /// book in one) and what became of it; none when no compendium was due
    /// (no PDFs, or no profile).
    pub compendium: Vec<(String, Compendium)>,
}

impl BuildReport {
    pub fn ok(&self) -> bool {
        self.output_errors.is_empty()
            && !self
                .compendium
                .iter()
                .any(|(_, c)| matches!(c, Compendium::Failed(_)))
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

/// Something the build tells as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// One input given is done (its PDF made or reused, or its JSON written
    /// when no PDFs are made, or it failed). Sent from worker threads, in
    /// no particular order.
    Input(&'a Outcome),
    /// A stage that takes time on its own begins (`"compendium"`).
    Phase(&'static str),
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
    make_ids_unique_beside(results, &HashMap::new());
}

/// [`make_ids_unique`], the ids of `reserved` (id → the source holding it)
/// being taken already.
pub(crate) fn make_ids_unique_beside(
    results: &mut [Result<Profile, InputError>],
    reserved: &HashMap<String, String>,
) {
    // id → source of the profile that holds it
    let mut taken = reserved.clone();
    taken.insert(COMPENDIUM_ID.into(), "the compendium".into());
    for p in results.iter_mut().flatten() {
        let base = p.id.clone();
        if let Some(first_source) = taken.get(&base).cloned() {
            let id = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| !taken.contains_key(id))
                .expect("an unused suffix exists");
            p.warnings.push(Warning::general(WarningKind::IdTaken {
                base: base.clone(),
                first_source: first_source.clone(),
                id: id.clone(),
            }));
            p.id = id;
        }
        taken.insert(p.id.clone(), p.source.clone());
    }
}

/// What the previous build left, to skip unchanged work and to know the
/// collection.
#[derive(Debug, Default, Serialize, Deserialize)]
struct BuildState {
    /// Input path (absolute) → what was built from it.
    inputs: BTreeMap<PathBuf, StateEntry>,
    /// Per volume of the compendium, the hash of its data, the template
    /// files, typst and the PDF standard it was made from.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    compendium_volumes: BTreeMap<String, String>,
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
    /// SHA-256 of the input's bytes (printed in its PDF and the compendium).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    input_sha256: Option<String>,
}

fn load_state(out: &Path) -> BuildState {
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

/// Remove `.name.PID.tmp.ext` files left by an interrupted build.
pub fn remove_temp_files(dir: &Path) {
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

/// Write `OUT/mgi.xlsx` (when its bytes change).
fn write_xlsx(out: &Path, profiles: &[&Profile]) -> Result<(), String> {
    let path = out.join(xlsx::FILE_NAME);
    let bytes =
        xlsx::workbook(profiles).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    write_if_changed(&path, &bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Whether an item was given in this build or kept from an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Given,
    Kept,
}

/// What became of an item's PDF.
#[derive(Debug, Clone)]
enum PdfStatus {
    /// No PDF is made (none asked, or the profile failed before).
    None,
    /// Compiled in this build, from what the hash names.
    Compiled(String),
    /// Left as the previous build made it.
    Reused(String),
    Failed(String),
}

/// One input on its way through the build.
struct Item {
    /// The input's absolute path: the key of the build state.
    key: PathBuf,
    path: PathBuf,
    origin: Origin,
    input_hash: Option<String>,
    /// SHA-256 of the input's bytes.
    input_sha256: Option<String>,
    result: Result<Profile, InputError>,
    reused: bool,
    /// The model as JSON (read back for a reused profile).
    json: Option<String>,
    /// The JSON on disk already holds `json`.
    json_on_disk: bool,
    json_error: Option<String>,
    pdf: PdfStatus,
}

impl Item {
    /// Built completely: its JSON and (when asked) its PDF are in place.
    fn complete(&self) -> Option<&Profile> {
        match (&self.result, &self.json_error, &self.pdf) {
            (Ok(p), None, PdfStatus::None | PdfStatus::Compiled(_) | PdfStatus::Reused(_)) => {
                Some(p)
            }
            _ => None,
        }
    }

    fn outcome(&self) -> Outcome {
        match &self.result {
            Ok(p) => Outcome::Built {
                profile: Box::new(p.clone()),
                reused: self.reused,
                compiled: matches!(self.pdf, PdfStatus::Compiled(_)),
                output_error: self.json_error.clone().or(match &self.pdf {
                    PdfStatus::Failed(e) => Some(e.clone()),
                    _ => None,
                }),
            },
            Err(e) => Outcome::Failed(e.clone()),
        }
    }
}

/// What a build would do, worked out without writing anything.
#[derive(Debug, Default)]
pub struct Plan {
    /// Inputs given whose model would be made anew.
    pub build: Vec<PathBuf>,
    /// Inputs given that did not change since the last build.
    pub same: Vec<PathBuf>,
    /// Profiles of earlier builds kept as they are (their ids).
    pub kept: Vec<String>,
    /// Output files that would be removed.
    pub remove: Vec<PathBuf>,
}

/// The state entries of earlier builds not given now, split into those kept
/// in the collection and those whose outputs go (source gone, or pruned).
fn split_earlier<'s>(
    old: &'s BuildState,
    given: &HashSet<PathBuf>,
    prune: bool,
) -> (Vec<(&'s PathBuf, &'s StateEntry)>, Vec<&'s StateEntry>) {
    let mut kept = Vec::new();
    let mut gone = Vec::new();
    for (key, entry) in &old.inputs {
        if given.contains(key) {
            continue;
        }
        // A path recorded relative to another folder by an earlier version
        // cannot be checked: kept, never removed by mistake.
        if !prune && (key.exists() || key.is_relative()) {
            kept.push((key, entry));
        } else {
            gone.push(entry);
        }
    }
    (kept, gone)
}

/// What `build` would build, keep and remove (for `--dry-run`).
pub fn plan(opts: &BuildOptions, files: &[PathBuf], manifests: &Manifests) -> Plan {
    let old = load_state(&opts.out);
    let keys: Vec<PathBuf> = files.iter().map(|f| canonical(f)).collect();
    let given: HashSet<PathBuf> = keys.iter().cloned().collect();
    let mut plan = Plan::default();
    for (file, key) in files.iter().zip(&keys) {
        let same = !opts.force
            && old.inputs.get(key).is_some_and(|e| {
                Some(&e.input_hash) == input_hash(file, manifests, opts.form).map(|h| h.0).as_ref()
            });
        if same {
            plan.same.push(file.clone());
        } else {
            plan.build.push(file.clone());
        }
    }
    let (kept, gone) = split_earlier(&old, &given, opts.prune);
    plan.kept = kept.iter().map(|(_, e)| e.id.clone()).collect();
    for entry in gone {
        plan.remove.extend(stale_files(&opts.out, &entry.id));
    }
    plan
}

/// The output files of one profile that exist.
fn stale_files(out: &Path, id: &str) -> Vec<PathBuf> {
    [("json", "json"), ("pdf", "pdf")]
        .iter()
        .map(|(dir, ext)| out.join(dir).join(format!("{id}.{ext}")))
        .filter(|p| p.is_file())
        .collect()
}

/// Run the whole build.
pub fn build(opts: &BuildOptions, files: &[PathBuf], manifests: &Manifests) -> BuildReport {
    build_with_progress(opts, files, manifests, &|_| {})
}

/// Run the whole build, telling `events` as it goes.
pub fn build_with_progress(
    opts: &BuildOptions,
    files: &[PathBuf],
    manifests: &Manifests,
    events: &(dyn Fn(Event) + Sync),
) -> BuildReport {
    let mut report = BuildReport::default();
    if let Err(e) = prepare_folders(opts) {
        report.output_errors.push(e.to_string());
        return report;
    }
    let old = load_state(&opts.out);
    let mut items = parse_or_reuse(opts, files, manifests, &old);
    let given: HashSet<PathBuf> = items.iter().map(|i| i.key.clone()).collect();
    let (kept, gone) = split_earlier(&old, &given, opts.prune);
    items.extend(load_kept(opts, &kept, &mut report));
    keep_failed_outputs(opts, &old, &mut items);
    assign_ids(&mut items);
    write_json(opts, &mut items, events);
    // Tables and the book follow the folder's order, whatever the build given.
    items.sort_by(|a, b| a.key.cmp(&b.key));
    let (mut books, staged) = plan_books(opts, &old, &items);
    let compile_book = |v: &compendium::Volume, jobs| compile_book(opts, staged.as_ref(), v, jobs);
    let waiting = || events(Event::Phase("compendium"));
    compendium::compile_alongside(&mut books, &compile_book, &waiting, || {
        compile_pdfs(opts, &old, &mut items, events)
    });
    let tables = write_tables(opts, &old, &items, &mut report);
    remove_stale(opts, &gone, &items, &mut report);
    let compendium = finish_books(opts, books, &items, &mut report);
    save_state(opts, &items, tables, compendium, &mut report);
    let mut given_items: Vec<&Item> = items.iter().filter(|i| i.origin == Origin::Given).collect();
    given_items.sort_by_key(|i| files.iter().position(|f| f == &i.path));
    report.outcomes = given_items.iter().map(|i| i.outcome()).collect();
    report.kept = items.iter().filter(|i| i.origin == Origin::Kept).count();
    report
}

/// Stage: the output folders, and no temporary file of an interrupted build.
fn prepare_folders(opts: &BuildOptions) -> Result<(), OutputError> {
    let mut dirs = vec!["json", "csv"];
    if opts.typst.is_some() {
        dirs.push("pdf");
    }
    for d in dirs {
        let dir = opts.out.join(d);
        fsutil::create_dir(&dir)?;
        remove_temp_files(&dir);
    }
    remove_temp_files(&opts.out);
    Ok(())
}

/// Stage: parse what changed; take the rest from the previous build's JSON.
fn parse_or_reuse(
    opts: &BuildOptions,
    files: &[PathBuf],
    manifests: &Manifests,
    old: &BuildState,
) -> Vec<Item> {
    files
        .par_iter()
        .map(|f| {
            let key = canonical(f);
            let (input_hash, input_sha256) = input_hash(f, manifests, opts.form).unzip();
            let cached = old
                .inputs
                .get(&key)
                .filter(|e| !opts.force && Some(&e.input_hash) == input_hash.as_ref());
            let mut item = Item {
                key,
                path: f.clone(),
                origin: Origin::Given,
                input_hash,
                input_sha256,
                result: Err(InputError::new(f, None, "not read")),
                reused: false,
                json: None,
                json_on_disk: false,
                json_error: None,
                pdf: PdfStatus::None,
            };
            match cached.and_then(|e| read_model(&opts.out, &e.id)) {
                Some((p, text)) => {
                    item.result = Ok(p);
                    item.reused = true;
                    item.json = Some(text);
                    item.json_on_disk = true;
                }
                None => item.result = profile::parse_file(f, opts.form, manifests.get(f)),
            }
            item
        })
        .collect()
}

/// A model as written by an earlier build, and its JSON text.
fn read_model(out: &Path, id: &str) -> Option<(Profile, String)> {
    let text = std::fs::read_to_string(out.join("json").join(format!("{id}.json"))).ok()?;
    let p = serde_json::from_str::<Profile>(&text).ok()?;
    Some((p, text))
}

/// Stage: the profiles of earlier builds that stay in the collection.
fn load_kept(
    opts: &BuildOptions,
    kept: &[(&PathBuf, &StateEntry)],
    report: &mut BuildReport,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (key, entry) in kept {
        let Some((profile, text)) = read_model(&opts.out, &entry.id) else {
            report.lost.push(entry.id.clone());
            continue;
        };
        let pdf = match &entry.pdf_hash {
            Some(h) => PdfStatus::Reused(h.clone()),
            None => PdfStatus::None,
        };
        items.push(Item {
            key: (*key).clone(),
            path: (*key).clone(),
            origin: Origin::Kept,
            input_hash: Some(entry.input_hash.clone()),
            input_sha256: entry.input_sha256.clone(),
            result: Ok(profile),
            reused: true,
            json: Some(text),
            json_on_disk: true,
            json_error: None,
            pdf,
        });
    }
    items
}

/// Stage: an input given that fails now keeps what an earlier build made
/// of it, as a kept profile beside its failure.
fn keep_failed_outputs(opts: &BuildOptions, old: &BuildState, items: &mut Vec<Item>) {
    let mut earlier = Vec::new();
    for item in items.iter().filter(|i| i.result.is_err()) {
        if let Some(entry) = old.inputs.get(&item.key) {
            earlier.push((item.key.clone(), entry.clone()));
        }
    }
    let kept: Vec<(&PathBuf, &StateEntry)> = earlier.iter().map(|(k, e)| (k, e)).collect();
    let mut ignored = BuildReport::default();
    items.extend(load_kept(opts, &kept, &mut ignored));
}

/// Stage: unique ids. Kept profiles keep theirs, then the inputs given in
/// order; a reused profile that had to take another id is written anew.
fn assign_ids(items: &mut [Item]) {
    let reserved: HashMap<String, String> = items
        .iter()
        .filter(|i| i.origin == Origin::Kept)
        .filter_map(|i| i.result.as_ref().ok())
        .map(|p| (p.id.clone(), p.source.clone()))
        .collect();
    let given: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].origin == Origin::Given)
        .collect();
    let mut results: Vec<Result<Profile, InputError>> = given
        .iter()
        .map(|&i| {
            std::mem::replace(
                &mut items[i].result,
                Err(InputError::new(Path::new(""), None, "")),
            )
        })
        .collect();
    let before: Vec<Option<String>> = results
        .iter()
        .map(|r| r.as_ref().ok().map(|p| p.id.clone()))
        .collect();
    make_ids_unique_beside(&mut results, &reserved);
    for ((&i, r), before) in given.iter().zip(results).zip(before) {
        if r.as_ref().ok().map(|p| &p.id) != before.as_ref() {
            items[i].json = None;
            items[i].json_on_disk = false;
        }
        items[i].result = r;
    }
}

/// Stage: the JSON of every profile given, written when its bytes change.
fn write_json(opts: &BuildOptions, items: &mut [Item], events: &(dyn Fn(Event) + Sync)) {
    items
        .par_iter_mut()
        .filter(|i| i.origin == Origin::Given)
        .for_each(|item| {
            if let Ok(p) = &item.result {
                let text = item.json.take().unwrap_or_else(|| json::to_json(p));
                if !item.json_on_disk {
                    let path = opts.out.join("json").join(format!("{}.json", p.id));
                    item.json_error = write_if_changed(&path, text.as_bytes())
                        .err()
                        .map(|e| e.to_string());
                }
                item.json = Some(text);
            }
            if opts.typst.is_none() {
                events(Event::Input(&item.outcome()));
            }
        });
}

/// What a PDF depends on besides its JSON.
fn pdf_salt(opts: &BuildOptions, typst: &Typst) -> String {
    format!(
        "typst {} at {}; templates {}; pdf-standard {}; mgi {}",
        render::TYPST_VERSION,
        typst.program.display(),
        opts.templates.hash(),
        typst.pdf_standard.as_deref().unwrap_or("none"),
        render::MGI_VERSION,
    )
}

/// Stage: the PDF of every profile given, compiled when its JSON, the
/// templates or typst changed.
fn compile_pdfs(
    opts: &BuildOptions,
    old: &BuildState,
    items: &mut [Item],
    events: &(dyn Fn(Event) + Sync),
) {
    let Some(typst) = &opts.typst else {
        return;
    };
    let staged = render::stage(&opts.templates, &opts.out.join(STAGED_TEMPLATES));
    let salt = pdf_salt(opts, typst);
    items
        .par_iter_mut()
        .filter(|i| i.origin == Origin::Given)
        .for_each(|item| {
            item.pdf = match &staged {
                Ok(root) => pdf_of(opts, old, typst, root, &salt, item),
                Err(e) => PdfStatus::Failed(e.to_string()),
            };
            if item.result.is_err() || item.json_error.is_some() {
                item.pdf = PdfStatus::None;
            }
            events(Event::Input(&item.outcome()));
        });
}

/// The PDF of one item: reused when made from the same hash, else compiled.
fn pdf_of(
    opts: &BuildOptions,
    old: &BuildState,
    typst: &Typst,
    root: &render::Staged,
    salt: &str,
    item: &Item,
) -> PdfStatus {
    let (Ok(p), Some(bytes), None) = (&item.result, &item.json, &item.json_error) else {
        return PdfStatus::None;
    };
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(item.input_sha256.as_deref().unwrap_or("").as_bytes());
    h.update(bytes.as_bytes());
    let pdf_hash = hex(h.finalize());
    let pdf = opts.out.join("pdf").join(format!("{}.pdf", p.id));
    let previous = old.inputs.get(&item.key).and_then(|e| e.pdf_hash.as_ref());
    if !opts.force && previous == Some(&pdf_hash) && pdf.is_file() {
        return PdfStatus::Reused(pdf_hash);
    }
    let data = PathBuf::from("json").join(format!("{}.json", p.id));
    let inputs = provenance_inputs(
        item.input_sha256.as_deref(),
        &opts.templates.hash(),
        render::allows_attachments(typst.pdf_standard.as_deref()),
    );
    match typst.compile(
        &root.root,
        &root.template("profile.typ"),
        &data,
        &pdf,
        &inputs,
    ) {
        Ok(()) => PdfStatus::Compiled(pdf_hash),
        Err(e) => PdfStatus::Failed(e.to_string()),
    }
}

/// Stage: CSV tables and the spreadsheet of every profile in the folder,
/// made again only when a profile or the table options changed (or a file
/// is missing), and rewritten only when their bytes change. Returns the
/// hash to remember when they were written.
fn write_tables(
    opts: &BuildOptions,
    old: &BuildState,
    items: &[Item],
    report: &mut BuildReport,
) -> Option<String> {
    let csv_dir = opts.out.join("csv");
    let built: Vec<&Profile> = items
        .iter()
        .filter_map(|i| i.result.as_ref().ok())
        .collect();
    let tables_hash = {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update([u8::from(opts.csv.excel), u8::from(opts.csv.raw)]);
        for bytes in items
            .iter()
            .filter(|i| i.result.is_ok())
            .filter_map(|i| i.json.as_ref())
        {
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(bytes.as_bytes());
        }
        hex(h.finalize())
    };
    const CSV_FILES: [&str; 5] = [
        "findings.csv",
        "domains.csv",
        "profiles.csv",
        "changes.csv",
        "gcm.csv",
    ];
    if old.tables.as_deref() == Some(tables_hash.as_str())
        && CSV_FILES.iter().all(|f| csv_dir.join(f).is_file())
        && opts.out.join(xlsx::FILE_NAME).is_file()
    {
        return Some(tables_hash);
    }
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
        ("gcm.csv", csv::gcm_csv(&built, opts.csv)),
    ] {
        if let Err(e) = write_if_changed(&csv_dir.join(name), &bytes) {
            report.output_errors.push(e.to_string());
        }
    }
    // The same tables as one spreadsheet.
    if let Err(e) = write_xlsx(&opts.out, &built) {
        report.output_errors.push(e);
    }
    (report.output_errors.len() == before).then_some(tables_hash)
}

/// Stage: remove the outputs of profiles whose source is gone (or pruned),
/// unless another profile now holds the id.
fn remove_stale(
    opts: &BuildOptions,
    gone: &[&StateEntry],
    items: &[Item],
    report: &mut BuildReport,
) {
    let live: HashSet<&str> = items
        .iter()
        .filter_map(|i| i.result.as_ref().ok())
        .map(|p| p.id.as_str())
        .collect();
    for entry in gone {
        if live.contains(entry.id.as_str()) || entry.id == COMPENDIUM_ID {
            continue;
        }
        for p in stale_files(&opts.out, &entry.id) {
            if std::fs::remove_file(&p).is_ok() {
                report.removed.push(p);
            }
        }
    }
}

/// Stage: the books of the compendium, planned from every profile whose
/// JSON is in place, their data written; with the staged templates (none
/// when no compendium is due or the templates could not be staged).
fn plan_books(
    opts: &BuildOptions,
    old: &BuildState,
    items: &[Item],
) -> (Vec<Book>, Option<render::Staged>) {
    let Some(typst) = opts.typst.as_ref().filter(|_| opts.compendium) else {
        return (Vec::new(), None);
    };
    let (profiles, sha256): (Vec<&Profile>, Vec<Option<&str>>) = items
        .iter()
        .filter(|i| i.json.is_some() && i.json_error.is_none())
        .filter_map(|i| Some((i.result.as_ref().ok()?, i.input_sha256.as_deref())))
        .unzip();
    let salt = pdf_salt(opts, typst);
    let previous = &old.compendium_volumes;
    let mut books =
        compendium::prepare(&opts.out, &profiles, &sha256, opts.volumes, &salt, previous);
    let staged = render::stage(&opts.templates, &opts.out.join(STAGED_TEMPLATES));
    for book in &mut books {
        let name = &book.volume.name;
        let problem = if profiles.iter().any(|p| &p.id == name) {
            format!(
                "a profile has the id `{name}`: make the compendium with another --compendium-by"
            )
        } else if let Err(e) = &staged {
            e.to_string()
        } else {
            continue;
        };
        book.outcome = Some(Compendium::Failed(problem));
    }
    (books, staged.ok())
}

/// Compile one book of the compendium (with `jobs` typst threads).
fn compile_book(
    opts: &BuildOptions,
    staged: Option<&render::Staged>,
    volume: &compendium::Volume,
    jobs: usize,
) -> Compendium {
    let (Some(typst), Some(staged)) = (&opts.typst, staged) else {
        return Compendium::Failed("no typst or no templates for the compendium".into());
    };
    let inputs = provenance_inputs(None, &opts.templates.hash(), false);
    compendium::compile_volume(typst, staged, &opts.out, volume, jobs, &inputs)
}

/// Stage: what became of each book, told in the report; the volumes of
/// earlier plans removed once every book is made. Returns the hashes to
/// remember.
fn finish_books(
    opts: &BuildOptions,
    books: Vec<Book>,
    items: &[Item],
    report: &mut BuildReport,
) -> BTreeMap<String, String> {
    if !books.is_empty() {
        let ids: HashSet<&str> = items
            .iter()
            .filter_map(|i| i.result.as_ref().ok())
            .map(|p| p.id.as_str())
            .collect();
        report
            .removed
            .extend(compendium::remove_stale(&opts.out, &books, &ids));
    }
    let mut hashes = BTreeMap::new();
    for book in books {
        let outcome = book
            .outcome
            .unwrap_or_else(|| Compendium::Failed("not made".into()));
        if !matches!(outcome, Compendium::Failed(_)) {
            hashes.insert(book.volume.name.clone(), book.hash);
        }
        report.compendium.push((book.volume.name, outcome));
    }
    hashes
}

/// Stage: the new state, of every profile built completely.
fn save_state(
    opts: &BuildOptions,
    items: &[Item],
    tables: Option<String>,
    compendium_volumes: BTreeMap<String, String>,
    report: &mut BuildReport,
) {
    let mut state = BuildState {
        compendium_volumes,
        tables,
        ..BuildState::default()
    };
    for item in items {
        let (Some(p), Some(h)) = (item.complete(), &item.input_hash) else {
            continue;
        };
        let pdf_hash = match &item.pdf {
            PdfStatus::Compiled(h) | PdfStatus::Reused(h) => Some(h.clone()),
            _ => None,
        };
        state.inputs.insert(
            item.key.clone(),
            StateEntry {
                input_hash: h.clone(),
                id: p.id.clone(),
                pdf_hash,
                input_sha256: item.input_sha256.clone(),
            },
        );
    }
    let state_json = serde_json::to_string_pretty(&state).expect("state serializes");
    if let Err(e) = write_if_changed(&opts.out.join(STATE_FILE), state_json.as_bytes()) {
        report.output_errors.push(e.to_string());
    }
}

/// "13 strengths, 10 improvements" for a profile (singular for one).
pub fn counts(p: &Profile) -> String {
    let s = p.count(FindingKind::Strength);
    let i = p.count(FindingKind::Improvement);
    format!(
        "{s} strength{}, {i} improvement{}",
        if s == 1 { "" } else { "s" },
        if i == 1 { "" } else { "s" }
    )
}
