//! `mgi parse` and `mgi check`: models and problems on stdout.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mgi::error::Diagnostic;
use mgi::inputs;
use mgi::read::{Form, MAX_INPUT_BYTES};

use super::{count, list};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[arg(default_value = "inputs")]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_parser = crate::form_parser(), default_value = "auto")]
    pub format: Form,
    /// How problems are printed: `text` lines, or one JSON array.
    #[arg(long, value_enum, default_value = "text")]
    pub message_format: MessageFormat,
    /// Exit with 1 when there is a warning, as for an error (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Text,
    Json,
}

/// The name stdin goes by in messages and in `source`.
const STDIN_NAME: &str = "<stdin>";

pub fn parse(file: &Path, form: Form) -> ExitCode {
    let result = if file == Path::new("-") {
        read_stdin()
            .and_then(|bytes| mgi::profile::parse_bytes(Path::new(STDIN_NAME), &bytes, form, None))
            .map(|p| (p, None))
    } else {
        let found = inputs::discover(&[file.to_path_buf()], &[]);
        if !found.missing.is_empty() {
            eprintln!("error: {}: no such file", file.display());
            return ExitCode::from(2);
        }
        let mut bad = false;
        for e in &found.errors {
            eprintln!("{e}");
            bad = true;
        }
        for p in &found.manifest_problems {
            eprintln!("{p}");
        }
        if bad {
            return ExitCode::from(1);
        }
        mgi::profile::parse_file_noting(file, form, found.manifests.get(file))
    };
    match result {
        Ok((p, note)) => {
            print!("{}", mgi::export::json::to_json(&p));
            for w in &p.warnings {
                eprintln!(
                    "{}",
                    Diagnostic::warning(Path::new(&p.source), w.line, &w.message)
                );
            }
            // How the file was read (a model attached to an mgi PDF), apart
            // from the model so that the JSON is exactly the attached one.
            if let Some(w) = note {
                eprintln!("{}", Diagnostic::warning(file, w.line, &w.message));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Standard input, bounded like any input file.
fn read_stdin() -> Result<Vec<u8>, mgi::error::InputError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| mgi::error::InputError::io(Path::new(STDIN_NAME), e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(mgi::error::InputError::new(
            Path::new(STDIN_NAME),
            None,
            mgi::error::InputErrorKind::StdinTooLarge,
        ));
    }
    Ok(bytes)
}

/// One problem, as `check --message-format json` prints it.
#[derive(serde::Serialize)]
struct Problem {
    path: String,
    line: Option<usize>,
    severity: &'static str,
    message: String,
}

/// For a PDF, the form it was read as and why (`read as a printed report
/// (a running header on 10 of 12 pages …)`). The PDF is read again: `check`
/// is for vetting, and the note is worth the time.
fn pdf_form_note(path: &Path, form: Form) -> Option<String> {
    let is_pdf = match form {
        Form::Pdf => true,
        Form::Auto => {
            let mut head = [0u8; 5];
            let n = std::fs::File::open(path)
                .and_then(|mut f| f.read(&mut head))
                .unwrap_or(0);
            mgi::read::detect_form(path, &head[..n]) == Form::Pdf
        }
        _ => false,
    };
    if !is_pdf {
        return None;
    }
    let (doc, _) = mgi::read::read_file(path, Form::Pdf).ok()?;
    doc.read_as.map(|r| format!("read as {r}"))
}

pub fn check(args: &CheckArgs) -> ExitCode {
    let found = inputs::discover(&args.inputs, &[]);
    if !found.missing.is_empty() {
        for m in &found.missing {
            eprintln!("error: {}: no such file or folder", m.display());
        }
        return ExitCode::from(2);
    }
    let mut problems: Vec<Problem> = Vec::new();
    let mut push = |path: &Path, line, severity, message: &str| {
        problems.push(Problem {
            path: mgi::error::display_path(path),
            line,
            severity,
            message: message.to_string(),
        })
    };
    for e in &found.errors {
        push(&e.path, e.line, "error", &e.message());
    }
    for p in &found.manifest_problems {
        push(&p.path, p.line, "warning", &p.message);
    }
    let results = mgi::build::parse_all(&found.files, &found.manifests, args.format);
    // Warnings that name text of the key findings the model does not carry.
    let mut unplaced = 0;
    for result in &results {
        match result {
            Ok(p) => {
                if let Some(note) = pdf_form_note(Path::new(&p.source), args.format) {
                    push(Path::new(&p.source), None, "note", &note);
                }
                for w in &p.warnings {
                    push(Path::new(&p.source), w.line, "warning", &w.message);
                    unplaced += usize::from(w.unplaced_text);
                }
            }
            Err(e) => push(&e.path, e.line, "error", &e.message()),
        }
    }
    if found.files.is_empty() && found.errors.is_empty() {
        eprintln!("no profile files found in {}", list(&args.inputs));
        return ExitCode::from(1);
    }
    print_problems(&problems, args.message_format);
    let errors = problems.iter().filter(|p| p.severity == "error").count();
    let warnings = problems.iter().filter(|p| p.severity == "warning").count();
    if !found.unknown.is_empty() {
        eprintln!(
            "skipped {} of unknown kind: {}",
            count(found.unknown.len(), "file", "files"),
            list(&found.unknown)
        );
    }
    eprintln!(
        "checked {}: {}, {}",
        count(found.files.len(), "file", "files"),
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings")
    );
    if unplaced > 0 {
        eprintln!(
            "{} name text of the key findings that is in no finding",
            count(unplaced, "warning", "warnings")
        );
    }
    if errors > 0 || unplaced > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_problems(problems: &[Problem], format: MessageFormat) {
    match format {
        MessageFormat::Json => {
            let text = serde_json::to_string_pretty(problems).expect("problems serialize");
            println!("{text}");
        }
        MessageFormat::Text => {
            for p in problems {
                let path = PathBuf::from(&p.path);
                let d = match p.severity {
                    "error" => Diagnostic::error(&path, p.line, &p.message),
                    "note" => Diagnostic::note(&path, &p.message),
                    _ => Diagnostic::warning(&path, p.line, &p.message),
                };
                println!("{d}");
            }
        }
    }
}
