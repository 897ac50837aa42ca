//! `marsad bench cluster`: the ingest → dedup → cluster pipeline over ANT articles, in time order, as the
//! Python reference pipeline (`../shared/bench/ref_pipeline.py`) runs it: the same documents (one per URL,
//! sorted by `<TIME>`, the first `--limit`), timed in the same two parts: loading, then processing.
//!
//! Loading reads and parses every corpus file (as the reference does, whatever the limit). Processing is
//! per document: building the [`marsad_model::Document`], analysis, exact and near duplicates, shared
//! passages, event assignment, in three threads ([`Pipeline::place_all`]). A first, one-thread pass times
//! each stage on its own. Peak memory is the process's high-water mark (VmHWM in /proc/self/status).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Args as ClapArgs;
use marsad_cluster::{Compared, Pipeline, Scorer};
use marsad_dedup::Analysis;

use super::Outcome;
use super::eval_clustering::load_ant;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The ANT corpus folder (antcorpus-multisource).
    #[arg(long)]
    ant: PathBuf,
    /// How many articles (the earliest); 0 for all.
    #[arg(long, default_value_t = 3000)]
    limit: usize,
}

/// Documents per slice in the per-slice timing.
const SLICE: usize = 3000;

/// The process's peak resident memory in kB, where /proc says it.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(args: &Args) -> Result<Outcome> {
    let start = Instant::now();
    let (mut articles, failed) = load_ant(&args.ant)?;
    if args.limit > 0 {
        articles.truncate(args.limit);
    }
    let load_s = start.elapsed().as_secs_f64();

    // Each stage timed on its own, one document after the other (where the time goes).
    let mut stages = [0.0f64; 5];
    // Per slice of 3,000 documents, each stage's seconds: flat slices mean a linear cost.
    let mut slices: Vec<[f64; 5]> = Vec::new();
    let mut sequential = Pipeline::new(Scorer::default());
    for (n, article) in articles.iter().enumerate() {
        if n % SLICE == 0 {
            slices.push(stages);
        }
        let mut lap = Instant::now();
        let mut mark = |i: usize| {
            stages[i] += lap.elapsed().as_secs_f64();
            lap = Instant::now();
        };
        let doc = article.to_document();
        mark(0);
        let analysis = Analysis::of(&doc);
        mark(1);
        let duplicate_of = sequential.duplicates.add(&doc, &analysis).of().cloned();
        mark(2);
        let shared_with = sequential.passages.add(&doc, &analysis);
        mark(3);
        let compared = Compared {
            duplicate_of,
            shared_with,
        };
        sequential
            .clusterer
            .add(&doc, &analysis, &compared.context(article.time));
        mark(4);
    }
    slices.push(stages);
    let sequential_s: f64 = stages.iter().sum();
    drop(sequential);

    // The pipeline as it runs: documents built and analysed on a second thread.
    let start = Instant::now();
    let mut pipeline = Pipeline::new(Scorer::default());
    let mut duplicates = 0;
    pipeline.place_all(
        articles.iter().map(|a| (a.to_document(), a.time)),
        |_, placed| duplicates += usize::from(placed.probability >= 1.0 && !placed.new_event),
    );
    let process_s = start.elapsed().as_secs_f64();
    let n = articles.len();
    println!(
        "docs {n} load_s {load_s:.2} process_s {process_s:.3} docs_per_s {:.0} end_to_end_docs_per_s {:.0} \
         events {} stories {} duplicates_joined {duplicates} shared_passages {} unreadable_files {failed} peak_rss_mb {}",
        n as f64 / process_s.max(1e-9),
        n as f64 / (load_s + process_s).max(1e-9),
        pipeline.clusterer.event_count(),
        pipeline.clusterer.stories().len(),
        pipeline.passages.shared_passages().len(),
        peak_rss_kb().map_or_else(
            || "unknown".to_string(),
            |kb| format!("{:.0}", kb as f64 / 1024.0)
        ),
    );
    let mut story_sizes: Vec<(usize, String)> = pipeline
        .clusterer
        .stories()
        .into_iter()
        .map(|s| (s.events.len(), s.headline))
        .collect();
    story_sizes.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (events, headline) in story_sizes.iter().take(3) {
        println!("largest story: {events} events, {headline}");
    }
    println!(
        "one thread: process_s {sequential_s:.3} docs_per_s {:.0}; stages_s document {:.3} analysis {:.3} \
         duplicates {:.3} passages {:.3} cluster {:.3}",
        n as f64 / sequential_s.max(1e-9),
        stages[0],
        stages[1],
        stages[2],
        stages[3],
        stages[4]
    );
    if slices.len() > 2 {
        let lines: Vec<String> = slices
            .windows(2)
            .map(|w| {
                let d: Vec<String> = (0..5)
                    .map(|k| format!("{:.2}", w[1][k] - w[0][k]))
                    .collect();
                format!(
                    "{:.2} ({})",
                    w[1].iter().sum::<f64>() - w[0].iter().sum::<f64>(),
                    d.join("/")
                )
            })
            .collect();
        println!(
            "one thread, seconds per {SLICE} documents (document/analysis/duplicates/passages/cluster): {}",
            lines.join(" ")
        );
    }
    Ok(Outcome::Done)
}
