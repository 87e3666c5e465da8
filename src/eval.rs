//! Scoring predictions against gold, exactly as `../shared/SPEC.md` defines it:
//! entity spans (strict, per label, and nervaluate's "partial" view), events matched
//! one-to-one on type + primary role (+ minutes within 3), secondary-role accuracy, and
//! match-result accuracy. Also `validate`, which checks a gold file's consistency.
//!
//! ```
//! use touchline::doc::Record;
//! use touchline::eval::{evaluate, EvalConfig};
//!
//! let gold: Record = serde_json::from_str(r#"{"id":"r","text":"Kane scored.",
//!   "entities":[{"start":0,"end":4,"label":"PLAYER","text":"Kane","ref":"Kane"}],
//!   "events":[{"type":"goal","scorer":"Kane","team":null,"minute":12}],"match":null}"#).unwrap();
//! let mut pred = gold.clone();
//! pred.events[0].minute = Some(14); // within 3 minutes: still a match
//! let report = evaluate(&[gold], &[pred], &EvalConfig::default());
//! assert_eq!(report.entities.strict.f1, 1.0);
//! assert_eq!(report.events.goal.f1, 1.0);
//! ```

use crate::doc::{Event, EventKind, Label, MatchInfo, Mention, Record, Span, EVENT_TYPES};
use crate::names::fold;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Tolerances of the scoring rules.
#[derive(Debug, Clone)]
pub struct EvalConfig {
    /// Events match when both minutes are known and differ by at most this (SPEC: 3).
    pub match_minutes: u32,
    /// Matched events count as "minute right" within this (SPEC: 2).
    pub minute_accuracy: u32,
    /// Words of context either side in error listings.
    pub context_words: usize,
}

impl Default for EvalConfig {
    fn default() -> Self {
        EvalConfig {
            match_minutes: 3,
            minute_accuracy: 2,
            context_words: 6,
        }
    }
}

/// True/false positives and negatives with the derived P/R/F1.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Default for Prf {
    /// Nothing to find and nothing found: perfect, like an empty label in a report.
    fn default() -> Prf {
        Prf::from_counts(0, 0, 0)
    }
}

impl Prf {
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        Prf::from_weighted(tp as f64, tp + fp, tp + fn_, tp, fp, fn_)
    }

    /// P = credit / predicted, R = credit / gold; an empty side scores 1.0 when the other
    /// is empty too (nothing to find, nothing wrongly found), else 0.
    fn from_weighted(
        credit: f64,
        predicted: usize,
        gold: usize,
        tp: usize,
        fp: usize,
        fn_: usize,
    ) -> Prf {
        let ratio = |den: usize, other: usize| match den {
            0 if other == 0 => 1.0,
            0 => 0.0,
            d => credit / d as f64,
        };
        let p = ratio(predicted, gold);
        let r = ratio(gold, predicted);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            p,
            r,
            f1,
            tp,
            fp,
            fn_,
        }
    }

    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        *self = Prf::from_counts(self.tp + tp, self.fp + fp, self.fn_ + fn_);
    }
}

/// nervaluate's "partial" scheme: boundaries only, half credit for an overlap.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct PartialScore {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub correct: usize,
    pub partial: usize,
    pub missed: usize,
    pub spurious: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EntityScores {
    #[serde(flatten)]
    pub strict: Prf,
    pub by_label: BTreeMap<Label, Prf>,
    pub partial: PartialScore,
}

