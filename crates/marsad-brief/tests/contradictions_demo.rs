//! Contradictions over the bundled demo corpus (our own invented pages), checked against
//! `examples/corpus/truth.json`: each event's documents are read and extracted as marsad does, grouped by
//! the truth's events, and every listed contradiction must be found with the same documents behind each
//! value; anything else found is a spurious contradiction and must be one of the few documented here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use marsad_brief::{Evidence, contradictions, text};
use marsad_extract::{Config, extract_batch};
use marsad_ingest::read_paths;
use marsad_model::{Contradiction, Document};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

/// The extracted document of every truth key.
fn documents_by_key(truth: &serde_json::Value) -> BTreeMap<String, Document> {
    let batch = read_paths(&[corpus()]);
    let pages = batch.pages;
    let documents: Vec<Option<Document>> = extract_batch(&pages, &Config::default())
        .into_iter()
        .map(Result::ok)
        .collect();
    let mut out = BTreeMap::new();
    for entry in truth["documents"].as_array().expect("documents") {
        let key = entry["key"].as_str().expect("key");
        let file = entry["file"].as_str().expect("file");
        let record = &entry["record"];
        let mut of_file = pages.iter().zip(&documents).filter(|(page, _)| {
            page.file
                .to_string_lossy()
                .replace('\\', "/")
                .ends_with(file)
        });
        // A JSON Lines record is named by its line number, written as a number or a string.
        let line = record
            .as_u64()
            .map(|n| n.to_string())
            .or_else(|| record.as_str().map(str::to_string));
        let found = match line.as_deref() {
            Some(l) if l.parse::<usize>().is_ok() => {
                of_file.nth(l.parse::<usize>().unwrap_or(1) - 1)
            }
            Some(url) => of_file.find(|(page, _)| page.url.as_deref() == Some(url)),
            None => of_file.next(),
        };
        if let Some((_, Some(doc))) = found {
            out.insert(key.to_string(), doc.clone());
        }
    }
    out
}

/// A contradiction as value → the truth keys of its documents.
fn shape(
    c: &Contradiction,
    keys: &BTreeMap<String, Document>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for v in &c.values {
        let entry = out.entry(v.value.clone()).or_default();
        for (key, doc) in keys {
            if v.documents.contains(&doc.id) {
                entry.insert(key.clone());
            }
        }
    }
    out
}

#[test]
fn demo_corpus_contradictions() {
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus().join("truth.json")).expect("truth.json"),
    )
    .expect("truth.json parses");
    let docs = documents_by_key(&truth);

    let mut problems = Vec::new();
    let mut spurious = Vec::new();
    let mut matched = 0;
    for event in truth["events"].as_array().expect("events") {
        let id = event["id"].as_str().expect("event id");
        let members: Vec<&str> = event["documents"]
            .as_array()
            .expect("event documents")
            .iter()
            .filter_map(|d| d.as_str())
            .collect();
        // Exact duplicates share an id; keep one copy, as the pipeline does.
        let mut seen = BTreeSet::new();
        let in_event: Vec<&Document> = members
            .iter()
            .filter_map(|k| docs.get(*k))
            .filter(|d| seen.insert(d.id.clone()))
            .collect();
        let evidence = Evidence {
            documents: in_event,
            ..Default::default()
        };
        let sentences = text::split(&evidence.documents);
        let found = contradictions::find(&evidence, &sentences);
        let keys: BTreeMap<String, Document> = docs
            .iter()
            .filter(|(k, _)| members.contains(&k.as_str()))
            .map(|(k, d)| (k.clone(), d.clone()))
            .collect();
        let found_shapes: Vec<_> = found.iter().map(|c| (c, shape(c, &keys))).collect();

        let mut used = vec![false; found.len()];
        for expected in truth["contradictions"]
            .as_array()
            .expect("contradictions")
            .iter()
            .filter(|c| c["event"] == id)
        {
            // value → documents, where the truth's value is the normalised number or date.
            let mut want: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for v in expected["values"].as_array().expect("values") {
                let value = match (&v["normalized"], v["unit"].as_str()) {
                    (serde_json::Value::Number(n), Some(unit)) => format!("{n} {unit}"),
                    (serde_json::Value::Number(n), None) => n.to_string(),
                    _ => v["value"].as_str().unwrap_or("").to_string(),
                };
                let value = match value.as_str() {
                    "أكثر من 300" => ">300".to_string(),
                    _ => value,
                };
                let entry = want.entry(value).or_default();
                // The truth lists documents of other events too (sunbula-01 of A1 dates the MoU).
                for d in v["documents"].as_array().expect("documents") {
                    if let Some(k) = d.as_str().filter(|k| members.contains(k)) {
                        entry.insert(k.to_string());
                    }
                }
            }
            let hit = found_shapes.iter().position(|(_, got)| {
                want.iter().all(|(value, docs)| {
                    // Exact duplicates (jisr-02 / jisr-warc-a2) carry one id: either key stands for both.
                    got.get(value).is_some_and(|g| {
                        docs.iter().all(|d| {
                            g.contains(d)
                                || keys.get(d).is_some_and(|doc| {
                                    keys.iter().any(|(k, o)| o.id == doc.id && g.contains(k))
                                })
                        })
                    })
                })
            });
            match hit {
                Some(i) => {
                    matched += 1;
                    used[i] = true;
                    let (c, got) = &found_shapes[i];
                    let extra: Vec<_> = got.keys().filter(|v| !want.contains_key(*v)).collect();
                    if !extra.is_empty() {
                        problems.push(format!("{id} {:?}: extra values {extra:?}", c.about));
                    }
                }
                None => problems.push(format!(
                    "{id}: not found {:?}, want {want:?}; found {:#?}",
                    expected["about"],
                    found_shapes
                        .iter()
                        .map(|(c, s)| (&c.about, s))
                        .collect::<Vec<_>>()
                )),
            }
        }
        for (i, (c, got)) in found_shapes.iter().enumerate() {
            if !used[i] {
                spurious.push(format!("{id} {:?}: {got:?}", c.about));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(matched, 4);
    // No spurious finds today. Same-noun dates of other happenings (last month's fire, the fair's
    // closing day, the A3 vote after the A2 signing) are the usual source; they are held off by the
    // outlet-level test in `contradictions::find`. Allow one before failing, and print them.
    assert!(
        spurious.len() <= 1,
        "spurious contradictions:\n{}",
        spurious.join("\n")
    );
}
