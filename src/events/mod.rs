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
//!    Learned rankers check and complete what they read: `keeper` who kept goal in each
//!    save, `stop` a save no rule reads by a goalkeeper the sentence names, `partner` a
//!    save's shooter or a goal's assister the rule leaves out.
//! 6. merging: a goal told in the intro, in detail and in the footer is one goal.
//! 7. `article`: two sides named in a transfer story, a preview or a column are no match:
//!    a learned ranker reads whether the article is a match report at all.
//! 8. consistency: goals per side must add up to a headline's score, or where no headline
//!    states one to the score `score`'s learned ranker decides from what the prose tells
//!    (the results it tells, the scores it writes, the goals read); a mismatch lowers the
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
//!     doc.mentions.push(Mention::new(start, start + name.chars().count(), label, name));
//! }
//! resolve(&mut doc, &CorefConfig::default());
//! extract(&mut doc, &EventsConfig::default());
//! let m = doc.match_info.as_ref().unwrap();
//! assert_eq!((m.home.as_deref(), m.home_score, m.away_score), (Some("Arsenal"), Some(1), Some(0)));
//! assert_eq!(doc.events.len(), 2);
//! assert_eq!(doc.events[0].kind.primary().1, "Bukayo Saka");
//! assert_eq!(doc.events[0].minute, Some(23));
//! ```

pub mod article;
pub mod context;
pub mod credit;
pub mod footer;
pub mod home;
pub mod keeper;
pub mod minutes;
pub mod model;
pub mod partner;
pub mod ranker;
pub mod result;
pub mod rules;
pub mod score;
pub mod sides;
pub mod stop;

use crate::coref::{antecedent, side_of_description, Venue};
use crate::doc::{Card, Doc, Event, EventKind, Kind, Label, MatchInfo};
use crate::names::{contains_words, fold, words};
use article::Shape;
use context::{Context, Sentence, Slot};
use footer::Footer;
use partner::Partner;
use ranker::Ranker;
use regex::{Captures, Regex, RegexBuilder};
use score::{Evidence, Score};
use sides::{fixture_name, Sides};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// Compiles one of the relation stage's patterns. Word classes and boundaries are ASCII
/// (see `ascii_words`), and the lazy DFA's transition cache is capped below the regex
/// crate's default: with a hundred case-insensitive rules, default caches kept growing
/// to about 200 MB over a batch of 787 reports.
pub(crate) fn rule_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_words(pattern))
        .dfa_size_limit(1 << 18)
        .build()
}

/// Rewrites `\w` as the ASCII word class and `\b` as the ASCII word boundary. The rules
/// read English templates whose names are slot codes, so what they match is the same
/// (787 BBC reports give identical events), but Unicode word classes made the lazy DFAs
/// so large that they kept giving up for the slow engines: the relation stage took 3x
/// as long.
fn ascii_words(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match (c, in_class) {
            ('\\', _) => match (chars.next(), in_class) {
                (Some('w'), true) => out.push_str("0-9A-Za-z_"),
                (Some('w'), false) => out.push_str("[0-9A-Za-z_]"),
                (Some('b'), false) => out.push_str(r"(?-u:\b)"),
                (Some(n), _) => {
                    out.push('\\');
                    out.push(n);
                }
                (None, _) => out.push('\\'),
            },
            ('[', false) | (']', true) => {
                in_class = !in_class;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Options for the relation stage.
#[derive(Debug, Clone)]
pub struct EventsConfig {
    /// Drop the least certain goals when more are found than a stated score allows.
    pub enforce_score: bool,
    /// Who reads events in the prose: the rule tables, the role model, or both. The
    /// rules by default: on the team's dev and test gold a role model trained by today's
    /// recipe reads fewer events right than they do (README, "Rules or model").
    pub reader: Reader,
    /// A mention plays a role when the role model gives it at least this probability.
    pub threshold: f32,
    /// How the final score is decided when no headline states it.
    pub score_from: ScoreFrom,
    /// The ranker `ScoreFrom::Ranker` uses (`score::shipped` by default).
    pub score_ranker: Arc<Ranker>,
    /// How home and away are decided when no headline states them.
    pub home_from: Decider,
    /// The ranker `home_from` uses (`home::shipped` by default).
    pub home_ranker: Arc<Ranker>,
    /// Who names the shooter of a save whose rule names none. Its threshold is 0.6: on
    /// real-dev, 0.5 names more shooters right (0.658 against 0.615 of matched saves) but
    /// costs save F1 (0.623 against 0.634), as wrong shooters split saves that would
    /// match.
    pub shooter: PartnerConfig,
    /// Who names the assister of a goal whose rule names none. Its threshold is 0.7: on
    /// real-dev, assister right (of matched goals) is 0.629 at 0.5 and 0.6, 0.677 at 0.7
    /// and 0.8; at 0.5 goal team right drops 0.839 -> 0.823 (an assister lends the scorer
    /// his side); dev 0.695 up to 0.7, 0.676 at 0.8.
    pub assister: PartnerConfig,
    /// Who kept goal in a save the rules read: whether the keeper ranker may drop the
    /// save or give it to another player of its sentence, at least this probable.
    pub keeper: PartnerConfig,
    /// Whether a goalkeeper named in a sentence where the rules read no save of his made
    /// one (`stop`): the stop ranker reads a save where at least this probable.
    pub stop: PartnerConfig,
    /// Which side a goal read in the prose is credited to: whether the credit ranker
    /// credits it where at least this probable, before the cascade of readings.
    pub credit: PartnerConfig,
    /// With `enforce_score`, goals beyond an inferred score are dropped only when the
    /// ranker gives it at least this probability.
    pub enforce_inferred: f32,
    /// Whether an article naming two sides is checked for being a match report.
    pub match_check: MatchCheck,
    /// The ranker `MatchCheck::Ranker` uses (`article::shipped` by default).
    pub article_ranker: Arc<Ranker>,
    /// Below this probability of being a match report, an article gives no match.
    pub article_threshold: f32,
}

impl Default for EventsConfig {
    fn default() -> Self {
        EventsConfig {
            enforce_score: true,
            reader: Reader::Rules,
            threshold: 0.5,
            score_from: ScoreFrom::Ranker,
            score_ranker: Arc::new(score::shipped().clone()),
            home_from: Decider::Ranker,
            home_ranker: Arc::new(home::shipped().clone()),
            shooter: PartnerConfig::shipped(Partner::Shooter, 0.6),
            assister: PartnerConfig::shipped(Partner::Assister, 0.7),
            keeper: PartnerConfig::ranker(keeper::shipped(), 0.5),
            stop: PartnerConfig::ranker(stop::shipped(), 0.5),
            credit: PartnerConfig::ranker(credit::shipped(), 0.85),
            enforce_inferred: 0.5,
            match_check: MatchCheck::Ranker,
            article_ranker: Arc::new(article::shipped().clone()),
            article_threshold: 0.5,
        }
    }
}

/// Where the final score comes from when no headline states it (a headline's always
/// wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFrom {
    /// The first result phrase's score ("Leeds beat Wolves 2-1"), else the goals counted
    /// when every goal read is credited to a side (else no score): the rules before the
    /// ranker.
    Counted,
    /// The learned ranker of `score` over every candidate score, weighing the results the
    /// prose tells against the goals read.
    Ranker,
}

/// Who makes a choice that the rules make one way and a learned ranker another: home
/// and away when no headline states them (`home`), a saved shot's shooter or a goal's
/// assister where the rules name none (`partner`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Decider {
    /// The rules alone. Home and away: the first decisive of cue phrases and grounds,
    /// the team sheets' order, else the side a result phrase tells as the winner, or the
    /// side named first. Shooters and assisters: only those the rules read.
    Rules,
    /// The learned ranker, weighing those and more cues.
    Ranker,
}

/// How one party of an event is chosen by a learned ranker: a partner
/// (`partner::Partner`) where its rule names none, the keeper of a save (`keeper`).
#[derive(Debug, Clone)]
pub struct PartnerConfig {
    /// The rules alone, or the learned ranker too.
    pub from: Decider,
    /// The ranker (the shipped one by default).
    pub ranker: Arc<Ranker>,
    /// It names a partner only at least this probable.
    pub threshold: f32,
}

impl PartnerConfig {
    fn shipped(partner: Partner, threshold: f32) -> PartnerConfig {
        Self::ranker(partner.shipped(), threshold)
    }

    fn ranker(ranker: &Ranker, threshold: f32) -> PartnerConfig {
        PartnerConfig {
            from: Decider::Ranker,
            ranker: Arc::new(ranker.clone()),
            threshold,
        }
    }
}

/// Which articles naming two sides give no match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchCheck {
    /// Only those with no stated score, no team sheet and no event (the rule before the
    /// ranker).
    Rule,
    /// Those too that the learned article ranker reads as no match report.
    Ranker,
}

/// Who reads events in the prose (team sheets are always read by their parser).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Reader {
    /// The regular-expression tables of `rules`.
    Rules,
    /// The role model's reading of each mention (`model`).
    Model,
    /// Both, each event once: the model's where both read the same one.
    Both,
}

/// How a warning that the goals do not add up to the final score begins.
const SCORE_WARNING: &str = "goals credited to ";

/// How the warning that the final score was inferred begins.
const INFERRED_WARNING: &str = "final score inferred";

/// How the warning that an article was read as no match report begins.
const NOT_A_MATCH_WARNING: &str = "no match";

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
    /// A goal told as the match winner (true) or a consolation (false): the winning or
    /// losing side scored it.
    decided: Option<bool>,
    /// What read it: a rule table, the role model (with the role and its probability),
    /// or the team sheet; written to the event as `by`.
    by: String,
    /// Other tellings of the prose that merging folded into this event (`merge`), kept
    /// for a stated score to take back as goals of their own (`split_retold`).
    retold: Vec<Candidate>,
    /// A goal read only from a weak goal noun in a sentence that says no goal happened
    /// ("Hill's towering header"): it counts only to make up a stated score
    /// (`make_up_score`).
    tentative: bool,
    /// For a goal, the goalkeeper its sentence says the scorer beat ("slotted past Reed"):
    /// the two play for opposite sides (`spread_sides`).
    beaten: Option<String>,
    /// For a goal that levels or replies after its sentence put a side ahead ("Reed put
    /// Leeds ahead but Hill levelled"), that side: the goal is the other's.
    against: Option<String>,
}

/// What the events stage decided from beyond the record, for the trainers of its rankers.
#[derive(Debug, Clone, Default)]
pub struct Read {
    /// What the report says about its score when no headline states it (`train --score`).
    pub score: Option<Evidence>,
    /// How the article reads, where it names two sides (`train --article`).
    pub article: Option<Shape>,
    /// What the report says about home and away when no headline states them (`train
    /// --score`).
    pub home: Option<home::Evidence>,
    /// Who kept goal in each save the rules read (`train --keeper`).
    pub keepers: Vec<keeper::Choice>,
    /// Whether each goalkeeper named where the rules read no save of his made one
    /// (`train --stop`).
    pub stops: Vec<stop::Choice>,
    /// Home or away for each goal read in the prose (`train --credit`).
    pub credits: Vec<credit::Choice>,
}

/// Adds events and the match to `doc` (mentions must carry canonical names).
pub fn extract(doc: &mut Doc, config: &EventsConfig) -> Read {
    let footer = footer::parse_footer(&doc.text);
    let (events, fixture, warnings, read) = {
        let mut ctx = Context::new(doc);
        let mut sheet_sides: Vec<Option<String>> = footer
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
        let mut found_fixture = result::find(&ctx, &sheet_sides);
        let mut sides = Sides::build(&ctx, footer.as_ref(), &sheet_sides);
        // Label-stripped team sheets are named once the match is known: their people
        // vote for their sides, and the fixture is read again with their order, as for
        // labelled ones.
        let stripped = footer
            .as_ref()
            .zip(found_fixture.as_ref())
            .and_then(|(f, x)| {
                let (h, a) = x.info.home.as_deref().zip(x.info.away.as_deref())?;
                sides.align([h, a]);
                Some((f, sides.stripped_sheet_sides(&ctx, f, [h, a])?))
            });
        if let Some((f, named)) = stripped {
            sides.vote_sheets(&ctx, f, &named);
            sheet_sides = named;
            found_fixture = result::find(&ctx, &sheet_sides);
        }
        let headline = found_fixture.as_ref().is_some_and(|f| f.headline);
        let mut fixture = found_fixture.map(|f| f.info);
        // Without a headline, home and away are weighed again with what else the report
        // says (and the players' sides now known).
        let mut home_read = None;
        if let Some(f) = fixture.as_mut().filter(|_| !headline) {
            if let Some((h, a)) = f.home.clone().zip(f.away.clone()) {
                let e = home::Evidence::read(&ctx, &sides, (&h, &a));
                tracing::debug!(id = %doc.id, "home evidence for {h} against {a}: {:?}", e.votes);
                if config.home_from == Decider::Ranker && !e.first_at_home(&config.home_ranker).0 {
                    std::mem::swap(&mut f.home, &mut f.away);
                    std::mem::swap(&mut f.home_score, &mut f.away_score);
                }
                home_read = Some(e);
            }
        }
        let called = called_keepers(&ctx, footer.as_ref());
        let keepers = keepers(&ctx, called.clone());
        add_descriptions(&mut ctx, fixture.as_ref(), &sides, &keepers);
        let prose_end = footer.as_ref().map_or(doc.text.len(), |f| f.start);
        // Tentative goals are read only where a stated score can take them.
        let takes_tentative = score_stated(headline, config) && config.enforce_score;
        // Every sentence is read first: whether a save's subject kept goal is weighed
        // against what the whole report has him do.
        let mut told: Vec<(&Sentence, Vec<Candidate>)> = Vec::new();
        for s in ctx.sentences.iter().filter(|s| s.span.end <= prose_end) {
            tracing::trace!(id = %doc.id, "sentence {}", s.template);
            told.push((
                s,
                read_sentence(&ctx, s, (&keepers, &called), config, takes_tentative),
            ));
        }
        let report = keeper::Report::read(
            &ctx,
            called,
            told.iter().flat_map(|(s, here)| {
                here.iter()
                    .filter(|c| !c.tentative)
                    .map(|c| (s.span.start, &c.kind))
            }),
        );
        let mut keeper_choices = Vec::new();
        let mut stop_choices = Vec::new();
        let mut found: Vec<Candidate> = Vec::new();
        // Tentative goals stay aside, each with its sentence's minute and side, until a
        // stated score asks for them.
        let mut tentative = Vec::new();
        // A sentence that tells no event but dates or credits one ("The Imps were level
        // eight minutes later.") lends that to the events of the sentence after it.
        let mut lender: Option<&Sentence> = None;
        // The sentence before, where it says shoot-out: its kickers may be listed next.
        let mut after_shootout: Option<&Sentence> = None;
        // Where the sentence before told a goal, the last one (its index in `found`): a
        // sentence that rules a goal out takes back that one.
        let mut last_goal: Option<usize> = None;
        for (s, mut here) in told {
            // A shoot-out's kicks are no goals, saves or misses: nothing is read in its
            // sentence, nor in a list of its kickers straight after it.
            let says_shootout = rules::SHOOTOUT.is_match(&s.template);
            let kicks = shootout_kicks(ctx.text(), after_shootout, s, says_shootout, &here);
            after_shootout = says_shootout.then_some(s);
            if kicks {
                here.retain(|c| !is_shot(&c.kind));
            }
            let (mut weak, mut here): (Vec<_>, Vec<_>) =
                here.into_iter().partition(|c| c.tentative);
            date(s, ctx.text(), &mut weak);
            credit_teams(s, &mut weak);
            tentative.extend(weak);
            let stops = match kicks {
                true => Vec::new(),
                false => stop_choices_in(&ctx, s, &keepers, &report, &here),
            };
            check_keepers(
                &ctx,
                s,
                &report,
                &config.keeper,
                &mut here,
                &mut keeper_choices,
            );
            read_stops(s, &stops, &config.stop, &mut here);
            stop_choices.extend(stops);
            name_partners(&ctx, s, &keepers, config, &mut here);
            second_shooters(s, &mut here);
            possessive_shooters(&ctx, s, &keepers, &mut here);
            date(s, ctx.text(), &mut here);
            credit_teams(s, &mut here);
            if let Some(prev) = lender.filter(|_| !here.is_empty()) {
                let goals_only = here
                    .iter()
                    .all(|c| matches!(c.kind, EventKind::Goal { .. }));
                // A sentence with its own time, even a vague one ("on the stroke of
                // half-time"), keeps it.
                if goals_only && minutes::find_minutes(&ctx.text()[s.span.clone()]).is_empty() {
                    date(prev, ctx.text(), &mut here);
                }
                if here
                    .iter()
                    .all(|c| matches!(&c.kind, EventKind::Goal { team: None, .. }))
                {
                    credit_teams(prev, &mut here);
                }
            }
            if let Some(i) = last_goal.filter(|_| takes_back_goal(s, &here)) {
                tracing::debug!(id = %doc.id, "goal taken back: {:?}", found[i].kind);
                found.remove(i);
            }
            lender = here.is_empty().then_some(s);
            last_goal = here
                .iter()
                .rposition(|c| matches!(c.kind, EventKind::Goal { .. }))
                .map(|i| found.len() + i);
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
        // Two sides named in a preview or a transfer story did not play each other: with
        // no score, no team sheet and no match event there is no match to report.
        if info.as_ref().is_some_and(|i| i.home_score.is_none())
            && events.is_empty()
            && footer.is_none()
        {
            info = None;
        }
        // Two sides named in a news story, a preview or a column are no match either: the
        // article ranker reads how the article reads (kept for `touchline train --article`).
        let mut article = None;
        let mut warnings = Vec::new();
        let fixture_score = info.as_ref().is_some_and(|i| i.home_score.is_some());
        if let Some((home, away)) = info
            .as_ref()
            .and_then(|i| i.home.as_deref().zip(i.away.as_deref()))
        {
            let told = Told {
                score: fixture_score,
                sheet: footer.is_some(),
            };
            let shape = article_shape(&ctx, prose_end, (home, away), &events, told);
            // Both sides' team sheets are what a match report ends in: the ranker reads
            // the articles without them (a sheet-only report has too little prose for it).
            let sheets = footer.as_ref().is_some_and(|f| f.sheets.len() == 2);
            if config.match_check == MatchCheck::Ranker && !sheets {
                let p = shape.probability(&config.article_ranker);
                if p < config.article_threshold {
                    warnings.push(format!("{NOT_A_MATCH_WARNING}: read as another kind of article (match report probability {p:.2})"));
                    info = None;
                }
            }
            article = Some(shape);
        }
        // With no stated score, what the prose says of it decides it (and is kept for
        // `touchline train --score`).
        let mut evidence = None;
        let decide = |events: &[Candidate], home: &str, away: &str| {
            let prose: Vec<&Sentence> = ctx
                .sentences
                .iter()
                .filter(|s| s.span.end <= prose_end)
                .collect();
            let (score, read) = decide_score(events, &prose, (home, away), config);
            evidence = Some(read);
            score
        };
        let mut credits = Vec::new();
        if let Some(i) = info.as_mut() {
            warnings.extend(assign_teams(
                (&mut events, tentative),
                &mut sides,
                (i, headline),
                &ctx,
                config,
                decide,
                &mut credits,
            ));
        }
        let read = Read {
            score: evidence,
            article,
            home: home_read,
            keepers: keeper_choices,
            stops: stop_choices,
            credits,
        };
        (finish(events, &ctx), info, warnings, read)
    };
    doc.events = events;
    doc.match_info = fixture;
    // Relating a record again replaces this stage's warnings rather than adding to them.
    doc.warnings.retain(|w| {
        ![SCORE_WARNING, INFERRED_WARNING, NOT_A_MATCH_WARNING]
            .iter()
            .any(|s| w.starts_with(s))
    });
    doc.warnings.extend(warnings);
    read
}

/// What a report states outright: a score (headline or result phrase), a team sheet.
struct Told {
    score: bool,
    sheet: bool,
}

/// How the article reads, for the article ranker.
fn article_shape(
    ctx: &Context,
    prose_end: usize,
    sides: (&str, &str),
    events: &[Candidate],
    told: Told,
) -> Shape {
    let prose: Vec<&Candidate> = events.iter().filter(|c| !c.from_footer).collect();
    let spans: Vec<Range<usize>> = prose.iter().map(|c| c.evidence.clone()).collect();
    let goals = prose
        .iter()
        .filter(|c| matches!(c.kind, EventKind::Goal { .. }))
        .count() as u32;
    Shape {
        stated_score: told.score,
        sheet: told.sheet,
        goals,
        other_events: prose.len() as u32 - goals,
        ..Shape::read(ctx, prose_end, sides, &spans)
    }
}

/// The final score of a match whose report states none, by `config.score_from`, with
/// its probability, and what the prose says of it.
fn decide_score(
    events: &[Candidate],
    prose: &[&Sentence],
    (home, away): (&str, &str),
    config: &EventsConfig,
) -> (Option<(Score, f32)>, Evidence) {
    let goals = events
        .iter()
        .filter(|e| e.confidence >= 0.0 && matches!(e.kind, EventKind::Goal { .. }))
        .count() as u32;
    let evidence = Evidence::read(
        prose,
        (home, away),
        goals_for(events, home),
        goals_for(events, away),
        goals,
    );
    let score = match config.score_from {
        ScoreFrom::Counted => evidence.counted().map(|score| (score, 1.0)),
        ScoreFrom::Ranker => Some(evidence.best(&config.score_ranker)),
    };
    tracing::debug!("score for {home} against {away}: {score:?} from {evidence:?}");
    (score, evidence)
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
/// the sentence, unless the description opens a clause right after the name).
fn add_descriptions(
    ctx: &mut Context,
    info: Option<&MatchInfo>,
    sides: &Sides,
    keepers: &HashSet<String>,
) {
    static SIDE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\bthe (?:visitors|hosts|home side|home team|away side|away team|visiting side|visiting team|travelling side)\b").expect("valid rule")
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
            // "The Swiss goalkeeper" is one of the goalkeepers, whoever was named last.
            let keeper = text[m.start()..]
                .split_whitespace()
                .take(4)
                .any(|w| w.to_lowercase().contains("keeper"));
            let earlier = ctx.sentences[..i].iter().rev().map(|p| {
                p.slots
                    .iter()
                    .filter(|x| {
                        x.label == Label::Player && (!keeper || keepers.contains(&fold(&x.name)))
                    })
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
            });
            // A description opening a clause ("…, and the Belgian bent it in") may be the
            // player just named; one in object position ("to deny the Dane") is not.
            static CLAUSE_START: LazyLock<Regex> = LazyLock::new(|| {
                rule_regex(r"(?i)(?:^|[,;:(—–]|\b(?:and|but|then|before|as|while|when|so|after|until|where|only for))$").expect("valid rule")
            });
            let opens_clause = CLAUSE_START.is_match(text[..m.start()].trim_end());
            let here = described_here(s, text, m.start())
                .filter(|n| opens_clause && (!keeper || keepers.contains(&fold(n))));
            if let Some(name) = here.or_else(|| antecedent(earlier, &named)) {
                additions.push((
                    i,
                    s.span.start + m.start()..s.span.start + m.end(),
                    Label::Player,
                    name.to_string(),
                ));
            }
        }
    }
    additions.extend(pronoun_subjects(ctx));
    additions.extend(latter_and_former(ctx));
    for (i, span, label, name) in additions {
        ctx.add_virtual(i, span, label, name);
    }
}

