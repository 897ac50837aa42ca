//! `marsad demo`: runs every stage built so far over the bundled demo corpus and prints what it finds.
//!
//! Stages land one by one; the demo shows each as it arrives and says which are still to come.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use marsad_ingest::{Format, IngestError, Page, read_paths};
use marsad_model::{Document, DocumentId};
use marsad_text::NameKey;
use marsad_text::normalize::{Profile, normalize};
use marsad_text::stem::stem;
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::words;

use super::Outcome;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The corpus folder (default: the bundled examples/corpus).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// How many key terms to show per document.
    #[arg(long, default_value_t = 6)]
    terms: usize,
}

pub fn run(args: &Args) -> Result<Outcome> {
    let corpus = locate_corpus(args.corpus.as_deref())?;
    println!("marsad demo — corpus {}\n", corpus.display());

    let batch = read_paths(&[&corpus]);
    println!(
        "== ingest: {} pages read, {} inputs not read",
        batch.pages.len(),
        batch.errors.len()
    );
    for error in &batch.errors {
        println!("   ! {}", relative(&error.to_string(), &corpus));
    }

    let extracted = marsad_extract::extract_batch(&batch.pages, &marsad_extract::Config::default());
    let mut documents: Vec<(Document, &Page)> = Vec::new();
    for (result, page) in extracted.into_iter().zip(&batch.pages) {
        match result {
            Ok(doc) => documents.push((doc, page)),
            Err(error) => println!("   ! {}", relative(&error.to_string(), &corpus)),
        }
    }

    println!("\n== documents (id = content hash of the body; title, outlet and date as extracted)");
    let mut seen: HashMap<&DocumentId, &str> = HashMap::new();
    for (doc, page) in &documents {
        let kind = match page.format {
            Format::Text => "txt",
            Format::Html => "html",
        };
        let duplicate = match seen.get(&doc.id) {
            Some(first) => format!("  (same body as {})", relative(first, &corpus)),
            None => String::new(),
        };
        println!(
            "   {}  {kind:<4} kept {:>2} / dropped {:>2}  {}  {}  {}{duplicate}\n      {}",
            &doc.id.0[..12],
            doc.paragraphs.len(),
            doc.removed.len(),
            doc.published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "----------".into()),
            doc.outlet.as_deref().unwrap_or("—"),
            relative(&doc.source, &corpus),
            doc.title.as_deref().unwrap_or("—"),
        );
        seen.entry(&doc.id).or_insert(&doc.source);
    }

    print_key_terms(&documents, &corpus, args.terms);
    print_name_keys(&corpus)?;

    let mut ids = std::collections::HashSet::new();
    let unique: Vec<Document> = documents
        .iter()
        .filter(|(doc, _)| ids.insert(&doc.id))
        .map(|(doc, _)| doc.clone())
        .collect();
    let titles: HashMap<DocumentId, String> = unique
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                d.title
                    .clone()
                    .unwrap_or_else(|| relative(&d.source, &corpus)),
            )
        })
        .collect();
    let sets = super::derive::derive_sets(unique.clone());
    println!(
        "\n== events ({}) and story arcs ({})",
        sets.events.len(),
        sets.stories.len()
    );
    for story in &sets.stories {
        println!(
            "   story {}  {}",
            &story.id.0[..story.id.0.len().min(12)],
            story.headline
        );
        for event_id in &story.events {
            if let Some(event) = sets.events.iter().find(|e| &e.id == event_id) {
                println!(
                    "     event {}  {}  {} documents  {}",
                    &event.id.0[..event.id.0.len().min(12)],
                    event
                        .date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "----------".into()),
                    event.documents.len(),
                    event.headline
                );
                for doc in &event.documents {
                    println!(
                        "        · {}",
                        titles.get(doc).map(String::as_str).unwrap_or("?")
                    );
                }
            }
        }
    }
    println!(
        "\n== shared passages (wire copy found in more than one document): {}",
        sets.shared_passages.len()
    );
    for passage in sets.shared_passages.iter().take(4) {
        let text: String = passage.text.chars().take(100).collect();
        println!("   {} documents: {text}…", passage.documents.len());
    }
    let mut entities: Vec<_> = sets
        .entities
        .iter()
        .filter(|e| e.entity.variants.len() > 1)
        .collect();
    entities.sort_by_key(|e| std::cmp::Reverse(e.entity.variants.len()));
    println!(
        "\n== entities spelled more than one way: {} (of {})",
        entities.len(),
        sets.entities.len()
    );
    for entity in entities.iter().take(10) {
        let variants: Vec<&str> = entity
            .entity
            .variants
            .iter()
            .map(|v| v.text.as_str())
            .collect();
        println!(
            "   {:?} {}: {}",
            entity.entity.entity_type,
            entity.entity.name,
            variants.join(" / ")
        );
    }

    print_briefs(&sets, &unique, &corpus);

    // Formats whose readers are still to come are not failures of the demo; anything else is.
    let failed = batch
        .errors
        .iter()
        .any(|e| !matches!(e, IngestError::Unsupported { .. }));
    Ok(if failed {
        Outcome::PartlyFailed
    } else {
        Outcome::Done
    })
}

