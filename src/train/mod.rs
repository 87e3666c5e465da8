//! `touchline train`: fine-tunes the base encoder (all-MiniLM-L6-v2) into the shipped
//! NER model, in Rust on tch: AdamW, linear warm-up then linear decay, dropout, early
//! stopping on the dev gold's strict entity F1, a fixed seed. Writes a complete model
//! directory (config with label map, tokenizer, f16 weights, model card).
//!
//! ```no_run
//! use touchline::train::{train, TrainConfig};
//!
//! let config = TrainConfig { epochs: 1, ..TrainConfig::default() };
//! let summary = train(&config)?;
//! println!("best dev F1 {:.3} after epoch {}", summary.best_f1, summary.best_epoch);
//! # anyhow::Ok(())
//! ```

pub mod article;
pub mod credit;
pub mod data;
pub mod keeper;
pub mod partner;
pub mod score;
pub mod stop;
pub mod synth;

use crate::doc::{Kind, Label, MentionRole, Record, Span};
use crate::eval::{evaluate, EvalConfig, EvalReport, Prf};
use crate::export::write_atomic;
use crate::names::fold;
use crate::ner::encode::{first_piece, Encoded, Encoder, TagSet, WindowConfig, SHAPE_CLASSES};
use crate::ner::model::{loss, Batch, LossWeights, TaggerNet, Targets, Window, ROLES, ROLE_GROUP};
use crate::ner::{predict_with, read, ModelConfig, ModelMeta};
use anyhow::{bail, Context, Result};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tch::{nn, nn::OptimizerConfig, Device, Tensor};

/// Text with labelled char spans; `masked` spans are left out of the loss. A text whose
/// mention roles are marked also carries them.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub spans: Vec<(Span, Label)>,
    pub masked: Vec<Span>,
    pub roles: Option<RoleExample>,
}

/// Role targets of one text: each person mention the roles count for, with its roles
/// (none: it plays no role), and candidate links (joining mention, event's primary
/// mention, whether they belong together).
#[derive(Debug, Clone, Default)]
pub struct RoleExample {
    pub mentions: Vec<(Span, Vec<MentionRole>)>,
    pub links: Vec<(Span, Span, bool)>,
    /// Roles this text's labels do not vouch for, left out of the loss (none for gold:
    /// every role is marked; silver labels vouch for goals only).
    pub unknown: Vec<MentionRole>,
}

/// Everything that decides the trained model. The defaults reproduce the shipped one.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Unpacked base model (config.json, model.safetensors, tokenizer.json), as
    /// `scripts/fetch-base-model` leaves it.
    pub base: PathBuf,
    /// Annotated football reports (SPEC JSONL): the team's own and the real-dev gold.
    pub train: Vec<PathBuf>,
    /// Standoff annotation folders and the JSONL each builds into (with
    /// `scripts/build-annotations`, which joins the real reports' text from
    /// ../shared/data) before training reads it. Never the real-test set.
    pub standoff: Vec<(PathBuf, PathBuf)>,
    /// Silver goal labels on real reports (`scripts/silver` builds a missing one), read
    /// when the role heads train; see `data::silver_examples`.
    pub silver: Vec<PathBuf>,
    /// Dev gold for early stopping and the per-epoch report.
    pub dev: PathBuf,
    /// CoNLL-2003 football documents, mapped onto our labels; `None` to leave out.
    pub conll: Option<PathBuf>,
    /// Football gazetteer for generated reports; `None` for no generated text.
    pub gazetteer: Option<PathBuf>,
    /// Gold whose names the generator must never use (the held-out test set).
    pub exclude_names_from: Option<PathBuf>,
    /// Generated reports per epoch (fresh ones each epoch).
    pub synthetic_per_epoch: usize,
    pub epochs: usize,
    /// Epochs without dev improvement before stopping.
    pub patience: usize,
    pub lr: f64,
    pub weight_decay: f64,
    /// Share of steps spent warming up.
    pub warmup: f64,
    pub batch_size: usize,
    pub seed: u64,
    /// Add the word-shape embedding (the capitalisation signal).
    pub shape: bool,
    /// Add the role and link heads, trained on the role-marked texts.
    pub role_head: bool,
    pub loss_weights: LossWeights,
    /// The role heads' learning rate as a multiple of `lr`.
    pub role_lr_factor: f64,
    /// Start from this model directory's weights instead of the base encoder's.
    pub init: Option<PathBuf>,
    /// Train only the heads, the encoder as `init` (or the base) left it; with `init`,
    /// only the role heads (the names head stays as `init` has it).
    pub freeze_encoder: bool,
    pub window: WindowConfig,
    /// Stop starting new epochs after this many minutes.
    pub max_minutes: f64,
    pub out: PathBuf,
    pub device: Device,
}

