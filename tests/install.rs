//! `touchline` as installed: the built binary copied out of the checkout and run from a
//! temporary folder finds its model and libtorch with no flags or environment; a bogus
//! `TOUCHLINE_MODEL` is refused with every place looked at; a model in the install's
//! data directory is the one used.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use touchline::export::read_records;
use touchline::ner::DEFAULT_MODEL_DIR;

/// The built binary, copied to `<dir>/bin/touchline` as `cargo install --root <dir>`
/// lays it out.
fn installed(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let exe = bin.join("touchline");
    fs::copy(env!("CARGO_BIN_EXE_touchline"), &exe).unwrap();
    exe
}

/// Runs `exe` with `args` from `cwd`, with none of the variables `cargo test` or a user
/// might have set to point it at the model or libtorch.
fn run(exe: &Path, cwd: &Path, args: &[&str], model_env: Option<&str>) -> Output {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LIBTORCH")
        .env_remove("TOUCHLINE_MODEL");
    if let Some(m) = model_env {
        cmd.env("TOUCHLINE_MODEL", m);
    }
    // Another test's fork can hold this just-copied binary open for writing for a moment
    // (its child inherits the copy's descriptor until it execs): the kernel then refuses
    // to run it (ETXTBSY). Try again shortly, as cargo's own tests do.
    for _ in 0..100 {
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            result => return result.unwrap(),
        }
    }
    panic!("{} stayed busy for 5 s", exe.display())
}

fn examples_into(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for entry in fs::read_dir("data/examples").unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
}

#[test]
fn the_installed_binary_runs_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let exe = installed(dir.path());
    let work = dir.path().join("work");
    examples_into(&work.join("in"));
    let out = run(
        &exe,
        &work,
        &["extract", "in", "-o", "out.jsonl", "-q"],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let records = read_records(&work.join("out.jsonl")).unwrap();
    assert_eq!(records.records.len(), 3, "{stderr}");
    assert!(records.records.iter().all(|(_, r)| !r.entities.is_empty()));
}

#[test]
fn a_bogus_model_variable_lists_every_place_looked_at() {
    let dir = tempfile::tempdir().unwrap();
    let exe = installed(dir.path());
    examples_into(&dir.path().join("in"));
    let bogus = dir.path().join("no-model-here");
    let out = run(
        &exe,
        dir.path(),
        &["extract", "in", "-o", "out.jsonl", "-q"],
        Some(bogus.to_str().unwrap()),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_MODEL_DIR);
    for expected in [
        format!("{} (TOUCHLINE_MODEL): does not exist", bogus.display()),
        format!(
            "{} (beside the executable)",
            dir.path().join("bin/touchline-ner").display()
        ),
        "share/touchline/touchline-ner (the install's data directory)".to_string(),
        format!(
            "{} (the checkout touchline was built from): holds a model",
            checkout.display()
        ),
    ] {
        assert!(stderr.contains(&expected), "{expected:?} not in:\n{stderr}");
    }
    assert!(!dir.path().join("out.jsonl").exists());
}

#[test]
fn a_model_in_the_install_data_directory_comes_before_the_checkout() {
    let dir = tempfile::tempdir().unwrap();
    let exe = installed(dir.path());
    examples_into(&dir.path().join("in"));
    // A copy whose labels this build does not know: loading it fails, naming it, which
    // shows it was the one chosen.
    let model = dir.path().join("share/touchline/touchline-ner");
    fs::create_dir_all(&model).unwrap();
    let shipped = Path::new(DEFAULT_MODEL_DIR);
    for f in ["tokenizer.json", "model.safetensors"] {
        std::os::unix::fs::symlink(fs::canonicalize(shipped.join(f)).unwrap(), model.join(f))
            .unwrap();
    }
    let config = fs::read_to_string(shipped.join("config.json")).unwrap();
    fs::write(
        model.join("config.json"),
        config.replace("B-VENUE", "B-STADIUM"),
    )
    .unwrap();
    let out = run(
        &exe,
        dir.path(),
        &["extract", "in", "-o", "out.jsonl"],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("do not match"), "{stderr}");
    assert!(stderr.contains("share/touchline/touchline-ner"), "{stderr}");
}
