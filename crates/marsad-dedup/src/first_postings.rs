//! The passage finder's table from a shingle's hash to its first posting in the window: the table every
//! shingle of every document is looked up in, and inserted into.
//!
//! Open-addressed and probed linearly, one 16-byte slot per shingle holding the key, the posting and
//! whether the shingle has later postings (kept apart, in the finder's list per shingle). A look-up reads
//! one cache line, where a general hash map reads a control byte and a bucket in two places; its address
//! is known from the key alone, so the finder asks for the slots of the shingles a dozen ahead while it
//! looks up the current one, and the misses overlap; and a shingle seen once before (most of those found)
//! needs no look-up in the list table at all.
//!
//! Why hand-written: no general map says where a key's slot is before it is probed.
//!
//! What it does not do: keep the later postings, or decide which postings are in the window (the finder
//! does both, and drops stale slots through [`FirstPostings::retain`]).

use crate::probing::{self, prefetch};

/// A slot: `doc == EMPTY` when empty. The top bit of `unit` says whether the shingle has later postings.
#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u64,
    doc: u32,
    unit: u32,
}

const EMPTY: u32 = u32::MAX;
const HAS_MORE: u32 = 1 << 31;
const EMPTY_SLOT: Slot = Slot {
    key: 0,
    doc: EMPTY,
    unit: 0,
};
/// The fewest slots a table has.
const MIN_SLOTS: usize = 1 << 8;

/// Shingle hash → its first (document, sentence) posting in the window, and whether it has later ones.
/// Document numbers are below `u32::MAX` and sentence numbers below 2^31.
#[derive(Debug, Clone)]
pub(crate) struct FirstPostings {
    slots: Vec<Slot>,
    len: usize,
}

impl Default for FirstPostings {
    fn default() -> Self {
        FirstPostings {
            slots: vec![EMPTY_SLOT; MIN_SLOTS],
            len: 0,
        }
    }
}

/// Where a key is: the slot to read and change its first posting through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At(usize);

