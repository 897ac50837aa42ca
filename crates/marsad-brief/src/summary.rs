//! Summary (placeholder, being written).

use marsad_model::CitedText;

use crate::Evidence;
use crate::text::Sentence;

/// The cited summary.
pub fn summarize(_evidence: &Evidence, _sentences: &[Sentence], _words: usize) -> Vec<CitedText> {
    Vec::new()
}

/// The headline.
pub fn headline(_evidence: &Evidence) -> Option<String> {
    None
}
