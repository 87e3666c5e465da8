//! `extract --format csv|parquet` and `touchline tables`: a folder of `events`, `matches`
//! and `mentions` tables whose rows agree with the JSONL records, read back with the
//! `csv` and `parquet` crates, and (where Python has DuckDB) queried with DuckDB.

mod common;

use arrow_array::{Array, Int64Array, RecordBatch, StringArray};
use common::touchline;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use touchline::doc::{EventKind, Record};
use touchline::export::read_records;

fn run(args: &[&str]) {
    let out = touchline().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn records(path: &Path) -> Vec<Record> {
    read_records(path)
        .unwrap()
        .records
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

/// A CSV table as rows of column name -> field.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn parquet_batches(path: &Path) -> Vec<RecordBatch> {
    let file = fs::File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

/// Column `name` of every batch as strings ("" for null), as the CSV writes them.
fn parquet_column(batches: &[RecordBatch], name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for b in batches {
        let col = b.column_by_name(name).unwrap();
        if let Some(s) = col.as_any().downcast_ref::<StringArray>() {
            out.extend((0..s.len()).map(|i| {
                if s.is_null(i) {
                    String::new()
                } else {
                    s.value(i).to_string()
                }
            }));
        } else if let Some(n) = col.as_any().downcast_ref::<Int64Array>() {
            out.extend((0..n.len()).map(|i| {
                if n.is_null(i) {
                    String::new()
                } else {
                    n.value(i).to_string()
                }
            }));
        } else {
            panic!("column {name} is neither text nor integer");
        }
    }
    out
}

fn slice_chars(text: &str, start: &str, end: &str) -> String {
    let (s, e): (usize, usize) = (start.parse().unwrap(), end.parse().unwrap());
    text.chars().skip(s).take(e - s).collect()
}

#[test]
fn csv_and_parquet_tables_agree_with_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    run(&["extract", "data/examples", "-q", "-o", &at("out.jsonl")]);
    run(&[
        "extract",
        "data/examples",
        "-q",
        "--format",
        "csv",
        "-o",
        &at("csv"),
    ]);
    run(&[
        "extract",
        "data/examples",
        "-q",
        "--format",
        "parquet",
        "-o",
        &at("parquet"),
    ]);
    let recs = records(&dir.path().join("out.jsonl"));
    assert_eq!(recs.len(), 3);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["csv", "out.jsonl", "parquet"],
        "a partial file was left"
    );
    for (folder, ext) in [("csv", "csv"), ("parquet", "parquet")] {
        let mut files: Vec<String> = fs::read_dir(dir.path().join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(
            files,
            [
                format!("events.{ext}"),
                format!("matches.{ext}"),
                format!("mentions.{ext}")
            ]
        );
    }

    let matches = csv_rows(&dir.path().join("csv/matches.csv"));
    assert_eq!(matches.len(), recs.len());
    for (row, r) in matches.iter().zip(&recs) {
        let info = r.match_info.clone().unwrap_or_default();
        assert_eq!(row["report_id"], r.id);
        assert_eq!(row["home"], info.home.unwrap_or_default());
        assert_eq!(row["away"], info.away.unwrap_or_default());
        assert_eq!(
            row["home_score"],
            info.home_score.map(|s| s.to_string()).unwrap_or_default()
        );
        assert_eq!(row["events"], r.events.len().to_string());
    }

    let events = csv_rows(&dir.path().join("csv/events.csv"));
    let all_events: Vec<(&Record, usize)> = recs
        .iter()
        .flat_map(|r| (0..r.events.len()).map(move |i| (r, i)))
        .collect();
    assert_eq!(events.len(), all_events.len());
    assert!(all_events.len() > 5);
    let mut with_offsets = 0;
    for (row, (r, i)) in events.iter().zip(&all_events) {
        let e = &r.events[*i];
        assert_eq!(row["report_id"], r.id);
        assert_eq!(row["event"], i.to_string());
        assert_eq!(row["type"], e.kind.type_name());
        assert_eq!(
            row["minute"],
            e.minute.map(|m| m.to_string()).unwrap_or_default()
        );
        let text = r.text.as_deref().unwrap();
        for (role, name) in e.kind.names() {
            let role = role.as_str();
            assert_eq!(row[role], name, "{role} of {}:{i}", r.id);
            if !row[&format!("{role}_start")].is_empty() {
                with_offsets += 1;
                let named = slice_chars(
                    text,
                    &row[&format!("{role}_start")],
                    &row[&format!("{role}_end")],
                );
                let mention = r
                    .entities
                    .iter()
                    .find(|m| m.text == named && m.canonical() == name);
                assert!(mention.is_some(), "{named:?} does not name {name}");
            }
        }
        if let EventKind::Goal { penalty, .. } = e.kind {
            assert_eq!(row["penalty"], penalty.to_string());
        } else {
            assert_eq!(row["penalty"], "");
        }
        let evidence = e.evidence.map(|[s, _]| s.to_string()).unwrap_or_default();
        assert_eq!(row["evidence_start"], evidence);
    }
    assert!(with_offsets > 0);

    let mentions = csv_rows(&dir.path().join("csv/mentions.csv"));
    let all_mentions: Vec<(&str, &touchline::doc::Mention)> = recs
        .iter()
        .flat_map(|r| r.entities.iter().map(move |m| (r.id.as_str(), m)))
        .collect();
    assert_eq!(mentions.len(), all_mentions.len());
    for (row, (id, m)) in mentions.iter().zip(&all_mentions) {
        assert_eq!(row["report_id"], *id);
        assert_eq!(row["label"], m.label.as_str());
        assert_eq!(row["text"], m.text);
        assert_eq!(row["start"], m.start.to_string());
        assert_eq!(row["ref"], m.reference.clone().unwrap_or_default());
        assert_eq!(
            row["confidence"],
            m.score.map(|s| s.to_string()).unwrap_or_default()
        );
    }

    // The Parquet tables hold the same rows.
    for (table, rows, columns) in [
        (
            "events",
            &events,
            &[
                "report_id",
                "type",
                "minute",
                "scorer",
                "scorer_start",
                "player",
            ][..],
        ),
        (
            "matches",
            &matches,
            &["report_id", "home", "away_score"][..],
        ),
        (
            "mentions",
            &mentions,
            &["report_id", "label", "text", "start", "end"][..],
        ),
    ] {
        let batches = parquet_batches(&dir.path().join(format!("parquet/{table}.parquet")));
        for column in columns {
            let from_csv: Vec<String> = rows.iter().map(|r| r[*column].clone()).collect();
            assert_eq!(
                parquet_column(&batches, column),
                from_csv,
                "{table}.{column}"
            );
        }
    }
}

#[test]
fn tables_open_in_duckdb() {
    // scripts/test provides a Python with DuckDB (TOUCHLINE_DUCKDB_PYTHON), so CI runs
    // this check; by hand, any python3 with duckdb installed does.
    let python = std::env::var("TOUCHLINE_DUCKDB_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_duckdb = Command::new(&python)
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_duckdb {
        println!("note: python3 has no duckdb module (pip install duckdb); DuckDB check skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new("data/fixtures/events.jsonl");
    let recs = records(fixture);
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for r in &recs {
        for e in &r.events {
            if let EventKind::Goal {
                scorer,
                own_goal: false,
                ..
            } = &e.kind
            {
                *expected.entry(scorer.clone()).or_default() += 1;
            }
        }
    }
    let mut want: Vec<String> = expected.iter().map(|(s, n)| format!("{s}\t{n}")).collect();
    want.sort();
    for format in ["parquet", "csv"] {
        let out = dir.path().join(format);
        run(&[
            "tables",
            fixture.to_str().unwrap(),
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        let query = format!(
            "import duckdb, sys\n\
             rows = duckdb.sql(\"select scorer, count(*) from '{}/events.{format}' \
             where type = 'goal' and not own_goal group by scorer\").fetchall()\n\
             matches = duckdb.sql(\"select count(*) from '{}/matches.{format}'\").fetchall()[0][0]\n\
             print(matches)\n\
             for s, n in rows: print(f'{{s}}\\t{{n}}')\n",
            out.display(),
            out.display(),
        );
        let result = Command::new(&python).args(["-c", &query]).output().unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        let stdout = String::from_utf8(result.stdout).unwrap();
        let mut lines: Vec<String> = stdout.lines().map(String::from).collect();
        assert_eq!(lines.remove(0), recs.len().to_string(), "{format}");
        lines.sort();
        assert_eq!(lines, want, "{format}");
    }
}
