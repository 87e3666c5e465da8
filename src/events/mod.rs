//! The relation stage: turns mentions into match facts — goals (scorer, assister, team,
//! minute, penalty, own goal, header), saves (goalkeeper, shooter), misses, cards,
//! substitutions — and the match itself (home, away, final score, competition, venue).
//!
//! How it reads a report, in order:
//! 1. `context`: sentences as templates with a slot per mention (`@Pa headed home`).
//! 2. `footer`: a BBC-style team sheet, if any — line-ups, subs, bookings, goals.
//! 3. `result`: who played whom, home and away, the final score.
//! 4. descriptions ("the Dane", "the visitors", "Peter Bosz's side") become slots for
//!    the person or side they stand for.
//! 5. `rules`: one regex table per event type over the templates; `minutes` dates them.
//! 6. merging: a goal told in the intro, in detail and in the footer is one goal.
//! 7. consistency: goals per side must add up to a stated score; a mismatch lowers the
//!    goals' scores and is reported in `warnings`.
//!
//! ```
//! use touchline::coref::{resolve, CorefConfig};
//! use touchline::doc::{Doc, Label, Mention};
//! use touchline::events::{extract, EventsConfig};
//!
//! let text = "Arsenal 1-0 Chelsea\n\nBukayo Saka fired home after 23 minutes. David Raya saved from Cole Palmer.";
//! let mut doc = Doc::new("r", text);
//! for (name, label) in [("Arsenal", Label::Club), ("Chelsea", Label::Club), ("Bukayo Saka", Label::Player), ("David Raya", Label::Player), ("Cole Palmer", Label::Player)] {
//!     let start = text[..text.find(name).unwrap()].chars().count();
//!     doc.mentions.push(Mention { start, end: start + name.chars().count(), label, text: name.into(), score: None, reference: None });
//! }
//! resolve(&mut doc, &CorefConfig::default());
//! extract(&mut doc, &EventsConfig::default());
//! let m = doc.match_info.as_ref().unwrap();
//! assert_eq!((m.home.as_deref(), m.home_score, m.away_score), (Some("Arsenal"), Some(1), Some(0)));
//! assert_eq!(doc.events.len(), 2);
//! assert_eq!(doc.events[0].kind.primary().1, "Bukayo Saka");
//! assert_eq!(doc.events[0].minute, Some(23));
//! ```

pub mod context;
pub mod footer;
pub mod minutes;
pub mod result;
pub mod rules;
pub mod sides;

use crate::coref::{antecedent, side_of_description, Venue};
use crate::doc::{Card, Doc, Event, EventKind, Kind, Label, MatchInfo};
use crate::names::{contains_words, fold, words};
use context::{Context, Sentence, Slot};
use footer::Footer;
use regex::{Captures, Regex};
use sides::Sides;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// Options for the relation stage.
#[derive(Debug, Clone)]
pub struct EventsConfig {
    /// Drop the least certain goals when more are found than a stated score allows.
    pub enforce_score: bool,
}

impl Default for EventsConfig {
    fn default() -> Self {
        EventsConfig {
            enforce_score: true,
        }
    }
}

/// An event found somewhere, before merging.
#[derive(Debug, Clone)]
struct Candidate {
    kind: EventKind,
    minute: Option<u32>,
    /// "eight minutes later": minutes after the previous dated event.
    relative: Option<u32>,
    /// Byte range the event was read from (a sentence or a footer line).
    evidence: Range<usize>,
    /// Byte position of the primary role, for order and minute matching.
    anchor: usize,
    confidence: f32,
    /// Goals this phrase stands for ("scored twice").
    count: u32,
    from_footer: bool,
}

