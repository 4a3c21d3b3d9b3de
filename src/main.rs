//! The `mgi` command line: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use mgi::build::{self, BuildOptions, Compendium, Outcome};
use mgi::error::Diagnostic;
use mgi::export::csv::CsvOptions;
use mgi::export::json;
use mgi::model::Profile;
use mgi::profile;
use mgi::read::Form;

#[derive(Parser)]
#[command(
    name = "mgi",
    version,
    about = "Migration Governance Indicators profiles in, clean data (JSON, CSV) and printable PDFs out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the normalized model of one profile as JSON.
    Parse {
        file: PathBuf,
        /// Input form (auto decides by extension and content).
        #[arg(long, value_enum, default_value = "auto")]
        format: Form,
    },
    /// Build JSON, PDF and CSV for every profile under the inputs.
    Build {
        /// Profile files or folders (walked recursively).
        #[arg(default_value = "inputs")]
        inputs: Vec<PathBuf>,
        /// Output folder.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "auto")]
        format: Form,
        /// Start the CSV files with a byte-order mark so that Excel shows accents right.
        #[arg(long)]
        excel: bool,
        /// Keep CSV cells exactly as in the model, even those a spreadsheet would run as formulas.
        #[arg(long)]
        raw_csv: bool,
        /// Only JSON and CSV: do not make PDFs.
        #[arg(long)]
        no_pdf: bool,
        /// Do not make pdf/compendium.pdf (the book of all profiles).
        #[arg(long)]
        no_compendium: bool,
        /// Rebuild every profile, even those that did not change.
        #[arg(long)]
        force: bool,
        /// How many profiles to work on at once (default: the number of CPUs).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Seconds one typst compile may take before it is stopped.
        #[arg(long, default_value_t = 120)]
        typst_timeout: u64,
        /// PDF standard(s) for typst's `--pdf-standard` (e.g. `a-2b`, `a-2b,ua-1`), or `none`.
        #[arg(long, value_name = "STD", default_value = mgi::render::DEFAULT_PDF_STANDARD, value_parser = pdf_standard_arg)]
        pdf_standard: String,
        /// Print only failures and the summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Compare two editions of a profile: findings unchanged, reworded, removed, added.
    Diff {
        /// The older profile (any input form).
        old: PathBuf,
        /// The newer profile.
        new: PathBuf,
        /// Print the changes as JSON instead of the report.
        #[arg(long)]
        json: bool,
        /// Also write a change report as PDF.
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
        /// Seconds the typst compile of the report may take before it is stopped.
        #[arg(long, default_value_t = 120)]
        typst_timeout: u64,
        /// PDF standard(s) of the report, as for `build`.
        #[arg(long, value_name = "STD", default_value = mgi::render::DEFAULT_PDF_STANDARD, value_parser = pdf_standard_arg)]
        pdf_standard: String,
    },
    /// Report problems of profiles before they are ingested (`path:line: error|warning: message`).
    Check {
        #[arg(default_value = "inputs")]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "auto")]
        format: Form,
    },
    /// Print the JSON Schema of the model (`json/<id>.json`, `mgi parse`).
    Schema,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { file, format } => parse(&file, format),
        Command::Check { inputs, format } => check(&inputs, format),
        Command::Diff {
            old,
            new,
            json,
            pdf,
            typst_timeout,
            pdf_standard,
        } => {
            let render = pdf.map(|pdf| DiffPdf {
                pdf,
                timeout: std::time::Duration::from_secs(typst_timeout),
                pdf_standard: Some(pdf_standard).filter(|s| s != "none"),
            });
            diff(&old, &new, json, render.as_ref())
        }
        Command::Schema => {
            print!("{}", mgi::export::schema::profile_schema());
            ExitCode::SUCCESS
        }
        Command::Build {
            inputs,
            out,
            format,
            excel,
            raw_csv,
            no_pdf,
            no_compendium,
            force,
            jobs,
            typst_timeout,
            pdf_standard,
            quiet,
        } => {
            if let Some(n) = jobs {
                // Only fails when a pool exists already, which it cannot here.
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global();
            }
            run_build(
                BuildOptions {
                    inputs,
                    out,
                    form: format,
                    csv: CsvOptions {
                        excel,
                        raw: raw_csv,
                    },
                    pdf: !no_pdf,
                    compendium: !no_compendium,
                    force,
                    typst_timeout: std::time::Duration::from_secs(typst_timeout),
                    pdf_standard: Some(pdf_standard).filter(|s| s != "none"),
                    project_root: project_root(),
                },
                quiet,
            )
        }
    }
}

