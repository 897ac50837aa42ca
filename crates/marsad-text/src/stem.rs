//! A light stemmer for Arabic news text.
//!
//! Light stemming strips clitics and inflectional affixes and leaves the word's stem, without trying to find
//! its root: "والوزارات" → "وزار", "بالوزارة" → "وزار", "السوريين" → "سور", "قالوا" → "قال". It works on
//! search-normalised words (see [`crate::normalize::Profile::Search`]: alef folded, ة → ه, ى → ي) and returns a
//! slice of its input, so it never allocates.
//!
//! Stripped:
//! - proclitics: و ف ب ك ل and their pairs (وب ول فب …), the article ال and its clitic forms (وال بال كال فال
//!   لل وبال …);
//! - enclitic pronouns: ها هم هما كم كن نا ه, including after teh marbuta (ته تها تهم …);
//! - number, gender and nisba endings: ات ون ين ان يون يين يات تان تين ية ي ه (ة) يا ا وا.
//!
//! Two guards keep it from over-stemming, the usual failure of light stemmers (Light10 and Snowball turn
//! وزارة into زار, ISRI turns لبنان into لبن):
//! - length limits: a prefix or suffix goes only if at least three letters remain (four for the dual ان);
//! - a lexicon we wrote of news words whose first or last letters look like affixes but belong to the word
//!   (وزارة، وكالة، بيان، برلمان، فلسطين، لبنان، التزام، ألمانيا …). When some way of stripping a word lands on a
//!   lexicon stem, that reading wins.
//!
//! ```
//! use marsad_text::stem::stem;
//! assert_eq!(stem("والوزارات"), "وزار");
//! assert_eq!(stem("وزاره"), "وزار");      // not زار
//! assert_eq!(stem("زياره"), "زيار");      // a different word stays different
//! assert_eq!(stem("للبنان"), "لبنان");
//! assert_eq!(stem("وقالوا"), "قال");
//! ```
//!
//! Not done: broken plurals (وزراء stays apart from وزير), verb-tense prefixes (يعلن vs أعلن), roots. Those
//! need morphological analysis; for matching and clustering, light stems are what the literature recommends.
//!
//! Why our own: the stemmers in common libraries (ISRI, Snowball) over-stem news vocabulary; see
//! `eval/stemmer` for the comparison.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::utf8::arabic_index;

/// Returns the light stem of a search-normalised word (a slice of `word`).
pub fn stem(word: &str) -> &str {
    if word.len() <= 6 || !is_arabic_word(word) {
        return word;
    }
    let lexicon = &*LEXICON;
    // A reading that lands on the lexicon wins.
    let unprefixed = strip_suffixes(word, lexicon);
    if unprefixed.1 {
        return unprefixed.0;
    }
    let mut best_default: Option<&str> = None;
    for &(prefix, min_rest) in prefixes_for(word) {
        if !has_prefix(word.as_bytes(), prefix.as_bytes()) {
            continue;
        }
        let rest = &word[prefix.len()..];
        let rest_len = char_count(rest);
        if rest_len < 2 {
            continue;
        }
        let (core, hit) = strip_suffixes(rest, lexicon);
        if hit {
            return core;
        }
        if best_default.is_none() && rest_len >= min_rest {
            best_default = Some(core);
        }
    }
    best_default.unwrap_or(unprefixed.0)
}

/// Proclitic sequences by first letter, longest first, with the letters that must remain after removal.
const WAW_PREFIXES: &[(&str, usize)] = &[
    ("وبال", 2),
    ("وكال", 2),
    ("ولل", 2),
    ("وال", 2),
    ("وب", 3),
    ("ول", 3),
    ("وك", 3),
    ("و", 3),
];
const FA_PREFIXES: &[(&str, usize)] = &[
    ("فبال", 2),
    ("فلل", 2),
    ("فال", 2),
    ("فب", 3),
    ("فل", 3),
    ("ف", 3),
];
const BA_PREFIXES: &[(&str, usize)] = &[("بال", 2), ("ب", 3)];
const KAF_PREFIXES: &[(&str, usize)] = &[("كال", 2), ("ك", 3)];
const LAM_PREFIXES: &[(&str, usize)] = &[("لل", 2), ("ل", 3)];
const ALEF_PREFIXES: &[(&str, usize)] = &[("ال", 2)];

