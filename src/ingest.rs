//! Turns the paths a user names into report texts: [`discover`] lists the reports under
//! files and folders (and stdin, `-`), giving each a stable, unique id; [`read`] loads one,
//! decodes it and refuses what is not a report.
//!
//! The text a [`Doc`] carries is the report *after* decoding and line-ending normalisation
//! (CRLF and lone CR become LF, a byte-order mark is dropped). Every char offset touchline
//! writes refers to that text, which is also what it outputs as `text`, so a report saved
//! with Windows line endings yields offsets into its LF form, not into the file's bytes.
//!
//! Ids: a file found by walking a folder is named by its path relative to that folder,
//! without extension and with `/` separators (`sub/b` for `folder/sub/b.txt`); a file named
//! directly is named by its stem; stdin is `stdin`. So an id does not depend on which other
//! reports are present, except when two inputs would share one: then the later is named
//! by its path as given (`b/x` for `b/x.txt` after `a/x.txt`), and should that be taken
//! too, by that path with `~2`, `~3`, ... appended.
//!
//! With [`InputFormat::Jsonl`] or [`InputFormat::Csv`] every path (or `-`) is a dump of
//! many reports instead (see [`dump`]): each report's id is its id field, and a report
//! is named in errors by its dump and line (`dump.jsonl:12`). Ids shared by two reports
//! are made unique as above, the later named by its dump and line.
//!
//! ```
//! use touchline::ingest::{discover, read, IngestConfig};
//!
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::create_dir(dir.path().join("cup")).unwrap();
//! std::fs::write(dir.path().join("cup/final.txt"), "Kane scored.\r\nSpurs won.\r\n").unwrap();
//! std::fs::write(dir.path().join("notes.csv"), "not a report").unwrap();
//!
//! let config = IngestConfig::default();
//! let (inputs, errors) = discover(&[dir.path().to_path_buf()], &config);
//! assert!(errors.is_empty());
//! assert_eq!(inputs.len(), 1);
//! let doc = read(&inputs[0], &config).unwrap();
//! assert_eq!(doc.id, "cup/final");
//! assert_eq!(doc.text, "Kane scored.\nSpurs won.\n");
//! ```

pub mod dump;

use crate::doc::Doc;
use anyhow::{bail, ensure, Context, Result};
use dump::DumpFormat;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// How a NUL byte this early marks a file as binary: enough to catch images and archives
/// without scanning all of a large file.
const SNIFF_BYTES: usize = 8 * 1024;

/// Share of control bytes above which text that is not UTF-8 is taken for binary data
/// rather than a legacy-encoded report.
const MAX_CONTROL_SHARE: f64 = 0.3;

const WINDOWS_1252_WARNING: &str = "decoded as Windows-1252";

/// Which files count as reports and how large one may be.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    /// Extensions (without the dot) of the files taken from a folder, compared
    /// case-insensitively. Files named directly are taken whatever their extension.
    pub extensions: Vec<String>,
    /// Largest report read, in bytes; larger ones are refused rather than truncated.
    pub max_bytes: u64,
    /// Whether each path is a report (or a folder of them) or a dump of many.
    pub format: InputFormat,
    /// The field (JSONL) or column (CSV) of a dump holding a report's id.
    pub id_field: String,
    /// The field or column of a dump holding a report's text.
    pub text_field: String,
}

impl Default for IngestConfig {
    fn default() -> IngestConfig {
        IngestConfig {
            extensions: vec!["txt".into(), "md".into()],
            max_bytes: 2 * 1024 * 1024,
            format: InputFormat::Files,
            id_field: "id".into(),
            text_field: "text".into(),
        }
    }
}

/// How the paths given to `extract` hold reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// Report files, and folders walked for them.
    Files,
    /// JSONL dumps: one JSON object per line with an id and a text field.
    Jsonl,
    /// CSV dumps with a header row naming an id and a text column.
    Csv,
}

/// One report to read, with the id its record will carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub id: String,
    pub source: Source,
}

/// Where a report's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file, by the path as given or as found under a given folder.
    File(PathBuf),
    Stdin,
    /// A report of a dump, read when the dump was listed; `origin` is `dump:line`.
    Record {
        origin: String,
        text: String,
    },
}

