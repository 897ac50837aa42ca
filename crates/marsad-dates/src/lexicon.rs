//! The words dates are made of, in search-normalised spelling (alef variants → ا, ى → ي, ة → ه, no
//! diacritics or tatweel), so that one entry covers every way outlets write it.
//!
//! Written for marsad from general knowledge of Arabic calendars; no list was copied from anywhere.

/// Which calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthCal {
    Gregorian,
    Hijri,
}

/// A month name: its calendar and number, and whether the word is also a common non-date word (a person's
/// name, a verb, "zero", "father"), in which case it needs a day, a year or "شهر" beside it to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MonthName {
    pub cal: MonthCal,
    pub month: u8,
    pub weak: bool,
    /// Number of words in the name ("كانون الثاني" is two).
    pub words: usize,
}

const fn g(month: u8) -> MonthName {
    MonthName {
        cal: MonthCal::Gregorian,
        month,
        weak: false,
        words: 1,
    }
}
const fn gw(month: u8) -> MonthName {
    MonthName {
        cal: MonthCal::Gregorian,
        month,
        weak: true,
        words: 1,
    }
}
const fn h(month: u8) -> MonthName {
    MonthName {
        cal: MonthCal::Hijri,
        month,
        weak: false,
        words: 1,
    }
}
const fn hw(month: u8) -> MonthName {
    MonthName {
        cal: MonthCal::Hijri,
        month,
        weak: true,
        words: 1,
    }
}

/// One-word month names: transliterated Gregorian (Egyptian/Gulf and Maghrebi spellings), Levantine/Iraqi
/// (Syriac-derived) names, and Hijri months.
const ONE_WORD: &[(&str, MonthName)] = &[
    ("يناير", g(1)),
    ("ينايير", g(1)),
    ("جانفي", g(1)),
    ("فبراير", g(2)),
    ("فبرير", g(2)),
    ("فيفري", g(2)),
    ("شباط", g(2)),
    ("مارس", g(3)),
    ("اذار", g(3)),
    ("ابريل", g(4)),
    ("افريل", g(4)),
    ("ابريال", g(4)),
    ("نيسان", gw(4)),
    ("مايو", g(5)),
    ("ماي", gw(5)),
    ("ايار", g(5)),
    ("يونيو", g(6)),
    ("يونيه", g(6)),
    ("جوان", gw(6)),
    ("حزيران", g(6)),
    ("يوليو", g(7)),
    ("يوليه", g(7)),
    ("جويليه", g(7)),
    ("تموز", g(7)),
    ("اغسطس", g(8)),
    ("اغسطوس", g(8)),
    ("غشت", g(8)),
    ("اوت", gw(8)),
    ("اب", gw(8)),
    ("سبتمبر", g(9)),
    ("شتنبر", g(9)),
    ("ايلول", g(9)),
    ("اكتوبر", g(10)),
    ("نوفمبر", g(11)),
    ("نونبر", g(11)),
    ("ديسمبر", g(12)),
    ("دجنبر", g(12)),
    ("محرم", hw(1)),
    ("صفر", hw(2)),
    ("رجب", hw(7)),
    ("شعبان", hw(8)),
    ("رمضان", hw(9)),
    ("شوال", h(10)),
];

/// Two-word month names: first word, accepted second words, month.
const TWO_WORD: &[(&str, &[&str], MonthName)] = &[
    ("كانون", &["الثاني"], MonthName { words: 2, ..g(1) }),
    ("كانون", &["الاول"], MonthName { words: 2, ..g(12) }),
    ("تشرين", &["الاول"], MonthName { words: 2, ..g(10) }),
    ("تشرين", &["الثاني"], MonthName { words: 2, ..g(11) }),
    ("ربيع", &["الاول"], MonthName { words: 2, ..h(3) }),
    ("ربيع", &["الثاني", "الاخر"], MonthName { words: 2, ..h(4) }),
    ("جمادي", &["الاولي", "الاول"], MonthName { words: 2, ..h(5) }),
    (
        "جمادي",
        &["الثانيه", "الثاني", "الاخره", "الاخر"],
        MonthName { words: 2, ..h(6) },
    ),
    ("ذو", &["القعده"], MonthName { words: 2, ..h(11) }),
    ("ذي", &["القعده"], MonthName { words: 2, ..h(11) }),
    ("ذو", &["الحجه"], MonthName { words: 2, ..h(12) }),
    ("ذي", &["الحجه"], MonthName { words: 2, ..h(12) }),
];

