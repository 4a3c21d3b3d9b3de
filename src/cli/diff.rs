//! `mgi diff`: the changes between two editions, on stdout.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mgi::diff::{ChangeKind, ProfileDiff};
use mgi::render::{RenderConfig, Renderer, Templates};

use super::build::{pdf_standard_arg, typst_for};
use super::term::{ColorChoice, Style};
use mgi::read::Form;

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The older profile (any input form).
    pub old: PathBuf,
    /// The newer profile.
    pub new: PathBuf,
    /// Print the changes as JSON instead of the report.
    #[arg(long)]
    pub json: bool,
    /// Also write a change report as PDF.
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// Leave unchanged findings out of the report and the JSON.
    #[arg(long)]
    pub changes_only: bool,
    /// Exit with 1 when there are changes (as `git diff --exit-code`).
    #[arg(long)]
    pub exit_code: bool,
    /// Compare even profiles of different places or languages, or in
    /// backwards order.
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_parser = crate::form_parser(), default_value = "auto")]
    pub format: Form,
    /// PDF standard(s) of the change report, as for `mgi build` (default
    /// `a-3a,ua-1`: archival and accessible, like every PDF of a build).
    #[arg(long, value_name = "STD", default_value = mgi::render::DEFAULT_PDF_STANDARD, value_parser = pdf_standard_arg)]
    pub pdf_standard: String,
    /// Seconds the typst compile may take before it is stopped.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub typst_timeout: u64,
    /// Template folder to use instead of the built-in templates.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn diff(args: &DiffArgs, color: ColorChoice) -> ExitCode {
    let found = mgi::inputs::discover(&[args.old.clone(), args.new.clone()], &[]);
    if !found.missing.is_empty() {
        for m in &found.missing {
            eprintln!("error: {}: no such file or folder", m.display());
        }
        return ExitCode::from(2);
    }
    for e in &found.errors {
        eprintln!("{e}");
    }
    let parsed = [&args.old, &args.new]
        .map(|f| mgi::profile::parse_file(f, args.format, found.manifests.get(f)));
    let [Ok(a), Ok(b)] = &parsed else {
        for e in parsed.iter().filter_map(|r| r.as_ref().err()) {
            eprintln!("{e}");
        }
        return ExitCode::from(1);
    };
    let mismatches = mgi::diff::mismatches(a, b);
    for m in &mismatches {
        eprintln!("warning: {m}");
    }
    if !mismatches.is_empty() && !args.force {
        eprintln!("error: not compared; pass --force to compare them anyway");
        return ExitCode::from(1);
    }
    let mut d = mgi::diff::diff(a, b);
    if args.changes_only {
        for list in &mut d.domains {
            list.changes.retain(|c| c.change != ChangeKind::Unchanged);
        }
        d.domains.retain(|l| !l.changes.is_empty());
    }
    if args.json {
        let data = serde_json::to_string_pretty(&d).expect("a diff serializes");
        println!("{data}");
    } else {
        print!(
            "{}",
            coloured(&mgi::diff::report(&d), Style::for_stdout(color))
        );
    }
    if let Some(pdf) = &args.pdf
        && let Err(e) = write_pdf(args, &d, pdf)
    {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    let t = d.totals;
    if args.exit_code && t.reworded + t.removed + t.added > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The report's lines coloured by their mark.
fn coloured(report: &str, style: Style) -> String {
    if !style.color {
        return report.to_string();
    }
    let mut out = String::new();
    for line in report.lines() {
        let mark = line.trim_start().chars().next().unwrap_or(' ');
        let painted = match (line.starts_with("  "), mark) {
            (true, '+') => style.green(line),
            (true, '-') => style.red(line),
            (true, '~') | (true, '→') => style.yellow(line),
            (true, '=') => style.dim(line),
            _ => line.to_string(),
        };
        out.push_str(&painted);
        out.push('\n');
    }
    out
}

/// The change report, made by the one rendering path with the typst,
/// standard and timeout asked for; the templates are staged in a folder of
/// their own, removed afterwards.
fn write_pdf(args: &DiffArgs, d: &ProfileDiff, pdf: &Path) -> anyhow::Result<()> {
    let templates = Templates::resolve(args.templates.as_deref())?;
    let typst = typst_for(&args.pdf_standard, args.typst_timeout)?;
    if let Some(folder) = pdf.parent().filter(|p| !p.as_os_str().is_empty()) {
        mgi::fsutil::create_dir(folder)?;
    }
    let work = std::env::temp_dir().join(format!("mgi-diff-{}", std::process::id()));
    let config = RenderConfig::new(typst, templates, work.join("templates"));
    let data = serde_json::to_string_pretty(d).expect("a diff serializes") + "\n";
    let result = Renderer::new(config)
        .and_then(|r| r.change_report(data.as_bytes(), &mgi::setup::absolute(pdf)));
    let _ = std::fs::remove_dir_all(&work);
    result?;
    eprintln!("wrote {}", pdf.display());
    Ok(())
}
