//! Property tests for the text layer: normalisation is idempotent, offsets land on char boundaries and map
//! back into the original, and nothing panics on any UTF-8.

use marsad_text::NameKey;
use marsad_text::normalize::{Profile, normalize, normalize_str};
use marsad_text::sentences::sentences;
use marsad_text::stem::stem;
use marsad_text::tokenize::tokens;
use proptest::prelude::*;

/// Arabic-heavy text: letters, diacritics, tatweel, presentation forms, digits, punctuation, controls, Latin.
fn arabic_like() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        8 => proptest::char::range('\u{0600}', '\u{06FF}'),
        2 => proptest::char::range('\u{FB50}', '\u{FDFF}'),
        2 => proptest::char::range('\u{FE70}', '\u{FEFF}'),
        2 => proptest::char::range('\u{0750}', '\u{077F}'),
        1 => proptest::char::range('\u{2000}', '\u{206F}'),
        3 => Just(' '),
        1 => Just('\n'),
        2 => proptest::char::range('!', '~'),
        1 => proptest::char::any(),
    ];
    proptest::collection::vec(pieces, 0..80).prop_map(|chars| chars.into_iter().collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![arabic_like(), any::<String>()]
}

fn check_idempotent(text: &str) -> Result<(), TestCaseError> {
    for profile in [Profile::Search, Profile::Display] {
        let once = normalize(text, profile);
        let twice = normalize(once.text(), profile);
        prop_assert_eq!(once.text(), twice.text(), "profile {:?}", profile);
    }
    Ok(())
}

/// Cases the property tests found once, kept so that they run every time.
#[test]
fn idempotence_regressions() {
    for text in [
        "\u{FE81}\u{0610}\u{0655}",
        "\u{06EA}\u{FE7B}",
        "ا\u{200D}\u{0654}",
        "\u{3141}\u{FFC2}",
        "\u{FBEA}\u{FE77}\u{0653}",
    ] {
        check_idempotent(text).unwrap();
    }
}

proptest! {
    // At least 2,000 cases; PROPTEST_CASES raises it for longer runs.
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.max(2000), ..ProptestConfig::default() })]

    #[test]
    fn normalisation_is_idempotent(text in any_text()) {
        check_idempotent(&text)?;
    }

    #[test]
    fn the_text_only_form_is_the_text_of_the_full_form(text in any_text(), ascii in "[ -~]{0,30}") {
        // Also plain text that is already normal, which the text-only form returns without normalising.
        let plain: String = text.chars().filter(|c| ('\u{0621}'..='\u{064A}').contains(c) && *c != '\u{0640}').collect();
        for sample in [text.as_str(), ascii.as_str(), plain.as_str()] {
            for profile in [Profile::Search, Profile::Display] {
                prop_assert_eq!(normalize_str(sample, profile), normalize(sample, profile).into_text());
            }
        }
    }

    #[test]
    fn offsets_map_into_the_original_on_char_boundaries(text in any_text(), a in 0usize..400, b in 0usize..400) {
        for profile in [Profile::Search, Profile::Display] {
            let n = normalize(&text, profile);
            let len = n.text().len();
            // Only ranges on char boundaries of the normalised text are meaningful.
            let boundaries: Vec<usize> = n.text().char_indices().map(|(i, _)| i).chain([len]).collect();
            let x = boundaries[a % boundaries.len()];
            let y = boundaries[b % boundaries.len()];
            let (start, end) = (x.min(y), x.max(y));
            let orig = n.original_range(start..end);
            prop_assert!(orig.start <= orig.end && orig.end <= text.len());
            prop_assert!(text.is_char_boundary(orig.start) && text.is_char_boundary(orig.end));
            // The original span of a non-empty range normalises to text that contains the range's text.
            if start < end {
                let back = normalize(&text[orig.clone()], profile);
                prop_assert!(back.text().contains(&n.text()[start..end]) || n.text()[start..end].chars().any(|c| !c.is_alphanumeric()),
                    "{:?} -> {:?} -> {:?}", &n.text()[start..end], &text[orig], back.text());
            }
        }
    }

    #[test]
    fn tokens_and_sentences_lie_on_char_boundaries(text in any_text()) {
        let mut last_end = 0;
        for token in tokens(&text) {
            prop_assert!(token.start >= last_end && token.start < token.end && token.end <= text.len());
            prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            last_end = token.end;
        }
        let mut last_end = 0;
        for sentence in sentences(&text) {
            prop_assert!(sentence.start >= last_end && sentence.start < sentence.end && sentence.end <= text.len());
            prop_assert!(text.is_char_boundary(sentence.start) && text.is_char_boundary(sentence.end));
            prop_assert_eq!(text[sentence.clone()].trim(), &text[sentence.clone()]);
            last_end = sentence.end;
        }
    }

    #[test]
    fn stem_and_name_key_never_panic_and_stems_are_substrings(text in any_text()) {
        let n = normalize(&text, Profile::Search);
        for token in tokens(n.text()) {
            let word = token.text(n.text());
            let st = stem(word);
            prop_assert!(word.contains(st));
            prop_assert!(!st.is_empty() || word.is_empty());
        }
        let key = NameKey::new(&text);
        let score = key.similarity(&key);
        prop_assert!(key.is_empty() || (score - 1.0).abs() < 1e-6);
    }
}
