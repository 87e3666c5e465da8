//! Home or away when no headline says: a small learned ranker over the two ways round,
//! instead of the rules' first decisive cue. Reports without an "A 2-1 B" headline say it
//! many ways, and the rules' cues ("the hosts, Leeds", "at Leeds", a ground) are often
//! missing or outvoted by other fixtures' grounds. The ranker weighs them again with
//! "home" said of a side ("a fourth home defeat in a row", "home keeper Meslier", "a win
//! at struggling Leeds"), the ground the match is said to be played at ("the tie at
//! Elland Road", weighed apart from grounds merely named), fixture lines in the body ("Leeds 2-1
//! Wolves: what the managers said") and the rules' own choice, whose weight says how far
//! to trust it. It is a `ranker::Ranker` fitted by
//! `touchline train --score` on headline-vouched BBC 2022 reports and hand-read ESPN 2013
//! results (`scripts/silver --scores`, even ids, title line removed); its weights ship in
//! `models/home-ranker.json`, built into the binary.
//!
//! ```
//! use touchline::events::home::{shipped, Evidence};
//!
//! // Every cue says the first side played at home.
//! let e = Evidence { votes: [1.0; 7], ..Evidence::default() };
//! assert!(e.first_at_home(shipped()).0);
//! ```

use super::context::{Context, Sentence};
use super::ranker::Ranker;
use super::result;
use super::sides::Sides;
use anyhow::Result;
use ndarray::Array2;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// What each weight stands for, in order; a model file must list the same. Each is the
/// votes for the first side at home minus those for the second, at most 3 either way.
pub const FEATURES: [&str; 7] = [
    "cue phrases put it at home (the hosts, at <side>, travelled to)",
    "its ground is named",
    "the match is at its ground (at <ground>; not away from <ground>)",
    "the opening says the match is at its ground",
    "a fixture line names it first",
    "home said of it (its home form, a home defeat inflicted on it)",
    "the rules put it at home",
];

static SHIPPED: LazyLock<Ranker> = LazyLock::new(|| {
    Ranker::parse(
        include_str!("../../models/home-ranker.json"),
        &FEATURES,
        "models/home-ranker.json",
    )
    .expect("models/home-ranker.json is checked by its tests")
});

/// The home ranker shipped in `models/home-ranker.json`.
pub fn shipped() -> &'static Ranker {
    &SHIPPED
}

/// A home ranker from `touchline train --score`.
pub fn load(path: &Path) -> Result<Ranker> {
    Ranker::load(path, &FEATURES)
}

/// A word other than "home": "a win at struggling Leeds" puts Leeds at home, "a win at home
/// to Leeds" does not.
const NOT_HOME: &str = r"(?:[a-gi-z][\w'’-]*|h(?:[a-np-z][\w'’-]*|o(?:[a-ln-z][\w'’-]*|m(?:[a-df-z][\w'’-]*|e[\w'’-]+)?)?)?)";

/// "Home" or "away" said of a side (true: at home), beyond the rules' cue phrases.
static HOME_SAID: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    const HOME_THINGS: &str = r"(?:form|record|defeat|defeats|loss|losses|win|wins|victory|fans|crowd|supporters|support|debut|advantage|run|streak)";
    const AWAY_THINGS: &str = r"(?:form|record|defeat|defeats|loss|losses|win|wins|victory|fans|following|support|end|day|trip|run|streak)";
    [
        (format!(r"@S(?P<s>[a-z]+)(?:'s?)? (?:[\w'’-]+ ){{0,5}}?home {HOME_THINGS}\b"), true),
        (r"\b(?:inflicted|inflicting|inflict|handed|handing|condemned|condemning) (?:[\w'’-]+ ){0,4}?home (?:defeat|loss|reverse) (?:on|to|upon) @S(?P<s>[a-z]+)".to_string(), true),
        (r"@S(?P<s>[a-z]+)(?:'s?)? (?:[\w'’-]+ ){0,8}?at home\b".to_string(), true),
        (format!(r"\b(?:win|won|victory|defeat|loss|lost|draw|drew|point|success|triumph) at (?:{NOT_HOME} ){{1,2}}@S(?P<s>[a-z]+)"), true),
        (r"\bhome (?:goalkeeper|keeper|stopper|captain|skipper) @P(?P<p>[a-z]+)".to_string(), true),
        (format!(r"@S(?P<s>[a-z]+)(?:'s?)? (?:[\w'’-]+ ){{0,5}}?away {AWAY_THINGS}\b"), false),
        (r"@S(?P<s>[a-z]+) (?:[\w'’-]+ ){0,5}?(?:on the road|on their travels)\b".to_string(), false),
        (r"@S(?P<s>[a-z]+) (?:[\w'’-]+ ){0,3}?came away (?:from [\w@'’-]+ )?with\b".to_string(), false),
        (r"\b(?:inflicted|inflicting|inflict|handed|handing) (?:[\w'’-]+ ){0,4}?away (?:defeat|loss) (?:on|to|upon) @S(?P<s>[a-z]+)".to_string(), false),
        (r"\b(?:visiting|away) (?:goalkeeper|keeper|stopper|captain|skipper) @P(?P<p>[a-z]+)".to_string(), false),
    ]
    .iter()
    .map(|(p, home)| (super::rule_regex(&format!("(?i){p}")).expect("valid rule"), *home))
    .collect()
});

