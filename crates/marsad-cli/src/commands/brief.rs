//! `marsad brief ID`: the brief of one event or story arc from a data dir, as Markdown (default), JSON
//! (the export contract's `brief` record) or a standalone HTML page.
//!
//! The brief is built on demand from the stored documents and derived records (events, stories, shared
//! passages, entities), so any event or story has one, not only those `marsad ingest` stored.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args as ClapArgs, ValueEnum};
use marsad_brief::render::Sources;
use marsad_model::{
    Brief, Document, DocumentId, Entity, Event, EventId, Record, SharedPassage, Story,
};
use marsad_store::{Kind, SqliteStore, Store};

use super::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// An event id (ev-…) or story id (st-…), or a unique prefix of one.
    pub id: String,
    /// The data dir.
    #[arg(long, default_value = "marsad-data")]
    pub data: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Summary length in words.
    #[arg(long, default_value_t = 120)]
    pub words: usize,
}

/// Everything stored that a brief draws on.
pub struct Stored {
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
    pub stories: Vec<Story>,
    pub shared_passages: Vec<SharedPassage>,
    pub entities: Vec<Entity>,
}

impl Stored {
    pub fn load(store: &SqliteStore) -> Result<Stored> {
        let mut stored = Stored {
            documents: super::derive::stored_documents(store)?,
            events: Vec::new(),
            stories: Vec::new(),
            shared_passages: Vec::new(),
            entities: Vec::new(),
        };
        for kind in [Kind::Event, Kind::Story, Kind::SharedPassage, Kind::Entity] {
            store.for_each_derived(kind, &mut |record| {
                match record {
                    Record::Event(e) => stored.events.push(e),
                    Record::Story(s) => stored.stories.push(s),
                    Record::SharedPassage(p) => stored.shared_passages.push(p),
                    Record::Entity(e) => stored.entities.push(e),
                    _ => {}
                }
                Ok(())
            })?;
        }
        Ok(stored)
    }

    /// The brief of the event or story whose id starts with `id`.
    pub fn brief(&self, id: &str, config: &marsad_brief::Config) -> Result<Brief> {
        let events: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.id.0.starts_with(id))
            .collect();
        let stories: Vec<&Story> = self
            .stories
            .iter()
            .filter(|s| s.id.0.starts_with(id))
            .collect();
        let by_id: HashMap<&DocumentId, &Document> =
            self.documents.iter().map(|d| (&d.id, d)).collect();
        match (events.as_slice(), stories.as_slice()) {
            ([event], []) => {
                let evidence = marsad_brief::Evidence::select(
                    &event.documents,
                    &by_id,
                    &self.shared_passages,
                    &self.entities,
                );
                Ok(marsad_brief::event_brief(event, &evidence, config))
            }
            ([], [story]) => {
                let event_by_id: HashMap<&EventId, &Event> =
                    self.events.iter().map(|e| (&e.id, e)).collect();
                match super::derive::story_brief(
                    story,
                    &event_by_id,
                    &by_id,
                    &self.shared_passages,
                    &self.entities,
                    config,
                ) {
                    Some(brief) => Ok(brief),
                    None => bail!("story {} has no stored events", story.id),
                }
            }
            ([], []) => bail!(
                "no event or story with id {id} (list them with: marsad export | grep '\"kind\":\"event\"')"
            ),
            _ => {
                bail!("several events or stories have ids starting with {id}; give more of the id")
            }
        }
    }

    /// What the renderer shows for each document.
    pub fn sources(&self) -> Sources {
        marsad_brief::render::sources(&self.documents, |d| {
            d.url.clone().unwrap_or_else(|| d.source.clone())
        })
    }
}

pub fn run(args: &Args) -> Result<Outcome> {
    let store = SqliteStore::open_read(&args.data)?;
    let stored = Stored::load(&store)?;
    let config = marsad_brief::Config {
        summary_words: args.words,
        ..marsad_brief::Config::default()
    };
    let brief = stored.brief(&args.id, &config)?;
    match args.format {
        Format::Markdown => print!(
            "{}",
            marsad_brief::render::markdown(&brief, &stored.sources())
        ),
        Format::Html => print!("{}", marsad_brief::render::html(&brief, &stored.sources())),
        Format::Json => println!("{}", serde_json::to_string_pretty(&Record::Brief(brief))?),
    }
    Ok(Outcome::Done)
}
