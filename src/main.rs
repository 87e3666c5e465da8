//! The `touchline` command line: argument parsing and exit codes over the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use touchline::eval::{self, EvalConfig};
use touchline::events::partner::Partner;
use touchline::events::ranker::Ranker;
use touchline::events::{Decider, EventsConfig, MatchCheck, PartnerConfig, Reader, ScoreFrom};
use touchline::export::{read_records, write_atomic, Format};
use touchline::ingest::{self, IngestConfig, InputFormat};
use touchline::merge::{self, MergeConfig};
use touchline::ner::fast::Precision;
use touchline::ner::NerConfig;
use touchline::pipeline::{self, BatchOptions, Pipeline, PipelineConfig};
use touchline::shard::Shard;
use touchline::tables::{write_tables, TableFormat};
use touchline::train::article::{train_article, ArticleTrainConfig};
use touchline::train::credit::{train_credit, CreditTrainConfig};
use touchline::train::keeper::{train_keeper, KeeperTrainConfig};
use touchline::train::partner::{train_partner, PartnerTrainConfig};
use touchline::train::score::{train_score, ScoreTrainConfig};
use touchline::train::stop::{train_stop, StopTrainConfig};
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
    /// Log what each stage does (-v) or everything (-vv), on stderr.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities, events and the result from every report under the given paths.
    Extract(ExtractArgs),
    /// Join the outputs of `extract --shard` runs into one file, in the order one
    /// unsharded run writes; exits 2 if lines were unreadable or, with --expect, reports
    /// are missing.
    Merge(MergeArgs),
    /// Re-run coreference and events on the entities of a records file (e.g. after
    /// correcting the NER by hand).
    Relate {
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        relation: RelationArgs,
    },
    /// Render one report as a self-contained HTML page, or a whole records file (.jsonl)
    /// as a static site (index, one page per report, summary) in the -o folder.
    Show {
        /// A report (text), or a records file (.jsonl).
        report: PathBuf,
        /// The page (a report, or --id), or the site's folder (a records file).
        #[arg(short, long)]
        output: PathBuf,
        /// Render only this record of a .jsonl file, as one page.
        #[arg(long)]
        id: Option<String>,
        /// The failures file of the run (`extract --errors`), listed on the site's index.
        #[arg(long)]
        errors: Option<PathBuf>,
        #[arg(long)]
        model: Option<PathBuf>,
    },
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
    /// Write the analysis tables (events, matches, mentions) of a records file into a
    /// folder, one file per table.
    Tables {
        input: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, value_enum, default_value = "parquet")]
        format: TableFormat,
    },
    /// Train the NER model from the base encoder and the project's data.
    Train(TrainArgs),
    /// Score the NER model on a CoNLL-2003 file, its labels folded back to PER/ORG/LOC,
    /// to compare with published CoNLL figures.
    Conll {
        file: PathBuf,
        /// Model directory (default: TOUCHLINE_MODEL, beside the executable, or the checkout's
        /// models/touchline-ner).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Print the team sheet at the foot of each report (line-ups, substitutions,
    /// bookings, goals, attendance, referee) as one JSON object per line, with `start`,
    /// the char offset where the sheet begins; reports without one print `null`.
    Sheet {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Check gold files: offsets, labels, canonical names, minutes.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Folders (walked recursively), files, or - for stdin; with --input-format jsonl or
    /// csv, dumps of many reports (files, or - for stdin).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Whether the inputs are report files or JSONL/CSV dumps of many reports.
    #[arg(long, value_enum, default_value = "files")]
    input_format: InputFormat,
    /// The field (JSONL) or column (CSV) of a dump holding each report's id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// The field (JSONL) or column (CSV) of a dump holding each report's text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// Output file.
    #[arg(short, long)]
    output: PathBuf,
    /// Model directory (default: TOUCHLINE_MODEL, beside the executable, or the checkout's
    /// models/touchline-ner).
    #[arg(long)]
    model: Option<PathBuf>,
    /// File extensions to read in folders.
    #[arg(long, value_delimiter = ',', default_value = "txt,md")]
    ext: Vec<String>,
    /// Reports larger than this many bytes are skipped with a reason.
    #[arg(long, default_value_t = 2 * 1024 * 1024)]
    max_bytes: u64,
    /// jsonl: one record per line; csv or parquet: a folder (the -o path) of tables
    /// (events, matches, mentions); conll: BIO tags.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Continue a run that was stopped: reports already in the output are skipped.
    #[arg(long)]
    resume: bool,
    /// Write records as they are ready instead of in input order.
    #[arg(long)]
    unordered: bool,
    /// Also write the reports that failed (path, reason) to this JSONL file.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// CPU threads for the model, each a worker with its own batches (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Windows per forward pass (default: 4; see `NerConfig::batch_size`).
    #[arg(long)]
    batch_size: Option<usize>,
    /// Weight precision of the model's linear layers.
    #[arg(long, value_enum, default_value = "fp32")]
    precision: Precision,
    #[command(flatten)]
    relation: RelationArgs,
    /// Take only shard K of N (K from 0 to N-1): the reports whose id hashes to K, the
    /// same on every machine. Each shard writes its own output; `merge` joins them.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<Shard>,
    /// Like --shard K/N with K from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or
    /// $SLURM_ARRAY_TASK_ID (Slurm job array).
    #[arg(long, value_name = "N", conflicts_with = "shard",
          value_parser = clap::value_parser!(u32).range(1..))]
    shard_from_env: Option<u32>,
    /// No progress bar.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    s.parse().map_err(|e| format!("{e:#}"))
}

