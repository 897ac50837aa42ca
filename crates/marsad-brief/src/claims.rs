//! Claims (placeholder, being written).

use marsad_model::Claim;

use crate::Evidence;
use crate::text::Sentence;

/// A claim with the index of its sentence in the shared split.
#[derive(Debug, Clone)]
pub struct Found {
    pub sentence: usize,
    pub claim: Claim,
}

/// Every claim in the evidence.
pub fn find(_evidence: &Evidence, _sentences: &[Sentence]) -> Vec<Found> {
    Vec::new()
}
