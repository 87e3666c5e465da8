//! The types every stage shares: the SPEC record (`Record`, `Mention`, `Event`,
//! `MatchInfo`), the pipeline's working `Doc`, and `CharIndex`, the one place where byte
//! offsets become char offsets.
//!
//! Offsets in records are Unicode scalar values (Rust `char`s), end exclusive, as
//! `../shared/SPEC.md` fixes. Stages that work on `&str` byte positions (regexes, the
//! tokenizer) convert through a `CharIndex` built once per document.
//!
//! ```
//! use touchline::doc::{CharIndex, Label, Record};
//!
//! let text = "Ødegaard scored.";
//! let index = CharIndex::new(text);
//! assert_eq!(index.char_of_byte(text.find("scored").unwrap()), 9);
//!
//! let line = r#"{"id":"a","entities":[{"start":0,"end":8,"label":"PLAYER","text":"Ødegaard"}],"events":[],"match":null}"#;
//! let record: Record = serde_json::from_str(line).unwrap();
//! assert_eq!(record.entities[0].label, Label::Player);
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;

/// An entity label from the SPEC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Player,
    Coach,
    Referee,
    Club,
    Team,
    Venue,
    Competition,
}

impl Label {
    pub const ALL: [Label; 7] = [
        Label::Player,
        Label::Coach,
        Label::Referee,
        Label::Club,
        Label::Team,
        Label::Venue,
        Label::Competition,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Player => "PLAYER",
            Label::Coach => "COACH",
            Label::Referee => "REFEREE",
            Label::Club => "CLUB",
            Label::Team => "TEAM",
            Label::Venue => "VENUE",
            Label::Competition => "COMPETITION",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Labels whose mentions can name the same thing: a coach's surname may be written
    /// where his full name was tagged, a club may be a TEAM in another sentence.
    pub fn kind(self) -> Kind {
        match self {
            Label::Player | Label::Coach | Label::Referee => Kind::Person,
            Label::Club | Label::Team => Kind::Side,
            Label::Venue => Kind::Venue,
            Label::Competition => Kind::Competition,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a mention names, whatever its exact label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Person,
    Side,
    Venue,
    Competition,
}

/// A half-open range of chars in a report's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A tagged name in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// Canonical name of what the mention refers to (filled by coreference).
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What this person does in its own sentence: the annotators' marks in gold, the
    /// role model's reading in predictions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<MentionRole>,
    /// The role model's probabilities and link vector for this mention (not written).
    #[serde(skip)]
    pub reading: Option<Box<RoleReading>>,
}

/// A role a person mention can play in its sentence (`{scorer}` in the annotation
/// sources), or an attribute of the goal it scores (`penalty`, `header`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionRole {
    Scorer,
    OwnGoal,
    Assister,
    Keeper,
    Shooter,
    Miss,
    Booked,
    SentOff,
    SubOn,
    SubOff,
    Penalty,
    Header,
}

impl MentionRole {
    /// In the order of the role model's outputs.
    pub const ALL: [MentionRole; 12] = [
        MentionRole::Scorer,
        MentionRole::OwnGoal,
        MentionRole::Assister,
        MentionRole::Keeper,
        MentionRole::Shooter,
        MentionRole::Miss,
        MentionRole::Booked,
        MentionRole::SentOff,
        MentionRole::SubOn,
        MentionRole::SubOff,
        MentionRole::Penalty,
        MentionRole::Header,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MentionRole::Scorer => "scorer",
            MentionRole::OwnGoal => "own_goal",
            MentionRole::Assister => "assister",
            MentionRole::Keeper => "keeper",
            MentionRole::Shooter => "shooter",
            MentionRole::Miss => "miss",
            MentionRole::Booked => "booked",
            MentionRole::SentOff => "sent_off",
            MentionRole::SubOn => "sub_on",
            MentionRole::SubOff => "sub_off",
            MentionRole::Penalty => "penalty",
            MentionRole::Header => "header",
        }
    }

    /// Position in [`MentionRole::ALL`] (the model's output column).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Attributes describe a goal; they are not roles of their own.
    pub fn is_attribute(self) -> bool {
        matches!(self, MentionRole::Penalty | MentionRole::Header)
    }

    /// The role a linked partner plays: an assister belongs to a scorer's goal, a
    /// shooter to a keeper's save, the player going off to the one coming on.
    pub fn partner(self) -> Option<MentionRole> {
        match self {
            MentionRole::Assister => Some(MentionRole::Scorer),
            MentionRole::Shooter => Some(MentionRole::Keeper),
            MentionRole::SubOff => Some(MentionRole::SubOn),
            _ => None,
        }
    }
}

/// The role model's reading of one person mention: a probability per [`MentionRole`]
/// and the two halves of its link vector (as the side that joins an event, and as the
/// event's primary role), whose dot product scores a link between two mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleReading {
    pub probs: [f32; MentionRole::ALL.len()],
    pub link_from: Vec<f32>,
    pub link_to: Vec<f32>,
}

