//! The final score when no headline states it: a small learned ranker over every
//! candidate score, instead of trusting the goals counted or the first result phrase.
//! Goals told twice and goals never credited make a count alone right one time in five
//! on BBC reports with the title line removed, and a result phrase is sometimes another
//! match's ("a side that had beaten Leeds 4-0 the week before"). The ranker weighs the count
//! against the results the prose tells of this match ("Leeds beat Wolves 2-1", naming
//! both sides or one), the scores it writes on the way ("made it 2-1", "a 3-1 lead") and
//! a told draw. It is a `ranker::Ranker` fitted by `touchline train --score` on
//! headline-vouched BBC 2022 reports and the hand-read results of ESPN 2013 reports
//! (`scripts/silver --scores`), so that it weighs a result told naming one side as
//! another outlet writes it ("a 2-1 win at Hull"); its weights ship in
//! `models/score-ranker.json`, built into the binary (after refitting, rebuild or pass
//! the file with `--score-ranker`).
//!
//! ```
//! use touchline::events::result::ResultTold;
//! use touchline::events::score::{shipped, Evidence};
//!
//! let ranker = shipped();
//! // Three goals credited 2-1, "made it 2-1" in the prose.
//! let told = Evidence { home_goals: 2, away_goals: 1, goals: 3, written: vec![(2, 1)], ..Evidence::default() };
//! assert_eq!(told.best(ranker).0, (2, 1));
//! // Two goals read, one credited, and "it finished 1-1".
//! let level = Evidence {
//!     home_goals: 1, away_goals: 0, goals: 2, draw_told: true, written: vec![(1, 1)],
//!     told: vec![ResultTold { score: (1, 1), both_named: false }],
//!     ..Evidence::default()
//! };
//! assert_eq!(level.best(ranker).0, (1, 1));
//! ```

use super::context::Sentence;
use super::ranker::Ranker;
use super::result::{results_told, ResultTold};
use crate::names::fold;
use anyhow::Result;
use ndarray::Array2;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Goals of the home side, then of the away side.
pub type Score = (u32, u32);

/// Goals per side the ranker considers (0 to this).
pub const MAX_GOALS: u32 = 9;

/// What each weight stands for, in order; a model file must list the same.
pub const FEATURES: [&str; 17] = [
    "home goals credited: distance",
    "away goals credited: distance",
    "goals read: distance from the total",
    "written as a score in the prose (times, at most 3)",
    "the largest score written",
    "scores written above it",
    "exactly the goals credited",
    "a draw told, and level",
    "level",
    "total goals",
    "no goal, though goals were read",
    "a goal told by its number above both sides' goals",
    "the side told as the winner leads",
    "the side credited more goals leads",
    "a result told naming both sides gives it (times, at most 3)",
    "a result told naming one side gives it (times, at most 3)",
    "the first result told gives it",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/score-ranker.json"),
        &FEATURES,
        "models/score-ranker.json",
    )
    .expect("models/score-ranker.json is checked by its tests")
});

/// The score ranker shipped in `models/score-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// A score ranker from `touchline train --score --out FILE`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

/// What a report says about its score when no headline states it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Goals credited to the home and the away side.
    pub home_goals: u32,
    pub away_goals: u32,
    /// Every goal read, credited or not.
    pub goals: u32,
    /// Scores the prose writes ("made it 2-1"), as written, shoot-outs and aggregates
    /// left out.
    pub written: Vec<Score>,
    /// The report tells a draw ("a 2-2 draw", "were held", "shared the points").
    pub draw_told: bool,
    /// The highest goal told by its number ("added a third": 3), 0 for none.
    pub numbered: u32,
    /// Times the report tells the home side won, minus times it tells the away side did
    /// ("helped them beat Bournemouth", "a damaging defeat by Leeds").
    pub home_won_told: i32,
    /// Results told of this match ("Leeds beat Wolves 2-1", "it finished 1-1"), in order.
    pub told: Vec<ResultTold>,
}

static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    super::rule_regex(&format!(r"\b{}\b", super::result::SCORE)).expect("valid rule")
});

static DRAW: LazyLock<Regex> = LazyLock::new(|| {
    super::rule_regex(r"(?i)\b(?:(?:a|the|goalless|scoreless|\d+-\d+) draw|drew \d|drew with|drew at|played out a|stalemate|shared the (?:points|spoils)|honours (?:were )?even|were held|held to a|had to settle for a (?:point|draw))\b")
        .expect("valid rule")
});

