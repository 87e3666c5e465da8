//! Is this article a match report? Archives mix match reports with news, previews,
//! reaction pieces and columns that name two clubs, a score from last week and a goal or
//! two; a match read from those is a wrong record, not a missing one. A small learned
//! decision (a `ranker::Ranker` between "a match report" and "not one") weighs how the
//! article reads: a stated score, a team sheet, events told and dated, quoted speech,
//! looking ahead, how many clubs it names. It is fitted by `touchline train --article` on
//! the kinds the data's own index gives BBC 2004 and BBC 2022 articles (`scripts/silver
//! --articles`); its weights ship in `models/article-ranker.json`, built into the binary.
//!
//! ```
//! use touchline::events::article::{shipped, Shape};
//!
//! // Goals and cards told minute by minute, the two sides named throughout.
//! let report = Shape { goals: 3, other_events: 4, sentences: 20, event_sentences: 8, minutes: 6, side_mentions: 18, fixture_mentions: 16, clubs: 2, ..Shape::default() };
//! assert!(report.probability(shipped()) > 0.5);
//! // A transfer story: quotes, what will happen, clubs named in passing, nothing dated.
//! let story = Shape { goals: 1, sentences: 14, event_sentences: 1, quoted: 0.6, ahead: 6, side_mentions: 9, fixture_mentions: 3, clubs: 5, ..Shape::default() };
//! assert!(story.probability(shipped()) < 0.5);
//! ```

use super::context::Context;
use super::minutes::find_minutes;
use super::ranker::Ranker;
use crate::doc::Kind;
use anyhow::Result;
use ndarray::{Array2, ArrayView1};
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// What each weight stands for, in order; a model file must list the same.
pub const FEATURES: [&str; 12] = [
    "always 1",
    "a line states the score",
    "a team sheet",
    "goals read (log)",
    "saves, misses, cards and substitutions read (log)",
    "share of sentences telling an event",
    "minutes written (log)",
    "share of the prose in quotes",
    "sentences (log)",
    "share of sentences looking ahead",
    "share of side mentions naming the two sides",
    "clubs named beyond the two sides (log)",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/article-ranker.json"),
        &FEATURES,
        "models/article-ranker.json",
    )
    .expect("models/article-ranker.json is checked by its tests")
});

/// The article ranker shipped in `models/article-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// An article ranker from `touchline train --article --out FILE`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

/// "will face", "next week", "ahead of": a sentence about what is still to come.
static AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    super::rule_regex(r"(?i)\b(?:will|won't|shall|'ll|next|upcoming|ahead of|set to|is to|are to|hopes? to|plans? to|expects? to)\b")
        .expect("valid rule")
});

/// How an article reads, counted over its prose (the team sheet left out).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    pub stated_score: bool,
    pub sheet: bool,
    pub goals: u32,
    /// Saves, misses, cards and substitutions.
    pub other_events: u32,
    pub sentences: u32,
    /// Sentences an event was read from.
    pub event_sentences: u32,
    /// Minute phrases ("in the 23rd minute", "after the break").
    pub minutes: u32,
    /// Share of the prose's bytes inside quotes.
    pub quoted: f32,
    /// Sentences looking ahead.
    pub ahead: u32,
    /// Mentions of any side, and of the two sides the match would be between.
    pub side_mentions: u32,
    pub fixture_mentions: u32,
    /// Distinct sides named, the two included.
    pub clubs: u32,
}

impl Shape {
    /// Reads the prose (bytes before `prose_end`) of a report whose two sides are
    /// `sides`; `event_spans` are the byte ranges events were read from.
    pub fn read(
        ctx: &Context,
        prose_end: usize,
        sides: (&str, &str),
        event_spans: &[std::ops::Range<usize>],
    ) -> Shape {
        let text = ctx.text();
        let prose: Vec<_> = ctx
            .sentences
            .iter()
            .filter(|s| s.span.end <= prose_end)
            .collect();
        let mut shape = Shape {
            sentences: prose.len() as u32,
            ..Shape::default()
        };
        for s in &prose {
            let t = &text[s.span.clone()];
            shape.minutes += find_minutes(t).len() as u32;
            shape.ahead += u32::from(AHEAD.is_match(t));
            shape.event_sentences += u32::from(
                event_spans
                    .iter()
                    .any(|e| e.start < s.span.end && s.span.start < e.end),
            );
        }
        let quoted: usize = ctx
            .quoted
            .iter()
            .map(|q| q.end.min(prose_end).saturating_sub(q.start))
            .sum();
        shape.quoted = quoted as f32 / prose_end.max(1) as f32;
        let mut clubs = HashSet::new();
        for (m, span) in ctx.doc.mentions.iter().zip(&ctx.mention_spans) {
            if m.label.kind() != Kind::Side || span.end > prose_end {
                continue;
            }
            let name = m.canonical();
            shape.side_mentions += 1;
            shape.fixture_mentions += u32::from(name == sides.0 || name == sides.1);
            clubs.insert(name);
        }
        shape.clubs = clubs.len() as u32;
        shape
    }

    fn features(&self) -> [f32; FEATURES.len()] {
        let log = |n: u32| (1.0 + n as f32).ln();
        let share = |n: u32, of: u32| if of == 0 { 0.0 } else { n as f32 / of as f32 };
        [
            1.0,
            f32::from(u8::from(self.stated_score)),
            f32::from(u8::from(self.sheet)),
            log(self.goals),
            log(self.other_events),
            share(self.event_sentences, self.sentences),
            log(self.minutes),
            self.quoted,
            log(self.sentences),
            share(self.ahead, self.sentences),
            share(self.fixture_mentions, self.side_mentions),
            log(self.clubs.saturating_sub(2)),
        ]
    }

    /// Two candidates: a match report (this shape's features), not one (all zeros).
    pub fn matrix(&self) -> Array2<f32> {
        let mut m = Array2::zeros((2, FEATURES.len()));
        m.row_mut(0).assign(&ArrayView1::from(&self.features()));
        m
    }

    /// The probability that this is a match report.
    pub fn probability(&self, ranker: &Ranker) -> f32 {
        ranker.probabilities(&self.matrix())[0]
    }

    /// A fitting example: the matrix and the right row.
    pub fn example(&self, match_report: bool) -> (Array2<f32>, usize) {
        (self.matrix(), usize::from(!match_report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_ranker_is_this_builds_and_learned_something() {
        let r = shipped();
        assert_eq!(r.features, FEATURES);
        assert!(r.trained_on.contains("BBC 2004"), "{}", r.trained_on);
        let weight = |name: &str| r.weights[FEATURES.iter().position(|f| *f == name).unwrap()];
        // Events told minute by minute make a match report, quotes do not.
        assert!(weight("minutes written (log)") > 0.0);
        assert!(weight("share of the prose in quotes") < 0.0);
    }
}
