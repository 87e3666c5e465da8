//! Named-entity recognition: the shipped transformer tags PLAYER, COACH, REFEREE, CLUB,
//! TEAM, VENUE and COMPETITION mentions, each with char offsets and a confidence score.
//!
//! Long reports are cut into overlapping windows (no truncation); each word piece takes
//! its tag from the window where it sits most centrally; a word's tag is its first
//! piece's. Windows from many reports are batched together, longest first, to limit
//! padding.
//!
//! ```no_run
//! use touchline::doc::Doc;
//! use touchline::ner::{NerConfig, Tagger};
//!
//! let tagger = Tagger::load(&NerConfig::default())?;
//! let mut docs = vec![Doc::new("r1", "Harry Kane scored for Tottenham Hotspur at Wembley.")];
//! tagger.tag(&mut docs)?;
//! for m in &docs[0].mentions {
//!     println!("{} {} {}..{} {:.2}", m.label, m.text, m.start, m.end, m.score.unwrap_or(0.0));
//! }
//! # anyhow::Ok(())
//! ```

pub mod encode;
pub mod fast;
pub mod locate;
pub mod model;

use crate::clubs::Clubs;
use crate::doc::{Doc, Kind, Mention, MentionRole, RoleReading, Span};
use crate::names::glue_seam;
use anyhow::{bail, Context, Result};
use encode::{Encoded, Encoder, TagSet, WindowConfig};
use fast::{FastNet, Precision};
use model::{Batch, Heads, TaggerNet, Window};
use ndarray::{s, Array2, Array3};
use rust_bert::bert::BertConfig;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tch::{nn, Device, Kind as TensorKind, Tensor};

/// Files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// Where the shipped model lives, relative to the project root.
pub const DEFAULT_MODEL_DIR: &str = "models/touchline-ner";

/// Options for loading and running the tagger.
#[derive(Debug, Clone)]
pub struct NerConfig {
    /// The model directory; `None` looks it up (see [`locate`]).
    pub model_dir: Option<PathBuf>,
    /// Windows per forward pass (default 4, suited to a laptop-class CPU with one batch
    /// in flight per core: see `PipelineConfig::model_threads`). Batches are one shape
    /// (padded to the window), so the allocator reuses the same buffers. In fp32 on 2
    /// cores, 8 windows peaked at 480 MB on the 787 BBC reports and 4 at 397 MB, with no
    /// speed difference beyond run-to-run noise. int8 quantizes activations per batch,
    /// so a smaller batch tracks each window's range more closely: dev entity F1 0.961
    /// at 4 against 0.958 at 8.
    pub batch_size: usize,
    pub device: Device,
    /// Weight precision of the linear layers at inference.
    pub precision: Precision,
}

impl Default for NerConfig {
    fn default() -> Self {
        NerConfig {
            model_dir: None,
            batch_size: 4,
            device: Device::cuda_if_available(),
            precision: Precision::Fp32,
        }
    }
}

/// touchline's own part of `config.json`, beside the BERT configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelMeta {
    /// Word-shape classes (0 = no shape signal).
    pub shape_classes: i64,
    pub max_len: usize,
    pub stride: usize,
    /// Whether the model has the role and link heads (older models tag names only, and
    /// the relation stage then reads with its rules alone).
    #[serde(default)]
    pub role_head: bool,
}

impl ModelMeta {
    pub fn window(&self) -> WindowConfig {
        WindowConfig {
            max_len: self.max_len,
            stride: self.stride,
        }
    }
}

/// `config.json`: Hugging Face's BERT config with `id2label`, plus `touchline`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModelConfig {
    #[serde(flatten)]
    pub bert: serde_json::Map<String, serde_json::Value>,
    pub touchline: ModelMeta,
}

impl ModelConfig {
    pub fn read(path: &Path) -> Result<ModelConfig> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text)
            .with_context(|| format!("{}: not a touchline model config", path.display()))
    }

    pub fn bert_config(&self) -> Result<BertConfig> {
        serde_json::from_value(serde_json::Value::Object(self.bert.clone()))
            .context("config.json: bad BERT configuration")
    }

    /// `layer_norm_eps`, which rust-bert's `BertConfig` does not carry.
    pub fn layer_norm_eps(&self) -> f64 {
        self.bert
            .get("layer_norm_eps")
            .and_then(|v| v.as_f64())
            .unwrap_or(1e-12)
    }

    /// The BIO tags in the order the classifier emits them.
    pub fn tags(&self) -> Result<Vec<String>> {
        let map: HashMap<String, String> =
            serde_json::from_value(self.bert.get("id2label").cloned().unwrap_or_default())
                .context("config.json: id2label missing or malformed")?;
        (0..map.len())
            .map(|i| {
                map.get(&i.to_string())
                    .cloned()
                    .with_context(|| format!("config.json: id2label lacks {i}"))
            })
            .collect()
    }
}

