//! Feeds: RSS 2.0 and Atom (and RSS 1.0 / JSON Feed, which feed-rs reads too), parsed with `feed-rs`.
//!
//! Each item becomes one of:
//! - a [`Page`] when it carries the article: `content:encoded` or Atom `<content>`, or a description /
//!   summary of at least [`MIN_ARTICLE_CHARS`] visible characters. Format Html when the content holds tags,
//!   else Text. `source` is the item's link, else `PATH:ITEM_NUMBER`; `hints.title` the item title,
//!   `hints.published` its published (else updated) date with `published_from` Feed, `hints.outlet` the
//!   feed's title.
//! - a [`Link`] when it only carries a link and a teaser: recorded, never fetched.
//! - an error when it has neither content nor a link.
//!
//! A file feed-rs cannot parse is one error for the whole file. Dates are kept as the publisher's calendar
//! day (see `published`), which is why feed-rs is given our own timestamp parser.
//!
//! Not done here: fetching linked articles, enclosures and media, or feed discovery.

use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::{Format, Hints, IngestError, Item, Link, Location, Page, published};

/// Shortest description or summary taken as a whole article, in visible characters (markup removed).
///
/// WordPress cuts excerpts at 55 words, about 350 Arabic characters, and most portals' teasers are one or
/// two sentences (under 300); the shortest real news items (a four-sentence brief) run to 600 and more. Below
/// the threshold the item is a teaser and becomes a [`Link`].
pub const MIN_ARTICLE_CHARS: usize = 600;

/// Reads one feed document held in `bytes` (the file `path`).
pub fn read_feed(path: &Path, bytes: &[u8], sink: &mut dyn FnMut(Item)) {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(publishers_day)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(error) => {
            return sink(Item::Error(IngestError::Malformed {
                path: path.into(),
                at: Location::File,
                reason: format!("not an RSS or Atom feed: {error}"),
            }));
        }
    };
    let outlet = feed
        .title
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let number = index + 1;
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|href| !href.is_empty());
        let title = entry
            .title
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty());
        let published = entry.published.or(entry.updated).and_then(civil_date);
        let full = entry
            .content
            .and_then(|c| c.body)
            .filter(|body| !body.trim().is_empty())
            .or_else(|| {
                entry
                    .summary
                    .map(|s| s.content)
                    .filter(|text| visible_chars(text) >= MIN_ARTICLE_CHARS)
            });
        let item = match (full, link) {
            (Some(content), link) => Item::Page(Page {
                source: link
                    .clone()
                    .unwrap_or_else(|| format!("{}:{number}", path.display())),
                file: path.to_path_buf(),
                url: link,
                // feed-rs types every RSS description text/html, markup or not: look instead.
                format: if looks_like_markup(&content) {
                    Format::Html
                } else {
                    Format::Text
                },
                content,
                hints: Hints {
                    title,
                    outlet: outlet.clone(),
                    published,
                    published_from: published.map(|_| marsad_model::DateSource::Feed),
                },
            }),
            (None, Some(url)) => Item::Link(Link {
                file: path.to_path_buf(),
                url,
                title,
                published,
            }),
            (None, None) => Item::Error(IngestError::Malformed {
                path: path.into(),
                at: Location::FeedItem { number },
                reason: "neither article content nor a link".into(),
            }),
        };
        sink(item);
    }
}

/// feed-rs's timestamp hook: the publisher's calendar day, as midnight UTC, so the day survives feed-rs's
/// conversion to UTC unchanged.
fn publishers_day(text: &str) -> Option<DateTime<Utc>> {
    let day = published::parse(text)?;
    NaiveDate::from_ymd_opt(
        i32::from(day.year()),
        u32::try_from(day.month()).ok()?,
        u32::try_from(day.day()).ok()?,
    )?
    .and_hms_opt(0, 0, 0)
    .map(|t| t.and_utc())
}

fn civil_date(time: DateTime<Utc>) -> Option<jiff::civil::Date> {
    let day = time.date_naive();
    jiff::civil::Date::new(
        i16::try_from(day.year()).ok()?,
        i8::try_from(day.month()).ok()?,
        i8::try_from(day.day()).ok()?,
    )
    .ok()
}

/// Whether text holds HTML tags (an RSS description typed text/plain that carries `<p>` all the same).
fn looks_like_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(i, pair)| {
        pair[0] == b'<'
            && (pair[1].is_ascii_alphabetic() || pair[1] == b'/')
            && bytes[i..].contains(&b'>')
    })
}