impl Default for TrainConfig {
    fn default() -> Self {
        let shared = PathBuf::from("../shared/data/ner");
        let reports = Annotated::team_and_real_dev();
        TrainConfig {
            base: base_model_dir(),
            train: reports.train,
            standoff: reports.standoff,
            silver: vec![PathBuf::from("target/silver/bbc2022.jsonl")],
            dev: PathBuf::from("data/gold/dev.jsonl"),
            conll: Some(shared.join("conll2003/soccer_subset/train.txt")),
            gazetteer: Some(shared.join("football_gazetteer/soccer_data.json")),
            exclude_names_from: Some(PathBuf::from("data/gold/test.jsonl")),
            synthetic_per_epoch: 600,
            epochs: 8,
            patience: 2,
            lr: 1e-4,
            weight_decay: 0.01,
            warmup: 0.1,
            batch_size: 16,
            seed: 13,
            shape: true,
            role_head: true,
            loss_weights: LossWeights {
                roles: 1.0,
                links: 0.5,
            },
            role_lr_factor: 5.0,
            init: None,
            freeze_encoder: false,
            window: WindowConfig::default(),
            max_minutes: 50.0,
            out: PathBuf::from(crate::ner::DEFAULT_MODEL_DIR),
            device: Device::cuda_if_available(),
        }
    }
}

/// Where `scripts/fetch-base-model` unpacks the base encoder.
pub fn base_model_dir() -> PathBuf {
    let cache = std::env::var_os("TOUCHLINE_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|c| PathBuf::from(c).join("touchline")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/touchline")))
        .unwrap_or_else(|| PathBuf::from(".cache/touchline"));
    cache.join("base/all-minilm-l6-v2")
}

/// A small deterministic generator (SplitMix64): the same seed gives the same run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

/// What a training run achieved.
#[derive(Debug, Clone)]
pub struct TrainSummary {
    pub best_f1: f64,
    pub best_epoch: usize,
    pub dev: EvalReport,
    pub minutes: f64,
    pub examples: usize,
}

struct Prepared {
    enc: Encoded,
    targets: Targets,
}

fn prepare(encoder: &Encoder, examples: &[Example]) -> Result<Vec<Prepared>> {
    examples
        .iter()
        .map(|ex| {
            let enc = encoder.encode(&ex.text)?;
            let targets = targets(&enc, ex);
            Ok(Prepared { enc, targets })
        })
        .collect()
}

/// Tag targets for every text; role and link targets at the first piece of each person
/// mention of a role-marked one.
fn targets(enc: &Encoded, ex: &Example) -> Targets {
    let mut t = Targets {
        tags: TagSet::targets(enc, &ex.spans, &ex.masked),
        roles: vec![None; enc.len()],
        links: Vec::new(),
    };
    if let Some(roles) = &ex.roles {
        for (span, marks) in &roles.mentions {
            if let Some(i) = first_piece(enc, span.start) {
                let mut v = [0f32; ROLES as usize];
                for r in marks {
                    v[r.index()] = 1.0;
                }
                for r in &roles.unknown {
                    v[r.index()] = -1.0;
                }
                t.roles[i] = Some(v);
            }
        }
        t.links = roles
            .links
            .iter()
            .filter_map(|(a, b, belongs)| {
                Some((
                    first_piece(enc, a.start)?,
                    first_piece(enc, b.start)?,
                    *belongs,
                ))
            })
            .collect();
    }
    t
}

