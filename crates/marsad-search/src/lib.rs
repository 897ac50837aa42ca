//! marsad's full-text search: a tantivy index of the stored documents, in `DIR/index`.
//!
//! Fields: `title` and `body` twice, stemmed ([`analyzer::STEMMED`]) and exact ([`analyzer::EXACT`], so
//! an exact name scores above words that only share its stem); `outlet` (normalised, for filtering),
//! `date` (`YYYYMMDD`, for ranges), `entities` (entity ids), `id`. Orthographic variants (أ/ا, ة/ه,
//! ى/ي, diacritics, tatweel) always match because both index and query go through the same normalisation.
//! Spelling variants of a name ("الشيباني" / "الشعيباني") are the entity stage's job: a query can name
//! documents to include ([`Query::documents`]), which the CLI fills from the stored entities.
//!
//! The index is derived from the store and can always be rebuilt from it. Each commit records the last
//! store sequence number it holds (tantivy's commit payload), and [`SearchIndex::catch_up`] indexes
//! whatever the store has beyond that: ingest commits to the store first and to the index second, so a
//! crash between the two is repaired on the next open.
//!
//! Bodies are not stored in the index (the store has them): snippets are made from a body the caller
//! passes in, which keeps the index small.
//!
//! Not done here: query syntax (quotes, boolean operators), fuzzy matching, deleting documents.

pub mod analyzer;

use std::ops::Bound;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use marsad_model::{Document, DocumentId, EntityId};
use marsad_store::{Store, StoreError};
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::stopwords::is_stop_word;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query as TQuery, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};
use thiserror::Error;

/// Why an index operation failed.
#[derive(Debug, Error)]
pub enum SearchError {
    #[error("search index {path}: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error("search index {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    title_exact: Field,
    body: Field,
    body_exact: Field,
    outlet: Field,
    outlet_name: Field,
    date: Field,
    entities: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Frequencies but no positions: ranking needs them, and no phrase queries are offered yet.
    let text = |analyzer: &str, stored: bool| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(analyzer::STEMMED, true)),
        title_exact: b.add_text_field("title_exact", text(analyzer::EXACT, false)),
        body: b.add_text_field("body", text(analyzer::STEMMED, false)),
        body_exact: b.add_text_field("body_exact", text(analyzer::EXACT, false)),
        outlet: b.add_text_field("outlet", STRING),
        outlet_name: b.add_text_field("outlet_name", STORED),
        date: b.add_u64_field("date", INDEXED | FAST | STORED),
        entities: b.add_text_field("entities", STRING),
    };
    (b.build(), fields)
}

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Words to find (all of them, stop words aside); empty with [`Query::documents`] set lists those.
    pub text: String,
    pub outlet: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// Documents that match whatever the words say (e.g. those citing an entity the words name).
    pub documents: Vec<DocumentId>,
    /// Entity ids, matched against the `entities` field.
    pub entities: Vec<EntityId>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: DocumentId,
    pub score: f32,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<Date>,
}

/// A highlighted passage of a body: the text and the byte ranges in it that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlighted: Vec<std::ops::Range<usize>>,
}

/// The index in a data dir.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    fields: Fields,
    path: PathBuf,
    pending: u64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .finish()
    }
}

fn outlet_key(outlet: &str) -> String {
    normalize_str(outlet.trim(), Profile::Search)
}

fn date_key(date: Date) -> u64 {
    (date.year() as u64) * 10_000 + (date.month() as u64) * 100 + date.day() as u64
}

fn key_date(key: u64) -> Option<Date> {
    Date::new(
        (key / 10_000) as i16,
        ((key / 100) % 100) as i8,
        (key % 100) as i8,
    )
    .ok()
}

impl SearchIndex {
    /// The index folder inside a data dir.
    pub fn dir(data_dir: &Path) -> PathBuf {
        data_dir.join("index")
    }