/// Characters outside `<…>` tags, whitespace not counted.
fn visible_chars(text: &str) -> usize {
    let mut in_tag = false;
    text.chars()
        .filter(|&c| {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    return false;
                }
                _ => {}
            }
            !in_tag && !c.is_whitespace()
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Batch;
    use jiff::civil::date;

    fn read(bytes: &[u8]) -> Batch {
        let mut batch = Batch::default();
        read_feed(Path::new("f.xml"), bytes, &mut |item| batch.push(item));
        batch
    }

    #[test]
    fn rss_items_become_pages_links_or_errors() {
        let long = "جملة طويلة من خبر كامل يروي ما جرى بالتفصيل. ".repeat(20);
        let rss = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>صحيفة الواحة</title><link>https://waha.example/</link>
<item><title>خبر كامل</title><link>https://waha.example/a</link>
  <pubDate>Thu, 05 Mar 2026 00:30:00 +0300</pubDate>
  <description>مقدمة قصيرة</description>
  <content:encoded><![CDATA[<p>الفقرة الأولى</p><p>الفقرة الثانية</p>]]></content:encoded></item>
<item><title>تشويقة</title><link>https://waha.example/b</link><description>سطر واحد فقط…</description></item>
<item><title>وصف طويل</title><description>{long}</description></item>
<item><title>لا شيء</title></item>
</channel></rss>"#
        );
        let batch = read(rss.as_bytes());
        assert_eq!(batch.pages.len(), 2, "{batch:?}");
        let page = &batch.pages[0];
        assert_eq!(page.source, "https://waha.example/a");
        assert_eq!(page.format, Format::Html);
        assert!(page.content.contains("<p>الفقرة الثانية</p>"));
        assert_eq!(page.hints.title.as_deref(), Some("خبر كامل"));
        assert_eq!(page.hints.outlet.as_deref(), Some("صحيفة الواحة"));
        // 00:30 in Amman is still 5 March there, though 4 March in UTC.
        assert_eq!(page.hints.published, Some(date(2026, 3, 5)));
        assert_eq!(
            page.hints.published_from,
            Some(marsad_model::DateSource::Feed)
        );
        assert_eq!(batch.pages[1].source, "f.xml:3");
        assert_eq!(batch.pages[1].format, Format::Text);
        assert_eq!(batch.links.len(), 1);
        assert_eq!(batch.links[0].url, "https://waha.example/b");
        assert_eq!(batch.errors.len(), 1);
        assert_eq!(
            batch.errors[0].to_string(),
            "f.xml: feed item 4: neither article content nor a link"
        );
    }

    #[test]
    fn atom_content_and_summary_only_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>منصة النخلة</title><id>tag:x</id><updated>2026-03-05T10:00:00Z</updated>
<entry><title>مع محتوى</title><id>1</id><link href="https://nakhla.example/1" rel="alternate"/>
  <updated>2026-03-06T09:00:00+03:00</updated>
  <content type="html">&lt;p&gt;نص المقال&lt;/p&gt;</content></entry>
<entry><title>ملخص فقط</title><id>2</id><link href="https://nakhla.example/2"/><published>2026-03-04T09:00:00Z</published>
  <summary>ملخص قصير</summary></entry>
</feed>"#;
        let batch = read(atom.as_bytes());
        assert!(batch.errors.is_empty(), "{:?}", batch.errors);
        assert_eq!(batch.pages[0].content, "<p>نص المقال</p>");
        assert_eq!(batch.pages[0].format, Format::Html);
        assert_eq!(batch.pages[0].hints.published, Some(date(2026, 3, 6)));
        assert_eq!(batch.links[0].url, "https://nakhla.example/2");
        assert_eq!(batch.links[0].published, Some(date(2026, 3, 4)));
    }

    #[test]
    fn a_feed_in_windows_1256_is_decoded() {
        let xml = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel><title>الواحة</title><item><title>عنوان</title><link>https://waha.example/c</link></item></channel></rss>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(xml);
        let batch = read(&bytes);
        assert!(batch.errors.is_empty(), "{:?}", batch.errors);
        assert_eq!(batch.links[0].title.as_deref(), Some("عنوان"));
    }

    #[test]
    fn not_a_feed_is_one_error() {
        let batch = read(b"<html><body>not a feed</body></html>");
        assert_eq!(batch.errors.len(), 1);
        assert!(
            batch.errors[0]
                .to_string()
                .starts_with("f.xml: not an RSS or Atom feed"),
            "{}",
            batch.errors[0]
        );
    }

    #[test]
    fn visible_characters_skip_tags_and_spaces() {
        assert_eq!(visible_chars("<p>أب ت</p>"), 3);
        assert!(looks_like_markup("نص <br/> نص"));
        assert!(!looks_like_markup("3 < 4 و 5 > 2"));
    }
}
