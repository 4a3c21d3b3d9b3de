//! Completion scripts and the manual page are made from the command line
//! itself: each names every subcommand.

mod common;

use common::*;

const SUBCOMMANDS: [&str; 10] = [
    "gcm",
    "build",
    "parse",
    "check",
    "diff",
    "schema",
    "doctor",
    "init",
    "completions",
    "man",
];

fn stdout_of(args: &[&str]) -> String {
    let out = mgi(args, &root());
    assert!(
        out.status.success(),
        "mgi {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "mgi {args:?} wrote to stderr");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: `{sub}` missing");
        }
        // Options of a subcommand are completed too.
        assert!(
            script.contains("no-compendium"),
            "{shell}: build's options missing"
        );
    }
}

#[test]
fn the_shells_own_syntax_is_used() {
    assert!(stdout_of(&["completions", "bash"]).contains("complete -F"));
    assert!(stdout_of(&["completions", "zsh"]).starts_with("#compdef mgi"));
    assert!(stdout_of(&["completions", "fish"]).contains("complete -c mgi"));
    assert!(stdout_of(&["completions", "powershell"]).contains("Register-ArgumentCompleter"));
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = mgi(&["completions", "tcsh"], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcsh"));
}

#[test]
fn manual_page_is_roff_naming_the_subcommands() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie"),
        "not roff: {}",
        &page[..page.len().min(80)]
    );
    assert!(page.contains(".TH mgi"));
    for sub in SUBCOMMANDS {
        assert!(page.contains(&format!("mgi\\-{sub}(1)")), "`{sub}` missing");
    }
}

#[test]
fn manual_pages_of_every_command_go_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    let out = mgi(&["man", "-o", man.to_str().unwrap()], &root());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let main = std::fs::read_to_string(man.join("mgi.1")).unwrap();
    assert!(main.contains(".TH mgi 1"));
    for sub in SUBCOMMANDS {
        let page = std::fs::read_to_string(man.join(format!("mgi-{sub}.1")))
            .unwrap_or_else(|e| panic!("mgi-{sub}.1: {e}"));
        assert!(
            page.contains(&format!(".TH mgi-{sub} 1")),
            "mgi-{sub}.1: {page}"
        );
        assert!(
            page.contains(env!("CARGO_PKG_VERSION")),
            "mgi-{sub}.1 has no version"
        );
    }
    let build = std::fs::read_to_string(man.join("mgi-build.1")).unwrap();
    assert!(build.contains("no\\-compendium"));
}
