//! One module per command. Each turns its arguments into calls on the library crates and reports an
//! [`Outcome`].

pub mod bench;
pub mod bench_cluster;
pub mod bench_store;
pub mod brief;
pub mod dates;
pub mod demo;
pub mod derive;
pub mod entities;
pub mod eval;
pub mod eval_agreement;
pub mod eval_clustering;
pub mod eval_dates;
pub mod eval_extraction;
pub mod eval_ner;
pub mod eval_stance;
pub mod eval_summary;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod read;
pub mod search;
pub mod stats;
pub mod text;

use std::process::ExitCode;

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was done.
    Done,
    /// Some inputs failed; the rest were done.
    PartlyFailed,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::PartlyFailed => ExitCode::from(1),
        }
    }
}
