//! Property-based fuzzing with text that looks like real reports: en and em dashes,
//! curly quotes, non-breaking and zero-width spaces, accented and non-Latin names, emoji,
//! CRLF and lone CR line ends, very long sentences, punctuation-only sentences, one-line
//! reports. Every stage must survive it without a panic and write valid SPEC records
//! (offsets on char boundaries, `text[start..end]` equal to each mention's text).
//!
//! CI runs a bounded number of cases. `scripts/fuzz SECONDS` runs the `#[ignore]`d
//! long hunts below, each for the given time, with a fresh seed per round.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use touchline::coref::{resolve, CorefConfig};
use touchline::doc::{Doc, Label, Mention, Record};
use touchline::eval::validate;
use touchline::events::context::split_sentences;
use touchline::events::footer::parse_footer;
use touchline::events::minutes::find_minutes;
use touchline::events::{extract, EventsConfig};
use touchline::export::{read_records, Format};
use touchline::ingest::{discover, read, IngestConfig, Input, Source};
use touchline::pipeline::{run_batch, BatchOptions, Pipeline, PipelineConfig};

/// Names as reports spell them, with the label a tagger would give them.
const NAMES: &[(&str, Label)] = &[
    ("Kai Havertz", Label::Player),
    ("Martin Ødegaard", Label::Player),
    ("Ødegaard", Label::Player),
    ("Viktor Gyökeres", Label::Player),
    ("Son Heung-min", Label::Player),
    ("孙兴慜", Label::Player),
    ("N’Golo Kanté", Label::Player),
    ("Wojciech Szczęsny", Label::Player),
    ("Ángel Di María", Label::Player),
    ("John O'Shea", Label::Player),
    ("Jürgen Klopp", Label::Coach),
    ("José Mourinho", Label::Coach),
    ("Michael Oliver", Label::Referee),
    ("Arsenal", Label::Club),
    ("Chelsea", Label::Club),
    ("Man Utd", Label::Club),
    ("Atlético Madrid", Label::Club),
    ("Bayern München", Label::Club),
    ("Côte d’Ivoire", Label::Team),
    ("England", Label::Team),
    ("the Emirates", Label::Venue),
    ("Estádio da Luz", Label::Venue),
    ("Premier League", Label::Competition),
];

/// Pieces of report prose between names: verbs, minutes, scores, team-sheet labels,
/// and the characters that real pages carry and ASCII fixtures do not.
const PIECES: &[&str] = &[
    " scored",
    " fired home",
    " headed the winner in the 88th minute",
    " looked set for a point as ",
    " – on for ",
    " — on for ",
    " – ",
    "—",
    " equalised after 23 minutes",
    " four minutes after the restart",
    " saved from ",
    " denied ",
    " shot too close to ",
    " was booked",
    " was sent off",
    " replaced ",
    " came on for ",
    " from ",
    "’s cross",
    "'s pass",
    " 2-1 ",
    " 2–1 ",
    " 90+3 ",
    " (77)",
    " 4-2 on penalties",
    "Goals: ",
    "Booked: ",
    "Subs Not Used: ",
    " og",
    " pen",
    "Att: 47,111 Ref: ",
    ", ",
    ". ",
    "! ",
    "? ",
    "…",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "«",
    "»",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    " ⚽ ",
    "🟨",
    "🔥🔥",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "...!!!???––––",
    " the visitors",
    " the hosts",
    " at ",
    " and ",
];

/// A report built from real-world pieces, with the char span and label of every name.
#[derive(Debug, Clone)]
struct Report {
    text: String,
    names: Vec<(usize, usize, Label)>,
}

