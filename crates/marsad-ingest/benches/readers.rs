//! Readers' throughput on a synthetic crawl: the demo corpus's WARC source pages repeated under new URIs
//! into a WARC of `MARSAD_BENCH_WARC_MB` megabytes (default 32), read plain from memory, gzipped (one member
//! per record, as crawlers write them) from memory, and plain from a file through `read_paths` (the
//! streaming path a multi-GB crawl takes). The same pages as JSON Lines for comparison.
//!
//! ```sh
//! cargo bench -p marsad-ingest --bench readers
//! MARSAD_BENCH_WARC_MB=256 cargo bench -p marsad-ingest --bench readers
//! ```

use std::io::Write;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marsad_ingest::{Item, read_bytes_as, read_paths_with};

fn source_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/tools/warc-src");
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/tools/warc-src is in the repository")
        .map(|entry| {
            std::fs::read_to_string(entry.expect("readable entry").path()).expect("UTF-8 page")
        })
        .collect();
    pages.sort();
    pages
}

fn record(uri: &str, page: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-08-14T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend(http.as_bytes());
    out.extend(b"\r\n\r\n");
    out
}

struct Inputs {
    warc: Vec<u8>,
    warc_gz: Vec<u8>,
    jsonl: Vec<u8>,
    records: usize,
}

fn inputs(megabytes: usize) -> Inputs {
    let pages = source_pages();
    let (mut warc, mut warc_gz, mut jsonl) = (Vec::new(), Vec::new(), Vec::new());
    let mut records = 0;
    while warc.len() < megabytes << 20 {
        let page = &pages[records % pages.len()];
        let uri = format!("https://bench.example/{records}");
        let one = record(&uri, page);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&one).expect("in-memory write");
        warc_gz.extend(gz.finish().expect("in-memory gzip"));
        warc.extend(one);
        let line = serde_json::json!({"url": uri, "html": page, "published": "2026-08-14"});
        jsonl.extend(line.to_string().as_bytes());
        jsonl.push(b'\n');
        records += 1;
    }
    Inputs {
        warc,
        warc_gz,
        jsonl,
        records,
    }
}

fn count(name: &str, bytes: &[u8]) -> usize {
    let mut pages = 0;
    read_bytes_as(name, bytes, &mut |item| {
        if let Item::Page(_) = item {
            pages += 1;
        }
    });
    pages
}

fn readers(c: &mut Criterion) {
    let megabytes = std::env::var("MARSAD_BENCH_WARC_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32);
    let inputs = inputs(megabytes);
    assert_eq!(count("b.warc", &inputs.warc), inputs.records);
    assert_eq!(count("b.warc.gz", &inputs.warc_gz), inputs.records);
    assert_eq!(count("b.jsonl", &inputs.jsonl), inputs.records);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bench.warc");
    std::fs::write(&file, &inputs.warc).expect("write temp WARC");

    let mut group = c.benchmark_group("readers");
    group.sample_size(10);
    // Throughput is counted in uncompressed WARC bytes for all three WARC cases, so they compare.
    group.throughput(Throughput::Bytes(inputs.warc.len() as u64));
    group.bench_function("warc_memory", |b| b.iter(|| count("b.warc", &inputs.warc)));
    group.bench_function("warc_gz_memory", |b| {
        b.iter(|| count("b.warc.gz", &inputs.warc_gz))
    });
    group.bench_function("warc_file_streamed", |b| {
        b.iter(|| {
            let mut pages = 0;
            read_paths_with(&[&file], &mut |item| {
                pages += usize::from(matches!(item, Item::Page(_)))
            });
            pages
        })
    });
    group.throughput(Throughput::Bytes(inputs.jsonl.len() as u64));
    group.bench_function("jsonl_memory", |b| {
        b.iter(|| count("b.jsonl", &inputs.jsonl))
    });
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
