//! The `touchline` command line: argument parsing and exit codes over the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use touchline::eval::{self, EvalConfig};
use touchline::export::read_records;
use touchline::train::{train, TrainConfig};

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
    /// Train the NER model from the base encoder and the project's data.
    Train(TrainArgs),
    /// Check gold files: offsets, labels, canonical names, minutes.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct TrainArgs {
    /// Where to write the model directory.
    #[arg(long, default_value = "models/touchline-ner")]
    out: PathBuf,
    /// Unpacked base encoder (default: the cache scripts/fetch-base-model fills).
    #[arg(long)]
    base: Option<PathBuf>,
    #[arg(long, default_value_t = 8)]
    epochs: usize,
    #[arg(long, default_value_t = 1e-4)]
    lr: f64,
    #[arg(long, default_value_t = 16)]
    batch_size: usize,
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Generated reports per epoch (0: none).
    #[arg(long, default_value_t = 400)]
    synthetic: usize,
    /// Leave out the word-shape (capitalisation) embedding.
    #[arg(long)]
    no_shape: bool,
    /// Leave out CoNLL-2003's football documents.
    #[arg(long)]
    no_conll: bool,
    /// Stop starting epochs after this many minutes.
    #[arg(long, default_value_t = 50.0)]
    max_minutes: f64,
    /// CPU threads for libtorch (default: all cores).
    #[arg(long)]
    threads: Option<i32>,
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
        Command::Train(args) => run_train(args),
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

fn run_train(args: TrainArgs) -> Result<u8> {
    if let Some(n) = args.threads {
        tch::set_num_threads(n);
    }
    let defaults = TrainConfig::default();
    let config = TrainConfig {
        base: args.base.unwrap_or(defaults.base.clone()),
        epochs: args.epochs,
        lr: args.lr,
        batch_size: args.batch_size,
        seed: args.seed,
        synthetic_per_epoch: args.synthetic,
        gazetteer: if args.synthetic > 0 { defaults.gazetteer.clone() } else { None },
        shape: !args.no_shape,
        conll: if args.no_conll { None } else { defaults.conll.clone() },
        max_minutes: args.max_minutes,
        out: args.out,
        ..defaults
    };
    let summary = train(&config)?;
    eprintln!(
        "train: best dev F1 {:.4} (epoch {}), {:.1} minutes; model written to {}",
        summary.best_f1,
        summary.best_epoch,
        summary.minutes,
        config.out.display()
    );
    print!("{}", eval::render_table(&summary.dev));
    Ok(0)
}
