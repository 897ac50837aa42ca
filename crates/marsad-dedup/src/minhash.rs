//! MinHash signatures over word shingles, and an LSH banding index to find candidate pairs without comparing
//! every document with every other.
//!
//! A signature is [`BINS`] 32-bit values made by one-permutation hashing: each shingle hash goes to one bin
//! (its top bits) and the bin keeps the smallest remaining value; empty bins borrow from the next non-empty
//! bin to the right, shifted by the distance, so two texts agree in a bin with probability close to their
//! Jaccard similarity. One hash per shingle instead of one per shingle and permutation makes a signature
//! about a hundred times cheaper than classic MinHash at the same accuracy for texts of news length.
//!
//! Why our own rather than a crate: the signature has to be reproducible forever (stored signatures must match
//! new ones), so it is defined here over [`crate::analyze::word_hash`] (xxh3, fixed seed) and fixed-width
//! integers, with no dependency whose hashing could change between versions.
//!
//! What it does not do: decide what a duplicate is; see [`crate::duplicates`].

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::analyze::Word;
use crate::probing::{self, prefetch};

/// Number of values in a signature.
pub const BINS: usize = 128;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// LSH bands and rows per band (`BANDS * ROWS == BINS`): pairs with Jaccard 0.5 become candidates with
/// probability 0.87, pairs at 0.8 with probability ~1, pairs at 0.2 with probability 0.05.
pub const BANDS: usize = 32;
pub const ROWS: usize = BINS / BANDS;

const SHINGLE_SEED: u64 = 0x6d61_7273_6164_0002;
const BAND_SEED: u64 = 0x6d61_7273_6164_0003;

/// A document's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signature(pub Box<[u32; BINS]>);

/// Hashes of the word shingles of a sequence of content words (at least one shingle when there is one word).
pub fn shingles(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let n = if words.len() >= SHINGLE_WORDS {
        words.len() + 1 - SHINGLE_WORDS
    } else {
        usize::from(!words.is_empty())
    };
    (0..n).map(move |i| shingle_hash(&words[i..(i + SHINGLE_WORDS).min(words.len())]))
}

/// The hash of one shingle: an order-sensitive mix of its word hashes.
pub fn shingle_hash(words: &[u64]) -> u64 {
    let mut bytes = [0u8; 8 * SHINGLE_WORDS];
    for (i, w) in words.iter().take(SHINGLE_WORDS).enumerate() {
        bytes[i * 8..i * 8 + 8].copy_from_slice(&w.to_le_bytes());
    }
    xxh3_64_with_seed(&bytes[..8 * words.len().min(SHINGLE_WORDS)], SHINGLE_SEED)
}

/// The content words (not stop words) of an analysed text, as hashes.
pub fn content_hashes<'a>(words: impl IntoIterator<Item = &'a Word>) -> Vec<u64> {
    words
        .into_iter()
        .filter(|w| !w.stop)
        .map(|w| w.hash)
        .collect()
}

impl Signature {
    /// The signature of a set of shingle hashes (duplicates do not matter, order does not matter).
    /// `None` for an empty set: an empty text is like no other.
    pub fn of_shingles(shingles: impl IntoIterator<Item = u64>) -> Option<Signature> {
        let mut bins = Box::new([u32::MAX; BINS]);
        let mut filled = [false; BINS];
        let mut any = false;
        for h in shingles {
            let bin = (h >> (64 - BINS.trailing_zeros())) as usize;
            let value = h as u32;
            if !filled[bin] || value < bins[bin] {
                bins[bin] = value;
                filled[bin] = true;
            }
            any = true;
        }
        if !any {
            return None;
        }
        // Densify: an empty bin takes the next filled bin's value (circularly), mixed with the distance so
        // that two empty bins borrowing from one filled bin do not agree by construction.
        let snapshot = *bins;
        for (j, slot) in bins.iter_mut().enumerate() {
            if filled[j] {
                continue;
            }
            let mut d = 1;
            while !filled[(j + d) % BINS] {
                d += 1;
            }
            let src = snapshot[(j + d) % BINS];
            *slot = src ^ (d as u32).wrapping_mul(0x9E37_79B9);
        }
        Some(Signature(bins))
    }

