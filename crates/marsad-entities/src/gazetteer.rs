//! The gazetteer: names we know before reading anything (countries, capitals, agencies, international
//! organisations, armed groups and their acronyms, a few heads of state), plus whatever the user adds.
//!
//! The built-in list is `data/gazetteer.tsv`, written for marsad from general knowledge and compiled into
//! the binary. A user file in the same format extends it ([`Gazetteer::extend_from_tsv`]):
//!
//! ```text
//! # TYPE <TAB> canonical <TAB> variants separated by | <TAB> acronyms separated by |
//! ORG<TAB>المؤسسة العربية لتمويل البنية التحتية<TAB>المؤسسة العربية للتمويل<TAB>أيفك|AIFC
//! PER<TAB>سليم عبد الرزاق الطحان<TAB>سليم الطحان
//! ```
//!
//! Matching is on search-normalised words, so one spelling covers hamza, teh marbuta and diacritic
//! differences; a clitic (و ف ب ل ك, or لل for ل + ال) before the first word is tolerated.
//!
//! Not done here: deciding between two readings of an ambiguous name (عمان is Amman and Oman): the first
//! entry that lists a spelling wins, and a later entry with the same spelling adds nothing.

use std::fmt;

use marsad_model::EntityType;
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::tokenize::words;
use rustc_hash::FxHashMap;
use thiserror::Error;

/// The built-in list.
const BUILTIN: &str = include_str!("../data/gazetteer.tsv");

/// One known name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub entity_type: EntityType,
    pub canonical: String,
    pub variants: Vec<String>,
    pub acronyms: Vec<String>,
}

/// Why a gazetteer file could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("{origin}:{line}: {reason}")]
pub struct GazetteerError {
    /// The file (or `built-in`).
    pub origin: String,
    pub line: usize,
    pub reason: String,
}

/// What a phrase match found: the entry and whether it was through an acronym.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: usize,
    pub acronym: bool,
}

/// Search-normalised word sequences, indexed by their first word, longest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseIndex {
    by_first: FxHashMap<String, Vec<(Vec<String>, Hit)>>,
}

impl PhraseIndex {
    /// Adds a phrase; returns false when it has no words or is already there.
    pub(crate) fn insert(&mut self, phrase: &str, hit: Hit) -> bool {
        let normalised = normalize_str(phrase, Profile::Search);
        let mut tokens: Vec<String> = words(&normalised).map(str::to_string).collect();
        if tokens.is_empty() {
            return false;
        }
        let first = tokens.remove(0);
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|(rest, _)| *rest == tokens) {
            return false;
        }
        list.push((tokens, hit));
        list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        true
    }

    /// The longest phrase whose first word is `first` and whose other words are `next` (in order); returns
    /// the hit and how many words it spans.
    pub(crate) fn longest<'a>(
        &self,
        first: &str,
        next: impl Fn(usize) -> Option<&'a str>,
    ) -> Option<(Hit, usize)> {
        let candidates = self.by_first.get(first)?;
        candidates
            .iter()
            .find(|(rest, _)| {
                rest.iter()
                    .enumerate()
                    .all(|(i, word)| next(i) == Some(word.as_str()))
            })
            .map(|(rest, hit)| (*hit, rest.len() + 1))
    }

    pub(crate) fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }
}

/// Known names, searchable in text.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    pub(crate) index: PhraseIndex,
}

impl Gazetteer {
    /// An empty gazetteer (detection then rests on rules and learned names only).
    pub fn empty() -> Gazetteer {
        Gazetteer::default()
    }

    /// The list that ships with marsad.
    pub fn builtin() -> Gazetteer {
        let mut gazetteer = Gazetteer::empty();
        // The built-in file is ours and checked by a test; an error here is a bug in the data file.
        if let Err(error) = gazetteer.extend_from_tsv(BUILTIN, "built-in") {
            debug_assert!(false, "built-in gazetteer: {error}");
        }
        gazetteer
    }

    /// Adds the entries of a TSV text (see the module doc); `origin` names it in errors. On error nothing
    /// from this text is added.
    pub fn extend_from_tsv(&mut self, text: &str, origin: &str) -> Result<(), GazetteerError> {
        let parsed = parse_tsv(text, origin)?;
        for entry in parsed {
            self.add(entry);
        }
        Ok(())
    }

