//! The SQLite store over small invented documents: idempotency, sources, derived sets, migrations, stats.

use marsad_model::{Document, DocumentId, Entity, EntityType, Event, Record, Variant};
use marsad_store::schema::{CURRENT, MIGRATIONS};
use marsad_store::{Batch, Failure, Kind, LinkRecord, SqliteStore, Store, StoreError};

fn doc(source: &str, outlet: &str, day: i8, body: &str) -> Document {
    let mut d = Document::new(
        source,
        vec![body.to_string(), "فقرة ثانية عن الموضوع.".into()],
    );
    d.outlet = Some(outlet.into());
    d.title = Some(format!("عنوان {body}"));
    d.published = Some(jiff::civil::date(2026, 3, day));
    d
}

fn batch(documents: Vec<Document>) -> Batch {
    Batch {
        documents,
        ..Batch::default()
    }
}

#[test]
fn reingest_is_idempotent_and_keeps_every_source() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let a = doc("pages/a.html", "الواحة", 1, "افتتح المجلس دورته الجديدة.");
    let b = doc(
        "pages/b.txt",
        "النهار الجديد",
        2,
        "ارتفعت أسعار القمح في الأسواق.",
    );
    let first = store.put_batch(&batch(vec![a.clone(), b.clone()])).unwrap();
    assert_eq!(first.added.iter().map(|x| x.0).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(first.already_known, 0);

    // The same files again, and the same article from another file: nothing new.
    let mut copy = a.clone();
    copy.source = "feeds/wire.jsonl:3".into();
    let again = store.put_batch(&batch(vec![a.clone(), b, copy])).unwrap();
    assert!(again.added.is_empty());
    assert_eq!(again.already_known, 3);
    assert_eq!(store.document_count().unwrap(), 2);
    assert_eq!(store.stats().unwrap().duplicates, 1);
    assert_eq!(store.document(&a.id).unwrap(), Some(a));
    assert_eq!(store.document(&DocumentId("nope".into())).unwrap(), None);
}

#[test]
fn streams_documents_after_a_sequence_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let docs: Vec<Document> = (1..=5)
        .map(|i| doc(&format!("p/{i}.txt"), "الواحة", i, &format!("خبر رقم {i}.")))
        .collect();
    let summary = store.put_batch(&batch(docs.clone())).unwrap();
    let third = summary.added[2].1;
    let mut seen = Vec::new();
    store
        .for_each_document(third, &mut |_, d| {
            seen.push(d.source);
            Ok(())
        })
        .unwrap();
    assert_eq!(seen, ["p/4.txt", "p/5.txt"]);
    assert_eq!(store.last_seq().unwrap(), summary.added[4].1);

    let mut lines = Vec::new();
    store
        .for_each_json(Kind::Document, &mut |line| {
            lines.push(line.to_string());
            Ok(())
        })
        .unwrap();
    assert_eq!(lines.len(), 5);
    let back: Record = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(back, Record::Document(docs[0].clone()));
}

#[test]
fn derived_sets_are_replaced_whole_checked_and_marked_stale() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let a = doc("a.txt", "الواحة", 1, "وصل الوفد إلى العاصمة.");
    store.put_batch(&batch(vec![a.clone()])).unwrap();
    let event = |docs: Vec<DocumentId>| {
        Record::Event(Event {
            id: "ev1".into(),
            story: "st1".into(),
            documents: docs,
            date: None,
            headline: "وصول الوفد".into(),
        })
    };
    assert_eq!(
        store
            .replace_derived(Kind::Event, vec![event(vec![a.id.clone()])])
            .unwrap(),
        1
    );

    // A record citing an unknown document, or of the wrong kind, changes nothing.
    let err = store
        .replace_derived(Kind::Event, vec![event(vec!["missing".into()])])
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownDocument { .. }), "{err}");
    let entity = Record::Entity(Entity {
        id: "e1".into(),
        entity_type: EntityType::Person,
        name: "سليم الطحان".into(),
        variants: vec![Variant {
            text: "سليم طحان".into(),
            documents: vec![a.id.clone()],
        }],
    });
    let err = store
        .replace_derived(Kind::Event, vec![entity.clone()])
        .unwrap_err();
    assert!(
        err.to_string().contains("is a entity, not a event"),
        "{err}"
    );
    assert_eq!(store.count(Kind::Event).unwrap(), 1);

    store
        .replace_derived(Kind::Entity, vec![entity.clone()])
        .unwrap();
    let mut got = Vec::new();
    store
        .for_each_derived(Kind::Entity, &mut |r| {
            got.push(r);
            Ok(())
        })
        .unwrap();
    assert_eq!(got, [entity]);

    let stats = store.stats().unwrap();
    assert_eq!(
        stats.derived,
        [(Kind::Event, 1, false), (Kind::Entity, 1, false)]
    );
    store
        .put_batch(&batch(vec![doc("b.txt", "الواحة", 2, "غادر الوفد.")]))
        .unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(
        stats.derived,
        [(Kind::Event, 1, true), (Kind::Entity, 1, true)]
    );
}

