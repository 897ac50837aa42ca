//! Passages that documents of two or more outlets share: wire copy, a reused statement, a republished
//! paragraph.
//!
//! The unit is the sentence, with any agency credit at its edges cut off first (see [`crate::analyze`]), so
//! "قال مصدر … لرويترز إن بلاده …" and "قال مصدر … في تصريح صحفي: إن بلاده …" compare on the reported text
//! alone. Candidates come from an index of content-word shingles over a window of recent documents; each
//! candidate pair is then aligned word by word (longest common subsequence of content-word stems), which
//! tolerates small edits: a dropped clause, a changed preposition, one word swapped. A pair matches when at
//! least [`PassageConfig::min_words`] content words align and they cover at least
//! [`PassageConfig::min_ratio`] of the shorter sentence. Matched sentences are grouped (a passage copied by
//! five outlets is one record) and consecutive sentences of one paragraph shared by the same documents are
//! merged back into one passage.
//!
//! Two documents of the same outlet are not compared: what an outlet repeats on its own pages is its
//! furniture (an app promotion under every article, a related-story teaser, a standing background line),
//! not copy it shares with others. On the ANT corpus, before this rule, the largest "shared passage" was
//! BBC Arabic's app promotion, found in 864 of its articles. A document without an outlet is compared with
//! every other.
//!
//! Why hand-written: text-reuse tools work on whole documents or need a corpus-wide index; here the index
//! is bounded by a window of recent documents, so the cost of a document does not grow with the corpus.
//!
//! What it does not do: say which document copied which (the first seen is listed first), or compare a
//! document with itself.

use std::collections::VecDeque;
use std::ops::Range;

use jiff::civil::Date;
use marsad_model::{Document, DocumentId, SharedPassage};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::analyze::Analysis;
use crate::first_postings::FirstPostings;
use crate::minhash::{SHINGLE_WORDS, shingle_hash};

/// How many shingles ahead of its look-up a shingle's slot in the postings table is asked for: enough
/// look-ups to cover a miss to memory.
const PREFETCH_AHEAD: usize = 12;

/// Thresholds of passage matching.
#[derive(Debug, Clone)]
pub struct PassageConfig {
    /// Aligned content words a shared passage must have at least.
    pub min_words: usize,
    /// Share of the shorter sentence's content words that must align.
    pub min_ratio: f32,
    /// How many recent documents a new one is compared with, at most.
    pub window: usize,
    /// A document published more than this many days before the one being added leaves the window: a
    /// month, so the background paragraph a story arc's reports repeat over weeks is still found, while a
    /// window counted in documents alone would reach back many months on a slow feed. Undated documents
    /// leave by count only. (The document being added, not the newest seen, sets the horizon, so one page
    /// with a wrong future date cannot empty the window for good.)
    pub window_days: i32,
    /// A shingle found in more documents of the window than this is boilerplate ("تابعونا على …") and is no
    /// longer indexed.
    pub max_postings: usize,
    /// Postings of documents that left the window are dropped each time this many more have left (a
    /// shingle's stale postings also go whenever it is indexed again; the purge catches the shingles no
    /// later document repeats). Each purge reads the whole index: purging often costs time, purging seldom
    /// costs memory; what is found is the same either way.
    pub purge_every: usize,
}

impl Default for PassageConfig {
    fn default() -> Self {
        PassageConfig {
            min_words: 7,
            min_ratio: 0.6,
            window: 3000,
            window_days: 30,
            max_postings: 48,
            purge_every: 1500,
        }
    }
}

/// A sentence of a document, as compared.
#[derive(Debug, Clone)]
struct Unit {
    paragraph: u32,
    /// Content-word hashes of the sentence's reported text.
    words: Vec<u64>,
    /// Byte range of each of those words in the paragraph.
    spans: Vec<(u32, u32)>,
}

#[derive(Debug, Clone)]
struct Seen {
    id: DocumentId,
    published: Option<Date>,
    units: Vec<Unit>,
    /// The paragraphs, while the document is inside the window.
    paragraphs: Vec<String>,
}

/// A matched sentence: which document, which unit, the aligned content-word range.
#[derive(Debug, Clone)]
struct Node {
    doc: u32,
    unit: u32,
    paragraph: u32,
    /// Byte range in the paragraph covered by aligned words.
    bytes: Range<u32>,
}

/// Streaming shared-passage detection.
#[derive(Debug, Clone, Default)]
pub struct PassageFinder {
    config: PassageConfig,
    docs: Vec<Seen>,
    ids: FxHashSet<DocumentId>,
    /// Each outlet seen, numbered; and per document seen, its outlet's number (`NO_OUTLET` if unknown).
    outlets: FxHashMap<String, u32>,
    outlet_of: Vec<u32>,
    /// Each shingle's first posting (document, unit) in the window; most shingles occur once, so keeping
    /// the first inline spares a list allocation per shingle and halves the table.
    postings: FirstPostings,
    /// The later postings of shingles seen more than once, oldest first.
    more: FxHashMap<u64, Vec<(u32, u32)>>,
    live_from: u32,
    /// Per document seen, the number of its first sentence among all sentences seen.
    first_unit: Vec<u32>,
    /// The word filters of the window's sentences, by sentence number from `filters_from`: the check
    /// that rules out most candidates reads one cache line here, where the sentence's own words sit
    /// behind three dependent loads (document, sentences, words), which the window's size makes misses.
    filters: VecDeque<WordFilter>,
    filters_from: u32,
    /// `live_from` when stale postings were last dropped.
    purged_at: u32,
    nodes: Vec<Node>,
    node_of: FxHashMap<(u32, u32), u32>,
    parent: Vec<u32>,
    kept: FxHashMap<(u32, u32), String>,
    /// The alignment's tables, reused.
    scratch: AlignScratch,
}

