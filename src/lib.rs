//! touchline: structured data from football match reports.
//!
//! A report flows one way through stages that each add to a [`doc::Doc`]:
//! [`ingest`] (bytes → text) → [`ner`] (mentions) → [`coref`] (canonical names) →
//! [`events`] (goals, saves, cards, substitutions, the result) → [`export`] (SPEC
//! records). [`eval`] scores records against gold; [`train`] builds the NER model;
//! [`show`] renders one record as a page; [`tables`] writes records as analysis tables.

pub mod clubs;
pub mod coref;
pub mod doc;
pub mod eval;
pub mod events;
pub mod export;
pub mod guard;
pub mod ingest;
pub mod names;
pub mod ner;
pub mod pipeline;
pub mod show;
pub mod tables;
pub mod train;
