//! Coreference within one report: every mention gets `ref`, the canonical name of what
//! it names, which is the longest name the report itself uses (SPEC "Names").
//!
//! - People: a surname or first name joins the full name whose words contain it
//!   ("Kane" → "Harry Kane"). When two full names contain it (Gary and Phil Neville),
//!   the one mentioned most recently before wins, else the next one after.
//! - Sides: short forms join by words, prefixes, abbreviations and initials
//!   ("Dortmund" → "Borussia Dortmund", "Man Utd" → "Manchester United", "QPR" →
//!   "Queens Park Rangers"); nicknames join through the club table (`clubs`), but only
//!   to a name the report uses ("Spurs" → "Tottenham Hotspur" only if the report says it).
//! - Person or side: first, a PLAYER tag on words the report uses more for a side becomes
//!   that side ("But Gillingham, 23rd, held on"), and a CLUB tag on the surname of a
//!   player the report names in full becomes him ("lost Wood" after "Chris Wood").
//! - Descriptions ("the Dane", "the visitors") are not mentions; the events stage asks
//!   [`antecedent`] and [`side_of_description`] for them.
//!
//! ```
//! use touchline::coref::{resolve, CorefConfig};
//! use touchline::doc::{Doc, Label, Mention};
//!
//! let text = "Harry Kane scored for Tottenham Hotspur. Spurs were 1-0 up and Kane added another.";
//! let mut doc = Doc::new("r", text);
//! for (name, label) in [("Harry Kane", Label::Player), ("Tottenham Hotspur", Label::Club), ("Spurs", Label::Club), ("Kane", Label::Player)] {
//!     let start = text[..text.find(name).unwrap()].chars().count();
//!     let start = if name == "Kane" { text.rfind("Kane").map(|b| text[..b].chars().count()).unwrap() } else { start };
//!     doc.mentions.push(Mention::new(start, start + name.chars().count(), label, name));
//! }
//! resolve(&mut doc, &CorefConfig::default());
//! let refs: Vec<&str> = doc.mentions.iter().map(|m| m.canonical()).collect();
//! assert_eq!(refs, ["Harry Kane", "Tottenham Hotspur", "Tottenham Hotspur", "Harry Kane"]);
//! ```

use crate::clubs::Clubs;
use crate::doc::{Doc, Kind, Label, Mention};
use crate::names::{contains_words, fold, words};
use std::collections::HashMap;

/// Coreference options.
#[derive(Debug, Clone)]
pub struct CorefConfig {
    /// Join club nicknames through the alias table.
    pub aliases: bool,
    /// Give every mention of one person (or side) the label most of its mentions carry,
    /// weighted by confidence: a surname tagged PLAYER in "Pochettino went the other way"
    /// follows "Mauricio Pochettino" tagged COACH. Before that, person or side follows
    /// how the report uses the words (`person_or_side`).
    pub harmonise_labels: bool,
}

impl Default for CorefConfig {
    fn default() -> Self {
        CorefConfig {
            aliases: true,
            harmonise_labels: true,
        }
    }
}

/// National sides' nicknames → the names a report may use in full (club nicknames come
/// from the club table, `clubs`). A nickname joins the first listed name the report uses.
const TEAM_ALIASES: &[(&str, &[&str])] = &[
    ("lionesses", &["england"]),
    ("three lions", &["england"]),
    ("oranje", &["netherlands"]),
    ("selecao", &["brazil"]),
    ("azzurri", &["italy"]),
    ("les bleus", &["france"]),
    ("socceroos", &["australia"]),
    ("matildas", &["australia"]),
];

/// The names a side's short form or nickname may stand for, longest first: the club
/// table's clubs it names, then the national sides' aliases.
fn alias_names(key: &str) -> Vec<String> {
    let clubs = Clubs::shipped().named(key);
    // A club's own full name is no one's alias.
    if clubs.iter().any(|c| fold(&c.name) == key) {
        return Vec::new();
    }
    let mut out: Vec<String> = clubs
        .into_iter()
        .flat_map(|c| c.names().into_iter().map(str::to_string))
        .collect();
    if let Some((_, targets)) = TEAM_ALIASES.iter().find(|(alias, _)| *alias == key) {
        out.extend(targets.iter().map(|t| t.to_string()));
    }
    out
}

