//! Ingest: the edge where outside bytes come in.
//!
//! Walks files and folders (or reads stdin) and turns each readable page into a [`Page`]: where it came
//! from, its format, its decoded content, and what its container said about it ([`Hints`]). Feed items that
//! only link to their article become [`Link`]s. Bad input is expected: each failure is an [`IngestError`]
//! naming the file, the record inside it ([`Location`]) and the reason, and the rest of the batch goes on.
//!
//! One module per reader, chosen by file name (a trailing `.gz` is gunzipped first, multi-member included):
//!
//! | names | reader | one file gives |
//! |---|---|---|
//! | `.warc`, `.warc.gz` | [`warc`] (streamed record by record) | a page per HTML/text `response` or `resource` record |
//! | `.xml`, `.rss`, `.atom` | [`feed`] (RSS 2.0, Atom via feed-rs) | a page per item with content, a link per teaser |
//! | `.jsonl` | [`jsonl`] (streamed line by line) | a page per line |
//! | `.html`, `.htm` | here | one HTML page |
//! | `.txt` | here | one text page |
//! | `-` | [`stdin`] (sniffed) | any of the above |
//!
//! Every page's bytes go through [`charset::decode`]: UTF-8, else a declared charset, else a detected
//! windows-1256 / ISO-8859-6; anything else is an error, never mojibake. No page, record or line bigger than
//! [`MAX_PAGE_BYTES`] is read into memory.
//!
//! Not done here: deciding what is article and what is boilerplate (that is extraction), fetching links
//! (marsad never goes to the network), or storing anything.

pub mod charset;
pub mod feed;
pub mod jsonl;
mod published;
pub mod stdin;
pub mod warc;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Largest page, record or line read, after decompression: anything bigger is an error, not an
/// out-of-memory.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The format a page was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: the DOM is gone (a text dump, a JSON Lines record's text, a feed item's plain content).
    Text,
    /// HTML markup, to be parsed by extraction.
    Html,
}

/// One page as read, before extraction: decoded text plus what its container said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// What the export calls `source`: the path as given; a WARC record's target URI; a feed item's or JSON
    /// Lines record's url, else `PATH:ITEM` / `PATH:LINE`; `-` for a page read from stdin.
    pub source: String,
    /// The file the page was read from (`-` for stdin). Pages of one file or outlet share templates.
    pub file: PathBuf,
    pub url: Option<String>,
    pub format: Format,
    /// The decoded page: HTML markup or plain text, never bytes.
    pub content: String,
    /// Metadata the container gave (feed item, JSON Lines fields); extraction prefers the page's own
    /// metadata only where these are missing. A WARC record gives none: its WARC-Date is crawl time, not
    /// publication.
    pub hints: Hints,
}

/// Metadata a container carries beside the page itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub published_from: Option<marsad_model::DateSource>,
}

/// A feed item that only links to its article: recorded, not fetched (marsad never goes to the network).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub file: PathBuf,
    pub url: String,
    pub title: Option<String>,
    pub published: Option<jiff::civil::Date>,
}

/// One thing a reader found.
#[derive(Debug)]
pub enum Item {
    Page(Page),
    Link(Link),
    Error(IngestError),
}

/// Where in a file a problem is: the whole file, or one record of a container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (a single page, or a container that could not be opened at all).
    File,
    /// A WARC record: its 1-based number and the byte offset of its `WARC/1.x` line (in the
    /// decompressed stream for `.warc.gz`).
    WarcRecord { number: u64, offset: u64 },
    /// A feed item or entry, 1-based, in document order.
    FeedItem { number: usize },
    /// A JSON Lines line, 1-based.
    Line { number: u64 },
}

impl fmt::Display for Location {
    /// Written right after the path: `PATH`, `PATH: WARC record 3 at byte 1024`, `PATH: feed item 2`,
    /// `PATH:17`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => Ok(()),
            Location::WarcRecord { number, offset } => {
                write!(f, ": WARC record {number} at byte {offset}")
            }
            Location::FeedItem { number } => write!(f, ": feed item {number}"),
            Location::Line { number } => write!(f, ":{number}"),
        }
    }
}

