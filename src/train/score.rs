//! `touchline train --score`: fits the score ranker (`events::score`) to real reports
//! whose final score a headline vouches for. `scripts/silver --scores` extracts BBC 2022
//! reports with their title line removed (even report ids only, never a real-dev or
//! real-test report) and keeps each record whose match names the headline's sides, with
//! the headline's score written into its match; here the relation stage reads each record
//! again, and every report whose score no line states lends its evidence and that score.
//!
//! ```no_run
//! use touchline::train::score::{train_score, ScoreTrainConfig};
//!
//! let summary = train_score(&ScoreTrainConfig::default())?;
//! println!("{} reports, ranker right on {:.3}", summary.examples, summary.ranker_right);
//! # anyhow::Ok(())
//! ```

use crate::coref::{self, CorefConfig};
use crate::doc::{Doc, Record};
use crate::events::score::{Example, FitConfig, ScoreModel};
use crate::events::{self, EventsConfig, ScoreFrom};
use crate::export::{read_records, write_atomic};
use anyhow::{Context, Result};
use std::ffi::OsStr;
use std::path::PathBuf;

pub struct ScoreTrainConfig {
    /// Records with the headline's score in their match (`scripts/silver --scores`,
    /// built when missing).
    pub silver: PathBuf,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl Default for ScoreTrainConfig {
    fn default() -> Self {
        ScoreTrainConfig {
            silver: PathBuf::from("target/silver/bbc2022-scores.jsonl"),
            out: PathBuf::from("models/score-ranker.json"),
            fit: FitConfig::default(),
        }
    }
}

pub struct ScoreSummary {
    /// Reports that lent an example (their score stated by no line).
    pub examples: usize,
    /// Reports left out: a stated score, or sides the relation stage now reads otherwise.
    pub skipped: usize,
    /// Share of the examples the fitted ranker gets right, and the goals counted do.
    pub ranker_right: f64,
    pub counted_right: f64,
}

/// One example per silver record whose score the report never states.
pub fn examples(records: Vec<Record>) -> (Vec<Example>, usize) {
    let config = EventsConfig {
        score_from: ScoreFrom::Counted,
        ..EventsConfig::default()
    };
    let mut out = Vec::new();
    let mut skipped = 0;
    for record in records {
        let want = record.match_info.clone().unwrap_or_default();
        let mut doc = Doc::from(record);
        doc.events.clear();
        doc.match_info = None;
        coref::resolve(&mut doc, &CorefConfig::default());
        let evidence = events::extract(&mut doc, &config);
        let got = doc.match_info.unwrap_or_default();
        let example = match (evidence, want.home_score, want.away_score) {
            (Some(e), Some(h), Some(a)) if (got.home, got.away) == (want.home, want.away) => {
                Some((e, (h, a)))
            }
            _ => None,
        };
        match example {
            Some(x) => out.push(x),
            None => skipped += 1,
        }
    }
    (out, skipped)
}

/// Fits the ranker to the silver records and writes it to `config.out`.
pub fn train_score(config: &ScoreTrainConfig) -> Result<ScoreSummary> {
    if !config.silver.exists() {
        super::run_script(
            "scripts/silver",
            &[OsStr::new("--scores"), config.silver.as_os_str()],
        )?;
    }
    let records = read_records(&config.silver)?.all()?;
    let (examples, skipped) = examples(records);
    let model = ScoreModel::fit(
        &examples,
        &config.fit,
        &format!(
            "{} BBC 2022 reports (even ids, title line removed) whose headline gives the score: {}",
            examples.len(),
            config.silver.display()
        ),
    );
    let counted = examples
        .iter()
        .filter(|(e, want)| {
            e.home_goals + e.away_goals == e.goals && (e.home_goals, e.away_goals) == *want
        })
        .count();
    let json = serde_json::to_string_pretty(&model)?;
    write_atomic(&config.out, format!("{json}\n").as_bytes())
        .with_context(|| format!("cannot write {}", config.out.display()))?;
    Ok(ScoreSummary {
        ranker_right: model.accuracy(&examples),
        counted_right: counted as f64 / examples.len().max(1) as f64,
        examples: examples.len(),
        skipped,
    })
}
