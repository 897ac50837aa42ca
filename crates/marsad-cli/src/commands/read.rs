//! `marsad read`: runs only the ingest readers over files, folders or stdin and lists what they found — one
//! line per page and per link on stdout, one per error on stderr — then a summary with the input size and
//! the readers' throughput. For checking what a crawl or feed dump holds before ingesting it, and for
//! measuring the readers on real data (`--quiet` leaves only the summary).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use clap::Args as ClapArgs;
use marsad_ingest::{Format, Item, read_paths_with};

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Files or folders ('-' for stdin): .txt, .html, .warc, .xml/.rss/.atom, .jsonl, each optionally .gz.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print only errors and the summary.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let input_bytes: u64 = args.paths.iter().map(|path| size_on_disk(path)).sum();
    let (mut pages, mut links, mut errors, mut content_bytes) = (0u64, 0u64, 0u64, 0u64);
    let started = Instant::now();
    read_paths_with(&args.paths, &mut |item| match item {
        Item::Page(page) => {
            pages += 1;
            content_bytes += page.content.len() as u64;
            if !args.quiet {
                let format = match page.format {
                    Format::Html => "html",
                    Format::Text => "text",
                };
                println!(
                    "page\t{format}\t{}\t{}\t{}",
                    page.source,
                    page.content.len(),
                    page.hints.title.as_deref().unwrap_or("")
                );
            }
        }
        Item::Link(link) => {
            links += 1;
            if !args.quiet {
                println!(
                    "link\t{}\t{}",
                    link.url,
                    link.title.as_deref().unwrap_or("")
                );
            }
        }
        Item::Error(error) => {
            errors += 1;
            eprintln!("marsad: {error}");
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = input_bytes as f64 / 1e6;
    eprintln!(
        "{pages} pages, {links} links, {errors} errors; {megabytes:.1} MB on disk ({:.1} MB decoded) in {seconds:.2} s: {:.1} MB/s",
        content_bytes as f64 / 1e6,
        megabytes / seconds.max(1e-9)
    );
    Ok(if errors > 0 {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}

/// Bytes in the files under `path` (0 for stdin and for what cannot be read: the readers report those).
fn size_on_disk(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(meta) if meta.is_dir() => std::fs::read_dir(path)
            .map(|entries| entries.flatten().map(|e| size_on_disk(&e.path())).sum())
            .unwrap_or(0),
        _ => 0,
    }
}