fn prefixes_for(word: &str) -> &'static [(&'static str, usize)] {
    match word.chars().next() {
        Some('و') => WAW_PREFIXES,
        Some('ف') => FA_PREFIXES,
        Some('ب') => BA_PREFIXES,
        Some('ك') => KAF_PREFIXES,
        Some('ل') => LAM_PREFIXES,
        Some('ا') => ALEF_PREFIXES,
        _ => &[],
    }
}

/// Byte-wise prefix and suffix tests, inlined: affixes are a few bytes, and a library call costs more.
#[inline]
fn has_prefix(word: &[u8], prefix: &[u8]) -> bool {
    word.len() >= prefix.len() && word.iter().zip(prefix).all(|(a, b)| a == b)
}

#[inline]
fn strip_suffix_bytes<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    let (w, x) = (word.as_bytes(), suffix.as_bytes());
    if w.len() >= x.len() && w[w.len() - x.len()..].iter().zip(x).all(|(a, b)| a == b) {
        Some(&word[..w.len() - x.len()])
    } else {
        None
    }
}

/// Suffix tables by the letter they end in: a word is only tried against the suffixes its last letter allows.
///
/// - teh pronouns: a pronoun on a teh marbuta that became ت (وزارته); removing one removes the ة as well,
///   so nothing more is stripped after it;
/// - pronouns: after these a number/gender ending may still follow (وزاراتها → وزارات → وزار);
/// - endings: number, gender and nisba, with the letters that must remain (four for the dual ان).
struct SuffixTables {
    teh_pronouns: &'static [&'static str],
    pronouns: &'static [&'static str],
    endings: &'static [(&'static str, usize)],
}

const NO_SUFFIXES: SuffixTables = SuffixTables {
    teh_pronouns: &[],
    pronouns: &[],
    endings: &[],
};

fn suffixes_ending_in(word: &str) -> &'static SuffixTables {
    const HEH: SuffixTables = SuffixTables {
        teh_pronouns: &["ته"],
        pronouns: &[],
        endings: &[("يه", 3), ("ه", 3)],
    };
    const ALEF: SuffixTables = SuffixTables {
        teh_pronouns: &["تهما", "تها", "تنا"],
        pronouns: &["هما", "ها", "نا"],
        endings: &[("يا", 3), ("وا", 3), ("ا", 3)],
    };
    const MEEM: SuffixTables = SuffixTables {
        teh_pronouns: &["تهم", "تكم"],
        pronouns: &["هم", "كم"],
        endings: &[],
    };
    const NOON: SuffixTables = SuffixTables {
        teh_pronouns: &[],
        pronouns: &["كن"],
        endings: &[
            ("يين", 3),
            ("يون", 3),
            ("تان", 3),
            ("تين", 3),
            ("ون", 3),
            ("ين", 3),
            ("ان", 4),
        ],
    };
    const YEH: SuffixTables = SuffixTables {
        teh_pronouns: &[],
        pronouns: &[],
        endings: &[("ي", 3)],
    };
    const TEH: SuffixTables = SuffixTables {
        teh_pronouns: &[],
        pronouns: &[],
        endings: &[("يات", 3), ("ات", 3)],
    };
    match word.chars().next_back() {
        Some('ه') => &HEH,
        Some('ا') => &ALEF,
        Some('م') => &MEEM,
        Some('ن') => &NOON,
        Some('ي') => &YEH,
        Some('ت') => &TEH,
        _ => &NO_SUFFIXES,
    }
}

