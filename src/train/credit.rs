//! `touchline train --credit`: fit the credit ranker (`events::credit`) to goals whose
//! side is known. By default the labels are silver: BBC 2022 reports whose goals, every
//! one credited, add up side by side to the headline's score (`scripts/silver`, even ids
//! only, never a real-dev or real-test report); `--train` adds annotated reports. Each
//! record goes through coreference and the events stage again, and every goal read in
//! the prose whose scorer has goals for one side only in the record lends an example.
//!
//! ```no_run
//! use touchline::train::credit::{train_credit, CreditTrainConfig};
//!
//! let s = train_credit(&CreditTrainConfig::default())?;
//! println!("{} goals, right on {:.3} (the rules {:.3})", s.examples, s.right, s.rules_right);
//! # anyhow::Ok(())
//! ```

use crate::coref::{resolve, CorefConfig};
use crate::doc::{Doc, EventKind, Record};
use crate::events::credit::FEATURES;
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::{extract, EventsConfig};
use crate::names::fold;
use anyhow::Result;
use ndarray::Array2;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::PathBuf;

pub struct CreditTrainConfig {
    /// Silver goal records (`scripts/silver`, built when the first is missing).
    pub silver: Vec<PathBuf>,
    /// Annotated reports whose goals carry their sides.
    pub train: Vec<PathBuf>,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl Default for CreditTrainConfig {
    fn default() -> Self {
        CreditTrainConfig {
            silver: vec![PathBuf::from("target/silver/bbc2022.jsonl")],
            train: Vec::new(),
            out: PathBuf::from("models/credit-ranker.json"),
            fit: FitConfig::default(),
        }
    }
}

pub struct CreditSummary {
    pub reports: usize,
    pub examples: usize,
    /// Share of the examples the fitted ranker gets right, and that the rules' first
    /// readings do (the sentence's phrase, else the scorer's votes, else home).
    pub right: f64,
    pub rules_right: f64,
}

/// Fitting examples: each goal's choice and its side's row.
pub fn examples(records: Vec<Record>) -> (Vec<(Array2<f32>, usize)>, usize) {
    let config = EventsConfig::default();
    let mut data = Vec::new();
    let mut reports = 0;
    for record in records {
        let sides = scorer_sides(&record);
        let mut doc = Doc::from(record);
        resolve(&mut doc, &CorefConfig::default());
        let read = extract(&mut doc, &config);
        let before = data.len();
        for choice in &read.credits {
            let Some(side) = sides.get(&fold(&choice.scorer)).and_then(|s| s.as_deref()) else {
                continue;
            };
            if fold(side) == fold(&choice.home) {
                data.push(choice.example(0));
            } else if fold(side) == fold(&choice.away) {
                data.push(choice.example(1));
            }
        }
        reports += usize::from(data.len() > before);
    }
    (data, reports)
}

/// Each scorer's side in a record's goals (folded scorer → side), `None` where his
/// goals are credited to both.
fn scorer_sides(record: &Record) -> HashMap<String, Option<String>> {
    let mut out: HashMap<String, Option<String>> = HashMap::new();
    for e in &record.events {
        if let EventKind::Goal {
            scorer,
            team: Some(team),
            ..
        } = &e.kind
        {
            out.entry(fold(scorer))
                .and_modify(|s| {
                    if s.as_deref().is_some_and(|s| fold(s) != fold(team)) {
                        *s = None;
                    }
                })
                .or_insert_with(|| Some(team.clone()));
        }
    }
    out
}

/// The row the rules' first readings give: the sentence's phrase, else the scorer's
/// votes, else home.
fn rules_row(x: &Array2<f32>) -> usize {
    let f = |name: &str| FEATURES.iter().position(|x| *x == name).unwrap_or(0);
    let phrase = f("a phrase of the goal's sentence credits it (put X ahead, scored for X)");
    let votes = f("the scorer plays for it by the report's votes");
    [phrase, votes]
        .into_iter()
        .find_map(|c| (0..2).find(|&r| x[[r, c]] > 0.0))
        .unwrap_or(0)
}

/// Fits the ranker and writes it to `config.out`.
pub fn train_credit(config: &CreditTrainConfig) -> Result<CreditSummary> {
    if let Some(first) = config.silver.first().filter(|p| !p.exists()) {
        super::run_script("scripts/silver", &[OsStr::new(first)])?;
    }
    let paths: Vec<PathBuf> = config.silver.iter().chain(&config.train).cloned().collect();
    let (records, files) = super::read_annotated(&paths)?;
    let (data, reports) = examples(records);
    let trained_on = format!(
        "{} goals read in the prose of {reports} reports whose goals' sides are known: {files}",
        data.len()
    );
    let ranker = Ranker::fit(&data, &FEATURES, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    let n = data.len().max(1) as f64;
    Ok(CreditSummary {
        reports,
        examples: data.len(),
        right: ranker.accuracy(&data),
        rules_right: data.iter().filter(|(x, row)| rules_row(x) == *row).count() as f64 / n,
    })
}
