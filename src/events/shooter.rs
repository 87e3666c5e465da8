//! Whose shot a goalkeeper saved, where the save rules name the keeper but not the
//! shooter ("the keeper parried a fierce Watkins drive", "Dunk saw his header saved by the
//! keeper"): a learned choice among the sentence's other players and "no one". On the
//! team's dev gold two saves in three without a shooter had one in the sentence. A
//! `ranker::Ranker` weighs each player on where the name sits (possessive before a shot,
//! after "denied" or "from", before the keeper, nearest to him, opening the sentence,
//! before "saw" or "forced") and whether they keep goal themselves. Fitted by `touchline
//! train --shooter` on the keeper and shooter marks of the team's annotated reports
//! (`data/train/train.jsonl`); its weights ship in `models/shooter-ranker.json`.
//!
//! ```
//! use ndarray::Array2;
//! use touchline::events::shooter::{shipped, FEATURES};
//!
//! let feature = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
//! // Row 0 is "no one"; row 1 a player whose shot it was ("Robson's drive"), row 2 one
//! // named after "by".
//! let mut x = Array2::zeros((3, FEATURES.len()));
//! x[[0, feature("no one")]] = 1.0;
//! for f in ["possessive", "a shot word follows"] {
//!     x[[1, feature(f)]] = 1.0;
//! }
//! x[[2, feature("after 'by'")]] = 1.0;
//! let p = shipped().probabilities(&x);
//! assert!(p[1] > p[0] && p[1] > p[2]);
//! ```

use super::context::{Context, Sentence, Slot};
use super::ranker::Ranker;
use super::rule_regex;
use crate::doc::Label;
use crate::names::fold;
use anyhow::Result;
use ndarray::Array2;
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// What each weight stands for, in order; a model file must list the same. The first
/// describes "no one" (row 0), the rest a player.
pub const FEATURES: [&str; 11] = [
    "no one",
    "possessive",
    "a shot word follows",
    "a shooter's verb follows (saw, had, forced, tested)",
    "after a denying verb",
    "after 'from'",
    "after 'by'",
    "named before the keeper",
    "the nearest player to the keeper",
    "opens the sentence",
    "a goalkeeper",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/shooter-ranker.json"),
        &FEATURES,
        "models/shooter-ranker.json",
    )
    .expect("models/shooter-ranker.json is checked by its tests")
});

/// The shooter ranker shipped in `models/shooter-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// A shooter ranker from `touchline train --shooter --out FILE`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

fn re(p: &str) -> Regex {
    rule_regex(&format!("(?i){p}")).expect("valid rule")
}

static SHOT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:'s?)? (?:[\w-]+ ){0,2}?(?:shot|shots|drive|effort|efforts|header|headers|strike|volley|free-kick|attempt|curler|lob|chip|penalty|spot-kick|piledriver)\b",
    )
});
static SHOOTER_VERB_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^,? (?:[\w-]+ )?(?:saw|had|forced|tested|brought|was denied|was thwarted|went close|fired|shot|struck|hit|headed|curled|drilled|volleyed)\b",
    )
});
static DENY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:denied|denies|deny|denying|thwarted|thwarts|frustrated|stopped|stops|kept out|keep out|keeping out|foiled|blocked|blocks|beat|beats|beating|repelled|to deny)(?: [\w-]+){0,1} $",
    )
});
static FROM_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"\bfrom (?:[\w-]+ )?$"));
static BY_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"\bby $"));

/// One decision: whose shot, if anyone's, the keeper saved in a sentence.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Canonical names of the sentence's other players; row `i + 1` is `people[i]`.
    pub people: Vec<String>,
    /// Each player's mentions (indices into the doc's mentions), for training labels.
    pub mentions: Vec<Vec<usize>>,
    /// One row per candidate, row 0 "no one".
    pub matrix: Array2<f32>,
}

