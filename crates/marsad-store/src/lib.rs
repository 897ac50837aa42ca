//! marsad's store: where documents and everything derived from them are kept between runs.
//!
//! The pipeline talks to the [`Store`] trait only, so a server-backed store (PostgreSQL) can be added later
//! without touching the stages. [`SqliteStore`] is the default: one file `marsad.sqlite` in the data
//! directory, WAL journal, no server.
//!
//! What it keeps:
//! - **documents**, keyed by their content-hash id ([`marsad_model::DocumentId`]): re-ingesting the same
//!   article is a no-op, and the same article reaching us from another file or format is stored once, with
//!   every place it came from in a `sources` table, so nothing ingested is lost;
//! - **failures** (the input and the reason) and **links** (feed items that only point to an article),
//!   for `marsad stats`;
//! - **derived record sets** (events, stories, entities, shared passages, briefs) as serialised
//!   [`Record`]s, one set per kind, replaced whole in one transaction by the stage that computes it, and
//!   marked stale when documents arrive after it was computed.
//!
//! Every write is one transaction ([`Store::put_batch`], [`Store::replace_derived`]); the schema carries a
//! version and migrations run on open ([`schema`]), so a data dir written by an older marsad opens in a
//! newer one. One writer at a time: [`lock::DataDirLock`].
//!
//! Not done here: the search index (`marsad-search` keeps it and catches up from [`Store::for_each_document`]),
//! or computing any derived record.

pub mod lock;
pub mod schema;
mod sqlite;

use std::path::PathBuf;

use marsad_model::{Document, DocumentId, Record};
use thiserror::Error;

pub use lock::DataDirLock;
pub use sqlite::SqliteStore;

/// Why a store operation failed.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("data dir {dir} is in use by another marsad process{}", pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    InUse { dir: PathBuf, pid: Option<u32> },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{path}: written by a newer marsad (schema version {found}; this marsad knows up to {known})"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{path}: no marsad data here (run `marsad ingest` first)")]
    Missing { path: PathBuf },
    #[error("{path}: stored {what} is damaged: {reason}")]
    Corrupt {
        path: PathBuf,
        what: String,
        reason: String,
    },
    #[error("replace_derived({kind}): record {index} is a {found}, not a {kind}")]
    WrongKind {
        kind: &'static str,
        index: usize,
        found: &'static str,
    },
    #[error(
        "replace_derived({kind}): record {index} cites document {document}, which is not in the store"
    )]
    UnknownDocument {
        kind: &'static str,
        index: usize,
        document: DocumentId,
    },
    /// A callback given to a streaming method failed (e.g. writing the export).
    #[error("{0}")]
    Sink(#[source] std::io::Error),
}

/// The kinds of record the store keeps, in export order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Document,
    Event,
    Story,
    Entity,
    SharedPassage,
    Brief,
}

impl Kind {
    /// The kinds computed from documents, in export order.
    pub const DERIVED: [Kind; 5] = [
        Kind::Event,
        Kind::Story,
        Kind::Entity,
        Kind::SharedPassage,
        Kind::Brief,
    ];

    /// The export contract's `kind` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Event => "event",
            Kind::Story => "story",
            Kind::Entity => "entity",
            Kind::SharedPassage => "shared_passage",
            Kind::Brief => "brief",
        }
    }

    /// The kind of a record; `None` for the export's meta line, which is never stored.
    pub fn of(record: &Record) -> Option<Kind> {
        Some(match record {
            Record::Meta(_) => return None,
            Record::Document(_) => Kind::Document,
            Record::Event(_) => Kind::Event,
            Record::Story(_) => Kind::Story,
            Record::Entity(_) => Kind::Entity,
            Record::SharedPassage(_) => Kind::SharedPassage,
            Record::Brief(_) => Kind::Brief,
        })
    }
}

/// An input that gave no document, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file or record (`PATH`, `PATH:LINE`, a WARC target URI).
    pub source: String,
    pub reason: String,
}

/// A feed item that only links to its article (marsad does not fetch it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub url: String,
    /// The feed file it was found in.
    pub file: String,
    pub title: Option<String>,
    pub published: Option<jiff::civil::Date>,
}

/// One ingest chunk, written in one transaction.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub failures: Vec<Failure>,
    pub links: Vec<LinkRecord>,
}

/// What [`Store::put_batch`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// For each newly stored document: its index in [`Batch::documents`] and its sequence number.
    pub added: Vec<(usize, u64)>,
    /// Documents already stored (this source or another one); their new sources are recorded.
    pub already_known: usize,
    pub links_new: usize,
}

