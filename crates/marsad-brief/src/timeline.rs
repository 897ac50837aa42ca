//! Timeline (placeholder, being written).

use jiff::civil::Date;
use marsad_model::TimelineEntry;

use crate::Evidence;
use crate::text::Sentence;

/// The timeline.
pub fn build(
    _evidence: &Evidence,
    _sentences: &[Sentence],
    _event_dates: &[Date],
) -> Vec<TimelineEntry> {
    Vec::new()
}
