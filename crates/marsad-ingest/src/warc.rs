//! WARC: web crawls (WARC/1.0 and 1.1), plain or gzipped (`.warc.gz`, usually one gzip member per record).
//!
//! Streams the file record by record from a `BufRead`, never holding more than one record's block (capped
//! at [`crate::MAX_PAGE_BYTES`]). Reads:
//! - `response` records: the HTTP status line and headers are stripped (only 2xx responses are pages;
//!   redirects and errors are skipped), `Transfer-Encoding: chunked` and `Content-Encoding: gzip/deflate`
//!   undone, and the payload decoded with the HTTP `Content-Type` charset first, then `<meta charset>`,
//!   then detection ([`crate::charset`]).
//! - `resource` records: the block is the payload, typed by the record's own Content-Type.
//!
//! `warcinfo`, `request`, `metadata`, `revisit`, `conversion` and `continuation` records are skipped, as are
//! payloads that are not HTML or text (images, PDFs, scripts): those are not failures. A page's `source`
//! and `url` are its `WARC-Target-URI`. WARC-Date is crawl time, not publication, so it sets no date.
//!
//! Broken records are errors naming the file, the record number and the byte offset of its `WARC/1.x`
//! line (offsets count decompressed bytes in `.warc.gz`): a missing header, a Content-Length longer than
//! the file or one that does not end at the record's end, headers that never end. After one the reader
//! resynchronises at the next line starting `WARC/1.` (looking inside the bad block too, in case the lying
//! length swallowed the next record) and goes on. A broken gzip stream ends the file with an error.
//!
//! Hand-written rather than the `warc` crate: that crate (0.4) stops at the first malformed record with no
//! way to resynchronise, reports no offsets, and brings chrono/nom/uuid 0.8 for parsing that is a dozen
//! lines here; `rust_warc` has the same recovery gap. The format is small: a version line, `Name: value`
//! headers, a blank line, Content-Length bytes, two CRLFs.

use std::io::{self, BufRead, Cursor, Read};
use std::path::Path;

use crate::{
    Format, Hints, IngestError, Item, Location, MAX_PAGE_BYTES, Page, charset, read_capped,
};

/// Longest header line read before the record is called malformed.
const MAX_LINE: usize = 64 * 1024;
/// Most header lines in one record (a real one has 10 to 20).
const MAX_HEADERS: usize = 1024;
/// Where an HTTP response's headers must have ended (real ones take under 8 KB).
const MAX_HTTP_HEAD: usize = 256 * 1024;

/// Reads a WARC stream (the file `path`), handing each page and each broken record to `sink`.
pub fn read_warc(path: &Path, reader: impl BufRead, sink: &mut dyn FnMut(Item)) {
    read_warc_limited(path, reader, MAX_PAGE_BYTES, sink);
}

/// A `BufRead` that counts the bytes consumed and can take bytes back (to resynchronise inside a block
/// read under a lying Content-Length).
struct Stream<'r> {
    inner: Box<dyn BufRead + 'r>,
    offset: u64,
}

impl<'r> Stream<'r> {
    /// One line, its terminator included, at most `max` bytes; `None` at the end of the stream.
    fn line(&mut self, max: usize) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        (&mut self.inner)
            .take(max as u64)
            .read_until(b'\n', &mut line)?;
        self.offset += line.len() as u64;
        Ok((!line.is_empty()).then_some(line))
    }

    /// Up to `len` bytes: fewer only when the stream ends first.
    fn block(&mut self, len: u64) -> io::Result<Vec<u8>> {
        let mut block = Vec::new();
        (&mut self.inner).take(len).read_to_end(&mut block)?;
        self.offset += block.len() as u64;
        Ok(block)
    }

    /// Consumes up to `len` bytes without keeping them; how many there were.
    fn skip(&mut self, len: u64) -> io::Result<u64> {
        let skipped = io::copy(&mut (&mut self.inner).take(len), &mut io::sink())?;
        self.offset += skipped;
        Ok(skipped)
    }

    fn push_back(&mut self, bytes: Vec<u8>) {
        self.offset -= bytes.len() as u64;
        let rest = std::mem::replace(&mut self.inner, Box::new(io::empty()));
        self.inner = Box::new(Cursor::new(bytes).chain(rest));
    }
}

