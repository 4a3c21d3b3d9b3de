//! The `mgi` command line: a thin layer over the library.
//!
//! Data (the model, the schema, the diff report, check's problems) goes to
//! stdout; everything else to stderr. Exit codes: 0 done, 1 an input or an
//! output failed, 2 a usage or set-up error (nothing was written).

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use mgi::read::Form;

use cli::term::ColorChoice;

#[derive(Parser)]
#[command(
    name = "mgi",
    version,
    propagate_version = true,
    disable_version_flag = true,
    about = "Migration Governance Indicators profiles in, clean data (JSON, CSV) and printable PDFs out"
)]
pub struct Cli {
    /// Print the version, the typst found and where templates come from.
    #[arg(short = 'V', long)]
    version: bool,
    /// Colour in messages: `auto` on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The `--format` values: the library's forms by their names, each with its
/// line of help.
pub fn form_parser() -> impl TypedValueParser<Value = Form> {
    let names = Form::ALL.map(|f| PossibleValue::new(f.as_str()).help(f.help()));
    // The names were checked against `Form::ALL` before this runs.
    PossibleValuesParser::new(names).map(|name| Form::named(&name).unwrap_or(Form::Auto))
}

#[derive(Subcommand)]
enum Command {
    /// Print the normalized model of one profile as JSON (`-` reads stdin).
    Parse {
        file: PathBuf,
        /// Input form (auto decides by extension and content).
        #[arg(long, value_parser = form_parser(), default_value = "auto")]
        format: Form,
    },
    /// Build JSON, PDF and CSV for profiles into an output folder.
    Build(cli::build::BuildArgs),
    /// Compare two editions of a profile: findings unchanged, reworded, removed, added.
    Diff(cli::diff::DiffArgs),
    /// Report problems of profiles before they are ingested (`path:line: error|warning: message`).
    Check(cli::check::CheckArgs),
    /// Print the JSON Schema of the model (`json/<id>.json`, `mgi parse`).
    Schema,
    /// Print the 23 objectives of the Global Compact for Migration, with
    /// their titles in English, French and Spanish.
    Gcm {
        /// Print the table as JSON (with where each title was read).
        #[arg(long)]
        json: bool,
    },
    /// Check what mgi needs (typst, pdftotext, a writable output folder).
    Doctor {
        /// The output folder to check.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
    },
    /// Make `inputs/` with a `manifest.csv` to fill in, in the current folder.
    Init,
    /// Print a shell completion script (bash, zsh, fish, powershell) on stdout.
    Completions {
        #[arg(value_enum)]
        shell: cli::shell::Shell,
    },
    /// Print the manual page (roff) on stdout, or write a page per command into a folder.
    Man {
        /// Write `mgi.1` and `mgi-<command>.1` for each command into this folder.
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    cli::term::restore_sigpipe();
    let args = Cli::parse();
    let style = cli::term::Style::for_stderr(args.color);
    if args.version {
        print!("{}", cli::doctor::version());
        return ExitCode::SUCCESS;
    }
    let Some(command) = args.command else {
        eprintln!(
            "mgi: a command is needed (build, parse, check, diff, schema, gcm, doctor, init, completions, man); see `mgi --help`"
        );
        return ExitCode::from(2);
    };
    match command {
        Command::Parse { file, format } => cli::check::parse(&file, format),
        Command::Check(a) => cli::check::check(&a),
        Command::Diff(a) => cli::diff::diff(&a, args.color),
        Command::Schema => {
            print!("{}", mgi::export::schema::profile_schema());
            ExitCode::SUCCESS
        }
        Command::Gcm { json } => cli::gcm::print(json),
        Command::Build(a) => cli::build::run(&a, style),
        Command::Doctor { out } => cli::doctor::doctor(&out),
        Command::Init => cli::init::init(),
        Command::Completions { shell } => cli::shell::completions(shell),
        Command::Man { out } => cli::shell::man(out.as_deref()),
    }
}
