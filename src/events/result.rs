//! Who played whom and the final score: from a headline ("Wolves 0-1 Man Utd: ..."),
//! else from result phrases ("X beat Y 2-1", "a 2-1 win at Y", "drew 1-1 with Y", or one
//! side alone: "X came from behind to claim a 3-2 win", "4-0 over Y"; a result of another
//! day, "in September", "last week", is not this match's), with
//! home and away from the headline's order, "at <side>", "the hosts", "visiting", the
//! team sheets' order. Shoot-out and aggregate scores are not final scores.

use super::context::{Context, Sentence};
use super::rule_regex;
use super::rules::MONTHS;
use crate::clubs::Clubs;
use crate::doc::{Kind, Label, MatchInfo};
use crate::names::{fold, words};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    rule_regex(&format!("(?i){p}")).expect("valid rule")
}

/// A score as written ("2-1", "2 – 1"): goals `g1` and `g2`.
pub(super) const SCORE: &str = r"(?P<g1>\d{1,2}) ?[-–] ?(?P<g2>\d{1,2})";

/// "@Sa 2-1 @Sb" at the start of a headline or a fixture line.
static HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^\s*@S(?P<home>[a-z]+) {SCORE} @S(?P<away>[a-z]+)\b"
    ))
});

/// Anything but another side or a sentence break, between a side and its result.
/// A side used as an adjective ("the Villarreal striker") or a possessive is not another
/// party to the result.
const NOT_A_SIDE: &str = r"(?:[^@.;!?]|@[PCRVK][a-z]+|the @S[a-z]+ [a-z][\w-]*|@S[a-z]+'s?\b)*?";

/// Verbs of beating a side, the side after them the loser ("saw off Hull 2-1"; `home`'s
/// beaten side).
pub(super) const BEAT_VERBS: &str = "(?:beat|beating|beats|saw off|see off|seeing off|sees off|defeated|defeating|defeat|thrashed|thrashing|thrash|edged|edging|edge|overcame|overcome|overcoming|hammered|hammering|hammer|routed|stunned|downed|crushed|trounced|thumped|battered|humbled|dispatched)";

/// A side's own clause, up to its result: a few words, no other side, no clause break.
const NEAR: &str = r"(?:[^@.;:!?,]|@[PCRVK][a-z]+|@S[a-z]+'s?\b){0,50}?";

