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

/// One check: what was found, or what to do.
fn report(name: &str, result: Result<String, String>) -> bool {
    match &result {
        Ok(found) => println!("ok      {name:<10} {found}"),
        Err(todo) => println!("missing {name:<10} {todo}"),
    }
    result.is_ok()
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
        .map_err(|_| {
            "pdftotext not found: install poppler-utils (Debian, Ubuntu: `apt-get install poppler-utils`) to read PDF profiles".to_string()
        });
    let write = mgi::setup::check_out(out)
        .map(|()| format!("{} may be written", out.display()))
        .map_err(|e| e.to_string());
    let templates = Templates::resolve(None)
        .map(|t| t.describe())
        .map_err(|e| e.to_string());
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
