//! `marsad eval stance`: the headline-pair stance function of the contradiction stage
//! (`marsad_brief::contradictions::headline_stance`) scored on the ANS corpus (Khouja 2020): pairs of
//! Arabic headlines labelled agree / disagree / other. Prints the confusion matrix, precision, recall and
//! F1 for "disagree" (the class the contradiction finder is for), accuracy, the always-"disagree"
//! baseline, and how often each cue fired.
//!
//! The data stays outside the repository and is read from the path given (`data/stance/{split}.csv`,
//! columns `s1,s2,stance`). Nothing is trained: the cue lists are ours and the one knob
//! (`--min-overlap`) was set on the train and dev splits; test is for reporting.
//!
//! The CSV reader is hand-written (the `csv` crate is not in this workplace's package cache): RFC 4180
//! fields, quoted fields with doubled quotes and embedded newlines, CRLF or LF.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use marsad_brief::contradictions::{Stance, StanceConfig, headline_stance_with};
use marsad_cluster::evaluate::Scores;

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The ANS folder (holding data/stance/{train,dev,test}.csv).
    #[arg(long)]
    ans: PathBuf,
    /// Which split to score.
    #[arg(long, default_value = "test", value_parser = ["train", "dev", "test"])]
    split: String,
    /// Below this share of shared content terms a pair is "other" (unrelated).
    #[arg(long, default_value_t = StanceConfig::default().min_overlap)]
    min_overlap: f64,
    /// Print this many misclassified pairs of each kind.
    #[arg(long, default_value_t = 0)]
    errors: usize,
}

/// One labelled pair.
#[derive(Debug, Clone, PartialEq)]
struct Pair {
    s1: String,
    s2: String,
    gold: Stance,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let path = args
        .ans
        .join("data/stance")
        .join(format!("{}.csv", args.split));
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let pairs = parse_pairs(&text, &path)?;
    if pairs.is_empty() {
        bail!("{}: no pairs", path.display());
    }
    let config = StanceConfig {
        min_overlap: args.min_overlap,
    };
    let classes = [Stance::Agree, Stance::Disagree, Stance::Unrelated];
    let index = |s: Stance| classes.iter().position(|c| *c == s).unwrap_or(0);
    let mut matrix = [[0usize; 3]; 3]; // [gold][predicted]
    let mut cue_counts = [0usize; 4];
    let mut errors: Vec<(Stance, Stance, &Pair)> = Vec::new();
    let started = std::time::Instant::now();
    for pair in &pairs {
        let (predicted, cues) = headline_stance_with(&pair.s1, &pair.s2, &config);
        matrix[index(pair.gold)][index(predicted)] += 1;
        for (n, fired) in cue_counts.iter_mut().zip([
            cues.overlap_low,
            cues.slot_conflict,
            cues.negation_mismatch,
            cues.opposite_words,
        ]) {
            *n += usize::from(fired);
        }
        if predicted != pair.gold {
            errors.push((pair.gold, predicted, pair));
        }
    }
    let elapsed = started.elapsed();

