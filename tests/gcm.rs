//! The GCM tagger measured against findings labelled by hand (English,
//! French and Spanish test profiles, `tests/fixtures/gcm/labels.json`) by the
//! labelling convention described in the README ("GCM objectives").

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
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn labels() -> Vec<Labelled> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gcm/labels.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn tagger_meets_the_precision_and_recall_targets_on_labelled_findings() {
    let labels = labels();
    assert!(labels.len() >= 150);
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
                "{} {:?} labelled {:?}: {}",
                l.profile, found, truth, l.text
            ));
        }
    }
    let total = per_objective.values().fold(Tally::default(), |a, t| Tally {
        tp: a.tp + t.tp,
        fp: a.fp + t.fp,
        fn_: a.fn_ + t.fn_,
    });
    println!("{} labelled findings", labels.len());
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
    assert!(
        total.precision() >= 0.90,
        "overall precision {:.3}",
        total.precision()
    );
    assert!(
        total.recall() >= 0.75,
        "overall recall {:.3}",
        total.recall()
    );
    for (n, t) in &per_objective {
        assert!(
            t.precision() >= 0.70,
            "objective {n}: precision {:.3}",
            t.precision()
        );
    }
}
