//! `touchline train --shooter` and `--assister`: fit a partner ranker
//! (`events::partner`) to the role marks of annotated reports (the team's
//! `data/train/train.jsonl` by default; never a gold set that is scored). Each report's
//! annotated mentions go through coreference, and every mention marked as the anchor
//! (`keeper` for shooters, `scorer` for assisters) lends an example: the other player
//! of its sentence marked as the partner, or "no one" where none is. A sentence with two
//! partners marked is left out.
//!
//! ```no_run
//! use touchline::events::partner::Partner;
//! use touchline::train::partner::{train_partner, PartnerTrainConfig};
//!
//! let s = train_partner(&PartnerTrainConfig::new(Partner::Assister))?;
//! println!("{} examples, right on {:.3}", s.examples, s.right);
//! # anyhow::Ok(())
//! ```

use crate::coref::{resolve, CorefConfig};
use crate::doc::{Doc, Label, Record};
use crate::events::context::Context;
use crate::events::footer::parse_footer;
use crate::events::partner::{Choice, Partner};
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::{called_keepers, keepers};
use anyhow::Result;
use ndarray::Array2;
use std::path::PathBuf;

pub struct PartnerTrainConfig {
    pub partner: Partner,
    /// Annotated reports (SPEC JSONL whose mentions carry roles).
    pub train: Vec<PathBuf>,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl PartnerTrainConfig {
    /// The defaults for `partner`: the team's annotations, `models/<partner>-ranker.json`.
    pub fn new(partner: Partner) -> PartnerTrainConfig {
        PartnerTrainConfig {
            partner,
            train: vec![PathBuf::from("data/train/train.jsonl")],
            out: PathBuf::from(format!("models/{}-ranker.json", partner.name())),
            fit: FitConfig::default(),
        }
    }
}

pub struct PartnerSummary {
    /// Anchors that lend an example, and of them those with no partner marked.
    pub examples: usize,
    pub no_partner: usize,
    /// Anchors left out: two partners marked.
    pub skipped: usize,
    /// Share of the examples the fitted ranker gets right, and that "the nearest player
    /// to the anchor" (the rule one would write first) does.
    pub right: f64,
    pub nearest_right: f64,
}

/// Fitting examples from annotated reports.
#[derive(Default)]
pub struct Examples {
    pub data: Vec<(Array2<f32>, usize)>,
    pub no_partner: usize,
    pub skipped: usize,
}

/// Labels each anchor-marked mention's decision from the partner marks.
pub fn examples(records: Vec<Record>, partner: Partner) -> Examples {
    let (anchor_mark, partner_mark) = partner.marks();
    let mut out = Examples::default();
    for record in records.into_iter().filter(|r| r.roles_marked) {
        let mut doc = Doc::from(record);
        resolve(&mut doc, &CorefConfig::default());
        let ctx = Context::new(&doc);
        let footer = parse_footer(&doc.text);
        let keepers = keepers(&ctx, called_keepers(&ctx, footer.as_ref()));
        let marked = |i: usize, role| doc.mentions.get(i).is_some_and(|m| m.roles.contains(&role));
        for s in &ctx.sentences {
            for slot in s.slots.iter().filter(|x| x.label == Label::Player) {
                let Some(i) = ctx.mention_spans.iter().position(|m| *m == slot.span) else {
                    continue;
                };
                if !marked(i, anchor_mark) {
                    continue;
                }
                let Some(choice) = Choice::read(&ctx, s, partner, &slot.name, &keepers) else {
                    continue;
                };
                let partners: Vec<usize> = (0..choice.mentions.len())
                    .filter(|&j| choice.mentions[j].iter().any(|&m| marked(m, partner_mark)))
                    .collect();
                match partners.as_slice() {
                    [] => {
                        out.no_partner += 1;
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
pub fn train_partner(config: &PartnerTrainConfig) -> Result<PartnerSummary> {
    let (records, files) = super::read_annotated(&config.train)?;
    let partner = config.partner;
    let ex = examples(records, partner);
    let trained_on = format!(
        "{} {} choices of annotated reports ({} with none marked): {}",
        ex.data.len(),
        partner.name(),
        ex.no_partner,
        files
    );
    let features = partner.features();
    let ranker = Ranker::fit(&ex.data, features, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    let nearest = features
        .iter()
        .position(|f| f.starts_with("the nearest player"))
        .unwrap_or_default();
    let nearest_right = ex
        .data
        .iter()
        .filter(|(x, y)| *y > 0 && x[[*y, nearest]] == 1.0)
        .count();
    let n = ex.data.len().max(1) as f64;
    Ok(PartnerSummary {
        right: ranker.accuracy(&ex.data),
        nearest_right: nearest_right as f64 / n,
        examples: ex.data.len(),
        no_partner: ex.no_partner,
        skipped: ex.skipped,
    })
}