/// The loaded model, ready to tag.
pub struct Tagger {
    /// Where the model was found (see `locate`).
    dir: PathBuf,
    net: FastNet,
    encoder: Encoder,
    window: WindowConfig,
    config: NerConfig,
}

impl Tagger {
    /// Loads and checks a model directory: every file present, labels as this build
    /// expects. Fails with a message naming what is wrong.
    pub fn load(config: &NerConfig) -> Result<Tagger> {
        let dir = &locate::find_model(config.model_dir.as_deref())?;
        let mc = ModelConfig::read(&dir.join("config.json"))?;
        let tags = mc.tags()?;
        if tags != TagSet::default().names {
            bail!(
                "model directory {}: its labels {:?} do not match this build's {:?}",
                dir.display(),
                tags,
                TagSet::default().names
            );
        }
        Ok(Tagger {
            dir: dir.clone(),
            net: FastNet::load(
                &dir.join("model.safetensors"),
                &mc,
                config.precision,
                config.device,
            )?,
            encoder: Encoder::from_file(&dir.join("tokenizer.json"))?,
            window: mc.touchline.window(),
            config: config.clone(),
        })
    }

    pub fn encoder(&self) -> &Encoder {
        &self.encoder
    }

    /// The model directory in use.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the model reads each person mention's role (its `reading`), which the
    /// relation stage's model reader needs.
    pub fn reads_roles(&self) -> bool {
        self.net.has_role_head()
    }

    pub fn window(&self) -> WindowConfig {
        self.window
    }

    /// Adds mentions (with the role model's reading, where the model has one) to each
    /// document.
    pub fn tag(&self, docs: &mut [Doc]) -> Result<()> {
        let encs = docs
            .iter()
            .map(|d| self.encoder.encode(&d.text))
            .collect::<Result<Vec<_>>>()?;
        let outputs = self.predict(&encs.iter().collect::<Vec<_>>())?;
        for ((doc, enc), out) in docs.iter_mut().zip(&encs).zip(&outputs) {
            doc.mentions = read(&doc.text, enc, out);
        }
        Ok(())
    }

    /// Per piece of each text, every head's output from its most central window.
    pub fn predict(&self, encs: &[&Encoded]) -> Result<Vec<PieceOutputs>> {
        let forward = |b: &Batch| Ok(self.net.forward(b));
        predict_with(
            forward,
            encs,
            self.window,
            self.config.batch_size,
            &self.encoder,
            self.config.device,
        )
    }
}

/// rust-bert's encoder over a checked model directory's weights: the training-time
/// network, kept as the reference the inference path is tested against.
pub fn reference_net(
    dir: &Path,
    mc: &ModelConfig,
    device: Device,
) -> Result<(nn::VarStore, TaggerNet)> {
    let mut vs = nn::VarStore::new(device);
    let net = TaggerNet::new(
        &vs,
        &mc.bert_config()?,
        TagSet::default().len() as i64,
        mc.touchline.shape_classes,
        mc.touchline.role_head,
    )?;
    let file = dir.join("model.safetensors");
    vs.load(&file)
        .with_context(|| format!("cannot load weights from {}", file.display()))?;
    // Weights ship in f16 to halve the download; compute in f32.
    vs.float();
    vs.freeze();
    Ok((vs, net))
}

/// What the model says about each word piece of one text.
#[derive(Debug, Clone, Default)]
pub struct PieceOutputs {
    /// (tag id, probability).
    pub tags: Vec<(i64, f32)>,
    /// `[pieces, roles]` sigmoid role probabilities, with a role head.
    pub roles: Option<Array2<f32>>,
    /// `[pieces, 2 * LINK_DIM]`: the `link_from` then the `link_to` projection.
    pub links: Option<Array2<f32>>,
}

