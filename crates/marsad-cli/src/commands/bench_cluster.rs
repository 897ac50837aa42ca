//! `marsad bench cluster`: the ingest → dedup → cluster pipeline over ANT articles, in time order, as the
//! Python reference pipeline (`../shared/bench/ref_pipeline.py`) runs it: the same documents (one per URL,
//! sorted by `<TIME>`, the first `--limit`), timed in the same two parts: loading, then processing.
//!
//! Loading reads and parses every corpus file (as the reference does, whatever the limit). Processing is
//! per document: building the [`marsad_model::Document`], analysis, exact and near duplicates, shared
//! passages, event assignment, in three threads ([`Pipeline::place_all`]), timed `--repeat` times and
//! reported by the median; with `--reference`, the Python pipeline runs on the same documents before each
//! timed pass and the ratio of the two medians is printed, so both are measured on the machine as it is at
//! that moment. A first, one-thread pass times each stage on its own. Peak memory is the process's
//! high-water mark (VmHWM in /proc/self/status; the Python child's memory is not in it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use marsad_cluster::{Assignment, Compared, Pipeline, Scorer};
use marsad_corpora::ant::AntArticle;
use marsad_dedup::Analysis;
use marsad_model::Document;

use super::Outcome;
use super::eval_clustering::load_ant;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The ANT corpus folder (antcorpus-multisource).
    #[arg(long)]
    ant: PathBuf,
    /// How many articles (the earliest); 0 for all.
    #[arg(long, default_value_t = 3000)]
    limit: usize,
    /// Time the threaded pass this many times and report the median: timings on a shared machine drift
    /// from run to run.
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// The Python reference pipeline (`../shared/bench/ref_pipeline.py`): run on the same documents before
    /// each timed pass, and the ratio of the two medians reported.
    #[arg(long)]
    reference: Option<PathBuf>,
    /// The Python interpreter that runs `--reference`.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Before each timed pass, also time a pass over only the first this many documents, and report how
    /// many times longer the full pass takes (the ratio of the medians, of the fastest passes, and each
    /// repeat's own): both measured on the machine as it is at that moment (on a shared machine, two
    /// separate runs can differ by more than the effect being measured).
    #[arg(long)]
    scale_from: Option<usize>,
}

/// Documents per slice in the per-slice timing.
const SLICE: usize = 3000;

