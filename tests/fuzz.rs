//! Bounded property-based fuzzing of the input side: the reader (any bytes, any size
//! under the limit) and the text parsers that run on every report (team-sheet footer,
//! minute phrases, sentence splitting, the relation stage) never panic, and what they
//! return stays inside the text. CI runs a fixed number of cases; raise
//! `PROPTEST_CASES` for a longer hunt.

use proptest::prelude::*;
use touchline::coref::{resolve, CorefConfig};
use touchline::doc::{Doc, Label, Mention};
use touchline::events::context::split_sentences;
use touchline::events::footer::parse_footer;
use touchline::events::minutes::find_minutes;
use touchline::events::{extract, EventsConfig};
use touchline::ingest::{read, IngestConfig, Input, Source};

/// Text that looks like reports: names, numbers, punctuation, footer words, accents.
fn reportish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Kane",
        "Son Heung-min",
        "Ødegaard",
        "Spurs",
        " ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        "(",
        ")",
        "77",
        "90+3",
        "2-1",
        "Subs Not Used:",
        "Booked:",
        "Goals:",
        "og",
        "pen",
        "Att:",
        "Ref:",
        "scored",
        "after 23 minutes",
        "four minutes after the restart",
        "saved",
        "\"",
        "'s",
        "the visitors",
        "with 10 minutes left",
        "–",
        "é",
        "\u{0}",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        std::fs::write(&path, &bytes).unwrap();
        let input = Input { id: "r".into(), source: Source::File(path) };
        if let Ok(doc) = read(&input, &IngestConfig::default()) {
            prop_assert!(!doc.text.trim().is_empty());
            prop_assert!(!doc.text.contains('\r'));
        }
    }

    #[test]
    fn footer_minutes_and_sentences_stay_in_bounds(text in reportish()) {
        if let Some(footer) = parse_footer(&text) {
            for sheet in &footer.sheets {
                for n in sheet.starters.iter().chain(&sheet.unused).chain(&sheet.booked) {
                    prop_assert_eq!(&text[n.start..n.end], n.text.as_str());
                }
            }
        }
        for m in find_minutes(&text) {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            prop_assert!(m.minute.is_none_or(|x| x <= 130));
        }
        for s in split_sentences(&text) {
            prop_assert!(s.start < s.end && s.end <= text.len());
        }
    }

    #[test]
    fn the_relation_stage_never_panics(text in reportish(), picks in prop::collection::vec((0usize..200, 1usize..20, 0usize..7), 0..12)) {
        let chars: Vec<char> = text.chars().collect();
        let mut doc = Doc::new("f", text.clone());
        let mut last = 0;
        for (start, len, label) in picks {
            let (start, end) = (start.max(last), (start.max(last) + len).min(chars.len()));
            if start >= end {
                continue;
            }
            doc.mentions.push(Mention { start, end, label: Label::ALL[label], text: chars[start..end].iter().collect(), score: Some(0.9), reference: None });
            last = end;
        }
        resolve(&mut doc, &CorefConfig::default());
        extract(&mut doc, &EventsConfig::default());
        for e in &doc.events {
            if let Some([a, b]) = e.evidence {
                prop_assert!(a <= b && b <= chars.len());
            }
        }
    }
}
