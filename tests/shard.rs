//! Sharded runs simulated on one machine: N `extract --shard K/N` processes over one
//! folder at once, one of them killed part-way and resumed, merged; and a folder that
//! grows between runs. The merged file must be what one unsharded run writes, byte for
//! byte.

mod common;

use common::{touchline, write_report};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use touchline::shard::shard_of;

/// Runs `extract` over `root` into `out` with one model worker, plus `extra` arguments.
fn extract(root: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut cmd = touchline();
    cmd.arg("extract")
        .arg(root)
        .arg("-o")
        .arg(out)
        .args(["-q", "--threads", "1"])
        .args(extra);
    cmd
}

fn succeed(mut cmd: Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn lines(path: &Path) -> usize {
    fs::read_to_string(path).map_or(0, |s| s.lines().count())
}

/// Ids `prefix-NNN`, the first `n` whose shard of `count` is (or, with `equal` false, is
/// not) `shard`.
fn ids_where(prefix: &str, n: usize, count: u32, shard: u32, equal: bool) -> Vec<String> {
    (0..)
        .map(|i| format!("{prefix}-{i:03}"))
        .filter(|id| (shard_of(id, count) == shard) == equal)
        .take(n)
        .collect()
}

/// Waits until the extract run writing `out` has written a record, then kills it
/// (SIGKILL: no chance to clean up). Returns how many records it had written.
fn kill_after_first_record(mut child: Child, out: &Path) -> usize {
    let partial = touchline::export::temp_path(out);
    let started = Instant::now();
    while lines(&partial) == 0 && started.elapsed() < Duration::from_secs(300) {
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!out.exists(), "killed before it finished");
    lines(&partial)
}

/// Merges `shards` into `merged`, checking with `--expect` that no report of `root` is
/// missing, and asserts the result is `single` byte for byte.
fn assert_merge_is(single: &Path, shards: &[PathBuf], merged: &Path, root: &Path, what: &str) {
    let mut cmd = touchline();
    cmd.arg("merge")
        .args(shards)
        .arg("-o")
        .arg(merged)
        .arg("--expect")
        .arg(root);
    succeed(cmd);
    assert!(
        fs::read(merged).unwrap() == fs::read(single).unwrap(),
        "{what}: the merged file differs from one unsharded run"
    );
}

#[test]
fn sharded_runs_killed_resumed_and_merged_equal_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    // Shard 0 of 1, 3 and 7 (0 modulo 21) gets 12 reports, more than the 8 a model
    // worker takes per round, so it is still working when its first records appear.
    let mut names: Vec<String> = ids_where("r", 12, 21, 0, true);
    names.extend(ids_where("r", 6, 21, 0, false));
    // `m-2.txt` is listed before `m.txt` though id `m` sorts before `m-2`: the merge
    // must follow extract's order, not the ids'. And a report in a subfolder.
    names.extend(["m".into(), "m-2".into(), "cup/final".into()]);
    for (i, name) in names.iter().enumerate() {
        write_report(&root, &format!("{name}.txt"), i);
    }
    let single = dir.path().join("single.jsonl");
    succeed(extract(&root, &single, &[]));
    assert_eq!(lines(&single), names.len());

    for n in [1u32, 3, 7] {
        let outs: Vec<PathBuf> = (0..n)
            .map(|k| dir.path().join(format!("n{n}-shard{k}.jsonl")))
            .collect();
        let children: Vec<Child> = (0..n)
            .map(|k| {
                let shard = format!("{k}/{n}");
                let mut cmd = extract(&root, &outs[k as usize], &["--shard", &shard]);
                cmd.stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        let mut children = children.into_iter();
        let first = children.next().unwrap();
        let before = kill_after_first_record(first, &outs[0]);
        let shard0 = names.iter().filter(|id| shard_of(id, n) == 0).count();
        assert!(
            before > 0 && before < shard0,
            "N={n}: killed part-way, {before} of {shard0} written"
        );
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "N={n}: {}", stderr(&out));
            if n > 1 {
                assert!(
                    stderr(&out).contains(&format!("/{n}: ")),
                    "{}",
                    stderr(&out)
                );
            }
        }
        let resumed = succeed(extract(
            &root,
            &outs[0],
            &["--shard", &format!("0/{n}"), "--resume"],
        ));
        assert!(
            stderr(&resumed).contains(&format!("({before} already done")),
            "N={n}: {}",
            stderr(&resumed)
        );
        let total: usize = outs.iter().map(|o| lines(o)).sum();
        assert_eq!(total, names.len(), "N={n}: every report in one shard");

        let merged = dir.path().join(format!("n{n}-merged.jsonl"));
        assert_merge_is(&single, &outs, &merged, &root, &format!("N={n}"));
    }
}