    /// Opens (creating if needed) the index of `data_dir` for writing. The caller holds the data dir's
    /// lock (see `marsad_store::DataDirLock`).
    pub fn open(data_dir: &Path) -> Result<SearchIndex, SearchError> {
        Self::open_mode(data_dir, true)
    }

    /// Opens the index of `data_dir` for searching only.
    pub fn open_read(data_dir: &Path) -> Result<SearchIndex, SearchError> {
        Self::open_mode(data_dir, false)
    }

    fn open_mode(data_dir: &Path, write: bool) -> Result<SearchIndex, SearchError> {
        let path = Self::dir(data_dir);
        let t = |source| SearchError::Tantivy {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&path).map_err(|source| SearchError::Io {
            path: path.clone(),
            source,
        })?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(&path)
            .map_err(|e| t(tantivy::TantivyError::from(e)))?;
        let index = Index::open_or_create(directory, schema).map_err(t)?;
        analyzer::register(index.tokenizers());
        let writer = if write {
            // One indexing thread: marsad shares the machine with the rest of the pipeline.
            Some(index.writer_with_num_threads(1, 64_000_000).map_err(t)?)
        } else {
            None
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(t)?;
        Ok(SearchIndex {
            index,
            reader,
            writer,
            fields,
            path,
            pending: 0,
        })
    }

    fn t(&self, source: tantivy::TantivyError) -> SearchError {
        SearchError::Tantivy {
            path: self.path.clone(),
            source,
        }
    }

    /// The last store sequence number the committed index holds (0 for a new index).
    pub fn indexed_through(&self) -> Result<u64, SearchError> {
        let metas = self.index.load_metas().map_err(|e| self.t(e))?;
        Ok(metas
            .payload
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0))
    }

