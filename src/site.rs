//! A static site for a whole records file, to look over a folder's results in a
//! browser: `index.html` lists every report (sides, score, counts, warnings) and every
//! failure, `reports/` holds one page per report (the page of [`crate::show`]), and
//! `summary.html` has the top scorers and assisters, goals per 15 minutes as an SVG bar
//! chart, and card counts. Everything is inline: the site needs no network to view.
//!
//! ```
//! use touchline::doc::Record;
//! use touchline::site::write_site;
//!
//! let line = r#"{"id":"cup/final","text":"Kane scored.","entities":[],"match":null,
//!   "events":[{"type":"goal","scorer":"Harry Kane","minute":9}]}"#;
//! let record: Record = serde_json::from_str(line).unwrap();
//! let dir = tempfile::tempdir().unwrap();
//! write_site(&[record], &["dump.jsonl:3: not JSON".to_string()], dir.path()).unwrap();
//! let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
//! assert!(index.contains(r#"<a href="reports/cup_final.html">cup/final</a>"#));
//! assert!(index.contains("dump.jsonl:3: not JSON"));
//! assert!(dir.path().join("reports/cup_final.html").exists());
//! let summary = std::fs::read_to_string(dir.path().join("summary.html")).unwrap();
//! assert!(summary.contains("<td>Harry Kane</td><td class=\"n\">1</td>"));
//! ```

use crate::doc::{Card, EventKind, Record};
use crate::export::write_atomic;
use crate::show::{escape, page, render_with_nav};
use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Rows in each leader table of the summary.
const LEADERS: usize = 15;

/// The goal-minute bins of the summary chart: (label, first minute, last minute).
const BINS: [(&str, u32, u32); 7] = [
    ("1–15", 0, 15),
    ("16–30", 16, 30),
    ("31–45", 31, 45),
    ("46–60", 46, 60),
    ("61–75", 61, 75),
    ("76–90", 76, 90),
    ("91+", 91, u32::MAX),
];

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;\
                     padding:0 1rem;line-height:1.5;color:#222}\n\
                     table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}\n\
                     th,td{padding:.2rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}\n\
                     td.n,th.n{text-align:right}\n\
                     .warn{color:#a05a00}\n\
                     .failures{background:#fdecea;border:1px solid #d9534f;padding:.5rem 1rem}\n\
                     .empty{color:#777;font-style:italic}\n\
                     nav{margin-bottom:1rem}\n";

/// What a site was made of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SiteCounts {
    pub reports: usize,
    pub failures: usize,
}

/// Writes the site for `records` into `dir` (created if missing); `failures` are the
/// messages of the reports that could not be read or processed. Each file is written
/// atomically.
pub fn write_site(records: &[Record], failures: &[String], dir: &Path) -> Result<SiteCounts> {
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports)
        .with_context(|| format!("cannot create the folder {}", reports.display()))?;
    let names = page_names(records);
    let nav = "<nav><a href=\"../index.html\">all reports</a> · \
               <a href=\"../summary.html\">summary</a></nav>\n";
    for (record, name) in records.iter().zip(&names) {
        let path = reports.join(name);
        write_atomic(&path, render_with_nav(record, nav).as_bytes())?;
    }
    write_atomic(
        &dir.join("index.html"),
        index(records, &names, failures).as_bytes(),
    )?;
    write_atomic(&dir.join("summary.html"), summary(records).as_bytes())?;
    Ok(SiteCounts {
        reports: records.len(),
        failures: failures.len(),
    })
}

/// A file name per record: its id with anything but letters, digits, `-` and `.` made
/// `_`, and a number appended where two would clash.
fn page_names(records: &[Record]) -> Vec<String> {
    let mut taken = HashSet::new();
    records
        .iter()
        .map(|r| {
            let slug: String =
                r.id.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
            let mut name = format!("{slug}.html");
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{slug}-{n}.html");
            }
            name
        })
        .collect()
}

fn index(records: &[Record], names: &[String], failures: &[String]) -> String {
    let rows: String = records
        .iter()
        .zip(names)
        .map(|(r, name)| {
            let info = r.match_info.clone().unwrap_or_default();
            let score = match (info.home_score, info.away_score) {
                (Some(h), Some(a)) => format!("{h}–{a}"),
                _ => "v".into(),
            };
            let goals = r
                .events
                .iter()
                .filter(|e| matches!(e.kind, EventKind::Goal { .. }))
                .count();
            let warnings = if r.warnings.is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"warn\" title=\"{}\">{}</span>",
                    escape(&r.warnings.join("\n")),
                    r.warnings.len()
                )
            };
            format!(
                "<tr><td><a href=\"reports/{name}\">{}</a></td><td>{}</td><td class=\"n\">{score}</td>\
                 <td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{goals}</td>\
                 <td class=\"n\">{warnings}</td></tr>\n",
                escape(&r.id),
                escape(info.home.as_deref().unwrap_or("?")),
                escape(info.away.as_deref().unwrap_or("?")),
                r.entities.len(),
                r.events.len(),
            )
        })
        .collect();
    let failed = if failures.is_empty() {
        String::new()
    } else {
        let items: String = failures
            .iter()
            .map(|f| format!("<li>{}</li>\n", escape(f)))
            .collect();
        format!(
            "<section class=\"failures\">\n<h2>Failures ({})</h2>\n<ul>\n{items}</ul>\n</section>\n",
            failures.len()
        )
    };
    let body = format!(
        "<nav><a href=\"summary.html\">summary</a></nav>\n<h1>{} reports</h1>\n{failed}\
         <table>\n<tr><th>report</th><th>home</th><th class=\"n\">score</th><th>away</th>\
         <th class=\"n\">mentions</th><th class=\"n\">events</th><th class=\"n\">goals</th>\
         <th class=\"n\">warnings</th></tr>\n{rows}</table>\n",
        records.len()
    );
    page("reports", STYLE, &body)
}

