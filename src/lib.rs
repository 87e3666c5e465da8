//! touchline: structured data from football match reports.
//!
//! A report flows one way through stages that each add to a [`doc::Doc`]:
//! [`ingest`] (bytes → text) → [`ner`] (mentions) → [`coref`] (canonical names) →
//! [`events`] (goals, saves, cards, substitutions, the result) → [`export`] (SPEC
//! records). [`eval`] scores records against gold; [`train`] builds the NER model;
//! [`show`] renders a record as a page and [`site`] a records file as a site; [`tables`]
//! writes them as analysis tables; [`shard`] splits a run over machines and [`merge`]
//! joins their outputs.

pub mod clubs;
pub mod coref;
pub mod doc;
pub mod eval;
pub mod events;
pub mod export;
pub mod guard;
pub mod ingest;
pub mod merge;
pub mod names;
pub mod ner;
pub mod pipeline;
pub mod shard;
pub mod show;
pub mod site;
pub mod tables;
pub mod train;