/// "He slotted in the equaliser": a sentence opening with he or she continues with the
/// player the sentence before ended on, as a description would ("…for Beerensteyn.
/// She took one touch").
fn pronoun_subjects(ctx: &Context) -> Vec<(usize, Range<usize>, Label, String)> {
    static OPENING: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(r"^\W*(He|She)\b").expect("valid rule"));
    let mut out = Vec::new();
    for (i, pair) in ctx.sentences.windows(2).enumerate() {
        let (before, s) = (&pair[0], &pair[1]);
        let Some(he) = OPENING
            .captures(&ctx.doc.text[s.span.clone()])
            .and_then(|c| c.get(1))
        else {
            continue;
        };
        if before
            .slots
            .iter()
            .rev()
            .find(|x| x.label.kind() == Kind::Person)
            .map(|x| x.label)
            != Some(Label::Player)
        {
            continue;
        }
        let prev = &ctx.doc.text[before.span.clone()];
        if let Some(name) = described_here(before, prev, prev.len()) {
            let at = s.span.start + he.start()..s.span.start + he.end();
            out.push((i + 1, at, Label::Player, name.to_string()));
        }
    }
    out
}

/// "A and B both tested the keeper, with the latter scoring late": "the latter" is the
/// second of the last pair of players named before it ("A and B"), "the former" the first;
/// with no such pair, the last player named and the one before him, counting from the
/// sentence before when this one names fewer than two. Not "the latter stages", nor "the former
/// Leeds striker" (`DESCRIPTION` reads that) or "the former sprinter".
fn latter_and_former(ctx: &Context) -> Vec<(usize, Range<usize>, Label, String)> {
    static WHICH: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\bthe (latter|former)\b(?:'s)?(?P<next>[ \t]+[\w-]+)?")
            .expect("valid rule")
    });
    // What follows a pointing "the latter" is what a subject does ("scored", "was", "also
    // missing"); what follows a determiner is a noun ("stages", "sprinter").
    static DOES: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"^(?:[a-z-]+(?:ed|ing|s|ly)|had|could|would|should|did|then|who|with|put|hit|set|got|made|won|struck|shot|went|saw|ran|beat|cut|let)$").expect("valid rule")
    });
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"^(?:stages|minutes|moments|years|months|weeks|exchanges|rounds|halves|parts|seconds)$").expect("valid rule")
    });
    static PAIRED: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(r"^,? and (?:[\w-]+ ){0,2}?$").expect("valid rule"));
    let mut out = Vec::new();
    for (i, s) in ctx.sentences.iter().enumerate() {
        let text = &ctx.doc.text[s.span.clone()];
        for c in WHICH.captures_iter(text) {
            let (Some(all), Some(which)) = (c.get(0), c.get(1)) else {
                continue;
            };
            // "The former Leeds striker" describes; "the former scored" points back.
            if let Some(next) = c.name("next").map(|n| n.as_str().trim()) {
                if !DOES.is_match(next) || TIME.is_match(next) {
                    continue;
                }
            }
            let at = s.span.start + all.start();
            let named_before = |x: &&Slot| x.label == Label::Player && x.span.end <= at;
            let here: Vec<&Slot> = s.slots.iter().filter(named_before).collect();
            // "A and B tested the keeper, with the latter…": the pair, not the keeper.
            let pair = here
                .windows(2)
                .rev()
                .find(|w| PAIRED.is_match(&ctx.doc.text[w[0].span.end..w[1].span.start]));
            let mut named: Vec<&str> = Vec::new();
            let earlier = match (pair, here.len() < 2 && i > 0) {
                (Some(w), _) => w.to_vec(),
                (None, true) => ctx.sentences[i - 1].slots.iter().chain(here).collect(),
                (None, false) => here,
            };
            for x in earlier.into_iter().filter(named_before) {
                if named.last() != Some(&x.name.as_str()) {
                    named.push(x.name.as_str());
                }
            }
            if named.len() < 2 {
                continue;
            }
            let latter = which.as_str().eq_ignore_ascii_case("latter");
            let name = named[named.len() - if latter { 1 } else { 2 }];
            let span = at..s.span.start + which.end();
            out.push((i, span, Label::Player, name.to_string()));
        }
    }
    out
}

/// Nouns for a ball played to a team-mate, never a finish of one's own.
const PASS_NOUNS: &str = "cross|pass|centre|delivery|through-ball|cut-back|cutback|lay-off";

/// "the opener from @Pa's low cross": the one whose cross made the goal did not score it.
fn passer_named(t: &str, c: &Captures) -> bool {
    static PASS: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(&format!(
            r"(?i)^['’]s? (?:[\w-]+ ){{0,2}}?(?:{PASS_NOUNS})\b"
        ))
        .expect("valid rule")
    });
    c.name("scorer")
        .is_some_and(|m| PASS.is_match(&t[m.end()..]))
}

/// The player a description refers back to within its own sentence: the latest one named
/// before it who `points_back`.
fn described_here<'s>(s: &'s Sentence, text: &str, at: usize) -> Option<&'s str> {
    s.slots
        .iter()
        .rev()
        .filter(|x| x.label == Label::Player && x.span.end <= s.span.start + at)
        .find(|x| points_back(s, text, x))
        .map(|x| x.name.as_str())
}

/// Whether a description or a pronoun may point back to player `x` of sentence `s` (its
/// `text`): not the one passing the ball ("Rice slipped it into Trossard's path, and the
/// Belgian bent…") nor the defender beaten on the way ("between Meite and Ben Haim").
fn points_back(s: &Sentence, text: &str, x: &Slot) -> bool {
    static PASSER: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(&format!(r"(?i)^(?:'s? (?:[\w-]+ ){{0,2}}?(?:{PASS_NOUNS}|ball|free-kick|corner|flick|header)|,? (?:[\w-]+ ){{0,2}}?(?:threaded|crossed|found|played|rolled|slipped|squared|picked out|teed up|laid|fed|released|whipped|swung|floated|delivered|clipped|chipped|lofted|sent|put|nodded|headed|flicked|cut|pulled|drilled|curled))\b")).expect("valid rule")
    });
    static BEATEN: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:between|past|beyond|around|round|over|under|across|away from|inside|outside|beat|beating|replaced|replacing|instead of|in place of)$|\bbetween (?:[\w'-]+ ){1,4}and$|\bon (?:[\w'-]+ ){0,3}?for$").expect("valid rule")
    });
    let (from, to) = (x.span.start - s.span.start, x.span.end - s.span.start);
    !PASSER.is_match(&text[to..]) && !BEATEN.is_match(text[..from].trim_end())
}

/// Goalkeepers: those `called` so (`called_keepers`), the subjects of unmistakable saves
/// (`save_subject`), and the players a shot beats.
pub(crate) fn keepers(ctx: &Context, called: HashSet<String>) -> HashSet<String> {
    static SAVING: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"@P(?P<k>[a-z]+)'s (?:[\w-]+ ){0,2}?(?:save|saves|goalkeeping|clean sheet)\b",
            // The player a shot beats: "powered a header beyond Reed", "slotted past Ward".
            r"\b(?:fired|curled|headed|nodded|drilled|slotted|placed|poked|lifted|chipped|powered|steered|stroked|rifled|lashed|smashed|swept|tucked|volleyed|bent|side-footed|rolled|dinked|scooped|squeezed|fire|curl|head|nod|drill|slot|place|poke|lift|chip|power|steer|stroke|rifle|lash|smash|sweep|tuck|volley|bend|roll|dink|scoop|squeeze|header|shot|strike|effort|finish|drive|lob)(?: [\w'’-]+){0,4}? (?:beyond|past) (?:the (?:[\w-]+ )?)?@P(?P<k>[a-z]+)",
        ]
        .iter()
        .map(|p| rule_regex(&format!("(?i){p}")).expect("valid rule"))
        .collect()
    });
    // A save only a goalkeeper makes ("tipped", "parried", "a fine save") names one too;
    // "diving" only where a keeper dives ("a diving stop", "diving to his left"), not a
    // shooter's "diving header".
    static STRONG: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:save|saved|saves|saving|tip|tipped|tipping|parr|palm|claw|smother|spread|full[- ]length|dive|dived|diving (?:[\w-]+ )?(?:save|stop|block|catch|to|low|left|right|away|across))").expect("valid rule")
    });
    // What parts a player from the save word after him: another player, his possessive, a
    // passive ("Hill's header was saved") or a shooter's verb ("Hill forced saves from").
    static NOT_HIS_SAVE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)@|^(?:'|’)|\b(?:was|were|been|being|is|are|saw|had (?:a|an|his|her|another|one|two)|forced|forcing|drew|drawing|tested|testing|brought|bringing)\b").expect("valid rule")
    });
    // The subject of a save verb ("Reed saved", "Reed made a fine save").
    static SAVED: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)@P(?P<k>[a-z]+)(?: [\w'’-]+){0,4}? (?:saved|tipped|parried|palmed|clawed|to (?:save|tip|parry|palm|claw)|(?:spread|spreading) (?:himself|herself)|off (?:his|her) line|full[- ]length|made (?:a|an|another|two|three|several) (?:[\w-]+ ){0,2}?saves?|produced (?:a|an|another) (?:[\w-]+ ){0,2}?save)").expect("valid rule")
    });
    let mut out = called;
    for s in &ctx.sentences {
        // The first save rule: the keeper as the subject of a save verb, where a save
        // only a keeper makes follows him.
        for c in rules::SAVE_RULES[0].regex.captures_iter(&s.template) {
            out.extend(save_subject(s, &c, "keeper", |after| {
                STRONG
                    .find(after)
                    .is_some_and(|x| !NOT_HIS_SAVE.is_match(&after[..x.start()]))
            }));
        }
        for c in SAVED.captures_iter(&s.template) {
            out.extend(save_subject(s, &c, "k", |after| {
                !NOT_HIS_SAVE.is_match(after)
            }));
        }
        out.extend(cued(s, &SAVING));
    }
    out
}

/// The folded name captured as `key` in `c`, where the match's text after it passes `is_save`.
fn save_subject(
    s: &Sentence,
    c: &Captures,
    key: &str,
    is_save: impl Fn(&str) -> bool,
) -> Option<String> {
    let (m, k) = (c.get(0)?, c.name(key)?);
    let slot = s.slot(k.as_str())?;
    is_save(&m.as_str()[k.end() - m.start()..]).then(|| fold(&slot.name))
}

/// Players called goalkeepers ("keeper Ben Foster", "Spurs stopper Lloris", "Kim, the
/// Korean keeper", "in goal") or first in a team sheet: what a player is, not what the
/// rules read him doing.
pub(crate) fn called_keepers(ctx: &Context, footer: Option<&Footer>) -> HashSet<String> {
    static CALLED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        [
            r"(?:goalkeeper|keeper|stopper|shot-stopper|custodian|number one|gloveman|netminder|no 1)s? @P(?P<k>[a-z]+)",
            r"@P(?P<k>[a-z]+),? (?:the|their|his|her|a|an) (?:[\w-]+ ){0,2}?(?:goalkeeper|keeper|stopper|shot-stopper)",
            r"@P(?P<k>[a-z]+) (?:was |were |is )?(?:in goal|between the sticks|between the posts)",
        ]
        .iter()
        .map(|p| rule_regex(&format!("(?i){p}")).expect("valid rule"))
        .collect()
    });
    let mut out: HashSet<String> = ctx
        .sentences
        .iter()
        .flat_map(|s| cued(s, &CALLED))
        .collect();
    for sheet in footer.map(|f| f.sheets.as_slice()).unwrap_or_default() {
        if let Some(first) = sheet.starters.first() {
            if let Some(p) = person_at(ctx, first.start, first.end, &first.text) {
                out.insert(fold(&p));
            }
        }
    }
    out
}

/// Folded names of the players `cues` name (group `k`) in sentence `s`.
pub(crate) fn cued(s: &Sentence, cues: &[Regex]) -> Vec<String> {
    cues.iter()
        .flat_map(|re| re.captures_iter(&s.template))
        .filter_map(|c| c.name("k").and_then(|k| s.slot(k.as_str())))
        .map(|slot| fold(&slot.name))
        .collect()
}

fn slot_of<'s>(s: &'s Sentence, c: &Captures, role: &str) -> Option<&'s Slot> {
    c.name(role).and_then(|m| s.slot(m.as_str()))
}

/// An event read by the rule named `rule` (or by the idea of a function that combines
/// rules): `by` is "rule goal finish-into-net".
fn candidate(
    s: &Sentence,
    kind: EventKind,
    anchor_slot: &Slot,
    confidence: f32,
    rule: &str,
) -> Candidate {
    let by = format!("rule {} {rule}", kind.type_name());
    read_candidate(s, kind, anchor_slot, confidence, by)
}

/// An event read from sentence `s`, `by` saying what read it.
fn read_candidate(
    s: &Sentence,
    kind: EventKind,
    anchor_slot: &Slot,
    confidence: f32,
    by: String,
) -> Candidate {
    Candidate {
        by,
        kind,
        minute: None,
        relative: None,
        evidence: s.span.clone(),
        anchor: anchor_slot.span.start,
        confidence,
        count: 1,
        from_footer: false,
        decided: None,
        retold: Vec::new(),
        tentative: false,
        beaten: None,
        against: None,
    }
}