/// The folder that holds `templates/`: the current folder when it has one,
/// else the folder the tool was built from.
fn project_root() -> PathBuf {
    if let Some(home) = std::env::var_os("MGI_HOME") {
        return PathBuf::from(home);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if cwd.join("templates/profile.typ").is_file() {
        cwd
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }
}

fn print_warnings(p: &Profile) {
    let path = Path::new(&p.source);
    for w in &p.warnings {
        eprintln!("{}", Diagnostic::warning(path, w.line, &w.message));
    }
}

fn parse(file: &Path, form: Form) -> ExitCode {
    let (_, manifests, errors) = build::collect_inputs(&[file.to_path_buf()]);
    for e in &errors {
        eprintln!("{e}");
    }
    match profile::parse_file_noting(file, form, manifests.get(file)) {
        Ok((p, note)) => {
            print!("{}", json::to_json(&p));
            print_warnings(&p);
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

fn check(inputs: &[PathBuf], form: Form) -> ExitCode {
    let (files, manifests, errors) = build::collect_inputs(inputs);
    let mut n_errors = errors.len();
    for e in &errors {
        println!("{e}");
    }
    let mut n_warnings = 0;
    for result in build::parse_all(&files, &manifests, form) {
        match result {
            Ok(p) => {
                for w in &p.warnings {
                    println!(
                        "{}",
                        Diagnostic::warning(Path::new(&p.source), w.line, &w.message)
                    );
                }
                n_warnings += p.warnings.len();
            }
            Err(e) => {
                println!("{e}");
                n_errors += 1;
            }
        }
    }
    if files.is_empty() && errors.is_empty() {
        eprintln!("no profile files found in {}", display_list(inputs));
        return ExitCode::from(1);
    }
    eprintln!(
        "checked {} file{}: {} error{}, {} warning{}",
        files.len(),
        plural(files.len()),
        n_errors,
        plural(n_errors),
        n_warnings,
        plural(n_warnings)
    );
    if n_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_build(opts: BuildOptions, quiet: bool) -> ExitCode {
    let start = Instant::now();
    let (files, manifests, errors) = build::collect_inputs(&opts.inputs);
    for e in &errors {
        eprintln!("{e}");
    }
    if files.is_empty() {
        eprintln!("no profile files found in {}", display_list(&opts.inputs));
        return ExitCode::from(1);
    }
    let bar = progress_bar(files.len(), quiet);
    let report = build::build_with_progress(&opts, &files, &manifests, &|| bar.inc(1));
    bar.finish_and_clear();
    let (mut built, mut failed, mut findings) = (0, 0, 0);
    for outcome in &report.outcomes {
        match outcome {
            Outcome::Built {
                profile,
                reused,
                compiled,
                output_error,
            } => {
                findings += profile.findings().count();
                let w = profile.warnings.len();
                let warn = if w > 0 {
                    format!(", {w} warning{}", plural(w))
                } else {
                    String::new()
                };
                match output_error {
                    None => {
                        built += 1;
                        let verb = if *reused && !*compiled {
                            "same"
                        } else {
                            "built"
                        };
                        if !quiet {
                            println!(
                                "{verb:<7} {:<28} {}{}  ({})",
                                profile.id,
                                build::counts(profile),
                                warn,
                                profile.source
                            );
                        }
                    }
                    Some(e) => {
                        failed += 1;
                        println!("failed  {:<28} {}", profile.id, e);
                    }
                }
            }
            Outcome::Failed(e) => {
                failed += 1;
                println!("failed  {e}");
            }
        }
    }
    match &report.compendium {
        // Named relative to the output folder, like the summary line.
        Some(Compendium::Built(_)) if !quiet => {
            println!("built   {:<28} pdf/compendium.pdf", "compendium")
        }
        Some(Compendium::Same(_)) if !quiet => {
            println!("same    {:<28} pdf/compendium.pdf", "compendium")
        }
        Some(Compendium::Failed(e)) => println!("failed  {:<28} {e}", "compendium"),
        _ => {}
    }
    for e in &report.output_errors {
        println!("error: {e}");
    }
    if !quiet {
        for p in &report.removed {
            println!("removed {}", p.display());
        }
    }
    println!(
        "{built} profile{} built, {failed} failed, {findings} findings; outputs in {} ({:.1} s)",
        plural(built),
        opts.out.display(),
        start.elapsed().as_secs_f64()
    );
    if report.ok() && errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Where and how to render the change report.
struct DiffPdf {
    pdf: PathBuf,
    timeout: std::time::Duration,
    pdf_standard: Option<String>,
}

fn diff(old: &Path, new: &Path, as_json: bool, render: Option<&DiffPdf>) -> ExitCode {
    let (_, manifests, errors) = build::collect_inputs(&[old.to_path_buf(), new.to_path_buf()]);
    for e in &errors {
        eprintln!("{e}");
    }
    let parsed = [old, new].map(|f| profile::parse_file(f, Form::Auto, manifests.get(f)));
    let [Ok(a), Ok(b)] = &parsed else {
        for e in parsed.iter().filter_map(|r| r.as_ref().err()) {
            eprintln!("{e}");
        }
        return ExitCode::from(1);
    };
    let d = mgi::diff::diff(a, b);
    let data = serde_json::to_string_pretty(&d).expect("a diff serializes") + "\n";
    if as_json {
        print!("{data}");
    } else {
        print!("{}", mgi::diff::report(&d));
    }
    if let Some(DiffPdf {
        pdf,
        timeout,
        pdf_standard,
    }) = render
    {
        let root = project_root();
        let folder = pdf.parent().filter(|p| !p.as_os_str().is_empty());
        let inputs = [("mgi-version", mgi::render::MGI_VERSION.to_string())];
        let made = folder
            .map_or(Ok(()), mgi::fsutil::create_dir)
            .and_then(|()| mgi::render::Typst::locate(&root))
            .and_then(|mut t| {
                t.timeout = *timeout;
                t.pdf_standard = pdf_standard.clone();
                t.compile_json(
                    &root,
                    &root.join("templates/diff.typ"),
                    data.as_bytes(),
                    pdf,
                    &inputs,
                )
            });
        match made {
            Ok(()) => eprintln!("wrote {}", pdf.display()),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

/// A checked `--pdf-standard` value (`none` for no standard).
fn pdf_standard_arg(value: &str) -> Result<String, String> {
    mgi::render::parse_pdf_standard(value).map(|s| s.unwrap_or_else(|| "none".into()))
}

/// A progress bar on stderr while profiles are built: only on a terminal
/// (a log or a pipe gets the per-profile lines alone), and not with `--quiet`.
fn progress_bar(len: usize, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let style =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} profiles  {rate}  ETA {eta}")
            .expect("valid template")
            .with_key(
                "rate",
                |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.1}/s", s.per_sec());
                },
            );
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
