//! What the `marsad` binary's integration tests share: running the binary, and where the bundled demo
//! corpus is.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `marsad` binary built for these tests.
pub fn marsad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .output()
        .expect("run marsad")
}

/// The bundled demo corpus (our own invented pages, examples/corpus).
#[allow(dead_code)] // not every test binary reads the demo corpus
pub fn demo_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}