/// Adds events and the match to `doc` (mentions must carry canonical names).
pub fn extract(doc: &mut Doc, config: &EventsConfig) {
    let footer = footer::parse_footer(&doc.text);
    let (events, fixture, warnings) = {
        let mut ctx = Context::new(doc);
        let sheet_sides: Vec<Option<String>> = footer
            .as_ref()
            .map(|f| {
                f.sheets
                    .iter()
                    .map(|s| {
                        s.side
                            .as_ref()
                            .and_then(|n| side_at(&ctx, n.start, n.end, &n.text))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let fixture = result::find(&ctx, &sheet_sides);
        let mut sides = Sides::build(&ctx, footer.as_ref(), &sheet_sides);
        add_descriptions(&mut ctx, fixture.as_ref(), &sides);
        let prose_end = footer.as_ref().map_or(doc.text.len(), |f| f.start);
        let keepers = keepers(&ctx, footer.as_ref());
        let mut found = Vec::new();
        for s in ctx.sentences.iter().filter(|s| s.span.end <= prose_end) {
            let mut here = Vec::new();
            if !rules::SHOOTOUT.is_match(&s.template) {
                goals(s, &mut here);
                saves(s, &keepers, &mut here);
                misses(s, &keepers, &mut here);
            }
            cards(s, &mut here);
            substitutions(s, &mut here);
            date(s, ctx.text(), &mut here);
            credit_teams(s, &mut here);
            found.extend(here);
        }
        resolve_relative(&mut found);
        for c in &found {
            tracing::debug!(id = %doc.id, minute = ?c.minute, confidence = c.confidence, count = c.count, "candidate {:?}", c.kind);
        }
        if let Some(f) = &footer {
            found.extend(footer_events(&ctx, f, &sheet_sides));
        }
        let mut events = merge(found);
        let mut info = fixture;
        let warnings = info
            .as_mut()
            .map(|i| assign_teams(&mut events, &mut sides, i, config))
            .unwrap_or_default();
        (finish(events, &ctx), info, warnings)
    };
    doc.events = events;
    doc.match_info = fixture;
    doc.warnings.extend(warnings);
}

/// The canonical name of the person mention covering a byte range, else the one whose
/// name contains the given text, else the text itself.
pub fn person_at(ctx: &Context, start: usize, end: usize, text: &str) -> Option<String> {
    name_at(ctx, start, end, text, Kind::Person)
}

fn side_at(ctx: &Context, start: usize, end: usize, text: &str) -> Option<String> {
    name_at(ctx, start, end, text, Kind::Side)
}

fn name_at(ctx: &Context, start: usize, end: usize, text: &str, kind: Kind) -> Option<String> {
    let covering = ctx
        .doc
        .mentions
        .iter()
        .zip(&ctx.mention_spans)
        .find(|(m, s)| m.label.kind() == kind && s.start < end && start < s.end);
    if let Some((m, _)) = covering {
        return Some(m.canonical().to_string());
    }
    let w = words(text);
    let names: HashSet<&str> = ctx
        .doc
        .mentions
        .iter()
        .filter(|m| m.label.kind() == kind && contains_words(&words(m.canonical()), &w))
        .map(|m| m.canonical())
        .collect();
    match names.len() {
        1 => names.into_iter().next().map(str::to_string),
        _ => (!text.trim().is_empty()).then(|| text.trim().to_string()),
    }
}

/// Turns descriptions into slots: "the visitors" → the away side, "Peter Bosz's side"
/// → his side, "the Dane" → the most recent player before it (not one already named in
/// the sentence).
fn add_descriptions(ctx: &mut Context, info: Option<&MatchInfo>, sides: &Sides) {
    static SIDE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bthe (?:visitors|hosts|home side|home team|away side|away team|visiting side|visiting team|travelling side)\b").expect("valid rule")
    });
    let mut additions: Vec<(usize, Range<usize>, Label, String)> = Vec::new();
    for (i, s) in ctx.sentences.iter().enumerate() {
        let text = &ctx.doc.text[s.span.clone()];
        for m in SIDE_WORDS.find_iter(text) {
            let side = match (side_of_description(m.as_str()), info) {
                (Some(Venue::Home), Some(i)) => i.home.clone(),
                (Some(Venue::Away), Some(i)) => i.away.clone(),
                _ => None,
            };
            if let Some(side) = side {
                additions.push((
                    i,
                    s.span.start + m.start()..s.span.start + m.end(),
                    Label::Club,
                    side,
                ));
            }
        }
        for (range, side) in sides.coach_phrase_side(s) {
            additions.push((
                i,
                s.text_pos(range.start)..s.text_pos(range.end),
                Label::Club,
                side,
            ));
        }
        for m in rules::DESCRIPTION.find_iter(text) {
            let named: Vec<&str> = s
                .slots
                .iter()
                .filter(|x| x.label.kind() == Kind::Person)
                .map(|x| x.name.as_str())
                .collect();
            let earlier = ctx.sentences[..i].iter().rev().map(|p| {
                p.slots
                    .iter()
                    .filter(|x| x.label == Label::Player)
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
            });
            if let Some(name) = antecedent(earlier, &named) {
                additions.push((
                    i,
                    s.span.start + m.start()..s.span.start + m.end(),
                    Label::Player,
                    name.to_string(),
                ));
            }
        }
    }
    for (i, span, label, name) in additions {
        ctx.add_virtual(i, span, label, name);
    }
}

/// Goalkeepers: called so ("keeper Ben Foster", "Spurs stopper Lloris"), first in a
/// team sheet, or the subject of an unmistakable save.
fn keepers(ctx: &Context, footer: Option<&Footer>) -> HashSet<String> {
    static CUES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"(?:goalkeeper|keeper|stopper|shot-stopper|custodian|number one|gloveman|netminder|no 1)s? @P(?P<k>[a-z]+)",
            r"@P(?P<k>[a-z]+),? (?:the|their|his|her|a|an) (?:[\w-]+ ){0,2}?(?:goalkeeper|keeper|stopper|shot-stopper)",
            r"@P(?P<k>[a-z]+) (?:was |were |is )?(?:in goal|between the sticks|between the posts)",
            r"@P(?P<k>[a-z]+)(?: [\w'’-]+){0,4}? (?:saved|tipped|parried|palmed|clawed|made (?:a|an|another|two|three|several) (?:[\w-]+ ){0,2}?saves?|produced (?:a|an|another) (?:[\w-]+ ){0,2}?save)",
            r"@P(?P<k>[a-z]+)'s (?:[\w-]+ ){0,2}?(?:save|saves|goalkeeping|clean sheet)",
        ]
        .iter()
        .map(|p| Regex::new(&format!("(?i){p}")).expect("valid rule"))
        .collect()
    });
    let mut out = HashSet::new();
    for s in &ctx.sentences {
        for re in CUES.iter() {
            for c in re.captures_iter(&s.template) {
                if let Some(slot) = c.name("k").and_then(|k| s.slot(k.as_str())) {
                    out.insert(fold(&slot.name));
                }
            }
        }
    }
    for sheet in footer.map(|f| f.sheets.as_slice()).unwrap_or_default() {
        if let Some(first) = sheet.starters.first() {
            if let Some(p) = person_at(ctx, first.start, first.end, &first.text) {
                out.insert(fold(&p));
            }
        }
    }
    out
}

