//! Which side each person plays for or manages, by votes from the report: team sheets,
//! appositions ("Spurs stopper Hugo Lloris", "Dortmund's Marco Reus", "Kane (Spurs)"),
//! managers' phrases ("Spurs boss Mauricio Pochettino"), "X's cross for his Chelsea
//! team-mate Y", and goals credited to a side.

use super::context::Context;
use super::footer::{Footer, TeamSheet};
use super::rule_regex;
use crate::clubs::Clubs;
use crate::names::fold;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Role nouns that sit between a side and a person in apposition.
const ROLE_NOUNS: &str = r"(?:striker|forward|midfielder|defender|winger|captain|skipper|keeper|goalkeeper|stopper|shot-stopper|substitute|sub|full-back|fullback|centre-back|centre-half|center-back|playmaker|frontman|youngster|teenager|loanee|debutant|veteran|talisman|attacker|left-back|right-back|wing-back|left-winger|right-winger|number nine|no 10|boss|manager|coach|head coach|player-manager|interim boss|caretaker|manager|forward|star|man|new boy|signing|academy graduate|centre-forward|holding midfielder|schemer|marksman|hitman|custodian|number one|debutant|defensive midfielder|attacking midfielder|left-sided|right-sided|international|legend|favourite|hero|netminder|keeper|defender|full back|centre back|loan signing|summer signing|january signing|record signing)";

/// Between a side and the person it labels: "Leeds striker", "Leeds's".
fn label_between() -> String {
    format!(r"(?:(?:'s?)? (?:[\w-]+ ){{0,2}}?{ROLE_NOUNS}|'s) ")
}

static APPOSITION: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"@S(?P<side>[a-z]+){}@[PC](?P<person>[a-z]+)", label_between()),
        r"@[PC](?P<person>[a-z]+) \(@S(?P<side>[a-z]+)\)".to_string(),
        format!(r"@[PC](?P<person>[a-z]+), (?:the|a|an|who|whose) (?:[\w-]+ ){{0,3}}?@S(?P<side>[a-z]+)(?:'s)? (?:[\w-]+ ){{0,2}}?{ROLE_NOUNS}"),
        r"@[PC](?P<person>[a-z]+)'s (?:[\w-]+ ){0,4}?(?:for|to) (?:his|her) @S(?P<side>[a-z]+) team-?mate".to_string(),
        r"(?:for|to) (?:his|her) @S(?P<side>[a-z]+) team-?mate @P(?P<person>[a-z]+)".to_string(),
        r"@[PC](?P<person>[a-z]+)'s (?:side|team|men|charges|outfit|squad|players|troops|women),? @S(?P<side>[a-z]+)".to_string(),
        // "as @Sa" only where it is not the start of a clause about the side ("as @Sa's
        // hopes faded").
        r"@[PC](?P<person>[a-z]+) (?:scored|netted|struck|equalised|levelled|headed|fired|hit|converted|was on target|got|grabbed) (?:[\w-]+ ){0,4}?(?:for @S(?P<side>[a-z]+)|as @S(?P<side2>[a-z]+)(?:[^'’a-z]|$))".to_string(),
        r"@P(?P<person>[a-z]+) (?:[\w-]+ ){0,4}?(?:put|gave|fired|headed|sent|edged|nudged) @S(?P<side>[a-z]+) (?:ahead|in front|the lead|a \d+-\d+ lead|level|back in front|into the lead)".to_string(),
        r"@S(?P<side>[a-z]+) (?:manager|boss|coach|head coach)(?:,)? @C(?P<person>[a-z]+)".to_string(),
    ]
    .iter()
    .map(|p| rule_regex(&format!("(?i){p}")).expect("valid rule"))
    .collect()
});

/// What follows a side named as a person's label ("Leeds new signing @P", "Leeds keeper
/// @P", "Leeds's @P"): whose player he is, not what the side did.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(&format!(r"(?i)^{}@[PC][a-z]+", label_between())).expect("valid rule")
});

/// Whether the text after a side's slot (in a sentence's template) makes it a person's
/// label.
pub fn labels_person(after: &str) -> bool {
    LABEL.is_match(after)
}