/// Result phrases: `win` names the winner (or the first side of a draw), `lose` the
/// other; a phrase without `lose` leaves the opponent to be found elsewhere.
static RESULT_PHRASES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    const WIN: &str = r"(?:win|victory|success|triumph|thrashing|rout|drubbing|hammering|demolition|away win|home win)";
    const LOSS: &str =
        r"(?:defeat|loss|reverse|home defeat|away defeat|thrashing|hammering|drubbing)";
    [
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:beat|beating|beats|defeated|defeating|thrashed|thrashing|edged|edging|saw off|seeing off|overcame|overcoming|hammered|hammering|routed|routing|stunned|stunning|downed|downing|swept aside|brushed aside|eased past|cruised past|crushed|crushing|trounced|outclassed|thumped|thumping|battered|humbled|dispatched|despatched|overpowered|outplayed|held off|won (?:away )?(?:at|against)) (?:(?:the )?[\w'’-]+ ){{0,3}}?@S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? {SCORE}"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} {SCORE} (?:[\w'’-]+ ){{0,2}}?{WIN} (?:over|against|at|away (?:to|at)|versus|v) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"(?:gave|give|gives|giving|handed|hand|fired|earned|sealed|secured|clinched) @S(?P<win>[a-z]+) (?:a |an |their )?(?:[\w'’-]+ ){{0,3}}?{SCORE} (?:[\w'’-]+ ){{0,2}}?{WIN} (?:over|against|at|away (?:to|at)|versus|v) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<lose>[a-z]+){NOT_A_SIDE} {SCORE} (?:[\w'’-]+ ){{0,2}}?{LOSS} (?:to|at|against|by|away to|away at|at home to|versus) (?:[\w'’-]+ ){{0,2}}?@S(?P<win>[a-z]+)"),
        format!(r"@S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? (?:lost|slipped|fell|crashed|went down|succumbed|were beaten|were thrashed|were defeated|were edged out|were hammered|were routed|were stunned) (?:[\w'’-]+ ){{0,3}}?{SCORE} (?:[\w'’-]+ ){{0,2}}?(?:to|at|against|by|away to|away at|at home to|versus) (?:[\w'’-]+ ){{0,2}}?@S(?P<win>[a-z]+)"),
        format!(r"{SCORE} (?:[\w'’-]+ ){{0,2}}?{WIN} (?:for|by) @S(?P<win>[a-z]+) (?:over|against|at|in|away (?:to|at)|versus) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:drew|draw|were held|held|shared the (?:points|spoils)|played out|fought out|settled for)(?: [\w'’-]+){{0,3}}? {SCORE}(?: [\w'’-]+){{0,3}}? (?:with|against|at|by|away to|at home to) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:drew|held|were held by|held off|shared (?:the )?(?:points|spoils) with) @S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? {SCORE}"),
        format!(r"@S(?P<win>[a-z]+) (?:and|&) @S(?P<lose>[a-z]+){NOT_A_SIDE} (?:drew|shared|played out|fought out|settled for|could not be separated|finished|ended|played)(?: [\w'’-]+){{0,4}}? {SCORE}"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} {SCORE} (?:[\w'’-]+ ){{0,2}}?(?:draw|stalemate) (?:with|against|at|away to|at home to) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"(?:gave|give|gives|giving|handed|hand|earned|sealed|secured|clinched) @S(?P<win>[a-z]+) (?:a |an |their )?(?:[\w'’-]+ ){{0,3}}?{SCORE} (?:[\w'’-]+ ){{0,2}}?{WIN}\b"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:beat|defeated|thrashed|edged|overcame|hammered|routed|stunned|downed|crushed|trounced|thumped|battered|humbled) (?:[^@.;!?]){{0,60}}? {SCORE}\b"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} {SCORE} (?:[\w'’-]+ ){{0,2}}?(?:draw|stalemate)\b"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:won|win|triumphed|prevailed|eased|cruised|romped|battled)\b(?:[^@.;!?]|@[PCRVK][a-z]+){{0,60}}?{SCORE}\b"),
        // "helped Leeds to a 2-1 win", "lifted Leeds to third with a 2-1 win".
        format!(r"\b(?:helped|help|helps|helping|lifted|lift|lifts|took|take|takes|carried|steered|guided|propelled|inspired|sent) @S(?P<win>[a-z]+) (?:[^@.;!?]|@K[a-z]+){{0,80}}?\b(?:to|with) (?:a|an|their) (?:[\w'’-]+ ){{0,2}}?{SCORE} (?:[\w'’-]+ |@K[a-z]+ ){{0,2}}?{WIN}\b"),
        // "Hull were dispatched 4-0 by Leeds": the loser, passive.
        format!(r"@S(?P<lose>[a-z]+){NOT_A_SIDE} (?:were|was) (?:dispatched|brushed aside|swept aside|seen off|put to the sword|overcome|outclassed|humbled|crushed|trounced|thumped|downed|battered|beaten|thrashed|hammered|routed|defeated|edged out|stunned) {SCORE} (?:by|at) (?:[\w'’-]+ ){{0,2}}?@S(?P<win>[a-z]+)"),
        // "Hull came from behind to claim a 3-2 win": the winner alone.
        format!(r"@S(?P<win>[a-z]+){NEAR} (?:a|an|their) (?:[\w'’-]+ |@K[a-z]+ ){{0,2}}?{SCORE} (?:[\w'’-]+ |@K[a-z]+ ){{0,2}}?{WIN}\b"),
        // "Hull's season ended with a 3-0 defeat": the loser alone.
        format!(r"@S(?P<lose>[a-z]+){NEAR} (?:a|an|their) (?:[\w'’-]+ |@K[a-z]+ ){{0,2}}?{SCORE} (?:[\w'’-]+ |@K[a-z]+ ){{0,2}}?{LOSS}\b"),
        // "to see off Hull 2-1": the loser alone, active.
        format!(r"\b{BEAT_VERBS} (?:the )?@S(?P<lose>[a-z]+) (?:[\w'’-]+ ){{0,3}}?{SCORE}\b"),
        // "4-0 over Hull", "a 3-0 derby win over Hull": the loser alone.
        format!(r"\b{SCORE} (?:[\w'’-]+ |@K[a-z]+ ){{0,2}}?(?:{WIN} )?(?:over|against) (?:the )?@S(?P<lose>[a-z]+)"),
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