/// Why one input, or one record of it, could not be read. Every variant names the file and the record.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{}{at}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        at: Location,
        source: io::Error,
    },
    #[error(
        "{}{at}: not valid UTF-8 at byte {offset}, and neither a declared charset nor detection (windows-1256, ISO-8859-6) decodes it cleanly",
        path.display()
    )]
    Encoding {
        path: PathBuf,
        at: Location,
        offset: usize,
    },
    #[error("{}{at}: empty", path.display())]
    Empty { path: PathBuf, at: Location },
    #[error("{}{at}: larger than {limit} bytes", path.display())]
    TooLarge {
        path: PathBuf,
        at: Location,
        limit: u64,
    },
    /// The container's structure is broken: a WARC record without a header it needs or with a lying
    /// Content-Length, a line that is not a JSON object, a file that is not a feed.
    #[error("{}{at}: {reason}", path.display())]
    Malformed {
        path: PathBuf,
        at: Location,
        reason: String,
    },
    /// Well-formed, but in a form no reader handles (a WARC payload compressed with brotli, say).
    #[error("{}{at}: {what} is not read", path.display())]
    Unsupported {
        path: PathBuf,
        at: Location,
        what: String,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            IngestError::Io { path, .. }
            | IngestError::Encoding { path, .. }
            | IngestError::Empty { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::Malformed { path, .. }
            | IngestError::Unsupported { path, .. } => path,
        }
    }

    /// Where in the file.
    pub fn location(&self) -> Location {
        match self {
            IngestError::Io { at, .. }
            | IngestError::Encoding { at, .. }
            | IngestError::Empty { at, .. }
            | IngestError::TooLarge { at, .. }
            | IngestError::Malformed { at, .. }
            | IngestError::Unsupported { at, .. } => *at,
        }
    }
}

/// What a batch produced, collected (for small batches and tests; large ones use [`read_paths_with`]).
#[derive(Debug, Default)]
pub struct Batch {
    pub pages: Vec<Page>,
    pub links: Vec<Link>,
    pub errors: Vec<IngestError>,
}

impl Batch {
    /// A sink that collects into this batch.
    pub fn push(&mut self, item: Item) {
        match item {
            Item::Page(page) => self.pages.push(page),
            Item::Link(link) => self.links.push(link),
            Item::Error(error) => self.errors.push(error),
        }
    }
}

/// Reads every file under the given paths (folders recursively, in name order; `-` is stdin) into one
/// [`Batch`].
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Batch {
    let mut batch = Batch::default();
    read_paths_with(paths, &mut |item| batch.push(item));
    batch
}

/// Reads every file under the given paths (folders recursively, in name order; `-` is stdin), handing
/// each item to `sink` as soon as it is read, so a large batch never sits in memory.
pub fn read_paths_with<P: AsRef<Path>>(paths: &[P], sink: &mut dyn FnMut(Item)) {
    for path in paths {
        if path.as_ref() == Path::new("-") {
            stdin::read_stdin(sink);
            continue;
        }
        for entry in walkdir::WalkDir::new(path.as_ref()).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => read_file_with(entry.path(), sink),
                Ok(_) => {}
                Err(error) => sink(Item::Error(IngestError::Io {
                    path: error
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.as_ref().to_path_buf()),
                    at: Location::File,
                    source: error.into(),
                })),
            }
        }
    }
}

/// What a file name says a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Warc,
    Feed,
    Jsonl,
    Html,
    Text,
}

/// The reader a file name asks for, and whether it is gzipped; `None` for files that are not input
/// (README.md, scripts).
pub(crate) fn kind_of(name: &str) -> Option<(Kind, bool)> {
    let name = name.to_ascii_lowercase();
    let (inner, gzipped) = match name.strip_suffix(".gz") {
        Some(inner) => (inner, true),
        None => (name.as_str(), false),
    };
    let extension = inner.rsplit_once('.')?.1;
    let kind = match extension {
        "warc" => Kind::Warc,
        "xml" | "rss" | "atom" => Kind::Feed,
        "jsonl" => Kind::Jsonl,
        "html" | "htm" => Kind::Html,
        "txt" => Kind::Text,
        _ => return None,
    };
    Some((kind, gzipped))
}

/// Reads one file, handing what it holds to `sink`: one page for `.txt`/`.html`, any number of pages,
/// links and errors for containers. Files that are not input at all (README.md, scripts) give nothing.
pub fn read_file_with(path: &Path, sink: &mut dyn FnMut(Item)) {
    read_file_limited(path, MAX_PAGE_BYTES, sink);
}

