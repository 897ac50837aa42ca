//! `marsad eval dates`: date resolution against hand-labelled expressions in ANT articles.
//!
//! The labels file (`eval/dates/ant-dates.tsv`) names an article, the character offset and surface of one
//! date expression in its text, the publication day, and the date a reader gives it. The corpus itself is
//! read at run time from `--ant`. An expression is *found* when a mention overlaps its span, and *correct*
//! when that mention resolves to the gold date at the gold precision (for "unresolvable" gold: when nothing
//! is found there or the mention is left unresolved).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use marsad_corpora::ant::parse_ant;
use marsad_dates::{DateMention, Precision, Resolved, find_dates};

use super::Outcome;
use super::dates::describe;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ANT multi-source corpus folder.
    #[arg(long)]
    pub ant: PathBuf,
    /// The labelled expressions (TSV: path, offset, surface, anchor, precision, gold).
    #[arg(long, default_value = "eval/dates/ant-dates.tsv")]
    pub labels: PathBuf,
}

/// One labelled expression.
#[derive(Debug)]
struct Label {
    line: usize,
    path: String,
    offset: usize,
    surface: String,
    anchor: Date,
    gold: Gold,
}

#[derive(Debug, PartialEq)]
enum Gold {
    Exact(Date, Precision),
    Range(Date, Date),
    Unresolvable,
}

fn parse_gold(precision: &str, value: &str) -> Result<Gold> {
    Ok(match precision {
        "day" => Gold::Exact(value.parse()?, Precision::Day),
        "month" => Gold::Exact(format!("{value}-01").parse()?, Precision::Month),
        "year" => Gold::Exact(format!("{value}-01-01").parse()?, Precision::Year),
        "range" => {
            let (a, b) = value.split_once("..").context("a range is START..END")?;
            Gold::Range(a.parse()?, b.parse()?)
        }
        "unresolvable" => Gold::Unresolvable,
        other => bail!("unknown precision {other:?}"),
    })
}

fn read_labels(path: &Path) -> Result<Vec<Label>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut labels = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("path\t") || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [p, offset, surface, anchor, precision, gold] = fields.as_slice() else {
            bail!(
                "{}:{}: expected 6 tab-separated fields, found {}",
                path.display(),
                i + 1,
                fields.len()
            );
        };
        let label = (|| -> Result<Label> {
            Ok(Label {
                line: i + 1,
                path: p.to_string(),
                offset: offset.parse().context("offset")?,
                surface: surface.to_string(),
                anchor: anchor.parse().context("anchor")?,
                gold: parse_gold(precision, gold)?,
            })
        })()
        .with_context(|| format!("{}:{}", path.display(), i + 1))?;
        labels.push(label);
    }
    Ok(labels)
}

fn matches(gold: &Gold, r: &Resolved) -> bool {
    match (gold, r) {
        (Gold::Exact(d, p), Resolved::Exact { date, precision }) => d == date && p == precision,
        (Gold::Range(a, b), Resolved::Range { start, end }) => a == start && b == end,
        (Gold::Unresolvable, Resolved::Unresolved { .. }) => true,
        _ => false,
    }
}

fn gold_text(g: &Gold) -> String {
    match g {
        Gold::Exact(d, p) => describe(&Resolved::Exact {
            date: *d,
            precision: *p,
        }),
        Gold::Range(a, b) => format!("range {a}..{b}"),
        Gold::Unresolvable => "unresolvable".into(),
    }
}

pub fn run(args: &Args) -> Result<Outcome> {
    let labels = read_labels(&args.labels)?;
    // Article text and mentions, per (file, anchor).
    let mut cache: HashMap<(String, Date), (String, Vec<DateMention>)> = HashMap::new();
    let (mut found, mut correct, mut failed) = (0usize, 0usize, 0usize);
    let mut wrong: Vec<String> = Vec::new();
    for label in &labels {
        let key = (label.path.clone(), label.anchor);
        if !cache.contains_key(&key) {
            let path = args.ant.join(&label.path);
            let raw = match std::fs::read_to_string(&path) {
                Ok(raw) => raw,
                Err(e) => {
                    eprintln!(
                        "{}:{}: {}: {e}",
                        args.labels.display(),
                        label.line,
                        path.display()
                    );
                    failed += 1;
                    continue;
                }
            };
            let article = parse_ant(&raw, &path).with_context(|| format!("{}", path.display()))?;
            let body = article.paragraphs.join("\n");
            let mentions = find_dates(&body, Some(label.anchor));
            cache.insert(key.clone(), (body, mentions));
        }
        let Some((body, mentions)) = cache.get(&key) else {
            continue;
        };
        // The label's character offset, as a byte span; if the text moved, the nearest occurrence.
        let start = body.char_indices().nth(label.offset).map(|(b, _)| b);
        let span = match start.filter(|&b| body[b..].starts_with(&label.surface)) {
            Some(b) => b..b + label.surface.len(),
            None => match body
                .match_indices(&label.surface)
                .min_by_key(|(b, _)| b.abs_diff(start.unwrap_or(0)))
            {
                Some((b, _)) => b..b + label.surface.len(),
                None => {
                    eprintln!(
                        "{}:{}: {:?} not in {}",
                        args.labels.display(),
                        label.line,
                        label.surface,
                        label.path
                    );
                    failed += 1;
                    continue;
                }
            },
        };
        let hit = mentions
            .iter()
            .find(|m| m.span.start < span.end && span.start < m.span.end);
        if hit.is_some() {
            found += 1;
        }
        let ok = match (&label.gold, hit) {
            (Gold::Unresolvable, None) => true,
            (g, Some(m)) => matches(g, &m.resolved),
            (_, None) => false,
        };
        if ok {
            correct += 1;
        } else {
            let got = hit.map_or("not found".to_string(), |m| {
                format!("{:?} → {}", m.text, describe(&m.resolved))
            });
            wrong.push(format!(
                "  line {}: {:?} (anchor {}) gold {}; got {}",
                label.line,
                label.surface,
                label.anchor,
                gold_text(&label.gold),
                got
            ));
        }
    }
    let total = labels.len();
    let pct = |n: usize| {
        if total == 0 {
            0.0
        } else {
            100.0 * n as f64 / total as f64
        }
    };
    println!(
        "date expressions: {total} labelled in {}",
        args.labels.display()
    );
    println!(
        "found (a mention overlaps the span): {found}/{total} = {:.1}%",
        pct(found)
    );
    println!(
        "correct (found and resolved to the gold date and precision): {correct}/{total} = {:.1}%",
        pct(correct)
    );
    println!("wrong or missed: {}", wrong.len());
    for w in &wrong {
        println!("{w}");
    }
    Ok(if failed > 0 {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}
