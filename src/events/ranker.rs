//! A small learned choice among candidates, for match decisions the prose does not settle
//! in one phrase (the final score no line states, `score`): a conditional logit, one
//! weight per named feature, softmax over a decision's candidates, fitted from zero by
//! full-batch gradient ascent (so the same examples give the same weights).
//!
//! ```
//! use ndarray::array;
//! use touchline::events::ranker::{FitConfig, Ranker};
//!
//! // Two candidates per decision; the right one always has the larger first feature.
//! let examples = vec![(array![[1.0, 0.0], [0.0, 1.0]], 0), (array![[0.0, 0.0], [2.0, 1.0]], 1)];
//! let r = Ranker::fit(&examples, &["cue", "noise"], &FitConfig::default(), "two examples");
//! assert_eq!(r.best(&array![[0.0, 1.0], [1.0, 0.0]]).0, 1);
//! ```

use anyhow::{bail, Context as _, Result};
use ndarray::{Array1, Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Named weights, one per feature column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranker {
    pub features: Vec<String>,
    pub weights: Vec<f32>,
    /// What it was fitted on, for the model card.
    #[serde(default)]
    pub trained_on: String,
}

/// Options for `Ranker::fit`.
#[derive(Debug, Clone)]
pub struct FitConfig {
    pub steps: usize,
    pub lr: f32,
    /// L2 penalty on the weights.
    pub l2: f32,
}

impl Default for FitConfig {
    fn default() -> Self {
        FitConfig {
            steps: 400,
            lr: 0.1,
            l2: 1e-3,
        }
    }
}

impl Ranker {
    /// Reads weights for `features` (in order) from a JSON file.
    pub fn load(path: &Path, features: &[&str]) -> Result<Ranker> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read ranker {}", path.display()))?;
        Self::parse(&text, features, &path.display().to_string())
    }

    /// Reads weights for `features` from JSON text (`file` names its source in errors).
    pub fn parse(text: &str, features: &[&str], file: &str) -> Result<Ranker> {
        let r: Ranker =
            serde_json::from_str(text).with_context(|| format!("{file}: not a ranker"))?;
        if r.features != features || r.weights.len() != features.len() {
            bail!(
                "{file}: its features are not this build's ({} weights for {:?}); refit it (touchline train --score or --article)",
                r.weights.len(),
                r.features
            );
        }
        Ok(r)
    }

    /// Writes the weights as pretty JSON, atomically (what `load` reads), making its folder
    /// when missing.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_string_pretty(self)?;
        // `--out` may name a folder that does not exist yet.
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        crate::export::write_atomic(path, format!("{json}\n").as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Each candidate's probability; `x` holds one row of features per candidate.
    pub fn probabilities(&self, x: &Array2<f32>) -> Array1<f32> {
        softmax(&x.dot(&Array1::from(self.weights.clone())))
    }

    /// The most probable candidate's row and its probability.
    pub fn best(&self, x: &Array2<f32>) -> (usize, f32) {
        self.probabilities(x)
            .iter()
            .copied()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap_or((0, 0.0))
    }

    /// Fits weights for `features` to decisions whose right candidate is known.
    pub fn fit(
        examples: &[(Array2<f32>, usize)],
        features: &[&str],
        config: &FitConfig,
        trained_on: &str,
    ) -> Ranker {
        let mut w = Array1::<f32>::zeros(features.len());
        for _ in 0..config.steps {
            let mut grad = Array1::<f32>::zeros(features.len());
            for (x, y) in examples {
                grad += &gradient(x.view(), *y, &w);
            }
            let n = examples.len().max(1) as f32;
            w = &w + &((grad / n - &w * config.l2) * config.lr);
        }
        Ranker {
            features: features.iter().map(|f| f.to_string()).collect(),
            weights: w.to_vec(),
            trained_on: trained_on.to_string(),
        }
    }

    /// Share of `examples` whose right candidate ranks first.
    pub fn accuracy(&self, examples: &[(Array2<f32>, usize)]) -> f64 {
        let right = examples
            .iter()
            .filter(|(x, y)| self.best(x).0 == *y)
            .count();
        right as f64 / examples.len().max(1) as f64
    }
}

/// d log p(y) / d w for one decision: the right row's features minus their expectation.
fn gradient(x: ArrayView2<f32>, y: usize, w: &Array1<f32>) -> Array1<f32> {
    let p = softmax(&x.dot(w));
    &x.row(y) - &p.dot(&x)
}

fn softmax(s: &Array1<f32>) -> Array1<f32> {
    let max = s.fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let e = s.mapv(|v| (v - max).exp());
    let z = e.sum();
    e / z
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn fitting_learns_what_the_examples_reward() {
        // The right candidate has the cue; noise is on the wrong one as often as not.
        let examples: Vec<_> = (0..20)
            .map(|i| {
                let noise = (i % 2) as f32;
                (array![[0.0, noise], [1.0, 1.0 - noise]], 1)
            })
            .collect();
        let r = Ranker::fit(&examples, &["cue", "noise"], &FitConfig::default(), "test");
        assert_eq!(r.accuracy(&examples), 1.0);
        assert!(
            r.weights[0] > 1.0 && r.weights[1].abs() < 0.1,
            "{:?}",
            r.weights
        );
    }

    #[test]
    fn weights_for_other_features_are_refused() {
        let text = r#"{"features": ["a"], "weights": [1.0]}"#;
        assert!(Ranker::parse(text, &["a"], "f").is_ok());
        let err = Ranker::parse(text, &["a", "b"], "old.json").unwrap_err();
        assert!(format!("{err:#}").contains("old.json"));
    }
}