impl Source {
    /// The id a report gets when its natural id is taken: its whole path, which differs
    /// between any two files, so only the same path twice (listed once) could clash.
    fn qualified_id(&self) -> String {
        match self {
            Source::File(path) => id_of(path),
            Source::Stdin => "stdin".into(),
            Source::Record { origin, .. } => origin.clone(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("<stdin>"),
            Source::Record { origin, .. } => f.write_str(origin),
        }
    }
}

/// An input that could not be listed or read. Never fatal: the caller reports it and
/// goes on with the other inputs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputError {
    pub path: String,
    /// What went wrong, starting with the path so that it reads on its own.
    pub reason: String,
}

impl InputError {
    fn new(path: impl fmt::Display, cause: anyhow::Error) -> InputError {
        let path = path.to_string();
        let reason = format!("{:#}", cause.context(path.clone()));
        InputError { path, reason }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for InputError {}

/// Lists the reports under `paths`, in the order given; each folder's reports come in
/// byte order of their paths. `-` means stdin. Files named directly are taken whatever
/// their extension; in folders only files with one of `config.extensions` are, and
/// hidden entries (names starting with `.`) are skipped. Symlinked folders are not
/// entered, so links cannot make the walk loop. A path listed twice is read once.
///
/// A missing path or a folder that cannot be listed becomes an [`InputError`] and the
/// walk goes on.
pub fn discover(paths: &[PathBuf], config: &IngestConfig) -> (Vec<Input>, Vec<InputError>) {
    let mut listing = Listing::default();
    for path in paths {
        listing.add_root(path, config);
    }
    (listing.inputs, listing.errors)
}

#[derive(Default)]
struct Listing {
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    ids: HashSet<String>,
    sources: HashSet<Source>,
}

impl Listing {
    fn add_root(&mut self, root: &Path, config: &IngestConfig) {
        let dump = match config.format {
            InputFormat::Files => None,
            InputFormat::Jsonl => Some(DumpFormat::Jsonl),
            InputFormat::Csv => Some(DumpFormat::Csv),
        };
        if let Some(format) = dump {
            let source = if root == Path::new("-") {
                Source::Stdin
            } else {
                Source::File(root.to_path_buf())
            };
            for row in dump::read_dump(&source, format, config) {
                match row {
                    Ok(row) => {
                        let origin = format!("{source}:{}", row.line);
                        self.add(
                            Source::Record {
                                origin,
                                text: row.text,
                            },
                            row.id,
                        );
                    }
                    Err(e) => self.errors.push(e),
                }
            }
            return;
        }
        if root == Path::new("-") {
            self.add(Source::Stdin, "stdin".into());
            return;
        }
        match fs::metadata(root) {
            Err(err) => self
                .errors
                .push(InputError::new(root.display(), err.into())),
            Ok(meta) if meta.is_dir() => {
                for relative in walk(root, config, &mut self.errors) {
                    self.add(Source::File(root.join(&relative)), id_of(&relative));
                }
            }
            Ok(_) => {
                let name = root.file_name().map_or(root, Path::new);
                self.add(Source::File(root.to_path_buf()), id_of(name));
            }
        }
    }

    fn add(&mut self, source: Source, natural_id: String) {
        if !self.sources.insert(source.clone()) {
            return;
        }
        let id = self.claim_id(natural_id, &source);
        self.inputs.push(Input { id, source });
    }

    fn claim_id(&mut self, natural_id: String, source: &Source) -> String {
        let qualified = source.qualified_id();
        let mut id = if self.ids.contains(&natural_id) {
            qualified.clone()
        } else {
            natural_id
        };
        let mut n = 1;
        while self.ids.contains(&id) {
            n += 1;
            id = format!("{qualified}~{n}");
        }
        self.ids.insert(id.clone());
        id
    }
}

/// The reports under `root`, as paths relative to it, sorted by their bytes.
fn walk(root: &Path, config: &IngestConfig, errors: &mut Vec<InputError>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    visit(root, Path::new(""), config, &mut found, errors);
    found.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    found
}

fn visit(
    root: &Path,
    relative: &Path,
    config: &IngestConfig,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<InputError>,
) {
    let dir = root.join(relative);
    let entries = match sorted_entries(&dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(InputError::new(dir.display(), err));
            return;
        }
    };
    for (name, kind) in entries {
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = relative.join(&name);
        // `DirEntry::file_type` does not follow links, so a linked folder is not a
        // folder here and cannot lead the walk in circles.
        if kind.is_dir() {
            visit(root, &path, config, found, errors);
        } else if (kind.is_file() || kind.is_symlink()) && has_report_extension(&path, config) {
            found.push(path);
        }
    }
}

/// Sorted so that errors, like reports, come in the same order on every run.
fn sorted_entries(dir: &Path) -> Result<Vec<(OsString, fs::FileType)>> {
    let mut entries = fs::read_dir(dir)?
        .map(|entry| entry.and_then(|e| Ok((e.file_name(), e.file_type()?))))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

fn has_report_extension(path: &Path, config: &IngestConfig) -> bool {
    path.extension().and_then(OsStr::to_str).is_some_and(|ext| {
        config
            .extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
    })
}

/// `path` without its extension, its parts joined by `/` whatever the platform, so ids
/// read the same everywhere; `.` parts and the root are dropped as they name nothing.
fn id_of(path: &Path) -> String {
    path.with_extension("")
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy()),
            Component::ParentDir => Some("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one report into a [`Doc`] with `input.id` as id and the file's path as source
/// (none for stdin). Refuses, with an [`InputError`] saying why, a report over
/// `config.max_bytes`, a binary file and an empty or whitespace-only one.
///
/// UTF-8 and, given a byte-order mark, UTF-16 are decoded as such; anything else is read
/// as Windows-1252 (which covers Latin-1), with a warning on the doc since the guess may
/// be wrong. Line endings become LF; see the module notes on offsets.
pub fn read(input: &Input, config: &IngestConfig) -> Result<Doc, InputError> {
    load(input, config).map_err(|err| InputError::new(&input.source, err))
}

fn load(input: &Input, config: &IngestConfig) -> Result<Doc> {
    let bytes = read_bytes(&input.source, config.max_bytes)?;
    let (text, warning) = decode(&bytes)?;
    let text = normalise_line_endings(&text);
    ensure!(!text.trim().is_empty(), "empty report");
    let mut doc = Doc::new(&input.id, text);
    match &input.source {
        Source::File(path) => doc.source = Some(path.display().to_string()),
        Source::Record { origin, .. } => doc.source = Some(origin.clone()),
        Source::Stdin => {}
    }
    doc.warnings.extend(warning.map(String::from));
    Ok(doc)
}

fn read_bytes(source: &Source, limit: u64) -> Result<Vec<u8>> {
    match source {
        Source::File(path) => {
            let file = File::open(path)?;
            // Checked up front so that a huge file is refused without being read.
            check_size(file.metadata()?.len(), limit)?;
            read_capped(file, limit)
        }
        Source::Stdin => read_capped(io::stdin().lock(), limit),
        Source::Record { text, .. } => {
            check_size(text.len() as u64, limit)?;
            Ok(text.as_bytes().to_vec())
        }
    }
}

/// Reads all of `reader` but keeps at most `limit + 1` bytes in memory: past the limit
/// the rest is only counted, so the refusal can give the true size.
fn read_capped(mut reader: impl Read, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let mut size = bytes.len() as u64;
    if size > limit {
        size += io::copy(&mut reader, &mut io::sink())?;
    }
    check_size(size, limit)?;
    Ok(bytes)
}

fn check_size(size: u64, limit: u64) -> Result<()> {
    ensure!(
        size <= limit,
        "{size} bytes, over the limit of {limit} bytes"
    );
    Ok(())
}

/// The text of `bytes` and, when its encoding was guessed, a warning saying so.
fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>)> {
    let bom = Encoding::for_bom(bytes);
    // UTF-16 is full of NUL bytes, so only its byte-order mark can vouch for it.
    let utf16 = bom.is_some_and(|(encoding, _)| encoding != UTF_8);
    if !utf16 && bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        bail!("binary file (contains NUL bytes)");
    }
    if let Some((encoding, bom_len)) = bom {
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
            .with_context(|| format!("invalid {} after its byte-order mark", encoding.name()))?;
        return Ok((text.into_owned(), None));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), None));
    }
    ensure!(!mostly_control(bytes), "binary file (mostly control bytes)");
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), Some(WINDOWS_1252_WARNING)))
}

