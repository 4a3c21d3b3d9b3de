//! No data lost.

use super::*;

/// Every fixture file that is an input (not a truth file, a README, a script).
/// The tool-made inputs of `tests/fixtures/tools` are left to
/// `tests/tool_fixtures.rs`, which measures them against its targets.
fn fixture_inputs() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.ends_with("tests/fixtures/tools") {
                    continue;
                }
                walk(&p, out);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["txt", "html", "htm", "pdf", "docx", "odt", "fodt"].contains(&e))
            {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("tests/fixtures"), &mut out);
    out.sort();
    out
}

fn is_not_a_profile(p: &Path) -> bool {
    p.file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("not-a-profile")
}

#[test]
fn every_fixture_accounts_for_every_bullet() {
    let inputs = fixture_inputs();
    let mut profiles = 0;
    for path in &inputs {
        let (doc, _) =
            read::read_file(path, Form::Auto).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match recognise::recognise(&doc) {
            Ok(r) => {
                let n: usize = r
                    .domains
                    .iter()
                    .map(|d| d.strengths.len() + d.improvements.len())
                    .sum();
                assert!(r.audit.holds(), "{}: {:?}", path.display(), r.audit);
                assert!(r.audit.items_seen >= n, "{}", path.display());
                assert_eq!(r.audit.items_as_findings, n, "{}", path.display());
                assert!(n > 0);
                profiles += 1;
            }
            Err(e) => assert!(is_not_a_profile(path), "{}: {}", path.display(), e.message),
        }
    }
    assert!(profiles >= 10, "only {profiles} fixture profiles");
}

/// What the PDF prints of a finding: its text, or, when it has sub-points,
/// the text before them and each sub-point.
fn printed_parts(f: &mgi::model::Finding) -> Vec<String> {
    let joined = f.items.join("; ");
    match f.text.strip_suffix(&joined) {
        Some(lead) if !f.items.is_empty() && !lead.is_empty() => {
            let lead = lead.strip_suffix("; ").unwrap_or(lead.trim_end());
            std::iter::once(lead.to_string())
                .chain(f.items.iter().cloned())
                .collect()
        }
        _ => vec![f.text.clone()],
    }
}

#[test]
fn every_fixture_round_trips_through_build_word_for_word() {
    let inputs = tempfile::tempdir().unwrap();
    let mut sources = Vec::new();
    for (i, path) in fixture_inputs().iter().enumerate() {
        if is_not_a_profile(path) {
            continue;
        }
        // Sub-folders keep names apart and skip the fixtures' manifests.
        let dest = inputs.path().join(format!("{i:02}"));
        std::fs::create_dir(&dest).unwrap();
        let dest = dest.join(path.file_name().unwrap());
        std::fs::copy(path, &dest).unwrap();
        sources.push(dest);
    }
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    let rows = csv_rows(&out.path().join("csv/findings.csv"));
    let mut ids = BTreeSet::new();
    for source in &sources {
        let model = mgi::profile::parse_file(source, Form::Auto, None).unwrap();
        let built: Profile = std::fs::read_dir(out.path().join("json"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| serde_json::from_str::<Profile>(&std::fs::read_to_string(p).unwrap()).unwrap())
            .find(|p| p.source == source.display().to_string())
            .unwrap_or_else(|| panic!("no JSON for {}", source.display()));
        assert!(ids.insert(built.id.clone()));
        // JSON: the model, word for word.
        assert_eq!(findings(&built), findings(&model), "{}", source.display());
        // CSV: every finding, in order, exactly (formula cells neutralised).
        let mine: Vec<(String, String, String, String)> = rows
            .iter()
            .filter(|r| r[0] == *built.id)
            .map(|r| (r[7].into(), r[8].into(), r[9].into(), r[10].into()))
            .collect();
        let want: Vec<(String, String, String, String)> = model
            .findings()
            .map(|(d, k, pos, f)| {
                (
                    d.domain.as_str().into(),
                    k.as_str().into(),
                    pos.to_string(),
                    mgi::export::csv::neutralize(&f.text).into_owned(),
                )
            })
            .collect();
        assert_eq!(mine, want, "{}", source.display());
        // PDF: every finding, whitespace collapsed (its sub-points as a list
        // under its lead).
        let text = pdf_text(&out.path().join(format!("pdf/{}.pdf", built.id)));
        for (_, _, _, f) in model.findings() {
            for part in printed_parts(f) {
                assert!(
                    text.contains(&collapse(&part)),
                    "{}: not in the PDF: {part}",
                    built.id
                );
            }
        }
    }
    let total: usize = sources
        .iter()
        .map(|s| {
            mgi::profile::parse_file(s, Form::Auto, None)
                .unwrap()
                .findings()
                .count()
        })
        .sum();
    assert_eq!(rows.len(), total);
    assert!(sources.len() >= 10);
}
