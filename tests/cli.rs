//! The command line never destroys work by mistake, says everything on the
//! right stream, and runs from anywhere.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

/// Every file under `dir` (relative path → bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(base).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `mgi build --no-pdf INPUTS… -o OUT` from the project folder.
fn build_no_pdf(inputs: &[&Path], out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build".to_string(), "--no-pdf".into()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend(["-o".into(), out.to_str().unwrap().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    mgi(&args, &root())
}

fn findings_rows(out: &Path) -> usize {
    let csv = std::fs::read_to_string(out.join("csv/findings.csv")).unwrap();
    csv.lines().count() - 1
}

#[test]
fn a_missing_input_leaves_the_output_folder_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let inputs = root().join("inputs");
    assert!(build_no_pdf(&[&inputs], out.path(), &[]).status.success());
    let before = snapshot(out.path());
    for args in [
        vec!["nosuch"],
        vec!["inputs", "nosuch"],
        vec!["inputs/mali-2021-fr-web.txt", "nosuch", "nosuch2"],
    ] {
        let mut all = vec!["build", "-o", out.path().to_str().unwrap()];
        all.extend(args);
        let o = mgi(&all, &root());
        assert_eq!(o.status.code(), Some(2));
        let stderr = text(&o.stderr);
        assert!(
            stderr.contains("nosuch: no such file or folder"),
            "{stderr}"
        );
        assert!(!stderr.contains("removed"), "{stderr}");
        assert_eq!(snapshot(out.path()), before, "{all:?} changed the output");
    }
}