/// What a report says about which of two sides played at home.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// The two sides (canonical names), the rules' home side first.
    pub sides: (String, String),
    /// Per feature, votes for the first side at home minus those for the second.
    pub votes: [f32; FEATURES.len()],
}

impl Evidence {
    /// Reads the cues for `a` (the rules' home side, which weigh the team sheets' order
    /// too) at home against `b` (canonical names); `people` gives players' sides.
    pub fn read(ctx: &Context, people: &Sides, (a, b): (&str, &str)) -> Evidence {
        let opening = &ctx.sentences[..OPENING.min(ctx.sentences.len())];
        let counts = [
            result::cue_votes(ctx, a, b),
            result::ground_votes(ctx, a, b),
            played_at_ground(&ctx.sentences, a, b),
            played_at_ground(opening, a, b),
            result::fixture_line_votes(ctx, a, b),
            home_said(ctx, people, a, b),
            // `a` is the rules' home side: this weight is how far to trust them.
            1,
        ];
        Evidence {
            sides: (a.to_string(), b.to_string()),
            votes: counts.map(|n| n.clamp(-3, 3) as f32),
        }
    }

    /// Two rows: the first side at home, then the second (each the other's negation).
    pub fn matrix(&self) -> Array2<f32> {
        let rows: Vec<f32> = self
            .votes
            .iter()
            .copied()
            .chain(self.votes.iter().map(|v| -v))
            .collect();
        Array2::from_shape_vec((2, FEATURES.len()), rows).expect("two rows of FEATURES")
    }

    /// Whether `ranker` puts the first side at home, and how probably.
    pub fn first_at_home(&self, ranker: &Ranker) -> (bool, f32) {
        let (row, p) = ranker.best(&self.matrix());
        (row == 0, p)
    }

    /// A fitting example: the features and the right row (0: the first side at home).
    pub fn example(&self, first_at_home: bool) -> (Array2<f32>, usize) {
        (self.matrix(), usize::from(!first_at_home))
    }
}

/// "At Carrow Road" (+1 for its club at home), "away from Carrow Road" (-1): a ground the
/// match is said to be played at, more often than a ground merely named ("since he left
/// Elland Road"), though "his years at Elland Road" reads the same.
static AT_GROUND: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    [
        (r"\b(?:at|to|inside|in front of) (?:a |an |the )?(?:[a-z][\w'’-]* ){0,2}?@V(?P<v>[a-z]+)", true),
        (r"\baway from @V(?P<v>[a-z]+)", false),
    ]
    .iter()
    .map(|(p, home)| (super::rule_regex(&format!("(?i){p}")).expect("valid rule"), *home))
    .collect()
});

/// How many opening sentences (the title among them) `played_at_ground` reads again on its
/// own: a report says where the match was played as it opens, and names other matches'
/// grounds later ("an echo of a 5-1 defeat at Elland Road in 1989").
const OPENING: usize = 3;

fn played_at_ground(sentences: &[Sentence], a: &str, b: &str) -> i32 {
    result::cue_sum(sentences, &AT_GROUND, |s, c, home| {
        let ground = c.name("v").and_then(|g| s.slot(g.as_str()))?;
        let vote = result::ground_vote(&ground.name, a, b);
        Some(if home { vote } else { -vote })
    })
}