impl PassageFinder {
    pub fn new(config: PassageConfig) -> PassageFinder {
        PassageFinder {
            config,
            ..PassageFinder::default()
        }
    }

    /// Compares a document with the recent ones, remembers it, and returns the documents it shares at least
    /// one passage with (earliest first). A document whose id was seen before is not compared again.
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) -> Vec<DocumentId> {
        if !self.ids.insert(doc.id.clone()) {
            return Vec::new();
        }
        // Leave out of the comparison what is too old for this document.
        self.evict(doc.published);
        let me = self.docs.len() as u32;
        let outlet = self.outlet_number(doc.outlet.as_deref());
        let units = self.units(analysis);
        let mut shared: Vec<u32> = Vec::new();
        // Shingle hashes per unit, computed once for the lookup and the indexing below.
        let mut keys: Vec<u64> = Vec::new();
        let mut unit_keys: Vec<Range<usize>> = Vec::with_capacity(units.len());
        for unit in &units {
            let start = keys.len();
            keys.extend(
                (0..shingle_count(unit.words.len()))
                    .map(|i| shingle_hash(&unit.words[i..i + SHINGLE_WORDS])),
            );
            unit_keys.push(start..keys.len());
        }
        self.postings.reserve(keys.len());
        for &key in keys.iter().take(PREFETCH_AHEAD) {
            self.postings.prefetch(key);
        }
        // Postings hit, packed as (document << 32 | unit), then counted by sorting: cheaper than a hash map
        // of counters for the few dozen hits a sentence has. Postings of the document's own outlet are left
        // out as they are gathered: an outlet's furniture (a promotion under every article) hits the most.
        // Each shingle is looked up and indexed in one probe of the (large) table: the document's own
        // postings, which its later sentences then meet, are left out like a same-outlet document's. The
        // slots of the shingles PREFETCH_AHEAD further on are asked for meanwhile.
        let mut found: Vec<u64> = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            found.clear();
            for k in unit_keys[u].clone() {
                if let Some(&ahead) = keys.get(k + PREFETCH_AHEAD) {
                    self.postings.prefetch(ahead);
                }
                self.look_up_and_index(keys[k], (me, u as u32), outlet, &mut found);
            }
            found.sort_unstable();
            let candidates: Vec<(u32, u32, usize)> = found
                .chunk_by(|a, b| a == b)
                .map(|run| ((run[0] >> 32) as u32, run[0] as u32, run.len()))
                .collect();
            for (d, v, hits) in candidates {
                if hits < 2 && shingle_count(unit.words.len()) > 2 {
                    continue;
                }
                let filter =
                    &self.filters[(self.first_unit[d as usize] + v - self.filters_from) as usize];
                let shorter = unit.words.len().min(filter.words as usize);
                let enough = |aligned: usize| {
                    aligned >= self.config.min_words
                        && aligned as f32 >= self.config.min_ratio * shorter as f32
                };
                // Most candidates share a stock phrase and little else: rule them out by counting the
                // words they could align at most, before the quadratic alignment.
                if !enough(filter.count_in(&unit.words)) {
                    continue;
                }
                let other = &self.docs[d as usize].units[v as usize];
                let Some(al) = align_in(&unit.words, &other.words, &mut self.scratch) else {
                    continue;
                };
                if !enough(al.len) {
                    continue;
                }
                let old_node =
                    self.node(d, v, other.spans[al.b.start].0..other.spans[al.b.end - 1].1);
                let new_node = self.node_new(me, u as u32, unit, al.a.clone(), &doc.paragraphs);
                self.union(old_node, new_node);
                shared.push(d);
            }
        }
        self.first_unit.push(self.next_unit());
        self.outlet_of.push(outlet);
        self.filters
            .extend(units.iter().map(|unit| WordFilter::of(&unit.words)));
        self.docs.push(Seen {
            id: doc.id.clone(),
            published: doc.published,
            units,
            paragraphs: doc.paragraphs.clone(),
        });
        shared.sort_unstable();
        shared.dedup();
        shared
            .into_iter()
            .map(|d| self.docs[d as usize].id.clone())
            .collect()
    }

    /// Gathers a shingle's postings that are inside the window, of another document and of another outlet
    /// into `found` (packed as document << 32 | unit), then indexes the shingle under `posting`, dropping
    /// the postings that left the window. Postings are in arrival order, so the stale ones are the first
    /// and the front of the list: a shingle being indexed was just looked up, and will be again, so they
    /// are dropped now rather than read until the next purge (on the whole ANT corpus, one posting read in
    /// seven was stale).
    fn look_up_and_index(
        &mut self,
        key: u64,
        posting: (u32, u32),
        outlet: u32,
        found: &mut Vec<u64>,
    ) {
        let (me, live) = (posting.0, self.live_from);
        let outlet_of = &self.outlet_of;
        // Inside the window, another document, another outlet (or an unknown one on either side).
        let hit = |d: u32| {
            d >= live && d != me && (outlet == NO_OUTLET || outlet_of[d as usize] != outlet)
        };
        let Some(at) = self.postings.find_or_insert(key, posting) else {
            return;
        };
        let (d, v) = self.postings.first(at);
        let list = match self
            .postings
            .has_more(at)
            .then(|| self.more.get_mut(&key))
            .flatten()
        {
            Some(list) => list,
            None => {
                if d >= live {
                    if hit(d) {
                        found.push(u64::from(d) << 32 | u64::from(v));
                    }
                    if 1 < self.config.max_postings {
                        self.more.insert(key, vec![posting]);
                        self.postings.set_has_more(at, true);
                    }
                } else {
                    self.postings.set_first(at, posting);
                }
                return;
            }
        };
        for &(d, v) in std::iter::once(&(d, v)).chain(list.iter()) {
            if hit(d) {
                found.push(u64::from(d) << 32 | u64::from(v));
            }
        }
        let stale = list.partition_point(|(d, _)| *d < live);
        if d < live {
            match list.get(stale) {
                Some(&oldest_live) => {
                    self.postings.set_first(at, oldest_live);
                    list.drain(..=stale);
                }
                None => {
                    self.postings.set_first(at, posting);
                    self.postings.set_has_more(at, false);
                    self.more.remove(&key);
                    return;
                }
            }
        } else {
            list.drain(..stale);
        }
        if 1 + list.len() < self.config.max_postings {
            list.push(posting);
        }
    }

    fn units(&self, analysis: &Analysis) -> Vec<Unit> {
        let mut units = Vec::new();
        for (p, paragraph) in analysis.paragraphs.iter().enumerate() {
            for sentence in &paragraph.sentences {
                let words = &paragraph.words[sentence.body.clone()];
                let content: Vec<_> = words.iter().filter(|w| !w.stop).collect();
                if content.len() < self.config.min_words {
                    continue;
                }
                units.push(Unit {
                    paragraph: p as u32,
                    words: content.iter().map(|w| w.hash).collect(),
                    spans: content.iter().map(|w| (w.start, w.end)).collect(),
                });
            }
        }
        units
    }

    /// The number of an outlet (a new one gets the next), or `NO_OUTLET`.
    fn outlet_number(&mut self, outlet: Option<&str>) -> u32 {
        let Some(name) = outlet.map(str::trim).filter(|name| !name.is_empty()) else {
            return NO_OUTLET;
        };
        if let Some(&number) = self.outlets.get(name) {
            return number;
        }
        let number = self.outlets.len() as u32;
        self.outlets.insert(name.to_string(), number);
        number
    }

    /// The number the next sentence seen will get (counting every sentence seen so far).
    fn next_unit(&self) -> u32 {
        self.filters_from + self.filters.len() as u32
    }

    fn evict(&mut self, now: Option<Date>) {
        let by_count = self.docs.len().saturating_sub(self.config.window) as u32;
        let horizon = now.and_then(|n| {
            n.checked_sub(jiff::Span::new().days(self.config.window_days))
                .ok()
        });
        let mut live = self.live_from.max(by_count);
        // Documents arrive roughly in time order: leave from the front while the front is too old.
        while (live as usize) < self.docs.len()
            && horizon.is_some_and(|h| self.docs[live as usize].published.is_some_and(|d| d < h))
        {
            live += 1;
        }
        if live <= self.live_from {
            return;
        }
        for d in self.live_from..live {
            let seen = &mut self.docs[d as usize];
            seen.units = Vec::new();
            seen.paragraphs = Vec::new();
        }
        self.live_from = live;
        let live_unit = self
            .first_unit
            .get(live as usize)
            .copied()
            .unwrap_or_else(|| self.next_unit());
        let gone = (live_unit - self.filters_from) as usize;
        self.filters.drain(..gone);
        self.filters_from = live_unit;
        // Drop stale postings now and then, so the index stays the size of the window.
        if (live - self.purged_at) as usize >= self.config.purge_every.max(1) {
            self.purged_at = live;
            self.more.retain(|_, list| {
                list.retain(|(d, _)| *d >= live);
                !list.is_empty()
            });
            // Postings are in arrival order: when the first is stale, the oldest live later one (if any)
            // takes its place.
            let more = &mut self.more;
            self.postings.retain(|key, first, has_more| {
                // A live first posting is the oldest of its shingle's (postings are in arrival order):
                // its later ones are live too, and their list is still there.
                if first.0 >= live {
                    return true;
                }
                let Some(list) = has_more.then(|| more.get_mut(&key)).flatten() else {
                    return false;
                };
                *first = list.remove(0);
                if list.is_empty() {
                    more.remove(&key);
                    *has_more = false;
                }
                true
            });
        }
    }

    fn node(&mut self, doc: u32, unit: u32, bytes: Range<u32>) -> u32 {
        let seen = &self.docs[doc as usize];
        let paragraph = seen.units[unit as usize].paragraph;
        if let Some(text) = seen.paragraphs.get(paragraph as usize) {
            self.kept
                .entry((doc, paragraph))
                .or_insert_with(|| text.clone());
        }
        self.node_with(doc, unit, paragraph, bytes)
    }

    fn node_new(
        &mut self,
        doc: u32,
        unit: u32,
        u: &Unit,
        aligned: Range<usize>,
        paragraphs: &[String],
    ) -> u32 {
        if let Some(text) = paragraphs.get(u.paragraph as usize) {
            self.kept
                .entry((doc, u.paragraph))
                .or_insert_with(|| text.clone());
        }
        let bytes = u.spans[aligned.start].0..u.spans[aligned.end - 1].1;
        self.node_with(doc, unit, u.paragraph, bytes)
    }

    fn node_with(&mut self, doc: u32, unit: u32, paragraph: u32, bytes: Range<u32>) -> u32 {
        if let Some(&n) = self.node_of.get(&(doc, unit)) {
            let node = &mut self.nodes[n as usize];
            node.bytes = node.bytes.start.min(bytes.start)..node.bytes.end.max(bytes.end);
            return n;
        }
        let n = self.nodes.len() as u32;
        self.nodes.push(Node {
            doc,
            unit,
            paragraph,
            bytes,
        });
        self.parent.push(n);
        self.node_of.insert((doc, unit), n);
        n
    }

    fn find(&self, mut n: u32) -> u32 {
        while self.parent[n as usize] != n {
            n = self.parent[n as usize];
        }
        n
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The older root stays the root.
            let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[child as usize] = root;
        }
    }

    /// Every passage found so far: documents in arrival order, text as in the first of them.
    pub fn shared_passages(&self) -> Vec<SharedPassage> {
        let mut groups: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for n in 0..self.nodes.len() as u32 {
            groups.entry(self.find(n)).or_default().push(n);
        }
        // One representative per group: the first document's earliest sentence.
        let mut reps: Vec<Rep> = Vec::new();
        for members in groups.values() {
            let mut docs: Vec<u32> = members
                .iter()
                .map(|&n| self.nodes[n as usize].doc)
                .collect();
            docs.sort_unstable();
            docs.dedup();
            if docs.len() < 2 {
                continue;
            }
            let Some(rep) = members
                .iter()
                .map(|&n| &self.nodes[n as usize])
                .filter(|node| node.doc == docs[0])
                .min_by_key(|node| node.unit)
            else {
                continue;
            };
            reps.push((rep.doc, rep.paragraph, rep.unit, rep.bytes.clone(), docs));
        }
        reps.sort_by_key(|r| (r.0, r.1, r.2));
        // Merge consecutive sentences of one paragraph shared by the same documents.
        let mut merged: Vec<Rep> = Vec::new();
        for rep in reps {
            if let Some(last) = merged.last_mut()
                && last.0 == rep.0
                && last.1 == rep.1
                && last.2 + 1 == rep.2
                && last.4 == rep.4
            {
                last.2 = rep.2;
                last.3.end = rep.3.end;
                continue;
            }
            merged.push(rep);
        }
        merged
            .into_iter()
            .filter_map(|(doc, paragraph, _, bytes, docs)| {
                let text = self.kept.get(&(doc, paragraph))?;
                let text = text.get(bytes.start as usize..bytes.end as usize)?;
                Some(SharedPassage {
                    documents: docs
                        .iter()
                        .map(|&d| self.docs[d as usize].id.clone())
                        .collect(),
                    text: text.to_string(),
                })
            })
            .collect()
    }
}