/// "added a third": a side's goal told by its number (the word after is checked: "his
/// second half", "a fourth straight win" are not goals).
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    super::rule_regex(r"(?i)\b(?:added|adds|add|made it|grabbed|grabs|scored|scores|netted|nets|headed|heads|fired|curled|got|hit|slotted|struck|nodded|stabbed|tapped|poked|volleyed|swept|smashed|rifled|drilled|bundled|turned|converted|completed) (?:in |home )?(?:a|the|their|his|her|@S[a-z]+'s?) (?:[\w-]+ ){0,2}?(second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b(?: ([\w-]+))?")
        .expect("valid rule")
});

/// Words after an ordinal that make it something other than a goal.
const NOT_A_GOAL_AFTER: [&str; 17] = [
    "half",
    "yellow",
    "booking",
    "leg",
    "minute",
    "straight",
    "successive",
    "consecutive",
    "season",
    "round",
    "time",
    "game",
    "match",
    "win",
    "victory",
    "defeat",
    "appearance",
];

/// Phrases naming the winner (`w`) or the loser (`l`) of this match, without its score.
static WINNER: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"@S(?P<w>[a-z]+)'s? (?:[\w-]+ ){0,4}?(?:win|victory|triumph|success) (?:over|against|at|in)\b",
        r"@S(?P<w>[a-z]+)(?: [\w'-]+){0,3}? (?:beat|defeated|overcame|saw off|swept aside|brushed aside|eased past|cruised past|ran out (?:[\w-]+ )?winners|claimed (?:a |the )?(?:[\w-]+ )?(?:win|victory)|secured (?:a |the )?(?:[\w-]+ )?(?:win|victory)|held on to (?:win|beat)|won (?:at|against|away))\b",
        r"\b(?:helped|help|helping|helps|earned|gave|handed|secured|sealed|clinched|fired|gives|earns)(?: [\w-]+){0,2}? @S(?P<w>[a-z]+) (?:a |an |the |their )?(?:[\w-]+ ){0,3}?(?:win|victory|the points|all three points|three points)\b",
        r"\b(?:defeat|loss|reverse|beating|thrashing) (?:to|by|at the hands of) (?:[\w-]+ ){0,2}?@S(?P<w>[a-z]+)",
        r"\b(?:win|victory|triumph) (?:over|against) (?:[\w-]+ ){0,2}?@S(?P<l>[a-z]+)",
        r"\b(?:beat|beating|beats|defeated|defeating|shocked|shock|stunned|stun|edged|edging|thrashed|thrashing|hammered|thumped|downed|dispatched|humbled|overcame|outclassed|routed|crushed|trounced)(?: past| out| aside)? (?:the )?@S(?P<l>[a-z]+)",
        r"@S(?P<l>[a-z]+)(?: [\w'-]+){0,3}? (?:lost|were beaten|fell to|slipped to|crashed to|went down|succumbed|suffered (?:a |an |their )?(?:[\w-]+ ){0,3}?(?:defeat|loss))\b",
        r"\b(?:condemned|consigned|sent|inflicted)(?: [\w-]+){0,4}? (?:on |upon )?@S(?P<l>[a-z]+) (?:to )?(?:a |an |their )?(?:[\w-]+ ){0,4}?(?:defeat|loss)\b",
    ]
    .iter()
    .map(|p| super::rule_regex(&format!("(?i){p}")).expect("valid rule"))
    .collect()
});

/// Times `sentences` tell `a` won this match minus times they tell `b` did ("helped
/// them beat Bournemouth", "a damaging defeat by Leeds"); `a` and `b` are canonical names.
pub fn winner_told(sentences: &[&Sentence], a: &str, b: &str) -> i32 {
    let (a, b) = (fold(a), fold(b));
    let mut told = 0;
    for s in sentences {
        // A side that won on penalties drew the match.
        if super::rules::SHOOTOUT.is_match(&s.template) {
            continue;
        }
        for c in WINNER.iter().flat_map(|r| r.captures_iter(&s.template)) {
            let (side, won) = match (c.name("w"), c.name("l")) {
                (Some(w), _) => (w, 1),
                (_, Some(l)) => (l, -1),
                _ => continue,
            };
            let Some(name) = s.slot(side.as_str()).map(|x| fold(&x.name)) else {
                continue;
            };
            if name == a {
                told += won;
            } else if name == b {
                told -= won;
            }
        }
    }
    told
}

