//! The index over invented documents: orthographic variants, exact names, filters, snippets, catch-up.

use marsad_model::Document;
use marsad_search::{Query, SearchIndex};
use marsad_store::{Batch, SqliteStore, Store};

fn doc(source: &str, outlet: &str, day: i8, title: &str, body: &str) -> Document {
    let mut d = Document::new(source, vec![body.to_string()]);
    d.outlet = Some(outlet.into());
    d.title = Some(title.into());
    d.published = Some(jiff::civil::date(2026, 4, day));
    d
}

fn corpus() -> Vec<Document> {
    vec![
        doc(
            "a.html",
            "الواحة",
            1,
            "وزير الخارجية يصل إلى عمّان",
            "وصل وزيرُ الخارجيّة أسعد الشيباني إلى عمّان في زيارة رسمية.",
        ),
        doc(
            "b.html",
            "المرفأ",
            2,
            "محادثات في عمان",
            "التقى الشيباني نظيره وبحثا ملف المياه والطاقة.",
        ),
        doc(
            "c.html",
            "الواحة",
            3,
            "مباراة القمة",
            "فاز نادي الساحل على ضيفه بهدفين في مباراة القمة.",
        ),
        doc(
            "d.html",
            "المرفأ",
            4,
            "أسعار القمح",
            "ارتفعت اسعار القمح في الاسواق المحلية هذا الاسبوع.",
        ),
    ]
}

fn ids(hits: &[marsad_search::Hit]) -> Vec<String> {
    hits.iter().map(|h| h.id.0.clone()).collect()
}

fn setup() -> (tempfile::TempDir, SqliteStore, SearchIndex, Vec<Document>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path()).unwrap();
    let docs = corpus();
    store
        .put_batch(&Batch {
            documents: docs.clone(),
            ..Batch::default()
        })
        .unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.catch_up(&store).unwrap(), 4);
    (dir, store, index, docs)
}

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        ..Query::default()
    }
}

#[test]
fn orthographic_variants_and_stems_match() {
    let (_dir, _store, index, docs) = setup();
    // Hamza, diacritics and teh marbuta differ between query and text.
    let hits = index.search(&q("أسعار القمح"), 10).unwrap();
    assert_eq!(ids(&hits), [docs[3].id.0.clone()]);
    let hits = index.search(&q("الخارجيه"), 10).unwrap();
    assert_eq!(ids(&hits), [docs[0].id.0.clone()]);
    // Light stemming: "مباريات"-style inflections are the stemmer's; the article "ال" is stripped.
    let hits = index.search(&q("شيباني"), 10).unwrap();
    assert_eq!(hits.len(), 2);
}

#[test]
fn filters_by_outlet_and_dates() {
    let (_dir, _store, index, docs) = setup();
    let mut query = q("الشيباني");
    query.outlet = Some("المرفأ".into());
    assert_eq!(
        ids(&index.search(&query, 10).unwrap()),
        [docs[1].id.0.clone()]
    );
    let mut query = q("الشيباني");
    query.until = Some(jiff::civil::date(2026, 4, 1));
    assert_eq!(
        ids(&index.search(&query, 10).unwrap()),
        [docs[0].id.0.clone()]
    );
    query.since = Some(jiff::civil::date(2026, 4, 2));
    assert!(index.search(&query, 10).unwrap().is_empty());
    let hit = &index.search(&q("القمة"), 1).unwrap()[0];
    assert_eq!(hit.outlet.as_deref(), Some("الواحة"));
    assert_eq!(hit.date, Some(jiff::civil::date(2026, 4, 3)));
}

#[test]
fn named_documents_match_whatever_the_words() {
    let (_dir, _store, index, docs) = setup();
    let mut query = q("الشعيباني");
    assert!(index.search(&query, 10).unwrap().is_empty());
    query.documents = vec![docs[0].id.clone(), docs[1].id.clone()];
    assert_eq!(index.search(&query, 10).unwrap().len(), 2);
}

#[test]
fn snippets_highlight_the_original_text() {
    let (_dir, _store, index, docs) = setup();
    let query = q("اسعار");
    let body = docs[3].body();
    let snippet = index.snippet(&query, &body, 80).unwrap();
    assert!(!snippet.highlighted.is_empty());
    let marked = &snippet.text[snippet.highlighted[0].clone()];
    assert_eq!(marked, "اسعار");
}

#[test]
fn catch_up_indexes_only_what_the_index_lacks() {
    let (dir, mut store, mut index, _docs) = setup();
    assert_eq!(index.catch_up(&store).unwrap(), 0);
    // A document stored but never indexed (as after a crash between the two commits).
    store
        .put_batch(&Batch {
            documents: vec![doc(
                "e.html",
                "المرفأ",
                5,
                "خبر جديد",
                "خبر وصل بعد الانقطاع.",
            )],
            ..Batch::default()
        })
        .unwrap();
    drop(index);
    let mut index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.catch_up(&store).unwrap(), 1);
    assert_eq!(index.num_docs(), 5);
    assert_eq!(index.indexed_through().unwrap(), store.last_seq().unwrap());
    let reader = SearchIndex::open_read(dir.path()).unwrap();
    assert_eq!(reader.search(&q("الانقطاع"), 10).unwrap().len(), 1);
}
