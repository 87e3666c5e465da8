//! Team sheets at the foot of a match report, in 2004-BBC style, read into line-ups,
//! substitutions, unused substitutes, bookings, dismissals, goals, attendance and referee.
//!
//! Two forms are read. The labelled one names every field ("Man City: James, Mills
//! (Wright-Phillips 83), ... Subs Not Used: ... Booked: ... Goals: Rooney 68. Att: 47,111
//! Ref: S Bennett (Kent)."), on one line or several, sometimes glued to the end of a prose
//! paragraph. The stripped one has lost its labels: each field stands on its own line and
//! its meaning comes from its place and shape (a line-up, then unused substitutes, then
//! bookings, a goals line with minutes, a bare attendance number, the referee). A footer
//! is only recognised from a line-up of at least seven names, so prose never parses as one.
//!
//! ```
//! use touchline::events::footer::parse_footer;
//!
//! let text = "Rovers won at a canter.\n\nRovers: Ames, Bell, Cole, Dunn, Eze, Fry, Gee, \
//!             Hart (Ince 70), Judd, Kay, Lowe.\nBooked: Bell.\nGoals: Judd 12, 49.\n\
//!             Att: 4,210 Ref: P Moss (Kent).";
//! let footer = parse_footer(text).expect("a team sheet");
//! let sheet = &footer.sheets[0];
//! assert_eq!(sheet.side.as_ref().map(|s| s.text.as_str()), Some("Rovers"));
//! assert_eq!(sheet.starters.len(), 11);
//! let (player_in, player_out, minute) = &sheet.substitutions[0];
//! assert_eq!((player_in.text.as_str(), player_out.text.as_str(), *minute), ("Ince", "Hart", Some(70)));
//! assert_eq!(sheet.goals.iter().map(|g| g.minute).collect::<Vec<_>>(), [Some(12), Some(49)]);
//! assert_eq!(footer.attendance, Some(4210));
//! assert_eq!(footer.referee.map(|r| r.text), Some("P Moss".to_string()));
//! assert!(parse_footer("A quiet afternoon, with few chances.").is_none());
//! ```

use super::minutes::clock_minute;
use super::rule_regex;
use regex::{Captures, Match, Regex};
use serde::Serialize;
use std::sync::LazyLock;

/// A name in a team sheet; `start`/`end` are byte offsets into the report (not
/// serialised: the JSON view, `touchline sheet`, gives names only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetName {
    pub text: String,
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetGoal {
    pub name: SheetName,
    pub minute: Option<u32>,
    pub penalty: bool,
    pub own_goal: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TeamSheet {
    /// "Man City" in "Man City: James, ..."; None when the labels are stripped.
    pub side: Option<SheetName>,
    pub starters: Vec<SheetName>,
    /// (player in, player out, minute): "Mills (Bradley Wright-Phillips 83)".
    pub substitutions: Vec<(SheetName, SheetName, Option<u32>)>,
    pub unused: Vec<SheetName>,
    pub booked: Vec<SheetName>,
    pub sent_off: Vec<(SheetName, Option<u32>)>,
    /// Goals as listed under this sheet; an own goal keeps the scorer as written.
    pub goals: Vec<SheetGoal>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Footer {
    /// Byte offset where the first team sheet begins.
    #[serde(skip)]
    pub start: usize,
    pub sheets: Vec<TeamSheet>,
    pub attendance: Option<u32>,
    pub referee: Option<SheetName>,
}

/// A line-up shorter than this is not trusted to be one.
const MIN_STARTERS: usize = 7;

/// One word of a person's name: "Wright-Phillips", "O'Shea", "Bähr", "Eto'o".
const WORD: &str = r"\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]";

/// Lower-case particles that may sit inside a name: "van der Hoorn", "de Jong".
const PARTICLE: &str = "van|von|der|den|de|da|das|dos|do|di|du|del|della|la|le|ter|ten|bin";

/// A minute as sheets write it: "68", "90+1".
const MINUTE: &str = r"[0-9]{1,3}(?:\s?\+\s?[0-9]{1,2})?";

/// Field labels; the same list finds a label glued to the previous field
/// ("Att: 47,111 Ref: ..."). Coaches are named in some sheets but are not read.
const LABEL: &str = r"(?i:subs?(?:titutes)?(?: not used)?|unused subs(?:titutes)?|booked|bookings|cautioned|sent[- ]off|sending[- ]off|dismissed|goals?|scorers?|att(?:endance)?|crowd|ref(?:eree)?|coach|manager|head coach)";

/// A full name, initials and particles included: "S Bennett", "Van der Hoorn".
static NAME: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:(?:\p{{Lu}}\.?|{PARTICLE}|{WORD}) ){{0,4}}{WORD}"));

fn anchored(pattern: &str) -> Regex {
    rule_regex(&format!("^(?:{pattern})$")).expect("valid regex")
}

/// Where one field of a footer ends: a sentence stop, a line break, or a label glued on.
static CUT: LazyLock<Regex> = LazyLock::new(|| {
    rule_regex(&format!(
        r#"(?P<stop>[.!?]["”’']*)(?:\s+|$)|\n|\s(?P<label>{LABEL})\s*:"#
    ))
    .expect("valid regex")
});

static LABELLED: LazyLock<Regex> =
    LazyLock::new(|| rule_regex(&format!(r"^(?P<label>{LABEL})\s*:\s*")).expect("valid regex"));

/// A side heading a line-up, with an optional formation: "Man City:", "Belgium (4-3-3):".
static SIDE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"[\p{Lu}0-9&][\p{L}\p{M}0-9'’.&-]*";
    rule_regex(&format!(
        r"^(?P<side>{word}(?: (?:{word}|of|the|and|de|del|la)){{0,5}})(?:\s*\([^()]*\))?\s*:\s*"
    ))
    .expect("valid regex")
});

