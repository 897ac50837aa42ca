//! Property tests: no reader panics, whatever the bytes (the fuzz targets go further, see `fuzz/`).

use marsad_ingest::{Item, read_bytes_as};
use proptest::prelude::*;

const NAMES: [&str; 9] = [
    "x.warc",
    "x.warc.gz",
    "x.xml",
    "x.atom",
    "x.jsonl",
    "x.jsonl.gz",
    "x.html",
    "x.txt",
    "-",
];

/// Bytes that look enough like each format to get past the first check.
fn shaped() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        Just(&b""[..]),
        Just(
            &b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n"[..]
        ),
        Just(
            &b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: x\r\nContent-Length: 5\r\n\r\n"
                [..]
        ),
        Just(&b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item>"[..]),
        Just(&b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"[..]),
        Just(&b"{\"text\": \""[..]),
        Just(&b"\x1f\x8b\x08\x00\x00\x00\x00\x00"[..]),
        Just(&b"<html><meta charset=windows-1256>"[..]),
    ];
    (prefix, proptest::collection::vec(any::<u8>(), 0..600)).prop_map(|(p, rest)| {
        let mut bytes = p.to_vec();
        bytes.extend(rest);
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_reader_panics(bytes in shaped(), name in proptest::sample::select(&NAMES[..])) {
        let mut count = 0usize;
        read_bytes_as(name, &bytes, &mut |item| {
            if let Item::Error(error) = &item {
                // Every error names the file.
                assert!(error.to_string().starts_with(name), "{error}");
            }
            count += 1;
        });
        prop_assert!(count <= bytes.len() + 1);
    }
}