/// "it finished 2-2": a draw whose sides are the two the report is about.
static LEVEL_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:finished|ended|read|was|stood at|ended up|draw|drew|final score|final result) (?:[\w'’-]+ ){0,2}?(?P<g1>\d{1,2}) ?[-–] ?(?P<g2>\d{1,2})\b",
    )
});

/// "a goalless draw": 0-0 between the two sides named.
static GOALLESS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"@S(?P<win>[a-z]+) (?:and|&) @S(?P<lose>[a-z]+){NOT_A_SIDE} (?:goalless|scoreless) (?:draw|stalemate)"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:goalless|scoreless) (?:draw|stalemate) (?:with|against|at|away to|at home to) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:held|were held by) @S(?P<lose>[a-z]+) to a (?:goalless|scoreless) draw"),
        // "Hull battled to a goalless draw": one side named.
        format!(r"@S(?P<win>[a-z]+){NOT_A_SIDE} (?:battled to|played out|fought out|ground out|settled for|had to settle for|were held to|earned|claimed|picked up|ended with|slumped to) (?:a|an) (?:[\w'’-]+ )?(?:goalless|scoreless) (?:draw|stalemate)\b"),
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

/// After a score: it is not this match's result (a shoot-out's, an aggregate's, the other
/// leg's: "in the first leg", "a 2-0 first-leg lead").
const OTHER_THAN_THIS_MATCH: &str = r"\s*(?:on|in|via|after|through) (?:a |the )?(?:penalty )?(?:penalties|pens|shoot-out|shootout|spot-kicks)|\s*(?:on aggregate|agg)|\s*(?:in|on) the (?:first|second) leg|\s*(?:[\w'’-]+ )?(?:first|second)[- ]leg\b";

/// Later in the clause of a result: it was another day's ("in March 2006", "last week").
static ANOTHER_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^[^,.;:!?]*?\b(?:(?:back )?in (?:{MONTHS}|\d{{4}})|(?:last|earlier this|earlier in the) (?:season|week|weekend|month|year|term|campaign))\b",
    ))
});

/// Scores that are not the final score.
static NOT_FINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:{OTHER_THAN_THIS_MATCH}|\s*(?:lead|up|down|at (?:half-time|the break|half time|the interval)))"
    ))
});

static NOT_THIS_MATCH: LazyLock<Regex> =
    LazyLock::new(|| re(&format!("^(?:{OTHER_THAN_THIS_MATCH})")));

static SHOOTOUT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:shoot-out|shootout|penalties|pens|spot-kicks)\W*(?:[\w'’-]+ ){0,2}$"));

/// Phrases that put the captured side at home (true) or away (false).
static HOME_CUES: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    [
        (r"\bthe hosts,? @S(?P<s>[a-z]+)", true),
        (r"@S(?P<s>[a-z]+),? the hosts\b", true),
        (r"\bhosts @S(?P<s>[a-z]+)", true),
        (r"\b(?:the )?visitors,? @S(?P<s>[a-z]+)", false),
        (r"@S(?P<s>[a-z]+),? the visitors\b", false),
        (r"\bvisiting @S(?P<s>[a-z]+)", false),
        (r"\baway (?:at|to|against|from home at) @S(?P<s>[a-z]+)", true),
        (r"(?:\bat|in front of) @S(?P<s>[a-z]+)'s? (?:home|ground|stadium|fans|supporters)", true),
        (r"\b(?:at|visit to|trip to|travelled to|travel to|won at|lost at|drew at|defeat at|win at|victory at|draw at|loss at|beaten at|held at) @S(?P<s>[a-z]+)\b", true),
        (r"@S(?P<s>[a-z]+)(?: [\w'’-]+){0,3}? (?:hosted|welcomed|entertained|at home to|were at home to)\b", true),
        (r"@S(?P<s>[a-z]+)(?: [\w'’-]+){0,3}? (?:travelled to|visited|went to|made the trip to|away (?:at|to))\b", false),
        (r"@S(?P<s>[a-z]+)(?: [\w'’-]+){0,3}? (?:won|win|drew|lost|triumphed|prevailed)(?: [\w'’-]+){0,4}? at (?:the )?@V", false),
    ]
    .iter()
    .map(|(p, home)| (re(p), *home))
    .collect()
});

/// Words in many clubs' names, which name no club's ground on their own.
const SHARED_CLUB_WORDS: [&str; 12] = [
    "city",
    "united",
    "town",
    "athletic",
    "rovers",
    "county",
    "wanderers",
    "albion",
    "sporting",
    "real",
    "club",
    "women",
];

