//! Analysis tables from SPEC records, for pandas, polars, DuckDB or a spreadsheet: a
//! folder with one file per table, as CSV or Parquet.
//!
//! - `events`: one row per event: report id, type, minute, every role's name with the
//!   char offsets of the mention that names it in the event's evidence (else the first
//!   in the report), the card, the goal flags (penalty, own goal, header), the score
//!   after each goal, the evidence offsets, the confidence and what read it.
//! - `matches`: one row per report: sides, score, competition, venue, counts, warnings.
//! - `mentions`: one row per mention: label, text, offsets, confidence, canonical name,
//!   roles.
//!
//! Every file is written atomically (see [`crate::export::AtomicFile`]).
//!
//! ```
//! use touchline::doc::Record;
//! use touchline::tables::{write_tables, TableFormat};
//!
//! let line = r#"{"id":"r1","text":"Kane scored.","entities":[{"start":0,"end":4,"label":"PLAYER","text":"Kane","ref":"Harry Kane"}],
//!   "events":[{"type":"goal","scorer":"Harry Kane","minute":9,"evidence":[0,12]}],"match":null}"#;
//! let record: Record = serde_json::from_str(line).unwrap();
//! let dir = tempfile::tempdir().unwrap();
//! let counts = write_tables(vec![record], dir.path(), TableFormat::Csv).unwrap();
//! assert_eq!((counts.matches, counts.events, counts.mentions), (1, 1, 1));
//! let events = std::fs::read_to_string(dir.path().join("events.csv")).unwrap();
//! assert!(events.lines().nth(1).unwrap().starts_with("r1,0,goal,9,Harry Kane,0,4,"));
//! ```

use crate::doc::{EventKind, Label, Mention, Record, Role};
use crate::export::AtomicFile;
use anyhow::{Context, Result};
use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use std::path::Path;
use std::sync::Arc;

/// The file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Csv,
    Parquet,
}

impl TableFormat {
    fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Parquet => "parquet",
        }
    }
}

/// Rows written to each table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableCounts {
    pub matches: usize,
    pub events: usize,
    pub mentions: usize,
}

/// Roles that name a person or side, each given a name column and two offset columns in
/// `events`.
const ROLES: [Role; 8] = [
    Role::Scorer,
    Role::Assister,
    Role::Team,
    Role::Goalkeeper,
    Role::Shooter,
    Role::Player,
    Role::PlayerIn,
    Role::PlayerOut,
];

