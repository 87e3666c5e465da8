//! The whole pipeline, text → Doc → record: NER, then coreference, then events; and the
//! batch runner behind `touchline extract`, which streams reports through bounded
//! queues — reading and tokenizing, the model, coreference and events, writing — each
//! on its own thread, so memory stays flat however many reports there are.
//!
//! ```no_run
//! use touchline::doc::Doc;
//! use touchline::pipeline::{Pipeline, PipelineConfig};
//!
//! let pipeline = Pipeline::load(&PipelineConfig::default())?;
//! let docs = pipeline.process(vec![Doc::new("r1", "Harry Kane scored for Spurs after 12 minutes.")])?;
//! println!("{}", serde_json::to_string(&docs[0].clone().into_record())?);
//! # anyhow::Ok(())
//! ```

use crate::coref::{self, CorefConfig};
use crate::doc::Doc;
use crate::events::{self, EventsConfig, Reader};
use crate::export::{Format, OutputWriter};
use crate::guard;
use crate::ingest::{self, IngestConfig, Input, InputError};
use crate::ner::encode::Encoded;
use crate::ner::{read, NerConfig, PieceOutputs, Tagger};
use anyhow::{bail, Result};
use crossbeam_channel::{bounded, Receiver, Sender};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tch::Device;

/// Sets glibc's allocator up for libtorch's activations; call once at process start,
/// before other threads (`touchline` and the benches do).
///
/// Buffers under 32 MB come from the heap and are reused batch after batch, and the
/// heap's top is kept rather than handed back and faulted in again: at the default 4 MB
/// threshold every activation was a fresh mapping and page faults took a third of the
/// run's CPU time (787 reports, int8: 73 s with 50 s in the kernel, 39 s after). One arena
/// serves every thread: per-thread arenas each kept their own high-water mark (about
/// 90 MB more at peak). Activations of varying sizes still leave free holes between
/// long-lived allocations, so a thread hands free pages back once a second
/// (`malloc_trim`): with oneDNN's extra buffers peak RSS over the 787 reports went from
/// 503 MB to 380 MB, for about 2 s of system time.
pub fn bound_heap_growth() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
            fn malloc_trim(pad: usize) -> i32;
        }
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        const M_ARENA_MAX: i32 = -8;
        // SAFETY: mallopt only sets an allocator parameter; called before any threads.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 512 << 20);
            mallopt(M_ARENA_MAX, 1);
        }
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_secs(1));
            // SAFETY: malloc_trim only releases free pages; glibc locks the arena.
            unsafe { malloc_trim(0) };
        });
    }
}

/// Options for every stage and for the batch runner.
#[derive(Debug, Clone)]
pub struct PipelineConfig {
    pub ner: NerConfig,
    pub coref: CorefConfig,
    pub events: EventsConfig,
    pub ingest: IngestConfig,
    /// Reports gathered for one round of model batches (windows are batched across
    /// them). Small enough (8) that a run's last rounds spread evenly over the model
    /// workers: with 16, 100 reports took about 10% longer per report than 787.
    pub docs_per_round: usize,
    /// Model workers on CPU, each tagging its own rounds on one core (default: every
    /// core; one worker on a GPU). libtorch's own threads meet at a barrier after every
    /// op of a forward pass, so one preempted thread stalls the rest: on 2 cores two
    /// single-threaded workers tagged the 787 BBC reports in 70–75 s against 80–99 s for
    /// one worker on two threads, with identical records.
    pub model_threads: usize,
    /// Capacity of each queue between threads.
    pub queue: usize,
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            ner: NerConfig::default(),
            coref: CorefConfig::default(),
            events: EventsConfig::default(),
            ingest: IngestConfig::default(),
            docs_per_round: 8,
            model_threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            queue: 32,
        }
    }
}

/// The loaded stages.
pub struct Pipeline {
    tagger: Tagger,
    config: PipelineConfig,
}

impl Pipeline {
    pub fn load(config: &PipelineConfig) -> Result<Pipeline> {
        let tagger = Tagger::load(&config.ner)?;
        // Without role heads the model reader would silently find no event at all.
        if config.events.reader != Reader::Rules && !tagger.reads_roles() {
            bail!(
                "the model in {} has no role heads, so it cannot read events (--reader {}); use --reader rules or a model trained with roles (touchline train)",
                tagger.dir().display(),
                format!("{:?}", config.events.reader).to_lowercase()
            );
        }
        Ok(Pipeline {
            tagger,
            config: config.clone(),
        })
    }

