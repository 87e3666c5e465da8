//! The network: rust-bert's BERT encoder fed through `input_embeds` (word-piece
//! embeddings plus a learned word-shape embedding that gives the uncased base its
//! capitalisation signal back), then heads over the last hidden layer: a linear
//! token-classification head over BIO tags, and, when the model has one, the role head
//! (for each word piece, sigmoid scores for the [`MentionRole`]s a person mention
//! starting there plays in its sentence) and the link head (two projections whose dot
//! product scores whether an assister, shooter or player going off belongs to the event
//! of a scorer, keeper or player coming on).
//!
//! Variable names follow Hugging Face's `BertForTokenClassification` (`bert.…`,
//! `classifier.…`; the shape table is `shape_embeddings.weight`; the role heads are
//! `roles.…`, `link_from.…`, `link_to.…`), so the same safetensors file loads in both.

use super::encode::{Encoded, SHAPE_SPECIAL};
use crate::doc::MentionRole;
use anyhow::{Context, Result};
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use std::ops::Range;
use tch::{nn, nn::Module, Device, Kind, Tensor};

/// Width of each half of a mention's link vector.
pub const LINK_DIM: i64 = 64;

/// The optimizer group of the role and link heads.
pub const ROLE_GROUP: usize = 1;

/// Columns of the role head: one per [`MentionRole`].
pub const ROLES: i64 = MentionRole::ALL.len() as i64;

pub struct TaggerNet {
    bert: BertModel<BertEmbeddings>,
    word_embeddings: Tensor,
    shape_embeddings: Option<nn::Embedding>,
    dropout: f64,
    classifier: nn::Linear,
    roles: Option<RoleHeads>,
}

struct RoleHeads {
    roles: nn::Linear,
    link_from: nn::Linear,
    link_to: nn::Linear,
}

/// What one forward pass gives, each `[batch, len, …]`: tag logits, and with a role
/// head, role logits and the two link projections.
pub struct Heads {
    pub tags: Tensor,
    pub roles: Option<Tensor>,
    pub link_from: Option<Tensor>,
    pub link_to: Option<Tensor>,
}

impl TaggerNet {
    /// Builds the variables under `root`; `shape_classes` = 0 leaves the shape signal out.
    pub fn new(
        vs: &nn::VarStore,
        config: &BertConfig,
        num_tags: i64,
        shape_classes: i64,
        role_head: bool,
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
        // The role heads learn in optimizer group 1, which training gives a larger
        // learning rate: they start from nothing while the encoder is pretrained.
        let heads = root.set_group(ROLE_GROUP);
        let head = |name: &str, width: i64| {
            let at = if name == "classifier" { &root } else { &heads };
            nn::linear(
                at / name,
                config.hidden_size,
                width,
                nn::LinearConfig {
                    ws_init: nn::Init::Randn {
                        mean: 0.0,
                        stdev: f64::from(config.initializer_range),
                    },
                    ..Default::default()
                },
            )
        };
        Ok(TaggerNet {
            bert,
            word_embeddings,
            shape_embeddings,
            dropout: config.hidden_dropout_prob,
            classifier: head("classifier", num_tags),
            roles: role_head.then(|| RoleHeads {
                roles: head("roles", ROLES),
                link_from: head("link_from", LINK_DIM),
                link_to: head("link_to", LINK_DIM),
            }),
        })
    }

    /// Every head's output for a batch.
    pub fn forward_t(&self, batch: &Batch, train: bool) -> Result<Heads> {
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
        let role =
            |f: fn(&RoleHeads) -> &nn::Linear| self.roles.as_ref().map(|r| f(r).forward(&hidden));
        Ok(Heads {
            tags: self.classifier.forward(&hidden),
            roles: role(|r| &r.roles),
            link_from: role(|r| &r.link_from),
            link_to: role(|r| &r.link_to),
        })
    }
}

/// Training targets for one encoded text.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// Per piece: its BIO tag id, or `IGNORE`.
    pub tags: Vec<i64>,
    /// Per piece: the roles of the person mention whose first piece it is, in a text
    /// whose roles are marked (an unmarked person mention: all zero); `None` elsewhere.
    /// A negative value is a role the text does not tell (silver labels vouch for goals
    /// only), left out of the loss.
    pub roles: Vec<Option<[f32; ROLES as usize]>>,
    /// (first piece of a joining mention, first piece of an event's primary mention,
    /// whether the first belongs to the second's event), within one sentence.
    pub links: Vec<(usize, usize, bool)>,
}

