//! `extract` over dumps as newsroom exports come: a JSONL dump and a CSV dump of 40 of the
//! repo's own reports give the same records as the folder of the same reports; a
//! malformed line is named by file and line and the run goes on; other field names and
//! stdin work.

mod common;

use common::{run_with_stdin, touchline};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use touchline::doc::Record;
use touchline::export::read_records;

/// 40 reports from `data/` as (id, text): the examples, then the fixtures and training
/// sources, each id its path under `data/` without the extension.
fn reports() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for folder in ["examples", "fixtures/src", "train/src"] {
        let mut paths: Vec<PathBuf> = fs::read_dir(Path::new("data").join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((format!("{folder}/{stem}"), fs::read_to_string(&p).unwrap()));
        }
    }
    out.truncate(40);
    assert_eq!(out.len(), 40);
    out
}

fn extract(args: &[&str], cwd: &Path) -> Output {
    touchline()
        .arg("extract")
        .args(args)
        .args(["-q", "--threads", "1"])
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// The records of a run without what differs by input kind (`source`) or by batch
/// composition beyond three decimals (scores, compared apart within 0.002).
fn comparable(path: &Path) -> Vec<Record> {
    let file = read_records(path).unwrap();
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    file.records
        .into_iter()
        .map(|(_, mut r)| {
            r.source = None;
            for m in &mut r.entities {
                m.score = None;
            }
            for e in &mut r.events {
                e.score = None;
            }
            r
        })
        .collect()
}

fn scores(path: &Path) -> Vec<f32> {
    read_records(path)
        .unwrap()
        .records
        .into_iter()
        .flat_map(|(_, r)| {
            let m: Vec<f32> = r.entities.iter().filter_map(|m| m.score).collect();
            m.into_iter()
                .chain(r.events.iter().filter_map(|e| e.score).collect::<Vec<_>>())
        })
        .collect()
}

fn assert_same_records(expected: &Path, got: &Path) {
    let (e, g) = (comparable(expected), comparable(got));
    assert_eq!(e.len(), g.len());
    for (a, b) in e.iter().zip(&g) {
        assert_eq!(a, b, "record {} differs", a.id);
    }
    let (se, sg) = (scores(expected), scores(got));
    assert_eq!(se.len(), sg.len());
    assert!(se.iter().zip(&sg).all(|(a, b)| (a - b).abs() <= 0.002));
}

#[test]
fn jsonl_and_csv_dumps_give_the_records_of_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let reports = reports();
    for (id, text) in &reports {
        let path = root.join("reports").join(format!("{id}.txt"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    // JSONL, with garbage on line 6 and a record with no text on line 12.
    let mut jsonl = String::new();
    for (i, (id, text)) in reports.iter().enumerate() {
        if i == 5 {
            jsonl.push_str("{\"id\": \"broken\", \"text\": \"no end\n");
        }
        if i == 10 {
            jsonl.push_str("{\"id\": \"headline-only\", \"title\": \"Spurs win\"}\n");
        }
        jsonl.push_str(&serde_json::json!({"id": id, "text": text, "words": 1}).to_string());
        jsonl.push('\n');
    }
    fs::write(root.join("dump.jsonl"), jsonl).unwrap();

    // CSV with an extra column and a record of the wrong width after the 20th report.
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["headline", "id", "text"]).unwrap();
    let mut garbage_line = 0;
    for (i, (id, text)) in reports.iter().enumerate() {
        if i == 20 {
            let mut bytes = csv.into_inner().unwrap();
            garbage_line = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            bytes.extend_from_slice(b"garbage\n");
            csv = csv::Writer::from_writer(bytes);
        }
        csv.write_record(["a headline, with a comma", id, text])
            .unwrap();
    }
    fs::write(root.join("dump.csv"), csv.into_inner().unwrap()).unwrap();

    let folder = extract(&["reports", "-o", "folder.jsonl"], root);
    assert!(
        folder.status.success(),
        "{}",
        String::from_utf8_lossy(&folder.stderr)
    );
    let folder_ids: Vec<String> = comparable(&root.join("folder.jsonl"))
        .into_iter()
        .map(|r| r.id)
        .collect();
    let ids: Vec<&String> = reports.iter().map(|(id, _)| id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(folder_ids.iter().collect::<Vec<_>>(), sorted);
    // The reports are listed in path order, so the dumps hold them in the folder's order.
    assert_eq!(ids, sorted);

    let errors = root.join("errors.jsonl");
    let from_jsonl = extract(
        &[
            "dump.jsonl",
            "--input-format",
            "jsonl",
            "-o",
            "jsonl.jsonl",
            "--errors",
            errors.to_str().unwrap(),
        ],
        root,
    );
    let stderr = String::from_utf8_lossy(&from_jsonl.stderr);
    assert_eq!(from_jsonl.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("dump.jsonl:6: not JSON"), "{stderr}");
    assert!(
        stderr.contains("dump.jsonl:12: no \"text\" field"),
        "{stderr}"
    );
    let failures = fs::read_to_string(&errors).unwrap();
    assert_eq!(failures.lines().count(), 2, "{failures}");
    let jsonl_ids: Vec<String> = comparable(&root.join("jsonl.jsonl"))
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(jsonl_ids.iter().collect::<Vec<_>>(), ids);
    assert_same_records(&root.join("folder.jsonl"), &root.join("jsonl.jsonl"));
    let sources = read_records(&root.join("jsonl.jsonl")).unwrap();
    assert_eq!(sources.records[0].1.source.as_deref(), Some("dump.jsonl:1"));

    let from_csv = extract(
        &["dump.csv", "--input-format", "csv", "-o", "csv.jsonl"],
        root,
    );
    let stderr = String::from_utf8_lossy(&from_csv.stderr);
    assert_eq!(from_csv.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("dump.csv:{garbage_line}: bad CSV record")),
        "line {garbage_line} not named in {stderr}"
    );
    assert_eq!(stderr.matches("skipped").count(), 1, "{stderr}");
    assert_same_records(&root.join("jsonl.jsonl"), &root.join("csv.jsonl"));
}

#[test]
fn a_dump_on_stdin_with_other_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut dump = String::new();
    for (id, text) in reports().into_iter().take(3) {
        dump.push_str(&serde_json::json!({"slug": id, "body": text}).to_string());
        dump.push('\n');
    }
    let out = dir.path().join("out.jsonl");
    let result = run_with_stdin(
        touchline()
            .args([
                "extract",
                "-",
                "--input-format",
                "jsonl",
                "--id-field",
                "slug",
            ])
            .args(["--text-field", "body", "-q", "-o"])
            .arg(&out),
        dump.as_bytes(),
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let file = read_records(&out).unwrap();
    let got: Vec<(&str, Option<&str>)> = file
        .records
        .iter()
        .map(|(_, r)| (r.id.as_str(), r.source.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("examples/harbour-city-v-kingsmead", Some("<stdin>:1")),
            ("examples/lionesses-v-norway", Some("<stdin>:2")),
            ("examples/wire-northfield-ashby", Some("<stdin>:3")),
        ]
    );
    assert!(file.records.iter().all(|(_, r)| !r.entities.is_empty()));
}
