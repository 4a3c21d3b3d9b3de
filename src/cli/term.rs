//! The terminal: colour, the progress bar, Ctrl-C and closed pipes.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream: `auto` colours a terminal unless
    /// `NO_COLOR` is set (to anything but the empty string).
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// ANSI colours, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn for_stderr(choice: ColorChoice) -> Style {
        Style {
            color: choice.enabled(std::io::stderr().is_terminal()),
        }
    }

    pub fn for_stdout(choice: ColorChoice) -> Style {
        Style {
            color: choice.enabled(std::io::stdout().is_terminal()),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    pub fn red(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// Die quietly on a closed pipe (`mgi check | head -1`), as other Unix
/// tools do, instead of failing on every later write.
pub fn restore_sigpipe() {
    // SAFETY: setting a signal's disposition to its default at start-up,
    // before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// On Ctrl-C: clear the progress bar's line, say so, and end as the
/// signal would have. Every output already written is complete (they are
/// renamed into place); the next build removes temporary files.
pub fn on_interrupt_say_so() {
    extern "C" fn handler(_: libc::c_int) {
        const MSG: &[u8] = b"\r\x1b[2K\ninterrupted: the outputs written so far are complete; run the build again to finish\n";
        const PLAIN: &[u8] = b"\ninterrupted: the outputs written so far are complete; run the build again to finish\n";
        // SAFETY: only async-signal-safe calls (isatty, write, signal, raise).
        unsafe {
            let msg = if libc::isatty(2) == 1 { MSG } else { PLAIN };
            libc::write(2, msg.as_ptr().cast(), msg.len());
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::raise(libc::SIGINT);
        }
    }
    // SAFETY: installs a handler that makes only async-signal-safe calls.
    unsafe {
        libc::signal(libc::SIGINT, handler as *const () as libc::sighandler_t);
    }
}

static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// On Ctrl-C, only note it (see [`interrupted`]): for a command that ends
/// at a point of its own choosing, tidy.
pub fn on_interrupt_note_it() {
    extern "C" fn handler(_: libc::c_int) {
        // An atomic store is async-signal-safe.
        INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    // SAFETY: installs a handler that only stores to an atomic.
    unsafe {
        libc::signal(libc::SIGINT, handler as *const () as libc::sighandler_t);
        libc::signal(libc::SIGTERM, handler as *const () as libc::sighandler_t);
    }
}

/// Whether Ctrl-C was pressed since [`on_interrupt_note_it`].
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// A progress bar on stderr while profiles are built: only on a terminal
/// (a log or a pipe gets the per-profile lines alone), and not with `--quiet`.
pub fn progress_bar(len: usize, quiet: bool) -> indicatif::ProgressBar {
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

/// The bar becomes a labelled spinner for a phase that has no count.
pub fn bar_phase(bar: &indicatif::ProgressBar, label: String) {
    let style = indicatif::ProgressStyle::with_template("{spinner} {msg}  {elapsed}")
        .expect("valid template");
    bar.set_style(style);
    bar.set_message(label);
}