/// "@Sa 2-1 @Sb" anywhere: a fixture line in the body ("Leeds 2-1 Wolves: what the
/// managers said").
static FIXTURE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"@S(?P<home>[a-z]+) {SCORE} @S(?P<away>[a-z]+)\b")));

/// The match: who played whom and, where a line states it, the final score.
pub struct Fixture {
    pub info: MatchInfo,
    /// The score is a headline's ("Wolves 0-1 Man Utd: ..."), which nothing overrules. A
    /// score from a result phrase is the first one the prose tells; `score` weighs it
    /// against every other result told and the goals read.
    pub headline: bool,
}

/// A result the prose tells of this match, its score as (home, away) goals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResultTold {
    pub score: (u32, u32),
    /// Both sides are named ("Leeds beat Wolves 2-1"); else only one is ("Leeds won 2-1",
    /// "it finished 1-1"), and the other may be another match's.
    pub both_named: bool,
}

/// Every result phrase, goalless draw, level score and fixture line in `sentences` that
/// is about `home` against `away` (canonical names), in the order told.
pub fn results_told(sentences: &[&Sentence], home: &str, away: &str) -> Vec<ResultTold> {
    let (home, away) = (fold(home), fold(away));
    let ours = |a: &str, b: &str| (a == home && b == away) || (a == away && b == home);
    let other = |x: &str| {
        if x == home {
            away.clone()
        } else {
            home.clone()
        }
    };
    let mut told = Vec::new();
    for s in sentences {
        let t = &s.template;
        let name = |c: &regex::Captures, k: &str| {
            c.name(k)
                .and_then(|g| s.slot(g.as_str()))
                .filter(|x| x.label.kind() == Kind::Side)
                .map(|x| fold(&x.name))
        };
        // (where the score is written, the result), each named side checked as ours.
        let mut found: Vec<(usize, ResultTold)> = Vec::new();
        for c in RESULT_PHRASES.iter().flat_map(|r| r.captures_iter(t)) {
            let (l, w) = (name(&c, "lose"), name(&c, "win"));
            // A phrase naming only the loser ("4-0 over Leeds") makes the other side
            // the winner.
            let w = w.or_else(|| l.as_deref().map(other));
            let (Some((at, g1, g2)), Some(w)) = (final_score(t, &c), w) else {
                continue;
            };
            if (w != home && w != away) || l.as_ref().is_some_and(|l| *l != other(&w)) {
                continue;
            }
            // The winner's goals are the larger number whichever order they were written.
            let (wg, lg) = (g1.max(g2), g1.min(g2));
            let score = if w == home { (wg, lg) } else { (lg, wg) };
            let both_named = l.is_some() && c.name("win").is_some();
            found.push((at, ResultTold { score, both_named }));
        }
        for c in GOALLESS.iter().flat_map(|r| r.captures_iter(t)) {
            let (Some(m), Some(a)) = (c.get(0), name(&c, "win")) else {
                continue;
            };
            let b = name(&c, "lose");
            let named = match &b {
                Some(b) => ours(&a, b),
                None => a == home || a == away,
            };
            if named {
                found.push((
                    m.start(),
                    ResultTold {
                        score: (0, 0),
                        both_named: b.is_some(),
                    },
                ));
            }
        }
        for c in LEVEL_SCORE.captures_iter(t) {
            if let Some((at, g1, g2)) = final_score(t, &c).filter(|(_, g1, g2)| g1 == g2) {
                found.push((
                    at,
                    ResultTold {
                        score: (g1, g2),
                        both_named: false,
                    },
                ));
            }
        }
        for c in FIXTURE_LINE.captures_iter(t) {
            if let (Some((at, g1, g2)), Some(h), Some(a)) =
                (final_score(t, &c), name(&c, "home"), name(&c, "away"))
            {
                if ours(&h, &a) {
                    let score = if h == home { (g1, g2) } else { (g2, g1) };
                    found.push((
                        at,
                        ResultTold {
                            score,
                            both_named: true,
                        },
                    ));
                }
            }
        }
        // One told score, read by several phrases, counts once (the one naming both
        // sides, where one does).
        found.sort_by_key(|(at, t)| (*at, !t.both_named));
        found.dedup_by_key(|(at, _)| *at);
        told.extend(found.into_iter().map(|(_, t)| t));
    }
    told
}