/// Annotated reports a ranker's trainer reads: SPEC JSONL files whose mentions carry
/// roles, and the standoff folders built into some of them first (with
/// `scripts/build-annotations`, which joins the real reports' text). Never real-test.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub train: Vec<PathBuf>,
    /// Standoff annotation folders and the JSONL each builds into.
    pub standoff: Vec<(PathBuf, PathBuf)>,
}

impl Annotated {
    /// The real-dev gold, built from its standoff.
    pub fn real_dev() -> Annotated {
        let built = PathBuf::from("target/gold/real-dev.jsonl");
        Annotated {
            train: vec![built.clone()],
            standoff: vec![(PathBuf::from("data/gold/real/src/dev"), built)],
        }
    }

    /// The team's annotated reports and the real-dev gold.
    pub fn team_and_real_dev() -> Annotated {
        let mut a = Annotated::real_dev();
        a.train.insert(0, PathBuf::from("data/train/train.jsonl"));
        a
    }

    /// Files named on the command line instead, read as they are (nothing built); none
    /// named: these.
    pub fn or_files(self, files: Vec<PathBuf>) -> Annotated {
        if files.is_empty() {
            self
        } else {
            Annotated {
                train: files,
                standoff: Vec::new(),
            }
        }
    }

    /// Builds the standoff folders, then reads every file: the records, and the files'
    /// names joined for a model card.
    pub fn read(&self) -> Result<(Vec<Record>, String)> {
        for (src, out) in &self.standoff {
            build_standoff(src, out)?;
        }
        read_annotated(&self.train)
    }
}

/// The records of annotated files, and the files' names joined for a model card.
pub(crate) fn read_annotated(paths: &[PathBuf]) -> Result<(Vec<Record>, String)> {
    let mut records = Vec::new();
    for path in paths {
        records.extend(crate::export::read_records(path)?.all()?);
    }
    let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    Ok((records, files.join(", ")))
}

/// Builds a standoff annotation folder into JSONL with the project's build tool.
pub(crate) fn build_standoff(src: &Path, out: &Path) -> Result<()> {
    run_script(
        "scripts/build-annotations",
        &[src.as_os_str(), out.as_os_str()],
    )
}

/// Runs one of the checkout's scripts that build training data.
pub(crate) fn run_script(script: &str, args: &[&OsStr]) -> Result<()> {
    let status = std::process::Command::new(script)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {script} (run touchline train from the checkout)"))?;
    if !status.success() {
        let args: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
        bail!("{script} {} failed", args.join(" "));
    }
    Ok(())
}

/// Names in a gold file, folded, word by word and whole: the generator avoids them all.
pub fn names_in(path: &Path) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    for r in &crate::export::read_records(path)?.all()? {
        for m in &r.entities {
            out.insert(fold(&m.text));
            if m.label.kind() == crate::doc::Kind::Person {
                out.extend(
                    fold(&m.text)
                        .split(' ')
                        .filter(|w| w.len() > 2)
                        .map(str::to_string),
                );
            }
        }
    }
    Ok(out)
}

/// The epoch with the best dev F1 so far: its weights are restored before saving.
struct BestEpoch {
    f1: f64,
    epoch: usize,
    weights: Vec<(String, Tensor)>,
    report: EvalReport,
}