fn slot_of<'s>(s: &'s Sentence, c: &Captures, role: &str) -> Option<&'s Slot> {
    c.name(role).and_then(|m| s.slot(m.as_str()))
}

fn candidate(s: &Sentence, kind: EventKind, anchor_slot: &Slot, confidence: f32) -> Candidate {
    Candidate {
        kind,
        minute: None,
        relative: None,
        evidence: s.span.clone(),
        anchor: anchor_slot.span.start,
        confidence,
        count: 1,
        from_footer: false,
    }
}

/// Goals told in one sentence.
fn goals(s: &Sentence, out: &mut Vec<Candidate>) {
    let t = &s.template;
    if rules::NOT_A_GOAL.is_match(t) {
        return;
    }
    let mut own_goals: Vec<(&Slot, f32)> = Vec::new();
    for r in rules::OWN_GOAL_RULES.iter() {
        for c in r.captures_iter(t) {
            if let Some(x) = slot_of(s, &c, "scorer") {
                add_scorer(&mut own_goals, x, 0.85);
            }
        }
    }
    let mut scorers: Vec<(&Slot, f32)> = Vec::new();
    for r in rules::GOAL_RULES.iter() {
        for c in r.captures_iter(t) {
            if let Some(x) = slot_of(s, &c, "scorer").filter(|_| !completion_is_a_shot(t, &c)) {
                add_scorer(&mut scorers, x, 0.85);
            }
        }
    }
    let has_save_or_miss = rules::SAVE_RULES
        .iter()
        .chain(rules::MISS_RULES.iter())
        .any(|r| r.is_match(t));
    if rules::GOAL_CUE.is_match(t) && !has_save_or_miss {
        for r in rules::WEAK_GOAL_RULES.iter() {
            for c in r.captures_iter(t) {
                if let Some(x) = slot_of(s, &c, "scorer") {
                    add_scorer(&mut scorers, x, 0.6);
                }
            }
        }
    }
    scorers.retain(|(x, _)| !own_goals.iter().any(|(o, _)| o.name == x.name));
    for (slot, conf) in own_goals {
        out.push(candidate(
            s,
            goal_kind(&slot.name, None, true, false, false),
            slot,
            conf,
        ));
    }
    for (slot, conf) in scorers {
        let kind = goal_kind(
            &slot.name,
            assister_for(s, slot),
            false,
            penalty_near(t),
            header_near(t),
        );
        let mut cand = candidate(s, kind, slot, conf);
        cand.count = goal_count(t, s, slot);
        out.push(cand);
    }
}

fn add_scorer<'s>(list: &mut Vec<(&'s Slot, f32)>, slot: &'s Slot, confidence: f32) {
    if slot.label == Label::Player && !list.iter().any(|(x, _)| x.name == slot.name) {
        list.push((slot, confidence));
    }
}