impl FirstPostings {
    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }

    /// Every key with its first posting and whether it has later ones, in no order.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> Vec<(u64, (u32, u32), bool)> {
        self.slots
            .iter()
            .filter(|s| s.doc != EMPTY)
            .map(|s| (s.key, (s.doc, s.unit & !HAS_MORE), s.unit & HAS_MORE != 0))
            .collect()
    }

    fn home(&self, key: u64) -> usize {
        // Keys are xxh3 hashes: their low bits are spread evenly.
        key as usize & (self.slots.len() - 1)
    }

    /// Asks the processor to start loading the slot where a look-up of `key` begins.
    pub(crate) fn prefetch(&self, key: u64) {
        prefetch(&self.slots[self.home(key)]);
    }

    /// Where `key` is; or, when it is not in the table, puts it there with `posting` as its first (and no
    /// later ones) and returns `None`. Room must have been reserved ([`FirstPostings::reserve`]).
    pub(crate) fn find_or_insert(&mut self, key: u64, (doc, unit): (u32, u32)) -> Option<At> {
        debug_assert!(doc != EMPTY && unit & HAS_MORE == 0);
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = self.slots[i];
            if slot.doc == EMPTY {
                self.slots[i] = Slot { key, doc, unit };
                self.len += 1;
                return None;
            }
            if slot.key == key {
                return Some(At(i));
            }
            i = (i + 1) & mask;
        }
    }

    pub(crate) fn first(&self, at: At) -> (u32, u32) {
        let slot = &self.slots[at.0];
        (slot.doc, slot.unit & !HAS_MORE)
    }

    pub(crate) fn set_first(&mut self, at: At, (doc, unit): (u32, u32)) {
        let slot = &mut self.slots[at.0];
        slot.doc = doc;
        slot.unit = unit | slot.unit & HAS_MORE;
    }

    pub(crate) fn has_more(&self, at: At) -> bool {
        self.slots[at.0].unit & HAS_MORE != 0
    }

    pub(crate) fn set_has_more(&mut self, at: At, more: bool) {
        let slot = &mut self.slots[at.0];
        slot.unit = slot.unit & !HAS_MORE | if more { HAS_MORE } else { 0 };
    }

    /// Grows the table, if needed, so that `more` new keys keep it at most three quarters full.
    pub(crate) fn reserve(&mut self, more: usize) {
        probing::reserve(
            &mut self.slots,
            self.len,
            more,
            EMPTY_SLOT,
            |s| s.doc == EMPTY,
            |s| s.key as usize,
        );
    }

    /// Keeps the keys for which `keep(key, first posting, has later postings)` says so, after it has
    /// changed the posting and the flag as it likes. One sweep: each slot kept moves back to the first
    /// empty slot from its home on, near where it was read.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(u64, &mut (u32, u32), &mut bool) -> bool) {
        let mask = self.slots.len() - 1;
        // Start after an empty slot (there is one: the table is at most three quarters full), so that no
        // probe run wraps past where the sweep begins.
        let Some(start) = self.slots.iter().position(|s| s.doc == EMPTY) else {
            return;
        };
        for k in 1..=self.slots.len() {
            let p = (start + k) & mask;
            let slot = self.slots[p];
            if slot.doc == EMPTY {
                continue;
            }
            let mut first = (slot.doc, slot.unit & !HAS_MORE);
            let mut more = slot.unit & HAS_MORE != 0;
            if !keep(slot.key, &mut first, &mut more) {
                self.slots[p] = EMPTY_SLOT;
                self.len -= 1;
                continue;
            }
            let kept = Slot {
                key: slot.key,
                doc: first.0,
                unit: first.1 | if more { HAS_MORE } else { 0 },
            };
            // Every slot from the home up to `p` was swept already: the first empty one is where a probe
            // for this key now first stops (or `p` itself, where it stays).
            let mut q = self.home(slot.key);
            while q != p && self.slots[q].doc != EMPTY {
                q = (q + 1) & mask;
            }
            self.slots[q] = kept;
            if q != p {
                self.slots[p] = EMPTY_SLOT;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn the_table_answers_as_a_map_would(
            steps in proptest::collection::vec((0u64..3000, 0u32..1000, 0u8..8), 0..2000),
        ) {
            let mut table = FirstPostings::default();
            let mut model: HashMap<u64, ((u32, u32), bool)> = HashMap::new();
            for (k, n, op) in steps {
                // Keys that share their home slot, and enough of them to grow the table.
                let key = if k % 2 == 0 { (k % 40) << 16 } else { k.wrapping_mul(0x9E37_79B9_7F4A_7C15) };
                match op {
                    0 => {
                        // Drop the keys whose first posting is below n, keep the rest with their flag flipped.
                        table.retain(|_, first, more| {
                            *more = !*more;
                            first.0 >= n
                        });
                        model.retain(|_, (first, _)| first.0 >= n);
                        for (_, more) in model.values_mut() {
                            *more = !*more;
                        }
                    }
                    _ => {
                        table.reserve(1);
                        match table.find_or_insert(key, (n, k as u32)) {
                            None => {
                                prop_assert!(!model.contains_key(&key));
                                model.insert(key, ((n, k as u32), false));
                            }
                            Some(at) => {
                                let (first, more) = model[&key];
                                prop_assert_eq!(table.first(at), first);
                                prop_assert_eq!(table.has_more(at), more);
                                if op == 1 {
                                    table.set_first(at, (n, 7));
                                    table.set_has_more(at, !more);
                                    model.insert(key, ((n, 7), !more));
                                }
                            }
                        }
                    }
                }
                prop_assert_eq!(table.len(), model.len());
            }
            for (&key, &(first, more)) in &model {
                let at = table.find_or_insert(key, (0, 0));
                prop_assert!(at.is_some());
                let at = at.unwrap();
                prop_assert_eq!(table.first(at), first);
                prop_assert_eq!(table.has_more(at), more);
            }
        }
    }
}