/// What went wrong with one record, before it is given the file and location.
enum Fault {
    /// The framing is broken: resynchronise.
    Framing(String),
    /// The record is framed well but cannot be a page.
    Record(IngestError),
    /// The stream itself failed (a truncated gzip member): stop.
    Io(io::Error),
}

impl From<io::Error> for Fault {
    fn from(error: io::Error) -> Self {
        Fault::Io(error)
    }
}

pub(crate) fn read_warc_limited<'r>(
    path: &Path,
    reader: impl BufRead + 'r,
    limit: u64,
    sink: &mut dyn FnMut(Item),
) {
    let mut stream = Stream {
        inner: Box::new(reader),
        offset: 0,
    };
    let mut number = 0u64;
    let mut seen_any = false;
    // A version line already read (found while checking the previous record's end, or by resynchronising).
    let mut pending: Option<(Vec<u8>, u64)> = None;
    loop {
        let (line, offset) = match pending.take() {
            Some(found) => found,
            None => match next_nonblank_line(&mut stream) {
                Ok(Some(found)) => found,
                Ok(None) => break,
                Err(source) => {
                    return sink(Item::Error(IngestError::Io {
                        path: path.into(),
                        at: Location::WarcRecord {
                            number: number + 1,
                            offset: stream.offset,
                        },
                        source,
                    }));
                }
            },
        };
        seen_any = true;
        number += 1;
        let at = Location::WarcRecord { number, offset };
        let malformed = |reason: String| {
            Item::Error(IngestError::Malformed {
                path: path.into(),
                at,
                reason,
            })
        };
        let outcome = if line.starts_with(b"WARC/1.") {
            read_record(path, at, &mut stream, limit, &mut pending)
        } else {
            Err(Fault::Framing(
                "not a WARC record: expected a 'WARC/1.0' or 'WARC/1.1' line".into(),
            ))
        };
        match outcome {
            Ok(Some(page)) => sink(Item::Page(page)),
            Ok(None) => {}
            Err(Fault::Record(error)) => sink(Item::Error(error)),
            Err(Fault::Framing(reason)) => {
                sink(malformed(reason));
                match resynchronise(&mut stream) {
                    Ok(found) => pending = found,
                    Err(error) => return sink(io_error(path, at, error)),
                }
            }
            Err(Fault::Io(error)) => return sink(io_error(path, at, error)),
        }
    }
    if !seen_any {
        sink(Item::Error(IngestError::Empty {
            path: path.into(),
            at: Location::File,
        }));
    }
}

fn io_error(path: &Path, at: Location, source: io::Error) -> Item {
    Item::Error(IngestError::Io {
        path: path.into(),
        at,
        source,
    })
}

/// The next line that is not blank, with its offset.
fn next_nonblank_line(stream: &mut Stream) -> io::Result<Option<(Vec<u8>, u64)>> {
    loop {
        let offset = stream.offset;
        match stream.line(MAX_LINE)? {
            None => return Ok(None),
            Some(line) if is_blank(&line) => {}
            Some(line) => return Ok(Some((line, offset))),
        }
    }
}

/// Skips to the next line that starts a record.
fn resynchronise(stream: &mut Stream) -> io::Result<Option<(Vec<u8>, u64)>> {
    let mut at_line_start = true;
    loop {
        let offset = stream.offset;
        let Some(line) = stream.line(MAX_LINE)? else {
            return Ok(None);
        };
        if at_line_start && line.starts_with(b"WARC/1.") {
            return Ok(Some((line, offset)));
        }
        at_line_start = line.ends_with(b"\n");
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b'\r' | b'\n'))
}

