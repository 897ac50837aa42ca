//! The readers over the bundled demo corpus (`examples/corpus`): every format, counted, with a few sources.

use std::path::{Path, PathBuf};

use marsad_ingest::{Batch, Format, read_bytes_as, read_paths};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

fn read(sub: &str) -> Batch {
    read_paths(&[corpus().join(sub)])
}

fn sources(batch: &Batch) -> Vec<&str> {
    batch.pages.iter().map(|p| p.source.as_str()).collect()
}

#[test]
fn the_whole_corpus_reads_without_errors() {
    let batch = read_paths(&[corpus()]);
    let errors: Vec<String> = batch.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // 7 txt + 5 html + 5 WARC records + 3 feed items with content + 2 JSON Lines records.
    assert_eq!(batch.pages.len(), 22);
    // 3 RSS teasers + 1 Atom summary-only entry.
    assert_eq!(batch.links.len(), 4);
}

#[test]
fn warc_records_are_pages_named_by_their_target_uri() {
    let batch = read("warc");
    assert!(batch.errors.is_empty(), "{:?}", batch.errors);
    let sources = sources(&batch);
    assert_eq!(sources.len(), 5);
    assert!(
        sources
            .contains(&"https://aljisr-news.example/economy/2026/07/15/iraq-requests-jordan-power")
    );
    assert!(sources.contains(
        &"https://alfajr-net.example/explainers/2026/07/16/baghdad-asks-amman-for-power"
    ));
    assert!(
        batch
            .pages
            .iter()
            .all(|p| p.format == Format::Html && p.hints.published.is_none())
    );
    // The crawl's copy of jisr-02 is the saved HTML file, byte for byte.
    let saved = std::fs::read_to_string(corpus().join("html/jisr-02.html")).unwrap();
    let crawled = batch
        .pages
        .iter()
        .find(|p| {
            p.source
                .ends_with("/2026/08/12/iraq-jordan-power-deal-signed")
        })
        .unwrap();
    assert_eq!(crawled.content, saved);
}

#[test]
fn feeds_give_pages_with_hints_and_links_for_teasers() {
    let batch = read("feeds");
    assert!(batch.errors.is_empty(), "{:?}", batch.errors);
    assert_eq!(batch.pages.len(), 3);
    assert_eq!(batch.links.len(), 4);
    let atom = batch
        .pages
        .iter()
        .find(|p| p.source == "https://atheer24.example/news/2026/08/14/iraq-parliament-power-deal")
        .unwrap();
    assert_eq!(atom.format, Format::Html);
    assert_eq!(atom.hints.outlet.as_deref(), Some("منصة الأثير 24"));
    assert_eq!(atom.hints.published, Some(jiff::civil::date(2026, 8, 14)));
    assert_eq!(
        atom.hints.published_from,
        Some(marsad_model::DateSource::Feed)
    );
    assert!(batch.links.iter().any(|l| l.url
        == "https://hilal-khaseeb.example/economy/2026/08/12/jordan-iraq-deal-signed"
        && l.published == Some(jiff::civil::date(2026, 8, 12))));
}

#[test]
fn jsonl_records_and_legacy_html() {
    let batch = read("jsonl");
    assert_eq!(batch.pages.len(), 2);
    assert_eq!(
        batch.pages[0].source,
        "https://alfajr-net.example/news/2026/08/12/jordan-iraq-electricity-deal"
    );
    assert_eq!(
        batch.pages[0].hints.published_from,
        Some(marsad_model::DateSource::Meta)
    );
    assert!(batch.pages[0].hints.outlet.is_some());
    let html = read("html");
    assert_eq!(html.pages.len(), 5);
    let nabd = html
        .pages
        .iter()
        .find(|p| p.source.ends_with("nabd-01.html"))
        .unwrap();
    assert!(nabd.content.contains("نبض البلد"), "windows-1256 decoded");
    let mirqab = html
        .pages
        .iter()
        .find(|p| p.source.ends_with("mirqab-01.html.gz"))
        .unwrap();
    assert!(mirqab.content.contains("المرقاب"));
}

#[test]
fn bytes_read_under_a_name_match_the_files() {
    let bytes = std::fs::read(corpus().join("warc/mixed-2026-08-14.warc.gz")).unwrap();
    let mut pages = 0;
    read_bytes_as("mixed.warc.gz", &bytes, &mut |item| {
        assert!(matches!(item, marsad_ingest::Item::Page(_)), "{item:?}");
        pages += 1;
    });
    assert_eq!(pages, 2);
    // Stdin sniffs the same bytes (gzip, then WARC/1.).
    let mut stdin_pages = Vec::new();
    read_bytes_as("-", &bytes, &mut |item| {
        if let marsad_ingest::Item::Page(page) = item {
            stdin_pages.push(page.file);
        }
    });
    assert_eq!(stdin_pages, [PathBuf::from("-"), PathBuf::from("-")]);
}