    /// Model workers for `run_batch`: `model_threads` on CPU, one on a GPU.
    fn model_workers(&self) -> usize {
        match self.config.ner.device {
            Device::Cpu => self.config.model_threads.max(1),
            _ => 1,
        }
    }

    /// Runs every stage on documents in memory.
    pub fn process(&self, mut docs: Vec<Doc>) -> Result<Vec<Doc>> {
        self.tagger.tag(&mut docs)?;
        for d in &mut docs {
            self.relate(d);
        }
        Ok(docs)
    }

    /// Coreference and events on a document that already has mentions.
    pub fn relate(&self, doc: &mut Doc) {
        relate(doc, &self.config);
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }
}

/// Coreference then events: everything after NER. Returns what the events stage decided
/// from (see `events::Read`).
pub fn relate(doc: &mut Doc, config: &PipelineConfig) -> events::Read {
    coref::resolve(doc, &config.coref);
    let read = events::extract(doc, &config.events);
    for m in &mut doc.mentions {
        m.score = m.score.map(round3);
    }
    read
}

/// Scores are written with three decimals: more would only show floating-point noise
/// that differs with batch composition.
fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// Where and how `extract` writes.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub output: PathBuf,
    pub format: Format,
    /// Continue a killed run: keep what the output already holds, do the rest.
    pub resume: bool,
    /// Write records as they finish rather than in input order.
    pub unordered: bool,
    /// Also write failures here, one JSON object per line.
    pub errors: Option<PathBuf>,
    pub progress: bool,
}

/// What a batch run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub reports: usize,
    pub skipped_done: usize,
    pub failed: usize,
    pub entities: usize,
    pub events: usize,
    pub pieces: usize,
    pub elapsed: Duration,
}

impl Summary {
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64();
        format!(
            "{} reports ({} already done, {} failed), {} entities, {} events in {:.1}s ({:.2} reports/s, {:.0} word pieces/s)",
            self.reports,
            self.skipped_done,
            self.failed,
            self.entities,
            self.events,
            secs,
            self.reports as f64 / secs.max(1e-9),
            self.pieces as f64 / secs.max(1e-9)
        )
    }
}

/// A report on its way, numbered in input order.
// Nearly every item is a `Doc`, so boxing it would add an allocation per report to save
// space only on the rare failures.
#[allow(clippy::large_enum_variant)]
enum Item {
    Doc(usize, Doc, Encoded),
    Failed(usize, InputError),
}

impl Item {
    /// A report that failed inside a stage: named by its path (or id, for stdin).
    fn failed(seq: usize, doc: &Doc, message: String) -> Item {
        Item::failed_at(
            seq,
            doc.source.clone().unwrap_or_else(|| doc.id.clone()),
            message,
        )
    }

    fn failed_at(seq: usize, path: String, message: String) -> Item {
        Item::Failed(
            seq,
            InputError {
                reason: format!("{path}: {message}"),
                path,
            },
        )
    }
}