/// Reads one record after its version line: the page it holds, `None` when it holds none (a skipped
/// type or payload).
fn read_record(
    path: &Path,
    at: Location,
    stream: &mut Stream,
    limit: u64,
    pending: &mut Option<(Vec<u8>, u64)>,
) -> Result<Option<Page>, Fault> {
    let headers = read_headers(stream)?;
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let length: u64 = match header("Content-Length") {
        None => return Err(Fault::Framing("no Content-Length header".into())),
        Some(value) => value
            .parse()
            .map_err(|_| Fault::Framing(format!("Content-Length {value:?} is not a byte count")))?,
    };
    let record_error = |error| Err(Fault::Record(error));
    let malformed = |reason: String| IngestError::Malformed {
        path: path.into(),
        at,
        reason,
    };
    let kind = header("WARC-Type").map(str::to_ascii_lowercase);
    let wanted = matches!(kind.as_deref(), Some("response" | "resource"));
    if !wanted || length > limit {
        let skipped = stream.skip(length)?;
        if skipped < length {
            return Err(Fault::Framing(too_short(length, skipped)));
        }
        check_record_end(stream, length, None, pending)?;
        return match kind {
            None => record_error(malformed("no WARC-Type header".into())),
            Some(_) if wanted => record_error(IngestError::TooLarge {
                path: path.into(),
                at,
                limit,
            }),
            Some(_) => Ok(None),
        };
    }
    let block = stream.block(length)?;
    if (block.len() as u64) < length {
        let found = block.len() as u64;
        push_back_next_record(stream, block, Vec::new());
        return Err(Fault::Framing(too_short(length, found)));
    }
    let block = check_record_end(stream, length, Some(block), pending)?;
    let Some(uri) = header("WARC-Target-URI") else {
        return record_error(malformed("no WARC-Target-URI header".into()));
    };
    let uri = uri
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    let warc_type = header("Content-Type").unwrap_or_default();
    let is_http = warc_type
        .to_ascii_lowercase()
        .starts_with("application/http");
    let (payload, content_type) = if kind.as_deref() == Some("response") && is_http {
        match http_payload(block, limit) {
            Ok(Some(found)) => found,
            Ok(None) => return Ok(None),
            Err(Payload::Malformed(reason)) => return record_error(malformed(reason)),
            Err(Payload::Unsupported(what)) => {
                return record_error(IngestError::Unsupported {
                    path: path.into(),
                    at,
                    what,
                });
            }
            Err(Payload::TooLarge) => {
                return record_error(IngestError::TooLarge {
                    path: path.into(),
                    at,
                    limit,
                });
            }
        }
    } else {
        (block, warc_type.to_string())
    };
    let Some(format) = page_format(&content_type, &payload) else {
        return Ok(None);
    };
    let content = match charset::decode_vec(payload, charset::charset_param(&content_type)) {
        Ok(content) => content,
        Err(charset::Undecodable { offset }) => {
            return record_error(IngestError::Encoding {
                path: path.into(),
                at,
                offset,
            });
        }
    };
    if content.trim().is_empty() {
        return record_error(IngestError::Empty {
            path: path.into(),
            at,
        });
    }
    Ok(Some(Page {
        source: uri.clone(),
        file: path.to_path_buf(),
        url: Some(uri),
        format,
        content,
        hints: Hints::default(),
    }))
}

fn too_short(length: u64, found: u64) -> String {
    format!("Content-Length says {length} bytes, but the file ends {found} bytes into the block")
}

