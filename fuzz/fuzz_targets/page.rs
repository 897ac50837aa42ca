//! Any bytes as a single page (`.html`, `.txt`, gzipped) and as stdin (`-`, gunzipped and sniffed into any
//! reader).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.html", "fuzz.txt", "fuzz.html.gz", "-"] {
        marsad_ingest::read_bytes_as(name, data, &mut |_| {});
    }
});
