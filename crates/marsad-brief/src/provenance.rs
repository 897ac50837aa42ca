//! Attributions (placeholder, being written).

use marsad_model::Attribution;

use crate::Evidence;
use crate::claims::Found;
use crate::text::Sentence;

/// Attributions across the evidence.
pub fn attributions(
    _evidence: &Evidence,
    _sentences: &[Sentence],
    _claims: &[Found],
) -> Vec<Attribution> {
    Vec::new()
}