/// One batch's outputs on the CPU, `[windows, len, width]` each.
struct BatchOutputs {
    tags: Array2<i64>,
    probs: Array2<f32>,
    roles: Option<Array3<f32>>,
    links: Option<Array3<f32>>,
}

impl BatchOutputs {
    fn of(heads: &Heads) -> Result<BatchOutputs> {
        let (probs, tags) = heads.tags.softmax(-1, TensorKind::Float).max_dim(-1, false);
        let (b, len) = probs.size2()?;
        let shape2 = (b as usize, len as usize);
        let to3 = |t: Tensor| -> Result<Array3<f32>> {
            let width = t.size()[2] as usize;
            let v = Vec::<f32>::try_from(t.to_device(Device::Cpu).contiguous().flatten(0, -1))?;
            Ok(Array3::from_shape_vec((shape2.0, shape2.1, width), v)?)
        };
        let links = match (&heads.link_from, &heads.link_to) {
            (Some(f), Some(t)) => Some(to3(Tensor::cat(&[f, t], 2).to_kind(TensorKind::Float))?),
            _ => None,
        };
        Ok(BatchOutputs {
            tags: Array2::from_shape_vec(
                shape2,
                Vec::<i64>::try_from(tags.to_device(Device::Cpu).flatten(0, -1))?,
            )?,
            probs: Array2::from_shape_vec(
                shape2,
                Vec::<f32>::try_from(probs.to_device(Device::Cpu).flatten(0, -1))?,
            )?,
            roles: heads
                .roles
                .as_ref()
                .map(|r| to3(r.sigmoid().to_kind(TensorKind::Float)))
                .transpose()?,
            links,
        })
    }
}

/// One window's rows: its own pieces, [CLS] and padding dropped.
struct WindowOutputs {
    tags: Vec<(i64, f32)>,
    roles: Option<Array2<f32>>,
    links: Option<Array2<f32>>,
}

/// Runs any forward pass (the shipped model's, or one being trained) over encoded texts
/// and merges its windows: each piece takes every head's output from the window where
/// it sits most centrally.
pub fn predict_with(
    forward: impl Fn(&Batch) -> Result<Heads>,
    encs: &[&Encoded],
    window: WindowConfig,
    batch_size: usize,
    encoder: &Encoder,
    device: Device,
) -> Result<Vec<PieceOutputs>> {
    let per_doc: Vec<_> = encs.iter().map(|e| window.windows(e.len())).collect();
    let mut all: Vec<(usize, usize)> = per_doc
        .iter()
        .enumerate()
        .flat_map(|(d, ws)| (0..ws.len()).map(move |w| (d, w)))
        .collect();
    // Longest first: batches of similar length waste little on padding.
    all.sort_by_key(|&(d, w)| std::cmp::Reverse(per_doc[d][w].len()));
    let mut results: Vec<Vec<Option<WindowOutputs>>> = per_doc
        .iter()
        .map(|ws| (0..ws.len()).map(|_| None).collect())
        .collect();
    let _guard = tch::no_grad_guard();
    for chunk in all.chunks(batch_size.max(1)) {
        let windows: Vec<Window> = chunk
            .iter()
            .map(|&(d, w)| Window {
                enc: encs[d],
                range: per_doc[d][w].clone(),
                targets: None,
            })
            .collect();
        let batch = Batch::new(
            &windows,
            encoder.cls,
            encoder.sep,
            encoder.pad,
            window.max_len,
            device,
        );
        let out = BatchOutputs::of(&forward(&batch)?)?;
        for (b, &(d, w)) in chunk.iter().enumerate() {
            // Skip [CLS]; keep the window's own pieces.
            let own_len = per_doc[d][w].len();
            let own = s![b, 1..1 + own_len];
            results[d][w] = Some(WindowOutputs {
                tags: out
                    .tags
                    .slice(own)
                    .iter()
                    .zip(out.probs.slice(own))
                    .map(|(&t, &p)| (t, p))
                    .collect(),
                roles: out
                    .roles
                    .as_ref()
                    .map(|r| r.slice(s![b, 1..1 + own_len, ..]).to_owned()),
                links: out
                    .links
                    .as_ref()
                    .map(|l| l.slice(s![b, 1..1 + own_len, ..]).to_owned()),
            });
        }
    }
    Ok(encs
        .iter()
        .zip(&per_doc)
        .zip(&results)
        .map(|((enc, ws), res)| merge_windows(&window.owners(ws, enc.len()), res))
        .collect())
}

