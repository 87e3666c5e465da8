//! `touchline train --shooter`: fits the shooter ranker (`events::shooter`) to the keeper
//! and shooter marks of annotated reports (the team's `data/train/train.jsonl` by
//! default; never a gold set that is scored). Each report's annotated mentions go
//! through coreference, and every sentence with a mention marked `keeper` lends an
//! example: the other player marked `shooter` there, or "no one" where none is. A
//! sentence with two shooters marked is left out.
//!
//! ```no_run
//! use touchline::train::shooter::{train_shooter, ShooterTrainConfig};
//!
//! let s = train_shooter(&ShooterTrainConfig::default())?;
//! println!("{} saves, right on {:.3}", s.examples, s.right);
//! # anyhow::Ok(())
//! ```

use crate::coref::{resolve, CorefConfig};
use crate::doc::{Doc, Label, MentionRole, Record};
use crate::events::context::Context;
use crate::events::footer::parse_footer;
use crate::events::keepers;
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::shooter::{Choice, FEATURES};
use crate::export::read_records;
use anyhow::Result;
use ndarray::Array2;
use std::path::PathBuf;

pub struct ShooterTrainConfig {
    /// Annotated reports (SPEC JSONL whose mentions carry roles).
    pub train: Vec<PathBuf>,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl Default for ShooterTrainConfig {
    fn default() -> Self {
        ShooterTrainConfig {
            train: vec![PathBuf::from("data/train/train.jsonl")],
            out: PathBuf::from("models/shooter-ranker.json"),
            fit: FitConfig::default(),
        }
    }
}

pub struct ShooterSummary {
    /// Saves that lend an example, and of them those with no shooter marked.
    pub examples: usize,
    pub no_shooter: usize,
    /// Saves left out: two shooters marked.
    pub skipped: usize,
    /// Share of the examples the fitted ranker gets right, and that "the nearest player
    /// to the keeper" (the rule one would write first) does.
    pub right: f64,
    pub nearest_right: f64,
}

/// Fitting examples from annotated reports.
#[derive(Default)]
pub struct Examples {
    pub data: Vec<(Array2<f32>, usize)>,
    pub no_shooter: usize,
    pub skipped: usize,
}

/// Labels each keeper-marked mention's decision from the shooter marks.
pub fn examples(records: Vec<Record>) -> Examples {
    let mut out = Examples::default();
    for record in records.into_iter().filter(|r| r.roles_marked) {
        let mut doc = Doc::from(record);
        resolve(&mut doc, &CorefConfig::default());
        let ctx = Context::new(&doc);
        let footer = parse_footer(&doc.text);
        let keepers = keepers(&ctx, footer.as_ref());
        let marked = |i: usize, role| doc.mentions.get(i).is_some_and(|m| m.roles.contains(&role));
        for s in &ctx.sentences {
            for slot in s.slots.iter().filter(|x| x.label == Label::Player) {
                let Some(i) = ctx.mention_spans.iter().position(|m| *m == slot.span) else {
                    continue;
                };
                if !marked(i, MentionRole::Keeper) {
                    continue;
                }
                let Some(choice) = Choice::read(&ctx, s, &slot.name, &keepers) else {
                    continue;
                };
                let shooters: Vec<usize> = (0..choice.mentions.len())
                    .filter(|&j| {
                        choice.mentions[j]
                            .iter()
                            .any(|&m| marked(m, MentionRole::Shooter))
                    })
                    .collect();
                match shooters.as_slice() {
                    [] => {
                        out.no_shooter += 1;
                        out.data.push(choice.example(0));
                    }
                    [j] => out.data.push(choice.example(j + 1)),
                    _ => out.skipped += 1,
                }
            }
        }
    }
    out
}

/// Fits the ranker to the annotated reports and writes it to `config.out`.
pub fn train_shooter(config: &ShooterTrainConfig) -> Result<ShooterSummary> {
    let mut records = Vec::new();
    for path in &config.train {
        records.extend(read_records(path)?.all()?);
    }
    let ex = examples(records);
    let files: Vec<String> = config
        .train
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let trained_on = format!(
        "{} saves of annotated reports ({} with no shooter marked): {}",
        ex.data.len(),
        ex.no_shooter,
        files.join(", ")
    );
    let ranker = Ranker::fit(&ex.data, &FEATURES, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    let nearest = FEATURES
        .iter()
        .position(|f| *f == "the nearest player to the keeper")
        .unwrap_or_default();
    let nearest_right = ex
        .data
        .iter()
        .filter(|(x, y)| *y > 0 && x[[*y, nearest]] == 1.0)
        .count();
    let n = ex.data.len().max(1) as f64;
    Ok(ShooterSummary {
        right: ranker.accuracy(&ex.data),
        nearest_right: nearest_right as f64 / n,
        examples: ex.data.len(),
        no_shooter: ex.no_shooter,
        skipped: ex.skipped,
    })
}
