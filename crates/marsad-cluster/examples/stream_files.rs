//! Runs ingest → extract → dedup → cluster over pages given on the command line, in the order given, and
//! prints the events, story arcs and shared passages found.
//!
//! `cargo run --release -p marsad-cluster --example stream_files -- PAGE[@YYYY-MM-DD]...`
//! (a date after `@` replaces the page's own publication date).

use marsad_cluster::{Clusterer, Context};
use marsad_dedup::{Analysis, DuplicateFinder, PassageFinder};
use marsad_extract::{Config, extract_batch};
use marsad_ingest::read_paths;

fn main() {
    let (mut dups, mut passages, mut clusterer) = (
        DuplicateFinder::default(),
        PassageFinder::default(),
        Clusterer::default(),
    );
    for arg in std::env::args().skip(1) {
        let (path, date) = match arg.rsplit_once('@') {
            Some((p, d)) => (p.to_string(), d.parse().ok()),
            None => (arg.clone(), None),
        };
        let batch = read_paths(&[&path]);
        for error in &batch.errors {
            eprintln!("{error}");
        }
        for result in extract_batch(&batch.pages, &Config::default()) {
            let mut doc = match result {
                Ok(doc) => doc,
                Err(error) => {
                    eprintln!("{error}");
                    continue;
                }
            };
            if date.is_some() {
                doc.published = date;
            }
            let analysis = Analysis::of(&doc);
            let duplicate = dups.add(&doc, &analysis);
            let shared = passages.add(&doc, &analysis);
            let context = Context {
                shared_with: &shared,
                duplicate_of: duplicate.of(),
                ..Context::default()
            };
            let placed = clusterer.add(&doc, &analysis, &context);
            println!(
                "{path}: {} event {} story {} p {:.2} duplicate {:?} shares passages with {}",
                doc.id,
                placed.event,
                placed.story,
                placed.probability,
                duplicate.of(),
                shared.len()
            );
        }
    }
    for event in clusterer.events() {
        println!(
            "event {} story {} docs {} — {}",
            event.id,
            event.story,
            event.documents.len(),
            event.headline
        );
    }
    for story in clusterer.stories() {
        println!(
            "story {} events {} — {}",
            story.id,
            story.events.len(),
            story.headline
        );
    }
    for passage in passages.shared_passages() {
        println!(
            "shared_passage docs {:?}: {}",
            passage.documents, passage.text
        );
    }
}
