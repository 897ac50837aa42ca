//! The SQLite schema and its migrations.
//!
//! The schema version is SQLite's `user_version`. On open, every migration above the file's version runs,
//! each in its own transaction together with the version bump, so a data dir written by an older marsad
//! opens in a newer one and a crash mid-migration leaves the old version intact. A file whose version is
//! above [`CURRENT`] was written by a newer marsad and is refused rather than misread.
//!
//! Migrations are append-only: never edit one that has shipped; add the next.

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this migration brings the file to.
    pub version: u32,
    pub sql: &'static str,
    /// A step SQL cannot express, run after `sql` in the same transaction.
    pub then: Option<fn(&rusqlite::Transaction) -> rusqlite::Result<()>>,
}

/// Every migration, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: "
        -- seq is arrival order: the search index remembers the last seq it holds and catches up from there.
        CREATE TABLE documents (
            seq       INTEGER PRIMARY KEY,
            id        TEXT NOT NULL UNIQUE,
            outlet    TEXT,
            published TEXT,
            feed      TEXT NOT NULL,
            added_at  INTEGER NOT NULL,
            record    TEXT NOT NULL          -- the export line (Record::Document as JSON)
        );
        -- every place a document was met: the same article from two files or formats is stored once.
        CREATE TABLE sources (
            document_id TEXT NOT NULL,
            source      TEXT NOT NULL,
            url         TEXT,
            added_at    INTEGER NOT NULL,
            PRIMARY KEY (document_id, source)
        ) WITHOUT ROWID;
        CREATE TABLE failures (
            seq    INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            reason TEXT NOT NULL,
            at     INTEGER NOT NULL
        );
        CREATE TABLE links (
            url       TEXT PRIMARY KEY,
            file      TEXT NOT NULL,
            title     TEXT,
            published TEXT,
            at        INTEGER NOT NULL
        );
        CREATE TABLE derived (
            kind   TEXT NOT NULL,
            seq    INTEGER NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (kind, seq)
        ) WITHOUT ROWID;
        ",
        then: None,
    },
    Migration {
        version: 2,
        sql: "
        -- feed health: failures know their feed, and derived sets know which documents they were computed from.
        ALTER TABLE failures ADD COLUMN feed TEXT;
        CREATE INDEX failures_by_feed ON failures (feed, seq);
        CREATE INDEX documents_by_feed ON documents (feed, added_at);
        CREATE TABLE derived_sets (
            kind        TEXT PRIMARY KEY,
            through_seq INTEGER NOT NULL,
            records     INTEGER NOT NULL,
            at          INTEGER NOT NULL
        );
        INSERT INTO derived_sets (kind, through_seq, records, at)
            SELECT kind, 0, count(*), 0 FROM derived GROUP BY kind;
        ",
        then: Some(failure_feeds),
    },
];

/// The schema version this marsad writes.
pub const CURRENT: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Version 2: the feed of each failure recorded by version 1, as [`crate::feed_of`] names it today.
fn failure_feeds(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT seq, source FROM failures WHERE feed IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE failures SET feed = ?1 WHERE seq = ?2")?;
    for (seq, source) in rows {
        update.execute(rusqlite::params![crate::feed_of(&source, None), seq])?;
    }
    Ok(())
}
