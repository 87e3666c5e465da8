//! Joining the outputs of `extract --shard K/N` runs into the one file a single unsharded
//! run would have written, byte for byte: records in the order `extract` writes them,
//! each once. The shard files are streamed side by side (a k-way merge), so memory grows
//! with the number of reports only by their ids, never by their records.
//!
//! A shard file out of that order (resumed after reports were added to the folder, or
//! written with `--unordered`) is sorted in memory first.
//!
//! A report in two shard files (a shard run twice, a rerun with another `N`) is kept
//! once when both lines are identical and refused when they differ, since either could
//! be the wrong one. Lines that are not records (a torn last line, garbage) are reported
//! by file and line and skipped. Given the input folder, [`merge`] also lists the
//! reports that no shard wrote. The output appears atomically, like `extract`'s.
//!
//! ```
//! use touchline::merge::{merge, MergeConfig};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let (a, b, out) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"), dir.path().join("all.jsonl"));
//! std::fs::write(&a, "{\"id\":\"r1\",\"source\":\"in/r1.txt\"}\n{\"id\":\"r3\",\"source\":\"in/r3.txt\"}\n").unwrap();
//! std::fs::write(&b, "{\"id\":\"r2\",\"source\":\"in/r2.txt\"}\n{\"id\": \"tor").unwrap();
//!
//! let summary = merge(&[a, b], &out, &MergeConfig::default()).unwrap();
//! assert_eq!(summary.records, 3);
//! assert!(summary.bad_lines[0].ends_with("b.jsonl:2: EOF while parsing a string at line 1 column 11"));
//! let ids: Vec<String> = std::fs::read_to_string(&out).unwrap().lines()
//!     .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect();
//! assert_eq!(ids, ["\"r1\"", "\"r2\"", "\"r3\""]);
//! ```

use crate::export::{AtomicFile, JsonlLines};
use crate::ingest::{self, IngestConfig};
use anyhow::{bail, Context, Result};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What [`merge`] checks besides the shard files themselves.
#[derive(Debug, Clone, Default)]
pub struct MergeConfig {
    /// The folder the shards read: every report in it must be in some shard's output.
    pub expect: Option<PathBuf>,
    /// Which files in `expect` are reports (as `extract` was told).
    pub ingest: IngestConfig,
}

/// What a merge wrote and found.
#[derive(Debug, Clone, Default)]
pub struct MergeSummary {
    /// Records written.
    pub records: usize,
    /// Identical copies of a written record that were left out.
    pub duplicates: usize,
    /// `path:line: reason` for every line that is not a record.
    pub bad_lines: Vec<String>,
    /// `id (path)` of every report in `MergeConfig::expect` that no shard wrote.
    pub missing: Vec<String>,
}

/// Where a record goes in the output. `extract` writes a folder's reports in the byte
/// order of their paths relative to it (see `ingest::discover`); every record's `source`
/// is that relative path behind the folder's, the same for all, so ordering by the
/// source's bytes is ordering by the relative path's. The id comes after only for
/// reports read from stdin, which have no source. Derived `Ord` compares fields in
/// this order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
struct Key {
    #[serde(default)]
    source: Option<String>,
    id: String,
}

/// One record line of a shard file.
struct Entry {
    key: Key,
    line: String,
    lineno: usize,
}

/// A shard file, read record by record in output order.
struct Cursor {
    path: PathBuf,
    lines: Lines,
}

enum Lines {
    /// A file already in output order (as `extract` writes it), streamed.
    Streamed(JsonlLines),
    /// A file out of order, read whole and sorted: one resumed after reports were added
    /// to its folder (they come after the reports it already had) or written with
    /// `--unordered`. It costs that one shard's records in memory.
    Sorted(std::vec::IntoIter<Entry>),
}

impl Cursor {
    /// Opens a shard file; lines that are not records are added to `bad`, once each.
    fn open(path: &Path, bad: &mut Vec<String>) -> Result<Cursor> {
        let lines = if in_order(path)? {
            Lines::Streamed(JsonlLines::open(path)?)
        } else {
            tracing::info!("{}: not in output order; sorting it", path.display());
            let mut lines = JsonlLines::open(path)?;
            let mut entries = Vec::new();
            while let Some(entry) = next_entry(&mut lines, path, bad)? {
                entries.push(entry);
            }
            // Stable, so a report written twice in this file keeps its first copy first.
            entries.sort_by(|a, b| a.key.cmp(&b.key));
            Lines::Sorted(entries.into_iter())
        };
        Ok(Cursor {
            path: path.to_path_buf(),
            lines,
        })
    }

