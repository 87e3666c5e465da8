//! The `touchline` command line: argument parsing and exit codes over the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use touchline::eval::{self, EvalConfig};
use touchline::export::read_records;

/// Exit codes: 0 all fine, 1 nothing could run, 2 some inputs failed.
const EXIT_PARTIAL: u8 = 2;

#[derive(Parser)]
#[command(
    name = "touchline",
    version,
    about = "Structured data from football match reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score predictions against gold (SPEC scoring): entities, events, match results.
    Eval {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        pred: PathBuf,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
        /// List, per report, the missed and spurious mentions and events with context.
        #[arg(long)]
        errors: bool,
    },
    /// Check gold files: offsets, labels, canonical names, minutes.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Eval {
            gold,
            pred,
            json,
            errors,
        } => run_eval(&gold, &pred, json, errors),
        Command::Validate { files } => run_validate(&files),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("touchline: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run_eval(gold: &PathBuf, pred: &PathBuf, json: bool, errors: bool) -> Result<u8> {
    let g = read_records(gold)?;
    let p = read_records(pred)?;
    for e in g.errors.iter().chain(&p.errors) {
        eprintln!("touchline: skipped {e}");
    }
    let strip = |f: touchline::export::RecordFile| {
        f.records.into_iter().map(|(_, r)| r).collect::<Vec<_>>()
    };
    let skipped = g.errors.len() + p.errors.len();
    let mut report = eval::evaluate(&strip(g), &strip(p), &EvalConfig::default());
    if json {
        if !errors {
            report.errors.clear();
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&report).context("cannot serialise the report")?
        );
    } else {
        print!("{}", eval::render_table(&report));
        if errors {
            print!("\n{}", eval::render_errors(&report));
        }
    }
    Ok(if skipped > 0 { EXIT_PARTIAL } else { 0 })
}

fn run_validate(files: &[PathBuf]) -> Result<u8> {
    let mut bad = 0;
    for path in files {
        let file = read_records(path)?;
        let problems = eval::validate(&path.display().to_string(), &file.records);
        for p in file.errors.iter().chain(&problems) {
            println!("{p}");
        }
        let n = file.errors.len() + problems.len();
        bad += n;
        eprintln!(
            "{}: {} records, {} problems",
            path.display(),
            file.records.len(),
            n
        );
    }
    Ok(if bad > 0 { 1 } else { 0 })
}
