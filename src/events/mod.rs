//! (being written)
pub mod footer;
pub mod minutes;