/// `Name: value` lines up to the blank line; continuation lines (starting with a space or tab) join the
/// header before them.
fn read_headers(stream: &mut Stream) -> Result<Vec<(String, String)>, Fault> {
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = stream.line(MAX_LINE)? else {
            return Err(Fault::Framing(
                "the file ends inside the record's headers".into(),
            ));
        };
        if is_blank(&line) {
            return Ok(headers);
        }
        if !line.ends_with(b"\n") {
            return Err(Fault::Framing(format!(
                "a header line longer than {MAX_LINE} bytes"
            )));
        }
        if headers.len() >= MAX_HEADERS {
            return Err(Fault::Framing(format!("more than {MAX_HEADERS} headers")));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.starts_with([' ', '\t']) {
            match headers.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                None => {
                    return Err(Fault::Framing(
                        "a continuation line before any header".into(),
                    ));
                }
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(Fault::Framing(format!(
                "a header line without ':' ({:?})",
                text.chars().take(40).collect::<String>()
            )));
        };
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// After a block come two CRLFs (some writers put LFs, or fewer), then the next record or the end. Anything
/// else means Content-Length lied: the record is not trusted, and the next record is looked for inside
/// the block too.
fn check_record_end(
    stream: &mut Stream,
    length: u64,
    block: Option<Vec<u8>>,
    pending: &mut Option<(Vec<u8>, u64)>,
) -> Result<Vec<u8>, Fault> {
    match next_nonblank_line(stream)? {
        None => {}
        Some((line, offset)) if line.starts_with(b"WARC/1.") => *pending = Some((line, offset)),
        Some((line, _)) => {
            if let Some(block) = block {
                push_back_next_record(stream, block, line);
            } else {
                stream.push_back(line);
            }
            return Err(Fault::Framing(format!(
                "Content-Length {length} does not end at the record's end (no blank line and next record after the block)"
            )));
        }
    }
    Ok(block.unwrap_or_default())
}

/// Gives back, from a block read under a lying length, everything from the first line that starts a
/// record, plus what was read after the block.
fn push_back_next_record(stream: &mut Stream, block: Vec<u8>, after: Vec<u8>) {
    let start = block
        .windows(8)
        .position(|w| w == b"\nWARC/1.")
        .map(|i| i + 1);
    let mut back = match start {
        Some(start) => block[start..].to_vec(),
        None => Vec::new(),
    };
    back.extend(after);
    if !back.is_empty() {
        stream.push_back(back);
    }
}

/// Why an HTTP response holds no readable payload.
enum Payload {
    Malformed(String),
    Unsupported(String),
    TooLarge,
}

/// The body of an HTTP response and its Content-Type; `None` for statuses that carry no article.
fn http_payload(block: Vec<u8>, limit: u64) -> Result<Option<(Vec<u8>, String)>, Payload> {
    // Whichever blank line comes first ends the headers (some servers send bare LFs).
    let head = &block[..block.len().min(MAX_HTTP_HEAD)];
    let crlf = find(head, b"\r\n\r\n");
    // A bare-LF blank line only counts before the first CRLF one (never scan the body for it).
    let lf_window = crlf.map_or(head, |i| &head[..i + 2]);
    let end = match (crlf, find(lf_window, b"\n\n")) {
        (_, Some(i)) => Some((i, i + 2)),
        (Some(i), None) => Some((i, i + 4)),
        (None, None) => None,
    };
    let Some((head_end, body_start)) = end else {
        return Err(Payload::Malformed(format!(
            "the HTTP headers do not end (no blank line) in the first {MAX_HTTP_HEAD} bytes"
        )));
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .strip_prefix("HTTP/")
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            Payload::Malformed(format!(
                "no HTTP status line ({:?})",
                status_line.chars().take(40).collect::<String>()
            ))
        })?;
    if !(200..300).contains(&status) || status == 204 {
        return Ok(None);
    }
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim(), value.trim());
        if name.eq_ignore_ascii_case("content-type") {
            content_type = value.to_string();
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-encoding") {
            encoding = value.to_ascii_lowercase();
        }
    }
    let mut body = block;
    body.drain(..body_start);
    if chunked {
        // Some crawlers store the body de-chunked but keep the header: only undo what is really chunked.
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit)?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), limit)?,
        other => {
            return Err(Payload::Unsupported(format!(
                "an HTTP body with Content-Encoding {other:?}"
            )));
        }
    };
    Ok(Some((body, content_type)))
}

