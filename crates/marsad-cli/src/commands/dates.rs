//! `marsad dates`: every date expression in a text, what it resolves to, and how.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use jiff::civil::Date;
use marsad_dates::{DateMention, Resolved, find_dates};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The publication date that relative and year-less dates resolve against (YYYY-MM-DD).
    #[arg(long)]
    pub anchor: Option<Date>,
    /// One JSON object per mention instead of tab-separated lines.
    #[arg(long)]
    pub json: bool,
    /// The text file to read; `-` or nothing for standard input.
    pub file: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let text = match &args.file {
        Some(path) if path.as_os_str() != "-" => std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read as UTF-8 text", path.display()))?,
        _ => {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("standard input: cannot read as UTF-8 text")?;
            text
        }
    };
    let mut out = io::stdout().lock();
    for m in find_dates(&text, args.anchor) {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&m)?)?;
        } else {
            writeln!(out, "{}", line(&m))?;
        }
    }
    Ok(Outcome::Done)
}

/// "START..END  surface  → resolution  (form, calendar)  how".
pub fn line(m: &DateMention) -> String {
    format!(
        "{}..{}\t{}\t→ {}\t({:?}, {:?})\t{}",
        m.span.start,
        m.span.end,
        m.text,
        describe(&m.resolved),
        m.form,
        m.calendar,
        m.how
    )
}

/// A resolution in the labels' notation: `day 2025-08-14`, `month 2025-08`, `year 2025`, `range A..B`.
pub fn describe(r: &Resolved) -> String {
    match r {
        Resolved::Exact {
            date,
            precision: marsad_dates::Precision::Day,
        } => format!("day {date}"),
        Resolved::Exact {
            date,
            precision: marsad_dates::Precision::Month,
        } => format!("month {}", date.strftime("%Y-%m")),
        Resolved::Exact {
            date,
            precision: marsad_dates::Precision::Year,
        } => format!("year {}", date.year()),
        Resolved::Range { start, end } => format!("range {start}..{end}"),
        Resolved::Unresolved { why } => format!("unresolved ({why})"),
    }
}
