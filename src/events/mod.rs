//! (being written)
pub mod footer;
pub mod minutes;
#[derive(Debug, Clone, Default)]
pub struct EventsConfig {}
pub fn extract(_doc: &mut crate::doc::Doc, _config: &EventsConfig) {}
