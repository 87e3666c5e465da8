//! The files in `deploy/` are what the README tells users to run, and they stay in step
//! with the binary: every `touchline` command in the Kubernetes manifests and the Slurm
//! scripts names only flags that `touchline <command> --help` lists, and the number of
//! shards each passes to `--shard-from-env` is the number of workers the engine starts.

use serde::Deserialize;
use serde_yaml::Value;
use std::fs;
use std::process::Command;

const K8S_EXTRACT: &str = "deploy/k8s/extract-job.yaml";
const K8S_MERGE: &str = "deploy/k8s/merge-job.yaml";
const SLURM_EXTRACT: &str = "deploy/slurm/extract.sbatch";
const SLURM_MERGE: &str = "deploy/slurm/merge.sbatch";
const CONTAINERFILE: &str = "deploy/Containerfile";

/// Shell words that end a command.
const OPERATORS: [&str; 4] = ["||", "&&", ";", "|"];

/// Every `touchline SUBCOMMAND ...` in a shell script, as its words up to the next shell
/// operator (comment lines left out, line continuations joined).
fn touchline_commands(script: &str) -> Vec<Vec<String>> {
    let code: Vec<&str> = script
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let joined = code.join("\n").replace("\\\n", " ");
    let words: Vec<&str> = joined.split_whitespace().collect();
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| **w == "touchline")
        .map(|(i, _)| {
            words[i + 1..]
                .iter()
                .take_while(|w| !OPERATORS.contains(w))
                .map(|w| w.to_string())
                .collect()
        })
        .collect()
}

/// The shell script each container of each Job in a manifest runs.
fn job_scripts(path: &str) -> Vec<(Value, String)> {
    let text = fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for doc in serde_yaml::Deserializer::from_str(&text) {
        let doc = Value::deserialize(doc).unwrap();
        if doc["kind"] != "Job" {
            continue;
        }
        let containers = doc["spec"]["template"]["spec"]["containers"]
            .as_sequence()
            .unwrap();
        for c in containers {
            let words: Vec<String> = c["command"]
                .as_sequence()
                .into_iter()
                .chain(c["args"].as_sequence())
                .flatten()
                .map(|w| w.as_str().unwrap().to_string())
                .collect();
            // `sh -c SCRIPT`, or the command itself.
            let script = match words.as_slice() {
                [sh, c, script] if sh.ends_with("sh") && c == "-c" => script.clone(),
                _ => words.join(" "),
            };
            out.push((doc.clone(), script));
        }
    }
    out
}

/// The options `touchline <sub> --help` lists (`-o`, `--output`, ...).
fn flags_of(sub: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_touchline"))
        .args([sub, "--help"])
        .output()
        .unwrap();
    assert!(out.status.success(), "touchline {sub} --help");
    String::from_utf8(out.stdout)
        .unwrap()
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| w.starts_with('-') && w.len() > 1)
        // `--verbose...`: a flag that may be repeated.
        .map(|w| w.trim_end_matches("...").to_string())
        .collect()
}

/// Checks a command's flags against its subcommand's help; returns the subcommand and
/// the value of `--shard-from-env`, if given.
fn check(command: &[String], file: &str) -> (String, Option<u32>) {
    let sub = command[0].clone();
    let known = flags_of(&sub);
    let mut shards = None;
    for (i, word) in command.iter().enumerate().skip(1) {
        if !word.starts_with('-') {
            continue;
        }
        let flag = word.split('=').next().unwrap();
        assert!(
            known.iter().any(|k| k == flag),
            "{file}: `touchline {sub}` has no {flag} (it has {known:?})"
        );
        if flag == "--shard-from-env" {
            shards = Some(command[i + 1].parse().unwrap());
        }
    }
    (sub, shards)
}

