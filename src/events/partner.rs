//! The other party of an event where its rule names none: the shooter of a save
//! ("the keeper parried a fierce Watkins drive", "Dunk saw his header saved by the
//! keeper"), the assister of a goal ("Saka's cross was headed in by Jesus"). A learned
//! choice among the sentence's other players and "no one": a `ranker::Ranker` per
//! partner weighs each player on where the name sits against the event's anchor (the
//! keeper, the scorer): possessive, the word after the name (a shot, a cross), after
//! "denied", "from" or "by", before the anchor, nearest to it, opening the sentence, and
//! whether they keep goal. On the team's dev gold, 25 of the 34 matched saves without
//! the right shooter had none read, and a third of the goals no assister. Fitted
//! by `touchline train --shooter` and `--assister` on the role marks of the team's
//! annotated reports (`data/train/train.jsonl`); the weights ship in
//! `models/shooter-ranker.json` and `models/assister-ranker.json`.
//!
//! ```
//! use ndarray::Array2;
//! use touchline::events::partner::Partner;
//!
//! let shooter = Partner::Shooter;
//! let feature = |name: &str| shooter.features().iter().position(|f| *f == name).unwrap();
//! // Row 0 is "no one"; row 1 a player whose shot it was ("Robson's drive"), row 2 one
//! // named after "by".
//! let mut x = Array2::zeros((3, shooter.features().len()));
//! x[[0, feature("no one")]] = 1.0;
//! for f in ["possessive", "a shot word follows"] {
//!     x[[1, feature(f)]] = 1.0;
//! }
//! x[[2, feature("after 'by'")]] = 1.0;
//! let p = shooter.shipped().probabilities(&x);
//! assert!(p[1] > p[0] && p[1] > p[2]);
//! ```

use super::context::{Context, Sentence, Slot};
use super::ranker::Ranker;
use super::rule_regex;
use crate::doc::{Label, MentionRole};
use crate::names::fold;
use anyhow::Result;
use ndarray::Array2;
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// Which party a choice names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partner {
    /// Whose shot a goalkeeper saved (the anchor is the keeper).
    Shooter,
    /// Who set up a goal (the anchor is the scorer).
    Assister,
}

/// What each shooter weight stands for, in order; a model file must list the same. The
/// first describes "no one" (row 0), the rest a player.
pub const SHOOTER_FEATURES: [&str; 11] = [
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

/// What each assister weight stands for, in order, as for `SHOOTER_FEATURES`.
pub const ASSISTER_FEATURES: [&str; 11] = [
    "no one",
    "possessive",
    "a pass word follows (cross, corner, pass, through ball)",
    "a passing verb follows (crossed, set up, teed up, picked out)",
    "after a setting-up verb (set up by, teed up by, found by)",
    "after 'from'",
    "after 'by'",
    "named before the scorer",
    "the nearest player to the scorer",
    "opens the sentence",
    "a goalkeeper",
];

static SHOOTER: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/shooter-ranker.json"),
        &SHOOTER_FEATURES,
        "models/shooter-ranker.json",
    )
    .expect("models/shooter-ranker.json is checked by its tests")
});

static ASSISTER: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/assister-ranker.json"),
        &ASSISTER_FEATURES,
        "models/assister-ranker.json",
    )
    .expect("models/assister-ranker.json is checked by its tests")
});

impl Partner {
    pub fn features(self) -> &'static [&'static str] {
        match self {
            Partner::Shooter => &SHOOTER_FEATURES,
            Partner::Assister => &ASSISTER_FEATURES,
        }
    }

    /// The ranker shipped in `models/<name>-ranker.json`.
    pub fn shipped(self) -> &'static Ranker {
        match self {
            Partner::Shooter => &SHOOTER,
            Partner::Assister => &ASSISTER,
        }
    }

    /// A ranker from `touchline train --shooter` or `--assister`.
    pub fn load(self, path: &Path) -> Result<Ranker> {
        Ranker::load(path, self.features())
    }

    /// "shooter" or "assister": the model file's stem and the event's field.
    pub fn name(self) -> &'static str {
        match self {
            Partner::Shooter => "shooter",
            Partner::Assister => "assister",
        }
    }

    /// The marks of the anchor and of the partner in annotated reports.
    pub fn marks(self) -> (MentionRole, MentionRole) {
        match self {
            Partner::Shooter => (MentionRole::Keeper, MentionRole::Shooter),
            Partner::Assister => (MentionRole::Scorer, MentionRole::Assister),
        }
    }

    /// This partner's cues: a word after the name (a shot, a cross), a verb after it,
    /// a verb before it ("denied", "set up by").
    fn cues(self) -> &'static [Regex; 3] {
        &CUES[self as usize]
    }
}

/// Per partner, in `Partner` order, the patterns `cues` returns.
const CUE_PATTERNS: [[&str; 3]; 2] = [
    [
        r"^(?:'s?)? (?:[\w-]+ ){0,2}?(?:shot|shots|drive|effort|efforts|header|headers|strike|volley|free-kick|attempt|curler|lob|chip|penalty|spot-kick|piledriver)\b",
        r"^,? (?:[\w-]+ )?(?:saw|had|forced|tested|brought|was denied|was thwarted|went close|fired|shot|struck|hit|headed|curled|drilled|volleyed)\b",
        r"\b(?:denied|denies|deny|denying|thwarted|thwarts|frustrated|stopped|stops|kept out|keep out|keeping out|foiled|blocked|blocks|beat|beats|beating|repelled|to deny)(?: [\w-]+){0,1} $",
    ],
    [
        r"^(?:'s?)? (?:[\w-]+ ){0,2}?(?:cross|crosses|corner|corners|pass|passes|through ball|through-ball|ball|free-kick|delivery|lay-off|layoff|cut-back|cutback|pull-back|flick|flick-on|knockdown|assist|centre|throw)\b",
        r"^,? (?:[\w-]+ )?(?:crossed|set up|sets up|teed up|picked out|found|played in|slipped in|slid|squared|laid|provided|supplied|delivered|whipped|swung|flicked|nodded down|chipped|threaded|released|put in)\b",
        r"\b(?:set up|teed up|picked out|found|played in|assisted|supplied|provided|laid on|created|fed|released|sent through)(?: [\w-]+){0,1} by $",
    ],
];

