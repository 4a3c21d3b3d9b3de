//! Parse throughput on the shipped profiles (`inputs/`), from memory:
//! read (decode, HTML/print/text reader) → recognise → assemble.
//!
//! `cargo bench --bench parse`; `parse/all` is the figure quoted in the
//! README (every profile once per iteration, bytes of all of them).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use mgi::manifest::ManifestEntry;
use mgi::read::{self, Form};
use mgi::{profile, recognise};

struct Input {
    path: PathBuf,
    bytes: Vec<u8>,
    manifest: ManifestEntry,
}

fn inputs() -> Vec<Input> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs");
    let found = mgi::inputs::discover(&[dir], &[]);
    assert!(found.errors.is_empty(), "inputs/: {:?}", found.errors);
    let manifests = found.manifests;
    found
        .files
        .into_iter()
        // A PDF is read by an external program, not from memory.
        .filter(|f| read::detect_form(f, &[]) != Form::Pdf)
        .map(|f| Input {
            bytes: std::fs::read(&f).expect("input readable"),
            manifest: manifests.get(&f).cloned().unwrap_or_default(),
            path: f,
        })
        .collect()
}

fn parse(input: &Input) -> mgi::model::Profile {
    let (doc, _) = read::read_bytes(&input.path, &input.bytes, Form::Auto).expect("readable");
    let rec = recognise::recognise(&doc).expect("a profile");
    profile::assemble(rec, &input.path, input.manifest.clone())
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    assert!(!inputs.is_empty(), "no profiles in inputs/");
    let total: usize = inputs.iter().map(|i| i.bytes.len()).sum();

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("all", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(parse(black_box(input)));
            }
        })
    });
    for input in &inputs {
        let name = input
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        group.throughput(Throughput::Bytes(input.bytes.len() as u64));
        group.measurement_time(Duration::from_secs(2));
        group.bench_function(name, |b| b.iter(|| black_box(parse(black_box(input)))));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
