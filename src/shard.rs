//! Splitting one `extract` run over many machines: shard `K` of `N` takes the reports
//! whose id hashes to `K` modulo `N`, so `N` workers given the same folder take disjoint
//! parts that together cover it, with no coordinator and no shared state. The hash is
//! XXH3-64 of the id's bytes (the report's path relative to its folder, `/`-separated,
//! without extension; see [`crate::ingest`]), so a report's shard is the same on every
//! machine, whatever the listing order, and adding reports to a folder never moves the
//! reports already there. [`crate::merge`] joins the shards' outputs again.
//!
//! The index comes from `--shard K/N` or, on a batch engine, from its own variable
//! ([`Shard::from_env`]): `JOB_COMPLETION_INDEX` in a Kubernetes Indexed Job,
//! `SLURM_ARRAY_TASK_ID` in a Slurm job array.
//!
//! ```
//! use touchline::shard::Shard;
//!
//! let shard: Shard = "1/3".parse().unwrap();
//! let ids = ["cup/final", "league/r1", "league/r2", "friendly"];
//! // Every id falls in exactly one of the three shards.
//! for id in ids {
//!     let owners = (0..3).filter(|k| Shard::new(*k, 3).unwrap().contains(id)).count();
//!     assert_eq!(owners, 1);
//! }
//! assert_eq!(shard.contains("cup/final"), Shard::new(1, 3).unwrap().contains("cup/final"));
//! assert!("3/3".parse::<Shard>().is_err());
//!
//! let env = |name: &str| (name == "SLURM_ARRAY_TASK_ID").then(|| "2".to_string());
//! assert_eq!(Shard::from_env(3, env).unwrap(), Shard::new(2, 3).unwrap());
//! ```

use crate::ingest::Input;
use anyhow::{bail, Context, Result};
use std::fmt;
use std::str::FromStr;
use xxhash_rust::xxh3::xxh3_64;

/// The variables batch engines set to a worker's index, in the order they are read:
/// Kubernetes Indexed Jobs, then Slurm job arrays.
pub const INDEX_VARIABLES: [&str; 2] = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

/// Which part of the input a run takes: shard `index` of `count`. The default, 0 of 1,
/// is the whole input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u32,
    count: u32,
}

impl Default for Shard {
    fn default() -> Shard {
        Shard { index: 0, count: 1 }
    }
}

impl Shard {
    /// Shard `index` of `count`; `index` must be below `count`.
    pub fn new(index: u32, count: u32) -> Result<Shard> {
        if count == 0 {
            bail!("the number of shards must be at least 1");
        }
        if index >= count {
            bail!(
                "shard index {index} is out of range for {count} shards (0 to {})",
                count - 1
            );
        }
        Ok(Shard { index, count })
    }

    /// Shard K of `count`, K read from the first of [`INDEX_VARIABLES`] that `var` (the
    /// environment, as `|name| std::env::var(name).ok()`) has.
    pub fn from_env(count: u32, var: impl Fn(&str) -> Option<String>) -> Result<Shard> {
        let Some((name, value)) = INDEX_VARIABLES
            .iter()
            .find_map(|name| var(name).map(|value| (name, value)))
        else {
            bail!(
                "--shard-from-env: neither {} is set (they are set by a Kubernetes Indexed Job and a Slurm job array)",
                INDEX_VARIABLES.join(" nor ")
            );
        };
        let index = value
            .trim()
            .parse::<u32>()
            .with_context(|| format!("--shard-from-env: {name}={value:?} is not a shard index"))?;
        Shard::new(index, count).with_context(|| format!("--shard-from-env: {name}={value}"))
    }

    pub fn index(&self) -> u32 {
        self.index
    }

    pub fn count(&self) -> u32 {
        self.count
    }

    /// Whether the report with this id is this shard's.
    pub fn contains(&self, id: &str) -> bool {
        shard_of(id, self.count) == self.index
    }

    /// This shard's reports, in the order given.
    pub fn select(&self, inputs: Vec<Input>) -> Vec<Input> {
        inputs
            .into_iter()
            .filter(|i| self.contains(&i.id))
            .collect()
    }
}

/// The shard, of `count`, that the report with this id belongs to.
pub fn shard_of(id: &str, count: u32) -> u32 {
    (xxh3_64(id.as_bytes()) % u64::from(count.max(1))) as u32
}

