//! Runs dedup → cluster over the documents of a `marsad export` file (in `derive_sets` order: by date,
//! undated last) and prints, for each document, every candidate event with its signal values, then the
//! events and story arcs. A tool for looking at decisions, not a test.
//!
//! `cargo run --release -p marsad-cluster --example explain_export -- EXPORT.jsonl`

use marsad_cluster::Pipeline;
use marsad_dedup::Analysis;
use marsad_model::{Document, Record};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain_export EXPORT.jsonl");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut docs: Vec<Document> = text
        .lines()
        .filter_map(|l| match serde_json::from_str::<Record>(l) {
            Ok(Record::Document(d)) => Some(d),
            _ => None,
        })
        .collect();
    docs.sort_by_key(|d| (d.published.is_none(), d.published));
    let mut pipeline = Pipeline::default();
    let names: Vec<&str> = pipeline
        .clusterer
        .scorer()
        .signals
        .iter()
        .map(|s| s.name())
        .collect();
    println!("signals {names:?}");
    for doc in &docs {
        let analysis = Analysis::of(doc);
        let compared = pipeline.compare(doc, &analysis);
        let context = compared.context(None);
        let (_, candidates) = pipeline.clusterer.candidates(doc, &analysis, &context);
        println!(
            "{} {:?} shared {}",
            doc.source,
            doc.published,
            compared.shared_with.len()
        );
        for c in &candidates {
            let f: Vec<String> = c.features.iter().map(|x| format!("{x:.2}")).collect();
            println!("   {} p {:.3} [{}]", c.event, c.probability, f.join(" "));
        }
        let placed = pipeline.clusterer.add(doc, &analysis, &context);
        println!("  -> {} {}", placed.event, placed.story);
    }
    for e in pipeline.clusterer.events() {
        println!("event {} {} {:?} {}", e.id, e.story, e.date, e.headline);
    }
}
