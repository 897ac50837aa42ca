//! Reader for the ANT multi-source corpus (v2.1): Arabic news from Alarabiya, BBC Arabic, CNN Arabic,
//! France24 Arabic and Sky News Arabia, February to October 2018.
//!
//! Layout: `<Outlet>/<category>/<DOCNO>.txt`, one article per file, in TREC/CLEF-style tags
//! (`<DOC><DOCNO/><URL/><SRC/><CAT/><TITLE/><TIME/><AUTHOR/><ABSTRACT/><TEXT/></DOC>`). The files are not
//! well-formed XML (bare `&`, `<` in text), so this is a small hand-written tag scanner rather than an XML
//! crate: it takes the text between the first `<TAG>` and the following `</TAG>`.
//!
//! Ids line up with the ANT event labels (`ant-events-dev`): an article's id is its `<DOCNO>`;
//! [`dedupe_by_url`] keeps one article per `<URL>` (the smallest DOCNO as the id, the others as
//! `aliases`), which is how the labels count articles. The outlet is the folder name the labels use
//! (`Alarabia`, `BBC`, `CNN`, `France24`, `SkyNews`), mapped from `<SRC>`.
//!
//! Not done here: no text cleanup beyond trimming lines.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use marsad_model::{DateSource, Document};
use thiserror::Error;

/// Why a corpus file could not be read.
#[derive(Debug, Error)]
pub enum AntError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {reason}", path.display())]
    Format { path: PathBuf, reason: String },
}

/// One ANT article, fields as in the file (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AntArticle {
    /// `<DOCNO>`, e.g. `BB-internationalNews-64-20180226`: the id the event labels use.
    pub docno: String,
    /// The file it came from.
    pub path: PathBuf,
    /// Outlet folder name: `Alarabia`, `BBC`, `CNN`, `France24` or `SkyNews` (unknown `<SRC>` kept as is).
    pub outlet: String,
    /// `<CAT>`: culture, economy, internationalNews, middleEast, sport, technology.
    pub category: String,
    pub url: String,
    /// `<TIME>` as written (RFC 2822).
    pub time_raw: String,
    /// `<TIME>` parsed; `None` when it is not valid RFC 2822.
    pub time: Option<Timestamp>,
    pub title: String,
    /// `<AUTHOR>`, often empty.
    pub author: String,
    /// `<ABSTRACT>`: the outlet's own lead or description.
    pub abstract_text: String,
    /// `<TEXT>`, one paragraph per non-empty line.
    pub paragraphs: Vec<String>,
    /// Other DOCNOs of the same URL (filled by [`dedupe_by_url`]).
    pub aliases: Vec<String>,
}

impl AntArticle {
    /// The publication day in UTC (how the event labels assign articles to days).
    pub fn utc_date(&self) -> Option<Date> {
        self.time.map(|t| t.to_zoned(TimeZone::UTC).date())
    }

    /// The article as a marsad document: body from `<TEXT>`, url, outlet, title and UTC date (as `meta`).
    pub fn to_document(&self) -> Document {
        let mut doc = Document::new(self.path.display().to_string(), self.paragraphs.clone());
        doc.url = Some(self.url.clone());
        doc.outlet = Some(self.outlet.clone());
        doc.title = Some(self.title.clone());
        doc.published = self.utc_date();
        doc.published_from = doc.published.map(|_| DateSource::Meta);
        doc
    }
}

/// The folder name the corpus (and its labels) use for a `<SRC>` value.
fn outlet_name(src: &str) -> String {
    match src.to_ascii_lowercase().as_str() {
        "alarabia" | "alarabiya" => "Alarabia".into(),
        "bbc" => "BBC".into(),
        "cnn" => "CNN".into(),
        "france24" => "France24".into(),
        "skynews" => "SkyNews".into(),
        _ => src.to_string(),
    }
}

/// The text between `<tag>` and the next `</tag>`, trimmed; `None` when either is missing.
fn tag<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(text[start..end].trim())
}

/// Parses one ANT file's text. `path` is used for the error message and kept in the article.
pub fn parse_ant(text: &str, path: &Path) -> Result<AntArticle, AntError> {
    let required = |name: &str| {
        tag(text, name).ok_or_else(|| AntError::Format {
            path: path.to_path_buf(),
            reason: format!("missing <{name}>…</{name}>"),
        })
    };
    let docno = required("DOCNO")?;
    if docno.is_empty() {
        return Err(AntError::Format {
            path: path.to_path_buf(),
            reason: "empty <DOCNO>".into(),
        });
    }
    let time_raw = required("TIME")?;
    let time = jiff::fmt::rfc2822::parse(time_raw)
        .ok()
        .map(|z| z.timestamp());
    Ok(AntArticle {
        docno: docno.to_string(),
        path: path.to_path_buf(),
        outlet: outlet_name(required("SRC")?),
        category: required("CAT")?.to_string(),
        url: required("URL")?.to_string(),
        time_raw: time_raw.to_string(),
        time,
        title: required("TITLE")?.to_string(),
        author: tag(text, "AUTHOR").unwrap_or("").to_string(),
        abstract_text: tag(text, "ABSTRACT").unwrap_or("").to_string(),
        paragraphs: required("TEXT")?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        aliases: Vec::new(),
    })
}