/// The month name starting with `first` (and `second`, for two-word names).
pub(crate) fn month_name(first: &str, second: Option<&str>) -> Option<MonthName> {
    if let Some(second) = second {
        for (w1, w2s, m) in TWO_WORD {
            if *w1 == first && w2s.contains(&second) {
                return Some(*m);
            }
        }
    }
    ONE_WORD.iter().find(|(w, _)| *w == first).map(|(_, m)| *m)
}

/// Weekday names, Monday = 1 … Sunday = 7 (jiff's numbering).
pub(crate) fn weekday(word: &str) -> Option<i8> {
    Some(match word {
        "الاثنين" | "الاتنين" => 1,
        "الثلاثاء" | "الثلاثا" => 2,
        "الاربعاء" | "الاربعا" => 3,
        "الخميس" => 4,
        "الجمعه" => 5,
        "السبت" => 6,
        "الاحد" => 7,
        _ => return None,
    })
}

/// Arabic weekday name for a jiff weekday number (Monday = 1), for `how` strings.
pub(crate) fn weekday_label(n: i8) -> &'static str {
    match n {
        1 => "الاثنين",
        2 => "الثلاثاء",
        3 => "الأربعاء",
        4 => "الخميس",
        5 => "الجمعة",
        6 => "السبت",
        _ => "الأحد",
    }
}

/// Day-relative words: offset from the publication date.
pub(crate) fn relative_day(word: &str) -> Option<i64> {
    Some(match word {
        "اليوم" => 0,
        "امس" | "الامس" | "البارحه" => -1,
        "غدا" | "غد" => 1,
        _ => return None,
    })
}

/// What a modifier after a month or weekday says about which one is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    /// الماضي، الفائت، المنصرم: the latest one before publication.
    Past,
    /// المقبل، القادم: the first one after publication.
    Next,
    /// الجاري، الحالي: the one publication falls in.
    Current,
}