/// Fills `reference` on every mention.
pub fn resolve(doc: &mut Doc, config: &CorefConfig) {
    let folded: Vec<Vec<String>> = doc.mentions.iter().map(|m| words(&m.text)).collect();
    if config.harmonise_labels {
        person_or_side(&mut doc.mentions, &folded);
    }
    let refs: Vec<String> = (0..doc.mentions.len())
        .map(|i| canonical(&doc.mentions, &folded, i, config))
        .collect();
    for (m, r) in doc.mentions.iter_mut().zip(refs) {
        m.reference = Some(r);
    }
    if config.harmonise_labels {
        harmonise(&mut doc.mentions);
    }
}

/// Person or side, by how the report uses the words: "But Gillingham, 23rd in League
/// Two, kept…" tagged PLAYER in a report that names Gillingham as a side throughout is
/// that side; "when he lost Wood" tagged CLUB in a report about Chris Wood is him. Uses
/// are weighed by confidence, as `harmonise` weighs labels. A club table name or
/// nickname of a club the report names is used as often as the club is ("ten-man
/// Clarets" in a Burnley report); a longer person name ending in the words is a person
/// use ("Chris Wood" for "Wood"), and keeps a person tag a person ("David Villa",
/// "Villa"). Words that name a club in the table stay a side.
fn person_or_side(mentions: &mut [Mention], folded: &[Vec<String>]) {
    let weight = |m: &Mention| m.score.unwrap_or(1.0);
    // Folded words -> (side uses, person uses, the side label used).
    let mut uses: HashMap<&[String], (f32, f32, Label)> = HashMap::new();
    for (m, w) in mentions.iter().zip(folded) {
        let e = uses.entry(w).or_insert((0.0, 0.0, Label::Club));
        match m.label {
            Label::Club | Label::Team => {
                e.0 += weight(m);
                e.2 = m.label;
            }
            Label::Player => e.1 += weight(m),
            _ => {}
        }
    }
    let mut table: HashMap<Vec<String>, (f32, Label)> = HashMap::new();
    for m in mentions.iter().filter(|m| m.label.kind() == Kind::Side) {
        for club in Clubs::shipped().named(&m.text) {
            let names = club.names().into_iter();
            for n in names.chain(club.nicknames.iter().map(String::as_str)) {
                table.entry(words(n)).or_insert((0.0, m.label)).0 += weight(m);
            }
        }
    }
    for (name, (w, label)) in table {
        if let Some(e) = uses.get_mut(name.as_slice()).filter(|e| e.0 == 0.0) {
            *e = (w, e.1, label);
        }
    }
    // Person uses by a longer player name ending in these words.
    let longer = |w: &[String]| -> f32 {
        mentions
            .iter()
            .zip(folded)
            .filter(|(m, p)| m.label == Label::Player && p.len() > w.len() && p.ends_with(w))
            .map(|(m, _)| weight(m))
            .sum()
    };
    let relabel: Vec<Option<Label>> = mentions
        .iter()
        .zip(folded)
        .map(|(m, w)| {
            let (side, person, label) = uses[w.as_slice()];
            match m.label {
                Label::Player if side > person && longer(w) == 0.0 => Some(label),
                Label::Club | Label::Team
                    if Clubs::shipped().named(&m.text).is_empty() && {
                        let by_longer = longer(w);
                        by_longer > 0.0 && person + by_longer >= side
                    } =>
                {
                    Some(Label::Player)
                }
                _ => None,
            }
        })
        .collect();
    for (m, label) in mentions.iter_mut().zip(relabel) {
        if let Some(label) = label {
            m.label = label;
        }
    }
}

fn harmonise(mentions: &mut [Mention]) {
    let mut votes: HashMap<(Kind, String), HashMap<Label, f32>> = HashMap::new();
    for m in mentions.iter() {
        let key = (m.label.kind(), fold(m.canonical()));
        *votes.entry(key).or_default().entry(m.label).or_default() += m.score.unwrap_or(1.0);
    }
    for m in mentions.iter_mut() {
        let key = (m.label.kind(), fold(m.canonical()));
        if let Some(best) = votes
            .get(&key)
            .and_then(|v| v.iter().max_by(|a, b| a.1.total_cmp(b.1)).map(|(l, _)| *l))
        {
            m.label = best;
        }
    }
}