/// Streams the articles under `dir` (every `*.txt` below it, in path order), one file at a time.
pub struct AntReader {
    files: std::vec::IntoIter<PathBuf>,
}

impl AntReader {
    /// How many files are left to read.
    pub fn remaining(&self) -> usize {
        self.files.len()
    }
}

impl Iterator for AntReader {
    type Item = Result<AntArticle, AntError>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = self.files.next()?;
        Some(match fs::read(&path) {
            Err(source) => Err(AntError::Io { path, source }),
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => parse_ant(&text, &path),
                Err(_) => Err(AntError::Format {
                    path,
                    reason: "not UTF-8".into(),
                }),
            },
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.files.size_hint()
    }
}

/// Lists the corpus files under `dir` (the folder holding `Alarabia/`, `BBC/`, …, or any part of it).
pub fn read_ant(dir: impl AsRef<Path>) -> Result<AntReader, AntError> {
    let dir = dir.as_ref();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| AntError::Io {
            path: e.path().unwrap_or(dir).to_path_buf(),
            source: e.into(),
        })?;
        let path = entry.path();
        if entry.file_type().is_file() && path.extension().is_some_and(|x| x == "txt") {
            files.push(path.to_path_buf());
        }
    }
    Ok(AntReader {
        files: files.into_iter(),
    })
}

/// What makes two URLs one article: the URL without its scheme (from August 2018 CNN Arabic files many
/// articles twice, once under `http://` and once under `https://`, with one text), except on Sky News
/// Arabia, whose pages are `/section/NUMBER-slug` and keep their number when an update is re-titled under
/// a new slug (the event labels' README counts such a pair as one article).
fn url_key(url: &str) -> String {
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    if url.contains("skynewsarabia.com") {
        let number = url
            .split('/')
            .filter_map(|segment| {
                let digits: String = segment.chars().take_while(char::is_ascii_digit).collect();
                let rest = &segment[digits.len()..];
                (digits.len() >= 4 && (rest.is_empty() || rest.starts_with('-'))).then_some(digits)
            })
            .next_back();
        if let Some(number) = number {
            return format!("skynewsarabia:{number}");
        }
    }
    url.to_string()
}

