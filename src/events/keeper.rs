//! Who kept goal in a save the rules read: the rule's subject, another player of the
//! sentence, or no one (no save). A save verb's subject is often not a goalkeeper: a
//! defender "blocked" a shot, a striker "watched his volley pushed wide", a scorer
//! "pulled one back". What the whole report says of each player decides: called a
//! goalkeeper ("keeper X", first in a team sheet) or an outfield player, the rules'
//! keeper of another save, a scorer or assister of the rules' goals, a shooter of another
//! save; and where the name sits: this save's shooter, a scorer in the same sentence, a
//! shot after the name, opening the sentence. A `ranker::Ranker` weighs them, fitted by
//! `touchline train --keeper` on the keeper marks of the real-dev gold (the team's own
//! prose teaches it only to trust the rule); the weights ship in
//! `models/keeper-ranker.json`.
//!
//! ```
//! use ndarray::Array2;
//! use touchline::events::keeper::FEATURES;
//! use touchline::events::keeper::shipped;
//!
//! let feature = |name: &str| FEATURES.iter().position(|f| *f == name).unwrap();
//! // Row 0 is "no save"; row 1 the rule's subject, who scores elsewhere in the report
//! // and whose shot follows his name ("Hill saw his volley pushed wide"); row 2 a
//! // player called a goalkeeper who kept goal in another save.
//! let mut x = Array2::zeros((3, FEATURES.len()));
//! x[[0, feature("no save")]] = 1.0;
//! x[[1, feature("the rule's keeper")]] = 1.0;
//! x[[1, feature("a scorer or assister of the rules' goals")]] = 1.0;
//! x[[1, feature("a shot follows the name (X's shot, X saw his effort)")]] = 1.0;
//! x[[2, feature("called a goalkeeper (keeper X, X the goalkeeper, first in a team sheet)")]] = 1.0;
//! x[[2, feature("the rules' keeper of a save in another sentence")]] = 1.0;
//! let p = shipped().probabilities(&x);
//! assert!(p[2] > p[1]);
//! ```

use super::context::{Context, Sentence, Slot};
use super::ranker::Ranker;
use super::{cued, rule_regex};
use crate::doc::{EventKind, Label};
use crate::names::fold;
use anyhow::Result;
use ndarray::Array2;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

/// What each weight stands for, in order; a model file must list the same. The first
/// describes "no save" (row 0), the rest a player.
pub const FEATURES: [&str; 11] = [
    "no save",
    "the rule's keeper",
    "called a goalkeeper (keeper X, X the goalkeeper, first in a team sheet)",
    "called an outfield player or a coach (striker X, X the defender, manager X)",
    "a shot follows the name (X's shot, X saw his effort)",
    "the rules' keeper of a save in another sentence",
    "a scorer or assister of the rules' goals",
    "a shooter of another save",
    "this save's shooter",
    "a scorer in this sentence",
    "opens the sentence",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/keeper-ranker.json"),
        &FEATURES,
        "models/keeper-ranker.json",
    )
    .expect("models/keeper-ranker.json is checked by its tests")
});

/// The ranker shipped in `models/keeper-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// A ranker from `touchline train --keeper`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

/// What the whole report says of its players, from the events the rules read in its
/// sentences (folded names).
#[derive(Debug, Default)]
pub struct Report {
    /// Called a goalkeeper, or first in a team sheet.
    called: HashSet<String>,
    /// Called an outfield player or a coach.
    outfield: HashSet<String>,
    /// The rules' keeper of a save, with the sentences (their starts) it was read in.
    saving: HashMap<String, HashSet<usize>>,
    /// Scorers and assisters of the rules' goals.
    scoring: HashSet<String>,
    /// Shooters of the rules' saves, with their sentences.
    shooting: HashMap<String, HashSet<usize>>,
}