pub(crate) fn read_file_limited(path: &Path, limit: u64, sink: &mut dyn FnMut(Item)) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let Some((kind, gzipped)) = kind_of(&name) else {
        return;
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(source) => {
            return sink(Item::Error(IngestError::Io {
                path: path.into(),
                at: Location::File,
                source,
            }));
        }
    };
    let reader: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(
            BufReader::new(file),
        )))
    } else {
        Box::new(BufReader::new(file))
    };
    // Containers stream; everything else is one page, read whole under the cap.
    match kind {
        Kind::Warc => warc::read_warc_limited(path, reader, limit, sink),
        Kind::Jsonl => jsonl::read_jsonl_limited(path, reader, limit, sink),
        Kind::Feed | Kind::Html | Kind::Text => match read_capped(path, reader, limit) {
            Ok(bytes) => read_in_memory(path, kind, &bytes, limit, sink),
            Err(error) => sink(Item::Error(error)),
        },
    }
}

/// Reads one single-page file (`.txt`, `.html`, either gzipped). `Ok(None)` for files that are not input
/// at all; an `Unsupported` error for containers, which hold many pages: read those with
/// [`read_file_with`].
pub fn read_file(path: &Path) -> Result<Option<Page>, IngestError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    match kind_of(&name) {
        None => return Ok(None),
        Some((Kind::Html | Kind::Text, _)) => {}
        Some(_) => {
            return Err(IngestError::Unsupported {
                path: path.into(),
                at: Location::File,
                what: "a container of many pages, through read_file (use read_file_with)".into(),
            });
        }
    }
    let mut result = Ok(None);
    read_file_with(path, &mut |item| match item {
        Item::Page(page) => result = Ok(Some(page)),
        Item::Error(error) => result = Err(error),
        Item::Link(_) => {}
    });
    result
}

/// Reads in-memory bytes as if they were a file called `name` (`-` means stdin: gunzip if the bytes are
/// gzip, then sniff the format). This is what the fuzz targets and property tests drive.
pub fn read_bytes_as(name: &str, bytes: &[u8], sink: &mut dyn FnMut(Item)) {
    read_bytes_limited(name, bytes, MAX_PAGE_BYTES, sink);
}

pub(crate) fn read_bytes_limited(name: &str, bytes: &[u8], limit: u64, sink: &mut dyn FnMut(Item)) {
    let path = Path::new(name);
    if name == "-" {
        return stdin::read_stdin_bytes(bytes, limit, sink);
    }
    let Some((kind, gzipped)) = kind_of(name) else {
        return;
    };
    let owned;
    let bytes = if gzipped {
        let decoder = flate2::read::MultiGzDecoder::new(bytes);
        match read_capped(path, decoder, limit) {
            Ok(unzipped) => {
                owned = unzipped;
                &owned[..]
            }
            Err(error) => return sink(Item::Error(error)),
        }
    } else {
        if bytes.len() as u64 > limit && matches!(kind, Kind::Feed | Kind::Html | Kind::Text) {
            return sink(Item::Error(IngestError::TooLarge {
                path: path.into(),
                at: Location::File,
                limit,
            }));
        }
        bytes
    };
    read_in_memory(path, kind, bytes, limit, sink);
}

/// Dispatches bytes already in memory to the reader for `kind`.
pub(crate) fn read_in_memory(
    path: &Path,
    kind: Kind,
    bytes: &[u8],
    limit: u64,
    sink: &mut dyn FnMut(Item),
) {
    match kind {
        Kind::Warc => warc::read_warc_limited(path, bytes, limit, sink),
        Kind::Jsonl => jsonl::read_jsonl_limited(path, bytes, limit, sink),
        Kind::Feed => feed::read_feed(path, bytes, sink),
        Kind::Html => sink(single_page(path, Format::Html, bytes)),
        Kind::Text => sink(single_page(path, Format::Text, bytes)),
    }
}

/// A `.txt` or `.html` file (or stdin sniffed as one) as one page.
pub(crate) fn single_page(path: &Path, format: Format, bytes: &[u8]) -> Item {
    let content = match charset::decode(bytes, None) {
        Ok(content) => content,
        Err(charset::Undecodable { offset }) => {
            return Item::Error(IngestError::Encoding {
                path: path.into(),
                at: Location::File,
                offset,
            });
        }
    };
    if content.trim().is_empty() {
        return Item::Error(IngestError::Empty {
            path: path.into(),
            at: Location::File,
        });
    }
    Item::Page(Page {
        source: path.display().to_string(),
        file: path.to_path_buf(),
        url: None,
        format,
        content,
        hints: Hints::default(),
    })
}

