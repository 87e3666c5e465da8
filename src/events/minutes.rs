//! Minute expressions in match-report prose, read as match minutes: "after 23 minutes",
//! "a 13th-minute opener", "four minutes after the restart" (49), "with ten minutes left"
//! (80), "90+3" (93), "two minutes into extra time" (92), and relative ones such as
//! "eight minutes later". Phrases that name a time without implying a number ("in
//! stoppage time", "midway through the first half") are reported with no minute, so the
//! events stage knows the sentence is timed and never guesses one.
//!
//! ```
//! use touchline::events::minutes::find_minutes;
//!
//! let text = "Kane scored four minutes after the restart; Son added one eight minutes later.";
//! let found = find_minutes(text);
//! assert_eq!(found.len(), 2);
//! assert_eq!(found[0].minute, Some(49));
//! assert_eq!(&text[found[0].start..found[0].end], "four minutes after the restart");
//! assert_eq!(found[1].relative, Some(8));
//! ```

use super::rule_regex;
use regex::{Captures, Regex};
use std::cmp::Reverse;
use std::sync::LazyLock;

/// A minute expression in a text: byte range, the match minute it states or implies
/// (None when it names a time without a number, e.g. "in stoppage time"), and whether it
/// is relative to the previous event ("eight minutes later" → relative = Some(8)).
#[derive(Debug, Clone, PartialEq)]
pub struct MinuteMention {
    pub start: usize,
    pub end: usize,
    pub minute: Option<u32>,
    pub relative: Option<u32>,
}

const CARDINALS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("opening", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
];

/// Regex alternation of the words in `table` whose value passes `keep`, longest first so
/// that "seventeen" is never read as "seven".
fn alternation(table: &[(&str, u32)], keep: impl Fn(u32) -> bool) -> String {
    let mut words: Vec<&str> = table
        .iter()
        .filter(|(_, v)| keep(*v))
        .map(|(w, _)| *w)
        .collect();
    words.sort_by_key(|w| Reverse(w.len()));
    words.join("|")
}

/// Cardinal numbers: "23", "ten", "twenty-three", "twenty three".
static CARD: LazyLock<String> = LazyLock::new(|| {
    let tens = alternation(CARDINALS, |v| v >= 20);
    let units = alternation(CARDINALS, |v| v < 10);
    let all = alternation(CARDINALS, |_| true);
    format!(r"(?:\d{{1,3}}|(?:{tens})[- ](?:{units})|{all})")
});

/// Ordinal numbers: "23rd", "third", "twenty-third".
static ORD: LazyLock<String> = LazyLock::new(|| {
    let tens = alternation(CARDINALS, |v| v >= 20);
    let units = alternation(ORDINALS, |v| v < 10);
    let all = alternation(ORDINALS, |_| true);
    format!(r"(?:\d{{1,3}}(?:st|nd|rd|th)|(?:{tens})[- ](?:{units})|{all})")
});

/// A stretch of match time: "23 minutes", "a minute", "45 seconds", "half an hour".
static DUR: LazyLock<String> = LazyLock::new(|| {
    let card = CARD.as_str();
    format!(
        r"(?:(?:{card}|an?|a couple of)[- ]min(?:ute)?s?|{card}[- ]seconds|(?:a |the )?quarter[- ]of[- ]an[- ]hour|half[- ]an[- ]hour|an hour)"
    )
});

/// Regex fragments shared by several patterns (macros, so that `concat!` can join them).
macro_rules! stoppage_time {
    () => {
        r"(?:(?:first|second)[- ]half )?(?:stoppage|added|injury)[- ]time"
    };
}

macro_rules! extra_time {
    () => {
        r"(?:the )?(?:first|second)[- ](?:half|period) of extra[- ]time|extra[- ]time"
    };
}

/// The stretch of the match an ordinal minute or an offset counts within.
const PERIOD: &str = concat!(
    extra_time!(),
    "|(?:the )?",
    stoppage_time!(),
    r"|(?:the )?(?:first|second)[- ](?:half|period)"
);

