//! An inference-only forward pass over the same weights as `model::TaggerNet`, built for
//! throughput: one fused query/key/value projection per layer, libtorch's fused
//! scaled-dot-product attention (4x faster than separate matmuls and softmax here), and
//! optionally int8 weights through FBGEMM's int8-weight/fp32-activation linear.
//!
//! rust-bert's encoder (used for training and as the reference) computes attention as
//! separate matmuls, softmax and masking, and its layers are private, so int8 cannot be
//! swapped into it. A test checks that this path and rust-bert's give the same tags.

use super::model::Batch;
use anyhow::{Context, Result};
use tch::{nn, Kind, Scalar, Tensor};

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
            Precision::Fp32 => Linear::Fp32 { weight, bias },
            Precision::Int8 => quantize(weight, bias),
        }
    }

    fn forward(&self, x: &Tensor) -> Tensor {
        match self {
            Linear::Fp32 { weight, bias } => x.linear(weight, Some(bias)),
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
    Linear::Int8 {
        weight: q,
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
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    shape: Option<Tensor>,
    ln: (Tensor, Tensor),
    layers: Vec<Layer>,
    classifier: Linear,
    heads: i64,
    eps: f64,
}

impl FastNet {
    /// Takes the weights of a loaded `TaggerNet` var store.
    pub fn new(
        vs: &nn::VarStore,
        heads: i64,
        layers: i64,
        eps: f64,
        precision: Precision,
    ) -> Result<FastNet> {
        let vars = vs.variables();
        let get = |name: &str| -> Result<Tensor> {
            vars.get(name)
                .map(|t| t.detach())
                .with_context(|| format!("weight {name} missing"))
        };
        let ln = |p: &str| -> Result<(Tensor, Tensor)> {
            Ok((get(&format!("{p}.weight"))?, get(&format!("{p}.bias"))?))
        };
        let linear = |p: &str| -> Result<Linear> {
            Ok(Linear::new(
                get(&format!("{p}.weight"))?,
                get(&format!("{p}.bias"))?,
                precision,
            ))
        };
        let mut out = Vec::new();
        for i in 0..layers {
            let p = format!("bert.encoder.layer.{i}");
            let part = |n: &str, w: &str| get(&format!("{p}.attention.self.{n}.{w}"));
            let qkv_w = Tensor::cat(
                &[
                    part("query", "weight")?,
                    part("key", "weight")?,
                    part("value", "weight")?,
                ],
                0,
            );
            let qkv_b = Tensor::cat(
                &[
                    part("query", "bias")?,
                    part("key", "bias")?,
                    part("value", "bias")?,
                ],
                0,
            );
            out.push(Layer {
                qkv: Linear::new(qkv_w, qkv_b, precision),
                out: linear(&format!("{p}.attention.output.dense"))?,
                ln1: ln(&format!("{p}.attention.output.LayerNorm"))?,
                up: linear(&format!("{p}.intermediate.dense"))?,
                down: linear(&format!("{p}.output.dense"))?,
                ln2: ln(&format!("{p}.output.LayerNorm"))?,
            });
        }
        Ok(FastNet {
            word: get("bert.embeddings.word_embeddings.weight")?,
            position: get("bert.embeddings.position_embeddings.weight")?,
            token_type: get("bert.embeddings.token_type_embeddings.weight")?,
            shape: vars.get("shape_embeddings.weight").map(Tensor::detach),
            ln: ln("bert.embeddings.LayerNorm")?,
            layers: out,
            // The head stays fp32: it is tiny and decides the tags directly.
            classifier: Linear::new(
                get("classifier.weight")?,
                get("classifier.bias")?,
                Precision::Fp32,
            ),
            heads,
            eps,
        })
    }

    /// Logits `[batch, len, tags]` (inference only; call under `no_grad`).
    pub fn forward(&self, batch: &Batch) -> Tensor {
        let (b, t) = batch.ids.size2().unwrap_or((0, 0));
        let h = self.word.size()[1];
        let mut x = Tensor::embedding(&self.word, &batch.ids, -1, false, false)
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
            x = (layer.out.forward(&ctx) + &x).layer_norm(
                [h],
                Some(&layer.ln1.0),
                Some(&layer.ln1.1),
                self.eps,
                false,
            );
            let up = layer.up.forward(&x).gelu("none");
            x = (layer.down.forward(&up) + &x).layer_norm(
                [h],
                Some(&layer.ln2.0),
                Some(&layer.ln2.1),
                self.eps,
                false,
            );
        }
        self.classifier.forward(&x)
    }
}

/// Reads `num_attention_heads`, `num_hidden_layers` and `layer_norm_eps` from a BERT
/// configuration.
pub fn geometry(bert: &serde_json::Map<String, serde_json::Value>) -> (i64, i64, f64) {
    let int = |k: &str, d: i64| bert.get(k).and_then(|v| v.as_i64()).unwrap_or(d);
    (
        int("num_attention_heads", 12),
        int("num_hidden_layers", 6),
        bert.get("layer_norm_eps")
            .and_then(|v| v.as_f64())
            .unwrap_or(1e-12),
    )
}