static FORMER: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)\b(?:former|ex|one-time|erstwhile|old)[ -]$").expect("valid rule")
});

/// A person and a side with "against" between them are opponents.
static AGAINST: LazyLock<Regex> =
    LazyLock::new(|| rule_regex(r"(?i)\bagainst\b").expect("valid rule"));

/// A coach's phrase for his own side: "Peter Bosz's side".
static COACH_SIDE: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(r"(?i)@[PC](?P<person>[a-z]+)'s (?:side|team|men|charges|outfit|squad|troops|women|players)").expect("valid rule")
});

/// Person (folded canonical name) → side (canonical name) with vote counts.
#[derive(Debug, Default)]
pub struct Sides {
    votes: HashMap<String, HashMap<String, f32>>,
}

impl Sides {
    pub fn build(ctx: &Context, footer: Option<&Footer>, sheet_sides: &[Option<String>]) -> Sides {
        let mut sides = Sides::default();
        for s in &ctx.sentences {
            for re in APPOSITION.iter() {
                for caps in re.captures_iter(&s.template) {
                    // "Former Chelsea player Emerson" plays for someone else now, and one
                    // who "scored against his old club as Leeds slipped" for the other side.
                    let before = caps.get(0).map_or("", |m| &s.template[..m.start()]);
                    if FORMER.is_match(before)
                        || caps.get(0).is_some_and(|m| AGAINST.is_match(m.as_str()))
                    {
                        continue;
                    }
                    let (Some(p), Some(side)) = (
                        caps.name("person").and_then(|m| s.slot(m.as_str())),
                        caps.name("side")
                            .or_else(|| caps.name("side2"))
                            .and_then(|m| s.slot(m.as_str())),
                    ) else {
                        continue;
                    };
                    sides.vote(&p.name, &side.name, 1.0);
                }
            }
        }
        if let Some(f) = footer {
            sides.vote_sheets(ctx, f, sheet_sides);
        }
        sides
    }

    /// Each team sheet's people vote for its side (`sheet_sides`, in the footer's order;
    /// a sheet without one votes for none).
    pub fn vote_sheets(&mut self, ctx: &Context, footer: &Footer, sheet_sides: &[Option<String>]) {
        for (sheet, side) in footer.sheets.iter().zip(sheet_sides) {
            let Some(side) = side else { continue };
            for person in sheet_people(ctx, sheet) {
                self.vote(&person, side, 2.0);
            }
        }
    }

    /// The sides of two label-stripped team sheets (line-ups with no "Leeds:" before
    /// them) in a match between `home` and `away`: each sheet is the side the report's
    /// other words give its players ("Leeds keeper Kenny"), and where they say nothing
    /// the first sheet is the home side's, the order `result::find` reads labelled
    /// sheets in. `None` unless there are two sheets and neither is labelled. The votes
    /// must be aligned to the two names (`align`).
    pub fn stripped_sheet_sides(
        &self,
        ctx: &Context,
        footer: &Footer,
        [home, away]: [&str; 2],
    ) -> Option<Vec<Option<String>>> {
        let [first, second] = footer.sheets.as_slice() else {
            return None;
        };
        if first.side.is_some() || second.side.is_some() {
            return None;
        }
        let lean = |sheet: &TeamSheet| -> f32 {
            sheet_people(ctx, sheet)
                .iter()
                .map(|p| self.votes_for(p, home) - self.votes_for(p, away))
                .sum()
        };
        let (a, b) = if lean(first) >= lean(second) {
            (home, away)
        } else {
            (away, home)
        };
        Some(vec![Some(a.to_string()), Some(b.to_string())])
    }

    pub fn vote(&mut self, person: &str, side: &str, weight: f32) {
        *self
            .votes
            .entry(fold(person))
            .or_default()
            .entry(side.to_string())
            .or_default() += weight;
    }

    /// Counts each vote for a side the report names otherwise than the fixture ("Man
    /// City" for "Manchester City") under the fixture's name, so that a person's votes
    /// for one club add up and compare with the match's sides by name.
    pub fn align(&mut self, fixture: [&str; 2]) {
        for votes in self.votes.values_mut() {
            for (side, weight) in std::mem::take(votes) {
                let side = fixture_name(&side, fixture).unwrap_or(side);
                *votes.entry(side).or_default() += weight;
            }
        }
    }

