//! Metadata: the title, the outlet and the publish date of a page, each from the most reliable place
//! that has it, and for the date, where it came from.
//!
//! Order of trust. Title: the container (feed item, JSON Lines) → og:title / JSON-LD headline / h1 →
//! `<title>` with the site name cut → the headline the line classifier found. Outlet: the container →
//! og:site_name / JSON-LD publisher / application-name → a masthead line ("جريدة السنبلة | …") → "X logo" →
//! "المصدر: X" when X is not a news agency → a donation appeal naming the outlet ("ادعم عنب بلدي") → the
//! URL's host in the known-outlet table. Date: the container → meta tags and JSON-LD → a dated URL → a
//! byline or dateline *above the article's first paragraph* → the body's own "اليوم، الأربعاء 23 من تموز"
//! resolved with the page's year. Dates lower on the page (related-news teasers, captions) are never used.
//!
//! Not done here: resolving the many date forms inside an article (that is the dates stage).

use jiff::civil::Date;
use marsad_model::DateSource;
use marsad_text::normalize::{Profile, normalize_str};
use scraper::{Html, Selector};

use crate::markers::AGENCY_NAMES;

/// What an HTML page's head and structured data say.
#[derive(Debug, Default, Clone)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub html_title: Option<String>,
    pub h1: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn select_first(document: &Html, selector: &str, attribute: Option<&str>) -> Option<String> {
    let selector = Selector::parse(selector).ok()?;
    document.select(&selector).find_map(|e| {
        let value = match attribute {
            Some(a) => e.value().attr(a).map(collapse),
            None => Some(collapse(&e.text().collect::<String>())),
        };
        value.filter(|v| !v.is_empty())
    })
}

/// Reads the head, meta tags and JSON-LD of an HTML page (one pass over the meta tags).
pub fn html_meta(document: &Html) -> HtmlMeta {
    let mut tags: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    if let Ok(selector) = Selector::parse("meta[content]") {
        for element in document.select(&selector) {
            let value = element.value();
            let Some(content) = value
                .attr("content")
                .map(collapse)
                .filter(|c| !c.is_empty())
            else {
                continue;
            };
            for key in ["property", "name", "itemprop"] {
                if let Some(k) = value.attr(key) {
                    tags.entry(k.to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
    }
    let tag = |names: &[&str]| names.iter().find_map(|n| tags.get(*n).cloned());
    let mut meta = HtmlMeta {
        title: tag(&["og:title", "twitter:title"]),
        html_title: select_first(document, "title", None),
        h1: select_first(document, "h1", None),
        site_name: tag(&["og:site_name", "application-name"]),
        published: [
            "article:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date.issued",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
            "og:published_time",
        ]
        .iter()
        .find_map(|n| tags.get(*n).and_then(|v| iso_date(v))),
        url: select_first(document, r#"link[rel="canonical"]"#, Some("href"))
            .or_else(|| tag(&["og:url"])),
    };
    if let Ok(selector) = Selector::parse(r#"script[type="application/ld+json"]"#) {
        for script in document.select(&selector) {
            let text: String = script.text().collect();
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            json_ld(&value, &mut meta, 0);
        }
    }
    if meta.published.is_none() {
        meta.published =
            select_first(document, "time[datetime]", Some("datetime")).and_then(|v| iso_date(&v));
    }
    meta
}

fn json_ld(value: &serde_json::Value, meta: &mut HtmlMeta, depth: usize) {
    if depth > 6 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                json_ld(item, meta, depth + 1);
            }
        }
        serde_json::Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                json_ld(graph, meta, depth + 1);
            }
            if meta.published.is_none() {
                meta.published = map
                    .get("datePublished")
                    .and_then(|v| v.as_str())
                    .and_then(iso_date);
            }
            if meta.title.is_none() {
                meta.title = map.get("headline").and_then(|v| v.as_str()).map(collapse);
            }
            if meta.site_name.is_none() {
                meta.site_name = map
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                    .map(collapse);
            }
        }
        _ => {}
    }
}