impl Choice {
    /// The decision for `keeper`'s save in sentence `s` (`keepers`: folded names of the
    /// report's goalkeepers), or `None` where no other player is named.
    pub fn read(
        ctx: &Context,
        s: &Sentence,
        keeper: &str,
        keepers: &HashSet<String>,
    ) -> Option<Choice> {
        let t = &s.template;
        let keeper = fold(keeper);
        let players: Vec<&Slot> = s
            .slots
            .iter()
            .filter(|x| x.label == Label::Player)
            .collect();
        let keeper_at = players
            .iter()
            .find(|x| fold(&x.name) == keeper)
            .and_then(|x| s.template_span(x));
        let mut people: Vec<String> = Vec::new();
        let mut first: Vec<&Slot> = Vec::new();
        for x in players.iter().filter(|x| fold(&x.name) != keeper) {
            if !people.contains(&x.name) {
                people.push(x.name.clone());
                first.push(x);
            }
        }
        if people.is_empty() {
            return None;
        }
        let distance = |x: &Slot| {
            let at = s.template_span(x)?;
            Some(at.start.abs_diff(keeper_at.as_ref()?.start))
        };
        let nearest = first.iter().filter_map(|x| distance(x)).min();
        let mut matrix = Array2::zeros((people.len() + 1, FEATURES.len()));
        matrix[[0, 0]] = 1.0;
        let mut mentions = Vec::with_capacity(people.len());
        for (i, (name, slot)) in people.iter().zip(&first).enumerate() {
            mentions.push(
                players
                    .iter()
                    .filter(|x| &x.name == name)
                    .filter_map(|x| ctx.mention_spans.iter().position(|m| *m == x.span))
                    .collect(),
            );
            let Some(at) = s.template_span(slot) else {
                continue;
            };
            let (before, after) = (&t[..at.start], &t[at.end..]);
            let row = [
                after.starts_with('\'') || after.starts_with('’'),
                SHOT_AFTER.is_match(after),
                SHOOTER_VERB_AFTER.is_match(after),
                DENY_BEFORE.is_match(before),
                FROM_BEFORE.is_match(before),
                BY_BEFORE.is_match(before),
                keeper_at.as_ref().is_some_and(|k| at.start < k.start),
                nearest.is_some() && distance(slot) == nearest,
                std::ptr::eq(*slot, players[0]),
                keepers.contains(&fold(name)),
            ];
            for (j, on) in row.into_iter().enumerate() {
                matrix[[i + 1, j + 1]] = f32::from(u8::from(on));
            }
        }
        Some(Choice {
            people,
            mentions,
            matrix,
        })
    }

    /// The shooter `ranker` picks with at least probability `threshold`, `None` where
    /// "no one" is likeliest or no one is that probable.
    pub fn best(&self, ranker: &Ranker, threshold: f32) -> Option<&str> {
        let (row, p) = ranker.best(&self.matrix);
        row.checked_sub(1)
            .filter(|_| p >= threshold)
            .and_then(|i| self.people.get(i))
            .map(String::as_str)
    }

    /// A fitting example whose right row is `row`.
    pub fn example(&self, row: usize) -> (Array2<f32>, usize) {
        (self.matrix.clone(), row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coref::{resolve, CorefConfig};
    use crate::doc::{Doc, Mention};

    /// The shooter the shipped ranker names for `keeper`'s save in `text`, whose
    /// `players` are tagged wherever they appear.
    fn shooter_in(text: &str, players: &[&str], keeper: &str) -> Option<String> {
        let mut doc = Doc::new("t", text);
        for name in players {
            for (at, _) in text.match_indices(name) {
                let start = text[..at].chars().count();
                let end = start + name.chars().count();
                doc.mentions
                    .push(Mention::new(start, end, Label::Player, *name));
            }
        }
        doc.mentions.sort_by_key(|m| m.start);
        resolve(&mut doc, &CorefConfig::default());
        let ctx = Context::new(&doc);
        let keepers = HashSet::from([fold(keeper)]);
        let choice = Choice::read(&ctx, &ctx.sentences[0], keeper, &keepers)?;
        choice.best(shipped(), 0.5).map(str::to_string)
    }

    #[test]
    fn the_shot_is_the_player_the_sentence_gives_it_to() {
        let named = |text, players: &[&str], keeper| shooter_in(text, players, keeper);
        assert_eq!(
            named(
                "Meslier parried a fierce Watkins drive.",
                &["Meslier", "Watkins"],
                "Meslier"
            )
            .as_deref(),
            Some("Watkins")
        );
        assert_eq!(
            named(
                "Dunk had another header saved by Dubravka.",
                &["Dunk", "Dubravka"],
                "Dubravka"
            )
            .as_deref(),
            Some("Dunk")
        );
        assert_eq!(
            named(
                "Wildsmith denied Evans after a pass from Norman.",
                &["Wildsmith", "Evans", "Norman"],
                "Wildsmith"
            )
            .as_deref(),
            Some("Evans")
        );
    }

    #[test]
    fn the_shipped_ranker_learned_something() {
        let r = shipped();
        assert!(r.weights.iter().all(|w| w.is_finite()));
        assert!(r.weights.iter().any(|w| w.abs() > 0.1), "{r:?}");
    }
}
