//! `touchline train --stop`: fit the stop ranker (`events::stop`) to the keeper marks of
//! annotated reports (the team's `data/train/train.jsonl` and the real-dev gold, built
//! from its standoff; never real-test). Each report's annotated mentions go through
//! coreference and the events stage; every goalkeeper named in a sentence where the
//! rules read no save of his lends an example: a save where one of his mentions there is
//! marked `keeper`, else none.
//!
//! ```no_run
//! use touchline::train::stop::{train_stop, StopTrainConfig};
//!
//! let s = train_stop(&StopTrainConfig::default())?;
//! println!("{} keepers named, {} saves; right on {:.3}", s.examples, s.saves, s.right);
//! # anyhow::Ok(())
//! ```

use super::Annotated;
use crate::coref::{resolve, CorefConfig};
use crate::doc::{Doc, MentionRole, Record};
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::stop::FEATURES;
use crate::events::{extract, EventsConfig};
use anyhow::Result;
use ndarray::Array2;
use std::path::PathBuf;

pub struct StopTrainConfig {
    /// The annotated reports it is fitted on.
    pub reports: Annotated,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl Default for StopTrainConfig {
    fn default() -> Self {
        StopTrainConfig {
            reports: Annotated::team_and_real_dev(),
            out: PathBuf::from("models/stop-ranker.json"),
            fit: FitConfig::default(),
        }
    }
}

pub struct StopSummary {
    /// Keepers named without a rules' save that lend an example, and of them saves.
    pub examples: usize,
    pub saves: usize,
    /// Share of the examples the fitted ranker gets right (at probability 0.5).
    pub right: f64,
}

/// Labels each decision from the keeper marks.
pub fn examples(records: Vec<Record>) -> Vec<(Array2<f32>, usize)> {
    let config = EventsConfig::default();
    let mut out = Vec::new();
    for record in records.into_iter().filter(|r| r.roles_marked) {
        let mut doc = Doc::from(record);
        resolve(&mut doc, &CorefConfig::default());
        let read = extract(&mut doc, &config);
        for choice in &read.stops {
            let saved = choice.mentions.iter().any(|&i| {
                doc.mentions
                    .get(i)
                    .is_some_and(|m| m.roles.contains(&MentionRole::Keeper))
            });
            out.push(choice.example(saved));
        }
    }
    out
}

/// Fits the ranker to the annotated reports and writes it to `config.out`.
pub fn train_stop(config: &StopTrainConfig) -> Result<StopSummary> {
    let (records, files) = config.reports.read()?;
    let data = examples(records);
    let saves = data.iter().filter(|(_, y)| *y == 1).count();
    let trained_on = format!(
        "{} goalkeepers named where the rules read no save of theirs ({} saves marked): {}",
        data.len(),
        saves,
        files
    );
    let ranker = Ranker::fit(&data, &FEATURES, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    Ok(StopSummary {
        right: ranker.accuracy(&data),
        examples: data.len(),
        saves,
    })
}
