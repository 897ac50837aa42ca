//! `marsad eval summary` over an invented corpus in the ANT layout (three invented outlets reporting one
//! invented event) and an invented reference: every system is scored, per-event JSON rows come out, and a
//! reference naming a missing article fails that event only (exit 1).

use std::fs;
use std::path::Path;

mod common;
use common::marsad;

/// `marsad eval summary` on an ANT folder and a references file, with any further flags.
fn eval_summary(ant: &Path, refs: &Path, flags: &[&str]) -> std::process::Output {
    let (ant, refs) = (ant.to_str().unwrap(), refs.to_str().unwrap());
    let mut args = vec!["eval", "summary", "--ant", ant, "--references", refs];
    args.extend(flags);
    marsad(&args)
}

fn article(dir: &Path, outlet: &str, docno: &str, time: &str, title: &str, body: &[&str]) {
    let folder = dir.join(outlet).join("internationalNews");
    fs::create_dir_all(&folder).unwrap();
    let text = format!(
        "<DOC>\n<DOCNO>{docno}</DOCNO>\n<URL>http://example.invalid/{docno}</URL>\n<SRC>{outlet}</SRC>\n\
         <CAT>internationalNews</CAT>\n<TITLE>{title}</TITLE>\n<TIME>{time}</TIME>\n<AUTHOR></AUTHOR>\n\
         <ABSTRACT></ABSTRACT>\n<TEXT>\n{}\n</TEXT>\n</DOC>\n",
        body.join("\n")
    );
    fs::write(folder.join(format!("{docno}.txt")), text).unwrap();
}

fn corpus(dir: &Path) {
    let wire = "وقالت وزارة الأشغال في جمهورية الواحة إن الجسر يبلغ طوله ثلاثة كيلومترات وكلف مئتي مليون دينار.";
    article(
        dir,
        "SkyNews",
        "SK-internationalNews-1-20300105",
        "Sat, 05 Jan 2030 08:00:00 GMT",
        "افتتاح جسر النهر الكبير",
        &[
            "افتتح رئيس وزراء جمهورية الواحة صباح السبت جسر النهر الكبير الذي يربط العاصمة بالمدن الجنوبية.",
            wire,
            "وحضر الافتتاح سفراء عدة دول ومسؤولون محليون.",
        ],
    );
    article(
        dir,
        "BBC",
        "BB-internationalNews-2-20300105",
        "Sat, 05 Jan 2030 10:00:00 GMT",
        "الواحة تفتتح أطول جسورها",
        &[
            "دشنت حكومة الواحة السبت أطول جسر في تاريخها فوق النهر الكبير.",
            wire,
            "ويتوقع خبراء أن يختصر الجسر زمن الرحلة إلى الجنوب بساعتين.",
        ],
    );
    article(
        dir,
        "CNN",
        "CN-internationalNews-3-20300105",
        "Sat, 05 Jan 2030 12:00:00 GMT",
        "جسر جديد في الواحة",
        &[
            "فتح جسر النهر الكبير أمام السيارات بعد أربع سنوات من العمل.",
            wire,
            "وانتقد نواب معارضون كلفة المشروع المرتفعة.",
        ],
    );
}

const REFERENCE: &str = "افتتح رئيس وزراء الواحة يوم السبت جسر النهر الكبير، أطول جسور البلاد بطول ثلاثة كيلومترات \
وكلفة مئتي مليون دينار، ليربط العاصمة بالجنوب ويختصر الرحلة ساعتين، فيما انتقد معارضون كلفته.";

fn references(path: &Path, documents: &[&str]) {
    let json = serde_json::json!([{
        "event": "20300105-oasis-bridge",
        "documents": documents,
        "reference": REFERENCE,
        "written_by": "test",
        "note": "invented"
    }]);
    fs::write(path, json.to_string()).unwrap();
}

#[test]
fn scores_every_system_on_an_invented_event() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let refs = dir.path().join("refs.json");
    references(
        &refs,
        &[
            "SK-internationalNews-1-20300105",
            "BB-internationalNews-2-20300105",
            "CN-internationalNews-3-20300105",
        ],
    );
    let table = eval_summary(dir.path(), &refs, &["--words", "40"]);
    assert!(
        table.status.success(),
        "{}",
        String::from_utf8_lossy(&table.stderr)
    );
    let text = String::from_utf8_lossy(&table.stdout);
    for system in ["marsad", "lead", "centroid", "lexrank", "oracle"] {
        assert!(text.contains(system), "missing {system}:\n{text}");
    }
    assert!(text.contains("1 events, budget 40 words"));

    let json = eval_summary(dir.path(), &refs, &["--words", "40", "--json"]);
    assert!(json.status.success());
    let row: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&json.stdout).trim()).unwrap();
    assert_eq!(row["event"], "20300105-oasis-bridge");
    assert_eq!(row["outlets"], 3);
    let systems = row["systems"].as_array().unwrap();
    assert_eq!(systems.len(), 5);
    for s in systems {
        assert!(s["words"].as_u64().unwrap() <= 40, "{s}");
        for mode in ["surface", "stem"] {
            let f = s[mode]["rouge1"]["f1"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&f));
        }
    }
    let f1 = |name: &str| {
        systems.iter().find(|s| s["system"] == name).unwrap()["surface"]["rouge1"]["f1"]
            .as_f64()
            .unwrap()
    };
    // Lead reads the earliest article (Sky News, 08:00) first.
    let lead = systems.iter().find(|s| s["system"] == "lead").unwrap();
    assert!(
        lead["summary"]
            .as_str()
            .unwrap()
            .starts_with("افتتح رئيس وزراء")
    );
    // The greedy oracle is an upper bound for sentence extraction.
    for name in ["lead", "centroid", "lexrank"] {
        assert!(f1("oracle") >= f1(name) - 1e-9, "{name}");
    }
    // The reference was written, not copied.
    assert!(row["reference_5gram_overlap"].as_f64().unwrap() < 0.2);
}

#[test]
fn a_missing_article_fails_its_event_only() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let refs = dir.path().join("refs.json");
    references(
        &refs,
        &["SK-internationalNews-1-20300105", "XX-none-9-20300105"],
    );
    let out = eval_summary(dir.path(), &refs, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("20300105-oasis-bridge") && stderr.contains("XX-none-9-20300105"));
}

#[test]
fn a_bad_references_file_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("refs.json");
    fs::write(&refs, "{not json").unwrap();
    let out = eval_summary(dir.path(), &refs, &[]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refs.json"));
}