/// Where a captured score (`g1`, `g2`) is written and its goals, when it is a final
/// score: not a shoot-out's, an aggregate's, another leg's, a lead or a half-time score,
/// whether the phrase ends there or reads on ("a 1-1 first-leg draw with Hull").
fn final_score(t: &str, c: &regex::Captures) -> Option<(usize, u32, u32)> {
    let (m, g) = (c.get(0)?, c.name("g1")?);
    let after_score = c.name("g2").map_or(m.end(), |g2| g2.end());
    if NOT_FINAL.is_match(&t[m.end()..])
        || NOT_FINAL.is_match(&t[after_score..])
        || ANOTHER_DAY.is_match(&t[m.end()..])
        || SHOOTOUT_BEFORE.is_match(&t[..g.start()])
    {
        return None;
    }
    Some((g.start(), c["g1"].parse().ok()?, c["g2"].parse().ok()?))
}

/// Finds the fixture. `sheet_sides` are the team-sheet sides in order (home first).
pub fn find(ctx: &Context, sheet_sides: &[Option<String>]) -> Option<Fixture> {
    let headline = headline(ctx);
    let told_in_headline = headline.is_some();
    let (home, away, score) = if let Some((h, a, g)) = headline {
        (h, a, Some(g))
    } else if let Some((w, l, g1, g2)) = result_phrase(ctx) {
        // The winner's goals are the larger number whichever order they were written.
        let (wg, lg) = (g1.max(g2), g1.min(g2));
        let l = match l {
            Some(l) => l,
            None => two_main_sides(ctx).and_then(|(a, b)| [a, b].into_iter().find(|x| *x != w))?,
        };
        match home_side(ctx, &w, &l, sheet_sides) {
            Some(false) => (l, w, Some((lg, wg))),
            _ => (w, l, Some((wg, lg))),
        }
    } else if let Some((g1, g2)) = bare_score(ctx) {
        // "…to give Lee Carsley's side a 2-1 win": the score without whose it is. The
        // side a report opens with is the one it is about, most often the winner.
        let (w, l) = two_main_sides(ctx)?;
        let (wg, lg) = (g1.max(g2), g1.min(g2));
        match home_side(ctx, &w, &l, sheet_sides) {
            Some(false) => (l, w, Some((lg, wg))),
            _ => (w, l, Some((wg, lg))),
        }
    } else {
        let (a, b) = two_main_sides(ctx)?;
        match home_side(ctx, &a, &b, sheet_sides) {
            Some(false) => (b, a, None),
            _ => (a, b, None),
        }
    };
    let info = MatchInfo {
        home: Some(home),
        away: Some(away),
        home_score: score.map(|s| s.0),
        away_score: score.map(|s| s.1),
        competition: first_of(ctx, Label::Competition),
        venue: first_of(ctx, Label::Venue),
    };
    Some(Fixture {
        info,
        headline: told_in_headline,
    })
}

fn headline(ctx: &Context) -> Option<(String, String, (u32, u32))> {
    ctx.sentences.iter().take(3).find_map(|s| {
        let c = HEADLINE.captures(&s.template)?;
        let after = &s.template[c.get(0)?.end()..];
        if NOT_FINAL.is_match(after) {
            return None;
        }
        let side = |k: &str| {
            s.slot(c.name(k)?.as_str())
                .filter(|x| x.label.kind() == Kind::Side)
                .map(|x| x.name.clone())
        };
        Some((
            side("home")?,
            side("away")?,
            (c["g1"].parse().ok()?, c["g2"].parse().ok()?),
        ))
    })
}