fn report() -> impl Strategy<Value = Report> {
    let piece = prop_oneof![
        3 => (0..NAMES.len()).prop_map(|i| (NAMES[i].0.to_string(), Some(NAMES[i].1))),
        5 => prop::sample::select(PIECES).prop_map(|p| (p.to_string(), None)),
        // A very long sentence: one piece repeated with no full stop.
        1 => (prop::sample::select(PIECES), 20usize..200)
            .prop_map(|(p, n)| (p.trim_matches(['.', '!', '?']).repeat(n), None)),
    ];
    let body = prop::collection::vec(piece, 0..120);
    let headline = prop::bool::ANY;
    (body, headline).prop_map(|(pieces, headline)| {
        let mut text = String::new();
        let mut names = Vec::new();
        if headline {
            text.push_str("Arsenal 2–1 Chelsea: late drama at the Emirates\n\n");
        }
        for (s, label) in pieces {
            let start = text.chars().count();
            text.push_str(&s);
            if let Some(label) = label {
                names.push((start, text.chars().count(), label));
            }
        }
        Report { text, names }
    })
}

/// The report as the tagger would hand it on: every name a mention.
fn doc_of(r: &Report) -> Doc {
    let chars: Vec<char> = r.text.chars().collect();
    let mut doc = Doc::new("fuzz", r.text.clone());
    doc.mentions = r
        .names
        .iter()
        .map(|&(start, end, label)| Mention {
            score: Some(0.9),
            ..Mention::new(
                start,
                end,
                label,
                chars[start..end].iter().collect::<String>(),
            )
        })
        .collect();
    doc
}

/// What every record must satisfy, whatever the input: SPEC offsets in chars on the
/// record's own text, evidence inside it, and `touchline validate` finding nothing.
fn check_record(r: &Record) -> Result<(), TestCaseError> {
    let text = r.text.as_deref().unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    for m in &r.entities {
        prop_assert!(m.start < m.end && m.end <= chars.len(), "{m:?}");
        let got: String = chars[m.start..m.end].iter().collect();
        prop_assert_eq!(&got, &m.text);
    }
    for e in &r.events {
        if let Some([a, b]) = e.evidence {
            prop_assert!(a <= b && b <= chars.len(), "{e:?}");
        }
    }
    let problems = validate("fuzz", &[(1, r.clone())]);
    prop_assert!(problems.is_empty(), "{problems:?}");
    Ok(())
}

fn relation_stage(r: &Report) -> Result<(), TestCaseError> {
    let mut doc = doc_of(r);
    resolve(&mut doc, &CorefConfig::default());
    extract(&mut doc, &EventsConfig::default());
    check_record(&doc.into_record())
}

fn text_parsers(text: &str) -> Result<(), TestCaseError> {
    if let Some(footer) = parse_footer(text) {
        for sheet in &footer.sheets {
            for n in sheet
                .starters
                .iter()
                .chain(&sheet.unused)
                .chain(&sheet.booked)
            {
                prop_assert_eq!(&text[n.start..n.end], n.text.as_str());
            }
        }
    }
    for m in find_minutes(text) {
        prop_assert!(m.start <= m.end && m.end <= text.len());
        prop_assert!(m.minute.is_none_or(|x| x <= 130));
    }
    for s in split_sentences(text) {
        prop_assert!(s.start < s.end && s.end <= text.len());
    }
    Ok(())
}

fn reader(bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    std::fs::write(&path, bytes).unwrap();
    let input = Input {
        id: "r".into(),
        source: Source::File(path),
    };
    if let Ok(doc) = read(&input, &IngestConfig::default()) {
        prop_assert!(!doc.text.trim().is_empty());
        prop_assert!(!doc.text.contains('\r'));
    }
    Ok(())
}

/// Bytes a reader meets: a real-looking report in UTF-8, UTF-16 or Windows-1252, or noise.
fn report_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        report().prop_map(|r| r.text.into_bytes()),
        report().prop_map(|r| {
            let mut b = vec![0xFF, 0xFE];
            b.extend(r.text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
        report().prop_map(|r| r
            .text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect()),
        prop::collection::vec(any::<u8>(), 0..4096),
    ]
}

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let config = PipelineConfig {
            model_threads: 1,
            ..PipelineConfig::default()
        };
        Pipeline::load(&config).expect("the shipped model loads")
    })
}

