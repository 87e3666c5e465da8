//! Who played whom and the final score: from a headline ("Wolves 0-1 Man Utd: ..."),
//! else from result phrases ("X beat Y 2-1", "a 2-1 win at Y", "drew 1-1 with Y"), with
//! home and away from the headline's order, "at <side>", "the hosts", "visiting", the
//! team sheets' order. Shoot-out and aggregate scores are not final scores.

use super::context::{Context, Sentence};
use crate::doc::{Kind, Label, MatchInfo};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(&format!("(?i){p}")).expect("valid rule")
}

const SCORE: &str = r"(?P<g1>\d{1,2}) ?[-–] ?(?P<g2>\d{1,2})";

/// "@Sa 2-1 @Sb" at the start of a headline or a fixture line.
static HEADLINE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s*@S(?P<home>[a-z]+) {SCORE} @S(?P<away>[a-z]+)\b")));

/// Result phrases: `win` names the winner, `lose` the loser, `host` a side at home.
static RESULT_PHRASES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"@S(?P<win>[a-z]+)(?: [\w'’-]+){{0,4}}? (?:beat|beating|defeated|thrashed|edged|saw off|overcame|hammered|routed|stunned|downed|swept aside|brushed aside|eased past|cruised past|crushed|trounced|outclassed|thumped|battered|humbled|dispatched|despatched|overpowered|outplayed|held off|came from behind to beat|won (?:away )?(?:at|against)) (?:(?:the )?[\w'’-]+ ){{0,3}}?@S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? {SCORE}"),
        format!(r"@S(?P<win>[a-z]+)(?: [\w'’-]+){{0,5}}? (?:won|claimed|earned|secured|sealed|recorded|registered|ground out|grabbed|snatched|eased to|cruised to|romped to|battled to|held on for|clinched|picked up|collected|produced|racked up|hit) (?:a |an |their |her |his )?(?:[\w'’-]+ ){{0,3}}?{SCORE} (?:[\w'’-]+ ){{0,2}}?(?:win|victory|success|triumph|thrashing|rout|drubbing|hammering) (?:over|against|at|away (?:to|at)|in|versus|v) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? (?:lost|slipped to|fell to|suffered|crashed to|went down|succumbed|were beaten|were thrashed|were defeated|were edged out|were hammered|were held|were routed|were stunned) (?:a |an |their )?(?:[\w'’-]+ ){{0,3}}?{SCORE} (?:[\w'’-]+ ){{0,2}}?(?:defeat |loss |reverse |home defeat |away defeat )?(?:to|at|against|by|away to|away at|at home to|versus) (?:[\w'’-]+ ){{0,2}}?@S(?P<win>[a-z]+)"),
        format!(r"{SCORE} (?:[\w'’-]+ ){{0,2}}?(?:win|victory|success|triumph|thrashing|rout) (?:for|by) @S(?P<win>[a-z]+) (?:over|against|at|in|away (?:to|at)|versus) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<win>[a-z]+)'s {SCORE} (?:[\w'’-]+ ){{0,2}}?(?:win|victory|success|triumph|thrashing|rout) (?:over|against|at|away (?:to|at)|versus) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<lose>[a-z]+)'s {SCORE} (?:[\w'’-]+ ){{0,2}}?(?:defeat|loss|reverse) (?:to|at|against|by|away to|at home to) (?:[\w'’-]+ ){{0,2}}?@S(?P<win>[a-z]+)"),
        format!(r"@S(?P<win>[a-z]+)(?: [\w'’-]+){{0,4}}? (?:drew|draw|were held|held|shared the (?:points|spoils)|played out|fought out|ground out|settled for)(?: [\w'’-]+){{0,3}}? {SCORE}(?: [\w'’-]+){{0,3}}? (?:with|against|at|by|away to|at home to) (?:[\w'’-]+ ){{0,2}}?@S(?P<lose>[a-z]+)"),
        format!(r"@S(?P<win>[a-z]+)(?: [\w'’-]+){{0,4}}? (?:drew|held|were held by|held off|shared (?:the )?(?:points|spoils) with) @S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? {SCORE}"),
        format!(r"@S(?P<win>[a-z]+) (?:and|&) @S(?P<lose>[a-z]+)(?: [\w'’-]+){{0,5}}? (?:drew|shared|played out|fought out|settled for|could not be separated|finished)(?: [\w'’-]+){{0,4}}? {SCORE}"),
        format!(r"@S(?P<win>[a-z]+)(?: [\w'’-]+){{0,3}}? {SCORE} (?:win|victory|success|triumph|draw|stalemate) (?:over|against|at|with) @S(?P<lose>[a-z]+)"),
    ]
    .iter()
    .map(|p| re(p))
    .collect()
});

/// Scores that are not the final score.
static NOT_FINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:\s*(?:on|in the) (?:penalties|pens|shoot-out|shootout|spot-kicks)|\s*(?:on aggregate|agg)|\s*(?:lead|up|down|at (?:half-time|the break|half time|the interval))|\s*(?:in|on) the (?:first|second) leg)")
});

