//! `mgi completions SHELL` and `mgi man`: what a shell and `man` need,
//! made from the command line's own definition so that they never drift.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

/// The shells completion scripts are made for.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl From<Shell> for clap_complete::Shell {
    fn from(s: Shell) -> Self {
        match s {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

/// Print the completion script of `shell` on stdout.
pub fn completions(shell: Shell) -> ExitCode {
    let mut cmd = crate::Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(clap_complete::Shell::from(shell), &mut cmd, "mgi", &mut out);
    finish(out.flush())
}

/// Print the manual page (roff) on stdout, or, given a folder, write the
/// page of `mgi` and of each of its commands into it (`mgi.1`,
/// `mgi-build.1` …), the pages the main one refers to.
pub fn man(dir: Option<&Path>) -> ExitCode {
    let cmd = crate::Cli::command();
    let Some(dir) = dir else {
        let mut out = std::io::stdout().lock();
        let page = clap_mangen::Man::new(cmd);
        return finish(page.render(&mut out).and_then(|()| out.flush()));
    };
    let written = std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir));
    if let Err(e) = written {
        eprintln!(
            "error: {}: cannot write the manual pages: {e}",
            dir.display()
        );
        return ExitCode::from(1);
    }
    eprintln!("wrote the manual pages into {}", dir.display());
    ExitCode::SUCCESS
}

fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            ExitCode::from(1)
        }
    }
}