/// Streams `inputs` through the pipeline into `options.output`.
pub fn run_batch(
    pipeline: &Pipeline,
    inputs: Vec<Input>,
    listing_errors: Vec<InputError>,
    options: &BatchOptions,
) -> Result<Summary> {
    let started = Instant::now();
    let mut writer = OutputWriter::open(&options.output, options.format, options.resume)?;
    let done: HashSet<String> = writer.done_ids().clone();
    let todo: Vec<Input> = inputs
        .into_iter()
        .filter(|i| !done.contains(&i.id))
        .collect();
    let bar = progress_bar(todo.len() as u64, options.progress);
    let config = &pipeline.config;
    let (read_tx, read_rx) = bounded::<Item>(config.queue);
    // Shared by the model workers, each taking a whole round at a time.
    let read_rx = Mutex::new(read_rx);
    let (tagged_tx, tagged_rx) = bounded::<Item>(config.queue);
    let (done_tx, done_rx) = bounded::<Item>(config.queue);
    let mut summary = Summary {
        skipped_done: done.len(),
        ..Summary::default()
    };
    let mut errors: Vec<InputError> = listing_errors;
    std::thread::scope(|scope| -> Result<()> {
        let encoder = pipeline.tagger.encoder().clone();
        let ingest_config = config.ingest.clone();
        scope.spawn(move || read_stage(todo, &ingest_config, &encoder, read_tx));
        scope.spawn(move || relate_stage(tagged_rx, done_tx, config));
        let writing = scope.spawn(|| write_stage(done_rx, &mut writer, options.unordered, &bar));
        let models: Vec<_> = (0..pipeline.model_workers())
            .map(|_| {
                let (rx, tx) = (&read_rx, tagged_tx.clone());
                scope.spawn(move || model_stage(pipeline, rx, tx))
            })
            .collect();
        drop(tagged_tx);
        let written = writing
            .join()
            .map_err(|_| anyhow::anyhow!("writer thread panicked"))??;
        for model in models {
            model
                .join()
                .map_err(|_| anyhow::anyhow!("model thread panicked"))??;
        }
        summary.reports = written.reports;
        summary.entities = written.entities;
        summary.events = written.events;
        summary.pieces = written.pieces;
        errors.extend(written.failures);
        Ok(())
    })?;
    bar.finish_and_clear();
    summary.failed = errors.len();
    summary.elapsed = started.elapsed();
    if let Some(path) = &options.errors {
        let lines: String = errors
            .iter()
            .map(|e| serde_json::to_string(e).unwrap_or_default() + "\n")
            .collect();
        crate::export::write_atomic(path, lines.as_bytes())?;
    }
    for e in &errors {
        eprintln!("touchline: skipped {e}");
    }
    writer.commit()?;
    Ok(summary)
}

fn progress_bar(total: u64, show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} reports  {per_sec}  ETA {eta}  {msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(500));
    bar
}

fn read_stage(
    inputs: Vec<Input>,
    config: &IngestConfig,
    encoder: &crate::ner::encode::Encoder,
    tx: Sender<Item>,
) {
    for (seq, input) in inputs.into_iter().enumerate() {
        let item = match ingest::read(&input, config) {
            Ok(doc) => match encoder.encode(&doc.text) {
                Ok(enc) => Item::Doc(seq, doc, enc),
                Err(e) => Item::Failed(
                    seq,
                    InputError {
                        path: input.source.to_string(),
                        reason: format!("{}: {e:#}", input.source),
                    },
                ),
            },
            Err(e) => Item::Failed(seq, e),
        };
        tracing::debug!(seq, id = %input.id, "read");
        if tx.send(item).is_err() {
            return;
        }
    }
}

/// One model worker: takes rounds of reports, tags all their windows in length-sorted
/// batches, and passes them on.
fn model_stage(pipeline: &Pipeline, rx: &Mutex<Receiver<Item>>, tx: Sender<Item>) -> Result<()> {
    // Parallel across workers, not within one (see `PipelineConfig::model_threads`).
    tch::set_num_threads(1);
    loop {
        let items = {
            let rx = rx
                .lock()
                .map_err(|_| anyhow::anyhow!("a model worker panicked"))?;
            next_round(&rx, pipeline.config.docs_per_round.max(1))
        };
        if items.is_empty() {
            return Ok(());
        }
        for item in tag_round(pipeline, items)? {
            if tx.send(item).is_err() {
                return Ok(());
            }
        }
    }
}

