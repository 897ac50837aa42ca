//! Property tests: detection never panics, whatever the text, and every span is a valid char-boundary range
//! of its paragraph holding exactly the surface.

use marsad_entities::{Gazetteer, LearnedName, LearnedNames, detect, resolve};
use marsad_model::{Document, EntityType};
use proptest::prelude::*;

fn arabicish() -> impl Strategy<Value = String> {
    // Arabic letters, marks, tatweel, invisible characters, punctuation, digits, Latin and anything else.
    let pieces = prop_oneof![
        4 => proptest::sample::select(vec![
            "وزير ", "الدفاع ", "التركي ", "سليم ", "الطحان ", "أبو ", "عبد ", "الله ", "(", ")", "«", "»", "، ",
            "وزارة ", "قسد ", "بأنقرة ", "للأنباء ", "الأدميرال ", "ﻻ", "\u{200F}", "ـ", "َ", "ّ", "٣", "\n", " ",
            "رئيس ", "جهاز ", "والمتحدث ", "باسم ", "قوات ", "سوريا ", "الديمقراطية ",
        ]).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_valid_and_hold_the_surface(paragraphs in proptest::collection::vec(arabicish(), 1..4)) {
        let doc = Document::new("p", paragraphs.clone());
        let gazetteer = Gazetteer::builtin();
        let mut learned = LearnedNames::default();
        learned.add(LearnedName { text: "سليم الطحان".into(), entity_type: EntityType::Person, expansion: None });
        let mentions = detect(&doc, &gazetteer, &learned);
        for m in &mentions {
            let p = &paragraphs[m.paragraph];
            prop_assert!(p.is_char_boundary(m.span.start) && p.is_char_boundary(m.span.end));
            prop_assert!(m.span.start <= m.span.end && m.span.end <= p.len());
            prop_assert_eq!(&p[m.span.clone()], m.surface.as_str());
        }
        let entities = resolve(&mentions, None);
        let total: usize = entities.iter().map(|e| e.mentions.len()).sum();
        prop_assert_eq!(total, mentions.len());
    }
}
