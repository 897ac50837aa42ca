//! Fact slots: the checkable facts a sentence states, each as a slot (what the fact is about) and a
//! value (what the outlet says it is), so that outlets can be compared slot by slot.
//!
//! Four kinds of slot:
//!
//! | kind | found as | key | value |
//! |---|---|---|---|
//! | date of a happening | a `marsad_dates` mention near a happening noun (اتفاق، مذكرة، هجوم، قمة، زيارة، حريق …) | the noun's stem | day, month or year, or a range, resolved against the document's publication date |
//! | killed / injured | a number next to a casualty word (قتل، مقتل، مصرع، وفاة / أصيب، إصابة، مصاب، جرحى …) | the casualty kind | the number |
//! | amount | a number with a currency (or a scale word after an amount with one) | the currency, and the head noun (كلفة، قيمة، قرض …) when near | the amount |
//! | count | a number followed by a counted noun ("320 دار نشر") | the noun's stem | the number |
//!
//! Every mention also carries its *context*: the light stems of the sentence's other content words (date
//! words and numbers left out). Two mentions are the same slot when kind and key agree and their contexts
//! share a term; see [`SlotMention::same_slot`].
//!
//! How precision is told from contradiction: every value is an interval. "10 March" is one day; "March"
//! is the whole month, so it contains both "8 March" and "10 March" and contradicts neither; "أكثر من
//! 300" is [300, ∞) and contains 320 and 350; "نحو 60" is 54–66. Two values contradict only when their
//! intervals do not meet ([`SlotValue::compatible`]).
//!
//! What it does not do: places and names in a role (where a meeting was held, who signed) are not slots
//! yet; numbers written as compound words, durations ("عشرة أيام" is skipped as a count) and
//! percentages are not compared; values an outlet itself rejects ("لا 1.2 مليار") are dropped.
//!
//! Why hand-written: no crate reads Arabic fact slots; the parts are the shared text layer, the shared
//! date resolver and the small number reader in [`crate::numbers`].

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use marsad_dates::{DateMention, Precision, Resolved};
use marsad_text::normalize::{Profile, normalize_str};
use marsad_text::stem::stem;
use marsad_text::stopwords::is_stop_word;

use crate::numbers::{Quantity, Tok, compatible, quantities, strip_clitic, toks};
use crate::text::Sentence;

/// What a slot is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SlotKind {
    HappeningDate,
    Killed,
    Injured,
    Amount,
    Count,
}

/// A value an outlet gives for a slot, as the interval its wording allows.
#[derive(Debug, Clone, PartialEq)]
pub enum SlotValue {
    Date {
        start: Date,
        end: Date,
        /// "2026-03-05", "2026-03" (month only), "2026", "2026-03-03/2026-03-05".
        shown: String,
    },
    Number {
        low: f64,
        high: f64,
        /// "14", "1200000000 USD", ">300", "~60".
        shown: String,
    },
}

impl SlotValue {
    /// Whether both values can be true at once: their intervals meet. A coarser value (a month, "more
    /// than 300", "about 60") is compatible with every finer one inside it.
    pub fn compatible(&self, other: &SlotValue) -> bool {
        match (self, other) {
            (
                SlotValue::Date { start, end, .. },
                SlotValue::Date {
                    start: s2, end: e2, ..
                },
            ) => start <= e2 && s2 <= end,
            (
                SlotValue::Number { low, high, .. },
                SlotValue::Number {
                    low: l2, high: h2, ..
                },
            ) => compatible((*low, *high), (*l2, *h2)),
            _ => true,
        }
    }

    /// The value as shown in a brief.
    pub fn shown(&self) -> &str {
        match self {
            SlotValue::Date { shown, .. } | SlotValue::Number { shown, .. } => shown,
        }
    }

    /// A value that only bounds the fact (a month, "more than 300"), not a single day or number.
    pub fn is_vague(&self) -> bool {
        match self {
            SlotValue::Date { start, end, .. } => start != end,
            SlotValue::Number { low, high, .. } => low != high,
        }
    }

