//! Ingest: the edge where outside bytes come in.
//!
//! Walks files and folders and turns each readable page into a [`Page`]: where it came from, its format, and
//! its text as lines (for HTML, the visible text of block elements, scripts and styles dropped). Bad input is
//! expected: each failure is an [`IngestError`] naming the file and the reason, and the rest of the batch goes
//! on.
//!
//! Read so far: `.txt`, `.html`/`.htm`, and either gzip-compressed (`.gz`), in UTF-8 (with or without BOM) or
//! in a charset the page declares (windows-1256, ISO-8859-6). Files in formats whose readers are not written
//! yet (WARC, RSS/Atom, JSON Lines; charset detection for undeclared legacy text)
//! are reported as [`IngestError::Unsupported`], never silently skipped or misread.
//!
//! Not done here: deciding what is article and what is boilerplate (that is extraction), or storing anything.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Largest file read, after decompression: a page bigger than this is an error, not an out-of-memory.
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
    /// Lines record's url, else `PATH:LINE`.
    pub source: String,
    /// The file the page was read from (`-` for stdin). Pages of one file or outlet share templates.
    pub file: PathBuf,
    pub url: Option<String>,
    pub format: Format,
    /// The decoded page: HTML markup or plain text, never bytes.
    pub content: String,
    /// Metadata the container gave (feed item, JSON Lines fields, HTTP headers); extraction prefers the
    /// page's own metadata only where these are missing.
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

/// Why one input could not be read.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not valid UTF-8 at byte {offset}, and no charset it declares decodes it")]
    Encoding { path: PathBuf, offset: usize },
    #[error("{path}: empty")]
    Empty { path: PathBuf },
    #[error("{path}: larger than {MAX_PAGE_BYTES} bytes")]
    TooLarge { path: PathBuf },
    #[error("{path}: {what} is not read yet")]
    Unsupported { path: PathBuf, what: &'static str },
}

/// What a batch produced, collected (for small batches and tests; large ones use [`read_paths_with`]).
#[derive(Debug, Default)]
pub struct Batch {
    pub pages: Vec<Page>,
    pub links: Vec<Link>,
    pub errors: Vec<IngestError>,
}

/// Reads every file under the given paths (folders recursively, in name order) into one [`Batch`].
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Batch {
    let mut batch = Batch::default();
    read_paths_with(paths, &mut |item| match item {
        Item::Page(page) => batch.pages.push(page),
        Item::Link(link) => batch.links.push(link),
        Item::Error(error) => batch.errors.push(error),
    });
    batch
}

/// Reads every file under the given paths (folders recursively, in name order), handing each item to
/// `sink` as soon as it is read, so a large batch never sits in memory.
pub fn read_paths_with<P: AsRef<Path>>(paths: &[P], sink: &mut dyn FnMut(Item)) {
    for path in paths {
        for entry in walkdir::WalkDir::new(path.as_ref()).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => read_file_with(entry.path(), sink),
                Ok(_) => {}
                Err(error) => sink(Item::Error(IngestError::Io {
                    path: error
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.as_ref().to_path_buf()),
                    source: error.into(),
                })),
            }
        }
    }
}

/// Reads one file, handing what it holds to `sink`. Files that are not pages at all (README.md, scripts)
/// give nothing.
pub fn read_file_with(path: &Path, sink: &mut dyn FnMut(Item)) {
    match read_file(path) {
        Ok(Some(page)) => sink(Item::Page(page)),
        Ok(None) => {}
        Err(error) => sink(Item::Error(error)),
    }
}

/// Reads one single-page file. `Ok(None)` for files that are not pages at all.
pub fn read_file(path: &Path) -> Result<Option<Page>, IngestError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (inner, gzipped) = match name.strip_suffix(".gz") {
        Some(inner) => (inner.to_string(), true),
        None => (name.clone(), false),
    };
    let format = if inner.ends_with(".txt") {
        Format::Text
    } else if inner.ends_with(".html") || inner.ends_with(".htm") {
        Format::Html
    } else if inner.ends_with(".warc") {
        return Err(IngestError::Unsupported {
            path: path.into(),
            what: "WARC",
        });
    } else if inner.ends_with(".xml") || inner.ends_with(".rss") || inner.ends_with(".atom") {
        return Err(IngestError::Unsupported {
            path: path.into(),
            what: "a feed (RSS/Atom)",
        });
    } else if inner.ends_with(".jsonl") {
        return Err(IngestError::Unsupported {
            path: path.into(),
            what: "JSON Lines",
        });
    } else {
        return Ok(None);
    };
    let bytes = read_bytes(path, gzipped)?;
    let content = decode(path, &bytes)?;
    if content.trim().is_empty() {
        return Err(IngestError::Empty { path: path.into() });
    }
    Ok(Some(Page {
        source: path.display().to_string(),
        file: path.to_path_buf(),
        url: None,
        format,
        content,
        hints: Hints::default(),
    }))
}

fn read_bytes(path: &Path, gzipped: bool) -> Result<Vec<u8>, IngestError> {
    let io_error = |source| IngestError::Io {
        path: path.into(),
        source,
    };
    let file = File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    let reader: Box<dyn Read> = if gzipped {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    reader
        .take(MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(IngestError::TooLarge { path: path.into() });
    }
    Ok(bytes)
}

/// UTF-8 (BOM optional); otherwise the charset an HTML page declares in its first 2 KB, if encoding_rs
/// knows it and the bytes decode without errors. Anything else is an error: never mojibake.
fn decode(path: &Path, bytes: &[u8]) -> Result<String, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(error) => error,
    };
    if let Some(encoding) = declared_charset(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok(text.into_owned());
        }
    }
    Err(IngestError::Encoding {
        path: path.into(),
        offset: utf8_error.valid_up_to(),
    })
}

fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes()).filter(|e| *e != encoding_rs::UTF_8)
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
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("نص مضغوط".as_bytes()).unwrap();
        write(dir.path(), "c.txt.gz", &gz.finish().unwrap());
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
        assert!(errors[0].ends_with("d.warc: WARC is not read yet"));
        assert!(errors[1].ends_with("e.txt: empty"));
        assert!(errors[2].contains("f.txt: not valid UTF-8 at byte 0"));
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("نص طويل بما يكفي ليقطع".repeat(50).as_bytes())
            .unwrap();
        let bytes = gz.finish().unwrap();
        let path = write(dir.path(), "cut.txt.gz", &bytes[..bytes.len() / 2]);
        let error = read_file(&path).unwrap_err().to_string();
        assert!(error.contains("cut.txt.gz: cannot read"), "{error}");
    }
}