/// "2025-08-14", "2025-08-14T13:10:00+03:00", "2025/08/14".
pub fn iso_date(value: &str) -> Option<Date> {
    let value = value.trim();
    let head: String = value.chars().take(10).collect();
    let parts: Vec<&str> = head.split(['-', '/']).collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let year: i16 = parts[0].parse().ok()?;
    let month: i8 = parts[1].parse().ok()?;
    let day: i8 = parts[2].get(..2.min(parts[2].len()))?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// A date in a URL path: /2025/08/14/, /2025-08-14-, /20250814/.
pub fn url_date(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let digits: Vec<&str> = path
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    for window in digits.windows(3) {
        if window[0].len() == 4 && window[1].len() <= 2 && window[2].len() <= 2 {
            if let (Ok(y), Ok(m), Ok(d)) = (
                window[0].parse::<i16>(),
                window[1].parse::<i8>(),
                window[2].parse::<i8>(),
            ) {
                if (1990..=2100).contains(&y) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    for run in &digits {
        if run.len() == 8 {
            let (y, m, d) = (&run[..4], &run[4..6], &run[6..]);
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) {
                if (1990..=2100).contains(&y) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

/// A full Gregorian date written on a byline or dateline: "15 تموز 2026", "12 آب/أغسطس 2026",
/// "14 - أغسطس - 2025", "12.08.2026", "2026/08/12", "١٢/٠٨/٢٠٢٦", "date 2025-08-14". The dates stage reads
/// the forms; here only complete Gregorian days count: a Hijri date beside them is skipped (the Gregorian
/// one is used), and a byline without a year says nothing reliable, so nothing is resolved against an
/// anchor.
pub fn byline_date(line: &str) -> Option<Date> {
    use marsad_dates::{Calendar, Form, Precision};
    // "المرقاب13 أغسطس": an outlet name glued to the day in some bylines.
    let mut unglued = String::with_capacity(line.len() + 4);
    let mut previous: Option<char> = None;
    for c in line.chars() {
        if let Some(p) = previous {
            if p.is_alphabetic() && c.is_numeric() || p.is_numeric() && c.is_alphabetic() {
                unglued.push(' ');
            }
        }
        unglued.push(c);
        previous = Some(c);
    }
    marsad_dates::find_dates(&unglued, None)
        .into_iter()
        .find_map(
            |mention| match (mention.calendar, mention.form, mention.date()) {
                (
                    Calendar::Gregorian,
                    Form::Absolute | Form::Numeric | Form::Combined,
                    Some((date, Precision::Day)),
                ) => Some(date),
                _ => None,
            },
        )
}

/// An outlet named by the page's own furniture, found among the removed lines above and below the body.
pub fn outlet_from_lines(removed_top: &[&str], removed_all: &[&str]) -> Option<String> {
    // Masthead: a short line at the top.
    for line in removed_top.iter().take(5) {
        if let Some(name) = masthead_name(line) {
            return Some(name);
        }
    }
    // "وورلد برس عربي logo"
    for line in removed_top.iter().take(4) {
        if let Some(name) = line.trim().strip_suffix("logo").map(str::trim) {
            if !name.is_empty() && name.split_whitespace().count() <= 5 {
                return Some(name.to_string());
            }
        }
    }
    // "المصدر: تلفزيون سوريا", unless it credits a wire agency.
    for line in removed_all {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("المصدر") {
            let name = rest.trim_start_matches([' ', ':', '：']).trim();
            let n = normalize_str(name, Profile::Search);
            if !name.is_empty()
                && name.split_whitespace().count() <= 5
                && !AGENCY_NAMES.iter().any(|a| n.contains(a))
            {
                return Some(name.to_string());
            }
        }
    }
    // "ادعم عنب بلدي": a donation appeal names the outlet asking.
    for line in removed_all {
        let trimmed = line.trim();
        for prefix in ["ادعم ", "تبرع لـ", "ساهم في دعم "] {
            if let Some(name) = trimmed.strip_prefix(prefix) {
                let name = name.trim_end_matches(['.', '!']).trim();
                if (1..=4).contains(&name.split_whitespace().count()) {
                    return Some(name.to_string());
                }
            }
        }
    }
    None
}

/// A masthead line's outlet name: a short line whose first word is a kind of news organisation
/// ("جريدة السنبلة | يومية …"), or a name followed by a description ("المرقاب | صحيفة إلكترونية",
/// "نبض البلد - أخبار على مدار الساعة").
pub fn masthead_name(line: &str) -> Option<String> {
    const ORG_WORDS: &[&str] = &[
        "جريده",
        "صحيفه",
        "بوابه",
        "شبكه",
        "موقع",
        "منصه",
        "قناه",
        "تلفزيون",
        "راديو",
        "اذاعه",
        "مجله",
    ];
    const DESCRIPTIONS: &[&str] = &[
        "صحيفه",
        "جريده",
        "اخبار",
        "يوميه",
        "مستقله",
        "اخباريه",
        "موقع",
        "منصه",
        "بوابه",
        "شبكه",
        "مجله",
    ];
    let mut parts = line.split(['|', '–', '—']).flat_map(|p| p.split(" - "));
    let name = parts.next().unwrap_or(line).trim();
    let description = normalize_str(parts.next().unwrap_or(""), Profile::Search);
    let n = normalize_str(name, Profile::Search);
    let words: Vec<&str> = n.split_whitespace().collect();
    let described = description
        .split_whitespace()
        .next()
        .is_some_and(|w| DESCRIPTIONS.contains(&w));
    let has_digit = n.chars().any(|c| c.is_ascii_digit());
    let org_first = (2..=6).contains(&words.len()) && ORG_WORDS.contains(&words[0]);
    (org_first && line.split_whitespace().count() <= 12
        || (1..=4).contains(&words.len()) && described && !has_digit)
        .then(|| name.to_string())
}

/// Cuts the site name from a `<title>`: "Headline - Site", "Headline | Site".
pub fn clean_html_title(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let site_matches = site.is_some_and(|s| tail.contains(s) || s.contains(tail.trim()));
            if site_matches
                || tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3
            {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// Where a date came from, for a date found at one of the places above.
pub fn from_byline(date: Date) -> (Option<Date>, Option<DateSource>) {
    (Some(date), Some(DateSource::Byline))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn byline_dates() {
        assert_eq!(
            byline_date("نُشر في: 15 تموز 2026 - 5:10 مساءً"),
            d("2026-07-15")
        );
        assert_eq!(byline_date("الأربعاء، 12 آب/أغسطس 2026"), d("2026-08-12"));
        assert_eq!(
            byline_date("آخر تحديث: 14 - أغسطس - 2025 1:24 مساءً"),
            d("2025-08-14")
        );
        assert_eq!(
            byline_date("آخر تحديث: 12.08.2026 - 16:05"),
            d("2026-08-12")
        );
        assert_eq!(byline_date("نُشر: ١٢/٠٨/٢٠٢٦"), d("2026-08-12"));
        assert_eq!(byline_date(" date 2025-08-14 عربي"), d("2025-08-14"));
        assert_eq!(
            byline_date("الخميس 20 صفر 1447 هـ - 14 أغسطس 2025 |"),
            d("2025-08-14")
        );
        assert_eq!(byline_date("10 كانون الأول 2024"), d("2024-12-10"));
        assert_eq!(byline_date("منذ 34 ثانية"), None);
        assert_eq!(byline_date("في 13 أغسطس"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            url_date("https://x.example/news/2025/08/14/slug"),
            d("2025-08-14")
        );
        assert_eq!(
            url_date("https://x.example/a/20250814-slug"),
            d("2025-08-14")
        );
        assert_eq!(url_date("https://x.example/a/123456"), None);
    }

    #[test]
    fn outlets_from_furniture() {
        assert_eq!(
            outlet_from_lines(&["جريدة السنبلة | يومية سياسية مستقلة"], &[]),
            Some("جريدة السنبلة".into())
        );
        assert_eq!(
            outlet_from_lines(&["وورلد برس عربي logo"], &[]),
            Some("وورلد برس عربي".into())
        );
        assert_eq!(
            outlet_from_lines(&[], &["المصدر: رويترز", "المصدر: تلفزيون المدينة"]),
            Some("تلفزيون المدينة".into())
        );
        assert_eq!(
            outlet_from_lines(&[], &["ادعم عنب بلدي"]),
            Some("عنب بلدي".into())
        );
    }

    #[test]
    fn html_titles() {
        assert_eq!(
            clean_html_title(
                "افتتاح جسر جديد في المدينة - جريدة السنبلة",
                Some("جريدة السنبلة")
            ),
            "افتتاح جسر جديد في المدينة"
        );
    }
}
