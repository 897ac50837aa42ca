//! Stdin: the path `-`, for `curl … | marsad ingest -` and pipelines.
//!
//! Stdin has no name to dispatch on, so it is read whole (under [`MAX_PAGE_BYTES`]), gunzipped when it starts
//! with the gzip magic, and sniffed from its first bytes (after a BOM and leading whitespace):
//! `WARC/1.` → WARC; `<?xml`, `<rss`, `<feed` → feed; `{` → JSON Lines; `<html`, `<!doctype`, `<body`, `<p`,
//! `<head`, `<div`, `<meta` → HTML; anything else → text. Pages from stdin have `source` and `file` `-`.
//!
//! Not done here: streaming stdin. A WARC larger than the cap should be given as a file, which is streamed
//! record by record; sniffing needs the start, and reading a pipe twice is not possible.

use std::path::Path;

use crate::{IngestError, Item, Kind, Location, MAX_PAGE_BYTES, read_capped, read_in_memory};

/// Reads stdin by the rules in the module doc.
pub fn read_stdin(sink: &mut dyn FnMut(Item)) {
    let stdin = std::io::stdin().lock();
    match read_capped(Path::new("-"), stdin, MAX_PAGE_BYTES) {
        Ok(bytes) => read_stdin_bytes(&bytes, MAX_PAGE_BYTES, sink),
        Err(error) => sink(Item::Error(error)),
    }
}

/// Reads bytes as stdin would be read: gunzip if gzip, sniff, dispatch.
pub(crate) fn read_stdin_bytes(bytes: &[u8], limit: u64, sink: &mut dyn FnMut(Item)) {
    let path = Path::new("-");
    let unzipped;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        match read_capped(path, flate2::read::MultiGzDecoder::new(bytes), limit) {
            Ok(inner) => {
                unzipped = inner;
                &unzipped[..]
            }
            Err(error) => return sink(Item::Error(error)),
        }
    } else {
        bytes
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return sink(Item::Error(IngestError::Empty {
            path: path.into(),
            at: Location::File,
        }));
    }
    read_in_memory(path, sniff(bytes), bytes, limit, sink);
}

/// The format stdin's first bytes look like.
pub(crate) fn sniff(bytes: &[u8]) -> Kind {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 64)];
    let starts = |prefix: &[u8]| {
        head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if starts(b"WARC/1.") {
        Kind::Warc
    } else if starts(b"<?xml") || starts(b"<rss") || starts(b"<feed") {
        Kind::Feed
    } else if starts(b"{") {
        Kind::Jsonl
    } else if [
        &b"<html"[..],
        b"<!doctype",
        b"<body",
        b"<p",
        b"<head",
        b"<div",
        b"<meta",
        b"<!--",
    ]
    .iter()
    .any(|p| starts(p))
    {
        Kind::Html
    } else {
        Kind::Text
    }
}

/// Reads stdin through any reader (used by tests, which cannot feed the process's stdin).
#[cfg(test)]
fn read_from(reader: impl std::io::Read, sink: &mut dyn FnMut(Item)) {
    match read_capped(Path::new("-"), reader, MAX_PAGE_BYTES) {
        Ok(bytes) => read_stdin_bytes(&bytes, MAX_PAGE_BYTES, sink),
        Err(error) => sink(Item::Error(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Batch, Format};
    use std::io::Write;

    fn read(bytes: &[u8]) -> Batch {
        let mut batch = Batch::default();
        read_from(bytes, &mut |item| batch.push(item));
        batch
    }

    #[test]
    fn sniffs_each_format() {
        assert_eq!(sniff(b"WARC/1.1\r\n"), Kind::Warc);
        assert_eq!(sniff(b"\xEF\xBB\xBF<?xml version='1.0'?>"), Kind::Feed);
        assert_eq!(sniff(b"  <rss version=\"2.0\">"), Kind::Feed);
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Kind::Feed
        );
        assert_eq!(sniff(b"{\"text\": \"x\"}\n"), Kind::Jsonl);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff("<p>فقرة</p>".as_bytes()), Kind::Html);
        assert_eq!(sniff("خبر عاجل".as_bytes()), Kind::Text);
    }

    #[test]
    fn gzipped_html_on_stdin_is_one_page_called_dash() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all("<html><body><p>خبر من الأنبوب</p></body></html>".as_bytes())
            .unwrap();
        let batch = read(&gz.finish().unwrap());
        assert_eq!(batch.errors.len(), 0, "{:?}", batch.errors);
        let page = &batch.pages[0];
        assert_eq!((page.source.as_str(), page.format), ("-", Format::Html));
        assert_eq!(page.file, Path::new("-"));
    }

    #[test]
    fn jsonl_and_text_and_empty_stdin() {
        let batch = read("{\"text\": \"سطر أول\"}\n{\"text\": \"سطر ثان\"}\n".as_bytes());
        assert_eq!(batch.pages.len(), 2);
        assert_eq!(batch.pages[1].source, "-:2");
        let batch = read("نص عادي".as_bytes());
        assert_eq!(batch.pages[0].format, Format::Text);
        let batch = read(b" \n ");
        assert_eq!(batch.errors[0].to_string(), "-: empty");
    }
}