    /// Documents in the committed index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Adds one document (not visible until [`SearchIndex::commit`]).
    pub fn add(&mut self, document: &Document, entities: &[EntityId]) -> Result<(), SearchError> {
        let f = self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &document.id.0);
        if let Some(title) = &document.title {
            doc.add_text(f.title, title);
            doc.add_text(f.title_exact, title);
        }
        let body = document.body();
        doc.add_text(f.body, &body);
        doc.add_text(f.body_exact, &body);
        if let Some(outlet) = &document.outlet {
            doc.add_text(f.outlet, outlet_key(outlet));
            doc.add_text(f.outlet_name, outlet);
        }
        if let Some(date) = document.published {
            doc.add_u64(f.date, date_key(date));
        }
        for entity in entities {
            doc.add_text(f.entities, &entity.0);
        }
        let Some(writer) = &self.writer else {
            return Err(self.t(tantivy::TantivyError::InvalidArgument(
                "index opened read-only".into(),
            )));
        };
        writer.add_document(doc).map_err(|e| self.t(e))?;
        self.pending += 1;
        Ok(())
    }

    /// Documents added since the last commit.
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Commits what was added, recording that the index now holds every store document up to
    /// `through_seq`.
    pub fn commit(&mut self, through_seq: u64) -> Result<(), SearchError> {
        let path = self.path.clone();
        let t = |source| SearchError::Tantivy {
            path: path.clone(),
            source,
        };
        let Some(writer) = &mut self.writer else {
            return Err(t(tantivy::TantivyError::InvalidArgument(
                "index opened read-only".into(),
            )));
        };
        let mut prepared = writer.prepare_commit().map_err(t)?;
        prepared.set_payload(&through_seq.to_string());
        prepared.commit().map_err(t)?;
        self.pending = 0;
        self.reader.reload().map_err(t)?;
        Ok(())
    }

    /// Indexes every store document the index does not hold yet (after a crash between the store's
    /// commit and the index's, or for a data dir whose index was deleted). Returns how many.
    pub fn catch_up(&mut self, store: &impl Store) -> Result<u64, SearchError> {
        let from = self.indexed_through()?;
        let last = store.last_seq()?;
        if last <= from {
            return Ok(0);
        }
        let mut n = 0u64;
        let mut failed: Option<SearchError> = None;
        store
            .for_each_document(from, &mut |_, doc| {
                if let Err(e) = self.add(&doc, &[]) {
                    failed = Some(e);
                    return Err(StoreError::Sink(std::io::Error::other(
                        "index write failed",
                    )));
                }
                n += 1;
                Ok(())
            })
            .map_err(|e| failed.take().unwrap_or(SearchError::Store(e)))?;
        self.commit(last)?;
        Ok(n)
    }

    fn build_query(&self, query: &Query) -> Box<dyn TQuery> {
        let f = self.fields;
        let term_query = |field: Field, text: &str, boost: f32| -> Box<dyn TQuery> {
            let q = TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            );
            Box::new(BoostQuery::new(Box::new(q), boost))
        };
        let exact = analyzer::terms(&query.text, false);
        // Stop words narrow nothing; keep them only when the query is nothing else.
        let content: Vec<&String> = exact.iter().filter(|w| !is_stop_word(w)).collect();
        let words: Vec<&String> = if content.is_empty() {
            exact.iter().collect()
        } else {
            content
        };
        let mut word_clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for word in words {
            let stemmed = marsad_text::stem(word);
            let alternatives: Vec<(Occur, Box<dyn TQuery>)> = vec![
                (Occur::Should, term_query(f.title_exact, word, 3.0)),
                (Occur::Should, term_query(f.body_exact, word, 1.5)),
                (Occur::Should, term_query(f.title, stemmed, 2.0)),
                (Occur::Should, term_query(f.body, stemmed, 1.0)),
            ];
            word_clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        }
        let mut either: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        if !word_clauses.is_empty() {
            either.push((Occur::Should, Box::new(BooleanQuery::new(word_clauses))));
        }
        for id in &query.documents {
            either.push((Occur::Should, term_query(f.id, &id.0, 2.0)));
        }
        for entity in &query.entities {
            either.push((Occur::Should, term_query(f.entities, &entity.0, 2.0)));
        }
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(either)))];
        if let Some(outlet) = &query.outlet {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.outlet, &outlet_key(outlet)),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        if query.since.is_some() || query.until.is_some() {
            let bound = |d: Option<Date>| match d {
                Some(d) => Bound::Included(Term::from_field_u64(f.date, date_key(d))),
                None => Bound::Unbounded,
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(query.since), bound(query.until))),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The best `limit` documents for a query, best first.
    pub fn search(&self, query: &Query, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let searcher = self.reader.searcher();
        let q = self.build_query(query);
        let top = searcher
            .search(&*q, &TopDocs::with_limit(limit.max(1)).order_by_score())
            .map_err(|e| self.t(e))?;
        let f = self.fields;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.t(e))?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            hits.push(Hit {
                id: DocumentId(text(f.id).unwrap_or_default()),
                score,
                title: text(f.title),
                outlet: text(f.outlet_name),
                date: doc
                    .get_first(f.date)
                    .and_then(|v| v.as_u64())
                    .and_then(key_date),
            });
        }
        Ok(hits)
    }

    /// A highlighted passage of `body` for a query (about `max_chars` long).
    pub fn snippet(
        &self,
        query: &Query,
        body: &str,
        max_chars: usize,
    ) -> Result<Snippet, SearchError> {
        let searcher = self.reader.searcher();
        let q = self.build_query(query);
        let mut generator =
            SnippetGenerator::create(&searcher, &*q, self.fields.body).map_err(|e| self.t(e))?;
        generator.set_max_num_chars(max_chars);
        let snippet = generator.snippet(body);
        let mut text = snippet.fragment().to_string();
        let mut highlighted = snippet.highlighted().to_vec();
        if text.is_empty() {
            // No word of the query in the body (a title or entity match): show the opening.
            text = body.chars().take(max_chars).collect();
            highlighted.clear();
        }
        Ok(Snippet { text, highlighted })
    }
}
