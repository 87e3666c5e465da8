//! Text → model inputs and model outputs → mentions: word pieces with char offsets, the
//! word-shape signal, BIO tags, and the overlapping windows long reports are cut into.
//! Training and tagging both go through here, so what the model learns from is exactly
//! what it later sees.

use crate::doc::{CharIndex, Label, Span};
use anyhow::{anyhow, Context, Result};
use std::ops::Range;
use std::path::Path;
use tokenizers::Tokenizer;

/// Word-shape classes: the capitalisation signal the uncased encoder cannot see.
/// Each class comes in two variants, sentence-initial or not, since a capital at the
/// start of a sentence says little.
pub const SHAPE_CLASSES: i64 = 13;
pub const SHAPE_SPECIAL: i64 = 0;

/// A report as word pieces, with everything needed to tag it and map tags back.
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    pub ids: Vec<i64>,
    pub shapes: Vec<i64>,
    /// Char span of each piece in the original text.
    pub offsets: Vec<Span>,
    /// Index of the pre-tokenized word each piece belongs to.
    pub words: Vec<u32>,
    /// Char span of each word.
    pub word_spans: Vec<Span>,
}

impl Encoded {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether piece `i` is the first of its word (the piece that carries the word's tag).
    pub fn is_first(&self, i: usize) -> bool {
        i == 0 || self.words[i] != self.words[i - 1]
    }
}

/// The word-piece tokenizer with the base model's vocabulary, with the fixed padding and
/// 128-token truncation of the shipped tokenizer.json turned off: windows are cut here.
#[derive(Clone)]
pub struct Encoder {
    tokenizer: Tokenizer,
    pub cls: i64,
    pub sep: i64,
    pub pad: i64,
}

impl Encoder {
    pub fn from_file(path: &Path) -> Result<Encoder> {
        let mut tokenizer = Tokenizer::from_file(path)
            .map_err(|e| anyhow!("{e}"))
            .with_context(|| format!("cannot load tokenizer {}", path.display()))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| anyhow!("{e}"))?
            .with_padding(None);
        let id = |t: &str| {
            tokenizer
                .token_to_id(t)
                .map(i64::from)
                .with_context(|| format!("{}: no {t} token", path.display()))
        };
        Ok(Encoder {
            cls: id("[CLS]")?,
            sep: id("[SEP]")?,
            pad: id("[PAD]")?,
            tokenizer,
        })
    }

    pub fn encode(&self, text: &str) -> Result<Encoded> {
        let enc = self
            .tokenizer
            .encode(text, false)
            .map_err(|e| anyhow!("tokenizer failed: {e}"))?;
        let index = CharIndex::new(text);
        let chars: Vec<char> = text.chars().collect();
        let mut out = Encoded::default();
        let mut last_word = None;
        for ((&id, &(b0, b1)), word) in enc
            .get_ids()
            .iter()
            .zip(enc.get_offsets())
            .zip(enc.get_word_ids())
        {
            let span = index.span_of_bytes(b0, b1);
            // Pieces without a word id do not occur for BERT pre-tokenization; give them
            // their own word rather than fail.
            let word = word.unwrap_or(out.word_spans.len() as u32);
            if last_word != Some(word) {
                out.word_spans.push(span);
                last_word = Some(word);
            } else if let Some(w) = out.word_spans.last_mut() {
                w.end = span.end;
            }
            out.ids.push(i64::from(id));
            out.offsets.push(span);
            out.words.push((out.word_spans.len() - 1) as u32);
        }
        let word_shapes: Vec<i64> = out
            .word_spans
            .iter()
            .map(|s| shape_of(&chars[s.start..s.end], sentence_initial(&chars, s.start)))
            .collect();
        out.shapes = out.words.iter().map(|&w| word_shapes[w as usize]).collect();
        Ok(out)
    }
}

/// The piece where a mention starting at char `start` begins (the one carrying its tag,
/// role and link vector): the first piece that ends after `start`.
pub fn first_piece(enc: &Encoded, start: usize) -> Option<usize> {
    enc.offsets.iter().position(|o| o.end > start)
}

fn sentence_initial(chars: &[char], start: usize) -> bool {
    let before = chars[..start]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '“' | '‘' | '('));
    match before {
        None => true,
        Some(c) => {
            matches!(c, '.' | '!' | '?' | ':' | ';')
                || chars[..start]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_whitespace())
                    .any(|c| *c == '\n')
        }
    }
}

/// Shape class of one word (1..=12; 0 is for special tokens and padding).
pub fn shape_of(word: &[char], sentence_initial: bool) -> i64 {
    let letters: Vec<char> = word.iter().copied().filter(|c| c.is_alphabetic()).collect();
    let base = if word.iter().any(|c| c.is_ascii_digit()) {
        5
    } else if letters.is_empty() {
        6
    } else if letters.iter().all(|c| c.is_lowercase()) {
        1
    } else if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        3
    } else if letters[0].is_uppercase() && letters[1..].iter().all(|c| !c.is_uppercase()) {
        2
    } else {
        4
    };
    base + if sentence_initial { 6 } else { 0 }
}

/// Window geometry: `max_len` pieces including [CLS] and [SEP]; consecutive windows
/// share `stride` pieces, as in Hugging Face's `stride`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowConfig {
    pub max_len: usize,
    pub stride: usize,
}

impl Default for WindowConfig {
    fn default() -> Self {
        WindowConfig {
            max_len: 128,
            stride: 32,
        }
    }
}

impl WindowConfig {
    fn content(&self) -> usize {
        self.max_len - 2
    }

