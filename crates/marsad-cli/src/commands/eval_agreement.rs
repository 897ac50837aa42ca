//! `marsad eval agreement`: how far two annotations of the same days agree, scored as the clustering is
//! (BCubed and pairwise precision, recall and F1 of the second annotation against the first).
//!
//! The clustering goal is a number against one annotator's reading; two careful annotators under the same
//! written rule also disagree on where one event ends (a preview, a reaction, a feature pegged to a
//! summit), and their agreement is what a clusterer's score can be read against. Both F1s are symmetric:
//! swapping the annotations swaps precision and recall.
//!
//! Files are matched by the days they label. Every article of the first file must be labelled in the
//! second (by its id or one of its aliases); one that is not is named, and its day is not scored. A file
//! that cannot be read is named with the reason, and the others are still compared.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args as ClapArgs;
use marsad_cluster::evaluate::{Scores, bcubed, pairwise};

use super::Outcome;
use super::eval_clustering::{fmt, mean_and_error, read_labels};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The first annotation's label files (any number; those whose days the second does not label are
    /// skipped).
    #[arg(long, required = true, num_args = 1..)]
    first: Vec<PathBuf>,
    /// The second annotation's label files, each labelling the same days as one of the first's.
    #[arg(long, required = true, num_args = 1..)]
    second: Vec<PathBuf>,
}

/// One compared day (or set of days: a file's).
struct Compared {
    days: String,
    articles: usize,
    events: (usize, usize),
    bcubed: Scores,
    pairwise: Scores,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let mut outcome = Outcome::Done;
    let mut first = Vec::new();
    for path in &args.first {
        match read_labels(path) {
            Ok(labels) => first.push((path, labels)),
            Err(error) => {
                eprintln!("marsad: {error:#}");
                outcome = Outcome::PartlyFailed;
            }
        }
    }
    let mut compared = Vec::new();
    let mut pooled: Vec<(String, String)> = Vec::new();
    for path in &args.second {
        let second = match read_labels(path) {
            Ok(labels) => labels,
            Err(error) => {
                eprintln!("marsad: {error:#}");
                outcome = Outcome::PartlyFailed;
                continue;
            }
        };
        let Some((first_path, labels)) = first.iter().find(|(_, f)| f.days == second.days) else {
            eprintln!(
                "marsad: {}: no first annotation labels the same days",
                path.display()
            );
            outcome = Outcome::PartlyFailed;
            continue;
        };
        // Each article of the first, by its id, with the event the second gives it through any of its
        // DOCNOs (the two may have chosen different ids for one URL's copies).
        let mut in_second: HashMap<&String, &String> = HashMap::new();
        for (docno, id) in &labels.alias {
            if let Some(event) = second.alias.get(docno).and_then(|c| second.articles.get(c)) {
                in_second.entry(id).or_insert(event);
            }
        }
        let mut items = Vec::new();
        let mut missing = Vec::new();
        for (id, event) in &labels.articles {
            match in_second.get(id) {
                Some(&other) => items.push((event.clone(), other.clone())),
                None => missing.push(id.clone()),
            }
        }
        if !missing.is_empty() {
            missing.sort();
            eprintln!(
                "marsad: {}: {} articles of {} are not labelled here ({}); not scored",
                path.display(),
                missing.len(),
                first_path.display(),
                missing.join(", ")
            );
            outcome = Outcome::PartlyFailed;
            continue;
        }
        items.sort();
        let days = labels
            .days
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        // Event names need only be unique within a file: pooled, they are kept apart by the file's days.
        pooled.extend(
            items
                .iter()
                .map(|(a, b)| (format!("{days} {a}"), format!("{days} {b}"))),
        );
        let distinct = |pick: fn(&(String, String)) -> &String| {
            let mut names: Vec<&String> = items.iter().map(pick).collect();
            names.sort();
            names.dedup();
            names.len()
        };
        compared.push(Compared {
            days,
            articles: items.len(),
            events: (distinct(|i| &i.0), distinct(|i| &i.1)),
            bcubed: bcubed(&items),
            pairwise: pairwise(&items),
        });
    }
    compared.sort_by(|a, b| a.days.cmp(&b.days));
    for c in &compared {
        println!(
            "{}: {} articles, {} events in the first, {} in the second\n  second against first  BCubed {}  pairwise {}",
            c.days,
            c.articles,
            c.events.0,
            c.events.1,
            fmt(&c.bcubed),
            fmt(&c.pairwise)
        );
    }
    if !compared.is_empty() {
        let mean = |f1: fn(&Compared) -> f64| {
            mean_and_error(&compared.iter().map(f1).collect::<Vec<_>>()).0
        };
        println!(
            "{} compared: mean BCubed F1 {:.3}, mean pairwise F1 {:.3}; pooled BCubed F1 {:.3}, pairwise {}",
            compared.len(),
            mean(|c| c.bcubed.f1),
            mean(|c| c.pairwise.f1),
            bcubed(&pooled).f1,
            fmt(&pairwise(&pooled))
        );
    }
    Ok(outcome)
}