#[derive(clap::Args)]
struct MergeArgs {
    /// The shards' output files.
    #[arg(required = true)]
    shards: Vec<PathBuf>,
    /// Output file.
    #[arg(short, long)]
    output: PathBuf,
    /// The folder the shards read: list every report in it that no shard wrote.
    #[arg(long, value_name = "DIR")]
    expect: Option<PathBuf>,
    /// File extensions that count as reports in --expect's folder.
    #[arg(long, value_delimiter = ',', default_value = "txt,md")]
    ext: Vec<String>,
}

/// How the relation stage reads events (for ablations; the defaults are the shipped
/// choice).
#[derive(clap::Args)]
struct RelationArgs {
    /// Who reads events in the prose: the rule tables, the role model, or both.
    #[arg(long, value_enum)]
    reader: Option<Reader>,
    /// Role probability at which a mention plays a role.
    #[arg(long)]
    role_threshold: Option<f32>,
    /// Where the final score comes from when no headline states it: the learned ranker
    /// (weighing the results the prose tells against the goals read), or the rules before
    /// it (the first result phrase, else the goals counted when all are credited).
    #[arg(long, value_enum)]
    score_from: Option<ScoreFrom>,
    /// Score ranker weights (from touchline train --score) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    score_ranker: Option<PathBuf>,
    /// Who decides home and away when no headline states them: the learned ranker, or
    /// the rules before it (cue phrases and grounds, then the team sheets' order).
    #[arg(long, value_enum)]
    home_from: Option<Decider>,
    /// Home ranker weights (from touchline train --score) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    home_ranker: Option<PathBuf>,
    /// Who names the shooter of a save whose rule names none: the learned ranker, or no
    /// one (the rules alone).
    #[arg(long, value_enum)]
    shooter_from: Option<Decider>,
    /// Shooter ranker weights (from touchline train --shooter) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    shooter_ranker: Option<PathBuf>,
    /// Shooter ranker probability at which it names a shooter.
    #[arg(long)]
    shooter_threshold: Option<f32>,
    /// Who names the assister of a goal whose rule names none: the learned ranker, or no
    /// one (the rules alone).
    #[arg(long, value_enum)]
    assister_from: Option<Decider>,
    /// Assister ranker weights (from touchline train --assister) instead of the shipped
    /// ones.
    #[arg(long, value_name = "FILE")]
    assister_ranker: Option<PathBuf>,
    /// Assister ranker probability at which it names an assister.
    #[arg(long)]
    assister_threshold: Option<f32>,
    /// Who decides who kept goal in a save the rules read: the learned ranker (which may
    /// drop the save or give it to another player of its sentence), or the rules alone.
    #[arg(long, value_enum)]
    keeper_from: Option<Decider>,
    /// Keeper ranker weights (from touchline train --keeper) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    keeper_ranker: Option<PathBuf>,
    /// Keeper ranker probability at which it overrules the rule's keeper.
    #[arg(long)]
    keeper_threshold: Option<f32>,
    /// Who decides whether a goalkeeper named where no save rule reads one made a save:
    /// the learned stop ranker, or the rules alone (no such save).
    #[arg(long, value_enum)]
    stop_from: Option<Decider>,
    /// Stop ranker weights (from touchline train --stop) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    stop_ranker: Option<PathBuf>,
    /// Stop ranker probability at which it reads a save.
    #[arg(long)]
    stop_threshold: Option<f32>,
    /// Who credits a goal read in the prose to home or away: the learned ranker where it
    /// is sure enough (else the rules), or the rules' cascade of readings alone.
    #[arg(long, value_enum)]
    credit_from: Option<Decider>,
    /// Credit ranker weights (from touchline train --credit) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    credit_ranker: Option<PathBuf>,
    /// Credit ranker probability at which it credits a goal.
    #[arg(long)]
    credit_threshold: Option<f32>,
    /// Which articles naming two sides give no match: those the learned article ranker
    /// reads as no match report, or only those with no score, sheet or event (the rule).
    #[arg(long, value_enum)]
    match_check: Option<MatchCheck>,
    /// Article ranker weights (from touchline train --article) instead of the shipped ones.
    #[arg(long, value_name = "FILE")]
    article_ranker: Option<PathBuf>,
}