pub(crate) fn modifier(word: &str) -> Option<Modifier> {
    Some(match word {
        "الماضي" | "الماضيه" | "الفاءت" | "الفاءته" | "المنصرم" | "المنصرمه" | "المنقضي" => {
            Modifier::Past
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" => Modifier::Next,
        "الجاري" | "الجاريه" | "الحالي" | "الحاليه" => Modifier::Current,
        _ => return None,
    })
}

/// Units of "منذ N …" and "الشهر الماضي"-style periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A unit word: the unit, and the count it implies on its own (dual forms say two; singular one; plural
/// none, since "منذ أيام" is vague).
pub(crate) fn unit(word: &str) -> Option<(Unit, Option<i64>)> {
    use Unit::*;
    Some(match word {
        "ثانيه" => (Second, Some(1)),
        "ثواني" | "ثوان" => (Second, None),
        "ثانيتين" => (Second, Some(2)),
        "دقيقه" => (Minute, Some(1)),
        "دقاءق" => (Minute, None),
        "دقيقتين" => (Minute, Some(2)),
        "ساعه" => (Hour, Some(1)),
        "ساعات" => (Hour, None),
        "ساعتين" => (Hour, Some(2)),
        "يوم" => (Day, Some(1)),
        "ايام" => (Day, None),
        "يومين" => (Day, Some(2)),
        "اسبوع" => (Week, Some(1)),
        "اسابيع" => (Week, None),
        "اسبوعين" => (Week, Some(2)),
        "شهر" => (Month, Some(1)),
        "اشهر" | "شهور" => (Month, None),
        "شهرين" => (Month, Some(2)),
        "سنه" | "عام" => (Year, Some(1)),
        "سنوات" | "سنين" | "اعوام" => (Year, None),
        "سنتين" | "عامين" => (Year, Some(2)),
        // Accusative after numbers from eleven up ("منذ 70 عاما").
        "عاما" => (Year, None),
        "يوما" => (Day, None),
        "شهرا" => (Month, None),
        "اسبوعا" => (Week, None),
        _ => return None,
    })
}

/// Period nouns with the article, as in "الشهر الماضي".
pub(crate) fn period(word: &str) -> Option<Unit> {
    Some(match word {
        "الاسبوع" => Unit::Week,
        "الشهر" => Unit::Month,
        "العام" | "السنه" => Unit::Year,
        _ => return None,
    })
}

/// Cardinal number words up to ten, for "منذ ثلاثة أيام".
pub(crate) fn cardinal(word: &str) -> Option<i64> {
    Some(match word {
        "واحد" | "واحده" => 1,
        "اثنين" | "اثنتين" => 2,
        "ثلاث" | "ثلاثه" => 3,
        "اربع" | "اربعه" => 4,
        "خمس" | "خمسه" => 5,
        "ست" | "سته" => 6,
        "سبع" | "سبعه" => 7,
        "ثماني" | "ثمانيه" | "ثمان" => 8,
        "تسع" | "تسعه" => 9,
        "عشر" | "عشره" => 10,
        _ => return None,
    })
}

/// Ordinal units for day words ("الخامس", "الحادي" in "الحادي عشر").
pub(crate) fn ordinal_unit(word: &str) -> Option<u8> {
    Some(match word {
        "الاول" | "اول" => 1,
        "الحادي" => 1,
        "الثاني" => 2,
        "الثالث" => 3,
        "الرابع" => 4,
        "الخامس" => 5,
        "السادس" => 6,
        "السابع" => 7,
        "الثامن" => 8,
        "التاسع" => 9,
        "العاشر" => 10,
        "العشرين" => 20,
        "الثلاثين" => 30,
        _ => return None,
    })
}

/// Words after which a bare month name ("في مارس") is a date, not a verb or a name.
pub(crate) fn month_trigger(word: &str) -> bool {
    matches!(
        word,
        "في" | "شهر"
            | "منذ"
            | "مطلع"
            | "اواءل"
            | "اواخر"
            | "اواسط"
            | "منتصف"
            | "نهايه"
            | "بدايه"
            | "مستهل"
            | "خلال"
            | "حتي"
            | "قبل"
            | "بعد"
            | "الي"
            | "غضون"
            | "ختام"
            | "اخر"
    )
}

/// Words after which a bare four-digit number is a year.
pub(crate) fn year_trigger(word: &str) -> bool {
    matches!(
        word,
        "عام"
            | "العام"
            | "سنه"
            | "عامي"
            | "في"
            | "منذ"
            | "حتي"
            | "قبل"
            | "بعد"
            | "خلال"
            | "مطلع"
            | "نهايه"
            | "بدايه"
            | "اواخر"
            | "اواءل"
            | "منتصف"
            | "الي"
            | "موسم"
    )
}

/// Era words after a year: Hijri or Gregorian.
pub(crate) fn era(word: &str) -> Option<MonthCal> {
    Some(match word {
        "ه" | "هجري" | "هجريه" | "للهجره" | "هـ" => MonthCal::Hijri,
        "م" | "ميلادي" | "ميلاديه" | "للميلاد" => MonthCal::Gregorian,
        _ => return None,
    })
}

/// Words before the mention that mark the future tense: "سوف", the planning nouns, and verbs with the
/// future prefix س (checked in the scanner with a guard against nouns that merely start with س).
pub(crate) fn future_word(word: &str) -> bool {
    matches!(
        word,
        "سوف" | "المقرر" | "مقرر" | "المرتقب" | "يعتزم" | "تعتزم" | "المزمع"
    )
}

/// Nouns that start like a future verb (س + ي/ت/ن) but are not one.
pub(crate) const NOT_FUTURE_PREFIXES: &[&str] = &[
    "سياس",
    "سيار",
    "سيد",
    "سيطر",
    "سيناء",
    "سيول",
    "سينما",
    "ستين",
    "ستون",
    "سته",
    "ستاد",
    "سنه",
    "سنو",
    "سنين",
    "سنت",
    "ستوكهولم",
    "سنغافور",
    "سيرك",
    "سيرا",
    "سيره",
    "سيف",
    "سيل",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cover_all_twelve_in_gregorian_and_hijri() {
        for m in 1..=12u8 {
            for cal in [MonthCal::Gregorian, MonthCal::Hijri] {
                let one = ONE_WORD.iter().any(|(_, n)| n.month == m && n.cal == cal);
                let two = TWO_WORD
                    .iter()
                    .any(|(_, _, n)| n.month == m && n.cal == cal);
                assert!(one || two, "month {m} {cal:?}");
            }
        }
        assert_eq!(
            month_name("كانون", Some("الثاني")).map(|m| m.month),
            Some(1)
        );
        assert_eq!(
            month_name("ذي", Some("الحجه")).map(|m| (m.cal, m.month)),
            Some((MonthCal::Hijri, 12))
        );
        assert_eq!(month_name("تموز", None).map(|m| m.month), Some(7));
    }

    /// The tables are in normalised spelling; check them through ordinary spellings.
    #[test]
    fn tables_match_normalised_spellings() {
        let n = |w: &str| marsad_text::normalize::normalize_str(w, marsad_text::Profile::Search);
        for w in ["الفائت", "الماضية", "المقبلة", "الجارية", "المنصرم"]
        {
            assert!(modifier(&n(w)).is_some(), "{w}");
        }
        for w in ["أوائل", "أواخر", "نهاية", "بداية", "حتى", "إلى", "في"]
        {
            assert!(month_trigger(&n(w)), "{w}");
        }
        for w in ["دقائق", "ساعة", "أيام", "أسبوع", "سنة", "يومين"] {
            assert!(unit(&n(w)).is_some(), "{w}");
        }
        for w in ["الإثنين", "الثلاثاء", "الأربعاء", "الجمعة", "الأحد"]
        {
            assert!(weekday(&n(w)).is_some(), "{w}");
        }
        for w in ["أمس", "غداً", "البارحة"] {
            assert!(relative_day(&n(w)).is_some(), "{w}");
        }
        for w in [
            "إبريل",
            "أبريل",
            "آذار",
            "أيار",
            "آب",
            "أيلول",
            "أغسطس",
            "يونيه",
            "جويلية",
            "أكتوبر",
        ] {
            assert!(month_name(&n(w), None).is_some(), "{w}");
        }
        assert!(month_name(&n("جمادى"), Some(&n("الأولى"))).is_some());
        assert!(month_name(&n("ذي"), Some(&n("القعدة"))).is_some());
        assert!(era(&n("هـ")).is_some() && era(&n("ﻫ")).is_some() && era(&n("للهجرة")).is_some());
        assert_eq!(cardinal(&n("ثلاثة")), Some(3));
        assert_eq!(ordinal_unit(&n("الأول")), Some(1));
    }

    #[test]
    fn weekdays_follow_jiff_numbering() {
        assert_eq!(weekday("الاربعاء"), Some(3));
        assert_eq!(weekday("الاحد"), Some(7));
        assert_eq!(weekday_label(4), "الخميس");
    }
}
