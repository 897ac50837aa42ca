//! `marsad extract`: runs ingest and extraction on files without storing anything, and shows what was kept,
//! what was dropped and why — the audit view of extraction.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args as ClapArgs;
use marsad_extract::lines::Role;
use marsad_extract::{Config, extract_batch_explained};
use marsad_ingest::read_paths;

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Files or folders ('-' for stdin).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Show every line with the decision taken on it.
    #[arg(long)]
    why: bool,
    /// An outlet table (one host, a tab and a name per line) that extends the built-in one.
    #[arg(long)]
    outlets: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let mut config = Config::default();
    if let Some(path) = &args.outlets {
        config = config
            .with_outlet_file(path)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let batch = read_paths(&args.paths);
    let mut failed = !batch.errors.is_empty();
    for error in &batch.errors {
        eprintln!("marsad: {error}");
    }
    for link in &batch.links {
        println!("link not fetched: {} ({})", link.url, link.file.display());
    }
    for (page, extraction) in batch
        .pages
        .iter()
        .zip(extract_batch_explained(&batch.pages, &config))
    {
        println!("== {}", page.source);
        match &extraction.document {
            Ok(doc) => {
                println!("   id        {}", doc.id);
                println!("   title     {}", doc.title.as_deref().unwrap_or("—"));
                println!("   outlet    {}", doc.outlet.as_deref().unwrap_or("—"));
                let from = doc
                    .published_from
                    .map(|f| {
                        format!(
                            " (from {})",
                            serde_json::to_string(&f)
                                .unwrap_or_default()
                                .trim_matches('"')
                        )
                    })
                    .unwrap_or_default();
                println!(
                    "   published {}{from}",
                    doc.published
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".into())
                );
                println!(
                    "   kept {} paragraphs, dropped {} lines",
                    doc.paragraphs.len(),
                    doc.removed.len()
                );
            }
            Err(error) => {
                failed = true;
                eprintln!("marsad: {error}");
            }
        }
        if args.why {
            for (text, role) in &extraction.lines {
                let mark = match role {
                    Role::Title => "TITLE     ".to_string(),
                    Role::Body => "  body    ".to_string(),
                    Role::Heading => "  heading ".to_string(),
                    Role::Removed(reason) => format!("- {:<8}", reason.as_str()),
                };
                let shown: String = text.chars().take(110).collect();
                println!("   {mark} {shown}");
            }
        }
    }
    Ok(if failed {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}