fn canonical(
    mentions: &[Mention],
    folded: &[Vec<String>],
    i: usize,
    config: &CorefConfig,
) -> String {
    let me = &mentions[i];
    let kind = me.label.kind();
    let joins = |j: usize| {
        let other = &folded[j];
        let longer = other.len() > folded[i].len()
            || (other.len() == folded[i].len() && other.concat().len() > folded[i].concat().len());
        longer
            && match kind {
                Kind::Side => side_matches(other, &folded[i], &me.text),
                _ => contains_words(other, &folded[i]),
            }
    };
    let containers: Vec<usize> = (0..mentions.len())
        .filter(|&j| mentions[j].label.kind() == kind && joins(j))
        .filter(|&j| kind != Kind::Side || !set_side_by_side(mentions, folded, i, j))
        .collect();
    if !containers.is_empty() {
        return nearest_maximal(mentions, folded, &containers, i);
    }
    if kind == Kind::Side && config.aliases {
        if let Some(target) = alias_target(mentions, folded, i) {
            return target;
        }
    }
    me.text.clone()
}

/// Whether the report names sides `i` and `j` side by side as two opponents ("Dundee
/// United 2-1 Dundee", "Dundee and Dundee United"): then the shorter is not a short form.
fn set_side_by_side(mentions: &[Mention], folded: &[Vec<String>], i: usize, j: usize) -> bool {
    let pair = |a: usize, b: usize| {
        (folded[a] == folded[i] && folded[b] == folded[j])
            || (folded[a] == folded[j] && folded[b] == folded[i])
    };
    // Side by side means consecutive side mentions a few chars apart.
    let sides: Vec<usize> = (0..mentions.len())
        .filter(|&k| mentions[k].label.kind() == Kind::Side)
        .collect();
    sides.windows(2).any(|w| {
        let (a, b) = (&mentions[w[0]], &mentions[w[1]]);
        a.end <= b.start && b.start - a.end <= 12 && pair(w[0], w[1])
    })
}

/// Among the names containing mention `i`, keeps those no other container contains,
/// then takes one with the same label, closest before `i` (else closest after).
fn nearest_maximal(
    mentions: &[Mention],
    folded: &[Vec<String>],
    containers: &[usize],
    i: usize,
) -> String {
    let maximal: Vec<usize> = containers
        .iter()
        .copied()
        .filter(|&a| {
            !containers.iter().any(|&b| {
                folded[b].len() > folded[a].len() && contains_words(&folded[b], &folded[a])
            })
        })
        .collect();
    let start = mentions[i].start;
    // "Howard" beside Tim Howard (player) and Howard Webb (referee) is the one its label
    // says.
    let best = maximal
        .iter()
        .copied()
        .min_by_key(|&j| {
            let other_label = mentions[j].label != mentions[i].label;
            let s = mentions[j].start;
            if s <= start {
                (other_label, 0, start - s)
            } else {
                (other_label, 1, s - start)
            }
        })
        .unwrap_or(containers[0]);
    mentions[best].text.clone()
}

/// Whether the side name `short` (its folded words, and the surface text for
/// initialisms) is a short form of `long`.
fn side_matches(long: &[String], short: &[String], surface: &str) -> bool {
    if contains_words(long, short) {
        return true;
    }
    let significant: Vec<&String> = long
        .iter()
        .filter(|w| !matches!(w.as_str(), "&" | "and" | "of" | "the"))
        .collect();
    let initials: String = significant
        .iter()
        .filter_map(|w| w.chars().next())
        .collect();
    if short.len() == 1
        && surface.chars().all(|c| c.is_uppercase())
        && surface.chars().count() >= 2
        && initials == short[0]
    {
        return true;
    }
    // Each short word matches a later long word, in order, as itself, a prefix of 3+
    // letters, or a common abbreviation.
    let mut pos = 0;
    short.iter().all(|s| {
        let found = long[pos..].iter().position(|l| word_abbreviates(s, l));
        found.map(|k| pos += k + 1).is_some()
    })
}

fn word_abbreviates(short: &str, long: &str) -> bool {
    short == long
        || (short.chars().count() >= 3 && long.starts_with(short))
        || matches!(
            (short, long),
            ("utd", "united") | ("man", "manchester") | ("wed", "wednesday") | ("st", "saint")
        )
}

