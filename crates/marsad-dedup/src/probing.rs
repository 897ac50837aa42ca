//! What the pipeline's hand-written hash tables (the LSH band table in [`crate::minhash`], the passage
//! finder's first postings, the clusterer's document frequencies in `marsad-cluster`) share: open
//! addressing with linear probing, growth at three quarters full, and a prefetch hint.
//!
//! Why these tables are hand-written: they outgrow the caches on a corpus of any size, and a document
//! knows which slots it will probe before probing the first. Asking for those slots ahead lets the cache
//! misses overlap instead of coming one after the other; no general map says where a key's slot is.

/// Asks the processor to start loading the cache line holding `value`. A hint only: it changes nothing the
/// program can see, and is nothing on architectures without a stable prefetch instruction.
#[inline]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch cannot fault and changes nothing the program can see; the pointer comes from a
    // reference.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Grows a table of `len` keys, if needed, so that `more` new ones keep it at most three quarters full
/// (probe runs stay short): to the next power of two that does, every slot put again from its home
/// (`home_bits`, before masking). The table's size is a power of two.
pub fn reserve<S: Copy>(
    slots: &mut Vec<S>,
    len: usize,
    more: usize,
    empty: S,
    is_empty: impl Fn(&S) -> bool,
    home_bits: impl Fn(&S) -> usize,
) {
    if (len + more) * 4 <= slots.len() * 3 {
        return;
    }
    let mut size = slots.len().max(1) * 2;
    while (len + more) * 4 > size * 3 {
        size *= 2;
    }
    let old = std::mem::replace(slots, vec![empty; size]);
    let mask = size - 1;
    for slot in old.into_iter().filter(|s| !is_empty(s)) {
        let mut i = home_bits(&slot) & mask;
        while !is_empty(&slots[i]) {
            i = (i + 1) & mask;
        }
        slots[i] = slot;
    }
}
