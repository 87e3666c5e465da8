//! Extra training text: reports composed from random match event sequences, with names
//! drawn from the football gazetteer (`../shared/data/ner/football_gazetteer`). It adds
//! name variety to the team's hand-written reports; it is never the only football data.
//!
//! Names occurring in the held-out test gold are removed from the pools, and the phrase
//! templates below were written for this generator alone (a test checks that no 8-word
//! sequence of generated text occurs in `data/gold/test.jsonl`).

use super::{Example, Rng, RoleExample};
use crate::doc::{Kind, Label, MentionRole, Span};
use crate::names::fold;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// Name pools, title-cased, with the excluded names removed.
pub struct Gazetteer {
    players: Vec<String>,
    coaches: Vec<String>,
    referees: Vec<String>,
    clubs: Vec<String>,
    venues: Vec<String>,
    countries: Vec<String>,
    leagues: Vec<String>,
    tournaments: Vec<String>,
}

#[derive(Deserialize)]
struct RawGazetteer {
    players: Vec<String>,
    referees: Vec<String>,
    managers: Vec<String>,
    teams: Vec<String>,
    stadiums: Vec<String>,
}

const COUNTRIES: &[&str] = &[
    "Albania",
    "Algeria",
    "Argentina",
    "Australia",
    "Austria",
    "Belgium",
    "Bolivia",
    "Bosnia-Herzegovina",
    "Brazil",
    "Bulgaria",
    "Burkina Faso",
    "Cameroon",
    "Canada",
    "Chile",
    "China",
    "Colombia",
    "Costa Rica",
    "Croatia",
    "Czech Republic",
    "Denmark",
    "DR Congo",
    "Ecuador",
    "Egypt",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Hungary",
    "Iceland",
    "Iran",
    "Iraq",
    "Israel",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Kazakhstan",
    "Kosovo",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Mali",
    "Mexico",
    "Montenegro",
    "Morocco",
    "Netherlands",
    "New Zealand",
    "Nigeria",
    "North Macedonia",
    "Northern Ireland",
    "Norway",
    "Panama",
    "Paraguay",
    "Peru",
    "Poland",
    "Portugal",
    "Qatar",
    "Republic of Ireland",
    "Romania",
    "Saudi Arabia",
    "Scotland",
    "Serbia",
    "Slovakia",
    "Slovenia",
    "South Africa",
    "South Korea",
    "Spain",
    "Sweden",
    "Switzerland",
    "Tunisia",
    "Turkey",
    "Ukraine",
    "United States",
    "Uruguay",
    "Venezuela",
    "Wales",
    "Zambia",
];

const LEAGUES: &[&str] = &[
    "Premier League",
    "Championship",
    "League One",
    "League Two",
    "National League",
    "FA Cup",
    "EFL Cup",
    "Carabao Cup",
    "EFL Trophy",
    "Scottish Premiership",
    "Scottish Cup",
    "Champions League",
    "Europa League",
    "Europa Conference League",
    "La Liga",
    "Serie A",
    "Bundesliga",
    "Ligue 1",
    "Eredivisie",
    "Primeira Liga",
    "Super Lig",
    "Copa del Rey",
    "DFB-Pokal",
    "Coppa Italia",
    "Coupe de France",
    "Women's Super League",
    "Women's Champions League",
    "MLS",
    "A-League",
    "J1 League",
    "Allsvenskan",
    "Eliteserien",
];

const INTERNATIONAL: &[&str] = &[
    "World Cup",
    "European Championship",
    "Nations League",
    "Africa Cup of Nations",
    "Copa America",
    "Asian Cup",
    "Gold Cup",
    "World Cup qualifier",
    "Euro qualifier",
];

