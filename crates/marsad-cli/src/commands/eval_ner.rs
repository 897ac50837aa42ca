//! `marsad eval ner`: entity detection scored against ANERcorp (Benajiba et al.), in the CoNLL way: an entity
//! counts only if its span and type are both exactly right; precision, recall and F1 per type and
//! micro-averaged.
//!
//! Types: marsad's PER, ORG, LOC, MISC are compared with ANERcorp's PERS, ORG, LOC, MISC. The corpus has no
//! document breaks; consecutive sentences are grouped into pseudo-documents (`--doc-sentences`), and names are
//! learned from the split being scored, as marsad learns from a user's own pages (no labels are read for
//! that). Nothing is trained. The data stays outside the repository and is read from the path given.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use marsad_cluster::evaluate::Scores;
use marsad_entities::{Gazetteer, LearnedNames, detect};
use marsad_model::{Document, EntityType};

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The ANERcorp folder (holding ANERcorp_reconstructed_{train,test}.txt).
    #[arg(long)]
    anercorp: PathBuf,
    /// Which split to score.
    #[arg(long, default_value = "test", value_parser = ["test", "train"])]
    split: String,
    /// Sentences per pseudo-document.
    #[arg(long, default_value_t = 20)]
    doc_sentences: usize,
    /// Print this many missed and this many spurious entities.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Score with the gazetteer only (no titles, patterns or learned names): shows what the rules add.
    #[arg(long)]
    no_learning: bool,
}

#[derive(Debug)]
struct Sentence {
    tokens: Vec<String>,
    gold: Vec<(usize, usize, &'static str)>,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let path = args
        .anercorp
        .join(format!("ANERcorp_reconstructed_{}.txt", args.split));
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let sentences = parse(&text, &path.display().to_string())?;
    if args.doc_sentences == 0 {
        bail!("--doc-sentences must be at least 1");
    }

    // Each sentence a paragraph, tokens joined by single spaces; remember where each token starts.
    let mut documents = Vec::new();
    let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new();
    for chunk in sentences.chunks(args.doc_sentences) {
        let mut paragraphs = Vec::new();
        for s in chunk {
            let mut line = String::new();
            let mut spans = Vec::new();
            for t in &s.tokens {
                if !line.is_empty() {
                    line.push(' ');
                }
                spans.push((line.len(), line.len() + t.len()));
                line.push_str(t);
            }
            offsets.push(spans);
            paragraphs.push(line);
        }
        documents.push(Document::new(
            format!("{}#{}", path.display(), documents.len()),
            paragraphs,
        ));
    }
    let gazetteer = Gazetteer::builtin();
    let learned = if args.no_learning {
        LearnedNames::default()
    } else {
        LearnedNames::learn(&documents, &gazetteer)
    };
    let started = std::time::Instant::now();
    let mut predicted: Vec<Vec<(usize, usize, &'static str)>> = vec![Vec::new(); sentences.len()];
    let mut sentence_base = 0;
    for doc in &documents {
        for m in detect(doc, &gazetteer, &learned) {
            let sentence = sentence_base + m.paragraph;
            let Some(spans) = offsets.get(sentence) else {
                continue;
            };
            let covered: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, (s, e))| *s < m.span.end && m.span.start < *e)
                .map(|(i, _)| i)
                .collect();
            if let (Some(&first), Some(&last)) = (covered.first(), covered.last()) {
                predicted[sentence].push((first, last + 1, tag(m.entity_type)));
            }
        }
        sentence_base += doc.paragraphs.len();
    }
    let elapsed = started.elapsed();

    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // gold, predicted, correct
    let mut missed = Vec::new();
    let mut spurious = Vec::new();
    for (s, pred) in sentences.iter().zip(&predicted) {
        for g in &s.gold {
            counts.entry(g.2).or_default().0 += 1;
            if pred.contains(g) {
                counts.entry(g.2).or_default().2 += 1;
            } else {
                missed.push(format!("{} {}", g.2, s.tokens[g.0..g.1].join(" ")));
            }
        }
        for p in pred {
            counts.entry(p.2).or_default().1 += 1;
            if !s.gold.contains(p) {
                spurious.push(format!("{} {}", p.2, s.tokens[p.0..p.1].join(" ")));
            }
        }
    }
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    println!(
        "ANERcorp {} split: {} sentences, {tokens} tokens, {} pseudo-documents of {} sentences; {} names learned",
        args.split,
        sentences.len(),
        documents.len(),
        args.doc_sentences,
        learned.len()
    );
    println!(
        "exact-span, exact-type matching (CoNLL); marsad PER/ORG/LOC/MISC = ANERcorp PERS/ORG/LOC/MISC"
    );
    println!(
        "{:<6} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "type", "gold", "pred", "right", "P", "R", "F1"
    );
    let mut total = (0, 0, 0);
    for (t, (g, p, c)) in &counts {
        print_row(t, *g, *p, *c);
        total = (total.0 + g, total.1 + p, total.2 + c);
    }
    print_row("micro", total.0, total.1, total.2);
    println!(
        "detection time {:.3} s ({:.0} tokens/s, learning not counted)",
        elapsed.as_secs_f64(),
        tokens as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    for (label, list) in [("missed", &missed), ("spurious", &spurious)] {
        for line in list.iter().take(args.errors) {
            println!("{label}: {line}");
        }
    }
    Ok(Outcome::Done)
}

fn print_row(label: &str, gold: usize, pred: usize, correct: usize) {
    let Scores {
        precision: p,
        recall: r,
        f1: f,
    } = Scores::from_counts(correct, pred, gold);
    println!("{label:<6} {gold:>6} {pred:>6} {correct:>6} {p:>7.3} {r:>7.3} {f:>7.3}");
}

fn tag(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "PERS",
        EntityType::Organisation => "ORG",
        EntityType::Location => "LOC",
        EntityType::Misc => "MISC",
    }
}