    /// The votes for a person playing for a side.
    pub fn votes_for(&self, person: &str, side: &str) -> f32 {
        self.votes.get(&fold(person)).map_or(0.0, |v| {
            v.iter()
                .filter(|(s, _)| fold(s) == fold(side))
                .map(|(_, w)| w)
                .sum()
        })
    }

    /// The side with most votes for a person.
    pub fn side_of(&self, person: &str) -> Option<&str> {
        self.votes
            .get(&fold(person))?
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.as_str())
    }

    /// "Peter Bosz's side" phrases in a sentence: template range and the coach's side.
    pub fn coach_phrase_side(
        &self,
        sentence: &super::context::Sentence,
    ) -> Vec<(std::ops::Range<usize>, String)> {
        COACH_SIDE
            .captures_iter(&sentence.template)
            .filter_map(|c| {
                let m = c.get(0)?;
                let p = sentence.slot(c.name("person")?.as_str())?;
                Some((m.range(), self.side_of(&p.name)?.to_string()))
            })
            .collect()
    }
}

/// The people a team sheet names: starters, substitutes used (on and off) and unused.
fn sheet_people(ctx: &Context, sheet: &TeamSheet) -> Vec<String> {
    sheet
        .starters
        .iter()
        .chain(sheet.unused.iter())
        .chain(sheet.substitutions.iter().flat_map(|(i, o, _)| [i, o]))
        .filter_map(|name| super::person_at(ctx, name.start, name.end, &name.text))
        .collect()
}

/// The fixture's name of a side the report names as it likes ("Man City"), through the
/// club table; None where it is neither of the two.
pub fn fixture_name(side: &str, fixture: [&str; 2]) -> Option<String> {
    let clubs = Clubs::shipped();
    fixture
        .into_iter()
        .find(|f| clubs.same_club(side, f))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coref::doc_with;
    use crate::doc::Label;

    fn side(text: &str, names: &[(&str, Label)], person: &str) -> Option<String> {
        let doc = doc_with(text, names);
        let ctx = Context::new(&doc);
        Sides::build(&ctx, None, &[])
            .side_of(person)
            .map(str::to_string)
    }

    #[test]
    fn votes_for_one_club_under_two_names_add_up_under_the_fixtures_name() {
        let mut sides = Sides::default();
        sides.vote("Tom Reed", "Man City", 1.0);
        sides.vote("Tom Reed", "Manchester City", 0.5);
        sides.vote("Tom Reed", "Leeds United", 1.2);
        sides.vote("Sam Hill", "Kingsmead Rovers", 1.0);
        sides.align(["Manchester City", "Leeds United"]);
        assert_eq!(sides.side_of("Tom Reed"), Some("Manchester City"));
        assert_eq!(sides.votes_for("Tom Reed", "Manchester City"), 1.5);
        // A side that is neither of the two keeps its name.
        assert_eq!(sides.side_of("Sam Hill"), Some("Kingsmead Rovers"));
    }

    #[test]
    fn a_scorer_plays_for_the_side_he_scored_for_not_against() {
        let p = |name| (name, Label::Player);
        let club = |name| (name, Label::Club);
        assert_eq!(
            side(
                "Tom Reed scored twice for Leeds.",
                &[p("Tom Reed"), club("Leeds")],
                "Tom Reed"
            )
            .as_deref(),
            Some("Leeds")
        );
        assert_eq!(
            side(
                "Tom Reed scored as Leeds won.",
                &[p("Tom Reed"), club("Leeds")],
                "Tom Reed"
            )
            .as_deref(),
            Some("Leeds")
        );
        for text in [
            "Tom Reed scored against his old club as Leeds slipped to defeat.",
            "Tom Reed scored late on as Leeds's hopes of survival faded.",
        ] {
            assert_eq!(
                side(text, &[p("Tom Reed"), club("Leeds")], "Tom Reed"),
                None,
                "{text}"
            );
        }
    }
}
