//! The one way mgi runs another program (typst, poppler's `pdftotext`,
//! `pdftohtml` and `pdfdetach`, LibreOffice): with a deadline, and with what it prints
//! kept up to a bound (the rest is read and dropped, so that it never blocks
//! on a full pipe).
//!
//! The runner sleeps in `poll` on the program's pipes and on its exit (a
//! pidfd), so that its end is noticed at once, with no polling interval nor
//! a thread per pipe: thousands of short compiles run through here. Children
//! it leaves behind holding a pipe open are not waited for.

use std::io::Read;
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// How long a program may run and how much of its output is kept.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    /// Bytes of standard output kept (`0`: standard output is not captured).
    pub stdout: u64,
    /// Bytes of standard error kept.
    pub stderr: u64,
}

/// What a program that ran to its end left.
#[derive(Debug)]
pub struct Finished {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    /// Standard output held more than [`Limits::stdout`] bytes.
    pub stdout_cut: bool,
    pub stderr: Vec<u8>,
}

/// Why a program did not run to its end.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("not installed")]
    NotFound,
    #[error("cannot be run: {0}")]
    Spawn(std::io::Error),
    #[error("timed out after {} s and was stopped", .0.as_secs())]
    TimedOut(Duration),
    #[error("{0}")]
    Io(std::io::Error),
}

/// Run `cmd` (its standard input closed) within `limits`.
pub fn run(cmd: Command, limits: Limits) -> Result<Finished, ToolError> {
    run_as(cmd, limits, false)
}

/// [`run`] in a process group of its own, the whole group stopped at the
/// deadline: for a program that starts others (LibreOffice's `soffice`).
pub(crate) fn run_group(mut cmd: Command, limits: Limits) -> Result<Finished, ToolError> {
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    run_as(cmd, limits, true)
}

fn run_as(mut cmd: Command, limits: Limits, group: bool) -> Result<Finished, ToolError> {
    let stdout = if limits.stdout > 0 {
        Stdio::piped()
    } else {
        Stdio::null()
    };
    cmd.stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ToolError::NotFound,
        _ => ToolError::Spawn(e),
    })?;
    let deadline = Instant::now() + limits.timeout;
    let mut out = Pipe::new(child.stdout.take(), limits.stdout);
    let mut err = Pipe::new(child.stderr.take(), limits.stderr);
    let exited = match watch(&child, &mut out, &mut err, deadline) {
        Ok(exited) => exited,
        Err(Stop::TimedOut) => {
            return stop(&mut child, group, ToolError::TimedOut(limits.timeout));
        }
        Err(Stop::Io(e)) => return stop(&mut child, group, ToolError::Io(e)),
    };
    let status = if exited {
        child.wait().map_err(ToolError::Io)?
    } else {
        wait_until(&mut child, group, deadline, limits.timeout)?
    };
    Ok(Finished {
        status,
        stdout_cut: out.cut,
        stdout: out.kept,
        stderr: err.kept,
    })
}

/// Why watching a program ended early.
enum Stop {
    TimedOut,
    Io(std::io::Error),
}

/// Read both pipes until they close or the program exits (then what they
/// still hold, without waiting for their end). Returns whether the exit was
/// seen.
fn watch(
    child: &Child,
    out: &mut Pipe<ChildStdout>,
    err: &mut Pipe<ChildStderr>,
    deadline: Instant,
) -> Result<bool, Stop> {
    let exit_fd = exit_notifier(child);
    let mut exited = false;
    while out.open() || err.open() || (exit_fd.is_some() && !exited) {
        let left = time_left(deadline).ok_or(Stop::TimedOut)?;
        let mut fds = Vec::with_capacity(3);
        if let Some(p) = &out.pipe {
            fds.push(PollFd::new(p, PollFlags::IN));
        }
        if let Some(p) = &err.pipe {
            fds.push(PollFd::new(p, PollFlags::IN));
        }
        if let (Some(fd), false) = (&exit_fd, exited) {
            fds.push(PollFd::new(fd, PollFlags::IN));
        }
        match poll(&mut fds, Some(&left)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => continue,
            Ok(_) => {}
            Err(e) => return Err(Stop::Io(e.into())),
        }
        let ready: Vec<bool> = fds.iter().map(|f| !f.revents().is_empty()).collect();
        drop(fds);
        let mut ready = ready.into_iter();
        if out.open() && ready.next() == Some(true) {
            out.read_some().map_err(Stop::Io)?;
        }
        if err.open() && ready.next() == Some(true) {
            err.read_some().map_err(Stop::Io)?;
        }
        if ready.next() == Some(true) {
            exited = true;
            out.read_what_is_there(deadline);
            err.read_what_is_there(deadline);
        }
    }
    Ok(exited)
}

