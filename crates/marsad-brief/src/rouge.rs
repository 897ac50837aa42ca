//! ROUGE for Arabic summaries: ROUGE-1 and ROUGE-2 (clipped n-gram recall, precision, F1) and ROUGE-L
//! (longest common subsequence F1), over Arabic-aware tokens.
//!
//! Tokens are the words and numbers of the search-normalised text ([`marsad_text::normalize()`] with
//! [`Profile::Search`], then [`marsad_text::tokenize`]): diacritics, tatweel and hamza/alef/teh-marbuta
//! spelling differences are folded, punctuation is dropped, digits are kept (Arabic-Indic digits become
//! ASCII, so "٢٣" and "23" match). [`TokenMode::Stem`] also light-stems every word
//! ([`marsad_text::stem()`]), so "الدبلوماسيين" and "دبلوماسيا" count as the same unigram. Stop words are kept,
//! as in the original ROUGE.
//!
//! ```
//! use marsad_brief::rouge::{score, TokenMode};
//! let s = score("طردت لندن ٢٣ دبلوماسيًا روسيًا", "طردت لندن 23 دبلوماسيا", TokenMode::Surface);
//! assert_eq!(s.rouge1.recall, 1.0);
//! assert!((s.rouge1.precision - 0.8).abs() < 1e-12);
//! ```
//!
//! Not done here: ROUGE-L over sentence unions (the "summary-level" LCS of Lin 2004; we take the LCS of the
//! whole token sequences, like `rougeL` in Google's rouge-score), multiple references per summary,
//! jackknifing, bootstrap confidence intervals, stop-word removal.
//!
//! Why hand-written: the usual Python tokenizer (rouge-score) keeps only `[a-z0-9]`, so Arabic text scores
//! zero; the Rust ROUGE crates bring their own English tokenisation. The metric itself is a few dozen lines;
//! what matters is the tokenisation, which must be the one the rest of marsad uses.

use std::collections::HashMap;

use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::stem::stem;
use marsad_text::tokenize::{TokenKind, tokens as raw_tokens};

/// How text becomes ROUGE tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenMode {
    /// Search-normalised words and numbers, as written otherwise.
    Surface,
    /// Search-normalised words light-stemmed; numbers as they are.
    Stem,
}

impl TokenMode {
    /// Both modes, surface first.
    pub const ALL: [TokenMode; 2] = [TokenMode::Surface, TokenMode::Stem];

    /// A short name for tables ("surface", "stem").
    pub fn name(self) -> &'static str {
        match self {
            TokenMode::Surface => "surface",
            TokenMode::Stem => "stem",
        }
    }
}

/// The ROUGE tokens of a text: words and numbers of its search normalisation, punctuation and symbols
/// dropped.
pub fn tokens(text: &str, mode: TokenMode) -> Vec<String> {
    let normalised = normalize_str(text, Profile::Search);
    raw_tokens(&normalised)
        .filter_map(|t| {
            let token = t.text(&normalised);
            match (t.kind, mode) {
                (TokenKind::Word, TokenMode::Stem) => Some(stem(token).to_string()),
                (TokenKind::Word | TokenKind::Number, _) => Some(token.to_string()),
                _ => None,
            }
        })
        .collect()
}

/// Recall, precision and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Score {
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
}