    fn from_date(resolved: &Resolved) -> Option<SlotValue> {
        match resolved {
            Resolved::Exact { date, precision } => {
                let (end, shown) = match precision {
                    Precision::Day => (*date, date.to_string()),
                    Precision::Month => (
                        date.last_of_month(),
                        format!("{:04}-{:02}", date.year(), date.month()),
                    ),
                    Precision::Year => (date.last_of_year(), format!("{:04}", date.year())),
                };
                Some(SlotValue::Date {
                    start: *date,
                    end,
                    shown,
                })
            }
            Resolved::Range { start, end } => Some(SlotValue::Date {
                start: *start,
                end: *end,
                shown: format!("{start}/{end}"),
            }),
            Resolved::Unresolved { .. } => None,
        }
    }

    fn from_quantity(q: &Quantity) -> SlotValue {
        let (low, high) = q.interval();
        SlotValue::Number {
            low,
            high,
            shown: q.normalised(),
        }
    }
}

/// One value for one slot, found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotMention {
    pub kind: SlotKind,
    /// The slot's key: the happening noun's stem, the currency, the counted noun's stem.
    pub key: String,
    /// For amounts, the head noun's stem (كلف, قيم …) when one is near.
    pub head: Option<String>,
    /// A label a reader understands: "date: مذكرة التفاهم", "number injured (مصاب)".
    pub about: String,
    pub value: SlotValue,
    /// Index of the sentence in the slice given to [`mentions`].
    pub sentence: usize,
    /// Byte range of the value in the sentence text.
    pub span: Range<usize>,
    /// Stems of the sentence's other content words.
    pub context: BTreeSet<String>,
}

impl SlotMention {
    /// Whether two mentions are about the same fact: same kind and key, heads that do not differ, and
    /// at least one shared context term (so a date of "the agreement with the SDF" and one of "the
    /// agreement on training" stay apart when nothing else in their sentences meets).
    pub fn same_slot(&self, other: &SlotMention) -> bool {
        self.kind == other.kind
            && self.key == other.key
            && match (&self.head, &other.head) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
            && self.context.intersection(&other.context).next().is_some()
    }
}

/// Builds a set of stems from surface words written the way outlets write them.
fn stems(words: &[&str]) -> HashSet<String> {
    words
        .iter()
        .flat_map(|w| {
            let n = normalize_str(w, Profile::Search);
            [stem(&n).to_string(), n]
        })
        .collect()
}

/// The stem under which `word` is in `set`: as written, or with one leading clitic letter off (tried
/// second, since ك and ل also begin roots: كلفة).
fn lookup(word: &str, set: &HashSet<String>) -> Option<String> {
    [word, strip_clitic(word, 3)]
        .into_iter()
        .find(|w| set.contains(*w) || set.contains(stem(w)))
        .map(|w| stem(w).to_string())
}

fn in_set(word: &str, set: &HashSet<String>) -> bool {
    lookup(word, set).is_some()
}

/// Nouns (and verbal nouns) of happenings whose date outlets report.
static HAPPENINGS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stems(&[
        "اتفاق",
        "اتفاقية",
        "اتفاقيات",
        "مذكرة",
        "هجوم",
        "هجمات",
        "انتخابات",
        "قمة",
        "زيارة",
        "توقيع",
        "مؤتمر",
        "اجتماع",
        "لقاء",
        "حريق",
        "انفجار",
        "زلزال",
        "معرض",
        "افتتاح",
        "مفاوضات",
        "محادثات",
        "جولة",
        "اشتباكات",
        "غارة",
        "قصف",
        "اغتيال",
        "استفتاء",
        "تفجير",
        "إعلان",
        "مباراة",
        "هدنة",
    ])
});

static KILLED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stems(&[
        "قتل",
        "قتيل",
        "قتيلا",
        "قتلى",
        "مقتل",
        "مصرع",
        "وفاة",
        "توفي",
        "شهيد",
        "شهداء",
        "استشهاد",
        "حتفهم",
    ])
});

static INJURED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stems(&[
        "أصيب",
        "أصيبوا",
        "إصابة",
        "إصابات",
        "مصاب",
        "مصابا",
        "مصابين",
        "مصابون",
        "جريح",
        "جريحا",
        "جرحى",
        "جرح",
    ])
});

/// Nouns that say what an amount is.
static AMOUNT_HEADS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stems(&[
        "كلفة",
        "تكلفة",
        "تكاليف",
        "قيمة",
        "تمويل",
        "قرض",
        "منحة",
        "استثمار",
        "استثمارات",
        "ميزانية",
        "موازنة",
        "صفقة",
        "عقد",
        "مساعدات",
        "خسائر",
        "إيرادات",
        "أرباح",
        "دين",
        "ديون",
        "عجز",
        "تعويضات",
    ])
});

