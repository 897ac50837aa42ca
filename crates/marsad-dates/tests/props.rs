//! Property tests: find_dates never panics, its spans are sound, and generated Gregorian and Hijri dates
//! written with every month-name spelling resolve back to themselves.

use jiff::civil::{Date, date};
use marsad_dates::{Precision, Resolved, find_dates, hijri_to_gregorian};
use proptest::prelude::*;

/// Every spelling of each month (1-based index), as outlets write them.
const MONTHS: [&[&str]; 12] = [
    &["يناير", "كانون الثاني", "جانفي", "كانون الثاني/يناير"],
    &["فبراير", "شباط", "فيفري", "فبراير/شباط"],
    &["مارس", "آذار", "أذار", "مارس (آذار)"],
    &["أبريل", "إبريل", "ابريل", "نيسان", "أفريل"],
    &["مايو", "أيار", "ايار", "مايو/أيار"],
    &["يونيو", "يونيه", "حزيران", "جوان"],
    &["يوليو", "يوليه", "تموز", "جويلية"],
    &["أغسطس", "اغسطس", "آب", "أوت", "أغسطس/ آب"],
    &["سبتمبر", "أيلول", "ايلول"],
    &["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"],
    &["نوفمبر", "تشرين الثاني", "نونبر"],
    &["ديسمبر", "كانون الأول", "دجنبر"],
];

const HIJRI: [&str; 12] = [
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
];

fn arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(0x0660 + d))
                .unwrap_or(c)
        })
        .collect()
}

fn valid_date() -> impl Strategy<Value = Date> {
    (1950i16..2100, 1i8..=12, 1i8..=31)
        .prop_filter_map("valid day", |(y, m, d)| Date::new(y, m, d).ok())
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(text in "\\PC{0,120}", y in 1990i16..2030, m in 1i8..=12) {
        let anchor = date(y, m, 15);
        for found in [find_dates(&text, Some(anchor)), find_dates(&text, None)] {
            for mention in found {
                prop_assert!(mention.span.end <= text.len());
                prop_assert!(text.is_char_boundary(mention.span.start) && text.is_char_boundary(mention.span.end));
                prop_assert_eq!(&text[mention.span.clone()], mention.text.as_str());
                if let Resolved::Range { start, end } = mention.resolved {
                    prop_assert!(start <= end);
                }
            }
        }
    }

    #[test]
    fn never_panics_on_date_like_noise(
        parts in prop::collection::vec(prop::sample::select(vec![
            "12", "2025", "1447", "هـ", "من", "مارس", "آذار", "/", "-", ".", "،", "أمس", "اليوم", "الخميس",
            "منذ", "3", "أيام", "الماضي", "بين", "و", "31", "02", "شهر", "عام", "صفر", "\n", "13:56", "14.08.2025",
        ]), 0..16),
    ) {
        let text = parts.join(" ");
        for mention in find_dates(&text, Some(date(2025, 8, 14))) {
            prop_assert_eq!(&text[mention.span.clone()], mention.text.as_str());
        }
    }

    #[test]
    fn gregorian_dates_round_trip(d in valid_date(), spelling in any::<prop::sample::Index>(), indic in any::<bool>(), min in any::<bool>()) {
        let names = MONTHS[d.month() as usize - 1];
        let name = names[spelling.index(names.len())];
        let link = if min { " من " } else { " " };
        let mut text = format!("وقع ذلك في {}{link}{name} {} حسب البيان", d.day(), d.year());
        if indic {
            text = arabic_digits(&text);
        }
        let found = find_dates(&text, Some(date(2025, 8, 14)));
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        prop_assert_eq!(&found[0].resolved, &Resolved::Exact { date: d, precision: Precision::Day }, "{}", text);
    }

    #[test]
    fn numeric_dates_round_trip(d in valid_date(), sep in prop::sample::select(vec!['.', '/', '-'])) {
        let text = format!("بتاريخ {}{sep}{:02}{sep}{} صدر", d.day(), d.month(), d.year());
        let found = find_dates(&text, None);
        prop_assert_eq!(found.len(), 1, "{}", text);
        prop_assert_eq!(&found[0].resolved, &Resolved::Exact { date: d, precision: Precision::Day });
    }

    #[test]
    fn hijri_dates_match_icu(y in 1400i32..1480, m in 1u8..=12, day in 1u8..=29) {
        let text = format!("الموافق {day} {} {y} هـ", HIJRI[m as usize - 1]);
        let found = find_dates(&text, None);
        prop_assert_eq!(found.len(), 1, "{}", text);
        let expected = hijri_to_gregorian(y, m, day).map(|d| Resolved::Exact { date: d, precision: Precision::Day });
        prop_assert_eq!(Some(found[0].resolved.clone()), expected);
    }
}
