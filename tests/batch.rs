//! `touchline extract` as users run it: a folder with good and bad files, a run killed
//! part-way and resumed, one model worker or several, stdin, exit codes, the CoNLL format.

mod common;

use common::{examples, run_with_stdin, touchline, write_report};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use touchline::export::read_records;

fn ids(path: &Path) -> Vec<String> {
    let file = read_records(path).unwrap();
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    file.records.into_iter().map(|(_, r)| r.id).collect()
}

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    fs::create_dir_all(root.join("nested/deeper")).unwrap();
    let ex = examples();
    fs::write(root.join("good.txt"), &ex[0].1).unwrap();
    fs::write(root.join("nested/deeper/also-good.md"), &ex[1].1).unwrap();
    // Windows-1252: "Müller" with ü as 0xFC.
    let mut latin =
        b"Thomas M\xfcller scored twice as Bayern Munich beat Augsburg 3-0 at the Allianz Arena."
            .to_vec();
    latin.extend_from_slice(b"\n");
    fs::write(root.join("latin1.txt"), latin).unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(
        root.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    )
    .unwrap();
    fs::write(
        root.join("huge.txt"),
        "Kane scored. ".repeat(5 * 1024 * 1024 / 13 + 1),
    )
    .unwrap();
    fs::write(root.join("ignored.csv"), "a,b\n").unwrap();
    let out = dir.path().join("out.jsonl");
    let errors = dir.path().join("errors.jsonl");
    let status = touchline()
        .arg("extract")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .arg("--errors")
        .arg(&errors)
        .arg("-q")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert_eq!(status.status.code(), Some(2), "{stderr}");

    let file = read_records(&out).unwrap();
    let mut got: Vec<String> = file.records.iter().map(|(_, r)| r.id.clone()).collect();
    got.sort();
    assert_eq!(got, ["good", "latin1", "nested/deeper/also-good"]);
    let latin = &file
        .records
        .iter()
        .find(|(_, r)| r.id == "latin1")
        .unwrap()
        .1;
    assert!(latin.text.as_deref().unwrap().contains("Müller"));
    assert!(latin.warnings.iter().any(|w| w.contains("Windows-1252")));
    assert!(
        latin.entities.iter().any(|m| m.text == "Thomas Müller"),
        "{:?}",
        latin.entities
    );

    let errs = fs::read_to_string(&errors).unwrap();
    for bad in ["empty.txt", "binary.txt", "huge.txt"] {
        assert!(errs.contains(bad), "{bad} missing from {errs}");
        assert!(stderr.contains(bad), "{bad} missing from stderr {stderr}");
    }
    assert!(!errs.contains("ignored.csv"));
    assert!(errs.contains("over the limit"));
    for line in errs.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["path"].is_string() && v["reason"].is_string());
    }
    // No partial file is left behind.
    assert!(!dir.path().join(".out.jsonl.tmp").exists());
}

fn corpus(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join("corpus");
    fs::create_dir_all(&root).unwrap();
    let ex = examples();
    for i in 0..n {
        write_report(&root, &format!("{i:03}-{}.txt", ex[i % ex.len()].0), i);
    }
    root
}

#[test]
fn a_killed_run_resumes_to_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 60);
    let full = dir.path().join("full.jsonl");
    assert!(touchline()
        .arg("extract")
        .arg(&root)
        .arg("-o")
        .arg(&full)
        .arg("-q")
        .status()
        .unwrap()
        .success());

    let out = dir.path().join("out.jsonl");
    let partial = dir.path().join(".out.jsonl.tmp");
    let mut child = touchline()
        .arg("extract")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let lines = fs::read_to_string(&partial)
            .map(|s| s.lines().count())
            .unwrap_or(0);
        if lines >= 5 || started.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    assert!(
        !out.exists(),
        "the final file appears only when a run completes"
    );
    let before = fs::read_to_string(&partial).unwrap().lines().count();
    assert!(before > 0 && before < 60, "killed part-way: {before} lines");
    // Tear the last line as a crash mid-write would.
    let mut bytes = fs::read(&partial).unwrap();
    bytes.extend_from_slice(b"{\"id\": \"torn");
    fs::write(&partial, bytes).unwrap();

    let resumed = touchline()
        .arg("extract")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .arg("--resume")
        .output()
        .unwrap();
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    assert!(String::from_utf8_lossy(&resumed.stderr).contains(&format!("({before} already done")));
    assert_eq!(ids(&out), ids(&full));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        fs::read_to_string(&full).unwrap()
    );
}

