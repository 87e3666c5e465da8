//! Which side a goal read in the prose is credited to, home or away, weighed by a small
//! learned ranker instead of the first of a cascade of guesses. The cascade takes a
//! phrase of the goal's sentence ("put Leeds ahead") over the scorer's side by the
//! report's votes (team sheets, "Leeds striker X", a partner's side), and so credits
//! "As Leeds fell apart, X added a fifth" to Leeds. The ranker weighs those readings
//! with the side acting in the sentence, the side acting around the scorer elsewhere,
//! the assister's side and the sentences naming the scorer with each side. It is a
//! `ranker::Ranker` fitted by `touchline train --credit` on headline-vouched BBC 2022
//! reports (`scripts/silver`: even ids, every goal credited and adding up to the
//! headline's score); its weights ship in `models/credit-ranker.json`. Where it is less
//! sure than its threshold the cascade credits the goal as before.
//!
//! ```
//! use ndarray::Array2;
//! use touchline::events::credit::{shipped, FEATURES};
//!
//! let feature = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
//! // Row 0 the home side, row 1 the away side. The scorer's votes and the sentence's
//! // acting side both say away.
//! let mut x = Array2::zeros((2, FEATURES.len()));
//! x[[0, feature("the home side")]] = 1.0;
//! x[[1, feature("the scorer plays for it by the report's votes")]] = 1.0;
//! x[[1, feature("the one side acting in the goal's sentence")]] = 1.0;
//! let p = shipped().probabilities(&x);
//! assert!(p[1] > p[0]);
//! ```

use super::context::{Context, Sentence};
use super::ranker::Ranker;
use super::sides::Sides;
use crate::doc::{Kind, Label};
use crate::names::fold;
use anyhow::Result;
use ndarray::Array2;
use std::path::Path;
use std::sync::LazyLock;

/// What each weight stands for, in order; a model file must list the same. Row 0 is the
/// home side, row 1 the away side; "it" is the row's side. For an own goal the scorer's
/// readings count for the other side.
pub const FEATURES: [&str; 9] = [
    "the home side",
    "a phrase of the goal's sentence credits it (put X ahead, scored for X)",
    "the scorer plays for it by the report's votes",
    "the scorer's votes for it less the other's (at most 3)",
    "the one side acting in the goal's sentence",
    "the side acting around the scorer elsewhere",
    "the assister plays for it by the report's votes",
    "sentences naming the scorer and it, less the other, by those naming him",
    "named in the goal's sentence, the other not",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/credit-ranker.json"),
        &FEATURES,
        "models/credit-ranker.json",
    )
    .expect("models/credit-ranker.json is checked by its tests")
});

/// The credit ranker shipped in `models/credit-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// A ranker from `touchline train --credit`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

/// The goal a choice is about, as the cascade's readings see it.
pub struct Goal<'a> {
    pub scorer: &'a str,
    pub assister: Option<&'a str>,
    pub own_goal: bool,
    /// The sentence the goal was read in (its byte range).
    pub evidence: &'a std::ops::Range<usize>,
    /// The side a phrase of its sentence credits it to.
    pub phrase: Option<&'a str>,
    /// The one side acting in its sentence, and around the scorer elsewhere.
    pub acting: Option<&'a str>,
    pub around: Option<&'a str>,
}

/// One decision: home or away for a goal read in the prose.
#[derive(Debug, Clone)]
pub struct Choice {
    pub scorer: String,
    pub home: String,
    pub away: String,
    /// Row 0 the home side, row 1 the away side.
    pub matrix: Array2<f32>,
}

impl Choice {
    pub fn read(ctx: &Context, sides: &Sides, goal: &Goal, (home, away): (&str, &str)) -> Choice {
        let is = |side: Option<&str>, row: &str| side.is_some_and(|s| fold(s) == fold(row));
        let names_side = |s: &Sentence, side: &str| {
            s.slots
                .iter()
                .any(|x| x.label.kind() == Kind::Side && fold(&x.name) == fold(side))
        };
        // The sentences naming the scorer, read once for both rows.
        let his_sentences: Vec<&Sentence> = ctx
            .sentences
            .iter()
            .filter(|s| {
                s.slots
                    .iter()
                    .any(|x| x.label == Label::Player && fold(&x.name) == fold(goal.scorer))
            })
            .collect();
        let named_with =
            |side: &str| his_sentences.iter().filter(|s| names_side(s, side)).count() as f32;
        let sentence = ctx.sentences.iter().find(|s| s.span == *goal.evidence);
        let named_here = |side: &str| sentence.is_some_and(|s| names_side(s, side));
        let mut x = Array2::zeros((2, FEATURES.len()));
        for (r, (side, other)) in [(home, away), (away, home)].into_iter().enumerate() {
            // The scorer's own side: the credited one, or for an own goal the other.
            let (his, not_his) = if goal.own_goal {
                (other, side)
            } else {
                (side, other)
            };
            let on = |b: bool| f32::from(u8::from(b));
            let votes = sides.votes_for(goal.scorer, his) - sides.votes_for(goal.scorer, not_his);
            // In the order of FEATURES.
            let row = [
                on(r == 0),
                on(is(goal.phrase, side)),
                on(is(sides.side_of(goal.scorer), his)),
                votes.clamp(-3.0, 3.0) / 3.0,
                on(is(goal.acting, side)),
                on(is(goal.around, his)),
                on(goal.assister.is_some_and(|a| is(sides.side_of(a), side))),
                (named_with(his) - named_with(not_his)) / his_sentences.len().max(1) as f32,
                on(named_here(side) && !named_here(other)),
            ];
            for (j, v) in row.into_iter().enumerate() {
                x[[r, j]] = v;
            }
        }
        Choice {
            scorer: goal.scorer.to_string(),
            home: home.to_string(),
            away: away.to_string(),
            matrix: x,
        }
    }

    /// The side the ranker credits and its probability.
    pub fn side(&self, ranker: &Ranker) -> (&str, f32) {
        let (row, p) = ranker.best(&self.matrix);
        (if row == 0 { &self.home } else { &self.away }, p)
    }

    /// A fitting example whose right row is `row`.
    pub fn example(&self, row: usize) -> (Array2<f32>, usize) {
        (self.matrix.clone(), row)
    }
}