    /// The signature of a word sequence's [`SHINGLE_WORDS`]-word shingles.
    pub fn of_words(words: &[u64]) -> Option<Signature> {
        Signature::of_shingles(shingles(words))
    }

    /// The estimated Jaccard similarity of the two shingle sets: the share of bins that agree.
    pub fn jaccard(&self, other: &Signature) -> f32 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / BINS as f32
    }

    /// The bucket of a band: 32 bits of a hash of its rows and its number. Equal bands always share a
    /// bucket, so no candidate is lost; two different bands share one now and then (about a hundred pairs
    /// among the 30,000 documents of the ANT corpus), and the similarity check that every candidate goes
    /// through turns away the items that brings.
    fn band_keys(&self) -> [u32; BANDS] {
        std::array::from_fn(|band| self.band_key(band))
    }

    fn band_key(&self, band: usize) -> u32 {
        let mut bytes = [0u8; 4 * ROWS + 1];
        for (i, v) in self.0[band * ROWS..(band + 1) * ROWS].iter().enumerate() {
            bytes[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
        }
        bytes[4 * ROWS] = band as u8;
        xxh3_64_with_seed(&bytes, BAND_SEED) as u32
    }
}

/// An LSH banding index from signatures to item numbers (the caller's dense ids, in insertion order).
///
/// Memory is one table slot per (item, band) and a chain link per entry, no per-bucket vectors. The table
/// is the largest that grows with the corpus (32 entries per document, never dropped): on the whole ANT
/// corpus it is 16 MB, far past a core's cache, and each document probes it 32 times. Those probes are
/// independent, so the table is our own (a `BandTable`): all 32 slots are prefetched before the first is
/// read, and their cache misses overlap instead of coming one after the other.
#[derive(Debug, Default, Clone)]
pub struct LshIndex {
    heads: BandTable,
    /// For entry `item * BANDS + band`, the previous entry in the same bucket (`u32::MAX` ends a chain).
    next: Vec<u32>,
}

impl LshIndex {
    pub fn new() -> LshIndex {
        LshIndex::default()
    }

    /// Number of items inserted.
    pub fn len(&self) -> usize {
        self.next.len() / BANDS
    }

    pub fn is_empty(&self) -> bool {
        self.next.is_empty()
    }

    /// Adds the next item (its number is [`Self::len`] before the call) and returns that number.
    pub fn insert(&mut self, signature: &Signature) -> u32 {
        let item = self.len() as u32;
        self.link(signature);
        item
    }

    /// Adds the next item, as [`Self::insert`] does, and returns the earlier items that share a band with
    /// it, as [`Self::candidates`] would have just before: one probe of the (large) band table per band
    /// instead of two.
    pub fn insert_and_find(&mut self, signature: &Signature) -> Vec<u32> {
        let previous = self.link(signature);
        self.chained(previous)
    }

    /// Items that share at least one band with the signature, each once, most recent first.
    pub fn candidates(&self, signature: &Signature) -> Vec<u32> {
        let keys = signature.band_keys();
        for &key in &keys {
            self.heads.prefetch(key);
        }
        self.chained(keys.map(|key| self.heads.get(key)))
    }

    /// Puts the next item at the head of its bucket in every band; returns the entries it went in front of.
    fn link(&mut self, signature: &Signature) -> [u32; BANDS] {
        let item = self.len() as u32;
        let keys = signature.band_keys();
        self.heads.reserve(BANDS);
        for &key in &keys {
            self.heads.prefetch(key);
        }
        std::array::from_fn(|band| {
            let entry = item * BANDS as u32 + band as u32;
            let previous = self.heads.replace(keys[band], entry);
            self.next.push(previous);
            previous
        })
    }

    /// The items of the chains starting at these entries, each once, most recent first.
    fn chained(&self, heads: [u32; BANDS]) -> Vec<u32> {
        let mut out = Vec::new();
        for mut entry in heads {
            while entry != NO_ENTRY {
                out.push(entry / BANDS as u32);
                entry = self.next[entry as usize];
            }
        }
        out.sort_unstable_by(|a, b| b.cmp(a));
        out.dedup();
        out
    }
}