#[test]
fn model_workers_change_nothing_but_speed() {
    let dir = tempfile::tempdir().unwrap();
    // Five rounds of 8 reports over three workers, which finish out of order.
    let root = corpus(dir.path(), 40);
    let run = |threads: &str| {
        let out = dir.path().join(format!("threads-{threads}.jsonl"));
        let status = touchline()
            .arg("extract")
            .arg(&root)
            .arg("-o")
            .arg(&out)
            .args(["-q", "--threads", threads])
            .status()
            .unwrap();
        assert!(status.success());
        fs::read_to_string(&out).unwrap()
    };
    let one = run("1");
    assert_eq!(one.lines().count(), 40);
    assert_eq!(one, run("3"), "the same records in the same order");
}

#[test]
fn stdin_conll_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("one.conll");
    let run = run_with_stdin(
        touchline()
            .args(["extract", "-", "--format", "conll", "-q", "-o"])
            .arg(&out),
        b"Harry Kane scored for Tottenham Hotspur at Wembley.",
    );
    assert!(run.status.success());
    let conll = fs::read_to_string(&out).unwrap();
    assert!(conll.starts_with("-DOCSTART- stdin"));
    assert!(
        conll.contains("Harry\tB-PLAYER\nKane\tI-PLAYER\n"),
        "{conll}"
    );
    assert!(
        conll.contains("Tottenham\tB-CLUB\nHotspur\tI-CLUB\n"),
        "{conll}"
    );

    let bad_model = touchline()
        .args(["extract", "data/examples", "--model", "/nonexistent", "-o"])
        .arg(dir.path().join("x.jsonl"))
        .output()
        .unwrap();
    assert_eq!(bad_model.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_model.stderr).contains("/nonexistent"));
    let unwritable = touchline()
        .args([
            "extract",
            "data/examples",
            "-q",
            "-o",
            "/nonexistent-dir/out.jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(unwritable.status.code(), Some(1));
    // The shipped model tags names only: a reader that needs its roles must say so
    // instead of writing records without events.
    let no_roles = touchline()
        .args(["extract", "data/examples", "--reader", "model", "-o"])
        .arg(dir.path().join("roles.jsonl"))
        .output()
        .unwrap();
    assert_eq!(no_roles.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no_roles.stderr).contains("has no role heads"));
    assert!(!dir.path().join("roles.jsonl").exists());
    let clean = touchline()
        .args(["extract", "data/examples", "-q", "-o"])
        .arg(dir.path().join("ok.jsonl"))
        .output()
        .unwrap();
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn a_report_that_panics_in_any_stage_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = corpus(dir.path(), 12);
    let clean = dir.path().join("clean.jsonl");
    let status = touchline()
        .arg("extract")
        .arg(&root)
        .args(["-q", "--threads", "2", "-o"])
        .arg(&clean)
        .status()
        .unwrap();
    assert!(status.success());
    let clean = fs::read_to_string(&clean).unwrap();

    // The same folder plus one report that trips the fault hook; it sorts mid-folder, so
    // it shares a round of model batches with good reports.
    let (_, text) = &examples()[0];
    fs::write(
        root.join("005-bad.txt"),
        format!("{text}\n\nFAULT-MARKER\n"),
    )
    .unwrap();
    for stage in ["model", "ner", "relate", "export"] {
        let out = dir.path().join(format!("{stage}.jsonl"));
        let errors = dir.path().join(format!("{stage}-errors.jsonl"));
        let run = touchline()
            .arg("extract")
            .arg(&root)
            .args(["-q", "--threads", "2", "-o"])
            .arg(&out)
            .arg("--errors")
            .arg(&errors)
            .env("TOUCHLINE_FAULT", format!("{stage}:FAULT-MARKER"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stage}: {stderr}");
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            clean,
            "{stage}: every good report written once, as without the bad one"
        );
        let errs = fs::read_to_string(&errors).unwrap();
        assert_eq!(errs.lines().count(), 1, "{stage}: {errs}");
        let e: serde_json::Value = serde_json::from_str(errs.trim()).unwrap();
        assert!(e["path"].as_str().unwrap().ends_with("005-bad.txt"), "{e}");
        let reason = e["reason"].as_str().unwrap();
        assert!(
            reason.contains("panicked: fault injected by TOUCHLINE_FAULT")
                && reason.contains("src/guard.rs"),
            "{stage}: {reason}"
        );
        assert!(stderr.contains("005-bad.txt"), "{stage}: {stderr}");
    }
}
