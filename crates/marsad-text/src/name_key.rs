//! Comparable keys for personal and organisation names across spellings.
//!
//! Outlets spell one person many ways: with or without the article (الشيباني / شيباني), with a long vowel
//! dropped or added (السلامة / السلمة), with an emphatic letter for its plain twin (قصرة / قسرة), with ع or
//! hamza lost in transliteration (أسعد / أسد, الشيباني / الشعيباني), with or without the father's name. A
//! [`NameKey`] reduces each token of a name to a consonant skeleton in which those differences vanish, and
//! [`NameKey::similarity`] compares two names token by token, requiring the family name to agree, so that
//! people who share only a first name or only a family name stay apart.
//!
//! Per token, after search normalisation:
//! 1. the article ال (and a clitic و or ل before it) goes: الشيباني → شيباني;
//! 2. emphatic letters become their plain twins: ص→س ط→ت ض→د ظ→ز;
//! 3. ا ع ء and ى are dropped after the first letter, teh marbuta/ه at the end is dropped;
//! 4. doubled letters collapse (a lost shadda).
//!
//! The connectors بن / ابن / بنت are dropped, and عبد joins the word after it (عبد الله = عبدالله).
//! و and ي are kept: dropping them would make محمد and محمود, or حسن and حسين, one key.
//!
//! ```
//! use marsad_text::name_key::NameKey;
//! let a = NameKey::new("أسعد حسن الشيباني");
//! let b = NameKey::new("أسعد الشعيباني");
//! assert!(a.similarity(&b) >= NameKey::SAME_PERSON);
//! assert!(NameKey::new("حسين سلامة").similarity(&NameKey::new("حسين الشيباني")) < NameKey::SAME_PERSON);
//! ```
//!
//! What it does not do: decide who is who. The entity stage adds context (roles, co-occurrence, outlet
//! agreement) on top of this evidence.
//!
//! Why our own: phonetic keys (Soundex and kin) are built for Latin script, and the Arabic name matchers we
//! know work on transliterations, not on Arabic-to-Arabic spelling variation.

use std::fmt;

use crate::normalize::{Profile, normalize_str};
use crate::tokenize::words;

/// The skeleton key of a name: one key per name token.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameKey {
    tokens: Vec<String>,
}

impl NameKey {
    /// Similarity at or above which two keys may name the same person (before context is considered).
    pub const SAME_PERSON: f32 = 0.75;

    /// Builds the key of a name as written (any spelling, with or without diacritics).
    pub fn new(name: &str) -> NameKey {
        let normalised = normalize_str(name, Profile::Search);
        let mut tokens: Vec<String> = Vec::new();
        let mut join_next = false;
        for word in words(&normalised) {
            if matches!(word, "بن" | "ابن" | "بنت") {
                continue;
            }
            if join_next {
                join_next = false;
                if let Some(last) = tokens.last_mut() {
                    *last = token_key(&format!("عبد{word}"));
                    continue;
                }
            }
            let key = token_key(word);
            if key.is_empty() {
                continue;
            }
            join_next = word == "عبد";
            tokens.push(key);
        }
        NameKey { tokens }
    }

    /// The token keys.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// How alike two names are, from 0 (nothing shared) to 1 (one is the other, or the other with tokens
    /// left out, such as the father's name).
    ///
    /// Tokens are aligned in order (longest common subsequence, with near-equal tokens counting as 0.8). With
    /// two or more tokens on both sides, the last tokens (the family name) must match, and so must the first
    /// unless all of the shorter name aligns, or the score is at most 0.5; a one-token name matching only one token of a longer name scores 0.6 at most: a bare family name
    /// is weak evidence.
    pub fn similarity(&self, other: &NameKey) -> f32 {
        let (a, b) = (&self.tokens, &other.tokens);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let aligned = align(a, b);
        let shorter = a.len().min(b.len()) as f32;
        let mut score = aligned / shorter;
        if a.len() >= 2 && b.len() >= 2 {
            let last = token_similarity(&a[a.len() - 1], &b[b.len() - 1], true);
            let first = token_similarity(&a[0], &b[0], false);
            // Different family names, or different first names unless the shorter name is wholly part of the
            // longer one (a family name with its particle: أبو قسرة in مرهف أبو قسرة).
            if last == 0.0 || (first == 0.0 && score < 0.99) {
                score = score.min(0.5);
            }
        } else if a.len() != b.len() {
            score = score.min(0.6);
        }
        score
    }
}

