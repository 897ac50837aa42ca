//! `marsad bench store --ant DIR`: store and search numbers on the ANT multi-source corpus.
//!
//! Measures, in one run on a fresh data dir:
//! - ingest throughput: ANT articles (already clean text, so extraction is skipped) put into the store and
//!   the index in chunks, documents/s over the store + index time (reading and parsing the files is timed
//!   separately);
//! - size: the index and the SQLite file, per 1,000 stored documents;
//! - search latency: p50/p99 over N queries of one or two words drawn from the corpus titles with a fixed
//!   seed, top 10, with and without making the snippets.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use clap::Args as ClapArgs;
use marsad_search::{Query, SearchIndex};
use marsad_store::Store;
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::words;

use super::Outcome;
use super::ingest::Ingester;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The ANT corpus folder (antcorpus-multisource).
    #[arg(long)]
    pub ant: PathBuf,
    /// Data dir to fill (must not exist yet); default: one in the system's temp dir, removed afterwards.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Articles per store transaction.
    #[arg(long, default_value_t = 500)]
    pub chunk: usize,
    /// Stop after this many articles (0 = all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// How many search queries.
    #[arg(long, default_value_t = 1000)]
    pub queries: usize,
    /// Seed for drawing the queries.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

/// SplitMix64: ten lines for reproducible query draws, not worth a dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn dir_size(path: &Path) -> u64 {
    walkdir_size(path).unwrap_or(0)
}

fn walkdir_size(path: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            walkdir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn run(args: &Args) -> Result<Outcome> {
    let data = args.data.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("marsad-bench-store-{}", std::process::id()))
    });
    anyhow::ensure!(
        !data.exists(),
        "{} exists: give a fresh data dir",
        data.display()
    );
    let outcome = measure(args, &data);
    if args.data.is_none() {
        let _ = std::fs::remove_dir_all(&data);
    }
    outcome
}

fn measure(args: &Args, data: &Path) -> Result<Outcome> {
    let data = data.to_path_buf();
    let reader = marsad_corpora::read_ant(&args.ant)?;
    let total_files = reader.remaining();
    println!("ANT corpus {}: {total_files} files", args.ant.display());

    let mut ingester = Ingester::open(&data)?;
    let mut titles: Vec<String> = Vec::new();
    let (mut read_time, mut store_time) = (Duration::ZERO, Duration::ZERO);
    let mut chunk = Vec::with_capacity(args.chunk);
    let mut read_errors = 0usize;
    let mut articles = 0usize;
    let started = Instant::now();
    let mut reader = reader;
    loop {
        let t = Instant::now();
        let item = reader.next();
        read_time += t.elapsed();
        let done = item.is_none() || (args.limit > 0 && articles >= args.limit);
        if let Some(item) = item.filter(|_| !done) {
            match item {
                Ok(article) => {
                    articles += 1;
                    titles.push(article.title.clone());
                    chunk.push(article.to_document());
                }
                Err(error) => {
                    read_errors += 1;
                    eprintln!("{error}");
                }
            }
        }
        if chunk.len() >= args.chunk || (done && !chunk.is_empty()) {
            let t = Instant::now();
            ingester.put(&marsad_store::Batch {
                documents: std::mem::take(&mut chunk),
                ..marsad_store::Batch::default()
            })?;
            store_time += t.elapsed();
        }
        if done {
            break;
        }
    }
    let t = Instant::now();
    let report = ingester.finish()?;
    // A fresh data dir: what was added is what is stored.
    let stored = report.added;
    store_time += t.elapsed();
    let wall = started.elapsed();

    let index_bytes = dir_size(&SearchIndex::dir(&data));
    let db_bytes = dir_size(&data) - index_bytes;
    let per_k = |bytes: u64| bytes as f64 / (stored.max(1) as f64 / 1000.0) / 1e6;
    println!(
        "ingest: {articles} articles ({read_errors} unreadable), added {}, already known {} (same body)",
        report.added, report.already_known
    );
    println!(
        "  store + index: {:.1} s, {:.0} documents/s; reading + parsing files: {:.1} s; wall {:.1} s",
        store_time.as_secs_f64(),
        articles as f64 / store_time.as_secs_f64().max(1e-9),
        read_time.as_secs_f64(),
        wall.as_secs_f64()
    );
    println!(
        "  size: index {:.1} MB ({:.2} MB per 1,000 documents), SQLite {:.1} MB ({:.2} MB per 1,000)",
        index_bytes as f64 / 1e6,
        per_k(index_bytes),
        db_bytes as f64 / 1e6,
        per_k(db_bytes)
    );

    // Queries: one or two content words of a random title.
    let mut rng = SplitMix(args.seed);
    let mut queries = Vec::with_capacity(args.queries);
    while queries.len() < args.queries && !titles.is_empty() {
        let title = &titles[rng.below(titles.len())];
        let content: Vec<&str> = words(title)
            .filter(|w| w.chars().count() > 2 && !is_stop_word(w))
            .collect();
        if content.is_empty() {
            continue;
        }
        let n = 1 + rng.below(2).min(content.len() - 1);
        let start = rng.below(content.len() - n + 1);
        queries.push(content[start..start + n].join(" "));
    }
    let store = marsad_store::SqliteStore::open_read(&data)?;
    let index = SearchIndex::open_read(&data)?;
    let (mut plain, mut with_snippets) = (Vec::new(), Vec::new());
    let mut empty = 0;
    for text in &queries {
        let query = Query {
            text: text.clone(),
            ..Query::default()
        };
        let t = Instant::now();
        let hits = index.search(&query, 10)?;
        plain.push(t.elapsed());
        if hits.is_empty() {
            empty += 1;
        }
        for hit in &hits {
            if let Some(doc) = store.document(&hit.id)? {
                index.snippet(&query, &doc.body(), 200)?;
            }
        }
        with_snippets.push(t.elapsed());
    }
    plain.sort();
    with_snippets.sort();
    println!(
        "search: {} queries (seed {}), {empty} with no result",
        queries.len(),
        args.seed
    );
    println!(
        "  top 10: p50 {:.2} ms, p99 {:.2} ms; with snippets from the store: p50 {:.2} ms, p99 {:.2} ms",
        ms(percentile(&plain, 0.5)),
        ms(percentile(&plain, 0.99)),
        ms(percentile(&with_snippets, 0.5)),
        ms(percentile(&with_snippets, 0.99))
    );
    Ok(Outcome::Done)
}
