//! An inference-only forward pass over the same weights as `model::TaggerNet`, built for
//! throughput: one fused query/key/value projection per layer, libtorch's fused
//! scaled-dot-product attention (4x faster than separate matmuls and softmax here), fp32
//! linear layers through oneDNN on CPU, and optionally int8 weights through FBGEMM's
//! int8-weight/fp32-activation linear.
//!
//! rust-bert's encoder (used for training and as the reference) computes attention as
//! separate matmuls, softmax and masking, and its layers are private, so int8 cannot be
//! swapped into it. A test checks that this path and rust-bert's give the same tags.

use super::encode::TagSet;
use super::model::{Batch, Heads, LINK_DIM, ROLES};
use super::ModelConfig;
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::path::Path;
use tch::{Device, Kind, Scalar, Tensor};

/// Weight precision of the linear layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Precision {
    Fp32,
    /// int8 weights (per-tensor affine), fp32 activations.
    Int8,
}

enum Linear {
    Fp32 {
        weight: Tensor,
        bias: Tensor,
    },
    /// fp32 through oneDNN, the weight held as a oneDNN tensor. libtorch's dense
    /// linear goes to MKL, which on AMD CPUs runs its AVX2 kernels; oneDNN picks AVX-512
    /// by CPU feature, measured 1.8x the GEMM throughput on this machine (Zen 5) for the
    /// same fp32 arithmetic.
    OneDnn {
        weight: Tensor,
        bias: Tensor,
    },
    Int8 {
        weight: Tensor,
        packed: Tensor,
        col_offsets: Tensor,
        scale: f64,
        zero_point: i64,
        bias: Tensor,
    },
}

impl Linear {
    fn new(weight: Tensor, bias: Tensor, precision: Precision) -> Linear {
        match precision {
            Precision::Fp32 if weight.device() == Device::Cpu && tch::utils::has_mkldnn() => {
                Linear::OneDnn {
                    weight: weight.to_mkldnn(),
                    bias,
                }
            }
            Precision::Fp32 => Linear::Fp32 { weight, bias },
            Precision::Int8 => quantize(weight, bias),
        }
    }

    fn forward(&self, x: &Tensor) -> Tensor {
        match self {
            Linear::Fp32 { weight, bias } => x.linear(weight, Some(bias)),
            Linear::OneDnn { weight, bias } => {
                let mut shape = x.size();
                let last = shape.len() - 1;
                let y = x
                    .reshape([-1, shape[last]])
                    .to_mkldnn()
                    .mkldnn_linear(weight, Some(bias))
                    .to_dense(None, false);
                shape[last] = y.size()[1];
                y.view(shape.as_slice())
            }
            Linear::Int8 {
                weight,
                packed,
                col_offsets,
                scale,
                zero_point,
                bias,
            } => x.fbgemm_linear_int8_weight_fp32_activation(
                weight,
                packed,
                col_offsets,
                Scalar::float(*scale),
                Scalar::int(*zero_point),
                bias,
            ),
        }
    }
}

/// Per-tensor affine int8 quantization as PyTorch's `fbgemm_linear_quantize_weight` does
/// it: range widened to include 0, zero point chosen so 0 is exact, column offsets
/// (row sums of the quantized weight minus zero point times K) for FBGEMM.
fn quantize(weight: Tensor, bias: Tensor) -> Linear {
    let min = weight.min().double_value(&[]).min(0.0);
    let max = weight.max().double_value(&[]).max(0.0);
    let scale = ((max - min) / 255.0).max(1e-12);
    let zero_point = (-128.0 - min / scale).round().clamp(-128.0, 127.0) as i64;
    let q = (&weight / scale)
        .round()
        .g_add_scalar(zero_point)
        .clamp(-128, 127)
        .to_kind(Kind::Int8);
    let k = weight.size()[1];
    let col_offsets = (q
        .to_kind(Kind::Int)
        .sum_dim_intlist([1i64].as_slice(), false, Kind::Int)
        - zero_point * k)
        .to_kind(Kind::Int);
    let packed = q.fbgemm_pack_quantized_matrix();
    let n = weight.size()[0];
    Linear::Int8 {
        // FBGEMM computes from `packed`; the weight argument only carries [out, in], so a
        // zero-stride view stands in for the 8-bit copy.
        weight: Tensor::zeros([1, 1], (Kind::Int8, q.device())).expand([n, k], false),
        packed,
        col_offsets,
        scale,
        zero_point,
        bias,
    }
}