impl Evidence {
    /// Reads the prose's written scores, numbered goals, draw and winner from
    /// `sentences` (`sides`: home, away); the goal counts are the caller's.
    pub fn read(
        sentences: &[&Sentence],
        sides: (&str, &str),
        home_goals: u32,
        away_goals: u32,
        goals: u32,
    ) -> Evidence {
        let mut numbered = 0;
        let mut written = Vec::new();
        for s in sentences {
            let t = &s.template;
            for c in NUMBERED.captures_iter(t) {
                let after = c.get(2).map_or("", |m| m.as_str()).to_lowercase();
                if !NOT_A_GOAL_AFTER.contains(&after.as_str()) {
                    numbered = numbered.max(ordinal(&c[1]));
                }
            }
            for c in WRITTEN.captures_iter(t) {
                let (Some(m), Ok(a), Ok(b)) = (c.get(0), c["g1"].parse(), c["g2"].parse()) else {
                    continue;
                };
                // "4-4-2" is a formation, not a score.
                let formation = t[..m.start()].ends_with('-') || t[m.end()..].starts_with('-');
                if formation || !super::result::score_of_this_match(t, m.start(), m.end()) {
                    continue;
                }
                if a <= MAX_GOALS && b <= MAX_GOALS {
                    written.push((a, b));
                }
            }
        }
        Evidence {
            home_goals,
            away_goals,
            goals,
            written,
            draw_told: sentences.iter().any(|s| DRAW.is_match(&s.template)),
            numbered,
            home_won_told: winner_told(sentences, sides.0, sides.1),
            told: results_told(sentences, sides.0, sides.1),
        }
    }

    /// Every candidate (home, away), in a fixed order.
    pub fn candidates() -> impl Iterator<Item = Score> {
        (0..=MAX_GOALS).flat_map(|h| (0..=MAX_GOALS).map(move |a| (h, a)))
    }

    /// One row of features per candidate, in `candidates` order.
    pub fn matrix(&self) -> Array2<f32> {
        let rows: Vec<f32> = Self::candidates()
            .flat_map(|(h, a)| self.features(h, a))
            .collect();
        Array2::from_shape_vec((rows.len() / FEATURES.len(), FEATURES.len()), rows)
            .expect("one row of FEATURES.len() per candidate")
    }

    /// The goals credited, when every goal read is credited (the rule before the ranker).
    pub fn counted(&self) -> Option<Score> {
        (self.home_goals + self.away_goals == self.goals)
            .then_some((self.home_goals, self.away_goals))
    }

    /// The most probable score by `ranker` and its probability.
    pub fn best(&self, ranker: &Ranker) -> (Score, f32) {
        let (i, p) = ranker.best(&self.matrix());
        (Self::candidates().nth(i).unwrap_or_default(), p)
    }

    /// A fitting example: the features and the row of the score `want` (none when it is
    /// beyond `MAX_GOALS`).
    pub fn example(&self, want: Score) -> Option<(Array2<f32>, usize)> {
        Some((self.matrix(), Self::candidates().position(|c| c == want)?))
    }

    fn features(&self, h: u32, a: u32) -> [f32; FEATURES.len()] {
        let dist = |x: u32, y: u32| x.abs_diff(y) as f32;
        let sorted = |(x, y): Score| (x.max(y), x.min(y));
        let this = sorted((h, a));
        let times = self.written.iter().filter(|&&w| sorted(w) == this).count();
        let largest = self
            .written
            .iter()
            .copied()
            .map(sorted)
            .max_by_key(|w| (w.0 + w.1, w.0));
        let above = self
            .written
            .iter()
            .map(|&w| sorted(w))
            .filter(|w| w.0 > this.0 || w.1 > this.1)
            .count();
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let told = |both: bool| {
            let n = self
                .told
                .iter()
                .filter(|t| t.both_named == both && t.score == (h, a));
            n.count().min(3) as f32
        };
        [
            dist(h, self.home_goals),
            dist(a, self.away_goals),
            dist(h + a, self.goals),
            times.min(3) as f32,
            flag(largest == Some(this)),
            above as f32,
            flag((h, a) == (self.home_goals, self.away_goals)),
            flag(self.draw_told && h == a),
            flag(h == a),
            (h + a) as f32,
            flag(h + a == 0 && self.goals > 0),
            flag(self.numbered > h.max(a)),
            flag(self.home_won_told > 0 && h > a || self.home_won_told < 0 && a > h),
            flag(
                self.home_goals > self.away_goals && h > a
                    || self.away_goals > self.home_goals && a > h,
            ),
            told(true),
            told(false),
            flag(self.told.first().is_some_and(|t| t.score == (h, a))),
        ]
    }
}

