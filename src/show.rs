//! Renders one SPEC record as a self-contained HTML page, so a person can check what the
//! pipeline (or a gold file) says about a report: the match, the report text with every
//! mention highlighted by label (hover for its canonical name and score), the events in
//! minute order, and the pipeline's warnings. The page needs no external assets or
//! scripts, so it can be saved next to the predictions and opened anywhere.
//!
//! ```
//! use touchline::show::render;
//! use touchline::doc::Record;
//!
//! let line = r#"{"id":"x","text":"Kane & Son","events":[],"match":null,
//!   "entities":[{"start":0,"end":4,"label":"PLAYER","text":"Kane","ref":"Harry Kane","score":0.97}]}"#;
//! let record: Record = serde_json::from_str(line).unwrap();
//! let html = render(&record);
//! assert!(html.contains(
//!     r#"<mark class="ent ent-PLAYER" title="PLAYER · ref: Harry Kane · score 0.97">Kane</mark> &amp; Son"#
//! ));
//! assert!(html.contains("match not stated"));
//! ```

use crate::doc::{Card, CharIndex, Event, EventKind, Label, MatchInfo, Mention, Record, Span};
use std::ops::Range;

/// The whole page for one record.
pub fn render(record: &Record) -> String {
    let body = [
        header(record),
        legend(),
        report(record),
        timeline(&record.events),
        warnings(&record.warnings),
    ]
    .concat();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(&record.id),
        style(),
        body
    )
}

/// Makes `s` safe both as element content and inside a double- or single-quoted attribute.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Background colours chosen to stay readable under black text and to tell persons,
/// sides and places apart at a glance.
fn colour(label: Label) -> &'static str {
    match label {
        Label::Player => "#9ecbff",
        Label::Coach => "#c6a6ff",
        Label::Referee => "#ffb3c1",
        Label::Club => "#ffd27a",
        Label::Team => "#ffb07a",
        Label::Venue => "#9ee6b0",
        Label::Competition => "#d9d9d9",
    }
}