struct Layer {
    qkv: Linear,
    out: Linear,
    ln1: (Tensor, Tensor),
    up: Linear,
    down: Linear,
    ln2: (Tensor, Tensor),
}

/// The encoder and head, ready for inference.
pub struct FastNet {
    /// Kept in the file's precision (f16): only the looked-up rows are widened, which
    /// saves a 45 MB f32 copy of a table that is mostly never read.
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    shape: Option<Tensor>,
    ln: (Tensor, Tensor),
    layers: Vec<Layer>,
    /// Every head in one product: tags, then (with a role head) roles, link_from, link_to.
    head: Linear,
    tags: i64,
    role_head: bool,
    heads: i64,
    eps: f64,
}

// SAFETY: `forward` only reads the weights (no autograd, no in-place op on them), and
// libtorch's ops are safe to run at once on shared read-only tensors (reference counts
// are atomic); this is what lets the batch runner's model workers share one copy.
unsafe impl Sync for FastNet {}

/// Named tensors of a safetensors file, handed out once each, checked against the shape
/// the configuration implies so a mismatched file fails at load with the tensor's name.
struct Weights {
    named: HashMap<String, Tensor>,
    device: Device,
    file: String,
}

impl Weights {
    fn take_raw(&mut self, name: &str, shape: &[i64]) -> Result<Tensor> {
        let t = self
            .named
            .remove(name)
            .with_context(|| format!("{}: weight {name} missing", self.file))?;
        if t.size() != shape {
            bail!(
                "{}: weight {name} has shape {:?}, the configuration implies {shape:?}",
                self.file,
                t.size()
            );
        }
        Ok(t.to_device(self.device))
    }

    fn take(&mut self, name: &str, shape: &[i64]) -> Result<Tensor> {
        Ok(self.take_raw(name, shape)?.to_kind(Kind::Float))
    }

    fn norm(&mut self, prefix: &str, h: i64) -> Result<(Tensor, Tensor)> {
        Ok((
            self.take(&format!("{prefix}.weight"), &[h])?,
            self.take(&format!("{prefix}.bias"), &[h])?,
        ))
    }

    fn dense(&mut self, prefix: &str, out: i64, inp: i64) -> Result<(Tensor, Tensor)> {
        Ok((
            self.take(&format!("{prefix}.weight"), &[out, inp])?,
            self.take(&format!("{prefix}.bias"), &[out])?,
        ))
    }
}

impl FastNet {
    /// Whether the weights include the role and link heads.
    pub fn has_role_head(&self) -> bool {
        self.role_head
    }