/// No exit notification: the pipes closed, the program is ending (or closed
/// them early and goes on, so the deadline still holds).
fn wait_until(
    child: &mut Child,
    group: bool,
    deadline: Instant,
    timeout: Duration,
) -> Result<ExitStatus, ToolError> {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if time_left(deadline).is_none() => {
                return stop(child, group, ToolError::TimedOut(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => return Err(ToolError::Io(e)),
        }
    }
}

/// One output pipe of the program and what was kept of it.
struct Pipe<R> {
    pipe: Option<R>,
    kept: Vec<u8>,
    limit: u64,
    cut: bool,
}

impl<R: Read + rustix::fd::AsFd> Pipe<R> {
    fn new(pipe: Option<R>, limit: u64) -> Self {
        Pipe {
            pipe,
            kept: Vec::new(),
            limit,
            cut: false,
        }
    }

    fn open(&self) -> bool {
        self.pipe.is_some()
    }

    /// Read what is there (after `poll` said so); closes the pipe at its end.
    fn read_some(&mut self) -> std::io::Result<()> {
        let Some(pipe) = self.pipe.as_mut() else {
            return Ok(());
        };
        let mut buf = [0u8; 65536];
        match pipe.read(&mut buf) {
            Ok(0) => self.pipe = None,
            Ok(n) => {
                let room = usize::try_from(self.limit)
                    .unwrap_or(usize::MAX)
                    .saturating_sub(self.kept.len());
                self.kept.extend_from_slice(&buf[..n.min(room)]);
                self.cut |= n > room;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// After the exit: what the pipe still holds, without waiting for its
    /// end (a child of the program may hold it open).
    fn read_what_is_there(&mut self, deadline: Instant) {
        let now = Timespec::default();
        while time_left(deadline).is_some() {
            let Some(p) = &self.pipe else { return };
            let ready = poll(&mut [PollFd::new(p, PollFlags::IN)], Some(&now));
            if ready.unwrap_or(0) == 0 || self.read_some().is_err() {
                break;
            }
        }
        self.pipe = None;
    }
}

/// A descriptor that becomes readable when `child` exits (Linux pidfd).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exit_notifier(child: &Child) -> Option<std::os::fd::OwnedFd> {
    use rustix::process::{Pid, PidfdFlags, pidfd_open};
    pidfd_open(Pid::from_child(child), PidfdFlags::empty()).ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exit_notifier(_child: &Child) -> Option<std::os::fd::OwnedFd> {
    None
}

/// Time until `deadline`, or `None` once it has passed.
fn time_left(deadline: Instant) -> Option<Timespec> {
    let left = deadline.saturating_duration_since(Instant::now());
    (!left.is_zero()).then(|| {
        Timespec::try_from(left).unwrap_or(Timespec {
            tv_sec: i64::MAX,
            tv_nsec: 0,
        })
    })
}

/// Kill (with its process group when it has one of its own) and reap the
/// program; the run fails with `error`.
fn stop<T>(child: &mut Child, group: bool, error: ToolError) -> Result<T, ToolError> {
    if group && let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script]);
        cmd
    }

    fn limits(secs: u64, stdout: u64) -> Limits {
        Limits {
            timeout: Duration::from_secs(secs),
            stdout,
            stderr: 1 << 20,
        }
    }

    #[test]
    fn stderr_is_read_whole_and_failure_reported() {
        let done = run(
            sh("i=0; while [ $i -lt 5000 ]; do echo 'error: line of forty characters......' >&2; i=$((i+1)); done; exit 3"),
            limits(600, 0),
        )
        .unwrap();
        assert_eq!(done.status.code(), Some(3));
        assert_eq!(String::from_utf8_lossy(&done.stderr).lines().count(), 5000);
    }

    #[test]
    fn both_pipes_are_read_and_stdout_is_bounded() {
        // Far more than a pipe holds on both streams: neither blocks.
        let done = run(
            sh("head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2; echo end >&2"),
            limits(600, 100_000),
        )
        .unwrap();
        assert!(done.status.success());
        assert_eq!(done.stdout.len(), 100_000);
        assert!(done.stdout_cut);
        assert_eq!(done.stderr.len(), 200_004);
        let whole = run(sh("printf abc"), limits(600, 3)).unwrap();
        assert_eq!(
            (whole.stdout.as_slice(), whole.stdout_cut),
            (&b"abc"[..], false)
        );
    }

    #[test]
    fn children_left_holding_stderr_are_not_waited_for() {
        // The command ends at once; its child keeps stderr open for minutes.
        let done = run(sh("sleep 300 & echo $! >&2; echo done >&2"), limits(120, 0)).unwrap();
        let stderr = String::from_utf8_lossy(&done.stderr).into_owned();
        let mut lines = stderr.lines();
        let child = lines.next().unwrap().to_string();
        let _ = Command::new("kill").arg(&child).status();
        assert!(done.status.success());
        assert_eq!(lines.next(), Some("done"));
    }

    #[test]
    fn a_command_that_closes_its_pipes_and_hangs_is_stopped() {
        let err = run(sh("exec 2>&-; exec sleep 300"), limits(1, 0)).unwrap_err();
        assert_eq!(err.to_string(), "timed out after 1 s and was stopped");
    }

    #[test]
    fn a_group_is_stopped_whole() {
        // The command starts a child that would outlive it, then hangs.
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("child");
        let script = format!(
            "sleep 300 & echo $! > {}; exec sleep 300",
            pid_file.display()
        );
        let err = run_group(sh(&script), limits(1, 0)).unwrap_err();
        assert!(matches!(err, ToolError::TimedOut(_)), "{err:?}");
        let child = std::fs::read_to_string(&pid_file).unwrap();
        // The child is gone, or a zombie at most (a SIGKILL lands at once,
        // but the process table may show it a moment longer).
        let running = || {
            std::fs::read_to_string(format!("/proc/{}/stat", child.trim()))
                .is_ok_and(|stat| !stat.contains(") Z "))
        };
        for _ in 0..200 {
            if !running() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(!running(), "the group's child still runs");
    }

    #[test]
    fn a_missing_program_is_said_to_be_missing() {
        let err = run(Command::new("mgi-no-such-program"), limits(1, 0)).unwrap_err();
        assert!(matches!(err, ToolError::NotFound), "{err:?}");
    }
}
