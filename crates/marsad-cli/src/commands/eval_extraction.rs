//! `marsad eval extraction`: measures extraction against data kept outside the repository.
//!
//! Two sets. The seeds (`--seeds DIR --labels FILE`): a labels file we wrote by reading each page gives,
//! per line number, `title`, `body`, `heading` or `boilerplate`; the report says how many body lines were
//! kept, how much boilerplate was dropped, and whether title, outlet and date were found. The
//! article-extraction benchmark (`--benchmark DIR`): 181 real pages with ground truth, scored with the
//! benchmark's own metric (4-token shingles, tokens = `\w+`, precision and recall per page averaged over
//! pages, F1 of the averages), and timed.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use marsad_cluster::evaluate::Scores;
use marsad_extract::{Config, extract, extract_batch};
use marsad_ingest::{Format, Hints, Page, read_paths};

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The seed pages folder (../shared/seeds).
    #[arg(long, requires = "labels")]
    seeds: Option<PathBuf>,
    /// Line labels for the seeds: `file<TAB>line<TAB>title|body|heading|boilerplate`.
    #[arg(long)]
    labels: Option<PathBuf>,
    /// The article-extraction benchmark folder (html/*.html.gz and ground-truth.json).
    #[arg(long)]
    benchmark: Option<PathBuf>,
    /// Also score a published tool's outputs from the benchmark's reference-outputs/ (e.g. trafilatura), to
    /// check this metric reproduces the published table.
    #[arg(long)]
    reference: Vec<String>,
    /// Print the N worst benchmark pages.
    #[arg(long, default_value_t = 0)]
    worst: usize,
}

pub fn run(args: &Args) -> Result<Outcome> {
    if args.seeds.is_none() && args.benchmark.is_none() {
        bail!("give --seeds DIR --labels FILE, --benchmark DIR, or both");
    }
    if let (Some(seeds), Some(labels)) = (&args.seeds, &args.labels) {
        seeds_report(seeds, labels)?;
    }
    if let Some(dir) = &args.benchmark {
        benchmark_report(dir, &args.reference, args.worst)?;
    }
    Ok(Outcome::Done)
}

fn seeds_report(dir: &Path, labels_path: &Path) -> Result<()> {
    let labels_text = std::fs::read_to_string(labels_path)
        .with_context(|| format!("cannot read {}", labels_path.display()))?;
    let mut labels: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for (n, line) in labels_text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 3 {
            bail!(
                "{}:{}: expected file<TAB>line<TAB>label",
                labels_path.display(),
                n + 1
            );
        }
        let number: usize = fields[1]
            .parse()
            .with_context(|| format!("{}:{}: bad line number", labels_path.display(), n + 1))?;
        labels
            .entry(fields[0].to_string())
            .or_default()
            .push((number, fields[2].to_string()));
    }
    let batch = read_paths(&[dir]);
    let documents = extract_batch(&batch.pages, &Config::default());
    println!("== extraction on the seeds ({})", dir.display());
    println!(
        "   {:<28} {:>11} {:>15} {:>6}  title / outlet / published",
        "page", "body kept", "boilerplate out", "lines"
    );
    let (mut body_total, mut body_kept, mut bp_total, mut bp_dropped) = (0, 0, 0, 0);
    for (page, result) in batch.pages.iter().zip(documents) {
        let name = page
            .file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(page_labels) = labels.get(&name) else {
            println!("   {name}: no labels");
            continue;
        };
        let raw = page.content.lines().collect::<Vec<_>>();
        let doc = match result {
            Ok(doc) => doc,
            Err(error) => {
                println!("   {name}: {error}");
                continue;
            }
        };
        let (mut bt, mut bk, mut pt, mut pd) = (0, 0, 0, 0);
        let mut misses = Vec::new();
        for (number, label) in page_labels {
            let Some(text) = raw.get(number.saturating_sub(1)).map(|l| l.trim()) else {
                continue;
            };
            let kept = doc.paragraphs.iter().any(|p| p.trim() == text);
            let is_title = doc.title.as_deref().map(str::trim) == Some(text);
            match label.as_str() {
                "body" | "heading" => {
                    bt += 1;
                    if kept {
                        bk += 1;
                    } else {
                        misses.push(format!("lost body line {number}"));
                    }
                }
                "boilerplate" => {
                    pt += 1;
                    if !kept && !is_title {
                        pd += 1;
                    } else {
                        misses.push(format!("kept boilerplate line {number}"));
                    }
                }
                "title" if !is_title => {
                    misses.push(format!("title line {number} not chosen"));
                }
                _ => {}
            }
        }
        println!(
            "   {:<28} {:>5}/{:<5} {:>7}/{:<7} {:>6}  {} / {} / {}",
            name,
            bk,
            bt,
            pd,
            pt,
            raw.len(),
            doc.title
                .as_deref()
                .map(|t| t.chars().take(40).collect::<String>())
                .unwrap_or_else(|| "—".into()),
            doc.outlet.as_deref().unwrap_or("—"),
            doc.published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
        );
        for miss in misses {
            println!("      {miss}");
        }
        body_total += bt;
        body_kept += bk;
        bp_total += pt;
        bp_dropped += pd;
    }
    println!(
        "   total: body kept {body_kept}/{body_total} ({:.1}%), boilerplate dropped {bp_dropped}/{bp_total} ({:.1}%)",
        100.0 * body_kept as f64 / body_total.max(1) as f64,
        100.0 * bp_dropped as f64 / bp_total.max(1) as f64
    );
    Ok(())
}