fn ordinal(word: &str) -> u32 {
    const ORDINALS: [&str; 8] = [
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    let word = word.to_lowercase();
    ORDINALS
        .iter()
        .position(|o| *o == word)
        .map_or(0, |i| i as u32 + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coref::{resolve, CorefConfig};
    use crate::doc::{Doc, Label, Mention};
    use crate::events::context::Context;

    /// What `text` says of the score of Leeds (home) against Wolves, both tagged as clubs.
    fn read(text: &str) -> Evidence {
        let mut doc = Doc::new("t", text);
        for (at, _) in text
            .match_indices("Leeds")
            .chain(text.match_indices("Wolves"))
        {
            let start = text[..at].chars().count();
            let name = if text[at..].starts_with("Leeds") {
                "Leeds"
            } else {
                "Wolves"
            };
            doc.mentions
                .push(Mention::new(start, start + name.len(), Label::Club, name));
        }
        doc.mentions.sort_by_key(|m| m.start);
        resolve(&mut doc, &CorefConfig::default());
        let ctx = Context::new(&doc);
        let sentences: Vec<&Sentence> = ctx.sentences.iter().collect();
        Evidence::read(&sentences, ("Leeds", "Wolves"), 0, 0, 0)
    }

    #[test]
    fn the_prose_tells_scores_numbered_goals_and_the_winner() {
        let e = read("Leeds lined up 4-4-2 and beat Wolves. Bamford added a third. It was 1-0 at the break and 3-1 at the end.");
        assert_eq!(e.written, [(1, 0), (3, 1)]);
        assert_eq!((e.numbered, e.home_won_told, e.draw_told), (3, 1, false));
        let e = read(
            "Wolves won 4-2 on penalties. It was a 1-1 draw with Leeds. His second half was poor.",
        );
        assert_eq!(e.written, [(1, 1)]);
        assert_eq!((e.numbered, e.home_won_told, e.draw_told), (0, 0, true));
        let e = read("A damaging defeat by Wolves left Leeds in the bottom three.");
        assert_eq!(e.home_won_told, -1);
    }

    #[test]
    fn results_told_of_this_match_and_of_others() {
        // Burnley is not tagged: the first phrase names one side of this match only.
        let e = read("Wolves, the side that beat Burnley 4-0 on Saturday, came unstuck. Leeds beat Wolves 2-1 and it finished 2-1. Leeds 2-1 Wolves: the reaction.");
        let told = |score, both_named| ResultTold { score, both_named };
        assert_eq!(
            e.told,
            [told((0, 4), false), told((2, 1), true), told((2, 1), true)]
        );
        // Wolves (away) won on penalties: a shoot-out's score is no result.
        let e = read("Leeds drew 1-1 with Wolves, who won 4-3 on penalties.");
        assert_eq!(e.told, [told((1, 1), true)]);
        // Two goals read for Leeds and one for Wolves: the result naming both sides wins
        // over the one told first that names one.
        let e = Evidence {
            home_goals: 2,
            away_goals: 1,
            goals: 3,
            ..e
        };
        let e = Evidence {
            told: vec![told((0, 4), false), told((2, 1), true)],
            written: vec![(4, 0), (2, 1)],
            ..e
        };
        assert_eq!(e.best(shipped()).0, (2, 1));
    }

    fn evidence(
        home_goals: u32,
        away_goals: u32,
        goals: u32,
        written: &[Score],
        draw_told: bool,
    ) -> Evidence {
        Evidence {
            home_goals,
            away_goals,
            goals,
            written: written.to_vec(),
            draw_told,
            ..Evidence::default()
        }
    }

    #[test]
    fn a_goal_told_twice_gives_way_to_the_largest_score_written() {
        // Three goals read for the home side, but the prose only ever reaches 2-0.
        let e = evidence(3, 0, 3, &[(1, 0), (2, 0)], false);
        assert_eq!(e.best(shipped()).0, (2, 0));
    }

    #[test]
    fn the_shipped_ranker_is_this_builds_and_learned_something() {
        let r = shipped();
        assert!(r.weights.iter().all(|w| w.is_finite()));
        assert!(r.weights.iter().any(|w| w.abs() > 0.1), "{r:?}");
    }
}