static LEADING_NAME: LazyLock<Regex> =
    LazyLock::new(|| rule_regex(&format!(r"^{}", *NAME)).expect("valid regex"));

/// The inside of a substitution bracket: "Jenas 77", "Jenas, 77", "77 Jenas". A bracket
/// without a minute is not a substitution: squad lists write clubs that way, "Coyne
/// (Burnley)".
static SUB_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    anchored(&format!(
        r"(?P<before>{MINUTE})\s*,?\s*(?P<name>{0})|(?P<name2>{0})\s*,?\s*(?P<after>{MINUTE})'?",
        *NAME
    ))
});

/// A substitution as a "Subs:" field lists it: "Claes for Mbuyi 68".
static SUB_FOR: LazyLock<Regex> = LazyLock::new(|| {
    let name = NAME.as_str();
    anchored(&format!(
        r"(?P<in>{name}) for (?P<out>{name})(?:\s*,?\s*\(?(?P<min>{MINUTE})\)?'?)?"
    ))
});

/// A name with what a field may add to it: "Rooney 68 pen", "Dunne 75 og", "Batty (23)",
/// or a bare "49" that continues the previous scorer.
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    anchored(&format!(
        r"(?P<name>{})?\s*(?P<min>\(\s*{MINUTE}\s*\)|{MINUTE}'?)?\s*(?:\(?(?P<flag>(?i:pen|penalty|og|o\.g\.?))\)?)?",
        *NAME
    ))
});

static REFEREE: LazyLock<Regex> = LazyLock::new(|| {
    anchored(&format!(
        r"(?P<name>{})(?:\s*\((?P<region>[^()]*)\))?",
        *NAME
    ))
});

static ATTENDANCE: LazyLock<Regex> =
    LazyLock::new(|| anchored(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{2,6}"));

/// A byte range of the report text.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The part of this span that a match on `self.of(text)` covers.
    fn inner(self, m: Match) -> Span {
        Span {
            start: self.start + m.start(),
            end: self.start + m.end(),
        }
    }

    fn after(self, m: Match) -> Span {
        Span {
            start: self.start + m.end(),
            end: self.end,
        }
    }

    /// The span without the leading and trailing characters the predicates pick; None
    /// when nothing is left.
    fn trim(
        self,
        text: &str,
        lead: impl Fn(char) -> bool,
        tail: impl Fn(char) -> bool,
    ) -> Option<Span> {
        let s = self.of(text);
        let rest = s.trim_start_matches(lead);
        let start = self.start + (s.len() - rest.len());
        let kept = rest.trim_end_matches(tail);
        (!kept.is_empty()).then_some(Span {
            start,
            end: start + kept.len(),
        })
    }

    fn trim_space(self, text: &str) -> Option<Span> {
        self.trim(text, char::is_whitespace, char::is_whitespace)
    }

    fn name(self, text: &str) -> SheetName {
        SheetName {
            text: self.of(text).to_string(),
            start: self.start,
            end: self.end,
        }
    }

    fn name_in(self, text: &str, m: Option<Match>) -> Option<SheetName> {
        m.map(|m| self.inner(m).name(text))
    }
}

/// The fields of a footer in reading order. The order matters: a stripped field is taken
/// to be the next one after the last field seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Starters,
    Unused,
    Booked,
    SentOff,
    Goals,
    Attendance,
    Referee,
}

impl Field {
    /// The field a label names; None for labels of fields that are not read (coaches).
    fn of_label(label: &str) -> Option<Field> {
        let label = label.to_ascii_lowercase();
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| label.starts_with(p));
        Some(if starts(&["sub", "unused"]) {
            Field::Unused
        } else if starts(&["book", "caution"]) {
            Field::Booked
        } else if starts(&["sen", "dis"]) {
            Field::SentOff
        } else if starts(&["goal", "scor"]) {
            Field::Goals
        } else if starts(&["att", "crowd"]) {
            Field::Attendance
        } else if starts(&["ref"]) {
            Field::Referee
        } else {
            return None;
        })
    }

    /// The stripped field that follows this one, for name lists without minutes.
    fn next_list(self) -> Option<Field> {
        match self {
            Field::Starters => Some(Field::Unused),
            Field::Unused => Some(Field::Booked),
            Field::Booked => Some(Field::SentOff),
            _ => None,
        }
    }
}

/// The team-sheet footer of a report, if it has one. Never panics on any input.
pub fn parse_footer(text: &str) -> Option<Footer> {
    let pieces = pieces(text);
    let lineup_at: Vec<bool> = pieces
        .iter()
        .map(|p| matches!(classify(text, *p), Part::Lineup(_)))
        .collect();
    let mut from = 0;
    loop {
        let first = from + lineup_at.get(from..)?.iter().position(|&l| l)?;
        let mut reader = Reader {
            text,
            footer: Footer {
                start: pieces[first].start,
                ..Footer::default()
            },
            stage: Field::Starters,
        };
        let stop = pieces[first..]
            .iter()
            .position(|p| !reader.take(*p))
            .map(|i| first + i);
        // A line-up followed by prose and then another line-up was a list inside the
        // report; the footer is the later one.
        match stop {
            Some(i) if lineup_at[i..].contains(&true) => from = i,
            _ => return reader.footer.is_trusted().then_some(reader.footer),
        }
    }
}

