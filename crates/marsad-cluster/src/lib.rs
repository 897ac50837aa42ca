//! Streaming event clustering and story arcs.
//!
//! Documents arrive in time order (and sometimes late); each joins an existing event or opens a new one,
//! without reclustering history, and ids stay stable. An event is one real-world happening reported by
//! several outlets; a story arc links related events over time (a request in July and the signing it led to
//! in August).
//!
//! | module | job |
//! |---|---|
//! | [`vector`] | TF-IDF vectors over stem hashes, title and lead weighted up, rare terms favoured (IDF with a small prior, so a data dir of a few pages on one story still weighs what they share) |
//! | [`signals`] | the evidence (cosines, title, time, shared passages, entities, outlet) and the logistic scorer |
//! | [`stream`] | the [`Clusterer`]: candidate retrieval through an inverted index, assignment (undated documents take the time of the event they resemble most), story arcs (re-linked while an event is alone in its arc) |
//! | [`pipeline`] | duplicates → shared passages → events for one ordered stream: how the dedup stages' findings become the clusterer's [`Context`] |
//! | [`evaluate`] | BCubed and pairwise precision/recall/F1 against gold labels |
//!
//! ```
//! use marsad_cluster::{Clusterer, Context};
//! use marsad_dedup::Analysis;
//! use marsad_model::Document;
//! let mut a = Document::new("a", vec!["اندلع حريق كبير في مصنع للورق بالمنطقة الصناعية وأصيب عشرة عمال.".into()]);
//! a.title = Some("حريق في مصنع للورق بالمنطقة الصناعية".into());
//! let mut b = Document::new("b", vec!["أصيب عشرة عمال في حريق اندلع في مصنع للورق بالمنطقة الصناعية صباح اليوم.".into()]);
//! b.title = Some("إصابة عشرة عمال في حريق مصنع للورق".into());
//! let mut clusterer = Clusterer::default();
//! let first = clusterer.add(&a, &Analysis::of(&a), &Context::default());
//! let second = clusterer.add(&b, &Analysis::of(&b), &Context::default());
//! assert_eq!(first.event, second.event);
//! assert_eq!(clusterer.events()[0].documents.len(), 2);
//! ```
//!
//! What it does not do: read or store documents, find entities (it takes their keys through
//! [`Context::entities`]), or find shared passages (`marsad-dedup` does; they come in through
//! [`Context::shared_with`]).

pub mod evaluate;
pub mod pipeline;
pub mod signals;
pub mod stream;
pub mod vector;

pub use pipeline::{Compared, Pipeline};
pub use signals::{Scorer, Signal, fit_logistic};
pub use stream::{Assignment, Candidate, Clusterer, Config, Context, Prepared};