/// Each piece's rows from the window that owns it.
fn merge_windows(owners: &[(usize, usize)], windows: &[Option<WindowOutputs>]) -> PieceOutputs {
    let n = owners.len();
    let rows = |pick: fn(&WindowOutputs) -> Option<&Array2<f32>>| -> Option<Array2<f32>> {
        let width = windows.iter().flatten().find_map(|w| pick(w))?.ncols();
        let mut merged = Array2::zeros((n, width));
        for (i, &(w, j)) in owners.iter().enumerate() {
            if let Some(src) = windows.get(w).and_then(Option::as_ref).and_then(pick) {
                if j < src.nrows() {
                    merged.row_mut(i).assign(&src.row(j));
                }
            }
        }
        Some(merged)
    };
    PieceOutputs {
        tags: owners
            .iter()
            .map(|&(w, j)| {
                windows
                    .get(w)
                    .and_then(Option::as_ref)
                    .and_then(|o| o.tags.get(j).copied())
                    .unwrap_or((0, 0.0))
            })
            .collect(),
        roles: rows(|w| w.roles.as_ref()),
        links: rows(|w| w.links.as_ref()),
    }
}

/// Mentions with the role model's reading: [`mentions`], then for each person mention
/// the role probabilities and link vector at its first piece, and as `roles` the roles
/// the model gives it at even odds or better.
pub fn read(text: &str, enc: &Encoded, out: &PieceOutputs) -> Vec<Mention> {
    let mut found = mentions(text, enc, &out.tags);
    if let (Some(roles), Some(links)) = (&out.roles, &out.links) {
        for m in found.iter_mut().filter(|m| m.label.kind() == Kind::Person) {
            let Some(i) = encode::first_piece(enc, m.start) else {
                continue;
            };
            let mut probs = [0f32; MentionRole::ALL.len()];
            for (p, v) in probs.iter_mut().zip(roles.row(i)) {
                *p = *v;
            }
            let link = links.row(i);
            let half = link.len() / 2;
            let reading = RoleReading {
                probs,
                link_from: link.slice(s![..half]).to_vec(),
                link_to: link.slice(s![half..]).to_vec(),
            };
            m.roles = MentionRole::ALL
                .into_iter()
                .filter(|r| reading.prob(*r) >= 0.5)
                .collect();
            m.reading = Some(Box::new(reading));
        }
    }
    found
}

/// Mentions from piece tags, with a possessive `'s` (or a bare trailing apostrophe) and
/// stray punctuation trimmed from the edges (SPEC: the possessive is not part of a name).
/// In cased text a name has a capital letter: the uncased model now and then tags a
/// verb or a noun ("after edging Stirling"), and those are dropped.
pub fn mentions(text: &str, enc: &Encoded, tags: &[(i64, f32)]) -> Vec<Mention> {
    let chars: Vec<char> = text.chars().collect();
    let cased = chars.iter().any(|c| c.is_uppercase());
    let found = TagSet::spans(enc, tags)
        .into_iter()
        .flat_map(|(span, label, score)| {
            lines(&chars, span)
                .into_iter()
                .map(move |s| (s, label, score))
        })
        .filter_map(|(span, label, score)| {
            Some((trim_mention(&chars, unglue(&chars, span))?, label, score))
        })
        .flat_map(|(span, label, score)| {
            let spans = if label.kind() == Kind::Side && cased {
                side_spans(&chars, span)
            } else {
                vec![span]
            };
            spans.into_iter().map(move |s| (s, label, score))
        })
        .filter_map(|(span, label, score)| {
            if cased && !chars[span.start..span.end].iter().any(|c| c.is_uppercase()) {
                return None;
            }
            let text: String = chars[span.start..span.end].iter().collect();
            Some(Mention {
                score: Some(score),
                ..Mention::new(span.start, span.end, label, text)
            })
        })
        .collect();
    apostrophe_names(&chars, found)
}

/// Words that stand capitalised before a name without being part of it.
const NOT_FIRST_NAMES: [&str; 40] = [
    "a",
    "after",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "captain",
    "coach",
    "defender",
    "for",
    "forward",
    "from",
    "goalkeeper",
    "goals",
    "his",
    "if",
    "in",
    "keeper",
    "manager",
    "midfielder",
    "mr",
    "mrs",
    "ms",
    "of",
    "on",
    "or",
    "ref",
    "referee",
    "so",
    "striker",
    "substitute",
    "the",
    "then",
    "to",
    "when",
    "while",
    "with",
];