/// Model inputs for a batch of windows, padded to the longest.
pub struct Batch {
    pub ids: Tensor,
    pub shapes: Tensor,
    pub mask: Tensor,
    /// Training targets, when built from windows that all carry them.
    pub targets: Option<BatchTargets>,
}

/// A batch's training targets as tensors.
pub struct BatchTargets {
    /// `[batch, len]` tag ids (`IGNORE` where none).
    pub tags: Tensor,
    /// `[batch, len, roles]` targets and the same-shaped mask of those that count.
    pub roles: Tensor,
    pub role_mask: Tensor,
    /// Flat `batch * len` positions of linked pairs and their labels (0 or 1).
    pub link_from: Tensor,
    pub link_to: Tensor,
    pub link_labels: Tensor,
}

/// One window of one encoded text: pieces `range`, framed by [CLS] and [SEP].
pub struct Window<'a> {
    pub enc: &'a Encoded,
    pub range: Range<usize>,
    pub targets: Option<&'a Targets>,
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
        for (b, w) in windows.iter().enumerate() {
            let row = b * len;
            ids[row] = cls;
            mask[row] = 1;
            for (j, i) in w.range.clone().enumerate() {
                ids[row + 1 + j] = w.enc.ids[i];
                shapes[row + 1 + j] = w.enc.shapes[i];
                mask[row + 1 + j] = 1;
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
        let with_targets = n > 0 && windows.iter().all(|w| w.targets.is_some());
        Batch {
            ids: t(ids),
            shapes: t(shapes),
            mask: t(mask),
            targets: with_targets.then(|| BatchTargets::new(windows, len, device)),
        }
    }
}

impl BatchTargets {
    fn new(windows: &[Window], len: usize, device: Device) -> BatchTargets {
        let n = windows.len();
        let r = ROLES as usize;
        let mut tags = vec![super::encode::IGNORE; n * len];
        let mut roles = vec![0f32; n * len * r];
        let mut role_mask = vec![0f32; n * len * r];
        let (mut from, mut to, mut labels) = (Vec::new(), Vec::new(), Vec::new());
        for (b, w) in windows.iter().enumerate() {
            let Some(t) = w.targets else { continue };
            // Position of piece `i` of the text in the flat batch, if in this window.
            let at = |i: usize| {
                w.range
                    .contains(&i)
                    .then(|| b * len + 1 + i - w.range.start)
            };
            for i in w.range.clone() {
                let p = b * len + 1 + i - w.range.start;
                tags[p] = t.tags[i];
                if let Some(v) = t.roles.get(i).copied().flatten() {
                    for (k, x) in v.iter().enumerate() {
                        roles[p * r + k] = x.max(0.0);
                        role_mask[p * r + k] = if *x >= 0.0 { 1.0 } else { 0.0 };
                    }
                }
            }
            for &(a, e, belongs) in &t.links {
                if let (Some(a), Some(e)) = (at(a), at(e)) {
                    from.push(a as i64);
                    to.push(e as i64);
                    labels.push(if belongs { 1f32 } else { 0.0 });
                }
            }
        }
        BatchTargets {
            tags: Tensor::from_slice(&tags)
                .view([n as i64, len as i64])
                .to_device(device),
            roles: Tensor::from_slice(&roles)
                .view([n as i64, len as i64, ROLES])
                .to_device(device),
            role_mask: Tensor::from_slice(&role_mask)
                .view([n as i64, len as i64, ROLES])
                .to_device(device),
            link_from: Tensor::from_slice(&from).to_device(device),
            link_to: Tensor::from_slice(&to).to_device(device),
            link_labels: Tensor::from_slice(&labels).to_device(device),
        }
    }
}

/// Weights of the role and link losses beside the tag loss.
#[derive(Debug, Clone, Copy)]
pub struct LossWeights {
    pub roles: f64,
    pub links: f64,
}