#[test]
fn building_one_input_keeps_the_others_and_tables_cover_them_all() {
    let inputs = folder_with(&[
        "corpus/mali-2021-fr-web.txt",
        "corpus/ghana-2022-en-web.txt",
        "corpus/guatemala-2020-es-web.txt",
    ]);
    let out = tempfile::tempdir().unwrap();
    assert!(
        build_no_pdf(&[inputs.path()], out.path(), &[])
            .status
            .success()
    );
    let all = findings_rows(out.path());
    let mali = inputs.path().join("mali-2021-fr-web.txt");
    let o = build_no_pdf(&[&mali], out.path(), &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let stderr = text(&o.stderr);
    assert!(stderr.contains("2 kept from earlier builds"), "{stderr}");
    assert!(!stderr.contains("removed"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(out.path().join("json")).unwrap().count(),
        3
    );
    assert_eq!(findings_rows(out.path()), all);

    // A source that no longer exists takes its outputs with it.
    std::fs::remove_file(inputs.path().join("ghana-2022-en-web.txt")).unwrap();
    let o = build_no_pdf(&[&mali], out.path(), &[]);
    assert!(text(&o.stderr).contains("removed"), "{}", text(&o.stderr));
    assert!(!out.path().join("json/ghana-2022-en.json").exists());
    assert!(out.path().join("json/guatemala-2020-es.json").exists());

    // --dry-run says what --prune would remove, and removes nothing.
    let o = build_no_pdf(&[&mali], out.path(), &["--prune", "--dry-run"]);
    let before = snapshot(out.path());
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("same    "), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("json/guatemala-2020-es.json"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(snapshot(out.path()), before);

    // --prune keeps only what is given.
    let o = build_no_pdf(&[&mali], out.path(), &["--prune"]);
    assert!(o.status.success());
    assert!(!out.path().join("json/guatemala-2020-es.json").exists());
    let rows = findings_rows(out.path());
    assert_eq!(rows, 23, "only Mali's findings are left");
}

#[test]
fn a_failing_input_keeps_its_earlier_outputs() {
    let inputs = folder_with(&["corpus/mali-2021-fr-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    assert!(
        build_no_pdf(&[inputs.path()], out.path(), &[])
            .status
            .success()
    );
    std::fs::write(inputs.path().join("mali-2021-fr-web.txt"), "").unwrap();
    let o = build_no_pdf(&[inputs.path()], out.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("failed "), "{}", text(&o.stderr));
    assert!(out.path().join("json/mali-2021-fr.json").is_file());
    assert_eq!(findings_rows(out.path()), 23);
}

#[test]
fn a_path_given_twice_is_one_input() {
    let out = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "--no-pdf",
            "inputs",
            "inputs/mali-2021-fr-web.txt",
            "./inputs/../inputs/mali-2021-fr-web.txt",
            "-o",
            out.path().to_str().unwrap(),
        ],
        &root(),
    );
    let stderr = text(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("8 profiles built, 0 failed, 177 findings"),
        "{stderr}"
    );
    assert!(!out.path().join("json/mali-2021-fr-2.json").exists());
    assert_eq!(findings_rows(out.path()), 177);
}

#[test]
fn files_of_unknown_kind_are_listed_once_in_the_summary() {
    let inputs = folder_with(&["corpus/mali-2021-fr-web.txt"]);
    for f in ["notes.md", "slides.pptx", "NOEXT"] {
        std::fs::write(inputs.path().join(f), "x").unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let o = build_no_pdf(&[inputs.path()], out.path(), &[]);
    assert!(o.status.success());
    let stderr = text(&o.stderr);
    assert_eq!(
        stderr.matches("skipped 3 files of unknown kind").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("slides.pptx"), "{stderr}");
}

#[test]
fn the_root_and_the_home_folder_are_refused_as_output() {
    let home = tempfile::tempdir().unwrap();
    for out in ["/", home.path().to_str().unwrap()] {
        let o = Command::new(env!("CARGO_BIN_EXE_mgi"))
            .args(["build", "--no-pdf", "inputs", "-o", out])
            .current_dir(root())
            .env("HOME", home.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(
            text(&o.stderr).contains("refusing to write"),
            "{}",
            text(&o.stderr)
        );
    }
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}

#[test]
fn zero_jobs_or_timeout_are_usage_errors() {
    for args in [["-j", "0"], ["--typst-timeout", "0"]] {
        let mut all = vec!["build", "--no-pdf", "-o", "/nonexistent/never"];
        all.extend(args);
        let o = mgi(&all, &root());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

/// Run `mgi` with its stdout a pipe whose reader is gone: every write fails.
fn with_closed_stdout(args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [
        &["check", "inputs", "tests/fixtures/corpus"][..],
        &["schema"],
        &["parse", "inputs/mali-2021-fr-web.txt"],
    ] {
        let o = with_closed_stdout(args);
        let stderr = text(&o.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(o.status.code(), Some(101), "{args:?}");
    }
    // `| head -1` by the shell, as a user types it.
    let bin = env!("CARGO_BIN_EXE_mgi");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{bin}' check inputs tests/fixtures/corpus 2>&1 | head -1"
        ))
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(text(&o.stdout).lines().count(), 1);
    assert!(!text(&o.stdout).contains("panicked"));
}

#[test]
fn parse_reads_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let bytes = std::fs::read(root().join("inputs/mali-2021-fr-web.txt")).unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let p: mgi::model::Profile = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(p.id, "mali-2021-fr");
    assert_eq!(p.source, "<stdin>");
    assert_eq!(p.findings().count(), 23);
}

#[test]
fn one_bad_manifest_cell_loses_only_that_cell() {
    let inputs = folder_with(&[
        "corpus/mali-2021-fr-web.txt",
        "corpus/ghana-2022-en-web.txt",
    ]);
    // As a French-locale spreadsheet saves it: `;` between cells.
    std::fs::write(
        inputs.path().join("manifest.csv"),
        "file;level;year;source_url\n\
         mali-2021-fr-web.txt;regional;20x1;https://example.org/mali\n\
         nosuch.txt;national;;\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = build_no_pdf(&[inputs.path()], out.path(), &[]);
    let stderr = text(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("2 profiles built, 0 failed"), "{stderr}");
    assert!(
        stderr.contains("manifest.csv:2: warning: level (national or local) `regional`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("manifest.csv:2: warning: year `20x1`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("manifest.csv:3: warning: no file `nosuch.txt`"),
        "{stderr}"
    );
    let mali = std::fs::read_to_string(out.path().join("json/mali-2021-fr.json")).unwrap();
    assert!(
        mali.contains("https://example.org/mali"),
        "the row's other cells are kept"
    );
}

#[test]
fn check_prints_json_and_denies_warnings_when_asked() {
    let o = mgi(&["check", "inputs", "--message-format", "json"], &root());
    assert!(o.status.success());
    let problems: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 3);
    assert_eq!(problems[0]["severity"], "warning");
    assert_eq!(problems[0]["line"], 40);
    let o = mgi(&["check", "inputs", "--deny-warnings"], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("checked 8 files: 0 errors, 3 warnings"));
    let o = mgi(&["check", "inputs/ghana-2022-en-web.txt"], &root());
    assert!(text(&o.stderr).contains("checked 1 file: 0 errors, 0 warnings"));
}

#[test]
fn diff_warns_about_doubtful_pairs_unless_forced() {
    let corpus = |f: &str| format!("tests/fixtures/corpus/{f}");
    let (mali, ghana) = (
        corpus("mali-2021-fr-web.txt"),
        corpus("ghana-2022-en-web.txt"),
    );
    let o = mgi(&["diff", &mali, &ghana], &root());
    assert_eq!(o.status.code(), Some(1));
    let stderr = text(&o.stderr);
    assert!(stderr.contains("different places"), "{stderr}");
    assert!(stderr.contains("different languages"), "{stderr}");
    assert!(o.stdout.is_empty());
    assert!(
        mgi(&["diff", "--force", &mali, &ghana], &root())
            .status
            .success()
    );

    let (old, new) = (
        corpus("niger-2019-fr-web.txt"),
        corpus("niger-2022-fr-web.txt"),
    );
    let o = mgi(&["diff", &new, &old], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("backwards"), "{}", text(&o.stderr));

    let o = mgi(&["diff", &old, &new], &root());
    assert!(o.status.success());
    assert!(text(&o.stdout).contains("  = "));
    let o = mgi(
        &["diff", "--changes-only", "--exit-code", &old, &new],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1), "there are changes");
    let report = text(&o.stdout);
    assert!(
        !report.contains("  = ") && report.contains("  + "),
        "{report}"
    );
    let o = mgi(&["diff", "--exit-code", &old, &old], &root());
    assert_eq!(o.status.code(), Some(0), "no changes");
    let o = mgi(&["diff", "--color", "always", &old, &new], &root());
    assert!(text(&o.stdout).contains("\x1b[32m  + "));
    let o = mgi(&["diff", "--color", "never", &old, &new], &root());
    assert!(!text(&o.stdout).contains('\x1b'));
}

#[test]
fn colour_follows_the_choice_and_no_color() {
    let out = tempfile::tempdir().unwrap();
    let run = |color: &str, no_color: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mgi"));
        cmd.args([
            "build",
            "--no-pdf",
            "inputs/ghana-2022-en-web.txt",
            "--color",
            color,
            "-o",
        ])
        .arg(out.path())
        .current_dir(root());
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        text(&cmd.output().unwrap().stderr)
    };
    assert!(run("always", true).contains("\x1b["));
    assert!(!run("never", false).contains('\x1b'));
    // Not a terminal: no colour by default.
    assert!(!run("auto", false).contains('\x1b'));
}

#[test]
fn init_makes_an_inputs_folder_and_says_what_next() {
    let dir = tempfile::tempdir().unwrap();
    let o = mgi(&["init"], dir.path());
    assert!(o.status.success());
    assert!(text(&o.stderr).contains("mgi build"), "{}", text(&o.stderr));
    let manifest = std::fs::read_to_string(dir.path().join("inputs/manifest.csv")).unwrap();
    let (rows, problems) = mgi::manifest::parse(Path::new("manifest.csv"), &manifest).unwrap();
    assert!(
        rows.is_empty() && problems.is_empty(),
        "{rows:?} {problems:?}"
    );
    assert!(manifest.lines().nth(1).unwrap().starts_with('#'));
    // A second run leaves the filled-in manifest alone.
    std::fs::write(dir.path().join("inputs/manifest.csv"), "file\n").unwrap();
    assert!(mgi(&["init"], dir.path()).status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("inputs/manifest.csv")).unwrap(),
        "file\n"
    );
}

#[test]
fn version_names_typst_and_the_templates() {
    let o = mgi(&["--version"], &root());
    assert!(o.status.success());
    let v = text(&o.stdout);
    assert!(
        v.starts_with(&format!("mgi {}\n", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    assert!(v.contains("typst"), "{v}");
    assert!(v.contains("templates"), "{v}");
    // Outside the project, the templates are the built-in ones.
    let elsewhere = tempfile::tempdir().unwrap();
    let v = text(&mgi(&["--version"], elsewhere.path()).stdout);
    assert!(v.contains("templates built in"), "{v}");
}

#[test]
fn no_command_is_a_usage_error() {
    assert_eq!(mgi(&[], &root()).status.code(), Some(2));
}

/// A stand-in for typst that answers `--version` like 0.15.1 and runs `body`.
fn fake_typst(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join("typst");
    std::fs::write(
        &p,
        format!("#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; exit 0; fi\n{body}\n"),
    )
    .unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

#[test]
fn ctrl_c_says_interrupted() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let typst = fake_typst(dir.path(), "sleep 20");
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(["build", "inputs/mali-2021-fr-web.txt", "-o"])
        .arg(&out)
        .current_dir(root())
        .env("TYPST", &typst)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    // The build has begun (and its handler is in place) once it names typst.
    stderr.read_line(&mut first).unwrap();
    assert!(first.starts_with("using   typst"), "{first}");
    // SAFETY: sends a signal to the child started above.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(rest.contains("interrupted"), "{rest}");
    assert!(!rest.contains("panicked"), "{rest}");
}

/// Copy every file of `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn a_build_inside_its_input_folder_twice_gives_the_same_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("profiles");
    copy_tree(&root().join("inputs"), &folder);
    let run = || {
        let o = mgi(&["build", "."], &folder);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let stderr = text(&o.stderr);
        assert!(
            stderr.contains("8 profiles built, 0 failed, 177 findings"),
            "{stderr}"
        );
        snapshot(&folder.join("out"))
    };
    let first = run();
    assert!(first.contains_key(Path::new("pdf/compendium.pdf")));
    let second = run();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &first {
        assert!(bytes == &second[name], "{} differs", name.display());
    }
    // Even given by name, a file in the output folder is not an input.
    let o = mgi(&["build", ".", "out/pdf/mali-2021-fr.pdf"], &folder);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("never read as input"));
}

/// The checkout's tracked sources, enough to build the crate.
fn copy_crate(to: &Path) {
    for f in ["Cargo.toml", "Cargo.lock", "build.rs", "README.md"] {
        std::fs::create_dir_all(to).unwrap();
        std::fs::copy(root().join(f), to.join(f)).unwrap();
    }
    for d in ["src", "templates", "data", "benches"] {
        copy_tree(&root().join(d), &to.join(d));
    }
}

#[test]
fn an_installed_mgi_works_in_any_folder_once_its_checkout_is_gone() {
    let work = tempfile::tempdir().unwrap();
    let checkout = work.path().join("checkout");
    copy_crate(&checkout);
    // Dependencies built once and kept between test runs.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("install-target");
    let prefix = work.path().join("prefix");
    let o = Command::new(option_env!("CARGO").unwrap_or("cargo"))
        .args(["install", "--debug", "--locked", "--quiet", "--path"])
        .arg(&checkout)
        .arg("--root")
        .arg(&prefix)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    std::fs::remove_dir_all(&checkout).unwrap();

    let elsewhere = work.path().join("elsewhere");
    copy_tree(&root().join("inputs"), &elsewhere.join("inputs"));
    // typst is found on PATH, as after a system install.
    let path = format!(
        "{}:{}",
        root().join(".tools/bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new(prefix.join("bin/mgi"))
        .arg("build")
        .current_dir(&elsewhere)
        .env("PATH", path)
        .env_remove("TYPST")
        .output()
        .unwrap();
    let stderr = text(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("templates built in"), "{stderr}");
    assert!(
        stderr.contains("8 profiles built, 0 failed, 177 findings"),
        "{stderr}"
    );
    let book = elsewhere.join("out/pdf/compendium.pdf");
    assert!(pdf_text(&book).contains("Mali"));
    assert!(pdf_text(&elsewhere.join("out/pdf/mali-2021-fr.pdf")).contains("Droits des migrants"));
}

#[test]
fn a_build_where_there_are_no_inputs_writes_nothing() {
    // As `../target/release/mgi build` run from `src/`.
    let dir = tempfile::tempdir().unwrap();
    let o = mgi(&["build"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("inputs: no such file or folder"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn parse_fails_on_a_manifest_it_cannot_use() {
    let inputs = folder_with(&["corpus/mali-2021-fr-web.txt"]);
    std::fs::write(inputs.path().join("manifest.csv"), "file,colour\nx,y\n").unwrap();
    let file = inputs.path().join("mali-2021-fr-web.txt");
    let o = mgi(&["parse", file.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("manifest.csv:1: error: unknown column `colour`"));
    assert!(o.stdout.is_empty());
}

#[test]
fn templates_come_from_the_folder_asked_for_else_the_built_in_set() {
    let dir = tempfile::tempdir().unwrap();
    // Writes its output file (the last argument) and nothing else.
    let typst = fake_typst(dir.path(), "for last; do :; done; echo pdf > \"$last\"");
    let mine = dir.path().join("my-templates");
    copy_tree(&root().join("templates"), &mine);
    std::fs::write(mine.join("profile.typ"), "// my design\n").unwrap();
    let input = root().join("inputs/ghana-2022-en-web.txt");
    let build = |cwd: &Path, extra: &[&str]| {
        let out = dir.path().join("out");
        let o = Command::new(env!("CARGO_BIN_EXE_mgi"))
            .arg("build")
            .arg(&input)
            .args(["--no-compendium", "-o"])
            .arg(&out)
            .args(extra)
            .current_dir(cwd)
            .env("TYPST", &typst)
            .output()
            .unwrap();
        let staged = std::fs::read(out.join(".templates/profile.typ")).ok();
        (o, staged)
    };
    let (o, staged) = build(dir.path(), &["--templates", mine.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains(&format!("templates from folder {}", mine.display())));
    assert_eq!(staged.unwrap(), b"// my design\n");

    // Elsewhere, without --templates: the set built into mgi.
    let (o, staged) = build(dir.path(), &[]);
    assert!(
        text(&o.stderr).contains("templates built in"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(
        staged.unwrap(),
        std::fs::read(root().join("templates/profile.typ")).unwrap()
    );
    assert!(
        text(&o.stderr).contains("built   ghana"),
        "a template change makes the PDF again"
    );

    // A folder that is no template set is a set-up error.
    let (o, _) = build(
        dir.path(),
        &["--templates", dir.path().join("out").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no profile.typ"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn doctor_says_what_is_there_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let typst = fake_typst(dir.path(), "exit 0");
    let doctor = |typst: &Path| {
        Command::new(env!("CARGO_BIN_EXE_mgi"))
            .args(["doctor", "-o"])
            .arg(dir.path().join("out"))
            .current_dir(dir.path())
            .env("TYPST", typst)
            .output()
            .unwrap()
    };
    let o = doctor(&typst);
    let report = text(&o.stdout);
    assert!(o.status.success(), "{report}");
    assert!(report.contains("ok      typst"), "{report}");
    assert!(report.contains("ok      pdftotext"), "{report}");
    assert!(report.contains("ok      output"), "{report}");
    assert!(!dir.path().join("out").exists(), "doctor writes nothing");
    let o = doctor(Path::new("/nonexistent/typst"));
    assert_eq!(o.status.code(), Some(1));
    let report = text(&o.stdout);
    assert!(
        report.contains("missing typst") && report.contains("scripts/setup"),
        "{report}"
    );
}
