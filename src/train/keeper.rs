//! `touchline train --keeper`: fit the keeper ranker (`events::keeper`) to the keeper
//! marks of annotated real reports (the real-dev gold by default, built from its
//! standoff; never real-test). Each report's annotated mentions go through coreference
//! and the events stage with the rules' keepers standing; every save the rules read
//! lends an example: the rule's keeper where his mention is marked `keeper`, else the one
//! other player of the sentence marked so, else "no save". A sentence with two other
//! keepers marked is left out.
//!
//! Real reports, not the team's own prose: in the team's reports the rules' keeper is
//! nearly always right, and a ranker fitted on them learns to trust the rule (README,
//! "Who kept goal").
//!
//! ```no_run
//! use touchline::train::keeper::{train_keeper, KeeperTrainConfig};
//!
//! let s = train_keeper(&KeeperTrainConfig::default())?;
//! println!("{} saves, right on {:.3} (the rule alone {:.3})", s.examples, s.right, s.rule_right);
//! # anyhow::Ok(())
//! ```

use super::Annotated;
use crate::coref::{resolve, CorefConfig};
use crate::doc::{Doc, MentionRole, Record};
use crate::events::keeper::{Choice, FEATURES};
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::{extract, Decider, EventsConfig, PartnerConfig};
use anyhow::Result;
use ndarray::Array2;
use std::path::PathBuf;

pub struct KeeperTrainConfig {
    /// The annotated reports it is fitted on.
    pub reports: Annotated,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl Default for KeeperTrainConfig {
    fn default() -> Self {
        KeeperTrainConfig {
            reports: Annotated::real_dev(),
            out: PathBuf::from("models/keeper-ranker.json"),
            fit: FitConfig::default(),
        }
    }
}

pub struct KeeperSummary {
    /// Saves that lend an example, and of them those with no keeper marked.
    pub examples: usize,
    pub no_keeper: usize,
    /// Saves left out: two other keepers marked.
    pub skipped: usize,
    /// Share of the examples the fitted ranker gets right, and that the rule's keeper is.
    pub right: f64,
    pub rule_right: f64,
}

/// Fitting examples from annotated reports.
#[derive(Default)]
pub struct Examples {
    pub data: Vec<(Array2<f32>, usize)>,
    /// Of them, those whose right row is the rule's keeper.
    pub rule_right: usize,
    pub no_keeper: usize,
    pub skipped: usize,
}

/// Labels each save the rules read from the keeper marks.
pub fn examples(records: Vec<Record>) -> Examples {
    let config = EventsConfig {
        keeper: PartnerConfig {
            from: Decider::Rules,
            ..EventsConfig::default().keeper
        },
        ..EventsConfig::default()
    };
    let mut out = Examples::default();
    for record in records.into_iter().filter(|r| r.roles_marked) {
        let mut doc = Doc::from(record);
        resolve(&mut doc, &CorefConfig::default());
        let read = extract(&mut doc, &config);
        let marked = |i: &usize| {
            doc.mentions
                .get(*i)
                .is_some_and(|m| m.roles.contains(&MentionRole::Keeper))
        };
        for choice in &read.keepers {
            match label(choice, marked) {
                Some(row) => {
                    out.rule_right += usize::from(row == choice.rule);
                    out.no_keeper += usize::from(row == 0);
                    out.data.push(choice.example(row));
                }
                None => out.skipped += 1,
            }
        }
    }
    out
}

/// The right row of `choice`: the rule's keeper if marked, else the one other player
/// marked, else "no save"; `None` where two others are.
fn label(choice: &Choice, marked: impl Fn(&usize) -> bool) -> Option<usize> {
    let rows: Vec<usize> = (0..choice.mentions.len())
        .filter(|&j| choice.mentions[j].iter().any(&marked))
        .map(|j| j + 1)
        .collect();
    if rows.contains(&choice.rule) {
        return Some(choice.rule);
    }
    match rows.as_slice() {
        [] => Some(0),
        [row] => Some(*row),
        _ => None,
    }
}

/// Fits the ranker to the annotated reports and writes it to `config.out`.
pub fn train_keeper(config: &KeeperTrainConfig) -> Result<KeeperSummary> {
    let (records, files) = config.reports.read()?;
    let ex = examples(records);
    let trained_on = format!(
        "{} saves the rules read in annotated reports ({} with no keeper marked): {}",
        ex.data.len(),
        ex.no_keeper,
        files
    );
    let ranker = Ranker::fit(&ex.data, &FEATURES, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    let n = ex.data.len().max(1) as f64;
    Ok(KeeperSummary {
        right: ranker.accuracy(&ex.data),
        rule_right: ex.rule_right as f64 / n,
        examples: ex.data.len(),
        no_keeper: ex.no_keeper,
        skipped: ex.skipped,
    })
}
