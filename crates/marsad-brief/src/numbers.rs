//! Quantities in Arabic news sentences: the number, how exact the outlet claims it is, its scale and
//! currency, and whether the sentence rejects it.
//!
//! [`quantities`] reads a sentence as written: digits in any system (`١٫٢` and `1.2` are the same number,
//! through `marsad_text::normalize`'s search profile), number words for small numbers and tens (ثلاثة،
//! ثماني، عشرين، مئتين), scale words (ألف/آلاف، مليون، مليار, and their duals: مليونين = 2 000 000), a
//! currency after the number (دولار → `USD`, يورو, دينار …), and qualifiers: "أكثر من 300" is a lower
//! bound, "أقل من" an upper one, "نحو/حوالي/قرابة/زهاء/ما يقارب/تقريباً" an approximation (±10 %), and "لا
//! 1.2 مليار" (the outlet naming a value it rejects) is marked `negated`.
//!
//! ```
//! use marsad_brief::numbers::{quantities, Bound};
//! let q = quantities("تبلغ الكلفة ١٫٢ مليار دولار، بمشاركة أكثر من 300 شركة");
//! assert_eq!(q[0].value, 1_200_000_000.0);
//! assert_eq!(q[0].currency, Some("USD"));
//! assert_eq!(q[1].bound, Bound::AtLeast);
//! ```
//!
//! What it does not do: compound number words ("خمسة وعشرون"), ordinals ("الدورة السادسة" is not 6),
//! fractions in words ("نصف"), or anything beyond one sentence. Numbers inside dates and times ("13
//! أغسطس"، "10:12") are the caller's to exclude (the contradiction finder drops those inside
//! `marsad_dates` mentions; tokens with `:` or `/` are never read as quantities here).
//!
//! Why hand-written: number-parsing crates read Western digits and English words; Arabic number words,
//! scale words with dual forms and Arabic qualifiers need a small table, which is all this is.

use std::ops::Range;

use marsad_text::normalize::{Profile, normalize};
use marsad_text::stem::stem;
use marsad_text::tokenize::{TokenKind, tokens};

/// How exactly an outlet states a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// "14".
    Exact,
    /// "نحو 60", "حوالي 60", "60 تقريباً": within ±10 %.
    Approx,
    /// "أكثر من 300", "لا تقل عن 25": the value or more.
    AtLeast,
    /// "أقل من 10": the value or less.
    AtMost,
}

/// One quantity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The number with its scale applied (1.2 مليار → 1.2e9).
    pub value: f64,
    pub bound: Bound,
    /// ISO code for dollars and euros, the word (search-normalised) for other currencies.
    pub currency: Option<&'static str>,
    /// A scale word (ألف، مليون، مليار) was written.
    pub scaled: bool,
    /// The sentence rejects this value ("لا 1.2 مليار كما أُعلن").
    pub negated: bool,
    /// Byte range of the number (with scale and currency) in the text given to [`quantities`].
    pub span: Range<usize>,
    /// Token positions (among the sentence's word and number tokens) of the first and past-the-last token.
    pub tokens: Range<usize>,
}

impl Quantity {
    /// The range of values the outlet's wording allows, as (low, high).
    pub fn interval(&self) -> (f64, f64) {
        match self.bound {
            Bound::Exact => (self.value, self.value),
            Bound::Approx => (self.value * 0.9, self.value * 1.1),
            Bound::AtLeast => (self.value, f64::INFINITY),
            Bound::AtMost => (f64::NEG_INFINITY, self.value),
        }
    }

    /// The value as marsad shows it: "1200000000 USD", "14", ">300", "~60".
    pub fn normalised(&self) -> String {
        let number = format_number(self.value);
        let prefix = match self.bound {
            Bound::Exact => "",
            Bound::Approx => "~",
            Bound::AtLeast => ">",
            Bound::AtMost => "<",
        };
        match self.currency {
            Some(c) => format!("{prefix}{number} {c}"),
            None => format!("{prefix}{number}"),
        }
    }
}