/// Points of the match that "N minutes after/before/into ..." counts from.
const ANCHOR: &str = concat!(
    extra_time!(),
    "|",
    stoppage_time!(),
    r"|the (?:re-?start|break|interval|resumption|hour(?: mark)?|half[- ]hour(?: mark)?",
    r"|end of the first half|end|final whistle|kick-?off|start of the second half|start",
    r"|game|match|contest|first half|second half|first period|second period",
    r"|second-half kick-?off)|half[- ]?time|full[- ]?time|time|kick-?off"
);

/// Times named without a number; they are reported with no minute so that none is guessed.
const VAGUE: &str = concat!(
    r"(?:(?:in|during|deep into|well into|late into|into|late in) (?:the )?",
    stoppage_time!(),
    "|(?:in|during) (?:",
    extra_time!(),
    r")|(?:just|shortly|moments|seconds|right|immediately|soon) (?:before|after|past) ",
    r"(?:the (?:re-?start|break|interval|hour(?: mark)?|half[- ]hour(?: mark)?|end|final whistle)",
    r"|half[- ]?time|full[- ]?time)",
    r"|on the stroke of (?:half|full)[- ]?time",
    r"|midway through the (?:first|second) (?:half|period)",
    r"|in the (?:dying|closing|final|last) (?:seconds|minutes|moments)",
    r"|from the (?:very )?(?:first|opening) (?:minute|whistle)",
    r"|(?:late|early) on)\b"
);

/// What a rule reads from one match.
#[derive(Debug, Default)]
struct Reading {
    minute: Option<u32>,
    relative: Option<u32>,
}

impl Reading {
    fn at(minute: u32) -> Reading {
        Reading {
            minute: Some(minute),
            relative: None,
        }
    }

    fn later(minutes: u32) -> Reading {
        Reading {
            minute: None,
            relative: Some(minutes),
        }
    }
}

struct Rule {
    re: Regex,
    read: fn(&Captures) -> Option<Reading>,
}

impl Rule {
    fn new(pattern: String, read: fn(&Captures) -> Option<Reading>) -> Rule {
        let re = rule_regex(&format!(r"(?i)\b{pattern}")).expect("valid regex");
        Rule { re, read }
    }

    /// The mention a match makes; the span is the `m` group where a rule needs context
    /// beyond the expression itself, else the whole match.
    fn mention(&self, caps: &Captures) -> Option<MinuteMention> {
        let span = caps.name("m").or_else(|| caps.get(0))?;
        let reading = (self.read)(caps)?;
        // Minute 0 only comes from a count-down past kick-off ("90 minutes to go").
        (reading.minute != Some(0)).then_some(MinuteMention {
            start: span.start(),
            end: span.end(),
            minute: reading.minute,
            relative: reading.relative,
        })
    }
}

