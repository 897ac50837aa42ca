//! Extraction over the bundled demo corpus (our own invented pages in every input format), checked against
//! `examples/corpus/truth.json`: sentences that must be kept, furniture that must go, title, outlet and date.

use std::path::PathBuf;

use marsad_extract::{Config, extract_batch};
use marsad_ingest::read_paths;
use marsad_model::Document;
use marsad_text::normalize::{Profile, normalize_str};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn same(a: &str) -> String {
    normalize_str(a, Profile::Display)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn demo_corpus_bodies_furniture_and_metadata() {
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("truth.json")).unwrap())
            .unwrap();
    let batch = read_paths(&[corpus()]);
    let pages = batch.pages;
    let documents: Vec<Document> = extract_batch(&pages, &Config::default())
        .into_iter()
        .map(|r| r.unwrap())
        .collect();

    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in truth["documents"].as_array().unwrap() {
        let key = entry["key"].as_str().unwrap();
        let file = entry["file"].as_str().unwrap();
        let record = &entry["record"];
        let mut of_file = pages.iter().zip(&documents).filter(|(page, _)| {
            page.file
                .to_string_lossy()
                .replace('\\', "/")
                .ends_with(file)
        });
        // A JSON Lines record is named by its line number, written as a number or a string.
        let line_number = record
            .as_u64()
            .map(|n| n.to_string())
            .or_else(|| record.as_str().map(str::to_string));
        let found = match line_number.as_deref() {
            // The n-th line of a JSON Lines file (every line of ours is a valid record).
            Some(line) if line.parse::<usize>().is_ok() => {
                of_file.nth(line.parse::<usize>().unwrap_or(1) - 1)
            }
            Some(url) => of_file.find(|(page, _)| page.url.as_deref() == Some(url)),
            None => of_file.next(),
        };
        let Some((_, doc)) = found else {
            problems.push(format!("{key}: not extracted"));
            continue;
        };
        checked += 1;
        let body = same(&doc.paragraphs.join("\n"));
        for must in entry["body_must_include"].as_array().unwrap() {
            let must = same(must.as_str().unwrap());
            if !body.contains(&must) {
                problems.push(format!("{key}: lost body text {must:?}"));
            }
        }
        for never in entry["boilerplate_must_exclude"].as_array().unwrap() {
            let never = same(never.as_str().unwrap());
            if doc
                .paragraphs
                .iter()
                .any(|p| same(p) == never || never.chars().count() > 15 && same(p).contains(&never))
            {
                problems.push(format!("{key}: kept furniture {never:?}"));
            }
        }
        let expect = |field: &str| entry[field].as_str().map(same);
        if doc.title.as_deref().map(same) != expect("title") {
            problems.push(format!(
                "{key}: title {:?}, expected {:?}",
                doc.title, entry["title"]
            ));
        }
        if doc.outlet.as_deref().map(same) != expect("outlet") {
            problems.push(format!(
                "{key}: outlet {:?}, expected {:?}",
                doc.outlet, entry["outlet"]
            ));
        }
        if doc.published.map(|d| d.to_string()) != entry["published"].as_str().map(str::to_string) {
            problems.push(format!(
                "{key}: published {:?}, expected {:?}",
                doc.published, entry["published"]
            ));
        }
    }
    assert_eq!(
        checked,
        truth["documents"].as_array().unwrap().len(),
        "{problems:#?}"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
