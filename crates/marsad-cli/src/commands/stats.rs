//! `marsad stats [--data DIR] [--json]`: what the data dir holds: documents per outlet and per day,
//! duplicates, failures, links, derived record sets (and whether they are stale), and feed health (per
//! source: documents, last document seen, documents per day, last error).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args as ClapArgs;
use marsad_store::{SqliteStore, Store};
use serde_json::json;

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The data dir.
    #[arg(long, default_value = "marsad-data")]
    pub data: PathBuf,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let store = SqliteStore::open_read(&args.data)?;
    let s = store.stats()?;
    if args.json {
        let feeds: Vec<_> = s
            .feeds
            .iter()
            .map(|f| {
                json!({
                    "feed": f.feed, "documents": f.documents, "last_published": f.last_published,
                    "last_seen": f.last_seen, "per_day": f.per_day,
                    "last_error": f.last_error.as_ref().map(|(source, reason)| json!({"source": source, "reason": reason})),
                })
            })
            .collect();
        let derived: Vec<_> = s
            .derived
            .iter()
            .map(|(k, n, stale)| json!({"kind": k.as_str(), "records": n, "stale": stale}))
            .collect();
        let value = json!({
            "schema_version": s.schema_version, "documents": s.documents, "duplicates": s.duplicates,
            "failures": s.failures, "links": s.links,
            "per_outlet": s.per_outlet.iter().map(|(o, n)| json!({"outlet": o, "documents": n})).collect::<Vec<_>>(),
            "per_day": s.per_day.iter().map(|(d, n)| json!({"day": d, "documents": n})).collect::<Vec<_>>(),
            "derived": derived, "feeds": feeds,
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(Outcome::Done);
    }
    println!(
        "data dir {} (schema {})",
        args.data.display(),
        s.schema_version
    );
    println!(
        "documents {}, duplicates {}, failures {}, links not fetched {}",
        s.documents, s.duplicates, s.failures, s.links
    );
    println!("\nper outlet");
    for (outlet, n) in &s.per_outlet {
        println!("  {n:>8}  {outlet}");
    }
    println!("\nper day");
    for (day, n) in &s.per_day {
        println!("  {day}  {n:>6}");
    }
    if !s.derived.is_empty() {
        println!("\nderived");
        for (kind, n, stale) in &s.derived {
            let note = if *stale {
                "  (stale: documents arrived since)"
            } else {
                ""
            };
            println!("  {:<15} {n:>8}{note}", kind.as_str());
        }
    }
    println!("\nfeed health");
    for f in &s.feeds {
        println!(
            "  {}: {} documents, {:.1}/day, last published {}, last seen {}",
            f.feed,
            f.documents,
            f.per_day,
            f.last_published.as_deref().unwrap_or("-"),
            f.last_seen.as_deref().unwrap_or("-"),
        );
        if let Some((source, reason)) = &f.last_error {
            println!("      last error: {source}: {reason}");
        }
    }
    Ok(Outcome::Done)
}