static CUES: LazyLock<[[Regex; 3]; 2]> = LazyLock::new(|| CUE_PATTERNS.map(|p| p.map(re)));
static FROM_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"\bfrom (?:[\w-]+ )?$"));
static BY_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"\bby $"));
/// "lost Reed at a corner": a preposition after the name starts another phrase, so a
/// cross or a shot further on is not this player's.
static PREPOSITION_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^,? (?:from|at|after|in|on|with|for|into|by|off|via|to|before|under|inside|outside|near)\b",
    )
});

fn re(p: &str) -> Regex {
    rule_regex(&format!("(?i){p}")).expect("valid rule")
}

/// One decision: who, if anyone, is the partner of an event's anchor in a sentence.
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
    /// The decision for the `partner` of `anchor` (a keeper, a scorer) in sentence `s`
    /// (`keepers`: folded names of the report's goalkeepers), or `None` where no other
    /// player is named.
    pub fn read(
        ctx: &Context,
        s: &Sentence,
        partner: Partner,
        anchor: &str,
        keepers: &HashSet<String>,
    ) -> Option<Choice> {
        let t = &s.template;
        let anchor = fold(anchor);
        let players: Vec<&Slot> = s
            .slots
            .iter()
            .filter(|x| x.label == Label::Player)
            .collect();
        let anchor_at = players
            .iter()
            .find(|x| fold(&x.name) == anchor)
            .and_then(|x| s.template_span(x));
        let mut people: Vec<String> = Vec::new();
        let mut first: Vec<&Slot> = Vec::new();
        for x in players.iter().filter(|x| fold(&x.name) != anchor) {
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
            Some(at.start.abs_diff(anchor_at.as_ref()?.start))
        };
        let nearest = first.iter().filter_map(|x| distance(x)).min();
        let [after_cue, verb_cue, before_cue] = partner.cues();
        let mut matrix = Array2::zeros((people.len() + 1, partner.features().len()));
        matrix[[0, 0]] = 1.0;
        let mut mentions = Vec::with_capacity(people.len());
        for (i, (name, slot)) in people.iter().zip(&first).enumerate() {
            mentions.push(ctx.mentions_of(&players, name));
            let Some(at) = s.template_span(slot) else {
                continue;
            };
            let (before, after) = (&t[..at.start], &t[at.end..]);
            let row = [
                after.starts_with('\'') || after.starts_with('’'),
                after_cue.is_match(after) && !PREPOSITION_NEXT.is_match(after),
                verb_cue.is_match(after),
                before_cue.is_match(before),
                FROM_BEFORE.is_match(before),
                BY_BEFORE.is_match(before),
                anchor_at.as_ref().is_some_and(|k| at.start < k.start),
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

    /// The partner `ranker` picks with at least probability `threshold`, `None` where
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

    /// The `partner` the shipped ranker names for `anchor`'s event in `text` (its first
    /// sentence), whose `players` are tagged wherever they appear; `keeper` keeps goal.
    fn named(
        text: &str,
        players: &[&str],
        partner: Partner,
        anchor: &str,
        keeper: &str,
    ) -> Option<String> {
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
        let choice = Choice::read(&ctx, &ctx.sentences[0], partner, anchor, &keepers)?;
        choice.best(partner.shipped(), 0.5).map(str::to_string)
    }

    #[test]
    fn the_shot_is_the_player_the_sentence_gives_it_to() {
        let shooter =
            |text, players: &[&str], keeper| named(text, players, Partner::Shooter, keeper, keeper);
        assert_eq!(
            shooter(
                "Meslier parried a fierce Watkins drive.",
                &["Meslier", "Watkins"],
                "Meslier"
            )
            .as_deref(),
            Some("Watkins")
        );
        assert_eq!(
            shooter(
                "Dunk had another header saved by Dubravka.",
                &["Dunk", "Dubravka"],
                "Dubravka"
            )
            .as_deref(),
            Some("Dunk")
        );
        assert_eq!(
            shooter(
                "Wildsmith denied Evans after a pass from Norman.",
                &["Wildsmith", "Evans", "Norman"],
                "Wildsmith"
            )
            .as_deref(),
            Some("Evans")
        );
    }

    #[test]
    fn the_assist_is_the_cross_or_the_pass_and_not_the_keeper() {
        let assister = |text, players: &[&str], scorer| {
            named(text, players, Partner::Assister, scorer, "Pope")
        };
        assert_eq!(
            assister(
                "Saka's cross was headed in by Jesus.",
                &["Saka", "Jesus"],
                "Jesus"
            )
            .as_deref(),
            Some("Saka")
        );
        assert_eq!(
            assister(
                "Jesus rounded Pope and scored.",
                &["Jesus", "Pope"],
                "Jesus"
            )
            .as_deref(),
            None
        );
    }

    #[test]
    fn the_shipped_rankers_learned_something() {
        for partner in [Partner::Shooter, Partner::Assister] {
            let r = partner.shipped();
            assert!(r.weights.iter().all(|w| w.is_finite()));
            assert!(r.weights.iter().any(|w| w.abs() > 0.1), "{r:?}");
        }
    }
}
