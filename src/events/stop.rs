//! A goalkeeper's stop that no save rule reads. Outlets tell saves in more ways than the
//! rule tables hold ("shot straight at K", "well held by K", "a good stop from K to keep
//! out X's drive", "thwarted by saves from K"), so every sentence naming a goalkeeper in
//! which the rules read no save of his is weighed by a small learned ranker: a save by
//! him, or none. Its cues are words around the keeper's name (a save word, "by" or "from"
//! before him, "at" or "close to" before him, "past" or "beat" before him) and in the
//! sentence (a shot, a goal, the woodwork, a hypothetical), and what the rules read there
//! (a goal, another keeper's save). The shooter is then named by the shooter ranker
//! (`partner`). A `ranker::Ranker` fitted by `touchline train --stop` on the keeper marks
//! of annotated reports (the team's and the real-dev gold; never real-test); the weights
//! ship in `models/stop-ranker.json`.
//!
//! ```
//! use ndarray::Array2;
//! use touchline::events::stop::{shipped, FEATURES};
//!
//! let feature = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
//! // Row 0 is "no save", row 1 a save by the keeper: "Sam Hill held Tom Reed's shot"
//! // against "Tom Reed fired past Sam Hill to score".
//! let mut held = Array2::zeros((2, FEATURES.len()));
//! held[[0, 0]] = 1.0;
//! for f in ["a save word after the keeper (K held, K's save)", "a shot word (shot, effort, header, drive)"] {
//!     held[[1, feature(f)]] = 1.0;
//! }
//! let mut beaten = Array2::zeros((2, FEATURES.len()));
//! beaten[[0, 0]] = 1.0;
//! for f in ["beaten (past K, beat K, beyond K, rounded K)", "a goal word (scored, netted, equaliser)"] {
//!     beaten[[1, feature(f)]] = 1.0;
//! }
//! let ranker = shipped();
//! assert!(ranker.probabilities(&held)[1] > ranker.probabilities(&beaten)[1]);
//! ```

use super::context::{Context, Sentence, Slot};
use super::keeper::Report;
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

/// What each weight stands for, in order; a model file must list the same. Row 0 is "no
/// save", row 1 a save by the keeper.
pub const FEATURES: [&str; 19] = [
    "no save",
    "a save word after the keeper (K held, K's save)",
    "a save word before the keeper (saved by K, a stop from K)",
    "after 'by' or 'from' (by K, from home keeper K)",
    "after 'at' or 'close to' (straight at K, too close to K)",
    "beaten (past K, beat K, beyond K, rounded K)",
    "a shot word (shot, effort, header, drive)",
    "a goal word (scored, netted, equaliser)",
    "the woodwork or a miss (post, bar, wide)",
    "hypothetical or helpless (would have, could do nothing, no chance)",
    "the rules read a goal in the sentence",
    "the rules read another keeper's save in the sentence",
    "called a goalkeeper (keeper X, first in a team sheet)",
    "called an outfield player or a coach (striker X)",
    "the rules' keeper of a save in another sentence",
    "a scorer or assister of the rules' goals",
    "a shooter of a save in another sentence",
    "another player named in the sentence",
    "opens the sentence",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/stop-ranker.json"),
        &FEATURES,
        "models/stop-ranker.json",
    )
    .expect("models/stop-ranker.json is checked by its tests")
});

/// The ranker shipped in `models/stop-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// A ranker from `touchline train --stop`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

/// Words that tell a keeper at work; the forms of "save" come first so that a weak verb
/// ("held", "turned") counts where the sentence is about a shot.
const SAVE_WORDS: &str = r"(?:saves?|saved|saving|stops?|stopped|stopping|denied|denies|deny|denying|kept out|keeps? out|keeping out|tipped|tips|tipping|parried|parries|parry|parrying|palmed|pushed|clawed|punched|beat(?:en|s)? away|held|gathered|smothered|blocked|blocks|blocking|thwarted|thwarts?|foiled|fumbled|spilled|clutched|clutch|caught|repelled|turned (?:it |the ball )?(?:round|around|over|behind|away|wide)|called into action|equal to|tested|forced)";