/// Trains, early-stops on dev F1, writes the model directory; returns the dev scores.
pub fn train(config: &TrainConfig) -> Result<TrainSummary> {
    let started = Instant::now();
    tch::manual_seed(config.seed as i64);
    let mut rng = Rng::new(config.seed);
    for f in ["config.json", "model.safetensors", "tokenizer.json"] {
        if !config.base.join(f).is_file() {
            bail!(
                "base model file {} missing: run scripts/fetch-base-model",
                config.base.join(f).display()
            );
        }
    }
    let encoder = Encoder::from_file(&config.base.join("tokenizer.json"))?;
    let base_config: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(config.base.join("config.json"))?)
            .context("base config.json")?;
    let model_config = model_config(base_config, config);
    let bert_config = model_config.bert_config()?;

    for (src, out) in &config.standoff {
        build_standoff(src, out)?;
    }
    let mut fixed = Vec::new();
    for path in &config.train {
        fixed.extend(
            data::from_records(path)
                .with_context(|| format!("training data {}", path.display()))?,
        );
    }
    let team_reports = fixed.len();
    let mut silver = 0;
    for path in config.silver.iter().filter(|_| config.role_head) {
        if !path.is_file() {
            run_script("scripts/silver", &[path.as_os_str()])?;
        }
        let examples = data::silver_examples(path)
            .with_context(|| format!("silver labels {}", path.display()))?;
        silver += examples.len();
        fixed.extend(examples);
    }
    if let Some(conll) = &config.conll {
        fixed.extend(data::conll_examples(conll, data::conll2003_football)?);
    }
    let gazetteer = match &config.gazetteer {
        Some(path) => {
            let excluded = match &config.exclude_names_from {
                Some(p) => names_in(p)?,
                None => HashSet::new(),
            };
            Some(synth::Gazetteer::load(path, &excluded)?)
        }
        None => None,
    };
    let fixed = prepare(&encoder, &fixed)?;
    let dev_gold = crate::export::read_records(&config.dev)?
        .all()
        .with_context(|| format!("dev gold {}", config.dev.display()))?;
    let dev_encs = dev_gold
        .iter()
        .map(|r| encoder.encode(r.text.as_deref().unwrap_or("")))
        .collect::<Result<Vec<_>>>()?;
    eprintln!(
        "train: {} team reports, {} silver reports, {} other fixed examples, {} generated per epoch; dev {} reports; device {:?}",
        team_reports,
        silver,
        fixed.len() - team_reports - silver,
        if gazetteer.is_some() { config.synthetic_per_epoch } else { 0 },
        dev_gold.len(),
        config.device
    );

    let mut vs = nn::VarStore::new(config.device);
    let tags = TagSet::default();
    let net = TaggerNet::new(
        &vs,
        &bert_config,
        tags.len() as i64,
        model_config.touchline.shape_classes,
        config.role_head,
    )?;
    match &config.init {
        Some(dir) => load_init(&mut vs, &dir.join("model.safetensors"))?,
        None => load_base(&mut vs, &config.base.join("model.safetensors"))?,
    }
    if config.freeze_encoder {
        // From a trained model the names head is frozen too, so its names stay exactly
        // as they were and only the role heads learn.
        let frozen = |name: &str| {
            name.starts_with("bert.")
                || name.starts_with("shape_embeddings")
                || (config.init.is_some() && name.starts_with("classifier."))
        };
        for (name, mut v) in vs.variables() {
            if frozen(&name) {
                let _ = v.requires_grad_(false);
            }
        }
    }
    let mut opt = nn::AdamW {
        wd: config.weight_decay,
        ..Default::default()
    }
    .build(&vs, config.lr)?;

    let windows_per_epoch = |items: &[Prepared]| {
        items
            .iter()
            .map(|p| config.window.windows(p.enc.len()).len())
            .sum::<usize>()
    };
    let synth_estimate = if let Some(g) = &gazetteer {
        let mut probe = Rng::new(config.seed ^ 0xABCD);
        let sample: Vec<Example> = (0..20).map(|_| g.report(&mut probe)).collect();
        windows_per_epoch(&prepare(&encoder, &sample)?) * config.synthetic_per_epoch / 20
    } else {
        0
    };
    let steps_per_epoch = (windows_per_epoch(&fixed) + synth_estimate).div_ceil(config.batch_size);
    let total_steps = (steps_per_epoch * config.epochs).max(1);
    let warmup_steps = ((total_steps as f64) * config.warmup).max(1.0);
    let mut step = 0usize;
    let mut best: Option<BestEpoch> = None;

    for epoch in 1..=config.epochs {
        let epoch_start = Instant::now();
        let generated = match &gazetteer {
            Some(g) => {
                let ex: Vec<Example> = (0..config.synthetic_per_epoch)
                    .map(|_| g.report(&mut rng))
                    .collect();
                prepare(&encoder, &ex)?
            }
            None => Vec::new(),
        };
        let mut windows: Vec<Window> = fixed
            .iter()
            .chain(&generated)
            .flat_map(|p| {
                config
                    .window
                    .windows(p.enc.len())
                    .into_iter()
                    .map(move |range| Window {
                        enc: &p.enc,
                        range,
                        targets: Some(&p.targets),
                    })
            })
            .collect();
        rng.shuffle(&mut windows);
        // Sort within large shuffled blocks: similar lengths per batch, random order.
        for block in windows.chunks_mut(config.batch_size * 32) {
            block.sort_by_key(|w| w.range.len());
        }
        let mut batches: Vec<&[Window]> = windows.chunks(config.batch_size).collect();
        rng.shuffle(&mut batches);
        let (mut loss_sum, mut pieces) = (0.0, 0usize);
        for batch in &batches {
            step += 1;
            let lr = if (step as f64) < warmup_steps {
                config.lr * step as f64 / warmup_steps
            } else {
                config.lr
                    * ((total_steps.saturating_sub(step)) as f64
                        / (total_steps as f64 - warmup_steps).max(1.0))
                    .max(0.0)
            };
            opt.set_lr(lr);
            if config.role_head {
                opt.set_lr_group(ROLE_GROUP, lr * config.role_lr_factor);
            }
            let b = Batch::new(
                batch,
                encoder.cls,
                encoder.sep,
                encoder.pad,
                0,
                config.device,
            );
            let heads = net.forward_t(&b, true)?;
            let l = loss(
                &heads,
                b.targets.as_ref().context("targets")?,
                config.loss_weights,
            );
            // With the names head frozen, a batch without role marks has nothing to learn.
            if l.requires_grad() {
                opt.backward_step_clip_norm(&l, 1.0);
            }
            loss_sum += l.double_value(&[]);
            pieces += batch.iter().map(|w| w.range.len()).sum::<usize>();
        }
        let train_secs = epoch_start.elapsed().as_secs_f64();
        let (report, roles) = dev_scores(&net, &dev_gold, &dev_encs, &encoder, config)?;
        // Model selection weighs the names and (with a role head) the roles alike.
        let f1 = report.entities.strict.f1 + roles.as_ref().map_or(0.0, |r| r.f1);
        eprintln!(
            "epoch {epoch}: loss {:.4}, {} windows, {:.0} pieces/s, {:.1} min; dev P {:.3} R {:.3} F1 {:.3} | {}{}",
            loss_sum / batches.len().max(1) as f64,
            windows.len(),
            pieces as f64 / train_secs,
            started.elapsed().as_secs_f64() / 60.0,
            report.entities.strict.p,
            report.entities.strict.r,
            report.entities.strict.f1,
            per_label(&report),
            roles
                .as_ref()
                .map(|r| format!(" | roles P {:.3} R {:.3} F1 {:.3}", r.p, r.r, r.f1))
                .unwrap_or_default()
        );
        if best.as_ref().is_none_or(|b| f1 > b.f1) {
            let weights = vs
                .variables()
                .into_iter()
                .map(|(k, v)| (k, v.detach().copy()))
                .collect();
            best = Some(BestEpoch {
                f1,
                epoch,
                weights,
                report,
            });
        } else if best
            .as_ref()
            .is_some_and(|b| epoch - b.epoch >= config.patience)
        {
            eprintln!(
                "train: no dev improvement for {} epochs; stopping",
                config.patience
            );
            break;
        }
        let per_epoch = started.elapsed().as_secs_f64() / epoch as f64;
        if (started.elapsed().as_secs_f64() + per_epoch) / 60.0 > config.max_minutes {
            eprintln!(
                "train: another epoch would pass the {} minute budget; stopping",
                config.max_minutes
            );
            break;
        }
    }
    let BestEpoch {
        f1: best_f1,
        epoch: best_epoch,
        weights: snapshot,
        report: dev,
    } = best.context("no epoch ran")?;
    tch::no_grad(|| {
        let vars = vs.variables();
        for (name, value) in &snapshot {
            if let Some(v) = vars.get(name) {
                v.shallow_clone().copy_(value);
            }
        }
    });
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    save_model(&mut vs, &model_config, config, &dev, best_epoch, minutes)?;
    Ok(TrainSummary {
        best_f1,
        best_epoch,
        dev,
        minutes,
        examples: fixed.len(),
    })
}