/// Strips suffixes from `word`; the flag says whether the result (or an intermediate form, which is then
/// returned) is a lexicon stem.
fn strip_suffixes<'a>(word: &'a str, lexicon: &Lexicon) -> (&'a str, bool) {
    if lexicon.contains(word) {
        return (word, true);
    }
    let tables = suffixes_ending_in(word);
    if tables.teh_pronouns.is_empty() && tables.pronouns.is_empty() && tables.endings.is_empty() {
        return (word, false);
    }
    if strip_suffix_bytes(word, "ستان").is_some() {
        // Country names (باكستان، كردستان): never a dual.
        return (word, true);
    }
    for suffix in tables.teh_pronouns {
        if let Some(rest) = strip_suffix_bytes(word, suffix) {
            if char_count(rest) >= 3 {
                let hit = lexicon.contains(rest);
                return (rest, hit);
            }
        }
    }
    let mut current = word;
    let mut tables = tables;
    for suffix in tables.pronouns {
        if let Some(rest) = strip_suffix_bytes(current, suffix) {
            if char_count(rest) >= 3 {
                if lexicon.contains(rest) {
                    return (rest, true);
                }
                current = rest;
                tables = suffixes_ending_in(current);
                break;
            }
        }
    }
    for &(suffix, min_rest) in tables.endings {
        if let Some(rest) = strip_suffix_bytes(current, suffix) {
            if char_count(rest) >= min_rest {
                return (rest, lexicon.contains(rest));
            }
        }
    }
    (current, false)
}

/// Letters in a word already checked to be Arabic letters, all of which take two bytes in UTF-8.
#[inline]
fn char_count(s: &str) -> usize {
    s.len() / 2
}

/// Whether every character is an Arabic letter (all two bytes long in UTF-8), checked on the bytes.
#[inline]
fn is_arabic_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() % 2 == 0
        && (0..bytes.len()).step_by(2).all(|pos| {
            arabic_index(bytes, pos).is_some_and(
                |i| matches!(0x0600 + i, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3),
            )
        })
}