fn inflate(reader: impl Read, limit: u64) -> Result<Vec<u8>, Payload> {
    match read_capped(Path::new(""), reader, limit) {
        Ok(bytes) => Ok(bytes),
        Err(IngestError::TooLarge { .. }) => Err(Payload::TooLarge),
        Err(error) => Err(Payload::Malformed(format!(
            "the compressed HTTP body does not decompress: {error}"
        ))),
    }
}

/// Joins an HTTP/1.1 chunked body; `None` if it is not well-formed chunking.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut joined = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(joined);
        }
        let chunk = body.get(..size)?;
        joined.extend_from_slice(chunk);
        body = body.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

/// Html or Text for the payloads marsad reads; `None` for the rest (images, PDFs, scripts, JSON).
fn page_format(content_type: &str, payload: &[u8]) -> Option<Format> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "text/plain" => Some(Format::Text),
        // Untyped: trust what it looks like, and take nothing that looks binary.
        "" => {
            let head = &payload[..payload.len().min(1024)];
            if head.contains(&0) {
                None
            } else if charset::find_ascii_ci(head, b"<html").is_some()
                || charset::find_ascii_ci(head, b"<!doctype html").is_some()
            {
                Some(Format::Html)
            } else {
                Some(Format::Text)
            }
        }
        _ => None,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Batch;
    use std::io::Write;

    /// One WARC record with an exact Content-Length.
    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-05T10:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn response(uri: &str, body: &str) -> Vec<u8> {
        record(
            "response",
            uri,
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                body.as_bytes(),
            ),
        )
    }

    fn read(bytes: &[u8], limit: u64) -> Batch {
        let mut batch = Batch::default();
        read_warc_limited(Path::new("c.warc"), bytes, limit, &mut |item| {
            batch.push(item)
        });
        batch
    }

    fn errors(batch: &Batch) -> Vec<String> {
        batch.errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reads_responses_and_resources_and_skips_the_rest() {
        let mut warc = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        warc.extend(record(
            "request",
            "https://a.example/1",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        warc.extend(response("https://a.example/1", "<p>خبر أول</p>"));
        warc.extend(record(
            "resource",
            "file:///notes.txt",
            "text/plain; charset=utf-8",
            "ملاحظة".as_bytes(),
        ));
        warc.extend(record(
            "response",
            "https://a.example/logo.png",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n\0\0",
            ),
        ));
        warc.extend(record(
            "response",
            "https://a.example/old",
            "application/http; msgtype=response",
            &http("301 Moved Permanently", "Location: /new\r\n", b""),
        ));
        warc.extend(record(
            "metadata",
            "https://a.example/1",
            "application/warc-fields",
            b"via: x\r\n",
        ));
        let batch = read(&warc, MAX_PAGE_BYTES);
        assert!(batch.errors.is_empty(), "{:?}", errors(&batch));
        assert_eq!(batch.pages.len(), 2);
        let page = &batch.pages[0];
        assert_eq!(page.source, "https://a.example/1");
        assert_eq!(page.url.as_deref(), Some("https://a.example/1"));
        assert_eq!(
            (page.format, page.content.as_str()),
            (Format::Html, "<p>خبر أول</p>")
        );
        assert_eq!(
            page.hints,
            Hints::default(),
            "WARC-Date is crawl time, not publication"
        );
        assert_eq!(batch.pages[1].format, Format::Text);
        assert_eq!(batch.pages[1].content, "ملاحظة");
    }

    #[test]
    fn http_charset_chunking_and_gzip_are_undone() {
        let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode("<p>مرحبا</p>");
        let warc = record(
            "response",
            "https://b.example/",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=windows-1256\r\n",
                &cp1256,
            ),
        );
        assert_eq!(read(&warc, MAX_PAGE_BYTES).pages[0].content, "<p>مرحبا</p>");

        let body = "<p>مقطع أول</p><p>مقطع ثان</p>".as_bytes();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(body).unwrap();
        let zipped = gz.finish().unwrap();
        let (a, b) = zipped.split_at(10);
        let mut chunked = format!("{:x}\r\n", a.len()).into_bytes();
        chunked.extend(a);
        chunked.extend(format!("\r\n{:X};ext=1\r\n", b.len()).into_bytes());
        chunked.extend(b);
        chunked.extend(b"\r\n0\r\n\r\n");
        let warc = record(
            "response",
            "https://b.example/z",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        );
        let batch = read(&warc, MAX_PAGE_BYTES);
        assert_eq!(
            batch.pages[0].content.as_bytes(),
            body,
            "{:?}",
            errors(&batch)
        );

        let warc = record(
            "response",
            "https://b.example/br",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: br\r\n",
                b"\x0b\x02",
            ),
        );
        assert_eq!(
            errors(&read(&warc, MAX_PAGE_BYTES)),
            [
                "c.warc: WARC record 1 at byte 0: an HTTP body with Content-Encoding \"br\" is not read"
            ]
        );
    }

    #[test]
    fn a_length_longer_than_the_file_is_reported_with_its_record() {
        let first = response("https://a.example/1", "<p>أول</p>");
        let mut warc = first.clone();
        let second = response("https://a.example/2", "<p>ثان</p>");
        let lying = String::from_utf8(second)
            .unwrap()
            .replace("Content-Length: ", "Content-Length: 9");
        warc.extend(lying.as_bytes());
        let batch = read(&warc, MAX_PAGE_BYTES);
        assert_eq!(batch.pages.len(), 1);
        let errors = errors(&batch);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let expected = format!(
            "c.warc: WARC record 2 at byte {}: Content-Length says 9",
            first.len()
        );
        assert!(errors[0].starts_with(&expected), "{errors:?}");
        assert!(errors[0].contains("the file ends"), "{errors:?}");
    }

    #[test]
    fn a_length_landing_mid_record_resynchronises() {
        // Too short: lands inside record 1's body. Too long: swallows the start of record 3.
        let one = String::from_utf8(response("https://a.example/1", "<p>أول</p>")).unwrap();
        let length = one.len() - one.find("\r\n\r\nHTTP").unwrap() - 8;
        let short = one.replacen(
            &format!("Content-Length: {length}"),
            &format!("Content-Length: {}", length - 5),
            1,
        );
        assert_ne!(short, one);
        let two = String::from_utf8(response("https://a.example/2", "<p>ثان</p>")).unwrap();
        let long = two.replacen("Content-Length: ", "Content-Length: 1", 1);
        let three = response("https://a.example/3", "<p>ثالث</p>");
        let four = response("https://a.example/4", "<p>رابع</p>");
        let mut warc = short.into_bytes();
        warc.extend(long.as_bytes());
        warc.extend(&three);
        warc.extend(&four);
        let batch = read(&warc, MAX_PAGE_BYTES);
        let errors = errors(&batch);
        let sources: Vec<&str> = batch.pages.iter().map(|p| p.source.as_str()).collect();
        assert_eq!(
            sources,
            ["https://a.example/3", "https://a.example/4"],
            "{errors:?}"
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("c.warc: WARC record 1 at byte 0: Content-Length"),
            "{errors:?}"
        );
        assert!(
            errors[0].contains("does not end at the record's end"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("c.warc: WARC record 2 at byte "),
            "{errors:?}"
        );
    }

    #[test]
    fn missing_headers_and_junk() {
        let good = response("https://a.example/ok", "<p>سليم</p>");
        let no_length = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n".to_vec();
        let no_type = String::from_utf8(response("https://a.example/t", "<p>x</p>"))
            .unwrap()
            .replace("WARC-Type: response\r\n", "");
        let no_uri = String::from_utf8(response("https://a.example/u", "<p>x</p>"))
            .unwrap()
            .replace("WARC-Target-URI: https://a.example/u\r\n", "");
        let mut warc = b"junk before\n".to_vec();
        warc.extend(&good);
        warc.extend(&no_length);
        warc.extend(no_type.as_bytes());
        warc.extend(no_uri.as_bytes());
        warc.extend(&good);
        let batch = read(&warc, MAX_PAGE_BYTES);
        let errors = errors(&batch);
        assert_eq!(batch.pages.len(), 2, "{errors:?}");
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].ends_with(
            "WARC record 1 at byte 0: not a WARC record: expected a 'WARC/1.0' or 'WARC/1.1' line"
        ));
        assert!(
            errors[1].ends_with("no Content-Length header"),
            "{errors:?}"
        );
        assert!(errors[2].ends_with("no WARC-Type header"), "{errors:?}");
        assert!(
            errors[3].ends_with("no WARC-Target-URI header"),
            "{errors:?}"
        );
    }

    #[test]
    fn records_over_the_cap_are_skipped_with_an_error() {
        let mut warc = response("https://a.example/big", &"<p>كبير</p>".repeat(100));
        warc.extend(response("https://a.example/small", "<p>صغير</p>"));
        let batch = read(&warc, 500);
        assert_eq!(batch.pages.len(), 1);
        assert!(errors(&batch)[0].ends_with("WARC record 1 at byte 0: larger than 500 bytes"));
    }

    #[test]
    fn empty_junk_and_truncated_gzip() {
        assert_eq!(errors(&read(b"", MAX_PAGE_BYTES)), ["c.warc: empty"]);
        let batch = read(b"\x00\x01\x02binary\xff\xfe", MAX_PAGE_BYTES);
        assert_eq!(batch.errors.len(), 1);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&response("https://a.example/1", &"<p>نص</p>".repeat(200)))
            .unwrap();
        let zipped = gz.finish().unwrap();
        let cut = &zipped[..zipped.len() / 2];
        let mut batch = Batch::default();
        let reader = io::BufReader::new(flate2::read::MultiGzDecoder::new(cut));
        read_warc(Path::new("c.warc.gz"), reader, &mut |item| batch.push(item));
        let errors = errors(&batch);
        assert_eq!(batch.pages.len(), 0);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("c.warc.gz: WARC record 1 at byte 0: cannot read"),
            "{errors:?}"
        );
    }

    proptest::proptest! {
        /// Well-formed records come back exactly, in order; cut anywhere, the file still reads without a
        /// panic, and the records before the cut are still pages.
        #[test]
        fn records_round_trip_and_survive_any_cut(
            bodies in proptest::collection::vec("[\\p{Arabic}a-z0-9]\\PC{0,120}", 1..6),
            cut in 0.0f64..1.0,
        ) {
            let records: Vec<Vec<u8>> = bodies
                .iter()
                .enumerate()
                .map(|(i, body)| record("resource", &format!("urn:x:{i}"), "text/plain; charset=utf-8", body.as_bytes()))
                .collect();
            let warc = records.concat();
            let batch = read(&warc, MAX_PAGE_BYTES);
            proptest::prop_assert!(batch.errors.is_empty(), "{:?}", errors(&batch));
            let contents: Vec<&str> = batch.pages.iter().map(|p| p.content.as_str()).collect();
            proptest::prop_assert_eq!(contents, bodies.iter().map(String::as_str).collect::<Vec<_>>());

            let at = (warc.len() as f64 * cut) as usize;
            let whole = records.iter().scan(0, |end, r| { *end += r.len(); Some(*end) }).filter(|&end| end <= at).count();
            let batch = read(&warc[..at], MAX_PAGE_BYTES);
            proptest::prop_assert!(batch.pages.len() >= whole.saturating_sub(1));
            proptest::prop_assert!(batch.pages.len() <= whole + 1);
        }
    }

    #[test]
    fn dechunk_rejects_what_is_not_chunked() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"ffffffffffffffff\r\nabc"), None);
    }
}