/// No entry: the end of a chain, or a band key not seen before.
const NO_ENTRY: u32 = u32::MAX;

/// A map from 32-bit band keys to the newest entry (`u32`) under each, open-addressed and probed linearly:
/// a slot is one `u64` (key in the high half, entry in the low), so a probe is one cache line, and its
/// address is known from the key alone, so it can be prefetched. Keys are never removed.
///
/// Why not a general hash map: none says where a key's slot is before it is probed, which is what lets a
/// document's 32 probes overlap.
#[derive(Debug, Clone)]
struct BandTable {
    /// `EMPTY_SLOT`, or a key and its entry.
    slots: Vec<u64>,
    len: usize,
}

/// An empty slot: entries are below `NO_ENTRY`, so no key's slot is this.
const EMPTY_SLOT: u64 = u64::MAX;
/// The fewest slots a table has.
const MIN_SLOTS: usize = 1 << 8;

impl Default for BandTable {
    fn default() -> Self {
        BandTable {
            slots: vec![EMPTY_SLOT; MIN_SLOTS],
            len: 0,
        }
    }
}

impl BandTable {
    /// The slot a probe for `key` starts at. Keys are hashes already, so their low bits are spread evenly.
    fn home(&self, key: u32) -> usize {
        key as usize & (self.slots.len() - 1)
    }

    /// Asks the processor to start loading the slot where a probe for `key` starts.
    fn prefetch(&self, key: u32) {
        prefetch(&self.slots[self.home(key)]);
    }

