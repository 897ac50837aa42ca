//! `marsad entities` and `marsad entity ID --why`: the people, organisations and places of some pages, with
//! every spelling and the reason for every merge.
//!
//! The gazetteer is the built-in one, extended by the file in `MARSAD_GAZETTEER` and by `--gazetteer FILE`
//! (same TSV format: `TYPE<TAB>canonical<TAB>variant|variant<TAB>acronym|acronym`, `#` comments).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use marsad_entities::{Found, Gazetteer, ResolvedEntity, find_entities};
use marsad_ingest::read_paths;
use marsad_model::{Document, Record};

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Pages to read: files or folders (recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A gazetteer file to add to the built-in one (also: MARSAD_GAZETTEER).
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Print `entity` export records (JSON Lines) instead of the readable listing.
    #[arg(long)]
    json: bool,
    /// Leave out the per-document mention listing.
    #[arg(long)]
    no_mentions: bool,
    /// Also read the lines extraction removed as boilerplate (photo captions name people too).
    #[arg(long)]
    all_lines: bool,
}

#[derive(Debug, ClapArgs)]
pub struct EntityArgs {
    /// The entity id (or a unique prefix of it), as `marsad entities` prints it.
    id: String,
    /// Explain every merge that made the entity.
    #[arg(long)]
    why: bool,
    /// Pages to read: files or folders. Without any, the documents stored in the data dir are used, and the
    /// ids are those `marsad export` shows.
    paths: Vec<PathBuf>,
    /// The data dir to read when no paths are given.
    #[arg(long, default_value = "marsad-data")]
    data: PathBuf,
    /// A gazetteer file to add to the built-in one (also: MARSAD_GAZETTEER).
    #[arg(long)]
    gazetteer: Option<PathBuf>,
    /// Also read the lines extraction removed as boilerplate.
    #[arg(long)]
    all_lines: bool,
}

/// Documents read and extracted from the paths, and whether any input failed.
pub struct Loaded {
    pub documents: Vec<Document>,
    pub failed: bool,
}

/// Reads and extracts pages, reporting failures on stderr. With `all_lines`, the removed lines are appended
/// to each document's paragraphs (the id stays that of the extracted body).
pub fn load_documents(paths: &[PathBuf], all_lines: bool) -> Loaded {
    let batch = read_paths(paths);
    let mut failed = !batch.errors.is_empty();
    for error in &batch.errors {
        eprintln!("marsad: {error}");
    }
    let extracted = marsad_extract::extract_batch(&batch.pages, &marsad_extract::Config::default());
    let mut documents = Vec::new();
    for result in extracted {
        match result {
            Ok(mut doc) => {
                if all_lines {
                    let removed = std::mem::take(&mut doc.removed);
                    doc.paragraphs.extend(removed);
                }
                documents.push(doc)
            }
            Err(error) => {
                failed = true;
                eprintln!("marsad: {error}");
            }
        }
    }
    Loaded { documents, failed }
}

/// The built-in gazetteer plus MARSAD_GAZETTEER and the given file.
pub fn load_gazetteer(extra: Option<&Path>) -> Result<Gazetteer> {
    let mut gazetteer = Gazetteer::builtin();
    let from_env = std::env::var_os("MARSAD_GAZETTEER").map(PathBuf::from);
    for path in from_env.iter().map(PathBuf::as_path).chain(extra) {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read gazetteer {}", path.display()))?;
        gazetteer.extend_from_tsv(&text, &path.display().to_string())?;
    }
    Ok(gazetteer)
}

pub fn run(args: &Args) -> Result<Outcome> {
    let gazetteer = load_gazetteer(args.gazetteer.as_deref())?;
    let loaded = load_documents(&args.paths, args.all_lines);
    let found = find_entities(&loaded.documents, &gazetteer, None);
    if args.json {
        for entity in &found.entities {
            println!(
                "{}",
                serde_json::to_string(&Record::Entity(entity.entity.clone()))?
            );
        }
    } else {
        print_listing(&loaded.documents, &found, !args.no_mentions);
    }
    Ok(if loaded.failed {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}

fn print_listing(documents: &[Document], found: &Found, mentions: bool) {
    if mentions {
        for doc in documents {
            println!("== {}  {}", &doc.id.0[..12], doc.source);
            for m in found.mentions.iter().filter(|m| m.document == doc.id) {
                let role = m
                    .role
                    .as_deref()
                    .map(|r| format!("  [{r}]"))
                    .unwrap_or_default();
                println!(
                    "   {:>3}:{:<9} {:<4} {}{role}  ({:?})",
                    m.paragraph,
                    format!("{}-{}", m.span.start, m.span.end),
                    marsad_entities::gazetteer::type_tag(m.entity_type),
                    m.surface,
                    m.found_by
                );
            }
        }
        println!();
    }
    println!("== entities ({})", found.entities.len());
    for e in &found.entities {
        print_entity(e, documents, false);
    }
}

fn print_entity(e: &ResolvedEntity, documents: &[Document], why: bool) {
    let docs: usize = {
        let mut all: Vec<_> = e
            .entity
            .variants
            .iter()
            .flat_map(|v| &v.documents)
            .collect();
        all.sort();
        all.dedup();
        all.len()
    };
    let roles = if e.roles.is_empty() {
        String::new()
    } else {
        format!("  roles: {}", e.roles.join(" / "))
    };
    println!(
        "{}  {:<4} {}  ({} mentions, {docs} documents){roles}",
        e.entity.id,
        marsad_entities::gazetteer::type_tag(e.entity.entity_type),
        e.entity.name,
        e.mentions.len(),
    );
    let variants: Vec<String> = e
        .entity
        .variants
        .iter()
        .map(|v| format!("{} ×{}", v.text, v.documents.len()))
        .collect();
    if variants.len() > 1 || why {
        println!("      variants: {}", variants.join(" | "));
    }
    if why {
        for v in &e.entity.variants {
            let sources: Vec<&str> = v
                .documents
                .iter()
                .filter_map(|id| documents.iter().find(|d| d.id == *id))
                .map(|d| d.source.as_str())
                .collect();
            println!("      «{}» in {}", v.text, sources.join(", "));
        }
        if e.merges.is_empty() {
            println!("      no merges: one spelling, one key");
        }
        for merge in &e.merges {
            println!("      why: {merge}");
        }
    }
}

pub fn run_entity(args: &EntityArgs) -> Result<Outcome> {
    let (loaded, entities) = if args.paths.is_empty() {
        // The data dir: the same computation `marsad ingest` stored, so the ids match the export.
        let store = marsad_store::SqliteStore::open_read(&args.data)?;
        let documents = super::derive::stored_documents(&store)?;
        let entities = super::derive::derive_sets(documents.clone()).entities;
        (
            Loaded {
                documents,
                failed: false,
            },
            entities,
        )
    } else {
        let gazetteer = load_gazetteer(args.gazetteer.as_deref())?;
        let loaded = load_documents(&args.paths, args.all_lines);
        let entities = find_entities(&loaded.documents, &gazetteer, None).entities;
        (loaded, entities)
    };
    let matching: Vec<&ResolvedEntity> = entities
        .iter()
        .filter(|e| e.entity.id.0.starts_with(&args.id))
        .collect();
    match matching.as_slice() {
        [] => bail!("no entity with id {} in these pages", args.id),
        [entity] => print_entity(entity, &loaded.documents, args.why),
        many => bail!("{} entities have ids starting with {}", many.len(), args.id),
    }
    Ok(if loaded.failed {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}
