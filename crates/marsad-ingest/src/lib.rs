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

use scraper::{ElementRef, Html, node::Node};
use thiserror::Error;

/// Largest file read, after decompression: a page bigger than this is an error, not an out-of-memory.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The format a page was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
}

/// One page as read, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The path as given (or found under a folder given).
    pub source: String,
    pub format: Format,
    /// Visible text, one block per line, blank lines removed.
    pub lines: Vec<String>,
    /// The HTML `<title>`, when there is one.
    pub html_title: Option<String>,
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

/// What a batch produced.
#[derive(Debug, Default)]
pub struct Batch {
    pub pages: Vec<Page>,
    pub errors: Vec<IngestError>,
}

/// Reads every file under the given paths (folders recursively, in name order).
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Batch {
    let mut batch = Batch::default();
    for path in paths {
        for entry in walkdir::WalkDir::new(path.as_ref()).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => match read_file(entry.path()) {
                    Ok(Some(page)) => batch.pages.push(page),
                    Ok(None) => {}
                    Err(error) => batch.errors.push(error),
                },
                Ok(_) => {}
                Err(error) => batch.errors.push(IngestError::Io {
                    path: error
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| path.as_ref().to_path_buf()),
                    source: error.into(),
                }),
            }
        }
    }
    batch
}

/// Reads one file. `Ok(None)` for files that are not pages at all (README.md, scripts).
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
    let text = decode(path, &bytes)?;
    let source = path.display().to_string();
    let page = match format {
        Format::Text => Page {
            source,
            format,
            lines: text_lines(&text),
            html_title: None,
        },
        Format::Html => {
            let (lines, html_title) = html_lines(&text);
            Page {
                source,
                format,
                lines,
                html_title,
            }
        }
    };
    if page.lines.is_empty() {
        return Err(IngestError::Empty { path: path.into() });
    }
    Ok(Some(page))
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

fn text_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Visible text of an HTML page, one line per block element.
fn html_lines(html: &str) -> (Vec<String>, Option<String>) {
    let document = Html::parse_document(html);
    let mut lines = Vec::new();
    let mut current = String::new();
    collect_text(document.root_element(), &mut lines, &mut current);
    flush(&mut lines, &mut current);
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|selector| document.select(&selector).next())
        .map(|t| {
            t.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty());
    (lines, title)
}

fn collect_text(element: ElementRef<'_>, lines: &mut Vec<String>, current: &mut String) {
    let name = element.value().name();
    if matches!(
        name,
        "script" | "style" | "noscript" | "template" | "head" | "svg"
    ) {
        return;
    }
    let block = is_block(name);
    if block {
        flush(lines, current);
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                current.push_str(text);
            }
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    collect_text(child, lines, current);
                }
            }
            _ => {}
        }
    }
    if block {
        flush(lines, current);
    }
}

fn flush(lines: &mut Vec<String>, current: &mut String) {
    let line = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !line.is_empty() {
        lines.push(line);
    }
    current.clear();
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "br"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "form"
            | "dd"
            | "dt"
            | "pre"
            | "address"
            | "time"
            | "button"
            | "label"
            | "body"
    )
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
        let lines: Vec<_> = batch.pages.iter().map(|p| p.lines.clone()).collect();
        assert_eq!(
            lines,
            [
                vec!["سطر أول", "سطر ثان"],
                vec!["الرئيسية", "فقرة أولى"],
                vec!["نص مضغوط"],
                vec!["مرحبا"]
            ]
        );
        assert_eq!(batch.pages[1].html_title.as_deref(), Some("عنوان"));
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