/// One article per `<URL>` (Sky News Arabia: per article number, see `url_key`): the article with the
/// smallest DOCNO is kept (its DOCNO is the id the event labels use) and the other DOCNOs go to its
/// `aliases`, sorted. Order of the kept articles is preserved.
pub fn dedupe_by_url(articles: Vec<AntArticle>) -> Vec<AntArticle> {
    let mut by_url: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        by_url.entry(url_key(&article.url)).or_default().push(i);
    }
    let mut keep: HashMap<usize, Vec<String>> = HashMap::new();
    for group in by_url.values() {
        let mut ids: Vec<(&str, usize)> = group
            .iter()
            .map(|&i| (articles[i].docno.as_str(), i))
            .collect();
        ids.sort();
        let (_, first) = ids[0];
        let aliases = ids[1..].iter().map(|(d, _)| d.to_string()).collect();
        keep.insert(first, aliases);
    }
    articles
        .into_iter()
        .enumerate()
        .filter_map(|(i, mut article)| {
            let aliases = keep.remove(&i)?;
            article.aliases = aliases;
            Some(article)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sky_urls_with_one_article_number_are_one_article() {
        let a = url_key("https://www.skynewsarabia.com/business/1047668-%D8%A7-first-slug");
        let b = url_key("https://www.skynewsarabia.com/business/1047668-second-slug");
        let short = url_key("https://www.skynewsarabia.com/web/article/1047668");
        assert_eq!(a, b);
        assert_eq!(a, short);
        assert_ne!(
            a,
            url_key("https://www.skynewsarabia.com/business/1047669-first-slug")
        );
        // Other outlets: the URL as it is, without its scheme.
        assert_eq!(
            url_key("https://www.bbc.com/arabic/world-43193332"),
            "www.bbc.com/arabic/world-43193332"
        );
    }

    #[test]
    fn one_page_under_http_and_https_is_one_article() {
        let http = url_key("http://arabic.cnn.com/business/article/2018/08/14/some-story");
        let https = url_key("https://arabic.cnn.com/business/article/2018/08/14/some-story");
        assert_eq!(http, https);
        assert_ne!(
            http,
            url_key("https://arabic.cnn.com/business/article/2018/08/14/other-story")
        );
    }

    /// An invented article in the corpus's layout (not taken from the corpus).
    fn sample(docno: &str, url: &str, src: &str, time: &str) -> String {
        format!(
            "<DOC>\n<DOCNO>{docno}</DOCNO>\n<URL>{url}</URL>\n<SRC>{src}</SRC>\n<CAT>sport</CAT>\n\
             <TITLE>فريق الواحة يفوز بالكأس</TITLE>\n<TIME>{time}</TIME>\n<AUTHOR></AUTHOR>\n\
             <ABSTRACT>\nفاز فريق الواحة بالكأس مساء أمس.\n</ABSTRACT>\n<TEXT>\nفاز فريق الواحة بالكأس.\n\n  \
             وقال المدرب إن الفوز مستحق & منتظر.  \n</TEXT>\n</DOC>\n"
        )
    }

    #[test]
    fn parses_every_field() {
        let text = sample(
            "SK-sport-7-20180314",
            "http://example.invalid/a",
            "skynews",
            "Wed, 14 Mar 2018 23:30:00 +0400",
        );
        let a = parse_ant(&text, Path::new("SkyNews/sport/x.txt")).unwrap();
        assert_eq!(a.docno, "SK-sport-7-20180314");
        assert_eq!(a.outlet, "SkyNews");
        assert_eq!(a.category, "sport");
        assert_eq!(a.title, "فريق الواحة يفوز بالكأس");
        assert_eq!(a.author, "");
        assert_eq!(a.abstract_text, "فاز فريق الواحة بالكأس مساء أمس.");
        assert_eq!(
            a.paragraphs,
            vec![
                "فاز فريق الواحة بالكأس.",
                "وقال المدرب إن الفوز مستحق & منتظر."
            ]
        );
        // 23:30 at +04:00 is 19:30 UTC, the same day.
        assert_eq!(a.utc_date(), Some(jiff::civil::date(2018, 3, 14)));
        let doc = a.to_document();
        assert_eq!(doc.outlet.as_deref(), Some("SkyNews"));
        assert_eq!(doc.published_from, Some(DateSource::Meta));
        assert_eq!(doc.paragraphs.len(), 2);
    }

    #[test]
    fn gmt_times_and_day_boundaries_use_utc() {
        let text = sample(
            "BB-x-1-20180318",
            "u",
            "BBC",
            "Sun, 18 Mar 2018 00:10:00 GMT",
        );
        let a = parse_ant(&text, Path::new("b.txt")).unwrap();
        assert_eq!(a.utc_date(), Some(jiff::civil::date(2018, 3, 18)));
        let text = sample(
            "AL-x-1-20180318",
            "u",
            "alarabia",
            "Sun, 18 Mar 2018 02:10:00 +0400",
        );
        let a = parse_ant(&text, Path::new("a.txt")).unwrap();
        assert_eq!(a.outlet, "Alarabia");
        assert_eq!(a.utc_date(), Some(jiff::civil::date(2018, 3, 17)));
    }

    #[test]
    fn missing_tags_name_the_file_and_tag() {
        let text = sample("D-1", "u", "cnn", "bad time").replace("<URL>u</URL>", "");
        let err = parse_ant(&text, Path::new("dir/f.txt")).unwrap_err();
        assert_eq!(err.to_string(), "dir/f.txt: missing <URL>…</URL>");
        let text = sample("D-1", "u", "cnn", "not a time");
        assert_eq!(parse_ant(&text, Path::new("f")).unwrap().time, None);
    }

    #[test]
    fn reads_a_folder_and_dedupes_by_url() {
        let dir = tempfile::tempdir().unwrap();
        let t = "Wed, 14 Mar 2018 10:00:00 GMT";
        for (folder, docno, url) in [
            (
                "France24/middleEast",
                "FR-middleEast-9-20180314",
                "http://x/1",
            ),
            (
                "France24/internationalNews",
                "FR-internationalNews-3-20180314",
                "http://x/1",
            ),
            ("BBC/sport", "BB-sport-1-20180314", "http://x/2"),
        ] {
            let d = dir.path().join(folder);
            fs::create_dir_all(&d).unwrap();
            fs::write(
                d.join(format!("{docno}.txt")),
                sample(docno, url, "france24", t),
            )
            .unwrap();
        }
        fs::write(dir.path().join("README.md"), "not an article").unwrap();
        let all: Vec<AntArticle> = read_ant(dir.path()).unwrap().map(Result::unwrap).collect();
        assert_eq!(all.len(), 3);
        let kept = dedupe_by_url(all);
        assert_eq!(kept.len(), 2);
        let f = kept.iter().find(|a| a.url == "http://x/1").unwrap();
        assert_eq!(f.docno, "FR-internationalNews-3-20180314");
        assert_eq!(f.aliases, vec!["FR-middleEast-9-20180314"]);
    }

    proptest! {
        #[test]
        fn scanner_never_panics(text in "(<(DOCNO|URL|SRC|CAT|TITLE|TIME|TEXT)>|</(DOCNO|URL|TEXT)>|[a-z \n<>/]){0,40}") {
            let _ = parse_ant(&text, Path::new("p"));
        }

        #[test]
        fn title_round_trips(title in "[ء-ي ]{1,30}") {
            let text = sample("D-1", "u", "cnn", "x").replace("فريق الواحة يفوز بالكأس", &title);
            let a = parse_ant(&text, Path::new("p")).unwrap();
            prop_assert_eq!(a.title, title.trim());
        }
    }
}