/// The process's peak resident memory in kB, where /proc says it.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(args: &Args) -> Result<Outcome> {
    // A wrong reference path fails now, not after the corpus is loaded and the one-thread pass has run.
    if let Some(script) = &args.reference
        && !script.is_file()
    {
        anyhow::bail!(
            "{}: no such file (the --reference script)",
            script.display()
        );
    }
    let start = Instant::now();
    let (mut articles, failed) = load_ant(&args.ant)?;
    if args.limit > 0 {
        articles.truncate(args.limit);
    }
    let load_s = start.elapsed().as_secs_f64();

    // Each stage timed on its own, one document after the other (where the time goes).
    let mut stages = [0.0f64; 5];
    // Per slice of 3,000 documents, each stage's seconds: flat slices mean a linear cost.
    let mut slices: Vec<[f64; 5]> = Vec::new();
    let mut sequential = Pipeline::new(Scorer::default());
    for (n, article) in articles.iter().enumerate() {
        if n % SLICE == 0 {
            slices.push(stages);
        }
        let mut lap = Instant::now();
        let mut mark = |i: usize| {
            stages[i] += lap.elapsed().as_secs_f64();
            lap = Instant::now();
        };
        let doc = article.to_document();
        mark(0);
        let analysis = Analysis::of(&doc);
        mark(1);
        let duplicate_of = sequential.duplicates.add(&doc, &analysis).of().cloned();
        mark(2);
        let shared_with = sequential.passages.add(&doc, &analysis);
        mark(3);
        let compared = Compared {
            duplicate_of,
            shared_with,
        };
        sequential
            .clusterer
            .add(&doc, &analysis, &compared.context(article.time));
        mark(4);
    }
    slices.push(stages);
    let sequential_s: f64 = stages.iter().sum();
    drop(sequential);

    // The pipeline as it runs (Pipeline::place_all), `--repeat` times, each after a run of the reference
    // when one is given, so that both see the machine in the same state.
    let mut process_times = Vec::new();
    let mut reference_rates = Vec::new();
    let mut first_times = Vec::new();
    let mut process_usage = Vec::new();
    let mut first_usage = Vec::new();
    let first_n = args.scale_from.map(|n| n.min(articles.len()));
    let mut last = None;
    for _ in 0..args.repeat.max(1) {
        // One pipeline in memory at a time, so peak memory is that of one pass.
        drop(last.take());
        if let Some(script) = &args.reference {
            reference_rates.push(run_reference(&args.python, script, &args.ant, args.limit)?);
        }
        if let Some(n) = first_n {
            let (_, seconds, usage) = timed_pass(&articles[..n], |_, _| {});
            first_times.push(seconds);
            first_usage.push(usage);
        }
        let mut duplicates = 0;
        let (pipeline, seconds, usage) = timed_pass(&articles, |_, placed| {
            duplicates += usize::from(placed.probability >= 1.0 && !placed.new_event)
        });
        process_times.push(seconds);
        process_usage.push(usage);
        last = Some((pipeline, duplicates));
    }
    let Some((pipeline, duplicates)) = last else {
        anyhow::bail!("no timed pass ran");
    };
    let process_s = median(&mut process_times.clone());
    let n = articles.len();
    println!(
        "docs {n} load_s {load_s:.2} process_s {process_s:.3} docs_per_s {:.0} end_to_end_docs_per_s {:.0} \
         events {} stories {} duplicates_joined {duplicates} shared_passages {} unreadable_files {failed} peak_rss_mb {}",
        n as f64 / process_s.max(1e-9),
        n as f64 / (load_s + process_s).max(1e-9),
        pipeline.clusterer.event_count(),
        pipeline.clusterer.stories().len(),
        pipeline.passages.shared_passages().len(),
        peak_rss_kb().map_or_else(
            || "unknown".to_string(),
            |kb| format!("{:.0}", kb as f64 / 1024.0)
        ),
    );
    let mut story_sizes: Vec<(usize, String)> = pipeline
        .clusterer
        .stories()
        .into_iter()
        .map(|s| (s.events.len(), s.headline))
        .collect();
    story_sizes.sort_by_key(|s| std::cmp::Reverse(s.0));
    for (events, headline) in story_sizes.iter().take(3) {
        println!("largest story: {events} events, {headline}");
    }
    println!("output digest: {}", output_digest(&pipeline)?);
    println!(
        "one thread: process_s {sequential_s:.3} docs_per_s {:.0}; stages_s document {:.3} analysis {:.3} \
         duplicates {:.3} passages {:.3} cluster {:.3}",
        n as f64 / sequential_s.max(1e-9),
        stages[0],
        stages[1],
        stages[2],
        stages[3],
        stages[4]
    );
    if process_times.len() > 1 {
        println!("threaded passes (s): {}", listed(&process_times, 3));
    }
    if let Some(line) = usage_line("threaded", &process_usage) {
        println!("{line}");
    }
    if let Some(n) = first_n {
        if let Some(line) = usage_line(&format!("first {n}"), &first_usage) {
            println!("{line}");
        }
        let first_s = median(&mut first_times.clone());
        println!(
            "scaling: the first {n} documents take {first_s:.3} s (passes {}); all {} take {:.1}x as long for {:.1}x the documents",
            listed(&first_times, 3),
            articles.len(),
            process_s / first_s.max(1e-9),
            articles.len() as f64 / n.max(1) as f64
        );
        // Other tenants of a shared machine only ever add time: the fastest pass of each kind is the least
        // disturbed, and each repeat's two passes ran back to back, on the machine as it was then.
        let fastest = |times: &[f64]| times.iter().copied().fold(f64::INFINITY, f64::min);
        let per_repeat: Vec<f64> = process_times
            .iter()
            .zip(&first_times)
            .map(|(all, first)| all / first.max(1e-9))
            .collect();
        println!(
            "scaling, other estimates: fastest passes {:.1}x; per repeat {} (median {:.1}x)",
            fastest(&process_times) / fastest(&first_times).max(1e-9),
            listed(&per_repeat, 1),
            median(&mut per_repeat.clone())
        );
        // CPU time leaves out the waits for a core that other tenants cause, and still counts what the
        // caches cost: the steadier of the two measures of the work.
        if let (Some(first), Some(all)) = (median_cpu(&first_usage), median_cpu(&process_usage)) {
            println!(
                "scaling in CPU time (user + system, medians): the first {n} {first:.3} s, all {all:.3} s: {:.1}x",
                all / first.max(1e-9)
            );
        }
    }
    if !reference_rates.is_empty() {
        let reference = median(&mut reference_rates.clone());
        println!(
            "reference: docs_per_s median {reference:.1} (runs {}); marsad/reference {:.0}x",
            listed(&reference_rates, 1),
            n as f64 / process_s.max(1e-9) / reference.max(1e-9)
        );
    }
    if slices.len() > 2 {
        let lines: Vec<String> = slices
            .windows(2)
            .map(|w| {
                let d: Vec<String> = (0..5)
                    .map(|k| format!("{:.2}", w[1][k] - w[0][k]))
                    .collect();
                format!(
                    "{:.2} ({})",
                    w[1].iter().sum::<f64>() - w[0].iter().sum::<f64>(),
                    d.join("/")
                )
            })
            .collect();
        println!(
            "one thread, seconds per {SLICE} documents (document/analysis/duplicates/passages/cluster): {}",
            lines.join(" ")
        );
    }
    Ok(Outcome::Done)
}

