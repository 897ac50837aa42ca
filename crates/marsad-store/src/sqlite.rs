//! The SQLite implementation of [`Store`]: one file `marsad.sqlite` in the data dir, WAL journal.
//!
//! WAL with `synchronous = NORMAL`: a killed process (SIGKILL, panic) never loses a committed transaction;
//! a power cut may lose the last few, never corrupt the file. Readers see the last commit while a writer
//! writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use marsad_model::{Document, DocumentId, Record};
use rusqlite::{Connection, OptionalExtension, params};

use crate::lock::DataDirLock;
use crate::schema::{self, Migration};
use crate::{
    Batch, BatchSummary, FeedHealth, Kind, Stats, Store, StoreError, cited_documents, feed_of,
};

/// The database file's name inside the data dir.
pub const DB_FILE: &str = "marsad.sqlite";

/// A store in a data dir. Opened for writing it holds the dir's lock ([`DataDirLock`]) until dropped.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    _lock: Option<DataDirLock>,
}

fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl SqliteStore {
    /// Opens (creating if needed) the store in `dir` for writing: takes the dir's lock, migrates the schema
    /// to the current version.
    pub fn open(dir: &Path) -> Result<SqliteStore, StoreError> {
        Self::open_with_migrations(dir, schema::MIGRATIONS)
    }

    /// Like [`SqliteStore::open`] with a given migration list; for tests that simulate an older marsad.
    #[doc(hidden)]
    pub fn open_with_migrations(
        dir: &Path,
        migrations: &[Migration],
    ) -> Result<SqliteStore, StoreError> {
        let lock = DataDirLock::acquire(dir)?;
        let mut store = Self::connect(dir)?;
        store.migrate(migrations)?;
        store._lock = Some(lock);
        Ok(store)
    }

    /// Opens the store in `dir` for reading, without the writer's lock (readers run beside a writer).
    /// A store written by an older marsad is migrated first when no writer holds the dir.
    pub fn open_read(dir: &Path) -> Result<SqliteStore, StoreError> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::Missing {
                path: dir.to_path_buf(),
            });
        }
        let store = Self::connect(dir)?;
        let version = store.version()?;
        if version > schema::CURRENT {
            return Err(StoreError::TooNew {
                path,
                found: version,
                known: schema::CURRENT,
            });
        }
        if version < schema::CURRENT {
            drop(store);
            // Upgrading needs the writer's lock; a busy dir gives the in-use error.
            let writer = Self::open(dir)?;
            drop(writer);
            return Self::connect(dir);
        }
        Ok(store)
    }

    fn connect(dir: &Path) -> Result<SqliteStore, StoreError> {
        let path = dir.join(DB_FILE);
        let conn = Connection::open(&path).map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        let store = SqliteStore {
            conn,
            path,
            _lock: None,
        };
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;",
            )
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn corrupt(&self, what: String, reason: impl ToString) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            what,
            reason: reason.to_string(),
        }
    }

    /// The schema version of the open file.
    pub fn version(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Starts a read transaction: every read from here on sees one snapshot (SQLite WAL), even while a
    /// writer commits. For readers that must be self-consistent, like an export's meta count.
    pub fn begin_snapshot(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| self.err(e))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self, migrations: &[Migration]) -> Result<(), StoreError> {
        let version = self.version()?;
        let known = migrations.last().map_or(0, |m| m.version);
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
                known,
            });
        }
        for migration in migrations.iter().filter(|m| m.version > version) {
            let path = self.path.clone();
            let err = |source| StoreError::Sqlite {
                path: path.clone(),
                source,
            };
            let tx = self.conn.transaction().map_err(err)?;
            tx.execute_batch(migration.sql).map_err(err)?;
            if let Some(then) = migration.then {
                then(&tx).map_err(err)?;
            }
            tx.pragma_update(None, "user_version", migration.version)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(())
    }

    fn parse_document(&self, seq: u64, json: &str) -> Result<Document, StoreError> {
        match serde_json::from_str::<Record>(json) {
            Ok(Record::Document(doc)) => Ok(doc),
            Ok(_) => Err(self.corrupt(format!("document {seq}"), "not a document record")),
            Err(e) => Err(self.corrupt(format!("document {seq}"), e)),
        }
    }
}

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &Batch) -> Result<BatchSummary, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let at = now();
        let mut summary = BatchSummary::default();
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut insert_doc = tx
                .prepare_cached(
                    "INSERT INTO documents (id, outlet, published, feed, added_at, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO NOTHING",
                )
                .map_err(err)?;
            let mut insert_source = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO sources (document_id, source, url, added_at) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for (i, doc) in batch.documents.iter().enumerate() {
                let json = serde_json::to_string(&Record::Document(doc.clone())).map_err(|e| {
                    StoreError::Corrupt {
                        path: path.clone(),
                        what: format!("document {} from {}", doc.id, doc.source),
                        reason: e.to_string(),
                    }
                })?;
                let published = doc.published.map(|d| d.to_string());
                let feed = feed_of(&doc.source, doc.outlet.as_deref());
                let inserted = insert_doc
                    .execute(params![doc.id.0, doc.outlet, published, feed, at, json])
                    .map_err(err)?;
                if inserted == 1 {
                    summary.added.push((i, tx.last_insert_rowid() as u64));
                } else {
                    summary.already_known += 1;
                }
                insert_source
                    .execute(params![doc.id.0, doc.source, doc.url, at])
                    .map_err(err)?;
            }
            for failure in &batch.failures {
                let mut insert_failure = tx
                    .prepare_cached(
                        "INSERT INTO failures (source, reason, at, feed) VALUES (?1, ?2, ?3, ?4)",
                    )
                    .map_err(err)?;
                insert_failure
                    .execute(params![
                        failure.source,
                        failure.reason,
                        at,
                        feed_of(&failure.source, None)
                    ])
                    .map_err(err)?;
            }
            let mut insert_link = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO links (url, file, title, published, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(err)?;
            for link in &batch.links {
                let published = link.published.map(|d| d.to_string());
                summary.links_new += insert_link
                    .execute(params![link.url, link.file, link.title, published, at])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(summary)
    }

    fn document_count(&self) -> Result<u64, StoreError> {
        self.count(Kind::Document)
    }

    fn last_seq(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(seq), 0) FROM documents", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    fn document(&self, id: &DocumentId) -> Result<Option<Document>, StoreError> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT seq, record FROM documents WHERE id = ?1",
                [&id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        row.map(|(seq, json)| self.parse_document(seq as u64, &json))
            .transpose()
    }

    fn for_each_document(
        &self,
        after: u64,
        visit: &mut dyn FnMut(u64, Document) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, record FROM documents WHERE seq > ?1 ORDER BY seq")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([after as i64]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let seq: i64 = row.get(0).map_err(|e| self.err(e))?;
            let json: String = row.get(1).map_err(|e| self.err(e))?;
            visit(seq as u64, self.parse_document(seq as u64, &json)?)?;
        }
        Ok(())
    }

    fn for_each_json(
        &self,
        kind: Kind,
        visit: &mut dyn FnMut(&str) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (sql, param) = match kind {
            Kind::Document => ("SELECT record FROM documents ORDER BY seq", None),
            _ => (
                "SELECT record FROM derived WHERE kind = ?1 ORDER BY seq",
                Some(kind.as_str()),
            ),
        };
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let mut rows = match param {
            Some(p) => stmt.query([p]),
            None => stmt.query([]),
        }
        .map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            // Borrow the text in place: no copy per row.
            let json = row
                .get_ref(0)
                .and_then(|v| v.as_str().map_err(Into::into))
                .map_err(|e| self.err(e))?;
            visit(json)?;
        }
        Ok(())
    }

    fn count(&self, kind: Kind) -> Result<u64, StoreError> {
        let n: i64 = match kind {
            Kind::Document => self
                .conn
                .query_row("SELECT count(*) FROM documents", [], |r| r.get(0)),
            _ => self.conn.query_row(
                "SELECT count(*) FROM derived WHERE kind = ?1",
                [kind.as_str()],
                |r| r.get(0),
            ),
        }
        .map_err(|e| self.err(e))?;
        Ok(n as u64)
    }

    fn replace_derived<I: IntoIterator<Item = Record>>(
        &mut self,
        kind: Kind,
        records: I,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        if kind == Kind::Document {
            return Err(StoreError::WrongKind {
                kind: kind.as_str(),
                index: 0,
                found: "document (documents are put with put_batch)",
            });
        }
        let tx = self.conn.transaction().map_err(err)?;
        let mut n = 0;
        {
            tx.execute("DELETE FROM derived WHERE kind = ?1", [kind.as_str()])
                .map_err(err)?;
            let mut known = tx
                .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
                .map_err(err)?;
            let mut insert = tx
                .prepare_cached("INSERT INTO derived (kind, seq, record) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            for (index, record) in records.into_iter().enumerate() {
                let found = Kind::of(&record).map_or("meta", Kind::as_str);
                if Kind::of(&record) != Some(kind) {
                    return Err(StoreError::WrongKind {
                        kind: kind.as_str(),
                        index,
                        found,
                    });
                }
                for document in cited_documents(&record) {
                    if !known.exists([&document.0]).map_err(err)? {
                        return Err(StoreError::UnknownDocument {
                            kind: kind.as_str(),
                            index,
                            document: document.clone(),
                        });
                    }
                }
                let json = serde_json::to_string(&record).map_err(|e| StoreError::Corrupt {
                    path: path.clone(),
                    what: format!("{} {index}", kind.as_str()),
                    reason: e.to_string(),
                })?;
                insert
                    .execute(params![kind.as_str(), index as i64, json])
                    .map_err(err)?;
                n += 1;
            }
            tx.execute(
                "INSERT OR REPLACE INTO derived_sets (kind, through_seq, records, at)
                 VALUES (?1, (SELECT coalesce(max(seq), 0) FROM documents), ?2, ?3)",
                params![kind.as_str(), n as i64, now()],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(n)
    }

    fn for_each_derived(
        &self,
        kind: Kind,
        visit: &mut dyn FnMut(Record) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut index = 0usize;
        self.for_each_json(kind, &mut |json| {
            let record = serde_json::from_str(json)
                .map_err(|e| self.corrupt(format!("{} {index}", kind.as_str()), e))?;
            index += 1;
            visit(record)
        })
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let e = |source| self.err(source);
        let single = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(e)
        };
        let pairs = |sql: &str| -> Result<Vec<(String, u64)>, StoreError> {
            let mut stmt = self.conn.prepare(sql).map_err(e)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
                })
                .map_err(e)?;
            rows.collect::<Result<_, _>>().map_err(e)
        };
        let documents = single("SELECT count(*) FROM documents")?;
        let sources = single("SELECT count(*) FROM sources")?;
        let mut stats = Stats {
            schema_version: self.version()?,
            documents,
            duplicates: sources.saturating_sub(documents),
            failures: single("SELECT count(*) FROM failures")?,
            links: single("SELECT count(*) FROM links")?,
            per_outlet: pairs(
                "SELECT coalesce(outlet, '(unknown)'), count(*) AS n FROM documents
                 GROUP BY 1 ORDER BY n DESC, 1",
            )?,
            per_day: pairs(
                "SELECT coalesce(published, '(undated)'), count(*) FROM documents GROUP BY 1 ORDER BY 1",
            )?,
            ..Stats::default()
        };

        let mut feeds: BTreeMap<String, FeedHealth> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT feed, count(*), max(published), max(added_at), count(DISTINCT published)
                 FROM documents GROUP BY feed",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .map_err(e)?;
        for row in rows {
            let (feed, n, last_published, last_added, days) = row.map_err(e)?;
            let last_seen = last_added
                .and_then(|s| jiff::Timestamp::from_second(s).ok())
                .map(|t| t.to_string());
            feeds.insert(
                feed.clone(),
                FeedHealth {
                    feed,
                    documents: n as u64,
                    last_published,
                    last_seen,
                    per_day: if days > 0 {
                        n as f64 / days as f64
                    } else {
                        0.0
                    },
                    last_error: None,
                },
            );
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.feed, f.source, f.reason FROM failures f
                 JOIN (SELECT feed, max(seq) AS seq FROM failures GROUP BY feed) l ON f.seq = l.seq",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(e)?;
        for row in rows {
            let (feed, source, reason) = row.map_err(e)?;
            let feed = feed.unwrap_or_else(|| ".".into());
            feeds
                .entry(feed.clone())
                .or_insert_with(|| FeedHealth {
                    feed,
                    ..FeedHealth::default()
                })
                .last_error = Some((source, reason));
        }
        stats.feeds = feeds.into_values().collect();

        let last_seq = self.last_seq()?;
        let mut stmt = self
            .conn
            .prepare("SELECT kind, records, through_seq FROM derived_sets")
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(e)?;
        for row in rows {
            let (kind, records, through) = row.map_err(e)?;
            if let Some(kind) = Kind::DERIVED.into_iter().find(|k| k.as_str() == kind) {
                stats
                    .derived
                    .push((kind, records as u64, (through as u64) < last_seq));
            }
        }
        stats.derived.sort();
        Ok(stats)
    }
}