impl Report {
    /// `called`: folded names of those called goalkeepers; `events`: each event read
    /// with the start of the sentence it was read in.
    pub fn read<'a>(
        ctx: &Context,
        called: HashSet<String>,
        events: impl IntoIterator<Item = (usize, &'a EventKind)>,
    ) -> Report {
        static OUTFIELD: LazyLock<Vec<Regex>> = LazyLock::new(|| {
            [
                format!(r"\b{OUTFIELD_NOUNS} @P(?P<k>[a-z]+)"),
                format!(r"@P(?P<k>[a-z]+),? (?:the|their|his|her|a|an) (?:[\w-]+ ){{0,2}}?{OUTFIELD_NOUNS}\b"),
            ]
            .iter()
            .map(|p| rule_regex(&format!("(?i){p}")).expect("valid rule"))
            .collect()
        });
        let mut r = Report {
            called,
            ..Report::default()
        };
        for (at, kind) in events {
            match kind {
                EventKind::Goal {
                    scorer, assister, ..
                } => {
                    r.scoring.insert(fold(scorer));
                    r.scoring.extend(assister.as_deref().map(fold));
                }
                EventKind::Save {
                    goalkeeper,
                    shooter,
                } => {
                    r.saving.entry(fold(goalkeeper)).or_default().insert(at);
                    if let Some(x) = shooter {
                        r.shooting.entry(fold(x)).or_default().insert(at);
                    }
                }
                _ => {}
            }
        }
        // Only a save, or a goalkeeper named where none is read (`stop`), is checked: a
        // report without either needs no more reading.
        if !r.saving.is_empty() || !r.called.is_empty() {
            r.outfield = ctx
                .sentences
                .iter()
                .flat_map(|s| cued(s, &OUTFIELD))
                .collect();
        }
        r
    }

    /// Whether `name` (a canonical name) is called a goalkeeper in the report.
    pub fn called(&self, name: &str) -> bool {
        self.called.contains(&fold(name))
    }

    /// What the report says of `name` (a canonical name) outside the sentence starting
    /// at `here`: called an outfield player, the rules' keeper of a save, a scorer or
    /// assister of the rules' goals, a shooter of a save.
    pub fn elsewhere_of(&self, name: &str, here: usize) -> [bool; 4] {
        let f = fold(name);
        [
            self.outfield.contains(&f),
            Self::elsewhere(&self.saving, &f, here),
            self.scoring.contains(&f),
            Self::elsewhere(&self.shooting, &f, here),
        ]
    }

    fn elsewhere(map: &HashMap<String, HashSet<usize>>, name: &str, here: usize) -> bool {
        map.get(name)
            .is_some_and(|at| at.iter().any(|&a| a != here))
    }
}

/// What a player is called when he does not keep goal.
const OUTFIELD_NOUNS: &str = r"(?:striker|forward|midfielder|defender|winger|full-back|fullback|centre-back|centre-half|wing-back|left-back|right-back|playmaker|frontman|attacker|substitute|centre-forward|marksman|manager|boss|coach|head coach)";

/// A shot of the name's: "X's shot", "X saw his effort", "X fired".
static SHOT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)^(?:(?:'s?|’s?) (?:[\w-]+ ){0,2}?(?:shot|shots|drive|effort|efforts|header|headers|strike|volley|free-kick|attempt|curler|lob|chip|penalty|spot-kick)\b|,? (?:[\w-]+ )?(?:saw|forced|tested|fired|shot|struck|hit|headed|curled|drilled|volleyed|blasted|crashed)\b)").expect("valid rule")
});

/// What the ranker says of one save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The rule's keeper stands.
    Stands,
    /// No one in the sentence kept goal: no save.
    NoSave,
    /// This other player of the sentence kept goal.
    Keeper(String),
}

/// One decision: who, if anyone, kept goal in a save the rules read in a sentence.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Canonical names of the sentence's players; row `i + 1` is `people[i]`.
    pub people: Vec<String>,
    /// Each player's mentions in the sentence (indices into the doc's mentions), for
    /// training labels.
    pub mentions: Vec<Vec<usize>>,
    /// The row of the rule's keeper.
    pub rule: usize,
    /// One row per candidate, row 0 "no save".
    pub matrix: Array2<f32>,
}

