//! `mgi schema`: the committed schema is current, and every JSON the build
//! writes meets it.

mod common;

use std::path::PathBuf;

use common::*;
use serde_json::Value;

fn schema_output() -> String {
    let o = mgi(&["schema"], &root());
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema_output()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// The model JSON of every web-page copy in the corpus.
fn built_jsons() -> Vec<(PathBuf, Value)> {
    let inputs = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("corpus")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap();
        if name.ends_with(".txt") && name.contains("-web") {
            std::fs::copy(&p, inputs.path().join(name)).unwrap();
        }
    }
    let out = tempfile::tempdir().unwrap();
    let o = mgi_build(inputs.path(), out.path(), &["--no-pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut v: Vec<(PathBuf, Value)> = std::fs::read_dir(out.path().join("json"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let json = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p, json)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(v.len() >= 5, "{v:?}");
    v
}

#[test]
fn committed_schema_is_what_mgi_schema_prints() {
    let committed = std::fs::read_to_string(root().join("schema/profile.schema.json")).unwrap();
    assert!(
        committed == schema_output(),
        "schema/profile.schema.json is stale: run `cargo run -- schema > schema/profile.schema.json`"
    );
}

#[test]
fn schema_has_descriptions_from_the_doc_comments() {
    let schema: Value = serde_json::from_str(&schema_output()).unwrap();
    assert_eq!(schema["title"], "Profile");
    assert!(
        schema["$schema"]
            .as_str()
            .unwrap()
            .contains("json-schema.org")
    );
    assert_eq!(
        schema["properties"]["id"]["description"],
        "Stable slug: place, year, language (`mali-2021-fr`); unique within a build."
    );
    assert_eq!(
        schema["$defs"]["Level"]["enum"],
        serde_json::json!(["national", "local"])
    );
}

#[test]
fn every_built_json_meets_the_schema() {
    let v = validator();
    for (path, json) in built_jsons() {
        let errors: Vec<String> = v.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_rejects_what_the_model_is_not() {
    let v = validator();
    let (_, good) = built_jsons().into_iter().next().unwrap();
    assert!(v.is_valid(&good));

    let mut regional = good.clone();
    regional["level"] = "regional".into();
    assert!(!v.is_valid(&regional));

    let mut no_text = good.clone();
    let finding = no_text["domains"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find_map(|d| d["strengths"].as_array_mut().filter(|s| !s.is_empty()))
        .unwrap();
    finding[0].as_object_mut().unwrap().remove("text");
    assert!(!v.is_valid(&no_text));

    let mut bad_domain = good.clone();
    bad_domain["domains"][0]["domain"] = "economy".into();
    assert!(!v.is_valid(&bad_domain));

    let mut no_id = good;
    no_id.as_object_mut().unwrap().remove("id");
    assert!(!v.is_valid(&no_id));
}
