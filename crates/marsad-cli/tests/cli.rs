//! The `marsad` binary over the bundled demo corpus and its truth file (examples/corpus, written for marsad).

use std::process::Output;

use marsad_text::NameKey;

mod common;
use common::{demo_corpus, marsad};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn demo_runs_on_the_bundled_demo_corpus() {
    let output = marsad(&["demo", "--corpus", demo_corpus().to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    for section in [
        "== ingest:",
        "== documents",
        "== key terms",
        "== name keys",
        "== events",
        "== briefs",
        "## الملخص",
        "## تناقضات بين المنافذ",
    ] {
        assert!(text.contains(section), "missing {section}");
    }
    // The windows-1256 page is read, not reported as an encoding error.
    assert!(text.contains("html/nabd-01.html"));
    assert!(!text.contains("not valid UTF-8"));
    assert!(!text.contains("WOULD MERGE"));
}

#[test]
fn demo_on_a_missing_folder_is_an_error() {
    let output = marsad(&["demo", "--corpus", "/nonexistent/marsad-corpus"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("/nonexistent/marsad-corpus: not a folder")
    );
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(marsad(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(
        marsad(&["text", "normalize", "--profile", "loud"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn text_commands_work_as_filters() {
    assert_eq!(
        stdout(&marsad(&[
            "text",
            "stem",
            "والوزارات",
            "بالوزارة",
            "وزارتها"
        ]))
        .trim(),
        "وزار وزار وزار"
    );
    assert_eq!(
        stdout(&marsad(&["text", "normalize", "أعلنَ الوزيـــر"])).trim(),
        "اعلن الوزير"
    );
    let sentences = stdout(&marsad(&[
        "text",
        "sentences",
        "قال: «انتهى.» ثم غادر. هل عاد؟",
    ]));
    assert_eq!(
        sentences.lines().collect::<Vec<_>>(),
        ["قال: «انتهى.»", "ثم غادر.", "هل عاد؟"]
    );
}

/// Every multi-word spelling of a person in truth.json meets its canonical name; the pairs marked distinct stay
/// apart whatever spellings are compared.
#[test]
fn name_keys_on_the_corpus_truth() {
    let text = std::fs::read_to_string(demo_corpus().join("truth.json")).expect("truth.json");
    let truth: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let entities = truth["entities"].as_array().expect("entities");
    let spellings = |entity: &serde_json::Value| -> Vec<String> {
        entity["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["text"].as_str().unwrap().to_string())
            .collect()
    };
    let mut checked = 0;
    for entity in entities.iter().filter(|e| e["type"] == "PER") {
        let canonical = NameKey::new(entity["canonical"].as_str().unwrap());
        for variant in spellings(entity) {
            let key = NameKey::new(&variant);
            if key.tokens().len() >= 2 {
                assert!(
                    key.similarity(&canonical) >= NameKey::SAME_PERSON,
                    "{variant} ~ {canonical}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} spellings checked");
    for pair in truth["distinct_pairs"].as_array().unwrap() {
        let find = |id: &serde_json::Value| entities.iter().find(|e| &e["id"] == id).unwrap();
        let (a, b) = (find(&pair[0]), find(&pair[1]));
        for x in spellings(a) {
            for y in spellings(b) {
                let score = NameKey::new(&x).similarity(&NameKey::new(&y));
                assert!(score < NameKey::SAME_PERSON, "{x} ~ {y}: {score}");
            }
        }
    }
}

/// A label file in the ANT events format: (article id, aliases, event) for one day.
fn write_labels(dir: &std::path::Path, name: &str, articles: &[(&str, &[&str], &str)]) -> String {
    let articles: serde_json::Map<String, serde_json::Value> = articles
        .iter()
        .map(|(id, aliases, event)| {
            (
                id.to_string(),
                serde_json::json!({"event": event, "aliases": aliases, "src": "Invented", "time": ""}),
            )
        })
        .collect();
    let json = serde_json::json!({"days": ["2030-01-02"], "articles": articles, "events": {}});
    let path = dir.join(name);
    std::fs::write(&path, json.to_string()).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn agreement_scores_a_second_annotation_against_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let first = write_labels(
        dir.path(),
        "first.json",
        &[
            ("a1", &[], "e1"),
            ("a2", &[], "e1"),
            ("a3", &["a3-copy"], "e2"),
            ("a4", &[], "e2"),
        ],
    );
    // The same grouping under other names, the third article known by its alias.
    let same = write_labels(
        dir.path(),
        "same.json",
        &[
            ("a1", &[], "x"),
            ("a2", &[], "x"),
            ("a3-copy", &[], "y"),
            ("a4", &[], "y"),
        ],
    );
    let output = marsad(&["eval", "agreement", "--first", &first, "--second", &same]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("pairwise P 1.000 R 1.000 F1 1.000"));

    // a4 moved to the first event: of the second's three pairs only a1–a2 is the first's (precision 1/3),
    // and of the first's two pairs a3–a4 is lost (recall 1/2).
    let other = write_labels(
        dir.path(),
        "other.json",
        &[
            ("a1", &[], "x"),
            ("a2", &[], "x"),
            ("a3", &[], "z"),
            ("a4", &[], "x"),
        ],
    );
    let output = marsad(&["eval", "agreement", "--first", &first, "--second", &other]);
    assert!(stdout(&output).contains("pairwise P 0.333 R 0.500 F1 0.400"));

    // An article the second does not label is named, and the day is not scored.
    let short = write_labels(
        dir.path(),
        "short.json",
        &[("a1", &[], "x"), ("a2", &[], "x")],
    );
    let output = marsad(&["eval", "agreement", "--first", &first, "--second", &short]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("short.json: 2 articles of") && errors.contains("(a3, a4)"));
    assert!(!stdout(&output).contains("pairwise"));

    // A file that is not labels is named, and the rest are still compared.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "not json").unwrap();
    let broken = broken.to_str().unwrap();
    let output = marsad(&[
        "eval",
        "agreement",
        "--first",
        broken,
        &first,
        "--second",
        &same,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.json: not JSON"));
    assert!(stdout(&output).contains("pairwise P 1.000 R 1.000 F1 1.000"));
}
