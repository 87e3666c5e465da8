//! `touchline train --score`: fits the score ranker (`events::score`) to real reports
//! whose final score a headline vouches for. `scripts/silver --scores` extracts BBC 2022
//! reports with their title line removed (even report ids only, never a real-dev or
//! real-test report) and keeps each record whose match names the headline's two sides,
//! rewritten to the headline's home, away and score. Here the relation stage reads each
//! record again, and every report whose score no line states lends its evidence and that
//! score.
//!
//! ```no_run
//! use touchline::train::score::{train_score, ScoreTrainConfig};
//!
//! let s = train_score(&ScoreTrainConfig::default())?;
//! println!("{} reports, ranker right on {:.3}, goals counted on {:.3}", s.examples, s.ranker_right, s.counted_right);
//! # anyhow::Ok(())
//! ```

use crate::coref::{self, CorefConfig};
use crate::doc::{Doc, MatchInfo, Record};
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::score::FEATURES;
use crate::events::{self, EventsConfig, ScoreFrom};
use crate::export::{read_records, write_atomic};
use anyhow::{Context, Result};
use ndarray::Array2;
use std::ffi::OsStr;
use std::path::PathBuf;

pub struct ScoreTrainConfig {
    /// Records with the headline's home, away and score as their match (`scripts/silver
    /// --scores`, built when missing).
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

/// A fitting example (features, the right row) and whether the goals counted got it.
pub type Example = (Array2<f32>, usize, bool);

/// One example per silver record whose score the report never states, and the number
/// of records left out.
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
        let example = match (evidence, oriented(&got, &want)) {
            (Some(e), Some(want)) => e.example(want).map(|(x, y)| {
                let counted =
                    e.home_goals + e.away_goals == e.goals && (e.home_goals, e.away_goals) == want;
                (x, y, counted)
            }),
            _ => None,
        };
        match example {
            Some(x) => out.push(x),
            None => skipped += 1,
        }
    }
    (out, skipped)
}

/// `want`'s score in `got`'s order of the sides (the order its evidence was read in),
/// when both name the same two sides.
fn oriented(got: &MatchInfo, want: &MatchInfo) -> Option<(u32, u32)> {
    let (h, a) = (want.home_score?, want.away_score?);
    if (&got.home, &got.away) == (&want.home, &want.away) {
        Some((h, a))
    } else if (&got.home, &got.away) == (&want.away, &want.home) {
        Some((a, h))
    } else {
        None
    }
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
    let data: Vec<(Array2<f32>, usize)> =
        examples.iter().map(|(x, y, _)| (x.clone(), *y)).collect();
    let trained_on = format!(
        "{} BBC 2022 reports (even ids, title line removed) whose headline gives the score no line states: {}",
        data.len(),
        config.silver.display()
    );
    let ranker = Ranker::fit(&data, &FEATURES, &config.fit, &trained_on);
    let counted = examples.iter().filter(|(_, _, right)| *right).count();
    let json = serde_json::to_string_pretty(&ranker)?;
    write_atomic(&config.out, format!("{json}\n").as_bytes())
        .with_context(|| format!("cannot write {}", config.out.display()))?;
    Ok(ScoreSummary {
        ranker_right: ranker.accuracy(&data),
        counted_right: counted as f64 / data.len().max(1) as f64,
        examples: data.len(),
        skipped,
    })
}
