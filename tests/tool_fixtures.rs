//! Profiles made into inputs by real tools (`tests/fixtures/tools`, made by
//! `scripts/make-fixtures`): every input is parsed and compared with its
//! profile's truth, finding by finding, word for word and in order.
//!
//! Prints a table (run with `--nocapture` to see it when it passes) and
//! asserts the targets: at least 99 % of findings word for word over all
//! inputs, no finding invented, metadata right.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use mgi::read::Form;
use serde_json::Value;

/// Share of the expected findings that must come back word for word. What
/// the printed forms still lose is the text extractor's own doing, with no
/// trace left in the text to undo it: `pdftotext` sets a space inside a
/// word where the source had an unused soft hyphen (`per formance`), and
/// joins a compound broken at a line end (`sealevel`); the table shows
/// where.
const FLOOR: f64 = 0.99;

/// The metadata fields that must be right in every input.
const METADATA: [&str; 6] = [
    "place",
    "level",
    "country_iso3",
    "year",
    "edition",
    "language",
];

fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tools")
}

/// One expected finding: its text, its sub-points, and the footnote marker
/// a printed form may leave glued to its end.
struct Expected {
    text: String,
    items: Vec<String>,
    footnote: Option<String>,
}

/// One recovered finding; `items` only when the model gives sub-points.
struct Recovered {
    text: String,
    items: Option<Vec<String>>,
}

impl Expected {
    fn from_truth(v: &Value) -> Expected {
        match v {
            Value::String(s) => Expected {
                text: s.clone(),
                items: Vec::new(),
                footnote: None,
            },
            _ => Expected {
                text: v["text"].as_str().expect("finding text").to_string(),
                items: strings(&v["items"]),
                footnote: v["footnote"].as_str().map(str::to_string),
            },
        }
    }

    fn matches_text(&self, got: &str) -> bool {
        got == self.text
            || self
                .footnote
                .as_ref()
                .is_some_and(|n| got.strip_prefix(self.text.as_str()) == Some(n.as_str()))
    }

