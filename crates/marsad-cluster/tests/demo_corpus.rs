//! The whole dedup → cluster pipeline over our invented demo corpus (examples/corpus), checked against its
//! truth.json: events, and the wire passage the signing reports share.

use std::collections::HashMap;
use std::path::Path;

use marsad_cluster::Pipeline;
use marsad_cluster::evaluate::{bcubed, pairwise};
use marsad_dedup::Analysis;
use marsad_extract::{Config, extract_batch};
use marsad_ingest::read_paths;
use serde_json::Value;

#[test]
fn demo_corpus_events_and_wire_passage() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join("truth.json")).unwrap()).unwrap();
    // Whole-file pages (txt, html) by path; container records are matched only when ingest reads them.
    let mut event_of_file: HashMap<String, (String, String)> = HashMap::new();
    for d in truth["documents"].as_array().unwrap() {
        if d["record"].is_null() {
            event_of_file.insert(
                d["file"].as_str().unwrap().to_string(),
                (
                    d["event"].as_str().unwrap().to_string(),
                    d["key"].as_str().unwrap().to_string(),
                ),
            );
        }
    }
    let batch = read_paths(&[corpus.join("txt"), corpus.join("html")]);
    let mut docs: Vec<_> = extract_batch(&batch.pages, &Config::default())
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    docs.sort_by(|a, b| a.published.cmp(&b.published).then(a.source.cmp(&b.source)));

    let mut pipeline = Pipeline::default();
    let mut items = Vec::new();
    let mut key_of = HashMap::new();
    for doc in &docs {
        let placed = pipeline.place(doc, &Analysis::of(doc), None);
        let file = doc
            .source
            .split("examples/corpus/")
            .last()
            .unwrap_or(&doc.source)
            .to_string();
        if let Some((event, key)) = event_of_file.get(&file) {
            items.push((event.clone(), placed.event.0.clone()));
            key_of.insert(doc.id.clone(), key.clone());
        }
    }
    assert!(
        items.len() >= 8,
        "only {} truth documents read",
        items.len()
    );
    let (b, p) = (bcubed(&items), pairwise(&items));
    assert!(b.f1 >= 0.8, "BCubed {b:?} over {items:?}");
    assert!(p.precision >= 0.8, "pairwise {p:?} over {items:?}");

    // The agency paragraph on the signing is shared by the signing reports we read.
    let wire: Vec<String> = truth["shared_passages"][0]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let found = pipeline.passages.shared_passages().into_iter().find(|sp| {
        sp.text.contains("كيلوفولت")
            && sp
                .documents
                .iter()
                .filter(|d| key_of.get(*d).is_some_and(|k| wire.contains(k)))
                .count()
                >= 2
    });
    assert!(found.is_some(), "{:?}", pipeline.passages.shared_passages());
}
