//! Recomputes what is derived from the stored documents — near-duplicates and shared passages, events and
//! story arcs, entities, and the briefs of every event reported by two or more documents and of every story
//! arc of two or more events — and replaces each derived set in the store in one transaction, so derived records
//! always agree with the documents they cite. `marsad ingest` runs it after every ingest.
//!
//! Recomputing everything is the simple correct choice at the corpus sizes a data dir holds today (the
//! 31k-article ANT corpus recomputes in seconds); clustering itself is streaming, so an incremental update
//! that feeds only new documents to a persisted clusterer can replace this without changing the records.

use anyhow::Result;
use marsad_cluster::Pipeline;
use marsad_entities::{Gazetteer, find_entities};
use marsad_model::{Document, DocumentId, EventId, Record};
use marsad_store::{Kind, SqliteStore, Store};
use std::collections::HashMap;

/// How many records of each kind were written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Derived {
    pub events: usize,
    pub stories: usize,
    pub shared_passages: usize,
    pub entities: usize,
    pub briefs: usize,
}

/// Every derived set, computed from a corpus of documents.
pub struct DerivedSets {
    pub events: Vec<marsad_model::Event>,
    pub stories: Vec<marsad_model::Story>,
    pub shared_passages: Vec<marsad_model::SharedPassage>,
    pub entities: Vec<marsad_entities::ResolvedEntity>,
    pub briefs: Vec<marsad_model::Brief>,
}

/// Runs dedup, passages, clustering and entities over documents (any order: they are sorted by
/// publication date first, undated ones last in the order given).
pub fn derive_sets(mut documents: Vec<Document>) -> DerivedSets {
    // A stable sort: documents of one date (and the undated) keep the order given.
    documents.sort_by_key(|d| (d.published.is_none(), d.published));
    let mut pipeline = Pipeline::default();
    pipeline.place_all(documents.iter().map(|doc| (doc, None)), |_, _| {});
    let events = pipeline.clusterer.events();
    let event_of: HashMap<DocumentId, EventId> = events
        .iter()
        .flat_map(|e| e.documents.iter().map(|d| (d.clone(), e.id.clone())))
        .collect();
    let found = find_entities(&documents, &Gazetteer::builtin(), Some(&event_of));
    let stories = pipeline.clusterer.stories();
    let shared_passages = pipeline.passages.shared_passages();
    let entities: Vec<marsad_model::Entity> =
        found.entities.iter().map(|e| e.entity.clone()).collect();
    let briefs = briefs(&documents, &events, &stories, &shared_passages, &entities);
    DerivedSets {
        events,
        stories,
        shared_passages,
        entities: found.entities,
        briefs,
    }
}

/// Briefs of the events with two or more documents and of the story arcs with two or more events; a brief
/// of anything else is made on demand by `marsad brief`.
pub fn briefs(
    documents: &[Document],
    events: &[marsad_model::Event],
    stories: &[marsad_model::Story],
    shared_passages: &[marsad_model::SharedPassage],
    entities: &[marsad_model::Entity],
) -> Vec<marsad_model::Brief> {
    let by_id: HashMap<&DocumentId, &Document> = documents.iter().map(|d| (&d.id, d)).collect();
    let config = marsad_brief::Config::default();
    let mut out = Vec::new();
    for event in events.iter().filter(|e| e.documents.len() >= 2) {
        let evidence =
            marsad_brief::Evidence::select(&event.documents, &by_id, shared_passages, entities);
        out.push(marsad_brief::event_brief(event, &evidence, &config));
    }
    let event_by_id: HashMap<&EventId, &marsad_model::Event> =
        events.iter().map(|e| (&e.id, e)).collect();
    for story in stories.iter().filter(|s| s.events.len() >= 2) {
        if let Some(brief) = story_brief(
            story,
            &event_by_id,
            &by_id,
            shared_passages,
            entities,
            &config,
        ) {
            out.push(brief);
        }
    }
    out
}

/// The brief of one story arc over all its events' documents.
pub fn story_brief(
    story: &marsad_model::Story,
    event_by_id: &HashMap<&EventId, &marsad_model::Event>,
    by_id: &HashMap<&DocumentId, &Document>,
    shared_passages: &[marsad_model::SharedPassage],
    entities: &[marsad_model::Entity],
    config: &marsad_brief::Config,
) -> Option<marsad_model::Brief> {
    let events: Vec<&marsad_model::Event> = story
        .events
        .iter()
        .filter_map(|id| event_by_id.get(id).copied())
        .collect();
    if events.is_empty() {
        return None;
    }
    let ids: Vec<DocumentId> = events
        .iter()
        .flat_map(|e| e.documents.iter().cloned())
        .collect();
    let evidence = marsad_brief::Evidence::select(&ids, by_id, shared_passages, entities);
    Some(marsad_brief::story_brief(story, &events, &evidence, config))
}

/// Every stored document, in arrival order (which breaks ties between documents of one date).
pub fn stored_documents(store: &SqliteStore) -> Result<Vec<Document>> {
    let mut documents = Vec::new();
    store.for_each_document(0, &mut |_, doc| {
        documents.push(doc);
        Ok(())
    })?;
    Ok(documents)
}

/// Recomputes every derived set from the stored documents.
pub fn recompute(store: &mut SqliteStore) -> Result<Derived> {
    let sets = derive_sets(stored_documents(store)?);
    let derived = Derived {
        events: sets.events.len(),
        stories: sets.stories.len(),
        shared_passages: sets.shared_passages.len(),
        entities: sets.entities.len(),
        briefs: sets.briefs.len(),
    };
    store.replace_derived(Kind::Event, sets.events.into_iter().map(Record::Event))?;
    store.replace_derived(Kind::Story, sets.stories.into_iter().map(Record::Story))?;
    store.replace_derived(
        Kind::SharedPassage,
        sets.shared_passages.into_iter().map(Record::SharedPassage),
    )?;
    store.replace_derived(
        Kind::Entity,
        sets.entities.into_iter().map(|e| Record::Entity(e.entity)),
    )?;
    store.replace_derived(Kind::Brief, sets.briefs.into_iter().map(Record::Brief))?;
    Ok(derived)
}
