//! Dates in Arabic news, in every calendar outlets use, resolved to ISO dates with a precision.
//!
//! [`find_dates`] finds temporal expressions in raw (not normalised) article text and resolves each against
//! the publication date: Gregorian months in their transliterated (يناير … ديسمبر, with Egyptian and
//! Maghrebi spellings) and Levantine/Iraqi names (كانون الثاني … كانون الأول), combined forms
//! ("أغسطس/ آب"), numeric dates (14.08.2025, 2025-08-14, day first), Hijri dates converted with the Umm
//! al-Qura calendar ("20 صفر 1447 هـ"), weekdays, relative forms ("اليوم"، "أمس الأربعاء"، "الشهر الماضي"،
//! "في شهر تموز الفائت"، "منذ 34 ثانية"), years ("عام 2010") and year-less dates. Every mention keeps its
//! byte span in the text it was given, its surface form, and a `how` that says in words how it was resolved.
//!
//! ```
//! use marsad_dates::{find_dates, Resolved, Precision, Form};
//! let anchor = jiff::civil::date(2025, 8, 14);
//! let text = "وقّع الوزيران أمسِ الأربعاء مذكرة، بعد لقاء في شهر تموز الفائت.";
//! let found = find_dates(text, Some(anchor));
//! assert_eq!(found[0].text, "أمسِ الأربعاء");
//! assert_eq!(found[0].resolved, Resolved::Exact { date: jiff::civil::date(2025, 8, 13), precision: Precision::Day });
//! assert_eq!(found[1].text, "شهر تموز الفائت");
//! assert_eq!(found[1].resolved, Resolved::Exact { date: jiff::civil::date(2025, 7, 1), precision: Precision::Month });
//! assert_eq!(found[1].form, Form::YearLess);
//! ```
//!
//! How: the text is search-normalised with `marsad_text::normalize` (alef/hamza forms, ى/ي, ة/ه, diacritics,
//! tatweel, Arabic-Indic digits all fold), tokenised with `marsad_text::tokenize`, read by a small token
//! grammar ([`parse`](crate) module) and resolved ([`resolve`](crate) module, whose doc lists every decision).
//! Spans map back through `Normalized::original_range`.
//!
//! What it does not do: times of day ("13:56 GMT" is skipped, not read as a date), durations ("لمدة ثلاثة
//! أيام"), dates relative to another event ("قبل يومين من الانتخابات" stays unresolved), vague forms ("منذ
//! أيام", "الأسابيع الماضية" are not reported), two-digit years, month-first numeric dates.
//!
//! Why hand-written: the date libraries we know (jiff, chrono, dateparser, Duckling) parse no Arabic month
//! names or Levantine calendars; icu_calendar is used for the Hijri arithmetic, which we do not redo.

mod lexicon;
mod parse;
pub mod resolve;

use std::ops::Range;

use jiff::civil::Date;
use marsad_text::normalize::{Profile, normalize};
use serde::Serialize;

pub use resolve::{gregorian_to_hijri, hijri_to_gregorian};

/// How precisely a resolved date is known. The date itself is the first day of the month or year when
/// the precision is coarser than a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// What an expression was resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Resolved {
    /// One day, month or year.
    Exact { date: Date, precision: Precision },
    /// A span of days: "بين 8 و10 مارس", a Hijri month, "الأسبوع الماضي".
    Range { start: Date, end: Date },
    /// Found, but not resolvable; `why` says what is missing.
    Unresolved { why: String },
}

/// The calendar the expression was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// The shape of the expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Day or month with a year written: "13 أغسطس 2025", "عام 2010".
    Absolute,
    /// Day or month without a year: "13 أغسطس", "حزيران الماضي".
    YearLess,
    /// A weekday alone: "يوم الخميس".
    Weekday,
    /// Relative to publication: "أمس", "منذ 3 أيام", "الشهر الماضي".
    Relative,
    /// All digits: "14.08.2025".
    Numeric,
    /// Two names for one month: "5 أغسطس/ آب 2025".
    Combined,
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// Byte range in the text given to [`find_dates`]; always on char boundaries.
    pub span: Range<usize>,
    /// The expression as written.
    pub text: String,
    pub resolved: Resolved,
    pub calendar: Calendar,
    pub form: Form,
    /// How it was resolved, in words.
    pub how: String,
}

impl DateMention {
    /// The resolved date and precision, if exact.
    pub fn date(&self) -> Option<(Date, Precision)> {
        match self.resolved {
            Resolved::Exact { date, precision } => Some((date, precision)),
            _ => None,
        }
    }
}

/// Every date expression in `text`, in order, resolved against `anchor` (the publication date) when given.
/// Without an anchor, relative and year-less expressions are found but left [`Resolved::Unresolved`].
pub fn find_dates(text: &str, anchor: Option<Date>) -> Vec<DateMention> {
    find_with(
        text,
        resolve::Ctx {
            anchor,
            year_hint: None,
        },
    )
}

fn find_with(text: &str, ctx: resolve::Ctx) -> Vec<DateMention> {
    let normalized = normalize(text, Profile::Search);
    let toks = parse::tokenize(normalized.text());
    let parser = parse::Parser::new(&toks);
    parser
        .all()
        .into_iter()
        .filter_map(|p| {
            let first = toks.get(p.start)?;
            let last = toks.get(p.end.checked_sub(1)?)?;
            let span = normalized.original_range(first.start..last.end);
            let surface = text.get(span.clone())?;
            let r = resolve::resolve(&p, surface, ctx);
            Some(DateMention {
                span,
                text: surface.to_string(),
                resolved: r.resolved,
                calendar: r.calendar,
                form: r.form,
                how: r.how,
            })
        })
        .collect()
}

/// How far into an article [`publication_date_in`] looks for the article's own date.
const HEAD_CHARS: usize = 600;

/// The date an article gives for itself near its top ("… عقده اليوم، الأربعاء 23 من تموز …", or a
/// dateline "الخميس 14 أغسطس 2025"), resolved with `year_hint` (the year the page's URL or metadata gives)
/// when the phrase has no year. Looks at the first 600 characters only, and only at day-precise mentions
/// that either say "اليوم" or carry a weekday, or are full dates; a self-dating phrase beats a full date.
pub fn publication_date_in(text: &str, year_hint: Option<i32>) -> Option<DateMention> {
    let head_end = text
        .char_indices()
        .nth(HEAD_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let found = find_with(
        head,
        resolve::Ctx {
            anchor: None,
            year_hint,
        },
    );
    let normalized =
        |m: &DateMention| marsad_text::normalize::normalize_str(&m.text, Profile::Search);
    let day = |m: &DateMention| {
        matches!(
            m.resolved,
            Resolved::Exact {
                precision: Precision::Day,
                ..
            }
        )
    };
    let self_dating = found.iter().find(|m| {
        if !day(m) {
            return false;
        }
        let n = normalized(m);
        n.contains("اليوم")
            || n.split_whitespace()
                .any(|w| lexicon::weekday(w.trim_matches(['،', ','])).is_some())
    });
    self_dating
        .or_else(|| {
            found.iter().find(|m| {
                day(m) && matches!(m.form, Form::Absolute | Form::Numeric | Form::Combined)
            })
        })
        .cloned()
        .map(|mut m| {
            // The self-dating phrase is about the article itself: it *is* the publication day.
            if let Some((date, _)) = m.date() {
                m.how = format!("the article dates itself: {} ({})", date, m.how);
            }
            m
        })
}

#[cfg(test)]
mod tests;