    /// Adds one entry.
    pub fn add(&mut self, entry: Entry) {
        let id = self.entries.len();
        let mut added = false;
        for name in std::iter::once(&entry.canonical).chain(&entry.variants) {
            added |= self.index.insert(
                name,
                Hit {
                    entry: id,
                    acronym: false,
                },
            );
        }
        for name in &entry.acronyms {
            added |= self.index.insert(
                name,
                Hit {
                    entry: id,
                    acronym: true,
                },
            );
        }
        if added {
            self.entries.push(entry);
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entry(&self, id: usize) -> Option<&Entry> {
        self.entries.get(id)
    }
}

/// Parses the TSV format of the module doc.
pub fn parse_tsv(text: &str, origin: &str) -> Result<Vec<Entry>, GazetteerError> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let error = |reason: String| GazetteerError {
            origin: origin.to_string(),
            line: i + 1,
            reason,
        };
        let trimmed = line.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = trimmed.split('\t');
        let type_field = fields.next().unwrap_or("").trim();
        let entity_type = parse_type(type_field).ok_or_else(|| {
            error(format!(
                "type {type_field:?} is not one of PER, ORG, LOC, MISC (fields are separated by tabs)"
            ))
        })?;
        let canonical = fields.next().unwrap_or("").trim();
        if canonical.is_empty() || words(canonical).next().is_none() {
            return Err(error("no canonical name in the second field".into()));
        }
        let list = |field: Option<&str>| -> Vec<String> {
            field
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|s| words(s).next().is_some())
                .map(str::to_string)
                .collect()
        };
        let variants = list(fields.next());
        let acronyms = list(fields.next());
        if fields.next().is_some() {
            return Err(error(
                "more than four tab-separated fields (type, canonical, variants, acronyms)".into(),
            ));
        }
        entries.push(Entry {
            entity_type,
            canonical: canonical.to_string(),
            variants,
            acronyms,
        });
    }
    Ok(entries)
}

fn parse_type(field: &str) -> Option<EntityType> {
    match field.to_ascii_uppercase().as_str() {
        "PER" | "PERS" => Some(EntityType::Person),
        "ORG" => Some(EntityType::Organisation),
        "LOC" => Some(EntityType::Location),
        "MISC" => Some(EntityType::Misc),
        _ => None,
    }
}

/// The short tag of a type, as the export writes it.
pub fn type_tag(entity_type: EntityType) -> &'static str {
    match entity_type {
        EntityType::Person => "PER",
        EntityType::Organisation => "ORG",
        EntityType::Location => "LOC",
        EntityType::Misc => "MISC",
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", type_tag(self.entity_type), self.canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_parses_and_indexes_acronyms() {
        let entries = parse_tsv(BUILTIN, "built-in").unwrap();
        assert!(entries.len() > 150);
        let g = Gazetteer::builtin();
        let (hit, len) = g.index.longest("قسد", |_| None).unwrap();
        assert!(hit.acronym);
        assert_eq!(len, 1);
        assert_eq!(
            g.entry(hit.entry).unwrap().canonical,
            "قوات سوريا الديمقراطية"
        );
    }

    #[test]
    fn longest_phrase_wins() {
        let g = Gazetteer::builtin();
        let rest = ["الديمقراطيه"];
        let (hit, len) = g
            .index
            .longest("قوات", |i| rest.get(i).copied())
            .unwrap_or((
                Hit {
                    entry: 0,
                    acronym: false,
                },
                0,
            ));
        // "قوات سوريا" is not a phrase: the next word must be سوريا.
        assert_eq!(len, 0, "{hit:?}");
        let rest = ["سوريا", "الديمقراطيه"];
        let (_, len) = g.index.longest("قوات", |i| rest.get(i).copied()).unwrap();
        assert_eq!(len, 3);
    }

    #[test]
    fn errors_name_the_file_line_and_reason() {
        let err = parse_tsv("# c\nPER\tسليم\nXYZ\tفلان\n", "my.tsv").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.to_string().starts_with("my.tsv:3: type \"XYZ\""));
        let err = parse_tsv("ORG\t\t\n", "my.tsv").unwrap_err();
        assert!(err.reason.contains("canonical"));
        let err = parse_tsv("ORG\tا\tب\tج\tد\n", "my.tsv").unwrap_err();
        assert!(err.reason.contains("more than four"));
    }

    #[test]
    fn user_file_extends() {
        let mut g = Gazetteer::builtin();
        let before = g.len();
        g.extend_from_tsv(
            "ORG\tالمؤسسة العربية لتمويل البنية التحتية\t\tأيفك|AIFC\n",
            "u",
        )
        .unwrap();
        assert_eq!(g.len(), before + 1);
        assert!(g.index.longest("aifc", |_| None).is_some());
    }
}