/// A digest of what the pass found (events with their members, stories, shared passages), so that a change
/// meant to make the pipeline faster can show it gives the same output on the whole corpus.
fn output_digest(pipeline: &Pipeline) -> Result<String> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&serde_json::to_vec(&pipeline.clusterer.events())?);
    hasher.update(&serde_json::to_vec(&pipeline.clusterer.stories())?);
    hasher.update(&serde_json::to_vec(&pipeline.passages.shared_passages())?);
    Ok(hasher.finalize().to_hex()[..16].to_string())
}

/// One threaded pass of a fresh pipeline over the articles (building each document included): the
/// pipeline, the seconds it took, and the CPU time and page faults it took (where they could be read).
fn timed_pass(
    articles: &[AntArticle],
    each: impl FnMut(&Document, &Assignment),
) -> (Pipeline, f64, Option<CpuUsage>) {
    let before = CpuUsage::now();
    let start = Instant::now();
    let mut pipeline = Pipeline::new(Scorer::default());
    pipeline.place_all(articles.iter().map(|a| (a.to_document(), a.time)), each);
    let seconds = start.elapsed().as_secs_f64();
    let usage = CpuUsage::now()
        .zip(before)
        .map(|(after, before)| after.since(&before));
    (pipeline, seconds, usage)
}

/// The process's CPU time, user and system, and its minor page faults (fresh memory handed to the process,
/// zeroed first), where the kernel says them. CPU time is the work a pass did on every core together; on a
/// shared machine it moves less than wall time, which also counts waits for a core. A pass that needs more
/// memory than the allocator kept from the pass before pays for it in system time and faults: after a run
/// of the reference, which takes long enough for the allocator to give its memory back, every pass starts
/// cold.
#[derive(Debug, Clone, Copy)]
struct CpuUsage {
    user_s: f64,
    system_s: f64,
    page_faults: i64,
}

impl CpuUsage {
    fn now() -> Option<CpuUsage> {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
        // SAFETY: getrusage writes the whole struct when it returns 0, and it is read only then.
        let usage = unsafe {
            if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
                return None;
            }
            usage.assume_init()
        };
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
        Some(CpuUsage {
            user_s: seconds(usage.ru_utime),
            system_s: seconds(usage.ru_stime),
            page_faults: usage.ru_minflt,
        })
    }

    fn since(&self, earlier: &CpuUsage) -> CpuUsage {
        CpuUsage {
            user_s: self.user_s - earlier.user_s,
            system_s: self.system_s - earlier.system_s,
            page_faults: self.page_faults - earlier.page_faults,
        }
    }

    fn cpu_s(&self) -> f64 {
        self.user_s + self.system_s
    }
}

