//! The entities a report's headline and lead name, as keys a clusterer can compare across outlets.
//!
//! Who acts is what separates one happening from another actor's reaction to it (the event annotation
//! rule), and Arabic reports name the actor in the headline or the first paragraph. Detection runs on
//! those two only: it is cheap enough to run on every document as it arrives, and names deep in a body
//! (background, earlier events) say little about which happening the report is about.
//!
//! Persons and organisations only: a place says where, not who, and many events of one day share one
//! (غزة، دمشق). With places the clustering evaluation scored lower (see `marsad eval clustering
//! --entities`).
//!
//! Keys are spelling-tolerant without resolving across documents: a listed name keys by its gazetteer
//! canonical name, a person by the skeleton of the family name (the last name token; full names and family
//! names alone then meet, and أسعد الشيباني meets أسعد حسن الشيباني), anything else by the skeleton of
//! the whole name. Two people who share a family name share a key; the clusterer weighs this evidence with
//! the others.
//!
//! Not done here: learned names (they need the batch; see [`crate::LearnedNames`]) or resolution
//! ([`crate::resolve()`]).

use marsad_model::{Document, EntityType};
use marsad_text::name_key::NameKey;

use crate::detect::detect;
use crate::gazetteer::Gazetteer;
use crate::learn::LearnedNames;

/// The keys of the entities named in a document's headline and first paragraph, sorted and without
/// repeats. Persons key as `p:` and the family-name skeleton, organisations as `o:` and their canonical name
/// or name skeleton.
pub fn lead_entity_keys(doc: &Document, gazetteer: &Gazetteer) -> Vec<String> {
    let mut paragraphs = Vec::with_capacity(2);
    if let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
        paragraphs.push(title.to_string());
    }
    if let Some(lead) = doc.paragraphs.iter().find(|p| !p.trim().is_empty()) {
        paragraphs.push(lead.clone());
    }
    let head = Document {
        paragraphs,
        ..Document::new(doc.source.clone(), Vec::new())
    };
    let learned = LearnedNames::default();
    let mut keys: Vec<String> = detect(&head, gazetteer, &learned)
        .into_iter()
        .filter_map(|m| {
            let prefix = match m.entity_type {
                EntityType::Person => "p",
                EntityType::Organisation => "o",
                EntityType::Location | EntityType::Misc => return None,
            };
            let key = match (&m.listed, m.entity_type) {
                (Some(canonical), _) => canonical.clone(),
                (None, EntityType::Person) => NameKey::new(&m.surface).tokens().last()?.clone(),
                (None, _) => {
                    let key = NameKey::new(&m.surface);
                    if key.is_empty() {
                        return None;
                    }
                    key.to_string()
                }
            };
            Some(format!("{prefix}:{key}"))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(title: &str, lead: &str) -> Document {
        let mut doc = Document::new("t", vec![lead.to_string(), "فقرة ثانية.".to_string()]);
        doc.title = Some(title.to_string());
        doc
    }

    #[test]
    fn spellings_of_one_minister_share_a_key() {
        // Invented reports.
        let g = Gazetteer::builtin();
        let a = lead_entity_keys(
            &report(
                "وزير الخارجية أسعد حسن الشيباني يزور عمان",
                "وصل وزير الخارجية أسعد حسن الشيباني إلى عمان اليوم.",
            ),
            &g,
        );
        let b = lead_entity_keys(
            &report(
                "الشيباني في الأردن",
                "قال وزير الخارجية أسعد الشيباني إن الزيارة ناجحة.",
            ),
            &g,
        );
        let shared: Vec<&String> = a.iter().filter(|k| b.contains(k)).collect();
        assert!(shared.iter().any(|k| k.starts_with("p:")), "{a:?} / {b:?}");
    }

    #[test]
    fn places_are_left_out() {
        let g = Gazetteer::builtin();
        let keys = lead_entity_keys(&report("قصف في دمشق", "سقطت قذائف على دمشق وحمص."), &g);
        assert!(keys.is_empty(), "{keys:?}");
    }

    #[test]
    fn names_after_the_lead_are_left_out() {
        let g = Gazetteer::builtin();
        let mut doc = report("اجتماع في القاهرة", "عقد اجتماع اليوم.");
        doc.paragraphs
            .push("وكان وزير الدفاع سليم الطحان قد زار دمشق.".into());
        let keys = lead_entity_keys(&doc, &g);
        assert!(!keys.iter().any(|k| k.starts_with("p:")), "{keys:?}");
    }
}