/// Whether two stated values can both be true (their intervals meet).
pub fn compatible(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let s = format!("{value:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A token of the normalised sentence that matters here: a word or a number, with its original byte range.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub text: String,
    pub number: bool,
    pub original: Range<usize>,
    /// Punctuation (a comma, a full stop) comes right after it.
    pub punct_after: bool,
}

/// The word and number tokens of `text`, search-normalised, with their original ranges.
pub(crate) fn toks(text: &str) -> Vec<Tok> {
    let n = normalize(text, Profile::Search);
    let norm = n.text();
    let mut out: Vec<Tok> = Vec::new();
    let mut skip_until = 0;
    for t in tokens(norm) {
        if t.start < skip_until {
            continue;
        }
        // A clitic glued to a number ("بـ5,000" → "ب5"): the tokenizer keeps digits after a letter in the
        // word, so read the number again from its first digit, separators included.
        let word = t.text(norm);
        if t.kind == TokenKind::Word
            && let Some(d) = word.find(|c: char| c.is_ascii_digit())
            && (1..=2).contains(&word[..d].chars().count())
            && word[..d]
                .chars()
                .all(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك'))
            && let Some(number) = tokens(&norm[t.start + d..]).next()
            && number.kind == TokenKind::Number
        {
            let range = t.start + d..t.start + d + number.end;
            skip_until = range.end;
            out.push(Tok {
                text: norm[range.clone()].to_string(),
                number: true,
                original: n.original_range(range),
                punct_after: false,
            });
            continue;
        }
        match t.kind {
            TokenKind::Word | TokenKind::Number => out.push(Tok {
                text: t.text(norm).to_string(),
                number: t.kind == TokenKind::Number,
                original: n.original_range(t.range()),
                punct_after: false,
            }),
            TokenKind::Punct | TokenKind::Symbol => {
                let p = t.text(norm);
                // A currency sign before a number is not a break; anything else (a comma, "%") is.
                if let Some(last) = out.last_mut()
                    && p != "$"
                {
                    last.punct_after = true;
                }
            }
        }
    }
    out
}

/// Strips one leading conjunction or preposition letter (و ف ب ل ك) when what remains is at least
/// `min` letters long.
pub(crate) fn strip_clitic(word: &str, min: usize) -> &str {
    for p in ['و', 'ف', 'ب', 'ل', 'ك'] {
        if let Some(rest) = word.strip_prefix(p)
            && rest.chars().count() >= min
        {
            return rest;
        }
    }
    word
}

fn digits_value(token: &str) -> Option<f64> {
    if token.contains([':', '/']) {
        return None;
    }
    let dots = token.matches('.').count();
    if dots > 1 {
        return None;
    }
    // A comma followed by exactly three digits groups thousands; any other comma is a decimal mark.
    let mut cleaned = String::with_capacity(token.len());
    let parts: Vec<&str> = token.split(',').collect();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            if part.len() == 3 && part.bytes().all(|b| b.is_ascii_digit()) {
                // thousands group: nothing to add
            } else if dots == 0 && parts.len() == 2 {
                cleaned.push('.');
            } else {
                return None;
            }
        }
        cleaned.push_str(part);
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Small numbers and tens in words (search-normalised, one clitic stripped).
fn word_value(word: &str) -> Option<f64> {
    let w = strip_clitic(word, 3);
    let v = match w {
        "واحد" | "واحده" => 1.0,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" => 2.0,
        "ثلاث" | "ثلاثه" => 3.0,
        "اربع" | "اربعه" => 4.0,
        "خمس" | "خمسه" => 5.0,
        "ست" | "سته" => 6.0,
        "سبع" | "سبعه" => 7.0,
        "ثماني" | "ثمان" | "ثمانيه" => 8.0,
        "تسع" | "تسعه" => 9.0,
        "عشر" | "عشره" => 10.0,
        "عشرين" | "عشرون" => 20.0,
        "ثلاثين" | "ثلاثون" => 30.0,
        "اربعين" | "اربعون" => 40.0,
        "خمسين" | "خمسون" => 50.0,
        "ستين" | "ستون" => 60.0,
        "سبعين" | "سبعون" => 70.0,
        "ثمانين" | "ثمانون" => 80.0,
        "تسعين" | "تسعون" => 90.0,
        "مءه" | "مايه" | "ماءه" => 100.0,
        "مءتين" | "مءتان" | "مايتين" | "مايتان" => 200.0,
        _ => return None,
    };
    Some(v)
}

/// A scale word after a number: its factor. Duals stand alone and carry their own 2.
fn scale(word: &str) -> Option<f64> {
    let w = strip_clitic(word, 3);
    match w {
        "الف" | "الفا" | "الاف" => Some(1e3),
        "مليون" | "مليونا" | "ملايين" => Some(1e6),
        "مليار" | "مليارا" | "مليارات" | "بليون" => Some(1e9),
        "تريليون" | "ترليون" => Some(1e12),
        _ => None,
    }
}

/// A dual scale word standing alone as a number: مليونين = 2 000 000.
fn dual_scale(word: &str) -> Option<f64> {
    let w = strip_clitic(word, 4);
    match w {
        "الفين" | "الفان" | "الفي" => Some(2e3),
        "مليونين" | "مليونان" | "مليوني" => Some(2e6),
        "مليارين" | "ملياران" | "ملياري" => Some(2e9),
        _ => None,
    }
}

fn currency(word: &str) -> Option<&'static str> {
    let w = strip_clitic(word, 3);
    let s = stem(w);
    let c = match s {
        "دولار" => "USD",
        "يورو" => "EUR",
        "دينار" => "دينار",
        "ريال" => "ريال",
        "درهم" => "درهم",
        "جنيه" => "جنيه",
        "ليره" | "لير" => "ليرة",
        _ => match w {
            "دولار" | "دولارا" | "دولارات" => "USD",
            "usd" => "USD",
            "eur" => "EUR",
            _ => return None,
        },
    };
    Some(c)
}

/// Every quantity in `text`, in order.
pub fn quantities(text: &str) -> Vec<Quantity> {
    let toks = toks(text);
    let mut out: Vec<Quantity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let base = if toks[i].number {
            digits_value(&toks[i].text)
        } else {
            word_value(&toks[i].text).or_else(|| dual_scale(&toks[i].text))
        };
        let scale_alone = if base.is_none() && !toks[i].number {
            // "مليار دولار" without a number before it means one billion.
            scale(&toks[i].text)
                .filter(|_| toks.get(i + 1).is_some_and(|t| currency(&t.text).is_some()))
        } else {
            None
        };
        let Some(mut value) = base.or(scale_alone) else {
            i += 1;
            continue;
        };
        let mut scaled = scale_alone.is_some() || dual_scale(&toks[i].text).is_some();
        i += 1;
        if !scaled
            && !toks[start].punct_after
            && let Some(factor) = toks.get(i).and_then(|t| scale(&t.text))
        {
            value *= factor;
            scaled = true;
            i += 1;
        }
        let mut cur = None;
        if !toks[i - 1].punct_after
            && let Some(c) = toks.get(i).and_then(|t| currency(&t.text))
        {
            cur = Some(c);
            i += 1;
        }
        let mut bound = bound_before(&toks, start);
        // "تقريباً" right after the number or after its counted noun.
        if bound == Bound::Exact
            && toks[i.saturating_sub(1)..toks.len().min(i + 2)]
                .iter()
                .skip(1)
                .any(|t| matches!(t.text.as_str(), "تقريبا" | "تقريبيا"))
        {
            bound = Bound::Approx;
        }
        let negated = negated_before(&toks, start);
        let span = toks[start].original.start..toks[i - 1].original.end;
        out.push(Quantity {
            value,
            bound,
            currency: cur,
            scaled,
            negated,
            span,
            tokens: start..i,
        });
    }
    // A scaled amount without a currency takes the currency of the amount before it in the sentence
    // ("1.4 مليار دولار، لا 1.2 مليار").
    let mut last_currency = None;
    for q in &mut out {
        if q.currency.is_some() {
            last_currency = q.currency;
        } else if q.scaled {
            q.currency = last_currency;
        }
    }
    out
}

