//! Publication dates as containers write them (feed `pubDate`/`published`, JSON Lines `published`/`date`).
//!
//! Two forms only: ISO 8601 / RFC 3339 (`2026-08-14`, `2026-08-14T15:30:00+03:00`) and RFC 2822
//! (`Fri, 14 Aug 2026 15:30:00 +0300`). The date kept is the one the publisher wrote, in its own offset: an
//! article put out at 00:30 in Amman belongs to that Amman day, not to the UTC day before it.
//!
//! Not done here: dates in page text or in other calendars (that is the dates stage); guessing at free-form
//! strings. A string in neither form gives `None`: the date is a hint, and a wrong hint is worse than none.

use jiff::civil::Date;

/// The publisher's calendar date in an ISO 8601 or RFC 2822 timestamp.
pub fn parse(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Some(day) = text.get(..10)
        && text.as_bytes().get(4) == Some(&b'-')
    {
        let rest = &text[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
            return day.parse().ok();
        }
        return None;
    }
    jiff::fmt::rfc2822::parse(text)
        .ok()
        .map(|zoned| zoned.date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn iso_and_rfc2822_keep_the_publishers_day() {
        assert_eq!(parse("2026-08-14"), Some(date(2026, 8, 14)));
        assert_eq!(
            parse(" 2026-08-14T00:30:00+03:00 "),
            Some(date(2026, 8, 14))
        );
        assert_eq!(
            parse("Fri, 14 Aug 2026 00:30:00 +0300"),
            Some(date(2026, 8, 14))
        );
        assert_eq!(parse("14 Aug 2026 23:10:00 GMT"), Some(date(2026, 8, 14)));
    }

    #[test]
    fn anything_else_is_none() {
        for text in [
            "",
            "2026-13-01",
            "2026-08-14x",
            "أمس",
            "14/08/2026",
            "2026-08",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = parse(&text);
        }
    }
}
