//! Where the model directory is found, so that `touchline` runs from any folder and
//! after `cargo install`: the one place that decides it.
//!
//! Places, in order: the directory named on the command line (`--model`), then
//! `TOUCHLINE_MODEL`, then beside the executable (`<exe dir>/touchline-ner`, or
//! `<exe dir>/../share/touchline/touchline-ner` for an install with a data directory),
//! then the checkout the binary was built from. A place holds a model when it has every
//! file of [`MODEL_FILES`]. A place the user named (`--model` or `TOUCHLINE_MODEL`) is
//! taken at its word: when it holds no model the lookup fails rather than quietly using
//! another one. When nothing holds, the error lists every place looked at.
//!
//! ```
//! use touchline::ner::locate::{find_model, Place};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let err = find_model(Some(dir.path())).unwrap_err().to_string();
//! assert!(err.contains("--model"), "{err}");
//! assert!(err.contains("missing config.json"), "{err}");
//! assert_eq!(Place::all(None).last().unwrap().why, "the checkout touchline was built from");
//! ```

use super::MODEL_FILES;
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

/// The environment variable naming a model directory.
pub const MODEL_ENV: &str = "TOUCHLINE_MODEL";

/// The model directory's name beside an installed executable.
pub const MODEL_NAME: &str = "touchline-ner";

/// A place the model may be, and why it is looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub dir: PathBuf,
    pub why: &'static str,
    /// Named by the user, so it must hold the model.
    pub named: bool,
}

impl Place {
    /// Every place, in lookup order.
    pub fn all(explicit: Option<&Path>) -> Vec<Place> {
        let named = |dir: PathBuf, why| Place {
            dir,
            why,
            named: true,
        };
        let implicit = |dir: PathBuf, why| Place {
            dir,
            why,
            named: false,
        };
        let mut places = Vec::new();
        places.extend(explicit.map(|d| named(d.to_path_buf(), "--model")));
        places.extend(
            std::env::var_os(MODEL_ENV)
                .filter(|v| !v.is_empty())
                .map(|d| named(PathBuf::from(d), MODEL_ENV)),
        );
        if let Some(exe_dir) = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
        {
            places.push(implicit(exe_dir.join(MODEL_NAME), "beside the executable"));
            places.push(implicit(
                exe_dir.join("../share/touchline").join(MODEL_NAME),
                "the install's data directory",
            ));
        }
        places.push(implicit(
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models/touchline-ner")),
            "the checkout touchline was built from",
        ));
        places
    }

    /// What keeps this place from holding a model, if anything.
    fn problem(&self) -> Option<String> {
        if !self.dir.is_dir() {
            return Some("does not exist".into());
        }
        let missing: Vec<&str> = MODEL_FILES
            .iter()
            .copied()
            .filter(|f| !self.dir.join(f).is_file())
            .collect();
        (!missing.is_empty()).then(|| format!("missing {}", missing.join(", ")))
    }
}

/// The model directory: the first place of [`Place::all`] that holds one. Fails, listing
/// each place and what is wrong with it, when a named place holds none or no place does.
pub fn find_model(explicit: Option<&Path>) -> Result<PathBuf> {
    let places = Place::all(explicit);
    for place in &places {
        match place.problem() {
            None => return Ok(place.dir.clone()),
            Some(_) if place.named => break,
            Some(_) => continue,
        }
    }
    let lines: String = places
        .iter()
        .map(|p| {
            let state = p.problem().unwrap_or_else(|| "holds a model".into());
            format!("\n  {} ({}): {state}", p.dir.display(), p.why)
        })
        .collect();
    let named = places
        .iter()
        .find(|p| p.named)
        .map(|p| format!(" {} names a folder with no model;", p.why))
        .unwrap_or_default();
    bail!("no model found;{named} looked in{lines}\n(give one with --model DIR or {MODEL_ENV}=DIR)")
}