/// News words whose edges look like affixes but are part of the word, in search-normalised spelling. Each
/// entry is either a whole word that must keep its ending (لبنان، برلمان) or the stem of a word whose first
/// letter is a root letter (وزار for وزارة, بيان for بيانات). Written for marsad; extend freely.
const LEXICON_WORDS: &[&str] = &[
    // و-initial
    "وزار",
    "وزير",
    "وكال",
    "ولاي",
    "وفد",
    "وقت",
    "وضع",
    "وطن",
    "ودي",
    "وحد",
    "ورق",
    "وسط",
    "وسيل",
    "وصول",
    "وقف",
    "وجود",
    "وجه",
    "وثيق",
    "وعد",
    "والد",
    "وليد",
    "والي",
    "واقع",
    "واجب",
    "واشنطن",
    "وظيف",
    "وزن",
    "وادي",
    "ولد",
    "وصف",
    "وقود",
    "وباء",
    "وافق",
    "وقع",
    "وصل",
    "واصل",
    "وراء",
    "وسيط",
    "وساط",
    "وحش",
    "وعي",
    "وهم",
    "ورش",
    "وجب",
    "وفاء",
    "وفا",
    "وفات",
    "ولايات",
    "ورد",
    "وفر",
    "وقاي",
    "وريث",
    "وكيل",
    "وكلاء",
    "ولاء",
    // ف-initial
    "فريق",
    "فيلم",
    "فوز",
    "فكر",
    "فتر",
    "فرع",
    "فرص",
    "فصل",
    "فندق",
    "فلسطين",
    "فرنس",
    "فصاءل",
    "فصيل",
    "فقر",
    "فوضي",
    "فضاء",
    "فرد",
    "فيروس",
    "فعل",
    "فعال",
    "فتح",
    "فحص",
    "فءه",
    "فشل",
    "فاءد",
    "فاءز",
    "فارق",
    "فلاح",
    "فنان",
    "فنزويل",
    "فيتنام",
    "فيسبوك",
    "فجر",
    "فرض",
    "فوق",
    "فيضان",
    "فلوجه",
    // ب-initial
    "بيان",
    "بنك",
    "بلاد",
    "بلد",
    "بحر",
    "بحرين",
    "برلمان",
    "بريطان",
    "برنامج",
    "بيت",
    "بدا",
    "بدء",
    "بطول",
    "بطل",
    "برج",
    "بءر",
    "بيروت",
    "بغداد",
    "بنغازي",
    "بكين",
    "برلين",
    "بروكسل",
    "باريس",
    "بلجيك",
    "بولند",
    "بورص",
    "بضاءع",
    "بطاق",
    "بحث",
    "بناء",
    "بنيه",
    "بني",
    "بوابه",
    "بواب",
    "بيء",
    "بعث",
    "بيع",
    "بترول",
    "بنزين",
    "بطال",
    "بلدي",
    "بلديه",
    "بديل",
    "بحير",
    "بلوغ",
    "باب",
    "بال",
    "برد",
    "بشر",
    "بشار",
    "باكستان",
    "بنجلاديش",
    "بيلاروس",
    "بيرو",
    "برازيل",
    "بابا",
    "باحث",
    "برق",
    "بالون",
    // ك-initial
    "كتاب",
    "كلام",
    "كرسي",
    "كلم",
    "كبير",
    "كاس",
    "كند",
    "كوري",
    "كويت",
    "كوب",
    "كارث",
    "كهرباء",
    "كلي",
    "كيان",
    "كمي",
    "كفاء",
    "كاتب",
    "كتل",
    "كنيس",
    "كردستان",
    "كرد",
    "كورونا",
    "كلف",
    "كشف",
    "كامل",
    "كبار",
    "كيلو",
    "كيلومتر",
    "كينيا",
    "كولومبيا",
    "كازاخستان",
    // ل-initial
    "لجن",
    "لقاء",
    "لغ",
    "لعب",
    "لاعب",
    "لندن",
    "لواء",
    "لبنان",
    "ليل",
    "لحظ",
    "لاءح",
    "لاجء",
    "لقاح",
    "لحم",
    "لون",
    "لوح",
    "لوجست",
    "لوجستي",
    "لقب",
    "لسان",
    // ال- that is part of the word
    "الله",
    "التزام",
    "التزم",
    "التقي",
    "التقاء",
    "التحق",
    "التحاق",
    "التفاف",
    "التهاب",
    "الغاء",
    "الهام",
    "الزام",
    "الكترون",
    "الكتروني",
    "المان",
    "البان",
    "الماس",
    "الف",
    "الاف",
    "الي",
    "اليات",
    // endings that belong to the word
    "تشرين",
    "حزيران",
    "نيسان",
    "رمضان",
    "سليمان",
    "عثمان",
    "سلمان",
    "عمان",
    "ايران",
    "يابان",
    "سودان",
    "اذربيجان",
    "طهران",
    "تهران",
    "انسان",
    "ميدان",
    "بلدان",
    "عنوان",
    "طيران",
    "امكان",
    "مكان",
    "زمان",
    "سلطان",
    "ضمان",
    "صين",
    "يمين",
    "حسين",
    "امين",
    "ياسين",
    "دين",
    "قوانين",
    "ميادين",
    "مضامين",
    "تلفزيون",
    "مليون",
    "ملايين",
    "قانون",
    "كانون",
    "زيتون",
    "ليمون",
    "اتجاه",
    "مياه",
    "انتباه",
    "اشتباه",
    "رفاه",
    "مواجه",
    "موسيقي",
    "موسكو",
    "تونس",
    "يمن",
    "اردن",
    "مصر",
    "عراق",
    "قطر",
    "امارات",
    "مغرب",
    "جزاءر",
    "صومال",
    "موريتانيا",
    "غزه",
    "الغوطه",
    "حماه",
    "حماس",
    "داعش",
    "ناتو",
    "يونيسف",
    "يونسكو",
    "امم",
    "شرطه",
    "شرط",
    "جمعه",
    "قمه",
    "وداءع",
];

