//! The shipped model: it loads from `models/`, tags a report the team wrote with the
//! right spans and labels, reaches the end of a very long report, and a broken model
//! directory is refused with a message that says what is wrong.

use std::path::Path;
use touchline::doc::{Doc, Label};
use touchline::ner::{NerConfig, Tagger, DEFAULT_MODEL_DIR};

fn tagger() -> Tagger {
    let config = NerConfig {
        model_dir: DEFAULT_MODEL_DIR.into(),
        ..NerConfig::default()
    };
    Tagger::load(&config).expect("the shipped model loads")
}

/// Char span of the `nth` occurrence of `needle`.
fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let b = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth} not in text"))
        .0;
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

#[test]
fn tags_a_report_with_exact_spans_and_labels() {
    let text = std::fs::read_to_string("data/examples/harbour-city-v-kingsmead.txt").unwrap();
    let mut docs = vec![Doc::new("harbour", text.clone())];
    tagger().tag(&mut docs).unwrap();
    let got: Vec<((usize, usize), Label)> = docs[0]
        .mentions
        .iter()
        .map(|m| ((m.start, m.end), m.label))
        .collect();
    let expected = [
        (span(&text, "Daniel Okafor", 0), Label::Player),
        (span(&text, "Harbour City", 1), Label::Club),
        (span(&text, "Kingsmead Rovers", 1), Label::Club),
        (span(&text, "Quayside Park", 0), Label::Venue),
        (span(&text, "League One", 0), Label::Competition),
        (span(&text, "Tomas Lindqvist", 0), Label::Player),
        (span(&text, "Aaron Pike", 0), Label::Player),
        (span(&text, "Sam Whitlock", 0), Label::Player),
        (span(&text, "Claire Donovan", 0), Label::Coach),
        (span(&text, "Martin Healy", 0), Label::Coach),
        (span(&text, "Okafor", 2), Label::Player),
    ];
    for (s, label) in expected {
        assert!(
            got.contains(&(s, label)),
            "expected {:?} {label} ({:?}); got {:?}",
            s,
            &text.chars().skip(s.0).take(s.1 - s.0).collect::<String>(),
            docs[0].mentions
        );
    }
    for m in &docs[0].mentions {
        let surface: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(surface, m.text, "mention text matches its offsets");
        assert!(!m.text.ends_with("'s"), "possessive left out: {}", m.text);
        let score = m.score.unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    // "Kingsmead captain Lewis Grant was booked": the possessive-free, multi-word name.
    assert!(docs[0]
        .mentions
        .iter()
        .any(|m| m.text == "Lewis Grant" && m.label == Label::Player));
}

#[test]
fn a_five_thousand_word_report_is_tagged_to_its_last_sentence() {
    let para = "The home side pressed from the first whistle and the visitors struggled to keep the ball for long spells in midfield, with every clearance coming straight back towards their own penalty area. ";
    let mut text = String::new();
    while text.split_whitespace().count() < 5000 {
        text.push_str(para);
    }
    text.push_str("In the final minute Zoltan Marquardt scored for Eastbury Athletic.");
    assert!(text.split_whitespace().count() > 5000);
    let mut docs = vec![Doc::new("long", text.clone())];
    tagger().tag(&mut docs).unwrap();
    let last = docs[0]
        .mentions
        .iter()
        .max_by_key(|m| m.start)
        .expect("mentions");
    assert_eq!((last.start, last.end), span(&text, "Eastbury Athletic", 0));
    assert!(docs[0]
        .mentions
        .iter()
        .any(|m| m.text == "Zoltan Marquardt" && m.label == Label::Player));
}

#[test]
fn a_broken_model_directory_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let load = |d: &Path| {
        Tagger::load(&NerConfig {
            model_dir: d.to_path_buf(),
            ..NerConfig::default()
        })
        .err()
        .expect("refused")
        .to_string()
    };
    assert!(load(&dir.path().join("nowhere")).contains("does not exist"));
    std::fs::copy(
        Path::new(DEFAULT_MODEL_DIR).join("config.json"),
        dir.path().join("config.json"),
    )
    .unwrap();
    let msg = load(dir.path());
    assert!(
        msg.contains("missing tokenizer.json, model.safetensors"),
        "{msg}"
    );
    for f in ["tokenizer.json", "model.safetensors"] {
        std::fs::copy(Path::new(DEFAULT_MODEL_DIR).join(f), dir.path().join(f)).unwrap();
    }
    let config = std::fs::read_to_string(dir.path().join("config.json")).unwrap();
    std::fs::write(
        dir.path().join("config.json"),
        config.replace("B-VENUE", "B-STADIUM"),
    )
    .unwrap();
    let msg = load(dir.path());
    assert!(msg.contains("do not match"), "{msg}");
}
