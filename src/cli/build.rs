//! `mgi build`: set-up checks, then the build, its lines as they happen and
//! its summary, all on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use mgi::build::{self, BuildOptions, BuildReport, Compendium, Event, Outcome};
use mgi::compendium::{Grouping, VolumeOptions};
use mgi::error::Diagnostic;
use mgi::export::csv::CsvOptions;
use mgi::inputs::{self, Inputs};
use mgi::model::Profile;
use mgi::render::{Templates, Typst};
use mgi::setup::{self, SetupError};

use super::term::{self, Style};
use super::{count, list};
use mgi::read::Form;

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Profile files or folders (walked recursively).
    #[arg(default_value = "inputs")]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "out")]
    pub out: PathBuf,
    #[arg(long, value_parser = crate::form_parser(), default_value = "auto")]
    pub format: Form,
    /// Start the CSV files with a byte-order mark so that Excel shows accents right.
    #[arg(long)]
    pub excel: bool,
    /// Keep CSV cells exactly as in the model, even those a spreadsheet would run as formulas.
    #[arg(long)]
    pub raw_csv: bool,
    /// Only JSON and CSV: do not make PDFs.
    #[arg(long)]
    pub no_pdf: bool,
    /// Do not make the compendium (the book of all profiles).
    #[arg(long)]
    pub no_compendium: bool,
    /// Split the compendium into volumes by language, level or UN M49 region.
    #[arg(long, value_enum, value_name = "GROUPING", default_value = "none")]
    pub compendium_by: GroupingArg,
    /// Profiles in one volume of the compendium at most; a larger group is
    /// split into numbered volumes.
    #[arg(long, value_name = "N", default_value_t = mgi::compendium::DEFAULT_MAX_PROFILES as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub compendium_max_profiles: u32,
    /// Rebuild every profile given, even those that did not change.
    #[arg(long)]
    pub force: bool,
    /// Remove the outputs of every profile in OUT that is not given now.
    #[arg(long)]
    pub prune: bool,
    /// Print what would be built, kept and removed, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How many profiles to work on at once (default: the number of CPUs).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Seconds one typst compile may take before it is stopped.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub typst_timeout: u64,
    /// PDF standard(s) for typst's `--pdf-standard` (e.g. `a-2b`, `a-2b,ua-1`), or `none`.
    #[arg(long, value_name = "STD", default_value = mgi::render::DEFAULT_PDF_STANDARD, value_parser = pdf_standard_arg)]
    pub pdf_standard: String,
    /// Template folder to use instead of the built-in templates (default:
    /// `templates/` of the current folder when it has a `profile.typ`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Print only failures and the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Build, then rebuild what changes whenever an input, a manifest or a
    /// template is saved, until Ctrl-C.
    #[arg(short, long, conflicts_with = "dry_run")]
    pub watch: bool,
}

/// What the volumes of the compendium are made of.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum GroupingArg {
    /// One book (split only by the size cap).
    None,
    /// A volume per language.
    Language,
    /// National and local profiles apart.
    Level,
    /// A volume per UN M49 region (Africa, Americas, Asia, Europe, Oceania).
    Region,
}

impl From<GroupingArg> for Grouping {
    fn from(g: GroupingArg) -> Self {
        match g {
            GroupingArg::None => Grouping::None,
            GroupingArg::Language => Grouping::Language,
            GroupingArg::Level => Grouping::Level,
            GroupingArg::Region => Grouping::Region,
        }
    }
}

/// A checked `--pdf-standard` value (`none` for no standard).
pub fn pdf_standard_arg(value: &str) -> Result<String, mgi::render::PdfStandardError> {
    mgi::render::parse_pdf_standard(value).map(|s| s.unwrap_or_else(|| "none".into()))
}

/// The typst a command uses, with the standard and timeout asked for.
pub fn typst_for(pdf_standard: &str, timeout: u64) -> Result<Typst, SetupError> {
    let mut t = Typst::find().map_err(SetupError::Typst)?;
    t.pdf_standard = Some(pdf_standard.to_string()).filter(|s| s != "none");
    t.timeout = Duration::from_secs(timeout);
    Ok(t)
}

/// Everything a build needs, checked before anything is written.
fn set_up(args: &BuildArgs, found: &Inputs) -> Result<BuildOptions, SetupError> {
    if let Some(missing) = found.missing.first() {
        return Err(SetupError::MissingInput(missing.clone()));
    }
    setup::check_out(&args.out)?;
    let templates = Templates::resolve(args.templates.as_deref())?;
    let typst = if args.no_pdf {
        None
    } else {
        Some(typst_for(&args.pdf_standard, args.typst_timeout)?)
    };
    Ok(BuildOptions {
        out: args.out.clone(),
        form: args.format,
        csv: CsvOptions {
            excel: args.excel,
            raw: args.raw_csv,
        },
        typst,
        force: args.force,
        prune: args.prune,
        compendium: !args.no_compendium,
        volumes: VolumeOptions {
            by: args.compendium_by.into(),
            max_profiles: args.compendium_max_profiles as usize,
        },
        templates,
    })
}