impl FromStr for Shard {
    type Err = anyhow::Error;

    /// `K/N`, as `--shard` takes it.
    fn from_str(s: &str) -> Result<Shard> {
        let Some((k, n)) = s.split_once('/') else {
            bail!("expected K/N (shard K of N, K from 0 to N-1), got {s:?}");
        };
        let number = |part: &str, what: &str| {
            part.trim()
                .parse::<u32>()
                .with_context(|| format!("{what} {part:?} in {s:?} is not a whole number"))
        };
        Shard::new(number(k, "shard index")?, number(n, "shard count")?)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("league/round-{i}")).collect()
    }

    #[test]
    fn parses_k_of_n_and_refuses_what_is_not() {
        assert_eq!("0/1".parse::<Shard>().unwrap(), Shard::default());
        assert_eq!("6/7".parse::<Shard>().unwrap(), Shard::new(6, 7).unwrap());
        assert_eq!("6/7".parse::<Shard>().unwrap().to_string(), "6/7");
        for bad in ["7/7", "1/0", "0/0", "-1/3", "a/3", "1", "1/3/5", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} accepted");
        }
        let err = "3/3".parse::<Shard>().unwrap_err().to_string();
        assert!(err.contains("0 to 2"), "{err}");
    }

    #[test]
    fn every_id_falls_in_exactly_one_shard_and_all_shards_get_some() {
        let ids = ids(7000);
        for count in [1, 3, 7] {
            let mut sizes = vec![0; count as usize];
            for id in &ids {
                let owners: Vec<u32> = (0..count)
                    .filter(|k| Shard::new(*k, count).unwrap().contains(id))
                    .collect();
                assert_eq!(owners, [shard_of(id, count)]);
                sizes[owners[0] as usize] += 1;
            }
            // 7000 ids over 7 shards: about 1000 each (binomial spread about 30).
            let fair = 7000 / count as usize;
            assert!(
                sizes
                    .iter()
                    .all(|&s| s > fair * 9 / 10 && s < fair * 11 / 10),
                "{count} shards: {sizes:?}"
            );
        }
    }

    #[test]
    fn the_hash_is_fixed_so_every_machine_agrees() {
        // XXH3-64 test vector: a changed hash would split old runs differently.
        assert_eq!(xxh3_64(b""), 0x2d06800538d394c2);
        assert_eq!(shard_of("", 7), (0x2d06800538d394c2u64 % 7) as u32);
    }

    #[test]
    fn select_keeps_input_order() {
        let inputs: Vec<Input> = ids(50)
            .into_iter()
            .map(|id| Input {
                source: Source::File(format!("{id}.txt").into()),
                id,
            })
            .collect();
        let shard = Shard::new(2, 3).unwrap();
        let picked = shard.select(inputs.clone());
        let expected: Vec<&Input> = inputs.iter().filter(|i| shard.contains(&i.id)).collect();
        assert_eq!(picked.iter().collect::<Vec<_>>(), expected);
        assert!(!picked.is_empty() && picked.len() < inputs.len());
    }

    #[test]
    fn the_index_comes_from_kubernetes_or_slurm() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let k8s = Shard::from_env(4, env(&[("JOB_COMPLETION_INDEX", "3")])).unwrap();
        assert_eq!(k8s, Shard::new(3, 4).unwrap());
        let slurm = Shard::from_env(4, env(&[("SLURM_ARRAY_TASK_ID", "0")])).unwrap();
        assert_eq!(slurm, Shard::new(0, 4).unwrap());

        let none = Shard::from_env(4, env(&[])).unwrap_err().to_string();
        assert!(none.contains("JOB_COMPLETION_INDEX") && none.contains("SLURM_ARRAY_TASK_ID"));
        let high = Shard::from_env(4, env(&[("SLURM_ARRAY_TASK_ID", "4")])).unwrap_err();
        assert!(
            format!("{high:#}").contains("SLURM_ARRAY_TASK_ID=4"),
            "{high:#}"
        );
        let junk = Shard::from_env(4, env(&[("JOB_COMPLETION_INDEX", "x")])).unwrap_err();
        assert!(junk.to_string().contains("JOB_COMPLETION_INDEX"), "{junk}");
    }
}