#[test]
fn kubernetes_jobs_run_flags_that_exist_with_one_shard_per_index() {
    let extract = job_scripts(K8S_EXTRACT);
    assert_eq!(extract.len(), 1, "{K8S_EXTRACT}: one extract container");
    let (job, script) = &extract[0];
    let commands = touchline_commands(script);
    assert_eq!(commands.len(), 1, "{script}");
    let (sub, shards) = check(&commands[0], K8S_EXTRACT);
    assert_eq!(sub, "extract");
    assert!(commands[0].contains(&"--resume".to_string()));
    assert_eq!(job["spec"]["completionMode"], "Indexed");
    let completions = job["spec"]["completions"].as_u64().unwrap();
    assert_eq!(
        shards,
        Some(completions as u32),
        "{K8S_EXTRACT}: --shard-from-env N must equal completions"
    );
    let claim = &job["spec"]["template"]["spec"]["volumes"][0]["persistentVolumeClaim"];
    assert!(claim["claimName"].is_string(), "reports on a volume claim");

    let merge = job_scripts(K8S_MERGE);
    let commands: Vec<_> = merge
        .iter()
        .flat_map(|(_, s)| touchline_commands(s))
        .collect();
    assert_eq!(commands.len(), 1);
    assert_eq!(check(&commands[0], K8S_MERGE).0, "merge");
    assert!(commands[0].contains(&"--expect".to_string()));
}

#[test]
fn slurm_scripts_run_flags_that_exist_with_one_shard_per_array_task() {
    let script = fs::read_to_string(SLURM_EXTRACT).unwrap();
    let commands = touchline_commands(&script);
    assert_eq!(commands.len(), 1, "{script}");
    let (sub, shards) = check(&commands[0], SLURM_EXTRACT);
    assert_eq!(sub, "extract");
    assert!(commands[0].contains(&"--resume".to_string()));
    let array = script
        .lines()
        .find_map(|l| l.strip_prefix("#SBATCH --array="))
        .expect("an #SBATCH --array line");
    let (first, last) = array.split_once('-').unwrap();
    assert_eq!(first, "0");
    let tasks = last.parse::<u32>().unwrap() + 1;
    assert_eq!(
        shards,
        Some(tasks),
        "{SLURM_EXTRACT}: --shard-from-env N must equal the array's size"
    );

    let script = fs::read_to_string(SLURM_MERGE).unwrap();
    let commands = touchline_commands(&script);
    assert_eq!(commands.len(), 1, "{script}");
    assert_eq!(check(&commands[0], SLURM_MERGE).0, "merge");
}

#[test]
fn the_readme_points_at_every_deploy_file_and_the_image_takes_setups_libtorch() {
    let readme = fs::read_to_string("README.md").unwrap();
    for file in [
        CONTAINERFILE,
        K8S_EXTRACT,
        K8S_MERGE,
        SLURM_EXTRACT,
        SLURM_MERGE,
    ] {
        assert!(fs::metadata(file).is_ok(), "{file} is missing");
        assert!(readme.contains(file), "README.md does not name {file}");
    }
    // The image copies the libtorch that scripts/setup wired into the build: the LIBTORCH
    // line it writes into .cargo/config.toml, read back the same way.
    let setup = fs::read_to_string("scripts/setup").unwrap();
    assert!(
        setup.contains("LIBTORCH = \"$libtorch\""),
        "scripts/setup no longer writes LIBTORCH into .cargo/config.toml"
    );
    let containerfile = fs::read_to_string(CONTAINERFILE).unwrap();
    assert!(
        containerfile
            .contains(r#"sed -n 's/^LIBTORCH = "\(.*\)"/\1/p' .cargo/config.toml)"/lib/*"#),
        "{CONTAINERFILE} must copy the libs of the LIBTORCH scripts/setup wrote"
    );
}

#[test]
fn commands_are_found_in_shell_scripts() {
    let script = "# touchline in a comment\nmkdir -p x &&\n  touchline extract /in \\\n  -o out --resume || [ $? -eq 2 ]\n";
    assert_eq!(
        touchline_commands(script),
        [["extract", "/in", "-o", "out", "--resume"]]
    );
}
