//! `marsad bench …`: throughput and memory of pipeline stages on real corpora, measured by the command
//! itself (never as timed assertions in tests).

use anyhow::Result;
use clap::Subcommand;

use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// ingest → dedup → cluster over the first N ANT articles in time order: documents/s and peak memory.
    #[command(
        after_help = "Example:\n  marsad bench cluster --ant ../shared/data/antcorpus-multisource --limit 3000\n  marsad bench cluster --ant ../shared/data/antcorpus-multisource --limit 0    # the whole corpus\n  marsad bench cluster --ant ../shared/data/antcorpus-multisource --repeat 5 --reference ../shared/bench/ref_pipeline.py\n  marsad bench cluster --ant ../shared/data/antcorpus-multisource --limit 0 --repeat 5 --scale-from 3000   # linear cost?"
    )]
    Cluster(super::bench_cluster::Args),
    /// Store and search on the ANT corpus: ingest documents/s, index size per 1,000 documents, search p50/p99.
    #[command(
        after_help = "Example:\n  marsad bench store --ant ../shared/data/antcorpus-multisource\n  marsad bench store --ant ../shared/data/antcorpus-multisource --limit 5000 --queries 200"
    )]
    Store(super::bench_store::Args),
}

pub fn run(command: &BenchCommand) -> Result<Outcome> {
    match command {
        BenchCommand::Cluster(args) => super::bench_cluster::run(args),
        BenchCommand::Store(args) => super::bench_store::run(args),
    }
}
