//! The shipped model: it loads from `models/`, tags a report the team wrote with the
//! right spans and labels, reaches the end of a very long report, and a broken model
//! directory is refused with a message that says what is wrong.

use std::path::Path;
use tch::Device;
use touchline::doc::{Doc, Label};
use touchline::ner::fast::Precision;
use touchline::ner::{
    predict_with, reference_net, ModelConfig, NerConfig, Tagger, DEFAULT_MODEL_DIR,
};

fn tagger_with(precision: Precision) -> Tagger {
    let config = NerConfig {
        model_dir: Some(DEFAULT_MODEL_DIR.into()),
        device: Device::Cpu,
        precision,
        ..NerConfig::default()
    };
    Tagger::load(&config).expect("the shipped model loads")
}

fn tagger() -> Tagger {
    tagger_with(Precision::Fp32)
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

/// The inference path (fused attention, weights read straight from the file) against
/// rust-bert's encoder, the network training runs: same tags in fp32, nearly all the same
/// with int8 weights.
#[test]
fn the_inference_path_tags_as_rust_berts_encoder_does() {
    let dir = Path::new(DEFAULT_MODEL_DIR);
    let mc = ModelConfig::read(&dir.join("config.json")).unwrap();
    let (_vs, net) = reference_net(dir, &mc, Device::Cpu).unwrap();
    let fast = tagger();
    let text = std::fs::read_to_string("data/examples/harbour-city-v-kingsmead.txt").unwrap();
    // Three copies: several windows, so the stride's overlap is exercised too.
    let enc = fast.encoder().encode(&text.repeat(3)).unwrap();
    let reference = predict_with(
        |b| net.forward_t(b, false),
        &[&enc],
        fast.window(),
        8,
        fast.encoder(),
        Device::Cpu,
    )
    .unwrap();
    let fp32 = fast.predict(&[&enc]).unwrap();
    assert_eq!(reference[0].tags.len(), enc.len());
    for ((t, p), (rt, rp)) in fp32[0].tags.iter().zip(&reference[0].tags) {
        assert_eq!(t, rt);
        assert!((p - rp).abs() < 1e-3, "{p} vs {rp}");
    }
    // The role and link heads, where the model has them, agree as closely.
    for (fast, reference) in [
        (&fp32[0].roles, &reference[0].roles),
        (&fp32[0].links, &reference[0].links),
    ] {
        assert_eq!(fast.is_some(), mc.touchline.role_head);
        if let (Some(a), Some(b)) = (fast, reference) {
            assert_eq!(a.dim(), b.dim());
            let worst = (a - b).iter().fold(0f32, |m, d| m.max(d.abs()));
            assert!(worst < 1e-2, "largest difference {worst}");
        }
    }
    let int8 = tagger_with(Precision::Int8).predict(&[&enc]).unwrap();
    let same = int8[0]
        .tags
        .iter()
        .zip(&reference[0].tags)
        .filter(|(a, b)| a.0 == b.0)
        .count();
    assert!(
        same as f64 >= 0.98 * enc.len() as f64,
        "int8 agrees on {same} of {} pieces",
        enc.len()
    );
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
            model_dir: Some(d.to_path_buf()),
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