fn alias_target(mentions: &[Mention], folded: &[Vec<String>], i: usize) -> Option<String> {
    let key = folded[i].join(" ");
    alias_names(&key).iter().find_map(|t| {
        let target = words(t);
        let hits: Vec<usize> = (0..mentions.len())
            .filter(|&j| {
                j != i
                    && mentions[j].label.kind() == Kind::Side
                    && (folded[j] == target || contains_words(&folded[j], &target))
            })
            .collect();
        hits.iter()
            .copied()
            .max_by_key(|&j| folded[j].len())
            .map(|j| {
                // The longest name the report uses for that side.
                let longest = (0..mentions.len())
                    .filter(|&k| {
                        mentions[k].label.kind() == Kind::Side
                            && folded[k].len() >= folded[j].len()
                            && side_matches(&folded[k], &folded[j], &mentions[j].text)
                    })
                    .max_by_key(|&k| folded[k].len())
                    .unwrap_or(j);
                mentions[longest].text.clone()
            })
    })
}

/// Home or away, for descriptions of a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Venue {
    Home,
    Away,
}

/// "the visitors", "the away side" → Away; "the hosts", "the home side" → Home.
pub fn side_of_description(phrase: &str) -> Option<Venue> {
    let p = fold(phrase);
    let p = p.trim_start_matches("the ").trim();
    match p {
        "visitors" | "away side" | "away team" | "travelling side" | "visiting side"
        | "visiting team" => Some(Venue::Away),
        "hosts" | "home side" | "home team" | "hosting side" => Some(Venue::Home),
        _ => None,
    }
}

/// The person a description such as "the Dane" or "the veteran defender" most likely
/// means. `earlier` lists, nearest sentence first, the person names of each sentence before
/// the description in order of mention; the answer is the first (the subject) of the
/// nearest sentence that names anyone not in `exclude` — a writer describes rather than
/// names the person the text is already about.
pub fn antecedent<'a>(
    earlier: impl IntoIterator<Item = Vec<&'a str>>,
    exclude: &[&str],
) -> Option<&'a str> {
    earlier.into_iter().find_map(|names| {
        names
            .into_iter()
            .find(|n| !exclude.iter().any(|e| fold(e) == fold(n)))
    })
}

