//! Story briefs: what an editor reads for an event or a story arc, every sentence traceable to the outlets
//! that support it.
//!
//! One module per job, each a function over the event's documents ([`Evidence`]):
//!
//! | module | job |
//! |---|---|
//! | [`text`] | the sentences every stage shares, with spans and content terms |
//! | [`claims`] | statements and actions: verb, speaker, the chain that carried them (agency, media), date, place |
//! | [`provenance`] | attributions across outlets: who is credited for which words, and which outlets carry the same words uncredited (through shared passages) |
//! | [`contradictions`] | fact slots (dates of a happening, numbers, places, names in a role) on which outlets disagree |
//! | [`timeline`] | dated happenings in order, background marked, page furniture never used |
//! | [`summary`] | a length-bounded extractive summary, each sentence citing its supporting documents |
//! | [`render`] | a brief as Markdown (terminal, right-to-left safe) or a standalone HTML page |
//!
//! The stage sees only documents, shared passages and entities: no storage, no HTTP. Extraction has already
//! removed teasers, captions and related-news lines, so dates and numbers in them never reach a brief.
//!
//! Why hand-written: no crate reads Arabic reported speech, attribution chains or fact slots; the
//! summariser is a few dozen lines of centroid + MMR over our own term vectors, where a crate would bring
//! its own (English) tokenisation.

pub mod baselines;
pub mod claims;
pub mod contradictions;
pub mod numbers;
pub mod provenance;
pub mod render;
pub mod rouge;
pub mod slots;
pub mod summary;
pub mod text;
pub mod timeline;

use std::collections::{BTreeSet, HashMap};

use marsad_model::{Brief, Document, DocumentId, Entity, Event, EventId, SharedPassage, Story};

/// What a brief is built from: the documents of one event or story arc, the shared passages among them,
/// and the entities they mention.
#[derive(Debug, Clone, Default)]
pub struct Evidence<'a> {
    pub documents: Vec<&'a Document>,
    pub shared_passages: Vec<&'a SharedPassage>,
    pub entities: Vec<&'a Entity>,
}

impl<'a> Evidence<'a> {
    /// The evidence for a set of document ids: the documents found among `all` (in the order of `ids`;
    /// ids not found are skipped), the shared passages citing at least two of them, and the entities
    /// with a variant in one of them.
    pub fn select(
        ids: &[DocumentId],
        all: &HashMap<&DocumentId, &'a Document>,
        passages: &'a [SharedPassage],
        entities: &'a [Entity],
    ) -> Evidence<'a> {
        let wanted: BTreeSet<&DocumentId> = ids.iter().collect();
        let documents = ids.iter().filter_map(|id| all.get(id).copied()).collect();
        let shared_passages = passages
            .iter()
            .filter(|p| p.documents.iter().filter(|d| wanted.contains(d)).count() >= 2)
            .collect();
        let entities = entities
            .iter()
            .filter(|e| {
                e.variants
                    .iter()
                    .any(|v| v.documents.iter().any(|d| wanted.contains(d)))
            })
            .collect();
        Evidence {
            documents,
            shared_passages,
            entities,
        }
    }

    /// The position of a document in [`Evidence::documents`].
    pub fn index_of(&self, id: &DocumentId) -> Option<usize> {
        self.documents.iter().position(|d| &d.id == id)
    }

    /// The outlet of the document at `index`, or its source when the outlet is unknown.
    pub fn outlet(&self, index: usize) -> &str {
        self.documents
            .get(index)
            .map(|d| d.outlet.as_deref().unwrap_or(&d.source))
            .unwrap_or("")
    }
}

/// Knobs of the brief.
#[derive(Debug, Clone)]
pub struct Config {
    /// Target summary length in words.
    pub summary_words: usize,
    /// At most this many documents are read for one brief: the earliest ones (by publication date, then
    /// evidence order). Comparing sentences across documents is quadratic, and an event reported by
    /// hundreds of near-identical pages says nothing more in its 200th copy; the brief's `documents` lists
    /// exactly the documents read.
    pub max_documents: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            summary_words: 120,
            max_documents: 60,
        }
    }
}