fn goal_kind(
    scorer: &str,
    assister: Option<String>,
    own_goal: bool,
    penalty: bool,
    header: bool,
) -> EventKind {
    EventKind::Goal {
        scorer: scorer.to_string(),
        assister,
        team: None,
        penalty,
        own_goal,
        header,
    }
}

/// "whipped in a cross" is not a goal: a delivery verb with a bare "in" followed by a
/// ball noun describes a delivery ("headed in a corner", with a finishing verb, is one).
fn completion_is_a_shot(t: &str, c: &Captures) -> bool {
    static DELIVERY_VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:whipped|whips|swung|swings|sent|sends|fired|fires|curled|curls|floated|drilled|delivered|lofted|clipped|played|put|rolled|slid|threaded|squared|chipped|bent|hooked|knocked|pumped|lifted)(?: [\w'’-]+){0,6}? in$").expect("valid rule")
    });
    static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^ in (?:a|an|the|his|her|another)? ?(?:[\w-]+ ){0,2}?(?:cross|corner|pass|ball|free-kick|delivery|centre|shot|effort|low shot|header|strike|drive|volley|attempt|tackle|challenge|the box|the area|behind|front|midfield|space|off)").expect("valid rule")
    });
    let end = c.get(0).map_or(0, |m| m.end());
    let whole = c.get(0).map_or("", |m| m.as_str());
    DELIVERY_VERB.is_match(whole) && DELIVERY.is_match(&t[end.saturating_sub(3)..])
}

fn assister_for(s: &Sentence, scorer: &Slot) -> Option<String> {
    rules::ASSIST_RULES.iter().find_map(|r| {
        r.captures_iter(&s.template).find_map(|c| {
            let a = slot_of(s, &c, "assister")?;
            if a.label != Label::Player || a.name == scorer.name {
                return None;
            }
            match slot_of(s, &c, "scorer") {
                Some(sc) if sc.name != scorer.name => None,
                _ => Some(a.name.clone()),
            }
        })
    })
}

fn penalty_near(t: &str) -> bool {
    static PEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:penalty|spot-kick|spot kick|from the spot|from the penalty spot|from 12 yards|from twelve yards|pen)\b(?: (?:area|box|appeal|appeals|claim|claims|shout|shouts|shoot-out|shootout))?").expect("valid rule")
    });
    PEN.find_iter(t).any(|m| {
        let s = m.as_str().to_lowercase();
        !["area", "box", "appeal", "claim", "shout", "shoot"]
            .iter()
            .any(|w| s.contains(w))
    })
}

fn header_near(t: &str) -> bool {
    static HEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:headed|header|heads|heading|nodded|nods|glanced)\b")
            .expect("valid rule")
    });
    HEAD.is_match(t)
}

/// "scored twice", "his double", "a hat-trick": how many goals one phrase stands for.
fn goal_count(t: &str, s: &Sentence, scorer: &Slot) -> u32 {
    static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)@P(?P<p>[a-z]+)(?:'s)? (?:[\w-]+ ){0,3}?(?P<n>twice|double|brace|hat-trick|hat trick|three times|four times|two goals|three goals|four goals)").expect("valid rule")
    });
    COUNTS
        .captures_iter(t)
        .filter(|c| {
            c.name("p")
                .and_then(|p| s.slot(p.as_str()))
                .is_some_and(|x| x.name == scorer.name)
        })
        .map(|c| match c["n"].to_lowercase().as_str() {
            "hat-trick" | "hat trick" | "three times" | "three goals" => 3,
            "four times" | "four goals" => 4,
            _ => 2,
        })
        .max()
        .unwrap_or(1)
}

fn saves(s: &Sentence, keepers: &HashSet<String>, out: &mut Vec<Candidate>) {
    static WEAK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(rules::WEAK_SAVE_VERB).expect("valid rule"));
    let t = &s.template;
    let mut seen: Vec<(String, Option<String>)> = Vec::new();
    for r in rules::SAVE_RULES.iter() {
        for c in r.captures_iter(t) {
            let Some(keeper) = slot_of(s, &c, "keeper").filter(|k| k.label == Label::Player) else {
                continue;
            };
            let verb = c.get(0).map_or("", |m| m.as_str());
            let is_keeper = keepers.contains(&fold(&keeper.name));
            if !is_keeper && WEAK.is_match(verb) && !verb.to_lowercase().contains("save") {
                continue;
            }
            let shooter = slot_of(s, &c, "shooter")
                .or_else(|| shooter_in(s, keeper))
                .filter(|x| x.label == Label::Player && x.name != keeper.name)
                .map(|x| x.name.clone());
            if seen
                .iter()
                .any(|(k, sh)| *k == keeper.name && (*sh == shooter || shooter.is_none()))
            {
                continue;
            }
            seen.retain(|(k, sh)| !(*k == keeper.name && sh.is_none()));
            seen.push((keeper.name.clone(), shooter.clone()));
            let conf = if is_keeper { 0.85 } else { 0.7 };
            out.retain(|x| !matches!(&x.kind, EventKind::Save { goalkeeper, shooter: None } if *goalkeeper == keeper.name && x.evidence == s.span));
            out.push(candidate(
                s,
                EventKind::Save {
                    goalkeeper: keeper.name.clone(),
                    shooter,
                },
                keeper,
                conf,
            ));
        }
    }
}