impl RelationArgs {
    fn config(&self) -> Result<EventsConfig> {
        let d = EventsConfig::default();
        Ok(EventsConfig {
            reader: self.reader.unwrap_or(d.reader),
            threshold: self.role_threshold.unwrap_or(d.threshold),
            score_from: self.score_from.unwrap_or(d.score_from),
            score_ranker: match &self.score_ranker {
                Some(path) => Arc::new(touchline::events::score::load(path)?),
                None => d.score_ranker,
            },
            home_from: self.home_from.unwrap_or(d.home_from),
            home_ranker: match &self.home_ranker {
                Some(path) => Arc::new(touchline::events::home::load(path)?),
                None => d.home_ranker,
            },
            shooter: partner_config(
                d.shooter,
                |p| Partner::Shooter.load(p),
                (
                    self.shooter_from,
                    &self.shooter_ranker,
                    self.shooter_threshold,
                ),
            )?,
            assister: partner_config(
                d.assister,
                |p| Partner::Assister.load(p),
                (
                    self.assister_from,
                    &self.assister_ranker,
                    self.assister_threshold,
                ),
            )?,
            keeper: partner_config(
                d.keeper,
                touchline::events::keeper::load,
                (self.keeper_from, &self.keeper_ranker, self.keeper_threshold),
            )?,
            stop: partner_config(
                d.stop,
                touchline::events::stop::load,
                (self.stop_from, &self.stop_ranker, self.stop_threshold),
            )?,
            credit: partner_config(
                d.credit,
                touchline::events::credit::load,
                (self.credit_from, &self.credit_ranker, self.credit_threshold),
            )?,
            match_check: self.match_check.unwrap_or(d.match_check),
            article_ranker: match &self.article_ranker {
                Some(path) => Arc::new(touchline::events::article::load(path)?),
                None => d.article_ranker,
            },
            ..d
        })
    }
}