pub fn run(args: &BuildArgs, style: Style) -> ExitCode {
    if let Some(n) = args.jobs {
        // Only fails when a pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.into())
            .build_global();
    }
    if args.watch {
        return super::watch::watch(args, style);
    }
    term::on_interrupt_say_so();
    build_once(args, style, Round::Whole)
}

/// Which build of a command this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// The build of `mgi build`, or the first of `--watch`: everything said.
    Whole,
    /// A rebuild of `--watch`: only what changed is said, with no progress bar.
    Rebuild,
}

/// One build: set-up checks, the build, its lines and its summary.
pub fn build_once(args: &BuildArgs, style: Style, round: Round) -> ExitCode {
    let start = Instant::now();
    let found = inputs::discover(&args.inputs, std::slice::from_ref(&args.out));
    let opts = match set_up(args, &found) {
        Ok(o) => o,
        Err(e) => {
            for missing in found.missing.iter().skip(1) {
                eprintln!(
                    "{}: {}",
                    style.red("error"),
                    SetupError::MissingInput(missing.clone())
                );
            }
            eprintln!("{}: {e}", style.red("error"));
            return ExitCode::from(2);
        }
    };
    if args.dry_run {
        return dry_run(&opts, &found);
    }
    for e in &found.errors {
        eprintln!("{e}");
    }
    for p in &found.manifest_problems {
        eprintln!("{p}");
    }
    if found.files.is_empty() {
        eprintln!("no profile files found in {}", list(&args.inputs));
        say_skipped(&found);
        return ExitCode::from(1);
    }
    if let Err(e) = setup::make_out(&args.out) {
        eprintln!("{}: {e}", style.red("error"));
        return ExitCode::from(2);
    }
    if let (Some(t), false, Round::Whole) = (&opts.typst, args.quiet, round) {
        eprintln!(
            "using   typst {} ({}), templates {}",
            mgi::render::TYPST_VERSION,
            t.program.display(),
            opts.templates.describe()
        );
    }
    let bar = term::progress_bar(found.files.len(), args.quiet || round == Round::Rebuild);
    let printer = Printer {
        style,
        quiet: args.quiet,
        changed_only: round == Round::Rebuild,
        bar: &bar,
    };
    let report =
        build::build_with_progress(&opts, &found.files, &found.manifests, &|e| printer.event(e));
    bar.finish_and_clear();
    summary(args, &found, &report, style, start, round)
}

/// `--dry-run`: what would be built, kept and removed, on stdout.
fn dry_run(opts: &BuildOptions, found: &Inputs) -> ExitCode {
    let plan = build::plan(opts, &found.files, &found.manifests);
    for f in &plan.build {
        println!("build   {}", f.display());
    }
    for f in &plan.same {
        println!("same    {}", f.display());
    }
    for id in &plan.kept {
        println!("keep    {id}");
    }
    for f in &plan.remove {
        println!("remove  {}", f.display());
    }
    say_skipped(found);
    eprintln!(
        "dry run: {} to build, {} unchanged, {} kept, {} to remove; nothing written",
        plan.build.len(),
        plan.same.len(),
        plan.kept.len(),
        count(plan.remove.len(), "file", "files")
    );
    ExitCode::SUCCESS
}

/// Prints each input's line (and its warnings) as it is done.
struct Printer<'a> {
    style: Style,
    quiet: bool,
    /// Say nothing of the inputs left as they were.
    changed_only: bool,
    bar: &'a indicatif::ProgressBar,
}

impl Printer<'_> {
    fn event(&self, event: Event) {
        match event {
            Event::Input(outcome) => {
                let same = matches!(
                    outcome,
                    Outcome::Built {
                        reused: true,
                        compiled: false,
                        output_error: None,
                        ..
                    }
                );
                let lines = if same && self.changed_only {
                    Vec::new()
                } else {
                    outcome_lines(outcome, self.style, self.quiet)
                };
                if !lines.is_empty() {
                    // One write, so that lines of two profiles never mix.
                    self.bar.suspend(|| eprintln!("{}", lines.join("\n")));
                }
                self.bar.inc(1);
            }
            Event::Phase(name) => term::bar_phase(
                self.bar,
                format!("{name}: typst is making the book of the profiles"),
            ),
        }
    }
}

