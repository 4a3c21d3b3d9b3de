//! `mgi build --watch`: build, then rebuild whenever an input, a manifest
//! or a template is saved, until Ctrl-C.
//!
//! Each rebuild is an ordinary incremental build of the same command line
//! (inputs found again, templates read again), so only what changed is
//! parsed and compiled; it says one line per profile rebuilt. Saves that
//! come close together (an editor writing a file in several steps, a
//! checkout) are taken as one change.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::build::{BuildArgs, Round, build_once};
use super::term::{self, Style};

/// Quiet time after a save before rebuilding: long enough for an editor's
/// write-and-rename, short enough for the JSON to follow a save within a
/// second.
const SETTLE: Duration = Duration::from_millis(150);
/// How often Ctrl-C is looked for while nothing happens.
const TICK: Duration = Duration::from_millis(100);

/// What is watched, and which changed paths call for a rebuild.
struct WatchSet {
    /// Input folders: any profile file or manifest under them.
    folders: Vec<PathBuf>,
    /// Input files given by name (their folder is watched).
    files: HashSet<PathBuf>,
    /// The template folder, when templates come from one.
    templates: Option<PathBuf>,
    /// The output folder, whose changes are the build's own.
    out: PathBuf,
}

impl WatchSet {
    fn new(args: &BuildArgs) -> WatchSet {
        let (mut folders, mut files) = (Vec::new(), HashSet::new());
        for input in &args.inputs {
            let path = canonical(input);
            if path.is_dir() {
                folders.push(path);
            } else {
                files.insert(path);
            }
        }
        let templates = match &args.templates {
            Some(dir) => Some(canonical(dir)),
            None => Some(PathBuf::from("templates"))
                .filter(|d| d.join("profile.typ").is_file())
                .map(|d| canonical(&d)),
        };
        WatchSet {
            folders,
            files,
            templates,
            out: canonical(&args.out),
        }
    }

    /// The paths to give the watcher, and how.
    fn roots(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut roots: Vec<(PathBuf, RecursiveMode)> = self
            .folders
            .iter()
            .map(|f| (f.clone(), RecursiveMode::Recursive))
            .collect();
        // A file is watched through its folder: editors often save by
        // writing another file and renaming it over the old one.
        let parents = self.files.iter().filter_map(|f| f.parent());
        for dir in parents.chain(self.templates.as_deref()) {
            if !roots.iter().any(|(r, _)| r == dir) {
                roots.push((dir.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        roots
    }

    /// Whether a change of `path` calls for a rebuild.
    fn matters(&self, path: &Path) -> bool {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.starts_with(&self.out) || name.starts_with('.') || name.ends_with('~') {
            return false;
        }
        if self.files.contains(path)
            || self
                .templates
                .as_ref()
                .is_some_and(|t| path.parent() == Some(t))
        {
            return true;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let is_input =
            name == "manifest.csv" || mgi::inputs::PROFILE_EXTENSIONS.contains(&ext.as_str());
        is_input && self.folders.iter().any(|f| path.starts_with(f))
    }
}

/// A path made absolute with its links resolved, as the watcher reports
/// paths; as it stands when it does not exist (yet).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

pub fn watch(args: &BuildArgs, style: Style) -> ExitCode {
    term::on_interrupt_note_it();
    let (tx, rx) = channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}: cannot watch for changes: {e}", style.red("error"));
            return ExitCode::from(2);
        }
    };
    // Watched before the first build, so that a save during it is not missed.
    let mut set = WatchSet::new(args);
    for (root, mode) in set.roots() {
        if let Err(e) = watcher.watch(&root, mode) {
            eprintln!(
                "{}: cannot watch {}: {e}",
                style.red("error"),
                root.display()
            );
            return ExitCode::from(2);
        }
    }
    let first = build_once(args, style, Round::Whole);
    if first == ExitCode::from(2) {
        return first;
    }
    // Made by the first build: its links can be resolved now.
    set.out = canonical(&args.out);
    eprintln!("watching for changes (Ctrl-C to stop)");
    while let Some(changed) = next_change(&rx, &set) {
        eprintln!("changed {}", describe(&changed));
        build_once(args, style, Round::Rebuild);
    }
    stop(args);
    ExitCode::SUCCESS
}

/// Wait for paths that matter to change, then for the changes to settle;
/// `None` on Ctrl-C.
fn next_change(
    rx: &Receiver<notify::Result<notify::Event>>,
    set: &WatchSet,
) -> Option<Vec<PathBuf>> {
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut last = Instant::now();
    loop {
        if term::interrupted() {
            return None;
        }
        let wait = if changed.is_empty() { TICK } else { SETTLE };
        match rx.recv_timeout(wait) {
            Ok(Ok(event)) => {
                if matches!(event.kind, EventKind::Access(_)) {
                    continue;
                }
                for path in event.paths.into_iter().filter(|p| set.matters(p)) {
                    if !changed.contains(&path) {
                        changed.push(path);
                    }
                    last = Instant::now();
                }
            }
            // The watcher's own trouble (a queue overflow): rebuild to be sure.
            Ok(Err(e)) => {
                eprintln!("warning: watching: {e}; rebuilding everything watched");
                changed.push(set.out.clone());
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
        if !changed.is_empty() && last.elapsed() >= SETTLE {
            return Some(changed);
        }
    }
}

/// "inputs/mali.txt" or "inputs/mali.txt and 3 more".
fn describe(changed: &[PathBuf]) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let first = changed
        .first()
        .map(|p| p.strip_prefix(&cwd).unwrap_or(p).display().to_string())
        .unwrap_or_default();
    match changed.len() {
        0 | 1 => first,
        n => format!("{first} and {} more", n - 1),
    }
}

/// End of the watch: no temporary file of a build cut short is left.
fn stop(args: &BuildArgs) {
    for dir in ["", "json", "pdf", "csv", mgi::build::STAGED_TEMPLATES] {
        mgi::build::remove_temp_files(&args.out.join(dir));
    }
    eprintln!("stopped watching");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_manifests_and_templates_matter() {
        let set = WatchSet {
            folders: vec![PathBuf::from("/w/inputs")],
            files: HashSet::from([PathBuf::from("/w/one/mali.txt")]),
            templates: Some(PathBuf::from("/w/templates")),
            out: PathBuf::from("/w/inputs/out"),
        };
        for yes in [
            "/w/inputs/ghana.txt",
            "/w/inputs/deep/fiji.HTML",
            "/w/inputs/manifest.csv",
            "/w/one/mali.txt",
            "/w/templates/lib.typ",
            "/w/templates/labels.json",
        ] {
            assert!(set.matters(Path::new(yes)), "{yes}");
        }
        for no in [
            "/w/inputs/out/json/ghana.json",
            "/w/inputs/out/pdf/ghana.pdf",
            "/w/inputs/.ghana.txt.swp",
            "/w/inputs/ghana.txt~",
            "/w/inputs/notes.md",
            "/w/one/niger.txt",
            "/w/templates/deeper/x.typ",
            "/w/elsewhere.txt",
        ] {
            assert!(!set.matters(Path::new(no)), "{no}");
        }
        let roots = set.roots();
        assert_eq!(roots.len(), 3);
        assert_eq!(
            roots[0],
            (PathBuf::from("/w/inputs"), RecursiveMode::Recursive)
        );
    }
}
