//! Times each part of the text pipeline separately on a file: `cargo run --release -p marsad-text --example profile_parts FILE`.
use marsad_text::normalize::{Profile, normalize};
use marsad_text::stem::stem;
use marsad_text::tokenize::{TokenKind, tokens};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: profile_parts FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let mb = text.len() as f64 / 1e6;
    let lines: Vec<&str> = text.lines().collect();
    let t = Instant::now();
    let normalised: Vec<String> = lines
        .iter()
        .map(|l| normalize(l, Profile::Search).into_text())
        .collect();
    println!("normalize: {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut words: Vec<&str> = Vec::new();
    for n in &normalised {
        words.extend(
            tokens(n)
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.text(n)),
        );
    }
    println!(
        "tokenize: {:.1} MB/s ({} words)",
        mb / t.elapsed().as_secs_f64(),
        words.len()
    );
    let t = Instant::now();
    let total: usize = words.iter().map(|w| stem(w).len()).sum();
    println!("stem: {:.1} MB/s ({total})", mb / t.elapsed().as_secs_f64());
}