/// A folder of reports through `run_batch` (ingest, NER, coreference, events, export),
/// then the written file read back and checked record by record.
fn whole_pipeline(reports: &[Vec<u8>]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    std::fs::create_dir(&root).unwrap();
    for (i, bytes) in reports.iter().enumerate() {
        std::fs::write(root.join(format!("r{i:02}.txt")), bytes).unwrap();
    }
    let (inputs, listing) = discover(&[root], &IngestConfig::default());
    let options = BatchOptions {
        output: dir.path().join("out.jsonl"),
        format: Format::Jsonl,
        resume: false,
        unordered: false,
        errors: None,
        progress: false,
    };
    let summary = run_batch(pipeline(), inputs, listing, &options).expect("the batch runs");
    let file = read_records(&options.output).unwrap();
    prop_assert!(file.errors.is_empty(), "{:?}", file.errors);
    prop_assert_eq!(file.records.len() + summary.failed, reports.len());
    for (_, r) in &file.records {
        check_record(r)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_reader_never_panics(bytes in report_bytes()) {
        reader(&bytes)?;
    }

    #[test]
    fn footer_minutes_and_sentences_stay_in_bounds(r in report()) {
        text_parsers(&r.text)?;
    }

    #[test]
    fn the_relation_stage_never_panics_and_writes_valid_records(r in report()) {
        relation_stage(&r)?;
    }
}

proptest! {
    // Each case runs the model: a few dozen cases keep CI within seconds.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_whole_pipeline_writes_valid_records_for_real_world_text(
        reports in prop::collection::vec(report_bytes(), 1..4)
    ) {
        whole_pipeline(&reports)?;
    }
}

/// The en-dash report that once crashed a batch, kept as a plain regression test.
#[test]
fn an_en_dash_after_a_name_does_not_panic_the_relation_stage() {
    let text = "Arsenal 2-1 Chelsea: late drama at the Emirates\n\nBukayo Saka fired Arsenal \
                ahead after 20 minutes. Chelsea looked set for a point as Kai Havertz – on for \
                Gabriel Martinelli – headed the winner in the 88th minute.";
    let names = [
        ("Arsenal", Label::Club, 0),
        ("Chelsea", Label::Club, 0),
        ("Bukayo Saka", Label::Player, 0),
        ("Arsenal", Label::Club, 1),
        ("Chelsea", Label::Club, 1),
        ("Kai Havertz", Label::Player, 0),
        ("Gabriel Martinelli", Label::Player, 0),
    ];
    let mut r = Report {
        text: text.to_string(),
        names: Vec::new(),
    };
    for (name, label, nth) in names {
        let (byte, _) = text.match_indices(name).nth(nth).unwrap();
        let start = text[..byte].chars().count();
        r.names.push((start, start + name.chars().count(), label));
    }
    relation_stage(&r).unwrap();
}

/// Runs `check` on values of `strategy` for `TOUCHLINE_FUZZ_SECONDS` (default 60),
/// a fresh random seed each round, and fails with the first counter-example.
fn hunt<S: Strategy>(strategy: S, check: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    let seconds = std::env::var("TOUCHLINE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0u64;
    while Instant::now() < deadline {
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, &check) {
            panic!("after {cases} cases: {e}");
        }
        cases += 256;
    }
    eprintln!("fuzz: {cases} cases in {seconds} s, no failure");
}

#[test]
#[ignore = "long hunt: scripts/fuzz SECONDS"]
fn hunt_reader() {
    hunt(report_bytes(), |b| reader(&b));
}

#[test]
#[ignore = "long hunt: scripts/fuzz SECONDS"]
fn hunt_team_sheets_and_text_parsers() {
    hunt(report(), |r| text_parsers(&r.text));
}

#[test]
#[ignore = "long hunt: scripts/fuzz SECONDS"]
fn hunt_relation_stage() {
    hunt(report(), |r| relation_stage(&r));
}
