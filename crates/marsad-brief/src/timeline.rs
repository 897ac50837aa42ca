//! The timeline of an event or story arc: dated happenings in order, each with its sentence and the
//! documents that give it, background marked.
//!
//! Dates come from the dates stage (`marsad_dates::find_dates`, run once per sentence in [`crate::text`])
//! on body sentences only, resolved against each document's publication date (or, for an undated page, the
//! evidence's usual one: [`crate::text::anchor`]). Teasers, captions, datelines and related-news lines were
//! dropped by extraction, so their dates never reach the timeline. Kept: day- and month-precise dates (a year alone,
//! "عام 2010", places too little on a timeline), including Hijri and relative ones ("أمس الأربعاء").
//!
//! **Background.** A happening is the arc's own when its date falls within three days before to one day
//! after the date of one of the arc's events (a signing reported the next day is still the event); a month
//! is the arc's own when an event falls in it. Everything else — the fall of a government months earlier, a
//! roadmap in February, a planned start next year — is background, marked so. Without event dates, the
//! documents' publication dates stand in.
//!
//! **Merging.** Entries with the same date and precision whose sentences share most content terms (the
//! same happening told by several outlets) become one entry citing every document; the text shown is the
//! first outlet's sentence. At most three entries are kept per date, the most widely supported.
//!
//! What it does not do: decide which of two different dates for one happening is right (that is a
//! contradiction, see [`crate::contradictions`]), or date sentences that carry no date expression.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;
use marsad_dates::Precision;
use marsad_model::{DatePrecision, DocumentId, TimelineEntry};

use crate::Evidence;
use crate::text::Sentence;

/// Entries per date, at most.
const PER_DATE: usize = 3;

/// The timeline, oldest first; the arc's own happenings before background on the same date.
pub fn build(
    evidence: &Evidence,
    sentences: &[Sentence],
    event_dates: &[Date],
) -> Vec<TimelineEntry> {
    let mut reference: Vec<Date> = event_dates.to_vec();
    if reference.is_empty() {
        reference = evidence
            .documents
            .iter()
            .filter_map(|d| d.published)
            .collect();
    }
    let mut raw: Vec<(TimelineEntry, BTreeSet<String>)> = Vec::new();
    for sentence in sentences.iter().filter(|s| !s.heading) {
        let Some(doc) = evidence.documents.get(sentence.doc) else {
            continue;
        };
        let mut seen_here: BTreeSet<(Date, DatePrecision)> = BTreeSet::new();
        for mention in &sentence.dates {
            let Some((date, precision)) = mention.date() else {
                continue;
            };
            let precision = match precision {
                Precision::Day => DatePrecision::Day,
                Precision::Month => DatePrecision::Month,
                Precision::Year => continue,
            };
            if !seen_here.insert((date, precision)) {
                continue;
            }
            let background = !own(date, precision, &reference);
            raw.push((
                TimelineEntry {
                    date,
                    precision,
                    text: sentence.text.clone(),
                    documents: vec![doc.id.clone()],
                    background,
                },
                sentence.terms.iter().cloned().collect(),
            ));
        }
    }
    let mut merged: Vec<(TimelineEntry, BTreeSet<String>)> = Vec::new();
    for (entry, terms) in raw {
        let same = merged.iter_mut().find(|(m, mterms)| {
            m.date == entry.date && m.precision == entry.precision && similar(mterms, &terms)
        });
        match same {
            Some((m, _)) => {
                for d in entry.documents {
                    push_unique(&mut m.documents, d);
                }
            }
            None => merged.push((entry, terms)),
        }
    }
    let mut entries: Vec<TimelineEntry> = merged.into_iter().map(|(e, _)| e).collect();
    entries.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.background.cmp(&b.background))
            .then(b.documents.len().cmp(&a.documents.len()))
    });
    let mut out: Vec<TimelineEntry> = Vec::new();
    for entry in entries {
        let on_date = out
            .iter()
            .filter(|e| e.date == entry.date && e.precision == entry.precision)
            .count();
        if on_date < PER_DATE {
            out.push(entry);
        }
    }
    out
}

/// Whether a date belongs to the arc's own events rather than its background.
fn own(date: Date, precision: DatePrecision, reference: &[Date]) -> bool {
    reference.iter().any(|&event| match precision {
        DatePrecision::Day => {
            let from = event.checked_sub(3.days()).unwrap_or(event);
            let to = event.checked_add(1.days()).unwrap_or(event);
            from <= date && date <= to
        }
        DatePrecision::Month => event.year() == date.year() && event.month() == date.month(),
        DatePrecision::Year => false,
    })
}

fn similar(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let smaller = a.len().min(b.len());
    smaller > 0 && a.intersection(b).count() as f64 >= 0.5 * smaller as f64
}

fn push_unique(list: &mut Vec<DocumentId>, id: DocumentId) {
    if !list.contains(&id) {
        list.push(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split;
    use jiff::civil::date;
    use marsad_model::Document;

    fn doc(published: Date, paragraphs: &[&str]) -> Document {
        let mut d = Document::new("t", paragraphs.iter().map(|p| p.to_string()).collect());
        d.published = Some(published);
        d
    }

    #[test]
    fn own_happenings_and_background_in_order() {
        let a = doc(
            date(2026, 5, 7),
            &[
                "افتتح الوزيران أمس الأربعاء الجسر الجديد فوق النهر.",
                "وكانت الحكومة قد أقرّت المشروع في 3 شباط 2025 بعد سنوات من التأجيل.",
            ],
        );
        let b = doc(
            date(2026, 5, 7),
            &["وافتتح الوزيران الجسر الجديد فوق النهر يوم 6 أيار."],
        );
        let evidence = Evidence {
            documents: vec![&a, &b],
            ..Evidence::default()
        };
        let sentences = split(&evidence.documents);
        let timeline = build(&evidence, &sentences, &[date(2026, 5, 7)]);
        assert_eq!(timeline.len(), 2, "{timeline:#?}");
        assert_eq!(timeline[0].date, date(2025, 2, 3));
        assert!(timeline[0].background);
        assert_eq!(timeline[1].date, date(2026, 5, 6));
        assert!(!timeline[1].background);
        assert_eq!(timeline[1].documents, [a.id.clone(), b.id.clone()]);
    }

    #[test]
    fn month_precision_is_kept_and_years_alone_are_not() {
        let a = doc(
            date(2026, 5, 7),
            &["بدأت المفاوضات في شباط الماضي بعد قطيعة منذ عام 2010."],
        );
        let evidence = Evidence {
            documents: vec![&a],
            ..Evidence::default()
        };
        let sentences = split(&evidence.documents);
        let timeline = build(&evidence, &sentences, &[]);
        assert_eq!(timeline.len(), 1, "{timeline:#?}");
        assert_eq!(timeline[0].precision, DatePrecision::Month);
        assert_eq!(timeline[0].date, date(2026, 2, 1));
        assert!(timeline[0].background);
    }
}
