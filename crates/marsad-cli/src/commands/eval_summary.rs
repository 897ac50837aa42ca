//! `marsad eval summary`: marsad's extractive summary against hand-written reference summaries of ANT
//! events, with the lead, centroid and LexRank baselines and a greedy oracle computed in the same run.
//!
//! For each reference (`eval/summary/ant-references.json`: event id, member DOCNOs, a 60–100 word Arabic
//! summary written by us): the member articles are read from `--ant` (only those files are parsed), made
//! into documents in publication-time order (so the lead baseline reads the earliest article), and the
//! shared passages among them found with [`PassageFinder`] as `marsad ingest` does. Every system then picks
//! sentences from the same [`marsad_brief::text::split`]; every output is cut at the same `--words` budget
//! (whole words, the DUC convention) before ROUGE, so no system gains from overrunning its last sentence.
//! ROUGE-1/2/L use [`marsad_brief::rouge`] in both token modes (search-normalised surface words, light stems).
//!
//! The oracle greedily adds the sentence that most raises ROUGE-1 F1 + ROUGE-2 F1 (surface) against the
//! reference, until nothing helps or the budget is reached: an upper bound for sentence extraction, not a
//! system.
//!
//! Also printed, per reference and overall: the share of the reference's 5-grams (surface tokens) found in
//! its member articles (titles and bodies), the check that references were written, not copied.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use marsad_brief::Evidence;
use marsad_brief::baselines::{centroid, lead, lexrank, truncate_words};
use marsad_brief::rouge::{Rouge, TokenMode, score, score_tokens, tokens};
use marsad_brief::summary::summarize;
use marsad_brief::text::{Sentence, split};
use marsad_corpora::ant::{AntArticle, parse_ant};
use marsad_dedup::{Analysis, PassageFinder};
use marsad_model::Document;
use serde::{Deserialize, Serialize};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ANT multi-source corpus folder.
    #[arg(long)]
    pub ant: PathBuf,
    /// The reference summaries (JSON array of {event, documents, reference, written_by, note}).
    #[arg(long, default_value = "eval/summary/ant-references.json")]
    pub references: PathBuf,
    /// Summary budget in words; every system's output is cut here before scoring.
    #[arg(long, default_value_t = 120)]
    pub words: usize,
    /// Print per-event rows as JSON instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// One hand-written reference summary.
#[derive(Debug, Clone, Deserialize)]
pub struct Reference {
    pub event: String,
    pub documents: Vec<String>,
    pub reference: String,
    #[serde(default)]
    pub written_by: String,
    #[serde(default)]
    pub note: String,
}

/// The systems compared, in table order.
pub const SYSTEMS: [&str; 5] = ["marsad", "lead", "centroid", "lexrank", "oracle"];

/// One system's output on one event, scored in both token modes.
#[derive(Debug, Clone, Serialize)]
pub struct SystemResult {
    pub system: &'static str,
    /// Words after the budget cut.
    pub words: usize,
    pub surface: Rouge,
    pub stem: Rouge,
    pub summary: String,
}

/// Every system on one event.
#[derive(Debug, Clone, Serialize)]
pub struct EventResult {
    pub event: String,
    pub documents: usize,
    pub outlets: usize,
    pub sentences: usize,
    /// Share of the reference's 5-grams found in the member articles.
    pub reference_5gram_overlap: f64,
    /// Who wrote the reference, and how its documents were chosen.
    pub written_by: String,
    pub note: String,
    pub systems: Vec<SystemResult>,
}

/// Reads and checks the references file.
pub fn read_references(path: &Path) -> Result<Vec<Reference>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let references: Vec<Reference> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a JSON array of references", path.display()))?;
    for (i, r) in references.iter().enumerate() {
        if r.documents.is_empty() {
            bail!(
                "{}: reference {i} ({}): no documents",
                path.display(),
                r.event
            );
        }
        if tokens(&r.reference, TokenMode::Surface).is_empty() {
            bail!(
                "{}: reference {i} ({}): empty summary",
                path.display(),
                r.event
            );
        }
    }
    Ok(references)
}

/// Finds and parses the corpus files named `<DOCNO>.txt` for the wanted DOCNOs, without parsing the rest.
pub fn read_articles(dir: &Path, wanted: &HashSet<&str>) -> Result<HashMap<String, AntArticle>> {
    let mut found = HashMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries =
            fs::read_dir(&folder).with_context(|| format!("{}: cannot list", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("{}: cannot list", folder.display()))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|x| x == "txt") && wanted.contains(stem) {
                let text = fs::read_to_string(&path)
                    .with_context(|| format!("{}: cannot read", path.display()))?;
                let article = parse_ant(&text, &path)?;
                found.insert(article.docno.clone(), article);
            }
        }
    }
    Ok(found)
}