/// Rows buffered per table before they go to the file (one Parquet row group each).
const ROWS_PER_BATCH: usize = 8192;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Str,
    Int,
    Float,
    Bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Null,
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Cell {
    fn str(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, |s| Cell::Str(s.to_string()))
    }
    fn int(n: Option<impl Into<i64>>) -> Cell {
        n.map_or(Cell::Null, |n| Cell::Int(n.into()))
    }
    fn offset(n: Option<usize>) -> Cell {
        n.and_then(|n| i64::try_from(n).ok())
            .map_or(Cell::Null, Cell::Int)
    }
    /// Through the shortest decimal that reads back as `x`, so 0.97 stays 0.97 rather
    /// than becoming 0.9700000286102295.
    fn float(x: Option<f32>) -> Cell {
        x.and_then(|x| x.to_string().parse().ok())
            .map_or(Cell::Null, Cell::Float)
    }
    fn bool(b: Option<bool>) -> Cell {
        b.map_or(Cell::Null, Cell::Bool)
    }

    fn csv_field(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Str(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => x.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

fn matches_columns() -> Vec<(String, Kind)> {
    [
        ("report_id", Kind::Str),
        ("source", Kind::Str),
        ("home", Kind::Str),
        ("away", Kind::Str),
        ("home_score", Kind::Int),
        ("away_score", Kind::Int),
        ("competition", Kind::Str),
        ("venue", Kind::Str),
        ("mentions", Kind::Int),
        ("events", Kind::Int),
        ("goals", Kind::Int),
        ("warnings", Kind::Str),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect()
}

fn mentions_columns() -> Vec<(String, Kind)> {
    [
        ("report_id", Kind::Str),
        ("mention", Kind::Int),
        ("label", Kind::Str),
        ("text", Kind::Str),
        ("start", Kind::Int),
        ("end", Kind::Int),
        ("confidence", Kind::Float),
        ("ref", Kind::Str),
        ("roles", Kind::Str),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect()
}

fn events_columns() -> Vec<(String, Kind)> {
    let mut columns: Vec<(String, Kind)> = [
        ("report_id", Kind::Str),
        ("event", Kind::Int),
        ("type", Kind::Str),
        ("minute", Kind::Int),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect();
    for role in ROLES {
        let r = role.as_str();
        columns.push((r.to_string(), Kind::Str));
        columns.push((format!("{r}_start"), Kind::Int));
        columns.push((format!("{r}_end"), Kind::Int));
    }
    columns.extend(
        [
            ("card", Kind::Str),
            ("penalty", Kind::Bool),
            ("own_goal", Kind::Bool),
            ("header", Kind::Bool),
            ("home_score_after", Kind::Int),
            ("away_score_after", Kind::Int),
            ("evidence_start", Kind::Int),
            ("evidence_end", Kind::Int),
            ("confidence", Kind::Float),
            ("by", Kind::Str),
        ]
        .into_iter()
        .map(|(n, k)| (n.to_string(), k)),
    );
    columns
}

/// Writes `records` as the three tables into `dir` (created if missing).
pub fn write_tables(
    records: impl IntoIterator<Item = Record>,
    dir: &Path,
    format: TableFormat,
) -> Result<TableCounts> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut matches = TableWriter::create(dir, "matches", matches_columns(), format)?;
    let mut events = TableWriter::create(dir, "events", events_columns(), format)?;
    let mut mentions = TableWriter::create(dir, "mentions", mentions_columns(), format)?;
    for record in records {
        matches.push(match_row(&record))?;
        for row in event_rows(&record) {
            events.push(row)?;
        }
        for (i, m) in record.entities.iter().enumerate() {
            mentions.push(mention_row(&record.id, i, m))?;
        }
    }
    Ok(TableCounts {
        matches: matches.finish()?,
        events: events.finish()?,
        mentions: mentions.finish()?,
    })
}

fn match_row(record: &Record) -> Vec<Cell> {
    let info = record.match_info.clone().unwrap_or_default();
    let goals = record
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Goal { .. }))
        .count();
    let count = |n: usize| Cell::offset(Some(n));
    vec![
        Cell::Str(record.id.clone()),
        Cell::str(record.source.as_deref()),
        Cell::str(info.home.as_deref()),
        Cell::str(info.away.as_deref()),
        Cell::int(info.home_score),
        Cell::int(info.away_score),
        Cell::str(info.competition.as_deref()),
        Cell::str(info.venue.as_deref()),
        count(record.entities.len()),
        count(record.events.len()),
        count(goals),
        Cell::str(
            (!record.warnings.is_empty())
                .then(|| record.warnings.join("; "))
                .as_deref(),
        ),
    ]
}

fn mention_row(id: &str, index: usize, m: &Mention) -> Vec<Cell> {
    let roles: Vec<&str> = m.roles.iter().map(|r| r.as_str()).collect();
    vec![
        Cell::Str(id.to_string()),
        Cell::offset(Some(index)),
        Cell::Str(m.label.to_string()),
        Cell::Str(m.text.clone()),
        Cell::offset(Some(m.start)),
        Cell::offset(Some(m.end)),
        Cell::float(m.score),
        Cell::str(m.reference.as_deref()),
        Cell::str((!roles.is_empty()).then(|| roles.join(",")).as_deref()),
    ]
}

/// The running score after each goal, in match order (by minute, goals without one in
/// record order after them), by event index. A goal whose side is not one of the match's
/// two sides leaves this goal and every later one without a score.
fn scores_after(record: &Record) -> Vec<Option<(u32, u32)>> {
    let mut out = vec![None; record.events.len()];
    let Some(info) = &record.match_info else {
        return out;
    };
    let mut order: Vec<usize> = (0..record.events.len()).collect();
    order.sort_by_key(|&i| {
        let m = record.events[i].minute;
        (m.is_none(), m)
    });
    let (mut home, mut away) = (0, 0);
    for i in order {
        let EventKind::Goal { team, .. } = &record.events[i].kind else {
            continue;
        };
        match team.as_deref() {
            Some(t) if info.home.as_deref() == Some(t) => home += 1,
            Some(t) if info.away.as_deref() == Some(t) => away += 1,
            _ => break,
        }
        out[i] = Some((home, away));
    }
    out
}

/// The mention naming `name` in the role `role`: within `evidence` if one does, else
/// the report's first.
fn mention_of<'r>(
    record: &'r Record,
    role: Role,
    name: &str,
    evidence: Option<[usize; 2]>,
) -> Option<&'r Mention> {
    let fits = |m: &&Mention| {
        let side = matches!(m.label, Label::Club | Label::Team);
        m.canonical() == name && side == (role == Role::Team)
    };
    let inside = |m: &&Mention| evidence.is_some_and(|[s, e]| s <= m.start && m.end <= e);
    record
        .entities
        .iter()
        .filter(fits)
        .find(inside)
        .or_else(|| record.entities.iter().find(fits))
}

