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

use crate::doc::Record;
use anyhow::{Context, Result};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The parsed lines of a JSONL file, with a message for each line that could not be read.
#[derive(Debug, Default)]
pub struct RecordFile {
    /// (1-based line number, record)
    pub records: Vec<(usize, Record)>,
    /// `path:line: reason` for every malformed line; such lines are skipped.
    pub errors: Vec<String>,
}

/// Reads a JSONL file of records. Blank lines are ignored; a malformed line is reported
/// by file and line and skipped. Fails only when the file itself cannot be read.
pub fn read_records(path: &Path) -> Result<RecordFile> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut out = RecordFile::default();
    for (i, line) in BufReader::new(file).split(b'\n').enumerate() {
        let lineno = i + 1;
        let bytes = line.with_context(|| format!("{}:{lineno}: read failed", path.display()))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            out.errors
                .push(format!("{}:{lineno}: not valid UTF-8", path.display()));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(text) {
            Ok(r) => out.records.push((lineno, r)),
            Err(e) => out
                .errors
                .push(format!("{}:{lineno}: {}", path.display(), e)),
        }
    }
    Ok(out)
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