/// One pattern per cue, read on the template (players are `@P..` slots).
struct Cues {
    after: Regex,
    before: Regex,
    by: Regex,
    at: Regex,
    beaten: Regex,
    shot: Regex,
    goal: Regex,
    woodwork: Regex,
    helpless: Regex,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let r = |p: &str| rule_regex(&format!("(?i){p}")).expect("valid rule");
    Cues {
        after: r(&format!(
            r"^(?:'s?|’s?)?,? (?:[\w-]+ ){{0,3}}?{SAVE_WORDS}\b"
        )),
        before: r(&format!(r"\b{SAVE_WORDS}\b")),
        by: r(r"\b(?:by|from) (?:[\w@'’-]+ ){0,3}?$"),
        at: r(
            r"\b(?:at|close to|near to|into the arms of|(?:straight|right|directly) to) (?:the )?(?:[\w@'’-]+ ){0,2}?$",
        ),
        beaten: r(
            r"\b(?:past|beyond|beat|beats|beating|beaten|round|rounded|rounding|lobbed|lobbing|chipped|chipping|over|under|through the legs of) (?:the )?(?:[\w@'’-]+ ){0,2}?$",
        ),
        shot: r(
            r"\b(?:shots?|efforts?|headers?|drives?|strikes?|volleys?|free-kicks?|attempts?|curlers?|penalty|penalties|spot-kicks?|chances?|effort|lob|chip|follow-up|rebound)\b",
        ),
        goal: r(
            r"\b(?:scored|scores|scoring|netted|nets|netting|goals?|equaliser|equalizer|opener|winner|levelled|leveller|converted|finished|finish)\b",
        ),
        woodwork: r(r"\b(?:post|bar|woodwork|crossbar|upright|wide|off target)\b"),
        helpless: r(
            r"\b(?:would have|could have|might have|could do nothing|no chance|helpless|powerless|little to do|nothing to do|clean sheet|conceded|concede|conceding)\b",
        ),
    }
});

/// One decision: whether the keeper named in a sentence made a save the rules missed.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The keeper's canonical name.
    pub keeper: String,
    /// His mentions in the sentence (indices into the doc's mentions), for training
    /// labels.
    pub mentions: Vec<usize>,
    /// Row 0 "no save", row 1 a save by him.
    pub matrix: Array2<f32>,
}

/// What the rules read in the sentence, as far as a stop cares.
pub struct RulesHere<'a> {
    /// Keepers of the saves the rules read in it (before the keeper ranker).
    pub saving: &'a [String],
    /// Whether the rules read a goal in it.
    pub goal: bool,
}

impl Choice {
    /// One decision per goalkeeper (`keepers`, folded names) named in sentence `s`
    /// without a save the rules read for him; `report` says who is called one.
    pub fn read_all(
        ctx: &Context,
        s: &Sentence,
        keepers: &HashSet<String>,
        report: &Report,
        read: &RulesHere,
    ) -> Vec<Choice> {
        let players: Vec<&Slot> = s
            .slots
            .iter()
            .filter(|x| x.label == Label::Player)
            .collect();
        let mut out: Vec<Choice> = Vec::new();
        for slot in &players {
            let f = fold(&slot.name);
            if !keepers.contains(&f)
                || read.saving.contains(&slot.name)
                || out.iter().any(|c| c.keeper == slot.name)
            {
                continue;
            }
            let Some(at) = s.template_span(slot) else {
                continue;
            };
            let (before, after) = (&s.template[..at.start], &s.template[at.end..]);
            let t = &s.template;
            let c = &*CUES;
            let [outfield, saving, scoring, shooting] =
                report.elsewhere_of(&slot.name, s.span.start);
            let row = [
                c.after.is_match(after),
                c.before.is_match(before),
                c.by.is_match(before),
                c.at.is_match(before),
                c.beaten.is_match(before),
                c.shot.is_match(t),
                c.goal.is_match(t),
                c.woodwork.is_match(t),
                c.helpless.is_match(t),
                read.goal,
                !read.saving.is_empty(),
                report.called(&slot.name),
                outfield,
                saving,
                scoring,
                shooting,
                players.iter().any(|x| x.name != slot.name),
                players.first().is_some_and(|x| x.name == slot.name),
            ];
            let mut matrix = Array2::zeros((2, FEATURES.len()));
            matrix[[0, 0]] = 1.0;
            for (j, on) in row.into_iter().enumerate() {
                matrix[[1, j + 1]] = f32::from(u8::from(on));
            }
            out.push(Choice {
                keeper: slot.name.clone(),
                mentions: ctx.mentions_of(&players, &slot.name),
                matrix,
            });
        }
        out
    }

    /// The probability `ranker` gives a save by the keeper.
    pub fn probability(&self, ranker: &Ranker) -> f32 {
        ranker.probabilities(&self.matrix)[1]
    }

    /// A fitting example: a save (row 1) or none (row 0).
    pub fn example(&self, saved: bool) -> (Array2<f32>, usize) {
        (self.matrix.clone(), usize::from(saved))
    }
}