/// "Jane O'Hara": the tagger often cuts a surname at its apostrophe, tagging "Jane O"
/// and "Hara" as two names, or "Hara" alone, which coreference cannot join to
/// the full name. Two mentions with only the apostrophe between them are one; a mention
/// right after a bare capital and an apostrophe takes them back, and a person's then also
/// a capitalised word just before, unless it is a word that stands before names
/// ("Keeper", "The"), a club's name, or part of another mention.
fn apostrophe_names(chars: &[char], mut found: Vec<Mention>) -> Vec<Mention> {
    let is_apostrophe = |c: char| c == '\'' || c == '\u{2019}';
    found.sort_by_key(|m| m.start);
    let taken: Vec<(usize, usize)> = found.iter().map(|m| (m.start, m.end)).collect();
    let free = |a: usize, b: usize| taken.iter().all(|&(s, e)| e <= a || s >= b);
    let mut out: Vec<Mention> = Vec::with_capacity(found.len());
    for mut m in found {
        let s = m.start;
        let prefixed = s >= 2
            && is_apostrophe(chars[s - 1])
            && chars[s - 2].is_uppercase()
            && (s == 2 || !chars[s - 3].is_alphanumeric());
        if !prefixed {
            out.push(m);
            continue;
        }
        if let Some(prev) = out
            .last_mut()
            .filter(|p| p.end == s - 1 && p.label == m.label)
        {
            prev.end = m.end;
            prev.text = chars[prev.start..prev.end].iter().collect();
            continue;
        }
        if !free(s - 2, s) {
            out.push(m);
            continue;
        }
        let mut start = s - 2;
        let word_end = start.checked_sub(1).filter(|&i| chars[i] == ' ');
        if let (Some(end), Kind::Person) = (word_end, m.label.kind()) {
            let begin = (0..end)
                .rev()
                .find(|&i| !(chars[i].is_alphabetic() || chars[i] == '-'))
                .map_or(0, |i| i + 1);
            let word: String = chars[begin..end].iter().collect();
            let name_like = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_lowercase)
                && (begin == 0 || chars[begin - 1].is_whitespace())
                && !NOT_FIRST_NAMES.contains(&word.to_lowercase().as_str())
                && Clubs::shipped().named(&word).is_empty()
                && free(begin, end);
            if name_like {
                start = begin;
            }
        }
        m.start = start;
        m.text = chars[start..m.end].iter().collect();
        out.push(m);
    }
    out
}