    /// The entry under `key`, or `NO_ENTRY`.
    fn get(&self, key: u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY_SLOT {
                return NO_ENTRY;
            }
            if (slot >> 32) as u32 == key {
                return slot as u32;
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts `entry` under `key` and returns the entry it replaced, or `NO_ENTRY`. Room must have been
    /// reserved ([`BandTable::reserve`]) for a new key.
    fn replace(&mut self, key: u32, entry: u32) -> u32 {
        debug_assert!(entry != NO_ENTRY);
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY_SLOT {
                self.len += 1;
                self.slots[i] = u64::from(key) << 32 | u64::from(entry);
                return NO_ENTRY;
            }
            if (slot >> 32) as u32 == key {
                self.slots[i] = u64::from(key) << 32 | u64::from(entry);
                return slot as u32;
            }
            i = (i + 1) & mask;
        }
    }

    /// Grows the table, if needed, so that `more` new keys keep it at most three quarters full.
    fn reserve(&mut self, more: usize) {
        probing::reserve(
            &mut self.slots,
            self.len,
            more,
            EMPTY_SLOT,
            |&s| s == EMPTY_SLOT,
            |&s| (s >> 32) as usize,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn exact_jaccard(a: &[u64], b: &[u64]) -> f32 {
        let sa: std::collections::HashSet<u64> = shingles(a).collect();
        let sb: std::collections::HashSet<u64> = shingles(b).collect();
        sa.intersection(&sb).count() as f32 / sa.union(&sb).count() as f32
    }

    #[test]
    fn identical_texts_have_identical_signatures() {
        let words: Vec<u64> = (0..50).collect();
        let a = Signature::of_words(&words).unwrap();
        let b = Signature::of_words(&words).unwrap();
        assert_eq!(a.jaccard(&b), 1.0);
    }

    #[test]
    fn signatures_are_stable_across_versions() {
        // Pinned values: if this fails, stored signatures no longer match new ones.
        let sig = Signature::of_words(&[1, 2, 3, 4, 5]).unwrap();
        assert_eq!(
            format!("{:016x}", shingle_hash(&[1, 2, 3])),
            "4e316bb560d90eb2"
        );
        assert_eq!(
            format!("{:?}", &sig.0[..4]),
            "[2057995677, 484777924, 3202193679, 1595150518]"
        );
    }

    #[test]
    fn empty_texts_have_no_signature() {
        assert!(Signature::of_words(&[]).is_none());
    }

    #[test]
    fn lsh_finds_near_duplicates_and_not_strangers() {
        let base: Vec<u64> = (0..200).collect();
        let mut edited = base.clone();
        edited[100] = 9999;
        let other: Vec<u64> = (1000..1200).collect();
        let mut index = LshIndex::new();
        let a = index.insert(&Signature::of_words(&base).unwrap());
        let b = index.insert(&Signature::of_words(&other).unwrap());
        let found = index.candidates(&Signature::of_words(&edited).unwrap());
        assert!(found.contains(&a));
        assert!(!found.contains(&b));
    }

    #[test]
    fn inserting_and_finding_at_once_finds_what_looking_first_does() {
        // Three near copies of one text and a stranger, added one after the other both ways.
        let texts: Vec<Vec<u64>> = (0..4u64)
            .map(|k| {
                let mut words: Vec<u64> = if k == 3 {
                    (500..700).collect()
                } else {
                    (0..200).collect()
                };
                words[(50 * k) as usize] = 9000 + k;
                words
            })
            .collect();
        let (mut looked, mut at_once) = (LshIndex::new(), LshIndex::new());
        for (k, words) in texts.iter().enumerate() {
            let signature = Signature::of_words(words).unwrap();
            let expected = looked.candidates(&signature);
            looked.insert(&signature);
            let found = at_once.insert_and_find(&signature);
            assert_eq!(found, expected, "text {k}");
            assert_eq!(at_once.len(), k + 1);
        }
        assert_eq!(
            at_once.insert_and_find(&Signature::of_words(&texts[0]).unwrap()),
            vec![2, 1, 0]
        );
    }

    #[test]
    fn the_band_table_keeps_the_newest_entry_per_key_as_it_grows() {
        let mut table = BandTable::default();
        let mut model = std::collections::HashMap::new();
        // Keys that share their home slot, keys near u32::MAX, and enough of them to grow the table.
        for n in 0..5000u32 {
            let key = match n % 3 {
                0 => n.wrapping_mul(0x9E37_79B9),
                1 => (n % 7) << 20,
                _ => u32::MAX - n % 11,
            };
            table.reserve(1);
            let before = table.replace(key, n);
            assert_eq!(before, model.insert(key, n).unwrap_or(NO_ENTRY));
        }
        assert_eq!(table.len, model.len());
        for (&key, &entry) in &model {
            assert_eq!(table.get(key), entry);
        }
        assert_eq!(table.get(12345), NO_ENTRY);
        assert!(table.len * 4 <= table.slots.len() * 3);
    }

    proptest! {
        #[test]
        fn signature_depends_only_on_the_shingle_set(mut hashes in proptest::collection::vec(any::<u64>(), 1..200)) {
            let a = Signature::of_shingles(hashes.iter().copied()).unwrap();
            hashes.reverse();
            let doubled: Vec<u64> = hashes.iter().chain(hashes.iter()).copied().collect();
            let b = Signature::of_shingles(doubled).unwrap();
            prop_assert_eq!(a, b);
        }

        #[test]
        fn jaccard_estimate_is_in_bounds_and_near_the_truth(
            common in 20usize..200, only_a in 0usize..100, only_b in 0usize..100, seed in any::<u64>()
        ) {
            let word = |i: usize| seed.wrapping_add(i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let a: Vec<u64> = (0..common).chain(10_000..10_000 + only_a).map(word).collect();
            let b: Vec<u64> = (0..common).chain(20_000..20_000 + only_b).map(word).collect();
            let sa = Signature::of_words(&a).unwrap();
            let sb = Signature::of_words(&b).unwrap();
            let est = sa.jaccard(&sb);
            prop_assert!((0.0..=1.0).contains(&est));
            prop_assert_eq!(est, sb.jaccard(&sa));
            // 128 bins: a standard error of at most ~0.045; allow a wide margin.
            prop_assert!((est - exact_jaccard(&a, &b)).abs() < 0.25, "est {} true {}", est, exact_jaccard(&a, &b));
        }
    }
}