/// (winner or first side, other side if named, goals of each as written).
fn result_phrase(ctx: &Context) -> Option<(String, Option<String>, u32, u32)> {
    let main_sides = ranked_sides(ctx).into_iter().take(2).collect::<Vec<_>>();
    ctx.sentences.iter().find_map(|s| {
        let scored = RESULT_PHRASES.iter().find_map(|r| {
            r.captures_iter(&s.template).find_map(|c| {
                let (_, g1, g2) = final_score(&s.template, &c)?;
                let l = c
                    .name("lose")
                    .and_then(|l| s.slot(l.as_str()))
                    .map(|x| x.name.clone());
                let w = match c.name("win") {
                    Some(w) => s.slot(w.as_str())?.name.clone(),
                    // Only the loser named: the other of the two sides won.
                    None => main_sides.iter().find(|m| Some(*m) != l.as_ref())?.clone(),
                };
                // Other sides come up in passing ("the Villarreal striker"); a result
                // is about sides the report keeps returning to.
                let main = |x: &String| main_sides.iter().any(|m| m == x);
                let plausible = main(&w) && l.as_ref().is_none_or(|l| main(l) && *l != w);
                plausible.then_some((w, l, g1, g2))
            })
        });
        let goalless = || {
            GOALLESS.iter().find_map(|r| {
                let c = r.captures(&s.template)?;
                let w = s.slot(c.name("win")?.as_str())?.name.clone();
                let l = c
                    .name("lose")
                    .and_then(|l| s.slot(l.as_str()))
                    .map(|x| x.name.clone());
                let one_side = l.is_none() && main_sides.contains(&w);
                (one_side || l.as_ref().is_some_and(|l| *l != w)).then_some((w, l, 0, 0))
            })
        };
        let level = || {
            let c = LEVEL_SCORE.captures(&s.template)?;
            let (_, g1, g2) = final_score(&s.template, &c)?;
            let (a, _) = two_main_sides(ctx)?;
            (g1 == g2).then_some((a, None, g1, g2))
        };
        scored.or_else(goalless).or_else(level)
    })
}

/// A result's score named without its sides: "a 2-1 win", "a 3-3 draw".
fn bare_score(ctx: &Context) -> Option<(u32, u32)> {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"\b(?:a|an|the|their|his|her) (?:[\w'’-]+ ){{0,2}}?{SCORE} (?:[\w'’-]+ )?(?:win|victory|success|triumph|defeat|loss|draw|home win|away win)\b"
        ))
    });
    ctx.sentences.iter().find_map(|s| {
        let c = BARE.captures(&s.template)?;
        final_score(&s.template, &c).map(|(_, g1, g2)| (g1, g2))
    })
}

/// Whether the score written at `start..end` of a template is one this match reached
/// (final, running or at half-time), not a shoot-out's, an aggregate's or another leg's.
pub(super) fn score_of_this_match(t: &str, start: usize, end: usize) -> bool {
    !NOT_THIS_MATCH.is_match(&t[end..]) && !SHOOTOUT_BEFORE.is_match(&t[..start])
}

/// Whether `a` (against `b`) is at home: cue phrases and grounds first, then the team
/// sheets' order (the rule; `home` weighs these and more with a learned ranker).
fn home_side(ctx: &Context, a: &str, b: &str, sheet_sides: &[Option<String>]) -> Option<bool> {
    let votes = cue_votes(ctx, a, b) + ground_votes(ctx, a, b);
    if votes != 0 {
        return Some(votes > 0);
    }
    match sheet_order(sheet_sides, a, b) {
        0 => None,
        o => Some(o > 0),
    }
}

/// +1 for `a` at home, -1 for `b`, 0 for neither: one vote per side named.
pub(super) fn home_vote(side: &str, home: bool, a: &str, b: &str) -> i32 {
    let sign = if home { 1 } else { -1 };
    if side == a {
        sign
    } else if side == b {
        -sign
    } else {
        0
    }
}

/// Cue phrases ("the hosts, Leeds", "at Leeds", "Wolves travelled to") for `a` at home
/// minus those for `b`.
pub(super) fn cue_votes(ctx: &Context, a: &str, b: &str) -> i32 {
    cue_sum(&ctx.sentences, &HOME_CUES, |s, c, home| {
        let slot = c.name("s").and_then(|g| s.slot(g.as_str()))?;
        Some(home_vote(&slot.name, home, a, b))
    })
}

/// The votes `vote` gives each capture of each cue in every sentence's template, summed:
/// the loop every table of home-or-away cues (`true`: at home) shares. A cue whose clause
/// goes on to another day ("the 6-1 win at Elland Road in October 2011", "the 3-1 win at
/// Hull last week") tells of another match and does not vote.
pub(super) fn cue_sum(
    sentences: &[Sentence],
    cues: &[(Regex, bool)],
    vote: impl Fn(&Sentence, &regex::Captures, bool) -> Option<i32>,
) -> i32 {
    let mut votes = 0;
    for s in sentences {
        for (cue, home) in cues {
            for c in cue.captures_iter(&s.template) {
                let end = c.get(0).map_or(0, |m| m.end());
                if !ANOTHER_DAY.is_match(&s.template[end..]) {
                    votes += vote(s, &c, *home).unwrap_or(0);
                }
            }
        }
    }
    votes
}

