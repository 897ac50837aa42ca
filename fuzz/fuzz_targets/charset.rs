//! Charset decoding: the first byte picks a declared label, the rest is the page. Whatever is returned
//! must be exactly the bytes when they are valid UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LABELS: [&str; 6] = [
    "",
    "utf-8",
    "windows-1256",
    "iso-8859-6",
    "windows-1252",
    "x-junk",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, page)) = data.split_first() else {
        return;
    };
    let label = LABELS[usize::from(first) % LABELS.len()];
    let declared = (!label.is_empty()).then_some(label);
    let decoded = marsad_ingest::charset::decode(page, declared);
    let _ = marsad_ingest::charset::declared_in_page(page);
    if let (Ok(text), Ok(utf8)) = (&decoded, std::str::from_utf8(page)) {
        assert_eq!(text, utf8.strip_prefix('\u{FEFF}').unwrap_or(utf8));
    }
});
