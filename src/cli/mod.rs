//! The commands of the `mgi` binary, one module each, and the terminal
//! they talk to.

pub mod build;
pub mod check;
pub mod diff;
pub mod doctor;
pub mod gcm;
pub mod init;
pub mod shell;
pub mod term;
pub mod watch;

/// "1 profile", "2 profiles".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Paths as a comma-separated list, for messages.
pub fn list(paths: &[std::path::PathBuf]) -> String {
    paths
        .iter()
        .map(|p| mgi::error::display_path(p))
        .collect::<Vec<_>>()
        .join(", ")
}