/// Share of matched events whose secondary value is right.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Accuracy {
    pub accuracy: f64,
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    fn push(&mut self, right: bool) {
        self.total += 1;
        self.correct += right as usize;
        self.accuracy = self.correct as f64 / self.total as f64;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EventScores {
    pub goal: Prf,
    pub save: Prf,
    pub miss: Prf,
    pub card: Prf,
    pub substitution: Prf,
    pub goal_save: Prf,
    pub all: Prf,
    /// Secondary roles on matched events: assister, team, shooter, card, player_out.
    pub roles: BTreeMap<String, Accuracy>,
    /// Matched events with a gold minute whose predicted minute is within 2.
    pub minute: Accuracy,
}

impl EventScores {
    fn by_type_mut(&mut self, t: &str) -> &mut Prf {
        match t {
            "goal" => &mut self.goal,
            "save" => &mut self.save,
            "miss" => &mut self.miss,
            "card" => &mut self.card,
            _ => &mut self.substitution,
        }
    }

    pub fn by_type(&self, t: &str) -> &Prf {
        match t {
            "goal" => &self.goal,
            "save" => &self.save,
            "miss" => &self.miss,
            "card" => &self.card,
            _ => &self.substitution,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct MatchScores {
    /// Reports whose home, away and both scores are all right; a report with no gold
    /// `match` is right when none is predicted.
    pub accuracy: f64,
    pub correct: usize,
    pub total: usize,
    pub home: Accuracy,
    pub away: Accuracy,
    pub score: Accuracy,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    pub gold: usize,
    pub predicted: usize,
    /// Gold reports with no prediction: counted as all-missed.
    pub missing: Vec<String>,
    /// Predictions for ids not in gold: ignored.
    pub extra: Vec<String>,
}

/// Everything `touchline eval` reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalReport {
    pub reports: Coverage,
    pub entities: EntityScores,
    pub events: EventScores,
    #[serde(rename = "match")]
    pub match_: MatchScores,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ReportErrors>,
}

/// What went wrong in one report, for `--errors`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReportErrors {
    pub id: String,
    pub missed_entities: Vec<String>,
    pub spurious_entities: Vec<String>,
    pub missed_events: Vec<String>,
    pub spurious_events: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrong_match: Option<String>,
}

impl ReportErrors {
    fn is_empty(&self) -> bool {
        self.missed_entities.is_empty()
            && self.spurious_entities.is_empty()
            && self.missed_events.is_empty()
            && self.spurious_events.is_empty()
            && self.wrong_match.is_none()
    }
}

/// Scores `pred` against `gold`, pairing reports by id.
pub fn evaluate(gold: &[Record], pred: &[Record], config: &EvalConfig) -> EvalReport {
    let empty = Record::default();
    let by_id: HashMap<&str, &Record> = pred.iter().map(|r| (r.id.as_str(), r)).collect();
    let gold_ids: HashSet<&str> = gold.iter().map(|r| r.id.as_str()).collect();
    let mut report = EvalReport {
        reports: Coverage {
            gold: gold.len(),
            predicted: pred.len(),
            missing: Vec::new(),
            extra: pred
                .iter()
                .filter(|r| !gold_ids.contains(r.id.as_str()))
                .map(|r| r.id.clone())
                .collect(),
        },
        ..EvalReport::default()
    };
    let mut partial = PartialCounts::default();
    for g in gold {
        let p = match by_id.get(g.id.as_str()) {
            Some(p) => *p,
            None => {
                report.reports.missing.push(g.id.clone());
                &empty
            }
        };
        let text = g.text.as_deref().unwrap_or("");
        let mut errors = ReportErrors {
            id: g.id.clone(),
            ..ReportErrors::default()
        };
        score_entities(
            &g.entities,
            &p.entities,
            text,
            config,
            &mut report.entities,
            &mut errors,
        );
        partial.add(&g.entities, &p.entities);
        score_events(
            &g.events,
            &p.events,
            text,
            config,
            &mut report.events,
            &mut errors,
        );
        errors.wrong_match = score_match(
            g.match_info.as_ref(),
            p.match_info.as_ref(),
            &mut report.match_,
        );
        if !errors.is_empty() {
            report.errors.push(errors);
        }
    }
    report.entities.partial = partial.score();
    report
}

fn score_entities(
    gold: &[Mention],
    pred: &[Mention],
    text: &str,
    config: &EvalConfig,
    scores: &mut EntityScores,
    errors: &mut ReportErrors,
) {
    let key = |m: &Mention| (m.start, m.end, m.label);
    let mut unmatched: HashMap<(usize, usize, Label), Vec<usize>> = HashMap::new();
    for (i, m) in gold.iter().enumerate().rev() {
        unmatched.entry(key(m)).or_default().push(i);
    }
    let mut counts: BTreeMap<Label, (usize, usize, usize)> = BTreeMap::new();
    let mut used = vec![false; gold.len()];
    for m in pred {
        let c = counts.entry(m.label).or_default();
        match unmatched.get_mut(&key(m)).and_then(Vec::pop) {
            Some(i) => {
                used[i] = true;
                c.0 += 1;
            }
            None => {
                c.1 += 1;
                errors
                    .spurious_entities
                    .push(describe_mention(m, text, config));
            }
        }
    }
    for (m, _) in gold.iter().zip(&used).filter(|(_, u)| !**u) {
        counts.entry(m.label).or_default().2 += 1;
        errors
            .missed_entities
            .push(describe_mention(m, text, config));
    }
    for label in Label::ALL {
        let (tp, fp, fn_) = counts.get(&label).copied().unwrap_or_default();
        scores.by_label.entry(label).or_default().add(tp, fp, fn_);
        scores.strict.add(tp, fp, fn_);
    }
}

#[derive(Default)]
struct PartialCounts {
    correct: usize,
    partial: usize,
    missed: usize,
    spurious: usize,
    gold: usize,
    pred: usize,
}

impl PartialCounts {
    /// Exact boundaries first, then overlaps; each gold span is used at most once.
    fn add(&mut self, gold: &[Mention], pred: &[Mention]) {
        self.gold += gold.len();
        self.pred += pred.len();
        let mut used = vec![false; gold.len()];
        let mut pending = Vec::new();
        for p in pred {
            match (0..gold.len()).find(|&i| !used[i] && gold[i].span() == p.span()) {
                Some(i) => {
                    used[i] = true;
                    self.correct += 1;
                }
                None => pending.push(p.span()),
            }
        }
        for s in pending {
            match (0..gold.len()).find(|&i| !used[i] && gold[i].span().overlaps(&s)) {
                Some(i) => {
                    used[i] = true;
                    self.partial += 1;
                }
                None => self.spurious += 1,
            }
        }
        self.missed += used.iter().filter(|u| !**u).count();
    }

    fn score(&self) -> PartialScore {
        let credit = self.correct as f64 + 0.5 * self.partial as f64;
        let prf = Prf::from_weighted(credit, self.pred, self.gold, 0, 0, 0);
        PartialScore {
            p: prf.p,
            r: prf.r,
            f1: prf.f1,
            correct: self.correct,
            partial: self.partial,
            missed: self.missed,
            spurious: self.spurious,
        }
    }
}

/// SPEC matching: same type, folded primary role equal, minutes within tolerance where
/// both are known; one-to-one, greedy in gold order. Of the predictions a gold event may
/// take, it takes the one agreeing on most secondary roles ("Howard denied Reid twice,
/// then Sesay": each gold save takes the prediction with its own shooter).
pub fn match_events(gold: &[Event], pred: &[Event], config: &EvalConfig) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let found = (0..pred.len())
            .filter(|&pi| !used[pi] && events_match(g, &pred[pi], config))
            .min_by_key(|&pi| {
                let disagree = g
                    .kind
                    .secondary()
                    .into_iter()
                    .zip(pred[pi].kind.secondary())
                    .filter(|((_, a), (_, b))| a.map(fold) != b.map(fold))
                    .count();
                (disagree, pi)
            });
        if let Some(pi) = found {
            used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs
}

fn events_match(g: &Event, p: &Event, config: &EvalConfig) -> bool {
    g.kind.type_name() == p.kind.type_name()
        && fold(g.kind.primary().1) == fold(p.kind.primary().1)
        && match (g.minute, p.minute) {
            (Some(a), Some(b)) => a.abs_diff(b) <= config.match_minutes,
            _ => true,
        }
}

fn score_events(
    gold: &[Event],
    pred: &[Event],
    text: &str,
    config: &EvalConfig,
    scores: &mut EventScores,
    errors: &mut ReportErrors,
) {
    let pairs = match_events(gold, pred, config);
    let matched_gold: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let matched_pred: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    for t in EVENT_TYPES {
        let of_type = |events: &[Event], matched: &HashSet<usize>, want: bool| {
            events
                .iter()
                .enumerate()
                .filter(|(i, e)| e.kind.type_name() == t && matched.contains(i) == want)
                .count()
        };
        let tp = of_type(gold, &matched_gold, true);
        let fn_ = of_type(gold, &matched_gold, false);
        let fp = of_type(pred, &matched_pred, false);
        scores.by_type_mut(t).add(tp, fp, fn_);
        scores.all.add(tp, fp, fn_);
        if t == "goal" || t == "save" {
            scores.goal_save.add(tp, fp, fn_);
        }
    }
    for &(gi, pi) in &pairs {
        let (g, p) = (&gold[gi], &pred[pi]);
        for ((role, gv), (_, pv)) in g.kind.secondary().into_iter().zip(p.kind.secondary()) {
            let right = gv.map(fold) == pv.map(fold);
            scores
                .roles
                .entry(role.as_str().to_string())
                .or_default()
                .push(right);
        }
        if let Some(gm) = g.minute {
            let right = p
                .minute
                .is_some_and(|pm| pm.abs_diff(gm) <= config.minute_accuracy);
            scores.minute.push(right);
        }
    }
    for (i, g) in gold.iter().enumerate() {
        if !matched_gold.contains(&i) {
            errors.missed_events.push(describe_event(g, text));
        }
    }
    for (i, p) in pred.iter().enumerate() {
        if !matched_pred.contains(&i) {
            errors.spurious_events.push(describe_event(p, text));
        }
    }
}

/// A report with no gold match is right only when none is predicted: a match read from a
/// transfer story or a preview is an error a user would see.
fn score_match(
    gold: Option<&MatchInfo>,
    pred: Option<&MatchInfo>,
    scores: &mut MatchScores,
) -> Option<String> {
    let none = MatchInfo::default();
    let (g, p) = (gold.unwrap_or(&none), pred.unwrap_or(&none));
    let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => fold(a) == fold(b),
        (None, None) => true,
        _ => false,
    };
    let home = same(&g.home, &p.home);
    let away = same(&g.away, &p.away);
    let score = (p.home_score, p.away_score) == (g.home_score, g.away_score);
    scores.home.push(home);
    scores.away.push(away);
    scores.score.push(score);
    scores.total += 1;
    let right = home && away && score;
    scores.correct += right as usize;
    scores.accuracy = scores.correct as f64 / scores.total as f64;
    (!right).then(|| {
        format!(
            "gold {} | predicted {}",
            describe_match(gold),
            describe_match(pred)
        )
    })
}

fn describe_match(m: Option<&MatchInfo>) -> String {
    let Some(m) = m else { return "none".into() };
    let n = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".into());
    let g = |s: Option<u32>| s.map_or("?".into(), |v| v.to_string());
    format!(
        "{} {}-{} {}",
        n(&m.home),
        g(m.home_score),
        g(m.away_score),
        n(&m.away)
    )
}

fn describe_mention(m: &Mention, text: &str, config: &EvalConfig) -> String {
    let span = Span::new(m.start, m.end);
    format!(
        "{} {:?} @{}-{}: {}",
        m.label,
        m.text,
        m.start,
        m.end,
        context(text, span, config.context_words)
    )
}

fn describe_event(e: &Event, text: &str) -> String {
    let mut s = e.kind.type_name().to_string();
    for (role, name) in e.kind.names() {
        s.push_str(&format!(" {}={}", role.as_str(), name));
    }
    if let EventKind::Card { card, .. } = &e.kind {
        s.push_str(&format!(" card={}", card.as_str()));
    }
    if let Some(m) = e.minute {
        s.push_str(&format!(" minute={m}"));
    }
    if let Some([a, b]) = e.evidence {
        s.push_str(&format!(
            ": {}",
            context(text, Span::new(a, b.min(a + 160)), 0)
        ));
    }
    s
}

/// A few words either side of `span`, with the span itself in [brackets].
fn context(text: &str, span: Span, words: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if span.start > chars.len() || span.end < span.start {
        return String::from("(offsets outside the text)");
    }
    let end = span.end.min(chars.len());
    let before: String = chars[..span.start].iter().collect();
    let after: String = chars[end..].iter().collect();
    let before: Vec<&str> = before.split_whitespace().collect();
    let after: Vec<&str> = after.split_whitespace().collect();
    let inner: String = chars[span.start..end].iter().collect();
    let left = before[before.len().saturating_sub(words)..].join(" ");
    let right = after[..words.min(after.len())].join(" ");
    let inner = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    if words == 0 {
        return inner;
    }
    format!("…{left} [{inner}] {right}…")
}

/// Human-readable table of the main figures.
pub fn render_table(r: &EvalReport) -> String {
    let mut s = String::new();
    let row = |s: &mut String, name: &str, p: &Prf| {
        s.push_str(&format!(
            "  {:<14} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6} {:>6}\n",
            name, p.p, p.r, p.f1, p.tp, p.fp, p.fn_
        ))
    };
    s.push_str(&format!(
        "reports: {} gold, {} predicted, {} missing from predictions, {} not in gold\n\n",
        r.reports.gold,
        r.reports.predicted,
        r.reports.missing.len(),
        r.reports.extra.len()
    ));
    s.push_str(&format!(
        "entities         {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
        "P", "R", "F1", "tp", "fp", "fn"
    ));
    row(&mut s, "all (strict)", &r.entities.strict);
    for (label, p) in &r.entities.by_label {
        row(&mut s, label.as_str(), p);
    }
    let pa = &r.entities.partial;
    s.push_str(&format!(
        "  {:<14} {:>6.3} {:>6.3} {:>6.3}   (exact {}, overlap {}, missed {}, spurious {})\n\n",
        "partial", pa.p, pa.r, pa.f1, pa.correct, pa.partial, pa.missed, pa.spurious
    ));
    s.push_str(&format!(
        "events           {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
        "P", "R", "F1", "tp", "fp", "fn"
    ));
    for t in EVENT_TYPES {
        row(&mut s, t, r.events.by_type(t));
    }
    row(&mut s, "goal+save", &r.events.goal_save);
    row(&mut s, "all", &r.events.all);
    s.push_str("\nmatched events   accuracy  right/total\n");
    for (role, a) in &r.events.roles {
        s.push_str(&format!(
            "  {:<14} {:>8.3}  {}/{}\n",
            role, a.accuracy, a.correct, a.total
        ));
    }
    let m = &r.events.minute;
    s.push_str(&format!(
        "  {:<14} {:>8.3}  {}/{}\n",
        "minute (±2)", m.accuracy, m.correct, m.total
    ));
    let mt = &r.match_;
    s.push_str(&format!(
        "\nmatch            {:>8.3}  {}/{}  (home {}/{}, away {}/{}, score {}/{})\n",
        mt.accuracy,
        mt.correct,
        mt.total,
        mt.home.correct,
        mt.home.total,
        mt.away.correct,
        mt.away.total,
        mt.score.correct,
        mt.score.total
    ));
    if !r.reports.missing.is_empty() {
        s.push_str(&format!(
            "\nmissing from predictions (all missed): {}\n",
            r.reports.missing.join(", ")
        ));
    }
    if !r.reports.extra.is_empty() {
        s.push_str(&format!(
            "not in gold (ignored): {}\n",
            r.reports.extra.join(", ")
        ));
    }
    s
}

/// Per-report error listing for `--errors`.
pub fn render_errors(r: &EvalReport) -> String {
    let mut s = String::new();
    for e in &r.errors {
        s.push_str(&format!("== {}\n", e.id));
        let section = |s: &mut String, title: &str, items: &[String]| {
            for item in items {
                s.push_str(&format!("  {title} {item}\n"));
            }
        };
        section(&mut s, "missed   ", &e.missed_entities);
        section(&mut s, "spurious ", &e.spurious_entities);
        section(&mut s, "missed   ", &e.missed_events);
        section(&mut s, "spurious ", &e.spurious_events);
        if let Some(m) = &e.wrong_match {
            s.push_str(&format!("  match     {m}\n"));
        }
    }
    s
}

/// Checks a gold file's records; returns `path:line: problem` messages.
pub fn validate(path: &str, records: &[(usize, Record)]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (line, r) in records {
        let mut bad = |msg: String| problems.push(format!("{path}:{line}: {}: {msg}", r.id));
        if let Some(first) = ids.insert(&r.id, *line) {
            bad(format!("id also used on line {first}"));
        }
        let Some(text) = r.text.as_deref() else {
            bad("gold records need `text`".into());
            continue;
        };
        let chars: Vec<char> = text.chars().collect();
        let mut refs: HashSet<String> = HashSet::new();
        let mut surfaces: HashSet<String> = HashSet::new();
        for m in &r.entities {
            surfaces.insert(fold(&m.text));
        }
        for m in &r.entities {
            if m.start >= m.end || m.end > chars.len() {
                bad(format!(
                    "mention {:?} has offsets {}..{} outside the text ({} chars)",
                    m.text,
                    m.start,
                    m.end,
                    chars.len()
                ));
                continue;
            }
            let got: String = chars[m.start..m.end].iter().collect();
            if got != m.text {
                bad(format!(
                    "mention {:?} at {}..{} but the text there is {:?}",
                    m.text, m.start, m.end, got
                ));
            }
            match &m.reference {
                None => bad(format!("mention {:?} at {} has no ref", m.text, m.start)),
                Some(rf) if !surfaces.contains(&fold(rf)) => bad(format!(
                    "ref {rf:?} of {:?} is not the text of any mention",
                    m.text
                )),
                Some(rf) => {
                    refs.insert(fold(rf));
                }
            }
        }
        for e in &r.events {
            for (role, name) in e.kind.names() {
                if !refs.contains(&fold(name)) {
                    bad(format!(
                        "{} {}={name:?} is not the canonical name of any mention",
                        e.kind.type_name(),
                        role.as_str()
                    ));
                }
            }
            if let Some(m) = e.minute.filter(|m| *m > 130) {
                bad(format!("{} minute {m} outside 0..=130", e.kind.type_name()));
            }
        }
        if let Some(m) = &r.match_info {
            for (field, v) in [
                ("home", &m.home),
                ("away", &m.away),
                ("competition", &m.competition),
                ("venue", &m.venue),
            ] {
                if let Some(v) = v.as_ref().filter(|v| !refs.contains(&fold(v))) {
                    bad(format!(
                        "match {field}={v:?} is not the canonical name of any mention"
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    fn goal(scorer: &str, minute: Option<u32>) -> Event {
        Event {
            kind: EventKind::Goal {
                scorer: scorer.into(),
                assister: None,
                team: None,
                penalty: false,
                own_goal: false,
                header: false,
            },
            minute,
            evidence: None,
            score: None,
            by: None,
        }
    }

    fn with_events(id: &str, events: Vec<Event>) -> Record {
        Record {
            id: id.into(),
            events,
            ..Record::default()
        }
    }

    #[test]
    fn two_goals_by_one_player_match_one_to_one() {
        let gold = [with_events(
            "r",
            vec![goal("Harry Kane", Some(10)), goal("Harry Kane", Some(80))],
        )];
        let pred = [with_events(
            "r",
            vec![goal("harry kane", Some(81)), goal("Harry Kane", Some(11))],
        )];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!(
            (r.events.goal.tp, r.events.goal.fp, r.events.goal.fn_),
            (2, 0, 0)
        );
        // Only one predicted goal for two gold goals: recall 0.5.
        let pred = [with_events("r", vec![goal("Harry Kane", None)])];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!((r.events.goal.p, r.events.goal.r), (1.0, 0.5));
    }

    #[test]
    fn a_gold_event_takes_the_prediction_agreeing_on_its_roles() {
        let mut assisted = goal("Kane", None);
        if let EventKind::Goal { assister, .. } = &mut assisted.kind {
            *assister = Some("Son".into());
        }
        let gold = [with_events("r", vec![assisted.clone()])];
        let pred = [with_events("r", vec![goal("Kane", None), assisted])];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!(r.events.roles["assister"].correct, 1);
        assert_eq!((r.events.goal.tp, r.events.goal.fp), (1, 1));
    }

    #[test]
    fn duplicate_predictions_count_as_spurious() {
        let gold = [with_events("r", vec![goal("Kane", Some(10))])];
        let pred = [with_events(
            "r",
            vec![goal("Kane", Some(10)), goal("Kane", Some(10))],
        )];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!((r.events.goal.tp, r.events.goal.fp), (1, 1));
        assert_eq!(r.events.goal.p, 0.5);
    }

    #[test]
    fn minutes_beyond_three_do_not_match_and_unknown_minutes_do() {
        let gold = [with_events(
            "r",
            vec![goal("Kane", Some(10)), goal("Son", Some(50))],
        )];
        let pred = [with_events(
            "r",
            vec![goal("Kane", Some(14)), goal("Son", None)],
        )];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!(
            (r.events.goal.tp, r.events.goal.fp, r.events.goal.fn_),
            (1, 1, 1)
        );
        // Son matched with an unknown minute: the minute accuracy counts it wrong.
        assert_eq!((r.events.minute.correct, r.events.minute.total), (0, 1));
    }

    #[test]
    fn names_fold_accents_case_and_possessives() {
        let gold = [with_events("r", vec![goal("Martin Ødegaard", None)])];
        let pred = [with_events("r", vec![goal("martin odegaard's", None)])];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!(r.events.goal.f1, 1.0);
    }

    #[test]
    fn overlapping_spans_get_partial_credit_only() {
        let gold = [rec(
            r#"{"id":"r","text":"Son Heung-min scored","entities":[{"start":0,"end":13,"label":"PLAYER","text":"Son Heung-min"}]}"#,
        )];
        let pred = [rec(
            r#"{"id":"r","entities":[{"start":0,"end":3,"label":"PLAYER","text":"Son"},{"start":4,"end":13,"label":"PLAYER","text":"Heung-min"}]}"#,
        )];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!(r.entities.strict.tp, 0);
        assert_eq!(
            (r.entities.partial.partial, r.entities.partial.spurious),
            (1, 1)
        );
        assert_eq!(r.entities.partial.r, 0.5);
        assert_eq!(r.entities.partial.p, 0.25);
        assert_eq!(r.errors[0].missed_entities.len(), 1);
        assert!(r.errors[0].missed_entities[0].contains("[Son Heung-min] scored"));
    }

    #[test]
    fn a_report_missing_from_predictions_is_all_missed_and_listed() {
        let gold = [
            rec(
                r#"{"id":"a","text":"Kane","entities":[{"start":0,"end":4,"label":"PLAYER","text":"Kane"}],"events":[],"match":{"home":"X","away":"Y","home_score":1,"away_score":0}}"#,
            ),
            rec(
                r#"{"id":"b","text":"Son","entities":[{"start":0,"end":3,"label":"PLAYER","text":"Son"}]}"#,
            ),
        ];
        let pred = [gold[1].clone(), rec(r#"{"id":"zzz"}"#)];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!(r.reports.missing, vec!["a".to_string()]);
        assert_eq!(r.reports.extra, vec!["zzz".to_string()]);
        assert_eq!((r.entities.strict.tp, r.entities.strict.fn_), (1, 1));
        // "b" has no match in gold and none predicted: right.
        assert_eq!((r.match_.correct, r.match_.total), (1, 2));
    }

    #[test]
    fn a_match_read_from_a_report_that_tells_none_is_wrong() {
        let fixture = r#"{"home":"Chelsea","away":"Everton","home_score":1,"away_score":0}"#;
        let gold = [
            rec(r#"{"id":"transfer story","match":null}"#),
            rec(&format!(r#"{{"id":"report","match":{fixture}}}"#)),
        ];
        let pred = [
            rec(&format!(r#"{{"id":"transfer story","match":{fixture}}}"#)),
            rec(&format!(r#"{{"id":"report","match":{fixture}}}"#)),
        ];
        let r = evaluate(&gold, &pred, &EvalConfig::default());
        assert_eq!((r.match_.correct, r.match_.total), (1, 2));
        assert_eq!(
            r.errors[0].wrong_match.as_deref(),
            Some("gold none | predicted Chelsea 1-0 Everton")
        );
        let r = evaluate(&gold, &gold, &EvalConfig::default());
        assert_eq!((r.match_.correct, r.match_.total), (2, 2));
    }

    #[test]
    fn empty_files_score_without_dividing_by_zero() {
        let r = evaluate(&[], &[], &EvalConfig::default());
        assert_eq!(r.entities.strict.f1, 1.0);
        assert_eq!(r.match_.total, 0);
        let gold = [with_events("r", vec![goal("Kane", None)])];
        let r = evaluate(&gold, &[], &EvalConfig::default());
        assert_eq!(
            (r.events.goal.p, r.events.goal.r, r.events.goal.f1),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn unknown_labels_are_line_errors_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.jsonl");
        std::fs::write(&path, "{\"id\":\"a\",\"entities\":[{\"start\":0,\"end\":1,\"label\":\"STRIKER\",\"text\":\"K\"}]}\n\n{\"id\":\"b\"}\n").unwrap();
        let f = crate::export::read_records(&path).unwrap();
        assert_eq!(f.records.len(), 1);
        assert!(
            f.errors[0].contains("g.jsonl:1") && f.errors[0].contains("STRIKER"),
            "{:?}",
            f.errors
        );
    }

    #[test]
    fn validate_names_each_problem() {
        let r = rec(r#"{"id":"a","text":"Kane scored","entities":[
            {"start":0,"end":4,"label":"PLAYER","text":"Kane","ref":"Kane"},
            {"start":5,"end":9,"label":"PLAYER","text":"Son","ref":"Son"},
            {"start":20,"end":24,"label":"CLUB","text":"Spurs","ref":"Tottenham"}],
            "events":[{"type":"goal","scorer":"Harry Kane","minute":140}]}"#);
        let problems = validate("g.jsonl", &[(7, r)]);
        let all = problems.join("\n");
        assert!(all.contains("g.jsonl:7"));
        assert!(all.contains("the text there is \"scor\""), "{all}");
        assert!(all.contains("outside the text"));
        assert!(all.contains("\"Harry Kane\" is not the canonical name"));
        assert!(all.contains("minute 140"));
    }
}
