//! One report's failure stays that report's: [`isolated`] runs one stage on one report
//! and turns a panic inside it into an error that says where it happened, so a batch
//! records the report as failed and goes on. The panic's message and location are
//! captured by a process-wide hook instead of being printed, and re-raised nowhere.
//!
//! A panic is a bug; isolating it keeps one odd report from losing a night's run while
//! the bug is fixed. `TOUCHLINE_FAULT=stage:marker` makes [`fault_point`] panic in that
//! stage for every report whose text contains the marker: the batch tests use it to put
//! a report that panics among good ones.
//!
//! ```
//! use touchline::guard::isolated;
//!
//! assert_eq!(isolated("events", || 2 + 2), Ok(4));
//! let err = isolated("events", || {
//!     let text = "a – b";
//!     text.get(3..4).expect("a char boundary").len()
//! })
//! .unwrap_err();
//! assert!(err.starts_with("events panicked: a char boundary"), "{err}");
//! assert!(err.contains("src/guard.rs"), "{err}");
//! ```

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{LazyLock, Once};

thread_local! {
    /// Set while this thread runs an isolated stage: its panics are captured, not printed.
    static ISOLATING: Cell<bool> = const { Cell::new(false) };
    /// The last captured panic: message and location.
    static CAPTURED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic inside it becomes `Err("<stage> panicked: <message> at <file:line>")`.
///
/// State `f` touched may be half-updated after a panic, so callers drop whatever `f`
/// was working on (the report) and keep only the error.
pub fn isolated<T>(stage: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was = ISOLATING.with(|i| i.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ISOLATING.with(|i| i.set(was));
    result.map_err(|payload| {
        let message = CAPTURED
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| payload_message(payload.as_ref()));
        format!("{stage} panicked: {message}")
    })
}

/// Test hook: panics when `TOUCHLINE_FAULT` is `stage:marker`, `stage` is this one, and
/// `text` contains the marker. Costs one comparison when the variable is unset.
pub fn fault_point(stage: &str, text: &str) {
    static FAULT: LazyLock<Option<(String, String)>> = LazyLock::new(|| {
        let v = std::env::var("TOUCHLINE_FAULT").ok()?;
        let (stage, marker) = v.split_once(':')?;
        Some((stage.to_string(), marker.to_string()))
    });
    if let Some((s, marker)) = FAULT.as_ref() {
        if s == stage && !marker.is_empty() && text.contains(marker.as_str()) {
            panic!("fault injected by TOUCHLINE_FAULT in {stage}");
        }
    }
}

/// Chains a hook in front of the default one: inside `isolated` a panic's message and
/// location are kept for the error; elsewhere panics print as always.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if ISOLATING.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
                    .unwrap_or_default();
                let message = format!("{}{at}", payload_message(info.payload()));
                CAPTURED.with(|c| *c.borrow_mut() = Some(message));
            } else {
                default(info);
            }
        }));
    });
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_isolation_restores_the_outer_state() {
        let outer = isolated("outer", || {
            let inner = isolated("inner", || panic!("boom"));
            assert!(inner.unwrap_err().starts_with("inner panicked: boom at "));
            panic!("after")
        });
        assert!(outer.unwrap_err().starts_with("outer panicked: after"));
        assert!(!ISOLATING.with(Cell::get));
    }
}