/// Tags a round's reports in one set of batches. When the batched forward pass fails
/// (an error or a panic), each report is tagged alone, so only a report that breaks the
/// model fails. A round whose every report fails alone means the model itself is broken:
/// the run stops there, and what was written stays resumable.
fn tag_round(pipeline: &Pipeline, items: Vec<Item>) -> Result<Vec<Item>> {
    let docs: Vec<(&Doc, &Encoded)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Doc(_, doc, enc) => Some((doc, enc)),
            Item::Failed(..) => None,
        })
        .collect();
    let forward = |docs: &[(&Doc, &Encoded)]| {
        let outcome = guard::isolated("model", || {
            for (doc, _) in docs {
                guard::fault_point("model", &doc.text);
            }
            let encs: Vec<&Encoded> = docs.iter().map(|(_, e)| *e).collect();
            pipeline.tagger.predict(&encs)
        });
        match outcome {
            Ok(Ok(tags)) => Ok(tags),
            Ok(Err(e)) => Err(format!("model failed: {e:#}")),
            Err(panic) => Err(panic),
        }
    };
    let tags: Vec<Result<PieceOutputs, String>> = match forward(&docs) {
        Ok(tags) => tags.into_iter().map(Ok).collect(),
        Err(first) => {
            tracing::warn!(
                "a batch failed ({first}); tagging its {} reports one by one",
                docs.len()
            );
            let alone: Vec<_> = docs
                .iter()
                .map(|d| forward(std::slice::from_ref(d)).map(|mut t| t.remove(0)))
                .collect();
            if alone.len() > 1 && alone.iter().all(Result::is_err) {
                anyhow::bail!("the model failed on every report of a round ({first}); stopping");
            }
            alone
        }
    };
    let mut tags = tags.into_iter();
    Ok(items
        .into_iter()
        .map(|item| match item {
            Item::Doc(seq, mut doc, enc) => {
                let found = tags
                    .next()
                    .unwrap_or_else(|| Ok(PieceOutputs::default()))
                    .and_then(|t| {
                        guard::isolated("ner", || {
                            guard::fault_point("ner", &doc.text);
                            read(&doc.text, &enc, &t)
                        })
                    });
                match found {
                    Ok(m) => {
                        doc.mentions = m;
                        Item::Doc(seq, doc, enc)
                    }
                    Err(e) => Item::failed(seq, &doc, e),
                }
            }
            failed => failed,
        })
        .collect())
}

/// Up to `round` reports, taken while the caller holds the queue so that a round's
/// reports are consecutive (as with one worker); empty once the queue is closed.
fn next_round(rx: &Receiver<Item>, round: usize) -> Vec<Item> {
    let Ok(first) = rx.recv() else {
        return Vec::new();
    };
    let mut items = vec![first];
    while items.len() < round {
        let wait = Duration::from_millis(if items.len() < round / 2 { 50 } else { 5 });
        match rx.recv_timeout(wait) {
            Ok(item) => items.push(item),
            Err(_) => break,
        }
    }
    items
}

fn relate_stage(rx: Receiver<Item>, tx: Sender<Item>, config: &PipelineConfig) {
    for item in rx {
        let out = match item {
            Item::Doc(seq, mut doc, enc) => {
                let outcome = guard::isolated("relation stage", || {
                    guard::fault_point("relate", &doc.text);
                    relate(&mut doc, config);
                });
                match outcome {
                    Ok(()) => Item::Doc(seq, doc, enc),
                    Err(e) => Item::failed(seq, &doc, e),
                }
            }
            failed => failed,
        };
        if tx.send(out).is_err() {
            return;
        }
    }
}

#[derive(Default)]
struct Written {
    reports: usize,
    entities: usize,
    events: usize,
    pieces: usize,
    failures: Vec<InputError>,
}

/// Writes records in input order (holding early finishers back) or as they come.
fn write_stage(
    rx: Receiver<Item>,
    writer: &mut OutputWriter,
    unordered: bool,
    bar: &ProgressBar,
) -> Result<Written> {
    let mut w = Written::default();
    let mut pending: BTreeMap<usize, Item> = BTreeMap::new();
    let mut next = 0usize;
    for item in rx {
        let seq = match &item {
            Item::Doc(s, ..) | Item::Failed(s, _) => *s,
        };
        pending.insert(if unordered { next } else { seq }, item);
        while let Some(item) = pending.remove(&next) {
            let item = match item {
                Item::Doc(seq, doc, enc) => {
                    let counts = (doc.mentions.len(), doc.events.len(), enc.len());
                    let path = doc.source.clone().unwrap_or_else(|| doc.id.clone());
                    let failed = |e| Item::failed_at(seq, path, e);
                    match guard::isolated("export", || {
                        guard::fault_point("export", &doc.text);
                        writer.render(doc, &enc)
                    }) {
                        Ok(block) => {
                            writer.write_block(&block?)?;
                            w.reports += 1;
                            w.entities += counts.0;
                            w.events += counts.1;
                            w.pieces += counts.2;
                            None
                        }
                        Err(e) => Some(failed(e)),
                    }
                }
                failed => Some(failed),
            };
            if let Some(Item::Failed(_, e)) = item {
                tracing::warn!("{e}");
                w.failures.push(e);
            }
            bar.inc(1);
            next += 1;
        }
    }
    Ok(w)
}