/// Counts for `marsad stats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    pub schema_version: u32,
    pub documents: u64,
    /// Sources beyond the first of a document: the same article met again in another file or format.
    pub duplicates: u64,
    pub failures: u64,
    pub links: u64,
    /// `(outlet or "(unknown)", documents)`, most first.
    pub per_outlet: Vec<(String, u64)>,
    /// `(YYYY-MM-DD or "(undated)", documents)`, by day.
    pub per_day: Vec<(String, u64)>,
    pub feeds: Vec<FeedHealth>,
    /// `(kind, records, stale)`: stale when documents arrived after the set was computed.
    pub derived: Vec<(Kind, u64, bool)>,
}

/// How one source (an outlet, else the folder its files came from) is doing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedHealth {
    pub feed: String,
    pub documents: u64,
    /// Latest publication date among its documents.
    pub last_published: Option<String>,
    /// When its latest document was stored (UTC, RFC 3339).
    pub last_seen: Option<String>,
    /// Documents per publication day with at least one document.
    pub per_day: f64,
    /// Its latest failure: (source, reason).
    pub last_error: Option<(String, String)>,
}

/// Where documents and derived records live. Writes are transactional; streaming methods visit rows one
/// by one so that callers never hold the whole corpus in memory.
pub trait Store {
    /// Stores a chunk of ingest results in one transaction: new documents (by id), new sources of known
    /// documents, failures and links.
    fn put_batch(&mut self, batch: &Batch) -> Result<BatchSummary, StoreError>;

    /// How many documents are stored.
    fn document_count(&self) -> Result<u64, StoreError>;

    /// The highest document sequence number (0 when empty). Sequence numbers grow with arrival.
    fn last_seq(&self) -> Result<u64, StoreError>;

    /// One document by id.
    fn document(&self, id: &DocumentId) -> Result<Option<Document>, StoreError>;

    /// Visits documents with sequence number above `after`, in arrival order.
    fn for_each_document(
        &self,
        after: u64,
        visit: &mut dyn FnMut(u64, Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Visits the stored JSON of every record of a kind (exactly the export line), in order.
    fn for_each_json(
        &self,
        kind: Kind,
        visit: &mut dyn FnMut(&str) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// How many records of a kind are stored.
    fn count(&self, kind: Kind) -> Result<u64, StoreError>;

    /// Replaces the whole set of a derived kind in one transaction. Every record must be of that kind and
    /// cite only stored documents; otherwise nothing changes.
    fn replace_derived<I: IntoIterator<Item = Record>>(
        &mut self,
        kind: Kind,
        records: I,
    ) -> Result<usize, StoreError>
    where
        Self: Sized;

    /// Visits the records of a derived kind, parsed.
    fn for_each_derived(
        &self,
        kind: Kind,
        visit: &mut dyn FnMut(Record) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Counts for `marsad stats`.
    fn stats(&self) -> Result<Stats, StoreError>;
}

/// The documents a derived record cites, for the consistency check in [`Store::replace_derived`].
pub fn cited_documents(record: &Record) -> Vec<&DocumentId> {
    match record {
        Record::Meta(_) | Record::Document(_) | Record::Story(_) => Vec::new(),
        Record::Event(e) => e.documents.iter().collect(),
        Record::Entity(e) => e.variants.iter().flat_map(|v| &v.documents).collect(),
        Record::SharedPassage(p) => p.documents.iter().collect(),
        Record::Brief(b) => b
            .summary
            .iter()
            .flat_map(|s| &s.documents)
            .chain(b.timeline.iter().flat_map(|t| &t.documents))
            .chain(b.attributions.iter().flat_map(|a| &a.documents))
            .chain(
                b.contradictions
                    .iter()
                    .flat_map(|c| c.values.iter().flat_map(|v| &v.documents)),
            )
            .collect(),
    }
}

/// The feed a document or failure belongs to, for feed health: the outlet when known, else the folder the
/// input came from (a feed file's or crawl's folder is usually one source).
pub fn feed_of(source: &str, outlet: Option<&str>) -> String {
    if let Some(outlet) = outlet.filter(|o| !o.trim().is_empty()) {
        return outlet.trim().to_string();
    }
    // A URL's host, else the parent folder of a path (`PATH:LINE` keeps its path part).
    if let Some(rest) = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))
    {
        return rest.split('/').next().unwrap_or(rest).to_string();
    }
    let path = source.rsplit_once(':').map_or(source, |(p, line)| {
        if line.chars().all(|c| c.is_ascii_digit()) {
            p
        } else {
            source
        }
    });
    match std::path::Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.display().to_string(),
        _ => ".".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_prefer_outlet_then_host_then_folder() {
        assert_eq!(feed_of("a/b/c.html", Some("الواحة")), "الواحة");
        assert_eq!(feed_of("https://news.example/x/1", None), "news.example");
        assert_eq!(feed_of("crawl/feeds/x.jsonl:12", None), "crawl/feeds");
        assert_eq!(feed_of("c.html", Some("  ")), ".");
    }

    #[test]
    fn kinds_match_the_export_contract_names() {
        let names: Vec<&str> = Kind::DERIVED.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            ["event", "story", "entity", "shared_passage", "brief"]
        );
    }
}
