//! `mgi --version` and `mgi doctor`: what mgi runs with, and what is missing.

use std::path::Path;
use std::process::{Command, ExitCode};

use mgi::render::{Templates, Typst};

/// The version, the typst found and where templates come from.
pub fn version() -> String {
    let typst = match Typst::find() {
        Ok(t) => format!(
            "typst {} ({})",
            mgi::render::TYPST_VERSION,
            t.program.display()
        ),
        Err(e) => format!("typst: {e}"),
    };
    let templates = match Templates::resolve(None) {
        Ok(t) => format!("templates {}", t.describe()),
        Err(e) => format!("templates: {e}"),
    };
    format!("mgi {}\n{typst}\n{templates}\n", env!("CARGO_PKG_VERSION"))
}

/// What one check found: the thing and where, or what to do to get it.
enum Check {
    Found(String),
    Missing(String),
}

impl Check {
    fn of<E: std::fmt::Display>(result: Result<String, E>) -> Check {
        match result {
            Ok(found) => Check::Found(found),
            Err(todo) => Check::Missing(todo.to_string()),
        }
    }
}

/// Print one check; whether it found what it looked for.
fn report(name: &str, check: Check) -> bool {
    match &check {
        Check::Found(found) => println!("ok      {name:<10} {found}"),
        Check::Missing(todo) => println!("missing {name:<10} {todo}"),
    }
    matches!(check, Check::Found(_))
}

pub fn doctor(out: &Path) -> ExitCode {
    let typst = Typst::find()
        .map(|t| {
            format!(
                "typst {} at {}",
                mgi::render::TYPST_VERSION,
                t.program.display()
            )
        })
        .map_err(|e| format!("{e} (needed for PDFs; `--no-pdf` builds without it)"));
    let typst = Check::of(typst);
    let mut version = Command::new("pdftotext");
    version.arg("-v");
    let limits = mgi::tool::Limits {
        timeout: std::time::Duration::from_secs(30),
        stdout: 0,
        stderr: 4096,
    };
    let pdftotext = mgi::tool::run(version, limits)
        .map(|o| {
            let text = String::from_utf8_lossy(&o.stderr).into_owned();
            text.lines().next().unwrap_or("pdftotext").to_string()
        })
        .map_or_else(
            |_| Check::Missing("pdftotext not found: install poppler-utils (Debian, Ubuntu: `apt-get install poppler-utils`) to read PDF profiles".to_string()),
            Check::Found,
        );
    let write =
        Check::of(mgi::setup::check_out(out).map(|()| format!("{} may be written", out.display())));
    let templates = Templates::resolve(None).map(|t| t.describe());
    let templates = Check::of(templates);
    let all = [
        report("typst", typst),
        report("pdftotext", pdftotext),
        report("output", write),
        report("templates", templates),
    ];
    if all.iter().all(|ok| *ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
