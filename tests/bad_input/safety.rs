//! Safety: names and ids, markup, spreadsheet formulas.

use super::*;

/// Every path under `dir`, relative to it.
fn tree(dir: &Path) -> BTreeSet<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            out.insert(p.strip_prefix(base).unwrap().to_path_buf());
            if p.is_dir() && !p.is_symlink() {
                walk(base, &p, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

fn is_ascii_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Mali without its title line: the id comes from the file name.
fn untitled_mali() -> String {
    fixture_text(MALI).replace(
        "Deuxième profil de gouvernance de la migration : République du Mali (2021)",
        "",
    )
}

#[test]
fn odd_input_names_and_places_write_only_inside_the_output_folder() {
    let sandbox = tempfile::tempdir().unwrap();
    let work = sandbox.path().join("a/b");
    std::fs::create_dir_all(&work).unwrap();
    let untitled = untitled_mali();
    // Outside the working folder, named with `..`.
    std::fs::write(sandbox.path().join("x.txt"), &untitled).unwrap();
    let odd = work.join("odd");
    std::fs::create_dir(&odd).unwrap();
    let names = [
        "Côte d'Ivoire \"brouillon\" (v2).txt",
        "new\nline.txt",
        " leading space.txt",
        "-rf.txt",
        "*?<>|.txt",
        "東京.txt",
        "$(touch pwned).txt",
    ];
    for n in names {
        std::fs::write(odd.join(n), &untitled).unwrap();
    }
    // Titles and a manifest that name paths.
    let titled =
        fixture_text(MALI).replace("République du Mali (2021)", "../../../etc/passwd (2021)");
    std::fs::write(odd.join("title.txt"), titled).unwrap();
    std::fs::write(odd.join("manifest-row.txt"), &untitled).unwrap();
    std::fs::write(
        odd.join("manifest.csv"),
        "file,place,level,country_iso3,year,edition,language,source_url\n\
         manifest-row.txt,../../../tmp/evil,,,,,../x,\n",
    )
    .unwrap();
    let before = tree(sandbox.path());
    let o = mgi(
        &["build", "--no-pdf", "../../x.txt", "odd", "-o", "out"],
        &work,
    );
    let stdout = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stdout}");
    let after = tree(sandbox.path());
    let new: Vec<&PathBuf> = after.difference(&before).collect();
    assert!(
        new.iter().all(|p| p.starts_with("a/b/out")),
        "written outside the output folder: {new:?}"
    );
    let out = work.join("out");
    let ids: Vec<String> = visible_files(&out.join("json"))
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids.len(), 1 + names.len() + 2, "{ids:?}");
    for id in &ids {
        assert!(is_ascii_slug(id), "not an ASCII slug: {id:?}");
    }
    for want in [
        "x-fr",
        "cote-d-ivoire-brouillon-v2-fr",
        "new-line-fr",
        "leading-space-fr",
        "rf-fr",
        "profile-fr",
        "profile-fr-2",
        "touch-pwned-fr",
        "etc-passwd-2021-fr",
        "tmp-evil-x",
    ] {
        assert!(ids.iter().any(|i| i == want), "no id {want} in {ids:?}");
    }
    // The source path is kept as given, in the JSON and the CSV.
    let csv = csv_rows(&out.join("csv/profiles.csv"));
    assert!(
        csv.iter().any(|r| r[12].ends_with("odd/new\nline.txt")),
        "{csv:?}"
    );
}

#[test]
fn a_file_name_with_a_newline_gives_a_one_line_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("new\nline.txt"), b"").unwrap();
    let o = mgi(&["check", dir.path().to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        stdout.trim_end(),
        format!(
            "{}/new\\nline.txt: error: the file is empty: save the profile's text into it, or remove it from the inputs",
            dir.path().display()
        )
    );
}

#[test]
fn typst_markup_in_findings_prints_literally() {
    let inputs = folder_with(&["markup-en-web.txt"]);
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json = visible_files(&out.path().join("json")).remove(0);
    let p: Profile = serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    let all = texts(&p).join("\n");
    for piece in [
        "#read(\"/etc/passwd\")",
        "#import",
        "#include",
        "$x^2$",
        "<label>",
        "@ref",
        "\\",
        "]",
        "//",
        "/*",
        "#eval(\"1 + 1\")",
        "= Not a heading",
        "#set page(width: 1cm)",
        "#sys.inputs",
    ] {
        assert!(all.contains(piece), "the fixture lacks {piece}");
    }
    let pdf = pdf_text(&out.path().join(format!("pdf/{}.pdf", p.id)));
    for t in texts(&p) {
        assert!(
            pdf.contains(&collapse(&t)),
            "not literal in the PDF: {t}\n{pdf}"
        );
    }
    assert!(!pdf.contains("root:x:0:0"), "a finding was run as code");
}

#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralised_unless_raw() {
    let text = fixture_text(MALI)
        .replace(
            "Le Mali n’a pas conclu d’accord de réadmission.",
            "=HYPERLINK(\"http://example.invalid\",\"x\")",
        )
        .replace(
            "Les données migratoires ne sont pas publiées de manière régulière.",
            "+33 pour cent des données ne sont pas publiées.",
        )
        .replace(
            "Les Maliens peuvent seulement exprimer",
            "@SUM(A1) Les Maliens peuvent seulement exprimer",
        );
    let inputs = tempfile::tempdir().unwrap();
    std::fs::write(inputs.path().join("mali.txt"), text).unwrap();
    let cells = |raw: bool| {
        let out = tempfile::tempdir().unwrap();
        let mut args = vec![
            "build",
            "--no-pdf",
            inputs.path().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ];
        if raw {
            args.push("--raw-csv");
        }
        let o = mgi(&args, &root());
        assert!(o.status.success());
        csv_rows(&out.path().join("csv/findings.csv"))
            .iter()
            .map(|r| r[10].to_string())
            .collect::<Vec<String>>()
    };
    let safe = cells(false);
    let raw = cells(true);
    for formula in [
        "=HYPERLINK(\"http://example.invalid\",\"x\")",
        "+33 pour cent des données ne sont pas publiées.",
    ] {
        assert!(safe.contains(&format!("'{formula}")), "{safe:?}");
        assert!(!safe.contains(&formula.to_string()));
        assert!(raw.contains(&formula.to_string()), "{raw:?}");
    }
    assert!(safe.iter().any(|c| c.starts_with("'@SUM(A1) Les Maliens")));
    assert!(raw.iter().any(|c| c.starts_with("@SUM(A1) Les Maliens")));
    // Only the formula cells differ.
    let differ = safe.iter().zip(&raw).filter(|(a, b)| a != b).count();
    assert_eq!(differ, 3);
}
