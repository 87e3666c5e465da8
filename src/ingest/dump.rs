//! Reports from dumps: a JSONL file (one JSON object per line) or a CSV file (a header
//! row, then one report per record), each report with an id field and a text field, as
//! newsroom exports come. A dump is read from a file or from stdin (`-`).
//!
//! A line that cannot be read (not JSON, not an object, no text field, a CSV record of
//! the wrong width, not UTF-8) becomes an [`InputError`] naming the file and line, and
//! the others are still read. An id may be a string or an integer.
//!
//! ```
//! use touchline::ingest::dump::{read_dump, DumpFormat};
//! use touchline::ingest::{IngestConfig, Source};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("dump.jsonl");
//! std::fs::write(&path, "{\"id\": \"a\", \"text\": \"Kane scored.\"}\nnot json\n{\"id\": 7, \"text\": \"Son too.\"}\n").unwrap();
//! let rows = read_dump(&Source::File(path), DumpFormat::Jsonl, &IngestConfig::default());
//! let ok: Vec<_> = rows.iter().filter_map(|r| r.as_ref().ok()).map(|r| (r.line, r.id.as_str())).collect();
//! assert_eq!(ok, [(1, "a"), (3, "7")]);
//! assert!(rows[1].as_ref().unwrap_err().reason.contains("dump.jsonl:2"));
//! ```

use super::{IngestConfig, InputError, Source};
use anyhow::{anyhow, bail, Context, Result};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

/// The layout of a dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    Jsonl,
    Csv,
}

/// One report of a dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line where the report starts.
    pub line: usize,
    pub id: String,
    pub text: String,
}

/// Every report of the dump at `source`, in file order, or why a line or the whole file
/// could not be read.
pub fn read_dump(
    source: &Source,
    format: DumpFormat,
    config: &IngestConfig,
) -> Vec<Result<Row, InputError>> {
    let reader: Box<dyn Read> = match source {
        Source::File(path) => match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return vec![Err(InputError::new(source, e.into()))],
        },
        Source::Stdin => Box::new(io::stdin().lock()),
        Source::Record { .. } => {
            return vec![Err(InputError::new(
                source,
                anyhow!("a record is not a dump"),
            ))]
        }
    };
    let at = |line: usize, e: anyhow::Error| InputError::new(format!("{source}:{line}"), e);
    match format {
        DumpFormat::Jsonl => jsonl_rows(reader, config, &at),
        DumpFormat::Csv => csv_rows(reader, config, &at).unwrap_or_else(|e| vec![Err(at(1, e))]),
    }
}

fn jsonl_rows(
    reader: impl Read,
    config: &IngestConfig,
    at: &dyn Fn(usize, anyhow::Error) -> InputError,
) -> Vec<Result<Row, InputError>> {
    let mut rows = Vec::new();
    for (i, bytes) in BufReader::new(reader).split(b'\n').enumerate() {
        let line = i + 1;
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                rows.push(Err(at(line, e.into())));
                break;
            }
        };
        let bytes = if line == 1 {
            bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes)
        } else {
            &bytes
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        rows.push(jsonl_row(bytes, line, config).map_err(|e| at(line, e)));
    }
    rows
}

fn jsonl_row(bytes: &[u8], line: usize, config: &IngestConfig) -> Result<Row> {
    let value: serde_json::Value = serde_json::from_slice(bytes).context("not JSON")?;
    let object = value.as_object().context("not a JSON object")?;
    let field = |name: &str| {
        object
            .get(name)
            .with_context(|| format!("no \"{name}\" field"))
    };
    let id = match field(&config.id_field)? {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        _ => bail!("\"{}\" is not a string or an integer", config.id_field),
    };
    let text = field(&config.text_field)?
        .as_str()
        .with_context(|| format!("\"{}\" is not a string", config.text_field))?
        .to_string();
    Ok(Row { line, id, text })
}

fn csv_rows(
    reader: impl Read,
    config: &IngestConfig,
    at: &dyn Fn(usize, anyhow::Error) -> InputError,
) -> Result<Vec<Result<Row, InputError>>> {
    let mut csv = csv::Reader::from_reader(reader);
    let headers = csv.headers().context("cannot read the header row")?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("no \"{name}\" column in the header row"))
    };
    let (id_col, text_col) = (column(&config.id_field)?, column(&config.text_field)?);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line() as usize;
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line() as usize);
                let get = |col: usize| record.get(col).unwrap_or_default().to_string();
                rows.push(Ok(Row {
                    line,
                    id: get(id_col),
                    text: get(text_col),
                }));
            }
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line() as usize);
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                rows.push(Err(at(line, anyhow!("bad CSV record: {e}"))));
                if fatal {
                    break;
                }
            }
        }
    }
    Ok(rows)
}