fn shooter_in<'s>(s: &'s Sentence, keeper: &Slot) -> Option<&'s Slot> {
    rules::SHOOTER_RULES.iter().find_map(|r| {
        r.captures_iter(&s.template)
            .find_map(|c| slot_of(s, &c, "shooter").filter(|x| x.name != keeper.name))
    })
}

fn misses(s: &Sentence, keepers: &HashSet<String>, out: &mut Vec<Candidate>) {
    let t = &s.template;
    let saved = out
        .iter()
        .any(|c| matches!(c.kind, EventKind::Save { .. }) && c.evidence == s.span);
    let scored_in_off =
        t.contains(" in off ") || t.contains(" and in") || t.contains("off the post and");
    if saved || scored_in_off {
        return;
    }
    for r in rules::MISS_RULES.iter() {
        for c in r.captures_iter(t) {
            let Some(p) = slot_of(s, &c, "player")
                .filter(|p| p.label == Label::Player && !keepers.contains(&fold(&p.name)))
            else {
                continue;
            };
            let goal_here = out.iter().any(|x| {
                matches!(&x.kind, EventKind::Goal { scorer, .. } if *scorer == p.name)
                    && x.evidence == s.span
            });
            if goal_here
                || out.iter().any(|x| {
                    matches!(&x.kind, EventKind::Miss { player } if *player == p.name)
                        && x.evidence == s.span
                })
            {
                continue;
            }
            out.push(candidate(
                s,
                EventKind::Miss {
                    player: p.name.clone(),
                },
                p,
                0.7,
            ));
        }
    }
}

fn cards(s: &Sentence, out: &mut Vec<Candidate>) {
    let t = &s.template;
    if rules::NOT_A_CARD.is_match(t) {
        return;
    }
    for r in rules::CARD_RULES.iter() {
        for c in r.captures_iter(t) {
            let Some(p) = slot_of(s, &c, "player").filter(|p| p.label == Label::Player) else {
                continue;
            };
            let phrase = c.get(0).map_or("", |m| m.as_str());
            let card = if rules::RED.is_match(phrase) {
                Card::Red
            } else {
                Card::Yellow
            };
            if out.iter().any(|x| matches!(&x.kind, EventKind::Card { player, card: k } if *player == p.name && *k == card) && x.evidence == s.span) {
                continue;
            }
            out.push(candidate(
                s,
                EventKind::Card {
                    player: p.name.clone(),
                    card,
                },
                p,
                0.8,
            ));
        }
    }
}

fn substitutions(s: &Sentence, out: &mut Vec<Candidate>) {
    for r in rules::SUB_RULES.iter() {
        for c in r.captures_iter(&s.template) {
            let (Some(i), Some(o)) = (slot_of(s, &c, "in"), slot_of(s, &c, "out")) else {
                continue;
            };
            if i.name == o.name || out.iter().any(|x| matches!(&x.kind, EventKind::Substitution { player_in, .. } if *player_in == i.name)) {
                continue;
            }
            out.push(candidate(
                s,
                EventKind::Substitution {
                    player_in: i.name.clone(),
                    player_out: Some(o.name.clone()),
                },
                i,
                0.8,
            ));
        }
    }
}

/// Gives each event of a sentence the nearest minute phrase in it.
fn date(s: &Sentence, text: &str, here: &mut [Candidate]) {
    let found = minutes::find_minutes(&text[s.span.clone()]);
    if found.is_empty() {
        return;
    }
    // As many minute phrases as events: they pair up in order ("X scored in the 104th
    // minute before Y levelled in the 117th").
    if found.len() == here.len() && here.len() > 1 {
        let mut order: Vec<usize> = (0..here.len()).collect();
        order.sort_by_key(|&i| here[i].anchor);
        for (i, m) in order.into_iter().zip(&found) {
            here[i].minute = m.minute;
            here[i].relative = m.relative;
        }
        return;
    }
    for c in here.iter_mut() {
        let anchor = c.anchor.saturating_sub(s.span.start);
        let nearest = found.iter().min_by_key(|m| {
            let d = if m.start >= anchor {
                m.start - anchor
            } else {
                anchor - m.end
            };
            // A minute after the event's subject is likelier its own than one before.
            d + if m.start < anchor { 20 } else { 0 }
        });
        if let Some(m) = nearest {
            c.minute = m.minute;
            c.relative = m.relative;
        }
    }
}