/// Counted nouns that measure time: durations vary with when a sentence was written, so they are not
/// compared.
static TIME_UNITS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stems(&[
        "يوم",
        "أيام",
        "يوما",
        "ساعة",
        "ساعات",
        "دقيقة",
        "دقائق",
        "ثانية",
        "ثوان",
        "أسبوع",
        "أسابيع",
        "شهر",
        "أشهر",
        "شهور",
        "سنة",
        "سنوات",
        "عام",
        "أعوام",
        "عاما",
        "مرة",
        "مرات",
    ])
});

/// Words that never name what is counted (qualifiers, scale words, units of comparison).
static NOT_COUNTED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stems(&[
        "ألف",
        "آلاف",
        "مليون",
        "مليار",
        "نحو",
        "حوالي",
        "تقريبا",
        "أخرى",
        "آخرين",
        "فقط",
        "بالمئة",
        "المئة",
        "بالمائة",
    ])
});

fn content_stem(word: &str) -> Option<String> {
    if is_stop_word(word) {
        return None;
    }
    let s = stem(word);
    (s.chars().count() > 2).then(|| s.to_string())
}

/// Every fact-slot value in the sentences, in sentence order, after two clean-ups:
///
/// - a sentence that gives two values for one count or amount ("500 ميغاواط قابلة للزيادة إلى 900
///   ميغاواط") describes a change or a plan, not one fact: both are dropped;
/// - of the killed and injured counts a document gives, only its largest is kept: smaller ones are parts
///   ("ثلاثة مصابين وصلوا إلى الطوارئ") or earlier tallies ("ارتفع العدد من 14 إلى 17").
pub fn mentions(sentences: &[Sentence]) -> Vec<SlotMention> {
    let mut out = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let mut one = Vec::new();
        sentence_mentions(&sentence.text, &sentence.dates, index, &mut one);
        let changing = |m: &SlotMention| {
            matches!(m.kind, SlotKind::Amount | SlotKind::Count)
                && one.iter().any(|o| {
                    o.kind == m.kind && o.key == m.key && o.value.shown() != m.value.shown()
                })
        };
        let keep: Vec<bool> = one.iter().map(|m| !changing(m)).collect();
        out.extend(
            one.into_iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(m, _)| m),
        );
    }
    let doc_of = |m: &SlotMention| sentences.get(m.sentence).map(|s| s.doc);
    let low = |m: &SlotMention| match m.value {
        SlotValue::Number { low, .. } => low,
        SlotValue::Date { .. } => 0.0,
    };
    let largest: Vec<bool> = out
        .iter()
        .map(|m| {
            !matches!(m.kind, SlotKind::Killed | SlotKind::Injured)
                || !out
                    .iter()
                    .any(|o| o.kind == m.kind && doc_of(o) == doc_of(m) && low(o) > low(m))
        })
        .collect();
    out.into_iter()
        .zip(largest)
        .filter(|(_, k)| *k)
        .map(|(m, _)| m)
        .collect()
}