    /// Reads a `TaggerNet` safetensors file straight into the inference layout: each
    /// tensor is converted once and its f16 original dropped, with no randomly
    /// initialised copy of the network on the way (which is what keeps peak memory down).
    pub fn load(
        path: &Path,
        mc: &ModelConfig,
        precision: Precision,
        device: Device,
    ) -> Result<FastNet> {
        let g = mc.bert_config()?;
        let shape_classes = mc.touchline.shape_classes;
        let named = Tensor::read_safetensors(path)
            .with_context(|| format!("cannot load weights from {}", path.display()))?;
        let mut w = Weights {
            named: named.into_iter().collect(),
            device,
            file: path.display().to_string(),
        };
        let h = g.hidden_size;
        let mut layers = Vec::new();
        for i in 0..g.num_hidden_layers {
            let p = format!("bert.encoder.layer.{i}");
            let (q, qb) = w.dense(&format!("{p}.attention.self.query"), h, h)?;
            let (k, kb) = w.dense(&format!("{p}.attention.self.key"), h, h)?;
            let (v, vb) = w.dense(&format!("{p}.attention.self.value"), h, h)?;
            let (out, out_b) = w.dense(&format!("{p}.attention.output.dense"), h, h)?;
            let (up, up_b) = w.dense(&format!("{p}.intermediate.dense"), g.intermediate_size, h)?;
            let (down, down_b) = w.dense(&format!("{p}.output.dense"), h, g.intermediate_size)?;
            layers.push(Layer {
                qkv: Linear::new(
                    Tensor::cat(&[q, k, v], 0),
                    Tensor::cat(&[qb, kb, vb], 0),
                    precision,
                ),
                out: Linear::new(out, out_b, precision),
                ln1: w.norm(&format!("{p}.attention.output.LayerNorm"), h)?,
                up: Linear::new(up, up_b, precision),
                down: Linear::new(down, down_b, precision),
                ln2: w.norm(&format!("{p}.output.LayerNorm"), h)?,
            });
        }
        let tags = TagSet::default().len() as i64;
        let (mut hw, mut hb) = w.dense("classifier", tags, h)?;
        let role_head = mc.touchline.role_head;
        if role_head {
            for (name, width) in [
                ("roles", ROLES),
                ("link_from", LINK_DIM),
                ("link_to", LINK_DIM),
            ] {
                let (rw, rb) = w.dense(name, width, h)?;
                hw = Tensor::cat(&[hw, rw], 0);
                hb = Tensor::cat(&[hb, rb], 0);
            }
        }
        Ok(FastNet {
            word: w.take_raw("bert.embeddings.word_embeddings.weight", &[g.vocab_size, h])?,
            position: w.take(
                "bert.embeddings.position_embeddings.weight",
                &[g.max_position_embeddings, h],
            )?,
            token_type: w.take(
                "bert.embeddings.token_type_embeddings.weight",
                &[g.type_vocab_size, h],
            )?,
            shape: (shape_classes > 0)
                .then(|| w.take("shape_embeddings.weight", &[shape_classes, h]))
                .transpose()?,
            ln: w.norm("bert.embeddings.LayerNorm", h)?,
            layers,
            // The heads stay fp32: they are tiny and decide the tags and roles directly.
            head: Linear::new(hw, hb, Precision::Fp32),
            tags,
            role_head,
            heads: g.num_attention_heads,
            eps: mc.layer_norm_eps(),
        })
    }

    /// `layer_norm(y + residual)`, the add done in place: a fresh tensor would only
    /// double a large buffer, and fewer big allocations per layer keep peak memory down.
    fn add_norm(&self, mut y: Tensor, residual: &Tensor, (w, b): &(Tensor, Tensor)) -> Tensor {
        y += residual;
        y.layer_norm([residual.size()[2]], Some(w), Some(b), self.eps, false)
    }

    /// Every head's output (inference only; call under `no_grad`).
    pub fn forward(&self, batch: &Batch) -> Heads {
        let (b, t) = batch.ids.size2().unwrap_or((0, 0));
        let h = self.word.size()[1];
        let mut x = Tensor::embedding(&self.word, &batch.ids, -1, false, false)
            .to_kind(Kind::Float)
            + self.position.narrow(0, 0, t).unsqueeze(0)
            + self.token_type.get(0);
        if let Some(shape) = &self.shape {
            x += Tensor::embedding(shape, &batch.shapes, -1, false, false);
        }
        let mut x = x.layer_norm([h], Some(&self.ln.0), Some(&self.ln.1), self.eps, false);
        // libtorch's CPU flash-attention kernel takes the padding mask at no extra cost.
        let mask = batch.mask.to_kind(Kind::Bool).view([b, 1, 1, t]);
        let hd = h / self.heads;
        for layer in &self.layers {
            let qkv = layer
                .qkv
                .forward(&x)
                .view([b, t, 3, self.heads, hd])
                .permute([2, 0, 3, 1, 4]);
            let ctx = Tensor::scaled_dot_product_attention(
                &qkv.get(0),
                &qkv.get(1),
                &qkv.get(2),
                Some(&mask),
                0.0,
                false,
                None,
            );
            let ctx = ctx.transpose(1, 2).reshape([b, t, h]);
            x = self.add_norm(layer.out.forward(&ctx), &x, &layer.ln1);
            let mut up = layer.up.forward(&x);
            let _ = up.gelu_("none");
            let down = layer.down.forward(&up);
            drop(up);
            x = self.add_norm(down, &x, &layer.ln2);
        }
        let out = self.head.forward(&x);
        let part = |from: i64, width: i64| out.narrow(2, from, width);
        let role = |from: i64, width: i64| self.role_head.then(|| part(from, width));
        Heads {
            tags: part(0, self.tags),
            roles: role(self.tags, ROLES),
            link_from: role(self.tags + ROLES, LINK_DIM),
            link_to: role(self.tags + ROLES + LINK_DIM, LINK_DIM),
        }
    }
}
