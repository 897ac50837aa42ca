//! Unit tests of find_dates over sentences written for marsad (invented events).

use jiff::civil::{Date, date};

use super::*;

fn day(y: i16, m: i8, d: i8) -> Resolved {
    Resolved::Exact {
        date: date(y, m, d),
        precision: Precision::Day,
    }
}
fn month(y: i16, m: i8) -> Resolved {
    Resolved::Exact {
        date: date(y, m, 1),
        precision: Precision::Month,
    }
}

fn one(text: &str, anchor: Date) -> DateMention {
    let found = find_dates(text, Some(anchor));
    assert_eq!(found.len(), 1, "{text}: {found:#?}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

const A: Date = date(2025, 8, 14);

#[test]
fn gregorian_names_and_variants() {
    assert_eq!(
        one("افتُتح المعرض في 3 يناير 2024.", A).resolved,
        day(2024, 1, 3)
    );
    assert_eq!(
        one("افتتح في 3 كانون الثاني 2024", A).resolved,
        day(2024, 1, 3)
    );
    assert_eq!(one("في 9 تشرين الأول 2023", A).resolved, day(2023, 10, 9));
    assert_eq!(one("في ٩ إبريل ٢٠٢٣", A).resolved, day(2023, 4, 9));
    assert_eq!(one("يوم 1 جويلية 2022", A).resolved, day(2022, 7, 1));
    let m = one("في 5 أغسطس/ آب 2025 بأنقرة", A);
    assert_eq!(m.text, "5 أغسطس/ آب 2025");
    assert_eq!(m.form, Form::Combined);
    assert_eq!(
        one("الاتفاق الموقع في مارس (آذار) الماضي", A).resolved,
        month(2025, 3)
    );
}

#[test]
fn numeric_forms_day_first_and_times_ignored() {
    assert_eq!(one("نشر في 05.08.2025 صباحا", A).resolved, day(2025, 8, 5));
    assert_eq!(one("بتاريخ 14/8/2025", A).resolved, day(2025, 8, 14));
    assert_eq!(one("بتاريخ 2025-08-14", A).resolved, day(2025, 8, 14));
    assert!(find_dates("الساعة 13:56 GMT", Some(A)).is_empty());
    assert!(find_dates("العدد 31.02.2025 غير صحيح", Some(A)).is_empty());
    let m = one("آخر تحديث: 14 - أغسطس - 2025 1:24 مساءً", A);
    assert_eq!(m.text, "14 - أغسطس - 2025");
    assert_eq!(m.resolved, day(2025, 8, 14));
}

#[test]
fn year_less_nearest_plausible() {
    assert_eq!(
        one("وقعا المذكرة في 13 أغسطس", A).resolved,
        day(2025, 8, 13)
    );
    assert_eq!(one("اتفاق 10 مارس", A).resolved, day(2025, 3, 10));
    assert_eq!(one("بعد سقوطه في ديسمبر", A).resolved, month(2024, 12));
    assert_eq!(one("ستعقد القمة في ديسمبر", A).resolved, month(2025, 12));
    assert_eq!(one("موعدها في 20 أغسطس", A).resolved, day(2025, 8, 20));
    let m = one("في 23 من تموز", A);
    assert_eq!(m.resolved, day(2025, 7, 23));
    assert!(m.how.contains("2025"), "{}", m.how);
}

#[test]
fn modifiers() {
    assert_eq!(
        one("وفي حزيران الماضي بحث الوزير", A).resolved,
        month(2025, 6)
    );
    assert_eq!(one("في 6 من شباط الماضي", A).resolved, day(2025, 2, 6));
    assert_eq!(one("في شهر تموز الفائت", A).text, "شهر تموز الفائت");
    assert_eq!(one("في أغسطس المقبل", A).resolved, month(2026, 8));
    assert_eq!(one("في 15 من الشهر الجاري", A).resolved, day(2025, 8, 15));
}

#[test]
fn relative_and_weekdays() {
    let m = one("تم توقيعه أمس الأربعاء في أنقرة", A);
    assert_eq!(m.resolved, day(2025, 8, 13));
    assert!(m.how.contains('✓'), "{}", m.how);
    assert_eq!(
        one("أكدت الوزارة، اليوم الخميس، التزامها", A).resolved,
        day(2025, 8, 14)
    );
    assert_eq!(one("قال يوم الخميس إن", A).resolved, day(2025, 8, 14));
    assert_eq!(
        one("وفي يوم الأربعاء، أكد الوزير", A).resolved,
        day(2025, 8, 13)
    );
    assert_eq!(one("منذ 34 ثانية", A).resolved, day(2025, 8, 14));
    assert_eq!(one("منذ ثلاثة أيام", A).resolved, day(2025, 8, 11));
    assert_eq!(one("منذ يومين", A).resolved, day(2025, 8, 12));
    assert_eq!(one("وفي الشهر الماضي طلبت", A).resolved, month(2025, 7));
    assert_eq!(
        one("خلال العام الماضي", A).resolved,
        Resolved::Exact {
            date: date(2024, 1, 1),
            precision: Precision::Year
        }
    );
    assert!(find_dates("في اليوم الوطني للبلاد", Some(A)).is_empty());
    assert!(find_dates("منذ أيام", Some(A)).is_empty());
    // Weekday disagrees with "أمس": the weekday wins, and says so.
    let m = one("أمس الثلاثاء", A);
    assert_eq!(m.resolved, day(2025, 8, 12));
    assert!(m.how.contains("not a"), "{}", m.how);
}

#[test]
fn hijri() {
    let m = one("الخميس 20 صفر 1447 ﻫ - ", A);
    assert_eq!(m.calendar, Calendar::Hijri);
    assert_eq!(m.resolved, day(2025, 8, 14));
    assert!(m.how.contains('✓'), "{}", m.how);
    assert_eq!(one("في 1 رمضان 1446 هـ", A).resolved, day(2025, 3, 1));
    assert!(find_dates("انتهت المباراة 1 صفر", Some(A)).is_empty());
}

#[test]
fn ranges_years_and_no_garbage() {
    assert_eq!(
        one("بين 8 و10 مارس", A).resolved,
        Resolved::Range {
            start: date(2025, 3, 8),
            end: date(2025, 3, 10)
        }
    );
    let years = find_dates("بين عامي 1950 و1953", Some(A));
    assert_eq!(years.len(), 2);
    assert_eq!(
        one("منذ عام 2010", A).resolved,
        Resolved::Exact {
            date: date(2010, 1, 1),
            precision: Precision::Year
        }
    );
    assert!(find_dates("مارس الضغط على الحكومة", Some(A)).is_empty());
    assert!(find_dates("قتل 2025 شخصا", Some(A)).is_empty());
}

#[test]
fn unresolved_without_anchor() {
    let found = find_dates("أمس ثم في 13 أغسطس", None);
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .all(|m| matches!(m.resolved, Resolved::Unresolved { .. }))
    );
    assert_eq!(
        find_dates("في 13 أغسطس 2025", None)[0].resolved,
        day(2025, 8, 13)
    );
}

#[test]
fn publication_date_from_the_article_head() {
    let text = "خبر\nقال المتحدث في مؤتمر عقده اليوم، الأربعاء 23 من تموز، في المدينة إن العمل مستمر منذ 2 شباط.";
    let m = publication_date_in(text, Some(2025)).unwrap_or_else(|| panic!("no date"));
    assert_eq!(m.resolved, day(2025, 7, 23));
    assert_eq!(m.text, "اليوم، الأربعاء 23 من تموز");
}

#[test]
fn spans_point_into_the_original() {
    let text = "أعلنَ في ٢٣ مِنْ تَمُّوز ٢٠٢٥م أنّ";
    let m = one(text, A);
    assert_eq!(&text[m.span.clone()], m.text);
    assert_eq!(m.resolved, day(2025, 7, 23));
}

#[test]
fn hijri_numeric_accusative_units_and_relative_years() {
    let found = find_dates(
        "فجر يوم الأربعاء الموافق 1439/12/4هـ ، بادر",
        Some(date(2018, 8, 16)),
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].resolved, day(2018, 8, 15));
    assert_eq!(found[1].text, "1439/12/4هـ");
    assert_eq!(found[1].resolved, day(2018, 8, 15));
    assert_eq!(found[1].calendar, Calendar::Hijri);
    assert_eq!(
        one("منذ 70 عاما", date(2018, 3, 7)).resolved,
        Resolved::Exact {
            date: date(1948, 1, 1),
            precision: Precision::Year
        }
    );
    assert_eq!(
        one("في يوليو/تموز العام الماضي", date(2018, 5, 11)).resolved,
        month(2017, 7)
    );
}