/// The brief of one event.
pub fn event_brief(event: &Event, evidence: &Evidence, config: &Config) -> Brief {
    build(
        event.id.clone(),
        Some(event.story.clone()),
        &event.headline,
        &[event],
        evidence,
        config,
    )
}

/// The brief of a story arc over all its events: the timeline spans the arc; happenings on the dates of
/// its events are the arc's own, the rest background.
pub fn story_brief(
    story: &Story,
    events: &[&Event],
    evidence: &Evidence,
    config: &Config,
) -> Brief {
    build(
        EventId(story.id.0.clone()),
        Some(story.id.clone()),
        &story.headline,
        events,
        evidence,
        config,
    )
}

fn build(
    id: EventId,
    story: Option<marsad_model::StoryId>,
    fallback_headline: &str,
    events: &[&Event],
    evidence: &Evidence,
    config: &Config,
) -> Brief {
    let capped;
    let evidence = if evidence.documents.len() > config.max_documents {
        let mut order: Vec<usize> = (0..evidence.documents.len()).collect();
        order.sort_by_key(|&i| {
            (
                evidence.documents[i].published.is_none(),
                evidence.documents[i].published,
                i,
            )
        });
        order.truncate(config.max_documents);
        order.sort_unstable();
        let documents: Vec<&Document> = order.iter().map(|&i| evidence.documents[i]).collect();
        let kept: BTreeSet<&DocumentId> = documents.iter().map(|d| &d.id).collect();
        capped = Evidence {
            shared_passages: evidence
                .shared_passages
                .iter()
                .copied()
                .filter(|p| p.documents.iter().filter(|d| kept.contains(d)).count() >= 2)
                .collect(),
            entities: evidence.entities.clone(),
            documents,
        };
        &capped
    } else {
        evidence
    };
    let sentences = text::split(&evidence.documents);
    let claims = claims::find(evidence, &sentences);
    let attributions = provenance::attributions(evidence, &sentences, &claims);
    let contradictions = contradictions::find(evidence, &sentences);
    let event_dates: Vec<jiff::civil::Date> = events.iter().filter_map(|e| e.date).collect();
    let timeline = timeline::build(evidence, &sentences, &event_dates);
    let summary = summary::summarize(evidence, &sentences, config.summary_words);
    let headline = summary::headline(evidence).unwrap_or_else(|| fallback_headline.to_string());
    let mut entities: Vec<_> = evidence.entities.iter().map(|e| e.id.clone()).collect();
    entities.sort();
    Brief {
        event: id,
        story,
        headline,
        summary,
        timeline,
        attributions,
        contradictions,
        entities,
        documents: text::ids(&evidence.documents),
        actions: claims::actions(&claims.found),
        claims: claims.found.into_iter().map(|c| c.claim).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_event_is_briefed_from_its_earliest_documents() {
        let documents: Vec<Document> = (0..10)
            .map(|i| {
                let mut d = Document::new(
                    format!("p{i}"),
                    vec![format!("افتتح المجلس البلدي الجسر رقم {i} أمام السيارات صباح اليوم بعد سنوات من العمل.")],
                );
                d.published = Some(jiff::civil::date(2026, 5, 10 - i as i8));
                d
            })
            .collect();
        let event = Event {
            id: "ev-x".into(),
            story: "st-x".into(),
            documents: documents.iter().map(|d| d.id.clone()).collect(),
            date: None,
            headline: "جسر".into(),
        };
        let evidence = Evidence {
            documents: documents.iter().collect(),
            ..Evidence::default()
        };
        let config = Config {
            max_documents: 3,
            ..Config::default()
        };
        let brief = event_brief(&event, &evidence, &config);
        // The three earliest (published 1–3 May: documents 9, 8, 7), in evidence order.
        let expected: Vec<DocumentId> =
            [7, 8, 9].iter().map(|&i| documents[i].id.clone()).collect();
        assert_eq!(brief.documents, expected);
    }
}