fn mostly_control(bytes: &[u8]) -> bool {
    let control = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
        .count();
    control as f64 > MAX_CONTROL_SHARE * bytes.len() as f64
}

fn normalise_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    fn tree(files: &[(&str, &[u8])]) -> TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        dir
    }

    fn ids(inputs: &[Input]) -> Vec<&str> {
        inputs.iter().map(|i| i.id.as_str()).collect()
    }

    fn read_bytes_as_report(bytes: &[u8]) -> Result<Doc, InputError> {
        read_with(bytes, &IngestConfig::default())
    }

    fn read_with(bytes: &[u8], config: &IngestConfig) -> Result<Doc, InputError> {
        let dir = tree(&[("report.txt", bytes)]);
        let path = dir.path().join("report.txt");
        let (inputs, errors) = discover(&[path], config);
        assert!(errors.is_empty(), "{errors:?}");
        read(&inputs[0], config)
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xfe, 0xff]
        } else {
            vec![0xff, 0xfe]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf8_byte_order_mark_is_dropped() {
        let doc = read_bytes_as_report(b"\xef\xbb\xbfSaka crossed.").unwrap();
        assert_eq!(doc.text, "Saka crossed.");
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn utf16_with_byte_order_mark_is_decoded() {
        let text = "Ødegaard curled it in.";
        for big_endian in [false, true] {
            let doc = read_bytes_as_report(&utf16(text, big_endian)).unwrap();
            assert_eq!(doc.text, text);
            assert!(doc.warnings.is_empty());
        }
    }

    #[test]
    fn non_utf8_falls_back_to_windows_1252_with_a_warning() {
        let doc = read_bytes_as_report(b"M\xfcller headed home \x93late\x94.").unwrap();
        assert_eq!(doc.text, "Müller headed home \u{201c}late\u{201d}.");
        assert_eq!(doc.warnings, [WINDOWS_1252_WARNING]);
    }

    #[test]
    fn line_endings_become_lf() {
        let doc = read_bytes_as_report(b"First half.\r\nSecond half.\rFull time.\n").unwrap();
        assert_eq!(doc.text, "First half.\nSecond half.\nFull time.\n");
    }

    #[test]
    fn empty_and_whitespace_only_reports_are_refused() {
        for bytes in [&b""[..], b" \r\n\t\n", b"\xef\xbb\xbf\n"] {
            let err = read_bytes_as_report(bytes).unwrap_err();
            assert!(err.reason.ends_with("empty report"), "{}", err.reason);
            assert!(err.reason.contains("report.txt"), "{}", err.reason);
        }
    }

    #[test]
    fn nul_bytes_mark_a_file_as_binary() {
        let err = read_bytes_as_report(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(err.reason.contains("binary"), "{}", err.reason);
    }

    #[test]
    fn mostly_control_bytes_mark_a_file_as_binary() {
        let err = read_bytes_as_report(b"\x01\x02\x03\xff\x04\x05ab").unwrap_err();
        assert!(err.reason.contains("binary"), "{}", err.reason);
    }

    #[test]
    fn a_report_over_the_limit_is_refused_with_its_size() {
        let config = IngestConfig {
            max_bytes: 16,
            ..IngestConfig::default()
        };
        assert!(read_with(&[b'a'; 16], &config).is_ok());
        let err = read_with(&[b'a'; 17], &config).unwrap_err();
        assert!(err.reason.contains("17 bytes"), "{}", err.reason);
        assert!(err.reason.contains("16 bytes"), "{}", err.reason);
    }

    #[test]
    fn a_stream_over_the_limit_reports_its_whole_size() {
        let err = read_capped(&[b'a'; 100][..], 10).unwrap_err();
        assert!(err.to_string().starts_with("100 bytes"), "{err}");
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), b"abc");
    }

    #[test]
    fn folders_are_walked_in_byte_order_with_relative_ids() {
        let dir = tree(&[
            ("sub/b.txt", b"b"),
            ("a.txt", b"a"),
            ("sub-c.txt", b"c"),
            ("sub/deeper/d.md", b"d"),
        ]);
        let (inputs, errors) = discover(&[dir.path().to_path_buf()], &IngestConfig::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(ids(&inputs), ["a", "sub-c", "sub/b", "sub/deeper/d"]);
        let doc = read(&inputs[2], &IngestConfig::default()).unwrap();
        let source = dir.path().join("sub/b.txt").display().to_string();
        assert_eq!(doc.source, Some(source));
    }

    #[test]
    fn only_listed_extensions_are_taken_from_folders_whatever_their_case() {
        let dir = tree(&[
            ("a.MD", b"a"),
            ("b.Txt", b"b"),
            ("c.csv", b"c"),
            ("d", b"d"),
        ]);
        let (inputs, _) = discover(&[dir.path().to_path_buf()], &IngestConfig::default());
        assert_eq!(ids(&inputs), ["a", "b"]);
    }

    #[test]
    fn files_named_directly_are_taken_whatever_their_extension() {
        let dir = tree(&[("notes/match.csv", b"x")]);
        let (inputs, _) = discover(
            &[dir.path().join("notes/match.csv")],
            &IngestConfig::default(),
        );
        assert_eq!(ids(&inputs), ["match"]);
    }

    #[test]
    fn hidden_files_and_folders_are_skipped() {
        let dir = tree(&[
            (".draft.txt", b"x"),
            (".git/x.txt", b"x"),
            ("kept.txt", b"x"),
        ]);
        let (inputs, _) = discover(&[dir.path().to_path_buf()], &IngestConfig::default());
        assert_eq!(ids(&inputs), ["kept"]);
    }

    #[test]
    fn a_missing_path_is_an_error_and_the_rest_is_still_listed() {
        let dir = tree(&[("a.txt", b"a")]);
        let missing = dir.path().join("missing.txt");
        let (inputs, errors) = discover(
            &[missing.clone(), dir.path().to_path_buf()],
            &IngestConfig::default(),
        );
        assert_eq!(ids(&inputs), ["a"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, missing.display().to_string());
        assert!(errors[0].reason.contains("missing.txt"), "{}", errors[0]);
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_is_an_error_and_the_rest_is_still_listed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tree(&[("locked/x.txt", b"x"), ("open.txt", b"o")]);
        let locked = dir.path().join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let still_readable = fs::read_dir(&locked).is_ok();
        let (inputs, errors) = discover(&[dir.path().to_path_buf()], &IngestConfig::default());
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if still_readable {
            // Root reads any folder, so there is nothing to refuse.
            return;
        }
        assert_eq!(ids(&inputs), ["open"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, locked.display().to_string());
    }

    #[cfg(unix)]
    #[test]
    fn linked_folders_are_not_entered() {
        let dir = tree(&[("sub/a.txt", b"a")]);
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let (inputs, errors) = discover(&[dir.path().to_path_buf()], &IngestConfig::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(ids(&inputs), ["sub/a"]);
    }

    #[test]
    fn a_shared_id_goes_to_the_first_and_the_later_gets_its_path() {
        let dir = tree(&[("a/x.txt", b"1"), ("b/x.txt", b"2"), ("b/x.md", b"3")]);
        let root = dir.path();
        let paths = [root.join("a/x.txt"), root.join("b/x.txt"), root.join("b")];
        let (inputs, _) = discover(&paths, &IngestConfig::default());
        let b = id_of(&root.join("b/x"));
        assert_eq!(ids(&inputs), ["x", b.as_str(), &format!("{b}~2")]);
        assert!(b.ends_with("/b/x"));
    }

    #[test]
    fn a_path_listed_twice_is_read_once() {
        let dir = tree(&[("a.txt", b"a")]);
        let paths = [
            dir.path().to_path_buf(),
            dir.path().join("a.txt"),
            "-".into(),
            "-".into(),
        ];
        let (inputs, _) = discover(&paths, &IngestConfig::default());
        assert_eq!(ids(&inputs), ["a", "stdin"]);
        assert_eq!(inputs[1].source, Source::Stdin);
    }

    #[test]
    fn ids_join_path_parts_with_slashes() {
        assert_eq!(id_of(Path::new("./cup/final.tar.txt")), "cup/final.tar");
        assert_eq!(id_of(Path::new("../x.md")), "../x");
    }
}