#[test]
fn added_reports_go_to_their_own_shards_and_the_rest_stay_put() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("reports");
    let old: Vec<String> = (0..6).map(|i| format!("week1/r{i}")).collect();
    for (i, name) in old.iter().enumerate() {
        write_report(&root, &format!("{name}.txt"), i);
    }
    let n = 3;
    let outs: Vec<PathBuf> = (0..n)
        .map(|k| dir.path().join(format!("shard{k}.jsonl")))
        .collect();
    let run = |k: u32, extra: &[&str]| {
        let shard = format!("{k}/{n}");
        let mut args = vec!["--shard", shard.as_str()];
        args.extend(extra);
        succeed(extract(&root, &outs[k as usize], &args))
    };
    for k in 0..n {
        run(k, &[]);
    }
    let before: Vec<String> = outs
        .iter()
        .map(|o| fs::read_to_string(o).unwrap())
        .collect();

    // New reports for shards 1 and 2 only, one of them listed before every old one.
    let mut added = ids_where("aaa/new", 1, n, 1, true);
    added.extend(ids_where("week2/new", 2, n, 0, false));
    for (i, name) in added.iter().enumerate() {
        write_report(&root, &format!("{name}.txt"), 100 + i);
    }
    for k in 0..n {
        let resumed = run(k, &["--resume"]);
        let had = before[k as usize].lines().count();
        assert!(
            stderr(&resumed).contains(&format!("({had} already done")),
            "shard {k}: old reports are not done again: {}",
            stderr(&resumed)
        );
    }
    for k in 0..n as usize {
        let after = fs::read_to_string(&outs[k]).unwrap();
        assert!(
            after.starts_with(&before[k]),
            "shard {k}: its old records are kept as they were"
        );
        let new_ids: Vec<String> = after[before[k].len()..]
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect();
        let expected: Vec<String> = added
            .iter()
            .filter(|id| shard_of(id, n) == k as u32)
            .map(|id| format!("\"{id}\""))
            .collect();
        assert_eq!(new_ids, expected, "shard {k}: only its new reports");
    }
    assert_eq!(
        fs::read_to_string(&outs[0]).unwrap(),
        before[0],
        "shard 0 got no new report and did not change"
    );

    let single = dir.path().join("single.jsonl");
    succeed(extract(&root, &single, &[]));
    let merged = dir.path().join("merged.jsonl");
    assert_merge_is(
        &single,
        &outs,
        &merged,
        &root,
        "shards resumed after the folder grew",
    );
}

#[test]
fn bad_shard_arguments_exit_1_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    // (arguments, environment, what the error must say)
    type Case = (
        &'static [&'static str],
        &'static [(&'static str, &'static str)],
        &'static str,
    );
    let cases: [Case; 5] = [
        (&["--shard", "3/3"], &[], "0 to 2"),
        (&["--shard", "1/0"], &[], "at least 1"),
        (&["--shard", "x"], &[], "K/N"),
        (&["--shard-from-env", "4"], &[], "JOB_COMPLETION_INDEX"),
        (
            &["--shard-from-env", "4"],
            &[("SLURM_ARRAY_TASK_ID", "9")],
            "SLURM_ARRAY_TASK_ID=9",
        ),
    ];
    for (args, env, reason) in cases {
        let mut cmd = extract(Path::new("data/examples"), &out, args);
        cmd.env_remove("JOB_COMPLETION_INDEX")
            .env_remove("SLURM_ARRAY_TASK_ID")
            .envs(env.iter().copied());
        let run = cmd.output().unwrap();
        assert_eq!(run.status.code(), Some(1), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains(reason), "{args:?}: {}", stderr(&run));
        assert!(!out.exists());
    }
}

#[test]
fn the_index_from_the_environment_picks_the_same_shard_as_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let examples = Path::new("data/examples");
    let ids: Vec<String> = common::examples().into_iter().map(|(id, _)| id).collect();
    // A shard holding some of the examples but not all, so that taking another shard
    // would show.
    let (k, n) = (2..)
        .flat_map(|n| (0..n).map(move |k| (k, n)))
        .find(|&(k, n)| {
            let size = ids.iter().filter(|id| shard_of(id, n) == k).count();
            size > 0 && size < ids.len()
        })
        .unwrap();
    let flag = dir.path().join("flag.jsonl");
    let env = dir.path().join("env.jsonl");
    succeed(extract(examples, &flag, &["--shard", &format!("{k}/{n}")]));
    let mut cmd = extract(examples, &env, &["--shard-from-env", &n.to_string()]);
    cmd.env_remove("SLURM_ARRAY_TASK_ID")
        .env("JOB_COMPLETION_INDEX", k.to_string());
    succeed(cmd);
    let written = lines(&flag);
    assert!(written > 0 && written < ids.len(), "{written}");
    assert_eq!(fs::read(&flag).unwrap(), fs::read(&env).unwrap());
}