/// The label rules come from `colour` so the legend and the marks cannot disagree.
fn style() -> String {
    let base = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;\
                padding:0 1rem;line-height:1.6;color:#222}\n\
                header .meta{color:#555}\n\
                .legend .ent{margin-right:.5rem}\n\
                .ent{padding:0 .15em;border-radius:.2em}\n\
                mark.ent{cursor:help}\n\
                mark.ent:hover{outline:2px solid #333}\n\
                .empty{color:#777;font-style:italic}\n\
                table{border-collapse:collapse;width:100%}\n\
                td{padding:.2rem .5rem;border-bottom:1px solid #eee;vertical-align:top}\n\
                td.minute{text-align:right;white-space:nowrap}\n\
                .flag{background:#eee;border-radius:.2em;padding:0 .3em;margin-right:.3em}\n\
                .warnings{background:#fff4e5;border:1px solid #f0a020;padding:.5rem 1rem}\n";
    let labels: String = Label::ALL
        .iter()
        .map(|&label| format!(".ent-{}{{background:{}}}\n", label, colour(label)))
        .collect();
    format!("{base}{labels}")
}

fn header(record: &Record) -> String {
    let (title, meta) = match &record.match_info {
        Some(info) => (result_line(info), match_meta(info)),
        None => ("match not stated".to_string(), String::new()),
    };
    format!(
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n<p class=\"meta\">report: {}</p>\n</header>\n",
        escape(&title),
        escape(&meta),
        escape(record.source.as_deref().unwrap_or(&record.id))
    )
}

/// "Home 2–1 Away", falling back to "v" when the score is unknown so a partial record
/// still shows who played.
fn result_line(info: &MatchInfo) -> String {
    let home = info.home.as_deref().unwrap_or("?");
    let away = info.away.as_deref().unwrap_or("?");
    match (info.home_score, info.away_score) {
        (Some(h), Some(a)) => format!("{home} {h}–{a} {away}"),
        _ => format!("{home} v {away}"),
    }
}

fn match_meta(info: &MatchInfo) -> String {
    [info.competition.as_deref(), info.venue.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn legend() -> String {
    let items: String = Label::ALL
        .iter()
        .map(|label| format!("<span class=\"ent ent-{label}\">{label}</span>"))
        .collect();
    format!("<p class=\"legend\">{items}</p>\n")
}

fn report(record: &Record) -> String {
    let Some(text) = record.text.as_deref() else {
        return "<section class=\"report\">\n<p class=\"empty\">no text in this record</p>\n</section>\n"
            .to_string();
    };
    let marks = kept_marks(&record.entities, &CharIndex::new(text));
    let paragraphs: String = paragraphs(text)
        .into_iter()
        .map(|para| format!("<p>{}</p>\n", marked(text, para, &marks)))
        .collect();
    format!("<section class=\"report\">\n{paragraphs}</section>\n")
}

/// Mentions that can be drawn, as byte ranges in text order. A mention that is empty,
/// runs past the text, or overlaps one kept earlier in the record is dropped: nested or
/// crossing `<mark>`s would break the markup, and bad offsets must not panic.
fn kept_marks<'m>(mentions: &'m [Mention], index: &CharIndex) -> Vec<(Range<usize>, &'m Mention)> {
    let mut kept: Vec<(Span, &Mention)> = Vec::new();
    for mention in mentions {
        let span = mention.span();
        let fits = !span.is_empty() && span.end <= index.len_chars();
        if fits && !kept.iter().any(|(k, _)| k.overlaps(&span)) {
            kept.push((span, mention));
        }
    }
    kept.sort_by_key(|(span, _)| span.start);
    kept.into_iter()
        .map(|(span, m)| {
            (
                index.byte_of_char(span.start)..index.byte_of_char(span.end),
                m,
            )
        })
        .collect()
}

/// Byte ranges of the paragraphs, which blank (or whitespace-only) lines separate.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..pos);
            }
        } else if start.is_none() {
            start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// One paragraph with its marks. Marks that cross a paragraph boundary lie in no
/// paragraph and so are not drawn, which keeps `<mark>` inside `<p>`.
fn marked(text: &str, para: Range<usize>, marks: &[(Range<usize>, &Mention)]) -> String {
    let mut out = String::new();
    let mut cursor = para.start;
    let inside = marks
        .iter()
        .filter(|(r, _)| para.start <= r.start && r.end <= para.end);
    for (range, mention) in inside {
        out.push_str(&escape(&text[cursor..range.start]));
        out.push_str(&format!(
            "<mark class=\"ent ent-{}\" title=\"{}\">{}</mark>",
            mention.label,
            escape(&mark_title(mention)),
            escape(&text[range.clone()])
        ));
        cursor = range.end;
    }
    out.push_str(&escape(&text[cursor..para.end]));
    out
}

fn mark_title(mention: &Mention) -> String {
    let mut parts = vec![mention.label.to_string()];
    parts.extend(mention.reference.as_ref().map(|r| format!("ref: {r}")));
    parts.extend(mention.score.map(|s| format!("score {s:.2}")));
    parts.join(" · ")
}

/// Events by minute; those without one go last, in record order (the sort is stable).
fn timeline(events: &[Event]) -> String {
    if events.is_empty() {
        return "<section class=\"timeline\">\n<h2>Events</h2>\n<p class=\"empty\">no events</p>\n</section>\n"
            .to_string();
    }
    let mut ordered: Vec<&Event> = events.iter().collect();
    ordered.sort_by_key(|e| (e.minute.is_none(), e.minute));
    let rows: String = ordered.into_iter().map(event_row).collect();
    format!("<section class=\"timeline\">\n<h2>Events</h2>\n<table>\n{rows}</table>\n</section>\n")
}

fn event_row(event: &Event) -> String {
    let minute = event.minute.map_or("–".to_string(), |m| format!("{m}'"));
    let roles = event
        .kind
        .names()
        .into_iter()
        .map(|(role, name)| format!("{}: {}", role.as_str(), escape(name)))
        .collect::<Vec<_>>()
        .join(" · ");
    let flags: String = flags(&event.kind)
        .into_iter()
        .map(|f| format!("<span class=\"flag\">{f}</span>"))
        .collect();
    let score = event.score.map_or(String::new(), |s| format!("{s:.2}"));
    format!(
        "<tr class=\"ev ev-{}\"><td class=\"minute\">{}</td><td class=\"type\">{}</td>\
         <td class=\"roles\">{}</td><td class=\"flags\">{}</td><td class=\"score\">{}</td></tr>\n",
        event.kind.type_name(),
        minute,
        kind_label(&event.kind),
        roles,
        flags,
        score
    )
}

/// Icon and word; a card's colour is in both so the row reads without the emoji.
fn kind_label(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Goal { .. } => "⚽ goal",
        EventKind::Save { .. } => "🧤 save",
        EventKind::Miss { .. } => "✗ miss",
        EventKind::Card {
            card: Card::Yellow, ..
        } => "🟨 yellow card",
        EventKind::Card {
            card: Card::Red, ..
        } => "🟥 red card",
        EventKind::Substitution { .. } => "🔁 substitution",
    }
}

fn flags(kind: &EventKind) -> Vec<&'static str> {
    let EventKind::Goal {
        penalty,
        own_goal,
        header,
        ..
    } = kind
    else {
        return Vec::new();
    };
    [(*penalty, "pen"), (*own_goal, "og"), (*header, "header")]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect()
}

fn warnings(warnings: &[String]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let items: String = warnings
        .iter()
        .map(|w| format!("<li>{}</li>\n", escape(w)))
        .collect();
    format!("<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n{items}</ul>\n</section>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "Tottenham Hotspur beat Arsenal 2–1 at Wembley.\n\n\
        Son Heung-min scored after 49 minutes before Ødegaard levelled. \
        Lloris saved from Ødegaard late on.\n  \n\
        Xhaka was booked and Dier replaced Son.";

    /// Char span of the `nth` occurrence of `needle`, so fixtures need no hand-counted
    /// offsets (which multibyte names would make easy to get wrong).
    fn char_span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
        let (byte, _) = text.match_indices(needle).nth(nth).expect("needle in text");
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    fn mention(text: &str, needle: &str, nth: usize, label: Label, reference: &str) -> Mention {
        let (start, end) = char_span(text, needle, nth);
        Mention {
            score: Some(0.9),
            reference: Some(reference.to_string()),
            ..Mention::new(start, end, label, needle)
        }
    }

    fn event(kind: EventKind, minute: Option<u32>) -> Event {
        Event {
            kind,
            minute,
            evidence: None,
            score: Some(0.8),
            by: None,
        }
    }

    fn full_record() -> Record {
        let player =
            |needle, nth, reference| mention(REPORT, needle, nth, Label::Player, reference);
        Record {
            id: "spurs-arsenal".to_string(),
            text: Some(REPORT.to_string()),
            entities: vec![
                mention(
                    REPORT,
                    "Tottenham Hotspur",
                    0,
                    Label::Club,
                    "Tottenham Hotspur",
                ),
                mention(REPORT, "Arsenal", 0, Label::Club, "Arsenal"),
                mention(REPORT, "Wembley", 0, Label::Venue, "Wembley"),
                player("Son Heung-min", 0, "Son Heung-min"),
                player("Ødegaard", 0, "Martin Ødegaard"),
                player("Lloris", 0, "Hugo Lloris"),
                player("Ødegaard", 1, "Martin Ødegaard"),
                player("Xhaka", 0, "Granit Xhaka"),
                player("Dier", 0, "Eric Dier"),
                player("Son", 1, "Son Heung-min"),
            ],
            events: vec![
                event(
                    EventKind::Card {
                        player: "Granit Xhaka".into(),
                        card: Card::Yellow,
                    },
                    None,
                ),
                event(
                    EventKind::Save {
                        goalkeeper: "Hugo Lloris".into(),
                        shooter: Some("Martin Ødegaard".into()),
                    },
                    Some(88),
                ),
                event(
                    EventKind::Goal {
                        scorer: "Son Heung-min".into(),
                        assister: None,
                        team: Some("Tottenham Hotspur".into()),
                        penalty: true,
                        own_goal: false,
                        header: false,
                    },
                    Some(49),
                ),
                event(
                    EventKind::Substitution {
                        player_in: "Eric Dier".into(),
                        player_out: Some("Son Heung-min".into()),
                    },
                    Some(75),
                ),
            ],
            match_info: Some(MatchInfo {
                home: Some("Tottenham Hotspur".into()),
                away: Some("Arsenal".into()),
                home_score: Some(2),
                away_score: Some(1),
                competition: Some("Premier League".into()),
                venue: Some("Wembley".into()),
            }),
            warnings: vec!["goals (1) do not add up to the score (2–1)".into()],
            ..Record::default()
        }
    }

    /// The text between each `<mark ...>` and its `</mark>`, in page order.
    fn mark_contents(html: &str) -> Vec<&str> {
        html.split("<mark ")
            .skip(1)
            .filter_map(|rest| rest.split_once("</mark>"))
            .filter_map(|(inner, _)| inner.split_once('>').map(|(_, text)| text))
            .collect()
    }

    /// Every element the page uses is closed as often as it is opened, in a page that
    /// starts and ends like a document.
    fn assert_well_formed(html: &str) {
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.trim_end().ends_with("</html>"));
        for tag in [
            "html", "head", "body", "header", "section", "p", "mark", "table", "tr", "td", "ul",
            "li", "span",
        ] {
            let opened = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            let closed = html.matches(&format!("</{tag}>")).count();
            assert_eq!(
                opened, closed,
                "<{tag}> opened {opened} times, closed {closed}"
            );
        }
    }

    #[test]
    fn marks_wrap_exactly_the_mentioned_text() {
        let html = render(&full_record());
        assert_well_formed(&html);
        assert_eq!(
            mark_contents(&html),
            [
                "Tottenham Hotspur",
                "Arsenal",
                "Wembley",
                "Son Heung-min",
                "Ødegaard",
                "Lloris",
                "Ødegaard",
                "Xhaka",
                "Dier",
                "Son",
            ]
        );
        assert!(html.contains(
            "<mark class=\"ent ent-PLAYER\" title=\"PLAYER · ref: Martin Ødegaard · score 0.90\">Ødegaard</mark> levelled"
        ));
        assert!(html.contains("title=\"VENUE · ref: Wembley · score 0.90\">Wembley</mark>"));
    }

    #[test]
    fn blank_lines_make_paragraphs() {
        let html = render(&full_record());
        assert_eq!(html.matches("<p>").count(), 3);
        assert!(html.contains("<p><mark class=\"ent ent-CLUB\""));
        assert!(html.contains("Wembley</mark>.\n</p>\n<p><mark class=\"ent ent-PLAYER\""));
        assert!(html.contains("replaced <mark class=\"ent ent-PLAYER\" title=\"PLAYER · ref: Son Heung-min · score 0.90\">Son</mark>.</p>"));
    }

    #[test]
    fn header_shows_result_competition_and_venue() {
        let html = render(&full_record());
        assert!(html.contains("<h1>Tottenham Hotspur 2–1 Arsenal</h1>"));
        assert!(html.contains("Premier League · Wembley"));
    }

    #[test]
    fn timeline_is_ordered_by_minute_with_unknown_minutes_last() {
        let html = render(&full_record());
        let minutes: Vec<&str> = html
            .split("<td class=\"minute\">")
            .skip(1)
            .filter_map(|rest| rest.split_once("</td>").map(|(m, _)| m))
            .collect();
        assert_eq!(minutes, ["49'", "75'", "88'", "–"]);
        assert!(html.contains("⚽ goal"));
        assert!(html.contains("scorer: Son Heung-min · team: Tottenham Hotspur"));
        assert!(html.contains("<span class=\"flag\">pen</span>"));
        assert!(html.contains("goalkeeper: Hugo Lloris · shooter: Martin Ødegaard"));
        assert!(html.contains("🟨 yellow card"));
        assert!(html.contains("player_in: Eric Dier · player_out: Son Heung-min"));
    }

    #[test]
    fn warnings_are_shown() {
        let html = render(&full_record());
        assert!(html.contains("<section class=\"warnings\">"));
        assert!(html.contains("<li>goals (1) do not add up to the score (2–1)</li>"));
    }

    #[test]
    fn text_names_and_titles_are_escaped() {
        let text = "Kane <script>alert('x')</script> & \"Son\"";
        let mut record = Record {
            id: "<id>".to_string(),
            text: Some(text.to_string()),
            entities: vec![mention(
                text,
                "Kane",
                0,
                Label::Player,
                "Harry \"H\" <Kane>",
            )],
            ..Record::default()
        };
        record.events.push(event(
            EventKind::Miss {
                player: "A & B".into(),
            },
            Some(3),
        ));
        let html = render(&record);
        assert_well_formed(&html);
        assert!(!html.contains("<script>"));
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Son&quot;")
        );
        assert!(
            html.contains("title=\"PLAYER · ref: Harry &quot;H&quot; &lt;Kane&gt; · score 0.90\"")
        );
        assert!(html.contains("player: A &amp; B"));
        assert!(html.contains("<title>&lt;id&gt;</title>"));
    }

    #[test]
    fn empty_record_renders_a_whole_page() {
        let html = render(&Record {
            id: "empty".to_string(),
            ..Record::default()
        });
        assert_well_formed(&html);
        assert!(html.contains("<h1>match not stated</h1>"));
        assert!(html.contains("no text in this record"));
        assert!(html.contains("no events"));
        assert!(!html.contains("<mark"));
        assert!(!html.contains("class=\"warnings\""));
    }

    #[test]
    fn bad_mentions_are_skipped_without_panicking() {
        let text = "Ødegaard and Son\n\nKane";
        let at = |start, end| Mention::new(start, end, Label::Player, "");
        let record = Record {
            id: "bad".to_string(),
            text: Some(text.to_string()),
            entities: vec![
                at(13, 16),
                at(0, 8),
                at(4, 10),
                at(14, 15),
                at(20, 99),
                at(99, 120),
                at(5, 5),
                at(9, 3),
                at(16, 19),
            ],
            ..Record::default()
        };
        let html = render(&record);
        assert_well_formed(&html);
        assert_eq!(mark_contents(&html), ["Ødegaard", "Son"]);
        assert!(html.contains("<mark class=\"ent ent-PLAYER\" title=\"PLAYER\">Ødegaard</mark>"));
    }

    #[test]
    fn partial_match_info_still_names_the_sides() {
        let info = MatchInfo {
            home: Some("Spurs".into()),
            ..MatchInfo::default()
        };
        assert_eq!(result_line(&info), "Spurs v ?");
        assert_eq!(match_meta(&info), "");
    }
}