fn event_rows(record: &Record) -> Vec<Vec<Cell>> {
    let scores = scores_after(record);
    record
        .events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let mut row = vec![
                Cell::Str(record.id.clone()),
                Cell::offset(Some(i)),
                Cell::Str(event.kind.type_name().to_string()),
                Cell::int(event.minute),
            ];
            let names = event.kind.names();
            for role in ROLES {
                let name = names.iter().find(|(r, _)| *r == role).map(|(_, n)| *n);
                let mention = name.and_then(|n| mention_of(record, role, n, event.evidence));
                row.push(Cell::str(name));
                row.push(Cell::offset(mention.map(|m| m.start)));
                row.push(Cell::offset(mention.map(|m| m.end)));
            }
            let (card, flags) = match &event.kind {
                EventKind::Card { card, .. } => (Some(card.as_str()), None),
                EventKind::Goal {
                    penalty,
                    own_goal,
                    header,
                    ..
                } => (None, Some((*penalty, *own_goal, *header))),
                _ => (None, None),
            };
            row.extend([
                Cell::str(card),
                Cell::bool(flags.map(|f| f.0)),
                Cell::bool(flags.map(|f| f.1)),
                Cell::bool(flags.map(|f| f.2)),
                Cell::int(scores[i].map(|s| s.0)),
                Cell::int(scores[i].map(|s| s.1)),
                Cell::offset(event.evidence.map(|e| e[0])),
                Cell::offset(event.evidence.map(|e| e[1])),
                Cell::float(event.score),
                Cell::str(event.by.as_deref()),
            ]);
            row
        })
        .collect()
}

/// One table's file, written as rows come.
struct TableWriter {
    columns: Vec<(String, Kind)>,
    rows: Vec<Vec<Cell>>,
    written: usize,
    sink: Sink,
}

enum Sink {
    Csv(Box<csv::Writer<AtomicFile>>),
    Parquet(Arc<Schema>, Box<ArrowWriter<AtomicFile>>),
}

impl TableWriter {
    fn create(
        dir: &Path,
        name: &str,
        columns: Vec<(String, Kind)>,
        format: TableFormat,
    ) -> Result<TableWriter> {
        let path = dir.join(format!("{name}.{}", format.extension()));
        let file = AtomicFile::create(&path)?;
        let sink = match format {
            TableFormat::Csv => {
                let mut w = csv::Writer::from_writer(file);
                w.write_record(columns.iter().map(|(n, _)| n))
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Sink::Csv(Box::new(w))
            }
            TableFormat::Parquet => {
                let fields: Vec<Field> = columns
                    .iter()
                    .map(|(n, k)| {
                        let t = match k {
                            Kind::Str => DataType::Utf8,
                            Kind::Int => DataType::Int64,
                            Kind::Float => DataType::Float64,
                            Kind::Bool => DataType::Boolean,
                        };
                        Field::new(n, t, true)
                    })
                    .collect();
                let schema = Arc::new(Schema::new(fields));
                let w = ArrowWriter::try_new(file, schema.clone(), None)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Sink::Parquet(schema, Box::new(w))
            }
        };
        Ok(TableWriter {
            columns,
            rows: Vec::new(),
            written: 0,
            sink,
        })
    }

    fn push(&mut self, row: Vec<Cell>) -> Result<()> {
        self.rows.push(row);
        if self.rows.len() >= ROWS_PER_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let rows = std::mem::take(&mut self.rows);
        self.written += rows.len();
        match &mut self.sink {
            Sink::Csv(w) => {
                for row in rows {
                    w.write_record(row.iter().map(Cell::csv_field))?;
                }
            }
            Sink::Parquet(schema, w) if !rows.is_empty() => {
                let arrays = self
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(c, (_, kind))| column_array(&rows, c, *kind))
                    .collect();
                w.write(&RecordBatch::try_new(schema.clone(), arrays)?)?;
            }
            Sink::Parquet(..) => {}
        }
        Ok(())
    }

    /// Writes what is buffered, closes the file and moves it into place.
    fn finish(mut self) -> Result<usize> {
        self.flush()?;
        let file = match self.sink {
            Sink::Csv(w) => w.into_inner().map_err(|e| e.into_error())?,
            Sink::Parquet(_, w) => w.into_inner()?,
        };
        file.commit()?;
        Ok(self.written)
    }
}

/// Column `c` of `rows` as an Arrow array of `kind`; a cell of another kind is null.
fn column_array(rows: &[Vec<Cell>], c: usize, kind: Kind) -> ArrayRef {
    let cells = rows.iter().map(|r| r.get(c).unwrap_or(&Cell::Null));
    match kind {
        Kind::Str => Arc::new(
            cells
                .map(|v| match v {
                    Cell::Str(s) => Some(s.as_str()),
                    _ => None,
                })
                .collect::<StringArray>(),
        ),
        Kind::Int => Arc::new(
            cells
                .map(|v| match v {
                    Cell::Int(n) => Some(*n),
                    _ => None,
                })
                .collect::<Int64Array>(),
        ),
        Kind::Float => Arc::new(
            cells
                .map(|v| match v {
                    Cell::Float(x) => Some(*x),
                    _ => None,
                })
                .collect::<Float64Array>(),
        ),
        Kind::Bool => Arc::new(
            cells
                .map(|v| match v {
                    Cell::Bool(b) => Some(*b),
                    _ => None,
                })
                .collect::<BooleanArray>(),
        ),
    }
}
