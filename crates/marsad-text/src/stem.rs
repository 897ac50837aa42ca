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

/// Returns the light stem of a search-normalised word (a slice of `word`).
pub fn stem(word: &str) -> &str {
    if word.len() <= 6 || !word.chars().all(is_arabic_letter) {
        return word;
    }
    let lexicon = &*LEXICON;
    // A reading that lands on the lexicon wins.
    let unprefixed = strip_suffixes(word, lexicon);
    if unprefixed.1 || !word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']) {
        return unprefixed.0;
    }
    let mut best_default: Option<&str> = None;
    for &(prefix, min_rest) in PREFIXES {
        let Some(rest) = word.strip_prefix(prefix) else {
            continue;
        };
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

/// Proclitic sequences, longest first, with the letters that must remain after removal.
const PREFIXES: &[(&str, usize)] = &[
    ("وبال", 2),
    ("وكال", 2),
    ("فبال", 2),
    ("ولل", 2),
    ("فلل", 2),
    ("وال", 2),
    ("فال", 2),
    ("بال", 2),
    ("كال", 2),
    ("لل", 2),
    ("ال", 2),
    ("وب", 3),
    ("ول", 3),
    ("وك", 3),
    ("فب", 3),
    ("فل", 3),
    ("و", 3),
    ("ف", 3),
    ("ب", 3),
    ("ك", 3),
    ("ل", 3),
];

/// Pronoun suffixes attached to a teh marbuta that became ت: removing them removes the ة as well, so the
/// result needs no further stripping.
const TEH_PRONOUNS: &[&str] = &["تهما", "تهم", "تها", "تكم", "تنا", "ته"];
/// Pronoun suffixes after which number/gender endings may still follow (وزاراتها → وزارات → وزار).
const PRONOUNS: &[&str] = &["هما", "ها", "هم", "كم", "كن", "نا"];
/// Number, gender and nisba endings, longest first, with the letters that must remain.
const ENDINGS: &[(&str, usize)] = &[
    ("يين", 3),
    ("يون", 3),
    ("يات", 3),
    ("تان", 3),
    ("تين", 3),
    ("ات", 3),
    ("ون", 3),
    ("ين", 3),
    ("ان", 4),
    ("يه", 3),
    ("يا", 3),
    ("وا", 3),
    ("ه", 3),
    ("ي", 3),
    ("ا", 3),
];

/// Strips suffixes from `word`; the flag says whether the result (or an intermediate form, which is then
/// returned) is a lexicon stem.
fn strip_suffixes<'a>(word: &'a str, lexicon: &FxHashSet<&str>) -> (&'a str, bool) {
    if lexicon.contains(word) {
        return (word, true);
    }
    if word.ends_with("ستان") {
        // Country names (باكستان، كردستان): never a dual.
        return (word, true);
    }
    let mut current = word;
    for suffix in TEH_PRONOUNS {
        if let Some(rest) = current.strip_suffix(suffix) {
            if char_count(rest) >= 3 {
                let hit = lexicon.contains(rest);
                return (rest, hit);
            }
        }
    }
    for suffix in PRONOUNS {
        if let Some(rest) = current.strip_suffix(suffix) {
            if char_count(rest) >= 3 {
                if lexicon.contains(rest) {
                    return (rest, true);
                }
                current = rest;
                break;
            }
        }
    }
    for &(suffix, min_rest) in ENDINGS {
        if let Some(rest) = current.strip_suffix(suffix) {
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

#[inline]
fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x063A | 0x0641..=0x064A | 0x0671..=0x06D3)
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

static LEXICON: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| LEXICON_WORDS.iter().copied().collect());

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