impl Gazetteer {
    /// Reads the gazetteer, dropping every name whose folded words meet `excluded`.
    pub fn load(path: &Path, excluded: &HashSet<String>) -> Result<Gazetteer> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let raw: RawGazetteer = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a gazetteer", path.display()))?;
        let allowed = |list: &[&str]| -> Vec<String> {
            list.iter()
                .filter(|n| !excluded.contains(&fold(n)))
                .map(|n| n.to_string())
                .collect()
        };
        let keep = |names: Vec<String>| -> Vec<String> {
            let mut out: Vec<String> = names
                .into_iter()
                .filter(|n| {
                    !n.chars().any(|c| c.is_ascii_digit()) && n.chars().any(char::is_alphabetic)
                })
                .map(|n| title_case(&n))
                .filter(|n| {
                    !fold(n).split(' ').any(|w| excluded.contains(w))
                        && !excluded.contains(&fold(n))
                })
                .collect();
            out.sort();
            out.dedup();
            out
        };
        Ok(Gazetteer {
            players: keep(raw.players),
            coaches: keep(raw.managers),
            referees: keep(raw.referees),
            clubs: keep(raw.teams),
            venues: keep(raw.stadiums),
            countries: allowed(COUNTRIES),
            leagues: allowed(LEAGUES),
            tournaments: allowed(INTERNATIONAL),
        })
    }
}

