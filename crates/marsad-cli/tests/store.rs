//! `marsad ingest`, `export`, `search` and `stats` on a data dir: crash safety under SIGKILL, a second
//! writer, idempotent re-ingest, migration of an older data dir. Inputs are invented pages written here.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use marsad_model::{Document, Entity, EntityType, Record, Variant};
use marsad_search::SearchIndex;
use marsad_store::schema::MIGRATIONS;
use marsad_store::{Batch, SqliteStore, Store};

mod common;
use common::marsad;

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn marsad")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const PLACES: [&str; 6] = ["الواحة", "المرفأ", "السهل", "الجبل", "الساحل", "الوادي"];
const THINGS: [&str; 5] = [
    "مشروع الري",
    "سوق الحبوب",
    "مهرجان الخط",
    "خط القطار",
    "معرض الكتاب",
];

/// `n` invented text pages, each with a unique title and body.
fn write_pages(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let place = PLACES[i % PLACES.len()];
        let thing = THINGS[(i / PLACES.len()) % THINGS.len()];
        let page = format!(
            "افتتاح {thing} في {place} رقم {i}\n\n\
             أعلن مجلس بلدية {place} صباح اليوم افتتاح {thing} بعد عمل استمر {i} يوما.\n\n\
             وقال رئيس المجلس إن {thing} سيخدم نحو {} أسرة في {place} والقرى المجاورة لها.\n\n\
             وأضاف أن المرحلة الثانية من العمل تبدأ في الشهر المقبل بكلفة تقدر بـ{} دينار.\n",
            i * 7 + 3,
            i * 1000 + 250
        );
        std::fs::write(dir.join(format!("page-{i:05}.txt")), page).unwrap();
    }
}

fn stored_count(data: &Path) -> u64 {
    // The first writer may still be creating the file: treat any error as "nothing yet".
    SqliteStore::open_read(data)
        .and_then(|s| s.document_count())
        .unwrap_or(0)
}

fn wait_for_documents(data: &Path, child: &mut Child, at_least: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let n = stored_count(data);
        if n >= at_least {
            return n;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before {at_least} documents were stored");
        }
        assert!(Instant::now() < deadline, "no document stored in 120 s");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every stored document once, the index holding exactly the stored documents, the export agreeing.
fn assert_consistent(data: &Path, expected: u64) {
    let store = SqliteStore::open_read(data).unwrap();
    assert_eq!(store.document_count().unwrap(), expected);
    let index = SearchIndex::open_read(data).unwrap();
    assert_eq!(index.num_docs(), expected, "index and store disagree");
    assert_eq!(index.indexed_through().unwrap(), store.last_seq().unwrap());
    let out = marsad(&["export", "--data", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["kind"], "meta");
    assert_eq!(lines[0]["documents"], expected);
    let ids: HashSet<&str> = lines[1..]
        .iter()
        .filter(|l| l["kind"] == "document")
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len() as u64, expected, "a document exported twice");
}

#[test]
fn sigkill_mid_ingest_then_rerun_stores_every_document_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    let data = tmp.path().join("data");
    let n = 3000;
    write_pages(&pages, n);
    let (pages_arg, data_arg) = (pages.to_str().unwrap(), data.to_str().unwrap());

    let mut first = spawn(&["ingest", "--data", data_arg, "--chunk", "40", pages_arg]);
    // Well into the batch: many store commits done, the index's first commit (every 5,000) not yet.
    wait_for_documents(&data, &mut first, 400);
    first.kill().unwrap(); // SIGKILL on Unix
    let status = first.wait().unwrap();
    let at_kill = stored_count(&data);
    assert!(
        !status.success(),
        "ingest finished before the kill; the test needs a bigger batch"
    );
    assert!(
        at_kill > 0 && at_kill < n as u64,
        "killed with {at_kill} stored"
    );
    eprintln!("SIGKILL after {at_kill} of {n} documents were stored");

    let second = marsad(&["ingest", "--data", data_arg, pages_arg]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    let report = text(&second.stdout);
    assert!(
        report.contains(&format!(
            "added {}, already known {at_kill}, failed 0",
            n as u64 - at_kill
        )),
        "{report}"
    );
    assert_consistent(&data, n as u64);

    // And once more: nothing new.
    let third = marsad(&["ingest", "--data", data_arg, pages_arg]);
    assert!(text(&third.stdout).contains(&format!("added 0, already known {n}")));
    assert_consistent(&data, n as u64);
}

#[test]
fn a_second_writer_is_told_the_data_dir_is_in_use() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    let data = tmp.path().join("data");
    write_pages(&pages, 2000);
    let (pages_arg, data_arg) = (pages.to_str().unwrap(), data.to_str().unwrap());
    let mut first = spawn(&["ingest", "--data", data_arg, "--chunk", "40", pages_arg]);
    wait_for_documents(&data, &mut first, 1);
    let second = marsad(&["ingest", "--data", data_arg, pages_arg]);
    let first_done = first.try_wait().unwrap().is_some();
    if !first_done {
        assert_eq!(second.status.code(), Some(1));
        let err = text(&second.stderr);
        assert!(
            err.contains(&format!(
                "data dir {data_arg} is in use by another marsad process (pid {})",
                first.id()
            )),
            "{err}"
        );
        // Readers work beside the writer.
        let stats = marsad(&["stats", "--data", data_arg]);
        assert!(stats.status.success(), "{}", text(&stats.stderr));
    }
    let _ = first.kill();
    let _ = first.wait();
}