fn word_at(toks: &[Tok], i: usize, back: usize) -> Option<&str> {
    i.checked_sub(back)
        .and_then(|j| toks.get(j))
        .map(|t| t.text.as_str())
}

fn bound_before(toks: &[Tok], i: usize) -> Bound {
    let w1 = word_at(toks, i, 1).unwrap_or("");
    let w2 = word_at(toks, i, 2).unwrap_or("");
    let w3 = word_at(toks, i, 3).unwrap_or("");
    let w1s = strip_clitic(w1, 3);
    if matches!(w1s, "نحو" | "حوالي" | "قرابه" | "زهاء") {
        return Bound::Approx;
    }
    if matches!(w1s, "يقارب" | "تقارب") && w2 != "لا" {
        return Bound::Approx;
    }
    if matches!(w1, "من" | "عن" | "علي") {
        let w2s = strip_clitic(w2, 3);
        if w3 == "لا" {
            // "لا يقل عن 25" is at least, "لا يزيد عن 10" at most.
            if matches!(w2s, "يقل" | "تقل") {
                return Bound::AtLeast;
            }
            if matches!(w2s, "يزيد" | "تزيد" | "يتجاوز" | "تتجاوز") {
                return Bound::AtMost;
            }
        }
        if matches!(w2s, "اكثر" | "ازيد" | "يزيد" | "تزيد" | "يربو" | "اكبر")
        {
            return Bound::AtLeast;
        }
        if matches!(w2s, "اقل" | "يقل" | "تقل") {
            return Bound::AtMost;
        }
    }
    if matches!(w1s, "يتجاوز" | "تتجاوز" | "يفوق" | "تفوق" | "يناهز" | "فوق")
    {
        return Bound::AtLeast;
    }
    if w1s == "دون" {
        return Bound::AtMost;
    }
    if w1 == "من" && matches!(strip_clitic(w2, 3), "يقترب" | "تقترب" | "اقترب" | "اقتربت")
    {
        return Bound::Approx;
    }
    Bound::Exact
}