fn scored(system: &'static str, chosen: &[String], reference: &str, words: usize) -> SystemResult {
    let summary = truncate_words(&chosen.join(" "), words);
    SystemResult {
        system,
        words: summary.split_whitespace().count(),
        surface: score(&summary, reference, TokenMode::Surface),
        stem: score(&summary, reference, TokenMode::Stem),
        summary,
    }
}

/// Greedy oracle: adds the sentence that most raises R1-F1 + R2-F1 (surface) of the cut summary.
fn oracle(sentences: &[Sentence], reference: &str, words: usize) -> Vec<String> {
    let reference_tokens = tokens(reference, TokenMode::Surface);
    let gain = |texts: &[String]| {
        let cut = truncate_words(&texts.join(" "), words);
        let r = score_tokens(&tokens(&cut, TokenMode::Surface), &reference_tokens);
        r.rouge1.f1 + r.rouge2.f1
    };
    let mut chosen: Vec<String> = Vec::new();
    let mut used = vec![false; sentences.len()];
    let mut best_so_far = 0.0;
    while chosen
        .iter()
        .map(|t| t.split_whitespace().count())
        .sum::<usize>()
        < words
    {
        let mut best: Option<(usize, f64)> = None;
        for (i, s) in sentences.iter().enumerate() {
            if used[i] || s.heading {
                continue;
            }
            chosen.push(s.text.clone());
            let g = gain(&chosen);
            chosen.pop();
            if g > best_so_far && best.is_none_or(|(_, b)| g > b) {
                best = Some((i, g));
            }
        }
        let Some((i, g)) = best else { break };
        used[i] = true;
        best_so_far = g;
        chosen.push(sentences[i].text.clone());
    }
    chosen
}

/// Share of the reference's 5-grams that occur in the documents (titles and bodies).
pub fn ngram_overlap(reference: &str, documents: &[Document], n: usize) -> f64 {
    let mut seen: HashSet<Vec<String>> = HashSet::new();
    for d in documents {
        let text = format!("{}\n{}", d.title.as_deref().unwrap_or(""), d.body());
        for gram in tokens(&text, TokenMode::Surface).windows(n) {
            seen.insert(gram.to_vec());
        }
    }
    let reference = tokens(reference, TokenMode::Surface);
    let grams: Vec<&[String]> = reference.windows(n).collect();
    if grams.is_empty() {
        return 0.0;
    }
    grams.iter().filter(|g| seen.contains(**g)).count() as f64 / grams.len() as f64
}

