//! Any bytes read as a page (HTML and text) and then extracted: DOM scoring, the line classifier and
//! metadata must never panic, whatever the page holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = marsad_extract::Config::default();
    for name in ["fuzz.html", "fuzz.txt"] {
        let mut pages = Vec::new();
        marsad_ingest::read_bytes_as(name, data, &mut |item| {
            if let marsad_ingest::Item::Page(page) = item {
                pages.push(page);
            }
        });
        let _ = marsad_extract::extract_batch(&pages, &config);
    }
});
