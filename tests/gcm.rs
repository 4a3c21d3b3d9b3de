//! The GCM tagger measured against findings labelled by hand by the
//! labelling convention described in the README ("GCM objectives"):
//! `tests/fixtures/gcm/labels.json` (English, French and Spanish test
//! profiles, labelled before the lexicons were written) and
//! `labels-unseen.json` (other test profiles, labelled after the lexicons
//! were tuned and never used to tune them).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

#[derive(Deserialize)]
struct Labelled {
    profile: String,
    language: String,
    text: String,
    objectives: Vec<u8>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn add(self, o: Tally) -> Tally {
        Tally {
            tp: self.tp + o.tp,
            fp: self.fp + o.fp,
            fn_: self.fn_ + o.fn_,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn labels(name: &str) -> Vec<Labelled> {
    let path = format!("{}/tests/fixtures/gcm/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Precision and recall per objective and overall.
struct Measure {
    per_objective: BTreeMap<u8, Tally>,
    total: Tally,
}

/// Tag every labelled finding, compare, print the figures and the findings
/// not tagged exactly as labelled.
fn measure(name: &str) -> Measure {
    let labels = labels(name);
    let mut per_objective: BTreeMap<u8, Tally> = BTreeMap::new();
    let mut per_language: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for l in &labels {
        let found: BTreeSet<u8> = mgi::gcm::tag(&l.text, &l.language)
            .iter()
            .map(|g| g.objective)
            .collect();
        let truth: BTreeSet<u8> = l.objectives.iter().copied().collect();
        let lang = per_language.entry(l.language.clone()).or_default();
        for n in found.union(&truth) {
            let t = per_objective.entry(*n).or_default();
            match (found.contains(n), truth.contains(n)) {
                (true, true) => (t.tp += 1, lang.tp += 1),
                (true, false) => (t.fp += 1, lang.fp += 1),
                _ => (t.fn_ += 1, lang.fn_ += 1),
            };
        }
        if found != truth {
            misses.push(format!(
                "{} {found:?} labelled {truth:?}: {}",
                l.profile, l.text
            ));
        }
    }
    let total = per_objective
        .values()
        .fold(Tally::default(), |a, t| a.add(*t));
    println!("{name}: {} labelled findings", labels.len());
    println!("objective  labelled  found  right  precision  recall");
    for (n, t) in &per_objective {
        println!(
            "{n:>9}  {:>8}  {:>5}  {:>5}  {:>9.2}  {:>6.2}",
            t.tp + t.fn_,
            t.tp + t.fp,
            t.tp,
            t.precision(),
            t.recall()
        );
    }
    for (lang, t) in &per_language {
        println!(
            "{lang}: precision {:.3}, recall {:.3}",
            t.precision(),
            t.recall()
        );
    }
    println!(
        "overall: precision {:.3}, recall {:.3}",
        total.precision(),
        total.recall()
    );
    println!("findings not tagged exactly as labelled:");
    for m in &misses {
        println!("  {m}");
    }
    Measure {
        per_objective,
        total,
    }
}

/// The targets: precision 0.90 and recall 0.75 overall, no objective
/// below 0.70 precision.
fn assert_targets(m: &Measure) {
    let (p, r) = (m.total.precision(), m.total.recall());
    assert!(p >= 0.90, "overall precision {p:.3}");
    assert!(r >= 0.75, "overall recall {r:.3}");
    for (n, t) in &m.per_objective {
        assert!(
            t.precision() >= 0.70,
            "objective {n}: precision {:.3}",
            t.precision()
        );
    }
}

#[test]
fn tagger_meets_the_targets_on_the_labelled_findings() {
    assert!(labels("labels.json").len() >= 150);
    assert_targets(&measure("labels.json"));
}

#[test]
fn tagger_on_findings_kept_apart_from_the_lexicon_work() {
    let m = measure("labels-unseen.json");
    assert!(m.total.tp > 0);
}