impl Footer {
    /// A lone line-up with nothing else around it is more often a preview's predicted
    /// side than a team sheet.
    fn is_trusted(&self) -> bool {
        let only_starters = |s: &TeamSheet| {
            s.substitutions.is_empty()
                && s.unused.is_empty()
                && s.booked.is_empty()
                && s.sent_off.is_empty()
                && s.goals.is_empty()
        };
        self.sheets.len() > 1
            || self.attendance.is_some()
            || self.referee.is_some()
            || !self.sheets.iter().all(only_starters)
    }
}

/// The text cut into fields: at sentence stops, line breaks and glued-on labels.
fn pieces(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for caps in CUT.captures_iter(text) {
        let Some(cut) = caps.get(0) else { continue };
        if caps.name("stop").is_some()
            && ends_in_abbreviation(text.get(start..cut.start()).unwrap_or(""))
        {
            continue;
        }
        out.extend(piece(text, start, cut.start()));
        start = caps.name("label").map_or(cut.end(), |l| l.start());
    }
    out.extend(piece(text, start, text.len()));
    out
}

/// A field without surrounding space, its closing stop, or the colon a stripped label
/// leaves behind (": Anderson, Diamond.").
fn piece(text: &str, start: usize, end: usize) -> Option<Span> {
    Span { start, end }.trim(
        text,
        |c| c.is_whitespace() || c == ':',
        |c| c.is_whitespace() || c == '.',
    )
}

/// Whether a stop belongs to an initial or abbreviation ("S. Bennett", "St. Mirren",
/// "75 o.g.") rather than ending a field.
fn ends_in_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    initial || ["St", "Mr", "Dr", "Jr", "Snr", "Jnr", "o.g"].contains(&word)
}

/// What one field is, read on its own.
enum Part {
    Labelled(Field, Span),
    /// A labelled field the footer does not keep, such as "Coach: Morandi".
    Unread,
    Lineup(TeamSheet),
    Attendance(u32),
    Plain(Span),
}

fn classify(text: &str, piece: Span) -> Part {
    if let Some(c) = LABELLED.captures(piece.of(text)) {
        if let (Some(label), Some(all)) = (c.name("label"), c.get(0)) {
            return match Field::of_label(label.as_str()) {
                Some(field) => Part::Labelled(field, piece.after(all)),
                None => Part::Unread,
            };
        }
    }
    if let Some(sheet) = lineup(text, piece) {
        return Part::Lineup(sheet);
    }
    match attendance(text, piece) {
        Some(n) => Part::Attendance(n),
        None => Part::Plain(piece),
    }
}

/// Builds a footer from consecutive fields.
struct Reader<'t> {
    text: &'t str,
    footer: Footer,
    /// The last field read, which places the next stripped one.
    stage: Field,
}

impl Reader<'_> {
    /// Takes one field into the footer; false when it is not part of one.
    fn take(&mut self, piece: Span) -> bool {
        match classify(self.text, piece) {
            Part::Lineup(sheet) => {
                self.footer.sheets.push(sheet);
                self.stage = Field::Starters;
            }
            Part::Labelled(field, content) => self.labelled(field, content),
            Part::Unread => {}
            Part::Attendance(n) => {
                self.footer.attendance = Some(n);
                self.stage = Field::Attendance;
            }
            Part::Plain(span) => return self.plain(span),
        }
        true
    }

    fn labelled(&mut self, field: Field, content: Span) {
        let text = self.text;
        if !content.of(text).eq_ignore_ascii_case("none") {
            match field {
                Field::Attendance => {
                    self.footer.attendance = attendance(text, content).or(self.footer.attendance)
                }
                Field::Referee => {
                    self.footer.referee =
                        referee(text, content, true).or(self.footer.referee.take())
                }
                _ => self.players(field, content),
            }
        }
        self.stage = self.stage.max(field);
    }

    /// A labelled list of players; a "Subs:" list may name substitutions made instead of
    /// unused players.
    fn players(&mut self, field: Field, content: Span) {
        let text = self.text;
        let Some(sheet) = self.footer.sheets.last_mut() else {
            return;
        };
        match (field, substitutions_made(text, content)) {
            (Field::Unused, Some(subs)) => sheet.substitutions.extend(subs),
            _ => put(sheet, field, entries(text, content).unwrap_or_default()),
        }
    }

    /// A field whose label was stripped: known by its shape and by what came before.
    fn plain(&mut self, span: Span) -> bool {
        let text = self.text;
        if let Some(name) = referee(text, span, self.stage >= Field::Attendance) {
            self.footer.referee = Some(name);
            self.stage = Field::Referee;
            return true;
        }
        let (Some(entries), Some(sheet)) = (entries(text, span), self.footer.sheets.last_mut())
        else {
            return false;
        };
        let field = if entries.iter().any(|e| e.bare_minute) {
            Some(Field::Goals)
        } else {
            self.stage.next_list()
        };
        let Some(field) = field else { return false };
        put(sheet, field, entries);
        self.stage = field;
        true
    }
}