/// Cross-entropy over the pieces that have a tag target, plus (with a role head) binary
/// cross-entropy over the marked mentions' roles and over the candidate links.
pub fn loss(heads: &Heads, t: &BatchTargets, weights: LossWeights) -> Tensor {
    let tags = heads.tags.size()[2];
    let mut total = heads
        .tags
        .view([-1, tags])
        .to_kind(Kind::Float)
        .cross_entropy_loss::<Tensor>(
            &t.tags.view([-1]),
            None,
            tch::Reduction::Mean,
            super::encode::IGNORE,
            0.0,
        );
    if let Some(roles) = &heads.roles {
        // Averaged over the marked mentions (pieces with any role that counts), each
        // summing its roles' losses.
        let marked = t.role_mask.amax([-1i64].as_slice(), false).sum(Kind::Float);
        if marked.double_value(&[]) > 0.0 {
            let per = roles.binary_cross_entropy_with_logits::<Tensor>(
                &t.roles,
                None,
                None,
                tch::Reduction::None,
            );
            total += (per * &t.role_mask).sum(Kind::Float) / marked * weights.roles;
        }
    }
    if let (Some(from), Some(to)) = (&heads.link_from, &heads.link_to) {
        if t.link_labels.numel() > 0 {
            let d = from.size()[2];
            let a = from.view([-1, d]).index_select(0, &t.link_from);
            let b = to.view([-1, d]).index_select(0, &t.link_to);
            let scores =
                (a * b).sum_dim_intlist([-1i64].as_slice(), false, Kind::Float) / (d as f64).sqrt();
            total += scores.binary_cross_entropy_with_logits::<Tensor>(
                &t.link_labels,
                None,
                None,
                tch::Reduction::Mean,
            ) * weights.links;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::encode::Encoder;

    /// Silver labels vouch for goal roles only: a role marked negative must not count,
    /// whatever the model says for it, while the roles that are told still do.
    #[test]
    fn roles_a_text_does_not_tell_are_left_out_of_the_loss() {
        let encoder =
            Encoder::from_file(std::path::Path::new("models/touchline-ner/tokenizer.json"))
                .unwrap();
        let enc = encoder.encode("Saka scored twice").unwrap();
        let keeper = MentionRole::Keeper.index();
        let mut marks = [0f32; ROLES as usize];
        marks[MentionRole::Scorer.index()] = 1.0;
        marks[keeper] = -1.0;
        let targets = Targets {
            // Every piece tagged O (tag 0): a constant tag loss under zero logits.
            tags: vec![0; enc.len()],
            roles: (0..enc.len()).map(|i| (i == 0).then_some(marks)).collect(),
            links: Vec::new(),
        };
        let windows = [Window {
            enc: &enc,
            range: 0..enc.len(),
            targets: Some(&targets),
        }];
        let batch = Batch::new(
            &windows,
            encoder.cls,
            encoder.sep,
            encoder.pad,
            0,
            Device::Cpu,
        );
        let t = batch.targets.unwrap();
        // The text's first piece sits after [CLS].
        let mask = Vec::<f32>::try_from(t.role_mask.get(0).get(1)).unwrap();
        let want: Vec<f32> = (0..ROLES as usize)
            .map(|k| if k == keeper { 0.0 } else { 1.0 })
            .collect();
        assert_eq!(mask, want);
        let len = t.roles.size()[1];
        let loss_with = |keeper_logit: f64, scorer_logit: f64| {
            let roles = Tensor::zeros([1, len, ROLES], (Kind::Float, Device::Cpu));
            let _ = roles.get(0).get(1).get(keeper as i64).fill_(keeper_logit);
            let _ = roles
                .get(0)
                .get(1)
                .get(MentionRole::Scorer.index() as i64)
                .fill_(scorer_logit);
            let heads = Heads {
                tags: Tensor::zeros([1, len, 3], (Kind::Float, Device::Cpu)),
                roles: Some(roles),
                link_from: None,
                link_to: None,
            };
            let weights = LossWeights {
                roles: 1.0,
                links: 0.0,
            };
            loss(&heads, &t, weights).double_value(&[])
        };
        assert_eq!(loss_with(-5.0, 0.0), loss_with(5.0, 0.0));
        assert!(loss_with(0.0, 5.0) < loss_with(0.0, -5.0));
    }
}
