//! Extraction throughput on the bundled demo corpus: HTML pages and text dumps separately, as pages/s and
//! MB/s. (The side-by-side with trafilatura on real pages is `marsad eval extraction --benchmark` plus
//! `eval/extraction/trafilatura_side_by_side.py`.)

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marsad_extract::{Config, extract_batch};
use marsad_ingest::{Format, Page, read_paths};

fn pages(format: Format) -> Vec<Page> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    read_paths(&[corpus])
        .pages
        .into_iter()
        .filter(|p| p.format == format)
        .collect()
}

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("extract");
    for (name, format) in [("html", Format::Html), ("text", Format::Text)] {
        let pages = pages(format);
        let bytes: usize = pages.iter().map(|p| p.content.len()).sum();
        group.throughput(Throughput::Elements(pages.len() as u64));
        group.bench_function(
            format!("{name} pages ({} pages, {bytes} bytes)", pages.len()),
            |b| b.iter(|| extract_batch(&pages, &config)),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
