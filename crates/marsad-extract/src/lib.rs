//! Extraction: turns each raw [`Page`] into a clean [`Document`]: the article body, the boilerplate removed
//! (kept in `removed`, in page order, so every decision can be audited), title, outlet and publish date
//! with where it came from.
//!
//! The chain, per page: HTML is parsed and its main block chosen by DOM scoring ([`html`]); text dumps are
//! split into lines; both go through the line classifier ([`lines`]), which knows Arabic page furniture and
//! the outlet's template learned from the other pages of the batch ([`template`]); then [`meta`] reads
//! title, outlet and date from the most reliable place that has them.
//!
//! Not done here: reading bytes (ingest), storing, deduplicating, or anything across documents beyond
//! learning an outlet's template from the pages of one batch.

pub mod html;
pub mod lines;
mod markers;
pub mod meta;
pub mod template;

use std::collections::HashMap;
use std::path::Path;

use marsad_ingest::{Format, Page};
use marsad_model::{DateSource, Document};
use scraper::Html;
use thiserror::Error;

use crate::lines::{Context, Line, Reason, Role, classify};
use crate::meta::HtmlMeta;

const BUILTIN_OUTLETS: &str = include_str!("../data/outlets.tsv");

/// What extraction can be told beyond the pages themselves.
#[derive(Debug, Clone)]
pub struct Config {
    /// Host (or host + path prefix) → outlet name, used when a page names its outlet nowhere else.
    pub outlets: Vec<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        let mut config = Config {
            outlets: Vec::new(),
        };
        config.add_outlets(BUILTIN_OUTLETS);
        config
    }
}

/// A malformed line in an outlet table.
#[derive(Debug, Error)]
#[error("{file}:{line}: expected `host<TAB>outlet name`")]
pub struct OutletTableError {
    pub file: String,
    pub line: usize,
}

impl Config {
    /// Adds `host<TAB>name` lines (blank lines and `#` comments skipped); later entries win.
    fn add_outlets(&mut self, table: &str) -> Vec<usize> {
        let mut bad = Vec::new();
        for (number, line) in table.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('\t') {
                Some((host, name)) if !host.trim().is_empty() && !name.trim().is_empty() => {
                    let host = host.trim().trim_start_matches("www.").to_ascii_lowercase();
                    self.outlets.insert(0, (host, name.trim().to_string()));
                }
                _ => bad.push(number + 1),
            }
        }
        bad
    }

    /// Reads a user's outlet table (same format as the built-in one); its entries win over the built-in.
    pub fn with_outlet_file(
        mut self,
        path: &Path,
    ) -> Result<Config, Box<dyn std::error::Error + Send + Sync>> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let bad = self.add_outlets(&text);
        if let Some(&line) = bad.first() {
            return Err(Box::new(OutletTableError {
                file: path.display().to_string(),
                line,
            }));
        }
        Ok(self)
    }

    /// The outlet a URL belongs to, by the longest matching host (and path) prefix.
    pub fn outlet_for_url(&self, url: &str) -> Option<&str> {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let rest = rest.trim_start_matches("www.").to_ascii_lowercase();
        self.outlets
            .iter()
            .filter(|(key, _)| {
                rest.strip_prefix(key.as_str())
                    .is_some_and(|tail| tail.is_empty() || tail.starts_with(['/', '?', ':']))
                    || {
                        // A subdomain of a listed host: arabic.example.com for example.com.
                        let host = rest.split('/').next().unwrap_or("");
                        !key.contains('/') && host.ends_with(&format!(".{key}"))
                    }
            })
            .max_by_key(|(key, _)| key.len())
            .map(|(_, name)| name.as_str())
    }
}

/// Why a page gave no document.
#[derive(Debug, Error)]
#[error("{page}: {reason}")]
pub struct ExtractError {
    /// The page's source.
    pub page: String,
    pub reason: String,
}

/// One page made ready: its lines and, for HTML, what its head said.
struct Prepared {
    lines: Vec<Line>,
    html: Option<HtmlMeta>,
    url: Option<String>,
}

fn prepare(page: &Page) -> Prepared {
    match page.format {
        Format::Html => {
            let document = Html::parse_document(&page.content);
            let meta = meta::html_meta(&document);
            let lines = html::page_lines(&document);
            let url = page.url.clone().or_else(|| meta.url.clone());
            Prepared {
                lines,
                html: Some(meta),
                url,
            }
        }
        Format::Text => Prepared {
            lines: page
                .content
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(Line::plain)
                .collect(),
            html: None,
            url: page.url.clone(),
        },
    }
}

