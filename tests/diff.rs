//! Edition changes: the Niger 2019 → 2022 diff against its truth, the
//! `changes.csv` of a build, and `mgi diff` in its three outputs.

mod common;

use common::*;
use mgi::diff::{ChangeKind, ProfileDiff};
use mgi::model::Profile;
use mgi::read::Form;
use serde_json::Value;

const OLD: &str = "corpus/niger-2019-fr-web.txt";
const NEW: &str = "corpus/niger-2022-fr-web.txt";

fn parse(rel: &str) -> Profile {
    mgi::profile::parse_file(&fixture(rel), Form::Auto, None)
        .unwrap_or_else(|e| panic!("{rel} does not parse: {e}"))
}

fn truth() -> Value {
    let text = std::fs::read_to_string(fixture("corpus/niger-2022-fr-web.truth.json")).unwrap();
    let t: Value = serde_json::from_str(&text).unwrap();
    t["edition_diff"].clone()
}

fn strings(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

/// The texts of one kind of change: (old, new), sorted.
fn texts(d: &ProfileDiff, kind: ChangeKind) -> Vec<(Option<String>, Option<String>)> {
    let mut out: Vec<_> = d
        .domains
        .iter()
        .flat_map(|l| &l.changes)
        .filter(|c| c.change == kind)
        .map(|c| (c.old_text.clone(), c.new_text.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn niger_diff_matches_the_truth() {
    let (old, new) = (parse(OLD), parse(NEW));
    let d = mgi::diff::diff(&old, &new);
    let t = truth();
    assert_eq!(
        format!("corpus/{}.txt", t["previous"].as_str().unwrap()),
        OLD
    );
    assert_eq!(d.from_profile, "niger-2019-fr");
    assert_eq!(d.to_profile, "niger-2022-fr");

    let unchanged: Vec<String> = texts(&d, ChangeKind::Unchanged)
        .into_iter()
        .map(|(o, n)| {
            assert_eq!(o, n);
            n.unwrap()
        })
        .collect();
    assert_eq!(unchanged, strings(&t["unchanged"]));

    let mut reworded_truth: Vec<(Option<String>, Option<String>)> = t["reworded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                Some(r["from"].as_str().unwrap().to_string()),
                Some(r["to"].as_str().unwrap().to_string()),
            )
        })
        .collect();
    reworded_truth.sort();
    assert_eq!(texts(&d, ChangeKind::Reworded), reworded_truth);

    // A finding gone from one list and one new in the other list of its
    // domain: removed and added, unless paired as progress (or regress).
    let across: Vec<(Option<String>, Option<String>)> =
        [ChangeKind::Progressed, ChangeKind::Regressed]
            .into_iter()
            .flat_map(|k| texts(&d, k))
            .collect();
    let mut removed: Vec<String> = texts(&d, ChangeKind::Removed)
        .into_iter()
        .map(|(o, n)| {
            assert!(n.is_none());
            o.unwrap()
        })
        .collect();
    removed.extend(across.iter().map(|(o, _)| o.clone().unwrap()));
    removed.sort();
    assert_eq!(removed, strings(&t["removed"]));

    let mut added: Vec<String> = texts(&d, ChangeKind::Added)
        .into_iter()
        .map(|(o, n)| {
            assert!(o.is_none());
            n.unwrap()
        })
        .collect();
    added.extend(across.iter().map(|(_, n)| n.clone().unwrap()));
    added.sort();
    assert_eq!(added, strings(&t["new"]));

    assert_eq!(
        (
            d.totals.unchanged,
            d.totals.reworded,
            d.totals.removed,
            d.totals.added
        ),
        (13, 6, 4, 5)
    );
    assert_eq!((d.totals.progressed, d.totals.regressed), (2, 0));
    for c in d.domains.iter().flat_map(|l| &l.changes) {
        match c.change {
            ChangeKind::Unchanged => assert_eq!(c.similarity, Some(1.0)),
            ChangeKind::Reworded => {
                let s = c.similarity.unwrap();
                assert!((mgi::diff::THRESHOLD..1.0).contains(&s), "{s}");
                assert!(c.old_line.is_some() && c.new_line.is_some());
            }
            ChangeKind::Removed | ChangeKind::Added => assert_eq!(c.similarity, None),
            ChangeKind::Progressed | ChangeKind::Regressed => {
                assert!(c.old_line.is_some() && c.new_line.is_some());
            }
        }
    }
}

/// Niger 2019 → 2022: areas to improve that became strengths, written down
/// from reading the two editions before the matching was tuned.
#[test]
fn niger_improvements_answered_by_strengths_are_progress() {
    let d = mgi::diff::diff(&parse(OLD), &parse(NEW));
    let expected = [
        (
            "migrants_rights",
            "Les migrants en situation irrégulière n’ont pas accès aux soins de santé publics autres que les soins d’urgence.",
            "Depuis 2021, les migrants en situation irrégulière ont accès aux soins de santé primaires dans les centres de santé intégrés publics.",
        ),
        (
            "safe_orderly_regular",
            "Le Niger ne dispose pas de programme national de réintégration des Nigériens de retour.",
            "La Stratégie nationale de réintégration des migrants de retour, adoptée en 2022, prévoit un accompagnement psychosocial et économique des Nigériens de retour.",
        ),
    ];
    // The inter-ministerial coordination pair ("mécanisme formel de
    // coordination interministérielle" → "Cadre de concertation … réunit les
    // ministères") shares no content word: it may be found, never required.
    let optional = (
        "whole_of_government",
        "Il n’existe pas de mécanisme formel de coordination interministérielle dédié aux questions migratoires.",
        "Le Cadre de concertation sur la migration, créé par arrêté en 2020, réunit les ministères concernés, les partenaires techniques et la société civile.",
    );
    let mut found = Vec::new();
    for list in &d.domains {
        for (i, c) in list.changes.iter().enumerate() {
            match c.change {
                ChangeKind::Progressed => {
                    assert_eq!(list.kind, mgi::model::FindingKind::Strength);
                    // Listed first in the domain.
                    assert!(
                        list.changes[..i]
                            .iter()
                            .all(|c| c.change == ChangeKind::Progressed)
                    );
                    found.push((
                        list.domain.as_str(),
                        c.old_text.clone().unwrap(),
                        c.new_text.clone().unwrap(),
                    ));
                }
                ChangeKind::Regressed => panic!("nothing regressed in Niger: {c:?}"),
                _ => {}
            }
        }
    }
    found.retain(|(dom, o, n)| (*dom, o.as_str(), n.as_str()) != optional);
    let expected: Vec<(&str, String, String)> = expected
        .iter()
        .map(|(d, o, n)| (*d, o.to_string(), n.to_string()))
        .collect();
    assert_eq!(found, expected);
    let terminal = mgi::diff::report(&d);
    assert!(terminal.contains("progressed"), "{terminal}");
}

#[test]
fn diff_json_has_the_contract_fields() {
    let d = mgi::diff::diff(&parse(OLD), &parse(NEW));
    let v = serde_json::to_value(&d).unwrap();
    for key in [
        "from_profile",
        "to_profile",
        "place",
        "level",
        "domains",
        "totals",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let first = &v["domains"][0];
    assert_eq!(first["domain"], "migrants_rights");
    assert_eq!(first["kind"], "strength");
    let c = &first["changes"][0];
    for key in [
        "change",
        "similarity",
        "old_text",
        "new_text",
        "old_line",
        "new_line",
    ] {
        assert!(c.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["totals"]["added"], 5);
    assert_eq!(v["totals"]["progressed"], 2);
    // Progress comes first in its domain.
    assert_eq!(c["change"], "progressed");
    // A rewording carries its words: kept, inserted, deleted.
    let reworded = v["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["changes"].as_array().unwrap())
        .find(|c| c["change"] == "reworded")
        .unwrap();
    let runs: Vec<(String, String)> = reworded["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["op"].as_str().unwrap().into(),
                r["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        runs.contains(&("inserted".into(), "et secondaire".into())),
        "{runs:?}"
    );
    let new_text: Vec<&str> = runs
        .iter()
        .filter(|(op, _)| op != "deleted")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(new_text.join(" "), reworded["new_text"].as_str().unwrap());
    let old_text: Vec<&str> = runs
        .iter()
        .filter(|(op, _)| op != "inserted")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(old_text.join(" "), reworded["old_text"].as_str().unwrap());
}

#[test]
fn a_profile_against_itself_is_unchanged() {
    let p = parse(NEW);
    let d = mgi::diff::diff(&p, &p);
    assert_eq!(d.totals.unchanged, p.findings().count());
    assert_eq!(d.totals.reworded + d.totals.removed + d.totals.added, 0);
}

#[test]
fn build_writes_changes_csv() {
    let inputs = folder_with(&[NEW, OLD, "corpus/mali-2021-fr-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &["--no-pdf"]);
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let path = out.path().join("csv/changes.csv");
    let mut rdr = csv::Reader::from_path(&path).unwrap();
    assert_eq!(
        rdr.headers().unwrap(),
        vec![
            "place",
            "level",
            "domain",
            "kind",
            "from_profile",
            "to_profile",
            "change",
            "similarity",
            "old_text",
            "new_text",
            "gcm_objectives"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 13 + 6 + 4 + 5 + 2);
    let count = |c: &str| rows.iter().filter(|r| &r[6] == c).count();
    assert_eq!(
        (
            count("unchanged"),
            count("reworded"),
            count("removed"),
            count("added"),
            count("progressed"),
            count("regressed")
        ),
        (13, 6, 4, 5, 2, 0)
    );
    for r in &rows {
        assert_eq!(&r[0], "Niger");
        assert_eq!(&r[1], "national");
        assert_eq!((&r[4], &r[5]), ("niger-2019-fr", "niger-2022-fr"));
        match &r[6] {
            "unchanged" => assert_eq!(&r[7], "1"),
            "reworded" | "progressed" => {
                assert_eq!(r[7].len(), 4, "{:?}", &r[7]);
                assert!(r[7].starts_with("0."));
            }
            _ => assert_eq!(&r[7], ""),
        }
    }
    let reworded: Vec<&str> = rows
        .iter()
        .filter(|r| &r[6] == "reworded")
        .map(|r| &r[9])
        .collect();
    assert!(reworded.contains(
        &"Les associations de la diaspora ne sont pas formellement associées à l’élaboration des politiques migratoires."
    ));

    // Without a second edition the file holds its header only.
    let single = folder_with(&[NEW]);
    let out2 = tempfile::tempdir().unwrap();
    let o = mgi(
        &[
            "build",
            "--no-pdf",
            single.path().to_str().unwrap(),
            "-o",
            out2.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success());
    let text = std::fs::read_to_string(out2.path().join("csv/changes.csv")).unwrap();
    assert_eq!(
        text,
        "place,level,domain,kind,from_profile,to_profile,change,similarity,old_text,new_text,gcm_objectives\r\n"
    );
}

#[test]
fn mgi_diff_prints_a_report_with_totals() {
    let o = mgi(
        &[
            "diff",
            fixture(OLD).to_str().unwrap(),
            fixture(NEW).to_str().unwrap(),
        ],
        &root(),
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("2 progressed, 0 regressed, 13 unchanged, 6 reworded, 4 removed, 5 added"),
        "{stdout}"
    );
    assert!(stdout.contains("niger-2019-fr → niger-2022-fr"), "{stdout}");
    assert!(stdout.contains("Migrants' rights — strengths"), "{stdout}");
    assert!(stdout.contains("  ~ (0."), "{stdout}");
    assert!(stdout.contains(
        "→ Depuis 2021, les migrants en situation irrégulière ont accès aux soins de santé primaires"
    ));
    assert!(stdout.contains(
        "  ↑ progressed Les migrants en situation irrégulière n’ont pas accès aux soins"
    ));
}

#[test]
fn mgi_diff_json_parses() {
    let o = mgi(
        &[
            "diff",
            "--json",
            fixture(OLD).to_str().unwrap(),
            fixture(NEW).to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d: ProfileDiff = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d.totals.reworded, 6);
    assert_eq!(d.place.as_deref(), Some("Niger"));
}

#[test]
fn mgi_diff_pdf_holds_every_rewording() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("niger-changes.pdf");
    let o = mgi(
        &[
            "diff",
            fixture(OLD).to_str().unwrap(),
            fixture(NEW).to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(
        o.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let text = pdf_text(&pdf);
    let t = truth();
    for r in t["reworded"].as_array().unwrap() {
        let new = r["to"].as_str().unwrap();
        assert!(text.contains(&collapse(new)), "missing from the PDF: {new}");
    }
    for key in ["new", "removed"] {
        for s in t[key].as_array().unwrap() {
            let s = s.as_str().unwrap();
            assert!(text.contains(&collapse(s)), "missing from the PDF: {s}");
        }
    }
    assert!(text.contains("Changements depuis"), "{text}");
    // Only the PDF is left in the output folder: the data file is removed.
    let names: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("niger-changes.pdf")]);
}

#[test]
fn mgi_diff_exit_codes() {
    let bad = mgi(
        &[
            "diff",
            fixture(OLD).to_str().unwrap(),
            fixture("corpus/not-a-profile-hub-fr.txt").to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not-a-profile-hub-fr.txt"));
    let usage = mgi(&["diff", fixture(OLD).to_str().unwrap()], &root());
    assert_eq!(usage.status.code(), Some(2));
}