/// Runs every system on one reference's articles.
pub fn evaluate_event(
    reference: &Reference,
    articles: &[&AntArticle],
    words: usize,
) -> EventResult {
    let mut ordered: Vec<&AntArticle> = articles.to_vec();
    ordered.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.docno.cmp(&b.docno)));
    let documents: Vec<Document> = ordered.iter().map(|a| a.to_document()).collect();
    let mut passages = PassageFinder::default();
    for doc in &documents {
        passages.add(doc, &Analysis::of(doc));
    }
    let shared = passages.shared_passages();
    let evidence = Evidence {
        documents: documents.iter().collect(),
        shared_passages: shared.iter().collect(),
        entities: Vec::new(),
    };
    let sentences = split(&evidence.documents);
    let marsad: Vec<String> = summarize(&evidence, &sentences, words)
        .into_iter()
        .map(|c| c.text)
        .collect();
    let text = reference.reference.as_str();
    let outlets: HashSet<&str> = ordered.iter().map(|a| a.outlet.as_str()).collect();
    EventResult {
        event: reference.event.clone(),
        documents: documents.len(),
        outlets: outlets.len(),
        sentences: sentences.len(),
        reference_5gram_overlap: ngram_overlap(text, &documents, 5),
        written_by: reference.written_by.clone(),
        note: reference.note.clone(),
        systems: vec![
            scored("marsad", &marsad, text, words),
            scored("lead", &lead(&sentences, words), text, words),
            scored("centroid", &centroid(&sentences, words), text, words),
            scored("lexrank", &lexrank(&sentences, words), text, words),
            scored("oracle", &oracle(&sentences, text, words), text, words),
        ],
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

fn print_table(results: &[EventResult], words: usize) {
    println!(
        "summary evaluation: {} events, budget {words} words (every system cut at the budget), ROUGE F1 and recall, mean over events",
        results.len()
    );
    println!(
        "{:<8} {:<9} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}   {:>5}",
        "tokens", "system", "R1-F", "R2-F", "RL-F", "R1-R", "R2-R", "RL-R", "words"
    );
    for mode in TokenMode::ALL {
        for system in SYSTEMS {
            let rows: Vec<(&SystemResult, Rouge)> = results
                .iter()
                .flat_map(|e| e.systems.iter().filter(|s| s.system == system))
                .map(|s| {
                    let r = match mode {
                        TokenMode::Surface => s.surface,
                        TokenMode::Stem => s.stem,
                    };
                    (s, r)
                })
                .collect();
            let m = |f: fn(&Rouge) -> f64| mean(rows.iter().map(|(_, r)| f(r)));
            println!(
                "{:<8} {:<9} {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}   {:>5.0}",
                mode.name(),
                system,
                m(|r| r.rouge1.f1),
                m(|r| r.rouge2.f1),
                m(|r| r.rouge_l.f1),
                m(|r| r.rouge1.recall),
                m(|r| r.rouge2.recall),
                m(|r| r.rouge_l.recall),
                mean(rows.iter().map(|(s, _)| s.words as f64)),
            );
        }
    }
    println!("\nper event, ROUGE-1 F1 (surface):");
    println!(
        "{:<42} {:>4} {:>4} {:>7} {:>7} {:>8} {:>7} {:>7}",
        "event", "docs", "outl", "marsad", "lead", "centroid", "lexrank", "oracle"
    );
    for e in results {
        let f = |name: &str| {
            e.systems
                .iter()
                .find(|s| s.system == name)
                .map_or(0.0, |s| s.surface.rouge1.f1)
        };
        println!(
            "{:<42} {:>4} {:>4} {:>7.3} {:>7.3} {:>8.3} {:>7.3} {:>7.3}",
            e.event,
            e.documents,
            e.outlets,
            f("marsad"),
            f("lead"),
            f("centroid"),
            f("lexrank"),
            f("oracle")
        );
    }
    if let Some(worst) = results.iter().max_by(|a, b| {
        a.reference_5gram_overlap
            .total_cmp(&b.reference_5gram_overlap)
    }) {
        println!(
            "\nreferences vs their articles, share of reference 5-grams found in the articles: max {:.3} ({}), mean {:.3}",
            worst.reference_5gram_overlap,
            worst.event,
            mean(results.iter().map(|e| e.reference_5gram_overlap))
        );
    }
}

pub fn run(args: &Args) -> Result<Outcome> {
    if args.words == 0 {
        bail!("--words must be at least 1");
    }
    let references = read_references(&args.references)?;
    let wanted: HashSet<&str> = references
        .iter()
        .flat_map(|r| r.documents.iter().map(String::as_str))
        .collect();
    let articles = read_articles(&args.ant, &wanted)?;
    let mut results = Vec::new();
    let mut failed = 0;
    for r in &references {
        let missing: Vec<&str> = r
            .documents
            .iter()
            .filter(|d| !articles.contains_key(d.as_str()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            eprintln!(
                "marsad: {}: event {}: articles not found under {}: {}",
                args.references.display(),
                r.event,
                args.ant.display(),
                missing.join(", ")
            );
            failed += 1;
            continue;
        }
        let members: Vec<&AntArticle> = r
            .documents
            .iter()
            .filter_map(|d| articles.get(d.as_str()))
            .collect();
        results.push(evaluate_event(r, &members, args.words));
    }
    if args.json {
        for e in &results {
            println!("{}", serde_json::to_string(e)?);
        }
    } else {
        print_table(&results, args.words);
    }
    Ok(if failed > 0 {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_copied_five_grams() {
        let doc = Document::new(
            "a.txt",
            vec!["افتتح الوزير الجسر الجديد فوق النهر الكبير صباح اليوم".into()],
        );
        let copied = "افتتح الوزير الجسر الجديد فوق النهر";
        assert!((ngram_overlap(copied, std::slice::from_ref(&doc), 5) - 1.0).abs() < 1e-12);
        let written = "دشّن المسؤول جسراً حديثاً على النهر";
        assert_eq!(ngram_overlap(written, &[doc], 5), 0.0);
    }

    #[test]
    fn oracle_stops_when_nothing_helps() {
        let doc = Document::new(
            "a.txt",
            vec!["فاز فريق الواحة بالكأس. وهطلت أمطار غزيرة في الشمال.".into()],
        );
        let sentences = split(&[&doc]);
        let chosen = oracle(&sentences, "فاز فريق الواحة بالكأس", 100);
        assert_eq!(chosen, ["فاز فريق الواحة بالكأس."]);
    }
}
