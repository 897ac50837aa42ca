//! Fact slots on which outlets disagree (placeholder until the slot extractor lands).

use marsad_model::Contradiction;

use crate::Evidence;
use crate::text::Sentence;

/// Every fact slot on which documents of different outlets give incompatible values.
pub fn find(_evidence: &Evidence, _sentences: &[Sentence]) -> Vec<Contradiction> {
    Vec::new()
}