impl fmt::Display for NameKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.tokens.join(" "))
    }
}

/// The key of one token of a search-normalised name.
pub fn token_key(token: &str) -> String {
    let mut word = token;
    for article in ["وال", "لل", "ال"] {
        if let Some(rest) = word.strip_prefix(article) {
            if rest.chars().count() >= 2 {
                word = rest;
                break;
            }
        }
    }
    let mut key = String::with_capacity(word.len());
    let mut last: Option<char> = None;
    let count = word.chars().count();
    for (i, c) in word.chars().enumerate() {
        let c = match c {
            'ص' => 'س',
            'ط' => 'ت',
            'ض' => 'د',
            'ظ' => 'ز',
            other => other,
        };
        if i > 0 && matches!(c, 'ا' | 'ع' | 'ء' | 'ى') {
            continue;
        }
        if i + 1 == count && i > 1 && c == 'ه' {
            continue;
        }
        if last == Some(c) {
            continue;
        }
        key.push(c);
        last = Some(c);
    }
    key
}

/// 1 for equal keys; 0.8 for keys one edit apart when both have five letters or more (shorter keys are whole
/// given names, where one letter makes another name: محمد / محمود); 0.8 for family names that differ by one
/// long vowel و or ي (الصيرفي / الصرفي); else 0.
fn token_similarity(a: &str, b: &str, family: bool) -> f32 {
    if a == b {
        return 1.0;
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = ac.len().min(bc.len());
    if (shorter >= 5 && edit_distance_at_most_one(&ac, &bc))
        || (family && shorter >= 3 && differ_by_long_vowel(&ac, &bc))
    {
        0.8
    } else {
        0.0
    }
}

/// Whether the longer key is the shorter with one و or ي inserted.
fn differ_by_long_vowel(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    matches!(long[prefix], 'و' | 'ي') && short[prefix..] == long[prefix + 1..]
}

fn edit_distance_at_most_one(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Weighted longest common subsequence of two token lists.
fn align(a: &[String], b: &[String]) -> f32 {
    let mut table = vec![vec![0.0f32; b.len() + 1]; a.len() + 1];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let family = i == a.len() && j == b.len();
            let matched = table[i - 1][j - 1] + token_similarity(&a[i - 1], &b[j - 1], family);
            table[i][j] = matched.max(table[i - 1][j]).max(table[i][j - 1]);
        }
    }
    table[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        NameKey::new(a).similarity(&NameKey::new(b)) >= NameKey::SAME_PERSON
    }

    #[test]
    fn token_keys_fold_the_usual_variation() {
        assert_eq!(token_key("الشيباني"), token_key("شيباني"));
        assert_eq!(token_key("الشعيباني"), token_key("شيباني"));
        assert_eq!(token_key("اسعد"), token_key("اسد"));
        assert_eq!(token_key("قصره"), token_key("قسره"));
        assert_eq!(token_key("السلامه"), token_key("السلمه"));
    }

    #[test]
    fn keeps_hassan_and_hussein_and_muhammad_and_mahmoud_apart() {
        assert_ne!(token_key("حسن"), token_key("حسين"));
        assert_ne!(token_key("محمد"), token_key("محمود"));
    }

    #[test]
    fn abd_joins_and_bin_is_dropped() {
        assert_eq!(
            NameKey::new("عبد الله بن خالد"),
            NameKey::new("عبدالله خالد")
        );
    }

    #[test]
    fn invented_minister_spellings_meet() {
        // Written for this test: one invented minister, four spellings.
        for variant in [
            "سليم عبد الرزاق الطحان",
            "سليم الطحان",
            "سليم طحان",
            "سليم التحان",
        ] {
            assert!(same("سليم عبد الرزاق الطحان", variant), "{variant}");
        }
        assert!(!same("سليم الطحان", "سليم الحداد"));
        assert!(!same("سليم الطحان", "كريم الطحان"));
        // A long vowel dropped from the family name only.
        assert!(same("سليم الطحاوي", "سليم الطحوي"));
        assert!(same("سليم الطحاوي", "سليم التحاوي"));
    }

    #[test]
    fn empty_names() {
        assert!(NameKey::new("").is_empty());
        assert_eq!(NameKey::new("").similarity(&NameKey::new("سليم")), 0.0);
    }
}