#[test]
fn stats_count_outlets_days_failures_and_feed_health() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let mut b = batch(vec![
        doc("x/1.html", "الواحة", 1, "خبر أول."),
        doc("x/2.html", "الواحة", 1, "خبر ثان."),
        doc("x/3.html", "الواحة", 2, "خبر ثالث."),
        doc("y/1.txt", "المرفأ", 2, "خبر رابع."),
    ]);
    b.failures.push(Failure {
        source: "broken/page.html".into(),
        reason: "no article text found".into(),
    });
    b.links.push(LinkRecord {
        url: "https://example.invalid/a".into(),
        file: "feeds/rss.xml".into(),
        title: None,
        published: None,
    });
    store.put_batch(&b).unwrap();
    store.put_batch(&b.clone()).unwrap();
    let s = store.stats().unwrap();
    assert_eq!(s.schema_version, CURRENT);
    assert_eq!(s.documents, 4);
    assert_eq!(s.failures, 2, "each failed attempt is recorded");
    assert_eq!(s.links, 1, "links are kept once");
    assert_eq!(s.per_outlet, [("الواحة".into(), 3), ("المرفأ".into(), 1)]);
    assert_eq!(
        s.per_day,
        [("2026-03-01".into(), 2), ("2026-03-02".into(), 2)]
    );
    let wahat = s.feeds.iter().find(|f| f.feed == "الواحة").unwrap();
    assert_eq!(wahat.documents, 3);
    assert_eq!(wahat.last_published.as_deref(), Some("2026-03-02"));
    assert!((wahat.per_day - 1.5).abs() < 1e-9);
    let broken = s.feeds.iter().find(|f| f.feed == "broken").unwrap();
    assert_eq!(
        broken.last_error,
        Some(("broken/page.html".into(), "no article text found".into()))
    );
}

#[test]
fn a_version_1_data_dir_opens_after_migration_to_version_2() {
    let dir = tempfile::tempdir().unwrap();
    let a = doc("old/a.txt", "الواحة", 1, "خبر كتبه إصدار قديم.");
    {
        // An older marsad: it knew only the first migration.
        let mut old = SqliteStore::open_with_migrations(dir.path(), &MIGRATIONS[..1]).unwrap();
        assert_eq!(old.version().unwrap(), 1);
        old.put_batch(&batch(vec![a.clone()])).unwrap();
        // Its failures table had no feed column.
        let conn = rusqlite::Connection::open(old.path()).unwrap();
        conn.execute(
            "INSERT INTO failures (source, reason, at) VALUES ('old/bad.html', 'empty', 0)",
            [],
        )
        .unwrap();
    }
    // A reader upgrades it when no writer holds the dir.
    let store = SqliteStore::open_read(dir.path()).unwrap();
    assert_eq!(store.version().unwrap(), 2);
    assert_eq!(store.document(&a.id).unwrap(), Some(a));
    let s = store.stats().unwrap();
    assert_eq!(s.documents, 1);
    assert!(s.feeds.iter().any(|f| f.feed == "الواحة"));
    assert_eq!(s.failures, 1);
    let old_feed = s.feeds.iter().find(|f| f.feed == "old").unwrap();
    assert_eq!(
        old_feed.last_error,
        Some(("old/bad.html".into(), "empty".into()))
    );
    drop(store);
    let mut writer = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(writer.version().unwrap(), CURRENT);
    writer
        .put_batch(&Batch {
            failures: vec![Failure {
                source: "new/x.html".into(),
                reason: "bad".into(),
            }],
            ..Batch::default()
        })
        .unwrap();
}

#[test]
fn a_newer_schema_is_refused_and_a_second_writer_is_told_who_holds_the_dir() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path()).unwrap();
    let err = SqliteStore::open(dir.path()).unwrap_err();
    assert!(
        err.to_string()
            .contains("is in use by another marsad process (pid"),
        "{err}"
    );
    // Readers may open beside the writer.
    SqliteStore::open_read(dir.path()).unwrap();
    drop(store);

    let conn = rusqlite::Connection::open(dir.path().join("marsad.sqlite")).unwrap();
    conn.pragma_update(None, "user_version", CURRENT + 1)
        .unwrap();
    drop(conn);
    let err = SqliteStore::open(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("written by a newer marsad"),
        "{err}"
    );
    let err = SqliteStore::open_read(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("written by a newer marsad"),
        "{err}"
    );
}

#[test]
fn a_missing_data_dir_is_a_clear_error_for_readers() {
    let dir = tempfile::tempdir().unwrap();
    let err = SqliteStore::open_read(&dir.path().join("nothing")).unwrap_err();
    assert!(err.to_string().contains("no marsad data here"), "{err}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// However documents are chunked and repeated, each distinct body is stored once and every
        /// (document, source) pair is kept.
        #[test]
        fn chunking_and_repeats_never_duplicate(
            bodies in prop::collection::vec("[ا-ي ]{1,12}", 1..30),
            chunk in 1usize..8,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = SqliteStore::open(dir.path()).unwrap();
            let docs: Vec<Document> = bodies
                .iter()
                .enumerate()
                .map(|(i, b)| Document::new(format!("p/{i}.txt"), vec![b.clone()]))
                .collect();
            let mut added = 0;
            for round in 0..2 {
                for part in docs.chunks(chunk) {
                    let s = store.put_batch(&batch(part.to_vec())).unwrap();
                    if round == 1 {
                        prop_assert!(s.added.is_empty());
                    }
                    added += s.added.len() as u64;
                }
            }
            let distinct: std::collections::HashSet<&DocumentId> = docs.iter().map(|d| &d.id).collect();
            prop_assert_eq!(store.document_count().unwrap(), distinct.len() as u64);
            prop_assert_eq!(added, distinct.len() as u64);
            let stats = store.stats().unwrap();
            prop_assert_eq!(stats.documents + stats.duplicates, docs.len() as u64);
        }
    }
}