    fn next(&mut self, bad: &mut Vec<String>) -> Result<Option<Entry>> {
        match &mut self.lines {
            Lines::Streamed(lines) => next_entry(lines, &self.path, bad),
            Lines::Sorted(entries) => Ok(entries.next()),
        }
    }
}

/// Whether a file's records are in output order (lines that are not records aside).
fn in_order(path: &Path) -> Result<bool> {
    let mut lines = JsonlLines::open(path)?;
    let mut last: Option<Key> = None;
    // Bad lines are reported when the file is read for merging, not here.
    let mut ignored = Vec::new();
    while let Some(entry) = next_entry(&mut lines, path, &mut ignored)? {
        if last.as_ref().is_some_and(|last| entry.key < *last) {
            return Ok(false);
        }
        last = Some(entry.key);
        ignored.clear();
    }
    Ok(true)
}

/// The next record of `lines`, after any lines that are not records (added to `bad`).
fn next_entry(lines: &mut JsonlLines, path: &Path, bad: &mut Vec<String>) -> Result<Option<Entry>> {
    for line in lines {
        let (lineno, text) = line?;
        let parsed = text.and_then(|line| match serde_json::from_str::<Key>(&line) {
            Ok(key) => Ok(Entry { key, line, lineno }),
            Err(e) => Err(format!("{}:{lineno}: {e}", path.display())),
        });
        match parsed {
            Ok(entry) => return Ok(Some(entry)),
            Err(e) => bad.push(e),
        }
    }
    Ok(None)
}