/// The outlet number of a document without one: compared with every document.
const NO_OUTLET: u32 = u32::MAX;

/// A group's representative: first document, paragraph, sentence, byte range, documents.
type Rep = (u32, u32, u32, Range<u32>, Vec<u32>);

fn shingle_count(words: usize) -> usize {
    (words + 1).saturating_sub(SHINGLE_WORDS)
}

/// A 448-bit set of a sentence's word hashes (one bit per word) and its word count, in one cache line: how
/// many words of another sentence it may hold is an upper bound on how many the two can align (false
/// positives only raise the bound).
#[derive(Debug, Clone)]
#[repr(C, align(64))]
struct WordFilter {
    bits: [u64; 7],
    words: u32,
}

impl WordFilter {
    const BITS: u64 = 7 * 64;

    /// The word of the set a word hash falls in, and its bit there.
    fn slot(word: u64) -> (usize, u64) {
        let bit = word % Self::BITS;
        ((bit / 64) as usize, 1 << (bit % 64))
    }

    fn of(words: &[u64]) -> WordFilter {
        let mut bits = [0u64; 7];
        for &w in &words[..words.len().min(ALIGN_MAX)] {
            let (i, bit) = Self::slot(w);
            bits[i] |= bit;
        }
        WordFilter {
            bits,
            words: words.len() as u32,
        }
    }