/// Counts by name, most first, ties by name.
fn leaders<'r>(names: impl Iterator<Item = &'r str>) -> Vec<(&'r str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    let mut out: Vec<(&str, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.truncate(LEADERS);
    out
}

fn leader_table(title: &str, what: &str, rows: &[(&str, usize)]) -> String {
    if rows.is_empty() {
        return format!("<h2>{title}</h2>\n<p class=\"empty\">none</p>\n");
    }
    let body: String = rows
        .iter()
        .map(|(name, n)| {
            format!(
                "<tr><td>{}</td><td class=\"n\">{n}</td></tr>\n",
                escape(name)
            )
        })
        .collect();
    format!(
        "<h2>{title}</h2>\n<table>\n<tr><th>player</th><th class=\"n\">{what}</th></tr>\n{body}</table>\n"
    )
}

fn summary(records: &[Record]) -> String {
    let events = || records.iter().flat_map(|r| &r.events);
    let scorers = leaders(events().filter_map(|e| match &e.kind {
        EventKind::Goal {
            scorer,
            own_goal: false,
            ..
        } => Some(scorer.as_str()),
        _ => None,
    }));
    let assisters = leaders(events().filter_map(|e| match &e.kind {
        EventKind::Goal {
            assister: Some(a), ..
        } => Some(a.as_str()),
        _ => None,
    }));
    let cards = |colour: Card| {
        events()
            .filter(|e| matches!(&e.kind, EventKind::Card { card, .. } if *card == colour))
            .count()
    };
    let booked = leaders(events().filter_map(|e| match &e.kind {
        EventKind::Card { player, .. } => Some(player.as_str()),
        _ => None,
    }));
    let goal_minutes: Vec<Option<u32>> = events()
        .filter(|e| matches!(e.kind, EventKind::Goal { .. }))
        .map(|e| e.minute)
        .collect();
    let body = format!(
        "<nav><a href=\"index.html\">all reports</a></nav>\n<h1>Summary of {} reports</h1>\n\
         {}{}<h2>Goals by minute</h2>\n{}\n\
         <h2>Cards</h2>\n<p>{} yellow, {} red</p>\n{}",
        records.len(),
        leader_table("Top scorers", "goals", &scorers),
        leader_table("Top assisters", "assists", &assisters),
        minute_chart(&goal_minutes),
        cards(Card::Yellow),
        cards(Card::Red),
        leader_table("Most cards", "cards", &booked),
    );
    page("summary", STYLE, &body)
}

/// Goals per 15-minute bin as an SVG bar chart, with the goals of no stated minute
/// counted below it.
fn minute_chart(minutes: &[Option<u32>]) -> String {
    let mut counts = [0usize; BINS.len()];
    for m in minutes.iter().flatten() {
        if let Some(i) = BINS.iter().position(|(_, lo, hi)| lo <= m && m <= hi) {
            counts[i] += 1;
        }
    }
    let unknown = minutes.iter().filter(|m| m.is_none()).count();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (bar_w, gap, height, base) = (60usize, 16usize, 160usize, 190usize);
    let bars: String = counts
        .iter()
        .zip(BINS)
        .enumerate()
        .map(|(i, (&n, (label, ..)))| {
            let h = n * height / max;
            let x = gap + i * (bar_w + gap);
            format!(
                "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{bar_w}\" height=\"{h}\" fill=\"#3b7dd8\"/>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\">{n}</text>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{label}</text>\n",
                base - h,
                x + bar_w / 2,
                base - h - 4,
                x + bar_w / 2,
                base + 16,
            )
        })
        .collect();
    let width = gap + BINS.len() * (bar_w + gap);
    format!(
        "<svg class=\"chart\" width=\"{width}\" height=\"{}\" viewBox=\"0 0 {width} {}\" role=\"img\" \
         aria-label=\"goals per 15 minutes\">\n<line x1=\"0\" y1=\"{base}\" x2=\"{width}\" y2=\"{base}\" stroke=\"#888\"/>\n\
         {bars}</svg>\n<p>{} goals in all, {unknown} with no stated minute.</p>",
        base + 24,
        base + 24,
        minutes.len(),
    )
}