/// A side's name without words the tagger glued to it (SPEC: an adjective or a noun
/// before a club name is not part of it): lowercase words at either edge ("real
/// Liverpool", "Forest woes", "upNo Wolves"), a link's verb before it ("Relive Leeds")
/// and a line-up's "XI" after it; and two
/// clubs of the club table joined by a hyphen are two mentions ("Southampton-Chelsea").
/// A capitalised first word stays: without it "Lincoln City" would be "City".
fn side_spans(chars: &[char], span: Span) -> Vec<Span> {
    let text = |s: Span| chars[s.start..s.end].iter().collect::<String>();
    let known = |s: Span| !Clubs::shipped().named(&text(s)).is_empty();
    let words = |s: Span| -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in chars.iter().enumerate().take(s.end).skip(s.start) {
            match (start, c.is_whitespace()) {
                (None, false) => start = Some(i),
                (Some(b), true) => {
                    out.push(Span::new(b, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(b) = start {
            out.push(Span::new(b, s.end));
        }
        out
    };
    let mut w = words(span);
    // A page's link opens with a capitalised verb glued to the side ("Relive Leeds v
    // Hull", "Watch Leeds highlights"): no club's name starts so.
    const LINK_WORDS: [&str; 5] = ["Relive", "Watch", "Follow", "Listen", "Visit"];
    let glued_start =
        |s: &Span| chars[s.start].is_lowercase() || LINK_WORDS.iter().any(|l| text(*s) == *l);
    while w.len() > 1 && glued_start(&w[0]) {
        w.remove(0);
    }
    // "Aston Villa XI", "Pick your Scotland XI": the line-up, not the side's name.
    let trailing = |s: &Span| {
        let word = &chars[s.start..s.end];
        !word.iter().any(|c| c.is_uppercase()) || word == ['X', 'I']
    };
    while w.len() > 1 && w.last().is_some_and(trailing) {
        w.pop();
    }
    let (Some(first), Some(last)) = (w.first().copied(), w.last().copied()) else {
        return vec![span];
    };
    let span = Span::new(first.start, last.end);
    if let Some(dash) = (span.start..span.end).find(|&i| chars[i] == '-') {
        let (left, right) = (Span::new(span.start, dash), Span::new(dash + 1, span.end));
        if !left.is_empty() && !right.is_empty() && known(left) && known(right) && !known(span) {
            return vec![left, right];
        }
    }
    vec![span]
}

/// A name never runs across a line break or a spaced dash: a caption ending "…than
/// Robert Lewandowski" above a paragraph opening "Robert Lewandowski scored" is tagged as
/// one span, which is two mentions; so is a page's sub-heading glued to its section
/// ("…cost Leeds - Hill backs his side"), where one span would make "Leeds - Hill" the
/// club's canonical name. A dash inside a word ("Saint-Maximin") is no seam.
fn lines(chars: &[char], span: Span) -> Vec<Span> {
    const DASHES: [char; 3] = ['-', '\u{2013}', '\u{2014}'];
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, &c) in chars.iter().enumerate().take(span.end).skip(span.start) {
        let spaced = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_whitespace())
        };
        if c == '\n' || (DASHES.contains(&c) && spaced(i.checked_sub(1)) && spaced(Some(i + 1))) {
            out.push(Span::new(start, i));
            start = i + 1;
        }
    }
    out.push(Span::new(start, span.end));
    out.retain(|s| !s.is_empty());
    out
}

/// Scraped pages glue a link's words to the next paragraph ("Leeds United pageGo",
/// "winEverton"): at a seam (`names::glue_seam`) the mention keeps the first piece
/// holding a capital, without the lowercase words at its end.
fn unglue(chars: &[char], span: Span) -> Span {
    let mut cuts = vec![span.start];
    let mut word_start = span.start;
    for i in span.start + 1..span.end {
        if !chars[i - 1].is_alphanumeric() {
            word_start = i;
        } else if chars[i].is_uppercase()
            && glue_seam(&chars[word_start..i].iter().collect::<String>(), chars[i])
        {
            cuts.push(i);
        }
    }
    if cuts.len() == 1 {
        return span;
    }
    cuts.push(span.end);
    cuts.windows(2)
        .map(|w| {
            let mut end = w[1];
            // Drop lowercase words left at the piece's end ("Leeds United page").
            loop {
                let word = chars[w[0]..end]
                    .iter()
                    .rposition(|c| c.is_whitespace())
                    .map_or(w[0], |p| w[0] + p + 1);
                if word > w[0] && !chars[word..end].iter().any(|c| c.is_uppercase()) {
                    end = word;
                    while end > w[0] && chars[end - 1].is_whitespace() {
                        end -= 1;
                    }
                } else {
                    break;
                }
            }
            Span::new(w[0], end)
        })
        .find(|p| chars[p.start..p.end].iter().any(|c| c.is_uppercase()))
        .unwrap_or(span)
}

fn trim_mention(chars: &[char], mut span: Span) -> Option<Span> {
    let is_apostrophe = |c: char| c == '\'' || c == '\u{2019}';
    if span.len() > 2
        && matches!(chars[span.end - 1], 's' | 'S')
        && is_apostrophe(chars[span.end - 2])
    {
        span.end -= 2;
    }
    while span.end > span.start && !chars[span.end - 1].is_alphanumeric() {
        span.end -= 1;
    }
    while span.start < span.end && !chars[span.start].is_alphanumeric() {
        span.start += 1;
    }
    (!span.is_empty()).then_some(span)
}

/// Total parameters and the tensor they live in, for reports and model cards.
pub fn parameter_count(vs: &nn::VarStore) -> i64 {
    vs.trainable_variables()
        .iter()
        .map(Tensor::numel)
        .sum::<usize>() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Label;

    fn unglued(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let s = unglue(&chars, Span::new(0, chars.len()));
        chars[s.start..s.end].iter().collect()
    }

    /// The names one tagged span of `text` (from char `start` to its end) gives.
    fn names_in(text: &str, start: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        lines(&chars, Span::new(start, chars.len()))
            .into_iter()
            .filter_map(|s| trim_mention(&chars, s))
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn a_span_across_a_line_break_is_two_names() {
        let text = "than Robert Lewandowski\n\nRobert Lewandowski";
        assert_eq!(
            names_in(text, 5),
            ["Robert Lewandowski", "Robert Lewandowski"]
        );
    }

    #[test]
    fn a_span_across_a_spaced_dash_is_two_names() {
        assert_eq!(names_in("cost Leeds - Sam Hill", 5), ["Leeds", "Sam Hill"]);
        assert_eq!(names_in("cost Leeds \u{2013} Hill", 5), ["Leeds", "Hill"]);
        assert_eq!(names_in("by Tom Saint-Reed", 3), ["Tom Saint-Reed"]);
        assert_eq!(names_in("in Leeds-Hull", 3), ["Leeds-Hull"]);
    }

    #[test]
    fn glued_page_text_is_cut_at_the_seam() {
        assert_eq!(unglued("Leeds United pageGo"), "Leeds United");
        assert_eq!(unglued("winEverton"), "Everton");
        assert_eq!(unglued("Jurgen KloppLiverpool"), "Jurgen Klopp");
        for name in [
            "Scott McTominay",
            "Alexis Mac Allister",
            "MacAllister",
            "VfL Wolfsburg",
            "Kevin De Bruyne",
            "DeAndre Yedlin",
        ] {
            assert_eq!(unglued(name), name);
        }
    }

    #[test]
    fn a_name_cut_after_its_apostrophe_takes_back_the_prefix_and_first_name() {
        // `tagged`: the one word of `text` the tagger marked, with its label.
        let fixed = |text: &str, tagged: &str, label: Label| -> String {
            let chars: Vec<char> = text.chars().collect();
            let at = text.find(tagged).expect("tagged word in text");
            let start = text[..at].chars().count();
            let end = start + tagged.chars().count();
            let found = apostrophe_names(&chars, vec![Mention::new(start, end, label, tagged)]);
            found[0].text.clone()
        };
        assert_eq!(
            fixed("a save by Jane O'Hara.", "Hara", Label::Player),
            "Jane O'Hara"
        );
        assert_eq!(
            fixed("Keeper O\u{2019}Hara saved.", "Hara", Label::Player),
            "O\u{2019}Hara"
        );
        assert_eq!(fixed("Leeds O'Hara", "Hara", Label::Player), "O'Hara");
        assert_eq!(fixed("beat Derry O'Hara", "Hara", Label::Club), "O'Hara");
        assert_eq!(fixed("saved by O'Hara", "Hara", Label::Player), "O'Hara");
        assert_eq!(fixed("a cross from JO'Hara", "Hara", Label::Player), "Hara");
        assert_eq!(fixed("Jane Hara", "Hara", Label::Player), "Hara");
        // "Jane O" and "Hara" tagged apart are one name.
        let text = "saved by Jane O'Hara.";
        let chars: Vec<char> = text.chars().collect();
        let two = vec![
            Mention::new(9, 15, Label::Player, "Jane O"),
            Mention::new(16, 20, Label::Player, "Hara"),
        ];
        let one = apostrophe_names(&chars, two);
        assert_eq!(one.len(), 1);
        assert_eq!(
            (one[0].start, one[0].end, one[0].text.as_str()),
            (9, 20, "Jane O'Hara")
        );
    }

    #[test]
    fn words_glued_to_a_side_are_not_part_of_it() {
        let sides = |text: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            side_spans(&chars, Span::new(0, chars.len()))
                .into_iter()
                .map(|s| chars[s.start..s.end].iter().collect())
                .collect()
        };
        assert_eq!(sides("real Liverpool"), ["Liverpool"]);
        assert_eq!(sides("Forest woes"), ["Forest"]);
        assert_eq!(sides("upNo Wolves"), ["Wolves"]);
        assert_eq!(sides("Southampton-Chelsea"), ["Southampton", "Chelsea"]);
        assert_eq!(sides("Aston Villa XI"), ["Aston Villa"]);
        assert_eq!(sides("Relive Aston Villa"), ["Aston Villa"]);
        for name in [
            "Real Madrid",
            "Athletic Bilbao",
            "Paris St-Germain",
            "South Korea",
            "Queens Park Rangers",
            "Brighton & Hove Albion",
            "Wolverhampton Wanderers",
            "Lincoln City",
            "Kelty Hearts",
        ] {
            assert_eq!(sides(name), [name]);
        }
    }
}