fn per_label(r: &EvalReport) -> String {
    r.entities
        .by_label
        .iter()
        .map(|(l, p)| format!("{} {:.2}", &l.as_str()[..4.min(l.as_str().len())], p.f1))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Scores a network on gold reports: entities, and (with a role head, on role-marked
/// reports) the roles of the person mentions it finds exactly, micro-averaged over
/// (mention, role) pairs at even odds.
pub fn dev_scores(
    net: &TaggerNet,
    gold: &[Record],
    encs: &[Encoded],
    encoder: &Encoder,
    config: &TrainConfig,
) -> Result<(EvalReport, Option<Prf>)> {
    let outputs = predict_with(
        |b| net.forward_t(b, false),
        &encs.iter().collect::<Vec<_>>(),
        config.window,
        32,
        encoder,
        config.device,
    )?;
    let pred: Vec<Record> = gold
        .iter()
        .zip(encs)
        .zip(&outputs)
        .map(|((g, enc), out)| Record {
            id: g.id.clone(),
            entities: read(g.text.as_deref().unwrap_or(""), enc, out),
            ..Record::default()
        })
        .collect();
    let entity_gold: Vec<Record> = gold
        .iter()
        .map(|g| Record {
            events: Vec::new(),
            match_info: None,
            ..g.clone()
        })
        .collect();
    let roles = config.role_head.then(|| role_scores(gold, &pred));
    Ok((evaluate(&entity_gold, &pred, &EvalConfig::default()), roles))
}

/// Role agreement on the person mentions both sides have at the same span.
pub fn role_scores(gold: &[Record], pred: &[Record]) -> Prf {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (g, p) in gold.iter().zip(pred).filter(|(g, _)| g.roles_marked) {
        for gm in g.entities.iter().filter(|m| m.label.kind() == Kind::Person) {
            let Some(pm) = p.entities.iter().find(|m| m.span() == gm.span()) else {
                continue;
            };
            tp += gm.roles.iter().filter(|r| pm.roles.contains(r)).count();
            fn_ += gm.roles.iter().filter(|r| !pm.roles.contains(r)).count();
            fp += pm.roles.iter().filter(|r| !gm.roles.contains(r)).count();
        }
    }
    Prf::from_counts(tp, fp, fn_)
}

fn model_config(
    mut bert: serde_json::Map<String, serde_json::Value>,
    config: &TrainConfig,
) -> ModelConfig {
    let tags = TagSet::default().names;
    bert.insert(
        "architectures".into(),
        serde_json::json!(["BertForTokenClassification"]),
    );
    bert.insert(
        "id2label".into(),
        tags.iter()
            .enumerate()
            .map(|(i, t)| (i.to_string(), serde_json::json!(t)))
            .collect(),
    );
    bert.insert(
        "label2id".into(),
        tags.iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), serde_json::json!(i)))
            .collect(),
    );
    ModelConfig {
        bert,
        touchline: ModelMeta {
            shape_classes: if config.shape { SHAPE_CLASSES } else { 0 },
            max_len: config.window.max_len,
            stride: config.window.stride,
            role_head: config.role_head,
        },
    }
}

