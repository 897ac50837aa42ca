//! Reads an ANT corpus folder and prints counts per outlet, unparsed times and read errors:
//! `cargo run --release -p marsad-corpora --example ant_summary -- ../shared/data/antcorpus-multisource`

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: ant_summary DIR")?;
    let mut articles = Vec::new();
    let mut errors = 0;
    for item in marsad_corpora::read_ant(&dir)? {
        match item {
            Ok(a) => articles.push(a),
            Err(e) => {
                errors += 1;
                eprintln!("{e}");
            }
        }
    }
    let files = articles.len();
    let no_time = articles.iter().filter(|a| a.time.is_none()).count();
    let kept = marsad_corpora::dedupe_by_url(articles);
    let mut per_outlet: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &kept {
        *per_outlet.entry(a.outlet.as_str()).or_default() += 1;
    }
    println!(
        "files {files}, read errors {errors}, unparsed times {no_time}, unique urls {}",
        kept.len()
    );
    for (outlet, n) in per_outlet {
        println!("{outlet}\t{n}");
    }
    Ok(())
}
