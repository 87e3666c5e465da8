//! Reading and writing SPEC records as JSON Lines, and the atomic file every output goes
//! through: data is written to a temporary file beside the target and renamed into place
//! only when complete, so a crash never leaves a half-written output.
//!
//! ```
//! use touchline::doc::Record;
//! use touchline::export::{read_records, AtomicFile};
//! use std::io::Write;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("out.jsonl");
//! let mut out = AtomicFile::create(&path).unwrap();
//! writeln!(out, "{}", serde_json::to_string(&Record { id: "a".into(), ..Record::default() }).unwrap()).unwrap();
//! writeln!(out, "not json").unwrap();
//! out.commit().unwrap();
//!
//! let file = read_records(&path).unwrap();
//! assert_eq!(file.records[0].1.id, "a");
//! assert!(file.errors[0].contains("out.jsonl:2"));
//! ```

use crate::doc::{Doc, Record};
use crate::ner::encode::Encoded;
use crate::tables::{write_tables, TableFormat};
use anyhow::{bail, Context, Result};
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The parsed lines of a JSONL file, with a message for each line that could not be read.
#[derive(Debug, Default)]
pub struct RecordFile {
    /// (1-based line number, record)
    pub records: Vec<(usize, Record)>,
    /// `path:line: reason` for every malformed line; such lines are skipped.
    pub errors: Vec<String>,
}

impl RecordFile {
    /// The records, where every line must parse: for files a result depends on whole
    /// (training data, a run read back), where a silently shortened file would mislead.
    pub fn all(self) -> Result<Vec<Record>> {
        if let Some(e) = self.errors.first() {
            bail!("{e} ({} bad lines in all)", self.errors.len());
        }
        Ok(self.records.into_iter().map(|(_, r)| r).collect())
    }
}

/// Reads a JSONL file of records. Blank lines are ignored; a malformed line is reported
/// by file and line and skipped. Fails only when the file itself cannot be read.
pub fn read_records(path: &Path) -> Result<RecordFile> {
    let mut out = RecordFile::default();
    for line in JsonlLines::open(path)? {
        let (lineno, text) = line?;
        let parsed = text.and_then(|text| {
            serde_json::from_str::<Record>(&text)
                .map_err(|e| format!("{}:{lineno}: {e}", path.display()))
        });
        match parsed {
            Ok(r) => out.records.push((lineno, r)),
            Err(e) => out.errors.push(e),
        }
    }
    Ok(out)
}

/// The non-blank lines of a JSONL file, one at a time, so that a file of any size can be
/// streamed: each is `(1-based line number, text)`, the text being `Err("path:line:
/// reason")` for a line that is not UTF-8. An item is `Err` only when reading fails.
pub struct JsonlLines {
    path: PathBuf,
    lines: std::iter::Enumerate<io::Split<BufReader<File>>>,
}

/// A numbered line of a [`JsonlLines`], or why it cannot be read as text.
pub type NumberedLine = (usize, std::result::Result<String, String>);

impl JsonlLines {
    pub fn open(path: &Path) -> Result<JsonlLines> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        Ok(JsonlLines {
            path: path.to_path_buf(),
            lines: BufReader::new(file).split(b'\n').enumerate(),
        })
    }
}

impl Iterator for JsonlLines {
    type Item = Result<NumberedLine>;

    fn next(&mut self) -> Option<Self::Item> {
        for (i, line) in self.lines.by_ref() {
            let lineno = i + 1;
            let bytes = match line {
                Ok(bytes) => bytes,
                Err(e) => {
                    let path = self.path.display();
                    return Some(Err(e).with_context(|| format!("{path}:{lineno}: read failed")));
                }
            };
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("{}:{lineno}: not valid UTF-8", self.path.display()));
            if text.as_ref().is_ok_and(|t| t.trim().is_empty()) {
                continue;
            }
            return Some(Ok((lineno, text)));
        }
        None
    }
}

