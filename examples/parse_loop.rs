//! Parse the shipped profiles (`inputs/`) `N` times (default 5), for
//! profilers and instruction counters: `scripts/parse-instructions` runs it
//! under valgrind. `ONLY=zimbabwe` keeps the inputs whose path holds that.
//! `WARM=1` parses once before the counted passes (see `measured_passes`).

use mgi::read::{self, Form};

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let only = std::env::var("ONLY").unwrap_or_default();
    let passes: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let inputs: Vec<_> = mgi::inputs::discover(&[dir], &[])
        .files
        .into_iter()
        .filter(|f| read::detect_form(f, &[]) != Form::Pdf)
        .filter(|f| f.to_string_lossy().contains(only.as_str()))
        .map(|f| {
            let bytes = std::fs::read(&f).expect("input readable");
            (f, bytes)
        })
        .collect();
    // One pass first when asked (`WARM=1`), so that a profiler told to
    // collect only inside `measured_passes` sees no one-time set-up.
    if std::env::var_os("WARM").is_some() {
        measured_passes(&inputs, 0);
        parse_all(&inputs);
    }
    measured_passes(&inputs, passes);
}

#[inline(never)]
fn measured_passes(inputs: &[(std::path::PathBuf, Vec<u8>)], passes: usize) {
    for _ in 0..passes {
        parse_all(inputs);
    }
}

fn parse_all(inputs: &[(std::path::PathBuf, Vec<u8>)]) {
    for (path, bytes) in inputs {
        let (doc, _) = read::read_bytes(path, bytes, Form::Auto).expect("readable");
        let rec = mgi::recognise::recognise(&doc).expect("a profile");
        std::hint::black_box(mgi::profile::assemble(rec, path, Default::default()));
    }
}