impl RoleReading {
    pub fn prob(&self, role: MentionRole) -> f32 {
        self.probs[role.index()]
    }

    /// Probability that `self` (an assister, shooter or player going off) belongs to
    /// the event of `to` (its scorer, keeper or player coming on).
    pub fn link(&self, to: &RoleReading) -> f32 {
        let d = self.link_from.len().max(1) as f32;
        let dot: f32 = self
            .link_from
            .iter()
            .zip(&to.link_to)
            .map(|(a, b)| a * b)
            .sum();
        1.0 / (1.0 + (-dot / d.sqrt()).exp())
    }
}

impl Mention {
    /// A mention with no score, reference or roles yet.
    pub fn new(start: usize, end: usize, label: Label, text: impl Into<String>) -> Mention {
        Mention {
            start,
            end,
            label,
            text: text.into(),
            score: None,
            reference: None,
            roles: Vec::new(),
            reading: None,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// The canonical name, or the surface text when coreference has not run.
    pub fn canonical(&self) -> &str {
        self.reference.as_deref().unwrap_or(&self.text)
    }
}

/// A role an event can give a name; the first of each type's roles is its primary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Scorer,
    Assister,
    Team,
    Goalkeeper,
    Shooter,
    Player,
    Card,
    PlayerIn,
    PlayerOut,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Scorer => "scorer",
            Role::Assister => "assister",
            Role::Team => "team",
            Role::Goalkeeper => "goalkeeper",
            Role::Shooter => "shooter",
            Role::Player => "player",
            Role::Card => "card",
            Role::PlayerIn => "player_in",
            Role::PlayerOut => "player_out",
        }
    }
}

/// Yellow or red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Card {
    Yellow,
    Red,
}

impl Card {
    pub fn as_str(self) -> &'static str {
        match self {
            Card::Yellow => "yellow",
            Card::Red => "red",
        }
    }
}

/// The type-specific part of an event, tagged by `type` as in the SPEC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum EventKind {
    Goal {
        scorer: String,
        #[serde(default)]
        assister: Option<String>,
        #[serde(default)]
        team: Option<String>,
        #[serde(default)]
        penalty: bool,
        #[serde(default)]
        own_goal: bool,
        #[serde(default)]
        header: bool,
    },
    Save {
        goalkeeper: String,
        #[serde(default)]
        shooter: Option<String>,
    },
    Miss {
        player: String,
    },
    Card {
        player: String,
        card: Card,
    },
    Substitution {
        player_in: String,
        #[serde(default)]
        player_out: Option<String>,
    },
}

/// Event types in SPEC order.
pub const EVENT_TYPES: [&str; 5] = ["goal", "save", "miss", "card", "substitution"];

impl EventKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::Goal { .. } => "goal",
            EventKind::Save { .. } => "save",
            EventKind::Miss { .. } => "miss",
            EventKind::Card { .. } => "card",
            EventKind::Substitution { .. } => "substitution",
        }
    }

    /// The primary role and the name filling it.
    pub fn primary(&self) -> (Role, &str) {
        match self {
            EventKind::Goal { scorer, .. } => (Role::Scorer, scorer),
            EventKind::Save { goalkeeper, .. } => (Role::Goalkeeper, goalkeeper),
            EventKind::Miss { player } => (Role::Player, player),
            EventKind::Card { player, .. } => (Role::Player, player),
            EventKind::Substitution { player_in, .. } => (Role::PlayerIn, player_in),
        }
    }

    /// The secondary roles the SPEC scores on matched events (null equals only null).
    pub fn secondary(&self) -> Vec<(Role, Option<&str>)> {
        match self {
            EventKind::Goal { assister, team, .. } => vec![
                (Role::Assister, assister.as_deref()),
                (Role::Team, team.as_deref()),
            ],
            EventKind::Save { shooter, .. } => vec![(Role::Shooter, shooter.as_deref())],
            EventKind::Miss { .. } => vec![],
            EventKind::Card { card, .. } => vec![(Role::Card, Some(card.as_str()))],
            EventKind::Substitution { player_out, .. } => {
                vec![(Role::PlayerOut, player_out.as_deref())]
            }
        }
    }

    /// Every role that names a person or side, for checks and display.
    pub fn names(&self) -> Vec<(Role, &str)> {
        let mut out = vec![self.primary()];
        out.extend(
            self.secondary()
                .into_iter()
                .filter(|(r, _)| *r != Role::Card)
                .filter_map(|(r, v)| v.map(|v| (r, v))),
        );
        out
    }
}