/// Goals told in one sentence; with `tentative`, also the tentative ones
/// (`Candidate::tentative`).
/// `keepers`: every goalkeeper the report reads; `called`: those it calls one, the only
/// ones sure enough to rule out as scorers.
fn goals(
    s: &Sentence,
    (keepers, called): (&HashSet<String>, &HashSet<String>),
    tentative: bool,
    out: &mut Vec<Candidate>,
) {
    // "It was his 14th league goal of the campaign": a comment on a goal told before.
    static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^\W*(?:it|that|this) (?:was|is) (?:[^\d\s]|$)").expect("valid rule")
    });
    let t = &s.template;
    if COMMENT.is_match(t) {
        return;
    }
    let mut own_goals: Vec<Scorer> = Vec::new();
    for r in rules::OWN_GOAL_RULES.iter() {
        for c in r.regex.captures_iter(t) {
            if let Some(x) = subject(s, &c, "scorer").filter(|_| !denied(t, &c)) {
                add_scorer(&mut own_goals, x, 0.85, r.name);
            }
        }
    }
    let mut scorers: Vec<Scorer> = Vec::new();
    for r in rules::GOAL_RULES.iter() {
        for c in r.regex.captures_iter(t) {
            if let Some(x) = subject(s, &c, "scorer").filter(|x| {
                !completion_is_a_shot(t, &c)
                    && !passer_named(t, &c)
                    && !denied(t, &c)
                    && !misread_finish(t, &c)
                    && !guarded_goal(&c, x, keepers)
            }) {
                add_scorer(&mut scorers, x, 0.85, r.name);
            }
        }
    }
    let beat = &*rules::BEAT_KEEPER;
    for c in beat.regex.captures_iter(t) {
        let keeper = slot_of(s, &c, "keeper").is_some_and(|k| keepers.contains(&fold(&k.name)));
        if let Some(x) = subject(s, &c, "scorer").filter(|_| keeper && !denied(t, &c)) {
            add_scorer(&mut scorers, x, 0.75, beat.name);
        }
    }
    let has_save_or_miss = rules::SAVE_RULES
        .iter()
        .chain(rules::MISS_RULES.iter())
        .any(|r| r.regex.is_match(t));
    // A weak goal noun counts where the sentence says a goal happened, or already tells
    // one ("sandwiched between James' opener and Pulisic's close-range finish").
    // Elsewhere it is only tentative: it may make up a stated score.
    let cued = rules::GOAL_CUE.is_match(t) || !scorers.is_empty();
    let mut weak: Vec<Scorer> = Vec::new();
    if (cued || tentative) && !has_save_or_miss && !rules::NOT_A_GOAL.is_match(t) {
        for r in rules::WEAK_GOAL_RULES.iter() {
            for c in r.regex.captures_iter(t) {
                if let Some(x) = subject(s, &c, "scorer").filter(|_| !shot_went_on(t, &c)) {
                    add_scorer(&mut weak, x, 0.6, r.name);
                }
            }
        }
    }
    let mut tentative = if cued {
        for (x, conf, rule) in weak {
            add_scorer(&mut scorers, x, conf, rule);
        }
        Vec::new()
    } else {
        weak
    };
    let listed: Vec<(&Slot, f32)> = scorers
        .iter()
        .flat_map(|&(x, conf, _)| coordinated(s, x).into_iter().map(move |y| (y, conf)))
        .collect();
    for (y, conf) in listed {
        add_scorer(&mut scorers, y, conf, "scorer-list");
    }
    scorers.retain(|(x, _, _)| !own_goals.iter().any(|(o, _, _)| o.name == x.name));
    // A goalkeeper the report calls one scores only into his own net, whatever rule or
    // list read him ("his shot rebounded off Ward's legs and he slid the ball home": a
    // pronoun's finish falls back on the keeper named before it); own goals are read above.
    let keeps_goal = |(x, _, _): &Scorer| called.contains(&fold(&x.name));
    scorers.retain(|x| !keeps_goal(x));
    tentative.retain(|x| !keeps_goal(x));
    for (slot, conf, rule) in own_goals {
        out.push(candidate(
            s,
            goal_kind(&slot.name, None, true, false, false),
            slot,
            conf,
            rule,
        ));
    }
    let alone = scorers.len() == 1;
    let told = scorers.into_iter().map(|x| (x, false));
    for ((slot, conf, rule), tentative) in told.chain(tentative.into_iter().map(|x| (x, true))) {
        let kind = goal_kind(
            &slot.name,
            assister_for(s, slot),
            false,
            penalty_near(t),
            header_near(t),
        );
        let mut cand = candidate(s, kind, slot, conf, rule);
        cand.beaten = beaten_keeper(s, slot, keepers);
        cand.count = goal_count(t, s, slot);
        cand.decided = decided(t, s, slot, alone);
        cand.tentative = tentative;
        out.push(cand);
    }
}

/// The goalkeeper the sentence says `scorer` beat (`rules::BEATEN_KEEPER`), where he is
/// one of the report's goalkeepers.
fn beaten_keeper(s: &Sentence, scorer: &Slot, keepers: &HashSet<String>) -> Option<String> {
    let rule = &rules::BEATEN_KEEPER.regex;
    rule.captures_iter(&s.template).find_map(|c| {
        let keeper = slot_of(s, &c, "keeper")?;
        let beat = subject(s, &c, "scorer").is_some_and(|x| std::ptr::eq(x, scorer))
            && keeper.name != scorer.name
            && keepers.contains(&fold(&keeper.name))
            && !clause_before_name(c.get(0)?.as_str());
        beat.then(|| keeper.name.clone())
    })
}

/// "@Pa's free-kick was headed in by @Pb", "@Pa's shot was parried", "@Pa's header
/// went out for a corner": the shot a weak goal noun names went on to someone or
/// somewhere else. A deflection in or a goal "cancelled out" is still the shooter's.
fn shot_went_on(t: &str, c: &Captures) -> bool {
    static ON: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^,? (?:(?:was|were) (?:[a-z]+ly )?(?:saved|parried|blocked|cleared|headed|nodded|turned|flicked|diverted|tipped|palmed|pushed|punched|clawed|kept|held|caught|met|knocked|helped|touched|fumbled|spilled|allowed|collected|gathered|smothered|stopped|deflected wide|deflected over)|(?:went|flew|sailed|drifted|bounced|rebounded|hit|struck|came) (?:(?:just|narrowly|agonisingly|inches|high|harmlessly|straight|back) )?(?:out|wide|over|off|against|back))\b").expect("valid rule")
    });
    c.get(0).is_some_and(|whole| ON.is_match(&t[whole.end()..]))
}

/// "past the wall and @Pb": a clause starts before the name, so the ball did not go past
/// that player.
fn clause_before_name(told: &str) -> bool {
    static CLAUSE_BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:past|beyond|over|under|beneath|around|round|through) (?:[\w'’-]+ ){0,3}?(?:and|but|as|before|while|when|until|where|only for) @P[a-z]+$").expect("valid rule")
    });
    CLAUSE_BEFORE_NAME.is_match(told)
}

/// "peppering Ward's goal with efforts": a goalkeeper's goal is the one he guards, not
/// one he scored.
fn guarded_goal(c: &Captures, scorer: &Slot, keepers: &HashSet<String>) -> bool {
    let told = c.get(0).map_or("", |m| m.as_str());
    keepers.contains(&fold(&scorer.name))
        && (told.contains('\'') || told.contains('’'))
        && told.ends_with(" goal")
        && !told.ends_with(" own goal")
}

/// A player's slot in a template; group 1 is its code.
static PLAYER_SLOT: LazyLock<Regex> =
    LazyLock::new(|| rule_regex(r"@P([a-z]+)\b").expect("valid rule"));

/// The other players of a list the scorer closes or opens: "Cole, Phillips and Benson
/// scored", "goals from Devoy, Grigg and a late brace from Grant". A list counts only
/// where it starts a clause, so "Neto found Dendoncker and Jota scored" credits Jota alone.
fn coordinated<'s>(s: &'s Sentence, scorer: &Slot) -> Vec<&'s Slot> {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)(?:^\W*(?:[\w-]+ )?|[,;:(—–] |\b(?:as|when|while|after|before|but|then|with|substitutes|both) )(?P<list>(?:@P[a-z]+, )*@P[a-z]+,? (?:and|&) )(?:[a-z][\w-]* )?$").expect("valid rule")
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?P<list>(?:, @P[a-z]+)*,? (?:and|&) (?:[\w-]+ ){0,3}?(?:an? (?:[\w-]+ )?(?:brace|double|goal|strike|header|penalty) (?:from|by) )?@P[a-z]+)").expect("valid rule")
    });
    static GOALS_FROM: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:goals|strikes|efforts|finishes|headers) (?:from|by) $")
            .expect("valid rule")
    });
    let t = &s.template;
    let Some(Range { start: at, end }) = s.template_span(scorer) else {
        return Vec::new();
    };
    let mut list = String::new();
    if let Some(c) = BEFORE.captures(&t[..at]) {
        list.push_str(&c["list"]);
    }
    if GOALS_FROM.is_match(&t[..at]) {
        if let Some(c) = AFTER.captures(&t[end..]) {
            list.push_str(&c["list"]);
        }
    }
    PLAYER_SLOT
        .captures_iter(&list)
        .filter_map(|c| s.slot(c.get(1)?.as_str()))
        .filter(|x| x.name != scorer.name)
        .collect()
}

/// Whether the words around a match say this goal did not happen in this game
/// ("scored 31 goals last season", "had a goal ruled out").
fn denied(t: &str, c: &Captures) -> bool {
    let Some(m) = c.get(0) else { return false };
    let mut from = t.floor_char_boundary(m.start().saturating_sub(40));
    // "…seven straight wins in all competitions, and Stanway swept them ahead": what
    // another clause says before this one does not deny its goal.
    let clause_break = [", and ", " but ", " before ", "; ", " - ", ", while "]
        .iter()
        .filter_map(|b| t[from..m.start()].rfind(b).map(|i| from + i + b.len()))
        .max();
    from = clause_break.unwrap_or(from);
    let mut to = t.ceil_char_boundary((m.end() + 40).min(t.len()));
    // "Reed, who scored twice in midweek, curled in the winner": an aside about the scorer that
    // the goal's words read past says nothing about this goal.
    static ASIDE: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(r"(?i), (?:who|whose) [^,;]*,").expect("valid rule"));
    // A goal told inside an aside is read with all of it ("Reed, who scored the only
    // goal in the last meeting between these sides, hit the post").
    if let Some(a) = ASIDE
        .find_iter(&t[from..])
        .find(|a| from + a.start() < m.end() && m.end() <= from + a.end())
    {
        to = to.max(from + a.end());
    }
    let mut around = String::new();
    let mut kept = from;
    for a in ASIDE.find_iter(&t[from..to]) {
        if m.end() > from + a.end() {
            around.push_str(&t[kept..from + a.start()]);
            kept = from + a.end();
        }
    }
    around.push_str(&t[kept..to]);
    rules::NOT_A_GOAL.is_match(&around)
        || rules::ANOTHER_DAYS_GOAL.is_match(&t[m.end()..])
        || rules::TAKEN_BACK_AFTER.is_match(&t[m.end()..])
}

/// The player a subject-first rule ("@Pa fired home") really credits. Where the matched
/// name is an object ("Barnes escaped @Pa to glance a header", "from @Pa's cross"), the
/// subject is the nearest player named before it in the clause, or no one. A name after
/// "for", "to" or "found" receives the ball and stays ("crossed for @Pa to head in").
fn subject<'s>(s: &'s Sentence, c: &Captures, role: &str) -> Option<&'s Slot> {
    static OBJECT_CUE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:past|beyond|over|under|from|with|by|of|against|replaced|replacing|beat|beating|denied|denying|tripped|fouled|felled|brought down|behind|than|like|unlike|keep|kept|stop|stopped|thwart|thwarted|at|lost|losing|escaped|escaping|across|held off|holding off|inside|outside|above|chasing|chased|outjumped|outjumping|evaded|evading|around|round|rounding|rounded|between|nutmegged|nutmegging|shrugged off|shrugging off|away from|ahead of|in front of|on for|in place of|instead of|made way for|gave way to|withdrawn for|without|tested|testing|forced|forcing|kept out|keep out|keeping out|in|home|onto|on to|following|met|meeting|converted|converting)$|\bon (?:[\w'-]+ ){1,3}for$").expect("valid rule")
    });
    let t = &s.template;
    let whole = c.get(0)?;
    let slot = c.name(role)?;
    let subject_first =
        slot.start() <= whole.start() + 2 && !t[slot.end()..whole.end()].starts_with(", who");
    // "Ward, whose father @Pb was watching, then kept…": the clause's subject. A keeper
    // may be told after an aside on another ("@Pa, who was preferred to @Pb, stopped
    // @Pc"): a name inside it the save's words read out of is not the keeper. (For a
    // scorer the aside's name is too often the subject of what follows: "@Pa, who missed
    // before @Pb, unmarked, headed in".)
    static WHOSE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)@P([a-z]+), whose (?:[\w'’-]+ ){0,3}?[\w'’-]+$").expect("valid rule")
    });
    static WHO: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(r"(?i)@P([a-z]+), who [^,;@]*$").expect("valid rule"));
    let before = t[..whole.start()].trim_end();
    let aside = |re: &Regex| re.captures(before).and_then(|w| s.slot(w.get(1)?.as_str()));
    if subject_first {
        let read_out = role == "keeper" && t[slot.end()..whole.end()].contains(',');
        if let Some(x) = aside(&WHOSE).or_else(|| read_out.then(|| aside(&WHO)).flatten()) {
            return Some(x);
        }
    }
    // "extended their lead with @Pb's header": the owner of the header is its subject.
    static OWNER_CUE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:with|through|via|thanks to|courtesy of|after|following|between)$")
            .expect("valid rule")
    });
    let possessive = t[slot.end()..].starts_with(['\'', '’']);
    // "…, with @Pb (finally) scoring late": the name after "with" does the verb after it.
    static WITH_DOING: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(r"^(?: [a-z]+ly)? [a-z]+ing\b").expect("valid rule"));
    let with_doing =
        role == "scorer" && before.ends_with("with") && WITH_DOING.is_match(&t[slot.end()..]);
    // "skipping past goalkeeper @Pb", "beat the stranded Hull keeper @Pb": the cue comes
    // before what the scorer's name is.
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i) (?:goalkeeper|keeper|stopper|custodian|defender|centre-back|centre-half|full-back|skipper|captain)$").expect("valid rule")
    });
    // Only an article, a side or an adjective stands between the cue and the role.
    static DESCRIBING: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?:the|a|an|his|her|their|@S[a-z]+(?:'s?|’s?)?|[a-z-]+(?:ed|ing|ful|ous|ive|ic|al|ish)|experienced|veteran|young|former|home|visiting|opposing|stand-in|new|old|rival)$").expect("valid rule")
    });
    let object = |mut bare: &str| loop {
        if OBJECT_CUE.is_match(bare) {
            return true;
        }
        match bare.rsplit_once(' ') {
            Some((head, word)) if DESCRIBING.is_match(word) => bare = head,
            _ => return false,
        }
    };
    // "ran past @Pa and @Pb and then fired home", "a move involving @Pa and @Pb":
    // a list after a cue of going past, around or through players names only them. Not
    // after any cue: "with @Pa and @Pb also on target", "fouled by @Pa and @Pb stepped
    // up" name subjects.
    static LISTED: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:past|beyond|around|round|rounding|rounded|beat|beating|between|without|involving|evading|evaded|escaped|escaping|outpaced|held off|holding off|shrugged off)(?: @P[a-z]+,)* @P[a-z]+,? (?:and|or)$").expect("valid rule")
    });
    // "took a neat @Pb pass in his stride and drove it home": a name before a delivery says
    // whose ball it was (a free-kick or a flick may be the goal itself).
    static BALL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^ (?:pass|cross|corner|through-ball|through ball|ball|delivery|centre|lay-off|layoff|flick-on|knock-down|knockdown|cut-back|cutback)\b").expect("valid rule")
    });
    let listed = LISTED.find(before);
    let is_object = listed.is_some()
        || BALL_AFTER.is_match(&t[slot.end()..])
        || match ROLE.find(before).filter(|_| role == "scorer") {
            Some(r) => object(&before[..r.start()]),
            None => OBJECT_CUE.is_match(before),
        };
    // The subject is looked for before the cue and its list.
    let before = listed.map_or(before, |l| &before[..l.start()]);
    if !subject_first || !is_object || (possessive && OWNER_CUE.is_match(before)) || with_doing {
        return s.slot(slot.as_str());
    }
    // The dashes are multi-byte: the clause starts after the whole mark, not one byte in.
    let clause = before
        .rmatch_indices([',', '(', '—', '–'])
        .next()
        .map_or(0, |(i, mark)| i + mark.len());
    PLAYER_SLOT
        .captures_iter(&before[clause..])
        .filter(|p| !before[clause + p.get(0).map_or(0, |m| m.end())..].starts_with('\''))
        .filter_map(|p| s.slot(p.get(1)?.as_str()))
        .last()
}

/// A scorer read in a sentence: the slot, the confidence, and the name of the rule that
/// read it first.
type Scorer<'s> = (&'s Slot, f32, &'static str);