/// The slot values of one sentence, given its date expressions (`marsad_dates::find_dates` on `text`).
pub fn sentence_mentions(
    text: &str,
    dates: &[DateMention],
    index: usize,
    out: &mut Vec<SlotMention>,
) {
    let toks = toks(text);
    let found = quantities(text);
    let in_date = |r: &Range<usize>| {
        dates
            .iter()
            .any(|d| d.span.start < r.end && r.start < d.span.end)
    };
    let in_quantity = |i: usize| found.iter().any(|q| q.tokens.contains(&i));
    let context: BTreeSet<String> = toks
        .iter()
        .enumerate()
        .filter(|(i, t)| !t.number && !in_date(&t.original) && !in_quantity(*i))
        .map(|(_, t)| t)
        .filter_map(|t| content_stem(&t.text))
        .collect();
    let with_context = |key: &str| {
        let mut c = context.clone();
        c.remove(key);
        c
    };

    // Dates of happenings: the nearest happening noun before the date (within 12 words: "مذكرة تفاهم
    // وقّعها الوزيران فلان وفلان في بغداد في 5 مارس"), else right after it (within 3), outside any date
    // expression.
    for date in dates {
        let Some(value) = SlotValue::from_date(&date.resolved) else {
            continue;
        };
        let first = toks
            .iter()
            .position(|t| t.original.start >= date.span.start)
            .unwrap_or(toks.len());
        let last = toks
            .iter()
            .rposition(|t| t.original.end <= date.span.end)
            .map_or(first, |i| i + 1);
        let is_happening = |i: usize| {
            toks.get(i)
                .is_some_and(|t| !t.number && !in_date(&t.original) && in_set(&t.text, &HAPPENINGS))
        };
        let before = (first.saturating_sub(12)..first)
            .rev()
            .find(|&i| is_happening(i));
        let noun = before.or_else(|| (last..(last + 3).min(toks.len())).find(|&i| is_happening(i)));
        let Some(noun) = noun else {
            continue;
        };
        let key = lookup(&toks[noun].text, &HAPPENINGS).unwrap_or_default();
        out.push(SlotMention {
            kind: SlotKind::HappeningDate,
            about: format!("date: {}", noun_phrase(text, &toks, noun, &in_date)),
            context: with_context(&key),
            key,
            head: None,
            value,
            sentence: index,
            span: date.span.clone(),
        });
    }

    for q in &found {
        if q.negated || in_date(&q.span) {
            continue;
        }
        let value = SlotValue::from_quantity(q);
        let casualty = casualty(&toks, q, &in_quantity);
        let (kind, key, head, about) = if let Some(kind) = casualty {
            let (key, about) = match kind {
                SlotKind::Killed => ("killed", "number killed (قتلى)"),
                _ => ("injured", "number injured (مصابون)"),
            };
            (kind, key.to_string(), None, about.to_string())
        } else if let Some(currency) = q.currency {
            let head = (q.tokens.start.saturating_sub(4)..q.tokens.start)
                .rev()
                .find(|&i| toks.get(i).is_some_and(|t| in_set(&t.text, &AMOUNT_HEADS)));
            let about = match head {
                Some(h) => format!("amount ({}، {currency})", as_written(text, &toks[h])),
                None => format!("amount ({currency})"),
            };
            let head = head.and_then(|h| lookup(&toks[h].text, &AMOUNT_HEADS));
            (SlotKind::Amount, currency.to_string(), head, about)
        } else {
            let Some(noun) = toks.get(q.tokens.end) else {
                continue;
            };
            let last = &toks[q.tokens.end - 1];
            if last.punct_after
                || noun.number
                || in_set(&noun.text, &TIME_UNITS)
                || in_set(&noun.text, &NOT_COUNTED)
                || in_date(&noun.original)
            {
                continue;
            }
            let Some(key) = content_stem(&noun.text) else {
                continue;
            };
            let about = format!(
                "count ({})",
                noun_phrase(text, &toks, q.tokens.end, &in_date)
            );
            (SlotKind::Count, key, None, about)
        };
        out.push(SlotMention {
            kind,
            context: with_context(&key),
            key,
            head,
            about,
            value,
            sentence: index,
            span: q.span.clone(),
        });
    }
}

/// Killed or injured, when a casualty word stands just before the number (up to three words back, so
/// "أسفر عن إصابة نحو 14") or right after it ("17 مصاباً").
fn casualty(toks: &[Tok], q: &Quantity, in_quantity: &dyn Fn(usize) -> bool) -> Option<SlotKind> {
    let in_quantity = |i: usize| in_quantity(i);
    let kind_of = |t: &Tok| {
        if t.number {
            None
        } else if in_set(&t.text, &KILLED) {
            Some(SlotKind::Killed)
        } else if in_set(&t.text, &INJURED) {
            Some(SlotKind::Injured)
        } else {
            None
        }
    };
    for i in (q.tokens.start.saturating_sub(3)..q.tokens.start).rev() {
        let t = toks.get(i)?;
        // Another number, or the word right after one (its counted noun), or a clause break between
        // them: the word belongs to something else.
        if t.punct_after || in_quantity(i) || i.checked_sub(1).is_some_and(in_quantity) {
            break;
        }
        if let Some(k) = kind_of(t) {
            return Some(k);
        }
    }
    let last = toks.get(q.tokens.end.checked_sub(1)?)?;
    if last.punct_after {
        return None;
    }
    toks.get(q.tokens.end).and_then(kind_of)
}

fn as_written<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.original.clone()).unwrap_or("")
}

