//! JSON Lines: one article per line, as scrapers and other tools export them.
//!
//! Each line is a JSON object; these keys are read (the first one present wins, unknown keys are ignored):
//!
//! | field | keys | becomes |
//! |---|---|---|
//! | the article | `text`, `body`, `content` (plain text), else `html` (markup) | `Page.content`, format Text / Html |
//! | url | `url` | `Page.url`, and `Page.source` (else `PATH:LINE`) |
//! | title | `title` | `hints.title` |
//! | date | `published`, `date` (ISO 8601 or RFC 2822) | `hints.published`, `published_from` Meta |
//! | outlet | `outlet`, `source`, `site` | `hints.outlet` |
//!
//! A line that is not UTF-8, not JSON, not an object, or has no non-blank article text is an error for that
//! line only (`PATH:LINE: reason`); blank lines are skipped; the other lines go on. A date in neither form is
//! dropped, not an error: it is a hint, and the article is still worth reading. The file is streamed line by
//! line, each line capped at [`crate::MAX_PAGE_BYTES`].
//!
//! Not done here: JSON arrays of articles, or nested objects (`{"article": {"body": …}}`).

use std::io::{BufRead, Read};
use std::path::Path;

use serde_json::{Map, Value};

use crate::{Format, Hints, IngestError, Item, Location, MAX_PAGE_BYTES, Page, published};

/// Reads JSON Lines from `reader` (the file `path`), handing one item per non-blank line to `sink`.
pub fn read_jsonl(path: &Path, reader: impl BufRead, sink: &mut dyn FnMut(Item)) {
    read_jsonl_limited(path, reader, MAX_PAGE_BYTES, sink);
}

pub(crate) fn read_jsonl_limited(
    path: &Path,
    mut reader: impl BufRead,
    limit: u64,
    sink: &mut dyn FnMut(Item),
) {
    let mut line = Vec::new();
    let mut number = 0u64;
    let mut any = false;
    loop {
        number += 1;
        let at = Location::Line { number };
        line.clear();
        let read = (&mut reader)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut line);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(source) => {
                // The stream itself broke (a truncated gzip member): nothing after this can be trusted.
                return sink(Item::Error(IngestError::Io {
                    path: path.into(),
                    at,
                    source,
                }));
            }
        }
        if line.len() as u64 > limit {
            any = true;
            sink(Item::Error(IngestError::TooLarge {
                path: path.into(),
                at,
                limit,
            }));
            // The cap may have stopped right after the newline; only then is the line already consumed.
            let rest = if line.ends_with(b"\n") {
                Ok(())
            } else {
                skip_line(&mut reader)
            };
            if let Err(source) = rest {
                return sink(Item::Error(IngestError::Io {
                    path: path.into(),
                    at,
                    source,
                }));
            }
            continue;
        }
        let bytes = if number == 1 {
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line)
        } else {
            &line
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        any = true;
        sink(match read_line(path, number, bytes) {
            Ok(page) => Item::Page(page),
            Err(error) => Item::Error(error),
        });
    }
    if !any {
        sink(Item::Error(IngestError::Empty {
            path: path.into(),
            at: Location::File,
        }));
    }
}

/// Consumes the rest of an over-long line.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(());
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
            }
        }
    }
}

fn read_line(path: &Path, number: u64, bytes: &[u8]) -> Result<Page, IngestError> {
    let at = Location::Line { number };
    let malformed = |reason: String| IngestError::Malformed {
        path: path.into(),
        at,
        reason,
    };
    let text = std::str::from_utf8(bytes).map_err(|error| IngestError::Encoding {
        path: path.into(),
        at,
        offset: error.valid_up_to(),
    })?;
    let value: Value =
        serde_json::from_str(text).map_err(|error| malformed(format!("not JSON: {error}")))?;
    let Value::Object(object) = value else {
        return Err(malformed(format!(
            "a JSON {}, not an object",
            type_name(&value)
        )));
    };
    let (content, format) =
        match first_string(&object, &["text", "body", "content"]).map_err(&malformed)? {
            Some(text) => (text, Format::Text),
            None => match first_string(&object, &["html"]).map_err(&malformed)? {
                Some(html) => (html, Format::Html),
                None => {
                    return Err(malformed(
                        "no article text (looked for text, body, content, html)".into(),
                    ));
                }
            },
        };
    let optional = |keys: &[&str]| first_string(&object, keys).ok().flatten();
    let url = optional(&["url"]);
    let published = optional(&["published", "date"]).and_then(|d| published::parse(&d));
    Ok(Page {
        source: url
            .clone()
            .unwrap_or_else(|| format!("{}:{number}", path.display())),
        file: path.to_path_buf(),
        url,
        format,
        content,
        hints: Hints {
            title: optional(&["title"]),
            outlet: optional(&["outlet", "source", "site"]),
            published,
            published_from: published.map(|_| marsad_model::DateSource::Meta),
        },
    })
}