fn add_scorer<'s>(list: &mut Vec<Scorer<'s>>, slot: &'s Slot, confidence: f32, rule: &'static str) {
    if slot.label == Label::Player && !list.iter().any(|(x, _, _)| x.name == slot.name) {
        list.push((slot, confidence, rule));
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

/// A finishing verb and a destination that do not make a goal after all: a passive
/// ("his cross was powered in by Buchan" is Buchan's), an attempt ("trying to curl in"),
/// a shot that went elsewhere on the way ("shot narrowly wide in stoppage time"), a foul
/// ("bundled over Pereira"), a bare "in" that starts another phrase ("headed wide in the
/// 88th minute"), or a name past which the ball went only because a clause starts before
/// it ("drove a shot through the wall and Reed turned it away").
fn misread_finish(t: &str, c: &Captures) -> bool {
    // Right before the verb: a passive, or an attempt.
    static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:(?:was|were|is|been|being)(?: [a-z]+ly)?|(?:try|tries|tried|trying|attempt|attempts|attempted|attempting|look|looked|looking|sought|seeking|bid|bidding) to)\s*$").expect("valid rule")
    });
    // From the verb to the destination: the ball went somewhere else ("over the top of
    // the wall" still goes in; "over the top for" a team-mate is a pass).
    static ELSEWHERE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:wide|over the (?:bar|crossbar)|over the top (?:for|to)|off target|against the (?:post|bar|crossbar|upright|woodwork)|saved|blocked|cleared|straight at)\b").expect("valid rule")
    });
    static FOUL: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:bundled|bundling|knocked|knocking|pushed|pushing|pulled|pulling|hauled|hauling|brought|bringing|clattered|shoved|barged|sent|sending|upended|tripped) over @P").expect("valid rule")
    });
    static AFTER_IN: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?:\s*(?:[,.;:!?)]|$)| (?:at|from|off|via|with|to|for|and|after|before|despite|as|under|past|again|against|first|second|late|early|his|her|their|it|two|three|four|five|six|seven|eight|nine|ten|\d|front|stoppage|injury|added)\b| @P[a-z]+'s?\b| (?:a|an|the) (?:[\w-]+ ){0,2}?(?:cross|corner|rebound|free-kick|pass|cut-back|cutback|centre|delivery|ball|loose ball|header|flick)\b)").expect("valid rule")
    });
    // "narrowly over @Pb's bar", "drove in to @Pb's arms": the name was where the ball
    // went, not what it went past.
    static AT_KEEPER: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?:'s?|’s?| (?:to|into|at) @P[a-z]+(?:'s?|’s?)) (?:[\w-]+ )?(?:bar|crossbar|post|upright|woodwork|arms|hands|gloves|grasp|body|chest)\b").expect("valid rule")
    });
    // "@Pb's corner nodded in firmly by @Pa": a passive without its "was"; the
    // player after "by" scored (`put-in-by-scorer`).
    static BY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?: [a-z]+ly)? by (?:[\w-]+ ){0,2}?@P").expect("valid rule")
    });
    let Some(whole) = c.get(0) else { return false };
    if AT_KEEPER.is_match(&t[whole.end()..]) || BY_AFTER.is_match(&t[whole.end()..]) {
        return true;
    }
    if c.name("verb").is_some_and(|v| {
        NOT_DONE.is_match(&t[..v.start()]) || ELSEWHERE.is_match(&t[v.start()..whole.end()])
    }) {
        return true;
    }
    if FOUL.is_match(whole.as_str()) || clause_before_name(whole.as_str()) {
        return true;
    }
    // "fired in the second half": an ordinal that names a half or a leg, not a goal.
    static NOT_NTH: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^[ -](?:half|leg|period|round|tier|minute|string|season|yellow|booking|time|place|spell|chance|attempt|effort)\b").expect("valid rule")
    });
    if NOT_NTH.is_match(&t[whole.end()..]) {
        return true;
    }
    whole.as_str().ends_with(" in") && !AFTER_IN.is_match(&t[whole.end()..])
}

/// "whipped in a cross" is not a goal: a delivery verb with a bare "in" followed by a
/// ball noun describes a delivery ("headed in a corner", with a finishing verb, is one).
fn completion_is_a_shot(t: &str, c: &Captures) -> bool {
    static DELIVERY_VERB: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:whipped|whips|swung|swings|sent|sends|fired|fires|curled|curls|floated|drilled|delivered|lofted|clipped|played|put|rolled|slid|threaded|squared|chipped|bent|hooked|knocked|pumped|lifted)(?: [\w'’-]+){0,6}? in$").expect("valid rule")
    });
    static DELIVERY: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^ in (?:a|an|the|his|her|another)? ?(?:[\w-]+ ){0,2}?(?:cross|corner|pass|ball|free-kick|delivery|centre|shot|effort|low shot|header|strike|drive|volley|attempt|tackle|challenge|the box|the area|behind|front|midfield|space|off)").expect("valid rule")
    });
    let Some(m) = c.get(0) else { return false };
    // DELIVERY reads on from the match's closing " in".
    DELIVERY_VERB.is_match(m.as_str())
        && m.as_str().ends_with(" in")
        && DELIVERY.is_match(&t[m.end() - " in".len()..])
}

fn assister_for(s: &Sentence, scorer: &Slot) -> Option<String> {
    // "after Reed's free-kick was parried": a ball a keeper stopped was a shot, and the
    // rebound it gave is no assist.
    static STOPPED: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?:'s?|’s?)?(?: [\w-]+){0,3}? (?:was|were) (?:[a-z]+ly )?(?:parried|saved|blocked|tipped|palmed|pushed|clawed|spilled|fumbled|kept out|turned (?:away|aside|behind))\b").expect("valid rule")
    });
    // "Hill was pushed wide by Ward, but he still crossed for Reed": a pronoun
    // that starts a clause before the pass is the sentence's subject, who made it.
    static PRONOUN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)(?:,|\band|\bbut|\bbefore|\bthen|\bwhen) (?:he|she)\b")
            .expect("valid rule")
    });
    // Slots are in the order of the text: the first is the sentence's subject.
    let subject = s.slots.first();
    rules::ASSIST_RULES
        .iter()
        .find_map(|r| {
            r.regex.captures_iter(&s.template).find_map(|c| {
                let mut a = slot_of(s, &c, "assister")?;
                let (whole, named) = (c.get(0)?, c.name("assister")?);
                if PRONOUN_SUBJECT.is_match(&s.template[named.end()..whole.end()]) {
                    a = subject?;
                }
                let stopped = STOPPED.is_match(&s.template[whole.end()..]);
                if a.label != Label::Player || a.name == scorer.name || stopped {
                    return None;
                }
                match slot_of(s, &c, "scorer") {
                    Some(sc) if sc.name != scorer.name => None,
                    _ => Some(a.name.clone()),
                }
            })
        })
        .or_else(|| subjects_pass(s, scorer, subject?))
}

/// "Reed escaped down the right and his cross was headed in by Hill": a pass told with
/// "his" or "her" between the sentence's subject and the scorer is the subject's.
fn subjects_pass(s: &Sentence, scorer: &Slot, subject: &Slot) -> Option<String> {
    static HIS_PASS: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(&format!(r"(?i)\b(?:his|her) (?:[\w-]+ ){{0,2}}?(?:{PASS_NOUNS}|corner|free-kick|through ball|knock-down|flick-on|square ball)\b")).expect("valid rule")
    });
    if subject.label != Label::Player || subject.name == scorer.name {
        return None;
    }
    let (from, to) = (
        s.template_span(subject)?.end,
        s.template_span(scorer)?.start,
    );
    let between = s.template.get(from..to)?;
    (HIS_PASS.is_match(between) && !between.contains("@P")).then(|| subject.name.clone())
}

fn penalty_near(t: &str) -> bool {
    static PEN: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:penalty|spot-kick|spot kick|from the spot|from the penalty spot|from 12 yards|from twelve yards|pen)\b(?: (?:area|box|appeal|appeals|claim|claims|shout|shouts|shoot-out|shootout))?").expect("valid rule")
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
        rule_regex(r"(?i)\b(?:headed|header|heads|heading|nodded|nods|glanced)\b")
            .expect("valid rule")
    });
    HEAD.is_match(t)
}

/// "@Pa's late winner", "@Pa scored the winner" (true); "a consolation from @Pa" (false).
/// The only scorer of a sentence that speaks of "what proved to be the winner" scored it.
fn decided(t: &str, s: &Sentence, scorer: &Slot, alone: bool) -> Option<bool> {
    static WINNER: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:proved to be|turned out to be|was|as) the (?:[\w-]+ )?winner\b|\bthe winning goal\b").expect("valid rule")
    });
    // Pulling one back is what the losing side usually does; a comeback win told this
    // way is rarer than a consolation.
    static PULLED: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:pulled|pulls|pulling) (?:one|a goal|it) back\b|\b(?:reduced|halved) the (?:deficit|arrears)\b").expect("valid rule")
    });
    if alone && WINNER.is_match(t) {
        return Some(true);
    }
    if alone && PULLED.is_match(t) {
        return Some(false);
    }
    static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)@P(?P<a>[a-z]+)(?:'s?)? (?:[\w-]+ ){0,4}?(?P<x>winner|winning goal|consolation)\b|\b(?P<y>winner|winning goal|consolation) (?:from|by|for) @P(?P<b>[a-z]+)").expect("valid rule")
    });
    VERDICT.captures_iter(t).find_map(|c| {
        let who = c.name("a").or_else(|| c.name("b"))?;
        let word = c.name("x").or_else(|| c.name("y"))?.as_str().to_lowercase();
        (s.slot(who.as_str())?.name == scorer.name).then(|| !word.starts_with("consolation"))
    })
}

/// "scored twice", "his double", "a hat-trick", "opened the scoring before adding a
/// second": how many goals one phrase stands for.
fn goal_count(t: &str, s: &Sentence, scorer: &Slot) -> u32 {
    static COUNTS: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)@P(?P<p>[a-z]+)(?:'s)? (?:[\w-]+ ){0,3}?(?P<n>twice|double|brace|hat-trick|hat trick|three times|four times|two goals|three goals|four goals|both goals|both of)\b|\b(?P<m>two|three|four) goals (?:from|by) @P(?P<q>[a-z]+)|@P(?P<r>[a-z]+)[^@.;]{0,80}? (?:his|her) (?P<o>second|third|fourth)(?: goal)?(?: of the (?:game|match|night|afternoon|evening|day|tie))?(?:[,.;:)!?]|$| (?:from|with|after|before|on|to|and|as|when|just|by|inside|within|midway|shortly|moments|minutes|seconds|late|early|two|three|four|five|six|seven|eight|nine|ten|\d))|@P(?P<s>[a-z]+)[^@.;]{0,80}? (?:before|then|and then|later|and) (?:adding|added|grabbing|grabbed|netting|netted|getting|got) (?:a|an|another)(?: [\w-]+){0,2}? (?:second|third|fourth|fifth|goal)\b").expect("valid rule")
    });
    COUNTS
        .captures_iter(t)
        .filter(|c| {
            c.name("p")
                .or_else(|| c.name("q"))
                .or_else(|| c.name("r"))
                .or_else(|| c.name("s"))
                .and_then(|p| s.slot(p.as_str()))
                .is_some_and(|x| x.name == scorer.name)
        })
        .map(|c| {
            let n = c
                .name("n")
                .or_else(|| c.name("m"))
                .or_else(|| c.name("o"))
                .map_or("", |m| m.as_str());
            match n.to_lowercase().as_str() {
                "hat-trick" | "hat trick" | "three times" | "three goals" | "three" | "third" => 3,
                "four times" | "four goals" | "four" | "fourth" => 4,
                _ => 2,
            }
        })
        .max()
        .unwrap_or(1)
}

fn saves(s: &Sentence, keepers: &HashSet<String>, out: &mut Vec<Candidate>) {
    static WEAK: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(rules::WEAK_SAVE_VERB).expect("valid rule"));
    // A passive ("saw his penalty saved by Henderson", "X's effort was superbly tipped
    // on to the bar by K": the keeper comes after; "but his penalty was saved", "saw her
    // shot saved": no keeper named), a save not made ("disappointed at not keeping the
    // ball out") and a turn away from a marker are not the subject's saves.
    const PASSIVE_SAVE: &str =
        "(?:saved|tipped|parried|palmed|pushed|clawed|turned|kept out|blocked|stopped|denied)";
    const SHOT_NOUNS: &str =
        "(?:shot|shots|effort|efforts|header|penalty|spot-kick|drive|strike|volley|free-kick|attempt|lob|chip)";
    static NOT_A_SAVE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(&format!(r"(?i)^@P[a-z]+(?:[^@.;]|@[SVK][a-z]+)*?(?:\b{PASSIVE_SAVE}(?: [\w'’-]+){{0,4}}? by\b|\b(?:was|were|be|being|been|{SHOT_NOUNS}) (?:[a-z]+ly )?{PASSIVE_SAVE}\b)|^@P[a-z]+ (?:[\w-]+ ){{0,3}}?(?:turned|turning|turns) away from")).expect("valid rule")
    });
    // A save not made, with no save made before it ("disappointed at not keeping the
    // ball out"; not "saved twice, but did not deny Reed").
    static NOT_MADE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^@P[a-z]+(?P<before>(?:[^@.;]|@[SVK][a-z]+)*?)\b(?:not|never|failed to|unable to|could not|couldn't|did not|didn't) (?:[a-z]+ly )?(?:keep|keeping|kept|save|saving|stop|stopping|hold|holding|deny|denying)\b").expect("valid rule")
    });
    static MADE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:saved|saves|denied|tipped|parried|palmed|kept out)\b")
            .expect("valid rule")
    });
    let not_made = |from: &str| {
        NOT_MADE
            .captures(from)
            .is_some_and(|c| !c.name("before").is_some_and(|b| MADE.is_match(b.as_str())))
    };
    // "Patricio twice kept out Abraham", "saving twice from McCart": two saves.
    static TWICE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^@P[a-z]+ (?:[\w-]+ ){0,3}?(?:twice (?:kept out|keeping out|denied|denying|saved|saving|thwarted|stopped|foiled)|(?:saved|saving|denied|denying|kept out|keeping out|stopped|thwarted) (?:@P[a-z]+ )?twice)\b").expect("valid rule")
    });
    let t = &s.template;
    let mut seen: Vec<(String, Option<String>)> = Vec::new();
    for r in rules::SAVE_RULES.iter() {
        for c in r.regex.captures_iter(t) {
            let Some(keeper) = subject(s, &c, "keeper").filter(|k| k.label == Label::Player) else {
                continue;
            };
            let at = s.template_span(keeper).map_or(0, |r| r.start);
            let verb = c.get(0).map_or("", |m| m.as_str());
            // Read from the keeper's slot: a rule whose match opens on the shooter
            // ("X's effort was tipped over by K") has the passive the right way round.
            // Where `subject` moved the save to an earlier player, the matched one is
            // read too ("Hill was put through by Reed, only for his effort to be kept
            // out by…" is no save of Hill's or Reed's).
            let matched = c.name("keeper").map_or(at, |k| k.start().saturating_sub(2));
            if [at, matched]
                .iter()
                .any(|&from| NOT_A_SAVE.is_match(&t[from..]) || not_made(&t[from..]))
            {
                continue;
            }
            let is_keeper = keepers.contains(&fold(&keeper.name));
            if !is_keeper && WEAK.is_match(verb) && !verb.to_lowercase().contains("save") {
                continue;
            }
            let shooter = slot_of(s, &c, "shooter")
                .or_else(|| shooter_in(s, keeper, at))
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
            let mut cand = candidate(
                s,
                EventKind::Save {
                    goalkeeper: keeper.name.clone(),
                    shooter,
                },
                keeper,
                conf,
                r.name,
            );
            if TWICE.is_match(&t[at..]) {
                cand.count = 2;
            }
            out.push(cand);
        }
    }
}

