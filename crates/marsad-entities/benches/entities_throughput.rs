//! Entity extraction throughput: detection per document (docs/s and MB/s as criterion reports them), and the
//! whole batch (learn + detect + resolve).
//!
//! Input: the demo corpus's text pages, each paragraph a document, repeated to about 2 MB; or the file named
//! by MARSAD_BENCH_TEXT (one document per blank-line-separated block).
//!
//! ```sh
//! cargo bench -p marsad-entities --bench entities_throughput
//! MARSAD_BENCH_TEXT=path/to/arabic.txt cargo bench -p marsad-entities --bench entities_throughput
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marsad_entities::{Gazetteer, LearnedNames, detect, find_entities};
use marsad_model::Document;

fn corpus() -> Vec<Document> {
    if let Ok(path) = std::env::var("MARSAD_BENCH_TEXT") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        return text
            .split("\n\n")
            .filter(|block| !block.trim().is_empty())
            .map(|block| Document::new(&path, block.lines().map(str::to_string).collect()))
            .collect();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus/txt");
    let mut pages: Vec<Vec<String>> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                pages.push(text.lines().map(str::to_string).collect());
            }
        }
    }
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < 2_000_000 && !pages.is_empty() {
        for (i, page) in pages.iter().enumerate() {
            // Vary each copy so that document ids differ.
            let mut paragraphs = page.clone();
            paragraphs.push(format!("{} {i}", docs.len()));
            bytes += paragraphs.iter().map(String::len).sum::<usize>();
            docs.push(Document::new(format!("copy-{}", docs.len()), paragraphs));
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs
        .iter()
        .map(|d| d.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let gazetteer = Gazetteer::builtin();
    let learned = LearnedNames::learn(&docs, &gazetteer);
    let mut group = c.benchmark_group("entities");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("detect_bytes", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(detect(doc, &gazetteer, &learned));
            }
        })
    });
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function("detect_docs", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(detect(doc, &gazetteer, &learned));
            }
        })
    });
    group.bench_function("find_entities_docs", |b| {
        b.iter(|| black_box(find_entities(&docs, &gazetteer, None)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