/// Rules in priority order: when two matches have the same length, the earlier rule wins.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let (card, ord, dur) = (CARD.as_str(), ORD.as_str(), DUR.as_str());
    vec![
        Rule::new(
            r"(?P<clock>(?:45|90|105|120) ?\+ ?\d{1,2})\b(?: ?min(?:ute)?s?\b)?".into(),
            |c| clock_minute(c.name("clock")?.as_str()).map(Reading::at),
        ),
        Rule::new(
            format!(
                r"(?:(?:in|during|by|at|inside) )?(?:the |an? |his |their |her )?(?P<ord>{ord})[- ]min(?:ute)?\b(?: of (?P<period>{PERIOD})\b)?"
            ),
            |c| {
                let offset = c.name("period").map_or(0, |p| period_offset(p.as_str()));
                Some(Reading::at(number(c.name("ord")?.as_str())? + offset))
            },
        ),
        Rule::new(
            format!(
                r"(?:(?:after|within|inside|just|only|some|around|about) )?(?P<dur>{dur}) (?P<rel>after|into|past|before|from) (?P<anchor>{ANCHOR})\b"
            ),
            anchored,
        ),
        // "of" needs a lead-in: "within five minutes of the restart" is a time, but "four
        // minutes of stoppage time" is an amount.
        Rule::new(
            format!(
                r"(?:after|within|inside) (?:just |only )?(?P<dur>{dur}) (?P<rel>of) (?P<anchor>{ANCHOR})\b"
            ),
            anchored,
        ),
        Rule::new(VAGUE.into(), |_| Some(Reading::default())),
        Rule::new(
            format!(
                r"(?:with )?(?P<adj>(?:just |only |barely )?(?:under|over|less than|more than) |just |only |barely |around |about )?(?P<dur>{dur})(?: of (?P<period>normal|regular|extra[- ]time|the (?:game|match|first half|second half))(?: time)?)? (?:left|remaining|to go|to play)\b"
            ),
            remaining,
        ),
        Rule::new(
            format!(r"(?:(?:just|only|barely) )?(?P<dur>{dur}) (?:later|afterwards|after)\b"),
            |c| Some(Reading::later(duration(c.name("dur")?.as_str())?)),
        ),
        // "Liverpool were level within three minutes" counts from the previous event, but
        // "within 30 seconds" can only mean the start of the match.
        Rule::new(format!(r"within (?:just |only )?(?P<dur>{dur})\b"), |c| {
            let dur = c.name("dur")?.as_str();
            let n = duration(dur)?;
            Some(if dur.to_ascii_lowercase().contains("second") {
                Reading::at(n)
            } else {
                Reading::later(n)
            })
        }),
        // "35 minutes in" only when the phrase ends there, not "ten minutes in the sin-bin".
        Rule::new(
            format!(
                r"(?P<m>(?P<dur>{dur}) in)(?:[,.;:!?)]|\s[-–—]|\s+(?:when|as|and|but|with|before)\b|$)"
            ),
            elapsed,
        ),
        Rule::new(
            format!(r"(?:with )?(?P<dur>{dur}) (?:gone|on the clock|played)\b"),
            elapsed,
        ),
        Rule::new(
            format!(
                r"(?:after|on|inside) (?:just |only |around |about |barely |some |fully )?(?P<dur>{dur})\b"
            ),
            elapsed,
        ),
        Rule::new(
            format!(r"(?:(?:at|on|around|after|by) )?the (?P<dur>{card}[- ]min(?:ute)?) mark\b"),
            elapsed,
        ),
        Rule::new(
            r"(?:on|at|around) (?:the )?(?P<dur>hour|half[- ]hour|quarter[- ]hour)(?: mark)?\b"
                .into(),
            elapsed,
        ),
    ]
});