/// A file that appears at its path only when `commit` is called.
pub struct AtomicFile {
    target: PathBuf,
    tmp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let tmp = temp_path(target);
        let file = File::create(&tmp).with_context(|| {
            format!("cannot create {} (for {})", tmp.display(), target.display())
        })?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            tmp,
            writer: Some(BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the temporary file onto the target.
    pub fn commit(mut self) -> Result<()> {
        let writer = self.writer.take().expect("writer present until commit");
        let file = writer
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot sync {}", self.tmp.display()))?;
        fs::rename(&self.tmp, &self.target).with_context(|| {
            format!(
                "cannot rename {} to {}",
                self.tmp.display(),
                self.target.display()
            )
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.as_mut().expect("open").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().expect("open").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// `dir/.name.tmp` beside `target`, so the final rename stays on one filesystem.
pub fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.tmp"))
}

/// Writes `contents` to `path` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(contents)
        .with_context(|| format!("cannot write {}", path.display()))?;
    f.commit()
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One SPEC record per line.
    Jsonl,
    /// Word-level BIO tags (`word<TAB>tag`), a `-DOCSTART- id` line per report.
    Conll,
    /// A folder of CSV tables: events, matches, mentions (see [`crate::tables`]).
    Csv,
    /// A folder of Parquet tables, as `Csv`.
    Parquet,
}

impl Format {
    /// The table format, for the formats that write a folder of tables.
    pub fn tables(self) -> Option<TableFormat> {
        match self {
            Format::Csv => Some(TableFormat::Csv),
            Format::Parquet => Some(TableFormat::Parquet),
            Format::Jsonl | Format::Conll => None,
        }
    }
}

/// The output of a batch run. Records go to a partial file beside the target, each line
/// flushed as written; the target appears by rename when the run completes. A killed
/// run leaves the partial file, which `resume` picks up: complete lines are kept, a torn
/// last line is dropped, and their ids are reported as done. For tables (`Csv`,
/// `Parquet`) the partial file holds JSONL records, which become the folder of tables
/// when the run completes.
pub struct OutputWriter {
    target: PathBuf,
    partial: PathBuf,
    out: BufWriter<File>,
    format: Format,
    done: HashSet<String>,
}

impl OutputWriter {
    pub fn open(target: &Path, format: Format, resume: bool) -> Result<OutputWriter> {
        let partial = temp_path(target);
        let mut done = HashSet::new();
        if resume {
            if format == Format::Conll {
                bail!("--resume needs --format jsonl, csv or parquet");
            }
            if !partial.exists() && target.exists() {
                fs::copy(target, &partial).with_context(|| {
                    format!("cannot copy {} to {}", target.display(), partial.display())
                })?;
            }
            if partial.exists() {
                done = keep_complete_lines(&partial)?;
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(resume)
            .write(true)
            .truncate(!resume)
            .open(&partial)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        Ok(OutputWriter {
            target: target.to_path_buf(),
            partial,
            out: BufWriter::new(file),
            format,
            done,
        })
    }

    /// Ids already in the output (from a resumed run).
    pub fn done_ids(&self) -> &HashSet<String> {
        &self.done
    }

    /// One report as this output's lines, not yet written.
    pub fn render(&self, doc: Doc, enc: &Encoded) -> Result<String> {
        Ok(match self.format {
            Format::Jsonl | Format::Csv | Format::Parquet => {
                serde_json::to_string(&doc.into_record())? + "\n"
            }
            Format::Conll => conll_block(&doc, enc),
        })
    }

    /// Writes one rendered report and flushes it to the operating system.
    pub fn write_block(&mut self, block: &str) -> Result<()> {
        self.out
            .write_all(block.as_bytes())
            .and_then(|_| self.out.flush())
            .with_context(|| format!("cannot write {}", self.partial.display()))
    }

    /// Syncs the output and moves it into place; for tables, writes them from the
    /// records and removes the partial file.
    pub fn commit(self) -> Result<()> {
        if let Some(tables) = self.format.tables() {
            drop(self.out);
            let records = read_records(&self.partial)?
                .all()
                .context("cannot read back the records")?;
            write_tables(records, &self.target, tables)?;
            return fs::remove_file(&self.partial)
                .with_context(|| format!("cannot remove {}", self.partial.display()));
        }
        let file = self
            .out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", self.partial.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot sync {}", self.partial.display()))?;
        fs::rename(&self.partial, &self.target).with_context(|| {
            format!(
                "cannot rename {} to {}",
                self.partial.display(),
                self.target.display()
            )
        })
    }
}

/// Truncates a partial JSONL output after its last complete, parseable line and returns
/// the ids it holds.
fn keep_complete_lines(path: &Path) -> Result<HashSet<String>> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let mut ids = HashSet::new();
    let mut keep = 0;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        let complete = line.ends_with(b"\n");
        match serde_json::from_slice::<IdOnly>(line) {
            Ok(r) if complete && !ids.contains(&r.id) => {
                ids.insert(r.id);
                keep += line.len();
            }
            _ => break,
        }
    }
    if keep < bytes.len() {
        tracing::warn!(
            "{}: dropping {} bytes after the last complete record",
            path.display(),
            bytes.len() - keep
        );
        file.set_len(keep as u64)?;
    }
    file.seek(SeekFrom::End(0))?;
    Ok(ids)
}

/// A report as BIO-tagged words: the tokenizer's words, tagged from the mentions.
fn conll_block(doc: &Doc, enc: &Encoded) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = format!("-DOCSTART- {}\n\n", doc.id);
    for span in &enc.word_spans {
        let word: String = chars[span.start.min(chars.len())..span.end.min(chars.len())]
            .iter()
            .collect();
        let tag = match doc
            .mentions
            .iter()
            .find(|m| m.start <= span.start && span.end <= m.end)
        {
            Some(m) if m.start == span.start => format!("B-{}", m.label),
            Some(m) => format!("I-{}", m.label),
            None => "O".to_string(),
        };
        out.push_str(&format!("{word}\t{tag}\n"));
        if matches!(word.as_str(), "." | "!" | "?") {
            out.push('\n');
        }
    }
    out.push('\n');
    out
}