/// Copies the base encoder's weights (stored without the `bert.` prefix) into the
/// model's BERT variables.
fn load_base(vs: &mut nn::VarStore, path: &Path) -> Result<()> {
    let tensors = Tensor::read_safetensors(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let vars = vs.variables();
    let mut loaded = 0;
    tch::no_grad(|| -> Result<()> {
        for (name, t) in &tensors {
            if let Some(v) = vars.get(&format!("bert.{name}")) {
                v.shallow_clone()
                    .f_copy_(t)
                    .with_context(|| format!("base weight {name}"))?;
                loaded += 1;
            }
        }
        Ok(())
    })?;
    let expected = vars.keys().filter(|k| k.starts_with("bert.")).count();
    if loaded != expected {
        bail!(
            "{}: loaded {loaded} of {expected} BERT weights",
            path.display()
        );
    }
    Ok(())
}

/// Loads a trained model directory's weights (f16 on disk) into the variables that it
/// has; heads it lacks (a role head on an older model) keep their fresh initialisation.
fn load_init(vs: &mut nn::VarStore, path: &Path) -> Result<()> {
    let tensors = Tensor::read_safetensors(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let vars = vs.variables();
    tch::no_grad(|| -> Result<()> {
        for (name, t) in &tensors {
            if let Some(v) = vars.get(name) {
                v.shallow_clone()
                    .f_copy_(&t.to_kind(tch::Kind::Float))
                    .with_context(|| format!("weight {name}"))?;
            }
        }
        Ok(())
    })?;
    let missing: Vec<&String> = vars
        .keys()
        .filter(|k| k.starts_with("bert.") && !tensors.iter().any(|(n, _)| n == *k))
        .collect();
    if !missing.is_empty() {
        bail!("{}: no weights for {missing:?}", path.display());
    }
    Ok(())
}

fn save_model(
    vs: &mut nn::VarStore,
    model_config: &ModelConfig,
    config: &TrainConfig,
    dev: &EvalReport,
    epoch: usize,
    minutes: f64,
) -> Result<()> {
    let out = &config.out;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    write_atomic(
        &out.join("config.json"),
        serde_json::to_string_pretty(model_config)?.as_bytes(),
    )?;
    let mut tokenizer: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        config.base.join("tokenizer.json"),
    )?)?;
    // touchline cuts its own windows; the base file's fixed 128 padding/truncation would
    // silently drop text in any other consumer.
    tokenizer["truncation"] = serde_json::Value::Null;
    tokenizer["padding"] = serde_json::Value::Null;
    write_atomic(
        &out.join("tokenizer.json"),
        serde_json::to_string(&tokenizer)?.as_bytes(),
    )?;
    vs.half();
    let tmp = out.join(".model.safetensors.tmp.safetensors");
    vs.save(&tmp).context("cannot save weights")?;
    std::fs::rename(&tmp, out.join("model.safetensors"))?;
    vs.float();
    write_atomic(&out.join("training.json"), serde_json::to_string_pretty(&serde_json::json!({
        "best_epoch": epoch,
        "minutes": minutes,
        "seed": config.seed,
        "epochs": config.epochs,
        "lr": config.lr,
        "batch_size": config.batch_size,
        "synthetic_per_epoch": config.synthetic_per_epoch,
        "shape": config.shape,
        "conll": config.conll.is_some(),
        "dev": {"p": dev.entities.strict.p, "r": dev.entities.strict.r, "f1": dev.entities.strict.f1, "by_label": dev.entities.by_label},
    }))?.as_bytes())?;
    Ok(())
}
