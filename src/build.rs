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
//! `Item` that carries its own results from stage to stage. The outputs
//! (JSON, profile PDF, tables, workbook, compendium) are `outputs::Output`s,
//! each written only when its fingerprint changed; every PDF is made by one
//! [`Renderer`].

mod outputs;
mod state;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compendium::{self, Book, VolumeOptions};
use crate::error::{InputError, InputErrorKind, OutputError};
use crate::export::csv::CsvOptions;
use crate::export::json;
use crate::export::xlsx;
use crate::fingerprint::{Digest, Fingerprint};
use crate::fsutil;
use crate::inputs::canonical;
use crate::manifest::{ManifestEntry, Manifests};
use crate::model::{FindingKind, Profile, Warning, WarningKind};
use crate::profile;
use crate::read::Form;
use crate::render::{RenderConfig, Renderer, Templates, Typst};
use outputs::{Fresh, Output, ProfileJson, ProfilePdf, Tables, Workbook, refresh};
use state::{BuildState, StateEntry};

pub use crate::inputs::{PROFILE_EXTENSIONS, STATE_FILE};

/// The compendium's name (`pdf/compendium.pdf`, `OUT/.compendium.json`):
/// no profile takes this id.
pub(crate) const COMPENDIUM_ID: &str = compendium::BOOK;

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

/// What the PDFs of a build are made with: `None` when no PDFs are asked
/// for, the error when the templates could not be staged.
type Pdfs = Option<Result<Renderer, OutputError>>;

/// Fingerprint of what determines the model of one input: its bytes, its
/// manifest row (serialized), the form asked for and this tool's version.
fn input_fingerprint(bytes: &[u8], manifest: Option<&ManifestEntry>, form: Form) -> Digest {
    Fingerprint::new()
        .part(env!("CARGO_PKG_VERSION"))
        .part(form.as_str())
        .serialized(&manifest)
        .part(bytes)
        .finish()
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

/// Whether an item was given in this build or kept from an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Given,
    Kept,
}

/// What became of an item's JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
enum JsonStatus {
    /// Not written (yet), or to be written again under a new id.
    Unwritten,
    /// The file holds the item's JSON.
    OnDisk,
    Failed(String),
}

/// What became of an item's PDF.
#[derive(Debug, Clone)]
enum PdfStatus {
    /// No PDF is made (none asked, or the profile failed before).
    None,
    /// Compiled in this build, from what the fingerprint names.
    Compiled(Digest),
    /// Left as the previous build made it.
    Reused(Digest),
    Failed(String),
}

/// One input on its way through the build.
struct Item {
    /// The input's absolute path: the key of the build state.
    key: PathBuf,
    path: PathBuf,
    origin: Origin,
    input_hash: Option<Digest>,
    /// SHA-256 of the input's bytes.
    input_sha256: Option<Digest>,
    result: Result<Profile, InputError>,
    reused: bool,
    /// The model as JSON (read back for a reused profile).
    json: Option<String>,
    json_status: JsonStatus,
    pdf: PdfStatus,
}

impl Item {
    /// An input given now, not read yet.
    fn given(path: &Path) -> Item {
        Item {
            key: canonical(path),
            path: path.to_path_buf(),
            origin: Origin::Given,
            input_hash: None,
            input_sha256: None,
            result: Err(InputError::new(path, None, InputErrorKind::NotRead)),
            reused: false,
            json: None,
            json_status: JsonStatus::Unwritten,
            pdf: PdfStatus::None,
        }
    }

    /// A profile taken as an earlier build wrote it.
    fn reuse(&mut self, profile: Profile, json: String) {
        self.result = Ok(profile);
        self.reused = true;
        self.json = Some(json);
        self.json_status = JsonStatus::OnDisk;
    }

    /// Built completely: its JSON and (when asked) its PDF are in place.
    fn complete(&self) -> Option<&Profile> {
        match (&self.result, &self.json_status, &self.pdf) {
            (Ok(_), JsonStatus::Failed(_), _) => None,
            (Ok(p), _, PdfStatus::None | PdfStatus::Compiled(_) | PdfStatus::Reused(_)) => Some(p),
            _ => None,
        }
    }