/// A partner's options: the defaults `d`, with what the flags give.
fn partner_config(
    d: PartnerConfig,
    load: fn(&Path) -> Result<Ranker>,
    (from, ranker, threshold): (Option<Decider>, &Option<PathBuf>, Option<f32>),
) -> Result<PartnerConfig> {
    Ok(PartnerConfig {
        from: from.unwrap_or(d.from),
        ranker: match ranker {
            Some(path) => Arc::new(load(path)?),
            None => d.ranker,
        },
        threshold: threshold.unwrap_or(d.threshold),
    })
}

#[derive(clap::Args)]
struct TrainArgs {
    /// Where to write the model directory (default: models/touchline-ner).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Unpacked base encoder (default: the cache scripts/fetch-base-model fills).
    #[arg(long)]
    base: Option<PathBuf>,
    #[arg(long)]
    epochs: Option<usize>,
    #[arg(long)]
    lr: Option<f64>,
    #[arg(long)]
    batch_size: Option<usize>,
    #[arg(long)]
    seed: Option<u64>,
    /// Generated reports per epoch (0: none).
    #[arg(long)]
    synthetic: Option<usize>,
    /// Leave out the word-shape (capitalisation) embedding.
    #[arg(long)]
    no_shape: bool,
    /// Leave out CoNLL-2003's football documents.
    #[arg(long)]
    no_conll: bool,
    /// Leave out the role and link heads (a names-only model).
    #[arg(long)]
    no_roles: bool,
    /// Training files (SPEC JSONL, repeatable), instead of the team's reports and the
    /// real-dev gold.
    #[arg(long = "train")]
    train_files: Vec<PathBuf>,
    /// Silver goal labels (JSONL from scripts/silver, repeatable), instead of
    /// target/silver/bbc2022.jsonl (built when missing). Read only with role heads.
    #[arg(long = "silver")]
    silver_files: Vec<PathBuf>,
    /// Leave out the silver labels.
    #[arg(long, conflicts_with = "silver_files")]
    no_silver: bool,
    /// Start from this model directory instead of the base encoder.
    #[arg(long)]
    init: Option<PathBuf>,
    /// Train only the heads; the encoder stays as --init (or the base) has it, and with
    /// --init so does the names head.
    #[arg(long)]
    freeze_encoder: bool,
    /// Stop starting epochs after this many minutes.
    #[arg(long)]
    max_minutes: Option<f64>,
    /// CPU threads for libtorch (default: all cores).
    #[arg(long)]
    threads: Option<i32>,
    /// Fit only the score ranker (models/score-ranker.json unless --out; rebuild to ship
    /// it), from --silver (default target/silver/bbc2022-scores.jsonl, built by
    /// scripts/silver --scores).
    #[arg(long)]
    score: bool,
    /// Fit only the article ranker (models/article-ranker.json unless --out; rebuild to
    /// ship it), from --silver (default target/silver/articles.jsonl and its .tsv of
    /// kinds, built by scripts/silver --articles).
    #[arg(long, conflicts_with = "score")]
    article: bool,
    /// Fit only the shooter ranker (models/shooter-ranker.json unless --out; rebuild to
    /// ship it), from the keeper and shooter marks of data/train/train.jsonl.
    #[arg(long, conflicts_with_all = ["score", "article"])]
    shooter: bool,
    /// Fit only the assister ranker (models/assister-ranker.json unless --out; rebuild to
    /// ship it), from the scorer and assister marks of data/train/train.jsonl.
    #[arg(long, conflicts_with_all = ["score", "article", "shooter"])]
    assister: bool,
    /// Fit only the keeper ranker (models/keeper-ranker.json unless --out; rebuild to
    /// ship it), from the keeper marks of the real-dev gold (or --train files).
    #[arg(long, conflicts_with_all = ["score", "article", "shooter", "assister"])]
    keeper: bool,
    /// Fit only the credit ranker (models/credit-ranker.json unless --out; rebuild to
    /// ship it), from --silver (default target/silver/bbc2022.jsonl, built by
    /// scripts/silver) and any --train files.
    #[arg(long, conflicts_with_all = ["score", "article", "shooter", "assister", "keeper"])]
    credit: bool,
    /// Fit only the stop ranker (models/stop-ranker.json unless --out; rebuild to ship
    /// it), from the keeper marks of data/train/train.jsonl and the real-dev gold (or
    /// --train files).
    #[arg(long, conflicts_with_all = ["score", "article", "shooter", "assister", "keeper", "credit"])]
    stop: bool,
}

