//! The order-dependent stages of one stream of documents, wired together: exact and near duplicates and
//! shared passages (`marsad-dedup`), then event assignment ([`Clusterer`]). `marsad ingest`, the
//! evaluation, the benchmark, the tests and the examples all place documents this way; here is the one
//! place that says how a document's duplicates and passages become its clustering [`Context`].
//!
//! What it does not do: read, extract or store documents, or order them (callers feed them in time order,
//! undated last).

use std::borrow::Borrow;

use jiff::Timestamp;
use marsad_dedup::{Analysis, DuplicateFinder, PassageFinder};
use marsad_model::{Document, DocumentId};

use crate::signals::Scorer;
use crate::stream::{Assignment, Clusterer, Config, Context};

/// What the dedup stages found for a document: the earlier document it duplicates and the earlier ones it
/// shares a passage with.
#[derive(Debug, Clone, Default)]
pub struct Compared {
    pub duplicate_of: Option<DocumentId>,
    pub shared_with: Vec<DocumentId>,
}

impl Compared {
    /// Runs the duplicate and passage finders on a document (which remember it).
    pub fn of(
        duplicates: &mut DuplicateFinder,
        passages: &mut PassageFinder,
        doc: &Document,
        analysis: &Analysis,
    ) -> Compared {
        Compared {
            duplicate_of: duplicates.add(doc, analysis).of().cloned(),
            shared_with: passages.add(doc, analysis),
        }
    }

    /// The clustering context they give, with the document's publication time if known.
    pub fn context(&self, time: Option<Timestamp>) -> Context<'_> {
        Context {
            time,
            entities: &[],
            shared_with: &self.shared_with,
            duplicate_of: self.duplicate_of.as_ref(),
        }
    }
}

/// Documents handed from one stage's thread to the next at a time: one hand-over per document woke the
/// next thread thousands of times a second.
const BATCH: usize = 16;
/// Batches waiting between two stages, at most.
const QUEUED_BATCHES: usize = 16;

/// Duplicates → passages → events for one stream of documents.
#[derive(Debug, Default)]
pub struct Pipeline {
    pub duplicates: DuplicateFinder,
    pub passages: PassageFinder,
    pub clusterer: Clusterer,
}

impl Pipeline {
    pub fn new(scorer: Scorer) -> Pipeline {
        Pipeline {
            duplicates: DuplicateFinder::default(),
            passages: PassageFinder::default(),
            clusterer: Clusterer::new(Config::default(), scorer),
        }
    }

    /// Runs the dedup stages on a document, without placing it (for a caller that looks at its
    /// candidates first; then give the result's context to [`Clusterer::add`]).
    pub fn compare(&mut self, doc: &Document, analysis: &Analysis) -> Compared {
        Compared::of(&mut self.duplicates, &mut self.passages, doc, analysis)
    }

    /// Places one analysed document.
    pub fn place(
        &mut self,
        doc: &Document,
        analysis: &Analysis,
        time: Option<Timestamp>,
    ) -> Assignment {
        let compared = self.compare(doc, analysis);
        self.clusterer.add(doc, analysis, &compared.context(time))
    }

    /// Places documents in the order given, calling `each` with every placement. Three stages, each on its
    /// own thread with a bounded queue to the next: building and analysing a document (needs nothing from
    /// the others), duplicates and shared passages (in order), event assignment (in order, on this
    /// thread), documents handed over in batches. Each stage sees the documents in the same order, so the
    /// result is the same as placing them one by one. Documents may be owned or borrowed.
    pub fn place_all<I, D>(&mut self, documents: I, mut each: impl FnMut(&Document, &Assignment))
    where
        I: IntoIterator<Item = (D, Option<Timestamp>)>,
        I::IntoIter: Send,
        D: Borrow<Document> + Send,
    {
        let documents = documents.into_iter();
        let Pipeline {
            duplicates,
            passages,
            clusterer,
        } = self;
        std::thread::scope(|scope| {
            let (send_analysed, analysed) = std::sync::mpsc::sync_channel::<Vec<_>>(QUEUED_BATCHES);
            let (send_compared, compared) = std::sync::mpsc::sync_channel::<Vec<_>>(QUEUED_BATCHES);
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                for (doc, time) in documents {
                    let analysis = Analysis::of(doc.borrow());
                    batch.push((doc, analysis, time));
                    if batch.len() == BATCH
                        && send_analysed
                            .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                            .is_err()
                    {
                        return;
                    }
                }
                if !batch.is_empty() {
                    let _ = send_analysed.send(batch);
                }
            });
            scope.spawn(move || {
                for batch in analysed {
                    let batch: Vec<_> = batch
                        .into_iter()
                        .map(|(doc, analysis, time)| {
                            let found = Compared::of(duplicates, passages, doc.borrow(), &analysis);
                            (doc, analysis, time, found)
                        })
                        .collect();
                    if send_compared.send(batch).is_err() {
                        break;
                    }
                }
            });
            for (doc, analysis, time, found) in compared.into_iter().flatten() {
                let doc = doc.borrow();
                let placed = clusterer.add(doc, &analysis, &found.context(time));
                each(doc, &placed);
            }
        });
    }
}
