//! Regression numbers for the two costly stages: the model's forward pass (fp32 and
//! int8, 32 windows in the default batches) and the relation stage (coreference + events
//! over the dev gold's reports with their gold mentions). `cargo bench` prints time per
//! iteration.

use criterion::{criterion_group, Criterion, Throughput};
use std::path::Path;
use touchline::doc::Doc;
use touchline::export::read_records;
use touchline::ner::encode::Encoded;
use touchline::ner::fast::Precision;
use touchline::ner::{NerConfig, Tagger};
use touchline::pipeline::{relate, PipelineConfig};

fn forward(c: &mut Criterion) {
    let text = std::fs::read_to_string("data/examples/harbour-city-v-kingsmead.txt")
        .expect("example report");
    let mut group = c.benchmark_group("forward");
    for precision in [Precision::Fp32, Precision::Int8] {
        let tagger = Tagger::load(&NerConfig {
            precision,
            ..NerConfig::default()
        })
        .expect("shipped model");
        let enc = tagger.encoder().encode(&text.repeat(8)).expect("encode");
        let windows = tagger.window().windows(enc.len()).len();
        let batch: Vec<&Encoded> = std::iter::repeat_n(&enc, 32usize.div_ceil(windows)).collect();
        let pieces: usize = batch.iter().map(|e| e.len()).sum();
        group.throughput(Throughput::Elements(pieces as u64));
        group.sample_size(10);
        group.bench_function(format!("{precision:?} ({pieces} word pieces)"), |b| {
            b.iter(|| tagger.predict(&batch).expect("predict"))
        });
    }
    group.finish();
}

fn relation_stage(c: &mut Criterion) {
    let gold = read_records(Path::new("data/gold/dev.jsonl")).expect("dev gold");
    let docs: Vec<Doc> = gold
        .records
        .into_iter()
        .map(|(_, r)| {
            let mut d = Doc::from(r);
            d.events.clear();
            d.match_info = None;
            d.mentions.iter_mut().for_each(|m| m.reference = None);
            d
        })
        .collect();
    let config = PipelineConfig::default();
    let mut group = c.benchmark_group("relate");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function(format!("coref + events, {} dev reports", docs.len()), |b| {
        b.iter(|| {
            for d in docs.iter().cloned() {
                let mut d = d;
                relate(&mut d, &config);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, forward, relation_stage);
// criterion_main!, with the allocator set up first as `touchline` sets it: the forward
// pass's speed depends on it.
fn main() {
    touchline::pipeline::bound_heap_growth();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