fn resolve_relative(found: &mut [Candidate]) {
    let mut last = None;
    for c in found.iter_mut() {
        if let (None, Some(r), Some(prev)) = (c.minute, c.relative, last) {
            c.minute = Some(prev + r);
        }
        if c.minute.is_some() {
            last = c.minute;
        }
    }
}

fn footer_events(ctx: &Context, f: &Footer, sheet_sides: &[Option<String>]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let line_of = |start: usize| {
        let text = ctx.text();
        let a = text[..start].rfind('\n').map_or(0, |p| p + 1);
        let b = text[start..].find('\n').map_or(text.len(), |p| start + p);
        a..b
    };
    let mut push = |kind: EventKind, minute: Option<u32>, at: usize| {
        out.push(Candidate {
            kind,
            minute,
            relative: None,
            evidence: line_of(at),
            anchor: at,
            confidence: 0.95,
            count: 1,
            from_footer: true,
        });
    };
    for (k, sheet) in f.sheets.iter().enumerate() {
        let side = sheet_sides.get(k).cloned().flatten();
        let name = |n: &footer::SheetName| person_at(ctx, n.start, n.end, &n.text);
        for g in &sheet.goals {
            let Some(scorer) = name(&g.name) else {
                continue;
            };
            // Footers list goals under the side credited; an own goal's scorer is not
            // of that side, but the credit is.
            let team = side.clone();
            push(
                EventKind::Goal {
                    scorer,
                    assister: None,
                    team,
                    penalty: g.penalty,
                    own_goal: g.own_goal,
                    header: false,
                },
                g.minute,
                g.name.start,
            );
        }
        for (i, o, minute) in &sheet.substitutions {
            if let (Some(pi), Some(po)) = (name(i), name(o)) {
                push(
                    EventKind::Substitution {
                        player_in: pi,
                        player_out: Some(po),
                    },
                    *minute,
                    i.start,
                );
            }
        }
        for b in &sheet.booked {
            if let Some(p) = name(b) {
                push(
                    EventKind::Card {
                        player: p,
                        card: Card::Yellow,
                    },
                    None,
                    b.start,
                );
            }
        }
        for (p, minute) in &sheet.sent_off {
            if let Some(n) = name(p) {
                push(
                    EventKind::Card {
                        player: n,
                        card: Card::Red,
                    },
                    *minute,
                    p.start,
                );
            }
        }
    }
    out
}

/// One event per real-world event: candidates of the same type and primary role whose
/// minutes agree (or are unknown) are one event; a footer's goal list is complete.
fn merge(found: Vec<Candidate>) -> Vec<Candidate> {
    let footer_has_goals = found
        .iter()
        .any(|c| c.from_footer && matches!(c.kind, EventKind::Goal { .. }));
    let mut out: Vec<Candidate> = Vec::new();
    // Footer first: it is the most exact about minutes; prose then adds detail.
    let (footer, prose): (Vec<Candidate>, Vec<Candidate>) =
        found.into_iter().partition(|c| c.from_footer);
    for c in footer.into_iter().chain(prose) {
        let is_goal = matches!(c.kind, EventKind::Goal { .. });
        let same = out.iter().position(|o| same_event(o, &c));
        match same {
            Some(i) => absorb(&mut out[i], c),
            None if is_goal && footer_has_goals && !c.from_footer => {}
            None => out.push(c),
        }
    }
    expand_counts(out)
}

fn same_event(a: &Candidate, b: &Candidate) -> bool {
    let primary = |c: &Candidate| fold(c.kind.primary().1);
    if a.kind.type_name() != b.kind.type_name() || primary(a) != primary(b) {
        return false;
    }
    let minutes = match (a.minute, b.minute) {
        (Some(x), Some(y)) => Some(x.abs_diff(y) <= 3),
        _ => None,
    };
    let same_sentence = a.evidence == b.evidence;
    match (&a.kind, &b.kind) {
        // A keeper makes many saves and a player misses many chances: only the same
        // sentence, the same minute, or the same named shooter makes them one.
        (EventKind::Save { shooter: x, .. }, EventKind::Save { shooter: y, .. }) => {
            let shooters = match (x, y) {
                (Some(x), Some(y)) => Some(fold(x) == fold(y)),
                _ => None,
            };
            same_sentence
                || (minutes == Some(true) && shooters != Some(false))
                || (minutes.is_none() && shooters == Some(true))
        }
        (EventKind::Miss { .. }, EventKind::Miss { .. }) => same_sentence || minutes == Some(true),
        (EventKind::Card { card: x, .. }, EventKind::Card { card: y, .. }) => x == y,
        _ => minutes != Some(false),
    }
}