/// The briefs the demo ends with: one per story arc (the arc's brief when it has several events, else its
/// event's), as a user reads them with `marsad brief ID`.
fn print_briefs(sets: &super::derive::DerivedSets, documents: &[Document], corpus: &Path) {
    let sources = marsad_brief::render::sources(documents, |d| relative(&d.source, corpus));
    println!(
        "\n== briefs ({} stored: events with two or more documents, arcs with two or more events)",
        sets.briefs.len()
    );
    for story in &sets.stories {
        let wanted = if story.events.len() >= 2 {
            Some(story.id.0.as_str())
        } else {
            story.events.first().map(|e| e.0.as_str())
        };
        let Some(brief) = wanted.and_then(|id| sets.briefs.iter().find(|b| b.event.0 == id)) else {
            continue;
        };
        println!("\n{}", marsad_brief::render::markdown(brief, &sources));
    }
}

/// TF-IDF over light stems, stop words removed: the words that set each document apart.
fn print_key_terms(documents: &[(Document, &Page)], corpus: &Path, per_document: usize) {
    println!("\n== key terms per document (TF-IDF over light stems, stop words removed)");
    let stem_counts: Vec<BTreeMap<String, u32>> = documents
        .iter()
        .map(|(doc, _)| {
            let normalised = normalize(&doc.body(), Profile::Search);
            let mut counts = BTreeMap::new();
            for word in words(normalised.text()) {
                if is_stop_word(word)
                    || !word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
                {
                    continue;
                }
                let st = stem(word);
                if st.chars().count() >= 3 {
                    *counts.entry(st.to_string()).or_insert(0) += 1;
                }
            }
            counts
        })
        .collect();
    let mut document_frequency: HashMap<&str, u32> = HashMap::new();
    for counts in &stem_counts {
        for term in counts.keys() {
            *document_frequency.entry(term).or_insert(0) += 1;
        }
    }
    let n = documents.len() as f64;
    for ((doc, _), counts) in documents.iter().zip(&stem_counts) {
        let mut scored: Vec<(f64, &str)> = counts
            .iter()
            .map(|(term, &tf)| {
                let df = f64::from(document_frequency[term.as_str()]);
                (f64::from(tf) * ((n + 1.0) / (df + 0.5)).ln(), term.as_str())
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let terms: Vec<&str> = scored.iter().take(per_document).map(|(_, t)| *t).collect();
        println!(
            "   {:<28} {}",
            relative(&doc.source, corpus),
            terms.join("، ")
        );
    }
}

/// Shows name keys on the spellings recorded in the corpus's truth file.
fn print_name_keys(corpus: &Path) -> Result<()> {
    let truth_path = corpus.join("truth.json");
    let Ok(text) = std::fs::read_to_string(&truth_path) else {
        return Ok(());
    };
    let truth: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{}: not valid JSON", truth_path.display()))?;
    println!(
        "\n== name keys on the spellings listed in truth.json (same person when similarity ≥ {})",
        NameKey::SAME_PERSON
    );
    let Some(entities) = truth["entities"].as_array() else {
        return Ok(());
    };
    let spellings = |entity: &serde_json::Value| -> Vec<String> {
        entity["variants"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| {
                v.as_str()
                    .or_else(|| v["text"].as_str())
                    .map(str::to_string)
            })
            .collect()
    };
    for entity in entities.iter().filter(|e| e["type"] == "PER") {
        let canonical = entity["canonical"].as_str().unwrap_or_default();
        let canonical_key = NameKey::new(canonical);
        let variants = spellings(entity);
        let met = variants
            .iter()
            .filter(|v| NameKey::new(v).similarity(&canonical_key) >= NameKey::SAME_PERSON)
            .count();
        println!(
            "   {canonical} [{canonical_key}]: {met}/{} spellings meet",
            variants.len()
        );
        for variant in &variants {
            let key = NameKey::new(variant);
            println!(
                "      {:.2}  {variant} [{key}]",
                key.similarity(&canonical_key)
            );
        }
    }
    if let Some(pairs) = truth["distinct_pairs"].as_array() {
        println!("   different people who must stay apart:");
        for pair in pairs.iter().filter_map(|p| p.as_array()) {
            let find = |id: &serde_json::Value| entities.iter().find(|e| &e["id"] == id);
            let (Some(a), Some(b)) = (pair.first().and_then(find), pair.get(1).and_then(find))
            else {
                continue;
            };
            let mut closest: (f32, String, String) = (0.0, String::new(), String::new());
            for x in spellings(a) {
                for y in spellings(b) {
                    let score = NameKey::new(&x).similarity(&NameKey::new(&y));
                    if score > closest.0 {
                        closest = (score, x.clone(), y);
                    }
                }
            }
            let verdict = if closest.0 >= NameKey::SAME_PERSON {
                "WOULD MERGE"
            } else {
                "apart"
            };
            println!(
                "      {verdict}: {} / {} (closest spellings {:.2}: {} ~ {})",
                a["canonical"].as_str().unwrap_or_default(),
                b["canonical"].as_str().unwrap_or_default(),
                closest.0,
                closest.1,
                closest.2
            );
        }
    }
    println!(
        "   (a bare family name scores at most 0.6 against a full name, by design: the entity stage decides with context)"
    );
    Ok(())
}

fn locate_corpus(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = given {
        if !path.is_dir() {
            bail!("{}: not a folder", path.display());
        }
        return Ok(path.to_path_buf());
    }
    let candidates = [
        PathBuf::from("examples/corpus"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus"),
    ];
    candidates
        .into_iter()
        .find(|p| p.is_dir())
        .context("the demo corpus (examples/corpus) was not found; run from the repository or pass --corpus DIR")
}

fn relative(text: &str, corpus: &Path) -> String {
    let prefix = format!("{}/", corpus.display());
    text.replace(&prefix, "")
}
