//! Helpers the integration tests that run the `touchline` binary share: the binary, a
//! run fed on stdin, and folders of reports made from the team's example reports in
//! `data/examples/`.
// Each test file compiles its own copy of this module and uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub fn touchline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_touchline"))
}

/// Runs `command` with `input` on its stdin; stdout and stderr are captured.
pub fn run_with_stdin(command: &mut Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// The example reports, as (name, text), sorted by name.
pub fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir("data/examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Writes report `i` of a made-up corpus under `root` at `relative` (folders created):
/// example `i` (cycling through them) with a line naming `i`, so that no two records of
/// a corpus are the same.
pub fn write_report(root: &Path, relative: &str, i: usize) {
    let ex = examples();
    let (_, text) = &ex[i % ex.len()];
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, format!("{text}\n\nReport {i} ends here.\n")).unwrap();
}