/// Folds what `b` adds into `a`.
fn absorb(a: &mut Candidate, b: Candidate) {
    a.minute = a.minute.or(b.minute);
    a.confidence = a.confidence.max(b.confidence);
    a.count = a.count.max(b.count);
    match (&mut a.kind, b.kind) {
        (
            EventKind::Goal {
                assister,
                team,
                penalty,
                own_goal,
                header,
                ..
            },
            EventKind::Goal {
                assister: a2,
                team: t2,
                penalty: p2,
                own_goal: o2,
                header: h2,
                ..
            },
        ) => {
            *assister = assister.take().or(a2);
            *team = team.take().or(t2);
            *penalty |= p2;
            *own_goal |= o2;
            *header |= h2;
        }
        (EventKind::Save { shooter, .. }, EventKind::Save { shooter: s2, .. }) => {
            *shooter = shooter.take().or(s2)
        }
        (
            EventKind::Substitution { player_out, .. },
            EventKind::Substitution { player_out: o2, .. },
        ) => *player_out = player_out.take().or(o2),
        _ => {}
    }
}

/// "X scored twice" with only one dated goal found becomes two goals.
fn expand_counts(events: Vec<Candidate>) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut per_scorer: HashMap<String, usize> = HashMap::new();
    for e in &events {
        if let EventKind::Goal { scorer, .. } = &e.kind {
            *per_scorer.entry(fold(scorer)).or_default() += 1;
        }
    }
    for e in events {
        let extra = match &e.kind {
            EventKind::Goal { scorer, .. } if !e.from_footer => {
                (e.count as usize).saturating_sub(per_scorer[&fold(scorer)])
            }
            _ => 0,
        };
        for _ in 0..extra {
            let mut copy = e.clone();
            copy.minute = None;
            copy.confidence *= 0.8;
            out.push(copy);
        }
        out.push(e);
    }
    out
}

/// Credits each goal to a side and checks the goals against the stated score.
/// Without a stated score, the goals found (all credited) give it.
fn assign_teams(
    events: &mut [Candidate],
    sides: &mut Sides,
    info: &mut MatchInfo,
    config: &EventsConfig,
) -> Vec<String> {
    let (home, away) = match info {
        MatchInfo {
            home: Some(h),
            away: Some(a),
            ..
        } => (h.clone(), a.clone()),
        _ => return Vec::new(),
    };
    let other = |side: &str| {
        if fold(side) == fold(&home) {
            away.clone()
        } else {
            home.clone()
        }
    };
    for e in events.iter_mut() {
        if let EventKind::Goal {
            scorer,
            team,
            own_goal,
            ..
        } = &mut e.kind
        {
            if team.is_none() {
                *team = sides
                    .side_of(scorer)
                    .map(|s| if *own_goal { other(s) } else { s.to_string() });
            }
            if let Some(t) = team
                .as_ref()
                .filter(|t| fold(t) == fold(&home) || fold(t) == fold(&away))
            {
                if !*own_goal {
                    sides.vote(scorer, t, 0.5);
                }
            } else {
                *team = None;
            }
        }
    }
    let count = |events: &[Candidate], side: &str| {
        events.iter().filter(|e| matches!(&e.kind, EventKind::Goal { team: Some(t), .. } if fold(t) == fold(side))).count() as u32
    };
    let (Some(hs), Some(aws)) = (info.home_score, info.away_score) else {
        if events
            .iter()
            .all(|e| !matches!(&e.kind, EventKind::Goal { team: None, .. }))
        {
            info.home_score = Some(count(events, &home));
            info.away_score = Some(count(events, &away));
        }
        return Vec::new();
    };
    // Goals nobody could credit go to the side still short of its score.
    let mut unassigned: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(&e.kind, EventKind::Goal { team: None, .. }))
        .map(|(i, _)| i)
        .collect();
    unassigned.sort_by_key(|&i| events[i].anchor);
    for i in unassigned {
        let (h, a) = (count(events, &home), count(events, &away));
        let side = match (h < hs, a < aws) {
            (true, false) => Some(home.clone()),
            (false, true) => Some(away.clone()),
            _ => None,
        };
        if let EventKind::Goal { team, .. } = &mut events[i].kind {
            *team = side;
        }
    }
    let mut warnings = Vec::new();
    for (side, want) in [(&home, hs), (&away, aws)] {
        let got = count(events, side);
        if got > want && config.enforce_score {
            drop_weakest(events, side, got - want);
        }
        let got = count(events, side);
        if got != want {
            warnings.push(format!(
                "goals credited to {side}: {got}, but the stated score gives {want}"
            ));
            for e in events
                .iter_mut()
                .filter(|e| matches!(&e.kind, EventKind::Goal { .. }))
            {
                e.confidence *= 0.8;
            }
        }
    }
    warnings
}