/// One save per shooter named in a list: "saved first from Bramall and then from Lowry",
/// "saves from Spence and Gilmour" (after the first shooter), "Bell and Reed were both
/// denied by Hill", "Bell and Reed both tested Hill" (the list as the subject, where the
/// save may have no shooter yet), "Hill denied Bell and then Reed", "Hill denied Bell,
/// Reed and Ward".
fn second_shooters(s: &Sentence, out: &mut Vec<Candidate>) {
    // `a` is the first shooter, `rest` the others (" and @Pb", ", @Pb, and @Pc"); a
    // comma before "and" only closes a list of three or more ("from @Pa, and @Pb hit the
    // bar" is two clauses).
    static LISTS: LazyLock<[Regex; 3]> = LazyLock::new(|| {
        [
            r"(?i)\bfrom @P(?P<a>[a-z]+)(?P<rest>(?:(?:, (?:from )?@P[a-z]+)+,?)? and (?:then |later |also )?(?:from )?@P[a-z]+)\b",
            r"(?i)(?:^|, |\bwith |\bboth )@P(?P<a>[a-z]+)(?P<rest>(?:(?:, @P[a-z]+)+,?)? and (?:substitute |then )?@P[a-z]+) (?:(?:were|was|both|all|only|also|each) ){0,3}(?:denied|thwarted|kept out|foiled|stopped|tested)\b",
            r"(?i)\b(?:denied|denying|thwarted|thwarting|foiled|foiling|stopped|stopping|to deny|to thwart|to foil|to stop) @P(?P<a>[a-z]+)(?P<rest>(?:(?:, @P[a-z]+)+,?)? and (?:then |later |also )?@P[a-z]+)\b",
        ]
        .map(|p| rule_regex(p).expect("valid rule"))
    });
    for (subject, list) in LISTS.iter().enumerate() {
        for c in list.captures_iter(&s.template) {
            let Some(a) = slot_of(s, &c, "a") else {
                continue;
            };
            let others: Vec<&Slot> = c
                .name("rest")
                .map(|m| {
                    PLAYER_SLOT
                        .captures_iter(m.as_str())
                        .filter_map(|x| s.slot(x.get(1)?.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            // With the list as the subject, the save may already name any one of it (the
            // shooter ranker picks one): the list's first takes it, the others follow.
            let listed = |name: &str| a.name == name || others.iter().any(|b| b.name == name);
            let first = out.iter_mut().find(|x| {
                x.evidence == s.span
                    && matches!(&x.kind, EventKind::Save { goalkeeper, shooter }
                    if !listed(goalkeeper)
                    && match shooter.as_deref() {
                        Some(name) if subject == 1 => listed(name),
                        Some(name) => name == a.name,
                        None => subject == 1,
                    })
            });
            let Some(first) = first else {
                continue;
            };
            if let EventKind::Save { shooter, .. } = &mut first.kind {
                *shooter = Some(a.name.clone());
            }
            let first = first.clone();
            for b in others {
                let mut next = first.clone();
                if let EventKind::Save { shooter, .. } = &mut next.kind {
                    *shooter = Some(b.name.clone());
                }
                next.anchor = b.span.start;
                next.by = "rule save second-shooter".to_string();
                out.push(next);
            }
        }
    }
}

/// A save still without a shooter whose sentence gives the shot to "his" or "her" ("but
/// his low drive was tipped over", "only for her effort to be kept out"): the shooter is
/// the one player named before the pronoun who is no keeper and is not the one passing
/// or beaten ("Hill laid it off to Reed, but his first-time effort…" is Reed's), else,
/// where the sentence names none, the one the sentence before ended on.
fn possessive_shooters(
    ctx: &Context,
    s: &Sentence,
    keepers: &HashSet<String>,
    out: &mut [Candidate],
) {
    static HIS_SHOT: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:his|her) (?:[\w-]+ ){0,2}?(?:shot|drive|effort|header|strike|volley|free-kick|attempt|curler|lob|chip|penalty|spot-kick|finish|piledriver)\b").expect("valid rule")
    });
    let unnamed = |c: &Candidate| matches!(c.kind, EventKind::Save { shooter: None, .. });
    if !out.iter().any(unnamed) {
        return;
    }
    let text = &ctx.text()[s.span.clone()];
    let Some(at) = HIS_SHOT.find(text).map(|m| m.start()) else {
        return;
    };
    let shooter = |x: &Slot| x.label == Label::Player && !keepers.contains(&fold(&x.name));
    let mut here: Vec<&str> = s
        .slots
        .iter()
        .filter(|x| x.span.end <= s.span.start + at && shooter(x) && points_back(s, text, x))
        .map(|x| x.name.as_str())
        .collect();
    here.sort_unstable();
    here.dedup();
    // Two candidates ("Hill released Reed, but her shot…", "Hill was put through by Reed,
    // only for his effort…") are left to no one: who took the shot turns on the verbs.
    if here.len() > 1 {
        return;
    }
    let before = || {
        let i = ctx
            .sentences
            .partition_point(|x| x.span.start < s.span.start);
        let prev = ctx.sentences.get(i.checked_sub(1)?)?;
        let prev_text = &ctx.text()[prev.span.clone()];
        prev.slots
            .iter()
            .rev()
            .filter(|x| shooter(x))
            .find(|x| points_back(prev, prev_text, x))
            .map(|x| x.name.as_str())
    };
    let Some(name) = here.first().copied().or_else(before) else {
        return;
    };
    for c in out.iter_mut() {
        if let EventKind::Save {
            goalkeeper,
            shooter: slot @ None,
        } = &mut c.kind
        {
            if *goalkeeper != name {
                *slot = Some(name.to_string());
                c.by.push_str(" + his shot");
            }
        }
    }
}

/// The shooter a keeper stopped: the first one named after the keeper, else the nearest
/// before ("Maignan saved from Thuram, and Sommer blocked Pulisic's shot").
fn shooter_in<'s>(s: &'s Sentence, keeper: &Slot, at: usize) -> Option<&'s Slot> {
    let found: Vec<(usize, &Slot)> = rules::SHOOTER_RULES
        .iter()
        .flat_map(|r| r.regex.captures_iter(&s.template).collect::<Vec<_>>())
        .filter_map(|c| {
            let m = c.name("shooter")?;
            Some((
                m.start(),
                s.slot(m.as_str()).filter(|x| x.name != keeper.name)?,
            ))
        })
        .collect();
    let after = found
        .iter()
        .filter(|(p, _)| *p > at)
        .min_by_key(|(p, _)| *p);
    let before = || {
        found
            .iter()
            .filter(|(p, _)| *p < at)
            .max_by_key(|(p, _)| *p)
    };
    after.or_else(before).map(|(_, x)| *x)
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
        for c in r.regex.captures_iter(t) {
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
                r.name,
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
        for c in r.regex.captures_iter(t) {
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
                r.name,
            ));
        }
    }
}

/// Substitutions: each player comes on and goes off at most once in a sentence, and the
/// tightest reading of the two names wins. A loose one can reach across a clause: in
/// "pushing a Bell header wide, and the visitors replaced Reed with Ward" the rule
/// `replaced` reads Bell for Reed, `took-off-for` reads Ward for Reed.
fn substitutions(s: &Sentence, out: &mut Vec<Candidate>) {
    let mut readings = Vec::new();
    for r in rules::SUB_RULES.iter() {
        for c in r.regex.captures_iter(&s.template) {
            let (Some(i), Some(o), Some(m)) =
                (slot_of(s, &c, "in"), slot_of(s, &c, "out"), c.get(0))
            else {
                continue;
            };
            if i.name != o.name {
                readings.push((m.len(), r.name, i, o));
            }
        }
    }
    // A stable sort keeps the rules' order between readings of one length.
    readings.sort_by_key(|(len, ..)| *len);
    for (_, rule, i, o) in readings {
        let taken = out.iter().any(|x| matches!(&x.kind, EventKind::Substitution { player_in, player_out } if *player_in == i.name || player_out.as_deref() == Some(o.name.as_str())));
        if taken {
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
            rule,
        ));
    }
}

/// Whether sentence `s` tells a shoot-out's kicks and only them: it says shoot-out and
/// gives no minute (a save dated in extra time, before the shoot-out, is the match's), or
/// it follows such a sentence in the same paragraph and lists two or more scorers with no
/// minute ("A and B scored for Leeds, while C was on target for Hull" after "won 4-2 on
/// penalties").
fn shootout_kicks(
    text: &str,
    after_shootout: Option<&Sentence>,
    s: &Sentence,
    says_shootout: bool,
    here: &[Candidate],
) -> bool {
    let timeless = |x: &Sentence| minutes::find_minutes(&text[x.span.clone()]).is_empty();
    if says_shootout {
        return timeless(s);
    }
    let Some(prev) = after_shootout else {
        return false;
    };
    let same_paragraph = text
        .get(prev.span.end..s.span.start)
        .is_some_and(|gap| !gap.contains("\n\n"));
    let scorers: HashSet<&str> = here
        .iter()
        .filter_map(|c| match &c.kind {
            EventKind::Goal { scorer, .. } => Some(scorer.as_str()),
            _ => None,
        })
        .collect();
    same_paragraph && scorers.len() >= 2 && timeless(s)
}

/// Goals, saves and misses: what a shoot-out's kicks look like and are not.
fn is_shot(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Goal { .. } | EventKind::Save { .. } | EventKind::Miss { .. }
    )
}

/// Gives each event of a sentence the nearest minute phrase in it, but not a goal another
/// goal's clause takes it from (`minutes_parted_from_goals`).
fn date(s: &Sentence, text: &str, here: &mut [Candidate]) {
    static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"\((\d{1,3}(?:\+\d{1,2})?)(?:\s*mins?)?\)").expect("valid rule")
    });
    let sentence = &text[s.span.clone()];
    let mut found = minutes::find_minutes(sentence);
    // Live-text and agency copy date goals in brackets: "headed in Pike's cross (4)".
    if found.is_empty() {
        found = BRACKETED
            .captures_iter(sentence)
            .filter_map(|c| {
                let m = c.get(0)?;
                Some(minutes::MinuteMention {
                    start: m.start(),
                    end: m.end(),
                    minute: Some(minutes::clock_minute(&c[1])?),
                    relative: None,
                })
            })
            .collect();
    }
    // "Reed set up Hill's 68th-minute header, then scored in the 81st": a minute in a
    // player's possessive dates his event, whatever the order.
    let owned = owned_minutes(s, sentence, &found, here);
    for &(m, i) in &owned {
        here[i].minute = found[m].minute;
        here[i].relative = found[m].relative;
    }
    let found: Vec<&minutes::MinuteMention> = (0..found.len())
        .filter(|m| !owned.iter().any(|o| o.0 == *m))
        .map(|m| &found[m])
        .collect();
    let rest: Vec<usize> = (0..here.len())
        .filter(|i| !owned.iter().any(|o| o.1 == *i))
        .collect();
    if found.is_empty() {
        return;
    }
    // As many minute phrases as events: they pair up in order ("X scored in the 104th
    // minute before Y levelled in the 117th").
    if found.len() == rest.len() && here.len() > 1 {
        let mut order = rest;
        order.sort_by_key(|&i| here[i].anchor);
        for (i, m) in order.into_iter().zip(&found) {
            here[i].minute = m.minute;
            here[i].relative = m.relative;
        }
        return;
    }
    let nearest = nearest_minutes(s, sentence, &found, here, &rest);
    let lost = minutes_parted_from_goals(s, sentence, &found, here, &rest, &nearest);
    for (k, &i) in rest.iter().enumerate() {
        let Some((_, m)) = nearest[k] else { continue };
        if lost[k] {
            continue;
        }
        let c = &mut here[i];
        let m = found[m];
        c.minute = m.minute;
        c.relative = m.relative;
        // "after 70 minutes, and … five minutes later": later than the minute told
        // just before it in the sentence, not than the last event's.
        if let (None, Some(r)) = (m.minute, m.relative) {
            if let Some(base) = found
                .iter()
                .filter(|b| b.end <= m.start)
                .filter_map(|b| b.minute)
                .next_back()
            {
                c.minute = Some(base + r);
            }
        }
    }
}

/// For each event of `rest`, the nearest minute phrase of `found` that may date it, as
/// (distance, phrase index).
fn nearest_minutes(
    s: &Sentence,
    sentence: &str,
    found: &[&minutes::MinuteMention],
    here: &[Candidate],
    rest: &[usize],
) -> Vec<Option<(usize, usize)>> {
    // "Palmer, introduced with 21 minutes remaining, curled…": a minute that dates a
    // substitution in passing is not the goal's.
    static SUB_CUE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:introduced|sent on|sending on|brought on|bringing on|came on|coming on|on for|replaced|replacing|made way|gave way|withdrew|withdrawn|taken off|took off|hooked)\b[^,;]{0,40}$").expect("valid rule")
    });
    rest.iter()
        .map(|&i| {
            let anchor = here[i].anchor.saturating_sub(s.span.start);
            let is_sub = matches!(here[i].kind, EventKind::Substitution { .. });
            (0..found.len())
                .filter(|&m| is_sub || !SUB_CUE.is_match(&sentence[..found[m].start]))
                .map(|m| {
                    let (start, end) = (found[m].start, found[m].end);
                    let d = if start >= anchor {
                        start - anchor
                    } else {
                        anchor.saturating_sub(end)
                    };
                    // A minute after the event's subject is likelier its own than one before.
                    (d + if start < anchor { 20 } else { 0 }, m)
                })
                .min()
        })
        .collect()
}

/// For each event of `rest`, whether its nearest minute is another goal's. Two goals are
/// never scored in one minute: where a clause boundary ("before", "but") parts a goal from
/// the minute and another goal is told on the minute's side of it ("Hill's header made it
/// 1-1 in the 35th minute before Reed put them ahead"), the minute is the other goal's.
/// Cards and substitutions can share one.
fn minutes_parted_from_goals(
    s: &Sentence,
    sentence: &str,
    found: &[&minutes::MinuteMention],
    here: &[Candidate],
    rest: &[usize],
    nearest: &[Option<(usize, usize)>],
) -> Vec<bool> {
    let goals: Vec<bool> = (0..here.len())
        .map(|i| matches!(here[i].kind, EventKind::Goal { .. }))
        .collect();
    let parted = |i: usize, m: usize| {
        clause_parted(
            sentence,
            here[i].anchor.saturating_sub(s.span.start),
            found[m].start,
        )
    };
    let taken_nearer = |i: usize, m: usize| {
        rest.iter()
            .zip(nearest)
            .any(|(&j, n)| j != i && goals[j] && n.is_some_and(|(_, o)| o == m) && !parted(j, m))
    };
    // "Hill headed home before the break, and the win was sealed when Ward nodded in a
    // corner on 70 minutes": a minute after a clause boundary and another player named
    // past it is that player's, read or not; not one in a phrase of place or manner
    // ("through the legs of Ward"). `subject`'s `OBJECT_CUE` is not used: a player "lost"
    // to a red card is its object there, but the minute told is his card's.
    static OBJECT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:of|past|through|to|with|from|by|beyond|around|round|beat|beating|over|against|for|on|at|into|off|inside|outside|under)\s*$").expect("valid rule")
    });
    let named_past_break = |i: usize, m: usize| {
        let (a, b) = (here[i].anchor.saturating_sub(s.span.start), found[m].start);
        let Some(cut) = last_clause_break(sentence, a, b).filter(|_| a < b) else {
            return false;
        };
        let own = here[i].kind.names();
        s.slots.iter().any(|x| {
            let at = x.span.start.saturating_sub(s.span.start);
            x.label == Label::Player
                && cut <= at
                && at < b
                && !own.iter().any(|(_, n)| *n == x.name)
                && !sentence
                    .get(..at)
                    .is_some_and(|t| OBJECT_BEFORE.is_match(t))
        })
    };
    rest.iter()
        .zip(nearest)
        .map(|(&i, n)| {
            n.is_some_and(|(_, m)| {
                goals[i] && parted(i, m) && (taken_nearer(i, m) || named_past_break(i, m))
            })
        })
        .collect()
}

/// Whether a clause boundary ("before", "but", "while", ";") lies between byte offsets `a`
/// and `b` of `sentence`: "Hill made it 1-1 in the 35th minute before Reed's cross found
/// Ward" tells two goals, and what sits in one clause is not the other's.
fn clause_parted(sentence: &str, a: usize, b: usize) -> bool {
    last_clause_break(sentence, a, b).is_some()
}

/// The byte offset in `sentence` just past the last clause boundary between `a` and `b`.
fn last_clause_break(sentence: &str, a: usize, b: usize) -> Option<usize> {
    static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:before|but|while|whereas)\b|;").expect("valid rule")
    });
    let from = a.min(b);
    let gap = sentence.get(from..a.max(b))?;
    CLAUSE_BREAK.find_iter(gap).last().map(|m| from + m.end())
}

