//! Any bytes as a `.warc` file and as a gzipped one: the reader must return items, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    marsad_ingest::read_bytes_as("fuzz.warc", data, &mut |_| {});
    marsad_ingest::read_bytes_as("fuzz.warc.gz", data, &mut |_| {});
});