/// The noun as written, with the next word when it is a content word outside a date ("مذكرة التفاهم",
/// "دار نشر").
fn noun_phrase(
    text: &str,
    toks: &[Tok],
    i: usize,
    in_date: &dyn Fn(&Range<usize>) -> bool,
) -> String {
    let Some(t) = toks.get(i) else {
        return String::new();
    };
    let mut out = as_written(text, t).to_string();
    if !t.punct_after
        && let Some(next) = toks.get(i + 1)
        && !next.number
        && !in_date(&next.original)
        && content_stem(&next.text).is_some()
        && !in_set(&next.text, &HAPPENINGS)
    {
        out.push(' ');
        out.push_str(as_written(text, next));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use marsad_dates::find_dates;

    fn found(text: &str, anchor: Option<Date>) -> Vec<SlotMention> {
        let mut out = Vec::new();
        sentence_mentions(text, &find_dates(text, anchor), 0, &mut out);
        out
    }

    #[test]
    fn a_date_attaches_to_the_nearest_happening_noun() {
        let m = found(
            "دعت الحكومة الحركة إلى احترام الاتفاق الموقع معها في 4 نيسان، بعد مؤتمرها في المدينة بتاريخ 2 تموز.",
            Some(date(2024, 7, 20)),
        );
        let dates: Vec<_> = m
            .iter()
            .filter(|m| m.kind == SlotKind::HappeningDate)
            .map(|m| (m.key.as_str(), m.value.shown()))
            .collect();
        assert_eq!(dates, [("اتفاق", "2024-04-04"), ("مءتمر", "2024-07-02")]);
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        let m = found(
            "وقّع الطرفان الاتفاقية أمس الثلاثاء في العاصمة.",
            Some(date(2024, 5, 8)),
        );
        assert_eq!(m[0].value.shown(), "2024-05-07");
        assert_eq!(m[0].about, "date: الاتفاقية");
    }

    #[test]
    fn a_month_contains_its_days() {
        let month = &found("الاتفاق الموقع في نيسان الماضي", Some(date(2024, 7, 20)))[0].value;
        let day4 = &found("الاتفاق الموقع في 4 نيسان", Some(date(2024, 7, 20)))[0].value;
        let day6 = &found("الاتفاق الموقع في 6 نيسان", Some(date(2024, 7, 20)))[0].value;
        assert!(month.is_vague());
        assert!(month.compatible(day4) && month.compatible(day6));
        assert!(!day4.compatible(day6));
    }

    #[test]
    fn casualties_amounts_and_counts() {
        let m = found(
            "أسفر الانفجار عن مقتل 3 أشخاص وإصابة 12 آخرين، وقدّرت الخسائر بنحو 2 مليون دينار، وشاركت 9 فرق إنقاذ.",
            None,
        );
        let got: Vec<_> = m
            .iter()
            .map(|m| (m.kind, m.key.as_str(), m.value.shown()))
            .collect();
        assert_eq!(
            got,
            [
                (SlotKind::Killed, "killed", "3"),
                (SlotKind::Injured, "injured", "12"),
                (SlotKind::Amount, "دينار", "~2000000 دينار"),
                (SlotKind::Count, "فرق", "9"),
            ]
        );
        assert_eq!(
            m[2].head.as_deref(),
            Some(stem(&normalize_str("خسائر", Profile::Search)))
        );
    }

    #[test]
    fn injured_after_the_number_and_durations_skipped() {
        let m = found("ارتفع العدد إلى 21 مصاباً خلال ثلاثة أيام.", None);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].kind, SlotKind::Injured);
        assert_eq!(m[0].value.shown(), "21");
    }

    #[test]
    fn same_slot_needs_a_shared_context_term() {
        let a = &found(
            "وقّع البلدان مذكرة التفاهم في بغداد في 3 آذار",
            Some(date(2026, 8, 1)),
        )[0];
        let b = &found(
            "استندت المفاوضات إلى مذكرة تفاهم وُقّعت في بغداد في 5 مارس",
            Some(date(2026, 8, 1)),
        )[0];
        let c = &found(
            "مذكرة الاحتجاج التي سلمها السفير في 9 آذار",
            Some(date(2026, 8, 1)),
        )[0];
        assert!(a.same_slot(b));
        assert!(!a.same_slot(c));
    }
}