/// Pages of one outlet: same host, same named outlet, or the same file-name prefix ("sunbula-01.txt").
fn outlet_group(page: &Page, url: Option<&str>) -> String {
    if let Some(url) = url {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest
            .split('/')
            .next()
            .unwrap_or(rest)
            .trim_start_matches("www.");
        if !host.is_empty() {
            return format!("host:{host}");
        }
    }
    if let Some(outlet) = &page.hints.outlet {
        return format!("outlet:{outlet}");
    }
    let stem = page
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let prefix: String = stem.chars().take_while(|c| c.is_alphabetic()).collect();
    let dir = page
        .file
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if prefix.chars().count() >= 3 {
        format!("file:{dir}/{prefix}")
    } else {
        format!("dir:{dir}")
    }
}

/// Extracts every page of a batch. Pages of one outlet teach each other its template, so give a batch as
/// large as memory allows (a few thousand pages); results come back in page order.
pub fn extract_batch(pages: &[Page], config: &Config) -> Vec<Result<Document, ExtractError>> {
    classify_batch(pages, config)
        .map(|(document, _)| document)
        .collect()
}

/// A page's extraction with the decision on every line, for audit (`marsad extract --why`).
#[derive(Debug)]
pub struct Extraction {
    pub document: Result<Document, ExtractError>,
    /// Every line of the page in order, with its role.
    pub lines: Vec<(String, Role)>,
}

/// [`extract_batch`], keeping the decision on every line.
pub fn extract_batch_explained(pages: &[Page], config: &Config) -> Vec<Extraction> {
    classify_batch(pages, config)
        .map(|(document, classified)| Extraction {
            document,
            lines: classified
                .lines
                .into_iter()
                .map(|l| l.text)
                .zip(classified.roles)
                .collect(),
        })
        .collect()
}

/// A page's lines and the role the classifier gave each.
struct Classified {
    lines: Vec<Line>,
    roles: Vec<Role>,
}

/// Prepares every page, learns each outlet's template from its pages, and extracts them in page order.
fn classify_batch<'a>(
    pages: &'a [Page],
    config: &'a Config,
) -> impl Iterator<Item = (Result<Document, ExtractError>, Classified)> + 'a {
    let prepared: Vec<Prepared> = pages.iter().map(prepare).collect();
    let groups: Vec<String> = pages
        .iter()
        .zip(&prepared)
        .map(|(page, p)| outlet_group(page, p.url.as_deref()))
        .collect();
    let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, group) in groups.iter().enumerate() {
        members.entry(group.as_str()).or_default().push(i);
    }
    let mut templates: HashMap<String, template::Template> = HashMap::new();
    for (group, indices) in &members {
        let pages_lines: Vec<&[Line]> = indices
            .iter()
            .map(|&i| prepared[i].lines.as_slice())
            .collect();
        templates.insert(group.to_string(), template::learn(&pages_lines));
    }
    pages
        .iter()
        .zip(prepared)
        .zip(groups)
        .map(move |((page, prepared), group)| {
            extract_one(page, prepared, templates.get(&group), config)
        })
}

/// Extracts one page on its own (no template from sibling pages).
pub fn extract(page: &Page, config: &Config) -> Result<Document, ExtractError> {
    extract_one(page, prepare(page), None, config).0
}

/// Classifies a page's lines, then builds its document from them.
fn extract_one(
    page: &Page,
    prepared: Prepared,
    template: Option<&template::Template>,
    config: &Config,
) -> (Result<Document, ExtractError>, Classified) {
    let Prepared { lines, html, url } = prepared;
    let known_title = page.hints.title.clone().or_else(|| {
        html.as_ref().and_then(|m| {
            m.title.clone().or_else(|| m.h1.clone()).or_else(|| {
                m.html_title
                    .as_deref()
                    .map(|t| meta::clean_html_title(t, m.site_name.as_deref()))
            })
        })
    });
    let context = Context {
        template: template.map(|t| &t.lines),
        known_title: known_title.as_deref(),
        find_title: known_title.is_none(),
        trust_structure: html.is_some(),
    };
    let roles = classify(&lines, &context);
    let document = build_document(
        page,
        &lines,
        &roles,
        html.as_ref(),
        url,
        known_title,
        config,
    );
    (document, Classified { lines, roles })
}

