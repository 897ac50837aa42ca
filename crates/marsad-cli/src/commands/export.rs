//! `marsad export [--data DIR] [--out FILE]`: everything stored, as JSON Lines per the export contract.
//!
//! The meta line first, then documents, then each derived kind that has records (events, stories,
//! entities, shared passages, briefs). Rows stream from SQLite one by one inside one read snapshot, so
//! the meta line's count matches the lines that follow even while an ingest runs, and memory stays flat
//! whatever the corpus size.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use marsad_model::{Meta, Record, SCHEMA_VERSION};
use marsad_store::{Kind, SqliteStore, Store, StoreError};

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The data dir.
    #[arg(long, default_value = "marsad-data")]
    pub data: PathBuf,
    /// Write here instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Outcome> {
    match export(args) {
        // A reader that stopped early (`marsad export | head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => Ok(Outcome::Done),
        other => other,
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn export(args: &Args) -> Result<Outcome> {
    let store = SqliteStore::open_read(&args.data)?;
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    store.begin_snapshot()?;
    let meta = Record::Meta(Meta {
        schema: SCHEMA_VERSION,
        marsad: env!("CARGO_PKG_VERSION").to_string(),
        documents: store.document_count()?,
    });
    serde_json::to_writer(&mut out, &meta)?;
    out.write_all(b"\n")?;
    for kind in [Kind::Document].into_iter().chain(Kind::DERIVED) {
        store.for_each_json(kind, &mut |line| {
            out.write_all(line.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
                .map_err(StoreError::Sink)
        })?;
    }
    out.flush().context("writing the export")?;
    Ok(Outcome::Done)
}