/// All minute expressions in `text`, in text order; where matches overlap, the longest
/// wins, so "four minutes after the restart" is one mention and not "four minutes after".
pub fn find_minutes(text: &str) -> Vec<MinuteMention> {
    let mut found: Vec<(usize, MinuteMention)> = RULES
        .iter()
        .enumerate()
        .flat_map(|(i, rule)| {
            rule.re
                .captures_iter(text)
                .filter_map(move |c| rule.mention(&c).map(|m| (i, m)))
        })
        .collect();
    found.sort_by_key(|(rule, m)| (Reverse(m.end - m.start), *rule, m.start));
    let mut kept: Vec<MinuteMention> = Vec::new();
    for (_, m) in found {
        if kept.iter().all(|k| k.end <= m.start || m.end <= k.start) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// The minute a clock reading states, as team sheets write them: "23" → 23,
/// "90+3" → 93.
pub fn clock_minute(s: &str) -> Option<u32> {
    let (base, extra) = s.split_once('+').unwrap_or((s, "0"));
    let minute = base
        .trim()
        .parse::<u32>()
        .ok()?
        .checked_add(extra.trim().parse().ok()?)?;
    (1..=150).contains(&minute).then_some(minute)
}

/// The value of a number written in digits or words: "23", "23rd", "twenty-three",
/// "third", "twenty-third".
fn number(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase();
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return word
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse()
            .ok();
    }
    match word.split_once(['-', ' ']) {
        Some((tens, unit)) => {
            let (tens, unit) = (word_value(tens)?, word_value(unit)?);
            (tens >= 20 && tens % 10 == 0 && unit < 10).then_some(tens + unit)
        }
        None => word_value(&word),
    }
}

fn word_value(word: &str) -> Option<u32> {
    CARDINALS
        .iter()
        .chain(ORDINALS)
        .find(|(w, _)| *w == word)
        .map(|(_, v)| *v)
}

/// Minutes in a stretch of time. Seconds round up: "45 seconds in" is the first minute.
fn duration(text: &str) -> Option<u32> {
    let text = text.to_ascii_lowercase();
    if text.contains("quarter") {
        return Some(15);
    }
    if text.contains("half") {
        return Some(30);
    }
    if text.contains("hour") {
        return Some(60);
    }
    if text.contains("couple") {
        return Some(2);
    }
    let (count, unit) = text.rsplit_once(['-', ' '])?;
    let n = if count == "a" || count == "an" {
        1
    } else {
        number(count)?
    };
    Some(if unit.starts_with("sec") {
        n.div_ceil(60).max(1)
    } else {
        n
    })
}

/// Minutes played before the start of a period: ordinals such as "the third minute of
/// stoppage time" count from here.
fn period_offset(period: &str) -> u32 {
    let period = period.to_ascii_lowercase();
    let second = period.contains("second");
    if period.contains("extra") {
        if second {
            105
        } else {
            90
        }
    } else if is_stoppage(&period) {
        if period.contains("first") {
            45
        } else {
            90
        }
    } else if second {
        45
    } else {
        0
    }
}

/// Reports call the time added on at the end of a half by any of three names.
fn is_stoppage(phrase: &str) -> bool {
    ["stoppage", "added", "injury"]
        .iter()
        .any(|w| phrase.contains(w))
}

/// The minute an anchor names, and whether offsets from it count down (the end of a
/// half is only ever counted back from).
fn anchor_point(anchor: &str) -> (u32, bool) {
    let anchor = anchor.to_ascii_lowercase();
    if anchor.contains("end") {
        (if anchor.contains("first") { 45 } else { 90 }, true)
    } else if anchor == "time" || anchor.contains("full") || anchor.contains("whistle") {
        (90, true)
    } else if anchor.contains("half-hour") || anchor.contains("half hour") {
        (30, false)
    } else if anchor.contains("hour") {
        (60, false)
    } else if anchor.contains("extra") || is_stoppage(&anchor) {
        (period_offset(&anchor), false)
    } else if [
        "restart",
        "re-start",
        "break",
        "interval",
        "resumption",
        "half-time",
        "halftime",
        "half time",
        "second",
    ]
    .iter()
    .any(|w| anchor.contains(w))
    {
        (45, false)
    } else {
        (0, false)
    }
}

/// "four minutes after the restart" → 49, "ten minutes from time" → 80.
fn anchored(c: &Captures) -> Option<Reading> {
    let n = duration(c.name("dur")?.as_str())?;
    let (point, counts_down) = anchor_point(c.name("anchor")?.as_str());
    let rel = c.name("rel")?.as_str().to_ascii_lowercase();
    let minute = if counts_down || rel == "before" || rel == "from" {
        point.checked_sub(n)?
    } else {
        point + n
    };
    Some(Reading::at(minute))
}

/// "with ten minutes left" → 80; "just under" a count means the minute after it.
fn remaining(c: &Captures) -> Option<Reading> {
    let n = duration(c.name("dur")?.as_str())?;
    let period = c
        .name("period")
        .map(|p| p.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let end: u32 = if period.contains("extra") {
        120
    } else if period.contains("first") {
        45
    } else {
        90
    };
    let adj = c
        .name("adj")
        .map(|a| a.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let minute = end.checked_sub(n)?;
    Some(Reading::at(
        if adj.contains("under") || adj.contains("less") {
            minute + 1
        } else if adj.contains("over") || adj.contains("more") {
            minute.checked_sub(1)?
        } else {
            minute
        },
    ))
}

/// A count of minutes from kick-off: "after 23 minutes", "35 minutes in".
fn elapsed(c: &Captures) -> Option<Reading> {
    duration(c.name("dur")?.as_str()).map(Reading::at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single mention in `text`, with its minute and relative offset.
    fn one(text: &str) -> (Option<u32>, Option<u32>) {
        let found = find_minutes(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        (found[0].minute, found[0].relative)
    }

    fn minute(text: &str) -> Option<u32> {
        let (minute, relative) = one(text);
        assert_eq!(relative, None, "{text:?}");
        minute
    }

    fn none_found(text: &str) {
        let found = find_minutes(text);
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }

    #[test]
    fn counts_from_kick_off() {
        assert_eq!(minute("The hosts led after 23 minutes."), Some(23));
        assert_eq!(
            minute("The hosts led after twenty-three minutes."),
            Some(23)
        );
        assert_eq!(
            minute("The hosts led after twenty three minutes."),
            Some(23)
        );
        assert_eq!(minute("Palmer struck on 35 minutes."), Some(35));
        assert_eq!(minute("Palmer struck on thirty-five minutes."), Some(35));
        assert_eq!(
            minute("Palmer was booked 35 minutes in, for dissent."),
            Some(35)
        );
        assert_eq!(minute("They were ahead 35 minutes in"), Some(35));
        assert_eq!(minute("Only half an hour in, the game was over."), Some(30));
        assert_eq!(
            minute("The hosts led after a quarter of an hour."),
            Some(15)
        );
        assert_eq!(minute("They went ahead after an hour."), Some(60));
        assert_eq!(minute("Cole was replaced after a minute."), Some(1));
        assert_eq!(minute("With 16 minutes gone, Rovers led."), Some(16));
        assert_eq!(
            minute("With 117 minutes on the clock, Undav headed in."),
            Some(117)
        );
        assert_eq!(
            minute("Banks equalised within ten minutes of the start."),
            Some(10)
        );
    }

    #[test]
    fn ordinal_minutes() {
        assert_eq!(minute("He scored in the 23rd minute."), Some(23));
        assert_eq!(minute("His 23rd-minute opener stood."), Some(23));
        assert_eq!(minute("He scored a 13th-minute opener."), Some(13));
        assert_eq!(minute("It came in the ninetieth minute."), Some(90));
        assert_eq!(minute("It came in the 90th minute."), Some(90));
        assert_eq!(minute("She struck in the twenty-third minute."), Some(23));
        assert_eq!(minute("He was booked in the opening minute."), Some(1));
        assert_eq!(
            minute("He scored in the third minute of the second half."),
            Some(48)
        );
    }

    #[test]
    fn clock_marks() {
        assert_eq!(minute("Lee levelled on the half-hour."), Some(30));
        assert_eq!(minute("Lee levelled on the half hour mark."), Some(30));
        assert_eq!(minute("Lee levelled on the hour."), Some(60));
        assert_eq!(minute("Lee levelled on the hour mark."), Some(60));
        assert_eq!(minute("Ward came on at the 72-minute mark."), Some(72));
        assert_eq!(
            minute("Ward came on at the seventy-two-minute mark."),
            Some(72)
        );
    }

    #[test]
    fn seconds_are_the_first_minute() {
        assert_eq!(minute("Ade scored 45 seconds in."), Some(1));
        assert_eq!(minute("Ade scored within 30 seconds."), Some(1));
        assert_eq!(minute("Ade scored inside the first minute."), Some(1));
        assert_eq!(minute("Ade scored after 90 seconds."), Some(2));
        assert_eq!(
            minute("Ade scored 20 seconds into the second half."),
            Some(46)
        );
    }

    #[test]
    fn second_half_offsets() {
        assert_eq!(
            minute("Kerr scored four minutes after the restart."),
            Some(49)
        );
        assert_eq!(
            minute("Kerr scored four minutes after the break."),
            Some(49)
        );
        assert_eq!(
            minute("Kerr scored four minutes into the second half."),
            Some(49)
        );
        assert_eq!(
            minute("Kerr scored four minutes after the interval."),
            Some(49)
        );
        assert_eq!(minute("Kerr scored a minute after half-time."), Some(46));
        assert_eq!(
            minute("Kerr scored seven minutes after the re-start."),
            Some(52)
        );
        assert_eq!(
            minute("Kerr scored after ten minutes of the second half."),
            Some(55)
        );
        assert_eq!(
            minute("Kerr scored within five minutes of the restart."),
            Some(50)
        );
        assert_eq!(
            minute("Kerr struck ten minutes before the interval."),
            Some(35)
        );
        assert_eq!(minute("Kerr struck five minutes from half-time."), Some(40));
        assert_eq!(
            minute("The game swung two minutes after the hour."),
            Some(62)
        );
        assert_eq!(
            minute("Kerr struck three minutes before the hour."),
            Some(57)
        );
        assert_eq!(
            minute("Kerr struck four minutes past the half-hour."),
            Some(34)
        );
    }

    #[test]
    fn counted_down_from_the_end() {
        assert_eq!(minute("Fox scored with 10 minutes left."), Some(80));
        assert_eq!(minute("Fox scored with ten minutes remaining."), Some(80));
        assert_eq!(minute("Fox scored with 10 minutes to go."), Some(80));
        assert_eq!(minute("Fox scored with 10 minutes to play."), Some(80));
        assert_eq!(minute("Fox scored ten minutes from time."), Some(80));
        assert_eq!(minute("Fox scored ten minutes from the end."), Some(80));
        assert_eq!(minute("Fox scored ten minutes before the end."), Some(80));
        assert_eq!(
            minute("Fox came on with a quarter of an hour left."),
            Some(75)
        );
        assert_eq!(
            minute("Fox came on with quarter of an hour remaining."),
            Some(75)
        );
        assert_eq!(
            minute("Fox came on with a quarter-of-an-hour to go."),
            Some(75)
        );
        assert_eq!(
            minute("Fox came on with just under quarter-of-an-hour remaining."),
            Some(76)
        );
        assert_eq!(
            minute("Fox came on with just over ten minutes left."),
            Some(79)
        );
        assert_eq!(minute("Fox came on with half an hour left."), Some(60));
        assert_eq!(
            minute("Fox struck with four minutes of normal time left."),
            Some(86)
        );
        assert_eq!(
            minute("Fox came on with seven minutes of extra-time left."),
            Some(113)
        );
        assert_eq!(
            minute("Fox struck with five minutes of the first half remaining."),
            Some(40)
        );
    }

    #[test]
    fn stoppage_time() {
        assert_eq!(minute("Ojo levelled at 90+3."), Some(93));
        assert_eq!(minute("Ojo levelled at 90 + 3 minutes."), Some(93));
        assert_eq!(
            minute("Ojo levelled in the third minute of stoppage time."),
            Some(93)
        );
        assert_eq!(
            minute("Ojo levelled three minutes into stoppage time."),
            Some(93)
        );
        assert_eq!(minute("Ojo levelled in the 93rd minute."), Some(93));
        assert_eq!(minute("Ojo headed in at 45+1."), Some(46));
        assert_eq!(
            minute("Ojo headed in during the second minute of first-half stoppage time."),
            Some(47)
        );
        assert_eq!(
            minute("Ojo headed in two minutes into first-half added time."),
            Some(47)
        );
        assert_eq!(minute("Ojo levelled in stoppage time."), None);
        assert_eq!(minute("Ojo levelled deep into added time."), None);
        assert_eq!(minute("Ojo levelled in injury time."), None);
    }

    #[test]
    fn extra_time() {
        assert_eq!(minute("Bell struck in the 104th minute."), Some(104));
        assert_eq!(
            minute("Bell struck in the first minute of extra time."),
            Some(91)
        );
        assert_eq!(minute("Bell struck two minutes into extra time."), Some(92));
        assert_eq!(
            minute("Bell struck in the second half of extra time."),
            None
        );
        assert_eq!(
            minute("Bell struck eight minutes into the second period of extra time."),
            Some(113)
        );
        assert_eq!(minute("Bell struck after 106 minutes."), Some(106));
    }

    #[test]
    fn relative_to_the_previous_event() {
        assert_eq!(
            one("Dean doubled the lead eight minutes later."),
            (None, Some(8))
        );
        assert_eq!(
            one("Dean doubled the lead a minute later."),
            (None, Some(1))
        );
        assert_eq!(
            one("Dean doubled the lead a couple of minutes later."),
            (None, Some(2))
        );
        assert_eq!(
            one("Rees saved again a quarter of an hour later."),
            (None, Some(15))
        );
        assert_eq!(
            one("Dean scored two minutes after coming on."),
            (None, Some(2))
        );
        assert_eq!(
            one("Dean replied within two minutes of his opener."),
            (None, Some(2))
        );
        assert_eq!(
            one("Rovers were level within three minutes."),
            (None, Some(3))
        );
        none_found("Dean doubled the lead moments later.");
        none_found("Dean doubled the lead soon after.");
        none_found("Dean doubled the lead a few minutes later.");
    }

    #[test]
    fn vague_times_never_get_a_number() {
        for text in [
            "Nash scored midway through the first half.",
            "Nash scored just after the restart.",
            "Nash scored just before half-time.",
            "Nash scored on the stroke of half-time.",
            "Nash scored late on.",
            "Nash was booked early on.",
            "Cardiff were level just past the half-hour.",
            "We were on top from the first minute.",
        ] {
            assert_eq!(minute(text), None, "{text:?}");
        }
        none_found("Nash scored before the break.");
        none_found("Nash scored in the second half.");
    }

    #[test]
    fn numbers_that_are_not_minutes() {
        none_found("City won 2-1 at home.");
        none_found("He joined the club in 2019.");
        none_found("The 23-year-old scored twice.");
        none_found("Kane (23) headed wide.");
        none_found("They ran hard over 90 minutes.");
        none_found("They ran hard for 90 minutes.");
        none_found("It was the best 90 minutes of our season.");
        none_found("He spent ten minutes in the sin-bin.");
        none_found("The parity lasted eight minutes.");
        none_found("He scored a second goal after a second-half corner.");
        none_found("We were 90 seconds from a big win.");
        none_found("They held out through four minutes of stoppage time.");
        none_found("The last three minutes of the game will be replayed.");
        none_found("");
    }

    #[test]
    fn spans_cover_the_expression_in_order() {
        let text = "Ade led after 12 minutes. Bo levelled four minutes after the restart and \
                    Cy won it at 90+2.";
        let found = find_minutes(text);
        let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(
            spans,
            ["after 12 minutes", "four minutes after the restart", "90+2"]
        );
        assert_eq!(
            found.iter().map(|m| m.minute).collect::<Vec<_>>(),
            [Some(12), Some(49), Some(92)]
        );
    }

    #[test]
    fn finds_minutes_next_to_non_ascii_text() {
        let text = "Sørensen scored after 23 minutes; Bähr replied ten minutes from time.";
        let found = find_minutes(text);
        assert_eq!(
            found.iter().map(|m| m.minute).collect::<Vec<_>>(),
            [Some(23), Some(80)]
        );
        assert_eq!(&text[found[1].start..found[1].end], "ten minutes from time");
    }

    #[test]
    fn clock_readings() {
        assert_eq!(clock_minute("23"), Some(23));
        assert_eq!(clock_minute("90+3"), Some(93));
        assert_eq!(clock_minute("45 + 1"), Some(46));
        assert_eq!(clock_minute("0"), None);
        assert_eq!(clock_minute("pen"), None);
        assert_eq!(clock_minute("99999999999"), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(number("seventeen"), Some(17));
        assert_eq!(number("twenty-three"), Some(23));
        assert_eq!(number("Twenty Third"), Some(23));
        assert_eq!(number("61st"), Some(61));
        assert_eq!(number("three-four"), None);
        assert_eq!(number("many"), None);
    }
}
