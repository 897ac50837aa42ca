//! Sparse term vectors: TF-IDF over stem hashes, with the title and lead weighted up and rare terms favoured.
//!
//! Document frequencies are counted as documents stream in ([`DocFreq`]), so a term's weight reflects what
//! has been seen so far and nothing is recomputed when the corpus grows.
//!
//! What it does not do: know which words are names. Rare terms (names, places, numbers of a specific
//! happening) are favoured through the IDF exponent; entity overlap is a separate signal.

use marsad_dedup::Analysis;
use rustc_hash::FxHashMap;

/// A sparse, L2-normalised vector, sorted by term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec(pub Vec<(u64, f32)>);

/// The order in which terms are kept: the heavier first, the lower term first among equal weights.
pub(crate) fn heavier(a: &(u64, f32), b: &(u64, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// The `keep` heaviest terms (by [`heavier`]) among those of positive weight, in no particular order.
pub(crate) fn heaviest(
    weights: impl IntoIterator<Item = (u64, f32)>,
    keep: usize,
) -> Vec<(u64, f32)> {
    let mut terms: Vec<(u64, f32)> = weights.into_iter().filter(|(_, w)| *w > 0.0).collect();
    if terms.len() > keep {
        terms.select_nth_unstable_by(keep, heavier);
        terms.truncate(keep);
    }
    terms
}

impl SparseVec {
    /// Builds a normalised vector from raw weights, keeping at most `keep` of the heaviest terms.
    pub fn from_weights(weights: impl IntoIterator<Item = (u64, f32)>, keep: usize) -> SparseVec {
        let mut terms = heaviest(weights, keep);
        let norm = terms.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut terms {
                *w /= norm;
            }
        }
        terms.sort_unstable_by_key(|(t, _)| *t);
        SparseVec(terms)
    }

    /// Cosine similarity of two normalised vectors.
    pub fn dot(&self, other: &SparseVec) -> f32 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        // Both cursors step without a three-way branch: which one moves is data the CPU cannot predict,
        // while a match (the only branch left) is rare. Same products, same order, same sum.
        while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.get(i), b.get(j)) {
            if ta == tb {
                sum += wa * wb;
            }
            i += usize::from(ta <= tb);
            j += usize::from(tb <= ta);
        }
        sum
    }

    /// The `n` heaviest terms, heaviest first.
    pub fn top(&self, n: usize) -> Vec<(u64, f32)> {
        let mut terms = self.0.clone();
        // Terms are distinct, so the order is total: selecting first gives the same terms as sorting all.
        if n < terms.len() {
            terms.select_nth_unstable_by(n, heavier);
            terms.truncate(n);
        }
        terms.sort_unstable_by(heavier);
        terms
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Pseudo-documents, none containing the term, added to every IDF: with few documents seen, the shared
/// terms of one story would otherwise be the most frequent ones and weigh least (in a data dir of five
/// pages on one story, the words they share are exactly the evidence). With a large corpus the prior is
/// a near-constant shift. 100 is the smallest round value with which a five-page story in a fresh data dir
/// clusters as one (`tests/small_story.rs`); 50 does not.
pub const PRIOR_DOCS: f32 = 100.0;

/// Streaming document frequencies.
///
/// The table keeps every term ever seen (hundreds of thousands on a corpus of news), and each document
/// looks up and then counts a few hundred of them: our own open-addressed table (see
/// [`marsad_dedup::probing`]), so that callers can ask for a term's slot ahead of the look-up
/// ([`DocFreq::prefetch`]) and the misses overlap.
#[derive(Debug, Clone, Default)]
pub struct DocFreq {
    table: TermCounts,
    docs: u32,
}

/// How many terms ahead of its count a term's slot is asked for.
const PREFETCH_AHEAD: usize = 16;

impl DocFreq {
    /// IDF of a term given the documents seen so far (a term never seen gets the highest weight).
    pub fn idf(&self, term: u64) -> f32 {
        let df = self.table.get(term) as f32;
        ((self.docs as f32 + 1.0 + PRIOR_DOCS) / (df + 1.0)).ln() + 1.0
    }

    /// Asks the processor to start loading the slot of `term`, for an [`DocFreq::idf`] soon after.
    pub fn prefetch(&self, term: u64) {
        self.table.prefetch(term);
    }

    /// Counts one document's distinct terms.
    pub fn add(&mut self, terms: &[u64]) {
        self.docs += 1;
        self.table.reserve(terms.len());
        for &t in terms.iter().take(PREFETCH_AHEAD) {
            self.table.prefetch(t);
        }
        for (i, &t) in terms.iter().enumerate() {
            if let Some(&ahead) = terms.get(i + PREFETCH_AHEAD) {
                self.table.prefetch(ahead);
            }
            self.table.increment(t);
        }
    }

    pub fn documents(&self) -> u32 {
        self.docs
    }
}

/// Term → count, open-addressed and probed linearly; a count of 0 marks an empty slot (a term is only
/// put in when counted).
#[derive(Debug, Clone)]
struct TermCounts {
    slots: Vec<TermCount>,
    len: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct TermCount {
    term: u64,
    count: u32,
}

impl Default for TermCounts {
    fn default() -> Self {
        TermCounts {
            slots: vec![TermCount::default(); 1 << 10],
            len: 0,
        }
    }
}

impl TermCounts {
    fn home(&self, term: u64) -> usize {
        // Terms are xxh3 hashes: their low bits are spread evenly.
        term as usize & (self.slots.len() - 1)
    }

    fn prefetch(&self, term: u64) {
        marsad_dedup::probing::prefetch(&self.slots[self.home(term)]);
    }

    /// The slot holding `term`, or the empty slot where it would go.
    fn slot_of(&self, term: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(term);
        loop {
            let slot = self.slots[i];
            if slot.count == 0 || slot.term == term {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, term: u64) -> u32 {
        self.slots[self.slot_of(term)].count
    }

    /// Adds one to a term's count. Room must have been reserved ([`TermCounts::reserve`]).
    fn increment(&mut self, term: u64) {
        let i = self.slot_of(term);
        let slot = &mut self.slots[i];
        if slot.count == 0 {
            *slot = TermCount { term, count: 1 };
            self.len += 1;
        } else {
            slot.count = slot.count.saturating_add(1);
        }
    }

    fn reserve(&mut self, more: usize) {
        marsad_dedup::probing::reserve(
            &mut self.slots,
            self.len,
            more,
            TermCount::default(),
            |s| s.count == 0,
            |s| s.term as usize,
        );
    }
}

/// How document text is weighted into vectors.
#[derive(Debug, Clone)]
pub struct Weighting {
    /// Term-frequency weight of a title word, of a lead word, and of any later body word.
    pub title: f32,
    pub lead: f32,
    pub body: f32,
    /// Content words counted as the lead.
    pub lead_words: usize,
    /// Content words read at most (the rest of a long article adds noise, not evidence).
    pub max_words: usize,
    /// IDF is raised to this power: above 1 favours rare terms (names, places) over common news words.
    pub idf_power: f32,
    /// Terms kept in a document vector.
    pub keep: usize,
}

impl Default for Weighting {
    fn default() -> Self {
        Weighting {
            title: 3.0,
            lead: 2.0,
            body: 1.0,
            lead_words: 40,
            max_words: 300,
            idf_power: 1.5,
            keep: 60,
        }
    }
}

/// A document's vectors and distinct terms.
#[derive(Debug, Clone, Default)]
pub struct DocVectors {
    /// Title, lead and body.
    pub full: SparseVec,
    /// Title only (lead when there is no title).
    pub title: SparseVec,
    /// Title and lead: the news peg, as the annotation rule reads it ("headline and lead").
    pub peg: SparseVec,
    /// Every distinct content term, for document frequencies.
    pub terms: Vec<u64>,
}

impl Weighting {
    /// The vectors of an analysed document under the current document frequencies.
    pub fn vectors(&self, analysis: &Analysis, df: &DocFreq) -> DocVectors {
        /// A term's frequencies in the whole text (weighted by where it occurs), the title and the peg.
        #[derive(Default)]
        struct Counts {
            full: f32,
            title: f32,
            peg: f32,
        }
        // One map for the three vectors, sized for a typical article: one IDF look-up in the (large)
        // document-frequency table and one power per distinct term.
        let mut counts: FxHashMap<u64, Counts> =
            FxHashMap::with_capacity_and_hasher(self.max_words / 2, Default::default());
        for w in analysis.title.iter().filter(|w| !w.stop) {
            let c = counts.entry(w.hash).or_default();
            c.full += self.title;
            c.title += 1.0;
            c.peg += 1.0;
        }
        for (i, w) in analysis
            .body_words()
            .filter(|w| !w.stop)
            .take(self.max_words)
            .enumerate()
        {
            let c = counts.entry(w.hash).or_default();
            c.full += if i < self.lead_words {
                self.lead
            } else {
                self.body
            };
            if i < self.lead_words {
                c.peg += 1.0;
            }
            if analysis.title.is_empty() && i < self.lead_words / 2 {
                c.title += 1.0;
            }
        }
        let mut terms = Vec::with_capacity(counts.len());
        let mut full = Vec::with_capacity(counts.len());
        let mut title = Vec::new();
        let mut peg = Vec::new();
        // IDF^1.5 as x·√x when the power is the default: one square root rather than a general power,
        // for every distinct term of every document.
        let raise = |x: f32| {
            if self.idf_power == 1.5 {
                x * x.sqrt()
            } else {
                x.powf(self.idf_power)
            }
        };
        // The document-frequency table is far larger than the caches: ask for every term's slot first.
        for &term in counts.keys() {
            df.prefetch(term);
        }
        for (&term, c) in &counts {
            let rarity = raise(df.idf(term));
            let weigh = |f: f32| (term, (1.0 + f.ln().max(0.0)) * rarity);
            terms.push(term);
            full.push(weigh(c.full));
            if c.title > 0.0 {
                title.push(weigh(c.title));
            }
            if c.peg > 0.0 {
                peg.push(weigh(c.peg));
            }
        }
        terms.sort_unstable();
        DocVectors {
            full: SparseVec::from_weights(full, self.keep),
            title: SparseVec::from_weights(title, self.keep),
            peg: SparseVec::from_weights(peg, self.keep),
            terms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_frequencies_count_each_term_as_the_table_grows() {
        let mut df = DocFreq::default();
        let mut model: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
        // Terms that share their home slot (multiples of 2^20), and enough distinct ones to grow the table.
        for doc in 0..300u64 {
            let terms: Vec<u64> = (0..40)
                .map(|k| {
                    if k % 4 == 0 {
                        (k % 12) << 20
                    } else {
                        (doc * 40 + k).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                    }
                })
                .collect::<std::collections::BTreeSet<u64>>()
                .into_iter()
                .collect();
            for &t in &terms {
                *model.entry(t).or_default() += 1;
            }
            df.add(&terms);
        }
        assert_eq!(df.documents(), 300);
        for (&term, &count) in &model {
            assert_eq!(df.table.get(term), count);
        }
        assert_eq!(df.table.get(12345), 0);
        // Rarer terms weigh more; an unseen term weighs the most.
        assert!(df.idf(12345) > df.idf(4 << 20));
    }

    #[test]
    fn vectors_are_normalised_and_dot_is_cosine() {
        let a = SparseVec::from_weights([(1, 3.0), (2, 4.0)], 10);
        assert!((a.dot(&a) - 1.0).abs() < 1e-6);
        let b = SparseVec::from_weights([(2, 1.0)], 10);
        assert!((a.dot(&b) - 0.8).abs() < 1e-6);
        assert_eq!(
            SparseVec::from_weights([(1, 1.0), (2, 5.0), (3, 2.0)], 2)
                .0
                .len(),
            2
        );
    }

    proptest::proptest! {
        #[test]
        fn top_is_the_head_of_the_sorted_terms(
            weights in proptest::collection::hash_map(0u64..500, 0.01f32..10.0, 0..80), n in 0usize..90
        ) {
            let v = SparseVec::from_weights(weights, 100);
            let mut all = v.0.clone();
            all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(n);
            proptest::prop_assert_eq!(v.top(n), all);
        }
    }

    #[test]
    fn unseen_terms_weigh_most() {
        let mut df = DocFreq::default();
        df.add(&[1, 2]);
        df.add(&[1]);
        assert!(df.idf(3) > df.idf(2));
        assert!(df.idf(2) > df.idf(1));
    }
}