/// Adds listed players to the part of a sheet that `field` names.
fn put(sheet: &mut TeamSheet, field: Field, entries: Vec<Entry>) {
    for e in entries {
        match field {
            Field::Unused => sheet.unused.push(e.name),
            Field::Booked => sheet.booked.push(e.name),
            Field::SentOff => sheet.sent_off.push((e.name, e.minute)),
            Field::Goals => sheet.goals.push(SheetGoal {
                name: e.name,
                minute: e.minute,
                penalty: e.penalty,
                own_goal: e.own_goal,
            }),
            Field::Starters | Field::Attendance | Field::Referee => {}
        }
    }
}

/// A line-up: an optional side heading, then at least [`MIN_STARTERS`] names, each
/// perhaps with the substitute who replaced him.
fn lineup(text: &str, piece: Span) -> Option<TeamSheet> {
    let (side, list) = match SIDE.captures(piece.of(text)) {
        Some(c) => (piece.name_in(text, c.name("side")), piece.after(c.get(0)?)),
        None => (None, piece),
    };
    let items = items(text, list);
    if items.len() < MIN_STARTERS {
        return None;
    }
    let mut sheet = TeamSheet {
        side,
        ..TeamSheet::default()
    };
    for item in items {
        let (starter, subs) = lineup_item(text, item)?;
        sheet.starters.push(starter);
        sheet.substitutions.extend(subs);
    }
    Some(sheet)
}

type Substitution = (SheetName, SheetName, Option<u32>);

/// "Mills (Bradley Wright-Phillips 83)": the starter and his replacement. A bracket may
/// hold another one for a substitute who was himself replaced: "Kerr (Bell 60 (Cole 85))".
fn lineup_item(text: &str, item: Span) -> Option<(SheetName, Vec<Substitution>)> {
    let starter = item.name_in(text, LEADING_NAME.find(item.of(text)))?;
    let mut replaced = starter.clone();
    let mut subs = Vec::new();
    let mut rest = Span {
        start: starter.end,
        end: item.end,
    }
    .trim_space(text);
    while let Some(bracket) = rest {
        let b = bracket.of(text);
        if !(b.starts_with('(') && b.ends_with(')')) {
            return None;
        }
        let inside = Span {
            start: bracket.start + 1,
            end: bracket.end - 1,
        };
        let nested = inside.of(text).find('(').map(|i| inside.start + i);
        let head = Span {
            start: inside.start,
            end: nested.unwrap_or(inside.end),
        }
        .trim_space(text)?;
        let (player_in, minute) = substitute(text, head)?;
        subs.push((player_in.clone(), replaced, minute));
        replaced = player_in;
        rest = nested.and_then(|start| {
            Span {
                start,
                end: inside.end,
            }
            .trim_space(text)
        });
    }
    Some((starter, subs))
}

fn substitute(text: &str, head: Span) -> Option<(SheetName, Option<u32>)> {
    let c = SUB_HEAD.captures(head.of(text))?;
    let minute = c
        .name("after")
        .or(c.name("before"))
        .and_then(|m| clock_minute(m.as_str()));
    Some((
        head.name_in(text, c.name("name").or(c.name("name2")))?,
        minute,
    ))
}

/// A "Subs:" field that lists substitutions made ("Claes for Mbuyi 68") rather than
/// unused players.
fn substitutions_made(text: &str, content: Span) -> Option<Vec<Substitution>> {
    items(text, content)
        .into_iter()
        .map(|item| {
            let c = SUB_FOR.captures(item.of(text))?;
            let minute = c.name("min").and_then(|m| clock_minute(m.as_str()));
            Some((
                item.name_in(text, c.name("in"))?,
                item.name_in(text, c.name("out"))?,
                minute,
            ))
        })
        .collect()
}

/// The items of a list, split at commas and semicolons outside brackets.
fn items(text: &str, list: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = list.start;
    for (i, c) in list.of(text).char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                out.push(Span {
                    start,
                    end: list.start + i,
                });
                start = list.start + i + 1;
            }
            _ => {}
        }
    }
    out.push(Span {
        start,
        end: list.end,
    });
    out.into_iter().filter_map(|s| s.trim_space(text)).collect()
}

/// One listed player with what the field adds to him.
struct Entry {
    name: SheetName,
    minute: Option<u32>,
    /// A minute written without brackets, as goals lines write them ("Rooney 68") and
    /// bookings and dismissals do not ("Batty (23)").
    bare_minute: bool,
    penalty: bool,
    own_goal: bool,
}

/// A list of players, each with an optional minute and flag; None unless every item reads.
fn entries(text: &str, list: Span) -> Option<Vec<Entry>> {
    let mut out: Vec<Entry> = Vec::new();
    for item in items(text, list) {
        let c = ENTRY.captures(item.of(text))?;
        let minute = c.name("min");
        // "Kane 12, 49": a minute on its own is the previous scorer's second goal.
        let name = match item.name_in(text, c.name("name")) {
            Some(name) => name,
            None if minute.is_some() => out.last()?.name.clone(),
            None => return None,
        };
        out.push(entry(name, minute, &c));
    }
    (!out.is_empty()).then_some(out)
}