fn negated_before(toks: &[Tok], i: usize) -> bool {
    let w1 = word_at(toks, i, 1).unwrap_or("");
    matches!(w1, "لا" | "ليس" | "وليس" | "ليست" | "وليست")
        && i.checked_sub(1)
            .and_then(|j| j.checked_sub(1))
            .and_then(|j| toks.get(j))
            .is_some_and(|t| t.punct_after || t.number || currency(&t.text).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        quantities(text).iter().map(Quantity::normalised).collect()
    }

    #[test]
    fn digits_in_every_system_with_scale_and_currency() {
        assert_eq!(values("بقيمة ٢٫٥ مليار دولار"), ["2500000000 USD"]);
        assert_eq!(values("بقيمة 2.5 مليار دولار"), ["2500000000 USD"]);
        assert_eq!(values("نحو 7 آلاف نازح"), ["~7000"]);
        assert_eq!(values("تبرع بـ5,000 دينار"), ["5000 دينار"]);
        assert_eq!(values("مليار يورو"), ["1000000000 EUR"]);
        assert_eq!(values("خسائر بمليوني دولار"), ["2000000 USD"]);
    }

    #[test]
    fn number_words_and_qualifiers() {
        assert_eq!(values("وصلت ثماني سيارات"), ["8"]);
        assert_eq!(values("أكثر من 300 شركة"), [">300"]);
        assert_eq!(values("بنسبة لا تقل عن 25 في المئة"), [">25"]);
        assert_eq!(values("أقل من عشرة أشخاص"), ["<10"]);
        assert_eq!(values("قرابة 90 متطوعاً"), ["~90"]);
        assert_eq!(values("90 متطوعاً تقريباً"), ["~90"]);
    }

    #[test]
    fn a_rejected_value_is_negated_and_inherits_the_currency() {
        let q = quantities("تبلغ 3.1 مليار دولار، لا 2.9 مليار كما قيل");
        assert_eq!(q.len(), 2);
        assert!(!q[0].negated);
        assert!(q[1].negated);
        assert_eq!(q[1].normalised(), "2900000000 USD");
    }

    #[test]
    fn times_and_numeric_dates_are_not_quantities() {
        assert!(values("عند الساعة 5:40 صباحاً").is_empty());
        assert!(values("في 2026/08/12").is_empty());
    }

    #[test]
    fn intervals_meet_for_vague_and_approximate_values() {
        let at_least = quantities("أكثر من 300 دار")[0].interval();
        let exact = |v: &str| quantities(v)[0].interval();
        assert!(compatible(at_least, exact("320 دار")));
        assert!(compatible(at_least, exact("350 دار")));
        assert!(!compatible(exact("320 دار"), exact("350 دار")));
        let about = quantities("نحو 100 عامل")[0].interval();
        assert!(compatible(about, exact("108 عمال")));
        assert!(!compatible(about, exact("115 عاملا")));
    }

    #[test]
    fn spans_point_at_the_text_as_written() {
        let text = "أصيب ١٤ عاملاً";
        let q = quantities(text);
        assert_eq!(&text[q[0].span.clone()], "١٤");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_in_bounds(s in "\\PC{0,80}") {
            for q in quantities(&s) {
                proptest::prop_assert!(s.get(q.span.clone()).is_some());
                proptest::prop_assert!(q.value.is_finite());
            }
        }

        #[test]
        fn arabic_indic_and_western_digits_agree(n in 0u32..1_000_000) {
            let western = n.to_string();
            let eastern: String = western.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0x660).unwrap_or(c)).collect();
            let a = quantities(&format!("أصيب {western} شخصاً"));
            let b = quantities(&format!("أصيب {eastern} شخصاً"));
            proptest::prop_assert_eq!(a.len(), 1);
            proptest::prop_assert_eq!(a[0].value, f64::from(n));
            proptest::prop_assert_eq!(a[0].value, b[0].value);
        }
    }
}