impl Score {
    /// From a match count and the two totals. Two empty sides agree perfectly (so identical texts always
    /// score 1, even when too short for a bigram); one empty side scores 0.
    fn from_counts(matched: usize, candidate: usize, reference: usize) -> Score {
        if candidate == 0 && reference == 0 {
            return Score {
                recall: 1.0,
                precision: 1.0,
                f1: 1.0,
            };
        }
        let recall = ratio(matched, reference);
        let precision = ratio(matched, candidate);
        let f1 = if recall + precision > 0.0 {
            2.0 * recall * precision / (recall + precision)
        } else {
            0.0
        };
        Score {
            recall,
            precision,
            f1,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// ROUGE-1, ROUGE-2 and ROUGE-L of one candidate against one reference.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Rouge {
    pub rouge1: Score,
    pub rouge2: Score,
    pub rouge_l: Score,
}

/// Scores a candidate summary against a reference, both tokenised with `mode`.
pub fn score(candidate: &str, reference: &str, mode: TokenMode) -> Rouge {
    score_tokens(&tokens(candidate, mode), &tokens(reference, mode))
}

/// Scores already tokenised texts.
pub fn score_tokens(candidate: &[String], reference: &[String]) -> Rouge {
    Rouge {
        rouge1: rouge_n(candidate, reference, 1),
        rouge2: rouge_n(candidate, reference, 2),
        rouge_l: rouge_l(candidate, reference),
    }
}

/// The n-grams of a token sequence with their counts.
pub fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut counts = HashMap::new();
    if n == 0 {
        return counts;
    }
    for gram in tokens.windows(n) {
        *counts.entry(gram).or_insert(0) += 1;
    }
    counts
}

/// ROUGE-N: n-gram matches clipped by the count on either side (an n-gram said twice in the candidate but
/// once in the reference matches once).
pub fn rouge_n(candidate: &[String], reference: &[String], n: usize) -> Score {
    let c = ngrams(candidate, n);
    let r = ngrams(reference, n);
    let matched = c
        .iter()
        .map(|(gram, count)| r.get(gram).map_or(0, |rc| (*count).min(*rc)))
        .sum();
    Score::from_counts(matched, c.values().sum(), r.values().sum())
}

/// ROUGE-L: recall and precision of the longest common subsequence, F1 as their harmonic mean (β = 1).
pub fn rouge_l(candidate: &[String], reference: &[String]) -> Score {
    Score::from_counts(
        lcs_len(candidate, reference),
        candidate.len(),
        reference.len(),
    )
}

/// Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory.
pub fn lcs_len(a: &[String], b: &[String]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                current[j].max(previous[j + 1])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(words: &str) -> Vec<String> {
        words.split_whitespace().map(str::to_string).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_fold_spelling_drop_punctuation_keep_digits() {
        assert_eq!(
            tokens("أعلنتْ الوزارةُ، اليوم: «٢٣» قتيلاً!", TokenMode::Surface),
            ["اعلنت", "الوزاره", "اليوم", "23", "قتيلا"]
        );
        assert_eq!(tokens("والوزارات 2018", TokenMode::Stem), ["وزار", "2018"]);
    }

    #[test]
    fn rouge_1_and_2_by_hand() {
        // candidate: a b c a (4 unigrams, 3 bigrams); reference: a b a d e (5 unigrams, 4 bigrams).
        // Unigram matches: a min(2,2)=2, b 1, c 0 → 3. Bigrams: ab ✓, bc ✗, ca ✗ → 1.
        let c = toks("a b c a");
        let r = toks("a b a d e");
        let one = rouge_n(&c, &r, 1);
        assert!(close(one.recall, 3.0 / 5.0));
        assert!(close(one.precision, 3.0 / 4.0));
        assert!(close(one.f1, 2.0 * 0.6 * 0.75 / 1.35));
        let two = rouge_n(&c, &r, 2);
        assert!(close(two.recall, 1.0 / 4.0));
        assert!(close(two.precision, 1.0 / 3.0));
    }

    #[test]
    fn repeated_ngrams_are_clipped() {
        let s = rouge_n(&toks("x x x x"), &toks("x y"), 1);
        assert!(close(s.recall, 0.5));
        assert!(close(s.precision, 0.25));
    }

    #[test]
    fn rouge_l_by_hand() {
        // LCS of "a b c d e" and "a c e f" is "a c e": recall 3/4, precision 3/5.
        let s = rouge_l(&toks("a b c d e"), &toks("a c e f"));
        assert!(close(s.recall, 0.75));
        assert!(close(s.precision, 0.6));
        assert!(close(s.f1, 2.0 * 0.75 * 0.6 / 1.35));
        assert_eq!(lcs_len(&toks("a b"), &toks("b a")), 1);
        assert_eq!(lcs_len(&[], &toks("a")), 0);
    }

    #[test]
    fn arabic_spelling_variants_match() {
        let s = score(
            "أكّد الرئيس أنّ الانتخابات ستُجرى",
            "اكد الرئيس ان الإنتخابات ستجري",
            TokenMode::Surface,
        );
        assert!(close(s.rouge1.f1, 1.0));
        assert!(close(s.rouge_l.f1, 1.0));
    }

    #[test]
    fn stems_match_inflections_surface_does_not() {
        let surface = score("الوزارات", "وزارة", TokenMode::Surface);
        let stemmed = score("الوزارات", "وزارة", TokenMode::Stem);
        assert_eq!(surface.rouge1.f1, 0.0);
        assert!(close(stemmed.rouge1.f1, 1.0));
    }

    #[test]
    fn empty_sides() {
        assert_eq!(score("", "نص ما", TokenMode::Surface).rouge1.f1, 0.0);
        assert_eq!(score("نص ما", "", TokenMode::Surface).rouge1.f1, 0.0);
        assert_eq!(score("!", "،", TokenMode::Surface).rouge1.f1, 1.0);
    }

    fn arabic_text() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "قال",
            "الوزير",
            "إن",
            "الحكومة",
            "ستعلن",
            "٣",
            "قرارات",
            "جديدة",
            "في",
            "الأسبوع",
            "المقبل",
            ".",
            "،",
            "أكّد",
            "2018",
        ]);
        prop::collection::vec(words, 0..30).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn scores_lie_in_unit_interval(a in arabic_text(), b in arabic_text()) {
            for mode in TokenMode::ALL {
                let s = score(&a, &b, mode);
                for x in [s.rouge1, s.rouge2, s.rouge_l] {
                    for v in [x.recall, x.precision, x.f1] {
                        prop_assert!((0.0..=1.0).contains(&v), "{v}");
                    }
                }
                // Recall one way is precision the other way.
                let back = score(&b, &a, mode);
                prop_assert!(close(s.rouge1.recall, back.rouge1.precision));
                prop_assert!(close(s.rouge_l.f1, back.rouge_l.f1));
            }
        }

        #[test]
        fn identical_texts_score_one(a in arabic_text()) {
            for mode in TokenMode::ALL {
                let s = score(&a, &a, mode);
                prop_assert!(close(s.rouge1.f1, 1.0));
                prop_assert!(close(s.rouge2.f1, 1.0));
                prop_assert!(close(s.rouge_l.f1, 1.0));
            }
        }
    }
}