fn entry(name: SheetName, minute: Option<Match>, c: &Captures) -> Entry {
    let flag = c
        .name("flag")
        .map(|f| f.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    Entry {
        name,
        minute: minute.and_then(|m| clock_minute(m.as_str().trim_matches(['(', ')', '\'', ' ']))),
        bare_minute: minute.is_some_and(|m| !m.as_str().starts_with('(')),
        penalty: flag.starts_with("pen"),
        own_goal: flag.starts_with('o'),
    }
}

fn attendance(text: &str, span: Span) -> Option<u32> {
    let digits = ATTENDANCE.find(span.of(text))?.as_str().replace(',', "");
    digits.parse().ok()
}

/// "H Webb (S Yorkshire)". Without a label a lone name is only taken for the referee
/// when `expected` (after the attendance) or when it carries a region, not a minute.
fn referee(text: &str, span: Span, expected: bool) -> Option<SheetName> {
    let c = REFEREE.captures(span.of(text))?;
    let region = c.name("region").map(|r| r.as_str().trim_start());
    let has_region = region.is_some_and(|r| r.starts_with(char::is_alphabetic));
    (expected || has_region).then(|| span.name_in(text, c.name("name")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain text from a fixture written with `[Name](LABEL)` marks, as the annotated
    /// sources are.
    fn plain(marked: &str) -> String {
        static MARK: LazyLock<Regex> = LazyLock::new(|| {
            rule_regex(r"\[([^\]]*)\]\([A-Z]+(?:=[^)]*)?\)").expect("valid regex")
        });
        MARK.replace_all(marked, "$1").into_owned()
    }

    fn names(list: &[SheetName]) -> Vec<&str> {
        list.iter().map(|n| n.text.as_str()).collect()
    }

    fn subs(sheet: &TeamSheet) -> Vec<(&str, &str, Option<u32>)> {
        sheet
            .substitutions
            .iter()
            .map(|(i, o, m)| (i.text.as_str(), o.text.as_str(), *m))
            .collect()
    }

    fn goals(sheet: &TeamSheet) -> Vec<(&str, Option<u32>, bool, bool)> {
        sheet
            .goals
            .iter()
            .map(|g| (g.name.text.as_str(), g.minute, g.penalty, g.own_goal))
            .collect()
    }

    /// Every name a footer holds.
    fn all_names(footer: &Footer) -> Vec<&SheetName> {
        let mut out: Vec<&SheetName> = footer.referee.iter().collect();
        for s in &footer.sheets {
            out.extend(s.side.iter());
            out.extend(&s.starters);
            out.extend(s.substitutions.iter().flat_map(|(i, o, _)| [i, o]));
            out.extend(&s.unused);
            out.extend(&s.booked);
            out.extend(s.sent_off.iter().map(|(n, _)| n));
            out.extend(s.goals.iter().map(|g| &g.name));
        }
        out
    }

    fn parse(text: &str) -> Footer {
        let footer = parse_footer(text).expect("a footer");
        for name in all_names(&footer) {
            assert_eq!(
                text.get(name.start..name.end),
                Some(name.text.as_str()),
                "{name:?}"
            );
        }
        footer
    }

    const LABELLED_LINES: &str = "Rovers edged a tight derby at Hollow Lane.\n\n\
        [Westbrook](CLUB): [Tarrant](PLAYER), [Ó Briain](PLAYER), [Kessler](PLAYER), \
        [van der Berg](PLAYER), [McAulay](PLAYER), [Daintree](PLAYER) ([Oyelaran](PLAYER) 77), \
        [Lindqvist](PLAYER), [D'Arcy](PLAYER), [Pemberton-Hale](PLAYER), [Rusk](PLAYER) \
        ([Fenby](PLAYER), 62), [Yusuf Ekwueme](PLAYER).\n\
        Subs not used: [Harwood](PLAYER), [Soto](PLAYER).\n\
        Booked: [Kessler](PLAYER), [Rusk](PLAYER).\n\
        Goals: [Lindqvist](PLAYER) 12, 49, [Fenby](PLAYER) 90+2 pen.\n\n\
        [Northfield Athletic](CLUB): [Grange](PLAYER), [Aldous](PLAYER), [Bähr](PLAYER), \
        [Mwangi](PLAYER), [Castell](PLAYER) (64 [Ilori](PLAYER)), [Penrose](PLAYER), \
        [Quaid](PLAYER), [Ruiz](PLAYER), [Sefolosha](PLAYER), [Tully](PLAYER), [Ure](PLAYER).\n\
        Subs Not Used: [Vance](PLAYER).\n\
        Sent off: [Quaid](PLAYER) (80).\n\
        Booked: [Ruiz](PLAYER) (23), [Mwangi](PLAYER).\n\
        Goals: [Tully](PLAYER) 30, [McAulay](PLAYER) 75 og.\n\n\
        Att: 12,408.\nRef: [L Ashdown](REFEREE) (Wiltshire).";

    #[test]
    fn labelled_sheets_on_separate_lines() {
        let text = plain(LABELLED_LINES);
        let footer = parse(&text);
        assert_eq!(footer.start, text.find("Westbrook:").expect("fixture"));
        assert_eq!(footer.sheets.len(), 2);
        let (home, away) = (&footer.sheets[0], &footer.sheets[1]);
        assert_eq!(
            home.side.as_ref().map(|s| s.text.as_str()),
            Some("Westbrook")
        );
        assert_eq!(home.starters.len(), 11);
        assert_eq!(home.starters[1].text, "Ó Briain");
        assert_eq!(home.starters[3].text, "van der Berg");
        assert_eq!(
            subs(home),
            [
                ("Oyelaran", "Daintree", Some(77)),
                ("Fenby", "Rusk", Some(62))
            ]
        );
        assert_eq!(names(&home.unused), ["Harwood", "Soto"]);
        assert_eq!(names(&home.booked), ["Kessler", "Rusk"]);
        assert_eq!(
            goals(home),
            [
                ("Lindqvist", Some(12), false, false),
                ("Lindqvist", Some(49), false, false),
                ("Fenby", Some(92), true, false)
            ]
        );
        assert_eq!(
            away.side.as_ref().map(|s| s.text.as_str()),
            Some("Northfield Athletic")
        );
        assert_eq!(subs(away), [("Ilori", "Castell", Some(64))]);
        assert_eq!(names(&away.unused), ["Vance"]);
        assert_eq!(
            away.sent_off
                .iter()
                .map(|(n, m)| (n.text.as_str(), *m))
                .collect::<Vec<_>>(),
            [("Quaid", Some(80))]
        );
        assert_eq!(names(&away.booked), ["Ruiz", "Mwangi"]);
        assert_eq!(
            goals(away),
            [
                ("Tully", Some(30), false, false),
                ("McAulay", Some(75), false, true)
            ]
        );
        assert_eq!(footer.attendance, Some(12408));
        assert_eq!(
            footer.referee.map(|r| r.text),
            Some("L Ashdown".to_string())
        );
    }

    #[test]
    fn labelled_sheets_glued_to_the_last_paragraph() {
        let text = "\"We kept going to the end,\" said the manager. Kingsmoor: Abbot, Brace, \
            Crane, Dell (Eames 83), Fisk, Gault, Hurst, Ibbot, Jewell, Kemp, Lusk. Subs Not Used: \
            Moss, Nunn. Booked: Brace, Fisk. Kingsmoor Utd: Oakes, Pryce, Quinlan, Reddy, Stott \
            (Tait 70 (Unwin 88)), Varga, Webb, Xuereb, Yates, Zola, Amory. Subs Not Used: Barr. \
            Goals: Kemp 68, Varga 90+4. Att: 9,005 Ref: S Caine (Devon).";
        let footer = parse(text);
        assert_eq!(&text[footer.start..footer.start + 10], "Kingsmoor:");
        assert_eq!(footer.sheets.len(), 2);
        let away = &footer.sheets[1];
        assert_eq!(
            away.side.as_ref().map(|s| s.text.as_str()),
            Some("Kingsmoor Utd")
        );
        assert_eq!(
            subs(away),
            [("Tait", "Stott", Some(70)), ("Unwin", "Tait", Some(88))]
        );
        assert_eq!(names(&footer.sheets[0].booked), ["Brace", "Fisk"]);
        assert_eq!(
            goals(away),
            [
                ("Kemp", Some(68), false, false),
                ("Varga", Some(94), false, false)
            ]
        );
        assert_eq!(footer.attendance, Some(9005));
        assert_eq!(footer.referee.map(|r| r.text), Some("S Caine".to_string()));
    }

    #[test]
    fn stripped_sheets_read_by_position() {
        let text = "Tolland struck late to win it.\n\n\
            Amberley, Boyce, Cutler, Dorsey, Ellwood (Frain 63), Gorse, Haig, Imrie (Jolly 45), Kirwin, Lomas, Mabb.\n\n\
            Nairn, Oddie, Pask.\n\n\
            Gorse, Haig.\n\n\
            Lomas 19, Tolland 88.\n\n\
            Quilty, Rourke, Sall, Tyrie (Ulph 71), Vokes, Wadd, Yelland, Zeal, Ashby, Beal, Coe.\n\n\
            Dunmore, Ebdon.\n\n\
            : Vokes, Wadd.\n\n\
            Wadd (84).\n\n\
            Ashby 33.\n\n\
            6,480\n\n\
            T Orme";
        let footer = parse(text);
        assert_eq!(footer.start, text.find("Amberley").expect("fixture"));
        let (home, away) = (&footer.sheets[0], &footer.sheets[1]);
        assert!(home.side.is_none() && away.side.is_none());
        assert_eq!(
            subs(home),
            [("Frain", "Ellwood", Some(63)), ("Jolly", "Imrie", Some(45))]
        );
        assert_eq!(names(&home.unused), ["Nairn", "Oddie", "Pask"]);
        assert_eq!(names(&home.booked), ["Gorse", "Haig"]);
        assert_eq!(
            goals(home),
            [
                ("Lomas", Some(19), false, false),
                ("Tolland", Some(88), false, false)
            ]
        );
        assert_eq!(names(&away.unused), ["Dunmore", "Ebdon"]);
        assert_eq!(names(&away.booked), ["Vokes", "Wadd"]);
        assert_eq!(
            away.sent_off
                .iter()
                .map(|(n, m)| (n.text.as_str(), *m))
                .collect::<Vec<_>>(),
            [("Wadd", Some(84))]
        );
        assert_eq!(goals(away), [("Ashby", Some(33), false, false)]);
        assert_eq!(footer.attendance, Some(6480));
        assert_eq!(footer.referee.map(|r| r.text), Some("T Orme".to_string()));
    }

    #[test]
    fn stripped_sheets_with_side_headings_and_mixed_labels() {
        let text = plain(
            "[Harbour Town](CLUB): [Ainsley](PLAYER), [Bright](PLAYER), [Cato](PLAYER), [Dace](PLAYER), \
             [Elm](PLAYER), [Frome](PLAYER), [Gale](PLAYER) ([Hythe](PLAYER) 66), [Ince](PLAYER), \
             [Joyce](PLAYER), [Keel](PLAYER), [Lark](PLAYER). Subs Not Used: [Mole](PLAYER), [Nye](PLAYER).\n\
             [Frome](PLAYER).\n\
             [Ridge](CLUB): [Olde](PLAYER), [Pike](PLAYER), [Quin](PLAYER), [Rusk](PLAYER), [Sayle](PLAYER), \
             [Tode](PLAYER), [Usk](PLAYER), [Vane](PLAYER), [Wyre](PLAYER), [Exe](PLAYER), [Yare](PLAYER).\n\
             [Abel](PLAYER), [Bream](PLAYER).\n\
             4,021\n\
             [K Lyle](REFEREE) (S Yorkshire)",
        );
        let footer = parse(&text);
        let (home, away) = (&footer.sheets[0], &footer.sheets[1]);
        assert_eq!(names(&home.unused), ["Mole", "Nye"]);
        assert_eq!(names(&home.booked), ["Frome"]);
        assert_eq!(away.side.as_ref().map(|s| s.text.as_str()), Some("Ridge"));
        assert_eq!(names(&away.unused), ["Abel", "Bream"]);
        assert_eq!(footer.attendance, Some(4021));
        assert_eq!(footer.referee.map(|r| r.text), Some("K Lyle".to_string()));
    }

    #[test]
    fn formations_semicolons_and_substitutions_listed_apart() {
        let text = "Line-ups\n\n\
            Estonia (4-4-2): Aru; Ilves, Kask, Lepp, Mets; Nurm, Org, Puu, Raud; Saar, Tamm.\n\
            Subs: Uus for Saar 68, Vares for Tamm 80.\n\
            Booked: Kask 41.\n\
            Referee: Jesús Ortega Díaz.";
        let footer = parse(text);
        let sheet = &footer.sheets[0];
        assert_eq!(
            sheet.side.as_ref().map(|s| s.text.as_str()),
            Some("Estonia")
        );
        assert_eq!(sheet.starters.len(), 11);
        assert_eq!(
            subs(sheet),
            [("Uus", "Saar", Some(68)), ("Vares", "Tamm", Some(80))]
        );
        assert!(sheet.unused.is_empty());
        assert_eq!(names(&sheet.booked), ["Kask"]);
        assert_eq!(
            footer.referee.map(|r| r.text),
            Some("Jesús Ortega Díaz".to_string())
        );
    }

    #[test]
    fn annotated_style_fixture_keeps_one_goals_line_where_it_stands() {
        let text = plain(
            "[Eastleigh Vale](CLUB): [Ash](PLAYER), [Birch](PLAYER), [Cedar](PLAYER), [Dogwood](PLAYER), \
             [Elder](PLAYER), [Fir](PLAYER), [Gorse](PLAYER), [Hazel](PLAYER), [Ivy](PLAYER), [Juniper](PLAYER), \
             [Larch](PLAYER) ([Maple](PLAYER) 58).\n\
             [Oakham](CLUB): [Pine](PLAYER), [Quince](PLAYER), [Rowan](PLAYER), [Spruce](PLAYER), [Teak](PLAYER), \
             [Umber](PLAYER), [Vine](PLAYER), [Willow](PLAYER), [Yew](PLAYER), [Zelkova](PLAYER), [Alder](PLAYER).\n\
             Goals: [Ivy](PLAYER) 5, [Yew](PLAYER) 61 (pen), [Rowan](PLAYER) (og) .\n\
             Attendance: 812. Referee: [A Quill](REFEREE=Anne Quill).",
        );
        let footer = parse(&text);
        assert!(footer.sheets[0].goals.is_empty());
        assert_eq!(
            goals(&footer.sheets[1]),
            [
                ("Ivy", Some(5), false, false),
                ("Yew", Some(61), true, false),
                ("Rowan", None, false, true)
            ]
        );
        assert_eq!(footer.attendance, Some(812));
    }

    #[test]
    fn coach_lines_and_a_shared_goals_line() {
        let text = "RIVERA (4-4-2): Aldo; Bini, Caro, Duca, Elia; Fino, Gallo (Iori 74), Lupo, Moro; Nava, Orsi. Coach: Pace.\n\n\
            SAVONA (4-3-3): Quarta; Riva, Sala, Tosi, Ugo; Vela, Zeno, Abate; Berti, Conte, Dini. Coach: Enna.\n\n\
            Goals: Nava 23, 85; Dini 52 pen.\n\n\
            Booked: Caro, Zeno. Sent off: Riva 89.\n\n\
            Referee: Ferri (Lucca).";
        let footer = parse(text);
        assert_eq!(footer.sheets.len(), 2);
        assert_eq!(
            footer.sheets[0].side.as_ref().map(|s| s.text.as_str()),
            Some("RIVERA")
        );
        assert!(footer.sheets[0].goals.is_empty());
        let away = &footer.sheets[1];
        assert_eq!(
            goals(away),
            [
                ("Nava", Some(23), false, false),
                ("Nava", Some(85), false, false),
                ("Dini", Some(52), true, false)
            ]
        );
        assert_eq!(
            away.sent_off
                .iter()
                .map(|(n, m)| (n.text.as_str(), *m))
                .collect::<Vec<_>>(),
            [("Riva", Some(89))]
        );
        assert_eq!(footer.referee.map(|r| r.text), Some("Ferri".to_string()));
    }

    #[test]
    fn a_single_named_substitute() {
        let text =
            "Albion: Ames; Bell, Cole, Dunn, Eze, Fry, Gee, Hale, Ince, Jupp, Kidd. Sub: Lowe.\n\n\
            The two sides met again in the spring.";
        let footer = parse(text);
        assert_eq!(names(&footer.sheets[0].unused), ["Lowe"]);
    }

    #[test]
    fn substitution_bracket_variants() {
        let text =
            "Ames (Boon 77), Cray (Dent, 78), Eade (79 Fell), Gill (Hale 45+2), Ince, Jupp, Kidd.";
        let sheet = &parse(text).sheets[0];
        assert_eq!(
            subs(sheet),
            [
                ("Boon", "Ames", Some(77)),
                ("Dent", "Cray", Some(78)),
                ("Fell", "Eade", Some(79)),
                ("Hale", "Gill", Some(47))
            ]
        );
    }

    #[test]
    fn prose_is_not_a_footer() {
        for text in [
            "",
            "Kane scored twice as Spurs won 3-1. \"We were brilliant,\" said the manager.",
            "Arsenal, Chelsea, Liverpool, Everton, Leeds, Fulham and Wolves all won on Saturday.",
            "He has played for Leeds, Hull, Derby, Bury, Stoke, Crewe, Wigan, and Bolton.",
            "Chelsea 61, Arsenal 58, Everton 50, Leeds 49, Fulham 40, Wolves 38, Stoke 30, Hull 28.",
            "1 Chelsea 25 19 5 1 61\n2 Arsenal 25 17 7 1 58\n3 Everton 25 14 8 3 50",
            "The manager said: Smith, Jones and the rest were superb.",
            "Booked: Smith, Jones.\nAtt: 12,000",
            "The boss named his side a day early.\n\nAmes, Bell, Cole, Dunn, Eze, Fry, Gee, Hale, Ince, Jupp, Kidd.",
            "Squad: Abbs (Leeds), Bolt (Hull), Cobb (Derby), Dent (Bury), Eyre (Stoke), Ford (Crewe), Gunn (Wigan).",
        ] {
            assert_eq!(parse_footer(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_list_inside_the_report_gives_way_to_the_real_footer() {
        let text = "Ames, Bell, Cole, Dunn, Eze, Fry, Gee.\n\
            That was the side that lost the final, and only two of them remain today.\n\
            Hale, Ince, Jupp, Kidd, Lowe, Mabb, Nash (Orr 80), Pugh, Quin, Ross, Sale.\n\
            Orr 85.";
        let footer = parse(text);
        assert_eq!(footer.start, text.find("Hale").expect("fixture"));
        assert_eq!(footer.sheets.len(), 1);
        assert_eq!(goals(&footer.sheets[0]), [("Orr", Some(85), false, false)]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let long_line = "Ames, ".repeat(5000);
        let brackets = format!("Ames, Bell, Cole, Dunn, Eze, Fry, Gee {}", "(".repeat(3000));
        let nested = format!(
            "Ames, Bell, Cole, Dunn, Eze, Fry, Gee {}Hale 1{}",
            "(Hale 1 ".repeat(500),
            ")".repeat(500)
        );
        let inputs = [
            "",
            ".",
            ":",
            "...,,,;;;:::",
            "((((",
            "))))",
            "Ames (Bell 60, Cole, Dunn, Eze, Fry, Gee, Hale",
            "Ames, Bell, Cole, Dunn, Eze, Fry, Gee ()",
            "Ames, Bell, Cole, Dunn, Eze, Fry, Gee.\nGoals: 12, 49.\nAtt: 99,999,999,999,999\nRef:",
            "Ames, Bell, Cole, Dunn, Eze, Fry, Gee.\n99999999999999.\nRef: (",
            "Ørn, Ægir, Þór, Çelik, Ñúñez, Øyen, Åberg.\n日本語のテキスト。\n🙂, 🙂.",
            "Goals: Kane 90+99999999999",
            long_line.as_str(),
            brackets.as_str(),
            nested.as_str(),
        ];
        for text in inputs {
            if let Some(footer) = parse_footer(text) {
                for name in all_names(&footer) {
                    assert_eq!(text.get(name.start..name.end), Some(name.text.as_str()));
                }
            }
        }
    }

    #[test]
    fn accented_names_keep_exact_offsets() {
        let text = "Émile Dœuf, Søren Ødegård, José Núñez, N'Golo Kanté, Jürgen O'Shea, \
                    Eto'o, Han Seung-woo (Çağlar Söyüncü 61).";
        let sheet = &parse(text).sheets[0];
        assert_eq!(names(&sheet.starters)[6], "Han Seung-woo");
        assert_eq!(subs(sheet), [("Çağlar Söyüncü", "Han Seung-woo", Some(61))]);
    }
}