/// A test document whose `names` (in order of appearance) are tagged, resolved.
#[cfg(test)]
pub(crate) fn doc_with(text: &str, names: &[(&str, Label)]) -> Doc {
    let mut doc = Doc::new("t", text);
    let mut from = 0;
    for (name, label) in names {
        let b = from + text[from..].find(name).expect("name in text");
        from = b + name.len();
        let start = text[..b].chars().count();
        doc.mentions.push(Mention::new(
            start,
            start + name.chars().count(),
            *label,
            *name,
        ));
    }
    resolve(&mut doc, &CorefConfig::default());
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(doc: &Doc) -> Vec<&str> {
        doc.mentions.iter().map(Mention::canonical).collect()
    }

    #[test]
    fn two_players_sharing_a_surname_stay_apart() {
        let d = doc_with(
            "Gary Neville crossed. Later Phil Neville came on, and Neville shot wide.",
            &[
                ("Gary Neville", Label::Player),
                ("Phil Neville", Label::Player),
                ("Neville", Label::Player),
            ],
        );
        assert_eq!(refs(&d), ["Gary Neville", "Phil Neville", "Phil Neville"]);
    }

    #[test]
    fn sides_join_by_prefix_abbreviation_initials_and_alias() {
        let d = doc_with(
            "Manchester United beat Queens Park Rangers at Old Trafford. Man Utd led; QPR rallied. The Red Devils held on. Spurs were not playing.",
            &[
                ("Manchester United", Label::Club),
                ("Queens Park Rangers", Label::Club),
                ("Old Trafford", Label::Venue),
                ("Man Utd", Label::Club),
                ("QPR", Label::Club),
                ("Red Devils", Label::Club),
                ("Spurs", Label::Club),
            ],
        );
        assert_eq!(
            refs(&d),
            [
                "Manchester United",
                "Queens Park Rangers",
                "Old Trafford",
                "Manchester United",
                "Queens Park Rangers",
                "Manchester United",
                "Spurs"
            ]
        );
    }

    #[test]
    fn accents_and_labels_do_not_split_a_person() {
        let d = doc_with(
            "Martin Ødegaard scored. Odegaard later thanked Mikel Arteta; Arteta smiled.",
            &[
                ("Martin Ødegaard", Label::Player),
                ("Odegaard", Label::Player),
                ("Mikel Arteta", Label::Coach),
                ("Arteta", Label::Player),
            ],
        );
        assert_eq!(
            refs(&d),
            [
                "Martin Ødegaard",
                "Martin Ødegaard",
                "Mikel Arteta",
                "Mikel Arteta"
            ]
        );
    }

    #[test]
    fn person_or_side_by_how_the_report_uses_the_words() {
        use Label::{Club, Player};
        // The report's own words: "Gillingham" is a side three times, a person once.
        let doc = doc_with(
            "Gillingham 1-0 Crewe. Gillingham led early. But Gillingham, 23rd, held on. Gillingham won.",
            &[("Gillingham", Club), ("Crewe", Club), ("Gillingham", Club), ("Gillingham", Player), ("Gillingham", Club)],
        );
        assert!(
            doc.mentions.iter().all(|m| m.label == Club),
            "{:?}",
            doc.mentions
        );
        // The club table: "Clarets" is Burnley's nickname, and the report names Burnley.
        let doc = doc_with(
            "Burnley lost. The ten-man Clarets faded and Burnley sank.",
            &[("Burnley", Club), ("Clarets", Player), ("Burnley", Club)],
        );
        assert_eq!(doc.mentions[1].label, Club);
        assert_eq!(doc.mentions[1].canonical(), "Burnley");
        // A person more often than a side stays a person; so does the end of a longer name.
        let doc = doc_with(
            "Raheem Sterling scored. Raheem Sterling ran on. Raheem Sterling celebrated.",
            &[
                ("Raheem Sterling", Player),
                ("Raheem Sterling", Club),
                ("Raheem Sterling", Player),
            ],
        );
        assert_eq!(
            (doc.mentions[0].label, doc.mentions[2].label),
            (Player, Player)
        );
        let doc = doc_with(
            "Valencia beat Villa. David Villa scored and Villa added another.",
            &[
                ("Valencia", Club),
                ("Villa", Club),
                ("David Villa", Player),
                ("Villa", Player),
            ],
        );
        assert_eq!(doc.mentions[3].label, Player);
        // A side tag on the surname of a player the report names in full is him, unless
        // the club table knows a club by that name.
        let doc = doc_with(
            "Leeds drew with Brighton. Chris Wood headed in after Lewis Dunk lost Wood.",
            &[
                ("Leeds", Club),
                ("Brighton", Club),
                ("Chris Wood", Player),
                ("Lewis Dunk", Player),
                ("Wood", Club),
            ],
        );
        assert_eq!(doc.mentions[4].label, Player);
        assert_eq!(doc.mentions[4].canonical(), "Chris Wood");
        let doc = doc_with(
            "Fulham beat Everton. Everton Soares scored for Brighton, not Everton.",
            &[
                ("Fulham", Club),
                ("Everton", Club),
                ("Everton Soares", Player),
                ("Brighton", Club),
                ("Everton", Club),
            ],
        );
        assert_eq!(doc.mentions[4].label, Club);
    }

    #[test]
    fn descriptions() {
        assert_eq!(side_of_description("the visitors"), Some(Venue::Away));
        assert_eq!(side_of_description("The home side"), Some(Venue::Home));
        assert_eq!(side_of_description("the Dane"), None);
        // "Eriksen ran at Trippier and shot. Burki denied the Dane.": the subject of the
        // sentence before, not its last name, and never the keeper named alongside.
        let earlier = vec![
            vec!["Christian Eriksen", "Kieran Trippier"],
            vec!["Harry Kane"],
        ];
        assert_eq!(
            antecedent(earlier, &["Roman Burki"]),
            Some("Christian Eriksen")
        );
        assert_eq!(
            antecedent(vec![vec!["Roman Burki"], vec!["Kane"]], &["Roman Burki"]),
            Some("Kane")
        );
    }
}
