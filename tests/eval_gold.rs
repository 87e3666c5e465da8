//! The evaluator against the team's gold files: identity scores 1.0, and each kind of
//! damage lowers exactly the figure it should.

use std::path::Path;
use std::process::Command;
use touchline::doc::{EventKind, Label, Record};
use touchline::eval::{evaluate, validate, EvalConfig};
use touchline::export::read_records;

fn dev() -> Vec<Record> {
    let file = read_records(Path::new("data/gold/dev.jsonl")).unwrap();
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert!(file.records.len() >= 30);
    file.records.into_iter().map(|(_, r)| r).collect()
}

#[test]
fn gold_files_validate() {
    for path in ["data/gold/dev.jsonl", "data/gold/test.jsonl"] {
        let file = read_records(Path::new(path)).unwrap();
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        assert_eq!(validate(path, &file.records), Vec::<String>::new());
    }
}

#[test]
fn dev_against_itself_is_perfect() {
    let gold = dev();
    let r = evaluate(&gold, &gold, &EvalConfig::default());
    assert_eq!(r.entities.strict.f1, 1.0);
    assert!(r.entities.by_label.values().all(|p| p.f1 == 1.0));
    assert_eq!(r.entities.partial.f1, 1.0);
    for t in [
        &r.events.goal,
        &r.events.save,
        &r.events.miss,
        &r.events.card,
        &r.events.substitution,
        &r.events.goal_save,
    ] {
        assert_eq!(t.f1, 1.0);
    }
    assert!(r.events.roles.values().all(|a| a.accuracy == 1.0));
    assert_eq!(r.events.minute.accuracy, 1.0);
    assert_eq!(r.match_.accuracy, 1.0);
}

#[test]
fn a_shifted_span_lowers_strict_but_not_partial_recall_to_zero() {
    let gold = dev();
    let mut pred = gold.clone();
    let m = &mut pred[0].entities[0];
    let label = m.label;
    m.end -= 1;
    let r = evaluate(&gold, &pred, &EvalConfig::default());
    assert_eq!(r.entities.strict.fp, 1);
    assert_eq!(r.entities.strict.fn_, 1);
    assert!(r.entities.by_label[&label].f1 < 1.0);
    assert_eq!(r.entities.partial.partial, 1);
    assert!(r.entities.partial.f1 > r.entities.strict.f1);
    assert_eq!(r.events.all.f1, 1.0);
}

#[test]
fn a_changed_label_lowers_both_labels() {
    let gold = dev();
    let mut pred = gold.clone();
    let m = pred[0]
        .entities
        .iter_mut()
        .find(|m| m.label == Label::Player)
        .unwrap();
    m.label = Label::Coach;
    let r = evaluate(&gold, &pred, &EvalConfig::default());
    assert_eq!(r.entities.by_label[&Label::Player].fn_, 1);
    assert_eq!(r.entities.by_label[&Label::Coach].fp, 1);
    assert_eq!(r.entities.by_label[&Label::Club].f1, 1.0);
    // Boundaries are unchanged, so the partial view is untouched.
    assert_eq!(r.entities.partial.f1, 1.0);
}

#[test]
fn a_changed_scorer_lowers_goal_f1_only() {
    let gold = dev();
    let mut pred = gold.clone();
    let (ri, ei) = pred
        .iter()
        .enumerate()
        .find_map(|(ri, r)| {
            r.events
                .iter()
                .position(|e| matches!(e.kind, EventKind::Goal { .. }))
                .map(|ei| (ri, ei))
        })
        .unwrap();
    if let EventKind::Goal { scorer, .. } = &mut pred[ri].events[ei].kind {
        *scorer = "Nobody At All".into();
    }
    let r = evaluate(&gold, &pred, &EvalConfig::default());
    assert_eq!(
        (r.events.goal.tp + 1, r.events.goal.fp, r.events.goal.fn_),
        (
            gold.iter()
                .flat_map(|r| &r.events)
                .filter(|e| e.kind.type_name() == "goal")
                .count(),
            1,
            1
        )
    );
    assert!(r.events.goal_save.f1 < 1.0);
    assert_eq!(r.events.save.f1, 1.0);
    assert_eq!(r.entities.strict.f1, 1.0);
}

#[test]
fn cli_eval_json_has_the_documented_fields() {
    let out = Command::new(env!("CARGO_BIN_EXE_touchline"))
        .args([
            "eval",
            "--gold",
            "data/gold/dev.jsonl",
            "--pred",
            "data/gold/dev.jsonl",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["entities"]["f1"], 1.0);
    assert_eq!(v["entities"]["by_label"]["PLAYER"]["f1"], 1.0);
    for t in ["goal", "save", "miss", "card", "substitution", "goal_save"] {
        assert_eq!(v["events"][t]["p"], 1.0, "{t}");
    }
    assert_eq!(v["match"]["accuracy"], 1.0);
}

#[test]
fn cli_reports_garbage_lines_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let first = std::fs::read_to_string("data/gold/dev.jsonl").unwrap();
    let first = first.lines().next().unwrap();
    std::fs::write(&pred, format!("{first}\n{{\"id\": 3,\n\u{0}\u{1}binary\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_touchline"))
        .args(["eval", "--gold", "data/gold/dev.jsonl", "--pred"])
        .arg(&pred)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pred.jsonl:2"), "{err}");
    assert!(err.contains("pred.jsonl:3"), "{err}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("missing from predictions (all missed)"),
        "{table}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_touchline"))
        .arg("validate")
        .arg(&pred)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("pred.jsonl:2"));
}