/// Tokens as Python's `re.findall(r'\w+', text)`: runs of alphanumerics and underscore.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens = tokens(text);
    let mut counts = HashMap::new();
    if tokens.len() < 4 {
        if !tokens.is_empty() {
            *counts.entry(tokens).or_default() += 1;
        }
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_default() += 1;
    }
    counts
}

/// Per-page (tp, fp, fn) on 4-token shingles with multiplicity.
fn page_counts(predicted: &str, gold: &str) -> (usize, usize, usize) {
    let p = shingles(predicted);
    let g = shingles(gold);
    let tp: usize = p
        .iter()
        .map(|(s, n)| (*n).min(g.get(s).copied().unwrap_or(0)))
        .sum();
    let p_total: usize = p.values().sum();
    let g_total: usize = g.values().sum();
    (tp, p_total - tp, g_total - tp)
}

/// Precision and recall averaged over pages, and F1 of the averages (the benchmark's definition).
fn score(counts: &[(usize, usize, usize)]) -> (f64, f64, f64) {
    let precisions: Vec<f64> = counts
        .iter()
        .filter(|(tp, fp, _)| tp + fp > 0)
        .map(|(tp, fp, _)| *tp as f64 / (tp + fp) as f64)
        .collect();
    let recalls: Vec<f64> = counts
        .iter()
        .filter(|(tp, _, fn_)| tp + fn_ > 0)
        .map(|(tp, _, fn_)| *tp as f64 / (tp + fn_) as f64)
        .collect();
    let s = Scores::new(
        precisions.iter().sum::<f64>() / precisions.len().max(1) as f64,
        recalls.iter().sum::<f64>() / recalls.len().max(1) as f64,
    );
    (s.precision, s.recall, s.f1)
}

fn read_gz(path: &Path) -> Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot gunzip {}", path.display()))?;
    Ok(bytes)
}

fn benchmark_report(dir: &Path, references: &[String], worst: usize) -> Result<()> {
    let truth_path = dir.join("ground-truth.json");
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(&truth_path)
            .with_context(|| format!("cannot read {}", truth_path.display()))?,
    )
    .with_context(|| format!("{}: not JSON", truth_path.display()))?;
    let truth = truth
        .as_object()
        .with_context(|| format!("{}: not an object", truth_path.display()))?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    // Read and decode every page first, so the timing below is extraction alone.
    let mut pages = Vec::new();
    for id in &ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let bytes = read_gz(&path)?;
        let content = match std::str::from_utf8(&bytes) {
            Ok(text) => text.to_string(),
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        let url = truth[id.as_str()]["url"].as_str().map(str::to_string);
        pages.push(Page {
            source: path.display().to_string(),
            file: path.clone(),
            url,
            format: Format::Html,
            content,
            hints: Hints::default(),
        });
    }
    let config = Config::default();
    let start = Instant::now();
    let outputs: Vec<String> = pages
        .iter()
        .map(|page| {
            extract(page, &config)
                .map(|d| d.paragraphs.join("\n"))
                .unwrap_or_default()
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    let mut counts = Vec::new();
    let mut per_page = Vec::new();
    for (id, output) in ids.iter().zip(&outputs) {
        let gold = truth[id.as_str()]["articleBody"]
            .as_str()
            .unwrap_or_default();
        let c = page_counts(output, gold);
        counts.push(c);
        let (p, r, f) = score(&[c]);
        per_page.push((f, p, r, id.as_str()));
    }
    let (p, r, f) = score(&counts);
    println!(
        "\n== article-extraction benchmark ({} pages, {})",
        ids.len(),
        dir.display()
    );
    println!(
        "   marsad          F1 {f:.3}  P {p:.3}  R {r:.3}   {:.0} pages/s on one core ({:.2} s)",
        ids.len() as f64 / seconds,
        seconds
    );
    for name in references {
        let path = dir
            .join("reference-outputs")
            .join(format!("{name}.json.gz"));
        let value: serde_json::Value = serde_json::from_slice(&read_gz(&path)?)
            .with_context(|| format!("{}: not JSON", path.display()))?;
        let output = value.get("output").unwrap_or(&value);
        let counts: Vec<_> = ids
            .iter()
            .map(|id| {
                let predicted = output[id.as_str()]["articleBody"]
                    .as_str()
                    .unwrap_or_default();
                let gold = truth[id.as_str()]["articleBody"]
                    .as_str()
                    .unwrap_or_default();
                page_counts(predicted, gold)
            })
            .collect();
        let (p, r, f) = score(&counts);
        println!("   {name:<15} F1 {f:.3}  P {p:.3}  R {r:.3}   (published outputs, same metric)");
    }
    if worst > 0 {
        per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, id) in per_page.iter().take(worst) {
            println!(
                "   worst: F1 {f:.2} P {p:.2} R {r:.2}  {id}  {}",
                truth[*id]["url"].as_str().unwrap_or("")
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_metric_counts_with_multiplicity() {
        assert_eq!(page_counts("a b c d e", "a b c d e"), (2, 0, 0));
        assert_eq!(page_counts("a b c d", "a b c d e"), (1, 0, 1));
        assert_eq!(page_counts("", "a b c d"), (0, 0, 1));
        let (p, r, f) = score(&[(1, 1, 0), (0, 0, 2)]);
        assert!((p - 0.5).abs() < 1e-9 && r.abs() < 1e-9 + 0.5 && f > 0.0);
    }
}