    /// Words of `words` (as far as alignment reads) that may be in the set.
    fn count_in(&self, words: &[u64]) -> usize {
        words[..words.len().min(ALIGN_MAX)]
            .iter()
            .filter(|&&w| {
                let (i, bit) = Self::slot(w);
                self.bits[i] & bit != 0
            })
            .count()
    }
}

/// Words of a sentence that alignment reads: long run-on paragraphs are cut, wire sentences are far
/// shorter than this.
const ALIGN_MAX: usize = 400;

/// The result of aligning two word sequences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// Number of aligned words.
    pub len: usize,
    /// From the first to the last aligned word, in each sequence.
    pub a: Range<usize>,
    pub b: Range<usize>,
}

/// Longest common subsequence of two word sequences; `None` when they share no word.
pub fn align(a: &[u64], b: &[u64]) -> Option<Alignment> {
    align_in(a, b, &mut AlignScratch::default())
}

/// What [`align_in`] reuses between calls (one allocation per finder, not per pair).
#[derive(Debug, Clone, Default)]
struct AlignScratch {
    /// The bit rows of the table, `blocks` words each (see [`align_in`]).
    rows: Vec<u64>,
    /// Each distinct word of `b` once, in order of first appearance from its end.
    symbols: Vec<u64>,
    /// Open-addressing table from a word to 1 + its place in `symbols` (0: empty slot).
    slots: Vec<u32>,
    /// Per distinct word of `b`, the bit set of its positions from `b`'s end, `blocks` words each.
    masks: Vec<u64>,
}