#[test]
fn search_export_and_stats_over_an_ingested_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    let data = tmp.path().join("data");
    write_pages(&pages, 12);
    std::fs::write(pages.join("empty.txt"), "   \n").unwrap();
    let (pages_arg, data_arg) = (pages.to_str().unwrap(), data.to_str().unwrap());
    let out = marsad(&["ingest", "--data", data_arg, pages_arg]);
    assert_eq!(out.status.code(), Some(1), "a failed input makes exit 1");
    assert!(text(&out.stdout).contains("added 12, already known 0, failed 1"));
    assert!(text(&out.stderr).contains("empty.txt"));

    // Hamza and teh marbuta spelled differently from the pages.
    let out = marsad(&[
        "search",
        "--data",
        data_arg,
        "--json",
        "افتتاح سوق الحبوب",
        "الواحه",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let hits: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!hits.is_empty());
    for hit in &hits {
        let title = hit["title"].as_str().unwrap();
        assert!(
            title.contains("سوق الحبوب") && title.contains("الواحة"),
            "{title}"
        );
        assert!(!hit["highlights"].as_array().unwrap().is_empty());
    }

    let out = marsad(&["stats", "--data", data_arg, "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(stats["documents"], 12);
    assert_eq!(stats["failures"], 1);
    assert!(
        stats["feeds"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| !f["last_error"].is_null())
    );

    let file = tmp.path().join("export.jsonl");
    let out = marsad(&[
        "export",
        "--data",
        data_arg,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["kind"], "meta");
    let of_kind = |kind: &str| records.iter().filter(|r| r["kind"] == kind).count();
    assert_eq!(of_kind("document"), 12);
    // Ingest recomputes the derived sets: every document belongs to exactly one event.
    let in_events: usize = records
        .iter()
        .filter(|r| r["kind"] == "event")
        .map(|r| r["documents"].as_array().unwrap().len())
        .sum();
    assert_eq!(in_events, 12);
    assert!(of_kind("story") >= 1 && of_kind("entity") >= 1);
}

#[test]
fn a_data_dir_written_at_schema_1_opens_after_migrating_to_2() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    {
        let mut old = SqliteStore::open_with_migrations(&data, &MIGRATIONS[..1]).unwrap();
        let mut doc = Document::new("old/page.txt", vec!["خبر خزنه إصدار سابق من مرصد.".into()]);
        doc.outlet = Some("الواحة".into());
        old.put_batch(&Batch {
            documents: vec![doc],
            ..Batch::default()
        })
        .unwrap();
    }
    let data_arg = data.to_str().unwrap();
    // Its index was never built: the first writer builds it from the store.
    let out = marsad(&[
        "ingest",
        "--data",
        data_arg,
        tmp.path().join("none").to_str().unwrap(),
    ]);
    assert!(
        text(&out.stderr).contains("re-indexed 1 documents"),
        "{}",
        text(&out.stderr)
    );
    let out = marsad(&["stats", "--data", data_arg, "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(stats["schema_version"], 2);
    assert_eq!(stats["documents"], 1);
    let out = marsad(&["search", "--data", data_arg, "سابق"]);
    assert!(
        text(&out.stdout).contains("الواحة"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn search_catches_the_index_up_when_no_writer_holds_the_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    {
        // Stored but never indexed, as when an ingest is killed before its first index commit.
        let mut store = SqliteStore::open(&data).unwrap();
        let mut doc = Document::new(
            "x/page.txt",
            vec!["اجتمع مجلس الحي لمناقشة خطة تشجير الشوارع.".into()],
        );
        doc.title = Some("خطة التشجير".into());
        store
            .put_batch(&Batch {
                documents: vec![doc],
                ..Batch::default()
            })
            .unwrap();
    }
    let out = marsad(&["search", "--data", data.to_str().unwrap(), "التشجير"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("خطة التشجير"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_name_finds_documents_that_spell_it_differently_once_entities_are_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let pages = tmp.path().join("pages");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&pages).unwrap();
    let bodies = [
        (
            "a.txt",
            "زيارة وزير\n\nوصل الوزير سامر الشيباني إلى الميناء صباح الأحد في زيارة قصيرة.\n\nوقال في مؤتمر صحفي إن الزيارة تهدف إلى بحث توسيع أرصفة الميناء.",
        ),
        (
            "b.txt",
            "لقاء في الميناء\n\nالتقى سامر الشعيباني رئيس غرفة التجارة في مكتبه بالميناء.\n\nوبحث الجانبان خطط تشجيع التصدير عبر الميناء خلال العام المقبل.",
        ),
        (
            "c.txt",
            "طقس\n\nتوقعت دائرة الأرصاد أمطارا خفيفة على المرتفعات الشمالية غدا.\n\nودعت الدائرة السائقين إلى الحذر على الطرق الجبلية في ساعات الصباح.",
        ),
    ];
    for (name, body) in bodies {
        std::fs::write(pages.join(name), body).unwrap();
    }
    let (pages_arg, data_arg) = (pages.to_str().unwrap(), data.to_str().unwrap());
    assert!(
        marsad(&["ingest", "--data", data_arg, pages_arg])
            .status
            .success()
    );
    let search = |q: &str| -> Vec<String> {
        let out = marsad(&["search", "--data", data_arg, "--json", q]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["id"].as_str().unwrap().to_string()
            })
            .collect()
    };
    assert_eq!(
        search("سامر الشيباني").len(),
        1,
        "before entities, only the exact spelling"
    );

    // What the entity stage would store: one person, two spellings, one document each.
    let mut store = SqliteStore::open(&data).unwrap();
    let mut ids = Vec::new();
    store
        .for_each_document(0, &mut |_, d| {
            ids.push((d.source.clone(), d.id.clone()));
            Ok(())
        })
        .unwrap();
    let id_of = |name: &str| {
        ids.iter()
            .find(|(s, _)| s.ends_with(name))
            .unwrap()
            .1
            .clone()
    };
    let entity = Record::Entity(Entity {
        id: "per-1".into(),
        entity_type: EntityType::Person,
        name: "سامر الشيباني".into(),
        variants: vec![
            Variant {
                text: "سامر الشيباني".into(),
                documents: vec![id_of("a.txt")],
            },
            Variant {
                text: "سامر الشعيباني".into(),
                documents: vec![id_of("b.txt")],
            },
        ],
    });
    store
        .replace_derived(marsad_store::Kind::Entity, vec![entity])
        .unwrap();
    drop(store);
    let found = search("سامر الشيباني");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&id_of("b.txt").0));
    let out = marsad(&["export", "--data", data_arg]);
    assert!(
        text(&out.stdout)
            .lines()
            .any(|l| l.starts_with(r#"{"kind":"entity""#))
    );
}