/// "Home" or "away" said of a side, or of a player whose side is known ("home keeper
/// Arnold").
fn home_said(ctx: &Context, people: &Sides, a: &str, b: &str) -> i32 {
    // "Hull saw off Leeds for a second away victory": a side beaten is not the one whose
    // win it was; the other side's it is.
    static BEATEN: LazyLock<Regex> = LazyLock::new(|| {
        super::rule_regex(&format!(
            r"(?i)\b(?:{}|edged out|swept aside|brushed aside|past|over|against) $",
            result::BEAT_VERBS
        ))
        .expect("valid rule")
    });
    result::cue_sum(&ctx.sentences, &HOME_SAID, |s, c, home| {
        let slot = |k: &str| c.name(k).and_then(|g| s.slot(g.as_str()));
        let (side, home) = match (slot("s"), slot("p")) {
            (Some(x), _) => {
                let code = c.name("s")?;
                let possessive = s.template[code.end()..].starts_with(['\'', '’']);
                let beaten =
                    !possessive && BEATEN.is_match(&s.template[..code.start() - "@S".len()]);
                (x.name.as_str(), home != beaten)
            }
            (_, Some(p)) => (people.side_of(&p.name)?, home),
            _ => return None,
        };
        Some(result::home_vote(side, home, a, b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The side or ground code each of `cues` captures in `template`, with its way round.
    fn captured(cues: &[(Regex, bool)], template: &str) -> Vec<(String, bool)> {
        cues.iter()
            .flat_map(|(re, home)| {
                re.captures_iter(template)
                    .filter_map(|c| {
                        c.name("s")
                            .or(c.name("v"))
                            .map(|g| (g.as_str().to_string(), *home))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn a_result_at_a_side_puts_it_at_home_but_not_at_home_to_it() {
        let home = |t: &str| captured(&HOME_SAID, t);
        assert_eq!(
            home("@Sa lost again, a defeat at lowly @Sb."),
            [("b".to_string(), true)]
        );
        assert_eq!(home("A win at rain-soaked @Sa."), [("a".to_string(), true)]);
        assert!(home("A win at home to @Sa.").is_empty());
        assert_eq!(
            home("@Sa's long run at home is over."),
            [("a".to_string(), true)]
        );
        assert_eq!(
            home("@Sa came away with all three points."),
            [("a".to_string(), false)]
        );
        assert!(home("@Sa came back with two late goals.").is_empty());
    }

    #[test]
    fn the_away_win_of_a_side_that_beat_another_is_its_own() {
        let votes = |text: &str, names: &[&str]| {
            let names: Vec<(&str, crate::doc::Label)> = names
                .iter()
                .map(|n| (*n, crate::doc::Label::Club))
                .collect();
            let doc = crate::coref::doc_with(text, &names);
            home_said(&Context::new(&doc), &Sides::default(), "Leeds", "Hull")
        };
        // Hull won away, so Leeds were at home.
        assert_eq!(
            votes(
                "Hull saw off Leeds for their second away victory.",
                &["Hull", "Leeds"]
            ),
            1
        );
        assert_eq!(votes("Hull celebrated an away victory.", &["Hull"]), 1);
        // A beaten side's own record is still its own.
        assert_eq!(
            votes("Hull beat Leeds's home record.", &["Hull", "Leeds"]),
            1
        );
    }

    #[test]
    fn a_match_played_at_a_ground_is_its_clubs_home() {
        let at = |t: &str| captured(&AT_GROUND, t);
        assert_eq!(
            at("@Pa struck twice in the tie at @Vb."),
            [("b".to_string(), true)]
        );
        assert_eq!(
            at("@Sa have not won away from @Vb since May."),
            [("b".to_string(), false)]
        );
        assert!(at("@Pa, who grew up near @Vb, scored.").is_empty());
    }

    #[test]
    fn the_shipped_ranker_follows_the_cues() {
        let r = shipped();
        assert!(r.weights.iter().all(|w| w.is_finite()));
        // The cue phrases, the grounds and "home" said of a side each lean one way.
        for i in [0, 1, 2, 3, 5] {
            let mut e = Evidence::default();
            e.votes[i] = 1.0;
            assert!(e.first_at_home(r).0, "{}", FEATURES[i]);
            e.votes[i] = -1.0;
            assert!(!e.first_at_home(r).0, "{}", FEATURES[i]);
        }
    }
}
