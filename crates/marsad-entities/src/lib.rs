//! Entities across spellings: who and what the news names, found without a cloud model and resolved across
//! outlets.
//!
//! Two steps, each a function over the shared model:
//!
//! | step | what it does |
//! |---|---|
//! | [`mod@detect`] | finds mentions of people, organisations and places in one [`Document`], by titles, organisation patterns, the [`Gazetteer`] and [`LearnedNames`] |
//! | [`mod@resolve`] | joins mentions across documents into [`ResolvedEntity`]s: a [`marsad_model::Entity`] with every variant, the roles given, and a [`Merge`] for every join |
//!
//! [`find_entities`] runs both over a batch (learning names from the batch first).
//!
//! ```
//! use marsad_entities::{find_entities, Gazetteer};
//! use marsad_model::Document;
//! // Invented sentences.
//! let docs = vec![
//!     Document::new("a", vec!["استقبل وزير الزراعة الأردني سليم عبد الرزاق الطحان وفدا من سوريا.".into()]),
//!     Document::new("b", vec!["وقال وزير الزراعة سليم التحان إن الموسم جيد.".into()]),
//! ];
//! let found = find_entities(&docs, &Gazetteer::builtin(), None);
//! let minister = found.entities.iter().find(|e| e.entity.name == "سليم عبد الرزاق الطحان").unwrap();
//! assert_eq!(minister.entity.variants.len(), 2);
//! assert!(found.entities.iter().any(|e| e.entity.name == "سوريا"));
//! ```
//!
//! Why hand-written: the Arabic NER tools we know are statistical models (CAMeL Tools' BERT, Stanza) that need
//! model downloads and a Python runtime; marsad must work offline with what ships in the repository, explain
//! every decision, and tie names to the roles and spellings news outlets use. A statistical tagger could be
//! added beside the rules later; nothing here depends on one.
//!
//! Not done here: nested entities, nationality adjectives as entities, coreference of pronouns (الوزير، هو),
//! and telling apart two people with one full name.

pub mod detect;
pub mod gazetteer;
pub mod lead;
pub mod learn;
mod lexicon;
pub mod resolve;

use std::collections::HashMap;

pub use detect::{FoundBy, Mention, detect};
pub use gazetteer::{Entry, Gazetteer, GazetteerError};
pub use lead::lead_entity_keys;
pub use learn::{LearnedName, LearnedNames};
use marsad_model::{Document, DocumentId, EventId};
pub use resolve::{Merge, MergeRule, ResolvedEntity, entity_id, resolve};

/// The mentions and entities of a batch.
#[derive(Debug, Clone)]
pub struct Found {
    pub learned: LearnedNames,
    pub mentions: Vec<Mention>,
    pub entities: Vec<ResolvedEntity>,
}

/// Learns names from the documents, detects mentions in each, and resolves them.
pub fn find_entities(
    documents: &[Document],
    gazetteer: &Gazetteer,
    events: Option<&HashMap<DocumentId, EventId>>,
) -> Found {
    let learned = LearnedNames::learn(documents, gazetteer);
    let mentions: Vec<Mention> = documents
        .iter()
        .flat_map(|doc| detect(doc, gazetteer, &learned))
        .collect();
    let entities = resolve(&mentions, events);
    Found {
        learned,
        mentions,
        entities,
    }
}