/// Merges `shards` into `output`. Fails, writing nothing, when a file cannot be read or
/// two files hold different records for one report.
pub fn merge(shards: &[PathBuf], output: &Path, config: &MergeConfig) -> Result<MergeSummary> {
    let mut summary = MergeSummary::default();
    let mut cursors = shards
        .iter()
        .map(|p| Cursor::open(p, &mut summary.bad_lines))
        .collect::<Result<Vec<_>>>()?;
    let mut heads: Vec<Option<Entry>> = Vec::with_capacity(cursors.len());
    let mut queue = BinaryHeap::new();
    for (i, cursor) in cursors.iter_mut().enumerate() {
        let head = cursor.next(&mut summary.bad_lines)?;
        if let Some(entry) = &head {
            queue.push(Reverse((entry.key.clone(), i)));
        }
        heads.push(head);
    }
    let mut out = AtomicFile::create(output)?;
    // Where each written id came from, to name both files when a copy differs.
    let mut written: HashMap<String, (usize, usize)> = HashMap::new();
    let mut last: Option<Entry> = None;
    while let Some(Reverse((_, i))) = queue.pop() {
        let Some(entry) = heads[i].take() else {
            continue;
        };
        heads[i] = cursors[i].next(&mut summary.bad_lines)?;
        if let Some(next) = &heads[i] {
            queue.push(Reverse((next.key.clone(), i)));
        }
        if let Some(&(file, lineno)) = written.get(&entry.key.id) {
            // Equal keys come out of the queue together, so an identical copy is always
            // right after the record it copies.
            if last
                .as_ref()
                .is_some_and(|l| l.key == entry.key && l.line == entry.line)
            {
                summary.duplicates += 1;
                continue;
            }
            bail!(
                "report {} differs between {}:{lineno} and {}:{}; rerun its shard and merge again",
                entry.key.id,
                shards[file].display(),
                shards[i].display(),
                entry.lineno
            );
        }
        out.write_all(entry.line.as_bytes())
            .and_then(|_| out.write_all(b"\n"))
            .with_context(|| format!("cannot write {}", output.display()))?;
        written.insert(entry.key.id.clone(), (i, entry.lineno));
        summary.records += 1;
        last = Some(entry);
    }
    if let Some(dir) = &config.expect {
        let (inputs, errors) = ingest::discover(std::slice::from_ref(dir), &config.ingest);
        if let Some(e) = errors.first() {
            bail!(
                "--expect: cannot list every report in {}: {e}",
                dir.display()
            );
        }
        summary.missing = inputs
            .into_iter()
            .filter(|input| !written.contains_key(&input.id))
            .map(|input| format!("{} ({})", input.id, input.source))
            .collect();
    }
    out.commit()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn line(id: &str, source: &str, extra: &str) -> String {
        format!("{{\"id\":\"{id}\",\"source\":\"in/{source}\",\"text\":\"{extra}\"}}\n")
    }

    fn run(files: &[(&str, String)]) -> (tempfile::TempDir, Result<MergeSummary>, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, body)| {
                let p = dir.path().join(name);
                fs::write(&p, body).unwrap();
                p
            })
            .collect();
        let out = dir.path().join("out.jsonl");
        let result = merge(&paths, &out, &MergeConfig::default());
        (dir, result, out)
    }

    #[test]
    fn records_come_out_in_source_order_not_id_order() {
        // extract lists `m-2.txt` before `m.txt` ('-' < '.'), though id `m` < `m-2`.
        let a = line("m", "m.txt", "") + &line("z", "z.txt", "");
        let b = line("m-2", "m-2.txt", "");
        let (_dir, result, out) = run(&[("a.jsonl", a.clone()), ("b.jsonl", b.clone())]);
        assert_eq!(result.unwrap().records, 3);
        let expected = b + &a;
        assert_eq!(fs::read_to_string(out).unwrap(), expected);
    }

    #[test]
    fn identical_duplicates_collapse_and_differing_ones_are_refused() {
        let a = line("r1", "r1.txt", "same") + &line("r2", "r2.txt", "");
        let b = line("r1", "r1.txt", "same");
        let (_dir, result, out) = run(&[("a.jsonl", a.clone()), ("b.jsonl", b)]);
        let summary = result.unwrap();
        assert_eq!((summary.records, summary.duplicates), (2, 1));
        assert_eq!(fs::read_to_string(out).unwrap(), a);

        let c = line("r1", "r1.txt", "other");
        let (_dir, result, out) = run(&[("a.jsonl", a.clone()), ("c.jsonl", c)]);
        let err = result.unwrap_err().to_string();
        assert!(
            err.contains("report r1 differs")
                && err.contains("a.jsonl:1")
                && err.contains("c.jsonl:1"),
            "{err}"
        );
        assert!(!out.exists(), "nothing written");
        assert!(!crate::export::temp_path(&out).exists());
    }

    #[test]
    fn one_id_from_two_paths_is_refused() {
        let a = line("r1", "x/r1.txt", "");
        let b = line("r1", "y/r1.txt", "");
        let (_dir, result, _) = run(&[("a.jsonl", a), ("b.jsonl", b)]);
        assert!(result
            .unwrap_err()
            .to_string()
            .contains("report r1 differs"));
    }

    #[test]
    fn bad_lines_are_named_by_file_and_line_and_skipped() {
        let a = line("r1", "r1.txt", "") + "garbage\n\n" + &line("r2", "r2.txt", "") + "{\"id\":";
        let (_dir, result, out) = run(&[("a.jsonl", a)]);
        let summary = result.unwrap();
        assert_eq!(summary.records, 2);
        assert_eq!(summary.bad_lines.len(), 2, "{:?}", summary.bad_lines);
        assert!(summary.bad_lines[0].contains("a.jsonl:2: "));
        assert!(summary.bad_lines[1].contains("a.jsonl:5: "));
        assert_eq!(fs::read_to_string(out).unwrap().lines().count(), 2);
    }

    #[test]
    fn a_shard_out_of_order_is_sorted_and_its_bad_lines_reported_once() {
        let a = line("r3", "r3.txt", "") + "garbage\n" + &line("r1", "r1.txt", "");
        let b = line("r2", "r2.txt", "");
        let (_dir, result, out) = run(&[("a.jsonl", a), ("b.jsonl", b)]);
        let summary = result.unwrap();
        assert_eq!(summary.bad_lines.len(), 1, "{:?}", summary.bad_lines);
        assert!(summary.bad_lines[0].contains("a.jsonl:2: "));
        let expected =
            line("r1", "r1.txt", "") + &line("r2", "r2.txt", "") + &line("r3", "r3.txt", "");
        assert_eq!(fs::read_to_string(out).unwrap(), expected);
    }

    #[test]
    fn expect_lists_the_reports_no_shard_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        fs::create_dir_all(input.join("sub")).unwrap();
        for name in ["a.txt", "b.txt", "sub/c.md", "notes.csv"] {
            fs::write(input.join(name), "x").unwrap();
        }
        let shard = dir.path().join("s.jsonl");
        fs::write(&shard, line("b", "b.txt", "")).unwrap();
        let config = MergeConfig {
            expect: Some(input.clone()),
            ..MergeConfig::default()
        };
        let out = dir.path().join("out.jsonl");
        let summary = merge(&[shard], &out, &config).unwrap();
        assert_eq!(summary.missing.len(), 2, "{:?}", summary.missing);
        assert!(summary.missing[0].starts_with("a ("));
        assert!(summary.missing[1].starts_with("sub/c (") && summary.missing[1].ends_with("c.md)"));
        assert!(out.exists(), "what the shards wrote is still merged");
    }
}
