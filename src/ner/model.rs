//! The network: rust-bert's BERT encoder fed through `input_embeds` (word-piece
//! embeddings plus a learned word-shape embedding that gives the uncased base its
//! capitalisation signal back), then a linear token-classification head over BIO tags.
//!
//! Variable names follow Hugging Face's `BertForTokenClassification` (`bert.…`,
//! `classifier.…`; the shape table is `shape_embeddings.weight`), so the same
//! safetensors file loads in both.

use super::encode::{Encoded, SHAPE_SPECIAL};
use anyhow::{Context, Result};
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use std::ops::Range;
use tch::{nn, nn::Module, Device, Kind, Tensor};

pub struct TaggerNet {
    bert: BertModel<BertEmbeddings>,
    word_embeddings: Tensor,
    shape_embeddings: Option<nn::Embedding>,
    dropout: f64,
    classifier: nn::Linear,
}

impl TaggerNet {
    /// Builds the variables under `root`; `shape_classes` = 0 leaves the shape signal out.
    pub fn new(
        vs: &nn::VarStore,
        config: &BertConfig,
        num_tags: i64,
        shape_classes: i64,
    ) -> Result<TaggerNet> {
        let root = vs.root();
        let bert =
            BertModel::<BertEmbeddings>::new_with_optional_pooler(&root / "bert", config, false);
        let word_embeddings = vs
            .variables()
            .remove("bert.embeddings.word_embeddings.weight")
            .context("BERT has no word embedding table")?;
        // Zero-initialised so the pretrained encoder starts exactly as it was trained.
        let shape_embeddings = (shape_classes > 0).then(|| {
            nn::embedding(
                &root / "shape_embeddings",
                shape_classes,
                config.hidden_size,
                nn::EmbeddingConfig {
                    ws_init: nn::Init::Const(0.0),
                    ..Default::default()
                },
            )
        });
        let classifier = nn::linear(
            &root / "classifier",
            config.hidden_size,
            num_tags,
            nn::LinearConfig {
                ws_init: nn::Init::Randn {
                    mean: 0.0,
                    stdev: f64::from(config.initializer_range),
                },
                ..Default::default()
            },
        );
        Ok(TaggerNet {
            bert,
            word_embeddings,
            shape_embeddings,
            dropout: config.hidden_dropout_prob,
            classifier,
        })
    }

    /// Logits `[batch, len, tags]`.
    pub fn forward_t(&self, batch: &Batch, train: bool) -> Result<Tensor> {
        let mut embeds = Tensor::embedding(&self.word_embeddings, &batch.ids, -1, false, false);
        if let Some(shape) = &self.shape_embeddings {
            embeds += shape.forward(&batch.shapes);
        }
        let out = self
            .bert
            .forward_t(
                None,
                Some(&batch.mask),
                None,
                None,
                Some(&embeds),
                None,
                None,
                train,
            )
            .map_err(|e| anyhow::anyhow!("BERT forward failed: {e}"))?;
        let hidden = out.hidden_state.dropout(self.dropout, train);
        Ok(self.classifier.forward(&hidden))
    }
}

/// Model inputs for a batch of windows, padded to the longest.
pub struct Batch {
    pub ids: Tensor,
    pub shapes: Tensor,
    pub mask: Tensor,
    /// Training targets (`IGNORE` where none), when built with targets.
    pub targets: Option<Tensor>,
}

/// One window of one encoded text: pieces `range`, framed by [CLS] and [SEP].
pub struct Window<'a> {
    pub enc: &'a Encoded,
    pub range: Range<usize>,
    pub targets: Option<&'a [i64]>,
}

impl Batch {
    /// `min_len` pads every row to at least that many pieces: inference pads to the
    /// window size so that all batches have one shape, which keeps the allocator from
    /// fragmenting (flat memory) and makes results independent of batch composition.
    pub fn new(
        windows: &[Window],
        cls: i64,
        sep: i64,
        pad: i64,
        min_len: usize,
        device: Device,
    ) -> Batch {
        let len = windows
            .iter()
            .map(|w| w.range.len() + 2)
            .max()
            .unwrap_or(2)
            .max(min_len);
        let n = windows.len();
        let mut ids = vec![pad; n * len];
        let mut shapes = vec![SHAPE_SPECIAL; n * len];
        let mut mask = vec![0i64; n * len];
        let with_targets = windows.iter().all(|w| w.targets.is_some()) && n > 0;
        let mut targets = vec![super::encode::IGNORE; n * len];
        for (b, w) in windows.iter().enumerate() {
            let row = b * len;
            ids[row] = cls;
            mask[row] = 1;
            for (j, i) in w.range.clone().enumerate() {
                ids[row + 1 + j] = w.enc.ids[i];
                shapes[row + 1 + j] = w.enc.shapes[i];
                mask[row + 1 + j] = 1;
                if let Some(t) = w.targets {
                    targets[row + 1 + j] = t[i];
                }
            }
            let end = row + 1 + w.range.len();
            ids[end] = sep;
            mask[end] = 1;
        }
        let t = |v: Vec<i64>| {
            Tensor::from_slice(&v)
                .view([n as i64, len as i64])
                .to_device(device)
        };
        Batch {
            ids: t(ids),
            shapes: t(shapes),
            mask: t(mask),
            targets: with_targets.then(|| t(targets)),
        }
    }
}

/// Cross-entropy over the pieces that have a target.
pub fn loss(logits: &Tensor, targets: &Tensor) -> Tensor {
    let tags = logits.size()[2];
    logits
        .view([-1, tags])
        .to_kind(Kind::Float)
        .cross_entropy_loss::<Tensor>(
            &targets.view([-1]),
            None,
            tch::Reduction::Mean,
            super::encode::IGNORE,
            0.0,
        )
}