    /// Word for word: the text, and the sub-points when the model gives them.
    fn matches(&self, got: &Recovered) -> bool {
        self.matches_text(&got.text) && got.items.as_ref().is_none_or(|i| *i == self.items)
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

/// The findings of one profile, per domain id and list name.
type Lists<T> = BTreeMap<(String, &'static str), Vec<T>>;

const LIST_NAMES: [&str; 2] = ["strengths", "improvements"];

fn expected_lists(truth: &Value) -> Lists<Expected> {
    let mut lists = Lists::new();
    for d in truth["domains"].as_array().expect("truth domains") {
        let id = d["domain"].as_str().expect("domain id").to_string();
        for list in LIST_NAMES {
            let items = d[list].as_array().expect("truth list");
            lists.insert(
                (id.clone(), list),
                items.iter().map(Expected::from_truth).collect(),
            );
        }
    }
    lists
}

/// The model's findings. Once the model gives sub-points (`items`) on any
/// finding, a finding without them has none.
fn recovered_lists(model: &Value) -> Lists<Recovered> {
    let domains = model["domains"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let findings = || {
        domains.iter().flat_map(|d| {
            LIST_NAMES
                .iter()
                .flat_map(move |l| d[l].as_array().into_iter().flatten())
        })
    };
    let has_items = findings().any(|f| f.get("items").is_some());
    let mut lists = Lists::new();
    for d in domains {
        let id = d["domain"].as_str().unwrap_or_default().to_string();
        for list in LIST_NAMES {
            let found = d[list].as_array().into_iter().flatten().map(|f| Recovered {
                text: f["text"].as_str().unwrap_or_default().to_string(),
                items: has_items.then(|| strings(&f["items"])),
            });
            lists.entry((id.clone(), list)).or_default().extend(found);
        }
    }
    lists
}

/// Length of the longest common subsequence: findings recovered word for
/// word *and in order*.
fn in_order(want: &[Expected], got: &[Recovered]) -> usize {
    let mut row = vec![0usize; got.len() + 1];
    for w in want {
        let mut diagonal = 0;
        for (j, g) in got.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if w.matches(g) {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[got.len()]
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A recovered finding that is no expected finding is a *fragment* when it
/// is a piece of one (a sub-point or half of a finding taken as a finding of
/// its own), *corrupted* when most of its words come from one (a glued
/// glyph, a lost or doubled piece), and *invented* otherwise.
fn is_fragment(got: &str, all: &[&Expected]) -> bool {
    let got = words(got);
    !got.is_empty()
        && all.iter().any(|e| {
            let want = words(&e.text);
            got.len() < want.len() && want.windows(got.len()).any(|w| w == got)
        })
}

fn is_corrupted(got: &str, all: &[&Expected]) -> bool {
    let got_words = words(got);
    if got_words.is_empty() {
        return false;
    }
    all.iter().any(|e| {
        let want = words(&e.text);
        let shared = got_words.iter().filter(|w| want.contains(w)).count();
        shared * 2 >= got_words.len() && shared * 4 >= want.len()
    })
}

#[derive(Default, Clone)]
struct Score {
    inputs: usize,
    expected: usize,
    word_for_word: usize,
    invented: usize,
    fragments: usize,
    corrupted: usize,
    metadata_right: usize,
    metadata_total: usize,
    failed: usize,
    warnings: usize,
    silent: usize,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.inputs += other.inputs;
        self.expected += other.expected;
        self.word_for_word += other.word_for_word;
        self.invented += other.invented;
        self.fragments += other.fragments;
        self.corrupted += other.corrupted;
        self.metadata_right += other.metadata_right;
        self.metadata_total += other.metadata_total;
        self.failed += other.failed;
        self.warnings += other.warnings;
        self.silent += other.silent;
    }

    fn ratio(&self) -> f64 {
        if self.expected == 0 {
            return 1.0;
        }
        self.word_for_word as f64 / self.expected as f64
    }

    fn row(&self, name: &str) -> String {
        format!(
            "{name:<40} {:>4} {:>5} {:>6.1}% {:>5} {:>5} {:>5} {:>3}/{:<3} {:>4} {:>5} {:>6}",
            self.expected,
            self.word_for_word,
            100.0 * self.ratio(),
            self.invented,
            self.fragments,
            self.corrupted,
            self.metadata_right,
            self.metadata_total,
            self.failed,
            self.warnings,
            self.silent
        )
    }
}

/// What one input gave against its truth, with the lines worth reading.
struct Outcome {
    score: Score,
    details: Vec<String>,
}

fn metadata_score(truth: &Value, model: &Value, details: &mut Vec<String>) -> usize {
    let mut right = 0;
    for field in METADATA {
        let got = model.get(field).unwrap_or(&Value::Null);
        if got == &truth[field] {
            right += 1;
        } else {
            details.push(format!("  {field}: expected {}, got {got}", truth[field]));
        }
    }
    right
}

/// Whether a warning names a finding: quotes four of its words in a row
/// (all of them when it has fewer).
fn named_in_warning(text: &str, warnings: &[String]) -> bool {
    let want = words(text);
    let n = want.len().min(4);
    if n == 0 {
        return false;
    }
    warnings.iter().any(|w| {
        let got = words(w);
        want.windows(n)
            .any(|piece| got.windows(n).any(|g| g == piece))
    })
}

/// Compares a model with its truth; `warnings` are the parse's warnings, or
/// `None` when the input failed with an error (which names every loss).
fn compare(truth: &Value, model: &Value, warnings: Option<&[String]>) -> Outcome {
    let mut details = Vec::new();
    let want = expected_lists(truth);
    let got = recovered_lists(model);
    let all: Vec<&Expected> = want.values().flatten().collect();
    let mut score = Score {
        inputs: 1,
        expected: all.len(),
        metadata_total: METADATA.len(),
        ..Score::default()
    };
    for (key, expected) in &want {
        let recovered = got.get(key).map(Vec::as_slice).unwrap_or_default();
        score.word_for_word += in_order(expected, recovered);
        for e in expected {
            if recovered.iter().any(|g| e.matches(g)) {
                continue;
            }
            let kind = if warnings.is_none_or(|w| named_in_warning(&e.text, w)) {
                "missing "
            } else {
                score.silent += 1;
                "SILENT  "
            };
            details.push(format!("  {kind} {} {}: {}", key.0, key.1, e.text));
        }
    }
    for (key, recovered) in &got {
        for g in recovered {
            if all.iter().any(|e| e.matches(g)) {
                continue;
            }
            let kind = if all.iter().any(|e| e.matches_text(&g.text)) {
                score.corrupted += 1;
                "items   "
            } else if is_fragment(&g.text, &all) {
                score.fragments += 1;
                "fragment"
            } else if is_corrupted(&g.text, &all) {
                score.corrupted += 1;
                "corrupt "
            } else {
                score.invented += 1;
                "INVENTED"
            };
            details.push(format!("  {kind} {} {}: {}", key.0, key.1, g.text));
        }
    }
    score.metadata_right = metadata_score(truth, model, &mut details);
    Outcome { score, details }
}

fn run_input(path: &Path, truth: &Value) -> Outcome {
    match mgi::profile::parse_file(path, Form::Auto, None) {
        Ok(profile) => {
            let model = serde_json::to_value(&profile).expect("model as JSON");
            let warnings: Vec<String> =
                profile.warnings.iter().map(|w| w.message.clone()).collect();
            let mut outcome = compare(truth, &model, Some(&warnings));
            outcome.score.warnings = warnings.len();
            outcome
        }
        Err(e) => {
            let mut outcome = compare(truth, &Value::Null, None);
            outcome.score.failed = 1;
            outcome.details.push(format!("  error: {e}"));
            outcome
        }
    }
}

/// Every profile folder: (profile id, truth, inputs).
fn fixtures() -> Vec<(String, Value, Vec<PathBuf>)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(tools_dir())
        .expect("tests/fixtures/tools")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "sources"))
        .collect();
    dirs.sort();
    for dir in dirs {
        let id = dir.file_name().unwrap().to_string_lossy().to_string();
        let truth_path = dir.join(format!("{id}.truth.json"));
        let truth: Value =
            serde_json::from_str(&std::fs::read_to_string(&truth_path).expect("truth file"))
                .expect("truth is JSON");
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.to_string_lossy().ends_with(".truth.json"))
            .collect();
        inputs.sort();
        out.push((id, truth, inputs));
    }
    out
}

/// The tool or form of an input: its name after the profile id.
fn form_of(id: &str, path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    let rest = name.strip_prefix(id).unwrap_or(&name);
    rest.trim_start_matches('-').to_string()
}

/// Columns: findings expected, recovered word for word in order, their
/// share, recovered findings invented, fragments of a finding, corrupted
/// findings, metadata fields right, inputs that failed to parse, warnings,
/// findings not recovered word for word that no warning names.
const HEADER: &str = "input                                    want   w4w   share  inv. frag. corr. meta    fail  warn silent";

#[test]
fn tool_made_inputs_stay_above_the_floor() {
    let mut table = String::new();
    let mut details = String::new();
    let mut per_form: BTreeMap<String, Score> = BTreeMap::new();
    let mut per_profile: BTreeMap<String, Score> = BTreeMap::new();
    let mut total = Score::default();
    writeln!(table, "{HEADER}").unwrap();
    for (id, truth, inputs) in fixtures() {
        for path in inputs {
            let outcome = run_input(&path, &truth);
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            writeln!(table, "{}", outcome.score.row(&name)).unwrap();
            if !outcome.details.is_empty() {
                writeln!(details, "{name}:\n{}", outcome.details.join("\n")).unwrap();
            }
            per_form
                .entry(form_of(&id, &path))
                .or_default()
                .add(&outcome.score);
            per_profile
                .entry(id.clone())
                .or_default()
                .add(&outcome.score);
            total.add(&outcome.score);
        }
    }
    writeln!(table, "\nper tool or form\n{HEADER}").unwrap();
    for (form, score) in &per_form {
        writeln!(table, "{}", score.row(form)).unwrap();
    }
    writeln!(table, "\nper profile\n{HEADER}").unwrap();
    for (id, score) in &per_profile {
        writeln!(table, "{}", score.row(id)).unwrap();
    }
    writeln!(table, "\n{}", total.row("TOTAL")).unwrap();
    println!("{details}\n{table}");
    assert!(total.inputs > 0, "no fixture under {:?}", tools_dir());
    println!(
        "{:.1} % word for word; floor {:.1} %",
        100.0 * total.ratio(),
        100.0 * FLOOR
    );
    assert!(
        total.ratio() >= FLOOR && total.invented == 0 && total.failed == 0,
        "tool-made inputs: {:.1} % of {} findings word for word (floor {:.1} %), {} invented, \
         {} fragments, {} corrupted, {} inputs failed (table above)",
        100.0 * total.ratio(),
        total.expected,
        100.0 * FLOOR,
        total.invented,
        total.fragments,
        total.corrupted,
        total.failed
    );
    assert_eq!(
        total.metadata_right, total.metadata_total,
        "metadata wrong in some inputs (table above)"
    );
}

/// The fixtures themselves are whole: every profile has its truth and all
/// eleven forms, and its truth follows the sub-point rule.
#[test]
fn every_profile_has_every_form_and_a_consistent_truth() {
    let forms = [
        "html.html",
        "w3m.txt",
        "lynx.txt",
        "html2text.txt",
        "pandoc.txt",
        "lo.pdf",
        "lo-xhtml.xhtml",
        "lo-html.html",
        "lo-txt.txt",
        "pdftotext.txt",
        "pdftotext-layout.txt",
    ];
    let all = fixtures();
    assert!(all.len() >= 3, "at least three profiles");
    for (id, truth, inputs) in all {
        let have: Vec<String> = inputs.iter().map(|p| form_of(&id, p)).collect();
        for form in forms {
            assert!(have.iter().any(|h| h == form), "{id}: no {form}");
        }
        for want in expected_lists(&truth).values().flatten() {
            assert!(!want.text.is_empty(), "{id}: empty finding in truth");
        }
        for d in truth["domains"].as_array().unwrap() {
            for f in LIST_NAMES.iter().flat_map(|l| d[l].as_array().unwrap()) {
                let Some(items) = f.get("items").and_then(Value::as_array) else {
                    continue;
                };
                let text = f["text"].as_str().unwrap();
                let last = items.last().unwrap().as_str().unwrap();
                assert!(
                    text.ends_with(last),
                    "{id}: {text} does not end with {last}"
                );
            }
        }
    }
}

/// A model made from a truth, as a perfect parser would give it.
fn model_from_truth(truth: &Value, with_items: bool) -> Value {
    let mut model = truth.clone();
    for d in model["domains"].as_array_mut().unwrap() {
        for list in LIST_NAMES {
            for f in d[list].as_array_mut().unwrap() {
                let e = Expected::from_truth(f);
                *f = serde_json::json!({ "text": e.text, "line": 1 });
                if with_items && !e.items.is_empty() {
                    f["items"] = serde_json::json!(e.items);
                }
            }
        }
    }
    model
}

/// The measure itself: a perfect model scores 100 %, and each kind of
/// error is counted where it belongs.
#[test]
fn the_measure_scores_a_perfect_model_fully_and_counts_each_error() {
    let (_, truth, _) = fixtures().into_iter().next().unwrap();
    for with_items in [false, true] {
        let perfect = compare(&truth, &model_from_truth(&truth, with_items), Some(&[])).score;
        assert_eq!(perfect.word_for_word, perfect.expected);
        assert_eq!(
            (perfect.invented, perfect.fragments, perfect.corrupted),
            (0, 0, 0)
        );
        assert_eq!(perfect.metadata_right, METADATA.len());
    }
    let mut model = model_from_truth(&truth, true);
    let strengths = model["domains"][0]["strengths"].as_array_mut().unwrap();
    let first = strengths.remove(0);
    strengths.push(serde_json::json!({ "text": "A finding no profile holds.", "line": 1 }));
    let text = first["text"].as_str().unwrap().to_string();
    let half: String = text.split(' ').take(6).collect::<Vec<_>>().join(" ");
    strengths.push(serde_json::json!({ "text": half, "line": 1 }));
    strengths.push(serde_json::json!({ "text": format!("\u{f0b7}{text}"), "line": 1 }));
    model["country_iso3"] = Value::Null;
    let warned = vec![format!("line 3: bullet dropped: {half}")];
    let score = compare(&truth, &model, Some(&warned)).score;
    assert_eq!(score.word_for_word, score.expected - 1);
    assert_eq!(
        (score.invented, score.fragments, score.corrupted),
        (1, 1, 1)
    );
    assert_eq!(score.silent, 0, "the warning quotes the lost finding");
    assert_eq!(compare(&truth, &model, Some(&[])).score.silent, 1);
    let failed = compare(&truth, &Value::Null, None).score;
    assert_eq!((failed.word_for_word, failed.silent), (0, 0));
    assert_eq!(score.metadata_right, METADATA.len() - 1);
}