/// One match event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(flatten)]
    pub kind: EventKind,
    #[serde(default)]
    pub minute: Option<u32>,
    /// Char span of the sentence(s) the event was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
    /// What read the event: `rule <type> <rule name>` ("rule goal finish-into-net"),
    /// `model <role> <probability>` or `sheet`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// Who played whom, and the final score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchInfo {
    #[serde(default)]
    pub home: Option<String>,
    #[serde(default)]
    pub away: Option<String>,
    #[serde(default)]
    pub home_score: Option<u32>,
    #[serde(default)]
    pub away_score: Option<u32>,
    #[serde(default)]
    pub competition: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
}

/// One line of a predictions or gold file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default)]
    pub entities: Vec<Mention>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(rename = "match", default)]
    pub match_info: Option<MatchInfo>,
    /// Problems the pipeline noticed (e.g. goals that do not add up to the stated score).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Gold only: every event's roles are marked on its mentions (`roles`), so an
    /// unmarked person mention plays none.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub roles_marked: bool,
}

/// A report on its way through the pipeline: each stage reads what earlier ones added
/// and adds its own part.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub id: String,
    pub source: Option<String>,
    pub text: String,
    pub mentions: Vec<Mention>,
    pub events: Vec<Event>,
    pub match_info: Option<MatchInfo>,
    pub warnings: Vec<String>,
}

impl Doc {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Doc {
        Doc {
            id: id.into(),
            text: text.into(),
            ..Doc::default()
        }
    }

    /// The SPEC record for this document.
    pub fn into_record(self) -> Record {
        Record {
            id: self.id,
            source: self.source,
            text: Some(self.text),
            entities: self.mentions,
            events: self.events,
            match_info: self.match_info,
            warnings: self.warnings,
            roles_marked: false,
        }
    }
}

impl From<Record> for Doc {
    fn from(r: Record) -> Doc {
        Doc {
            id: r.id,
            source: r.source,
            text: r.text.unwrap_or_default(),
            mentions: r.entities,
            events: r.events,
            match_info: r.match_info,
            warnings: r.warnings,
        }
    }
}

/// Byte <-> char offset conversion for one text. Built once per document; lookups are
/// O(1) for byte -> char and O(log n) for char -> byte.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `char_at_byte[b]` = number of chars before byte `b` (valid for char boundaries and
    /// for `b == len`).
    char_at_byte: Vec<u32>,
    byte_at_char: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut char_at_byte = vec![0u32; text.len() + 1];
        let mut byte_at_char = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            for slot in &mut char_at_byte[b..b + c.len_utf8()] {
                *slot = n;
            }
            byte_at_char.push(b as u32);
            n += 1;
        }
        char_at_byte[text.len()] = n;
        byte_at_char.push(text.len() as u32);
        CharIndex {
            char_at_byte,
            byte_at_char,
        }
    }

    /// Char offset of a byte offset (a byte inside a char maps to that char).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        self.char_at_byte[byte.min(self.char_at_byte.len() - 1)] as usize
    }

    /// Byte offset of a char offset (clamped to the text's end).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        self.byte_at_char[ch.min(self.byte_at_char.len() - 1)] as usize
    }

    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        Span::new(self.char_of_byte(start), self.char_of_byte(end))
    }

    /// Number of chars in the text.
    pub fn len_chars(&self) -> usize {
        self.byte_at_char.len() - 1
    }

    /// The slice of `text` (the string this index was built from) covering `span`.
    pub fn slice<'t>(&self, text: &'t str, span: Span) -> &'t str {
        &text[self.byte_of_char(span.start)..self.byte_of_char(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips_multibyte_text() {
        let text = "Son Heung-min and Ødegaard — Müller";
        let idx = CharIndex::new(text);
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_of_byte(b), c);
            assert_eq!(idx.byte_of_char(c), b);
        }
        assert_eq!(idx.len_chars(), text.chars().count());
        let start = text.find("Müller").unwrap();
        let span = idx.span_of_bytes(start, text.len());
        assert_eq!(idx.slice(text, span), "Müller");
    }

    #[test]
    fn record_round_trips_through_json() {
        let line = r#"{"id":"x","entities":[{"start":0,"end":4,"label":"PLAYER","text":"Kane","score":0.9,"ref":"Harry Kane"}],
          "events":[{"type":"goal","scorer":"Harry Kane","assister":null,"team":"Spurs","minute":49,"penalty":true,"own_goal":false,"header":false,"evidence":[0,10],"score":0.8},
                    {"type":"card","player":"Harry Kane","card":"red","minute":null}],
          "match":{"home":"Spurs","away":"Dortmund","home_score":1,"away_score":0,"competition":null,"venue":null},"extra":1}"#;
        let r: Record = serde_json::from_str(line).unwrap();
        assert_eq!(r.entities[0].canonical(), "Harry Kane");
        assert_eq!(r.events[0].kind.primary(), (Role::Scorer, "Harry Kane"));
        assert_eq!(
            r.events[1].kind.secondary(),
            vec![(Role::Card, Some("red"))]
        );
        let back: Record = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }
}
