//! Property tests: extraction never panics, and every line of the page ends up exactly once in the body,
//! the title or the removed lines (nothing ingested is lost or invented).

use marsad_extract::{Config, extract};
use marsad_ingest::{Format, Hints, Page};
use proptest::prelude::*;

fn page(content: String, format: Format) -> Page {
    Page {
        source: "prop".into(),
        file: "prop.txt".into(),
        url: None,
        format,
        content,
        hints: Hints::default(),
    }
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ء-ي ،.؟:0-9]{0,80}",
        Just("شاهد أيضاً: خبر آخر".to_string()),
        Just("5 أغسطس, 13:56 GMT".to_string()),
        Just("FacebookTwitterEmail".to_string()),
        Just(
            "وقال الوزير في تصريح للصحفيين إن الاتفاقية ستدخل حيز التنفيذ مطلع الشهر المقبل."
                .to_string()
        ),
        Just("أخبار ذات صلة".to_string()),
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn text_lines_are_kept_titled_or_removed_exactly_once(lines in prop::collection::vec(line(), 0..30)) {
        let content = lines.join("\n");
        let config = Config::default();
        if let Ok(doc) = extract(&page(content.clone(), Format::Text), &config) {
            let expected: Vec<&str> = content.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            let accounted = doc.paragraphs.len() + doc.removed.len() + usize::from(doc.title.is_some());
            prop_assert_eq!(accounted, expected.len());
            prop_assert!(doc.paragraphs.iter().all(|p| !p.trim().is_empty()));
        }
    }

    #[test]
    fn html_never_panics(body in "\\PC{0,300}", tags in prop::collection::vec("<(p|div|nav|h1|figure|a|li)( class=\"(share|content|related)\")?>", 0..12)) {
        let html = format!("<html><body>{}{}</body></html>", tags.join(""), body);
        let _ = extract(&page(html, Format::Html), &Config::default());
    }
}