    /// Overlapping windows covering `n` pieces, none truncated.
    pub fn windows(&self, n: usize) -> Vec<Range<usize>> {
        let size = self.content();
        let step = size.saturating_sub(self.stride).max(1);
        let mut out = Vec::new();
        let mut start = 0;
        loop {
            let end = (start + size).min(n);
            out.push(start..end);
            if end >= n {
                break;
            }
            start += step;
        }
        out
    }

    /// For each piece, the window where it sits most centrally, and its position there.
    pub fn owners(&self, windows: &[Range<usize>], n: usize) -> Vec<(usize, usize)> {
        (0..n)
            .map(|i| {
                windows
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.contains(&i))
                    .max_by_key(|(_, w)| (i - w.start).min(w.end - 1 - i))
                    .map(|(wi, w)| (wi, i - w.start))
                    .unwrap_or((0, 0))
            })
            .collect()
    }
}

/// The BIO tag inventory: `O`, then `B-X`, `I-X` for each label in SPEC order.
#[derive(Debug, Clone, PartialEq)]
pub struct TagSet {
    pub names: Vec<String>,
}

impl Default for TagSet {
    fn default() -> Self {
        let mut names = vec!["O".to_string()];
        for l in Label::ALL {
            names.push(format!("B-{l}"));
            names.push(format!("I-{l}"));
        }
        TagSet { names }
    }
}

/// Tag id used where a piece's tag is unknown or not learned from (continuation pieces,
/// masked labels).
pub const IGNORE: i64 = -100;

impl TagSet {
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn begin(label: Label) -> i64 {
        1 + 2 * Label::ALL.iter().position(|l| *l == label).unwrap_or(0) as i64
    }

    fn decode(tag: i64) -> Option<(Label, bool)> {
        if tag <= 0 {
            return None;
        }
        let l = Label::ALL.get(((tag - 1) / 2) as usize)?;
        Some((*l, (tag - 1) % 2 == 0))
    }

    /// Per-piece training targets: the word's BIO tag on its first piece, `IGNORE` on
    /// the rest. `masked` spans (labels a corpus does not annotate reliably) get `IGNORE`.
    pub fn targets(enc: &Encoded, spans: &[(Span, Label)], masked: &[Span]) -> Vec<i64> {
        let mut word_tags = vec![0i64; enc.word_spans.len()];
        for (w, ws) in enc.word_spans.iter().enumerate() {
            if masked.iter().any(|m| m.overlaps(ws)) {
                word_tags[w] = IGNORE;
            }
        }
        for (span, label) in spans {
            let mut first = true;
            for (w, ws) in enc.word_spans.iter().enumerate() {
                if ws.overlaps(span) {
                    word_tags[w] = TagSet::begin(*label) + if first { 0 } else { 1 };
                    first = false;
                }
            }
        }
        (0..enc.len())
            .map(|i| {
                if enc.is_first(i) {
                    word_tags[enc.words[i] as usize]
                } else {
                    IGNORE
                }
            })
            .collect()
    }

    /// Mentions from per-piece (tag, probability): first-piece tags, lenient BIO (an `I`
    /// without a matching open span opens one), score = mean probability over the words.
    pub fn spans(enc: &Encoded, tags: &[(i64, f32)]) -> Vec<(Span, Label, f32)> {
        let mut out: Vec<(Span, Label, f32)> = Vec::new();
        let mut open: Option<(Span, Label, f32, usize)> = None;
        let close = |open: &mut Option<(Span, Label, f32, usize)>,
                     out: &mut Vec<(Span, Label, f32)>| {
            if let Some((s, l, sum, n)) = open.take() {
                out.push((s, l, sum / n as f32));
            }
        };
        for i in (0..enc.len()).filter(|&i| enc.is_first(i)) {
            let ws = enc.word_spans[enc.words[i] as usize];
            let (tag, p) = tags[i];
            match TagSet::decode(tag) {
                None => close(&mut open, &mut out),
                Some((label, begin)) => match &mut open {
                    Some((s, l, sum, n)) if !begin && *l == label => {
                        s.end = ws.end;
                        *sum += p;
                        *n += 1;
                    }
                    _ => {
                        close(&mut open, &mut out);
                        open = Some((ws, label, p, 1));
                    }
                },
            }
        }
        close(&mut open, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_separate_case_and_position() {
        let s = |w: &str, init| shape_of(&w.chars().collect::<Vec<_>>(), init);
        let all: Vec<i64> = [
            ("kane", false),
            ("Kane", false),
            ("KANE", false),
            ("McGinn", false),
            ("77", false),
            (",", false),
        ]
        .iter()
        .map(|(w, i)| s(w, *i))
        .collect();
        assert_eq!(all, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(s("Kane", true), 8);
        assert_eq!(s("kane", true), 7);
        assert!((1..SHAPE_CLASSES).contains(&s(",", true)));
        assert_ne!(s("Kane", true), SHAPE_SPECIAL);
    }

    #[test]
    fn windows_cover_everything_and_owners_are_central() {
        let w = WindowConfig {
            max_len: 12,
            stride: 4,
        };
        let ws = w.windows(25);
        assert_eq!(ws, vec![0..10, 6..16, 12..22, 18..25]);
        let owners = w.owners(&ws, 25);
        assert_eq!(owners[0], (0, 0));
        assert_eq!(owners[8], (1, 2));
        assert_eq!(owners[24], (3, 6));
        assert_eq!(w.windows(0), vec![0..0]);
    }
}