/// Grounds named that are `a`'s minus those that are `b`'s. A ground is its club's home:
/// by the club table ("at Goodison Park"), or by its name when it is named after the
/// club ("Orland Park"; a word many clubs share, like "City" in "Cardiff City Stadium",
/// names none). Every ground named votes: on the BBC reports without their title,
/// voting with the most-named ground alone lost 7 of 678 final scores.
pub(super) fn ground_votes(ctx: &Context, a: &str, b: &str) -> i32 {
    ctx.doc
        .mentions
        .iter()
        .filter(|m| m.label == Label::Venue)
        .map(|m| ground_vote(m.canonical(), a, b))
        .sum()
}

/// +1 when `ground` is `a`'s home, -1 when it is `b`'s, 0 for neither or both.
pub(super) fn ground_vote(ground: &str, a: &str, b: &str) -> i32 {
    let venue = words(ground);
    let table = Clubs::shipped();
    let clubs = table.at_ground(ground);
    let mut votes = 0;
    for side in [a, b] {
        let named_after = words(side)
            .iter()
            .any(|w| w.len() > 3 && !SHARED_CLUB_WORDS.contains(&w.as_str()) && venue.contains(w));
        if named_after || clubs.iter().any(|c| table.plays_as(c, side)) {
            votes += home_vote(side, true, a, b);
        }
    }
    votes
}

/// +1 when `a`'s team sheet comes before `b`'s, -1 after, 0 without both.
fn sheet_order(sheet_sides: &[Option<String>], a: &str, b: &str) -> i32 {
    let order: Vec<&str> = sheet_sides.iter().flatten().map(String::as_str).collect();
    match order.as_slice() {
        [first, second, ..] if *first == a && *second == b => 1,
        [first, second, ..] if *first == b && *second == a => -1,
        _ => 0,
    }
}

/// A fixture named without a score, the home side first, as link lines do ("Relive
/// Leeds v Wolves", "Reaction to Leeds v Wolves").
static FIXTURE_V: LazyLock<Regex> =
    LazyLock::new(|| re(r"@S(?P<home>[a-z]+) (?:v|vs\.?|versus) @S(?P<away>[a-z]+)\b"));

/// Fixture lines ("Leeds 2-1 Wolves: the reaction", "Relive Leeds v Wolves") with `a`
/// first minus those with `b` first.
pub(super) fn fixture_line_votes(ctx: &Context, a: &str, b: &str) -> i32 {
    let mut votes = 0;
    for s in &ctx.sentences {
        let lines = FIXTURE_LINE
            .captures_iter(&s.template)
            .chain(FIXTURE_V.captures_iter(&s.template));
        for c in lines {
            let name = |k: &str| {
                c.name(k)
                    .and_then(|g| s.slot(g.as_str()))
                    .map(|x| x.name.as_str())
            };
            match (name("home"), name("away")) {
                (Some(h), Some(w)) if h == a && w == b => votes += 1,
                (Some(h), Some(w)) if h == b && w == a => votes -= 1,
                _ => {}
            }
        }
    }
    votes
}

/// Sides by how often the report names them (ties: first named first).
fn ranked_sides(ctx: &Context) -> Vec<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, m) in ctx
        .doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.label.kind() == Kind::Side)
    {
        counts.entry(m.canonical()).or_insert((0, i)).0 += 1;
    }
    let mut ranked: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    ranked.into_iter().map(|(s, _)| s.to_string()).collect()
}

/// The two sides mentioned most, in order of first mention, when no result phrase
/// names them.
fn two_main_sides(ctx: &Context) -> Option<(String, String)> {
    let ranked = ranked_sides(ctx);
    let (a, b) = (ranked.first()?, ranked.get(1)?);
    let first = |x: &str| ctx.doc.mentions.iter().position(|m| m.canonical() == x);
    Some(if first(a) <= first(b) {
        (a.clone(), b.clone())
    } else {
        (b.clone(), a.clone())
    })
}

fn first_of(ctx: &Context, label: Label) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut order = Vec::new();
    for m in ctx.doc.mentions.iter().filter(|m| m.label == label) {
        let c = counts.entry(m.canonical()).or_insert(0);
        if *c == 0 {
            order.push(m.canonical());
        }
        *c += 1;
    }
    let best = counts.values().copied().max()?;
    order
        .into_iter()
        .find(|n| counts[n] == best)
        .map(str::to_string)
}

