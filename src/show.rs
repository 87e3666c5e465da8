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
    render_with_nav(record, "")
}

/// The page for one record with `nav` (HTML) above its header, for pages of a site.
pub(crate) fn render_with_nav(record: &Record, nav: &str) -> String {
    let text = record.text.as_deref().unwrap_or("");
    let index = CharIndex::new(text);
    let marks = kept_marks(&record.entities, &index);
    let anchors = evidence_anchors(&record.events, text, &index, &marks);
    let body = [
        nav.to_string(),
        header(record),
        legend(),
        report(record, &marks, &anchors),
        timeline(&record.events, &index, &anchors),
        warnings(&record.warnings),
    ]
    .concat();
    page(&record.id, &style(), &body)
}

/// A whole HTML document with its own style sheet and no external assets.
pub(crate) fn page(title: &str, style: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(title),
        style,
        body
    )
}

/// Makes `s` safe both as element content and inside a double- or single-quoted attribute.
pub(crate) fn escape(s: &str) -> String {
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
                .warnings{background:#fff4e5;border:1px solid #f0a020;padding:.5rem 1rem}\n\
                .icon{width:1em;height:1em;vertical-align:-.15em;margin-right:.3em}\n\
                td.type a{color:inherit}\n\
                .evidence:target{background:#fff1a8;outline:2px solid #e0a800;border-radius:.2em}\n\
                tr.ev:target{background:#fff1a8}\n\
                nav{margin-bottom:1rem}\n";
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

fn report(record: &Record, marks: &[(Range<usize>, &Mention)], anchors: &[Range<usize>]) -> String {
    let Some(text) = record.text.as_deref() else {
        return "<section class=\"report\">\n<p class=\"empty\">no text in this record</p>\n</section>\n"
            .to_string();
    };
    let paragraphs: String = paragraphs(text)
        .into_iter()
        .map(|para| format!("<p>{}</p>\n", with_anchors(text, para, marks, anchors)))
        .collect();
    format!("<section class=\"report\">\n{paragraphs}</section>\n")
}

/// The byte ranges of the sentences events were read from, each drawn as an element the
/// timeline links to: clipped to the paragraph it starts in, widened so that no mark is
/// cut, and dropped where it overlaps one kept before (an event then links to that one).
fn evidence_anchors(
    events: &[Event],
    text: &str,
    index: &CharIndex,
    marks: &[(Range<usize>, &Mention)],
) -> Vec<Range<usize>> {
    let paras = paragraphs(text);
    let mut spans: Vec<[usize; 2]> = events.iter().filter_map(|e| e.evidence).collect();
    spans.sort_unstable();
    spans.dedup();
    let mut kept: Vec<Range<usize>> = Vec::new();
    for [start, end] in spans {
        let (mut s, e) = (index.byte_of_char(start), index.byte_of_char(end));
        let Some(para) = paras.iter().find(|p| p.start <= s && s < p.end) else {
            continue;
        };
        s = s.max(para.start);
        let mut e = e.min(para.end);
        for (mark, _) in marks {
            if mark.start < s && s < mark.end {
                s = mark.start;
            }
            if mark.start < e && e < mark.end {
                e = mark.end;
            }
        }
        if s < e && !kept.iter().any(|k| k.start < e && s < k.end) {
            kept.push(s..e);
        }
    }
    kept.sort_by_key(|r| r.start);
    kept
}

/// The anchor an event links to: the first that overlaps its evidence.
fn anchor_of(event: &Event, index: &CharIndex, anchors: &[Range<usize>]) -> Option<usize> {
    let [start, end] = event.evidence?;
    let (s, e) = (index.byte_of_char(start), index.byte_of_char(end));
    anchors
        .iter()
        .position(|a| a.start < e.max(s + 1) && s < a.end)
}

/// One paragraph with its evidence anchors and marks.
fn with_anchors(
    text: &str,
    para: Range<usize>,
    marks: &[(Range<usize>, &Mention)],
    anchors: &[Range<usize>],
) -> String {
    let mut out = String::new();
    let mut cursor = para.start;
    for (k, anchor) in anchors.iter().enumerate() {
        if anchor.start < para.start || anchor.end > para.end {
            continue;
        }
        out.push_str(&marked(text, cursor..anchor.start, marks));
        out.push_str(&format!(
            "<span class=\"evidence\" id=\"t{k}\">{}</span>",
            marked(text, anchor.clone(), marks)
        ));
        cursor = anchor.end;
    }
    out.push_str(&marked(text, cursor..para.end, marks));
    out
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

/// A stretch of a paragraph with its marks. Marks that cross a paragraph boundary lie in
/// no paragraph and so are not drawn, which keeps `<mark>` inside `<p>`.
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
/// Each event's type links to the sentence it was read from.
fn timeline(events: &[Event], index: &CharIndex, anchors: &[Range<usize>]) -> String {
    if events.is_empty() {
        return "<section class=\"timeline\">\n<h2>Events</h2>\n<p class=\"empty\">no events</p>\n</section>\n"
            .to_string();
    }
    let mut ordered: Vec<(usize, &Event)> = events.iter().enumerate().collect();
    ordered.sort_by_key(|(_, e)| (e.minute.is_none(), e.minute));
    let rows: String = ordered
        .into_iter()
        .map(|(i, e)| event_row(i, e, anchor_of(e, index, anchors)))
        .collect();
    format!("<section class=\"timeline\">\n<h2>Events</h2>\n<table>\n{rows}</table>\n</section>\n")
}

fn event_row(i: usize, event: &Event, anchor: Option<usize>) -> String {
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
    let label = format!("{}{}", icon(&event.kind), kind_label(&event.kind));
    let kind = match anchor {
        Some(k) => format!("<a href=\"#t{k}\" title=\"show the sentence\">{label}</a>"),
        None => label,
    };
    format!(
        "<tr class=\"ev ev-{}\" id=\"e{i}\"><td class=\"minute\">{}</td><td class=\"type\">{}</td>\
         <td class=\"roles\">{}</td><td class=\"flags\">{}</td><td class=\"score\">{}</td></tr>\n",
        event.kind.type_name(),
        minute,
        kind,
        roles,
        flags,
        score
    )
}

/// The event's word; a card's colour is in it so the row reads without the icon.
fn kind_label(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Goal { .. } => "goal",
        EventKind::Save { .. } => "save",
        EventKind::Miss { .. } => "miss",
        EventKind::Card {
            card: Card::Yellow, ..
        } => "yellow card",
        EventKind::Card {
            card: Card::Red, ..
        } => "red card",
        EventKind::Substitution { .. } => "substitution",
    }
}

/// The event's icon as inline SVG, so it draws without an emoji font.
pub(crate) fn icon(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Goal { .. } => concat!(
            "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">",
            "<circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.4\"/>",
            "<polygon points=\"8,4.6 11.2,6.9 10,10.6 6,10.6 4.8,6.9\" fill=\"#222\"/></svg>"
        ),
        EventKind::Save { .. } => concat!(
            "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">",
            "<path d=\"M8 1 L14 3.5 V8 C14 11.5 11.2 14 8 15 C4.8 14 2 11.5 2 8 V3.5 Z\" fill=\"#2a6fb0\"/></svg>"
        ),
        EventKind::Miss { .. } => concat!(
            "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">",
            "<path d=\"M3.5 3.5 L12.5 12.5 M12.5 3.5 L3.5 12.5\" stroke=\"#b23b3b\" ",
            "stroke-width=\"2.6\" stroke-linecap=\"round\"/></svg>"
        ),
        EventKind::Card {
            card: Card::Yellow, ..
        } => concat!(
            "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">",
            "<rect x=\"3.5\" y=\"1.5\" width=\"9\" height=\"13\" rx=\"1.5\" fill=\"#f4c20d\" stroke=\"#8a6d00\"/></svg>"
        ),
        EventKind::Card {
            card: Card::Red, ..
        } => concat!(
            "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">",
            "<rect x=\"3.5\" y=\"1.5\" width=\"9\" height=\"13\" rx=\"1.5\" fill=\"#d62828\" stroke=\"#7a1010\"/></svg>"
        ),
        EventKind::Substitution { .. } => concat!(
            "<svg class=\"icon\" viewBox=\"0 0 16 16\" aria-hidden=\"true\" fill=\"none\" stroke-width=\"2\">",
            "<path d=\"M2 5 H12 M9 2 L12 5 L9 8\" stroke=\"#2a8a3a\"/>",
            "<path d=\"M14 11 H4 M7 8 L4 11 L7 14\" stroke=\"#c0392b\"/></svg>"
        ),
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
        assert!(html.contains("</svg>goal</td>"));
        assert!(html.contains("scorer: Son Heung-min · team: Tottenham Hotspur"));
        assert!(html.contains("<span class=\"flag\">pen</span>"));
        assert!(html.contains("goalkeeper: Hugo Lloris · shooter: Martin Ødegaard"));
        assert!(html.contains("</svg>yellow card</td>"));
        assert!(html.contains("player_in: Eric Dier · player_out: Son Heung-min"));
    }

    #[test]
    fn events_link_to_their_sentence_and_icons_need_no_emoji_font() {
        let mut record = full_record();
        let sentence = "Son Heung-min scored after 49 minutes before Ødegaard levelled.";
        let (start, end) = char_span(REPORT, sentence, 0);
        record.events[2].evidence = Some([start, end]);
        // A second event read from an overlapping stretch links to the same sentence.
        record.events[1].evidence = Some([start + 4, end + 10]);
        let html = render(&record);
        assert_well_formed(&html);
        assert_eq!(mark_contents(&html).len(), record.entities.len());
        assert!(html.contains(
            "<span class=\"evidence\" id=\"t0\"><mark class=\"ent ent-PLAYER\" \
             title=\"PLAYER · ref: Son Heung-min · score 0.90\">Son Heung-min</mark> scored"
        ));
        assert!(html.contains("levelled.</span>"));
        assert_eq!(html.matches("<span class=\"evidence\"").count(), 1);
        assert_eq!(html.matches("href=\"#t0\"").count(), 2);
        assert_eq!(html.matches("<tr class=\"ev ").count(), record.events.len());
        assert!(html.contains(".evidence:target{"));
        assert!(!html.chars().any(|c| c as u32 >= 0x1F000), "an emoji");
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