/// The lexicon, behind a bitset on (length, first letter, last letter) that rejects most words without hashing.
struct Lexicon {
    words: FxHashSet<&'static str>,
    filter: Vec<u64>,
}

impl Lexicon {
    fn new(list: &[&'static str]) -> Lexicon {
        let mut filter = vec![0u64; 1 << 10];
        for word in list {
            let bit = Self::filter_bit(word);
            filter[bit >> 6] |= 1 << (bit & 63);
        }
        Lexicon {
            words: list.iter().copied().collect(),
            filter,
        }
    }

    /// 16 bits: the length (mod 16) and the low six bits of the first and last letters' second UTF-8 bytes.
    #[inline]
    fn filter_bit(word: &str) -> usize {
        let bytes = word.as_bytes();
        match (bytes.get(1), bytes.last()) {
            (Some(&first), Some(&last)) => {
                (bytes.len() & 15) | ((first as usize & 63) << 4) | ((last as usize & 63) << 10)
            }
            _ => 0,
        }
    }

    #[inline]
    fn contains(&self, word: &str) -> bool {
        let bit = Self::filter_bit(word);
        self.filter[bit >> 6] & (1 << (bit & 63)) != 0 && self.words.contains(word)
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::new(LEXICON_WORDS));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Profile, normalize_str};

    fn s(word: &str) -> String {
        let n = normalize_str(word, Profile::Search);
        stem(&n).to_string()
    }

    #[test]
    fn strips_clitics_and_inflections() {
        assert_eq!(s("والوزارات"), "وزار");
        assert_eq!(s("بالوزارة"), "وزار");
        assert_eq!(s("وزارتها"), "وزار");
        assert_eq!(s("السوريين"), "سور");
        assert_eq!(s("السورية"), "سور");
        assert_eq!(s("وقالوا"), "قال");
        assert_eq!(s("اتفاقيات"), "اتفاق");
        assert_eq!(s("للحكومة"), "حكوم");
        assert_eq!(s("حكومته"), "حكوم");
    }

    #[test]
    fn does_not_over_stem() {
        assert_eq!(s("وزارة"), "وزار");
        assert_ne!(s("وزارة"), s("زار"));
        assert_ne!(s("وزارة"), s("زيارة"));
        assert_eq!(s("لبنان"), "لبنان");
        assert_eq!(s("اللبنانيون"), "لبنان");
        assert_eq!(s("فلسطين"), "فلسطين");
        assert_eq!(s("الفلسطينيين"), "فلسطين");
        assert_eq!(s("بيان"), "بيان");
        assert_eq!(s("البيانات"), "بيان");
        assert_eq!(s("باكستان"), "باكستان");
        assert_eq!(s("ألمانيا"), "المان");
        assert_eq!(s("الألمانية"), "المان");
        assert_eq!(s("البرلمان"), "برلمان");
    }

    #[test]
    fn short_and_foreign_words_are_left_alone() {
        assert_eq!(s("قال"), "قال");
        assert_eq!(s("من"), "من");
        assert_eq!(s("reuters"), "reuters");
        assert_eq!(s("2025"), "2025");
    }

    #[test]
    fn lexicon_is_written_in_search_normalised_spelling() {
        let wrong: Vec<_> = LEXICON_WORDS
            .iter()
            .filter(|w| normalize_str(w, Profile::Search) != **w)
            .collect();
        assert!(wrong.is_empty(), "not normalised: {wrong:?}");
    }

    #[test]
    fn stem_is_a_slice_of_the_word() {
        for word in ["والوزارات", "كتابهم", "فبالتالي", "x", ""] {
            let st = stem(word);
            assert!(word.contains(st));
        }
    }
}