fn main() -> ExitCode {
    touchline::pipeline::bound_heap_growth();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Bad arguments exit 1 like every run that cannot start (clap's own code, 2,
        // means some reports failed here); --help and --version exit 0.
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::from(e.use_stderr()));
        }
    };
    let level = match cli.verbose {
        0 => "warn",
        1 => "touchline=debug",
        _ => "debug,touchline=trace",
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(level)
        .init();
    let result = match cli.command {
        Command::Eval {
            gold,
            pred,
            json,
            errors,
        } => run_eval(&gold, &pred, json, errors),
        Command::Validate { files } => run_validate(&files),
        Command::Sheet { inputs } => run_sheet(&inputs),
        Command::Conll { file, model } => run_conll(&file, model),
        Command::Extract(args) => run_extract(args),
        Command::Merge(args) => run_merge(args),
        Command::Relate {
            input,
            output,
            relation,
        } => relation
            .config()
            .and_then(|events| run_relate(&input, &output, events)),
        Command::Show {
            report,
            output,
            id,
            errors,
            model,
        } => match (report.extension().is_some_and(|e| e == "jsonl"), id) {
            (true, None) => run_site(&report, &output, errors.as_deref()),
            (_, id) => run_show(&report, &output, id.as_deref(), model),
        },
        Command::Tables {
            input,
            output,
            format,
        } => run_tables(&input, &output, format),
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

fn run_eval(gold: &Path, pred: &Path, json: bool, errors: bool) -> Result<u8> {
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

fn run_conll(file: &Path, model: Option<PathBuf>) -> Result<u8> {
    let defaults = NerConfig::default();
    let tagger = touchline::ner::Tagger::load(&NerConfig {
        model_dir: model,
        ..defaults
    })?;
    let rows = touchline::train::data::conll_scores(&tagger, file)
        .with_context(|| format!("cannot score {}", file.display()))?;
    println!("{:<14}{:>7}{:>7}{:>7}", "folded", "P", "R", "F1");
    for (name, s) in rows {
        println!("  {name:<12}{:>7.3}{:>7.3}{:>7.3}", s.p, s.r, s.f1);
    }
    Ok(0)
}

fn run_sheet(paths: &[PathBuf]) -> Result<u8> {
    let config = IngestConfig::default();
    let (inputs, mut errors) = ingest::discover(paths, &config);
    for input in &inputs {
        let doc = match ingest::read(input, &config) {
            Ok(doc) => doc,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let footer = touchline::events::footer::parse_footer(&doc.text);
        let start = footer
            .as_ref()
            .map(|f| touchline::doc::CharIndex::new(&doc.text).char_of_byte(f.start));
        let line = serde_json::json!({"id": doc.id, "start": start, "sheet": footer});
        println!("{line}");
    }
    for e in &errors {
        eprintln!("touchline: skipped {e}");
    }
    Ok(if errors.is_empty() { 0 } else { EXIT_PARTIAL })
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
    if args.score {
        return run_train_score(args);
    }
    if args.shooter || args.assister {
        return run_train_partner(args);
    }
    if args.keeper {
        return run_train_keeper(args);
    }
    if args.stop {
        return run_train_stop(args);
    }
    if args.credit {
        return run_train_credit(args);
    }
    if args.article {
        return run_train_article(args);
    }
    if let Some(n) = args.threads {
        tch::set_num_threads(n);
    }
    let d = TrainConfig::default();
    let synthetic = args.synthetic.unwrap_or(d.synthetic_per_epoch);
    let config = TrainConfig {
        base: args.base.unwrap_or(d.base.clone()),
        epochs: args.epochs.unwrap_or(d.epochs),
        lr: args.lr.unwrap_or(d.lr),
        batch_size: args.batch_size.unwrap_or(d.batch_size),
        seed: args.seed.unwrap_or(d.seed),
        synthetic_per_epoch: synthetic,
        gazetteer: if synthetic > 0 {
            d.gazetteer.clone()
        } else {
            None
        },
        shape: !args.no_shape,
        role_head: !args.no_roles,
        train: if args.train_files.is_empty() {
            d.train.clone()
        } else {
            args.train_files
        },
        silver: if args.no_silver {
            Vec::new()
        } else if args.silver_files.is_empty() {
            d.silver.clone()
        } else {
            args.silver_files
        },
        init: args.init,
        freeze_encoder: args.freeze_encoder,
        conll: if args.no_conll { None } else { d.conll.clone() },
        max_minutes: args.max_minutes.unwrap_or(d.max_minutes),
        out: args.out.unwrap_or(d.out.clone()),
        ..d
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

fn run_train_score(args: TrainArgs) -> Result<u8> {
    let d = ScoreTrainConfig::default();
    let config = ScoreTrainConfig {
        silver: args.silver_files.into_iter().next().unwrap_or(d.silver),
        home_out: match &args.out {
            Some(out) => out.with_file_name("home-ranker.json"),
            None => d.home_out,
        },
        out: args.out.unwrap_or(d.out),
        ..d
    };
    let s = train_score(&config)?;
    eprintln!(
        "train --score: {} reports whose score no headline states ({} others left out); right on them: ranker {:.3}, goals counted {:.3}; written to {}",
        s.examples,
        s.skipped,
        s.ranker_right,
        s.counted_right,
        config.out.display()
    );
    eprintln!(
        "train --score: {} reports' home and away; right on them: ranker {:.3}, the rules {:.3}; written to {}",
        s.home_examples,
        s.home_right,
        s.home_rules_right,
        config.home_out.display()
    );
    Ok(0)
}

/// Training files named with --train, else a trainer's defaults.
fn given_or(given: Vec<PathBuf>, default: Vec<PathBuf>) -> Vec<PathBuf> {
    if given.is_empty() {
        default
    } else {
        given
    }
}

fn run_train_partner(args: TrainArgs) -> Result<u8> {
    let partner = if args.shooter {
        Partner::Shooter
    } else {
        Partner::Assister
    };
    let d = PartnerTrainConfig::new(partner);
    let config = PartnerTrainConfig {
        train: given_or(args.train_files, d.train),
        out: args.out.unwrap_or(d.out),
        ..d
    };
    let s = train_partner(&config)?;
    eprintln!(
        "train --{0}: {1} choices ({2} with no {0} marked, {3} others left out); right on them: ranker {4:.3}, the nearest player {5:.3}; written to {6}",
        partner.name(),
        s.examples,
        s.no_partner,
        s.skipped,
        s.right,
        s.nearest_right,
        config.out.display()
    );
    Ok(0)
}

fn run_train_keeper(args: TrainArgs) -> Result<u8> {
    let d = KeeperTrainConfig::default();
    let config = KeeperTrainConfig {
        reports: d.reports.or_files(args.train_files),
        out: args.out.unwrap_or(d.out),
        ..d
    };
    let s = train_keeper(&config)?;
    eprintln!(
        "train --keeper: {} saves the rules read ({} with no keeper marked, {} others left out); right on them: ranker {:.3}, the rule alone {:.3}; written to {}",
        s.examples,
        s.no_keeper,
        s.skipped,
        s.right,
        s.rule_right,
        config.out.display()
    );
    Ok(0)
}

fn run_train_stop(args: TrainArgs) -> Result<u8> {
    let d = StopTrainConfig::default();
    let config = StopTrainConfig {
        reports: d.reports.or_files(args.train_files),
        out: args.out.unwrap_or(d.out),
        ..d
    };
    let s = train_stop(&config)?;
    eprintln!(
        "train --stop: {} goalkeepers named where the rules read no save of theirs ({} saves marked); right on them: {:.3}; written to {}",
        s.examples,
        s.saves,
        s.right,
        config.out.display()
    );
    Ok(0)
}

fn run_train_credit(args: TrainArgs) -> Result<u8> {
    let d = CreditTrainConfig::default();
    let config = CreditTrainConfig {
        silver: given_or(args.silver_files, d.silver),
        train: given_or(args.train_files, d.train),
        out: args.out.unwrap_or(d.out),
        ..d
    };
    let s = train_credit(&config)?;
    eprintln!(
        "train --credit: {} goals read in the prose of {} reports; right on them: ranker {:.3}, the rules' cascade {:.3}; written to {}",
        s.examples,
        s.reports,
        s.right,
        s.rules_right,
        config.out.display()
    );
    Ok(0)
}

fn run_train_article(args: TrainArgs) -> Result<u8> {
    let d = ArticleTrainConfig::default();
    let config = ArticleTrainConfig {
        silver: args.silver_files.into_iter().next().unwrap_or(d.silver),
        out: args.out.unwrap_or(d.out),
        ..d
    };
    let s = train_article(&config)?;
    eprintln!(
        "train --article: {} articles naming two sides, {} of them match reports ({} others left out); right on them: ranker {:.3}, the rule alone {:.3}; written to {}",
        s.examples,
        s.match_reports,
        s.skipped,
        s.right,
        s.rule_right,
        config.out.display()
    );
    Ok(0)
}

fn run_extract(args: ExtractArgs) -> Result<u8> {
    let defaults = PipelineConfig::default();
    let config = PipelineConfig {
        ner: NerConfig {
            model_dir: args.model,
            batch_size: args.batch_size.unwrap_or(defaults.ner.batch_size),
            precision: args.precision,
            ..defaults.ner.clone()
        },
        ingest: IngestConfig {
            extensions: args.ext,
            max_bytes: args.max_bytes,
            format: args.input_format,
            id_field: args.id_field,
            text_field: args.text_field,
        },
        model_threads: args.threads.map_or(defaults.model_threads, usize::from),
        events: args.relation.config()?,
        ..defaults
    };
    let pipeline = Pipeline::load(&config)?;
    let shard = match args.shard_from_env {
        Some(count) => Shard::from_env(count, |name| std::env::var(name).ok())?,
        None => args.shard.unwrap_or_default(),
    };
    let (inputs, listing_errors) = ingest::discover(&args.inputs, &config.ingest);
    let inputs = shard.select(inputs);
    if inputs.is_empty() && !listing_errors.is_empty() {
        for e in &listing_errors {
            eprintln!("touchline: {e}");
        }
        return Ok(1);
    }
    let options = BatchOptions {
        output: args.output,
        format: args.format,
        resume: args.resume,
        unordered: args.unordered,
        errors: args.errors,
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let summary = pipeline::run_batch(&pipeline, inputs, listing_errors, &options)?;
    eprintln!(
        "touchline: {}{} -> {}",
        if shard.count() > 1 {
            format!("shard {shard}: ")
        } else {
            String::new()
        },
        summary.line(),
        options.output.display()
    );
    Ok(if summary.failed > 0 { EXIT_PARTIAL } else { 0 })
}

fn run_merge(args: MergeArgs) -> Result<u8> {
    let config = MergeConfig {
        expect: args.expect,
        ingest: IngestConfig {
            extensions: args.ext,
            ..IngestConfig::default()
        },
    };
    let summary = merge::merge(&args.shards, &args.output, &config)?;
    for bad in &summary.bad_lines {
        eprintln!("touchline: skipped {bad}");
    }
    for id in &summary.missing {
        eprintln!("touchline: missing: {id}");
    }
    eprintln!(
        "touchline: merged {} shard files: {} records ({} identical duplicates left out, {} unreadable lines, {} reports missing) -> {}",
        args.shards.len(),
        summary.records,
        summary.duplicates,
        summary.bad_lines.len(),
        summary.missing.len(),
        args.output.display()
    );
    let complete = summary.bad_lines.is_empty() && summary.missing.is_empty();
    Ok(if complete { 0 } else { EXIT_PARTIAL })
}

fn run_relate(input: &Path, output: &Path, events: EventsConfig) -> Result<u8> {
    let file = read_records(input)?;
    for e in &file.errors {
        eprintln!("touchline: skipped {e}");
    }
    let config = PipelineConfig {
        events,
        ..PipelineConfig::default()
    };
    let mut out = String::new();
    let mut failed = 0;
    for (line, record) in file.records {
        let mut doc = touchline::doc::Doc::from(record);
        doc.events.clear();
        doc.match_info = None;
        match touchline::guard::isolated("relation stage", || {
            pipeline::relate(&mut doc, &config);
        }) {
            Ok(()) => {
                out.push_str(&serde_json::to_string(&doc.into_record())?);
                out.push('\n');
            }
            Err(e) => {
                eprintln!("touchline: skipped {}:{line}: {e}", input.display());
                failed += 1;
            }
        }
    }
    write_atomic(output, out.as_bytes())?;
    Ok(if file.errors.is_empty() && failed == 0 {
        0
    } else {
        EXIT_PARTIAL
    })
}

fn run_tables(input: &Path, output: &Path, format: TableFormat) -> Result<u8> {
    let file = read_records(input)?;
    for e in &file.errors {
        eprintln!("touchline: skipped {e}");
    }
    let counts = write_tables(file.records.into_iter().map(|(_, r)| r), output, format)?;
    eprintln!(
        "touchline: {} matches, {} events, {} mentions -> {}",
        counts.matches,
        counts.events,
        counts.mentions,
        output.display()
    );
    Ok(if file.errors.is_empty() {
        0
    } else {
        EXIT_PARTIAL
    })
}

fn run_site(records: &Path, output: &Path, errors: Option<&Path>) -> Result<u8> {
    let file = read_records(records)?;
    let mut failures = file.errors;
    if let Some(path) = errors {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let reason = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("reason")?.as_str().map(String::from));
            failures
                .push(reason.unwrap_or_else(|| format!("{}:{}: {line}", path.display(), i + 1)));
        }
    }
    let records: Vec<_> = file.records.into_iter().map(|(_, r)| r).collect();
    let counts = touchline::site::write_site(&records, &failures, output)?;
    eprintln!(
        "touchline: {} report pages, {} failures listed -> {}",
        counts.reports,
        counts.failures,
        output.join("index.html").display()
    );
    Ok(0)
}

fn run_show(report: &Path, output: &Path, id: Option<&str>, model: Option<PathBuf>) -> Result<u8> {
    let record = if report.extension().is_some_and(|e| e == "jsonl") {
        let file = read_records(report)?;
        file.records
            .into_iter()
            .map(|(_, r)| r)
            .find(|r| id.is_none_or(|id| r.id == id))
            .with_context(|| {
                format!(
                    "{}: no record{}",
                    report.display(),
                    id.map(|i| format!(" with id {i}")).unwrap_or_default()
                )
            })?
    } else {
        let defaults = PipelineConfig::default();
        let config = PipelineConfig {
            ner: NerConfig {
                model_dir: model,
                ..defaults.ner.clone()
            },
            ..defaults
        };
        let input = ingest::discover(&[report.to_path_buf()], &config.ingest)
            .0
            .into_iter()
            .next()
            .with_context(|| format!("cannot read {}", report.display()))?;
        let doc = ingest::read(&input, &config.ingest)?;
        let pipeline = Pipeline::load(&config)?;
        pipeline.process(vec![doc])?.remove(0).into_record()
    };
    write_atomic(output, touchline::show::render(&record).as_bytes())?;
    Ok(0)
}