/// Pairs (minute phrase, event) where the phrase follows a player's possessive ("Hill's
/// 30th-minute opener") and one event of the sentence is his (its primary player) and not
/// yet paired. A shooter's "early free-kick was pushed out" is not: the rebound scored
/// from it shares the minute.
fn owned_minutes(
    s: &Sentence,
    sentence: &str,
    found: &[minutes::MinuteMention],
    here: &[Candidate],
) -> Vec<(usize, usize)> {
    static POSSESSIVE: LazyLock<Regex> =
        LazyLock::new(|| rule_regex(r"^(?:'s?|’s?) $").expect("valid rule"));
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (m, phrase) in found.iter().enumerate() {
        let owner = s.slots.iter().find(|x| {
            let end = x.span.end - s.span.start;
            x.label == Label::Player
                && end <= phrase.start
                && sentence
                    .get(end..phrase.start)
                    .is_some_and(|g| POSSESSIVE.is_match(g))
        });
        let Some(owner) = owner else { continue };
        let his = (0..here.len())
            .find(|&i| here[i].kind.primary().1 == owner.name && !out.iter().any(|o| o.1 == i));
        if let Some(i) = his {
            out.push((m, i));
        }
    }
    out
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
            decided: None,
            by: "sheet".to_string(),
            retold: Vec::new(),
            tentative: false,
            beaten: None,
            against: None,
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
            Some(i) => {
                if is_goal && !c.from_footer && !out[i].from_footer {
                    out[i].retold.push(c.clone());
                }
                absorb(&mut out[i], c)
            }
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
        // sentence, the same minute, or the same named shooter makes them one; two
        // shooters named in one sentence ("denied A and then B") are two saves.
        (EventKind::Save { shooter: x, .. }, EventKind::Save { shooter: y, .. }) => {
            let shooters = match (x, y) {
                (Some(x), Some(y)) => Some(fold(x) == fold(y)),
                _ => None,
            };
            (same_sentence && shooters != Some(false))
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
    a.tentative &= b.tentative;
    a.confidence = a.confidence.max(b.confidence);
    a.count = a.count.max(b.count);
    a.beaten = a.beaten.take().or(b.beaten);
    a.against = a.against.take().or(b.against);
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

/// "X scored twice" with only one dated goal found becomes two goals, and "Y twice
/// denied Z" two saves.
fn expand_counts(events: Vec<Candidate>) -> Vec<Candidate> {
    let key = |e: &Candidate| match &e.kind {
        EventKind::Goal { scorer, .. } => Some(fold(scorer)),
        EventKind::Save {
            goalkeeper,
            shooter,
        } => Some(format!(
            "{}|{}",
            fold(goalkeeper),
            shooter.as_deref().map(fold).unwrap_or_default()
        )),
        _ => None,
    };
    let mut per_key: HashMap<String, usize> = HashMap::new();
    for k in events.iter().filter_map(key) {
        *per_key.entry(k).or_default() += 1;
    }
    let mut out = Vec::new();
    for e in events {
        let extra = match key(&e).filter(|_| !e.from_footer) {
            Some(k) => (e.count as usize).saturating_sub(per_key[&k]),
            None => 0,
        };
        for _ in 0..extra {
            let mut copy = e.clone();
            copy.minute = None;
            copy.retold.clear();
            copy.confidence *= 0.8;
            out.push(copy);
        }
        out.push(e);
    }
    out
}

/// The events the rules and the role model (as `config.reader` asks) read in sentence
/// `s`, one per event.
fn read_sentence(
    ctx: &Context,
    s: &Sentence,
    (keepers, called): (&HashSet<String>, &HashSet<String>),
    config: &EventsConfig,
    tentative: bool,
) -> Vec<Candidate> {
    let mut here = Vec::new();
    let shootout = rules::SHOOTOUT.is_match(&s.template);
    if config.reader != Reader::Model {
        if !shootout {
            goals(s, (keepers, called), tentative, &mut here);
            saves(s, keepers, &mut here);
            misses(s, keepers, &mut here);
        }
        cards(s, &mut here);
        substitutions(s, &mut here);
    }
    if config.reader != Reader::Rules {
        let read = model::candidates(ctx, s, config.threshold)
            .into_iter()
            .filter(|c| !shootout || !is_shot(&c.kind));
        for c in read {
            // Each event once: where the rules read it too, the model's reading
            // stands, with what only the rule found.
            match here
                .iter()
                .position(|r| r.anchor == c.anchor && r.kind.type_name() == c.kind.type_name())
            {
                Some(i) => {
                    let rule = std::mem::replace(&mut here[i], c);
                    absorb(&mut here[i], rule);
                }
                None => here.push(c),
            }
        }
    }
    here
}

/// Saves the rules read in sentence `s` whose keeper the keeper ranker (`keeper`) reads
/// otherwise: no one kept goal (the save is dropped), or another player of the sentence
/// did (the save is his). Each decision is kept in `choices` for `touchline train
/// --keeper`.
fn check_keepers(
    ctx: &Context,
    s: &Sentence,
    report: &keeper::Report,
    config: &PartnerConfig,
    here: &mut Vec<Candidate>,
    choices: &mut Vec<keeper::Choice>,
) {
    // The sentence's scorers, and its keepers: two keepers, each called one, each saving
    // in one sentence ("keeper K1 saved from A, and at the other end K2 blocked B's
    // drive") keep their saves apart, where one moved to the other would merge.
    let (mut scorers, mut saving) = (Vec::new(), Vec::new());
    for c in here.iter() {
        match &c.kind {
            EventKind::Goal { scorer, .. } => scorers.push(scorer.clone()),
            EventKind::Save { goalkeeper, .. } => saving.push(goalkeeper.clone()),
            _ => {}
        }
    }
    let scorers: Vec<&str> = scorers.iter().map(String::as_str).collect();
    here.retain_mut(|c| {
        let EventKind::Save {
            goalkeeper,
            shooter,
        } = &mut c.kind
        else {
            return true;
        };
        if !c.by.starts_with("rule ") {
            return true;
        }
        let Some(choice) =
            keeper::Choice::read(ctx, s, (goalkeeper, shooter.as_deref()), &scorers, report)
        else {
            return true;
        };
        let verdict = match config.from {
            Decider::Rules => keeper::Verdict::Stands,
            Decider::Ranker => choice.verdict(&config.ranker, config.threshold),
        };
        choices.push(choice);
        match verdict {
            keeper::Verdict::Stands => true,
            keeper::Verdict::Keeper(name)
                if saving.contains(&name) && report.called(goalkeeper) =>
            {
                true
            }
            keeper::Verdict::NoSave => {
                tracing::debug!("no save: {goalkeeper} kept no goal in {}", s.template);
                false
            }
            keeper::Verdict::Keeper(name) => {
                if shooter.as_deref() == Some(name.as_str()) {
                    *shooter = None;
                }
                if let Some(slot) = s.slots.iter().find(|x| x.name == name) {
                    c.anchor = slot.span.start;
                }
                *goalkeeper = name;
                c.by.push_str(" + keeper ranker");
                true
            }
        }
    });
}

/// The stop ranker's decisions for the goalkeepers of `s` whose save the rules (`here`,
/// before the keeper ranker) did not read.
fn stop_choices_in(
    ctx: &Context,
    s: &Sentence,
    keepers: &HashSet<String>,
    report: &keeper::Report,
    here: &[Candidate],
) -> Vec<stop::Choice> {
    let saving: Vec<String> = here
        .iter()
        .filter_map(|c| match &c.kind {
            EventKind::Save { goalkeeper, .. } => Some(goalkeeper.clone()),
            _ => None,
        })
        .collect();
    let read = stop::RulesHere {
        saving: &saving,
        goal: here
            .iter()
            .any(|c| matches!(c.kind, EventKind::Goal { .. })),
    };
    stop::Choice::read_all(ctx, s, keepers, report, &read)
}

/// A save for each keeper the stop ranker reads one for, at least `config.threshold`
/// probable; its shooter is named later, as for a rule's save without one.
fn read_stops(
    s: &Sentence,
    stops: &[stop::Choice],
    config: &PartnerConfig,
    here: &mut Vec<Candidate>,
) {
    if config.from == Decider::Rules {
        return;
    }
    for choice in stops {
        let p = choice.probability(&config.ranker);
        let Some(slot) = s.slots.iter().find(|x| x.name == choice.keeper) else {
            continue;
        };
        if p < config.threshold {
            tracing::trace!("no stop: {} ({p:.2}) in {}", choice.keeper, s.template);
            continue;
        }
        let kind = EventKind::Save {
            goalkeeper: choice.keeper.clone(),
            shooter: None,
        };
        here.push(read_candidate(
            s,
            kind,
            slot,
            p,
            format!("stop ranker ({p:.2})"),
        ));
    }
}

/// Saves in sentence `s` whose rule names no shooter, and goals none names the assister
/// of, get the one the partner's ranker picks among the sentence's other players, where
/// `config` asks for it and one is probable enough.
fn name_partners(
    ctx: &Context,
    s: &Sentence,
    keepers: &HashSet<String>,
    config: &EventsConfig,
    here: &mut [Candidate],
) {
    for c in here.iter_mut() {
        let (partner, anchor, slot) = match &mut c.kind {
            EventKind::Save {
                goalkeeper,
                shooter: slot @ None,
            } => (Partner::Shooter, &*goalkeeper, slot),
            EventKind::Goal {
                scorer,
                assister: slot @ None,
                own_goal: false,
                ..
            } => (Partner::Assister, &*scorer, slot),
            _ => continue,
        };
        let named = match partner {
            Partner::Shooter => &config.shooter,
            Partner::Assister => &config.assister,
        };
        if named.from == Decider::Rules {
            continue;
        }
        let choice = partner::Choice::read(ctx, s, partner, anchor, keepers);
        if let Some(name) = choice
            .as_ref()
            .and_then(|x| x.best(&named.ranker, named.threshold))
        {
            *slot = Some(name.to_string());
            c.by.push_str(&format!(" + {} ranker", partner.name()));
        }
    }
}

/// The winner and the loser of `score` between `home` and `away`; none for a draw.
fn winner_of<'a>((h, a): Score, home: &'a str, away: &'a str) -> Option<(&'a str, &'a str)> {
    match h.cmp(&a) {
        std::cmp::Ordering::Greater => Some((home, away)),
        std::cmp::Ordering::Less => Some((away, home)),
        std::cmp::Ordering::Equal => None,
    }
}

/// Whether the fixture's score stands as stated: a headline's, or with
/// `ScoreFrom::Counted` a result phrase's.
fn score_stated(headline: bool, config: &EventsConfig) -> bool {
    headline || config.score_from == ScoreFrom::Counted
}

/// Credits goals to the two sides, then makes them add up to the final score: a
/// headline's (or, with `ScoreFrom::Counted`, a result phrase's), else the one `decide`
/// gives from the goals credited so far and the results told, with its probability
/// (`None`: no score). Goals beyond a decided score are dropped only when it is at least
/// `config.enforce_inferred` probable.
fn assign_teams(
    (events, tentative): (&mut Vec<Candidate>, Vec<Candidate>),
    sides: &mut Sides,
    (info, headline): (&mut MatchInfo, bool),
    ctx: &Context,
    config: &EventsConfig,
    decide: impl FnOnce(&[Candidate], &str, &str) -> Option<(Score, f32)>,
    credits: &mut Vec<credit::Choice>,
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
    // A headline's score stands. A result phrase's is the first the prose tells, and the
    // ranker weighs it against the others told and the goals read (it sometimes tells
    // another match's: "a side that had beaten Leeds 4-0 the week before").
    let told = score_stated(headline, config)
        .then_some(info.home_score.zip(info.away_score))
        .flatten();
    let winner = told.and_then(|score| winner_of(score, &home, &away));
    // Every side named from here on is the fixture's name of it.
    sides.align([&home, &away]);
    for e in events.iter_mut() {
        let EventKind::Goal { team, .. } = &mut e.kind else {
            continue;
        };
        if let Some(named) = team
            .as_deref()
            .and_then(|t| fixture_name(t, [&home, &away]))
        {
            *team = Some(named);
        }
        if let (None, Some(side)) = (&team, e.against.as_deref()) {
            *team = other_side(side, &home, &away);
        }
    }
    spread_sides(events, sides, &home, &away);
    let picks = credit_goals(events, sides, ctx, (&home, &away), &config.credit, credits);
    // Without a stated score the cascade credits what it can and the score ranker, fitted
    // on what it credits, decides the score; the sure picks then add nothing (README). The
    // choices are still read: annotated reports without a stated score train the ranker.
    if let Some((h, a)) = told {
        let sure: Vec<_> = picks
            .iter()
            .filter(|(_, _, p)| *p >= config.credit.threshold)
            .cloned()
            .collect();
        for (i, _, _) in &sure {
            if let EventKind::Goal { team, .. } = &mut events[*i].kind {
                *team = None;
            }
        }
        credit_picks(events, sure, [(home.as_str(), h), (away.as_str(), a)]);
    }
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
            if team.is_none() {
                *team = e.decided.and_then(|won| {
                    winner.map(|(w, l)| if won { w.to_string() } else { l.to_string() })
                });
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
    let mut warnings = Vec::new();
    let (hs, aws, sure) = match told {
        Some((h, a)) => (h, a, true),
        None => {
            // No stated score: the weaker readings below credit what they can before
            // the score is decided from what they found. With a result phrase's score
            // to weigh, they credit a copy, so that where the ranker keeps that score
            // the goals are credited against it as for a stated one.
            let phrase = info.home_score.zip(info.away_score);
            let mut copy = phrase.map(|_| events.to_vec());
            let counted: &mut [Candidate] = match copy.as_mut() {
                Some(c) => c,
                None => &mut *events,
            };
            let unbounded = [(home.as_str(), u32::MAX), (away.as_str(), u32::MAX)];
            credit_while_short(counted, &unbounded, |e, _| {
                acting_side(ctx, sides, &e.evidence, &home, &away)
            });
            credit_while_short(counted, &unbounded, |_, scorer| {
                side_in_context(ctx, sides, scorer, &home, &away)
            });
            let Some(((h, a), p)) = decide(counted, &home, &away) else {
                return warnings;
            };
            info.home_score = Some(h);
            info.away_score = Some(a);
            // A goal told as the winner or a consolation goes to the winning or the
            // losing side of the decided score.
            if let Some((w, l)) = winner_of((h, a), &home, &away) {
                for e in events.iter_mut() {
                    if let (
                        EventKind::Goal {
                            team: team @ None, ..
                        },
                        Some(won),
                    ) = (&mut e.kind, e.decided)
                    {
                        *team = Some(if won { w } else { l }.to_string());
                    }
                }
            }
            if p < 1.0 {
                let from = if phrase.is_some() {
                    "the results the prose tells weighed against the goals read"
                } else {
                    "no line of the report states it"
                };
                warnings.push(format!(
                    "{INFERRED_WARNING}: {h}-{a}, probability {p:.2} ({from})"
                ));
            }
            (h, a, p >= config.enforce_inferred || phrase == Some((h, a)))
        }
    };
    // A scorer with more goals than one side scored plays for the other ("Ronaldo nets
    // a hat-trick" in a 3-2 win; anyone who scored against a side that scored none).
    let mut tally: HashMap<String, u32> = HashMap::new();
    for e in events.iter() {
        if let EventKind::Goal {
            scorer,
            team: None,
            own_goal: false,
            ..
        } = &e.kind
        {
            *tally.entry(fold(scorer)).or_default() += 1;
        }
    }
    for e in events.iter_mut() {
        if let EventKind::Goal {
            scorer,
            team: team @ None,
            own_goal: false,
            ..
        } = &mut e.kind
        {
            let n = tally[&fold(scorer)];
            *team = match (n > hs, n > aws) {
                (true, false) => Some(away.clone()),
                (false, true) => Some(home.clone()),
                _ => None,
            };
        }
    }
    // Weaker readings, strongest first, each only while the side it names is short: a
    // goal told in a sentence whose only acting side is one of the two ("his two goals
    // ensured Liverpool followed up…"), then the side acting around the scorer elsewhere.
    let short = [(home.as_str(), hs), (away.as_str(), aws)];
    credit_while_short(events, &short, |e, _| {
        acting_side(ctx, sides, &e.evidence, &home, &away)
    });
    credit_while_short(events, &short, |_, scorer| {
        side_in_context(ctx, sides, scorer, &home, &away)
    });
    // The ranker's pick, however unsure, for a goal no reading credited.
    credit_picks(events, picks, short);
    // Goals nobody could credit go to the side still short of its score.
    let mut unassigned: Vec<usize> = events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(&e.kind, EventKind::Goal { team: None, .. }))
        .map(|(i, _)| i)
        .collect();
    unassigned.sort_by_key(|&i| events[i].anchor);
    for i in unassigned {
        let (h, a) = (goals_for(events, &home), goals_for(events, &away));
        let side = match (h < hs, a < aws) {
            (true, false) => Some(home.clone()),
            (false, true) => Some(away.clone()),
            _ => None,
        };
        if let EventKind::Goal { team, .. } = &mut events[i].kind {
            *team = side;
        }
    }
    if told.is_some() {
        split_retold(events, ctx, [(&home, hs), (&away, aws)]);
        if config.enforce_score {
            let want = [(home.as_str(), hs), (away.as_str(), aws)];
            make_up_score(events, tentative, want, |e, scorer| {
                side_named(e, &home, &away)
                    .or_else(|| sides.side_of(scorer).map(str::to_string))
                    .or_else(|| acting_side(ctx, sides, &e.evidence, &home, &away))
                    .or_else(|| side_in_context(ctx, sides, scorer, &home, &away))
            });
        }
    }
    if config.enforce_score && sure {
        for (side, want) in [(&home, hs), (&away, aws)] {
            let got = goals_for(events, side);
            if got > want {
                drop_weakest(events, side, got - want);
            }
        }
        // With both sides' goals all found, a goal no side can take is a goal told
        // twice or not a goal.
        if goals_for(events, &home) == hs && goals_for(events, &away) == aws {
            for e in events.iter_mut() {
                if matches!(&e.kind, EventKind::Goal { team: None, .. }) {
                    e.confidence = -1.0;
                }
            }
        }
    }
    for (side, want) in [(&home, hs), (&away, aws)] {
        let got = goals_for(events, side);
        if got != want {
            warnings.push(format!(
                "{SCORE_WARNING}{side}: {got}, but the final score gives {want}"
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

/// Whether sentence `s` takes back the goal told just before it ("the goal was ruled
/// out"): it reads no goal of its own and tells none before the words that rule one out
/// ("thought he had made it 2-1, only for it to be ruled out" is its own).
fn takes_back_goal(s: &Sentence, here: &[Candidate]) -> bool {
    let t = &s.template;
    let Some(m) = rules::RULED_OUT.find(t) else {
        return false;
    };
    let before = &t[..m.start()];
    let tells_goal = rules::GOAL_CUE.is_match(before)
        || rules::GOAL_RULES
            .iter()
            .chain(rules::WEAK_GOAL_RULES.iter())
            .any(|r| r.regex.is_match(before));
    !tells_goal
        && !here
            .iter()
            .any(|c| matches!(c.kind, EventKind::Goal { .. }))
}

/// Reads home or away for each goal of the prose (`credit`), all before any is credited
/// so that no choice sees another's. With the ranker, each goal's pick: (event index,
/// side, probability).
fn credit_goals(
    events: &[Candidate],
    sides: &Sides,
    ctx: &Context,
    (home, away): (&str, &str),
    config: &PartnerConfig,
    credits: &mut Vec<credit::Choice>,
) -> Vec<(usize, String, f32)> {
    let mut picks = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let EventKind::Goal {
            scorer,
            assister,
            own_goal,
            team,
            ..
        } = &e.kind
        else {
            continue;
        };
        if e.from_footer {
            continue;
        }
        let acting = acting_side(ctx, sides, &e.evidence, home, away);
        let around = side_in_context(ctx, sides, scorer, home, away);
        let goal = credit::Goal {
            scorer,
            assister: assister.as_deref(),
            own_goal: *own_goal,
            evidence: &e.evidence,
            phrase: team.as_deref(),
            acting: acting.as_deref(),
            around: around.as_deref(),
        };
        let choice = credit::Choice::read(ctx, sides, &goal, (home, away));
        if config.from == Decider::Ranker {
            let (side, p) = choice.side(&config.ranker);
            tracing::debug!(
                "credit: {scorer} to {side} ({p:.2}), readings {:?}",
                choice.matrix.as_slice()
            );
            picks.push((i, side.to_string(), p));
        }
        credits.push(choice);
    }
    picks
}

/// Credits the ranker's picks of goals not yet credited against a score: the surest
/// first, each only while its side is short of its goals; the rest are left to the
/// readings after it.
fn credit_picks(
    events: &mut [Candidate],
    mut picks: Vec<(usize, String, f32)>,
    want: [(&str, u32); 2],
) {
    picks.sort_by(|a, b| b.2.total_cmp(&a.2));
    for (i, side, p) in picks {
        let short = short_of(events, &want, &side);
        let e = &mut events[i];
        if let (
            true,
            EventKind::Goal {
                team: team @ None, ..
            },
        ) = (short, &mut e.kind)
        {
            *team = Some(side);
            // The record says where the side came from, and how sure it was.
            e.by.push_str(&format!(" + side by credit ranker ({p:.2})"));
        }
    }
}

/// Whether `side` has fewer goals credited than `want` states for it.
fn short_of(events: &[Candidate], want: &[(&str, u32)], side: &str) -> bool {
    want.iter()
        .any(|(s, n)| fold(s) == fold(side) && goals_for(events, s) < *n)
}

/// A side still short of its stated goals takes, in the order told, the tentative goals
/// (`Candidate::tentative`) of its players that no goal read already tells; `side_of`
/// gives a tentative goal's side.
fn make_up_score(
    events: &mut Vec<Candidate>,
    tentative: Vec<Candidate>,
    want: [(&str, u32); 2],
    side_of: impl Fn(&Candidate, &str) -> Option<String>,
) {
    for mut t in tentative {
        if events
            .iter()
            .any(|e| e.confidence >= 0.0 && same_event(e, &t))
        {
            continue;
        }
        let EventKind::Goal { scorer, .. } = &t.kind else {
            continue;
        };
        let Some(side) = side_of(&t, scorer) else {
            continue;
        };
        let short = short_of(events, &want, &side);
        if let (true, EventKind::Goal { team, .. }) = (short, &mut t.kind) {
            *team = Some(side);
            t.by.push_str(" + stated score");
            events.push(t);
        }
    }
}

/// The side a goal's own sentence credits it to, where it is one of the two.
fn side_named(e: &Candidate, home: &str, away: &str) -> Option<String> {
    match &e.kind {
        EventKind::Goal { team: Some(t), .. } if fold(t) == fold(home) || fold(t) == fold(away) => {
            Some(t.clone())
        }
        _ => None,
    }
}

/// A side still short of its stated goals takes back, as goals of their own, tellings
/// that merging folded into one of its goals: two tellings of a scorer with no minute
/// are one goal until the score says his side scored more. The report's opening (its
/// first three sentences) sums the match up, so a goal told there and again in detail
/// is one goal: only the tellings after it count, and a scorer told to have scored
/// "twice" keeps two. A telling with another assister goes first, then the latest.
fn split_retold(events: &mut Vec<Candidate>, ctx: &Context, want: [(&String, u32); 2]) {
    let opening = ctx.sentences.get(2).map_or(usize::MAX, |s| s.span.end);
    let assister = |c: &Candidate| match &c.kind {
        EventKind::Goal { assister, .. } => assister.as_deref().map(fold),
        _ => None,
    };
    let scorer = |c: &Candidate| fold(c.kind.primary().1);
    for (side, n) in want {
        while goals_for(events, side) < n {
            let credited = |e: &Candidate| {
                e.confidence >= 0.0
                    && matches!(&e.kind, EventKind::Goal { team: Some(t), .. } if fold(t) == fold(side))
            };
            // A scorer's goals are bounded by the largest count told of him.
            let room = |e: &Candidate| {
                let told = e
                    .retold
                    .iter()
                    .chain([e])
                    .map(|t| t.count)
                    .max()
                    .unwrap_or(1);
                let has = events.iter().filter(|x| scorer(x) == scorer(e)).count() as u32;
                told == 1 || has < told
            };
            let best = events
                .iter()
                .enumerate()
                .filter(|(_, e)| credited(e) && room(e))
                .flat_map(|(i, e)| {
                    let later =
                        |t: &Candidate| t.evidence != e.evidence && t.evidence.start >= opening;
                    // Told in the opening, the goal keeps one later telling as its own.
                    let keep = usize::from(e.evidence.start < opening);
                    let spare = e.retold.iter().filter(|t| later(t)).count() > keep;
                    e.retold
                        .iter()
                        .enumerate()
                        .filter(move |(_, t)| spare && later(t))
                        .map(move |(j, t)| {
                            let other = assister(t).is_some() && assister(t) != assister(e);
                            ((other, t.anchor), i, j)
                        })
                })
                .max_by_key(|(key, _, _)| *key);
            let Some((_, i, j)) = best else { break };
            let mut goal = events[i].retold.remove(j);
            if goal.minute == events[i].minute {
                goal.minute = None;
            }
            goal.confidence = events[i].confidence * 0.8;
            // Its side is the goal's it was folded into.
            if let (
                EventKind::Goal { team, own_goal, .. },
                EventKind::Goal {
                    team: t,
                    own_goal: o,
                    ..
                },
            ) = (&mut goal.kind, &events[i].kind)
            {
                (*team, *own_goal) = (t.clone(), *o);
            }
            goal.by = format!("{} (a goal of its own: the score)", goal.by);
            events.push(goal);
        }
    }
}

/// Goals still standing (not dropped by the score checks) credited to a side.
fn goals_for(events: &[Candidate], side: &str) -> u32 {
    events
        .iter()
        .filter(|e| {
            e.confidence >= 0.0
                && matches!(&e.kind, EventKind::Goal { team: Some(t), .. } if fold(t) == fold(side))
        })
        .count() as u32
}

/// Credits each uncredited, non-own goal to the side `guess` reads for it (given the
/// event and its scorer), where that side is one of `want`'s and still short of its
/// stated goals.
fn credit_while_short(
    events: &mut [Candidate],
    want: &[(&str, u32); 2],
    guess: impl Fn(&Candidate, &str) -> Option<String>,
) {
    for i in 0..events.len() {
        let side = match &events[i].kind {
            EventKind::Goal {
                scorer,
                team: None,
                own_goal: false,
                ..
            } => guess(&events[i], scorer),
            _ => None,
        };
        let Some(side) = side else { continue };
        let short = short_of(events, want, &side);
        if let (true, EventKind::Goal { team, .. }) = (short, &mut events[i].kind) {
            *team = Some(side);
        }
    }
}

/// The one match side the sentence at `evidence` names as an actor (see `actor_in`).
fn acting_side(
    ctx: &Context,
    sides: &Sides,
    evidence: &Range<usize>,
    home: &str,
    away: &str,
) -> Option<String> {
    let s = ctx.sentences.iter().find(|s| s.span == *evidence)?;
    actor_in(s, sides, home, away)
}

/// The side most often named as the actor in the sentences that mention a player
/// ("Konate's mistake allowed Nunez to pull one back for the Portuguese outfit", "the
/// Foxes' advantage lasted…" after his goal): weak, so only used for goals that nothing
/// else credits and only while that side is short of its stated score.
fn side_in_context(
    ctx: &Context,
    sides: &Sides,
    player: &str,
    home: &str,
    away: &str,
) -> Option<String> {
    let (mut h, mut a) = (0, 0);
    for s in &ctx.sentences {
        if !s
            .slots
            .iter()
            .any(|sl| sl.label == Label::Player && fold(&sl.name) == fold(player))
        {
            continue;
        }
        match actor_in(s, sides, home, away) {
            Some(x) if fold(&x) == fold(home) => h += 1,
            Some(_) => a += 1,
            None => {}
        }
    }
    match h.cmp(&a) {
        std::cmp::Ordering::Greater => Some(home.to_string()),
        std::cmp::Ordering::Less => Some(away.to_string()),
        std::cmp::Ordering::Equal => None,
    }
}

/// The one match side a sentence names as an actor, by name or by its coach; sides
/// named as the beaten or visited one ("against Norwich", "beat Chelsea"), told losing
/// ("Norwich fell apart") or as a player's label ("Norwich keeper Ash") do not count.
fn actor_in(s: &Sentence, sides: &Sides, home: &str, away: &str) -> Option<String> {
    static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)\b(?:against|over|beat|beating|beats|past|to|at|v|vs|versus|conceded|from|with|than|behind|above|below|of|host|hosts|hosted|visit|visited|visiting|stun|stunned|stuns|thrash|thrashed|humbled|edged|knocked out|eliminated|frustrate|frustrated|held|denied|sink|sank|sunk|leaving|left|by|and|on|in|into|through|inside|behind|beyond|around|round|welcome|welcomes|welcomed|face|faces|faced|play|plays|played|meet|meets|met)\s*$|^(?:'s?|’s?)? (?:goalkeeper|keeper|defender|defenders|defence|net|midfield|back line|backline|back four|box|area|penalty area|half|fans|supporters|bench|end|wall|owner|owners|chairman|chairwoman|board|hierarchy)\b|^(?:'s?|’s?)? (?:were|was|are|is|had been|have been) (?:[\w-]+ )?(?:disappointed|furious|angry|unhappy|frustrated|infuriated|aggrieved|incensed|beaten|behind|trailing|denied|punished|stunned|shocked|condemned|consigned|caught|undone|left|fuming|livid|upset|sunk|rocked|hit)\b|^ (?:[\w-]+ )?(?:did )?(?:concede|conceded|conceding|trailed|trailing|unravelled|unraveled|capitulated|collapsed|crumbled|imploded|wilted|fell apart|fell behind|went behind|slumped)\b|^(?:'s?|’s?) (?:[\w-]+ )?(?:failings|mistakes?|errors?|lapses?|blunders?|woes|collapse)\b").expect("valid rule")
    });
    let mut named: Vec<String> = Vec::new();
    for slot in &s.slots {
        let side = match slot.label.kind() {
            Kind::Side => Some(slot.name.clone()),
            _ if slot.label == Label::Coach => sides.side_of(&slot.name).map(str::to_string),
            _ => None,
        };
        let Some(side) = side.filter(|x| fold(x) == fold(home) || fold(x) == fold(away)) else {
            continue;
        };
        let Some(at) = s.template_span(slot) else {
            continue;
        };
        let after = &s.template[at.end..];
        if OBJECT.is_match(&s.template[..at.start])
            || OBJECT.is_match(after)
            || sides::labels_person(after)
        {
            continue;
        }
        if !named.iter().any(|n| fold(n) == fold(&side)) {
            named.push(side);
        }
    }
    (named.len() == 1).then(|| named.remove(0))
}

/// Passes sides along the pairs events put together: a substitute and the player he
/// replaced, a scorer and his assister play for one side; a goalkeeper and the shooter
/// he stopped, or the scorer who beat him, for opposite ones (an own goal's scorer beat
/// his own keeper). A side known for one of a pair is lent to the other.
fn spread_sides(events: &[Candidate], sides: &mut Sides, home: &str, away: &str) {
    let beaten = events.iter().filter_map(|e| match (&e.kind, &e.beaten) {
        (
            EventKind::Goal {
                scorer, own_goal, ..
            },
            Some(keeper),
        ) => Some((keeper.as_str(), scorer.as_str(), *own_goal)),
        _ => None,
    });
    let pairs: Vec<(&str, &str, bool)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Substitution {
                player_in,
                player_out: Some(out),
            } => Some((player_in.as_str(), out.as_str(), true)),
            EventKind::Goal {
                scorer,
                assister: Some(a),
                own_goal: false,
                ..
            } => Some((scorer.as_str(), a.as_str(), true)),
            EventKind::Save {
                goalkeeper,
                shooter: Some(s),
            } => Some((goalkeeper.as_str(), s.as_str(), false)),
            _ => None,
        })
        .chain(beaten)
        .collect();
    for _ in 0..2 {
        for &(a, b, same) in &pairs {
            let (sa, sb) = (
                sides.side_of(a).map(str::to_string),
                sides.side_of(b).map(str::to_string),
            );
            let (to, known) = match (sa, sb) {
                (Some(s), None) => (b, s),
                (None, Some(s)) => (a, s),
                _ => continue,
            };
            let lent = if same {
                Some(known)
            } else {
                other_side(&known, home, away)
            };
            if let Some(side) = lent {
                sides.vote(to, &side, 0.5);
            }
        }
    }
}

/// The match side `side` played against: a side the report names otherwise than the
/// fixture ("Man City") is matched through the club table; one that is neither of the
/// two has none.
fn other_side(side: &str, home: &str, away: &str) -> Option<String> {
    let named = fixture_name(side, [home, away])?;
    Some(if named == home { away } else { home }.to_string())
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
            r"(?:put|puts|gave|gives|fired|headed|sent|edged|nudged|handed|earned|restored|hand|give|drew|shot|head|fire|nodded|swept|hammered) (?:the )?@S(?P<team>[a-z]+)(?:'s?)? (?:[\w-]+ ){0,2}?(?:ahead|in front|in control|the lead|into the lead|a \d+-\d+ lead|(?:a )?(?:two|three|four)-goal (?:lead|advantage|cushion)|level|back in front|back on terms|hope|parity|the win|victory|a lifeline|the advantage|a deserved|the points|three points|a point)",
            r"@S(?P<team>[a-z]+) (?:went|were|got|pulled|drew|moved|found themselves) (?:[\w-]+ ){0,2}?(?:ahead|in front|level|\d+-\d+ up|back into it|one back|two up|three up|back on terms)",
            r"(?:scored|scores|netted|equalised|levelled|struck|equaliser|opener|winner|goal|goals|leveller|consolation|reply|double|brace|hat-trick|own goal|lead) (?:[\w-]+ ){0,2}?for (?:the )?@S(?P<team>[a-z]+)",
            r"@S(?P<team>[a-z]+)(?:'s)? (?:[\w-]+ )?(?:opener|equaliser|winner|leveller|consolation|reply)\b",
            r"@S(?P<team>[a-z]+) (?:[^@.;]{0,60}? and )?(?:led|lead|took the lead|take the lead|equalised|levelled|doubled|pulled one back|hit back|replied|responded|struck|went ahead|scored|restored|extended)",
        ]
        .iter()
        .map(|p| rule_regex(&format!("(?i){p}")).expect("valid rule"))
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
    levelled_against(s, here);
}

