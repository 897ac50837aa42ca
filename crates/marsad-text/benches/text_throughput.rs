//! Throughput of the text layer: normalise (search profile, with offsets) + tokenise + stem, in MB/s of input.
//!
//! Input: the file named by `MARSAD_BENCH_TEXT` (for example a few MB of ANT articles concatenated), or else
//! the bundled demo corpus's text pages repeated to about 8 MB.
//!
//! In the same run, when `python3` can import camel_tools, `bench/camel_baseline.py` does the same job with
//! CAMeL Tools' functions on the same file, and the ratio is printed. Install camel_tools with
//! `pip install --no-deps camel-tools==1.6.0 && pip install regex six future emoji`.
//!
//! Run: `cargo bench -p marsad-text --bench text_throughput`

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use criterion::{Criterion, Throughput, black_box, criterion_group};
use marsad_text::normalize::{Profile, normalize};
use marsad_text::stem::stem;
use marsad_text::tokenize::{TokenKind, tokens};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The benchmark text and the file it lives in (written to target/ when built from the demo corpus).
fn bench_input() -> (String, PathBuf) {
    if let Ok(path) = std::env::var("MARSAD_BENCH_TEXT") {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        return (text, PathBuf::from(path));
    }
    let mut pages = String::new();
    let dir = repo_root().join("examples/corpus/txt");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        if let Ok(text) = std::fs::read_to_string(&path) {
            pages.push_str(&text);
            pages.push('\n');
        }
    }
    assert!(!pages.is_empty(), "no text pages under {}", dir.display());
    let mut text = String::with_capacity(8 << 20);
    while text.len() < 8 << 20 {
        text.push_str(&pages);
    }
    let path = repo_root().join("target/bench-text.txt");
    std::fs::write(&path, &text).expect("write target/bench-text.txt");
    (text, path)
}

/// The job measured: per line, as a pipeline would process paragraphs.
fn process(text: &str) -> usize {
    let mut total = 0;
    for line in text.lines() {
        let normalised = normalize(line, Profile::Search);
        let n = normalised.text();
        for token in tokens(n) {
            if token.kind == TokenKind::Word {
                total += stem(token.text(n)).len();
            }
        }
    }
    total
}

fn throughput(c: &mut Criterion) {
    let (text, _) = bench_input();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("normalize+tokenize+stem", |b| {
        b.iter(|| process(black_box(&text)))
    });
    group.finish();
}

/// One timed pass of ours and one run of camel_tools on the same file, printed side by side.
fn compare_with_camel_tools() {
    let (text, path) = bench_input();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        black_box(process(black_box(&text)));
        best = best.min(start.elapsed().as_secs_f64());
    }
    let ours = text.len() as f64 / best / 1e6;
    println!(
        "\nmarsad: {ours:.1} MB/s on {} ({:.1} MB)",
        path.display(),
        text.len() as f64 / 1e6
    );
    let script = repo_root().join("bench/camel_baseline.py");
    match Command::new("python3").arg(&script).arg(&path).output() {
        Ok(out) if out.status.success() => {
            let stdout = String::from_utf8_lossy(&out.stdout);
            let camel = stdout
                .split("\"mb_per_s\":")
                .nth(1)
                .and_then(|rest| rest.split([',', '}']).next())
                .and_then(|v| v.trim().parse::<f64>().ok());
            match camel {
                Some(camel) => println!(
                    "camel_tools: {camel:.2} MB/s (normalise + dediac + tokenise, no stemming)\nratio: {:.0}x",
                    ours / camel
                ),
                None => println!("camel_tools: unexpected output: {stdout}"),
            }
        }
        Ok(out) => println!(
            "camel_tools: not measured ({})",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("failed")
        ),
        Err(e) => println!("camel_tools: not measured (python3: {e})"),
    }
}

criterion_group!(benches, throughput);

fn main() {
    benches();
    compare_with_camel_tools();
    Criterion::default().configure_from_args().final_summary();
}
