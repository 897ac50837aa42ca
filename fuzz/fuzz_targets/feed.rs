//! Any bytes as an RSS/Atom file: feed-rs plus our item handling must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    marsad_ingest::read_bytes_as("fuzz.xml", data, &mut |_| {});
});
