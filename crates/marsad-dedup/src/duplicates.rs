//! Exact and near-duplicate documents, found as documents arrive.
//!
//! Exact: the same words after search normalisation (so the same article from two files, formats or with
//! different invisible characters, tatweel or diacritics). Near: an estimated Jaccard similarity of
//! [`crate::minhash::SHINGLE_WORDS`]-word shingles over content-word stems of at least
//! [`DuplicateFinder::threshold`], found through LSH so the cost of a document does not grow with the
//! number seen. A duplicate is linked to the earliest document it copies, so it can be kept as one piece of
//! evidence rather than two.
//!
//! What it does not do: store documents, or find copied paragraphs inside otherwise different articles
//! (that is [`crate::passages`]).

use marsad_model::{Document, DocumentId};
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use crate::analyze::Analysis;
use crate::minhash::{LshIndex, Signature, content_hashes};

/// How a document relates to the ones seen before it.
#[derive(Debug, Clone, PartialEq)]
pub enum Duplicate {
    /// Nothing seen before is this document or close to it.
    Original,
    /// The same words as an earlier document (or the same id).
    Exact(DocumentId),
    /// Close to an earlier document: its id and the estimated Jaccard similarity.
    Near(DocumentId, f32),
}

impl Duplicate {
    /// The earlier document this one duplicates, if any.
    pub fn of(&self) -> Option<&DocumentId> {
        match self {
            Duplicate::Original => None,
            Duplicate::Exact(id) | Duplicate::Near(id, _) => Some(id),
        }
    }
}

/// Streaming exact and near-duplicate detection.
#[derive(Debug, Clone)]
pub struct DuplicateFinder {
    /// Estimated Jaccard similarity from which a document is a near duplicate.
    pub threshold: f32,
    exact: FxHashMap<u64, u32>,
    ids: FxHashMap<DocumentId, u32>,
    index: LshIndex,
    signatures: Vec<Option<Signature>>,
    documents: Vec<DocumentId>,
}

impl Default for DuplicateFinder {
    fn default() -> Self {
        DuplicateFinder::new(0.7)
    }
}

impl DuplicateFinder {
    pub fn new(threshold: f32) -> DuplicateFinder {
        DuplicateFinder {
            threshold,
            exact: FxHashMap::default(),
            ids: FxHashMap::default(),
            index: LshIndex::new(),
            signatures: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// Number of distinct documents seen (exact duplicates are not counted twice).
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Checks a document against those seen so far and remembers it (unless it is an exact duplicate).
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) -> Duplicate {
        if let Some(&i) = self.ids.get(&doc.id) {
            return Duplicate::Exact(self.documents[i as usize].clone());
        }
        // The word hashes hashed as one buffer (the same value as feeding them one by one, for less).
        let mut bytes: Vec<u8> = Vec::with_capacity(8 * analysis.body_words().count());
        for w in analysis.body_words() {
            bytes.extend_from_slice(&w.hash.to_le_bytes());
        }
        let any = !bytes.is_empty();
        let exact_key = xxh3_64(&bytes);
        if any && let Some(&i) = self.exact.get(&exact_key) {
            return Duplicate::Exact(self.documents[i as usize].clone());
        }
        let words = content_hashes(analysis.body_words());
        let signature = Signature::of_words(&words);
        let mut best: Option<(u32, f32)> = None;
        // The signature is indexed whatever the outcome (an empty text's as a placeholder, so item
        // numbers stay those of `documents`), and the band table probed once for both.
        let candidates = match &signature {
            Some(sig) => self.index.insert_and_find(sig),
            None => {
                self.index
                    .insert(&Signature(Box::new([u32::MAX; crate::minhash::BINS])));
                Vec::new()
            }
        };
        if let Some(sig) = &signature {
            for candidate in candidates {
                let Some(Some(other)) = self.signatures.get(candidate as usize) else {
                    continue;
                };
                let j = sig.jaccard(other);
                // Ties go to the earliest document: the original, not a copy of it.
                if j >= self.threshold
                    && best.is_none_or(|(b, bj)| j > bj || (j == bj && candidate < b))
                {
                    best = Some((candidate, j));
                }
            }
        }
        let item = self.documents.len() as u32;
        self.signatures.push(signature);
        self.documents.push(doc.id.clone());
        self.ids.insert(doc.id.clone(), item);
        if any {
            self.exact.insert(exact_key, item);
        }
        match best {
            Some((i, j)) => Duplicate::Near(self.documents[i as usize].clone(), j),
            None => Duplicate::Original,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(paragraphs: &[&str]) -> Document {
        Document::new("t", paragraphs.iter().map(|p| p.to_string()).collect())
    }

    const BASE: &[&str] = &[
        "افتتح وزير الثقافة معرض الكتاب الدولي في دورته الحادية عشرة بمشاركة ثلاثمئة دار نشر من عشرين بلدا.",
        "وقال الوزير في كلمته إن المعرض يستقبل زواره يوميا من العاشرة صباحا حتى العاشرة ليلا طوال أسبوعين.",
        "وتشارك في الدورة الحالية دور نشر للمرة الأولى من أمريكا الجنوبية وشرق آسيا إلى جانب الحضور العربي.",
    ];

    #[test]
    fn exact_duplicates_ignore_diacritics_and_tatweel() {
        let mut finder = DuplicateFinder::default();
        let a = doc(BASE);
        let b = doc(&[
            "افتتحَ وزيـــر الثقافة معرض الكتاب الدولي في دورته الحادية عشرة بمشاركة ثلاثمئة دار نشر من عشرين بلدا.",
            BASE[1],
            BASE[2],
        ]);
        assert_eq!(finder.add(&a, &Analysis::of(&a)), Duplicate::Original);
        assert_eq!(
            finder.add(&b, &Analysis::of(&b)),
            Duplicate::Exact(a.id.clone())
        );
        assert_eq!(finder.len(), 1);
    }

    #[test]
    fn near_duplicates_link_to_the_first_and_strangers_do_not() {
        let mut finder = DuplicateFinder::default();
        let a = doc(BASE);
        let b = doc(&[BASE[0], BASE[1], BASE[2], "المصدر: وكالات"]);
        let c = doc(&[
            "ارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار وتزايد المخاوف من التضخم في الاقتصادات الكبرى.",
        ]);
        finder.add(&a, &Analysis::of(&a));
        assert!(
            matches!(finder.add(&b, &Analysis::of(&b)), Duplicate::Near(ref id, j) if *id == a.id && j >= 0.7)
        );
        assert_eq!(finder.add(&c, &Analysis::of(&c)), Duplicate::Original);
    }
}
