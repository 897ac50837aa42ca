//! Near-duplicate documents and passages shared between outlets.
//!
//! Two jobs, both streaming (documents are added one at a time, in arrival order) and both pure functions of
//! the documents seen, with no storage:
//!
//! | module | job |
//! |---|---|
//! | [`analyze`] | one pass over a document: stem hashes, stop words, sentences, agency credits marked off |
//! | [`minhash`] | MinHash signatures of word shingles (stable xxh3 hashing) and an LSH banding index |
//! | [`duplicates`] | exact and near-duplicate documents, each linked to the earliest it copies |
//! | [`passages`] | sentences and paragraphs two or more documents share, tolerant of small edits and credits |
//! | [`probing`] | what the hand-written hash tables share: growth, and a prefetch hint |
//!
//! ```
//! use marsad_dedup::{Analysis, Duplicate, DuplicateFinder, PassageFinder};
//! use marsad_model::Document;
//! let wire = "وقالت وكالة النسيم إن السلطات أغلقت الطريق الساحلي بين المدينتين أمام الشاحنات الثقيلة بسبب الانهيارات الصخرية.";
//! let copy = "أغلقت السلطات الطريق الساحلي بين المدينتين أمام الشاحنات الثقيلة بسبب الانهيارات الصخرية.";
//! let a = Document::new("a.txt", vec!["مقدمة الخبر الأول.".into(), wire.into()]);
//! let b = Document::new("b.txt", vec![copy.into(), "خاتمة مختلفة تماما.".into()]);
//! let (mut dups, mut passages) = (DuplicateFinder::default(), PassageFinder::default());
//! for doc in [&a, &b] {
//!     let analysis = Analysis::of(doc);
//!     assert_eq!(dups.add(doc, &analysis), Duplicate::Original);
//!     passages.add(doc, &analysis);
//! }
//! let shared = passages.shared_passages();
//! assert_eq!(shared[0].documents, vec![a.id.clone(), b.id.clone()]);
//! assert!(shared[0].text.starts_with("السلطات أغلقت"));
//! ```
//!
//! What this crate does not do: cluster documents into events (`marsad-cluster` uses the passages found
//! here as one of its signals), or keep anything on disk.

pub mod analyze;
pub mod duplicates;
mod first_postings;
pub mod minhash;
pub mod passages;
pub mod probing;

pub use analyze::Analysis;
pub use duplicates::{Duplicate, DuplicateFinder};
pub use minhash::{LshIndex, Signature};
pub use passages::{PassageConfig, PassageFinder};