/// "Reed put Leeds ahead but Hill levelled": a goal that levels or replies, with no side
/// of its own, after a goal its sentence credits to a side, is against that side.
fn levelled_against(s: &Sentence, here: &mut [Candidate]) {
    static LEVELS: LazyLock<Regex> = LazyLock::new(|| {
        rule_regex(r"(?i)^(?:'s? (?:[\w-]+ ){0,2}?(?:equaliser|equalizer|leveller|reply)\b|[^@.;]{0,40}?\b(?:levelled|leveled|levels|equalised|equalized|equalises|pulled one back|pulled a goal back|replied|hit back|reduced the (?:deficit|arrears)|halved the deficit|drew level|restored parity)\b)").expect("valid rule")
    });
    let credited: Vec<(usize, String)> = here
        .iter()
        .filter_map(|c| match &c.kind {
            EventKind::Goal {
                team: Some(t),
                own_goal: false,
                ..
            } => Some((c.anchor, t.clone())),
            _ => None,
        })
        .collect();
    for c in here.iter_mut() {
        if !matches!(
            c.kind,
            EventKind::Goal {
                team: None,
                own_goal: false,
                ..
            }
        ) {
            continue;
        }
        let levels = s
            .slots
            .iter()
            .find(|x| x.span.start == c.anchor)
            .and_then(|x| s.template_span(x))
            .is_some_and(|at| LEVELS.is_match(&s.template[at.end..]));
        let before = credited.iter().rfind(|(a, _)| *a < c.anchor);
        if let Some((_, side)) = before.filter(|_| levels) {
            c.against = Some(side.clone());
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
            by: Some(c.by),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_patterns_get_ascii_word_classes_inside_and_outside_brackets() {
        assert_eq!(
            ascii_words(r"\bscored [\w'’-]+ \w+ [^@\w] \[\w\] \d"),
            r"(?-u:\b)scored [0-9A-Za-z_'’-]+ [0-9A-Za-z_]+ [^@0-9A-Za-z_] \[[0-9A-Za-z_]\] \d"
        );
        let re = rule_regex(r"(?i)\bput (?:[\w-]+ ){0,2}?ahead\b").unwrap();
        assert!(re.is_match("Kane put Spurs well ahead."));
        assert!(!re.is_match("Kane output ahead"));
    }

    /// What `read` finds in the first sentence of `text`, whose `names` (in order of
    /// appearance) are tagged.
    fn first_sentence_candidates(
        text: &str,
        names: &[(&str, Label)],
        read: impl Fn(&Sentence, &mut Vec<Candidate>),
    ) -> Vec<Candidate> {
        let doc = crate::coref::doc_with(text, names);
        let ctx = Context::new(&doc);
        let mut out = Vec::new();
        read(&ctx.sentences[0], &mut out);
        out
    }

    /// Three players, tagged in this order of appearance.
    const HILL_REED_WARD: [(&str, Label); 3] = [
        ("Sam Hill", Label::Player),
        ("Tom Reed", Label::Player),
        ("Joe Ward", Label::Player),
    ];

    /// The same three, Reed first.
    const REED_HILL_WARD: [(&str, Label); 3] = [
        ("Tom Reed", Label::Player),
        ("Sam Hill", Label::Player),
        ("Joe Ward", Label::Player),
    ];

    /// The kinds of `first_sentence_candidates`.
    fn first_sentence_events(
        text: &str,
        names: &[(&str, Label)],
        read: impl Fn(&Sentence, &mut Vec<Candidate>),
    ) -> Vec<EventKind> {
        first_sentence_candidates(text, names, read)
            .into_iter()
            .map(|c| c.kind)
            .collect()
    }

    #[test]
    fn a_list_that_tested_the_keeper_makes_one_save_each_whoever_the_ranker_named() {
        let keepers = HashSet::from(["joe ward".to_string()]);
        let shooters = |named: Option<&str>| -> Vec<Option<String>> {
            let read = first_sentence_events(
                "Sam Hill and substitute Tom Reed both tested Joe Ward.",
                &HILL_REED_WARD,
                |s, out| {
                    saves(s, &keepers, out);
                    // What the shooter ranker may have named before the lists are read.
                    for c in out.iter_mut() {
                        if let EventKind::Save { shooter, .. } = &mut c.kind {
                            *shooter = named.map(str::to_string);
                        }
                    }
                    second_shooters(s, out);
                },
            );
            read.into_iter()
                .filter_map(|k| match k {
                    EventKind::Save { shooter, .. } => Some(shooter),
                    _ => None,
                })
                .collect()
        };
        let both = vec![Some("Sam Hill".to_string()), Some("Tom Reed".to_string())];
        assert_eq!(shooters(None), both);
        assert_eq!(shooters(Some("Tom Reed")), both);
    }

    #[test]
    fn a_player_whose_shot_was_saved_with_no_keeper_named_or_a_save_not_made_is_no_save() {
        let keepers = HashSet::from(["joe ward".to_string()]);
        let keepers_saving = |text: &str| -> Vec<String> {
            let mut named: Vec<(usize, (&str, Label))> = HILL_REED_WARD
                .into_iter()
                .filter_map(|x| Some((text.find(x.0)?, x)))
                .collect();
            named.sort();
            let named: Vec<(&str, Label)> = named.into_iter().map(|(_, x)| x).collect();
            first_sentence_events(text, &named, |s, out| saves(s, &keepers, out))
                .into_iter()
                .filter_map(|k| match k {
                    EventKind::Save { goalkeeper, .. } => Some(goalkeeper),
                    _ => None,
                })
                .collect()
        };
        for text in [
            "Sam Hill had a late penalty saved as Tom Reed missed too.",
            "Sam Hill went close, but his penalty was superbly saved.",
            "Sam Hill then saw her shot tipped over, and Tom Reed shot wide.",
        ] {
            assert_eq!(keepers_saving(text), Vec::<String>::new(), "{text}");
        }
        // The keeper's own save, and one told after a passive about another player's
        // shot, still count.
        assert_eq!(
            keepers_saving("Joe Ward was quick to react and saved from Sam Hill."),
            ["Joe Ward"]
        );
        assert_eq!(
            keepers_saving("Sam Hill's shot was blocked before Joe Ward saved again."),
            ["Joe Ward"]
        );
        // A save not made is none; one made before it still counts.
        for text in [
            "Sam Hill's drive was one Joe Ward got a hand to but could not keep out.",
            "Tom Reed scored after Joe Ward failed to hold a corner.",
        ] {
            assert_eq!(keepers_saving(text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(
            keepers_saving("Joe Ward saved twice from the spot, but he did not deny Sam Hill."),
            ["Joe Ward"]
        );
        // A keeper told after an aside on another player makes the save, not the other.
        assert_eq!(
            keepers_saving(
                "Joe Ward, who was preferred to Sam Hill, was rarely busy, but stopped Tom Reed late on."
            ),
            ["Joe Ward"]
        );
    }

    #[test]
    fn his_shot_is_the_one_player_the_sentence_or_the_one_before_gives_it_to() {
        let keepers = HashSet::from(["joe ward".to_string()]);
        // The shooter of the save read from the last sentence of `text`.
        let shooter = |text: &str, names: &[(&str, Label)]| -> Option<String> {
            let doc = crate::coref::doc_with(text, names);
            let ctx = Context::new(&doc);
            let s = ctx.sentences.last().expect("a sentence");
            let mut out = Vec::new();
            saves(s, &keepers, &mut out);
            possessive_shooters(&ctx, s, &keepers, &mut out);
            match out.first().map(|c| &c.kind) {
                Some(EventKind::Save { shooter, .. }) => shooter.clone(),
                other => panic!("{text}: no save but {other:?}"),
            }
        };
        assert_eq!(
            shooter(
                "Tom Reed laid the ball off to Sam Hill, but his first-time effort was gathered by Joe Ward.",
                &REED_HILL_WARD
            )
            .as_deref(),
            Some("Sam Hill")
        );
        assert_eq!(
            shooter(
                "Sam Hill broke clear down the left. Joe Ward tipped over her fierce drive.",
                &[("Sam Hill", Label::Player), ("Joe Ward", Label::Player)]
            )
            .as_deref(),
            Some("Sam Hill")
        );
        // Two players it may be: no one is named.
        assert_eq!(
            shooter(
                "Tom Reed and Sam Hill both went close, and his shot was saved by Joe Ward.",
                &REED_HILL_WARD
            ),
            None
        );
    }

    /// The goalkeepers `keepers` finds in `text`, whose `names` are tagged, sorted.
    fn keepers_in(text: &str, names: &[(&str, Label)]) -> Vec<String> {
        let doc = crate::coref::doc_with(text, names);
        let mut out: Vec<String> = keepers(&Context::new(&doc), HashSet::new())
            .into_iter()
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_shooter_whose_effort_was_saved_does_not_keep_goal() {
        let names = REED_HILL_WARD;
        for text in [
            "His shot was blocked by Tom Reed before, finally, Sam Hill's header was saved by Joe Ward.",
            "Tom Reed and Sam Hill also forced saves from Joe Ward.",
            "Tom Reed had to be at his best, and Sam Hill saw his effort saved by Joe Ward.",
            "Tom Reed's cross found Sam Hill, but his diving header was turned over by Joe Ward.",
        ] {
            let found = keepers_in(text, &names);
            assert!(!found.contains(&"sam hill".to_string()), "{text}: {found:?}");
            assert!(!found.contains(&"tom reed".to_string()), "{text}: {found:?}");
        }
        assert_eq!(
            keepers_in(
                "Tom Reed had to be at his best, diving full length to tip away a Sam Hill shot.",
                &names[..2]
            ),
            ["tom reed"]
        );
    }

    #[test]
    fn the_player_a_shot_beats_keeps_goal_and_one_run_past_does_not() {
        let names = [("Sam Hill", Label::Player), ("Tom Reed", Label::Player)];
        assert_eq!(
            keepers_in("Sam Hill powered a header beyond Tom Reed.", &names),
            ["tom reed"]
        );
        assert_eq!(
            keepers_in(
                "Sam Hill slotted the ball past the stranded Tom Reed.",
                &names
            ),
            ["tom reed"]
        );
        assert!(keepers_in("Sam Hill ran past Tom Reed and crossed.", &names).is_empty());
    }

    #[test]
    fn a_minute_parted_from_a_goal_by_before_is_the_other_goals() {
        let names = [("Sam Hill", Label::Player), ("Tom Reed", Label::Player)];
        let minutes = |text: &str| -> Vec<(String, Option<u32>)> {
            let doc = crate::coref::doc_with(text, &names);
            let ctx = Context::new(&doc);
            let s = &ctx.sentences[0];
            let mut here = Vec::new();
            goals(s, (&HashSet::new(), &HashSet::new()), false, &mut here);
            date(s, ctx.text(), &mut here);
            let mut out: Vec<(String, Option<u32>)> = here
                .into_iter()
                .filter_map(|c| match c.kind {
                    EventKind::Goal { scorer, .. } => Some((scorer, c.minute)),
                    _ => None,
                })
                .collect();
            out.sort();
            out
        };
        let hill = |m| ("Sam Hill".to_string(), m);
        let reed = |m| ("Tom Reed".to_string(), m);
        assert_eq!(
            minutes("Sam Hill scored in the 35th minute before Tom Reed scored."),
            vec![hill(Some(35)), reed(None)]
        );
        assert_eq!(
            minutes("Sam Hill scored, but Tom Reed scored in the 35th minute."),
            vec![hill(None), reed(Some(35))]
        );
        // Without a clause between them, both goals keep the one minute told.
        assert_eq!(
            minutes("Sam Hill scored and Tom Reed scored in the 35th minute."),
            vec![hill(Some(35)), reed(Some(35))]
        );
        // Past a clause break, another player named as a subject owns the minute, his
        // event read or not; one named as an object does not.
        assert_eq!(
            minutes("Sam Hill headed home before the break, and the visitors were sunk when Tom Reed was sent off on 70 minutes."),
            vec![hill(None)]
        );
        assert_eq!(
            minutes("Sam Hill danced away before driving through the legs of Tom Reed to score on 27 minutes."),
            vec![hill(Some(27))]
        );
    }

    #[test]
    fn ranker_picks_credit_only_uncredited_goals_surest_first_while_short() {
        let text = "Sam Hill scored, Tom Reed scored and Joe Ward scored.";
        let mut goals_read = first_sentence_candidates(text, &HILL_REED_WARD, |s, out| {
            goals(s, (&HashSet::new(), &HashSet::new()), false, out)
        });
        let teams = |events: &[Candidate]| -> Vec<(String, Option<String>)> {
            events
                .iter()
                .filter_map(|e| match &e.kind {
                    EventKind::Goal { scorer, team, .. } => Some((scorer.clone(), team.clone())),
                    _ => None,
                })
                .collect()
        };
        let scorers: Vec<String> = teams(&goals_read).into_iter().map(|(s, _)| s).collect();
        assert_eq!(scorers, ["Sam Hill", "Tom Reed", "Joe Ward"]);
        if let EventKind::Goal { team, .. } = &mut goals_read[1].kind {
            *team = Some("Hull".to_string());
        }
        // Reed's goal is credited already: the surest pick for him changes nothing. Of the
        // two left, Ward's pick is surer and fills Leeds's one goal; Hill's then finds
        // Leeds full and is left to the readings after it.
        let picks = vec![
            (0, "Leeds".to_string(), 0.6),
            (1, "Leeds".to_string(), 0.9),
            (2, "Leeds".to_string(), 0.7),
        ];
        credit_picks(&mut goals_read, picks, [("Leeds", 1), ("Hull", 2)]);
        let want = [
            ("Sam Hill", None),
            ("Tom Reed", Some("Hull")),
            ("Joe Ward", Some("Leeds")),
        ]
        .map(|(s, t)| (s.to_string(), t.map(str::to_string)));
        assert_eq!(teams(&goals_read), want);
    }

    /// The scorers `goals` reads in the first sentence of `text`, whose `players` are
    /// tagged in this order of appearance.
    /// The scorers the goal rules read in `text`'s first sentence, where `called` are the
    /// players the report calls goalkeepers.
    fn first_sentence_scorers(text: &str, players: &[&str], called: &[&str]) -> Vec<String> {
        let names: Vec<(&str, Label)> = players.iter().map(|n| (*n, Label::Player)).collect();
        let called: HashSet<String> = called.iter().map(|n| fold(n)).collect();
        first_sentence_events(text, &names, |s, out| {
            goals(s, (&called, &called), false, out)
        })
        .into_iter()
        .filter_map(|k| match k {
            EventKind::Goal { scorer, .. } => Some(scorer),
            _ => None,
        })
        .collect()
    }

    #[test]
    fn a_goalkeeper_scores_only_into_his_own_net_and_a_shot_that_went_elsewhere_is_no_goal() {
        let scorers = |text: &str, called: &[&str]| {
            let named: Vec<&str> = ["Sam Hill", "Tom Reed", "Joe Ward"]
                .into_iter()
                .filter(|n| text.contains(n))
                .collect();
            first_sentence_scorers(text, &named, called)
        };
        let none: Vec<String> = Vec::new();
        // A pronoun's finish falls back on the player named before it, but not on one the
        // report calls its goalkeeper.
        let rebound = "His shot rebounded off Joe Ward' legs and he slid the ball home.";
        assert_eq!(scorers(rebound, &[]), ["Joe Ward"]);
        assert_eq!(scorers(rebound, &["Joe Ward"]), none);
        // A keeper's own goal is his all the same.
        assert_eq!(
            scorers("An own goal by goalkeeper Joe Ward won it.", &["Joe Ward"]),
            ["Joe Ward"]
        );
        // What a player is, told before his name, does not make him the subject.
        assert_eq!(
            scorers(
                "Sam Hill skipped past defender Tom Reed before driving the ball into the net.",
                &[]
            ),
            ["Sam Hill"]
        );
        // The ball went to the keeper's bar or into his arms.
        for text in [
            "Sam Hill fizzed a fierce drive narrowly over Joe Ward's bar.",
            "Sam Hill drove in to Joe Ward's arms from long range.",
        ] {
            assert_eq!(scorers(text, &[]), none, "{text}");
        }
        // The shot a goal noun names went on to another player, or out; a deflection in
        // or a goal cancelled out is still the shooter's.
        assert_eq!(
            scorers("Sam Hill's free-kick was headed in by Tom Reed.", &[]),
            ["Tom Reed"]
        );
        assert_eq!(
            scorers(
                "Sam Hill's header was cancelled out by Tom Reed's late equaliser.",
                &[]
            ),
            ["Sam Hill"]
        );
    }

    #[test]
    fn what_the_clause_before_but_or_before_says_does_not_deny_the_goal_after_it() {
        let scorers = |text: &str| first_sentence_scorers(text, &["Sam Hill", "Tom Reed"], &[]);
        assert_eq!(
            scorers("Sam Hill's shot looked set to win it but she set up Tom Reed for a tap-in."),
            ["Tom Reed"]
        );
        assert_eq!(
            scorers("Sam Hill had a goal ruled out before Tom Reed won it right at the end."),
            ["Tom Reed"]
        );
        // A goal in an aside about another meeting of the sides is still no goal.
        assert!(scorers(
            "Sam Hill nearly got one back but Tom Reed, who scored the only goal in the match between these sides last month, hit the post."
        )
        .is_empty());
    }

    #[test]
    fn a_finish_that_ends_elsewhere_or_is_only_tried_is_no_goal() {
        let scorers = |text: &str, players: &[&str]| first_sentence_scorers(text, players, &[]);
        for text in [
            "Sam Hill shot narrowly wide in stoppage time.",
            "Sam Hill cut in from the left, trying to curl in at the far post.",
            "Sam Hill drilled a free-kick against the bar and in the end settled for a point.",
        ] {
            assert!(scorers(text, &["Sam Hill"]).is_empty(), "{text}");
        }
        let through =
            "Sam Hill dinked the ball over the top for Tom Reed, who lifted it into the net.";
        assert!(!scorers(through, &["Sam Hill", "Tom Reed"]).contains(&"Sam Hill".to_string()));
        let wall = "Sam Hill lifted the ball over the top of the wall and into the corner.";
        assert_eq!(scorers(wall, &["Sam Hill"]), ["Sam Hill"]);
    }

    #[test]
    fn a_name_passed_on_the_way_or_whose_ball_it_was_is_not_the_scorer() {
        let scorers = |text: &str| {
            let named: Vec<&str> = ["Sam Hill", "Tom Reed", "Joe Ward", "Ben Cole"]
                .into_iter()
                .filter(|n| text.contains(n))
                .collect();
            let mut found = first_sentence_scorers(text, &named, &[]);
            found.sort();
            found
        };
        for text in [
            "Sam Hill ran past Tom Reed and Joe Ward and then fired the ball beyond Ben Cole.",
            "Sam Hill took a neat Tom Reed pass in his stride and drove it past Joe Ward.",
            "Sam Hill turned Tom Reed inside out and then lashed the ball into the net.",
            "Sam Hill skipped past Tom Reed on the left and fired the ball past Joe Ward.",
            "Sam Hill won the ball off Tom Reed and curled it past Joe Ward.",
        ] {
            assert_eq!(scorers(text), ["Sam Hill"], "{text}");
        }
        // A passive without its "was": the player after "by" scored.
        assert_eq!(
            scorers("Hull led early, Tom Reed's corner nodded in firmly by Joe Ward."),
            ["Joe Ward"]
        );
        // A list after "with" names subjects, each of whom scored.
        assert_eq!(
            scorers("Sam Hill netted with Tom Reed and Joe Ward also scoring."),
            ["Joe Ward", "Sam Hill", "Tom Reed"]
        );
    }

    #[test]
    fn a_goal_of_another_day_or_one_not_scored_is_no_goal() {
        let scorers = |text: &str| first_sentence_scorers(text, &["Tom Reed", "Joe Ward"], &[]);
        for text in [
            "Tom Reed also netted at the same ground in March and Joe Ward watched.",
            "Tom Reed has still not scored and Joe Ward has not netted either.",
            "Tom Reed deputised in goal for the injured Joe Ward.",
            "Tom Reed smashed Joe Ward's cross into the net, only to be denied by the linesman's flag.",
            "Tom Reed turned in Joe Ward's cross, only to be denied for the second time in the half by a late call.",
        ] {
            assert!(scorers(text).is_empty(), "{text}");
        }
        // A clause that runs on to another match's date keeps its goal.
        assert_eq!(
            scorers("Tom Reed scored the winner before a crowd that had waited for one since the 4-1 win over Joe Ward's side in November."),
            ["Tom Reed"]
        );
    }

    #[test]
    fn a_ball_a_keeper_stopped_sets_up_no_goal() {
        let assisters = |text: &str| {
            let names = [("Tom Reed", Label::Player), ("Sam Hill", Label::Player)];
            first_sentence_events(text, &names, |s, out| {
                goals(s, (&HashSet::new(), &HashSet::new()), false, out)
            })
            .into_iter()
            .filter_map(|k| match k {
                EventKind::Goal { assister, .. } => Some(assister),
                _ => None,
            })
            .collect::<Vec<_>>()
        };
        assert_eq!(
            assisters("Tom Reed turned in the rebound after Sam Hill's free-kick was parried."),
            [None]
        );
        assert_eq!(
            assisters("Tom Reed slid home after Sam Hill's low shot was blocked."),
            [None]
        );
        assert_eq!(
            assisters("Tom Reed turned in Sam Hill's free-kick at the far post."),
            [Some("Sam Hill".to_string())]
        );
        // The pass after a pronoun that starts a clause is the sentence's subject's.
        let names = [
            ("Ben Cole", Label::Player),
            ("Sam Hill", Label::Player),
            ("Tom Reed", Label::Player),
        ];
        let assisted = first_sentence_events(
            "Ben Cole was forced wide by Sam Hill, but he crossed for Tom Reed to head in.",
            &names,
            |s, out| goals(s, (&HashSet::new(), &HashSet::new()), false, out),
        );
        assert!(
            matches!(&assisted[..], [EventKind::Goal { assister: Some(a), .. }] if a == "Ben Cole"),
            "{assisted:?}"
        );
        assert_eq!(
            assisters("Tom Reed escaped down the left and his cross was powered in by Sam Hill."),
            [Some("Tom Reed".to_string())]
        );
        assert_eq!(
            assisters("Tom Reed hung up a cross to the far post, where Sam Hill headed in."),
            [Some("Tom Reed".to_string())]
        );
    }

    #[test]
    fn each_player_comes_on_and_goes_off_once_by_the_tightest_reading() {
        let subs = |text: &str, names: &[(&str, Label)]| {
            first_sentence_events(text, names, substitutions)
                .into_iter()
                .filter_map(|k| match k {
                    EventKind::Substitution {
                        player_in,
                        player_out,
                    } => Some((player_in, player_out.unwrap_or_default())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let (hill, reed) = (("Sam Hill", Label::Player), ("Tom Reed", Label::Player));
        // "Sam Hill ... replaced Tom Reed" reaches across the clause; Joe Ward came on.
        let text = "Sam Hill flicked a header wide, and Hull replaced Tom Reed with Joe Ward.";
        let names = [
            hill,
            ("Hull", Label::Club),
            reed,
            ("Joe Ward", Label::Player),
        ];
        assert_eq!(
            subs(text, &names),
            [("Joe Ward".to_string(), "Tom Reed".to_string())]
        );
        assert_eq!(
            subs("Sam Hill replaced Tom Reed.", &[hill, reed]),
            [("Sam Hill".to_string(), "Tom Reed".to_string())]
        );
    }

    #[test]
    fn a_side_labelling_a_player_or_told_losing_is_no_actor() {
        use crate::coref::doc_with;
        let actor = |text: &str, names: &[(&str, Label)]| {
            let doc = doc_with(text, names);
            let ctx = Context::new(&doc);
            actor_in(&ctx.sentences[0], &Sides::default(), "Everton", "Leeds")
        };
        let (p, club) = (|n| (n, Label::Player), |n| (n, Label::Club));
        let hill = "Sam Hill converted a penalty after Leeds new boy Tom Reed tripped Jack Ward.";
        let names = [p("Sam Hill"), club("Leeds"), p("Tom Reed"), p("Jack Ward")];
        assert_eq!(actor(hill, &names), None);
        let names = [club("Leeds"), p("Tom Reed"), p("Sam Hill")];
        assert_eq!(
            actor("Leeds's Tom Reed fouled Sam Hill, who scored.", &names),
            None
        );
        for text in [
            "Leeds fell apart and Sam Hill added a second.",
            "Leeds did concede again, Sam Hill tapping in.",
            "Leeds' defensive errors let Sam Hill in.",
        ] {
            assert_eq!(actor(text, &[club("Leeds"), p("Sam Hill")]), None, "{text}");
        }
        let text = "Leeds pressed and Sam Hill added a second.";
        assert_eq!(
            actor(text, &[club("Leeds"), p("Sam Hill")]).as_deref(),
            Some("Leeds")
        );
    }
}