fn drop_weakest(events: &mut [Candidate], side: &str, n: u32) {
    let mut of_side: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(&e.kind, EventKind::Goal { team: Some(t), .. } if fold(t) == fold(side)))
        .map(|(i, _)| i)
        .collect();
    of_side.sort_by(|&a, &b| {
        events[a]
            .confidence
            .total_cmp(&events[b].confidence)
            .then(events[a].minute.is_some().cmp(&events[b].minute.is_some()))
    });
    for &i in of_side.iter().take(n as usize) {
        events[i].confidence = -1.0;
    }
}

/// The side each goal of a sentence is credited to, where the sentence says so ("put
/// Spurs ahead", "for the visitors").
fn credit_teams(s: &Sentence, here: &mut [Candidate]) {
    static HINTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"(?:put|puts|gave|gives|fired|headed|sent|edged|nudged|handed|earned|restored|hand|give|drew|shot) @S(?P<team>[a-z]+)(?:'s?)? (?:[\w-]+ ){0,2}?(?:ahead|in front|the lead|into the lead|a \d+-\d+ lead|(?:a )?(?:two|three|four)-goal (?:lead|advantage|cushion)|level|back in front|back on terms|hope|parity|the win|victory|a lifeline|the advantage|a deserved|the points|three points|a point)",
            r"@S(?P<team>[a-z]+) (?:went|were|got|pulled|drew|moved|found themselves) (?:[\w-]+ ){0,2}?(?:ahead|in front|level|\d+-\d+ up|back into it|one back|two up|three up|back on terms)",
            r"(?:scored|scores|netted|equalised|levelled|struck|equaliser|opener|winner|goal|goals|leveller|consolation|reply|double|brace|hat-trick|own goal|lead) (?:[\w-]+ ){0,2}?for @S(?P<team>[a-z]+)",
            r"@S(?P<team>[a-z]+)(?:'s)? (?:[\w-]+ )?(?:opener|equaliser|winner|leveller|consolation|reply)\b",
            r"@S(?P<team>[a-z]+) (?:led|lead|took the lead|take the lead|equalised|levelled|doubled|pulled one back|hit back|replied|responded|struck|went ahead|scored|restored|extended)",
        ]
        .iter()
        .map(|p| Regex::new(&format!("(?i){p}")).expect("valid rule"))
        .collect()
    });
    let hints: Vec<&Slot> = HINTS
        .iter()
        .flat_map(|r| {
            r.captures_iter(&s.template)
                .filter_map(|c| slot_of(s, &c, "team"))
                .collect::<Vec<_>>()
        })
        .filter(|slot| slot.label.kind() == Kind::Side)
        .collect();
    // A phrase belongs to the event whose subject comes last before it ("X equalised
    // for Harlow, and Y struck again"); phrases before the first event, to the first.
    let mut anchors: Vec<usize> = here.iter().map(|c| c.anchor).collect();
    anchors.sort_unstable();
    let owner = |pos: usize| {
        anchors
            .iter()
            .rev()
            .find(|&&a| a <= pos)
            .or(anchors.first())
            .copied()
    };
    for c in here.iter_mut() {
        let best = hints
            .iter()
            .filter(|h| owner(h.span.start) == Some(c.anchor))
            .min_by_key(|h| h.span.start.abs_diff(c.anchor));
        if let (EventKind::Goal { team, .. }, Some(h)) = (&mut c.kind, best) {
            *team = Some(h.name.clone());
        }
    }
}

/// Final events in match order, with evidence in chars.
fn finish(mut events: Vec<Candidate>, ctx: &Context) -> Vec<Event> {
    events.retain(|e| e.confidence >= 0.0);
    events.sort_by_key(|e| (e.minute.unwrap_or(u32::MAX), e.anchor));
    events
        .into_iter()
        .map(|c| Event {
            kind: c.kind,
            minute: c.minute,
            evidence: Some(ctx.chars(&c.evidence)),
            score: Some((c.confidence * 100.0).round() / 100.0),
        })
        .collect()
}
