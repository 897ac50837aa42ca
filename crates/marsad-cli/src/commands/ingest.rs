//! `marsad ingest [--data DIR] PATH...`: read pages, extract articles, store them and index them.
//!
//! Pages stream from the readers into chunks; each chunk is extracted, then written to the store in one
//! transaction (documents by content hash, their sources, failures, feed links), then added to the search
//! index. The store commits first and the index second: the index records the last store sequence number
//! it holds, and [`Ingester::open`] re-indexes whatever the store has beyond it, so a crash at any point
//! leaves nothing half-done after the next run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use marsad_ingest::{Item, Page, read_paths_with};
use marsad_search::SearchIndex;
use marsad_store::{Batch, Failure, LinkRecord, SqliteStore, Store};

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The data dir (created if missing).
    #[arg(long, default_value = "marsad-data")]
    pub data: PathBuf,
    /// Pages per chunk: one extraction batch and one store transaction.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk: u64,
    /// Skip recomputing events, story arcs, shared passages and entities after the documents are stored.
    #[arg(long)]
    pub no_derive: bool,
    /// Files or folders (recursively); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Documents added to the index between two index commits (the store commits every chunk).
const INDEX_COMMIT_EVERY: u64 = 5_000;

/// What an ingest did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub added: u64,
    pub already_known: u64,
    /// One line per failed input, naming it and saying why.
    pub failures: Vec<String>,
    pub links: u64,
    /// Documents the index was missing at open and re-indexed.
    pub reindexed: u64,
}

/// The store and index of a data dir, opened for writing (the dir's lock is held until dropped).
pub struct Ingester {
    store: SqliteStore,
    index: SearchIndex,
    pub report: Report,
}

impl Ingester {
    /// Opens the data dir for writing and brings the index level with the store.
    pub fn open(data: &Path) -> Result<Ingester> {
        let store = SqliteStore::open(data)?;
        let mut index = SearchIndex::open(data)?;
        let reindexed = index
            .catch_up(&store)
            .with_context(|| format!("re-indexing {}", data.display()))?;
        Ok(Ingester {
            store,
            index,
            report: Report {
                reindexed,
                ..Report::default()
            },
        })
    }

    /// Stores one chunk (one transaction), then indexes its new documents.
    pub fn put(&mut self, batch: &Batch) -> Result<()> {
        let summary = self.store.put_batch(batch)?;
        for &(i, _) in &summary.added {
            self.index.add(&batch.documents[i], &[])?;
        }
        self.report.added += summary.added.len() as u64;
        self.report.already_known += summary.already_known as u64;
        self.report.links += batch.links.len() as u64;
        self.report
            .failures
            .extend(batch.failures.iter().map(|f| f.reason.clone()));
        if self.index.pending() >= INDEX_COMMIT_EVERY {
            self.index.commit(self.store.last_seq()?)?;
        }
        Ok(())
    }

    /// Commits the index and returns the report.
    /// Recomputes events, stories, shared passages and entities from every stored document.
    pub fn derive(&mut self) -> Result<super::derive::Derived> {
        super::derive::recompute(&mut self.store)
    }

    pub fn finish(mut self) -> Result<Report> {
        self.index.commit(self.store.last_seq()?)?;
        Ok(self.report)
    }
}

/// Turns a chunk of read pages into a store batch: extraction results plus the chunk's links and read
/// errors.
fn chunk_batch(pages: &[Page], mut batch: Batch) -> Batch {
    let config = marsad_extract::Config::default();
    for result in marsad_extract::extract_batch(pages, &config) {
        match result {
            Ok(document) => batch.documents.push(document),
            // The reason as displayed names the page, like the readers' errors do.
            Err(error) => batch.failures.push(Failure {
                reason: error.to_string(),
                source: error.page,
            }),
        }
    }
    batch
}

pub fn run(args: &Args) -> Result<Outcome> {
    let mut ingester = Ingester::open(&args.data)?;
    if ingester.report.reindexed > 0 {
        eprintln!(
            "re-indexed {} documents the index was missing (an earlier run stopped early)",
            ingester.report.reindexed
        );
    }
    let chunk = args.chunk as usize;
    let mut pages: Vec<Page> = Vec::with_capacity(chunk);
    let mut pending = Batch::default();
    let mut fatal: Option<anyhow::Error> = None;
    read_paths_with(&args.paths, &mut |item| {
        if fatal.is_some() {
            return;
        }
        match item {
            Item::Page(page) => pages.push(page),
            Item::Link(link) => pending.links.push(LinkRecord {
                url: link.url,
                file: link.file.display().to_string(),
                title: link.title,
                published: link.published,
            }),
            Item::Error(error) => pending.failures.push(Failure {
                source: format!("{}{}", error.path().display(), error.location()),
                reason: error.to_string(),
            }),
        }
        if pages.len() >= chunk {
            let batch = chunk_batch(&pages, std::mem::take(&mut pending));
            pages.clear();
            if let Err(e) = ingester.put(&batch) {
                fatal = Some(e);
            }
        }
    });
    if let Some(error) = fatal {
        return Err(error);
    }
    let batch = chunk_batch(&pages, pending);
    ingester.put(&batch)?;
    let derived = if args.no_derive {
        None
    } else {
        Some(ingester.derive()?)
    };
    let report = ingester.finish()?;
    for failure in &report.failures {
        eprintln!("failed: {failure}");
    }
    println!(
        "added {}, already known {}, failed {}, links not fetched {}",
        report.added,
        report.already_known,
        report.failures.len(),
        report.links
    );
    if let Some(d) = derived {
        println!(
            "derived {} events, {} story arcs, {} shared passages, {} entities, {} briefs",
            d.events, d.stories, d.shared_passages, d.entities, d.briefs
        );
    }
    Ok(if report.failures.is_empty() {
        Outcome::Done
    } else {
        Outcome::PartlyFailed
    })
}