/// The line of one input and its warnings (only failures with `quiet`).
fn outcome_lines(outcome: &Outcome, style: Style, quiet: bool) -> Vec<String> {
    match outcome {
        Outcome::Built {
            output_error: Some(e),
            profile,
            ..
        } => vec![format!("{} {:<28} {e}", style.red("failed "), profile.id)],
        Outcome::Failed(e) => vec![format!("{} {e}", style.red("failed "))],
        _ if quiet => Vec::new(),
        Outcome::Built {
            profile,
            reused,
            compiled,
            ..
        } => {
            let verb = if *reused && !*compiled {
                style.dim("same   ")
            } else {
                style.green("built  ")
            };
            let w = profile.warnings.len();
            let warn = if w > 0 {
                format!(", {}", count(w, "warning", "warnings"))
            } else {
                String::new()
            };
            let mut lines = vec![format!(
                "{verb} {:<28} {}{warn}  ({})",
                profile.id,
                build::counts(profile),
                profile.source
            )];
            lines.extend(warning_lines(profile, style));
            lines
        }
    }
}

/// A profile's warnings in the `path:line: warning: …` form of `check`.
pub fn warning_lines(p: &Profile, style: Style) -> Vec<String> {
    let path = Path::new(&p.source);
    p.warnings
        .iter()
        .map(|w| {
            let text = Diagnostic::warning(path, w.line, &w.message).to_string();
            text.replacen("warning:", &style.yellow("warning:"), 1)
        })
        .collect()
}

fn say_skipped(found: &Inputs) {
    if !found.unknown.is_empty() {
        eprintln!(
            "skipped {} of unknown kind: {} (profiles are {})",
            count(found.unknown.len(), "file", "files"),
            list(&found.unknown),
            mgi::inputs::PROFILE_EXTENSIONS
                .map(|e| format!(".{e}"))
                .join(" ")
        );
    }
    if !found.outputs_skipped.is_empty() {
        eprintln!(
            "skipped {} (output of mgi, never read as input)",
            list(&found.outputs_skipped)
        );
    }
}

fn summary(
    args: &BuildArgs,
    found: &Inputs,
    report: &BuildReport,
    style: Style,
    start: Instant,
    round: Round,
) -> ExitCode {
    let quiet = args.quiet;
    for (name, outcome) in &report.compendium {
        // Named relative to the output folder, like the summary line.
        match outcome {
            Compendium::Built(_) if !quiet => {
                eprintln!("{} {name:<28} pdf/{name}.pdf", style.green("built  "))
            }
            Compendium::Same(_) if !quiet && round == Round::Whole => {
                eprintln!("{} {name:<28} pdf/{name}.pdf", style.dim("same   "))
            }
            Compendium::Failed(e) => eprintln!("{} {name:<28} {e}", style.red("failed ")),
            _ => {}
        }
    }
    for e in &report.output_errors {
        eprintln!("{}: {e}", style.red("error"));
    }
    for id in &report.lost {
        eprintln!(
            "{}: {id}: its JSON is gone from {}; build its source again to keep it",
            style.yellow("warning"),
            args.out.join("json").display()
        );
    }
    if !args.quiet {
        for p in &report.removed {
            eprintln!("removed {}", p.display());
        }
    }
    if round == Round::Rebuild {
        return rebuild_summary(found, report, start);
    }
    say_skipped(found);
    let (mut built, mut failed, mut findings) = (0, found.errors.len(), 0);
    for o in &report.outcomes {
        match o {
            Outcome::Built {
                profile,
                output_error: None,
                ..
            } => {
                built += 1;
                findings += profile.findings().count();
            }
            _ => failed += 1,
        }
    }
    let kept = if report.kept > 0 {
        format!(", {} kept from earlier builds", report.kept)
    } else {
        String::new()
    };
    eprintln!(
        "{} built, {failed} failed, {}{kept}; outputs in {} ({:.1} s)",
        count(built, "profile", "profiles"),
        count(findings, "finding", "findings"),
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    if report.ok() && found.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The line closing a rebuild of `--watch`: what changed, what failed.
fn rebuild_summary(found: &Inputs, report: &BuildReport, start: Instant) -> ExitCode {
    let mut rebuilt = 0;
    let mut failed = found.errors.len();
    for o in &report.outcomes {
        match o {
            Outcome::Built {
                reused: true,
                compiled: false,
                output_error: None,
                ..
            } => {}
            Outcome::Built {
                output_error: None, ..
            } => rebuilt += 1,
            _ => failed += 1,
        }
    }
    eprintln!(
        "rebuilt {}, {failed} failed ({:.1} s); watching for changes (Ctrl-C to stop)",
        count(rebuilt, "profile", "profiles"),
        start.elapsed().as_secs_f64()
    );
    if report.ok() && found.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
