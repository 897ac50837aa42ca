//! Reads files or folders with the ingest readers and prints counts and MB/s: the readers alone, on real or
//! synthetic crawls of any size (a WARC file is streamed, so memory stays at one record).
//!
//! ```sh
//! python3 crates/marsad-ingest/examples/make_big_warc.py /tmp/big.warc 512     # 512 MB synthetic crawl
//! cargo run --release -p marsad-ingest --example read_throughput -- /tmp/big.warc
//! ```

use std::time::Instant;

use marsad_ingest::{Item, read_paths_with};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: read_throughput PATH...");
        std::process::exit(2);
    }
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let (mut pages, mut links, mut errors) = (0u64, 0u64, 0u64);
    let started = Instant::now();
    read_paths_with(&paths, &mut |item| match item {
        Item::Page(_) => pages += 1,
        Item::Link(_) => links += 1,
        Item::Error(error) => {
            errors += 1;
            if errors <= 5 {
                eprintln!("{error}");
            }
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{pages} pages, {links} links, {errors} errors; {:.1} MB in {seconds:.2} s = {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds
    );
}