    fn outcome(&self) -> Outcome {
        let output_error = match (&self.json_status, &self.pdf) {
            (JsonStatus::Failed(e), _) | (_, PdfStatus::Failed(e)) => Some(e.clone()),
            _ => None,
        };
        match &self.result {
            Ok(p) => Outcome::Built {
                profile: Box::new(p.clone()),
                reused: self.reused,
                compiled: matches!(self.pdf, PdfStatus::Compiled(_)),
                output_error,
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
    let old = BuildState::load(&opts.out);
    let keys: Vec<PathBuf> = files.iter().map(|f| canonical(f)).collect();
    let given: HashSet<PathBuf> = keys.iter().cloned().collect();
    let mut plan = Plan::default();
    for (file, key) in files.iter().zip(&keys) {
        let same = !opts.force
            && old.inputs.get(key).is_some_and(|e| {
                crate::read::read_limited(file).is_ok_and(|b| {
                    e.input_hash == input_fingerprint(&b, manifests.get(file), opts.form)
                })
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
    let old = BuildState::load(&opts.out);
    let pdfs = renderer(opts);
    let mut items = parse_or_reuse(opts, files, manifests, &old);
    let given: HashSet<PathBuf> = items.iter().map(|i| i.key.clone()).collect();
    let (kept, gone) = split_earlier(&old, &given, opts.prune);
    items.extend(load_kept(opts, &kept, &mut report));
    keep_failed_outputs(opts, &old, &mut items);
    assign_ids(&mut items);
    write_json(opts, &mut items, events);
    // Tables and the book follow the folder's order, whatever the build given.
    items.sort_by(|a, b| a.key.cmp(&b.key));
    let mut books = plan_books(opts, &old, &pdfs, &items);
    let compile_book = |v: &compendium::Volume, jobs| compile_book(opts, &pdfs, v, jobs);
    let waiting = || events(Event::Phase("compendium"));
    compendium::compile_alongside(&mut books, &compile_book, &waiting, || {
        compile_pdfs(opts, &old, &pdfs, &mut items, events)
    });
    let mut state = write_tables(opts, &old, &items, &mut report);
    remove_stale(opts, &gone, &items, &mut report);
    state.compendium_volumes = finish_books(opts, books, &items, &mut report);
    save_state(opts, &items, state, &mut report);
    finish_report(files, &items, report)
}

/// Stage: the renderer of every PDF of the build, its templates staged in
/// the output folder.
fn renderer(opts: &BuildOptions) -> Pdfs {
    let typst = opts.typst.clone()?;
    let staging = opts.out.join(STAGED_TEMPLATES);
    let config = RenderConfig::new(typst, opts.templates.clone(), staging);
    Some(Renderer::new(config))
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

/// Stage: read each input once; parse what changed, take the rest from the
/// previous build's JSON.
fn parse_or_reuse(
    opts: &BuildOptions,
    files: &[PathBuf],
    manifests: &Manifests,
    old: &BuildState,
) -> Vec<Item> {
    files
        .par_iter()
        .map(|f| {
            let mut item = Item::given(f);
            let bytes = match crate::read::read_limited(f) {
                Ok(bytes) => bytes,
                Err(e) => {
                    item.result = Err(e);
                    return item;
                }
            };
            let hash = input_fingerprint(&bytes, manifests.get(f), opts.form);
            let cached = old
                .inputs
                .get(&item.key)
                .filter(|e| !opts.force && e.input_hash == hash);
            item.input_hash = Some(hash);
            item.input_sha256 = Some(Digest::of(&bytes));
            match cached.and_then(|e| read_model(&opts.out, &e.id)) {
                Some((p, text)) => item.reuse(p, text),
                None => {
                    item.result = profile::parse_read(f, &bytes, opts.form, manifests.get(f));
                }
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
        let mut item = Item::given(key);
        item.origin = Origin::Kept;
        item.input_hash = Some(entry.input_hash);
        item.input_sha256 = entry.input_sha256;
        item.reuse(profile, text);
        if let Some(h) = entry.pdf_hash {
            item.pdf = PdfStatus::Reused(h);
        }
        items.push(item);
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
                Err(InputError::new(
                    Path::new(""),
                    None,
                    InputErrorKind::NotRead,
                )),
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
            items[i].json_status = JsonStatus::Unwritten;
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
                if item.json_status != JsonStatus::OnDisk {
                    let output = ProfileJson {
                        path: opts.out.join("json").join(format!("{}.json", p.id)),
                        text: &text,
                    };
                    item.json_status = match output.write() {
                        Ok(()) => JsonStatus::OnDisk,
                        Err(e) => JsonStatus::Failed(e.to_string()),
                    };
                }
                item.json = Some(text);
            }
            if opts.typst.is_none() {
                events(Event::Input(&item.outcome()));
            }
        });
}

/// Stage: the PDF of every profile given, compiled when its JSON, the
/// templates or typst changed.
fn compile_pdfs(
    opts: &BuildOptions,
    old: &BuildState,
    pdfs: &Pdfs,
    items: &mut [Item],
    events: &(dyn Fn(Event) + Sync),
) {
    let Some(renderer) = pdfs else {
        return;
    };
    let salted = renderer.as_ref().map(|r| (r, r.config().salt()));
    items
        .par_iter_mut()
        .filter(|i| i.origin == Origin::Given)
        .for_each(|item| {
            item.pdf = match &salted {
                Ok((r, salt)) => pdf_of(opts, old, r, salt, item),
                Err(e) => PdfStatus::Failed(e.to_string()),
            };
            if item.result.is_err() || item.json_status != JsonStatus::OnDisk {
                item.pdf = PdfStatus::None;
            }
            events(Event::Input(&item.outcome()));
        });
}

/// The PDF of one item: reused when made from the same fingerprint, else
/// compiled.
fn pdf_of(
    opts: &BuildOptions,
    old: &BuildState,
    renderer: &Renderer,
    salt: &str,
    item: &Item,
) -> PdfStatus {
    let (Ok(p), Some(json), JsonStatus::OnDisk) = (&item.result, &item.json, &item.json_status)
    else {
        return PdfStatus::None;
    };
    let output = ProfilePdf {
        renderer,
        salt,
        out: &opts.out,
        id: &p.id,
        json,
        sha256: item.input_sha256,
    };
    let previous = old.inputs.get(&item.key).and_then(|e| e.pdf_hash);
    match refresh(&output, previous, opts.force) {
        Ok(Fresh::Written(f)) => PdfStatus::Compiled(f),
        Ok(Fresh::Same(f)) => PdfStatus::Reused(f),
        Err(e) => PdfStatus::Failed(e.to_string()),
    }
}

/// Stage: CSV tables and the workbook of every profile in the folder, made
/// again only when a profile or the table options changed (or a file is
/// missing). Returns the state to save, with their fingerprints.
fn write_tables(
    opts: &BuildOptions,
    old: &BuildState,
    items: &[Item],
    report: &mut BuildReport,
) -> BuildState {
    let built: Vec<&Profile> = items
        .iter()
        .filter_map(|i| i.result.as_ref().ok())
        .collect();
    let jsons: Vec<&str> = items
        .iter()
        .filter(|i| i.result.is_ok())
        .filter_map(|i| i.json.as_deref())
        .collect();
    let tables = Tables {
        dir: opts.out.join("csv"),
        profiles: &built,
        jsons: &jsons,
        options: opts.csv,
    };
    let workbook = Workbook {
        path: opts.out.join(xlsx::FILE_NAME),
        profiles: &built,
        jsons: &jsons,
    };
    let mut remember = |fresh: Result<Fresh, OutputError>| match fresh {
        Ok(fresh) => Some(fresh.fingerprint()),
        Err(e) => {
            report.output_errors.push(e.to_string());
            None
        }
    };
    BuildState {
        tables: remember(refresh(&tables, old.tables, false)),
        workbook: remember(refresh(&workbook, old.workbook, false)),
        ..BuildState::default()
    }
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
fn plan_books(opts: &BuildOptions, old: &BuildState, pdfs: &Pdfs, items: &[Item]) -> Vec<Book> {
    let Some(renderer) = pdfs.as_ref().filter(|_| opts.compendium) else {
        return Vec::new();
    };
    let (profiles, sha256): (Vec<&Profile>, Vec<Option<Digest>>) = items
        .iter()
        .filter(|i| i.json.is_some() && !matches!(i.json_status, JsonStatus::Failed(_)))
        .filter_map(|i| Some((i.result.as_ref().ok()?, i.input_sha256)))
        .unzip();
    let salt = match renderer {
        Ok(r) => r.config().salt(),
        Err(_) => String::new(),
    };
    let previous = &old.compendium_volumes;
    let mut books =
        compendium::prepare(&opts.out, &profiles, &sha256, opts.volumes, &salt, previous);
    for book in &mut books {
        let name = &book.volume.name;
        let problem = if profiles.iter().any(|p| &p.id == name) {
            format!(
                "a profile has the id `{name}`: make the compendium with another --compendium-by"
            )
        } else if let Err(e) = renderer {
            e.to_string()
        } else {
            continue;
        };
        book.outcome = Some(Compendium::Failed(problem));
    }
    books
}

/// Compile one book of the compendium (with `jobs` typst threads).
fn compile_book(
    opts: &BuildOptions,
    pdfs: &Pdfs,
    volume: &compendium::Volume,
    jobs: usize,
) -> Compendium {
    match pdfs {
        Some(Ok(renderer)) => renderer.compendium_volume(&opts.out, volume, jobs),
        _ => Compendium::Failed("no typst or no templates for the compendium".into()),
    }
}

/// Stage: what became of each book, told in the report; the volumes of
/// earlier plans removed once every book is made. Returns the fingerprints
/// to remember.
fn finish_books(
    opts: &BuildOptions,
    books: Vec<Book>,
    items: &[Item],
    report: &mut BuildReport,
) -> BTreeMap<String, Digest> {
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
    mut state: BuildState,
    report: &mut BuildReport,
) {
    for item in items {
        let (Some(p), Some(h)) = (item.complete(), &item.input_hash) else {
            continue;
        };
        let pdf_hash = match &item.pdf {
            PdfStatus::Compiled(h) | PdfStatus::Reused(h) => Some(*h),
            _ => None,
        };
        state.inputs.insert(
            item.key.clone(),
            StateEntry {
                input_hash: *h,
                id: p.id.clone(),
                pdf_hash,
                input_sha256: item.input_sha256,
            },
        );
    }
    if let Err(e) = state.save(&opts.out) {
        report.output_errors.push(e.to_string());
    }
}

/// The outcomes of the inputs given, in the order they were given.
fn finish_report(files: &[PathBuf], items: &[Item], mut report: BuildReport) -> BuildReport {
    let mut given: Vec<&Item> = items.iter().filter(|i| i.origin == Origin::Given).collect();
    given.sort_by_key(|i| files.iter().position(|f| f == &i.path));
    report.outcomes = given.iter().map(|i| i.outcome()).collect();
    report.kept = items.iter().filter(|i| i.origin == Origin::Kept).count();
    report
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