/// Whether the final score was decided after extra time ("after extra time", "aet").
pub fn extra_time(sentences: &[Sentence]) -> bool {
    static AET: LazyLock<Regex> = LazyLock::new(|| {
        re(r"\b(?:after extra[- ]time|a\.e\.t\.?|aet|extra-time winner|in extra[- ]time)\b")
    });
    sentences.iter().any(|s| AET.is_match(&s.template))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with every "Leeds" and "Hull" in it tagged as a club.
    fn leeds_hull(text: &str) -> crate::doc::Doc {
        let mut at: Vec<(usize, &str)> = ["Leeds", "Hull"]
            .iter()
            .flat_map(|n| text.match_indices(n))
            .collect();
        at.sort();
        let names: Vec<(&str, Label)> = at.into_iter().map(|(_, n)| (n, Label::Club)).collect();
        crate::coref::doc_with(text, &names)
    }

    /// The results `text` tells of Leeds (home) against Hull, as (score, both named).
    fn told(text: &str) -> Vec<((u32, u32), bool)> {
        let doc = leeds_hull(text);
        let ctx = Context::new(&doc);
        let sentences: Vec<&Sentence> = ctx.sentences.iter().collect();
        results_told(&sentences, "Leeds", "Hull")
            .into_iter()
            .map(|t| (t.score, t.both_named))
            .collect()
    }

    #[test]
    fn a_result_told_naming_one_side_counts_and_another_days_does_not() {
        // Another outlet names one side and the ground: the winner, or the loser alone.
        let one = |text: &str, score: (u32, u32)| {
            assert_eq!(
                told(&format!("Leeds met Hull. {text}")),
                [(score, false)],
                "{text}"
            );
        };
        one("Hull came from behind to claim a fine 3-2 victory.", (2, 3));
        one("Their late winner saw off Hull 2-1.", (2, 1));
        one("It was a first win in a month, 4-0 over Hull.", (4, 0));
        one("Two goals helped Hull to a 2-1 win at the ground.", (1, 2));
        one("Hull's season ended with a 3-0 defeat.", (3, 0));
        one("Hull battled to a goalless draw.", (0, 0));
        assert_eq!(told("Hull were dispatched 4-0 by Leeds."), [((4, 0), true)]);
        // Another match's result, and a draw the match only headed for.
        for text in [
            "Leeds met Hull. Hull had won 3-1 at Leeds last week.",
            "Leeds met Hull. Leeds recalled their 2-1 win over Hull in September.",
            "Leeds met Hull. Leeds seemed destined for a goalless draw.",
            "Leeds met Hull. Leeds had to overturn a 1-1 first-leg draw with Hull.",
            "Leeds met Hull. Leeds were sure of Hull but instead, booed off, they slumped to a 3-1 defeat.",
        ] {
            assert!(told(text).is_empty(), "{text}");
        }
        // A ground or a side named for another day's match votes for no home side.
        let doc = leeds_hull("Leeds met Hull after the 3-1 win at Leeds last week.");
        assert_eq!(cue_votes(&Context::new(&doc), "Leeds", "Hull"), 0);
        let doc = leeds_hull("Leeds met Hull after a win at Leeds.");
        assert_eq!(cue_votes(&Context::new(&doc), "Leeds", "Hull"), 1);
    }

    #[test]
    fn a_link_line_naming_the_fixture_puts_its_first_side_at_home() {
        let votes = |text: &str, names: &[(&str, Label)]| {
            let doc = crate::coref::doc_with(text, names);
            fixture_line_votes(&Context::new(&doc), "Leeds United", "Hull City")
        };
        let leeds_hull = [
            ("Leeds United", Label::Club),
            ("Hull City", Label::Club),
            ("Leeds", Label::Club),
            ("Hull", Label::Club),
        ];
        let text = "Leeds United beat Hull City. Relive Leeds v Hull and follow the reaction.";
        assert_eq!(votes(text, &leeds_hull), 1);
        let text = "Leeds United beat Hull City. Reaction to Hull 1-2 Leeds.";
        let hull_first = [
            ("Leeds United", Label::Club),
            ("Hull City", Label::Club),
            ("Hull", Label::Club),
            ("Leeds", Label::Club),
        ];
        assert_eq!(votes(text, &hull_first), -1);
        assert_eq!(votes("Leeds United beat Hull City.", &leeds_hull[..2]), 0);
    }
}