    let name = |s: Stance| match s {
        Stance::Agree => "agree",
        Stance::Disagree => "disagree",
        Stance::Unrelated => "other",
    };
    println!(
        "ANS stance, {} split: {} pairs ({}), min-overlap {}",
        args.split,
        pairs.len(),
        path.display(),
        args.min_overlap
    );
    println!();
    println!("gold \\ predicted   agree  disagree     other");
    for (g, row) in matrix.iter().enumerate() {
        println!(
            "{:<17} {:>7} {:>9} {:>9}",
            name(classes[g]),
            row[0],
            row[1],
            row[2]
        );
    }
    let d = index(Stance::Disagree);
    let tp = matrix[d][d];
    let predicted_d: usize = matrix.iter().map(|r| r[d]).sum();
    let gold_d: usize = matrix[d].iter().sum();
    let Scores {
        precision: p,
        recall: r,
        f1: f,
    } = Scores::from_counts(tp, predicted_d, gold_d);
    let correct: usize = (0..3).map(|i| matrix[i][i]).sum();
    println!();
    println!(
        "disagree: precision {p:.3}  recall {r:.3}  F1 {f:.3}  ({tp} of {predicted_d} predicted, {gold_d} gold)"
    );
    println!(
        "accuracy {:.3} ({correct}/{})",
        correct as f64 / pairs.len() as f64,
        pairs.len()
    );
    let Scores {
        precision: bp,
        recall: br,
        f1: bf,
    } = Scores::from_counts(gold_d, pairs.len(), gold_d);
    println!("baseline (always disagree): precision {bp:.3}  recall {br:.3}  F1 {bf:.3}");
    println!(
        "cues fired: low overlap {}, slot conflict {}, negation mismatch {}, opposite words {}",
        cue_counts[0], cue_counts[1], cue_counts[2], cue_counts[3]
    );
    println!(
        "{:.0} pairs/s",
        pairs.len() as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    if args.errors > 0 {
        for (gold, predicted) in [
            (Stance::Disagree, Stance::Agree),
            (Stance::Agree, Stance::Disagree),
        ] {
            println!();
            println!("gold {} predicted {}:", name(gold), name(predicted));
            for (_, _, pair) in errors
                .iter()
                .filter(|(g, p, _)| *g == gold && *p == predicted)
                .take(args.errors)
            {
                println!("  {} || {}", pair.s1, pair.s2);
            }
        }
    }
    Ok(Outcome::Done)
}

/// The labelled pairs of an ANS stance file; errors name the file and the record.
fn parse_pairs(text: &str, path: &Path) -> Result<Vec<Pair>> {
    let records = parse_csv(text).with_context(|| format!("{}", path.display()))?;
    let mut rows = records.into_iter().enumerate();
    let Some((_, header)) = rows.next() else {
        return Ok(Vec::new());
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
            .with_context(|| format!("{}: no column {name:?} in the header", path.display()))
    };
    let (c1, c2, cs) = (column("s1")?, column("s2")?, column("stance")?);
    let mut out = Vec::new();
    for (n, row) in rows {
        if row.len() == 1 && row[0].trim().is_empty() {
            continue;
        }
        let field = |c: usize| {
            row.get(c).with_context(|| {
                format!(
                    "{}: record {}: {} fields, expected at least {}",
                    path.display(),
                    n + 1,
                    row.len(),
                    c + 1
                )
            })
        };
        let gold = match field(cs)?.trim() {
            "agree" => Stance::Agree,
            "disagree" => Stance::Disagree,
            "other" | "unrelated" => Stance::Unrelated,
            other => bail!(
                "{}: record {}: unknown stance {other:?}",
                path.display(),
                n + 1
            ),
        };
        out.push(Pair {
            s1: field(c1)?.clone(),
            s2: field(c2)?.clone(),
            gold,
        });
    }
    Ok(out)
}

/// RFC 4180 records: fields split by commas, a field in double quotes may hold commas, newlines and
/// doubled quotes. Errors give the record number and the byte offset.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.char_indices().peekable();
    let mut quoted_start: Option<usize> = None;
    let mut after_quote = false;
    while let Some((at, c)) = chars.next() {
        if quoted_start.is_some() {
            if c == '"' {
                if chars.peek().is_some_and(|(_, n)| *n == '"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted_start = None;
                    after_quote = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            ',' => {
                record.push(std::mem::take(&mut field));
                after_quote = false;
            }
            '\r' if chars.peek().is_some_and(|(_, n)| *n == '\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                after_quote = false;
            }
            '"' if field.is_empty() && !after_quote => quoted_start = Some(at),
            _ if after_quote => bail!(
                "record {}: byte {at}: text after a closing quote",
                records.len() + 1
            ),
            _ => field.push(c),
        }
    }
    if let Some(start) = quoted_start {
        bail!(
            "record {}: the quoted field opened at byte {start} never closes",
            records.len() + 1
        );
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_plain_quoted_and_crlf() {
        let text =
            "s1,s2,stance\r\nأ,ب,agree\r\n\"قال، ثم \"\"مضى\"\"\",\"سطر\nثان\",disagree\nx,y,other";
        let rows = parse_csv(text).unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1], ["أ", "ب", "agree"]);
        assert_eq!(rows[2], ["قال، ثم \"مضى\"", "سطر\nثان", "disagree"]);
        assert_eq!(rows[3], ["x", "y", "other"]);
    }

    #[test]
    fn csv_errors_name_the_record() {
        let err = parse_csv("a,b\n\"open,c\n").unwrap_err().to_string();
        assert!(err.contains("record 2"), "{err}");
        let err = parse_csv("a,\"b\"c\n").unwrap_err().to_string();
        assert!(err.contains("after a closing quote"), "{err}");
    }

    #[test]
    fn pairs_need_the_columns_and_known_labels() {
        let path = Path::new("stance/dev.csv");
        let pairs = parse_pairs("s1,s2,stance\nأ,ب,disagree\n\n", path).unwrap();
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].gold, Stance::Disagree);
        let err = parse_pairs("s1,s2,stance\nأ,ب,maybe\n", path)
            .unwrap_err()
            .to_string();
        assert!(err.contains("stance/dev.csv: record 2"), "{err}");
        assert!(parse_pairs("a,b\n", path).is_err());
    }
}
