//! `touchline train --score`: fits the score ranker (`events::score`) to real reports
//! whose final score a headline or a hand-read result vouches for. `scripts/silver
//! --scores` extracts BBC 2022 reports with their title line removed and ESPN 2013
//! reports (even report ids only, never a real-dev or real-test report) and keeps each
//! record whose match names the two sides of its headline (BBC) or of
//! `data/gold/espn-results.tsv` (ESPN), rewritten to that home, away and score. Here the relation stage reads each
//! record again, and every report whose sides it reads the same lends its evidence and
//! that score (with the title line gone, no headline states it).
//!
//! ```no_run
//! use touchline::train::score::{train_score, ScoreTrainConfig};
//!
//! let s = train_score(&ScoreTrainConfig::default())?;
//! println!("{} reports, ranker right on {:.3}, goals counted on {:.3}", s.examples, s.ranker_right, s.counted_right);
//! # anyhow::Ok(())
//! ```

use crate::doc::{Doc, MatchInfo, Record};
use crate::events::home;
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::score::FEATURES;
use crate::events::{Decider, EventsConfig, MatchCheck, ScoreFrom};
use crate::export::read_records;
use crate::pipeline::{self, PipelineConfig};
use anyhow::Result;
use ndarray::Array2;
use std::ffi::OsStr;
use std::path::PathBuf;

pub struct ScoreTrainConfig {
    /// Records with the headline's home, away and score as their match (`scripts/silver
    /// --scores`, built when missing).
    pub silver: PathBuf,
    pub out: PathBuf,
    /// Where the home ranker (`events::home`), fitted on the same records, goes.
    pub home_out: PathBuf,
    pub fit: FitConfig,
}

impl Default for ScoreTrainConfig {
    fn default() -> Self {
        ScoreTrainConfig {
            silver: PathBuf::from("target/silver/bbc2022-scores.jsonl"),
            out: PathBuf::from("models/score-ranker.json"),
            home_out: PathBuf::from("models/home-ranker.json"),
            fit: FitConfig::default(),
        }
    }
}

pub struct ScoreSummary {
    /// Reports that lent an example (their score stated by no line).
    pub examples: usize,
    /// Reports left out: a headline's score, or sides the relation stage now reads
    /// otherwise.
    pub skipped: usize,
    /// Share of the examples the fitted ranker gets right, and the goals counted do.
    pub ranker_right: f64,
    pub counted_right: f64,
    /// Reports that lent a home-or-away example, and the share the fitted home ranker
    /// and the rules get right.
    pub home_examples: usize,
    pub home_right: f64,
    pub home_rules_right: f64,
}

/// Fitting examples from silver records.
#[derive(Default)]
pub struct Examples {
    /// Features and the right row, one per report whose score no headline states.
    pub data: Vec<(Array2<f32>, usize)>,
    /// How many of them the goals counted get right (the rule before the ranker).
    pub counted_right: usize,
    /// Records left out: a headline's score, or sides the relation stage now reads
    /// otherwise.
    pub skipped: usize,
    /// Features and the right row (0: the rules' home side is right), one per report
    /// whose two sides the relation stage reads as the headline's.
    pub home: Vec<(Array2<f32>, usize)>,
}

/// Relates each silver record again and keeps what the ranker decides from.
pub fn examples(records: Vec<Record>) -> Examples {
    let config = PipelineConfig {
        events: EventsConfig {
            // The evidence is read before the ranker decides, so the shipped weights
            // do not shape the examples.
            score_from: ScoreFrom::Ranker,
            // The rules' home and away, so that neither ranker's examples depend on the
            // shipped home ranker.
            home_from: Decider::Rules,
            // Each silver record's headline makes it a match report.
            match_check: MatchCheck::Rule,
            ..EventsConfig::default()
        },
        ..PipelineConfig::default()
    };
    let mut out = Examples::default();
    for record in records {
        let want = record.match_info.clone().unwrap_or_default();
        let mut doc = Doc::from(record);
        let read = pipeline::relate(&mut doc, &config);
        if let Some(h) = read.home {
            let first = (Some(h.sides.0.clone()), Some(h.sides.1.clone()));
            if let Some(first_at_home) = same_way(&first, &want) {
                out.home.push(h.example(first_at_home));
            }
        }
        let evidence = read.score;
        let got = doc.match_info.unwrap_or_default();
        let Some((e, want)) = evidence.zip(oriented(&got, &want)) else {
            out.skipped += 1;
            continue;
        };
        match e.example(want) {
            Some(x) => {
                out.counted_right += usize::from(e.counted() == Some(want));
                out.data.push(x);
            }
            None => out.skipped += 1,
        }
    }
    out
}

/// `want`'s score in `got`'s order of the sides (the order its evidence was read in),
/// when both name the same two sides.
fn oriented(got: &MatchInfo, want: &MatchInfo) -> Option<(u32, u32)> {
    let (h, a) = (want.home_score?, want.away_score?);
    let same = same_way(&(got.home.clone(), got.away.clone()), want)?;
    Some(if same { (h, a) } else { (a, h) })
}

/// Whether the two sides `(first, second)` are `want`'s home and away in that order
/// (true) or the other way round (false); `None` when they are other sides.
fn same_way(sides: &(Option<String>, Option<String>), want: &MatchInfo) -> Option<bool> {
    if (&sides.0, &sides.1) == (&want.home, &want.away) {
        Some(true)
    } else if (&sides.0, &sides.1) == (&want.away, &want.home) {
        Some(false)
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
    let espn = records.iter().filter(|r| r.id.starts_with("espn-")).count();
    let ex = examples(records);
    let trained_on = format!(
        "{} reports: BBC 2022 (even ids, title line removed) with the score their headline gives, \
         and {espn} ESPN 2013 (even ids) with the result their hand-read gold gives \
         (data/gold/espn-results.tsv): {}",
        ex.data.len(),
        config.silver.display()
    );
    let ranker = Ranker::fit(&ex.data, &FEATURES, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    let home_on = format!(
        "{} reports: BBC 2022 (even ids, title line removed) and ESPN 2013 (even ids), home and \
         away as their headline or hand-read gold gives them: {}",
        ex.home.len(),
        config.silver.display()
    );
    let home_ranker = Ranker::fit(&ex.home, &home::FEATURES, &config.fit, &home_on);
    home_ranker.save(&config.home_out)?;
    let n = ex.data.len().max(1) as f64;
    let rules_right = ex.home.iter().filter(|(_, right)| *right == 0).count();
    Ok(ScoreSummary {
        ranker_right: ranker.accuracy(&ex.data),
        counted_right: ex.counted_right as f64 / n,
        examples: ex.data.len(),
        skipped: ex.skipped,
        home_examples: ex.home.len(),
        home_right: home_ranker.accuracy(&ex.home),
        home_rules_right: rules_right as f64 / ex.home.len().max(1) as f64,
    })
}