/// The document a page's classified lines make: body, removed lines, title, outlet and date.
fn build_document(
    page: &Page,
    lines: &[Line],
    roles: &[Role],
    html: Option<&HtmlMeta>,
    url: Option<String>,
    known_title: Option<String>,
    config: &Config,
) -> Result<Document, ExtractError> {
    let mut paragraphs = Vec::new();
    let mut removed = Vec::new();
    let mut title_line = None;
    let mut top_removed: Vec<(&str, Reason)> = Vec::new();
    let mut seen_body = false;
    for (line, role) in lines.iter().zip(roles) {
        match role {
            Role::Body | Role::Heading => {
                seen_body = true;
                paragraphs.push(line.text.clone());
            }
            Role::Title => title_line = Some(line.text.clone()),
            Role::Removed(reason) => {
                removed.push(line.text.clone());
                if !seen_body {
                    top_removed.push((line.text.as_str(), *reason));
                }
            }
        }
    }
    if paragraphs.is_empty() {
        return Err(ExtractError {
            page: page.source.clone(),
            reason: format!(
                "no article text found ({} lines, every one furniture or too short to be a sentence)",
                lines.len()
            ),
        });
    }
    let mut document = Document::new(page.source.clone(), paragraphs);
    document.url = url.clone();
    document.title = known_title.or(title_line);

    // Outlet.
    let top_lines: Vec<&str> = top_removed.iter().map(|(t, _)| *t).collect();
    let all_removed: Vec<&str> = removed.iter().map(String::as_str).collect();
    document.outlet = page
        .hints
        .outlet
        .clone()
        .or_else(|| html.and_then(|m| m.site_name.clone()))
        .or_else(|| meta::outlet_from_lines(&top_lines, &all_removed))
        .or_else(|| {
            url.as_deref()
                .and_then(|u| config.outlet_for_url(u))
                .map(str::to_string)
        });

    // Date: never from lines below the first paragraph, captions, or teasers.
    let (published, from) = if let Some(date) = page.hints.published {
        (
            Some(date),
            page.hints.published_from.or(Some(DateSource::Meta)),
        )
    } else if let Some(date) = html.and_then(|m| m.published) {
        (Some(date), Some(DateSource::Meta))
    } else if let Some(date) = url.as_deref().and_then(meta::url_date) {
        (Some(date), Some(DateSource::Url))
    } else if let Some(date) = top_removed
        .iter()
        .filter(|(line, reason)| {
            !matches!(
                reason,
                Reason::Caption | Reason::Teaser | Reason::Related | Reason::Links
            ) && !lines::looks_like_caption(line)
        })
        .find_map(|(line, _)| meta::byline_date(line))
    {
        (Some(date), Some(DateSource::Byline))
    } else if let Some(date) = body_date(&document.paragraphs, &page.content) {
        (Some(date), Some(DateSource::Body))
    } else {
        (None, None)
    };
    document.published = published;
    document.published_from = from;
    document.removed = removed;
    Ok(document)
}

/// The date the article's first paragraphs give for themselves ("… اليوم، الأربعاء 23 من تموز"), with the
/// year taken from the page when the phrase has none: the year the page mentions most.
fn body_date(paragraphs: &[String], page: &str) -> Option<jiff::civil::Date> {
    let head: String = paragraphs
        .iter()
        .take(3)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let mut years: HashMap<i32, usize> = HashMap::new();
    for token in page.split(|c: char| !c.is_ascii_digit()) {
        if token.len() == 4 {
            if let Ok(year) = token.parse::<i32>() {
                if (1990..=2100).contains(&year) {
                    *years.entry(year).or_default() += 1;
                }
            }
        }
    }
    let year_hint = years
        .into_iter()
        .max_by_key(|(year, count)| (*count, *year))
        .map(|(y, _)| y);
    let mention = marsad_dates::publication_date_in(&head, year_hint)?;
    match mention.date() {
        Some((date, marsad_dates::Precision::Day)) => Some(date),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_table_matches_hosts_and_subdomains() {
        let config = Config::default();
        assert_eq!(
            config.outlet_for_url("https://www.enabbaladi.net/123"),
            Some("عنب بلدي")
        );
        assert_eq!(
            config.outlet_for_url("https://www.bbc.com/arabic/x"),
            Some("بي بي سي عربي")
        );
        assert_eq!(config.outlet_for_url("https://www.bbc.com/news/x"), None);
        assert_eq!(
            config.outlet_for_url("https://news.aljazeera.net/x"),
            Some("الجزيرة نت")
        );
    }
}