/// One line with each pass's user and system CPU time and page faults, or `None` where they could not be
/// read.
fn usage_line(passes: &str, usage: &[Option<CpuUsage>]) -> Option<String> {
    let usage: Option<Vec<CpuUsage>> = usage.iter().copied().collect();
    let runs: Vec<String> = usage?
        .iter()
        .map(|u| format!("{:.3} s/{:.3} s/{}", u.user_s, u.system_s, u.page_faults))
        .collect();
    (!runs.is_empty()).then(|| {
        format!(
            "cpu, {passes} passes (user time/system time/page faults): {}",
            runs.join(" ")
        )
    })
}

/// The median CPU time (user and system) of some passes, where every one could be read.
fn median_cpu(usage: &[Option<CpuUsage>]) -> Option<f64> {
    let mut seconds: Vec<f64> = usage
        .iter()
        .map(|u| u.map(|u| u.cpu_s()))
        .collect::<Option<_>>()?;
    (!seconds.is_empty()).then(|| median(&mut seconds))
}

/// Values with this many decimals, one space apart: one number per run.
fn listed(values: &[f64], decimals: usize) -> String {
    let runs: Vec<String> = values.iter().map(|v| format!("{v:.decimals$}")).collect();
    runs.join(" ")
}

/// The median of some timings (the mean of the middle two for an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Runs the Python reference pipeline on the same corpus and limit and returns its documents per second.
fn run_reference(python: &str, script: &Path, ant: &Path, limit: usize) -> Result<f64> {
    let output = Command::new(python)
        .arg(script)
        .arg(ant)
        .arg(limit.to_string())
        .output()
        .with_context(|| format!("{}: could not run it with {python}", script.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        anyhow::bail!(
            "{}: exited with {} ({})",
            script.display(),
            output.status,
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        );
    }
    reference_rate(&stdout).with_context(|| {
        format!(
            "{}: no 'docs_per_s' in its output: {stdout}",
            script.display()
        )
    })
}

/// The `docs_per_s` value of the reference pipeline's report line.
fn reference_rate(output: &str) -> Option<f64> {
    let mut words = output.split_whitespace();
    words.find(|w| *w == "docs_per_s")?;
    words.next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_rate_is_read_from_its_report_line() {
        let line =
            "docs 3000 load_s 1.7 process_s 30.1 docs_per_s 99.8 near_dups 11 clusters 477\n";
        assert_eq!(reference_rate(line), Some(99.8));
        assert_eq!(reference_rate("Traceback (most recent call last)"), None);
        assert_eq!(reference_rate("docs_per_s nan?"), None);
    }

    #[test]
    fn usage_line_lists_each_pass_or_nothing_when_one_is_unknown() {
        let pass = |user_s, system_s, page_faults| {
            Some(CpuUsage {
                user_s,
                system_s,
                page_faults,
            })
        };
        assert_eq!(
            usage_line("threaded", &[pass(0.4, 0.0314, 850), pass(4.5, 0.1, 17000)]).as_deref(),
            Some(
                "cpu, threaded passes (user time/system time/page faults): 0.400 s/0.031 s/850 4.500 s/0.100 s/17000"
            )
        );
        assert_eq!(usage_line("threaded", &[pass(0.1, 0.1, 1), None]), None);
        assert_eq!(usage_line("threaded", &[]), None);
    }

    #[test]
    fn median_cpu_adds_user_and_system_time() {
        let pass = |user_s, system_s| {
            Some(CpuUsage {
                user_s,
                system_s,
                page_faults: 0,
            })
        };
        let passes = [pass(1.0, 0.5), pass(3.0, 0.0), pass(0.25, 0.25)];
        assert_eq!(median_cpu(&passes), Some(1.5));
        assert_eq!(median_cpu(&[pass(1.0, 0.0), None]), None);
        assert_eq!(median_cpu(&[]), None);
    }

    #[test]
    fn listed_values_keep_the_decimals_asked_for() {
        assert_eq!(listed(&[0.3141, 2.0], 3), "0.314 2.000");
        assert_eq!(listed(&[104.14], 1), "104.1");
        assert_eq!(listed(&[], 3), "");
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&mut []), 0.0);
    }
}