impl AlignScratch {
    /// The slot of `word` in `slots`: where it is, or the empty slot where it would go.
    fn slot(&self, word: u64) -> usize {
        let mask = self.slots.len() - 1;
        // Fibonacci hashing: word hashes are well mixed, but their low bits are not promised to be.
        let mut slot = (word.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return slot,
                s if self.symbols[s as usize - 1] == word => return slot,
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// [`align`], bit-parallel: the table of the classic quadratic dynamic programme (the LCS of every suffix
/// of `a` with every suffix of `b`) is kept as one bit row per suffix of `a`, a set bit per position of
/// `b` where the LCS does not grow (Allison and Dix 1986; Hyyrö 2004), so a row costs a few word
/// operations per 64 words of `b` instead of one step per word, and any entry of the table is a
/// population count. The traceback reads the same entries as the quadratic programme did, so the
/// alignment found is the same. Why by hand: the crates that do this work on bytes or chars; ours are
/// word hashes.
fn align_in(a: &[u64], b: &[u64], scratch: &mut AlignScratch) -> Option<Alignment> {
    let (a, b) = (&a[..a.len().min(ALIGN_MAX)], &b[..b.len().min(ALIGN_MAX)]);
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return None;
    }
    let blocks = m.div_ceil(64);
    // Bit k of a word's mask: b[m - 1 - k] is that word (positions counted from b's end, so that the
    // prefixes the rows are built over are b's suffixes).
    scratch.symbols.clear();
    scratch.masks.clear();
    scratch.slots.clear();
    scratch.slots.resize((2 * m).next_power_of_two(), 0);
    for (k, &word) in b.iter().rev().enumerate() {
        let slot = scratch.slot(word);
        if scratch.slots[slot] == 0 {
            scratch.symbols.push(word);
            scratch.slots[slot] = scratch.symbols.len() as u32;
            scratch.masks.resize(scratch.masks.len() + blocks, 0);
        }
        let base = (scratch.slots[slot] as usize - 1) * blocks;
        scratch.masks[base + k / 64] |= 1 << (k % 64);
    }
    // Row r covers a's last r words: row 0 is all ones (nothing aligned); each word of `a` met adds its
    // matches with carries (V' = (V + U) | (V & !U), U = V & matches; U lies within V, so V - U is V & !U).
    let mut rows = std::mem::take(&mut scratch.rows);
    rows.clear();
    rows.resize((n + 1) * blocks, u64::MAX);
    for r in 1..=n {
        let (done, next) = rows.split_at_mut(r * blocks);
        let previous = &done[(r - 1) * blocks..];
        let next = &mut next[..blocks];
        let s = scratch.slots[scratch.slot(a[n - r])] as usize;
        if s == 0 {
            next.copy_from_slice(previous);
            continue;
        }
        let matches = &scratch.masks[(s - 1) * blocks..s * blocks];
        let mut carry = false;
        for x in 0..blocks {
            let v = previous[x];
            let u = v & matches[x];
            let (sum, c1) = v.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            next[x] = sum | (v & !u);
        }
    }
    // The LCS of a[i..] and b[j..]: the zero bits among the first m - j of row n - i.
    let table = |i: usize, j: usize| -> u32 {
        let row = &rows[(n - i) * blocks..(n - i + 1) * blocks];
        let k = m - j;
        let full = k / 64;
        let mut ones: u32 = row[..full].iter().map(|w| w.count_ones()).sum();
        if k % 64 != 0 {
            ones += (row[full] & ((1u64 << (k % 64)) - 1)).count_ones();
        }
        k as u32 - ones
    };
    let len = table(0, 0) as usize;
    let alignment = (len > 0).then(|| traceback(a, b, len, table)).flatten();
    scratch.rows = rows;
    alignment
}

/// The alignment the quadratic programme's traceback finds, given its table: from the start, equal words
/// align, else the step keeps the longer remaining LCS (down in `a` on ties).
fn traceback(
    a: &[u64],
    b: &[u64],
    len: usize,
    table: impl Fn(usize, usize) -> u32,
) -> Option<Alignment> {
    let (n, m) = (a.len(), b.len());
    let (mut i, mut j) = (0, 0);
    let (mut first, mut last) = (None, (0, 0));
    while i < n && j < m {
        // Equal words always extend the LCS of the suffixes after them by one.
        if a[i] == b[j] {
            first.get_or_insert((i, j));
            last = (i, j);
            i += 1;
            j += 1;
        } else if table(i + 1, j) >= table(i, j + 1) {
            i += 1;
        } else {
            j += 1;
        }
    }
    let (fi, fj) = first?;
    Some(Alignment {
        len,
        a: fi..last.0 + 1,
        b: fj..last.1 + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(source: &str, paragraphs: &[&str]) -> Document {
        let mut d = Document::new(source, paragraphs.iter().map(|p| p.to_string()).collect());
        d.source = source.into();
        d
    }

    fn add(finder: &mut PassageFinder, d: &Document) -> Vec<DocumentId> {
        finder.add(d, &Analysis::of(d))
    }

    #[test]
    fn an_outlets_own_repeated_lines_are_not_shared_passages() {
        let promo = "حملوا تطبيق صحيفة الوادي الجديد على هواتفكم لتصلكم إشعارات بأهم الأخبار العاجلة طوال اليوم.";
        let wire = "وقالت وكالة النسيم للأنباء إن السلطات أغلقت الطريق الساحلي بين المدينتين أمام الشاحنات الثقيلة بسبب الانهيارات الصخرية المتكررة.";
        let page = |source: &str, outlet: Option<&str>, lines: &[&str]| {
            let mut d = doc(source, lines);
            d.outlet = outlet.map(str::to_string);
            d
        };
        let mut finder = PassageFinder::default();
        let a = page(
            "a",
            Some("الوادي"),
            &["افتتح المعرض أبوابه صباح اليوم.", promo],
        );
        let b = page(
            "b",
            Some("الوادي"),
            &["انتهت المباراة بالتعادل السلبي.", promo, wire],
        );
        let c = page("c", Some("الساحل"), &[wire]);
        let d = page("d", None, &[promo]);
        assert!(add(&mut finder, &a).is_empty());
        // The same outlet's promotion under two of its articles: furniture, not shared copy.
        assert!(add(&mut finder, &b).is_empty());
        // The wire sentence in another outlet's article is.
        assert_eq!(add(&mut finder, &c), vec![b.id.clone()]);
        // A page whose outlet is unknown is compared with every page.
        assert_eq!(add(&mut finder, &d), vec![a.id.clone(), b.id.clone()]);
        let mut groups: Vec<Vec<DocumentId>> = finder
            .shared_passages()
            .into_iter()
            .map(|p| p.documents)
            .collect();
        groups.sort();
        let mut expected = vec![
            vec![a.id.clone(), b.id.clone(), d.id.clone()],
            vec![b.id.clone(), c.id.clone()],
        ];
        expected.sort();
        assert_eq!(groups, expected);
    }

    #[test]
    fn a_page_repeating_its_own_sentence_shares_it_with_no_one_but_another_page() {
        // No outlet, so only the document's own postings, which it indexes as it looks up, keep its
        // second paragraph from matching its first.
        let line = "وأكد المتحدث باسم البلدية أن أعمال صيانة شبكة المياه في الأحياء الشرقية ستنتهي قبل حلول فصل الصيف المقبل.";
        let mut finder = PassageFinder::default();
        let a = doc("a", &[line, "وتتواصل الأعمال ليلا ونهارا.", line]);
        let b = doc("b", &["أعلنت البلدية خطتها الجديدة.", line]);
        assert!(add(&mut finder, &a).is_empty());
        assert!(finder.shared_passages().is_empty());
        assert_eq!(add(&mut finder, &b), vec![a.id.clone()]);
        let passages = finder.shared_passages();
        assert_eq!(passages.len(), 1);
        assert_eq!(passages[0].documents, vec![a.id.clone(), b.id.clone()]);
    }

    #[test]
    fn a_credited_and_an_uncredited_copy_share_the_reported_text() {
        let mut finder = PassageFinder::default();
        let a = doc(
            "a",
            &[
                "شهدت العاصمة أمطارا غزيرة.",
                "وقالت وكالة النسيم للأنباء إن السلطات أغلقت الطريق الساحلي بين المدينتين أمام الشاحنات الثقيلة بسبب الانهيارات الصخرية المتكررة.",
            ],
        );
        let b = doc(
            "b",
            &[
                "أغلقت السلطات الطريق الساحلي بين المدينتين أمام الشاحنات الثقيلة بسبب الانهيارات الصخرية المتكررة (النسيم).",
                "ولم تعلن موعدا لإعادة فتحه.",
            ],
        );
        let c = doc(
            "c",
            &["ارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار وتزايد المخاوف من التضخم."],
        );
        assert!(add(&mut finder, &a).is_empty());
        assert_eq!(add(&mut finder, &b), vec![a.id.clone()]);
        assert!(add(&mut finder, &c).is_empty());
        let passages = finder.shared_passages();
        assert_eq!(passages.len(), 1);
        assert_eq!(passages[0].documents, vec![a.id.clone(), b.id.clone()]);
        assert_eq!(
            passages[0].text,
            "السلطات أغلقت الطريق الساحلي بين المدينتين أمام الشاحنات الثقيلة بسبب الانهيارات الصخرية المتكررة"
        );
    }

    #[test]
    fn small_edits_still_match_and_three_copies_make_one_passage() {
        let mut finder = PassageFinder::default();
        let text = "وتنص الاتفاقية على إنشاء خط لنقل الغاز بطول مئتي كيلومتر من الحقل الشمالي إلى محطة التوليد الساحلية بكلفة نصف مليار دولار.";
        let edited = "وتنص الاتفاقية على انشاء خط لنقل الغاز طوله مئتا كيلومتر من الحقل الشمالي حتى محطة التوليد الساحلية بكلفة نصف مليار دولار.";
        let a = doc("a", &[text, "وأضاف أن العمل يبدأ الشهر المقبل."]);
        let b = doc(
            "b",
            &["قالت مصادر رسمية إن الحكومة وافقت على الاتفاقية.", edited],
        );
        let c = doc("c", &[text]);
        add(&mut finder, &a);
        add(&mut finder, &b);
        add(&mut finder, &c);
        let passages = finder.shared_passages();
        assert_eq!(passages.len(), 1, "{passages:?}");
        assert_eq!(passages[0].documents, vec![a.id, b.id, c.id]);
        assert!(passages[0].text.starts_with("وتنص الاتفاقية"));
    }

    #[test]
    fn consecutive_shared_sentences_merge_into_the_paragraph() {
        let mut finder = PassageFinder::default();
        let p = "وصل الوفد التجاري إلى الميناء الجنوبي صباح الأحد في زيارة تستمر ثلاثة أيام كاملة. ويضم الوفد ممثلين عن خمسين شركة صناعية وزراعية من القطاعين العام والخاص.";
        let a = doc("a", &[p]);
        let b = doc("b", &["مقدمة مختلفة تماما عن الموضوع نفسه.", p]);
        add(&mut finder, &a);
        add(&mut finder, &b);
        let passages = finder.shared_passages();
        assert_eq!(passages.len(), 1);
        assert_eq!(passages[0].text, p.trim_end_matches('.'));
    }

    #[test]
    fn pages_a_month_apart_are_outside_each_others_window() {
        let p = "وصل الوفد التجاري إلى الميناء الجنوبي صباح الأحد في زيارة تستمر ثلاثة أيام كاملة.";
        // Each page has its own first paragraph (ids are content hashes).
        let dated = |id: &str, date: &str| {
            let mut d = doc(id, &[&format!("خبر رقم {id} عن الوفد."), p]);
            d.published = date.parse().ok();
            d
        };
        let mut finder = PassageFinder::default();
        add(&mut finder, &dated("a", "2025-03-01"));
        // Within a month: still in the window. Then the first has left it, the second has not.
        let second = dated("b", "2025-03-20");
        assert_eq!(add(&mut finder, &second).len(), 1);
        assert_eq!(add(&mut finder, &dated("c", "2025-04-05")), vec![second.id]);
        // An undated page is compared with everything still in the window.
        let undated = doc("d", &["خبر بلا تاريخ عن الوفد.", p]);
        assert_eq!(add(&mut finder, &undated).len(), 2);
    }

    #[test]
    fn postings_that_left_the_window_go_when_their_shingle_is_indexed_again() {
        let p = "وصل الوفد التجاري إلى الميناء الجنوبي صباح الأحد في زيارة تستمر ثلاثة أيام كاملة.";
        // No purge runs; each page's own paragraph is too short to be compared, so every shingle indexed
        // is one of the shared sentence's, indexed again by every page.
        let mut finder = PassageFinder::new(PassageConfig {
            window: 2,
            purge_every: 1000,
            ..PassageConfig::default()
        });
        for k in 0..6 {
            add(
                &mut finder,
                &doc(&format!("p{k}"), &[&format!("خبر رقم {k}."), p]),
            );
        }
        let live = finder.live_from;
        assert_eq!(live, 3);
        let entries = finder.postings.entries();
        assert!(!entries.is_empty());
        for (key, first, has_more) in &entries {
            assert_eq!(*has_more, finder.more.contains_key(key));
            let later = finder.more.get(key).into_iter().flatten();
            for posting in std::iter::once(first).chain(later) {
                assert!(posting.0 >= live, "{posting:?} left the window");
            }
        }
    }

    #[test]
    fn a_purge_leaves_only_live_postings_and_no_list_without_its_first_posting() {
        // Four sentences, each on the pages whose number has its bit set: shingles whose later postings
        // go stale in part, or all at once between two purges, with or without being indexed again.
        let sentences = [
            "وصل الوفد التجاري إلى الميناء الجنوبي صباح الأحد في زيارة تستمر ثلاثة أيام كاملة.",
            "افتتحت وزارة الصحة مستشفى ميدانيا جديدا في الضاحية الشرقية يتسع لمئتي سرير مجهز.",
            "أعلن الاتحاد المحلي لكرة القدم تأجيل مباريات الدوري الممتاز أسبوعين بسبب الأمطار الغزيرة.",
            "قررت هيئة الطيران المدني استئناف الرحلات الداخلية بين العاصمة والمدن الساحلية الشهر المقبل.",
        ];
        let mut finder = PassageFinder::new(PassageConfig {
            window: 3,
            purge_every: 3,
            ..PassageConfig::default()
        });
        let mut purges = 0;
        for k in 0..64usize {
            let mut paragraphs = vec![format!("خبر رقم {k}.")];
            paragraphs.extend(
                (0..sentences.len())
                    .filter(|j| (k >> j) & 1 == 1)
                    .map(|j| sentences[j].to_owned()),
            );
            let paragraphs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            add(&mut finder, &doc(&format!("p{k}"), &paragraphs));
            let live = finder.live_from;
            let purged_now = live > 0 && finder.purged_at == live;
            purges += usize::from(purged_now);
            let entries = finder.postings.entries();
            let with_lists = entries.iter().filter(|(_, _, has_more)| *has_more).count();
            assert_eq!(
                with_lists,
                finder.more.len(),
                "page {k}: a list without its first posting"
            );
            for (key, first, has_more) in &entries {
                assert_eq!(*has_more, finder.more.contains_key(key));
                let later = finder.more.get(key).into_iter().flatten();
                let postings: Vec<_> = std::iter::once(first).chain(later).collect();
                assert!(
                    postings.windows(2).all(|w| w[0] < w[1]),
                    "page {k}: {postings:?}"
                );
                // Right after a purge, nothing that left the window is left; between purges, only the
                // shingles of the page just added have been brought up to date.
                if purged_now {
                    assert!(
                        postings.iter().all(|p| p.0 >= live),
                        "page {k}: {postings:?}"
                    );
                }
            }
        }
        assert!(purges > 10);
    }

    #[test]
    fn how_often_stale_postings_are_purged_does_not_change_what_is_found() {
        // A small window and cap, and pages that all repeat one phrase (which fills the cap) and come in
        // pairs sharing a sentence.
        let sentence = |k: usize| {
            format!(
                "أعلنت بلدية المدينة رقم {k} افتتاح حديقة عامة جديدة تضم ملاعب للأطفال ومسارا للدراجات الهوائية."
            )
        };
        let pages: Vec<Document> = (0..24)
            .map(|k| {
                doc(
                    &format!("p{k}"),
                    &[
                        "تابعونا على صفحاتنا في مواقع التواصل الاجتماعي لمعرفة آخر الأخبار العاجلة والمحلية أولا بأول.",
                        &sentence(k / 2),
                        &format!("خبر خاص بالصفحة {k}."),
                    ],
                )
            })
            .collect();
        let run = |purge_every: usize| {
            let mut finder = PassageFinder::new(PassageConfig {
                window: 5,
                max_postings: 3,
                purge_every,
                ..PassageConfig::default()
            });
            let shared: Vec<Vec<DocumentId>> = pages.iter().map(|p| add(&mut finder, p)).collect();
            (shared, finder.shared_passages())
        };
        let (often, rarely) = (run(1), run(1000));
        assert_eq!(often.0, rarely.0);
        assert_eq!(often.1, rarely.1);
        // Each page shares its sentence with its twin, and the phrase with the window's other pages.
        assert!(often.0[23].contains(&pages[22].id));
        assert!(!often.0[23].contains(&pages[10].id));
    }

    #[test]
    fn align_finds_the_common_run() {
        let al = align(&[9, 1, 2, 3, 8, 4], &[1, 2, 7, 3, 4, 5]).unwrap();
        assert_eq!(al.len, 4);
        assert_eq!(al.a, 1..6);
        assert_eq!(al.b, 0..5);
    }

    /// The table of the quadratic dynamic programme the bit-parallel [`align_in`] replaced, walked by the
    /// same traceback: the oracle its table must match.
    fn align_quadratic(a: &[u64], b: &[u64]) -> Option<Alignment> {
        let (a, b) = (&a[..a.len().min(ALIGN_MAX)], &b[..b.len().min(ALIGN_MAX)]);
        let (n, m) = (a.len(), b.len());
        let w = m + 1;
        let mut dp = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                dp[i * w + j] = if a[i] == b[j] {
                    dp[(i + 1) * w + j + 1] + 1
                } else {
                    dp[(i + 1) * w + j].max(dp[i * w + j + 1])
                };
            }
        }
        let len = dp[0] as usize;
        (len > 0)
            .then(|| traceback(a, b, len, |i, j| dp[i * w + j]))
            .flatten()
    }

    #[test]
    fn long_sentences_align_across_word_boundaries_of_the_bit_rows() {
        // 150 and 420 words: rows of three and seven 64-bit words, and a cut at ALIGN_MAX.
        let a: Vec<u64> = (0..150).map(|i| i % 7).collect();
        let b: Vec<u64> = (0..420).map(|i| (i * 3) % 11).collect();
        assert_eq!(align(&a, &b), align_quadratic(&a, &b));
        let same: Vec<u64> = (0..500).collect();
        let al = align(&same, &same).unwrap();
        assert_eq!(
            (al.len, al.a, al.b),
            (ALIGN_MAX, 0..ALIGN_MAX, 0..ALIGN_MAX)
        );
    }

    proptest! {
        #[test]
        fn the_bit_parallel_alignment_is_the_quadratic_one(
            a in proptest::collection::vec(0u64..8, 0..200), b in proptest::collection::vec(0u64..8, 0..200)
        ) {
            prop_assert_eq!(align(&a, &b), align_quadratic(&a, &b));
        }

        #[test]
        fn alignment_is_symmetric_in_length_and_bounded(
            a in proptest::collection::vec(0u64..6, 0..40), b in proptest::collection::vec(0u64..6, 0..40)
        ) {
            let x = align(&a, &b).map(|al| al.len).unwrap_or(0);
            let y = align(&b, &a).map(|al| al.len).unwrap_or(0);
            prop_assert_eq!(x, y);
            prop_assert!(x <= a.len().min(b.len()));
            prop_assert_eq!(align(&a, &a).map(|al| al.len).unwrap_or(0), a.len());
        }

        #[test]
        fn the_word_filter_never_undercounts_an_alignment(
            a in proptest::collection::vec(any::<u64>(), 0..60),
            b in proptest::collection::vec(any::<u64>(), 0..60),
            shared in proptest::collection::vec(any::<u64>(), 0..20)
        ) {
            // Interleave shared words into both so that alignments are long, not just chance hits.
            let a: Vec<u64> = a.into_iter().chain(shared.iter().copied()).collect();
            let b: Vec<u64> = shared.into_iter().chain(b).collect();
            let aligned = align(&a, &b).map(|al| al.len).unwrap_or(0);
            prop_assert!(WordFilter::of(&a).count_in(&b) >= aligned);
        }
    }
}