/// `token TAG` lines, blank lines between sentences; B-/I- tags (an I- after O or another type opens an
/// entity, as in IOB1).
fn parse(text: &str, origin: &str) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    let mut current = Sentence {
        tokens: Vec::new(),
        gold: Vec::new(),
    };
    let mut open: Option<(usize, &'static str)> = None;
    let close = |current: &mut Sentence, open: &mut Option<(usize, &'static str)>| {
        if let Some((start, t)) = open.take() {
            current.gold.push((start, current.tokens.len(), t));
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            close(&mut current, &mut open);
            if !current.tokens.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        tokens: Vec::new(),
                        gold: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let Some((token, label)) = line.rsplit_once(' ') else {
            bail!("{origin}:{}: expected `token TAG`, got {line:?}", n + 1);
        };
        let (prefix, kind) = match label.split_once('-') {
            Some((p, k)) => (p, k),
            None if label == "O" => ("O", ""),
            None => bail!("{origin}:{}: unknown tag {label:?}", n + 1),
        };
        let kind: &'static str = match kind {
            "PERS" | "PER" => "PERS",
            "ORG" => "ORG",
            "LOC" => "LOC",
            "MISC" => "MISC",
            "" => "",
            other => bail!("{origin}:{}: unknown entity type {other:?}", n + 1),
        };
        match prefix {
            "O" => close(&mut current, &mut open),
            "B" => {
                close(&mut current, &mut open);
                open = Some((current.tokens.len(), kind));
            }
            "I" => {
                if open.map(|o| o.1) != Some(kind) {
                    close(&mut current, &mut open);
                    open = Some((current.tokens.len(), kind));
                }
            }
            other => bail!("{origin}:{}: unknown tag prefix {other:?}", n + 1),
        }
        current.tokens.push(token.to_string());
    }
    close(&mut current, &mut open);
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bio_with_iob1_openings() {
        let s = parse("أ B-PERS\nب I-PERS\nج O\nد I-LOC\n\nه B-ORG\n", "t").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].gold, vec![(0, 2, "PERS"), (3, 4, "LOC")]);
        assert_eq!(s[1].gold, vec![(0, 1, "ORG")]);
        assert!(parse("بلا_وسم\n", "t").is_err());
        assert!(
            parse("x B-FOO\n", "t")
                .unwrap_err()
                .to_string()
                .contains("t:1")
        );
    }
}