/// Reads everything `reader` gives, up to `limit` bytes: more is a `TooLarge` error, a read failure
/// (a truncated gzip member, say) an `Io` error.
pub(crate) fn read_capped(
    path: &Path,
    reader: impl Read,
    limit: u64,
) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| IngestError::Io {
            path: path.into(),
            at: Location::File,
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            path: path.into(),
            at: Location::File,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn reads_text_html_and_gzip_and_reports_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            "\u{FEFF}سطر أول\n\n  سطر ثان \n".as_bytes(),
        );
        write(
            dir.path(),
            "b.html",
            "<html><head><title>عنوان</title><style>p{}</style></head><body><nav>الرئيسية</nav><p>فقرة <b>أولى</b></p><script>x()</script></body></html>".as_bytes(),
        );
        write(dir.path(), "c.txt.gz", &gzip("نص مضغوط".as_bytes()));
        write(dir.path(), "d.warc", b"WARC/1.0\r\n");
        write(dir.path(), "e.txt", b"");
        write(dir.path(), "f.txt", b"\xff\xfe junk");
        write(dir.path(), "notes.md", b"# not a page");
        let mut cp1256 = b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
        cp1256.extend([0xE3, 0xD1, 0xCD, 0xC8, 0xC7]); // مرحبا
        cp1256.extend(b"</p></body></html>");
        write(dir.path(), "g.html", &cp1256);
        let batch = read_paths(&[dir.path()]);
        let formats: Vec<_> = batch.pages.iter().map(|p| p.format).collect();
        assert_eq!(
            formats,
            [Format::Text, Format::Html, Format::Text, Format::Html]
        );
        assert_eq!(batch.pages[0].content, "سطر أول\n\n  سطر ثان \n");
        assert!(batch.pages[1].content.contains("<title>عنوان</title>"));
        assert_eq!(batch.pages[2].content, "نص مضغوط");
        assert!(batch.pages[3].content.contains("<p>مرحبا</p>"));
        let errors: Vec<String> = batch.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].ends_with(
                "d.warc: WARC record 1 at byte 0: the file ends inside the record's headers"
            ),
            "{errors:?}"
        );
        assert!(errors[1].ends_with("e.txt: empty"));
        assert!(errors[2].contains("f.txt: not valid UTF-8 at byte 0"));
        assert_eq!(batch.errors[2].location(), Location::File);
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = gzip("نص طويل بما يكفي ليقطع".repeat(50).as_bytes());
        let path = write(dir.path(), "cut.txt.gz", &bytes[..bytes.len() / 2]);
        let error = read_file(&path).unwrap_err().to_string();
        assert!(error.contains("cut.txt.gz: cannot read"), "{error}");
        let path = write(
            dir.path(),
            "cut.jsonl.gz",
            &gzip(b"{\"text\": \"a\"}\n".repeat(400).as_slice())[..60],
        );
        let batch = read_paths(&[&path]);
        assert_eq!(batch.errors.len(), 1, "{:?}", batch.errors);
        assert!(batch.errors[0].to_string().contains("cut.jsonl.gz:"));
    }

    #[test]
    fn a_page_over_the_cap_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "big.html", &b"<p>x</p>".repeat(200));
        let mut items = Vec::new();
        read_file_limited(&path, 1000, &mut |item| items.push(item));
        let [Item::Error(error)] = &items[..] else {
            panic!("{items:?}")
        };
        assert!(
            error
                .to_string()
                .ends_with("big.html: larger than 1000 bytes")
        );
        let mut items = Vec::new();
        read_bytes_limited("big.txt", &[b'x'; 1001], 1000, &mut |item| items.push(item));
        assert!(matches!(
            &items[..],
            [Item::Error(IngestError::TooLarge { .. })]
        ));
    }

    #[test]
    fn read_file_refuses_containers_and_ignores_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "x.jsonl", b"{\"text\": \"a\"}\n");
        assert!(matches!(
            read_file(&path),
            Err(IngestError::Unsupported { .. })
        ));
        let path = write(dir.path(), "x.py", b"print()");
        assert!(read_file(&path).unwrap().is_none());
    }

    #[test]
    fn names_pick_readers() {
        assert_eq!(kind_of("A.WARC.GZ"), Some((Kind::Warc, true)));
        assert_eq!(kind_of("feed.rss"), Some((Kind::Feed, false)));
        assert_eq!(kind_of("x.atom.gz"), Some((Kind::Feed, true)));
        assert_eq!(kind_of("x.jsonl"), Some((Kind::Jsonl, false)));
        assert_eq!(kind_of("x.htm"), Some((Kind::Html, false)));
        assert_eq!(kind_of("README.md"), None);
        assert_eq!(kind_of("gz"), None);
    }
}
