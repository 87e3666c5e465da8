//! `touchline train --article`: fits the article ranker (`events::article`) to the kinds
//! the data's own index gives real articles. `scripts/silver --articles` extracts the
//! even-id BBC 2004 and BBC 2022 articles (never a real-dev or real-test report; the BBC
//! 2022 ones also without their title line) and writes each record's kind beside them.
//! Here the relation stage reads each record again, and every article in which it finds
//! two sides lends an example: how it reads, and whether it is a match report.
//!
//! ```no_run
//! use touchline::train::article::{train_article, ArticleTrainConfig};
//!
//! let s = train_article(&ArticleTrainConfig::default())?;
//! println!("{} articles, right on {:.3}", s.examples, s.right);
//! # anyhow::Ok(())
//! ```

use crate::doc::{Doc, Record};
use crate::events::article::FEATURES;
use crate::events::ranker::{FitConfig, Ranker};
use crate::events::{EventsConfig, MatchCheck};
use crate::export::read_records;
use crate::pipeline::{self, PipelineConfig};
use anyhow::{bail, Context, Result};
use ndarray::Array2;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

pub struct ArticleTrainConfig {
    /// Extracted articles (`scripts/silver --articles`, built when missing); their kinds
    /// are read from the same path with `.tsv` for `.jsonl`.
    pub silver: PathBuf,
    pub out: PathBuf,
    pub fit: FitConfig,
}

impl Default for ArticleTrainConfig {
    fn default() -> Self {
        ArticleTrainConfig {
            silver: PathBuf::from("target/silver/articles.jsonl"),
            out: PathBuf::from("models/article-ranker.json"),
            // Five times the score ranker's steps: with one not-a-report for every
            // eighteen reports, the rare answer's weights are slow to grow from zero
            // (400 steps: 0.949 right on the examples, the rule alone 0.946; 2000: 0.979).
            fit: FitConfig {
                steps: 2000,
                ..FitConfig::default()
            },
        }
    }
}

pub struct ArticleSummary {
    /// Articles in which the relation stage found two sides, and of them match reports.
    pub examples: usize,
    pub match_reports: usize,
    /// Articles left out: no two sides found (they give no match anyway), or no kind.
    pub skipped: usize,
    /// Share of the examples the fitted ranker gets right, and the rule before it.
    pub right: f64,
    pub rule_right: f64,
}

/// Fitting examples from extracted articles and their kinds.
#[derive(Default)]
pub struct Examples {
    pub data: Vec<(Array2<f32>, usize)>,
    pub match_reports: usize,
    /// How many of them the rule before the ranker gets right (every one is a match to
    /// it: it already let them through).
    pub rule_right: usize,
    pub skipped: usize,
}

/// Relates each record again and keeps how each article naming two sides reads.
pub fn examples(records: Vec<Record>, kinds: &HashMap<String, bool>) -> Examples {
    let config = PipelineConfig {
        events: EventsConfig {
            match_check: MatchCheck::Rule,
            ..EventsConfig::default()
        },
        ..PipelineConfig::default()
    };
    let mut out = Examples::default();
    for record in records {
        let kind = kinds.get(&record.id).copied();
        let mut doc = Doc::from(record);
        let shape = pipeline::relate(&mut doc, &config).article;
        let (Some(shape), Some(match_report)) = (shape, kind) else {
            out.skipped += 1;
            continue;
        };
        out.match_reports += usize::from(match_report);
        out.rule_right += usize::from(match_report && doc.match_info.is_some());
        out.data.push(shape.example(match_report));
    }
    out
}

/// Record id -> match report or not, from `id<TAB>yes|no` lines.
pub fn read_kinds(path: &Path) -> Result<HashMap<String, bool>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut kinds = HashMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let kind = match line.split_once('\t') {
            Some((id, "yes")) => (id, true),
            Some((id, "no")) => (id, false),
            _ => bail!(
                "{}:{}: expected `id<TAB>yes` or `id<TAB>no`, found {line:?}",
                path.display(),
                n + 1
            ),
        };
        kinds.insert(kind.0.to_string(), kind.1);
    }
    Ok(kinds)
}

/// Fits the ranker to the extracted articles and writes it to `config.out`.
pub fn train_article(config: &ArticleTrainConfig) -> Result<ArticleSummary> {
    let labels = config.silver.with_extension("tsv");
    if !config.silver.exists() || !labels.exists() {
        super::run_script(
            "scripts/silver",
            &[OsStr::new("--articles"), config.silver.as_os_str()],
        )?;
    }
    let kinds = read_kinds(&labels)?;
    let records = read_records(&config.silver)?.all()?;
    let ex = examples(records, &kinds);
    let trained_on = format!(
        "{} BBC 2004 and BBC 2022 articles (even ids; BBC 2022 with and without the title line) that name two sides, {} of them match reports by the data's index: {}",
        ex.data.len(),
        ex.match_reports,
        config.silver.display()
    );
    let ranker = Ranker::fit(&ex.data, &FEATURES, &config.fit, &trained_on);
    ranker.save(&config.out)?;
    let n = ex.data.len().max(1) as f64;
    Ok(ArticleSummary {
        right: ranker.accuracy(&ex.data),
        rule_right: ex.rule_right as f64 / n,
        examples: ex.data.len(),
        match_reports: ex.match_reports,
        skipped: ex.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_and_a_garbage_line_is_named() {
        let dir = std::env::temp_dir().join(format!("touchline-kinds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("articles.tsv");
        std::fs::write(&file, "bbc2004/002\tno\nbbc2022/64083700\tyes\n").unwrap();
        let kinds = read_kinds(&file).unwrap();
        assert_eq!(kinds.get("bbc2004/002"), Some(&false));
        assert_eq!(kinds.get("bbc2022/64083700"), Some(&true));
        std::fs::write(&file, "bbc2004/002\tno\nbbc2004/004 maybe\n").unwrap();
        let err = read_kinds(&file).unwrap_err().to_string();
        assert!(err.contains("articles.tsv:2"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