static SHOOTOUT_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:won|lost|win|lose|triumphed|prevailed|went through|progressed|advanced|shoot-out|shootout|penalties)\W*(?:[\w'’-]+ ){0,2}$"));

/// Phrases that put a side at home or away.
static HOME_CUES: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    vec![
        (re(r"\bthe hosts,? @S(?P<s>[a-z]+)|@S(?P<s>[a-z]+),? the hosts\b|\bhosts @S(?P<s>[a-z]+)"), true),
        (re(r"\bvisitors,? @S(?P<s>[a-z]+)|@S(?P<s>[a-z]+),? the visitors\b|\bvisiting @S(?P<s>[a-z]+)|\baway (?:at|to|against) @S(?P<o>[a-z]+)|(?:\bat|in front of) @S(?P<o2>[a-z]+)'s? (?:home|ground|stadium|fans)"), false),
        (re(r"\b(?:at|visit to|trip to|travelled to|travel to|won at|lost at|drew at|defeat at|win at|victory at|draw at|loss at) @S(?P<o>[a-z]+)\b"), false),
        (re(r"@S(?P<s>[a-z]+)(?: [\w'’-]+){0,3}? (?:hosted|welcomed|entertained|at home to|were at home to)\b"), true),
        (re(r"@S(?P<s>[a-z]+)(?: [\w'’-]+){0,3}? (?:travelled to|visited|went to|made the trip to)\b"), false),
    ]
});

/// The fixture as the report states it.
#[derive(Debug, Clone, Default)]
pub struct Fixture {
    pub info: MatchInfo,
    /// Whether home/away rest on evidence rather than on order of mention.
    pub sides_certain: bool,
}

/// Finds the fixture. `sheet_sides` are the team-sheet sides in order (home first).
pub fn find(ctx: &Context, sheet_sides: &[Option<String>]) -> Option<Fixture> {
    let (home, away, score, certain) = if let Some((h, a, g)) = headline(ctx) {
        (h, a, Some(g), true)
    } else if let Some((w, l, g1, g2)) = result_phrase(ctx) {
        // The winner's goals are the larger number whichever order they were written.
        let (wg, lg) = (g1.max(g2), g1.min(g2));
        match home_side(ctx, &w, &l, sheet_sides) {
            Some(false) => (l, w, Some((lg, wg)), true),
            _ => (w, l, Some((wg, lg)), true),
        }
    } else {
        let (a, b) = two_main_sides(ctx)?;
        match home_side(ctx, &a, &b, sheet_sides) {
            Some(false) => (b, a, None, false),
            _ => (a, b, None, false),
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
    Some(Fixture { info, sides_certain: certain })
}

fn headline(ctx: &Context) -> Option<(String, String, (u32, u32))> {
    ctx.sentences.iter().take(3).find_map(|s| {
        let c = HEADLINE.captures(&s.template)?;
        let after = &s.template[c.get(0)?.end()..];
        if NOT_FINAL.is_match(after) {
            return None;
        }
        let side = |k: &str| s.slot(c.name(k)?.as_str()).filter(|x| x.label.kind() == Kind::Side).map(|x| x.name.clone());
        Some((side("home")?, side("away")?, (c["g1"].parse().ok()?, c["g2"].parse().ok()?)))
    })
}

fn result_phrase(ctx: &Context) -> Option<(String, String, u32, u32)> {
    ctx.sentences.iter().filter(|s| !s.quoted).find_map(|s| {
        RESULT_PHRASES.iter().find_map(|r| {
            r.captures_iter(&s.template).find_map(|c| {
                let m = c.get(0)?;
                let after = &s.template[m.end()..];
                let before = &s.template[..c.name("g1")?.start()];
                if NOT_FINAL.is_match(after) || SHOOTOUT_BEFORE.is_match(before) {
                    return None;
                }
                let w = s.slot(c.name("win")?.as_str())?.name.clone();
                let l = s.slot(c.name("lose")?.as_str())?.name.clone();
                (w != l).then(|| Some((w, l, c["g1"].parse().ok()?, c["g2"].parse().ok()?)))?
            })
        })
    })
}

/// Whether `a` (against `b`) is at home: cue phrases first, then the team sheets' order.
fn home_side(ctx: &Context, a: &str, b: &str, sheet_sides: &[Option<String>]) -> Option<bool> {
    let mut votes = 0i32;
    for s in &ctx.sentences {
        for (cue, home) in HOME_CUES.iter() {
            for c in cue.captures_iter(&s.template) {
                for (group, is_subject) in [("s", true), ("o", false), ("o2", false)] {
                    let Some(slot) = c.name(group).and_then(|g| s.slot(g.as_str())) else { continue };
                    // "at X" names the home side whatever verb came before.
                    let says_home = if is_subject { *home } else { true };
                    if slot.name == a {
                        votes += if says_home { 1 } else { -1 };
                    } else if slot.name == b {
                        votes += if says_home { -1 } else { 1 };
                    }
                }
            }
        }
    }
    if votes != 0 {
        return Some(votes > 0);
    }
    let order: Vec<&str> = sheet_sides.iter().flatten().map(String::as_str).collect();
    match order.as_slice() {
        [first, second, ..] if *first == a && *second == b => Some(true),
        [first, second, ..] if *first == b && *second == a => Some(false),
        _ => None,
    }
}

/// The two sides mentioned most (ties: first mentioned), when no result phrase names them.
fn two_main_sides(ctx: &Context) -> Option<(String, String)> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, m) in ctx.doc.mentions.iter().enumerate().filter(|(_, m)| m.label.kind() == Kind::Side) {
        let e = counts.entry(m.canonical()).or_insert((0, i));
        e.0 += 1;
    }
    let mut ranked: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    match ranked.as_slice() {
        [a, b, ..] if b.1 .0 >= 2 => {
            let (first, second) = if a.1 .1 <= b.1 .1 { (a, b) } else { (b, a) };
            Some((first.0.to_string(), second.0.to_string()))
        }
        _ => None,
    }
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
    order.into_iter().find(|n| counts[n] == best).map(str::to_string)
}

/// Whether the final score was decided after extra time ("after extra time", "aet").
pub fn extra_time(sentences: &[Sentence]) -> bool {
    static AET: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:after extra[- ]time|a\.e\.t\.?|aet|extra-time winner|in extra[- ]time)\b"));
    sentences.iter().any(|s| AET.is_match(&s.template))
}
