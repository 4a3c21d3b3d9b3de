//! `mgi build --watch` as a person uses it: started, an input saved, the
//! JSON rebuilt, a bad input reported while the watch goes on, a template
//! changed and the PDF made again, then Ctrl-C. Nothing here is timed: the
//! waits only bound how long a broken watch may hang the test.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

/// How long a step may take before the watch is taken for broken.
const LIMIT: Duration = Duration::from_secs(120);

/// A watch running as a child process, its stderr gathered as it comes.
struct Watch {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Watch {
    fn start(args: &[&str], cwd: &Path) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mgi"))
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mgi starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Watch { child, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Wait until `done` holds (polling), failing with the log past the limit.
    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !done(&self.log()) {
            assert!(
                start.elapsed() < LIMIT,
                "waited too long for {what}; the watch said:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-C, then the exit status.
    fn interrupt(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader thread has the last lines once the pipe closes.
                std::thread::sleep(Duration::from_millis(100));
                return (status, self.log());
            }
            assert!(
                start.elapsed() < LIMIT,
                "the watch did not stop:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Replace the first `from` of a file by `to`, in place, as an editor saves.
fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every file under `dir` whose name marks it temporary (`.name.PID.tmp.ext`,
/// the name of a file being written).
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(temporary_files(&path));
        } else if path.file_name().is_some_and(|n| {
            n.to_string_lossy().starts_with('.') && n.to_string_lossy().contains(".tmp")
        }) {
            found.push(path);
        }
    }
    found
}

#[test]
fn a_saved_input_is_rebuilt_a_bad_one_reported_and_ctrl_c_ends_it_tidily() {
    let dir = folder_with(&[
        "corpus/ghana-2022-en-web.txt",
        "corpus/mali-2021-fr-web.txt",
    ]);
    let out = tempfile::tempdir().unwrap();
    let (inputs, out_arg) = (dir.path().to_str().unwrap(), out.path().to_str().unwrap());
    let watch = Watch::start(
        &["build", inputs, "-o", out_arg, "--no-pdf", "--watch"],
        &root(),
    );
    watch.wait_for("the first build", |log| {
        log.contains("watching for changes")
    });
    let ghana = out.path().join("json/ghana-2022-en.json");
    assert!(!read(&ghana).contains("Watched 1992 Constitution"));

    let input = dir.path().join("ghana-2022-en-web.txt");
    edit(
        &input,
        "The 1992 Constitution",
        "The Watched 1992 Constitution",
    );
    let start = Instant::now();
    while !read(&ghana).contains("Watched 1992 Constitution") {
        assert!(
            start.elapsed() < LIMIT,
            "JSON not rebuilt:\n{}",
            watch.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    watch.wait_for("the rebuild's line", |log| {
        log.contains("rebuilt 1 profile, 0 failed")
    });
    let log = watch.log();
    let rebuild = log.split("watching for changes").nth(1).unwrap();
    assert!(rebuild.contains("built   ghana-2022-en"), "{log}");
    assert!(
        !rebuild.contains("mali-2021-fr"),
        "an unchanged profile was said: {log}"
    );

    // A bad input is reported; the watch goes on.
    std::fs::write(dir.path().join("broken.txt"), "no profile here\n").unwrap();
    watch.wait_for("the failure", |log| log.contains("1 failed"));
    assert!(watch.log().contains("failed  "), "{}", watch.log());
    edit(&input, "Watched 1992", "Twice Watched 1992");
    let start = Instant::now();
    while !read(&ghana).contains("Twice Watched 1992") {
        assert!(
            start.elapsed() < LIMIT,
            "not rebuilt after a failure:\n{}",
            watch.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // What a write cut short by Ctrl-C leaves: gone when the watch ends.
    let cut_short = out.path().join("json/.ghana-2022-en.4242.tmp.json");
    std::fs::write(&cut_short, "{").unwrap();
    let (status, log) = watch.interrupt();
    assert!(status.success(), "{status:?}: {log}");
    assert!(log.trim_end().ends_with("stopped watching"), "{log}");
    assert!(!cut_short.exists());
    assert_eq!(temporary_files(out.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_template_change_makes_the_pdfs_again() {
    let dir = folder_with(&["corpus/ghana-2022-en-web.txt"]);
    let templates = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("templates")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, templates.path().join(path.file_name().unwrap())).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let args = [
        "build",
        dir.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
        "--watch",
    ];
    let watch = Watch::start(&args, &root());
    watch.wait_for("the first build", |log| {
        log.contains("watching for changes")
    });
    let pdf = out.path().join("pdf/ghana-2022-en.pdf");
    assert!(!pdf_text(&pdf).contains("Watchful"));

    let labels = templates.path().join("labels.json");
    edit(
        &labels,
        "\"Migration Governance Indicators\"",
        "\"Watchful Governance Indicators\"",
    );
    watch.wait_for("the PDFs made again", |log| {
        log.contains("rebuilt 1 profile")
    });
    let log = watch.log();
    assert!(log.contains("changed "), "{log}");
    assert!(pdf_text(&pdf).to_lowercase().contains("watchful"), "{log}");
    assert!(
        pdf_text(&out.path().join("pdf/compendium.pdf"))
            .to_lowercase()
            .contains("watchful")
    );

    let (status, log) = watch.interrupt();
    assert!(status.success(), "{status:?}: {log}");
    assert_eq!(temporary_files(out.path()), Vec::<PathBuf>::new());
}