/// The first of `keys` holding a non-blank string; a key holding something else than a string or null is
/// an error (a number where the text should be means the exporter is not what we think).
fn first_string(object: &Map<String, Value>, keys: &[&str]) -> Result<Option<String>, String> {
    for key in keys {
        match object.get(*key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) if text.trim().is_empty() => {}
            Some(Value::String(text)) => return Ok(Some(text.clone())),
            Some(other) => return Err(format!("`{key}` is a {}, not a string", type_name(other))),
        }
    }
    Ok(None)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Batch;
    use jiff::civil::date;

    fn read(bytes: &[u8], limit: u64) -> Batch {
        let mut batch = Batch::default();
        read_jsonl_limited(Path::new("x.jsonl"), bytes, limit, &mut |item| {
            batch.push(item)
        });
        batch
    }

    #[test]
    fn reads_every_accepted_key() {
        let input = concat!(
            "{\"url\": \"https://a.example/1\", \"title\": \"عنوان\", \"text\": \"نص الخبر\", \"published\": \"2026-03-02T23:30:00+03:00\", \"outlet\": \"صحيفة أ\"}\n",
            "\n",
            "{\"body\": \"نص ثان\", \"date\": \"Mon, 02 Mar 2026 10:00:00 +0000\", \"site\": \"موقع ب\", \"extra\": [1]}\r\n",
            "{\"html\": \"<p>فقرة</p>\", \"source\": \"وكالة ج\", \"date\": \"أمس\"}",
        );
        let batch = read(input.as_bytes(), MAX_PAGE_BYTES);
        assert!(batch.errors.is_empty(), "{:?}", batch.errors);
        let [a, b, c] = &batch.pages[..] else {
            panic!("{:?}", batch.pages)
        };
        assert_eq!(a.source, "https://a.example/1");
        assert_eq!(a.hints.title.as_deref(), Some("عنوان"));
        assert_eq!(a.hints.published, Some(date(2026, 3, 2)));
        assert_eq!(a.hints.published_from, Some(marsad_model::DateSource::Meta));
        assert_eq!(a.hints.outlet.as_deref(), Some("صحيفة أ"));
        assert_eq!((b.source.as_str(), b.format), ("x.jsonl:3", Format::Text));
        assert_eq!(b.hints.outlet.as_deref(), Some("موقع ب"));
        assert_eq!(b.hints.published, Some(date(2026, 3, 2)));
        assert_eq!(
            (c.format, c.content.as_str()),
            (Format::Html, "<p>فقرة</p>")
        );
        assert_eq!((c.hints.published, c.hints.published_from), (None, None));
        assert_eq!(c.hints.outlet.as_deref(), Some("وكالة ج"));
    }

    #[test]
    fn a_bad_line_fails_alone() {
        let input = b"{\"text\": \"one\"}\nnot json\n[1, 2]\n{\"title\": \"no text\"}\n{\"text\": 5}\n\xff\xfe\n{\"text\": \"last\"}\n";
        let batch = read(input, MAX_PAGE_BYTES);
        let errors: Vec<String> = batch.errors.iter().map(ToString::to_string).collect();
        assert_eq!(batch.pages.len(), 2);
        assert_eq!(batch.pages[1].source, "x.jsonl:7");
        assert!(errors[0].starts_with("x.jsonl:2: not JSON"), "{errors:?}");
        assert_eq!(errors[1], "x.jsonl:3: a JSON array, not an object");
        assert_eq!(
            errors[2],
            "x.jsonl:4: no article text (looked for text, body, content, html)"
        );
        assert_eq!(errors[3], "x.jsonl:5: `text` is a number, not a string");
        assert!(errors[4].starts_with("x.jsonl:6: not valid UTF-8 at byte 0"));
    }

    #[test]
    fn over_long_lines_and_empty_files() {
        let input = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n",
            "x".repeat(500)
        );
        let batch = read(input.as_bytes(), 100);
        assert_eq!(
            batch.errors[0].to_string(),
            "x.jsonl:1: larger than 100 bytes"
        );
        assert_eq!(batch.pages[0].source, "x.jsonl:2");
        let batch = read(b"\n \n", 100);
        assert_eq!(batch.errors[0].to_string(), "x.jsonl: empty");
    }
}
