//! Names learned from the corpus itself: a name one article gives after a title (وزير الدفاع التركي يشار
//! غولر) is recognised bare in the others (قال غولر), and an acronym one article spells out (قوات سوريا
//! الديمقراطية (قسد)) is recognised alone elsewhere.
//!
//! Learning happens at run time over the user's own documents; nothing learned is shipped.
//!
//! What is learned from a person's full name: the full name, and the family name alone when it cannot be a
//! common word (it carries no article and has four letters or more: غولر، أكتورك, but not الشرع, which is also
//! "the law"). Family names with the article are only recognised alone inside the document that gave the full
//! name (see [`crate::detect()`]).

use marsad_model::{Document, EntityType};
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::stopwords::is_stop_word;
use marsad_text::tokenize::words;

use rustc_hash::FxHashSet;

use crate::detect::{FoundBy, detect};
use crate::gazetteer::{Gazetteer, Hit, PhraseIndex};
use crate::lexicon::{NAME_PARTICLES, NOT_NAMES};

/// One learned name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnedName {
    pub text: String,
    pub entity_type: EntityType,
    /// For an acronym: the name it stands for.
    pub expansion: Option<String>,
}

/// Names learned from a corpus.
#[derive(Debug, Clone, Default)]
pub struct LearnedNames {
    pub(crate) names: Vec<LearnedName>,
    pub(crate) index: PhraseIndex,
    /// Words seen with the article in the learning corpus, article removed.
    definite: FxHashSet<String>,
}

impl LearnedNames {
    /// Learns from documents: runs detection without learned names and keeps what titles and acronyms taught.
    pub fn learn<'a>(
        documents: impl IntoIterator<Item = &'a Document>,
        gazetteer: &Gazetteer,
    ) -> LearnedNames {
        let mut learned = LearnedNames::default();
        let nothing = LearnedNames::default();
        let documents: Vec<&Document> = documents.into_iter().collect();
        // Words the corpus also writes with the article are common nouns or ambiguous (سلامة / السلامة):
        // they are not learned as bare family names.
        for doc in &documents {
            for paragraph in &doc.paragraphs {
                let normalised = normalize_str(paragraph, Profile::Search);
                for word in words(&normalised) {
                    if let Some(rest) = word.strip_prefix("ال")
                        && rest.chars().count() >= 3
                    {
                        learned.definite.insert(rest.to_string());
                    }
                }
            }
        }
        for doc in documents {
            for mention in detect(doc, gazetteer, &nothing) {
                match (&mention.found_by, mention.entity_type) {
                    (FoundBy::Title(_), EntityType::Person) if mention.listed.is_none() => {
                        learned.learn_person(&mention.surface);
                    }
                    (FoundBy::Acronym { expansion }, EntityType::Organisation) => {
                        learned.add(LearnedName {
                            text: mention.surface.clone(),
                            entity_type: EntityType::Organisation,
                            expansion: Some(expansion.clone()),
                        });
                    }
                    _ => {}
                }
            }
        }
        learned
    }

    fn learn_person(&mut self, name: &str) {
        let normalised = normalize_str(name, Profile::Search);
        let tokens: Vec<&str> = words(&normalised).collect();
        if tokens.len() < 2 {
            return;
        }
        self.add(LearnedName {
            text: name.to_string(),
            entity_type: EntityType::Person,
            expansion: None,
        });
        let (Some(last), Some(before)) = (tokens.last(), tokens.get(tokens.len() - 2)) else {
            return;
        };
        if NAME_PARTICLES.contains(before) {
            self.add(LearnedName {
                text: format!("{before} {last}"),
                entity_type: EntityType::Person,
                expansion: None,
            });
        } else if !last.starts_with("ال")
            && last.chars().count() >= 4
            && !is_stop_word(last)
            && !NOT_NAMES.contains(last)
            && !self.definite.contains(*last)
        {
            self.add(LearnedName {
                text: (*last).to_string(),
                entity_type: EntityType::Person,
                expansion: None,
            });
        }
    }

    /// Adds a name by hand.
    pub fn add(&mut self, name: LearnedName) {
        let hit = Hit {
            entry: self.names.len(),
            acronym: name.expansion.is_some(),
        };
        if self.index.insert(&name.text, hit) {
            self.names.push(name);
        }
    }

    pub fn names(&self) -> &[LearnedName] {
        &self.names
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::detect;

    #[test]
    fn a_name_after_a_title_is_found_bare_elsewhere() {
        // Invented.
        let a = Document::new(
            "a",
            vec!["قال وزير الري التركي أوزان تكين إن السد جاهز.".into()],
        );
        let b = Document::new("b", vec!["وأكد تكين أن العمل بدأ في السد.".into()]);
        let g = Gazetteer::builtin();
        let learned = LearnedNames::learn([&a, &b], &g);
        let ms = detect(&b, &g, &learned);
        assert!(
            ms.iter()
                .any(|m| m.surface == "تكين" && m.found_by == FoundBy::Learned),
            "{ms:?}"
        );
    }

    #[test]
    fn acronyms_spelled_out_once_are_found_alone() {
        let a = Document::new(
            "a",
            vec!["أعلنت جمعية مزارعي الزيتون (جمز) عن موسم جيد.".into()],
        );
        let b = Document::new("b", vec!["وقالت جمز إن الموسم جيد.".into()]);
        let g = Gazetteer::builtin();
        let learned = LearnedNames::learn([&a], &g);
        let ms = detect(&b, &g, &learned);
        let m = ms.iter().find(|m| m.surface == "جمز").unwrap();
        assert_eq!(m.expansion.as_deref(), Some("جمعية مزارعي الزيتون"));
    }
}
