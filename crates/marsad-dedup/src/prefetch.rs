//! A hint to the processor to start loading a cache line before it is read.
//!
//! The indexes of this crate that outgrow the caches (the passage finder's shingle postings, the LSH band
//! table) know the slots a document will probe before probing the first: asking for them ahead lets the
//! misses overlap instead of coming one after the other. A hint only: it changes nothing the program can
//! see, and is nothing on architectures without a stable prefetch instruction.

/// Asks for the cache line holding `value` to be loaded.
#[inline]
pub(crate) fn prefetch<T>(value: &T) {
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