/// "heung-min son" → "Heung-Min Son", "virgil van dijk" → "Virgil van Dijk",
/// "kevin mcdonald" → "Kevin McDonald".
pub fn title_case(name: &str) -> String {
    const PARTICLES: &[&str] = &[
        "van", "de", "der", "den", "da", "di", "dos", "das", "del", "la", "le", "von", "bin", "el",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && i + 1 < words.len() && PARTICLES.contains(w) {
                return w.to_string();
            }
            w.split('-').map(cap_word).collect::<Vec<_>>().join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn cap_word(w: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for (i, c) in w.chars().enumerate() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        upper_next = c == '\'' || (i == 1 && out.starts_with("Mc"));
    }
    out
}

/// A person in a generated match: full name and the short form the prose uses.
#[derive(Clone)]
struct Person {
    full: String,
    short: String,
}

impl Person {
    fn new(full: &str) -> Person {
        let words: Vec<&str> = full.split(' ').collect();
        let short = match words.len() {
            0 | 1 => full.to_string(),
            n if n >= 3 && words[n - 2].chars().next().is_some_and(char::is_lowercase) => {
                words[n - 2..].join(" ")
            }
            n => words[n - 1].to_string(),
        };
        Person {
            full: full.to_string(),
            short,
        }
    }
}

struct Side {
    name: String,
    short: String,
    label: Label,
    coach: Person,
    keeper: Person,
    players: Vec<Person>,
}

/// Builds text while recording the char spans of the names it writes, and for every
/// person the roles the template gives it (the generated text's every event is known,
/// so its roles are fully marked).
#[derive(Default)]
struct Writer {
    text: String,
    chars: usize,
    spans: Vec<(Span, Label)>,
    roles: RoleExample,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    fn name(&mut self, s: &str, label: Label) {
        self.name_with(s, label, &[]);
    }

    fn name_with(&mut self, s: &str, label: Label, roles: &[MentionRole]) -> Span {
        let start = self.chars;
        self.push(s);
        let span = Span::new(start, self.chars);
        self.spans.push((span, label));
        if label.kind() == Kind::Person {
            self.roles.mentions.push((span, roles.to_vec()));
        }
        span
    }

    /// Writes a template; `{key}` is replaced by the value with that key, tagged when
    /// it carries a label, and `{key|role,role}` gives the person there those roles. A
    /// joining role (assister, shooter, player going off) is linked to its partner in
    /// the same template.
    fn fill(&mut self, template: &str, slots: &[(&str, String, Option<Label>)]) {
        let mut rest = template;
        let mut placed: Vec<(Span, Vec<MentionRole>)> = Vec::new();
        while let Some((before, after)) = rest.split_once('{') {
            self.push(before);
            let (slot, tail) = after.split_once('}').unwrap_or((after, ""));
            let (key, roles) = slot.split_once('|').unwrap_or((slot, ""));
            let roles: Vec<MentionRole> = roles.split(',').filter_map(role_named).collect();
            match slots.iter().find(|(k, _, _)| *k == key) {
                Some((_, v, Some(l))) => {
                    let span = self.name_with(v, *l, &roles);
                    placed.push((span, roles));
                }
                Some((_, v, None)) => self.push(v),
                None => self.push(key),
            }
            rest = tail;
        }
        self.push(rest);
        for (joiner, roles) in &placed {
            for partner in roles.iter().filter_map(|r| r.partner()) {
                for (primary, other) in &placed {
                    if primary != joiner && other.contains(&partner) {
                        self.roles.links.push((*joiner, *primary, true));
                    }
                }
            }
        }
    }
}

fn role_named(name: &str) -> Option<MentionRole> {
    MentionRole::ALL.into_iter().find(|r| r.as_str() == name)
}

const OPENERS: &[&str] = &[
    "{winner} beat {loser} {score} in the {comp} at {venue}.",
    "{winner} claimed a {score} victory over {loser} in the {comp}.",
    "Goals from {s1|scorer} and {s2|scorer} were enough for {winner} to see off {loser}.",
    "{loser} slipped to a {score} defeat at the hands of {winner}.",
    "{winner} moved up the {comp} table after overcoming {loser} {score} at {venue}.",
    "A {score} win over {loser} kept {winner} in the hunt in the {comp}.",
    "{s1|scorer} and {s2|scorer} both found the net as {winner} eased past {loser}.",
    "{winner} were {score} winners against {loser}, with {s1|scorer} among the scorers.",
];

const DRAW_OPENERS: &[&str] = &[
    "{home} and {away} shared the points after a {score} draw at {venue}.",
    "Neither {home} nor {away} could find a winner in a {score} stalemate in the {comp}.",
    "{away} held {home} to a {score} draw on a blustery afternoon at {venue}.",
];

const GOALS: &[&str] = &[
    "{scorer|scorer} opened the scoring {minute}, turning in a low cross from {assister|assister}.",
    "{assister|assister} slipped the ball through and {scorer|scorer} finished calmly {minute}.",
    "{scorer|scorer} made it {running} {minute} with a curling effort from 20 yards.",
    "{minute_cap}, {scorer|scorer,header} rose highest to head home {assister|assister}'s corner.",
    "{team} went ahead when {scorer|scorer} drilled in from distance {minute}.",
    "{scorer|scorer} tapped in at the far post {minute} after {assister|assister} had done the hard work.",
    "{scorer|scorer} struck {minute} to give {team} a {running} lead.",
    "{team} doubled their advantage {minute} as {scorer|scorer} lashed home.",
    "{scorer|scorer} pounced on a loose ball to score {minute}.",
    "{assister|assister} picked out {scorer|scorer}, who made no mistake {minute}.",
    "{scorer|scorer,header} nodded in from close range {minute}.",
    "{scorer|scorer} restored the lead {minute} after a neat exchange of passes with {assister|assister}.",
    "{team} were level {minute} when {scorer|scorer} swept the ball into the bottom corner.",
    "{scorer|scorer} added another {minute}, sliding in to meet a centre from {assister|assister}.",
    "The ball was bundled over the line by {scorer|scorer} {minute}.",
    "{scorer|scorer} got the final touch to a free-kick from {assister|assister} {minute}.",
    "It was {scorer|scorer,header} who broke the deadlock {minute}, glancing a header past {keeper}.",
    "{scorer|scorer} bent a free-kick over the wall and in {minute}.",
    "{team}'s {scorer|scorer} rifled into the roof of the net {minute}.",
    "{minute_cap}, {assister|assister} squared for {scorer|scorer} to side-foot home.",
    "{scorer|scorer} was left unmarked to volley in {minute}.",
];

const PENALTIES: &[&str] = &[
    "{scorer|scorer,penalty} converted a penalty {minute} after {victim} was tripped in the area.",
    "{scorer|scorer,penalty} sent {keeper} the wrong way from the spot {minute}.",
    "{scorer|scorer,penalty} made no mistake from 12 yards {minute}.",
    "A penalty from {scorer|scorer,penalty} {minute} settled the contest.",
];

const OWN_GOALS: &[&str] = &[
    "{scorer|own_goal} turned the ball into his own net {minute} to hand {team} the lead.",
    "An unfortunate own goal from {scorer|own_goal} {minute} put {team} {running} up.",
    "{scorer|own_goal} diverted a cross past his own goalkeeper {minute}.",
];

const SAVES: &[&str] = &[
    "{keeper|keeper} produced a fine save to keep out {shooter|shooter}'s drive.",
    "{shooter|shooter} was denied by a sharp stop from {keeper|keeper} {minute}.",
    "{keeper|keeper} tipped a header from {shooter|shooter} over the bar.",
    "{shooter|shooter} fired straight at {keeper|keeper} from close range.",
    "A shot from {shooter|shooter} was too close to {keeper|keeper} {minute}.",
    "{keeper|keeper} made a fine block to deny {shooter|shooter} {minute}.",
    "{keeper|keeper} clawed away a looping header from {shooter|shooter}.",
    "{shooter|shooter} forced {keeper|keeper} into a diving stop {minute}.",
    "{keeper|keeper} spread himself to smother an effort from {shooter|shooter}.",
    "A low drive from {shooter|shooter} was gathered at the second attempt by {keeper|keeper}.",
];

const MISSES: &[&str] = &[
    "{player|miss} pulled his effort past the upright {minute}.",
    "{player|miss} blazed over from eight yards when well placed.",
    "{player|miss} rattled the crossbar {minute}.",
    "{player|miss} headed wide from six yards {minute}.",
    "{player|miss} dragged a shot wide when clean through.",
    "{player|miss} skied a penalty {minute}.",
    "{player|miss} hit the post with the goal at his mercy.",
];

const CARDS: &[&str] = &[
    "{player|booked} was booked for a late challenge on {victim}.",
    "Referee {referee} sent {player|sent_off} off {minute} for a reckless lunge.",
    "Referee {referee} cautioned {player|booked} for dissent.",
    "{player|booked} went into the book {minute} for a cynical foul.",
    "{player|sent_off} was shown a straight red card {minute}.",
    "{player|sent_off} was dismissed {minute} after a second yellow card.",
];

const SUBS: &[&str] = &[
    "{player_in|sub_on} came on for {player_out|sub_off} {minute}.",
    "{coach} sent on {player_in|sub_on} in place of {player_out|sub_off}.",
    "{player_out|sub_off} limped off and was replaced by {player_in|sub_on}.",
    "{player_out|sub_off} made way for {player_in|sub_on} {minute}.",
    "Substitute {player_in|sub_on} came off the bench for {player_out|sub_off} {minute}.",
];

/// Sentences that name players beside events of other matches or none at all: the
/// roles must come from what this sentence tells of this match.
const NOT_THIS_MATCH: &[&str] = &[
    "{player} scored twice against {other} last season.",
    "{player} has now gone nine games without a goal.",
    "{player}, booked in each of the last three games, was rested.",
    "{player} saved a penalty in the reverse fixture at {venue}.",
    "{player} is expected to come off the bench against {other} next week.",
];

const QUOTES: &[&str] = &[
    "{team} boss {coach} said: \"We showed real character today and the players deserve the credit.\"",
    "\"It was a tough afternoon,\" admitted {coach}, whose side have now gone three games without a win.",
    "{coach}'s side will hope to build on this when they face {other} next week.",
    "{team} manager {coach} told reporters: \"We have to be better in both boxes.\"",
    "Head coach {coach} praised {player}, saying the forward had been \"outstanding\".",
];

const CONTEXT: &[&str] = &[
    "{player}, signed from {other} in the summer, was lively throughout.",
    "The visitors were without {player}, who is nursing a hamstring injury.",
    "{team} have now won four of their last five matches in the {comp}.",
    "{player} was making his first start since joining on loan from {other}.",
    "The {country} international {player} covered every blade of grass.",
    "{player}, the {nationality} midfielder, dictated the tempo before the break.",
    "Capped 30 times by {country}, {player} looked every inch the leader.",
    "The {nationality} forward {player} has been linked with a move to {other}.",
];

/// How managers appear: by role, by name alone, through their side.
const COACH_LINES: &[&str] = &[
    "{coach}'s side had the better of the early exchanges.",
    "{coach} made two changes from the side that lost to {other}.",
    "{team} boss {coach} was left frustrated on the touchline.",
    "Under {coach}, {team} have lost only once at home this season.",
    "{coach} responded by sending on {player}.",
    "\"We deserved more,\" said {coach}. \"The players gave everything.\"",
    "{coach}, who took charge in the summer, has now won five in a row.",
    "Manager {coach} later defended his decision to rest {player}.",
    "It was a tactical triumph for {coach}, whose gamble paid off.",
    "{coach} was booked for protesting on the touchline.",
];

/// Nationality words: never TEAM (SPEC), unlike the country in "the Gabon international".
const NATIONALITIES: &[&str] = &[
    "Brazilian",
    "Dutch",
    "French",
    "Spanish",
    "Nigerian",
    "Ghanaian",
    "Swiss",
    "Norwegian",
    "Argentine",
    "Portuguese",
    "Belgian",
    "Danish",
    "Croatian",
    "Serbian",
    "Paraguayan",
    "Japanese",
    "Korean",
    "Welsh",
    "Scottish",
    "Irish",
];

fn minute_phrase(rng: &mut Rng, m: u32) -> String {
    match (m, rng.below(6)) {
        (m, _) if m > 90 => format!("{} minutes into stoppage time", m - 90),
        (m, 0) => format!("after {m} minutes"),
        (m, 1) => format!("in the {}", ordinal_minute(m)),
        (m, 2) => format!("on {m} minutes"),
        (m, 3) => format!("{m} minutes in"),
        (m, 4) if m > 46 => format!("{} minutes after the break", m - 45),
        (m, _) => format!("in the {}", ordinal_minute(m)),
    }
}

fn ordinal_minute(m: u32) -> String {
    let suffix = match (m % 10, m % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{m}{suffix} minute")
}

impl Gazetteer {
    fn person(&self, rng: &mut Rng, pool: &[String]) -> Person {
        Person::new(&pool[rng.below(pool.len())])
    }

    fn side(&self, rng: &mut Rng, international: bool) -> Side {
        let (name, label) = if international {
            (
                self.countries[rng.below(self.countries.len())].clone(),
                Label::Team,
            )
        } else {
            (self.clubs[rng.below(self.clubs.len())].clone(), Label::Club)
        };
        let short = club_short(&name);
        Side {
            short,
            name,
            label,
            coach: self.person(rng, &self.coaches),
            keeper: self.person(rng, &self.players),
            players: (0..14).map(|_| self.person(rng, &self.players)).collect(),
        }
    }

    /// One generated report.
    pub fn report(&self, rng: &mut Rng) -> Example {
        let international = rng.below(5) == 0;
        let (home, away) = (self.side(rng, international), self.side(rng, international));
        let comps = if international {
            &self.tournaments
        } else {
            &self.leagues
        };
        let comp = comps[rng.below(comps.len())].clone();
        let venue = self.venues[rng.below(self.venues.len())].clone();
        let referee = self.person(rng, &self.referees);
        let other = self.clubs[rng.below(self.clubs.len())].clone();
        let sides = [&home, &away];
        let (hg, ag) = (rng.below(4), rng.below(4));
        let mut goals: Vec<(u32, usize)> = (0..hg)
            .map(|_| (0, 0))
            .chain((0..ag).map(|_| (0, 1)))
            .collect();
        for g in &mut goals {
            g.0 = 1 + rng.below(94) as u32;
        }
        goals.sort();
        let mut w = Writer::default();
        let name_of = |s: &Side, rng: &mut Rng| {
            if rng.below(3) == 0 {
                s.short.clone()
            } else {
                s.name.clone()
            }
        };
        if rng.below(2) == 0 {
            w.name(&home.short, home.label);
            w.push(&format!(" {hg}-{ag} "));
            w.name(&away.short, away.label);
            w.push("\n\n");
        }
        let score = format!("{}-{}", hg.max(ag), hg.min(ag));
        let scorers: Vec<&Person> = goals
            .iter()
            .map(|(_, s)| &sides[*s].players[rng.below(10)])
            .collect();
        let (winner, loser) = if hg >= ag {
            (&home, &away)
        } else {
            (&away, &home)
        };
        let opener = if hg == ag || scorers.len() < 2 {
            DRAW_OPENERS[rng.below(DRAW_OPENERS.len())]
        } else {
            OPENERS[rng.below(OPENERS.len())]
        };
        let s1 = scorers.first().map(|p| p.full.clone()).unwrap_or_default();
        let s2 = scorers.get(1).map(|p| p.full.clone()).unwrap_or_default();
        let wn = name_of(winner, rng);
        let ln = name_of(loser, rng);
        w.fill(
            opener,
            &[
                ("winner", wn, Some(winner.label)),
                ("loser", ln, Some(loser.label)),
                ("home", home.name.clone(), Some(home.label)),
                ("away", away.name.clone(), Some(away.label)),
                ("score", score, None),
                ("comp", comp.clone(), Some(Label::Competition)),
                ("venue", venue.clone(), Some(Label::Venue)),
                ("s1", s1, Some(Label::Player)),
                ("s2", s2, Some(Label::Player)),
            ],
        );
        w.push("\n\n");
        let mut tally = [0, 0];
        for (i, &(minute, s)) in goals.iter().enumerate() {
            let side = sides[s];
            let opp = sides[1 - s];
            let kind = rng.below(10);
            let (template, scorer) = match kind {
                0 => (
                    OWN_GOALS[rng.below(OWN_GOALS.len())],
                    &opp.players[rng.below(10)],
                ),
                1 => (PENALTIES[rng.below(PENALTIES.len())], scorers[i]),
                _ => (GOALS[rng.below(GOALS.len())], scorers[i]),
            };
            tally[s] += 1;
            let mp = minute_phrase(rng, minute);
            let mut cap = mp.clone();
            if let Some(f) = cap.get(..1) {
                cap = f.to_uppercase() + &cap[1..];
            }
            let scorer_name = if rng.below(2) == 0 {
                scorer.full.clone()
            } else {
                scorer.short.clone()
            };
            let assister = &side.players[10 + rng.below(4)];
            w.fill(
                template,
                &[
                    ("scorer", scorer_name, Some(Label::Player)),
                    ("assister", assister.full.clone(), Some(Label::Player)),
                    ("team", name_of(side, rng), Some(side.label)),
                    ("minute", mp, None),
                    ("minute_cap", cap, None),
                    ("running", format!("{}-{}", tally[s], tally[1 - s]), None),
                    (
                        "victim",
                        side.players[rng.below(14)].short.clone(),
                        Some(Label::Player),
                    ),
                    ("keeper", opp.keeper.full.clone(), Some(Label::Player)),
                ],
            );
            w.push(if rng.below(3) == 0 { "\n\n" } else { " " });
        }
        for side in sides {
            let coach = if rng.below(2) == 0 {
                side.coach.full.clone()
            } else {
                side.coach.short.clone()
            };
            w.fill(
                COACH_LINES[rng.below(COACH_LINES.len())],
                &[
                    ("coach", coach, Some(Label::Coach)),
                    ("team", name_of(side, rng), Some(side.label)),
                    (
                        "player",
                        side.players[rng.below(14)].full.clone(),
                        Some(Label::Player),
                    ),
                    ("other", other.clone(), Some(Label::Club)),
                ],
            );
            w.push(if rng.below(2) == 0 { "\n\n" } else { " " });
        }
        let extras = 2 + rng.below(6);
        for _ in 0..extras {
            let s = rng.below(2);
            let (side, opp) = (sides[s], sides[1 - s]);
            let m = 1 + rng.below(90) as u32;
            let minute = minute_phrase(rng, m);
            let pick = |rng: &mut Rng| side.players[rng.below(14)].clone();
            let p = pick(rng);
            let q = pick(rng);
            let group = match rng.below(7) {
                0 => SAVES,
                1 => MISSES,
                2 => CARDS,
                3 => SUBS,
                4 => QUOTES,
                5 => NOT_THIS_MATCH,
                _ => CONTEXT,
            };
            let use_short = rng.below(2) == 0;
            let n = |p: &Person| {
                if use_short {
                    p.short.clone()
                } else {
                    p.full.clone()
                }
            };
            w.fill(
                group[rng.below(group.len())],
                &[
                    ("keeper", n(&opp.keeper), Some(Label::Player)),
                    ("shooter", n(&p), Some(Label::Player)),
                    ("player", n(&p), Some(Label::Player)),
                    (
                        "victim",
                        n(&opp.players[rng.below(14)]),
                        Some(Label::Player),
                    ),
                    ("player_in", n(&p), Some(Label::Player)),
                    ("player_out", n(&q), Some(Label::Player)),
                    ("minute", minute, None),
                    (
                        "referee",
                        if rng.below(2) == 0 {
                            referee.full.clone()
                        } else {
                            referee.short.clone()
                        },
                        Some(Label::Referee),
                    ),
                    (
                        "coach",
                        if rng.below(2) == 0 {
                            side.coach.full.clone()
                        } else {
                            side.coach.short.clone()
                        },
                        Some(Label::Coach),
                    ),
                    ("team", name_of(side, rng), Some(side.label)),
                    ("other", other.clone(), Some(Label::Club)),
                    ("comp", comp.clone(), Some(Label::Competition)),
                    ("venue", venue.clone(), Some(Label::Venue)),
                    (
                        "country",
                        self.countries[rng.below(self.countries.len())].clone(),
                        Some(Label::Team),
                    ),
                    (
                        "nationality",
                        NATIONALITIES[rng.below(NATIONALITIES.len())].to_string(),
                        None,
                    ),
                ],
            );
            w.push(if rng.below(3) == 0 { "\n\n" } else { " " });
        }
        if rng.below(4) == 0 {
            w.push("\n\n");
            for side in sides {
                write_sheet(&mut w, side, rng);
            }
            w.push("Ref: ");
            w.name(&referee.full, Label::Referee);
            w.push(".");
        }
        Example {
            text: w.text.trim_end().to_string(),
            spans: w.spans,
            masked: Vec::new(),
            roles: Some(w.roles),
        }
    }
}

/// "Dunmore: Keeper, A, B (C 61), ... Subs Not Used: D, E. Booked: A."
fn write_sheet(w: &mut Writer, side: &Side, rng: &mut Rng) {
    w.name(&side.short, side.label);
    w.push(": ");
    w.name(&side.keeper.short, Label::Player);
    for (i, p) in side.players[..10].iter().enumerate() {
        w.push(", ");
        w.name(&p.short, Label::Player);
        if i % 4 == 3 {
            w.push(" (");
            let on = w.name_with(
                &side.players[10 + i / 4].short,
                Label::Player,
                &[MentionRole::SubOn],
            );
            w.push(&format!(" {})", 55 + rng.below(35)));
            // The player before the bracket went off for the one in it.
            if let Some(off) = w.roles.mentions.iter_mut().rev().nth(1) {
                off.1.push(MentionRole::SubOff);
                let off = off.0;
                w.roles.links.push((off, on, true));
            }
        }
    }
    w.push(". Subs Not Used: ");
    w.name(&side.players[13].short, Label::Player);
    w.push(". Booked: ");
    w.name_with(
        &side.players[rng.below(10)].short,
        Label::Player,
        &[MentionRole::Booked],
    );
    w.push(".\n\n");
}

/// Club short form: "Borussia Dortmund" → "Dortmund", "Rapid Bucuresti" → "Rapid".
fn club_short(name: &str) -> String {
    const PREFIXES: &[&str] = &[
        "FC",
        "AC",
        "AS",
        "SC",
        "SV",
        "Real",
        "Sporting",
        "Athletic",
        "Borussia",
        "Eintracht",
        "Dynamo",
        "Dinamo",
        "Club",
        "Olympique",
        "Racing",
        "Deportivo",
        "Atletico",
        "Inter",
        "CD",
        "CF",
        "SK",
        "FK",
    ];
    let words: Vec<&str> = name.split(' ').collect();
    match words.as_slice() {
        [one] => one.to_string(),
        [first, rest @ ..] if PREFIXES.contains(first) => rest.join(" "),
        [first, ..] => first.to_string(),
        [] => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The generator may not reuse the held-out test set's names or phrasing.
    #[test]
    fn generated_reports_share_no_name_or_phrase_with_test_gold() {
        let gazetteer = Path::new("../shared/data/ner/football_gazetteer/soccer_data.json");
        if !gazetteer.exists() {
            eprintln!("skipped: {} not present", gazetteer.display());
            return;
        }
        let test = Path::new("data/gold/test.jsonl");
        let excluded = crate::train::names_in(test).unwrap();
        let g = Gazetteer::load(gazetteer, &excluded).unwrap();
        let test_text: Vec<String> = crate::export::read_records(test)
            .unwrap()
            .records
            .into_iter()
            .map(|(_, r)| r.text.unwrap_or_default())
            .collect();
        let ngrams = |t: &str| -> HashSet<String> {
            let w: Vec<String> = t.split_whitespace().map(|x| x.to_lowercase()).collect();
            w.windows(8).map(|x| x.join(" ")).collect()
        };
        let test_grams: HashSet<String> = test_text.iter().flat_map(|t| ngrams(t)).collect();
        let mut rng = Rng::new(7);
        for _ in 0..300 {
            let ex = g.report(&mut rng);
            let chars: Vec<char> = ex.text.chars().collect();
            for (span, label) in &ex.spans {
                let name: String = chars[span.start..span.end].iter().collect();
                if label.kind() == crate::doc::Kind::Person {
                    assert!(
                        !fold(&name).split(' ').any(|w| excluded.contains(w)),
                        "{name} is a test-gold name"
                    );
                }
                assert!(
                    !excluded.contains(&fold(&name)),
                    "{name} is a test-gold name"
                );
            }
            let shared: Vec<String> = ngrams(&ex.text)
                .into_iter()
                .filter(|g| test_grams.contains(g))
                .collect();
            assert!(
                shared.is_empty(),
                "phrases shared with test gold: {shared:?}"
            );
        }
    }

    #[test]
    fn title_case_handles_particles_and_prefixes() {
        assert_eq!(title_case("virgil van dijk"), "Virgil van Dijk");
        assert_eq!(title_case("kevin mcdonald"), "Kevin McDonald");
        assert_eq!(title_case("rayan ait-nouri"), "Rayan Ait-Nouri");
        assert_eq!(title_case("john o'shea"), "John O'Shea");
        assert_eq!(Person::new("Virgil van Dijk").short, "van Dijk");
        assert_eq!(club_short("Borussia Dortmund"), "Dortmund");
    }
}