impl Choice {
    /// The decision for a save of sentence `s` whose rule names `keeper` (and `shooter`),
    /// `scorers` the scorers the rules read in the same sentence; `None` where the
    /// keeper is not one of the sentence's players.
    pub fn read(
        ctx: &Context,
        s: &Sentence,
        (keeper, shooter): (&str, Option<&str>),
        scorers: &[&str],
        report: &Report,
    ) -> Option<Choice> {
        let players: Vec<&Slot> = s
            .slots
            .iter()
            .filter(|x| x.label == Label::Player)
            .collect();
        let mut people: Vec<String> = Vec::new();
        for x in &players {
            if !people.contains(&x.name) {
                people.push(x.name.clone());
            }
        }
        let rule = people.iter().position(|p| p == keeper)? + 1;
        let shooter = shooter.map(fold);
        let scorers: Vec<String> = scorers.iter().map(|x| fold(x)).collect();
        let mut matrix = Array2::zeros((people.len() + 1, FEATURES.len()));
        matrix[[0, 0]] = 1.0;
        let mut mentions = Vec::with_capacity(people.len());
        for (i, name) in people.iter().enumerate() {
            mentions.push(ctx.mentions_of(&players, name));
            let f = fold(name);
            let shot_after = players
                .iter()
                .filter(|x| &x.name == name)
                .filter_map(|x| s.template_span(x))
                .any(|at| SHOT_AFTER.is_match(&s.template[at.end..]));
            let row = [
                i + 1 == rule,
                report.called.contains(&f),
                report.outfield.contains(&f),
                shot_after,
                Report::elsewhere(&report.saving, &f, s.span.start),
                report.scoring.contains(&f),
                Report::elsewhere(&report.shooting, &f, s.span.start),
                shooter.as_ref() == Some(&f),
                scorers.contains(&f),
                players.first().is_some_and(|x| x.name == *name),
            ];
            for (j, on) in row.into_iter().enumerate() {
                matrix[[i + 1, j + 1]] = f32::from(u8::from(on));
            }
        }
        Some(Choice {
            people,
            mentions,
            rule,
            matrix,
        })
    }

    /// What `ranker` makes of the save: another row than the rule's wins only with at
    /// least probability `threshold`.
    pub fn verdict(&self, ranker: &Ranker, threshold: f32) -> Verdict {
        match ranker.best(&self.matrix) {
            (row, p) if row == self.rule || p < threshold => Verdict::Stands,
            (0, _) => Verdict::NoSave,
            (row, _) => self
                .people
                .get(row - 1)
                .map_or(Verdict::Stands, |x| Verdict::Keeper(x.clone())),
        }
    }

    /// A fitting example whose right row is `row`.
    pub fn example(&self, row: usize) -> (Array2<f32>, usize) {
        (self.matrix.clone(), row)
    }
}

#[cfg(test)]
mod tests {
    use crate::coref::doc_with;
    use crate::doc::{EventKind, Label};
    use crate::events::{extract, Decider, EventsConfig, PartnerConfig};

    /// The saves (keeper, shooter) read in `text`, its players tagged in order.
    fn saves(text: &str, players: &[&str], from: Decider) -> Vec<(String, Option<String>)> {
        let names: Vec<(&str, Label)> = players.iter().map(|p| (*p, Label::Player)).collect();
        let mut doc = doc_with(text, &names);
        let d = EventsConfig::default();
        let config = EventsConfig {
            keeper: PartnerConfig { from, ..d.keeper },
            ..d
        };
        extract(&mut doc, &config);
        doc.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Save {
                    goalkeeper,
                    shooter,
                } => Some((goalkeeper.clone(), shooter.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_scorer_who_saw_his_effort_tipped_over_kept_no_goal() {
        let text = "Joe Bell headed in the opener after ten minutes. Keeper Sam Hill saved \
                    from Tom Reed before the break. Joe Bell saw a curling effort tipped over \
                    the bar.";
        let players = ["Joe Bell", "Sam Hill", "Tom Reed", "Joe Bell"];
        let hill = ("Sam Hill".to_string(), Some("Tom Reed".to_string()));
        // The rules once read Bell's own shot as his save and the ranker dropped it; a
        // save verb after a shot noun is now read as a passive, by the rules too.
        assert_eq!(saves(text, &players, Decider::Rules), vec![hill.clone()]);
        assert_eq!(saves(text, &players, Decider::Ranker), vec![hill]);
    }
}
