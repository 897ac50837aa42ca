//! `marsad search QUERY... [--outlet X] [--since DATE] [--until DATE] [--json]`: ranked documents with a
//! highlighted snippet, outlet and date.
//!
//! Orthographic variants match through the index's normalisation. When the entity stage has stored
//! entities, a query that names one (by any of its spellings, compared with name keys) also finds every
//! document the entity appears in, however that document spells it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args as ClapArgs;
use jiff::civil::Date;
use marsad_model::{DocumentId, Record};
use marsad_search::{Query, SearchIndex};
use marsad_store::{Kind, SqliteStore, Store};
use marsad_text::NameKey;
use serde_json::json;

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The words to look for.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// The data dir.
    #[arg(long, default_value = "marsad-data")]
    pub data: PathBuf,
    /// Only this outlet (as stored; spelling variants of the name match).
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only documents published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<Date>,
    /// Only documents published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<Date>,
    /// How many results.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per result (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

/// How close a name key must be to an entity's spelling for the query to mean that entity.
const ENTITY_MATCH: f32 = 0.85;

/// Entities whose name or a variant the query spells, and the documents they appear in.
fn entity_documents(store: &SqliteStore, text: &str) -> Result<Vec<DocumentId>> {
    let key = NameKey::new(text);
    let mut documents = Vec::new();
    if key.is_empty() || store.count(Kind::Entity)? == 0 {
        return Ok(documents);
    }
    store.for_each_derived(Kind::Entity, &mut |record| {
        if let Record::Entity(entity) = record {
            let names = std::iter::once(entity.name.as_str())
                .chain(entity.variants.iter().map(|v| v.text.as_str()));
            if names
                .map(NameKey::new)
                .any(|k| k.similarity(&key) >= ENTITY_MATCH)
            {
                documents.extend(entity.variants.into_iter().flat_map(|v| v.documents));
            }
        }
        Ok(())
    })?;
    documents.sort();
    documents.dedup();
    Ok(documents)
}

/// The snippet with `**` around each highlighted range.
fn mark(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 4 * ranges.len());
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > text.len() {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str("**");
        out.push_str(&text[r.clone()]);
        out.push_str("**");
        at = r.end;
    }
    out.push_str(&text[at..]);
    out.replace('\n', " ")
}

pub fn run(args: &Args) -> Result<Outcome> {
    let store = SqliteStore::open_read(&args.data)?;
    let mut index = SearchIndex::open_read(&args.data)?;
    let behind = store.last_seq()?.saturating_sub(index.indexed_through()?);
    if behind > 0 {
        // An ingest stopped before its index commit: catch up now if no writer holds the dir.
        match super::ingest::Ingester::open(&args.data) {
            Ok(ingester) => {
                drop(ingester);
                index = SearchIndex::open_read(&args.data)?;
            }
            Err(e) => eprintln!(
                "note: the index lacks up to {behind} stored documents ({e:#}); they appear once the running ingest commits"
            ),
        }
    }
    let text = args.query.join(" ");
    let query = Query {
        documents: entity_documents(&store, &text)?,
        text,
        outlet: args.outlet.clone(),
        since: args.since,
        until: args.until,
        entities: Vec::new(),
    };
    let hits = index.search(&query, args.limit)?;
    if hits.is_empty() && !args.json {
        println!("no documents match");
    }
    for (rank, hit) in hits.iter().enumerate() {
        let body = store
            .document(&hit.id)?
            .map(|d| d.body())
            .unwrap_or_default();
        let snippet = index.snippet(&query, &body, 200)?;
        if args.json {
            let value = json!({
                "rank": rank + 1, "id": hit.id, "score": hit.score, "title": hit.title,
                "outlet": hit.outlet, "date": hit.date.map(|d| d.to_string()),
                "snippet": snippet.text,
                "highlights": snippet.highlighted.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
            });
            println!("{value}");
        } else {
            println!(
                "{}. {}\n   {} · {} · {}  (score {:.2})\n   {}\n",
                rank + 1,
                hit.title.as_deref().unwrap_or("(no title)"),
                hit.outlet.as_deref().unwrap_or("(unknown outlet)"),
                hit.date.map_or("(undated)".to_string(), |d| d.to_string()),
                hit.id,
                hit.score,
                mark(&snippet.text, &snippet.highlighted)
            );
        }
    }
    Ok(Outcome::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_highlighted_ranges() {
        assert_eq!(mark("ab cd ef", &[0..2, 6..8]), "**ab** cd **ef**");
        assert_eq!(mark("ab\ncd", &[]), "ab cd");
    }
}
